-- Mathematical functions.

-- case: fn_abs_sign
SELECT abs(-5) AS a, abs(-5.5) AS b, sign(-3) AS c, sign(0.0) AS d, sign(2.5::float8) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4", "numeric", "float8", "numeric", "float8"]
-- row: ["5", "5.5", "-1", "0", "1"]
-- tag: SELECT 1

-- case: fn_ceil_floor
SELECT ceil(1.2) AS a, ceiling(-1.2) AS b, floor(1.8) AS c, floor(-1.2) AS d, ceil(1.2::float8) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["numeric", "numeric", "numeric", "numeric", "float8"]
-- row: ["2", "-1", "1", "-2", "2"]
-- tag: SELECT 1

-- case: fn_round_float
SELECT round(2.5::float8) AS a, round(3.5::float8) AS b, round(-2.5::float8) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["float8", "float8", "float8"]
-- row: ["2", "4", "-2"]
-- tag: SELECT 1

-- case: fn_power_sqrt
SELECT power(2, 10) AS a, power(2.0, 3) AS b, sqrt(16) AS c, sqrt(2::numeric) AS d, cbrt(27) AS e, 2 ^ 0.5 AS f;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f"]
-- types: ["float8", "numeric", "float8", "numeric", "float8", "numeric"]
-- row: ["1024", "8.0000000000000000", "4", "1.414213562373095", "3.0000000000000004", "1.4142135623730950"]
-- tag: SELECT 1

-- case: fn_sqrt_negative
SELECT sqrt(-1);
-- expect:
-- error: 2201F

-- case: fn_exp_ln_log
SELECT exp(1) AS a, ln(10) AS b, log(100) AS c, log(2, 8) AS d, log10(1000) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["float8", "float8", "float8", "numeric", "float8"]
-- row: ["2.718281828459045", "2.302585092994046", "2", "3.0000000000000000", "3"]
-- tag: SELECT 1

-- case: fn_ln_zero
SELECT ln(0);
-- expect:
-- error: 2201E

-- case: fn_mod_div
SELECT mod(10, 3) AS a, mod(-10, 3) AS b, div(10, 3) AS c, div(-10, 3) AS d, mod(10.5, 3) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4", "int4", "numeric", "numeric", "numeric"]
-- row: ["1", "-1", "3", "-3", "1.5"]
-- tag: SELECT 1

-- case: fn_gcd_lcm
SELECT gcd(12, 18) AS a, lcm(4, 6) AS b, gcd(0, 5) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "int4", "int4"]
-- row: ["6", "12", "5"]
-- tag: SELECT 1

-- case: fn_factorial
SELECT factorial(5) AS a, factorial(20) AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["numeric", "numeric"]
-- row: ["120", "2432902008176640000"]
-- tag: SELECT 1

-- case: fn_pi_trig
SELECT pi() AS p, sin(0) AS s, cos(0) AS c, round(atan2(1, 1)::numeric, 6) AS t, degrees(pi()) AS d, radians(180) AS r;
-- expect:
-- columns: ["p", "s", "c", "t", "d", "r"]
-- types: ["float8", "float8", "float8", "numeric", "float8", "float8"]
-- row: ["3.141592653589793", "0", "1", "0.785398", "180", "3.141592653589793"]
-- tag: SELECT 1

-- case: fn_greatest_least
SELECT greatest(1, 5, 3) AS a, least(1, 5, 3) AS b, greatest('a', 'B', 'c') AS c, greatest(1, NULL, 2) AS d, least(NULL::int, NULL) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["int4", "int4", "text", "int4", "int4"]
-- row: ["5", "1", "c", "2", null]
-- tag: SELECT 1

-- case: fn_greatest_mixed_types
SELECT greatest(1, 2.5, 2) AS a, pg_typeof(greatest(1, 2.5)) AS t;
-- expect:
-- columns: ["a", "t"]
-- types: ["numeric", "regtype"]
-- row: ["2.5", "numeric"]
-- tag: SELECT 1

-- case: fn_trunc_scale
SELECT trunc(1234.5678, 2) AS a, trunc(1234.5678, -2) AS b, round(1234.5678, 2) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["numeric", "numeric", "numeric"]
-- row: ["1234.56", "1200", "1234.57"]
-- tag: SELECT 1

-- case: fn_width_bucket
SELECT width_bucket(5.35, 0.024, 10.06, 5) AS a, width_bucket(-1, 0, 10, 5) AS b, width_bucket(11, 0, 10, 5) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "int4", "int4"]
-- row: ["3", "0", "6"]
-- tag: SELECT 1

-- case: fn_scale_min_scale
SELECT scale(1.2300) AS a, min_scale(1.2300) AS b, trim_scale(1.2300) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "int4", "numeric"]
-- row: ["4", "2", "1.23"]
-- tag: SELECT 1

-- case: fn_numeric_sum_exact
SELECT sum(x) AS s FROM (VALUES (0.1), (0.2), (0.3)) v(x);
-- expect:
-- columns: ["s"]
-- types: ["numeric"]
-- row: ["0.6"]
-- tag: SELECT 1

-- case: fn_float_sum
SELECT sum(x) AS s FROM (VALUES (0.1::float8), (0.2::float8)) v(x);
-- expect:
-- columns: ["s"]
-- types: ["float8"]
-- row: ["0.30000000000000004"]
-- tag: SELECT 1

-- case: fn_div_by_zero_in_mod_numeric
SELECT mod(5.5, 0);
-- expect:
-- error: 22012

-- case: fn_power_zero_negative
SELECT power(0, -1);
-- expect:
-- error: 2201F

-- case: fn_generate_series_step
SELECT * FROM generate_series(10, 1, -3) AS g;
-- expect:
-- columns: ["g"]
-- types: ["int4"]
-- row: ["10"]
-- row: ["7"]
-- row: ["4"]
-- row: ["1"]
-- tag: SELECT 4

-- case: fn_generate_series_numeric
SELECT * FROM generate_series(1.0, 2.0, 0.5) AS g;
-- expect:
-- columns: ["g"]
-- types: ["numeric"]
-- row: ["1.0"]
-- row: ["1.5"]
-- row: ["2.0"]
-- tag: SELECT 3

-- case: fn_generate_series_empty
SELECT count(*) AS c FROM generate_series(5, 1);
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: fn_generate_series_zero_step
SELECT * FROM generate_series(1, 5, 0);
-- expect:
-- error: 22023
