from odoo.tests import tagged

from .profitability_common import InsuranceProfitabilityCommon


@tagged("post_install", "-at_install")
class TestLossRatio(InsuranceProfitabilityCommon):
    """Three clients in two industries, figures computed by hand below."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.transport = cls.env.ref("base.res_partner_industry_H")
        cls.farming = cls.env.ref("base.res_partner_industry_A")
        cls.client_t1 = Partner.create(
            {"name": "ООО «Трак-1»", "is_company": True, "industry_id": cls.transport.id}
        )
        cls.client_t2 = Partner.create(
            {"name": "ООО «Трак-2»", "is_company": True, "industry_id": cls.transport.id}
        )
        cls.client_f = Partner.create(
            {"name": "АО «Нива»", "is_company": True, "industry_id": cls.farming.id}
        )
        # whole term over: earned = whole premium 10 000; paid 9 000 -> 90%
        cls.p_over = cls._sold(500, 10000, partner_id=cls.client_t1.id)
        cls._claim(cls.p_over, 9000)
        # 100 days of the term elapsed (start day and today included)
        cls.p_half = cls._sold(99, 73000, partner_id=cls.client_t2.id, insurer_id=cls.insurer_b.id)
        cls._claim(cls.p_half, 1000)
        cls._claim(cls.p_half, 500)
        # starts in 10 days: nothing earned yet
        cls.p_future = cls._sold(-10, 20000, partner_id=cls.client_f.id)
        cls._claim(cls.p_future, 0)
        # a farm with a small loss
        cls.p_farm = cls._sold(400, 50000, partner_id=cls.client_f.id)
        cls._claim(cls.p_farm, 5000)
        # not sales: never counted
        draft = cls._create_policy(partner_id=cls.client_t1.id, premium=99999)
        cls._claim(draft, 99999)
        foreign = cls._sold(
            300, 77777, partner_id=cls.client_t1.id, origin="foreign", insurer_id=cls.insurer_b.id
        )
        cls._claim(foreign, 77777)
        cls.clients = cls.client_t1 | cls.client_t2 | cls.client_f
        cls.Report = cls.env["insurance.loss.ratio.report"].with_user(cls.user_head)

    def _earned(self, policy):
        term_days = (policy.date_end - policy.date_start).days + 1
        elapsed = (self.today - policy.date_start).days + 1
        return round(policy.premium * min(1, max(0, elapsed / term_days)), 2)

    def _line(self, policy):
        return self.Report.search([("policy_id", "=", policy.id)])

    def test_earned_premium_per_policy(self):
        self.assertEqual(self._line(self.p_over).earned_premium, 10000)
        half = self._line(self.p_half)
        term_days = (self.p_half.date_end - self.p_half.date_start).days + 1
        self.assertAlmostEqual(half.earned_premium, round(73000 * 100 / term_days, 2), places=2)
        self.assertAlmostEqual(half.earned_premium, self._earned(self.p_half), places=2)
        self.assertEqual(half.claims_paid, 1500)
        self.assertEqual(half.claim_count, 2)
        self.assertEqual(self._line(self.p_future).earned_premium, 0)
        self.assertEqual(self._line(self.p_future).loss_ratio, 0, "nothing earned: no ratio")
        self.assertEqual(self._line(self.p_over).loss_ratio, 90)

    def test_only_own_sales_are_counted(self):
        lines = self.Report.search([("partner_id", "in", self.clients.ids)])
        self.assertEqual(lines.policy_id, self.p_over | self.p_half | self.p_future | self.p_farm)

    def test_loss_ratio_of_a_group_is_the_ratio_of_sums(self):
        groups = self.Report.read_group(
            [("partner_id", "in", self.clients.ids)],
            ["earned_premium:sum", "claims_paid:sum", "loss_ratio"],
            ["industry_id"],
        )
        by_industry = {group["industry_id"][0]: group for group in groups}
        transport = by_industry[self.transport.id]
        earned = 10000 + self._earned(self.p_half)
        self.assertAlmostEqual(transport["earned_premium"], earned, places=2)
        self.assertEqual(transport["claims_paid"], 10500)
        self.assertAlmostEqual(transport["loss_ratio"], round(100 * 10500 / earned, 2), places=2)
        row_ratios = [self._line(self.p_over).loss_ratio, self._line(self.p_half).loss_ratio]
        self.assertNotAlmostEqual(
            transport["loss_ratio"], sum(row_ratios) / 2, places=0, msg="not an average of ratios"
        )
        farming = by_industry[self.farming.id]
        self.assertAlmostEqual(farming["loss_ratio"], 10.0, places=2, msg="5 000 / 50 000")

    def test_loss_ratio_by_client_insurer_and_product_from_the_pivot(self):
        """The pivot and the graph ask only for the measure: the sums are added."""
        for groupby, key, expected in (
            ("partner_id", self.client_t1.id, 90.0),
            ("insurer_id", self.insurer_b.id, round(100 * 1500 / self._earned(self.p_half), 2)),
        ):
            groups = self.Report.read_group(
                [("partner_id", "in", self.clients.ids)], ["loss_ratio:avg"], [groupby]
            )
            group = next(g for g in groups if g[groupby][0] == key)
            self.assertAlmostEqual(group["loss_ratio"], expected, places=2)
        groups = self.Report.web_read_group(
            [("partner_id", "in", self.clients.ids)], ["loss_ratio"], ["product_id"]
        )["groups"]
        total_earned = 10000 + self._earned(self.p_half) + 50000
        self.assertAlmostEqual(
            groups[0]["loss_ratio"], round(100 * 15500 / total_earned, 2), places=2
        )

    def test_manager_has_no_access_to_the_report(self):
        self.assertFalse(
            self.env["insurance.loss.ratio.report"].with_user(self.user_manager).has_access("read")
        )
