-- DDL: CREATE/ALTER/DROP of tables, indexes, views, sequences, constraints, comments.

-- case: ddl_create_table_tag
CREATE TABLE t (a int);
-- expect:
-- tag: CREATE TABLE

-- case: ddl_create_table_if_not_exists
CREATE TABLE t (a int);
CREATE TABLE IF NOT EXISTS t (a int);
-- expect:
-- tag: CREATE TABLE

-- case: ddl_drop_table_tag
CREATE TABLE t (a int);
DROP TABLE t;
-- expect:
-- tag: DROP TABLE

-- case: ddl_drop_multiple_tables
CREATE TABLE t1 (a int);
CREATE TABLE t2 (a int);
DROP TABLE t1, t2;
-- expect:
-- tag: DROP TABLE

-- case: ddl_create_table_as
CREATE TABLE src (a int, b text);
INSERT INTO src VALUES (1, 'x'), (2, 'y');
CREATE TABLE dst AS SELECT a, upper(b) AS ub FROM src;
-- expect:
-- tag: SELECT 2

-- case: ddl_create_table_as_contents
CREATE TABLE src (a int, b text);
INSERT INTO src VALUES (1, 'x'), (2, 'y');
CREATE TABLE dst AS SELECT a, upper(b) AS ub FROM src;
SELECT * FROM dst ORDER BY a;
-- expect:
-- columns: ["a", "ub"]
-- types: ["int4", "text"]
-- row: ["1", "X"]
-- row: ["2", "Y"]
-- tag: SELECT 2

-- case: ddl_create_table_as_with_no_data
CREATE TABLE src (a int);
INSERT INTO src VALUES (1);
CREATE TABLE dst AS SELECT * FROM src WITH NO DATA;
SELECT count(*) AS c FROM dst;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: ddl_create_table_like
CREATE TABLE src (a int NOT NULL DEFAULT 7, b text);
CREATE TABLE dst (LIKE src INCLUDING DEFAULTS);
INSERT INTO dst (b) VALUES ('x');
SELECT a, b FROM dst;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["7", "x"]
-- tag: SELECT 1

-- case: ddl_default_values
CREATE TABLE t (a int DEFAULT 42, b text DEFAULT 'dflt', c timestamp DEFAULT '2024-01-01');
INSERT INTO t DEFAULT VALUES;
SELECT a, b, c FROM t;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int4", "text", "timestamp"]
-- row: ["42", "dflt", "2024-01-01 00:00:00"]
-- tag: SELECT 1

-- case: ddl_default_expression
CREATE TABLE t (a int, b int DEFAULT (2 * 21));
INSERT INTO t (a) VALUES (1);
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", "42"]
-- tag: SELECT 1

-- case: ddl_alter_add_column
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
ALTER TABLE t ADD COLUMN b text DEFAULT 'new';
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["1", "new"]
-- tag: SELECT 1

-- case: ddl_alter_add_column_tag
CREATE TABLE t (a int);
ALTER TABLE t ADD COLUMN b text;
-- expect:
-- tag: ALTER TABLE

-- case: ddl_alter_add_column_if_not_exists
CREATE TABLE t (a int);
ALTER TABLE t ADD COLUMN IF NOT EXISTS a int;
-- expect:
-- tag: ALTER TABLE

-- case: ddl_alter_drop_column
CREATE TABLE t (a int, b int, c int);
INSERT INTO t VALUES (1, 2, 3);
ALTER TABLE t DROP COLUMN b;
SELECT * FROM t;
-- expect:
-- columns: ["a", "c"]
-- types: ["int4", "int4"]
-- row: ["1", "3"]
-- tag: SELECT 1

-- case: ddl_alter_drop_column_missing
CREATE TABLE t (a int);
ALTER TABLE t DROP COLUMN zz;
-- expect:
-- error: 42703

