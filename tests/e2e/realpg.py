"""A throw-away real PostgreSQL cluster for tests that compare pgserver with PostgreSQL.

The cluster is initdb'd in a temporary directory and started on a free port. PostgreSQL refuses
to run as root, so when the tests run as root the server binaries run as the ``postgres`` OS user.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field

from tests.e2e.conftest import free_port


def pg_bin(name: str) -> str:
    """Path of a PostgreSQL 15 program (server binaries live outside PATH on Debian)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: (not p.startswith(
        "/usr/lib/postgresql/15/"), p))
    for cand in found + [shutil.which(name) or ""]:
        if cand and os.access(cand, os.X_OK):
            return cand
    raise RuntimeError(f"PostgreSQL program {name!r} not found (install the postgresql server package)")


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in cmd)]


@dataclass
class RealPostgres:
    port: int = 0
    host: str = "127.0.0.1"
    user: str = "postgres"
    base: str = ""
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def data_dir(self) -> str:
        return os.path.join(self.base, "data")

    def start(self) -> None:
        self.base = tempfile.mkdtemp(prefix="realpg-")
        os.chmod(self.base, 0o777)
        self.port = self.port or free_port()
        subprocess.run(_as_postgres([pg_bin("initdb"), "-D", self.data_dir, "-U", self.user, "-A", "trust",
                                     "-E", "UTF8", "--locale=C", "--no-sync"]),
                       check=True, capture_output=True, cwd=self.base)
        opts = [f"-c port={self.port}", f"-c listen_addresses={self.host}", f"-c unix_socket_directories={self.base}",
                "-c fsync=off"] + [f"-c {k}={v}" for k, v in self.settings.items()]
        subprocess.run(_as_postgres([pg_bin("pg_ctl"), "-D", self.data_dir, "-l", os.path.join(self.base, "log"),
                                     "-o", " ".join(opts), "-w", "start"]),
                       check=True, capture_output=True, cwd=self.base)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.psql("SELECT 1", check=False).returncode == 0:
                return
            time.sleep(0.2)
        raise RuntimeError("real PostgreSQL did not start")

    def stop(self) -> None:
        if not self.base:
            return
        subprocess.run(_as_postgres([pg_bin("pg_ctl"), "-D", self.data_dir, "-m", "immediate", "-w", "stop"]),
                       capture_output=True, cwd=self.base)
        shutil.rmtree(self.base, ignore_errors=True)
        self.base = ""

    def dsn(self, dbname: str = "postgres") -> str:
        return f"host={self.host} port={self.port} user={self.user} dbname={dbname}"

    def psql(self, sql: str, dbname: str = "postgres", check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["psql", "-X", "-h", self.host, "-p", str(self.port), "-U", self.user, "-d", dbname,
                               "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True, check=check)

    def __enter__(self) -> RealPostgres:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
