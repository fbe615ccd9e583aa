from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.insurance_broker.tests.common import valid_inn

from .common import load_russian_reports

PHONE = "375x667"
DESKTOP = "1366x768"


@tagged("post_install", "-at_install")
class TestDiscountApprovalTour(HttpCase):
    """The discount approval flow in the browser with two users
    (static/tests/tours/discount_approval_tour.js): the manager on a phone, the
    head of sales on a desktop. Everything the tours touch is created here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_russian_reports(cls.env)
        company = cls.env.company
        cls.manager = new_test_user(
            cls.env,
            login="tour_disc_manager",
            password="tour_disc_manager",
            name="Тур Менеджер",
            lang="ru_RU",
            groups="insurance_broker.group_broker_manager",
        )
        cls.head = new_test_user(
            cls.env,
            login="tour_disc_head",
            password="tour_disc_head",
            name="Тур Руководитель",
            lang="ru_RU",
            groups="insurance_broker.group_broker_head",
        )
        company.insurance_discount_approver_id = cls.head
        today = fields.Date.context_today(cls.env["res.partner"])
        Partner = cls.env["res.partner"]
        # compliant company client: valid INN and consent to personal data
        cls.client = Partner.create(
            {
                "name": "ООО «Тур-Логистик»",
                "is_company": True,
                "vat": valid_inn("781234567"),
                "pd_consent_date": today,
                "country_id": cls.env.ref("base.ru").id,
            }
        )
        # a branch: the cross-sell section shows it
        cls.branch = Partner.create(
            {"name": "ООО «Тур-Логистик Юг»", "is_company": True, "parent_id": cls.client.id}
        )
        insurer = Partner.create({"name": "СК «Тур-Страхование»", "is_company": True,
                                  "is_insurer": True})  # fmt: skip
        cls.product = cls.env["insurance.product"].create(
            {"name": "Тур: грузы", "code": "TOUR-CARGO", "line_of_business": "corporate",
             "term_months": 12}
        )  # fmt: skip
        # a manager may give 5% on this product, a head 30%
        cls.env["insurance.discount.rule"].create(
            {
                "name": "Тур: грузы",
                "company_id": company.id,
                "product_ids": [Command.set(cls.product.ids)],
                "line_ids": [
                    Command.create({"group_id": cls.env.ref(xml_id).id, "max_discount": limit})
                    for xml_id, limit in (
                        ("insurance_broker.group_broker_manager", 5.0),
                        ("insurance_broker.group_broker_head", 30.0),
                    )
                ],
            }
        )
        Policy = cls.env["insurance.policy"]
        policy_values = {
            "partner_id": cls.client.id,
            "insurer_id": insurer.id,
            "product_id": cls.product.id,
            "seller_id": cls.manager.id,
            "issuer_id": cls.manager.id,
            "company_id": company.id,
        }
        # loyalty: a policy sold a year ago, still in force
        earlier = Policy.create(
            {**policy_values, "name": "ТУР-0001", "premium": 100000.0,
             "date_sale": today - relativedelta(months=11),
             "date_start": today - relativedelta(months=11)}
        )  # fmt: skip
        earlier.commission_rate = 20.0
        earlier.action_activate()
        cls.deal = cls.env["crm.lead"].create(
            {
                "name": "Тур: страхование грузов",
                "type": "opportunity",
                "partner_id": cls.client.id,
                "user_id": cls.manager.id,
                "seller_id": cls.manager.id,
                "company_id": company.id,
            }
        )
        cls.policy = Policy.create(
            {**policy_values, "name": "ТУР-0077", "lead_id": cls.deal.id,
             "premium": 200000.0, "date_sale": today, "date_start": today}
        )  # fmt: skip
        cls.policy.write({"commission_rate": 20.0, "discount_percent": 12.0})

    def _url(self, xml_id, res_id=None):
        action = self.env.ref(xml_id)
        return f"/odoo/action-{action.id}" + (f"/{res_id}" if res_id else "")

    def _tour(self, size, url, tour, user):
        self.browser_size = size
        self.touch_enabled = size == PHONE
        self.start_tour(url, tour, login=user.login)
        self.env.invalidate_all()

    def test_discount_approval_flow(self):
        self.assertEqual(self.policy.discount_state, "required")
        self.assertEqual(self.policy.discount_limit, 5.0)
        deal_url = self._url("crm.crm_lead_action_pipeline", self.deal.id)
        Approval = self.env["insurance.discount.approval"]

        self._tour(PHONE, deal_url, "insurance_discount_request_tour", self.manager)
        approval = Approval.search([("policy_id", "=", self.policy.id)])
        self.assertEqual(len(approval), 1)
        self.assertRecordValues(
            approval,
            [{"state": "pending", "requested_by_id": self.manager.id,
              "approver_id": self.head.id, "discount_requested": 12.0,
              "discount_limit": 5.0}],
        )  # fmt: skip
        self.assertIn("40 машин", approval.reason)
        self.assertEqual(approval.activity_ids.user_id, self.head)
        self.assertFalse(self.deal.stage_id.is_won)

        dashboard_url = self._url("insurance_reports.insurance_kpi_dashboard_action")
        self._tour(DESKTOP, dashboard_url, "insurance_discount_decision_tour", self.head)
        self.assertRecordValues(
            approval,
            [{"state": "approved", "decided_by_id": self.head.id,
              "decision_comment": "Утверждаю в обмен на страхование филиала"}],
        )  # fmt: skip
        self.assertFalse(approval.activity_ids, "the head's to-do is done")
        done = self.env["mail.message"].search(
            [("model", "=", approval._name), ("res_id", "=", approval.id),
             ("mail_activity_type_id", "=", self.env.ref("mail.mail_activity_data_todo").id)]
        )  # fmt: skip
        self.assertEqual(len(done), 1, "the to-do is marked done in the chatter")
        self.assertEqual(self.policy.discount_state, "approved")

        self._tour(PHONE, deal_url, "insurance_discount_win_tour", self.manager)
        self.assertTrue(self.deal.stage_id.is_won)
        self.assertEqual(self.policy.state, "active")
