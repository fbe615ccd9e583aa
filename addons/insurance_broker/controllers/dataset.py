from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.dataset import DataSet

from ..models.insurance_read_quota import LIMITED_MODELS

# Public read methods of the web client and what they return: the records of
# the model itself are counted against the bulk-read limits.
COUNTED_READS = {
    "read": lambda result: len(result),
    "search_read": lambda result: len(result),
    "web_read": lambda result: len(result),
    "web_search_read": lambda result: len(result.get("records", [])),
    "read_group": lambda result: len(result),
    "web_read_group": lambda result: len(result.get("groups", [])),
}
# Autocompletes return a few names per keystroke: limited per call only, so
# typing does not eat the hourly quota.
CALL_LIMITED_READS = {
    "name_search": lambda result: len(result),
}


def _call_kw_readonly(controller):
    """Reads of clients and policies are counted in the database: they need a
    read/write cursor. Other reads keep Odoo's read-only cursor."""
    params = request.get_json_data()["params"]
    if params.get("model") in LIMITED_MODELS and params.get("method") in COUNTED_READS:
        return False
    return DataSet._call_kw_readonly(controller)


class InsuranceDataSet(DataSet):
    @http.route(readonly=_call_kw_readonly)
    def call_kw(self, model, method, args, kwargs, path=None):
        result = super().call_kw(model, method, args, kwargs, path=path)
        counter = COUNTED_READS.get(method) or CALL_LIMITED_READS.get(method)
        if counter and isinstance(result, list | dict):
            request.env["insurance.read.quota"]._consume(
                model, counter(result), count_hourly=method in COUNTED_READS
            )
        return result
