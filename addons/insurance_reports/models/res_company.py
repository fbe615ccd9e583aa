from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # ------------------------------------------------------------
    # Client lifetime value
    # ------------------------------------------------------------
    ltv_years = fields.Integer(
        string="LTV Period (Years)",
        default=3,
        help="A client's lifetime value is our commission, after the discounts given to "
        "the client, on the policies we sold them during this many last years.",
    )

    # ------------------------------------------------------------
    # Toxic clients
    # ------------------------------------------------------------
    toxic_period_months = fields.Integer(
        string="Toxic Client Period (Months)",
        default=24,
        help="Losses, complaints, discount requests and late payments of this many last "
        "months are counted.",
    )
    toxic_loss_ratio = fields.Float(
        string="Loss Ratio Threshold (%)",
        default=70.0,
        digits=(5, 2),
        help="A client whose loss ratio reaches this and who complained the number of "
        "times below is toxic.",
    )
    toxic_complaint_count = fields.Integer(string="Complaints Threshold", default=3)
    toxic_discount_count = fields.Integer(
        string="Discount Requests Threshold",
        default=3,
        help="A client with this many discount approval requests and the number of late "
        "payments below is toxic.",
    )
    toxic_late_payment_count = fields.Integer(string="Late Payments Threshold", default=2)
    toxic_payment_grace_days = fields.Integer(
        string="Payment Grace (Days)",
        default=5,
        help="A premium paid more than this many days after its due date is a late payment.",
    )

    @api.constrains("ltv_years")
    def _check_ltv_years(self):
        for company in self:
            if not 1 <= company.ltv_years <= 50:
                raise ValidationError(_("The LTV period must be between 1 and 50 years."))

    @api.constrains(
        "toxic_period_months",
        "toxic_loss_ratio",
        "toxic_complaint_count",
        "toxic_discount_count",
        "toxic_late_payment_count",
        "toxic_payment_grace_days",
    )
    def _check_toxic_thresholds(self):
        for company in self:
            if not 1 <= company.toxic_period_months <= 120:
                raise ValidationError(
                    _("The toxic client period must be between 1 and 120 months.")
                )
            if not 0 < company.toxic_loss_ratio <= 1000:
                raise ValidationError(
                    _("The loss ratio threshold must be above 0% and at most 1000%.")
                )
            counts = (
                company.toxic_complaint_count,
                company.toxic_discount_count,
                company.toxic_late_payment_count,
            )
            if any(count < 1 for count in counts):
                raise ValidationError(
                    _(
                        "The numbers of complaints, discount requests and late payments "
                        "that make a client toxic must be at least 1."
                    )
                )
            if not 0 <= company.toxic_payment_grace_days <= 365:
                raise ValidationError(_("The payment grace must be between 0 and 365 days."))
