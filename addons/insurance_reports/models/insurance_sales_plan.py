import calendar
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..report.insurance_register_line import SOLD_STATES

MEASURES = ("premium", "commission", "policy_count")


class InsuranceSalesPlan(models.Model):
    """What a manager or a team is to sell in a month, and how far they are."""

    _name = "insurance.sales.plan"
    _description = "Sales Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "month desc, user_id, team_id"

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one("res.users", string="Manager", index=True, tracking=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", index=True, tracking=True)
    month = fields.Date(
        required=True,
        index=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Any day of the month; stored as its first day.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    # ------------------------------------------------------------
    # Targets
    # ------------------------------------------------------------
    premium_target = fields.Monetary(string="Premium Plan", tracking=True)
    commission_target = fields.Monetary(string="Commission Plan", tracking=True)
    policy_count_target = fields.Integer(string="Policies Plan", tracking=True)

    # ------------------------------------------------------------
    # Fact, progress and forecast (computed live)
    # ------------------------------------------------------------
    premium_fact = fields.Monetary(string="Premium Sold", compute="_compute_figures")
    commission_fact = fields.Monetary(string="Commission Earned", compute="_compute_figures")
    policy_count_fact = fields.Integer(string="Policies Sold", compute="_compute_figures")
    premium_percent = fields.Float(string="Premium Done (%)", compute="_compute_figures")
    commission_percent = fields.Float(string="Commission Done (%)", compute="_compute_figures")
    policy_count_percent = fields.Float(string="Policies Done (%)", compute="_compute_figures")
    weighted_pipeline = fields.Monetary(
        compute="_compute_figures",
        help="Probability × expected commission of the open deals expected to close "
        "in the rest of the month.",
    )
    commission_forecast = fields.Monetary(
        compute="_compute_figures",
        help="Commission earned so far, projected to the end of the month at the "
        "current daily rate, plus the weighted pipeline.",
    )
    premium_forecast = fields.Monetary(compute="_compute_figures")
    policy_count_forecast = fields.Float(string="Policies Forecast", compute="_compute_figures")
    commission_forecast_percent = fields.Float(string="Forecast (%)", compute="_compute_figures")
    is_behind = fields.Boolean(
        string="Behind Plan",
        compute="_compute_figures",
        help="Commission earned is more than 10% below the share of the plan due by today.",
    )

    _sql_constraints = [
        (
            "user_month_uniq",
            "unique(user_id, month, company_id)",
            "This manager already has a plan for this month.",
        ),
        (
            "team_month_uniq",
            "unique(team_id, month, company_id)",
            "This team already has a plan for this month.",
        ),
    ]

    @api.depends("user_id", "team_id", "month")
    def _compute_name(self):
        for plan in self:
            who = plan.user_id.name or plan.team_id.name or ""
            plan.name = "%s, %s" % (who, plan.month.strftime("%m.%Y")) if plan.month else who

    @api.depends_context("tz")
    @api.depends(
        "user_id", "team_id", "month", "premium_target", "commission_target", "policy_count_target"
    )
    def _compute_figures(self):
        figures = self._get_plan_figures()
        for plan in self:
            values = figures.get(plan.id) or figures.get(plan)
            for fname, value in values.items():
                plan[fname] = value

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    @api.constrains("user_id", "team_id", "month")
    def _check_user_or_team(self):
        for plan in self:
            if bool(plan.user_id) == bool(plan.team_id):
                raise ValidationError(
                    _("A plan is set either for a manager or for a team: choose one of them.")
                )

    @api.constrains("premium_target", "commission_target", "policy_count_target")
    def _check_targets(self):
        for plan in self:
            if min(plan.premium_target, plan.commission_target, plan.policy_count_target) < 0:
                raise ValidationError(_("Plan figures cannot be negative."))

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model
    def _first_of_month(self, value):
        value = fields.Date.to_date(value)
        return value.replace(day=1) if value else value

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("month"):
                vals["month"] = self._first_of_month(vals["month"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("month"):
            vals["month"] = self._first_of_month(vals["month"])
        return super().write(vals)

    # ------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------

    def _plan_user_ids(self):
        """Whose sales count: the manager, or the members of the team."""
        self.ensure_one()
        if self.user_id:
            return self.user_id.ids
        return self.team_id.sudo().member_ids.ids

    def _get_plan_figures(self, today=None):
        """{plan: {field: value}} for fact, % done and forecast as of ``today``:
        two queries per month and company, whatever the number of plans."""
        today = today or fields.Date.context_today(self)
        result = {}
        batches = defaultdict(list)
        for plan in self:
            if plan.month:
                batches[(plan.month.replace(day=1), plan.company_id)].append(plan)
            else:
                result[plan.id or plan] = dict.fromkeys(self._figure_fields(), 0)
        for (month_start, company), plans in batches.items():
            month_end = month_start + relativedelta(months=1, days=-1)
            members = {plan: plan._plan_user_ids() for plan in plans}
            user_ids = sorted({uid for ids in members.values() for uid in ids})
            facts = self._sum_facts(month_start, month_end, user_ids, company, group_by_user=True)
            pipelines = {}
            if today <= month_end:
                pipelines = self._weighted_pipeline(
                    max(today, month_start), month_end, user_ids, company, group_by_user=True
                )
            for plan in plans:
                fact = self._add_up(facts, members[plan])
                pipeline = self._add_up(pipelines, members[plan])
                result[plan.id or plan] = plan._figures(fact, pipeline, month_start, today)
        return result

    @api.model
    def _add_up(self, by_user, user_ids):
        return {m: sum(by_user.get(uid, {}).get(m, 0.0) for uid in user_ids) for m in MEASURES}

    def _figures(self, fact, pipeline, month_start, today):
        self.ensure_one()
        forecast = {
            m: self._run_rate_projection(fact[m], month_start, today) + pipeline[m]
            for m in MEASURES
        }
        return {
            "premium_fact": fact["premium"],
            "commission_fact": fact["commission"],
            "policy_count_fact": int(fact["policy_count"]),
            "premium_percent": self._percent(fact["premium"], self.premium_target),
            "commission_percent": self._percent(fact["commission"], self.commission_target),
            "policy_count_percent": self._percent(fact["policy_count"], self.policy_count_target),
            "weighted_pipeline": pipeline["commission"],
            "commission_forecast": forecast["commission"],
            "premium_forecast": forecast["premium"],
            "policy_count_forecast": forecast["policy_count"],
            "commission_forecast_percent": self._percent(
                forecast["commission"], self.commission_target
            ),
            "is_behind": self._is_behind(
                fact["commission"], self.commission_target, month_start, today
            ),
        }

    @api.model
    def _figure_fields(self):
        return [
            "premium_fact", "commission_fact", "policy_count_fact", "premium_percent",
            "commission_percent", "policy_count_percent", "weighted_pipeline",
            "commission_forecast", "premium_forecast", "policy_count_forecast",
            "commission_forecast_percent", "is_behind",
        ]  # fmt: skip

    @api.model
    def _percent(self, fact, target):
        return round(100.0 * fact / target, 1) if target else 0.0

    @api.model
    def _month_progress(self, month_start, today):
        """(days elapsed including today, days in the month)."""
        days_in_month = calendar.monthrange(month_start.year, month_start.month)[1]
        if today < month_start:
            return 0, days_in_month
        elapsed = min((today - month_start).days + 1, days_in_month)
        return elapsed, days_in_month

    @api.model
    def _run_rate_projection(self, fact, month_start, today):
        """What the month ends at if the rest of it sells like its elapsed days."""
        elapsed, days_in_month = self._month_progress(month_start, today)
        if not elapsed:
            return 0.0
        return fact / elapsed * days_in_month

    @api.model
    def _is_behind(self, fact, target, month_start, today, tolerance=0.10):
        """More than ``tolerance`` below the share of the plan due by ``today``."""
        elapsed, days_in_month = self._month_progress(month_start, today)
        due = target * elapsed / days_in_month if target else 0.0
        return bool(due) and fact < due * (1 - tolerance)

    @api.model
    def _sale_conditions(self, alias="p"):
        """What counts as a sale of ours: an own policy that came into force
        (the fact of every plan, the plan dynamics report included)."""
        return [
            SQL("%s.origin = 'own'", SQL.identifier(alias)),
            SQL("%s.state IN %s", SQL.identifier(alias), SOLD_STATES),
        ]

    @api.model
    def _sum_facts(self, date_from, date_to, user_ids=None, company=None, group_by_user=False):
        """Sold policies of our own between two dates, credited to their seller:
        {user_id or 'all': {premium, commission, policy_count}}."""
        company = company or self.env.company
        conditions = [
            SQL("p.company_id = %s", company.id),
            *self._sale_conditions("p"),
            SQL("p.date_sale BETWEEN %s AND %s", date_from, date_to),
        ]
        if user_ids is not None:
            if not user_ids:
                return {}
            conditions.append(SQL("p.seller_id IN %s", tuple(user_ids)))
        key = SQL("p.seller_id") if group_by_user else SQL("NULL")
        self.env.cr.execute(
            SQL(
                """
                SELECT %s, SUM(p.premium), SUM(p.commission_amount), COUNT(*)
                  FROM insurance_policy p
                 WHERE %s
              GROUP BY 1
                """,
                key,
                SQL(" AND ").join(conditions),
            )
        )
        return {
            (user_id if group_by_user else "all"): {
                "premium": float(premium or 0),
                "commission": float(commission or 0),
                "policy_count": count,
            }
            for user_id, premium, commission, count in self.env.cr.fetchall()
        }

    @api.model
    def _open_deal_conditions(self, company, user_ids=None):
        """Open opportunities (active, not in a won stage) of the company, of
        the given sellers (the deal's seller, else its salesperson)."""
        conditions = [
            SQL("lead.active"),
            SQL("lead.type = 'opportunity'"),
            SQL("COALESCE(stage.is_won, FALSE) = FALSE"),
            SQL("lead.company_id = %s", company.id),
        ]
        if user_ids is not None:
            conditions.append(
                SQL("COALESCE(lead.seller_id, lead.user_id) IN %s", tuple(user_ids) or (0,))
            )
        return conditions

    @api.model
    def _weighted_pipeline(
        self, date_from, date_to, user_ids=None, company=None, group_by_user=False
    ):
        """Open deals expected to close between two dates, weighted by their
        probability: commission (expected revenue), premium and policies;
        {user_id or 'all': {commission, premium, policy_count}}."""
        company = company or self.env.company
        if date_from > date_to or (user_ids is not None and not user_ids):
            return {}
        conditions = self._open_deal_conditions(company, user_ids)
        conditions.append(SQL("lead.date_deadline BETWEEN %s AND %s", date_from, date_to))
        key = SQL("COALESCE(lead.seller_id, lead.user_id)") if group_by_user else SQL("NULL")
        self.env.cr.execute(
            SQL(
                """
                SELECT %s,
                       SUM(lead.expected_revenue * lead.probability / 100.0),
                       SUM(COALESCE(lead.policy_premium_total, 0) * lead.probability / 100.0),
                       SUM(GREATEST(COALESCE(lead.policy_count, 0), 1) * lead.probability / 100.0)
                  FROM crm_lead lead
             LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
                 WHERE %s
              GROUP BY 1
                """,
                key,
                SQL(" AND ").join(conditions),
            )
        )
        return {
            (user_id if group_by_user else "all"): {
                "commission": float(commission or 0),
                "premium": float(premium or 0),
                "policy_count": float(count or 0),
            }
            for user_id, commission, premium, count in self.env.cr.fetchall()
        }