-- case: ddl_alter_drop_column_if_exists
CREATE TABLE t (a int);
ALTER TABLE t DROP COLUMN IF EXISTS zz;
-- expect:
-- tag: ALTER TABLE

-- case: ddl_alter_rename_column
CREATE TABLE t (a int);
INSERT INTO t VALUES (5);
ALTER TABLE t RENAME COLUMN a TO z;
SELECT z FROM t;
-- expect:
-- columns: ["z"]
-- types: ["int4"]
-- row: ["5"]
-- tag: SELECT 1

-- case: ddl_alter_rename_table
CREATE TABLE t (a int);
INSERT INTO t VALUES (5);
ALTER TABLE t RENAME TO t_new;
SELECT a FROM t_new;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["5"]
-- tag: SELECT 1

-- case: ddl_alter_rename_table_old_name_gone
CREATE TABLE t (a int);
ALTER TABLE t RENAME TO t_new;
SELECT a FROM t;
-- expect:
-- error: 42P01

-- case: ddl_alter_column_type
CREATE TABLE t (a int);
INSERT INTO t VALUES (5);
ALTER TABLE t ALTER COLUMN a TYPE text;
SELECT a || 'x' AS s, pg_typeof(a) AS t FROM t;
-- expect:
-- columns: ["s", "t"]
-- types: ["text", "regtype"]
-- row: ["5x", "text"]
-- tag: SELECT 1

-- case: ddl_alter_column_type_using
CREATE TABLE t (a text);
INSERT INTO t VALUES ('12');
ALTER TABLE t ALTER COLUMN a TYPE int USING a::int;
SELECT a + 1 AS r FROM t;
-- expect:
-- columns: ["r"]
-- types: ["int4"]
-- row: ["13"]
-- tag: SELECT 1

-- case: ddl_alter_set_default
CREATE TABLE t (a int, b int);
ALTER TABLE t ALTER COLUMN b SET DEFAULT 9;
INSERT INTO t (a) VALUES (1);
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", "9"]
-- tag: SELECT 1

-- case: ddl_alter_drop_default
CREATE TABLE t (a int, b int DEFAULT 9);
ALTER TABLE t ALTER COLUMN b DROP DEFAULT;
INSERT INTO t (a) VALUES (1);
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", null]
-- tag: SELECT 1

-- case: ddl_alter_set_not_null
CREATE TABLE t (a int);
ALTER TABLE t ALTER COLUMN a SET NOT NULL;
INSERT INTO t VALUES (NULL);
-- expect:
-- error: 23502

-- case: ddl_alter_drop_not_null
CREATE TABLE t (a int NOT NULL);
ALTER TABLE t ALTER COLUMN a DROP NOT NULL;
INSERT INTO t VALUES (NULL);
-- expect:
-- tag: INSERT 0 1

-- case: ddl_alter_add_check_constraint
CREATE TABLE t (a int);
ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0);
INSERT INTO t VALUES (0);
-- expect:
-- error: 23514

-- case: ddl_alter_drop_constraint
CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 0));
ALTER TABLE t DROP CONSTRAINT a_pos;
INSERT INTO t VALUES (0);
-- expect:
-- tag: INSERT 0 1

-- case: ddl_alter_add_primary_key
CREATE TABLE t (a int);
ALTER TABLE t ADD PRIMARY KEY (a);
INSERT INTO t VALUES (1), (1);
-- expect:
-- error: 23505

-- case: ddl_alter_add_foreign_key
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int);
ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id);
INSERT INTO c VALUES (7);
-- expect:
-- error: 23503

-- case: ddl_check_constraint_null_passes
CREATE TABLE t (a int CHECK (a > 0));
INSERT INTO t VALUES (NULL);
SELECT count(*) AS c FROM t;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1

-- case: ddl_table_check_multi_column
CREATE TABLE t (lo int, hi int, CHECK (lo < hi));
INSERT INTO t VALUES (5, 1);
-- expect:
-- error: 23514

