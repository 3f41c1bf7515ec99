-- Catalog, part 2: information_schema and pg_catalog queries joined by name (no OIDs in output),
-- format_type, pg_get_*def, to_regclass, privilege inquiry functions, pg_typeof, current_schemas.

-- case: cat2_format_type_typmods
CREATE TABLE t (a varchar(10), b numeric(7, 3), c char(4), d timestamp(2), e bit(5), f interval(3), g int[], h time(0) with time zone);
SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS ft FROM pg_attribute a WHERE a.attrelid = 't'::regclass AND a.attnum > 0 ORDER BY a.attnum;
-- expect:
-- columns: ["attname", "ft"]
-- types: ["name", "text"]
-- row: ["a", "character varying(10)"]
-- row: ["b", "numeric(7,3)"]
-- row: ["c", "character(4)"]
-- row: ["d", "timestamp(2) without time zone"]
-- row: ["e", "bit(5)"]
-- row: ["f", "interval(3)"]
-- row: ["g", "integer[]"]
-- row: ["h", "time(0) with time zone"]
-- tag: SELECT 8

-- case: cat2_format_type_null_typmod
SELECT format_type('int4'::regtype, NULL) AS a, format_type('varchar'::regtype, NULL) AS b, format_type('numeric'::regtype, -1) AS c, format_type('bpchar'::regtype, NULL) AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["integer", "character varying", "numeric", "character"]
-- tag: SELECT 1

-- case: cat2_pg_get_constraintdef_kinds
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (id int, pid int, n text, CONSTRAINT t_pk PRIMARY KEY (id), CONSTRAINT t_fk FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE, CONSTRAINT t_u UNIQUE (n), CONSTRAINT t_c CHECK (id > 0 AND n <> ''));
SELECT conname, contype, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 't'::regclass ORDER BY conname;
-- expect:
-- columns: ["conname", "contype", "def"]
-- types: ["name", "\"char\"", "text"]
-- row: ["t_c", "c", "CHECK (((id > 0) AND (n <> ''::text)))"]
-- row: ["t_fk", "f", "FOREIGN KEY (pid) REFERENCES p(id) ON DELETE CASCADE"]
-- row: ["t_pk", "p", "PRIMARY KEY (id)"]
-- row: ["t_u", "u", "UNIQUE (n)"]
-- tag: SELECT 4

-- case: cat2_pg_get_constraintdef_fk_actions
CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE t (x int, y int, CONSTRAINT fk FOREIGN KEY (x, y) REFERENCES p (a, b) ON UPDATE SET NULL ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED);
SELECT pg_get_constraintdef(oid) AS def, condeferrable, condeferred FROM pg_constraint WHERE conname = 'fk' AND conrelid = 't'::regclass;
-- expect:
-- columns: ["def", "condeferrable", "condeferred"]
-- types: ["text", "bool", "bool"]
-- row: ["FOREIGN KEY (x, y) REFERENCES p(a, b) ON UPDATE SET NULL ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED", "t", "t"]
-- tag: SELECT 1

-- case: cat2_pg_get_indexdef_variants
CREATE TABLE t (a int, b text, c int);
CREATE INDEX t_multi ON t (a DESC, b);
CREATE UNIQUE INDEX t_uniq ON t (c) WHERE c > 0;
CREATE INDEX t_expr ON t (lower(b));
SELECT c.relname, replace(pg_get_indexdef(c.oid), current_schema() || '.', '') AS def FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid WHERE i.indrelid = 't'::regclass ORDER BY c.relname;
-- expect:
-- columns: ["relname", "def"]
-- types: ["name", "text"]
-- row: ["t_expr", "CREATE INDEX t_expr ON t USING btree (lower(b))"]
-- row: ["t_multi", "CREATE INDEX t_multi ON t USING btree (a DESC, b)"]
-- row: ["t_uniq", "CREATE UNIQUE INDEX t_uniq ON t USING btree (c) WHERE (c > 0)"]
-- tag: SELECT 3

