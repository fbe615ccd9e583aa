from odoo import _, api, fields, models
from odoo.exceptions import UserError


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

    policy_discount_total = fields.Monetary(
        string="Discounts",
        compute="_compute_policy_totals",
        store=True,
        currency_field="company_currency",
        help="Discounts given to the client out of our commission.",
    )
    discount_approval_ids = fields.One2many(
        "insurance.discount.approval", "lead_id", string="Discount Approvals"
    )
    discount_approval_count = fields.Integer(compute="_compute_discount_approval_count")
    discount_approval_needed = fields.Boolean(
        string="Discount Needs Approval", compute="_compute_discount_approval_count"
    )

    expected_revenue = fields.Monetary(
        compute="_compute_expected_revenue", store=True, readonly=False
    )

    @api.depends("policy_commission_total", "policy_discount_total")
    def _compute_expected_revenue(self):
        """The broker earns the commission, not the premium: once a deal carries
        policies, its expected revenue is their commission, less the discounts
        given out of it."""
        for lead in self:
            if lead.policy_count:
                lead.expected_revenue = lead.policy_commission_total - lead.policy_discount_total

    @api.depends(
        "policy_ids.premium",
        "policy_ids.commission_amount",
        "policy_ids.discount_amount",
        "policy_ids.state",
    )
    def _compute_policy_totals(self):
        for lead in self:
            # the smart button counts every policy it opens; the totals count sales
            lead.policy_count = len(lead.policy_ids)
            policies = lead.policy_ids.filtered(lambda p: p.state != "cancelled")
            lead.policy_premium_total = sum(policies.mapped("premium"))
            lead.policy_commission_total = sum(policies.mapped("commission_amount"))
            lead.policy_discount_total = sum(policies.mapped("discount_amount"))

    @api.depends("discount_approval_ids", "policy_ids.discount_percent", "policy_ids.state")
    def _compute_discount_approval_count(self):
        counts = dict(
            self.env["insurance.discount.approval"]._read_group(
                [("lead_id", "in", self._origin.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.discount_approval_count = counts.get(lead._origin, 0)
            lead.discount_approval_needed = any(
                state in ("required", "rejected")
                for state in lead.policy_ids.mapped("discount_state")
            )

    def write(self, vals):
        if vals.get("stage_id") and self.env["crm.stage"].browse(vals["stage_id"]).is_won:
            self._check_can_be_won()
        res = super().write(vals)
        if vals.get("stage_id"):
            self.filtered(lambda lead: lead.stage_id.is_won)._activate_draft_policies()
        if "active" in vals and not vals["active"]:
            self._cancel_draft_policies()
        return res

    def _check_can_be_won(self):
        """Refuse the won stage while any deal has something left to settle;
        the message lists every blocker of every deal, so it is fixed in one go."""
        problems = []
        for lead in self:
            blockers = lead._won_blockers()
            if blockers:
                problems.append(
                    _("%(deal)s:\n- %(blockers)s", deal=lead.name, blockers="\n- ".join(blockers))
                )
        if problems:
            raise UserError(
                _("The deal cannot be won yet.\n%(problems)s", problems="\n".join(problems))
            )

    def _won_blockers(self):
        """What keeps this deal from being won, one sentence each (empty: nothing).
        Each rule that must hold before a sale adds its own sentences here."""
        self.ensure_one()
        blockers = []
        blockers += self._discount_won_blockers()
        return blockers

    def _discount_won_blockers(self):
        """A policy whose discount exceeds its seller's limit needs an approval
        in force (approved, not superseded)."""
        self.ensure_one()
        messages = {
            "required": _(
                "policy %(policy)s: the discount of %(discount)s%% exceeds the limit of "
                "%(limit)s%%; request its approval"
            ),
            "pending": _(
                "policy %(policy)s: the discount of %(discount)s%% is waiting for approval "
                "(limit %(limit)s%%)"
            ),
            "rejected": _(
                "policy %(policy)s: the discount of %(discount)s%% was rejected "
                "(limit %(limit)s%%); lower it or request a new approval"
            ),
        }
        blockers = []
        for policy in self.policy_ids.filtered(lambda p: p.state != "cancelled"):
            template = messages.get(policy.discount_state)
            if template:
                blockers.append(
                    template
                    % {
                        "policy": policy.name,
                        "discount": f"{policy.discount_percent:g}",
                        "limit": f"{policy.discount_limit:g}",
                    }
                )
        return blockers

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

    def action_request_discount_approval(self):
        """Request the approval of every policy of the deal over its limit."""
        self.ensure_one()
        return self.policy_ids.action_request_discount_approval()

    def action_view_discount_approvals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_broker.insurance_discount_approval_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_policies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_broker.insurance_policy_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = self._prepare_policy_defaults()
        return action
