"""Updatable views and CHECK OPTION, materialized views, MERGE, subscripted and multi-column
UPDATE SET, and data-modifying CTEs, driven through Session; expectations checked against
PostgreSQL 15."""

from __future__ import annotations

import itertools
from typing import Any

from tests.sql.sessions import session_fixture
from tests.sql.test_dml_forms import err, run

s = session_fixture("s", itertools.count(7601))


def test_updatable_view(s: Any) -> None:
    run(s, "CREATE TABLE t (id int, v text DEFAULT 'base')")
    run(s, "INSERT INTO t VALUES (1, 'a'), (2, 'b')")
    run(s, "CREATE VIEW vw AS SELECT id, v FROM t WHERE id > 1")
    assert run(s, "UPDATE vw SET v = 'z'") == ("UPDATE", 1)
    assert run(s, "INSERT INTO vw (id) VALUES (5)") == ("INSERT", 1)
    assert run(s, "DELETE FROM vw WHERE id = 2") == ("DELETE", 1)
    assert run(s, "SELECT id, v FROM t ORDER BY id") == [(1, "a"), (5, "base")]


def test_renamed_and_computed_view_columns(s: Any) -> None:
    run(s, "CREATE TABLE t (id int, v text)")
    run(s, "INSERT INTO t VALUES (1, 'a')")
    run(s, "CREATE VIEW rv AS SELECT id AS k, v || 'x' AS w FROM t")
    assert run(s, "UPDATE rv SET k = 10 WHERE k = 1") == ("UPDATE", 1)
    assert run(s, "SELECT id FROM t") == [(10,)]
    assert err(s, "UPDATE rv SET w = 'x'").code == "0A000"


def test_view_not_updatable(s: Any) -> None:
    run(s, "CREATE TABLE t (a int)")
    run(s, "CREATE VIEW v AS SELECT count(*) AS c FROM t")
    e = err(s, "INSERT INTO v VALUES (1)")
    assert e.code == "55000"
    assert "aggregate" in (e.detail or "")
    run(s, "CREATE VIEW d AS SELECT DISTINCT a FROM t")
    assert err(s, "DELETE FROM d").code == "55000"


def test_check_option(s: Any) -> None:
    run(s, "CREATE TABLE t (a int)")
    run(s, "CREATE VIEW v AS SELECT a FROM t WHERE a > 0 WITH CHECK OPTION")
    run(s, "CREATE VIEW l AS SELECT a FROM t WHERE a > 0 WITH LOCAL CHECK OPTION")
    assert err(s, "INSERT INTO v VALUES (-1)").code == "44000"
    run(s, "INSERT INTO v VALUES (3)")
    assert err(s, "UPDATE l SET a = -a").code == "44000"
    assert run(s, "SELECT table_name, check_option FROM information_schema.views "
                  "WHERE table_schema = 'public' ORDER BY 1") == [("l", "LOCAL"), ("v", "CASCADED")]


def test_materialized_view(s: Any) -> None:
    run(s, "CREATE TABLE t (a int)")
    run(s, "INSERT INTO t VALUES (1), (2)")
    assert run(s, "CREATE MATERIALIZED VIEW mv AS SELECT sum(a) AS s FROM t") == ("SELECT 1", None)
    run(s, "INSERT INTO t VALUES (10)")
    assert run(s, "SELECT s FROM mv") == [(3,)]
    assert run(s, "REFRESH MATERIALIZED VIEW mv") == ("REFRESH MATERIALIZED VIEW", None)
    assert run(s, "SELECT s FROM mv") == [(13,)]
    run(s, "CREATE MATERIALIZED VIEW e AS SELECT a FROM t WITH NO DATA")
    assert run(s, "SELECT count(*) FROM e") == [(0,)]
    assert err(s, "REFRESH MATERIALIZED VIEW t").code == "42809"
    run(s, "DROP MATERIALIZED VIEW mv")
    assert err(s, "SELECT * FROM mv").code == "42P01"


def test_merge(s: Any) -> None:
    run(s, "CREATE TABLE tgt (id int PRIMARY KEY, v int)")
    run(s, "CREATE TABLE src (id int, v int)")
    run(s, "INSERT INTO tgt VALUES (1, 10), (2, 20), (3, 30)")
    run(s, "INSERT INTO src VALUES (1, 11), (2, 0), (4, 40)")
    assert run(s, "MERGE INTO tgt t USING src s ON t.id = s.id WHEN MATCHED AND s.v = 0 THEN DELETE "
                  "WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)") \
        == ("MERGE", 3)
    assert run(s, "SELECT id, v FROM tgt ORDER BY id") == [(1, 11), (3, 30), (4, 40)]
    assert run(s, "MERGE INTO tgt t USING (VALUES (1, 5), (2, 6)) s(id, v) ON t.id = s.id "
                  "WHEN MATCHED THEN DO NOTHING WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id)") == ("MERGE", 1)
    assert run(s, "SELECT id, v FROM tgt ORDER BY id") == [(1, 11), (2, None), (3, 30), (4, 40)]
    e = err(s, "MERGE INTO tgt t USING (VALUES (1, 5), (1, 6)) s(id, v) ON t.id = s.id "
               "WHEN MATCHED THEN UPDATE SET v = s.v")
    assert e.code == "21000"


