-- Aggregates: count/sum/avg/min/max, GROUP BY, HAVING, FILTER, GROUPING SETS, ordered aggregates.

-- case: agg_count_star_vs_column
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (NULL), (3);
SELECT count(*) AS star, count(a) AS col, count(DISTINCT a) AS d FROM t;
-- expect:
-- columns: ["star", "col", "d"]
-- types: ["int8", "int8", "int8"]
-- row: ["3", "2", "2"]
-- tag: SELECT 1

-- case: agg_empty_table
CREATE TABLE t (a int);
SELECT count(*) AS c, sum(a) AS s, avg(a) AS a, min(a) AS mn, max(a) AS mx FROM t;
-- expect:
-- columns: ["c", "s", "a", "mn", "mx"]
-- types: ["int8", "int8", "numeric", "int4", "int4"]
-- row: ["0", null, null, null, null]
-- tag: SELECT 1

-- case: agg_empty_group_by_no_rows
CREATE TABLE t (g int, a int);
SELECT g, count(*) AS c FROM t GROUP BY g;
-- expect:
-- columns: ["g", "c"]
-- types: ["int4", "int8"]
-- tag: SELECT 0

-- case: agg_sum_types
SELECT pg_typeof(sum(1::int2)) AS a, pg_typeof(sum(1::int4)) AS b, pg_typeof(sum(1::int8)) AS c, pg_typeof(sum(1.5)) AS d, pg_typeof(sum(1::float4)) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["regtype", "regtype", "regtype", "regtype", "regtype"]
-- row: ["bigint", "bigint", "numeric", "numeric", "real"]
-- tag: SELECT 1

-- case: agg_avg_types_and_values
SELECT avg(x) AS a, pg_typeof(avg(x)) AS t FROM (VALUES (1), (2), (2)) v(x);
-- expect:
-- columns: ["a", "t"]
-- types: ["numeric", "regtype"]
-- row: ["1.6666666666666667", "numeric"]
-- tag: SELECT 1

-- case: agg_avg_float
SELECT avg(x) AS a FROM (VALUES (1.0::float8), (2.0::float8)) v(x);
-- expect:
-- columns: ["a"]
-- types: ["float8"]
-- row: ["1.5"]
-- tag: SELECT 1

-- case: agg_count_type
SELECT pg_typeof(count(*)) AS t;
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["bigint"]
-- tag: SELECT 1

-- case: agg_sum_int8_no_overflow
SELECT sum(x) AS s FROM (VALUES (2147483647), (2147483647)) v(x);
-- expect:
-- columns: ["s"]
-- types: ["int8"]
-- row: ["4294967294"]
-- tag: SELECT 1

-- case: agg_min_max_text
SELECT min(s) AS mn, max(s) AS mx FROM (VALUES ('b'), ('B'), ('a')) v(s);
-- expect:
-- columns: ["mn", "mx"]
-- types: ["text", "text"]
-- row: ["B", "b"]
-- tag: SELECT 1

-- case: agg_min_max_dates
SELECT min(d) AS mn, max(d) AS mx FROM (VALUES (date '2024-01-05'), (date '2023-12-31')) v(d);
-- expect:
-- columns: ["mn", "mx"]
-- types: ["date", "date"]
-- row: ["2023-12-31", "2024-01-05"]
-- tag: SELECT 1

-- case: agg_group_by_single
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 1), ('b', 2), ('a', 3);
SELECT g, sum(v) AS s, count(*) AS c FROM t GROUP BY g;
-- expect:
-- columns: ["g", "s", "c"]
-- types: ["text", "int8", "int8"]
-- row: ["a", "4", "2"]
-- row: ["b", "2", "1"]
-- tag: SELECT 2

-- case: agg_group_by_null_group
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 1), (NULL, 2), (NULL, 3);
SELECT g, sum(v) AS s FROM t GROUP BY g ORDER BY g NULLS FIRST;
-- expect:
-- columns: ["g", "s"]
-- types: ["text", "int8"]
-- row: [null, "5"]
-- row: ["a", "1"]
-- tag: SELECT 2

