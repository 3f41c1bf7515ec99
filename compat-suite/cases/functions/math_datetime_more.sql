-- Math and date/time functions, part 2: rounding and scale, integer division and modulo with
-- negatives, float special values, date arithmetic across month ends and leap years, extract,
-- date_part, date_trunc, to_char patterns, make_date, age.

-- case: fn2_int_division_negatives
SELECT 7 / 2 AS a, -7 / 2 AS b, 7 / -2 AS c, -7 / -2 AS d, 1 / 3 AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4", "int4", "int4", "int4", "int4"]
-- row: ["3", "-3", "-3", "3", "0"]
-- tag: SELECT 1

-- case: fn2_modulo_negatives
SELECT 7 % 3 AS a, -7 % 3 AS b, 7 % -3 AS c, -7 % -3 AS d, mod(-7, 3) AS e, mod(7.5, 2) AS f, -7.5 % 2 AS g;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f", "g"]
-- types: ["int4", "int4", "int4", "int4", "int4", "numeric", "numeric"]
-- row: ["1", "-1", "1", "-1", "-1", "1.5", "-1.5"]
-- tag: SELECT 1

-- case: fn2_div_function_numeric
SELECT div(7, 2) AS a, div(-7, 2) AS b, div(7.9, 2.1) AS c, pg_typeof(div(7, 2)) AS t;
-- expect:
-- columns: ["a", "b", "c", "t"]
-- types: ["numeric", "numeric", "numeric", "regtype"]
-- row: ["3", "-3", "3", "numeric"]
-- tag: SELECT 1

-- case: fn2_round_half_away_numeric_vs_even_float
SELECT round(2.5) AS n25, round(-2.5) AS nm25, round(3.5) AS n35, round(2.5::float8) AS f25, round(3.5::float8) AS f35, round(-0.5::float8) AS fm05;
-- expect:
-- columns: ["n25", "nm25", "n35", "f25", "f35", "fm05"]
-- types: ["numeric", "numeric", "numeric", "float8", "float8", "float8"]
-- row: ["3", "-3", "4", "2", "4", "-0"]
-- tag: SELECT 1

-- case: fn2_round_negative_scale
SELECT round(1234.567, -2) AS a, round(1250, -2) AS b, round(-1250, -2) AS c, round(1234.5678, 2) AS d, round(0.5, 0) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["numeric", "numeric", "numeric", "numeric", "numeric"]
-- row: ["1200", "1300", "-1300", "1234.57", "1"]
-- tag: SELECT 1

-- case: fn2_trunc_variants
SELECT trunc(1234.567, -2) AS a, trunc(-1.99) AS b, trunc(1.999, 2) AS c, trunc(-7.5::float8) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["numeric", "numeric", "numeric", "float8"]
-- row: ["1200", "-1", "1.99", "-7"]
-- tag: SELECT 1

-- case: fn2_ceil_floor_negatives_types
SELECT ceil(-1.5) AS a, floor(-1.5) AS b, ceiling(1.2) AS c, ceil(-0.5::float8) AS d, pg_typeof(ceil(1.5)) AS t1, pg_typeof(floor(1.5::float4)) AS t2;
-- expect:
-- columns: ["a", "b", "c", "d", "t1", "t2"]
-- types: ["numeric", "numeric", "numeric", "float8", "regtype", "regtype"]
-- row: ["-1", "-2", "2", "-0", "numeric", "double precision"]
-- tag: SELECT 1

-- case: fn2_numeric_scale_of_operations
SELECT 1.10 + 2.205 AS add, 1.10 * 2.205 AS mul, 10.0 / 4 AS div, 1 / 3.0 AS third, 2.00 - 0.5 AS sub;
-- expect:
-- columns: ["add", "mul", "div", "third", "sub"]
-- types: ["numeric", "numeric", "numeric", "numeric", "numeric"]
-- row: ["3.305", "2.42550", "2.5000000000000000", "0.33333333333333333333", "1.50"]
-- tag: SELECT 1

