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
