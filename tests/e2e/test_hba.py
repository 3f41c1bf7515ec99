"""pg_hba.conf through real clients: the default file, the first matching rule deciding, no
match and reject giving FATAL 28000 with PostgreSQL's messages, connection types
(host/hostssl/hostnossl), client addresses (IPv4 and IPv6 CIDR), database and user lists,
+group, sameuser/samerole, trust, and reloading with SIGHUP or pg_reload_conf()."""

from __future__ import annotations

import os
import ssl
import tempfile
from collections.abc import Iterator

import psycopg
import pytest

from tests.e2e.conftest import ServerProcess
from tests.e2e.security_helpers import login_error, psql, server_with, write_hba

ADMIN = "host all postgres all scram-sha-256\n"


@pytest.fixture(scope="module")
def srv() -> Iterator[ServerProcess]:
    with tempfile.TemporaryDirectory(prefix="pgserver-hba-") as d, server_with(d, host="127.0.0.1,::1") as s:
        with s.connect() as c:
            c.execute("CREATE ROLE staff")
            c.execute("CREATE ROLE alice LOGIN PASSWORD 'pw-alice' IN ROLE staff")
            c.execute("CREATE ROLE bob LOGIN PASSWORD 'pw-bob'")
            c.execute("CREATE DATABASE bob")
            c.execute("CREATE DATABASE staff")
            c.execute("CREATE DATABASE other")
            for db in ("postgres", "bob", "staff", "other"):
                c.execute(f"GRANT CONNECT ON DATABASE {db} TO PUBLIC")
        yield s


@pytest.fixture(autouse=True)
def default_rules(srv: ServerProcess) -> Iterator[None]:
    yield
    write_hba(srv, "host all all all scram-sha-256\n")


def connect(srv: ServerProcess, user: str, password: str, dbname: str = "postgres", host: str = "127.0.0.1",
            sslmode: str = "disable") -> psycopg.Connection:
    return psycopg.connect(host=host, port=srv.port, user=user, password=password, dbname=dbname,
                           sslmode=sslmode, connect_timeout=15, autocommit=True)


def _tls_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def test_default_file_of_the_first_start(srv: ServerProcess) -> None:
    with open(os.path.join(srv.data_dir, "pg_hba.conf")) as f:
        rules = [line.split() for line in f if line.strip() and not line.startswith("#")]
    assert rules == [["host", "all", "all", "all", "scram-sha-256"]]
    assert login_error(srv, user="alice", password="pw-alice") is None
    assert login_error(srv, user="alice", password="wrong") == (
        "28P01", 'password authentication failed for user "alice"')


def test_no_matching_rule(srv: ServerProcess) -> None:
    write_hba(srv, ADMIN + "host bob bob 127.0.0.1/32 scram-sha-256\n")
    assert login_error(srv, user="alice", password="pw-alice") == (
        "28000", 'no pg_hba.conf entry for host "127.0.0.1", user "alice", database "postgres", no encryption')
    assert login_error(srv, user="alice", password="pw-alice", ssl=_tls_context()) == (
        "28000", 'no pg_hba.conf entry for host "127.0.0.1", user "alice", database "postgres", SSL encryption')
    out = psql(srv, "user=alice sslmode=disable", "select 1", password="pw-alice")
    assert out.returncode != 0
    assert ('FATAL:  no pg_hba.conf entry for host "127.0.0.1", user "alice", database "postgres", no encryption'
            in out.stderr)
    with connect(srv, "bob", "pw-bob", dbname="bob") as c:
        assert c.execute("select current_user").fetchone() == ("bob",)


def test_reject_and_first_match_decides(srv: ServerProcess) -> None:
    write_hba(srv, ADMIN + "host all bob all reject\nhost all all all scram-sha-256\n")
    assert login_error(srv, user="bob", password="pw-bob") == (
        "28000", 'pg_hba.conf rejects connection for host "127.0.0.1", user "bob", database "postgres", no encryption')
    assert login_error(srv, user="alice", password="pw-alice") is None
    with pytest.raises(psycopg.OperationalError, match="pg_hba.conf rejects connection for host"):
        connect(srv, "bob", "pw-bob")


def test_hostssl_and_hostnossl(srv: ServerProcess) -> None:
    write_hba(srv, ADMIN + "hostssl all alice all scram-sha-256\nhostnossl all bob all scram-sha-256\n")
    with connect(srv, "alice", "pw-alice", sslmode="require") as c:
        assert c.pgconn.ssl_in_use
    with pytest.raises(psycopg.OperationalError, match='user "alice", database "postgres", no encryption'):
        connect(srv, "alice", "pw-alice", sslmode="disable")
    with connect(srv, "bob", "pw-bob", sslmode="disable") as c:
        assert not c.pgconn.ssl_in_use
    assert login_error(srv, user="bob", password="pw-bob", ssl=_tls_context()) == (
        "28000", 'no pg_hba.conf entry for host "127.0.0.1", user "bob", database "postgres", SSL encryption')
    # libpq's sslmode=prefer falls back to an unencrypted connection after the refusal over TLS.
    out = psql(srv, "user=bob sslmode=prefer", "select 'fallback'", password="pw-bob")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "fallback"


