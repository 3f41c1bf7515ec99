-- Window functions: ranking, offsets, aggregates over windows, frames, named windows.

-- case: win_row_number
CREATE TABLE t (a int);
INSERT INTO t VALUES (30), (10), (20);
SELECT a, row_number() OVER (ORDER BY a) AS rn FROM t ORDER BY a;
-- expect:
-- columns: ["a", "rn"]
-- types: ["int4", "int8"]
-- row: ["10", "1"]
-- row: ["20", "2"]
-- row: ["30", "3"]
-- tag: SELECT 3

-- case: win_row_number_partition
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 3), ('a', 1), ('b', 2), ('b', 5), ('b', 4);
SELECT g, v, row_number() OVER (PARTITION BY g ORDER BY v) AS rn FROM t ORDER BY g, v;
-- expect:
-- columns: ["g", "v", "rn"]
-- types: ["text", "int4", "int8"]
-- row: ["a", "1", "1"]
-- row: ["a", "3", "2"]
-- row: ["b", "2", "1"]
-- row: ["b", "4", "2"]
-- row: ["b", "5", "3"]
-- tag: SELECT 5

-- case: win_rank_dense_rank
CREATE TABLE t (v int);
INSERT INTO t VALUES (10), (20), (20), (30);
SELECT v, rank() OVER (ORDER BY v) AS r, dense_rank() OVER (ORDER BY v) AS dr FROM t ORDER BY v;
-- expect:
-- columns: ["v", "r", "dr"]
-- types: ["int4", "int8", "int8"]
-- row: ["10", "1", "1"]
-- row: ["20", "2", "2"]
-- row: ["20", "2", "2"]
-- row: ["30", "4", "3"]
-- tag: SELECT 4

-- case: win_percent_rank_cume_dist
CREATE TABLE t (v int);
INSERT INTO t VALUES (1), (2), (2), (4);
SELECT v, percent_rank() OVER (ORDER BY v) AS pr, cume_dist() OVER (ORDER BY v) AS cd FROM t ORDER BY v;
-- expect:
-- columns: ["v", "pr", "cd"]
-- types: ["int4", "float8", "float8"]
-- row: ["1", "0", "0.25"]
-- row: ["2", "0.3333333333333333", "0.75"]
-- row: ["2", "0.3333333333333333", "0.75"]
-- row: ["4", "1", "1"]
-- tag: SELECT 4

