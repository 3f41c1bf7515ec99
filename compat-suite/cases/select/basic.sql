-- Basic SELECT: expressions, aliases, FROM-less selects, WHERE, ORDER BY, LIMIT/OFFSET.

-- case: select_literal_int
SELECT 1;
-- expect:
-- columns: ["?column?"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: select_literal_alias
SELECT 1 AS one, 'two' AS two, 3.0 AS three;
-- expect:
-- columns: ["one", "two", "three"]
-- types: ["int4", "text", "numeric"]
-- row: ["1", "two", "3.0"]
-- tag: SELECT 1

-- case: select_unaliased_column_names
SELECT 1 + 1, 'a' || 'b', upper('x'), CAST(5 AS text), 2::int8;
-- expect:
-- columns: ["?column?", "?column?", "upper", "text", "int8"]
-- types: ["int4", "text", "text", "text", "int8"]
-- row: ["2", "ab", "X", "5", "2"]
-- tag: SELECT 1

-- case: select_quoted_alias
SELECT 42 AS "The Answer", 7 AS "select";
-- expect:
-- columns: ["The Answer", "select"]
-- types: ["int4", "int4"]
-- row: ["42", "7"]
-- tag: SELECT 1

-- case: select_case_folding_alias
SELECT 1 AS MixedCase;
-- expect:
-- columns: ["mixedcase"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: select_from_table
CREATE TABLE t (id int, name text);
INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');
SELECT * FROM t;
-- expect:
-- columns: ["id", "name"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "b"]
-- row: ["3", "c"]
-- tag: SELECT 3

-- case: select_star_column_order
CREATE TABLE t (z int, a text, m bool);
INSERT INTO t VALUES (1, 'x', true);
SELECT * FROM t;
-- expect:
-- columns: ["z", "a", "m"]
-- types: ["int4", "text", "bool"]
-- row: ["1", "x", "t"]
-- tag: SELECT 1

-- case: select_where_eq
CREATE TABLE t (id int, name text);
INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');
SELECT name FROM t WHERE id = 2;
-- expect:
-- columns: ["name"]
-- types: ["text"]
-- row: ["b"]
-- tag: SELECT 1

-- case: select_where_and_or
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 1), (1, 2), (2, 1), (2, 2), (3, 3);
SELECT a, b FROM t WHERE a = 1 OR b = 1 AND a = 2;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- row: ["1", "2"]
-- row: ["2", "1"]
-- tag: SELECT 3

-- case: select_where_not
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2), (3);
SELECT a FROM t WHERE NOT a = 2;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: select_where_between
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT a FROM t WHERE a BETWEEN 3 AND 6 ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["3"]
-- row: ["4"]
-- row: ["5"]
-- row: ["6"]
-- tag: SELECT 4

-- case: select_where_not_between
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 6);
SELECT a FROM t WHERE a NOT BETWEEN 2 AND 5 ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["6"]
-- tag: SELECT 2

-- case: select_between_symmetric
SELECT 5 BETWEEN SYMMETRIC 10 AND 1 AS s, 5 BETWEEN 10 AND 1 AS ns;
-- expect:
-- columns: ["s", "ns"]
-- types: ["bool", "bool"]
-- row: ["t", "f"]
-- tag: SELECT 1

-- case: select_where_in_list
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT a FROM t WHERE a IN (2, 4, 99) ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["4"]
-- tag: SELECT 2

-- case: select_where_not_in_list
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 5);
SELECT a FROM t WHERE a NOT IN (2, 4) ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- row: ["5"]
-- tag: SELECT 3

-- case: select_order_by_desc
CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (1, 'x'), (3, 'y'), (2, 'z');
SELECT a, b FROM t ORDER BY a DESC;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["3", "y"]
-- row: ["2", "z"]
-- row: ["1", "x"]
-- tag: SELECT 3

