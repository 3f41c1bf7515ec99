-- Errors, part 2: a wide table of the SQLSTATEs users hit, each case ends with the failing
-- statement.

-- case: err2_42601_missing_from_keyword_expr
SELECT * t;
-- expect:
-- error: 42601

-- case: err2_42601_unexpected_end
SELECT 1 +;
-- expect:
-- error: 42601

-- case: err2_42601_keyword_as_column
CREATE TABLE t (select int);
-- expect:
-- error: 42601

-- case: err2_42601_insert_missing_values
CREATE TABLE t (a int);
INSERT INTO t (a);
-- expect:
-- error: 42601

-- case: err2_42601_double_where
SELECT 1 WHERE true WHERE true;
-- expect:
-- error: 42601

-- case: err2_42601_unterminated_quoted_identifier
SELECT "abc FROM x;
-- expect:
-- error: 42601

-- case: err2_42601_dangling_comma_in_select
SELECT 1, FROM generate_series(1, 2);
-- expect:
-- error: 42601

-- case: err2_42P01_table_in_join
CREATE TABLE a (id int);
SELECT * FROM a JOIN missing_zz b ON a.id = b.id;
-- expect:
-- error: 42P01

-- case: err2_42P01_insert_missing_table
INSERT INTO missing_zz VALUES (1);
-- expect:
-- error: 42P01

-- case: err2_42P01_schema_qualified_missing
SELECT * FROM pg_catalog.no_such_rel_zz;
-- expect:
-- error: 42P01

-- case: err2_42P01_alias_hides_table_name
CREATE TABLE t (a int);
SELECT t.a FROM t AS x;
-- expect:
-- error: 42P01

-- case: err2_42703_qualified_missing_column
CREATE TABLE t (a int);
SELECT t.zz FROM t;
-- expect:
-- error: 42703

-- case: err2_42703_returning_missing_column
CREATE TABLE t (a int);
INSERT INTO t VALUES (1) RETURNING zz;
-- expect:
-- error: 42703

-- case: err2_42703_double_quoted_string_mistake
CREATE TABLE t (a text);
SELECT * FROM t WHERE a = "value";
-- expect:
-- error: 42703

-- case: err2_42703_case_sensitive_quoted_column
CREATE TABLE t ("Name" text);
SELECT name FROM t;
-- expect:
-- error: 42703

-- case: err2_42703_group_by_output_alias_in_where
SELECT x * 2 AS doubled FROM generate_series(1, 3) x WHERE doubled > 2;
-- expect:
-- error: 42703

-- case: err2_42702_ambiguous_in_join_where
CREATE TABLE a (id int, v int);
CREATE TABLE b (id int, v int);
SELECT id FROM a JOIN b ON a.id = b.id;
-- expect:
-- error: 42702

-- case: err2_42702_ambiguous_order_by_output
SELECT 1 AS x, 2 AS x ORDER BY x;
-- expect:
-- error: 42702

-- case: err2_42P07_create_index_name_clash_with_table
CREATE TABLE t (a int);
CREATE INDEX t ON t (a);
-- expect:
-- error: 42P07

-- case: err2_42P07_create_view_existing
CREATE TABLE t (a int);
CREATE VIEW t AS SELECT 1;
-- expect:
-- error: 42P07

-- case: err2_42P07_rename_index_to_existing
CREATE TABLE t (a int, b int);
CREATE INDEX i1 ON t (a);
CREATE INDEX i2 ON t (b);
ALTER INDEX i1 RENAME TO i2;
-- expect:
-- error: 42P07

-- case: err2_42710_duplicate_role
CREATE ROLE compat_p_e01;
CREATE ROLE compat_p_e01;
-- cleanup:
DROP ROLE IF EXISTS compat_p_e01;
-- expect:
-- error: 42710

-- case: err2_42710_duplicate_constraint
CREATE TABLE t (a int, CONSTRAINT c UNIQUE (a));
ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);
-- expect:
-- error: 42710

-- case: err2_42710_duplicate_trigger
CREATE TABLE t (a int);
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();
CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();
-- expect:
-- error: 42710

-- case: err2_42704_unknown_type
CREATE TABLE t (a no_such_type_zz);
-- expect:
-- error: 42704

