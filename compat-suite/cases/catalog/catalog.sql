-- Catalog queries: information_schema, pg_catalog lookups (no OIDs), format_type, pg_typeof, settings.

-- case: cat_current_schema_is_case_schema
SELECT current_schema() LIKE 'c\_%' AS ok;
-- expect:
-- columns: ["ok"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: cat_information_schema_tables
CREATE TABLE t1 (a int);
CREATE TABLE t2 (a int);
CREATE VIEW v1 AS SELECT a FROM t1;
SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name;
-- expect:
-- columns: ["table_name", "table_type"]
-- types: ["name", "varchar"]
-- row: ["t1", "BASE TABLE"]
-- row: ["t2", "BASE TABLE"]
-- row: ["v1", "VIEW"]
-- tag: SELECT 3

-- case: cat_information_schema_columns
CREATE TABLE t (id int NOT NULL, name varchar(20), price numeric(8, 2), created timestamptz DEFAULT now());
SELECT column_name, ordinal_position, data_type, is_nullable, character_maximum_length, numeric_precision, numeric_scale FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 't' ORDER BY ordinal_position;
-- expect:
-- columns: ["column_name", "ordinal_position", "data_type", "is_nullable", "character_maximum_length", "numeric_precision", "numeric_scale"]
-- types: ["name", "int4", "varchar", "varchar", "int4", "int4", "int4"]
-- row: ["id", "1", "integer", "NO", null, "32", "0"]
-- row: ["name", "2", "character varying", "YES", "20", null, null]
-- row: ["price", "3", "numeric", "YES", null, "8", "2"]
-- row: ["created", "4", "timestamp with time zone", "YES", null, null, null]
-- tag: SELECT 4

-- case: cat_information_schema_columns_default
CREATE TABLE t (a int DEFAULT 5, b text DEFAULT 'x', c serial);
SELECT column_name, column_default FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 't' AND column_name IN ('a', 'b') ORDER BY ordinal_position;
-- expect:
-- columns: ["column_name", "column_default"]
-- types: ["name", "varchar"]
-- row: ["a", "5"]
-- row: ["b", "'x'::text"]
-- tag: SELECT 2

-- case: cat_information_schema_udt_names
CREATE TABLE t (a int, b bigint, c text, d bool, e jsonb, f int[]);
SELECT column_name, udt_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 't' ORDER BY ordinal_position;
-- expect:
-- columns: ["column_name", "udt_name", "data_type"]
-- types: ["name", "name", "varchar"]
-- row: ["a", "int4", "integer"]
-- row: ["b", "int8", "bigint"]
-- row: ["c", "text", "text"]
-- row: ["d", "bool", "boolean"]
-- row: ["e", "jsonb", "jsonb"]
-- row: ["f", "_int4", "ARRAY"]
-- tag: SELECT 6

-- case: cat_information_schema_schemata
SELECT count(*) AS c FROM information_schema.schemata WHERE schema_name IN ('pg_catalog', 'information_schema', 'public');
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["3"]
-- tag: SELECT 1

-- case: cat_information_schema_table_constraints
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (id int PRIMARY KEY, pid int REFERENCES p(id), u int UNIQUE, CHECK (u > 0));
SELECT constraint_type, count(*) AS n FROM information_schema.table_constraints WHERE table_schema = current_schema() AND table_name = 't' GROUP BY constraint_type ORDER BY constraint_type;
-- expect:
-- columns: ["constraint_type", "n"]
-- types: ["varchar", "int8"]
-- row: ["CHECK", "2"]
-- row: ["FOREIGN KEY", "1"]
-- row: ["PRIMARY KEY", "1"]
-- row: ["UNIQUE", "1"]
-- tag: SELECT 4

-- case: cat_information_schema_key_column_usage
CREATE TABLE t (a int, b int, PRIMARY KEY (a, b));
SELECT column_name, ordinal_position FROM information_schema.key_column_usage WHERE table_schema = current_schema() AND table_name = 't' ORDER BY ordinal_position;
-- expect:
-- columns: ["column_name", "ordinal_position"]
-- types: ["name", "int4"]
-- row: ["a", "1"]
-- row: ["b", "2"]
-- tag: SELECT 2

-- case: cat_information_schema_views
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
SELECT table_name FROM information_schema.views WHERE table_schema = current_schema();
-- expect:
-- columns: ["table_name"]
-- types: ["name"]
-- row: ["v"]
-- tag: SELECT 1

-- case: cat_information_schema_sequences
CREATE SEQUENCE s START 5 INCREMENT 2;
SELECT sequence_name, data_type, start_value, increment FROM information_schema.sequences WHERE sequence_schema = current_schema();
-- expect:
-- columns: ["sequence_name", "data_type", "start_value", "increment"]
-- types: ["name", "varchar", "varchar", "varchar"]
-- row: ["s", "bigint", "5", "2"]
-- tag: SELECT 1

-- case: cat_pg_class_relkind
CREATE TABLE t (a int PRIMARY KEY);
CREATE VIEW v AS SELECT a FROM t;
CREATE SEQUENCE s;
CREATE INDEX t_idx ON t (a);
SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() ORDER BY c.relname;
-- expect:
-- columns: ["relname", "relkind"]
-- types: ["name", "\"char\""]
-- row: ["s", "S"]
-- row: ["t", "r"]
-- row: ["t_idx", "i"]
-- row: ["t_pkey", "i"]
-- row: ["v", "v"]
-- tag: SELECT 5

-- case: cat_pg_namespace_exists
SELECT nspname FROM pg_namespace WHERE nspname IN ('pg_catalog', 'public', 'information_schema') ORDER BY nspname;
-- expect:
-- columns: ["nspname"]
-- types: ["name"]
-- row: ["information_schema"]
-- row: ["pg_catalog"]
-- row: ["public"]
-- tag: SELECT 3

-- case: cat_pg_namespace_case_schema
SELECT count(*) AS c FROM pg_namespace WHERE nspname = current_schema();
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1

-- case: cat_pg_attribute_columns
CREATE TABLE t (a int NOT NULL, b text, c numeric(5, 2));
SELECT a.attname, a.attnum, a.attnotnull, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = 't' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
-- expect:
-- columns: ["attname", "attnum", "attnotnull", "type"]
-- types: ["name", "int2", "bool", "text"]
-- row: ["a", "1", "t", "integer"]
-- row: ["b", "2", "f", "text"]
-- row: ["c", "3", "f", "numeric(5,2)"]
-- tag: SELECT 3

-- case: cat_pg_attribute_dropped_column
CREATE TABLE t (a int, b int, c int);
ALTER TABLE t DROP COLUMN b;
SELECT a.attname FROM pg_attribute a WHERE a.attrelid = 't'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
-- expect:
-- columns: ["attname"]
-- types: ["name"]
-- row: ["a"]
-- row: ["c"]
-- tag: SELECT 2

-- case: cat_pg_type_builtin_lookup
SELECT typname, typlen, typtype, typcategory FROM pg_type WHERE typname IN ('int4', 'text', 'bool', 'numeric', 'timestamptz') ORDER BY typname;
-- expect:
-- columns: ["typname", "typlen", "typtype", "typcategory"]
-- types: ["name", "int2", "\"char\"", "\"char\""]
-- row: ["bool", "1", "b", "B"]
-- row: ["int4", "4", "b", "N"]
-- row: ["numeric", "-1", "b", "N"]
-- row: ["text", "-1", "b", "S"]
-- row: ["timestamptz", "8", "b", "D"]
-- tag: SELECT 5

-- case: cat_pg_type_enum
CREATE TYPE mood AS ENUM ('a', 'b');
SELECT t.typname, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema() AND t.typname = 'mood';
-- expect:
-- columns: ["typname", "typtype"]
-- types: ["name", "\"char\""]
-- row: ["mood", "e"]
-- tag: SELECT 1

-- case: cat_pg_enum_labels
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
SELECT e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema() ORDER BY e.enumsortorder;
-- expect:
-- columns: ["enumlabel", "enumsortorder"]
-- types: ["name", "float4"]
-- row: ["sad", "1"]
-- row: ["ok", "2"]
-- row: ["happy", "3"]
-- tag: SELECT 3

-- case: cat_format_type_builtin
SELECT format_type('int4'::regtype, NULL) AS a, format_type('varchar'::regtype, 14) AS b, format_type('numeric'::regtype, 655366) AS c, format_type('_text'::regtype, NULL) AS d, format_type('timestamptz'::regtype, NULL) AS e;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["text", "text", "text", "text", "text"]
-- row: ["integer", "character varying(10)", "numeric(10,2)", "text[]", "timestamp with time zone"]
-- tag: SELECT 1

-- case: cat_regtype_text
SELECT 'integer'::regtype::text AS a, 'int8'::regtype::text AS b, 'character varying'::regtype::text AS c, 'double precision'::regtype::text AS d;
-- expect:
-- columns: ["a", "b", "c", "d"]
-- types: ["text", "text", "text", "text"]
-- row: ["integer", "bigint", "character varying", "double precision"]
-- tag: SELECT 1

-- case: cat_regclass_missing
SELECT 'no_such_rel'::regclass;
-- expect:
-- error: 42P01

-- case: cat_to_regclass_missing_null
SELECT to_regclass('no_such_rel') IS NULL AS a;
-- expect:
-- columns: ["a"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: cat_pg_tables
CREATE TABLE b (a int);
CREATE TABLE a (a int);
SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename;
-- expect:
-- columns: ["tablename"]
-- types: ["name"]
-- row: ["a"]
-- row: ["b"]
-- tag: SELECT 2

-- case: cat_pg_views
CREATE TABLE t (a int);
CREATE VIEW v AS SELECT a FROM t;
SELECT viewname FROM pg_views WHERE schemaname = current_schema();
-- expect:
-- columns: ["viewname"]
-- types: ["name"]
-- row: ["v"]
-- tag: SELECT 1

-- case: cat_pg_indexes
CREATE TABLE t (a int PRIMARY KEY, b int);
CREATE INDEX t_b_idx ON t (b);
SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 't' ORDER BY indexname;
-- expect:
-- columns: ["indexname"]
-- types: ["name"]
-- row: ["t_b_idx"]
-- row: ["t_pkey"]
-- tag: SELECT 2

-- case: cat_pg_indexes_indexdef
CREATE TABLE t (a int, b text);
CREATE UNIQUE INDEX t_ab ON t (a, lower(b));
SELECT replace(indexdef, current_schema() || '.', '') AS def FROM pg_indexes WHERE schemaname = current_schema();
-- expect:
-- columns: ["def"]
-- types: ["text"]
-- row: ["CREATE UNIQUE INDEX t_ab ON t USING btree (a, lower(b))"]
-- tag: SELECT 1

-- case: cat_pg_index_flags
CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE, c int);
CREATE INDEX t_c ON t (c);
SELECT c.relname, i.indisunique, i.indisprimary FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() ORDER BY c.relname;
-- expect:
-- columns: ["relname", "indisunique", "indisprimary"]
-- types: ["name", "bool", "bool"]
-- row: ["t_b_key", "t", "f"]
-- row: ["t_c", "f", "f"]
-- row: ["t_pkey", "t", "t"]
-- tag: SELECT 3

-- case: cat_pg_constraint_types
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (id int PRIMARY KEY, pid int REFERENCES p, CHECK (id > 0));
SELECT conname, contype FROM pg_constraint WHERE conrelid = 't'::regclass ORDER BY conname;
-- expect:
-- columns: ["conname", "contype"]
-- types: ["name", "\"char\""]
-- row: ["t_id_check", "c"]
-- row: ["t_pid_fkey", "f"]
-- row: ["t_pkey", "p"]
-- tag: SELECT 3

-- case: cat_pg_get_constraintdef
CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 0));
SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'a_pos' AND conrelid = 't'::regclass;
-- expect:
-- columns: ["def"]
-- types: ["text"]
-- row: ["CHECK ((a > 0))"]
-- tag: SELECT 1

