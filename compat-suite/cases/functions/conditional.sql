-- Conditional expressions, to_char/to_number/to_date, and system functions.

-- case: fn_coalesce
SELECT coalesce(NULL, NULL, 3, 4) AS a, coalesce(NULL::text, 'x') AS b, coalesce(NULL::int) AS c;

-- case: fn_coalesce_type_mismatch
SELECT coalesce(1, 'x');

-- case: fn_coalesce_short_circuit
SELECT coalesce(1, 1 / 0) AS a;

-- case: fn_nullif
SELECT nullif(1, 1) AS a, nullif(1, 2) AS b, nullif('a', 'b') AS c;

-- case: fn_case_in_where
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 6);
SELECT a FROM t WHERE CASE WHEN a % 2 = 0 THEN true ELSE false END ORDER BY a;

-- case: fn_to_char_numbers
SELECT to_char(1234.5, '9999.99') AS a, to_char(1234.5, 'FM9,999.00') AS b, to_char(-12, 'S999') AS c, to_char(5, '000') AS d, to_char(0.5, 'FM0.0') AS e;

-- case: fn_to_char_dates
SELECT to_char(timestamp '2024-03-05 14:07:09', 'YYYY-MM-DD HH24:MI:SS') AS a, to_char(date '2024-03-05', 'Dy, DD Mon YYYY') AS b, to_char(timestamp '2024-03-05 14:07:09', 'HH12:MI AM') AS c, to_char(date '2024-03-05', 'FMMonth FMDDth') AS d;

-- case: fn_to_char_interval
SELECT to_char(interval '15 hours 2 minutes 12 seconds', 'HH24:MI:SS') AS a;

-- case: fn_to_number
SELECT to_number('12,454.8-', '99G999D9S') AS a, to_number('$1,234.50', 'L9G999D99') AS b;

-- case: fn_to_date_to_timestamp
SELECT to_date('05 Mar 2024', 'DD Mon YYYY') AS a, to_timestamp('2024-03-05 14:07', 'YYYY-MM-DD HH24:MI') AS b;

-- case: fn_to_date_invalid
SELECT to_date('2024-13-45', 'YYYY-MM-DD');

-- case: fn_current_user_session_user
SELECT current_user AS a, session_user AS b, user AS c;

-- case: fn_current_schema
SELECT current_schema() AS s, current_schema AS t;

-- case: fn_version_prefix
SELECT version() LIKE 'PostgreSQL 15%' AS v;

-- case: fn_current_setting
SELECT current_setting('TimeZone') AS tz, current_setting('DateStyle') AS ds, current_setting('server_version_num')::int / 10000 AS major;

-- case: fn_set_config
SELECT set_config('search_path', 'public', false) AS a, current_setting('search_path') AS b;

-- case: fn_show_timezone
SHOW TimeZone;

-- case: fn_show_server_version_num
SELECT current_setting('server_version_num')::int >= 150000 AS ok;

-- case: fn_current_date_type
SELECT current_date = now()::date AS a, pg_typeof(current_timestamp) AS b, pg_typeof(localtimestamp) AS c;

-- case: fn_now_stable_in_transaction
BEGIN;
CREATE TABLE t (ts timestamptz);
INSERT INTO t VALUES (now());
SELECT count(*) AS c FROM t WHERE ts = now();

-- case: fn_clock_timestamp_type
SELECT pg_typeof(clock_timestamp()) AS a, clock_timestamp() >= now() AS b;

-- case: fn_gen_random_uuid_shape
SELECT length(gen_random_uuid()::text) AS l, pg_typeof(gen_random_uuid()) AS t;

-- case: fn_random_range
SELECT bool_and(r >= 0 AND r < 1) AS ok FROM (SELECT random() AS r FROM generate_series(1, 100)) s;

-- case: fn_txid_type
SELECT pg_typeof(txid_current()) AS t;

-- case: fn_pg_backend_pid_type
SELECT pg_typeof(pg_backend_pid()) AS t, pg_backend_pid() > 0 AS ok;

-- case: fn_has_table_privilege_self
CREATE TABLE t (a int);
SELECT has_table_privilege('t', 'SELECT') AS s, has_table_privilege('t', 'INSERT') AS i;

-- case: fn_nextval_currval
CREATE SEQUENCE s;
SELECT nextval('s') AS a, nextval('s') AS b, currval('s') AS c;

-- case: fn_currval_before_nextval
CREATE SEQUENCE s;
SELECT currval('s');

-- case: fn_setval
CREATE SEQUENCE s;
SELECT setval('s', 100) AS a, nextval('s') AS b, setval('s', 5, false) AS c, nextval('s') AS d;

-- case: fn_unknown_function
SELECT no_such_function(1);

-- case: fn_wrong_arg_types
SELECT length(1, 2, 3);

-- case: fn_create_sql_function
CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 1';
SELECT add_one(41) AS r;

-- case: fn_create_plpgsql_function
CREATE FUNCTION fib(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE a int := 0; b int := 1; t int;
BEGIN
  FOR i IN 1..n LOOP t := a + b; a := b; b := t; END LOOP;
  RETURN a;
END $$;
SELECT fib(10) AS f;

-- case: fn_sql_function_returns_table
CREATE FUNCTION pairs(n int) RETURNS TABLE (i int, sq int) LANGUAGE sql AS 'SELECT g, g * g FROM generate_series(1, n) g';
SELECT * FROM pairs(3);

-- case: fn_drop_function
CREATE FUNCTION f1() RETURNS int LANGUAGE sql AS 'SELECT 1';
DROP FUNCTION f1();

-- case: fn_pg_sleep_zero
SELECT pg_sleep(0) AS s;

-- case: fn_num_nulls
SELECT num_nulls(1, NULL, 2, NULL) AS n, num_nonnulls(1, NULL, 2) AS nn;

-- case: fn_octet_length_bytea_vs_text
SELECT octet_length('€') AS t, octet_length(convert_to('€', 'UTF8')) AS b;

-- case: fn_date_part_and_extract_numeric
SELECT extract(second FROM time '10:11:12.5') AS s, date_part('second', time '10:11:12.5') AS p;

-- case: fn_to_char_negative_and_fm
SELECT to_char(-0.1, 'FM990.00') AS a, to_char(123456789, '999G999G999') AS b, to_char(1.0/3, '0.999') AS c;
