"""Role x channel x model matrix of the export ban (docs/SECURITY.md).

Every channel is driven the way an outsider would: real HTTP requests against
the Odoo server of the test database (web session + /web/export/*,
/web/dataset/call_kw, /web/pivot/export_xlsx, /report/html, /xmlrpc/2/object,
/jsonrpc, API keys). Each case asserts allow or deny, and the audit row the
attempt left (read back by the administrator over XML-RPC).

Users are the demo ones (login = password): manager1 (manager), head (head of
sales), accountant (accountant), admin.
"""

from __future__ import annotations

import html
import json
import re
import xmlrpc.client
from datetime import UTC, datetime, timedelta

import pytest
import requests

MANAGER, HEAD, ACCOUNTANT = "manager1", "head", "accountant"
MODELS = ("res.partner", "insurance.policy")
# the per-call limit is lowered for the matrix, so that a manager's demo
# portfolio (a few dozen clients) is enough to cross it
CALL_LIMIT = 20
CYRILLIC = re.compile(r"[А-Яа-яЁё]{4,}")
# API keys of non-administrators must expire within 90 days
IN_A_WEEK = (datetime.now(UTC) + timedelta(days=7)).strftime("%Y-%m-%d %H:%M:%S")


# ----------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------
class Admin:
    """The administrator over XML-RPC: sets parameters, reads the audit log."""

    def __init__(self, url, db):
        self.db = db
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", allow_none=True)
        self.uid = common.authenticate(db, "admin", "admin", {})
        assert self.uid, "the demo administrator admin/admin must exist"
        self.models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(self.db, self.uid, "admin", model, method, list(args), kwargs)

    def uid_of(self, login):
        return self.call("res.users", "search", [("login", "=", login)])[0]

    def last_log_id(self):
        ids = self.call("insurance.audit.log", "search", [], limit=1, order="id desc")
        return ids[0] if ids else 0

    def logs_after(self, log_id, login):
        return self.call(
            "insurance.audit.log",
            "search_read",
            [("id", ">", log_id), ("user_id", "=", self.uid_of(login))],
            ["outcome", "channel", "res_model", "record_count", "ip_address", "reason"],
            order="id desc",
        )


class WebUser:
    """A browser session: logs in like the login form does."""

    def __init__(self, url, db, login):
        self.url = url
        self.session = requests.Session()
        answer = self.session.post(
            f"{url}/web/session/authenticate",
            json={"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": login}},
            timeout=60,
        ).json()
        assert "error" not in answer, answer
        self.uid = answer["result"]["uid"]

    def call_kw(self, model, method, args=(), **kwargs):
        answer = self.session.post(
            f"{self.url}/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            },
            timeout=120,
        ).json()
        return answer

    def export(self, fmt, model, fields=("display_name",)):
        data = {
            "model": model,
            "fields": [{"name": f, "label": f} for f in fields],
            "ids": False,
            "domain": [],
            "import_compat": False,
            "context": {},
        }
        return self.session.get(
            f"{self.url}/web/export/{fmt}", params={"data": json.dumps(data)}, timeout=120
        )


@pytest.fixture(scope="module")
def admin(odoo_server, odoo_db_name):
    admin = Admin(odoo_server, odoo_db_name)
    ICP = "ir.config_parameter"
    old_call = admin.call(ICP, "get_param", "insurance_broker.bulk_read_call_limit")
    old_hour = admin.call(ICP, "get_param", "insurance_broker.bulk_read_hour_limit")
    admin.call(ICP, "set_param", "insurance_broker.bulk_read_call_limit", str(CALL_LIMIT))
    admin.call(ICP, "set_param", "insurance_broker.bulk_read_hour_limit", "100000")
    yield admin
    admin.call(ICP, "set_param", "insurance_broker.bulk_read_call_limit", old_call or "200")
    admin.call(ICP, "set_param", "insurance_broker.bulk_read_hour_limit", old_hour or "2000")


@pytest.fixture(scope="module")
def web(odoo_server, odoo_db_name, admin):
    return {
        login: WebUser(odoo_server, odoo_db_name, login) for login in (MANAGER, HEAD, ACCOUNTANT)
    }