-- case: fn2_numeric_division_large_scale
SELECT 1::numeric / 7 AS a, 100000::numeric / 3 AS b, 1 / 1e10 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["numeric", "numeric", "numeric"]
-- row: ["0.14285714285714285714", "33333.333333333333", "0.0000000001000000000000000000"]
-- tag: SELECT 1

-- case: fn2_numeric_trailing_zeros_preserved
SELECT 1.500 AS a, 1.500 + 0 AS b, 0.00 AS c, -0.0 AS d, 1.500::float8 AS e, trim_scale(1.500) AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["numeric", "numeric", "numeric", "numeric", "float8", "numeric"]
-- row: ["1.500", "1.500", "0.00", "0.0", "1.5", "1.5"]
-- tag: SELECT 1

-- case: fn2_float_special_values_arith
SELECT 'Infinity'::float8 + 1 AS a, '-Infinity'::float8 * 2 AS b, 'NaN'::float8 + 1 AS c, 'Infinity'::float8 - 'Infinity'::float8 AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["float8", "float8", "float8", "float8"]
-- row: ["Infinity", "-Infinity", "NaN", "NaN"]
-- tag: SELECT 1

-- case: fn2_float_nan_comparisons
SELECT 'NaN'::float8 = 'NaN'::float8 AS eq, 'NaN'::float8 > 'Infinity'::float8 AS gt, 1 < 'NaN'::float8 AS lt;
-- expect:
-- columns: ["eq", "gt", "lt"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "t"]
-- tag: SELECT 1

-- case: fn2_float_order_with_nan_inf
SELECT x FROM (VALUES ('NaN'::float8), ('-Infinity'), ('0'), ('Infinity'), ('-0.5')) v(x) ORDER BY x;
-- expect:
-- columns: ["x"]
-- types: ["float8"]
-- row: ["-Infinity"]
-- row: ["-0.5"]
-- row: ["0"]
-- row: ["Infinity"]
-- row: ["NaN"]
-- tag: SELECT 5

-- case: fn2_float_input_case_insensitive
SELECT 'inf'::float8 AS a, '-INF'::float8 AS b, 'nan'::float8 AS c, ' 1.5 '::float8 AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["float8", "float8", "float8", "float8"]
-- row: ["Infinity", "-Infinity", "NaN", "1.5"]
-- tag: SELECT 1

-- case: fn2_numeric_nan_and_infinity_ops
SELECT 'NaN'::numeric + 1 AS a, 'Infinity'::numeric > 1e100 AS b, '-Infinity'::numeric < 0 AS c, 'NaN'::numeric = 'NaN'::numeric AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["numeric", "bool", "bool", "bool"]
-- row: ["NaN", "t", "t", "t"]
-- tag: SELECT 1

-- case: fn2_float_to_text_precision
SELECT 0.1::float8 + 0.2::float8 AS a, 1e-7::float8 AS b, 1e16::float8 AS c, 123456789.125::float4 AS d, 1.0::float8 / 3 AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["float8", "float8", "float8", "float4", "float8"]
-- row: ["0.30000000000000004", "1e-07", "1e+16", "1.2345679e+08", "0.3333333333333333"]
-- tag: SELECT 1

-- case: fn2_float_division_by_zero_zero
SELECT 0::float8 / 0;
-- expect:
-- error: 22012

-- case: fn2_sqrt_cbrt_power_types
SELECT sqrt(16) AS a, sqrt(2::numeric) AS b, cbrt(27::float8) AS c, power(2, 10) AS d, power(2::numeric, 0.5) AS e, 2 ^ 3 AS f, pg_typeof(2 ^ 3) AS t;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f", "t"]
-- types: ["float8", "numeric", "float8", "float8", "numeric", "float8", "regtype"]
-- row: ["4", "1.414213562373095", "3.0000000000000004", "1024", "1.4142135623730950", "8", "double precision"]
-- tag: SELECT 1

-- case: fn2_exponent_right_assoc
SELECT 2 ^ 3 ^ 2 AS a, (2 ^ 3) ^ 2 AS b, -2 ^ 2 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["float8", "float8", "float8"]
-- row: ["64", "64", "4"]
-- tag: SELECT 1