-- case: err2_42704_unknown_type_cast
SELECT 1::no_such_type_zz;
-- expect:
-- error: 42704

-- case: err2_42704_drop_type_missing
DROP TYPE no_such_type_zz;
-- expect:
-- error: 42704

-- case: err2_42704_drop_index_missing
DROP INDEX no_such_index_zz;
-- expect:
-- error: 42704

-- case: err2_42704_unknown_collation
SELECT 'a' COLLATE "no_such_collation_zz";
-- expect:
-- error: 42704

-- case: err2_42P01_drop_sequence_missing
DROP SEQUENCE no_such_seq_zz;
-- expect:
-- error: 42P01

-- case: err2_42P01_nextval_missing_sequence
SELECT nextval('no_such_seq_zz');
-- expect:
-- error: 42P01

-- case: err2_42883_function_wrong_arg_count
SELECT lower('a', 'b');
-- expect:
-- error: 42883

-- case: err2_42883_operator_int_text
SELECT 1 + 'a'::text;
-- expect:
-- error: 42883

-- case: err2_42883_operator_bool_int
SELECT true + 1;
-- expect:
-- error: 42883

-- case: err2_42883_date_plus_date
SELECT date '2024-01-01' + date '2024-01-02';
-- expect:
-- error: 42883

-- case: err2_42883_jsonb_arrow_int_on_json_text
SELECT '{"a":1}'::text -> 'a';
-- expect:
-- error: 42883

-- case: err2_42883_drop_function_missing
DROP FUNCTION no_such_fn_zz(int);
-- expect:
-- error: 42883

-- case: err2_42725_ambiguous_function
CREATE FUNCTION f(a int, b text) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION f(a text, b int) RETURNS int LANGUAGE sql AS 'SELECT 2';
SELECT f('1', '2');
-- expect:
-- error: 42725

-- case: err2_42725_ambiguous_operator_unknown
SELECT 'a' || 'b' = 'ab' AND '1' + '2' = 3;
-- expect:
-- error: 42725

-- case: err2_42804_where_not_boolean
SELECT 1 WHERE 1;
-- expect:
-- error: 42804

-- case: err2_42804_having_not_boolean
SELECT count(*) FROM generate_series(1, 3) HAVING count(*);
-- expect:
-- error: 42804

-- case: err2_42804_case_branch_types
SELECT CASE WHEN true THEN 1 ELSE false END;
-- expect:
-- error: 42804

-- case: err2_42804_coalesce_int_text
SELECT COALESCE(1, 'a'::text);
-- expect:
-- error: 42804

-- case: err2_42804_array_elements_mismatch
SELECT ARRAY[1, 'a'::text];
-- expect:
-- error: 42804

-- case: err2_42804_update_set_wrong_type
CREATE TABLE t (a int);
UPDATE t SET a = true;
-- expect:
-- error: 42804

-- case: err2_42804_insert_bool_into_int
CREATE TABLE t (a int);
INSERT INTO t VALUES (true);
-- expect:
-- error: 42804

-- case: err2_42P18_untyped_null_array
SELECT ARRAY[];
-- expect:
-- error: 42P18

-- case: err2_array_append_unknowns_resolve_text
SELECT array_append(NULL, NULL);
-- expect:
-- columns: ["array_append"]
-- types: ["text[]"]
-- row: ["{NULL}"]
-- tag: SELECT 1

-- case: err2_22P02_int_empty_string
SELECT ''::int;
-- expect:
-- error: 22P02

-- case: err2_22P02_bool_invalid
SELECT 'maybe'::boolean;
-- expect:
-- error: 22P02

-- case: err2_22P02_numeric_invalid
SELECT '1.2.3'::numeric;
-- expect:
-- error: 22P02

-- case: err2_22P02_uuid_invalid
SELECT 'not-a-uuid'::uuid;
-- expect:
-- error: 22P02

-- case: err2_22P02_json_invalid
SELECT '{"a": }'::json;
-- expect:
-- error: 22P02

-- case: err2_22P02_array_literal_malformed
SELECT '{1,2'::int[];
-- expect:
-- error: 22P02

