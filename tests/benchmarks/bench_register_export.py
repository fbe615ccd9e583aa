"""Benchmark: the policy register of 100,000 policies as XLSX.

Ours (insurance_reports: SQL through a server-side cursor, xlsxwriter in
constant-memory mode, one sheet per manager + summary) against Odoo's built-in
list export of the same rows (``export_data`` + the XLSX writer of
``/web/export/xlsx``), in the same run. Prints seconds and peak memory; the
targets (<= 15 s, <= 300 MB) are printed, never asserted. The rows are inserted
by SQL in the fixture's transaction, which is rolled back.
"""

import datetime
import io
import os
import tempfile
from types import SimpleNamespace
from unittest.mock import patch

import openpyxl
import pytest
from _insurance_bench import insert_policies, measure, python_peak_mb, vacuum_policies

POLICIES = 100_000
FIELDS = [
    ("date_sale", "date"), ("seller_id", "many2one"), ("issuer_id", "many2one"),
    ("partner_id", "many2one"), ("partner_id/phone", "char"), ("product_id", "many2one"),
    ("insurer_id", "many2one"), ("name", "char"), ("date_start", "date"), ("date_end", "date"),
    ("premium", "monetary"), ("commission_rate", "float"), ("commission_amount", "monetary"),
    ("vehicle_plate", "char"), ("payment_method", "selection"),
    ("delivery_method", "selection"), ("note", "html"), ("origin", "selection"),
    ("state", "selection"), ("discount_percent", "float"), ("discount_amount", "monetary"),
    ("commission_net_amount", "monetary"),
]  # fmt: skip


def _odoo_list_export(env, domain):
    from odoo.addons.web.controllers import export as export_module  # noqa: PLC0415

    records = env["insurance.policy"].search(domain, order="seller_id, date_sale, id")
    field_names = [name for name, _type in FIELDS]
    rows = records.export_data(field_names).get("datas", [])
    fields = [{"name": name, "label": name, "type": ftype} for name, ftype in FIELDS]
    with patch.object(export_module, "request", SimpleNamespace(env=env)):
        content = export_module.ExcelExport().from_data(fields, field_names, rows)
    return len(rows), len(content)


def _our_register(env, wizard):
    with tempfile.TemporaryFile(suffix=".xlsx") as tmp:
        totals = wizard._write_register_xlsx(tmp)
        size = tmp.tell()
        tmp.seek(0)
        content = tmp.read()
    return totals, size, content


@pytest.fixture
def vacuumed_afterwards(odoo_db_name):
    yield
    vacuum_policies(odoo_db_name)


def test_register_export_100k(vacuumed_afterwards, odoo_env):
    env = odoo_env
    if "insurance.register.line" not in env:
        pytest.skip("insurance_reports is not installed")
    if not insert_policies(env, POLICIES, "BENCHREG", days_back=365):
        pytest.skip("needs the demo insurers, products and clients")
    today = datetime.date.today()
    date_from = today - datetime.timedelta(days=365)
    wizard = env["insurance.register.wizard"].create(
        {"date_from": date_from, "date_to": today, "origin": "all"}
    )
    env.flush_all()
    env.invalidate_all()

    # best of two runs: the wall clock of a shared machine is noisy
    ours_s, ours_mb, ours_peak, (totals, size, content) = measure(
        lambda: _our_register(env, wizard)
    )
    ours_cpu = measure.cpu
    again_s = measure(lambda: _our_register(env, wizard))[0]
    if again_s < ours_s:
        ours_s, ours_cpu = again_s, measure.cpu
    ours_heap = python_peak_mb(lambda: _our_register(env, wizard))
    rows = sum(count for count, *_amounts in totals.values())
    commission, discount, net = (
        sum(amounts[i] for _count, *amounts in totals.values()) for i in (1, 2, 3)
    )
    assert discount > 0, "some generated policies carry a discount"
    assert abs(commission - discount - net) < 0.01 * rows, "net = commission - discount"
    assert rows >= POLICIES * 0.9, "the register holds the generated sold policies"
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    sheets = len(book.sheetnames)
    book.close()
    del content

    env.invalidate_all()
    domain = [
        ("id", "in", env["insurance.register.line"]._search(wizard._register_domain())),
    ]
    odoo_s, odoo_mb, odoo_peak, (odoo_rows, odoo_size) = measure(
        lambda: _odoo_list_export(env, domain)
    )
    odoo_cpu = measure.cpu
    assert odoo_rows == rows

    print(f"\n== benchmark: register of {rows} sold policies ({POLICIES} generated) ==")
    print(
        f"{'export':<42} {'seconds':>8} {'CPU s':>6} {'Python peak MB':>15} "
        f"{'RSS growth MB':>14} {'peak RSS MB':>12} {'file MB':>8}"
    )
    print(
        f"{'insurance_reports register (' + str(sheets) + ' sheets)':<42} {ours_s:>8.2f} "
        f"{ours_cpu:>6.2f} {ours_heap:>15.0f} {ours_mb:>14.0f} {ours_peak:>12.0f} "
        f"{size / 2**20:>8.1f}"
    )
    print(
        f"{'Odoo list export (export_data + xlsx)':<42} {odoo_s:>8.2f} "
        f"{odoo_cpu:>6.2f} {'-':>15} {odoo_mb:>14.0f} {odoo_peak:>12.0f} "
        f"{odoo_size / 2**20:>8.1f}"
    )
    print(f"machine load while measuring: {os.getloadavg()[0]:.1f} (1-minute load average)")
    print(
        "ours: best of 2 runs; Python peak: tracemalloc in a third pass (not repeated for "
        "Odoo's export, whose RSS growth says enough); RSS growth: over the process's RSS "
        "before the step (memory freed by earlier steps is reused, so it can read low)"
    )
    print("targets for ours: <= 15 s and <= 300 MB; printed, not asserted")
