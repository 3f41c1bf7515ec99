-- Set operations, part 2: ORDER BY/LIMIT on the whole result and on branches, type unification,
-- column naming, precedence, ALL variants, NULLs, errors.

-- case: set2_union_order_by_limit_offset
SELECT x FROM generate_series(1, 5) x UNION SELECT x FROM generate_series(4, 8) x ORDER BY x DESC LIMIT 3 OFFSET 1;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["7"]
-- row: ["6"]
-- row: ["5"]
-- tag: SELECT 3

-- case: set2_union_all_order_by_column_name
SELECT 3 AS n, 'c' AS s UNION ALL SELECT 1, 'a' UNION ALL SELECT 2, 'b' ORDER BY s;
-- expect:
-- columns: ["n", "s"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "b"]
-- row: ["3", "c"]
-- tag: SELECT 3

-- case: set2_order_by_ordinal_second_column
SELECT 1 AS a, 'z' AS b UNION SELECT 2, 'y' ORDER BY 2;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["2", "y"]
-- row: ["1", "z"]
-- tag: SELECT 2

-- case: set2_parenthesized_branch_with_order_limit
(SELECT x FROM generate_series(1, 10) x ORDER BY x DESC LIMIT 2) UNION ALL (SELECT x FROM generate_series(1, 10) x ORDER BY x LIMIT 2) ORDER BY 1;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["9"]
-- row: ["10"]
-- tag: SELECT 4

-- case: set2_branch_order_without_parens_error
SELECT 1 ORDER BY 1 UNION SELECT 2;
-- expect:
-- error: 42601

-- case: set2_branch_limit_without_parens_error
SELECT 1 LIMIT 1 UNION SELECT 2;
-- expect:
-- error: 42601

-- case: set2_type_unify_int_numeric
SELECT 1 AS v UNION ALL SELECT 2.5 ORDER BY v;
-- expect:
-- columns: ["v"]
-- types: ["numeric"]
-- row: ["1"]
-- row: ["2.5"]
-- tag: SELECT 2

-- case: set2_type_unify_int_numeric_typeof
SELECT pg_typeof(v) AS t FROM (SELECT 1 AS v UNION ALL SELECT 2.5) s LIMIT 1;
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["numeric"]
-- tag: SELECT 1

-- case: set2_type_unify_int_float
SELECT v, pg_typeof(v) AS t FROM (SELECT 1::int AS v UNION SELECT 1.5::float8) s ORDER BY v;
-- expect:
-- columns: ["v", "t"]
-- types: ["float8", "regtype"]
-- row: ["1", "double precision"]
-- row: ["1.5", "double precision"]
-- tag: SELECT 2

-- case: set2_type_unify_varchar_lengths
SELECT pg_typeof(v) AS t, v FROM (SELECT 'ab'::varchar(2) AS v UNION SELECT 'abcd'::varchar(4)) s ORDER BY v;
-- expect:
-- columns: ["t", "v"]
-- types: ["regtype", "varchar"]
-- row: ["character varying", "ab"]
-- row: ["character varying", "abcd"]
-- tag: SELECT 2

-- case: set2_type_unify_char_and_text
SELECT v || '|' AS shown, pg_typeof(v) AS t FROM (SELECT 'a'::char(3) AS v UNION ALL SELECT 'b'::text) s ORDER BY 1;
-- expect:
-- columns: ["shown", "t"]
-- types: ["text", "regtype"]
-- row: ["a|", "character"]
-- row: ["b|", "character"]
-- tag: SELECT 2

-- case: set2_type_unify_date_timestamp
SELECT v, pg_typeof(v) AS t FROM (SELECT date '2024-01-01' AS v UNION ALL SELECT timestamp '2024-01-02 10:00') s ORDER BY v;
-- expect:
-- columns: ["v", "t"]
-- types: ["timestamp", "regtype"]
-- row: ["2024-01-01 00:00:00", "timestamp without time zone"]
-- row: ["2024-01-02 10:00:00", "timestamp without time zone"]
-- tag: SELECT 2

