-- Conditional expressions, to_char/to_number/to_date, and system functions.

-- case: fn_coalesce
SELECT coalesce(NULL, NULL, 3, 4) AS a, coalesce(NULL::text, 'x') AS b, coalesce(NULL::int) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "text", "int4"]
-- row: ["3", "x", null]
-- tag: SELECT 1

-- case: fn_coalesce_type_mismatch
SELECT coalesce(1, 'x');
-- expect:
-- error: 22P02

-- case: fn_coalesce_short_circuit
SELECT coalesce(1, 1 / 0) AS a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: fn_nullif
SELECT nullif(1, 1) AS a, nullif(1, 2) AS b, nullif('a', 'b') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "int4", "text"]
-- row: [null, "1", "a"]
-- tag: SELECT 1

-- case: fn_case_in_where
CREATE TABLE t (a int);
INSERT INTO t SELECT generate_series(1, 6);
SELECT a FROM t WHERE CASE WHEN a % 2 = 0 THEN true ELSE false END ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["4"]
-- row: ["6"]
-- tag: SELECT 3

-- case: fn_to_char_numbers
SELECT to_char(1234.5, '9999.99') AS a, to_char(1234.5, 'FM9,999.00') AS b, to_char(-12, 'S999') AS c, to_char(5, '000') AS d, to_char(0.5, 'FM0.0') AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["text", "text", "text", "text", "text"]
-- row: [" 1234.50", "1,234.50", " -12", " 005", "0.5"]
-- tag: SELECT 1

-- case: fn_to_char_dates
SELECT to_char(timestamp '2024-03-05 14:07:09', 'YYYY-MM-DD HH24:MI:SS') AS a, to_char(date '2024-03-05', 'Dy, DD Mon YYYY') AS b, to_char(timestamp '2024-03-05 14:07:09', 'HH12:MI AM') AS c, to_char(date '2024-03-05', 'FMMonth FMDDth') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["2024-03-05 14:07:09", "Tue, 05 Mar 2024", "02:07 PM", "March 5th"]
-- tag: SELECT 1

-- case: fn_to_char_interval
SELECT to_char(interval '15 hours 2 minutes 12 seconds', 'HH24:MI:SS') AS a;
-- expect:
-- columns: ["a"]
-- types: ["text"]
-- row: ["15:02:12"]
-- tag: SELECT 1

-- case: fn_to_number
SELECT to_number('12,454.8-', '99G999D9S') AS a, to_number('$1,234.50', 'L9G999D99') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["numeric", "numeric"]
-- row: ["-12454.8", "1234.50"]
-- tag: SELECT 1

-- case: fn_to_date_to_timestamp
SELECT to_date('05 Mar 2024', 'DD Mon YYYY') AS a, to_timestamp('2024-03-05 14:07', 'YYYY-MM-DD HH24:MI') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["date", "timestamptz"]
-- row: ["2024-03-05", "2024-03-05 14:07:00+00"]
-- tag: SELECT 1

-- case: fn_to_date_invalid
SELECT to_date('2024-13-45', 'YYYY-MM-DD');
-- expect:
-- error: 22008

-- case: fn_current_user_session_user
SELECT current_user AS a, session_user AS b, user AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["name", "name", "name"]
-- row: ["postgres", "postgres", "postgres"]
-- tag: SELECT 1

-- case: fn_current_schema
SELECT current_schema() AS s, current_schema AS t;
-- expect:
-- columns: ["s", "t"]
-- types: ["name", "name"]
-- row: ["c_13", "c_13"]
-- tag: SELECT 1