-- case: err2_22P02_inet_invalid
SELECT '300.1.1.1'::inet;
-- expect:
-- error: 22P02

-- case: err2_22P02_enum_invalid_in_where
CREATE TYPE color AS ENUM ('red', 'green');
SELECT 'blue'::color;
-- expect:
-- error: 22P02

-- case: err2_22P02_float_invalid
SELECT 'abc'::float8;
-- expect:
-- error: 22P02

-- case: err2_22003_int4_from_int8
SELECT 3000000000::int8::int4;
-- expect:
-- error: 22003

-- case: err2_22003_int2_mul
SELECT 200::int2 * 200::int2;
-- expect:
-- error: 22003

-- case: err2_22003_numeric_to_int
SELECT 1e20::numeric::int8;
-- expect:
-- error: 22003

-- case: err2_22003_float_to_int
SELECT 1e10::float8::int4;
-- expect:
-- error: 22003

-- case: err2_22003_numeric_typmod_overflow
SELECT 12345.6::numeric(5, 2);
-- expect:
-- error: 22003

-- case: err2_22003_int_literal_too_large
SELECT '99999999999'::int4;
-- expect:
-- error: 22003

-- case: err2_22003_abs_int_min
SELECT abs(-2147483648::int4);
-- expect:
-- error: 22003

-- case: err2_22003_float4_overflow
SELECT '1e39'::float4;
-- expect:
-- error: 22003

-- case: err2_22003_exp_overflow
SELECT exp(1000::float8);
-- expect:
-- error: 22003

-- case: err2_22012_int_div_zero_column
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 0);
SELECT a / b FROM t;
-- expect:
-- error: 22012

-- case: err2_22012_modulo_zero
SELECT 5 % 0;
-- expect:
-- error: 22012

-- case: err2_22012_numeric_mod_zero
SELECT 5.5 % 0;
-- expect:
-- error: 22012

-- case: err2_22012_div_function_zero
SELECT div(5, 0);
-- expect:
-- error: 22012

-- case: err2_22001_char_too_long_insert
CREATE TABLE t (a char(2));
INSERT INTO t VALUES ('abc');
-- expect:
-- error: 22001

-- case: err2_22001_varchar_update
CREATE TABLE t (a varchar(2));
INSERT INTO t VALUES ('ab');
UPDATE t SET a = a || 'c';
-- expect:
-- error: 22001

-- case: err2_22007_date_invalid_format
SELECT 'yesterday-ish'::date;
-- expect:
-- error: 22007

-- case: err2_22007_timestamp_garbage
SELECT 'not a timestamp'::timestamp;
-- expect:
-- error: 22007

-- case: err2_22007_interval_garbage
SELECT 'forever'::interval;
-- expect:
-- error: 22007

-- case: err2_22008_date_field_out_of_range
SELECT '2023-02-29'::date;
-- expect:
-- error: 22008

-- case: err2_22008_time_hour_out_of_range
SELECT '25:00:00'::time;
-- expect:
-- error: 22008

-- case: err2_22008_month_13
SELECT '2024-13-01'::date;
-- expect:
-- error: 22008

-- case: err2_22008_make_date_bad_day
SELECT make_date(2024, 4, 31);
-- expect:
-- error: 22008

-- case: err2_22023_invalid_parameter_value_generate_series
SELECT generate_series(1, 10, 0);
-- expect:
-- error: 22023

-- case: err2_repeat_negative_is_empty_not_error
SELECT repeat('x', -1) AS r;
-- expect:
-- columns: ["r"]
-- types: ["text"]
-- row: [""]
-- tag: SELECT 1

-- case: err2_2201E_log_zero
SELECT log(0);
-- expect:
-- error: 2201E

-- case: err2_2201F_power_negative_fractional
SELECT power(-8::float8, 1.0 / 3);
-- expect:
-- error: 2201F

-- case: err2_22004_null_value_not_allowed_array_fill
SELECT array_fill(1, NULL);
-- expect:
-- error: 22004

-- case: err2_23502_insert_omitted_not_null
CREATE TABLE t (a int NOT NULL, b int);
INSERT INTO t (b) VALUES (1);
-- expect:
-- error: 23502