-- case: cat_pg_get_viewdef
CREATE TABLE t (a int, b int);
CREATE VIEW v AS SELECT a + b AS s FROM t WHERE a > 1;
SELECT pg_get_viewdef('v'::regclass, true) AS def;
-- expect:
-- columns: ["def"]
-- types: ["text"]
-- row: [" SELECT t.a + t.b AS s\n   FROM t\n  WHERE t.a > 1;"]
-- tag: SELECT 1

-- case: cat_pg_roles_superuser
SELECT rolname, rolsuper, rolcanlogin FROM pg_roles WHERE rolname = current_user;
-- expect:
-- columns: ["rolname", "rolsuper", "rolcanlogin"]
-- types: ["name", "bool", "bool"]
-- row: ["postgres", "t", "t"]
-- tag: SELECT 1

-- case: cat_pg_database_exists
SELECT datname FROM pg_database WHERE datname = 'postgres';
-- expect:
-- columns: ["datname"]
-- types: ["name"]
-- row: ["postgres"]
-- tag: SELECT 1

-- case: cat_pg_settings_lookup
SELECT name, setting FROM pg_settings WHERE name IN ('TimeZone', 'DateStyle', 'IntervalStyle', 'standard_conforming_strings') ORDER BY name;
-- expect:
-- columns: ["name", "setting"]
-- types: ["text", "text"]
-- row: ["DateStyle", "ISO, MDY"]
-- row: ["IntervalStyle", "postgres"]
-- row: ["TimeZone", "UTC"]
-- row: ["standard_conforming_strings", "on"]
-- tag: SELECT 4

