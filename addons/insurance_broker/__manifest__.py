{
    "name": "Insurance Broker",
    "summary": "Policies inside CRM deals: products, insurers, commission rules, "
    "seller and issuer, the client's insurance card",
    "version": "18.0.1.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/insurance-broker-crm/insurance-broker-crm",
    "author": "Insurance Broker CRM developers",
    "license": "LGPL-3",
    "depends": ["crm", "phone_validation", "web_tour"],
    "external_dependencies": {"python": ["phonenumbers", "python-stdnum"]},
    "data": [
        "security/insurance_broker_security.xml",
        "security/ir.model.access.csv",
        "data/insurance_broker_data.xml",
        "data/ir_cron_data.xml",
        "views/insurance_policy_views.xml",
        "views/insurance_product_views.xml",
        "views/insurance_commission_rule_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/insurance_audit_log_views.xml",
        "views/res_config_settings_views.xml",
        "views/insurance_broker_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/insurance_catalogue_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/insurance_policy_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "insurance_broker/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "application": True,
}
