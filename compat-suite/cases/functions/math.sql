-- Mathematical functions.

-- case: fn_abs_sign
SELECT abs(-5) AS a, abs(-5.5) AS b, sign(-3) AS c, sign(0.0) AS d, sign(2.5::float8) AS e;

-- case: fn_ceil_floor
SELECT ceil(1.2) AS a, ceiling(-1.2) AS b, floor(1.8) AS c, floor(-1.2) AS d, ceil(1.2::float8) AS e;

-- case: fn_round_float
SELECT round(2.5::float8) AS a, round(3.5::float8) AS b, round(-2.5::float8) AS c;

-- case: fn_power_sqrt
SELECT power(2, 10) AS a, power(2.0, 3) AS b, sqrt(16) AS c, sqrt(2::numeric) AS d, cbrt(27) AS e, 2 ^ 0.5 AS f;

-- case: fn_sqrt_negative
SELECT sqrt(-1);

-- case: fn_exp_ln_log
SELECT exp(1) AS a, ln(10) AS b, log(100) AS c, log(2, 8) AS d, log10(1000) AS e;

-- case: fn_ln_zero
SELECT ln(0);

-- case: fn_mod_div
SELECT mod(10, 3) AS a, mod(-10, 3) AS b, div(10, 3) AS c, div(-10, 3) AS d, mod(10.5, 3) AS e;

-- case: fn_gcd_lcm
SELECT gcd(12, 18) AS a, lcm(4, 6) AS b, gcd(0, 5) AS c;

-- case: fn_factorial
SELECT factorial(5) AS a, factorial(20) AS b;

-- case: fn_pi_trig
SELECT pi() AS p, sin(0) AS s, cos(0) AS c, round(atan2(1, 1)::numeric, 6) AS t, degrees(pi()) AS d, radians(180) AS r;

-- case: fn_greatest_least
SELECT greatest(1, 5, 3) AS a, least(1, 5, 3) AS b, greatest('a', 'B', 'c') AS c, greatest(1, NULL, 2) AS d, least(NULL::int, NULL) AS e;

-- case: fn_greatest_mixed_types
SELECT greatest(1, 2.5, 2) AS a, pg_typeof(greatest(1, 2.5)) AS t;

-- case: fn_trunc_scale
SELECT trunc(1234.5678, 2) AS a, trunc(1234.5678, -2) AS b, round(1234.5678, 2) AS c;

-- case: fn_width_bucket
SELECT width_bucket(5.35, 0.024, 10.06, 5) AS a, width_bucket(-1, 0, 10, 5) AS b, width_bucket(11, 0, 10, 5) AS c;

-- case: fn_scale_min_scale
SELECT scale(1.2300) AS a, min_scale(1.2300) AS b, trim_scale(1.2300) AS c;

-- case: fn_numeric_sum_exact
SELECT sum(x) AS s FROM (VALUES (0.1), (0.2), (0.3)) v(x);

-- case: fn_float_sum
SELECT sum(x) AS s FROM (VALUES (0.1::float8), (0.2::float8)) v(x);

-- case: fn_div_by_zero_in_mod_numeric
SELECT mod(5.5, 0);

-- case: fn_power_zero_negative
SELECT power(0, -1);

-- case: fn_generate_series_step
SELECT * FROM generate_series(10, 1, -3) AS g;

-- case: fn_generate_series_numeric
SELECT * FROM generate_series(1.0, 2.0, 0.5) AS g;

-- case: fn_generate_series_empty
SELECT count(*) AS c FROM generate_series(5, 1);

-- case: fn_generate_series_zero_step
SELECT * FROM generate_series(1, 5, 0);