-- case: err2_23502_pk_column_null
CREATE TABLE t (a int PRIMARY KEY);
INSERT INTO t VALUES (NULL);
-- expect:
-- error: 23502

-- case: err2_23503_insert_child_no_parent
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p);
INSERT INTO c VALUES (1);
-- expect:
-- error: 23503

-- case: err2_23503_composite_fk_partial_match_simple_ok
CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE c (a int, b int, FOREIGN KEY (a, b) REFERENCES p);
INSERT INTO c VALUES (1, NULL);
-- expect:
-- tag: INSERT 0 1

-- case: err2_23505_unique_update
CREATE TABLE t (a int UNIQUE);
INSERT INTO t VALUES (1), (2);
UPDATE t SET a = 1 WHERE a = 2;
-- expect:
-- error: 23505

-- case: err2_23505_same_batch
CREATE TABLE t (a int PRIMARY KEY);
INSERT INTO t VALUES (1), (2), (1);
-- expect:
-- error: 23505

-- case: err2_23514_check_on_insert_multi
CREATE TABLE t (a int CHECK (a BETWEEN 1 AND 10));
INSERT INTO t VALUES (5), (11);
-- expect:
-- error: 23514

-- case: err2_23514_domain_in_table_via_check
CREATE TABLE t (s text CHECK (s ~ '^[a-z]+$'));
INSERT INTO t VALUES ('Abc');
-- expect:
-- error: 23514

-- case: err2_21000_scalar_subquery_in_update
CREATE TABLE t (a int);
CREATE TABLE s (a int);
INSERT INTO t VALUES (1);
INSERT INTO s VALUES (1), (2);
UPDATE t SET a = (SELECT a FROM s);
-- expect:
-- error: 21000

-- case: err2_21000_row_subquery_multiple
SELECT (1, 2) = (SELECT x, x FROM generate_series(1, 2) x);
-- expect:
-- error: 21000

-- case: err2_2BP01_drop_table_with_view
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
DROP TABLE t;
-- expect:
-- error: 2BP01

-- case: err2_2BP01_drop_schema_nonempty
CREATE SCHEMA compat_err2_s;
CREATE TABLE compat_err2_s.t (a int);
DROP SCHEMA compat_err2_s;
-- cleanup:
DROP SCHEMA IF EXISTS compat_err2_s CASCADE;
-- expect:
-- error: 2BP01

-- case: err2_2BP01_drop_role_owning_objects
CREATE ROLE compat_p_e02;
CREATE TABLE t (a int);
ALTER TABLE t OWNER TO compat_p_e02;
DROP ROLE compat_p_e02;
-- cleanup:
DROP OWNED BY compat_p_e02;
DROP ROLE IF EXISTS compat_p_e02;
-- expect:
-- error: 2BP01

-- case: err2_25P02_after_error
BEGIN;
SELECT 1 / 0;
SELECT 1;
-- expect:
-- setup-error: 2 22012
-- error: 25P02

-- case: err2_25001_set_transaction_isolation_after_query
BEGIN;
SELECT 1;
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
-- expect:
-- error: 25001

-- case: err2_25001_create_database_in_block
BEGIN;
CREATE DATABASE compat_err2_never;
-- expect:
-- error: 25001

-- case: err2_25006_insert_in_read_only
CREATE TABLE t (a int);
BEGIN READ ONLY;
INSERT INTO t VALUES (1);
-- expect:
-- error: 25006

-- case: err2_0A000_distinct_for_update
CREATE TABLE t (a int);
SELECT DISTINCT a FROM t FOR UPDATE;
-- expect:
-- error: 0A000

-- case: err2_0A000_alter_type_of_view_column
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
ALTER TABLE t ALTER COLUMN a TYPE bigint;
-- expect:
-- error: 0A000

-- case: err2_42501_non_owner_alter
CREATE ROLE compat_p_e03;
CREATE TABLE t (a int);
GRANT USAGE ON SCHEMA @schema@ TO compat_p_e03;
SET ROLE compat_p_e03;
ALTER TABLE t ADD COLUMN b int;
-- cleanup:
DROP OWNED BY compat_p_e03;
DROP ROLE IF EXISTS compat_p_e03;
-- expect:
-- error: 42501

