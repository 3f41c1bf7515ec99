-- uuid, json/jsonb, arrays, enums, composite/row values, ranges, casts.

-- case: uuid_output
SELECT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid AS a, '{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}'::uuid AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["uuid", "uuid"]
-- row: ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"]
-- tag: SELECT 1

-- case: uuid_invalid
SELECT 'not-a-uuid'::uuid;
-- expect:
-- error: 22P02

-- case: uuid_comparison_order
SELECT u FROM (VALUES ('b0000000-0000-0000-0000-000000000000'::uuid), ('a0000000-0000-0000-0000-000000000001'::uuid), ('a0000000-0000-0000-0000-000000000000'::uuid)) v(u) ORDER BY u;
-- expect:
-- columns: ["u"]
-- types: ["uuid"]
-- row: ["a0000000-0000-0000-0000-000000000000"]
-- row: ["a0000000-0000-0000-0000-000000000001"]
-- row: ["b0000000-0000-0000-0000-000000000000"]
-- tag: SELECT 3

-- case: uuid_column_pk
CREATE TABLE t (id uuid PRIMARY KEY, v text);
INSERT INTO t VALUES ('11111111-1111-1111-1111-111111111111', 'x');
SELECT id, v FROM t WHERE id = '11111111-1111-1111-1111-111111111111';
-- expect:
-- columns: ["id", "v"]
-- types: ["uuid", "text"]
-- row: ["11111111-1111-1111-1111-111111111111", "x"]
-- tag: SELECT 1

-- case: json_output_preserves_text
SELECT '{"b": 1,  "a": [1, 2]}'::json AS j;
-- expect:
-- columns: ["j"]
-- types: ["json"]
-- row: ["{\"b\": 1,  \"a\": [1, 2]}"]
-- tag: SELECT 1

-- case: jsonb_output_normalized
SELECT '{"b": 1,  "a": [1, 2], "a": 3}'::jsonb AS j, '[1, "x", null, true, 1.50]'::jsonb AS k;
-- expect:
-- columns: ["j", "k"]
-- types: ["jsonb", "jsonb"]
-- row: ["{\"a\": 3, \"b\": 1}", "[1, \"x\", null, true, 1.50]"]
-- tag: SELECT 1

-- case: jsonb_invalid
SELECT '{"a": }'::jsonb;
-- expect:
-- error: 22P02

-- case: jsonb_arrow_operators
SELECT '{"a": {"b": [10, 20]}}'::jsonb -> 'a' AS a, '{"a": {"b": [10, 20]}}'::jsonb -> 'a' -> 'b' -> 1 AS b, '{"a": "x"}'::jsonb ->> 'a' AS c, '[1,2,3]'::jsonb -> -1 AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["jsonb", "jsonb", "text", "jsonb"]
-- row: ["{\"b\": [10, 20]}", "20", "x", "3"]
-- tag: SELECT 1

-- case: jsonb_path_operators
SELECT '{"a": {"b": [10, 20]}}'::jsonb #> '{a,b,0}' AS a, '{"a": {"b": [10, 20]}}'::jsonb #>> '{a,b}' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["jsonb", "text"]
-- row: ["10", "[10, 20]"]
-- tag: SELECT 1

-- case: jsonb_containment
SELECT '{"a": 1, "b": 2}'::jsonb @> '{"a": 1}' AS a, '[1,2,3]'::jsonb @> '[3,1]' AS b, '{"a": 1}'::jsonb <@ '{"a": 1, "b": 2}' AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "t"]
-- tag: SELECT 1

-- case: jsonb_exists_operators
SELECT '{"a": 1, "b": 2}'::jsonb ? 'a' AS a, '{"a": 1}'::jsonb ?| ARRAY['x', 'a'] AS b, '{"a": 1}'::jsonb ?& ARRAY['x', 'a'] AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "f"]
-- tag: SELECT 1

-- case: jsonb_concat_delete
SELECT '{"a": 1}'::jsonb || '{"b": 2}'::jsonb AS a, '{"a": 1, "b": 2}'::jsonb - 'a' AS b, '[1,2,3]'::jsonb - 0 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["jsonb", "jsonb", "jsonb"]
-- row: ["{\"a\": 1, \"b\": 2}", "{\"b\": 2}", "[2, 3]"]
-- tag: SELECT 1

