from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    insurance_discount_default_limit = fields.Float(
        string="Default Maximum Discount Without Approval (%)",
        digits=(5, 2),
        default=0.0,
        help="Applies to users for whom no discount rule has a line: a larger "
        "discount needs the approval of the head of sales.",
    )
    insurance_discount_approver_id = fields.Many2one(
        "res.users",
        string="Discount Approver",
        domain=[("share", "=", False)],
        help="Who decides on discounts above the limits. Empty: the heads of sales of the company.",
    )

    @api.constrains("insurance_discount_default_limit")
    def _check_insurance_discount_default_limit(self):
        for company in self:
            if not 0 <= company.insurance_discount_default_limit <= 100:
                raise ValidationError(_("A maximum discount must be between 0 and 100%."))
