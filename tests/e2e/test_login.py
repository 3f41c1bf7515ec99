"""Login and session start through real clients: SCRAM-SHA-256 authentication, the failures a
client sees as SQLSTATEs, the ParameterStatus values psycopg records, BackendKeyData and the
transaction status reported by ReadyForQuery."""

from __future__ import annotations

import asyncio
import socket
import struct
from typing import Any

import asyncpg
import psycopg
import pytest
from psycopg.pq import TransactionStatus


def connect_sqlstate(server: Any, **overrides: Any) -> str | None:
    """Connect with asyncpg (which, unlike libpq, exposes the SQLSTATE of a failed startup);
    returns the SQLSTATE of the failure or None when the connection succeeded."""

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


def read_message(sock: socket.socket) -> tuple[bytes, bytes]:
    def exact(n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            chunk = sock.recv(n - len(buf))
            if not chunk:
                raise ConnectionError("server closed the connection")
            buf += chunk
        return buf

    head = exact(5)
    (length,) = struct.unpack("!i", head[1:])
    return head[:1], exact(length - 4)


def test_server_asks_for_scram_sha_256(server: Any) -> None:
    """A bare StartupMessage is answered with AuthenticationSASL offering SCRAM-SHA-256."""
    params = f"user\0{server.user}\0database\0{server.dbname}\0\0".encode()
    body = struct.pack("!i", 196608) + params
    with socket.create_connection((server.host, server.port), timeout=10) as sock:
        sock.sendall(struct.pack("!i", len(body) + 4) + body)
        kind, data = read_message(sock)
    assert kind == b"R"
    (code,) = struct.unpack("!i", data[:4])
    assert code == 10  # AuthenticationSASL
    mechanisms = [m.decode() for m in data[4:].split(b"\0") if m]
    assert "SCRAM-SHA-256" in mechanisms


@pytest.mark.skipif(psycopg.pq.version() < 160000, reason="require_auth needs libpq 16")
def test_scram_login_works(server: Any) -> None:
    # require_auth makes libpq refuse any other authentication method than SCRAM-SHA-256.
    with server.connect(require_auth="scram-sha-256") as c:
        assert c.execute("SELECT 1").fetchone() == (1,)
        assert c.info.status == psycopg.pq.ConnStatus.OK
        assert c.pgconn.used_password


def test_scram_login_with_asyncpg(server: Any) -> None:
    assert connect_sqlstate(server) is None


def test_wrong_password(server: Any) -> None:
    with pytest.raises(psycopg.OperationalError):
        server.connect(password="not-the-password")
    assert connect_sqlstate(server, password="not-the-password") == "28P01"
    with server.connect() as c:  # the server still serves
        assert c.execute("SELECT 1").fetchone() == (1,)


def test_unknown_user(server: Any) -> None:
    with pytest.raises(psycopg.OperationalError):
        server.connect(user="no_such_user_xyz")
    # Same SQLSTATE as a wrong password: the server does not reveal which roles exist.
    assert connect_sqlstate(server, user="no_such_user_xyz") == "28P01"


def test_unknown_database(server: Any) -> None:
    with pytest.raises(psycopg.OperationalError):
        server.connect(dbname="no_such_database_xyz")
    assert connect_sqlstate(server, database="no_such_database_xyz") == "3D000"
    with server.connect() as c:
        assert c.execute("SELECT 1").fetchone() == (1,)


def test_parameter_status(conn: psycopg.Connection) -> None:
    ps = conn.info.parameter_status
    version = ps("server_version")
    assert version is not None and version.startswith("15")
    assert conn.info.server_version // 10000 == 15
    assert ps("client_encoding") == "UTF8"
    assert ps("server_encoding") == "UTF8"
    assert ps("DateStyle") == "ISO, MDY"
    assert ps("integer_datetimes") == "on"
    assert ps("standard_conforming_strings") == "on"
    assert ps("IntervalStyle") == "postgres"
    assert ps("is_superuser") == "on"
    assert ps("session_authorization") == "postgres"
    timezone = ps("TimeZone")
    assert timezone
    assert conn.execute("SHOW TimeZone").fetchone() == (timezone,)


def test_application_name_from_startup(server: Any) -> None:
    with server.connect(application_name="e2e_login") as c:
        assert c.info.parameter_status("application_name") == "e2e_login"
        assert c.execute("SHOW application_name").fetchone() == ("e2e_login",)


def test_backend_pid(server: Any) -> None:
    with server.connect() as a, server.connect() as b:
        assert a.info.backend_pid != 0
        assert b.info.backend_pid != 0
        assert a.info.backend_pid != b.info.backend_pid


def test_transaction_status(server: Any) -> None:
    with server.connect(autocommit=False) as c:
        assert c.info.transaction_status == TransactionStatus.IDLE
        c.execute("SELECT 1")
        assert c.info.transaction_status == TransactionStatus.INTRANS
        with pytest.raises(psycopg.errors.DivisionByZero):
            c.execute("SELECT 1/0")
        assert c.info.transaction_status == TransactionStatus.INERROR
        c.rollback()
        assert c.info.transaction_status == TransactionStatus.IDLE
        c.execute("SELECT 1")
        c.commit()
        assert c.info.transaction_status == TransactionStatus.IDLE


def test_transaction_status_explicit_sql(conn: psycopg.Connection) -> None:
    assert conn.info.transaction_status == TransactionStatus.IDLE
    conn.execute("BEGIN")
    assert conn.info.transaction_status == TransactionStatus.INTRANS
    with pytest.raises(psycopg.errors.UndefinedTable):
        conn.execute("SELECT * FROM no_such_table_xyz")
    assert conn.info.transaction_status == TransactionStatus.INERROR
    conn.execute("ROLLBACK")
    assert conn.info.transaction_status == TransactionStatus.IDLE