def assert_refused_row(admin, since, login, channel, model=None):
    rows = admin.logs_after(since, login)
    assert rows, f"no audit row for {login} on {channel}"
    row = rows[0]
    assert row["outcome"] == "refused", row
    assert row["channel"] == channel, row
    if model:
        assert row["res_model"] == model, row
    assert row["ip_address"] == "127.0.0.1", row
    return row


def assert_allowed_row(admin, since, login, channel, model):
    rows = admin.logs_after(since, login)
    assert rows, f"no audit row for {login} on {channel}"
    row = rows[0]
    assert (row["outcome"], row["channel"], row["res_model"]) == ("allowed", channel, model), row
    assert row["record_count"] > 0, row
    return row


def error_message(answer):
    return answer["error"]["data"]["message"]


def download_error(response):
    """The error of a download route, read the way the web client does: the
    JSON payload inside werkzeug's HTML error page."""
    assert response.status_code == 500, response.status_code
    paragraph = re.search(r"<p>(.*)</p>", response.text, re.S)
    return json.loads(html.unescape(paragraph.group(1)))["data"]


# ----------------------------------------------------------------------------
# list export: /web/export/csv and /web/export/xlsx
# ----------------------------------------------------------------------------
@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("login", [MANAGER, HEAD, ACCOUNTANT])
def test_web_export(web, admin, login, fmt, model):
    since = admin.last_log_id()
    response = web[login].export(fmt, model)
    if login == MANAGER:
        error = download_error(response)
        assert error["name"] == "odoo.exceptions.AccessError"
        assert CYRILLIC.search(error["message"]), error["message"]
        assert_refused_row(admin, since, login, f"web_export_{fmt}", model)
    else:
        assert response.status_code == 200, response.text[:500]
        assert len(response.content) > 100
        assert_allowed_row(admin, since, login, f"web_export_{fmt}", model)


# ----------------------------------------------------------------------------
# export_data through call_kw (what "Export all" and scripts use)
# ----------------------------------------------------------------------------
@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("login", [MANAGER, HEAD, ACCOUNTANT])
def test_export_data_over_call_kw(web, admin, login, model):
    user = web[login]
    ids = user.call_kw(model, "search", [[]], limit=5)["result"]
    assert ids
    since = admin.last_log_id()
    answer = user.call_kw(model, "export_data", [ids, ["display_name"]])
    if login == MANAGER:
        assert "error" in answer
        assert CYRILLIC.search(error_message(answer))
        assert_refused_row(admin, since, login, "export_data", model)
    else:
        assert len(answer["result"]["datas"]) == len(ids)
        assert_allowed_row(admin, since, login, "export_data", model)


# ----------------------------------------------------------------------------
# bulk reads through call_kw
# ----------------------------------------------------------------------------
def _bulk(user, model, method, limit):
    if method == "search_read":
        return user.call_kw(model, method, [], domain=[], fields=["display_name"], limit=limit)
    if method == "web_search_read":
        return user.call_kw(
            model, method, [], domain=[], specification={"display_name": {}}, limit=limit
        )
    if method == "read":
        ids = user.call_kw(model, "search", [[]], limit=limit)["result"]
        return user.call_kw(model, method, [ids, ["display_name"]])
    if method == "read_group":
        return user.call_kw(
            model, method, [], domain=[], fields=["__count"], groupby=["name"], limit=limit
        )
    raise AssertionError(method)


def _count(method, answer):
    result = answer["result"]
    return len(result["records"]) if method == "web_search_read" else len(result)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("method", ["search_read", "web_search_read", "read", "read_group"])
@pytest.mark.parametrize("login", [MANAGER, HEAD, ACCOUNTANT])
def test_bulk_read(web, admin, login, method, model):
    user = web[login]
    # a page within the limit always works
    small = _bulk(user, model, method, 5)
    assert "error" not in small, small
    assert 0 < _count(method, small) <= 5
    since = admin.last_log_id()
    big = _bulk(user, model, method, CALL_LIMIT + 10)
    if login == MANAGER:
        assert "error" in big, f"{method} of {CALL_LIMIT + 10} {model} was not refused"
        assert CYRILLIC.search(error_message(big))
        row = assert_refused_row(admin, since, login, "bulk_read", model)
        assert row["record_count"] == CALL_LIMIT + 10
        assert row["reason"] == "limit per call"
    else:
        assert "error" not in big, big
        assert _count(method, big) == CALL_LIMIT + 10


