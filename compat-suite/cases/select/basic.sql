-- Basic SELECT: expressions, aliases, FROM-less selects, WHERE, ORDER BY, LIMIT/OFFSET.

-- case: select_literal_int
SELECT 1;

-- case: select_literal_alias
SELECT 1 AS one, 'two' AS two, 3.0 AS three;

-- case: select_unaliased_column_names
SELECT 1 + 1, 'a' || 'b', upper('x'), CAST(5 AS text), 2::int8;

-- case: select_quoted_alias
SELECT 42 AS "The Answer", 7 AS "select";

-- case: select_case_folding_alias
SELECT 1 AS MixedCase;

-- case: select_from_table
CREATE TABLE t (id int, name text);
INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');
SELECT * FROM t;

-- case: select_star_column_order
CREATE TABLE t (z int, a text, m bool);
INSERT INTO t VALUES (1, 'x', true);
SELECT * FROM t;

-- case: select_where_eq
CREATE TABLE t (id int, name text);
INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');
SELECT name FROM t WHERE id = 2;

-- case: select_where_and_or
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 1), (1, 2), (2, 1), (2, 2), (3, 3);
SELECT a, b FROM t WHERE a = 1 OR b = 1 AND a = 2;

-- case: select_where_not
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2), (3);
SELECT a FROM t WHERE NOT a = 2;

-- case: select_where_between
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT a FROM t WHERE a BETWEEN 3 AND 6 ORDER BY a;

-- case: select_where_not_between
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 6);
SELECT a FROM t WHERE a NOT BETWEEN 2 AND 5 ORDER BY a;

-- case: select_between_symmetric
SELECT 5 BETWEEN SYMMETRIC 10 AND 1 AS s, 5 BETWEEN 10 AND 1 AS ns;

-- case: select_where_in_list
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT a FROM t WHERE a IN (2, 4, 99) ORDER BY a;

-- case: select_where_not_in_list
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 5);
SELECT a FROM t WHERE a NOT IN (2, 4) ORDER BY a;

-- case: select_order_by_desc
CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (1, 'x'), (3, 'y'), (2, 'z');
SELECT a, b FROM t ORDER BY a DESC;

-- case: select_order_by_two_keys
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 2), (1, 1), (2, 5), (0, 9), (2, 3);
SELECT a, b FROM t ORDER BY a DESC, b ASC;

-- case: select_order_by_ordinal
CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (2, 'b'), (1, 'c'), (3, 'a');
SELECT b, a FROM t ORDER BY 2;

-- case: select_order_by_alias
CREATE TABLE t (a int);
INSERT INTO t VALUES (2), (1), (3);
SELECT a * -1 AS neg FROM t ORDER BY neg;

-- case: select_order_by_expression
CREATE TABLE t (a int);
INSERT INTO t VALUES (-3), (1), (2), (-1);
SELECT a FROM t ORDER BY abs(a), a;

-- case: select_order_by_column_not_selected
CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (3, 'x'), (1, 'y'), (2, 'z');
SELECT b FROM t ORDER BY a;

-- case: select_order_by_nulls_default_asc
CREATE TABLE t (a int);
INSERT INTO t VALUES (2), (NULL), (1);
SELECT a FROM t ORDER BY a;

-- case: select_order_by_nulls_default_desc
CREATE TABLE t (a int);
INSERT INTO t VALUES (2), (NULL), (1);
SELECT a FROM t ORDER BY a DESC;

-- case: select_order_by_nulls_first
CREATE TABLE t (a int);
INSERT INTO t VALUES (2), (NULL), (1);
SELECT a FROM t ORDER BY a NULLS FIRST;

-- case: select_order_by_desc_nulls_last
CREATE TABLE t (a int);
INSERT INTO t VALUES (2), (NULL), (1);
SELECT a FROM t ORDER BY a DESC NULLS LAST;

-- case: select_order_by_text_c_collation
CREATE TABLE t (s text);
INSERT INTO t VALUES ('b'), ('B'), ('a'), ('A'), ('_'), ('1'), ('ä'), (' z');
SELECT s FROM t ORDER BY s;

