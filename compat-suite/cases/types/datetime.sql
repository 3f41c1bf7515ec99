-- Date/time types: input, output (ISO), arithmetic, intervals, time zones.

-- case: date_output_iso
SELECT '2024-02-29'::date AS d, DATE '1999-12-31' AS e;
-- expect:
-- columns: ["d", "e"]
-- types: ["date", "date"]
-- row: ["2024-02-29", "1999-12-31"]
-- tag: SELECT 1

-- case: date_invalid
SELECT '2023-02-29'::date;
-- expect:
-- error: 22008

-- case: date_input_formats
SELECT 'January 8, 1999'::date AS a, '1999-01-08'::date AS b, '19990108'::date AS c, '1/8/1999'::date AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["date", "date", "date", "date"]
-- row: ["1999-01-08", "1999-01-08", "1999-01-08", "1999-01-08"]
-- tag: SELECT 1

-- case: date_plus_int
SELECT '2024-01-31'::date + 1 AS a, '2024-03-01'::date - 1 AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["date", "date"]
-- row: ["2024-02-01", "2024-02-29"]
-- tag: SELECT 1

-- case: date_minus_date
SELECT '2024-03-01'::date - '2024-02-01'::date AS days, pg_typeof('2024-03-01'::date - '2024-02-01'::date) AS t;
-- expect:
-- columns: ["days", "t"]
-- types: ["int4", "regtype"]
-- row: ["29", "integer"]
-- tag: SELECT 1

-- case: date_plus_interval
SELECT '2024-01-31'::date + interval '1 month' AS a, pg_typeof('2024-01-31'::date + interval '1 month') AS t;
-- expect:
-- columns: ["a", "t"]
-- types: ["timestamp", "regtype"]
-- row: ["2024-02-29 00:00:00", "timestamp without time zone"]
-- tag: SELECT 1

-- case: date_infinity
SELECT 'infinity'::date AS a, '-infinity'::date AS b, 'infinity'::date > '2999-01-01' AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["date", "date", "bool"]
-- row: ["infinity", "-infinity", "t"]
-- tag: SELECT 1

-- case: date_bc
SELECT '0044-03-15 BC'::date AS d;
-- expect:
-- columns: ["d"]
-- types: ["date"]
-- row: ["0044-03-15 BC"]
-- tag: SELECT 1

-- case: timestamp_output
SELECT '2024-05-06 07:08:09'::timestamp AS a, '2024-05-06 07:08:09.123456'::timestamp AS b, '2024-05-06 07:08:09.5'::timestamp AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["timestamp", "timestamp", "timestamp"]
-- row: ["2024-05-06 07:08:09", "2024-05-06 07:08:09.123456", "2024-05-06 07:08:09.5"]
-- tag: SELECT 1

-- case: timestamp_precision_rounding
SELECT '2024-05-06 07:08:09.123456'::timestamp(2) AS a, '2024-05-06 07:08:09.999'::timestamp(0) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["timestamp", "timestamp"]
-- row: ["2024-05-06 07:08:09.12", "2024-05-06 07:08:10"]
-- tag: SELECT 1

-- case: timestamptz_output_utc
SELECT '2024-05-06 07:08:09+02'::timestamptz AS a, '2024-05-06 07:08:09'::timestamptz AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["timestamptz", "timestamptz"]
-- row: ["2024-05-06 05:08:09+00", "2024-05-06 07:08:09+00"]
-- tag: SELECT 1

-- case: timestamptz_at_time_zone
SELECT '2024-01-15 12:00:00+00'::timestamptz AT TIME ZONE 'America/New_York' AS a, '2024-07-15 12:00:00+00'::timestamptz AT TIME ZONE 'Europe/Berlin' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["timestamp", "timestamp"]
-- row: ["2024-01-15 07:00:00", "2024-07-15 14:00:00"]
-- tag: SELECT 1

-- case: timestamp_at_time_zone_to_tz
SELECT '2024-01-15 12:00:00'::timestamp AT TIME ZONE 'Asia/Tokyo' AS a;
-- expect:
-- columns: ["a"]
-- types: ["timestamptz"]
-- row: ["2024-01-15 03:00:00+00"]
-- tag: SELECT 1

-- case: timestamptz_session_timezone
SET TimeZone = 'America/Los_Angeles';
SELECT '2024-03-10 12:00:00+00'::timestamptz AS a, '2024-01-01 00:00:00+00'::timestamptz AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["timestamptz", "timestamptz"]
-- row: ["2024-03-10 05:00:00-07", "2023-12-31 16:00:00-08"]
-- tag: SELECT 1

-- case: timestamp_minus_timestamp
SELECT '2024-03-01 12:00'::timestamp - '2024-02-28 06:30'::timestamp AS d;
-- expect:
-- columns: ["d"]
-- types: ["interval"]
-- row: ["2 days 05:30:00"]
-- tag: SELECT 1

