-- NULL semantics, part 2: three-valued logic in WHERE/CASE/NOT IN/EXISTS, NULLs in aggregates,
-- ordering, constraints, functions, comparisons and set operations.

-- case: null2_not_in_list_with_null_values
SELECT 1 NOT IN (2, NULL) AS a, 1 NOT IN (1, NULL) AS b, 1 IN (2, NULL) AS c, NULL::int IN (1) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: [null, "f", null, null]
-- tag: SELECT 1

-- case: null2_not_in_subquery_with_null_rows
CREATE TABLE a (x int);
CREATE TABLE b (y int);
INSERT INTO a VALUES (1), (2), (NULL);
INSERT INTO b VALUES (2), (NULL);
SELECT count(*) AS n FROM a WHERE x NOT IN (SELECT y FROM b);
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: null2_not_exists_handles_nulls
CREATE TABLE a (x int);
CREATE TABLE b (y int);
INSERT INTO a VALUES (1), (2), (NULL);
INSERT INTO b VALUES (2), (NULL);
SELECT x FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.y = a.x) ORDER BY x NULLS FIRST;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: [null]
-- row: ["1"]
-- tag: SELECT 2

-- case: null2_in_subquery_null_outer_never_matches
CREATE TABLE a (x int);
CREATE TABLE b (y int);
INSERT INTO a VALUES (NULL), (1);
INSERT INTO b VALUES (NULL), (1);
SELECT x FROM a WHERE x IN (SELECT y FROM b);
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: null2_exists_subquery_selecting_null
SELECT EXISTS (SELECT NULL) AS a, EXISTS (SELECT 1 WHERE NULL) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: ["t", "f"]
-- tag: SELECT 1

-- case: null2_not_null_unknown_in_where
CREATE TABLE t (a int, b bool);
INSERT INTO t VALUES (1, true), (2, false), (3, NULL);
SELECT a FROM t WHERE NOT b ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["2"]
-- tag: SELECT 1

-- case: null2_is_unknown_and_is_not_unknown
SELECT NULL::bool IS UNKNOWN AS a, true IS NOT UNKNOWN AS b, (1 = NULL) IS UNKNOWN AS c, NULL::bool IS NOT TRUE AS d, NULL::bool IS NOT FALSE AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["bool", "bool", "bool", "bool", "bool"]
-- row: ["t", "t", "t", "t", "t"]
-- tag: SELECT 1

-- case: null2_case_when_null_condition_falls_through
SELECT CASE WHEN NULL THEN 'yes' WHEN NOT NULL::bool THEN 'no' ELSE 'unknown' END AS r;
-- expect:
-- columns: ["r"]
-- types: ["text"]
-- row: ["unknown"]
-- tag: SELECT 1

-- case: null2_simple_case_null_operand_no_match
SELECT CASE NULL::int WHEN NULL THEN 'matched' ELSE 'not matched' END AS r;
-- expect:
-- columns: ["r"]
-- types: ["text"]
-- row: ["not matched"]
-- tag: SELECT 1

-- case: null2_comparisons_all_null
SELECT NULL = NULL AS eq, NULL <> NULL AS ne, NULL < 1 AS lt, NULL::int IS DISTINCT FROM NULL AS d1, 1 IS DISTINCT FROM NULL AS d2, NULL::int IS NOT DISTINCT FROM NULL AS nd;
-- expect:
-- columns: ["eq", "ne", "lt", "d1", "d2", "nd"]
-- types: ["bool", "bool", "bool", "bool", "bool", "bool"]
-- row: [null, null, null, "f", "t", "t"]
-- tag: SELECT 1

-- case: null2_row_comparisons_with_nulls
SELECT ROW(1, NULL) = ROW(1, NULL) AS a, ROW(1, NULL) = ROW(2, NULL) AS b, ROW(1, NULL) IS NOT DISTINCT FROM ROW(1, NULL) AS c, ROW(1, 2) < ROW(1, NULL) AS d, ROW(1, 2) < ROW(2, NULL) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["bool", "bool", "bool", "bool", "bool"]
-- row: [null, "f", "t", null, "t"]
-- tag: SELECT 1

-- case: null2_row_is_null_vs_is_not_null
SELECT ROW(NULL, NULL) IS NULL AS a, ROW(1, NULL) IS NULL AS b, ROW(1, NULL) IS NOT NULL AS c, ROW(1, 2) IS NOT NULL AS d, NOT (ROW(1, NULL) IS NULL) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["bool", "bool", "bool", "bool", "bool"]
-- row: ["t", "f", "f", "t", "t"]
-- tag: SELECT 1

