"""Analytic SQL through psycopg: statistics and hypothetical-set aggregates, percentiles over an
array of fractions, WITH RECURSIVE ... SEARCH / CYCLE, and PostgreSQL's rules (and SQLSTATEs) for
window definitions. Expected values were taken from PostgreSQL 15."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest


@pytest.fixture()
def dbconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        yield c


def one(c: psycopg.Connection, sql: str) -> tuple[Any, ...]:
    row = c.execute(sql).fetchone()
    assert row is not None
    return row


def test_regression_aggregates(dbconn: psycopg.Connection) -> None:
    row = one(dbconn, "SELECT corr(y, x), regr_slope(y, x), regr_intercept(y, x), regr_count(y, x), "
                      "covar_pop(y, x), covar_samp(y, x) "
                      "FROM (VALUES (1, 3), (2, 5), (3, 7), (4, 9), (NULL, 1)) v(x, y)")
    assert row == (1.0, 2.0, 1.0, 4, 2.5, pytest.approx(3.3333333333333335))
    assert one(dbconn, "SELECT corr(y, x) FROM (VALUES (1, 1)) v(x, y)") == (None,)


def test_hypothetical_set_aggregates(dbconn: psycopg.Connection) -> None:
    row = one(dbconn, "SELECT rank(3) WITHIN GROUP (ORDER BY x), dense_rank(3) WITHIN GROUP (ORDER BY x), "
                      "percent_rank(3) WITHIN GROUP (ORDER BY x), cume_dist(2) WITHIN GROUP (ORDER BY x DESC) "
                      "FROM (VALUES (1), (2), (2), (5)) v(x)")
    assert row == (4, 3, 0.75, 0.8)
    assert one(dbconn, "SELECT rank(NULL::int) WITHIN GROUP (ORDER BY x) FROM (VALUES (1), (2), (NULL)) v(x)") == (3,)
    with pytest.raises(psycopg.errors.UndefinedFunction):
        dbconn.execute("SELECT rank(3, 1) WITHIN GROUP (ORDER BY x) FROM generate_series(1, 3) x")


def test_percentiles_of_an_array_of_fractions(dbconn: psycopg.Connection) -> None:
    row = one(dbconn, "SELECT percentile_disc(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY x), "
                      "percentile_cont(ARRAY[0.25, NULL]) WITHIN GROUP (ORDER BY x) FROM generate_series(1, 8) x")
    assert row == ([2, 4, 6], [2.75, None])


def test_stddev_of_equal_values_is_plain_zero(dbconn: psycopg.Connection) -> None:
    cur = dbconn.execute("SELECT stddev(x)::text, stddev_pop(x)::text, var_pop(x)::text FROM (VALUES (5), (5)) v(x)")
    assert cur.fetchone() == ("0", "0", "0")


def test_count_distinct_star_is_a_syntax_error(dbconn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.SyntaxError):
        dbconn.execute("SELECT count(DISTINCT *) FROM generate_series(1, 3) x")


TREE = "CREATE TABLE tree (id int, parent int); INSERT INTO tree VALUES (1, NULL), (2, 1), (3, 1), (4, 2), (5, 3)"
WALK = "WITH RECURSIVE t(id) AS (SELECT 1 UNION ALL SELECT tree.id FROM tree JOIN t ON tree.parent = t.id) "


def test_search_depth_and_breadth_first(dbconn: psycopg.Connection) -> None:
    dbconn.execute(TREE)
    depth = dbconn.execute(WALK + "SEARCH DEPTH FIRST BY id SET ord SELECT id FROM t ORDER BY ord").fetchall()
    assert [r[0] for r in depth] == [1, 2, 4, 3, 5]
    cur = dbconn.execute(WALK + "SEARCH BREADTH FIRST BY id SET ord SELECT *, ord::text FROM t ORDER BY ord")
    assert [d.name for d in cur.description] == ["id", "ord", "ord"]  # the depth counter stays hidden
    assert [(r[0], r[2]) for r in cur.fetchall()] == [(1, "(0,1)"), (2, "(1,2)"), (3, "(1,3)"), (4, "(2,4)"),
                                                      (5, "(2,5)")]


def test_cycle_clause_marks_and_stops(dbconn: psycopg.Connection) -> None:
    dbconn.execute("CREATE TABLE edge (src int, dst int); INSERT INTO edge VALUES (1, 2), (2, 3), (3, 1)")
    rows = dbconn.execute(
        "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT e.dst FROM edge e JOIN g ON e.src = g.n) "
        "CYCLE n SET is_cycle USING path SELECT n, is_cycle FROM g ORDER BY path").fetchall()
    assert rows == [(1, False), (2, False), (3, False), (1, True)]


def test_recursive_term_may_order_inside_parentheses(dbconn: psycopg.Connection) -> None:
    rows = dbconn.execute("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL (SELECT n + 1 FROM r WHERE n < 3 ORDER BY n)) "
                          "SELECT n FROM r").fetchall()
    assert rows == [(1,), (2,), (3,)]


@pytest.mark.parametrize("sql, error", [
    ("SELECT sum(x) OVER (w ORDER BY x) FROM generate_series(1, 3) x WINDOW w AS (ORDER BY x)",
     psycopg.errors.WindowingError),
    ("SELECT sum(x) OVER (w ORDER BY x) FROM generate_series(1, 3) x WINDOW w AS (ROWS UNBOUNDED PRECEDING)",
     psycopg.errors.WindowingError),
    ("SELECT sum(x) OVER (w PARTITION BY x) FROM generate_series(1, 3) x WINDOW w AS (ORDER BY x)",
     psycopg.errors.WindowingError),
    ("SELECT sum(x) OVER (GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM generate_series(1, 3) x",
     psycopg.errors.WindowingError),
    ("SELECT sum(x) OVER (RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM generate_series(1, 3) x",
     psycopg.errors.WindowingError),
    ("SELECT count(*) OVER (ORDER BY t RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM (VALUES ('a')) v(t)",
     psycopg.errors.FeatureNotSupported),
    ("SELECT count(DISTINCT x) OVER () FROM generate_series(1, 3) x", psycopg.errors.FeatureNotSupported),
])
def test_window_definition_errors(dbconn: psycopg.Connection, sql: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        dbconn.execute(sql)
    assert one(dbconn, "SELECT 1") == (1,)  # the connection stays usable


def test_window_copy_without_parentheses_keeps_the_frame(dbconn: psycopg.Connection) -> None:
    rows = dbconn.execute("SELECT sum(x) OVER w FROM generate_series(1, 3) x "
                          "WINDOW w AS (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)").fetchall()
    assert [r[0] for r in rows] == [1, 3, 5]


def test_window_function_not_allowed_in_update(dbconn: psycopg.Connection) -> None:
    dbconn.execute("CREATE TABLE t (a int, r int)")
    with pytest.raises(psycopg.errors.WindowingError):
        dbconn.execute("UPDATE t SET r = row_number() OVER ()")


def test_range_frame_with_interval_offset_over_dates(dbconn: psycopg.Connection) -> None:
    rows = dbconn.execute(
        "SELECT d::text, count(*) OVER (ORDER BY d RANGE BETWEEN interval '2 days' PRECEDING AND CURRENT ROW) "
        "FROM (VALUES (date '2024-01-01'), (date '2024-01-02'), (date '2024-01-04'), (date '2024-01-07')) v(d) "
        "ORDER BY d").fetchall()
    assert rows == [("2024-01-01", 1), ("2024-01-02", 2), ("2024-01-04", 2), ("2024-01-07", 1)]
