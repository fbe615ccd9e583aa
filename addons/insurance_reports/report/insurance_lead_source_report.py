from odoo import fields, models
from odoo.tools import SQL

from .insurance_register_line import commission_net_sql


class InsuranceLeadSourceReport(models.Model):
    """Where leads come from and what they bring: one row per lead or deal,
    with its UTM source, medium and campaign.

    A client is credited to the source of their first lead (first touch): that
    row carries the client (client count 1) and the commission earned from the
    client's own sold policies over the LTV window, after the discounts given to
    the client (as the client's LTV)."""

    _name = "insurance.lead.source.report"
    _inherit = ["insurance.analytics.mixin"]
    _description = "Lead Source Conversion and Profitability"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "lead_id"

    _ratio_fields = {
        "conversion_rate": ("won_count", "lead_count", 100.0),
        "client_avg_commission": ("client_commission", "client_count", 1.0),
    }

    lead_id = fields.Many2one("crm.lead", string="Lead or Deal", readonly=True)
    date = fields.Date(string="Created On", readonly=True)
    type = fields.Selection([("lead", "Lead"), ("opportunity", "Opportunity")], readonly=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    medium_id = fields.Many2one("utm.medium", readonly=True)
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    lead_count = fields.Integer(string="Leads", readonly=True)
    won_count = fields.Integer(string="Won", readonly=True)
    lost_count = fields.Integer(string="Lost", readonly=True)
    conversion_rate = fields.Float(
        string="Conversion (%)",
        readonly=True,
        aggregator="avg",
        help="Won deals out of the leads and deals created, in the group.",
    )
    won_commission = fields.Monetary(
        string="Commission of Won Deals",
        readonly=True,
        help="Expected revenue (our commission) of the deals won.",
    )
    client_count = fields.Integer(
        string="Clients Brought",
        readonly=True,
        help="Clients whose first lead came from this source.",
    )
    client_commission = fields.Monetary(
        string="Clients' Commission (LTV)",
        readonly=True,
        help="Commission after discounts earned from the own sold policies of the "
        "clients brought, over the LTV period of the settings.",
    )
    client_avg_commission = fields.Monetary(
        string="Commission per Client",
        readonly=True,
        aggregator="avg",
        help="Clients' commission (LTV) divided by the clients brought, in the group.",
    )

    def _query(self):
        Lead = self.env["crm.lead"]
        return SQL(
            """
            WITH ltv AS (
                SELECT client.commercial_partner_id AS partner_id,
                       SUM(%(net)s) AS commission
                  FROM insurance_policy p
                  JOIN res_partner client ON client.id = p.partner_id
                  -- the LTV window of the company settings, as in insurance.client.ltv
                  JOIN res_company company ON company.id = p.company_id
                 WHERE %(sold)s
                   AND p.date_sale >= CURRENT_DATE - make_interval(years => company.ltv_years)
              GROUP BY 1
            ), leads AS (
                SELECT lead.*, client.commercial_partner_id AS client_id,
                       row_number() OVER (PARTITION BY client.commercial_partner_id
                                          ORDER BY lead.create_date, lead.id) AS client_rank
                  FROM crm_lead lead
             LEFT JOIN res_partner client ON client.id = lead.partner_id
                 WHERE lead.active OR COALESCE(lead.probability, 0) = 0
            )
            SELECT lead.id AS id,
                   lead.id AS lead_id,
                   lead.create_date::date AS date,
                   lead.type AS type,
                   lead.source_id, lead.medium_id, lead.campaign_id,
                   %(owner)s AS user_id,
                   lead.team_id,
                   lead.client_id AS partner_id,
                   lead.company_id,
                   1 AS lead_count,
                   CASE WHEN %(won)s THEN 1 ELSE 0 END AS won_count,
                   CASE WHEN %(lost)s THEN 1 ELSE 0 END AS lost_count,
                   CASE WHEN %(won)s THEN 100.0 ELSE 0 END AS conversion_rate,
                   CASE WHEN %(won)s THEN COALESCE(lead.expected_revenue, 0) ELSE 0 END
                       AS won_commission,
                   CASE WHEN lead.client_id IS NOT NULL AND lead.client_rank = 1
                        THEN 1 ELSE 0 END AS client_count,
                   CASE WHEN lead.client_id IS NOT NULL AND lead.client_rank = 1
                        THEN COALESCE(ltv.commission, 0) ELSE 0 END AS client_commission,
                   CASE WHEN lead.client_id IS NOT NULL AND lead.client_rank = 1
                        THEN COALESCE(ltv.commission, 0) ELSE 0 END AS client_avg_commission
              FROM leads lead
         LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
         LEFT JOIN ltv ON ltv.partner_id = lead.client_id
            """,
            net=commission_net_sql("p"),
            sold=SQL(" AND ").join(self.env["insurance.sales.plan"]._sale_conditions("p")),
            owner=Lead._owner_sql("lead"),
            won=Lead._won_sql("lead", "stage"),
            lost=Lead._lost_sql("lead"),
        )

    def init(self):
        self._create_view()