# ----------------------------------------------------------------------------
# pivot table to Excel
# ----------------------------------------------------------------------------
@pytest.mark.parametrize("login", [MANAGER, HEAD])
def test_pivot_export(web, admin, login):
    data = {
        "title": "Полисы",
        "model": "insurance.policy",
        "measure_count": 1,
        "origin_count": 1,
        "col_group_headers": [[{"title": "Итого", "width": 1, "height": 1}]],
        "measure_headers": [{"title": "Количество", "width": 1, "height": 1, "is_bold": True}],
        "origin_headers": [],
        "rows": [{"title": "Итого", "indent": 0, "values": [{"value": 3, "is_bold": True}]}],
    }
    since = admin.last_log_id()
    response = web[login].session.get(
        f"{web[login].url}/web/pivot/export_xlsx", params={"data": json.dumps(data)}, timeout=60
    )
    if login == MANAGER:
        assert download_error(response)["name"] == "odoo.exceptions.AccessError"
        assert_refused_row(admin, since, login, "pivot_export_xlsx", "insurance.policy")
    else:
        assert response.status_code == 200
        assert_allowed_row(admin, since, login, "pivot_export_xlsx", "insurance.policy")


# ----------------------------------------------------------------------------
# printed reports
# ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def client_list_report(admin):
    key = "insurance_broker.pytest_client_list"
    if not admin.call("ir.actions.report", "search", [("report_name", "=", key)]):
        admin.call(
            "ir.ui.view",
            "create",
            {
                "name": key,
                "type": "qweb",
                "key": key,
                "arch": f'<t t-name="{key}"><div t-foreach="docs" t-as="o">'
                '<span t-out="o.name"/></div></t>',
            },
        )
        admin.call(
            "ir.actions.report",
            "create",
            {
                "name": "Список клиентов",
                "model": "res.partner",
                "report_type": "qweb-html",
                "report_name": key,
            },
        )
    return key


@pytest.mark.parametrize("login", [MANAGER, HEAD, ACCOUNTANT])
def test_print_client_list(web, admin, client_list_report, login):
    user = web[login]
    ids = user.call_kw("res.partner", "search", [[]], limit=3)["result"]
    since = admin.last_log_id()
    response = user.session.get(
        f"{user.url}/report/html/{client_list_report}/{','.join(map(str, ids))}", timeout=60
    )
    if login == MANAGER:
        assert response.status_code != 200
        row = assert_refused_row(admin, since, login, "report", "res.partner")
        assert row["record_count"] == len(ids)
    else:
        assert response.status_code == 200
        assert_allowed_row(admin, since, login, "report", "res.partner")


# ----------------------------------------------------------------------------
# external API: XML-RPC and JSON-RPC with a password or an API key
# ----------------------------------------------------------------------------
def _xmlrpc_read(url, db, login, secret, model):
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", allow_none=True)
    uid = common.authenticate(db, login, secret, {})
    if not uid:
        return None
    objects = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
    return objects.execute_kw(db, uid, secret, model, "search_read", [[]], {"limit": 3})


def _jsonrpc_read(url, db, uid, secret, model):
    answer = requests.post(
        f"{url}/jsonrpc",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [db, uid, secret, model, "search_read", [[]], {"limit": 3}],
            },
        },
        timeout=60,
    ).json()
    return answer