-- case: timestamp_plus_interval
SELECT '2024-01-31 10:00'::timestamp + interval '1 month 2 hours' AS a, '2024-02-29'::timestamp + interval '1 year' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["timestamp", "timestamp"]
-- row: ["2024-02-29 12:00:00", "2025-02-28 00:00:00"]
-- tag: SELECT 1

-- case: timestamp_invalid
SELECT '2024-13-01 00:00'::timestamp;
-- expect:
-- error: 22008

-- case: timestamp_to_date_cast
SELECT '2024-05-06 23:59:59'::timestamp::date AS d, '2024-05-06'::date::timestamp AS t;
-- expect:
-- columns: ["d", "t"]
-- types: ["date", "timestamp"]
-- row: ["2024-05-06", "2024-05-06 00:00:00"]
-- tag: SELECT 1

-- case: timestamp_infinity
SELECT 'infinity'::timestamp AS a, '-infinity'::timestamptz AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["timestamp", "timestamptz"]
-- row: ["infinity", "-infinity"]
-- tag: SELECT 1

-- case: time_output
SELECT '13:45:00'::time AS a, '13:45:30.25'::time AS b, '24:00:00'::time AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["time", "time", "time"]
-- row: ["13:45:00", "13:45:30.25", "24:00:00"]
-- tag: SELECT 1

-- case: time_arith
SELECT '23:00'::time + interval '2 hours' AS a, '10:00'::time - '08:30'::time AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["time", "interval"]
-- row: ["01:00:00", "01:30:00"]
-- tag: SELECT 1

-- case: time_invalid
SELECT '25:00:00'::time;
-- expect:
-- error: 22008

-- case: timetz_output
SELECT '13:45:00+02'::timetz AS a;
-- expect:
-- columns: ["a"]
-- types: ["timetz"]
-- row: ["13:45:00+02"]
-- tag: SELECT 1

-- case: interval_output_postgres_style
SELECT interval '1 day 2 hours 3 minutes 4 seconds' AS a, interval '1 year 2 months' AS b, interval '-1 day' AS c, interval '36 hours' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["interval", "interval", "interval", "interval"]
-- row: ["1 day 02:03:04", "1 year 2 mons", "-1 days", "36:00:00"]
-- tag: SELECT 1

-- case: interval_iso_input
SELECT interval 'P1Y2M3DT4H5M6S' AS a, interval 'PT1.5S' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["interval", "interval"]
-- row: ["1 year 2 mons 3 days 04:05:06", "00:00:01.5"]
-- tag: SELECT 1

-- case: interval_arith
SELECT interval '1 day' + interval '3 hours' AS a, interval '1 hour' * 3 AS b, interval '1 day' / 4 AS c, -interval '2 days' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["interval", "interval", "interval", "interval"]
-- row: ["1 day 03:00:00", "03:00:00", "06:00:00", "-2 days"]
-- tag: SELECT 1

-- case: interval_justify
SELECT justify_hours(interval '36 hours') AS a, justify_days(interval '45 days') AS b, justify_interval(interval '1 month -1 hour') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["interval", "interval", "interval"]
-- row: ["1 day 12:00:00", "1 mon 15 days", "29 days 23:00:00"]
-- tag: SELECT 1

-- case: interval_comparison
SELECT interval '1 day' = interval '24 hours' AS a, interval '1 month' = interval '30 days' AS b, interval '1 year' > interval '364 days' AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "f"]
-- tag: SELECT 1

-- case: interval_fields_typmod
SELECT interval '1 day 2 hours 3 minutes' hour to minute AS a, interval '2 years 3 months' year AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["interval", "interval"]
-- row: ["1 day 02:03:00", "2 years"]
-- tag: SELECT 1

-- case: interval_microseconds
SELECT interval '0.000001 seconds' AS a, interval '1.5 minutes' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["interval", "interval"]
-- row: ["00:00:00.000001", "00:01:30"]
-- tag: SELECT 1

-- case: interval_invalid
SELECT interval 'abc';
-- expect:
-- error: 22007

-- case: extract_fields
SELECT extract(year FROM timestamp '2024-05-06 07:08:09') AS y, extract(month FROM date '2024-05-06') AS m, extract(dow FROM date '2024-05-06') AS dow, extract(doy FROM date '2024-05-06') AS doy, extract(epoch FROM timestamp '2024-01-01 00:00:00') AS e;
-- expect:
-- columns: ["y", "m", "dow", "doy", "e"]
-- types: ["numeric", "numeric", "numeric", "numeric", "numeric"]
-- row: ["2024", "5", "1", "127", "1704067200.000000"]
-- tag: SELECT 1

-- case: extract_types
SELECT pg_typeof(extract(year FROM date '2024-05-06')) AS t, pg_typeof(date_part('year', date '2024-05-06')) AS u;
-- expect:
-- columns: ["t", "u"]
-- types: ["regtype", "regtype"]
-- row: ["numeric", "double precision"]
-- tag: SELECT 1

