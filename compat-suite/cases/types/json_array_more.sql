-- json/jsonb and arrays, part 2: operators and functions, literals, nested arrays, slicing,
-- unnest with ordinality, ANY/ALL, array comparison.

-- case: json2_arrow_ops_types
SELECT '{"a": {"b": [10, 20]}}'::jsonb -> 'a' AS a, '{"a": {"b": [10, 20]}}'::jsonb -> 'a' -> 'b' -> 1 AS b, '{"a": {"b": [10, 20]}}'::jsonb #>> '{a,b,0}' AS c, pg_typeof('{"a":1}'::jsonb ->> 'a') AS t;
-- expect:
-- columns: ["a", "b", "c", "t"]
-- types: ["jsonb", "jsonb", "text", "regtype"]
-- row: ["{\"b\": [10, 20]}", "20", "10", "text"]
-- tag: SELECT 1

-- case: json2_negative_array_index
SELECT '[1, 2, 3]'::jsonb -> -1 AS last, '[1, 2, 3]'::jsonb -> 5 AS oob, '[1, 2, 3]'::jsonb ->> 0 AS first;
-- expect:
-- columns: ["last", "oob", "first"]
-- types: ["jsonb", "jsonb", "text"]
-- row: ["3", null, "1"]
-- tag: SELECT 1

-- case: json2_arrow_on_scalar_and_wrong_kind
SELECT '5'::jsonb -> 'a' AS a, '{"a": 1}'::jsonb -> 0 AS b, '[1]'::jsonb -> 'a' AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["jsonb", "jsonb", "jsonb"]
-- row: [null, null, null]
-- tag: SELECT 1

-- case: json2_json_vs_jsonb_duplicate_keys
SELECT '{"a": 1, "a": 2}'::json AS j, '{"a": 1, "a": 2}'::jsonb AS jb, '{"a": 1, "a": 2}'::json ->> 'a' AS j_last;
-- expect:
-- columns: ["j", "jb", "j_last"]
-- types: ["json", "jsonb", "text"]
-- row: ["{\"a\": 1, \"a\": 2}", "{\"a\": 2}", "2"]
-- tag: SELECT 1

-- case: json2_jsonb_key_order_normalized
SELECT '{"bb": 1, "a": 2, "ccc": 3, "c": 4}'::jsonb AS j;
-- expect:
-- columns: ["j"]
-- types: ["jsonb"]
-- row: ["{\"a\": 2, \"c\": 4, \"bb\": 1, \"ccc\": 3}"]
-- tag: SELECT 1

-- case: json2_jsonb_whitespace_and_numbers
SELECT '{ "a" : 1.50, "b": 1e3, "c": -0 }'::jsonb AS jb, '{ "a" : 1.50 }'::json AS j;
-- expect:
-- columns: ["jb", "j"]
-- types: ["jsonb", "json"]
-- row: ["{\"a\": 1.50, \"b\": 1000, \"c\": 0}", "{ \"a\" : 1.50 }"]
-- tag: SELECT 1

-- case: json2_containment_nested
SELECT '{"a": {"b": 1, "c": 2}}'::jsonb @> '{"a": {"b": 1}}' AS a, '[1, [2, 3]]'::jsonb @> '[[3]]' AS b, '[1, 2]'::jsonb @> '1' AS c, '{"a": 1}'::jsonb <@ '{"a": 1, "b": 2}' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["t", "t", "t", "t"]
-- tag: SELECT 1

-- case: json2_exists_any_all
SELECT '{"a": 1, "b": 2}'::jsonb ? 'a' AS a, '["x", "y"]'::jsonb ? 'x' AS b, '{"a": 1}'::jsonb ?| ARRAY['z', 'a'] AS c, '{"a": 1}'::jsonb ?& ARRAY['a', 'b'] AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["t", "t", "t", "f"]
-- tag: SELECT 1

