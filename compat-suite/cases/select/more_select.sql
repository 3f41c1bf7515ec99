-- SELECT, part 2: DISTINCT ON with ORDER BY, VALUES in FROM and as a statement, LIMIT/OFFSET/FETCH
-- edge cases, ORDER BY variants, expressions, CASE, operators, column naming.

-- case: sel2_distinct_on_latest_per_group
CREATE TABLE ev (usr text, ts int, action text);
INSERT INTO ev VALUES ('a', 1, 'login'), ('a', 3, 'logout'), ('b', 2, 'login'), ('b', 5, 'buy'), ('a', 2, 'view');
SELECT DISTINCT ON (usr) usr, ts, action FROM ev ORDER BY usr, ts DESC;
-- expect:
-- columns: ["usr", "ts", "action"]
-- types: ["text", "int4", "text"]
-- row: ["a", "3", "logout"]
-- row: ["b", "5", "buy"]
-- tag: SELECT 2

-- case: sel2_distinct_on_multiple_keys
SELECT DISTINCT ON (a, b) a, b, c FROM (VALUES (1, 1, 'x'), (1, 1, 'y'), (1, 2, 'z'), (2, 1, 'w')) v(a, b, c) ORDER BY a, b, c DESC;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "int4", "text"]
-- row: ["1", "1", "y"]
-- row: ["1", "2", "z"]
-- row: ["2", "1", "w"]
-- tag: SELECT 3

-- case: sel2_distinct_on_expression
SELECT DISTINCT ON (x % 3) x % 3 AS r, x FROM generate_series(1, 10) x ORDER BY x % 3, x DESC;
-- expect:
-- columns: ["r", "x"]
-- types: ["int4", "int4"]
-- row: ["0", "9"]
-- row: ["1", "10"]
-- row: ["2", "8"]
-- tag: SELECT 3

-- case: sel2_distinct_on_without_order_by_count
SELECT count(*) AS n FROM (SELECT DISTINCT ON (a) a, b FROM (VALUES (1, 1), (1, 2), (2, 1)) v(a, b)) s;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: sel2_distinct_multiple_columns
SELECT DISTINCT a, b FROM (VALUES (1, 'x'), (1, 'x'), (1, 'y'), (NULL, NULL), (NULL, NULL)) v(a, b) ORDER BY a, b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["1", "x"]
-- row: ["1", "y"]
-- row: [null, null]
-- tag: SELECT 3

-- case: sel2_distinct_with_order_by_expression_in_list
SELECT DISTINCT lower(w) AS lw FROM (VALUES ('A'), ('a'), ('B')) v(w) ORDER BY lower(w);
-- expect:
-- columns: ["lw"]
-- types: ["text"]
-- row: ["a"]
-- row: ["b"]
-- tag: SELECT 2

-- case: sel2_values_statement_ordered
VALUES (3, 'c'), (1, 'a'), (2, 'b') ORDER BY 1;
-- expect:
-- columns: ["column1", "column2"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "b"]
-- row: ["3", "c"]
-- tag: SELECT 3

-- case: sel2_values_statement_limit_offset
VALUES (1), (2), (3), (4) ORDER BY 1 DESC LIMIT 2 OFFSET 1;
-- expect:
-- columns: ["column1"]
-- types: ["int4"]
-- row: ["3"]
-- row: ["2"]
-- tag: SELECT 2

-- case: sel2_values_type_unification
SELECT x, pg_typeof(x) AS t FROM (VALUES (1), (2.5), (NULL)) v(x) ORDER BY x NULLS LAST;
-- expect:
-- columns: ["x", "t"]
-- types: ["numeric", "regtype"]
-- row: ["1", "numeric"]
-- row: ["2.5", "numeric"]
-- row: [null, "numeric"]
-- tag: SELECT 3

-- case: sel2_values_type_mismatch_error
VALUES (1), ('a'::text);
-- expect:
-- error: 42804

-- case: sel2_values_in_from_join
SELECT v.id, v.name, w.score FROM (VALUES (1, 'a'), (2, 'b')) v(id, name) JOIN (VALUES (1, 90), (2, 80)) w(id, score) ON w.id = v.id ORDER BY v.id;
-- expect:
-- columns: ["id", "name", "score"]
-- types: ["int4", "text", "int4"]
-- row: ["1", "a", "90"]
-- row: ["2", "b", "80"]
-- tag: SELECT 2

