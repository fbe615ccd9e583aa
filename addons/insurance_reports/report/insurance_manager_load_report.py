from odoo import fields, models
from odoo.tools import SQL


class InsuranceManagerLoadReport(models.Model):
    """How loaded each manager is: open deals and their expected revenue,
    active clients and overdue activities; one row per manager and company."""

    _name = "insurance.manager.load.report"
    _inherit = ["insurance.analytics.mixin"]
    _description = "Manager Load"
    _auto = False
    _order = "open_deal_count desc, user_id"
    _rec_name = "user_id"

    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    open_deal_count = fields.Integer(string="Open Deals", readonly=True)
    open_expected_revenue = fields.Monetary(
        string="Open Deals' Expected Revenue",
        readonly=True,
        help="Expected revenue (our commission) of the open deals.",
    )
    active_client_count = fields.Integer(
        string="Active Clients",
        readonly=True,
        help="Clients with a policy in force the manager sold or issued, or with an open "
        "deal where the manager is responsible, seller or issuer.",
    )
    overdue_activity_count = fields.Integer(
        string="Overdue Activities",
        readonly=True,
        help="Activities assigned to the manager whose deadline has passed.",
    )

    def _query(self):
        Lead = self.env["crm.lead"]
        return SQL(
            """
            WITH deals AS (
                SELECT %(owner)s AS user_id, lead.company_id,
                       COUNT(*) AS open_deal_count,
                       SUM(COALESCE(lead.expected_revenue, 0)) AS open_expected_revenue
                  FROM crm_lead lead
             LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
                 WHERE %(open)s
              GROUP BY 1, 2
            ), client_links AS (
                SELECT person.user_id, policy.company_id, policy.partner_id
                  FROM insurance_policy policy
            CROSS JOIN LATERAL (VALUES (policy.seller_id), (policy.issuer_id)) AS person(user_id)
                 WHERE policy.state = 'active' AND policy.date_end >= CURRENT_DATE
                 UNION
                SELECT person.user_id, lead.company_id, lead.partner_id
                  FROM crm_lead lead
             LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
            CROSS JOIN LATERAL (VALUES (lead.user_id), (lead.seller_id), (lead.issuer_id))
                       AS person(user_id)
                 WHERE %(open)s AND lead.partner_id IS NOT NULL
            ), clients AS (
                SELECT user_id, company_id, COUNT(DISTINCT partner_id) AS active_client_count
                  FROM client_links
                 WHERE user_id IS NOT NULL
              GROUP BY 1, 2
            ), activities AS (
                SELECT act.user_id, usr.company_id, COUNT(*) AS overdue_activity_count
                  FROM mail_activity act
                  JOIN res_users usr ON usr.id = act.user_id
                 WHERE act.date_deadline < CURRENT_DATE AND act.active
              GROUP BY 1, 2
            ), keys AS (
                SELECT user_id, company_id FROM deals
                 UNION SELECT user_id, company_id FROM clients
                 UNION SELECT user_id, company_id FROM activities
            )
            SELECT row_number() OVER (ORDER BY keys.user_id, keys.company_id) AS id,
                   keys.user_id,
                   keys.company_id,
                   COALESCE(deals.open_deal_count, 0) AS open_deal_count,
                   COALESCE(deals.open_expected_revenue, 0) AS open_expected_revenue,
                   COALESCE(clients.active_client_count, 0) AS active_client_count,
                   COALESCE(activities.overdue_activity_count, 0) AS overdue_activity_count
              FROM keys
              JOIN res_users usr ON usr.id = keys.user_id AND NOT usr.share
         LEFT JOIN deals
                ON deals.user_id = keys.user_id AND deals.company_id = keys.company_id
         LEFT JOIN clients
                ON clients.user_id = keys.user_id AND clients.company_id = keys.company_id
         LEFT JOIN activities
                ON activities.user_id = keys.user_id AND activities.company_id = keys.company_id
             WHERE keys.user_id IS NOT NULL AND keys.company_id IS NOT NULL
            """,
            owner=Lead._owner_sql("lead"),
            open=Lead._open_sql("lead", "stage"),
        )

    def init(self):
        self._create_view()