-- case: cat_server_encoding
SHOW server_encoding;
-- expect:
-- columns: ["server_encoding"]
-- types: ["text"]
-- row: ["UTF8"]
-- tag: SHOW

-- case: cat_client_encoding
SHOW client_encoding;
-- expect:
-- columns: ["client_encoding"]
-- types: ["text"]
-- row: ["UTF8"]
-- tag: SHOW

-- case: cat_standard_conforming_strings
SHOW standard_conforming_strings;
-- expect:
-- columns: ["standard_conforming_strings"]
-- types: ["text"]
-- row: ["on"]
-- tag: SHOW

-- case: cat_show_search_path
SHOW search_path;
-- expect:
-- columns: ["search_path"]
-- types: ["text"]
-- row: ["c_37"]
-- tag: SHOW

-- case: cat_show_datestyle
SHOW DateStyle;
-- expect:
-- columns: ["DateStyle"]
-- types: ["text"]
-- row: ["ISO, MDY"]
-- tag: SHOW

-- case: cat_show_integer_datetimes
SHOW integer_datetimes;
-- expect:
-- columns: ["integer_datetimes"]
-- types: ["text"]
-- row: ["on"]
-- tag: SHOW

-- case: cat_show_max_identifier_length
SHOW max_identifier_length;
-- expect:
-- columns: ["max_identifier_length"]
-- types: ["text"]
-- row: ["63"]
-- tag: SHOW