-- case: sel2_values_default_column_names
SELECT * FROM (VALUES (1, 'a')) v;
-- expect:
-- columns: ["column1", "column2"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- tag: SELECT 1

-- case: sel2_values_partial_column_alias
SELECT * FROM (VALUES (1, 'a', true)) v(x);
-- expect:
-- columns: ["x", "column2", "column3"]
-- types: ["int4", "text", "bool"]
-- row: ["1", "a", "t"]
-- tag: SELECT 1

-- case: sel2_limit_null_is_all
SELECT x FROM generate_series(1, 3) x ORDER BY x LIMIT NULL;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 3

-- case: sel2_offset_beyond_end
SELECT x FROM generate_series(1, 3) x ORDER BY x OFFSET 10;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- tag: SELECT 0

-- case: sel2_limit_expression
SELECT x FROM generate_series(1, 10) x ORDER BY x LIMIT 1 + 1 OFFSET 2 * 2;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["5"]
-- row: ["6"]
-- tag: SELECT 2

-- case: sel2_limit_subquery
SELECT x FROM generate_series(1, 10) x ORDER BY x LIMIT (SELECT 2);
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: sel2_offset_negative_error
SELECT 1 OFFSET -1;
-- expect:
-- error: 2201X

-- case: sel2_limit_non_integer_error
SELECT 1 LIMIT 'a';
-- expect:
-- error: 22P02

-- case: sel2_limit_numeric_rounds
SELECT x FROM generate_series(1, 10) x ORDER BY x LIMIT 2.6;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 3

-- case: sel2_fetch_first_n_rows_only_offset_rows
SELECT x FROM generate_series(1, 10) x ORDER BY x OFFSET 3 ROWS FETCH FIRST 2 ROWS ONLY;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["4"]
-- row: ["5"]
-- tag: SELECT 2

-- case: sel2_fetch_next_row_only_singular
SELECT x FROM generate_series(1, 10) x ORDER BY x FETCH NEXT ROW ONLY;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: sel2_fetch_with_ties_multiple
SELECT x / 3 AS g FROM generate_series(1, 9) x ORDER BY x / 3 FETCH FIRST 3 ROWS WITH TIES;
-- expect:
-- columns: ["g"]
-- types: ["int4"]
-- row: ["0"]
-- row: ["0"]
-- row: ["1"]
-- row: ["1"]
-- row: ["1"]
-- tag: SELECT 5

-- case: sel2_fetch_with_ties_without_order_error
SELECT 1 FETCH FIRST 1 ROW WITH TIES;
-- expect:
-- error: 42601

-- case: sel2_limit_and_fetch_both_error
SELECT 1 LIMIT 1 FETCH FIRST 1 ROW ONLY;
-- expect:
-- error: 42601

-- case: sel2_limit_zero_empty
SELECT x FROM generate_series(1, 3) x LIMIT 0;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- tag: SELECT 0

-- case: sel2_order_by_multiple_mixed_directions
SELECT a, b FROM (VALUES (1, 'b'), (2, 'a'), (1, 'a'), (2, 'b')) v(a, b) ORDER BY a DESC, b ASC;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["2", "a"]
-- row: ["2", "b"]
-- row: ["1", "a"]
-- row: ["1", "b"]
-- tag: SELECT 4

-- case: sel2_order_by_case_expression_custom_order
SELECT s FROM (VALUES ('low'), ('high'), ('mid')) v(s) ORDER BY CASE s WHEN 'high' THEN 1 WHEN 'mid' THEN 2 ELSE 3 END;
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["high"]
-- row: ["mid"]
-- row: ["low"]
-- tag: SELECT 3

-- case: sel2_order_by_using_operator
SELECT x FROM (VALUES (2), (3), (1)) v(x) ORDER BY x USING >;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["3"]
-- row: ["2"]
-- row: ["1"]
-- tag: SELECT 3

-- case: sel2_order_by_alias_in_expression_error
SELECT x AS y FROM (VALUES (1), (2)) v(x) ORDER BY y + 1;
-- expect:
-- error: 42703

-- case: sel2_order_by_input_column_when_alias_shadows
SELECT x AS y, -x AS x FROM (VALUES (1), (2), (3)) v(x) ORDER BY x;
-- expect:
-- columns: ["y", "x"]
-- types: ["int4", "int4"]
-- row: ["3", "-3"]
-- row: ["2", "-2"]
-- row: ["1", "-1"]
-- tag: SELECT 3

-- case: sel2_order_by_boolean
SELECT b, n FROM (VALUES (true, 1), (false, 2), (NULL, 3)) v(b, n) ORDER BY b, n;
-- expect:
-- columns: ["b", "n"]
-- types: ["bool", "int4"]
-- row: ["f", "2"]
-- row: ["t", "1"]
-- row: [null, "3"]
-- tag: SELECT 3

-- case: sel2_order_by_array_column
SELECT a FROM (VALUES (ARRAY[2, 1]), (ARRAY[1, 5]), (ARRAY[1])) v(a) ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4[]"]
-- row: ["{1}"]
-- row: ["{1,5}"]
-- row: ["{2,1}"]
-- tag: SELECT 3

-- case: sel2_order_by_random_offset_stable_count
SELECT count(*) AS n FROM (SELECT x FROM generate_series(1, 10) x ORDER BY random() LIMIT 4) s;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["4"]
-- tag: SELECT 1

-- case: sel2_order_by_numeric_string_text_order
SELECT v FROM (VALUES ('10'), ('9'), ('100')) t(v) ORDER BY v;
-- expect:
-- columns: ["v"]
-- types: ["text"]
-- row: ["10"]
-- row: ["100"]
-- row: ["9"]
-- tag: SELECT 3

-- case: sel2_order_by_numeric_string_cast
SELECT v FROM (VALUES ('10'), ('9'), ('100')) t(v) ORDER BY v::int;
-- expect:
-- columns: ["v"]
-- types: ["text"]
-- row: ["9"]
-- row: ["10"]
-- row: ["100"]
-- tag: SELECT 3

-- case: sel2_select_without_from_multiple_exprs
SELECT 1 + 1 AS two, 'a' || 'b' AS ab, 10 > 5 AS gt, NULL AS nothing;
-- expect:
-- columns: ["two", "ab", "gt", "nothing"]
-- types: ["int4", "text", "bool", "text"]
-- row: ["2", "ab", "t", null]
-- tag: SELECT 1

-- case: sel2_column_naming_defaults
SELECT 1, 'a', 1 + 2, count(*), lower('A'), CAST(1 AS text), 1::int8, CASE WHEN true THEN 1 END, ARRAY[1], ROW(1, 2), (SELECT 1), EXISTS (SELECT 1), coalesce(1, 2), greatest(1, 2), NULLIF(1, 2) FROM (SELECT 1) s;
-- expect:
-- columns: ["?column?", "?column?", "?column?", "count", "lower", "text", "int8", "case", "array", "row", "?column?", "exists", "coalesce", "greatest", "nullif"]
-- types: ["int4", "text", "int4", "int8", "text", "text", "int8", "int4", "int4[]", "record", "int4", "bool", "int4", "int4", "int4"]
-- row: ["1", "a", "3", "1", "a", "1", "1", "1", "{1}", "(1,2)", "1", "t", "1", "2", "1"]
-- tag: SELECT 1

-- case: sel2_column_naming_from_columns_and_fields
CREATE TABLE t (a int, j jsonb, arr int[]);
INSERT INTO t VALUES (1, '{"k": 2}', '{5,6}');
SELECT t.a, j -> 'k', j ->> 'k', arr[1], arr[1:1], -a, a IS NULL, a::text FROM t;
-- expect:
-- columns: ["a", "?column?", "?column?", "arr", "arr", "?column?", "?column?", "a"]
-- types: ["int4", "jsonb", "text", "int4", "int4[]", "int4", "bool", "text"]
-- row: ["1", "2", "2", "5", "{5}", "-1", "f", "1"]
-- tag: SELECT 1

-- case: sel2_star_plus_expressions
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 2);
SELECT *, a + b AS s, * FROM t;
-- expect:
-- columns: ["a", "b", "s", "a", "b"]
-- types: ["int4", "int4", "int4", "int4", "int4"]
-- row: ["1", "2", "3", "1", "2"]
-- tag: SELECT 1

