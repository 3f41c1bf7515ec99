-- DDL, part 2: ALTER TABLE variants, constraints and their error codes, sequences and identity,
-- defaults with functions, TRUNCATE, domains, enums, views, indexes, schemas.

-- case: ddl2_alter_add_column_with_default_backfills
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
ALTER TABLE t ADD COLUMN b text DEFAULT 'dflt';
SELECT a, b FROM t ORDER BY a;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["1", "dflt"]
-- row: ["2", "dflt"]
-- tag: SELECT 2

-- case: ddl2_alter_add_column_not_null_no_default_nonempty
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
ALTER TABLE t ADD COLUMN b int NOT NULL;
-- expect:
-- error: 23502

-- case: ddl2_alter_add_column_not_null_with_default
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
ALTER TABLE t ADD COLUMN b int NOT NULL DEFAULT 7;
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", "7"]
-- tag: SELECT 1

-- case: ddl2_alter_add_column_not_null_empty_table_ok
CREATE TABLE t (a int);
ALTER TABLE t ADD COLUMN b int NOT NULL;
-- expect:
-- tag: ALTER TABLE

-- case: ddl2_alter_multiple_actions
CREATE TABLE t (a int, b int);
ALTER TABLE t ADD COLUMN c int DEFAULT 0, DROP COLUMN b, ALTER COLUMN a SET NOT NULL;
SELECT attname, attnotnull FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;
-- expect:
-- columns: ["attname", "attnotnull"]
-- types: ["name", "bool"]
-- row: ["a", "t"]
-- row: ["c", "f"]
-- tag: SELECT 2

-- case: ddl2_alter_column_type_text_to_int_needs_using
CREATE TABLE t (a text);
INSERT INTO t VALUES ('1');
ALTER TABLE t ALTER COLUMN a TYPE int;
-- expect:
-- error: 42804

-- case: ddl2_alter_column_type_using_expression
CREATE TABLE t (a text);
INSERT INTO t VALUES ('12'), ('7');
ALTER TABLE t ALTER COLUMN a TYPE int USING a::int * 2;
SELECT a, pg_typeof(a) AS ty FROM t ORDER BY a;
-- expect:
-- columns: ["a", "ty"]
-- types: ["int4", "regtype"]
-- row: ["14", "integer"]
-- row: ["24", "integer"]
-- tag: SELECT 2

-- case: ddl2_alter_column_type_varchar_shrink_fails
CREATE TABLE t (a varchar(10));
INSERT INTO t VALUES ('abcdefgh');
ALTER TABLE t ALTER COLUMN a TYPE varchar(3);
-- expect:
-- error: 22001

-- case: ddl2_alter_column_type_int_to_bigint
CREATE TABLE t (a int);
INSERT INTO t VALUES (5);
ALTER TABLE t ALTER COLUMN a TYPE bigint;
SELECT a + 9223372036854775800 AS big FROM t;
-- expect:
-- columns: ["big"]
-- types: ["int8"]
-- row: ["9223372036854775805"]
-- tag: SELECT 1

-- case: ddl2_alter_column_type_numeric_rounds
CREATE TABLE t (a numeric);
INSERT INTO t VALUES (1.005), (2.4449);
ALTER TABLE t ALTER COLUMN a TYPE numeric(5, 2);
SELECT a FROM t ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["numeric"]
-- row: ["1.01"]
-- row: ["2.44"]
-- tag: SELECT 2

-- case: ddl2_alter_rename_constraint
CREATE TABLE t (a int CONSTRAINT old_c CHECK (a > 0));
ALTER TABLE t RENAME CONSTRAINT old_c TO new_c;
SELECT conname FROM pg_constraint WHERE conrelid = 't'::regclass;
-- expect:
-- columns: ["conname"]
-- types: ["name"]
-- row: ["new_c"]
-- tag: SELECT 1

-- case: ddl2_alter_drop_constraint_missing
CREATE TABLE t (a int);
ALTER TABLE t DROP CONSTRAINT nope;
-- expect:
-- error: 42704

