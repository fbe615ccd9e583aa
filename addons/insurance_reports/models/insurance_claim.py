from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class InsuranceClaim(models.Model):
    """A loss reported under one of our policies, and what the insurer paid."""

    _name = "insurance.claim"
    _description = "Insurance Claim"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_names_search = ["name", "policy_id", "partner_id"]
    _check_company_auto = True

    # ------------------------------------------------------------
    # Identity and parties
    # ------------------------------------------------------------
    name = fields.Char(
        string="Claim Number",
        required=True,
        tracking=True,
        index="trigram",
        help="The number the insurer gave to the claim (loss file).",
    )
    policy_id = fields.Many2one(
        "insurance.policy",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        related="policy_id.partner_id", string="Client", store=True, index=True
    )
    insurer_id = fields.Many2one(related="policy_id.insurer_id", store=True, index=True)
    product_id = fields.Many2one(related="policy_id.product_id", store=True, index=True)
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="policy_id.currency_id", store=True)

    # ------------------------------------------------------------
    # Event and settlement
    # ------------------------------------------------------------
    date = fields.Date(
        string="Date of Loss",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        index=True,
        help="The day of the event, or of the report when the event date is unknown.",
    )
    date_paid = fields.Date(string="Payment Date", tracking=True)
    amount_claimed = fields.Monetary(string="Claimed", currency_field="currency_id", tracking=True)
    amount_paid = fields.Monetary(string="Paid", currency_field="currency_id", tracking=True)
    state = fields.Selection(
        [
            ("reported", "Reported"),
            ("in_review", "In Review"),
            ("paid", "Paid"),
            ("rejected", "Rejected"),
            ("closed", "Closed"),
        ],
        string="Status",
        required=True,
        default="reported",
        tracking=True,
        index=True,
        group_expand="_read_group_expand_full",
    )
    description = fields.Text()

    _sql_constraints = [
        (
            "policy_number_uniq",
            "unique(policy_id, name)",
            "This policy already has a claim with this number.",
        ),
        (
            "amounts_not_negative",
            "CHECK(COALESCE(amount_claimed, 0) >= 0 AND COALESCE(amount_paid, 0) >= 0)",
            "Claim amounts cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    @api.constrains("date", "date_paid")
    def _check_dates(self):
        for claim in self:
            if claim.date and claim.date_paid and claim.date_paid < claim.date:
                raise ValidationError(
                    _(
                        "Claim %(claim)s is paid before the loss: correct the date of loss "
                        "or the payment date.",
                        claim=claim.name,
                    )
                )

    @api.constrains("amount_claimed", "amount_paid")
    def _check_amounts(self):
        for claim in self:
            if claim.amount_claimed < 0 or claim.amount_paid < 0:
                raise ValidationError(
                    _("The amounts of claim %(claim)s cannot be negative.", claim=claim.name)
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_claim_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._normalize_claim_vals(vals))

    @api.model
    def _normalize_claim_vals(self, vals):
        """Claim numbers are typed with random spaces and case, like policy numbers."""
        if vals.get("name"):
            vals["name"] = self._normalize_number(vals["name"])
        return vals

    @api.model
    def _normalize_number(self, number):
        return " ".join(str(number).split()).upper()
