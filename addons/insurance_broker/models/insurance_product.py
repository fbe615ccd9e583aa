from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class InsuranceProduct(models.Model):
    _name = "insurance.product"
    _description = "Insurance Product"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used in registers and imports, e.g. OSAGO.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    line_of_business = fields.Selection(
        [
            ("motor", "Motor"),
            ("property", "Property"),
            ("mortgage", "Mortgage"),
            ("accident", "Accident and health"),
            ("travel", "Travel"),
            ("liability", "Liability"),
            ("corporate", "Corporate"),
            ("other", "Other"),
        ],
        required=True,
        default="motor",
    )
    term_months = fields.Integer(
        string="Default Term (months)",
        default=12,
        required=True,
        help="Used to propose the end date of a new policy.",
    )
    is_vehicle = fields.Boolean(
        string="Insures a Vehicle",
        help="Policies of this product ask for the insured vehicle.",
    )
    description = fields.Text(translate=True)
    is_pilot = fields.Boolean(
        string="Pilot Product",
        help="A new programme sold to test demand: the analytics follow its conversion.",
    )
    company_id = fields.Many2one("res.company", index=True)
    policy_count = fields.Integer(compute="_compute_policy_count")

    def _compute_policy_count(self):
        counts = dict(
            self.env["insurance.policy"]._read_group(
                [("product_id", "in", self.ids)], ["product_id"], ["__count"]
            )
        )
        for product in self:
            product.policy_count = counts.get(product, 0)

    @api.constrains("code", "company_id")
    def _check_code_unique(self):
        """Imports match products by code, so one code must name one product."""
        for product in self.filtered("code"):
            duplicate = self.with_context(active_test=False).search(
                [
                    ("id", "!=", product.id),
                    ("code", "=ilike", product.code),
                    ("company_id", "in", [product.company_id.id, False]),
                ],
                limit=1,
            )
            if duplicate:
                raise ValidationError(
                    _(
                        "Product %(product)s already uses the code %(code)s.",
                        product=duplicate.name,
                        code=product.code,
                    )
                )

    @api.constrains("term_months")
    def _check_term_months(self):
        for product in self:
            if not 1 <= product.term_months <= 120:
                raise ValidationError(
                    _(
                        "The default term of product %(product)s must be between 1 and 120 months.",
                        product=product.name,
                    )
                )

    def action_view_policies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_broker.insurance_policy_action"
        )
        action["domain"] = [("product_id", "=", self.id)]
        action["context"] = {"default_product_id": self.id}
        return action
