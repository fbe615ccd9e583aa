from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import InsuranceBrokerCommon, valid_inn


@tagged("insurance_broker")
class TestClientCard(InsuranceBrokerCommon):
    """The client card sums what we sold and shows the next expiry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Insurer A, КАСКО: 8%
        cls.policy_active = cls._create_policy(
            premium=10000.0, date_start=cls._days(-100), date_end=cls._days(265)
        )
        cls.policy_expired = cls._create_policy(
            premium=4000.0, date_start=cls._days(-400), date_end=cls._days(-35)
        )
        cls.policy_draft = cls._create_policy(premium=5000.0)
        cls.policy_cancelled = cls._create_policy(premium=7000.0)
        cls.policy_foreign = cls._create_policy(
            origin="foreign",
            insurer_id=cls.insurer_b.id,
            product_id=cls.product_osago.id,
            premium=6000.0,
            date_start=cls._days(-300),
            date_end=cls._days(64),
        )
        cls.policy_foreign_ended = cls._create_policy(
            origin="foreign",
            premium=3000.0,
            date_start=cls._days(-400),
            date_end=cls._days(-1),
        )
        (
            cls.policy_active + cls.policy_expired + cls.policy_cancelled + cls.policy_foreign
        ).action_activate()
        cls.policy_expired.state = "expired"
        cls.policy_cancelled.action_cancel()
        cls.other_client = cls.env["res.partner"].create({"name": "Петров Пётр"})
        cls._create_policy(partner_id=cls.other_client.id, premium=99000.0).action_activate()

    def test_policy_count_counts_every_policy_of_the_client(self):
        self.assertEqual(self.client.policy_count, 6)

    def test_policies_in_force_are_own_active_and_unexpired_foreign(self):
        self.assertEqual(self.client.policy_active_count, 2)

    def test_premium_total_counts_own_sold_policies_only(self):
        # active 10 000 + expired 4 000; not the draft, the cancelled or the foreign ones
        self.assertEqual(self.client.policy_premium_total, 14000.0)

    def test_commission_total_counts_own_sold_policies_only(self):
        self.assertEqual(self.client.policy_commission_total, 1120.0)

    def test_next_expiry_includes_policies_held_elsewhere(self):
        self.assertEqual(self.client.policy_next_end_date, self._days(64))

    def test_next_expiry_skips_ended_and_cancelled_policies(self):
        self.policy_cancelled.write({"date_start": self._days(-300), "date_end": self._days(5)})
        self.assertEqual(self.client.policy_next_end_date, self._days(64))
        self.policy_foreign.state = "cancelled"
        self.assertEqual(self.client.policy_next_end_date, self._days(265))

    def test_client_without_policies_shows_zeros(self):
        newcomer = self.env["res.partner"].create({"name": "Сидоров"})
        self.assertEqual(newcomer.policy_count, 0)
        self.assertEqual(newcomer.policy_active_count, 0)
        self.assertEqual(newcomer.policy_premium_total, 0.0)
        self.assertFalse(newcomer.policy_next_end_date)

    def test_totals_follow_policy_changes(self):
        self.policy_active.premium = 20000.0
        self.assertEqual(self.client.policy_premium_total, 24000.0)
        self.assertEqual(self.client.policy_commission_total, 1920.0)

    def test_action_view_policies_lists_the_clients_policies(self):
        action = self.client.action_view_policies()
        policies = self.env["insurance.policy"].search(action["domain"])
        self.assertEqual(policies, self.client.policy_ids)
        self.assertEqual(len(policies), 6)
        self.assertEqual(action["context"]["default_partner_id"], self.client.id)


@tagged("insurance_broker")
class TestPartnerPhone(InsuranceBrokerCommon):
    """Phones are stored in one form (E.164), so that duplicates are found and
    SMS can be sent."""

    E164 = "+79164175293"
    TYPED = ("8 (916) 417-52-93", "+7 916 417 52 93", "89164175293", "9164175293")

    def test_russian_phone_formats_are_stored_in_e164_on_create(self):
        for typed in self.TYPED:
            with self.subTest(typed=typed):
                partner = self.env["res.partner"].create(
                    {"name": "Клиент", "phone": typed, "mobile": typed}
                )
                self.assertEqual(partner.phone, self.E164)
                self.assertEqual(partner.mobile, self.E164)

    def test_russian_phone_formats_are_stored_in_e164_on_write(self):
        partner = self.env["res.partner"].create({"name": "Клиент"})
        for typed in self.TYPED:
            with self.subTest(typed=typed):
                partner.write({"phone": typed, "mobile": typed})
                self.assertEqual(partner.phone, self.E164)
                self.assertEqual(partner.mobile, self.E164)

    def test_phone_typed_in_the_form_is_saved_in_e164(self):
        with Form(self.env["res.partner"]) as form:
            form.name = "Клиент"
            form.phone = "8 (916) 417-52-93"
        self.assertEqual(form.record.phone, self.E164)

    def test_invalid_phone_is_kept_as_typed(self):
        partner = self.env["res.partner"].create({"name": "Клиент", "phone": "12345"})
        self.assertEqual(partner.phone, "12345")
        partner.mobile = "доб. 12"
        self.assertEqual(partner.mobile, "доб. 12")

    def test_invalid_phone_warns_while_typing(self):
        partner = self.env["res.partner"].new({"name": "Клиент", "phone": "12345"})
        result = partner._onchange_phone_normalize()
        self.assertIn("12345", result["warning"]["message"])
        self.assertEqual(partner.phone, "12345")

    def test_valid_phone_does_not_warn(self):
        partner = self.env["res.partner"].new({"name": "Клиент", "phone": "89164175293"})
        self.assertFalse(partner._onchange_phone_normalize())
        self.assertEqual(partner.phone, self.E164)

    def test_same_phone_in_another_format_points_to_the_existing_client(self):
        first = self.env["res.partner"].create({"name": "Первый", "phone": "+7 916 417 52 93"})
        second = self.env["res.partner"].create({"name": "Второй", "mobile": "8 916 417-52-93"})
        self.assertEqual(second.same_phone_partner_id, first)
        self.assertEqual(first.same_phone_partner_id, second)

    def test_duplicate_phone_is_shown_before_saving(self):
        first = self.env["res.partner"].create({"name": "Первый", "phone": "+7 916 417 52 93"})
        with Form(self.env["res.partner"]) as form:
            form.name = "Второй"
            form.phone = "89164175293"
            self.assertEqual(form.same_phone_partner_id, first)

    def test_unique_phone_has_no_duplicate(self):
        partner = self.env["res.partner"].create({"name": "Один", "phone": "+7 916 417 52 93"})
        self.assertFalse(partner.same_phone_partner_id)

    def test_company_and_its_contact_sharing_a_phone_are_not_duplicates(self):
        company = self.env["res.partner"].create(
            {"name": "ООО «Ромашка»", "is_company": True, "phone": "+7 916 417 52 93"}
        )
        contact = self.env["res.partner"].create(
            {"name": "Директор", "parent_id": company.id, "mobile": "89164175293"}
        )
        self.assertFalse(company.same_phone_partner_id)
        self.assertFalse(contact.same_phone_partner_id)


@tagged("insurance_broker")
class TestPartnerInn(InsuranceBrokerCommon):
    def test_valid_company_inn_is_accepted(self):
        partner = self.env["res.partner"].create(
            {"name": "ПАО Сбербанк", "is_company": True, "vat": "7707083893"}
        )
        self.assertEqual(partner.vat, "7707083893")

    def test_valid_person_inn_is_accepted(self):
        inn = valid_inn("5001001534")
        partner = self.env["res.partner"].create({"name": "ИП Иванов", "vat": inn})
        self.assertEqual(len(partner.vat), 12)

    def test_inn_with_wrong_check_digit_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create({"name": "Ошибка", "vat": "7707083890"})

    def test_inn_of_wrong_length_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create({"name": "Ошибка", "vat": "77070838"})

    def test_invalid_inn_is_refused_on_change(self):
        partner = self.env["res.partner"].create({"name": "Клиент"})
        with self.assertRaises(ValidationError):
            partner.vat = "7707083890"

    def test_foreign_tax_number_is_not_checked_as_inn(self):
        partner = self.env["res.partner"].create(
            {
                "name": "ТОО «Казахстан»",
                "is_company": True,
                "country_id": self.env.ref("base.kz").id,
                "vat": "123456789012",
            }
        )
        self.assertEqual(partner.vat, "123456789012")

    def test_duplicate_inn_points_to_the_existing_partner(self):
        inn = valid_inn("500100732")
        first = self.env["res.partner"].create({"name": "ООО «Первое»", "vat": inn})
        with Form(self.env["res.partner"]) as form:
            form.name = "ООО «Первое» (дубль)"
            form.vat = inn
            self.assertEqual(form.same_vat_partner_id, first)


@tagged("insurance_broker")
class TestPartnerSmsConsent(InsuranceBrokerCommon):
    def test_consent_ticked_on_the_card_is_dated_today_from_the_card(self):
        with Form(self.env["res.partner"]) as form:
            form.name = "Клиент с согласием"
            form.sms_consent = True
        client = form.record
        self.assertEqual(client.sms_consent_date, date.today())
        self.assertEqual(client.sms_consent_source, "form")

    def test_consent_keeps_the_date_and_source_it_was_given_with(self):
        client = self.env["res.partner"].create(
            {
                "name": "Импортированный клиент",
                "sms_consent": True,
                "sms_consent_date": "2024-03-01",
                "sms_consent_source": "import",
            }
        )
        self.assertEqual(client.sms_consent_date, date(2024, 3, 1))
        self.assertEqual(client.sms_consent_source, "import")

    def test_withdrawn_consent_clears_its_date_and_source(self):
        client = self.env["res.partner"].create({"name": "Клиент", "sms_consent": True})
        client.sms_consent = False
        self.assertFalse(client.sms_consent_date)
        self.assertFalse(client.sms_consent_source)

    def test_marketing_consent_is_separate_from_service_consent(self):
        client = self.env["res.partner"].create({"name": "Клиент", "sms_consent": True})
        self.assertFalse(client.marketing_sms_consent)
        self.assertFalse(client.marketing_sms_consent_date)
        client.marketing_sms_consent = True
        self.assertEqual(client.marketing_sms_consent_date, date.today())