-- case: json2_delete_ops
SELECT '{"a": 1, "b": 2}'::jsonb - 'a' AS a, '[1, 2, 3]'::jsonb - 1 AS b, '{"a": 1, "b": 2, "c": 3}'::jsonb - ARRAY['a', 'c'] AS c, '{"a": {"b": 1, "c": 2}}'::jsonb #- '{a,b}' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["jsonb", "jsonb", "jsonb", "jsonb"]
-- row: ["{\"b\": 2}", "[1, 3]", "{\"b\": 2}", "{\"a\": {\"c\": 2}}"]
-- tag: SELECT 1

-- case: json2_concat_arrays_objects
SELECT '[1]'::jsonb || '[2, 3]'::jsonb AS a, '{"a": 1}'::jsonb || '{"a": 2, "b": 3}'::jsonb AS b, '[1]'::jsonb || '{"x": 1}'::jsonb AS c, '1'::jsonb || '2'::jsonb AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["jsonb", "jsonb", "jsonb", "jsonb"]
-- row: ["[1, 2, 3]", "{\"a\": 2, \"b\": 3}", "[1, {\"x\": 1}]", "[1, 2]"]
-- tag: SELECT 1

-- case: json2_jsonb_set_create_missing
SELECT jsonb_set('{"a": 1}', '{b}', '2') AS a, jsonb_set('{"a": 1}', '{b}', '2', false) AS b, jsonb_set('[1, 2]', '{5}', '9') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["jsonb", "jsonb", "jsonb"]
-- row: ["{\"a\": 1, \"b\": 2}", "{\"a\": 1}", "[1, 2, 9]"]
-- tag: SELECT 1

-- case: json2_jsonb_insert
SELECT jsonb_insert('[1, 3]', '{1}', '2') AS a, jsonb_insert('[1, 3]', '{1}', '2', true) AS b, jsonb_insert('{"a": 1}', '{b}', '"x"') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["jsonb", "jsonb", "jsonb"]
-- row: ["[1, 2, 3]", "[1, 3, 2]", "{\"a\": 1, \"b\": \"x\"}"]
-- tag: SELECT 1

-- case: json2_jsonb_insert_existing_key_error
SELECT jsonb_insert('{"a": 1}', '{a}', '2');
-- expect:
-- error: 22023

-- case: json2_jsonb_each_types
SELECT key, value, jsonb_typeof(value) AS t FROM jsonb_each('{"n": 1, "s": "x", "b": true, "z": null, "a": [1], "o": {}}') ORDER BY key;
-- expect:
-- columns: ["key", "value", "t"]
-- types: ["text", "jsonb", "text"]
-- row: ["a", "[1]", "array"]
-- row: ["b", "true", "boolean"]
-- row: ["n", "1", "number"]
-- row: ["o", "{}", "object"]
-- row: ["s", "\"x\"", "string"]
-- row: ["z", "null", "null"]
-- tag: SELECT 6

-- case: json2_jsonb_object_keys_order
SELECT k FROM jsonb_object_keys('{"b": 1, "a": 2, "aa": 3}') k;
-- expect:
-- columns: ["k"]
-- types: ["text"]
-- row: ["a"]
-- row: ["b"]
-- row: ["aa"]
-- tag: SELECT 3

-- case: json2_jsonb_array_elements_text_nulls
SELECT e, e IS NULL AS is_null FROM jsonb_array_elements_text('["a", null, 1, {"k": "v"}]') e;
-- expect:
-- columns: ["e", "is_null"]
-- types: ["text", "bool"]
-- row: ["a", "f"]
-- row: [null, "t"]
-- row: ["1", "f"]
-- row: ["{\"k\": \"v\"}", "f"]
-- tag: SELECT 4

-- case: json2_json_array_elements_ordinality
SELECT ord, v FROM json_array_elements('[10, 20, 30]') WITH ORDINALITY AS t(v, ord) ORDER BY ord;
-- expect:
-- columns: ["ord", "v"]
-- types: ["int8", "json"]
-- row: ["1", "10"]
-- row: ["2", "20"]
-- row: ["3", "30"]
-- tag: SELECT 3

