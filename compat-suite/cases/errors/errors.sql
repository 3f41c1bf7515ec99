-- Error cases: the expectation is the SQLSTATE PostgreSQL reports.

-- case: err_syntax_error
SELECT FROM WHERE;
-- expect:
-- error: 42601

-- case: err_syntax_missing_paren
SELECT (1 + 2;
-- expect:
-- error: 42601

-- case: err_syntax_trailing_comma
SELECT 1, FROM t;
-- expect:
-- error: 42601

-- case: err_unterminated_string
SELECT 'abc;
-- expect:
-- error: 42601

-- case: err_undefined_table
SELECT * FROM no_such_table;
-- expect:
-- error: 42P01

-- case: err_undefined_column
CREATE TABLE t (a int);
SELECT b FROM t;
-- expect:
-- error: 42703

-- case: err_undefined_column_in_where
CREATE TABLE t (a int);
SELECT a FROM t WHERE zz = 1;
-- expect:
-- error: 42703

-- case: err_ambiguous_column
CREATE TABLE t1 (id int);
CREATE TABLE t2 (id int);
SELECT id FROM t1, t2;
-- expect:
-- error: 42702

-- case: err_duplicate_table
CREATE TABLE t (a int);
CREATE TABLE t (b int);
-- expect:
-- error: 42P07

-- case: err_duplicate_column_in_create
CREATE TABLE t (a int, a text);
-- expect:
-- error: 42701

-- case: err_undefined_function
SELECT nope();
-- expect:
-- error: 42883

-- case: err_operator_does_not_exist
SELECT 1 + 'abc'::text;
-- expect:
-- error: 42883

-- case: err_operator_text_minus
SELECT 'a'::text - 'b'::text;
-- expect:
-- error: 42883

-- case: err_invalid_text_for_int
SELECT 'x1'::int;
-- expect:
-- error: 22P02

-- case: err_invalid_input_in_insert
CREATE TABLE t (a int);
INSERT INTO t VALUES ('abc');
-- expect:
-- error: 22P02

-- case: err_datatype_mismatch_insert
CREATE TABLE t (a int);
INSERT INTO t VALUES (true);
-- expect:
-- error: 42804

-- case: err_datatype_mismatch_compare
SELECT 1 = true;
-- expect:
-- error: 42883

-- case: err_division_by_zero_in_query
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (0);
SELECT 10 / a FROM t;
-- expect:
-- error: 22012

-- case: err_not_null_violation
CREATE TABLE t (a int NOT NULL);
INSERT INTO t VALUES (NULL);
-- expect:
-- error: 23502

-- case: err_unique_violation
CREATE TABLE t (a int UNIQUE);
INSERT INTO t VALUES (1);
INSERT INTO t VALUES (1);
-- expect:
-- error: 23505

-- case: err_pk_violation_multi_row
CREATE TABLE t (a int PRIMARY KEY);
INSERT INTO t VALUES (1), (2), (1);
-- expect:
-- error: 23505

-- case: err_check_violation
CREATE TABLE t (a int CHECK (a > 0));
INSERT INTO t VALUES (-1);
-- expect:
-- error: 23514

-- case: err_fk_violation_insert
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p(id));
INSERT INTO c VALUES (1);
-- expect:
-- error: 23503

-- case: err_fk_violation_delete_parent
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p(id));
INSERT INTO p VALUES (1);
INSERT INTO c VALUES (1);
DELETE FROM p;
-- expect:
-- error: 23503

-- case: err_string_too_long
CREATE TABLE t (s varchar(3));
INSERT INTO t VALUES ('abcd');
-- expect:
-- error: 22001

-- case: err_numeric_out_of_range
SELECT 2147483647 + 1;
-- expect:
-- error: 22003

-- case: err_smallint_out_of_range_cast
SELECT 100000::smallint;
-- expect:
-- error: 22003

-- case: err_numeric_field_overflow
SELECT 99999.9::numeric(5, 1) * 10::numeric(5, 1) AS ok, 12345.6::numeric(4, 1);
-- expect:
-- error: 22003

-- case: err_group_by_missing
CREATE TABLE t (a int, b int);
SELECT a, b FROM t GROUP BY a;
-- expect:
-- error: 42803

-- case: err_aggregate_in_where
CREATE TABLE t (a int);
SELECT a FROM t WHERE sum(a) > 1;
-- expect:
-- error: 42803

-- case: err_nested_aggregate
CREATE TABLE t (a int);
SELECT sum(count(a)) FROM t;
-- expect:
-- error: 42803

-- case: err_window_in_where
CREATE TABLE t (a int);
SELECT a FROM t WHERE row_number() OVER () = 1;
-- expect:
-- error: 42P20

-- case: err_subquery_more_than_one_row
SELECT (SELECT x FROM (VALUES (1), (2)) v(x));
-- expect:
-- error: 21000

