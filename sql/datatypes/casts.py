"""Casts between the built-in types: :func:`cast_context` and :func:`cast_function`.

``cast_context(src, dst)`` answers like PostgreSQL 15's coercion lookup: the ``castcontext``
of the ``pg_cast`` row (``'i'`` implicit, ``'a'`` assignment, ``'e'`` explicit), ``'i'`` for
the same type and for ``unknown`` literals, the element cast's context for array-to-array
casts, and otherwise the I/O-conversion rule (to a string type: ``'a'``; from a string
type: ``'e'``). None means no cast exists.

``cast_function(src, dst, typmod, explicit=..., tz=...)`` returns the conversion (datum ->
datum, never called with SQL NULL) including the destination typmod, or None when
``cast_context`` is None. Semantics follow PostgreSQL: numeric -> int rounds half away from
zero, float -> int rounds half to even, range errors are ``integer out of range`` etc.,
float -> numeric goes through ``%.15g`` (``%.6g`` for real), bool -> text gives
``true``/``false``, char(n) -> text strips trailing spaces, date/timestamp/timestamptz
conversions use the session time zone ``tz``, jsonb -> scalar casts check the JSON type.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

from . import extra_io
from . import registry as r
from ._errors import out_of_range
from .arrays import map_elements
from .datetimes import (
    date_to_timestamp,
    timestamp_to_date,
    timestamp_to_timestamptz,
    timestamptz_to_timestamp,
)
from .dtcommon import USECS_PER_DAY, UTC, DateTimeInfinity, time_to_usecs, usecs_to_time, utc_to_local
from .interval import Interval
from .jsonb import Jsonb, json_text, jsonb_in
from .numbers import OID_MAX, check_int2, check_int4, check_int8, to_float4
from .numeric import (
    float_to_numeric,
    numeric_to_float4,
    numeric_to_float8,
    numeric_to_int,
)
from .strings import bpchar_strip, char_out, char_to_int, int_to_char, name_in, text_to_char
from .textio import input_function, output_function
from .typmod import apply_typmod

Fn = Callable[[Any], Any]

# pg_cast rows among the supported types: (source, target) -> castcontext
PG_CAST: dict[tuple[int, int], str] = {}
_CAST_ROWS = """
16 23 e|16 25 a|16 1042 a|16 1043 a|18 23 e|18 25 i|18 1042 a|18 1043 a|19 25 i|19 1042 a|19 1043 a|
20 21 a|20 23 a|20 24 i|20 26 i|20 700 i|20 701 i|20 1700 i|20 2205 i|20 2206 i|20 4089 i|
21 20 i|21 23 i|21 24 i|21 26 i|21 700 i|21 701 i|21 1700 i|21 2205 i|21 2206 i|21 4089 i|
23 16 e|23 18 e|23 20 i|23 21 a|23 24 i|23 26 i|23 700 i|23 701 i|23 1700 i|23 2205 i|23 2206 i|23 4089 i|
24 20 a|24 23 a|24 26 i|25 18 a|25 19 i|25 1042 i|25 1043 i|25 2205 i|
26 20 a|26 23 a|26 24 i|26 2205 i|26 2206 i|26 4089 i|114 3802 a|
700 20 a|700 21 a|700 23 a|700 701 i|700 1700 a|701 20 a|701 21 a|701 23 a|701 700 a|701 1700 a|
1042 18 a|1042 19 i|1042 25 i|1042 1042 i|1042 1043 i|1043 18 a|1043 19 i|1043 25 i|1043 1042 i|1043 1043 i|
1043 2205 i|1082 1114 i|1082 1184 i|1083 1083 i|1083 1186 i|1114 1082 a|1114 1083 a|1114 1114 i|1114 1184 i|
1184 1082 a|1184 1083 a|1184 1114 a|1184 1184 i|1186 1083 a|1186 1186 i|
1700 20 a|1700 21 a|1700 23 a|1700 700 i|1700 701 i|1700 1700 i|
2205 20 a|2205 23 a|2205 26 i|2206 20 a|2206 23 a|2206 26 i|
3802 16 e|3802 20 e|3802 21 e|3802 23 e|3802 114 a|3802 700 e|3802 701 e|3802 1700 e|
4089 20 a|4089 23 a|4089 26 i
"""
for _row in _CAST_ROWS.replace("\n", "").split("|"):
    _s, _d, _c = _row.split()
    PG_CAST[(int(_s), int(_d))] = _c


def _is_array(oid: int) -> bool:
    t = r.find_type_by_oid(oid)
    return t is not None and t.is_array and oid != r.RECORD_ARRAY


def _is_string(oid: int) -> bool:
    t = r.find_type_by_oid(oid)
    return t is not None and t.category == "S"


def cast_context(src_oid: int, dst_oid: int) -> str | None:
    """``'i'``, ``'a'``, ``'e'`` or None (no cast), as PostgreSQL's ``find_coercion_pathway``."""
    if r.find_type_by_oid(src_oid) is None or r.find_type_by_oid(dst_oid) is None:
        return None
    if src_oid == dst_oid or src_oid == r.UNKNOWN:
        return "i"
    if dst_oid == r.UNKNOWN:
        return None
    ctx = PG_CAST.get((src_oid, dst_oid))
    if ctx is not None:
        return ctx
    extra = extra_io.CASTS.get((src_oid, dst_oid))
    if extra is not None:
        return extra[0]
    if _is_array(src_oid) and _is_array(dst_oid):
        elem_ctx = cast_context(r.element_of(src_oid), r.element_of(dst_oid))
        if elem_ctx is not None:
            return elem_ctx
    if _is_string(dst_oid):
        return "a"
    if _is_string(src_oid):
        return "e"
    return None