-- case: json2_jsonb_to_record
SELECT * FROM jsonb_to_record('{"a": 1, "b": "x", "c": [1, 2], "extra": 5}') AS r(a int, b text, c int[], missing text);
-- expect:
-- columns: ["a", "b", "c", "missing"]
-- types: ["int4", "text", "int4[]", "text"]
-- row: ["1", "x", "{1,2}", null]
-- tag: SELECT 1

-- case: json2_jsonb_to_recordset
SELECT a, b FROM jsonb_to_recordset('[{"a": 1, "b": "x"}, {"a": 2}]') AS r(a int, b text) ORDER BY a;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["1", "x"]
-- row: ["2", null]
-- tag: SELECT 2

-- case: json2_jsonb_populate_record
CREATE TYPE pr AS (id int, name text);
SELECT (jsonb_populate_record(NULL::pr, '{"id": 7, "name": "seven"}')).*;
-- expect:
-- columns: ["id", "name"]
-- types: ["int4", "text"]
-- row: ["7", "seven"]
-- tag: SELECT 1

-- case: json2_build_object_and_array_types
SELECT jsonb_build_object('a', 1, 'b', 'two', 'c', NULL, 'd', ARRAY[1, 2], 'e', 1.50) AS o, jsonb_build_array(1, 'a', true, NULL, 2.0) AS a;
-- expect:
-- columns: ["o", "a"]
-- types: ["jsonb", "jsonb"]
-- row: ["{\"a\": 1, \"b\": \"two\", \"c\": null, \"d\": [1, 2], \"e\": 1.50}", "[1, \"a\", true, null, 2.0]"]
-- tag: SELECT 1

-- case: json2_build_object_odd_args_error
SELECT jsonb_build_object('a', 1, 'b');
-- expect:
-- error: 22023

-- case: json2_to_json_row_and_text_escaping
SELECT to_jsonb(r) AS r, to_json('a"b\c'::text) AS s, to_jsonb(E'tab\there'::text) AS t FROM (SELECT 1 AS id, 'x' AS name) r;
-- expect:
-- columns: ["r", "s", "t"]
-- types: ["jsonb", "json", "jsonb"]
-- row: ["{\"id\": 1, \"name\": \"x\"}", "\"a\\\"b\\\\c\"", "\"tab\\there\""]
-- tag: SELECT 1

-- case: json2_row_to_json_and_json_object
SELECT row_to_json(ROW(1, 'a')) AS a, json_object('{k1, v1, k2, v2}') AS b, jsonb_object(ARRAY['a', 'b'], ARRAY['1', '2']) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["json", "json", "jsonb"]
-- row: ["{\"f1\":1,\"f2\":\"a\"}", "{\"k1\" : \"v1\", \"k2\" : \"v2\"}", "{\"a\": \"1\", \"b\": \"2\"}"]
-- tag: SELECT 1

-- case: json2_jsonb_typeof_all
SELECT jsonb_typeof('1') AS a, jsonb_typeof('"s"') AS b, jsonb_typeof('true') AS c, jsonb_typeof('null') AS d, jsonb_typeof('[]') AS e, jsonb_typeof('{}') AS f, jsonb_typeof(NULL) AS g;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f", "g"]
-- types: ["text", "text", "text", "text", "text", "text", "text"]
-- row: ["number", "string", "boolean", "null", "array", "object", null]
-- tag: SELECT 1

-- case: json2_jsonb_null_vs_sql_null
SELECT 'null'::jsonb IS NULL AS a, '{"a": null}'::jsonb -> 'a' IS NULL AS b, '{"a": null}'::jsonb ->> 'a' IS NULL AS c, '{"a": null}'::jsonb -> 'a' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "jsonb"]
-- row: ["f", "f", "t", "null"]
-- tag: SELECT 1

