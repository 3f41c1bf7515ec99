"""SCRAM-SHA-256 (RFC 5802 / RFC 7677) server side, sans I/O, on top of ``scramp``.

Roles store only PostgreSQL-format verifiers
(``SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>``, see :func:`make_verifier` and
:func:`parse_verifier`). :class:`ScramServer` runs one exchange: ``start`` takes the
SASLInitialResponse data and returns the server-first message, ``finish`` takes the SASLResponse
data and returns the server-final message. Failures raise FATAL ``SqlError``s like PostgreSQL:
28P01 for a bad password or unknown role, 08P01 for malformed SCRAM messages.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

from scramp import ScramException, ScramMechanism
from scramp.core import ScramServer as _ScrampServer
from scramp.utils import ServerError, saslprep

from sql import sqlstate
from sql.errors import SqlError

SCRAM_SHA_256 = "SCRAM-SHA-256"
SCRAM_SHA_256_PLUS = "SCRAM-SHA-256-PLUS"
CHANNEL_BINDING_TYPE = "tls-server-end-point"
DEFAULT_ITERATIONS = 4096
SALT_LENGTH = 16
_KEY_LENGTH = 32  # SHA-256 digest size
_NONCE_RAW_LENGTH = 18  # PostgreSQL's SCRAM_RAW_NONCE_LEN

# scramp's limits on what it accepts from a verifier.
_MIN_ITERATIONS = 4096
_MAX_ITERATIONS = 10_000_000
_MIN_SALT = 12

#: Per-process secret for the fake salts of the mock exchange (unknown roles).
_MOCK_SECRET = secrets.token_bytes(32)

_MECHANISM = ScramMechanism(SCRAM_SHA_256)
_MECHANISM_PLUS = ScramMechanism(SCRAM_SHA_256_PLUS)


# ---------------------------------------------------------------------------------------------
# Verifiers
# ---------------------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError(f"invalid base64 in SCRAM verifier: {text!r}") from exc


def _prepare_password(password: str) -> bytes | None:
    """SASLprep'd password bytes, or None when SASLprep rejects it (then the raw bytes are used)."""
    try:
        return saslprep(password).encode("utf-8")
    except ScramException:
        return None


def make_verifier(password: str, iterations: int = DEFAULT_ITERATIONS, salt: bytes | None = None) -> str:
    """A PostgreSQL-format SCRAM-SHA-256 verifier for ``password`` (random 16-byte salt).

    As in PostgreSQL, a password that SASLprep rejects is used as its raw UTF-8 bytes.
    """
    if not _MIN_ITERATIONS <= iterations <= _MAX_ITERATIONS:
        raise ValueError(f"iteration count must be between {_MIN_ITERATIONS} and {_MAX_ITERATIONS}")
    if salt is None:
        salt = secrets.token_bytes(SALT_LENGTH)
    elif len(salt) < _MIN_SALT:
        raise ValueError(f"salt must be at least {_MIN_SALT} bytes")
    if _prepare_password(password) is not None:
        try:
            salt, stored_key, server_key, iterations = _MECHANISM.make_auth_info(
                password, iteration_count=iterations, salt=salt
            )
        except ScramException as exc:
            raise ValueError(str(exc)) from exc
    else:
        salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
        client_key = hmac.digest(salted, b"Client Key", "sha256")
        stored_key = hashlib.sha256(client_key).digest()
        server_key = hmac.digest(salted, b"Server Key", "sha256")
    return f"SCRAM-SHA-256${iterations}:{_b64(salt)}${_b64(stored_key)}:{_b64(server_key)}"


