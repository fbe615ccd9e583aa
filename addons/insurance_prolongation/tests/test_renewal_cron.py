from datetime import date

import psycopg2
from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RenewalCommon


@tagged("post_install", "-at_install")
class TestRenewalWindow(RenewalCommon):
    """Which policies get a renewal deal today."""

    def test_window_edges_own(self):
        inside = self._ending_policy(self._days(30))
        today = self._ending_policy(self._days(0))
        outside = self._ending_policy(self._days(31))
        ended = self._ending_policy(self._days(-1))
        self._run_cron()
        self.assertEqual(len(self._renewals_of(inside)), 1, "exactly 30 days ahead is in")
        self.assertEqual(len(self._renewals_of(today)), 1, "ending today is still in")
        self.assertFalse(self._renewals_of(outside), "31 days ahead waits for tomorrow")
        self.assertFalse(self._renewals_of(ended), "an ended policy is too late")

    def test_window_edges_foreign(self):
        inside = self._ending_policy(self._days(45), origin="foreign")
        outside = self._ending_policy(self._days(46), origin="foreign")
        self._run_cron()
        self.assertEqual(len(self._renewals_of(inside)), 1)
        self.assertFalse(self._renewals_of(outside))

    def test_only_eligible_states(self):
        draft_own = self._create_policy(date_end=self._days(10), state="draft")
        cancelled = self._ending_policy(self._days(10))
        cancelled.state = "cancelled"
        renewed_foreign = self._ending_policy(self._days(10), origin="foreign")
        renewed_foreign.state = "renewed"
        draft_foreign = self._create_policy(
            date_end=self._days(10), origin="foreign", state="draft"
        )
        self._run_cron()
        self.assertFalse(self._renewals_of(draft_own | cancelled | renewed_foreign))
        self.assertEqual(len(self._renewals_of(draft_foreign)), 1, "foreign policies are renewed")

    def test_end_of_month(self):
        with freeze_time("2027-01-31"):
            last = self._ending_policy(date(2027, 3, 2))  # 31 Jan + 30 days
            after = self._ending_policy(date(2027, 3, 3))
            self._run_cron()
        self.assertEqual(len(self._renewals_of(last)), 1)
        self.assertFalse(self._renewals_of(after))

    def test_29_february(self):
        with freeze_time("2028-01-30"):
            leap_day = self._ending_policy(date(2028, 2, 29))  # 30 days ahead
            first_march = self._ending_policy(date(2028, 3, 1))
            foreign_leap = self._ending_policy(date(2028, 2, 29), origin="foreign")
            self._run_cron()
        self.assertEqual(len(self._renewals_of(leap_day)), 1)
        self.assertFalse(self._renewals_of(first_march))
        self.assertEqual(len(self._renewals_of(foreign_leap)), 1)
        with freeze_time("2028-01-31"):
            self._run_cron()
        self.assertEqual(len(self._renewals_of(first_march)), 1, "its turn came the next day")

    def test_own_and_foreign_settings_kept_apart(self):
        self.company.write(
            {
                "renewal_days_own": 10,
                "renewal_days_foreign": 60,
                "renewal_assign_own": "seller",
                "renewal_assign_foreign": "user",
                "renewal_user_foreign_id": self.user_manager_3.id,
            }
        )
        own_late = self._ending_policy(self._days(20))
        own_due = self._ending_policy(self._days(10))
        foreign_due = self._ending_policy(self._days(60), origin="foreign")
        self._run_cron()
        self.assertFalse(self._renewals_of(own_late), "own policies use their own 10 days")
        self.assertEqual(self._renewals_of(own_due).user_id, self.user_manager)
        self.assertEqual(self._renewals_of(foreign_due).user_id, self.user_manager_3)
        self.assertEqual(self.company.renewal_days_own, 10)
        self.assertEqual(self.company.renewal_assign_own, "seller")

    def test_settings_through_config_screen(self):
        settings = (
            self.env["res.config.settings"]
            .with_company(self.company)
            .create({"renewal_days_own": 21, "renewal_days_foreign": 50})
        )
        settings.execute()
        self.assertEqual(self.company.renewal_days_own, 21)
        self.assertEqual(self.company.renewal_days_foreign, 50)
        other = self.env["res.company"].create({"name": "Другой брокер"})
        self.assertEqual((other.renewal_days_own, other.renewal_days_foreign), (30, 45))