-- case: win_ntile
CREATE TABLE t (v int);
INSERT INTO t SELECT generate_series(1, 7);
SELECT v, ntile(3) OVER (ORDER BY v) AS n FROM t ORDER BY v;
-- expect:
-- columns: ["v", "n"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- row: ["2", "1"]
-- row: ["3", "1"]
-- row: ["4", "2"]
-- row: ["5", "2"]
-- row: ["6", "3"]
-- row: ["7", "3"]
-- tag: SELECT 7

-- case: win_lag_lead
CREATE TABLE t (v int);
INSERT INTO t VALUES (1), (2), (4), (8);
SELECT v, lag(v) OVER (ORDER BY v) AS prev, lead(v) OVER (ORDER BY v) AS next FROM t ORDER BY v;
-- expect:
-- columns: ["v", "prev", "next"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", null, "2"]
-- row: ["2", "1", "4"]
-- row: ["4", "2", "8"]
-- row: ["8", "4", null]
-- tag: SELECT 4

-- case: win_lag_offset_default
CREATE TABLE t (v int);
INSERT INTO t VALUES (1), (2), (3);
SELECT v, lag(v, 2, 0) OVER (ORDER BY v) AS l2, lead(v, 1, -1) OVER (ORDER BY v) AS l1 FROM t ORDER BY v;
-- expect:
-- columns: ["v", "l2", "l1"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "0", "2"]
-- row: ["2", "0", "3"]
-- row: ["3", "1", "-1"]
-- tag: SELECT 3

-- case: win_first_last_value_default_frame
CREATE TABLE t (v int);
INSERT INTO t VALUES (1), (2), (3);
SELECT v, first_value(v) OVER (ORDER BY v) AS f, last_value(v) OVER (ORDER BY v) AS l FROM t ORDER BY v;
-- expect:
-- columns: ["v", "f", "l"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "1", "1"]
-- row: ["2", "1", "2"]
-- row: ["3", "1", "3"]
-- tag: SELECT 3

-- case: win_last_value_full_frame
CREATE TABLE t (v int);
INSERT INTO t VALUES (1), (2), (3);
SELECT v, last_value(v) OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS l FROM t ORDER BY v;
-- expect:
-- columns: ["v", "l"]
-- types: ["int4", "int4"]
-- row: ["1", "3"]
-- row: ["2", "3"]
-- row: ["3", "3"]
-- tag: SELECT 3

-- case: win_nth_value
CREATE TABLE t (v int);
INSERT INTO t VALUES (10), (20), (30);
SELECT v, nth_value(v, 2) OVER (ORDER BY v) AS n2 FROM t ORDER BY v;
-- expect:
-- columns: ["v", "n2"]
-- types: ["int4", "int4"]
-- row: ["10", null]
-- row: ["20", "20"]
-- row: ["30", "20"]
-- tag: SELECT 3

-- case: win_running_sum
CREATE TABLE t (d int, amt int);
INSERT INTO t VALUES (1, 10), (2, 20), (3, 5);
SELECT d, sum(amt) OVER (ORDER BY d) AS running FROM t ORDER BY d;
-- expect:
-- columns: ["d", "running"]
-- types: ["int4", "int8"]
-- row: ["1", "10"]
-- row: ["2", "30"]
-- row: ["3", "35"]
-- tag: SELECT 3

-- case: win_running_sum_with_peers
CREATE TABLE t (d int, amt int);
INSERT INTO t VALUES (1, 10), (2, 20), (2, 1), (3, 5);
SELECT d, amt, sum(amt) OVER (ORDER BY d) AS running FROM t ORDER BY d, amt;
-- expect:
-- columns: ["d", "amt", "running"]
-- types: ["int4", "int4", "int8"]
-- row: ["1", "10", "10"]
-- row: ["2", "1", "31"]
-- row: ["2", "20", "31"]
-- row: ["3", "5", "36"]
-- tag: SELECT 4

-- case: win_rows_frame_peers
CREATE TABLE t (d int, amt int);
INSERT INTO t VALUES (1, 10), (2, 20), (2, 1), (3, 5);
SELECT d, amt, sum(amt) OVER (ORDER BY d, amt ROWS UNBOUNDED PRECEDING) AS running FROM t ORDER BY d, amt;
-- expect:
-- columns: ["d", "amt", "running"]
-- types: ["int4", "int4", "int8"]
-- row: ["1", "10", "10"]
-- row: ["2", "1", "11"]
-- row: ["2", "20", "31"]
-- row: ["3", "5", "36"]
-- tag: SELECT 4

-- case: win_total_over_empty
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 1), ('b', 2), ('b', 3);
SELECT g, v, sum(v) OVER () AS total, count(*) OVER () AS n FROM t ORDER BY g, v;
-- expect:
-- columns: ["g", "v", "total", "n"]
-- types: ["text", "int4", "int8", "int8"]
-- row: ["a", "1", "6", "3"]
-- row: ["b", "2", "6", "3"]
-- row: ["b", "3", "6", "3"]
-- tag: SELECT 3

-- case: win_partition_aggregate
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 1), ('b', 2), ('b', 3);
SELECT g, v, sum(v) OVER (PARTITION BY g) AS gs, avg(v) OVER (PARTITION BY g) AS ga FROM t ORDER BY g, v;
-- expect:
-- columns: ["g", "v", "gs", "ga"]
-- types: ["text", "int4", "int8", "numeric"]
-- row: ["a", "1", "1", "1.00000000000000000000"]
-- row: ["b", "2", "5", "2.5000000000000000"]
-- row: ["b", "3", "5", "2.5000000000000000"]
-- tag: SELECT 3

