"""Errors through real clients: each SQLSTATE a client relies on, the connection staying usable
afterwards (or the transaction failed until ROLLBACK), the server serving other connections,
errors in the extended protocol (bind-time errors, prepared statements, pipelines skipping to
Sync) and several statements in one simple query forming one implicit transaction."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from typing import Any

import asyncpg
import psycopg
import pytest
from psycopg import errors
from psycopg.pq import TransactionStatus


def connect_sqlstate(server: Any, **overrides: Any) -> str | None:
    """SQLSTATE of a failed connection attempt (asyncpg exposes it, libpq does not), else None."""

    async def attempt() -> str | None:
        params: dict[str, Any] = {"host": server.host, "port": server.port, "user": server.user,
                                  "password": server.password, "database": server.dbname}
        params.update(overrides)
        try:
            c = await asyncpg.connect(timeout=10, **params)
        except asyncpg.PostgresError as e:
            return e.sqlstate
        await c.close()
        return None

    return asyncio.run(attempt())


def assert_usable(c: psycopg.Connection) -> None:
    assert c.execute("SELECT 1").fetchone() == (1,)


@pytest.fixture(scope="module")
def db(server: Any) -> Iterator[str]:
    """One database for this module's tests (each test recreates its table)."""
    name = f"errors_{uuid.uuid4().hex[:8]}"
    with server.connect() as c:
        c.execute(f"CREATE DATABASE {name}")
    try:
        yield name
    finally:
        with server.connect() as c:
            c.execute(f"DROP DATABASE IF EXISTS {name}")


@pytest.fixture()
def dbconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        c.execute("DROP TABLE IF EXISTS e")
        c.execute("CREATE TABLE e (id int PRIMARY KEY, name text NOT NULL, small int2)")
        c.execute("INSERT INTO e VALUES (1, 'one', 1)")
        yield c


CASES: list[tuple[str, str, type[psycopg.Error]]] = [
    ("42601", "SELEC 1", errors.SyntaxError),
    ("42601", "SELECT (1", errors.SyntaxError),
    ("42P01", "SELECT * FROM no_such_table", errors.UndefinedTable),
    ("42P01", "INSERT INTO no_such_table VALUES (1)", errors.UndefinedTable),
    ("42703", "SELECT no_such_column FROM e", errors.UndefinedColumn),
    ("42703", "UPDATE e SET no_such_column = 1", errors.UndefinedColumn),
    ("42P07", "CREATE TABLE e (id int)", errors.DuplicateTable),
    ("23505", "INSERT INTO e VALUES (1, 'dup', 0)", errors.UniqueViolation),
    ("23502", "INSERT INTO e (id) VALUES (2)", errors.NotNullViolation),
    ("23502", "UPDATE e SET name = NULL", errors.NotNullViolation),
    ("22P02", "SELECT 'abc'::int", errors.InvalidTextRepresentation),
    ("22P02", "INSERT INTO e VALUES ('x', 'x', 0)", errors.InvalidTextRepresentation),
    ("22003", "INSERT INTO e VALUES (3, 'big', 100000)", errors.NumericValueOutOfRange),
    ("22003", "SELECT 2147483647 + 1", errors.NumericValueOutOfRange),
    ("22012", "SELECT 1/0", errors.DivisionByZero),
    ("22012", "SELECT id / (small - 1) FROM e", errors.DivisionByZero),
    ("3D000", "DROP DATABASE no_such_database_xyz", errors.InvalidCatalogName),
]