@pytest.fixture(scope="module")
def api_keys(odoo_registry, admin):
    """Keys as if given before the rules existed (a manager cannot create one)."""
    from odoo import api  # noqa: PLC0415

    keys = {}
    with odoo_registry.cursor() as cr:
        for login in (MANAGER, HEAD):
            env = api.Environment(cr, admin.uid_of(login), {})
            keys[login] = env["res.users.apikeys"].sudo()._generate(None, "pytest", None)
    return keys


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("login", [MANAGER, HEAD, ACCOUNTANT])
def test_xmlrpc_with_password(odoo_server, odoo_db_name, admin, login, model):
    since = admin.last_log_id()
    if login == MANAGER:
        with pytest.raises(xmlrpc.client.Fault):
            # authenticate answers False; the object call itself is refused too
            uid = admin.uid_of(login)
            objects = xmlrpc.client.ServerProxy(f"{odoo_server}/xmlrpc/2/object", allow_none=True)
            objects.execute_kw(odoo_db_name, uid, login, model, "search_read", [[]], {"limit": 3})
        assert _xmlrpc_read(odoo_server, odoo_db_name, login, login, model) is None
        assert_refused_row(admin, since, login, "rpc")
    else:
        assert _xmlrpc_read(odoo_server, odoo_db_name, login, login, model)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("login", [MANAGER, HEAD])
def test_jsonrpc_with_password(odoo_server, odoo_db_name, admin, login, model):
    since = admin.last_log_id()
    answer = _jsonrpc_read(odoo_server, odoo_db_name, admin.uid_of(login), login, model)
    if login == MANAGER:
        assert "error" in answer
        assert_refused_row(admin, since, login, "rpc")
    else:
        assert answer["result"], answer


@pytest.mark.parametrize("login", [MANAGER, HEAD])
def test_api_key_use(odoo_server, odoo_db_name, admin, api_keys, login):
    since = admin.last_log_id()
    key = api_keys[login]
    result = _xmlrpc_read(odoo_server, odoo_db_name, login, key, "res.partner")
    answer = _jsonrpc_read(odoo_server, odoo_db_name, admin.uid_of(login), key, "res.partner")
    if login == MANAGER:
        assert result is None
        assert "error" in answer
        rows = admin.logs_after(since, login)
        assert {row["channel"] for row in rows} >= {"rpc"}
        assert all(row["outcome"] == "refused" for row in rows)
    else:
        assert result
        assert answer["result"]


@pytest.mark.parametrize("login", [MANAGER, HEAD])
def test_api_key_creation(web, admin, login):
    user = web[login]
    created = user.call_kw(
        "res.users.apikeys.description",
        "create",
        [{"name": "pytest", "expiration_date": IN_A_WEEK}],
    )
    assert "result" in created, created
    since = admin.last_log_id()
    answer = user.call_kw(
        "res.users.apikeys.description", "check_access_make_key", [[created["result"]]]
    )
    if login == MANAGER:
        assert "error" in answer
        assert CYRILLIC.search(error_message(answer))
        assert_refused_row(admin, since, login, "api_key")
    else:
        assert "error" not in answer, answer


# ----------------------------------------------------------------------------
# what the manager may still do, and the notification of the head
# ----------------------------------------------------------------------------
def test_manager_web_client_works_within_limits(web):
    manager = web[MANAGER]
    form = manager.call_kw(
        "res.partner", "web_search_read", [], domain=[], specification={"name": {}}, limit=1
    )
    assert len(form["result"]["records"]) == 1
    names = manager.call_kw("res.partner", "name_search", [], name="", limit=8)
    assert "result" in names, names


def test_head_notified_of_refusals(odoo_server, odoo_db_name, admin):
    """Runs after the refusals above: the head's own to-do list (read over
    XML-RPC, as the head) names the refused manager."""
    manager_name = admin.call("res.users", "read", [admin.uid_of(MANAGER)], ["name"])[0]["name"]
    head_uid = admin.uid_of(HEAD)
    objects = xmlrpc.client.ServerProxy(f"{odoo_server}/xmlrpc/2/object", allow_none=True)
    activities = objects.execute_kw(
        odoo_db_name,
        head_uid,
        HEAD,
        "mail.activity",
        "search_read",
        [[("res_model", "=", "insurance.audit.log"), ("user_id", "=", head_uid)]],
        {"fields": ["summary", "note"]},
    )
    assert any(manager_name in (a["summary"] or "") for a in activities), activities


