-- Aggregates, part 2: GROUPING SETS with GROUPING(), ordered aggregates, FILTER, statistics,
-- aggregate result types and edge cases.

-- case: agg2_grouping_sets_with_grouping_fn
CREATE TABLE s (region text, product text, amount int);
INSERT INTO s VALUES ('east', 'a', 10), ('east', 'b', 20), ('west', 'a', 5), ('west', 'b', 7), ('west', 'b', 3);
SELECT region, product, sum(amount) AS total, GROUPING(region, product) AS g FROM s GROUP BY GROUPING SETS ((region, product), (region), ()) ORDER BY g, region, product;
-- expect:
-- columns: ["region", "product", "total", "g"]
-- types: ["text", "text", "int8", "int4"]
-- row: ["east", "a", "10", "0"]
-- row: ["east", "b", "20", "0"]
-- row: ["west", "a", "5", "0"]
-- row: ["west", "b", "10", "0"]
-- row: ["east", null, "30", "1"]
-- row: ["west", null, "15", "1"]
-- row: [null, null, "45", "3"]
-- tag: SELECT 7

-- case: agg2_rollup_two_levels_order
CREATE TABLE s (y int, q int, amount int);
INSERT INTO s VALUES (2020, 1, 10), (2020, 2, 20), (2021, 1, 30), (2021, 1, 5);
SELECT y, q, sum(amount) AS total FROM s GROUP BY ROLLUP (y, q) ORDER BY y NULLS LAST, q NULLS LAST;
-- expect:
-- columns: ["y", "q", "total"]
-- types: ["int4", "int4", "int8"]
-- row: ["2020", "1", "10"]
-- row: ["2020", "2", "20"]
-- row: ["2020", null, "30"]
-- row: ["2021", "1", "35"]
-- row: ["2021", null, "35"]
-- row: [null, null, "65"]
-- tag: SELECT 6

-- case: agg2_cube_counts
CREATE TABLE s (a text, b text);
INSERT INTO s VALUES ('x', 'p'), ('x', 'q'), ('y', 'p');
SELECT a, b, count(*) AS n, GROUPING(a) AS ga, GROUPING(b) AS gb FROM s GROUP BY CUBE (a, b) ORDER BY ga, gb, a, b;
-- expect:
-- columns: ["a", "b", "n", "ga", "gb"]
-- types: ["text", "text", "int8", "int4", "int4"]
-- row: ["x", "p", "1", "0", "0"]
-- row: ["x", "q", "1", "0", "0"]
-- row: ["y", "p", "1", "0", "0"]
-- row: ["x", null, "2", "0", "1"]
-- row: ["y", null, "1", "0", "1"]
-- row: [null, "p", "2", "1", "0"]
-- row: [null, "q", "1", "1", "0"]
-- row: [null, null, "3", "1", "1"]
-- tag: SELECT 8

-- case: agg2_grouping_sets_empty_table_grand_total
CREATE TABLE s (a int, b int);
SELECT a, count(*) AS n FROM s GROUP BY GROUPING SETS ((a), ());
-- expect:
-- columns: ["a", "n"]
-- types: ["int4", "int8"]
-- row: [null, "0"]
-- tag: SELECT 1

-- case: agg2_rollup_null_data_vs_grouping
CREATE TABLE s (a text, v int);
INSERT INTO s VALUES (NULL, 1), ('k', 2);
SELECT a, sum(v) AS total, GROUPING(a) AS g FROM s GROUP BY ROLLUP (a) ORDER BY g, a NULLS FIRST;
-- expect:
-- columns: ["a", "total", "g"]
-- types: ["text", "int8", "int4"]
-- row: [null, "1", "0"]
-- row: ["k", "2", "0"]
-- row: [null, "3", "1"]
-- tag: SELECT 3

-- case: agg2_group_by_mixed_rollup_plain
CREATE TABLE s (a int, b int, c int);
INSERT INTO s VALUES (1, 1, 1), (1, 2, 2), (2, 1, 3);
SELECT a, b, sum(c) AS total FROM s GROUP BY a, ROLLUP (b) ORDER BY a, b NULLS LAST;
-- expect:
-- columns: ["a", "b", "total"]
-- types: ["int4", "int4", "int8"]
-- row: ["1", "1", "1"]
-- row: ["1", "2", "2"]
-- row: ["1", null, "3"]
-- row: ["2", "1", "3"]
-- row: ["2", null, "3"]
-- tag: SELECT 5

