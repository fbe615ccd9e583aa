from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import InsuranceBrokerCommon


@tagged("insurance_broker")
class TestPolicyAmounts(InsuranceBrokerCommon):
    def test_commission_amount_is_premium_times_rate(self):
        policy = self._create_policy(product_id=self.product_osago.id, premium=12345.67)
        self.assertEqual(policy.commission_rate, 12.0)
        self.assertEqual(policy.commission_amount, 1481.48)

    def test_commission_amount_is_rounded_half_up_to_kopecks(self):
        # 1 234.50 x 15% = 185.175
        policy = self._create_policy(premium=1234.50, commission_rate=15.0)
        self.assertEqual(policy.commission_amount, 185.18)

    def test_commission_amount_follows_premium(self):
        policy = self._create_policy(premium=10000.0)
        policy.premium = 25000.0
        self.assertEqual(policy.commission_amount, 2000.0)

    def test_commission_amount_follows_rate(self):
        policy = self._create_policy(premium=10000.0)
        policy.commission_rate = 7.25
        self.assertEqual(policy.commission_amount, 725.0)

    def test_commission_amount_is_in_company_currency(self):
        policy = self._create_policy()
        self.assertEqual(policy.currency_id, self.rub)


@tagged("insurance_broker")
class TestPolicyDates(InsuranceBrokerCommon):
    def _end_date(self, product, date_start):
        return self._create_policy(product_id=product.id, date_start=date_start).date_end

    def test_one_year_policy_ends_the_day_before_its_anniversary(self):
        self.assertEqual(self._end_date(self.product_kasko, date(2024, 6, 15)), date(2025, 6, 14))

    def test_one_year_policy_from_1_march_ends_on_29_february_in_leap_years(self):
        self.assertEqual(self._end_date(self.product_osago, date(2023, 3, 1)), date(2024, 2, 29))
        self.assertEqual(self._end_date(self.product_osago, date(2024, 3, 1)), date(2025, 2, 28))

    def test_one_year_policy_from_29_february_ends_on_28_february(self):
        self.assertEqual(self._end_date(self.product_osago, date(2024, 2, 29)), date(2025, 2, 28))

    def test_one_year_policy_from_1_january_ends_on_31_december(self):
        self.assertEqual(self._end_date(self.product_kasko, date(2024, 1, 1)), date(2024, 12, 31))

    def test_one_month_policy_ends_the_day_before_the_same_day_next_month(self):
        self.assertEqual(self._end_date(self.product_travel, date(2024, 1, 15)), date(2024, 2, 14))

    def test_one_month_policy_from_month_end_covers_the_whole_next_month(self):
        # 31 January + 1 month has no 31 February: the month runs to its last day.
        self.assertEqual(self._end_date(self.product_travel, date(2024, 1, 31)), date(2024, 2, 29))
        self.assertEqual(self._end_date(self.product_travel, date(2024, 3, 31)), date(2024, 4, 30))

    def test_end_date_follows_start_date(self):
        policy = self._create_policy(date_start=date(2024, 6, 15))
        policy.date_start = date(2024, 7, 1)
        self.assertEqual(policy.date_end, date(2025, 6, 30))

    def test_end_date_is_editable(self):
        with Form(self.env["insurance.policy"]) as form:
            form.name = "ТСТ 8880000001"
            form.partner_id = self.client
            form.product_id = self.product_kasko
            form.insurer_id = self.insurer_a
            form.date_start = date(2024, 6, 15)
            self.assertEqual(form.date_end, date(2025, 6, 14))
            form.date_end = date(2024, 12, 14)
        self.assertEqual(form.record.date_end, date(2024, 12, 14))

    def test_end_date_given_at_creation_is_kept(self):
        policy = self._create_policy(date_start=date(2024, 6, 15), date_end=date(2024, 9, 14))
        self.assertEqual(policy.date_end, date(2024, 9, 14))

    def test_changing_product_term_keeps_end_dates_of_existing_policies(self):
        policy = self._create_policy(date_start=date(2024, 6, 15))
        self.product_kasko.term_months = 6
        self.assertEqual(policy.date_end, date(2025, 6, 14))