-- case: cat2_pg_index_joined_by_name
CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE, c int);
CREATE INDEX t_c_idx ON t (c);
SELECT ic.relname AS idx, i.indisprimary, i.indisunique, i.indnatts FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid JOIN pg_namespace n ON n.oid = tc.relnamespace WHERE n.nspname = current_schema() AND tc.relname = 't' ORDER BY ic.relname;
-- expect:
-- columns: ["idx", "indisprimary", "indisunique", "indnatts"]
-- types: ["name", "bool", "bool", "int2"]
-- row: ["t_b_key", "f", "t", "1"]
-- row: ["t_c_idx", "f", "f", "1"]
-- row: ["t_pkey", "t", "t", "1"]
-- tag: SELECT 3

-- case: cat2_pg_attribute_notnull_hasdef
CREATE TABLE t (a int NOT NULL, b int DEFAULT 3, c text);
SELECT attname, attnotnull, atthasdef, attnum FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;
-- expect:
-- columns: ["attname", "attnotnull", "atthasdef", "attnum"]
-- types: ["name", "bool", "bool", "int2"]
-- row: ["a", "t", "f", "1"]
-- row: ["b", "f", "t", "2"]
-- row: ["c", "f", "f", "3"]
-- tag: SELECT 3

-- case: cat2_pg_attribute_system_columns
CREATE TABLE t (a int);
SELECT attname, attnum FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum < 0 ORDER BY attnum DESC;
-- expect:
-- columns: ["attname", "attnum"]
-- types: ["name", "int2"]
-- row: ["ctid", "-1"]
-- row: ["xmin", "-2"]
-- row: ["cmin", "-3"]
-- row: ["xmax", "-4"]
-- row: ["cmax", "-5"]
-- row: ["tableoid", "-6"]
-- tag: SELECT 6

-- case: cat2_to_regclass_existing_and_qualified
CREATE TABLE tt (a int);
SELECT to_regclass('tt')::text AS a, to_regclass(current_schema() || '.tt') IS NOT NULL AS b, to_regclass('nope_zz') AS c, to_regclass('pg_catalog.pg_class')::text AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "bool", "regclass", "text"]
-- row: ["tt", "t", null, "pg_class"]
-- tag: SELECT 1

-- case: cat2_to_regtype_and_regproc
SELECT to_regtype('integer')::text AS a, to_regtype('no_such_type') AS b, to_regproc('lower')::text AS c, to_regtype('character varying')::text AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "regtype", "text", "text"]
-- row: ["integer", null, null, "character varying"]
-- tag: SELECT 1

-- case: cat2_regclass_cast_missing_error
SELECT 'no_such_table_zz'::regclass;
-- expect:
-- error: 42P01

-- case: cat2_regtype_cast_names
SELECT 'int'::regtype::text AS a, 'float8'::regtype::text AS b, 'timestamptz'::regtype::text AS c, 'varchar'::regtype::text AS d, '_int4'::regtype::text AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["text", "text", "text", "text", "text"]
-- row: ["integer", "double precision", "timestamp with time zone", "character varying", "integer[]"]
-- tag: SELECT 1

-- case: cat2_has_table_privilege_variants
CREATE TABLE t (a int);
SELECT has_table_privilege('t', 'SELECT') AS s, has_table_privilege('t', 'INSERT, UPDATE') AS iu, has_table_privilege(current_user, 't', 'DELETE') AS d;
-- expect:
-- columns: ["s", "iu", "d"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "t"]
-- tag: SELECT 1

-- case: cat2_has_table_privilege_bad_priv
CREATE TABLE t (a int);
SELECT has_table_privilege('t', 'FLY');
-- expect:
-- error: 22023

-- case: cat2_has_table_privilege_missing_table
SELECT has_table_privilege('no_such_table_zz', 'SELECT');
-- expect:
-- error: 42P01

-- case: cat2_has_column_privilege
CREATE TABLE t (a int, b int);
SELECT has_column_privilege('t', 'a', 'SELECT') AS a, has_column_privilege('t', 'b', 'UPDATE') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["bool", "bool"]
-- row: ["t", "t"]
-- tag: SELECT 1

