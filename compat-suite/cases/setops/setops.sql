-- Set operations: UNION / INTERSECT / EXCEPT [ALL], precedence, ORDER BY / LIMIT on results.

-- case: set_union_dedup
SELECT 1 AS x UNION SELECT 1 UNION SELECT 2;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: set_union_all
SELECT 1 AS x UNION ALL SELECT 1 UNION ALL SELECT 2;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 3

-- case: set_union_order_by
SELECT 3 AS x UNION SELECT 1 UNION SELECT 2 ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 3

-- case: set_union_order_desc_limit
SELECT 3 AS x UNION SELECT 1 UNION SELECT 2 ORDER BY 1 DESC LIMIT 2;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["3"]
-- row: ["2"]
-- tag: SELECT 2

-- case: set_union_column_names_from_first
SELECT 1 AS first_name, 'a' AS b UNION ALL SELECT 2 AS other, 'c' AS d ORDER BY first_name;
-- expect:
-- columns: ["first_name", "b"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "c"]
-- tag: SELECT 2

-- case: set_intersect
SELECT x FROM (VALUES (1), (2), (3)) a(x) INTERSECT SELECT y FROM (VALUES (2), (3), (4)) b(y) ORDER BY 1;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 2

-- case: set_intersect_all
SELECT x FROM (VALUES (1), (1), (1), (2)) a(x) INTERSECT ALL SELECT y FROM (VALUES (1), (1), (3)) b(y);
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["1"]
-- tag: SELECT 2

-- case: set_except
SELECT x FROM (VALUES (1), (2), (3), (3)) a(x) EXCEPT SELECT y FROM (VALUES (2)) b(y) ORDER BY 1;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: set_except_all
SELECT x FROM (VALUES (1), (1), (1), (2)) a(x) EXCEPT ALL SELECT y FROM (VALUES (1), (2)) b(y);
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["1"]
-- tag: SELECT 2

-- case: set_precedence_intersect_binds_tighter
SELECT 1 AS x UNION SELECT 2 INTERSECT SELECT 3 ORDER BY 1;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: set_parentheses_override
(SELECT 1 AS x UNION SELECT 2) INTERSECT SELECT 2;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["2"]
-- tag: SELECT 1

-- case: set_except_left_assoc
SELECT x FROM (VALUES (1), (2), (3)) a(x) EXCEPT SELECT 1 EXCEPT SELECT 2;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["3"]
-- tag: SELECT 1

-- case: set_union_nulls_dedup
SELECT NULL::int AS x UNION SELECT NULL UNION SELECT 1 ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: [null]
-- tag: SELECT 2

-- case: set_intersect_nulls_equal
SELECT NULL::int AS x INTERSECT SELECT NULL::int;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: [null]
-- tag: SELECT 1

-- case: set_union_type_promotion
SELECT 1 AS x UNION ALL SELECT 2.5 ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["numeric"]
-- row: ["1"]
-- row: ["2.5"]
-- tag: SELECT 2

-- case: set_union_type_promotion_typeof
SELECT pg_typeof(x) AS t FROM (SELECT 1 AS x UNION ALL SELECT 2.5) s LIMIT 1;
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["numeric"]
-- tag: SELECT 1

-- case: set_union_unknown_literals
SELECT 'a' AS x UNION SELECT 'b' ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["text"]
-- row: ["a"]
-- row: ["b"]
-- tag: SELECT 2

-- case: set_union_int_and_bigint
SELECT pg_typeof(x) AS t FROM (SELECT 1::int4 AS x UNION SELECT 2::int8) s LIMIT 1;
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["bigint"]
-- tag: SELECT 1

-- case: set_union_with_tables
CREATE TABLE a (v text);
CREATE TABLE b (v text);
INSERT INTO a VALUES ('x'), ('y');
INSERT INTO b VALUES ('y'), ('z');
SELECT v FROM a UNION SELECT v FROM b ORDER BY v;
-- expect:
-- columns: ["v"]
-- types: ["text"]
-- row: ["x"]
-- row: ["y"]
-- row: ["z"]
-- tag: SELECT 3

-- case: set_union_in_subquery_count
CREATE TABLE a (v int);
CREATE TABLE b (v int);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (2), (3);
SELECT count(*) AS c FROM (SELECT v FROM a UNION ALL SELECT v FROM b) s;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["4"]
-- tag: SELECT 1

