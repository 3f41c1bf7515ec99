-- Privileges: roles, GRANT/REVOKE, SET ROLE to a non-superuser, ownership.
-- Roles are cluster-wide: every role is named compat_p_* and dropped in the cleanup section
-- (which also runs before the case, to clear leftovers). @schema@ is the case's own schema.

-- case: priv_create_role_tag
CREATE ROLE compat_p_r01;
-- cleanup:
DROP ROLE IF EXISTS compat_p_r01;
-- expect:
-- tag: CREATE ROLE

-- case: priv_create_role_duplicate
CREATE ROLE compat_p_r02;
CREATE ROLE compat_p_r02;
-- cleanup:
DROP ROLE IF EXISTS compat_p_r02;
-- expect:
-- error: 42710

-- case: priv_drop_role_tag
CREATE ROLE compat_p_r03;
DROP ROLE compat_p_r03;
-- cleanup:
DROP ROLE IF EXISTS compat_p_r03;
-- expect:
-- tag: DROP ROLE

-- case: priv_drop_role_missing
DROP ROLE compat_p_never_created;
-- expect:
-- error: 42704

-- case: priv_drop_role_if_exists_missing
DROP ROLE IF EXISTS compat_p_never_created;
-- expect:
-- tag: DROP ROLE

-- case: priv_create_user_can_login
CREATE USER compat_p_r04 PASSWORD 'pw';
SELECT rolname, rolcanlogin, rolsuper FROM pg_roles WHERE rolname = 'compat_p_r04';
-- cleanup:
DROP ROLE IF EXISTS compat_p_r04;
-- expect:
-- columns: ["rolname", "rolcanlogin", "rolsuper"]
-- types: ["name", "bool", "bool"]
-- row: ["compat_p_r04", "t", "f"]
-- tag: SELECT 1

-- case: priv_create_role_nologin
CREATE ROLE compat_p_r05;
SELECT rolcanlogin, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = 'compat_p_r05';
-- cleanup:
DROP ROLE IF EXISTS compat_p_r05;
-- expect:
-- columns: ["rolcanlogin", "rolcreatedb", "rolcreaterole"]
-- types: ["bool", "bool", "bool"]
-- row: ["f", "f", "f"]
-- tag: SELECT 1

-- case: priv_alter_role_attributes
CREATE ROLE compat_p_r06;
ALTER ROLE compat_p_r06 WITH LOGIN CREATEDB;
SELECT rolcanlogin, rolcreatedb FROM pg_roles WHERE rolname = 'compat_p_r06';
-- cleanup:
DROP ROLE IF EXISTS compat_p_r06;
-- expect:
-- columns: ["rolcanlogin", "rolcreatedb"]
-- types: ["bool", "bool"]
-- row: ["t", "t"]
-- tag: SELECT 1

-- case: priv_set_role_changes_current_user
CREATE ROLE compat_p_r07;
SET ROLE compat_p_r07;
SELECT current_user AS cu, session_user = current_user AS same;
-- cleanup:
DROP ROLE IF EXISTS compat_p_r07;
-- expect:
-- columns: ["cu", "same"]
-- types: ["name", "bool"]
-- row: ["compat_p_r07", "f"]
-- tag: SELECT 1