-- case: cat2_has_function_and_database_privilege
SELECT has_function_privilege('lower(text)', 'EXECUTE') AS f, has_database_privilege(current_database(), 'CONNECT') AS d, has_schema_privilege('pg_catalog', 'USAGE') AS s;
-- expect:
-- columns: ["f", "d", "s"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "t"]
-- tag: SELECT 1

-- case: cat2_current_schemas
SELECT current_schemas(false) = ARRAY[current_schema()]::name[] AS a, (current_schemas(true))[1] AS first_implicit;
-- expect:
-- columns: ["a", "first_implicit"]
-- types: ["bool", "name"]
-- row: ["t", "pg_catalog"]
-- tag: SELECT 1

-- case: cat2_pg_typeof_expressions
SELECT pg_typeof(1) AS a, pg_typeof(1::int8 + 1) AS b, pg_typeof(1.5) AS c, pg_typeof('x'::text || 1) AS d, pg_typeof(now()) AS e, pg_typeof(current_date - 1) AS f, pg_typeof(ARRAY['a']) AS g, pg_typeof(NULL) AS h;
-- expect:
-- columns: ["a", "b", "c", "d", "e", "f", "g", "h"]
-- types: ["regtype", "regtype", "regtype", "regtype", "regtype", "regtype", "regtype", "regtype"]
-- row: ["integer", "bigint", "numeric", "text", "timestamp with time zone", "date", "text[]", "unknown"]
-- tag: SELECT 1

-- case: cat2_pg_typeof_result_type
SELECT pg_typeof(pg_typeof(1)) AS t;
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["regtype"]
-- tag: SELECT 1

-- case: cat2_info_schema_columns_generated_identity
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, a int, b int GENERATED ALWAYS AS (a * 2) STORED);
SELECT column_name, is_identity, identity_generation, is_generated, generation_expression FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 't' ORDER BY ordinal_position;
-- expect:
-- columns: ["column_name", "is_identity", "identity_generation", "is_generated", "generation_expression"]
-- types: ["name", "varchar", "varchar", "varchar", "varchar"]
-- row: ["id", "YES", "ALWAYS", "NEVER", null]
-- row: ["a", "NO", null, "NEVER", null]
-- row: ["b", "NO", null, "ALWAYS", "(a * 2)"]
-- tag: SELECT 3

-- case: cat2_info_schema_referential_constraints
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (pid int CONSTRAINT t_pid_fk REFERENCES p ON DELETE SET NULL ON UPDATE CASCADE);
SELECT constraint_name, unique_constraint_name, update_rule, delete_rule, match_option FROM information_schema.referential_constraints WHERE constraint_schema = current_schema();
-- expect:
-- columns: ["constraint_name", "unique_constraint_name", "update_rule", "delete_rule", "match_option"]
-- types: ["name", "name", "varchar", "varchar", "varchar"]
-- row: ["t_pid_fk", "p_pkey", "CASCADE", "SET NULL", "NONE"]
-- tag: SELECT 1

-- case: cat2_info_schema_check_constraints
CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 0));
SELECT constraint_name, check_clause FROM information_schema.check_constraints WHERE constraint_schema = current_schema() AND constraint_name = 'a_pos';
-- expect:
-- columns: ["constraint_name", "check_clause"]
-- types: ["name", "varchar"]
-- row: ["a_pos", "((a > 0))"]
-- tag: SELECT 1

-- case: cat2_info_schema_constraint_column_usage
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (pid int CONSTRAINT t_fk REFERENCES p (id));
SELECT table_name, column_name, constraint_name FROM information_schema.constraint_column_usage WHERE constraint_schema = current_schema() ORDER BY constraint_name, table_name;
-- expect:
-- columns: ["table_name", "column_name", "constraint_name"]
-- types: ["name", "name", "name"]
-- row: ["p", "id", "p_pkey"]
-- row: ["p", "id", "t_fk"]
-- tag: SELECT 2

