"""Tests for auth.scram: verifiers and the server side of SCRAM-SHA-256."""

from __future__ import annotations

import base64
import hashlib
import hmac
import socket
import threading

import psycopg
import pytest
from scramp import ScramClient

from auth.scram import (
    SCRAM_SHA_256,
    SCRAM_SHA_256_PLUS,
    ScramServer,
    make_verifier,
    parse_verifier,
)
from pgserver import messages as m
from pgserver.framing import FrontendFramer
from sql import sqlstate
from sql.errors import SqlError

# Made by PostgreSQL 15: SET password_encryption='scram-sha-256'; CREATE ROLE x PASSWORD 'pw';
PG_VERIFIER_PW = (
    "SCRAM-SHA-256$4096:k9bog1DqvY4Uhs1+5s+VJg==$zPQUBSdjgqxW3kxn0c/RVqqGvd86d1Jheb4PeCfuDfY="
    ":Z2nWP3+y6zMypi+HBJwy2Ba2CDeXdGhnztQrpclPDEE="
)
# Same, for the password 'pässwörd ünïcode'.
PG_VERIFIER_UNICODE = (
    "SCRAM-SHA-256$4096:XANdY4ncgUKXWmo9C6usnw==$nh2DSmygi6wu0rohPsh3KzOJyQlyTJWYxunQK51cCHU="
    ":xhDafTPvYge7b00Ndhvb3ahHhY3JiVa2lFtZ7/mVePQ="
)


def _client(password: str, *, channel_binding: tuple[str, bytes] | None = None) -> ScramClient:
    mechs = [SCRAM_SHA_256_PLUS] if channel_binding else [SCRAM_SHA_256]
    return ScramClient(mechs, "placeholder", password, channel_binding=channel_binding)


def _libpq_first(client: ScramClient) -> bytes:
    """Client-first with an empty user name, as libpq and psycopg send it."""
    first = client.get_client_first()
    client.client_first_bare = client.client_first_bare.replace("n=placeholder,", "n=,", 1)
    return first.replace("n=placeholder,", "n=,", 1).encode()


def _exchange(server: ScramServer, client: ScramClient, mechanism: str = SCRAM_SHA_256) -> None:
    server_first = server.start(mechanism, _libpq_first(client))
    client.set_server_first(server_first.decode())
    server_final = server.finish(client.get_client_final().encode())
    client.set_server_final(server_final.decode())  # verifies the server signature


def _assert_auth_failed(exc: pytest.ExceptionInfo[SqlError], user: str) -> None:
    assert exc.value.code == sqlstate.INVALID_PASSWORD == "28P01"
    assert exc.value.severity == "FATAL"
    assert exc.value.message == f'password authentication failed for user "{user}"'


def test_round_trip_empty_username() -> None:
    server = ScramServer("alice", make_verifier("secret"))
    assert server.mechanisms() == ["SCRAM-SHA-256"]
    _exchange(server, _client("secret"))
    assert server.authenticated


def test_round_trip_with_username_in_message() -> None:
    server = ScramServer("alice", make_verifier("secret"))
    client = ScramClient([SCRAM_SHA_256], "someone-else", "secret")
    first = server.start(SCRAM_SHA_256, client.get_client_first().encode())
    client.set_server_first(first.decode())
    client.set_server_final(server.finish(client.get_client_final().encode()).decode())
    assert server.authenticated


def test_server_first_shape() -> None:
    server = ScramServer("alice", make_verifier("secret", salt=b"0123456789abcdef"))
    first = server.start(SCRAM_SHA_256, b"n,,n=,r=abcdefgh").decode()
    r, s, i = first.split(",")
    assert r.startswith("r=abcdefgh") and len(r) == 2 + 8 + 24
    assert s == "s=" + base64.b64encode(b"0123456789abcdef").decode()
    assert i == "i=4096"


def test_wrong_password() -> None:
    server = ScramServer("alice", make_verifier("secret"))
    with pytest.raises(SqlError) as exc:
        _exchange(server, _client("not-secret"))
    _assert_auth_failed(exc, "alice")
    assert not server.authenticated


