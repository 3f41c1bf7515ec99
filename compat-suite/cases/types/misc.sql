-- uuid, json/jsonb, arrays, enums, composite/row values, ranges, casts.

-- case: uuid_output
SELECT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid AS a, '{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}'::uuid AS b;

-- case: uuid_invalid
SELECT 'not-a-uuid'::uuid;

-- case: uuid_comparison_order
SELECT u FROM (VALUES ('b0000000-0000-0000-0000-000000000000'::uuid), ('a0000000-0000-0000-0000-000000000001'::uuid), ('a0000000-0000-0000-0000-000000000000'::uuid)) v(u) ORDER BY u;

-- case: uuid_column_pk
CREATE TABLE t (id uuid PRIMARY KEY, v text);
INSERT INTO t VALUES ('11111111-1111-1111-1111-111111111111', 'x');
SELECT id, v FROM t WHERE id = '11111111-1111-1111-1111-111111111111';

-- case: json_output_preserves_text
SELECT '{"b": 1,  "a": [1, 2]}'::json AS j;

-- case: jsonb_output_normalized
SELECT '{"b": 1,  "a": [1, 2], "a": 3}'::jsonb AS j, '[1, "x", null, true, 1.50]'::jsonb AS k;

-- case: jsonb_invalid
SELECT '{"a": }'::jsonb;

-- case: jsonb_arrow_operators
SELECT '{"a": {"b": [10, 20]}}'::jsonb -> 'a' AS a, '{"a": {"b": [10, 20]}}'::jsonb -> 'a' -> 'b' -> 1 AS b, '{"a": "x"}'::jsonb ->> 'a' AS c, '[1,2,3]'::jsonb -> -1 AS d;

-- case: jsonb_path_operators
SELECT '{"a": {"b": [10, 20]}}'::jsonb #> '{a,b,0}' AS a, '{"a": {"b": [10, 20]}}'::jsonb #>> '{a,b}' AS b;

-- case: jsonb_containment
SELECT '{"a": 1, "b": 2}'::jsonb @> '{"a": 1}' AS a, '[1,2,3]'::jsonb @> '[3,1]' AS b, '{"a": 1}'::jsonb <@ '{"a": 1, "b": 2}' AS c;

-- case: jsonb_exists_operators
SELECT '{"a": 1, "b": 2}'::jsonb ? 'a' AS a, '{"a": 1}'::jsonb ?| ARRAY['x', 'a'] AS b, '{"a": 1}'::jsonb ?& ARRAY['x', 'a'] AS c;

-- case: jsonb_concat_delete
SELECT '{"a": 1}'::jsonb || '{"b": 2}'::jsonb AS a, '{"a": 1, "b": 2}'::jsonb - 'a' AS b, '[1,2,3]'::jsonb - 0 AS c;

-- case: jsonb_missing_key_null
SELECT ('{"a": 1}'::jsonb -> 'zz') IS NULL AS a, '{"a": null}'::jsonb -> 'a' AS b, '{"a": null}'::jsonb ->> 'a' AS c;

-- case: jsonb_typeof
SELECT jsonb_typeof('1') AS a, jsonb_typeof('"s"') AS b, jsonb_typeof('[]') AS c, jsonb_typeof('{}') AS d, jsonb_typeof('null') AS e, jsonb_typeof('true') AS f;

-- case: jsonb_build_functions
SELECT jsonb_build_object('a', 1, 'b', 'x', 'c', NULL) AS o, jsonb_build_array(1, 'two', NULL, true) AS a;

-- case: json_build_object_text
SELECT json_build_object('a', 1, 'b', ARRAY[1, 2]) AS o;

-- case: to_jsonb_values
SELECT to_jsonb(1.50) AS a, to_jsonb('x'::text) AS b, to_jsonb(ARRAY[1, 2]) AS c, to_jsonb(true) AS d, to_json('a"b'::text) AS e;

-- case: jsonb_agg_object_agg
CREATE TABLE t (k text, v int);
INSERT INTO t VALUES ('a', 1), ('b', 2);
SELECT jsonb_agg(v ORDER BY v) AS a, jsonb_object_agg(k, v) AS o FROM t;