-- case: null2_composite_column_is_null
CREATE TYPE pr AS (a int, b int);
CREATE TABLE t (id int, p pr);
INSERT INTO t VALUES (1, NULL), (2, ROW(NULL, NULL)), (3, ROW(1, NULL));
SELECT id, p IS NULL AS isnull, p IS NOT NULL AS notnull FROM t ORDER BY id;
-- expect:
-- columns: ["id", "isnull", "notnull"]
-- types: ["int4", "bool", "bool"]
-- row: ["1", "t", "f"]
-- row: ["2", "t", "f"]
-- row: ["3", "f", "f"]
-- tag: SELECT 3

-- case: null2_and_or_short_circuit_with_null
SELECT false AND NULL AS a, true AND NULL AS b, true OR NULL AS c, false OR NULL AS d, NOT NULL::bool AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["bool", "bool", "bool", "bool", "bool"]
-- row: ["f", null, "t", null, null]
-- tag: SELECT 1

-- case: null2_arithmetic_and_functions_propagate
SELECT 1 + NULL AS a, NULL * 0 AS b, abs(NULL::int) AS c, length(NULL::text) AS d, upper(NULL::text) AS e, round(NULL::numeric, 2) AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["int4", "int4", "int4", "int4", "text", "numeric"]
-- row: [null, null, null, null, null, null]
-- tag: SELECT 1

-- case: null2_division_by_null_no_error
SELECT 1 / NULL::int AS a, NULL::int / 0 AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: [null, null]
-- tag: SELECT 1

-- case: null2_coalesce_all_null
SELECT COALESCE(NULL, NULL) AS a, pg_typeof(COALESCE(NULL, NULL)) AS t, COALESCE(NULL::int, NULL) AS b;
-- expect:
-- columns: ["a", "t", "b"]
-- types: ["text", "regtype", "int4"]
-- row: [null, "text", null]
-- tag: SELECT 1

-- case: null2_nullif_variants
SELECT NULLIF(1, 1) AS a, NULLIF(1, 2) AS b, NULLIF(NULL::int, 1) AS c, NULLIF(1, NULL) AS d, NULLIF('', '') IS NULL AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4", "int4", "int4", "int4", "bool"]
-- row: [null, "1", null, "1", "t"]
-- tag: SELECT 1

-- case: null2_nullif_avoids_division_by_zero
SELECT 10 / NULLIF(0, 0) AS a, coalesce(10 / NULLIF(0, 0), -1) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: [null, "-1"]
-- tag: SELECT 1

-- case: null2_greatest_least_all_null
SELECT greatest(NULL::int, NULL) AS a, least(1, NULL, 0) AS b, greatest(NULL, 'a', 'b') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "int4", "text"]
-- row: [null, "0", "b"]
-- tag: SELECT 1

-- case: null2_concat_functions_vs_operator
SELECT concat('a', NULL, 'b') AS f, 'a' || NULL || 'b' AS op, concat_ws(',', NULL, NULL) AS ws, array_to_string(ARRAY[NULL, 'x'], ',', '?') AS arr;
-- expect:
-- columns: ["f", "op", "ws", "arr"]
-- types: ["text", "text", "text", "text"]
-- row: ["ab", null, "", "?,x"]
-- tag: SELECT 1

-- case: null2_count_variants
SELECT count(*) AS star, count(a) AS a, count(DISTINCT a) AS da, count(NULL) AS cn FROM (VALUES (1), (1), (NULL), (NULL)) v(a);
-- expect:
-- columns: ["star", "a", "da", "cn"]
-- types: ["int8", "int8", "int8", "int8"]
-- row: ["4", "2", "1", "0"]
-- tag: SELECT 1

-- case: null2_avg_ignores_nulls
SELECT avg(a) AS avg, sum(a) / count(*) AS naive FROM (VALUES (10), (NULL), (20), (NULL)) v(a);
-- expect:
-- columns: ["avg", "naive"]
-- types: ["numeric", "int8"]
-- row: ["15.0000000000000000", "7"]
-- tag: SELECT 1

-- case: null2_sum_all_nulls_vs_empty
SELECT (SELECT sum(a) FROM (VALUES (NULL::int)) v(a)) AS all_null, (SELECT sum(a) FROM (SELECT 1 WHERE false) v(a)) AS empty, (SELECT count(a) FROM (VALUES (NULL::int)) v(a)) AS cnt;
-- expect:
-- columns: ["all_null", "empty", "cnt"]
-- types: ["int8", "int8", "int8"]
-- row: [null, null, "0"]
-- tag: SELECT 1

-- case: null2_group_by_nulls_together_with_count
SELECT k, count(*) AS n FROM (VALUES ('a'), (NULL), ('a'), (NULL), (NULL)) v(k) GROUP BY k ORDER BY k NULLS FIRST;
-- expect:
-- columns: ["k", "n"]
-- types: ["text", "int8"]
-- row: [null, "3"]
-- row: ["a", "2"]
-- tag: SELECT 2