-- case: ddl_composite_primary_key
CREATE TABLE t (a int, b int, PRIMARY KEY (a, b));
INSERT INTO t VALUES (1, 1), (1, 2);
INSERT INTO t VALUES (1, 2);
-- expect:
-- error: 23505

-- case: ddl_unique_allows_multiple_nulls
CREATE TABLE t (a int UNIQUE);
INSERT INTO t VALUES (NULL), (NULL);
SELECT count(*) AS c FROM t;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: ddl_unique_nulls_not_distinct
CREATE TABLE t (a int UNIQUE NULLS NOT DISTINCT);
INSERT INTO t VALUES (NULL);
INSERT INTO t VALUES (NULL);
-- expect:
-- error: 23505

-- case: ddl_fk_on_delete_cascade
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int, pid int REFERENCES p(id) ON DELETE CASCADE);
INSERT INTO p VALUES (1), (2);
INSERT INTO c VALUES (10, 1), (20, 2), (11, 1);
DELETE FROM p WHERE id = 1;
SELECT id, pid FROM c;
-- expect:
-- columns: ["id", "pid"]
-- types: ["int4", "int4"]
-- row: ["20", "2"]
-- tag: SELECT 1

-- case: ddl_fk_on_delete_set_null
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int, pid int REFERENCES p(id) ON DELETE SET NULL);
INSERT INTO p VALUES (1), (2);
INSERT INTO c VALUES (10, 1), (20, 2);
DELETE FROM p WHERE id = 1;
SELECT id, pid FROM c ORDER BY id;
-- expect:
-- columns: ["id", "pid"]
-- types: ["int4", "int4"]
-- row: ["10", null]
-- row: ["20", "2"]
-- tag: SELECT 2

-- case: ddl_fk_on_delete_set_default
CREATE TABLE p (id int PRIMARY KEY);
INSERT INTO p VALUES (0), (1);
CREATE TABLE c (id int, pid int DEFAULT 0 REFERENCES p(id) ON DELETE SET DEFAULT);
INSERT INTO c VALUES (10, 1);
DELETE FROM p WHERE id = 1;
SELECT id, pid FROM c;
-- expect:
-- columns: ["id", "pid"]
-- types: ["int4", "int4"]
-- row: ["10", "0"]
-- tag: SELECT 1

-- case: ddl_fk_on_update_cascade
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p(id) ON UPDATE CASCADE);
INSERT INTO p VALUES (1);
INSERT INTO c VALUES (1);
UPDATE p SET id = 100;
SELECT pid FROM c;
-- expect:
-- columns: ["pid"]
-- types: ["int4"]
-- row: ["100"]
-- tag: SELECT 1

-- case: ddl_fk_restrict_update
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p(id) ON UPDATE RESTRICT);
INSERT INTO p VALUES (1);
INSERT INTO c VALUES (1);
UPDATE p SET id = 2;
-- expect:
-- error: 23503

-- case: ddl_fk_null_allowed
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p);
INSERT INTO c VALUES (NULL);
SELECT count(*) AS c FROM c;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1

-- case: ddl_fk_composite
CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE c (a int, b int, FOREIGN KEY (a, b) REFERENCES p (a, b));
INSERT INTO p VALUES (1, 1);
INSERT INTO c VALUES (1, 2);
-- expect:
-- error: 23503

-- case: ddl_create_index
CREATE TABLE t (a int, b text);
CREATE INDEX t_a_idx ON t (a);
-- expect:
-- tag: CREATE INDEX

-- case: ddl_create_unique_index_enforced
CREATE TABLE t (a int);
CREATE UNIQUE INDEX t_a_uq ON t (a);
INSERT INTO t VALUES (1);
INSERT INTO t VALUES (1);
-- expect:
-- error: 23505

-- case: ddl_create_index_if_not_exists
CREATE TABLE t (a int);
CREATE INDEX t_a_idx ON t (a);
CREATE INDEX IF NOT EXISTS t_a_idx ON t (a);
-- expect:
-- tag: CREATE INDEX

