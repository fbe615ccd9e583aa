"""Shared discovery code for bin/test and bin/start (Python 3.11, stdlib only).

Finds Odoo 18, Chromium, PostgreSQL (or starts a throwaway cluster) and the
addons of this repository.  Nothing here installs Odoo: when it is missing
the user is told what to install.

Environment variables understood here (see tests/README.md):
  ODOO_BIN          path to odoo-bin (or any Odoo 18 launcher)
  ODOO_CORE_ADDONS  comma-separated dirs of Odoo's own addons (autodetected)
  ADDONS_DIR        our addons dir (default: <repo>/addons)
  MODULES           comma-separated subset of our modules (default: all)
  PGHOST PGPORT PGUSER PGPASSWORD   an explicit PostgreSQL server
  FORCE_TEMP_PG=1   always use a throwaway cluster
"""

from __future__ import annotations

import ast
import contextlib
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PG_ENV_VARS = ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD")
# same order as Odoo's odoo.tests.common._find_executable()
BROWSERS = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")


class HarnessError(Exception):
    """A problem the user must fix; message is shown as-is, exit code attached."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def say(msg: str = "", prefix: str = "==>") -> None:
    print(f"{prefix} {msg}" if msg else "", flush=True)


def warn(msg: str) -> None:
    say(msg, prefix="[warning]")


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------
# Our addons
# --------------------------------------------------------------------------
def addons_dir() -> Path:
    return Path(os.environ.get("ADDONS_DIR") or REPO_ROOT / "addons").resolve()


def read_manifest(module_dir: Path) -> dict:
    try:
        return ast.literal_eval((module_dir / "__manifest__.py").read_text("utf-8"))
    except (OSError, ValueError, SyntaxError) as exc:
        raise HarnessError(f"Cannot read {module_dir}/__manifest__.py: {exc}") from exc


def our_modules() -> list[str]:
    """Every installable module (dir with __manifest__.py) of ADDONS_DIR."""
    base = addons_dir()
    if not base.is_dir():
        raise HarnessError(f"Addons directory {base} does not exist (ADDONS_DIR?)")
    found = [
        d.name
        for d in sorted(base.iterdir())
        if (d / "__manifest__.py").is_file() and read_manifest(d).get("installable", True)
    ]
    wanted = [m.strip() for m in os.environ.get("MODULES", "").split(",") if m.strip()]
    if wanted:
        unknown = sorted(set(wanted) - set(found))
        if unknown:
            raise HarnessError(f"MODULES names unknown modules {unknown}; available: {found}")
        return wanted
    if not found:
        raise HarnessError(f"No module with a __manifest__.py found in {base}")
    return found


# --------------------------------------------------------------------------
# Odoo
# --------------------------------------------------------------------------
MISSING_ODOO = """\
Odoo 18.0 Community was not found.

Install it (it is not vendored in this repository), e.g.:
  git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git /opt/odoo18
  python3 -m pip install -r /opt/odoo18/requirements.txt
then either
  export ODOO_BIN=/opt/odoo18/odoo-bin
or make the `odoo` package importable (pip install -e /opt/odoo18) or put an
`odoo` launcher on PATH.  Docker users: `docker compose up` instead."""


@dataclass
class Odoo:
    cmd: list[str]  # how to launch the server
    python: str  # the interpreter Odoo runs in
    root: Path | None  # dir that contains the `odoo` package
    how: str  # human-readable description of what was found
    core_addons: list[str] = field(default_factory=list)

    def addons_path(self) -> str:
        return ",".join([*self.core_addons, str(addons_dir())])

    def pythonpath(self) -> str:
        """PYTHONPATH that makes `import odoo` work in self.python."""
        parts = [str(self.root)] if self.root else []
        if os.environ.get("PYTHONPATH"):
            parts.append(os.environ["PYTHONPATH"])
        return os.pathsep.join(parts)


def _shebang_python(script: Path) -> str | None:
    """Absolute interpreter from a script's shebang, or None (generic/env)."""
    try:
        with script.open("rb") as fh:
            first = fh.readline(200).decode("utf-8", "replace").strip()
    except OSError:
        return None
    if not first.startswith("#!") or "python" not in first:
        return None
    interp = first[2:].split()[0]
    if interp.endswith("/env"):
        return None
    return interp if os.access(interp, os.X_OK) else None


