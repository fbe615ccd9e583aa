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


# Reads that take a specification: the records of related models they return
# in detail (more than their name) are counted too, e.g. the clients' phones
# read through a list of deals.
SPECIFICATION_READS = ("web_read", "web_search_read")
NAME_ONLY = {"display_name", "id"}


def _specification(method, args, kwargs):
    if "specification" in kwargs:
        return kwargs["specification"] or {}
    # web_read(ids, specification) / web_search_read(domain, specification, ...)
    return args[1] if len(args) > 1 and isinstance(args[1], dict) else {}


def _detailed_relations(model_class, specification, registry):
    """{field name: (comodel, sub-specification)} of the relational fields read
    in detail; recursive through sub-specifications."""
    relations = {}
    for fname, spec in (specification or {}).items():
        field = model_class._fields.get(fname)
        if not field or not field.relational or not isinstance(spec, dict):
            continue
        sub_spec = spec.get("fields") or {}
        if set(sub_spec) - NAME_ONLY:
            relations[fname] = (field.comodel_name, sub_spec)
    return relations


def _nested_ids(model_class, specification, rows, registry, found):
    """Collect into ``found`` {model: set(ids)} the related records of a limited
    model that ``rows`` (web_read values) carry in detail."""
    for fname, (comodel, sub_spec) in _detailed_relations(
        model_class, specification, registry
    ).items():
        values = []
        for row in rows:
            value = row.get(fname)
            if isinstance(value, dict):
                values.append(value)
            elif isinstance(value, list):
                values.extend(v for v in value if isinstance(v, dict))
        if comodel in LIMITED_MODELS:
            found.setdefault(comodel, set()).update(v["id"] for v in values if v.get("id"))
        _nested_ids(registry[comodel], sub_spec, values, registry, found)
    return found


def _nests_limited_model(model_class, specification, registry, depth=0):
    if depth > 3:
        return False
    for comodel, sub_spec in _detailed_relations(model_class, specification, registry).values():
        if comodel in LIMITED_MODELS or _nests_limited_model(
            registry[comodel], sub_spec, registry, depth + 1
        ):
            return True
    return False


def _call_kw_readonly(controller):
    """Reads of clients and policies are counted in the database: they need a
    read/write cursor. Other reads keep Odoo's read-only cursor."""
    params = request.get_json_data()["params"]
    model, method = params.get("model"), params.get("method")
    if model in LIMITED_MODELS and method in COUNTED_READS:
        return False
    if method in SPECIFICATION_READS and model in request.registry:
        specification = _specification(method, params.get("args") or [], params.get("kwargs") or {})
        if _nests_limited_model(request.registry[model], specification, request.registry):
            return False
    return DataSet._call_kw_readonly(controller)


class InsuranceDataSet(DataSet):
    @http.route(readonly=_call_kw_readonly)
    def call_kw(self, model, method, args, kwargs, path=None):
        result = super().call_kw(model, method, args, kwargs, path=path)
        Quota = request.env["insurance.read.quota"]
        counter = COUNTED_READS.get(method) or CALL_LIMITED_READS.get(method)
        if counter and isinstance(result, list | dict):
            Quota._consume(model, counter(result), count_hourly=method in COUNTED_READS)
        if method in SPECIFICATION_READS and isinstance(result, list | dict):
            rows = result.get("records", []) if isinstance(result, dict) else result
            specification = _specification(method, args, kwargs)
            nested = _nested_ids(request.registry[model], specification, rows, request.registry, {})
            for comodel, ids in nested.items():
                Quota._consume(comodel, len(ids))
        return result
