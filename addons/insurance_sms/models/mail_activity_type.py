from odoo import fields, models


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    sms_template_id = fields.Many2one(
        "sms.template",
        string="SMS When Done",
        domain="[('model', '=', res_model)] if res_model else []",
        help="When an activity of this type is marked done, this SMS goes to the "
        "client of the deal or policy.",
    )