-- case: fn2_log_variants
SELECT log(100) AS a, log(2, 8) AS b, ln(1) AS c, log10(1000::float8) AS d, exp(0) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["float8", "numeric", "float8", "float8", "float8"]
-- row: ["2", "3.0000000000000000", "0", "3", "1"]
-- tag: SELECT 1

-- case: fn2_abs_sign_types
SELECT abs(-5::int2) AS a, pg_typeof(abs(-5::int2)) AS t, sign(-3.5) AS b, sign(0) AS c, abs(-0.0::float8) AS d;
-- expect:
-- columns: ["a", "t", "b", "c", "d"]
-- types: ["int2", "regtype", "numeric", "float8", "float8"]
-- row: ["5", "smallint", "-1", "0", "0"]
-- tag: SELECT 1

-- case: fn2_bitwise_shift_and_not
SELECT 1 << 4 AS a, 256 >> 2 AS b, ~5 AS c, 5 # 3 AS d, -8 >> 1 AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4", "int4", "int4", "int4", "int4"]
-- row: ["16", "64", "-6", "6", "-4"]
-- tag: SELECT 1

-- case: fn2_numeric_round_typmod_cast
SELECT 2.345::numeric(4, 2) AS a, 2.355::numeric(4, 2) AS b, -2.345::numeric(4, 2) AS c, 0.005::numeric(3, 2) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["numeric", "numeric", "numeric", "numeric"]
-- row: ["2.35", "2.36", "-2.35", "0.01"]
-- tag: SELECT 1

-- case: fn2_int_cast_from_numeric_half
SELECT 0.5::int AS a, 1.5::int AS b, -0.5::int AS c, -1.5::int AS d, 2.5::int8 AS e, 2.5::int2 AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["int4", "int4", "int4", "int4", "int8", "int2"]
-- row: ["1", "2", "-1", "-2", "3", "3"]
-- tag: SELECT 1

-- case: fn2_float_cast_to_int_half_even
SELECT 0.5::float8::int AS a, 1.5::float8::int AS b, 2.5::float8::int AS c, -2.5::float8::int AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "int4", "int4", "int4"]
-- row: ["0", "2", "2", "-2"]
-- tag: SELECT 1

-- case: fn2_gcd_lcm_negatives
SELECT gcd(-12, 18) AS a, lcm(-4, 6) AS b, gcd(0, 0) AS c, gcd(1071::numeric, 462) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "int4", "int4", "numeric"]
-- row: ["6", "12", "0", "21"]
-- tag: SELECT 1

