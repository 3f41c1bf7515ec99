"""pg_stat_activity as other sessions see it: the running query's text and state (active, idle, idle
in transaction, aborted), its timestamps, and what a role without the session user's privileges
sees. One scenario runs against pgserver and a throw-away PostgreSQL 15; the rows must be equal.
(psycopg's cancel tests, for one, wait for another session's query to show up as active.)"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest

from tests.e2e.oracle_compare import real_postgres
from tests.e2e.realpg import RealPostgres

Connect = Callable[..., psycopg.Connection]

SEEN = ("SELECT state, query, query_start IS NOT NULL, state_change >= query_start, backend_start <= query_start, "
        "xact_start IS NOT NULL, backend_type FROM pg_stat_activity WHERE pid = %s")
HIDDEN = ("SELECT usename, state, query, query_start, backend_start, client_addr, application_name, backend_type, "
          "datname, xact_start FROM pg_stat_activity WHERE pid = %s")


@pytest.fixture(scope="module")
def realpg() -> Iterator[RealPostgres]:
    with real_postgres() as pg:
        yield pg


def _scenario(connect: Connect, password: str) -> list[Any]:
    out: list[Any] = []
    with connect() as worker, connect() as monitor:
        pid = worker.info.backend_pid

        def seen() -> None:
            out.append(monitor.execute(SEEN, [pid]).fetchall())

        sleeper = threading.Thread(target=lambda: worker.execute("SELECT pg_sleep(%s)", ["1"]))
        sleeper.start()
        deadline = time.monotonic() + 5
        while monitor.execute("SELECT state FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone() != ("active",):
            assert time.monotonic() < deadline, "the sleeping session never showed up as active"
            time.sleep(0.01)
        seen()  # active, with the text the client sent in its Parse message
        sleeper.join()
        seen()  # idle; the last query stays shown
        worker.execute("SELECT 1; SELECT 2")
        seen()  # a simple query: its whole string
        worker.execute("BEGIN")
        worker.execute("SELECT 3")
        seen()
        with pytest.raises(psycopg.errors.DivisionByZero):
            worker.execute("SELECT 1/0")
        seen()
        worker.execute("ROLLBACK")
        seen()
        out.append(monitor.execute("SELECT state, query FROM pg_stat_activity WHERE pid = pg_backend_pid()").fetchall())
        monitor.execute("DROP ROLE IF EXISTS stat_peeker")
        monitor.execute(f"CREATE ROLE stat_peeker LOGIN PASSWORD '{password}'")
        monitor.execute("GRANT CONNECT ON DATABASE postgres TO stat_peeker")
        try:
            with connect(user="stat_peeker", password=password) as peeker:
                out.append(peeker.execute(HIDDEN, [pid]).fetchall())
                monitor.execute("GRANT pg_read_all_stats TO stat_peeker")
                out.append(peeker.execute("SELECT state, query FROM pg_stat_activity WHERE pid = %s", [pid]).fetchall())
        finally:
            monitor.execute("REVOKE CONNECT ON DATABASE postgres FROM stat_peeker")
            monitor.execute("DROP ROLE stat_peeker")
    return out


def test_stat_activity_matches_postgres(server: Any, realpg: RealPostgres) -> None:
    ours = _scenario(lambda **kw: server.connect(dbname="postgres", **kw), "peek-pw")
    theirs = _scenario(lambda **kw: psycopg.connect(realpg.dsn(), autocommit=True, **kw), "peek-pw")
    assert ours == theirs
    assert ours[0] == [("active", "SELECT pg_sleep($1)", True, True, True, True, "client backend")]
    assert ours[7][0][2] == "<insufficient privilege>"