def _probe_odoo_package(python: str, extra_path: Path | None = None) -> dict | None:
    code = (
        "import json, os, odoo, odoo.release as r;"
        "print(json.dumps({'dir': os.path.dirname(odoo.__file__),"
        " 'version': list(r.version_info[:2])}))"
    )
    env = dict(os.environ)
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(extra_path), env.get("PYTHONPATH")]))
    try:
        out = subprocess.run(
            [python, "-c", code], capture_output=True, text=True, env=env, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def _core_addons_for(pkg_dir: Path) -> list[str]:
    """Odoo's own addons dirs: <pkg>/addons (base, web...) and <root>/addons."""
    result = []
    for cand in (pkg_dir.parent / "addons", pkg_dir / "addons"):
        if cand.is_dir() and any(cand.glob("*/__manifest__.py")):
            result.append(str(cand.resolve()))
    return result


def find_odoo() -> Odoo:
    found: Odoo | None = None
    info = None
    odoo_bin = os.environ.get("ODOO_BIN")
    if odoo_bin:
        path = Path(odoo_bin).expanduser()
        if not path.is_file():
            raise HarnessError(f"ODOO_BIN={odoo_bin} does not exist.\n\n{MISSING_ODOO}")
        path = path.resolve()
        python = _shebang_python(path) or sys.executable
        root = path.parent if (path.parent / "odoo" / "__init__.py").is_file() else None
        info = _probe_odoo_package(python, root)
        if info:
            root = Path(info["dir"]).parent
        found = Odoo([python, str(path)], python, root, f"ODOO_BIN={path}")
    if found is None:
        info = _probe_odoo_package(sys.executable)
        if info and (Path(info["dir"]) / "__main__.py").is_file():
            root = Path(info["dir"]).parent
            found = Odoo(
                [sys.executable, "-m", "odoo"],
                sys.executable,
                root,
                f"importable package {info['dir']} (python3 -m odoo)",
            )
    if found is None:
        exe = shutil.which("odoo") or shutil.which("odoo-bin")
        if exe:
            python = _shebang_python(Path(exe)) or sys.executable
            info = _probe_odoo_package(python)
            root = Path(info["dir"]).parent if info else None
            found = Odoo([exe], python, root, f"`{exe}` on PATH")
    if found is None:
        raise HarnessError(MISSING_ODOO)

    if info and info["version"][0] != 18:
        warn(f"Odoo {info['version']} found, this repository targets Odoo 18.0")
    if os.environ.get("ODOO_CORE_ADDONS"):
        found.core_addons = [p for p in os.environ["ODOO_CORE_ADDONS"].split(",") if p]
    elif info:
        found.core_addons = _core_addons_for(Path(info["dir"]))
    else:
        warn(
            "Cannot locate Odoo's addons directories; relying on Odoo's default "
            "(set ODOO_CORE_ADDONS=/path/to/odoo/addons if modules are missing)."
        )
    return found


def check_browser(python: str) -> str:
    """Odoo silently SKIPS browser tests without Chromium or websocket-client."""
    browser = next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)
    problems = []
    if not browser:
        problems.append(
            "Chromium is not installed (looked for: " + ", ".join(BROWSERS) + ").\n"
            "  Debian/Ubuntu: sudo apt-get install -y chromium"
        )
    probe = subprocess.run([python, "-c", "import websocket"], capture_output=True)
    if probe.returncode != 0:
        problems.append(
            f"The Python module `websocket` (websocket-client) is missing in {python}.\n"
            f"  {python} -m pip install websocket-client"
        )
    if problems:
        raise HarnessError(
            "Browser (tour) tests cannot run, and Odoo would silently skip them:\n  - "
            + "\n  - ".join(problems)
        )
    return browser