def parse_verifier(text: str) -> tuple[bytes, bytes, bytes, int]:
    """Split a PostgreSQL SCRAM-SHA-256 verifier into (salt, stored_key, server_key, iterations).

    Raises ValueError if ``text`` is not such a verifier.
    """
    parts = text.split("$")
    if len(parts) != 3 or parts[0] != SCRAM_SHA_256:
        raise ValueError("not a SCRAM-SHA-256 verifier")
    iter_salt = parts[1].split(":")
    keys = parts[2].split(":")
    if len(iter_salt) != 2 or len(keys) != 2:
        raise ValueError("malformed SCRAM-SHA-256 verifier")
    iter_text, salt_text = iter_salt
    if not (iter_text.isascii() and iter_text.isdigit()):
        raise ValueError(f"invalid iteration count in SCRAM verifier: {iter_text!r}")
    iterations = int(iter_text)
    if iterations <= 0:
        raise ValueError("iteration count must be positive")
    salt = _unb64(salt_text)
    if not salt:
        raise ValueError("empty salt in SCRAM verifier")
    stored_key = _unb64(keys[0])
    server_key = _unb64(keys[1])
    if len(stored_key) != _KEY_LENGTH or len(server_key) != _KEY_LENGTH:
        raise ValueError("SCRAM keys must be 32 bytes")
    return salt, stored_key, server_key, iterations


def _mock_auth_info(username: str) -> tuple[bytes, bytes, bytes, int]:
    """Deterministic, plausible-looking auth info for a role that cannot log in."""
    digest = hmac.digest(_MOCK_SECRET, b"salt\0" + username.encode("utf-8"), "sha256")
    keys = hmac.digest(_MOCK_SECRET, b"keys\0" + username.encode("utf-8"), "sha512")
    return digest[:SALT_LENGTH], keys[:_KEY_LENGTH], keys[_KEY_LENGTH:], DEFAULT_ITERATIONS


# ---------------------------------------------------------------------------------------------
# Server exchange
# ---------------------------------------------------------------------------------------------


def _malformed(detail: str) -> SqlError:
    return SqlError(sqlstate.PROTOCOL_VIOLATION, "malformed SCRAM message", detail=detail, severity="FATAL")


