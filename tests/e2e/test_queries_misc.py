"""Queries and errors through psycopg: PostgreSQL's syntax errors where the parser front is
stricter than sqlglot, name clashes in FROM, grouped subqueries, JOIN USING aliases, ROWS FROM,
TABLESAMPLE and ON CONFLICT ... RETURNING xmax. Expectations checked against PostgreSQL 15."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest


@pytest.fixture()
def dbconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        c.execute("CREATE TABLE t (g int, v int)")
        c.execute("INSERT INTO t VALUES (1, 1), (1, 2), (2, 5)")
        yield c


@pytest.mark.parametrize("sql, sqlstate", [
    ("SELECT 1, FROM t", "42601"),
    ("SELECT * t", "42601"),
    ("SELECT 1 < 2 = true", "42601"),
    ("SELECT 1 LIMIT 1 UNION SELECT 2", "42601"),
    ("SELECT * FROM t a JOIN t b", "42601"),
    ("INSERT INTO t (g)", "42601"),
    ("SELECT * FROM t, t", "42712"),
    ("SELECT * FROM t a FULL JOIN t b ON a.g < b.g", "0A000"),
    ("SELECT count(*) FROM t FOR UPDATE", "0A000"),
    ("SELECT g, (SELECT v) FROM t GROUP BY g", "42803"),
    ("SELECT 'abc' LIKE 'a%' ESCAPE 'xy'", "22025"),
])
def test_errors(dbconn: psycopg.Connection, sql: str, sqlstate: str) -> None:
    with pytest.raises(psycopg.Error) as e:
        dbconn.execute(sql)
    assert e.value.sqlstate == sqlstate


def test_syntax_error_position(dbconn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.SyntaxError) as e:
        dbconn.execute("SELECT 1, FROM t")
    assert e.value.diag.message_primary == 'syntax error at or near "FROM"'
    assert e.value.diag.statement_position == "11"


def test_grouped_subqueries(dbconn: psycopg.Connection) -> None:
    cur = dbconn.execute("SELECT g, (SELECT sum(v)) AS s FROM t GROUP BY g ORDER BY g")
    assert cur.fetchall() == [(1, 3), (2, 5)]
    assert cur.description[1].type_code == 20  # int8: sum(int4) of the outer query
    cur = dbconn.execute("SELECT g FROM t GROUP BY g HAVING EXISTS (SELECT 1 WHERE max(t.v) > 3)")
    assert cur.fetchall() == [(2,)]


def test_join_forms(dbconn: psycopg.Connection) -> None:
    dbconn.execute("CREATE TABLE b8 (g bigint, w text)")
    dbconn.execute("INSERT INTO b8 VALUES (2, 'y')")
    cur = dbconn.execute("SELECT j.g, w FROM t JOIN b8 USING (g) AS j")
    assert cur.fetchall() == [(2, "y")]
    assert cur.description[0].type_code == 20  # the merged int4/int8 column is int8
    cur = dbconn.execute("SELECT s.g, s.w FROM (t JOIN b8 USING (g)) AS s")
    assert cur.fetchall() == [(2, "y")]


def test_rows_from_and_tablesample(dbconn: psycopg.Connection) -> None:
    cur = dbconn.execute("SELECT * FROM ROWS FROM (generate_series(1, 3), unnest(ARRAY['a', 'b'])) AS r(n, s) "
                         "ORDER BY n")
    assert cur.fetchall() == [(1, "a"), (2, "b"), (3, None)]
    assert dbconn.execute("SELECT count(*) FROM t TABLESAMPLE SYSTEM (0)").fetchone() == (0,)


def test_on_conflict_returning_xmax(dbconn: psycopg.Connection) -> None:
    dbconn.execute("CREATE TABLE kv (k text PRIMARY KEY, v int)")
    dbconn.execute("INSERT INTO kv VALUES ('a', 1)")
    cur = dbconn.execute("INSERT INTO kv VALUES ('a', 10), ('c', 3) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v "
                         "RETURNING k, v, (xmax = 0) AS inserted")
    assert cur.fetchall() == [("a", 10, False), ("c", 3, True)]


def test_string_literals_typed_by_use(dbconn: psycopg.Connection) -> None:
    cur = dbconn.execute("SELECT 'abc' = 'abc ' AS b, 'abc'::char(5) = 'abc ' AS c")
    assert cur.fetchone() == (False, True)