-- case: json2_jsonb_casts_scalars
SELECT ('{"n": 12}'::jsonb -> 'n')::int AS a, ('{"n": 1.5}'::jsonb -> 'n')::numeric AS b, ('{"b": true}'::jsonb -> 'b')::bool AS c, ('"x"'::jsonb)::text AS d, ('{"n": "12"}'::jsonb ->> 'n')::int AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4", "numeric", "bool", "text", "int4"]
-- row: ["12", "1.5", "t", "\"x\"", "12"]
-- tag: SELECT 1

-- case: json2_jsonb_cast_string_to_int_error
SELECT ('{"n": "12"}'::jsonb -> 'n')::int;
-- expect:
-- error: 22023

-- case: json2_jsonb_comparison_ordering
SELECT j FROM (VALUES ('{"a": 1}'::jsonb), ('[1, 2]'), ('"s"'), ('1'), ('true'), ('null'), ('[]'), ('{}')) v(j) ORDER BY j;
-- expect:
-- columns: ["j"]
-- types: ["jsonb"]
-- row: ["[]"]
-- row: ["null"]
-- row: ["\"s\""]
-- row: ["1"]
-- row: ["true"]
-- row: ["[1, 2]"]
-- row: ["{}"]
-- row: ["{\"a\": 1}"]
-- tag: SELECT 8

-- case: json2_jsonb_equality_numeric_forms
SELECT '1.0'::jsonb = '1'::jsonb AS a, '[1, 2]'::jsonb = '[2, 1]'::jsonb AS b, '{"a": 1, "b": 2}'::jsonb = '{"b": 2, "a": 1}'::jsonb AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "f", "t"]
-- tag: SELECT 1

-- case: json2_jsonb_path_exists_and_match
SELECT jsonb_path_exists('{"a": [1, 5, 9]}', '$.a[*] ? (@ > 8)') AS a, jsonb_path_match('{"a": 3}', '$.a > 2') AS b, '{"a": [1, 2]}'::jsonb @? '$.a[*] ? (@ == 2)' AS c, '{"a": 3}'::jsonb @@ '$.a == 3' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["t", "t", "t", "t"]
-- tag: SELECT 1

-- case: json2_jsonb_path_query_array_vars
SELECT jsonb_path_query_array('[1, 2, 3, 4]', '$[*] ? (@ >= $min)', '{"min": 3}') AS a, jsonb_path_query_first('{"a": [7, 8]}', '$.a[last]') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["jsonb", "jsonb"]
-- row: ["[3, 4]", "8"]
-- tag: SELECT 1

-- case: json2_jsonb_pretty
SELECT jsonb_pretty('{"a": [1, {"b": null}]}') AS p;
-- expect:
-- columns: ["p"]
-- types: ["text"]
-- row: ["{\n    \"a\": [\n        1,\n        {\n            \"b\": null\n        }\n    ]\n}"]
-- tag: SELECT 1

-- case: json2_jsonb_strip_nulls_nested
SELECT jsonb_strip_nulls('{"a": null, "b": {"c": null, "d": 1}, "e": [null]}') AS s;
-- expect:
-- columns: ["s"]
-- types: ["jsonb"]
-- row: ["{\"b\": {\"d\": 1}, \"e\": [null]}"]
-- tag: SELECT 1

-- case: json2_json_typeof_and_length
SELECT json_typeof('[1, 2]') AS t, json_array_length('[1, [2, 3], null]') AS n, jsonb_array_length('[]') AS z;
-- expect:
-- columns: ["t", "n", "z"]
-- types: ["text", "int4", "int4"]
-- row: ["array", "3", "0"]
-- tag: SELECT 1

-- case: json2_jsonb_array_length_on_object_error
SELECT jsonb_array_length('{"a": 1}');
-- expect:
-- error: 22023

-- case: json2_subscript_syntax
SELECT ('{"a": {"b": 5}}'::jsonb)['a']['b'] AS a, ('[1, 2, 3]'::jsonb)[1] AS b, ('{"a": 1}'::jsonb)['zz'] AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["jsonb", "jsonb", "jsonb"]
-- row: ["5", "2", null]
-- tag: SELECT 1