-- case: fn2_random_seeded
SELECT setseed(0.5);
SELECT random() >= 0 AND random() < 1 AS ok;
-- expect:
-- columns: ["ok"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: fn2_degrees_radians_trig
SELECT degrees(pi()) AS a, radians(180) AS b, round(sin(pi() / 2)::numeric, 10) AS c, round(atan2(1, 1)::numeric, 6) AS d, cosd(60) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["float8", "float8", "numeric", "numeric", "float8"]
-- row: ["180", "3.141592653589793", "1.0000000000", "0.785398", "0.5"]
-- tag: SELECT 1

-- case: fn2_date_plus_month_end
SELECT date '2024-01-31' + interval '1 month' AS a, date '2023-01-31' + interval '1 month' AS b, date '2024-03-31' - interval '1 month' AS c, date '2024-02-29' + interval '1 year' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["timestamp", "timestamp", "timestamp", "timestamp"]
-- row: ["2024-02-29 00:00:00", "2023-02-28 00:00:00", "2024-02-29 00:00:00", "2025-02-28 00:00:00"]
-- tag: SELECT 1

-- case: fn2_timestamp_add_month_chain_vs_two
SELECT timestamp '2024-01-31' + interval '1 month' + interval '1 month' AS chained, timestamp '2024-01-31' + interval '2 months' AS direct;
-- expect:
-- columns: ["chained", "direct"]
-- types: ["timestamp", "timestamp"]
-- row: ["2024-03-29 00:00:00", "2024-03-31 00:00:00"]
-- tag: SELECT 1

-- case: fn2_date_minus_int_and_date_diff
SELECT date '2024-03-01' - 1 AS a, date '2023-03-01' - 1 AS b, date '2024-12-31' - date '2024-01-01' AS c, date '2025-01-01' - date '2024-01-01' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["date", "date", "int4", "int4"]
-- row: ["2024-02-29", "2023-02-28", "365", "366"]
-- tag: SELECT 1

-- case: fn2_timestamp_diff_interval
SELECT timestamp '2024-03-01 00:00' - timestamp '2024-02-28 12:30' AS a, timestamp '2024-01-01' - timestamp '2024-01-02 01:00' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["interval", "interval"]
-- row: ["1 day 11:30:00", "-1 days -01:00:00"]
-- tag: SELECT 1

-- case: fn2_interval_multiply_divide
SELECT interval '1 day' * 1.5 AS a, interval '1 hour' / 4 AS b, interval '1 month' * 2 AS c, interval '1 month' / 2 AS d, 3 * interval '20 minutes' AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["interval", "interval", "interval", "interval", "interval"]
-- row: ["1 day 12:00:00", "00:15:00", "2 mons", "15 days", "01:00:00"]
-- tag: SELECT 1

-- case: fn2_interval_normalization_output
SELECT interval '36 hours' AS a, interval '90 minutes' AS b, interval '1 year 13 months' AS c, interval '-1 day +2 hours' AS d, interval '0' AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["interval", "interval", "interval", "interval", "interval"]
-- row: ["36:00:00", "01:30:00", "2 years 1 mon", "-1 days +02:00:00", "00:00:00"]
-- tag: SELECT 1

-- case: fn2_justify_functions
SELECT justify_hours(interval '50 hours') AS a, justify_days(interval '45 days') AS b, justify_interval(interval '1 month -1 hour') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["interval", "interval", "interval"]
-- row: ["2 days 02:00:00", "1 mon 15 days", "29 days 23:00:00"]
-- tag: SELECT 1

-- case: fn2_extract_many_fields_timestamp
SELECT extract(year FROM ts) AS y, extract(month FROM ts) AS mo, extract(day FROM ts) AS d, extract(hour FROM ts) AS h, extract(minute FROM ts) AS mi, extract(second FROM ts) AS s, extract(dow FROM ts) AS dow, extract(isodow FROM ts) AS isodow, extract(doy FROM ts) AS doy, extract(week FROM ts) AS w, extract(quarter FROM ts) AS q FROM (SELECT timestamp '2024-12-29 13:45:30.25' AS ts) s;
-- expect:
-- columns: ["y", "mo", "d", "h", "mi", "s", "dow", "isodow", "doy", "w", "q"]
-- types: ["numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"]
-- row: ["2024", "12", "29", "13", "45", "30.250000", "0", "7", "364", "52", "4"]
-- tag: SELECT 1

-- case: fn2_extract_epoch_variants
SELECT extract(epoch FROM timestamp '1970-01-02') AS a, extract(epoch FROM timestamptz '2000-01-01 00:00:00+00') AS b, extract(epoch FROM interval '1 day 1 second') AS c, extract(epoch FROM date '1970-01-01') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["numeric", "numeric", "numeric", "numeric"]
-- row: ["86400.000000", "946684800.000000", "86401.000000", "0"]
-- tag: SELECT 1

-- case: fn2_extract_century_decade_millennium
SELECT extract(century FROM date '2000-01-01') AS c2000, extract(century FROM date '2001-01-01') AS c2001, extract(decade FROM date '2024-05-05') AS dec, extract(millennium FROM date '2024-05-05') AS mil, extract(isoyear FROM date '2021-01-01') AS isoy;
-- expect:
-- columns: ["c2000", "c2001", "dec", "mil", "isoy"]
-- types: ["numeric", "numeric", "numeric", "numeric", "numeric"]
-- row: ["20", "21", "202", "3", "2020"]
-- tag: SELECT 1

-- case: fn2_extract_micro_milli
SELECT extract(milliseconds FROM time '10:00:01.5') AS ms, extract(microseconds FROM time '10:00:01.5') AS us, extract(julian FROM date '2000-01-01') AS j;
-- expect:
-- columns: ["ms", "us", "j"]
-- types: ["numeric", "numeric", "numeric"]
-- row: ["1500.000", "1500000", "2451545"]
-- tag: SELECT 1

-- case: fn2_extract_from_interval_fields
SELECT extract(day FROM interval '3 days 4 hours') AS d, extract(hour FROM interval '3 days 28 hours') AS h, extract(month FROM interval '14 months') AS mo, extract(year FROM interval '14 months') AS y;
-- expect:
-- columns: ["d", "h", "mo", "y"]
-- types: ["numeric", "numeric", "numeric", "numeric"]
-- row: ["3", "28", "2", "1"]
-- tag: SELECT 1

-- case: fn2_extract_unsupported_field_error
SELECT extract(dow FROM interval '1 day');
-- expect:
-- error: 0A000

-- case: fn2_date_part_returns_float
SELECT date_part('year', date '2024-06-15') AS y, pg_typeof(date_part('year', date '2024-06-15')) AS t, pg_typeof(extract(year FROM date '2024-06-15')) AS te;
-- expect:
-- columns: ["y", "t", "te"]
-- types: ["float8", "regtype", "regtype"]
-- row: ["2024", "double precision", "numeric"]
-- tag: SELECT 1

-- case: fn2_date_trunc_many_fields
SELECT date_trunc('year', ts) AS y, date_trunc('quarter', ts) AS q, date_trunc('week', ts) AS w, date_trunc('day', ts) AS d, date_trunc('hour', ts) AS h, date_trunc('minute', ts) AS mi, date_trunc('second', ts) AS s FROM (SELECT timestamp '2024-08-15 13:45:30.987' AS ts) x;
-- expect:
-- columns: ["y", "q", "w", "d", "h", "mi", "s"]
-- types: ["timestamp", "timestamp", "timestamp", "timestamp", "timestamp", "timestamp", "timestamp"]
-- row: ["2024-01-01 00:00:00", "2024-07-01 00:00:00", "2024-08-12 00:00:00", "2024-08-15 00:00:00", "2024-08-15 13:00:00", "2024-08-15 13:45:00", "2024-08-15 13:45:30"]
-- tag: SELECT 1

-- case: fn2_date_trunc_decade_century_millennium
SELECT date_trunc('decade', timestamp '2024-08-15') AS dec, date_trunc('century', timestamp '2024-08-15') AS cen, date_trunc('millennium', timestamp '2024-08-15') AS mil, date_trunc('milliseconds', timestamp '2024-08-15 01:02:03.456789') AS ms;
-- expect:
-- columns: ["dec", "cen", "mil", "ms"]
-- types: ["timestamp", "timestamp", "timestamp", "timestamp"]
-- row: ["2020-01-01 00:00:00", "2001-01-01 00:00:00", "2001-01-01 00:00:00", "2024-08-15 01:02:03.456"]
-- tag: SELECT 1

-- case: fn2_date_trunc_on_date_returns_timestamptz
SELECT date_trunc('month', date '2024-08-15') AS m, pg_typeof(date_trunc('month', date '2024-08-15')) AS t;
-- expect:
-- columns: ["m", "t"]
-- types: ["timestamptz", "regtype"]
-- row: ["2024-08-01 00:00:00+00", "timestamp with time zone"]
-- tag: SELECT 1

-- case: fn2_date_trunc_interval
SELECT date_trunc('hour', interval '3 days 04:35:12') AS a, date_trunc('day', interval '3 days 04:35:12') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["interval", "interval"]
-- row: ["3 days 04:00:00", "3 days"]
-- tag: SELECT 1

-- case: fn2_date_trunc_timestamptz_with_zone
SELECT date_trunc('day', timestamptz '2024-03-10 03:30:00+00', 'America/New_York') AS d;
-- expect:
-- columns: ["d"]
-- types: ["timestamptz"]
-- row: ["2024-03-09 05:00:00+00"]
-- tag: SELECT 1

-- case: fn2_to_char_date_patterns
SELECT to_char(d, 'YYYY-MM-DD') AS a, to_char(d, 'DD/MM/YY') AS b, to_char(d, 'Mon DD, YYYY') AS c, to_char(d, 'FMMonth FMDD') AS d1, to_char(d, 'Day') AS e, to_char(d, 'DY dy') AS f, to_char(d, 'Q WW IW J DDD') AS g FROM (SELECT date '2024-03-05' AS d) s;
-- expect:
-- columns: ["a", "b", "c", "d1", "e", "f", "g"]
-- types: ["text", "text", "text", "text", "text", "text", "text"]
-- row: ["2024-03-05", "05/03/24", "Mar 05, 2024", "March 5", "Tuesday  ", "TUE tue", "1 10 10 2460375 065"]
-- tag: SELECT 1

-- case: fn2_to_char_time_patterns
SELECT to_char(ts, 'HH24:MI:SS') AS a, to_char(ts, 'HH12:MI AM') AS b, to_char(ts, 'HH:MI:SS.MS') AS c, to_char(ts, 'US') AS d, to_char(ts, 'SSSS') AS e, to_char(ts, 'pm') AS f FROM (SELECT timestamp '2024-03-05 15:07:09.123456' AS ts) s;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["text", "text", "text", "text", "text", "text"]
-- row: ["15:07:09", "03:07 PM", "03:07:09.123", "123456", "54429", "pm"]
-- tag: SELECT 1

-- case: fn2_to_char_ordinal_and_quoted_text
SELECT to_char(date '2024-03-01', 'DDth "of" FMMonth') AS a, to_char(date '2024-03-02', 'FMDDth') AS b, to_char(date '2024-03-03', 'FMDDTH') AS c, to_char(date '2024-03-11', 'FMDDth') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["01st of March", "2nd", "3RD", "11th"]
-- tag: SELECT 1

-- case: fn2_to_char_numeric_patterns
SELECT to_char(1234.5, '9,999.99') AS a, to_char(-1234.5, '9999.9') AS b, to_char(0.5, '0.00') AS c, to_char(5, '000') AS d, to_char(12, 'FM999') AS e, to_char(-12, 'S999') AS f, to_char(12345, '999') AS g;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f", "g"]
-- types: ["text", "text", "text", "text", "text", "text", "text"]
-- row: [" 1,234.50", "-1234.5", " 0.50", " 005", "12", " -12", " ###"]
-- tag: SELECT 1

-- case: fn2_to_char_numeric_pr_mi_l
SELECT to_char(-5, '999PR') AS a, to_char(-5, '999MI') AS b, to_char(12345.678, '9.99EEEE') AS c, to_char(1234567.891, 'FM9G999G999D00') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["  <5>", "  5-", " 1.23e+04", "1,234,567.89"]
-- tag: SELECT 1

-- case: fn2_to_char_interval_patterns
SELECT to_char(interval '26 hours 3 minutes 4 seconds', 'HH24:MI:SS') AS a, to_char(interval '3 days', 'DD "days"') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["26:03:04", "03 days"]
-- tag: SELECT 1

-- case: fn2_to_date_patterns
SELECT to_date('05 Mar 2024', 'DD Mon YYYY') AS a, to_date('2024-065', 'YYYY-DDD') AS b, to_date('20240305', 'YYYYMMDD') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["date", "date", "date"]
-- row: ["2024-03-05", "2024-03-05", "2024-03-05"]
-- tag: SELECT 1

-- case: fn2_to_timestamp_pattern
SELECT to_timestamp('2024-03-05 14:30:15', 'YYYY-MM-DD HH24:MI:SS') AS a, to_timestamp('05/03/2024 02:30 PM', 'DD/MM/YYYY HH:MI PM') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["timestamptz", "timestamptz"]
-- row: ["2024-03-05 14:30:15+00", "2024-03-05 14:30:00+00"]
-- tag: SELECT 1

-- case: fn2_make_date_time_timestamp_interval
SELECT make_date(2024, 2, 29) AS a, make_time(23, 59, 59.5) AS b, make_timestamp(2024, 1, 31, 12, 0, 0) AS c, make_interval(years => 1, days => 2, hours => 3) AS d, make_timestamptz(2024, 1, 1, 0, 0, 0, 'UTC') AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["date", "time", "timestamp", "interval", "timestamptz"]
-- row: ["2024-02-29", "23:59:59.5", "2024-01-31 12:00:00", "1 year 2 days 03:00:00", "2024-01-01 00:00:00+00"]
-- tag: SELECT 1

-- case: fn2_make_date_negative_year_bc
SELECT make_date(-44, 3, 15) AS a;
-- expect:
-- columns: ["a"]
-- types: ["date"]
-- row: ["0044-03-15 BC"]
-- tag: SELECT 1

-- case: fn2_make_date_year_zero_error
SELECT make_date(0, 1, 1);
-- expect:
-- error: 22008

-- case: fn2_age_two_args
SELECT age(timestamp '2024-03-31', timestamp '2024-02-29') AS a, age(timestamp '2024-02-29', timestamp '2023-01-31') AS b, age(timestamp '2024-01-01', timestamp '2024-03-15 12:00') AS c, age(date '2024-06-15', date '1990-06-16') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["interval", "interval", "interval", "interval"]
-- row: ["1 mon 2 days", "1 year 29 days", "-2 mons -14 days -12:00:00", "33 years 11 mons 29 days"]
-- tag: SELECT 1

-- case: fn2_age_result_type
SELECT pg_typeof(age(timestamp '2024-01-01', timestamp '2023-01-01')) AS t;
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["interval"]
-- tag: SELECT 1

-- case: fn2_leap_year_checks
SELECT d, extract(doy FROM d + 1) AS next_doy FROM (VALUES (date '2024-02-28'), (date '2023-02-28'), (date '2000-02-28'), (date '1900-02-28')) v(d) ORDER BY d;
-- expect:
-- columns: ["d", "next_doy"]
-- types: ["date", "numeric"]
-- row: ["1900-02-28", "60"]
-- row: ["2000-02-28", "60"]
-- row: ["2023-02-28", "60"]
-- row: ["2024-02-28", "60"]
-- tag: SELECT 4

-- case: fn2_last_day_of_month_idiom
SELECT (date_trunc('month', d) + interval '1 month - 1 day')::date AS last_day FROM (VALUES (date '2024-02-10'), (date '2023-02-10'), (date '2024-12-31')) v(d) ORDER BY 1;
-- expect:
-- columns: ["last_day"]
-- types: ["date"]
-- row: ["2023-02-28"]
-- row: ["2024-02-29"]
-- row: ["2024-12-31"]
-- tag: SELECT 3

-- case: fn2_generate_series_month_end_dates
SELECT g::date AS d FROM generate_series(timestamp '2024-01-31', timestamp '2024-06-30', interval '1 month') g;
-- expect:
-- columns: ["d"]
-- types: ["date"]
-- row: ["2024-01-31"]
-- row: ["2024-02-29"]
-- row: ["2024-03-29"]
-- row: ["2024-04-29"]
-- row: ["2024-05-29"]
-- row: ["2024-06-29"]
-- tag: SELECT 6

-- case: fn2_timestamptz_at_time_zone_dst
SELECT (timestamptz '2024-03-10 06:59:00+00') AT TIME ZONE 'America/New_York' AS before_dst, (timestamptz '2024-03-10 07:00:00+00') AT TIME ZONE 'America/New_York' AS after_dst;
-- expect:
-- columns: ["before_dst", "after_dst"]
-- types: ["timestamp", "timestamp"]
-- row: ["2024-03-10 01:59:00", "2024-03-10 03:00:00"]
-- tag: SELECT 1

-- case: fn2_timestamptz_plus_day_across_dst
SET TimeZone = 'America/New_York';
SELECT timestamptz '2024-03-09 12:00' + interval '1 day' AS plus_day, timestamptz '2024-03-09 12:00' + interval '24 hours' AS plus_24h;
-- expect:
-- columns: ["plus_day", "plus_24h"]
-- types: ["timestamptz", "timestamptz"]
-- row: ["2024-03-10 12:00:00-04", "2024-03-10 13:00:00-04"]
-- tag: SELECT 1

-- case: fn2_timezone_offset_input_output
SET TimeZone = 'Asia/Kolkata';
SELECT timestamptz '2024-01-01 00:00:00+00' AS a, timestamptz '2024-06-01 12:00' AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["timestamptz", "timestamptz"]
-- row: ["2024-01-01 05:30:00+05:30", "2024-06-01 12:00:00+05:30"]
-- tag: SELECT 1

-- case: fn2_isfinite_and_infinity_dates
SELECT isfinite(date 'infinity') AS a, isfinite(date '2024-01-01') AS b, date 'infinity' > date '9999-12-31' AS c, timestamp '-infinity' < timestamp '0001-01-01' AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["f", "t", "t", "t"]
-- tag: SELECT 1

-- case: fn2_date_bin
SELECT date_bin(interval '15 minutes', timestamp '2024-01-01 10:38:20', timestamp '2024-01-01') AS b;
-- expect:
-- columns: ["b"]
-- types: ["timestamp"]
-- row: ["2024-01-01 10:30:00"]
-- tag: SELECT 1

-- case: fn2_overlaps_edges
SELECT (date '2024-01-01', date '2024-01-10') OVERLAPS (date '2024-01-10', date '2024-01-20') AS touching, (date '2024-01-01', date '2024-01-10') OVERLAPS (date '2024-01-09', date '2024-01-20') AS overlap;
-- expect:
-- columns: ["touching", "overlap"]
-- types: ["bool", "bool"]
-- row: ["f", "t"]
-- tag: SELECT 1

-- case: fn2_to_timestamp_float_epoch
SELECT to_timestamp(0) AS a, to_timestamp(1700000000.5) AS b, to_timestamp('Infinity'::float8) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["timestamptz", "timestamptz", "timestamptz"]
-- row: ["1970-01-01 00:00:00+00", "2023-11-14 22:13:20.5+00", "infinity"]
-- tag: SELECT 1

-- case: fn2_time_arith_wraps
SELECT time '23:30' + interval '1 hour' AS a, time '00:10' - interval '20 minutes' AS b, time '12:00' - time '10:30' AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["time", "time", "interval"]
-- row: ["00:30:00", "23:50:00", "01:30:00"]
-- tag: SELECT 1

-- case: fn2_interval_comparison_equivalence
SELECT interval '1 day' = interval '24 hours' AS a, interval '1 month' = interval '30 days' AS b, interval '1 year' = interval '360 days' AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "t"]
-- tag: SELECT 1

