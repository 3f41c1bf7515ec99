"""Tests for pgserver.messages: golden backend encodings and frontend decoding."""

from __future__ import annotations

import struct

import pytest

from pgserver import messages as m
from pgserver.messages import FieldDescription
from sql import sqlstate
from sql.errors import SqlError


def i16(v: int) -> bytes:
    return struct.pack("!h", v)


def i32(v: int) -> bytes:
    return struct.pack("!i", v)


def u32(v: int) -> bytes:
    return struct.pack("!I", v)


def msg(type_byte: bytes, payload: bytes) -> bytes:
    return type_byte + i32(len(payload) + 4) + payload


# ---------------------------------------------------------------------------------------------
# Backend encodings
# ---------------------------------------------------------------------------------------------


def test_data_row() -> None:
    assert m.data_row([b"1", None, b"", b"abc"]) == (
        b"D" + i32(4 + 2 + 5 + 4 + 4 + 7) + i16(4) + i32(1) + b"1" + i32(-1) + i32(0) + i32(3) + b"abc"
    )
    assert m.data_row([]) == b"D\x00\x00\x00\x06\x00\x00"
    big = b"x" * 70000
    assert m.data_row([big]) == b"D" + i32(4 + 2 + 4 + 70000) + i16(1) + i32(70000) + big
    assert m.data_row((b"a" * 255, b"b" * 256)) == (
        b"D" + i32(6 + 259 + 260) + i16(2) + i32(255) + b"a" * 255 + i32(256) + b"b" * 256
    )


def test_command_complete() -> None:
    assert m.command_complete("SELECT 3") == b"C\x00\x00\x00\x0dSELECT 3\x00"
    assert m.command_complete("INSERT 0 1") == b"C" + i32(15) + b"INSERT 0 1\x00"


def test_ready_for_query() -> None:
    assert m.ready_for_query("I") == b"Z\x00\x00\x00\x05I"
    assert m.ready_for_query("T") == b"Z\x00\x00\x00\x05T"
    assert m.ready_for_query("E") == b"Z\x00\x00\x00\x05E"
    assert m.ready_for_query("I") is m.ready_for_query("I")
    with pytest.raises(KeyError):
        m.ready_for_query("X")


def test_row_description() -> None:
    fields = [
        FieldDescription("id", 16384, 1, 23, 4, -1, 0),
        FieldDescription("név", 0, 0, 25, -1, -1, 1),
        FieldDescription("big", 4294967295, 0, 4294967295, -2, 100, 0),
    ]
    payload = (
        i16(3)
        + b"id\x00" + u32(16384) + i16(1) + u32(23) + i16(4) + i32(-1) + i16(0)
        + "név".encode() + b"\x00" + u32(0) + i16(0) + u32(25) + i16(-1) + i32(-1) + i16(1)
        + b"big\x00" + u32(4294967295) + i16(0) + u32(4294967295) + i16(-2) + i32(100) + i16(0)
    )  # fmt: skip
    assert m.row_description(fields) == msg(b"T", payload)
    assert m.row_description_cached(tuple(fields)) == msg(b"T", payload)
    assert m.row_description_cached(tuple(fields)) is m.row_description_cached(tuple(fields))
    assert m.row_description([]) == b"T\x00\x00\x00\x06\x00\x00"


def test_authentication_messages() -> None:
    assert m.authentication_ok() == b"R\x00\x00\x00\x08\x00\x00\x00\x00"
    assert m.authentication_cleartext_password() == b"R\x00\x00\x00\x08\x00\x00\x00\x03"
    assert m.authentication_md5_password(b"abcd") == b"R\x00\x00\x00\x0c\x00\x00\x00\x05abcd"
    assert m.authentication_sasl(["SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"]) == (
        b"R" + i32(4 + 4 + 19 + 14 + 1) + i32(10) + b"SCRAM-SHA-256-PLUS\x00SCRAM-SHA-256\x00\x00"
    )
    assert m.authentication_sasl_continue(b"r=abc,s=xyz,i=4096") == (
        b"R" + i32(8 + 18) + i32(11) + b"r=abc,s=xyz,i=4096"
    )
    assert m.authentication_sasl_final(b"v=sig") == b"R" + i32(13) + i32(12) + b"v=sig"


