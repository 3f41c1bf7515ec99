"""LANGUAGE sql functions through an in-process session: create, call (named and $n arguments,
defaults, overloads), replace, drop. Expected values as PostgreSQL 15 gives them."""

from __future__ import annotations

from typing import Any

import pytest

from sql.errors import SqlError
from tests.sql.sessions import run_values as run
from tests.sql.sessions import session_fixture

session = session_fixture("session", 4242)


def test_named_and_positional_arguments(session: Any) -> None:
    run(session, "CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 1'")
    run(session, "CREATE FUNCTION plus1(int) RETURNS int LANGUAGE sql AS 'SELECT $1 + 1'")
    assert run(session, "SELECT add_one(41), plus1(1), add_one(NULL)") == [(42, 2, None)]


def test_overloads_defaults_replace_drop(session: Any) -> None:
    run(session, "CREATE FUNCTION f(a int) RETURNS text LANGUAGE sql AS 'SELECT ''int'''")
    run(session, "CREATE FUNCTION f(a text) RETURNS text LANGUAGE sql AS 'SELECT ''text'''")
    assert run(session, "SELECT f(1), f('x'), f(1::int2)") == [("int", "text", "int")]
    run(session, "CREATE FUNCTION g(a int, b text DEFAULT 'x') RETURNS text LANGUAGE sql AS 'SELECT b || a'")
    assert run(session, "SELECT g(1), g(2, 'y')") == [("x1", "y2")]
    with pytest.raises(SqlError) as ei:
        run(session, "CREATE FUNCTION g(a int, b text) RETURNS text LANGUAGE sql AS 'SELECT b'")
    assert ei.value.code == "42723"
    with pytest.raises(SqlError) as ei:
        run(session, "CREATE OR REPLACE FUNCTION g(a int, b text) RETURNS int LANGUAGE sql AS 'SELECT 1'")
    assert ei.value.code == "42P13"
    with pytest.raises(SqlError) as ei:
        run(session, "DROP FUNCTION f")
    assert ei.value.code == "42725"
    run(session, "DROP FUNCTION f(int)")
    assert run(session, "SELECT f('x')") == [("text",)]
    with pytest.raises(SqlError) as ei:
        run(session, "DROP FUNCTION nope(int)")
    assert ei.value.code == "42883"


def test_function_reads_tables_and_strict(session: Any) -> None:
    run(session, "CREATE TABLE t (a int)")
    run(session, "INSERT INTO t VALUES (1), (2)")
    run(session, "CREATE FUNCTION cnt() RETURNS bigint LANGUAGE sql STABLE AS $$SELECT count(*) FROM t$$")
    run(session, "CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql STRICT AS 'SELECT x * 2'")
    assert run(session, "SELECT cnt(), twice(a), twice(NULL) FROM t ORDER BY a") == [(2, 2, None), (2, 4, None)]