-- case: ddl2_alter_drop_constraint_if_exists
CREATE TABLE t (a int);
ALTER TABLE t DROP CONSTRAINT IF EXISTS nope;
-- expect:
-- tag: ALTER TABLE

-- case: ddl2_alter_add_constraint_duplicate_name
CREATE TABLE t (a int CONSTRAINT c1 CHECK (a > 0));
ALTER TABLE t ADD CONSTRAINT c1 CHECK (a < 100);
-- expect:
-- error: 42710

-- case: ddl2_alter_add_pk_with_duplicates_fails
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (1);
ALTER TABLE t ADD PRIMARY KEY (a);
-- expect:
-- error: 23505

-- case: ddl2_alter_add_second_pk_fails
CREATE TABLE t (a int PRIMARY KEY, b int);
ALTER TABLE t ADD PRIMARY KEY (b);
-- expect:
-- error: 42P16

-- case: ddl2_alter_add_fk_violated_by_rows
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int);
INSERT INTO c VALUES (5);
ALTER TABLE c ADD FOREIGN KEY (pid) REFERENCES p (id);
-- expect:
-- error: 23503

-- case: ddl2_alter_add_fk_not_valid_then_validate_fails
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int);
INSERT INTO c VALUES (5);
ALTER TABLE c ADD CONSTRAINT c_fk FOREIGN KEY (pid) REFERENCES p (id) NOT VALID;
ALTER TABLE c VALIDATE CONSTRAINT c_fk;
-- expect:
-- error: 23503

-- case: ddl2_alter_set_default_function
CREATE TABLE t (a int, b text);
ALTER TABLE t ALTER COLUMN b SET DEFAULT upper('abc') || '-' || 1;
INSERT INTO t (a) VALUES (1);
SELECT b FROM t;
-- expect:
-- columns: ["b"]
-- types: ["text"]
-- row: ["ABC-1"]
-- tag: SELECT 1

-- case: ddl2_default_references_other_column_error
CREATE TABLE t (a int, b int DEFAULT a + 1);
-- expect:
-- error: 0A000

-- case: ddl2_default_subquery_error
CREATE TABLE t (a int DEFAULT (SELECT 1));
-- expect:
-- error: 0A000

-- case: ddl2_default_nextval_shared_sequence
CREATE SEQUENCE s;
CREATE TABLE t1 (id int DEFAULT nextval('s'), n text);
CREATE TABLE t2 (id int DEFAULT nextval('s'), n text);
INSERT INTO t1 (n) VALUES ('a');
INSERT INTO t2 (n) VALUES ('b');
INSERT INTO t1 (n) VALUES ('c');
SELECT n, id FROM t1 UNION ALL SELECT n, id FROM t2 ORDER BY id;
-- expect:
-- columns: ["n", "id"]
-- types: ["text", "int4"]
-- row: ["a", "1"]
-- row: ["b", "2"]
-- row: ["c", "3"]
-- tag: SELECT 3