-- case: null2_distinct_on_null_keys
SELECT DISTINCT ON (k) k, v FROM (VALUES (NULL, 2), (NULL, 1), (1, 3)) t(k, v) ORDER BY k NULLS FIRST, v;
-- expect:
-- columns: ["k", "v"]
-- types: ["int4", "int4"]
-- row: [null, "1"]
-- row: ["1", "3"]
-- tag: SELECT 2

-- case: null2_order_by_nulls_first_last_multi
SELECT a, b FROM (VALUES (1, NULL), (1, 2), (NULL, 1), (2, NULL)) v(a, b) ORDER BY a NULLS FIRST, b DESC NULLS LAST;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: [null, "1"]
-- row: ["1", "2"]
-- row: ["1", null]
-- row: ["2", null]
-- tag: SELECT 4

-- case: null2_order_desc_default_nulls_first
SELECT a FROM (VALUES (1), (NULL), (3)) v(a) ORDER BY a DESC;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: [null]
-- row: ["3"]
-- row: ["1"]
-- tag: SELECT 3

-- case: null2_min_max_text_ignore_nulls
SELECT min(a) AS mn, max(a) AS mx FROM (VALUES ('b'), (NULL), ('a')) v(a);
-- expect:
-- columns: ["mn", "mx"]
-- types: ["text", "text"]
-- row: ["a", "b"]
-- tag: SELECT 1

-- case: null2_string_agg_array_agg_all_null
SELECT string_agg(a, ',') AS s, array_agg(a) AS arr FROM (VALUES (NULL::text), (NULL)) v(a);
-- expect:
-- columns: ["s", "arr"]
-- types: ["text", "text[]"]
-- row: [null, "{NULL,NULL}"]
-- tag: SELECT 1

-- case: null2_unique_index_allows_many_nulls
CREATE TABLE t (a int);
CREATE UNIQUE INDEX t_a ON t (a);
INSERT INTO t VALUES (NULL), (NULL), (NULL);
SELECT count(*) AS n FROM t;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["3"]
-- tag: SELECT 1

-- case: null2_unique_nulls_not_distinct_index
CREATE TABLE t (a int);
CREATE UNIQUE INDEX t_a ON t (a) NULLS NOT DISTINCT;
INSERT INTO t VALUES (NULL);
INSERT INTO t VALUES (NULL);
-- expect:
-- error: 23505

-- case: null2_check_constraint_unknown_passes
CREATE TABLE t (a int, b int, CHECK (a < b));
INSERT INTO t VALUES (5, NULL), (NULL, 1);
SELECT count(*) AS n FROM t;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: null2_fk_null_not_checked
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p);
INSERT INTO c VALUES (NULL), (NULL);
SELECT count(*) AS n FROM c;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: null2_left_join_null_vs_stored_null
CREATE TABLE a (id int);
CREATE TABLE b (aid int, v text);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (1, NULL);
SELECT a.id, b.aid IS NULL AS no_match, b.v IS NULL AS v_null FROM a LEFT JOIN b ON b.aid = a.id ORDER BY a.id;
-- expect:
-- columns: ["id", "no_match", "v_null"]
-- types: ["int4", "bool", "bool"]
-- row: ["1", "f", "t"]
-- row: ["2", "t", "t"]
-- tag: SELECT 2

-- case: null2_union_dedups_nulls
SELECT a FROM (VALUES (NULL::int), (1)) v(a) UNION SELECT a FROM (VALUES (NULL::int), (1)) w(a) ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: [null]
-- tag: SELECT 2

-- case: null2_except_treats_nulls_equal
SELECT a FROM (VALUES (NULL::int), (1), (2)) v(a) EXCEPT SELECT NULL::int ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: null2_between_with_null_bound
SELECT 5 BETWEEN 1 AND NULL AS a, 5 BETWEEN 6 AND NULL AS b, NULL BETWEEN 1 AND 2 AS c, 5 NOT BETWEEN 6 AND NULL AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: [null, "f", null, "t"]
-- tag: SELECT 1

-- case: null2_like_null_pattern
SELECT 'abc' LIKE NULL AS a, NULL LIKE 'a%' AS b, 'abc' ~ NULL AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: [null, null, null]
-- tag: SELECT 1

-- case: null2_array_with_nulls_functions
SELECT array_length(ARRAY[NULL, NULL]::int[], 1) AS len, cardinality(ARRAY[NULL]::int[]) AS card, ARRAY[NULL]::int[] IS NULL AS isnull, array_position(ARRAY[1, NULL, 3], NULL) AS pos;
-- expect:
-- columns: ["len", "card", "isnull", "pos"]
-- types: ["int4", "int4", "bool", "int4"]
-- row: ["2", "1", "f", "2"]
-- tag: SELECT 1

