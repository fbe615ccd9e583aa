from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..report.insurance_register_line import SOLD_STATES

DEVIATION = 0.10  # what the head of sales calls "behind": more than 10%
TREND_MONTHS = 12
PIPELINE_MONTHS = 6
CONVERSION_DAYS = 90
MIN_DEALS_FOR_CONVERSION = 5
NPS_DAYS = 90
LOSS_RATIO_MONTHS = 12


class InsuranceKpiDashboard(models.AbstractModel):
    """The head of sales' dashboard: every figure comes from SQL aggregates
    over policies and deals, in one call."""

    _name = "insurance.kpi.dashboard"
    _description = "Head of Sales KPI Dashboard"

    def init(self):
        # Covering indexes: the dashboard reads sold policies by company and
        # sale date, and open deals by expected closing date.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS insurance_policy_kpi_sale_idx
                ON insurance_policy (company_id, date_sale)
                INCLUDE (seller_id, product_id, premium, commission_amount)
             WHERE origin = 'own' AND state IN ('active', 'expired', 'renewed')
            """
        )
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS crm_lead_kpi_deadline_idx
                ON crm_lead (company_id, date_deadline)
             WHERE active AND type = 'opportunity'
            """
        )

    # ------------------------------------------------------------
    # Scope
    # ------------------------------------------------------------

    @api.model
    def _sees_everyone(self):
        user = self.env.user
        return user.has_group("insurance_broker.group_broker_head") or user.has_group(
            "insurance_broker.group_broker_accountant"
        )

    @api.model
    def _scope_user_ids(self):
        """None for everyone; a manager sees only their own figures."""
        return None if self._sees_everyone() else [self.env.uid]

    @api.model
    def _periods(self, today):
        """Month to date, the same days of the previous month and of the same
        month last year."""
        cur_from = today.replace(day=1)
        length = today - cur_from
        prev_from = cur_from - relativedelta(months=1)
        prev_to = min(prev_from + length, cur_from - relativedelta(days=1))
        ly_from = cur_from - relativedelta(years=1)
        ly_to = min(ly_from + length, ly_from + relativedelta(months=1, days=-1))
        return {"cur": (cur_from, today), "prev": (prev_from, prev_to), "ly": (ly_from, ly_to)}

    # ------------------------------------------------------------
    # The RPC
    # ------------------------------------------------------------

    @api.model
    def get_dashboard_data(self, date=None):
        today = fields.Date.to_date(date) if date else fields.Date.context_today(self)
        user_ids = self._scope_user_ids()
        company = self.env.company
        periods = self._periods(today)
        buckets = self._sales_by_period(periods, company, user_ids)
        plans = self._plans_of_month(periods["cur"][0], company, user_ids)
        month_end = periods["cur"][0] + relativedelta(months=1, days=-1)
        Plan = self.env["insurance.sales.plan"]
        pipeline_rest = self._pipeline_by_user(today, month_end, company, user_ids)
        totals = self._totals(buckets, plans, pipeline_rest, periods, today)
        managers = self._managers(buckets, plans, pipeline_rest, periods, today, company, user_ids)
        products = self._products(buckets)
        segments = self._segments(products)
        return {
            "today": fields.Date.to_string(today),
            "scope": "all" if user_ids is None else "own",
            "currency": company.currency_id.symbol,
            "periods": {k: [fields.Date.to_string(d) for d in v] for k, v in periods.items()},
            "month_progress": Plan._month_progress(periods["cur"][0], today),
            "totals": totals,
            "managers": managers,
            "products": products,
            "segments": segments,
            "trend": self._trend(periods["cur"][0], today, company, user_ids),
            "pipeline": self._pipeline_by_month(today, company, user_ids),
            "hot_spots": self._hot_spots(products, segments, managers),
            "control": self._control(today, company, user_ids),
        }

    # ------------------------------------------------------------
    # Aggregates
    # ------------------------------------------------------------

    @api.model
    def _policy_conditions(self, company, user_ids, alias="p"):
        conditions = [
            SQL("%s.company_id = %s", SQL.identifier(alias), company.id),
            SQL("%s.origin = 'own'", SQL.identifier(alias)),
            SQL("%s.state IN %s", SQL.identifier(alias), SOLD_STATES),
        ]
        if user_ids is not None:
            conditions.append(SQL("%s.seller_id IN %s", SQL.identifier(alias), tuple(user_ids)))
        return conditions

    @api.model
    def _sales_by_period(self, periods, company, user_ids):
        """[(period, seller_id, product_id, premium, commission, count)]"""
        (cf, ct), (pf, pt), (lf, lt) = periods["cur"], periods["prev"], periods["ly"]
        conditions = self._policy_conditions(company, user_ids)
        conditions.append(
            SQL(
                "(p.date_sale BETWEEN %s AND %s OR p.date_sale BETWEEN %s AND %s "
                "OR p.date_sale BETWEEN %s AND %s)",
                cf, ct, pf, pt, lf, lt,
            )
        )  # fmt: skip
        self.env.cr.execute(
            SQL(
                """
                SELECT CASE WHEN p.date_sale >= %s THEN 'cur'
                            WHEN p.date_sale >= %s THEN 'prev'
                            ELSE 'ly' END,
                       p.seller_id, p.product_id,
                       SUM(p.premium), SUM(p.commission_amount), COUNT(*)
                  FROM insurance_policy p
                 WHERE %s
              GROUP BY 1, 2, 3
                """,
                cf,
                pf,
                SQL(" AND ").join(conditions),
            )
        )
        return [
            (period, seller, product, float(premium or 0), float(commission or 0), count)
            for period, seller, product, premium, commission, count in self.env.cr.fetchall()
        ]

    @api.model
    def _plans_of_month(self, month_start, company, user_ids):
        domain = [
            ("month", "=", month_start),
            ("company_id", "=", company.id),
            ("user_id", "!=", False),
        ]
        if user_ids is not None:
            domain.append(("user_id", "in", user_ids))
        rows = (
            self.env["insurance.sales.plan"]
            .sudo()
            .search_read(
                domain, ["user_id", "premium_target", "commission_target", "policy_count_target"]
            )
        )
        return {
            row["user_id"][0]: {
                "premium": row["premium_target"],
                "commission": row["commission_target"],
                "policy_count": row["policy_count_target"],
            }
            for row in rows
        }

    @api.model
    def _pipeline_by_user(self, date_from, date_to, company, user_ids):
        """{user_id: {commission, premium, policy_count}} of the open deals
        expected to close between the dates, weighted by probability."""
        return self.env["insurance.sales.plan"]._weighted_pipeline(
            date_from, date_to, user_ids, company, group_by_user=True
        )

    @api.model
    def _pipeline_by_month(self, today, company, user_ids):
        """Weighted pipeline by expected closing month, this month and the next."""
        start = today.replace(day=1)
        end = start + relativedelta(months=PIPELINE_MONTHS, days=-1)
        conditions = self.env["insurance.sales.plan"]._open_deal_conditions(company, user_ids)
        conditions.append(SQL("lead.date_deadline BETWEEN %s AND %s", start, end))
        self.env.cr.execute(
            SQL(
                """
                SELECT date_trunc('month', lead.date_deadline)::date,
                       SUM(lead.expected_revenue * lead.probability / 100.0),
                       SUM(lead.expected_revenue), COUNT(*)
                  FROM crm_lead lead
             LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
                 WHERE %s
              GROUP BY 1
                """,
                SQL(" AND ").join(conditions),
            )
        )
        by_month = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        result = []
        for i in range(PIPELINE_MONTHS):
            month = start + relativedelta(months=i)
            weighted, expected, count = by_month.get(month, (0, 0, 0))
            result.append(
                {
                    "month": month.strftime("%m.%Y"),
                    "weighted": round(float(weighted or 0), 2),
                    "expected": round(float(expected or 0), 2),
                    "deals": count,
                }
            )
        return result

    @api.model
    def _trend(self, month_start, today, company, user_ids):
        """Fact of the last twelve months against the plans of those months."""
        start = month_start - relativedelta(months=TREND_MONTHS - 1)
        conditions = self._policy_conditions(company, user_ids)
        conditions.append(SQL("p.date_sale BETWEEN %s AND %s", start, today))
        self.env.cr.execute(
            SQL(
                """
                SELECT date_trunc('month', p.date_sale)::date,
                       SUM(p.premium), SUM(p.commission_amount), COUNT(*)
                  FROM insurance_policy p
                 WHERE %s
              GROUP BY 1
                """,
                SQL(" AND ").join(conditions),
            )
        )
        facts = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        plan_conditions = [
            SQL("company_id = %s", company.id),
            SQL("month BETWEEN %s AND %s", start, month_start),
            SQL("user_id IS NOT NULL"),
        ]
        if user_ids is not None:
            plan_conditions.append(SQL("user_id IN %s", tuple(user_ids)))
        self.env.cr.execute(
            SQL(
                """
                SELECT month, SUM(commission_target), SUM(policy_count_target)
                  FROM insurance_sales_plan WHERE %s GROUP BY 1
                """,
                SQL(" AND ").join(plan_conditions),
            )
        )
        plans = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        result = []
        for i in range(TREND_MONTHS):
            month = start + relativedelta(months=i)
            premium, commission, count = facts.get(month, (0, 0, 0))
            plan_commission, plan_count = plans.get(month, (0, 0))
            result.append(
                {
                    "month": month.strftime("%m.%Y"),
                    "premium": round(float(premium or 0), 2),
                    "commission": round(float(commission or 0), 2),
                    "policy_count": count,
                    "plan_commission": round(float(plan_commission or 0), 2),
                    "plan_policy_count": plan_count or 0,
                }
            )
        return result

    @api.model
    def _conversion_by_user(self, today, company, user_ids):
        """Deals created in the last 90 days and how many of them are won."""
        conditions = [
            SQL("lead.company_id = %s", company.id),
            SQL("lead.type = 'opportunity'"),
            SQL("lead.create_date >= %s", today - relativedelta(days=CONVERSION_DAYS)),
        ]
        if user_ids is not None:
            conditions.append(SQL("COALESCE(lead.seller_id, lead.user_id) IN %s", tuple(user_ids)))
        self.env.cr.execute(
            SQL(
                """
                SELECT COALESCE(lead.seller_id, lead.user_id),
                       COUNT(*), COUNT(*) FILTER (WHERE stage.is_won AND lead.active)
                  FROM crm_lead lead
             LEFT JOIN crm_stage stage ON stage.id = lead.stage_id
                 WHERE %s
              GROUP BY 1
                """,
                SQL(" AND ").join(conditions),
            )
        )
        return {user_id: (deals, won) for user_id, deals, won in self.env.cr.fetchall()}

    # ------------------------------------------------------------
    # Shaping
    # ------------------------------------------------------------

    @api.model
    def _change(self, current, previous):
        """Relative change in %, None when there is nothing to compare with."""
        if not previous:
            return None
        return round(100.0 * (current - previous) / previous, 1)

    @api.model
    def _is_deviation(self, change):
        return change is not None and abs(change) > DEVIATION * 100

    @api.model
    def _sum(self, buckets, period, key=None):
        sums = defaultdict(lambda: {"premium": 0.0, "commission": 0.0, "policy_count": 0})
        for bucket, seller, product, premium, commission, count in buckets:
            if bucket != period:
                continue
            k = {"seller": seller, "product": product, None: "all"}[key]
            sums[k]["premium"] += premium
            sums[k]["commission"] += commission
            sums[k]["policy_count"] += count
        return sums

    @api.model
    def _fact_vs_plan(self, fact, plan, pipeline, month_start, today):
        Plan = self.env["insurance.sales.plan"]
        result = {}
        for measure in ("premium", "commission", "policy_count"):
            target = plan.get(measure, 0) if plan else 0
            forecast = Plan._run_rate_projection(fact[measure], month_start, today) + (
                pipeline.get(measure, 0.0) if pipeline else 0.0
            )
            elapsed, days = Plan._month_progress(month_start, today)
            due = target * elapsed / days if target else 0.0
            result[measure] = {
                "fact": round(fact[measure], 2),
                "plan": round(target, 2),
                "percent": Plan._percent(fact[measure], target),
                "forecast": round(forecast, 2),
                "forecast_percent": Plan._percent(forecast, target),
                "deviation": self._change(fact[measure], due),
            }
            result[measure]["alert"] = bool(due) and fact[measure] < due * (1 - DEVIATION)
        return result

    @api.model
    def _totals(self, buckets, plans, pipeline_rest, periods, today):
        month_start = periods["cur"][0]
        cur = self._sum(buckets, "cur")["all"]
        prev = self._sum(buckets, "prev")["all"]
        ly = self._sum(buckets, "ly")["all"]
        plan = {m: sum(p[m] for p in plans.values()) for m in ("premium", "commission",
                                                               "policy_count")}  # fmt: skip
        pipeline = {
            m: sum(p[m] for p in pipeline_rest.values())
            for m in ("premium", "commission", "policy_count")
        }
        totals = self._fact_vs_plan(cur, plan, pipeline, month_start, today)
        for measure, values in totals.items():
            values["previous"] = round(prev[measure], 2)
            values["last_year"] = round(ly[measure], 2)
            values["vs_previous"] = self._change(cur[measure], prev[measure])
            values["vs_last_year"] = self._change(cur[measure], ly[measure])
            values["vs_previous_alert"] = self._is_deviation(values["vs_previous"])
            values["vs_last_year_alert"] = self._is_deviation(values["vs_last_year"])
        totals["weighted_pipeline"] = round(pipeline["commission"], 2)
        return totals

    @api.model
    def _managers(self, buckets, plans, pipeline_rest, periods, today, company, user_ids):
        month_start = periods["cur"][0]
        cur = self._sum(buckets, "cur", "seller")
        prev = self._sum(buckets, "prev", "seller")
        conversion = self._conversion_by_user(today, company, user_ids)
        ids = {uid for uid in set(cur) | set(plans) | set(prev) if uid}
        users = self.env["res.users"].sudo().browse(ids)
        empty = {"premium": 0.0, "commission": 0.0, "policy_count": 0}
        result = []
        for user in users.sorted("name"):
            figures = self._fact_vs_plan(
                cur.get(user.id, empty),
                plans.get(user.id),
                pipeline_rest.get(user.id),
                month_start,
                today,
            )
            deals, won = conversion.get(user.id, (0, 0))
            result.append(
                {
                    "id": user.id,
                    "name": user.name,
                    "commission": figures["commission"],
                    "policy_count": figures["policy_count"],
                    "premium": figures["premium"],
                    "vs_previous": self._change(
                        cur.get(user.id, empty)["commission"],
                        prev.get(user.id, empty)["commission"],
                    ),
                    "deals": deals,
                    "won": won,
                    "conversion": round(100.0 * won / deals, 1) if deals else None,
                    "alert": figures["commission"]["alert"] or figures["policy_count"]["alert"],
                }
            )
        return result

    @api.model
    def _products(self, buckets):
        cur = self._sum(buckets, "cur", "product")
        prev = self._sum(buckets, "prev", "product")
        ly = self._sum(buckets, "ly", "product")
        products = (
            self.env["insurance.product"]
            .sudo()
            .browse({pid for pid in set(cur) | set(prev) | set(ly) if pid})
        )
        empty = {"premium": 0.0, "commission": 0.0, "policy_count": 0}
        result = []
        for product in products.sorted(lambda p: (p.sequence, p.name)):
            c, p, y = (s.get(product.id, empty) for s in (cur, prev, ly))
            change = self._change(c["commission"], p["commission"])
            result.append(
                {
                    "id": product.id,
                    "name": product.name,
                    "line_of_business": product.line_of_business,
                    "commission": round(c["commission"], 2),
                    "policy_count": c["policy_count"],
                    "previous": round(p["commission"], 2),
                    "last_year": round(y["commission"], 2),
                    "vs_previous": change,
                    "vs_last_year": self._change(c["commission"], y["commission"]),
                    "falling": change is not None and change < -DEVIATION * 100,
                }
            )
        return result

    @api.model
    def _segments(self, products):
        labels = dict(
            self.env["insurance.product"]
            ._fields["line_of_business"]
            ._description_selection(self.env)
        )
        sums = defaultdict(lambda: [0.0, 0.0, 0.0])
        for product in products:
            entry = sums[product["line_of_business"]]
            entry[0] += product["commission"]
            entry[1] += product["previous"]
            entry[2] += product["last_year"]
        result = []
        for code, (cur, prev, ly) in sorted(sums.items()):
            change = self._change(cur, prev)
            result.append(
                {
                    "code": code,
                    "name": labels.get(code, code),
                    "commission": round(cur, 2),
                    "previous": round(prev, 2),
                    "last_year": round(ly, 2),
                    "vs_previous": change,
                    "falling": change is not None and change < -DEVIATION * 100,
                }
            )
        return result

    @api.model
    def _hot_spots(self, products, segments, managers):
        """Falling products and segments; managers whose conversion is more than
        10% below the team's (among those with enough deals to judge)."""
        judged = [m for m in managers if m["deals"] >= MIN_DEALS_FOR_CONVERSION]
        deals = sum(m["deals"] for m in judged)
        team_conversion = 100.0 * sum(m["won"] for m in judged) / deals if deals else None
        low = [
            {"id": m["id"], "name": m["name"], "conversion": m["conversion"],
             "team_conversion": round(team_conversion, 1)}
            for m in judged
            if team_conversion is not None
            and m["conversion"] < team_conversion * (1 - DEVIATION)
        ]  # fmt: skip
        return {
            "falling_products": [p for p in products if p["falling"]],
            "falling_segments": [s for s in segments if s["falling"]],
            "low_conversion_managers": low,
        }

    # ------------------------------------------------------------
    # Control: what waits for the head of sales (or the manager) today
    # ------------------------------------------------------------

    @api.model
    def _deal_scope_domain(self, user_ids):
        """The deal's seller, else its salesperson (as the pipeline figures)."""
        if user_ids is None:
            return []
        return [
            "|",
            ("seller_id", "in", user_ids),
            "&",
            ("seller_id", "=", False),
            ("user_id", "in", user_ids),
        ]

    @api.model
    def _control_domains(self, today, company, user_ids):
        """{card: (model, domain)}: the figure of each control card is the count
        (or aggregate) of this domain, and its click opens the same domain.

        Scope of a manager (user_ids = [uid]): discount requests they made,
        complaints about them, their open deals, the clients they sold to;
        «waiting for my decision» is always the current user's own queue."""
        company_domain = [("company_id", "=", company.id)]
        own = user_ids is not None
        pending = [*company_domain, ("state", "=", "pending")]
        approver = [("approver_id", "=", self.env.uid)]
        if self.env.user.has_group("insurance_broker.group_broker_head"):
            # no approver set: any head of sales decides
            approver = ["|", ("approver_id", "=", self.env.uid), ("approver_id", "=", False)]
        open_complaints = [
            *company_domain,
            ("state", "in", self.env["insurance.complaint"]._open_states()),
        ]
        if own:
            open_complaints.append(("user_id", "in", user_ids))
        open_deals = [
            *company_domain,
            ("type", "=", "opportunity"),
            ("stage_id.is_won", "=", False),
            *self._deal_scope_domain(user_ids),
        ]
        nps_from = today - relativedelta(days=NPS_DAYS - 1)
        nps = [*company_domain, ("date", ">=", nps_from), ("date", "<=", today)]
        if own:
            nps.append(("user_id", "in", user_ids))
        loss_from = today - relativedelta(months=LOSS_RATIO_MONTHS)
        return {
            "approvals_to_decide": (
                "insurance.discount.approval",
                [*pending, ("requested_by_id", "!=", self.env.uid), *approver],
            ),
            "approvals_pending": (
                "insurance.discount.approval",
                pending + ([("requested_by_id", "in", user_ids)] if own else []),
            ),
            "complaints_open": ("insurance.complaint", open_complaints),
            "complaints_overdue": (
                "insurance.complaint",
                [*open_complaints, ("date_deadline", "<", today)],
            ),
            "blocked_deals": ("crm.lead", [*open_deals, ("compliance_complete", "=", False)]),
            "nps": ("insurance.nps.response", nps),
            # policies running during the last 12 months, as the toxic-client rule
            "loss_ratio": (
                "insurance.loss.ratio.report",
                [*company_domain, ("date_end", ">=", loss_from)]
                + ([("seller_id", "in", user_ids)] if own else []),
            ),
            "_open_deals": ("crm.lead", open_deals),
        }

    @api.model
    def _control(self, today, company, user_ids):
        """The control cards' figures: a handful of counts and aggregates; a
        card the user may not open (no access to its model) is None."""
        domains = self._control_domains(today, company, user_ids)
        result = {}
        for key in ("approvals_to_decide", "approvals_pending", "complaints_open",
                    "complaints_overdue"):  # fmt: skip
            model, domain = domains[key]
            result[key] = self.env[model].search_count(domain)
        result["blocked_deals"] = self._control_blocked_deals(domains["_open_deals"][1])
        result["toxic_clients"] = len(self._control_toxic_client_ids(company, user_ids))
        result["nps"] = self._control_nps(domains["nps"][1])
        Report = self.env["insurance.loss.ratio.report"]
        result["loss_ratio"] = (
            self._control_loss_ratio(domains["loss_ratio"][1])
            if user_ids is None and Report.has_access("read")
            else None
        )
        return result

    @api.model
    def _control_blocked_deals(self, open_deal_domain):
        """Open deals the compliance checklist keeps from being won: the
        checklist is evaluated once for the whole batch of open deals of the
        scope (not through the field's search, which reads every open deal)."""
        Lead = self.env["crm.lead"]
        leads = Lead.search(open_deal_domain)
        missing = Lead._compliance_missing_by_lead_for(leads)
        return sum(1 for lead in leads if missing.get(lead))

    @api.model
    def _control_toxic_client_ids(self, company, user_ids):
        """Toxic clients we sold a policy to in this company (a manager: the
        clients of the policies they sold)."""
        scope = SQL("")
        if user_ids is not None:
            scope = SQL("AND p.seller_id IN %s", tuple(user_ids))
        # EXISTS per toxic client (a few): index look-ups instead of a join
        # over every policy
        self.env.cr.execute(
            SQL(
                """
                SELECT client.id
                  FROM res_partner client
                 WHERE client.is_toxic
                   AND EXISTS (SELECT 1
                                 FROM res_partner contact
                                 JOIN insurance_policy p ON p.partner_id = contact.id
                                WHERE contact.commercial_partner_id = client.id
                                  AND p.company_id = %s %s)
                """,
                company.id,
                scope,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _control_nps(self, domain):
        """NPS = % promoters − % detractors of the answers, and their number."""
        counts = dict(
            self.env["insurance.nps.response"]._read_group(domain, ["category"], ["__count"])
        )
        answers = sum(counts.values())
        promoters, detractors = counts.get("promoter", 0), counts.get("detractor", 0)
        return {
            "value": round(100.0 * (promoters - detractors) / answers, 1) if answers else None,
            "answers": answers,
            "promoters": promoters,
            "detractors": detractors,
        }

    @api.model
    def _control_loss_ratio(self, domain):
        """Claims paid / earned premium of the loss ratio report (its own
        definition of the earned premium and of a group's ratio)."""
        Report = self.env["insurance.loss.ratio.report"]
        [(paid, earned)] = Report._read_group(domain, [], ["claims_paid:sum", "earned_premium:sum"])
        return {
            "ratio": Report._loss_ratio(paid, earned),
            "claims_paid": round(paid or 0.0, 2),
            "earned_premium": round(earned or 0.0, 2),
        }

    @api.model
    def action_open_control(self, card, date=None):
        """The list behind a control card, filtered as the card counts."""
        today = fields.Date.to_date(date) if date else fields.Date.context_today(self)
        company = self.env.company
        user_ids = self._scope_user_ids()
        domains = self._control_domains(today, company, user_ids)
        xml_ids = {
            "approvals_to_decide": "insurance_broker.insurance_discount_approval_action",
            "approvals_pending": "insurance_broker.insurance_discount_approval_action",
            "complaints_open": "insurance_broker.insurance_complaint_action",
            "complaints_overdue": "insurance_broker.insurance_complaint_action",
            "blocked_deals": "crm.crm_lead_action_pipeline",
            "toxic_clients": "contacts.action_contacts",
            "nps": "insurance_broker.insurance_nps_response_action_analysis",
            "loss_ratio": "insurance_reports.insurance_loss_ratio_report_action",
        }
        if card not in xml_ids:
            raise UserError(_("Unknown control card: %(card)s", card=card))
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_ids[card])
        if card == "toxic_clients":
            domain = [("id", "in", self._control_toxic_client_ids(company, user_ids))]
        else:
            domain = domains[card][1]
        if card in ("blocked_deals", "toxic_clients"):
            # a list first (kanban on a phone: the web client switches itself)
            action["views"] = sorted(action["views"], key=lambda view: view[1] != "list")
        action["domain"] = domain
        # the card's domain is the filter: no default filter of the menu on top
        action["context"] = {"create": False}
        action["target"] = "current"
        return action

    # ------------------------------------------------------------
    # Daily check
    # ------------------------------------------------------------

    @api.model
    def _heads_to_notify(self, company):
        group = self.env.ref("insurance_broker.group_broker_head")
        return group.sudo().users.filtered(
            lambda u: u.active and not u.share and u.id != SUPERUSER_ID and company in u.company_ids
        )

    @api.model
    def _cron_notify_deviations(self, date=None):
        """Once a day: a manager more than 10% behind the share of their plan due
        by today, or a product selling more than 10% less than in the same days
        of the previous month, gives the head of sales an activity."""
        today = fields.Date.to_date(date) if date else fields.Date.context_today(self)
        for company in self.env["res.company"].sudo().search([]):
            heads = self._heads_to_notify(company)
            if not heads:
                continue
            dashboard = (
                self.sudo().with_company(company).with_context(allowed_company_ids=[company.id])
            )
            data = dashboard.get_dashboard_data(date=today)
            month = today.replace(day=1)
            alerts = []
            for manager in data["managers"]:
                commission = manager["commission"]
                if commission["alert"]:
                    elapsed, days = data["month_progress"]
                    due = commission["plan"] * elapsed / days
                    alerts.append(
                        ("manager", manager["id"], False, commission["fact"], due,
                         commission["deviation"])
                    )  # fmt: skip
            for product in data["products"]:
                if product["falling"]:
                    alerts.append(
                        ("product", False, product["id"], product["commission"],
                         product["previous"], product["vs_previous"])
                    )  # fmt: skip
            for kind, user_id, product_id, fact, reference, deviation in alerts:
                alert = self._record_alert(
                    company, month, kind, user_id, product_id, fact, reference, deviation, today
                )
                alert._schedule_head_activity(heads)

    @api.model
    def _record_alert(
        self, company, month, kind, user_id, product_id, fact, reference, deviation, today
    ):
        Alert = self.env["insurance.kpi.alert"].sudo()
        alert = Alert.search(
            [
                ("company_id", "=", company.id),
                ("month", "=", month),
                ("kind", "=", kind),
                ("user_id", "=", user_id),
                ("product_id", "=", product_id),
            ],
            limit=1,
        )
        values = {
            "fact": fact,
            "reference": reference,
            "deviation_percent": deviation or 0.0,
            "date_checked": today,
        }
        if alert:
            alert.write(values)
            return alert
        return Alert.create(
            {
                **values,
                "company_id": company.id,
                "month": month,
                "kind": kind,
                "user_id": user_id,
                "product_id": product_id,
            }
        )
