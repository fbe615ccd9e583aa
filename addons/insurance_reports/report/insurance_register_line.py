from odoo import fields, models, tools
from odoo.tools import SQL

# A policy counts as sold once it has come into force; drafts are offers and
# cancelled policies were never paid.
SOLD_STATES = ("active", "expired", "renewed")


def commission_net_sql(alias):
    """What the brokerage keeps of a policy ``alias``: the commission after the
    discount given to the client (the stored net, else gross − discount for rows
    written by SQL)."""
    table = SQL.identifier(alias)
    return SQL(
        "COALESCE(%(t)s.commission_net_amount,"
        " COALESCE(%(t)s.commission_amount, 0) - COALESCE(%(t)s.discount_amount, 0))",
        t=table,
    )


class InsuranceRegisterLine(models.Model):
    """One line of the register the managers kept in Excel: a sold policy with
    the figures the register, the plans, the pay and the dashboard add up."""

    _name = "insurance.register.line"
    _description = "Policy Register Line"
    _auto = False
    _order = "date_sale desc, id desc"
    _rec_name = "name"

    name = fields.Char(string="Policy Number", readonly=True)
    policy_id = fields.Many2one("insurance.policy", readonly=True)
    date_sale = fields.Date(string="Sale Date", readonly=True)
    date_start = fields.Date(string="Start Date", readonly=True)
    date_end = fields.Date(string="End Date", readonly=True)
    seller_id = fields.Many2one("res.users", string="Manager", readonly=True)
    issuer_id = fields.Many2one("res.users", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    insurer_id = fields.Many2one("res.partner", readonly=True)
    product_id = fields.Many2one("insurance.product", readonly=True)
    line_of_business = fields.Selection(
        related="product_id.line_of_business", string="Line of Business", readonly=True
    )
    origin = fields.Selection([("own", "Sold by us"), ("foreign", "Held elsewhere")], readonly=True)
    state = fields.Selection(
        [("active", "In force"), ("expired", "Expired"), ("renewed", "Renewed")],
        readonly=True,
    )
    payment_method = fields.Selection(
        [
            ("cash", "Cash"),
            ("card", "Card"),
            ("bank_transfer", "Bank transfer"),
            ("payment_link", "Insurer's payment link"),
        ],
        readonly=True,
    )
    vehicle_plate = fields.Char(string="Plate", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    premium = fields.Monetary(currency_field="currency_id", readonly=True)
    commission_rate = fields.Float(string="Commission (%)", readonly=True, aggregator="avg")
    commission_amount = fields.Monetary(
        string="Commission", currency_field="currency_id", readonly=True
    )
    # The discount is given to the client out of our commission: the net
    # commission is what the brokerage keeps (and what the pay is shared on).
    discount_percent = fields.Float(string="Discount (%)", readonly=True, aggregator="avg")
    discount_amount = fields.Monetary(
        string="Discount", currency_field="currency_id", readonly=True
    )
    commission_net_amount = fields.Monetary(
        string="Commission after Discount",
        currency_field="currency_id",
        readonly=True,
        help="Our commission minus the discount given to the client.",
    )
    policy_count = fields.Integer(string="Policies", readonly=True)

    def _select_sql(self):
        return SQL(
            """
            SELECT p.id AS id,
                   p.id AS policy_id,
                   p.name AS name,
                   p.date_sale AS date_sale,
                   p.date_start AS date_start,
                   p.date_end AS date_end,
                   p.seller_id AS seller_id,
                   p.issuer_id AS issuer_id,
                   lead.team_id AS team_id,
                   p.partner_id AS partner_id,
                   p.insurer_id AS insurer_id,
                   p.product_id AS product_id,
                   p.origin AS origin,
                   p.state AS state,
                   p.payment_method AS payment_method,
                   p.vehicle_plate AS vehicle_plate,
                   p.company_id AS company_id,
                   p.currency_id AS currency_id,
                   COALESCE(p.premium, 0) AS premium,
                   COALESCE(p.commission_rate, 0) AS commission_rate,
                   COALESCE(p.commission_amount, 0) AS commission_amount,
                   COALESCE(p.discount_percent, 0) AS discount_percent,
                   COALESCE(p.discount_amount, 0) AS discount_amount,
                   %s AS commission_net_amount,
                   1 AS policy_count
              FROM insurance_policy p
         LEFT JOIN crm_lead lead ON lead.id = p.lead_id
             WHERE p.state IN %s
            """,
            commission_net_sql("p"),
            SOLD_STATES,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._select_sql()
            )
        )
