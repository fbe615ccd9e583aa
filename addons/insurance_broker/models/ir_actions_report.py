from odoo import models

from .insurance_read_quota import LIMITED_MODELS


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        """Printing clients or policies is an export channel: every qweb
        rendering (HTML, PDF, text) goes through here."""
        if report.model in LIMITED_MODELS:
            docids = docids or []
            self.env["insurance.audit.log"]._check_export("report", report.model, len(docids))
        return super()._get_rendering_context(report, docids, data)
