"""PL/pgSQL, triggers and functions in the catalog through psycopg against the real server:
notices raised inside a query reach the client, errors carry their SQLSTATE, triggers fire for
parameterized (extended protocol) statements, EXECUTE privileges and SECURITY DEFINER."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest


@pytest.fixture()
def dbconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        yield c


def test_function_call_and_notices(dbconn: psycopg.Connection) -> None:
    notices: list[str] = []
    dbconn.add_notice_handler(lambda d: notices.append(f"{d.severity}: {d.message_primary}"))
    dbconn.execute("""CREATE FUNCTION fib(n int) RETURNS int LANGUAGE plpgsql AS $$
        DECLARE a int := 0; b int := 1; t int;
        BEGIN
          FOR i IN 1..n LOOP t := a + b; a := b; b := t; END LOOP;
          RAISE NOTICE 'fib(%) = %', n, a;
          RETURN a;
        END $$""")
    assert dbconn.execute("SELECT fib(%s) AS f", (10,)).fetchall() == [(55,)]
    assert notices == ["NOTICE: fib(10) = 55"]
    dbconn.execute("DO $$ BEGIN RAISE WARNING 'careful'; END $$")
    assert notices[-1] == "WARNING: careful"


def test_raise_exception_and_handler(dbconn: psycopg.Connection) -> None:
    dbconn.execute("""CREATE FUNCTION check_pos(x int) RETURNS int LANGUAGE plpgsql AS $$
        BEGIN
          IF x < 0 THEN RAISE EXCEPTION 'negative: %', x USING ERRCODE = '22023', HINT = 'use x >= 0'; END IF;
          RETURN x;
        END $$""")
    with pytest.raises(psycopg.Error) as ei:
        dbconn.execute("SELECT check_pos(-3)")
    assert ei.value.sqlstate == "22023"
    assert ei.value.diag.message_primary == "negative: -3"
    assert ei.value.diag.message_hint == "use x >= 0"
    dbconn.execute("""CREATE FUNCTION safe(x int) RETURNS text LANGUAGE plpgsql AS $$
        BEGIN RETURN check_pos(x)::text; EXCEPTION WHEN invalid_parameter_value THEN RETURN 'caught ' || SQLERRM;
        END $$""")
    assert dbconn.execute("SELECT safe(-1), safe(2)").fetchone() == ("caught negative: -1", "2")


def test_triggers_with_parameters(dbconn: psycopg.Connection) -> None:
    dbconn.execute("CREATE TABLE t (a int, b text)")
    dbconn.execute("CREATE TABLE audit (msg text)")
    dbconn.execute("""CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.b := upper(NEW.b); INSERT INTO audit VALUES (TG_OP || ':' || NEW.a); RETURN NEW; END $$""")
    dbconn.execute("CREATE TRIGGER t_up BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg()")
    with dbconn.cursor() as cur:
        cur.executemany("INSERT INTO t VALUES (%s, %s)", [(1, "abc"), (2, "def")])
    assert dbconn.execute("SELECT a, b FROM t ORDER BY a").fetchall() == [(1, "ABC"), (2, "DEF")]
    assert dbconn.execute("SELECT msg FROM audit ORDER BY msg").fetchall() == [("INSERT:1",), ("INSERT:2",)]
    with pytest.raises(psycopg.Error) as ei:
        dbconn.execute("CREATE TRIGGER t_up BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg()")
    assert ei.value.sqlstate == "42710"


def test_returns_table_and_catalog(dbconn: psycopg.Connection) -> None:
    dbconn.execute("CREATE FUNCTION pairs(n int) RETURNS TABLE (i int, sq int) LANGUAGE sql "
                   "AS 'SELECT g, g * g FROM generate_series(1, n) g'")
    assert dbconn.execute("SELECT * FROM pairs(3)").fetchall() == [(1, 1), (2, 4), (3, 9)]
    row = dbconn.execute("SELECT pg_get_function_arguments(oid), pg_get_function_result(oid), proretset "
                         "FROM pg_proc WHERE proname = 'pairs'").fetchone()
    assert row == ("n integer", "TABLE(i integer, sq integer)", True)


def test_execute_privilege(dbconn: psycopg.Connection) -> None:
    dbconn.execute("CREATE ROLE plp_user")
    try:
        dbconn.execute("CREATE TABLE t (a int)")
        dbconn.execute("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'")
        dbconn.execute("CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 2; END $$")
        dbconn.execute("CREATE FUNCTION cnt() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER "
                       "AS $$ BEGIN RETURN (SELECT count(*) FROM t); END $$")
        dbconn.execute("REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC")
        dbconn.execute("SET ROLE plp_user")
        with pytest.raises(psycopg.Error) as ei:
            dbconn.execute("SELECT f()")
        assert ei.value.sqlstate == "42501"
        assert dbconn.execute("SELECT g(), cnt()").fetchone() == (2, 0)
        with pytest.raises(psycopg.Error) as ei:
            dbconn.execute("SELECT count(*) FROM t")
        assert ei.value.sqlstate == "42501"
    finally:
        dbconn.execute("RESET ROLE")
        dbconn.execute("DROP FUNCTION IF EXISTS f()")
        dbconn.execute("DROP FUNCTION IF EXISTS g()")
        dbconn.execute("DROP FUNCTION IF EXISTS cnt()")
        dbconn.execute("DROP TABLE IF EXISTS t")
        dbconn.execute("DROP ROLE plp_user")