# --------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------
@dataclass
class Pg:
    host: str | None = None
    port: str | None = None
    user: str | None = None
    password: str | None = None
    how: str = ""
    cluster: TempCluster | None = None

    def env(self) -> dict[str, str]:
        """libpq variables describing this server (for child processes)."""
        out = {}
        for var, val in zip(
            PG_ENV_VARS, (self.host, self.port, self.user, self.password), strict=True
        ):
            if val:
                out[var] = str(val)
        return out

    def odoo_args(self) -> list[str]:
        args = []
        for opt, val in (
            ("--db_host", self.host),
            ("--db_port", self.port),
            ("--db_user", self.user),
            ("--db_password", self.password),
        ):
            if val:
                args.append(f"{opt}={val}")
        return args

    def connect(self, dbname: str = "postgres", timeout: int = 5):
        import psycopg2  # noqa: PLC0415 - Odoo dependency, imported lazily

        kwargs = {"dbname": dbname, "connect_timeout": timeout}
        for key, val in (
            ("host", self.host),
            ("port", self.port),
            ("user", self.user),
            ("password", self.password),
        ):
            if val:
                kwargs[key] = val
        return psycopg2.connect(**kwargs)

    def probe(self) -> str | None:
        """None when usable (connects and may create databases), else why not."""
        try:
            conn = self.connect()
        except Exception as exc:  # noqa: BLE001 - any failure means "not usable"
            return str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        try:
            with conn.cursor() as cr:
                cr.execute(
                    "SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user"
                )
                row = cr.fetchone()
                cr.execute("SELECT current_user")
                user = cr.fetchone()[0]
            if not row or not row[0]:
                return f"role {user!r} may not create databases"
            if user == "postgres":
                return "Odoo refuses to run as the `postgres` role; use another superuser"
            self.user = self.user or user
            return None
        finally:
            conn.close()

    def database_exists(self, name: str) -> bool:
        conn = self.connect()
        try:
            with conn.cursor() as cr:
                cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
                return cr.fetchone() is not None
        finally:
            conn.close()

    def drop_database(self, name: str) -> None:
        conn = self.connect()
        conn.autocommit = True
        try:
            with conn.cursor() as cr:
                cr.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            conn.close()


def _pg_tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    return str(candidates[-1]) if candidates else None