def test_startup_answers() -> None:
    assert m.parameter_status("client_encoding", "UTF8") == (
        b"S" + i32(4 + 16 + 5) + b"client_encoding\x00UTF8\x00"
    )
    assert m.backend_key_data(1234, -5) == b"K\x00\x00\x00\x0c" + i32(1234) + i32(-5)
    assert m.backend_key_data(1, 0xFFFFFFFF) == b"K\x00\x00\x00\x0c" + i32(1) + i32(-1)
    assert m.negotiate_protocol_version(0, ["_pq_.foo", "_pq_.b"]) == (
        b"v" + i32(4 + 8 + 9 + 7) + i32(0) + i32(2) + b"_pq_.foo\x00_pq_.b\x00"
    )
    assert m.negotiate_protocol_version(0, []) == b"v" + i32(12) + i32(0) + i32(0)
    assert m.SSL_REJECT == b"N" and m.SSL_ACCEPT == b"S" and m.GSSENC_REJECT == b"N"


def test_fixed_messages() -> None:
    assert m.empty_query_response() == b"I\x00\x00\x00\x04"
    assert m.parse_complete() == b"1\x00\x00\x00\x04"
    assert m.bind_complete() == b"2\x00\x00\x00\x04"
    assert m.close_complete() == b"3\x00\x00\x00\x04"
    assert m.no_data() == b"n\x00\x00\x00\x04"
    assert m.portal_suspended() == b"s\x00\x00\x00\x04"
    assert m.copy_done() == b"c\x00\x00\x00\x04"


def test_parameter_description() -> None:
    assert m.parameter_description([23, 25, 4294967295]) == (
        b"t" + i32(4 + 2 + 12) + i16(3) + u32(23) + u32(25) + u32(4294967295)
    )
    assert m.parameter_description([]) == b"t\x00\x00\x00\x06\x00\x00"


def test_copy_messages() -> None:
    assert m.copy_in_response(0, [0, 0]) == b"G" + i32(4 + 1 + 2 + 4) + b"\x00" + i16(2) + i16(0) + i16(0)
    assert m.copy_out_response(1, [1]) == b"H" + i32(4 + 1 + 2 + 2) + b"\x01" + i16(1) + i16(1)
    assert m.copy_out_response(0, []) == b"H" + i32(7) + b"\x00" + i16(0)
    assert m.copy_data(b"1\tfoo\n") == b"d" + i32(10) + b"1\tfoo\n"


def test_notification_response() -> None:
    assert m.notification_response(42, "chan", "hi") == (
        b"A" + i32(4 + 4 + 5 + 3) + i32(42) + b"chan\x00hi\x00"
    )


def test_error_and_notice() -> None:
    fields = {"S": "ERROR", "V": "ERROR", "C": "42P01", "M": 'relation "t" does not exist', "P": "15"}
    payload = b'SERROR\x00VERROR\x00C42P01\x00Mrelation "t" does not exist\x00P15\x00\x00'
    assert m.error_response(fields) == msg(b"E", payload)
    assert m.notice_response({"S": "NOTICE", "M": "hi"}) == msg(b"N", b"SNOTICE\x00Mhi\x00\x00")
    with pytest.raises(ValueError):
        m.error_response({"Z": "x"})
    with pytest.raises(ValueError):
        m.error_response({"SS": "x"})


def test_error_from_sqlerror() -> None:
    err = SqlError("22012", "division by zero")
    assert m.error_from_sqlerror(err) == msg(b"E", b"SERROR\x00VERROR\x00C22012\x00Mdivision by zero\x00\x00")
    err = SqlError("28P01", "bad", detail="d", hint="h", position=7, severity="FATAL")
    assert m.error_from_sqlerror(err) == msg(
        b"E", b"SFATAL\x00VFATAL\x00C28P01\x00Mbad\x00Dd\x00Hh\x00P7\x00\x00"
    )
    assert m.error_from_sqlerror(SqlError("XX000", "nul\0inside")) == msg(
        b"E", b"SERROR\x00VERROR\x00CXX000\x00Mnulinside\x00\x00"
    )


# ---------------------------------------------------------------------------------------------
# Frontend decoding
# ---------------------------------------------------------------------------------------------


def malformed(exc: pytest.ExceptionInfo[SqlError], message: str | None = None) -> None:
    """A malformed message body: an ERROR as in PostgreSQL (the connection goes on)."""
    code = sqlstate.INVALID_PARAMETER_VALUE if message and message.startswith("unsupported format code") \
        else sqlstate.PROTOCOL_VIOLATION
    assert exc.value.code == code
    assert exc.value.severity == "ERROR"
    if message is not None:
        assert exc.value.message == message


