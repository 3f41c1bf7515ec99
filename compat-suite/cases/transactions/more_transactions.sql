-- Transactions, part 2: nested savepoints, errors inside savepoints, 25P02, SET LOCAL,
-- read-only transactions (25006), isolation settings, transaction-scoped behaviour.

-- case: tx2_nested_savepoints_partial_rollback
CREATE TABLE t (a int);
BEGIN;
INSERT INTO t VALUES (1);
SAVEPOINT s1;
INSERT INTO t VALUES (2);
SAVEPOINT s2;
INSERT INTO t VALUES (3);
ROLLBACK TO SAVEPOINT s1;
INSERT INTO t VALUES (4);
COMMIT;
SELECT a FROM t ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["4"]
-- tag: SELECT 2

-- case: tx2_rollback_to_outer_destroys_inner
BEGIN;
SAVEPOINT s1;
SAVEPOINT s2;
ROLLBACK TO SAVEPOINT s1;
RELEASE SAVEPOINT s2;
-- expect:
-- error: 3B001

-- case: tx2_rollback_to_keeps_savepoint
CREATE TABLE t (a int);
BEGIN;
SAVEPOINT s1;
INSERT INTO t VALUES (1);
ROLLBACK TO s1;
INSERT INTO t VALUES (2);
ROLLBACK TO s1;
INSERT INTO t VALUES (3);
COMMIT;
SELECT a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["3"]
-- tag: SELECT 1

-- case: tx2_release_merges_into_parent
CREATE TABLE t (a int);
BEGIN;
SAVEPOINT s1;
INSERT INTO t VALUES (1);
SAVEPOINT s2;
INSERT INTO t VALUES (2);
RELEASE SAVEPOINT s2;
ROLLBACK TO SAVEPOINT s1;
COMMIT;
SELECT count(*) AS n FROM t;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: tx2_error_in_savepoint_rollback_to_recovers
CREATE TABLE t (a int PRIMARY KEY);
BEGIN;
INSERT INTO t VALUES (1);
SAVEPOINT s;
INSERT INTO t VALUES (1);
ROLLBACK TO SAVEPOINT s;
INSERT INTO t VALUES (2);
COMMIT;
SELECT a FROM t ORDER BY a;
-- expect:
-- setup-error: 5 23505
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: tx2_error_in_nested_savepoint_rollback_to_outer_recovers
BEGIN;
SAVEPOINT a;
SAVEPOINT b;
SELECT 1 / 0;
ROLLBACK TO SAVEPOINT a;
SELECT 'ok' AS s;
-- expect:
-- setup-error: 4 22012
-- columns: ["s"]
-- types: ["text"]
-- row: ["ok"]
-- tag: SELECT 1

-- case: tx2_aborted_select_25P02
BEGIN;
SELECT nonexistent_column_zz FROM pg_class;
SELECT 1;
-- expect:
-- setup-error: 2 42703
-- error: 25P02

-- case: tx2_aborted_savepoint_command_25P02
BEGIN;
SELECT 1 / 0;
SAVEPOINT s;
-- expect:
-- setup-error: 2 22012
-- error: 25P02

-- case: tx2_aborted_release_25P02
BEGIN;
SAVEPOINT s;
SELECT 1 / 0;
RELEASE SAVEPOINT s;
-- expect:
-- setup-error: 3 22012
-- error: 25P02

-- case: tx2_aborted_rollback_to_unknown_savepoint
BEGIN;
SELECT 1 / 0;
ROLLBACK TO SAVEPOINT nope;
-- expect:
-- setup-error: 2 22012
-- error: 3B001

-- case: tx2_aborted_commit_reports_rollback_tag
BEGIN;
SELECT 1 / 0;
COMMIT;
-- expect:
-- setup-error: 2 22012
-- tag: ROLLBACK

