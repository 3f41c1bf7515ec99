"""Server certificate files and the tls-server-end-point channel binding (pgserver.tls)."""

from __future__ import annotations

import datetime
import hashlib
import os
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

from pgserver.tls import end_point_hash, generate_self_signed, load_tls


def _cert(key: object, algorithm: hashes.HashAlgorithm | None) -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "t")])
    now = datetime.datetime.now(datetime.UTC)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
               .public_key(key.public_key()).serial_number(1)  # type: ignore[attr-defined]
               .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1)))
    return builder.sign(key, algorithm).public_bytes(serialization.Encoding.DER)  # type: ignore[arg-type]


def test_end_point_hash_follows_rfc_5929() -> None:
    ec_key = ec.generate_private_key(ec.SECP256R1())
    der256 = _cert(ec_key, hashes.SHA256())
    assert end_point_hash(der256) == hashlib.sha256(der256).digest()
    der384 = _cert(ec_key, hashes.SHA384())
    assert end_point_hash(der384) == hashlib.sha384(der384).digest()
    der512 = _cert(rsa.generate_private_key(65537, 2048), hashes.SHA512())
    assert end_point_hash(der512) == hashlib.sha512(der512).digest()
    # No separate signature hash: libpq cannot bind, so no binding is offered.
    assert end_point_hash(_cert(ed25519.Ed25519PrivateKey.generate(), None)) is None


#: An ECDSA-with-SHA1 self-signed certificate (openssl req -x509 -sha1; cryptography will not sign with SHA-1).
SHA1_SIGNED_PEM = b"""\
-----BEGIN CERTIFICATE-----
MIIBfTCCASSgAwIBAgIUYYHp1W5jCdXWA4OZurEsnc07JBowCQYHKoZIzj0EATAU
MRIwEAYDVQQDDAlzaGExLXRlc3QwIBcNMjYxMTIyMDUxMjA3WhgPMjEyNjEwMjkw
NTEyMDdaMBQxEjAQBgNVBAMMCXNoYTEtdGVzdDBZMBMGByqGSM49AgEGCCqGSM49
AwEHA0IABFuCYXGaivutu5JFpDFdYF2ojiJOscUmxA/OveUuF7c5KS4POOl001uz
ikvKdYtv7mDXzO9LcEMbM6bAzaXBnamjUzBRMB0GA1UdDgQWBBTYnUwA/XdFSQQd
O/RegdvJwEYIHDAfBgNVHSMEGDAWgBTYnUwA/XdFSQQdO/RegdvJwEYIHDAPBgNV
HRMBAf8EBTADAQH/MAkGByqGSM49BAEDSAAwRQIhAPU+pA9/p9Njk9le138UJuh9
hnuru5ySkxqoXCpIRwKTAiAZDoCcN3I7w0YeCozeMwYYCH+yk+bH2pLBcjbj3G0C
qw==
-----END CERTIFICATE-----
"""


def test_sha1_signed_certificates_are_hashed_with_sha256() -> None:
    cert = x509.load_pem_x509_certificate(SHA1_SIGNED_PEM)
    assert isinstance(cert.signature_hash_algorithm, hashes.SHA1)
    der = cert.public_bytes(serialization.Encoding.DER)
    assert end_point_hash(der) == hashlib.sha256(der).digest()


def test_first_start_generates_a_self_signed_certificate(tmp_path: Path) -> None:
    tls = load_tls(str(tmp_path))
    assert tls.cert_file == str(tmp_path / "server.crt") and tls.key_file == str(tmp_path / "server.key")
    assert stat.S_IMODE(os.stat(tls.key_file).st_mode) == 0o600
    cert = x509.load_pem_x509_certificate((tmp_path / "server.crt").read_bytes())
    assert cert.issuer == cert.subject
    der = cert.public_bytes(serialization.Encoding.DER)
    assert tls.channel_binding == ("tls-server-end-point", hashlib.sha256(der).digest())
    # The next start keeps the files.
    before = (tmp_path / "server.crt").read_bytes()
    assert load_tls(str(tmp_path)).channel_binding == tls.channel_binding
    assert (tmp_path / "server.crt").read_bytes() == before


def test_given_files_are_never_generated(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="could not load server certificate file"):
        load_tls(str(tmp_path), str(tmp_path / "missing.crt"), str(tmp_path / "missing.key"))
    assert not (tmp_path / "missing.crt").exists() and not (tmp_path / "server.crt").exists()


def test_key_must_match_certificate(tmp_path: Path) -> None:
    generate_self_signed(str(tmp_path / "a.crt"), str(tmp_path / "a.key"))
    generate_self_signed(str(tmp_path / "b.crt"), str(tmp_path / "b.key"))
    assert load_tls(str(tmp_path), str(tmp_path / "a.crt"), str(tmp_path / "a.key")).channel_binding is not None
    with pytest.raises(ValueError, match="does not match certificate"):
        load_tls(str(tmp_path), str(tmp_path / "a.crt"), str(tmp_path / "b.key"))
    (tmp_path / "bad.key").write_text("not a key")
    (tmp_path / "bad.key").chmod(0o600)
    with pytest.raises(ValueError, match="could not load private key file"):
        load_tls(str(tmp_path), str(tmp_path / "a.crt"), str(tmp_path / "bad.key"))


def test_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    generate_self_signed(str(tmp_path / "a.crt"), str(tmp_path / "a.key"))
    (tmp_path / "a.key").chmod(0o644)
    with pytest.raises(ValueError, match="has group or world access"):
        load_tls(str(tmp_path), str(tmp_path / "a.crt"), str(tmp_path / "a.key"))
    (tmp_path / "a.key").chmod(0o600)
    assert load_tls(str(tmp_path), str(tmp_path / "a.crt"), str(tmp_path / "a.key")).channel_binding is not None
