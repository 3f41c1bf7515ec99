"""Session timeouts over TCP with psycopg, with PostgreSQL 15's codes and texts:

* idle_in_transaction_session_timeout: FATAL 25P03 "terminating connection due to
  idle-in-transaction timeout", the connection is closed and the open transaction rolled back;
  also in a failed transaction block; not armed outside a transaction block;
* idle_session_timeout: FATAL 57P05 "terminating connection due to idle-session timeout";
* statement_timeout: ERROR 57014 "canceling statement due to statement timeout", the session
  stays usable (a transaction block is left failed).
"""

from __future__ import annotations

import time
from typing import Any

import psycopg
import pytest
from psycopg import errors


def test_idle_in_transaction_timeout_terminates(server: Any, db: str) -> None:
    with server.connect(dbname=db) as setup:
        setup.execute("CREATE TABLE t (id int)")
    c = server.connect(dbname=db)
    try:
        c.execute("SET idle_in_transaction_session_timeout = '300ms'")
        c.execute("BEGIN")
        c.execute("INSERT INTO t VALUES (1)")
        time.sleep(1.0)
        with pytest.raises(errors.IdleInTransactionSessionTimeout) as ei:
            c.execute("SELECT 1")
        assert ei.value.sqlstate == "25P03"
        assert str(ei.value) == "terminating connection due to idle-in-transaction timeout"
        assert ei.value.diag.severity_nonlocalized == "FATAL"
        assert c.closed
    finally:
        c.close()
    with server.connect(dbname=db) as check:  # the open transaction was rolled back
        assert check.execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_idle_in_failed_transaction_timeout_terminates(server: Any) -> None:
    c = server.connect()
    try:
        c.execute("SET idle_in_transaction_session_timeout = '300ms'")
        c.execute("BEGIN")
        with pytest.raises(errors.DivisionByZero):
            c.execute("SELECT 1/0")
        time.sleep(1.0)
        with pytest.raises(errors.IdleInTransactionSessionTimeout):
            c.execute("SELECT 2")
        assert c.closed
    finally:
        c.close()


def test_idle_in_transaction_timeout_not_armed_outside_transactions_or_while_busy(server: Any) -> None:
    with server.connect() as c:
        c.execute("SET idle_in_transaction_session_timeout = '200ms'")
        time.sleep(0.6)  # idle outside a transaction block: no timeout
        assert c.execute("SELECT 1").fetchone() == (1,)
        c.execute("BEGIN")
        # a statement running longer than the timeout is not idle time
        assert c.execute("SELECT pg_sleep(0.5)").fetchone() == ("",)
        time.sleep(0.1)
        assert c.execute("SELECT 2").fetchone() == (2,)  # each message restarts the timer
        c.execute("COMMIT")
        time.sleep(0.5)
        assert c.execute("SELECT 3").fetchone() == (3,)


def test_idle_session_timeout_terminates(server: Any) -> None:
    c = server.connect()
    try:
        c.execute("SET idle_session_timeout = '300ms'")
        time.sleep(1.0)
        with pytest.raises(errors.IdleSessionTimeout) as ei:
            c.execute("SELECT 1")
        assert ei.value.sqlstate == "57P05"
        assert str(ei.value) == "terminating connection due to idle-session timeout"
        assert ei.value.diag.severity_nonlocalized == "FATAL"
        assert c.closed
    finally:
        c.close()


def test_statement_timeout_cancels_statement(server: Any) -> None:
    with server.connect() as c:
        c.execute("SET statement_timeout = '200ms'")
        started = time.monotonic()
        with pytest.raises(errors.QueryCanceled) as ei:
            c.execute("SELECT pg_sleep(3)")
        assert time.monotonic() - started < 2.5
        assert ei.value.sqlstate == "57014"
        assert str(ei.value) == "canceling statement due to statement timeout"
        assert ei.value.diag.severity_nonlocalized == "ERROR"
        assert c.execute("SELECT 1").fetchone() == (1,)
        c.execute("BEGIN")
        with pytest.raises(errors.QueryCanceled):
            c.execute("SELECT pg_sleep(3)")
        assert c.info.transaction_status == psycopg.pq.TransactionStatus.INERROR
        c.execute("ROLLBACK")
        c.execute("SET statement_timeout = 0")
        assert c.execute("SELECT pg_sleep(0.3)").fetchone() == ("",)


@pytest.mark.parametrize("query", [
    "SELECT count(*) FROM generate_series(1, 100000000)",
    "SELECT sum(length(md5(g::text))) FROM generate_series(1, 50000000) g",
    "SELECT count(*) FROM generate_series(1, 20000) a, generate_series(1, 20000) b",
    "SELECT count(*) FROM generate_series(1, 20000) a JOIN generate_series(1, 20000) b ON a < b",
    "SELECT count(*) FROM generate_series(1, 20000) a, LATERAL generate_series(1, a) b",
    "SELECT generate_series(1, 100000000) ORDER BY 1 DESC LIMIT 1",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r",
])
def test_statement_timeout_stops_cpu_bound_statements(server: Any, query: str) -> None:
    """Each of these runs for minutes without the timeout (PostgreSQL 15 cancels them all)."""
    with server.connect() as c:
        c.execute("SET statement_timeout = '300ms'")
        started = time.monotonic()
        with pytest.raises(errors.QueryCanceled) as ei:
            c.execute(query)
        assert str(ei.value) == "canceling statement due to statement timeout"
        assert time.monotonic() - started < 5
        assert c.execute("SELECT 1").fetchone() == (1,)