-- case: jsonb_missing_key_null
SELECT ('{"a": 1}'::jsonb -> 'zz') IS NULL AS a, '{"a": null}'::jsonb -> 'a' AS b, '{"a": null}'::jsonb ->> 'a' AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "jsonb", "text"]
-- row: ["t", "null", null]
-- tag: SELECT 1

-- case: jsonb_typeof
SELECT jsonb_typeof('1') AS a, jsonb_typeof('"s"') AS b, jsonb_typeof('[]') AS c, jsonb_typeof('{}') AS d, jsonb_typeof('null') AS e, jsonb_typeof('true') AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["text", "text", "text", "text", "text", "text"]
-- row: ["number", "string", "array", "object", "null", "boolean"]
-- tag: SELECT 1

-- case: jsonb_build_functions
SELECT jsonb_build_object('a', 1, 'b', 'x', 'c', NULL) AS o, jsonb_build_array(1, 'two', NULL, true) AS a;
-- expect:
-- columns: ["o", "a"]
-- types: ["jsonb", "jsonb"]
-- row: ["{\"a\": 1, \"b\": \"x\", \"c\": null}", "[1, \"two\", null, true]"]
-- tag: SELECT 1

-- case: json_build_object_text
SELECT json_build_object('a', 1, 'b', ARRAY[1, 2]) AS o;
-- expect:
-- columns: ["o"]
-- types: ["json"]
-- row: ["{\"a\" : 1, \"b\" : [1,2]}"]
-- tag: SELECT 1

-- case: to_jsonb_values
SELECT to_jsonb(1.50) AS a, to_jsonb('x'::text) AS b, to_jsonb(ARRAY[1, 2]) AS c, to_jsonb(true) AS d, to_json('a"b'::text) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["jsonb", "jsonb", "jsonb", "jsonb", "json"]
-- row: ["1.50", "\"x\"", "[1, 2]", "true", "\"a\\\"b\""]
-- tag: SELECT 1

-- case: jsonb_agg_object_agg
CREATE TABLE t (k text, v int);
INSERT INTO t VALUES ('a', 1), ('b', 2);
SELECT jsonb_agg(v ORDER BY v) AS a, jsonb_object_agg(k, v) AS o FROM t;
-- expect:
-- columns: ["a", "o"]
-- types: ["jsonb", "jsonb"]
-- row: ["[1, 2]", "{\"a\": 1, \"b\": 2}"]
-- tag: SELECT 1

-- case: jsonb_each_text
SELECT key, value FROM jsonb_each_text('{"a": 1, "b": "x", "c": null}') ORDER BY key;
-- expect:
-- columns: ["key", "value"]
-- types: ["text", "text"]
-- row: ["a", "1"]
-- row: ["b", "x"]
-- row: ["c", null]
-- tag: SELECT 3

-- case: jsonb_array_elements
SELECT value FROM jsonb_array_elements('[1, "two", {"x": 3}]');
-- expect:
-- columns: ["value"]
-- types: ["jsonb"]
-- row: ["1"]
-- row: ["\"two\""]
-- row: ["{\"x\": 3}"]
-- tag: SELECT 3

-- case: jsonb_array_length
SELECT jsonb_array_length('[1,2,3]') AS l, json_array_length('[]') AS m;
-- expect:
-- columns: ["l", "m"]
-- types: ["int4", "int4"]
-- row: ["3", "0"]
-- tag: SELECT 1

-- case: jsonb_set
SELECT jsonb_set('{"a": {"b": 1}}', '{a,b}', '2') AS a, jsonb_set('{"a": 1}', '{c}', '"new"') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["jsonb", "jsonb"]
-- row: ["{\"a\": {\"b\": 2}}", "{\"a\": 1, \"c\": \"new\"}"]
-- tag: SELECT 1

-- case: jsonb_strip_nulls_pretty
SELECT jsonb_strip_nulls('{"a": 1, "b": null}') AS a, jsonb_pretty('{"a": [1]}') AS p;
-- expect:
-- columns: ["a", "p"]
-- types: ["jsonb", "text"]
-- row: ["{\"a\": 1}", "{\n    \"a\": [\n        1\n    ]\n}"]
-- tag: SELECT 1

