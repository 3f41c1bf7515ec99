-- Transactions: BEGIN/COMMIT/ROLLBACK, savepoints, aborted transactions (25P02), tags.

-- case: tx_begin_tag
BEGIN;
-- expect:
-- tag: BEGIN

-- case: tx_start_transaction_tag
START TRANSACTION;
-- expect:
-- tag: START TRANSACTION

-- case: tx_commit_tag
BEGIN;
COMMIT;
-- expect:
-- tag: COMMIT

-- case: tx_rollback_tag
BEGIN;
ROLLBACK;
-- expect:
-- tag: ROLLBACK

-- case: tx_commit_outside_transaction
COMMIT;
-- expect:
-- tag: COMMIT

-- case: tx_rollback_outside_transaction
ROLLBACK;
-- expect:
-- tag: ROLLBACK

-- case: tx_begin_twice
BEGIN;
BEGIN;
-- expect:
-- tag: BEGIN

-- case: tx_rollback_discards_insert
CREATE TABLE t (a int);
BEGIN;
INSERT INTO t VALUES (1);
ROLLBACK;
SELECT count(*) AS c FROM t;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: tx_commit_keeps_insert
CREATE TABLE t (a int);
BEGIN;
INSERT INTO t VALUES (1), (2);
COMMIT;
SELECT count(*) AS c FROM t;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: tx_sees_own_writes
CREATE TABLE t (a int);
BEGIN;
INSERT INTO t VALUES (1);
UPDATE t SET a = 2;
SELECT a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["2"]
-- tag: SELECT 1

-- case: tx_aborted_rejects_statements
BEGIN;
SELECT 1 / 0;
SELECT 1;
-- expect:
-- setup-error: 2 22012
-- error: 25P02

-- case: tx_aborted_commit_becomes_rollback
CREATE TABLE t (a int);
BEGIN;
INSERT INTO t VALUES (1);
SELECT 1 / 0;
COMMIT;
-- expect:
-- setup-error: 4 22012
-- tag: ROLLBACK

