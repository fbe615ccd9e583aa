from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class InsurancePaySchemeLine(models.Model):
    _name = "insurance.pay.scheme.line"
    _description = "Pay Scheme Share per Product"
    _order = "scheme_id, product_id"

    scheme_id = fields.Many2one(
        "insurance.pay.scheme", required=True, ondelete="cascade", index=True
    )
    product_id = fields.Many2one("insurance.product", required=True)
    seller_share = fields.Float(string="Seller Share (%)", digits=(5, 2))
    issuer_share = fields.Float(string="Issuer Share (%)", digits=(5, 2))

    _sql_constraints = [
        (
            "scheme_product_uniq",
            "unique(scheme_id, product_id)",
            "A product appears only once in a pay scheme.",
        )
    ]

    @api.constrains("seller_share", "issuer_share")
    def _check_shares(self):
        for line in self:
            if not (0 <= line.seller_share <= 100 and 0 <= line.issuer_share <= 100):
                raise ValidationError(_("Shares of the commission must be between 0 and 100%."))
            if line.seller_share + line.issuer_share > 100:
                raise ValidationError(
                    _(
                        "The seller and issuer shares for %(product)s add up to more than "
                        "100%% of the commission.",
                        product=line.product_id.name,
                    )
                )
