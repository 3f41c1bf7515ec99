"""PostgreSQL v3 wire-protocol messages, sans I/O.

Frontend (client -> server) messages are frozen dataclasses produced by the ``decode_*`` functions
here (driven by :class:`pgserver.framing.FrontendFramer`). Backend (server -> client) messages are
plain functions returning the encoded bytes; the hot ones (``data_row``, ``command_complete``,
``ready_for_query``, ``row_description``) use precompiled :class:`struct.Struct` objects.

Errors: malformed frontend messages raise :class:`sql.errors.SqlError` with SQLSTATE 08P01 and
severity FATAL (the connection cannot be trusted any more); invalid UTF-8 in a string of a
Query/Parse/Bind/CopyFail message raises a plain ERROR with SQLSTATE 22021, PostgreSQL's text.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import NamedTuple

from sql import sqlstate
from sql.errors import SqlError

# ---------------------------------------------------------------------------------------------
# Protocol constants
# ---------------------------------------------------------------------------------------------

PROTOCOL_3_0 = 196608  # 3 << 16
CANCEL_REQUEST_CODE = 80877102  # 1234 << 16 | 5678
SSL_REQUEST_CODE = 80877103  # 1234 << 16 | 5679
GSSENC_REQUEST_CODE = 80877104  # 1234 << 16 | 5680

#: Single-byte answers to SSLRequest / GSSENCRequest.
SSL_ACCEPT = b"S"
SSL_REJECT = b"N"
GSSENC_REJECT = b"N"

FORMAT_TEXT = 0
FORMAT_BINARY = 1

# ---------------------------------------------------------------------------------------------
# Frontend messages
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StartupMessage:
    """StartupMessage. ``params`` excludes ``_pq_.*`` protocol options (see ``protocol_options``)."""

    protocol_version: int
    params: dict[str, str]
    protocol_options: dict[str, str] = field(default_factory=dict)

    @property
    def major_version(self) -> int:
        return self.protocol_version >> 16

    @property
    def minor_version(self) -> int:
        return self.protocol_version & 0xFFFF


@dataclass(frozen=True, slots=True)
class SSLRequest:
    """SSLRequest: the client asks to switch to TLS."""


@dataclass(frozen=True, slots=True)
class GSSENCRequest:
    """GSSENCRequest: the client asks for GSSAPI encryption."""


@dataclass(frozen=True, slots=True)
class CancelRequest:
    """CancelRequest for backend ``pid`` with key ``secret``."""

    pid: int
    secret: int


@dataclass(frozen=True, slots=True)
class Query:
    """Simple query ('Q')."""

    sql: str


@dataclass(frozen=True, slots=True)
class Parse:
    """Parse ('P'): prepare ``query`` as statement ``name``."""

    name: str
    query: str
    param_oids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Bind:
    """Bind ('B'); ``params`` holds raw parameter values, None for SQL NULL."""

    portal: str
    statement: str
    param_formats: tuple[int, ...]
    params: tuple[bytes | None, ...]
    result_formats: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Describe:
    """Describe ('D'); ``kind`` is 'S' (statement) or 'P' (portal)."""

    kind: str
    name: str


@dataclass(frozen=True, slots=True)
class Execute:
    """Execute ('E'); ``max_rows`` <= 0 means no limit."""

    portal: str
    max_rows: int


@dataclass(frozen=True, slots=True)
class Sync:
    """Sync ('S')."""


@dataclass(frozen=True, slots=True)
class Flush:
    """Flush ('H')."""


@dataclass(frozen=True, slots=True)
class Close:
    """Close ('C'); ``kind`` is 'S' (statement) or 'P' (portal)."""

    kind: str
    name: str


@dataclass(frozen=True, slots=True)
class Terminate:
    """Terminate ('X')."""


@dataclass(frozen=True, slots=True)
class PasswordMessage:
    """'p' message: raw payload (PasswordMessage, SASLInitialResponse or SASLResponse)."""

    data: bytes


@dataclass(frozen=True, slots=True)
class CopyData:
    """CopyData ('d')."""

    data: bytes


@dataclass(frozen=True, slots=True)
class CopyDone:
    """CopyDone ('c')."""


@dataclass(frozen=True, slots=True)
class CopyFail:
    """CopyFail ('f')."""

    message: str


@dataclass(frozen=True, slots=True)
class FunctionCall:
    """FunctionCall ('F'), kept raw."""

    raw: bytes


FrontendMessage = (
    StartupMessage
    | SSLRequest
    | GSSENCRequest
    | CancelRequest
    | Query
    | Parse
    | Bind
    | Describe
    | Execute
    | Sync
    | Flush
    | Close
    | Terminate
    | PasswordMessage
    | CopyData
    | CopyDone
    | CopyFail
    | FunctionCall
)

_SYNC = Sync()
_FLUSH = Flush()
_TERMINATE = Terminate()
_COPY_DONE = CopyDone()

# ---------------------------------------------------------------------------------------------
# Decoding helpers
# ---------------------------------------------------------------------------------------------

_U16 = struct.Struct("!H")
_I32 = struct.Struct("!i")
_U32 = struct.Struct("!I")
_2I32 = struct.Struct("!ii")


def protocol_violation(message: str) -> SqlError:
    """A FATAL 08P01 error: a bad message type or length, or a bad startup-phase packet."""
    return SqlError(sqlstate.PROTOCOL_VIOLATION, message, severity="FATAL")


def message_format_error(message: str) -> SqlError:
    """08P01 for a malformed body of a typed message. As in PostgreSQL an ERROR, not FATAL: the
    message has been consumed whole, so the connection goes on (before login it ends anyway)."""
    return SqlError(sqlstate.PROTOCOL_VIOLATION, message)


def _utf8_char_len(first: int) -> int:
    """Byte length of a UTF-8 character from its first byte, as PostgreSQL's pg_utf_mblen."""
    if first < 0x80:
        return 1
    if first & 0xE0 == 0xC0:
        return 2
    if first & 0xF0 == 0xE0:
        return 3
    if first & 0xF8 == 0xF0:
        return 4
    return 1


