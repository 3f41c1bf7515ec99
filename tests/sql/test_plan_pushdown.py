"""WHERE conditions pushed onto one FROM item's scan, catalog joins reused between correlated runs,
array bounds after oid/reg* type names and ORDER BY of a column selected through ``*`` (expected
values recorded against PostgreSQL 15)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sql.errors import SqlError
from tests.sql.test_pg_catalog import connect, new_instance, run


@pytest.fixture()
def s(tmp_path: Any) -> Iterator[Any]:
    for inst in new_instance(tmp_path):
        session = connect(inst)
        run(session, "CREATE TABLE t(a int, b int); INSERT INTO t VALUES (2, 1), (1, 2);"
                     "CREATE TABLE u(a int, c text); INSERT INTO u VALUES (2, 'x'), (3, 'y')")
        yield session


def test_outer_join_nullable_side_keeps_where(s: Any) -> None:
    rows = run(s, "SELECT * FROM t LEFT JOIN u ON t.a = u.a WHERE u.c IS NULL ORDER BY t.a")
    assert rows == [(1, 2, None, None)]


def test_inner_join_with_single_item_conditions(s: Any) -> None:
    assert run(s, "SELECT * FROM t, u WHERE t.a = u.a AND u.c = 'x' AND t.b > 0") == [(2, 1, 2, "x")]
    assert run(s, "SELECT * FROM t JOIN u USING (a) WHERE a = 2 AND c = 'x'") == [(2, 1, "x")]


def test_correlated_condition_pushed_into_subquery(s: Any) -> None:
    sql = "SELECT t.a FROM t WHERE EXISTS (SELECT 1 FROM u JOIN t t2 ON t2.a = u.a WHERE u.c = 'x' AND t2.b = t.b)"
    assert run(s, sql) == [(2,)]


def test_catalog_join_per_outer_row(s: Any) -> None:
    sql = ("SELECT t.typname, (SELECT array_agg(ia.attname::text ORDER BY ia.attnum) FROM pg_attribute ia "
           "JOIN pg_class c ON ia.attrelid = c.oid WHERE ia.attnum > 0 AND NOT ia.attisdropped "
           "AND c.reltype = t.oid) FROM pg_type t WHERE t.typname IN ('t', 'u') ORDER BY 1")
    assert run(s, sql) == [("t", ["a", "b"]), ("u", ["a", "c"])]
    run(s, "ALTER TABLE u ADD COLUMN d int")
    assert run(s, sql) == [("t", ["a", "b"]), ("u", ["a", "c", "d"])]


def test_catalog_filter_with_changing_literal(s: Any) -> None:
    sql = ("SELECT count(*) FROM pg_attribute a JOIN pg_class c ON a.attrelid = c.oid "
           "WHERE c.relname = 'u' AND a.attnum > {}")
    assert run(s, sql.format(0)) == [(2,)]
    assert run(s, sql.format(1)) == [(1,)]


def test_oid_type_arrays(s: Any) -> None:
    assert run(s, "SELECT '{1,2}'::oid[], cast('{5}' AS oid[3]), 1 = any('{1,7}'::oid[])") == [([1, 2], [5], True)]
    assert run(s, "SELECT '{int4}'::regtype[]::text") == [("{integer}",)]


def test_distinct_order_by_column_under_star(s: Any) -> None:
    assert run(s, "SELECT DISTINCT * FROM t ORDER BY a") == [(1, 2), (2, 1)]
    assert run(s, "SELECT DISTINCT t.a, b FROM t ORDER BY a DESC") == [(2, 1), (1, 2)]
    with pytest.raises(SqlError, match="must appear in select list"):
        run(s, "SELECT DISTINCT b FROM t ORDER BY t.a")


def test_correlated_key_lookup_on_catalog(s: Any) -> None:
    # c.reltype = t.oid becomes a hash lookup on pg_class; the results are those of a scan
    sql = ("SELECT t.typname, (SELECT c.relname FROM pg_class c WHERE c.reltype = t.oid) FROM pg_type t "
           "WHERE t.typname IN ('t', 'u', 'int4') ORDER BY 1")
    assert run(s, sql) == [("int4", None), ("t", "t"), ("u", "u")]
    run(s, "CREATE TABLE v(z int)")  # a new catalog list: the lookup is rebuilt
    assert run(s, sql.replace("'int4'", "'v'")) == [("t", "t"), ("u", "u"), ("v", "v")]
    # a NULL probe matches nothing; text columns probe by text
    assert run(s, "SELECT (SELECT count(*) FROM pg_class c WHERE c.relnamespace = NULLIF(n.oid, n.oid)) "
                  "FROM pg_namespace n WHERE nspname = 'public'") == [(0,)]
    assert run(s, "SELECT n.nspname, (SELECT count(*) FROM pg_class c WHERE c.relname = n.nspname) "
                  "FROM pg_namespace n WHERE nspname = 'public'") == [("public", 0)]
    assert run(s, "SELECT u.c, (SELECT count(*) FROM pg_class c WHERE c.relname = u.c) FROM u ORDER BY 1") == [
        ("x", 0), ("y", 0)]


def test_derived_table_shared_within_statement(s: Any) -> None:
    # the same uncorrelated subquery in each iteration of a recursive term
    sql = ("WITH RECURSIVE w(n) AS (SELECT 1 UNION ALL SELECT w.n + d.k FROM w, (SELECT 1 AS k UNION ALL "
           "SELECT 2) d WHERE w.n < 5) SELECT n FROM w ORDER BY n")
    assert [r[0] for r in run(s, sql)] == [1, 2, 3, 3, 4, 4, 4, 5, 5, 5, 5, 5, 6, 6, 6]
    # volatile subqueries are computed per appearance
    assert run(s, "SELECT count(*) FROM (SELECT random() r) a, (SELECT random() r) b WHERE a.r = b.r") == [(0,)]
    # parameters of one execution, values after a write in the same transaction
    run(s, "BEGIN")
    run(s, "INSERT INTO t VALUES (5, 5)")
    assert run(s, "SELECT count(*) FROM (SELECT a FROM t) x, (SELECT a FROM t) y WHERE x.a = y.a") == [(3,)]
    run(s, "ROLLBACK")
    assert run(s, "SELECT count(*) FROM (SELECT a FROM t) x, (SELECT a FROM t) y WHERE x.a = y.a") == [(2,)]


def test_deferred_subquery_columns(s: Any) -> None:
    """Subquery columns of a subquery in FROM are computed where the outer query reads them (expected
    values recorded against PostgreSQL 15; an unread column's error is never raised, as there)."""
    sub = "(SELECT a, (SELECT a * 10) AS z FROM t) s"
    assert run(s, "SELECT s.a FROM (SELECT a, (SELECT 1/0) AS z FROM t) s ORDER BY 1") == [(1,), (2,)]
    assert run(s, "SELECT s.a, s.z FROM (SELECT a, (SELECT 10 / (a - 2)) AS z FROM t) s WHERE a <> 2") == [(1, -10)]
    assert run(s, f"SELECT s.z, s.z + 1 FROM {sub} WHERE s.z > 10") == [(20, 21)]
    assert run(s, f"SELECT s::text FROM {sub} ORDER BY a") == [("(1,10)",), ("(2,20)",)]
    assert run(s, f"SELECT * FROM {sub} ORDER BY a") == [(1, 10), (2, 20)]
    assert run(s, "SELECT x, y FROM (SELECT a, (SELECT a * 10) AS z FROM t) s(x, y) ORDER BY 1") == [(1, 10), (2, 20)]
    assert run(s, f"SELECT z, s.a, u.a FROM {sub} FULL JOIN (SELECT a, a * 10 AS z FROM t WHERE a = 1) u "
                  "USING (z) ORDER BY 1") == [(10, 1, 1), (20, 2, None)]
    assert run(s, f"SELECT (SELECT s.z + 1) FROM {sub} ORDER BY 1") == [(11,), (21,)]
    assert run(s, f"SELECT z, count(*) FROM {sub} GROUP BY z ORDER BY z DESC") == [(20, 1), (10, 1)]
    assert run(s, f"SELECT s.a, l.w FROM {sub}, LATERAL (SELECT s.z * 2 AS w) l ORDER BY 1") == [(1, 20), (2, 40)]
    assert run(s, "SELECT s.a, s.e FROM (SELECT a, EXISTS (SELECT 1 FROM t t2 WHERE t2.b = t.a) AS e FROM t) s "
                  "ORDER BY 1") == [(1, True), (2, True)]
    assert run(s, "SELECT row_to_json(s)::text FROM (SELECT a, ARRAY(SELECT b FROM t t2 WHERE t2.a = t.a) AS bs "
                  "FROM t) s ORDER BY a") == [('{"a":1,"bs":[2]}',), ('{"a":2,"bs":[1]}',)]


def test_deferred_columns_in_dml_and_merge(s: Any) -> None:
    run(s, "CREATE TABLE w(a int, c int); INSERT INTO w VALUES (1, 0), (2, 0), (3, 0)")
    run(s, "UPDATE w SET c = s.z FROM (SELECT a, (SELECT t.b * 100) AS z FROM t) s WHERE w.a = s.a")
    assert run(s, "SELECT * FROM w ORDER BY a") == [(1, 200), (2, 100), (3, 0)]
    run(s, "DELETE FROM w USING (SELECT a, (SELECT t.b * 100) AS z FROM t) s WHERE w.a = s.a AND s.z = 200")
    run(s, "MERGE INTO w USING (SELECT a, (SELECT t.b * 7) AS z FROM t) s ON w.a = s.a "
           "WHEN MATCHED THEN UPDATE SET c = s.z WHEN NOT MATCHED THEN INSERT VALUES (s.a, s.z)")
    assert run(s, "SELECT * FROM w ORDER BY a") == [(1, 14), (2, 7), (3, 0)]
    assert run(s, "SELECT a, z, rank() OVER (ORDER BY z) FROM (SELECT a, (SELECT t.b) AS z FROM t) s "
                  "ORDER BY a") == [(1, 2, 2), (2, 1, 1)]
