"""Resource limits end in PostgreSQL's errors, never in a dead server or a dead session.

Expected SQLSTATEs and messages were taken from PostgreSQL 15 running the same statements; where
pgserver differs on purpose the test says so.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import psycopg
import pytest

from tests.e2e.conftest import PASSWORD, USER, ServerProcess, running_server
from tests.fuzz.wire import RawConnection, check_error_fields, i32


def _error(conn: psycopg.Connection, sql: str) -> psycopg.Error:
    with pytest.raises(psycopg.Error) as exc:
        cur = conn.execute(sql)
        if cur.description is not None:
            cur.fetchall()
    return exc.value


def _alive(conn: psycopg.Connection) -> None:
    assert conn.execute("SELECT 1").fetchone() == (1,)


def test_message_longer_than_the_maximum_closes_only_that_connection(server: ServerProcess) -> None:
    """A length word above 1 GiB - 1: PostgreSQL logs "invalid message length" (08P01) and closes the
    connection; pgserver also sends it to the client as a FATAL ErrorResponse."""
    with server.connect() as other:
        conn = RawConnection(server.host, server.port)
        try:
            conn.login(USER, PASSWORD, "postgres")
            conn.send(b"Q" + i32(0x40000000 + 4) + b"SELECT 1\0")
            msg = conn.read_message()
            assert msg is not None and msg.type == "E"
            fields = check_error_fields(msg)
            assert (fields["S"], fields["C"], fields["M"]) == ("FATAL", "08P01", "invalid message length")
            assert conn.drain_to_eof(10) == ([], True)
        finally:
            conn.close()
        _alive(other)


@pytest.fixture(scope="module")
def small_message_server() -> Iterator[ServerProcess]:
    with running_server("pgserver-limits-", PGSERVER_MAX_MESSAGE_SIZE="65536") as srv:
        yield srv


def test_configured_max_message_size(small_message_server: ServerProcess) -> None:
    server = small_message_server
    with server.connect() as other:
        other.execute("CREATE TABLE kept AS SELECT 42 AS v")
        with server.connect() as conn:
            assert conn.execute("SELECT length(%s)", ("x" * 60_000,)).fetchone() == (60_000,)
            with pytest.raises(psycopg.OperationalError) as exc:
                conn.execute("SELECT length(%s)", ("x" * 70_000,))
            assert "invalid message length" in str(exc.value)
            assert conn.closed or conn.broken
        assert other.execute("SELECT v FROM kept").fetchone() == (42,)


def test_rows_in_memory_limit(conn: psycopg.Connection) -> None:
    """PostgreSQL spills to disk; pgserver holds rows in memory and stops a sort, join, window or
    CTE above pgserver.max_rows_in_memory with 54000 program_limit_exceeded."""
    conn.execute("SET pgserver.max_rows_in_memory = 1000")
    try:
        err = _error(conn, "SELECT g FROM generate_series(1, 5000) g ORDER BY g DESC")
        assert err.sqlstate == "54000"
        assert err.diag.message_primary == "query needs more than 1000 rows in memory"
        err = _error(conn, "SELECT count(*) OVER () FROM generate_series(1, 5000)")
        assert err.sqlstate == "54000"
        _alive(conn)
        # Streaming needs no memory: no limit applies.
        assert conn.execute("SELECT count(*) FROM generate_series(1, 5000)").fetchone() == (5000,)
        assert conn.execute("SELECT g FROM generate_series(1, 999) g ORDER BY g DESC LIMIT 1").fetchone() == (999,)
    finally:
        conn.execute("RESET pgserver.max_rows_in_memory")


def test_deep_recursion_is_54001(conn: psycopg.Connection) -> None:
    conn.execute("CREATE OR REPLACE FUNCTION limits_rec(n int) RETURNS int LANGUAGE sql AS 'SELECT limits_rec(n + 1)'")
    err = _error(conn, "SELECT limits_rec(1)")
    assert (err.sqlstate, err.diag.message_primary) == ("54001", "stack depth limit exceeded")
    assert err.diag.message_hint.startswith('Increase the configuration parameter "max_stack_depth"')
    _alive(conn)
    conn.execute("DROP FUNCTION limits_rec(int)")


@pytest.mark.parametrize("sql", [
    "SELECT " + "(" * 10_000 + "1" + ")" * 10_000,
    "SELECT " + "NOT " * 10_000 + "true",
    "SELECT " + "(SELECT " * 2_000 + "1" + ")" * 2_000,
    "SELECT " + "ARRAY[" * 3_000 + "1" + "]" * 3_000,
])
def test_deeply_nested_statements_fail_cleanly(conn: psycopg.Connection, sql: str) -> None:
    """PostgreSQL: 42601 "memory exhausted" from its parser for the first two, 54000 for too many
    array dimensions, a result for 2,000 nested subqueries. pgserver gives 54001 "stack depth
    limit exceeded" for all of them (its parser and planner recurse), and the session lives on."""
    err = _error(conn, sql)
    assert err.sqlstate in ("54001", "42601", "54000")
    _alive(conn)