@tagged("insurance_broker")
class TestPolicyValidation(InsuranceBrokerCommon):
    """Wrong data is refused and nothing is saved."""

    def assertNotSaved(self, name):
        self.assertFalse(
            self.env["insurance.policy"].search_count([("name", "=", name)]),
            "The refused policy must not be saved.",
        )

    def test_end_before_start_is_refused(self):
        values = self._policy_values(date_start=date(2024, 6, 15), date_end=date(2024, 6, 14))
        with self.assertRaises(ValidationError):
            self.env["insurance.policy"].create(values)
        self.assertNotSaved(values["name"])

    def test_one_day_policy_is_allowed(self):
        policy = self._create_policy(date_start=date(2024, 6, 15), date_end=date(2024, 6, 15))
        self.assertEqual(policy.date_end, policy.date_start)

    @mute_logger("odoo.sql_db")
    def test_negative_premium_is_refused_at_creation(self):
        values = self._policy_values(premium=-1.0)
        with self.assertRaises(IntegrityError):
            self.env["insurance.policy"].create(values)
        self.assertNotSaved(values["name"])

    def test_negative_premium_is_refused_on_change(self):
        policy = self._create_policy(premium=10000.0)
        with self.assertRaises(ValidationError):
            policy.premium = -1.0
        self.assertEqual(policy.premium, 10000.0)

    @mute_logger("odoo.sql_db")
    def test_rate_above_100_is_refused_at_creation(self):
        values = self._policy_values(commission_rate=101.0)
        with self.assertRaises(IntegrityError):
            self.env["insurance.policy"].create(values)
        self.assertNotSaved(values["name"])

    def test_rate_outside_0_100_is_refused_on_change(self):
        policy = self._create_policy()
        for rate in (-0.5, 100.5):
            with self.subTest(rate=rate), self.assertRaises(ValidationError):
                policy.commission_rate = rate
        self.assertEqual(policy.commission_rate, 8.0)

    def test_vin_of_16_characters_is_refused(self):
        values = self._policy_values(
            product_id=self.product_osago.id, vehicle_vin="XTA2109907276543"
        )
        with self.assertRaises(ValidationError):
            self.env["insurance.policy"].create(values)
        self.assertNotSaved(values["name"])

    def test_vin_with_i_o_q_is_refused(self):
        for vin in ("XTA2109907276543I", "XTA2109907276543O", "XTA2109907276543Q"):
            values = self._policy_values(product_id=self.product_osago.id, vehicle_vin=vin)
            with self.subTest(vin=vin), self.assertRaises(ValidationError):
                self.env["insurance.policy"].create(values)
            self.assertNotSaved(values["name"])

    def test_valid_vin_is_accepted(self):
        policy = self._create_policy(
            product_id=self.product_osago.id, vehicle_vin="XTA21099072765432"
        )
        self.assertEqual(policy.vehicle_vin, "XTA21099072765432")

    def test_malformed_plate_is_refused(self):
        for plate in ("А12ВС77", "А123ВС7", "Д123ВС77", "123АВС77"):
            values = self._policy_values(product_id=self.product_osago.id, vehicle_plate=plate)
            with self.subTest(plate=plate), self.assertRaises(ValidationError):
                self.env["insurance.policy"].create(values)
            self.assertNotSaved(values["name"])

    def test_car_motorcycle_and_trailer_plates_are_accepted(self):
        for plate in ("А123ВС77", "А123ВС777", "1234АВ77", "АВ123477"):
            with self.subTest(plate=plate):
                policy = self._create_policy(product_id=self.product_osago.id, vehicle_plate=plate)
                self.assertEqual(policy.vehicle_plate, plate)

    @mute_logger("odoo.sql_db")
    def test_same_number_twice_at_one_insurer_is_refused(self):
        self._create_policy(name="ХХХ 0123456789")
        with self.assertRaises(IntegrityError):
            self._create_policy(name="ХХХ 0123456789")
        self.assertEqual(
            self.env["insurance.policy"].search_count([("name", "=", "ХХХ 0123456789")]), 1
        )

    @mute_logger("odoo.sql_db")
    def test_same_number_typed_differently_is_refused(self):
        self._create_policy(name="ХХХ 0123456789")
        with self.assertRaises(IntegrityError):
            self._create_policy(name=" ххх   0123456789 ")

    def test_same_number_at_another_insurer_is_allowed(self):
        first = self._create_policy(name="ХХХ 0123456789")
        second = self._create_policy(name="ХХХ 0123456789", insurer_id=self.insurer_b.id)
        self.assertEqual(first.name, second.name)
        self.assertNotEqual(first.insurer_id, second.insurer_id)


