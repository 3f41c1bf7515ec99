-- Integer, numeric and floating point types: ranges, overflow, rounding, output.

-- case: int2_range_ok
SELECT 32767::int2 AS a, (-32768)::int2 AS b;

-- case: int2_out_of_range
SELECT 32768::int2;

-- case: int4_overflow_add
SELECT 2147483647::int4 + 1;

-- case: int4_overflow_mul
SELECT 65536::int4 * 65536::int4;

-- case: int4_min_negate_overflow
SELECT -(-2147483648)::int4;

-- case: int8_overflow_add
SELECT 9223372036854775807::int8 + 1;

-- case: int8_range_ok
SELECT 9223372036854775807::int8 AS a, (-9223372036854775808)::int8 AS b;

-- case: int4_column_overflow_insert
CREATE TABLE t (a int4);
INSERT INTO t VALUES (2147483648);

-- case: int2_column_overflow_insert
CREATE TABLE t (a smallint);
INSERT INTO t VALUES (40000);

-- case: int_literal_types
SELECT pg_typeof(1) AS a, pg_typeof(2147483648) AS b, pg_typeof(9223372036854775808) AS c, pg_typeof(1.5) AS d;

-- case: int_mixed_type_promotion
SELECT pg_typeof(1::int2 + 1::int2) AS a, pg_typeof(1::int2 + 1::int4) AS b, pg_typeof(1::int4 + 1::int8) AS c, pg_typeof(1 + 1.0) AS d;

-- case: int_division_truncates
SELECT 9 / 4 AS a, -9 / 4 AS b, 9 / -4 AS c, 9 % -4 AS d;

-- case: int_division_by_zero
SELECT 1 / 0;

-- case: int_modulo_by_zero
SELECT 1 % 0;

-- case: numeric_division_by_zero
SELECT 1.0 / 0;

-- case: float_division_by_zero
SELECT 1.0::float8 / 0;

-- case: int_cast_from_text_rounding
SELECT '42'::int AS a, 2.5::int AS b, 3.5::int AS c, (-2.5)::int AS d, 2.4999::int AS e;

-- case: int_cast_from_float_rounding
SELECT 2.5::float8::int AS a, 3.5::float8::int AS b, (-2.5)::float8::int AS c;

-- case: int_from_text_invalid
SELECT 'abc'::int;

-- case: int_from_text_with_spaces
SELECT ' 42 '::int AS a;

-- case: int_from_text_decimal_invalid
SELECT '4.2'::int;

-- case: numeric_precision_scale_round
SELECT 123.456::numeric(5, 2) AS a, 0.005::numeric(3, 2) AS b, (-0.005)::numeric(3, 2) AS c;

-- case: numeric_precision_overflow
SELECT 1234.5::numeric(5, 2);

-- case: numeric_column_scale
CREATE TABLE t (n numeric(6, 3));
INSERT INTO t VALUES (1), (1.5), (2.12345), (-0.0005);
SELECT n FROM t ORDER BY n;

-- case: numeric_column_overflow
CREATE TABLE t (n numeric(4, 2));
INSERT INTO t VALUES (100);

-- case: numeric_unconstrained_scale_kept
SELECT 1.10 AS a, 1.100::numeric AS b, 0.1 + 0.2 AS c, 1.0 * 1.00 AS d;

-- case: numeric_division_scale
SELECT 1::numeric / 3 AS a, 10::numeric / 4 AS b, 2.0 / 3 AS c, 1 / 3.0 AS d;

-- case: numeric_big_arithmetic
SELECT 12345678901234567890::numeric * 98765432109876543210 AS a;

-- case: numeric_round_half_away
SELECT round(2.5) AS a, round(-2.5) AS b, round(2.345, 2) AS c, round(1234.5, -2) AS d;

-- case: numeric_trunc
SELECT trunc(2.789) AS a, trunc(2.789, 1) AS b, trunc(-2.789) AS c;

-- case: numeric_nan
SELECT 'NaN'::numeric AS a, 'NaN'::numeric = 'NaN'::numeric AS b, 'NaN'::numeric > 1e100 AS c;

-- case: numeric_infinity
SELECT 'Infinity'::numeric AS a, '-Infinity'::numeric AS b;

-- case: numeric_output_sci_input
SELECT 1e3::numeric AS a, 1.5e-3 AS b, 2E2 AS c;

-- case: float8_output_shortest
SELECT 0.1::float8 AS a, 1.0::float8 / 3 AS b, 1e20::float8 AS c, 1e-5::float8 AS d, 123456789012345678::float8 AS e;

-- case: float8_sum_point_one_point_two
SELECT 0.1::float8 + 0.2::float8 AS a;

-- case: float4_output
SELECT 0.1::float4 AS a, 1.0::float4 / 3 AS b, 16777217::float4 AS c;

-- case: float8_special_values
SELECT 'NaN'::float8 AS a, 'Infinity'::float8 AS b, '-Infinity'::float8 AS c, 'inf'::float8 AS d;

-- case: float8_overflow
SELECT 1e308::float8 * 10;

-- case: float8_underflow
SELECT 1e-308::float8 * 1e-308::float8;

-- case: float8_negative_zero
SELECT -0.0::float8 AS a, (0.0::float8 * -1) AS b;

-- case: float8_exponent_output
SELECT 1e16::float8 AS a, 1e15::float8 AS b, 0.0001::float8 AS c, 0.00001::float8 AS d;

-- case: real_and_double_names
SELECT pg_typeof(1::real) AS a, pg_typeof(1::double precision) AS b, pg_typeof(1::float) AS c, pg_typeof(1::float(3)) AS d;

-- case: float_to_numeric
SELECT 0.1::float8::numeric AS a, 1e20::float8::numeric AS b;

-- case: numeric_to_float_compare
SELECT 0.1::float8 = 0.1::numeric AS a;

-- case: serial_types
CREATE TABLE t (a serial, b bigserial, c smallserial, d text);
INSERT INTO t (d) VALUES ('x'), ('y');
SELECT a, b, c, d FROM t ORDER BY a;

-- case: int_bitwise_ops
SELECT 12 & 10 AS a, 12 | 10 AS b, 12 # 10 AS c, ~12 AS d, 1 << 4 AS e, 256 >> 2 AS f;

-- case: numeric_typmod_display
SELECT 5::numeric(10, 4) AS a, 5.5::numeric(10, 0) AS b;

-- case: money_like_numeric_sum
CREATE TABLE t (price numeric(10, 2));
INSERT INTO t VALUES (19.99), (5.01), (0.10);
SELECT sum(price) AS s, avg(price) AS a FROM t;

-- case: int_abs_min_overflow
SELECT abs(-2147483648::int4);

-- case: int8_mul_overflow
SELECT 4000000000::int8 * 4000000000::int8;
