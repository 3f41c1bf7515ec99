"""Binary (wire) I/O: :func:`binary_input_function` and :func:`binary_output_function`.

The encodings are PostgreSQL's ``typsend``/``typreceive`` formats, big-endian: bool as one
byte, integers as int16/int32/int64, oid/reg* as uint32, floats as IEEE 754, text-like types
as their UTF-8 bytes, ``"char"`` as one byte, bytea raw, uuid as 16 bytes, jsonb as version
byte 1 + text, date as int32 days since 2000-01-01, time as int64 microseconds,
timestamp/timestamptz as int64 microseconds since 2000-01-01 00:00 (UTC for timestamptz;
±infinity as INT64 max/min, dates as INT32 max/min), interval as int64 µs + int32 days +
int32 months, numeric in base-10000 ``NumericVar`` form (see :mod:`sql.datatypes.binary_numeric`)
and arrays as ndim/flags/element OID/dimensions/elements (see :func:`array_send`).
"""

from __future__ import annotations

import datetime as _dt
import math
import struct
import uuid
from collections.abc import Callable
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

from . import binary_extra
from . import registry as r
from ._errors import DATATYPE_MISMATCH, bad_binary, bad_utf8, datetime_out_of_range, too_many_dimensions
from .arrays import MAXDIM, array_dims, flatten, lower_bounds
from .binary_multirange import multirange_recv, multirange_send
from .binary_numeric import numeric_recv, numeric_send
from .binary_range import range_recv, range_send
from .dtcommon import (
    INFINITY,
    INT32_MAX,
    INT32_MIN,
    INT64_MAX,
    INT64_MIN,
    NEG_INFINITY,
    USECS_PER_DAY,
    DateTimeInfinity,
    date_to_days,
    days_to_date,
    time_to_usecs,
    timestamp_to_usecs,
    usecs_to_time,
    usecs_to_timestamp,
    usecs_to_timestamptz,
)
from .interval import Interval
from .jsonb import Jsonb, json_text, jsonb_in
from .multiranges import MULTIRANGE_RANGES
from .numbers import to_float4
from .ranges import RANGE_SUBTYPES
from .strings import name_in

BinIn = Callable[[bytes], Any]
BinOut = Callable[[Any], bytes]

_I16, _I32, _I64, _U32 = struct.Struct(">h"), struct.Struct(">i"), struct.Struct(">q"), struct.Struct(">I")
_F32, _F64 = struct.Struct(">f"), struct.Struct(">d")
_IV = struct.Struct(">qii")


def _insufficient() -> SqlError:
    return SqlError(sqlstate.PROTOCOL_VIOLATION, "insufficient data left in message")


def _fixed(st: struct.Struct) -> Callable[[bytes], Any]:
    def recv(data: bytes) -> Any:
        if len(data) < st.size:
            raise _insufficient()
        if len(data) > st.size:
            raise bad_binary()
        return st.unpack(data)[0]

    return recv


def _decode_utf8(data: bytes) -> str:
    try:
        return bytes(data).decode("utf-8")
    except UnicodeDecodeError as e:
        bad = bytes(data)[e.start: e.start + 2]
        hexs = " ".join(f"0x{b:02x}" for b in bad)
        raise bad_utf8(hexs) from None


def _text_recv(data: bytes) -> str:
    s = _decode_utf8(data)
    if "\x00" in s:
        raise bad_utf8("0x00")
    return s


def _text_send(value: str) -> bytes:
    return value.encode("utf-8")


def _no_data() -> SqlError:
    return SqlError(sqlstate.PROTOCOL_VIOLATION, "no data left in message")


def _bool_recv(data: bytes) -> bool:
    if len(data) < 1:
        raise _no_data()
    if len(data) > 1:
        raise bad_binary()
    return data[0] != 0


def _char_recv(data: bytes) -> str:
    if len(data) < 1:
        raise _no_data()
    if len(data) > 1:
        raise bad_binary()
    return chr(data[0]) if data[0] else ""


def _char_send(value: str) -> bytes:
    return bytes([ord(value[0]) & 0xFF]) if value else b"\x00"


def _float4_recv(data: bytes) -> float:
    return _fixed(_F32)(data)


def _float4_send(value: float) -> bytes:
    return _F32.pack(to_float4(value)) if not math.isnan(value) else b"\x7f\xc0\x00\x00"


def _float8_send(value: float) -> bytes:
    return _F64.pack(value) if not math.isnan(value) else b"\x7f\xf8\x00\x00\x00\x00\x00\x00"


def _uuid_recv(data: bytes) -> uuid.UUID:
    if len(data) < 16:
        raise _insufficient()
    if len(data) > 16:
        raise bad_binary()
    return uuid.UUID(bytes=bytes(data))


def _jsonb_recv(data: bytes) -> Jsonb:
    if len(data) < 1:
        raise _insufficient()
    if data[0] != 1:
        raise SqlError(sqlstate.INTERNAL_ERROR, f"unsupported jsonb version number {data[0]}")
    return jsonb_in(_decode_utf8(data[1:]))


