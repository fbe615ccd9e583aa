"""Benchmark: creating policies in one batch.

Prints policies per second and SQL queries per policy for batches of 1,000 and
10,000 policies, through the ORM exactly as a deal or an import creates them.
The only assertion is on the query count: queries per policy must not grow with
the batch size (a per-record query would make the 10,000 batch cost ten times
more per policy). Timings are printed, never asserted.
"""

import datetime
import resource
import time

import pytest

BATCH_SIZES = (1_000, 10_000)


def _policy_vals(env, count, prefix):
    insurers = env["res.partner"].search([("is_insurer", "=", True)], limit=5)
    products = env["insurance.product"].search([], limit=5)
    clients = env["res.partner"].create(
        [{"name": f"Клиент {prefix} {i}", "phone": f"+7916{i:07d}"} for i in range(200)]
    )
    users = env["res.users"].search([("share", "=", False)], limit=4)
    base_date = datetime.date.today() - datetime.timedelta(days=300)
    vals_list = []
    for i in range(count):
        start = base_date + datetime.timedelta(days=i % 365)
        vals_list.append(
            {
                "name": f"{prefix} {i:010d}",
                "partner_id": clients[i % len(clients)].id,
                "insurer_id": insurers[i % len(insurers)].id,
                "product_id": products[i % len(products)].id,
                "date_sale": start,
                "date_start": start,
                "premium": 5_000 + (i % 97) * 100,
                "seller_id": users[i % len(users)].id,
                "issuer_id": users[(i + 1) % len(users)].id,
                "state": "active",
            }
        )
    return vals_list


def _measure(env, count, prefix, context=None):
    vals_list = _policy_vals(env, count, prefix)
    Policy = env["insurance.policy"].with_context(**(context or {}))
    env.flush_all()
    env.invalidate_all()
    queries_before = env.cr.sql_log_count
    started = time.perf_counter()
    policies = Policy.create(vals_list)
    env.flush_all()
    elapsed = time.perf_counter() - started
    queries = env.cr.sql_log_count - queries_before
    assert len(policies) == count
    assert all(policies.mapped("commission_amount")), "every policy got its commission"
    return elapsed, queries


def test_policy_batch_creation(odoo_env):
    env = odoo_env
    if not env["res.partner"].search_count([("is_insurer", "=", True)]):
        pytest.skip("needs the demo insurers")
    rows = []
    for size in BATCH_SIZES:
        elapsed, queries = _measure(env, size, f"BENCH{size}")
        rows.append(("ORM create, chatter on", size, elapsed, queries))
    import_ctx = {"tracking_disable": True, "mail_create_nolog": True}
    elapsed, queries = _measure(env, BATCH_SIZES[-1], "BENCHIMP", import_ctx)
    rows.append(("ORM create, import context", BATCH_SIZES[-1], elapsed, queries))

    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("\n== benchmark: insurance.policy batch creation ==")
    print(f"{'mode':<28} {'policies':>9} {'seconds':>8} {'policies/s':>11} {'queries/policy':>15}")
    for mode, size, elapsed, queries in rows:
        print(
            f"{mode:<28} {size:>9} {elapsed:>8.2f} {size / elapsed:>11.0f} {queries / size:>15.3f}"
        )
    print(f"peak RSS of the test process: {peak_rss_mb:.0f} MB")

    small, large = rows[0], rows[1]
    per_policy_small = small[3] / small[1]
    per_policy_large = large[3] / large[1]
    assert per_policy_large <= per_policy_small * 1.1, (
        f"queries per policy grow with the batch: {per_policy_small:.3f} for {small[1]}, "
        f"{per_policy_large:.3f} for {large[1]}"
    )
