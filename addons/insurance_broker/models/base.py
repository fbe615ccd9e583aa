from odoo import models
from odoo.http import request


class Base(models.AbstractModel):
    _inherit = "base"

    def export_data(self, fields_to_export):
        """export_data is the only export path Odoo guards; route it through the
        audit log so that a refusal is recorded and explained in Russian.
        The export routes check once per file and flag the request."""
        if not (request and getattr(request, "insurance_export_checked", False)):
            self.env["insurance.audit.log"]._check_export("export_data", self._name, len(self))
        return super().export_data(fields_to_export)
