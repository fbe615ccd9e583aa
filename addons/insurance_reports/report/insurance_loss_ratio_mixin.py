from odoo import api, models
from odoo.tools import SQL, float_round


def earned_premium_sql(policy_alias="p"):
    """Earned premium of a policy as of today: the premium times the share of the
    policy term elapsed, counted in days including the first and the current one,
    between 0 (not started) and the whole premium (term over).

        earned = premium × min(1, max(0, (today − start + 1) / (end − start + 1)))
    """
    alias = SQL.identifier(policy_alias)
    return SQL(
        """ROUND(COALESCE(%(p)s.premium, 0) * LEAST(1, GREATEST(0,
                (CURRENT_DATE - %(p)s.date_start + 1)::numeric
                / GREATEST(%(p)s.date_end - %(p)s.date_start + 1, 1))), 2)""",
        p=alias,
    )


def loss_ratio(claims_paid, earned_premium):
    """Claims paid over earned premium, in percent; 0 while nothing is earned."""
    if not earned_premium:
        return 0.0
    return float_round(100.0 * (claims_paid or 0.0) / earned_premium, precision_digits=2)


class InsuranceLossRatioMixin(models.AbstractModel):
    """Reports with a ``loss_ratio`` measure: in every group it is the ratio of
    the sums (claims paid / earned premium), never an average of the rows' ratios."""

    _name = "insurance.loss.ratio.mixin"
    _description = "Loss Ratio of Sums in Groups"

    @api.model
    def _loss_ratio(self, claims_paid, earned_premium):
        return loss_ratio(claims_paid, earned_premium)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        names = {spec.split(":")[0].split("(")[0].strip() for spec in fields}
        if "loss_ratio" not in names:
            return super().read_group(
                domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy
            )
        extra = [f"{name}:sum" for name in ("claims_paid", "earned_premium") if name not in names]
        groups = super().read_group(
            domain,
            list(fields) + extra,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        for group in groups:
            group["loss_ratio"] = loss_ratio(group.get("claims_paid"), group.get("earned_premium"))
        return groups