# ---------------------------------------------------------------------------
# conversion pieces

_INT_CHECK = {r.INT2: check_int2, r.INT4: check_int4, r.INT8: check_int8}
_INT_NAME = {r.INT2: "smallint", r.INT4: "integer", r.INT8: "bigint"}
_OIDISH = {r.OID, r.REGCLASS, r.REGTYPE, r.REGPROC, r.REGNAMESPACE}
_INTS = {r.INT2, r.INT4, r.INT8}
_FLOATS = {r.FLOAT4, r.FLOAT8}


def _float_to_int(dst: int) -> Fn:
    name = _INT_NAME[dst]
    check = _INT_CHECK[dst]

    def conv(v: float) -> int:
        if math.isnan(v) or math.isinf(v):
            raise out_of_range(f"{name} out of range")
        return check(int(round(v)))  # round(): half to even, like rint()

    return conv


def _float8_to_float4(v: float) -> float:
    f = to_float4(v)
    if math.isinf(f) and not math.isinf(v):
        raise out_of_range("value out of range: overflow")
    if f == 0.0 and v != 0.0:
        raise out_of_range("value out of range: underflow")
    return f


def _to_oid_from_int8(v: int) -> int:
    if v < 0 or v > OID_MAX:
        raise out_of_range("OID out of range")
    return v


def _numeric_family(src: int, dst: int) -> Fn | None:
    if src in _INTS and dst in _INTS:
        return _INT_CHECK[dst]
    if src in _INTS and dst in _OIDISH:
        return _to_oid_from_int8 if src == r.INT8 else (lambda v: v & 0xFFFFFFFF)
    if src in _OIDISH and dst in _OIDISH:
        return lambda v: v
    if src in _OIDISH and dst == r.INT4:
        return lambda v: v - (1 << 32) if v >= (1 << 31) else v
    if src in _OIDISH and dst == r.INT8:
        return lambda v: v
    if src in _INTS and dst == r.FLOAT8:
        return float
    if src in _INTS and dst == r.FLOAT4:
        return lambda v: to_float4(float(v))
    if src in _FLOATS and dst in _INTS:
        return _float_to_int(dst)
    if src == r.FLOAT8 and dst == r.FLOAT4:
        return _float8_to_float4
    if src == r.FLOAT4 and dst == r.FLOAT8:
        return float
    if src in _INTS and dst == r.NUMERIC:
        return Decimal
    if src == r.NUMERIC and dst in _INTS:
        name = _INT_NAME[dst]
        return lambda v: numeric_to_int(v, name)
    if src == r.NUMERIC and dst == r.FLOAT8:
        return numeric_to_float8
    if src == r.NUMERIC and dst == r.FLOAT4:
        return numeric_to_float4
    if src in _FLOATS and dst == r.NUMERIC:
        f4 = src == r.FLOAT4
        return lambda v: float_to_numeric(v, float4=f4)
    if src == dst:
        return lambda v: v
    return None