-- case: select_order_by_two_keys
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 2), (1, 1), (2, 5), (0, 9), (2, 3);
SELECT a, b FROM t ORDER BY a DESC, b ASC;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["2", "3"]
-- row: ["2", "5"]
-- row: ["1", "1"]
-- row: ["1", "2"]
-- row: ["0", "9"]
-- tag: SELECT 5

-- case: select_order_by_ordinal
CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (2, 'b'), (1, 'c'), (3, 'a');
SELECT b, a FROM t ORDER BY 2;
-- expect:
-- columns: ["b", "a"]
-- types: ["text", "int4"]
-- row: ["c", "1"]
-- row: ["b", "2"]
-- row: ["a", "3"]
-- tag: SELECT 3

-- case: select_order_by_alias
CREATE TABLE t (a int);
INSERT INTO t VALUES (2), (1), (3);
SELECT a * -1 AS neg FROM t ORDER BY neg;
-- expect:
-- columns: ["neg"]
-- types: ["int4"]
-- row: ["-3"]
-- row: ["-2"]
-- row: ["-1"]
-- tag: SELECT 3

-- case: select_order_by_expression
CREATE TABLE t (a int);
INSERT INTO t VALUES (-3), (1), (2), (-1);
SELECT a FROM t ORDER BY abs(a), a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["-1"]
-- row: ["1"]
-- row: ["2"]
-- row: ["-3"]
-- tag: SELECT 4

-- case: select_order_by_column_not_selected
CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (3, 'x'), (1, 'y'), (2, 'z');
SELECT b FROM t ORDER BY a;
-- expect:
-- columns: ["b"]
-- types: ["text"]
-- row: ["y"]
-- row: ["z"]
-- row: ["x"]
-- tag: SELECT 3

-- case: select_order_by_nulls_default_asc
CREATE TABLE t (a int);
INSERT INTO t VALUES (2), (NULL), (1);
SELECT a FROM t ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: [null]
-- tag: SELECT 3

-- case: select_order_by_nulls_default_desc
CREATE TABLE t (a int);
INSERT INTO t VALUES (2), (NULL), (1);
SELECT a FROM t ORDER BY a DESC;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: [null]
-- row: ["2"]
-- row: ["1"]
-- tag: SELECT 3

-- case: select_order_by_nulls_first
CREATE TABLE t (a int);
INSERT INTO t VALUES (2), (NULL), (1);
SELECT a FROM t ORDER BY a NULLS FIRST;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: [null]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 3

-- case: select_order_by_desc_nulls_last
CREATE TABLE t (a int);
INSERT INTO t VALUES (2), (NULL), (1);
SELECT a FROM t ORDER BY a DESC NULLS LAST;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["1"]
-- row: [null]
-- tag: SELECT 3

-- case: select_order_by_text_c_collation
CREATE TABLE t (s text);
INSERT INTO t VALUES ('b'), ('B'), ('a'), ('A'), ('_'), ('1'), ('ä'), (' z');
SELECT s FROM t ORDER BY s;
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: [" z"]
-- row: ["1"]
-- row: ["A"]
-- row: ["B"]
-- row: ["_"]
-- row: ["a"]
-- row: ["b"]
-- row: ["ä"]
-- tag: SELECT 8

-- case: select_limit
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT a FROM t ORDER BY a LIMIT 3;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 3

-- case: select_limit_offset
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT a FROM t ORDER BY a LIMIT 3 OFFSET 4;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["5"]
-- row: ["6"]
-- row: ["7"]
-- tag: SELECT 3

-- case: select_offset_only
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 5);
SELECT a FROM t ORDER BY a OFFSET 3;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["4"]
-- row: ["5"]
-- tag: SELECT 2

-- case: select_limit_all
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 4);
SELECT a FROM t ORDER BY a LIMIT ALL;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- row: ["4"]
-- tag: SELECT 4

-- case: select_limit_zero
SELECT 1 AS x LIMIT 0;
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- tag: SELECT 0

