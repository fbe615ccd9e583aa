"""Helpers shared by the benchmarks: fast SQL generation of policies (inside the
fixture's transaction, which is rolled back) and peak memory of one step."""

import datetime
import gc
import resource
import threading
import time
import tracemalloc
from pathlib import Path


def _proc_kb(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak():
    """Reset the kernel's high-water mark of this process (Linux >= 4.0)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def measure(step):
    """(seconds, peak RSS growth over the start in MB, process peak in MB, result);
    the CPU seconds of the step are kept in ``measure.cpu``, since the wall clock
    also counts the other processes of a shared machine."""
    gc.collect()
    start_kb = _proc_kb("VmRSS")
    exact = _reset_peak()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = step()
    elapsed = time.perf_counter() - started
    measure.cpu = time.process_time() - cpu_started
    peak_kb = _proc_kb("VmHWM") if exact else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return elapsed, (peak_kb - start_kb) / 1024, peak_kb / 1024, result


def insert_policies(env, count, prefix, days_back=365):
    """``count`` policies by SQL INSERT ... SELECT generate_series, spread over
    the last ``days_back`` days: mostly own and in force, some expired, drafts
    and policies held elsewhere, as in a real register."""
    company = env.company
    clients = env["res.partner"].search([("is_insurer", "=", False), ("is_company", "=", False)],
                                        limit=300).ids  # fmt: skip
    insurers = env["res.partner"].search([("is_insurer", "=", True)], limit=8).ids
    products = env["insurance.product"].search([], limit=7)
    users = env["res.users"].search([("share", "=", False)], limit=6).ids
    if not (clients and insurers and products and users):
        return False
    today = datetime.date.today()
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO insurance_policy (
            name, origin, state, partner_id, insurer_id, product_id, line_of_business,
            company_id, currency_id, date_sale, date_start, date_end, premium,
            commission_rate, commission_amount, discount_percent, discount_amount,
            client_amount, commission_net_amount, seller_id, issuer_id, payment_method,
            delivery_method, vehicle_plate, create_uid, create_date, write_uid, write_date)
        SELECT %(prefix)s || ' ' || lpad(i::text, 10, '0'),
               CASE WHEN i %% 15 = 0 THEN 'foreign' ELSE 'own' END,
               CASE WHEN i %% 20 = 1 THEN 'draft' WHEN i %% 10 = 0 THEN 'expired'
                    ELSE 'active' END,
               (%(clients)s::int[])[1 + i %% %(nc)s],
               (%(insurers)s::int[])[1 + i %% %(ni)s],
               (%(products)s::int[])[1 + i %% %(np)s],
               (%(lobs)s::varchar[])[1 + i %% %(np)s],
               %(company)s, %(currency)s,
               d, d + 1, d + 365,
               5000 + (i %% 97) * 100,
               10 + (i %% 3) * 5,
               round((5000 + (i %% 97) * 100) * (10 + (i %% 3) * 5) / 100.0, 2),
               -- one policy in 7 sold with a 5%% discount out of our commission
               disc.pct,
               round((5000 + (i %% 97) * 100) * disc.pct / 100.0, 2),
               (5000 + (i %% 97) * 100) - round((5000 + (i %% 97) * 100) * disc.pct / 100.0, 2),
               round((5000 + (i %% 97) * 100) * (10 + (i %% 3) * 5) / 100.0, 2)
                   - round((5000 + (i %% 97) * 100) * disc.pct / 100.0, 2),
               (%(users)s::int[])[1 + i %% %(nu)s],
               (%(users)s::int[])[1 + (i + 1) %% %(nu)s],
               'card', 'office', NULL, 1, now(), 1, now()
          FROM generate_series(1, %(count)s) AS i,
               LATERAL (SELECT %(today)s::date - (i %% %(days)s)::int AS d) AS sale,
               LATERAL (SELECT CASE WHEN i %% 7 = 0 THEN 5 ELSE 0 END AS pct) AS disc
        """,
        {
            "prefix": prefix,
            "clients": clients,
            "nc": len(clients),
            "insurers": insurers,
            "ni": len(insurers),
            "products": products.ids,
            "lobs": products.mapped("line_of_business"),
            "np": len(products),
            "users": users,
            "nu": len(users),
            "company": company.id,
            "currency": company.currency_id.id,
            "today": today,
            "days": days_back,
            "count": count,
        },
    )
    env.cr.execute("ANALYZE insurance_policy")
    env.invalidate_all()
    return True


def python_peak_mb(step):
    """Peak of the Python allocations during ``step`` (tracemalloc), in MB: a
    second, slower pass that does not depend on what the process held before."""
    gc.collect()
    tracemalloc.start()
    try:
        step()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def vacuum_policies(db_name):
    """The generated rows are rolled back, but stay as dead tuples until a
    VACUUM: on a cluster without autovacuum they would slow every later suite.
    VACUUM cannot run in a transaction, hence a connection of its own."""
    import psycopg2  # noqa: PLC0415

    from odoo.sql_db import connection_info_for  # noqa: PLC0415

    _db, info = connection_info_for(db_name)
    connection = psycopg2.connect(**info)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE insurance_policy")
    finally:
        connection.close()


class RssSampler:
    """Peak resident memory of the process while the block runs, sampled every
    50 ms: the process peak (ru_maxrss) also holds what earlier tests used."""

    def __init__(self):
        self.start = self.peak = self._current_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _current_mb():
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * resource.getpagesize() / 1024 / 1024

    def _run(self):
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self._current_mb())

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._current_mb())


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
