from odoo import api, fields, models, tools
from odoo.tools import SQL

from .insurance_loss_ratio_mixin import earned_premium_sql
from .insurance_register_line import SOLD_STATES, commission_net_sql


class InsuranceClientLtv(models.Model):
    """A client's lifetime value: our commission (after the discounts the client
    was given out of it) on the policies we sold them in
    the last N years of the company's setting (a sale as in the register: in
    force, expired or renewed, sold by us), with their losses and tenure."""

    _name = "insurance.client.ltv"
    _inherit = ["insurance.loss.ratio.mixin"]
    _description = "Client Lifetime Value"
    _auto = False
    _order = "ltv desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    industry_id = fields.Many2one("res.partner.industry", readonly=True)
    company_size = fields.Selection(
        selection=lambda self: self.env["res.partner"]._fields["company_size"].selection,
        readonly=True,
    )
    is_toxic = fields.Boolean(string="Toxic", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    ltv = fields.Monetary(
        string="LTV",
        currency_field="currency_id",
        readonly=True,
        help="Our commission after the discounts given to the client, on the policies "
        "sold to them in the LTV period.",
    )
    policy_count = fields.Integer(string="Policies", readonly=True, help="Sold in the LTV period.")
    first_sale_date = fields.Date(string="Client Since", readonly=True)
    years_with_us = fields.Float(
        string="Years with Us", readonly=True, aggregator="max", digits=(16, 1)
    )
    earned_premium = fields.Monetary(currency_field="currency_id", readonly=True)
    claims_paid = fields.Monetary(currency_field="currency_id", readonly=True)
    loss_ratio = fields.Float(
        string="Loss Ratio (%)", readonly=True, aggregator="avg", digits=(16, 2)
    )

    def _select_sql(self):
        in_window = SQL(
            "p.date_sale >= (CURRENT_DATE - make_interval(years => company.ltv_years))::date"
        )
        return SQL(
            """
            SELECT MIN(p.id) AS id,
                   p.partner_id AS partner_id,
                   client.industry_id AS industry_id,
                   client.company_size AS company_size,
                   COALESCE(client.is_toxic, FALSE) AS is_toxic,
                   p.company_id AS company_id,
                   company.currency_id AS currency_id,
                   SUM(%(net)s) FILTER (WHERE %(in_window)s) AS ltv,
                   COUNT(*) FILTER (WHERE %(in_window)s) AS policy_count,
                   MIN(p.date_sale) AS first_sale_date,
                   ROUND((CURRENT_DATE - MIN(p.date_sale))::numeric / 365.25, 1) AS years_with_us,
                   SUM(%(earned)s) AS earned_premium,
                   SUM(COALESCE(c.paid, 0)) AS claims_paid,
                   CASE WHEN SUM(%(earned)s) > 0
                        THEN ROUND(100 * SUM(COALESCE(c.paid, 0)) / SUM(%(earned)s), 2)
                        ELSE 0 END AS loss_ratio
              FROM insurance_policy p
              JOIN res_company company ON company.id = p.company_id
              JOIN res_partner client ON client.id = p.partner_id
         LEFT JOIN (SELECT policy_id, SUM(COALESCE(amount_paid, 0)) AS paid
                      FROM insurance_claim
                  GROUP BY policy_id) c ON c.policy_id = p.id
             WHERE p.origin = 'own' AND p.state IN %(states)s
          GROUP BY p.partner_id, client.industry_id, client.company_size, client.is_toxic,
                   p.company_id, company.currency_id
            HAVING COUNT(*) FILTER (WHERE %(in_window)s) > 0
            """,
            in_window=in_window,
            net=commission_net_sql("p"),
            earned=earned_premium_sql("p"),
            states=SOLD_STATES,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._select_sql()
            )
        )

    @api.model
    def _ltv_by_partner(self, partners):
        """{client id: LTV} for ``partners``, all companies summed, in one query."""
        self.env.flush_all()
        groups = self._read_group([("partner_id", "in", partners.ids)], ["partner_id"], ["ltv:sum"])
        return {partner.id: ltv for partner, ltv in groups}
