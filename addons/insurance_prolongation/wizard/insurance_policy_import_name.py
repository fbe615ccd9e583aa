from odoo import fields, models


class InsurancePolicyImportName(models.TransientModel):
    """An insurer, product or employee name of the file that matches nothing in
    the catalogue: the user says what it is before anything is written."""

    _name = "insurance.policy.import.name"
    _description = "Policy Import: Unknown Name"
    _order = "kind, name"

    wizard_id = fields.Many2one("insurance.policy.import", required=True, ondelete="cascade")
    kind = fields.Selection(
        [("insurer", "Insurer"), ("product", "Product"), ("user", "Employee")],
        required=True,
        readonly=True,
    )
    name = fields.Char(string="Name in the File", readonly=True)
    key = fields.Char(readonly=True)
    row_count = fields.Integer(string="Rows", readonly=True)
    insurer_id = fields.Many2one("res.partner", domain=[("is_company", "=", True)])
    product_id = fields.Many2one("insurance.product")
    user_id = fields.Many2one("res.users", string="Employee", domain=[("share", "=", False)])
    create_new = fields.Boolean(
        string="Create",
        help="Create a new insurer or product with this name. Otherwise, rows with a "
        "name left unmatched go to the error file.",
    )
