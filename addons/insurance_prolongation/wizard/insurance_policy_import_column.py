from odoo import fields, models

IMPORT_FIELDS = [
    ("date_sale", "Sale date"),
    ("seller", "Seller"),
    ("issuer", "Issuer"),
    ("client", "Client name"),
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("consent", "SMS consent"),
    ("product", "Product"),
    ("insurer", "Insurer"),
    ("number", "Policy number"),
    ("date_start", "Start date"),
    ("date_end", "End date"),
    ("premium", "Premium"),
    ("commission_rate", "Commission (%)"),
    ("plate", "Plate"),
    ("vin", "VIN"),
    ("make", "Make"),
    ("model", "Model"),
    ("payment", "Payment method"),
    ("delivery", "Delivery"),
    ("note", "Comment"),
]


class InsurancePolicyImportColumn(models.TransientModel):
    """A column title found in the file and the policy field it fills."""

    _name = "insurance.policy.import.column"
    _description = "Policy Import: Column Mapping"
    _order = "sequence, id"

    wizard_id = fields.Many2one("insurance.policy.import", required=True, ondelete="cascade")
    sequence = fields.Integer()
    header = fields.Char(string="Column in the File", readonly=True)
    header_key = fields.Char(readonly=True)
    field = fields.Selection(IMPORT_FIELDS, string="Imported As")
    sample = fields.Char(string="Example", readonly=True)