def test_update_subscripts_and_subselect(s: Any) -> None:
    run(s, "CREATE TABLE t (id int, a int[], j jsonb, x int, y int)")
    run(s, "INSERT INTO t VALUES (1, '{1,2}', '{\"a\": 1}', 0, 0)")
    run(s, "UPDATE t SET a[5] = 5, j['b'] = '\"new\"'")
    assert run(s, "SELECT a::text, j::text FROM t") == [("{1,2,NULL,NULL,5}", '{"a": 1, "b": "new"}')]
    run(s, "CREATE TABLE s (id int, x int, y int)")
    run(s, "INSERT INTO s VALUES (1, 7, 8)")
    run(s, "UPDATE t SET (x, y) = (SELECT x, y FROM s WHERE s.id = t.id)")
    assert run(s, "SELECT x, y FROM t") == [(7, 8)]
    assert err(s, "UPDATE t SET t.x = 2").code == "42703"
    assert err(s, "UPDATE t SET x = 1 LIMIT 1").code == "42601"
    assert err(s, "UPDATE t SET x = 1 FROM t WHERE t.id = 1").code == "42712"


def test_self_referencing_update_and_modifying_cte(s: Any) -> None:
    run(s, "CREATE TABLE t (a int)")
    run(s, "INSERT INTO t VALUES (1), (2)")
    run(s, "UPDATE t SET a = (SELECT max(a) FROM t) + a")
    assert run(s, "SELECT a FROM t ORDER BY a") == [(3,), (4,)]
    assert run(s, "WITH ins AS (INSERT INTO t VALUES (9) RETURNING a) SELECT count(*) FROM t") == [(2,)]
    assert run(s, "SELECT count(*) FROM t") == [(3,)]
    e = err(s, "SELECT * FROM (WITH i AS (INSERT INTO t VALUES (1) RETURNING a) SELECT * FROM i) x")
    assert e.code == "0A000"


def test_select_into(s: Any) -> None:
    run(s, "CREATE TABLE t (a int)")
    run(s, "INSERT INTO t VALUES (1), (2)")
    assert run(s, "SELECT a * 10 AS b INTO t2 FROM t") == ("SELECT 2", None)
    assert run(s, "SELECT b FROM t2 ORDER BY b") == [(10,), (20,)]


def test_nested_views_cascaded_check_defaults_and_owner_privileges(s: Any) -> None:
    run(s, "CREATE TABLE t (a int, b int DEFAULT 5)")
    run(s, "CREATE VIEW v AS SELECT a, b FROM t WHERE a > 0")
    run(s, "CREATE VIEW vv AS SELECT a FROM v WHERE a < 100 WITH CASCADED CHECK OPTION")
    run(s, "CREATE VIEW vl AS SELECT a FROM v WHERE a < 100 WITH LOCAL CHECK OPTION")
    e = err(s, "INSERT INTO vv VALUES (-5)")
    assert e.code == "44000" and '"v"' in str(e)
    assert run(s, "INSERT INTO vl VALUES (-5)") == ("INSERT", 1)
    e = err(s, "INSERT INTO vv VALUES (500)")
    assert e.code == "44000" and '"vv"' in str(e)
    run(s, "ALTER VIEW v ALTER COLUMN b SET DEFAULT 7")
    run(s, "INSERT INTO v (a) VALUES (1)")
    run(s, "CREATE ROLE u1")
    run(s, "GRANT SELECT, INSERT, UPDATE ON v TO u1")
    run(s, "SET ROLE u1")
    run(s, "INSERT INTO v VALUES (2, 2)")
    run(s, "UPDATE v SET b = 3 WHERE a = 2")
    assert err(s, "SELECT * FROM t").code == "42501"
    run(s, "RESET ROLE")
    assert run(s, "SELECT a, b FROM t ORDER BY a") == [(-5, 5), (1, 7), (2, 3)]


def test_several_element_assignments_to_one_column(s: Any) -> None:
    run(s, "CREATE TABLE ar (a int[], j jsonb)")
    run(s, "INSERT INTO ar VALUES ('{1,2}', '{}')")
    run(s, "UPDATE ar SET a[1] = 7, a[3] = 8, j['x'] = '1', j['y'] = '2'")
    assert run(s, "SELECT a::text, j::text FROM ar") == [("{7,2,8}", '{"x": 1, "y": 2}')]
    assert err(s, "UPDATE ar SET a = '{1}', a[1] = 2").code == "42601"


def test_on_conflict_returning_xmax_tells_inserted_from_updated(s: Any) -> None:
    run(s, "CREATE TABLE kv (k text PRIMARY KEY, v int)")
    run(s, "INSERT INTO kv VALUES ('a', 1)")
    assert run(s, "INSERT INTO kv VALUES ('a', 10), ('c', 3) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v "
                  "RETURNING k, v, (xmax = 0) AS inserted") == [("a", 10, False), ("c", 3, True)]
    assert run(s, "INSERT INTO kv VALUES ('d', 1) RETURNING *") == [("d", 1)]
