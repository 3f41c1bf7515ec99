"""Deferrable constraints, transaction-scoped settings, LOCK TABLE, temporary tables' ON COMMIT,
table inheritance and declarative partitioning through psycopg against the real server
(expected results as PostgreSQL 15 gives them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import errors


@pytest.fixture()
def c(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as conn:
        yield conn


def rows(conn: psycopg.Connection, sql: str) -> list[tuple[Any, ...]]:
    return conn.execute(sql).fetchall()


# deferrable constraints ---------------------------------------------------------------------------
def test_deferred_fk_checked_at_commit(c: psycopg.Connection) -> None:
    c.execute("CREATE TABLE p (id int PRIMARY KEY)")
    c.execute("CREATE TABLE ch (pid int REFERENCES p DEFERRABLE INITIALLY DEFERRED)")
    c.execute("BEGIN")
    c.execute("INSERT INTO ch VALUES (1)")
    c.execute("INSERT INTO p VALUES (1)")
    c.execute("COMMIT")
    c.execute("BEGIN")
    c.execute("INSERT INTO ch VALUES (2)")
    with pytest.raises(errors.ForeignKeyViolation):
        c.execute("COMMIT")
    assert rows(c, "SELECT pid FROM ch ORDER BY pid") == [(1,)]


def test_set_constraints_immediate_checks_pending(c: psycopg.Connection) -> None:
    c.execute("CREATE TABLE p (id int PRIMARY KEY)")
    c.execute("CREATE TABLE ch (pid int CONSTRAINT ch_fk REFERENCES p DEFERRABLE INITIALLY DEFERRED)")
    c.execute("BEGIN")
    c.execute("INSERT INTO ch VALUES (1)")
    with pytest.raises(errors.ForeignKeyViolation):
        c.execute("SET CONSTRAINTS ch_fk IMMEDIATE")
    c.execute("ROLLBACK")
    c.execute("BEGIN")
    c.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(errors.ForeignKeyViolation):
        c.execute("INSERT INTO ch VALUES (1)")
    c.execute("ROLLBACK")
    c.execute("BEGIN")
    with pytest.raises(errors.UndefinedObject):
        c.execute("SET CONSTRAINTS nosuch DEFERRED")
    c.execute("ROLLBACK")


def test_deferred_no_action_parent_delete_reinserted(c: psycopg.Connection) -> None:
    c.execute("CREATE TABLE p (id int PRIMARY KEY)")
    c.execute("CREATE TABLE ch (pid int REFERENCES p DEFERRABLE INITIALLY DEFERRED)")
    c.execute("INSERT INTO p VALUES (1)")
    c.execute("INSERT INTO ch VALUES (1)")
    c.execute("BEGIN")
    c.execute("DELETE FROM p")
    c.execute("INSERT INTO p VALUES (1)")
    c.execute("COMMIT")
    c.execute("BEGIN")
    c.execute("DELETE FROM p")
    with pytest.raises(errors.ForeignKeyViolation):
        c.execute("COMMIT")
    assert rows(c, "SELECT id FROM p") == [(1,)]


def test_deferrable_unique(c: psycopg.Connection) -> None:
    c.execute("CREATE TABLE t (a int UNIQUE DEFERRABLE)")
    c.execute("INSERT INTO t VALUES (1), (2)")
    c.execute("UPDATE t SET a = a + 1")  # checked at the end of the statement
    assert rows(c, "SELECT a FROM t ORDER BY a") == [(2,), (3,)]
    with pytest.raises(errors.UniqueViolation):
        c.execute("INSERT INTO t VALUES (2)")
    c.execute("BEGIN")
    c.execute("SET CONSTRAINTS ALL DEFERRED")
    c.execute("INSERT INTO t VALUES (2)")
    assert rows(c, "SELECT count(*) FROM t") == [(3,)]
    with pytest.raises(errors.UniqueViolation):
        c.execute("COMMIT")
    assert rows(c, "SELECT count(*) FROM t") == [(2,)]


def test_constraintdef_deferrable_and_not_valid(c: psycopg.Connection) -> None:
    c.execute("CREATE TABLE p (a int PRIMARY KEY)")
    c.execute("CREATE TABLE t (x int, CONSTRAINT fk FOREIGN KEY (x) REFERENCES p ON DELETE CASCADE DEFERRABLE)")
    assert rows(c, "SELECT pg_get_constraintdef(oid), condeferrable, condeferred FROM pg_constraint "
                   "WHERE conname = 'fk'") == [("FOREIGN KEY (x) REFERENCES p(a) ON DELETE CASCADE DEFERRABLE",
                                                True, False)]
    c.execute("INSERT INTO t VALUES (NULL)")
    c.execute("CREATE TABLE n (a int)")
    c.execute("INSERT INTO n VALUES (-1)")
    c.execute("ALTER TABLE n ADD CONSTRAINT n_pos CHECK (a > 0) NOT VALID")
    assert rows(c, "SELECT convalidated FROM pg_constraint WHERE conname = 'n_pos'") == [(False,)]
    with pytest.raises(errors.CheckViolation):
        c.execute("INSERT INTO n VALUES (-2)")  # new rows are checked
    with pytest.raises(errors.CheckViolation):
        c.execute("ALTER TABLE n VALIDATE CONSTRAINT n_pos")
    c.execute("DELETE FROM n")
    c.execute("ALTER TABLE n VALIDATE CONSTRAINT n_pos")
    assert rows(c, "SELECT convalidated, pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'n_pos'") \
        == [(True, "CHECK ((a > 0))")]


# settings and transaction modes ---------------------------------------------------------------------
def test_settings_follow_savepoints_and_set_local(c: psycopg.Connection) -> None:
    c.execute("BEGIN")
    c.execute("SAVEPOINT s")
    c.execute("SET extra_float_digits = 0")
    c.execute("ROLLBACK TO SAVEPOINT s")
    assert rows(c, "SHOW extra_float_digits") == [("1",)]
    c.execute("SET LOCAL extra_float_digits = 2")
    c.execute("SET extra_float_digits = 0")
    c.execute("COMMIT")
    assert rows(c, "SHOW extra_float_digits") == [("0",)]
    c.execute("BEGIN")
    c.execute("SET LOCAL DateStyle = 'German'")
    assert rows(c, "SELECT date '2024-03-05'::text") == [("05.03.2024",)]
    c.execute("COMMIT")
    assert rows(c, "SELECT date '2024-03-05'::text") == [("2024-03-05",)]


def test_read_only_modes(c: psycopg.Connection) -> None:
    c.execute("CREATE TABLE t (a int)")
    c.execute("SET default_transaction_read_only = on")
    with pytest.raises(errors.ReadOnlySqlTransaction):
        c.execute("INSERT INTO t VALUES (1)")
    c.execute("SET default_transaction_read_only = off")
    c.execute("BEGIN READ ONLY")
    c.execute("SELECT 1")
    with pytest.raises(errors.ActiveSqlTransaction):
        c.execute("SET TRANSACTION READ WRITE")
    c.execute("ROLLBACK")


def test_lock_table(c: psycopg.Connection) -> None:
    c.execute("CREATE TABLE t (a int)")
    with pytest.raises(errors.NoActiveSqlTransaction):
        c.execute("LOCK TABLE t")
    c.execute("BEGIN")
    cur = c.execute("LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE NOWAIT")
    assert cur.statusmessage == "LOCK TABLE"
    with pytest.raises(errors.UndefinedTable):
        c.execute("LOCK nosuch")
    c.execute("ROLLBACK")


# tables ---------------------------------------------------------------------------------------------
def test_temp_on_commit(c: psycopg.Connection) -> None:
    c.execute("BEGIN")
    c.execute("CREATE TEMP TABLE keep (a int) ON COMMIT DELETE ROWS")
    c.execute("CREATE TEMP TABLE gone (a int) ON COMMIT DROP")
    c.execute("INSERT INTO keep VALUES (1)")
    assert rows(c, "SELECT count(*) FROM keep") == [(1,)]
    c.execute("COMMIT")
    assert rows(c, "SELECT count(*) FROM keep") == [(0,)]
    assert rows(c, "SELECT to_regclass('gone') IS NULL") == [(True,)]
    with pytest.raises(errors.InvalidTableDefinition):
        c.execute("CREATE TABLE perm (a int) ON COMMIT DROP")


def test_unlogged_and_inheritance(c: psycopg.Connection) -> None:
    c.execute("CREATE UNLOGGED TABLE u (a int)")
    assert rows(c, "SELECT relpersistence FROM pg_class WHERE relname = 'u'") == [("u",)]
    c.execute("CREATE TABLE parent (a int)")
    c.execute("CREATE TABLE child (b int) INHERITS (parent)")
    c.execute("INSERT INTO parent VALUES (1)")
    c.execute("INSERT INTO child VALUES (2, 20)")
    assert rows(c, "SELECT a FROM parent ORDER BY a") == [(1,), (2,)]
    assert rows(c, "SELECT a FROM ONLY parent") == [(1,)]
    assert rows(c, "SELECT a, b FROM child") == [(2, 20)]
    assert rows(c, "SELECT inhrelid::regclass::text, inhparent::regclass::text FROM pg_inherits") == [
        ("child", "parent")]
    assert c.execute("UPDATE parent SET a = a * 10").rowcount == 2
    assert rows(c, "SELECT a FROM child") == [(20,)]
    with pytest.raises(errors.DependentObjectsStillExist):
        c.execute("DROP TABLE parent")
    assert c.execute("DELETE FROM parent WHERE a = 20").rowcount == 1
    c.execute("DROP TABLE parent CASCADE")
    assert rows(c, "SELECT to_regclass('child') IS NULL") == [(True,)]


def test_range_partitions(c: psycopg.Connection) -> None:
    c.execute("CREATE TABLE m (k int, v text) PARTITION BY RANGE (k)")
    c.execute("CREATE TABLE m_lo PARTITION OF m FOR VALUES FROM (MINVALUE) TO (10)")
    c.execute("CREATE TABLE m_hi PARTITION OF m FOR VALUES FROM (10) TO (100)")
    c.execute("INSERT INTO m VALUES (1, 'a'), (10, 'b'), (50, 'c')")
    assert rows(c, "SELECT tableoid::regclass::text, k FROM m ORDER BY k") == [
        ("m_lo", 1), ("m_hi", 10), ("m_hi", 50)]
    assert rows(c, "SELECT relname::text, relkind, relispartition, pg_get_expr(relpartbound, oid) FROM pg_class "
                   "WHERE relname LIKE 'm%' ORDER BY relname") == [
        ("m", "p", False, None), ("m_hi", "r", True, "FOR VALUES FROM (10) TO (100)"),
        ("m_lo", "r", True, "FOR VALUES FROM (MINVALUE) TO (10)")]
    assert rows(c, "SELECT partstrat, partnatts FROM pg_partitioned_table") == [("r", 1)]
    with pytest.raises(errors.CheckViolation, match='no partition of relation "m" found for row'):
        c.execute("INSERT INTO m VALUES (100, 'x')")
    with pytest.raises(errors.CheckViolation, match="violates partition constraint"):
        c.execute("INSERT INTO m_lo VALUES (50, 'x')")
    with pytest.raises(errors.InvalidObjectDefinition, match='would overlap partition "m_hi"'):
        c.execute("CREATE TABLE m_x PARTITION OF m FOR VALUES FROM (50) TO (200)")
    c.execute("DROP TABLE m")
    assert rows(c, "SELECT count(*) FROM pg_class WHERE relname LIKE 'm%'") == [(0,)]


def test_list_partitions_with_default(c: psycopg.Connection) -> None:
    c.execute("CREATE TABLE l (k text) PARTITION BY LIST (k)")
    c.execute("CREATE TABLE l_ab PARTITION OF l FOR VALUES IN ('a', 'b')")
    c.execute("CREATE TABLE l_def PARTITION OF l DEFAULT")
    c.execute("INSERT INTO l VALUES ('a'), ('z'), (NULL)")
    assert rows(c, "SELECT tableoid::regclass::text, k FROM l ORDER BY k") == [
        ("l_ab", "a"), ("l_def", "z"), ("l_def", None)]
    assert rows(c, "SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'l_ab'") == [
        ("FOR VALUES IN ('a', 'b')",)]
    with pytest.raises(errors.InvalidObjectDefinition):
        c.execute("CREATE TABLE l_def2 PARTITION OF l DEFAULT")