-- case: err2_3F000_create_table_in_missing_schema
CREATE TABLE no_such_schema_zz.t (a int);
-- expect:
-- error: 3F000

-- case: err2_3F000_set_search_path_ok_but_create_fails
SET search_path = no_such_schema_zz;
CREATE TABLE t (a int);
-- expect:
-- error: 3F000

-- case: err2_3D000_drop_missing_database
DROP DATABASE compat_no_such_db_zz;
-- expect:
-- error: 3D000

-- case: err2_55000_currval_not_yet_defined
CREATE SEQUENCE s;
SELECT currval('s');
-- expect:
-- error: 55000

-- case: err2_55000_lastval_not_yet_defined
SELECT lastval();
-- expect:
-- error: 55000

-- case: err2_0A000_srf_in_case
SELECT CASE WHEN true THEN generate_series(1, 2) END;
-- expect:
-- error: 0A000

-- case: err2_42P10_on_conflict_non_unique
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 2) ON CONFLICT (a) DO NOTHING;
-- expect:
-- error: 42P10

-- case: err2_42P10_order_by_position_zero
SELECT 1 ORDER BY 0;
-- expect:
-- error: 42P10

-- case: err2_42P20_window_in_group_by
SELECT row_number() OVER () FROM generate_series(1, 3) x GROUP BY row_number() OVER ();
-- expect:
-- error: 42P20

-- case: err2_42803_aggregate_in_update_set
CREATE TABLE t (a int);
UPDATE t SET a = max(a);
-- expect:
-- error: 42803

-- case: err2_42803_nested_aggregate_in_having
SELECT 1 FROM generate_series(1, 3) x HAVING sum(count(x)) > 0;
-- expect:
-- error: 42803

-- case: err2_42P02_missing_parameter
SELECT $1;
-- expect:
-- error: 42P02

-- case: err2_0A000_order_by_in_recursive_term
WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r ORDER BY n) SELECT * FROM r;
-- expect:
-- error: 0A000

-- case: err2_42P21_collation_mismatch
SELECT 'a' COLLATE "C" < 'b' COLLATE "POSIX";
-- expect:
-- error: 42P21

-- case: err2_42846_cannot_cast_int_to_date
SELECT 1::date;
-- expect:
-- error: 42846

-- case: err2_42846_cannot_cast_bool_to_date
SELECT true::date;
-- expect:
-- error: 42846

-- case: err2_22023_jsonb_array_to_int
SELECT '[1]'::jsonb::int;
-- expect:
-- error: 22023

-- case: err2_22P02_array_dims_mismatch_literal
SELECT '{{1,2},{3}}'::int[];
-- expect:
-- error: 22P02

-- case: err2_22023_unrecognized_date_part
SELECT date_part('fortnight', date '2024-01-01');
-- expect:
-- error: 22023

-- case: err2_22023_date_trunc_bad_unit
SELECT date_trunc('decadeX', timestamp '2024-01-01');
-- expect:
-- error: 22023

-- case: err2_22P02_to_number_nothing
SELECT to_number('abc', '999');
-- expect:
-- error: 22P02

-- case: err2_22025_like_escape_invalid
SELECT 'abc' LIKE 'a%' ESCAPE 'xy';
-- expect:
-- error: 22025

-- case: err2_2201B_invalid_regex
SELECT 'a' ~ '(';
-- expect:
-- error: 2201B

-- case: err2_22021_invalid_byte_sequence
SELECT convert_from('\xff'::bytea, 'UTF8');
-- expect:
-- error: 22021

-- case: err2_22025_similar_escape_invalid
SELECT 'abc' SIMILAR TO 'a%' ESCAPE 'xx';
-- expect:
-- error: 22025

-- case: err2_jsonb_path_strict_missing_member
SELECT jsonb_path_query('{"a": 1}', 'strict $.b');
-- expect:
-- error: 2203A

-- case: err2_22P02_jsonb_truncated
SELECT '[1, 2'::jsonb;
-- expect:
-- error: 22P02

-- case: err2_set_transaction_outside_block_warning_only
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
-- expect:
-- tag: SET
