"""Arrays, JSON, SQL/JSON path and row values through psycopg; expectations recorded from
PostgreSQL 15 (SQL/JSON path functions and operators, jsonb subscripts, array slices and lower
bounds, VARIADIC, LIKE ANY/ALL, whole-row references in JSON functions, json(b)_to_record(set))."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

ROWS: list[tuple[str, list[list[Any]]]] = [
    ('SELECT jsonb_path_query_array(\'{"a": [1, 2, 3, 4]}\', \'$.a[*] ? (@ > 2)\')::text',
     [['[3, 4]']]),
    ('SELECT jsonb_path_exists(\'{"a": [1, 5, 9]}\', \'$.a[*] ? (@ > 8)\'), '
     'jsonb_path_match(\'{"a": 3}\', \'$.a > 2\')',
     [[True, True]]),
    ('SELECT \'{"a": [1, 2]}\'::jsonb @? \'$.a[*] ? (@ == 2)\', \'{"a": 3}\'::jsonb @@ \'$.a == 3\'',
     [[True, True]]),
    ('SELECT jsonb_path_query_array(\'[1, 2, 3, 4]\', \'$[*] ? (@ >= $min)\', \'{"min": 3}\')::text',
     [['[3, 4]']]),
    ('SELECT jsonb_path_query_first(\'{"a": [7, 8]}\', \'$.a[last]\')::text',
     [['8']]),
    ('SELECT v::text FROM jsonb_path_query(\'{"a": {"b": [1, {"c": 2}]}}\', \'lax $.**.c\') v',
     [['2'], ['2']]),
    ('SELECT jsonb_path_query_array(\'{"x": 10}\', \'$.x / 4\')::text, '
     "jsonb_path_query_array('[1.7, -1.2]', '$.floor()')::text",
     [['[2.5000000000000000]', '[1, -2]']]),
    ('SELECT jsonb_path_exists(\'{"a": 1}\', \'strict $.b\', silent => true) IS NULL',
     [[True]]),
    ('SELECT (\'{"a": {"b": 5}}\'::jsonb)[\'a\'][\'b\']::text, (\'[1, 2, '
     '3]\'::jsonb)[1]::text, (\'{"a": 1}\'::jsonb)[\'zz\'] IS NULL',
     [['5', '2', True]]),
    ('SELECT (ARRAY[1, 2, 3])[0] IS NULL, (ARRAY[[1, 2], [3, 4]])[2][1], (ARRAY[[1, 2], [3, 4]])[2] IS NULL',
     [[True, 3, True]]),
    ('SELECT (ARRAY[1, 2, 3, 4, 5])[2:3]::text, (ARRAY[1, 2, 3, 4, 5])[4:]::text, '
     '(ARRAY[[1, 2], [3, 4]])[1:2][2:2]::text',
     [['{2,3}', '{4,5}', '{{2},{4}}']]),
    ("SELECT '[0:2]={a,b,c}'::text[]::text, ('[0:2]={a,b,c}'::text[])[0], "
     "array_lower('[0:2]={a,b,c}'::text[], 1), array_upper('[0:2]={a,b,c}'::text[], 1)",
     [['[0:2]={a,b,c}', 'a', 0, 2]]),
    ("SELECT array_fill('x'::text, ARRAY[3], ARRAY[0])::text, array_dims(array_fill(1, ARRAY[2, 2], ARRAY[0, 5]))",
     [['[0:2]={x,x,x}', '[0:1][5:6]']]),
    ('SELECT array_cat(ARRAY[1.5], ARRAY[2])::text, pg_typeof(array_cat(ARRAY[1.5], ARRAY[2]))::text',
     [['{1.5,2}', 'numeric[]']]),
    ('SELECT ARRAY[]::int[]::text',
     [['{}']]),
    ("SELECT 'abc' LIKE ANY (ARRAY['x%', 'a%']), 'abc' LIKE ALL (ARRAY['a%', '%c']), 'abc' NOT LIKE ANY ('{a%,x%}')",
     [[True, True, True]]),
    ("SELECT format('%s-%s', VARIADIC ARRAY['x', 'y']), "
     'num_nulls(VARIADIC ARRAY[NULL, 1]), num_nulls(VARIADIC NULL::int[]) IS NULL',
     [['x-y', 1, True]]),
    ("SELECT row_to_json(ROW(1, 'a'))::text, to_jsonb(r)::text FROM (SELECT 1 AS id, 'x' AS name) r",
     [['{"f1":1,"f2":"a"}', '{"id": 1, "name": "x"}']]),
    ("SELECT json_agg(r ORDER BY r.id)::text FROM (VALUES (1, 'a'), (2, NULL)) r(id, v)",
     [['[{"id":1,"v":"a"}, \n {"id":2,"v":null}]']]),
    ("SELECT array_to_json(ARRAY[[1, 2], [3, 4]])::text, to_jsonb(ARRAY['a', NULL])::text",
     [['[[1,2],[3,4]]', '["a", null]']]),
    ('SELECT e, e IS NULL FROM jsonb_array_elements_text(\'["a", null, 1]\') e',
     [['a', False], [None, True], ['1', False]]),
    ('SELECT * FROM jsonb_to_record(\'{"a": 1, "b": "x", "c": [1, 2], '
     '"extra": 5}\') AS r(a int, b text, c int[], missing text)',
     [[1, 'x', [1, 2], None]]),
    ('SELECT a, b FROM jsonb_to_recordset(\'[{"a": 1, "b": "x"}, {"a": 2}]\') AS r(a int, b text) ORDER BY a',
     [[1, 'x'], [2, None]]),
    ('SELECT a, j::text FROM json_to_record(\'{"a": {"b":1}, "j": [1,  2]}\') AS r(a text, j json)',
     [['{"b":1}', '[1,  2]']]),
    ('SELECT \'{"a": 1, "b": 2}\'::jsonb - \'a\', \'{"a": {"b": 1, "c": 2}}\'::jsonb #- \'{a,b}\'',
     [[{'b': 2}, {'a': {'c': 2}}]]),
]

ERRORS: list[tuple[str, str]] = [
    ("SELECT jsonb_path_query('{}', '$$$')", '42601'),
    ('SELECT jsonb_path_query(\'{"a": 1}\', \'strict $.b\')', '2203A'),
    ("SELECT jsonb_path_match('1', '$')", '22038'),
    ("SELECT jsonb_path_query('1', '$ ? (@ > $x)')", '42704'),
    ('SELECT ARRAY[]', '42P18'),
    ('SELECT ARRAY[[1, 2], [3]]', '2202E'),
    ('SELECT array_agg(a) FROM (VALUES (ARRAY[1, 2]), (ARRAY[3])) v(a)', '2202E'),
    ("SELECT '{}'::json UNION SELECT '{}'::json", '42883'),
    ("SELECT * FROM jsonb_to_record('{}')", '42601'),
    ("SELECT * FROM jsonb_to_recordset('[1]') AS r(a text)", '22023'),
]


@pytest.mark.parametrize(("sql", "expected"), ROWS)
def test_query_results(conn: psycopg.Connection, sql: str, expected: list[list[Any]]) -> None:
    assert [list(r) for r in conn.execute(sql).fetchall()] == expected


@pytest.mark.parametrize(("sql", "sqlstate"), ERRORS)
def test_errors(conn: psycopg.Connection, sql: str, sqlstate: str) -> None:
    with pytest.raises(psycopg.Error) as ei:
        conn.execute(sql).fetchall()
    assert ei.value.sqlstate == sqlstate


def test_whole_row_of_a_table(conn: psycopg.Connection, db: str, server: Any) -> None:
    with server.connect(dbname=db) as c:
        c.execute("CREATE TABLE t (id int, name text)")
        c.execute("INSERT INTO t VALUES (1, 'x'), (2, NULL)")
        assert c.execute("SELECT row_to_json(t)::text FROM t ORDER BY id").fetchall() == [
            ('{"id":1,"name":"x"}',), ('{"id":2,"name":null}',)]
        assert c.execute("SELECT jsonb_agg(t ORDER BY id)::text FROM t").fetchone() == (
            '[{"id": 1, "name": "x"}, {"id": 2, "name": null}]',)
        # a lateral json(b)_to_record over a column
        c.execute("CREATE TABLE docs (j jsonb)")
        c.execute("""INSERT INTO docs VALUES ('{"a": 1, "b": [1, 2]}'), ('{"a": 2}')""")
        assert c.execute("SELECT r.a, r.b FROM docs, jsonb_to_record(docs.j) AS r(a int, b int[]) "
                         "ORDER BY r.a").fetchall() == [(1, [1, 2]), (2, None)]
        assert c.execute("SELECT count(*) FROM docs WHERE j @? '$.b[*] ? (@ > 1)'").fetchone() == (1,)


def test_update_subscripted_targets(server: Any, db: str) -> None:
    with server.connect(dbname=db) as c:
        c.execute("CREATE TABLE ta (id int, a int[], j jsonb)")
        c.execute("""INSERT INTO ta VALUES (1, '{1,2}', '{"a": 1}'), (2, NULL, NULL), (3, '{{1,2},{3,4}}', '[1,2]')""")
        c.execute("""UPDATE ta SET a[2] = 5, j['b'] = '"new"' WHERE id = 1""")
        c.execute("UPDATE ta SET a[3] = 7, j['x'] = '1' WHERE id = 2")
        c.execute("""UPDATE ta SET a[2][1] = 9, j[1] = '"z"' WHERE id = 3""")
        c.execute("UPDATE ta SET a[5] = 1 WHERE id = 1")
        c.execute("UPDATE ta SET a[0] = 0 WHERE id = 2")  # lower bounds survive storage
        assert c.execute("SELECT id, a::text, j::text FROM ta ORDER BY id").fetchall() == [
            (1, "{1,5,NULL,NULL,1}", '{"a": 1, "b": "new"}'),
            (2, "[0:3]={0,NULL,NULL,7}", '{"x": 1}'),
            (3, "{{1,2},{9,4}}", '[1, "z"]'),
        ]


def test_jsonpath_type(server: Any, db: str) -> None:
    with server.connect(dbname=db) as c:
        assert c.execute("SELECT '$.a ? (@ > 2)'::jsonpath::text, pg_typeof('$'::jsonpath)::text").fetchone() == (
            '$."a"?(@ > 2)', "jsonpath")
        c.execute("CREATE TABLE jp (p jsonpath)")
        c.execute("INSERT INTO jp VALUES ('strict $.a[*]')")
        assert c.execute("""SELECT p::text, jsonb_path_query_array('{"a": [1, 2]}', p)::text FROM jp""").fetchone() \
            == ('strict $."a"[*]', "[1, 2]")
        with pytest.raises(psycopg.Error) as ei:
            c.execute("SELECT '$.a +'::jsonpath")
        assert ei.value.sqlstate == "42601"