-- case: fn_version_prefix
SELECT version() LIKE 'PostgreSQL 15%' AS v;
-- expect:
-- columns: ["v"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: fn_current_setting
SELECT current_setting('TimeZone') AS tz, current_setting('DateStyle') AS ds, current_setting('server_version_num')::int / 10000 AS major;
-- expect:
-- columns: ["tz", "ds", "major"]
-- types: ["text", "text", "int4"]
-- row: ["UTC", "ISO, MDY", "15"]
-- tag: SELECT 1

-- case: fn_set_config
SELECT set_config('search_path', 'public', false) AS a, current_setting('search_path') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["public", "public"]
-- tag: SELECT 1

-- case: fn_show_timezone
SHOW TimeZone;
-- expect:
-- columns: ["TimeZone"]
-- types: ["text"]
-- row: ["UTC"]
-- tag: SHOW

-- case: fn_show_server_version_num
SELECT current_setting('server_version_num')::int >= 150000 AS ok;
-- expect:
-- columns: ["ok"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: fn_current_date_type
SELECT current_date = now()::date AS a, pg_typeof(current_timestamp) AS b, pg_typeof(localtimestamp) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "regtype", "regtype"]
-- row: ["t", "timestamp with time zone", "timestamp without time zone"]
-- tag: SELECT 1

-- case: fn_now_stable_in_transaction
BEGIN;
CREATE TABLE t (ts timestamptz);
INSERT INTO t VALUES (now());
SELECT count(*) AS c FROM t WHERE ts = now();
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1

-- case: fn_clock_timestamp_type
SELECT pg_typeof(clock_timestamp()) AS a, clock_timestamp() >= now() AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["regtype", "bool"]
-- row: ["timestamp with time zone", "t"]
-- tag: SELECT 1

-- case: fn_gen_random_uuid_shape
SELECT length(gen_random_uuid()::text) AS l, pg_typeof(gen_random_uuid()) AS t;
-- expect:
-- columns: ["l", "t"]
-- types: ["int4", "regtype"]
-- row: ["36", "uuid"]
-- tag: SELECT 1

-- case: fn_random_range
SELECT bool_and(r >= 0 AND r < 1) AS ok FROM (SELECT random() AS r FROM generate_series(1, 100)) s;
-- expect:
-- columns: ["ok"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: fn_txid_type
SELECT pg_typeof(txid_current()) AS t;
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["bigint"]
-- tag: SELECT 1

-- case: fn_pg_backend_pid_type
SELECT pg_typeof(pg_backend_pid()) AS t, pg_backend_pid() > 0 AS ok;
-- expect:
-- columns: ["t", "ok"]
-- types: ["regtype", "bool"]
-- row: ["integer", "t"]
-- tag: SELECT 1

-- case: fn_has_table_privilege_self
CREATE TABLE t (a int);
SELECT has_table_privilege('t', 'SELECT') AS s, has_table_privilege('t', 'INSERT') AS i;
-- expect:
-- columns: ["s", "i"]
-- types: ["bool", "bool"]
-- row: ["t", "t"]
-- tag: SELECT 1

-- case: fn_nextval_currval
CREATE SEQUENCE s;
SELECT nextval('s') AS a, nextval('s') AS b, currval('s') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int8", "int8", "int8"]
-- row: ["1", "2", "2"]
-- tag: SELECT 1

-- case: fn_currval_before_nextval
CREATE SEQUENCE s;
SELECT currval('s');
-- expect:
-- error: 55000

-- case: fn_setval
CREATE SEQUENCE s;
SELECT setval('s', 100) AS a, nextval('s') AS b, setval('s', 5, false) AS c, nextval('s') AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["int8", "int8", "int8", "int8"]
-- row: ["100", "101", "5", "5"]
-- tag: SELECT 1

-- case: fn_unknown_function
SELECT no_such_function(1);
-- expect:
-- error: 42883

-- case: fn_wrong_arg_types
SELECT length(1, 2, 3);
-- expect:
-- error: 42883

-- case: fn_create_sql_function
CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 1';
SELECT add_one(41) AS r;
-- expect:
-- columns: ["r"]
-- types: ["int4"]
-- row: ["42"]
-- tag: SELECT 1

-- case: fn_create_plpgsql_function
CREATE FUNCTION fib(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE a int := 0; b int := 1; t int;
BEGIN
  FOR i IN 1..n LOOP t := a + b; a := b; b := t; END LOOP;
  RETURN a;
END $$;
SELECT fib(10) AS f;
-- expect:
-- columns: ["f"]
-- types: ["int4"]
-- row: ["55"]
-- tag: SELECT 1

-- case: fn_sql_function_returns_table
CREATE FUNCTION pairs(n int) RETURNS TABLE (i int, sq int) LANGUAGE sql AS 'SELECT g, g * g FROM generate_series(1, n) g';
SELECT * FROM pairs(3);
-- expect:
-- columns: ["i", "sq"]
-- types: ["int4", "int4"]
-- row: ["1", "1"]
-- row: ["2", "4"]
-- row: ["3", "9"]
-- tag: SELECT 3

-- case: fn_drop_function
CREATE FUNCTION f1() RETURNS int LANGUAGE sql AS 'SELECT 1';
DROP FUNCTION f1();
-- expect:
-- tag: DROP FUNCTION

-- case: fn_pg_sleep_zero
SELECT pg_sleep(0) AS s;
-- expect:
-- columns: ["s"]
-- types: ["void"]
-- row: [""]
-- tag: SELECT 1

-- case: fn_num_nulls
SELECT num_nulls(1, NULL, 2, NULL) AS n, num_nonnulls(1, NULL, 2) AS nn;
-- expect:
-- columns: ["n", "nn"]
-- types: ["int4", "int4"]
-- row: ["2", "2"]
-- tag: SELECT 1

-- case: fn_octet_length_bytea_vs_text
SELECT octet_length('€') AS t, octet_length(convert_to('€', 'UTF8')) AS b;
-- expect:
-- columns: ["t", "b"]
-- types: ["int4", "int4"]
-- row: ["3", "3"]
-- tag: SELECT 1

-- case: fn_date_part_and_extract_numeric
SELECT extract(second FROM time '10:11:12.5') AS s, date_part('second', time '10:11:12.5') AS p;
-- expect:
-- columns: ["s", "p"]
-- types: ["numeric", "float8"]
-- row: ["12.500000", "12.5"]
-- tag: SELECT 1

-- case: fn_to_char_negative_and_fm
SELECT to_char(-0.1, 'FM990.00') AS a, to_char(123456789, '999G999G999') AS b, to_char(1.0/3, '0.999') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text", "text", "text"]
-- row: ["-0.10", " 123,456,789", " 0.333"]
-- tag: SELECT 1
