"""Tests for pgserver.framing.FrontendFramer."""

from __future__ import annotations

import struct

import pytest

from pgserver import messages as m
from pgserver.framing import FrontendFramer
from sql import sqlstate
from sql.errors import SqlError


def i32(v: int) -> bytes:
    return struct.pack("!i", v)


def startup_packet(params: dict[str, str], version: int = 196608) -> bytes:
    body = struct.pack("!I", version)
    for k, v in params.items():
        body += k.encode() + b"\0" + v.encode() + b"\0"
    body += b"\0"
    return i32(len(body) + 4) + body


def typed(type_byte: bytes, payload: bytes) -> bytes:
    return type_byte + i32(len(payload) + 4) + payload


SSL_REQUEST = i32(8) + i32(80877103)
GSSENC_REQUEST = i32(8) + i32(80877104)
STARTUP = startup_packet({"user": "bob", "database": "db", "application_name": "t"})
QUERY = typed(b"Q", b"SELECT 1\0")
SYNC = typed(b"S", b"")


def drain(framer: FrontendFramer) -> list[m.FrontendMessage]:
    out = []
    while (msg := framer.next_message()) is not None:
        out.append(msg)
    return out


def started() -> FrontendFramer:
    framer = FrontendFramer()
    framer.feed(STARTUP)
    assert isinstance(framer.next_message(), m.StartupMessage)
    return framer


def assert_error(exc: pytest.ExceptionInfo[SqlError], message: str, code: str = "08P01") -> None:
    """A malformed message body: ERROR, as in PostgreSQL (the message was consumed; the connection goes on)."""
    assert exc.value.code == code
    assert exc.value.severity == "ERROR"
    assert exc.value.message == message


def assert_fatal(exc: pytest.ExceptionInfo[SqlError], message: str, code: str = "08P01") -> None:
    assert exc.value.code == code
    assert exc.value.severity == "FATAL"
    assert exc.value.message == message


def test_startup_then_query() -> None:
    framer = FrontendFramer()
    assert framer.expecting_startup
    assert framer.next_message() is None
    framer.feed(STARTUP + QUERY)
    msg = framer.next_message()
    assert msg == m.StartupMessage(196608, {"user": "bob", "database": "db", "application_name": "t"})
    assert not framer.expecting_startup
    assert framer.next_message() == m.Query("SELECT 1")
    assert framer.next_message() is None
    assert framer.buffered == 0


def test_ssl_request_then_startup() -> None:
    framer = FrontendFramer()
    framer.feed(SSL_REQUEST)
    assert framer.next_message() == m.SSLRequest()
    assert framer.expecting_startup
    assert framer.buffered == 0
    framer.feed(GSSENC_REQUEST)
    assert framer.next_message() == m.GSSENCRequest()
    assert framer.expecting_startup
    framer.feed(STARTUP)
    assert isinstance(framer.next_message(), m.StartupMessage)
    assert not framer.expecting_startup


def test_data_after_ssl_request_is_visible() -> None:
    framer = FrontendFramer()
    framer.feed(SSL_REQUEST + b"\x16\x03\x01")
    assert framer.next_message() == m.SSLRequest()
    assert framer.buffered == 3  # caller must refuse plaintext injected before the handshake


def test_cancel_request() -> None:
    framer = FrontendFramer()
    framer.feed(i32(16) + i32(80877102) + i32(4242) + i32(-99))
    assert framer.next_message() == m.CancelRequest(4242, -99)
    assert framer.expecting_startup


def test_protocol_minor_version_and_options() -> None:
    framer = FrontendFramer()
    framer.feed(startup_packet({"user": "u", "_pq_.compress": "on"}, version=196608 + 2))
    msg = framer.next_message()
    assert isinstance(msg, m.StartupMessage)
    assert msg.minor_version == 2 and msg.major_version == 3
    assert msg.params == {"user": "u"}
    assert msg.protocol_options == {"_pq_.compress": "on"}


def test_unsupported_protocol() -> None:
    framer = FrontendFramer()
    framer.feed(startup_packet({"user": "u"}, version=2 << 16))
    with pytest.raises(SqlError) as exc:
        framer.next_message()
    assert_fatal(exc, "unsupported frontend protocol 2.0: server supports 3.0 to 3.0", "0A000")


