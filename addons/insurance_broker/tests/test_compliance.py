from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import InsuranceBrokerCommon, valid_inn


@tagged("post_install", "-at_install")
class TestCompliance(InsuranceBrokerCommon):
    """The checklist that must be complete before a deal is won."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Check = cls.env["insurance.compliance.check"]
        # only this test's checks: the data checks are recreated below, scoped to our company
        Check.search([]).active = False
        cls.check_inn = Check.create(
            {"name": "INN", "check_type": "inn", "applies_to": "company", "sequence": 1}
        )
        cls.check_consent = Check.create(
            {"name": "Consent", "check_type": "pd_consent", "applies_to": "all", "sequence": 2}
        )
        cls.check_identity = Check.create(
            {
                "name": "Identity",
                "check_type": "identity_document",
                "applies_to": "individual",
                "sequence": 3,
            }
        )
        cls.company_client = cls.env["res.partner"].create(
            {
                "name": "ООО «Ромашка»",
                "is_company": True,
                "country_id": cls.country_ru.id,
                "vat": valid_inn("770100001"),
                "pd_consent_date": cls.today,
            }
        )

    def _deal_for(self, partner, **values):
        return self.env["crm.lead"].create(
            {
                "name": "Сделка",
                "type": "opportunity",
                "partner_id": partner.id,
                "user_id": self.user_manager.id,
                "seller_id": self.user_manager.id,
                "company_id": self.company.id,
                **values,
            }
        )

    def _missing_checks(self, lead):
        return [line.check_id for line in lead.compliance_line_ids if not line.is_satisfied]

    # ------------------------------------------------------------
    # Check types
    # ------------------------------------------------------------

    def test_compliant_person_and_company_pass(self):
        self.assertTrue(self.deal.compliance_complete, self.deal.compliance_missing)
        deal = self._deal_for(self.company_client)
        self.assertTrue(deal.compliance_complete, deal.compliance_missing)
        self.assertEqual(deal._compliance_blockers(), [])

    def test_inn_missing_or_invalid_fails(self):
        deal = self._deal_for(self.company_client)
        self.company_client.vat = False
        self.assertFalse(deal.compliance_complete)
        self.assertEqual(self._missing_checks(deal), [self.check_inn])
        self.assertIn("INN", deal.compliance_missing)
        # the card refuses a wrong Russian INN; one with letters slips past it
        self.company_client.vat = "77O1000012"
        self.assertEqual(self.company_client.inn_status, "invalid")
        self.assertFalse(deal.compliance_complete)
        self.company_client.vat = valid_inn("770100001")
        self.assertEqual(self.company_client.inn_status, "valid")
        self.assertTrue(deal.compliance_complete)

    def test_consent_missing_fails(self):
        self.client.pd_consent_date = False
        self.assertFalse(self.deal.compliance_complete)
        blockers = self.deal._compliance_blockers()
        self.assertEqual(len(blockers), 1)
        self.assertIn("Consent", blockers[0])
        self.assertIn(self.client.display_name, blockers[0])

    def test_identity_document_missing_fails(self):
        self.client.identity_document_number = False
        self.assertEqual(self._missing_checks(self.deal), [self.check_identity])
        self.client.identity_document_number = "45 01 654321"
        self.client.identity_document_type = False
        self.assertEqual(self._missing_checks(self.deal), [self.check_identity])

    def test_contact_person_uses_company_card(self):
        contact = self.env["res.partner"].create(
            {"name": "Петров Пётр", "parent_id": self.company_client.id}
        )
        deal = self._deal_for(contact)
        self.assertTrue(deal.compliance_complete, deal.compliance_missing)
        self.company_client.pd_consent_date = False
        self.assertFalse(deal.compliance_complete)

    def test_deal_without_client(self):
        deal = self._deal_for(self.env["res.partner"])
        self.assertFalse(deal.compliance_complete)
        # only the "all clients" check applies to an unknown client
        self.assertEqual(deal.compliance_line_ids.check_id, self.check_consent)

    # ------------------------------------------------------------
    # Scope
    # ------------------------------------------------------------

    def test_applies_to(self):
        self.assertEqual(
            self.deal.compliance_line_ids.check_id, self.check_consent | self.check_identity
        )
        deal = self._deal_for(self.company_client)
        self.assertEqual(deal.compliance_line_ids.check_id, self.check_inn | self.check_consent)
        # a person without an INN is fine: the INN check is for companies
        self.assertFalse(self.client.vat)
        self.assertTrue(self.deal.compliance_complete)

    def test_product_scope(self):
        manual = self.env["insurance.compliance.check"].create(
            {
                "name": "Правила КАСКО вручены",
                "check_type": "manual",
                "product_ids": [(6, 0, self.product_kasko.ids)],
            }
        )
        line = self.deal.compliance_line_ids.filtered(lambda ln: ln.check_id == manual)

        def reload():
            # as the user sees it: a new request recomputes the status
            self.env.invalidate_all()

        self.assertFalse(line.is_required, "no КАСКО on the deal yet")
        self.assertTrue(self.deal.compliance_complete)
        self._create_policy(lead_id=self.deal.id, product_id=self.product_osago.id)
        reload()
        self.assertFalse(line.is_required)
        self.assertEqual(self.deal._compliance_blockers(), [])
        kasko = self._create_policy(lead_id=self.deal.id, product_id=self.product_kasko.id)
        reload()
        self.assertTrue(line.is_required)
        self.assertFalse(line.is_satisfied)
        self.assertFalse(self.deal.compliance_complete)
        self.assertIn("Правила КАСКО вручены", self.deal.compliance_missing)
        with self.assertRaises(UserError):
            self.deal.action_set_won()
        kasko.action_cancel()
        reload()
        self.assertFalse(line.is_required, "a cancelled policy does not count")
        self.assertEqual(self.deal._compliance_blockers(), [])

    def test_company_scope(self):
        other = self.env["res.company"].create({"name": "Другой брокер"})
        self.env["insurance.compliance.check"].create(
            {"name": "Только у другого", "check_type": "manual", "company_id": other.id}
        )
        self.assertTrue(self.deal.compliance_complete, self.deal.compliance_missing)

    def test_archived_check_does_not_apply(self):
        self.client.identity_document_number = False
        self.assertFalse(self.deal.compliance_complete)
        self.check_identity.active = False
        self.assertTrue(self.deal.compliance_complete)
        self.assertNotIn(self.check_identity, self.deal.compliance_line_ids.check_id)

    # ------------------------------------------------------------
    # Winning
    # ------------------------------------------------------------

    def test_won_refused_then_allowed(self):
        self.client.write({"pd_consent_date": False, "identity_document_type": False})
        with self.assertRaises(UserError) as error:
            self.deal.with_user(self.user_manager).action_set_won()
        message = str(error.exception)
        # one message listing every missing item
        self.assertIn("Consent", message)
        self.assertIn("Identity", message)
        self.assertIn(self.deal.name, message)
        self.assertNotEqual(self.deal.stage_id, self.stage_won)
        self.client.write({"pd_consent_date": self.today, "identity_document_type": "passport_ru"})
        self.deal.with_user(self.user_manager).write({"stage_id": self.stage_won.id})
        self.assertEqual(self.deal.stage_id, self.stage_won)

    def test_search_incomplete(self):
        Lead = self.env["crm.lead"]
        complete = self._deal_for(self.company_client)
        self.client.pd_consent_date = False
        incomplete = Lead.search([("compliance_complete", "=", False)])
        self.assertIn(self.deal, incomplete)
        self.assertNotIn(complete, incomplete)
        self.assertIn(complete, Lead.search([("compliance_complete", "=", True)]))

    def test_manual_tick_logs_the_user(self):
        manual = self.env["insurance.compliance.check"].create(
            {"name": "Клиент ознакомлен с условиями", "check_type": "manual"}
        )
        line = self.deal.compliance_line_ids.filtered(lambda ln: ln.check_id == manual)
        self.assertTrue(line)
        with self.assertRaises(UserError):
            self.deal.with_user(self.user_manager).action_set_won()
        self.assertIn("Клиент ознакомлен с условиями", self.deal.compliance_missing)
        line.with_user(self.user_manager).write({"done": True})
        self.assertEqual(line.done_by_id, self.user_manager)
        self.assertTrue(line.done_date)
        self.assertIn("Клиент ознакомлен с условиями", self.deal.message_ids[0].body)
        self.assertTrue(self.deal.compliance_complete)
        self.deal.with_user(self.user_manager).action_set_won()
        self.assertEqual(self.deal.stage_id.is_won, True)

    def test_untick_clears_who(self):
        manual = self.env["insurance.compliance.check"].create(
            {"name": "Ручная", "check_type": "manual"}
        )
        line = self.deal.compliance_line_ids.filtered(lambda ln: ln.check_id == manual)
        line.action_tick()
        line.action_untick()
        self.assertFalse(line.done_by_id)
        self.assertFalse(self.deal.compliance_complete)

    def test_automatic_check_cannot_be_ticked(self):
        line = self.deal.compliance_line_ids.filtered(lambda ln: ln.check_id == self.check_consent)
        with self.assertRaises(UserError):
            line.write({"done": True})
        self.assertFalse(line.done)

    def test_manager_cannot_tick_on_another_managers_deal(self):
        manual = self.env["insurance.compliance.check"].create(
            {"name": "Ручная", "check_type": "manual"}
        )
        line = self.deal.compliance_line_ids.filtered(lambda ln: ln.check_id == manual)
        with self.assertRaises(AccessError):
            line.with_user(self.user_manager_2).write({"done": True})
        self.assertFalse(line.done)

    def test_manager_can_only_tick(self):
        line = self.deal.compliance_line_ids[:1]
        with self.assertRaises(AccessError):
            line.with_user(self.user_manager).write({"check_id": self.check_inn.id})
        self.assertNotEqual(line.check_id, self.check_inn)

    def test_manager_cannot_edit_checks(self):
        with self.assertRaises(AccessError):
            self.env["insurance.compliance.check"].with_user(self.user_manager).create(
                {"name": "Своя проверка", "check_type": "manual"}
            )

    def test_data_checks_exist(self):
        for xmlid, check_type in (
            ("insurance_broker.compliance_check_inn", "inn"),
            ("insurance_broker.compliance_check_pd_consent", "pd_consent"),
            ("insurance_broker.compliance_check_identity_document", "identity_document"),
        ):
            self.assertEqual(self.env.ref(xmlid).check_type, check_type)
        self.assertEqual(
            self.env.ref("insurance_broker.compliance_check_inn").applies_to, "company"
        )
