"""Benchmark: what the bulk-read accounting costs a manager's list view.

Pages of 20 clients through /web/dataset/call_kw/res.partner/web_search_read,
as the demo manager2 (counted: a quota row per call on a cursor of its own)
and as the head of sales (not counted), against the real server. Prints the
mean and median time per page for both and the difference, which is what a
manager pays for the security: the record rules on contacts plus the quota
accounting. Timings are printed, never asserted; the only assertion is that
every page was served.
"""

import statistics
import time

import requests

PAGES = 30  # twice 600 records with the warm-up: below the hourly limit of 2,000
PAGE_SIZE = 20


def _session(url, db, login):
    session = requests.Session()
    answer = session.post(
        f"{url}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": login}},
        timeout=60,
    ).json()
    assert "error" not in answer, answer
    return session


def _page_times(url, session):
    times = []
    for page in range(PAGES):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": "res.partner",
                "method": "web_search_read",
                "args": [],
                "kwargs": {
                    "domain": [],
                    "specification": {"name": {}, "phone": {}, "email": {}},
                    "offset": (page * PAGE_SIZE) % 40,
                    "limit": PAGE_SIZE,
                },
            },
        }
        start = time.perf_counter()
        answer = session.post(
            f"{url}/web/dataset/call_kw/res.partner/web_search_read", json=payload, timeout=60
        ).json()
        times.append((time.perf_counter() - start) * 1000)
        assert "result" in answer, answer
    return times


def test_bench_read_quota_overhead(odoo_server, odoo_db_name):
    results = {}
    for login in ("head", "manager2"):
        session = _session(odoo_server, odoo_db_name, login)
        _page_times(odoo_server, session)  # warm-up: caches, first queries
        results[login] = _page_times(odoo_server, session)
    print()
    for login, label in (("head", "head (not counted)"), ("manager2", "manager (counted)")):
        times = results[login]
        print(
            f"bulk-read quota: {label:<20} mean {statistics.mean(times):6.1f} ms, "
            f"median {statistics.median(times):6.1f} ms per page of {PAGE_SIZE}"
        )
    overhead = statistics.median(results["manager2"]) - statistics.median(results["head"])
    print(
        f"bulk-read quota: manager - head (record rules + accounting) {overhead:+.1f} ms "
        "per call (median)"
    )