-- case: select_limit
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT a FROM t ORDER BY a LIMIT 3;

-- case: select_limit_offset
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT a FROM t ORDER BY a LIMIT 3 OFFSET 4;

-- case: select_offset_only
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 5);
SELECT a FROM t ORDER BY a OFFSET 3;

-- case: select_limit_all
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 4);
SELECT a FROM t ORDER BY a LIMIT ALL;

-- case: select_limit_zero
SELECT 1 AS x LIMIT 0;

-- case: select_fetch_first
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT a FROM t ORDER BY a FETCH FIRST 2 ROWS ONLY;

-- case: select_offset_fetch_next
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT a FROM t ORDER BY a OFFSET 5 ROWS FETCH NEXT 3 ROWS ONLY;

-- case: select_fetch_with_ties
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2), (2), (2), (3);
SELECT a FROM t ORDER BY a FETCH FIRST 2 ROWS WITH TIES;

-- case: select_fetch_first_row_only_default
CREATE TABLE t (a int);
INSERT INTO t VALUES (5), (3), (4);
SELECT a FROM t ORDER BY a FETCH FIRST ROW ONLY;

-- case: select_distinct
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 1), (1, 1), (1, 2), (2, 1);
SELECT DISTINCT a, b FROM t;

-- case: select_distinct_nulls_equal
CREATE TABLE t (a int);
INSERT INTO t VALUES (NULL), (NULL), (1);
SELECT DISTINCT a FROM t;

-- case: select_distinct_on
CREATE TABLE t (g text, v int, note text);
INSERT INTO t VALUES ('a', 3, 'a3'), ('a', 1, 'a1'), ('b', 2, 'b2'), ('b', 5, 'b5');
SELECT DISTINCT ON (g) g, v, note FROM t ORDER BY g, v;

-- case: select_distinct_on_desc
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 3), ('a', 1), ('b', 2), ('b', 5);
SELECT DISTINCT ON (g) g, v FROM t ORDER BY g, v DESC;

-- case: select_values_standalone
VALUES (1, 'one'), (2, 'two');

-- case: select_values_column_names
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v;

-- case: select_values_alias_columns
SELECT x, y FROM (VALUES (1, 'a'), (2, 'b')) AS v(x, y) ORDER BY x DESC;

-- case: select_values_order_limit
VALUES (3), (1), (2) ORDER BY 1 LIMIT 2;

-- case: select_table_alias
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
SELECT x.a FROM t AS x;

-- case: select_qualified_star
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 2);
SELECT t.*, t.a + t.b AS s FROM t;

-- case: select_subquery_in_from
SELECT s.x * 2 AS d FROM (SELECT 21 AS x) s;

-- case: select_where_false
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
SELECT a FROM t WHERE false;

-- case: select_empty_table
CREATE TABLE t (a int, b text);
SELECT * FROM t;

-- case: select_operator_precedence_arith
SELECT 2 + 3 * 4 AS a, (2 + 3) * 4 AS b, 2 - 3 - 4 AS c, 2 ^ 3 ^ 2 AS d, -2 ^ 2 AS e;

-- case: select_operator_precedence_bool
SELECT true OR false AND false AS a, NOT true = false AS b, (true OR false) AND false AS c;

-- case: select_comparison_chain
SELECT 1 < 2 AS a, 2 <= 2 AS b, 3 <> 3 AS c, 3 != 4 AS d, 'a' < 'b' AS e;

-- case: select_integer_division
SELECT 7 / 2 AS a, -7 / 2 AS b, 7 % 3 AS c, -7 % 3 AS d, 7.0 / 2 AS e;

-- case: select_case_simple
SELECT CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'other' END AS c;

-- case: select_case_searched
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (5), (10), (NULL);
SELECT a, CASE WHEN a < 3 THEN 'low' WHEN a < 8 THEN 'mid' ELSE 'high' END AS band FROM t ORDER BY a NULLS LAST;

-- case: select_case_no_else_null
SELECT CASE WHEN false THEN 1 END AS c;

