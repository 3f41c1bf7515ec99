"""Unit tests for behaviour the SQL feature tests (tests/e2e/test_sql_features_*.py) found missing:
the json ``->`` operator inside function arguments (not a lambda), CUBE/ROLLUP over any expression,
date + time and date - timestamp, CURRENT_TIME, DISTINCT aggregates fed in sorted order, min/max of
enums, FOREIGN KEY ... ON DELETE SET DEFAULT re-checking the default, SELECT from a sequence,
column defaults depending on their sequence, and INSERT ... SELECT of unknown-typed literals.
Expected values were recorded from PostgreSQL 15."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import sqlglot
from sqlglot import exp

from sql.dialect import PgDialect
from tests.sql.sessions import run_values as run
from tests.sql.sessions import session_fixture
from tests.sql.sessions import sql_error_code as code

session = session_fixture("session", 4545)


# parsing ------------------------------------------------------------------------------------------
def test_arrow_in_function_arguments_is_the_json_operator() -> None:
    call = sqlglot.parse_one("SELECT jsonb_typeof(d -> 'n') FROM t", read=PgDialect).selects[0]
    assert not list(call.find_all(exp.Lambda))
    agg = sqlglot.parse_one("SELECT jsonb_agg(d -> 'n' ORDER BY id) FROM t", read=PgDialect).selects[0]
    assert not list(agg.find_all(exp.Lambda))
    named = sqlglot.parse_one("SELECT make_interval(days => 3)", read=PgDialect).selects[0]
    assert list(named.find_all(exp.Kwarg))  # => stays a named argument


def test_cube_and_rollup_take_any_expression() -> None:
    tree = sqlglot.parse_one("SELECT 1 FROM t GROUP BY CUBE (a, b > 1), ROLLUP (a + 1 = 2)", read=PgDialect)
    cube = tree.find(exp.Cube)
    assert cube is not None and isinstance(cube.expressions[1], exp.GT)
    rollup = tree.find(exp.Rollup)
    assert rollup is not None and isinstance(rollup.expressions[0], exp.EQ)


def test_json_arrow_on_a_column_inside_aggregates(session: Any) -> None:
    run(session, "CREATE TABLE docs (id int, d jsonb)")
    run(session, "INSERT INTO docs VALUES (1, '{\"n\": 3}'), (2, '{\"n\": 1}'), (3, '{}')")
    rows = run(session, "SELECT jsonb_agg(d -> 'n' ORDER BY id)::text, count(d -> 'n'), "
                        "string_agg(jsonb_typeof(d -> 'n'), ',') FROM docs")
    assert rows == [("[3, 1, null]", 2, "number,number")]


def test_rollup_of_a_comparison(session: Any) -> None:
    rows = run(session, "SELECT grp, count(*) FROM (VALUES (1, 'a'), (2, 'b'), (3, 'a')) t(n, grp) "
                        "GROUP BY ROLLUP (grp, n > 1) ORDER BY 1, 2")
    assert rows == [("a", 1), ("a", 1), ("a", 2), ("b", 1), ("b", 1), (None, 3)]


# date/time ----------------------------------------------------------------------------------------
def test_date_plus_time_and_date_minus_timestamp(session: Any) -> None:
    assert run(session, "SELECT date '2024-01-31' + time '23:59:59.5', time '01:00' + date '2024-01-31', "
                        "pg_typeof(date '2024-01-31' + time '1:00')::text") == [
        (dt.datetime(2024, 1, 31, 23, 59, 59, 500000), dt.datetime(2024, 1, 31, 1, 0),
         "timestamp without time zone")]
    (row,) = run(session, "SELECT (timestamp '2024-01-02 06:00' - date '2024-01-01')::text, "
                          "(date '2024-01-01' - timestamp '2024-01-02')::text")
    assert row == ("1 day 06:00:00", "-1 days")


def test_current_time_is_time_with_time_zone(session: Any) -> None:
    assert run(session, "SELECT pg_typeof(current_time)::text, pg_typeof(current_time(2))::text, "
                        "current_time IS NOT NULL") == [("time with time zone", "time with time zone", True)]


# aggregates ---------------------------------------------------------------------------------------
def test_distinct_aggregates_see_their_input_sorted(session: Any) -> None:
    assert run(session, "SELECT string_agg(DISTINCT x, ',') FROM (VALUES ('b'), ('a'), ('c'), ('a')) t(x)") == [
        ("a,b,c",)]
    assert run(session, "SELECT array_agg(DISTINCT x)::text, count(DISTINCT x), sum(DISTINCT x) "
                        "FROM (VALUES (3), (NULL), (1), (3)) t(x)") == [("{1,3,NULL}", 2, 4)]
    assert run(session, "SELECT count(*), count(DISTINCT (a, b)) "
                        "FROM (VALUES (1, 1), (1, 1), (1, 2), (NULL, 1)) v(a, b)") == [(4, 3)]


def test_min_max_of_an_enum(session: Any) -> None:
    run(session, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')")
    assert run(session, "SELECT min(m)::text, max(m)::text, pg_typeof(max(m))::text "
                        "FROM (VALUES ('ok'::mood), ('happy'), ('sad')) t(m)") == [("sad", "happy", "mood")]


# constraints and sequences ------------------------------------------------------------------------
def test_on_delete_set_default_fails_when_the_default_is_the_deleted_key(session: Any) -> None:
    run(session, "CREATE TABLE parent (id int PRIMARY KEY)")
    run(session, "INSERT INTO parent VALUES (3), (4)")
    run(session, "CREATE TABLE child (id int, pid int DEFAULT 3 REFERENCES parent ON DELETE SET DEFAULT)")
    run(session, "INSERT INTO child VALUES (1, 4)")
    run(session, "DELETE FROM parent WHERE id = 4")
    assert run(session, "SELECT pid FROM child") == [(3,)]
    assert code(session, "DELETE FROM parent WHERE id = 3") == "23503"
    assert run(session, "SELECT id FROM parent") == [(3,)]


def test_select_from_a_sequence(session: Any) -> None:
    run(session, "CREATE SEQUENCE sq")
    assert run(session, "SELECT last_value, log_cnt, is_called FROM sq") == [(1, 0, False)]
    run(session, "SELECT nextval('sq'), nextval('sq')")
    assert run(session, "SELECT s.last_value, s.is_called FROM sq AS s") == [(2, True)]
    run(session, "SELECT setval('sq', 10, false)")
    assert run(session, "SELECT * FROM sq") == [(10, 0, False)]


def test_a_default_depends_on_its_sequence(session: Any) -> None:
    run(session, "CREATE SEQUENCE sq")
    run(session, "CREATE TABLE t (id int DEFAULT nextval('sq'), v text DEFAULT 'a')")
    run(session, "CREATE TABLE s (id serial)")
    assert code(session, "DROP SEQUENCE sq") == "2BP01"
    assert code(session, "DROP SEQUENCE s_id_seq") == "2BP01"
    run(session, "DROP SEQUENCE sq CASCADE")
    assert run(session, "SELECT column_name, column_default FROM information_schema.columns "
                        "WHERE table_name = 't' ORDER BY ordinal_position") == [("id", None), ("v", "'a'::text")]
    run(session, "INSERT INTO t (v) VALUES ('x')")
    assert run(session, "SELECT id, v FROM t") == [(None, "x")]
    run(session, "DROP TABLE s")  # its owned sequence goes with it


# INSERT ... SELECT --------------------------------------------------------------------------------
def test_insert_select_of_unknown_literals_converts_to_the_column_type(session: Any) -> None:
    run(session, "CREATE TABLE dst (id int, d date, n numeric(4,1), v varchar(2))")
    run(session, "INSERT INTO dst SELECT '6', '2024-01-01', '1.25', 'ab'")
    run(session, "INSERT INTO dst (id, d) SELECT '8' AS x, '2024-02-02' FROM generate_series(1, 2)")
    assert run(session, "SELECT * FROM dst ORDER BY id") == [
        (6, dt.date(2024, 1, 1), Decimal("1.3"), "ab"), (8, dt.date(2024, 2, 2), None, None),
        (8, dt.date(2024, 2, 2), None, None)]
    assert code(session, "INSERT INTO dst (id) SELECT 'abc'") == "22P02"
    assert code(session, "INSERT INTO dst (v) SELECT 'abc'") == "22001"
    # a literal below a set operation or a subquery is text by then, as in PostgreSQL
    assert code(session, "INSERT INTO dst (id) SELECT '5' UNION ALL SELECT '6'") == "42804"
    assert code(session, "INSERT INTO dst (id) SELECT * FROM (SELECT '7') s") == "42804"


# second round --------------------------------------------------------------------------------------
def test_prefix_abs_operator_binds_looser_than_plus() -> None:
    tree = sqlglot.parse_one("SELECT @ -5 + 1", read=PgDialect).selects[0]
    assert isinstance(tree, exp.Anonymous) and tree.name == "abs" and isinstance(tree.expressions[0], exp.Add)


def test_prefix_abs_operator_values(session: Any) -> None:
    assert run(session, "SELECT @ 5, @ -5 + 1, @ -2 * 3, - @ -3, pg_typeof(@ -5.5)::text") == [
        (5, 4, 6, -3, "numeric")]


def test_non_integer_array_subscripts_round(session: Any) -> None:
    assert run(session, "SELECT ('{1,2,3}'::int[])[1.6], ('{1,2,3}'::int[])[1.4], "
                        "('{1,2,3}'::int[])[1.5:2.6]") == [(2, 1, [2, 3])]


def test_text_array_to_enum_array(session: Any) -> None:
    run(session, "CREATE TYPE color AS ENUM ('red', 'lime')")
    assert run(session, "SELECT ARRAY['red', 'lime']::color[]::text, ARRAY['red'::color]::text[]") == [
        ("{red,lime}", ["red"])]
    assert code(session, "SELECT ARRAY['blue']::color[]") == "22P02"


def test_views_follow_renamed_tables_and_schemas(session: Any) -> None:
    run(session, "CREATE TABLE a (x int)")
    run(session, "INSERT INTO a VALUES (1)")
    run(session, "CREATE VIEW va AS SELECT x FROM a")
    run(session, "CREATE VIEW vb AS WITH a AS (SELECT 5 AS x) SELECT a.x FROM a UNION ALL SELECT x FROM public.a")
    run(session, "ALTER TABLE a RENAME TO b")
    assert run(session, "SELECT * FROM va") == [(1,)]
    assert run(session, "SELECT * FROM vb") == [(5,), (1,)]  # the CTE named a is left alone
    run(session, "CREATE SCHEMA app")
    run(session, "ALTER TABLE b SET SCHEMA app")
    run(session, "ALTER SCHEMA app RENAME TO app2")
    assert run(session, "SELECT * FROM va UNION ALL SELECT * FROM vb ORDER BY 1") == [(1,), (1,), (5,)]
    assert run(session, "SELECT * FROM app2.b") == [(1,)]
    assert code(session, "SELECT * FROM app.b") == "42P01"


def test_alter_schema_errors(session: Any) -> None:
    run(session, "CREATE SCHEMA s1")
    run(session, "CREATE SCHEMA s2")
    assert code(session, "ALTER SCHEMA s1 RENAME TO s2") == "42P06"
    assert code(session, "ALTER SCHEMA s1 RENAME TO pg_x") == "42939"
    assert code(session, "ALTER SCHEMA nosuch RENAME TO x") == "3F000"
    assert code(session, "ALTER SCHEMA s1 OWNER TO nosuch") == "42704"
    run(session, "ALTER SCHEMA s1 OWNER TO postgres")


@pytest.mark.parametrize(("style", "want"), [
    ("postgres", ("1 year 2 mons -3 days +04:05:06.5", "-1 days -02:00:00.25", "00:00:00")),
    ("postgres_verbose", ("@ 1 year 2 mons -3 days 4 hours 5 mins 6.5 secs", "@ 1 day 2 hours 0.25 secs ago", "@ 0")),
    ("sql_standard", ("+1-2 -3 +4:05:06.5", "-1 2:00:00.25", "0")),
    ("iso_8601", ("P1Y2M-3DT4H5M6.5S", "P-1DT-2H-0.25S", "PT0S")),
])
def test_interval_styles(session: Any, style: str, want: tuple[str, ...]) -> None:
    run(session, f"SET IntervalStyle = {style}")
    rows = run(session, "SELECT interval '1 year 2 mons -3 days +04:05:06.5', interval '-1 day -02:00:00.25', "
                        "interval '0'")
    out = session.text_output(1186)
    assert tuple(out(v) for v in rows[0]) == want


def test_lower_uses_simple_case_mappings(session: Any) -> None:
    assert run(session, "SELECT lower('İSTANBUL'), upper('ß')") == [("istanbul", "ß")]


def test_views_follow_renamed_columns(session: Any) -> None:
    run(session, "CREATE TABLE a (x int, y text)")
    run(session, "INSERT INTO a VALUES (1, 'p'), (2, 'q')")
    run(session, "CREATE VIEW v1 (n, label) AS SELECT x, y FROM a ORDER BY x DESC LIMIT 1")
    run(session, "CREATE VIEW v2 AS SELECT a.y, t.y AS ty FROM a JOIN (SELECT 'p' AS y) t ON t.y = a.y")
    run(session, "ALTER TABLE a RENAME COLUMN y TO yy")
    assert run(session, "SELECT * FROM v1") == [(2, "q")]
    assert run(session, "SELECT y, ty FROM v2") == [("p", "p")]  # t.y is another relation's column
