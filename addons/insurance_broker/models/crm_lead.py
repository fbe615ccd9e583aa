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

    # Compliance checklist (insurance.compliance.check): what must hold before a sale
    compliance_line_ids = fields.One2many(
        "insurance.compliance.line", "lead_id", string="Compliance Checklist"
    )
    compliance_complete = fields.Boolean(
        compute="_compute_compliance",
        search="_search_compliance_complete",
        help="Every compliance check that applies to this deal is satisfied.",
    )
    compliance_missing = fields.Text(
        string="Missing for Compliance",
        compute="_compute_compliance",
        help="The compliance checks still to settle before the deal can be won.",
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

    @api.depends(
        "partner_id.commercial_partner_id.vat",
        "partner_id.commercial_partner_id.is_company",
        "partner_id.commercial_partner_id.pd_consent_date",
        "partner_id.commercial_partner_id.identity_document_type",
        "partner_id.commercial_partner_id.identity_document_number",
        "compliance_line_ids.done",
        "company_id",
    )
    def _compute_compliance(self):
        """Not recomputed while policy lines are edited in the form (that would
        slow every line's onchange): checks limited to products show after the
        deal is saved. The won rule itself always reads the current policies."""
        missing_by_lead = self._compliance_missing_by_lead()
        for lead in self:
            missing = missing_by_lead.get(lead, [])
            lead.compliance_complete = not missing
            lead.compliance_missing = "\n".join(missing) or False

    def _search_compliance_complete(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Search on compliance with = or != only."))
        # only open deals can miss something: a won deal passed the checklist
        leads = self.search([("stage_id.is_won", "=", False)])
        missing = self._compliance_missing_by_lead_for(leads)
        incomplete_ids = [lead.id for lead in leads if missing.get(lead)]
        wanted_complete = (operator == "=") == bool(value)
        return [("id", "not in" if wanted_complete else "in", incomplete_ids)]

    @api.model_create_multi
    def create(self, vals_list):
        self._check_client_references(vals_list, ("partner_id",))
        leads = super().create(vals_list)
        leads._sync_compliance_lines()
        return leads

    def write(self, vals):
        self._check_client_references([vals], ("partner_id",))
        if vals.get("stage_id") and self.env["crm.stage"].browse(vals["stage_id"]).is_won:
            self._check_can_be_won()
        res = super().write(vals)
        if vals.get("stage_id"):
            self.filtered(lambda lead: lead.stage_id.is_won)._activate_draft_policies()
        if "active" in vals and not vals["active"]:
            self._cancel_draft_policies()
        if set(vals) & {"partner_id", "company_id", "type", "active"}:
            self._sync_compliance_lines()
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
        return self._compliance_blockers() + self._discount_won_blockers()

    def _compliance_blockers(self):
        """The compliance checks this deal still misses, one sentence each."""
        self.ensure_one()
        return self._compliance_missing_by_lead().get(self, [])

    def _compliance_missing_by_lead(self):
        return self._compliance_missing_by_lead_for(self)

    @api.model
    def _compliance_missing_by_lead_for(self, leads):
        """{lead: [sentence per missing check]} for a batch of deals."""
        checks_by_lead = self.env["insurance.compliance.check"].sudo()._checks_for_leads(leads)
        result = {}
        for lead in leads:
            ticked = lead.compliance_line_ids.filtered("done").check_id.sudo()
            reasons = [check._missing_reason(lead, ticked) for check in checks_by_lead[lead]]
            result[lead] = [reason for reason in reasons if reason]
        return result

    def _sync_compliance_lines(self):
        """Keep one checklist line per compliance check that applies to each open
        deal's client; lines of checks that no longer apply go, unless already
        ticked. Checks limited to some products get a line whatever the deal's
        policies: the line tells whether it is required (so adding a policy
        needs no resync)."""
        leads = self.sudo().filtered(lambda lead: lead.active and not lead.stage_id.is_won)
        if not leads:
            return
        checks_by_lead = (
            self.env["insurance.compliance.check"]
            .sudo()
            ._checks_for_leads(leads, product_scope=False)
        )
        Line = self.env["insurance.compliance.line"].sudo()
        to_create, to_remove = [], Line
        for lead in leads:
            checks = checks_by_lead[lead]
            lines = lead.compliance_line_ids
            to_create += [
                {"lead_id": lead.id, "check_id": check.id} for check in checks - lines.check_id
            ]
            to_remove |= lines.filtered(
                lambda line, c=checks: line.check_id not in c and not line.done
            )
        to_remove.unlink()
        Line.create(to_create)

    @api.model
    def _search_open_for_compliance(self):
        return self.sudo().search([("stage_id.is_won", "=", False)])

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
