from odoo.tests import tagged

from .common import InsuranceAnalyticsCommon


@tagged("post_install", "-at_install")
class TestProductDemand(InsuranceAnalyticsCommon):
    FIELDS = ["requested_count:sum", "sold_count:sum", "sold_rate:avg", "sold_premium:sum",
              "requested_premium:sum"]  # fmt: skip

    def test_demand_by_product_and_industry(self):
        groups = self._groups(
            "insurance.product.demand.report",
            ["product_id", "industry_id"],
            self.FIELDS,
            [("partner_id", "in", (self.client_it | self.client_transit).ids)],
        )
        cells = {(g["product_id"][0], g["industry_id"][0]): g for g in groups}
        # IT asked for cyber once (d1) and bought it
        it_cyber = cells[(self.product_cyber.id, self.industry_it.id)]
        self.assertEqual(it_cyber["requested_count"], 1)
        self.assertEqual(it_cyber["sold_count"], 1)
        self.assertEqual(it_cyber["sold_premium"], 100000)
        # logistics was offered cyber in the lost d2: demand without a sale
        transit_cyber = cells[(self.product_cyber.id, self.industry_transport.id)]
        self.assertEqual(transit_cyber["requested_count"], 1)
        self.assertEqual(transit_cyber["sold_count"], 0)
        self.assertEqual(transit_cyber["requested_premium"], 50000)
        # КАСКО: cancelled offer of d2 and the draft of the open d3
        transit_kasko = cells[(self.product_kasko.id, self.industry_transport.id)]
        self.assertEqual(transit_kasko["requested_count"], 2)
        self.assertEqual(transit_kasko["sold_premium"], 0)

    def test_sold_rate_per_group_and_company_size(self):
        groups = self._by(
            self._groups(
                "insurance.product.demand.report",
                ["company_size"],
                self.FIELDS,
                [("partner_id", "in", (self.client_it | self.client_transit).ids)],
            ),
            "company_size",
        )
        self.assertEqual(groups["small"]["sold_rate"], 100.0)
        self.assertEqual(groups["medium"]["requested_count"], 3)
        self.assertEqual(groups["medium"]["sold_rate"], 0.0)

    def test_sales_without_deal_count_as_demand(self):
        # the March policies of Иванов were sold without a deal; the draft and
        # the cancelled one were never offered in a deal, the foreign one is not ours
        rows = self.env["insurance.product.demand.report"].search(
            [("partner_id", "=", self.client.id)]
        )
        self.assertEqual(
            set(rows.policy_id.ids), {self.p_kasko.id, self.p_osago.id, self.p_osago2.id,
                                      self.p_feb.id}
        )  # fmt: skip

    def test_manager_sees_own_rows(self):
        self.env.flush_all()
        rows = self.env["insurance.product.demand.report"].with_user(self.user_manager_2).search([])
        self.assertEqual(rows.user_id, self.user_manager_2)
        self.assertIn(self.pol_d4, rows.policy_id)


@tagged("post_install", "-at_install")
class TestLostDeals(InsuranceAnalyticsCommon):
    def _lost(self, groupby, user=None):
        return self._groups(
            "insurance.lost.deal.report",
            groupby,
            ["deal_count:sum", "lost_revenue:sum", "policy_count:sum"],
            [("lead_id", "in", (self.d2 | self.d5).ids)],
            user=user,
        )

    def test_lost_by_reason(self):
        groups = self._by(self._lost(["lost_reason_id"]), "lost_reason_id")
        price = groups[self.reason_price.id]
        # d2 offered two products: one deal, the commission of both offers
        self.assertEqual(price["deal_count"], 1)
        self.assertEqual(price["policy_count"], 2)
        self.assertEqual(price["lost_revenue"], 7000)
        # d5 lost without reason and without policies: its expected revenue
        no_reason = groups[False]
        self.assertEqual(no_reason["deal_count"], 1)
        self.assertEqual(no_reason["lost_revenue"], 2000)

    def test_lost_by_product(self):
        groups = self._by(self._lost(["product_id"]), "product_id")
        self.assertEqual(groups[self.product_cyber.id]["lost_revenue"], 5000)
        self.assertEqual(groups[self.product_kasko.id]["lost_revenue"], 2000)
        self.assertEqual(
            sum(g["deal_count"] for g in groups.values()), 2, "each lost deal counted once"
        )

    def test_won_and_open_deals_are_not_lost(self):
        self.env.flush_all()
        rows = self.env["insurance.lost.deal.report"].search(
            [("lead_id", "in", (self.d1 | self.d3 | self.d4).ids)]
        )
        self.assertFalse(rows)

    def test_manager_sees_own_lost_deals(self):
        groups = self._lost(["user_id"], user=self.user_manager)
        self.assertEqual([g["user_id"][0] for g in groups], [self.user_manager.id])
        self.assertEqual(groups[0]["deal_count"], 1)


@tagged("post_install", "-at_install")
class TestPilotProducts(InsuranceAnalyticsCommon):
    def test_pilot_conversion(self):
        groups = self._groups(
            "insurance.pilot.report",
            ["product_id"],
            ["deal_count:sum", "won_count:sum", "conversion_rate:avg", "sold_premium:sum",
             "offered_premium:sum"],
            [("product_id", "=", self.product_cyber.id)],
        )  # fmt: skip
        self.assertEqual(len(groups), 1)
        cyber = groups[0]
        self.assertEqual(cyber["deal_count"], 2)
        self.assertEqual(cyber["won_count"], 1)
        self.assertEqual(cyber["conversion_rate"], 50.0)
        self.assertEqual(cyber["sold_premium"], 100000)
        self.assertEqual(cyber["offered_premium"], 150000)

    def test_only_pilot_products(self):
        self.env.flush_all()
        Report = self.env["insurance.pilot.report"]
        self.assertFalse(Report.search([("lead_id", "=", self.d4.id)]), "ОСАГО is no pilot")
        self.product_osago.is_pilot = True
        self.env.flush_all()
        self.assertTrue(Report.search([("lead_id", "=", self.d4.id)]))

    def test_manager_sees_own_deals(self):
        self.env.flush_all()
        rows = self.env["insurance.pilot.report"].with_user(self.user_manager_2).search([])
        self.assertFalse(rows.filtered(lambda r: r.user_id != self.user_manager_2))
        self.assertFalse(rows.filtered(lambda r: r.lead_id in self.d1 | self.d2))