-- case: ddl_drop_index
CREATE TABLE t (a int);
CREATE INDEX t_a_idx ON t (a);
DROP INDEX t_a_idx;
-- expect:
-- tag: DROP INDEX

-- case: ddl_index_used_results_same
CREATE TABLE t (a int, b text);
INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 200) g;
CREATE INDEX t_a_idx ON t (a);
SELECT a, b FROM t WHERE a BETWEEN 10 AND 13 ORDER BY a;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["10", "v10"]
-- row: ["11", "v11"]
-- row: ["12", "v12"]
-- row: ["13", "v13"]
-- tag: SELECT 4

-- case: ddl_expression_index
CREATE TABLE t (s text);
CREATE UNIQUE INDEX t_lower ON t (lower(s));
INSERT INTO t VALUES ('Abc');
INSERT INTO t VALUES ('aBC');
-- expect:
-- error: 23505

-- case: ddl_partial_unique_index
CREATE TABLE t (a int, active bool);
CREATE UNIQUE INDEX t_active ON t (a) WHERE active;
INSERT INTO t VALUES (1, false), (1, false), (1, true);
SELECT count(*) AS c FROM t;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["3"]
-- tag: SELECT 1

-- case: ddl_create_view_and_select
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 10), (2, 20);
CREATE VIEW v AS SELECT a, a + b AS s FROM t;
SELECT * FROM v ORDER BY a;
-- expect:
-- columns: ["a", "s"]
-- types: ["int4", "int4"]
-- row: ["1", "11"]
-- row: ["2", "22"]
-- tag: SELECT 2

-- case: ddl_create_or_replace_view
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
CREATE VIEW v AS SELECT a FROM t;
CREATE OR REPLACE VIEW v AS SELECT a, a * 2 AS d FROM t;
SELECT * FROM v;
-- expect:
-- columns: ["a", "d"]
-- types: ["int4", "int4"]
-- row: ["1", "2"]
-- tag: SELECT 1

-- case: ddl_view_reflects_changes
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t WHERE a > 1;
INSERT INTO t VALUES (1), (2), (3);
SELECT a FROM v ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 2

-- case: ddl_updatable_view_insert
CREATE TABLE t (a int, b text);
CREATE VIEW v AS SELECT a, b FROM t;
INSERT INTO v VALUES (1, 'x');
SELECT a, b FROM t;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "text"]
-- row: ["1", "x"]
-- tag: SELECT 1

-- case: ddl_drop_view
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
DROP VIEW v;
-- expect:
-- tag: DROP VIEW

-- case: ddl_drop_table_cascade_view
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
DROP TABLE t CASCADE;
SELECT * FROM v;
-- expect:
-- error: 42P01

-- case: ddl_materialized_view
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
CREATE MATERIALIZED VIEW mv AS SELECT sum(a) AS s FROM t;
INSERT INTO t VALUES (10);
REFRESH MATERIALIZED VIEW mv;
SELECT s FROM mv;
-- expect:
-- columns: ["s"]
-- types: ["int8"]
-- row: ["13"]
-- tag: SELECT 1

-- case: ddl_create_sequence_options
CREATE SEQUENCE s START 10 INCREMENT 5;
SELECT nextval('s') AS a, nextval('s') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int8", "int8"]
-- row: ["10", "15"]
-- tag: SELECT 1

-- case: ddl_sequence_cycle
CREATE SEQUENCE s MINVALUE 1 MAXVALUE 2 CYCLE;
SELECT nextval('s') AS a, nextval('s') AS b, nextval('s') AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["int8", "int8", "int8"]
-- row: ["1", "2", "1"]
-- tag: SELECT 1

-- case: ddl_sequence_negative_increment
CREATE SEQUENCE s INCREMENT -1 START -1;
SELECT nextval('s') AS a, nextval('s') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["int8", "int8"]
-- row: ["-1", "-2"]
-- tag: SELECT 1