-- case: ddl2_default_current_date_type
CREATE TABLE t (a int, d date DEFAULT current_date);
INSERT INTO t (a) VALUES (1);
SELECT d = current_date AS today FROM t;
-- expect:
-- columns: ["today"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: ddl2_alter_rename_column_missing
CREATE TABLE t (a int);
ALTER TABLE t RENAME COLUMN zz TO b;
-- expect:
-- error: 42703

-- case: ddl2_alter_rename_table_to_existing
CREATE TABLE a (x int);
CREATE TABLE b (x int);
ALTER TABLE a RENAME TO b;
-- expect:
-- error: 42P07

-- case: ddl2_alter_set_schema
CREATE SCHEMA compat_ddl2_other;
CREATE TABLE t (a int);
ALTER TABLE t SET SCHEMA compat_ddl2_other;
SELECT table_schema, table_name FROM information_schema.tables WHERE table_name = 't' AND table_schema IN ('compat_ddl2_other', current_schema());
-- cleanup:
DROP SCHEMA IF EXISTS compat_ddl2_other CASCADE;
-- expect:
-- columns: ["table_schema", "table_name"]
-- types: ["name", "name"]
-- row: ["compat_ddl2_other", "t"]
-- tag: SELECT 1

-- case: ddl2_drop_column_in_index_drops_index
CREATE TABLE t (a int, b int);
CREATE INDEX t_b ON t (b);
ALTER TABLE t DROP COLUMN b;
SELECT count(*) AS n FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 't_b';
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: ddl2_drop_column_in_view_fails
CREATE TABLE t (a int, b int);
CREATE VIEW v AS SELECT b FROM t;
ALTER TABLE t DROP COLUMN b;
-- expect:
-- error: 2BP01

-- case: ddl2_drop_column_cascade_drops_view
CREATE TABLE t (a int, b int);
CREATE VIEW v AS SELECT b FROM t;
ALTER TABLE t DROP COLUMN b CASCADE;
SELECT count(*) AS n FROM pg_views WHERE schemaname = current_schema();
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: ddl2_create_table_duplicate_constraint_name
CREATE TABLE t (a int CONSTRAINT c CHECK (a > 0), b int CONSTRAINT c CHECK (b > 0));
-- expect:
-- error: 42710

-- case: ddl2_check_constraint_references_other_table_error
CREATE TABLE o (x int);
CREATE TABLE t (a int CHECK (a IN (SELECT x FROM o)));
-- expect:
-- error: 0A000

-- case: ddl2_check_multi_column_named_violation
CREATE TABLE t (a int, b int, CONSTRAINT a_lt_b CHECK (a < b));
INSERT INTO t VALUES (2, 1);
-- expect:
-- error: 23514

-- case: ddl2_unique_multi_column_nulls
CREATE TABLE t (a int, b int, UNIQUE (a, b));
INSERT INTO t VALUES (1, NULL), (1, NULL), (1, 2);
SELECT count(*) AS n FROM t;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["3"]
-- tag: SELECT 1

-- case: ddl2_unique_multi_column_violation
CREATE TABLE t (a int, b int, UNIQUE (a, b));
INSERT INTO t VALUES (1, 2);
INSERT INTO t VALUES (1, 2);
-- expect:
-- error: 23505

-- case: ddl2_fk_to_unique_column_ok
CREATE TABLE p (code text UNIQUE);
CREATE TABLE c (code text REFERENCES p (code));
INSERT INTO p VALUES ('a');
INSERT INTO c VALUES ('a'), (NULL);
-- expect:
-- tag: INSERT 0 2

-- case: ddl2_fk_type_mismatch_error
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid text REFERENCES p (id));
-- expect:
-- error: 42804

-- case: ddl2_fk_update_parent_no_action
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p);
INSERT INTO p VALUES (1);
INSERT INTO c VALUES (1);
UPDATE p SET id = 2;
-- expect:
-- error: 23503

-- case: ddl2_fk_delete_cascade_multi_level
CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY, aid int REFERENCES a ON DELETE CASCADE);
CREATE TABLE c (id int PRIMARY KEY, bid int REFERENCES b ON DELETE CASCADE);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (10, 1), (20, 2);
INSERT INTO c VALUES (100, 10), (200, 20);
DELETE FROM a WHERE id = 1;
SELECT (SELECT count(*) FROM b) AS b_n, (SELECT count(*) FROM c) AS c_n;
-- expect:
-- columns: ["b_n", "c_n"]
-- types: ["int8", "int8"]
-- row: ["1", "1"]
-- tag: SELECT 1

-- case: ddl2_fk_self_referencing
CREATE TABLE node (id int PRIMARY KEY, parent int REFERENCES node (id));
INSERT INTO node VALUES (1, NULL), (2, 1);
INSERT INTO node VALUES (3, 99);
-- expect:
-- error: 23503

-- case: ddl2_fk_drop_referenced_table_fails
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p);
DROP TABLE p;
-- expect:
-- error: 2BP01

