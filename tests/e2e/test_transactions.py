"""Transactions through psycopg: conn.transaction() and explicit SQL, savepoints (explicit and
psycopg's nested transactions), read-your-writes, isolation from other sessions, and no lost
update under concurrent increments."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from psycopg import errors
from psycopg.pq import TransactionStatus


@pytest.fixture(scope="module")
def db(server: Any) -> Iterator[str]:
    """One database for this module (tests use tables of their own)."""
    name = f"txn_{uuid.uuid4().hex[:8]}"
    with server.connect() as c:
        c.execute(f"CREATE DATABASE {name}")
    try:
        yield name
    finally:
        with server.connect() as c:
            c.execute(f"DROP DATABASE IF EXISTS {name}")


@pytest.fixture()
def table(server: Any, db: str) -> str:
    """A fresh table ``(id int PRIMARY KEY, v text)`` with a unique name."""
    name = f"t_{uuid.uuid4().hex[:10]}"
    with server.connect(dbname=db) as c:
        c.execute(f"CREATE TABLE {name} (id int PRIMARY KEY, v text)")
    return name


@pytest.fixture()
def connect(server: Any, db: str) -> Iterator[Callable[..., psycopg.Connection]]:
    opened: list[psycopg.Connection] = []

    def make(autocommit: bool = True) -> psycopg.Connection:
        c = server.connect(dbname=db, autocommit=autocommit)
        opened.append(c)
        return c

    yield make
    for c in opened:
        c.close()


def ids(c: psycopg.Connection, table: str) -> list[int]:
    return [r[0] for r in c.execute(f"SELECT id FROM {table} ORDER BY id").fetchall()]


def test_transaction_block_commits(connect: Callable[..., psycopg.Connection], table: str) -> None:
    c, other = connect(), connect()
    with c.transaction():
        assert c.info.transaction_status == TransactionStatus.INTRANS
        c.execute(f"INSERT INTO {table} VALUES (1, 'a'), (2, 'b')")
        assert ids(c, table) == [1, 2]
        assert ids(other, table) == []
    assert c.info.transaction_status == TransactionStatus.IDLE
    assert ids(other, table) == [1, 2]


def test_transaction_block_rolls_back_on_exception(connect: Callable[..., psycopg.Connection],
                                                   table: str) -> None:
    c, other = connect(), connect()
    with pytest.raises(RuntimeError):
        with c.transaction():
            c.execute(f"INSERT INTO {table} VALUES (1, 'a')")
            raise RuntimeError("abort")
    assert ids(c, table) == []
    with c.transaction():
        c.execute(f"INSERT INTO {table} VALUES (2, 'b')")
        raise psycopg.Rollback()
    assert ids(c, table) == []
    assert ids(other, table) == []


def test_non_autocommit_commit_and_rollback(connect: Callable[..., psycopg.Connection], table: str) -> None:
    c, other = connect(autocommit=False), connect()
    c.execute(f"INSERT INTO {table} VALUES (1, 'a')")
    assert c.info.transaction_status == TransactionStatus.INTRANS
    assert ids(other, table) == []
    c.commit()
    assert ids(other, table) == [1]
    c.execute(f"INSERT INTO {table} VALUES (2, 'b')")
    c.execute(f"UPDATE {table} SET v = 'changed' WHERE id = 1")
    c.rollback()
    assert c.execute(f"SELECT id, v FROM {table}").fetchall() == [(1, "a")]
    c.commit()


def test_explicit_sql(connect: Callable[..., psycopg.Connection], table: str) -> None:
    c, other = connect(), connect()
    assert c.execute("BEGIN").statusmessage == "BEGIN"
    c.execute(f"INSERT INTO {table} VALUES (1, 'a')")
    assert ids(other, table) == []
    assert c.execute("COMMIT").statusmessage == "COMMIT"
    assert ids(other, table) == [1]
    c.execute("BEGIN")
    c.execute(f"INSERT INTO {table} VALUES (2, 'b')")
    c.execute(f"DELETE FROM {table} WHERE id = 1")
    assert ids(c, table) == [2]
    assert c.execute("ROLLBACK").statusmessage == "ROLLBACK"
    assert ids(c, table) == [1]
    c.execute("START TRANSACTION")
    c.execute(f"INSERT INTO {table} VALUES (3, 'c')")
    c.execute("END")
    c.execute("BEGIN TRANSACTION")
    c.execute(f"INSERT INTO {table} VALUES (4, 'd')")
    c.execute("ABORT")
    c.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
    c.execute(f"INSERT INTO {table} VALUES (5, 'e')")
    c.execute("COMMIT WORK")
    assert ids(other, table) == [1, 3, 5]


def test_explicit_sql_in_one_query_string(connect: Callable[..., psycopg.Connection], table: str) -> None:
    c = connect()
    c.execute(f"BEGIN; INSERT INTO {table} VALUES (1, 'a'); INSERT INTO {table} VALUES (2, 'b'); COMMIT")
    assert c.info.transaction_status == TransactionStatus.IDLE
    c.execute(f"BEGIN; INSERT INTO {table} VALUES (3, 'c')")
    assert c.info.transaction_status == TransactionStatus.INTRANS
    c.execute("ROLLBACK")
    assert ids(c, table) == [1, 2]


def test_commit_and_rollback_without_transaction_warn(conn: psycopg.Connection) -> None:
    notices: list[str | None] = []
    conn.add_notice_handler(lambda d: notices.append(d.sqlstate))
    assert conn.execute("COMMIT").statusmessage == "COMMIT"
    assert conn.execute("ROLLBACK").statusmessage == "ROLLBACK"
    assert notices == ["25P01", "25P01"]  # WARNING: there is no transaction in progress
    conn.execute("BEGIN")
    conn.execute("BEGIN")  # WARNING: there is already a transaction in progress
    assert notices[-1] == "25001"
    conn.execute("ROLLBACK")


def test_savepoints_explicit(connect: Callable[..., psycopg.Connection], table: str) -> None:
    c, other = connect(), connect()
    c.execute("BEGIN")
    c.execute(f"INSERT INTO {table} VALUES (1, 'a')")
    assert c.execute("SAVEPOINT s1").statusmessage == "SAVEPOINT"
    c.execute(f"INSERT INTO {table} VALUES (2, 'b')")
    c.execute("SAVEPOINT s2")
    c.execute(f"UPDATE {table} SET v = 'changed'")
    c.execute(f"INSERT INTO {table} VALUES (3, 'c')")
    assert c.execute("ROLLBACK TO SAVEPOINT s2").statusmessage == "ROLLBACK"
    assert c.execute(f"SELECT id, v FROM {table} ORDER BY id").fetchall() == [(1, "a"), (2, "b")]
    c.execute("ROLLBACK TO s1")
    assert ids(c, table) == [1]
    c.execute(f"INSERT INTO {table} VALUES (4, 'd')")
    c.execute("ROLLBACK TO SAVEPOINT s1")  # s1 still exists after rolling back to it
    c.execute(f"INSERT INTO {table} VALUES (5, 'e')")
    assert c.execute("RELEASE SAVEPOINT s1").statusmessage == "RELEASE"
    with pytest.raises(errors.InvalidSavepointSpecification):
        c.execute("ROLLBACK TO SAVEPOINT s1")  # released
    c.execute("ROLLBACK")
    assert ids(c, table) == []
    c.execute("BEGIN")
    c.execute(f"INSERT INTO {table} VALUES (1, 'a')")
    c.execute("SAVEPOINT s")
    c.execute(f"INSERT INTO {table} VALUES (5, 'e')")
    c.execute("RELEASE s")
    assert ids(other, table) == []
    c.execute("COMMIT")
    assert ids(other, table) == [1, 5]


def test_savepoint_recovers_failed_transaction(connect: Callable[..., psycopg.Connection], table: str) -> None:
    c = connect()
    c.execute("BEGIN")
    c.execute(f"INSERT INTO {table} VALUES (1, 'a')")
    c.execute("SAVEPOINT s")
    with pytest.raises(errors.UniqueViolation):
        c.execute(f"INSERT INTO {table} VALUES (1, 'dup')")
    assert c.info.transaction_status == TransactionStatus.INERROR
    with pytest.raises(errors.InFailedSqlTransaction):
        c.execute("SELECT 1")
    c.execute("ROLLBACK TO SAVEPOINT s")
    assert c.info.transaction_status == TransactionStatus.INTRANS
    c.execute(f"INSERT INTO {table} VALUES (2, 'b')")
    c.execute("COMMIT")
    assert ids(c, table) == [1, 2]


def test_nested_transaction_blocks_use_savepoints(connect: Callable[..., psycopg.Connection],
                                                  table: str) -> None:
    c, other = connect(), connect()
    with c.transaction():
        c.execute(f"INSERT INTO {table} VALUES (1, 'outer')")
        with pytest.raises(errors.UniqueViolation):
            with c.transaction():
                c.execute(f"INSERT INTO {table} VALUES (2, 'inner')")
                c.execute(f"INSERT INTO {table} VALUES (1, 'dup')")
        assert ids(c, table) == [1]
        with c.transaction():
            c.execute(f"INSERT INTO {table} VALUES (3, 'inner ok')")
            with c.transaction() as inner:
                c.execute(f"INSERT INTO {table} VALUES (4, 'innermost')")
                raise psycopg.Rollback(inner)
        assert ids(c, table) == [1, 3]
        assert ids(other, table) == []
    assert ids(other, table) == [1, 3]


def test_read_your_writes(connect: Callable[..., psycopg.Connection], table: str) -> None:
    c, other = connect(autocommit=False), connect()
    c.execute(f"INSERT INTO {table} VALUES (1, 'a'), (2, 'b'), (3, 'c')")
    c.execute(f"UPDATE {table} SET v = v || '!' WHERE id >= 2")
    c.execute(f"DELETE FROM {table} WHERE id = 3")
    assert c.execute(f"SELECT id, v FROM {table} ORDER BY id").fetchall() == [(1, "a"), (2, "b!")]
    assert c.execute(f"SELECT count(*) FROM {table} WHERE v LIKE '%!'").fetchone() == (1,)
    with pytest.raises(errors.UniqueViolation):
        c.execute(f"INSERT INTO {table} VALUES (2, 'dup')")  # sees its own uncommitted row
    c.rollback()
    c.execute(f"INSERT INTO {table} VALUES (3, 'again')")  # the deleted-then-rolled-back row is gone
    assert ids(other, table) == []
    c.commit()
    assert ids(other, table) == [3]


def test_uncommitted_changes_invisible_to_others(connect: Callable[..., psycopg.Connection],
                                                 table: str) -> None:
    setup, writer, reader = connect(), connect(autocommit=False), connect()
    setup.execute(f"INSERT INTO {table} VALUES (1, 'a'), (2, 'b')")
    writer.execute(f"INSERT INTO {table} VALUES (3, 'c')")
    writer.execute(f"UPDATE {table} SET v = 'changed' WHERE id = 1")
    writer.execute(f"DELETE FROM {table} WHERE id = 2")
    assert reader.execute(f"SELECT id, v FROM {table} ORDER BY id").fetchall() == [(1, "a"), (2, "b")]
    with reader.transaction():
        assert reader.execute(f"SELECT id, v FROM {table} ORDER BY id").fetchall() == [(1, "a"), (2, "b")]
    writer.commit()
    assert reader.execute(f"SELECT id, v FROM {table} ORDER BY id").fetchall() == [(1, "changed"), (3, "c")]


def test_rolled_back_ddl(connect: Callable[..., psycopg.Connection]) -> None:
    c = connect()
    name = f"ddl_{uuid.uuid4().hex[:8]}"
    c.execute("BEGIN")
    c.execute(f"CREATE TABLE {name} (id int)")
    c.execute(f"INSERT INTO {name} VALUES (1)")
    c.execute("ROLLBACK")
    with pytest.raises(errors.UndefinedTable):
        c.execute(f"SELECT * FROM {name}")


def run_threads(n: int, target: Callable[[int], None]) -> None:
    failures: list[BaseException] = []

    def wrapped(i: int) -> None:
        try:
            target(i)
        except BaseException as e:
            failures.append(e)

    threads = [threading.Thread(target=wrapped, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    assert not failures, failures


N_THREADS = 8
M_INCREMENTS = 25


def test_concurrent_increments_autocommit(server: Any, db: str) -> None:
    name = f"counter_{uuid.uuid4().hex[:8]}"
    with server.connect(dbname=db) as c:
        c.execute(f"CREATE TABLE {name} (id int PRIMARY KEY, n int NOT NULL)")
        c.execute(f"INSERT INTO {name} VALUES (1, 0), (2, 0)")
    barrier = threading.Barrier(N_THREADS)

    def work(_: int) -> None:
        with server.connect(dbname=db) as c:
            barrier.wait(30)
            for _ in range(M_INCREMENTS):
                cur = c.execute(f"UPDATE {name} SET n = n + 1 WHERE id = 1")
                assert cur.rowcount == 1

    run_threads(N_THREADS, work)
    with server.connect(dbname=db) as c:
        assert c.execute(f"SELECT id, n FROM {name} ORDER BY id").fetchall() == [
            (1, N_THREADS * M_INCREMENTS), (2, 0)]


def test_concurrent_increments_in_transactions(server: Any, db: str) -> None:
    name = f"counter_{uuid.uuid4().hex[:8]}"
    with server.connect(dbname=db) as c:
        c.execute(f"CREATE TABLE {name} (id int PRIMARY KEY, n int NOT NULL, log int NOT NULL)")
        c.execute(f"INSERT INTO {name} VALUES (1, 0, 0)")
    barrier = threading.Barrier(N_THREADS)

    def work(_: int) -> None:
        with server.connect(dbname=db) as c:
            barrier.wait(30)
            for _ in range(M_INCREMENTS):
                with c.transaction():
                    c.execute(f"UPDATE {name} SET n = n + 1 WHERE id = 1")
                    c.execute(f"UPDATE {name} SET log = log + 2 WHERE id = 1")

    run_threads(N_THREADS, work)
    with server.connect(dbname=db) as c:
        assert c.execute(f"SELECT n, log FROM {name}").fetchone() == (
            N_THREADS * M_INCREMENTS, 2 * N_THREADS * M_INCREMENTS)
