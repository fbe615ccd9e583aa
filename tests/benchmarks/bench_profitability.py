"""Benchmark: the head of sales' profitability control on a large base.

1. The import of an insurer's bordereau of 20,000 claims (XLSX) through the
   wizard: preview (read + check every row) and import (create in one go).
2. The toxic-client recompute (the daily cron) over 100,000 policies of
   20,000 clients, with claims, complaints, discount requests and late payments.

Prints seconds and rows (or clients) per second; asserts only the counts,
never a timing. Policies, claims and the rest are written by SQL inside the
fixture's transaction, which is rolled back.
"""

import base64
import datetime
import io
import time

import pytest
from _insurance_bench import measure

IMPORT_ROWS = 20_000
POLICIES = 100_000
CLIENTS = 20_000


def _insert_policies(env, count, prefix, clients, days_back=700):
    insurers = env["res.partner"].search([("is_insurer", "=", True)], limit=5).ids
    products = env["insurance.product"].search([], limit=5).ids
    users = env["res.users"].search([("share", "=", False)], limit=4).ids
    if not insurers or not products:
        pytest.skip("needs the demo insurers and products")
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO insurance_policy (
            name, origin, state, partner_id, insurer_id, product_id, company_id,
            currency_id, date_sale, date_start, date_end, premium, commission_rate,
            commission_amount, seller_id, issuer_id, payment_due_date, payment_date,
            payment_days_late, create_uid, write_uid, create_date, write_date)
        SELECT %(prefix)s || ' ' || lpad(g::text, 10, '0'), 'own', 'active',
               (%(clients)s::int[])[1 + g %% array_length(%(clients)s::int[], 1)],
               (%(insurers)s::int[])[1 + g %% array_length(%(insurers)s::int[], 1)],
               (%(products)s::int[])[1 + g %% array_length(%(products)s::int[], 1)],
               %(company)s, %(currency)s, d, d, d + 364,
               5000 + (g %% 97) * 100, 10, (5000 + (g %% 97) * 100) * 0.1,
               (%(users)s::int[])[1 + g %% array_length(%(users)s::int[], 1)],
               (%(users)s::int[])[1 + (g + 1) %% array_length(%(users)s::int[], 1)],
               d + 5, d + 5 + (g %% 7) * 3, GREATEST((g %% 7) * 3, 0),
               1, 1, now(), now()
          FROM generate_series(0, %(count)s - 1) AS g,
               LATERAL (SELECT CURRENT_DATE - (g %% %(days)s)::int AS d) AS sale
        RETURNING id
        """,
        {
            "prefix": prefix,
            "clients": clients,
            "insurers": insurers,
            "products": products,
            "users": users,
            "company": env.company.id,
            "currency": env.company.currency_id.id,
            "count": count,
            "days": days_back,
        },
    )
    ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute("ANALYZE insurance_policy")
    env.invalidate_all()
    return ids


def _bordereau(policy_names, insurer_names):
    import xlsxwriter

    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True, "in_memory": True})
    sheet = workbook.add_worksheet("Убытки")
    date_format = workbook.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, ["Бордеро убытков, 2025"])
    sheet.write_row(
        2,
        0,
        ["Номер полиса", "Страховщик", "Номер убытка", "Дата убытка", "Заявлено", "Выплачено",
         "Статус"],
    )  # fmt: skip
    start = datetime.datetime(2025, 1, 1)
    for i, (name, insurer) in enumerate(zip(policy_names, insurer_names, strict=True)):
        row = 3 + i
        sheet.write_string(row, 0, name.lower() if i % 5 == 0 else name)
        sheet.write_string(row, 1, insurer)
        sheet.write_string(row, 2, f"УБ-{i:08d}")
        if i % 2:
            sheet.write_datetime(row, 3, start + datetime.timedelta(days=i % 300), date_format)
        else:
            day = start + datetime.timedelta(days=i % 300)
            sheet.write_string(row, 3, day.strftime("%d.%m.%Y"))
        sheet.write_string(row, 4, f"{10000 + i % 500 * 10} руб")
        sheet.write_number(row, 5, 5000 + i % 300 * 10)
        sheet.write_string(row, 6, ("выплачен", "на рассмотрении", "отказ", "закрыт")[i % 4])
    sheet.write_row(3 + len(policy_names) + 1, 0, ["Итого"])
    workbook.close()
    return output.getvalue()


def _clients(env, count, label):
    env.flush_all()
    return (
        env["res.partner"]
        .with_context(tracking_disable=True)
        .create([{"name": f"{label} {i}", "is_company": True} for i in range(count)])
        .ids
    )


def test_claim_import_20000_rows(odoo_env):
    env = odoo_env
    if "insurance.claim.import" not in env:
        pytest.skip("insurance_reports is not installed")
    clients = _clients(env, 2000, "Клиент убытков")
    policy_ids = _insert_policies(env, IMPORT_ROWS, "БРД", clients)
    policies = env["insurance.policy"].browse(policy_ids)
    content = _bordereau([p.name for p in policies], [p.insurer_id.name for p in policies])
    wizard = env["insurance.claim.import"].create(
        {"file": base64.b64encode(content), "filename": "bordereau.xlsx"}
    )
    preview_s, preview_mb, _peak, _ = measure(wizard.action_preview)
    assert (wizard.new_count, wizard.error_count) == (IMPORT_ROWS, 0), wizard.error_line_ids[
        :5
    ].mapped("message")
    import_s, import_mb, peak_mb, _ = measure(lambda: (wizard.action_import(), env.flush_all()))
    assert wizard.imported_count == IMPORT_ROWS
    # the same file again: every claim is found and nothing changes
    wizard.action_back()
    again_s, _mb, _peak, _ = measure(wizard.action_preview)
    assert (wizard.new_count, wizard.update_count) == (0, IMPORT_ROWS)

    print("\n== benchmark: claims import ==")
    print(f"bordereau: {IMPORT_ROWS} rows, {len(content) / 1e6:.1f} MB")
    for step, seconds in (("preview", preview_s), ("import", import_s), ("re-check", again_s)):
        print(f"{step:<9} {seconds:>7.1f} s  {IMPORT_ROWS / seconds:>8.0f} rows/s")
    print(f"memory: preview +{preview_mb:.0f} MB, import +{import_mb:.0f} MB")
    print(f"process peak {peak_mb:.0f} MB")


def test_toxic_recompute_100000_policies(odoo_env):
    env = odoo_env
    if "insurance.claim" not in env:
        pytest.skip("insurance_reports is not installed")
    started = time.perf_counter()
    clients = _clients(env, CLIENTS, "Клиент токсичности")
    policy_ids = _insert_policies(env, POLICIES, "ТОКС", clients)
    lead = env["crm.lead"].search([], limit=1)
    if not lead:
        pytest.skip("needs a demo deal")
    env.cr.execute(
        """
        INSERT INTO insurance_claim (name, policy_id, partner_id, insurer_id, product_id,
                                     company_id, currency_id, date, amount_claimed,
                                     amount_paid, state, create_uid, write_uid,
                                     create_date, write_date)
        SELECT 'ТК-' || p.id, p.id, p.partner_id, p.insurer_id, p.product_id, p.company_id,
               p.currency_id, p.date_start, p.premium, p.premium * (p.id %% 3), 'paid',
               1, 1, now(), now()
          FROM insurance_policy p
         WHERE p.id = ANY(%(ids)s) AND p.id %% 10 = 0;

        INSERT INTO insurance_complaint (reference, name, date, partner_id, channel, state,
                                         company_id, create_uid, write_uid, create_date,
                                         write_date)
        SELECT 'BENCH/' || g, 'Жалоба', CURRENT_DATE - (g %% 600),
               (%(clients)s::int[])[1 + g %% 2000],
               'phone', 'new', %(company)s, 1, 1, now(), now()
          FROM generate_series(0, 7999) AS g;

        INSERT INTO insurance_discount_approval (lead_id, partner_id, requested_by_id,
                                                 request_date, state, company_id, create_uid,
                                                 write_uid, create_date, write_date)
        SELECT %(lead)s, (%(clients)s::int[])[1 + g %% 3000], 1,
               now() - make_interval(days => g %% 600), 'pending', %(company)s, 1, 1,
               now(), now()
          FROM generate_series(0, 11999) AS g;
        ANALYZE insurance_claim;
        ANALYZE insurance_complaint;
        ANALYZE insurance_discount_approval;
        """,
        {"ids": policy_ids, "clients": clients, "company": env.company.id, "lead": lead.id},
    )
    env.invalidate_all()
    setup_s = time.perf_counter() - started
    Partner = env["res.partner"]
    first_s, first_mb, peak_mb, _ = measure(Partner._cron_recompute_toxic_clients)
    toxic = Partner.search_count([("is_toxic", "=", True), ("id", "in", clients)])
    again_s, _mb, _peak, _ = measure(Partner._cron_recompute_toxic_clients)
    assert Partner.search_count([("is_toxic", "=", True), ("id", "in", clients)]) == toxic

    print("\n== benchmark: toxic clients ==")
    print(f"base: {POLICIES} policies, {CLIENTS} clients, set up in {setup_s:.1f} s")
    print(
        f"first run   {first_s:>6.1f} s  {POLICIES / first_s:>8.0f} policies/s  "
        f"{CLIENTS / first_s:>7.0f} clients/s  -> {toxic} toxic clients"
    )
    print(f"second run  {again_s:>6.1f} s  (nothing changes)")
    print(f"memory: +{first_mb:.0f} MB, peak {peak_mb:.0f} MB")
    assert toxic > 0