@pytest.mark.parametrize("verifier", [None, "md5abcdef", "SCRAM-SHA-256$junk"])
def test_unknown_user_or_unusable_verifier(verifier: str | None) -> None:
    server = ScramServer("ghost", verifier)
    client = _client("whatever")
    server_first = server.start(SCRAM_SHA_256, _libpq_first(client)).decode()
    r, s, i = server_first.split(",")
    assert len(base64.b64decode(s[2:])) == 16 and i == "i=4096"
    client.set_server_first(server_first)
    with pytest.raises(SqlError) as exc:
        server.finish(client.get_client_final().encode())
    _assert_auth_failed(exc, "ghost")


def test_unknown_user_salt_is_stable_per_user() -> None:
    def salt(user: str) -> str:
        return ScramServer(user, None).start(SCRAM_SHA_256, b"n,,n=,r=abc").decode().split(",")[1]

    assert salt("ghost") == salt("ghost")
    assert salt("ghost") != salt("phantom")


def test_verifier_format_and_parse() -> None:
    salt = bytes(range(16))
    v = make_verifier("pw", salt=salt)
    prefix, iter_salt, keys = v.split("$")
    assert prefix == "SCRAM-SHA-256"
    assert iter_salt == "4096:" + base64.b64encode(salt).decode()
    parsed_salt, stored_key, server_key, iterations = parse_verifier(v)
    assert (parsed_salt, iterations) == (salt, 4096)
    salted = hashlib.pbkdf2_hmac("sha256", b"pw", salt, 4096)
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    assert stored_key == hashlib.sha256(client_key).digest()
    assert server_key == hmac.digest(salted, b"Server Key", "sha256")
    assert keys == base64.b64encode(stored_key).decode() + ":" + base64.b64encode(server_key).decode()
    assert len(parse_verifier(make_verifier("pw"))[0]) == 16
    assert make_verifier("pw") != make_verifier("pw")  # random salt


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "pw",
        "md5" + "0" * 32,
        "SCRAM-SHA-1$4096:c2FsdA==$a:b",
        "SCRAM-SHA-256$4096:c2FsdA==",
        "SCRAM-SHA-256$x:c2FsdA==$" + "A" * 44 + ":" + "A" * 44,
        "SCRAM-SHA-256$0:c2FsdA==$" + "A" * 44 + ":" + "A" * 44,
        "SCRAM-SHA-256$4096:!!!$" + "A" * 44 + ":" + "A" * 44,
        "SCRAM-SHA-256$4096:c2FsdA==$AAAA:" + "A" * 44,
    ],
)
def test_parse_verifier_rejects_junk(junk: str) -> None:
    with pytest.raises(ValueError):
        parse_verifier(junk)


def test_pg_made_verifier_accepted() -> None:
    salt, _, _, iterations = parse_verifier(PG_VERIFIER_PW)
    assert iterations == 4096 and len(salt) == 16
    assert make_verifier("pw", salt=salt) == PG_VERIFIER_PW
    _exchange(ScramServer("x", PG_VERIFIER_PW), _client("pw"))
    with pytest.raises(SqlError):
        _exchange(ScramServer("x", PG_VERIFIER_PW), _client("pW"))


def test_pg_made_verifier_non_ascii_password() -> None:
    password = "pässwörd ünïcode"
    salt = parse_verifier(PG_VERIFIER_UNICODE)[0]
    assert make_verifier(password, salt=salt) == PG_VERIFIER_UNICODE
    _exchange(ScramServer("y", PG_VERIFIER_UNICODE), _client(password))


def test_saslprep_rejected_password_uses_raw_bytes() -> None:
    password = "bad\x07pw"  # control character: SASLprep fails, PostgreSQL uses the raw bytes
    salt = b"S" * 16
    v = make_verifier(password, salt=salt)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 4096)
    assert parse_verifier(v)[2] == hmac.digest(salted, b"Server Key", "sha256")


def test_rfc7677_vector() -> None:
    salt = base64.b64decode("W22ZaJ0SNY7soEsUEjb6gQ==")
    server = ScramServer(
        "user", make_verifier("pencil", salt=salt), server_nonce="%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
    )
    server_first = server.start(SCRAM_SHA_256, b"n,,n=user,r=rOprNGfwEbeRWgbNEkqO")
    assert server_first == (
        b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
    )
    server_final = server.finish(
        b"c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
        b"p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
    )
    assert server_final == b"v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="