def test_endless_recursive_cte_is_stopped_by_statement_timeout(conn: psycopg.Connection) -> None:
    conn.execute("SET statement_timeout = '1s'")
    try:
        start = time.monotonic()
        err = _error(conn, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r")
        assert (err.sqlstate, err.diag.message_primary) == ("57014", "canceling statement due to statement timeout")
        assert time.monotonic() - start < 10
    finally:
        conn.execute("RESET statement_timeout")
    _alive(conn)


def test_huge_in_list(conn: psycopg.Connection) -> None:
    values = ",".join(str(i) for i in range(0, 200_000, 2))  # 100,000 elements
    start = time.monotonic()
    row = conn.execute(f"SELECT count(*) FROM generate_series(1, 1000) g WHERE g IN ({values})").fetchone()
    assert row == (500,)
    assert time.monotonic() - start < 30


def test_long_identifiers_are_truncated_with_a_notice(conn: psycopg.Connection) -> None:
    notices: list[tuple[str | None, str | None]] = []
    conn.add_notice_handler(lambda d: notices.append((d.sqlstate, d.message_primary)))
    long = "t" * 70
    conn.execute(f"CREATE TEMP TABLE {long} (x int)")
    assert notices == [("42622", f'identifier "{long}" will be truncated to "{long[:63]}"')]
    assert conn.execute("SELECT relname FROM pg_class WHERE relname LIKE 'ttt%'").fetchone() == (long[:63],)
    # Every identifier is truncated, as by PostgreSQL's lexer: references meet the created name.
    notices.clear()
    conn.execute(f"INSERT INTO {long} VALUES (1)")
    cur = conn.execute(f"SELECT x AS {'A' * 100} FROM {long}")
    assert [d.name for d in cur.description] == ["a" * 63]
    assert notices == [("42622", f'identifier "{long}" will be truncated to "{long[:63]}"'),
                       ("42622", f'identifier "{"a" * 100}" will be truncated to "{"a" * 63}"'),
                       ("42622", f'identifier "{long}" will be truncated to "{long[:63]}"')]
    # 10,000-byte role names are truncated too.
    notices.clear()
    conn.execute(f'CREATE ROLE "{"r" * 10_000}"')
    assert notices == [("42622", f'identifier "{"r" * 10_000}" will be truncated to "{"r" * 63}"')]
    conn.execute(f'DROP ROLE "{"r" * 63}"')


def test_very_long_string(conn: psycopg.Connection) -> None:
    text = "x" * 5_000_000
    assert conn.execute("SELECT length(%s::text)", (text,)).fetchone() == (5_000_000,)
    assert conn.execute(f"SELECT length('{text}')").fetchone() == (5_000_000,)


def test_column_limits_54011(conn: psycopg.Connection) -> None:
    cols = ", ".join(f"c{i} int" for i in range(1601))
    err = _error(conn, f"CREATE TEMP TABLE wide ({cols})")
    assert (err.sqlstate, err.diag.message_primary) == ("54011", "tables can have at most 1600 columns")
    conn.execute(f"CREATE TEMP TABLE wide ({', '.join(f'c{i} int' for i in range(1600))})")
    err = _error(conn, "ALTER TABLE wide ADD COLUMN one_more int")
    assert (err.sqlstate, err.diag.message_primary) == ("54011", "tables can have at most 1600 columns")
    err = _error(conn, "SELECT " + ", ".join("1" for _ in range(1665)))
    assert (err.sqlstate, err.diag.message_primary) == ("54011", "target lists can have at most 1664 entries")
    _alive(conn)