-- case: win_moving_average_rows
CREATE TABLE t (d int, v int);
INSERT INTO t VALUES (1, 10), (2, 20), (3, 30), (4, 40);
SELECT d, avg(v) OVER (ORDER BY d ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS ma FROM t ORDER BY d;
-- expect:
-- columns: ["d", "ma"]
-- types: ["int4", "numeric"]
-- row: ["1", "15.0000000000000000"]
-- row: ["2", "20.0000000000000000"]
-- row: ["3", "30.0000000000000000"]
-- row: ["4", "35.0000000000000000"]
-- tag: SELECT 4

-- case: win_range_offset_frame
CREATE TABLE t (d int, v int);
INSERT INTO t VALUES (1, 1), (2, 2), (4, 4), (7, 7);
SELECT d, sum(v) OVER (ORDER BY d RANGE BETWEEN 2 PRECEDING AND CURRENT ROW) AS s FROM t ORDER BY d;
-- expect:
-- columns: ["d", "s"]
-- types: ["int4", "int8"]
-- row: ["1", "1"]
-- row: ["2", "3"]
-- row: ["4", "6"]
-- row: ["7", "7"]
-- tag: SELECT 4

-- case: win_groups_frame
CREATE TABLE t (d int, v int);
INSERT INTO t VALUES (1, 1), (1, 2), (2, 3), (3, 4);
SELECT d, v, sum(v) OVER (ORDER BY d GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM t ORDER BY d, v;
-- expect:
-- columns: ["d", "v", "s"]
-- types: ["int4", "int4", "int8"]
-- row: ["1", "1", "3"]
-- row: ["1", "2", "3"]
-- row: ["2", "3", "6"]
-- row: ["3", "4", "7"]
-- tag: SELECT 4

-- case: win_frame_exclude_current
CREATE TABLE t (v int);
INSERT INTO t VALUES (1), (2), (3);
SELECT v, sum(v) OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW) AS others FROM t ORDER BY v;
-- expect:
-- columns: ["v", "others"]
-- types: ["int4", "int8"]
-- row: ["1", "5"]
-- row: ["2", "4"]
-- row: ["3", "3"]
-- tag: SELECT 3

-- case: win_frame_following_only
CREATE TABLE t (v int);
INSERT INTO t VALUES (1), (2), (3), (4);
SELECT v, sum(v) OVER (ORDER BY v ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) AS nxt FROM t ORDER BY v;
-- expect:
-- columns: ["v", "nxt"]
-- types: ["int4", "int8"]
-- row: ["1", "5"]
-- row: ["2", "7"]
-- row: ["3", "4"]
-- row: ["4", null]
-- tag: SELECT 4

-- case: win_named_window
CREATE TABLE t (v int);
INSERT INTO t VALUES (3), (1), (2);
SELECT v, row_number() OVER w AS rn, sum(v) OVER w AS s FROM t WINDOW w AS (ORDER BY v) ORDER BY v;
-- expect:
-- columns: ["v", "rn", "s"]
-- types: ["int4", "int8", "int8"]
-- row: ["1", "1", "1"]
-- row: ["2", "2", "3"]
-- row: ["3", "3", "6"]
-- tag: SELECT 3

-- case: win_named_window_extended
CREATE TABLE t (g int, v int);
INSERT INTO t VALUES (1, 3), (1, 1), (2, 2);
SELECT g, v, rank() OVER (w ORDER BY v) AS r FROM t WINDOW w AS (PARTITION BY g) ORDER BY g, v;
-- expect:
-- columns: ["g", "v", "r"]
-- types: ["int4", "int4", "int8"]
-- row: ["1", "1", "1"]
-- row: ["1", "3", "2"]
-- row: ["2", "2", "1"]
-- tag: SELECT 3

-- case: win_count_filter
CREATE TABLE t (v int);
INSERT INTO t SELECT generate_series(1, 5);
SELECT v, count(*) FILTER (WHERE v % 2 = 1) OVER (ORDER BY v) AS odds FROM t ORDER BY v;
-- expect:
-- columns: ["v", "odds"]
-- types: ["int4", "int8"]
-- row: ["1", "1"]
-- row: ["2", "1"]
-- row: ["3", "2"]
-- row: ["4", "2"]
-- row: ["5", "3"]
-- tag: SELECT 5

-- case: win_over_group_by
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 10), ('c', 4);
SELECT g, sum(v) AS s, rank() OVER (ORDER BY sum(v) DESC) AS r FROM t GROUP BY g ORDER BY r;
-- expect:
-- columns: ["g", "s", "r"]
-- types: ["text", "int8", "int8"]
-- row: ["b", "10", "1"]
-- row: ["c", "4", "2"]
-- row: ["a", "3", "3"]
-- tag: SELECT 3

-- case: win_in_subquery_filter
CREATE TABLE t (g text, v int);
INSERT INTO t VALUES ('a', 1), ('a', 7), ('b', 3), ('b', 2);
SELECT g, v FROM (SELECT g, v, row_number() OVER (PARTITION BY g ORDER BY v DESC) AS rn FROM t) s WHERE rn = 1 ORDER BY g;
-- expect:
-- columns: ["g", "v"]
-- types: ["text", "int4"]
-- row: ["a", "7"]
-- row: ["b", "3"]
-- tag: SELECT 2

-- case: win_order_by_desc_nulls
CREATE TABLE t (v int);
INSERT INTO t VALUES (1), (NULL), (2);
SELECT v, row_number() OVER (ORDER BY v DESC) AS rn FROM t ORDER BY rn;
-- expect:
-- columns: ["v", "rn"]
-- types: ["int4", "int8"]
-- row: [null, "1"]
-- row: ["2", "2"]
-- row: ["1", "3"]
-- tag: SELECT 3

-- case: win_min_max_running
CREATE TABLE t (d int, v int);
INSERT INTO t VALUES (1, 5), (2, 3), (3, 8), (4, 1);
SELECT d, min(v) OVER (ORDER BY d) AS mn, max(v) OVER (ORDER BY d) AS mx FROM t ORDER BY d;
-- expect:
-- columns: ["d", "mn", "mx"]
-- types: ["int4", "int4", "int4"]
-- row: ["1", "5", "5"]
-- row: ["2", "3", "5"]
-- row: ["3", "3", "8"]
-- row: ["4", "1", "8"]
-- tag: SELECT 4

