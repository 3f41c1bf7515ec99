"""Privileges through psycopg, as PostgreSQL 15 has them: column privileges, WITH GRANT OPTION and
REVOKE ... CASCADE, role membership details, SET [LOCAL] ROLE, ALTER DEFAULT PRIVILEGES,
DROP OWNED / REASSIGN OWNED, USAGE on types and row-level security. Expectations were taken
from a real PostgreSQL 15."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import errors


@pytest.fixture()
def su(server: Any, db: str) -> Iterator[psycopg.Connection]:
    """An autocommit superuser connection to a database of the test's own."""
    with server.connect(dbname=db) as c:
        yield c


@pytest.fixture()
def roles(server: Any) -> Iterator[Any]:
    """make(n) -> n fresh role names (created); all dropped afterwards."""
    made: list[str] = []

    def make(n: int = 1, options: str = "") -> list[str]:
        out = []
        with server.connect() as c:
            for _ in range(n):
                name = f"pr_{uuid.uuid4().hex[:10]}"
                c.execute(f"CREATE ROLE {name} {options}")
                made.append(name)
                out.append(name)
        return out

    yield make
    with server.connect() as c:
        for name in reversed(made):
            try:
                c.execute(f"DROP ROLE IF EXISTS {name}")
            except psycopg.Error:
                pass


def one(c: psycopg.Connection, q: str) -> Any:
    row = c.execute(q).fetchone()
    assert row is not None
    return row[0] if len(row) == 1 else row


def as_role(c: psycopg.Connection, role: str, q: str) -> Any:
    c.execute(f"SET ROLE {role}")
    try:
        return c.execute(q).fetchall()
    finally:
        c.execute("RESET ROLE")


def test_column_select_privilege(su: psycopg.Connection, roles: Any) -> None:
    (r,) = roles()
    su.execute("CREATE TABLE t (pub int, secret int)")
    su.execute("INSERT INTO t VALUES (1, 2)")
    su.execute(f"GRANT SELECT (pub) ON t TO {r}")
    assert as_role(su, r, "SELECT pub FROM t") == [(1,)]
    assert as_role(su, r, "SELECT count(*) FROM t") == [(1,)]
    for q in ("SELECT secret FROM t", "SELECT * FROM t", "SELECT t.* FROM t", "SELECT pub FROM t WHERE secret = 2"):
        with pytest.raises(errors.InsufficientPrivilege, match="permission denied for table t"):
            as_role(su, r, q)
    row = one(su, f"SELECT has_column_privilege('{r}', 't', 'pub', 'SELECT'), "
                  f"has_column_privilege('{r}', 't', 'secret', 'SELECT'), has_table_privilege('{r}', 't', 'SELECT'), "
                  f"has_any_column_privilege('{r}', 't', 'SELECT')")
    assert row == (True, False, False, True)


def test_column_insert_and_update_privileges(su: psycopg.Connection, roles: Any) -> None:
    (r,) = roles()
    su.execute("CREATE TABLE t (id int, a int, b int DEFAULT 7)")
    su.execute("INSERT INTO t VALUES (1, 0, 0)")
    su.execute(f"GRANT SELECT (id), UPDATE (a), INSERT (a) ON t TO {r}")
    su.execute(f"SET ROLE {r}")
    try:
        assert su.execute("UPDATE t SET a = 5 WHERE id = 1").rowcount == 1
        assert su.execute("INSERT INTO t (a) VALUES (1)").rowcount == 1
        for q in ("UPDATE t SET b = 5 WHERE id = 1", "UPDATE t SET a = a + 1", "UPDATE t SET a = 5 RETURNING a",
                  "INSERT INTO t (a, b) VALUES (1, 2)", "INSERT INTO t VALUES (1)", "DELETE FROM t"):
            with pytest.raises(errors.InsufficientPrivilege):
                su.execute(q)
    finally:
        su.execute("RESET ROLE")
    assert su.execute("SELECT id, a, b FROM t ORDER BY a").fetchall() == [(None, 1, 7), (1, 5, 0)]


def test_information_schema_column_privileges(su: psycopg.Connection, roles: Any) -> None:
    (r,) = roles()
    su.execute("CREATE TABLE t (a int, b int)")
    su.execute(f"GRANT SELECT (b), UPDATE (a, b) ON t TO {r}")
    rows = su.execute("SELECT column_name, privilege_type, is_grantable FROM information_schema.column_privileges "
                      f"WHERE grantee = '{r}' ORDER BY 1, 2").fetchall()
    assert rows == [("a", "UPDATE", "NO"), ("b", "SELECT", "NO"), ("b", "UPDATE", "NO")]


