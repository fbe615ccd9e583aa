from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from .profitability_common import InsuranceProfitabilityCommon


@tagged("post_install", "-at_install")
class TestToxicClient(InsuranceProfitabilityCommon):
    """Default thresholds: 24 months; loss ratio 70% with 3 complaints; 3 discount
    requests with 2 premiums paid more than 5 days late."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claimant = cls.env["res.partner"].create(
            {"name": "ООО «Убыточный»", "is_company": True}
        )
        # a year-long policy over 400 days ago: its whole premium of 10 000 is earned
        cls.policy = cls._sold(400, 10000, partner_id=cls.claimant.id)
        cls.claim = cls._claim(cls.policy, 7000)  # exactly 70%
        cls.complaints = cls._complaints(cls.claimant, 3)

        cls.haggler = cls.env["res.partner"].create({"name": "Торгуев Пётр", "is_company": False})
        cls.requests = cls._discount_requests(cls.haggler, 3)
        cls.late = [cls._sold(60, partner_id=cls.haggler.id) for _i in range(2)]
        for policy in cls.late:
            policy.write({"payment_due_date": cls._days(-50), "payment_date": cls._days(-44)})

    def _recompute(self, partners=None):
        (partners or (self.claimant | self.haggler))._recompute_toxic_clients()

    # ------------------------------------------------------------
    # Rule 1: losses and complaints
    # ------------------------------------------------------------

    def test_loss_rule_at_threshold(self):
        self._recompute()
        self.assertTrue(self.claimant.is_toxic)
        reason = self.claimant.toxic_reason
        for figure in ("70", "24", "3"):
            self.assertIn(figure, reason)

    def test_loss_rule_above_threshold(self):
        self.claim.amount_paid = 12000
        self._complaints(self.claimant, 2)
        self._recompute()
        self.assertTrue(self.claimant.is_toxic)
        self.assertIn("120", self.claimant.toxic_reason)
        self.assertIn("5", self.claimant.toxic_reason)

    def test_loss_ratio_below_threshold(self):
        self.claim.amount_paid = 6999
        self._recompute()
        self.assertFalse(self.claimant.is_toxic)
        self.assertFalse(self.claimant.toxic_reason)

    def test_complaints_below_threshold(self):
        self.complaints[0].unlink()
        self._recompute()
        self.assertFalse(self.claimant.is_toxic)

    def test_complaints_and_policies_before_the_period_do_not_count(self):
        self.complaints[0].date = self.today - relativedelta(months=24, days=1)
        self._recompute()
        self.assertFalse(self.claimant.is_toxic)
        self.company.toxic_period_months = 25
        self._recompute()
        self.assertTrue(self.claimant.is_toxic)

    def test_loss_thresholds_from_settings(self):
        settings = self.env["res.config.settings"].create(
            {"toxic_loss_ratio": 71, "toxic_complaint_count": 3}
        )
        settings.execute()
        self.assertEqual(self.company.toxic_loss_ratio, 71)
        self._recompute()
        self.assertFalse(self.claimant.is_toxic)
        self.company.write({"toxic_loss_ratio": 60, "toxic_complaint_count": 4})
        self._recompute()
        self.assertFalse(self.claimant.is_toxic)
        self.company.toxic_complaint_count = 2
        self._recompute()
        self.assertTrue(self.claimant.is_toxic)

    # ------------------------------------------------------------
    # Rule 2: discount requests and late payments
    # ------------------------------------------------------------

    def test_discount_rule_at_threshold(self):
        self._recompute()
        self.assertTrue(self.haggler.is_toxic)
        self.assertIn("3", self.haggler.toxic_reason)
        self.assertIn("2", self.haggler.toxic_reason)
        self.assertFalse(self.claimant.toxic_reason and "discount" in self.claimant.toxic_reason)

    def test_discount_rule_above_threshold(self):
        self._discount_requests(self.haggler, 2)
        third = self._sold(60, partner_id=self.haggler.id)
        third.write({"payment_due_date": self._days(-50), "payment_date": self._days(-20)})
        self._recompute()
        self.assertTrue(self.haggler.is_toxic)
        self.assertIn("5", self.haggler.toxic_reason)

    def test_discount_requests_below_threshold(self):
        self.requests[0].unlink()
        self._recompute()
        self.assertFalse(self.haggler.is_toxic)

    def test_payment_within_grace_is_not_late(self):
        self.assertEqual(self.late[0].payment_days_late, 6)
        self.late[0].payment_date = self._days(-45)  # 5 days late = the grace
        self._recompute()
        self.assertFalse(self.haggler.is_toxic)
        self.company.toxic_payment_grace_days = 4
        self._recompute()
        self.assertTrue(self.haggler.is_toxic)

    def test_late_payment_threshold(self):
        self.company.toxic_late_payment_count = 3
        self._recompute()
        self.assertFalse(self.haggler.is_toxic)
        self.company.toxic_late_payment_count = 1
        self.late[0].payment_date = self.late[0].payment_due_date
        self._recompute()
        self.assertTrue(self.haggler.is_toxic)

    def test_both_rules_give_both_reasons(self):
        self._discount_requests(self.claimant, 3)
        for policy in self.late:
            policy.partner_id = self.claimant
        self.claim.amount_paid = 20000  # the moved policies add earned premium
        self._recompute()
        self.assertFalse(self.haggler.is_toxic)
        self.assertEqual(len(self.claimant.toxic_reason.splitlines()), 2)

    # ------------------------------------------------------------
    # Settings, runs and rights
    # ------------------------------------------------------------

    def test_threshold_validation(self):
        for field, value in (
            ("toxic_period_months", 0),
            ("toxic_loss_ratio", 0),
            ("toxic_complaint_count", 0),
            ("toxic_discount_count", -1),
            ("toxic_late_payment_count", 0),
            ("toxic_payment_grace_days", -1),
        ):
            with self.subTest(field=field), self.assertRaises(ValidationError):
                self.company.write({field: value})
        self.assertEqual(self.company.toxic_loss_ratio, 70)

    def test_client_stops_being_toxic(self):
        self._recompute()
        self.assertTrue(self.claimant.is_toxic)
        self.claim.amount_paid = 100
        self._recompute()
        self.assertFalse(self.claimant.is_toxic)
        self.assertFalse(self.claimant.toxic_reason)
        self.assertFalse(
            self.env["res.partner"].search([("is_toxic", "=", True), ("id", "=", self.claimant.id)])
        )

    def test_daily_cron_finds_toxic_clients(self):
        self.env["res.partner"]._cron_recompute_toxic_clients()
        toxic = self.env["res.partner"].search([("is_toxic", "=", True)])
        self.assertIn(self.claimant, toxic)
        self.assertIn(self.haggler, toxic)
        self.assertNotIn(self.client, toxic)
        cron = self.env.ref("insurance_reports.ir_cron_toxic_clients")
        self.assertEqual(cron.code, "model._cron_recompute_toxic_clients()")

    def test_head_rechecks_a_client_managers_may_not(self):
        self.assertFalse(self.claimant.is_toxic)
        with self.assertRaises(AccessError):
            self.claimant.with_user(self.user_manager).action_recompute_toxic()
        self.assertFalse(self.claimant.is_toxic)
        self.claimant.with_user(self.user_head).action_recompute_toxic()
        self.assertTrue(self.claimant.is_toxic)
        self.assertFalse(self.haggler.is_toxic, "only the client asked for")

    def test_manager_sees_the_warning_on_their_client(self):
        self._recompute()
        partner = self.claimant.with_user(self.user_manager)
        self.assertTrue(partner.is_toxic)
        self.assertTrue(partner.toxic_reason)

    def test_recompute_in_a_few_queries(self):
        self.env["res.partner"]._recompute_toxic_clients()
        others = self.env["res.partner"].create(
            [{"name": "Клиент %s" % i, "is_company": True} for i in range(10)]
        )
        for partner in others:
            self._sold(400, 1000, partner_id=partner.id)
        self.env.flush_all()
        with self.assertQueryCount(30):
            self.env["res.partner"]._recompute_toxic_clients()


@tagged("post_install", "-at_install")
class TestProfitabilityDemo(TransactionCase):
    """The demo shows every report of the feature with data."""

    def test_demo_has_toxic_clients_and_reports(self):
        losses = self.env.ref("insurance_broker.demo_client_c07", raise_if_not_found=False)
        if not losses or not self.env.ref(
            "insurance_reports.demo_claim_01", raise_if_not_found=False
        ):
            self.skipTest("demo data not installed")
        haggler = self.env.ref("insurance_broker.demo_client_p21")
        self.env["res.partner"]._cron_recompute_toxic_clients()
        self.assertTrue(losses.is_toxic)
        self.assertTrue(haggler.is_toxic)
        self.assertNotEqual(losses.toxic_reason, haggler.toxic_reason, "one client per rule")
        for model in ("insurance.claim", "insurance.loss.ratio.report", "insurance.client.ltv"):
            self.assertTrue(self.env[model].search_count([]), model)
        industries = self.env["insurance.loss.ratio.report"].read_group(
            [("claims_paid", ">", 0)], ["loss_ratio"], ["industry_id"]
        )
        self.assertTrue(any(group["loss_ratio"] > 70 for group in industries))
