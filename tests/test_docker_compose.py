"""docker-compose.yml: valid for Compose, and wired the way the README says."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"


def _compose_command() -> list[str] | None:
    """`docker compose` (v2 plugin) or `docker-compose` (v1), whichever works."""
    if shutil.which("docker"):
        probe = subprocess.run(
            ["docker", "compose", "version"], capture_output=True, text=True, check=False
        )
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


@pytest.fixture(scope="module")
def compose() -> dict:
    yaml = pytest.importorskip("yaml", reason="PyYAML is needed to parse docker-compose.yml")
    return yaml.safe_load(COMPOSE_FILE.read_text("utf-8"))


def test_compose_config_is_valid():
    cmd = _compose_command()
    if cmd is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed")
    for profile_args in ([], ["--profile", "tests"]):
        res = subprocess.run(
            [*cmd, "-f", str(COMPOSE_FILE), *profile_args, "config", "-q"],
            capture_output=True,
            text=True,
            cwd=REPO_ROOT,
            check=False,
        )
        assert res.returncode == 0, f"{' '.join(cmd)} config -q failed:\n{res.stderr}"


def test_odoo_service(compose):
    odoo = compose["services"]["odoo"]
    assert str(odoo["image"]).split(":")[0] == "odoo"
    assert str(odoo["image"]).split(":")[1].startswith("18")
    volumes = [str(v) for v in odoo.get("volumes", [])]
    assert any(v.startswith("./addons:/mnt/extra-addons") for v in volumes), volumes
    assert any(v.startswith("./odoo.conf:/etc/odoo/odoo.conf") for v in volumes), volumes
    assert "healthcheck" in odoo and "/web/health" in str(odoo["healthcheck"]["test"])
    assert odoo["depends_on"]["db"]["condition"] == "service_healthy"
    assert any(str(p).startswith("8069:8069") for p in odoo["ports"])
    command = "\n".join(map(str, odoo["command"]))
    assert "-d insurance_demo" in command and "--load-language=ru_RU" in command


def test_db_service(compose):
    db = compose["services"]["db"]
    assert str(db["image"]).startswith("postgres:16")
    assert db["environment"]["POSTGRES_USER"] == "odoo"
    assert db["environment"]["POSTGRES_PASSWORD"] == "odoo"
    assert "pg_isready" in str(db["healthcheck"]["test"])
    assert db.get("volumes")


def test_tests_service_runs_bin_test(compose):
    tests = compose["services"]["tests"]
    assert tests["profiles"] == ["tests"]
    assert str(tests["image"]).startswith("odoo:18")
    assert "bin/test" in "\n".join(map(str, tests["command"]))


def test_odoo_conf_matches_compose():
    text = (REPO_ROOT / "odoo.conf").read_text("utf-8")
    options = {}
    for line in text.splitlines():
        if "=" in line and not line.lstrip().startswith((";", "#")):
            key, _, value = line.partition("=")
            options[key.strip()] = value.strip()
    assert options["addons_path"] == "/mnt/extra-addons"
    assert options["db_host"] == "db"
    assert options["db_user"] == options["db_password"] == "odoo"
    assert options["load_language"] == "ru_RU"
    assert options["without_demo"] == "False"