def test_grant_option_regrant_and_warning(su: psycopg.Connection, roles: Any) -> None:
    a, b, c = roles(3)
    su.execute(f"GRANT USAGE ON SCHEMA public TO {a}, {b}")
    su.execute("CREATE TABLE t (x int)")
    su.execute(f"GRANT SELECT ON t TO {a} WITH GRANT OPTION")
    su.execute(f"GRANT INSERT ON t TO {b}")
    warnings: list[str] = []
    su.add_notice_handler(lambda d: warnings.append(d.message_primary or ""))
    su.execute(f"SET ROLE {a}")
    su.execute(f"GRANT SELECT ON t TO {c}")
    su.execute(f"GRANT SELECT, INSERT ON t TO {c}")
    su.execute(f"SET ROLE {b}")
    su.execute(f"GRANT INSERT ON t TO {c}")
    su.execute("RESET ROLE")
    assert warnings == ['not all privileges were granted for "t"', 'no privileges were granted for "t"']
    acl = one(su, "SELECT relacl::text FROM pg_class WHERE relname = 't'")
    assert f"{a}=r*/postgres" in acl and f"{b}=a/postgres" in acl and f"{c}=r/{a}" in acl
    assert one(su, f"SELECT has_table_privilege('{c}', 't', 'SELECT')") is True


def test_grant_without_any_privilege_is_denied(su: psycopg.Connection, roles: Any) -> None:
    (a,) = roles()
    su.execute("CREATE TABLE t (x int)")
    su.execute(f"SET ROLE {a}")
    with pytest.raises(errors.InsufficientPrivilege, match="permission denied for table t"):
        su.execute(f"GRANT SELECT ON t TO {a}")


def test_revoke_dependent_privileges(su: psycopg.Connection, roles: Any) -> None:
    a, b = roles(2)
    su.execute("CREATE TABLE t (x int)")
    su.execute(f"GRANT SELECT ON t TO {a} WITH GRANT OPTION")
    su.execute(f"SET ROLE {a}")
    su.execute(f"GRANT SELECT ON t TO {b}")
    su.execute("RESET ROLE")
    with pytest.raises(errors.DependentObjectsStillExist, match="dependent privileges exist"):
        su.execute(f"REVOKE SELECT ON t FROM {a}")
    su.execute(f"REVOKE GRANT OPTION FOR SELECT ON t FROM {a} CASCADE")
    assert one(su, f"SELECT has_table_privilege('{a}', 't', 'SELECT'), "
                   f"has_table_privilege('{b}', 't', 'SELECT')") == (True, False)
    su.execute(f"REVOKE SELECT ON t FROM {a}")
    assert one(su, f"SELECT has_table_privilege('{a}', 't', 'SELECT')") is False


def test_membership_loop_admin_option_and_noinherit(su: psycopg.Connection, roles: Any) -> None:
    g, u = roles(2)
    su.execute(f"GRANT {g} TO {u} WITH ADMIN OPTION")
    assert one(su, "SELECT am.admin_option FROM pg_auth_members am JOIN pg_roles r ON r.oid = am.roleid "
                   f"WHERE r.rolname = '{g}'") is True
    with pytest.raises(errors.InvalidGrantOperation, match=f'role "{u}" is a member of role "{g}"'):
        su.execute(f"GRANT {u} TO {g}")
    with pytest.raises(errors.InvalidGrantOperation, match=f'role "{g}" is a member of role "{g}"'):
        su.execute(f"GRANT {g} TO {g}")
    (n,) = roles(1, "NOINHERIT")
    su.execute(f"GRANT {g} TO {n}")
    su.execute("CREATE TABLE t (x int)")
    su.execute(f"GRANT SELECT ON t TO {g}")
    with pytest.raises(errors.InsufficientPrivilege):
        as_role(su, n, "SELECT x FROM t")
    assert as_role(su, u, "SELECT x FROM t") == []


def test_set_role_local_rollback_and_missing(su: psycopg.Connection, roles: Any) -> None:
    (r,) = roles()
    su.execute("BEGIN")
    su.execute(f"SET LOCAL ROLE {r}")
    assert one(su, "SELECT current_user") == r
    su.execute("COMMIT")
    assert one(su, "SELECT current_user") == "postgres"
    su.execute("BEGIN")
    su.execute(f"SET ROLE {r}")
    su.execute("ROLLBACK")
    assert one(su, "SELECT current_user") == "postgres"
    with pytest.raises(errors.InvalidParameterValue, match='role "pr_never_there" does not exist'):
        su.execute("SET ROLE pr_never_there")


