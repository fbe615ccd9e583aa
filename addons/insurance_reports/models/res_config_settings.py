from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ltv_years = fields.Integer(related="company_id.ltv_years", readonly=False)
    toxic_period_months = fields.Integer(related="company_id.toxic_period_months", readonly=False)
    toxic_loss_ratio = fields.Float(related="company_id.toxic_loss_ratio", readonly=False)
    toxic_complaint_count = fields.Integer(
        related="company_id.toxic_complaint_count", readonly=False
    )
    toxic_discount_count = fields.Integer(related="company_id.toxic_discount_count", readonly=False)
    toxic_late_payment_count = fields.Integer(
        related="company_id.toxic_late_payment_count", readonly=False
    )
    toxic_payment_grace_days = fields.Integer(
        related="company_id.toxic_payment_grace_days", readonly=False
    )