def test_trust_by_client_address(srv: ServerProcess) -> None:
    write_hba(srv, "host all all ::1/128 trust\nhost all all 127.0.0.0/8 scram-sha-256\n")
    with connect(srv, "alice", "not-her-password", host="::1") as c:
        assert c.execute("select current_user").fetchone() == ("alice",)
    out = psql(srv, "host=::1 user=bob sslmode=disable", "select current_user", password="")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "bob"
    with pytest.raises(psycopg.OperationalError, match='password authentication failed for user "alice"'):
        connect(srv, "alice", "not-her-password", host="127.0.0.1")
    with connect(srv, "alice", "pw-alice", host="127.0.0.1") as c:
        assert c.execute("select 1").fetchone() == (1,)
    # trust does not create roles: an unknown role is still refused.
    with pytest.raises(psycopg.OperationalError, match='role "nobody" does not exist'):
        connect(srv, "nobody", "", host="::1")


def test_databases_users_and_groups(srv: ServerProcess) -> None:
    write_hba(srv, ADMIN + "host sameuser all all scram-sha-256\n"
              "host samerole +staff 127.0.0.1/32 scram-sha-256\n"
              "host postgres,\"other\" alice,bob 127.0.0.1 255.255.255.255 scram-sha-256\n")
    assert login_error(srv, user="bob", password="pw-bob", database="bob") is None
    assert login_error(srv, user="alice", password="pw-alice", database="staff") is None
    assert login_error(srv, user="bob", password="pw-bob", database="staff") == (
        "28000", 'no pg_hba.conf entry for host "127.0.0.1", user "bob", database "staff", no encryption')
    assert login_error(srv, user="alice", password="pw-alice", database="other") is None
    assert login_error(srv, user="alice", password="pw-alice", database="bob")[0] == "28000"  # type: ignore[index]


def test_pg_reload_conf(srv: ServerProcess) -> None:
    path = os.path.join(srv.data_dir, "pg_hba.conf")
    with srv.connect() as admin:
        with open(path, "w") as f:
            f.write(ADMIN)
        assert login_error(srv, user="alice", password="pw-alice") is None  # not re-read yet
        assert admin.execute("select pg_reload_conf()").fetchone() == (True,)
        assert login_error(srv, user="alice", password="pw-alice")[0] == "28000"  # type: ignore[index]
        # A broken file is reported and the rules in force stay.
        with open(path, "w") as f:
            f.write("host all all all trust\nhost all all all nonsense\n")
        assert admin.execute("select pg_reload_conf()").fetchone() == (True,)
        assert login_error(srv, user="alice", password="pw-alice")[0] == "28000"  # type: ignore[index]
        assert any("could not load" in line and "nonsense" in line for line in srv.log)
        write_hba(srv, "host all all all scram-sha-256\n")
    with connect(srv, "alice", "pw-alice") as c, pytest.raises(psycopg.errors.InsufficientPrivilege,
                                                               match="permission denied for function pg_reload_conf"):
        c.execute("select pg_reload_conf()")


def test_pg_hba_file_rules_shows_the_file(srv: ServerProcess) -> None:
    write_hba(srv, "host all postgres 127.0.0.1/32 scram-sha-256\n# comment\n"
              "hostssl db1,db2 +staff ::1/128 md5\nhost all all all reject\nhost all all nowhere trust\n")
    with connect(srv, "postgres", srv.password) as c:
        rows = c.execute("select line_number, type, database, user_name, address, netmask, auth_method, options, "
                         "error from pg_hba_file_rules order by line_number").fetchall()
    assert rows == [
        (1, "host", ["all"], ["postgres"], "127.0.0.1", "255.255.255.255", "scram-sha-256", None, None),
        (3, "hostssl", ["db1", "db2"], ["+staff"], "::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "md5", None,
         None),
        (4, "host", ["all"], ["all"], "all", None, "reject", None, None),
        (5, None, None, None, None, None, None, None, 'host names are not supported: "nowhere"'),
    ]
    with connect(srv, "alice", "pw-alice", host="::1", sslmode="require") as c, pytest.raises(
            psycopg.errors.InsufficientPrivilege, match="permission denied for view pg_hba_file_rules"):
        c.execute("select * from pg_hba_file_rules")