-- case: extract_from_interval
SELECT extract(hour FROM interval '1 day 5 hours') AS h, extract(epoch FROM interval '1 day') AS e, extract(day FROM interval '40 days') AS d;
-- expect:
-- columns: ["h", "e", "d"]
-- types: ["numeric", "numeric", "numeric"]
-- row: ["5", "86400.000000", "40"]
-- tag: SELECT 1

-- case: date_trunc_fields
SELECT date_trunc('month', timestamp '2024-05-06 07:08:09') AS a, date_trunc('hour', timestamp '2024-05-06 07:08:09') AS b, date_trunc('week', timestamp '2024-05-08 07:08:09') AS c, date_trunc('year', date '2024-05-06') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["timestamp", "timestamp", "timestamp", "timestamptz"]
-- row: ["2024-05-01 00:00:00", "2024-05-06 07:00:00", "2024-05-06 00:00:00", "2024-01-01 00:00:00+00"]
-- tag: SELECT 1

-- case: age_function
SELECT age(timestamp '2024-05-06', timestamp '2020-02-29') AS a, age(date '2024-03-01', date '2024-01-31') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["interval", "interval"]
-- row: ["4 years 2 mons 6 days", "1 mon 1 day"]
-- tag: SELECT 1

-- case: make_date_time
SELECT make_date(2024, 2, 29) AS d, make_time(13, 5, 6.5) AS t, make_timestamp(2024, 1, 2, 3, 4, 5) AS ts, make_interval(days => 3, hours => 2) AS i;
-- expect:
-- columns: ["d", "t", "ts", "i"]
-- types: ["date", "time", "timestamp", "interval"]
-- row: ["2024-02-29", "13:05:06.5", "2024-01-02 03:04:05", "3 days 02:00:00"]
-- tag: SELECT 1

-- case: make_date_invalid
SELECT make_date(2023, 2, 29);
-- expect:
-- error: 22008

-- case: to_timestamp_epoch
SELECT to_timestamp(0) AS a, to_timestamp(1700000000.5) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["timestamptz", "timestamptz"]
-- row: ["1970-01-01 00:00:00+00", "2023-11-14 22:13:20.5+00"]
-- tag: SELECT 1

-- case: overlaps_operator
SELECT (date '2024-01-01', date '2024-02-01') OVERLAPS (date '2024-01-15', date '2024-03-01') AS a, (date '2024-01-01', date '2024-02-01') OVERLAPS (date '2024-02-01', date '2024-03-01') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: ["t", "f"]
-- tag: SELECT 1

-- case: date_comparison_with_timestamp
SELECT date '2024-05-06' = timestamp '2024-05-06 00:00:00' AS a, date '2024-05-06' < timestamp '2024-05-06 00:00:01' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: ["t", "t"]
-- tag: SELECT 1

-- case: timestamp_ordering
CREATE TABLE t (ts timestamp);
INSERT INTO t VALUES ('2024-01-02 00:00'), ('2023-12-31 23:59:59'), ('2024-01-01 12:00');
SELECT ts FROM t ORDER BY ts DESC;
-- expect:
-- columns: ["ts"]
-- types: ["timestamp"]
-- row: ["2024-01-02 00:00:00"]
-- row: ["2024-01-01 12:00:00"]
-- row: ["2023-12-31 23:59:59"]
-- tag: SELECT 3

-- case: date_column_insert_text
CREATE TABLE t (d date);
INSERT INTO t VALUES ('2024-05-06'), ('2000-01-01');
SELECT d, d + 7 AS week_later FROM t ORDER BY d;
-- expect:
-- columns: ["d", "week_later"]
-- types: ["date", "date"]
-- row: ["2000-01-01", "2000-01-08"]
-- row: ["2024-05-06", "2024-05-13"]
-- tag: SELECT 2

-- case: generate_series_timestamps
SELECT * FROM generate_series(timestamp '2024-01-30', timestamp '2024-02-02', interval '1 day') AS g(ts);
-- expect:
-- columns: ["ts"]
-- types: ["timestamp"]
-- row: ["2024-01-30 00:00:00"]
-- row: ["2024-01-31 00:00:00"]
-- row: ["2024-02-01 00:00:00"]
-- row: ["2024-02-02 00:00:00"]
-- tag: SELECT 4

-- case: interval_sum_avg
CREATE TABLE t (i interval);
INSERT INTO t VALUES ('1 hour'), ('30 minutes'), ('2 days');
SELECT sum(i) AS s, avg(i) AS a FROM t;
-- expect:
-- columns: ["s", "a"]
-- types: ["interval", "interval"]
-- row: ["2 days 01:30:00", "16:30:00"]
-- tag: SELECT 1
