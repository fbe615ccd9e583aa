from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..report.insurance_register_line import SOLD_STATES
from ..report.xlsx_book import XlsxBook

LINE_KINDS = ("seller_share", "issuer_share", "issue_fee", "plan_bonus")


class InsurancePayStatement(models.Model):
    """An employee's pay for a month, computed from the policies they sold and
    issued; once the month is closed, its figures no longer move."""

    _name = "insurance.pay.statement"
    _description = "Pay Statement"
    _inherit = ["mail.thread"]
    _order = "month desc, user_id"

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one("res.users", string="Employee", required=True, index=True)
    month = fields.Date(required=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Open"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    scheme_id = fields.Many2one("insurance.pay.scheme", string="Pay Scheme", readonly=True)
    line_ids = fields.One2many("insurance.pay.statement.line", "statement_id", string="Lines")
    plan_met = fields.Boolean(readonly=True, help="Every figure of the month's plan reached.")
    policy_sold_count = fields.Integer(string="Policies Sold", readonly=True)
    policy_issued_count = fields.Integer(string="Policies Issued", readonly=True)
    seller_amount = fields.Monetary(string="Seller Share", compute="_compute_amounts", store=True)
    issuer_amount = fields.Monetary(string="Issuer Share", compute="_compute_amounts", store=True)
    fee_amount = fields.Monetary(string="Issue Fees", compute="_compute_amounts", store=True)
    bonus_amount = fields.Monetary(string="Plan Bonus", compute="_compute_amounts", store=True)
    total_amount = fields.Monetary(string="Total", compute="_compute_amounts", store=True)
    date_computed = fields.Datetime(string="Computed On", readonly=True)
    date_closed = fields.Datetime(string="Closed On", readonly=True)

    _sql_constraints = [
        (
            "user_month_uniq",
            "unique(user_id, month, company_id)",
            "An employee has one pay statement per month.",
        )
    ]

    @api.depends("user_id", "month")
    def _compute_name(self):
        for statement in self:
            month = statement.month.strftime("%m.%Y") if statement.month else ""
            statement.name = "%s, %s" % (statement.user_id.name or "", month)

    @api.depends("line_ids.amount", "line_ids.kind")
    def _compute_amounts(self):
        for statement in self:
            by_kind = dict.fromkeys(LINE_KINDS, 0.0)
            for line in statement.line_ids:
                by_kind[line.kind] += line.amount
            statement.seller_amount = by_kind["seller_share"]
            statement.issuer_amount = by_kind["issuer_share"]
            statement.fee_amount = by_kind["issue_fee"]
            statement.bonus_amount = by_kind["plan_bonus"]
            statement.total_amount = sum(by_kind.values())

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("month"):
                vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
                self._check_month_open(vals["month"], vals.get("company_id"))
        return super().create(vals_list)

    def write(self, vals):
        if self.env.context.get("insurance_pay_closing"):
            return super().write(vals)
        if any(statement.state == "closed" for statement in self) and set(vals) - {
            "message_main_attachment_id"
        }:
            self._raise_closed()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if any(statement.state == "closed" for statement in self):
            self._raise_closed()

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_compute(self):
        self._check_open()
        for statement in self:
            statement._recompute_lines()
        return True

    def action_close(self):
        """Freeze the figures: they stay as computed, whatever happens later to
        the policies, the scheme or the plan."""
        drafts = self.filtered(lambda s: s.state == "draft")
        drafts.filtered(lambda s: not s.date_computed).action_compute()
        drafts.with_context(insurance_pay_closing=True).write(
            {"state": "closed", "date_closed": fields.Datetime.now()}
        )
        return True

    def action_export_xlsx(self):
        self.env["insurance.register.wizard"]._refuse_export_unless_allowed()
        return {
            "type": "ir.actions.act_url",
            "url": "/insurance_reports/pay?ids=%s" % ",".join(map(str, self.ids)),
            "target": "download",
        }

    # ------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------

    def _raise_closed(self):
        raise UserError(
            _(
                "The pay of %(month)s is closed: its figures cannot be recomputed or "
                "changed. Make any correction in an open month.",
                month=", ".join(sorted({s.month.strftime("%m.%Y") for s in self})),
            )
        )

    def _check_open(self):
        if any(statement.state == "closed" for statement in self):
            self.filtered(lambda s: s.state == "closed")._raise_closed()

    @api.model
    def _month_is_closed(self, month, company=None):
        company_id = company.id if hasattr(company, "id") else company
        return bool(
            self.sudo().search_count(
                [
                    ("month", "=", fields.Date.to_date(month).replace(day=1)),
                    ("company_id", "=", company_id or self.env.company.id),
                    ("state", "=", "closed"),
                ],
                limit=1,
            )
        )

    @api.model
    def _check_month_open(self, month, company=None):
        month = fields.Date.to_date(month).replace(day=1)
        if self._month_is_closed(month, company):
            raise UserError(
                _(
                    "The pay of %(month)s is closed: its figures cannot be recomputed or "
                    "changed. Make any correction in an open month.",
                    month=month.strftime("%m.%Y"),
                )
            )

    @api.model
    def _compute_month(self, month, company=None):
        """Create or refresh the statement of every employee who sold or issued
        a policy in the month; refused once the month is closed."""
        company = company or self.env.company
        month = fields.Date.to_date(month).replace(day=1)
        self._check_month_open(month, company)
        month_end = month + relativedelta(months=1, days=-1)
        self.env.cr.execute(
            """
            SELECT DISTINCT u FROM (
                SELECT seller_id AS u FROM insurance_policy
                 WHERE company_id = %(company)s AND origin = 'own' AND state IN %(states)s
                   AND date_sale BETWEEN %(start)s AND %(end)s
                 UNION
                SELECT issuer_id FROM insurance_policy
                 WHERE company_id = %(company)s AND origin = 'own' AND state IN %(states)s
                   AND date_sale BETWEEN %(start)s AND %(end)s
            ) users WHERE u IS NOT NULL
            """,
            {"company": company.id, "states": SOLD_STATES, "start": month, "end": month_end},
        )
        user_ids = {row[0] for row in self.env.cr.fetchall()}
        existing = self.search([("month", "=", month), ("company_id", "=", company.id)])
        missing = user_ids - set(existing.user_id.ids)
        created = self.create(
            [{"user_id": uid, "month": month, "company_id": company.id} for uid in missing]
        )
        statements = existing | created
        statements.action_compute()
        return statements

    @api.model
    def _close_month(self, month, company=None):
        company = company or self.env.company
        month = fields.Date.to_date(month).replace(day=1)
        statements = self.search([("month", "=", month), ("company_id", "=", company.id)])
        if not statements:
            raise UserError(
                _(
                    "There is no pay statement for %(month)s: compute the month before closing it.",
                    month=month.strftime("%m.%Y"),
                )
            )
        statements.action_close()
        return statements

    def _month_policies(self):
        self.ensure_one()
        month_end = self.month + relativedelta(months=1, days=-1)
        return (
            self.env["insurance.policy"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("origin", "=", "own"),
                    ("state", "in", SOLD_STATES),
                    ("date_sale", ">=", self.month),
                    ("date_sale", "<=", month_end),
                    "|",
                    ("seller_id", "=", self.user_id.id),
                    ("issuer_id", "=", self.user_id.id),
                ],
                order="date_sale, id",
            )
        )

    def _plan_is_met(self):
        """Every figure set in the employee's plan for the month is reached."""
        self.ensure_one()
        plan = (
            self.env["insurance.sales.plan"]
            .sudo()
            .search(
                [
                    ("user_id", "=", self.user_id.id),
                    ("month", "=", self.month),
                    ("company_id", "=", self.company_id.id),
                ],
                limit=1,
            )
        )
        targets = {
            "premium": plan.premium_target,
            "commission": plan.commission_target,
            "policy_count": plan.policy_count_target,
        }
        if not plan or not any(targets.values()):
            return False
        month_end = self.month + relativedelta(months=1, days=-1)
        fact = plan._sum_facts(self.month, month_end, self.user_id.ids, self.company_id)
        fact = fact.get("all", dict.fromkeys(targets, 0.0))
        return all(fact[m] >= target for m, target in targets.items() if target)

    @api.model
    def _share_base(self, policy):
        """The commission the seller's and issuer's shares are taken of: what
        the brokerage keeps, i.e. the commission after the client's discount
        (a manager who gives commission away earns less on it)."""
        return policy.commission_net_amount

    def _prepare_line_values(self):
        """The statement's lines: one per policy and role, the fee per issued
        policy and the bonus. Values are copied, not linked, so that a closed
        month keeps them."""
        self.ensure_one()
        scheme = (
            self.env["insurance.pay.scheme"].sudo()._scheme_for_month(self.month, self.company_id)
        )
        currency = self.currency_id
        lines = []
        sold = issued = 0
        for policy in self._month_policies():
            seller_rate, issuer_rate = scheme._shares_for(policy.product_id) if scheme else (0, 0)
            base = self._share_base(policy)
            common = {
                "policy_id": policy.id,
                "policy_name": policy.name,
                "date_sale": policy.date_sale,
                "product_id": policy.product_id.id,
                "partner_name": policy.partner_id.name,
                "premium": policy.premium,
                "commission_amount": policy.commission_amount,
                "discount_amount": policy.discount_amount,
                "commission_net_amount": base,
            }
            if policy.seller_id == self.user_id:
                sold += 1
                lines.append(
                    {
                        **common,
                        "kind": "seller_share",
                        "rate": seller_rate,
                        "amount": currency.round(base * seller_rate / 100),
                    }
                )
            if policy.issuer_id == self.user_id:
                issued += 1
                lines.append(
                    {
                        **common,
                        "kind": "issuer_share",
                        "rate": issuer_rate,
                        "amount": currency.round(base * issuer_rate / 100),
                    }
                )
                if scheme.fee_per_issued_policy:
                    lines.append(
                        {**common, "kind": "issue_fee", "rate": 0.0,
                         "amount": scheme.fee_per_issued_policy}
                    )  # fmt: skip
        plan_met = self._plan_is_met()
        if plan_met and scheme.plan_bonus:
            lines.append({"kind": "plan_bonus", "rate": 0.0, "amount": scheme.plan_bonus})
        header = {
            "scheme_id": scheme.id,
            "plan_met": plan_met,
            "policy_sold_count": sold,
            "policy_issued_count": issued,
        }
        return header, lines

    def _recompute_lines(self):
        self.ensure_one()
        header, lines = self._prepare_line_values()
        self.line_ids.unlink()
        self.write(
            {
                **header,
                "date_computed": fields.Datetime.now(),
                "line_ids": [fields.Command.create(vals) for vals in lines],
            }
        )

    # ------------------------------------------------------------
    # XLSX for the accountant
    # ------------------------------------------------------------

    def _export_filename(self):
        months = sorted(set(self.mapped("month")))
        label = months[0].strftime("%Y-%m") if len(months) == 1 else "statements"
        return "pay_%s.xlsx" % label

    def _write_pay_xlsx(self, fileobj):
        self.env["insurance.register.wizard"]._check_export_rights(self._name, len(self))
        lang = self.env["insurance.register.wizard"]._register_lang()
        return self.with_context(lang=lang)._write_pay_xlsx_lang(fileobj)

    def _write_pay_xlsx_lang(self, fileobj):
        statements = self.sorted(lambda s: (s.month, s.user_id.name or ""))
        kinds = dict(
            self.env["insurance.pay.statement.line"]
            ._fields["kind"]
            ._description_selection(self.env)
        )
        book = XlsxBook(fileobj)
        formats = book.formats
        summary = book.workbook.add_worksheet(book.sheet_name(_("Summary")))
        summary_columns = [
            (_("Employee"), 28), (_("Month"), 10), (_("Status"), 10),
            (_("Seller Share"), 14), (_("Issuer Share"), 14), (_("Issue Fees"), 14),
            (_("Plan Bonus"), 14), (_("Total"), 14),
        ]  # fmt: skip
        for col, (_header, width) in enumerate(summary_columns):
            summary.set_column(col, col, width)
        summary.write_string(0, 0, _("Pay statements"), formats["title"])
        for col, (header, _width) in enumerate(summary_columns):
            summary.write_string(2, col, header, formats["header"])
        summary.freeze_panes(3, 0)
        states = dict(self._fields["state"]._description_selection(self.env))
        row = 3
        for statement in statements:
            summary.write_string(row, 0, statement.user_id.name or "")
            summary.write_string(row, 1, statement.month.strftime("%m.%Y"))
            summary.write_string(row, 2, states[statement.state])
            amounts = (
                statement.seller_amount,
                statement.issuer_amount,
                statement.fee_amount,
                statement.bonus_amount,
                statement.total_amount,
            )
            for col, amount in enumerate(amounts, start=3):
                summary.write_number(row, col, amount, formats["money"])
            row += 1
        summary.write_string(row, 0, _("Total"), formats["total_label"])
        for col in range(3, 8):
            letter = "DEFGH"[col - 3]
            value = round(
                sum(
                    s[f]
                    for s in statements
                    for f in [
                        ("seller_amount", "issuer_amount", "fee_amount", "bonus_amount",
                         "total_amount")[col - 3]
                    ]
                ),
                2,
            )  # fmt: skip
            formula = f"=SUBTOTAL(9,{letter}4:{letter}{row})" if row > 3 else "=0"
            summary.write_formula(row, col, formula, formats["total_money"], value)
        summary.autofilter(2, 0, max(row - 1, 2), 7)

        columns = [
            (_("Sale Date"), "date", 12), (_("Policy No."), "text", 18),
            (_("Client Name"), "text", 30), (_("Product"), "text", 16),
            (_("Item"), "text", 22), (_("Premium, RUB"), "money", 14),
            (_("Commission, RUB"), "money", 14), (_("Discount, RUB"), "money", 14),
            (_("Commission after Discount, RUB"), "money", 16), (_("Share %"), "rate", 9),
            (_("Amount, RUB"), "money", 14),
        ]  # fmt: skip
        for statement in statements:
            sheet = book.add_table_sheet(
                "%s %s" % (statement.user_id.name or "", statement.month.strftime("%m.%Y")),
                _(
                    "Pay of %(employee)s for %(month)s",
                    employee=statement.user_id.name,
                    month=statement.month.strftime("%m.%Y"),
                ),
                columns,
            )
            for line in statement.line_ids:
                sheet.write_row(
                    [
                        line.date_sale,
                        line.policy_name,
                        line.partner_name,
                        line.product_id.name,
                        kinds[line.kind],
                        line.premium if line.kind != "plan_bonus" else None,
                        line.commission_amount if line.kind != "plan_bonus" else None,
                        line.discount_amount if line.kind != "plan_bonus" else None,
                        line.commission_net_amount if line.kind != "plan_bonus" else None,
                        line.rate or None,
                        line.amount,
                    ]
                )
            sheet.finish(_("Total"))
        book.close()
