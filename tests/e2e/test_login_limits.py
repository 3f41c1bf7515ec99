"""Login limits through real clients: failed passwords throttle their client address only,
authentication_timeout closes a client that does not finish its startup, max_connections gives
53300, and a role's CONNECTION LIMIT and VALID UNTIL are enforced as in PostgreSQL."""

from __future__ import annotations

import socket
import struct
import tempfile
import threading
import time
from collections.abc import Iterator

import psycopg
import pytest

from tests.e2e.conftest import ServerProcess
from tests.e2e.security_helpers import login_error, psql, server_with

AUTH_TIMEOUT = 2.0
MAX_CONNECTIONS = 8


@pytest.fixture(scope="module")
def srv() -> Iterator[ServerProcess]:
    with tempfile.TemporaryDirectory(prefix="pgserver-limits-") as d, server_with(
        d, host="127.0.0.1,::1", PGSERVER_MAX_CONNECTIONS=str(MAX_CONNECTIONS)
    ) as s:
        with s.connect() as c:
            c.execute("CREATE ROLE lim LOGIN PASSWORD 'pw' CONNECTION LIMIT 1")
            c.execute("CREATE ROLE expired LOGIN PASSWORD 'pw' VALID UNTIL '2000-01-01'")
            c.execute("CREATE ROLE current LOGIN PASSWORD 'pw' VALID UNTIL '2999-01-01'")
            c.execute("CREATE ROLE forever LOGIN PASSWORD 'pw' VALID UNTIL 'infinity'")
            c.execute("CREATE ROLE plain LOGIN PASSWORD 'pw'")
            c.execute("GRANT CONNECT ON DATABASE postgres TO PUBLIC")
        yield s


def connect(srv: ServerProcess, user: str = "postgres", password: str | None = None,
            host: str = "127.0.0.1") -> psycopg.Connection:
    return psycopg.connect(host=host, port=srv.port, user=user, password=srv.password if password is None else password,
                           dbname="postgres", sslmode="disable", connect_timeout=30, autocommit=True)


def timed_login(srv: ServerProcess, host: str, password: str) -> tuple[float, str]:
    start = time.monotonic()
    try:
        connect(srv, password=password, host=host).close()
        outcome = "ok"
    except psycopg.OperationalError as exc:
        outcome = str(exc)
    return time.monotonic() - start, outcome


def test_failed_logins_throttle_only_their_address(srv: ServerProcess) -> None:
    # The attacker is ::1; everyone else logs in over 127.0.0.1.
    baseline, outcome = timed_login(srv, "127.0.0.1", srv.password)
    assert outcome == "ok"
    # Three free failures, then waits of 0.5 and 1 s.
    delays = [timed_login(srv, "::1", "wrong")[0] for _ in range(6)]
    assert max(delays[:4]) < 0.45 + baseline and 0.45 <= delays[4] < 0.95 and delays[5] >= 0.95, delays
    attack: list[tuple[float, str]] = []
    attacker = threading.Thread(target=lambda: attack.append(timed_login(srv, "::1", "wrong")))
    attacker.start()  # this attempt waits 2 s before it is even asked for its password
    time.sleep(0.2)
    others = [timed_login(srv, "127.0.0.1", srv.password) for _ in range(3)]
    attacker.join()
    assert all(outcome == "ok" for _, outcome in others)
    assert max(t for t, _ in others) < 1.0 + baseline, (others, baseline)
    assert attack[0][0] >= 1.9, attack
    assert 'password authentication failed for user "postgres"' in attack[0][1]
    # The right password still works from the throttled address (after the wait), and resets it.
    took, outcome = timed_login(srv, "::1", srv.password)
    assert outcome == "ok" and took >= 3.5
    took, outcome = timed_login(srv, "::1", srv.password)
    assert outcome == "ok" and took < 1.0 + baseline


def _read_all(sock: socket.socket) -> bytes:
    data = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            return data
        data += chunk


@pytest.fixture(scope="module")
def quick_timeout() -> Iterator[ServerProcess]:
    with tempfile.TemporaryDirectory(prefix="pgserver-timeout-") as d, server_with(
        d, PGSERVER_AUTHENTICATION_TIMEOUT=str(AUTH_TIMEOUT)
    ) as s:
        yield s


