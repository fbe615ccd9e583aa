import base64
import io
import json
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.misc import file_path

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import RenewalCommon, b64, load_russian_renewals, xlsx_bytes

SAMPLE = "insurance_prolongation/tests/data/legacy_register_2025.xlsx"
TRUTH = "insurance_prolongation/tests/data/legacy_register_2025.truth.json"
HEADER = (
    "Дата продажи",
    "Менеджер",
    "Оформитель",
    "ФИО клиента",
    "Телефон",
    "Продукт",
    "СК",
    "№ полиса",
    "Начало",
    "Окончание",
    "Премия, руб",
    "КВ %",
    "Госномер",
    "Оплата",
    "Доставка",
    "Комментарий",
)


class ImportCommon(RenewalCommon):
    """The catalogue of a real brokerage, alone in the database."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["insurance.product"].search([]).active = False
        cls.env["res.partner"].search([("is_insurer", "=", True)]).is_insurer = False
        Partner = cls.env["res.partner"]
        cls.insurers = {
            key: Partner.create({"name": name, "is_company": True, "is_insurer": True})
            for key, name in (
                ("ingos", "СПАО «Ингосстрах»"),
                ("reso", "СПАО «РЕСО-Гарантия»"),
                ("alfa", "АО «АльфаСтрахование»"),
                ("sogaz", "АО «СОГАЗ»"),
                ("rgs", "ПАО СК «Росгосстрах»"),
                ("vsk", "САО «ВСК»"),
                ("soglasie", "ООО СК «Согласие»"),
                ("renins", "ПАО «Группа Ренессанс Страхование»"),
            )
        }
        Product = cls.env["insurance.product"]
        cls.products = {
            code: Product.create(
                {"name": name, "code": f"I-{code}", "line_of_business": lob, "is_vehicle": vehicle}
            )
            for code, name, lob, vehicle in (
                ("OSAGO", "ОСАГО", "motor", True),
                ("KASKO", "КАСКО", "motor", True),
                ("DSAGO", "ДСАГО", "motor", True),
                ("MORTGAGE", "Ипотечное страхование", "mortgage", False),
                ("PROPERTY", "Страхование квартиры", "property", False),
                ("VZR", "Страхование выезжающих за рубеж", "travel", False),
            )
        }
        user_values = {"company_id": cls.company.id, "company_ids": [(6, 0, cls.company.ids)]}
        cls.seller_ivanova = mail_new_test_user(
            cls.env,
            login="imp_ivanova",
            name="Анна Иванова",
            groups="insurance_broker.group_broker_manager",
            **user_values,
        )
        cls.seller_petrov = mail_new_test_user(
            cls.env,
            login="imp_petrov",
            name="Сергей Петров",
            groups="insurance_broker.group_broker_manager",
            **user_values,
        )
        cls.seller_sidorova = mail_new_test_user(
            cls.env,
            login="imp_sidorova",
            name="Сидорова Елена Викторовна",
            groups="insurance_broker.group_broker_manager",
            **user_values,
        )

    def _wizard(self, content, filename="register.xlsx", **values):
        Wizard = self.env["insurance.policy.import"].with_context(lang="en_US")
        return Wizard.with_company(self.company).create(
            {"file": b64(content), "filename": filename, "company_id": self.company.id, **values}
        )

    def _import(self, content, filename="register.xlsx"):
        wizard = self._wizard(content, filename)
        wizard.action_analyse()
        wizard.action_confirm_mapping()
        self.assertEqual(wizard.state, "preview", wizard.name_ids.mapped("name"))
        wizard.action_import()
        return wizard

    def _company_policies(self):
        return self.env["insurance.policy"].search([("company_id", "=", self.company.id)])


@tagged("post_install", "-at_install")
class TestSampleRegister(ImportCommon):
    """The managers' 2025 register imports to exactly its truth file."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with open(file_path(SAMPLE), "rb") as sample:
            cls.sample = sample.read()
        with open(file_path(TRUTH), encoding="utf-8") as truth:
            cls.truth = json.load(truth)

    def test_mapping_detected(self):
        wizard = self._wizard(self.sample)
        wizard.action_analyse()
        self.assertEqual(wizard.sheet_names, "Иванова, Петров, Сидорова")
        mapping = {c.header: c.field for c in wizard.column_ids}
        self.assertEqual(mapping["ФИО клиента"], "client")
        self.assertEqual(mapping["№ полиса"], "number")
        self.assertEqual(mapping["КВ %"], "commission_rate")
        self.assertEqual(mapping["Окончание"], "date_end")
        self.assertFalse(mapping["КВ, руб"], "the commission amount is computed, not imported")

    def test_preview_matches_truth(self):
        partners_before = self.env["res.partner"].search_count([])
        wizard = self._wizard(self.sample)
        wizard.action_analyse()
        wizard.action_confirm_mapping()
        self.assertEqual(wizard.state, "preview")
        self.assertEqual(wizard.row_count, self.truth["rows"])
        self.assertEqual(wizard.new_count, self.truth["valid_rows"])
        self.assertEqual(wizard.error_count, len(self.truth["invalid"]))
        self.assertEqual(wizard.client_count, self.truth["clients"])
        self.assertAlmostEqual(wizard.premium_total, self.truth["premium_total_valid"], places=2)
        self.assertAlmostEqual(
            wizard.commission_total, self.truth["commission_total_valid"], places=2
        )
        errors = wizard.line_ids.filtered(lambda line: line.status == "error")
        self.assertEqual(
            sorted((line.sheet, line.row, line.policy_number) for line in errors),
            sorted((bad["sheet"], bad["row"], bad["policy"]) for bad in self.truth["invalid"]),
        )
        self.assertTrue(
            all("start date" in line.message for line in errors), errors.mapped("message")
        )
        self.assertFalse(self._company_policies(), "the preview writes nothing")
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)

    def test_import_matches_truth_and_is_idempotent(self):
        partners_before = self.env["res.partner"].search_count([])
        wizard = self._import(self.sample)
        policies = self._company_policies()
        self.assertEqual(wizard.imported_count, self.truth["valid_rows"])
        self.assertEqual(len(policies), self.truth["valid_rows"])
        self.assertEqual(wizard.created_client_count, self.truth["clients"])
        self.assertEqual(
            self.env["res.partner"].search_count([]) - partners_before, self.truth["clients"]
        )
        self.assertEqual(
            len(policies.partner_id),
            self.truth["clients"] - 1,
            "one client's only row has an invalid date",
        )
        self.assertAlmostEqual(
            sum(policies.mapped("premium")), self.truth["premium_total_valid"], places=2
        )
        self.assertAlmostEqual(
            sum(policies.mapped("commission_amount")),
            self.truth["commission_total_valid"],
            places=2,
        )
        # the error file lists the refused rows with their reason
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.error_file)))
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(len(rows) - 1, len(self.truth["invalid"]))
        self.assertEqual(
            sorted((row[0], row[1]) for row in rows[1:]),
            sorted((bad["sheet"], bad["row"]) for bad in self.truth["invalid"]),
        )
        self.assertTrue(all(row[2] for row in rows[1:]), "every row says why")

        # again: nothing new
        policies_count = len(policies)
        partners_count = self.env["res.partner"].search_count([])
        again = self._import(self.sample)
        self.assertEqual(again.imported_count, 0)
        self.assertEqual(again.exists_count, self.truth["valid_rows"])
        self.assertEqual(again.created_client_count, 0)
        self.assertEqual(len(self._company_policies()), policies_count)
        self.assertEqual(self.env["res.partner"].search_count([]), partners_count)

    def test_imported_values(self):
        self._import(self.sample)
        policy = self._company_policies().filtered(lambda p: p.name == "403342471")
        self.assertEqual(policy.insurer_id, self.insurers["alfa"])
        self.assertEqual(policy.product_id, self.products["PROPERTY"])
        self.assertEqual(policy.commission_rate, 22.0, "0.22 in the file")
        self.assertEqual(policy.date_start, date(2025, 2, 13))
        self.assertEqual(policy.date_end, date(2026, 2, 12))
        self.assertEqual(policy.payment_method, "bank_transfer")
        self.assertEqual(policy.delivery_method, "courier")
        self.assertEqual(policy.seller_id, self.seller_ivanova)
        self.assertEqual(policy.issuer_id, self.seller_petrov)
        self.assertEqual(policy.partner_id.phone, "+79607907889")
        text_date = self._company_policies().filtered(lambda p: p.name == "403359958")
        self.assertEqual(text_date.date_start, date(2025, 2, 16), "16.02.2025 as text")
        self.assertEqual(text_date.commission_rate, 23.0)
        percent = self._company_policies().filtered(lambda p: p.name == "403324752")
        self.assertEqual(percent.commission_rate, 26.0, "26% as text")
        self.assertEqual(percent.vehicle_plate, "А130РЕ99")
        # the same client written with +7, 8 and without prefix is one client
        mikhailov = self._company_policies().filtered(
            lambda p: p.name in ("403353513", "403353731")
        )
        self.assertEqual(len(mikhailov.partner_id), 1)