-- case: select_fetch_first
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT a FROM t ORDER BY a FETCH FIRST 2 ROWS ONLY;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: select_offset_fetch_next
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT a FROM t ORDER BY a OFFSET 5 ROWS FETCH NEXT 3 ROWS ONLY;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["6"]
-- row: ["7"]
-- row: ["8"]
-- tag: SELECT 3

-- case: select_fetch_with_ties
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2), (2), (2), (3);
SELECT a FROM t ORDER BY a FETCH FIRST 2 ROWS WITH TIES;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["2"]
-- row: ["2"]
-- tag: SELECT 4

-- case: select_fetch_first_row_only_default
CREATE TABLE t (a int);
INSERT INTO t VALUES (5), (3), (4);
SELECT a FROM t ORDER BY a FETCH FIRST ROW ONLY;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["3"]
-- tag: SELECT 1

-- case: select_distinct
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 1), (1, 1), (1, 2), (2, 1);
SELECT DISTINCT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- row: ["1", "2"]
-- row: ["2", "1"]
-- tag: SELECT 3

-- case: select_distinct_nulls_equal
CREATE TABLE t (a int);
INSERT INTO t VALUES (NULL), (NULL), (1);
SELECT DISTINCT a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: [null]
-- row: ["1"]
-- tag: SELECT 2

-- case: select_distinct_on
CREATE TABLE t (g text, v int, note text);
INSERT INTO t VALUES ('a', 3, 'a3'), ('a', 1, 'a1'), ('b', 2, 'b2'), ('b', 5, 'b5');
SELECT DISTINCT ON (g) g, v, note FROM t ORDER BY g, v;
-- expect:
-- columns: ["g", "v", "note"]
-- types: ["text", "int4", "text"]
-- row: ["a", "1", "a1"]
-- row: ["b", "2", "b2"]
-- tag: SELECT 2

-- case: select_distinct_on_desc
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 3), ('a', 1), ('b', 2), ('b', 5);
SELECT DISTINCT ON (g) g, v FROM t ORDER BY g, v DESC;
-- expect:
-- columns: ["g", "v"]
-- types: ["text", "int4"]
-- row: ["a", "3"]
-- row: ["b", "5"]
-- tag: SELECT 2

-- case: select_values_standalone
VALUES (1, 'one'), (2, 'two');
-- expect:
-- columns: ["column1", "column2"]
-- types: ["int4", "text"]
-- row: ["1", "one"]
-- row: ["2", "two"]
-- tag: SELECT 2

-- case: select_values_column_names
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v;
-- expect:
-- columns: ["column1", "column2"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "b"]
-- tag: SELECT 2

-- case: select_values_alias_columns
SELECT x, y FROM (VALUES (1, 'a'), (2, 'b')) AS v(x, y) ORDER BY x DESC;
-- expect:
-- columns: ["x", "y"]
-- types: ["int4", "text"]
-- row: ["2", "b"]
-- row: ["1", "a"]
-- tag: SELECT 2

-- case: select_values_order_limit
VALUES (3), (1), (2) ORDER BY 1 LIMIT 2;
-- expect:
-- columns: ["column1"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: select_table_alias
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
SELECT x.a FROM t AS x;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: select_qualified_star
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 2);
SELECT t.*, t.a + t.b AS s FROM t;
-- expect:
-- columns: ["a", "b", "s"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "2", "3"]
-- tag: SELECT 1

-- case: select_subquery_in_from
SELECT s.x * 2 AS d FROM (SELECT 21 AS x) s;
-- expect:
-- columns: ["d"]
-- types: ["int4"]
-- row: ["42"]
-- tag: SELECT 1

-- case: select_where_false
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
SELECT a FROM t WHERE false;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- tag: SELECT 0

-- case: select_empty_table
CREATE TABLE t (a int, b text);
SELECT * FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- tag: SELECT 0

-- case: select_operator_precedence_arith
SELECT 2 + 3 * 4 AS a, (2 + 3) * 4 AS b, 2 - 3 - 4 AS c, 2 ^ 3 ^ 2 AS d, -2 ^ 2 AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4", "int4", "int4", "float8", "float8"]
-- row: ["14", "20", "-5", "64", "4"]
-- tag: SELECT 1