@pytest.mark.parametrize("length", [-1, 0, 4, 7, 10005, 2**31 - 1])
def test_bad_startup_length_rejected_before_body(length: int) -> None:
    framer = FrontendFramer()
    framer.feed(i32(length))  # only the length word: rejected without waiting for the body
    with pytest.raises(SqlError) as exc:
        framer.next_message()
    assert_fatal(exc, "invalid length of startup packet")


def test_startup_length_limits() -> None:
    framer = FrontendFramer()
    body = struct.pack("!I", 196608) + b"user\0u\0opt\0" + b"x" * (10000 - 17) + b"\0\0"
    assert len(body) == 10000
    framer.feed(i32(len(body) + 4) + body)
    msg = framer.next_message()
    assert isinstance(msg, m.StartupMessage) and len(msg.params["opt"]) == 10000 - 17


def test_startup_bad_layout() -> None:
    framer = FrontendFramer()
    framer.feed(i32(12) + i32(196608) + b"user")
    with pytest.raises(SqlError) as exc:
        framer.next_message()
    assert_fatal(exc, "invalid startup packet layout: expected terminator as last byte")


def test_byte_at_a_time() -> None:
    stream = (
        SSL_REQUEST
        + STARTUP
        + typed(b"P", b"s\0SELECT $1\0\0\x01\0\0\0\x17")
        + typed(b"B", b"\0s\0\0\x01\0\x01\0\x02\0\0\0\x0242\xff\xff\xff\xff\0\0")
        + typed(b"D", b"P\0")
        + typed(b"E", b"\0" + i32(0))
        + SYNC
        + typed(b"X", b"")
    )
    framer = FrontendFramer()
    out: list[m.FrontendMessage] = []
    for i in range(len(stream)):
        framer.feed(stream[i : i + 1])
        out.extend(drain(framer))
    assert out[0] == m.SSLRequest()
    assert isinstance(out[1], m.StartupMessage)
    assert out[2:] == [
        m.Parse("s", "SELECT $1", (23,)),
        m.Bind("", "s", (1,), (b"42", None), ()),
        m.Describe("P", ""),
        m.Execute("", 0),
        m.Sync(),
        m.Terminate(),
    ]


def test_many_messages_in_one_chunk() -> None:
    framer = started()
    n = 20000
    chunk = b"".join(typed(b"Q", f"SELECT {i}\0".encode()) + SYNC for i in range(n))
    framer.feed(chunk)
    out = drain(framer)
    assert len(out) == 2 * n
    assert out[0] == m.Query("SELECT 0") and out[-2] == m.Query(f"SELECT {n - 1}")
    assert out[-1] == m.Sync()
    assert framer.buffered == 0


def test_pipelined_split_across_feeds() -> None:
    framer = started()
    stream = b"".join(typed(b"Q", f"SELECT {i}\0".encode()) for i in range(3000))
    out: list[m.FrontendMessage] = []
    for i in range(0, len(stream), 997):  # chunk boundaries in the middle of messages
        framer.feed(memoryview(stream)[i : i + 997])
        out.extend(drain(framer))
    assert [q.sql for q in out if isinstance(q, m.Query)] == [f"SELECT {i}" for i in range(3000)]


