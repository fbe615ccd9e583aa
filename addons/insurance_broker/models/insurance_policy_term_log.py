from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Terms of a policy in force whose changes must leave an immutable trace.
AUDITED_TERMS = (
    "premium",
    "commission_rate",
    "date_sale",
    "date_start",
    "date_end",
    "insurer_id",
    "product_id",
    "seller_id",
    "issuer_id",
    "discount_percent",
)


class InsurancePolicyTermLog(models.Model):
    """Old and new value of a term changed on a policy in force. The chatter's
    tracking can be edited or deleted; these rows cannot."""

    _name = "insurance.policy.term.log"
    _description = "Policy Terms Change Log"
    _order = "date desc, id desc"
    _rec_name = "field_description"

    policy_id = fields.Many2one(
        "insurance.policy", required=True, readonly=True, index=True, ondelete="restrict"
    )
    field_name = fields.Char(required=True, readonly=True)
    field_description = fields.Char(string="Term", required=True, readonly=True)
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    user_id = fields.Many2one("res.users", string="Author", required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)

    def write(self, vals):
        if vals:
            raise UserError(_("The log of policy term changes cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("The log of policy term changes cannot be deleted."))

    @api.model
    def _snapshot(self, policies):
        """{policy id: {term: display value}} of the policies in force, and of
        the policies whose discount is approved or waiting for approval (their
        terms are what the approver decides on)."""
        under_approval = set(
            self.env["insurance.discount.approval"]
            .sudo()
            .search([("policy_id", "in", policies.ids), ("state", "in", ("pending", "approved"))])
            .policy_id.ids
        )
        return {
            policy.id: {fname: self._display_value(policy, fname) for fname in AUDITED_TERMS}
            for policy in policies.filtered(lambda p: p.state == "active" or p.id in under_approval)
        }

    @api.model
    def _display_value(self, policy, fname):
        value = policy[fname]
        field = policy._fields[fname]
        if field.type == "many2one":
            return value.sudo().display_name if value else ""
        if field.type == "date":
            return fields.Date.to_string(value) if value else ""
        if field.type == "monetary":
            return "%.2f" % value
        if field.type == "float":
            return "%.2f" % value
        return str(value) if value else ""

    @api.model
    def _log_changes(self, policies, before):
        """Compare ``policies`` with their ``before`` snapshot and write a row
        per changed term."""
        rows = []
        for policy in policies.filtered(lambda p: p.id in before):
            for fname, old in before[policy.id].items():
                new = self._display_value(policy, fname)
                if new != old:
                    rows.append(
                        {
                            "policy_id": policy.id,
                            "field_name": fname,
                            "field_description": policy._fields[fname]._description_string(
                                self.env
                            ),
                            "old_value": old,
                            "new_value": new,
                            "user_id": self.env.uid,
                        }
                    )
        if rows:
            self.sudo().create(rows)
