from stdnum.ru import inn as ru_inn

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PHONE_FIELDS = ("phone", "mobile")


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_insurer = fields.Boolean(
        string="Is an Insurer",
        index=True,
        help="Insurance companies we place policies with.",
    )
    policy_ids = fields.One2many("insurance.policy", "partner_id", string="Policies")
    policy_count = fields.Integer(compute="_compute_policy_stats")
    policy_active_count = fields.Integer(
        string="Policies in Force", compute="_compute_policy_stats"
    )
    policy_premium_total = fields.Monetary(
        string="Premium Paid",
        compute="_compute_policy_stats",
        currency_field="policy_currency_id",
        help="Premium of the policies we sold to this client and that were issued: "
        "drafts, cancelled policies and policies held elsewhere are not counted.",
    )
    policy_commission_total = fields.Monetary(
        string="Commission Earned",
        compute="_compute_policy_stats",
        currency_field="policy_currency_id",
    )
    policy_next_end_date = fields.Date(
        string="Next Expiry",
        compute="_compute_policy_stats",
        help="The earliest end date among the client's policies still in force, "
        "including those held elsewhere.",
    )
    policy_currency_id = fields.Many2one("res.currency", compute="_compute_policy_currency_id")
    sms_consent = fields.Boolean(
        string="Consents to Service SMS",
        tracking=True,
        help="The client agreed to receive automated SMS about their deals and policies "
        "(reminders, contacts of their manager). Without it no automated SMS is sent.",
    )
    sms_consent_date = fields.Date(
        string="Service SMS Consent Date",
        compute="_compute_sms_consent_date",
        store=True,
        readonly=False,
    )
    sms_consent_source = fields.Selection(
        selection=[
            ("form", "Client Card"),
            ("call", "Phone Call"),
            ("paper", "Signed Form"),
            ("website", "Website"),
            ("import", "Import"),
        ],
        string="Service SMS Consent Source",
        compute="_compute_sms_consent_date",
        store=True,
        readonly=False,
    )
    marketing_sms_consent = fields.Boolean(
        string="Consents to Marketing SMS",
        tracking=True,
        help="Advertising texts need their own consent (Federal Law 38-FZ on advertising).",
    )
    marketing_sms_consent_date = fields.Date(
        string="Marketing SMS Consent Date",
        compute="_compute_marketing_sms_consent_date",
        store=True,
        readonly=False,
    )
    # Segment: the discount rules and the analytics group clients by these
    # (the industry is Odoo's own res.partner.industry_id).
    annual_revenue = fields.Monetary(
        currency_field="policy_currency_id",
        help="The client company's yearly revenue, in roubles.",
    )
    company_size = fields.Selection(
        selection=[
            ("micro", "Micro (up to 15 employees)"),
            ("small", "Small (16-100 employees)"),
            ("medium", "Medium (101-250 employees)"),
            ("large", "Large (over 250 employees)"),
        ],
    )
    # Compliance: what a deal needs before it can be won (152-FZ, 115-FZ)
    pd_consent_date = fields.Date(
        string="Personal Data Consent Date",
        tracking=True,
        help="When the client signed the consent to the processing of personal data "
        "(Federal Law 152-FZ). Empty means no consent is recorded.",
    )
    identity_document_type = fields.Selection(
        selection=[
            ("passport_ru", "Russian Passport"),
            ("passport_foreign", "Foreign Passport"),
            ("driving_licence", "Driving Licence"),
            ("company_registration", "Company Registration (OGRN)"),
            ("other", "Other Document"),
        ],
        string="Identity Document",
        tracking=True,
    )
    identity_document_number = fields.Char(string="Document Number", tracking=True)
    same_phone_partner_id = fields.Many2one(
        "res.partner",
        string="Client with the Same Phone",
        compute="_compute_same_phone_partner_id",
        groups="insurance_broker.group_broker_head,insurance_broker.group_broker_accountant",
    )
    same_phone_warning = fields.Char(
        compute="_compute_same_phone_warning",
        help="Tells a manager that the phone belongs to an existing client and who is "
        "responsible for them, without showing that client's data.",
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    def _compute_policy_currency_id(self):
        self.policy_currency_id = self.env.company.currency_id

    @api.depends("policy_ids.state", "policy_ids.premium", "policy_ids.date_end")
    def _compute_policy_stats(self):
        Policy = self.env["insurance.policy"]
        partner_ids = self._origin.ids
        base_domain = [("partner_id", "in", partner_ids)]
        counts = dict(Policy._read_group(base_domain, ["partner_id"], ["__count"]))
        in_force = {
            partner: (count, next_end)
            for partner, count, next_end in Policy._read_group(
                base_domain + self._policy_in_force_domain(),
                ["partner_id"],
                ["__count", "date_end:min"],
            )
        }
        sold = {
            partner: (premium, commission)
            for partner, premium, commission in Policy._read_group(
                base_domain + [("origin", "=", "own"), ("state", "not in", ("draft", "cancelled"))],
                ["partner_id"],
                ["premium:sum", "commission_amount:sum"],
            )
        }
        for partner in self:
            origin = partner._origin
            partner.policy_count = counts.get(origin, 0)
            partner.policy_active_count, partner.policy_next_end_date = in_force.get(
                origin, (0, False)
            )
            partner.policy_premium_total, partner.policy_commission_total = sold.get(
                origin, (0.0, 0.0)
            )

    @api.model
    def _policy_in_force_domain(self):
        """Own policies in force and policies held elsewhere that have not ended."""
        today = fields.Date.context_today(self)
        return [
            ("date_end", ">=", today),
            "|",
            ("state", "=", "active"),
            "&",
            ("origin", "=", "foreign"),
            ("state", "not in", ("cancelled", "renewed")),
        ]

    @api.depends("sms_consent")
    def _compute_sms_consent_date(self):
        """Giving consent stamps today's date and the client card as its source unless
        they were entered; withdrawing it clears both."""
        today = fields.Date.context_today(self)
        for partner in self:
            if not partner.sms_consent:
                partner.sms_consent_date = False
                partner.sms_consent_source = False
                continue
            partner.sms_consent_date = partner.sms_consent_date or today
            partner.sms_consent_source = partner.sms_consent_source or "form"

    @api.depends("marketing_sms_consent")
    def _compute_marketing_sms_consent_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.marketing_sms_consent:
                partner.marketing_sms_consent_date = partner.marketing_sms_consent_date or today
            else:
                partner.marketing_sms_consent_date = False

    @api.depends("phone", "mobile")
    def _compute_same_phone_partner_id(self):
        Partner = self.with_context(active_test=False).sudo()
        for partner in self:
            numbers = partner._get_normalized_phones()
            if not numbers:
                partner.same_phone_partner_id = False
                continue
            domain = ["|", ("phone", "in", numbers), ("mobile", "in", numbers)]
            if partner._origin.id:
                domain += [
                    ("id", "!=", partner._origin.id),
                    "!",
                    ("id", "child_of", partner._origin.id),
                ]
            if partner.parent_id:
                domain += [("id", "!=", partner.parent_id.id)]
            partner.same_phone_partner_id = Partner.search(domain, limit=1)

    @api.depends("phone", "mobile")
    def _compute_same_phone_warning(self):
        for partner in self:
            duplicate = partner.sudo().same_phone_partner_id
            if not duplicate:
                partner.same_phone_warning = False
                continue
            responsible = duplicate._responsible_user()
            partner.same_phone_warning = _(
                "A client with this phone already exists; responsible: %(user)s.",
                user=responsible.name or _("nobody"),
            )

    def _responsible_user(self):
        """Who works with the client: the salesperson of the card, else the
        seller of the latest policy, else the salesperson of the latest deal."""
        self.ensure_one()
        partner = self.sudo()
        if partner.user_id:
            return partner.user_id
        policy = partner.env["insurance.policy"].search(
            [("partner_id", "=", partner.id), ("seller_id", "!=", False)], limit=1
        )
        if policy:
            return policy.seller_id
        lead = (
            partner.env["crm.lead"]
            .with_context(active_test=False)
            .search(
                [("partner_id", "=", partner.id), ("user_id", "!=", False)],
                order="create_date desc",
                limit=1,
            )
        )
        return lead.user_id

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    @api.constrains("vat", "country_id")
    def _check_russian_inn(self):
        for partner in self:
            if partner._is_russian_inn_candidate() and not ru_inn.is_valid(partner.vat):
                raise ValidationError(
                    _(
                        "INN %(inn)s of %(partner)s is not valid: a company's INN has 10 "
                        "digits and a person's 12, with correct check digits.",
                        inn=partner.vat,
                        partner=partner.display_name,
                    )
                )

    def _is_russian_inn_candidate(self):
        self.ensure_one()
        return bool(
            self.vat
            and self.vat.isdigit()
            and (not self.country_id or self.country_id.code == "RU")
        )

    # ------------------------------------------------------------
    # Onchanges
    # ------------------------------------------------------------

    @api.onchange("phone", "mobile")
    def _onchange_phone_normalize(self):
        invalid = []
        for fname in PHONE_FIELDS:
            number = self[fname]
            if not number:
                continue
            normalized = self._normalize_phone_number(number)
            if normalized:
                self[fname] = normalized
            else:
                invalid.append(number)
        if invalid:
            return {
                "warning": {
                    "title": _("Check the phone number"),
                    "message": _(
                        "%(numbers)s does not look like a valid phone number. It is kept "
                        "as typed, but SMS cannot be sent to it. A Russian mobile looks "
                        "like +7 912 345-67-89 or 8 912 345 67 89.",
                        numbers=", ".join(invalid),
                    ),
                }
            }
        return None

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_phone_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        if any(vals.get(fname) for fname in PHONE_FIELDS):
            country = None
            if "country_id" in vals:
                country = self.env["res.country"].browse(vals["country_id"])
            elif len(self.country_id) == 1:
                country = self.country_id
            vals = self._normalize_phone_vals(dict(vals), country=country)
        return super().write(vals)

    # ------------------------------------------------------------
    # Phone numbers
    # ------------------------------------------------------------

    @api.model
    def _normalize_phone_vals(self, vals, country=None):
        if country is None and vals.get("country_id"):
            country = self.env["res.country"].browse(vals["country_id"])
        for fname in PHONE_FIELDS:
            if vals.get(fname):
                vals[fname] = self._normalize_phone_number(vals[fname], country) or vals[fname]
        return vals

    @api.model
    def _normalize_phone_number(self, number, country=None):
        """E.164 form of ``number``, or False when it cannot be a phone number.
        Russian is the default region: clients write 8 912... as often as +7 912..."""
        country = country or self.env.company.country_id or self.env.ref("base.ru")
        return self._phone_format_number(
            number, country=country, force_format="E164", raise_exception=False
        )

    def _get_normalized_phones(self):
        self.ensure_one()
        numbers = []
        for fname in PHONE_FIELDS:
            if self[fname]:
                numbers.append(
                    self._normalize_phone_number(self[fname], self.country_id) or self[fname]
                )
        return numbers

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_view_policies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_broker.insurance_policy_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.id,
        }
        return action
