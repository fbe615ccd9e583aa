from datetime import date

from odoo.tests import tagged

from .common import InsuranceReportsCommon, load_russian_reports

TODAY = date(2025, 3, 10)


@tagged("post_install", "-at_install")
class TestKpiDashboard(InsuranceReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._plan(cls.user_manager, commission=12000, premium=100000, count=4)
        cls._plan(cls.user_manager_2, commission=5000, premium=40000, count=2)
        # a year ago, same days: ОСАГО 20 000 at 10%
        cls._sold_policy(
            date(2024, 3, 4), cls.product_osago, 20000, 10, cls.user_manager, cls.user_issuer
        )
        cls.Dashboard = cls.env["insurance.kpi.dashboard"]

    def _data(self, user):
        return self.Dashboard.with_user(user).get_dashboard_data(date=TODAY)

    def test_fact_vs_plan_and_dynamics(self):
        data = self._data(self.user_head)
        self.assertEqual(data["scope"], "all")
        commission = data["totals"]["commission"]
        self.assertEqual(commission["fact"], 6960)  # 1-10 March: 5000 + 1000 + 960
        self.assertEqual(commission["plan"], 17000)
        self.assertEqual(commission["percent"], 40.9)
        self.assertEqual(commission["previous"], 10000)  # 1-10 February
        self.assertEqual(commission["vs_previous"], -30.4)
        self.assertTrue(commission["vs_previous_alert"])
        self.assertEqual(commission["last_year"], 2000)
        self.assertEqual(commission["vs_last_year"], 248.0)
        policies = data["totals"]["policy_count"]
        self.assertEqual((policies["fact"], policies["plan"]), (3, 6))
        # forecast: the month at the same pace, 6960 / 10 × 31
        self.assertAlmostEqual(commission["forecast"], 21576, places=2)

    def test_dashboard_stays_on_gross_commission(self):
        self.p_kasko.discount_percent = 4  # 2 000 of its 5 000 given to the client
        self.env.flush_all()
        commission = self._data(self.user_head)["totals"]["commission"]
        self.assertEqual(commission["fact"], 6960)

    def test_managers_products_and_hot_spots(self):
        data = self._data(self.user_head)
        managers = {m["name"]: m for m in data["managers"]}
        self.assertFalse(managers[self.user_manager.name]["commission"]["alert"])
        # 960 against 5000 × 10/31 = 1612.90 due by today: more than 10% behind
        self.assertTrue(managers[self.user_manager_2.name]["alert"])
        products = {p["name"]: p for p in data["products"]}
        self.assertEqual(products["КАСКО"]["commission"], 5000)
        self.assertEqual(products["КАСКО"]["previous"], 10000)
        self.assertTrue(products["КАСКО"]["falling"])
        self.assertFalse(products["ОСАГО"]["falling"])
        falling = [p["name"] for p in data["hot_spots"]["falling_products"]]
        self.assertEqual(falling, ["КАСКО"])
        self.assertEqual(len(data["trend"]), 12)
        self.assertEqual(data["trend"][-1]["commission"], 6960)
        self.assertEqual(data["trend"][-1]["plan_commission"], 17000)
        self.assertEqual(data["trend"][-2]["commission"], 10000)

    def test_pipeline_by_expected_closing_month(self):
        self.env["crm.lead"].create(
            [
                {"name": "Апрель", "type": "opportunity", "company_id": self.company.id,
                 "user_id": self.user_manager.id, "expected_revenue": 10000,
                 "probability": 40, "date_deadline": date(2025, 4, 15)},
                {"name": "Март", "type": "opportunity", "company_id": self.company.id,
                 "user_id": self.user_manager_2.id, "expected_revenue": 2000,
                 "probability": 50, "date_deadline": date(2025, 3, 28)},
            ]
        )  # fmt: skip
        data = self._data(self.user_head)
        pipeline = {m["month"]: m for m in data["pipeline"]}
        self.assertEqual(pipeline["04.2025"]["weighted"], 4000)
        self.assertEqual(pipeline["03.2025"]["weighted"], 1000)
        self.assertEqual(data["totals"]["weighted_pipeline"], 1000)
        self.assertAlmostEqual(
            data["totals"]["commission"]["forecast"], 6960 / 10 * 31 + 1000, places=2
        )

    def test_manager_sees_only_own_figures(self):
        data = self._data(self.user_manager_2)
        self.assertEqual(data["scope"], "own")
        self.assertEqual([m["name"] for m in data["managers"]], [self.user_manager_2.name])
        self.assertEqual(data["totals"]["commission"]["fact"], 960)
        self.assertEqual(data["totals"]["commission"]["plan"], 5000)

    def test_daily_check_gives_the_head_one_activity(self):
        load_russian_reports(self.env)
        self.user_head.lang = "ru_RU"
        self.Dashboard._cron_notify_deviations(date=TODAY)
        alerts = self.env["insurance.kpi.alert"].search([("company_id", "=", self.company.id)])
        self.assertEqual(
            {(a.kind, a.user_id, a.product_id) for a in alerts},
            {
                ("manager", self.user_manager_2, self.env["insurance.product"]),
                ("product", self.env["res.users"], self.product_kasko),
            },
        )
        activities = alerts.activity_ids
        self.assertEqual(activities.user_id, self.user_head)
        self.assertEqual(len(activities), 2)
        summaries = sorted(activities.mapped("summary"))
        self.assertIn("Продажи КАСКО упали на 50%", summaries)
        self.assertIn(f"{self.user_manager_2.name} отстаёт от плана на 40%", summaries)

        # the next morning: figures refreshed, no second to-do
        self.Dashboard._cron_notify_deviations(date=date(2025, 3, 11))
        alerts = self.env["insurance.kpi.alert"].search([("company_id", "=", self.company.id)])
        self.assertEqual(len(alerts), 2)
        self.assertEqual(len(alerts.activity_ids), 2)
        self.assertEqual(set(alerts.mapped("date_checked")), {date(2025, 3, 11)})
