from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    foreign_policy_count = fields.Integer(compute="_compute_foreign_policy_count")

    def _compute_foreign_policy_count(self):
        counts = dict(
            self.env["insurance.policy"]._read_group(
                [("partner_id", "in", self._origin.ids), ("origin", "=", "foreign")],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.foreign_policy_count = counts.get(partner._origin, 0)

    def action_add_foreign_policy(self):
        self.ensure_one()
        return self.env["insurance.foreign.policy.entry"]._action_open(partner=self)

    def _action_view_foreign_policies(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_prolongation.insurance_policy_action_foreign"
        )
        action["domain"] = [("origin", "=", "foreign"), ("partner_id", "in", self.ids)]
        action["context"] = {"default_origin": "foreign", "default_partner_id": self[:1].id}
        return action

    def action_view_foreign_policies(self):
        self.ensure_one()
        return self._action_view_foreign_policies()
