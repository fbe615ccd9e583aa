from odoo import api, fields, models


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "insurance.team.mixin"]

    policy_ids = fields.One2many("insurance.policy", "lead_id", string="Policies")
    policy_count = fields.Integer(compute="_compute_policy_totals", store=True)
    policy_premium_total = fields.Monetary(
        string="Premium",
        compute="_compute_policy_totals",
        store=True,
        currency_field="company_currency",
    )
    policy_commission_total = fields.Monetary(
        string="Commission",
        compute="_compute_policy_totals",
        store=True,
        currency_field="company_currency",
    )

    expected_revenue = fields.Monetary(
        compute="_compute_expected_revenue", store=True, readonly=False
    )

    @api.depends("policy_commission_total")
    def _compute_expected_revenue(self):
        """The broker earns the commission, not the premium: once a deal carries
        policies, its expected revenue is their commission."""
        for lead in self:
            if lead.policy_count:
                lead.expected_revenue = lead.policy_commission_total

    @api.depends("policy_ids.premium", "policy_ids.commission_amount", "policy_ids.state")
    def _compute_policy_totals(self):
        for lead in self:
            # the smart button counts every policy it opens; the totals count sales
            lead.policy_count = len(lead.policy_ids)
            policies = lead.policy_ids.filtered(lambda p: p.state != "cancelled")
            lead.policy_premium_total = sum(policies.mapped("premium"))
            lead.policy_commission_total = sum(policies.mapped("commission_amount"))

    def write(self, vals):
        res = super().write(vals)
        if vals.get("stage_id"):
            self.filtered(lambda lead: lead.stage_id.is_won)._activate_draft_policies()
        if "active" in vals and not vals["active"]:
            self._cancel_draft_policies()
        return res

    def _activate_draft_policies(self):
        """A won deal means the client bought: its draft policies come into force."""
        self.policy_ids.filtered(lambda p: p.state == "draft").action_activate()

    def _cancel_draft_policies(self):
        """A lost deal sold nothing: its draft policies are cancelled, never deleted,
        so the register keeps what was offered."""
        self.policy_ids.filtered(lambda p: p.state == "draft").action_cancel()

    def _prepare_policy_defaults(self):
        self.ensure_one()
        return {
            "default_lead_id": self.id,
            "default_partner_id": self.partner_id.id,
            "default_seller_id": self.seller_id.id or self.user_id.id,
            "default_issuer_id": self.issuer_id.id,
        }

    def action_view_policies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_broker.insurance_policy_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = self._prepare_policy_defaults()
        return action
