"""Storage forms: how datums are kept inside stored rows.

Rows may only hold None, bool, int, float, str, bytes and tuples. :func:`to_storage` and
:func:`from_storage` return the converters for a type, or None when the datum is already a
storage form (ints, floats, bool, text types, bytea, json, ``"char"``, oid, reg*).

=============== ===================================================================
numeric         ``str`` -- the text output, keeping the scale (``'1.50'``, ``'NaN'``)
date            ``int`` -- ``date.toordinal()``; ±infinity as ``2**31 - 1`` / ``-2**31``
timestamp(tz)   ``int`` -- microseconds since 1970-01-01 00:00 (UTC for timestamptz);
                ±infinity as ``2**63 - 1`` / ``-2**63``
time            ``int`` -- microseconds since midnight
interval        ``tuple`` -- ``(months, days, microseconds)``
uuid            ``bytes`` -- the 16 bytes (sorts like PostgreSQL's uuid ordering)
jsonb           ``str`` -- canonical text
arrays          ``tuple`` of element storage forms (nested tuples for more dimensions); an array
                with lower bounds other than 1 is ``("\\x00", lbounds, elements)`` (text never
                holds NUL, so no array's first element can look like the marker)
=============== ===================================================================

Dates, timestamps, times and uuids therefore sort in SQL order under the primitive ordering.
"""

from __future__ import annotations

import datetime as _dt
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from . import extra_io
from . import registry as r
from .dtcommon import (
    INFINITY,
    INT32_MAX,
    INT32_MIN,
    INT64_MAX,
    INT64_MIN,
    NEG_INFINITY,
    SECS_PER_DAY,
    UNIX_EPOCH,
    UNIX_EPOCH_UTC,
    USECS_PER_SEC,
    DateTimeInfinity,
    any_date_fromordinal,
    time_to_usecs,
    usecs_to_time,
)
from .interval import Interval
from .jsonb import Jsonb, json_text, jsonb_in
from .numeric import numeric_out

Conv = Callable[[Any], Any]

DATE_INFINITY_STORAGE = INT32_MAX
DATE_NEG_INFINITY_STORAGE = INT32_MIN
TIMESTAMP_INFINITY_STORAGE = INT64_MAX
TIMESTAMP_NEG_INFINITY_STORAGE = INT64_MIN


def _numeric_to(v: Decimal) -> str:
    return numeric_out(v)


def _numeric_from(s: str) -> Decimal:
    return Decimal(s)


def _date_to(v: Any) -> int:
    if isinstance(v, DateTimeInfinity):
        return DATE_INFINITY_STORAGE if v.sign > 0 else DATE_NEG_INFINITY_STORAGE
    return v.toordinal()


def _date_from(n: int) -> Any:
    if n == DATE_INFINITY_STORAGE:
        return INFINITY
    if n == DATE_NEG_INFINITY_STORAGE:
        return NEG_INFINITY
    return any_date_fromordinal(n)


def _ts_to(v: Any) -> int:
    if isinstance(v, DateTimeInfinity):
        return TIMESTAMP_INFINITY_STORAGE if v.sign > 0 else TIMESTAMP_NEG_INFINITY_STORAGE
    d = v - (UNIX_EPOCH_UTC if v.tzinfo is not None else UNIX_EPOCH)
    return (d.days * SECS_PER_DAY + d.seconds) * USECS_PER_SEC + d.microseconds


def _ts_from(aware: bool) -> Conv:
    base = UNIX_EPOCH_UTC if aware else UNIX_EPOCH

    def conv(n: int) -> Any:
        if n == TIMESTAMP_INFINITY_STORAGE:
            return INFINITY
        if n == TIMESTAMP_NEG_INFINITY_STORAGE:
            return NEG_INFINITY
        return base + _dt.timedelta(microseconds=n)

    return conv


def _interval_to(v: Interval) -> tuple[int, int, int]:
    return (v.months, v.days, v.microseconds)


def _interval_from(t: tuple[int, int, int]) -> Interval:
    return Interval(t[0], t[1], t[2])


def _uuid_to(v: uuid.UUID) -> bytes:
    return v.bytes


def _uuid_from(b: bytes) -> uuid.UUID:
    return uuid.UUID(bytes=bytes(b))


def _jsonb_to(v: Jsonb) -> str:
    return json_text(v.value)


_TO: dict[int, Conv] = {
    r.NUMERIC: _numeric_to, r.DATE: _date_to, r.TIMESTAMP: _ts_to, r.TIMESTAMPTZ: _ts_to,
    r.TIME: time_to_usecs, r.INTERVAL: _interval_to, r.UUID: _uuid_to, r.JSONB: _jsonb_to,
}
_FROM: dict[int, Conv] = {
    r.NUMERIC: _numeric_from, r.DATE: _date_from, r.TIMESTAMP: _ts_from(False), r.TIMESTAMPTZ: _ts_from(True),
    r.TIME: usecs_to_time, r.INTERVAL: _interval_from, r.UUID: _uuid_from, r.JSONB: jsonb_in,
}


_BOUNDS_MARK = "\x00"


def _array_to(elem: Conv | None) -> Conv:
    def conv(v: list[Any]) -> tuple[Any, ...]:
        return tuple(
            conv(x) if isinstance(x, list) else (x if x is None or elem is None else elem(x)) for x in v
        )

    def top(v: list[Any]) -> tuple[Any, ...]:
        lbounds = getattr(v, "lbounds", None)
        if lbounds is not None and any(lb != 1 for lb in lbounds):
            return (_BOUNDS_MARK, tuple(lbounds), conv(v))
        return conv(v)

    return top


def _bounded(t: tuple[Any, ...], conv: Callable[[tuple[Any, ...]], list[Any]]) -> list[Any]:
    if len(t) == 3 and t[0] == _BOUNDS_MARK:
        from .arrays import with_lower_bounds

        return with_lower_bounds(conv(t[2]), t[1])
    return conv(t)


def _array_from(elem: Conv | None) -> Conv:
    def conv(t: tuple[Any, ...]) -> list[Any]:
        return [conv(x) if isinstance(x, tuple) else (x if x is None or elem is None else elem(x)) for x in t]

    return lambda t: _bounded(t, conv)


def _array_from_interval(t: tuple[Any, ...]) -> list[Any]:
    return _bounded(t, _intervals_from)


def _intervals_from(t: tuple[Any, ...]) -> list[Any]:
    """interval[]: element forms are (int, int, int) tuples, sub-arrays hold tuples or None."""
    out: list[Any] = []
    for x in t:
        if x is None:
            out.append(None)
        elif x and isinstance(x[0], int):
            out.append(_interval_from(x))
        else:
            out.append(_intervals_from(x))
    return out


def to_storage(oid: int) -> Conv | None:
    """Datum -> storage form converter for type ``oid`` (None: the datum is stored as is)."""
    t = r.type_by_oid(oid)
    if t.is_array and t.oid != r.RECORD_ARRAY:
        return _array_to(_TO.get(t.elem_oid) or extra_io.TO_STORAGE.get(t.elem_oid))
    return _TO.get(oid) or extra_io.TO_STORAGE.get(oid)


def from_storage(oid: int) -> Conv | None:
    """Storage form -> datum converter for type ``oid`` (None: identity)."""
    t = r.type_by_oid(oid)
    if t.is_array and t.oid != r.RECORD_ARRAY:
        if t.elem_oid == r.INTERVAL:
            return _array_from_interval
        return _array_from(_FROM.get(t.elem_oid) or extra_io.FROM_STORAGE.get(t.elem_oid))
    return _FROM.get(oid) or extra_io.FROM_STORAGE.get(oid)

