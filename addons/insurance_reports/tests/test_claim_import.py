import base64
import csv
import io
from datetime import date, datetime

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .profitability_common import InsuranceProfitabilityCommon

RU_HEADER = [
    "Номер полиса",
    "Страховщик",
    "Номер убытка",
    "Дата убытка",
    "Заявлено",
    "Выплачено",
    "Дата выплаты",
    "Статус",
    "Описание",
]


def xlsx(rows, title=None):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
        sheet.append([])
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_bytes(rows, encoding="utf-8", delimiter=";"):
    output = io.StringIO()
    csv.writer(output, delimiter=delimiter).writerows(rows)
    return output.getvalue().encode(encoding)


@tagged("post_install", "-at_install")
class TestClaimImport(InsuranceProfitabilityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy_1 = cls._sold(100, name="ХХХ 0000000001")
        cls.policy_2 = cls._sold(100, name="ХХХ 0000000002", product_id=cls.product_osago.id)
        # the same number issued by two insurers
        cls.twin_a = cls._sold(50, name="777")
        cls.twin_b = cls._sold(50, name="777", insurer_id=cls.insurer_b.id)

    def _wizard(self, content, filename="claims.xlsx", user=None):
        Wizard = self.env["insurance.claim.import"]
        if user:
            Wizard = Wizard.with_user(user)
        return Wizard.create(
            {"file": base64.b64encode(content), "filename": filename, "company_id": self.company.id}
        )

    def _claims(self):
        return self.env["insurance.claim"].search(
            [("policy_id", "in", (self.policy_1 | self.policy_2 | self.twin_a | self.twin_b).ids)]
        )

    def test_good_xlsx(self):
        content = xlsx(
            [
                RU_HEADER,
                [
                    "ххх  0000000001",
                    "СК «Альфа-Тест»",
                    "У-10",
                    datetime(2025, 3, 1),
                    "12 345,50 руб",
                    "10 000",
                    "15.03.2025",
                    "Выплачен",
                    "ДТП",
                ],
                ["ХХХ 0000000002", None, "У-11", "05.04.25", 5000, None, None, "на рассмотрении"],
                [None] * 9,
                ["Итого", None, None, None, 17345.5, 10000],
            ],
            title="Убытки клиентов брокера за 2025 год",
        )
        wizard = self._wizard(content)
        wizard.action_preview()
        self.assertEqual(
            (wizard.row_count, wizard.new_count, wizard.error_count),
            (2, 2, 0),
            wizard.line_ids.mapped("message"),
        )
        self.assertFalse(self._claims(), "the preview writes nothing")
        wizard.action_import()
        self.assertEqual((wizard.state, wizard.imported_count), ("done", 2))
        claim = self._claims().filtered(lambda c: c.name == "У-10")
        self.assertEqual(claim.policy_id, self.policy_1)
        self.assertEqual(claim.date, date(2025, 3, 1))
        self.assertEqual(claim.date_paid, date(2025, 3, 15))
        self.assertAlmostEqual(claim.amount_claimed, 12345.5)
        self.assertAlmostEqual(claim.amount_paid, 10000)
        self.assertEqual(claim.state, "paid")
        self.assertEqual(claim.description, "ДТП")
        other = self._claims().filtered(lambda c: c.name == "У-11")
        self.assertEqual(
            (other.policy_id, other.state, other.date),
            (self.policy_2, "in_review", date(2025, 4, 5)),
        )

    def test_cp1251_csv_with_english_headers(self):
        content = csv_bytes(
            [
                ["Policy number", "Claim number", "Loss date", "Amount paid", "Status"],
                ["ХХХ 0000000001", "CL-1", "2025-02-10", "7 500,00", "paid"],
                ["ХХХ 0000000002", "CL-2", "11.02.2025", "", "отказ"],
            ],
            encoding="cp1251",
        )
        wizard = self._wizard(content, "claims.csv")
        wizard.action_preview()
        self.assertEqual(
            (wizard.new_count, wizard.error_count), (2, 0), wizard.line_ids.mapped("message")
        )
        wizard.action_import()
        claims = self._claims()
        self.assertEqual(sorted(claims.mapped("name")), ["CL-1", "CL-2"])
        self.assertEqual(claims.filtered(lambda c: c.name == "CL-2").state, "rejected")
        self.assertAlmostEqual(claims.filtered(lambda c: c.name == "CL-1").amount_paid, 7500)

    def test_broken_rows_are_listed_and_nothing_else_lost(self):
        content = xlsx(
            [
                RU_HEADER,
                ["ХХХ 0000000001", None, "OK-1", "01.03.2025", 100, 50, None, "выплачен"],
                ["ХХХ 9999999999", None, "E-1", "01.03.2025", 100, 0],
                ["ХХХ 0000000001", None, "E-2", "31.02.2025", 100, 0],
                ["ХХХ 0000000001", None, "E-3", "01.03.2025", "сто", 0],
                ["ХХХ 0000000001", None, "E-4", "01.03.2025", 100, 0, None, "непонятно"],
                ["ХХХ 0000000001", None, "OK-1", "02.03.2025", 100, 0],
                ["777", None, "E-6", "01.03.2025", 100, 0],
                ["777", "СК «Бета-Тест»", "OK-2", "01.03.2025", 100, 0],
                ["777", "СК «Гамма»", "E-7", "01.03.2025", 100, 0],
                ["ХХХ 0000000002", None, None, "01.03.2025", 100, 0],
                ["ХХХ 0000000002", None, "E-9", "10.03.2025", 100, 10, "01.03.2025"],
            ]
        )
        wizard = self._wizard(content)
        wizard.action_preview()
        self.assertEqual((wizard.row_count, wizard.new_count, wizard.error_count), (11, 2, 9))
        errors = wizard.error_line_ids
        self.assertEqual(
            sorted(errors.mapped("row_number")), [3, 4, 5, 6, 7, 8, 10, 11, 12], "rows of the sheet"
        )
        self.assertTrue(all(errors.mapped("message")), "every refused row says why")
        duplicate = errors.filtered(lambda line: line.row_number == 7)
        self.assertIn("2", duplicate.message, "the duplicate names the first row")
        self.assertTrue(wizard.error_file, "the refused rows can be downloaded")
        error_book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.error_file)))
        self.assertEqual(error_book.active.max_row, 10, "header + 9 refused rows")
        wizard.action_import()
        self.assertEqual(sorted(self._claims().mapped("name")), ["OK-1", "OK-2"])
        self.assertEqual(self._claims().filtered(lambda c: c.name == "OK-2").policy_id, self.twin_b)
        self.assertEqual(wizard.error_count, 9, "the errors stay listed after the import")

    def test_reimport_updates_instead_of_duplicating(self):
        rows = [RU_HEADER, ["ХХХ 0000000001", None, "У-20", "01.03.2025", 1000, 0, None, "заявлен"]]
        self._wizard(xlsx(rows)).action_import()
        claim = self._claims()
        self.assertEqual((claim.state, claim.amount_paid), ("reported", 0))
        rows[1] = [
            "ХХХ 0000000001",
            None,
            "у-20",
            "01.03.2025",
            1000,
            800,
            "20.03.2025",
            "выплачен",
        ]
        wizard = self._wizard(xlsx(rows))
        wizard.action_preview()
        self.assertEqual((wizard.new_count, wizard.update_count), (0, 1))
        wizard.action_import()
        self.assertEqual(self._claims(), claim, "the same claim, not a second one")
        self.assertEqual(
            (claim.state, claim.amount_paid, claim.date_paid), ("paid", 800, date(2025, 3, 20))
        )
        self.assertEqual((wizard.imported_count, wizard.updated_count), (0, 1))

    def test_broken_files_give_a_message_and_write_nothing(self):
        broken = {
            "random.xlsx": b"PK\x03\x04 this is not a workbook at all",
            "old.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "empty.csv": b"   \n",
            "binary.csv": b"\x00\x01\x02\x03garbage",
            "no_header.csv": csv_bytes([["a", "b"], ["1", "2"]]),
            "header_only.csv": csv_bytes([["Номер полиса", "Номер убытка", "Дата убытка"]]),
        }
        for filename, content in broken.items():
            with self.subTest(filename=filename), self.assertRaises(UserError):
                self._wizard(content, filename).action_preview()
        self.assertFalse(self._claims())

    def test_a_file_with_only_errors_imports_nothing(self):
        wizard = self._wizard(xlsx([RU_HEADER, ["НЕТ ТАКОГО", None, "E-1", "01.03.2025", 1, 0]]))
        wizard.action_preview()
        self.assertEqual(wizard.error_count, 1)
        with self.assertRaises(UserError):
            wizard.action_import()
        self.assertFalse(self._claims())

    def test_manager_cannot_import_claims(self):
        with self.assertRaises(AccessError):
            self._wizard(xlsx([RU_HEADER]), user=self.user_manager)