-- case: cat_pg_typeof_columns
CREATE TABLE t (a int2, b float4, c varchar(5), d char(2), e timestamp(3));
INSERT INTO t VALUES (1, 1, 'x', 'y', '2024-01-01');
SELECT pg_typeof(a) AS a, pg_typeof(b) AS b, pg_typeof(c) AS c, pg_typeof(d) AS d, pg_typeof(e) AS e FROM t;
-- expect:
-- columns: ["a", "b", "c", "d", "e"]
-- types: ["regtype", "regtype", "regtype", "regtype", "regtype"]
-- row: ["smallint", "real", "character varying", "character", "timestamp without time zone"]
-- tag: SELECT 1

-- case: cat_pg_class_reltuples_free_columns
CREATE TABLE t (a int);
SELECT relname, relhasindex, relpersistence FROM pg_class WHERE oid = 't'::regclass;
-- expect:
-- columns: ["relname", "relhasindex", "relpersistence"]
-- types: ["name", "bool", "\"char\""]
-- row: ["t", "f", "p"]
-- tag: SELECT 1

-- case: cat_temp_table_persistence
CREATE TEMP TABLE tt (a int);
SELECT relpersistence FROM pg_class WHERE oid = 'tt'::regclass;
-- expect:
-- columns: ["relpersistence"]
-- types: ["\"char\""]
-- row: ["t"]
-- tag: SELECT 1