-- case: sel2_where_in_with_tuples
SELECT a, b FROM (VALUES (1, 1), (1, 2), (2, 2)) v(a, b) WHERE (a, b) IN ((1, 2), (2, 2)) ORDER BY a, b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", "2"]
-- row: ["2", "2"]
-- tag: SELECT 2

-- case: sel2_where_row_comparison_keyset
SELECT a, b FROM (VALUES (1, 1), (1, 2), (2, 1), (2, 5), (3, 0)) v(a, b) WHERE (a, b) > (1, 2) ORDER BY a, b LIMIT 2;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["2", "1"]
-- row: ["2", "5"]
-- tag: SELECT 2

-- case: sel2_between_reversed_empty
SELECT count(*) AS n FROM generate_series(1, 10) x WHERE x BETWEEN 8 AND 3;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: sel2_in_list_mixed_numeric
SELECT x FROM (VALUES (1), (2), (3)) v(x) WHERE x IN (1.0, 3.00) ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: sel2_case_nested_and_else_types
SELECT x, CASE WHEN x < 2 THEN 'small' WHEN x < 4 THEN CASE WHEN x % 2 = 0 THEN 'even-mid' ELSE 'odd-mid' END ELSE 'big' END AS c FROM generate_series(1, 5) x ORDER BY x;
-- expect:
-- columns: ["x", "c"]
-- types: ["int4", "text"]
-- row: ["1", "small"]
-- row: ["2", "even-mid"]
-- row: ["3", "odd-mid"]
-- row: ["4", "big"]
-- row: ["5", "big"]
-- tag: SELECT 5

