"""Smoke tests of the harness itself: the database bin/test prepared has all our
modules installed, odoo_env rolls back, odoo_server answers real HTTP."""

from __future__ import annotations

import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import harness  # noqa: E402


def test_all_our_modules_installed(odoo_env):
    modules = harness.our_modules()
    installed = odoo_env["ir.module.module"].search(
        [("name", "in", modules), ("state", "=", "installed")]
    )
    assert sorted(installed.mapped("name")) == sorted(modules)


def test_russian_is_active(odoo_env):
    assert odoo_env["res.lang"]._lang_get("ru_RU"), "ru_RU was not loaded"


def test_odoo_env_is_rolled_back(odoo_env, odoo_registry):
    partner = odoo_env["res.partner"].create({"name": "Harness rollback check"})
    odoo_env.flush_all()
    with odoo_registry.cursor() as other_cr:  # another transaction does not see it
        other_cr.execute("SELECT count(*) FROM res_partner WHERE id = %s", (partner.id,))
        assert other_cr.fetchone()[0] == 0


def test_odoo_server_serves_login_page(odoo_server):
    with urllib.request.urlopen(f"{odoo_server}/web/health", timeout=30) as resp:
        assert resp.status == 200
    with urllib.request.urlopen(f"{odoo_server}/web/login", timeout=60) as resp:
        assert resp.status == 200
        assert b"login" in resp.read()