def fatal(exc: pytest.ExceptionInfo[SqlError], message: str | None = None) -> None:
    assert exc.value.code == sqlstate.PROTOCOL_VIOLATION
    assert exc.value.severity == "FATAL"
    if message is not None:
        assert exc.value.message == message


def test_decode_query() -> None:
    assert m.decode_message(ord("Q"), b"SELECT 1\x00") == m.Query("SELECT 1")
    assert m.decode_message(ord("Q"), "SELECT 'ő'\x00".encode()) == m.Query("SELECT 'ő'")
    with pytest.raises(SqlError) as exc:
        m.decode_message(ord("Q"), b"SELECT 1")
    malformed(exc, "invalid string in message")
    with pytest.raises(SqlError) as exc:
        m.decode_message(ord("Q"), b"SELECT 1\x00x")
    malformed(exc, "invalid message format")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (b"SELECT '\xff'", "0xff"),
        (b"SELECT '\xc3('", "0xc3 0x28"),
        (b"ab\xe2\x82", "0xe2 0x82"),
        (b"\xed\xa0\x80", "0xed 0xa0 0x80"),  # UTF-16 surrogate
        (b"\xc0\x80", "0xc0 0x80"),  # overlong
        (b"ok \xf0\x9f\x98x", "0xf0 0x9f 0x98 0x78"),
    ],
)
def test_invalid_utf8_is_plain_error(raw: bytes, shown: str) -> None:
    with pytest.raises(SqlError) as exc:
        m.decode_message(ord("Q"), raw + b"\x00")
    assert exc.value.code == sqlstate.CHARACTER_NOT_IN_REPERTOIRE == "22021"
    assert exc.value.severity == "ERROR"
    assert exc.value.message == f'invalid byte sequence for encoding "UTF8": {shown}'


def test_decode_parse() -> None:
    body = b"s1\x00SELECT $1, $2\x00" + i16(2) + u32(23) + u32(4294967295)
    assert m.decode_message(ord("P"), body) == m.Parse("s1", "SELECT $1, $2", (23, 4294967295))
    assert m.decode_message(ord("P"), b"\x00SELECT 1\x00" + i16(0)) == m.Parse("", "SELECT 1", ())
    with pytest.raises(SqlError) as exc:
        m.decode_message(ord("P"), b"s1\x00SELECT $1\x00" + i16(2) + u32(23))
    malformed(exc, "insufficient data left in message")
    with pytest.raises(SqlError) as exc:
        m.decode_message(ord("P"), b"s1\x00SELECT 1\x00")
    malformed(exc, "insufficient data left in message")
    with pytest.raises(SqlError) as exc:
        m.decode_message(ord("P"), b"s1\x00SELECT 1\x00" + i16(0) + b"\x00")
    malformed(exc, "invalid message format")
    with pytest.raises(SqlError) as exc:
        m.decode_message(ord("P"), b"s1\x00SELECT \xff\x00" + i16(0))
    assert exc.value.code == "22021" and exc.value.severity == "ERROR"


def bind_body(
    portal: bytes = b"",
    stmt: bytes = b"",
    pformats: tuple[int, ...] = (),
    params: tuple[bytes | None, ...] = (),
    rformats: tuple[int, ...] = (),
) -> bytes:
    out = portal + b"\x00" + stmt + b"\x00" + i16(len(pformats)) + b"".join(i16(f) for f in pformats)
    out += i16(len(params))
    for p in params:
        out += i32(-1) if p is None else i32(len(p)) + p
    return out + i16(len(rformats)) + b"".join(i16(f) for f in rformats)


