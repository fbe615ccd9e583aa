"""What a user opening the demo database checks first.

The demo data is written by tools/generate_demo.py with dates relative to the
install day; these tests run right after the install (post_install).
"""

import re
import unittest

import phonenumbers
from dateutil.relativedelta import relativedelta
from stdnum.ru import inn as ru_inn

from odoo import fields
from odoo.exceptions import AccessDenied
from odoo.tests import TransactionCase, tagged

DEMO_USERS = {
    # login (= password): name, group
    "manager1": ("Анна Иванова", "insurance_broker.group_broker_manager"),
    "manager2": ("Пётр Петров", "insurance_broker.group_broker_manager"),
    "manager3": ("Ольга Сидорова", "insurance_broker.group_broker_manager"),
    "issuer": ("Дмитрий Кузнецов", "insurance_broker.group_broker_manager"),
    "head": ("Елена Смирнова", "insurance_broker.group_broker_head"),
    "accountant": ("Мария Волкова", "insurance_broker.group_broker_accountant"),
}
E164_RU = re.compile(r"^\+7\d{10}$")
PLATE = re.compile(r"^[АВЕКМНОРСТУХ]\d{3}[АВЕКМНОРСТУХ]{2}\d{2,3}$|^[АВЕКМНОРСТУХ]{2}\d{5,6}$")
VIN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
OSAGO_NUMBER = re.compile(r"^[А-Я]{3} \d{10}$")


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("insurance_broker.demo_policy_001", raise_if_not_found=False):
            raise unittest.SkipTest("The demo data of insurance_broker is not installed.")
        cls.today = fields.Date.context_today(cls.env["insurance.policy"])
        cls.clients = cls._demo("res.partner", "demo_client_")
        cls.policies = cls._demo("insurance.policy", "demo_policy_")
        cls.leads = cls._demo("crm.lead", "demo_lead_")
        cls.insurers = cls._demo("res.partner", "demo_insurer_")

    @classmethod
    def _demo(cls, model, prefix):
        """Records of ``model`` whose external id starts with ``prefix``."""
        data = cls.env["ir.model.data"].search(
            [
                ("module", "=", "insurance_broker"),
                ("model", "=", model),
                ("name", "=like", prefix + "%"),
            ]
        )
        return cls.env[model].with_context(active_test=False).browse(data.mapped("res_id"))

    # ------------------------------------------------------------
    # People and the company
    # ------------------------------------------------------------

    def test_users_log_in_with_their_role(self):
        for login, (name, group) in DEMO_USERS.items():
            with self.subTest(login=login):
                user = self.env.ref(f"insurance_broker.demo_user_{login}")
                self.assertEqual(user.login, login)
                self.assertEqual(user.name, name)
                self.assertTrue(user.has_group(group))
                self.assertEqual(user.lang, "ru_RU")
                self.assertEqual(user.tz, "Europe/Moscow")
                self.assertTrue(user.email.endswith("@garant-polis.example"))
                auth = user.with_user(user)._check_credentials(
                    {"type": "password", "login": login, "password": login},
                    {"interactive": True},
                )
                self.assertEqual(auth["uid"], user.id)
                with self.assertRaises(AccessDenied):
                    user.with_user(user)._check_credentials(
                        {"type": "password", "login": login, "password": login + "-wrong"},
                        {"interactive": True},
                    )
        accountant = self.env.ref("insurance_broker.demo_user_accountant")
        self.assertFalse(accountant.has_group("insurance_broker.group_broker_manager"))
        head = self.env.ref("insurance_broker.demo_user_head")
        self.assertTrue(head.has_group("insurance_broker.group_broker_manager"))

    def test_sales_team(self):
        team = self.env.ref("insurance_broker.demo_team_sales")
        self.assertEqual(team.name, "Отдел продаж")
        self.assertEqual(team.user_id, self.env.ref("insurance_broker.demo_user_head"))
        for login in ("manager1", "manager2", "manager3", "issuer"):
            self.assertIn(self.env.ref(f"insurance_broker.demo_user_{login}"), team.member_ids)

    def test_company_is_a_russian_broker(self):
        company = self.env.ref("base.main_company")
        self.assertIn("Гарант-Полис", company.name)
        self.assertEqual(company.currency_id, self.env.ref("base.RUB"))
        self.assertEqual(company.country_id, self.env.ref("base.ru"))
        self.assertEqual(company.city, "Москва")
        self.assertTrue(ru_inn.is_valid(company.vat))
        self.assertTrue(E164_RU.match(company.phone))
        self.assertTrue(self.env["res.lang"]._lang_get("ru_RU"))
        admin = self.env.ref("base.user_admin")
        self.assertEqual((admin.lang, admin.tz), ("ru_RU", "Europe/Moscow"))

    def test_insurers(self):
        self.assertEqual(len(self.insurers), 11)
        for insurer in self.insurers:
            self.assertTrue(insurer.is_insurer and insurer.is_company, insurer.name)
            if insurer.vat:
                self.assertTrue(ru_inn.is_valid(insurer.vat), insurer.name)
                self.assertEqual(len(insurer.vat), 10, insurer.name)
        used = self.policies.mapped("insurer_id")
        self.assertTrue(used <= self.insurers)
        self.assertGreaterEqual(len(used), 10)

    def test_clients(self):
        companies = self.clients.filtered(lambda p: p.is_company)
        persons = self.clients.filtered(lambda p: not p.is_company and not p.parent_id)
        self.assertGreaterEqual(len(companies), 10)
        self.assertGreaterEqual(len(persons), 40)
        with_policies = self.policies.mapped("partner_id")
        self.assertGreaterEqual(len(with_policies & self.clients), 40)
        self.assertTrue(with_policies <= self.clients)
        for client in self.clients:
            self.assertEqual(client.country_id.code, "RU", client.name)
            self.assertEqual(client.lang, "ru_RU", client.name)

    def test_phones_are_e164(self):
        users = self.env["res.users"].browse(
            self.env.ref(f"insurance_broker.demo_user_{login}").id for login in DEMO_USERS
        )
        numbers = 0
        for partner in self.clients | users.partner_id:
            for fname in ("phone", "mobile"):
                number = partner[fname]
                if not number:
                    continue
                numbers += 1
                self.assertRegex(number, E164_RU, partner.name)
                self.assertTrue(
                    phonenumbers.is_valid_number(phonenumbers.parse(number)), partner.name
                )
        self.assertGreaterEqual(numbers, 50)

    def test_inns_are_valid(self):
        partners = self.clients | self.insurers | self.env.ref("base.main_partner")
        with_vat = partners.filtered("vat")
        for partner in with_vat:
            self.assertTrue(ru_inn.is_valid(partner.vat), f"{partner.name}: {partner.vat}")
        lengths = [len(vat) for vat in with_vat.mapped("vat")]
        self.assertGreaterEqual(lengths.count(10), 10)
        self.assertGreaterEqual(lengths.count(12), 10)

    # ------------------------------------------------------------
    # Policies
    # ------------------------------------------------------------

    def test_policies_cover_fourteen_months(self):
        self.assertGreaterEqual(len(self.policies), 140)
        sale_dates = self.policies.mapped("date_sale")
        self.assertLessEqual(max(sale_dates), self.today)
        self.assertLessEqual(min(sale_dates), self.today - relativedelta(months=13))
        self.assertGreaterEqual(min(sale_dates), self.today - relativedelta(months=15))
        lines = set(self.policies.mapped("product_id.code"))
        self.assertTrue({"OSAGO", "KASKO", "DSAGO", "MORTGAGE", "PROPERTY", "NS", "VZR"} <= lines)

    def test_policy_states_follow_dates(self):
        states = set(self.policies.mapped("state"))
        self.assertEqual(states, {"draft", "active", "expired", "cancelled", "renewed"})
        for policy in self.policies:
            if policy.state == "active":
                self.assertGreaterEqual(policy.date_end, self.today, policy.name)
            elif policy.state == "expired":
                self.assertLess(policy.date_end, self.today, policy.name)
            self.assertLessEqual(policy.date_start, policy.date_end, policy.name)
        ending = self.policies.filtered(
            lambda p: (
                p.state == "active"
                and self.today <= p.date_end <= self.today + relativedelta(days=30)
            )
        )
        self.assertGreaterEqual(len(ending), 5)
        self.assertGreaterEqual(len(self.policies.filtered(lambda p: p.state == "cancelled")), 3)

    def test_foreign_policies(self):
        foreign = self.policies.filtered(lambda p: p.origin == "foreign")
        self.assertGreaterEqual(len(foreign), 12)
        for policy in foreign:
            self.assertEqual(policy.state, "active", policy.name)
            self.assertFalse(policy.lead_id, policy.name)
            self.assertEqual(policy.commission_rate, 0.0, policy.name)
            self.assertEqual(policy.commission_amount, 0.0, policy.name)

    def test_vehicles(self):
        motor = self.policies.filtered(lambda p: p.product_id.is_vehicle)
        self.assertGreaterEqual(len(motor), 90)
        for policy in motor:
            self.assertRegex(policy.vehicle_plate, PLATE, policy.name)
            self.assertRegex(policy.vehicle_vin, VIN, policy.name)
            self.assertTrue(policy.vehicle_make and policy.vehicle_model, policy.name)
        for policy in motor.filtered(lambda p: p.product_id.code == "OSAGO"):
            self.assertRegex(policy.name, OSAGO_NUMBER)

    def test_commission_amounts(self):
        for policy in self.policies:
            expected = policy.currency_id.round(policy.premium * policy.commission_rate / 100)
            self.assertAlmostEqual(policy.commission_amount, expected, places=2, msg=policy.name)
        self.assertEqual(set(self.policies.mapped("currency_id.name")), {"RUB"})

    def test_commission_rates_come_from_rules(self):
        Rule = self.env["insurance.commission.rule"]
        own = self.policies.filtered(lambda p: p.origin == "own")
        manual = own.filtered(
            lambda p: (
                p.commission_rate
                != Rule._get_commission_rule(p.insurer_id, p.product_id, p.date_sale).rate
            )
        )
        # most rates come from the rules, a few were agreed case by case
        self.assertTrue(1 <= len(manual) <= 10, manual.mapped("name"))
        # rules with validity dates: the rate changed half a year ago
        ingos = self.env.ref("insurance_broker.demo_insurer_ingos")
        osago = self.env.ref("insurance_broker.demo_product_osago")
        change = self.today - relativedelta(days=182)
        before = Rule._get_commission_rule(ingos, osago, change - relativedelta(days=30))
        after = Rule._get_commission_rule(ingos, osago, change + relativedelta(days=30))
        self.assertEqual((before.rate, after.rate), (12.0, 9.0))
        self.assertFalse(
            (own - manual).filtered(
                lambda p: (
                    p.insurer_id == ingos
                    and p.product_id == osago
                    and p.commission_rate != (12.0 if p.date_sale < change else 9.0)
                )
            )
        )

    # ------------------------------------------------------------
    # Deals
    # ------------------------------------------------------------

    def test_every_stage_has_deals(self):
        active = self.leads.filtered("active")
        for xmlid in ("crm.stage_lead1", "crm.stage_lead2", "crm.stage_lead3", "crm.stage_lead4"):
            stage = self.env.ref(xmlid)
            self.assertTrue(active.filtered(lambda lead, s=stage: lead.stage_id == s), xmlid)
        for lead in self.leads:
            self.assertEqual(lead.type, "opportunity")
            self.assertTrue(lead.partner_id and lead.seller_id and lead.issuer_id, lead.name)
            self.assertEqual(lead.user_id, lead.seller_id, lead.name)

    def test_deal_outcomes_match_policies(self):
        won = self.leads.filtered(lambda lead: lead.active and lead.stage_id.is_won)
        open_ = self.leads.filtered(lambda lead: lead.active and not lead.stage_id.is_won)
        lost = self.leads.filtered(lambda lead: not lead.active)
        self.assertGreaterEqual(len(lost), 3)
        self.assertGreaterEqual(len(open_), 8)
        for lead in won:
            self.assertNotIn("draft", lead.policy_ids.mapped("state"), lead.name)
            self.assertTrue(lead.policy_ids, lead.name)
        for lead in open_:
            self.assertEqual(set(lead.policy_ids.mapped("state")) - {"draft"}, set(), lead.name)
        for lead in lost:
            self.assertTrue(lead.lost_reason_id, lead.name)
            self.assertEqual(set(lead.policy_ids.mapped("state")), {"cancelled"}, lead.name)
        self.assertGreaterEqual(len(open_.policy_ids), 8)

    def test_deal_totals(self):
        for lead in self.leads:
            policies = lead.policy_ids.filtered(lambda p: p.state != "cancelled")
            self.assertEqual(lead.policy_count, len(lead.policy_ids), lead.name)
            self.assertAlmostEqual(
                lead.policy_premium_total, sum(policies.mapped("premium")), 2, lead.name
            )
            self.assertAlmostEqual(
                lead.policy_commission_total,
                sum(policies.mapped("commission_amount")),
                2,
                lead.name,
            )
            for policy in lead.policy_ids:
                self.assertEqual(policy.partner_id, lead.partner_id, lead.name)
        self.assertTrue(self.policies.filtered("lead_id") <= self.leads.policy_ids)
