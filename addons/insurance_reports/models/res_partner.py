from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL, format_amount

# A Russian INN: 10 digits (company) or 12 (person); the check digits are
# verified by res.partner's constraint when the card is saved.
INN_PATTERN = "^([0-9]{10}|[0-9]{12})$"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------
    # Claims and value
    # ------------------------------------------------------------
    claim_count = fields.Integer(string="Claims Count", compute="_compute_claim_count")
    insurance_ltv = fields.Monetary(
        string="LTV",
        compute="_compute_insurance_ltv",
        currency_field="policy_currency_id",
        groups="insurance_broker.group_broker_head,insurance_broker.group_broker_accountant",
        help="Our commission after the client's discounts, on the policies we sold to "
        "the client during the LTV period of the company settings.",
    )

    # ------------------------------------------------------------
    # Toxic client
    # ------------------------------------------------------------
    is_toxic = fields.Boolean(
        string="Toxic Client",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="Set every day from the thresholds of the settings: high losses with "
        "complaints, or discount requests with late payments.",
    )
    toxic_reason = fields.Text(string="Why Toxic", readonly=True, copy=False)

    def _compute_claim_count(self):
        Claim = self.env["insurance.claim"]
        groups = []
        if self._origin.ids and Claim.has_access("read"):
            groups = Claim._read_group(
                [("partner_id", "child_of", self._origin.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        totals = defaultdict(int)
        for partner, count in groups:
            totals[partner.commercial_partner_id.id] += count
        for partner in self:
            partner.claim_count = totals.get(partner._origin.commercial_partner_id.id, 0)

    def _compute_insurance_ltv(self):
        ltv = self.env["insurance.client.ltv"]._ltv_by_partner(self) if self.ids else {}
        for partner in self:
            partner.insurance_ltv = ltv.get(partner.id, 0.0)

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_view_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_reports.insurance_claim_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        return action

    def action_recompute_toxic(self):
        """The head of sales rechecks these clients now instead of waiting for the
        nightly run."""
        if not self.env.user.has_group("insurance_broker.group_broker_head"):
            raise AccessError(_("Only the head of sales can recheck whether a client is toxic."))
        self.commercial_partner_id._recompute_toxic_clients()
        return True

    # ------------------------------------------------------------
    # Toxic clients
    # ------------------------------------------------------------

    @api.model
    def _cron_recompute_toxic_clients(self):
        self.browse()._recompute_toxic_clients()

    def _recompute_toxic_clients(self):
        """Set ``is_toxic`` and ``toxic_reason`` of these clients (of every client
        when called on an empty recordset) from the rules of each company."""
        self.env.flush_all()  # the rules read SQL views over claims and policies
        partners = self.sudo()
        reasons = defaultdict(list)
        for company in self.env["res.company"].sudo().search([]):
            date_from = fields.Date.context_today(self) - relativedelta(
                months=company.toxic_period_months
            )
            for rule in (partners._toxic_loss_reasons, partners._toxic_discount_reasons):
                for partner_id, sentences in rule(company, date_from).items():
                    reasons[partner_id].extend(sentences)
        scope = [("id", "in", partners.ids)] if partners else []
        toxic = partners.search([("is_toxic", "=", True), *scope])
        toxic.filtered(lambda p: p.id not in reasons).write(
            {"is_toxic": False, "toxic_reason": False}
        )
        for partner in partners.browse(list(reasons)):
            text = "\n".join(reasons[partner.id])
            if not partner.is_toxic or partner.toxic_reason != text:
                partner.write({"is_toxic": True, "toxic_reason": text})

    def _toxic_scope(self, field="partner_id"):
        return [(field, "child_of", self.ids)] if self else []

    def _toxic_loss_reasons(self, company, date_from):
        """Rule 1: the loss ratio of the client's policies running during the
        period reaches the threshold AND the client complained at least the
        threshold number of times in the period. {client id: [sentence]}"""
        losses = (
            self.env["insurance.loss.ratio.report"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("date_end", ">=", date_from),
                    *self._toxic_scope(),
                ],
                ["partner_id"],
                ["claims_paid:sum", "earned_premium:sum"],
            )
        )
        ratios = defaultdict(lambda: [0.0, 0.0])
        for partner, paid, earned in losses:
            figures = ratios[partner.commercial_partner_id.id]
            figures[0] += paid
            figures[1] += earned
        complaints = self._toxic_counts(
            "insurance.complaint", "date", company, date_from, [("state", "!=", "rejected")]
        )
        result = {}
        for partner_id, (paid, earned) in ratios.items():
            ratio = self.env["insurance.loss.ratio.mixin"]._loss_ratio(paid, earned)
            count = complaints.get(partner_id, 0)
            if ratio >= company.toxic_loss_ratio and count >= company.toxic_complaint_count:
                result[partner_id] = [
                    _(
                        "Loss ratio %(ratio)s%% over the last %(months)s months (claims "
                        "paid %(paid)s of earned premium %(earned)s, threshold "
                        "%(threshold)s%%) and %(count)s complaints (threshold %(limit)s).",
                        ratio=ratio,
                        months=company.toxic_period_months,
                        paid=format_amount(self.env, paid, company.currency_id),
                        earned=format_amount(self.env, earned, company.currency_id),
                        threshold=company.toxic_loss_ratio,
                        count=count,
                        limit=company.toxic_complaint_count,
                    )
                ]
        return result

    def _toxic_discount_reasons(self, company, date_from):
        """Rule 2: at least the threshold number of discount approval requests AND
        of premiums paid later than the grace days, both in the period.
        {client id: [sentence]}"""
        discounts = self._toxic_counts(
            "insurance.discount.approval",
            "request_date",
            company,
            fields.Datetime.to_datetime(date_from),
            [("state", "!=", "superseded")],
        )
        late = self._toxic_counts(
            "insurance.policy",
            "payment_due_date",
            company,
            date_from,
            [("payment_days_late", ">", company.toxic_payment_grace_days)],
        )
        result = {}
        for partner_id, count in discounts.items():
            late_count = late.get(partner_id, 0)
            if (
                count >= company.toxic_discount_count
                and late_count >= company.toxic_late_payment_count
            ):
                result[partner_id] = [
                    _(
                        "%(count)s discount requests (threshold %(limit)s) and %(late)s "
                        "premiums paid more than %(grace)s days late (threshold "
                        "%(late_limit)s) over the last %(months)s months.",
                        count=count,
                        limit=company.toxic_discount_count,
                        late=late_count,
                        grace=company.toxic_payment_grace_days,
                        late_limit=company.toxic_late_payment_count,
                        months=company.toxic_period_months,
                    )
                ]
        return result

    def _toxic_counts(self, model, date_field, company, date_from, domain):
        """{client id: number of ``model`` records of the company since ``date_from``},
        counted for the commercial entity, in one grouped query."""
        groups = (
            self.env[model]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    (date_field, ">=", date_from),
                    *domain,
                    *self._toxic_scope(),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        counts = defaultdict(int)
        for partner, count in groups:
            counts[partner.commercial_partner_id.id] += count
        return counts

    # ------------------------------------------------------------
    # Data quality: what a complete client card holds
    # ------------------------------------------------------------

    @api.model
    def _card_has_phone_sql(self, alias="partner"):
        a = SQL.identifier(alias)
        return SQL("(COALESCE(%s.phone, '') <> '' OR COALESCE(%s.mobile, '') <> '')", a, a)

    @api.model
    def _card_has_email_sql(self, alias="partner"):
        return SQL("(COALESCE(%s.email, '') LIKE %s)", SQL.identifier(alias), "%_@_%")

    @api.model
    def _card_has_inn_sql(self, alias="partner"):
        return SQL("(COALESCE(%s.vat, '') ~ %s)", SQL.identifier(alias), INN_PATTERN)

    @api.model
    def _card_has_consent_sql(self, alias="partner"):
        """Consent to the processing of personal data, or at least to service SMS."""
        a = SQL.identifier(alias)
        return SQL("(%s.pd_consent_date IS NOT NULL OR COALESCE(%s.sms_consent, FALSE))", a, a)
