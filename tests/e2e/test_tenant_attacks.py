"""Attacks on tenant isolation, driven over TCP with psycopg and raw sockets.

Expectations come from PostgreSQL 15 (the same statements run there as a non-superuser):
hostile database and role names are plain catalog data and never reach the file system; symbolic
links planted in the data directory are refused; a role owning one database cannot reach another
database's tables through qualified names, the catalogs, server-side file functions, COPY to/from
files or programs, role switching, or by connecting.
"""

from __future__ import annotations

import os
import re

import psycopg
import pytest

from tests.e2e.conftest import ServerProcess
from tests.fuzz.wire import RawConnection, check_error_fields, cstr, i16, i32, typed

HOSTILE_NAMES = ["../evil", "..", "a/b", "/tmp/pgserver-evil", "a\\b", "x" * 63, "y" * 64, "z" * 10_000, "-c"]


def _tree(root: str) -> set[str]:
    out = set()
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            out.add(os.path.relpath(os.path.join(dirpath, name), root))
    return out


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlstate(conn: psycopg.Connection, sql: str) -> str | None:
    try:
        cur = conn.execute(sql)
        if cur.description is not None:
            cur.fetchall()
        return None
    except psycopg.Error as err:
        return err.sqlstate


def test_hostile_names_never_reach_the_file_system(server: ServerProcess) -> None:
    data_dir = server.data_dir
    parent = os.path.dirname(data_dir)
    parent_before = set(os.listdir(parent))
    notices: list[tuple[str | None, str]] = []
    with server.connect() as c:
        c.add_notice_handler(lambda d: notices.append((d.sqlstate, d.message_primary or "")))
        for name in HOSTILE_NAMES:
            c.execute(f"CREATE ROLE {_quote(name)} LOGIN PASSWORD 'pw'")
            c.execute(f"CREATE DATABASE {_quote(name)} OWNER {_quote(name)}")
        # PostgreSQL truncates names to 63 bytes with a NOTICE (42622).
        assert ("42622", f'identifier "{"z" * 10_000}" will be truncated to "{"z" * 63}"') in notices
        names = {r[0] for r in c.execute("SELECT datname FROM pg_database").fetchall()}
        assert {n[:63] for n in HOSTILE_NAMES} <= names
    try:
        for name in HOSTILE_NAMES:
            short = name[:63]
            with psycopg.connect(host=server.host, port=server.port, user=short, password="pw", dbname=short,
                                 autocommit=True, connect_timeout=10) as c:
                assert c.execute("SELECT current_database(), current_user").fetchone() == (short, short)
                c.execute("CREATE TABLE t (x int)")
                c.execute("INSERT INTO t VALUES (1)")
        # Nothing outside the data directory; nothing inside is named after a client-sent name.
        assert set(os.listdir(parent)) == parent_before
        assert not os.path.exists("/tmp/pgserver-evil")
        for path in _tree(data_dir):
            for part in path.split(os.sep):
                assert re.fullmatch(r"[0-9]+|base|global|[a-z_]+\.(mdb|pid|json|conf|log|crt|key)|[a-z_]+", part), path
                assert part not in ("evil", "..", "a", "b") and "x" * 20 not in part, path
    finally:
        with server.connect() as c:
            for name in HOSTILE_NAMES:
                c.execute(f"DROP DATABASE IF EXISTS {_quote(name[:63])}")
                c.execute(f"DROP ROLE IF EXISTS {_quote(name[:63])}")


def test_nul_and_invalid_utf8_in_protocol_strings(server: ServerProcess) -> None:
    # A text parameter with a NUL byte: 22021 as PostgreSQL, the connection stays usable.
    conn = RawConnection(server.host, server.port)
    try:
        conn.login(server.user, server.password, "postgres")
        conn.send(typed(b"P", cstr("") + cstr("SELECT $1::text") + i16(0))
                  + typed(b"B", cstr("") + cstr("") + i16(0) + i16(1) + i32(3) + b"a\0b" + i16(0))
                  + typed(b"E", cstr("") + i32(0)) + typed(b"S", b""))
        msgs = conn.read_until_ready()
        errors = [check_error_fields(m) for m in msgs if m.type == "E"]
        assert [(e["C"], e["M"]) for e in errors] == [("22021", 'invalid byte sequence for encoding "UTF8": 0x00')]
        conn.send(typed(b"Q", b"SELECT 1\0"))
        assert [m.type for m in conn.read_until_ready()] == ["T", "D", "C", "Z"]
        # A NUL inside a query string: ERROR 08P01 "invalid message format", and the session goes on.
        conn.send(typed(b"Q", b'CREATE DATABASE "a\0b"\0'))
        msgs = conn.read_until_ready()
        fields = check_error_fields(msgs[0])
        assert (fields["S"], fields["C"], fields["M"]) == ("ERROR", "08P01", "invalid message format")
        assert msgs[-1].type == "Z"
        conn.send(typed(b"Q", b"SELECT 1\0"))
        assert [m.type for m in conn.read_until_ready()] == ["T", "D", "C", "Z"]
    finally:
        conn.close()
    # A database or user name with invalid UTF-8 in the startup packet.
    for params in (b"user\0postgres\0database\0a\xffb\0\0", b"user\0post\xffgres\0\0"):
        conn = RawConnection(server.host, server.port)
        try:
            body = i32(196608) + params
            conn.send(i32(len(body) + 4) + body)
            msg = conn.read_message()
            assert msg is not None and msg.type == "E"
            fields = check_error_fields(msg)
            assert (fields["S"], fields["C"]) == ("FATAL", "22021")
        finally:
            conn.close()
    with server.connect() as c:
        # chr(0) and NUL escapes in SQL text.
        assert _sqlstate(c, "SELECT 'a' || chr(0)") == "54000"
        assert _sqlstate(c, "SELECT 1") is None