-- case: err_subquery_too_many_columns
SELECT (SELECT 1, 2);
-- expect:
-- error: 42601

-- case: err_union_column_count
SELECT 1 UNION SELECT 1, 2;
-- expect:
-- error: 42601

-- case: err_union_type_mismatch
SELECT 1 UNION SELECT 'a'::text;
-- expect:
-- error: 42804

-- case: err_insert_too_many_values
CREATE TABLE t (a int);
INSERT INTO t VALUES (1, 2);
-- expect:
-- error: 42601

-- case: err_insert_unknown_column
CREATE TABLE t (a int);
INSERT INTO t (b) VALUES (1);
-- expect:
-- error: 42703

-- case: err_update_unknown_column
CREATE TABLE t (a int);
UPDATE t SET b = 1;
-- expect:
-- error: 42703

-- case: err_drop_missing_table
DROP TABLE no_such;
-- expect:
-- error: 42P01

-- case: err_drop_if_exists_ok
DROP TABLE IF EXISTS no_such;
-- expect:
-- tag: DROP TABLE

-- case: err_drop_table_with_dependents
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
DROP TABLE t;
-- expect:
-- error: 2BP01

-- case: err_invalid_schema
SELECT * FROM nosuchschema.t;
-- expect:
-- error: 42P01

-- case: err_create_schema_duplicate
CREATE SCHEMA sx;
CREATE SCHEMA sx;
-- expect:
-- error: 42P06

-- case: err_reserved_word_as_name
CREATE TABLE select (a int);
-- expect:
-- error: 42601

-- case: err_order_by_position_out_of_range
SELECT 1 ORDER BY 2;
-- expect:
-- error: 42P10

-- case: err_limit_negative
SELECT 1 LIMIT -1;
-- expect:
-- error: 2201W

-- case: err_distinct_on_order_mismatch
CREATE TABLE t (a int, b int);
SELECT DISTINCT ON (a) a, b FROM t ORDER BY b;
-- expect:
-- error: 42P10

-- case: err_select_distinct_order_by_not_in_list
CREATE TABLE t (a int, b int);
SELECT DISTINCT a FROM t ORDER BY b;
-- expect:
-- error: 42P10

-- case: err_invalid_regex
SELECT 'a' ~ '(';
-- expect:
-- error: 2201B

-- case: err_array_subscript_type
SELECT (ARRAY[1, 2])['x'];
-- expect:
-- error: 22P02

-- case: err_array_dimension_mismatch
SELECT ARRAY[[1, 2], [3]];
-- expect:
-- error: 2202E

-- case: err_invalid_escape_like
SELECT 'a' LIKE 'a\';
-- expect:
-- columns: ["?column?"]
-- types: ["bool"]
-- row: ["f"]
-- tag: SELECT 1

-- case: err_cannot_cast_jsonb_to_int
SELECT '{"a":1}'::jsonb::int;
-- expect:
-- error: 22023

-- case: err_case_type_mismatch
SELECT CASE WHEN true THEN 1 ELSE 'x'::text END;
-- expect:
-- error: 42804

-- case: err_in_list_type_mismatch
SELECT 1 IN ('a'::text, 'b'::text);
-- expect:
-- error: 42883

-- case: err_timestamp_out_of_range
SELECT '294277-01-01'::timestamp;
-- expect:
-- error: 22008

-- case: err_invalid_time_zone
SET TimeZone = 'Not/AZone';
-- expect:
-- error: 22023

-- case: err_unrecognized_parameter
SET no_such_parameter = 1;
-- expect:
-- error: 42704

-- case: err_show_unrecognized_parameter
SHOW no_such_parameter;
-- expect:
-- error: 42704

-- case: err_column_does_not_exist_in_order_by
CREATE TABLE t (a int);
SELECT a FROM t ORDER BY nope;
-- expect:
-- error: 42703

-- case: err_column_reference_in_values_default
CREATE TABLE t (a int DEFAULT 5, b int);
INSERT INTO t VALUES (DEFAULT, DEFAULT);
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["5", null]
-- tag: SELECT 1

-- case: err_insert_generated_identity_always
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text);
INSERT INTO t (id, v) VALUES (5, 'x');
-- expect:
-- error: 428C9

-- case: err_update_generated_identity_always
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text);
INSERT INTO t (v) VALUES ('x');
UPDATE t SET id = 9;
-- expect:
-- error: 428C9

-- case: err_sequence_max_reached
CREATE SEQUENCE s MAXVALUE 2;
SELECT nextval('s');
SELECT nextval('s');
SELECT nextval('s');
-- expect:
-- error: 2200H

-- case: err_null_in_pk
CREATE TABLE t (id int PRIMARY KEY);
INSERT INTO t VALUES (NULL);
-- expect:
-- error: 23502

-- case: err_fk_to_non_unique
CREATE TABLE p (id int);
CREATE TABLE c (pid int REFERENCES p(id));
-- expect:
-- error: 42830

