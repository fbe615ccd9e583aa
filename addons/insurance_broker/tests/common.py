from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests.common import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user


def load_russian(env, *modules):
    """Activate Russian with the translations of this module and of ``modules``,
    as the managers see it."""
    env["res.lang"]._activate_lang("ru_RU")
    env["ir.module.module"]._load_module_terms(
        ["insurance_broker", *modules], ["ru_RU"], overwrite=True
    )


def valid_inn(digits):
    """Complete ``digits`` (9 or 10 digits) with the check digits of a Russian
    INN, giving a valid company (10) or person (12) INN."""

    def check_digit(number, weights):
        return str(sum(int(d) * w for d, w in zip(number, weights, strict=True)) % 11 % 10)

    if len(digits) == 9:
        return digits + check_digit(digits, (2, 4, 10, 3, 5, 9, 4, 6, 8))
    inn = digits + check_digit(digits, (7, 2, 4, 10, 3, 5, 9, 4, 6, 8))
    return inn + check_digit(inn, (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8))


class InsuranceBrokerCommon(TransactionCase):
    """A Russian brokerage: a company in RUB, two insurers, ОСАГО, КАСКО and a
    one-month travel product, a general commission grid, one user per role,
    a client and an open deal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rub = cls.env.ref("base.RUB")
        cls.rub.active = True
        cls.country_ru = cls.env.ref("base.ru")
        cls.company = cls.env["res.company"].create(
            {
                "name": "Страховой брокер «Полис»",
                "currency_id": cls.rub.id,
                "country_id": cls.country_ru.id,
            }
        )
        # Work in the brokerage's company, as its employees do.
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=[cls.company.id],
            )
        )
        # Rules from other data (demo, other tests) must not blur which rule wins.
        cls.env["insurance.commission.rule"].search([]).active = False
        cls.today = fields.Date.context_today(cls.env["insurance.policy"])

        # Users, one per role
        user_values = {
            "company_id": cls.company.id,
            "company_ids": [(6, 0, cls.company.ids)],
            "tz": "Europe/Moscow",
        }
        cls.user_manager = mail_new_test_user(
            cls.env,
            login="ib_manager",
            name="Мария Менеджерова",
            groups="insurance_broker.group_broker_manager",
            **user_values,
        )
        cls.user_manager_2 = mail_new_test_user(
            cls.env,
            login="ib_manager_2",
            name="Михаил Продавцов",
            groups="insurance_broker.group_broker_manager",
            **user_values,
        )
        cls.user_issuer = mail_new_test_user(
            cls.env,
            login="ib_issuer",
            name="Ирина Оформителева",
            groups="insurance_broker.group_broker_manager",
            **user_values,
        )
        cls.user_head = mail_new_test_user(
            cls.env,
            login="ib_head",
            name="Глеб Руководов",
            groups="insurance_broker.group_broker_head",
            **user_values,
        )
        cls.user_accountant = mail_new_test_user(
            cls.env,
            login="ib_accountant",
            name="Анна Бухгалтерова",
            groups="insurance_broker.group_broker_accountant",
            **user_values,
        )

        # Insurers
        Partner = cls.env["res.partner"]
        cls.insurer_a = Partner.create(
            {"name": "СК «Альфа-Тест»", "is_company": True, "is_insurer": True}
        )
        cls.insurer_b = Partner.create(
            {"name": "СК «Бета-Тест»", "is_company": True, "is_insurer": True}
        )

        # Products
        Product = cls.env["insurance.product"]
        cls.product_osago = Product.create(
            {
                "name": "ОСАГО",
                "code": "T-OSAGO",
                "line_of_business": "motor",
                "term_months": 12,
                "is_vehicle": True,
            }
        )
        cls.product_kasko = Product.create(
            {
                "name": "КАСКО",
                "code": "T-KASKO",
                "line_of_business": "motor",
                "term_months": 12,
            }
        )
        cls.product_travel = Product.create(
            {
                "name": "ВЗР (месяц)",
                "code": "T-TRAVEL",
                "line_of_business": "travel",
                "term_months": 1,
            }
        )

        # Commission grid: general 5%, insurer A 8%, ОСАГО 10%, insurer A on ОСАГО 12%
        Rule = cls.env["insurance.commission.rule"]
        cls.rule_general = Rule.create({"rate": 5.0})
        cls.rule_insurer_a = Rule.create({"insurer_id": cls.insurer_a.id, "rate": 8.0})
        cls.rule_osago = Rule.create({"product_id": cls.product_osago.id, "rate": 10.0})
        cls.rule_insurer_a_osago = Rule.create(
            {"insurer_id": cls.insurer_a.id, "product_id": cls.product_osago.id, "rate": 12.0}
        )

        # A client and an open deal
        # compliant, as a client must be before a sale: consent and passport
        cls.client = Partner.create(
            {
                "name": "Иванов Иван Иванович",
                "country_id": cls.country_ru.id,
                "email": "ivanov@example.com",
                **cls._compliant_person_values(),
            }
        )
        cls.stage_won = cls.env["crm.stage"].create(
            {"name": "Полис выдан", "sequence": 90, "is_won": True}
        )
        cls.lost_reason = cls.env["crm.lost.reason"].create({"name": "Дорого"})
        cls.deal = cls.env["crm.lead"].create(
            {
                "name": "ОСАГО и КАСКО для Иванова",
                "type": "opportunity",
                "partner_id": cls.client.id,
                "user_id": cls.user_manager.id,
                "seller_id": cls.user_manager.id,
                "issuer_id": cls.user_issuer.id,
                "company_id": cls.company.id,
            }
        )
        cls._policy_number = 0

    @classmethod
    def _compliant_person_values(cls):
        """What the compliance checklist needs of an individual client."""
        return {
            "pd_consent_date": fields.Date.context_today(cls.env["res.partner"]),
            "identity_document_type": "passport_ru",
            "identity_document_number": "45 01 123456",
        }

    @classmethod
    def _next_policy_number(cls):
        cls._policy_number += 1
        return "ТСТ %010d" % cls._policy_number

    @classmethod
    def _policy_values(cls, **values):
        """Values of a draft КАСКО policy of insurer A sold today to the client."""
        return {
            "name": cls._next_policy_number(),
            "partner_id": cls.client.id,
            "insurer_id": cls.insurer_a.id,
            "product_id": cls.product_kasko.id,
            "premium": 10000.0,
            **values,
        }

    @classmethod
    def _create_policy(cls, **values):
        return cls.env["insurance.policy"].create(cls._policy_values(**values))

    @classmethod
    def _days(cls, days):
        return cls.today + relativedelta(days=days)