-- case: json2_subscript_update
CREATE TABLE t (j jsonb);
INSERT INTO t VALUES ('{"a": 1}');
UPDATE t SET j['b'] = '"new"';
SELECT j FROM t;
-- expect:
-- columns: ["j"]
-- types: ["jsonb"]
-- row: ["{\"a\": 1, \"b\": \"new\"}"]
-- tag: SELECT 1

-- case: json2_unicode_escape_in_jsonb
SELECT '{"s": "\u00e9"}'::jsonb ->> 's' AS s, '"\u00e9"'::json AS j;
-- expect:
-- columns: ["s", "j"]
-- types: ["text", "json"]
-- row: ["é", "\"\\u00e9\""]
-- tag: SELECT 1

-- case: json2_json_agg_of_rows
SELECT json_agg(r ORDER BY r.id) AS a FROM (VALUES (1, 'a'), (2, NULL)) r(id, v);
-- expect:
-- columns: ["a"]
-- types: ["json"]
-- row: ["[{\"id\":1,\"v\":\"a\"}, \n {\"id\":2,\"v\":null}]"]
-- tag: SELECT 1

-- case: arr2_literal_forms_and_output_quoting
SELECT ARRAY['a b', 'c,d', '"q"', '', NULL, 'NULL', 'x\y'] AS a;
-- expect:
-- columns: ["a"]
-- types: ["text[]"]
-- row: ["{\"a b\",\"c,d\",\"\\\"q\\\"\",\"\",NULL,\"NULL\",\"x\\\\y\"}"]
-- tag: SELECT 1

-- case: arr2_nested_literals_and_dims
SELECT '{{1,2,3},{4,5,6}}'::int[] AS a, array_dims('{{1,2,3},{4,5,6}}'::int[]) AS d, array_ndims('{{1,2,3},{4,5,6}}'::int[]) AS n, array_length('{{1,2,3},{4,5,6}}'::int[], 2) AS l2, cardinality('{{1,2,3},{4,5,6}}'::int[]) AS c;
-- expect:
-- columns: ["a", "d", "n", "l2", "c"]
-- types: ["int4[]", "text", "int4", "int4", "int4"]
-- row: ["{{1,2,3},{4,5,6}}", "[1:2][1:3]", "2", "3", "6"]
-- tag: SELECT 1

-- case: arr2_custom_lower_bound
SELECT '[0:2]={a,b,c}'::text[] AS a, ('[0:2]={a,b,c}'::text[])[0] AS first, array_lower('[0:2]={a,b,c}'::text[], 1) AS lo, array_upper('[0:2]={a,b,c}'::text[], 1) AS hi;
-- expect:
-- columns: ["a", "first", "lo", "hi"]
-- types: ["text[]", "text", "int4", "int4"]
-- row: ["[0:2]={a,b,c}", "a", "0", "2"]
-- tag: SELECT 1

-- case: arr2_subscript_out_of_range_null
SELECT (ARRAY[1, 2, 3])[0] AS a, (ARRAY[1, 2, 3])[4] AS b, (ARRAY[1, 2, 3])[-1] AS c, (ARRAY[[1, 2], [3, 4]])[2][1] AS d, (ARRAY[[1, 2], [3, 4]])[2] AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4", "int4", "int4", "int4", "int4"]
-- row: [null, null, null, "3", null]
-- tag: SELECT 1

-- case: arr2_slicing
SELECT (ARRAY[1, 2, 3, 4, 5])[2:3] AS a, (ARRAY[1, 2, 3, 4, 5])[:2] AS b, (ARRAY[1, 2, 3, 4, 5])[4:] AS c, (ARRAY[1, 2, 3, 4, 5])[4:2] AS d, (ARRAY[[1, 2], [3, 4]])[1:2][2:2] AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4[]", "int4[]", "int4[]", "int4[]", "int4[]"]
-- row: ["{2,3}", "{1,2}", "{4,5}", "{}", "{{2},{4}}"]
-- tag: SELECT 1

