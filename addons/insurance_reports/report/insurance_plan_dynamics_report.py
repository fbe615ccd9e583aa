from odoo import fields, models
from odoo.tools import SQL


class InsurancePlanDynamicsReport(models.Model):
    """Plan against fact per manager and month, from the first month the
    manager has a plan or a sale up to the current month (months without
    either show zeros). The fact is what insurance.sales.plan counts as a
    sale (``_sale_conditions``), credited to the seller by sale date."""

    _name = "insurance.plan.dynamics.report"
    _inherit = ["insurance.analytics.mixin"]
    _description = "Plan Dynamics per Manager"
    _auto = False
    _order = "month desc, user_id"
    _rec_name = "user_id"

    _ratio_fields = {
        "commission_percent": ("commission_fact", "commission_target", 100.0),
        "premium_percent": ("premium_fact", "premium_target", 100.0),
        "policy_count_percent": ("policy_count_fact", "policy_count_target", 100.0),
    }

    user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    month = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    commission_target = fields.Monetary(string="Commission Plan", readonly=True)
    commission_fact = fields.Monetary(string="Commission Earned", readonly=True)
    commission_percent = fields.Float(string="Commission Done (%)", readonly=True, aggregator="avg")
    premium_target = fields.Monetary(string="Premium Plan", readonly=True)
    premium_fact = fields.Monetary(string="Premium Sold", readonly=True)
    premium_percent = fields.Float(string="Premium Done (%)", readonly=True, aggregator="avg")
    policy_count_target = fields.Integer(string="Policies Plan", readonly=True)
    policy_count_fact = fields.Integer(string="Policies Sold", readonly=True)
    policy_count_percent = fields.Float(string="Policies Done (%)", readonly=True, aggregator="avg")

    def _query(self):
        Plan = self.env["insurance.sales.plan"]
        return SQL(
            """
            WITH facts AS (
                SELECT p.seller_id AS user_id, p.company_id,
                       date_trunc('month', p.date_sale)::date AS month,
                       SUM(COALESCE(p.premium, 0)) AS premium,
                       SUM(COALESCE(p.commission_amount, 0)) AS commission,
                       COUNT(*) AS policy_count
                  FROM insurance_policy p
                 WHERE %(sold)s AND p.seller_id IS NOT NULL AND p.date_sale IS NOT NULL
              GROUP BY 1, 2, 3
            ), plans AS (
                SELECT user_id, company_id, month, premium_target, commission_target,
                       policy_count_target
                  FROM insurance_sales_plan
                 WHERE user_id IS NOT NULL
            ), spans AS (
                SELECT user_id, company_id, MIN(month) AS first_month, MAX(month) AS last_month
                  FROM (SELECT user_id, company_id, month FROM facts
                        UNION ALL SELECT user_id, company_id, month FROM plans) AS months
              GROUP BY 1, 2
            ), grid AS (
                SELECT spans.user_id, spans.company_id, series.month::date AS month
                  FROM spans
            CROSS JOIN LATERAL generate_series(
                           spans.first_month,
                           GREATEST(spans.last_month, date_trunc('month', CURRENT_DATE)::date),
                           interval '1 month') AS series(month)
            )
            SELECT row_number() OVER (ORDER BY grid.user_id, grid.company_id, grid.month) AS id,
                   grid.user_id, grid.month, grid.company_id,
                   COALESCE(plans.commission_target, 0) AS commission_target,
                   COALESCE(facts.commission, 0) AS commission_fact,
                   CASE WHEN COALESCE(plans.commission_target, 0) > 0
                        THEN round(100.0 * COALESCE(facts.commission, 0)
                                   / plans.commission_target, 1)
                        ELSE 0 END AS commission_percent,
                   COALESCE(plans.premium_target, 0) AS premium_target,
                   COALESCE(facts.premium, 0) AS premium_fact,
                   CASE WHEN COALESCE(plans.premium_target, 0) > 0
                        THEN round(100.0 * COALESCE(facts.premium, 0) / plans.premium_target, 1)
                        ELSE 0 END AS premium_percent,
                   COALESCE(plans.policy_count_target, 0) AS policy_count_target,
                   COALESCE(facts.policy_count, 0) AS policy_count_fact,
                   CASE WHEN COALESCE(plans.policy_count_target, 0) > 0
                        THEN round(100.0 * COALESCE(facts.policy_count, 0)
                                   / plans.policy_count_target, 1)
                        ELSE 0 END AS policy_count_percent
              FROM grid
         LEFT JOIN facts USING (user_id, company_id, month)
         LEFT JOIN plans USING (user_id, company_id, month)
            """,
            sold=SQL(" AND ").join(Plan._sale_conditions("p")),
        )

    def init(self):
        # the plans' table belongs to this module too and may not exist yet
        # when this view is created first (report/ is loaded before models/)
        self.env["insurance.sales.plan"]._auto_init()
        self._create_view()