-- case: sel2_case_type_numeric_promotion
SELECT CASE WHEN x = 1 THEN 1 WHEN x = 2 THEN 2.5 ELSE NULL END AS v, pg_typeof(CASE WHEN true THEN 1 ELSE 2.5 END) AS t FROM (VALUES (1), (2), (3)) v(x) ORDER BY x;
-- expect:
-- columns: ["v", "t"]
-- types: ["numeric", "regtype"]
-- row: ["1", "numeric"]
-- row: ["2.5", "numeric"]
-- row: [null, "numeric"]
-- tag: SELECT 3

-- case: sel2_case_short_circuits_division
SELECT CASE WHEN x = 0 THEN 0 ELSE 10 / x END AS r FROM (VALUES (0), (5)) v(x) ORDER BY x;
-- expect:
-- columns: ["r"]
-- types: ["int4"]
-- row: ["0"]
-- row: ["2"]
-- tag: SELECT 2

-- case: sel2_operator_precedence_mixed
SELECT 2 + 3 * 4 AS a, (2 + 3) * 4 AS b, -2 ^ 2 AS c, 10 - 2 - 3 AS d, 2 * 3 % 4 AS e, NOT true = false AS f, (1 < 2) = true AS g;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f", "g"]
-- types: ["int4", "int4", "float8", "int4", "int4", "bool", "bool"]
-- row: ["14", "20", "4", "5", "2", "t", "t"]
-- tag: SELECT 1

-- case: sel2_comparison_non_associative_error
SELECT 1 < 2 = true;
-- expect:
-- error: 42601

-- case: sel2_string_comparison_operators
SELECT 'abc' < 'abd' AS a, 'abc' = 'abc ' AS b, 'abc'::char(5) = 'abc ' AS c, 'a' || 'b' = 'ab' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["t", "f", "t", "t"]
-- tag: SELECT 1

-- case: sel2_is_true_false_variants
SELECT b, b IS TRUE AS t, b IS NOT TRUE AS nt, b IS FALSE AS f, b IS NOT FALSE AS nf FROM (VALUES (true), (false), (NULL)) v(b) ORDER BY b NULLS LAST;
-- expect:
-- columns: ["b", "t", "nt", "f", "nf"]
-- types: ["bool", "bool", "bool", "bool", "bool"]
-- row: ["f", "f", "t", "t", "f"]
-- row: ["t", "t", "f", "f", "t"]
-- row: [null, "f", "t", "f", "t"]
-- tag: SELECT 3

-- case: sel2_select_for_share_and_skip_locked
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
SELECT a FROM t ORDER BY a FOR UPDATE SKIP LOCKED;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: sel2_select_for_update_with_aggregate_error
CREATE TABLE t (a int);
SELECT count(*) FROM t FOR UPDATE;
-- expect:
-- error: 0A000

-- case: sel2_table_alias_column_list
SELECT q.x, q.y FROM (SELECT 1, 2) AS q(x, y);
-- expect:
-- columns: ["x", "y"]
-- types: ["int4", "int4"]
-- row: ["1", "2"]
-- tag: SELECT 1