-- case: cat2_info_schema_key_column_usage_fk_position
CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE t (x int, y int, CONSTRAINT t_fk FOREIGN KEY (y, x) REFERENCES p (a, b));
SELECT column_name, ordinal_position, position_in_unique_constraint FROM information_schema.key_column_usage WHERE table_schema = current_schema() AND constraint_name = 't_fk' ORDER BY ordinal_position;
-- expect:
-- columns: ["column_name", "ordinal_position", "position_in_unique_constraint"]
-- types: ["name", "int4", "int4"]
-- row: ["y", "1", "1"]
-- row: ["x", "2", "2"]
-- tag: SELECT 2

-- case: cat2_info_schema_tables_temporary_excluded_schema
CREATE TABLE t1 (a int);
CREATE TEMP TABLE tmp1 (a int);
SELECT table_name, table_type FROM information_schema.tables WHERE table_name IN ('t1', 'tmp1') ORDER BY table_name;
-- expect:
-- columns: ["table_name", "table_type"]
-- types: ["name", "varchar"]
-- row: ["t1", "BASE TABLE"]
-- row: ["tmp1", "LOCAL TEMPORARY"]
-- tag: SELECT 2

-- case: cat2_info_schema_columns_char_types
CREATE TABLE t (a char(3), b varchar, c text, d numeric, e double precision, f smallint);
SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_precision_radix, numeric_scale FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 't' ORDER BY ordinal_position;
-- expect:
-- columns: ["column_name", "data_type", "character_maximum_length", "numeric_precision", "numeric_precision_radix", "numeric_scale"]
-- types: ["name", "varchar", "int4", "int4", "int4", "int4"]
-- row: ["a", "character", "3", null, null, null]
-- row: ["b", "character varying", null, null, null, null]
-- row: ["c", "text", null, null, null, null]
-- row: ["d", "numeric", null, null, "10", null]
-- row: ["e", "double precision", null, "53", "2", null]
-- row: ["f", "smallint", null, "16", "2", "0"]
-- tag: SELECT 6

-- case: cat2_info_schema_columns_datetime_precision
CREATE TABLE t (a timestamp, b timestamp(3) with time zone, c date, d time(0), e interval);
SELECT column_name, data_type, datetime_precision FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 't' ORDER BY ordinal_position;
-- expect:
-- columns: ["column_name", "data_type", "datetime_precision"]
-- types: ["name", "varchar", "int4"]
-- row: ["a", "timestamp without time zone", "6"]
-- row: ["b", "timestamp with time zone", "3"]
-- row: ["c", "date", "0"]
-- row: ["d", "time without time zone", "0"]
-- row: ["e", "interval", "6"]
-- tag: SELECT 5

-- case: cat2_info_schema_views_definition_check
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t WHERE a > 0 WITH CHECK OPTION;
SELECT table_name, check_option, is_updatable FROM information_schema.views WHERE table_schema = current_schema();
-- expect:
-- columns: ["table_name", "check_option", "is_updatable"]
-- types: ["name", "varchar", "varchar"]
-- row: ["v", "CASCADED", "YES"]
-- tag: SELECT 1

-- case: cat2_info_schema_routines
CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql AS 'SELECT i + 1';
SELECT routine_name, routine_type, data_type FROM information_schema.routines WHERE routine_schema = current_schema();
-- expect:
-- columns: ["routine_name", "routine_type", "data_type"]
-- types: ["name", "varchar", "varchar"]
-- row: ["add_one", "FUNCTION", "integer"]
-- tag: SELECT 1

-- case: cat2_info_schema_parameters
CREATE FUNCTION f(a int, b text DEFAULT 'x') RETURNS text LANGUAGE sql AS 'SELECT b || a';
SELECT parameter_name, data_type, ordinal_position, parameter_mode FROM information_schema.parameters WHERE specific_schema = current_schema() ORDER BY ordinal_position;
-- expect:
-- columns: ["parameter_name", "data_type", "ordinal_position", "parameter_mode"]
-- types: ["name", "varchar", "int4", "varchar"]
-- row: ["a", "integer", "1", "IN"]
-- row: ["b", "text", "2", "IN"]
-- tag: SELECT 2

