from odoo import _, api, fields, models
from odoo.exceptions import UserError


class InsurancePolicyCancel(models.TransientModel):
    """Asks why a policy in force is cancelled, then cancels it."""

    _name = "insurance.policy.cancel"
    _description = "Cancel a Policy"

    policy_ids = fields.Many2many("insurance.policy", string="Policies", required=True)
    reason_id = fields.Many2one("insurance.cancellation.reason", required=True)
    cancellation_date = fields.Date(required=True, default=fields.Date.context_today)
    comment = fields.Text(help="Posted on the policy's chatter.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if (
            self.env.context.get("active_model") == "insurance.policy"
            and "policy_ids" in fields_list
        ):
            values["policy_ids"] = [fields.Command.set(self.env.context.get("active_ids", []))]
        return values

    def action_confirm(self):
        self.ensure_one()
        if not self.reason_id:
            raise UserError(_("Choose the reason why the policy is cancelled."))
        policies = self.policy_ids._cancel_with_reason(self.reason_id, self.cancellation_date)
        if self.comment:
            for policy in policies:
                policy.message_post(body=self.comment)
        return {"type": "ir.actions.act_window_close"}