def test_decode_bind() -> None:
    body = bind_body(b"p1", b"s1", (0, 1), (b"42", b"\x00\x00\x00\x07"), (1,))
    assert m.decode_message(ord("B"), body) == m.Bind("p1", "s1", (0, 1), (b"42", b"\x00\x00\x00\x07"), (1,))
    body = bind_body(params=(None, b"", None), pformats=(1,), rformats=(0, 1, 1))
    bind = m.decode_message(ord("B"), body)
    assert bind == m.Bind("", "", (1,), (None, b"", None), (0, 1, 1))
    assert isinstance(bind, m.Bind) and isinstance(bind.params[1], bytes)
    assert m.decode_message(ord("B"), bind_body()) == m.Bind("", "", (), (), ())
    # Parameter values are not decoded: invalid UTF-8 there is for the type input to judge.
    assert m.decode_message(ord("B"), bind_body(params=(b"\xff",))) == m.Bind("", "", (), (b"\xff",), ())


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "invalid string in message"),
        (b"p\x00", "invalid string in message"),
        (b"\x00\x00", "insufficient data left in message"),
        (b"\x00\x00" + i16(1), "insufficient data left in message"),
        (b"\x00\x00" + i16(1) + i16(2) + i16(0) + i16(0), "unsupported format code: 2"),
        (bind_body(rformats=(0, 3)), "unsupported format code: 3"),
        (bind_body(pformats=(-1,), params=(b"x",)), "unsupported format code: -1"),
        (b"\x00\x00" + i16(0) + i16(1) + i32(5) + b"abc", "insufficient data left in message"),
        (b"\x00\x00" + i16(0) + i16(1) + i32(-2) + b"abc", "insufficient data left in message"),
        (b"\x00\x00" + i16(0) + i16(2) + i32(-1), "insufficient data left in message"),
        (b"\x00\x00" + i16(0) + i16(1) + i32(-1), "insufficient data left in message"),
        (bind_body() + b"\x00", "invalid message format"),
        (bind_body(rformats=(1,))[:-1], "insufficient data left in message"),
    ],
)
def test_decode_bind_malformed(body: bytes, message: str) -> None:
    with pytest.raises(SqlError) as exc:
        m.decode_message(ord("B"), body)
    malformed(exc, message)


def test_decode_bind_format_count_mismatch() -> None:
    with pytest.raises(SqlError) as exc:
        m.decode_message(ord("B"), bind_body(pformats=(0, 1), params=(b"1",)))
    assert exc.value.code == "08P01"
    assert exc.value.message == "bind message has 2 parameter formats but 1 parameters"


def test_decode_bind_invalid_utf8_name() -> None:
    with pytest.raises(SqlError) as exc:
        m.decode_message(ord("B"), bind_body(portal=b"p\xe9"))
    assert exc.value.code == "22021" and exc.value.severity == "ERROR"
    assert exc.value.message == 'invalid byte sequence for encoding "UTF8": 0xe9'


def test_decode_describe_close_execute() -> None:
    assert m.decode_message(ord("D"), b"Sstmt\x00") == m.Describe("S", "stmt")
    assert m.decode_message(ord("D"), b"P\x00") == m.Describe("P", "")
    assert m.decode_message(ord("C"), b"Pp1\x00") == m.Close("P", "p1")
    assert m.decode_message(ord("E"), b"p1\x00" + i32(0)) == m.Execute("p1", 0)
    assert m.decode_message(ord("E"), b"\x00" + i32(100)) == m.Execute("", 100)
    with pytest.raises(SqlError) as exc:
        m.decode_message(ord("D"), b"X\x00")
    assert exc.value.code == "08P01" and exc.value.message == "invalid DESCRIBE message subtype 88"
    with pytest.raises(SqlError) as exc:
        m.decode_message(ord("C"), b"Q\x00")
    assert exc.value.message == "invalid CLOSE message subtype 81"
    for type_byte, body in [("D", b""), ("D", b"S"), ("C", b"Sx"), ("E", b"p\x00\x00"), ("E", b"p")]:
        with pytest.raises(SqlError) as exc:
            m.decode_message(ord(type_byte), body)
        malformed(exc)
    with pytest.raises(SqlError) as exc:
        m.decode_message(ord("E"), b"p\x00" + i32(0) + b"x")
    malformed(exc, "invalid message format")


def test_decode_simple_messages() -> None:
    assert m.decode_message(ord("S"), b"") == m.Sync()
    assert m.decode_message(ord("H"), b"") == m.Flush()
    assert m.decode_message(ord("X"), b"") == m.Terminate()
    assert m.decode_message(ord("c"), b"") == m.CopyDone()
    assert m.decode_message(ord("d"), b"1\tx\n") == m.CopyData(b"1\tx\n")
    assert m.decode_message(ord("f"), b"oops\x00") == m.CopyFail("oops")
    assert m.decode_message(ord("p"), b"secret\x00") == m.PasswordMessage(b"secret\x00")
    assert m.decode_message(ord("F"), b"\x00\x01") == m.FunctionCall(b"\x00\x01")
    for t in "SHXc":
        with pytest.raises(SqlError) as exc:
            m.decode_message(ord(t), b"\x00")
        malformed(exc, "invalid message format")
    with pytest.raises(SqlError) as exc:
        m.decode_message(ord("Z"), b"")
    fatal(exc, "invalid frontend message type 90")


