"""pgbench against the server: ``pgbench -i`` (client-side COPY ... WITH (FREEZE ON), VACUUM, ALTER TABLE
ADD PRIMARY KEY), then the built-in TPC-B and select-only scripts in the simple, extended and prepared
query modes with 1 and 8 clients. Every run must end without errors, and the balances must agree: each
TPC-B transaction adds the same delta to one account, one teller, one branch and one history row."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

PGBENCH = shutil.which("pgbench")
if PGBENCH is None or subprocess.run([PGBENCH, "--version"], capture_output=True).returncode != 0:
    # a failure, not a skip: CI installs it (.ci/run)
    pytest.fail("pgbench is not installed (Debian package postgresql)", pytrace=False)

TX_PER_CLIENT = 15


def run_pgbench(server: Any, dbname: str, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({"PGHOST": server.host, "PGPORT": str(server.port), "PGUSER": server.user,
                "PGPASSWORD": server.password, "PGDATABASE": dbname, "PGSSLMODE": "disable"})
    assert PGBENCH is not None
    return subprocess.run([PGBENCH, *args], env=env, capture_output=True, text=True, timeout=timeout)


def sums(server: Any, dbname: str) -> tuple[int, int, int, int]:
    with server.connect(dbname=dbname) as c:
        row = c.execute("SELECT (SELECT coalesce(sum(abalance), 0) FROM pgbench_accounts),"
                        " (SELECT coalesce(sum(tbalance), 0) FROM pgbench_tellers),"
                        " (SELECT coalesce(sum(bbalance), 0) FROM pgbench_branches),"
                        " (SELECT coalesce(sum(delta), 0) FROM pgbench_history)").fetchone()
    assert row is not None
    return tuple(int(v) for v in row)  # type: ignore[return-value]


@pytest.fixture(scope="module")
def bench_db(server: Any) -> Iterator[str]:
    name = f"pgbench_{os.getpid()}"
    with server.connect() as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        r = run_pgbench(server, name, "-i", "-s", "1")
        assert r.returncode == 0, r.stderr
        assert "done in" in r.stderr
        yield name
    finally:
        with server.connect() as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_init_loads_the_tables(server: Any, bench_db: str) -> None:
    with server.connect(dbname=bench_db) as c:
        counts = c.execute("SELECT (SELECT count(*) FROM pgbench_branches), (SELECT count(*) FROM pgbench_tellers),"
                           " (SELECT count(*) FROM pgbench_accounts), (SELECT count(*) FROM pgbench_history),"
                           " (SELECT count(DISTINCT aid) FROM pgbench_accounts),"
                           " (SELECT min(aid) FROM pgbench_accounts), (SELECT max(aid) FROM pgbench_accounts),"
                           " (SELECT octet_length(filler) FROM pgbench_accounts WHERE aid = 4242)").fetchone()
        assert counts == (1, 10, 100000, 0, 100000, 1, 100000, 84)
        pks = c.execute("SELECT conrelid::regclass::text FROM pg_constraint WHERE contype = 'p' "
                        "AND conrelid::regclass::text LIKE 'pgbench%' ORDER BY 1").fetchall()
        assert [r[0] for r in pks] == ["pgbench_accounts", "pgbench_branches", "pgbench_tellers"]


@pytest.mark.parametrize("clients", [1, 8])
@pytest.mark.parametrize("mode", ["simple", "extended", "prepared"])
@pytest.mark.parametrize("script", ["tpcb", "select-only"])
def test_pgbench_run(server: Any, bench_db: str, script: str, mode: str, clients: int) -> None:
    before = sums(server, bench_db)
    assert before[0] == before[1] == before[2]
    args = ["-n"] if script == "tpcb" else ["-n", "-S"]  # -n: we truncate the history ourselves
    with server.connect(dbname=bench_db) as c:
        c.execute("TRUNCATE pgbench_history")
    r = run_pgbench(server, bench_db, *args, "-M", mode, "-c", str(clients), "-j", str(min(clients, 2)),
                    "-t", str(TX_PER_CLIENT))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "error" not in r.stderr.lower(), r.stderr
    done = re.search(r"number of transactions actually processed: (\d+)/(\d+)", r.stdout)
    assert done is not None, r.stdout
    assert done.group(1) == done.group(2) == str(clients * TX_PER_CLIENT)
    assert re.search(r"number of failed transactions: 0 \(0\.000%\)", r.stdout), r.stdout
    assert re.search(r"tps = [0-9.]+ \(without initial connection time\)", r.stdout), r.stdout
    after = sums(server, bench_db)
    added = after[3]  # the history was empty before the run
    assert (after[0] - before[0], after[1] - before[1], after[2] - before[2]) == (added, added, added)
    with server.connect(dbname=bench_db) as c:
        (history,) = c.execute("SELECT count(*) FROM pgbench_history").fetchone()  # type: ignore[misc]
    assert history == (clients * TX_PER_CLIENT if script == "tpcb" else 0)