-- case: win_lag_partitioned_diff
CREATE TABLE t (g text, d int, v int);
INSERT INTO t VALUES ('a', 1, 10), ('a', 2, 15), ('b', 1, 100), ('b', 2, 90);
SELECT g, d, v - lag(v) OVER (PARTITION BY g ORDER BY d) AS delta FROM t ORDER BY g, d;
-- expect:
-- columns: ["g", "d", "delta"]
-- types: ["text", "int4", "int4"]
-- row: ["a", "1", null]
-- row: ["a", "2", "5"]
-- row: ["b", "1", null]
-- row: ["b", "2", "-10"]
-- tag: SELECT 4

-- case: win_string_agg_window
CREATE TABLE t (v text);
INSERT INTO t VALUES ('a'), ('b'), ('c');
SELECT v, string_agg(v, '') OVER (ORDER BY v) AS acc FROM t ORDER BY v;
-- expect:
-- columns: ["v", "acc"]
-- types: ["text", "text"]
-- row: ["a", "a"]
-- row: ["b", "ab"]
-- row: ["c", "abc"]
-- tag: SELECT 3

-- case: win_row_number_no_order_single_partition
CREATE TABLE t (g int);
INSERT INTO t VALUES (1), (1), (1);
SELECT count(DISTINCT rn) AS c FROM (SELECT row_number() OVER (PARTITION BY g) AS rn FROM t) s;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["3"]
-- tag: SELECT 1

-- case: win_percent_of_total
CREATE TABLE t (k text, v numeric);
INSERT INTO t VALUES ('a', 1), ('b', 3);
SELECT k, round(100 * v / sum(v) OVER (), 1) AS pct FROM t ORDER BY k;
-- expect:
-- columns: ["k", "pct"]
-- types: ["text", "numeric"]
-- row: ["a", "25.0"]
-- row: ["b", "75.0"]
-- tag: SELECT 2

-- case: win_dense_rank_partition_desc
CREATE TABLE t (g text, s int);
INSERT INTO t VALUES ('x', 5), ('x', 5), ('x', 3), ('y', 9);
SELECT g, s, dense_rank() OVER (PARTITION BY g ORDER BY s DESC) AS dr FROM t ORDER BY g, s DESC;
-- expect:
-- columns: ["g", "s", "dr"]
-- types: ["text", "int4", "int8"]
-- row: ["x", "5", "1"]
-- row: ["x", "5", "1"]
-- row: ["x", "3", "2"]
-- row: ["y", "9", "1"]
-- tag: SELECT 4

-- case: win_range_unbounded_following
CREATE TABLE t (v int);
INSERT INTO t VALUES (1), (2), (2), (3);
SELECT v, count(*) OVER (ORDER BY v RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS rest FROM t ORDER BY v;
-- expect:
-- columns: ["v", "rest"]
-- types: ["int4", "int8"]
-- row: ["1", "4"]
-- row: ["2", "3"]
-- row: ["2", "3"]
-- row: ["3", "1"]
-- tag: SELECT 4

-- case: win_function_without_over_error
CREATE TABLE t (v int);
SELECT row_number() FROM t;
-- expect:
-- error: 42809

-- case: win_ntile_invalid_error
SELECT ntile(0) OVER () FROM (VALUES (1)) v(x);
-- expect:
-- error: 22014

-- case: win_frame_start_following_error
SELECT sum(x) OVER (ORDER BY x ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM (VALUES (1)) v(x);
-- expect:
-- error: 42P20

-- case: win_range_offset_requires_one_order_col_error
SELECT sum(x) OVER (ORDER BY x, y RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM (VALUES (1, 2)) v(x, y);
-- expect:
-- error: 42P20

-- case: win_nested_window_error
SELECT sum(row_number() OVER ()) OVER () FROM (VALUES (1)) v(x);
-- expect:
-- error: 42P20

-- case: win_timestamps_range_interval
CREATE TABLE t (ts timestamp, v int);
INSERT INTO t VALUES ('2024-01-01 00:00', 1), ('2024-01-01 00:30', 2), ('2024-01-01 02:00', 4);
SELECT ts, sum(v) OVER (ORDER BY ts RANGE BETWEEN interval '1 hour' PRECEDING AND CURRENT ROW) AS s FROM t ORDER BY ts;
-- expect:
-- columns: ["ts", "s"]
-- types: ["timestamp", "int8"]
-- row: ["2024-01-01 00:00:00", "1"]
-- row: ["2024-01-01 00:30:00", "3"]
-- row: ["2024-01-01 02:00:00", "4"]
-- tag: SELECT 3

-- case: win_avg_type
SELECT pg_typeof(avg(x) OVER ()) AS t FROM (VALUES (1)) v(x);
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["numeric"]
-- tag: SELECT 1