-- case: priv_reset_role
CREATE ROLE compat_p_r08;
SET ROLE compat_p_r08;
RESET ROLE;
SELECT current_user = session_user AS back;
-- cleanup:
DROP ROLE IF EXISTS compat_p_r08;
-- expect:
-- columns: ["back"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: priv_select_denied_without_grant
CREATE ROLE compat_p_r09;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r09;
CREATE TABLE t (a int);
SET ROLE compat_p_r09;
SELECT * FROM t;
-- cleanup:
DROP OWNED BY compat_p_r09;
DROP ROLE IF EXISTS compat_p_r09;
-- expect:
-- error: 42501

-- case: priv_schema_usage_denied
CREATE ROLE compat_p_r10;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_r10;
SET ROLE compat_p_r10;
SELECT * FROM t;
-- cleanup:
DROP OWNED BY compat_p_r10;
DROP ROLE IF EXISTS compat_p_r10;
-- expect:
-- error: 42P01

-- case: priv_grant_select_allows
CREATE ROLE compat_p_r11;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r11;
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
GRANT SELECT ON t TO compat_p_r11;
SET ROLE compat_p_r11;
SELECT a FROM t ORDER BY a;
-- cleanup:
DROP OWNED BY compat_p_r11;
DROP ROLE IF EXISTS compat_p_r11;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: priv_grant_select_not_insert
CREATE ROLE compat_p_r12;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r12;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_r12;
SET ROLE compat_p_r12;
INSERT INTO t VALUES (1);
-- cleanup:
DROP OWNED BY compat_p_r12;
DROP ROLE IF EXISTS compat_p_r12;
-- expect:
-- error: 42501

-- case: priv_grant_insert_allows
CREATE ROLE compat_p_r13;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r13;
CREATE TABLE t (a int);
GRANT INSERT ON t TO compat_p_r13;
SET ROLE compat_p_r13;
INSERT INTO t VALUES (1);
-- cleanup:
DROP OWNED BY compat_p_r13;
DROP ROLE IF EXISTS compat_p_r13;
-- expect:
-- tag: INSERT 0 1

-- case: priv_insert_returning_needs_select
CREATE ROLE compat_p_r14;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r14;
CREATE TABLE t (a int);
GRANT INSERT ON t TO compat_p_r14;
SET ROLE compat_p_r14;
INSERT INTO t VALUES (1) RETURNING a;
-- cleanup:
DROP OWNED BY compat_p_r14;
DROP ROLE IF EXISTS compat_p_r14;
-- expect:
-- error: 42501

-- case: priv_update_needs_select_for_where
CREATE ROLE compat_p_r15;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r15;
CREATE TABLE t (a int);
GRANT UPDATE ON t TO compat_p_r15;
SET ROLE compat_p_r15;
UPDATE t SET a = 1 WHERE a = 2;
-- cleanup:
DROP OWNED BY compat_p_r15;
DROP ROLE IF EXISTS compat_p_r15;
-- expect:
-- error: 42501

-- case: priv_update_without_where_allowed
CREATE ROLE compat_p_r16;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r16;
CREATE TABLE t (a int);
INSERT INTO t VALUES (5);
GRANT UPDATE ON t TO compat_p_r16;
SET ROLE compat_p_r16;
UPDATE t SET a = 1;
-- cleanup:
DROP OWNED BY compat_p_r16;
DROP ROLE IF EXISTS compat_p_r16;
-- expect:
-- tag: UPDATE 1

-- case: priv_delete_denied
CREATE ROLE compat_p_r17;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r17;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_r17;
SET ROLE compat_p_r17;
DELETE FROM t;
-- cleanup:
DROP OWNED BY compat_p_r17;
DROP ROLE IF EXISTS compat_p_r17;
-- expect:
-- error: 42501

-- case: priv_grant_all_allows_delete
CREATE ROLE compat_p_r18;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r18;
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
GRANT ALL PRIVILEGES ON t TO compat_p_r18;
SET ROLE compat_p_r18;
DELETE FROM t WHERE a = 1;
-- cleanup:
DROP OWNED BY compat_p_r18;
DROP ROLE IF EXISTS compat_p_r18;
-- expect:
-- tag: DELETE 1

-- case: priv_revoke_select
CREATE ROLE compat_p_r19;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r19;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_r19;
REVOKE SELECT ON t FROM compat_p_r19;
SET ROLE compat_p_r19;
SELECT * FROM t;
-- cleanup:
DROP OWNED BY compat_p_r19;
DROP ROLE IF EXISTS compat_p_r19;
-- expect:
-- error: 42501

-- case: priv_grant_to_public
CREATE ROLE compat_p_r20;
GRANT USAGE ON SCHEMA @schema@ TO PUBLIC;
CREATE TABLE t (a int);
INSERT INTO t VALUES (7);
GRANT SELECT ON t TO PUBLIC;
SET ROLE compat_p_r20;
SELECT a FROM t;
-- cleanup:
DROP OWNED BY compat_p_r20;
DROP ROLE IF EXISTS compat_p_r20;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["7"]
-- tag: SELECT 1

-- case: priv_role_membership_inherits
CREATE ROLE compat_p_g21;
CREATE ROLE compat_p_r21;
GRANT compat_p_g21 TO compat_p_r21;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_g21;
CREATE TABLE t (a int);
INSERT INTO t VALUES (3);
GRANT SELECT ON t TO compat_p_g21;
SET ROLE compat_p_r21;
SELECT a FROM t;
-- cleanup:
DROP OWNED BY compat_p_r21;
DROP OWNED BY compat_p_g21;
DROP ROLE IF EXISTS compat_p_r21;
DROP ROLE IF EXISTS compat_p_g21;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["3"]
-- tag: SELECT 1

-- case: priv_set_role_to_non_member_denied
CREATE ROLE compat_p_a22;
CREATE ROLE compat_p_b22;
SET ROLE compat_p_a22;
SET ROLE compat_p_b22;
-- cleanup:
DROP ROLE IF EXISTS compat_p_a22;
DROP ROLE IF EXISTS compat_p_b22;
-- expect:
-- tag: SET

-- case: priv_column_level_select
CREATE ROLE compat_p_r23;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r23;
CREATE TABLE t (pub int, secret int);
INSERT INTO t VALUES (1, 2);
GRANT SELECT (pub) ON t TO compat_p_r23;
SET ROLE compat_p_r23;
SELECT pub FROM t;
-- cleanup:
DROP OWNED BY compat_p_r23;
DROP ROLE IF EXISTS compat_p_r23;
-- expect:
-- columns: ["pub"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: priv_column_level_select_denied
CREATE ROLE compat_p_r24;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r24;
CREATE TABLE t (pub int, secret int);
GRANT SELECT (pub) ON t TO compat_p_r24;
SET ROLE compat_p_r24;
SELECT secret FROM t;
-- cleanup:
DROP OWNED BY compat_p_r24;
DROP ROLE IF EXISTS compat_p_r24;
-- expect:
-- error: 42501

-- case: priv_create_table_in_schema_denied
CREATE ROLE compat_p_r25;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r25;
SET ROLE compat_p_r25;
CREATE TABLE t (a int);
-- cleanup:
DROP OWNED BY compat_p_r25;
DROP ROLE IF EXISTS compat_p_r25;
-- expect:
-- error: 42501

-- case: priv_create_in_schema_granted
CREATE ROLE compat_p_r26;
GRANT USAGE, CREATE ON SCHEMA @schema@ TO compat_p_r26;
SET ROLE compat_p_r26;
CREATE TABLE t (a int);
-- cleanup:
DROP OWNED BY compat_p_r26;
DROP ROLE IF EXISTS compat_p_r26;
-- expect:
-- tag: CREATE TABLE

-- case: priv_owner_has_all
CREATE ROLE compat_p_r27;
GRANT USAGE, CREATE ON SCHEMA @schema@ TO compat_p_r27;
SET ROLE compat_p_r27;
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
DELETE FROM t;
-- cleanup:
DROP OWNED BY compat_p_r27;
DROP ROLE IF EXISTS compat_p_r27;
-- expect:
-- tag: DELETE 1

-- case: priv_drop_table_not_owner
CREATE ROLE compat_p_r28;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r28;
CREATE TABLE t (a int);
GRANT ALL ON t TO compat_p_r28;
SET ROLE compat_p_r28;
DROP TABLE t;
-- cleanup:
DROP OWNED BY compat_p_r28;
DROP ROLE IF EXISTS compat_p_r28;
-- expect:
-- error: 42501

-- case: priv_alter_table_owner
CREATE ROLE compat_p_r29;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r29;
CREATE TABLE t (a int);
ALTER TABLE t OWNER TO compat_p_r29;
SET ROLE compat_p_r29;
DROP TABLE t;
-- cleanup:
DROP OWNED BY compat_p_r29;
DROP ROLE IF EXISTS compat_p_r29;
-- expect:
-- tag: DROP TABLE

-- case: priv_has_table_privilege_other_role
CREATE ROLE compat_p_r30;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_r30;
SELECT has_table_privilege('compat_p_r30', 't', 'SELECT') AS s, has_table_privilege('compat_p_r30', 't', 'INSERT') AS i;
-- cleanup:
DROP OWNED BY compat_p_r30;
DROP ROLE IF EXISTS compat_p_r30;
-- expect:
-- columns: ["s", "i"]
-- types: ["bool", "bool"]
-- row: ["t", "f"]
-- tag: SELECT 1

-- case: priv_information_schema_table_privileges
CREATE ROLE compat_p_r31;
CREATE TABLE t (a int);
GRANT SELECT, UPDATE ON t TO compat_p_r31;
SELECT privilege_type FROM information_schema.table_privileges WHERE grantee = 'compat_p_r31' AND table_schema = current_schema() ORDER BY privilege_type;
-- cleanup:
DROP OWNED BY compat_p_r31;
DROP ROLE IF EXISTS compat_p_r31;
-- expect:
-- columns: ["privilege_type"]
-- types: ["varchar"]
-- row: ["SELECT"]
-- row: ["UPDATE"]
-- tag: SELECT 2

-- case: priv_sequence_usage_denied
CREATE ROLE compat_p_r32;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r32;
CREATE SEQUENCE s;
SET ROLE compat_p_r32;
SELECT nextval('s');
-- cleanup:
DROP OWNED BY compat_p_r32;
DROP ROLE IF EXISTS compat_p_r32;
-- expect:
-- error: 42501

-- case: priv_sequence_usage_granted
CREATE ROLE compat_p_r33;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r33;
CREATE SEQUENCE s;
GRANT USAGE ON SEQUENCE s TO compat_p_r33;
SET ROLE compat_p_r33;
SELECT nextval('s') AS n;
-- cleanup:
DROP OWNED BY compat_p_r33;
DROP ROLE IF EXISTS compat_p_r33;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1

-- case: priv_view_owner_rights
CREATE ROLE compat_p_r34;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r34;
CREATE TABLE t (a int, secret int);
INSERT INTO t VALUES (1, 99);
CREATE VIEW v AS SELECT a FROM t;
GRANT SELECT ON v TO compat_p_r34;
SET ROLE compat_p_r34;
SELECT a FROM v;
-- cleanup:
DROP OWNED BY compat_p_r34;
DROP ROLE IF EXISTS compat_p_r34;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: priv_grant_all_tables_in_schema
CREATE ROLE compat_p_r35;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r35;
CREATE TABLE t1 (a int);
CREATE TABLE t2 (b int);
INSERT INTO t2 VALUES (4);
GRANT SELECT ON ALL TABLES IN SCHEMA @schema@ TO compat_p_r35;
SET ROLE compat_p_r35;
SELECT b FROM t2;
-- cleanup:
DROP OWNED BY compat_p_r35;
DROP ROLE IF EXISTS compat_p_r35;
-- expect:
-- columns: ["b"]
-- types: ["int4"]
-- row: ["4"]
-- tag: SELECT 1

-- case: priv_non_superuser_cannot_create_role
CREATE ROLE compat_p_r36;
SET ROLE compat_p_r36;
CREATE ROLE compat_p_r36_child;
-- cleanup:
DROP ROLE IF EXISTS compat_p_r36_child;
DROP ROLE IF EXISTS compat_p_r36;
-- expect:
-- error: 42501

-- case: priv_drop_role_with_privileges_fails
CREATE ROLE compat_p_r37;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_r37;
DROP ROLE compat_p_r37;
-- cleanup:
DROP OWNED BY compat_p_r37;
DROP ROLE IF EXISTS compat_p_r37;
-- expect:
-- error: 2BP01

-- case: priv_grant_on_missing_table
CREATE ROLE compat_p_r38;
GRANT SELECT ON no_such_table TO compat_p_r38;
-- cleanup:
DROP ROLE IF EXISTS compat_p_r38;
-- expect:
-- error: 42P01

-- case: priv_grant_to_missing_role
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_never_created;
-- expect:
-- error: 42704

-- case: priv_revoke_tag
CREATE ROLE compat_p_r39;
CREATE TABLE t (a int);
GRANT SELECT ON t TO compat_p_r39;
REVOKE ALL ON t FROM compat_p_r39;
-- cleanup:
DROP OWNED BY compat_p_r39;
DROP ROLE IF EXISTS compat_p_r39;
-- expect:
-- tag: REVOKE

-- case: priv_grant_tag
CREATE ROLE compat_p_r40;
CREATE TABLE t (a int);
GRANT SELECT, INSERT ON t TO compat_p_r40;
-- cleanup:
DROP OWNED BY compat_p_r40;
DROP ROLE IF EXISTS compat_p_r40;
-- expect:
-- tag: GRANT

-- case: priv_set_session_authorization_current_user
CREATE ROLE compat_p_r41 LOGIN;
SET SESSION AUTHORIZATION compat_p_r41;
SELECT current_user AS cu, session_user AS su;
-- cleanup:
DROP ROLE IF EXISTS compat_p_r41;
-- expect:
-- columns: ["cu", "su"]
-- types: ["name", "name"]
-- row: ["compat_p_r41", "compat_p_r41"]
-- tag: SELECT 1

-- case: priv_truncate_denied
CREATE ROLE compat_p_r42;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r42;
CREATE TABLE t (a int);
GRANT SELECT, DELETE ON t TO compat_p_r42;
SET ROLE compat_p_r42;
TRUNCATE t;
-- cleanup:
DROP OWNED BY compat_p_r42;
DROP ROLE IF EXISTS compat_p_r42;
-- expect:
-- error: 42501

-- case: priv_function_execute_public_default
CREATE ROLE compat_p_r43;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r43;
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 5';
SET ROLE compat_p_r43;
SELECT f() AS v;
-- cleanup:
DROP OWNED BY compat_p_r43;
DROP ROLE IF EXISTS compat_p_r43;
-- expect:
-- columns: ["v"]
-- types: ["int4"]
-- row: ["5"]
-- tag: SELECT 1

-- case: priv_alter_default_privileges
CREATE ROLE compat_p_r44;
GRANT USAGE ON SCHEMA @schema@ TO compat_p_r44;
ALTER DEFAULT PRIVILEGES IN SCHEMA @schema@ GRANT SELECT ON TABLES TO compat_p_r44;
CREATE TABLE t (a int);
INSERT INTO t VALUES (8);
SET ROLE compat_p_r44;
SELECT a FROM t;
-- cleanup:
ALTER DEFAULT PRIVILEGES IN SCHEMA @schema@ REVOKE SELECT ON TABLES FROM compat_p_r44;
DROP OWNED BY compat_p_r44;
DROP ROLE IF EXISTS compat_p_r44;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["8"]
-- tag: SELECT 1

-- case: priv_pg_has_role
CREATE ROLE compat_p_g45;
CREATE ROLE compat_p_r45;
GRANT compat_p_g45 TO compat_p_r45;
SELECT pg_has_role('compat_p_r45', 'compat_p_g45', 'MEMBER') AS m, pg_has_role('compat_p_g45', 'compat_p_r45', 'MEMBER') AS n;
-- cleanup:
DROP ROLE IF EXISTS compat_p_r45;
DROP ROLE IF EXISTS compat_p_g45;
-- expect:
-- columns: ["m", "n"]
-- types: ["bool", "bool"]
-- row: ["t", "f"]
-- tag: SELECT 1