-- case: ddl2_fk_drop_referenced_table_cascade
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p);
DROP TABLE p CASCADE;
SELECT count(*) AS fks FROM pg_constraint WHERE conrelid = 'c'::regclass AND contype = 'f';
-- expect:
-- columns: ["fks"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: ddl2_sequence_nextval_sequence_of_values
CREATE SEQUENCE s START 3 INCREMENT 4;
SELECT nextval('s') AS a, nextval('s') AS b, nextval('s') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int8", "int8", "int8"]
-- row: ["3", "7", "11"]
-- tag: SELECT 1

-- case: ddl2_sequence_setval_is_called_false
CREATE SEQUENCE s;
SELECT setval('s', 10, false) AS sv, nextval('s') AS n1, nextval('s') AS n2;
-- expect:
-- columns: ["sv", "n1", "n2"]
-- types: ["int8", "int8", "int8"]
-- row: ["10", "10", "11"]
-- tag: SELECT 1

-- case: ddl2_sequence_minvalue_exceeded_desc
CREATE SEQUENCE s INCREMENT -1 MINVALUE 1 MAXVALUE 2 START 2;
SELECT nextval('s');
SELECT nextval('s');
SELECT nextval('s');
-- expect:
-- error: 2200H

-- case: ddl2_sequence_as_smallint_max
CREATE SEQUENCE s AS smallint START 32767;
SELECT nextval('s');
SELECT nextval('s');
-- expect:
-- error: 2200H

-- case: ddl2_sequence_start_out_of_range
CREATE SEQUENCE s MINVALUE 10 START 5;
-- expect:
-- error: 22023

-- case: ddl2_sequence_alter_increment
CREATE SEQUENCE s;
SELECT nextval('s');
ALTER SEQUENCE s INCREMENT BY 10;
SELECT nextval('s') AS n;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["11"]
-- tag: SELECT 1

-- case: ddl2_sequence_duplicate_name
CREATE SEQUENCE s;
CREATE SEQUENCE s;
-- expect:
-- error: 42P07

-- case: ddl2_sequence_if_not_exists
CREATE SEQUENCE s;
CREATE SEQUENCE IF NOT EXISTS s;
-- expect:
-- tag: CREATE SEQUENCE

-- case: ddl2_sequence_owned_by_dropped_with_table
CREATE TABLE t (a int);
CREATE SEQUENCE s OWNED BY t.a;
DROP TABLE t;
SELECT to_regclass('s') IS NULL AS gone;
-- expect:
-- columns: ["gone"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: ddl2_serial_sequence_dropped_with_table
CREATE TABLE t (id serial);
DROP TABLE t;
SELECT to_regclass('t_id_seq') IS NULL AS gone;
-- expect:
-- columns: ["gone"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: ddl2_identity_add_to_existing_column
CREATE TABLE t (id int NOT NULL, v text);
ALTER TABLE t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
INSERT INTO t (v) VALUES ('a'), ('b');
SELECT id, v FROM t ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "b"]
-- tag: SELECT 2

-- case: ddl2_identity_on_nullable_column_error
CREATE TABLE t (id int, v text);
ALTER TABLE t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
-- expect:
-- error: 55000

-- case: ddl2_identity_restart
CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY, v text);
INSERT INTO t (v) VALUES ('a'), ('b');
ALTER TABLE t ALTER COLUMN id RESTART WITH 100;
INSERT INTO t (v) VALUES ('c');
SELECT id, v FROM t ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "b"]
-- row: ["100", "c"]
-- tag: SELECT 3

-- case: ddl2_identity_by_default_explicit_value_collision
CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v text);
INSERT INTO t (id, v) VALUES (1, 'manual');
INSERT INTO t (v) VALUES ('auto');
-- expect:
-- error: 23505

-- case: ddl2_identity_drop
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text);
ALTER TABLE t ALTER COLUMN id DROP IDENTITY;
INSERT INTO t (v) VALUES ('x');
-- expect:
-- error: 23502

