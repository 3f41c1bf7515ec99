"""Isolation levels and transaction modes through psycopg, with expectations taken from PostgreSQL 15:
REPEATABLE READ keeps one snapshot and refuses to overwrite a row changed since (40001); SERIALIZABLE
also refuses write skew and predicate anomalies (40001 at commit); READ ONLY transactions refuse writes
(25006); modes that can no longer change give 25001; savepoints nest 1,000 deep."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest


@pytest.fixture(scope="module")
def dbname(server: Any) -> Iterator[str]:
    name = f"iso_{uuid.uuid4().hex[:8]}"
    with server.connect() as c:
        c.execute(f"CREATE DATABASE {name}")
    yield name
    with server.connect() as c:
        c.execute(f"DROP DATABASE IF EXISTS {name}")


@pytest.fixture()
def pair(server: Any, dbname: str) -> Iterator[tuple[psycopg.Connection, psycopg.Connection, str]]:
    """Two autocommit connections and a fresh table ``(id int primary key, value int)`` with (1, 10), (2, 20)."""
    table = f"t_{uuid.uuid4().hex[:8]}"
    a = server.connect(dbname=dbname)
    b = server.connect(dbname=dbname)
    a.execute(f"CREATE TABLE {table} (id int PRIMARY KEY, value int)")
    a.execute(f"INSERT INTO {table} VALUES (1, 10), (2, 20)")
    try:
        yield a, b, table
    finally:
        a.close()
        b.close()


def _error(conn: psycopg.Connection, sql: str) -> tuple[str | None, str]:
    with pytest.raises(psycopg.Error) as info:
        conn.execute(sql)
    return info.value.sqlstate, info.value.diag.message_primary or ""


def test_read_committed_sees_each_statements_committed_data(pair: Any) -> None:
    a, b, t = pair
    a.execute("BEGIN")
    assert a.execute(f"SELECT value FROM {t} WHERE id = 1").fetchone() == (10,)
    b.execute(f"UPDATE {t} SET value = 11 WHERE id = 1")
    assert a.execute(f"SELECT value FROM {t} WHERE id = 1").fetchone() == (11,)
    a.execute("COMMIT")


@pytest.mark.parametrize("level", ["REPEATABLE READ", "SERIALIZABLE"])
def test_one_snapshot_per_transaction(pair: Any, level: str) -> None:
    a, b, t = pair
    a.execute(f"BEGIN ISOLATION LEVEL {level}")
    b.execute(f"UPDATE {t} SET value = 11 WHERE id = 1")  # before the first statement: visible
    assert a.execute(f"SELECT value FROM {t} ORDER BY id").fetchall() == [(11,), (20,)]
    b.execute(f"UPDATE {t} SET value = 12 WHERE id = 1")
    b.execute(f"INSERT INTO {t} VALUES (3, 30)")
    b.execute(f"DELETE FROM {t} WHERE id = 2")
    assert a.execute(f"SELECT id, value FROM {t} ORDER BY id").fetchall() == [(1, 11), (2, 20)]
    assert a.execute(f"SELECT count(*) FROM {t} WHERE value > 0").fetchone() == (2,)
    a.execute("COMMIT")
    assert a.execute(f"SELECT id, value FROM {t} ORDER BY id").fetchall() == [(1, 12), (3, 30)]


@pytest.mark.parametrize("level", ["REPEATABLE READ", "SERIALIZABLE"])
@pytest.mark.parametrize("write", ["UPDATE {t} SET value = value + 1 WHERE id = 1", "DELETE FROM {t} WHERE id = 1"])
def test_writing_a_row_changed_since_the_snapshot_fails(pair: Any, level: str, write: str) -> None:
    a, b, t = pair
    a.execute(f"BEGIN ISOLATION LEVEL {level}")
    a.execute(f"SELECT * FROM {t}")
    b.execute(f"UPDATE {t} SET value = 11 WHERE id = 1")
    try:
        a.execute(write.format(t=t))
        a.execute("COMMIT")
        raise AssertionError("the write of a changed row committed")
    except psycopg.Error as e:
        assert e.sqlstate == "40001"
        assert e.diag.message_primary == "could not serialize access due to concurrent update"
    a.execute("ROLLBACK")
    assert a.execute(f"SELECT value FROM {t} WHERE id = 1").fetchone() == (11,)


def test_read_committed_update_applies_to_the_latest_row(pair: Any) -> None:
    a, b, t = pair
    a.execute("BEGIN")
    a.execute(f"SELECT * FROM {t}")
    b.execute(f"UPDATE {t} SET value = 11 WHERE id = 1")
    a.execute(f"UPDATE {t} SET value = value + 100 WHERE id = 1")
    a.execute("COMMIT")
    assert a.execute(f"SELECT value FROM {t} WHERE id = 1").fetchone() == (111,)


@pytest.mark.parametrize("level, fails", [("REPEATABLE READ", False), ("SERIALIZABLE", True)])
def test_write_skew(pair: Any, level: str, fails: bool) -> None:
    a, b, t = pair
    for c in (a, b):
        c.execute(f"BEGIN ISOLATION LEVEL {level}")
        assert c.execute(f"SELECT sum(value) FROM {t}").fetchone() == (30,)
    a.execute(f"UPDATE {t} SET value = 0 WHERE id = 1")
    b.execute(f"UPDATE {t} SET value = 0 WHERE id = 2")
    a.execute("COMMIT")
    if not fails:
        b.execute("COMMIT")
        assert a.execute(f"SELECT sum(value) FROM {t}").fetchone() == (0,)
        return
    state, message = _error(b, "COMMIT")
    assert (state, message) == ("40001", "could not serialize access due to read/write dependencies among transactions")
    assert a.execute(f"SELECT sum(value) FROM {t}").fetchone() == (20,)


def test_serializable_predicate_read_conflicts_with_an_insert(pair: Any) -> None:
    a, b, t = pair
    for c in (a, b):
        c.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
        assert c.execute(f"SELECT count(*) FROM {t} WHERE value > 15").fetchone() == (1,)
    a.execute(f"INSERT INTO {t} VALUES (3, 30)")
    b.execute(f"INSERT INTO {t} VALUES (4, 40)")
    a.execute("COMMIT")
    assert _error(b, "COMMIT")[0] == "40001"


def test_serializable_reader_of_an_old_snapshot_commits(pair: Any) -> None:
    """Read skew is prevented by the snapshot alone: the reader is serialized first and commits."""
    a, b, t = pair
    a.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
    assert a.execute(f"SELECT value FROM {t} WHERE id = 1").fetchone() == (10,)
    b.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
    b.execute(f"UPDATE {t} SET value = 12 WHERE id = 1")
    b.execute(f"UPDATE {t} SET value = 18 WHERE id = 2")
    b.execute("COMMIT")
    assert a.execute(f"SELECT value FROM {t} WHERE id = 2").fetchone() == (20,)
    a.execute("COMMIT")


def test_serializable_transactions_on_disjoint_rows_both_commit(pair: Any) -> None:
    a, b, t = pair
    for c, key in ((a, 1), (b, 2)):
        c.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
        c.execute(f"SELECT value FROM {t} WHERE id = {key}")
        c.execute(f"UPDATE {t} SET value = value + 1 WHERE id = {key}")
    a.execute("COMMIT")
    b.execute("COMMIT")
    assert a.execute(f"SELECT value FROM {t} ORDER BY id").fetchall() == [(11,), (21,)]


# (statements, expected result of the last one) as PostgreSQL 15 answers
MODES = [
    (["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "SHOW transaction_isolation"], "repeatable read"),
    (["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "SHOW transaction_read_only"], "on"),
    (["START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY, DEFERRABLE", "SHOW transaction_deferrable"], "on"),
    (["BEGIN", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "SHOW transaction_isolation"], "serializable"),
    (["BEGIN", "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED", "SHOW transaction_isolation"],
     "read uncommitted"),
    (["BEGIN", "SELECT 1", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"],
     ("25001", "SET TRANSACTION ISOLATION LEVEL must be called before any query")),
    (["BEGIN", "SELECT 1", "SET TRANSACTION ISOLATION LEVEL READ COMMITTED"], "SET"),
    (["BEGIN", "SELECT 1", "SET transaction_isolation = 'serializable'"],
     ("25001", "SET TRANSACTION ISOLATION LEVEL must be called before any query")),
    (["BEGIN", "SAVEPOINT a", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"],
     ("25001", "SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction")),
    (["BEGIN READ ONLY", "SELECT 1", "SET TRANSACTION READ WRITE"],
     ("25001", "transaction read-write mode must be set before any query")),
    (["BEGIN READ ONLY", "SAVEPOINT a", "SET TRANSACTION READ WRITE"],
     ("25001", "cannot set transaction read-write mode inside a read-only transaction")),
    (["BEGIN", "SELECT 1", "SET TRANSACTION READ ONLY", "SHOW transaction_read_only"], "on"),
    (["BEGIN", "SELECT 1", "SET TRANSACTION NOT DEFERRABLE"],
     ("25001", "SET TRANSACTION [NOT] DEFERRABLE must be called before any query")),
    (["BEGIN", "SAVEPOINT a", "SET TRANSACTION DEFERRABLE"],
     ("25001", "SET TRANSACTION [NOT] DEFERRABLE cannot be called within a subtransaction")),
    (["SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ", "BEGIN",
      "SHOW transaction_isolation"], "repeatable read"),
    (["SET default_transaction_isolation = 'serializable'", "BEGIN", "SHOW transaction_isolation"], "serializable"),
    (["SET default_transaction_isolation = 'serializable'", "SHOW transaction_isolation"], "serializable"),
    (["SET default_transaction_read_only = on", "CREATE TABLE ro_x (a int)"],
     ("25006", "cannot execute CREATE TABLE in a read-only transaction")),
    (["SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", "INSERT INTO {t} VALUES (5, 5)"],
     ("25006", "cannot execute INSERT in a read-only transaction")),
    (["BEGIN READ ONLY", "UPDATE {t} SET value = 1"], ("25006", "cannot execute UPDATE in a read-only transaction")),
    (["BEGIN READ ONLY", "DELETE FROM {t}"], ("25006", "cannot execute DELETE in a read-only transaction")),
    (["BEGIN READ ONLY", "TRUNCATE {t}"], ("25006", "cannot execute TRUNCATE TABLE in a read-only transaction")),
    (["BEGIN READ ONLY", "CREATE TEMP TABLE ro_tmp (a int)"],
     ("25006", "cannot execute CREATE TABLE in a read-only transaction")),
    (["CREATE SEQUENCE IF NOT EXISTS ro_seq", "BEGIN READ ONLY", "SELECT nextval('ro_seq')"],
     ("25006", "cannot execute nextval() in a read-only transaction")),
    (["CREATE SEQUENCE IF NOT EXISTS ro_seq", "BEGIN READ ONLY", "SELECT setval('ro_seq', 5)"],
     ("25006", "cannot execute setval() in a read-only transaction")),
    (["CREATE SEQUENCE IF NOT EXISTS ro_seq", "BEGIN READ ONLY", "ALTER SEQUENCE ro_seq RESTART"],
     ("25006", "cannot execute ALTER SEQUENCE in a read-only transaction")),
    (["BEGIN READ ONLY", "ALTER TABLE {t} ADD COLUMN w int"],
     ("25006", "cannot execute ALTER TABLE in a read-only transaction")),
    (["BEGIN READ ONLY", "CREATE INDEX ON {t} (value)"],
     ("25006", "cannot execute CREATE INDEX in a read-only transaction")),
    (["BEGIN READ ONLY", "COMMENT ON TABLE {t} IS 'x'"],
     ("25006", "cannot execute COMMENT in a read-only transaction")),
    (["BEGIN READ ONLY", "GRANT SELECT ON {t} TO PUBLIC"],
     ("25006", "cannot execute GRANT in a read-only transaction")),
    (["BEGIN READ ONLY", "CREATE ROLE ro_role"], ("25006", "cannot execute CREATE ROLE in a read-only transaction")),
    (["BEGIN READ ONLY", "SELECT * FROM {t} FOR UPDATE"],
     ("25006", "cannot execute SELECT FOR UPDATE in a read-only transaction")),
    (["BEGIN READ ONLY", "WITH x AS (SELECT * FROM {t} FOR KEY SHARE) SELECT * FROM x"],
     ("25006", "cannot execute SELECT FOR KEY SHARE in a read-only transaction")),
    (["BEGIN READ ONLY", "SELECT count(*) FROM {t}"], 2),
    (["BEGIN READ ONLY", "LOCK TABLE {t} IN ACCESS SHARE MODE"], "LOCK TABLE"),
]


@pytest.mark.parametrize("statements, expected", MODES, ids=[" / ".join(s) for s, _ in MODES])
def test_transaction_modes(server: Any, dbname: str, statements: list[str], expected: Any) -> None:
    table = f"t_{uuid.uuid4().hex[:8]}"
    with server.connect(dbname=dbname) as c:
        c.execute(f"CREATE TABLE {table} (id int PRIMARY KEY, value int)")
        c.execute(f"INSERT INTO {table} VALUES (1, 10), (2, 20)")
        for sql in statements[:-1]:
            c.execute(sql.format(t=table))
        last = statements[-1].format(t=table)
        if isinstance(expected, tuple):
            assert _error(c, last) == expected
            return
        cur = c.execute(last)
        got = cur.fetchone()[0] if cur.description is not None else cur.statusmessage
        assert got == expected


def test_savepoints_nest_a_thousand_deep(server: Any, dbname: str) -> None:
    with server.connect(dbname=dbname) as c:
        c.execute("CREATE TABLE sp_deep (n int PRIMARY KEY)")
        c.execute("BEGIN")
        for i in range(1000):
            c.execute(f"SAVEPOINT s{i}")
            c.execute("INSERT INTO sp_deep VALUES (%s)", (i,))
        assert _error(c, "INSERT INTO sp_deep VALUES (999)")[0] == "23505"
        c.execute("ROLLBACK TO SAVEPOINT s999")  # the error undoes only the innermost level
        assert c.execute("SELECT count(*) FROM sp_deep").fetchone() == (999,)
        c.execute("ROLLBACK TO SAVEPOINT s500")
        assert c.execute("SELECT count(*), max(n) FROM sp_deep").fetchone() == (500, 499)
        c.execute("RELEASE SAVEPOINT s10")
        assert _error(c, "ROLLBACK TO SAVEPOINT s11") == ("3B001", 'savepoint "s11" does not exist')
        c.execute("ROLLBACK TO SAVEPOINT s9")
        c.execute("COMMIT")
        assert c.execute("SELECT count(*), max(n) FROM sp_deep").fetchone() == (9, 8)


def test_serializable_prevents_the_read_only_anomaly(server: Any, dbname: str) -> None:
    """Fekete's read-only anomaly: a reader sees a deposit that the concurrent withdrawal did not see.
    PostgreSQL refuses the withdrawal (40001, at its UPDATE); pgserver refuses it at COMMIT."""
    table = f"acct_{uuid.uuid4().hex[:8]}"
    conns = [server.connect(dbname=dbname) for _ in range(3)]
    deposit, withdrawal, reader = conns
    try:
        deposit.execute(f"CREATE TABLE {table} (name text PRIMARY KEY, bal int)")
        deposit.execute(f"INSERT INTO {table} VALUES ('checking', 0), ('savings', 0)")
        for c in (deposit, withdrawal):
            c.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
        assert withdrawal.execute(f"SELECT sum(bal) FROM {table}").fetchone() == (0,)
        deposit.execute(f"UPDATE {table} SET bal = bal + 20 WHERE name = 'savings'")
        deposit.execute("COMMIT")
        reader.execute("BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY")
        assert reader.execute(f"SELECT bal FROM {table} ORDER BY name").fetchall() == [(0,), (20,)]
        reader.execute("COMMIT")
        with pytest.raises(psycopg.Error) as info:
            withdrawal.execute(f"UPDATE {table} SET bal = bal - 11 WHERE name = 'checking'")  # 10 + 1 penalty
            withdrawal.execute("COMMIT")
        assert info.value.sqlstate == "40001"
    finally:
        for c in conns:
            c.close()
