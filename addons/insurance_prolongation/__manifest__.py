{
    "name": "Insurance Renewals",
    "summary": "Renewals of own and foreign policies, who receives them, "
    "and the import of the existing policy register",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/insurance-broker-crm/insurance-broker-crm",
    "author": "Insurance Broker CRM developers",
    "license": "LGPL-3",
    "depends": ["insurance_broker", "crm", "mail"],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/insurance_prolongation_security.xml",
        "security/ir.model.access.csv",
        "data/crm_tag_data.xml",
        "data/ir_cron_data.xml",
        "views/insurance_policy_views.xml",
        "views/crm_lead_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/insurance_name_alias_views.xml",
        "wizard/insurance_foreign_policy_entry_views.xml",
        "wizard/insurance_policy_import_views.xml",
        "views/insurance_prolongation_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/insurance_policy_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "insurance_prolongation/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "application": False,
}
