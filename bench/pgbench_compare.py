"""Run the same short pgbench workload against pgserver and a real PostgreSQL, side by side.

The workload is a custom pgbench script over one table we create (``bench_accounts``): a
point SELECT by primary key and a single-row UPDATE. Both servers are started here on free
ports in temporary directories; the script prints each throughput and the ratio.

With ``--scale N`` it runs pgbench's own workload instead: ``pgbench -i -s N`` on both servers (the
load times are printed), then the built-in TPC-B and select-only (``-S``) scripts.

Usage: python bench/pgbench_compare.py [--rows 10000] [--clients 1,8] [--seconds 10]
       [--modes simple,extended,prepared] [--pg-bin DIR]
       python bench/pgbench_compare.py --scale 10 --seconds 20 --modes simple,extended,prepared
Needs PostgreSQL's server binaries (initdb, pg_ctl) and pgbench, e.g. from Debian's
``postgresql`` package.
"""

from __future__ import annotations

import argparse
import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "benchpw"
SCRIPT = """\\set aid random(1, :naccounts)
\\set delta random(-5000, 5000)
SELECT abalance FROM bench_accounts WHERE aid = :aid;
UPDATE bench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
"""
SELECT_ONLY = """\\set aid random(1, :naccounts)
SELECT abalance FROM bench_accounts WHERE aid = :aid;
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_pg_bin(explicit: str | None) -> str:
    if explicit:
        return explicit
    cands = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not cands:
        sys.exit("PostgreSQL server binaries not found (apt-get install postgresql)")
    return cands[-1]


def _run_as(user: str | None, cmd: list[str], **kw: object) -> subprocess.CompletedProcess:
    if user and os.geteuid() == 0:
        cmd = ["su", user, "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in cmd)]
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)  # type: ignore[call-overload]


class RealPostgres:
    def __init__(self, pg_bin: str, root: str) -> None:
        self.pg_bin = pg_bin
        self.dir = os.path.join(root, "pg")
        self.port = free_port()
        self.user = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                subprocess.run(["useradd", "--system", "postgres"], check=True)
            self.user = "postgres"
            os.chmod(root, 0o777)

    def start(self) -> None:
        pwfile = os.path.join(os.path.dirname(self.dir), "pw")
        Path(pwfile).write_text(PASSWORD)
        os.chmod(pwfile, 0o644)
        _run_as(self.user, [f"{self.pg_bin}/initdb", "-D", self.dir, "-U", "postgres", "--auth=scram-sha-256",
                            f"--pwfile={pwfile}", "--locale=C.UTF-8", "--encoding=UTF8"])
        _run_as(self.user, [f"{self.pg_bin}/pg_ctl", "-D", self.dir, "-w", "-l", self.dir + ".log", "-o",
                            f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1", "start"])

    def stop(self) -> None:
        try:
            _run_as(self.user, [f"{self.pg_bin}/pg_ctl", "-D", self.dir, "-m", "fast", "stop"])
        except subprocess.CalledProcessError:
            pass


class PgServer:
    def __init__(self, root: str) -> None:
        self.dir = os.path.join(root, "pgserver")
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        env = dict(os.environ, POSTGRES_PASSWORD=PASSWORD, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen([sys.executable, "-m", "pgserver", "--data-dir", self.dir, "--port",
                                      str(self.port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, env=env, cwd=str(REPO))
        assert self.proc.stdout is not None
        deadline = time.time() + 60
        for line in self.proc.stdout:
            if "ready to accept connections" in line:
                break
            if time.time() > deadline:
                raise RuntimeError("pgserver did not start")
        else:
            raise RuntimeError("pgserver exited")
        import threading

        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()  # type: ignore

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(30)


def load(port: int, rows: int) -> None:
    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", password=PASSWORD, dbname="postgres",
                         autocommit=True) as c:
        c.execute("DROP TABLE IF EXISTS bench_accounts")
        c.execute("CREATE TABLE bench_accounts (aid int PRIMARY KEY, abalance int NOT NULL, filler text)")
        batch = 1000
        with c.transaction():
            for start in range(1, rows + 1, batch):
                n = min(batch, rows - start + 1)
                values = ",".join(f"({i}, 0, '{'x' * 80}')" for i in range(start, start + n))
                c.execute(f"INSERT INTO bench_accounts VALUES {values}")


def _client_env() -> dict[str, str]:
    """pgbench's environment: both servers without TLS (the PostgreSQL started here has none), unless
    PGSSLMODE says otherwise."""
    return dict(os.environ, PGPASSWORD=PASSWORD, PGSSLMODE=os.environ.get("PGSSLMODE", "disable"))


def pgbench_init(pg_bin: str, port: int, scale: int) -> float:
    """``pgbench -i -s scale`` (client-side COPY, VACUUM, primary keys); returns the seconds it took."""
    exe = shutil.which("pgbench") or f"{pg_bin}/pgbench"
    env = _client_env()
    started = time.time()
    out = subprocess.run([exe, "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-i", "-q", "-s", str(scale),
                          "postgres"], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"pgbench -i failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    done = re.search(r"done in .*", out.stderr)
    print(f"    port {port}: {done.group(0) if done else ''}", flush=True)
    return time.time() - started


def pgbench(pg_bin: str, port: int, script: str | None, rows: int, clients: int, seconds: int, mode: str,
            builtin: list[str] | None = None) -> float:
    """tps of one run: of ``script`` (a custom file) or, with ``builtin``, of pgbench's own TPC-B
    (``[]``) or select-only (``["-S"]``) script over the ``pgbench -i`` tables."""
    exe = shutil.which("pgbench") or f"{pg_bin}/pgbench"
    path = None
    if builtin is None:
        with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
            f.write(script or "")
            path = f.name
        workload = ["-n", "-f", path, "-D", f"naccounts={rows}"]
    else:
        workload = builtin
    env = _client_env()
    cmd = [exe, "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", *workload, "-c", str(clients), "-j",
           str(min(clients, 2)), "-T", str(seconds), "-M", mode, "postgres"]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if path is not None:
        os.unlink(path)
    m = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", out.stdout)
    if out.returncode != 0 or not m:
        raise RuntimeError(f"pgbench failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    failed = re.search(r"number of failed transactions: (\d+)", out.stdout)
    if failed and int(failed.group(1)) > 0:
        print(f"    note: {failed.group(1)} failed transactions", file=sys.stderr)
    return float(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--clients", default="1,8")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--modes", default="simple,prepared")
    ap.add_argument("--pg-bin")
    ap.add_argument("--scale", type=int, default=0, help="run pgbench -i -s SCALE and the built-in scripts")
    args = ap.parse_args()
    pg_bin = find_pg_bin(args.pg_bin)
    with tempfile.TemporaryDirectory(prefix="pgbench-compare-") as root:
        pg = RealPostgres(pg_bin, root)
        ours = PgServer(root)
        pg.start()
        ours.start()
        try:
            if args.scale:
                print(f"pgbench -i -s {args.scale}", flush=True)
                a_init = pgbench_init(pg_bin, pg.port, args.scale)
                b_init = pgbench_init(pg_bin, ours.port, args.scale)
                print(f"{'init (seconds)':<38}{'':>8}{a_init:>16.1f}{b_init:>14.1f}{a_init / b_init:>8.3f}")
                workloads: list[tuple[str, str | None, list[str] | None]] = [
                    ("tpcb (builtin)", None, []), ("select-only (builtin -S)", None, ["-S"])]
            else:
                for port in (pg.port, ours.port):
                    load(port, args.rows)
                workloads = [("select+update", SCRIPT, None), ("select-only", SELECT_ONLY, None)]
            print(f"{'workload':<28}{'mode':<10}{'clients':>8}{'PostgreSQL tps':>16}{'pgserver tps':>14}"
                  f"{'ratio':>8}")
            for name, script, builtin in workloads:
                for mode in args.modes.split(","):
                    for clients in (int(c) for c in args.clients.split(",")):
                        a = pgbench(pg_bin, pg.port, script, args.rows, clients, args.seconds, mode, builtin)
                        b = pgbench(pg_bin, ours.port, script, args.rows, clients, args.seconds, mode, builtin)
                        print(f"{name:<28}{mode:<10}{clients:>8}{a:>16.1f}{b:>14.1f}{b / a:>8.3f}", flush=True)
        finally:
            ours.stop()
            pg.stop()


if __name__ == "__main__":
    main()