def test_channel_binding_plus() -> None:
    cb = ("tls-server-end-point", hashlib.sha256(b"certificate").digest())
    server = ScramServer("alice", make_verifier("secret"), channel_binding=cb)
    assert server.mechanisms() == ["SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"]
    _exchange(server, _client("secret", channel_binding=cb), SCRAM_SHA_256_PLUS)
    assert server.authenticated


def test_channel_binding_mismatch() -> None:
    server_cb = ("tls-server-end-point", hashlib.sha256(b"certificate").digest())
    client_cb = ("tls-server-end-point", hashlib.sha256(b"other").digest())
    server = ScramServer("alice", make_verifier("secret"), channel_binding=server_cb)
    with pytest.raises(SqlError) as exc:
        _exchange(server, _client("secret", channel_binding=client_cb), SCRAM_SHA_256_PLUS)
    assert exc.value.code == "08P01" and exc.value.severity == "FATAL"


def test_plain_mechanism_with_binding_available() -> None:
    cb = ("tls-server-end-point", b"x" * 32)
    server = ScramServer("alice", make_verifier("secret"), channel_binding=cb)
    _exchange(server, _client("secret"))  # 'n' flag: client does not support binding
    server = ScramServer("alice", make_verifier("secret"), channel_binding=cb)
    with pytest.raises(SqlError) as exc:  # 'y': client thinks the server can't bind (downgrade)
        server.start(SCRAM_SHA_256, b"y,,n=,r=abc")
    assert exc.value.code == "08P01"


@pytest.mark.parametrize(
    ("mechanism", "first"),
    [
        ("SCRAM-SHA-1", b"n,,n=,r=abc"),
        (SCRAM_SHA_256_PLUS, b"p=tls-server-end-point,,n=,r=abc"),  # PLUS not offered
        (SCRAM_SHA_256, b"p=tls-server-end-point,,n=,r=abc"),
        (SCRAM_SHA_256, b""),
        (SCRAM_SHA_256, b"n,,"),
        (SCRAM_SHA_256, b"n,,r=abc"),
        (SCRAM_SHA_256, b"n,,n=,"),
        (SCRAM_SHA_256, b"n,a=admin,n=,r=abc"),
        (SCRAM_SHA_256, b"x,,n=,r=abc"),
        (SCRAM_SHA_256, b"n,,n=,r=abc,m=ext"),
        (SCRAM_SHA_256, b"n,,n=,r=a\xffb"),
    ],
)
def test_malformed_client_first(mechanism: str, first: bytes) -> None:
    server = ScramServer("alice", make_verifier("secret"))
    with pytest.raises(SqlError) as exc:
        server.start(mechanism, first)
    assert exc.value.code in ("08P01", "28P01") and exc.value.severity == "FATAL"


@pytest.mark.parametrize(
    "final",
    [
        b"",
        b"garbage",
        b"c=biws,r=WRONGNONCE,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        b"c=eSws,r={nonce},p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        b"c=biws,r={nonce},p=!!",
        b"c=biws,r={nonce}",
    ],
)
def test_malformed_client_final(final: bytes) -> None:
    server = ScramServer("alice", make_verifier("secret"), server_nonce="SERVERNONCE")
    server.start(SCRAM_SHA_256, b"n,,n=,r=abc")
    with pytest.raises(SqlError) as exc:
        server.finish(final.replace(b"{nonce}", b"abcSERVERNONCE"))
    assert exc.value.code in ("08P01", "28P01") and exc.value.severity == "FATAL"
    assert not server.authenticated


def test_out_of_order_calls() -> None:
    server = ScramServer("alice", make_verifier("secret"))
    with pytest.raises(SqlError):
        server.finish(b"c=biws,r=abc,p=AAAA")
    server = ScramServer("alice", make_verifier("secret"))
    server.start(SCRAM_SHA_256, b"n,,n=,r=abc")
    with pytest.raises(SqlError):
        server.start(SCRAM_SHA_256, b"n,,n=,r=abc")


