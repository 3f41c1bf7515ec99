-- Window functions, part 2: all frame kinds (ROWS/RANGE/GROUPS, offsets, EXCLUDE), named windows,
-- ranking with ties, navigation functions, window aggregates over partitions, errors.

-- case: win2_rows_between_1_preceding_1_following
SELECT x, sum(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s FROM generate_series(1, 5) x ORDER BY x;
-- expect:
-- columns: ["x", "s"]
-- types: ["int4", "int8"]
-- row: ["1", "3"]
-- row: ["2", "6"]
-- row: ["3", "9"]
-- row: ["4", "12"]
-- row: ["5", "9"]
-- tag: SELECT 5

-- case: win2_rows_unbounded_preceding_to_current
SELECT x, sum(x) OVER (ORDER BY x ROWS UNBOUNDED PRECEDING) AS s FROM (VALUES (1), (2), (2), (3)) v(x) ORDER BY x, s;
-- expect:
-- columns: ["x", "s"]
-- types: ["int4", "int8"]
-- row: ["1", "1"]
-- row: ["2", "3"]
-- row: ["2", "5"]
-- row: ["3", "8"]
-- tag: SELECT 4

-- case: win2_range_default_includes_peers
SELECT x, sum(x) OVER (ORDER BY x) AS s, count(*) OVER (ORDER BY x) AS c FROM (VALUES (1), (2), (2), (3)) v(x) ORDER BY x;
-- expect:
-- columns: ["x", "s", "c"]
-- types: ["int4", "int8", "int8"]
-- row: ["1", "1", "1"]
-- row: ["2", "5", "3"]
-- row: ["2", "5", "3"]
-- row: ["3", "8", "4"]
-- tag: SELECT 4

-- case: win2_range_offset_numeric
SELECT x, array_agg(x) OVER (ORDER BY x RANGE BETWEEN 2 PRECEDING AND CURRENT ROW) AS a FROM (VALUES (1), (2), (4), (5), (9)) v(x) ORDER BY x;
-- expect:
-- columns: ["x", "a"]
-- types: ["int4", "int4[]"]
-- row: ["1", "{1}"]
-- row: ["2", "{1,2}"]
-- row: ["4", "{2,4}"]
-- row: ["5", "{4,5}"]
-- row: ["9", "{9}"]
-- tag: SELECT 5

-- case: win2_range_offset_desc
SELECT x, array_agg(x) OVER (ORDER BY x DESC RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS a FROM (VALUES (1), (2), (3), (5)) v(x) ORDER BY x;
-- expect:
-- columns: ["x", "a"]
-- types: ["int4", "int4[]"]
-- row: ["1", "{2,1}"]
-- row: ["2", "{3,2,1}"]
-- row: ["3", "{3,2}"]
-- row: ["5", "{5}"]
-- tag: SELECT 4

-- case: win2_range_interval_on_dates
SELECT d, count(*) OVER (ORDER BY d RANGE BETWEEN interval '2 days' PRECEDING AND CURRENT ROW) AS last3 FROM (VALUES (date '2024-01-01'), (date '2024-01-02'), (date '2024-01-04'), (date '2024-01-07')) v(d) ORDER BY d;
-- expect:
-- columns: ["d", "last3"]
-- types: ["date", "int8"]
-- row: ["2024-01-01", "1"]
-- row: ["2024-01-02", "2"]
-- row: ["2024-01-04", "2"]
-- row: ["2024-01-07", "1"]
-- tag: SELECT 4

-- case: win2_groups_frame_with_peers
SELECT x, array_agg(x) OVER (ORDER BY x GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) AS a FROM (VALUES (1), (1), (2), (3), (3)) v(x) ORDER BY x, a;
-- expect:
-- columns: ["x", "a"]
-- types: ["int4", "int4[]"]
-- row: ["1", "{1,1}"]
-- row: ["1", "{1,1}"]
-- row: ["2", "{1,1,2}"]
-- row: ["3", "{2,3,3}"]
-- row: ["3", "{2,3,3}"]
-- tag: SELECT 5

-- case: win2_groups_following
SELECT x, sum(x) OVER (ORDER BY x GROUPS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS s FROM (VALUES (1), (1), (2), (4)) v(x) ORDER BY x;
-- expect:
-- columns: ["x", "s"]
-- types: ["int4", "int8"]
-- row: ["1", "4"]
-- row: ["1", "4"]
-- row: ["2", "6"]
-- row: ["4", "4"]
-- tag: SELECT 4

-- case: win2_exclude_current_row
SELECT x, sum(x) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW) AS others FROM generate_series(1, 4) x ORDER BY x;
-- expect:
-- columns: ["x", "others"]
-- types: ["int4", "int8"]
-- row: ["1", "9"]
-- row: ["2", "8"]
-- row: ["3", "7"]
-- row: ["4", "6"]
-- tag: SELECT 4

-- case: win2_exclude_group
SELECT x, sum(x) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE GROUP) AS s FROM (VALUES (1), (2), (2), (3)) v(x) ORDER BY x;
-- expect:
-- columns: ["x", "s"]
-- types: ["int4", "int8"]
-- row: ["1", "7"]
-- row: ["2", "4"]
-- row: ["2", "4"]
-- row: ["3", "5"]
-- tag: SELECT 4

-- case: win2_exclude_ties
SELECT x, count(*) OVER (ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES) AS c FROM (VALUES (1), (2), (2), (3)) v(x) ORDER BY x;
-- expect:
-- columns: ["x", "c"]
-- types: ["int4", "int8"]
-- row: ["1", "4"]
-- row: ["2", "3"]
-- row: ["2", "3"]
-- row: ["3", "4"]
-- tag: SELECT 4

-- case: win2_frame_end_before_start_empty
SELECT x, sum(x) OVER (ORDER BY x ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) AS s FROM generate_series(1, 4) x ORDER BY x;
-- expect:
-- columns: ["x", "s"]
-- types: ["int4", "int8"]
-- row: ["1", "5"]
-- row: ["2", "7"]
-- row: ["3", "4"]
-- row: ["4", null]
-- tag: SELECT 4

-- case: win2_frame_unbounded_following_start_error
SELECT sum(x) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM generate_series(1, 3) x;
-- expect:
-- error: 42P20

-- case: win2_frame_negative_offset_error
SELECT sum(x) OVER (ORDER BY x ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM generate_series(1, 3) x;
-- expect:
-- error: 22013

-- case: win2_groups_requires_order_by_error
SELECT sum(x) OVER (GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM generate_series(1, 3) x;
-- expect:
-- error: 42P20

-- case: win2_range_offset_text_order_error
SELECT count(*) OVER (ORDER BY t RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM (VALUES ('a')) v(t);
-- expect:
-- error: 0A000

-- case: win2_named_window_multiple_functions
SELECT x, row_number() OVER w AS rn, sum(x) OVER w AS s, lag(x) OVER w AS prev FROM generate_series(1, 4) x WINDOW w AS (ORDER BY x) ORDER BY x;
-- expect:
-- columns: ["x", "rn", "s", "prev"]
-- types: ["int4", "int8", "int8", "int4"]
-- row: ["1", "1", "1", null]
-- row: ["2", "2", "3", "1"]
-- row: ["3", "3", "6", "2"]
-- row: ["4", "4", "10", "3"]
-- tag: SELECT 4

-- case: win2_named_window_refine_with_frame
SELECT x, sum(x) OVER (w ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s2 FROM generate_series(1, 4) x WINDOW w AS (ORDER BY x) ORDER BY x;
-- expect:
-- columns: ["x", "s2"]
-- types: ["int4", "int8"]
-- row: ["1", "1"]
-- row: ["2", "3"]
-- row: ["3", "5"]
-- row: ["4", "7"]
-- tag: SELECT 4

-- case: win2_named_window_chain
SELECT g, x, rank() OVER w2 AS r FROM (VALUES (1, 10), (1, 20), (2, 5)) v(g, x) WINDOW w1 AS (PARTITION BY g), w2 AS (w1 ORDER BY x DESC) ORDER BY g, x;
-- expect:
-- columns: ["g", "x", "r"]
-- types: ["int4", "int4", "int8"]
-- row: ["1", "10", "2"]
-- row: ["1", "20", "1"]
-- row: ["2", "5", "1"]
-- tag: SELECT 3

-- case: win2_named_window_override_order_error
SELECT sum(x) OVER (w ORDER BY x) FROM generate_series(1, 3) x WINDOW w AS (ORDER BY x);
-- expect:
-- error: 42P20

-- case: win2_named_window_with_frame_copy_error
SELECT sum(x) OVER (w ORDER BY x) FROM generate_series(1, 3) x WINDOW w AS (ROWS UNBOUNDED PRECEDING);
-- expect:
-- error: 42P20

-- case: win2_undefined_window_name_error
SELECT sum(x) OVER nope FROM generate_series(1, 3) x;
-- expect:
-- error: 42704

-- case: win2_rank_dense_rank_row_number_ties
SELECT name, score, rank() OVER w AS r, dense_rank() OVER w AS dr, row_number() OVER (ORDER BY score DESC, name) AS rn FROM (VALUES ('a', 90), ('b', 80), ('c', 90), ('d', 70), ('e', 80)) v(name, score) WINDOW w AS (ORDER BY score DESC) ORDER BY rn;
-- expect:
-- columns: ["name", "score", "r", "dr", "rn"]
-- types: ["text", "int4", "int8", "int8", "int8"]
-- row: ["a", "90", "1", "1", "1"]
-- row: ["c", "90", "1", "1", "2"]
-- row: ["b", "80", "3", "2", "3"]
-- row: ["e", "80", "3", "2", "4"]
-- row: ["d", "70", "5", "3", "5"]
-- tag: SELECT 5

-- case: win2_percent_rank_cume_dist_ties
SELECT x, percent_rank() OVER (ORDER BY x) AS pr, cume_dist() OVER (ORDER BY x) AS cd FROM (VALUES (1), (2), (2), (4)) v(x) ORDER BY x;
-- expect:
-- columns: ["x", "pr", "cd"]
-- types: ["int4", "float8", "float8"]
-- row: ["1", "0", "0.25"]
-- row: ["2", "0.3333333333333333", "0.75"]
-- row: ["2", "0.3333333333333333", "0.75"]
-- row: ["4", "1", "1"]
-- tag: SELECT 4

-- case: win2_ntile_uneven
SELECT x, ntile(3) OVER (ORDER BY x) AS t FROM generate_series(1, 7) x ORDER BY x;
-- expect:
-- columns: ["x", "t"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- row: ["2", "1"]
-- row: ["3", "1"]
-- row: ["4", "2"]
-- row: ["5", "2"]
-- row: ["6", "3"]
-- row: ["7", "3"]
-- tag: SELECT 7

-- case: win2_ntile_more_buckets_than_rows
SELECT x, ntile(5) OVER (ORDER BY x) AS t FROM generate_series(1, 3) x ORDER BY x;
-- expect:
-- columns: ["x", "t"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- row: ["2", "2"]
-- row: ["3", "3"]
-- tag: SELECT 3

-- case: win2_lag_lead_offsets_defaults
SELECT x, lag(x, 2) OVER w AS lag2, lead(x, 1, 0) OVER w AS lead1, lead(x, 0) OVER w AS lead0 FROM generate_series(1, 4) x WINDOW w AS (ORDER BY x) ORDER BY x;
-- expect:
-- columns: ["x", "lag2", "lead1", "lead0"]
-- types: ["int4", "int4", "int4", "int4"]
-- row: ["1", null, "2", "1"]
-- row: ["2", null, "3", "2"]
-- row: ["3", "1", "4", "3"]
-- row: ["4", "2", "0", "4"]
-- tag: SELECT 4

-- case: win2_lag_default_type_mismatch
SELECT lag(x, 1, 'none') OVER (ORDER BY x) FROM generate_series(1, 2) x;
-- expect:
-- error: 22P02

-- case: win2_lag_negative_offset_is_lead
SELECT x, lag(x, -1) OVER (ORDER BY x) AS l FROM generate_series(1, 3) x ORDER BY x;
-- expect:
-- columns: ["x", "l"]
-- types: ["int4", "int4"]
-- row: ["1", "2"]
-- row: ["2", "3"]
-- row: ["3", null]
-- tag: SELECT 3

-- case: win2_first_last_nth_with_full_frame
SELECT x, first_value(x) OVER w AS f, last_value(x) OVER w AS l, nth_value(x, 2) OVER w AS n2 FROM generate_series(1, 4) x WINDOW w AS (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) ORDER BY x;
-- expect:
-- columns: ["x", "f", "l", "n2"]
-- types: ["int4", "int4", "int4", "int4"]
-- row: ["1", "1", "4", "2"]
-- row: ["2", "1", "4", "2"]
-- row: ["3", "1", "4", "2"]
-- row: ["4", "1", "4", "2"]
-- tag: SELECT 4

-- case: win2_nth_value_default_frame_nulls
SELECT x, nth_value(x, 3) OVER (ORDER BY x) AS n3 FROM generate_series(1, 4) x ORDER BY x;
-- expect:
-- columns: ["x", "n3"]
-- types: ["int4", "int4"]
-- row: ["1", null]
-- row: ["2", null]
-- row: ["3", "3"]
-- row: ["4", "3"]
-- tag: SELECT 4

-- case: win2_nth_value_zero_error
SELECT nth_value(x, 0) OVER (ORDER BY x) FROM generate_series(1, 3) x;
-- expect:
-- error: 22016

-- case: win2_partition_running_total_reset
SELECT g, x, sum(x) OVER (PARTITION BY g ORDER BY x) AS run FROM (VALUES ('a', 1), ('a', 2), ('b', 10), ('b', 20), ('a', 3)) v(g, x) ORDER BY g, x;
-- expect:
-- columns: ["g", "x", "run"]
-- types: ["text", "int4", "int8"]
-- row: ["a", "1", "1"]
-- row: ["a", "2", "3"]
-- row: ["a", "3", "6"]
-- row: ["b", "10", "10"]
-- row: ["b", "20", "30"]
-- tag: SELECT 5

-- case: win2_partition_by_expression
SELECT x, count(*) OVER (PARTITION BY x % 2) AS same_parity FROM generate_series(1, 5) x ORDER BY x;
-- expect:
-- columns: ["x", "same_parity"]
-- types: ["int4", "int8"]
-- row: ["1", "3"]
-- row: ["2", "2"]
-- row: ["3", "3"]
-- row: ["4", "2"]
-- row: ["5", "3"]
-- tag: SELECT 5

-- case: win2_partition_without_order_whole_partition
SELECT g, x, max(x) OVER (PARTITION BY g) AS mx, avg(x) OVER (PARTITION BY g) AS av FROM (VALUES (1, 2), (1, 4), (2, 5)) v(g, x) ORDER BY g, x;
-- expect:
-- columns: ["g", "x", "mx", "av"]
-- types: ["int4", "int4", "int4", "numeric"]
-- row: ["1", "2", "4", "3.0000000000000000"]
-- row: ["1", "4", "4", "3.0000000000000000"]
-- row: ["2", "5", "5", "5.0000000000000000"]
-- tag: SELECT 3

-- case: win2_window_over_aggregate_result
SELECT g, sum(x) AS total, sum(sum(x)) OVER () AS grand, rank() OVER (ORDER BY sum(x) DESC) AS r FROM (VALUES (1, 5), (1, 5), (2, 3), (3, 20)) v(g, x) GROUP BY g ORDER BY g;
-- expect:
-- columns: ["g", "total", "grand", "r"]
-- types: ["int4", "int8", "numeric", "int8"]
-- row: ["1", "10", "33", "2"]
-- row: ["2", "3", "33", "3"]
-- row: ["3", "20", "33", "1"]
-- tag: SELECT 3

-- case: win2_window_in_order_by
SELECT x FROM (VALUES (3), (1), (2)) v(x) ORDER BY row_number() OVER (ORDER BY x DESC);
-- expect:
-- columns: ["x"]
-- types: ["int4"]
-- row: ["3"]
-- row: ["2"]
-- row: ["1"]
-- tag: SELECT 3

-- case: win2_window_filter_clause
SELECT x, count(*) FILTER (WHERE x % 2 = 0) OVER (ORDER BY x) AS evens_so_far FROM generate_series(1, 5) x ORDER BY x;
-- expect:
-- columns: ["x", "evens_so_far"]
-- types: ["int4", "int8"]
-- row: ["1", "0"]
-- row: ["2", "1"]
-- row: ["3", "1"]
-- row: ["4", "2"]
-- row: ["5", "2"]
-- tag: SELECT 5

-- case: win2_distinct_in_window_error
SELECT count(DISTINCT x) OVER () FROM generate_series(1, 3) x;
-- expect:
-- error: 0A000

-- case: win2_window_in_having_error
SELECT x FROM generate_series(1, 3) x GROUP BY x HAVING row_number() OVER () > 1;
-- expect:
-- error: 42P20

-- case: win2_window_function_in_update_error
CREATE TABLE t (a int, r int);
UPDATE t SET r = row_number() OVER ();
-- expect:
-- error: 42P20

-- case: win2_moving_avg_numeric_rows
SELECT d, round(avg(v) OVER (ORDER BY d ROWS 2 PRECEDING), 2) AS ma3 FROM (VALUES (1, 10), (2, 20), (3, 60), (4, 10)) t(d, v) ORDER BY d;
-- expect:
-- columns: ["d", "ma3"]
-- types: ["int4", "numeric"]
-- row: ["1", "10.00"]
-- row: ["2", "15.00"]
-- row: ["3", "30.00"]
-- row: ["4", "30.00"]
-- tag: SELECT 4

-- case: win2_running_difference_lag
SELECT d, v, v - lag(v) OVER (ORDER BY d) AS delta FROM (VALUES (1, 100), (2, 90), (3, 130)) t(d, v) ORDER BY d;
-- expect:
-- columns: ["d", "v", "delta"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "100", null]
-- row: ["2", "90", "-10"]
-- row: ["3", "130", "40"]
-- tag: SELECT 3

-- case: win2_top_n_per_group_via_row_number
SELECT g, x FROM (SELECT g, x, row_number() OVER (PARTITION BY g ORDER BY x DESC) AS rn FROM (VALUES ('a', 1), ('a', 5), ('a', 3), ('b', 2), ('b', 9)) v(g, x)) s WHERE rn <= 2 ORDER BY g, x DESC;
-- expect:
-- columns: ["g", "x"]
-- types: ["text", "int4"]
-- row: ["a", "5"]
-- row: ["a", "3"]
-- row: ["b", "9"]
-- row: ["b", "2"]
-- tag: SELECT 4

-- case: win2_gaps_and_islands
SELECT min(x) AS start, max(x) AS stop FROM (SELECT x, x - row_number() OVER (ORDER BY x) AS grp FROM (VALUES (1), (2), (3), (5), (6), (9)) v(x)) s GROUP BY grp ORDER BY start;
-- expect:
-- columns: ["start", "stop"]
-- types: ["int4", "int4"]
-- row: ["1", "3"]
-- row: ["5", "6"]
-- row: ["9", "9"]
-- tag: SELECT 3

-- case: win2_array_agg_window_order
SELECT x, array_agg(x) OVER (ORDER BY x DESC) AS so_far FROM generate_series(1, 3) x ORDER BY x;
-- expect:
-- columns: ["x", "so_far"]
-- types: ["int4", "int4[]"]
-- row: ["1", "{3,2,1}"]
-- row: ["2", "{3,2}"]
-- row: ["3", "{3}"]
-- tag: SELECT 3

-- case: win2_string_agg_window_partition
SELECT g, s, string_agg(s, ',') OVER (PARTITION BY g ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS all_s FROM (VALUES (1, 'b'), (1, 'a'), (2, 'c')) v(g, s) ORDER BY g, s;
-- expect:
-- columns: ["g", "s", "all_s"]
-- types: ["int4", "text", "text"]
-- row: ["1", "a", "a,b"]
-- row: ["1", "b", "a,b"]
-- row: ["2", "c", "c"]
-- tag: SELECT 3

-- case: win2_window_empty_over_count
SELECT x, count(*) OVER () AS n, sum(x) OVER () AS s FROM generate_series(1, 3) x ORDER BY x;
-- expect:
-- columns: ["x", "n", "s"]
-- types: ["int4", "int8", "int8"]
-- row: ["1", "3", "6"]
-- row: ["2", "3", "6"]
-- row: ["3", "3", "6"]
-- tag: SELECT 3

-- case: win2_window_result_types
SELECT pg_typeof(row_number() OVER ()) AS rn, pg_typeof(rank() OVER ()) AS r, pg_typeof(percent_rank() OVER ()) AS pr, pg_typeof(ntile(2) OVER ()) AS nt, pg_typeof(sum(1) OVER ()) AS s, pg_typeof(avg(1) OVER ()) AS a;
-- expect:
-- columns: ["rn", "r", "pr", "nt", "s", "a"]
-- types: ["regtype", "regtype", "regtype", "regtype", "regtype", "regtype"]
-- row: ["bigint", "bigint", "double precision", "integer", "bigint", "numeric"]
-- tag: SELECT 1

-- case: win2_window_over_empty_input
SELECT row_number() OVER () AS rn FROM generate_series(1, 0) x;
-- expect:
-- columns: ["rn"]
-- types: ["int8"]
-- tag: SELECT 0

-- case: win2_range_current_row_peers_last_value
SELECT x, last_value(x) OVER (ORDER BY x / 2) AS lv FROM generate_series(1, 5) x ORDER BY x;
-- expect:
-- columns: ["x", "lv"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- row: ["2", "3"]
-- row: ["3", "3"]
-- row: ["4", "5"]
-- row: ["5", "5"]
-- tag: SELECT 5

-- case: win2_order_by_nulls_in_window
SELECT x, row_number() OVER (ORDER BY x NULLS FIRST) AS rn FROM (VALUES (2), (NULL), (1)) v(x) ORDER BY rn;
-- expect:
-- columns: ["x", "rn"]
-- types: ["int4", "int8"]
-- row: [null, "1"]
-- row: ["1", "2"]
-- row: ["2", "3"]
-- tag: SELECT 3

-- case: win2_window_with_distinct_on_outer
SELECT DISTINCT g, max(x) OVER (PARTITION BY g) AS mx FROM (VALUES (1, 1), (1, 3), (2, 2)) v(g, x) ORDER BY g;
-- expect:
-- columns: ["g", "mx"]
-- types: ["int4", "int4"]
-- row: ["1", "3"]
-- row: ["2", "2"]
-- tag: SELECT 2

-- case: win2_mode_like_via_window_count
SELECT x, count(*) OVER (PARTITION BY x) AS freq FROM (VALUES ('a'), ('b'), ('a')) v(x) ORDER BY freq DESC, x;
-- expect:
-- columns: ["x", "freq"]
-- types: ["text", "int8"]
-- row: ["a", "2"]
-- row: ["a", "2"]
-- row: ["b", "1"]
-- tag: SELECT 3