-- case: set_union_multiple_columns_dedup
SELECT 1 AS a, 'x' AS b UNION SELECT 1, 'x' UNION SELECT 1, 'y' ORDER BY a, b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["1", "x"]
-- row: ["1", "y"]
-- tag: SELECT 2

-- case: set_union_all_limit_offset
SELECT x FROM (VALUES (5), (4)) a(x) UNION ALL SELECT x FROM (VALUES (3), (2), (1)) b(x) ORDER BY x LIMIT 2 OFFSET 1;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 2

-- case: set_union_branch_with_limit
(SELECT x FROM generate_series(1, 10) x ORDER BY x DESC LIMIT 2) UNION ALL (SELECT x FROM generate_series(1, 10) x ORDER BY x LIMIT 1) ORDER BY 1;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["9"]
-- row: ["10"]
-- tag: SELECT 3

-- case: set_order_by_expression_error
SELECT 1 AS x UNION SELECT 2 ORDER BY x + 1;
-- expect:
-- error: 0A000

-- case: set_union_in_cte
WITH u AS (SELECT 'a' AS v UNION ALL SELECT 'b') SELECT string_agg(v, ',' ORDER BY v) AS s FROM u;
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["a,b"]
-- tag: SELECT 1

-- case: set_except_empty_result
SELECT 1 AS x EXCEPT SELECT 1;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- tag: SELECT 0

-- case: set_values_union
VALUES (1, 'a') UNION ALL VALUES (2, 'b') ORDER BY 1;
-- expect:
-- columns: ["column1", "column2"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "b"]
-- tag: SELECT 2

-- case: set_union_distinct_keyword
SELECT 1 AS x UNION DISTINCT SELECT 1;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: set_intersect_multi_column
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) a(x, y) INTERSECT SELECT * FROM (VALUES (2, 'b'), (3, 'c')) b(x, y);
-- expect:
-- columns: ["x", "y"]
-- types: ["int4", "text"]
-- row: ["2", "b"]
-- tag: SELECT 1

-- case: set_union_of_aggregates
CREATE TABLE t (v int);
INSERT INTO t VALUES (1), (5);
SELECT 'min' AS k, min(v) AS v FROM t UNION ALL SELECT 'max', max(v) FROM t ORDER BY k;
-- expect:
-- columns: ["k", "v"]
-- types: ["text", "int4"]
-- row: ["max", "5"]
-- row: ["min", "1"]
-- tag: SELECT 2

-- case: set_except_all_with_nulls
SELECT x FROM (VALUES (NULL::int), (NULL), (1)) a(x) EXCEPT ALL SELECT NULL::int;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: [null]
-- row: ["1"]
-- tag: SELECT 2

-- case: set_union_column_count_mismatch_error
SELECT 1, 2 UNION SELECT 3;
-- expect:
-- error: 42601

-- case: set_union_type_mismatch_error
SELECT 1 UNION SELECT true;
-- expect:
-- error: 42804

-- case: set_union_varchar_text_types
SELECT pg_typeof(x) AS t FROM (SELECT 'a'::varchar(3) AS x UNION SELECT 'b'::text) s LIMIT 1;
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["character varying"]
-- tag: SELECT 1

-- case: set_order_by_column_not_in_result_error
SELECT 1 AS x UNION SELECT 2 ORDER BY y;
-- expect:
-- error: 42703

-- case: set_in_insert
CREATE TABLE t (v int);
INSERT INTO t SELECT 1 UNION SELECT 2 UNION SELECT 2;
SELECT v FROM t ORDER BY v;
-- expect:
-- columns: ["v"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: set_intersect_empty
SELECT 1 AS x INTERSECT SELECT 2;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- tag: SELECT 0

-- case: set_union_order_by_name_second_branch_error
SELECT 1 AS a UNION SELECT 2 AS b ORDER BY b;
-- expect:
-- error: 42703

-- case: set_union_all_preserves_duplicates_count
SELECT count(*) AS c FROM (SELECT 1 UNION ALL SELECT 1 UNION ALL SELECT 1) s;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["3"]
-- tag: SELECT 1
