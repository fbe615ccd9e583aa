import io
from datetime import date

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import InsuranceReportsCommon, load_russian_reports


@tagged("post_install", "-at_install")
class TestPay(InsuranceReportsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["insurance.pay.scheme"].search([]).active = False
        cls.scheme = cls.env["insurance.pay.scheme"].create(
            {
                "name": "Схема 2025",
                "company_id": cls.company.id,
                "date_from": date(2025, 1, 1),
                "seller_share": 30,
                "issuer_share": 10,
                "fee_per_issued_policy": 200,
                "plan_bonus": 5000,
                "line_ids": [
                    (0, 0, {"product_id": cls.product_kasko.id, "seller_share": 40,
                            "issuer_share": 5}),
                ],
            }
        )  # fmt: skip
        # manager: plan met (6000 commission, 2 policies); manager 2: not met
        cls._plan(cls.user_manager, commission=6000, count=2)
        cls._plan(cls.user_manager_2, commission=2000)
        cls.Statement = cls.env["insurance.pay.statement"].with_user(cls.user_accountant)

    def _by_user(self, statements):
        return {s.user_id: s for s in statements}

    def test_hand_computed_month(self):
        # Shares are taken of the commission after discount; no policy of the
        # fixture has a discount, so it is the whole commission here.
        statements = self._by_user(self.Statement._compute_month(self.month, self.company))
        self.assertEqual(
            set(statements), {self.user_manager, self.user_manager_2, self.user_issuer}
        )
        manager = statements[self.user_manager]
        # sold: КАСКО 5000 (net 5000) × 40% = 2000, ОСАГО 1000 (net 1000) × 30% = 300
        self.assertEqual(manager.seller_amount, 2300)
        # issued ОСАГО himself: 1000 × 10% = 100 and the 200 fee
        self.assertEqual(manager.issuer_amount, 100)
        self.assertEqual(manager.fee_amount, 200)
        self.assertTrue(manager.plan_met)
        self.assertEqual(manager.bonus_amount, 5000)
        self.assertEqual(manager.total_amount, 7600)
        self.assertEqual((manager.policy_sold_count, manager.policy_issued_count), (2, 1))

        issuer = statements[self.user_issuer]
        # issued КАСКО 5000 × 5% = 250 and ОСАГО 960 × 10% = 96; two fees of 200
        self.assertEqual(issuer.issuer_amount, 346)
        self.assertEqual(issuer.fee_amount, 400)
        self.assertEqual(issuer.seller_amount, 0)
        self.assertEqual(issuer.total_amount, 746)

        manager_2 = statements[self.user_manager_2]
        self.assertEqual(manager_2.seller_amount, 288)  # 960 × 30%
        self.assertFalse(manager_2.plan_met)
        self.assertEqual(manager_2.total_amount, 288)

    def test_closed_month_keeps_its_figures(self):
        load_russian_reports(self.env)
        statements = self.Statement._compute_month(self.month, self.company)
        before = {s.user_id: (s.total_amount, len(s.line_ids)) for s in statements}
        self.Statement._close_month(self.month, self.company)
        self.assertEqual(set(statements.mapped("state")), {"closed"})

        # later corrections to the policy, the scheme and the plan, and a
        # discount granted afterwards
        self.p_kasko.premium = 60000
        self.p_osago.discount_percent = 5
        self.scheme.seller_share = 50
        self._sold_policy(
            date(2025, 3, 20), self.product_osago, 5000, 10, self.user_manager, self.user_issuer
        )

        Statement_ru = self.Statement.with_context(lang="ru_RU")
        with self.assertRaises(UserError) as caught:
            Statement_ru.browse(statements.ids).action_compute()
        self.assertIn("Расчёт зарплаты за 03.2025 закрыт", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            Statement_ru._compute_month(self.month, self.company)
        self.assertIn("Расчёт зарплаты за 03.2025 закрыт", str(caught.exception))
        with self.assertRaises(UserError):
            statements[0].line_ids[0].amount = 1
        with self.assertRaises(UserError):
            statements[0].unlink()

        statements.invalidate_recordset()
        after = {s.user_id: (s.total_amount, len(s.line_ids)) for s in statements}
        self.assertEqual(after, before)
        self.assertEqual(after[self.user_manager][0], 7600)

        # an open month still follows the corrections
        april = self.Statement._compute_month(date(2025, 4, 1), self.company)
        self.assertFalse(april)

    def test_recompute_open_month_follows_policies(self):
        statements = self._by_user(self.Statement._compute_month(self.month, self.company))
        self.p_osago.premium = 20000  # commission 2000 → seller 600 instead of 300
        self.Statement._compute_month(self.month, self.company)
        self.assertEqual(statements[self.user_manager].seller_amount, 2600)

    def test_pay_xlsx_totals(self):
        statements = self.Statement._compute_month(self.month, self.company)
        buffer = io.BytesIO()
        statements._write_pay_xlsx(buffer)
        buffer.seek(0)
        book = openpyxl.load_workbook(buffer, data_only=True)
        summary = list(book["Сводка"].iter_rows(min_row=4, values_only=True))
        total = summary[-1]
        self.assertEqual(total[0], "Итого")
        self.assertAlmostEqual(total[7], sum(statements.mapped("total_amount")), places=2)
        self.assertAlmostEqual(total[7], 7600 + 746 + 288, places=2)
        manager_sheet = next(name for name in book.sheetnames if self.user_manager.name in name)
        rows = list(book[manager_sheet].iter_rows(min_row=4, values_only=True))
        self.assertEqual(rows[-1][0], "Итого")
        self.assertAlmostEqual(rows[-1][10], 7600, places=2)

    def test_hand_computed_month_with_a_discount(self):
        """КАСКО of 2 March (premium 50 000, commission 10% = 5 000) sold with a
        4% discount: 50 000 × 4% = 2 000 off our commission, we keep 3 000.

        manager (seller, КАСКО share 40%, ОСАГО 30%; issuer of his ОСАГО, 10%):
          seller:  КАСКО 3 000 × 40% = 1 200 (not 2 000) + ОСАГО 1 000 × 30% = 300
                   = 1 500
          issuer:  ОСАГО 1 000 × 10% = 100, fee 200
          bonus:   the plan is set on the gross commission, 5 000 + 1 000 = 6 000
                   ≥ 6 000, 2 policies ≥ 2: met, 5 000
          total:   1 500 + 100 + 200 + 5 000 = 6 800 (7 600 without the discount)
        issuer (КАСКО share 5%, ОСАГО 10%):
          КАСКО 3 000 × 5% = 150 (not 250) + ОСАГО of manager 2: 960 × 10% = 96
          = 246, two fees of 200 = 400; total 646 (746 without the discount)
        manager 2: untouched, ОСАГО 960 × 30% = 288."""
        self.p_kasko.discount_percent = 4
        statements = self._by_user(self.Statement._compute_month(self.month, self.company))
        manager = statements[self.user_manager]
        self.assertEqual(manager.seller_amount, 1500)
        self.assertEqual(manager.issuer_amount, 100)
        self.assertEqual(manager.fee_amount, 200)
        self.assertTrue(manager.plan_met, "the plan counts the gross commission")
        self.assertEqual(manager.bonus_amount, 5000)
        self.assertEqual(manager.total_amount, 6800)
        issuer = statements[self.user_issuer]
        self.assertEqual(issuer.issuer_amount, 246)
        self.assertEqual(issuer.total_amount, 646)
        self.assertEqual(statements[self.user_manager_2].total_amount, 288)

        # the line shows the gross commission, the discount and the base of the share
        line = manager.line_ids.filtered(
            lambda line: line.policy_id == self.p_kasko and line.kind == "seller_share"
        )
        self.assertEqual(
            (line.commission_amount, line.discount_amount, line.commission_net_amount),
            (5000, 2000, 3000),
        )
        self.assertEqual((line.rate, line.amount), (40, 1200))

        # and so does the accountant's workbook
        buffer = io.BytesIO()
        manager._write_pay_xlsx(buffer)
        buffer.seek(0)
        book = openpyxl.load_workbook(buffer, data_only=True)
        sheet = next(name for name in book.sheetnames if self.user_manager.name in name)
        rows = list(book[sheet].iter_rows(min_row=4, values_only=True))
        kasko = next(r for r in rows if r[1] == self.p_kasko.name and r[9] == 40)
        self.assertEqual(kasko[5:], (50000, 5000, 2000, 3000, 40, 1200))
        self.assertEqual(rows[-1][0], "Итого")
        self.assertAlmostEqual(rows[-1][10], 6800, places=2)
        # columns summed over the lines (КАСКО seller, ОСАГО seller, issuer and fee)
        self.assertAlmostEqual(rows[-1][7], 2000, places=2)
        self.assertAlmostEqual(rows[-1][8], 3000 + 1000 + 1000 + 1000, places=2)

    def test_discount_granted_later_recomputes_an_open_month_only(self):
        statements = self._by_user(self.Statement._compute_month(self.month, self.company))
        self.assertEqual(statements[self.user_manager].seller_amount, 2300)
        self.p_osago.discount_percent = 5  # 500 off 1 000: seller 500 × 30% = 150
        self.Statement._compute_month(self.month, self.company)
        self.assertEqual(statements[self.user_manager].seller_amount, 2150)
        # issuer of his own ОСАГО: 500 × 10% = 50 instead of 100
        self.assertEqual(statements[self.user_manager].issuer_amount, 50)

    def test_rights(self):
        statements = self.Statement._compute_month(self.month, self.company)
        load_russian_reports(self.env)
        mine = self.env["insurance.pay.statement"].with_user(self.user_manager).search([])
        self.assertEqual(mine.user_id, self.user_manager)
        lines = self.env["insurance.pay.statement.line"].with_user(self.user_manager).search([])
        self.assertEqual(lines.user_id, self.user_manager)
        with self.assertRaises(AccessError) as caught:
            mine.with_context(lang="ru_RU").action_export_xlsx()
        self.assertIn("Вам запрещено выгружать данные", str(caught.exception))
        with self.assertRaises(AccessError):
            mine._write_pay_xlsx(io.BytesIO())
        with self.assertRaises(AccessError):
            mine.action_compute()
        self.assertEqual(
            statements.with_user(self.user_head).action_export_xlsx()["type"],
            "ir.actions.act_url",
        )

    def test_scheme_shares_validated(self):
        load_russian_reports(self.env)
        with self.assertRaises(UserError) as caught:
            self.scheme.with_context(lang="ru_RU").write({"seller_share": 80, "issuer_share": 30})
        self.assertIn("больше 100%", str(caught.exception))
