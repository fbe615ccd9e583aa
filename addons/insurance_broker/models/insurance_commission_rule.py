from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class InsuranceCommissionRule(models.Model):
    _name = "insurance.commission.rule"
    _description = "Commission Rule"
    _order = "insurer_id, product_id, date_from desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(default=True)
    insurer_id = fields.Many2one(
        "res.partner",
        domain=[("is_insurer", "=", True)],
        index=True,
        help="Leave empty for a rule that applies to every insurer.",
    )
    product_id = fields.Many2one(
        "insurance.product",
        index=True,
        help="Leave empty for a rule that applies to every product.",
    )
    date_from = fields.Date(string="Valid From")
    date_to = fields.Date(string="Valid To")
    rate = fields.Float(
        string="Commission Rate (%)",
        digits=(5, 2),
        required=True,
        help="Our commission as a percentage of the premium.",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    note = fields.Char()

    @api.depends("insurer_id", "product_id", "rate")
    def _compute_name(self):
        for rule in self:
            rule.name = "%s / %s: %s%%" % (
                rule.insurer_id.name or _("Any insurer"),
                rule.product_id.name or _("Any product"),
                f"{rule.rate:g}",
            )

    @api.constrains("rate")
    def _check_rate(self):
        for rule in self:
            if not 0 <= rule.rate <= 100:
                raise ValidationError(_("A commission rate must be between 0 and 100%."))

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for rule in self:
            if rule.date_from and rule.date_to and rule.date_to < rule.date_from:
                raise ValidationError(
                    _("The end of a commission rule's validity cannot precede its start.")
                )

    # ------------------------------------------------------------
    # Rule selection
    # ------------------------------------------------------------

    def _specificity(self):
        """Insurer and product together beat product alone, which beats insurer
        alone: product terms vary more between lines than between insurers."""
        self.ensure_one()
        return (2 if self.product_id else 0) + (1 if self.insurer_id else 0)

    def _applies_on(self, date):
        self.ensure_one()
        if not date:
            return not self.date_from and not self.date_to
        return (not self.date_from or self.date_from <= date) and (
            not self.date_to or date <= self.date_to
        )

    def _pick_rule(self, insurer, product, date, company):
        """Most specific valid rule among ``self``; the latest start wins a tie."""
        candidates = self.filtered(
            lambda r: (
                (not r.insurer_id or r.insurer_id == insurer)
                and (not r.product_id or r.product_id == product)
                and (not r.company_id or not company or r.company_id == company)
                and r._applies_on(date)
            )
        )
        if not candidates:
            return self.browse()
        return max(
            candidates,
            key=lambda r: (
                r._specificity(),
                r.date_from or fields.Date.to_date("1900-01-01"),
                r.id,
            ),
        )

    @api.model
    def _get_commission_rule(self, insurer, product, date, company=None):
        """The rule that sets the default rate of a policy sold on ``date``."""
        rules = self._search_candidate_rules(insurer, product)
        return rules._pick_rule(insurer, product, date, company or self.env.company)

    @api.model
    def _search_candidate_rules(self, insurers, products):
        """All rules that could apply to any of ``insurers`` x ``products``,
        fetched in one query so that batches of policies stay cheap."""
        return self.search(
            [
                ("insurer_id", "in", insurers.ids + [False]),
                ("product_id", "in", products.ids + [False]),
            ]
        )
