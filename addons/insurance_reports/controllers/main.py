import tempfile

from werkzeug.wsgi import wrap_file

from odoo import http
from odoo.http import request

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class InsuranceReportsController(http.Controller):
    def _xlsx_response(self, write, filename):
        """Write the workbook into a temporary file and stream it back, so the
        file is never held in memory whole."""
        tmp = tempfile.TemporaryFile(suffix=".xlsx")
        write(tmp)
        size = tmp.tell()
        tmp.seek(0)
        headers = [
            ("Content-Type", XLSX_MIMETYPE),
            ("Content-Length", str(size)),
            ("Content-Disposition", http.content_disposition(filename)),
        ]
        response = request.make_response(
            wrap_file(request.httprequest.environ, tmp), headers=headers
        )
        response.direct_passthrough = True
        return response

    @http.route("/insurance_reports/register/<int:wizard_id>", type="http", auth="user")
    def register_xlsx(self, wizard_id, **kwargs):
        wizard = request.env["insurance.register.wizard"].browse(wizard_id).exists()
        if not wizard:
            return request.not_found()
        wizard.check_access("read")
        return self._xlsx_response(wizard._write_register_xlsx, wizard._export_filename())

    @http.route("/insurance_reports/pay", type="http", auth="user")
    def pay_xlsx(self, ids="", **kwargs):
        statement_ids = [int(i) for i in ids.split(",") if i.strip().isdigit()]
        statements = request.env["insurance.pay.statement"].browse(statement_ids).exists()
        if not statements:
            return request.not_found()
        statements.check_access("read")
        return self._xlsx_response(statements._write_pay_xlsx, statements._export_filename())
