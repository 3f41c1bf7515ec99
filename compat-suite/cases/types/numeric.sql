-- Integer, numeric and floating point types: ranges, overflow, rounding, output.

-- case: int2_range_ok
SELECT 32767::int2 AS a, (-32768)::int2 AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int2", "int2"]
-- row: ["32767", "-32768"]
-- tag: SELECT 1

-- case: int2_out_of_range
SELECT 32768::int2;
-- expect:
-- error: 22003

-- case: int4_overflow_add
SELECT 2147483647::int4 + 1;
-- expect:
-- error: 22003

-- case: int4_overflow_mul
SELECT 65536::int4 * 65536::int4;
-- expect:
-- error: 22003

-- case: int4_min_negate_overflow
SELECT -(-2147483648)::int4;
-- expect:
-- error: 22003

-- case: int8_overflow_add
SELECT 9223372036854775807::int8 + 1;
-- expect:
-- error: 22003

-- case: int8_range_ok
SELECT 9223372036854775807::int8 AS a, (-9223372036854775808)::int8 AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int8", "int8"]
-- row: ["9223372036854775807", "-9223372036854775808"]
-- tag: SELECT 1

-- case: int4_column_overflow_insert
CREATE TABLE t (a int4);
INSERT INTO t VALUES (2147483648);
-- expect:
-- error: 22003

-- case: int2_column_overflow_insert
CREATE TABLE t (a smallint);
INSERT INTO t VALUES (40000);
-- expect:
-- error: 22003

-- case: int_literal_types
SELECT pg_typeof(1) AS a, pg_typeof(2147483648) AS b, pg_typeof(9223372036854775808) AS c, pg_typeof(1.5) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["regtype", "regtype", "regtype", "regtype"]
-- row: ["integer", "bigint", "numeric", "numeric"]
-- tag: SELECT 1

-- case: int_mixed_type_promotion
SELECT pg_typeof(1::int2 + 1::int2) AS a, pg_typeof(1::int2 + 1::int4) AS b, pg_typeof(1::int4 + 1::int8) AS c, pg_typeof(1 + 1.0) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["regtype", "regtype", "regtype", "regtype"]
-- row: ["smallint", "integer", "bigint", "numeric"]
-- tag: SELECT 1

-- case: int_division_truncates
SELECT 9 / 4 AS a, -9 / 4 AS b, 9 / -4 AS c, 9 % -4 AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "int4", "int4", "int4"]
-- row: ["2", "-2", "-2", "1"]
-- tag: SELECT 1

-- case: int_division_by_zero
SELECT 1 / 0;
-- expect:
-- error: 22012

-- case: int_modulo_by_zero
SELECT 1 % 0;
-- expect:
-- error: 22012

-- case: numeric_division_by_zero
SELECT 1.0 / 0;
-- expect:
-- error: 22012

-- case: float_division_by_zero
SELECT 1.0::float8 / 0;
-- expect:
-- error: 22012

-- case: int_cast_from_text_rounding
SELECT '42'::int AS a, 2.5::int AS b, 3.5::int AS c, (-2.5)::int AS d, 2.4999::int AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4", "int4", "int4", "int4", "int4"]
-- row: ["42", "3", "4", "-3", "2"]
-- tag: SELECT 1

-- case: int_cast_from_float_rounding
SELECT 2.5::float8::int AS a, 3.5::float8::int AS b, (-2.5)::float8::int AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "int4", "int4"]
-- row: ["2", "4", "-2"]
-- tag: SELECT 1

-- case: int_from_text_invalid
SELECT 'abc'::int;
-- expect:
-- error: 22P02

-- case: int_from_text_with_spaces
SELECT ' 42 '::int AS a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["42"]
-- tag: SELECT 1

-- case: int_from_text_decimal_invalid
SELECT '4.2'::int;
-- expect:
-- error: 22P02

-- case: numeric_precision_scale_round
SELECT 123.456::numeric(5, 2) AS a, 0.005::numeric(3, 2) AS b, (-0.005)::numeric(3, 2) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["numeric", "numeric", "numeric"]
-- row: ["123.46", "0.01", "-0.01"]
-- tag: SELECT 1

-- case: numeric_precision_overflow
SELECT 1234.5::numeric(5, 2);
-- expect:
-- error: 22003

-- case: numeric_column_scale
CREATE TABLE t (n numeric(6, 3));
INSERT INTO t VALUES (1), (1.5), (2.12345), (-0.0005);
SELECT n FROM t ORDER BY n;
-- expect:
-- columns: ["n"]
-- types: ["numeric"]
-- row: ["-0.001"]
-- row: ["1.000"]
-- row: ["1.500"]
-- row: ["2.123"]
-- tag: SELECT 4

-- case: numeric_column_overflow
CREATE TABLE t (n numeric(4, 2));
INSERT INTO t VALUES (100);
-- expect:
-- error: 22003

-- case: numeric_unconstrained_scale_kept
SELECT 1.10 AS a, 1.100::numeric AS b, 0.1 + 0.2 AS c, 1.0 * 1.00 AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["numeric", "numeric", "numeric", "numeric"]
-- row: ["1.10", "1.100", "0.3", "1.000"]
-- tag: SELECT 1

-- case: numeric_division_scale
SELECT 1::numeric / 3 AS a, 10::numeric / 4 AS b, 2.0 / 3 AS c, 1 / 3.0 AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["numeric", "numeric", "numeric", "numeric"]
-- row: ["0.33333333333333333333", "2.5000000000000000", "0.66666666666666666667", "0.33333333333333333333"]
-- tag: SELECT 1

-- case: numeric_big_arithmetic
SELECT 12345678901234567890::numeric * 98765432109876543210 AS a;
-- expect:
-- columns: ["a"]
-- types: ["numeric"]
-- row: ["1219326311370217952237463801111263526900"]
-- tag: SELECT 1