-- case: err_alter_add_column_duplicate
CREATE TABLE t (a int);
ALTER TABLE t ADD COLUMN a int;
-- expect:
-- error: 42701

-- case: err_alter_column_type_invalid_cast
CREATE TABLE t (a text);
INSERT INTO t VALUES ('x');
ALTER TABLE t ALTER COLUMN a TYPE int USING a::int;
-- expect:
-- error: 22P02

-- case: err_set_not_null_with_nulls
CREATE TABLE t (a int);
INSERT INTO t VALUES (NULL);
ALTER TABLE t ALTER COLUMN a SET NOT NULL;
-- expect:
-- error: 23502

-- case: err_add_check_violated_by_rows
CREATE TABLE t (a int);
INSERT INTO t VALUES (-5);
ALTER TABLE t ADD CONSTRAINT pos CHECK (a > 0);
-- expect:
-- error: 23514

-- case: err_add_unique_violated_by_rows
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (1);
ALTER TABLE t ADD UNIQUE (a);
-- expect:
-- error: 23505

-- case: err_insert_into_view_with_aggregate
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT count(*) AS c FROM t;
INSERT INTO v VALUES (1);
-- expect:
-- error: 55000

-- case: err_create_index_on_missing_column
CREATE TABLE t (a int);
CREATE INDEX ON t (zz);
-- expect:
-- error: 42703

-- case: err_truncate_referenced_table
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p(id));
TRUNCATE p;
-- expect:
-- error: 0A000

-- case: err_on_conflict_no_constraint
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 1) ON CONFLICT (a) DO NOTHING;
-- expect:
-- error: 42P10

-- case: err_on_conflict_affect_row_twice
CREATE TABLE t (a int PRIMARY KEY, b int);
INSERT INTO t VALUES (1, 1), (1, 2) ON CONFLICT (a) DO UPDATE SET b = excluded.b;
-- expect:
-- error: 21000

-- case: err_column_ambiguous_in_using_join
CREATE TABLE a (id int, v int);
CREATE TABLE b (id int, v int);
SELECT v FROM a JOIN b USING (id);
-- expect:
-- error: 42702

-- case: err_missing_from_clause_entry
CREATE TABLE t (a int);
SELECT x.a FROM t;
-- expect:
-- error: 42P01

-- case: err_table_alias_hides_name
CREATE TABLE t (a int);
SELECT t.a FROM t AS x;
-- expect:
-- error: 42P01

-- case: err_having_without_group_column
CREATE TABLE t (a int, b int);
SELECT a FROM t HAVING count(*) > 0;
-- expect:
-- error: 42803

-- case: err_too_many_args_to_function
SELECT upper('a', 'b');
-- expect:
-- error: 42883

-- case: err_invalid_interval_unit
SELECT date_trunc('fortnight', timestamp '2024-01-01');
-- expect:
-- error: 22023

-- case: err_set_returning_in_where
SELECT 1 WHERE generate_series(1, 2) > 1;
-- expect:
-- error: 0A000

-- case: err_invalid_json_path
SELECT jsonb_path_query('{}', '$$$');
-- expect:
-- error: 42601

-- case: err_invalid_uuid_length
SELECT '1234'::uuid;
-- expect:
-- error: 22P02

-- case: err_varchar_zero_length
CREATE TABLE t (a varchar(0));
-- expect:
-- error: 22023

-- case: err_numeric_precision_invalid
SELECT 1::numeric(1001, 0);
-- expect:
-- error: 22023

-- case: err_recursive_cte_without_recursive
WITH r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r;
-- expect:
-- error: 42P01

-- case: err_cte_duplicate_name
WITH a AS (SELECT 1), a AS (SELECT 2) SELECT * FROM a;
-- expect:
-- error: 42712

-- case: err_drop_column_last_used_in_view
CREATE TABLE t (a int, b int);
CREATE VIEW v AS SELECT b FROM t;
ALTER TABLE t DROP COLUMN b;
-- expect:
-- error: 2BP01

-- case: err_rename_to_existing_column
CREATE TABLE t (a int, b int);
ALTER TABLE t RENAME COLUMN a TO b;
-- expect:
-- error: 42701

-- case: err_create_type_duplicate
CREATE TYPE e AS ENUM ('x');
CREATE TYPE e AS ENUM ('y');
-- expect:
-- error: 42710

-- case: err_division_by_zero_float_column
SELECT 1.5::float8 / 0::float8;
-- expect:
-- error: 22012

-- case: err_log_of_negative
SELECT log(-10);
-- expect:
-- error: 2201E

-- case: err_invalid_base64
SELECT decode('@@@', 'base64');
-- expect:
-- error: 22023

-- case: err_string_literal_in_int_column_default
CREATE TABLE t (a int DEFAULT 'abc');
-- expect:
-- error: 22P02