-- case: agg2_array_agg_order_by_desc
CREATE TABLE t (g int, v text);
INSERT INTO t VALUES (1, 'b'), (1, 'a'), (1, 'c'), (2, 'z'), (2, 'y');
SELECT g, array_agg(v ORDER BY v DESC) AS vs FROM t GROUP BY g ORDER BY g;
-- expect:
-- columns: ["g", "vs"]
-- types: ["int4", "text[]"]
-- row: ["1", "{c,b,a}"]
-- row: ["2", "{z,y}"]
-- tag: SELECT 2

-- case: agg2_array_agg_distinct
SELECT array_agg(DISTINCT x ORDER BY x) AS a FROM (VALUES (3), (1), (3), (2), (1)) v(x);
-- expect:
-- columns: ["a"]
-- types: ["int4[]"]
-- row: ["{1,2,3}"]
-- tag: SELECT 1

-- case: agg2_array_agg_of_arrays
SELECT array_agg(a) AS m FROM (VALUES (ARRAY[1, 2]), (ARRAY[3, 4])) v(a);
-- expect:
-- columns: ["m"]
-- types: ["int4[]"]
-- row: ["{{1,2},{3,4}}"]
-- tag: SELECT 1

-- case: agg2_array_agg_arrays_dim_mismatch
SELECT array_agg(a) FROM (VALUES (ARRAY[1, 2]), (ARRAY[3])) v(a);
-- expect:
-- error: 2202E

-- case: agg2_string_agg_distinct_order
SELECT string_agg(DISTINCT x, ',' ORDER BY x) AS s FROM (VALUES ('b'), ('a'), ('b'), ('c')) v(x);
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["a,b,c"]
-- tag: SELECT 1

-- case: agg2_string_agg_null_delimiter
SELECT string_agg(x, NULL) AS s FROM (VALUES ('a'), ('b')) v(x);
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["ab"]
-- tag: SELECT 1

-- case: agg2_string_agg_skips_nulls
SELECT string_agg(x, '-') AS s FROM (VALUES ('a'), (NULL), ('c')) v(x);
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["a-c"]
-- tag: SELECT 1

-- case: agg2_filter_multiple_aggregates
CREATE TABLE t (k text, v int);
INSERT INTO t VALUES ('a', 1), ('a', -2), ('b', 3), ('b', 4), ('b', NULL);
SELECT k, count(*) FILTER (WHERE v > 0) AS pos, sum(v) FILTER (WHERE v < 0) AS negsum, count(v) AS nn FROM t GROUP BY k ORDER BY k;
-- expect:
-- columns: ["k", "pos", "negsum", "nn"]
-- types: ["text", "int8", "int8", "int8"]
-- row: ["a", "1", "-2", "2"]
-- row: ["b", "2", null, "2"]
-- tag: SELECT 2

-- case: agg2_filter_with_array_agg
SELECT array_agg(x ORDER BY x) FILTER (WHERE x % 2 = 0) AS evens FROM generate_series(1, 7) x;
-- expect:
-- columns: ["evens"]
-- types: ["int4[]"]
-- row: ["{2,4,6}"]
-- tag: SELECT 1

-- case: agg2_count_distinct_expression
SELECT count(DISTINCT x % 3) AS c FROM generate_series(1, 10) x;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["3"]
-- tag: SELECT 1

-- case: agg2_sum_int2_int4_int8_types
SELECT pg_typeof(sum(a)) AS s2, pg_typeof(sum(b)) AS s4, pg_typeof(sum(c)) AS s8, pg_typeof(sum(d)) AS sf4, pg_typeof(sum(e)) AS sn FROM (VALUES (1::int2, 1::int4, 1::int8, 1::float4, 1::numeric)) v(a, b, c, d, e);
-- expect:
-- columns: ["s2", "s4", "s8", "sf4", "sn"]
-- types: ["regtype", "regtype", "regtype", "regtype", "regtype"]
-- row: ["bigint", "bigint", "numeric", "real", "numeric"]
-- tag: SELECT 1

-- case: agg2_avg_int_result_scale
SELECT avg(x) AS a FROM (VALUES (1), (2), (2)) v(x);
-- expect:
-- columns: ["a"]
-- types: ["numeric"]
-- row: ["1.6666666666666667"]
-- tag: SELECT 1

-- case: agg2_avg_interval
SELECT avg(x) AS a FROM (VALUES (interval '1 hour'), (interval '2 hours'), (interval '30 minutes')) v(x);
-- expect:
-- columns: ["a"]
-- types: ["interval"]
-- row: ["01:10:00"]
-- tag: SELECT 1

-- case: agg2_sum_interval
SELECT sum(x) AS a FROM (VALUES (interval '1 day 2 hours'), (interval '23 hours')) v(x);
-- expect:
-- columns: ["a"]
-- types: ["interval"]
-- row: ["1 day 25:00:00"]
-- tag: SELECT 1