-- case: numeric_round_half_away
SELECT round(2.5) AS a, round(-2.5) AS b, round(2.345, 2) AS c, round(1234.5, -2) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["numeric", "numeric", "numeric", "numeric"]
-- row: ["3", "-3", "2.35", "1200"]
-- tag: SELECT 1

-- case: numeric_trunc
SELECT trunc(2.789) AS a, trunc(2.789, 1) AS b, trunc(-2.789) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["numeric", "numeric", "numeric"]
-- row: ["2", "2.7", "-2"]
-- tag: SELECT 1

-- case: numeric_nan
SELECT 'NaN'::numeric AS a, 'NaN'::numeric = 'NaN'::numeric AS b, 'NaN'::numeric > 1e100 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["numeric", "bool", "bool"]
-- row: ["NaN", "t", "t"]
-- tag: SELECT 1

-- case: numeric_infinity
SELECT 'Infinity'::numeric AS a, '-Infinity'::numeric AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["numeric", "numeric"]
-- row: ["Infinity", "-Infinity"]
-- tag: SELECT 1

-- case: numeric_output_sci_input
SELECT 1e3::numeric AS a, 1.5e-3 AS b, 2E2 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["numeric", "numeric", "numeric"]
-- row: ["1000", "0.0015", "200"]
-- tag: SELECT 1

-- case: float8_output_shortest
SELECT 0.1::float8 AS a, 1.0::float8 / 3 AS b, 1e20::float8 AS c, 1e-5::float8 AS d, 123456789012345678::float8 AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["float8", "float8", "float8", "float8", "float8"]
-- row: ["0.1", "0.3333333333333333", "1e+20", "1e-05", "1.2345678901234568e+17"]
-- tag: SELECT 1

-- case: float8_sum_point_one_point_two
SELECT 0.1::float8 + 0.2::float8 AS a;
-- expect:
-- columns: ["a"]
-- types: ["float8"]
-- row: ["0.30000000000000004"]
-- tag: SELECT 1

-- case: float4_output
SELECT 0.1::float4 AS a, 1.0::float4 / 3 AS b, 16777217::float4 AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["float4", "float8", "float4"]
-- row: ["0.1", "0.3333333333333333", "1.6777216e+07"]
-- tag: SELECT 1

-- case: float8_special_values
SELECT 'NaN'::float8 AS a, 'Infinity'::float8 AS b, '-Infinity'::float8 AS c, 'inf'::float8 AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["float8", "float8", "float8", "float8"]
-- row: ["NaN", "Infinity", "-Infinity", "Infinity"]
-- tag: SELECT 1

-- case: float8_overflow
SELECT 1e308::float8 * 10;
-- expect:
-- error: 22003

-- case: float8_underflow
SELECT 1e-308::float8 * 1e-308::float8;
-- expect:
-- error: 22003

-- case: float8_negative_zero
SELECT -0.0::float8 AS a, (0.0::float8 * -1) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["float8", "float8"]
-- row: ["-0", "-0"]
-- tag: SELECT 1

-- case: float8_exponent_output
SELECT 1e16::float8 AS a, 1e15::float8 AS b, 0.0001::float8 AS c, 0.00001::float8 AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["float8", "float8", "float8", "float8"]
-- row: ["1e+16", "1e+15", "0.0001", "1e-05"]
-- tag: SELECT 1

-- case: real_and_double_names
SELECT pg_typeof(1::real) AS a, pg_typeof(1::double precision) AS b, pg_typeof(1::float) AS c, pg_typeof(1::float(3)) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["regtype", "regtype", "regtype", "regtype"]
-- row: ["real", "double precision", "double precision", "real"]
-- tag: SELECT 1

-- case: float_to_numeric
SELECT 0.1::float8::numeric AS a, 1e20::float8::numeric AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["numeric", "numeric"]
-- row: ["0.1", "100000000000000000000"]
-- tag: SELECT 1

-- case: numeric_to_float_compare
SELECT 0.1::float8 = 0.1::numeric AS a;
-- expect:
-- columns: ["a"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: serial_types
CREATE TABLE t (a serial, b bigserial, c smallserial, d text);
INSERT INTO t (d) VALUES ('x'), ('y');
SELECT a, b, c, d FROM t ORDER BY a;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int4", "int8", "int2", "text"]
-- row: ["1", "1", "1", "x"]
-- row: ["2", "2", "2", "y"]
-- tag: SELECT 2

-- case: int_bitwise_ops
SELECT 12 & 10 AS a, 12 | 10 AS b, 12 # 10 AS c, ~12 AS d, 1 << 4 AS e, 256 >> 2 AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["int4", "int4", "int4", "int4", "int4", "int4"]
-- row: ["8", "14", "6", "-13", "16", "64"]
-- tag: SELECT 1

-- case: numeric_typmod_display
SELECT 5::numeric(10, 4) AS a, 5.5::numeric(10, 0) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["numeric", "numeric"]
-- row: ["5.0000", "6"]
-- tag: SELECT 1

-- case: money_like_numeric_sum
CREATE TABLE t (price numeric(10, 2));
INSERT INTO t VALUES (19.99), (5.01), (0.10);
SELECT sum(price) AS s, avg(price) AS a FROM t;
-- expect:
-- columns: ["s", "a"]
-- types: ["numeric", "numeric"]
-- row: ["25.10", "8.3666666666666667"]
-- tag: SELECT 1

-- case: int_abs_min_overflow
SELECT abs(-2147483648::int4);
-- expect:
-- error: 22003

-- case: int8_mul_overflow
SELECT 4000000000::int8 * 4000000000::int8;
-- expect:
-- error: 22003
