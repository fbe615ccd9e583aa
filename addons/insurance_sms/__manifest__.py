{
    "name": "Insurance SMS",
    "summary": "SMS to insurance clients: deal stage, expiry reminders, after a call",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/insurance-broker-crm/insurance-broker-crm",
    "author": "Insurance Broker CRM developers",
    "license": "LGPL-3",
    "depends": ["insurance_broker", "sms", "base_automation"],
    "data": [],
    "installable": True,
    "application": False,
}