def test_audit_log_hidden_from_manager_and_not_editable(web, admin):
    answer = web[MANAGER].call_kw("insurance.audit.log", "search_read", [], domain=[], limit=1)
    assert "error" in answer
    log_id = admin.last_log_id()
    assert log_id
    for method, args in (("write", [[log_id], {"record_count": 0}]), ("unlink", [[log_id]])):
        answer = web[HEAD].call_kw("insurance.audit.log", method, args)
        assert "error" in answer, f"{method} of an audit row was accepted"
    with pytest.raises(xmlrpc.client.Fault):
        admin.call("insurance.audit.log", "unlink", [log_id])


# ----------------------------------------------------------------------------
# issue 7: models that hold client data (complaints, NPS, claims, discount
# approvals, analytics rows with a client column)
# ----------------------------------------------------------------------------
MANAGER_2 = "manager2"
CLIENT_DATA_MODELS = (
    "insurance.claim",
    "insurance.complaint",
    "insurance.nps.response",
    "insurance.discount.approval",
    "insurance.lost.deal.report",
    "insurance.data.quality.report",
)


@pytest.mark.parametrize("model", CLIENT_DATA_MODELS)
@pytest.mark.parametrize("login", [MANAGER, HEAD, ACCOUNTANT])
def test_web_export_xlsx_of_client_data(web, admin, login, model):
    since = admin.last_log_id()
    response = web[login].export("xlsx", model)
    if login == MANAGER:
        error = download_error(response)
        assert error["name"] == "odoo.exceptions.AccessError"
        assert CYRILLIC.search(error["message"]), error["message"]
        assert_refused_row(admin, since, login, "web_export_xlsx", model)
    else:
        assert response.status_code == 200, response.text[:500]
        assert response.content[:2] == b"PK", "not an xlsx file"
        assert_allowed_row(admin, since, login, "web_export_xlsx", model)


@pytest.mark.parametrize("model", CLIENT_DATA_MODELS)
@pytest.mark.parametrize("login", [MANAGER, HEAD, ACCOUNTANT])
def test_export_data_of_client_data(web, admin, login, model):
    user = web[login]
    ids = user.call_kw(model, "search", [[]], limit=5)["result"]
    assert ids, f"{login} sees no {model} in the demo data"
    since = admin.last_log_id()
    answer = user.call_kw(model, "export_data", [ids, ["display_name"]])
    if login == MANAGER:
        assert "error" in answer, answer
        assert CYRILLIC.search(error_message(answer))
        row = assert_refused_row(admin, since, login, "export_data", model)
        assert row["record_count"] == len(ids)
    else:
        assert len(answer["result"]["datas"]) == len(ids)
        assert_allowed_row(admin, since, login, "export_data", model)


def _clients_of_only(admin, owner, other):
    """Clients of ``owner``'s deals and policies that ``other`` has no link to."""
    owner_id, other_id = admin.uid_of(owner), admin.uid_of(other)

    def clients(uid):
        return set(
            admin.call(
                "res.partner",
                "search",
                [
                    "|",
                    "|",
                    "|",
                    "|",
                    ("create_uid", "=", uid),
                    ("commercial_partner_id.opportunity_ids.user_id", "=", uid),
                    ("commercial_partner_id.policy_ids.seller_id", "=", uid),
                    ("commercial_partner_id.policy_ids.issuer_id", "=", uid),
                    ("commercial_partner_id.policy_ids.lead_id.user_id", "=", uid),
                ],
            )
        )

    return sorted(clients(owner_id) - clients(other_id))


@pytest.fixture(scope="module")
def other_managers_records(admin):
    """{model: ids} of complaints, NPS answers and claims on manager2's clients
    that manager1 has nothing to do with (found by the administrator)."""
    clients = _clients_of_only(admin, MANAGER_2, MANAGER)
    manager_id = admin.uid_of(MANAGER)
    records = {
        "insurance.complaint": admin.call(
            "insurance.complaint",
            "search",
            [("partner_id", "in", clients), ("user_id", "!=", manager_id)],
        ),
        "insurance.nps.response": admin.call(
            "insurance.nps.response",
            "search",
            [("partner_id", "in", clients), ("user_id", "!=", manager_id)],
        ),
        "insurance.claim": admin.call(
            "insurance.claim",
            "search",
            [("policy_id.seller_id", "=", admin.uid_of(MANAGER_2)), ("partner_id", "in", clients)],
        ),
    }
    for model, ids in records.items():
        assert ids, f"the demo data has no {model} of manager2's own clients"
    return {"clients": clients, **records}


