-- Date/time types: input, output (ISO), arithmetic, intervals, time zones.

-- case: date_output_iso
SELECT '2024-02-29'::date AS d, DATE '1999-12-31' AS e;

-- case: date_invalid
SELECT '2023-02-29'::date;

-- case: date_input_formats
SELECT 'January 8, 1999'::date AS a, '1999-01-08'::date AS b, '19990108'::date AS c, '1/8/1999'::date AS d;

-- case: date_plus_int
SELECT '2024-01-31'::date + 1 AS a, '2024-03-01'::date - 1 AS b;

-- case: date_minus_date
SELECT '2024-03-01'::date - '2024-02-01'::date AS days, pg_typeof('2024-03-01'::date - '2024-02-01'::date) AS t;

-- case: date_plus_interval
SELECT '2024-01-31'::date + interval '1 month' AS a, pg_typeof('2024-01-31'::date + interval '1 month') AS t;

-- case: date_infinity
SELECT 'infinity'::date AS a, '-infinity'::date AS b, 'infinity'::date > '2999-01-01' AS c;

-- case: date_bc
SELECT '0044-03-15 BC'::date AS d;

-- case: timestamp_output
SELECT '2024-05-06 07:08:09'::timestamp AS a, '2024-05-06 07:08:09.123456'::timestamp AS b, '2024-05-06 07:08:09.5'::timestamp AS c;

-- case: timestamp_precision_rounding
SELECT '2024-05-06 07:08:09.123456'::timestamp(2) AS a, '2024-05-06 07:08:09.999'::timestamp(0) AS b;

-- case: timestamptz_output_utc
SELECT '2024-05-06 07:08:09+02'::timestamptz AS a, '2024-05-06 07:08:09'::timestamptz AS b;

-- case: timestamptz_at_time_zone
SELECT '2024-01-15 12:00:00+00'::timestamptz AT TIME ZONE 'America/New_York' AS a, '2024-07-15 12:00:00+00'::timestamptz AT TIME ZONE 'Europe/Berlin' AS b;

-- case: timestamp_at_time_zone_to_tz
SELECT '2024-01-15 12:00:00'::timestamp AT TIME ZONE 'Asia/Tokyo' AS a;

-- case: timestamptz_session_timezone
SET TimeZone = 'America/Los_Angeles';
SELECT '2024-03-10 12:00:00+00'::timestamptz AS a, '2024-01-01 00:00:00+00'::timestamptz AS b;

-- case: timestamp_minus_timestamp
SELECT '2024-03-01 12:00'::timestamp - '2024-02-28 06:30'::timestamp AS d;

-- case: timestamp_plus_interval
SELECT '2024-01-31 10:00'::timestamp + interval '1 month 2 hours' AS a, '2024-02-29'::timestamp + interval '1 year' AS b;

-- case: timestamp_invalid
SELECT '2024-13-01 00:00'::timestamp;

-- case: timestamp_to_date_cast
SELECT '2024-05-06 23:59:59'::timestamp::date AS d, '2024-05-06'::date::timestamp AS t;

-- case: timestamp_infinity
SELECT 'infinity'::timestamp AS a, '-infinity'::timestamptz AS b;

-- case: time_output
SELECT '13:45:00'::time AS a, '13:45:30.25'::time AS b, '24:00:00'::time AS c;

-- case: time_arith
SELECT '23:00'::time + interval '2 hours' AS a, '10:00'::time - '08:30'::time AS b;

-- case: time_invalid
SELECT '25:00:00'::time;

-- case: timetz_output
SELECT '13:45:00+02'::timetz AS a;

-- case: interval_output_postgres_style
SELECT interval '1 day 2 hours 3 minutes 4 seconds' AS a, interval '1 year 2 months' AS b, interval '-1 day' AS c, interval '36 hours' AS d;

-- case: interval_iso_input
SELECT interval 'P1Y2M3DT4H5M6S' AS a, interval 'PT1.5S' AS b;

