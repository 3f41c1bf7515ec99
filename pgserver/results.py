"""Turning the SQL layer's results into wire bytes: RowDescription and DataRow encoders.

The per-row path is the hottest code of the server, so the work is split in two:

* once per result (or portal): :func:`make_row_encoder` looks up one encoder per column from
  the session (``session.text_output(oid)`` / ``session.binary_output(oid)``, which are session
  aware, e.g. the time zone) and picks cheap fast paths where PostgreSQL's text output is
  trivially Python's (integers, strings, booleans);
* once per row: the returned closure encodes a tuple of datums into one complete DataRow
  message with a single ``bytes.join``.

:class:`RowDescriptionCache` memoises RowDescription bytes per column list (by identity, since
the SQL layer hands out the same list for a cached statement).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, Protocol

from pgserver.client_encoding import ClientCodec, binary_field_converter
from pgserver.messages import FORMAT_BINARY, FieldDescription, row_description
from sql import sqlstate
from sql.datatypes.registry import (
    BOOL,
    BPCHAR,
    INT2,
    INT4,
    INT8,
    NAME,
    OID,
    TEXT,
    UNKNOWN,
    VARCHAR,
    find_type_by_oid,
)
from sql.errors import SqlError
from sql.result import ColumnInfo

RowEncoder = Callable[[Sequence[Any]], bytes]
ValueEncoder = Callable[[Any], bytes]


class OutputFunctions(Protocol):
    """The part of the session API the encoders need."""

    def text_output(self, type_oid: int) -> Callable[[Any], str]: ...

    def binary_output(self, type_oid: int) -> Callable[[Any], bytes]: ...


#: Types whose text output of a Python int is ``str(int)``.
_INT_TYPES = frozenset({INT2, INT4, INT8, OID})
#: Types whose text output of a Python str is the string itself.
_STRING_TYPES = frozenset({TEXT, VARCHAR, BPCHAR, NAME, UNKNOWN})
_RECORD = 2249  # record: a blessed typmod (see sql.anon_records) stays inside the server

_pack_i32 = struct.Struct("!i").pack
_pack_row_hdr = struct.Struct("!cih").pack
_NULL = _pack_i32(-1)
_PREFIXES: tuple[bytes, ...] = tuple(_pack_i32(i) for i in range(1024))
_NPREFIX = len(_PREFIXES)


def normalize_formats(formats: Sequence[int], ncols: int) -> tuple[int, ...]:
    """Per-column format codes: none means all text, one code applies to every column."""
    n = len(formats)
    if n == ncols:
        return tuple(formats)
    if n == 0:
        return (0,) * ncols
    if n == 1:
        return (formats[0],) * ncols
    raise SqlError(
        sqlstate.PROTOCOL_VIOLATION, f"bind message has {n} result formats but query has {ncols} columns"
    )


@cache
def type_size(type_oid: int) -> int:
    """``pg_type.typlen`` for RowDescription (-1 for unknown or variable-length types)."""
    t = find_type_by_oid(type_oid)
    return t.typlen if t is not None else -1


def field_descriptions(columns: Sequence[ColumnInfo], formats: Sequence[int]) -> list[FieldDescription]:
    """RowDescription fields for ``columns`` with the given (normalised) format codes."""
    return [
        FieldDescription(c.name, c.table_oid, c.attnum, c.type_oid, type_size(c.type_oid),
                         -1 if c.type_oid == _RECORD else c.typmod, f)
        for c, f in zip(columns, formats)
    ]


def encode_row_description(
    columns: Sequence[ColumnInfo], formats: Sequence[int] = (), codec: ClientCodec | None = None
) -> bytes:
    """RowDescription bytes for ``columns`` (names in the client encoding of ``codec``)."""
    fields = field_descriptions(columns, normalize_formats(formats, len(columns)))
    return row_description(fields, None if codec is None else codec.encode)


class RowDescriptionCache:
    """RowDescription bytes memoised by (column list identity, formats); small and bounded."""

    __slots__ = ("_entries", "_limit", "_codec")

    def __init__(self, limit: int = 256) -> None:
        self._entries: dict[tuple[int, tuple[int, ...]], tuple[Sequence[ColumnInfo], bytes]] = {}
        self._limit = limit
        self._codec: ClientCodec | None = None

    def set_codec(self, codec: ClientCodec | None) -> None:
        """Encode column names for a new client encoding (forgets what was cached)."""
        if codec is not self._codec:
            self._codec = codec
            self._entries.clear()

    def get(self, columns: Sequence[ColumnInfo], formats: Sequence[int] = ()) -> bytes:
        key = (id(columns), tuple(formats))
        hit = self._entries.get(key)
        if hit is not None and hit[0] is columns:
            return hit[1]
        data = encode_row_description(columns, formats, self._codec)
        if len(self._entries) >= self._limit:
            self._entries.clear()
        # Keep a reference to ``columns`` so that its id cannot be reused while cached.
        self._entries[key] = (columns, data)
        return data


# ---------------------------------------------------------------------------------------------
# Value encoders
# ---------------------------------------------------------------------------------------------


def _text_encoder(type_oid: int, out: Callable[[Any], str]) -> ValueEncoder:
    if type_oid in _INT_TYPES:

        def enc_int(v: Any) -> bytes:
            if v.__class__ is int:
                return str(v).encode("ascii")
            return out(v).encode()

        return enc_int
    if type_oid in _STRING_TYPES:

        def enc_str(v: Any) -> bytes:
            if v.__class__ is str:
                return v.encode()
            return out(v).encode()

        return enc_str
    if type_oid == BOOL:

        def enc_bool(v: Any) -> bytes:
            if v is True:
                return b"t"
            if v is False:
                return b"f"
            return out(v).encode()

        return enc_bool

    def enc(v: Any) -> bytes:
        return out(v).encode()

    return enc


def _converting_text_encoder(type_oid: int, out: Callable[[Any], str], codec: ClientCodec) -> ValueEncoder:
    """Text output in a client encoding other than UTF8."""
    encode = codec.encode
    if type_oid in _INT_TYPES:

        def enc_int(v: Any) -> bytes:
            if v.__class__ is int:
                return str(v).encode("ascii")
            return encode(out(v))

        return enc_int

    def enc(v: Any) -> bytes:
        return encode(out(v))

    return enc


def _converting_binary_encoder(type_oid: int, send: Callable[[Any], bytes], codec: ClientCodec) -> ValueEncoder:
    """Binary output in a client encoding other than UTF8: text-like types are converted."""
    convert = binary_field_converter(type_oid, codec.to_client)
    if convert is None:
        return send

    def enc_converted(v: Any) -> bytes:
        return convert(send(v))

    return enc_converted


def value_encoder(
    type_oid: int, fmt: int, session: OutputFunctions, codec: ClientCodec | None = None
) -> ValueEncoder:
    """The encoder of one column's non-NULL values in format ``fmt`` (0 text, 1 binary).

    ``codec`` is the client encoding when it is not UTF8 (None: UTF-8, the fast paths)."""
    if fmt == FORMAT_BINARY:
        send = session.binary_output(type_oid)
        return send if codec is None else _converting_binary_encoder(type_oid, send, codec)
    if codec is not None:
        return _converting_text_encoder(type_oid, session.text_output(type_oid), codec)
    return _text_encoder(type_oid, session.text_output(type_oid))


def make_row_encoder(
    columns: Sequence[ColumnInfo], formats: Sequence[int], session: OutputFunctions,
    codec: ClientCodec | None = None,
) -> RowEncoder:
    """A function turning one row (a sequence of datums, None = NULL) into a DataRow message."""
    fmts = normalize_formats(formats, len(columns))
    encoders = tuple(value_encoder(c.type_oid, f, session, codec) for c, f in zip(columns, fmts))
    ncols = len(encoders)
    prefixes = _PREFIXES
    nprefix = _NPREFIX
    null = _NULL
    pack_i32 = _pack_i32
    pack_hdr = _pack_row_hdr

    if ncols == 1:
        (only,) = encoders

        def encode_one(row: Sequence[Any]) -> bytes:
            if len(row) != 1:
                raise _width_mismatch(len(row), 1)
            v = row[0]
            if v is None:
                return b"D\x00\x00\x00\x0a\x00\x01\xff\xff\xff\xff"
            b = only(v)
            n = len(b)
            return b"".join((pack_hdr(b"D", n + 10, 1), prefixes[n] if n < nprefix else pack_i32(n), b))

        return encode_one

    def encode(row: Sequence[Any]) -> bytes:
        if len(row) != ncols:
            raise _width_mismatch(len(row), ncols)
        parts: list[bytes] = [b""]
        append = parts.append
        total = 6
        for enc, v in zip(encoders, row):
            if v is None:
                append(null)
                total += 4
            else:
                b = enc(v)
                n = len(b)
                append(prefixes[n] if n < nprefix else pack_i32(n))
                append(b)
                total += n + 4
        parts[0] = pack_hdr(b"D", total, ncols)
        return b"".join(parts)

    return encode


def _width_mismatch(got: int, expected: int) -> Exception:
    # A bug in the SQL layer; reported as an internal error by the connection.
    return RuntimeError(f"row has {got} values but the result has {expected} columns")
