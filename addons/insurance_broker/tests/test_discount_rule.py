from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import InsuranceBrokerCommon, valid_inn


class DiscountCommon(InsuranceBrokerCommon):
    """Rules of a brokerage: logistics under 500 M roubles is capped at 15% for
    managers (20% for the head), a default of 5% otherwise."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["insurance.discount.rule"].with_context(active_test=False).search([]).write(
            {"active": False}
        )
        cls.company.insurance_discount_default_limit = 5.0
        cls.group_manager = cls.env.ref("insurance_broker.group_broker_manager")
        cls.group_head = cls.env.ref("insurance_broker.group_broker_head")
        cls.industry_logistics = cls.env.ref("base.res_partner_industry_H")
        cls.industry_it = cls.env.ref("base.res_partner_industry_J")
        Partner = cls.env["res.partner"]
        cls.logistics = Partner.create(
            {
                "name": "ООО «Тест-Логистик»",
                "is_company": True,
                "industry_id": cls.industry_logistics.id,
                "annual_revenue": 300_000_000,
                "company_size": "medium",
                # the compliance checklist asks a company client for these
                "vat": valid_inn("770812345"),
                "pd_consent_date": cls.today,
            }
        )
        cls.logistics_contact = Partner.create(
            {"name": "Петров Пётр", "parent_id": cls.logistics.id, "type": "contact"}
        )
        cls.rule_logistics = cls._create_rule(
            "Логистика до 500 млн",
            {"manager": 15.0, "head": 20.0},
            industry_ids=[Command.set(cls.industry_logistics.ids)],
            annual_revenue_max=500_000_000,
        )

    @classmethod
    def _create_rule(cls, name, limits, **values):
        groups = {"manager": cls.group_manager, "head": cls.group_head}
        return cls.env["insurance.discount.rule"].create(
            {
                "name": name,
                "company_id": cls.company.id,
                "line_ids": [
                    Command.create({"group_id": groups[role].id, "max_discount": limit})
                    for role, limit in limits.items()
                ],
                **values,
            }
        )

    def _limit(self, partner=None, product=None, user=None, date=None):
        return self.env["insurance.discount.rule"]._get_discount_limit(
            partner or self.logistics,
            product or self.product_kasko,
            user or self.user_manager,
            date or self.today,
            self.company,
        )


@tagged("insurance_broker")
class TestDiscountRule(DiscountCommon):
    def test_logistics_under_500m_manager_gets_15(self):
        limit, rule = self._limit()
        self.assertEqual(limit, 15.0)
        self.assertEqual(rule, self.rule_logistics)

    def test_head_gets_the_highest_of_their_roles(self):
        # the head holds the manager role too (implied): the highest line wins
        limit, rule = self._limit(user=self.user_head)
        self.assertEqual((limit, rule), (20.0, self.rule_logistics))

    def test_contact_of_the_company_uses_the_company_segment(self):
        limit, rule = self._limit(partner=self.logistics_contact)
        self.assertEqual((limit, rule), (15.0, self.rule_logistics))

    def test_other_industry_falls_back_to_company_default(self):
        self.logistics.industry_id = self.industry_it
        limit, rule = self._limit()
        self.assertEqual(limit, 5.0)
        self.assertFalse(rule)

    def test_revenue_upper_bound_is_excluded(self):
        self.logistics.annual_revenue = 500_000_000
        self.assertEqual(self._limit()[0], 5.0)
        self.logistics.annual_revenue = 499_999_999
        self.assertEqual(self._limit()[0], 15.0)

    def test_revenue_lower_bound_is_included(self):
        self.rule_logistics.annual_revenue_min = 100_000_000
        self.logistics.annual_revenue = 100_000_000
        self.assertEqual(self._limit()[0], 15.0)
        self.logistics.annual_revenue = 99_999_999
        self.assertEqual(self._limit()[0], 5.0)

    def test_unknown_revenue_counts_as_zero(self):
        self.logistics.annual_revenue = 0
        self.assertEqual(self._limit()[0], 15.0)
        self.rule_logistics.annual_revenue_min = 1
        self.assertEqual(self._limit()[0], 5.0)

    def test_product_criterion(self):
        rule = self._create_rule(
            "КАСКО", {"manager": 12.0}, product_ids=[Command.set(self.product_kasko.ids)]
        )
        self.logistics.industry_id = False
        self.assertEqual(self._limit(product=self.product_kasko), (12.0, rule))
        self.assertEqual(self._limit(product=self.product_osago)[0], 5.0)

    def test_company_size_criterion(self):
        rule = self._create_rule("Крупные", {"manager": 8.0}, company_size="large")
        self.logistics.industry_id = False
        self.assertEqual(self._limit()[0], 5.0)
        self.logistics.company_size = "large"
        self.assertEqual(self._limit(), (8.0, rule))

    def test_validity_dates_are_inclusive(self):
        self.rule_logistics.write({"date_from": self._days(-10), "date_to": self._days(10)})
        self.assertEqual(self._limit(date=self._days(-10))[0], 15.0)
        self.assertEqual(self._limit(date=self._days(10))[0], 15.0)
        self.assertEqual(self._limit(date=self._days(-11))[0], 5.0)
        self.assertEqual(self._limit(date=self._days(11))[0], 5.0)

    def test_archived_rule_is_ignored(self):
        self.rule_logistics.active = False
        self.assertEqual(self._limit()[0], 5.0)

    def test_most_specific_rule_wins(self):
        general = self._create_rule("Общее", {"manager": 10.0})
        kasko_logistics = self._create_rule(
            "Логистика КАСКО",
            {"manager": 7.0},
            industry_ids=[Command.set(self.industry_logistics.ids)],
            product_ids=[Command.set(self.product_kasko.ids)],
            sequence=99,
        )
        # industry + product beats industry + revenue? both count 2: lower sequence wins
        self.assertEqual(self._limit(), (15.0, self.rule_logistics))
        kasko_logistics.sequence = 1
        self.assertEqual(self._limit(), (7.0, kasko_logistics))
        # a client outside every segment gets the general rule, not the default
        self.logistics.industry_id = self.industry_it
        self.assertEqual(self._limit(), (10.0, general))

    def test_rule_without_a_line_for_the_role_is_skipped(self):
        self.rule_logistics.line_ids.filtered(
            lambda line: line.group_id == self.group_manager
        ).unlink()
        general = self._create_rule("Общее", {"manager": 10.0})
        self.assertEqual(self._limit(), (10.0, general))
        # the head still has their line on the specific rule
        self.assertEqual(self._limit(user=self.user_head), (20.0, self.rule_logistics))

    def test_user_without_any_role_line_gets_company_default(self):
        self.company.insurance_discount_default_limit = 3.0
        self.assertEqual(
            self._limit(user=self.user_accountant), (3.0, self.env["insurance.discount.rule"])
        )

    def test_rule_of_another_company_does_not_apply(self):
        other = self.env["res.company"].create({"name": "Другая компания"})
        self.rule_logistics.company_id = other
        self.assertEqual(self._limit()[0], 5.0)

    def test_invalid_rules_are_refused(self):
        with self.assertRaises(ValidationError):
            self._create_rule("Плохо", {"manager": 120.0})
        with self.assertRaises(ValidationError):
            self._create_rule(
                "Плохо", {"manager": 10.0}, annual_revenue_min=10, annual_revenue_max=5
            )
        with self.assertRaises(ValidationError):
            self._create_rule(
                "Плохо", {"manager": 10.0}, date_from=self._days(5), date_to=self._days(1)
            )


@tagged("insurance_broker")
class TestPolicyDiscount(DiscountCommon):
    def _policy(self, **values):
        return self._create_policy(
            partner_id=self.logistics.id,
            lead_id=self.deal.id,
            seller_id=self.user_manager.id,
            premium=100_000.0,
            **values,
        )

    def test_discount_comes_out_of_the_commission(self):
        policy = self._policy(discount_percent=5.0)
        # КАСКО of insurer A: 8% from the grid
        self.assertEqual(policy.commission_rate, 8.0)
        self.assertEqual(policy.commission_amount, 8000.0)
        self.assertEqual(policy.discount_amount, 5000.0)
        self.assertEqual(policy.client_amount, 95000.0)
        self.assertEqual(policy.commission_net_amount, 3000.0)
        self.assertEqual(self.deal.policy_discount_total, 5000.0)
        self.assertEqual(self.deal.expected_revenue, 3000.0)

    def test_discount_is_validated(self):
        with self.assertRaises(ValidationError):
            self._policy(discount_percent=-1.0)
        policy = self._policy(commission_rate=20.0)
        with self.assertRaises(ValidationError):
            policy.discount_percent = 101.0
        # given out of the commission: not above the rate
        with self.assertRaises(ValidationError):
            policy.discount_percent = 21.0
        policy.discount_percent = 20.0
        self.assertEqual(policy.discount_percent, 20.0)

    def test_discount_state_follows_the_seller_limit(self):
        policy = self._policy(commission_rate=25.0, discount_percent=15.0)
        self.assertEqual(policy.discount_limit, 15.0)
        self.assertEqual(policy.discount_rule_id, self.rule_logistics)
        self.assertEqual(policy.discount_state, "not_needed")
        policy.discount_percent = 16.0
        self.assertEqual(policy.discount_state, "required")
        # the head as seller may go to 20%
        policy.seller_id = self.user_head
        self.assertEqual(policy.discount_limit, 20.0)
        self.assertEqual(policy.discount_state, "not_needed")

    def test_search_by_discount_state(self):
        over = self._policy(commission_rate=25.0, discount_percent=18.0)
        within = self._policy(commission_rate=25.0, discount_percent=10.0)
        Policy = self.env["insurance.policy"]
        found = Policy.search([("discount_state", "=", "required")])
        self.assertIn(over, found)
        self.assertNotIn(within, found)
        self.assertIn(within, Policy.search([("discount_state", "=", "not_needed")]))

    def test_deal_over_the_limit_cannot_be_won(self):
        policy = self._policy(commission_rate=25.0, discount_percent=18.0)
        with self.assertRaises(UserError) as caught:
            self.deal.action_set_won()
        self.assertIn(policy.name, str(caught.exception))
        self.assertIn("18", str(caught.exception))
        self.assertFalse(self.deal.stage_id.is_won)
        self.assertEqual(policy.state, "draft")
        # within the limit: won
        policy.discount_percent = 15.0
        self.deal.action_set_won()
        self.assertEqual(policy.state, "active")

    def test_cancelled_policy_does_not_block(self):
        policy = self._policy(commission_rate=25.0, discount_percent=18.0)
        policy.action_cancel()
        self._policy()
        self.deal.action_set_won()
        self.assertTrue(self.deal.stage_id.is_won)