def _jsonb_scalar(dst: int) -> Fn:
    type_name = r.format_type(dst)
    kinds = {"null": "null", "string": "string", "number": "numeric", "boolean": "boolean",
             "array": "array", "object": "object"}

    def conv(v: Jsonb) -> Any:
        x = v.value
        kind = v.type_name
        if dst == r.BOOL:
            if kind != "boolean":
                raise SqlError(sqlstate.INVALID_PARAMETER_VALUE,
                               f"cannot cast jsonb {kinds[kind]} to type {type_name}")
            return x
        if kind != "number":
            raise SqlError(
                sqlstate.INVALID_PARAMETER_VALUE, f"cannot cast jsonb {kinds[kind]} to type {type_name}"
            )
        d = x if isinstance(x, Decimal) else Decimal(x)
        if dst == r.NUMERIC:
            return d
        if dst in _INTS:
            return numeric_to_int(d, _INT_NAME[dst])
        if dst == r.FLOAT8:
            return numeric_to_float8(d)
        return numeric_to_float4(d)

    return conv


def _string_to_string(src: int, dst: int) -> Fn:
    strip = src == r.BPCHAR
    if dst == r.NAME:
        return (lambda v: name_in(bpchar_strip(v))) if strip else name_in
    if strip and dst != r.BPCHAR:
        return bpchar_strip
    return lambda v: v


def _interval_to_time(v: Interval) -> _dt.time:
    return usecs_to_time(v.microseconds % USECS_PER_DAY)


def _datetime_casts(src: int, dst: int, tz: _dt.tzinfo) -> Fn | None:
    def local_of(v: Any) -> Any:
        return v if isinstance(v, DateTimeInfinity) else utc_to_local(v, tz)[0]

    if src == r.DATE and dst == r.TIMESTAMP:
        return date_to_timestamp
    if src == r.DATE and dst == r.TIMESTAMPTZ:
        return lambda v: timestamp_to_timestamptz(date_to_timestamp(v), tz)
    if src == r.TIMESTAMP and dst == r.DATE:
        return timestamp_to_date
    if src == r.TIMESTAMPTZ and dst == r.DATE:
        return lambda v: timestamp_to_date(local_of(v))
    if src == r.TIMESTAMP and dst == r.TIME:
        return lambda v: None if isinstance(v, DateTimeInfinity) else v.time()
    if src == r.TIMESTAMPTZ and dst == r.TIME:
        return lambda v: None if isinstance(v, DateTimeInfinity) else local_of(v).time()
    if src == r.TIMESTAMP and dst == r.TIMESTAMPTZ:
        return lambda v: timestamp_to_timestamptz(v, tz)
    if src == r.TIMESTAMPTZ and dst == r.TIMESTAMP:
        return lambda v: timestamptz_to_timestamp(v, tz)
    if src == r.TIME and dst == r.INTERVAL:
        return lambda v: Interval(0, 0, time_to_usecs(v))
    if src == r.INTERVAL and dst == r.TIME:
        return _interval_to_time
    return None


