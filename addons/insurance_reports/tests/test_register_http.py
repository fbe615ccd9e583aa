import io
from datetime import date

import openpyxl

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestRegisterDownload(HttpCase):
    """The register downloads over HTTP for the head of sales, not for a
    manager (demo users head / manager1)."""

    def _wizard(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        if not user:
            self.skipTest("needs the demo users")
        return (
            self.env["insurance.register.wizard"]
            .with_user(user)
            .create({"date_from": date(2000, 1, 1), "date_to": date(2100, 1, 1)})
        )

    def test_head_downloads_the_register(self):
        wizard = self._wizard("head")
        self.authenticate("head", "head")
        response = self.url_open(f"/insurance_reports/register/{wizard.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        book = openpyxl.load_workbook(io.BytesIO(response.content), data_only=True)
        total = list(book.worksheets[0].iter_rows(values_only=True))[-1]
        sold = self.env["insurance.register.line"].search(
            [("origin", "=", "own"), ("company_id", "=", self.env.ref("base.main_company").id)]
        )
        self.assertEqual(total[1], len(sold))
        self.assertAlmostEqual(total[3], sum(sold.mapped("commission_amount")), places=2)

    def test_manager_cannot_download(self):
        wizard = self._wizard("manager1")
        self.authenticate("manager1", "manager1")
        response = self.url_open(f"/insurance_reports/register/{wizard.id}")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("spreadsheetml", response.headers.get("Content-Type", ""))


@tagged("post_install", "-at_install")
class TestPayDownload(HttpCase):
    """The accountant downloads the demo pay statements (demo user accountant)."""

    def test_accountant_downloads_pay(self):
        accountant = self.env["res.users"].search([("login", "=", "accountant")])
        statements = self.env["insurance.pay.statement"].search(
            [("company_id", "=", self.env.ref("base.main_company").id)]
        )
        if not accountant or not statements:
            self.skipTest("needs the demo users and pay statements")
        self.assertIn("closed", statements.mapped("state"))
        self.authenticate("accountant", "accountant")
        ids = ",".join(map(str, statements.ids))
        response = self.url_open(f"/insurance_reports/pay?ids={ids}")
        self.assertEqual(response.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(response.content), data_only=True)
        total = list(book.worksheets[0].iter_rows(values_only=True))[-1]
        self.assertAlmostEqual(total[7], sum(statements.mapped("total_amount")), places=2)
        self.assertEqual(len(book.sheetnames), len(statements) + 1)

        self.authenticate("manager1", "manager1")
        response = self.url_open(f"/insurance_reports/pay?ids={ids}")
        self.assertNotEqual(response.status_code, 200)
