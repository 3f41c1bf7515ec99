"""EXPLAIN through psycopg: PostgreSQL's node names for the plan the executor runs, TEXT/JSON/YAML,
ANALYZE running the statement, option errors, and the explained statement's privileges."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import errors


@pytest.fixture()
def dbconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        c.execute("CREATE TABLE ex_t (a int PRIMARY KEY, b text); CREATE TABLE ex_u (a int, c text); "
                  "CREATE INDEX ex_u_c ON ex_u (c)")
        yield c


def _plan(c: psycopg.Connection, sql: str) -> list[str]:
    return [r[0] for r in c.execute(sql).fetchall()]


def test_text_plans(dbconn: psycopg.Connection) -> None:
    c = dbconn
    assert _plan(c, "EXPLAIN SELECT * FROM ex_u") == ["Seq Scan on ex_u"]
    assert _plan(c, "EXPLAIN SELECT * FROM ex_t WHERE a = 1") == ["Index Scan using ex_t_pkey on ex_t"]
    assert _plan(c, "EXPLAIN SELECT t.b, count(*) FROM ex_t t JOIN ex_u u ON t.a = u.a GROUP BY t.b "
                    "ORDER BY 1 LIMIT 3") == [
        "Limit", "  ->  Sort", "        ->  HashAggregate", "              ->  Hash Join",
        "                    ->  Seq Scan on ex_t", "                    ->  Hash",
        "                          ->  Seq Scan on ex_u"]
    assert _plan(c, "EXPLAIN INSERT INTO ex_t VALUES (1, 'x')") == ["Insert on ex_t", "  ->  Values Scan"]
    assert _plan(c, "EXPLAIN SELECT * FROM ex_u LEFT JOIN ex_t ON ex_u.a = ex_t.a")[0] == "Hash Left Join"
    assert _plan(c, "EXPLAIN SELECT * FROM ex_u LEFT JOIN ex_t ON ex_u.a > ex_t.a")[0] == "Nested Loop Left Join"
    assert c.execute("SELECT count(*) FROM ex_t").fetchone() == (0,)  # EXPLAIN alone runs nothing


def test_json_and_analyze(dbconn: psycopg.Connection) -> None:
    c = dbconn
    (doc,) = c.execute("EXPLAIN (FORMAT JSON) SELECT * FROM ex_u WHERE c = 'a'").fetchone()
    plan = doc[0]["Plan"]  # the column is json, as in PostgreSQL
    assert (plan["Node Type"], plan["Index Name"], plan["Relation Name"]) == ("Index Scan", "ex_u_c", "ex_u")
    (doc,) = c.execute("EXPLAIN (ANALYZE, FORMAT JSON) INSERT INTO ex_t VALUES (2, 'y')").fetchone()
    assert doc[0]["Plan"]["Operation"] == "Insert" and "Actual Total Time" in doc[0]["Plan"]
    assert "Execution Time" in doc[0]
    assert c.execute("SELECT b FROM ex_t WHERE a = 2").fetchone() == ("y",)  # ANALYZE ran it
    lines = _plan(c, "EXPLAIN ANALYZE SELECT * FROM ex_t")
    assert lines[0].startswith("Seq Scan on ex_t (actual time=") and lines[0].endswith("rows=1 loops=1)")
    assert lines[1].startswith("Planning Time: ") and lines[2].startswith("Execution Time: ")
    yaml = _plan(c, "EXPLAIN (FORMAT YAML) SELECT * FROM ex_u")[0]
    assert yaml.splitlines()[:2] == ["- Plan: ", '    Node Type: "Seq Scan"']
    cur = c.execute("EXPLAIN (FORMAT JSON) SELECT 1")
    assert cur.description[0].name == "QUERY PLAN" and cur.description[0].type_code == 114


def test_errors_and_privileges(server: Any, dbconn: psycopg.Connection, db: str) -> None:
    c = dbconn
    with pytest.raises(errors.SyntaxError, match='unrecognized EXPLAIN option "foo"'):
        c.execute("EXPLAIN (foo) SELECT 1")
    with pytest.raises(errors.InvalidParameterValue, match="EXPLAIN option TIMING requires ANALYZE"):
        c.execute("EXPLAIN (TIMING) SELECT 1")
    with pytest.raises(errors.UndefinedTable):
        c.execute("EXPLAIN SELECT * FROM no_such_table")
    c.execute("DROP ROLE IF EXISTS ex_nobody")
    c.execute(f"CREATE ROLE ex_nobody LOGIN PASSWORD 'pw'; GRANT CONNECT ON DATABASE \"{db}\" TO ex_nobody")
    try:
        with server.connect(dbname=db, user="ex_nobody", password="pw") as other:
            with pytest.raises(errors.InsufficientPrivilege, match="permission denied for table ex_t"):
                other.execute("EXPLAIN SELECT * FROM ex_t")
    finally:
        c.execute(f"REVOKE CONNECT ON DATABASE \"{db}\" FROM ex_nobody; DROP ROLE ex_nobody")
