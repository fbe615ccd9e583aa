from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class InsurancePayScheme(models.Model):
    """How the commission of a sale (after the client's discount) is shared with
    the two employees who worked it, plus the fixed fee per issued policy and the
    plan bonus."""

    _name = "insurance.pay.scheme"
    _description = "Pay Scheme"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(
        string="Valid From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        tracking=True,
        help="Months from this date on are paid by this scheme, until a newer one starts.",
    )
    seller_share = fields.Float(
        string="Seller Share (%)",
        digits=(5, 2),
        tracking=True,
        help="Share of the commission after discount paid to the manager who sold the policy.",
    )
    issuer_share = fields.Float(
        string="Issuer Share (%)",
        digits=(5, 2),
        tracking=True,
        help="Share of the commission after discount paid to the employee who issued the policy.",
    )
    fee_per_issued_policy = fields.Monetary(
        string="Fee per Issued Policy",
        tracking=True,
        help="Fixed amount paid to the issuer for every policy issued in the month.",
    )
    plan_bonus = fields.Monetary(
        tracking=True,
        help="Paid to a manager whose monthly plan is met: every figure of the plan reached.",
    )
    line_ids = fields.One2many(
        "insurance.pay.scheme.line",
        "scheme_id",
        string="Shares per Product",
        copy=True,
    )

    @api.constrains("seller_share", "issuer_share")
    def _check_shares(self):
        for scheme in self:
            if not (0 <= scheme.seller_share <= 100 and 0 <= scheme.issuer_share <= 100):
                raise ValidationError(_("Shares of the commission must be between 0 and 100%."))
            if scheme.seller_share + scheme.issuer_share > 100:
                raise ValidationError(
                    _(
                        "The seller and issuer shares of scheme %(scheme)s add up to more "
                        "than 100%% of the commission.",
                        scheme=scheme.name,
                    )
                )

    @api.constrains("fee_per_issued_policy", "plan_bonus")
    def _check_amounts(self):
        for scheme in self:
            if scheme.fee_per_issued_policy < 0 or scheme.plan_bonus < 0:
                raise ValidationError(_("The fee and the bonus cannot be negative."))

    def _shares_for(self, product):
        """(seller %, issuer %) of the commission for a product: its own line
        when there is one, else the scheme's general shares."""
        self.ensure_one()
        line = self.line_ids.filtered(lambda line: line.product_id == product)[:1]
        if line:
            return line.seller_share, line.issuer_share
        return self.seller_share, self.issuer_share

    @api.model
    def _scheme_for_month(self, month_start, company):
        return self.search(
            [("company_id", "=", company.id), ("date_from", "<=", month_start)],
            order="date_from desc, id desc",
            limit=1,
        )
