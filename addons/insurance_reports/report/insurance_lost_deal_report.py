from odoo import fields, models
from odoo.tools import SQL


class InsuranceLostDealReport(models.Model):
    """Why deals are lost: one row per lost deal and product offered in it
    (a deal without policies gives one row without product). The deal is
    counted once, on its first row; the lost revenue is the commission of the
    policies offered (the deal's expected revenue when it offered none)."""

    _name = "insurance.lost.deal.report"
    _inherit = ["insurance.analytics.mixin"]
    _description = "Lost Deals by Reason"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "lead_id"

    lead_id = fields.Many2one("crm.lead", string="Deal", readonly=True)
    date = fields.Date(string="Lost On", readonly=True)
    lost_reason_id = fields.Many2one("crm.lost.reason", readonly=True)
    product_id = fields.Many2one("insurance.product", readonly=True)
    line_of_business = fields.Selection(
        related="product_id.line_of_business", string="Line of Business", readonly=True
    )
    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    deal_count = fields.Integer(string="Lost Deals", readonly=True)
    policy_count = fields.Integer(string="Policies Offered", readonly=True)
    lost_revenue = fields.Monetary(
        string="Lost Expected Revenue",
        readonly=True,
        help="Commission of the policies offered in the lost deals.",
    )
    lost_premium = fields.Monetary(string="Premium Offered", readonly=True)

    def _query(self):
        Lead = self.env["crm.lead"]
        return SQL(
            """
            WITH offered AS (
                SELECT p.lead_id, p.product_id, COUNT(*) AS policy_count,
                       SUM(COALESCE(p.commission_amount, 0)) AS commission,
                       SUM(COALESCE(p.premium, 0)) AS premium
                  FROM insurance_policy p
                 WHERE p.lead_id IS NOT NULL
              GROUP BY 1, 2
            ), rows AS (
                SELECT lead.id AS lead_id, offered.product_id,
                       row_number() OVER (PARTITION BY lead.id ORDER BY offered.product_id)
                           AS rank,
                       COALESCE(offered.policy_count, 0) AS policy_count,
                       COALESCE(offered.commission, lead.expected_revenue, 0) AS commission,
                       COALESCE(offered.premium, 0) AS premium
                  FROM crm_lead lead
             LEFT JOIN offered ON offered.lead_id = lead.id
                 WHERE lead.type = 'opportunity' AND %(lost)s
            )
            SELECT row_number() OVER (ORDER BY rows.lead_id, rows.product_id) AS id,
                   rows.lead_id,
                   COALESCE(lead.date_closed, lead.write_date)::date AS date,
                   lead.lost_reason_id,
                   rows.product_id,
                   %(owner)s AS user_id,
                   lead.team_id,
                   lead.partner_id,
                   lead.company_id,
                   CASE WHEN rows.rank = 1 THEN 1 ELSE 0 END AS deal_count,
                   rows.policy_count,
                   rows.commission AS lost_revenue,
                   rows.premium AS lost_premium
              FROM rows
              JOIN crm_lead lead ON lead.id = rows.lead_id
            """,
            owner=Lead._owner_sql("lead"),
            lost=Lead._lost_sql("lead"),
        )

    def init(self):
        self._create_view()
