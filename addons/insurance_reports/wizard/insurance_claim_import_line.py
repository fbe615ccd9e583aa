from odoo import api, fields, models


class InsuranceClaimImportLine(models.TransientModel):
    """A row of the claims file as the preview shows it."""

    _name = "insurance.claim.import.line"
    _description = "Row of a Claims Import"
    _order = "status_sequence, row_number"

    wizard_id = fields.Many2one("insurance.claim.import", required=True, ondelete="cascade")
    row_number = fields.Integer(string="Row")
    policy_name = fields.Char(string="Policy")
    claim_name = fields.Char(string="Claim")
    date = fields.Date(string="Date of Loss")
    amount_paid = fields.Float(string="Paid")
    status = fields.Selection(
        [("error", "Error"), ("new", "New"), ("update", "Update")], required=True
    )
    status_sequence = fields.Integer(compute="_compute_status_sequence", store=True)
    message = fields.Text(string="Errors")

    @api.depends("status")
    def _compute_status_sequence(self):
        order = {"error": 0, "new": 1, "update": 2}
        for line in self:
            line.status_sequence = order.get(line.status, 3)
