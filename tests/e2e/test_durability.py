"""Durability through kill -9: every acknowledged COMMIT survives a SIGKILL of the server and a
restart on the same data directory, an uncommitted transaction leaves no trace, commits are
atomic, and a second server on the same data directory refuses to start."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from typing import Any

import psycopg
import pytest
from psycopg import errors


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def close_quietly(*conns: psycopg.Connection) -> None:
    for c in conns:
        with contextlib.suppress(Exception):
            c.close()


def test_committed_rows_survive_kill9(fresh_server: Any) -> None:
    srv = fresh_server
    with srv.connect() as c:
        c.execute("CREATE TABLE kept (id int PRIMARY KEY, v text)")
        c.execute("CREATE INDEX kept_v ON kept (v)")
        c.execute("INSERT INTO kept VALUES (1, 'autocommit')")
        with c.transaction():
            c.execute("INSERT INTO kept VALUES (2, 'block'), (3, 'block')")
        c.execute("BEGIN; INSERT INTO kept VALUES (4, 'explicit'); COMMIT")
        c.execute("UPDATE kept SET v = 'updated' WHERE id = 1")
        c.execute("DELETE FROM kept WHERE id = 3")
        c.cursor().executemany("INSERT INTO kept VALUES (%s, %s)", [(i, f"many{i}") for i in range(100, 600)])
        c.execute("CREATE DATABASE other_db")
    with srv.connect(dbname="other_db") as c:
        c.execute("CREATE TABLE elsewhere (id int)")
        c.execute("INSERT INTO elsewhere VALUES (42)")
    srv.kill9()
    srv.start()
    with srv.connect() as c:
        assert c.execute("SELECT id, v FROM kept WHERE id < 100 ORDER BY id").fetchall() == [
            (1, "updated"), (2, "block"), (4, "explicit")]
        assert c.execute("SELECT count(*), min(id), max(id) FROM kept WHERE id >= 100").fetchone() == (
            500, 100, 599)
        assert c.execute("SELECT id FROM kept WHERE v = 'many321'").fetchall() == [(321,)]
        with pytest.raises(errors.UniqueViolation):
            c.execute("INSERT INTO kept VALUES (2, 'dup')")
    with srv.connect(dbname="other_db") as c:
        assert c.execute("SELECT id FROM elsewhere").fetchall() == [(42,)]


def test_uncommitted_transaction_leaves_no_trace(fresh_server: Any) -> None:
    srv = fresh_server
    with srv.connect() as c:
        c.execute("CREATE TABLE t (id int PRIMARY KEY, v text)")
        c.execute("INSERT INTO t VALUES (1, 'committed'), (2, 'committed')")
    open_txn = srv.connect(autocommit=False)
    open_ddl = srv.connect(autocommit=False)
    try:
        open_txn.execute("INSERT INTO t VALUES (3, 'uncommitted')")
        open_txn.execute("UPDATE t SET v = 'uncommitted' WHERE id = 1")
        open_txn.execute("DELETE FROM t WHERE id = 2")
        open_ddl.execute("CREATE TABLE never (id int)")
        open_ddl.execute("INSERT INTO never VALUES (1)")
        with srv.connect() as c:  # the server has seen all of it before the kill
            assert c.execute("SELECT count(*) FROM t").fetchone() == (2,)
        srv.kill9()
    finally:
        close_quietly(open_txn, open_ddl)
    srv.start()
    with srv.connect() as c:
        assert c.execute("SELECT id, v FROM t ORDER BY id").fetchall() == [(1, "committed"), (2, "committed")]
        with pytest.raises(errors.UndefinedTable):
            c.execute("SELECT * FROM never")
        # the keys the lost transaction used are free
        c.execute("INSERT INTO t VALUES (3, 'new')")
        c.execute("CREATE TABLE never (id int)")


def test_restart_after_clean_shutdown(fresh_server: Any) -> None:
    srv = fresh_server
    with srv.connect() as c:
        c.execute("CREATE TABLE t (id serial PRIMARY KEY, v text)")
        c.execute("INSERT INTO t (v) VALUES ('a'), ('b')")
    srv.stop()
    srv.start()
    with srv.connect() as c:
        c.execute("INSERT INTO t (v) VALUES ('c')")
        assert c.execute("SELECT id, v FROM t ORDER BY id").fetchall() == [(1, "a"), (2, "b"), (3, "c")]


WRITERS = 6
MAX_ITERATIONS = 5000  # per writer, a bound in case the kill comes late
RUN_BEFORE_KILL = 1.5  # seconds


def test_concurrent_writers_kill9(fresh_server: Any) -> None:
    """Writers insert and commit in a loop, recording each id once its COMMIT is acknowledged;
    kill -9 mid-way. After a restart every acknowledged id is present. An id whose COMMIT was
    not acknowledged may or may not be, but each transaction is all-or-nothing: its row in
    ``a`` and its row in ``b`` are both present or both absent."""
    srv = fresh_server
    with srv.connect() as c:
        c.execute("CREATE TABLE a (id int PRIMARY KEY, writer int NOT NULL)")
        c.execute("CREATE TABLE b (id int PRIMARY KEY, payload text NOT NULL)")
        c.execute("CREATE TABLE single (id int PRIMARY KEY)")
    acknowledged: list[set[int]] = [set() for _ in range(WRITERS)]
    acknowledged_single: list[set[int]] = [set() for _ in range(WRITERS)]
    attempted = [0] * WRITERS
    stop = threading.Event()
    started = threading.Barrier(WRITERS + 1)

    def writer(w: int) -> None:
        try:
            c = srv.connect()
        except psycopg.Error:
            started.wait(30)
            return
        try:
            started.wait(30)
            for i in range(MAX_ITERATIONS):
                if stop.is_set():
                    break
                ident = w * 1_000_000 + i
                attempted[w] = i + 1
                try:
                    if i % 2:
                        c.execute("INSERT INTO single VALUES (%s)", [ident])
                        acknowledged_single[w].add(ident)
                    else:
                        with c.transaction():
                            c.execute("INSERT INTO a VALUES (%s, %s)", [ident, w])
                            c.execute("INSERT INTO b VALUES (%s, %s)", [ident, "x" * (i % 50)])
                        acknowledged[w].add(ident)
                except psycopg.Error:
                    break
        finally:
            close_quietly(c)

    threads = [threading.Thread(target=writer, args=(w,), daemon=True) for w in range(WRITERS)]
    for t in threads:
        t.start()
    started.wait(30)
    time.sleep(RUN_BEFORE_KILL)
    srv.kill9()
    stop.set()
    for t in threads:
        t.join(30)
    assert not any(t.is_alive() for t in threads)
    acked = set().union(*acknowledged)
    acked_single = set().union(*acknowledged_single)
    assert len(acked) + len(acked_single) > WRITERS, "the writers made no progress before the kill"

    srv.start()
    with srv.connect() as c:
        in_a = {r[0] for r in c.execute("SELECT id FROM a").fetchall()}
        in_b = {r[0] for r in c.execute("SELECT id FROM b").fetchall()}
        in_single = {r[0] for r in c.execute("SELECT id FROM single").fetchall()}
        assert acked - in_a == set(), "acknowledged commits lost"
        assert acked_single - in_single == set(), "acknowledged commits lost"
        assert in_a == in_b, "a transaction was applied partially"
        # at most the one in-flight transaction per writer beyond the acknowledged ones
        assert len(in_a - acked) + len(in_single - acked_single) <= WRITERS
        for ident, writer_no in c.execute("SELECT id, writer FROM a").fetchall():
            assert ident // 1_000_000 == writer_no
        # the server accepts writes again, including ids never acknowledged
        c.execute("INSERT INTO a VALUES (-1, 0)")


def test_second_server_on_same_data_dir_refuses(fresh_server: Any) -> None:
    srv = fresh_server
    with srv.connect() as c:
        c.execute("CREATE TABLE t (id int)")
        c.execute("INSERT INTO t VALUES (1)")
    second = type(srv)(srv.data_dir, free_port())
    try:
        with pytest.raises(RuntimeError):
            second.start(timeout=20)
        assert second.proc is not None
        code = second.proc.wait(10)
        assert code != 0
        output = "".join(second.log)
        assert 'FATAL:  lock file "postmaster.pid" already exists' in output, output
        assert f'HINT:  Is another postmaster (PID {srv.proc.pid}) running in data directory' in output, output
        assert "ready to accept connections" not in output
    finally:
        second.stop()
    # the first server is unaffected and still owns its lock
    assert os.path.exists(os.path.join(srv.data_dir, "postmaster.pid"))
    with srv.connect() as c:
        c.execute("INSERT INTO t VALUES (2)")
        assert c.execute("SELECT id FROM t ORDER BY id").fetchall() == [(1,), (2,)]
    srv.kill9()
    srv.start()  # a stale lock left by a killed server does not prevent a restart
    with srv.connect() as c:
        assert c.execute("SELECT id FROM t ORDER BY id").fetchall() == [(1,), (2,)]