-- case: tx2_aborted_then_rollback_then_works
CREATE TABLE t (a int);
BEGIN;
INSERT INTO t VALUES (1);
SELECT 1 / 0;
ROLLBACK;
SELECT count(*) AS n FROM t;
-- expect:
-- setup-error: 4 22012
-- columns: ["n"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: tx2_set_local_in_aborted_25P02
BEGIN;
SELECT 1 / 0;
SET LOCAL work_mem = '1MB';
-- expect:
-- setup-error: 2 22012
-- error: 25P02

-- case: tx2_release_unknown_savepoint
BEGIN;
RELEASE SAVEPOINT never_made;
-- expect:
-- error: 3B001

-- case: tx2_savepoint_same_name_release_exposes_outer
CREATE TABLE t (a int);
BEGIN;
SAVEPOINT s;
INSERT INTO t VALUES (1);
SAVEPOINT s;
INSERT INTO t VALUES (2);
ROLLBACK TO SAVEPOINT s;
RELEASE SAVEPOINT s;
ROLLBACK TO SAVEPOINT s;
COMMIT;
SELECT count(*) AS n FROM t;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: tx2_set_local_outside_transaction_no_effect
SET LOCAL search_path = pg_catalog;
SELECT current_setting('search_path') LIKE 'c\_%' AS unchanged;
-- expect:
-- columns: ["unchanged"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: tx2_set_local_reverts_after_commit
BEGIN;
SET LOCAL DateStyle = 'German';
SELECT date '2024-03-05' AS d;
COMMIT;
SELECT date '2024-03-05'::text AS d;
-- expect:
-- columns: ["d"]
-- types: ["text"]
-- row: ["2024-03-05"]
-- tag: SELECT 1

-- case: tx2_set_local_visible_before_commit
BEGIN;
SET LOCAL DateStyle = 'German';
SELECT date '2024-03-05'::text AS d;
-- expect:
-- columns: ["d"]
-- types: ["text"]
-- row: ["05.03.2024"]
-- tag: SELECT 1

-- case: tx2_set_inside_transaction_persists_after_commit
BEGIN;
SET extra_float_digits = 0;
COMMIT;
SELECT current_setting('extra_float_digits') AS v;
-- expect:
-- columns: ["v"]
-- types: ["text"]
-- row: ["0"]
-- tag: SELECT 1

-- case: tx2_set_inside_transaction_reverted_by_rollback
BEGIN;
SET extra_float_digits = 0;
ROLLBACK;
SELECT current_setting('extra_float_digits') AS v;
-- expect:
-- columns: ["v"]
-- types: ["text"]
-- row: ["1"]
-- tag: SELECT 1

-- case: tx2_set_in_rolled_back_savepoint_reverts
BEGIN;
SAVEPOINT s;
SET extra_float_digits = 0;
ROLLBACK TO SAVEPOINT s;
SELECT current_setting('extra_float_digits') AS v;
-- expect:
-- columns: ["v"]
-- types: ["text"]
-- row: ["1"]
-- tag: SELECT 1

-- case: tx2_set_local_then_set_session
BEGIN;
SET LOCAL extra_float_digits = 2;
SET extra_float_digits = 0;
COMMIT;
SELECT current_setting('extra_float_digits') AS v;
-- expect:
-- columns: ["v"]
-- types: ["text"]
-- row: ["0"]
-- tag: SELECT 1

-- case: tx2_set_config_is_local_true
BEGIN;
SELECT set_config('extra_float_digits', '3', true);
COMMIT;
SELECT current_setting('extra_float_digits') AS v;
-- expect:
-- columns: ["v"]
-- types: ["text"]
-- row: ["1"]
-- tag: SELECT 1

-- case: tx2_read_only_update_25006
CREATE TABLE t (a int);
BEGIN TRANSACTION READ ONLY;
UPDATE t SET a = 1;
-- expect:
-- error: 25006

-- case: tx2_read_only_create_table_25006
BEGIN READ ONLY;
CREATE TABLE t2 (a int);
-- expect:
-- error: 25006

-- case: tx2_read_only_nextval_25006
CREATE SEQUENCE s;
BEGIN READ ONLY;
SELECT nextval('s');
-- expect:
-- error: 25006

-- case: tx2_read_only_create_temp_table_25006
BEGIN READ ONLY;
CREATE TEMP TABLE tt (a int);
-- expect:
-- error: 25006

-- case: tx2_read_only_write_existing_temp_table_allowed
CREATE TEMP TABLE tt (a int);
BEGIN READ ONLY;
INSERT INTO tt VALUES (1);
SELECT a FROM tt;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: tx2_read_only_select_ok
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
BEGIN READ ONLY;
SELECT a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: tx2_set_transaction_read_write_after_query_error
BEGIN READ ONLY;
SELECT 1;
SET TRANSACTION READ WRITE;
-- expect:
-- error: 25001

-- case: tx2_default_transaction_read_only_session
CREATE TABLE t (a int);
SET default_transaction_read_only = on;
INSERT INTO t VALUES (1);
-- expect:
-- error: 25006

-- case: tx2_show_transaction_isolation_inside
BEGIN ISOLATION LEVEL REPEATABLE READ;
SHOW transaction_isolation;
-- expect:
-- columns: ["transaction_isolation"]
-- types: ["text"]
-- row: ["repeatable read"]
-- tag: SHOW

-- case: tx2_show_transaction_read_only_inside
BEGIN READ ONLY;
SHOW transaction_read_only;
-- expect:
-- columns: ["transaction_read_only"]
-- types: ["text"]
-- row: ["on"]
-- tag: SHOW

-- case: tx2_set_transaction_isolation_first_statement_ok
BEGIN;
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SELECT current_setting('transaction_isolation') AS iso;
-- expect:
-- columns: ["iso"]
-- types: ["text"]
-- row: ["serializable"]
-- tag: SELECT 1

-- case: tx2_begin_multiple_modes
BEGIN ISOLATION LEVEL SERIALIZABLE, READ ONLY, DEFERRABLE;
SELECT current_setting('transaction_isolation') AS iso, current_setting('transaction_read_only') AS ro, current_setting('transaction_deferrable') AS d;
-- expect:
-- columns: ["iso", "ro", "d"]
-- types: ["text", "text", "text"]
-- row: ["serializable", "on", "on"]
-- tag: SELECT 1

-- case: tx2_start_transaction_read_write_explicit
CREATE TABLE t (a int);
START TRANSACTION READ WRITE;
INSERT INTO t VALUES (1);
-- expect:
-- tag: INSERT 0 1

-- case: tx2_commit_and_chain
CREATE TABLE t (a int);
BEGIN ISOLATION LEVEL REPEATABLE READ;
INSERT INTO t VALUES (1);
COMMIT AND CHAIN;
SELECT current_setting('transaction_isolation') AS iso, (SELECT count(*) FROM t) AS n;
-- expect:
-- columns: ["iso", "n"]
-- types: ["text", "int8"]
-- row: ["repeatable read", "1"]
-- tag: SELECT 1

-- case: tx2_rollback_and_chain_keeps_block
CREATE TABLE t (a int);
BEGIN;
INSERT INTO t VALUES (1);
ROLLBACK AND CHAIN;
INSERT INTO t VALUES (2);
COMMIT;
SELECT a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["2"]
-- tag: SELECT 1

-- case: tx2_commit_and_chain_outside_error
COMMIT AND CHAIN;
-- expect:
-- error: 25P01

-- case: tx2_sequence_value_survives_savepoint_rollback
CREATE SEQUENCE s;
BEGIN;
SAVEPOINT x;
SELECT nextval('s');
ROLLBACK TO SAVEPOINT x;
SELECT nextval('s') AS n;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: tx2_serial_gap_after_rollback
CREATE TABLE t (id serial, v text);
BEGIN;
INSERT INTO t (v) VALUES ('lost');
ROLLBACK;
INSERT INTO t (v) VALUES ('kept');
SELECT id, v FROM t;
-- expect:
-- columns: ["id", "v"]
-- types: ["int4", "text"]
-- row: ["2", "kept"]
-- tag: SELECT 1

-- case: tx2_ddl_in_savepoint_rolled_back
BEGIN;
SAVEPOINT s;
CREATE TABLE ephemeral (a int);
ROLLBACK TO SAVEPOINT s;
SELECT to_regclass('ephemeral') IS NULL AS gone;
-- expect:
-- columns: ["gone"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: tx2_alter_table_rollback_restores_column
CREATE TABLE t (a int, b int);
BEGIN;
ALTER TABLE t DROP COLUMN b;
ROLLBACK;
SELECT count(*) AS ncols FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 't';
-- expect:
-- columns: ["ncols"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: tx2_temp_on_commit_drop
BEGIN;
CREATE TEMP TABLE tt (a int) ON COMMIT DROP;
INSERT INTO tt VALUES (1);
COMMIT;
SELECT to_regclass('tt') IS NULL AS dropped;
-- expect:
-- columns: ["dropped"]
-- types: ["bool"]
-- row: ["t"]
-- tag: SELECT 1

-- case: tx2_deferred_unique_checked_at_commit
CREATE TABLE t (a int UNIQUE DEFERRABLE INITIALLY DEFERRED);
INSERT INTO t VALUES (1), (2);
BEGIN;
UPDATE t SET a = a + 1;
COMMIT;
SELECT a FROM t ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["2"]
-- row: ["3"]
-- tag: SELECT 2

-- case: tx2_set_constraints_immediate_fails_now
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p DEFERRABLE INITIALLY DEFERRED);
BEGIN;
INSERT INTO c VALUES (1);
SET CONSTRAINTS ALL IMMEDIATE;
-- expect:
-- error: 23503

-- case: tx2_deferred_fk_satisfied_before_commit
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p DEFERRABLE INITIALLY DEFERRED);
BEGIN;
INSERT INTO c VALUES (1);
INSERT INTO p VALUES (1);
COMMIT;
-- expect:
-- tag: COMMIT

-- case: tx2_now_equals_transaction_timestamp
BEGIN;
SELECT now() = transaction_timestamp() AS a, now() = current_timestamp AS b, statement_timestamp() >= now() AS c;
-- expect:
-- columns: ["a", "b", "c"]
-- types: ["bool", "bool", "bool"]
-- row: ["t", "t", "t"]
-- tag: SELECT 1

-- case: tx2_txid_current_stable_in_transaction
BEGIN;
SELECT txid_current() = txid_current() AS same, pg_current_xact_id() = pg_current_xact_id() AS same2;
-- expect:
-- columns: ["same", "same2"]
-- types: ["bool", "bool"]
-- row: ["t", "t"]
-- tag: SELECT 1

-- case: tx2_lock_table_outside_block_error
CREATE TABLE t (a int);
LOCK TABLE t;
-- expect:
-- error: 25P01

-- case: tx2_lock_table_in_block_ok
CREATE TABLE t (a int);
BEGIN;
LOCK TABLE t IN SHARE MODE;
-- expect:
-- tag: LOCK TABLE

-- case: tx2_savepoint_in_implicit_transaction_error
SAVEPOINT s;
-- expect:
-- error: 25P01

-- case: tx2_begin_inside_block_warning_tag
BEGIN;
BEGIN;
-- expect:
-- tag: BEGIN

-- case: tx2_abort_tag_in_block
BEGIN;
ABORT;
-- expect:
-- tag: ROLLBACK

-- case: tx2_vacuum_in_transaction_error
CREATE TABLE t (a int);
BEGIN;
VACUUM t;
-- expect:
-- error: 25001
