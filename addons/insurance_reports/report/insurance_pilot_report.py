from odoo import fields, models
from odoo.tools import SQL

from .insurance_register_line import SOLD_STATES


class InsurancePilotReport(models.Model):
    """How the pilot products sell: one row per deal and pilot product offered
    in it. A deal offering a pilot product converts when it is won."""

    _name = "insurance.pilot.report"
    _inherit = ["insurance.analytics.mixin"]
    _description = "Pilot Products Conversion"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "lead_id"

    _ratio_fields = {"conversion_rate": ("won_count", "deal_count", 100.0)}

    lead_id = fields.Many2one("crm.lead", string="Deal", readonly=True)
    date = fields.Date(string="Created On", readonly=True)
    product_id = fields.Many2one("insurance.product", string="Pilot Product", readonly=True)
    line_of_business = fields.Selection(
        related="product_id.line_of_business", string="Line of Business", readonly=True
    )
    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    deal_count = fields.Integer(string="Deals Offering", readonly=True)
    won_count = fields.Integer(string="Won", readonly=True)
    lost_count = fields.Integer(string="Lost", readonly=True)
    conversion_rate = fields.Float(
        string="Conversion (%)",
        readonly=True,
        aggregator="avg",
        help="Won deals out of the deals offering the product, in the group.",
    )
    offered_premium = fields.Monetary(string="Premium Offered", readonly=True)
    sold_premium = fields.Monetary(string="Premium Sold", readonly=True)
    sold_commission = fields.Monetary(string="Commission Earned", readonly=True)

    def _query(self):
        Lead = self.env["crm.lead"]
        return SQL(
            """
            WITH offers AS (
                SELECT p.lead_id, p.product_id,
                       SUM(COALESCE(p.premium, 0)) AS offered_premium,
                       SUM(CASE WHEN p.state IN %(sold)s THEN COALESCE(p.premium, 0) ELSE 0 END)
                           AS sold_premium,
                       SUM(CASE WHEN p.state IN %(sold)s
                                THEN COALESCE(p.commission_amount, 0) ELSE 0 END)
                           AS sold_commission
                  FROM insurance_policy p
                  JOIN insurance_product product ON product.id = p.product_id
                 WHERE product.is_pilot AND p.lead_id IS NOT NULL AND p.origin = 'own'
              GROUP BY 1, 2
            )
            SELECT row_number() OVER (ORDER BY offers.lead_id, offers.product_id) AS id,
                   offers.lead_id,
                   lead.create_date::date AS date,
                   offers.product_id,
                   %(owner)s AS user_id,
                   lead.team_id,
                   lead.partner_id,
                   lead.company_id,
                   1 AS deal_count,
                   CASE WHEN %(won)s THEN 1 ELSE 0 END AS won_count,
                   CASE WHEN %(lost)s THEN 1 ELSE 0 END AS lost_count,
                   CASE WHEN %(won)s THEN 100.0 ELSE 0 END AS conversion_rate,
                   offers.offered_premium,
                   offers.sold_premium,
                   offers.sold_commission
              FROM offers
              JOIN crm_lead lead ON lead.id = offers.lead_id
         LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
            """,
            sold=SOLD_STATES,
            owner=Lead._owner_sql("lead"),
            won=Lead._won_sql("lead", "stage"),
            lost=Lead._lost_sql("lead"),
        )

    def init(self):
        self._create_view()
