from odoo import fields, models
from odoo.tools import SQL

from .insurance_register_line import SOLD_STATES


class InsuranceProductDemandReport(models.Model):
    """What clients of each industry and company size ask for and buy.

    Demand is every policy of ours offered to a client: each policy of a deal,
    whatever became of it (a draft offer, a policy sold, an offer cancelled
    when the deal was lost), plus the policies sold without a deal. Sold is a
    policy that came into force. One row per policy, dated by its sale date
    (the proposed one for an offer)."""

    _name = "insurance.product.demand.report"
    _inherit = ["insurance.analytics.mixin"]
    _description = "Product Demand by Industry and Company Size"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "policy_id"

    _ratio_fields = {"sold_rate": ("sold_count", "requested_count", 100.0)}

    policy_id = fields.Many2one("insurance.policy", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Deal", readonly=True)
    date = fields.Date(readonly=True)
    product_id = fields.Many2one("insurance.product", readonly=True)
    line_of_business = fields.Selection(
        related="product_id.line_of_business", string="Line of Business", readonly=True
    )
    is_pilot = fields.Boolean(string="Pilot Product", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    industry_id = fields.Many2one("res.partner.industry", readonly=True)
    company_size = fields.Selection(
        selection=lambda self: (
            self.env["res.partner"]._fields["company_size"]._description_selection(self.env)
        ),
        readonly=True,
    )
    state_id = fields.Many2one("res.country.state", string="Region", readonly=True)
    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    requested_count = fields.Integer(string="Policies Requested", readonly=True)
    sold_count = fields.Integer(string="Policies Sold", readonly=True)
    sold_rate = fields.Float(
        string="Sold (%)",
        readonly=True,
        aggregator="avg",
        help="Policies sold out of the policies requested, in the group.",
    )
    requested_premium = fields.Monetary(string="Premium Requested", readonly=True)
    sold_premium = fields.Monetary(string="Premium Sold", readonly=True)
    sold_commission = fields.Monetary(string="Commission Earned", readonly=True)

    def _query(self):
        Lead = self.env["crm.lead"]
        return SQL(
            """
            SELECT p.id AS id,
                   p.id AS policy_id,
                   p.lead_id,
                   p.date_sale AS date,
                   p.product_id,
                   COALESCE(product.is_pilot, FALSE) AS is_pilot,
                   client.commercial_partner_id AS partner_id,
                   company.industry_id,
                   company.company_size,
                   company.state_id,
                   COALESCE(p.seller_id, %(owner)s) AS user_id,
                   lead.team_id,
                   p.company_id,
                   1 AS requested_count,
                   CASE WHEN p.state IN %(sold)s THEN 1 ELSE 0 END AS sold_count,
                   CASE WHEN p.state IN %(sold)s THEN 100.0 ELSE 0 END AS sold_rate,
                   COALESCE(p.premium, 0) AS requested_premium,
                   CASE WHEN p.state IN %(sold)s THEN COALESCE(p.premium, 0) ELSE 0 END
                       AS sold_premium,
                   CASE WHEN p.state IN %(sold)s THEN COALESCE(p.commission_amount, 0) ELSE 0 END
                       AS sold_commission
              FROM insurance_policy p
              JOIN insurance_product product ON product.id = p.product_id
              JOIN res_partner client ON client.id = p.partner_id
              JOIN res_partner company ON company.id = client.commercial_partner_id
         LEFT JOIN crm_lead lead ON lead.id = p.lead_id
             WHERE p.origin = 'own' AND (p.lead_id IS NOT NULL OR p.state IN %(sold)s)
            """,
            owner=Lead._owner_sql("lead"),
            sold=SOLD_STATES,
        )

    def init(self):
        self._create_view()