def _jsonb_send(value: Jsonb) -> bytes:
    return b"\x01" + json_text(value.value).encode("utf-8")


def _jsonpath_recv(data: bytes) -> str:
    if len(data) < 1:
        raise _insufficient()
    if data[0] != 1:
        raise SqlError(sqlstate.INTERNAL_ERROR, f"unsupported jsonpath version number: {data[0]}")
    from .textio import input_function

    return input_function(r.JSONPATH)(_decode_utf8(data[1:]))  # type: ignore[no-any-return]


def _json_recv(data: bytes) -> str:
    from .jsonb import json_in

    return json_in(_text_recv(data))


def _date_recv(data: bytes) -> Any:
    days = _fixed(_I32)(data)
    if days == INT32_MAX:
        return INFINITY
    if days == INT32_MIN:
        return NEG_INFINITY
    return days_to_date(days)


def _date_send(value: Any) -> bytes:
    if isinstance(value, DateTimeInfinity):
        return _I32.pack(INT32_MAX if value.sign > 0 else INT32_MIN)
    return _I32.pack(date_to_days(value))


def _time_recv(data: bytes) -> _dt.time:
    us = _fixed(_I64)(data)
    if us < 0 or us > USECS_PER_DAY:
        raise datetime_out_of_range("time out of range")
    if us == USECS_PER_DAY:
        raise datetime_out_of_range("time out of range")  # 24:00:00 cannot be represented
    return usecs_to_time(us)


def _time_send(value: _dt.time) -> bytes:
    return _I64.pack(time_to_usecs(value))


def _ts_recv(tz_aware: bool) -> BinIn:
    def recv(data: bytes) -> Any:
        us = _fixed(_I64)(data)
        if us == INT64_MAX:
            return INFINITY
        if us == INT64_MIN:
            return NEG_INFINITY
        return usecs_to_timestamptz(us) if tz_aware else usecs_to_timestamp(us)

    return recv


def _ts_send(value: Any) -> bytes:
    if isinstance(value, DateTimeInfinity):
        return _I64.pack(INT64_MAX if value.sign > 0 else INT64_MIN)
    return _I64.pack(timestamp_to_usecs(value))


def _interval_recv(data: bytes) -> Interval:
    if len(data) < 16:
        raise _insufficient()
    if len(data) > 16:
        raise bad_binary()
    us, days, months = _IV.unpack(data)
    return Interval(months, days, us)


def _interval_send(value: Interval) -> bytes:
    return _IV.pack(value.microseconds, value.days, value.months)


def _oid_send(value: int) -> bytes:
    return _U32.pack(value & 0xFFFFFFFF)


_RECV: dict[int, BinIn] = {
    r.BOOL: _bool_recv, r.BYTEA: bytes, r.CHAR: _char_recv, r.NAME: lambda d: name_in(_text_recv(d)),
    r.INT8: _fixed(_I64), r.INT2: _fixed(_I16), r.INT4: _fixed(_I32), r.TEXT: _text_recv,
    r.OID: _fixed(_U32), r.JSON: _json_recv, r.FLOAT4: _float4_recv, r.FLOAT8: _fixed(_F64),
    r.UNKNOWN: _text_recv, r.BPCHAR: _text_recv, r.VARCHAR: _text_recv, r.DATE: _date_recv,
    r.TIME: _time_recv, r.TIMESTAMP: _ts_recv(False), r.TIMESTAMPTZ: _ts_recv(True),
    r.INTERVAL: _interval_recv, r.NUMERIC: numeric_recv, r.UUID: _uuid_recv, r.JSONB: _jsonb_recv,
    r.REGCLASS: _fixed(_U32), r.REGTYPE: _fixed(_U32), r.REGPROC: _fixed(_U32), r.REGNAMESPACE: _fixed(_U32),
    r.JSONPATH: _jsonpath_recv, r.VOID: lambda d: None, **binary_extra.RECV,
}

_SEND: dict[int, BinOut] = {
    r.BOOL: lambda v: b"\x01" if v else b"\x00", r.BYTEA: bytes, r.CHAR: _char_send, r.NAME: _text_send,
    r.INT8: _I64.pack, r.INT2: _I16.pack, r.INT4: _I32.pack, r.TEXT: _text_send, r.OID: _oid_send,
    r.JSON: _text_send, r.FLOAT4: _float4_send, r.FLOAT8: _float8_send, r.UNKNOWN: _text_send,
    r.BPCHAR: _text_send, r.VARCHAR: _text_send, r.DATE: _date_send, r.TIME: _time_send,
    r.TIMESTAMP: _ts_send, r.TIMESTAMPTZ: _ts_send, r.INTERVAL: _interval_send, r.NUMERIC: numeric_send,
    r.UUID: lambda v: v.bytes, r.JSONB: _jsonb_send, r.REGCLASS: _oid_send, r.REGTYPE: _oid_send,
    r.REGPROC: _oid_send, r.REGNAMESPACE: _oid_send, r.VOID: lambda v: b"",
    r.JSONPATH: lambda v: b"\x01" + v.encode("utf-8"), **binary_extra.SEND,
}


