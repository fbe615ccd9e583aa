from odoo import fields, models


class InsuranceDiscountApproval(models.Model):
    """A request to grant a client a discount above the requester's limit."""

    _name = "insurance.discount.approval"
    _description = "Discount Approval"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "request_date desc, id desc"

    lead_id = fields.Many2one("crm.lead", string="Deal", required=True, index=True)
    policy_id = fields.Many2one("insurance.policy", string="Policy", index=True)
    partner_id = fields.Many2one("res.partner", string="Client", required=True, index=True)
    requested_by_id = fields.Many2one(
        "res.users", string="Requested By", required=True, default=lambda self: self.env.user
    )
    approver_id = fields.Many2one("res.users", string="Approver", index=True)
    request_date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    discount_requested = fields.Float(string="Requested Discount (%)", digits=(5, 2))
    discount_limit = fields.Float(string="Limit Without Approval (%)", digits=(5, 2))
    reason = fields.Text(string="Justification")
    state = fields.Selection(
        selection=[
            ("pending", "Waiting for Approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("superseded", "Superseded"),
        ],
        required=True,
        default="pending",
        index=True,
        tracking=True,
    )
    decision_comment = fields.Text()
    decided_by_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    decision_date = fields.Datetime(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
