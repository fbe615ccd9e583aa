from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.addons.insurance_broker.tests.common import InsuranceBrokerCommon, load_russian


def load_russian_reports(env):
    """Russian as the managers see it, with this module's translations."""
    load_russian(env, "insurance_reports")


class InsuranceReportsCommon(InsuranceBrokerCommon):
    """March 2025 at the brokerage, known to the kopeck:

    ========  ===========  =======  =======  ==========  ==========  ===========
    policy    sale date    product  premium  commission  seller      issuer
    ========  ===========  =======  =======  ==========  ==========  ===========
    p_kasko   2 March      КАСКО    50 000   10% = 5000  manager     issuer
    p_osago   5 March      ОСАГО    10 000   10% = 1000  manager     manager
    p_osago2  8 March      ОСАГО     8 000   12% =  960  manager 2   issuer
    p_feb     3 February   КАСКО   100 000   10% = 10000 manager     issuer
    ========  ===========  =======  =======  ==========  ==========  ===========

    Not sold, so never counted: a draft КАСКО of 100 000 and a cancelled ОСАГО
    (manager, March), and a policy held elsewhere (manager, March)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the register and the pay sheets are Russian whenever Russian is installed
        load_russian_reports(cls.env)
        cls.month = date(2025, 3, 1)
        cls.p_kasko = cls._sold_policy(
            date(2025, 3, 2), cls.product_kasko, 50000, 10, cls.user_manager, cls.user_issuer
        )
        cls.p_osago = cls._sold_policy(
            date(2025, 3, 5), cls.product_osago, 10000, 10, cls.user_manager, cls.user_manager
        )
        cls.p_osago2 = cls._sold_policy(
            date(2025, 3, 8), cls.product_osago, 8000, 12, cls.user_manager_2, cls.user_issuer
        )
        cls.p_feb = cls._sold_policy(
            date(2025, 2, 3), cls.product_kasko, 100000, 10, cls.user_manager, cls.user_issuer
        )
        cls.p_draft = cls._create_policy(
            date_sale=date(2025, 3, 6),
            date_start=date(2025, 3, 6),
            product_id=cls.product_kasko.id,
            premium=100000,
            seller_id=cls.user_manager.id,
            issuer_id=cls.user_issuer.id,
        )
        cls.p_cancelled = cls._sold_policy(
            date(2025, 3, 7), cls.product_osago, 7000, 10, cls.user_manager, cls.user_issuer
        )
        cls.p_cancelled.action_cancel()
        cls.p_foreign = cls._sold_policy(
            date(2025, 3, 9),
            cls.product_osago,
            9000,
            0,
            cls.user_manager,
            cls.user_issuer,
            origin="foreign",
            insurer_id=cls.insurer_b.id,
        )

    @classmethod
    def _sold_policy(cls, day, product, premium, rate, seller, issuer, **values):
        policy = cls._create_policy(
            date_sale=day,
            date_start=day,
            product_id=product.id,
            premium=premium,
            seller_id=seller.id,
            issuer_id=issuer.id,
            **values,
        )
        policy.commission_rate = rate
        policy.action_activate()
        return policy

    @classmethod
    def _plan(cls, user, commission=0, premium=0, count=0, month=None):
        return cls.env["insurance.sales.plan"].create(
            {
                "user_id": user.id,
                "month": month or cls.month,
                "company_id": cls.company.id,
                "commission_target": commission,
                "premium_target": premium,
                "policy_count_target": count,
            }
        )


class InsuranceAnalyticsCommon(InsuranceReportsCommon):
    """The analytics' small world, on top of March 2025 (dates of this month
    on, relative to today):

    ====  ==========  ==========  ======  ========  ===========================================
    deal  client      manager     team    source    outcome, policies (premium, commission)
    ====  ==========  ==========  ======  ========  ===========================================
    d1    ТехноСофт   manager     north   Сайт      won: cyber (pilot) 100 000, 10 000, sold
    d2    Транзит     manager     north   Сайт      lost «Дорого»: cyber 50 000 / 5000 and КАСКО
                                                    20 000 / 2000, both cancelled
    d3    Транзит     manager     north   Рекоменд  open: КАСКО draft 30 000 / 3000, overdue task
    d4    Ковалёв     manager 2   south   Рекоменд  won: ОСАГО 10 000 / 1200 sold, plate
    d5    Ковалёв     manager 2   south   Рекоменд  lost without reason, expected revenue 2000
    ====  ==========  ==========  ======  ========  ===========================================

    ТехноСофт (IT, small, St Petersburg) has a complete card; Транзит
    (logistics, medium, Leningrad region) a phone and a broken INN only;
    Ковалёв (Tatarstan) a mobile only. The fixture's open deal of Иванов
    (manager) and the March policies stay as they are."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.month0 = cls.today.replace(day=1)
        Partner = cls.env["res.partner"]
        cls.product_cyber = cls.env["insurance.product"].create(
            {
                "name": "Киберриски",
                "code": "T-CYBER",
                "line_of_business": "corporate",
                "is_pilot": True,
            }
        )
        cls.source_site = cls.env["utm.source"].create({"name": "Тест: Сайт"})
        cls.source_referral = cls.env["utm.source"].create({"name": "Тест: Рекомендация"})
        cls.team_north = cls.env["crm.team"].create({"name": "Тест: Север"})
        cls.team_south = cls.env["crm.team"].create({"name": "Тест: Юг"})
        cls.reason_price = cls.env["crm.lost.reason"].create({"name": "Тест: Дороже"})
        cls.state_spb = cls.env.ref("base.state_ru_spe")
        cls.state_len = cls.env.ref("base.state_ru_len")
        cls.state_ta = cls.env.ref("base.state_ru_ta")
        cls.industry_it = cls.env.ref("base.res_partner_industry_J")
        cls.industry_transport = cls.env.ref("base.res_partner_industry_H")
        cls.client_it = Partner.create(
            {
                "name": "ООО «ТехноСофт»",
                "is_company": True,
                "country_id": cls.country_ru.id,
                "state_id": cls.state_spb.id,
                "industry_id": cls.industry_it.id,
                "company_size": "small",
                "phone": "+7 812 555-01-23",
                "email": "office@technosoft.example",
                "vat": "7804123453",
                "pd_consent_date": cls.month0,
            }
        )
        cls.client_transit = Partner.create(
            {
                "name": "ООО «Транзит»",
                "is_company": True,
                "country_id": cls.country_ru.id,
                "state_id": cls.state_len.id,
                "industry_id": cls.industry_transport.id,
                "company_size": "medium",
                "phone": "+7 813 555-44-10",
                "vat": "не указан",
            }
        )
        cls.client_person = Partner.create(
            {
                "name": "Ковалёв Сергей Николаевич",
                "country_id": cls.country_ru.id,
                "state_id": cls.state_ta.id,
                "mobile": "+7 917 555-12-34",
            }
        )
        Lead = cls.env["crm.lead"]
        common = {"type": "opportunity", "company_id": cls.company.id}
        won = {"stage_id": cls.stage_won.id}
        lost = {"active": False, "probability": 0}
        cls.d1 = Lead.create(
            {**common, **won, "name": "d1", "partner_id": cls.client_it.id,
             **cls._people(cls.user_manager), "team_id": cls.team_north.id,
             "source_id": cls.source_site.id}
        )  # fmt: skip
        cls.d2 = Lead.create(
            {**common, **lost, "name": "d2", "partner_id": cls.client_transit.id,
             **cls._people(cls.user_manager), "team_id": cls.team_north.id,
             "source_id": cls.source_site.id, "lost_reason_id": cls.reason_price.id}
        )  # fmt: skip
        cls.d3 = Lead.create(
            {**common, "name": "d3", "partner_id": cls.client_transit.id,
             **cls._people(cls.user_manager), "team_id": cls.team_north.id,
             "source_id": cls.source_referral.id}
        )  # fmt: skip
        cls.d4 = Lead.create(
            {**common, **won, "name": "d4", "partner_id": cls.client_person.id,
             **cls._people(cls.user_manager_2), "team_id": cls.team_south.id,
             "source_id": cls.source_referral.id}
        )  # fmt: skip
        cls.d5 = Lead.create(
            {**common, **lost, "name": "d5", "partner_id": cls.client_person.id,
             **cls._people(cls.user_manager_2), "team_id": cls.team_south.id,
             "source_id": cls.source_referral.id, "expected_revenue": 2000}
        )  # fmt: skip
        cls.pol_d1 = cls._sold_policy(
            cls.month0, cls.product_cyber, 100000, 10, cls.user_manager, cls.user_issuer,
            lead_id=cls.d1.id, partner_id=cls.client_it.id,
        )  # fmt: skip
        for product, premium in ((cls.product_cyber, 50000), (cls.product_kasko, 20000)):
            policy = cls._create_policy(
                lead_id=cls.d2.id, partner_id=cls.client_transit.id, product_id=product.id,
                premium=premium, seller_id=cls.user_manager.id, date_sale=cls.month0,
                date_start=cls.month0,
            )  # fmt: skip
            policy.commission_rate = 10
            policy.action_cancel()
        cls.pol_d3 = cls._create_policy(
            lead_id=cls.d3.id, partner_id=cls.client_transit.id, premium=30000,
            seller_id=cls.user_manager.id, date_sale=cls.today, date_start=cls.today,
        )  # fmt: skip
        cls.pol_d3.commission_rate = 10
        cls.pol_d4 = cls._sold_policy(
            cls.month0, cls.product_osago, 10000, 12, cls.user_manager_2, cls.user_issuer,
            lead_id=cls.d4.id, partner_id=cls.client_person.id, vehicle_plate="О778МР116",
        )  # fmt: skip
        cls.d3.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=cls.today - relativedelta(days=1),
            user_id=cls.user_manager.id,
        )

    @classmethod
    def _people(cls, user):
        return {"user_id": user.id, "seller_id": user.id}

    def _groups(self, model, groupby, fields, domain=None, user=None, lazy=False):
        """read_group as the pivot asks it, as ``user`` (the head by default)."""
        self.env.flush_all()
        Report = self.env[model].with_user(user or self.user_head)
        return Report.read_group(domain or [], fields, groupby, lazy=lazy)

    def _by(self, groups, fname):
        """{group value (id, or the raw value): group}"""
        result = {}
        for group in groups:
            value = group[fname]
            result[value[0] if isinstance(value, tuple) else value] = group
        return result
