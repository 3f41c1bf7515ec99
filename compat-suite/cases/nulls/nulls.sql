-- NULL semantics: three-valued logic, comparisons, functions and aggregates with NULLs.

-- case: null_equals_null
SELECT NULL = NULL AS a, NULL <> NULL AS b, NULL::int = 1 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: [null, null, null]
-- tag: SELECT 1

-- case: null_is_null
SELECT NULL IS NULL AS a, 1 IS NULL AS b, NULL IS NOT NULL AS c, 1 IS NOT NULL AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["t", "f", "f", "t"]
-- tag: SELECT 1

-- case: null_and_or_truth_table
SELECT NULL AND true AS a, NULL AND false AS b, NULL OR true AS c, NULL OR false AS d, NOT NULL::bool AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["bool", "bool", "bool", "bool", "bool"]
-- row: [null, "f", "t", null, null]
-- tag: SELECT 1

-- case: null_arithmetic
SELECT 1 + NULL AS a, NULL * 0 AS b, -NULL::int AS c, NULL::int / 0 AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "int4", "int4", "int4"]
-- row: [null, null, null, null]
-- tag: SELECT 1

-- case: null_concat
SELECT 'a' || NULL AS a, NULL || NULL::text AS b, concat('a', NULL) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text", "text", "text"]
-- row: [null, null, "a"]
-- tag: SELECT 1

-- case: null_in_where_filters
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (NULL), (3);
SELECT a FROM t WHERE a <> 1;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["3"]
-- tag: SELECT 1

-- case: null_in_list_with_null
SELECT 1 IN (1, NULL) AS a, 2 IN (1, NULL) AS b, 2 NOT IN (1, NULL) AS c, NULL IN (1, 2) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["t", null, null, null]
-- tag: SELECT 1

-- case: null_is_distinct_from_table
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 1), (1, NULL), (NULL, NULL), (1, 2);
SELECT a, b, a IS DISTINCT FROM b AS d, a = b AS eq FROM t ORDER BY a NULLS LAST, b NULLS LAST;
-- expect:
-- columns: ["a", "b", "d", "eq"]
-- types: ["int4", "int4", "bool", "bool"]
-- row: ["1", "1", "f", "t"]
-- row: ["1", "2", "t", "f"]
-- row: ["1", null, "t", null]
-- row: [null, null, "f", null]
-- tag: SELECT 4

-- case: null_coalesce_chain
SELECT coalesce(NULL, NULL) AS a, coalesce(NULL, 'x', 'y') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: [null, "x"]
-- tag: SELECT 1

-- case: null_nullif_to_null
SELECT nullif('', '') AS a, nullif(0, 0) IS NULL AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "bool"]
-- row: [null, "t"]
-- tag: SELECT 1

-- case: null_aggregates_ignore
SELECT sum(x) AS s, avg(x) AS a, count(x) AS c, min(x) AS mn, max(x) AS mx FROM (VALUES (1), (NULL), (3)) v(x);
-- expect:
-- columns: ["s", "a", "c", "mn", "mx"]
-- types: ["int8", "numeric", "int8", "int4", "int4"]
-- row: ["4", "2.0000000000000000", "2", "1", "3"]
-- tag: SELECT 1

-- case: null_aggregates_all_null
SELECT sum(x) AS s, avg(x) AS a, count(x) AS c, count(*) AS star FROM (VALUES (NULL::int), (NULL)) v(x);
-- expect:
-- columns: ["s", "a", "c", "star"]
-- types: ["int8", "numeric", "int8", "int8"]
-- row: [null, null, "0", "2"]
-- tag: SELECT 1

-- case: null_group_by_single_group
SELECT x, count(*) AS c FROM (VALUES (NULL::int), (NULL), (1)) v(x) GROUP BY x ORDER BY x NULLS FIRST;
-- expect:
-- columns: ["x", "c"]
-- types: ["int4", "int8"]
-- row: [null, "2"]
-- row: ["1", "1"]
-- tag: SELECT 2

-- case: null_distinct_collapses
SELECT count(*) AS c FROM (SELECT DISTINCT x FROM (VALUES (NULL::int), (NULL)) v(x)) s;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1

-- case: null_order_asc_last
SELECT x FROM (VALUES (2), (NULL), (1)) v(x) ORDER BY x ASC;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: [null]
-- tag: SELECT 3

-- case: null_order_desc_first
SELECT x FROM (VALUES (2), (NULL), (1)) v(x) ORDER BY x DESC;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: [null]
-- row: ["2"]
-- row: ["1"]
-- tag: SELECT 3

-- case: null_order_nulls_first_explicit
SELECT x FROM (VALUES ('b'), (NULL), ('a')) v(x) ORDER BY x NULLS FIRST;
-- expect:
-- columns: ["x"]
-- types: ["text"]
-- row: [null]
-- row: ["a"]
-- row: ["b"]
-- tag: SELECT 3

-- case: null_order_desc_nulls_last_text
SELECT x FROM (VALUES ('b'), (NULL), ('a')) v(x) ORDER BY x DESC NULLS LAST;
-- expect:
-- columns: ["x"]
-- types: ["text"]
-- row: ["b"]
-- row: ["a"]
-- row: [null]
-- tag: SELECT 3