-- case: ddl2_identity_set_generated_by_default
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text);
ALTER TABLE t ALTER COLUMN id SET GENERATED BY DEFAULT;
INSERT INTO t (id, v) VALUES (50, 'x') RETURNING id;
-- expect:
-- columns: ["id"]
-- types: ["int4"]
-- row: ["50"]
-- tag: INSERT 0 1

-- case: ddl2_identity_on_text_column_error
CREATE TABLE t (id text GENERATED ALWAYS AS IDENTITY);
-- expect:
-- error: 22023

-- case: ddl2_generated_column_cannot_insert
CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1) STORED);
INSERT INTO t (a, b) VALUES (1, 5);
-- expect:
-- error: 428C9

-- case: ddl2_generated_column_updates_with_base
CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 10) STORED);
INSERT INTO t (a) VALUES (1);
UPDATE t SET a = 4;
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["4", "40"]
-- tag: SELECT 1

-- case: ddl2_generated_column_volatile_error
CREATE TABLE t (a int, b float8 GENERATED ALWAYS AS (random()) STORED);
-- expect:
-- error: 42P17

-- case: ddl2_truncate_restart_identity_serial
CREATE TABLE t (id serial, v text);
INSERT INTO t (v) VALUES ('a'), ('b');
TRUNCATE t RESTART IDENTITY;
INSERT INTO t (v) VALUES ('c');
SELECT id, v FROM t;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["1", "c"]
-- tag: SELECT 1

-- case: ddl2_truncate_continue_identity_default
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text);
INSERT INTO t (v) VALUES ('a'), ('b');
TRUNCATE t;
INSERT INTO t (v) VALUES ('c');
SELECT id, v FROM t;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["3", "c"]
-- tag: SELECT 1

-- case: ddl2_truncate_multiple_tables
CREATE TABLE a (x int);
CREATE TABLE b (x int);
INSERT INTO a VALUES (1);
INSERT INTO b VALUES (1);
TRUNCATE a, b;
SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM b) AS n;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: ddl2_truncate_referenced_both_ok
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p);
INSERT INTO p VALUES (1);
INSERT INTO c VALUES (1);
TRUNCATE p, c;
-- expect:
-- tag: TRUNCATE TABLE

-- case: ddl2_truncate_tag_with_table_keyword
CREATE TABLE t (a int);
TRUNCATE TABLE t;
-- expect:
-- tag: TRUNCATE TABLE

-- case: ddl2_truncate_missing_table
TRUNCATE no_such_table_zz;
-- expect:
-- error: 42P01

-- case: ddl2_domain_check_violation
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE TABLE t (a posint);
INSERT INTO t VALUES (0);
-- expect:
-- error: 23514

-- case: ddl2_domain_not_null_violation
CREATE DOMAIN nn AS text NOT NULL;
SELECT NULL::nn;
-- expect:
-- error: 23502

-- case: ddl2_domain_cast_literal_ok
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
SELECT 5::posint AS v, pg_typeof(5::posint) AS t;
-- expect:
-- columns: ["v", "t"]
-- types: ["int4", "regtype"]
-- row: ["5", "posint"]
-- tag: SELECT 1

-- case: ddl2_domain_default
CREATE DOMAIN status AS text DEFAULT 'new';
CREATE TABLE t (id int, s status);
INSERT INTO t (id) VALUES (1);
SELECT s FROM t;
-- expect:
-- columns: ["s"]
-- types: ["text"]
-- row: ["new"]
-- tag: SELECT 1

-- case: ddl2_drop_domain_in_use_fails
CREATE DOMAIN d AS int;
CREATE TABLE t (a d);
DROP DOMAIN d;
-- expect:
-- error: 2BP01

-- case: ddl2_enum_alter_add_value_if_not_exists
CREATE TYPE e AS ENUM ('a', 'b');
ALTER TYPE e ADD VALUE IF NOT EXISTS 'a';
SELECT enum_range(NULL::e) AS r;
-- expect:
-- columns: ["r"]
-- types: ["user"]
-- row: ["{a,b}"]
-- tag: SELECT 1