-- case: jsonb_each_text
SELECT key, value FROM jsonb_each_text('{"a": 1, "b": "x", "c": null}') ORDER BY key;

-- case: jsonb_array_elements
SELECT value FROM jsonb_array_elements('[1, "two", {"x": 3}]');

-- case: jsonb_array_length
SELECT jsonb_array_length('[1,2,3]') AS l, json_array_length('[]') AS m;

-- case: jsonb_set
SELECT jsonb_set('{"a": {"b": 1}}', '{a,b}', '2') AS a, jsonb_set('{"a": 1}', '{c}', '"new"') AS b;

-- case: jsonb_strip_nulls_pretty
SELECT jsonb_strip_nulls('{"a": 1, "b": null}') AS a, jsonb_pretty('{"a": [1]}') AS p;

-- case: jsonb_numeric_equality
SELECT '1.0'::jsonb = '1'::jsonb AS a, '{"a":1,"b":2}'::jsonb = '{"b":2,"a":1}'::jsonb AS b;

-- case: jsonb_cast_to_scalar
SELECT ('{"n": 42}'::jsonb -> 'n')::int AS n, ('{"t": true}'::jsonb -> 't')::bool AS t;

-- case: jsonb_path_query
SELECT jsonb_path_query_array('{"a": [1, 2, 3, 4]}', '$.a[*] ? (@ > 2)') AS r, jsonb_path_exists('{"a": 1}', '$.a') AS e;

-- case: jsonb_keys
SELECT k FROM jsonb_object_keys('{"b": 1, "a": 2}') AS k ORDER BY k;

-- case: array_literal_output
SELECT ARRAY[1, 2, 3] AS a, '{4,5}'::int[] AS b, ARRAY['a b', 'c"d', NULL, ''] AS c, ARRAY[[1, 2], [3, 4]] AS d;

-- case: array_subscript
SELECT (ARRAY[10, 20, 30])[2] AS a, (ARRAY[10, 20, 30])[5] AS b, (ARRAY[10, 20, 30])[2:3] AS c, (ARRAY[[1,2],[3,4]])[2][1] AS d;

-- case: array_functions_basic
SELECT array_length(ARRAY[1, 2, 3], 1) AS l, cardinality(ARRAY[[1, 2], [3, 4]]) AS c, array_upper(ARRAY[1, 2], 1) AS u, array_ndims(ARRAY[[1], [2]]) AS n;

-- case: array_append_prepend_cat
SELECT array_append(ARRAY[1, 2], 3) AS a, array_prepend(0, ARRAY[1]) AS b, array_cat(ARRAY[1], ARRAY[2, 3]) AS c, ARRAY[1] || ARRAY[2] AS d, ARRAY[1] || 5 AS e;

-- case: array_position_remove_replace
SELECT array_position(ARRAY['a', 'b', 'c'], 'b') AS p, array_remove(ARRAY[1, 2, 1, 3], 1) AS r, array_replace(ARRAY[1, 2, 1], 1, 9) AS x, array_positions(ARRAY[1, 2, 1], 1) AS ps;

-- case: array_any_all
SELECT 2 = ANY(ARRAY[1, 2, 3]) AS a, 5 = ANY('{1,2}'::int[]) AS b, 5 > ALL(ARRAY[1, 2]) AS c, 1 = ANY(ARRAY[NULL, 2]) AS d;

-- case: array_contains_overlap
SELECT ARRAY[1, 2, 3] @> ARRAY[2, 1] AS a, ARRAY[1] <@ ARRAY[1, 2] AS b, ARRAY[1, 2] && ARRAY[2, 5] AS c;

-- case: array_to_string_and_back
SELECT array_to_string(ARRAY[1, NULL, 3], ',') AS a, array_to_string(ARRAY[1, NULL, 3], ',', '*') AS b, string_to_array('a,b,,c', ',') AS c;

-- case: array_comparison
SELECT ARRAY[1, 2] < ARRAY[1, 3] AS a, ARRAY[1, 2] = ARRAY[1, 2] AS b, '{}'::int[] = ARRAY[]::int[] AS c;

-- case: array_empty_output
SELECT '{}'::text[] AS e, array_length('{}'::int[], 1) AS l;