-- case: select_operator_precedence_bool
SELECT true OR false AND false AS a, NOT true = false AS b, (true OR false) AND false AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "f"]
-- tag: SELECT 1

-- case: select_comparison_chain
SELECT 1 < 2 AS a, 2 <= 2 AS b, 3 <> 3 AS c, 3 != 4 AS d, 'a' < 'b' AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["bool", "bool", "bool", "bool", "bool"]
-- row: ["t", "t", "f", "t", "t"]
-- tag: SELECT 1

-- case: select_integer_division
SELECT 7 / 2 AS a, -7 / 2 AS b, 7 % 3 AS c, -7 % 3 AS d, 7.0 / 2 AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4", "int4", "int4", "int4", "numeric"]
-- row: ["3", "-3", "1", "-1", "3.5000000000000000"]
-- tag: SELECT 1

-- case: select_case_simple
SELECT CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'other' END AS c;
-- expect:
-- columns: ["c"]
-- types: ["text"]
-- row: ["two"]
-- tag: SELECT 1

-- case: select_case_searched
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (5), (10), (NULL);
SELECT a, CASE WHEN a < 3 THEN 'low' WHEN a < 8 THEN 'mid' ELSE 'high' END AS band FROM t ORDER BY a NULLS LAST;
-- expect:
-- columns: ["a", "band"]
-- types: ["int4", "text"]
-- row: ["1", "low"]
-- row: ["5", "mid"]
-- row: ["10", "high"]
-- row: [null, "high"]
-- tag: SELECT 4

-- case: select_case_no_else_null
SELECT CASE WHEN false THEN 1 END AS c;
-- expect:
-- columns: ["c"]
-- types: ["int4"]
-- row: [null]
-- tag: SELECT 1

-- case: select_case_type_resolution
SELECT CASE WHEN true THEN 1 ELSE 2.5 END AS c;
-- expect:
-- columns: ["c"]
-- types: ["numeric"]
-- row: ["1"]
-- tag: SELECT 1

-- case: select_where_like
CREATE TABLE t (s text);
INSERT INTO t VALUES ('apple'), ('banana'), ('apricot'), ('Avocado');
SELECT s FROM t WHERE s LIKE 'ap%' ORDER BY s;
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["apple"]
-- row: ["apricot"]
-- tag: SELECT 2

-- case: select_where_ilike
CREATE TABLE t (s text);
INSERT INTO t VALUES ('apple'), ('banana'), ('apricot'), ('Avocado');
SELECT s FROM t WHERE s ILIKE 'a%' ORDER BY s;
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["Avocado"]
-- row: ["apple"]
-- row: ["apricot"]
-- tag: SELECT 3

-- case: select_like_underscore
SELECT 'abc' LIKE 'a_c' AS a, 'abbc' LIKE 'a_c' AS b, 'a%c' LIKE 'a\%c' AS c, 'abc' LIKE 'a\%c' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["t", "f", "t", "f"]
-- tag: SELECT 1

-- case: select_not_like
SELECT 'abc' NOT LIKE 'a%' AS a, 'xbc' NOT LIKE 'a%' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: ["f", "t"]
-- tag: SELECT 1

-- case: select_like_escape_clause
SELECT 'a_b' LIKE 'a#_b' ESCAPE '#' AS a, 'axb' LIKE 'a#_b' ESCAPE '#' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: ["t", "f"]
-- tag: SELECT 1

-- case: select_regex_match
SELECT 'foobar' ~ '^foo' AS a, 'FOOBAR' ~* '^foo' AS b, 'foobar' !~ 'baz' AS c, 'foo' !~* 'F' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["t", "t", "t", "f"]
-- tag: SELECT 1

-- case: select_similar_to
SELECT 'abc' SIMILAR TO 'a(b|x)c' AS a, 'abc' SIMILAR TO 'a%' AS b, 'abc' SIMILAR TO 'b%' AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "f"]
-- tag: SELECT 1

