from odoo import fields, models, tools
from odoo.tools import SQL

from .insurance_loss_ratio_mixin import earned_premium_sql
from .insurance_register_line import SOLD_STATES


class InsuranceLossRatioReport(models.Model):
    """Losses against premium, one line per policy we sold: the premium earned so
    far, the claims paid on it, and the loss ratio of any group of lines."""

    _name = "insurance.loss.ratio.report"
    _inherit = ["insurance.loss.ratio.mixin"]
    _description = "Loss Ratio Analysis"
    _auto = False
    _order = "date_sale desc, id desc"
    _rec_name = "name"

    name = fields.Char(string="Policy Number", readonly=True)
    policy_id = fields.Many2one("insurance.policy", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    industry_id = fields.Many2one("res.partner.industry", readonly=True)
    company_size = fields.Selection(
        selection=lambda self: self.env["res.partner"]._fields["company_size"].selection,
        readonly=True,
    )
    product_id = fields.Many2one("insurance.product", readonly=True)
    line_of_business = fields.Selection(
        related="product_id.line_of_business", string="Line of Business", readonly=True
    )
    insurer_id = fields.Many2one("res.partner", readonly=True)
    seller_id = fields.Many2one("res.users", string="Manager", readonly=True)
    date_sale = fields.Date(string="Sale Date", readonly=True)
    date_start = fields.Date(string="Start Date", readonly=True)
    date_end = fields.Date(string="End Date", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    premium = fields.Monetary(currency_field="currency_id", readonly=True)
    earned_premium = fields.Monetary(
        currency_field="currency_id",
        readonly=True,
        help="Premium × share of the policy term elapsed by today (days, both ends "
        "included), at most the whole premium.",
    )
    claims_paid = fields.Monetary(currency_field="currency_id", readonly=True)
    claims_claimed = fields.Monetary(currency_field="currency_id", readonly=True)
    claim_count = fields.Integer(string="Claims", readonly=True)
    loss_ratio = fields.Float(
        string="Loss Ratio (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Claims paid / earned premium × 100; for a group, of the group's sums.",
    )
    policy_count = fields.Integer(string="Policies", readonly=True)

    def _select_sql(self):
        earned = earned_premium_sql("p")
        return SQL(
            """
            SELECT p.id AS id,
                   p.id AS policy_id,
                   p.name AS name,
                   p.partner_id AS partner_id,
                   client.industry_id AS industry_id,
                   client.company_size AS company_size,
                   p.product_id AS product_id,
                   p.insurer_id AS insurer_id,
                   p.seller_id AS seller_id,
                   p.date_sale AS date_sale,
                   p.date_start AS date_start,
                   p.date_end AS date_end,
                   p.company_id AS company_id,
                   p.currency_id AS currency_id,
                   COALESCE(p.premium, 0) AS premium,
                   %(earned)s AS earned_premium,
                   COALESCE(c.paid, 0) AS claims_paid,
                   COALESCE(c.claimed, 0) AS claims_claimed,
                   COALESCE(c.claim_count, 0) AS claim_count,
                   CASE WHEN %(earned)s > 0
                        THEN ROUND(100 * COALESCE(c.paid, 0) / %(earned)s, 2)
                        ELSE 0 END AS loss_ratio,
                   1 AS policy_count
              FROM insurance_policy p
              JOIN res_partner client ON client.id = p.partner_id
         LEFT JOIN (SELECT policy_id,
                           SUM(COALESCE(amount_paid, 0)) AS paid,
                           SUM(COALESCE(amount_claimed, 0)) AS claimed,
                           COUNT(*) AS claim_count
                      FROM insurance_claim
                  GROUP BY policy_id) c ON c.policy_id = p.id
             WHERE p.origin = 'own' AND p.state IN %(states)s
            """,
            earned=earned,
            states=SOLD_STATES,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._select_sql()
            )
        )