# ---------------------------------------------------------------------------------------------
# Codec/SCRAM interoperability with libpq (psycopg): a throwaway socket loop built only from the
# message codec, the framer and ScramServer, with canned query answers. This checks that libpq
# accepts our SCRAM exchange and message encoding; it is NOT an end-to-end test of the server.
# ---------------------------------------------------------------------------------------------


def _interop_serve_one(listener: socket.socket, verifier: str | None, log: list[object]) -> None:
    conn, _ = listener.accept()
    with conn:
        framer = FrontendFramer()
        scram: ScramServer | None = None

        def next_msg() -> m.FrontendMessage:
            while (msg := framer.next_message()) is None:
                data = conn.recv(65536)
                if not data:
                    raise EOFError
                framer.feed(data)
            log.append(msg)
            return msg

        try:
            while True:
                msg = next_msg()
                if isinstance(msg, (m.SSLRequest, m.GSSENCRequest)):
                    conn.sendall(m.SSL_REJECT)
                elif isinstance(msg, m.StartupMessage):
                    scram = ScramServer(msg.params["user"], verifier)
                    conn.sendall(m.authentication_sasl(scram.mechanisms()))
                    break
            assert scram is not None
            auth = next_msg()
            assert isinstance(auth, m.PasswordMessage)
            mechanism, first = m.parse_sasl_initial_response(auth.data)
            conn.sendall(m.authentication_sasl_continue(scram.start(mechanism, first)))
            final = next_msg()
            assert isinstance(final, m.PasswordMessage)
            conn.sendall(
                m.authentication_sasl_final(scram.finish(final.data))
                + m.authentication_ok()
                + m.parameter_status("server_version", "15.0")
                + m.parameter_status("client_encoding", "UTF8")
                + m.backend_key_data(1, 2)
                + m.ready_for_query("I")
            )
            int4 = m.FieldDescription("x", 0, 0, 23, 4, -1, 0)
            while True:
                msg = next_msg()
                if isinstance(msg, m.Terminate):
                    return
                if isinstance(msg, m.Query):
                    conn.sendall(
                        m.row_description([int4])
                        + m.data_row([b"1"])
                        + m.command_complete("SELECT 1")
                        + m.ready_for_query("I")
                    )
                elif isinstance(msg, m.Parse):
                    out = m.parse_complete()
                elif isinstance(msg, m.Bind):
                    out += m.bind_complete()
                    value = msg.params[0]
                    assert value is not None
                    binary = msg.param_formats == (1,)
                    bound = str(int.from_bytes(value, "big", signed=True)).encode() if binary else value
                elif isinstance(msg, m.Describe):
                    out += m.row_description([int4])
                elif isinstance(msg, m.Execute):
                    out += m.data_row([bound]) + m.command_complete("SELECT 1")
                elif isinstance(msg, m.Sync):
                    conn.sendall(out + m.ready_for_query("I"))
        except SqlError as err:
            conn.sendall(m.error_from_sqlerror(err))
        except EOFError:
            pass


def _interop_connect(verifier: str | None, password: str) -> tuple[list[object], object]:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    log: list[object] = []
    thread = threading.Thread(target=_interop_serve_one, args=(listener, verifier, log), daemon=True)
    thread.start()
    try:
        with psycopg.connect(
            host="127.0.0.1", port=port, user="alice", password=password, dbname="db", connect_timeout=5
        ) as conn:
            result = (
                conn.execute("SELECT 1").fetchone(),
                conn.execute("SELECT %s::int", (7,)).fetchone(),
            )
    finally:
        thread.join(5)
        listener.close()
    return log, result


def test_scram_interop_libpq_round_trip() -> None:
    log, result = _interop_connect(make_verifier("s3cret"), "s3cret")
    assert result == ((1,), (7,))
    startup = next(msg for msg in log if isinstance(msg, m.StartupMessage))
    assert startup.params["user"] == "alice" and startup.params["database"] == "db"
    assert m.Terminate() in log


def test_scram_interop_libpq_wrong_password() -> None:
    with pytest.raises(psycopg.OperationalError, match='password authentication failed for user "alice"'):
        _interop_connect(make_verifier("s3cret"), "wrong")


def test_scram_interop_libpq_pg_verifier() -> None:
    _, result = _interop_connect(PG_VERIFIER_PW, "pw")
    assert result == ((1,), (7,))