-- case: null_case_when_null
SELECT CASE NULL WHEN NULL THEN 'match' ELSE 'nomatch' END AS a, CASE WHEN NULL THEN 'y' ELSE 'n' END AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["nomatch", "n"]
-- tag: SELECT 1

-- case: null_string_functions
SELECT upper(NULL) AS a, length(NULL) AS b, substr(NULL, 1) AS c, replace('abc', NULL, 'x') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "int4", "text", "text"]
-- row: [null, null, null, null]
-- tag: SELECT 1

-- case: null_greatest_least_ignore
SELECT greatest(NULL, 1, 3) AS a, least(NULL, 1, 3) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["3", "1"]
-- tag: SELECT 1

-- case: null_array_with_nulls
SELECT ARRAY[1, NULL, 3] AS a, array_length(ARRAY[NULL, NULL]::int[], 1) AS l, array_position(ARRAY[1, NULL], NULL) AS p;
-- expect:
-- columns: ["a", "l", "p"]
-- types: ["int4[]", "int4", "int4"]
-- row: ["{1,NULL,3}", "2", "2"]
-- tag: SELECT 1

-- case: null_row_is_null
SELECT ROW(NULL, NULL) IS NULL AS a, ROW(1, NULL) IS NULL AS b, ROW(1, NULL) IS NOT NULL AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "f", "f"]
-- tag: SELECT 1

-- case: null_unique_constraint_multiple
CREATE TABLE t (a int, b int, UNIQUE (a, b));
INSERT INTO t VALUES (1, NULL), (1, NULL);
SELECT count(*) AS c FROM t;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: null_not_null_constraint_update
CREATE TABLE t (a int NOT NULL);
INSERT INTO t VALUES (1);
UPDATE t SET a = NULL;
-- expect:
-- error: 23502

-- case: null_join_on_null_keys
SELECT count(*) AS c FROM (VALUES (NULL::int)) a(x) JOIN (VALUES (NULL::int)) b(y) ON x = y;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: null_is_not_distinct_join
SELECT count(*) AS c FROM (VALUES (NULL::int)) a(x) JOIN (VALUES (NULL::int)) b(y) ON x IS NOT DISTINCT FROM y;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1

-- case: null_boolean_is_unknown
SELECT NULL::bool IS UNKNOWN AS a, true IS NOT UNKNOWN AS b, (NULL::bool IS TRUE) AS c, (NULL::bool IS NOT TRUE) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["t", "t", "f", "t"]
-- tag: SELECT 1

-- case: null_between
SELECT NULL BETWEEN 1 AND 2 AS a, 1 BETWEEN NULL AND 2 AS b, 5 BETWEEN NULL AND 2 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: [null, null, "f"]
-- tag: SELECT 1

-- case: null_like
SELECT NULL LIKE 'a%' AS a, 'abc' LIKE NULL AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: [null, null]
-- tag: SELECT 1

-- case: null_count_distinct_mixed
SELECT count(DISTINCT x) AS c FROM (VALUES (1), (NULL), (1), (2)) v(x);
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: null_typed_output
SELECT NULL::int AS i, NULL::text AS t, NULL::date AS d, NULL::jsonb AS j;
-- expect:
-- columns: ["i", "t", "d", "j"]
-- types: ["int4", "text", "date", "jsonb"]
-- row: [null, null, null, null]
-- tag: SELECT 1

-- case: null_string_literal_vs_null
SELECT 'NULL' AS s, NULL AS n, 'NULL' IS NULL AS s_is_null;
-- expect:
-- columns: ["s", "n", "s_is_null"]
-- types: ["text", "text", "bool"]
-- row: ["NULL", null, "f"]
-- tag: SELECT 1

-- case: null_sum_of_empty_with_coalesce
SELECT coalesce(sum(x), 0) AS s FROM (SELECT 1 AS x WHERE false) s;
-- expect:
-- columns: ["s"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: null_in_check_constraint_passes
CREATE TABLE t (a int CHECK (a > 10));
INSERT INTO t VALUES (NULL);
-- expect:
-- tag: INSERT 0 1

-- case: null_unknown_type_column
SELECT pg_typeof(NULL) AS t, NULL AS n;
-- expect:
-- columns: ["t", "n"]
-- types: ["regtype", "text"]
-- row: ["unknown", null]
-- tag: SELECT 1

-- case: null_in_set_ops_union
SELECT x FROM (VALUES (NULL::int), (1)) a(x) UNION SELECT NULL::int ORDER BY x NULLS FIRST;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: [null]
-- row: ["1"]
-- tag: SELECT 2

-- case: null_window_ignores
SELECT x, sum(x) OVER (ORDER BY o) AS s FROM (VALUES (1, 1), (2, NULL), (3, 5)) v(o, x) ORDER BY o;
-- expect:
-- columns: ["x", "s"]
-- types: ["int4", "int8"]
-- row: ["1", "1"]
-- row: [null, "1"]
-- row: ["5", "6"]
-- tag: SELECT 3

-- case: null_default_column_value
CREATE TABLE t (a int, b text);
INSERT INTO t (a) VALUES (1);
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["1", null]
-- tag: SELECT 1

-- case: null_max_over_text_with_nulls
SELECT max(x) AS m FROM (VALUES ('a'), (NULL), ('c')) v(x);
-- expect:
-- columns: ["m"]
-- types: ["text"]
-- row: ["c"]
-- tag: SELECT 1