-- case: tx_aborted_commit_data_gone
CREATE TABLE t (a int);
BEGIN;
INSERT INTO t VALUES (1);
SELECT 1 / 0;
COMMIT;
SELECT count(*) AS c FROM t;
-- expect:
-- setup-error: 4 22012
-- columns: ["c"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: tx_aborted_rollback_ok
BEGIN;
SELECT 1 / 0;
ROLLBACK;
-- expect:
-- setup-error: 2 22012
-- tag: ROLLBACK

-- case: tx_after_rollback_usable
BEGIN;
SELECT 1 / 0;
ROLLBACK;
SELECT 42 AS answer;
-- expect:
-- setup-error: 2 22012
-- columns: ["answer"]
-- types: ["int4"]
-- row: ["42"]
-- tag: SELECT 1

-- case: tx_savepoint_tag
BEGIN;
SAVEPOINT sp1;
-- expect:
-- tag: SAVEPOINT

-- case: tx_rollback_to_savepoint_tag
BEGIN;
SAVEPOINT sp1;
ROLLBACK TO SAVEPOINT sp1;
-- expect:
-- tag: ROLLBACK

-- case: tx_release_savepoint_tag
BEGIN;
SAVEPOINT sp1;
RELEASE SAVEPOINT sp1;
-- expect:
-- tag: RELEASE

-- case: tx_savepoint_rollback_partial
CREATE TABLE t (a int);
BEGIN;
INSERT INTO t VALUES (1);
SAVEPOINT sp;
INSERT INTO t VALUES (2);
ROLLBACK TO sp;
INSERT INTO t VALUES (3);
COMMIT;
SELECT a FROM t ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["3"]
-- tag: SELECT 2

-- case: tx_savepoint_recovers_aborted
CREATE TABLE t (a int);
BEGIN;
INSERT INTO t VALUES (1);
SAVEPOINT sp;
SELECT 1 / 0;
ROLLBACK TO SAVEPOINT sp;
INSERT INTO t VALUES (2);
COMMIT;
SELECT a FROM t ORDER BY a;
-- expect:
-- setup-error: 5 22012
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["2"]
-- tag: SELECT 2

-- case: tx_nested_savepoints
CREATE TABLE t (a int);
BEGIN;
INSERT INTO t VALUES (1);
SAVEPOINT a;
INSERT INTO t VALUES (2);
SAVEPOINT b;
INSERT INTO t VALUES (3);
ROLLBACK TO a;
INSERT INTO t VALUES (4);
COMMIT;
SELECT a FROM t ORDER BY a;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- row: ["4"]
-- tag: SELECT 2

-- case: tx_release_then_rollback_whole
CREATE TABLE t (a int);
BEGIN;
SAVEPOINT sp;
INSERT INTO t VALUES (1);
RELEASE sp;
ROLLBACK;
SELECT count(*) AS c FROM t;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["0"]
-- tag: SELECT 1

-- case: tx_savepoint_outside_transaction
SAVEPOINT sp;
-- expect:
-- error: 25P01

-- case: tx_rollback_to_unknown_savepoint
BEGIN;
ROLLBACK TO SAVEPOINT nope;
-- expect:
-- error: 3B001

-- case: tx_savepoint_same_name_reuse
CREATE TABLE t (a int);
BEGIN;
SAVEPOINT s;
INSERT INTO t VALUES (1);
SAVEPOINT s;
INSERT INTO t VALUES (2);
ROLLBACK TO s;
COMMIT;
SELECT a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: tx_unique_violation_aborts
CREATE TABLE t (a int PRIMARY KEY);
BEGIN;
INSERT INTO t VALUES (1);
INSERT INTO t VALUES (1);
INSERT INTO t VALUES (2);
-- expect:
-- setup-error: 4 23505
-- error: 25P02

-- case: tx_ddl_rollback
BEGIN;
CREATE TABLE t (a int);
ROLLBACK;
SELECT * FROM t;
-- expect:
-- error: 42P01

-- case: tx_ddl_commit
BEGIN;
CREATE TABLE t (a int);
INSERT INTO t VALUES (5);
COMMIT;
SELECT a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["5"]
-- tag: SELECT 1

-- case: tx_drop_table_rollback
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
BEGIN;
DROP TABLE t;
ROLLBACK;
SELECT a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: tx_isolation_level_syntax
BEGIN ISOLATION LEVEL REPEATABLE READ;
SHOW transaction_isolation;
-- expect:
-- columns: ["transaction_isolation"]
-- types: ["text"]
-- row: ["repeatable read"]
-- tag: SHOW

-- case: tx_default_isolation
SHOW transaction_isolation;
-- expect:
-- columns: ["transaction_isolation"]
-- types: ["text"]
-- row: ["read committed"]
-- tag: SHOW

-- case: tx_read_only_rejects_write
CREATE TABLE t (a int);
BEGIN READ ONLY;
INSERT INTO t VALUES (1);
-- expect:
-- error: 25006

-- case: tx_set_transaction_read_only
CREATE TABLE t (a int);
BEGIN;
SET TRANSACTION READ ONLY;
INSERT INTO t VALUES (1);
-- expect:
-- error: 25006

-- case: tx_end_synonym
BEGIN;
END;
-- expect:
-- tag: COMMIT

-- case: tx_abort_synonym
BEGIN;
ABORT;
-- expect:
-- tag: ROLLBACK

-- case: tx_set_local_reverts
BEGIN;
SET LOCAL TimeZone = 'Asia/Tokyo';
COMMIT;
SHOW TimeZone;
-- expect:
-- columns: ["TimeZone"]
-- types: ["text"]
-- row: ["UTC"]
-- tag: SHOW

-- case: tx_set_local_visible_inside
BEGIN;
SET LOCAL TimeZone = 'Asia/Tokyo';
SHOW TimeZone;
-- expect:
-- columns: ["TimeZone"]
-- types: ["text"]
-- row: ["Asia/Tokyo"]
-- tag: SHOW

-- case: tx_set_rolled_back
BEGIN;
SET TimeZone = 'Asia/Tokyo';
ROLLBACK;
SHOW TimeZone;
-- expect:
-- columns: ["TimeZone"]
-- types: ["text"]
-- row: ["UTC"]
-- tag: SHOW

-- case: tx_sequence_not_rolled_back
CREATE SEQUENCE s;
BEGIN;
SELECT nextval('s');
ROLLBACK;
SELECT nextval('s') AS n;
-- expect:
-- columns: ["n"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: tx_create_database_in_transaction
BEGIN;
CREATE DATABASE compat_tx_should_fail;
-- expect:
-- error: 25001

-- case: tx_error_in_savepoint_then_release_fails
BEGIN;
SAVEPOINT sp;
SELECT 1 / 0;
RELEASE SAVEPOINT sp;
-- expect:
-- setup-error: 3 22012
-- error: 25P02

-- case: tx_now_constant_within_transaction
BEGIN;
CREATE TEMP TABLE ts (t timestamptz);
INSERT INTO ts VALUES (now());
SELECT pg_sleep(0.01);
INSERT INTO ts VALUES (now());
SELECT count(DISTINCT t) AS c FROM ts;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1

-- case: tx_truncate_rollback
CREATE TABLE t (a int);
INSERT INTO t VALUES (1), (2);
BEGIN;
TRUNCATE t;
ROLLBACK;
SELECT count(*) AS c FROM t;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["2"]
-- tag: SELECT 1

-- case: tx_update_rollback_restores
CREATE TABLE t (a int);
INSERT INTO t VALUES (1);
BEGIN;
UPDATE t SET a = 99;
ROLLBACK;
SELECT a FROM t;
-- expect:
-- columns: ["a"]
-- types: ["int4"]
-- row: ["1"]
-- tag: SELECT 1

-- case: tx_deferred_constraint_checked_at_commit
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED);
BEGIN;
INSERT INTO c VALUES (1);
INSERT INTO p VALUES (1);
COMMIT;
-- expect:
-- tag: COMMIT

-- case: tx_deferred_constraint_fails_at_commit
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED);
BEGIN;
INSERT INTO c VALUES (1);
COMMIT;
-- expect:
-- error: 23503

-- case: tx_warning_begin_in_transaction_still_works
CREATE TABLE t (a int);
BEGIN;
INSERT INTO t VALUES (1);
BEGIN;
COMMIT;
SELECT count(*) AS c FROM t;
-- expect:
-- columns: ["c"]
-- types: ["int8"]
-- row: ["1"]
-- tag: SELECT 1
