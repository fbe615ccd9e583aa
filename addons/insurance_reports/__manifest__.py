{
    "name": "Insurance Reports",
    "summary": "Policy register, manager pay, sales plans and the head of sales' KPIs",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/insurance-broker-crm/insurance-broker-crm",
    "author": "Insurance Broker CRM developers",
    "license": "LGPL-3",
    "depends": ["insurance_broker"],
    "data": [],
    "installable": True,
    "application": False,
}
