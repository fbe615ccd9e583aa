import json

from werkzeug.exceptions import InternalServerError

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.web.controllers.export import CSVExport, ExcelExport
from odoo.addons.web.controllers.pivot import TableExporter


def _refusal_response(exc):
    """The error the web client expects from a download route (it shows the
    message in a dialog), without logging a traceback for a mere refusal."""
    payload = json.dumps(
        {"code": 200, "message": "Odoo Server Error", "data": http.serialize_exception(exc)}
    )
    return InternalServerError(payload)


def _check_list_export(data, channel):
    """Check the export right and log the export once for the whole file (the
    grouped Excel export calls export_data once per group)."""
    params = json.loads(data)
    Model = request.env[params["model"]].with_context(**params.get("context", {}))
    ids = params.get("ids")
    count = len(ids) if ids else Model.search_count(params.get("domain") or [])
    request.env["insurance.audit.log"]._check_export(channel, params["model"], count)
    # flag on the request, not in the context: a client could forge a context key
    request.insurance_export_checked = True


class InsuranceCSVExport(CSVExport):
    @http.route()
    def web_export_csv(self, data):
        try:
            _check_list_export(data, "web_export_csv")
        except AccessError as exc:
            raise _refusal_response(exc) from exc
        return super().web_export_csv(data)


class InsuranceExcelExport(ExcelExport):
    @http.route()
    def web_export_xlsx(self, data):
        try:
            _check_list_export(data, "web_export_xlsx")
        except AccessError as exc:
            raise _refusal_response(exc) from exc
        return super().web_export_xlsx(data)


class InsuranceTableExporter(TableExporter):
    @http.route()
    def export_xlsx(self, data, **kw):
        jdata = json.load(data) if hasattr(data, "read") else json.loads(data)
        if hasattr(data, "seek"):
            data.seek(0)
        try:
            request.env["insurance.audit.log"]._check_export(
                "pivot_export_xlsx", jdata.get("model"), len(jdata.get("rows") or [])
            )
        except AccessError as exc:
            raise _refusal_response(exc) from exc
        return super().export_xlsx(data, **kw)
