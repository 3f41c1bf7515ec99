"""More of issue #3's feature list through psycopg against the real server, probing the corners:
ALTER TABLE details, enum and sequence options, DML corner cases, window and JSON/array functions,
date/time input and output, string and formatting functions. Every expectation was recorded from
PostgreSQL 15; see tests/e2e/scenario_runner.py to re-check them."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from tests.e2e.scenario_runner import Err, Step, run_scenario, scenario_connection

SCENARIOS: dict[str, list[Step]] = {
    'alter_table_more': [
        ('CREATE TABLE t (id int, v text)', 'CREATE TABLE'),
        ("INSERT INTO t VALUES (1, '10'), (2, '20')", 'INSERT 0 2'),
        ('ALTER TABLE t ADD COLUMN n int NOT NULL', Err(sqlstate='23502')),
        ('ALTER TABLE t ADD COLUMN n int NOT NULL DEFAULT 0', 'ALTER TABLE'),
        ('ALTER TABLE t ALTER COLUMN v TYPE int USING v::int', 'ALTER TABLE'),
        ('SELECT id, v + 1, n FROM t ORDER BY id', [('1', '11', '0'), ('2', '21', '0')]),
        ('ALTER TABLE t ALTER COLUMN v TYPE text', 'ALTER TABLE'),
        ('SELECT pg_typeof(v)::text FROM t LIMIT 1', [('text',)]),
        ('ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY (id)', 'ALTER TABLE'),
        ('ALTER TABLE t RENAME CONSTRAINT t_pk TO t_pkey2', 'ALTER TABLE'),
        ("SELECT conname FROM pg_constraint WHERE conrelid = 't'::regclass", [('t_pkey2',)]),
        ("INSERT INTO t VALUES (1, 'x', 1)", Err(sqlstate='23505')),
        ('ALTER TABLE t ADD COLUMN id int', Err(sqlstate='42701')),
        ('ALTER TABLE t RENAME COLUMN nosuch TO x', Err(sqlstate='42703')),
        ('ALTER TABLE t RENAME COLUMN v TO id', Err(sqlstate='42701')),
        ('ALTER TABLE nosuch ADD COLUMN x int', Err(sqlstate='42P01')),
        ("ALTER TABLE t ADD COLUMN c1 int, ADD COLUMN c2 text DEFAULT 'z', DROP COLUMN n", 'ALTER TABLE'),
        ('SELECT * FROM t ORDER BY id', [('1', '10', None, 'z'), ('2', '20', None, 'z')]),
        ('ALTER TABLE t ALTER COLUMN c1 SET DATA TYPE bigint, ALTER COLUMN c2 SET NOT NULL', 'ALTER TABLE'),
        ('SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE '
         "table_name = 't' ORDER BY ordinal_position",
         [
          ('id', 'integer', 'NO', None),
          ('v', 'text', 'YES', None),
          ('c1', 'bigint', 'YES', None),
          ('c2', 'text', 'NO', "'z'::text"),
         ]),
        ('CREATE SCHEMA other', 'CREATE SCHEMA'),
        ('ALTER TABLE t SET SCHEMA other', 'ALTER TABLE'),
        ('SELECT count(*) FROM other.t', [('2',)]),
    ],
    'schemas_more': [
        ('CREATE SCHEMA app', 'CREATE SCHEMA'),
        ('CREATE TABLE app.items (id int)', 'CREATE TABLE'),
        ('CREATE VIEW app.v AS SELECT id FROM app.items', 'CREATE VIEW'),
        ('CREATE SEQUENCE app.s', 'CREATE SEQUENCE'),
        ('SET search_path = app', 'SET'),
        ("INSERT INTO items VALUES (nextval('s'))", 'INSERT 0 1'),
        ('SELECT * FROM v', [('1',)]),
        ("SELECT nextval('app.s'), currval('s')", [('2', '2')]),
        ('SET search_path = "$user", public', 'SET'),
        ('SHOW search_path', [('"$user", public',)]),
        ('SELECT * FROM items', Err(sqlstate='42P01')),
        ('SELECT current_schemas(false)', [('{public}',)]),
        ('SET search_path = nosuch, app', 'SET'),
        ('SELECT current_schema(), count(*) FROM items', [('app', '1')]),
        ('CREATE TABLE made (x int)', 'CREATE TABLE'),
        ('RESET search_path', 'RESET'),
        ("SELECT schemaname, tablename FROM pg_tables WHERE tablename IN ('items', 'made') ORDER BY 2",
         [('app', 'items'), ('app', 'made')]),
        ('ALTER SCHEMA app RENAME TO app2', 'ALTER SCHEMA'),
        ('SELECT * FROM app2.v', [('1',)]),
        ('DROP SCHEMA app2 CASCADE', 'DROP SCHEMA'),
        ('DROP SCHEMA IF EXISTS app2', 'DROP SCHEMA'),
        ('CREATE SCHEMA pg_bad', Err(sqlstate='42939')),
    ],
    'enum_and_sequence_options': [
        ("CREATE TYPE color AS ENUM ('red', 'green')", 'CREATE TYPE'),
        ("ALTER TYPE color RENAME VALUE 'green' TO 'lime'", 'ALTER TYPE'),
        ("ALTER TYPE color ADD VALUE IF NOT EXISTS 'red'", 'ALTER TYPE'),
        ("ALTER TYPE color ADD VALUE 'red'", Err(sqlstate='42710')),
        ("SELECT ARRAY['red', 'lime']::color[], 'red'::color = 'red', 'red'::color::text || '!'",
         [('{red,lime}', 't', 'red!')]),
        ("SELECT 'red'::color < 'blue'", Err(sqlstate='22P02')),
        ("SELECT 'red'::color = 'red'::text", Err(sqlstate='42883')),
        ("CREATE TABLE paint (c color DEFAULT 'red', n int)", 'CREATE TABLE'),
        ('INSERT INTO paint (n) VALUES (1)', 'INSERT 0 1'),
        ("INSERT INTO paint VALUES ('lime', 2)", 'INSERT 0 1'),
        ('SELECT c, count(*) FROM paint GROUP BY c ORDER BY c DESC', [('lime', '1'), ('red', '1')]),
        ("SELECT typname, typtype FROM pg_type WHERE typname = 'color'", [('color', 'e')]),
        ("SELECT enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE typname = 'color' ORDER BY "
         'enumsortorder',
         [('red',), ('lime',)]),
        ('CREATE SEQUENCE small AS smallint START 32766', 'CREATE SEQUENCE'),
        ("SELECT nextval('small'), nextval('small')", [('32766', '32767')]),
        ("SELECT nextval('small')", Err(sqlstate='2200H')),
        ('SELECT sequencename, data_type::text, start_value, increment_by, max_value FROM pg_sequences WHERE '
         "sequencename = 'small'",
         [('small', 'smallint', '32766', '1', '32767')]),
        ('CREATE SEQUENCE IF NOT EXISTS small', 'CREATE SEQUENCE'),
        ('CREATE SEQUENCE bad INCREMENT 0', Err(sqlstate='22023')),
        ('CREATE SEQUENCE bad2 MINVALUE 10 MAXVALUE 5', Err(sqlstate='22023')),
        ("SELECT setval('small', 0)", Err(sqlstate='22003')),
        ('CREATE TABLE own (id int)', 'CREATE TABLE'),
        ('CREATE SEQUENCE owned_s OWNED BY own.id', 'CREATE SEQUENCE'),
        ('DROP TABLE own', 'DROP TABLE'),
        ("SELECT count(*) FROM pg_class WHERE relname = 'owned_s'", [('0',)]),
    ],
    'dml_more': [
        ('CREATE TABLE t (id int PRIMARY KEY, v int, note text)', 'CREATE TABLE'),
        ("INSERT INTO t VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, 'c')", 'INSERT 0 3'),
        ('CREATE TABLE s (id int, v int)', 'CREATE TABLE'),
        ('INSERT INTO s VALUES (1, 100), (1, 200), (2, 300)', 'INSERT 0 3'),
        ('UPDATE t SET v = s.v FROM s WHERE s.id = t.id RETURNING t.id, t.v', [('1', '100'), ('2', '300')]),
        ('UPDATE t SET v = v + 1, note = upper(note) WHERE id IN (SELECT id FROM s) RETURNING *',
         [('1', '101', 'A'), ('2', '301', 'B')]),
        ('UPDATE t SET v = DEFAULT WHERE id = 3 RETURNING v', [(None,)]),
        ('UPDATE t SET id = id + 1', Err(sqlstate='23505')),
        ('UPDATE t SET id = id + 10 RETURNING id', [('11',), ('12',), ('13',)]),
        ('DELETE FROM t USING t AS t2 WHERE t.id = t2.id + 1 RETURNING t.id', [('12',), ('13',)]),
        ('DELETE FROM t WHERE v IS NULL RETURNING id, note', []),
        ('SELECT * FROM t', [('11', '101', 'A')]),
        ("INSERT INTO t VALUES (11, 1, 'x') ON CONFLICT (id) DO UPDATE SET note = t.note || EXCLUDED.note, v = "
         'EXCLUDED.v * 100 RETURNING *',
         [('11', '100', 'Ax')]),
        ('INSERT INTO t SELECT id + 100, v, note FROM t RETURNING id', [('111',)]),
        ('INSERT INTO t (id, v) VALUES (200, 1), (200, 2)', Err(sqlstate='23505')),
        ('SELECT count(*) FROM t', [('2',)]),
        ("WITH ins AS (INSERT INTO t VALUES (300, 3, 'w') RETURNING id) UPDATE t SET v = 0 FROM ins WHERE t.id = "
         'ins.id + 0 RETURNING t.id',
         []),
        ('DELETE FROM t WHERE id = 999', 'DELETE 0'),
        ('UPDATE t SET nosuch = 1', Err(sqlstate='42703')),
        ("UPDATE t SET v = 'abc'", Err(sqlstate='22P02')),
        ('INSERT INTO t (id, v) VALUES (400, 2147483648)', Err(sqlstate='22003')),
    ],
    'window_more': [
        ('CREATE TABLE w (g text, x int, d date)', 'CREATE TABLE'),
        ("INSERT INTO w VALUES ('a', 1, '2024-01-01'), ('a', 3, '2024-01-03'), ('a', 3, '2024-01-04'), ('b', 5, "
         "'2024-01-02'), ('b', NULL, '2024-01-05')",
         'INSERT 0 5'),
        ('SELECT g, x, rank() OVER (PARTITION BY g ORDER BY x NULLS FIRST), lag(x, 1, -1) OVER (PARTITION BY g ORDER '
         'BY d) FROM w ORDER BY g, d',
         [
          ('a', '1', '1', '-1'),
          ('a', '3', '2', '1'),
          ('a', '3', '2', '3'),
          ('b', '5', '2', '-1'),
          ('b', None, '1', '5'),
         ]),
        ('SELECT x, first_value(x) OVER (ORDER BY d DESC), nth_value(x, 3) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED '
         'PRECEDING AND UNBOUNDED FOLLOWING) FROM w ORDER BY d',
         [('1', None, '3'), ('5', None, '3'), ('3', None, '3'), ('3', None, '3'), (None, None, '3')]),
        ("SELECT d, sum(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1 day' PRECEDING AND CURRENT ROW) FROM w ORDER "
         'BY d',
         [('2024-01-01', '1'), ('2024-01-02', '6'), ('2024-01-03', '8'), ('2024-01-04', '6'), ('2024-01-05', '3')]),
        ('SELECT g, count(*) OVER (), count(x) OVER (PARTITION BY g), max(x) OVER (PARTITION BY g) FROM w ORDER BY '
         'g, x NULLS LAST',
         [
          ('a', '5', '3', '3'),
          ('a', '5', '3', '3'),
          ('a', '5', '3', '3'),
          ('b', '5', '1', '5'),
          ('b', '5', '1', '5'),
         ]),
        ("SELECT x, avg(x) OVER (ORDER BY x ROWS 1 PRECEDING), string_agg(g, '') OVER (ORDER BY d) FROM w ORDER BY d",
         [
          ('1', '1.00000000000000000000', 'a'),
          ('5', '4.0000000000000000', 'ab'),
          ('3', '2.0000000000000000', 'aba'),
          ('3', '3.0000000000000000', 'abaa'),
          (None, '5.0000000000000000', 'abaab'),
         ]),
        ('SELECT g, sum(x) OVER w1, array_agg(x) OVER w1 FROM w WINDOW w1 AS (PARTITION BY g ORDER BY d ROWS BETWEEN '
         '1 PRECEDING AND CURRENT ROW) ORDER BY d',
         [('a', '1', '{1}'), ('b', '5', '{5}'), ('a', '4', '{1,3}'), ('a', '6', '{3,3}'), ('b', '5', '{5,NULL}')]),
        ('SELECT * FROM (SELECT g, x, row_number() OVER (PARTITION BY g ORDER BY x DESC NULLS LAST) AS rn FROM w) s '
         'WHERE rn = 1 ORDER BY g',
         [('a', '3', '1'), ('b', '5', '1')]),
        ('SELECT x, ntile(2) OVER (ORDER BY d), percent_rank() OVER (PARTITION BY g ORDER BY x) FROM w ORDER BY d',
         [('1', '1', '0'), ('5', '1', '0'), ('3', '1', '0.5'), ('3', '2', '0.5'), (None, '2', '1')]),
        ('SELECT lead(x, -1) OVER (ORDER BY d), lag(d) OVER (ORDER BY d) FROM w ORDER BY d',
         [(None, None), ('1', '2024-01-01'), ('5', '2024-01-02'), ('3', '2024-01-03'), ('3', '2024-01-04')]),
        ('SELECT sum(x) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM w ORDER BY x',
         [('1',), ('6',), ('6',), ('5',), (None,)]),
        ("SELECT lag(x, -1, 'a') OVER () FROM w", Err(sqlstate='22P02')),
    ],
    'json_more': [
        ('SELECT \'[1, 2, 3]\'::jsonb -> -1, \'[1, 2, 3]\'::jsonb ->> 0, \'{"a": [1, {"b": null}]}\'::jsonb #> '
         '\'{a,1,b}\', \'{"a": 1}\'::json ->> \'a\'',
         [('3', '1', 'null', '1')]),
        ('SELECT \'{"a": 1, "b": 2, "c": 3}\'::jsonb - ARRAY[\'a\', \'c\'], \'["a", "b"]\'::jsonb - \'a\', '
         "jsonb_array_length('[]')",
         [('{"b": 2}', '["b"]', '0')]),
        ('SELECT \'{"a": [1, 2, 3]}\'::jsonb @> \'{"a": [3, 1]}\', \'[[1, 2]]\'::jsonb @> \'[1]\', \'"abc"\'::jsonb '
         '@> \'"abc"\', \'{"a": {"b": 1, "c": 2}}\'::jsonb @> \'{"a": {"c": 2}}\'',
         [('t', 'f', 't', 't')]),
        ('SELECT json_typeof(\'[1]\'), json_array_length(\'[1, 2]\'), json_object_keys(\'{"x": 1, "y": 2}\') ORDER '
         'BY 3',
         [('array', '2', 'x'), ('array', '2', 'y')]),
        ('SELECT to_json(timestamp \'2024-01-02 03:04:05\'), to_jsonb(date \'2024-01-02\'), to_json(\'a"b\'::text), '
         'to_jsonb(1.50::numeric), to_json(ARRAY[1, NULL])',
         [('"2024-01-02T03:04:05"', '"2024-01-02"', '"a\\"b"', '1.50', '[1,null]')]),
        ("SELECT row_to_json(t) FROM (SELECT 1 AS a, 'x' AS b, NULL::int AS c) t", [('{"a":1,"b":"x","c":null}',)]),
        ("SELECT jsonb_build_object('a', 1, 'a', 2), json_build_object('a', 1, 'a', 2), jsonb_object(ARRAY['k', "
         "'v']), json_object('{a,1,b,2}')",
         [('{"a": 2}', '{"a" : 1, "a" : 2}', '{"k": "v"}', '{"a" : "1", "b" : "2"}')]),
        ('SELECT * FROM jsonb_to_record(\'{"a": 1, "b": "x", "c": [1]}\') AS r(a int, b text, c jsonb)',
         [('1', 'x', '[1]')]),
        ('SELECT * FROM json_array_elements_text(\'["a", 1, null]\')', [('a',), ('1',), (None,)]),
        ('SELECT jsonb_set(\'{"a": 1}\', \'{b}\', \'2\'), jsonb_set(\'{"a": 1}\', \'{b,c}\', \'2\'), jsonb_set(\'[1, '
         '2]\', \'{5}\', \'9\'), jsonb_set(\'{"a": 1}\', \'{a}\', \'"z"\', false)',
         [('{"a": 1, "b": 2}', '{"a": 1}', '[1, 2, 9]', '{"a": "z"}')]),
        ('SELECT \'1e3\'::jsonb, \'1.0\'::jsonb, \'-0\'::jsonb, \'"\\u00e9"\'::jsonb, \'{"b": 1, "a": 2, "aa": '
         "3}'::jsonb, '  [1,  2 ]  '::json",
         [('1000', '1.0', '0', '"é"', '{"a": 2, "b": 1, "aa": 3}', '  [1,  2 ]  ')]),
        ('SELECT \'{"a": 1}\'::jsonb = \'{"a": 1.0}\'::jsonb, \'[1, 2]\'::jsonb < \'[1, 3]\'::jsonb, \'{"a": '
         "1}'::jsonb ? 'b' IS FALSE",
         [('t', 't', 't')]),
        ('SELECT \'{"a": 1}\'::json = \'{"a": 1}\'::json', Err(sqlstate='42883')),
        ("SELECT jsonb_agg(x) FILTER (WHERE x > 1), jsonb_object_agg(k, x) FROM (VALUES ('p', 1), ('q', 2)) t(k, x)",
         [('[2]', '{"p": 1, "q": 2}')]),
        ('SELECT jsonb_path_query_array(\'{"a": [1, 2, 3]}\', \'$.a[*] ? (@ > 1)\'), jsonb_strip_nulls(\'[null, '
         '{"a": null}]\')',
         [('[2, 3]', '[null, {}]')]),
        ('SELECT \'{"a": "x"}\'::jsonb ->> \'a\' = \'x\', (\'{"n": 2}\'::jsonb -> \'n\')::numeric * 2, (\'{"t": '
         "true}'::jsonb -> 't')::bool",
         [('t', '4', 't')]),
        ('SELECT (\'{"s": "x"}\'::jsonb -> \'s\')::int', Err(sqlstate='22023')),
    ],
    'arrays_more': [
        ('SELECT (ARRAY[[1, 2], [3, 4]])[2][1], (ARRAY[[1, 2], [3, 4]])[1:1], array_upper(ARRAY[[1, 2], [3, 4]], 2), '
         '(ARRAY[1, 2, 3])[0:1]',
         [('3', '{{1,2}}', '2', '{1}')]),
        ('SELECT ARRAY[1, NULL] || NULL::int, ARRAY[1] || NULL::int[], NULL::int[] || ARRAY[2], ARRAY[[1]] || '
         'ARRAY[2]',
         [('{1,NULL,NULL}', '{1}', '{2}', '{{1},{2}}')]),
        ('SELECT unnest(ARRAY[[1, 2], [3, 4]])', [('1',), ('2',), ('3',), ('4',)]),
        ('SELECT array_agg(a) FROM (VALUES (ARRAY[1, 2]), (ARRAY[3, 4])) t(a)', [('{{1,2},{3,4}}',)]),
        ('SELECT array_agg(a) FROM (VALUES (ARRAY[1, 2]), (ARRAY[3])) t(a)', Err(sqlstate='2202E')),
        ('SELECT \'{{a,b},{c,d}}\'::text[], \'{"a,b", "c\\\\"d", "", " x "}\'::text[], ARRAY[\'NULL\', NULL], '
         "ARRAY[E'a\\\\b']",
         Err(sqlstate='22P02')),
        ("SELECT 3 = ANY (NULL::int[]), 3 = ALL ('{}'::int[]), 3 > ALL (ARRAY[1, NULL]), 0 > ALL (ARRAY[1, NULL]), 2 "
         "= ANY ('{1,2}'::int[])",
         [(None, 't', None, 'f', 't')]),
        ("SELECT array_length('{}'::int[], 1), cardinality('{}'::int[]), array_dims('{}'::int[]), "
         'array_lower(ARRAY[5], 1)',
         [(None, '0', None, '1')]),
        ("SELECT ARRAY[1.5, 2]::int[], ARRAY['2024-01-01']::date[], ARRAY[1, 2]::text[] || 'x', ARRAY[true, "
         'NULL]::text',
         Err(sqlstate='22P02')),
        ("SELECT string_agg(x::text, '-' ORDER BY x) FROM unnest(ARRAY[3, 1, 2]) x", [('1-2-3',)]),
        ('SELECT * FROM unnest(ARRAY[1, 2]) WITH ORDINALITY', [('1', '1'), ('2', '2')]),
        ('SELECT array_remove(ARRAY[NULL, 1, NULL], NULL), array_position(ARRAY[1, NULL], NULL), '
         'array_replace(ARRAY[1, NULL], NULL, 2)',
         [('{1}', '2', '{1,2}')]),
        ('SELECT trim_array(ARRAY[1, 2, 3], 2), array_fill(0, ARRAY[2, 2]), array_cat(ARRAY[[1]], ARRAY[[2]])',
         [('{1}', '{{0,0},{0,0}}', '{{1},{2}}')]),
        ('SELECT ARRAY[1, 2] <@ ARRAY[2, 1, 3], ARRAY[NULL::int] @> ARRAY[NULL::int], ARRAY[1, 2] <> ARRAY[1]',
         [('t', 'f', 't')]),
        ("SELECT (ARRAY[1, 2, 3])['1']", [('1',)]),
        ("SELECT ('{1,2,3}'::int[])[1.6]", [('2',)]),
        ("SELECT ARRAY[1, 'a']", Err(sqlstate='22P02')),
    ],
    'datetime_io_more': [
        ("SELECT '2024-1-5'::date, 'Jan 5 2024'::date, '20240105'::date, '5 January 2024'::date, 'today'::date = "
         'current_date',
         [('2024-01-05', '2024-01-05', '2024-01-05', '2024-01-05', 't')]),
        ("SELECT '2024-01-05 13:14:15.123456789'::timestamp, '2024-01-05T13:14:15Z'::timestamptz, '2024-01-05 "
         "24:00:00'::timestamp",
         [('2024-01-05 13:14:15.123457', '2024-01-05 13:14:15+00', '2024-01-06 00:00:00')]),
        ("SELECT '13:14:15.5'::time(0), '2024-01-05 13:14:15.5'::timestamp(0), '2024-01-05 "
         "13:14:15.55'::timestamptz(1)",
         [('13:14:16', '2024-01-05 13:14:16', '2024-01-05 13:14:15.6+00')]),
        ("SELECT '1 year 2 months 3 days 04:05:06.7'::interval, '-1 year -2 mons'::interval, "
         "'P1Y2M3DT4H5M6S'::interval, '1.5 days'::interval, '100 minutes'::interval",
         [
          (
           '1 year 2 mons 3 days 04:05:06.7',
           '-1 years -2 mons',
           '1 year 2 mons 3 days 04:05:06',
           '1 day 12:00:00',
           '01:40:00',
          ),
         ]),
        ("SELECT interval '1 day' = interval '24 hours', interval '1 month' = interval '30 days', interval '1 month' "
         "> interval '29 days'",
         [('t', 't', 't')]),
        ("SELECT '2024-01-31'::date + interval '1 month' * 2, '2024-02-29'::date - interval '1 year', timestamp "
         "'2024-01-01' + interval '1.5 months'",
         [('2024-03-31 00:00:00', '2023-02-28 00:00:00', '2024-02-16 00:00:00')]),
        ("SELECT extract(epoch FROM interval '1 day 1 second'), extract(century FROM date '2001-01-01'), "
         "extract(millisecond FROM time '01:02:03.456')",
         [('86401.000000', '21', '3456.000')]),
        ("SELECT date_part('dow', timestamptz '2024-01-07 23:00+00'), extract(timezone FROM timestamptz '2024-01-01 "
         "00:00+00'), extract(julian FROM date '2024-01-01')",
         [('0', '0', '2460311')]),
        ("SET TimeZone = 'America/Los_Angeles'", 'SET'),
        ("SELECT timestamptz '2024-07-01 12:00 UTC', timestamptz '2024-01-01 12:00 Europe/Paris', '2024-03-10 "
         "02:30'::timestamptz",
         [('2024-07-01 05:00:00-07', '2024-01-01 03:00:00-08', '2024-03-10 03:30:00-07')]),
        ("SELECT timestamp '2024-07-01 12:00' AT TIME ZONE 'UTC', timestamptz '2024-07-01 12:00+00' AT TIME ZONE "
         "'Asia/Tokyo', now() AT TIME ZONE 'UTC' IS NOT NULL",
         [('2024-07-01 05:00:00-07', '2024-07-01 21:00:00', 't')]),
        ("SELECT date_trunc('day', timestamptz '2024-07-01 05:00+00'), extract(hour FROM timestamptz '2024-07-01 "
         "05:00+00')",
         [('2024-06-30 00:00:00-07', '22')]),
        ("SET TimeZone = 'UTC'", 'SET'),
        ("SET DateStyle = 'ISO, DMY'", 'SET'),
        ("SELECT '05/01/2024'::date", [('2024-01-05',)]),
        ("SET DateStyle = 'SQL, MDY'", 'SET'),
        ("SELECT date '2024-01-05', timestamp '2024-01-05 13:14:15', timestamptz '2024-01-05 13:14:15+00'",
         [('01/05/2024', '01/05/2024 13:14:15', '01/05/2024 13:14:15 UTC')]),
        ("SET DateStyle = 'German'", 'SET'),
        ("SELECT date '2024-01-05', timestamp '2024-01-05 13:14:15'", [('05.01.2024', '05.01.2024 13:14:15')]),
        ('RESET DateStyle', 'RESET'),
        ("SET IntervalStyle = 'postgres_verbose'", 'SET'),
        ("SELECT interval '1 day 02:03:04', interval '-1 year', interval '0', interval '1 year 2 mons -3 days "
         "+04:05:06.5', interval '-1 day -02:00:00.25', interval '-00:00:01', interval '1 sec', ARRAY[interval '1 "
         "day', interval '2 hours'], interval '-2 days +1 hour'",
         [
          (
           '@ 1 day 2 hours 3 mins 4 secs',
           '@ 1 year ago',
           '@ 0',
           '@ 1 year 2 mons -3 days 4 hours 5 mins 6.5 secs',
           '@ 1 day 2 hours 0.25 secs ago',
           '@ 1 sec ago',
           '@ 1 sec',
           '{"@ 1 day","@ 2 hours"}',
           '@ 2 days -1 hours ago',
          ),
         ]),
        ("SET IntervalStyle = 'iso_8601'", 'SET'),
        ("SELECT interval '1 year 2 days 03:04:05.5', interval '0', interval '-1 day -02:00:00.25', interval '-2 "
         "days +1 hour', ARRAY[interval '1 day', interval '2 hours']",
         [('P1Y2DT3H4M5.5S', 'PT0S', 'P-1DT-2H-0.25S', 'P-2DT1H', '{P1D,PT2H}')]),
        ("SET IntervalStyle = 'sql_standard'", 'SET'),
        ("SELECT interval '1 day 02:03:04', interval '-1 year', interval '0', interval '1 year 2 mons -3 days "
         "+04:05:06.5', interval '-1 day -02:00:00.25', interval '3 mons', interval '-00:00:01', interval '5 days "
         "00:00:00.000001'",
         [('1 2:03:04', '-1-0', '0', '+1-2 -3 +4:05:06.5', '-1 2:00:00.25', '0-3', '-0:00:01', '5 0:00:00.000001')]),
        ('SHOW IntervalStyle', [('sql_standard',)]),
        ("SET IntervalStyle = 'nonsense'", Err(sqlstate='22023')),
        ('RESET IntervalStyle', 'RESET'),
        ("SELECT '2024-13-01'::date", Err(sqlstate='22008')),
        ("SELECT '25:00'::time", Err(sqlstate='22008')),
        ("SELECT interval '1 day' / 0", Err(sqlstate='22012')),
        ("SELECT timestamp '294277-01-01'", Err(sqlstate='22008')),
    ],
    'strings_more': [
        ("SELECT 'a' || 'b' || NULL IS NULL, concat('a', ARRAY[1, 2], true), 'x' || 1.50, 1 || 2::text",
         [('t', 'a{1,2}t', 'x1.50', '12')]),
        ("SELECT left('héllo', 2), right('héllo', 3), substr('héllo', -1, 3), substring('héllo' FROM 0 FOR 3), "
         "length(''), length(NULL)",
         [('hé', 'llo', 'h', 'hé', '0', None)]),
        ("SELECT upper('straße'), lower('İ'), initcap('o''neil mc-donald 3rd'), reverse('héllo')",
         [('STRAßE', 'i', "O'Neil Mc-Donald 3rd", 'olléh')]),
        ("SELECT lpad('héllo', 7, 'xy'), rpad('', 3, 'ab'), lpad('abc', 0), repeat('x', 0), repeat('x', -1)",
         [('xyhéllo', 'aba', '', '', '')]),
        ("SELECT split_part('a::b::c', '::', 3), split_part('abc', '', 1), string_to_array('a,b,,', ',', ''), "
         "string_to_array('abc', NULL)",
         [('c', 'abc', '{a,b,NULL,NULL}', '{a,b,c}')]),
        ("SELECT lower('İSTANBUL'), upper('ß'), lower('ÀÉ'), upper('àé')", [('istanbul', 'ß', 'àé', 'ÀÉ')]),
        ("SELECT 'ab%' LIKE 'ab\\%', 'AbC' ILIKE '%b_', 'a\\b' LIKE 'a\\\\b', '' LIKE '%', NULL LIKE 'a', 'abc' LIKE "
         "'ABC'",
         [('t', 't', 't', 't', None, 'f')]),
        ("SELECT 'foo bar' ~ '\\mbar', 'x' ~ '^[[:alpha:]]$', regexp_replace('aaa', 'a', 'b', 2), "
         "regexp_replace('Hello', 'l+', '[\\&]'), regexp_replace('abc', '(b)', '<\\1>')",
         [('t', 't', 'aba', 'He[ll]o', 'a<b>c')]),
        ("SELECT regexp_matches('abc', '(x)?(b)'), regexp_split_to_table('a b  c', '\\s+')",
         [('{NULL,b}', 'a'), (None, 'b'), (None, 'c')]),
        ("SELECT regexp_substr('abc123def', '[0-9]+'), regexp_instr('abcabc', 'c', 1, 2), regexp_like('ABC', 'b', "
         "'i')",
         [('123', '6', 't')]),
        ("SELECT format('%3$s %1$s %s', 'a', 'b', 'c'), format('[%-4s][%4s]', 'ab', 'cd'), format('%I', 'Abc'), "
         "format('%I', 'abc'), format('%L', 1.5)",
         [('c a b', '[ab  ][  cd]', '"Abc"', 'abc', "'1.5'")]),
        ("SELECT to_char(1234.5, '99999.00'), to_char(-1234.5, 'FM9,999.90'), to_char(1234, 'FM0000000'), "
         "to_char(0.001, '9.99EEEE'), to_char(123, 'PL999'), to_char(-5, '9MI')",
         [('  1234.50', '-1,234.50', '0001234', ' 1.00e-03', '+ 123', '5-')]),
        ("SELECT to_char(timestamp '2024-01-05 00:05:06', 'HH:MI:SS AM, HH24, Day DD Month YYYY, dy mon, J, CC, W, "
         "TZ')",
         [('12:05:06 AM, 00, Friday    05 January   2024, fri jan, 2460315, 21, 1, ',)]),
        ('SELECT to_char(timestamptz \'2024-01-05 00:05:06+00\', \'YYYY-MM-DD"T"HH24:MI:SSOF TZ\'), to_char(interval '
         "'1 day 02:03', 'DD HH24:MI')",
         [('2024-01-05T00:05:06+00 UTC', '01 02:03')]),
        ("SELECT btrim('  x  '), trim(TRAILING 'xy' FROM 'axyxy'), ltrim('zzz'), char_length('日本'), "
         "octet_length('日本'), bit_length('a')",
         [('x', 'a', 'zzz', '2', '6', '8')]),
        ('SELECT chr(0)', Err(sqlstate='54000')),
        ("SELECT repeat('ab', 2) || lpad('1', 3, '0') || translate('hello', 'el', 'ip') || replace('aaa', '', 'x')",
         [('abab001hippoaaa',)]),
        ("SELECT md5('hello'), encode(sha224('a'), 'hex'), quote_literal(E'a\\\\b'), quote_ident('select'), "
         "quote_ident('Ab')",
         [
          (
           '5d41402abc4b2a76b9719d911017c592',
           'abd37534c7d9a2efb9465de931cd7055ffdb8879563ae98078d6d6d5',
           "E'a\\\\b'",
           '"select"',
           '"Ab"',
          ),
         ]),
        ('SELECT \'abc\' < \'abd\' COLLATE "C", \'a\' = \'A\', lower(\'ABC\') = \'abc\', position(\'\' IN \'abc\'), '
         "strpos('', '')",
         [('t', 'f', 't', '1', '1')]),
    ],
}


@pytest.fixture()
def fconn(request: pytest.FixtureRequest) -> Iterator[psycopg.Connection]:
    yield from scenario_connection(request)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_feature(fconn: psycopg.Connection, name: str) -> None:
    run_scenario(fconn, SCENARIOS[name])
