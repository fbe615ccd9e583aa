from odoo import fields, models


class InsuranceDiscountRequestWizard(models.TransientModel):
    """Asks the seller why the client deserves a discount above their limit."""

    _name = "insurance.discount.request.wizard"
    _description = "Request a Discount Approval"

    lead_id = fields.Many2one("crm.lead", string="Deal", readonly=True)
    policy_ids = fields.Many2many("insurance.policy", string="Policies", readonly=True)
    reason = fields.Text(
        string="Justification",
        required=True,
        help="Why the client should get this discount: volume, competition, "
        "strategic client, other products promised...",
    )

    def action_request(self):
        self.ensure_one()
        approvals = self.policy_ids._request_discount_approval(self.reason)
        if len(approvals) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "insurance.discount.approval",
                "res_id": approvals.id,
                "view_mode": "form",
            }
        return {"type": "ir.actions.act_window_close"}