@pytest.mark.parametrize(
    "model", ["insurance.complaint", "insurance.nps.response", "insurance.claim"]
)
def test_manager_cannot_read_another_managers_client_data(web, other_managers_records, model):
    ids = other_managers_records[model]
    domain = [("id", "in", ids)]
    answer = web[MANAGER].call_kw(
        model, "search_read", [], domain=domain, fields=["display_name", "partner_id"]
    )
    assert answer.get("result") == [], answer
    answer = web[MANAGER].call_kw(model, "read", [ids, ["partner_id"]])
    assert "error" in answer, answer
    # the head of sales reads them all (so the domain above is not empty)
    answer = web[HEAD].call_kw(model, "search_read", [], domain=domain, fields=["partner_id"])
    assert sorted(row["id"] for row in answer["result"]) == sorted(ids)


def test_manager_cannot_reach_a_client_by_typing_its_id(web, admin, other_managers_records):
    """Creating a record of their own on another manager's client would show
    its name: refused, nothing saved."""
    client_id = other_managers_records["clients"][0]
    attempts = (
        ("insurance.complaint", {"name": "pytest", "partner_id": client_id}),
        ("insurance.nps.response", {"partner_id": client_id, "score": 5}),
        ("crm.lead", {"name": "pytest", "partner_id": client_id}),
    )
    for model, values in attempts:
        count = admin.call(model, "search_count", [])
        answer = web[MANAGER].call_kw(model, "create", [values])
        assert "error" in answer, f"{model} created on another manager's client"
        assert answer["error"]["data"]["name"] == "odoo.exceptions.AccessError"
        assert admin.call(model, "search_count", []) == count
    answer = web[MANAGER].call_kw(
        "res.partner", "search_read", [], domain=[("id", "=", client_id)], fields=["name"]
    )
    assert answer["result"] == []


def test_decided_discount_approval_is_immutable_over_rpc(web, admin):
    manager_id = admin.uid_of(MANAGER)
    decided = admin.call(
        "insurance.discount.approval",
        "search_read",
        [("state", "in", ["approved", "rejected"]), ("requested_by_id", "=", manager_id)],
        ["state", "decision_comment", "discount_requested"],
        limit=1,
    )
    assert decided, "the demo data has no decided approval of manager1"
    before = decided[0]
    for login in (MANAGER, HEAD):
        for values in (
            {"state": "pending"},
            {"decision_comment": "pytest"},
            {"discount_requested": 1.0},
        ):
            answer = web[login].call_kw(
                "insurance.discount.approval", "write", [[before["id"]], values]
            )
            assert "error" in answer, f"{login} changed a decided approval with {values}"
        answer = web[login].call_kw("insurance.discount.approval", "unlink", [[before["id"]]])
        assert "error" in answer, f"{login} deleted a decided approval"
    after = admin.call(
        "insurance.discount.approval",
        "read",
        [before["id"]],
        ["state", "decision_comment", "discount_requested"],
    )[0]
    assert after == before


def test_client_value_reports_are_not_a_managers(web):
    """LTV and loss ratio per client: head and accountant only."""
    for model in ("insurance.client.ltv", "insurance.loss.ratio.report"):
        answer = web[MANAGER].call_kw(model, "search_read", [], domain=[], limit=1)
        assert "error" in answer, f"a manager read {model}"
        answer = web[HEAD].call_kw(model, "search_read", [], domain=[], limit=1)
        assert answer["result"], model
    own = web[MANAGER].call_kw("res.partner", "search", [[]], limit=1)
    answer = web[MANAGER].call_kw("res.partner", "read", [own["result"], ["insurance_ltv"]])
    assert "error" in answer, "a manager read a client's LTV"
