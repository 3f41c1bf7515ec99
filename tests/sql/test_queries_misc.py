"""Query semantics through a session (no sockets): name clashes in FROM, FULL JOIN and locking
restrictions, grouped subqueries, row comparisons, ROWS FROM, LATERAL forms, JOIN USING aliases,
TABLESAMPLE, LIKE/SIMILAR escapes and literal typing. Expectations checked against PostgreSQL 15."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from tests.sql.sessions import open_session
from tests.sql.sessions import run_values as run
from tests.sql.sessions import sql_error as error

_pids = itertools.count(7001)


@pytest.fixture()
def session(tmp_path: Any) -> Iterator[Any]:
    with open_session(tmp_path, next(_pids)) as s:
        run(s, "CREATE TABLE t (g int, v int)")
        run(s, "INSERT INTO t VALUES (1, 1), (1, 2), (2, 5)")
        yield s


@pytest.mark.parametrize("sql, code", [
    ("SELECT * FROM t x JOIN t x ON true", "42712"),
    ("SELECT * FROM t, t", "42712"),
    ("SELECT * FROM t, (SELECT 1) t", "42712"),
    ("SELECT * FROM t a FULL JOIN t b ON a.g < b.g", "0A000"),
    ("SELECT DISTINCT g FROM t FOR UPDATE", "0A000"),
    ("SELECT count(*) FROM t FOR UPDATE", "0A000"),
    ("SELECT g FROM t GROUP BY g FOR SHARE", "0A000"),
    ("SELECT g FROM t UNION SELECT g FROM t FOR UPDATE", "0A000"),
    ("SELECT g, (SELECT v) FROM t GROUP BY g", "42803"),
    ("SELECT x FROM generate_series(1, 2) x UNION SELECT 3 ORDER BY x.x", "42P01"),
    ("SELECT 2 = ANY ((SELECT ARRAY[1, 2]))", "42883"),
    ("SELECT 'abc' LIKE 'a%' ESCAPE 'xy'", "22025"),
    ("SELECT 'abc' SIMILAR TO 'a%' ESCAPE 'xx'", "22025"),
    ("SELECT 'ab' LIKE 'a\\'", "22025"),
    ("SELECT 'a' COLLATE \"C\" < 'b' COLLATE \"POSIX\"", "42P21"),
    ("SELECT count(*) FROM t TABLESAMPLE SYSTEM (101)", "2202H"),
])
def test_errors(session: Any, sql: str, code: str) -> None:
    assert error(session, sql).code == code


def test_full_join_with_constant_or_equality_condition_runs(session: Any) -> None:
    assert len(run(session, "SELECT * FROM t a FULL JOIN t b ON true")) == 9
    assert len(run(session, "SELECT * FROM t a FULL JOIN t b ON a.g = b.g AND a.v < b.v")) == 5


def test_same_table_in_two_schemas_is_no_clash(session: Any) -> None:
    run(session, "CREATE SCHEMA s2")
    run(session, "CREATE TABLE s2.t (x int)")
    run(session, "INSERT INTO s2.t VALUES (7)")
    assert run(session, "SELECT count(*) FROM t, s2.t") == [(3,)]


def test_outer_aggregate_in_subquery(session: Any) -> None:
    assert run(session, "SELECT g, (SELECT sum(v)) AS s FROM t GROUP BY g ORDER BY g") == [(1, 3), (2, 5)]
    assert run(session, "SELECT g FROM t GROUP BY g HAVING EXISTS (SELECT 1 WHERE max(t.v) > 3)") == [(2,)]
    assert run(session, "SELECT g, (SELECT g) FROM t GROUP BY g ORDER BY g") == [(1, 1), (2, 2)]
    assert run(session, "SELECT g, (SELECT max(v) FROM t t2 WHERE t2.g = t.g) FROM t GROUP BY g ORDER BY 1") == \
        [(1, 2), (2, 5)]
    e = error(session, "SELECT v, (SELECT g) FROM t GROUP BY v")
    assert str(e) == 'subquery uses ungrouped column "t.g" from outer query'


def test_row_comparisons_with_nulls(session: Any) -> None:
    assert run(session, "SELECT ROW(1, NULL) = ROW(1, NULL), ROW(1, NULL) = ROW(2, NULL), "
                        "ROW(1, 2) < ROW(1, NULL), ROW(1, 2) < ROW(2, NULL), ROW(1, 2) <> ROW(1, NULL)") == \
        [(None, False, None, True, None)]


def test_from_forms(session: Any) -> None:
    assert run(session, "SELECT * FROM ROWS FROM (generate_series(1, 3), unnest(ARRAY['a', 'b'])) AS r(n, s) "
                        "ORDER BY n") == [(1, "a"), (2, "b"), (3, None)]
    assert run(session, "SELECT t.g, u.x, u.i FROM t CROSS JOIN LATERAL unnest(ARRAY[t.v, 0]) WITH ORDINALITY "
                        "u(x, i) WHERE t.g = 2 ORDER BY u.i") == [(2, 5, 1), (2, 0, 2)]
    assert run(session, "SELECT u.k, u.val FROM t, LATERAL (VALUES ('g', t.g), ('v', t.v)) u(k, val) "
                        "WHERE t.v = 5 ORDER BY u.k") == [("g", 2), ("v", 5)]
    assert run(session, "SELECT j.g, j.v FROM (t a JOIN t b USING (g, v)) AS j WHERE j.v = 5") == [(2, 5)]
    assert run(session, "SELECT j.g FROM t a JOIN t b USING (g) AS j WHERE a.v = 5") == [(2,)]
    assert error(session, "SELECT j.v FROM t a JOIN t b USING (g) AS j").code == "42703"
    assert run(session, "SELECT count(*) FROM t TABLESAMPLE SYSTEM (0)") == [(0,)]
    assert run(session, "SELECT count(*) FROM t TABLESAMPLE BERNOULLI (100) REPEATABLE (3)") == [(3,)]


def test_using_int_with_bigint_is_bigint(session: Any) -> None:
    run(session, "CREATE TABLE b8 (g bigint)")
    run(session, "INSERT INTO b8 VALUES (2)")
    assert run(session, "SELECT g, pg_typeof(g)::text FROM t JOIN b8 USING (g)") == [(2, "bigint")]


def test_expressions(session: Any) -> None:
    assert run(session, "SELECT x FROM generate_series(1, 10) x ORDER BY x LIMIT 2.6") == [(1,), (2,), (3,)]
    assert run(session, "SELECT x FROM (VALUES (2), (3), (1)) v(x) ORDER BY x USING >") == [(3,), (2,), (1,)]
    assert run(session, "SELECT x FROM generate_series(1, 5) x WHERE x IN (VALUES (2), (4)) ORDER BY x") == \
        [(2,), (4,)]
    assert run(session, "SELECT 'a' LIKE 'a\\', 'a%c' SIMILAR TO 'a#%c' ESCAPE '#', "
                        "'abc' SIMILAR TO 'a#%c' ESCAPE '#'") == [(False, True, False)]
    assert run(session, "SELECT substring('foobar' SIMILAR '%#\"o_b#\"%' ESCAPE '#')") == [("oob",)]
    assert run(session, "SELECT normalize(U&'e\\0301', NFC) = U&'\\00e9', length(normalize(U&'\\00e9', NFD))") == \
        [(True, 2)]
    assert run(session, "SELECT 2::numeric ^ 100") == [(Decimal("1267650600228229401496703205376.0000000000000000"),)]
    assert run(session, "SELECT 'abc' = 'abc ', 'abc'::char(5) = 'abc '") == [(False, True)]


def test_column_names(session: Any) -> None:
    res = list(session.execute_simple("SELECT -v, v, current_catalog FROM t LIMIT 1"))[-1]
    assert [c.name for c in res.columns][:2] == ["?column?", "v"]


def test_insert_returning_xmax(session: Any) -> None:
    run(session, "CREATE TABLE kv (k text PRIMARY KEY, v int)")
    run(session, "INSERT INTO kv VALUES ('a', 1)")
    assert run(session, "INSERT INTO kv VALUES ('a', 10), ('c', 3) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v "
                        "RETURNING k, v, (xmax = 0) AS inserted") == [("a", 10, False), ("c", 3, True)]


def test_ambiguous_user_function(session: Any) -> None:
    run(session, "CREATE FUNCTION f(a int, b text) RETURNS int LANGUAGE sql AS 'SELECT 1'")
    run(session, "CREATE FUNCTION f(a text, b int) RETURNS int LANGUAGE sql AS 'SELECT 2'")
    assert error(session, "SELECT f('1', '2')").code == "42725"
    assert run(session, "SELECT f(1, '2'), f('1', 2)") == [(1, 2)]