@pytest.mark.parametrize(("sqlstate", "sql", "exc"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_error_autocommit(server: Any, db: str, dbconn: psycopg.Connection, sqlstate: str, sql: str,
                          exc: type[psycopg.Error]) -> None:
    with server.connect(dbname=db) as other:
        with pytest.raises(exc) as info:
            dbconn.execute(sql)
        assert info.value.sqlstate == sqlstate
        assert info.value.diag.severity == "ERROR"
        assert info.value.diag.message_primary
        assert dbconn.info.transaction_status == TransactionStatus.IDLE
        assert_usable(dbconn)
        assert dbconn.execute("SELECT id, name, small FROM e").fetchall() == [(1, "one", 1)]
        assert_usable(other)
    with server.connect() as later:
        assert_usable(later)


# DROP DATABASE cannot run inside a transaction block (25001), so it is left out here.
TXN_CASES = [c for c in CASES if not c[1].startswith("DROP DATABASE")]


@pytest.mark.parametrize(("sqlstate", "sql", "exc"), TXN_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(TXN_CASES)])
def test_error_in_transaction_fails_it_until_rollback(server: Any, db: str, dbconn: psycopg.Connection,
                                                      sqlstate: str, sql: str, exc: type[psycopg.Error]) -> None:
    with server.connect(dbname=db, autocommit=False) as c:
        c.execute("INSERT INTO e VALUES (50, 'fifty', 5)")
        with pytest.raises(exc) as info:
            c.execute(sql)
        assert info.value.sqlstate == sqlstate
        assert c.info.transaction_status == TransactionStatus.INERROR
        with pytest.raises(errors.InFailedSqlTransaction) as failed:
            c.execute("SELECT 1")
        assert failed.value.sqlstate == "25P02"
        with pytest.raises(errors.InFailedSqlTransaction):
            c.execute("INSERT INTO e VALUES (51, 'x', 0)")
        c.rollback()
        assert c.info.transaction_status == TransactionStatus.IDLE
        assert c.execute("SELECT id FROM e ORDER BY id").fetchall() == [(1,)]
        c.commit()


def test_commit_of_failed_transaction_rolls_back(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute("BEGIN")
    c.execute("INSERT INTO e VALUES (2, 'two', 2)")
    with pytest.raises(errors.DivisionByZero):
        c.execute("SELECT 1/0")
    with pytest.raises(errors.InFailedSqlTransaction):
        c.execute("SELECT id FROM e")
    assert c.execute("COMMIT").statusmessage == "ROLLBACK"
    assert c.info.transaction_status == TransactionStatus.IDLE
    assert c.execute("SELECT id FROM e").fetchall() == [(1,)]


def test_rollback_to_unknown_savepoint(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute("BEGIN")
    with pytest.raises(errors.InvalidSavepointSpecification) as info:
        c.execute("ROLLBACK TO SAVEPOINT no_such_savepoint")
    assert info.value.sqlstate == "3B001"
    c.execute("ROLLBACK")
    assert_usable(c)


def test_login_failures_have_sqlstates(server: Any) -> None:
    assert connect_sqlstate(server, password="wrong") == "28P01"
    assert connect_sqlstate(server, user="no_such_role_xyz") == "28P01"
    assert connect_sqlstate(server, database="no_such_database_xyz") == "3D000"
    with server.connect() as c:
        assert_usable(c)


def test_insufficient_privilege(server: Any) -> None:
    role = f"err_role_{uuid.uuid4().hex[:8]}"
    dbname = f"err_db_{uuid.uuid4().hex[:8]}"
    with server.connect() as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'pw1'")
        try:
            admin.execute(f"CREATE DATABASE {dbname}")
            try:
                admin.execute(f"GRANT CONNECT ON DATABASE {dbname} TO {role}")
                with server.connect(dbname=dbname) as owner:
                    owner.execute("CREATE TABLE secret (id int)")
                    owner.execute("INSERT INTO secret VALUES (1)")
                with server.connect(dbname=dbname, user=role, password="pw1") as c:
                    for sql in ("SELECT * FROM secret", "INSERT INTO secret VALUES (2)",
                                "UPDATE secret SET id = 3", "DELETE FROM secret", "DROP TABLE secret"):
                        with pytest.raises(errors.InsufficientPrivilege) as info:
                            c.execute(sql)
                        assert info.value.sqlstate == "42501"
                        assert_usable(c)
                    with pytest.raises(errors.InsufficientPrivilege):
                        c.execute("CREATE DATABASE should_not_exist_xyz")
                    with pytest.raises(errors.InsufficientPrivilege):
                        c.execute("CREATE ROLE should_not_exist_xyz")
                    assert_usable(c)
                with server.connect(dbname=dbname) as owner:
                    assert owner.execute("SELECT id FROM secret").fetchall() == [(1,)]
            finally:
                admin.execute(f"DROP DATABASE {dbname}")
        finally:
            admin.execute(f"DROP ROLE {role}")


def test_bad_parameter_value(dbconn: psycopg.Connection) -> None:
    c = dbconn
    with pytest.raises(errors.InvalidTextRepresentation):
        c.execute("SELECT %s::int", ["abc"])
    assert_usable(c)
    with pytest.raises(errors.InvalidTextRepresentation):
        c.execute("SELECT * FROM e WHERE id = %s", ["abc"])
    assert_usable(c)
    with pytest.raises(errors.NumericValueOutOfRange):
        c.execute("INSERT INTO e VALUES (%s, %s, %s)", [7, "seven", 1 << 20])
    with pytest.raises(errors.SyntaxError):
        c.execute("SELEC %s", [1])
    with pytest.raises(errors.UndefinedTable):
        c.execute("SELECT * FROM no_such_table WHERE id = %s", [1])
    assert c.execute("SELECT id FROM e WHERE id = %s", [1]).fetchall() == [(1,)]


def test_bad_parameter_value_prepared_statement(dbconn: psycopg.Connection) -> None:
    c = dbconn
    insert = "INSERT INTO e (id, name) VALUES (%s, %s)"
    c.execute(insert, [10, "ten"], prepare=True)
    with pytest.raises(errors.InvalidTextRepresentation) as info:
        c.execute(insert, ["not a number", "x"], prepare=True)
    assert info.value.sqlstate == "22P02"
    assert_usable(c)
    c.execute(insert, [11, "eleven"], prepare=True)  # the prepared statement survived the error
    with pytest.raises(errors.UniqueViolation):
        c.execute(insert, [11, "again"], prepare=True)
    with pytest.raises(errors.NotNullViolation):
        c.execute(insert, [12, None], prepare=True)
    c.execute(insert, [13, "thirteen"], prepare=True)
    assert c.execute("SELECT id FROM e ORDER BY id").fetchall() == [(1,), (10,), (11,), (13,)]


def test_bad_parameter_value_in_transaction(server: Any, db: str, dbconn: psycopg.Connection) -> None:
    with server.connect(dbname=db, autocommit=False) as c:
        c.execute("INSERT INTO e (id, name) VALUES (%s, %s)", [20, "twenty"])
        with pytest.raises(errors.InvalidTextRepresentation):
            c.execute("INSERT INTO e (id, name) VALUES (%s, %s)", ["x", "x"])
        with pytest.raises(errors.InFailedSqlTransaction):
            c.execute("SELECT %s::int", [1])
        c.rollback()
        assert c.execute("SELECT count(*) FROM e").fetchone() == (1,)


def test_pipeline_error_skips_to_sync(dbconn: psycopg.Connection) -> None:
    """In the extended protocol the statements up to a Sync form one implicit transaction: after
    an error the server skips everything until Sync, and the earlier statements are rolled back."""
    c = dbconn
    with pytest.raises(errors.UniqueViolation):
        with c.pipeline() as p:
            c.execute("INSERT INTO e VALUES (%s, %s, %s)", [100, "a", 0])
            c.execute("INSERT INTO e VALUES (%s, %s, %s)", [1, "dup", 0])
            c.execute("INSERT INTO e VALUES (%s, %s, %s)", [101, "b", 0])
            p.sync()
    assert c.info.transaction_status == TransactionStatus.IDLE
    assert c.execute("SELECT id FROM e ORDER BY id").fetchall() == [(1,)]
    with c.pipeline() as p:
        c.execute("INSERT INTO e VALUES (%s, %s, %s)", [102, "c", 0])
        with pytest.raises(errors.DivisionByZero):
            c.execute("SELECT 1 / %s", [0])
            p.sync()
        c.execute("INSERT INTO e VALUES (%s, %s, %s)", [103, "d", 0])
        c.execute("INSERT INTO e VALUES (%s, %s, %s)", [104, "e", 0])
    assert c.execute("SELECT id FROM e ORDER BY id").fetchall() == [(1,), (103,), (104,)]


def test_multiple_statements_second_fails(dbconn: psycopg.Connection) -> None:
    """Several statements in one simple Query run in one implicit transaction: when one fails,
    the effects of the earlier ones are rolled back and the later ones are not run."""
    c = dbconn
    with pytest.raises(errors.DivisionByZero):
        c.execute("INSERT INTO e VALUES (2, 'two', 2); SELECT 1/0; INSERT INTO e VALUES (3, 'three', 3)")
    assert c.info.transaction_status == TransactionStatus.IDLE
    assert c.execute("SELECT id FROM e ORDER BY id").fetchall() == [(1,)]
    with pytest.raises(errors.UniqueViolation):
        c.execute("INSERT INTO e VALUES (4, 'four', 4); INSERT INTO e VALUES (1, 'dup', 1)")
    assert c.execute("SELECT id FROM e ORDER BY id").fetchall() == [(1,)]
    with pytest.raises(errors.UndefinedTable):
        c.execute("UPDATE e SET name = 'changed'; DELETE FROM no_such_table")
    assert c.execute("SELECT name FROM e").fetchall() == [("one",)]
    # and when all succeed, all take effect
    c.execute("INSERT INTO e VALUES (5, 'five', 5); UPDATE e SET small = 9 WHERE id = 5")
    assert c.execute("SELECT id, small FROM e ORDER BY id").fetchall() == [(1, 1), (5, 9)]


def test_server_serves_other_connections_after_errors(server: Any, db: str, dbconn: psycopg.Connection) -> None:
    others = [server.connect(dbname=db) for _ in range(3)]
    try:
        for sql, _, exc in [(s, st, x) for st, s, x in CASES]:
            with pytest.raises(exc):
                dbconn.execute(sql)
        for o in others:
            assert o.execute("SELECT count(*) FROM e").fetchone() == (1,)
        assert_usable(dbconn)
    finally:
        for o in others:
            o.close()
