from odoo import fields, models


class InsurancePayMonthWizard(models.TransientModel):
    _name = "insurance.pay.month.wizard"
    _description = "Compute or Close the Pay of a Month"

    month = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Any day of the month.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def _open_statements(self, statements):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_reports.insurance_pay_statement_action"
        )
        action["domain"] = [("id", "in", statements.ids)]
        return action

    def action_compute(self):
        self.ensure_one()
        statements = self.env["insurance.pay.statement"]._compute_month(self.month, self.company_id)
        return self._open_statements(statements)

    def action_close(self):
        self.ensure_one()
        statements = self.env["insurance.pay.statement"]._close_month(self.month, self.company_id)
        return self._open_statements(statements)
