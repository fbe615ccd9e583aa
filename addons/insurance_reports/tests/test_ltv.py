from dateutil.relativedelta import relativedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .profitability_common import InsuranceProfitabilityCommon


@tagged("post_install", "-at_install")
class TestClientLtv(InsuranceProfitabilityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.loyal = Partner.create({"name": "ООО «Давний клиент»", "is_company": True})
        cls.newcomer = Partner.create({"name": "ИП Новиков", "is_company": True})
        three_years_ago = cls.today - relativedelta(years=3)
        # КАСКО of insurer A: 8% commission
        cls.p_edge = cls._sold(0, 10000, partner_id=cls.loyal.id, date_sale=three_years_ago)
        cls.p_old = cls._sold(
            0, 20000, partner_id=cls.loyal.id, date_sale=three_years_ago - relativedelta(days=1)
        )
        cls.p_recent = cls._sold(30, 50000, partner_id=cls.loyal.id)
        cls.p_new = cls._sold(10, 30000, partner_id=cls.newcomer.id)
        cancelled = cls._sold(5, 90000, partner_id=cls.newcomer.id)
        cancelled.action_cancel()
        cls.Ltv = cls.env["insurance.client.ltv"].with_user(cls.user_head)

    def _row(self, partner):
        return self.Ltv.search([("partner_id", "=", partner.id)])

    def test_ltv_window_excludes_a_sale_three_years_and_a_day_ago(self):
        commission = self.p_edge.commission_amount + self.p_recent.commission_amount
        self.assertEqual(self.p_edge.commission_amount, 800)
        row = self._row(self.loyal)
        self.assertAlmostEqual(row.ltv, commission)
        self.assertEqual(row.policy_count, 2)
        self.assertEqual(row.first_sale_date, self.p_old.date_sale, "tenure counts every sale")
        self.assertGreaterEqual(row.years_with_us, 3.0)
        self.assertAlmostEqual(self.loyal.insurance_ltv, commission)

    def test_ltv_period_setting(self):
        self.company.ltv_years = 4
        self.env.flush_all()
        self.assertAlmostEqual(
            self._row(self.loyal).ltv,
            sum((self.p_edge | self.p_old | self.p_recent).mapped("commission_amount")),
        )
        with self.assertRaises(ValidationError):
            self.company.ltv_years = 0

    def test_cancelled_policies_are_not_value(self):
        row = self._row(self.newcomer)
        self.assertAlmostEqual(row.ltv, self.p_new.commission_amount)
        self.assertEqual(row.policy_count, 1)

    def test_top_clients_sorted_by_ltv_with_loss_ratio(self):
        self._claim(self.p_recent, 2000)
        rows = self.Ltv.search([("partner_id", "in", (self.loyal | self.newcomer).ids)])
        self.assertEqual(rows.partner_id, self.loyal | self.newcomer)
        self.assertEqual(rows[0].partner_id, self.loyal, "highest LTV first")
        action = self.env.ref("insurance_reports.insurance_client_ltv_action")
        self.assertEqual(action.limit, 20)
        loyal = self._row(self.loyal)
        earned = loyal.earned_premium
        lines = self.env["insurance.loss.ratio.report"].search([("partner_id", "=", self.loyal.id)])
        self.assertAlmostEqual(earned, sum(lines.mapped("earned_premium")), places=2)
        self.assertAlmostEqual(loyal.loss_ratio, round(100 * 2000 / earned, 2), places=2)
        groups = self.Ltv.read_group(
            [("partner_id", "in", (self.loyal | self.newcomer).ids)],
            ["ltv:sum", "loss_ratio"],
            [],
        )
        total_earned = earned + self._row(self.newcomer).earned_premium
        self.assertAlmostEqual(
            groups[0]["loss_ratio"], round(100 * 2000 / total_earned, 2), places=2
        )

    def test_ltv_is_our_commission_after_discount(self):
        # p_recent: КАСКО 50 000 × 8% = 4 000; a 3% discount = 1 500 off it, we
        # keep 2 500. LTV = 800 (p_edge) + 2 500 = 3 300, not 4 800.
        self.p_recent.discount_percent = 3
        self.assertEqual(self.p_recent.commission_amount, 4000)
        self.assertEqual(self.p_recent.commission_net_amount, 2500)
        self.env.flush_all()
        self.assertAlmostEqual(self._row(self.loyal).ltv, 3300)
        self.loyal.invalidate_recordset(["insurance_ltv"])
        self.assertAlmostEqual(self.loyal.with_user(self.user_head).insurance_ltv, 3300)
        by_partner = self.Ltv._ltv_by_partner(self.loyal | self.newcomer)
        self.assertEqual(by_partner, {self.loyal.id: 3300, self.newcomer.id: 2400})
        top = self.Ltv.search([("partner_id", "in", (self.loyal | self.newcomer).ids)])
        self.assertEqual(top[0].partner_id, self.loyal)
        # a discount as large as the commission leaves nothing: 30 000 × 8% = 2 400
        self.p_new.discount_percent = 8
        self.env.flush_all()
        self.assertAlmostEqual(self._row(self.newcomer).ltv, 0)
        self.assertEqual(self._row(self.newcomer).policy_count, 1, "still a client of ours")
        top = self.Ltv.search([("partner_id", "in", (self.loyal | self.newcomer).ids)])
        self.assertEqual(top.partner_id, self.loyal | self.newcomer)

    def test_ltv_in_one_query(self):
        partners = self.loyal | self.newcomer
        partners.invalidate_recordset(["insurance_ltv"])
        with self.assertQueryCount(3):
            partners.mapped("insurance_ltv")
