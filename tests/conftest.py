"""Shared pytest fixtures for the suites under tests/.

bin/test runs these suites AFTER it has installed all our addons (with demo
data and ru_RU) on a fresh database, and passes that database through the
environment:

  INSURANCE_TEST_DB  name of the database (required by the Odoo fixtures)
  ODOO_RC            generated Odoo config (addons_path, db_host/port/user, ...)
  ODOO_DATA_DIR      Odoo data dir (filestore) of the run
  ODOO_CMD_JSON      JSON list: how to launch the Odoo server
  ODOO_TEST_LOG_DIR  where to write the logs of the in-process registry/server
  PGHOST/PGPORT/PGUSER/PGPASSWORD   the PostgreSQL server in use

Without INSURANCE_TEST_DB (plain `pytest tests`), the Odoo fixtures skip.

Fixtures:
  odoo_db_name  -> str, the test database (also: get_test_db())
  odoo_registry -> odoo.modules.registry.Registry of that database (session)
  odoo_env      -> superuser api.Environment; everything is ROLLED BACK after
                   the test (nothing it writes is visible to odoo_server)
  odoo_server   -> base URL "http://127.0.0.1:<port>" of a real Odoo server
                   (subprocess, --workers=0) on the test DB (session scoped)
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def get_test_db() -> str | None:
    """The database prepared by bin/test, or None outside bin/test."""
    return os.environ.get("INSURANCE_TEST_DB") or None


def _log_dir() -> Path:
    path = Path(os.environ.get("ODOO_TEST_LOG_DIR") or REPO_ROOT / ".test-output")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _odoo_cli_args(db: str) -> list[str]:
    args = []
    if os.environ.get("ODOO_RC"):
        args.append(f"--config={os.environ['ODOO_RC']}")
    args += ["-d", db, f"--db-filter=^{db}$"]
    if os.environ.get("ODOO_DATA_DIR"):
        args.append(f"--data-dir={os.environ['ODOO_DATA_DIR']}")
    for opt, var in (
        ("--db_host", "PGHOST"),
        ("--db_port", "PGPORT"),
        ("--db_user", "PGUSER"),
        ("--db_password", "PGPASSWORD"),
    ):
        if os.environ.get(var):
            args.append(f"{opt}={os.environ[var]}")
    return args


@pytest.fixture(scope="session")
def odoo_db_name() -> str:
    db = get_test_db()
    if not db:
        pytest.skip("INSURANCE_TEST_DB is not set: run the suites through bin/test")
    return db


@pytest.fixture(scope="session")
def odoo_registry(odoo_db_name):
    try:
        import odoo  # noqa: PLC0415
        from odoo.modules.registry import Registry  # noqa: PLC0415
    except ImportError as exc:
        pytest.skip(f"Odoo is not importable ({exc}); run the suites through bin/test")
    odoo.tools.config.parse_config(
        [
            *_odoo_cli_args(odoo_db_name),
            "--log-level=warn",
            f"--logfile={_log_dir() / 'pytest-odoo.log'}",
            "--max-cron-threads=0",
        ],
        setup_logging=True,
    )
    # Same flag Odoo's own test runner sets: no real e-mails/SMS/HTTP calls
    # from code paths that check for testing.
    threading.current_thread().testing = True
    threading.current_thread().dbname = odoo_db_name
    registry = Registry(odoo_db_name)
    yield registry
    threading.current_thread().testing = False


@pytest.fixture
def odoo_env(odoo_registry):
    """Superuser environment on the test DB, rolled back after the test."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    cr = odoo_registry.cursor()
    try:
        env = api.Environment(cr, SUPERUSER_ID, {})
        yield env
    finally:
        cr.rollback()
        cr.close()
        # drop registry caches filled from the rolled-back transaction
        odoo_registry.reset_changes()
        odoo_registry.clear_all_caches()
        odoo_registry.cache_invalidated.clear()


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def odoo_server(odoo_db_name):
    """Start `odoo` on a free 127.0.0.1 port against the test DB; yield base URL.

    Data committed by the server is visible to later tests; data written
    through odoo_env is not (it is never committed)."""
    cmd = json.loads(os.environ.get("ODOO_CMD_JSON") or "null") or [sys.executable, "-m", "odoo"]
    port = _free_port()
    cmd = [
        *cmd,
        *_odoo_cli_args(odoo_db_name),
        "--workers=0",
        "--max-cron-threads=0",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        f"--gevent-port={_free_port()}",
        "--no-database-list",
        "--log-level=info",
    ]
    log_path = _log_dir() / f"odoo-server-{port}.log"
    base_url = f"http://127.0.0.1:{port}"
    with log_path.open("w", encoding="utf-8") as log:
        log.write("$ " + shlex.join(cmd) + "\n")
        log.flush()
        # same process group as pytest: if bin/test kills pytest's group, the
        # server goes too (Odoo with --workers=0 is a single process)
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=REPO_ROOT)
        try:
            deadline = time.monotonic() + float(os.environ.get("ODOO_SERVER_TIMEOUT", 180))
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"Odoo server exited with {proc.returncode}; see {log_path}")
                try:
                    with urllib.request.urlopen(f"{base_url}/web/health", timeout=5) as r:
                        if r.status == 200:
                            break
                except (urllib.error.URLError, OSError):
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"Odoo server did not answer /web/health; see {log_path}")
                time.sleep(0.5)
            yield base_url
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