-- case: jsonb_numeric_equality
SELECT '1.0'::jsonb = '1'::jsonb AS a, '{"a":1,"b":2}'::jsonb = '{"b":2,"a":1}'::jsonb AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: ["t", "t"]
-- tag: SELECT 1

-- case: jsonb_cast_to_scalar
SELECT ('{"n": 42}'::jsonb -> 'n')::int AS n, ('{"t": true}'::jsonb -> 't')::bool AS t;
-- expect:
-- columns: ["n", "t"]
-- types: ["int4", "bool"]
-- row: ["42", "t"]
-- tag: SELECT 1

-- case: jsonb_path_query
SELECT jsonb_path_query_array('{"a": [1, 2, 3, 4]}', '$.a[*] ? (@ > 2)') AS r, jsonb_path_exists('{"a": 1}', '$.a') AS e;
-- expect:
-- columns: ["r", "e"]
-- types: ["jsonb", "bool"]
-- row: ["[3, 4]", "t"]
-- tag: SELECT 1

-- case: jsonb_keys
SELECT k FROM jsonb_object_keys('{"b": 1, "a": 2}') AS k ORDER BY k;
-- expect:
-- columns: ["k"]
-- types: ["text"]
-- row: ["a"]
-- row: ["b"]
-- tag: SELECT 2

-- case: array_literal_output
SELECT ARRAY[1, 2, 3] AS a, '{4,5}'::int[] AS b, ARRAY['a b', 'c"d', NULL, ''] AS c, ARRAY[[1, 2], [3, 4]] AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4[]", "int4[]", "text[]", "int4[]"]
-- row: ["{1,2,3}", "{4,5}", "{\"a b\",\"c\\\"d\",NULL,\"\"}", "{{1,2},{3,4}}"]
-- tag: SELECT 1

-- case: array_subscript
SELECT (ARRAY[10, 20, 30])[2] AS a, (ARRAY[10, 20, 30])[5] AS b, (ARRAY[10, 20, 30])[2:3] AS c, (ARRAY[[1,2],[3,4]])[2][1] AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "int4", "int4[]", "int4"]
-- row: ["20", null, "{20,30}", "3"]
-- tag: SELECT 1

-- case: array_functions_basic
SELECT array_length(ARRAY[1, 2, 3], 1) AS l, cardinality(ARRAY[[1, 2], [3, 4]]) AS c, array_upper(ARRAY[1, 2], 1) AS u, array_ndims(ARRAY[[1], [2]]) AS n;
-- expect:
-- columns: ["l", "c", "u", "n"]
-- types: ["int4", "int4", "int4", "int4"]
-- row: ["3", "4", "2", "2"]
-- tag: SELECT 1

-- case: array_append_prepend_cat
SELECT array_append(ARRAY[1, 2], 3) AS a, array_prepend(0, ARRAY[1]) AS b, array_cat(ARRAY[1], ARRAY[2, 3]) AS c, ARRAY[1] || ARRAY[2] AS d, ARRAY[1] || 5 AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4[]", "int4[]", "int4[]", "int4[]", "int4[]"]
-- row: ["{1,2,3}", "{0,1}", "{1,2,3}", "{1,2}", "{1,5}"]
-- tag: SELECT 1

-- case: array_position_remove_replace
SELECT array_position(ARRAY['a', 'b', 'c'], 'b') AS p, array_remove(ARRAY[1, 2, 1, 3], 1) AS r, array_replace(ARRAY[1, 2, 1], 1, 9) AS x, array_positions(ARRAY[1, 2, 1], 1) AS ps;
-- expect:
-- columns: ["p", "r", "x", "ps"]
-- types: ["int4", "int4[]", "int4[]", "int4[]"]
-- row: ["2", "{2,3}", "{9,2,9}", "{1,3}"]
-- tag: SELECT 1

-- case: array_any_all
SELECT 2 = ANY(ARRAY[1, 2, 3]) AS a, 5 = ANY('{1,2}'::int[]) AS b, 5 > ALL(ARRAY[1, 2]) AS c, 1 = ANY(ARRAY[NULL, 2]) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["t", "f", "t", null]
-- tag: SELECT 1

-- case: array_contains_overlap
SELECT ARRAY[1, 2, 3] @> ARRAY[2, 1] AS a, ARRAY[1] <@ ARRAY[1, 2] AS b, ARRAY[1, 2] && ARRAY[2, 5] AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "t"]
-- tag: SELECT 1