class TempCluster:
    """A throwaway PostgreSQL cluster in a temp dir; removed by stop()."""

    SUPERUSER = "odoo"

    def __init__(self):
        self.initdb = _pg_tool("initdb")
        self.pg_ctl = _pg_tool("pg_ctl")
        if not (self.initdb and self.pg_ctl):
            raise HarnessError(
                "No PostgreSQL server answered and initdb/pg_ctl were not found to "
                "start a throwaway one.\nInstall PostgreSQL (Debian: sudo apt-get install "
                "-y postgresql) or point PGHOST/PGPORT/PGUSER/PGPASSWORD at a server."
            )
        self.base = Path(tempfile.mkdtemp(prefix="insurance-pg-"))
        self.data = self.base / "data"
        self.port = free_port()
        self.run_as: list[str] = []
        if os.geteuid() == 0:  # initdb/postgres refuse to run as root
            user = self._unprivileged_user()
            os.chown(self.base, pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid)
            runuser = shutil.which("runuser")
            self.run_as = [runuser, "-u", user, "--"] if runuser else None
            if self.run_as is None:
                self.run_as = ["su", "-s", "/bin/sh", user, "-c"]
        self.started = False

    @staticmethod
    def _unprivileged_user() -> str:
        for name in ("pgtest", "nobody"):
            with contextlib.suppress(KeyError):
                pwd.getpwnam(name)
                return name
        subprocess.run(["useradd", "--system", "--no-create-home", "pgtest"], check=True)
        return "pgtest"

    def _run(self, argv: list[str], **kw) -> subprocess.CompletedProcess:
        if self.run_as and self.run_as[-1] == "-c":  # su needs one shell string
            import shlex  # noqa: PLC0415

            argv = [*self.run_as, " ".join(shlex.quote(a) for a in argv)]
        elif self.run_as:
            argv = [*self.run_as, *argv]
        return subprocess.run(argv, cwd=self.base, capture_output=True, text=True, **kw)

    def start(self) -> Pg:
        say(f"Starting a throwaway PostgreSQL cluster in {self.base} (port {self.port})")
        res = self._run(
            [
                self.initdb,
                "-D",
                str(self.data),
                "-U",
                self.SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ]
        )
        if res.returncode != 0:
            raise HarnessError(f"initdb failed:\n{res.stdout}\n{res.stderr}")
        opts = (
            f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        res = self._run(
            [
                self.pg_ctl,
                "-D",
                str(self.data),
                "-l",
                str(self.base / "postgres.log"),
                "-o",
                opts,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        if res.returncode != 0:
            log = self.base / "postgres.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise HarnessError(f"pg_ctl start failed:\n{res.stdout}\n{res.stderr}\n{tail}")
        self.started = True
        return Pg(
            host="127.0.0.1",
            port=str(self.port),
            user=self.SUPERUSER,
            how=f"throwaway cluster 127.0.0.1:{self.port} ({self.base})",
            cluster=self,
        )

    def stop(self) -> None:
        if self.started:
            self._run([self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop"])
            self.started = False
        shutil.rmtree(self.base, ignore_errors=True)


def find_postgres() -> Pg:
    """Explicit PG* env > local server (socket, 127.0.0.1:5432) > throwaway cluster."""
    if env_flag("FORCE_TEMP_PG"):
        say("FORCE_TEMP_PG=1: using a throwaway PostgreSQL cluster")
        return TempCluster().start()
    explicit = {v: os.environ[v] for v in PG_ENV_VARS if os.environ.get(v)}
    if explicit:
        pg = Pg(
            os.environ.get("PGHOST"),
            os.environ.get("PGPORT"),
            os.environ.get("PGUSER"),
            os.environ.get("PGPASSWORD"),
            how="PG* environment variables",
        )
        why = pg.probe()
        if why is None:
            return pg
        shown = {k: ("***" if k == "PGPASSWORD" else v) for k, v in explicit.items()}
        warn(f"PostgreSQL from {shown} is not usable ({why}); falling back to a throwaway cluster.")
        return TempCluster().start()
    for pg in (
        Pg(how="local server (Unix socket)"),
        Pg(host="127.0.0.1", port="5432", how="local server 127.0.0.1:5432"),
    ):
        why = pg.probe()
        if why is None:
            return pg
        say(f"PostgreSQL {pg.how}: not usable ({why})")
    return TempCluster().start()


# --------------------------------------------------------------------------
# Odoo config file for the run (keeps CLI short and lets pytest reuse it)
# --------------------------------------------------------------------------
def write_odoo_rc(path: Path, odoo: Odoo, pg: Pg, data_dir: Path, db: str) -> Path:
    lines = [
        "[options]",
        f"addons_path = {odoo.addons_path()}",
        f"data_dir = {data_dir}",
        f"db_name = {db}",
        f"dbfilter = ^{db}$",
        "max_cron_threads = 0",
        "workers = 0",
    ]
    for key, val in (
        ("db_host", pg.host),
        ("db_port", pg.port),
        ("db_user", pg.user),
        ("db_password", pg.password),
    ):
        if val:
            lines.append(f"{key} = {val}")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def child_env(odoo: Odoo, pg: Pg, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    for var in PG_ENV_VARS:
        env.pop(var, None)
    env.update(pg.env())
    env["PYTHONPATH"] = odoo.pythonpath()
    env.setdefault("PYTHONUNBUFFERED", "1")
    env.update(extra)
    return env


def wait_for_http(url: str, proc: subprocess.Popen | None = None, timeout: float = 180) -> None:
    import urllib.request  # noqa: PLC0415

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise HarnessError(f"Odoo exited with code {proc.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310 - loopback
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise HarnessError(f"Timed out after {timeout:.0f}s waiting for {url}")
