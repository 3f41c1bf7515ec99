"""Roles, memberships and privileges as PostgreSQL 15 has them, statement by statement against a
real PostgreSQL in the same run: membership with INHERIT / NOINHERIT, SET ROLE / RESET ROLE /
SET SESSION AUTHORIZATION, role attributes, ALTER ... OWNER TO (the ACL follows the owner),
DROP OWNED / REASSIGN OWNED, privileges on tables, columns, schemas, sequences, databases and
functions, WITH GRANT OPTION, ALTER DEFAULT PRIVILEGES and the has_*_privilege functions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from tests.e2e.oracle_compare import Step, real_postgres, run_steps
from tests.e2e.realpg import RealPostgres

ROLES = ("ro_a", "ro_b", "ro_grp", "ro_noinh", "ro_cr")


@pytest.fixture(scope="module")
def realpg() -> Iterator[RealPostgres]:
    with real_postgres() as pg:
        yield pg


def _compare(server: Any, realpg: RealPostgres, steps: list[Step]) -> list:
    db = f"rop_{os.getpid()}"
    results = []
    for connect in (lambda d: server.connect(dbname=d), lambda d: psycopg.connect(realpg.dsn(d), autocommit=True)):
        with connect("postgres") as c:
            c.execute(f"CREATE DATABASE {db}")
            for r in ROLES:
                c.execute(f"DROP ROLE IF EXISTS {r}")
            c.execute("CREATE ROLE ro_grp")
            c.execute("CREATE ROLE ro_a IN ROLE ro_grp")
            c.execute("CREATE ROLE ro_b")
            c.execute("CREATE ROLE ro_noinh NOINHERIT IN ROLE ro_grp")
            c.execute("CREATE ROLE ro_cr CREATEROLE")
        try:
            with connect(db) as c:
                results.append(run_steps(c, steps))
        finally:
            with connect("postgres") as c:
                c.execute(f"DROP DATABASE {db}")
                for r in ROLES:
                    c.execute(f"DROP ROLE IF EXISTS {r}")
    ours, theirs = results
    wrong = [(a, b) for a, b in zip(ours, theirs) if a != b]
    assert not wrong, "\n".join(f"{b[0]} {b[1]}\n  pgserver:   {a[2:]}\n  PostgreSQL: {b[2:]}" for a, b in wrong)
    return theirs


def test_membership_set_role_and_attributes(server: Any, realpg: RealPostgres) -> None:
    _compare(server, realpg, [
        (None, "CREATE TABLE t (a int)"),
        (None, "GRANT SELECT ON t TO ro_grp"),
        ("ro_a", "SELECT * FROM t"),
        ("ro_noinh", "SELECT * FROM t"),
        ("ro_noinh", "SET ROLE ro_grp"),
        ("ro_b", "SET ROLE ro_grp"),
        (None, "SELECT current_user, session_user"),
        (None, "SET SESSION AUTHORIZATION ro_a"),
        (None, "SELECT current_user, session_user"),
        (None, "RESET SESSION AUTHORIZATION"),
        (None, "SELECT current_user, session_user"),
        ("ro_a", "SELECT pg_has_role('ro_grp', 'MEMBER'), pg_has_role('ro_grp', 'USAGE')"),
        ("ro_noinh", "SELECT pg_has_role('ro_grp', 'MEMBER'), pg_has_role('ro_grp', 'USAGE')"),
        ("ro_a", "CREATE ROLE ro_x"),
        ("ro_cr", "CREATE ROLE ro_x"),
        ("ro_cr", "ALTER ROLE ro_x CREATEDB"),
        ("ro_cr", "ALTER ROLE ro_x SUPERUSER"),
        ("ro_cr", "DROP ROLE ro_x"),
        ("ro_a", "CREATE DATABASE ro_db"),
        (None, "SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin FROM pg_roles "
               "WHERE rolname LIKE 'ro\\_%' ORDER BY 1"),
        (None, "REVOKE ro_grp FROM ro_a"),
        ("ro_a", "SELECT * FROM t"),
    ])


def test_owner_change_and_owned_objects(server: Any, realpg: RealPostgres) -> None:
    _compare(server, realpg, [
        (None, "CREATE TABLE t (a int)"),
        (None, "GRANT SELECT ON t TO ro_a"),
        (None, "ALTER TABLE t OWNER TO ro_b"),
        (None, "SELECT relacl FROM pg_class WHERE relname = 't'"),
        ("ro_a", "SELECT * FROM t"),
        ("ro_b", "INSERT INTO t VALUES (1)"),
        ("ro_a", "ALTER TABLE t OWNER TO ro_a"),
        (None, "ALTER TABLE t OWNER TO ro_a"),
        (None, "SELECT relacl FROM pg_class WHERE relname = 't'"),
        (None, "ALTER TABLE t OWNER TO postgres"),
        (None, "SELECT relacl FROM pg_class WHERE relname = 't'"),
        (None, "CREATE FUNCTION fo() RETURNS int LANGUAGE sql AS 'SELECT 1'"),
        (None, "REVOKE EXECUTE ON FUNCTION fo() FROM PUBLIC"),
        (None, "GRANT EXECUTE ON FUNCTION fo() TO ro_a"),
        (None, "ALTER FUNCTION fo() OWNER TO ro_b"),
        (None, "SELECT proacl FROM pg_proc WHERE proname = 'fo'"),
        ("ro_b", "SELECT fo()"),
        (None, "CREATE TYPE tyo AS (a int)"),
        (None, "ALTER TYPE tyo OWNER TO ro_b"),
        (None, "SELECT typacl FROM pg_type WHERE typname = 'tyo'"),
        (None, "DROP FUNCTION fo()"),
        (None, "DROP TYPE tyo"),
        (None, "CREATE SCHEMA s AUTHORIZATION ro_b"),
        (None, "CREATE TABLE s.u (a int)"),
        (None, "ALTER TABLE s.u OWNER TO ro_b"),
        (None, "CREATE SEQUENCE s.q"),
        (None, "ALTER SEQUENCE s.q OWNER TO ro_b"),
        (None, "REASSIGN OWNED BY ro_b TO ro_a"),
        (None, "SELECT c.relname, r.rolname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
               "WHERE relname IN ('t', 'u', 'q') ORDER BY 1"),
        (None, "SELECT nspname, r.rolname FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner "
               "WHERE nspname = 's'"),
        (None, "GRANT SELECT ON t TO ro_a"),
        (None, "DROP OWNED BY ro_a"),
        (None, "SELECT relname FROM pg_class WHERE relname IN ('t', 'u', 'q') ORDER BY 1"),
        (None, "SELECT relacl FROM pg_class WHERE relname = 't'"),
    ])


def test_privileges_per_object_kind(server: Any, realpg: RealPostgres) -> None:
    _compare(server, realpg, [
        (None, "CREATE SCHEMA s"),
        (None, "CREATE TABLE s.t (id int, name text, secret text)"),
        (None, "CREATE SEQUENCE s.q"),
        (None, "CREATE FUNCTION s.f() RETURNS int LANGUAGE sql AS 'SELECT 1'"),
        (None, "REVOKE EXECUTE ON FUNCTION s.f() FROM PUBLIC"),
        ("ro_a", "SELECT * FROM s.t"),
        (None, "GRANT USAGE ON SCHEMA s TO ro_a"),
        ("ro_a", "SELECT * FROM s.t"),
        (None, "GRANT SELECT (id, name), UPDATE (name) ON s.t TO ro_a"),
        ("ro_a", "SELECT id, name FROM s.t"),
        ("ro_a", "SELECT secret FROM s.t"),
        ("ro_a", "UPDATE s.t SET name = 'x' WHERE id = 1"),
        ("ro_a", "UPDATE s.t SET secret = 'x'"),
        ("ro_a", "INSERT INTO s.t (id) VALUES (1)"),
        (None, "GRANT INSERT (id) ON s.t TO ro_a"),
        ("ro_a", "INSERT INTO s.t (id) VALUES (1)"),
        ("ro_a", "INSERT INTO s.t (id, name) VALUES (1, 'n')"),
        ("ro_a", "TRUNCATE s.t"),
        (None, "GRANT TRUNCATE, REFERENCES, TRIGGER ON s.t TO ro_a"),
        ("ro_a", "TRUNCATE s.t"),
        ("ro_a", "SELECT nextval('s.q')"),
        (None, "GRANT USAGE ON SEQUENCE s.q TO ro_a"),
        ("ro_a", "SELECT nextval('s.q')"),
        ("ro_a", "SELECT setval('s.q', 5)"),
        ("ro_a", "SELECT last_value FROM s.q"),
        (None, "GRANT SELECT, UPDATE ON SEQUENCE s.q TO ro_b"),
        ("ro_b", "SELECT nextval('s.q')"),
        ("ro_a", "SELECT f() FROM (SELECT set_config('search_path', 's', false)) AS x"),
        ("ro_a", "SELECT s.f()"),
        (None, "GRANT EXECUTE ON FUNCTION s.f() TO ro_a"),
        ("ro_a", "SELECT s.f()"),
        (None, "REVOKE USAGE ON SCHEMA s FROM ro_a"),
        ("ro_a", "SELECT s.f()"),
        (None, "GRANT USAGE ON SCHEMA s TO ro_a"),
        ("ro_a", "CREATE TABLE s.mine (a int)"),
        (None, "GRANT CREATE ON SCHEMA s TO ro_a"),
        ("ro_a", "CREATE TABLE s.mine (a int)"),
        (None, "GRANT SELECT ON s.t TO ro_a WITH GRANT OPTION"),
        ("ro_a", "GRANT SELECT ON s.t TO ro_b"),
        ("ro_a", "GRANT INSERT ON s.t TO ro_b"),
        (None, "SELECT relacl FROM pg_class WHERE relname = 't'"),
        (None, "SELECT attname, attacl FROM pg_attribute WHERE attrelid = 's.t'::regclass AND attnum > 0 "
               "ORDER BY attnum"),
        (None, "REVOKE SELECT ON s.t FROM ro_a"),
        (None, "REVOKE SELECT ON s.t FROM ro_a CASCADE"),
        (None, "SELECT relacl FROM pg_class WHERE relname = 't'"),
        (None, "SELECT has_table_privilege('ro_a', 's.t', 'SELECT'), has_table_privilege('ro_a', 's.t', 'TRUNCATE'),"
               " has_column_privilege('ro_a', 's.t', 'name', 'UPDATE'), "
               "has_column_privilege('ro_a', 's.t', 'secret', 'SELECT'), "
               "has_any_column_privilege('ro_a', 's.t', 'INSERT'), has_sequence_privilege('ro_a', 's.q', 'USAGE'), "
               "has_schema_privilege('ro_a', 's', 'CREATE'), has_function_privilege('ro_a', 's.f()', 'EXECUTE'), "
               "has_function_privilege('ro_b', 's.f()', 'EXECUTE'), "
               "has_database_privilege('ro_a', current_database(), 'CREATE')"),
    ])


def test_database_privileges(server: Any, realpg: RealPostgres) -> None:
    _compare(server, realpg, [
        ("ro_a", "CREATE SCHEMA ro_sch"),
        (None, "SELECT current_database() ~ '^rop_'"),
        ("ro_a", "CREATE TEMP TABLE tt (a int)"),
        ("ro_a", "SELECT has_database_privilege(current_database(), 'TEMP'), "
                 "has_database_privilege(current_database(), 'CREATE')"),
    ])


def test_default_privileges(server: Any, realpg: RealPostgres) -> None:
    _compare(server, realpg, [
        (None, "CREATE SCHEMA s"),
        (None, "GRANT USAGE, CREATE ON SCHEMA s TO ro_b"),
        (None, "ALTER DEFAULT PRIVILEGES FOR ROLE ro_b IN SCHEMA s GRANT SELECT ON TABLES TO ro_a"),
        (None, "ALTER DEFAULT PRIVILEGES FOR ROLE ro_b GRANT USAGE ON SEQUENCES TO ro_a"),
        (None, "ALTER DEFAULT PRIVILEGES FOR ROLE ro_b REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC"),
        ("ro_b", "CREATE TABLE s.t (a int)"),
        ("ro_b", "CREATE SEQUENCE s.q"),
        ("ro_b", "CREATE FUNCTION s.f() RETURNS int LANGUAGE sql AS 'SELECT 1'"),
        # the items sorted: PostgreSQL lists the default privileges' grantees before the owner
        (None, "SELECT relname, array(SELECT unnest(relacl)::text ORDER BY 1) FROM pg_class "
               "WHERE relname IN ('t', 'q') ORDER BY 1"),
        (None, "SELECT proacl FROM pg_proc WHERE proname = 'f' AND pronamespace = 's'::regnamespace"),
        (None, "SELECT defaclobjtype, defaclacl FROM pg_default_acl ORDER BY 1"),
        ("ro_a", "SELECT * FROM s.t"),
        (None, "ALTER DEFAULT PRIVILEGES FOR ROLE ro_b IN SCHEMA s REVOKE SELECT ON TABLES FROM ro_a"),
        (None, "ALTER DEFAULT PRIVILEGES FOR ROLE ro_b REVOKE USAGE ON SEQUENCES FROM ro_a"),
        (None, "ALTER DEFAULT PRIVILEGES FOR ROLE ro_b GRANT EXECUTE ON FUNCTIONS TO PUBLIC"),
        (None, "SELECT count(*) FROM pg_default_acl"),
        (None, "DROP SCHEMA s CASCADE"),
    ])