-- case: cat2_pg_class_relnatts_and_kind_counts
CREATE TABLE t (a int, b int, c int);
CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;
CREATE TYPE ct AS (x int);
SELECT relname, relkind, relnatts FROM pg_class WHERE relnamespace = current_schema()::regnamespace ORDER BY relname;
-- expect:
-- columns: ["relname", "relkind", "relnatts"]
-- types: ["name", "\"char\"", "int2"]
-- row: ["ct", "c", "1"]
-- row: ["mv", "m", "1"]
-- row: ["t", "r", "3"]
-- tag: SELECT 3

-- case: cat2_pg_class_relpersistence
CREATE TABLE t1 (a int);
CREATE UNLOGGED TABLE t2 (a int);
SELECT relname, relpersistence FROM pg_class WHERE relnamespace = current_schema()::regnamespace ORDER BY relname;
-- expect:
-- columns: ["relname", "relpersistence"]
-- types: ["name", "\"char\""]
-- row: ["t1", "p"]
-- row: ["t2", "u"]
-- tag: SELECT 2

-- case: cat2_pg_type_typtype_category
SELECT typname, typtype, typcategory, typlen FROM pg_type WHERE typname IN ('int4', 'text', 'bool', 'numeric', 'timestamptz', '_int4', 'void') ORDER BY typname;
-- expect:
-- columns: ["typname", "typtype", "typcategory", "typlen"]
-- types: ["name", "\"char\"", "\"char\"", "int2"]
-- row: ["_int4", "b", "A", "-1"]
-- row: ["bool", "b", "B", "1"]
-- row: ["int4", "b", "N", "4"]
-- row: ["numeric", "b", "N", "-1"]
-- row: ["text", "b", "S", "-1"]
-- row: ["timestamptz", "b", "D", "8"]
-- row: ["void", "p", "P", "4"]
-- tag: SELECT 7

-- case: cat2_pg_type_domain_base
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
SELECT t.typname, t.typtype, format_type(t.typbasetype, t.typtypmod) AS base FROM pg_type t WHERE t.typnamespace = current_schema()::regnamespace AND t.typname = 'posint';
-- expect:
-- columns: ["typname", "typtype", "base"]
-- types: ["name", "\"char\"", "text"]
-- row: ["posint", "d", "integer"]
-- tag: SELECT 1

-- case: cat2_pg_enum_sortorder_after_add
CREATE TYPE mood AS ENUM ('sad', 'happy');
ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy';
SELECT enumlabel FROM pg_enum WHERE enumtypid = 'mood'::regtype ORDER BY enumsortorder;
-- expect:
-- columns: ["enumlabel"]
-- types: ["name"]
-- row: ["sad"]
-- row: ["ok"]
-- row: ["happy"]
-- tag: SELECT 3

-- case: cat2_pg_proc_signature
CREATE FUNCTION f(a int, b text) RETURNS boolean LANGUAGE sql AS 'SELECT true';
SELECT proname, pronargs, pg_get_function_arguments(oid) AS args, pg_get_function_result(oid) AS res, prorettype::regtype::text AS rt FROM pg_proc WHERE proname = 'f' AND pronamespace = current_schema()::regnamespace;
-- expect:
-- columns: ["proname", "pronargs", "args", "res", "rt"]
-- types: ["name", "int2", "text", "text", "text"]
-- row: ["f", "2", "a integer, b text", "boolean", "boolean"]
-- tag: SELECT 1

-- case: cat2_pg_get_functiondef_contains
CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql IMMUTABLE AS $$SELECT a * 2$$;
SELECT position('IMMUTABLE' IN pg_get_functiondef('f'::regproc)) > 0 AS has_immutable, position('SELECT a * 2' IN pg_get_functiondef('f'::regproc)) > 0 AS has_body;
-- expect:
-- columns: ["has_immutable", "has_body"]
-- types: ["bool", "bool"]
-- row: ["t", "t"]
-- tag: SELECT 1