class ScramServer:
    """One server-side SCRAM-SHA-256(-PLUS) exchange for the role ``username``.

    ``verifier`` is the role's stored verifier, or None when the role does not exist or has no
    SCRAM password: then a fake exchange runs and ``finish`` fails. The username sent inside the
    SCRAM messages is ignored (libpq sends an empty one); ``username`` is authoritative.
    ``channel_binding`` is ``("tls-server-end-point", <certificate hash>)`` on TLS connections.
    ``server_nonce`` fixes the server nonce (tests only).
    """

    def __init__(
        self,
        username: str,
        verifier: str | None,
        *,
        channel_binding: tuple[str, bytes] | None = None,
        server_nonce: str | None = None,
    ) -> None:
        self.username = username
        self._channel_binding = channel_binding
        self._server_nonce = server_nonce
        info: tuple[bytes, bytes, bytes, int] | None = None
        if verifier is not None:
            try:
                info = parse_verifier(verifier)
            except ValueError:
                info = None
            # Verifiers scramp cannot use (made elsewhere with weaker parameters) cannot log in.
            if info is not None and not (
                len(info[0]) >= _MIN_SALT and _MIN_ITERATIONS <= info[3] <= _MAX_ITERATIONS
            ):
                info = None
        self._doomed = info is None
        self._auth_info = info if info is not None else _mock_auth_info(username)
        self._server: _ScrampServer | None = None
        self._state = 0  # 0: expecting client-first, 1: expecting client-final, 2: done/failed
        self.authenticated = False

    def mechanisms(self) -> list[str]:
        """The SASL mechanisms to offer in AuthenticationSASL, preferred first."""
        if self._channel_binding is not None:
            return [SCRAM_SHA_256_PLUS, SCRAM_SHA_256]
        return [SCRAM_SHA_256]

    def _auth_failed(self) -> SqlError:
        self._state = 2
        return SqlError(
            sqlstate.INVALID_PASSWORD,
            f'password authentication failed for user "{self.username}"',
            severity="FATAL",
        )

    def start(self, mechanism: str, client_first: bytes) -> bytes:
        """Handle the client-first message; return the server-first message."""
        if self._state != 0:
            self._state = 2
            raise _malformed("Unexpected SCRAM client-first message.")
        self._state = 2  # until we succeed
        if mechanism not in self.mechanisms():
            raise SqlError(
                sqlstate.PROTOCOL_VIOLATION,
                "client selected an invalid SASL authentication mechanism",
                severity="FATAL",
            )
        try:
            text = client_first.decode("utf-8")
        except UnicodeDecodeError:
            raise _malformed("Invalid UTF-8 in client-first message.") from None
        plus = mechanism == SCRAM_SHA_256_PLUS
        self._check_gs2_flag(text, plus)
        try:
            first_comma = text.index(",")
            second_comma = text.index(",", first_comma + 1)
        except ValueError:
            raise _malformed("Malformed GS2 header.") from None
        gs2_header = text[: second_comma + 1]
        bare = text[second_comma + 1 :]
        # libpq sends "n=" (empty user name), which scramp refuses: hand scramp a placeholder and
        # put the real client-first-bare back, since it is part of the signed AuthMessage.
        if not bare.startswith("n="):
            raise _malformed('Expected attribute "n".')
        user_end = bare.find(",")
        if user_end < 0:
            raise _malformed('Expected attribute "r".')
        substituted = f"{gs2_header}n=user{bare[user_end:]}"
        nonce = self._server_nonce or _b64(secrets.token_bytes(_NONCE_RAW_LENGTH))
        auth_info = self._auth_info
        try:
            if plus:
                assert self._channel_binding is not None
                server = _MECHANISM_PLUS.make_server(
                    lambda _user: auth_info, channel_binding=self._channel_binding, s_nonce=nonce
                )
            else:
                server = _MECHANISM.make_server(lambda _user: auth_info, s_nonce=nonce)
            server.set_client_first(substituted)
            server.client_first_bare = bare
            server_first = server.get_server_first()
        except ScramException as exc:
            raise _malformed(str(exc)) from None
        self._server = server
        self._state = 1
        return server_first.encode("ascii")

    def _check_gs2_flag(self, text: str, plus: bool) -> None:
        flag = text[:1]
        if plus:
            if flag != "p":
                raise _malformed(
                    "The client selected SCRAM-SHA-256-PLUS, but the SCRAM message does not "
                    "include channel binding data."
                )
            cb_type = text[2 : text.find(",")] if text.startswith("p=") and "," in text else ""
            if cb_type != CHANNEL_BINDING_TYPE:
                raise SqlError(
                    sqlstate.PROTOCOL_VIOLATION,
                    f'unsupported SCRAM channel-binding type "{cb_type}"',
                    severity="FATAL",
                )
        elif flag == "p":
            raise _malformed(
                "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM "
                "message includes channel binding data."
            )
        elif flag == "y":
            if self._channel_binding is not None:
                raise SqlError(
                    sqlstate.PROTOCOL_VIOLATION,
                    "SCRAM channel binding negotiation error",
                    detail="The client supports SCRAM channel binding but thinks the server does "
                    "not.  However, this server does support channel binding.",
                    severity="FATAL",
                )
        elif flag != "n":
            raise _malformed(f'Unexpected channel-binding flag "{flag}".')

    def finish(self, client_final: bytes) -> bytes:
        """Check the client-final message (proof); return the server-final message."""
        server = self._server
        if self._state != 1 or server is None:
            self._state = 2
            raise _malformed("Unexpected SCRAM client-final message.")
        self._state = 2
        try:
            text = client_final.decode("utf-8")
        except UnicodeDecodeError:
            raise _malformed("Invalid UTF-8 in client-final message.") from None
        try:
            server.set_client_final(text)
            server_final = server.get_server_final()
        except ScramException as exc:
            if exc.server_error is ServerError.INVALID_PROOF:
                raise self._auth_failed() from None
            if exc.server_error is ServerError.CHANNEL_BINDINGS_DONT_MATCH:
                raise SqlError(
                    sqlstate.PROTOCOL_VIOLATION, "SCRAM channel binding check failed", severity="FATAL"
                ) from None
            raise _malformed(str(exc)) from None
        if self._doomed:
            raise self._auth_failed()
        self.authenticated = True
        return server_final.encode("ascii")
