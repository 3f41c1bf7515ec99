"""Helpers for the TLS, pg_hba.conf and login-limit tests: a server started with extra
environment settings, certificates made with ``cryptography``, and SQLSTATEs of failed logins
(asyncpg exposes them; libpq does not)."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.e2e.client_tools import tool
from tests.e2e.conftest import ServerProcess, free_port


@contextmanager
def server_with(base_dir: str, host: str = "127.0.0.1", **env: str) -> Iterator[ServerProcess]:
    """A server of its own in ``base_dir``, started with the ``PGSERVER_*``-style ``env``."""
    srv = ServerProcess(os.path.join(base_dir, "data"), free_port(), host=host)
    with pytest.MonkeyPatch.context() as mp:
        for name, value in env.items():
            mp.setenv(name, value)
        srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def write_hba(srv: ServerProcess, text: str) -> None:
    """Replace the server's pg_hba.conf and make it re-read it (SIGHUP), waiting for the log line."""
    with open(os.path.join(srv.data_dir, "pg_hba.conf"), "w") as f:
        f.write(text)
    before = sum("reloaded" in line or "could not load" in line for line in srv.log)
    assert srv.proc is not None
    srv.proc.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if sum("reloaded" in line or "could not load" in line for line in srv.log) > before:
            return
        time.sleep(0.02)
    raise AssertionError("the server did not reload pg_hba.conf:\n" + "".join(srv.log[-20:]))


def login_error(srv: ServerProcess, **overrides: Any) -> tuple[str, str] | None:
    """(SQLSTATE, message) of a failed asyncpg login, None when it succeeds."""

    async def attempt() -> tuple[str, str] | None:
        params: dict[str, Any] = {"host": "127.0.0.1", "port": srv.port, "user": srv.user,
                                  "password": srv.password, "database": srv.dbname, "ssl": False}
        params.update(overrides)
        try:
            conn = await asyncpg.connect(timeout=15, **params)
        except asyncpg.PostgresError as exc:
            return exc.sqlstate, exc.args[0] if exc.args else str(exc)
        await conn.close()
        return None

    return asyncio.run(attempt())


def psql(srv: ServerProcess, conninfo: str, sql: str, password: str | None = None) -> subprocess.CompletedProcess:
    """Run psql with a libpq connection string (host/port/user added unless given).

    Without psql: fails on CI, skips elsewhere."""
    exe = tool("psql", "apt-get install postgresql-client")
    parts = {"host": "127.0.0.1", "port": str(srv.port), "user": srv.user, "dbname": srv.dbname}
    given = dict(item.split("=", 1) for item in conninfo.split())
    parts.update(given)
    env = dict(os.environ, PGPASSWORD=srv.password if password is None else password, PGCONNECT_TIMEOUT="15")
    env.pop("PGSSLMODE", None)
    return subprocess.run([exe, "-X", "-At", " ".join(f"{k}={v}" for k, v in parts.items()), "-c", sql],
                          capture_output=True, text=True, env=env, timeout=60)


@dataclass
class Pki:
    """A test CA and a server certificate it signed (for localhost and 127.0.0.1), as PEM files."""

    ca_file: str
    cert_file: str
    key_file: str


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_pki(directory: str, ca_name: str = "pgserver test CA") -> Pki:
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder().subject_name(_name(ca_name)).issuer_name(_name(ca_name))
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder().subject_name(_name("localhost")).issuer_name(ca_cert.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                    x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .sign(ca_key, hashes.SHA384())  # the channel binding hash must follow the signature hash
    )
    pki = Pki(os.path.join(directory, "ca.crt"), os.path.join(directory, "server.crt"),
              os.path.join(directory, "server.key"))
    with open(pki.ca_file, "wb") as f:
        f.write(ca_cert.public_bytes(serialization.Encoding.PEM))
    with open(pki.cert_file, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(pki.key_file, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    os.chmod(pki.key_file, 0o600)
    return pki
