from odoo import fields, models
from odoo.tools import SQL


class InsuranceTeamRegionReport(models.Model):
    """Sales teams and regions side by side: one row per deal, with the team
    that worked it and the region of the client (the client company's)."""

    _name = "insurance.team.region.report"
    _inherit = ["insurance.analytics.mixin"]
    _description = "Team and Region Comparison"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "lead_id"

    _ratio_fields = {
        "conversion_rate": ("won_count", "deal_count", 100.0),
        "average_deal": ("sold_commission", "won_count", 1.0),
    }

    lead_id = fields.Many2one("crm.lead", string="Deal", readonly=True)
    date = fields.Date(string="Created On", readonly=True)
    date_closed = fields.Date(string="Closed On", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    state_id = fields.Many2one("res.country.state", string="Region", readonly=True)
    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    deal_count = fields.Integer(string="Deals", readonly=True)
    won_count = fields.Integer(string="Won", readonly=True)
    lost_count = fields.Integer(string="Lost", readonly=True)
    conversion_rate = fields.Float(
        string="Conversion (%)",
        readonly=True,
        aggregator="avg",
        help="Won deals out of all deals, in the group.",
    )
    sold_premium = fields.Monetary(
        string="Premium Sold", readonly=True, help="Premium of the policies of won deals."
    )
    sold_commission = fields.Monetary(
        string="Commission Earned", readonly=True, help="Commission of the won deals."
    )
    average_deal = fields.Monetary(
        string="Average Won Deal",
        readonly=True,
        aggregator="avg",
        help="Commission earned per won deal, in the group.",
    )

    def _query(self):
        Lead = self.env["crm.lead"]
        return SQL(
            """
            SELECT lead.id AS id,
                   lead.id AS lead_id,
                   lead.create_date::date AS date,
                   lead.date_closed::date AS date_closed,
                   lead.team_id,
                   COALESCE(company.state_id, client.state_id) AS state_id,
                   %(owner)s AS user_id,
                   client.commercial_partner_id AS partner_id,
                   lead.company_id,
                   1 AS deal_count,
                   CASE WHEN %(won)s THEN 1 ELSE 0 END AS won_count,
                   CASE WHEN %(lost)s THEN 1 ELSE 0 END AS lost_count,
                   CASE WHEN %(won)s THEN 100.0 ELSE 0 END AS conversion_rate,
                   CASE WHEN %(won)s THEN COALESCE(lead.policy_premium_total, 0) ELSE 0 END
                       AS sold_premium,
                   CASE WHEN %(won)s THEN COALESCE(lead.expected_revenue, 0) ELSE 0 END
                       AS sold_commission,
                   CASE WHEN %(won)s THEN COALESCE(lead.expected_revenue, 0) ELSE 0 END
                       AS average_deal
              FROM crm_lead lead
         LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
         LEFT JOIN res_partner client ON client.id = lead.partner_id
         LEFT JOIN res_partner company ON company.id = client.commercial_partner_id
             WHERE lead.type = 'opportunity' AND (lead.active OR %(lost)s)
            """,
            owner=Lead._owner_sql("lead"),
            won=Lead._won_sql("lead", "stage"),
            lost=Lead._lost_sql("lead"),
        )

    def init(self):
        self._create_view()