-- case: sel2_function_in_from_with_alias_columns
SELECT g.n FROM generate_series(1, 3) AS g(n) WHERE g.n > 1 ORDER BY g.n;
-- expect:
-- columns: ["n"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 2

-- case: sel2_rows_from_multiple_functions
SELECT * FROM ROWS FROM (generate_series(1, 3), unnest(ARRAY['a', 'b'])) AS t(n, s) ORDER BY n;
-- expect:
-- columns: ["n", "s"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "b"]
-- row: ["3", null]
-- tag: SELECT 3

-- case: sel2_generate_series_descending
SELECT x FROM generate_series(5, 1, -2) x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["5"]
-- row: ["3"]
-- row: ["1"]
-- tag: SELECT 3

-- case: sel2_select_distinct_count_subquery
SELECT count(DISTINCT w) AS n FROM (VALUES ('a'), ('b'), ('a'), (NULL)) v(w);
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: sel2_where_exists_constant
SELECT x FROM generate_series(1, 3) x WHERE EXISTS (SELECT 1) ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 3

-- case: sel2_select_into_temp
SELECT x INTO TEMP tmp_sel FROM generate_series(1, 3) x;
SELECT sum(x) AS s FROM tmp_sel;
-- expect:
-- columns: ["s"]
-- types: ["int8"]
-- row: ["6"]
-- tag: SELECT 1

-- case: sel2_group_by_ordinal_and_order_by_ordinal
SELECT x % 2 AS parity, count(*) AS n FROM generate_series(1, 7) x GROUP BY 1 ORDER BY 2 DESC;
-- expect:
-- columns: ["parity", "n"]
-- types: ["int4", "int8"]
-- row: ["1", "4"]
-- row: ["0", "3"]
-- tag: SELECT 2

-- case: sel2_group_by_out_of_range_ordinal_error
SELECT x FROM generate_series(1, 3) x GROUP BY 2;
-- expect:
-- error: 42P10

-- case: sel2_having_on_alias_error
SELECT x % 2 AS parity, count(*) AS n FROM generate_series(1, 7) x GROUP BY 1 HAVING n > 3;
-- expect:
-- error: 42703

-- case: sel2_tablesample_zero
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 100);
SELECT count(*) AS n FROM t TABLESAMPLE SYSTEM (0);
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: sel2_select_quoted_identifiers_case
SELECT 1 AS "MixedCase", 2 AS lower_case, 3 AS "with space", 4 AS UPPERCASE;
-- expect:
-- columns: ["MixedCase", "lower_case", "with space", "uppercase"]
-- types: ["int4", "int4", "int4", "int4"]
-- row: ["1", "2", "3", "4"]
-- tag: SELECT 1

-- case: sel2_string_constants_adjacent_concat
SELECT 'foo'
'bar' AS s;
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["foobar"]
-- tag: SELECT 1

-- case: sel2_select_current_catalog_and_user_types
SELECT pg_typeof(current_user) AS cu, pg_typeof(current_catalog) AS cc, pg_typeof(current_schema) AS cs, pg_typeof(session_user) AS su;
-- expect:
-- columns: ["cu", "cc", "cs", "su"]
-- types: ["regtype", "regtype", "regtype", "regtype"]
-- row: ["name", "name", "name", "name"]
-- tag: SELECT 1

-- case: sel2_comparison_any_subquery_rows
SELECT x FROM generate_series(1, 5) x WHERE x > ANY (SELECT 3 UNION SELECT 4) ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["4"]
-- row: ["5"]
-- tag: SELECT 2

-- case: sel2_empty_select_list
SELECT FROM generate_series(1, 3);
-- expect:
-- tag: SELECT 3

-- case: sel2_select_star_no_from_error
SELECT *;
-- expect:
-- error: 42601

-- case: sel2_positional_and_named_order_combined
SELECT a, b FROM (VALUES (1, 3), (1, 2), (0, 9)) v(a, b) ORDER BY 1, b DESC;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["0", "9"]
-- row: ["1", "3"]
-- row: ["1", "2"]
-- tag: SELECT 3

-- case: sel2_like_with_column_escape
SELECT w FROM (VALUES ('50%'), ('50 percent'), ('5%0')) v(w) WHERE w LIKE '%\%' ORDER BY w;
-- expect:
-- columns: ["w"]
-- types: ["text"]
-- row: ["50%"]
-- tag: SELECT 1

-- case: sel2_regex_substring_in_where
SELECT w FROM (VALUES ('a1'), ('b22'), ('c')) v(w) WHERE w ~ '\d{2}';
-- expect:
-- columns: ["w"]
-- types: ["text"]
-- row: ["b22"]
-- tag: SELECT 1
