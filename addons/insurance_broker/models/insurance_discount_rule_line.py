from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class InsuranceDiscountRuleLine(models.Model):
    """The maximum discount one role may grant under a rule."""

    _name = "insurance.discount.rule.line"
    _description = "Discount Limit of a Role"
    _order = "max_discount, id"

    rule_id = fields.Many2one(
        "insurance.discount.rule", required=True, ondelete="cascade", index=True
    )
    group_id = fields.Many2one(
        "res.groups",
        string="Role",
        required=True,
        ondelete="cascade",
        domain=lambda self: [
            ("category_id", "=", self.env.ref("insurance_broker.module_category_insurance").id)
        ],
    )
    max_discount = fields.Float(
        string="Maximum Discount (%)",
        digits=(5, 2),
        required=True,
        help="The largest discount this role may grant without approval.",
    )

    _sql_constraints = [
        ("rule_group_uniq", "unique(rule_id, group_id)", "A role has one limit per rule."),
    ]

    @api.constrains("max_discount")
    def _check_max_discount(self):
        for line in self:
            if not 0 <= line.max_discount <= 100:
                raise ValidationError(_("A maximum discount must be between 0 and 100%."))
