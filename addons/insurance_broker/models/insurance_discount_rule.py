from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class InsuranceDiscountRule(models.Model):
    """How far each role may discount without asking, for a client segment.

    Every criterion is optional (empty = any): industries, an annual revenue
    range (minimum included, maximum excluded; 0 = no bound; an unknown revenue
    counts as 0), products, company size and a validity period. The most
    specific rule that matches and has a line for one of the user's roles
    gives the limit; see ``_get_discount_limit``."""

    _name = "insurance.discount.rule"
    _description = "Discount Rule"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Leave empty for a rule that applies to every company.",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    industry_ids = fields.Many2many(
        "res.partner.industry",
        string="Industries",
        help="The client's industry; leave empty for any industry.",
    )
    annual_revenue_min = fields.Monetary(
        string="Revenue From",
        currency_field="currency_id",
        help="The rule applies to clients whose annual revenue is at least this amount "
        "(0: no lower bound).",
    )
    annual_revenue_max = fields.Monetary(
        string="Revenue Under",
        currency_field="currency_id",
        help="The rule applies to clients whose annual revenue is below this amount "
        "(0: no upper bound). A client whose revenue is not filled in counts as 0.",
    )
    product_ids = fields.Many2many(
        "insurance.product",
        string="Products",
        help="Leave empty for a rule that applies to every product.",
    )
    company_size = fields.Selection(
        selection=lambda self: self.env["res.partner"]._fields["company_size"].selection,
        help="Leave empty for any size.",
    )
    date_from = fields.Date(string="Valid From")
    date_to = fields.Date(string="Valid To")
    line_ids = fields.One2many(
        "insurance.discount.rule.line", "rule_id", string="Limits per Role", copy=True
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "revenue_range",
            "CHECK(annual_revenue_min >= 0 AND annual_revenue_max >= 0)",
            "Revenue bounds cannot be negative.",
        ),
    ]

    def _compute_currency_id(self):
        for rule in self:
            rule.currency_id = (rule.company_id or self.env.company).currency_id

    @api.constrains("annual_revenue_min", "annual_revenue_max")
    def _check_revenue_range(self):
        for rule in self:
            if rule.annual_revenue_min < 0 or rule.annual_revenue_max < 0:
                raise ValidationError(_("Revenue bounds cannot be negative."))
            if rule.annual_revenue_max and rule.annual_revenue_min >= rule.annual_revenue_max:
                raise ValidationError(
                    _(
                        "Discount rule %(rule)s: the lower revenue bound must be below "
                        "the upper one.",
                        rule=rule.name,
                    )
                )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for rule in self:
            if rule.date_from and rule.date_to and rule.date_to < rule.date_from:
                raise ValidationError(
                    _("The end of a discount rule's validity cannot precede its start.")
                )

    # ------------------------------------------------------------
    # Matching
    # ------------------------------------------------------------

    def _specificity(self):
        """One point per criterion set: industry, revenue, product, size."""
        self.ensure_one()
        return (
            bool(self.industry_ids)
            + bool(self.annual_revenue_min or self.annual_revenue_max)
            + bool(self.product_ids)
            + bool(self.company_size)
        )

    def _matches(self, partner, product, date, company):
        """Does this rule apply to ``partner`` (its company's segment) buying
        ``product`` on ``date``?"""
        self.ensure_one()
        client = partner.commercial_partner_id
        revenue = client.annual_revenue or 0.0
        return (
            (not self.company_id or not company or self.company_id == company)
            and (not self.date_from or (date and self.date_from <= date))
            and (not self.date_to or (date and date <= self.date_to))
            and (not self.industry_ids or client.industry_id in self.industry_ids)
            and (not self.product_ids or product in self.product_ids)
            and (not self.company_size or client.company_size == self.company_size)
            and revenue >= self.annual_revenue_min
            and (not self.annual_revenue_max or revenue < self.annual_revenue_max)
        )

    def _limit_for_user(self, user):
        """The highest limit among the lines of the roles ``user`` holds
        (implied groups included), or None when no line is theirs."""
        self.ensure_one()
        limits = [line.max_discount for line in self.line_ids if line.group_id in user.groups_id]
        return max(limits) if limits else None

    def _pick_limit(self, partner, product, user, date, company):
        """(limit, rule) among ``self``: the most specific matching rule with a
        line for one of ``user``'s roles; ties go to the lower sequence, then the
        newest rule. Without one: the company's default limit and no rule."""
        company = company or self.env.company
        best_key, best = None, (None, self.browse())
        for rule in self:
            if not rule._matches(partner, product, date, company):
                continue
            limit = rule._limit_for_user(user)
            if limit is None:
                continue
            key = (rule._specificity(), -rule.sequence, rule.id)
            if best_key is None or key > best_key:
                best_key, best = key, (limit, rule)
        if best_key is None:
            return company.insurance_discount_default_limit, self.browse()
        return best

    @api.model
    def _search_candidate_rules(self, companies=None):
        """Every active rule of ``companies`` (or shared), in one query."""
        companies = companies or self.env.company
        return self.sudo().search([("company_id", "in", companies.ids + [False])])

    @api.model
    def _get_discount_limit(self, partner, product, user, date=None, company=None):
        """The maximum discount (%) ``user`` may grant ``partner`` on ``product``
        on ``date`` without approval, and the rule that sets it (empty when the
        company's default applies). Returns (limit, rule)."""
        company = company or self.env.company
        date = date or fields.Date.context_today(self)
        return self._search_candidate_rules(company)._pick_limit(
            partner, product, user, date, company
        )