@tagged("insurance_broker")
class TestPolicyNormalization(InsuranceBrokerCommon):
    def test_plate_typed_with_latin_letters_and_spaces_is_stored_in_cyrillic(self):
        policy = self._create_policy(product_id=self.product_osago.id, vehicle_plate="a 123 bc 77")
        self.assertEqual(policy.vehicle_plate, "А123ВС77")

    def test_plate_is_normalized_on_change(self):
        policy = self._create_policy(product_id=self.product_osago.id)
        policy.vehicle_plate = "м 001 мм-199"
        self.assertEqual(policy.vehicle_plate, "М001ММ199")

    def test_vin_is_stored_uppercase(self):
        policy = self._create_policy(
            product_id=self.product_osago.id, vehicle_vin="xta21099072765432"
        )
        self.assertEqual(policy.vehicle_vin, "XTA21099072765432")

    def test_policy_number_whitespace_is_normalized(self):
        policy = self._create_policy(name="  ХХХ   0123456789 ")
        self.assertEqual(policy.name, "ХХХ 0123456789")
        policy.name = "ттт\t0000000001"
        self.assertEqual(policy.name, "ТТТ 0000000001")


@tagged("insurance_broker")
class TestPolicyLifecycle(InsuranceBrokerCommon):
    def test_active_own_policy_cannot_be_deleted(self):
        policy = self._create_policy()
        policy.action_activate()
        with self.assertRaises(UserError):
            policy.unlink()
        self.assertTrue(policy.exists())

    def test_draft_policy_can_be_deleted(self):
        policy = self._create_policy()
        policy.unlink()
        self.assertFalse(policy.exists())

    def test_cancel_and_reset_to_draft(self):
        policy = self._create_policy()
        policy.action_activate()
        policy.action_cancel()
        self.assertEqual(policy.state, "cancelled")
        policy.action_reset_to_draft()
        self.assertEqual(policy.state, "draft")

    def test_expire_cron_expires_only_ended_active_policies(self):
        ended = self._create_policy(date_start=self._days(-365), date_end=self._days(-1))
        ends_today = self._create_policy(date_start=self._days(-364), date_end=self.today)
        draft_ended = self._create_policy(date_start=self._days(-365), date_end=self._days(-1))
        cancelled_ended = self._create_policy(date_start=self._days(-365), date_end=self._days(-1))
        (ended + ends_today + cancelled_ended).action_activate()
        cancelled_ended.action_cancel()

        self.env["insurance.policy"]._cron_expire_policies()

        self.assertEqual(ended.state, "expired")
        self.assertEqual(ends_today.state, "active")
        self.assertEqual(draft_ended.state, "draft")
        self.assertEqual(cancelled_ended.state, "cancelled")

    def test_expire_cron_is_registered(self):
        cron = self.env.ref("insurance_broker.ir_cron_expire_policies")
        self.assertTrue(cron.active)
        self.assertEqual(cron.code.strip(), "model._cron_expire_policies()")