-- case: arr2_slice_out_of_range
SELECT (ARRAY[1, 2, 3])[2:10] AS a, (ARRAY[1, 2, 3])[5:6] AS b, (ARRAY[1, 2, 3])[0:1] AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4[]", "int4[]", "int4[]"]
-- row: ["{2,3}", "{}", "{1}"]
-- tag: SELECT 1

-- case: arr2_unnest_with_ordinality_table
CREATE TABLE t (id int, tags text[]);
INSERT INTO t VALUES (1, '{x,y}'), (2, '{}'), (3, '{z}');
SELECT t.id, u.tag, u.pos FROM t, unnest(t.tags) WITH ORDINALITY AS u(tag, pos) ORDER BY t.id, u.pos;
-- expect:
-- columns: ["id", "tag", "pos"]
-- types: ["int4", "text", "int8"]
-- row: ["1", "x", "1"]
-- row: ["1", "y", "2"]
-- row: ["3", "z", "1"]
-- tag: SELECT 3

-- case: arr2_unnest_multidim_flattens
SELECT x FROM unnest('{{1,2},{3,4}}'::int[]) x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- row: ["4"]
-- tag: SELECT 4

-- case: arr2_unnest_null_and_empty
SELECT (SELECT count(*) FROM unnest(NULL::int[])) AS n_null, (SELECT count(*) FROM unnest('{}'::int[])) AS n_empty, (SELECT count(*) FROM unnest(ARRAY[NULL::int, NULL])) AS n_nulls;
-- expect:
-- columns: ["n_null", "n_empty", "n_nulls"]
-- types: ["int8", "int8", "int8"]
-- row: ["0", "0", "2"]
-- tag: SELECT 1

-- case: arr2_unnest_in_select_list_zip
SELECT unnest(ARRAY[1, 2, 3]) AS a, unnest(ARRAY['x', 'y']) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["1", "x"]
-- row: ["2", "y"]
-- row: ["3", null]
-- tag: SELECT 3

-- case: arr2_any_all_with_nulls
SELECT 1 = ANY (ARRAY[1, NULL]) AS a, 2 = ANY (ARRAY[1, NULL]) AS b, 2 <> ALL (ARRAY[1, NULL]) AS c, 1 <> ALL (ARRAY[2, 3]) AS d, 1 = ANY ('{}'::int[]) AS e, 1 = ALL ('{}'::int[]) AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["bool", "bool", "bool", "bool", "bool", "bool"]
-- row: ["t", null, null, "t", "f", "t"]
-- tag: SELECT 1

-- case: arr2_any_with_like_and_comparison
SELECT 'abc' LIKE ANY (ARRAY['x%', 'a%']) AS a, 'abc' LIKE ALL (ARRAY['a%', '%c']) AS b, 5 > ALL (ARRAY[1, 2, 3]) AS c, 5 < ANY (ARRAY[1, 9]) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["t", "t", "t", "t"]
-- tag: SELECT 1

-- case: arr2_any_on_column_array
CREATE TABLE t (id int, roles text[]);
INSERT INTO t VALUES (1, '{admin,dev}'), (2, '{dev}'), (3, NULL);
SELECT id FROM t WHERE 'admin' = ANY (roles) ORDER BY id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: arr2_comparison_lexicographic
SELECT ARRAY[1, 2] < ARRAY[1, 3] AS a, ARRAY[1, 2] < ARRAY[1, 2, 0] AS b, ARRAY[2] > ARRAY[1, 9] AS c, ARRAY[1, NULL] = ARRAY[1, NULL] AS d, '{}'::int[] < ARRAY[1] AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["bool", "bool", "bool", "bool", "bool"]
-- row: ["t", "t", "t", "t", "t"]
-- tag: SELECT 1

-- case: arr2_containment_and_overlap_nulls
SELECT ARRAY[1, 2, 3] @> ARRAY[3, 1] AS a, ARRAY[1, 2] <@ ARRAY[1] AS b, ARRAY[1, 2] && ARRAY[2, 5] AS c, ARRAY[1, NULL] @> ARRAY[NULL::int] AS d, ARRAY[1, 1] @> ARRAY[1, 1, 1] AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["bool", "bool", "bool", "bool", "bool"]
-- row: ["t", "f", "t", "f", "t"]
-- tag: SELECT 1