def test_default_privileges_for_new_tables(su: psycopg.Connection, roles: Any) -> None:
    (r,) = roles()
    su.execute("CREATE SCHEMA s")
    su.execute(f"GRANT USAGE ON SCHEMA s TO {r}")
    su.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO {r}")
    su.execute("CREATE TABLE s.t (a int)")
    su.execute("INSERT INTO s.t VALUES (9)")
    assert as_role(su, r, "SELECT a FROM s.t") == [(9,)]
    su.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA s REVOKE SELECT ON TABLES FROM {r}")
    su.execute("CREATE TABLE s.t2 (a int)")
    with pytest.raises(errors.InsufficientPrivilege):
        as_role(su, r, "SELECT a FROM s.t2")


def test_drop_owned_and_reassign_owned(su: psycopg.Connection, roles: Any) -> None:
    a, b = roles(2)
    su.execute(f"GRANT CREATE, USAGE ON SCHEMA public TO {a}")
    su.execute("CREATE TABLE t (x int)")
    su.execute(f"GRANT SELECT (x), INSERT ON t TO {b}")
    su.execute(f"SET ROLE {a}")
    su.execute("CREATE TABLE mine (x int)")
    su.execute("RESET ROLE")
    su.execute(f"REASSIGN OWNED BY {a} TO {b}")
    assert one(su, "SELECT tableowner FROM pg_tables WHERE tablename = 'mine'") == b
    with pytest.raises(errors.DependentObjectsStillExist) as e:
        su.execute(f"DROP ROLE {b}")
    detail = (e.value.diag.message_detail or "").splitlines()
    assert "privileges for column x of table t" in detail and "owner of table mine" in detail
    su.execute(f"DROP OWNED BY {a}, {b}")
    assert su.execute("SELECT 1 FROM pg_tables WHERE tablename = 'mine'").fetchall() == []
    assert one(su, f"SELECT has_table_privilege('{b}', 't', 'INSERT')") is False
    su.execute(f"DROP ROLE {a}")
    su.execute(f"DROP ROLE {b}")


def test_usage_on_type(su: psycopg.Connection, roles: Any) -> None:
    (r,) = roles()
    su.execute("CREATE TYPE e AS ENUM ('x')")
    su.execute("REVOKE USAGE ON TYPE e FROM PUBLIC")
    su.execute(f"GRANT USAGE ON TYPE e TO {r}")
    assert one(su, f"SELECT has_type_privilege('{r}', 'e', 'USAGE')") is True
    with pytest.raises(errors.InvalidGrantOperation, match="invalid privilege type SELECT for type"):
        su.execute(f"GRANT SELECT ON TYPE e TO {r}")


def test_row_level_security(su: psycopg.Connection, roles: Any) -> None:
    r, owner = roles(2)
    su.execute(f"GRANT USAGE ON SCHEMA public TO {r}")
    su.execute("CREATE TABLE t (who name, v int)")
    su.execute(f"ALTER TABLE t OWNER TO {owner}")
    su.execute(f"INSERT INTO t VALUES ('{r}', 1), ('{r}', 2), ('other', 3)")
    su.execute(f"GRANT SELECT ON t TO {r}")
    su.execute("ALTER TABLE t ENABLE ROW LEVEL SECURITY")
    assert as_role(su, r, "SELECT count(*) FROM t") == [(0,)]  # no policy: no rows
    assert as_role(su, owner, "SELECT count(*) FROM t") == [(3,)]  # the owner is exempt
    su.execute("CREATE POLICY own ON t USING (who = current_user)")
    assert as_role(su, r, "SELECT v FROM t ORDER BY v") == [(1,), (2,)]
    su.execute("CREATE POLICY small ON t AS RESTRICTIVE USING (v < 2)")
    assert as_role(su, r, "SELECT v FROM t") == [(1,)]
    with pytest.raises(errors.DuplicateObject):
        su.execute("CREATE POLICY small ON t USING (true)")
    su.execute("DROP POLICY small ON t")
    su.execute("ALTER TABLE t FORCE ROW LEVEL SECURITY")
    assert as_role(su, owner, "SELECT count(*) FROM t") == [(0,)]
    assert one(su, "SELECT count(*) FROM t") == 3  # superusers bypass row security
    su.execute("ALTER TABLE t DISABLE ROW LEVEL SECURITY")
    assert as_role(su, r, "SELECT count(*) FROM t") == [(3,)]
