"""Privilege inquiry functions, advisory locks, and what the cluster-wide relations show to whom
(pg_database, pg_stat_activity, pg_authid, pg_roles, pg_auth_members)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sql.instance import Instance
from tests.sql.sessions import sql_error_code as code_of
from tests.sql.test_pg_catalog import connect, new_instance, one, run, schema_session, text


@pytest.fixture()
def instance(tmp_path: Any) -> Iterator[Instance]:
    yield from new_instance(tmp_path)


@pytest.fixture()
def s(instance: Instance) -> Any:
    session = schema_session(instance)
    run(session, "CREATE ROLE alice LOGIN")
    run(session, "GRANT CONNECT ON DATABASE postgres TO alice")
    run(session, "GRANT SELECT, UPDATE ON orders TO alice")
    run(session, "GRANT USAGE ON SEQUENCE myseq TO alice")
    return session


def test_table_privileges_all_forms(s: Any) -> None:
    assert text(s, "SELECT has_table_privilege('orders', 'SELECT'), "
                   "has_table_privilege('alice', 'orders', 'select'), "
                   "has_table_privilege('alice', 'orders', 'insert'), "
                   "has_table_privilege('alice', 'orders', 'INSERT, update'), "
                   "has_table_privilege('alice', 'customers'::regclass, 'select'), "
                   "has_table_privilege((SELECT oid FROM pg_roles WHERE rolname = 'alice'), 'orders', 'select'), "
                   "has_table_privilege('alice', 'orders', 'SELECT WITH GRANT OPTION'), "
                   "has_table_privilege('public', 'orders', 'select'), "
                   "has_table_privilege('alice', 'pg_class', 'select'), "
                   "has_table_privilege(999999::oid, 'select') IS NULL") == [
        ("t", "t", "f", "t", "f", "t", "f", "f", "t", "t")]


def test_other_privilege_functions(s: Any) -> None:
    assert text(s, "SELECT has_column_privilege('alice', 'orders', 'amount', 'UPDATE'), "
                   "has_column_privilege('alice', 'orders', 2::int2, 'insert'), "
                   "has_any_column_privilege('alice', 'orders', 'select'), "
                   "has_any_column_privilege('alice', 'customers', 'select'), "
                   "has_sequence_privilege('alice', 'myseq', 'usage'), "
                   "has_sequence_privilege('alice', 'myseq', 'update'), "
                   "has_schema_privilege('alice', 'public', 'CREATE'), "
                   "has_schema_privilege('alice', 'pg_catalog', 'USAGE'), "
                   "has_schema_privilege('public', 'USAGE'), "
                   "has_database_privilege('alice', 'postgres', 'CONNECT'), "
                   "has_database_privilege('alice', 'postgres', 'CREATE'), "
                   "has_function_privilege('alice', 'lower(text)', 'execute'), "
                   "has_type_privilege('alice', 'mood', 'usage')") == [
        ("t", "f", "t", "f", "t", "f", "f", "t", "t", "t", "f", "t", "t")]


def test_pg_has_role(s: Any) -> None:
    run(s, "CREATE ROLE staff")
    run(s, "GRANT staff TO alice")
    assert text(s, "SELECT pg_has_role('alice', 'staff', 'MEMBER'), pg_has_role('alice', 'staff', 'USAGE'), "
                   "pg_has_role('staff', 'alice', 'MEMBER'), pg_has_role('alice', 'alice', 'usage'), "
                   "pg_has_role('staff', 'usage')") == [("t", "t", "f", "t", "t")]


@pytest.mark.parametrize(("sql", "code"), [
    ("SELECT has_table_privilege('nope', 'select')", "42P01"),
    ("SELECT has_table_privilege('orders', 'frob')", "22023"),
    ("SELECT has_table_privilege('nobody', 'orders', 'select')", "42704"),
    ("SELECT has_schema_privilege('nope', 'usage')", "3F000"),
    ("SELECT has_database_privilege('nope', 'connect')", "3D000"),
    ("SELECT has_column_privilege('orders', 'nope', 'select')", "42703"),
    ("SELECT has_sequence_privilege('orders', 'usage')", "42809"),
    ("SELECT pg_has_role('nobody', 'member')", "42704"),
])
def test_privilege_function_errors(s: Any, sql: str, code: str) -> None:
    assert code_of(s, sql) == code


def test_as_ordinary_role(instance: Instance, s: Any) -> None:
    a = connect(instance, "alice")
    assert text(a, "SELECT has_table_privilege('orders', 'select'), has_table_privilege('customers', 'select'), "
                   "current_user") == [("t", "f", "alice")]
    assert code_of(a, "SELECT * FROM pg_authid") == "42501"
    assert text(a, "SELECT rolname, rolpassword FROM pg_roles WHERE rolname = 'alice'") == [("alice", "********")]
    assert one(s, "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'") == "t"
    assert text(s, "SELECT usename, usesuper FROM pg_user ORDER BY 1") == [("alice", "f"), ("postgres", "t")]


def test_pg_auth_members(s: Any) -> None:
    run(s, "CREATE ROLE staff")
    run(s, "GRANT staff TO alice")
    assert text(s, "SELECT r.rolname, m.rolname FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid "
                   "JOIN pg_roles m ON m.oid = am.member WHERE m.rolname !~ '^pg_'") == [("staff", "alice")]


def test_databases_and_activity_are_per_database(instance: Instance, s: Any) -> None:
    run(s, "CREATE DATABASE other")
    o = connect(instance, db="other")
    run(o, "CREATE TABLE only_in_other (x int)")
    assert one(s, "SELECT count(*) FROM pg_class WHERE relname = 'only_in_other'") == "0"
    assert one(o, "SELECT count(*) FROM pg_class WHERE relname = 'orders'") == "0"
    assert text(s, "SELECT datname FROM pg_database ORDER BY 1") == [("other",), ("postgres",)]
    a = connect(instance, "alice")
    assert text(a, "SELECT datname, encoding, datlocprovider, datcollate FROM pg_database") == [
        ("postgres", "6", "c", "C.UTF-8")]
    a.report_idle()  # as the frontend does when it sends ReadyForQuery
    assert text(s, "SELECT datname, usename, state, pid = pg_backend_pid() FROM pg_stat_activity ORDER BY pid") == [
        ("postgres", "postgres", "active", "t"), ("postgres", "alice", "idle", "f")]
    assert text(o, "SELECT datname, usename FROM pg_stat_activity") == [("other", "postgres")]


def test_advisory_locks(instance: Instance, s: Any) -> None:
    t = connect(instance)
    assert text(s, "SELECT pg_try_advisory_lock(1), pg_try_advisory_lock(1), pg_try_advisory_lock_shared(2)") == [
        ("t", "t", "t")]
    assert text(t, "SELECT pg_try_advisory_lock(1), pg_try_advisory_lock_shared(2), pg_try_advisory_lock(2), "
                   "pg_try_advisory_lock(1, 1)") == [("f", "t", "f", "t")]
    run(t, "SET lock_timeout = '50ms'")  # the blocking form waits (here: in the one test thread)
    assert code_of(t, "SELECT pg_advisory_lock(1)") == "55P03"
    assert text(s, "SELECT locktype, objid, objsubid, mode, granted FROM pg_locks ORDER BY pid, objid, mode") == [
        ("advisory", "1", "1", "ExclusiveLock", "t"), ("advisory", "2", "1", "ShareLock", "t"),
        ("advisory", "1", "2", "ExclusiveLock", "t"), ("advisory", "2", "1", "ShareLock", "t")]
    assert text(s, "SELECT pg_advisory_unlock(1), pg_advisory_unlock(1), pg_advisory_unlock(1)") == [
        ("t", "t", "f")]
    assert one(t, "SELECT pg_try_advisory_lock(1)") == "t"
    run(t, "SELECT pg_advisory_unlock_all()")
    run(s, "SELECT pg_advisory_unlock_all()")
    assert one(s, "SELECT count(*) FROM pg_locks") == "0"


def test_transaction_level_advisory_locks(instance: Instance, s: Any) -> None:
    t = connect(instance)
    run(s, "BEGIN")
    assert one(s, "SELECT pg_try_advisory_xact_lock(7)") == "t"
    assert one(t, "SELECT pg_try_advisory_xact_lock(7)") == "f"
    run(t, "SET lock_timeout = '50ms'")
    assert code_of(t, "SELECT pg_advisory_xact_lock(7)") == "55P03"
    run(s, "COMMIT")
    assert one(t, "SELECT pg_try_advisory_xact_lock(7)") == "t"  # released with s's transaction
    run(s, "SELECT pg_advisory_xact_lock(7)")  # t's lock ended with its own (single-statement) transaction
    assert one(s, "SELECT count(*) FROM pg_locks") == "0"


def test_locks_do_not_cross_databases(instance: Instance, s: Any) -> None:
    run(s, "CREATE DATABASE other")
    o = connect(instance, db="other")
    assert one(s, "SELECT pg_try_advisory_lock(42)") == "t"
    assert one(o, "SELECT pg_try_advisory_lock(42)") == "t"
    assert one(o, "SELECT count(*) FROM pg_locks") == "1"
    run(s, "SELECT pg_advisory_unlock_all()")
    run(o, "SELECT pg_advisory_unlock_all()")


def test_settings_view(s: Any) -> None:
    assert text(s, "SELECT name, setting FROM pg_settings WHERE name IN ('TimeZone', 'DateStyle', 'IntervalStyle', "
                   "'standard_conforming_strings') ORDER BY name") == [
        ("DateStyle", "ISO, MDY"), ("IntervalStyle", "postgres"), ("TimeZone", "UTC"),
        ("standard_conforming_strings", "on")]
    run(s, "SET statement_timeout = '2s'")
    run(s, "SET work_mem = '8MB'")
    assert text(s, "SELECT name, setting, unit, source, context, vartype FROM pg_settings "
                   "WHERE name IN ('statement_timeout', 'work_mem') ORDER BY 1") == [
        ("statement_timeout", "2000", "ms", "session", "user", "integer"),
        ("work_mem", "8192", "kB", "session", "user", "integer")]
