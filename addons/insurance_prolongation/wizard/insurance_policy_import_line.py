from odoo import fields, models


class InsurancePolicyImportLine(models.TransientModel):
    """A row of the preview: what will happen to it and why."""

    _name = "insurance.policy.import.line"
    _description = "Policy Import: Preview Row"
    _order = "status_sequence, sheet, row, id"

    wizard_id = fields.Many2one("insurance.policy.import", required=True, ondelete="cascade")
    sheet = fields.Char()
    row = fields.Integer()
    policy_number = fields.Char(string="Policy")
    client = fields.Char()
    phone = fields.Char()
    insurer = fields.Char()
    product = fields.Char()
    date_end = fields.Date(string="End Date")
    premium = fields.Float()
    status = fields.Selection(
        [("new", "Will be imported"), ("exists", "Already imported"), ("error", "Error")],
        required=True,
    )
    status_sequence = fields.Integer()
    message = fields.Char(string="Problem")
