-- Privileges, part 2: GRANT/REVOKE/SET ROLE flows. Roles are named compat_p_q* and dropped in
-- the cleanup section (which also runs before the case). @schema@ is the case's own schema.

-- case: priv2_grant_select_then_revoke_denied
CREATE ROLE compat_p_q01;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q01;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_q01;
REVOKE SELECT ON t FROM compat_p_q01;
SET ROLE compat_p_q01;
SELECT * FROM t;
-- cleanup:
DROP OWNED BY compat_p_q01;
DROP ROLE IF EXISTS compat_p_q01;
-- expect:
-- error: 42501

-- case: priv2_grant_update_column_only
CREATE ROLE compat_p_q02;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q02;
CREATE TABLE t (id int, a int, b int);
INSERT INTO t VALUES (1, 0, 0);
GRANT SELECT (id), UPDATE (a) ON t TO compat_p_q02;
SET ROLE compat_p_q02;
UPDATE t SET a = 5 WHERE id = 1;
-- cleanup:
DROP OWNED BY compat_p_q02;
DROP ROLE IF EXISTS compat_p_q02;
-- expect:
-- tag: UPDATE 1

-- case: priv2_grant_update_column_other_denied
CREATE ROLE compat_p_q03;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q03;
CREATE TABLE t (id int, a int, b int);
GRANT SELECT (id), UPDATE (a) ON t TO compat_p_q03;
SET ROLE compat_p_q03;
UPDATE t SET b = 5 WHERE id = 1;
-- cleanup:
DROP OWNED BY compat_p_q03;
DROP ROLE IF EXISTS compat_p_q03;
-- expect:
-- error: 42501

-- case: priv2_column_insert_privilege
CREATE ROLE compat_p_q04;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q04;
CREATE TABLE t (a int, b int DEFAULT 7);
GRANT INSERT (a) ON t TO compat_p_q04;
SET ROLE compat_p_q04;
INSERT INTO t (a) VALUES (1);
-- cleanup:
DROP OWNED BY compat_p_q04;
DROP ROLE IF EXISTS compat_p_q04;
-- expect:
-- tag: INSERT 0 1

-- case: priv2_column_insert_privilege_other_column_denied
CREATE ROLE compat_p_q05;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q05;
CREATE TABLE t (a int, b int);
GRANT INSERT (a) ON t TO compat_p_q05;
SET ROLE compat_p_q05;
INSERT INTO t (a, b) VALUES (1, 2);
-- cleanup:
DROP OWNED BY compat_p_q05;
DROP ROLE IF EXISTS compat_p_q05;
-- expect:
-- error: 42501

-- case: priv2_select_star_with_partial_column_grant_denied
CREATE ROLE compat_p_q06;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q06;
CREATE TABLE t (a int, secret text);
GRANT SELECT (a) ON t TO compat_p_q06;
SET ROLE compat_p_q06;
SELECT * FROM t;
-- cleanup:
DROP OWNED BY compat_p_q06;
DROP ROLE IF EXISTS compat_p_q06;
-- expect:
-- error: 42501

-- case: priv2_role_membership_via_group
CREATE ROLE compat_p_q07g;
CREATE ROLE compat_p_q07u;
GRANT compat_p_q07g TO compat_p_q07u;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q07g;
CREATE TABLE t (a int);
INSERT INTO t VALUES (42);
GRANT SELECT ON t TO compat_p_q07g;
SET ROLE compat_p_q07u;
SELECT a FROM t;
-- cleanup:
DROP OWNED BY compat_p_q07g;
DROP OWNED BY compat_p_q07u;
DROP ROLE IF EXISTS compat_p_q07u;
DROP ROLE IF EXISTS compat_p_q07g;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["42"]
-- tag: SELECT 1

-- case: priv2_noinherit_member_needs_set_role
CREATE ROLE compat_p_q08g;
CREATE ROLE compat_p_q08u NOINHERIT;
GRANT compat_p_q08g TO compat_p_q08u;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q08g, compat_p_q08u;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_q08g;
SET ROLE compat_p_q08u;
SELECT a FROM t;
-- cleanup:
DROP OWNED BY compat_p_q08g;
DROP OWNED BY compat_p_q08u;
DROP ROLE IF EXISTS compat_p_q08u;
DROP ROLE IF EXISTS compat_p_q08g;
-- expect:
-- error: 42501

