"""TLS through real clients: SSLRequest answered 'S' and the connection upgraded, the
self-signed certificate made on first start, a CA-signed certificate given on the command line
(environment) checked by libpq's sslmode=require/verify-ca/verify-full, and SCRAM-SHA-256-PLUS
channel binding (libpq's channel_binding=require only succeeds when the server offers it)."""

from __future__ import annotations

import os
import socket
import stat
import struct
import tempfile
from collections.abc import Iterator

import psycopg
import pytest
from cryptography import x509

from tests.e2e.conftest import ServerProcess
from tests.e2e.security_helpers import Pki, make_pki, psql, server_with

SSL_REQUEST = struct.pack("!ii", 8, 80877103)
GSSENC_REQUEST = struct.pack("!ii", 8, 80877104)


@pytest.fixture(scope="module")
def self_signed() -> Iterator[ServerProcess]:
    with tempfile.TemporaryDirectory(prefix="pgserver-tls-") as d, server_with(d) as srv:
        yield srv


@pytest.fixture(scope="module")
def pki_dir() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="pgserver-pki-") as d:
        yield d


@pytest.fixture(scope="module")
def pki(pki_dir: str) -> Pki:
    return make_pki(pki_dir)


@pytest.fixture(scope="module")
def ca_signed(pki: Pki) -> Iterator[ServerProcess]:
    with tempfile.TemporaryDirectory(prefix="pgserver-tls-") as d, server_with(
        d, PGSERVER_SSL_CERT_FILE=pki.cert_file, PGSERVER_SSL_KEY_FILE=pki.key_file
    ) as srv:
        yield srv


def _connect(srv: ServerProcess, **params: object) -> psycopg.Connection:
    merged: dict[str, object] = {"host": "127.0.0.1", "port": srv.port, "user": srv.user, "password": srv.password,
                                 "dbname": srv.dbname, "connect_timeout": 15}
    merged.update(params)
    return psycopg.connect(autocommit=True, **merged)  # type: ignore[arg-type]


# -- the self-signed certificate of the first start ---------------------------------------------


def test_first_start_writes_self_signed_certificate(self_signed: ServerProcess) -> None:
    crt = os.path.join(self_signed.data_dir, "server.crt")
    key = os.path.join(self_signed.data_dir, "server.key")
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    with open(crt, "rb") as f:
        cert = x509.load_pem_x509_certificate(f.read())
    assert cert.issuer == cert.subject
    assert cert.subject.rfc4514_string() == "CN=localhost"
    # The certificate is its own CA: libpq verifies it, host name included.
    out = psql(self_signed, f"sslmode=verify-full sslrootcert={crt} host=localhost hostaddr=127.0.0.1",
               "\\conninfo")
    assert out.returncode == 0, out.stderr
    assert "SSL connection (protocol: TLSv1.3" in out.stdout


def test_ssl_setting_is_on(self_signed: ServerProcess) -> None:
    with _connect(self_signed, sslmode="require") as conn:
        assert conn.pgconn.ssl_in_use
        assert conn.execute("SHOW ssl").fetchone() == ("on",)
    with _connect(self_signed, sslmode="disable") as conn:
        assert not conn.pgconn.ssl_in_use
        assert conn.execute("SELECT current_setting('ssl')").fetchone() == ("on",)


def test_pg_stat_ssl(self_signed: ServerProcess) -> None:
    with _connect(self_signed, sslmode="require") as tls, _connect(self_signed, sslmode="disable") as plain:
        (plain_pid,) = plain.execute("select pg_backend_pid()").fetchone()
        rows = tls.execute("select pid = pg_backend_pid(), ssl, version, cipher, bits from pg_stat_ssl "
                           "where pid in (pg_backend_pid(), %s) order by 1", (plain_pid,)).fetchall()
    assert rows == [(False, False, None, None, None), (True, True, "TLSv1.3", "TLS_AES_256_GCM_SHA384", 256)]
    out = psql(self_signed, "sslmode=require", "\\conninfo")
    assert "cipher: TLS_AES_256_GCM_SHA384" in out.stdout


def test_self_signed_fails_verify_ca_without_its_certificate(self_signed: ServerProcess, pki: Pki) -> None:
    out = psql(self_signed, f"sslmode=verify-ca sslrootcert={pki.ca_file}", "select 1")
    assert out.returncode != 0
    assert "certificate verify failed" in out.stderr


# -- a CA-signed certificate --------------------------------------------------------------------


@pytest.mark.parametrize("sslmode", ["require", "verify-ca", "verify-full"])
def test_psql_sslmodes(ca_signed: ServerProcess, pki: Pki, sslmode: str) -> None:
    out = psql(ca_signed, f"sslmode={sslmode} sslrootcert={pki.ca_file} host=localhost hostaddr=127.0.0.1",
               "\\conninfo")
    assert out.returncode == 0, out.stderr
    assert "SSL connection (protocol: TLSv1.3" in out.stdout


@pytest.mark.parametrize("sslmode", ["require", "verify-ca", "verify-full"])
def test_psycopg_sslmodes(ca_signed: ServerProcess, pki: Pki, sslmode: str) -> None:
    with _connect(ca_signed, sslmode=sslmode, sslrootcert=pki.ca_file) as conn:
        assert conn.pgconn.ssl_in_use
        assert conn.execute("SELECT 40 + 2").fetchone() == (42,)


