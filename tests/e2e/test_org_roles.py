"""Organization roles admin / operator / reader: granted while connected to one database, they
give access to that database only (and let the role connect there); the same grant in another
database is independent. Driven over TCP with psycopg against one server holding two databases.

The predefined roles pg_read_all_data / pg_write_all_data are compared with a real PostgreSQL 15.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from tests.e2e.oracle_compare import real_postgres, run_steps

PW = "orgpw"


@pytest.fixture()
def orgs(server: Any) -> Iterator[tuple[str, str, str]]:
    """Two databases A and B, each with tables (B has one A lacks), and a suffix for role names."""
    sfx = f"{os.getpid()}_{id(object())}"
    a, b = f"org_a_{sfx}", f"org_b_{sfx}"
    with server.connect() as c:
        c.execute(f"CREATE DATABASE {a}")
        c.execute(f"CREATE DATABASE {b}")
        for r in ("alice", "bob", "carol", "dave"):
            c.execute(f"CREATE ROLE {r}_{sfx} LOGIN PASSWORD '{PW}'")
    for db, n in ((a, 1), (b, 2)):
        with server.connect(dbname=db) as c:
            c.execute("CREATE TABLE items (id int PRIMARY KEY, note text)")
            c.execute("INSERT INTO items VALUES (%s, %s)", (n, db))
            c.execute("CREATE SEQUENCE counter")
            if db == b:
                c.execute("CREATE TABLE only_in_b (secret text)")
                c.execute("INSERT INTO only_in_b VALUES ('b-secret')")
    try:
        yield a, b, sfx
    finally:
        with server.connect() as c:
            c.execute(f"DROP DATABASE {a}")
            c.execute(f"DROP DATABASE {b}")
            for r in ("alice", "bob", "carol", "dave"):
                c.execute(f"DROP ROLE {r}_{sfx}")


def _as(server: Any, role: str, db: str) -> psycopg.Connection:
    return server.connect(user=role, password=PW, dbname=db)


def _code(conn: psycopg.Connection, sql: str) -> str | None:
    try:
        conn.execute(sql)
    except psycopg.Error as e:
        return e.sqlstate
    return None


def _cannot_connect(server: Any, role: str, db: str) -> None:
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        _as(server, role, db).close()


def test_reader_reads_only_in_its_database(server: Any, orgs: tuple[str, str, str]) -> None:
    a, b, sfx = orgs
    alice, bob = f"alice_{sfx}", f"bob_{sfx}"
    _cannot_connect(server, alice, a)
    with server.connect(dbname=a) as c:
        assert c.execute(f"GRANT reader TO {alice}").statusmessage == "GRANT ROLE"
    with server.connect(dbname=b) as c:  # a reader of B is someone else: no effect on alice
        c.execute(f"GRANT reader TO {bob}")
    with _as(server, alice, a) as c:
        assert c.execute("SELECT id, note FROM items").fetchall() == [(1, a)]
        assert c.execute("SELECT last_value FROM counter").fetchone() == (1,)
        assert _code(c, "INSERT INTO items VALUES (9, 'x')") == "42501"
        assert _code(c, "UPDATE items SET note = 'x'") == "42501"
        assert _code(c, "DELETE FROM items") == "42501"
        assert _code(c, "SELECT nextval('counter')") == "42501"
        assert _code(c, "CREATE TABLE mine (x int)") == "42501"
        assert _code(c, "TRUNCATE items") == "42501"
        c.execute("SET ROLE reader")  # a member may become the role, in this database
        assert c.execute("SELECT current_user, count(*) FROM items").fetchone() == ("reader", 1)
        c.execute("RESET ROLE")
        assert c.execute("SELECT has_table_privilege('items', 'SELECT'), has_table_privilege('items', 'INSERT'), "
                         "pg_has_role('reader', 'MEMBER')").fetchone() == (True, False, True)
        assert c.execute("SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                         "WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = current_user)").fetchall() == [
            ("reader",)]
        # nothing of B is visible from A: catalogs, qualified names, functions
        assert c.execute("SELECT count(*) FROM pg_class WHERE relname = 'only_in_b'").fetchone() == (0,)
        assert c.execute("SELECT count(*) FROM information_schema.tables "
                         "WHERE table_name = 'only_in_b'").fetchone() == (0,)
        assert _code(c, "SELECT * FROM only_in_b") == "42P01"
        assert _code(c, f"SELECT * FROM {b}.public.only_in_b") == "0A000"
        assert _code(c, "SELECT has_table_privilege('only_in_b', 'SELECT')") == "42P01"
        assert c.execute("SELECT to_regclass('only_in_b')").fetchone() == (None,)
        assert c.execute("SELECT datname FROM pg_database WHERE datname LIKE 'org\\_%'").fetchall() == [(a,)]
    _cannot_connect(server, alice, b)
    with _as(server, bob, b) as c:  # bob reads B, and only B
        assert c.execute("SELECT * FROM only_in_b").fetchall() == [("b-secret",)]
        assert c.execute("SELECT pg_has_role('reader', 'MEMBER'), has_table_privilege('items', 'INSERT')"
                         ).fetchone() == (True, False)
    _cannot_connect(server, bob, a)


def test_operator_writes_admin_manages(server: Any, orgs: tuple[str, str, str]) -> None:
    a, b, sfx = orgs
    carol, dave = f"carol_{sfx}", f"dave_{sfx}"
    with server.connect(dbname=a) as c:
        c.execute(f"GRANT operator TO {carol}")
        c.execute(f"GRANT admin TO {dave}")
    with _as(server, carol, a) as c:
        c.execute("INSERT INTO items VALUES (2, 'by carol')")
        assert c.execute("UPDATE items SET note = 'upd' WHERE id = 2").rowcount == 1
        assert c.execute("SELECT nextval('counter')").fetchone() == (1,)
        assert c.execute("DELETE FROM items WHERE id = 2").rowcount == 1
        assert _code(c, "TRUNCATE items") == "42501"
        assert _code(c, "CREATE TABLE mine (x int)") == "42501"
        assert _code(c, "DROP TABLE items") == "42501"
        assert _code(c, "GRANT reader TO " + dave) == "42501"
    with _as(server, dave, a) as c:
        c.execute("CREATE TABLE made_by_admin (x int)")
        c.execute("INSERT INTO made_by_admin VALUES (1)")
        c.execute("TRUNCATE items")
        c.execute("ALTER TABLE items ADD COLUMN extra int")
        c.execute(f"GRANT reader TO {carol}")  # an admin of A manages A's organization roles
        c.execute(f"REVOKE operator FROM {carol}")
        # ... and is nobody for database B, though A and B have the same owner
        assert _code(c, f"ALTER DATABASE {b} RENAME TO taken_over") == "42501"
        assert _code(c, f"GRANT CONNECT ON DATABASE {b} TO {carol}") == "42501"
        assert _code(c, f"DROP DATABASE {b}") == "42501"
    with _as(server, carol, a) as c:
        assert c.execute("SELECT count(*) FROM made_by_admin").fetchone() == (1,)
        assert _code(c, "INSERT INTO made_by_admin VALUES (2)") == "42501"
    _cannot_connect(server, carol, b)
    _cannot_connect(server, dave, b)
    with server.connect(dbname=a) as c:
        c.execute(f"REVOKE reader FROM {carol}")
    _cannot_connect(server, carol, a)


def test_organization_roles_exist_everywhere_and_cannot_be_recreated(server: Any) -> None:
    with server.connect() as c:
        assert c.execute("SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname IN ('admin', 'operator', 'reader') "
                         "ORDER BY 1").fetchall() == [("admin", False), ("operator", False), ("reader", False)]
        assert _code(c, "CREATE ROLE reader") == "42710"


def test_predefined_data_roles_match_postgres(server: Any) -> None:
    steps = [
        (None, "CREATE SCHEMA pd_s"),
        (None, "CREATE TABLE pd_s.t (a int)"),
        (None, "CREATE SEQUENCE pd_s.q"),
        (None, "INSERT INTO pd_s.t VALUES (1)"),
        (None, "GRANT pg_read_all_data TO pd_r"),
        (None, "GRANT pg_write_all_data TO pd_w"),
        ("pd_r", "SELECT * FROM pd_s.t"),
        ("pd_r", "SELECT last_value FROM pd_s.q"),
        ("pd_r", "INSERT INTO pd_s.t VALUES (2)"),
        ("pd_r", "SELECT has_table_privilege('pd_s.t', 'SELECT'), has_schema_privilege('pd_s', 'USAGE'), "
                 "has_schema_privilege('pd_s', 'CREATE'), has_sequence_privilege('pd_s.q', 'USAGE')"),
        ("pd_w", "INSERT INTO pd_s.t VALUES (2)"),
        ("pd_w", "UPDATE pd_s.t SET a = 3 WHERE a = 2"),
        ("pd_w", "SELECT * FROM pd_s.t"),
        ("pd_w", "DELETE FROM pd_s.t"),
        ("pd_w", "TRUNCATE pd_s.t"),
        ("pd_w", "SELECT nextval('pd_s.q')"),
        ("pd_w", "CREATE TABLE pd_s.x (a int)"),
        ("pd_w", "SELECT has_table_privilege('pd_s.t', 'INSERT'), has_table_privilege('pd_s.t', 'TRUNCATE')"),
        (None, "SELECT rolname FROM pg_roles WHERE oid IN (6171, 6181, 6182) ORDER BY oid"),
    ]
    answers = []
    with real_postgres() as pg:
        for connect in (lambda: server.connect(), lambda: psycopg.connect(pg.dsn(), autocommit=True)):
            with connect() as c:
                for r in ("pd_r", "pd_w"):
                    c.execute(f"DROP ROLE IF EXISTS {r}")
                    c.execute(f"CREATE ROLE {r}")
                answers.append(run_steps(c, steps))
                c.execute("DROP SCHEMA pd_s CASCADE")
                c.execute("DROP ROLE pd_r")
                c.execute("DROP ROLE pd_w")
    for ours, theirs in zip(*answers):
        assert ours == theirs
