"""TLS for client connections: the server certificate and key files and the
``tls-server-end-point`` channel binding data for SCRAM-SHA-256-PLUS (the ``ssl`` context itself
is made by :mod:`pgserver.server`, the one module that touches sockets).

The certificate and key come from the command line (``--ssl-cert-file``/``--ssl-key-file``) or,
by default, ``server.crt``/``server.key`` in the data directory. When those defaults do not exist
yet (first start) a self-signed certificate is generated for ``localhost`` with ``cryptography``;
the key file is written with mode 0600.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

DEFAULT_CERT_FILE = "server.crt"
DEFAULT_KEY_FILE = "server.key"
CHANNEL_BINDING_TYPE = "tls-server-end-point"
_SELF_SIGNED_DAYS = 3650

#: RFC 5929 section 4.1: certificates signed with MD5 or SHA-1 are hashed with SHA-256.
_WEAK_HASHES = ("md5", "sha1")
_SPKI = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


@dataclass(frozen=True)
class TlsSettings:
    """What the listener needs to accept TLS: the files and the SCRAM channel binding."""

    cert_file: str
    key_file: str
    #: ("tls-server-end-point", hash of the certificate), or None when it cannot be computed.
    channel_binding: tuple[str, bytes] | None


def end_point_hash(cert_der: bytes) -> bytes | None:
    """The ``tls-server-end-point`` channel binding data of a DER certificate (RFC 5929).

    The certificate is hashed with the hash of its signature algorithm (SHA-256 instead of MD5
    or SHA-1); None for signatures without a separate hash (Ed25519), as libpq cannot bind then.
    """
    cert = x509.load_der_x509_certificate(cert_der)
    algorithm = cert.signature_hash_algorithm
    if algorithm is None:
        return None
    if algorithm.name in _WEAK_HASHES:
        algorithm = hashes.SHA256()
    digest = hashes.Hash(algorithm)
    digest.update(cert_der)
    return digest.finalize()


def generate_self_signed(cert_path: str, key_path: str, common_name: str = "localhost") -> None:
    """Write a new self-signed certificate and its private key (mode 0600)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=_SELF_SIGNED_DAYS))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(common_name), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(key_pem)
    os.chmod(key_path, 0o600)
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))


def _first_certificate_der(cert_path: str) -> bytes:
    with open(cert_path, "rb") as f:
        data = f.read()
    certs = x509.load_pem_x509_certificates(data)
    return certs[0].public_bytes(serialization.Encoding.DER)


def check_key_permissions(key_path: str) -> None:
    """Refuse a private key others can read, as PostgreSQL does (0600, or 0640 when owned by root)."""
    st = os.stat(key_path)
    allowed_group_read = st.st_uid == 0 and os.geteuid() != 0
    forbidden = 0o037 if allowed_group_read else 0o077
    if st.st_mode & forbidden:
        raise ValueError(
            f'private key file "{key_path}" has group or world access; it must have permissions u=rw (0600) '
            "or less if owned by the server's user, or permissions u=rw,g=r (0640) or less if owned by root"
        )


def load_tls(data_dir: str, cert_file: str | None = None, key_file: str | None = None) -> TlsSettings:
    """The server's TLS settings; creates a self-signed certificate on first start.

    Raises ValueError with a readable message when the files cannot be used.
    """
    cert_path = cert_file or os.path.join(data_dir, DEFAULT_CERT_FILE)
    key_path = key_file or os.path.join(data_dir, DEFAULT_KEY_FILE)
    if cert_file is None and key_file is None and not os.path.exists(cert_path) and not os.path.exists(key_path):
        generate_self_signed(cert_path, key_path)
    try:
        der = _first_certificate_der(cert_path)
    except (OSError, ValueError) as exc:
        raise ValueError(f'could not load server certificate file "{cert_path}": {exc}') from exc
    try:
        check_key_permissions(key_path)
        with open(key_path, "rb") as f:
            key = serialization.load_pem_private_key(f.read(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise ValueError(f'could not load private key file "{key_path}": {exc}') from exc
    cert_key = x509.load_der_x509_certificate(der).public_key()
    if cert_key.public_bytes(*_SPKI) != key.public_key().public_bytes(*_SPKI):
        raise ValueError(f'private key file "{key_path}" does not match certificate "{cert_path}"')
    digest = end_point_hash(der)
    binding = (CHANNEL_BINDING_TYPE, digest) if digest is not None else None
    return TlsSettings(cert_path, key_path, binding)
