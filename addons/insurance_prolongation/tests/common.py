import base64
import io

from dateutil.relativedelta import relativedelta

from odoo.addons.insurance_broker.tests.common import InsuranceBrokerCommon, load_russian
from odoo.addons.mail.tests.common import mail_new_test_user


def load_russian_renewals(env):
    """Russian with the terms of insurance_broker and of this module."""
    load_russian(env, "insurance_prolongation")


class RenewalCommon(InsuranceBrokerCommon):
    """The brokerage of InsuranceBrokerCommon with renewal settings: own
    policies renewed 30 days ahead by their seller, foreign ones 45 days ahead,
    the head of sales as fallback."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        user_values = {
            "company_id": cls.company.id,
            "company_ids": [(6, 0, cls.company.ids)],
            "tz": "Europe/Moscow",
        }
        cls.user_manager_3 = mail_new_test_user(
            cls.env,
            login="ren_manager_3",
            name="Олег Третьяков",
            groups="insurance_broker.group_broker_manager",
            **user_values,
        )
        cls.stage_renewal = cls.env["crm.stage"].create({"name": "Пролонгация", "sequence": 1})
        cls.team_renewal = cls.env["crm.team"].create(
            {"name": "Пролонгации", "company_id": cls.company.id}
        )
        cls.tag_vip = cls.env["crm.tag"].create({"name": "VIP"})
        cls.activity_call = cls.env.ref("mail.mail_activity_data_call")
        cls.company.write(
            {
                "renewal_days_own": 30,
                "renewal_days_foreign": 45,
                "renewal_assign_own": "seller",
                "renewal_assign_foreign": "seller",
                "renewal_fallback_user_id": cls.user_head.id,
                "renewal_stage_id": cls.stage_renewal.id,
                "renewal_team_id": cls.team_renewal.id,
                "renewal_tag_ids": [(6, 0, cls.tag_vip.ids)],
                "renewal_activity_type_id": cls.activity_call.id,
                "renewal_activity_days": 3,
            }
        )
        cls.Policy = cls.env["insurance.policy"]
        cls.Lead = cls.env["crm.lead"].with_context(active_test=False)

    @classmethod
    def _ending_policy(cls, date_end, origin="own", **values):
        """A policy in force (own) or recorded (foreign) ending on ``date_end``."""
        return cls._create_policy(
            origin=origin,
            state="active",
            date_sale=date_end - relativedelta(years=1),
            date_start=date_end - relativedelta(years=1),
            date_end=date_end,
            seller_id=cls.user_manager.id,
            issuer_id=cls.user_issuer.id,
            **values,
        )

    def _run_cron(self, **kwargs):
        self.Policy._cron_create_renewals(**kwargs)
        return self.Lead.search(
            [("company_id", "=", self.company.id), ("renewal_policy_id", "!=", False)]
        )

    def _renewals_of(self, policies):
        return self.Lead.search([("renewal_policy_id", "in", policies.ids)])


def xlsx_bytes(sheets):
    """An XLSX workbook from {sheet name: list of rows}."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def b64(content):
    return base64.b64encode(content)