-- case: cat2_pg_get_viewdef_pretty
CREATE TABLE t (a int, b int);
CREATE VIEW v AS SELECT a, b + 1 AS b1 FROM t WHERE a > 5;
SELECT pg_get_viewdef('v'::regclass, true) AS def;
-- expect:
-- columns: ["def"]
-- types: ["text"]
-- row: [" SELECT t.a,\n    t.b + 1 AS b1\n   FROM t\n  WHERE t.a > 5;"]
-- tag: SELECT 1

-- case: cat2_pg_views_definition
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT count(*) AS n FROM t;
SELECT viewname, definition FROM pg_views WHERE schemaname = current_schema();
-- expect:
-- columns: ["viewname", "definition"]
-- types: ["name", "text"]
-- row: ["v", " SELECT count(*) AS n\n   FROM t;"]
-- tag: SELECT 1

-- case: cat2_pg_tables_flags
CREATE TABLE t (a int PRIMARY KEY);
SELECT tablename, hasindexes, hastriggers, rowsecurity FROM pg_tables WHERE schemaname = current_schema();
-- expect:
-- columns: ["tablename", "hasindexes", "hastriggers", "rowsecurity"]
-- types: ["name", "bool", "bool", "bool"]
-- row: ["t", "t", "f", "f"]
-- tag: SELECT 1

-- case: cat2_pg_indexes_for_constraints
CREATE TABLE t (a int PRIMARY KEY, b text UNIQUE);
SELECT indexname, replace(indexdef, current_schema() || '.', '') AS def FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname;
-- expect:
-- columns: ["indexname", "def"]
-- types: ["name", "text"]
-- row: ["t_b_key", "CREATE UNIQUE INDEX t_b_key ON t USING btree (b)"]
-- row: ["t_pkey", "CREATE UNIQUE INDEX t_pkey ON t USING btree (a)"]
-- tag: SELECT 2

-- case: cat2_pg_sequence_params
CREATE SEQUENCE s AS int START 10 INCREMENT 5 MINVALUE 10 MAXVALUE 100 CYCLE;
SELECT format_type(seqtypid, NULL) AS t, seqstart, seqincrement, seqmax, seqmin, seqcycle FROM pg_sequence WHERE seqrelid = 's'::regclass;
-- expect:
-- columns: ["t", "seqstart", "seqincrement", "seqmax", "seqmin", "seqcycle"]
-- types: ["text", "int8", "int8", "int8", "int8", "bool"]
-- row: ["integer", "10", "5", "100", "10", "t"]
-- tag: SELECT 1

-- case: cat2_pg_attrdef_expression
CREATE TABLE t (a int, b text DEFAULT upper('x'), c int DEFAULT 1 + 2);
SELECT a.attname, pg_get_expr(d.adbin, d.adrelid) AS def FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 't'::regclass ORDER BY a.attnum;
-- expect:
-- columns: ["attname", "def"]
-- types: ["name", "text"]
-- row: ["b", "upper('x'::text)"]
-- row: ["c", "(1 + 2)"]
-- tag: SELECT 2

-- case: cat2_col_description
CREATE TABLE t (a int);
COMMENT ON COLUMN t.a IS 'the a column';
SELECT col_description('t'::regclass, 1) AS d, obj_description('t'::regclass, 'pg_class') AS td;
-- expect:
-- columns: ["d", "td"]
-- types: ["text", "text"]
-- row: ["the a column", null]
-- tag: SELECT 1

-- case: cat2_pg_depend_view_on_table_via_rewrite
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
SELECT DISTINCT v.relname AS view_name, t.relname AS table_name FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class JOIN pg_class t ON t.oid = d.refobjid WHERE v.relname = 'v' AND t.relname = 't' AND v.relnamespace = current_schema()::regnamespace;
-- expect:
-- columns: ["view_name", "table_name"]
-- types: ["name", "name"]
-- row: ["v", "t"]
-- tag: SELECT 1

