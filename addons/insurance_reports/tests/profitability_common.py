from dateutil.relativedelta import relativedelta

from odoo.addons.insurance_broker.tests.common import InsuranceBrokerCommon


class InsuranceProfitabilityCommon(InsuranceBrokerCommon):
    """The brokerage of InsuranceBrokerCommon with helpers for losses: sold
    policies with a chosen term, claims, complaints and discount requests."""

    @classmethod
    def _sold(cls, start_days_ago=0, premium=10000.0, seller=None, **values):
        """A КАСКО policy (12 months) in force, started ``start_days_ago`` days ago."""
        start = cls.today - relativedelta(days=start_days_ago)
        policy = cls._create_policy(
            date_sale=values.pop("date_sale", start),
            date_start=start,
            premium=premium,
            seller_id=(seller or cls.user_manager).id,
            issuer_id=values.pop("issuer_id", cls.user_issuer.id),
            **values,
        )
        policy.action_activate()
        return policy

    @classmethod
    def _claim(cls, policy, paid=0.0, number=None, **values):
        cls._claim_number = getattr(cls, "_claim_number", 0) + 1
        return cls.env["insurance.claim"].create(
            {
                "name": number or "У-%06d" % cls._claim_number,
                "policy_id": policy.id,
                "date": policy.date_start,
                "amount_claimed": paid,
                "amount_paid": paid,
                "state": "paid" if paid else "reported",
                **values,
            }
        )

    @classmethod
    def _complaints(cls, partner, count, days_ago=10):
        return cls.env["insurance.complaint"].create(
            [
                {
                    "name": "Жалоба %s" % index,
                    "partner_id": partner.id,
                    "date": cls.today - relativedelta(days=days_ago),
                }
                for index in range(count)
            ]
        )

    @classmethod
    def _discount_requests(cls, partner, count, days_ago=10):
        when = cls.today - relativedelta(days=days_ago)
        return cls.env["insurance.discount.approval"].create(
            [
                {
                    "lead_id": cls.deal.id,
                    "partner_id": partner.id,
                    "request_date": f"{when} 10:00:00",
                    "discount_requested": 15.0,
                    "discount_limit": 10.0,
                }
                for _index in range(count)
            ]
        )