-- case: null2_null_array_vs_empty
SELECT NULL::int[] IS NULL AS a, '{}'::int[] IS NULL AS b, array_length('{}'::int[], 1) IS NULL AS c, coalesce(array_length('{}'::int[], 1), 0) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "int4"]
-- row: ["t", "f", "t", "0"]
-- tag: SELECT 1

-- case: null2_jsonb_null_handling
SELECT jsonb_build_object('a', NULL) AS a, to_jsonb(NULL::text) AS b, '{"a": null}'::jsonb ? 'a' AS c, jsonb_strip_nulls('{"a": null}') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["jsonb", "jsonb", "bool", "jsonb"]
-- row: ["{\"a\": null}", null, "t", "{}"]
-- tag: SELECT 1

-- case: null2_window_lag_default_vs_null_value
SELECT x, lag(x, 1, -1) OVER (ORDER BY o) AS prev FROM (VALUES (1, 10), (2, NULL), (3, 30)) v(o, x) ORDER BY o;
-- expect:
-- columns: ["x", "prev"]
-- types: ["int4", "int4"]
-- row: ["10", "-1"]
-- row: [null, "10"]
-- row: ["30", null]
-- tag: SELECT 3

-- case: null2_window_first_value_null
SELECT o, first_value(x) OVER (ORDER BY o) AS fv FROM (VALUES (1, NULL), (2, 5)) v(o, x) ORDER BY o;
-- expect:
-- columns: ["o", "fv"]
-- types: ["int4", "int4"]
-- row: ["1", null]
-- row: ["2", null]
-- tag: SELECT 2

-- case: null2_insert_null_into_default_column
CREATE TABLE t (a int, b int DEFAULT 5);
INSERT INTO t VALUES (1, NULL);
INSERT INTO t (a) VALUES (2);
SELECT a, b FROM t ORDER BY a;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", null]
-- row: ["2", "5"]
-- tag: SELECT 2

-- case: null2_update_set_null_where_null
CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (1, NULL), (2, 'x'), (3, NULL);
UPDATE t SET b = 'filled' WHERE b IS NULL;
-- expect:
-- tag: UPDATE 2

-- case: null2_where_equals_null_matches_nothing
CREATE TABLE t (a int);
INSERT INTO t VALUES (NULL), (1);
SELECT count(*) AS n FROM t WHERE a = NULL;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: null2_case_result_null_types
SELECT CASE WHEN false THEN 1 END AS a, pg_typeof(CASE WHEN false THEN 1 END) AS t, CASE WHEN true THEN NULL ELSE 'x' END AS b;
-- expect:
-- columns: ["a", "t", "b"]
-- types: ["int4", "regtype", "text"]
-- row: [null, "integer", null]
-- tag: SELECT 1

-- case: null2_null_literal_in_values_with_types
SELECT pg_typeof(a) AS ta, pg_typeof(b) AS tb FROM (VALUES (NULL, 1), (NULL, NULL)) v(a, b) LIMIT 1;
-- expect:
-- columns: ["ta", "tb"]
-- types: ["regtype", "regtype"]
-- row: ["text", "integer"]
-- tag: SELECT 1

-- case: null2_sort_nulls_in_text_and_int
SELECT a, b FROM (VALUES ('x', NULL), (NULL, 1), ('a', 2)) v(a, b) ORDER BY a NULLS FIRST;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "int4"]
-- row: [null, "1"]
-- row: ["a", "2"]
-- row: ["x", null]
-- tag: SELECT 3

-- case: null2_num_nulls_num_nonnulls
SELECT num_nulls(1, NULL, NULL) AS n, num_nonnulls(1, NULL, 'a') AS nn, num_nulls(VARIADIC ARRAY[NULL, 1]) AS va;
-- expect:
-- columns: ["n", "nn", "va"]
-- types: ["int4", "int4", "int4"]
-- row: ["2", "2", "1"]
-- tag: SELECT 1

-- case: null2_bool_aggregates_with_nulls
SELECT bool_and(b) AS ba, bool_or(b) AS bo, every(b) AS ev FROM (VALUES (true), (NULL), (true)) v(b);
-- expect:
-- columns: ["ba", "bo", "ev"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "t"]
-- tag: SELECT 1

-- case: null2_filter_clause_null_condition
SELECT count(*) FILTER (WHERE b) AS t, count(*) FILTER (WHERE NOT b) AS f FROM (VALUES (true), (NULL), (false)) v(b);
-- expect:
-- columns: ["t", "f"]
-- types: ["int8", "int8"]
-- row: ["1", "1"]
-- tag: SELECT 1