def _core(src: int, dst: int, tz: _dt.tzinfo) -> Fn | None:
    if src == dst:
        return lambda v: v
    extra = extra_io.CASTS.get((src, dst))
    if extra is not None:
        return extra[1](tz) if extra[1] is not None else _io_cast(src, dst, -1, tz)
    f = _numeric_family(src, dst) if (src in _INTS | _FLOATS | _OIDISH | {r.NUMERIC}
                                        and dst in _INTS | _FLOATS | _OIDISH | {r.NUMERIC}) else None
    if f is not None:
        return f
    if src == r.BOOL and dst == r.INT4:
        return lambda v: 1 if v else 0
    if src == r.INT4 and dst == r.BOOL:
        return lambda v: v != 0
    if src == r.BOOL and dst in (r.TEXT, r.VARCHAR, r.BPCHAR):
        return lambda v: "true" if v else "false"
    if src == r.CHAR and dst == r.INT4:
        return char_to_int
    if src == r.INT4 and dst == r.CHAR:
        return int_to_char
    if src == r.CHAR and dst in (r.TEXT, r.VARCHAR, r.BPCHAR):
        return char_out
    if _is_string(src) and dst == r.CHAR:
        return text_to_char
    if _is_string(src) and _is_string(dst):
        return _string_to_string(src, dst)
    f = _datetime_casts(src, dst, tz)
    if f is not None:
        return f
    if src == r.JSON and dst == r.JSONB:
        return jsonb_in
    if src == r.JSONB and dst == r.JSON:
        return lambda v: json_text(v.value)
    if src == r.JSONB and dst in (r.BOOL, r.NUMERIC, r.INT2, r.INT4, r.INT8, r.FLOAT4, r.FLOAT8):
        return _jsonb_scalar(dst)
    return None


def _io_cast(src: int, dst: int, typmod: int, tz: _dt.tzinfo) -> Fn:
    """I/O conversion: output with the source's function, input with the target's."""
    out = output_function(src, tz=tz)
    inp = input_function(dst, typmod if dst == r.INTERVAL else -1, tz=tz)
    return lambda v: inp(out(v))


def cast_function(
    src_oid: int, dst_oid: int, typmod: int = -1, *, explicit: bool = True, tz: _dt.tzinfo = UTC
) -> Fn | None:
    """The conversion for ``CAST(x AS dst(typmod))`` from ``src``, or None if no cast exists.

    ``explicit`` selects the length-coercion rule (explicit casts truncate strings silently,
    implicit/assignment ones raise 22001). ``tz`` is the session time zone.
    """
    if cast_context(src_oid, dst_oid) is None:
        return None
    base = _base_cast(src_oid, dst_oid, typmod, tz, explicit)
    if base is None:
        return None
    if typmod < 0 or (src_oid == r.UNKNOWN and dst_oid == r.INTERVAL):
        return base
    return lambda v: apply_typmod(dst_oid, base(v), typmod, explicit=explicit)


def _base_cast(src: int, dst: int, typmod: int, tz: _dt.tzinfo, explicit: bool) -> Fn | None:
    if src == r.UNKNOWN:
        return input_function(dst, typmod if dst == r.INTERVAL else -1, tz=tz)
    if _is_array(src) and _is_array(dst):
        se, de = r.element_of(src), r.element_of(dst)
        if cast_context(se, de) is not None and (src, dst) not in PG_CAST:
            elem = cast_function(se, de, typmod, explicit=explicit, tz=tz)
            if elem is not None:
                return lambda v: map_elements(v, elem)
    f = _core(src, dst, tz)
    if f is not None:
        return f
    if _is_string(dst) or _is_string(src):
        return _io_cast(src, dst, typmod, tz)
    return None


def coerce_value(value: Any, src_oid: int, dst_oid: int, typmod: int = -1, *,
                 explicit: bool = True, tz: _dt.tzinfo = UTC) -> Any:
    """Cast one value (None stays None); raises 42846 ``cannot cast type X to Y`` if impossible."""
    fn = cast_function(src_oid, dst_oid, typmod, explicit=explicit, tz=tz)
    if fn is None:
        raise SqlError(
            sqlstate.CANNOT_COERCE,
            f"cannot cast type {r.format_type(src_oid)} to {r.format_type(dst_oid)}",
        )
    return None if value is None else fn(value)