# ---------------------------------------------------------------------------
# arrays


def array_send(value: list[Any], elem_oid: int, elem_send: BinOut) -> bytes:
    dims = array_dims(value)
    if not dims or 0 in dims:
        return _I32.pack(0) + _I32.pack(0) + _U32.pack(elem_oid)
    items = flatten(value)
    has_null = any(x is None for x in items)
    out = [_I32.pack(len(dims)), _I32.pack(1 if has_null else 0), _U32.pack(elem_oid)]
    for d, lb in zip(dims, lower_bounds(value)):
        out.append(_I32.pack(d))
        out.append(_I32.pack(lb))
    for x in items:
        if x is None:
            out.append(_I32.pack(-1))
        else:
            b = elem_send(x)
            out.append(_I32.pack(len(b)))
            out.append(b)
    return b"".join(out)


def array_recv(data: bytes, elem_oid: int, elem_recv: BinIn) -> list[Any]:
    data = bytes(data)
    if len(data) < 12:
        raise _insufficient()
    ndim, flags, etype = struct.unpack_from(">iiI", data, 0)
    if ndim < 0:
        raise bad_binary(f"invalid number of dimensions: {ndim}")
    if ndim > MAXDIM:
        raise too_many_dimensions(ndim, MAXDIM)
    if flags not in (0, 1):
        raise bad_binary("invalid array flags")
    if etype != elem_oid:
        raise SqlError(
            DATATYPE_MISMATCH,
            f"binary data has array element type {etype} ({r.format_type(etype)}) instead of expected "
            f"{elem_oid} ({r.format_type(elem_oid)})",
        )
    pos = 12
    dims: list[int] = []
    for _ in range(ndim):
        if pos + 8 > len(data):
            raise _insufficient()
        d, _lb = struct.unpack_from(">ii", data, pos)
        pos += 8
        if d < 0:
            raise bad_binary("array size exceeds the maximum allowed")
        dims.append(d)
    if ndim == 0 or 0 in dims:
        return []
    total = math.prod(dims)
    items: list[Any] = []
    for _ in range(total):
        if pos + 4 > len(data):
            raise _insufficient()
        (n,) = _I32.unpack_from(data, pos)
        pos += 4
        if n == -1:
            items.append(None)
            continue
        if n < 0 or pos + n > len(data):
            raise bad_binary("insufficient data left in message")
        try:
            items.append(elem_recv(data[pos: pos + n]))
        except SqlError as e:
            if e.code == sqlstate.PROTOCOL_VIOLATION:  # array_recv reports element framing as 22P03
                raise bad_binary(e.message) from None
            raise
        pos += n
    if pos != len(data):
        raise bad_binary()
    return _nest(items, dims)


def _nest(items: list[Any], dims: list[int]) -> list[Any]:
    if len(dims) == 1:
        return items
    step = len(items) // dims[0]
    return [_nest(items[i * step: (i + 1) * step], dims[1:]) for i in range(dims[0])]


# ---------------------------------------------------------------------------
# public dispatch


def _no_binary(kind: str, type_name: str) -> SqlError:
    return SqlError(sqlstate.UNDEFINED_FUNCTION, f"no binary {kind} function available for type {type_name}")


def binary_input_function(oid: int) -> BinIn:
    """``bytes -> datum`` (PostgreSQL's typreceive) for type ``oid``."""
    t = r.type_by_oid(oid)
    if t.is_array and t.oid != r.RECORD_ARRAY:
        elem = t.elem_oid
        elem_recv = binary_input_function(elem)
        return lambda data: array_recv(data, elem, elem_recv)
    fn = _RECV.get(oid)
    if fn is None and oid in RANGE_SUBTYPES:
        return range_recv(oid, binary_input_function(RANGE_SUBTYPES[oid]))
    if fn is None and oid in MULTIRANGE_RANGES:
        return multirange_recv(MULTIRANGE_RANGES[oid], binary_input_function(MULTIRANGE_RANGES[oid]))
    if fn is None:
        raise _no_binary("input", t.sql_name)
    return fn


def binary_output_function(oid: int) -> BinOut:
    """``datum -> bytes`` (PostgreSQL's typsend) for type ``oid``."""
    t = r.type_by_oid(oid)
    if t.is_array and t.oid != r.RECORD_ARRAY:
        elem = t.elem_oid
        elem_send = binary_output_function(elem)
        return lambda v: array_send(v, elem, elem_send)
    fn = _SEND.get(oid)
    if fn is None and oid in RANGE_SUBTYPES:
        return range_send(oid, binary_output_function(RANGE_SUBTYPES[oid]))
    if fn is None and oid in MULTIRANGE_RANGES:
        return multirange_send(binary_output_function(MULTIRANGE_RANGES[oid]))
    if fn is None:
        raise _no_binary("output", t.sql_name)
    return fn