-- case: ddl2_enum_add_duplicate_error
CREATE TYPE e AS ENUM ('a', 'b');
ALTER TYPE e ADD VALUE 'a';
-- expect:
-- error: 42710

-- case: ddl2_enum_rename_value
CREATE TYPE e AS ENUM ('a', 'b');
ALTER TYPE e RENAME VALUE 'b' TO 'bee';
SELECT enum_range(NULL::e) AS r;
-- expect:
-- columns: ["r"]
-- types: ["user"]
-- row: ["{a,bee}"]
-- tag: SELECT 1

-- case: ddl2_drop_type_in_use_fails
CREATE TYPE e AS ENUM ('a');
CREATE TABLE t (x e);
DROP TYPE e;
-- expect:
-- error: 2BP01

-- case: ddl2_composite_type_column
CREATE TYPE pt AS (x int, y int);
CREATE TABLE t (id int, p pt);
INSERT INTO t VALUES (1, ROW(3, 4));
SELECT (p).x + (p).y AS s, p FROM t;
-- expect:
-- columns: ["s", "p"]
-- types: ["int4", "user"]
-- row: ["7", "(3,4)"]
-- tag: SELECT 1

-- case: ddl2_create_view_column_names
CREATE TABLE t (a int, b int);
CREATE VIEW v (x, y) AS SELECT a, b FROM t;
SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'v' ORDER BY ordinal_position;
-- expect:
-- columns: ["column_name"]
-- types: ["name"]
-- row: ["x"]
-- row: ["y"]
-- tag: SELECT 2

-- case: ddl2_create_or_replace_view_drop_column_error
CREATE TABLE t (a int, b int);
CREATE VIEW v AS SELECT a, b FROM t;
CREATE OR REPLACE VIEW v AS SELECT a FROM t;
-- expect:
-- error: 42P16

-- case: ddl2_create_or_replace_view_add_column_ok
CREATE TABLE t (a int, b int);
CREATE VIEW v AS SELECT a FROM t;
CREATE OR REPLACE VIEW v AS SELECT a, b FROM t;
-- expect:
-- tag: CREATE VIEW

-- case: ddl2_view_with_check_option_rejects
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t WHERE a > 0 WITH CHECK OPTION;
INSERT INTO v VALUES (-1);
-- expect:
-- error: 44000

-- case: ddl2_view_update_through
CREATE TABLE t (id int, v text);
INSERT INTO t VALUES (1, 'a'), (2, 'b');
CREATE VIEW vw AS SELECT id, v FROM t WHERE id > 1;
UPDATE vw SET v = 'z';
SELECT id, v FROM t ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "z"]
-- tag: SELECT 2

-- case: ddl2_drop_view_on_table_error
CREATE TABLE t (a int);
DROP VIEW t;
-- expect:
-- error: 42809

-- case: ddl2_drop_table_on_view_error
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
DROP TABLE v;
-- expect:
-- error: 42809

-- case: ddl2_materialized_view_refresh
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM t;
INSERT INTO t VALUES (2);
REFRESH MATERIALIZED VIEW mv;
SELECT n FROM mv;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: ddl2_materialized_view_stale_before_refresh
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM t;
INSERT INTO t VALUES (2);
SELECT n FROM mv;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1

-- case: ddl2_index_duplicate_name
CREATE TABLE t (a int, b int);
CREATE INDEX i ON t (a);
CREATE INDEX i ON t (b);
-- expect:
-- error: 42P07

-- case: ddl2_index_on_expression_unique_enforced
CREATE TABLE t (email text);
CREATE UNIQUE INDEX t_email ON t (lower(email));
INSERT INTO t VALUES ('A@x.org');
INSERT INTO t VALUES ('a@X.org');
-- expect:
-- error: 23505

-- case: ddl2_index_include_columns
CREATE TABLE t (a int, b int);
CREATE UNIQUE INDEX t_a ON t (a) INCLUDE (b);
SELECT replace(indexdef, current_schema() || '.', '') AS def FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 't_a';
-- expect:
-- columns: ["def"]
-- types: ["text"]
-- row: ["CREATE UNIQUE INDEX t_a ON t USING btree (a) INCLUDE (b)"]
-- tag: SELECT 1

