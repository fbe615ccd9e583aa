from odoo import fields, models

from .insurance_read_quota import (
    CALL_LIMIT_PARAM,
    DEFAULT_CALL_LIMIT,
    DEFAULT_HOUR_LIMIT,
    HOUR_LIMIT_PARAM,
)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    insurance_bulk_read_call_limit = fields.Integer(
        string="Client and Policy Records per Request",
        config_parameter=CALL_LIMIT_PARAM,
        default=DEFAULT_CALL_LIMIT,
        help="How many client or policy records a user without the export right may "
        "read in one request.",
    )
    insurance_bulk_read_hour_limit = fields.Integer(
        string="Client and Policy Records per Hour",
        config_parameter=HOUR_LIMIT_PARAM,
        default=DEFAULT_HOUR_LIMIT,
        help="How many client or policy records a user without the export right may "
        "read in an hour.",
    )

    insurance_discount_default_limit = fields.Float(
        related="company_id.insurance_discount_default_limit", readonly=False
    )
    insurance_discount_approver_id = fields.Many2one(
        related="company_id.insurance_discount_approver_id", readonly=False
    )