-- case: array_to_string_and_back
SELECT array_to_string(ARRAY[1, NULL, 3], ',') AS a, array_to_string(ARRAY[1, NULL, 3], ',', '*') AS b, string_to_array('a,b,,c', ',') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text", "text", "text[]"]
-- row: ["1,3", "1,*,3", "{a,b,\"\",c}"]
-- tag: SELECT 1

-- case: array_comparison
SELECT ARRAY[1, 2] < ARRAY[1, 3] AS a, ARRAY[1, 2] = ARRAY[1, 2] AS b, '{}'::int[] = ARRAY[]::int[] AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "t"]
-- tag: SELECT 1

-- case: array_empty_output
SELECT '{}'::text[] AS e, array_length('{}'::int[], 1) AS l;
-- expect:
-- columns: ["e", "l"]
-- types: ["text[]", "int4"]
-- row: ["{}", null]
-- tag: SELECT 1

-- case: array_column_roundtrip
CREATE TABLE t (tags text[]);
INSERT INTO t VALUES ('{x,y}'), (ARRAY['z']), (NULL);
SELECT tags, tags[1] AS first FROM t ORDER BY tags NULLS LAST;
-- expect:
-- columns: ["tags", "first"]
-- types: ["text[]", "text"]
-- row: ["{x,y}", "x"]
-- row: ["{z}", "z"]
-- row: [null, null]
-- tag: SELECT 3

-- case: array_agg_ordered
CREATE TABLE t (a int);
INSERT INTO t VALUES (3), (1), (2);
SELECT array_agg(a ORDER BY a DESC) AS arr FROM t;
-- expect:
-- columns: ["arr"]
-- types: ["int4[]"]
-- row: ["{3,2,1}"]
-- tag: SELECT 1

-- case: unnest_multiple_arrays
SELECT * FROM unnest(ARRAY[1, 2, 3], ARRAY['a', 'b']) AS u(n, s);
-- expect:
-- columns: ["n", "s"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "b"]
-- row: ["3", null]
-- tag: SELECT 3

-- case: unnest_with_ordinality
SELECT * FROM unnest(ARRAY['x', 'y', 'z']) WITH ORDINALITY AS u(v, i);
-- expect:
-- columns: ["v", "i"]
-- types: ["text", "int8"]
-- row: ["x", "1"]
-- row: ["y", "2"]
-- row: ["z", "3"]
-- tag: SELECT 3

-- case: array_invalid_literal
SELECT '{1,2'::int[];
-- expect:
-- error: 22P02

-- case: enum_create_and_use
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (name text, m mood);
INSERT INTO t VALUES ('a', 'happy'), ('b', 'sad'), ('c', 'ok');
SELECT name, m FROM t ORDER BY m;
-- expect:
-- columns: ["name", "m"]
-- types: ["text", "user"]
-- row: ["b", "sad"]
-- row: ["c", "ok"]
-- row: ["a", "happy"]
-- tag: SELECT 3

-- case: enum_invalid_value
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
SELECT 'angry'::mood;
-- expect:
-- error: 22P02

-- case: enum_comparison
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
SELECT 'sad'::mood < 'happy'::mood AS a, 'ok'::mood > 'happy' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: ["t", "f"]
-- tag: SELECT 1

-- case: enum_range_functions
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
SELECT enum_range(NULL::mood) AS r, enum_first(NULL::mood) AS f, enum_last(NULL::mood) AS l;
-- expect:
-- columns: ["r", "f", "l"]
-- types: ["user", "user", "user"]
-- row: ["{sad,ok,happy}", "sad", "happy"]
-- tag: SELECT 1

-- case: enum_add_value
CREATE TYPE mood AS ENUM ('sad', 'happy');
ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy';
SELECT enum_range(NULL::mood)::text AS r;
-- expect:
-- columns: ["r"]
-- types: ["text"]
-- row: ["{sad,ok,happy}"]
-- tag: SELECT 1

-- case: enum_column_insert_invalid
CREATE TYPE color AS ENUM ('red', 'green');
CREATE TABLE t (c color);
INSERT INTO t VALUES ('blue');
-- expect:
-- error: 22P02

-- case: row_value_output
SELECT ROW(1, 'a b', NULL, '') AS r, (1, 2) AS s;
-- expect:
-- columns: ["r", "s"]
-- types: ["record", "record"]
-- row: ["(1,\"a b\",,\"\")", "(1,2)"]
-- tag: SELECT 1