-- case: interval_arith
SELECT interval '1 day' + interval '3 hours' AS a, interval '1 hour' * 3 AS b, interval '1 day' / 4 AS c, -interval '2 days' AS d;

-- case: interval_justify
SELECT justify_hours(interval '36 hours') AS a, justify_days(interval '45 days') AS b, justify_interval(interval '1 month -1 hour') AS c;

-- case: interval_comparison
SELECT interval '1 day' = interval '24 hours' AS a, interval '1 month' = interval '30 days' AS b, interval '1 year' > interval '364 days' AS c;

-- case: interval_fields_typmod
SELECT interval '1 day 2 hours 3 minutes' hour to minute AS a, interval '2 years 3 months' year AS b;

-- case: interval_microseconds
SELECT interval '0.000001 seconds' AS a, interval '1.5 minutes' AS b;

-- case: interval_invalid
SELECT interval 'abc';

-- case: extract_fields
SELECT extract(year FROM timestamp '2024-05-06 07:08:09') AS y, extract(month FROM date '2024-05-06') AS m, extract(dow FROM date '2024-05-06') AS dow, extract(doy FROM date '2024-05-06') AS doy, extract(epoch FROM timestamp '2024-01-01 00:00:00') AS e;

-- case: extract_types
SELECT pg_typeof(extract(year FROM date '2024-05-06')) AS t, pg_typeof(date_part('year', date '2024-05-06')) AS u;

-- case: extract_from_interval
SELECT extract(hour FROM interval '1 day 5 hours') AS h, extract(epoch FROM interval '1 day') AS e, extract(day FROM interval '40 days') AS d;

-- case: date_trunc_fields
SELECT date_trunc('month', timestamp '2024-05-06 07:08:09') AS a, date_trunc('hour', timestamp '2024-05-06 07:08:09') AS b, date_trunc('week', timestamp '2024-05-08 07:08:09') AS c, date_trunc('year', date '2024-05-06') AS d;

-- case: age_function
SELECT age(timestamp '2024-05-06', timestamp '2020-02-29') AS a, age(date '2024-03-01', date '2024-01-31') AS b;

-- case: make_date_time
SELECT make_date(2024, 2, 29) AS d, make_time(13, 5, 6.5) AS t, make_timestamp(2024, 1, 2, 3, 4, 5) AS ts, make_interval(days => 3, hours => 2) AS i;

-- case: make_date_invalid
SELECT make_date(2023, 2, 29);

-- case: to_timestamp_epoch
SELECT to_timestamp(0) AS a, to_timestamp(1700000000.5) AS b;

-- case: overlaps_operator
SELECT (date '2024-01-01', date '2024-02-01') OVERLAPS (date '2024-01-15', date '2024-03-01') AS a, (date '2024-01-01', date '2024-02-01') OVERLAPS (date '2024-02-01', date '2024-03-01') AS b;

-- case: date_comparison_with_timestamp
SELECT date '2024-05-06' = timestamp '2024-05-06 00:00:00' AS a, date '2024-05-06' < timestamp '2024-05-06 00:00:01' AS b;

-- case: timestamp_ordering
CREATE TABLE t (ts timestamp);
INSERT INTO t VALUES ('2024-01-02 00:00'), ('2023-12-31 23:59:59'), ('2024-01-01 12:00');
SELECT ts FROM t ORDER BY ts DESC;

-- case: date_column_insert_text
CREATE TABLE t (d date);
INSERT INTO t VALUES ('2024-05-06'), ('2000-01-01');
SELECT d, d + 7 AS week_later FROM t ORDER BY d;

-- case: generate_series_timestamps
SELECT * FROM generate_series(timestamp '2024-01-30', timestamp '2024-02-02', interval '1 day') AS g(ts);

-- case: interval_sum_avg
CREATE TABLE t (i interval);
INSERT INTO t VALUES ('1 hour'), ('30 minutes'), ('2 days');
SELECT sum(i) AS s, avg(i) AS a FROM t;