@tagged("post_install", "-at_install")
class TestImportFormats(ImportCommon):
    """CSV encodings and separators, dates and rates as people write them."""

    def _rows(self, today):
        return [
            ("Реестр полисов",),
            (),
            HEADER,
            (
                "05.01.25",
                "Иванова А.",
                "Петров С.",
                "Орлова Мария",
                "8 (916) 111-22-33",
                "ОСАГО",
                "Ингосстрах",
                "ХХХ 0000000001",
                "05.01.25",
                "04.01.26",
                "12 500,50",
                "10%",
                "а123вс77",
                "карта",
                "курьер",
                "",
            ),
            (
                "06.01.2025",
                "Иванова А.",
                "",
                "Орлов Пётр",
                "+7 916 444 55 66",
                "каско",
                "РЕСО",
                "К-0002",
                "06.01.2025",
                "05.01.2026",
                "80000",
                "0,15",
                "",
                "нал",
                "офис",
                "",
            ),
            (
                "07.01.2025",
                "Петров С.",
                "",
                "Орлова Мария",
                "79161112233",
                "ВЗР",
                "Альфа",
                "В-0003",
                "07.01.2025",
                "06.01.2026",
                "3000",
                "25",
                "",
                "",
                "",
                "",
            ),
            ("Итого", "", "", "", "", "", "", "", "", "", "95500,50", "", "", "", "", ""),
        ]

    def _csv(self, rows, delimiter=";", encoding="cp1251"):
        lines = [delimiter.join(str(cell) for cell in row) for row in rows]
        return "\r\n".join(lines).encode(encoding)

    def _check_three_policies(self):
        policies = self._company_policies()
        self.assertEqual(len(policies), 3)
        self.assertEqual(len(policies.partner_id), 2, "same phone in three spellings")
        first = policies.filtered(lambda p: p.name == "ХХХ 0000000001")
        self.assertEqual(first.date_start, date(2025, 1, 5))
        self.assertEqual(first.premium, 12500.5)
        self.assertEqual(first.commission_rate, 10.0)
        self.assertEqual(first.vehicle_plate, "А123ВС77")
        self.assertEqual(policies.filtered(lambda p: p.name == "К-0002").commission_rate, 15.0)
        self.assertEqual(policies.filtered(lambda p: p.name == "В-0003").commission_rate, 25.0)

    def test_csv_cp1251_semicolon(self):
        self._import(self._csv(self._rows(self.today)), "реестр.csv")
        self._check_three_policies()

    def test_csv_utf8_comma(self):
        rows = [tuple(str(c).replace(",", ".") for c in row) for row in self._rows(self.today)]
        self._import(self._csv(rows, ",", "utf-8-sig"), "register.csv")
        self._check_three_policies()

    def test_xlsx_with_text_cells(self):
        self._import(xlsx_bytes({"Лист1": self._rows(self.today)}))
        self._check_three_policies()

    def test_unknown_names_confirmed_and_remembered(self):
        rows = self._rows(self.today)
        rows[4] = rows[4][:6] + ("Новая СК «Восход»",) + rows[4][7:]
        rows[5] = rows[5][:5] + ("Страхование питомцев",) + rows[5][6:]
        content = xlsx_bytes({"Лист1": rows})
        wizard = self._wizard(content)
        wizard.action_analyse()
        wizard.action_confirm_mapping()
        self.assertEqual(wizard.state, "names")
        names = {(line.kind, line.name) for line in wizard.name_ids}
        self.assertEqual(
            names, {("insurer", "Новая СК «Восход»"), ("product", "Страхование питомцев")}
        )
        wizard.name_ids.filtered(lambda n: n.kind == "insurer").insurer_id = self.insurers["reso"]
        wizard.name_ids.filtered(lambda n: n.kind == "product").create_new = True
        wizard.action_confirm_names()
        self.assertEqual(wizard.state, "preview")
        self.assertEqual(wizard.new_count, 3)
        wizard.action_import()
        policies = self._company_policies()
        self.assertEqual(
            policies.filtered(lambda p: p.name == "К-0002").insurer_id, self.insurers["reso"]
        )
        pet = policies.filtered(lambda p: p.name == "В-0003").product_id
        self.assertEqual(pet.name, "Страхование питомцев")
        # the next import of the same names asks nothing
        again = self._wizard(content)
        again.action_analyse()
        again.action_confirm_mapping()
        self.assertEqual(again.state, "preview")
        self.assertEqual(again.exists_count, 3)

    def test_unknown_name_left_unmatched_goes_to_errors(self):
        rows = self._rows(self.today)
        rows[4] = rows[4][:6] + ("Неизвестная СК",) + rows[4][7:]
        wizard = self._wizard(xlsx_bytes({"Лист1": rows}))
        wizard.action_analyse()
        wizard.action_confirm_mapping()
        wizard.action_confirm_names()
        self.assertEqual((wizard.new_count, wizard.error_count), (2, 1))
        wizard.action_import()
        self.assertEqual(len(self._company_policies()), 2)
        self.assertTrue(wizard.error_file)

    def test_duplicate_row_and_bad_values(self):
        rows = self._rows(self.today)
        rows.insert(6, rows[5])  # the same policy twice
        rows.insert(
            7,
            (
                "07.01.2025",
                "",
                "",
                "Без телефона",
                "123",
                "ОСАГО",
                "ВСК",
                "Б-1",
                "07.01.2025",
                "06.01.2026",
                "-5",
                "200",
                "XYZ",
                "",
                "",
                "",
            ),
        )
        wizard = self._wizard(xlsx_bytes({"Лист1": rows}))
        wizard.action_analyse()
        wizard.action_confirm_mapping()
        errors = wizard.line_ids.filtered(lambda line: line.status == "error")
        self.assertEqual(len(errors), 2)
        bad = errors.filtered(lambda line: line.policy_number == "Б-1").message
        for problem in ("phone", "premium", "commission", "plate"):
            self.assertIn(problem, bad)
        self.assertIn(
            "earlier row", errors.filtered(lambda line: line.policy_number == "В-0003").message
        )

    def test_consent_column(self):
        rows = [r + ("да",) if len(r) > 5 else r for r in self._rows(self.today)]
        rows[2] = HEADER + ("Согласие на СМС",)
        self._import(xlsx_bytes({"Лист1": rows}))
        client = self._company_policies().filtered(lambda p: p.name == "К-0002").partner_id
        self.assertTrue(client.sms_consent)
        self.assertEqual(client.sms_consent_source, "import")
        self.assertEqual(client.sms_consent_date, date(2025, 1, 6))

    def test_imported_policies_enter_renewal_pipeline(self):
        soon = self._days(10)
        rows = [
            HEADER,
            (
                "01.01.2025",
                "",
                "",
                "Клиент Скорый",
                "+7 916 000 00 01",
                "ОСАГО",
                "СОГАЗ",
                "ХХХ 1000000001",
                "",
                soon.strftime("%d.%m.%Y"),
                "5000",
                "10",
                "",
                "",
                "",
                "",
            ),
        ]
        cron = self.env.ref("insurance_prolongation.ir_cron_create_renewals")
        triggers_before = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        self._import(xlsx_bytes({"Лист1": rows}))
        policy = self._company_policies()
        self.assertEqual(policy.state, "active")
        self.assertEqual(policy.date_start, date(2025, 1, 1), "no start date: the sale date")
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers_before
        )
        self._run_cron()
        self.assertEqual(len(self._renewals_of(policy)), 1)

    def test_missing_required_column(self):
        rows = [tuple(c for c in HEADER if c != "Телефон")]
        wizard = self._wizard(xlsx_bytes({"Лист1": rows + [("x",) * 15]}))
        wizard.action_analyse()
        with self.assertRaises(UserError):
            wizard.action_confirm_mapping()


