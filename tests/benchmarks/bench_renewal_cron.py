"""Benchmark: the renewal cron over a large imported base.

100,000 policies, 10,000 of them ending inside the renewal window. Prints
renewal deals per second, SQL queries per deal and the peak memory of the
process; asserts only that every due policy got exactly one deal, never a
timing.

The base is written with one INSERT ... SELECT (an imported register, not
100,000 ORM creates), the cron runs through the ORM exactly as the scheduler
calls it, in its committed batches. Commits are turned into no-ops so that the
fixture can roll everything back.
"""

import threading
import time

import pytest
from _insurance_bench import RssSampler, rss_mb

TOTAL_POLICIES = 100_000
DUE_POLICIES = 10_000
CLIENTS = 5_000


def _make_base(env, company):
    insurers = env["res.partner"].search([("is_insurer", "=", True)], limit=5)
    products = env["insurance.product"].search([], limit=5)
    users = env["res.users"].search([("share", "=", False)], limit=4)
    if not insurers or not products:
        pytest.skip("needs the demo insurers and products")
    clients = env["res.partner"].create(
        [{"name": f"Клиент пролонгации {i}", "phone": f"+7917{i:07d}"} for i in range(CLIENTS)]
    )
    env.flush_all()
    days_own = company.renewal_days_own
    # policies 0..DUE-1 end inside the window (1..days_own days ahead), the rest
    # end between 60 days and a year ahead
    env.cr.execute(
        """
        INSERT INTO insurance_policy (
            name, origin, state, partner_id, insurer_id, product_id, company_id,
            currency_id, date_sale, date_start, date_end, premium, commission_rate,
            commission_amount, seller_id, issuer_id, create_uid, write_uid,
            create_date, write_date)
        SELECT
            'БЕНЧ ' || lpad(g::text, 10, '0'), 'own', 'active',
            (%(clients)s)[1 + g %% array_length(%(clients)s, 1)],
            (%(insurers)s)[1 + g %% array_length(%(insurers)s, 1)],
            (%(products)s)[1 + g %% array_length(%(products)s, 1)],
            %(company)s, %(currency)s,
            d.date_end - 365, d.date_end - 365, d.date_end,
            5000 + (g %% 97) * 100, 10, (5000 + (g %% 97) * 100) * 0.1,
            (%(users)s)[1 + g %% array_length(%(users)s, 1)],
            (%(users)s)[1 + (g + 1) %% array_length(%(users)s, 1)],
            1, 1, now(), now()
        FROM generate_series(0, %(total)s - 1) AS g,
        LATERAL (SELECT CASE WHEN g < %(due)s
                        THEN current_date + 1 + (g %% %(days)s)
                        ELSE current_date + 60 + (g %% 300) END AS date_end) AS d
        """,
        {
            "clients": clients.ids,
            "insurers": insurers.ids,
            "products": products.ids,
            "users": users.ids,
            "company": company.id,
            "currency": company.currency_id.id,
            "total": TOTAL_POLICIES,
            "due": DUE_POLICIES,
            "days": days_own,
        },
    )
    env.invalidate_all()


def test_renewal_cron_large_base(odoo_env, monkeypatch):
    env = odoo_env
    if "insurance.policy.import" not in env:
        pytest.skip("insurance_prolongation is not installed")
    company = env.company
    company.write({"renewal_days_own": 30, "renewal_assign_own": "seller"})
    # nothing else due, so the figures are about the generated base only
    env["insurance.policy"].search([("company_id", "=", company.id)]).write({"state": "expired"})
    started = time.perf_counter()
    _make_base(env, company)
    setup_seconds = time.perf_counter() - started

    # run the batches as the scheduler does (cache dropped after each commit),
    # but keep everything in the fixture's transaction
    monkeypatch.setattr(threading.current_thread(), "testing", False)
    monkeypatch.setattr(env.cr, "commit", lambda: None)
    Policy = env["insurance.policy"]
    env.flush_all()
    queries_before = env.cr.sql_log_count
    started = time.perf_counter()
    with RssSampler() as memory:
        Policy._cron_create_renewals(time_budget=None)
        env.flush_all()
    elapsed = time.perf_counter() - started
    queries = env.cr.sql_log_count - queries_before

    env.cr.execute(
        """SELECT count(*), count(DISTINCT l.renewal_policy_id)
             FROM crm_lead l JOIN insurance_policy p ON p.id = l.renewal_policy_id
            WHERE p.name LIKE 'БЕНЧ %%'"""
    )
    deals, policies = env.cr.fetchone()
    env.cr.execute(
        """SELECT count(*) FROM mail_activity a JOIN crm_lead l
               ON a.res_model = 'crm.lead' AND a.res_id = l.id
             JOIN insurance_policy p ON p.id = l.renewal_policy_id
            WHERE p.name LIKE 'БЕНЧ %%'"""
    )
    activities = env.cr.fetchone()[0]
    print("\n== benchmark: renewal cron ==")
    print(f"base: {TOTAL_POLICIES} policies, {DUE_POLICIES} due, set up in {setup_seconds:.1f} s")
    print(f"renewal deals created: {deals} (+{activities} activities) in {elapsed:.1f} s")
    print(f"renewal deals per second: {deals / elapsed:.0f}")
    print(f"SQL queries per deal: {queries / max(deals, 1):.2f} ({queries} in total)")
    print(
        f"memory during the cron: {memory.start:.0f} MB at start, peak {memory.peak:.0f} MB "
        f"(+{memory.peak - memory.start:.0f} MB); process peak {rss_mb():.0f} MB"
    )
    assert deals == policies == DUE_POLICIES
    assert activities == DUE_POLICIES
