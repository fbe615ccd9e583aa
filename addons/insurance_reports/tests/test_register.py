import io
from datetime import date, datetime

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import InsuranceReportsCommon, load_russian_reports


@tagged("post_install", "-at_install")
class TestRegister(InsuranceReportsCommon):
    def _wizard(self, user=None, **values):
        Wizard = self.env["insurance.register.wizard"]
        if user:
            Wizard = Wizard.with_user(user)
        return Wizard.create(
            {"date_from": date(2025, 1, 1), "date_to": date(2025, 3, 31), **values}
        )

    def _export(self, wizard):
        buffer = io.BytesIO()
        wizard._write_register_xlsx(buffer)
        buffer.seek(0)
        return openpyxl.load_workbook(buffer, data_only=True)

    def _db_sums(self, domain):
        groups = self.env["insurance.policy"]._read_group(
            domain, ["seller_id"], ["__count", "premium:sum", "commission_amount:sum"]
        )
        return {seller.name: (count, premium, commission) for seller, count, premium, commission
                in groups}  # fmt: skip

    def _sold_domain(self, **extra):
        domain = [
            ("company_id", "=", self.company.id),
            ("state", "in", ("active", "expired", "renewed")),
            ("date_sale", ">=", date(2025, 1, 1)),
            ("date_sale", "<=", date(2025, 3, 31)),
        ]
        return domain + [(k, "=", v) for k, v in extra.items()]

    def test_register_totals_equal_database_sums(self):
        book = self._export(self._wizard(self.user_head))
        expected = self._db_sums(self._sold_domain(origin="own"))
        self.assertEqual(set(expected), {self.user_manager.name, self.user_manager_2.name})

        # one sheet per manager after the summary, each totalled at the bottom
        self.assertEqual(book.sheetnames[0], "Сводка")
        for name, (count, premium, commission) in expected.items():
            sheet = book[name]
            rows = list(sheet.iter_rows(min_row=4, values_only=True))
            data, total = rows[:-1], rows[-1]
            self.assertEqual(len(data), count)
            self.assertEqual(total[0], "Итого")
            self.assertAlmostEqual(total[10], premium, places=2)
            self.assertAlmostEqual(total[12], commission, places=2)
            self.assertAlmostEqual(sum(r[10] for r in data), premium, places=2)
            self.assertAlmostEqual(sum(r[12] for r in data), commission, places=2)

        summary = {row[0]: row[1:] for row in book["Сводка"].iter_rows(min_row=4, values_only=True)}
        grand = summary.pop("Итого")
        for name, (count, premium, commission) in expected.items():
            self.assertEqual(summary[name][0], count)
            self.assertAlmostEqual(summary[name][1], premium, places=2)
            self.assertAlmostEqual(summary[name][2], commission, places=2)
        self.assertEqual(grand[0], 4)  # kasko, osago, osago2, february; not draft/cancelled
        self.assertAlmostEqual(grand[1], 50000 + 10000 + 8000 + 100000, places=2)
        self.assertAlmostEqual(grand[2], 5000 + 1000 + 960 + 10000, places=2)

    def test_register_layout_like_the_managers_sheet(self):
        book = self._export(self._wizard(self.user_head))
        sheet = book[self.user_manager.name]
        self.assertEqual(sheet.freeze_panes, "A4")
        self.assertTrue(sheet.auto_filter.ref.startswith("A3:"))
        header = [c.value for c in sheet[3]]
        self.assertEqual(header[:3], ["Дата продажи", "Менеджер", "Оформитель"])
        self.assertIn("Премия, руб", header)
        first = [c for c in sheet[4]]
        self.assertEqual(first[0].value, datetime(2025, 2, 3))
        self.assertEqual(first[0].number_format, "dd.mm.yyyy")
        self.assertEqual(first[10].number_format, "#,##0.00")
        self.assertEqual(first[3].value, self.client.name)
        self.assertEqual(first[7].value, self.p_feb.name)
        # the totals are formulas whose cached value is the sum
        formulas = openpyxl.load_workbook(self._buffer(self._wizard(self.user_head)))
        total_row = formulas[self.user_manager.name].max_row
        self.assertTrue(
            str(formulas[self.user_manager.name].cell(total_row, 11).value).startswith("=SUBTOTAL")
        )

    def _buffer(self, wizard):
        buffer = io.BytesIO()
        wizard._write_register_xlsx(buffer)
        buffer.seek(0)
        return buffer

    def test_register_headers_in_russian(self):
        load_russian_reports(self.env)
        book = self._export(self._wizard(self.user_head))
        self.assertEqual(book.sheetnames[0], "Сводка")
        header = [c.value for c in book[self.user_manager.name][3]]
        self.assertEqual(header[:4], ["Дата продажи", "Менеджер", "Оформитель", "ФИО клиента"])
        self.assertIn("Премия, руб", header)
        self.assertIn("КВ, руб", header)

    def test_register_filters(self):
        wizard = self._wizard(
            self.user_head, seller_id=self.user_manager.id, product_id=self.product_osago.id
        )
        book = self._export(wizard)
        self.assertEqual(book.sheetnames, ["Сводка", self.user_manager.name])
        rows = list(book[self.user_manager.name].iter_rows(min_row=4, values_only=True))[:-1]
        self.assertEqual([r[7] for r in rows], [self.p_osago.name])

        foreign = self._export(self._wizard(self.user_head, origin="foreign"))
        rows = list(foreign[self.user_manager.name].iter_rows(min_row=4, values_only=True))[:-1]
        self.assertEqual([r[7] for r in rows], [self.p_foreign.name])

        by_insurer = self._export(self._wizard(self.user_head, insurer_id=self.insurer_b.id))
        self.assertEqual(by_insurer.sheetnames, ["Сводка"])

        empty = self._export(self._wizard(self.user_head, date_from=date(2024, 1, 1),
                                          date_to=date(2024, 1, 31)))  # fmt: skip
        summary = list(empty["Сводка"].iter_rows(min_row=4, values_only=True))
        self.assertEqual(summary, [("Итого", 0, 0, 0, 0, 0)])

    def test_register_on_screen_same_rows(self):
        wizard = self._wizard(self.user_head)
        action = wizard.action_show()
        lines = self.env["insurance.register.line"].search(action["domain"])
        self.assertEqual(
            set(lines.policy_id.ids),
            {self.p_kasko.id, self.p_osago.id, self.p_osago2.id, self.p_feb.id},
        )
        groups = self.env["insurance.register.line"]._read_group(
            action["domain"], [], ["premium:sum", "commission_amount:sum", "policy_count:sum"]
        )
        self.assertEqual(groups[0], (168000.0, 16960.0, 4))

    def test_only_head_and_accountant_export(self):
        load_russian_reports(self.env)
        AuditLog = self.env["insurance.audit.log"].sudo()
        wizard = self._wizard(self.user_manager).with_context(lang="ru_RU")
        self.assertFalse(wizard.can_export)
        # no assertRaises: its savepoint would roll the audit rows back
        for refused_action in (
            wizard.action_export_xlsx,
            lambda: wizard._write_register_xlsx(io.BytesIO()),
        ):
            try:
                refused_action()
            except AccessError as error:
                self.assertIn("Вам запрещено выгружать данные", str(error))
            else:
                self.fail("the manager's export was not refused")
        refused = AuditLog.search(
            [("user_id", "=", self.user_manager.id), ("channel", "=", "xlsx_report")]
        )
        self.assertEqual(refused.mapped("outcome"), ["refused", "refused"])
        for user in (self.user_head, self.user_accountant):
            wizard = self._wizard(user)
            self.assertTrue(wizard.can_export)
            self.assertEqual(wizard.action_export_xlsx()["type"], "ir.actions.act_url")

    def test_allowed_download_is_logged_with_its_row_count(self):
        self._export(self._wizard(self.user_head))
        logged = (
            self.env["insurance.audit.log"]
            .sudo()
            .search([("user_id", "=", self.user_head.id), ("channel", "=", "xlsx_report")])
        )
        self.assertEqual(logged.outcome, "allowed")
        self.assertEqual(logged.res_model, "insurance.register.line")
        self.assertEqual(logged.record_count, 4)

    def test_list_export_of_the_register_follows_the_export_right(self):
        Line = self.env["insurance.register.line"]
        with self.assertRaises(AccessError):
            Line.with_user(self.user_manager).search([]).export_data(["name", "partner_id"])
        rows = (
            Line.with_user(self.user_accountant)
            .search(
                [("company_id", "=", self.company.id), ("seller_id", "=", self.user_manager_2.id)]
            )
            .export_data(["name", "premium"])["datas"]
        )
        self.assertEqual(rows, [[self.p_osago2.name, 8000.0]])

    def test_manager_sees_only_own_register_lines(self):
        lines = (
            self.env["insurance.register.line"]
            .with_user(self.user_manager_2)
            .search([("company_id", "=", self.company.id)])
        )
        self.assertEqual(lines.policy_id, self.p_osago2)
        lines = self.env["insurance.register.line"].with_user(self.user_issuer).search([])
        self.assertEqual(
            lines.policy_id, self.p_kasko | self.p_osago2 | self.p_feb | self.p_foreign
        )
        accountant_lines = (
            self.env["insurance.register.line"]
            .with_user(self.user_accountant)
            .search([("company_id", "=", self.company.id)])
        )
        self.assertEqual(len(accountant_lines), 5)

    def test_period_must_be_ordered(self):
        load_russian_reports(self.env)
        Wizard = self.env["insurance.register.wizard"].with_user(self.user_head)
        with self.assertRaises(UserError) as caught:
            Wizard.with_context(lang="ru_RU").create(
                {"date_from": date(2025, 3, 31), "date_to": date(2025, 3, 1)}
            )
        self.assertIn("Период заканчивается раньше, чем начинается", str(caught.exception))

    # ------------------------------------------------------------
    # Discounts: given to the client out of our commission
    # ------------------------------------------------------------

    SAMPLE_HEADERS = [
        "Дата продажи", "Менеджер", "Оформитель", "ФИО клиента", "Телефон", "Продукт", "СК",
        "№ полиса", "Начало", "Окончание", "Премия, руб", "КВ %", "КВ, руб", "Госномер",
        "Оплата", "Доставка", "Комментарий",
    ]  # fmt: skip

    def _discount(self):
        """КАСКО of 2 March: 4% of 50 000 = 2 000 off our 5 000, we keep 3 000;
        ОСАГО of manager 2: 2.5% of 8 000 = 200 off our 960, we keep 760."""
        self.p_kasko.discount_percent = 4
        self.p_osago2.discount_percent = 2.5
        self.assertEqual(self.p_kasko.commission_net_amount, 3000)
        self.assertEqual(self.p_osago2.commission_net_amount, 760)
        self.env.flush_all()  # the register is a SQL view over the policies

    def test_register_discount_columns_after_the_managers_columns(self):
        self._discount()
        wizard = self._wizard(self.user_head)
        book = self._export(wizard)
        sheet = book[self.user_manager.name]
        header = [c.value for c in sheet[3]]
        # the managers' 17 columns keep their order and headers; ours come after
        self.assertEqual(header[:17], self.SAMPLE_HEADERS)
        self.assertEqual(len(header), 22)
        self.assertEqual(header[17:19], ["Происхождение", "Статус"])
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        data, total = rows[:-1], rows[-1]
        by_policy = {row[7]: row for row in data}
        kasko = by_policy[self.p_kasko.name]
        self.assertEqual((kasko[12], kasko[19], kasko[20], kasko[21]), (5000, 4, 2000, 3000))
        osago = by_policy[self.p_osago.name]
        # no discount: nothing off, the whole commission is ours
        self.assertEqual((osago[19], osago[20], osago[21]), (0, 0, 1000))
        # totals of the manager: February КАСКО 10 000 + КАСКО 5 000 + ОСАГО 1 000
        self.assertAlmostEqual(total[12], 16000, places=2)
        self.assertAlmostEqual(total[20], 2000, places=2)
        self.assertAlmostEqual(total[21], 14000, places=2)
        self.assertIsNone(total[19], "a rate is not summed")
        formulas = openpyxl.load_workbook(self._buffer(wizard))
        manager_sheet = formulas[self.user_manager.name]
        for col in (21, 22):  # discount and net commission, 1-based
            self.assertTrue(
                str(manager_sheet.cell(manager_sheet.max_row, col).value).startswith("=SUBTOTAL")
            )
        self.assertEqual(manager_sheet.cell(4, 21).number_format, "#,##0.00")

    def test_register_summary_with_discount_and_net_commission(self):
        self._discount()
        book = self._export(self._wizard(self.user_head))
        header = [c.value for c in book["Сводка"][3]]
        self.assertEqual(header[:4], ["Менеджер", "Полисы", "Премия, руб", "КВ, руб"])
        self.assertEqual(len(header), 6)
        summary = {row[0]: row[1:] for row in book["Сводка"].iter_rows(min_row=4, values_only=True)}
        self.assertEqual(summary[self.user_manager.name], (3, 160000, 16000, 2000, 14000))
        self.assertEqual(summary[self.user_manager_2.name], (1, 8000, 960, 200, 760))
        self.assertEqual(summary["Итого"], (4, 168000, 16960, 2200, 14760))

    def test_register_totals_returned_per_manager(self):
        self._discount()
        totals = self._wizard(self.user_head)._write_register_xlsx(io.BytesIO())
        self.assertEqual(totals[self.user_manager_2.name], (1, 8000, 960, 200, 760))

    def test_register_on_screen_net_commission(self):
        self._discount()
        domain = self._wizard(self.user_head).action_show()["domain"]
        Line = self.env["insurance.register.line"]
        groups = Line._read_group(
            domain,
            ["seller_id"],
            ["commission_amount:sum", "discount_amount:sum", "commission_net_amount:sum"],
        )
        self.assertEqual(
            {seller: figures for seller, *figures in groups},
            {self.user_manager: [16000, 2000, 14000], self.user_manager_2: [960, 200, 760]},
        )
        line = Line.search([("policy_id", "=", self.p_kasko.id)])
        self.assertEqual(line.discount_percent, 4)
        # list columns the user may show, pivot measures
        arch = Line.get_views([(False, "list"), (False, "pivot")])["views"]
        for fname in ("discount_percent", "discount_amount", "commission_net_amount"):
            self.assertIn(f'name="{fname}"', arch["list"]["arch"])
        self.assertIn('name="commission_net_amount" type="measure"', arch["pivot"]["arch"])
        self.assertIn('name="discount_amount" type="measure"', arch["pivot"]["arch"])