def test_authentication_timeout_closes_silent_clients(quick_timeout: ServerProcess) -> None:
    srv = quick_timeout
    # Nothing sent at all: closed without a message, as PostgreSQL does.
    with socket.create_connection(("127.0.0.1", srv.port), timeout=AUTH_TIMEOUT + 10) as sock:
        start = time.monotonic()
        assert _read_all(sock) == b""
        assert AUTH_TIMEOUT - 0.2 <= time.monotonic() - start < AUTH_TIMEOUT + 5
    # A startup packet, then silence: the password request, then the connection is closed.
    body = struct.pack("!i", 196608) + b"user\x00postgres\x00database\x00postgres\x00\x00"
    with socket.create_connection(("127.0.0.1", srv.port), timeout=AUTH_TIMEOUT + 10) as sock:
        start = time.monotonic()
        sock.sendall(struct.pack("!i", len(body) + 4) + body)
        data = _read_all(sock)
        assert data.startswith(b"R") and b"SCRAM-SHA-256" in data and b"E" not in data[5:6]
        assert AUTH_TIMEOUT - 0.2 <= time.monotonic() - start < AUTH_TIMEOUT + 5
    assert any("canceling authentication due to timeout" in line for line in srv.log)
    # Other clients were served meanwhile and a normal login is not affected by the timer.
    with connect(srv) as c:
        time.sleep(AUTH_TIMEOUT + 0.5)
        assert c.execute("SELECT 1").fetchone() == (1,)
        assert c.execute("SHOW authentication_timeout").fetchone() == ("2s",)


def test_max_connections(srv: ServerProcess) -> None:
    held = []
    try:
        with connect(srv) as c:
            assert c.execute("SHOW max_connections").fetchone() == (str(MAX_CONNECTIONS),)
        for _ in range(MAX_CONNECTIONS):
            held.append(connect(srv))
        assert login_error(srv) == ("53300", "sorry, too many clients already")
        out = psql(srv, "sslmode=disable", "select 1")
        assert out.returncode != 0
        assert "FATAL:  sorry, too many clients already" in out.stderr
        with pytest.raises(psycopg.OperationalError, match="sorry, too many clients already"):
            connect(srv)
    finally:
        for c in held:
            c.close()
    time.sleep(0.3)
    with connect(srv) as c:
        assert c.execute("SELECT 1").fetchone() == (1,)


def test_superuser_reserved_connections(srv: ServerProcess) -> None:
    held = []
    try:
        with connect(srv) as c:
            assert c.execute("SHOW superuser_reserved_connections").fetchone() == ("3",)
        for _ in range(MAX_CONNECTIONS - 3):
            held.append(connect(srv, "plain", "pw"))
        assert login_error(srv, user="plain", password="pw") == (
            "53300", "remaining connection slots are reserved for non-replication superuser connections")
        out = psql(srv, "user=plain sslmode=disable", "select 1", password="pw")
        assert "FATAL:  remaining connection slots are reserved for non-replication superuser connections" in out.stderr
        for _ in range(3):
            held.append(connect(srv))  # superusers get the reserved slots
        assert login_error(srv) == ("53300", "sorry, too many clients already")
    finally:
        for c in held:
            c.close()


def test_role_connection_limit(srv: ServerProcess) -> None:
    with connect(srv, "lim", "pw"):
        assert login_error(srv, user="lim", password="pw") == ("53300", 'too many connections for role "lim"')
        with pytest.raises(psycopg.OperationalError, match='too many connections for role "lim"'):
            connect(srv, "lim", "pw")
        # The password is checked first, as in PostgreSQL.
        assert login_error(srv, user="lim", password="bad") == (
            "28P01", 'password authentication failed for user "lim"')
    time.sleep(0.3)
    with connect(srv, "lim", "pw") as c:
        assert c.execute("SELECT current_user").fetchone() == ("lim",)
    with connect(srv) as admin:
        admin.execute("ALTER ROLE lim CONNECTION LIMIT 2")
        try:
            with connect(srv, "lim", "pw"), connect(srv, "lim", "pw"):
                assert login_error(srv, user="lim", password="pw")[0] == "53300"  # type: ignore[index]
        finally:
            admin.execute("ALTER ROLE lim CONNECTION LIMIT 1")


def test_valid_until(srv: ServerProcess) -> None:
    assert login_error(srv, user="expired", password="pw") == (
        "28P01", 'password authentication failed for user "expired"')
    out = psql(srv, "user=expired sslmode=disable", "select 1", password="pw")
    assert out.returncode != 0
    assert 'FATAL:  password authentication failed for user "expired"' in out.stderr
    assert any('User "expired" has an expired password.' in line for line in srv.log)
    for user in ("current", "forever"):
        with connect(srv, user, "pw") as c:
            assert c.execute("SELECT current_user").fetchone() == (user,)
    with connect(srv) as admin:
        admin.execute("ALTER ROLE current VALID UNTIL '2001-01-01'")
        admin.execute("ALTER ROLE expired VALID UNTIL 'infinity'")
    assert login_error(srv, user="current", password="pw")[0] == "28P01"  # type: ignore[index]
    assert login_error(srv, user="expired", password="pw") is None