-- case: fn2_numeric_power_and_sqrt_precision
SELECT sqrt(2::numeric) AS a, power(10::numeric, -3) AS b, exp(1::numeric) AS c, ln(10::numeric) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["numeric", "numeric", "numeric", "numeric"]
-- row: ["1.414213562373095", "0.0010000000000000", "2.7182818284590452", "2.3025850929940457"]
-- tag: SELECT 1

-- case: fn2_factorial_and_numeric_big
SELECT factorial(20) AS a, factorial(25) AS b, 2::numeric ^ 100 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["numeric", "numeric", "numeric"]
-- row: ["2432902008176640000", "15511210043330985984000000", "1267650600228229401496703205376.0000000000000000"]
-- tag: SELECT 1

-- case: fn2_width_bucket_edges
SELECT width_bucket(0, 0, 10, 5) AS a, width_bucket(10, 0, 10, 5) AS b, width_bucket(-1, 0, 10, 5) AS c, width_bucket(5.5, ARRAY[1, 5, 10]) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "int4", "int4", "int4"]
-- row: ["1", "6", "0", "2"]
-- tag: SELECT 1

-- case: fn2_min_scale_and_scale
SELECT scale(1.2300) AS a, min_scale(1.2300) AS b, scale(100) AS c, scale('NaN'::numeric) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "int4", "int4", "int4"]
-- row: ["4", "2", "0", null]
-- tag: SELECT 1
