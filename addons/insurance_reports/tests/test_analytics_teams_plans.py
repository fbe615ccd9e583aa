from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .common import InsuranceAnalyticsCommon


@tagged("post_install", "-at_install")
class TestTeamRegion(InsuranceAnalyticsCommon):
    FIELDS = ["deal_count:sum", "won_count:sum", "lost_count:sum", "conversion_rate:avg",
              "sold_premium:sum", "sold_commission:sum", "average_deal:avg"]  # fmt: skip

    def _teams(self, groupby, user=None):
        return self._groups(
            "insurance.team.region.report",
            groupby,
            self.FIELDS,
            [("team_id", "in", (self.team_north | self.team_south).ids)],
            user=user,
        )

    def test_teams_side_by_side(self):
        groups = self._by(self._teams(["team_id"]), "team_id")
        north, south = groups[self.team_north.id], groups[self.team_south.id]
        self.assertEqual((north["deal_count"], north["won_count"], north["lost_count"]), (3, 1, 1))
        self.assertEqual(north["conversion_rate"], 33.3)
        self.assertEqual(north["sold_premium"], 100000)
        self.assertEqual(north["sold_commission"], 10000)
        self.assertEqual(north["average_deal"], 10000)
        self.assertEqual((south["deal_count"], south["won_count"]), (2, 1))
        self.assertEqual(south["conversion_rate"], 50.0)
        self.assertEqual(south["average_deal"], 1200)

    def test_regions_of_the_clients(self):
        groups = self._by(self._teams(["state_id"]), "state_id")
        self.assertEqual(groups[self.state_spb.id]["won_count"], 1)
        self.assertEqual(groups[self.state_len.id]["deal_count"], 2)
        self.assertEqual(groups[self.state_len.id]["conversion_rate"], 0.0)
        self.assertEqual(groups[self.state_ta.id]["sold_premium"], 10000)

    def test_average_deal_is_per_won_deal_of_the_group(self):
        # 11 200 earned on 2 won deals of the 5: 5600, not the mean of the rows
        total = self._teams(["company_id"])[0]
        self.assertEqual(total["average_deal"], 5600)
        self.assertEqual(total["conversion_rate"], 40.0)

    def test_manager_sees_own_deals(self):
        groups = self._teams(["team_id"], user=self.user_manager_2)
        self.assertEqual([g["team_id"][0] for g in groups], [self.team_south.id])


@tagged("post_install", "-at_install")
class TestPlanDynamics(InsuranceAnalyticsCommon):
    FIELDS = ["commission_target:sum", "commission_fact:sum", "commission_percent:avg",
              "policy_count_fact:sum"]  # fmt: skip

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.month1 = cls.month0 - relativedelta(months=1)
        cls.month2 = cls.month0 - relativedelta(months=2)
        cls.plan0 = cls._plan(cls.user_manager, commission=20000, month=cls.month0)
        cls.plan1 = cls._plan(cls.user_manager, commission=10000, month=cls.month1)
        cls._sold_policy(
            cls.month1, cls.product_osago, 25000, 10, cls.user_manager, cls.user_issuer
        )

    def _months(self, user=None, groupby=("month:month",)):
        return self._groups(
            "insurance.plan.dynamics.report",
            list(groupby),
            self.FIELDS,
            [("user_id", "=", self.user_manager.id),
             ("month", ">=", self.month2), ("month", "<=", self.month0)],
            user=user,
        )  # fmt: skip

    def test_plan_against_fact_per_month(self):
        rows = self.env["insurance.plan.dynamics.report"].with_user(self.user_head)
        self.env.flush_all()
        rows = rows.search(
            [("user_id", "=", self.user_manager.id), ("month", ">=", self.month2)],
            order="month",
        )
        self.assertEqual(rows.mapped("month"), [self.month2, self.month1, self.month0])
        empty, last, current = rows
        self.assertEqual((empty.commission_target, empty.commission_fact), (0, 0))
        self.assertEqual((last.commission_target, last.commission_fact), (10000, 2500))
        self.assertEqual(last.commission_percent, 25.0)
        self.assertEqual((current.commission_target, current.commission_fact), (20000, 10000))
        self.assertEqual(current.commission_percent, 50.0)

    def test_fact_is_the_sales_plan_fact(self):
        rows = self.env["insurance.plan.dynamics.report"].search(
            [("user_id", "=", self.user_manager.id), ("month", "in", (self.month0, self.month1))]
        )
        by_month = {row.month: row for row in rows}
        for plan in self.plan0 | self.plan1:
            self.assertEqual(by_month[plan.month].commission_fact, plan.commission_fact)
            self.assertEqual(by_month[plan.month].premium_fact, plan.premium_fact)
            self.assertEqual(by_month[plan.month].policy_count_fact, plan.policy_count_fact)

    def test_percent_over_several_months(self):
        # 12 500 of 30 000 over the quarter: 41.7%, not the mean 37.5%
        total = self._months(groupby=("user_id",))[0]
        self.assertEqual(total["commission_target"], 30000)
        self.assertEqual(total["commission_fact"], 12500)
        self.assertEqual(total["commission_percent"], 41.7)

    def test_manager_sees_own_plan_only(self):
        self._plan(self.user_manager_2, commission=5000, month=self.month0)
        self.env.flush_all()
        rows = self.env["insurance.plan.dynamics.report"].with_user(self.user_manager).search([])
        self.assertEqual(rows.user_id, self.user_manager)
        self.assertEqual(len(self._months(user=self.user_manager)), 3)
