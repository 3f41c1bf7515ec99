"""What client drivers' catalog queries need from the SQL layer (no sockets): set-returning functions
with several columns in the select list give a record whose fields can be selected (PostgreSQL's
blessed record types), information_schema._pg_expandarray (JDBC getPrimaryKeys), the join order of
long comma-separated FROM lists (JDBC getImportedKeys) and the object fields of integrity errors.
Expected results were checked against PostgreSQL 15."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from sql.anon_records import bless, record_columns
from sql.dialect import parse_expression
from sql.error_objects import name_schema
from sql.errors import SqlError
from sql.executor.filter import Filter
from sql.executor.join import HashJoin
from sql.plan_join_order import comma_join_order
from tests.sql.sessions import finish, session_fixture
from tests.sql.sessions import run_values as run
from tests.sql.test_planner import plan_nodes, prepare

session = session_fixture("session", itertools.count(7101))


def error_of(session: Any, sql: str) -> SqlError:
    try:
        for res in session.execute_simple(sql):
            if res.wait is not None:
                res.wait.result()
            if res.rows is not None:
                list(res.rows)
    except SqlError as e:
        name_schema(e, session.catalog())
        session.on_error()
        finish(session)
        return e
    raise AssertionError(f"no error from {sql}")


def test_blessed_record_typmods_are_interned() -> None:
    a = bless([("key", 25), ("value", 114)])
    assert bless([("key", 25), ("value", 114)]) == a
    assert record_columns(a) == (("key", 25), ("value", 114))
    assert bless([("key", 25), ("value", 25)]) != a
    assert record_columns(-1) is None


def test_select_list_srf_with_several_columns_is_a_record(session: Any) -> None:
    assert run(session, """SELECT json_each('{"a":1,"b":2}'::json)::text""") == [("(a,1)",), ("(b,2)",)]
    assert run(session, """SELECT (json_each('{"a":1}'::json)).key""") == [("a",)]
    assert run(session, """SELECT x::text, (x).value::text FROM (SELECT json_each('{"a":1,"b":2}'::json) x) s
                           ORDER BY 1""") == [("(a,1)", "1"), ("(b,2)", "2")]
    with pytest.raises(SqlError, match='could not identify column "nope" in record data type'):
        run(session, """SELECT (json_each('{"a":1}'::json)).nope""")


def test_pg_expandarray(session: Any) -> None:
    assert run(session, "SELECT * FROM information_schema._pg_expandarray(ARRAY['a','b'])") == [("a", 1), ("b", 2)]
    assert run(session, "SELECT (information_schema._pg_expandarray(ARRAY[5,6])).n") == [(1,), (2,)]
    assert run(session, "SELECT (information_schema._pg_expandarray(ARRAY[5,6])).x") == [(5,), (6,)]


def test_jdbc_get_primary_keys_query(session: Any) -> None:
    run(session, "CREATE TABLE jd (a int, b text, c int, PRIMARY KEY (c, a))")
    rows = run(session, """
        SELECT result.TABLE_CAT, result.TABLE_SCHEM, result.TABLE_NAME, result.COLUMN_NAME, result.KEY_SEQ,
               result.PK_NAME
        FROM (SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM, ct.relname AS TABLE_NAME,
                     a.attname AS COLUMN_NAME, (information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ,
                     ci.relname AS PK_NAME, information_schema._pg_expandarray(i.indkey) AS KEYS,
                     a.attnum AS A_ATTNUM
              FROM pg_catalog.pg_class ct JOIN pg_catalog.pg_attribute a ON (ct.oid = a.attrelid)
                   JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid)
                   JOIN pg_catalog.pg_index i ON (a.attrelid = i.indrelid)
                   JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid)
              WHERE true AND n.nspname = E'public' AND ct.relname = E'jd' AND i.indisprimary) result
        WHERE result.A_ATTNUM = (result.KEYS).x
        ORDER BY result.table_name, result.pk_name, result.key_seq""")
    assert rows == [(None, "public", "jd", "c", 1, "jd_pkey"), (None, "public", "jd", "a", 2, "jd_pkey")]


def _order(sql: str) -> list[str]:
    tree = parse_expression(sql)
    from_ = tree.args.get("from_") or tree.args.get("from")
    where = tree.args.get("where")
    from sql.plan_from import _split_conjuncts

    items, joins, _ = comma_join_order(tree, [from_.this], list(tree.args.get("joins") or []),
                                       _split_conjuncts(where.this if where is not None else None))
    return [n.alias_or_name for n in items + [j.this for j in joins]]


def test_comma_join_order_starts_with_the_filtered_item_and_follows_equalities() -> None:
    assert _order("SELECT a.x FROM a, b, c WHERE c.k = 1 AND b.id = c.bid AND a.id = b.aid") == ["c", "b", "a"]
    # unlinked items keep their place after the linked ones
    assert _order("SELECT a.x FROM a, b, c, d WHERE d.k = 1 AND a.id = d.aid") == ["d", "a", "b", "c"]
    # no reordering: two items, an unqualified *, or a join with a condition
    assert _order("SELECT a.x FROM a, b WHERE b.k = 1 AND a.id = b.aid") == ["a", "b"]
    assert _order("SELECT * FROM a, b, c WHERE c.k = 1 AND b.id = c.bid AND a.id = b.aid") == ["a", "b", "c"]
    assert _order("SELECT a.x FROM a JOIN b ON a.id = b.aid, c WHERE c.k = 1") == ["a", "b", "c"]


def test_long_comma_join_filters_items_and_hash_joins(session: Any) -> None:
    run(session, "CREATE TABLE p (id int PRIMARY KEY, name text)")
    run(session, "CREATE TABLE q (id int PRIMARY KEY, pid int, tag text)")
    run(session, "CREATE TABLE r (id int PRIMARY KEY, qid int)")
    run(session, "INSERT INTO p SELECT g, 'p' || g FROM generate_series(1, 50) g")
    run(session, "INSERT INTO q SELECT g, g % 50 + 1, CASE WHEN g = 7 THEN 'x' ELSE 'y' END "
                 "FROM generate_series(1, 50) g")
    run(session, "INSERT INTO r SELECT g, g % 50 + 1 FROM generate_series(1, 50) g")
    sql = "SELECT p.name, q.id, r.id FROM p, r, q WHERE q.tag = 'x' AND q.pid = p.id AND r.qid = q.id ORDER BY 3"
    assert run(session, sql) == [("p8", 7, 6)]
    nodes = plan_nodes(prepare(session, sql).plan)
    assert sum(isinstance(n, HashJoin) for n in nodes) == 2
    assert any(isinstance(n, Filter) for n in nodes)


@pytest.mark.parametrize(("setup", "sql", "fields"), [
    ("CREATE TABLE d (id int PRIMARY KEY, v int NOT NULL CHECK (v > 0)); INSERT INTO d VALUES (1, 1)",
     "INSERT INTO d VALUES (1, 2)", {"s": "public", "t": "d", "n": "d_pkey"}),
    ("CREATE TABLE d (id int PRIMARY KEY, v int NOT NULL CHECK (v > 0))",
     "INSERT INTO d VALUES (1, NULL)", {"s": "public", "t": "d", "c": "v"}),
    ("CREATE TABLE d (id int PRIMARY KEY, v int NOT NULL CHECK (v > 0))",
     "INSERT INTO d VALUES (1, -1)", {"s": "public", "t": "d", "n": "d_v_check"}),
    ("CREATE SCHEMA s2; CREATE TABLE s2.d (id int PRIMARY KEY); CREATE TABLE s2.e (d int REFERENCES s2.d)",
     "INSERT INTO s2.e VALUES (5)", {"s": "s2", "t": "e", "n": "e_d_fkey"}),
    ("CREATE TABLE d (id int PRIMARY KEY); CREATE TABLE e (d int REFERENCES d); INSERT INTO d VALUES (1); "
     "INSERT INTO e VALUES (1)", "DELETE FROM d", {"s": "public", "t": "e", "n": "e_d_fkey"}),
    ("CREATE TABLE d (id int, v int); INSERT INTO d VALUES (1, NULL)",
     "ALTER TABLE d ALTER COLUMN v SET NOT NULL", {"s": "public", "t": "d", "c": "v"}),
])
def test_integrity_errors_name_their_objects(session: Any, setup: str, sql: str, fields: dict[str, str]) -> None:
    run(session, setup)
    assert error_of(session, sql).object_fields == fields


def test_other_errors_name_no_object(session: Any) -> None:
    assert error_of(session, "SELECT 1/0").object_fields is None


def test_void_parameters_are_no_function_arguments(session: Any) -> None:
    """JDBC's {? = call f(?)} becomes select * from f($1, $2) as result, $1 (the OUT parameter) void."""
    from sql import typesys as T
    from tests.sql.test_planner import execute_prepared

    run(session, "CREATE FUNCTION plus1(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 1'")
    p = prepare(session, "select * from plus1($1, $2) as result", [T.VOID, T.INT4])
    assert [c.name for c in p.columns] == ["result"]
    session.parse("call_plus1", "select * from plus1($1, $2) as result", [T.VOID, T.INT4])
    assert execute_prepared(session, "call_plus1", [None, 41]) == [(42,)]