-- case: agg_group_by_expression
CREATE TABLE t (n int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT n % 3 AS r, count(*) AS c FROM t GROUP BY n % 3 ORDER BY r;
-- expect:
-- columns: ["r", "c"]
-- types: ["int4", "int8"]
-- row: ["0", "3"]
-- row: ["1", "4"]
-- row: ["2", "3"]
-- tag: SELECT 3

-- case: agg_group_by_ordinal
CREATE TABLE t (n int);
INSERT INTO t SELECT generate_series(1, 6);
SELECT n % 2 AS parity, sum(n) AS s FROM t GROUP BY 1 ORDER BY 1;
-- expect:
-- columns: ["parity", "s"]
-- types: ["int4", "int8"]
-- row: ["0", "12"]
-- row: ["1", "9"]
-- tag: SELECT 2

-- case: agg_group_by_alias
CREATE TABLE t (n int);
INSERT INTO t SELECT generate_series(1, 6);
SELECT n > 3 AS big, count(*) AS c FROM t GROUP BY big ORDER BY big;
-- expect:
-- columns: ["big", "c"]
-- types: ["bool", "int8"]
-- row: ["f", "3"]
-- row: ["t", "3"]
-- tag: SELECT 2

-- case: agg_having
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 5), ('c', 1);
SELECT g FROM t GROUP BY g HAVING count(*) > 1 OR sum(v) >= 5 ORDER BY g;
-- expect:
-- columns: ["g"]
-- types: ["text"]
-- row: ["a"]
-- row: ["b"]
-- tag: SELECT 2

-- case: agg_having_without_group_by
CREATE TABLE t (v int);
INSERT INTO t VALUES (1), (2);
SELECT sum(v) AS s FROM t HAVING sum(v) > 100;
-- expect:
-- columns: ["s"]
-- types: ["int8"]
-- tag: SELECT 0

-- case: agg_group_by_primary_key_functional_dependency
CREATE TABLE t (id int PRIMARY KEY, name text);
CREATE TABLE o (tid int, amt int);
INSERT INTO t VALUES (1, 'x'), (2, 'y');
INSERT INTO o VALUES (1, 3), (1, 4), (2, 5);
SELECT t.id, t.name, sum(o.amt) AS s FROM t JOIN o ON o.tid = t.id GROUP BY t.id ORDER BY t.id;
-- expect:
-- columns: ["id", "name", "s"]
-- types: ["int4", "text", "int8"]
-- row: ["1", "x", "7"]
-- row: ["2", "y", "5"]
-- tag: SELECT 2

-- case: agg_filter_clause
CREATE TABLE t (v int);
INSERT INTO t SELECT generate_series(1, 10);
SELECT count(*) FILTER (WHERE v % 2 = 0) AS evens, sum(v) FILTER (WHERE v > 5) AS big, count(*) AS total FROM t;
-- expect:
-- columns: ["evens", "big", "total"]
-- types: ["int8", "int8", "int8"]
-- row: ["5", "40", "10"]
-- tag: SELECT 1

-- case: agg_filter_with_group
CREATE TABLE t (g text, ok bool);
INSERT INTO t VALUES ('a', true), ('a', false), ('b', false);
SELECT g, count(*) FILTER (WHERE ok) AS oks FROM t GROUP BY g ORDER BY g;
-- expect:
-- columns: ["g", "oks"]
-- types: ["text", "int8"]
-- row: ["a", "1"]
-- row: ["b", "0"]
-- tag: SELECT 2

-- case: agg_count_distinct_multiple
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 1), (1, 2), (2, 2), (2, 2);
SELECT count(DISTINCT a) AS da, count(DISTINCT b) AS db, count(DISTINCT (a, b)) AS dab FROM t;
-- expect:
-- columns: ["da", "db", "dab"]
-- types: ["int8", "int8", "int8"]
-- row: ["2", "2", "3"]
-- tag: SELECT 1

-- case: agg_sum_distinct
SELECT sum(DISTINCT x) AS s FROM (VALUES (1), (1), (2)) v(x);
-- expect:
-- columns: ["s"]
-- types: ["int8"]
-- row: ["3"]
-- tag: SELECT 1

-- case: agg_string_agg_order
CREATE TABLE t (g int, s text);
INSERT INTO t VALUES (1, 'b'), (1, 'a'), (2, 'z');
SELECT g, string_agg(s, '' ORDER BY s) AS s FROM t GROUP BY g ORDER BY g;
-- expect:
-- columns: ["g", "s"]
-- types: ["int4", "text"]
-- row: ["1", "ab"]
-- row: ["2", "z"]
-- tag: SELECT 2

-- case: agg_array_agg_nulls
SELECT array_agg(x ORDER BY x NULLS FIRST) AS a FROM (VALUES (2), (NULL), (1)) v(x);
-- expect:
-- columns: ["a"]
-- types: ["int4[]"]
-- row: ["{NULL,1,2}"]
-- tag: SELECT 1