def test_decode_startup() -> None:
    body = u32(196608) + b"user\x00bob\x00database\x00db\x00_pq_.opt\x00v\x00\x00"
    msg = m.decode_startup(body)
    assert msg == m.StartupMessage(196608, {"user": "bob", "database": "db"}, {"_pq_.opt": "v"})
    assert isinstance(msg, m.StartupMessage)
    assert (msg.major_version, msg.minor_version) == (3, 0)
    minor = m.decode_startup(u32(196608 + 2) + b"user\x00u\x00\x00")
    assert isinstance(minor, m.StartupMessage) and minor.minor_version == 2
    assert m.decode_startup(u32(196608) + b"\x00") == m.StartupMessage(196608, {})
    assert m.decode_startup(u32(80877103)) == m.SSLRequest()
    assert m.decode_startup(u32(80877104)) == m.GSSENCRequest()
    assert m.decode_startup(u32(80877102) + i32(77) + i32(-3)) == m.CancelRequest(77, -3)


@pytest.mark.parametrize(
    "body",
    [
        u32(196608),
        u32(196608) + b"user\x00bob\x00",
        u32(196608) + b"user\x00bob\x00\x00\x00",
        u32(196608) + b"user\x00\x00",
        u32(196608) + b"user\x00bob",
        u32(196608) + b"user",
    ],
)
def test_decode_startup_bad_layout(body: bytes) -> None:
    with pytest.raises(SqlError) as exc:
        m.decode_startup(body)
    fatal(exc, "invalid startup packet layout: expected terminator as last byte")


def test_decode_startup_bad_version_and_lengths() -> None:
    with pytest.raises(SqlError) as exc:
        m.decode_startup(u32(2 << 16) + b"\x00")
    assert exc.value.code == sqlstate.FEATURE_NOT_SUPPORTED and exc.value.severity == "FATAL"
    assert exc.value.message == "unsupported frontend protocol 2.0: server supports 3.0 to 3.0"
    with pytest.raises(SqlError) as exc:
        m.decode_startup(u32(4 << 16 | 1) + b"\x00")
    assert exc.value.message == "unsupported frontend protocol 4.1: server supports 3.0 to 3.0"
    for body in [u32(80877102) + i32(1), u32(80877103) + b"\x00", u32(80877104) + i32(0), b"\x00"]:
        with pytest.raises(SqlError) as exc:
            m.decode_startup(body)
        fatal(exc, "invalid length of startup packet")
    with pytest.raises(SqlError) as exc:
        m.decode_startup(u32(196608) + b"user\x00\xff\x00\x00")
    assert exc.value.code == "22021" and exc.value.severity == "FATAL"


def test_sasl_initial_response() -> None:
    data = b"SCRAM-SHA-256\x00" + i32(14) + b"n,,n=,r=abcdef"
    assert m.parse_sasl_initial_response(data) == ("SCRAM-SHA-256", b"n,,n=,r=abcdef")
    assert m.parse_sasl_initial_response(b"SCRAM-SHA-256\x00" + i32(-1)) == ("SCRAM-SHA-256", b"")
    for bad in [
        b"SCRAM-SHA-256",
        b"SCRAM-SHA-256\x00",
        b"SCRAM-SHA-256\x00" + i32(5) + b"abc",
        b"SCRAM-SHA-256\x00" + i32(-2),
        b"SCRAM-SHA-256\x00" + i32(1) + b"ab",
        b"SCRAM\xff\x00" + i32(-1),
    ]:
        with pytest.raises(SqlError) as exc:
            m.parse_sasl_initial_response(bad)
        fatal(exc)


def test_parse_password() -> None:
    assert m.parse_password(b"secret\x00") == "secret"
    for bad in [b"secret", b"a\x00b\x00", b""]:
        with pytest.raises(SqlError) as exc:
            m.parse_password(bad)
        fatal(exc)


def test_messages_are_frozen() -> None:
    q = m.Query("x")
    with pytest.raises(AttributeError):
        q.sql = "y"  # type: ignore[misc]
    assert not hasattr(q, "__dict__")
