"""Graceful shutdown on SIGTERM (PostgreSQL's fast shutdown, ``pg_ctl stop -m fast``): every client
-- idle, inside a transaction block with uncommitted writes, or running a long statement --
gets ErrorResponse FATAL 57P01 "terminating connection due to administrator command" and is
disconnected; open transactions are rolled back; the process exits with status 0 and everything
committed is there after a restart."""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Any

import psycopg
import pytest
from psycopg import errors

ADMIN_SHUTDOWN = "terminating connection due to administrator command"


def _assert_admin_shutdown(err: BaseException | None) -> None:
    assert isinstance(err, errors.AdminShutdown), repr(err)
    assert err.sqlstate == "57P01"
    assert str(err) == ADMIN_SHUTDOWN
    assert err.diag.severity_nonlocalized == "FATAL"


def test_sigterm_rolls_back_and_terminates_every_client(fresh_server: Any) -> None:
    srv = fresh_server
    with srv.connect() as c:
        c.execute("CREATE TABLE t (id int PRIMARY KEY, v text)")
        c.execute("INSERT INTO t SELECT g, 'committed' FROM generate_series(1, 100) g")
        with c.transaction():
            c.execute("UPDATE t SET v = 'committed in a block' WHERE id <= 10")
    idle = srv.connect()
    in_transaction = srv.connect()
    busy = srv.connect()
    in_transaction.execute("BEGIN")
    in_transaction.execute("INSERT INTO t VALUES (1000, 'uncommitted')")
    in_transaction.execute("UPDATE t SET v = 'uncommitted' WHERE id = 1")
    in_transaction.execute("DELETE FROM t WHERE id = 2")
    in_transaction.execute("CREATE TABLE never (id int)")
    outcome: dict[str, BaseException | None] = {}
    running = threading.Event()

    def long_statement() -> None:
        running.set()
        try:
            busy.execute("SELECT pg_sleep(30)")
            outcome["busy"] = None
        except BaseException as e:  # noqa: BLE001 - recorded and checked below
            outcome["busy"] = e

    t = threading.Thread(target=long_statement, daemon=True)
    t.start()
    running.wait(10)
    time.sleep(0.5)  # the sleep is under way
    assert srv.proc is not None
    proc = srv.proc
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    t.join(20)
    assert not t.is_alive(), "the long statement was not interrupted"
    assert proc.wait(20) == 0
    assert time.monotonic() - started < 10
    srv.proc = None
    _assert_admin_shutdown(outcome["busy"])
    for name, c in (("idle", idle), ("in_transaction", in_transaction)):
        try:
            c.execute("SELECT 1")
            outcome[name] = None
        except BaseException as e:  # noqa: BLE001
            outcome[name] = e
        _assert_admin_shutdown(outcome[name])
    assert idle.closed and in_transaction.closed and busy.closed
    log = "".join(srv.log)
    assert "database system is shut down" in log
    assert not os.path.exists(os.path.join(srv.data_dir, "postmaster.pid"))

    srv.start()
    with srv.connect() as c:
        assert c.execute("SELECT count(*) FROM t").fetchone() == (100,)
        assert c.execute("SELECT v, count(*) FROM t GROUP BY v ORDER BY v").fetchall() == [
            ("committed", 90), ("committed in a block", 10)]
        with pytest.raises(errors.UndefinedTable):
            c.execute("SELECT * FROM never")
        c.execute("INSERT INTO t VALUES (1000, 'after restart')")


def test_sigterm_with_no_clients_exits_zero(fresh_server: Any) -> None:
    srv = fresh_server
    with srv.connect() as c:
        c.execute("CREATE TABLE t (id int)")
        c.execute("INSERT INTO t VALUES (1)")
    proc = srv.proc
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(20) == 0
    srv.proc = None
    srv.start()
    with srv.connect() as c:
        assert c.execute("SELECT id FROM t").fetchall() == [(1,)]
    with pytest.raises(psycopg.OperationalError):
        srv.stop()
        srv.connect()