@pytest.fixture()
def two_orgs(server: ServerProcess):
    with server.connect() as c:
        for stmt in ["DROP DATABASE IF EXISTS org_a", "DROP DATABASE IF EXISTS org_b",
                     "DROP ROLE IF EXISTS alice", "DROP ROLE IF EXISTS bob",
                     "CREATE ROLE alice LOGIN PASSWORD 'a'", "CREATE ROLE bob LOGIN PASSWORD 'b'",
                     "CREATE DATABASE org_a OWNER alice", "CREATE DATABASE org_b OWNER bob",
                     "REVOKE CONNECT ON DATABASE org_a FROM PUBLIC", "REVOKE CONNECT ON DATABASE org_b FROM PUBLIC"]:
            c.execute(stmt)
    with server.connect(user="bob", password="b", dbname="org_b") as c:
        c.execute("CREATE TABLE secret (x text)")
        c.execute("INSERT INTO secret VALUES ('bob data')")
    yield server
    with server.connect() as c:
        for stmt in ["DROP DATABASE IF EXISTS org_a", "DROP DATABASE IF EXISTS org_b",
                     "DROP ROLE IF EXISTS alice", "DROP ROLE IF EXISTS bob"]:
            c.execute(stmt)


def test_role_of_one_org_cannot_reach_another(two_orgs: ServerProcess) -> None:
    server = two_orgs
    with server.connect(user="alice", password="a", dbname="org_a") as c:
        with pytest.raises(psycopg.Error) as exc:
            c.execute("SELECT * FROM org_b.public.secret")
        assert exc.value.sqlstate == "0A000"
        assert exc.value.diag.message_primary == 'cross-database references are not implemented: "org_b.public.secret"'
        assert c.execute("SELECT count(*) FROM pg_class WHERE relname = 'secret'").fetchone() == (0,)
        assert c.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'secret'"
                         ).fetchone() == (0,)
        assert c.execute("SELECT to_regclass('secret')").fetchone() == (None,)
        assert _sqlstate(c, "SELECT * FROM secret") == "42P01"
        # Server-side file access: PostgreSQL 42501 (permission denied); pgserver has no such functions.
        for call in ("pg_read_file('/etc/passwd')", "lo_import('/etc/passwd')", "pg_ls_dir('.')",
                     "dblink('dbname=org_b', 'SELECT * FROM secret')"):
            assert _sqlstate(c, f"SELECT {call}") in ("42501", "42883"), call
        c.execute("CREATE TABLE mine (x text)")
        for stmt in ("COPY mine FROM '/etc/passwd'", "COPY mine TO '/tmp/pgserver-copy-out'",
                     "COPY mine FROM PROGRAM 'id'", "COPY (SELECT 1) TO PROGRAM 'id'"):
            assert _sqlstate(c, stmt) == "42501", stmt
        assert not os.path.exists("/tmp/pgserver-copy-out")
        for stmt in ("SET ROLE bob", "SET SESSION AUTHORIZATION bob", "ALTER ROLE bob PASSWORD 'x'",
                     "DROP DATABASE org_b", "ALTER DATABASE org_b OWNER TO alice", "CREATE EXTENSION dblink",
                     "ALTER ROLE alice SUPERUSER", "CREATE ROLE mallory SUPERUSER"):
            assert _sqlstate(c, stmt) == "42501", stmt
        assert _sqlstate(c, "GRANT bob TO alice") == "42501"
    with pytest.raises(psycopg.OperationalError) as exc:
        server.connect(user="alice", password="a", dbname="org_b")
    assert 'permission denied for database "org_b"' in str(exc.value)
    assert "User does not have CONNECT privilege." in str(exc.value)
    with server.connect(user="bob", password="b", dbname="org_b") as c:
        assert c.execute("SELECT x FROM secret").fetchall() == [("bob data",)]


def _database_oid(server: ServerProcess, name: str) -> int:
    with server.connect() as c:
        return c.execute("SELECT oid FROM pg_database WHERE datname = %s", (name,)).fetchone()[0]


def test_symlinks_in_the_data_directory_are_refused(fresh_server: ServerProcess, tmp_path) -> None:
    server = fresh_server
    with server.connect() as c:
        c.execute("CREATE DATABASE org_a")
        c.execute("CREATE DATABASE org_b")
        c.execute("CREATE DATABASE org_c")
    with server.connect(dbname="org_b") as c:
        c.execute("CREATE TABLE secret AS SELECT 'bob data' AS x")
    oid_a, oid_b, oid_c = (_database_oid(server, n) for n in ("org_a", "org_b", "org_c"))
    server.stop()
    base = os.path.join(server.data_dir, "base")
    # org_a's directory becomes a link to org_b's; org_c's data file a link to a file in /tmp.
    os.rename(os.path.join(base, str(oid_a)), str(tmp_path / "moved_a"))
    os.symlink(os.path.join(base, str(oid_b)), os.path.join(base, str(oid_a)))
    outside = tmp_path / "outside.mdb"
    os.rename(os.path.join(base, str(oid_c), "data.mdb"), str(outside))
    os.symlink(str(outside), os.path.join(base, str(oid_c), "data.mdb"))
    server.start()
    for name, rel in (("org_a", f"base/{oid_a}"), ("org_c", f"base/{oid_c}/data.mdb")):
        with pytest.raises(psycopg.OperationalError) as exc:
            server.connect(dbname=name)
        assert f'refusing to open "{rel}": it is a symbolic link' in str(exc.value)
    with server.connect(dbname="org_b") as c:
        assert c.execute("SELECT x FROM secret").fetchall() == [("bob data",)]
    assert server.proc is not None and server.proc.poll() is None
