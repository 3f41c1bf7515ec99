"""Databases and roles through psycopg/asyncpg: CREATE/DROP DATABASE, isolation of databases,
the CONNECT privilege, CREATE/ALTER/DROP ROLE with passwords, GRANT/REVOKE on tables, superuser
bypass, ownership, and database names that must never reach the file system."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import psycopg
import pytest
from psycopg import errors, sql


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


def connect_sqlstate(server: Any, **overrides: Any) -> str | None:
    """SQLSTATE of a failed connection attempt (asyncpg exposes it, libpq does not), else None."""

    async def attempt() -> str | None:
        params: dict[str, Any] = {"host": server.host, "port": server.port, "user": server.user,
                                  "password": server.password, "database": server.dbname}
        params.update(overrides)
        try:
            c = await asyncpg.connect(timeout=10, **params)
        except asyncpg.PostgresError as e:
            return e.sqlstate
        await c.close()
        return None

    return asyncio.run(attempt())


def connect(server: Any, **overrides: Any) -> psycopg.Connection:
    """psycopg connection with keyword parameters (values may contain spaces and quotes)."""
    params: dict[str, Any] = {"host": server.host, "port": server.port, "user": server.user,
                              "password": server.password, "dbname": server.dbname, "connect_timeout": 10}
    params.update(overrides)
    return psycopg.connect(autocommit=True, **params)


@dataclass
class Roles:
    server: Any
    created: list[str] = field(default_factory=list)

    def make(self, prefix: str = "role", options: str = "LOGIN", password: str | None = "pw") -> str:
        name = unique(prefix)
        pw = f" PASSWORD '{password}'" if password is not None else ""
        with self.server.connect() as c:
            c.execute(f"CREATE ROLE {name} {options}{pw}")
        self.created.append(name)
        return name


@dataclass
class Databases:
    server: Any
    created: list[str] = field(default_factory=list)

    def make(self, prefix: str = "db") -> str:
        """A new database nobody but superusers (and its owner) may connect to. Real PostgreSQL
        grants CONNECT to PUBLIC by default, pgserver does not; the REVOKE makes both alike."""
        name = unique(prefix)
        with self.server.connect() as c:
            c.execute(f"CREATE DATABASE {name}")
            c.execute(f"REVOKE CONNECT ON DATABASE {name} FROM PUBLIC")
        self.created.append(name)
        return name


@pytest.fixture()
def roles(server: Any) -> Iterator[Roles]:
    r = Roles(server)
    yield r
    with server.connect() as c:
        for name in reversed(r.created):
            c.execute(f"DROP ROLE IF EXISTS {name}")


@pytest.fixture()
def databases(server: Any, roles: Roles) -> Iterator[Databases]:
    """Depends on ``roles`` so that the databases (holding the roles' privileges and objects)
    are dropped before the roles."""
    d = Databases(server)
    yield d
    with server.connect() as c:
        for name in reversed(d.created):
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_create_drop_database(server: Any, databases: Databases) -> None:
    name = unique("cdd")
    with server.connect() as c:
        assert c.execute(f"CREATE DATABASE {name}").statusmessage == "CREATE DATABASE"
        databases.created.append(name)
        assert c.execute("SELECT datname FROM pg_database WHERE datname = %s", [name]).fetchall() == [(name,)]
        with pytest.raises(errors.DuplicateDatabase) as info:
            c.execute(f"CREATE DATABASE {name}")
        assert info.value.sqlstate == "42P04"
    with server.connect(dbname=name) as c:
        assert c.execute("SELECT current_database()").fetchone() == (name,)
        c.execute("CREATE TABLE t (id int)")
        c.execute("INSERT INTO t VALUES (1)")
    with server.connect() as c:
        c.execute("BEGIN")
        with pytest.raises(errors.ActiveSqlTransaction):
            c.execute(f"DROP DATABASE {name}")
        c.execute("ROLLBACK")
        assert c.execute(f"DROP DATABASE {name}").statusmessage == "DROP DATABASE"
        assert c.execute("SELECT datname FROM pg_database WHERE datname = %s", [name]).fetchall() == []
        with pytest.raises(errors.InvalidCatalogName) as info:
            c.execute(f"DROP DATABASE {name}")
        assert info.value.sqlstate == "3D000"
        c.execute(f"DROP DATABASE IF EXISTS {name}")
    assert connect_sqlstate(server, database=name) == "3D000"
    with server.connect() as c:  # the same name again is a new, empty database
        c.execute(f"CREATE DATABASE {name}")
    with server.connect(dbname=name) as c:
        with pytest.raises(errors.UndefinedTable):
            c.execute("SELECT * FROM t")


def test_drop_database_in_use(server: Any, databases: Databases) -> None:
    name = databases.make("inuse")
    with server.connect(dbname=name) as c:
        with pytest.raises(errors.ObjectInUse):
            c.execute(f"DROP DATABASE {name}")  # the currently open database
        with server.connect() as admin:
            with pytest.raises(errors.ObjectInUse):
                admin.execute(f"DROP DATABASE {name}")  # another session is connected
        assert c.execute("SELECT 1").fetchone() == (1,)


def test_tables_are_isolated_between_databases(server: Any, databases: Databases) -> None:
    one, two = databases.make("iso"), databases.make("iso")
    with server.connect(dbname=one) as c:
        c.execute("CREATE TABLE only_in_one (id int)")
        c.execute("INSERT INTO only_in_one VALUES (1)")
        c.execute("CREATE TABLE shared_name (v text)")
        c.execute("INSERT INTO shared_name VALUES ('one')")
    with server.connect(dbname=two) as c:
        with pytest.raises(errors.UndefinedTable) as info:
            c.execute("SELECT * FROM only_in_one")
        assert info.value.sqlstate == "42P01"
        c.execute("CREATE TABLE shared_name (v text)")
        c.execute("INSERT INTO shared_name VALUES ('two')")
        assert c.execute("SELECT v FROM shared_name").fetchall() == [("two",)]
    with server.connect(dbname=one) as c:
        assert c.execute("SELECT v FROM shared_name").fetchall() == [("one",)]
        c.execute("DROP TABLE shared_name")
    with server.connect(dbname=two) as c:
        assert c.execute("SELECT v FROM shared_name").fetchall() == [("two",)]


def test_connect_privilege(server: Any, roles: Roles, databases: Databases) -> None:
    role = roles.make("conn")
    name = databases.make("private")
    assert connect_sqlstate(server, user=role, password="pw", database=name) == "42501"
    with pytest.raises(psycopg.OperationalError):
        server.connect(user=role, password="pw", dbname=name)
    with server.connect(dbname=name) as c:  # superusers may always connect
        assert c.execute("SELECT current_database()").fetchone() == (name,)
        c.execute(f"GRANT CONNECT ON DATABASE {name} TO {role}")
    with server.connect(user=role, password="pw", dbname=name) as c:
        assert c.execute("SELECT current_user, current_database()").fetchone() == (role, name)
        assert c.info.parameter_status("is_superuser") == "off"
        assert c.info.parameter_status("session_authorization") == role
    with server.connect() as c:
        c.execute(f"REVOKE CONNECT ON DATABASE {name} FROM {role}")
    assert connect_sqlstate(server, user=role, password="pw", database=name) == "42501"


def test_database_owner_may_connect(server: Any, roles: Roles, databases: Databases) -> None:
    owner = roles.make("owner", "LOGIN CREATEDB")
    outsider = roles.make("outsider")
    name = unique("owned")
    helper = databases.make("helper")  # somewhere the owner may connect to issue CREATE DATABASE
    with server.connect() as c:
        c.execute(f"GRANT CONNECT ON DATABASE {helper} TO {owner}")
    with server.connect(user=owner, password="pw", dbname=helper) as c:
        c.execute(f"CREATE DATABASE {name}")
    databases.created.append(name)
    with server.connect() as c:
        c.execute(f"REVOKE CONNECT ON DATABASE {name} FROM PUBLIC")
    with server.connect(user=owner, password="pw", dbname=name) as c:
        assert c.execute("SELECT current_database()").fetchone() == (name,)
        c.execute("CREATE TABLE mine (id int)")  # the owner of the database owns its public schema
    assert connect_sqlstate(server, user=outsider, password="pw", database=name) == "42501"


def test_create_alter_drop_role(server: Any, roles: Roles, databases: Databases) -> None:
    name = databases.make("login")
    role = unique("login")
    with server.connect() as c:
        assert c.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'first'").statusmessage == "CREATE ROLE"
        roles.created.append(role)
        c.execute(f"GRANT CONNECT ON DATABASE {name} TO {role}")
        with pytest.raises(errors.DuplicateObject) as info:
            c.execute(f"CREATE ROLE {role}")
        assert info.value.sqlstate == "42710"
        assert c.execute("SELECT rolname, rolsuper, rolcanlogin FROM pg_roles WHERE rolname = %s",
                         [role]).fetchall() == [(role, False, True)]
    kept = server.connect(user=role, password="first", dbname=name)
    try:
        assert kept.execute("SELECT current_user, session_user").fetchone() == (role, role)
        with server.connect() as c:
            assert c.execute(f"ALTER ROLE {role} PASSWORD 'second'").statusmessage == "ALTER ROLE"
        assert connect_sqlstate(server, user=role, password="first", database=name) == "28P01"
        with server.connect(user=role, password="second", dbname=name) as c:
            assert c.execute("SELECT current_user").fetchone() == (role,)
        assert kept.execute("SELECT 1").fetchone() == (1,)  # an open session is not affected
    finally:
        kept.close()
    with server.connect() as c:
        c.execute(f"REVOKE CONNECT ON DATABASE {name} FROM {role}")
        assert c.execute(f"DROP ROLE {role}").statusmessage == "DROP ROLE"
        with pytest.raises(errors.UndefinedObject) as info:
            c.execute(f"DROP ROLE {role}")
        assert info.value.sqlstate == "42704"
        c.execute(f"DROP ROLE IF EXISTS {role}")
    assert connect_sqlstate(server, user=role, password="second", database=name) == "28P01"


def test_create_user_and_nologin(server: Any, roles: Roles, databases: Databases) -> None:
    name = databases.make("users")
    user = unique("user")
    nologin = unique("nologin")
    with server.connect() as c:
        c.execute(f"CREATE USER {user} WITH PASSWORD 'pw'")  # CREATE USER implies LOGIN
        roles.created.append(user)
        c.execute(f"CREATE ROLE {nologin} PASSWORD 'pw'")  # CREATE ROLE defaults to NOLOGIN
        roles.created.append(nologin)
        c.execute(f"GRANT CONNECT ON DATABASE {name} TO {user}, {nologin}")
    with server.connect(user=user, password="pw", dbname=name) as c:
        assert c.execute("SELECT current_user").fetchone() == (user,)
    assert connect_sqlstate(server, user=nologin, password="pw", database=name) == "28000"
    with server.connect() as c:
        c.execute(f"ALTER ROLE {nologin} LOGIN")
    assert connect_sqlstate(server, user=nologin, password="pw", database=name) is None


@pytest.fixture()
def granted_setup(server: Any, roles: Roles, databases: Databases) -> tuple[str, str]:
    """A database with a table ``t`` owned by the superuser and a role that may connect to it."""
    role = roles.make("grantee")
    name = databases.make("grants")
    with server.connect(dbname=name) as c:
        c.execute(f"GRANT CONNECT ON DATABASE {name} TO {role}")
        c.execute("CREATE TABLE t (id int, v text)")
        c.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')")
    return name, role


# statements that need exactly one privilege each
PRIVILEGE_STATEMENTS = {
    "SELECT": "SELECT count(*) FROM t",
    "INSERT": "INSERT INTO t VALUES (10, 'ten')",
    "UPDATE": "UPDATE t SET v = 'updated'",
    "DELETE": "DELETE FROM t",
}


@pytest.mark.parametrize("privilege", list(PRIVILEGE_STATEMENTS))
def test_grant_revoke_table_privilege(server: Any, granted_setup: tuple[str, str], privilege: str) -> None:
    name, role = granted_setup
    with server.connect(user=role, password="pw", dbname=name) as c, server.connect(dbname=name) as admin:
        for stmt in PRIVILEGE_STATEMENTS.values():
            with pytest.raises(errors.InsufficientPrivilege) as info:
                c.execute(stmt)
            assert info.value.sqlstate == "42501"
        admin.execute(f"GRANT {privilege} ON TABLE t TO {role}")
        c.execute(PRIVILEGE_STATEMENTS[privilege])  # takes effect in the open session
        for other, stmt in PRIVILEGE_STATEMENTS.items():
            if other != privilege:
                with pytest.raises(errors.InsufficientPrivilege):
                    c.execute(stmt)
        admin.execute(f"REVOKE {privilege} ON t FROM {role}")
        with pytest.raises(errors.InsufficientPrivilege):
            c.execute(PRIVILEGE_STATEMENTS[privilege])
        admin.execute(f"GRANT {privilege} ON t TO {role}")  # without the TABLE keyword
        c.execute(PRIVILEGE_STATEMENTS[privilege])


def test_grant_several_and_all(server: Any, granted_setup: tuple[str, str]) -> None:
    name, role = granted_setup
    with server.connect(user=role, password="pw", dbname=name) as c, server.connect(dbname=name) as admin:
        admin.execute(f"GRANT SELECT, INSERT ON TABLE t TO {role}")
        c.execute("INSERT INTO t VALUES (3, 'three')")
        assert c.execute("SELECT id FROM t ORDER BY id").fetchall() == [(1,), (2,), (3,)]
        with pytest.raises(errors.InsufficientPrivilege):
            c.execute("DELETE FROM t")
        admin.execute(f"GRANT ALL PRIVILEGES ON t TO {role}")
        c.execute("UPDATE t SET v = 'x' WHERE id = 3")
        c.execute("DELETE FROM t WHERE id = 3")
        admin.execute(f"REVOKE ALL ON TABLE t FROM {role}")
        for stmt in PRIVILEGE_STATEMENTS.values():
            with pytest.raises(errors.InsufficientPrivilege):
                c.execute(stmt)


def test_reading_columns_needs_select(server: Any, granted_setup: tuple[str, str]) -> None:
    """UPDATE/DELETE with a WHERE clause and RETURNING read the table, which needs SELECT too."""
    name, role = granted_setup
    with server.connect(user=role, password="pw", dbname=name) as c, server.connect(dbname=name) as admin:
        admin.execute(f"GRANT INSERT, UPDATE, DELETE ON t TO {role}")
        for stmt in ("UPDATE t SET v = 'x' WHERE id = 1", "DELETE FROM t WHERE id = 1",
                     "INSERT INTO t VALUES (5, 'five') RETURNING id"):
            with pytest.raises(errors.InsufficientPrivilege):
                c.execute(stmt)
        admin.execute(f"GRANT SELECT ON t TO {role}")
        c.execute("UPDATE t SET v = 'x' WHERE id = 1")
        c.execute("DELETE FROM t WHERE id = 2")
        assert c.execute("INSERT INTO t VALUES (5, 'five') RETURNING id").fetchall() == [(5,)]
        assert c.execute("SELECT id, v FROM t ORDER BY id").fetchall() == [(1, "x"), (5, "five")]


def test_owner_and_superuser(server: Any, roles: Roles, databases: Databases) -> None:
    owner = roles.make("tabowner")
    other = roles.make("other")
    superuser = roles.make("super", "LOGIN SUPERUSER")
    name = databases.make("owners")
    with server.connect(dbname=name) as admin:
        admin.execute(f"GRANT CONNECT ON DATABASE {name} TO {owner}, {other}")
    with server.connect(user=owner, password="pw", dbname=name) as c:
        with pytest.raises(errors.InsufficientPrivilege):  # PostgreSQL 15: no CREATE on public
            c.execute("CREATE TABLE owned (id int)")
    with server.connect(dbname=name) as admin:
        admin.execute(f"GRANT CREATE ON SCHEMA public TO {owner}")
    with server.connect(user=owner, password="pw", dbname=name) as c:
        # the owner can do everything on its table without any GRANT
        c.execute("CREATE TABLE owned (id int PRIMARY KEY, v text)")
        c.execute("INSERT INTO owned VALUES (1, 'a'), (2, 'b')")
        c.execute("UPDATE owned SET v = 'c' WHERE id = 2")
        c.execute("DELETE FROM owned WHERE id = 1")
        assert c.execute("SELECT id, v FROM owned").fetchall() == [(2, "c")]
        c.execute("CREATE INDEX owned_v ON owned (v)")
        c.execute(f"GRANT SELECT ON owned TO {other}")
    with server.connect(user=other, password="pw", dbname=name) as c:
        assert c.execute("SELECT id FROM owned").fetchall() == [(2,)]
        with pytest.raises(errors.InsufficientPrivilege):
            c.execute("INSERT INTO owned VALUES (3, 'x')")
        with pytest.raises(errors.InsufficientPrivilege):
            c.execute("DROP TABLE owned")  # only the owner (or a superuser) may drop it
    # superusers bypass privilege checks on tables they do not own
    for user, password in ((server.user, server.password), (superuser, "pw")):
        with server.connect(user=user, password=password, dbname=name) as c:
            assert c.info.parameter_status("is_superuser") == "on"
            c.execute("INSERT INTO owned VALUES (10, 's')")
            c.execute("UPDATE owned SET v = 'su' WHERE id = 10")
            assert c.execute("SELECT v FROM owned WHERE id = 10").fetchone() == ("su",)
            c.execute("DELETE FROM owned WHERE id = 10")
    with server.connect(user=owner, password="pw", dbname=name) as c:
        c.execute("DROP TABLE owned")


ODD_TOKEN = "zq" + uuid.uuid4().hex[:8]
ODD_NAMES = [
    f"my db {ODD_TOKEN}",
    "..",
    ".",
    f"../{ODD_TOKEN}esc",
    f"../../{ODD_TOKEN}esc2",
    f"{ODD_TOKEN}/sub",
    f"/tmp/{ODD_TOKEN}abs",
    f'quo"te\'s {ODD_TOKEN}',
    f"back\\slash {ODD_TOKEN}",
    f"ünï cødé {ODD_TOKEN}",
]


def entries_with_token(root: str) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        found += [os.path.join(dirpath, n) for n in dirnames + filenames if ODD_TOKEN in n]
    return found


def check_data_dir(data_dir: str) -> None:
    assert os.path.isdir(os.path.join(data_dir, "global"))
    base = os.path.join(data_dir, "base")
    assert os.path.isdir(base)
    entries = os.listdir(base)
    assert entries and all(e.isdigit() for e in entries), entries


def test_odd_database_names_stay_inside_data_dir(server: Any) -> None:
    data_dir = os.path.abspath(server.data_dir)
    parent = os.path.dirname(data_dir)
    grandparent = os.path.dirname(parent)
    before_parent = sorted(os.listdir(parent))
    check_data_dir(data_dir)
    created: list[str] = []
    try:
        with server.connect() as admin:
            for name in ODD_NAMES:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                created.append(name)
        for name in ODD_NAMES:
            with connect(server, dbname=name) as c:
                assert c.execute("SELECT current_database()").fetchone() == (name,)
                c.execute("CREATE TABLE t (v text)")
                c.execute("INSERT INTO t VALUES (%s)", [name])
        for name in ODD_NAMES:
            with connect(server, dbname=name) as c:
                assert c.execute("SELECT v FROM t").fetchall() == [(name,)]
        with server.connect() as admin:
            names = {r[0] for r in admin.execute("SELECT datname FROM pg_database").fetchall()}
            assert set(ODD_NAMES) <= names
        check_data_dir(data_dir)
        assert entries_with_token(parent) == []
        assert [e for e in os.listdir(grandparent) if ODD_TOKEN in e] == []
        assert [e for e in os.listdir("/") if ODD_TOKEN in e] == []
        assert [e for e in os.listdir("/tmp") if ODD_TOKEN in e] == []
    finally:
        with server.connect() as admin:
            for name in created:
                admin.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
    with server.connect() as admin:
        names = {r[0] for r in admin.execute("SELECT datname FROM pg_database").fetchall()}
        assert not set(ODD_NAMES) & names
    assert sorted(os.listdir(parent)) == before_parent
    check_data_dir(data_dir)
    assert entries_with_token(parent) == []
    assert [e for e in os.listdir("/tmp") if ODD_TOKEN in e] == []
    with server.connect() as c:  # nothing outside the odd databases was touched
        assert c.execute("SELECT current_database()").fetchone() == ("postgres",)