def test_verify_full_hostname_mismatch_fails(ca_signed: ServerProcess, pki: Pki) -> None:
    out = psql(ca_signed, f"sslmode=verify-full sslrootcert={pki.ca_file} host=wrong.example hostaddr=127.0.0.1",
               "select 1")
    assert out.returncode != 0
    assert 'does not match host name "wrong.example"' in out.stderr
    with pytest.raises(psycopg.OperationalError, match='does not match host name "wrong.example"'):
        _connect(ca_signed, sslmode="verify-full", sslrootcert=pki.ca_file, host="wrong.example",
                 hostaddr="127.0.0.1")
    # verify-ca does not look at the name.
    with _connect(ca_signed, sslmode="verify-ca", sslrootcert=pki.ca_file, host="wrong.example",
                  hostaddr="127.0.0.1") as conn:
        assert conn.pgconn.ssl_in_use


def test_verify_ca_with_another_ca_fails(ca_signed: ServerProcess) -> None:
    with tempfile.TemporaryDirectory() as d:
        other = make_pki(d, "some other CA")
        with pytest.raises(psycopg.OperationalError, match="certificate verify failed"):
            _connect(ca_signed, sslmode="verify-ca", sslrootcert=other.ca_file)


# -- SCRAM-SHA-256-PLUS ---------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["self_signed", "ca_signed"])  # ECDSA-SHA256 and ECDSA-SHA384 signatures
def test_channel_binding_required_over_tls(which: str, request: pytest.FixtureRequest) -> None:
    srv: ServerProcess = request.getfixturevalue(which)
    out = psql(srv, "sslmode=require channel_binding=require", "select 'bound'")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "bound"
    with _connect(srv, sslmode="require", channel_binding="require") as conn:
        assert conn.execute("select 1").fetchone() == (1,)


def test_channel_binding_required_without_tls_fails(self_signed: ServerProcess) -> None:
    out = psql(self_signed, "sslmode=disable channel_binding=require", "select 1")
    assert out.returncode != 0
    assert "channel binding required, but SSL not in use" in out.stderr
    with pytest.raises(psycopg.OperationalError, match="channel binding required, but SSL not in use"):
        _connect(self_signed, sslmode="disable", channel_binding="require")


def test_wrong_password_over_tls_with_channel_binding(self_signed: ServerProcess) -> None:
    out = psql(self_signed, "sslmode=require channel_binding=require", "select 1", password="wrong")
    assert out.returncode != 0
    assert 'password authentication failed for user "postgres"' in out.stderr


# -- the protocol around SSLRequest -------------------------------------------------------------


def _recv_all(sock: socket.socket) -> bytes:
    data = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            return data
        data += chunk


def test_unencrypted_data_after_ssl_request_is_refused(self_signed: ServerProcess) -> None:
    with socket.create_connection(("127.0.0.1", self_signed.port), timeout=10) as sock:
        sock.sendall(SSL_REQUEST + b"\x00\x00\x00\x08\x04\xd2\x16\x2f")  # SSLRequest + a second one, unencrypted
        data = _recv_all(sock)
    assert data[:1] == b"S"
    assert data[1:2] == b"E"
    fields = dict((f[:1].decode(), f[1:].decode()) for f in data[6:].split(b"\x00") if f)
    assert fields["S"] == "FATAL" and fields["C"] == "08P01"
    assert fields["M"] == "received unencrypted data after SSL request"


def test_gssenc_request_answered_n(self_signed: ServerProcess) -> None:
    with socket.create_connection(("127.0.0.1", self_signed.port), timeout=10) as sock:
        sock.sendall(GSSENC_REQUEST)
        assert sock.recv(1) == b"N"
    with _connect(self_signed, gssencmode="prefer", sslmode="require") as conn:
        assert conn.pgconn.ssl_in_use


def test_ssl_off() -> None:
    with tempfile.TemporaryDirectory(prefix="pgserver-tls-") as d, server_with(d, PGSERVER_SSL="off") as srv:
        assert not os.path.exists(os.path.join(srv.data_dir, "server.key"))
        out = psql(srv, "sslmode=require", "select 1")
        assert out.returncode != 0
        assert "server does not support SSL, but SSL was required" in out.stderr
        with _connect(srv, sslmode="prefer") as conn:
            assert not conn.pgconn.ssl_in_use
            assert conn.execute("SHOW ssl").fetchone() == ("off",)


def test_server_refuses_a_key_others_can_read(pki: Pki) -> None:
    with tempfile.TemporaryDirectory(prefix="pgserver-tls-") as d:
        key = os.path.join(d, "open.key")
        with open(pki.key_file, "rb") as src, open(key, "wb") as dst:
            dst.write(src.read())
        os.chmod(key, 0o644)
        with pytest.raises(RuntimeError, match="has group or world access"), server_with(
            d, PGSERVER_SSL_CERT_FILE=pki.cert_file, PGSERVER_SSL_KEY_FILE=key
        ):
            pass
