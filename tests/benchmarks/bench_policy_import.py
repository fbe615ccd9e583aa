"""Benchmark: importing a generated 50,000-row register (XLSX).

Generates a workbook like the managers' registers (title row, header, data,
totals; phones, dates and rates written in the usual variants), then runs the
import wizard through preview and import. Prints rows per second for each step
and the peak memory of the process; asserts the counts, never a timing.
"""

import base64
import datetime
import io
import threading
import time

import pytest
from _insurance_bench import RssSampler, rss_mb

ROWS = 50_000
CLIENTS = 20_000
HEADER = (
    "Дата продажи",
    "Менеджер",
    "Оформитель",
    "ФИО клиента",
    "Телефон",
    "Продукт",
    "СК",
    "№ полиса",
    "Начало",
    "Окончание",
    "Премия, руб",
    "КВ %",
    "Госномер",
    "Оплата",
)
PHONE_STYLES = ("+7 916 {a} {b}", "8 (916) {a}-{b}", "7916{a}{b}", "916{a}{b}")
RATE_STYLES = (lambda r: r, lambda r: f"{r}%", lambda r: r / 100)


def _register(insurer_names, product_names):
    import xlsxwriter

    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True, "in_memory": True})
    sheet = workbook.add_worksheet("Реестр")
    date_format = workbook.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, ["Реестр полисов за 2025 год"])
    sheet.write_row(2, 0, HEADER)
    start = datetime.datetime(2025, 1, 1)
    for i in range(ROWS):
        row = 3 + i
        client = i % CLIENTS
        digits = f"{client:07d}"
        phone = PHONE_STYLES[i % 4].format(a=digits[:3], b=digits[3:])
        sold = start + datetime.timedelta(days=i % 365)
        sheet.write_datetime(row, 0, sold, date_format)
        sheet.write_string(row, 1, "Иванова А.")
        sheet.write_string(row, 2, "Петров С.")
        sheet.write_string(row, 3, f"Клиент Реестров {client}")
        sheet.write_string(row, 4, phone)
        sheet.write_string(row, 5, product_names[i % len(product_names)])
        sheet.write_string(row, 6, insurer_names[i % len(insurer_names)])
        sheet.write_string(row, 7, f"РЕЕ {i:010d}")
        if i % 3:
            sheet.write_datetime(row, 8, sold, date_format)
        else:
            sheet.write_string(row, 8, sold.strftime("%d.%m.%Y"))
        sheet.write_datetime(row, 9, sold + datetime.timedelta(days=364), date_format)
        sheet.write_number(row, 10, 3000 + (i % 200) * 100)
        rate = RATE_STYLES[i % 3](10 + i % 15)
        if isinstance(rate, str):
            sheet.write_string(row, 11, rate)
        else:
            sheet.write_number(row, 11, rate)
        sheet.write_string(row, 13, ("карта", "нал", "безнал", "онлайн")[i % 4])
    sheet.write_row(3 + ROWS + 1, 0, ["Итого"])
    workbook.close()
    return output.getvalue()


def test_policy_import_large_register(odoo_env, monkeypatch):
    env = odoo_env
    if "insurance.policy.import" not in env:
        pytest.skip("insurance_prolongation is not installed")
    insurers = env["res.partner"].search([("is_insurer", "=", True)], limit=5)
    products = env["insurance.product"].search([], limit=4)
    if not insurers or not products:
        pytest.skip("needs the demo insurers and products")
    started = time.perf_counter()
    content = _register(insurers.mapped("name"), products.mapped("name"))
    generate_seconds = time.perf_counter() - started

    # run the batches as the scheduler does (cache dropped after each commit),
    # but keep everything in the fixture's transaction
    monkeypatch.setattr(threading.current_thread(), "testing", False)
    monkeypatch.setattr(env.cr, "commit", lambda: None)
    wizard = env["insurance.policy.import"].create(
        {"file": base64.b64encode(content), "filename": "register.xlsx"}
    )
    timings = {}
    with RssSampler() as memory:
        started = time.perf_counter()
        wizard.action_analyse()
        timings["columns"] = time.perf_counter() - started
        started = time.perf_counter()
        wizard.action_confirm_mapping()
        if wizard.state == "names":  # the sellers of the generated file are nobody
            wizard.action_confirm_names()
        timings["preview"] = time.perf_counter() - started
        assert wizard.new_count == ROWS, wizard.line_ids.filtered("message")[:5].mapped("message")
        started = time.perf_counter()
        wizard.action_import()
        env.flush_all()
        timings["import"] = time.perf_counter() - started

    print("\n== benchmark: policy import ==")
    print(
        f"register: {ROWS} rows, {CLIENTS} clients, {len(content) / 1e6:.1f} MB, "
        f"generated in {generate_seconds:.1f} s"
    )
    for step, seconds in timings.items():
        print(f"{step:<8} {seconds:>7.1f} s  {ROWS / seconds:>8.0f} rows/s")
    total = sum(timings.values())
    print(f"all steps {total:>5.1f} s  {ROWS / total:>8.0f} rows/s")
    print(
        f"memory during the import: {memory.start:.0f} MB at start, peak {memory.peak:.0f} MB "
        f"(+{memory.peak - memory.start:.0f} MB); process peak {rss_mb():.0f} MB"
    )
    assert wizard.imported_count == ROWS
    assert wizard.created_client_count == CLIENTS
