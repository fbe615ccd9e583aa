from stdnum.ru import inn as ru_inn

from odoo import _, api, fields, models


class InsuranceComplianceCheck(models.Model):
    """One item of the checklist a deal must satisfy before it is won.

    Automatic items read the client card (INN, personal-data consent, identity
    document); manual items are ticked by an employee on the deal."""

    _name = "insurance.compliance.check"
    _description = "Compliance Check"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty for a check that applies in every company.",
    )
    check_type = fields.Selection(
        selection=[
            ("inn", "Valid INN"),
            ("pd_consent", "Personal Data Consent"),
            ("identity_document", "Identity Document"),
            ("manual", "Ticked by an Employee"),
        ],
        string="Type",
        required=True,
        default="manual",
        help="Valid INN: the client's INN is filled and its check digits are right. "
        "Personal Data Consent: the consent date is on the client card. Identity Document: "
        "the document type and number are on the client card. Ticked by an Employee: "
        "someone confirms it on the deal.",
    )
    applies_to = fields.Selection(
        selection=[
            ("all", "All Clients"),
            ("company", "Companies Only"),
            ("individual", "Individuals Only"),
        ],
        required=True,
        default="all",
    )
    product_ids = fields.Many2many(
        "insurance.product",
        string="Products",
        help="Only deals carrying a policy of one of these products; empty: every deal.",
    )
    description = fields.Text(
        translate=True, help="What the employee must do or check, shown on the deal."
    )

    # ------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------

    @api.model
    def _checks_for_leads(self, leads, product_scope=True):
        """{lead: checks that apply to it}, for a batch of deals (one search).
        Without ``product_scope``, checks limited to some products are kept
        whatever the deal's policies (the checklist lines exist for them)."""
        checks = self.search(
            [("company_id", "in", leads.company_id.ids + [False])], order="sequence, id"
        )
        return {
            lead: checks.filtered(
                lambda c, lead=lead: c._applies_to_lead(lead, product_scope=product_scope)
            )
            for lead in leads
        }

    def _applies_to_lead(self, lead, product_scope=True):
        self.ensure_one()
        if self.company_id and lead.company_id and self.company_id != lead.company_id:
            return False
        client = lead.partner_id.commercial_partner_id
        if self.applies_to == "company" and not client.is_company:
            return False
        if self.applies_to == "individual" and (not client or client.is_company):
            return False
        if product_scope and self.product_ids:
            products = lead.policy_ids.filtered(lambda p: p.state != "cancelled").product_id
            if not products & self.product_ids:
                return False
        return True

    def _missing_reason(self, lead, ticked_checks):
        """Why this check fails on ``lead`` (a sentence), or False when it passes."""
        self.ensure_one()
        client = lead.partner_id.commercial_partner_id
        if self.check_type == "manual":
            if self in ticked_checks:
                return False
            return _("%(check)s: not ticked on the deal.", check=self.name)
        if not client:
            return _("%(check)s: the deal has no client.", check=self.name)
        if self.check_type == "inn":
            if client._has_valid_inn():
                return False
            return _(
                "%(check)s: the INN of %(client)s is missing or its check digits are wrong.",
                check=self.name,
                client=client.display_name,
            )
        if self.check_type == "pd_consent":
            if client.pd_consent_date:
                return False
            return _(
                "%(check)s: no personal data consent date on the card of %(client)s.",
                check=self.name,
                client=client.display_name,
            )
        if self.check_type == "identity_document":
            if client.identity_document_type and client.identity_document_number:
                return False
            return _(
                "%(check)s: the identity document type and number of %(client)s are not filled.",
                check=self.name,
                client=client.display_name,
            )
        return False

    @api.model
    def _is_valid_inn(self, vat):
        return bool(vat) and ru_inn.is_valid(vat)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        checks = super().create(vals_list)
        self.env["crm.lead"]._search_open_for_compliance()._sync_compliance_lines()
        return checks

    def write(self, vals):
        res = super().write(vals)
        if set(vals) & {"active", "company_id", "applies_to"}:
            self.env["crm.lead"]._search_open_for_compliance()._sync_compliance_lines()
        return res