-- case: ddl2_drop_index_if_exists_missing
DROP INDEX IF EXISTS no_such_index_zz;
-- expect:
-- tag: DROP INDEX

-- case: ddl2_alter_index_rename
CREATE TABLE t (a int);
CREATE INDEX i1 ON t (a);
ALTER INDEX i1 RENAME TO i2;
SELECT indexname FROM pg_indexes WHERE schemaname = current_schema();
-- expect:
-- columns: ["indexname"]
-- types: ["name"]
-- row: ["i2"]
-- tag: SELECT 1

-- case: ddl2_create_table_as_column_names_and_types
CREATE TABLE t AS SELECT 1 AS a, 'x'::varchar(5) AS b, 2.5 AS c, now()::date AS d;
SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 't' ORDER BY ordinal_position;
-- expect:
-- columns: ["column_name", "data_type"]
-- types: ["name", "varchar"]
-- row: ["a", "integer"]
-- row: ["b", "character varying"]
-- row: ["c", "numeric"]
-- row: ["d", "date"]
-- tag: SELECT 4

-- case: ddl2_create_table_as_unknown_literal_becomes_text
CREATE TABLE t AS SELECT 'abc' AS s;
SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 't';
-- expect:
-- columns: ["data_type"]
-- types: ["varchar"]
-- row: ["text"]
-- tag: SELECT 1

-- case: ddl2_create_table_as_tag
CREATE TABLE t AS SELECT generate_series(1, 5) AS n;
-- expect:
-- tag: SELECT 5

-- case: ddl2_create_table_like_including_defaults
CREATE TABLE a (id int DEFAULT 42, v text NOT NULL);
CREATE TABLE b (LIKE a INCLUDING DEFAULTS);
INSERT INTO b (v) VALUES ('x');
SELECT id, v FROM b;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["42", "x"]
-- tag: SELECT 1

-- case: ddl2_create_table_like_excludes_defaults
CREATE TABLE a (id int DEFAULT 42, v text NOT NULL);
CREATE TABLE b (LIKE a);
INSERT INTO b (v) VALUES ('x');
SELECT id, v FROM b;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: [null, "x"]
-- tag: SELECT 1

-- case: ddl2_create_temp_table_in_explicit_schema_error
CREATE TEMP TABLE @schema@.tt (a int);
-- expect:
-- error: 42P16

-- case: ddl2_create_table_too_many_dims_array_ok
CREATE TABLE t (a int[][], b text[3]);
INSERT INTO t VALUES ('{{1,2},{3,4}}', '{a,b,c,d}');
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4[]", "text[]"]
-- row: ["{{1,2},{3,4}}", "{a,b,c,d}"]
-- tag: SELECT 1

-- case: ddl2_drop_schema_if_exists_missing
DROP SCHEMA IF EXISTS compat_ddl2_never;
-- expect:
-- tag: DROP SCHEMA

-- case: ddl2_create_schema_if_not_exists
CREATE SCHEMA IF NOT EXISTS @schema@;
-- expect:
-- tag: CREATE SCHEMA

-- case: ddl2_create_schema_authorization_tag
CREATE SCHEMA compat_ddl2_s1 CREATE TABLE t1 (a int) CREATE VIEW v1 AS SELECT a FROM t1;
SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'compat_ddl2_s1' ORDER BY table_name;
-- cleanup:
DROP SCHEMA IF EXISTS compat_ddl2_s1 CASCADE;
-- expect:
-- columns: ["table_name", "table_type"]
-- types: ["name", "varchar"]
-- row: ["t1", "BASE TABLE"]
-- row: ["v1", "VIEW"]
-- tag: SELECT 2