def invalid_utf8_error(data: bytes, start: int) -> SqlError:
    """PostgreSQL's report_invalid_encoding() message for the bad character at ``start``."""
    n = min(_utf8_char_len(data[start]), len(data) - start, 8)
    shown = " ".join(f"0x{b:02x}" for b in data[start : start + n])
    return SqlError(
        sqlstate.CHARACTER_NOT_IN_REPERTOIRE, f'invalid byte sequence for encoding "UTF8": {shown}'
    )


def decode_utf8(data: bytes) -> str:
    """Decode UTF-8 strictly; raise 22021 (ERROR) like PostgreSQL on invalid input."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise invalid_utf8_error(data, exc.start) from None


def _read_cstring(body: bytes, pos: int) -> tuple[bytes, int]:
    """Return (raw string, position after its NUL)."""
    end = body.find(b"\0", pos)
    if end < 0:
        raise message_format_error("invalid string in message")
    return body[pos:end], end + 1


TextDecoder = Callable[[bytes], str]
TextEncoder = Callable[[str], bytes]


def _read_str(body: bytes, pos: int, text: TextDecoder = decode_utf8) -> tuple[str, int]:
    """A NUL-terminated string; ``text`` decodes non-ASCII bytes (the client encoding)."""
    end = body.find(b"\0", pos)
    if end < 0:
        raise message_format_error("invalid string in message")
    raw = body[pos:end]
    if raw.isascii():
        return raw.decode("ascii"), end + 1
    return text(raw), end + 1


def _read_u16(body: bytes, pos: int) -> int:
    if pos + 2 > len(body):
        raise message_format_error("insufficient data left in message")
    return _U16.unpack_from(body, pos)[0]


def _read_i32(body: bytes, pos: int) -> int:
    if pos + 4 > len(body):
        raise message_format_error("insufficient data left in message")
    return _I32.unpack_from(body, pos)[0]


_TEXT_ONLY: tuple[int, ...] = (0,)
_BINARY_ONLY: tuple[int, ...] = (1,)


def _read_formats(body: bytes, pos: int) -> tuple[tuple[int, ...], int]:
    """A count (UInt16) followed by that many Int16 format codes, each 0 or 1."""
    count = _read_u16(body, pos)
    pos += 2
    end = pos + 2 * count
    if end > len(body):
        raise message_format_error("insufficient data left in message")
    if count == 0:
        return (), pos
    formats: tuple[int, ...] = struct.unpack_from(f"!{count}h", body, pos)
    for f in formats:
        if f != 0 and f != 1:
            raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f"unsupported format code: {f}")
    if count == 1:  # share the common tuples
        formats = _TEXT_ONLY if formats[0] == 0 else _BINARY_ONLY
    return formats, end


def _check_end(body: bytes, pos: int) -> None:
    if pos != len(body):
        raise message_format_error("invalid message format")


# ---------------------------------------------------------------------------------------------
# Frontend decoders (typed messages; ``body`` excludes the type byte and length word)
# ---------------------------------------------------------------------------------------------


def decode_query(body: bytes, text: TextDecoder = decode_utf8) -> Query:
    sql, pos = _read_str(body, 0, text)
    _check_end(body, pos)
    return Query(sql)


def decode_parse(body: bytes, text: TextDecoder = decode_utf8) -> Parse:
    name, pos = _read_str(body, 0, text)
    query, pos = _read_str(body, pos, text)
    count = _read_u16(body, pos)
    pos += 2
    end = pos + 4 * count
    if end > len(body):
        raise message_format_error("insufficient data left in message")
    oids: tuple[int, ...] = struct.unpack_from(f"!{count}I", body, pos) if count else ()
    _check_end(body, end)
    return Parse(name, query, oids)


def decode_bind(body: bytes, text: TextDecoder = decode_utf8) -> Bind:
    portal, pos = _read_str(body, 0, text)
    statement, pos = _read_str(body, pos, text)
    param_formats, pos = _read_formats(body, pos)
    nparams = _read_u16(body, pos)
    pos += 2
    if len(param_formats) > 1 and len(param_formats) != nparams:
        # A well-formed message with inconsistent counts: a plain ERROR, as in PostgreSQL.
        raise SqlError(
            sqlstate.PROTOCOL_VIOLATION,
            f"bind message has {len(param_formats)} parameter formats but {nparams} parameters",
        )
    params: list[bytes | None] = []
    append = params.append
    blen = len(body)
    unpack_i32 = _I32.unpack_from
    for _ in range(nparams):
        if pos + 4 > blen:
            raise message_format_error("insufficient data left in message")
        (n,) = unpack_i32(body, pos)
        pos += 4
        if n == -1:
            append(None)
            continue
        if n < 0 or pos + n > blen:
            raise message_format_error("insufficient data left in message")
        append(body[pos : pos + n])
        pos += n
    result_formats, pos = _read_formats(body, pos)
    _check_end(body, pos)
    return Bind(portal, statement, param_formats, tuple(params), result_formats)


def _decode_kind_name(body: bytes, what: str, text: TextDecoder = decode_utf8) -> tuple[str, str]:
    if not body:
        raise message_format_error("no data left in message")
    kind = chr(body[0])
    name, pos = _read_str(body, 1, text)
    _check_end(body, pos)
    if kind not in ("S", "P"):
        raise SqlError(sqlstate.PROTOCOL_VIOLATION, f"invalid {what} message subtype {body[0]}")
    return kind, name


def decode_describe(body: bytes, text: TextDecoder = decode_utf8) -> Describe:
    kind, name = _decode_kind_name(body, "DESCRIBE", text)
    return Describe(kind, name)


def decode_close(body: bytes, text: TextDecoder = decode_utf8) -> Close:
    kind, name = _decode_kind_name(body, "CLOSE", text)
    return Close(kind, name)


def decode_execute(body: bytes, text: TextDecoder = decode_utf8) -> Execute:
    portal, pos = _read_str(body, 0, text)
    max_rows = _read_i32(body, pos)
    _check_end(body, pos + 4)
    return Execute(portal, max_rows)


def _empty(msg: Sync | Flush | Terminate | CopyDone) -> Callable[[bytes], FrontendMessage]:
    def decode(body: bytes) -> FrontendMessage:
        if body:
            raise message_format_error("invalid message format")
        return msg

    return decode


def decode_copy_fail(body: bytes, text: TextDecoder = decode_utf8) -> CopyFail:
    message, pos = _read_str(body, 0, text)
    _check_end(body, pos)
    return CopyFail(message)


#: Decoder for each frontend message type byte.
DECODERS: dict[int, Callable[[bytes], FrontendMessage]] = {
    ord("Q"): decode_query,
    ord("P"): decode_parse,
    ord("B"): decode_bind,
    ord("D"): decode_describe,
    ord("E"): decode_execute,
    ord("S"): _empty(_SYNC),
    ord("H"): _empty(_FLUSH),
    ord("C"): decode_close,
    ord("X"): _empty(_TERMINATE),
    ord("p"): PasswordMessage,
    ord("d"): CopyData,
    ord("c"): _empty(_COPY_DONE),
    ord("f"): decode_copy_fail,
    ord("F"): FunctionCall,
}


#: The decoders that read strings, for a client encoding other than UTF8.
_TEXT_DECODERS: dict[int, Callable[[bytes, TextDecoder], FrontendMessage]] = {
    ord("Q"): decode_query,
    ord("P"): decode_parse,
    ord("B"): decode_bind,
    ord("D"): decode_describe,
    ord("E"): decode_execute,
    ord("C"): decode_close,
    ord("f"): decode_copy_fail,
}


def decoders_for(text: TextDecoder | None) -> dict[int, Callable[[bytes], FrontendMessage]]:
    """The decoder table reading strings with ``text`` (None: UTF-8, the default table)."""
    if text is None:
        return DECODERS
    table = dict(DECODERS)
    for type_byte, decode in _TEXT_DECODERS.items():
        table[type_byte] = partial(decode, text=text)
    return table


def decode_message(type_byte: int, body: bytes) -> FrontendMessage:
    """Decode one typed frontend message."""
    decoder = DECODERS.get(type_byte)
    if decoder is None:
        raise protocol_violation(f"invalid frontend message type {type_byte}")
    return decoder(body)


def decode_startup(body: bytes) -> StartupMessage | SSLRequest | GSSENCRequest | CancelRequest:
    """Decode an untyped startup-phase packet; ``body`` excludes the length word."""
    if len(body) < 4:
        raise protocol_violation("invalid length of startup packet")
    (code,) = _U32.unpack_from(body, 0)
    if code == CANCEL_REQUEST_CODE:
        if len(body) != 12:
            raise protocol_violation("invalid length of startup packet")
        pid, secret = _2I32.unpack_from(body, 4)
        return CancelRequest(pid, secret)
    if code == SSL_REQUEST_CODE or code == GSSENC_REQUEST_CODE:
        if len(body) != 4:
            raise protocol_violation("invalid length of startup packet")
        return SSLRequest() if code == SSL_REQUEST_CODE else GSSENCRequest()
    major, minor = code >> 16, code & 0xFFFF
    if major != 3:
        raise SqlError(
            sqlstate.FEATURE_NOT_SUPPORTED,
            f"unsupported frontend protocol {major}.{minor}: server supports 3.0 to 3.0",
            severity="FATAL",
        )
    params: dict[str, str] = {}
    options: dict[str, str] = {}
    pos = 4
    n = len(body)
    while pos < n:
        if body[pos] == 0:
            break
        name_end = body.find(b"\0", pos)
        if name_end < 0 or name_end + 1 >= n:
            break  # missing value; reported below
        val_end = body.find(b"\0", name_end + 1)
        if val_end < 0:
            break
        name = _startup_str(body[pos:name_end])
        value = _startup_str(body[name_end + 1 : val_end])
        if name.startswith("_pq_."):
            options[name] = value
        else:
            params[name] = value
        pos = val_end + 1
    if pos != n - 1 or body[pos] != 0:
        raise protocol_violation("invalid startup packet layout: expected terminator as last byte")
    return StartupMessage(code, params, options)


def _startup_str(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        err = invalid_utf8_error(raw, exc.start)
        err.severity = "FATAL"
        raise err from None


def parse_sasl_initial_response(data: bytes) -> tuple[str, bytes]:
    """Split a SASLInitialResponse payload into (mechanism, client-first data).

    A data length of -1 (no initial response) gives ``b""``. Errors are FATAL (authentication).
    """
    try:
        return _parse_sasl_initial_response(data)
    except SqlError as err:
        if err.is_fatal:
            raise
        raise protocol_violation(err.message) from None


def _parse_sasl_initial_response(data: bytes) -> tuple[str, bytes]:
    mech_raw, pos = _read_cstring(data, 0)
    length = _read_i32(data, pos)
    pos += 4
    if length == -1:
        payload = b""
    else:
        if length < 0 or pos + length > len(data):
            raise protocol_violation("insufficient data left in message")
        payload = data[pos : pos + length]
        pos += length
    _check_end(data, pos)
    try:
        mechanism = mech_raw.decode("ascii")
    except UnicodeDecodeError:
        raise protocol_violation("invalid SASL authentication mechanism name") from None
    return mechanism, payload


def parse_password(data: bytes) -> str:
    """The cleartext password of a PasswordMessage payload (FATAL 08P01 if malformed)."""
    end = data.find(b"\0")
    if end < 0 or end != len(data) - 1:
        raise protocol_violation("invalid password packet size")
    try:
        return data[:end].decode("utf-8")
    except UnicodeDecodeError:
        raise protocol_violation("invalid password packet") from None


# ---------------------------------------------------------------------------------------------
# Backend messages
# ---------------------------------------------------------------------------------------------


class FieldDescription(NamedTuple):
    """One column of a RowDescription."""

    name: str
    table_oid: int
    column_attnum: int
    type_oid: int
    type_size: int
    type_modifier: int
    format_code: int


_pack_i32 = _I32.pack
_pack_hdr = struct.Struct("!ci").pack
_pack_row_hdr = struct.Struct("!cih").pack
_pack_field = struct.Struct("!IhIhih").pack
_pack_i16 = struct.Struct("!h").pack
_pack_auth = struct.Struct("!cii").pack

_NULL_LEN = _pack_i32(-1)
#: Length prefixes for short values, to skip a pack() call in data_row.
_LEN_PREFIXES: tuple[bytes, ...] = tuple(_pack_i32(i) for i in range(256))


def _msg(type_byte: bytes, payload: bytes) -> bytes:
    return _pack_hdr(type_byte, len(payload) + 4) + payload


def _cstr(s: str, encode: TextEncoder | None = None) -> bytes:
    return (s.encode("utf-8") if encode is None else encode(s)) + b"\0"


def data_row(values: Sequence[bytes | None]) -> bytes:
    """DataRow ('D'): one row of already-encoded column values (None = NULL)."""
    parts: list[bytes] = [b""]
    append = parts.append
    prefixes = _LEN_PREFIXES
    total = 6
    for v in values:
        if v is None:
            append(_NULL_LEN)
            total += 4
        else:
            n = len(v)
            append(prefixes[n] if n < 256 else _pack_i32(n))
            append(v)
            total += 4 + n
    parts[0] = _pack_row_hdr(b"D", total, len(values))
    return b"".join(parts)


def command_complete(tag: str) -> bytes:
    """CommandComplete ('C') with the command tag, e.g. ``"SELECT 3"``."""
    raw = tag.encode("utf-8")
    return _pack_hdr(b"C", len(raw) + 5) + raw + b"\0"


_READY: dict[str, bytes] = {s: b"Z\x00\x00\x00\x05" + s.encode("ascii") for s in "ITE"}
READY_IDLE = _READY["I"]
READY_IN_TRANSACTION = _READY["T"]
READY_IN_FAILED_TRANSACTION = _READY["E"]


def ready_for_query(status: str) -> bytes:
    """ReadyForQuery ('Z'); status is 'I' (idle), 'T' (in transaction) or 'E' (failed)."""
    return _READY[status]


def row_description(fields: Sequence[FieldDescription], encode: TextEncoder | None = None) -> bytes:
    """RowDescription ('T'); column names encoded with ``encode`` (default UTF-8)."""
    parts: list[bytes] = [b""]
    append = parts.append
    for f in fields:
        append((f[0].encode("utf-8") if encode is None else encode(f[0])) + b"\0")
        append(_pack_field(f[1], f[2], f[3], f[4], f[5], f[6]))
    body = b"".join(parts[1:])
    parts = [_pack_row_hdr(b"T", len(body) + 6, len(fields)), body]
    return b"".join(parts)


@lru_cache(maxsize=1024)
def row_description_cached(fields: tuple[FieldDescription, ...]) -> bytes:
    """``row_description`` memoised on a (hashable) tuple of fields."""
    return row_description(fields)


def parameter_description(oids: Sequence[int]) -> bytes:
    """ParameterDescription ('t')."""
    n = len(oids)
    return _msg(b"t", struct.pack(f"!H{n}I", n, *oids))


AUTHENTICATION_OK = _pack_auth(b"R", 8, 0)
AUTHENTICATION_CLEARTEXT_PASSWORD = _pack_auth(b"R", 8, 3)


def authentication_ok() -> bytes:
    """AuthenticationOk."""
    return AUTHENTICATION_OK


def authentication_cleartext_password() -> bytes:
    """AuthenticationCleartextPassword."""
    return AUTHENTICATION_CLEARTEXT_PASSWORD


def authentication_md5_password(salt: bytes) -> bytes:
    """AuthenticationMD5Password with a 4-byte salt."""
    if len(salt) != 4:
        raise ValueError("MD5 salt must be 4 bytes")
    return _pack_auth(b"R", 12, 5) + salt


def authentication_sasl(mechanisms: Sequence[str]) -> bytes:
    """AuthenticationSASL listing the offered mechanisms."""
    payload = b"".join(_cstr(m) for m in mechanisms) + b"\0"
    return _pack_auth(b"R", len(payload) + 8, 10) + payload


def authentication_sasl_continue(data: bytes) -> bytes:
    """AuthenticationSASLContinue carrying the server-first message."""
    return _pack_auth(b"R", len(data) + 8, 11) + data


def authentication_sasl_final(data: bytes) -> bytes:
    """AuthenticationSASLFinal carrying the server-final message."""
    return _pack_auth(b"R", len(data) + 8, 12) + data


def parameter_status(name: str, value: str, encode: TextEncoder | None = None) -> bytes:
    """ParameterStatus ('S')."""
    return _msg(b"S", _cstr(name, encode) + _cstr(value, encode))


def backend_key_data(pid: int, secret: int) -> bytes:
    """BackendKeyData ('K'); both values are sent as signed Int32 (unsigned values wrap)."""
    return _msg(b"K", _2I32.pack(_wrap_i32(pid), _wrap_i32(secret)))


def _wrap_i32(v: int) -> int:
    v &= 0xFFFFFFFF
    return v - 0x100000000 if v >= 0x80000000 else v


EMPTY_QUERY_RESPONSE = b"I\x00\x00\x00\x04"
PARSE_COMPLETE = b"1\x00\x00\x00\x04"
BIND_COMPLETE = b"2\x00\x00\x00\x04"
CLOSE_COMPLETE = b"3\x00\x00\x00\x04"
NO_DATA = b"n\x00\x00\x00\x04"
PORTAL_SUSPENDED = b"s\x00\x00\x00\x04"
COPY_DONE = b"c\x00\x00\x00\x04"


def empty_query_response() -> bytes:
    """EmptyQueryResponse ('I')."""
    return EMPTY_QUERY_RESPONSE


def parse_complete() -> bytes:
    """ParseComplete ('1')."""
    return PARSE_COMPLETE


def bind_complete() -> bytes:
    """BindComplete ('2')."""
    return BIND_COMPLETE


def close_complete() -> bytes:
    """CloseComplete ('3')."""
    return CLOSE_COMPLETE


def no_data() -> bytes:
    """NoData ('n')."""
    return NO_DATA


def portal_suspended() -> bytes:
    """PortalSuspended ('s')."""
    return PORTAL_SUSPENDED


def copy_done() -> bytes:
    """CopyDone ('c')."""
    return COPY_DONE


def copy_data(data: bytes) -> bytes:
    """CopyData ('d')."""
    return _pack_hdr(b"d", len(data) + 4) + data


def _copy_response(type_byte: bytes, fmt: int, column_formats: Sequence[int]) -> bytes:
    n = len(column_formats)
    return _msg(type_byte, struct.pack(f"!bh{n}h", fmt, n, *column_formats))


def copy_in_response(format: int, column_formats: Sequence[int]) -> bytes:
    """CopyInResponse ('G'): overall format (0 text, 1 binary) and per-column formats."""
    return _copy_response(b"G", format, column_formats)


def copy_out_response(format: int, column_formats: Sequence[int]) -> bytes:
    """CopyOutResponse ('H')."""
    return _copy_response(b"H", format, column_formats)


def notification_response(pid: int, channel: str, payload: str, encode: TextEncoder | None = None) -> bytes:
    """NotificationResponse ('A')."""
    return _msg(b"A", _pack_i32(_wrap_i32(pid)) + _cstr(channel, encode) + _cstr(payload, encode))


def negotiate_protocol_version(newest_version: int, unrecognized_options: Sequence[str]) -> bytes:
    """NegotiateProtocolVersion ('v'): newest supported protocol version and rejected options.

    PostgreSQL (and libpq reading it) put the full version number here, ``PROTOCOL_3_0`` for
    a server speaking 3.0, although the protocol documentation speaks of a minor version.
    """
    payload = _2I32.pack(newest_version, len(unrecognized_options)) + b"".join(
        _cstr(o) for o in unrecognized_options
    )
    return _msg(b"v", payload)


ERROR_FIELD_CODES = frozenset("SVCMDHPpqWstcdnFLR")


def _fields_payload(fields: Mapping[str, str], encode: TextEncoder | None = None) -> bytes:
    parts: list[bytes] = []
    for code, value in fields.items():
        if len(code) != 1 or code not in ERROR_FIELD_CODES:
            raise ValueError(f"invalid error field code {code!r}")
        parts.append(code.encode("ascii"))
        value = value.replace("\0", "")
        parts.append(value.encode("utf-8") if encode is None else encode(value))
        parts.append(b"\0")
    parts.append(b"\0")
    return b"".join(parts)


def error_response(fields: Mapping[str, str], encode: TextEncoder | None = None) -> bytes:
    """ErrorResponse ('E'); keys are single-character field codes ('S', 'C', 'M', ...)."""
    return _msg(b"E", _fields_payload(fields, encode))


def notice_response(fields: Mapping[str, str], encode: TextEncoder | None = None) -> bytes:
    """NoticeResponse ('N'); same fields as ErrorResponse."""
    return _msg(b"N", _fields_payload(fields, encode))


def sqlerror_fields(err: SqlError) -> dict[str, str]:
    """The ErrorResponse fields of a SqlError: S, V, C, M and D/H/P when set."""
    fields = {"S": err.severity, "V": err.severity, "C": err.code, "M": err.message}
    if err.detail is not None:
        fields["D"] = err.detail
    if err.hint is not None:
        fields["H"] = err.hint
    if err.position is not None:
        fields["P"] = str(err.position)
    if err.context is not None:
        fields["W"] = err.context
    if err.object_fields:
        fields.update(err.object_fields)
    if err.routine is not None:
        fields["L"] = "0"  # no C source line here; clients reading the routine expect the field
        fields["R"] = err.routine
    return fields


def error_from_sqlerror(err: SqlError, encode: TextEncoder | None = None) -> bytes:
    """ErrorResponse for a SqlError, its texts encoded with ``encode`` (default UTF-8)."""
    return error_response(sqlerror_fields(err), encode)


_NOTICE_SEVERITIES = frozenset(
    {"WARNING", "NOTICE", "INFO", "LOG", "DEBUG", "DEBUG1", "DEBUG2", "DEBUG3", "DEBUG4", "DEBUG5"}
)


def notice_from_sqlerror(err: SqlError, encode: TextEncoder | None = None) -> bytes:
    """NoticeResponse for a SqlError used as a notice; an error-level severity becomes NOTICE."""
    fields = sqlerror_fields(err)
    if err.severity not in _NOTICE_SEVERITIES:
        fields["S"] = fields["V"] = "NOTICE"
    return notice_response(fields, encode)