-- case: arr2_concat_dimensions
SELECT ARRAY[1, 2] || ARRAY[3] AS a, ARRAY[[1, 2]] || ARRAY[3, 4] AS b, ARRAY[1] || NULL::int[] AS c, NULL::int[] || 5 AS d, ARRAY[1, 2] || ARRAY[[3, 4]] AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4[]", "int4[]", "int4[]", "int4[]", "int4[]"]
-- row: ["{1,2,3}", "{{1,2},{3,4}}", "{1}", "{5}", "{{1,2},{3,4}}"]
-- tag: SELECT 1

-- case: arr2_concat_dim_mismatch_error
SELECT ARRAY[[1, 2]] || ARRAY[3];
-- expect:
-- error: 2202E

-- case: arr2_array_functions_positions
SELECT array_position(ARRAY['a', 'b', 'a'], 'a') AS a, array_position(ARRAY['a', 'b', 'a'], 'a', 2) AS b, array_positions(ARRAY[1, 2, 1, 1], 1) AS c, array_position(ARRAY[1, NULL], NULL) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "int4", "int4[]", "int4"]
-- row: ["1", "3", "{1,3,4}", "2"]
-- tag: SELECT 1

-- case: arr2_array_remove_replace_nulls
SELECT array_remove(ARRAY[1, NULL, 2, NULL], NULL) AS a, array_replace(ARRAY[1, NULL, 2], NULL, 0) AS b, array_remove('{}'::int[], 1) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4[]", "int4[]", "int4[]"]
-- row: ["{1,2}", "{1,0,2}", "{}"]
-- tag: SELECT 1

-- case: arr2_array_fill_and_dims
SELECT array_fill(7, ARRAY[2, 2]) AS a, array_fill('x'::text, ARRAY[3], ARRAY[0]) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4[]", "text[]"]
-- row: ["{{7,7},{7,7}}", "[0:2]={x,x,x}"]
-- tag: SELECT 1

-- case: arr2_array_length_empty_is_null
SELECT array_length('{}'::int[], 1) AS a, cardinality('{}'::int[]) AS b, array_upper('{}'::int[], 1) AS c, array_ndims('{}'::int[]) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "int4", "int4", "int4"]
-- row: [null, "0", null, null]
-- tag: SELECT 1

-- case: arr2_array_cat_and_append_types
SELECT array_cat(ARRAY[1.5], ARRAY[2]) AS a, pg_typeof(array_append(ARRAY[1::int2], 2::int2)) AS t, array_prepend(0, ARRAY[1]) AS p;
-- expect:
-- columns: ["a", "t", "p"]
-- types: ["numeric[]", "regtype", "int4[]"]
-- row: ["{1.5,2}", "smallint[]", "{0,1}"]
-- tag: SELECT 1

-- case: arr2_array_agg_order_by_with_nulls
SELECT array_agg(x ORDER BY x NULLS FIRST) AS a, array_agg(x ORDER BY x DESC NULLS LAST) AS b FROM (VALUES (2), (NULL), (1)) v(x);
-- expect:
-- columns: ["a", "b"]
-- types: ["int4[]", "int4[]"]
-- row: ["{NULL,1,2}", "{2,1,NULL}"]
-- tag: SELECT 1

-- case: arr2_array_constructor_from_subquery_ordered
SELECT ARRAY(SELECT x * 2 FROM generate_series(1, 4) x ORDER BY x DESC) AS a, ARRAY(SELECT 1 WHERE false) AS empty;
-- expect:
-- columns: ["a", "empty"]
-- types: ["int4[]", "int4[]"]
-- row: ["{8,6,4,2}", "{}"]
-- tag: SELECT 1

-- case: arr2_array_constructor_subquery_two_columns_error
SELECT ARRAY(SELECT 1, 2);
-- expect:
-- error: 42601