-- case: set2_type_unify_unknown_with_int
SELECT v FROM (SELECT '1' AS v UNION SELECT 2) s ORDER BY v;
-- expect:
-- columns: ["v"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: set2_type_unify_unknown_bad_int_error
SELECT 'x' UNION SELECT 2;
-- expect:
-- error: 22P02

-- case: set2_type_unify_bool_int_error
SELECT true UNION SELECT 1;
-- expect:
-- error: 42804

-- case: set2_nested_union_unknown_resolves_text_then_int_error
SELECT pg_typeof(v) AS t FROM (SELECT NULL AS v UNION SELECT NULL UNION SELECT 1) s LIMIT 1;
-- expect:
-- error: 42804

-- case: set2_nulls_in_unknown_union
SELECT v, pg_typeof(v) AS t FROM (SELECT NULL AS v UNION ALL SELECT NULL) s;
-- expect:
-- columns: ["v", "t"]
-- types: ["text", "regtype"]
-- row: [null, "text"]
-- row: [null, "text"]
-- tag: SELECT 2

-- case: set2_column_names_from_first_branch_aliases
SELECT 1 AS first_name, 2 UNION SELECT 3 AS ignored, 4 AS also_ignored;
-- expect:
-- columns: ["first_name", "?column?"]
-- types: ["int4", "int4"]
-- row: ["1", "2"]
-- row: ["3", "4"]
-- tag: SELECT 2

-- case: set2_intersect_all_counts
SELECT x FROM (VALUES (1), (1), (1), (2), (3)) v(x) INTERSECT ALL SELECT x FROM (VALUES (1), (1), (2), (2)) w(x) ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 3

-- case: set2_except_all_counts
SELECT x FROM (VALUES (1), (1), (1), (2), (3)) v(x) EXCEPT ALL SELECT x FROM (VALUES (1), (2), (2)) w(x) ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 3

-- case: set2_except_distinct_dedups_left
SELECT x FROM (VALUES (1), (1), (3)) v(x) EXCEPT SELECT 2 ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: set2_union_all_then_union_dedups_all
SELECT 1 AS x UNION ALL SELECT 1 UNION SELECT 2 ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: set2_union_then_union_all_keeps
SELECT 1 AS x UNION SELECT 1 UNION ALL SELECT 1 ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["1"]
-- tag: SELECT 2

-- case: set2_intersect_precedence_over_union
SELECT 1 AS x UNION SELECT 2 INTERSECT SELECT 3 ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: set2_intersect_precedence_over_except
SELECT x FROM generate_series(1, 5) x EXCEPT SELECT 2 INTERSECT SELECT 2 ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- row: ["4"]
-- row: ["5"]
-- tag: SELECT 4

-- case: set2_parens_change_except_grouping
SELECT x FROM generate_series(1, 5) x EXCEPT (SELECT 2 UNION SELECT 3) ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["4"]
-- row: ["5"]
-- tag: SELECT 3

-- case: set2_union_row_values_multi_column_dedup_nulls
SELECT a, b FROM (VALUES (1, NULL), (1, NULL), (NULL, 2)) v(a, b) UNION SELECT NULL::int, 2 ORDER BY a NULLS LAST, b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", null]
-- row: [null, "2"]
-- tag: SELECT 2

-- case: set2_union_in_where_in_subquery
SELECT x FROM generate_series(1, 6) x WHERE x IN (SELECT 2 UNION SELECT 4 UNION SELECT 9) ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["4"]
-- tag: SELECT 2

-- case: set2_union_in_derived_table_with_aggregate
SELECT kind, count(*) AS n FROM (SELECT 'a' AS kind FROM generate_series(1, 3) UNION ALL SELECT 'b' FROM generate_series(1, 2)) s GROUP BY kind ORDER BY kind;
-- expect:
-- columns: ["kind", "n"]
-- types: ["text", "int8"]
-- row: ["a", "3"]
-- row: ["b", "2"]
-- tag: SELECT 2

-- case: set2_union_with_tables_and_literal_tag
CREATE TABLE cur (id int, name text);
CREATE TABLE old (id int, name text);
INSERT INTO cur VALUES (1, 'a'), (2, 'b');
INSERT INTO old VALUES (3, 'c');
SELECT id, name, 'current' AS src FROM cur UNION ALL SELECT id, name, 'archived' FROM old ORDER BY id;
-- expect:
-- columns: ["id", "name", "src"]
-- types: ["int4", "text", "text"]
-- row: ["1", "a", "current"]
-- row: ["2", "b", "current"]
-- row: ["3", "c", "archived"]
-- tag: SELECT 3

-- case: set2_except_for_diff_between_tables
CREATE TABLE a (id int, v text);
CREATE TABLE b (id int, v text);
INSERT INTO a VALUES (1, 'x'), (2, 'y'), (3, 'z');
INSERT INTO b VALUES (1, 'x'), (2, 'CHANGED');
(SELECT * FROM a EXCEPT SELECT * FROM b) UNION ALL (SELECT * FROM b EXCEPT SELECT * FROM a) ORDER BY id, v;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["2", "CHANGED"]
-- row: ["2", "y"]
-- row: ["3", "z"]
-- tag: SELECT 3

-- case: set2_order_by_expression_on_union_error
SELECT 1 AS x UNION SELECT 2 ORDER BY x + 1;
-- expect:
-- error: 0A000

-- case: set2_order_by_qualified_name_error
SELECT x FROM generate_series(1, 2) x UNION SELECT 3 ORDER BY x.x;
-- expect:
-- error: 42P01

-- case: set2_union_column_count_three_vs_two_error
SELECT 1, 2, 3 UNION SELECT 1, 2;
-- expect:
-- error: 42601

-- case: set2_union_of_arrays_and_json
SELECT v FROM (SELECT ARRAY[1, 2] AS v UNION SELECT ARRAY[1, 2] UNION SELECT ARRAY[3]) s ORDER BY v;
-- expect:
-- columns: ["v"]
-- types: ["int4[]"]
-- row: ["{1,2}"]
-- row: ["{3}"]
-- tag: SELECT 2

-- case: set2_union_jsonb_dedup
SELECT j FROM (SELECT '{"a":1, "b":2}'::jsonb AS j UNION SELECT '{"b":2,"a":1}'::jsonb) s;
-- expect:
-- columns: ["j"]
-- types: ["jsonb"]
-- row: ["{\"a\": 1, \"b\": 2}"]
-- tag: SELECT 1

-- case: set2_union_json_no_equality_error
SELECT '{}'::json UNION SELECT '{}'::json;
-- expect:
-- error: 42883

-- case: set2_union_all_json_ok
SELECT j FROM (SELECT '{"a": 1}'::json AS j UNION ALL SELECT '[]'::json) s ORDER BY j::text;
-- expect:
-- columns: ["j"]
-- types: ["json"]
-- row: ["[]"]
-- row: ["{\"a\": 1}"]
-- tag: SELECT 2

-- case: set2_values_union_select
VALUES (1, 'one') UNION ALL SELECT 2, 'two' ORDER BY 1;
-- expect:
-- columns: ["column1", "column2"]
-- types: ["int4", "text"]
-- row: ["1", "one"]
-- row: ["2", "two"]
-- tag: SELECT 2

-- case: set2_union_distinct_large_generate
SELECT count(*) AS n FROM (SELECT x % 10 FROM generate_series(1, 1000) x UNION SELECT x FROM generate_series(5, 14) x) s;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["15"]
-- tag: SELECT 1

-- case: set2_intersect_empty_side
SELECT 1 INTERSECT SELECT 1 WHERE false;
-- expect:
-- columns: ["?column?"]
-- types: ["int4"]
-- tag: SELECT 0

-- case: set2_except_all_nulls_counted
SELECT x FROM (VALUES (NULL::int), (NULL), (1)) v(x) EXCEPT ALL SELECT NULL::int ORDER BY x NULLS FIRST;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: [null]
-- row: ["1"]
-- tag: SELECT 2

-- case: set2_union_limit_in_cte_branch
WITH a AS (SELECT x FROM generate_series(1, 100) x ORDER BY x LIMIT 2), b AS (SELECT x FROM generate_series(50, 100) x ORDER BY x DESC LIMIT 2) SELECT x FROM a UNION ALL SELECT x FROM b ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["99"]
-- row: ["100"]
-- tag: SELECT 4

-- case: set2_union_with_group_by_branches
SELECT 'even' AS k, count(*) AS n FROM generate_series(1, 9) x WHERE x % 2 = 0 GROUP BY 1 UNION ALL SELECT 'odd', count(*) FROM generate_series(1, 9) x WHERE x % 2 = 1 ORDER BY k;
-- expect:
-- columns: ["k", "n"]
-- types: ["text", "int8"]
-- row: ["even", "4"]
-- row: ["odd", "5"]
-- tag: SELECT 2

-- case: set2_insert_from_union
CREATE TABLE t (v int);
INSERT INTO t SELECT 1 UNION SELECT 1 UNION SELECT 2;
-- expect:
-- tag: INSERT 0 2

-- case: set2_union_numeric_scale_kept
SELECT v FROM (SELECT 1.50 AS v UNION ALL SELECT 2) s ORDER BY v;
-- expect:
-- columns: ["v"]
-- types: ["numeric"]
-- row: ["1.50"]
-- row: ["2"]
-- tag: SELECT 2

-- case: set2_union_for_update_error
CREATE TABLE t (a int);
SELECT a FROM t UNION SELECT a FROM t FOR UPDATE;
-- expect:
-- error: 0A000

-- case: set2_union_enum_and_text_error
CREATE TYPE e AS ENUM ('a');
SELECT 'a'::e UNION SELECT 'a'::text;
-- expect:
-- error: 42804

-- case: set2_union_enum_and_unknown_ok
CREATE TYPE e AS ENUM ('a', 'b');
SELECT v, pg_typeof(v) AS t FROM (SELECT 'a'::e AS v UNION SELECT 'b') s ORDER BY v;
-- expect:
-- columns: ["v", "t"]
-- types: ["user", "regtype"]
-- row: ["a", "e"]
-- row: ["b", "e"]
-- tag: SELECT 2