@tagged("post_install", "-at_install")
class TestBrokenFiles(ImportCommon):
    """Files that are not registers get a clear Russian message."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_russian_renewals(cls.env)

    def _message(self, content, filename):
        wizard = self._wizard(content, filename).with_context(lang="ru_RU")
        with self.assertRaises(UserError) as error:
            wizard.action_analyse()
        return str(error.exception)

    def test_not_a_spreadsheet(self):
        png = base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
        )
        self.assertIn("не таблица", self._message(png, "photo.xlsx"))
        self.assertIn("не таблица", self._message(b"PK\x03\x04broken zip", "broken.xlsx"))

    def test_empty_file(self):
        self.assertIn("пуст", self._message(b"", "empty.csv"))
        self.assertIn("пуст", self._message(b"  \r\n", "empty.csv"))

    def test_wrong_encoding(self):
        header = [c.replace("№ полиса", "Номер полиса") for c in HEADER]
        text = ";".join(header) + "\r\n" + ";".join(["01.01.2025"] * 16)
        self.assertIn("кодировк", self._message(text.encode("koi8_r"), "koi8.csv"))

    def test_old_xls(self):
        self.assertIn(
            ".xlsx", self._message(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls")
        )

    def test_no_header(self):
        message = self._message(b"a;b;c\r\n1;2;3", "other.csv")
        self.assertIn("заголов", message)
