from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import InsuranceBrokerCommon


@tagged("insurance_broker")
class TestCommissionRuleSelection(InsuranceBrokerCommon):
    """The rate proposed on a policy comes from the most specific commission
    rule valid on the sale date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["insurance.commission.rule"]

    def test_insurer_and_product_rule_beats_product_rule(self):
        policy = self._create_policy(product_id=self.product_osago.id)
        self.assertEqual(policy.commission_rate, 12.0)

    def test_product_rule_beats_insurer_rule(self):
        self.rule_insurer_a_osago.active = False
        policy = self._create_policy(product_id=self.product_osago.id)
        self.assertEqual(
            policy.commission_rate, 10.0, "The ОСАГО rule (10%) beats the insurer A rule (8%)."
        )

    def test_insurer_rule_beats_general_rule(self):
        policy = self._create_policy(product_id=self.product_kasko.id)
        self.assertEqual(policy.commission_rate, 8.0)

    def test_general_rule_applies_when_nothing_more_specific(self):
        policy = self._create_policy(insurer_id=self.insurer_b.id, product_id=self.product_kasko.id)
        self.assertEqual(policy.commission_rate, 5.0)

    def test_product_rule_applies_to_any_insurer(self):
        policy = self._create_policy(insurer_id=self.insurer_b.id, product_id=self.product_osago.id)
        self.assertEqual(policy.commission_rate, 10.0)

    def test_no_rule_gives_zero_rate(self):
        (
            self.rule_general + self.rule_insurer_a + self.rule_osago + self.rule_insurer_a_osago
        ).active = False
        policy = self._create_policy(premium=10000.0)
        self.assertEqual(policy.commission_rate, 0.0)
        self.assertEqual(policy.commission_amount, 0.0)

    def test_get_commission_rule_returns_the_winning_rule(self):
        rule = self.Rule._get_commission_rule(self.insurer_a, self.product_osago, self.today)
        self.assertEqual(rule, self.rule_insurer_a_osago)
        rule = self.Rule._get_commission_rule(self.insurer_b, self.product_travel, self.today)
        self.assertEqual(rule, self.rule_general)

    def test_rule_of_another_company_is_not_used(self):
        other_company = self.env["res.company"].create({"name": "Чужая компания"})
        self.Rule.create(
            {
                "insurer_id": self.insurer_a.id,
                "product_id": self.product_kasko.id,
                "rate": 30.0,
                "company_id": other_company.id,
            }
        )
        policy = self._create_policy(product_id=self.product_kasko.id)
        self.assertEqual(policy.commission_rate, 8.0)

    # ------------------------------------------------------------
    # Validity dates
    # ------------------------------------------------------------

    def test_rule_ended_yesterday_is_not_used_today(self):
        self.Rule.create(
            {
                "insurer_id": self.insurer_a.id,
                "product_id": self.product_kasko.id,
                "rate": 20.0,
                "date_to": self._days(-1),
            }
        )
        policy = self._create_policy(date_sale=self.today)
        self.assertEqual(policy.commission_rate, 8.0)

    def test_future_rule_is_not_used_today(self):
        self.Rule.create(
            {
                "insurer_id": self.insurer_a.id,
                "product_id": self.product_kasko.id,
                "rate": 20.0,
                "date_from": self._days(1),
            }
        )
        policy = self._create_policy(date_sale=self.today)
        self.assertEqual(policy.commission_rate, 8.0)

    def test_validity_bounds_are_inclusive(self):
        self.Rule.create(
            {
                "insurer_id": self.insurer_a.id,
                "product_id": self.product_kasko.id,
                "rate": 20.0,
                "date_from": date(2024, 3, 1),
                "date_to": date(2024, 3, 31),
            }
        )
        expected = {
            date(2024, 2, 29): 8.0,
            date(2024, 3, 1): 20.0,
            date(2024, 3, 31): 20.0,
            date(2024, 4, 1): 8.0,
        }
        for date_sale, rate in expected.items():
            with self.subTest(date_sale=date_sale):
                policy = self._create_policy(date_sale=date_sale, date_start=date_sale)
                self.assertEqual(policy.commission_rate, rate)

    def test_on_a_tie_the_latest_start_wins(self):
        # created newest first, so that creation order cannot explain the result
        self.Rule.create(
            {
                "insurer_id": self.insurer_a.id,
                "product_id": self.product_kasko.id,
                "rate": 17.0,
                "date_from": date(2024, 6, 1),
            }
        )
        self.Rule.create(
            {
                "insurer_id": self.insurer_a.id,
                "product_id": self.product_kasko.id,
                "rate": 15.0,
                "date_from": date(2024, 1, 1),
            }
        )
        in_both = self._create_policy(date_sale=date(2024, 7, 1), date_start=date(2024, 7, 1))
        in_first = self._create_policy(date_sale=date(2024, 3, 1), date_start=date(2024, 3, 1))
        self.assertEqual(in_both.commission_rate, 17.0)
        self.assertEqual(in_first.commission_rate, 15.0)

    def test_dated_rule_beats_open_ended_rule_of_same_specificity(self):
        self.Rule.create(
            {
                "insurer_id": self.insurer_a.id,
                "rate": 9.5,
                "date_from": date(2024, 1, 1),
            }
        )
        policy = self._create_policy(date_sale=date(2024, 7, 1), date_start=date(2024, 7, 1))
        self.assertEqual(policy.commission_rate, 9.5)

    def test_rate_comes_from_the_sale_date_not_today(self):
        self._create_periodic_rules()
        old_sale = self._create_policy(date_sale=self._days(-40), date_start=self.today)
        new_sale = self._create_policy(date_sale=self.today, date_start=self.today)
        self.assertEqual(old_sale.commission_rate, 15.0)
        self.assertEqual(new_sale.commission_rate, 18.0)

    def _create_periodic_rules(self):
        """Insurer A on КАСКО: 15% until 30 days ago, 18% since."""
        self.Rule.create(
            [
                {
                    "insurer_id": self.insurer_a.id,
                    "product_id": self.product_kasko.id,
                    "rate": 15.0,
                    "date_to": self._days(-30),
                },
                {
                    "insurer_id": self.insurer_a.id,
                    "product_id": self.product_kasko.id,
                    "rate": 18.0,
                    "date_from": self._days(-29),
                },
            ]
        )

    # ------------------------------------------------------------
    # Recomputation and manual rates
    # ------------------------------------------------------------

    def test_changing_insurer_recomputes_rate(self):
        policy = self._create_policy(product_id=self.product_osago.id)
        policy.insurer_id = self.insurer_b
        self.assertEqual(policy.commission_rate, 10.0)

    def test_changing_product_recomputes_rate(self):
        policy = self._create_policy(product_id=self.product_osago.id)
        policy.product_id = self.product_kasko
        self.assertEqual(policy.commission_rate, 8.0)

    def test_changing_sale_date_recomputes_rate(self):
        self._create_periodic_rules()
        policy = self._create_policy(date_sale=self.today)
        policy.date_sale = self._days(-40)
        self.assertEqual(policy.commission_rate, 15.0)

    def test_form_proposes_rate_when_insurer_changes(self):
        with Form(self.env["insurance.policy"]) as form:
            form.name = "ТСТ 7770000001"
            form.partner_id = self.client
            form.product_id = self.product_osago
            form.insurer_id = self.insurer_a
            self.assertEqual(form.commission_rate, 12.0)
            form.insurer_id = self.insurer_b
            self.assertEqual(form.commission_rate, 10.0)

    def test_manual_rate_is_kept_on_save(self):
        with Form(self.env["insurance.policy"]) as form:
            form.name = "ТСТ 7770000002"
            form.partner_id = self.client
            form.product_id = self.product_osago
            form.insurer_id = self.insurer_a
            form.premium = 10000.0
            form.commission_rate = 14.5
        policy = form.record
        self.assertEqual(policy.commission_rate, 14.5)
        self.assertEqual(policy.commission_amount, 1450.0)

    def test_manual_rate_given_at_creation_is_kept(self):
        policy = self._create_policy(product_id=self.product_osago.id, commission_rate=3.5)
        self.assertEqual(policy.commission_rate, 3.5)

    def test_manual_rate_survives_premium_change(self):
        policy = self._create_policy(product_id=self.product_osago.id)
        policy.commission_rate = 14.5
        with Form(policy) as form:
            form.premium = 20000.0
        self.assertEqual(policy.commission_rate, 14.5)
        self.assertEqual(policy.commission_amount, 2900.0)

    def test_manual_rate_survives_rule_change(self):
        policy = self._create_policy(product_id=self.product_osago.id, commission_rate=14.5)
        self.rule_insurer_a_osago.rate = 11.0
        self.assertEqual(policy.commission_rate, 14.5)


@tagged("insurance_broker")
class TestCommissionRuleValidation(InsuranceBrokerCommon):
    def test_rate_above_100_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env["insurance.commission.rule"].create({"rate": 100.5})

    def test_negative_rate_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env["insurance.commission.rule"].create({"rate": -1.0})

    def test_rate_bounds_are_allowed(self):
        rules = self.env["insurance.commission.rule"].create([{"rate": 0.0}, {"rate": 100.0}])
        self.assertEqual(rules.mapped("rate"), [0.0, 100.0])

    def test_end_before_start_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env["insurance.commission.rule"].create(
                {"rate": 10.0, "date_from": date(2024, 3, 2), "date_to": date(2024, 3, 1)}
            )

    def test_one_day_validity_is_allowed(self):
        rule = self.env["insurance.commission.rule"].create(
            {"rate": 10.0, "date_from": date(2024, 3, 1), "date_to": date(2024, 3, 1)}
        )
        self.assertTrue(rule._applies_on(date(2024, 3, 1)))

    def test_name_describes_the_rule(self):
        self.assertEqual(self.rule_insurer_a_osago.name, "СК «Альфа-Тест» / ОСАГО: 12%")

    def test_manager_reads_rules_but_cannot_change_them(self):
        rule = self.rule_general.with_user(self.user_manager)
        self.assertEqual(rule.rate, 5.0)
        with self.assertRaises(AccessError):
            rule.rate = 50.0

    def test_head_configures_rules(self):
        rule = (
            self.env["insurance.commission.rule"]
            .with_user(self.user_head)
            .create({"product_id": self.product_travel.id, "rate": 25.0})
        )
        policy = self._create_policy(
            insurer_id=self.insurer_b.id, product_id=self.product_travel.id
        )
        self.assertEqual(rule.company_id, self.company)
        self.assertEqual(policy.commission_rate, 25.0)
