{
    "name": "Insurance Reports",
    "summary": "Policy register, manager pay, sales plans and the head of sales' KPIs",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/insurance-broker-crm/insurance-broker-crm",
    "author": "Insurance Broker CRM developers",
    "license": "LGPL-3",
    "depends": ["insurance_broker"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "security/insurance_reports_security.xml",
        "data/ir_cron_data.xml",
        "views/insurance_register_line_views.xml",
        "views/insurance_sales_plan_views.xml",
        "views/insurance_pay_views.xml",
        "views/insurance_kpi_views.xml",
        "views/insurance_reports_menus.xml",
    ],
    "demo": [
        "demo/insurance_reports_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "insurance_reports/static/src/dashboard/**/*",
        ],
    },
    "installable": True,
    "application": False,
}
