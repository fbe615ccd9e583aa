from odoo import _, fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    renewal_policy_id = fields.Many2one(
        "insurance.policy",
        string="Renewed Policy",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        tracking=True,
        help="The policy this deal renews. A policy has at most one renewal deal.",
    )
    renewal_origin = fields.Selection(related="renewal_policy_id.origin", string="Policy Origin")
    renewal_date_end = fields.Date(related="renewal_policy_id.date_end", string="Policy Ends")
    renewal_insurer_id = fields.Many2one(
        related="renewal_policy_id.insurer_id", string="Current Insurer"
    )
    renewal_product_id = fields.Many2one(related="renewal_policy_id.product_id")
    renewal_last_premium = fields.Monetary(
        string="Last Premium",
        currency_field="company_currency",
        copy=False,
        help="The premium of the policy being renewed when the renewal deal was created.",
    )
    foreign_policy_count = fields.Integer(compute="_compute_foreign_policy_count")

    _sql_constraints = [
        (
            "renewal_policy_uniq",
            "unique(renewal_policy_id)",
            "This policy already has a renewal deal.",
        ),
    ]

    def _compute_foreign_policy_count(self):
        counts = dict(
            self.env["insurance.policy"]._read_group(
                [("partner_id", "in", self.partner_id.ids), ("origin", "=", "foreign")],
                ["partner_id"],
                ["__count"],
            )
        )
        for lead in self:
            lead.foreign_policy_count = counts.get(lead.partner_id, 0)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        if vals.get("stage_id") and self.env["crm.stage"].browse(vals["stage_id"]).is_won:
            self.filtered("renewal_policy_id")._check_renewal_can_be_won()
        res = super().write(vals)
        renewals = self.filtered("renewal_policy_id")
        if renewals and vals.get("stage_id"):
            renewals.filtered(lambda lead: lead.stage_id.is_won)._mark_renewal_won()
        if renewals and vals.get("active"):
            renewals._clear_renewal_lost()
        elif renewals and ("active" in vals or "lost_reason_id" in vals):
            renewals.filtered(lambda lead: not lead.active)._mark_renewal_lost()
        return res

    def action_set_lost(self, **additional_values):
        res = super().action_set_lost(**additional_values)
        self.filtered("renewal_policy_id")._post_renewal_lost()
        return res

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_add_foreign_policy(self):
        """Quick entry of a policy the client holds elsewhere, from the deal."""
        self.ensure_one()
        return self.env["insurance.foreign.policy.entry"]._action_open(
            partner=self.partner_id, lead=self
        )

    def action_view_foreign_policies(self):
        self.ensure_one()
        return self.partner_id._action_view_foreign_policies()

    def action_view_renewal_policy(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "insurance.policy",
            "res_id": self.renewal_policy_id.id,
            "view_mode": "form",
        }

    def _action_open_renewals(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_prolongation.crm_lead_action_renewals"
        )
        if len(self) == 1:
            action.update({"res_id": self.id, "view_mode": "form", "views": [(False, "form")]})
        else:
            action["domain"] = [("id", "in", self.ids)]
        action["context"] = {"active_test": False}
        return action

    # ------------------------------------------------------------
    # Renewal won / lost
    # ------------------------------------------------------------

    def _renewal_new_policy(self):
        """The policy sold in this renewal deal: its first policy that is not
        cancelled and is not the policy being renewed."""
        self.ensure_one()
        return self.policy_ids.filtered(
            lambda p: p.state != "cancelled" and p != self.renewal_policy_id
        )[:1]

    def _check_renewal_can_be_won(self):
        for lead in self:
            if not lead._renewal_new_policy():
                raise UserError(
                    _(
                        "Deal %(deal)s renews policy %(policy)s: add the new policy to the "
                        "deal before marking it won.",
                        deal=lead.name,
                        policy=lead.renewal_policy_id.name,
                    )
                )

    def _mark_renewal_won(self):
        """The old policy is renewed by the new one, and each points to the other."""
        for lead in self:
            old_policy = lead.renewal_policy_id.sudo()
            new_policy = lead._renewal_new_policy().sudo()
            new_policy.renewal_of_policy_id = old_policy
            old_policy.write(
                {
                    "state": "renewed",
                    "renewed_by_policy_id": new_policy.id,
                    "renewal_lost_reason_id": False,
                    "renewal_lost_date": False,
                }
            )

    def _mark_renewal_lost(self):
        """The old policy keeps why its renewal was lost, for the renewal rate."""
        today = fields.Date.context_today(self)
        for lead in self:
            lead.renewal_policy_id.sudo().write(
                {
                    "renewal_lost_reason_id": lead.lost_reason_id.id,
                    "renewal_lost_date": lead.renewal_policy_id.renewal_lost_date or today,
                }
            )

    def _post_renewal_lost(self):
        for lead in self:
            lead.renewal_policy_id.sudo().message_post(
                body=_(
                    "Renewal lost in deal %(deal)s: %(reason)s",
                    deal=lead.name,
                    reason=lead.lost_reason_id.name or _("no reason given"),
                )
            )

    def _clear_renewal_lost(self):
        self.renewal_policy_id.sudo().write(
            {"renewal_lost_reason_id": False, "renewal_lost_date": False}
        )

    # ------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------

    def _schedule_renewal_activities(self, company, today):
        """One activity per renewal deal for its assignee, created in one batch;
        the assignee sees it in the activity menu, without an e-mail per deal."""
        activity_type = company.renewal_activity_type_id or self.env.ref(
            "mail.mail_activity_data_todo"
        )
        model_id = self.env["ir.model"]._get_id("crm.lead")
        deadline = today + fields.date_utils.relativedelta(days=company.renewal_activity_days)
        vals_list = []
        for lead in self.filtered("user_id"):
            policy = lead.renewal_policy_id
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": lead.id,
                    "activity_type_id": activity_type.id,
                    "user_id": lead.user_id.id,
                    "date_deadline": min(deadline, policy.date_end),
                    "summary": _(
                        "Offer the renewal of %(product)s %(number)s",
                        product=policy.product_id.name,
                        number=policy.name,
                    ),
                }
            )
        return (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )
