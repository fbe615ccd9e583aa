import re

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .insurance_policy_term_log import AUDITED_TERMS

# Writing these can change an audited term (the end date follows the start).
TERM_TRIGGERS = AUDITED_TERMS + ("company_id", "origin")

# The twelve Cyrillic letters allowed on Russian plates, and their Latin twins
# that people type by mistake.
PLATE_LETTERS = "АВЕКМНОРСТУХ"
LATIN_TO_CYRILLIC = str.maketrans("ABEKMHOPCTYX", PLATE_LETTERS)
PLATE_PATTERNS = (
    # passenger car: А123ВС77 / А123ВС777
    re.compile(r"^[%s]\d{3}[%s]{2}\d{2,3}$" % (PLATE_LETTERS, PLATE_LETTERS)),
    # motorcycle: 1234АВ77
    re.compile(r"^\d{4}[%s]{2}\d{2,3}$" % PLATE_LETTERS),
    # trailer: АВ123477
    re.compile(r"^[%s]{2}\d{4}\d{2,3}$" % PLATE_LETTERS),
    # taxi and route transport: АВ12377
    re.compile(r"^[%s]{2}\d{3}\d{2,3}$" % PLATE_LETTERS),
)
VIN_PATTERN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")


class InsurancePolicy(models.Model):
    _name = "insurance.policy"
    _description = "Insurance Policy"
    _inherit = ["mail.thread", "mail.activity.mixin", "insurance.team.mixin"]
    _order = "date_sale desc, id desc"
    _rec_names_search = ["name", "partner_id", "vehicle_plate", "vehicle_vin"]
    _check_company_auto = True

    # ------------------------------------------------------------
    # Identity and parties
    # ------------------------------------------------------------
    name = fields.Char(
        string="Series and Number",
        required=True,
        tracking=True,
        index="trigram",
        help="Series and number as printed on the policy, e.g. ХХХ 0123456789.",
    )
    origin = fields.Selection(
        [("own", "Sold by us"), ("foreign", "Held elsewhere")],
        required=True,
        default="own",
        tracking=True,
        index=True,
        help="Policies held elsewhere are recorded to win them at renewal.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "In force"),
            ("expired", "Expired"),
            ("cancelled", "Cancelled"),
            ("renewed", "Renewed"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
        group_expand="_read_group_expand_full",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
    )
    insurer_id = fields.Many2one(
        "res.partner",
        required=True,
        tracking=True,
        index=True,
        domain=[("is_insurer", "=", True)],
    )
    product_id = fields.Many2one("insurance.product", required=True, tracking=True, index=True)
    line_of_business = fields.Selection(related="product_id.line_of_business", store=True)
    is_vehicle = fields.Boolean(related="product_id.is_vehicle")
    lead_id = fields.Many2one(
        "crm.lead",
        string="Deal",
        index=True,
        ondelete="set null",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", store=True, string="Currency"
    )

    # ------------------------------------------------------------
    # Terms
    # ------------------------------------------------------------
    date_sale = fields.Date(
        string="Sale Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        index=True,
    )
    date_start = fields.Date(
        string="Start Date", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(
        string="End Date",
        compute="_compute_date_end",
        store=True,
        readonly=False,
        required=True,
        tracking=True,
        index=True,
        precompute=True,
    )
    premium = fields.Monetary(currency_field="currency_id", tracking=True)
    commission_rate = fields.Float(
        string="Commission (%)",
        digits=(5, 2),
        compute="_compute_commission_rate",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Proposed from the most specific commission rule valid on the sale date.",
    )
    commission_amount = fields.Monetary(
        string="Commission",
        currency_field="currency_id",
        compute="_compute_commission_amount",
        store=True,
        precompute=True,
    )
    days_to_end = fields.Integer(string="Days Left", compute="_compute_days_to_end")
    # Discount: given to the client out of our commission (the insurer's
    # premium and our gross commission do not change; the client pays
    # premium - discount and we keep commission - discount).
    discount_percent = fields.Float(
        string="Discount (%)",
        digits=(5, 2),
        tracking=True,
        copy=False,
        help="Discount granted to the client, in % of the premium. It is given out "
        "of our commission, so it cannot exceed the commission rate.",
    )
    discount_amount = fields.Monetary(
        string="Discount",
        currency_field="currency_id",
        compute="_compute_discount_amounts",
        store=True,
        precompute=True,
    )
    client_amount = fields.Monetary(
        string="Client Pays",
        currency_field="currency_id",
        compute="_compute_discount_amounts",
        store=True,
        precompute=True,
        help="Premium minus the discount.",
    )
    commission_net_amount = fields.Monetary(
        string="Commission after Discount",
        currency_field="currency_id",
        compute="_compute_discount_amounts",
        store=True,
        precompute=True,
        help="Our commission minus the discount given to the client.",
    )
    discount_limit = fields.Float(
        string="Discount Limit (%)",
        digits=(5, 2),
        compute="_compute_discount_limit",
        help="The largest discount the seller may grant on this policy without "
        "approval (discount rules, else the company's default).",
    )
    discount_rule_id = fields.Many2one("insurance.discount.rule", compute="_compute_discount_limit")
    discount_approval_ids = fields.One2many(
        "insurance.discount.approval", "policy_id", string="Discount Approvals"
    )
    discount_state = fields.Selection(
        selection=[
            ("not_needed", "Within the Limit"),
            ("required", "Approval Required"),
            ("pending", "Waiting for Approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        string="Discount Approval",
        compute="_compute_discount_state",
        search="_search_discount_state",
    )
    payment_method = fields.Selection(
        [
            ("cash", "Cash"),
            ("card", "Card"),
            ("bank_transfer", "Bank transfer"),
            ("payment_link", "Insurer's payment link"),
        ],
        tracking=True,
    )

    # ------------------------------------------------------------
    # Insured vehicle
    # ------------------------------------------------------------
    vehicle_plate = fields.Char(string="Plate", index=True)
    vehicle_vin = fields.Char(string="VIN", index=True)
    vehicle_body_number = fields.Char(
        string="Body or Chassis Number", help="For vehicles that have no VIN."
    )
    vehicle_make = fields.Char(string="Make")
    vehicle_model = fields.Char(string="Model")
    vehicle_year = fields.Integer(string="Year of Manufacture")

    # ------------------------------------------------------------
    # Delivery
    # ------------------------------------------------------------
    delivery_method = fields.Selection(
        [
            ("office", "Pickup at the office"),
            ("courier", "Courier"),
            ("email", "Electronic (e-mail)"),
        ],
    )
    delivery_address = fields.Char()
    delivery_date = fields.Date()
    courier_id = fields.Many2one(
        "res.partner",
    )
    note = fields.Html()

    # ------------------------------------------------------------
    # Cancellation and complaints
    # ------------------------------------------------------------
    cancellation_reason_id = fields.Many2one(
        "insurance.cancellation.reason",
        tracking=True,
        index=True,
        copy=False,
    )
    cancellation_date = fields.Date(tracking=True, copy=False)
    complaint_count = fields.Integer(string="Complaints", compute="_compute_complaint_count")
    term_log_ids = fields.One2many(
        "insurance.policy.term.log",
        "policy_id",
        string="Changes of Terms",
        groups="insurance_broker.group_broker_head,insurance_broker.group_broker_accountant",
    )

    _sql_constraints = [
        (
            "number_insurer_uniq",
            "unique(insurer_id, name, company_id)",
            "This insurer already has a policy with this series and number.",
        ),
        (
            "premium_not_negative",
            "CHECK(premium >= 0)",
            "The premium cannot be negative.",
        ),
        (
            "commission_rate_range",
            "CHECK(commission_rate >= 0 AND commission_rate <= 100)",
            "The commission rate must be between 0 and 100%.",
        ),
    ]

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("date_start", "product_id")
    def _compute_date_end(self):
        for policy in self:
            if policy.date_start and policy.product_id:
                policy.date_end = policy._default_date_end()
            elif not policy.date_end:
                policy.date_end = policy.date_start

    def _default_date_end(self):
        """The day before the same date ``term_months`` later: a one-year policy
        starting on 1 March ends on the last day of February. When that date does
        not exist (31 January + 1 month, 29 February + 1 year), the term runs to
        the end of the month instead."""
        self.ensure_one()
        months = self.product_id.term_months or 12
        anniversary = self.date_start + relativedelta(months=months)
        if anniversary.day < self.date_start.day:
            return anniversary
        return anniversary - relativedelta(days=1)

    @api.depends("insurer_id", "product_id", "date_sale", "company_id", "origin")
    def _compute_commission_rate(self):
        rules = self.env["insurance.commission.rule"]._search_candidate_rules(
            self.insurer_id, self.product_id
        )
        for policy in self:
            if policy.origin == "foreign":
                # sold by someone else: nothing is due to us
                policy.commission_rate = 0.0
                continue
            rule = rules._pick_rule(
                policy.insurer_id, policy.product_id, policy.date_sale, policy.company_id
            )
            policy.commission_rate = rule.rate if rule else 0.0

    @api.depends("premium", "commission_rate")
    def _compute_commission_amount(self):
        for policy in self:
            amount = (policy.premium or 0.0) * (policy.commission_rate or 0.0) / 100.0
            currency = policy.currency_id or self.env.company.currency_id
            policy.commission_amount = currency.round(amount)

    def _compute_complaint_count(self):
        counts = dict(
            self.env["insurance.complaint"]._read_group(
                [("policy_id", "in", self.ids)], ["policy_id"], ["__count"]
            )
        )
        for policy in self:
            policy.complaint_count = counts.get(policy, 0)

    @api.depends("premium", "discount_percent", "commission_amount")
    def _compute_discount_amounts(self):
        for policy in self:
            currency = policy.currency_id or self.env.company.currency_id
            discount = currency.round((policy.premium or 0.0) * policy.discount_percent / 100.0)
            policy.discount_amount = discount
            policy.client_amount = (policy.premium or 0.0) - discount
            policy.commission_net_amount = policy.commission_amount - discount

    @api.depends(
        "partner_id.commercial_partner_id.industry_id",
        "partner_id.commercial_partner_id.annual_revenue",
        "partner_id.commercial_partner_id.company_size",
        "product_id",
        "seller_id",
        "date_sale",
        "company_id",
    )
    def _compute_discount_limit(self):
        rules = self.env["insurance.discount.rule"]._search_candidate_rules(
            self.company_id or self.env.company
        )
        for policy in self:
            limit, rule = rules._pick_limit(
                policy.partner_id,
                policy.product_id,
                policy._discount_user(),
                policy.date_sale,
                policy.company_id,
            )
            policy.discount_limit = limit
            policy.discount_rule_id = rule

    def _discount_user(self):
        """Whose limit applies: the seller, else the deal's salesperson, else
        the current user."""
        self.ensure_one()
        return self.seller_id or self.lead_id.user_id or self.env.user

    def _discount_needs_approval(self):
        self.ensure_one()
        return (
            self.origin == "own"
            and self.state != "cancelled"
            and self.discount_percent > self.discount_limit + 1e-6
        )

    @api.depends(
        "discount_percent", "discount_limit", "origin", "state", "discount_approval_ids.state"
    )
    def _compute_discount_state(self):
        approvals = self.env["insurance.discount.approval"].sudo()
        latest = {}
        if self.ids:
            for approval in approvals.search(
                [("policy_id", "in", self.ids)], order="request_date desc, id desc"
            ):
                latest.setdefault(approval.policy_id.id, approval)
        for policy in self:
            if not policy._discount_needs_approval():
                policy.discount_state = "not_needed"
                continue
            approval = latest.get(policy._origin.id)
            if not approval or approval.state == "superseded":
                policy.discount_state = "required"
            else:
                policy.discount_state = approval.state

    def _search_discount_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise ValidationError(_("Unsupported search on the discount approval."))
        values = {value} if isinstance(value, str) else set(value or ())
        candidates = self.search([("discount_percent", ">", 0)])
        ids = [p.id for p in candidates if p.discount_state in values]
        domain = [("id", "in", ids)]
        if "not_needed" in values:
            domain = ["|", ("discount_percent", "<=", 0)] + domain
        if operator in ("!=", "not in"):
            domain = ["!"] + domain
        return domain

    @api.depends_context("tz")
    @api.depends("date_end")
    def _compute_days_to_end(self):
        today = fields.Date.context_today(self)
        for policy in self:
            policy.days_to_end = (policy.date_end - today).days if policy.date_end else 0

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for policy in self:
            if policy.date_start and policy.date_end and policy.date_end < policy.date_start:
                raise ValidationError(
                    _(
                        "Policy %(policy)s ends before it starts: correct the start "
                        "or the end date.",
                        policy=policy.name,
                    )
                )

    @api.constrains("premium")
    def _check_premium(self):
        for policy in self:
            if policy.premium < 0:
                raise ValidationError(
                    _("The premium of policy %(policy)s cannot be negative.", policy=policy.name)
                )

    @api.constrains("commission_rate")
    def _check_commission_rate(self):
        for policy in self:
            if not 0 <= policy.commission_rate <= 100:
                raise ValidationError(
                    _(
                        "The commission rate of policy %(policy)s must be between 0 and 100%%.",
                        policy=policy.name,
                    )
                )

    @api.constrains("discount_percent", "commission_rate")
    def _check_discount_percent(self):
        for policy in self:
            if not 0 <= policy.discount_percent <= 100:
                raise ValidationError(
                    _(
                        "The discount of policy %(policy)s must be between 0 and 100%%.",
                        policy=policy.name,
                    )
                )
            if policy.discount_percent > policy.commission_rate + 1e-6:
                discount = f"{policy.discount_percent:g}"
                rate = f"{policy.commission_rate:g}"
                raise ValidationError(
                    _(
                        "The discount of policy %(policy)s (%(discount)s%%) is given out of "
                        "our commission and cannot exceed the commission rate "
                        "(%(rate)s%%).",
                        policy=policy.name,
                        discount=discount,
                        rate=rate,
                    )
                )

    @api.constrains("vehicle_vin")
    def _check_vehicle_vin(self):
        for policy in self.filtered("vehicle_vin"):
            if not VIN_PATTERN.match(policy.vehicle_vin):
                raise ValidationError(
                    _(
                        "VIN %(vin)s is not valid: a VIN has 17 Latin letters and digits "
                        "without I, O and Q. For a vehicle without a VIN, fill in the "
                        "body or chassis number instead.",
                        vin=policy.vehicle_vin,
                    )
                )

    @api.constrains("vehicle_plate")
    def _check_vehicle_plate(self):
        for policy in self.filtered("vehicle_plate"):
            if not any(p.match(policy.vehicle_plate) for p in PLATE_PATTERNS):
                raise ValidationError(
                    _(
                        "Plate %(plate)s is not a valid Russian plate: expected a letter, "
                        "three digits, two letters and the region, e.g. А123ВС77.",
                        plate=policy.vehicle_plate,
                    )
                )

    @api.constrains("vehicle_year")
    def _check_vehicle_year(self):
        max_year = fields.Date.context_today(self).year + 1
        for policy in self.filtered("vehicle_year"):
            if not 1900 <= policy.vehicle_year <= max_year:
                raise ValidationError(
                    _(
                        "The year of manufacture must be between 1900 and %(year)s.",
                        year=max_year,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model
    def _normalize_identifier_vals(self, vals):
        """Policy numbers, plates and VINs are typed in many ways; store one form
        so that duplicates and searches work."""
        if vals.get("name"):
            vals["name"] = " ".join(vals["name"].split()).upper()
        if vals.get("vehicle_plate"):
            vals["vehicle_plate"] = self._normalize_plate(vals["vehicle_plate"])
        if vals.get("vehicle_vin"):
            vals["vehicle_vin"] = re.sub(r"[\s-]", "", vals["vehicle_vin"]).upper()
        return vals

    @api.model
    def _normalize_plate(self, plate):
        return re.sub(r"[\s-]", "", plate).upper().translate(LATIN_TO_CYRILLIC)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_client_references(vals_list, ("partner_id", "lead_id"))
        for vals in vals_list:
            self._normalize_identifier_vals(vals)
            if vals.get("lead_id") and not vals.get("partner_id"):
                lead = self.env["crm.lead"].browse(vals["lead_id"])
                vals["partner_id"] = lead.partner_id.id
        return super().create(vals_list)

    def write(self, vals):
        TermLog = self.env["insurance.policy.term.log"]
        self._check_client_references([vals], ("partner_id", "lead_id"))
        before = TermLog._snapshot(self) if set(vals) & set(TERM_TRIGGERS) else {}
        res = super().write(self._normalize_identifier_vals(vals))
        if before:
            TermLog._log_changes(self, before)
            self._supersede_changed_approvals()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_force(self):
        if any(policy.state in ("active", "renewed") and policy.origin == "own" for policy in self):
            raise UserError(_("A policy in force cannot be deleted; cancel it instead."))

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_activate(self):
        self.filtered(lambda p: p.state == "draft").write({"state": "active"})

    def action_cancel(self):
        """Cancel drafts and policies in force (programmatic use; from the UI a
        policy in force goes through the wizard asking for the reason)."""
        policies = self.filtered(lambda p: p.state in ("draft", "active"))
        policies.write({"state": "cancelled"})
        policies.filtered(lambda p: not p.cancellation_date).write(
            {"cancellation_date": fields.Date.context_today(self)}
        )

    def action_open_cancel_wizard(self):
        """Cancelling a policy in force asks why (insurance.policy.cancel)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_broker.insurance_policy_cancel_action"
        )
        action["context"] = {"active_model": self._name, "active_ids": self.ids}
        return action

    def action_reset_to_draft(self):
        self.filtered(lambda p: p.state == "cancelled").write(
            {"state": "draft", "cancellation_reason_id": False, "cancellation_date": False}
        )

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_broker.insurance_complaint_action"
        )
        action["domain"] = [("policy_id", "=", self.id)]
        action["context"] = {
            "default_policy_id": self.id,
            "default_partner_id": self.partner_id.id,
            "default_user_id": self.seller_id.id,
        }
        return action

    def _cancel_with_reason(self, reason, date=None):
        """Cancel these policies for ``reason`` on ``date`` (today by default)."""
        if not reason:
            raise UserError(_("Choose the reason why the policy is cancelled."))
        policies = self.filtered(lambda p: p.state in ("draft", "active"))
        if not policies:
            raise UserError(_("Only a draft policy or a policy in force can be cancelled."))
        policies.write(
            {
                "state": "cancelled",
                "cancellation_reason_id": reason.id,
                "cancellation_date": date or fields.Date.context_today(self),
            }
        )
        return policies

    def action_request_discount_approval(self):
        """Ask for the justification, then request the approval."""
        policies = self.filtered(lambda p: p.discount_state in ("required", "rejected"))
        if not policies:
            raise UserError(_("No policy here has a discount that needs approval."))
        return policies._discount_request_wizard_action()

    def _discount_request_wizard_action(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_broker.insurance_discount_request_wizard_action"
        )
        action["context"] = {
            "default_policy_ids": self.ids,
            "default_lead_id": self[:1].lead_id.id,
        }
        return action

    def action_open_lead(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": self.lead_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------

    @api.model
    def _cron_expire_policies(self):
        """Policies in force whose end date has passed become expired."""
        today = fields.Date.context_today(self)
        self.search([("state", "=", "active"), ("date_end", "<", today)]).write(
            {"state": "expired"}
        )

    # ------------------------------------------------------------
    # Discount approvals
    # ------------------------------------------------------------

    def _request_discount_approval(self, reason):
        """Create one approval per policy whose discount exceeds its seller's
        limit, notify the approvers. Returns the approvals."""
        if not (reason or "").strip():
            raise UserError(_("Explain why the client should get this discount."))
        Approval = self.env["insurance.discount.approval"]
        to_request = self.filtered(lambda p: p.discount_state in ("required", "rejected"))
        without_deal = to_request.filtered(lambda p: not p.lead_id)
        if without_deal:
            raise UserError(
                _(
                    "Policy %(policy)s is not in a deal: add it to the client's deal "
                    "before asking for a discount approval.",
                    policy=without_deal[0].name,
                )
            )
        approvals = Approval.create(
            [policy._prepare_discount_approval_values(reason) for policy in to_request]
        )
        approvals._notify_approvers()
        return approvals

    def _prepare_discount_approval_values(self, reason):
        self.ensure_one()
        return {
            "lead_id": self.lead_id.id,
            "policy_id": self.id,
            "partner_id": self.partner_id.id,
            "requested_by_id": self.env.user.id,
            "discount_requested": self.discount_percent,
            "discount_limit": self.discount_limit,
            "premium": self.premium,
            "commission_rate": self.commission_rate,
            "reason": reason.strip(),
            "company_id": self.company_id.id,
        }

    def _supersede_changed_approvals(self):
        """Approved or pending terms that changed afterwards (discount, premium,
        commission rate) no longer hold: the approval is superseded and the
        policy needs a new one."""
        approvals = (
            self.env["insurance.discount.approval"]
            .sudo()
            .search([("policy_id", "in", self.ids), ("state", "in", ("pending", "approved"))])
        )
        changed = approvals.filtered(lambda a: a._terms_changed())
        if changed:
            changed._supersede()