-- case: ddl_alter_sequence_restart
CREATE SEQUENCE s;
SELECT nextval('s');
ALTER SEQUENCE s RESTART WITH 50;
SELECT nextval('s') AS n;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["50"]
-- tag: SELECT 1

-- case: ddl_drop_sequence
CREATE SEQUENCE s;
DROP SEQUENCE s;
-- expect:
-- tag: DROP SEQUENCE

-- case: ddl_serial_default_nextval
CREATE TABLE t (id serial PRIMARY KEY, v text);
INSERT INTO t (v) VALUES ('a'), ('b');
INSERT INTO t (id, v) VALUES (10, 'c');
INSERT INTO t (v) VALUES ('d');
SELECT id, v FROM t ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "b"]
-- row: ["3", "d"]
-- row: ["10", "c"]
-- tag: SELECT 4

-- case: ddl_identity_by_default
CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY, v text);
INSERT INTO t (v) VALUES ('a');
INSERT INTO t (id, v) VALUES (100, 'b');
INSERT INTO t (v) VALUES ('c');
SELECT id, v FROM t ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["1", "a"]
-- row: ["2", "c"]
-- row: ["100", "b"]
-- tag: SELECT 3

-- case: ddl_identity_always_overriding
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text);
INSERT INTO t (id, v) OVERRIDING SYSTEM VALUE VALUES (7, 'x');
SELECT id, v FROM t;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["7", "x"]
-- tag: SELECT 1

-- case: ddl_identity_start_increment
CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 10), v text);
INSERT INTO t (v) VALUES ('a'), ('b'), ('c');
SELECT id, v FROM t ORDER BY id;
-- expect:
-- columns: ["id", "v"]
-- types: ["int8", "text"]
-- row: ["100", "a"]
-- row: ["110", "b"]
-- row: ["120", "c"]
-- tag: SELECT 3

-- case: ddl_generated_stored_column
CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED);
INSERT INTO t (a) VALUES (1), (5);
UPDATE t SET a = 10 WHERE a = 5;
SELECT a, b FROM t ORDER BY a;
-- expect:
-- columns: ["a", "b"]
-- types: ["int4", "int4"]
-- row: ["1", "2"]
-- row: ["10", "20"]
-- tag: SELECT 2

-- case: ddl_truncate
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
TRUNCATE t;
-- expect:
-- tag: TRUNCATE TABLE

-- case: ddl_truncate_empties
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
TRUNCATE TABLE t;
SELECT count(*) AS c FROM t;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: ddl_truncate_restart_identity
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

-- case: ddl_truncate_cascade
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p);
INSERT INTO p VALUES (1);
INSERT INTO c VALUES (1);
TRUNCATE p CASCADE;
SELECT (SELECT count(*) FROM p) AS p, (SELECT count(*) FROM c) AS c;
-- expect:
-- columns: ["p", "c"]
-- types: ["int8", "int8"]
-- row: ["0", "0"]
-- tag: SELECT 1

-- case: ddl_comment_on_table
CREATE TABLE t (a int);
COMMENT ON TABLE t IS 'a table';
-- expect:
-- tag: COMMENT

-- case: ddl_comment_on_table_readback
CREATE TABLE t (a int);
COMMENT ON TABLE t IS 'a table';
SELECT obj_description('t'::regclass, 'pg_class') AS d;
-- expect:
-- columns: ["d"]
-- types: ["text"]
-- row: ["a table"]
-- tag: SELECT 1

-- case: ddl_comment_on_column_readback
CREATE TABLE t (a int);
COMMENT ON COLUMN t.a IS 'the a';
SELECT col_description('t'::regclass, 1) AS d;
-- expect:
-- columns: ["d"]
-- types: ["text"]
-- row: ["the a"]
-- tag: SELECT 1