-- case: priv2_set_role_chain_to_group
CREATE ROLE compat_p_q09g;
CREATE ROLE compat_p_q09u;
GRANT compat_p_q09g TO compat_p_q09u;
SET SESSION AUTHORIZATION compat_p_q09u;
SET ROLE compat_p_q09g;
SELECT current_user AS cu;
-- cleanup:
DROP ROLE IF EXISTS compat_p_q09u;
DROP ROLE IF EXISTS compat_p_q09g;
-- expect:
-- columns: ["cu"]
-- types: ["name"]
-- row: ["compat_p_q09g"]
-- tag: SELECT 1

-- case: priv2_set_role_none_resets
CREATE ROLE compat_p_q10;
SET ROLE compat_p_q10;
SET ROLE NONE;
SELECT current_user = session_user AS back;
-- cleanup:
DROP ROLE IF EXISTS compat_p_q10;
-- expect:
-- columns: ["back"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: priv2_set_role_missing
SET ROLE compat_p_never_exists_zz;
-- expect:
-- error: 22023

-- case: priv2_grant_on_schema_create_then_create
CREATE ROLE compat_p_q11;
GRANT USAGE, CREATE ON SCHEMA @schema@ TO compat_p_q11;
SET ROLE compat_p_q11;
CREATE TABLE owned_by_q11 (a int);
SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'owned_by_q11';
-- cleanup:
DROP OWNED BY compat_p_q11;
DROP ROLE IF EXISTS compat_p_q11;
-- expect:
-- columns: ["tableowner"]
-- types: ["name"]
-- row: ["compat_p_q11"]
-- tag: SELECT 1

-- case: priv2_revoke_usage_schema_denies
CREATE ROLE compat_p_q12;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q12;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_q12;
REVOKE USAGE ON SCHEMA @schema@ FROM compat_p_q12;
SET ROLE compat_p_q12;
SELECT * FROM @schema@.t;
-- cleanup:
DROP OWNED BY compat_p_q12;
DROP ROLE IF EXISTS compat_p_q12;
-- expect:
-- error: 42501

-- case: priv2_has_table_privilege_for_role_after_grant
CREATE ROLE compat_p_q13;
CREATE TABLE t (a int);
GRANT SELECT, INSERT ON t TO compat_p_q13;
SELECT has_table_privilege('compat_p_q13', 't', 'SELECT') AS s, has_table_privilege('compat_p_q13', 't', 'INSERT') AS i, has_table_privilege('compat_p_q13', 't', 'DELETE') AS d, has_table_privilege('compat_p_q13', 't', 'SELECT WITH GRANT OPTION') AS sg;
-- cleanup:
DROP OWNED BY compat_p_q13;
DROP ROLE IF EXISTS compat_p_q13;
-- expect:
-- columns: ["s", "i", "d", "sg"]
-- types: ["bool", "bool", "bool", "bool"]
-- row: ["t", "t", "f", "f"]
-- tag: SELECT 1

-- case: priv2_grant_option_allows_regrant
CREATE ROLE compat_p_q14a;
CREATE ROLE compat_p_q14b;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q14a, compat_p_q14b;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_q14a WITH GRANT OPTION;
SET ROLE compat_p_q14a;
GRANT SELECT ON t TO compat_p_q14b;
RESET ROLE;
SELECT has_table_privilege('compat_p_q14b', 't', 'SELECT') AS b_can;
-- cleanup:
DROP OWNED BY compat_p_q14b;
DROP OWNED BY compat_p_q14a;
DROP ROLE IF EXISTS compat_p_q14b;
DROP ROLE IF EXISTS compat_p_q14a;
-- expect:
-- columns: ["b_can"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: priv2_regrant_without_grant_option_warns_only
CREATE ROLE compat_p_q15a;
CREATE ROLE compat_p_q15b;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q15a;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_q15a;
SET ROLE compat_p_q15a;
GRANT SELECT ON t TO compat_p_q15b;
-- cleanup:
DROP OWNED BY compat_p_q15b;
DROP OWNED BY compat_p_q15a;
DROP ROLE IF EXISTS compat_p_q15b;
DROP ROLE IF EXISTS compat_p_q15a;
-- expect:
-- tag: GRANT

-- case: priv2_revoke_cascade_dependent_grants
CREATE ROLE compat_p_q16a;
CREATE ROLE compat_p_q16b;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q16a, compat_p_q16b;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_q16a WITH GRANT OPTION;
SET ROLE compat_p_q16a;
GRANT SELECT ON t TO compat_p_q16b;
RESET ROLE;
REVOKE SELECT ON t FROM compat_p_q16a CASCADE;
SELECT has_table_privilege('compat_p_q16a', 't', 'SELECT') AS a_can, has_table_privilege('compat_p_q16b', 't', 'SELECT') AS b_can;
-- cleanup:
DROP OWNED BY compat_p_q16b;
DROP OWNED BY compat_p_q16a;
DROP ROLE IF EXISTS compat_p_q16b;
DROP ROLE IF EXISTS compat_p_q16a;
-- expect:
-- columns: ["a_can", "b_can"]
-- types: ["bool", "bool"]
-- row: ["f", "f"]
-- tag: SELECT 1

-- case: priv2_revoke_without_cascade_dependent_error
CREATE ROLE compat_p_q17a;
CREATE ROLE compat_p_q17b;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q17a, compat_p_q17b;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_q17a WITH GRANT OPTION;
SET ROLE compat_p_q17a;
GRANT SELECT ON t TO compat_p_q17b;
RESET ROLE;
REVOKE SELECT ON t FROM compat_p_q17a;
-- cleanup:
DROP OWNED BY compat_p_q17b;
DROP OWNED BY compat_p_q17a;
DROP ROLE IF EXISTS compat_p_q17b;
DROP ROLE IF EXISTS compat_p_q17a;
-- expect:
-- error: 2BP01

-- case: priv2_public_revoke_function_execute
CREATE ROLE compat_p_q18;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q18;
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';
REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC;
SET ROLE compat_p_q18;
SELECT f();
-- cleanup:
DROP OWNED BY compat_p_q18;
DROP ROLE IF EXISTS compat_p_q18;
-- expect:
-- error: 42501

-- case: priv2_security_definer_function_bypasses
CREATE ROLE compat_p_q19;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q19;
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
CREATE FUNCTION cnt() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS 'SELECT count(*) FROM t';
ALTER FUNCTION cnt() SET search_path = @schema@;
SET ROLE compat_p_q19;
SELECT cnt() AS n;
-- cleanup:
DROP OWNED BY compat_p_q19;
DROP ROLE IF EXISTS compat_p_q19;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: priv2_security_invoker_function_denied
CREATE ROLE compat_p_q20;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q20;
CREATE TABLE t (a int);
CREATE FUNCTION cnt() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM t';
ALTER FUNCTION cnt() SET search_path = @schema@;
SET ROLE compat_p_q20;
SELECT cnt();
-- cleanup:
DROP OWNED BY compat_p_q20;
DROP ROLE IF EXISTS compat_p_q20;
-- expect:
-- error: 42501

-- case: priv2_view_grants_select_without_table
CREATE ROLE compat_p_q21;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q21;
CREATE TABLE t (a int, secret text);
INSERT INTO t VALUES (1, 's');
CREATE VIEW v AS SELECT a FROM t;
GRANT SELECT ON v TO compat_p_q21;
SET ROLE compat_p_q21;
SELECT a FROM v;
-- cleanup:
DROP OWNED BY compat_p_q21;
DROP ROLE IF EXISTS compat_p_q21;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: priv2_sequence_nextval_needs_usage_via_serial
CREATE ROLE compat_p_q22;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q22;
CREATE TABLE t (id serial, v text);
GRANT INSERT ON t TO compat_p_q22;
SET ROLE compat_p_q22;
INSERT INTO t (v) VALUES ('x');
-- cleanup:
DROP OWNED BY compat_p_q22;
DROP ROLE IF EXISTS compat_p_q22;
-- expect:
-- error: 42501

-- case: priv2_identity_insert_needs_no_sequence_grant
CREATE ROLE compat_p_q23;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q23;
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text);
GRANT INSERT ON t TO compat_p_q23;
SET ROLE compat_p_q23;
INSERT INTO t (v) VALUES ('x');
-- cleanup:
DROP OWNED BY compat_p_q23;
DROP ROLE IF EXISTS compat_p_q23;
-- expect:
-- tag: INSERT 0 1

-- case: priv2_default_privileges_apply_to_new_tables
CREATE ROLE compat_p_q24;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q24;
ALTER DEFAULT PRIVILEGES IN SCHEMA @schema@ GRANT SELECT ON TABLES TO compat_p_q24;
CREATE TABLE t (a int);
INSERT INTO t VALUES (9);
SET ROLE compat_p_q24;
SELECT a FROM t;
-- cleanup:
ALTER DEFAULT PRIVILEGES IN SCHEMA @schema@ REVOKE SELECT ON TABLES FROM compat_p_q24;
DROP OWNED BY compat_p_q24;
DROP ROLE IF EXISTS compat_p_q24;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["9"]
-- tag: SELECT 1

-- case: priv2_owner_transfer_gives_access
CREATE ROLE compat_p_q25;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q25;
CREATE TABLE t (a int);
INSERT INTO t VALUES (3);
ALTER TABLE t OWNER TO compat_p_q25;
SET ROLE compat_p_q25;
SELECT a FROM t;
-- cleanup:
DROP OWNED BY compat_p_q25;
DROP ROLE IF EXISTS compat_p_q25;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["3"]
-- tag: SELECT 1

-- case: priv2_non_owner_drop_table_denied
CREATE ROLE compat_p_q26;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q26;
CREATE TABLE t (a int);
GRANT ALL ON t TO compat_p_q26;
SET ROLE compat_p_q26;
DROP TABLE t;
-- cleanup:
DROP OWNED BY compat_p_q26;
DROP ROLE IF EXISTS compat_p_q26;
-- expect:
-- error: 42501

-- case: priv2_grant_all_privileges_list
CREATE ROLE compat_p_q27;
CREATE TABLE t (a int);
GRANT ALL PRIVILEGES ON t TO compat_p_q27;
SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'compat_p_q27' AND table_name = 't' ORDER BY privilege_type;
-- cleanup:
DROP OWNED BY compat_p_q27;
DROP ROLE IF EXISTS compat_p_q27;
-- expect:
-- columns: ["privilege_type"]
-- types: ["varchar"]
-- row: ["DELETE"]
-- row: ["INSERT"]
-- row: ["REFERENCES"]
-- row: ["SELECT"]
-- row: ["TRIGGER"]
-- row: ["TRUNCATE"]
-- row: ["UPDATE"]
-- tag: SELECT 7

-- case: priv2_information_schema_column_privileges
CREATE ROLE compat_p_q28;
CREATE TABLE t (a int, b int);
GRANT SELECT (b) ON t TO compat_p_q28;
SELECT column_name, privilege_type FROM information_schema.column_privileges WHERE grantee = 'compat_p_q28' AND table_schema = current_schema() ORDER BY column_name;
-- cleanup:
DROP OWNED BY compat_p_q28;
DROP ROLE IF EXISTS compat_p_q28;
-- expect:
-- columns: ["column_name", "privilege_type"]
-- types: ["name", "varchar"]
-- row: ["b", "SELECT"]
-- tag: SELECT 1

-- case: priv2_pg_has_role_member_usage
CREATE ROLE compat_p_q29g;
CREATE ROLE compat_p_q29u;
GRANT compat_p_q29g TO compat_p_q29u;
SELECT pg_has_role('compat_p_q29u', 'compat_p_q29g', 'MEMBER') AS m, pg_has_role('compat_p_q29u', 'compat_p_q29g', 'USAGE') AS u, pg_has_role('compat_p_q29g', 'compat_p_q29u', 'MEMBER') AS rev;
-- cleanup:
DROP ROLE IF EXISTS compat_p_q29u;
DROP ROLE IF EXISTS compat_p_q29g;
-- expect:
-- columns: ["m", "u", "rev"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "f"]
-- tag: SELECT 1

-- case: priv2_pg_auth_members_listing
CREATE ROLE compat_p_q30g;
CREATE ROLE compat_p_q30u;
GRANT compat_p_q30g TO compat_p_q30u WITH ADMIN OPTION;
SELECT r.rolname AS role, m.rolname AS member, am.admin_option FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid JOIN pg_roles m ON m.oid = am.member WHERE r.rolname = 'compat_p_q30g';
-- cleanup:
DROP ROLE IF EXISTS compat_p_q30u;
DROP ROLE IF EXISTS compat_p_q30g;
-- expect:
-- columns: ["role", "member", "admin_option"]
-- types: ["name", "name", "bool"]
-- row: ["compat_p_q30g", "compat_p_q30u", "t"]
-- tag: SELECT 1

-- case: priv2_revoke_membership
CREATE ROLE compat_p_q31g;
CREATE ROLE compat_p_q31u;
GRANT compat_p_q31g TO compat_p_q31u;
REVOKE compat_p_q31g FROM compat_p_q31u;
SET SESSION AUTHORIZATION compat_p_q31u;
SET ROLE compat_p_q31g;
-- cleanup:
DROP ROLE IF EXISTS compat_p_q31u;
DROP ROLE IF EXISTS compat_p_q31g;
-- expect:
-- error: 42501

-- case: priv2_circular_membership_error
CREATE ROLE compat_p_q32a;
CREATE ROLE compat_p_q32b;
GRANT compat_p_q32a TO compat_p_q32b;
GRANT compat_p_q32b TO compat_p_q32a;
-- cleanup:
DROP ROLE IF EXISTS compat_p_q32b;
DROP ROLE IF EXISTS compat_p_q32a;
-- expect:
-- error: 0LP01

-- case: priv2_alter_role_rename
CREATE ROLE compat_p_q33;
ALTER ROLE compat_p_q33 RENAME TO compat_p_q33r;
SELECT rolname FROM pg_roles WHERE rolname LIKE 'compat\_p\_q33%';
-- cleanup:
DROP ROLE IF EXISTS compat_p_q33;
DROP ROLE IF EXISTS compat_p_q33r;
-- expect:
-- columns: ["rolname"]
-- types: ["name"]
-- row: ["compat_p_q33r"]
-- tag: SELECT 1

-- case: priv2_role_connection_limit_and_validuntil
CREATE ROLE compat_p_q34 CONNECTION LIMIT 3 VALID UNTIL '2099-01-01 00:00:00+00';
SELECT rolconnlimit, rolvaliduntil FROM pg_roles WHERE rolname = 'compat_p_q34';
-- cleanup:
DROP ROLE IF EXISTS compat_p_q34;
-- expect:
-- columns: ["rolconnlimit", "rolvaliduntil"]
-- types: ["int4", "timestamptz"]
-- row: ["3", "2099-01-01 00:00:00+00"]
-- tag: SELECT 1

-- case: priv2_drop_owned_then_drop_role
CREATE ROLE compat_p_q35;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_q35;
DROP OWNED BY compat_p_q35;
DROP ROLE compat_p_q35;
-- cleanup:
DROP OWNED BY compat_p_q35;
DROP ROLE IF EXISTS compat_p_q35;
-- expect:
-- tag: DROP ROLE

-- case: priv2_reassign_owned
CREATE ROLE compat_p_q36;
CREATE TABLE t (a int);
ALTER TABLE t OWNER TO compat_p_q36;
REASSIGN OWNED BY compat_p_q36 TO CURRENT_USER;
SELECT tableowner = current_user AS mine FROM pg_tables WHERE schemaname = current_schema() AND tablename = 't';
-- cleanup:
DROP OWNED BY compat_p_q36;
DROP ROLE IF EXISTS compat_p_q36;
-- expect:
-- columns: ["mine"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: priv2_delete_needs_select_for_where
CREATE ROLE compat_p_q37;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q37;
CREATE TABLE t (a int);
GRANT DELETE ON t TO compat_p_q37;
SET ROLE compat_p_q37;
DELETE FROM t WHERE a = 1;
-- cleanup:
DROP OWNED BY compat_p_q37;
DROP ROLE IF EXISTS compat_p_q37;
-- expect:
-- error: 42501

-- case: priv2_delete_without_where_ok
CREATE ROLE compat_p_q38;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q38;
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
GRANT DELETE ON t TO compat_p_q38;
SET ROLE compat_p_q38;
DELETE FROM t;
-- cleanup:
DROP OWNED BY compat_p_q38;
DROP ROLE IF EXISTS compat_p_q38;
-- expect:
-- tag: DELETE 2

-- case: priv2_truncate_granted
CREATE ROLE compat_p_q39;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q39;
CREATE TABLE t (a int);
GRANT TRUNCATE ON t TO compat_p_q39;
SET ROLE compat_p_q39;
TRUNCATE t;
-- cleanup:
DROP OWNED BY compat_p_q39;
DROP ROLE IF EXISTS compat_p_q39;
-- expect:
-- tag: TRUNCATE TABLE

-- case: priv2_row_level_security_filters
CREATE ROLE compat_p_q40;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q40;
CREATE TABLE t (owner name, v int);
INSERT INTO t VALUES ('compat_p_q40', 1), ('someone_else', 2);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON t USING (owner = current_user);
GRANT SELECT ON t TO compat_p_q40;
SET ROLE compat_p_q40;
SELECT v FROM t;
-- cleanup:
DROP OWNED BY compat_p_q40;
DROP ROLE IF EXISTS compat_p_q40;
-- expect:
-- columns: ["v"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: priv2_rls_no_policy_sees_nothing
CREATE ROLE compat_p_q41;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_q41;
CREATE TABLE t (v int);
INSERT INTO t VALUES (1);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON t TO compat_p_q41;
SET ROLE compat_p_q41;
SELECT count(*) AS n FROM t;
-- cleanup:
DROP OWNED BY compat_p_q41;
DROP ROLE IF EXISTS compat_p_q41;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: priv2_set_session_authorization_then_current_user
CREATE ROLE compat_p_q42;
SET SESSION AUTHORIZATION compat_p_q42;
SELECT current_user AS cu, session_user AS su;
-- cleanup:
DROP ROLE IF EXISTS compat_p_q42;
-- expect:
-- columns: ["cu", "su"]
-- types: ["name", "name"]
-- row: ["compat_p_q42", "compat_p_q42"]
-- tag: SELECT 1

-- case: priv2_set_role_in_transaction_local
CREATE ROLE compat_p_q43;
BEGIN;
SET LOCAL ROLE compat_p_q43;
COMMIT;
SELECT current_user = session_user AS restored;
-- cleanup:
DROP ROLE IF EXISTS compat_p_q43;
-- expect:
-- columns: ["restored"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: priv2_non_superuser_cannot_alter_superuser
CREATE ROLE compat_p_q44 CREATEROLE;
SET ROLE compat_p_q44;
ALTER ROLE postgres NOSUPERUSER;
-- cleanup:
DROP ROLE IF EXISTS compat_p_q44;
-- expect:
-- error: 42501

-- case: priv2_createrole_can_create_role
CREATE ROLE compat_p_q45 CREATEROLE;
SET ROLE compat_p_q45;
CREATE ROLE compat_p_q45child;
-- cleanup:
DROP ROLE IF EXISTS compat_p_q45child;
DROP ROLE IF EXISTS compat_p_q45;
-- expect:
-- tag: CREATE ROLE

-- case: priv2_grant_usage_on_type
CREATE ROLE compat_p_q46;
CREATE TYPE e AS ENUM ('x');
REVOKE USAGE ON TYPE e FROM PUBLIC;
GRANT USAGE ON TYPE e TO compat_p_q46;
SELECT has_type_privilege('compat_p_q46', 'e', 'USAGE') AS granted;
-- cleanup:
DROP OWNED BY compat_p_q46;
DROP ROLE IF EXISTS compat_p_q46;
-- expect:
-- columns: ["granted"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: priv2_session_authorization_member_can_set_role
CREATE ROLE compat_p_q47g;
CREATE ROLE compat_p_q47u;
GRANT compat_p_q47g TO compat_p_q47u;
SET SESSION AUTHORIZATION compat_p_q47u;
SET ROLE compat_p_q47g;
SELECT current_user AS cu, session_user AS su;
-- cleanup:
DROP ROLE IF EXISTS compat_p_q47u;
DROP ROLE IF EXISTS compat_p_q47g;
-- expect:
-- columns: ["cu", "su"]
-- types: ["name", "name"]
-- row: ["compat_p_q47g", "compat_p_q47u"]
-- tag: SELECT 1

-- case: priv2_session_authorization_non_member_set_role_denied
CREATE ROLE compat_p_q48a;
CREATE ROLE compat_p_q48b;
SET SESSION AUTHORIZATION compat_p_q48a;
SET ROLE compat_p_q48b;
-- cleanup:
DROP ROLE IF EXISTS compat_p_q48a;
DROP ROLE IF EXISTS compat_p_q48b;
-- expect:
-- error: 42501