-- case: ddl2_comment_on_column_null_removes
CREATE TABLE t (a int);
COMMENT ON COLUMN t.a IS 'x';
COMMENT ON COLUMN t.a IS NULL;
SELECT col_description('t'::regclass, 1) AS d;
-- expect:
-- columns: ["d"]
-- types: ["text"]
-- row: [null]
-- tag: SELECT 1

-- case: ddl2_partition_routing
CREATE TABLE m (k int, v text) PARTITION BY RANGE (k);
CREATE TABLE m_lo PARTITION OF m FOR VALUES FROM (MINVALUE) TO (10);
CREATE TABLE m_hi PARTITION OF m FOR VALUES FROM (10) TO (MAXVALUE);
INSERT INTO m VALUES (1, 'a'), (10, 'b'), (50, 'c');
SELECT tableoid::regclass::text AS part, k FROM m ORDER BY k;
-- expect:
-- columns: ["part", "k"]
-- types: ["text", "int4"]
-- row: ["m_lo", "1"]
-- row: ["m_hi", "10"]
-- row: ["m_hi", "50"]
-- tag: SELECT 3

-- case: ddl2_partition_no_partition_for_row
CREATE TABLE m (k int) PARTITION BY LIST (k);
CREATE TABLE m1 PARTITION OF m FOR VALUES IN (1, 2);
INSERT INTO m VALUES (3);
-- expect:
-- error: 23514

-- case: ddl2_partition_overlap_error
CREATE TABLE m (k int) PARTITION BY RANGE (k);
CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10);
CREATE TABLE m2 PARTITION OF m FOR VALUES FROM (5) TO (15);
-- expect:
-- error: 42P17

-- case: ddl2_inherits_select_parent_includes_child
CREATE TABLE parent (a int);
CREATE TABLE child (b int) INHERITS (parent);
INSERT INTO parent VALUES (1);
INSERT INTO child VALUES (2, 20);
SELECT a FROM parent ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: ddl2_inherits_only_parent
CREATE TABLE parent (a int);
CREATE TABLE child (b int) INHERITS (parent);
INSERT INTO parent VALUES (1);
INSERT INTO child VALUES (2, 20);
SELECT a FROM ONLY parent;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: ddl2_create_function_replace_changes_result
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 2';
SELECT f() AS v;
-- expect:
-- columns: ["v"]
-- types: ["int4"]
-- row: ["2"]
-- tag: SELECT 1

-- case: ddl2_create_function_change_return_type_error
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE OR REPLACE FUNCTION f() RETURNS text LANGUAGE sql AS 'SELECT ''a''';
-- expect:
-- error: 42P13

-- case: ddl2_function_overload_resolution
CREATE FUNCTION f(a int) RETURNS text LANGUAGE sql AS 'SELECT ''int''';
CREATE FUNCTION f(a text) RETURNS text LANGUAGE sql AS 'SELECT ''text''';
SELECT f(1) AS a, f('x') AS b, f(1::int2) AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["text", "text", "text"]
-- row: ["int", "text", "int"]
-- tag: SELECT 1

-- case: ddl2_drop_function_ambiguous_without_args
CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a';
CREATE FUNCTION f(a text) RETURNS text LANGUAGE sql AS 'SELECT a';
DROP FUNCTION f;
-- expect:
-- error: 42725

-- case: ddl2_trigger_before_insert_modifies_row
CREATE TABLE t (a int, b text);
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.b := upper(NEW.b); RETURN NEW; END$$;
CREATE TRIGGER t_up BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();
INSERT INTO t VALUES (1, 'abc');
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["1", "ABC"]
-- tag: SELECT 1

-- case: ddl2_trigger_after_insert_audit
CREATE TABLE t (a int);
CREATE TABLE audit (msg text);
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO audit VALUES (TG_OP || ':' || NEW.a); RETURN NULL; END$$;
CREATE TRIGGER t_audit AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();
INSERT INTO t VALUES (1), (2);
SELECT msg FROM audit ORDER BY msg;
-- expect:
-- columns: ["msg"]
-- types: ["text"]
-- row: ["INSERT:1"]
-- row: ["INSERT:2"]
-- tag: SELECT 2