-- case: cat2_pg_inherits
CREATE TABLE parent (a int);
CREATE TABLE child () INHERITS (parent);
SELECT c.relname AS child, p.relname AS parent FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'parent' AND p.relnamespace = current_schema()::regnamespace;
-- expect:
-- columns: ["child", "parent"]
-- types: ["name", "name"]
-- row: ["child", "parent"]
-- tag: SELECT 1

-- case: cat2_pg_partitioned_table
CREATE TABLE m (k int, v text) PARTITION BY RANGE (k);
CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10);
SELECT c.relname, c.relkind, c.relispartition, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace ORDER BY c.relname;
-- expect:
-- columns: ["relname", "relkind", "relispartition", "bound"]
-- types: ["name", "\"char\"", "bool", "text"]
-- row: ["m", "p", "f", null]
-- row: ["m1", "r", "t", "FOR VALUES FROM (0) TO (10)"]
-- tag: SELECT 2

-- case: cat2_pg_settings_boolean_vartype
SELECT name, vartype FROM pg_settings WHERE name IN ('enable_seqscan', 'work_mem', 'search_path', 'extra_float_digits') ORDER BY name;
-- expect:
-- columns: ["name", "vartype"]
-- types: ["text", "text"]
-- row: ["enable_seqscan", "bool"]
-- row: ["extra_float_digits", "integer"]
-- row: ["search_path", "string"]
-- row: ["work_mem", "integer"]
-- tag: SELECT 4

-- case: cat2_current_setting_missing_ok
SELECT current_setting('compat.not_set_zz', true) AS v;
-- expect:
-- columns: ["v"]
-- types: ["text"]
-- row: [null]
-- tag: SELECT 1

-- case: cat2_current_setting_missing_error
SELECT current_setting('compat.not_set_zz');
-- expect:
-- error: 42704

-- case: cat2_pg_roles_current_user_attributes
SELECT rolname = current_user AS me, rolsuper, rolinherit FROM pg_roles WHERE rolname = current_user;
-- expect:
-- columns: ["me", "rolsuper", "rolinherit"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "t"]
-- tag: SELECT 1

-- case: cat2_pg_namespace_system_schemas
SELECT nspname FROM pg_namespace WHERE nspname IN ('pg_catalog', 'information_schema', 'public', 'pg_toast') ORDER BY nspname;
-- expect:
-- columns: ["nspname"]
-- types: ["name"]
-- row: ["information_schema"]
-- row: ["pg_catalog"]
-- row: ["pg_toast"]
-- row: ["public"]
-- tag: SELECT 4

-- case: cat2_regnamespace_cast
SELECT 'pg_catalog'::regnamespace::text AS a, current_schema()::regnamespace::text = current_schema() AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "bool"]
-- row: ["pg_catalog", "t"]
-- tag: SELECT 1

-- case: cat2_pg_get_serial_sequence_identity
CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY, s serial);
SELECT replace(pg_get_serial_sequence('t', 'id'), current_schema() || '.', '') AS a, replace(pg_get_serial_sequence('t', 's'), current_schema() || '.', '') AS b;
-- expect:
-- columns: ["a", "b"]
-- types: ["text", "text"]
-- row: ["t_id_seq", "t_s_seq"]
-- tag: SELECT 1

-- case: cat2_info_schema_columns_domain
CREATE DOMAIN email AS text;
CREATE TABLE t (e email);
SELECT column_name, data_type, domain_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 't';
-- expect:
-- columns: ["column_name", "data_type", "domain_name"]
-- types: ["name", "varchar", "name"]
-- row: ["e", "text", "email"]
-- tag: SELECT 1

-- case: cat2_pg_constraint_not_valid
CREATE TABLE t (a int);
INSERT INTO t VALUES (-1);
ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0) NOT VALID;
SELECT conname, convalidated, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 't'::regclass;
-- expect:
-- columns: ["conname", "convalidated", "def"]
-- types: ["name", "bool", "text"]
-- row: ["a_pos", "f", "CHECK ((a > 0)) NOT VALID"]
-- tag: SELECT 1
