from odoo import fields, models


class InsuranceCancellationReason(models.Model):
    """Why a policy in force was cancelled (the head of sales analyses them)."""

    _name = "insurance.cancellation.reason"
    _description = "Policy Cancellation Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
