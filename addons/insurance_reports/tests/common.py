from datetime import date

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
