"""Benchmark: the head of sales' heaviest analytics at 100,000 policies and
50,000 deals.

The pivot and graph views of the analytics call ``read_group`` on SQL views
(insurance_reports/report/): lead sources (conversion and client LTV), data
quality per manager (one pass over deals, policies and client cards) and plan
dynamics (plans against sold policies per manager and month). The policies
and deals are inserted by SQL in the fixture's transaction, which is rolled
back; a third of the policies belong to deals. Seconds are printed, never
asserted.
"""

import pytest
from _insurance_bench import insert_policies, measure, vacuum_policies

from odoo import SUPERUSER_ID

POLICIES = 100_000
DEALS = 50_000

REPORTS = [
    (
        "insurance.lead.source.report",
        ["source_id"],
        ["lead_count:sum", "won_count:sum", "conversion_rate:avg", "won_commission:sum",
         "client_count:sum", "client_avg_commission:avg"],
    ),
    (
        "insurance.data.quality.report",
        ["user_id"],
        ["score:avg", "phone_share:avg", "email_share:avg", "inn_share:avg",
         "consent_share:avg", "vehicle_share:avg", "objection_share:avg"],
    ),
    (
        "insurance.plan.dynamics.report",
        ["user_id", "month:month"],
        ["commission_target:sum", "commission_fact:sum", "commission_percent:avg"],
    ),
    (
        "insurance.team.region.report",
        ["team_id", "state_id"],
        ["deal_count:sum", "won_count:sum", "conversion_rate:avg", "average_deal:avg"],
    ),
]  # fmt: skip


def insert_deals(env, count, prefix):
    """``count`` deals by SQL: a fifth won, a fifth lost (half of them with a
    reason), the rest open; with UTM sources, over the last three years."""
    clients = env["res.partner"].search([("is_insurer", "=", False)], limit=300).ids
    users = env["res.users"].search([("share", "=", False)], limit=6).ids
    sources = env["utm.source"].search([], limit=8).ids
    won = env["crm.stage"].search([("is_won", "=", True)], limit=1).id
    open_stage = env["crm.stage"].search([("is_won", "=", False)], limit=1).id
    reason = env["crm.lost.reason"].search([], limit=1).id
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO crm_lead (
            name, type, active, probability, company_id, user_id, seller_id, stage_id,
            partner_id, source_id, expected_revenue, lost_reason_id, date_closed,
            create_uid, create_date, write_uid, write_date)
        SELECT %(prefix)s || ' ' || i, 'opportunity', i %% 5 <> 0,
               CASE WHEN i %% 5 = 0 THEN 0 WHEN i %% 5 = 1 THEN 100 ELSE 30 END,
               %(company)s,
               (%(users)s::int[])[1 + i %% %(nu)s], (%(users)s::int[])[1 + i %% %(nu)s],
               CASE WHEN i %% 5 = 1 THEN %(won)s ELSE %(open)s END,
               (%(clients)s::int[])[1 + i %% %(nc)s],
               (%(sources)s::int[])[1 + i %% %(ns)s],
               1000 + (i %% 50) * 100,
               CASE WHEN i %% 10 = 0 THEN %(reason)s END,
               CASE WHEN i %% 5 IN (0, 1) THEN now() - (i %% 1000) * interval '1 day' END,
               1, now() - (i %% 1095) * interval '1 day', 1, now()
          FROM generate_series(1, %(count)s) AS i
        """,
        {
            "prefix": prefix, "company": env.company.id, "users": users, "nu": len(users),
            "won": won, "open": open_stage, "clients": clients, "nc": len(clients),
            "sources": sources, "ns": len(sources), "reason": reason, "count": count,
        },
    )  # fmt: skip
    # a third of the generated policies belong to a deal
    env.cr.execute(
        """
        UPDATE insurance_policy p
           SET lead_id = deal.id
          FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn
                  FROM crm_lead WHERE name LIKE %(like)s) AS deal
         WHERE p.name LIKE %(like)s AND p.id %% 3 = 0 AND deal.rn = 1 + p.id %% %(count)s
        """,
        {"like": prefix + " %", "count": count},
    )
    env.cr.execute("ANALYZE crm_lead")
    env.cr.execute("ANALYZE insurance_policy")
    env.invalidate_all()


@pytest.fixture
def vacuumed_afterwards(odoo_db_name):
    yield
    vacuum_policies(odoo_db_name)


def test_analytics_reports_100k(vacuumed_afterwards, odoo_env):
    env = odoo_env
    if "insurance.data.quality.report" not in env:
        pytest.skip("insurance_reports is not installed")
    gen_s, _mb, _peak, ok = measure(
        lambda: insert_policies(env, POLICIES, "BENCHAN", days_back=3 * 365)
    )
    if not ok:
        pytest.skip("needs the demo insurers, products and clients")
    gen_s += measure(lambda: insert_deals(env, DEALS, "BENCHAN"))[0]
    env.cr.execute(
        "SELECT (SELECT COUNT(*) FROM insurance_policy), (SELECT COUNT(*) FROM crm_lead)"
    )
    policies, deals = env.cr.fetchone()
    head = env.ref("insurance_broker.group_broker_head").users.filtered(
        lambda u: not u.share and u.id != SUPERUSER_ID
    )[:1]

    print(f"\n== benchmark: analytics read_group at {policies} policies, {deals} deals ==")
    print(f"generating by SQL: {gen_s:.1f} s")
    print(f"{'report (groupby)':<62} {'groups':>6} {'1st s':>7} {'best s':>7}")
    for model, groupby, fields in REPORTS:
        Report = env[model].with_user(head) if head else env[model]
        runs = []
        groups = []
        for _i in range(3):
            env.invalidate_all()
            seconds, _mb, _peak, groups = measure(
                lambda Report=Report, groupby=groupby, fields=fields: Report.read_group(
                    [], fields, groupby, lazy=False
                )
            )
            runs.append(seconds)
        assert groups, f"{model} is empty"
        label = f"{model} ({', '.join(groupby)})"
        print(f"{label:<62} {len(groups):>6} {runs[0]:>7.3f} {min(runs[1:]):>7.3f}")
    print("as the head of sales (record rules applied); printed, not asserted")