-- case: cat_pg_get_serial_sequence
CREATE TABLE t (id serial, v text);
SELECT pg_get_serial_sequence('t', 'id') = current_schema() || '.t_id_seq' AS ok;
-- expect:
-- columns: ["ok"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: cat_pg_sequences_view
CREATE SEQUENCE s START 3;
SELECT sequencename, start_value, increment_by, last_value FROM pg_sequences WHERE schemaname = current_schema();
-- expect:
-- columns: ["sequencename", "start_value", "increment_by", "last_value"]
-- types: ["name", "int8", "int8", "int8"]
-- row: ["s", "3", "1", null]
-- tag: SELECT 1

-- case: cat_obj_description_missing
CREATE TABLE t (a int);
SELECT obj_description('t'::regclass, 'pg_class') IS NULL AS no_comment;
-- expect:
-- columns: ["no_comment"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: cat_pg_description_via_comment
CREATE TABLE t (a int);
COMMENT ON COLUMN t.a IS 'col a';
SELECT d.description FROM pg_description d WHERE d.objoid = 't'::regclass AND d.objsubid = 1;
-- expect:
-- columns: ["description"]
-- types: ["text"]
-- row: ["col a"]
-- tag: SELECT 1

-- case: cat_pg_attrdef_default
CREATE TABLE t (a int DEFAULT 42);
SELECT pg_get_expr(d.adbin, d.adrelid) AS def FROM pg_attrdef d WHERE d.adrelid = 't'::regclass;
-- expect:
-- columns: ["def"]
-- types: ["text"]
-- row: ["42"]
-- tag: SELECT 1

-- case: cat_table_is_visible
CREATE TABLE t (a int);
SELECT pg_table_is_visible('t'::regclass) AS v;
-- expect:
-- columns: ["v"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: cat_information_schema_identity
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, b int);
SELECT column_name, is_identity, identity_generation FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 't' ORDER BY ordinal_position;
-- expect:
-- columns: ["column_name", "is_identity", "identity_generation"]
-- types: ["name", "varchar", "varchar"]
-- row: ["id", "YES", "ALWAYS"]
-- row: ["b", "NO", null]
-- tag: SELECT 2

-- case: cat_pg_proc_builtin
SELECT proname, prorettype::regtype::text AS rettype FROM pg_proc WHERE proname = 'upper' ORDER BY 2;
-- expect:
-- columns: ["proname", "rettype"]
-- types: ["name", "text"]
-- row: ["upper", "anyelement"]
-- row: ["upper", "anyelement"]
-- row: ["upper", "text"]
-- tag: SELECT 3

-- case: cat_user_function_in_pg_proc
CREATE FUNCTION plus1(int) RETURNS int LANGUAGE sql AS 'SELECT $1 + 1';
SELECT p.proname, pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS res FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema();
-- expect:
-- columns: ["proname", "args", "res"]
-- types: ["name", "text", "text"]
-- row: ["plus1", "integer", "integer"]
-- tag: SELECT 1

-- case: cat_has_schema_privilege
SELECT has_schema_privilege(current_schema(), 'CREATE') AS c, has_schema_privilege('pg_catalog', 'USAGE') AS u;
-- expect:
-- columns: ["c", "u"]
-- types: ["bool", "bool"]
-- row: ["t", "t"]
-- tag: SELECT 1

-- case: cat_current_database_type
SELECT pg_typeof(current_database()) AS t;
-- expect:
-- columns: ["t"]
-- types: ["regtype"]
-- row: ["name"]
-- tag: SELECT 1

-- case: cat_pg_stat_activity_self
SELECT count(*) >= 1 AS ok FROM pg_stat_activity WHERE pid = pg_backend_pid();
-- expect:
-- columns: ["ok"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1
