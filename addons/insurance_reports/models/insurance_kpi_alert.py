from odoo import _, api, fields, models


class InsuranceKpiAlert(models.Model):
    """A manager or a product more than 10% behind in a month: the daily check
    records it once and gives the head of sales an activity to look into it."""

    _name = "insurance.kpi.alert"
    _description = "KPI Deviation Alert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "month desc, deviation_percent"

    name = fields.Char(compute="_compute_name", store=True)
    month = fields.Date(required=True, index=True)
    kind = fields.Selection(
        [("manager", "Manager behind plan"), ("product", "Product sales falling")],
        required=True,
    )
    user_id = fields.Many2one("res.users", string="Manager", index=True)
    product_id = fields.Many2one("insurance.product", index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    fact = fields.Monetary(string="Commission Earned")
    reference = fields.Monetary(
        help="The share of the plan due by the check date (manager), or the commission "
        "of the same days of the previous month (product).",
    )
    deviation_percent = fields.Float(string="Deviation (%)", digits=(5, 1))
    date_checked = fields.Date(string="Last Checked")

    _sql_constraints = [
        (
            "subject_month_uniq",
            "unique(month, kind, user_id, product_id, company_id)",
            "One alert per manager or product and month.",
        )
    ]

    @api.depends("kind", "user_id", "product_id", "month")
    def _compute_name(self):
        for alert in self:
            subject = alert.user_id.name if alert.kind == "manager" else alert.product_id.name
            month = alert.month.strftime("%m.%Y") if alert.month else ""
            alert.name = "%s, %s" % (subject or "", month)

    def _activity_summary(self):
        self.ensure_one()
        if self.kind == "manager":
            return _(
                "%(manager)s is %(percent)s%% behind the plan",
                manager=self.user_id.name,
                percent=abs(round(self.deviation_percent)),
            )
        return _(
            "Sales of %(product)s fell by %(percent)s%%",
            product=self.product_id.name,
            percent=abs(round(self.deviation_percent)),
        )

    def _schedule_head_activity(self, heads):
        """One open activity per head and alert: a daily check must not pile up
        the same to-do."""
        for alert in self:
            waiting = alert.activity_ids.user_id
            for head in heads - waiting:
                alert.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=alert.with_context(lang=head.lang)._activity_summary(),
                    user_id=head.id,
                )