-- case: select_is_distinct_from
SELECT 1 IS DISTINCT FROM NULL AS a, NULL IS DISTINCT FROM NULL AS b, 1 IS NOT DISTINCT FROM 1 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "f", "t"]
-- tag: SELECT 1

-- case: select_row_constructor_compare
SELECT (1, 2) < (1, 3) AS a, (1, 2) = (1, 2) AS b, ROW(2, 1) > ROW(1, 9) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "t"]
-- tag: SELECT 1

-- case: select_string_concat_number
SELECT 'n=' || 5 AS a, 5 || '' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["n=5", "5"]
-- tag: SELECT 1

-- case: select_group_by_having_order
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 10), ('c', 1), ('c', 1);
SELECT g, sum(v) AS s FROM t GROUP BY g HAVING sum(v) > 2 ORDER BY g;
-- expect:
-- columns: ["g", "s"]
-- types: ["text", "int8"]
-- row: ["a", "3"]
-- row: ["b", "10"]
-- tag: SELECT 2

-- case: select_lateral_function_in_from
SELECT * FROM generate_series(1, 3) AS g(n) ORDER BY n DESC;
-- expect:
-- columns: ["n"]
-- types: ["int4"]
-- row: ["3"]
-- row: ["2"]
-- row: ["1"]
-- tag: SELECT 3

-- case: select_function_in_from_column_name
SELECT * FROM generate_series(1, 2);
-- expect:
-- columns: ["generate_series"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: select_unnest_in_from
SELECT * FROM unnest(ARRAY['x', 'y']) AS u(v) ORDER BY v;
-- expect:
-- columns: ["v"]
-- types: ["text"]
-- row: ["x"]
-- row: ["y"]
-- tag: SELECT 2

-- case: select_set_returning_in_targetlist
SELECT generate_series(1, 3) AS n;
-- expect:
-- columns: ["n"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 3

-- case: select_table_statement
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
TABLE t;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: select_for_update_result
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
SELECT a FROM t WHERE a = 1 FOR UPDATE;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: select_into_new_table
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
SELECT a * 10 AS b INTO t2 FROM t;
-- expect:
-- tag: SELECT 2

-- case: select_into_new_table_contents
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
SELECT a * 10 AS b INTO t2 FROM t;
SELECT b FROM t2 ORDER BY b;
-- expect:
-- columns: ["b"]
-- types: ["int4"]
-- row: ["10"]
-- row: ["20"]
-- tag: SELECT 2

-- case: select_cast_syntaxes
SELECT CAST('12' AS int) + 1 AS a, '12'::int + 1 AS b, int '12' + 1 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "int4", "int4"]
-- row: ["13", "13", "13"]
-- tag: SELECT 1

-- case: select_column_ambiguous_ordering_by_output_name
SELECT a AS b, b AS a FROM (VALUES (1, 2), (2, 1)) v(a, b) ORDER BY a;
-- expect:
-- columns: ["b", "a"]
-- types: ["int4", "int4"]
-- row: ["2", "1"]
-- row: ["1", "2"]
-- tag: SELECT 2

-- case: select_boolean_where_column
CREATE TABLE t (a int, flag bool);
INSERT INTO t VALUES (1, true), (2, false), (3, NULL);
SELECT a FROM t WHERE flag;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: select_where_is_true_unknown
CREATE TABLE t (a int, flag bool);
INSERT INTO t VALUES (1, true), (2, false), (3, NULL);
SELECT a, flag IS TRUE AS t, flag IS NOT FALSE AS nf, flag IS UNKNOWN AS u FROM t ORDER BY a;
-- expect:
-- columns: ["a", "t", "nf", "u"]
-- types: ["int4", "bool", "bool", "bool"]
-- row: ["1", "t", "t", "f"]
-- row: ["2", "f", "f", "f"]
-- row: ["3", "f", "t", "t"]
-- tag: SELECT 3