-- case: arr2_text_array_from_string_cast
SELECT '{a,"b c",NULL,"NULL"}'::text[] AS a, ('{a,"b c",NULL,"NULL"}'::text[])[3] IS NULL AS third_null, ('{a,"b c",NULL,"NULL"}'::text[])[4] AS fourth;
-- expect:
-- columns: ["a", "third_null", "fourth"]
-- types: ["text[]", "bool", "text"]
-- row: ["{a,\"b c\",NULL,\"NULL\"}", "t", "NULL"]
-- tag: SELECT 1

-- case: arr2_int_array_whitespace_input
SELECT '{ 1 , 2 ,3 }'::int[] AS a, '{}'::text[] AS b, '{ {1,2} , {3,4} }'::int[] AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4[]", "text[]", "int4[]"]
-- row: ["{1,2,3}", "{}", "{{1,2},{3,4}}"]
-- tag: SELECT 1

-- case: arr2_nested_empty_braces_error
SELECT '{{}}'::int[];
-- expect:
-- error: 22P02

-- case: arr2_array_of_arrays_of_different_lengths_error
SELECT ARRAY[ARRAY[1, 2], ARRAY[3]];
-- expect:
-- error: 2202E

-- case: arr2_array_to_json_and_back
SELECT array_to_json(ARRAY[[1, 2], [3, 4]]) AS j, to_jsonb(ARRAY['a', NULL]) AS jb;
-- expect:
-- columns: ["j", "jb"]
-- types: ["json", "jsonb"]
-- row: ["[[1,2],[3,4]]", "[\"a\", null]"]
-- tag: SELECT 1

-- case: arr2_generate_subscripts
SELECT s, (ARRAY['a', 'b', 'c'])[s] AS v FROM generate_subscripts(ARRAY['a', 'b', 'c'], 1) s ORDER BY s DESC;
-- expect:
-- columns: ["s", "v"]
-- types: ["int4", "text"]
-- row: ["3", "c"]
-- row: ["2", "b"]
-- row: ["1", "a"]
-- tag: SELECT 3

-- case: arr2_array_sort_via_unnest
SELECT ARRAY(SELECT unnest(ARRAY[3, 1, 2]) ORDER BY 1) AS sorted;
-- expect:
-- columns: ["sorted"]
-- types: ["int4[]"]
-- row: ["{1,2,3}"]
-- tag: SELECT 1

-- case: arr2_string_to_array_and_distinct_elements
SELECT ARRAY(SELECT DISTINCT e FROM unnest(string_to_array('b,a,b,c,a', ',')) e ORDER BY e) AS u;
-- expect:
-- columns: ["u"]
-- types: ["text[]"]
-- row: ["{a,b,c}"]
-- tag: SELECT 1

-- case: arr2_trim_array_pg14
SELECT trim_array(ARRAY[1, 2, 3, 4], 2) AS a;
-- expect:
-- columns: ["a"]
-- types: ["int4[]"]
-- row: ["{1,2}"]
-- tag: SELECT 1

-- case: arr2_bool_and_date_arrays_output
SELECT ARRAY[true, false, NULL] AS b, ARRAY[date '2024-01-01', date '2024-02-29'] AS d, ARRAY[1.50, 2] AS n, ARRAY[interval '1 day'] AS i;
-- expect:
-- columns: ["b", "d", "n", "i"]
-- types: ["bool[]", "date[]", "numeric[]", "interval[]"]
-- row: ["{t,f,NULL}", "{2024-01-01,2024-02-29}", "{1.50,2}", "{\"1 day\"}"]
-- tag: SELECT 1

-- case: arr2_timestamp_array_quoting
SELECT ARRAY[timestamp '2024-01-01 10:00'] AS ts, ARRAY['{}'::jsonb, '[1]'] AS j;
-- expect:
-- columns: ["ts", "j"]
-- types: ["timestamp[]", "jsonb[]"]
-- row: ["{\"2024-01-01 10:00:00\"}", "{\"{}\",[1]}"]
-- tag: SELECT 1