-- case: select_case_type_resolution
SELECT CASE WHEN true THEN 1 ELSE 2.5 END AS c;

-- case: select_where_like
CREATE TABLE t (s text);
INSERT INTO t VALUES ('apple'), ('banana'), ('apricot'), ('Avocado');
SELECT s FROM t WHERE s LIKE 'ap%' ORDER BY s;

-- case: select_where_ilike
CREATE TABLE t (s text);
INSERT INTO t VALUES ('apple'), ('banana'), ('apricot'), ('Avocado');
SELECT s FROM t WHERE s ILIKE 'a%' ORDER BY s;

-- case: select_like_underscore
SELECT 'abc' LIKE 'a_c' AS a, 'abbc' LIKE 'a_c' AS b, 'a%c' LIKE 'a\%c' AS c, 'abc' LIKE 'a\%c' AS d;

-- case: select_not_like
SELECT 'abc' NOT LIKE 'a%' AS a, 'xbc' NOT LIKE 'a%' AS b;

-- case: select_like_escape_clause
SELECT 'a_b' LIKE 'a#_b' ESCAPE '#' AS a, 'axb' LIKE 'a#_b' ESCAPE '#' AS b;

-- case: select_regex_match
SELECT 'foobar' ~ '^foo' AS a, 'FOOBAR' ~* '^foo' AS b, 'foobar' !~ 'baz' AS c, 'foo' !~* 'F' AS d;

-- case: select_similar_to
SELECT 'abc' SIMILAR TO 'a(b|x)c' AS a, 'abc' SIMILAR TO 'a%' AS b, 'abc' SIMILAR TO 'b%' AS c;

-- case: select_is_distinct_from
SELECT 1 IS DISTINCT FROM NULL AS a, NULL IS DISTINCT FROM NULL AS b, 1 IS NOT DISTINCT FROM 1 AS c;

-- case: select_row_constructor_compare
SELECT (1, 2) < (1, 3) AS a, (1, 2) = (1, 2) AS b, ROW(2, 1) > ROW(1, 9) AS c;

-- case: select_string_concat_number
SELECT 'n=' || 5 AS a, 5 || '' AS b;

-- case: select_group_by_having_order
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 10), ('c', 1), ('c', 1);
SELECT g, sum(v) AS s FROM t GROUP BY g HAVING sum(v) > 2 ORDER BY g;

-- case: select_lateral_function_in_from
SELECT * FROM generate_series(1, 3) AS g(n) ORDER BY n DESC;

-- case: select_function_in_from_column_name
SELECT * FROM generate_series(1, 2);

-- case: select_unnest_in_from
SELECT * FROM unnest(ARRAY['x', 'y']) AS u(v) ORDER BY v;

-- case: select_set_returning_in_targetlist
SELECT generate_series(1, 3) AS n;

-- case: select_table_statement
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
TABLE t;

-- case: select_for_update_result
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
SELECT a FROM t WHERE a = 1 FOR UPDATE;

-- case: select_into_new_table
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
SELECT a * 10 AS b INTO t2 FROM t;

-- case: select_into_new_table_contents
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
SELECT a * 10 AS b INTO t2 FROM t;
SELECT b FROM t2 ORDER BY b;

-- case: select_cast_syntaxes
SELECT CAST('12' AS int) + 1 AS a, '12'::int + 1 AS b, int '12' + 1 AS c;

-- case: select_column_ambiguous_ordering_by_output_name
SELECT a AS b, b AS a FROM (VALUES (1, 2), (2, 1)) v(a, b) ORDER BY a;

-- case: select_boolean_where_column
CREATE TABLE t (a int, flag bool);
INSERT INTO t VALUES (1, true), (2, false), (3, NULL);
SELECT a FROM t WHERE flag;

-- case: select_where_is_true_unknown
CREATE TABLE t (a int, flag bool);
INSERT INTO t VALUES (1, true), (2, false), (3, NULL);
SELECT a, flag IS TRUE AS t, flag IS NOT FALSE AS nf, flag IS UNKNOWN AS u FROM t ORDER BY a;