@tagged("post_install", "-at_install")
class TestRenewalDeal(RenewalCommon):
    """What a renewal deal carries."""

    def test_deal_content(self):
        policy = self._ending_policy(self._days(20), premium=10000.0)
        self.rule_insurer_a.rate = 9.0  # the rate changed since the sale
        lead = self._run_cron().filtered(lambda lead: lead.renewal_policy_id == policy)
        self.assertEqual(lead.partner_id, self.client)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.user_id, self.user_manager)
        self.assertEqual(lead.stage_id, self.stage_renewal)
        self.assertEqual(lead.team_id, self.team_renewal)
        self.assertEqual(lead.renewal_last_premium, 10000.0)
        self.assertEqual(lead.expected_revenue, 900.0, "last premium x today's rule for A/КАСКО")
        tags = lead.tag_ids
        self.assertIn(self.tag_vip, tags)
        self.assertIn(self.env.ref("insurance_prolongation.crm_tag_renewal"), tags)
        self.assertIn(self.env.ref("insurance_prolongation.crm_tag_renewal_own"), tags)
        self.assertNotIn(self.env.ref("insurance_prolongation.crm_tag_renewal_foreign"), tags)
        activity = lead.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertEqual(activity.activity_type_id, self.activity_call)
        self.assertEqual(activity.date_deadline, self._days(3))
        self.assertEqual(policy.renewal_lead_id, lead)
        self.assertEqual(policy.renewal_status, "open")

    def test_activity_never_after_the_end(self):
        policy = self._ending_policy(self._days(1))
        lead = self._run_cron().filtered(lambda lead: lead.renewal_policy_id == policy)
        self.assertEqual(lead.activity_ids.date_deadline, self._days(1))

    def test_foreign_expected_revenue_from_product_rules(self):
        osago = self._ending_policy(
            self._days(20), origin="foreign", product_id=self.product_osago.id, premium=8000.0
        )
        kasko = self._ending_policy(self._days(20), origin="foreign", premium=50000.0)
        self._run_cron()
        # insurer A's own 12% does not apply to a policy held elsewhere: ОСАГО rule 10%
        self.assertEqual(self._renewals_of(osago).expected_revenue, 800.0)
        # no КАСКО rule: the general 5%
        self.assertEqual(self._renewals_of(kasko).expected_revenue, 2500.0)
        self.assertIn(
            self.env.ref("insurance_prolongation.crm_tag_renewal_foreign"),
            self._renewals_of(kasko).tag_ids,
        )

    def test_manual_renewal_outside_window(self):
        policy = self._ending_policy(self._days(90))
        policy.action_create_renewal()
        self.assertEqual(len(self._renewals_of(policy)), 1)
        self._run_cron()
        self.assertEqual(len(self._renewals_of(policy)), 1)


@tagged("post_install", "-at_install")
class TestRenewalIdempotency(RenewalCommon):
    """Never two renewal deals for one policy."""

    def test_second_run_creates_nothing(self):
        policies = self._ending_policy(self._days(5)) | self._ending_policy(self._days(15))
        first = self._run_cron()
        second = self._run_cron()
        self.assertEqual(first, second)
        self.assertEqual(len(self._renewals_of(policies)), 2)
        self.assertEqual(len(self._renewals_of(policies).activity_ids), 2)

    def test_lost_renewal_not_offered_again(self):
        policy = self._ending_policy(self._days(5))
        self._run_cron()
        self._renewals_of(policy).action_set_lost(lost_reason_id=self.lost_reason.id)
        self._run_cron()
        self.assertEqual(len(self._renewals_of(policy)), 1)

    def test_database_refuses_a_second_deal(self):
        policy = self._ending_policy(self._days(5))
        self._run_cron()
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.env["crm.lead"].create(
                    {"name": "Вторая пролонгация", "renewal_policy_id": policy.id}
                )
                self.env.flush_all()

    def test_run_with_stale_candidates_skips_them(self):
        """A run that chose its policies before another run committed their deals
        (its snapshot is older) hits the unique index and skips them."""
        policies = self._ending_policy(self._days(5)) | self._ending_policy(self._days(6))
        today = self.today
        policies.sudo().with_company(self.company)._create_renewal_leads(today)
        Policy = type(self.env["insurance.policy"])
        original = Policy._lock_renewal_candidates
        Policy._lock_renewal_candidates = lambda self: self
        try:
            with mute_logger("odoo.sql_db"):
                created = policies.sudo().with_company(self.company)._create_renewal_leads(today)
        finally:
            Policy._lock_renewal_candidates = original
        self.assertFalse(created)
        self.assertEqual(len(self._renewals_of(policies)), 2)


@tagged("post_install", "-at_install")
class TestRenewalBatches(RenewalCommon):
    """Large backlogs: committed batches with progress."""

    def _progress(self):
        cron = self.env.ref("insurance_prolongation.ir_cron_create_renewals")
        return self.env["ir.cron.progress"].create({"cron_id": cron.id, "done": 0, "remaining": 0})

    def test_progress_reported(self):
        policies = self.Policy
        for days in range(1, 8):
            policies |= self._ending_policy(self._days(days))
        progress = self._progress()
        self.Policy.with_context(ir_cron_progress_id=progress.id)._cron_create_renewals(
            batch_size=3
        )
        mine = self._renewals_of(policies)
        self.assertEqual(len(mine), 7)
        self.assertEqual(progress.remaining, 0)
        self.assertGreaterEqual(progress.done, 7)

    def test_interrupted_run_resumes_where_it_stopped(self):
        policies = self.Policy
        for days in range(1, 6):
            policies |= self._ending_policy(self._days(days))
        # other companies' backlog (demo data) must not hide ours
        self.env["insurance.policy"].search([("company_id", "!=", self.company.id)]).write(
            {"date_end": self._days(400)}
        )
        progress = self._progress()
        self.Policy.with_context(ir_cron_progress_id=progress.id)._cron_create_renewals(
            batch_size=2, time_budget=1e-9
        )
        self.assertEqual(len(self._renewals_of(policies)), 2, "one batch, then the budget ran out")
        self.assertEqual(progress.remaining, 3, "the scheduler is told to call again")
        self.Policy._cron_create_renewals(batch_size=2)
        self.assertEqual(len(self._renewals_of(policies)), 5)
        self.assertEqual(
            self._renewals_of(policies).renewal_policy_id, policies, "nothing created twice"
        )

    def test_cron_record(self):
        cron = self.env.ref("insurance_prolongation.ir_cron_create_renewals")
        self.assertEqual(cron.code.strip(), "model._cron_create_renewals()")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertTrue(cron.active)