@pytest.mark.parametrize("size", [100, 65535, 65536, 300_000])
def test_large_message_in_pieces(size: int) -> None:
    framer = started()
    payload = bytes(range(256)) * (size // 256) + b"z" * (size % 256)
    stream = typed(b"d", payload) + typed(b"c", b"") + QUERY
    for i in range(0, len(stream), 7000):
        framer.feed(stream[i : i + 7000])
        if i + 7000 < len(stream) - 14:
            assert framer.next_message() is None
    assert framer.next_message() == m.CopyData(payload)
    assert framer.next_message() == m.CopyDone()
    assert framer.next_message() == m.Query("SELECT 1")
    assert framer.next_message() is None


def test_large_message_with_bytearray_feed_is_copied() -> None:
    framer = started()
    payload = b"a" * 100_000
    stream = typed(b"d", payload)
    buf = bytearray(stream[:70_000])
    framer.feed(buf)
    assert framer.next_message() is None
    rest = bytearray(stream[70_000:])
    framer.feed(rest)
    rest[:] = b"X" * len(rest)  # caller reuses its buffer
    buf[:] = b"Y" * len(buf)
    assert framer.next_message() == m.CopyData(payload)


def test_large_message_followed_by_more_in_same_chunk() -> None:
    framer = started()
    payload = b"q" * 200_000
    stream = typed(b"d", payload) + QUERY + SYNC
    framer.feed(stream[:1000])
    assert framer.next_message() is None
    framer.feed(stream[1000:])
    assert drain(framer) == [m.CopyData(payload), m.Query("SELECT 1"), m.Sync()]


def test_unknown_message_type() -> None:
    framer = started()
    framer.feed(b"Z")  # rejected on the type byte alone
    with pytest.raises(SqlError) as exc:
        framer.next_message()
    assert_fatal(exc, "invalid frontend message type 90")


@pytest.mark.parametrize("length", [-5, 0, 3])
def test_typed_length_too_small(length: int) -> None:
    framer = started()
    framer.feed(b"Q" + i32(length))
    with pytest.raises(SqlError) as exc:
        framer.next_message()
    assert_fatal(exc, "invalid message length")


@pytest.mark.parametrize("type_byte", list(b"SHXEDCc"))
def test_small_message_limit(type_byte: int) -> None:
    framer = started()
    framer.feed(bytes([type_byte]) + i32(10001))  # header only, no body yet
    with pytest.raises(SqlError) as exc:
        framer.next_message()
    assert_fatal(exc, "invalid message length")


def test_small_message_at_limit_is_accepted() -> None:
    framer = started()
    framer.feed(b"D" + i32(10000) + b"S" + b"n" * 9994 + b"\0")
    assert framer.next_message() == m.Describe("S", "n" * 9994)


def test_large_message_limit_before_body() -> None:
    framer = FrontendFramer(max_message_size=1000)
    framer.feed(STARTUP)
    framer.next_message()
    framer.feed(typed(b"Q", b"x" * 995 + b"\0"))  # length 1000: fine
    assert framer.next_message() == m.Query("x" * 995)
    framer.feed(b"Q" + i32(1001))
    with pytest.raises(SqlError) as exc:
        framer.next_message()
    assert_fatal(exc, "invalid message length")


def test_default_limit_rejects_huge_before_body() -> None:
    framer = started()
    framer.feed(b"d" + i32(0x40000000))
    with pytest.raises(SqlError) as exc:
        framer.next_message()
    assert_fatal(exc, "invalid message length")
    framer = started()
    framer.feed(b"d" + i32(0x3FFFFFFF))  # allowed: waits for the body
    assert framer.next_message() is None


def test_password_message_limit() -> None:
    framer = started()
    framer.feed(b"p" + i32(65536))
    with pytest.raises(SqlError) as exc:
        framer.next_message()
    assert_fatal(exc, "invalid message length")


def test_malformed_body_is_an_error() -> None:
    framer = started()
    framer.feed(typed(b"Q", b"no terminator"))
    with pytest.raises(SqlError) as exc:
        framer.next_message()
    assert_error(exc, "invalid string in message")
    framer = started()
    framer.feed(typed(b"S", b"\0"))
    with pytest.raises(SqlError) as exc:
        framer.next_message()
    assert_error(exc, "invalid message format")
    framer = started()
    framer.feed(typed(b"B", b"\0\0\0\x01\0\x05\0\0"))
    with pytest.raises(SqlError) as exc:
        framer.next_message()
    assert_error(exc, "unsupported format code: 5", "22023")


def test_invalid_utf8_is_recoverable() -> None:
    framer = started()
    framer.feed(typed(b"Q", b"SELECT '\xff'\0") + SYNC)
    with pytest.raises(SqlError) as exc:
        framer.next_message()
    assert exc.value.code == sqlstate.CHARACTER_NOT_IN_REPERTOIRE
    assert exc.value.severity == "ERROR"
    assert framer.next_message() == m.Sync()  # the bad message was consumed


def test_typed_before_startup_is_treated_as_startup() -> None:
    framer = FrontendFramer()
    framer.feed(QUERY)  # 'Q\0\0\0' as a length is far too large
    with pytest.raises(SqlError) as exc:
        framer.next_message()
    assert_fatal(exc, "invalid length of startup packet")
