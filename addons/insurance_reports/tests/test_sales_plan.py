from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import InsuranceReportsCommon, load_russian_reports


@tagged("post_install", "-at_install")
class TestSalesPlan(InsuranceReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lead = cls.env["crm.lead"]
        stage_open = cls.env["crm.stage"].create({"name": "Расчёт", "sequence": 20})
        base = {
            "type": "opportunity",
            "partner_id": cls.client.id,
            "user_id": cls.user_manager.id,
            "seller_id": cls.user_manager.id,
            "company_id": cls.company.id,
            "stage_id": stage_open.id,
        }
        # in the rest of March: counted, 30% of 10 000
        cls.deal_march = Lead.create(
            {**base, "name": "КАСКО в марте", "expected_revenue": 10000, "probability": 30,
             "date_deadline": date(2025, 3, 20)}
        )  # fmt: skip
        # April, already won, and an overdue date before "today": not counted
        Lead.create(
            {**base, "name": "КАСКО в апреле", "expected_revenue": 50000, "probability": 50,
             "date_deadline": date(2025, 4, 2)}
        )  # fmt: skip
        Lead.create(
            {**base, "name": "Выиграна", "expected_revenue": 7000, "probability": 100,
             "stage_id": cls.stage_won.id, "date_deadline": date(2025, 3, 25)}
        )  # fmt: skip
        Lead.create(
            {**base, "name": "Просрочена", "expected_revenue": 9000, "probability": 40,
             "date_deadline": date(2025, 3, 5)}
        )  # fmt: skip
        cls.plan = cls._plan(cls.user_manager, commission=12000, premium=120000, count=4)

    def test_plan_fact_stays_on_gross_commission(self):
        # plans are set on the gross commission; a discount shows on the
        # register and lowers the pay, not the plan's fact
        self.p_kasko.discount_percent = 4  # 2 000 of its 5 000 given to the client
        self.plan.invalidate_recordset()
        self.assertEqual(self.plan.commission_fact, 6000)
        self.assertEqual(self.plan.premium_fact, 60000)

    def test_fact_and_percent_done(self):
        plan = self.plan
        self.assertEqual(plan.month, date(2025, 3, 1))
        self.assertEqual(plan.commission_fact, 6000)  # 5000 + 1000; no draft, cancelled, foreign
        self.assertEqual(plan.premium_fact, 60000)
        self.assertEqual(plan.policy_count_fact, 2)
        self.assertEqual(plan.commission_percent, 50.0)
        self.assertEqual(plan.premium_percent, 50.0)
        self.assertEqual(plan.policy_count_percent, 50.0)

    def test_forecast_run_rate_plus_weighted_pipeline(self):
        figures = self.plan._get_plan_figures(today=date(2025, 3, 10))[self.plan.id]
        # 6000 in 10 of 31 days -> 18 600 at the same pace, + 30% of 10 000
        self.assertAlmostEqual(figures["weighted_pipeline"], 3000, places=2)
        self.assertAlmostEqual(figures["commission_forecast"], 18600 + 3000, places=2)
        self.assertAlmostEqual(figures["commission_forecast_percent"], 180.0, places=1)
        self.assertAlmostEqual(figures["premium_forecast"], 60000 / 10 * 31, places=2)
        self.assertAlmostEqual(figures["policy_count_forecast"], 2 / 10 * 31 + 0.3, places=2)
        self.assertFalse(figures["is_behind"])

        # once the month is over the forecast is the fact
        after = self.plan._get_plan_figures(today=date(2025, 4, 15))[self.plan.id]
        self.assertAlmostEqual(after["commission_forecast"], 6000, places=2)
        self.assertAlmostEqual(after["weighted_pipeline"], 0, places=2)

    def test_behind_plan_beyond_ten_percent(self):
        plan_2 = self._plan(self.user_manager_2, commission=5000)
        # due by 10 March: 5000 × 10/31 = 1612.90; 960 is 40% below
        self.assertTrue(plan_2._get_plan_figures(today=date(2025, 3, 10))[plan_2.id]["is_behind"])
        # by 3 March only 483.87 is due: not behind
        self.assertFalse(plan_2._get_plan_figures(today=date(2025, 3, 3))[plan_2.id]["is_behind"])

    def test_team_plan_counts_its_members(self):
        team = self.env["crm.team"].create(
            {
                "name": "Команда А",
                "company_id": self.company.id,
                "member_ids": [(6, 0, (self.user_manager | self.user_manager_2).ids)],
            }
        )
        plan = self.env["insurance.sales.plan"].create(
            {"team_id": team.id, "month": date(2025, 3, 17), "company_id": self.company.id,
             "commission_target": 10000}
        )  # fmt: skip
        self.assertEqual(plan.month, date(2025, 3, 1))
        self.assertEqual(plan.commission_fact, 6960)
        self.assertEqual(plan.policy_count_fact, 3)

    def test_manager_or_team_not_both(self):
        load_russian_reports(self.env)
        Plan = self.env["insurance.sales.plan"].with_context(lang="ru_RU")
        with self.assertRaises(ValidationError) as caught:
            Plan.create({"month": self.month, "company_id": self.company.id})
        self.assertIn("План задаётся либо менеджеру, либо команде", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            Plan.create(
                {"user_id": self.user_manager_2.id, "month": date(2025, 5, 1),
                 "company_id": self.company.id, "commission_target": -1}
            )  # fmt: skip
        self.assertIn("не могут быть отрицательными", str(caught.exception))

    def test_manager_sees_only_own_plan(self):
        plan_2 = self._plan(self.user_manager_2, commission=5000)
        visible = self.env["insurance.sales.plan"].with_user(self.user_manager).search([])
        self.assertEqual(visible, self.plan)
        head_sees = self.env["insurance.sales.plan"].with_user(self.user_head).search([])
        self.assertIn(plan_2, head_sees)
        self.assertIn(self.plan, head_sees)
