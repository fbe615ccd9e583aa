"""Benchmark: 10,000 queued SMS sent through the fake gateway.

The SMS go through Odoo's own queue (``sms.sms._process_queue``) and
insurance_sms's gateway layer to the fake SMS.ru of
``addons/insurance_sms/tests/fake_gateway.py``, over real HTTP on 127.0.0.1.
Prints SMS per second and SQL queries per SMS (target: at least 100 SMS/s on
the CI machine); timings are printed, never asserted.  The transaction is
rolled back afterwards (Odoo's "testing" flag is set so the queue does not
commit).
"""

import threading
import time

import pytest

COUNT = 10_000


def _configure(env, url, parallel):
    from odoo.addons.insurance_sms.tests.fake_gateway import API_KEY  # noqa: PLC0415

    icp = env["ir.config_parameter"].sudo()
    for key, value in {
        "provider": "smsru",
        "smsru_url": url,
        "login": "",
        "api_key": API_KEY,
        "sender": "POLIS",
        "test_mode": "",
        "transliterate": "",
        "parallel": str(parallel),
        # the benchmark measures throughput, not quiet hours
        "send_hour_from": "0",
        "send_hour_to": "24",
    }.items():
        icp.set_param(f"insurance_sms.{key}", value)


def _queue(env, count, prefix):
    env["sms.sms"].search([("state", "=", "outgoing")]).write({"state": "canceled"})
    partners = env["res.partner"].create(
        [{"name": f"Клиент СМС {prefix} {i}", "tz": "Europe/Moscow"} for i in range(100)]
    )
    return env["sms.sms"].create(
        [
            {
                "number": f"+7916{prefix}{i:06d}",
                "partner_id": partners[i % len(partners)].id,
                "body": f"Полис ОСАГО ХХХ {i:010d} действует до 01.12.2026. Продлим заранее: "
                "+74951112233",
            }
            for i in range(count)
        ]
    )


def _measure(env, gateway, count, prefix, parallel):
    _configure(env, gateway.url("smsru"), parallel)
    sms = _queue(env, count, prefix)
    env.flush_all()
    env.invalidate_all()
    gateway.reset()
    thread = threading.current_thread()
    was_testing = getattr(thread, "testing", False)
    thread.testing = True  # Odoo's own "do not commit" switch for the queue
    try:
        queries_before = env.cr.sql_log_count
        started = time.perf_counter()
        env["sms.sms"]._process_queue()
        env.flush_all()
        elapsed = time.perf_counter() - started
        queries = env.cr.sql_log_count - queries_before
    finally:
        thread.testing = was_testing
    env.invalidate_all()
    states = {state for state in sms.mapped("state")}
    assert states == {"pending"}, states
    assert len(gateway.sent) == count
    return elapsed, queries


def test_sms_queue_throughput(odoo_env):
    env = odoo_env
    if "insurance.policy.sms.reminder" not in env:
        pytest.skip("insurance_sms is not installed")
    from odoo.addons.insurance_sms.tests.fake_gateway import FakeGateway  # noqa: PLC0415

    gateway = FakeGateway().start()
    try:
        rows = []
        for parallel, prefix in ((1, "1"), (4, "4")):
            elapsed, queries = _measure(env, gateway, COUNT, prefix, parallel)
            rows.append((parallel, elapsed, queries))
    finally:
        gateway.stop()
    print(f"\n== benchmark: {COUNT} queued SMS through the fake SMS.ru (HTTP, 127.0.0.1) ==")
    print(f"{'parallel requests':>17} {'seconds':>8} {'SMS/s':>8} {'queries/SMS':>12}")
    for parallel, elapsed, queries in rows:
        print(f"{parallel:>17} {elapsed:>8.2f} {COUNT / elapsed:>8.0f} {queries / COUNT:>12.3f}")
    print("target: at least 100 SMS/s")
