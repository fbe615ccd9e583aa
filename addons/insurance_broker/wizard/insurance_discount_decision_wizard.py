from odoo import fields, models


class InsuranceDiscountDecisionWizard(models.TransientModel):
    """Approve or reject a discount, with the mandatory comment."""

    _name = "insurance.discount.decision.wizard"
    _description = "Decide on a Discount"

    approval_id = fields.Many2one("insurance.discount.approval", required=True, readonly=True)
    decision = fields.Selection(
        selection=[("approved", "Approve"), ("rejected", "Reject")],
        required=True,
        readonly=True,
    )
    comment = fields.Text(
        help="Your decision and its conditions, e.g. «Утверждаю спецусловия в обмен на "
        "страхование 10 филиалов».",
    )

    def action_confirm(self):
        self.ensure_one()
        self.approval_id._decide(self.decision, self.comment)
        return {"type": "ir.actions.act_window_close"}