-- case: ddl_temp_table
CREATE TEMP TABLE tt (a int);
INSERT INTO tt VALUES (1), (2);
SELECT sum(a) AS s FROM tt;
-- expect:
-- columns: ["s"]
-- types: ["int8"]
-- row: ["3"]
-- tag: SELECT 1

-- case: ddl_temp_table_on_commit_delete_rows
BEGIN;
CREATE TEMP TABLE tt (a int) ON COMMIT DELETE ROWS;
INSERT INTO tt VALUES (1);
COMMIT;
SELECT count(*) AS c FROM tt;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: ddl_temp_table_shadows
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
CREATE TEMP TABLE t (a int);
INSERT INTO t VALUES (2);
SELECT a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["2"]
-- tag: SELECT 1

-- case: ddl_create_schema_and_table
CREATE SCHEMA other;
CREATE TABLE other.t (a int);
INSERT INTO other.t VALUES (3);
SELECT a FROM other.t;
-- cleanup:
DROP SCHEMA IF EXISTS other CASCADE;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["3"]
-- tag: SELECT 1

-- case: ddl_drop_schema_restrict_nonempty
CREATE SCHEMA other2;
CREATE TABLE other2.t (a int);
DROP SCHEMA other2;
-- cleanup:
DROP SCHEMA IF EXISTS other2 CASCADE;
-- expect:
-- error: 2BP01

-- case: ddl_drop_schema_cascade
CREATE SCHEMA other3;
CREATE TABLE other3.t (a int);
DROP SCHEMA other3 CASCADE;
-- expect:
-- tag: DROP SCHEMA

-- case: ddl_quoted_identifiers
CREATE TABLE "My Table" ("Col A" int, "select" text);
INSERT INTO "My Table" VALUES (1, 'x');
SELECT "Col A", "select" FROM "My Table";
-- expect:
-- columns: ["Col A", "select"]
-- types: ["int4", "text"]
-- row: ["1", "x"]
-- tag: SELECT 1

-- case: ddl_identifier_case_folding
CREATE TABLE MyTab (MyCol int);
INSERT INTO mytab VALUES (1);
SELECT MYCOL FROM MYTAB;
-- expect:
-- columns: ["mycol"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: ddl_quoted_identifier_case_sensitive
CREATE TABLE "Upper" (a int);
SELECT * FROM Upper;
-- expect:
-- error: 42P01

-- case: ddl_create_domain
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE TABLE t (a posint);
INSERT INTO t VALUES (-1);
-- expect:
-- error: 23514

-- case: ddl_alter_table_if_exists_missing
ALTER TABLE IF EXISTS no_such ADD COLUMN a int;
-- expect:
-- tag: ALTER TABLE

-- case: ddl_create_table_many_types
CREATE TABLE t (a smallint, b integer, c bigint, d numeric(10,2), e real, f double precision, g text, h varchar(10), i char(3), j boolean, k date, l timestamp, m timestamptz, n interval, o uuid, p jsonb, q bytea, r int[]);
INSERT INTO t VALUES (1, 2, 3, 4.5, 5.5, 6.5, 'g', 'h', 'i', true, '2024-01-01', '2024-01-01 01:02:03', '2024-01-01 01:02:03+00', '1 day', '00000000-0000-0000-0000-000000000001', '{"x": 1}', '\x01', '{1,2}');
SELECT * FROM t;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r"]
-- types: ["int2", "int4", "int8", "numeric", "float4", "float8", "text", "varchar", "bpchar", "bool", "date", "timestamp", "timestamptz", "interval", "uuid", "jsonb", "bytea", "int4[]"]
-- row: ["1", "2", "3", "4.50", "5.5", "6.5", "g", "h", "i  ", "t", "2024-01-01", "2024-01-01 01:02:03", "2024-01-01 01:02:03+00", "1 day", "00000000-0000-0000-0000-000000000001", "{\"x\": 1}", "\\x01", "{1,2}"]
-- tag: SELECT 1
