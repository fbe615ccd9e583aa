from odoo import api, models, tools
from odoo.tools import SQL


class InsuranceAnalyticsMixin(models.AbstractModel):
    """What the analytics reports share: ratios that stay true per group.

    A pivot or a grouped list averages a stored ratio over the rows of a group,
    which is wrong (the average of 50% and 100% is not the conversion of
    3 deals out of 4). Each report names its ratios in ``_ratio_fields`` as
    ``{ratio: (numerator, denominator, factor)}``; ``read_group`` recomputes
    them from the sums of the group."""

    _name = "insurance.analytics.mixin"
    _description = "Analytics Report Ratios"

    _ratio_fields = {}

    def _query(self):
        """The SELECT of the report's view (one row per record of its grain)."""
        raise NotImplementedError

    def _create_view(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )

    @api.model
    def _ratio(self, numerator, denominator, factor=100.0):
        """factor × numerator / denominator, rounded; 0 when there is nothing to divide."""
        return round(factor * (numerator or 0) / denominator, 1) if denominator else 0.0

    @api.model
    def _group_ratios(self, group):
        """{ratio field: value} of one read_group group (its sums are in ``group``)."""
        return {
            fname: self._ratio(group.get(num), group.get(den), factor)
            for fname, (num, den, factor) in self._ratio_fields.items()
        }

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        names = {spec.split(":")[0].strip() for spec in fields}
        wanted = [fname for fname in self._ratio_fields if fname in names]
        if not wanted:
            return super().read_group(
                domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy
            )
        operands = {
            operand for fname in self._ratio_fields for operand in self._ratio_fields[fname][:2]
        }
        extra = [f"{operand}:sum" for operand in sorted(operands - names)]
        groups = super().read_group(
            domain, list(fields) + extra, groupby, offset=offset, limit=limit,
            orderby=orderby, lazy=lazy,
        )  # fmt: skip
        for group in groups:
            ratios = self._group_ratios(group)
            for fname in wanted:
                group[fname] = ratios[fname]
        return groups
