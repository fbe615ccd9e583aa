from odoo import api, fields, models


class InsurancePayStatementLine(models.Model):
    """One amount of a pay statement. Figures are copied from the policy at
    computation time, so that a closed month keeps them."""

    _name = "insurance.pay.statement.line"
    _description = "Pay Statement Line"
    _order = "statement_id, date_sale, id"

    statement_id = fields.Many2one(
        "insurance.pay.statement", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one(related="statement_id.user_id", store=True)
    month = fields.Date(related="statement_id.month", store=True)
    company_id = fields.Many2one(related="statement_id.company_id", store=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    kind = fields.Selection(
        [
            ("seller_share", "Seller share"),
            ("issuer_share", "Issuer share"),
            ("issue_fee", "Issue fee"),
            ("plan_bonus", "Plan bonus"),
        ],
        string="Item",
        required=True,
    )
    policy_id = fields.Many2one("insurance.policy", ondelete="set null")
    policy_name = fields.Char(string="Policy No.")
    partner_name = fields.Char(string="Client")
    product_id = fields.Many2one("insurance.product")
    date_sale = fields.Date(string="Sale Date")
    premium = fields.Monetary(currency_field="currency_id")
    commission_amount = fields.Monetary(string="Commission", currency_field="currency_id")
    discount_amount = fields.Monetary(
        string="Discount",
        currency_field="currency_id",
        help="Discount given to the client out of our commission.",
    )
    commission_net_amount = fields.Monetary(
        string="Commission after Discount",
        currency_field="currency_id",
        help="The commission the share is taken of: our commission minus the discount.",
    )
    rate = fields.Float(string="Share (%)", digits=(5, 2))
    amount = fields.Monetary(currency_field="currency_id")

    @api.model_create_multi
    def create(self, vals_list):
        statements = self.env["insurance.pay.statement"].browse(
            [vals["statement_id"] for vals in vals_list if vals.get("statement_id")]
        )
        statements._check_open()
        return super().create(vals_list)

    def write(self, vals):
        self.statement_id._check_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self.statement_id._check_open()