-- case: composite_type
CREATE TYPE pair AS (x int, y text);
SELECT (ROW(1, 'a')::pair).y AS y, ROW(2, 'b')::pair AS p;
-- expect:
-- columns: ["y", "p"]
-- types: ["text", "user"]
-- row: ["a", "(2,b)"]
-- tag: SELECT 1

-- case: int4range_basics
SELECT int4range(1, 5) AS a, int4range(1, 5, '[]') AS b, int4range(1, 5) @> 3 AS c, isempty(int4range(3, 3)) AS d, upper(int4range(1, 5)) AS u;
-- expect:
-- columns: ["a", "b", "c", "d", "u"]
-- types: ["int4range", "int4range", "bool", "bool", "int4"]
-- row: ["[1,5)", "[1,6)", "t", "t", "5"]
-- tag: SELECT 1

-- case: daterange_overlap
SELECT daterange('2024-01-01', '2024-02-01') && daterange('2024-01-15', '2024-03-01') AS o, daterange('2024-01-01', '2024-02-01') * daterange('2024-01-15', '2024-03-01') AS i;
-- expect:
-- columns: ["o", "i"]
-- types: ["bool", "daterange"]
-- row: ["t", "[2024-01-15,2024-02-01)"]
-- tag: SELECT 1

-- case: cast_text_to_numeric_types
SELECT '3.14'::numeric AS a, '3.14'::float8 AS b, '  7'::int8 AS c, '1e2'::float4 AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["numeric", "float8", "int8", "float4"]
-- row: ["3.14", "3.14", "7", "100"]
-- tag: SELECT 1

-- case: cast_numeric_to_text
SELECT 3.140::text AS a, 1e10::float8::text AS b, 100::text AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text", "text", "text"]
-- row: ["3.140", "10000000000", "100"]
-- tag: SELECT 1

-- case: cast_int_to_bool_invalid_from_int2
SELECT 2::int8::bool;
-- expect:
-- error: 42846

-- case: cast_nonexistent
SELECT 1::date;
-- expect:
-- error: 42846

-- case: cast_jsonb_to_text
SELECT '{"a":1}'::jsonb::text AS a, '[1, 2]'::json::jsonb AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "jsonb"]
-- row: ["{\"a\": 1}", "[1, 2]"]
-- tag: SELECT 1

-- case: typed_literal_syntax
SELECT DATE '2024-01-02' AS d, TIMESTAMP '2024-01-02 03:04:05' AS ts, INTERVAL '2 hours' AS i, BOOLEAN 'yes' AS b, NUMERIC '1.50' AS n;
-- expect:
-- columns: ["d", "ts", "i", "b", "n"]
-- types: ["date", "timestamp", "interval", "bool", "numeric"]
-- row: ["2024-01-02", "2024-01-02 03:04:05", "02:00:00", "t", "1.50"]
-- tag: SELECT 1

-- case: inet_cidr
SELECT '192.168.1.5/24'::inet AS a, '192.168.1.0/24'::cidr AS b, '192.168.1.5'::inet << '192.168.1.0/24'::inet AS c, host('10.1.2.3/8'::inet) AS h;
-- expect:
-- columns: ["a", "b", "c", "h"]
-- types: ["inet", "cidr", "bool", "text"]
-- row: ["192.168.1.5/24", "192.168.1.0/24", "t", "10.1.2.3"]
-- tag: SELECT 1

-- case: oid_regclass_roundtrip_name
CREATE TABLE t (a int);
SELECT 't'::regclass::text AS r;
-- expect:
-- columns: ["r"]
-- types: ["text"]
-- row: ["t"]
-- tag: SELECT 1

-- case: pg_typeof_misc
SELECT pg_typeof(now()) AS a, pg_typeof(current_date) AS b, pg_typeof(ARRAY[1]) AS c, pg_typeof('{}'::jsonb) AS d, pg_typeof(NULL) AS e, pg_typeof(1::numeric(5, 2)) AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["regtype", "regtype", "regtype", "regtype", "regtype", "regtype"]
-- row: ["timestamp with time zone", "date", "integer[]", "jsonb", "unknown", "numeric"]
-- tag: SELECT 1
