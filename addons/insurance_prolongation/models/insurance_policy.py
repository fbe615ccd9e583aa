import logging
import threading
import time
from datetime import timedelta

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import split_every

from .res_company import ORIGINS

_logger = logging.getLogger(__name__)

# Deals created per committed transaction by the renewal cron.
RENEWAL_BATCH_SIZE = 500
# A cron call stops after this many seconds and reports what remains, so that
# the scheduler calls it again instead of one call outliving the worker's limits.
RENEWAL_TIME_BUDGET = 240


class InsurancePolicy(models.Model):
    _inherit = "insurance.policy"

    # ------------------------------------------------------------
    # Renewal
    # ------------------------------------------------------------
    renewal_lead_ids = fields.One2many(
        "crm.lead",
        "renewal_policy_id",
        string="Renewal Deals",
        context={"active_test": False},
    )
    renewal_lead_id = fields.Many2one(
        "crm.lead", string="Renewal Deal", compute="_compute_renewal_lead_id"
    )
    renewal_status = fields.Selection(
        selection=[
            ("none", "Not started"),
            ("open", "In progress"),
            ("won", "Won"),
            ("lost", "Lost"),
        ],
        compute="_compute_renewal_lead_id",
    )
    renewed_by_policy_id = fields.Many2one(
        "insurance.policy",
        string="Renewed By",
        index="btree_not_null",
        copy=False,
        tracking=True,
        help="The policy that replaced this one when its renewal deal was won.",
    )
    renewal_of_policy_id = fields.Many2one(
        "insurance.policy",
        string="Renewal Of",
        index="btree_not_null",
        copy=False,
        help="The policy this one renews.",
    )
    renewal_lost_reason_id = fields.Many2one("crm.lost.reason", copy=False, tracking=True)
    renewal_lost_date = fields.Date(string="Renewal Lost On", copy=False)

    @api.depends("renewal_lead_ids.active", "renewal_lead_ids.stage_id")
    def _compute_renewal_lead_id(self):
        for policy in self:
            lead = policy.renewal_lead_ids[:1]
            policy.renewal_lead_id = lead
            if not lead:
                policy.renewal_status = "none"
            elif not lead.active:
                policy.renewal_status = "lost"
            elif lead.stage_id.is_won:
                policy.renewal_status = "won"
            else:
                policy.renewal_status = "open"

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_create_renewal(self):
        """Create the renewal deal now, without waiting for the window."""
        policies = self.filtered(lambda p: not p.renewal_lead_ids)
        if not policies:
            raise UserError(_("These policies already have a renewal deal."))
        leads = self.env["crm.lead"]
        for company, company_policies in policies.grouped("company_id").items():
            leads |= (
                company_policies.sudo()
                .with_company(company)
                ._create_renewal_leads(fields.Date.context_today(self))
            )
        return leads.with_env(self.env)._action_open_renewals()

    def action_open_renewal_lead(self):
        self.ensure_one()
        return self.renewal_lead_ids._action_open_renewals()

    # ------------------------------------------------------------
    # Renewal window and candidates
    # ------------------------------------------------------------

    @api.model
    def _renewal_candidate_domain(self, company, origin, today):
        """Policies of ``company`` and ``origin`` that end within the renewal window
        counted from ``today`` (both ends included) and have no renewal deal yet,
        lost ones included: a lost renewal is not offered again."""
        date_to = today + timedelta(days=company._renewal_days(origin))
        states = ("active",) if origin == "own" else ("draft", "active")
        return [
            ("company_id", "=", company.id),
            ("origin", "=", origin),
            ("state", "in", states),
            ("date_end", ">=", today),
            ("date_end", "<=", date_to),
            ("renewal_lead_ids", "=", False),
        ]

    @api.model
    def _renewal_candidate_ids(self, company, origin, today):
        Policy = self.sudo().with_context(active_test=False)
        return Policy.search(
            self._renewal_candidate_domain(company, origin, today), order="date_end, id"
        ).ids

    # ------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------

    @api.model
    def _cron_create_renewals(
        self, batch_size=RENEWAL_BATCH_SIZE, time_budget=RENEWAL_TIME_BUDGET, commit=True
    ):
        """Create the renewal deals due today, company by company, in committed
        batches. A crash keeps the batches already committed, and the next run
        only looks for policies still without a deal, so nothing starts over.
        ``commit=False`` keeps everything in the caller's transaction (demo data)."""
        auto_commit = commit and not getattr(threading.current_thread(), "testing", False)
        started = time.monotonic()
        today = fields.Date.context_today(self)
        todo = []
        for company in self.env["res.company"].sudo().search([]):
            for origin in ORIGINS:
                ids = self._renewal_candidate_ids(company, origin, today)
                if ids:
                    todo.append((company, ids))
        remaining = sum(len(ids) for _company, ids in todo)
        done = 0
        Cron = self.env["ir.cron"]
        Cron._notify_progress(done=0, remaining=remaining)
        for company, ids in todo:
            lang = company.partner_id.lang or self.env.lang
            for batch_ids in split_every(batch_size, ids):
                if auto_commit:
                    # the lock below must be the first statement of the batch's
                    # transaction: its snapshot then sees every deal committed by a
                    # run that held these policies before
                    self.env.cr.commit()  # pylint: disable=invalid-commit
                policies = self.sudo().with_company(company).with_context(lang=lang)
                policies.browse(batch_ids)._create_renewal_leads(today)
                done += len(batch_ids)
                remaining -= len(batch_ids)
                Cron._notify_progress(done=done, remaining=remaining)
                if auto_commit:
                    self.env.cr.commit()  # pylint: disable=invalid-commit
                    # keep memory flat over a large backlog
                    self.env.invalidate_all()
                if remaining and time_budget and time.monotonic() - started > time_budget:
                    _logger.info("Renewal cron: %s policies left for the next call", remaining)
                    return
        _logger.info("Renewal cron: %s policies processed", done)

    # ------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------

    def _lock_renewal_candidates(self):
        """Lock the policies of this batch and keep those that still lack a
        renewal deal. Policies locked by an overlapping run are skipped: that
        run creates their deals."""
        if not self:
            return self
        self.env.cr.execute(
            "SELECT id FROM insurance_policy WHERE id IN %s FOR NO KEY UPDATE SKIP LOCKED",
            [tuple(self.ids)],
        )
        locked = [row[0] for row in self.env.cr.fetchall()]
        if not locked:
            return self.browse()
        self.env.cr.execute(
            "SELECT renewal_policy_id FROM crm_lead WHERE renewal_policy_id IN %s",
            [tuple(locked)],
        )
        taken = {row[0] for row in self.env.cr.fetchall()}
        return self.browse([pid for pid in self.ids if pid in locked and pid not in taken])

    def _create_renewal_leads(self, today):
        """One renewal deal per policy of ``self`` (one company), with the activity
        of its assignee. The database refuses a second deal for a policy
        (crm_lead_renewal_policy_uniq); a run that loses that race skips it."""
        policies = self._lock_renewal_candidates()
        Lead = self.env["crm.lead"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        )
        if not policies:
            return Lead
        company = policies.company_id
        company.ensure_one()
        assignees = policies._renewal_assignees(company)
        vals_list = policies._prepare_renewal_lead_vals(company, assignees, today)
        try:
            with self.env.cr.savepoint():
                leads = Lead.create(vals_list)
                leads.flush_recordset()
        except psycopg2.IntegrityError:
            leads = Lead
            for vals in vals_list:
                try:
                    with self.env.cr.savepoint():
                        lead = Lead.create(vals)
                        lead.flush_recordset()
                except psycopg2.IntegrityError:
                    _logger.info(
                        "Renewal of policy %s already created by another run",
                        vals["renewal_policy_id"],
                    )
                    continue
                leads |= lead
        leads._schedule_renewal_activities(company, today)
        return leads

    def _renewal_assignees(self, company):
        """The user who receives the renewal of each policy of ``self`` (one
        origin at a time), as the company's settings say. Archived users, users
        who left the company and empty choices go to the fallback user."""
        assignees = {}
        for origin, policies in self.grouped("origin").items():
            mode, fixed_user, pool, team, last = company._renewal_assignment(origin)
            if mode in ("round_robin", "team"):
                members = pool if mode == "round_robin" else team.member_ids
                rotation = members.filtered(lambda u: u._can_receive_renewals(company))
                rotation = rotation.sorted("id")
                if rotation:
                    start = next((i for i, u in enumerate(rotation) if u.id > last.id), 0)
                    for index, policy in enumerate(policies):
                        assignees[policy] = rotation[(start + index) % len(rotation)]
                    company._set_renewal_rotation_last(origin, assignees[policies[-1]])
            else:
                for policy in policies:
                    user = {
                        "seller": policy.seller_id,
                        "issuer": policy.issuer_id,
                        "user": fixed_user,
                    }[mode]
                    if user._can_receive_renewals(company):
                        assignees[policy] = user
        fallback = company.renewal_fallback_user_id
        if not fallback._can_receive_renewals(company):
            fallback = self.env["res.users"]
        for policy in self:
            assignees.setdefault(policy, fallback)
        return assignees

    def _renewal_expected_revenue(self, rules, today):
        """The commission the renewal should earn: the last premium at the rate the
        commission rules give today. A foreign policy's insurer is usually not
        ours, so its renewal is priced by the rules of its product only. Without
        a rule, the last known rate of the policy is used."""
        self.ensure_one()
        insurer = self.insurer_id if self.origin == "own" else self.env["res.partner"]
        rule = rules._pick_rule(insurer, self.product_id, today, self.company_id)
        rate = rule.rate if rule else self.commission_rate
        return self.currency_id.round((self.premium or 0.0) * (rate or 0.0) / 100.0)

    def _prepare_renewal_lead_vals(self, company, assignees, today):
        rules = (
            self.env["insurance.commission.rule"]
            .sudo()
            ._search_candidate_rules(self.insurer_id, self.product_id)
        )
        tags = company.renewal_tag_ids | self.env.ref("insurance_prolongation.crm_tag_renewal")
        origin_tags = {
            "own": self.env.ref("insurance_prolongation.crm_tag_renewal_own"),
            "foreign": self.env.ref("insurance_prolongation.crm_tag_renewal_foreign"),
        }
        vals_list = []
        for policy in self:
            user = assignees[policy]
            issuer = policy.issuer_id if policy.issuer_id._can_receive_renewals(company) else False
            vals = {
                "name": _(
                    "Renewal: %(product)s %(number)s, %(client)s",
                    product=policy.product_id.name,
                    number=policy.name,
                    client=policy.partner_id.name,
                ),
                "type": "opportunity",
                "partner_id": policy.partner_id.id,
                "user_id": user.id,
                "seller_id": user.id,
                "issuer_id": issuer and issuer.id,
                "company_id": company.id,
                "renewal_policy_id": policy.id,
                "renewal_last_premium": policy.premium,
                "expected_revenue": policy._renewal_expected_revenue(rules, today),
                "date_deadline": policy.date_end,
                "tag_ids": [fields.Command.set((tags | origin_tags[policy.origin]).ids)],
            }
            if company.renewal_team_id:
                vals["team_id"] = company.renewal_team_id.id
            if company.renewal_stage_id:
                vals["stage_id"] = company.renewal_stage_id.id
            vals_list.append(vals)
        return vals_list
