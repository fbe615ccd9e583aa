from odoo.tests import tagged

from .common import InsuranceAnalyticsCommon


@tagged("post_install", "-at_install")
class TestManagerLoad(InsuranceAnalyticsCommon):
    def test_load_per_manager(self):
        groups = self._by(
            self._groups(
                "insurance.manager.load.report",
                ["user_id"],
                [
                    "open_deal_count:sum",
                    "open_expected_revenue:sum",
                    "active_client_count:sum",
                    "overdue_activity_count:sum",
                ],
                [("user_id", "in", (self.user_manager | self.user_manager_2).ids)],
            ),  # fmt: skip
            "user_id",
        )
        mine = groups[self.user_manager.id]
        # open: the fixture's deal of Иванов and d3; won d1 and lost d2 are not
        self.assertEqual(mine["open_deal_count"], 2)
        self.assertEqual(mine["open_expected_revenue"], 3000)
        # ТехноСофт (policy in force), Транзит (open d3), Иванов (open deal)
        self.assertEqual(mine["active_client_count"], 3)
        self.assertEqual(mine["overdue_activity_count"], 1)
        other = groups[self.user_manager_2.id]
        self.assertEqual(other["open_deal_count"], 0)
        in_force_march = int(self.p_osago2.date_end >= self.today)
        self.assertEqual(other["active_client_count"], 1 + in_force_march)
        self.assertEqual(other["overdue_activity_count"], 0)

    def test_won_deal_leaves_the_load(self):
        self.d3.action_set_lost()
        row = self._groups(
            "insurance.manager.load.report",
            ["user_id"],
            ["open_deal_count:sum", "open_expected_revenue:sum"],
            [("user_id", "=", self.user_manager.id)],
        )[0]
        self.assertEqual(row["open_deal_count"], 1)
        self.assertEqual(row["open_expected_revenue"], 0)

    def test_manager_sees_own_row_only(self):
        self.env.flush_all()
        rows = self.env["insurance.manager.load.report"].with_user(self.user_manager).search([])
        self.assertEqual(rows.user_id, self.user_manager)
        head_rows = self.env["insurance.manager.load.report"].with_user(self.user_head).search([])
        self.assertIn(self.user_manager_2, head_rows.user_id)


@tagged("post_install", "-at_install")
class TestLeadSource(InsuranceAnalyticsCommon):
    FIELDS = [
        "lead_count:sum", "won_count:sum", "conversion_rate:avg", "won_commission:sum",
        "client_count:sum", "client_commission:sum", "client_avg_commission:avg",
    ]  # fmt: skip

    def _sources(self, groupby=("source_id",), user=None):
        domain = [("source_id", "in", (self.source_site | self.source_referral).ids)]
        return self._groups(
            "insurance.lead.source.report", list(groupby), self.FIELDS, domain, user=user
        )

    def test_conversion_and_profitability_per_source(self):
        groups = self._by(self._sources(), "source_id")
        site, referral = groups[self.source_site.id], groups[self.source_referral.id]
        # Сайт: d1 won, d2 lost
        self.assertEqual(site["lead_count"], 2)
        self.assertEqual(site["won_count"], 1)
        self.assertEqual(site["conversion_rate"], 50.0)
        self.assertEqual(site["won_commission"], 10000)
        # Рекомендация: d3 open, d4 won, d5 lost
        self.assertEqual(referral["lead_count"], 3)
        self.assertEqual(referral["won_count"], 1)
        self.assertEqual(referral["conversion_rate"], 33.3)
        self.assertEqual(referral["won_commission"], 1200)
        # first touch: ТехноСофт (d1) and Транзит (d2, before d3) came from the
        # site, Ковалёв (d4) from a referral; LTV = their sold commission
        self.assertEqual(site["client_count"], 2)
        self.assertEqual(site["client_commission"], 10000)
        self.assertEqual(site["client_avg_commission"], 5000)
        self.assertEqual(referral["client_count"], 1)
        self.assertEqual(referral["client_avg_commission"], 1200)

    def test_conversion_is_won_over_created_not_an_average(self):
        # both sources in one group: 2 won of 5 = 40%, not (50 + 33.3) / 2
        total = self._sources(groupby=("company_id",))[0]
        self.assertEqual(total["lead_count"], 5)
        self.assertEqual(total["conversion_rate"], 40.0)
        self.assertEqual(total["client_avg_commission"], round(11200 / 3, 1))

    def test_ltv_window_is_configurable(self):
        # a sale of two years ago counts in the 3-year window, not in a 1-year one
        self._sold_policy(
            self.today.replace(day=1, year=self.today.year - 2), self.product_kasko, 40000, 10,
            self.user_manager, self.user_issuer, partner_id=self.client_it.id,
        )  # fmt: skip
        site = self._by(self._sources(), "source_id")[self.source_site.id]
        self.assertEqual(site["client_commission"], 14000)
        self.company.ltv_years = 1
        site = self._by(self._sources(), "source_id")[self.source_site.id]
        self.assertEqual(site["client_commission"], 10000)
        self.assertEqual(site["won_commission"], 10000)

    def test_client_ltv_is_commission_after_discount(self):
        # ТехноСофт's cyber policy: 100 000 × 10% = 10 000; a 2% discount gives
        # 2 000 of it to the client, we keep 8 000
        self.pol_d1.discount_percent = 2
        site = self._by(self._sources(), "source_id")[self.source_site.id]
        self.assertEqual(site["client_commission"], 8000)
        self.assertEqual(site["client_avg_commission"], 4000)  # 8 000 / 2 clients
        ltv = self.env["insurance.client.ltv"].search([("partner_id", "=", self.client_it.id)])
        self.assertEqual(ltv.ltv, site["client_commission"], "one LTV for both reports")

    def test_manager_sees_own_leads_only(self):
        groups = self._by(self._sources(user=self.user_manager_2), "source_id")
        self.assertEqual(set(groups), {self.source_referral.id})
        self.assertEqual(groups[self.source_referral.id]["lead_count"], 2)
        self.assertEqual(groups[self.source_referral.id]["conversion_rate"], 50.0)