-- case: agg2_min_max_arrays
SELECT min(a) AS mn, max(a) AS mx FROM (VALUES (ARRAY[1, 2]), (ARRAY[1, 3]), (ARRAY[0, 9])) v(a);
-- expect:
-- columns: ["mn", "mx"]
-- types: ["int4[]", "int4[]"]
-- row: ["{0,9}", "{1,3}"]
-- tag: SELECT 1

-- case: agg2_every_alias
SELECT every(x > 0) AS all_pos, bool_or(x > 2) AS any_big FROM (VALUES (1), (2), (3)) v(x);
-- expect:
-- columns: ["all_pos", "any_big"]
-- types: ["bool", "bool"]
-- row: ["t", "t"]
-- tag: SELECT 1

-- case: agg2_bool_and_empty_null
SELECT bool_and(x) AS a, bool_or(x) AS o FROM (SELECT true WHERE false) v(x);
-- expect:
-- columns: ["a", "o"]
-- types: ["bool", "bool"]
-- row: [null, null]
-- tag: SELECT 1

-- case: agg2_corr_regr
SELECT corr(y, x) AS c, regr_slope(y, x) AS slope, regr_intercept(y, x) AS icpt, regr_count(y, x) AS n FROM (VALUES (1.0, 2.0), (2.0, 4.0), (3.0, 6.0)) v(x, y);
-- expect:
-- columns: ["c", "slope", "icpt", "n"]
-- types: ["float8", "float8", "float8", "int8"]
-- row: ["1", "2", "0", "3"]
-- tag: SELECT 1

-- case: agg2_covar
SELECT covar_pop(y, x) AS cp, covar_samp(y, x) AS cs FROM (VALUES (1, 3), (2, 5), (3, 7), (4, 9)) v(x, y);
-- expect:
-- columns: ["cp", "cs"]
-- types: ["float8", "float8"]
-- row: ["2.5", "3.3333333333333335"]
-- tag: SELECT 1

-- case: agg2_var_pop_samp_numeric
SELECT var_pop(x) AS vp, var_samp(x) AS vs, stddev_pop(x) AS sp FROM (VALUES (2), (4), (4), (4), (5), (5), (7), (9)) v(x);
-- expect:
-- columns: ["vp", "vs", "sp"]
-- types: ["numeric", "numeric", "numeric"]
-- row: ["4.0000000000000000", "4.5714285714285714", "2.0000000000000000"]
-- tag: SELECT 1

-- case: agg2_percentile_disc_multiple
SELECT percentile_disc(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY x) AS p FROM generate_series(1, 8) x;
-- expect:
-- columns: ["p"]
-- types: ["int4[]"]
-- row: ["{2,4,6}"]
-- tag: SELECT 1

-- case: agg2_percentile_cont_interpolates
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS median FROM (VALUES (1), (2), (3), (10)) v(x);
-- expect:
-- columns: ["median"]
-- types: ["float8"]
-- row: ["2.5"]
-- tag: SELECT 1

-- case: agg2_rank_hypothetical
SELECT rank(3) WITHIN GROUP (ORDER BY x) AS r, dense_rank(3) WITHIN GROUP (ORDER BY x) AS dr, percent_rank(3) WITHIN GROUP (ORDER BY x) AS pr FROM (VALUES (1), (2), (2), (5)) v(x);
-- expect:
-- columns: ["r", "dr", "pr"]
-- types: ["int8", "int8", "float8"]
-- row: ["4", "3", "0.75"]
-- tag: SELECT 1