-- case: agg_array_agg_empty_is_null
SELECT array_agg(x) IS NULL AS n FROM (SELECT 1 AS x WHERE false) s;
-- expect:
-- columns: ["n"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: agg_bool_and_or
SELECT bool_and(b) AS a, bool_or(b) AS o, every(b) AS e FROM (VALUES (true), (false), (NULL)) v(b);
-- expect:
-- columns: ["a", "o", "e"]
-- types: ["bool", "bool", "bool"]
-- row: ["f", "t", "f"]
-- tag: SELECT 1

-- case: agg_bit_and_or
SELECT bit_and(x) AS a, bit_or(x) AS o FROM (VALUES (12), (10)) v(x);
-- expect:
-- columns: ["a", "o"]
-- types: ["int4", "int4"]
-- row: ["8", "14"]
-- tag: SELECT 1

-- case: agg_stddev_variance
SELECT stddev(x) AS sd, variance(x) AS var, stddev_pop(x) AS sdp, var_pop(x) AS vp FROM (VALUES (1), (2), (3), (4)) v(x);
-- expect:
-- columns: ["sd", "var", "sdp", "vp"]
-- types: ["numeric", "numeric", "numeric", "numeric"]
-- row: ["1.2909944487358056", "1.6666666666666667", "1.1180339887498948", "1.2500000000000000"]
-- tag: SELECT 1

-- case: agg_stddev_single_row_null
SELECT stddev(x) AS sd, stddev_pop(x) AS sdp FROM (VALUES (5)) v(x);
-- expect:
-- columns: ["sd", "sdp"]
-- types: ["numeric", "numeric"]
-- row: [null, "0"]
-- tag: SELECT 1

-- case: agg_percentile
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS med, percentile_disc(0.5) WITHIN GROUP (ORDER BY x) AS d FROM (VALUES (1), (2), (3), (10)) v(x);
-- expect:
-- columns: ["med", "d"]
-- types: ["float8", "int4"]
-- row: ["2.5", "2"]
-- tag: SELECT 1

-- case: agg_mode
SELECT mode() WITHIN GROUP (ORDER BY x) AS m FROM (VALUES (1), (2), (2), (3)) v(x);
-- expect:
-- columns: ["m"]
-- types: ["int4"]
-- row: ["2"]
-- tag: SELECT 1

-- case: agg_grouping_sets
CREATE TABLE t (a text, b text, v int);
INSERT INTO t VALUES ('x', 'p', 1), ('x', 'q', 2), ('y', 'p', 3);
SELECT a, b, sum(v) AS s FROM t GROUP BY GROUPING SETS ((a), (b), ()) ORDER BY a NULLS LAST, b NULLS LAST;
-- expect:
-- columns: ["a", "b", "s"]
-- types: ["text", "text", "int8"]
-- row: ["x", null, "3"]
-- row: ["y", null, "3"]
-- row: [null, "p", "4"]
-- row: [null, "q", "2"]
-- row: [null, null, "6"]
-- tag: SELECT 5

-- case: agg_rollup
CREATE TABLE t (a text, b text, v int);
INSERT INTO t VALUES ('x', 'p', 1), ('x', 'q', 2), ('y', 'p', 3);
SELECT a, b, sum(v) AS s FROM t GROUP BY ROLLUP (a, b) ORDER BY a NULLS LAST, b NULLS LAST;
-- expect:
-- columns: ["a", "b", "s"]
-- types: ["text", "text", "int8"]
-- row: ["x", "p", "1"]
-- row: ["x", "q", "2"]
-- row: ["x", null, "3"]
-- row: ["y", "p", "3"]
-- row: ["y", null, "3"]
-- row: [null, null, "6"]
-- tag: SELECT 6

-- case: agg_cube
CREATE TABLE t (a text, b text, v int);
INSERT INTO t VALUES ('x', 'p', 1), ('x', 'q', 2), ('y', 'p', 3);
SELECT a, b, sum(v) AS s FROM t GROUP BY CUBE (a, b) ORDER BY a NULLS LAST, b NULLS LAST;
-- expect:
-- columns: ["a", "b", "s"]
-- types: ["text", "text", "int8"]
-- row: ["x", "p", "1"]
-- row: ["x", "q", "2"]
-- row: ["x", null, "3"]
-- row: ["y", "p", "3"]
-- row: ["y", null, "3"]
-- row: [null, "p", "4"]
-- row: [null, "q", "2"]
-- row: [null, null, "6"]
-- tag: SELECT 8

-- case: agg_grouping_function
CREATE TABLE t (a text, b text, v int);
INSERT INTO t VALUES ('x', 'p', 1), ('y', 'q', 2);
SELECT a, b, GROUPING(a, b) AS g, sum(v) AS s FROM t GROUP BY ROLLUP (a, b) ORDER BY g, a, b;
-- expect:
-- columns: ["a", "b", "g", "s"]
-- types: ["text", "text", "int4", "int8"]
-- row: ["x", "p", "0", "1"]
-- row: ["y", "q", "0", "2"]
-- row: ["x", null, "1", "1"]
-- row: ["y", null, "1", "2"]
-- row: [null, null, "3", "3"]
-- tag: SELECT 5

-- case: agg_in_expression
SELECT max(x) - min(x) AS range, sum(x) * 2 AS dbl, round(avg(x), 2) AS avg2 FROM (VALUES (1), (4), (8)) v(x);
-- expect:
-- columns: ["range", "dbl", "avg2"]
-- types: ["int4", "int8", "numeric"]
-- row: ["7", "26", "4.33"]
-- tag: SELECT 1

-- case: agg_count_on_join_with_nulls
CREATE TABLE a (id int);
CREATE TABLE b (aid int);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (1);
SELECT a.id, count(b.aid) AS n, count(*) AS star FROM a LEFT JOIN b ON b.aid = a.id GROUP BY a.id ORDER BY a.id;
-- expect:
-- columns: ["id", "n", "star"]
-- types: ["int4", "int8", "int8"]
-- row: ["1", "1", "1"]
-- row: ["2", "0", "1"]
-- tag: SELECT 2

-- case: agg_json_agg
SELECT json_agg(x ORDER BY x) AS j FROM (VALUES (3), (1)) v(x);
-- expect:
-- columns: ["j"]
-- types: ["json"]
-- row: ["[1, 3]"]
-- tag: SELECT 1

-- case: agg_ordered_set_within_group_text
SELECT string_agg(x, ',' ORDER BY x DESC) AS s FROM (VALUES ('a'), ('c'), ('b')) v(x);
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["c,b,a"]
-- tag: SELECT 1

-- case: agg_distinct_order_by
SELECT array_agg(DISTINCT x ORDER BY x) AS a FROM (VALUES (3), (1), (3), (2)) v(x);
-- expect:
-- columns: ["a"]
-- types: ["int4[]"]
-- row: ["{1,2,3}"]
-- tag: SELECT 1

-- case: agg_group_by_multiple_columns
CREATE TABLE t (a int, b int, v int);
INSERT INTO t VALUES (1, 1, 10), (1, 1, 5), (1, 2, 1), (2, 1, 7);
SELECT a, b, sum(v) AS s FROM t GROUP BY a, b ORDER BY a, b;
-- expect:
-- columns: ["a", "b", "s"]
-- types: ["int4", "int4", "int8"]
-- row: ["1", "1", "15"]
-- row: ["1", "2", "1"]
-- row: ["2", "1", "7"]
-- tag: SELECT 3

-- case: agg_having_references_alias_error
CREATE TABLE t (g int, v int);
SELECT g, sum(v) AS s FROM t GROUP BY g HAVING s > 1;
-- expect:
-- error: 42703

-- case: agg_sum_numeric_scale
SELECT sum(x) AS s FROM (VALUES (1.10), (2.205)) v(x);
-- expect:
-- columns: ["s"]
-- types: ["numeric"]
-- row: ["3.305"]
-- tag: SELECT 1

-- case: agg_avg_numeric_scale
SELECT avg(x) AS a FROM (VALUES (1), (2)) v(x);
-- expect:
-- columns: ["a"]
-- types: ["numeric"]
-- row: ["1.5000000000000000"]
-- tag: SELECT 1

-- case: agg_count_distinct_nulls
SELECT count(DISTINCT x) AS c FROM (VALUES (NULL::int), (NULL), (1)) v(x);
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1

-- case: agg_max_on_bool_error
SELECT max(x) FROM (VALUES (true)) v(x);
-- expect:
-- error: 42883

-- case: agg_group_by_having_count_distinct
CREATE TABLE t (g text, u int);
INSERT INTO t VALUES ('a', 1), ('a', 1), ('a', 2), ('b', 3);
SELECT g, count(DISTINCT u) AS d FROM t GROUP BY g HAVING count(DISTINCT u) > 1;
-- expect:
-- columns: ["g", "d"]
-- types: ["text", "int8"]
-- row: ["a", "2"]
-- tag: SELECT 1
