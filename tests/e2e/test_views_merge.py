"""Updatable views, CHECK OPTION, materialized views, MERGE and UPDATE forms through psycopg
against the real server (command tags and SQLSTATEs as PostgreSQL 15 sends them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest


@pytest.fixture()
def dbconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        yield c


def test_view_dml_and_check_option(dbconn: psycopg.Connection) -> None:
    cur = dbconn.cursor()
    cur.execute("CREATE TABLE t (id int, v text DEFAULT 'base')")
    cur.execute("CREATE VIEW vw AS SELECT id, v FROM t WHERE id > 0 WITH CHECK OPTION")
    cur.execute("INSERT INTO vw (id) VALUES (%s)", (1,))
    assert cur.statusmessage == "INSERT 0 1"
    cur.execute("UPDATE vw SET v = 'z' WHERE id = 1")
    assert cur.statusmessage == "UPDATE 1"
    assert cur.execute("SELECT id, v FROM t").fetchall() == [(1, "z")]
    with pytest.raises(psycopg.errors.WithCheckOptionViolation):
        cur.execute("INSERT INTO vw VALUES (-1, 'x')")
    cur.execute("CREATE VIEW agg AS SELECT count(*) AS c FROM t")
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):
        cur.execute("INSERT INTO agg VALUES (1)")


def test_materialized_view_refresh(dbconn: psycopg.Connection) -> None:
    cur = dbconn.cursor()
    cur.execute("CREATE TABLE t (a int)")
    cur.execute("INSERT INTO t VALUES (1)")
    cur.execute("CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM t")
    assert cur.statusmessage == "SELECT 1"
    cur.execute("INSERT INTO t VALUES (2)")
    assert cur.execute("SELECT n FROM mv").fetchall() == [(1,)]
    cur.execute("REFRESH MATERIALIZED VIEW mv")
    assert cur.statusmessage == "REFRESH MATERIALIZED VIEW"
    assert cur.execute("SELECT n FROM mv").fetchall() == [(2,)]


def test_merge_tag_and_twice_error(dbconn: psycopg.Connection) -> None:
    cur = dbconn.cursor()
    cur.execute("CREATE TABLE tgt (id int PRIMARY KEY, v int)")
    cur.execute("CREATE TABLE src (id int, v int)")
    cur.execute("INSERT INTO tgt VALUES (1, 10)")
    cur.execute("INSERT INTO src VALUES (1, 11), (2, 22)")
    cur.execute("MERGE INTO tgt t USING src s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v "
                "WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)")
    assert cur.statusmessage == "MERGE 2"
    assert cur.execute("SELECT id, v FROM tgt ORDER BY id").fetchall() == [(1, 11), (2, 22)]
    with pytest.raises(psycopg.errors.CardinalityViolation):
        cur.execute("MERGE INTO tgt t USING (VALUES (1, 5), (1, 6)) s(id, v) ON t.id = s.id "
                    "WHEN MATCHED THEN UPDATE SET v = s.v")


def test_update_forms(dbconn: psycopg.Connection) -> None:
    cur = dbconn.cursor()
    cur.execute("CREATE TABLE t (a int[], j jsonb)")
    cur.execute("""INSERT INTO t VALUES ('{1,2,3}', '{"a": 1}')""")
    cur.execute("UPDATE t SET a[2] = 20, j['b'] = '\"new\"'")
    assert cur.execute("SELECT a, j::text FROM t").fetchall() == [([1, 20, 3], '{"a": 1, "b": "new"}')]
    with pytest.raises(psycopg.errors.SyntaxError):
        cur.execute("UPDATE t SET a = NULL LIMIT 1")
    with pytest.raises(psycopg.errors.DuplicateAlias):
        cur.execute("UPDATE t SET a = NULL FROM t")


def test_modifying_cte_sees_old_snapshot(dbconn: psycopg.Connection) -> None:
    cur = dbconn.cursor()
    cur.execute("CREATE TABLE t (id int)")
    cur.execute("INSERT INTO t VALUES (1)")
    assert cur.execute("WITH ins AS (INSERT INTO t VALUES (2) RETURNING id) "
                       "SELECT count(*) AS n FROM t").fetchall() == [(1,)]
    assert cur.execute("SELECT count(*) FROM t").fetchall() == [(2,)]


def test_merge_with_parameters(dbconn: psycopg.Connection) -> None:
    cur = dbconn.cursor()
    cur.execute("CREATE TABLE tgt (id int PRIMARY KEY, v int)")
    cur.execute("INSERT INTO tgt VALUES (1, 10)")
    for _ in range(2):  # the second run reuses the prepared plan
        cur.execute("MERGE INTO tgt t USING (SELECT %s::int AS id) s ON t.id = s.id "
                    "WHEN MATCHED THEN UPDATE SET v = t.v + %s WHEN NOT MATCHED THEN INSERT VALUES (s.id, %s)",
                    (2, 1, 20), prepare=True)
    assert cur.statusmessage == "MERGE 1"
    assert cur.execute("SELECT id, v FROM tgt ORDER BY id").fetchall() == [(1, 10), (2, 21)]
    with pytest.raises(psycopg.errors.UndefinedTable):
        cur.execute("MERGE INTO tgt t USING (SELECT 3 AS id) s ON t.id = s.id "
                    "WHEN NOT MATCHED AND t.v > 0 THEN INSERT VALUES (s.id)")