-- case: agg2_mode_tie_smallest
SELECT mode() WITHIN GROUP (ORDER BY x) AS m FROM (VALUES (3), (1), (3), (1), (2)) v(x);
-- expect:
-- columns: ["m"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: agg2_jsonb_object_agg
SELECT jsonb_object_agg(k, v ORDER BY k) AS o FROM (VALUES ('b', 2), ('a', 1)) t(k, v);
-- expect:
-- columns: ["o"]
-- types: ["jsonb"]
-- row: ["{\"a\": 1, \"b\": 2}"]
-- tag: SELECT 1

-- case: agg2_json_agg_order_by
SELECT json_agg(x ORDER BY x DESC) AS j FROM generate_series(1, 3) x;
-- expect:
-- columns: ["j"]
-- types: ["json"]
-- row: ["[3, 2, 1]"]
-- tag: SELECT 1

-- case: agg2_jsonb_agg_nulls
SELECT jsonb_agg(x) AS j FROM (VALUES (1), (NULL), (3)) v(x);
-- expect:
-- columns: ["j"]
-- types: ["jsonb"]
-- row: ["[1, null, 3]"]
-- tag: SELECT 1

-- case: agg2_having_count_gt
CREATE TABLE t (c text);
INSERT INTO t VALUES ('a'), ('b'), ('b'), ('c'), ('c'), ('c');
SELECT c, count(*) AS n FROM t GROUP BY c HAVING count(*) >= 2 ORDER BY n DESC;
-- expect:
-- columns: ["c", "n"]
-- types: ["text", "int8"]
-- row: ["c", "3"]
-- row: ["b", "2"]
-- tag: SELECT 2

-- case: agg2_having_no_group_false_no_rows
SELECT count(*) AS n FROM generate_series(1, 3) x HAVING count(*) > 10;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- tag: SELECT 0

-- case: agg2_having_with_or_and_aggregate_not_in_select
CREATE TABLE t (g int, v int);
INSERT INTO t VALUES (1, 10), (1, 20), (2, 1), (3, 100);
SELECT g FROM t GROUP BY g HAVING max(v) > 50 OR avg(v) > 12 ORDER BY g;
-- expect:
-- columns: ["g"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: agg2_group_by_case_expression
SELECT CASE WHEN x < 5 THEN 'low' ELSE 'high' END AS bucket, count(*) AS n FROM generate_series(1, 9) x GROUP BY 1 ORDER BY 1;
-- expect:
-- columns: ["bucket", "n"]
-- types: ["text", "int8"]
-- row: ["high", "5"]
-- row: ["low", "4"]
-- tag: SELECT 2

-- case: agg2_group_by_date_trunc
CREATE TABLE e (ts timestamp, v int);
INSERT INTO e VALUES ('2024-01-05 10:00', 1), ('2024-01-20 11:00', 2), ('2024-02-01 00:00', 3), ('2024-03-31 23:59', 4);
SELECT date_trunc('month', ts) AS m, sum(v) AS total FROM e GROUP BY 1 ORDER BY 1;
-- expect:
-- columns: ["m", "total"]
-- types: ["timestamp", "int8"]
-- row: ["2024-01-01 00:00:00", "3"]
-- row: ["2024-02-01 00:00:00", "3"]
-- row: ["2024-03-01 00:00:00", "4"]
-- tag: SELECT 3

-- case: agg2_ungrouped_column_error
CREATE TABLE t (a int, b int);
SELECT a, b FROM t GROUP BY a;
-- expect:
-- error: 42803

-- case: agg2_aggregate_in_group_by_error
SELECT count(*) FROM generate_series(1, 3) x GROUP BY count(*);
-- expect:
-- error: 42803

-- case: agg2_sum_text_error
SELECT sum(x) FROM (VALUES ('a'), ('b')) v(x);
-- expect:
-- error: 42883

-- case: agg2_count_star_with_distinct_error
SELECT count(DISTINCT *) FROM generate_series(1, 3) x;
-- expect:
-- error: 42601

-- case: agg2_max_min_over_nulls_and_empty
SELECT max(x) AS mx, min(x) AS mn, count(x) AS c, count(*) AS cs FROM (VALUES (NULL::int), (NULL)) v(x);
-- expect:
-- columns: ["mx", "mn", "c", "cs"]
-- types: ["int4", "int4", "int8", "int8"]
-- row: [null, null, "0", "2"]
-- tag: SELECT 1

-- case: agg2_sum_bigint_overflow_numeric
SELECT sum(x) AS s, pg_typeof(sum(x)) AS t FROM (VALUES (9223372036854775807::int8), (1::int8)) v(x);
-- expect:
-- columns: ["s", "t"]
-- types: ["numeric", "regtype"]
-- row: ["9223372036854775808", "numeric"]
-- tag: SELECT 1

-- case: agg2_aggregate_of_aggregate_in_subquery
SELECT max(n) AS biggest FROM (SELECT g, count(*) AS n FROM (VALUES (1), (1), (2), (3), (3), (3)) v(g) GROUP BY g) s;
-- expect:
-- columns: ["biggest"]
-- types: ["int8"]
-- row: ["3"]
-- tag: SELECT 1

-- case: agg2_bit_xor_pg14
SELECT bit_xor(x) AS x FROM (VALUES (5), (3)) v(x);
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["6"]
-- tag: SELECT 1

-- case: agg2_distinct_on_aggregated
SELECT count(*) AS n, count(DISTINCT (a, b)) AS pairs FROM (VALUES (1, 1), (1, 1), (1, 2), (NULL, 1)) v(a, b);
-- expect:
-- columns: ["n", "pairs"]
-- types: ["int8", "int8"]
-- row: ["4", "3"]
-- tag: SELECT 1

-- case: agg2_grouping_outside_group_by_error
SELECT GROUPING(x) FROM generate_series(1, 3) x;
-- expect:
-- error: 42803