-- case: array_column_roundtrip
CREATE TABLE t (tags text[]);
INSERT INTO t VALUES ('{x,y}'), (ARRAY['z']), (NULL);
SELECT tags, tags[1] AS first FROM t ORDER BY tags NULLS LAST;

-- case: array_agg_ordered
CREATE TABLE t (a int);
INSERT INTO t VALUES (3), (1), (2);
SELECT array_agg(a ORDER BY a DESC) AS arr FROM t;

-- case: unnest_multiple_arrays
SELECT * FROM unnest(ARRAY[1, 2, 3], ARRAY['a', 'b']) AS u(n, s);

-- case: unnest_with_ordinality
SELECT * FROM unnest(ARRAY['x', 'y', 'z']) WITH ORDINALITY AS u(v, i);

-- case: array_invalid_literal
SELECT '{1,2'::int[];

-- case: enum_create_and_use
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (name text, m mood);
INSERT INTO t VALUES ('a', 'happy'), ('b', 'sad'), ('c', 'ok');
SELECT name, m FROM t ORDER BY m;

-- case: enum_invalid_value
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
SELECT 'angry'::mood;

-- case: enum_comparison
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
SELECT 'sad'::mood < 'happy'::mood AS a, 'ok'::mood > 'happy' AS b;

-- case: enum_range_functions
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
SELECT enum_range(NULL::mood) AS r, enum_first(NULL::mood) AS f, enum_last(NULL::mood) AS l;

-- case: enum_add_value
CREATE TYPE mood AS ENUM ('sad', 'happy');
ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy';
SELECT enum_range(NULL::mood)::text AS r;

-- case: enum_column_insert_invalid
CREATE TYPE color AS ENUM ('red', 'green');
CREATE TABLE t (c color);
INSERT INTO t VALUES ('blue');

-- case: row_value_output
SELECT ROW(1, 'a b', NULL, '') AS r, (1, 2) AS s;

-- case: composite_type
CREATE TYPE pair AS (x int, y text);
SELECT (ROW(1, 'a')::pair).y AS y, ROW(2, 'b')::pair AS p;

-- case: int4range_basics
SELECT int4range(1, 5) AS a, int4range(1, 5, '[]') AS b, int4range(1, 5) @> 3 AS c, isempty(int4range(3, 3)) AS d, upper(int4range(1, 5)) AS u;

-- case: daterange_overlap
SELECT daterange('2024-01-01', '2024-02-01') && daterange('2024-01-15', '2024-03-01') AS o, daterange('2024-01-01', '2024-02-01') * daterange('2024-01-15', '2024-03-01') AS i;

-- case: cast_text_to_numeric_types
SELECT '3.14'::numeric AS a, '3.14'::float8 AS b, '  7'::int8 AS c, '1e2'::float4 AS d;

-- case: cast_numeric_to_text
SELECT 3.140::text AS a, 1e10::float8::text AS b, 100::text AS c;

-- case: cast_int_to_bool_invalid_from_int2
SELECT 2::int8::bool;

-- case: cast_nonexistent
SELECT 1::date;

-- case: cast_jsonb_to_text
SELECT '{"a":1}'::jsonb::text AS a, '[1, 2]'::json::jsonb AS b;

-- case: typed_literal_syntax
SELECT DATE '2024-01-02' AS d, TIMESTAMP '2024-01-02 03:04:05' AS ts, INTERVAL '2 hours' AS i, BOOLEAN 'yes' AS b, NUMERIC '1.50' AS n;

-- case: inet_cidr
SELECT '192.168.1.5/24'::inet AS a, '192.168.1.0/24'::cidr AS b, '192.168.1.5'::inet << '192.168.1.0/24'::inet AS c, host('10.1.2.3/8'::inet) AS h;

-- case: oid_regclass_roundtrip_name
CREATE TABLE t (a int);
SELECT 't'::regclass::text AS r;

-- case: pg_typeof_misc
SELECT pg_typeof(now()) AS a, pg_typeof(current_date) AS b, pg_typeof(ARRAY[1]) AS c, pg_typeof('{}'::jsonb) AS d, pg_typeof(NULL) AS e, pg_typeof(1::numeric(5, 2)) AS f;
