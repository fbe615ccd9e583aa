from odoo.tests import HttpCase, new_test_user, tagged

from .common import load_russian


class InsuranceUiCase(HttpCase):
    """Data for the deal tours (static/tests/tours/insurance_deal_tour.js).

    Everything the tour picks is created here, so the tour needs no demo data;
    the names are unique enough not to collide with it.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Managers work in Russian: the tours run in the product's language and
        # check amounts whatever the number format.
        load_russian(cls.env)
        cls.manager = new_test_user(
            cls.env,
            login="tour_broker_manager",
            password="tour_broker_manager",
            name="Tour Broker Manager",
            lang="ru_RU",
            groups="insurance_broker.group_broker_manager",
        )
        cls.client = cls.env["res.partner"].create(
            {
                "name": "Tour Client Ivanov",
                "email": "ivanov@example.com",
                # compliant, or the tour could not win the deal
                "pd_consent_date": "2025-01-15",
                "identity_document_type": "passport_ru",
                "identity_document_number": "45 01 123456",
            }
        )
        Partner = cls.env["res.partner"]
        cls.insurer_alfa = Partner.create(
            {"name": "Tour Insurer Alfa", "is_company": True, "is_insurer": True}
        )
        cls.insurer_beta = Partner.create(
            {"name": "Tour Insurer Beta", "is_company": True, "is_insurer": True}
        )
        Product = cls.env["insurance.product"]
        cls.product_osago = Product.create(
            {"name": "Tour OSAGO", "code": "TOUR-OSAGO", "is_vehicle": True}
        )
        cls.product_kasko = Product.create(
            {"name": "Tour KASKO", "code": "TOUR-KASKO", "is_vehicle": True}
        )
        cls.env["insurance.commission.rule"].create(
            [
                {
                    "insurer_id": cls.insurer_alfa.id,
                    "product_id": cls.product_osago.id,
                    "rate": 10.0,
                },
                # A product-wide rule that the insurer-specific one must beat.
                {"product_id": cls.product_kasko.id, "rate": 12.0},
                {
                    "insurer_id": cls.insurer_beta.id,
                    "product_id": cls.product_kasko.id,
                    "rate": 15.0,
                },
            ]
        )

    def _assert_deal_won_with_active_policies(self):
        lead = self.env["crm.lead"].search([("name", "=", "Tour deal: OSAGO and KASKO")])
        self.assertEqual(len(lead), 1, "The tour should have created exactly one deal.")
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.partner_id, self.client)
        self.assertEqual(lead.user_id, self.manager)
        self.assertTrue(lead.stage_id.is_won, "The deal should be in a won stage.")
        self.assertEqual(lead.probability, 100)
        self.assertEqual(len(lead.policy_ids), 2)
        by_product = {policy.product_id: policy for policy in lead.policy_ids}
        osago = by_product[self.product_osago]
        kasko = by_product[self.product_kasko]
        self.assertRecordValues(
            osago + kasko,
            [
                {
                    "name": "ХХХ 0000000001",
                    "insurer_id": self.insurer_alfa.id,
                    "partner_id": self.client.id,
                    "seller_id": self.manager.id,
                    "state": "active",
                    "premium": 10000.0,
                    "commission_rate": 10.0,
                    "commission_amount": 1000.0,
                },
                {
                    "name": "ТТТ 0000000002",
                    "insurer_id": self.insurer_beta.id,
                    "partner_id": self.client.id,
                    "seller_id": self.manager.id,
                    "state": "active",
                    "premium": 40000.0,
                    "commission_rate": 15.0,
                    "commission_amount": 6000.0,
                },
            ],
        )
        self.assertEqual(lead.policy_count, 2)
        self.assertEqual(lead.policy_premium_total, 50000.0)
        self.assertEqual(lead.policy_commission_total, 7000.0)


@tagged("post_install", "-at_install")
class TestInsuranceUi(InsuranceUiCase):
    def test_insurance_deal_tour(self):
        self.start_tour("/odoo", "insurance_deal_tour", login=self.manager.login)
        self._assert_deal_won_with_active_policies()


@tagged("post_install", "-at_install")
class TestInsuranceUiMobile(InsuranceUiCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_insurance_deal_tour_mobile(self):
        self.start_tour("/odoo", "insurance_deal_tour_mobile", login=self.manager.login)
        self._assert_deal_won_with_active_policies()


@tagged("post_install", "-at_install")
class TestComplianceUiMobile(HttpCase):
    """static/tests/tours/insurance_compliance_tour.js: on a phone, a manager
    ticks the manual compliance item of a deal; the deal can then be won."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_russian(cls.env)
        cls.manager = new_test_user(
            cls.env,
            login="tour_compliance_manager",
            password="tour_compliance_manager",
            name="Tour Compliance Manager",
            lang="ru_RU",
            groups="insurance_broker.group_broker_manager",
        )
        cls.check = cls.env["insurance.compliance.check"].create(
            {"name": "Тур: анкета клиента подписана", "check_type": "manual", "sequence": 99}
        )
        client = cls.env["res.partner"].create(
            {
                "name": "Tour Client Petrov",
                "pd_consent_date": "2025-01-15",
                "identity_document_type": "passport_ru",
                "identity_document_number": "45 03 654321",
            }
        )
        cls.deal = cls.env["crm.lead"].create(
            {
                "name": "Тур: комплаенс",
                "type": "opportunity",
                "partner_id": client.id,
                "user_id": cls.manager.id,
                "seller_id": cls.manager.id,
            }
        )

    def test_tick_a_manual_compliance_item_on_a_phone(self):
        self.assertFalse(self.deal.compliance_complete)
        action = self.env.ref("crm.crm_lead_action_pipeline")
        self.start_tour(
            f"/odoo/action-{action.id}/{self.deal.id}",
            "insurance_compliance_tour_mobile",
            login=self.manager.login,
        )
        self.env.invalidate_all()
        line = self.deal.compliance_line_ids.filtered(lambda line: line.check_id == self.check)
        self.assertRecordValues(line, [{"done": True, "done_by_id": self.manager.id}])
        self.assertTrue(self.deal.compliance_complete)
        self.assertFalse(self.deal._won_blockers())
