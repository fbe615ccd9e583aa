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

    def _check_client_references(self, vals_list, fnames):
        """Refuse to link a record to a client, deal or policy the user cannot
        read. Odoo does not check the target of a many2one on create/write, and
        the name of a linked record is then shown to whoever reads the record:
        without this check a manager could type another manager's client's id
        on a complaint, an NPS answer, a discount request or a deal of their own
        and read that client's name (or, on a deal, make it their client)."""
        if self.env.su:
            return
        for fname in fnames:
            comodel = self._fields[fname].comodel_name
            ids = {vals[fname] for vals in vals_list if vals.get(fname)}
            if ids:
                self.env[comodel].browse(ids).check_access("read")
