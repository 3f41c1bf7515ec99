"""Text I/O and precision rounding for date, time, timestamp and timestamptz.

Output follows DateStyle (PostgreSQL's ``EncodeDateOnly`` / ``EncodeDateTime``); the default
``ISO`` gives ``2024-01-02``, ``2024-01-02 03:04:05``, ``2024-01-02 03:04:05+05:30``
(fractional seconds without trailing zeros, offsets as ``+hh``, ``+hh:mm`` or ``+hh:mm:ss``).
The other styles, with the field order (``DMY`` or else month first) where it matters:

* ``SQL``: ``01/02/2024`` (DMY ``02/01/2024``), ``01/02/2024 03:04:05.5 EST``
* ``German``: ``02.01.2024``, ``02.01.2024 03:04:05.5 EST``
* ``Postgres``: ``01-02-2024`` (DMY ``02-01-2024``), ``Tue Jan 02 03:04:05.5 2024 EST``
  (DMY ``Tue 02 Jan 03:04:05.5 2024 EST``)

timestamptz prints the zone's abbreviation in the non-ISO styles. ``time`` output does not
depend on DateStyle. ``infinity`` / ``-infinity`` for the sentinels of
:mod:`sql.datatypes.dtcommon`. Input accepts what PostgreSQL's ``DecodeDateTime`` accepts, in
the field order of :data:`sql.datatypes.dtcommon.DATE_ORDER` (see :mod:`sql.datatypes.dtparse`).

The clock behind ``now``/``today``/``tomorrow``/``yesterday`` is :data:`CURRENT_TIMESTAMP`,
a context variable holding the transaction start time (aware UTC); when unset the wall
clock is used. Set it with :func:`set_transaction_timestamp`.
"""

from __future__ import annotations

import contextvars
import datetime as _dt
import re
from collections.abc import Callable

from ._errors import datetime_out_of_range
from .dtcommon import (
    INFINITY,
    NEG_INFINITY,
    UNIX_EPOCH,
    UNIX_EPOCH_UTC,
    USECS_PER_DAY,
    USECS_PER_SEC,
    UTC,
    BCDate,
    DateTimeInfinity,
    Time24,
    make_any_date,
    time_to_usecs,
    timestamp_to_usecs,
    usecs_to_time,
    usecs_to_timestamp,
    usecs_to_timestamptz,
    utc_to_local,
)
from .dtdecode import DecodedDt, decode_datetime, decode_time_only
from .dtparse import DtError, Tm, raise_parse_error, tokenize

CURRENT_TIMESTAMP: contextvars.ContextVar[_dt.datetime | None] = contextvars.ContextVar(
    "pg_current_timestamp", default=None
)


def set_transaction_timestamp(ts: _dt.datetime | None) -> contextvars.Token:
    """Fix the instant used for ``now``/``today``... (aware datetime; None = wall clock)."""
    return CURRENT_TIMESTAMP.set(ts)


def transaction_now() -> _dt.datetime:
    ts = CURRENT_TIMESTAMP.get()
    if ts is None:
        return _dt.datetime.now(UTC)
    return ts if ts.tzinfo is not None else ts.replace(tzinfo=UTC)


DATE_NAME = "date"
TIME_NAME = "time"
TIMESTAMP_NAME = "timestamp"
TIMESTAMPTZ_NAME = "timestamp with time zone"


# The ISO form every client and COPY sends, parsed without the general decoder:
# YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]][(+|-)HH[[:]MM]]
_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,6}))?)?)?"
                  r"(?:([+-])(\d\d)(?::?(\d\d))?)?")


def _iso_fast(text: str, with_zone: bool) -> tuple[_dt.datetime, int | None] | None:
    """(naive datetime, UTC offset in seconds or None) for plain ISO text, else None."""
    m = _ISO.fullmatch(text)
    if m is None:
        return None
    y, mo, d, hh, mi, ss, frac, sign, zh, zm = m.groups()
    if sign is not None and not with_zone:
        return None  # timestamp without time zone ignores a zone: leave that to the full decoder
    try:
        v = _dt.datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0),
                         int(frac.ljust(6, "0")) if frac else 0)
    except ValueError:
        return None  # out-of-range fields: the full decoder gives PostgreSQL's error
    if sign is None:
        return v, None
    if int(zh) > 15 or int(zm or 0) > 59:
        return None  # out-of-range displacement: the full decoder gives PostgreSQL's error
    off = int(zh) * 3600 + int(zm or 0) * 60
    return v, (off if sign == "+" else -off)


def _decode(text: str, type_name: str, tz: _dt.tzinfo, now: _dt.datetime | None) -> DecodedDt:
    now_fn = (lambda: now) if now is not None else transaction_now
    try:
        return decode_datetime(tokenize(text), tz, now_fn)  # type: ignore[arg-type]
    except DtError as e:
        raise raise_parse_error(e, text, type_name) from None


def _tm_to_datetime(tm: Tm, text: str, what: str) -> _dt.datetime:
    """Broken-down time -> naive datetime; hour 24 / second 60 roll over like tm2timestamp."""
    try:
        base = _dt.datetime(tm.year, tm.mon, tm.mday)
        return base + _dt.timedelta(hours=tm.hour, minutes=tm.min, seconds=tm.sec, microseconds=tm.fsec)
    except (ValueError, OverflowError):
        raise datetime_out_of_range(f'{what} out of range: "{text}"') from None


# ---------------------------------------------------------------------------
# date


def date_in(text: str, *, tz: _dt.tzinfo = UTC, now: _dt.datetime | None = None) -> object:
    if len(text) == 10:
        fast = _iso_fast(text, False)
        if fast is not None:
            return fast[0].date()
    r = _decode(text, DATE_NAME, tz, now)
    if r.kind == "epoch":
        return _dt.date(1970, 1, 1)
    if r.kind == "late":
        return INFINITY
    if r.kind == "early":
        return NEG_INFINITY
    tm = r.tm
    try:
        if tm.year < -4712:
            raise ValueError
        return make_any_date(tm.year, tm.mon, tm.mday)
    except (ValueError, OverflowError):
        raise datetime_out_of_range(f'date out of range: "{text}"') from None


def date_out(value: object) -> str:
    if isinstance(value, DateTimeInfinity):
        return str(value)
    if isinstance(value, BCDate):
        return f"{1 - value.year:04d}-{value.month:02d}-{value.day:02d} BC"
    assert isinstance(value, _dt.date)
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


# ---------------------------------------------------------------------------
# timestamp / timestamptz


def timestamp_in(text: str, *, tz: _dt.tzinfo = UTC, now: _dt.datetime | None = None) -> object:
    fast = _iso_fast(text, False)
    if fast is not None:
        return fast[0]
    r = _decode(text, TIMESTAMP_NAME, tz, now)
    if r.kind == "epoch":
        return UNIX_EPOCH
    if r.kind == "late":
        return INFINITY
    if r.kind == "early":
        return NEG_INFINITY
    return _tm_to_datetime(r.tm, text, "timestamp")


def timestamptz_input(text: str, tz: _dt.tzinfo = UTC, *, now: _dt.datetime | None = None) -> object:
    """timestamptz input: an explicit zone in the text wins, else ``tz`` (the session zone)."""
    fast = _iso_fast(text, True)
    if fast is not None and (fast[1] is not None or tz is UTC):
        v, off = fast
        try:
            return (v - _dt.timedelta(seconds=off or 0)).replace(tzinfo=UTC)
        except OverflowError:
            pass  # the full decoder reports the range error
    r = _decode(text, TIMESTAMPTZ_NAME, tz, now)
    if r.kind == "epoch":
        return UNIX_EPOCH_UTC
    if r.kind == "late":
        return INFINITY
    if r.kind == "early":
        return NEG_INFINITY
    local = _tm_to_datetime(r.tm, text, "timestamp")
    try:
        return (local - _dt.timedelta(seconds=r.tz or 0)).replace(tzinfo=UTC)
    except OverflowError:
        raise datetime_out_of_range(f'timestamp out of range: "{text}"') from None


def _seconds_str(sec: int, usec: int) -> str:
    if usec == 0:
        return f"{sec:02d}"
    return f"{sec:02d}.{usec:06d}".rstrip("0")


def timestamp_out(value: object) -> str:
    if isinstance(value, DateTimeInfinity):
        return str(value)
    assert isinstance(value, _dt.datetime)
    v = value
    return (
        f"{v.year:04d}-{v.month:02d}-{v.day:02d} {v.hour:02d}:{v.minute:02d}:"
        + _seconds_str(v.second, v.microsecond)
    )


def format_offset(secs: int) -> str:
    """``EncodeTimezone``: +hh, +hh:mm or +hh:mm:ss (seconds east of UTC)."""
    sign = "+" if secs >= 0 else "-"
    a = abs(secs)
    h, rem = divmod(a, 3600)
    m, s = divmod(rem, 60)
    if s:
        return f"{sign}{h:02d}:{m:02d}:{s:02d}"
    if m:
        return f"{sign}{h:02d}:{m:02d}"
    return f"{sign}{h:02d}"


def timestamptz_output(value: object, tz: _dt.tzinfo = UTC, datestyle: str | None = None) -> str:
    if datestyle is not None:
        return timestamptz_output_function(tz, datestyle)(value)
    if isinstance(value, DateTimeInfinity):
        return str(value)
    assert isinstance(value, _dt.datetime)
    local, off = utc_to_local(value, tz)
    return timestamp_out(local) + format_offset(off)


# ---------------------------------------------------------------------------
# DateStyle

_DATE_STYLES = {"ISO": "ISO", "SQL": "SQL", "POSTGRES": "Postgres", "GERMAN": "German"}
_DATE_ORDERS = {"MDY": "MDY", "DMY": "DMY", "YMD": "YMD", "US": "MDY", "NONEURO": "MDY",
                "NONEUROPEAN": "MDY", "EURO": "DMY", "EUROPEAN": "DMY"}
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # datetime.weekday() order
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MAXTZLEN = 10
# datetime.timezone's invented name for an unnamed fixed offset
_UNNAMED_OFFSET = re.compile(r"UTC[+-]\d\d:\d\d")


def parse_datestyle(datestyle: str | None) -> tuple[str, str]:
    """``(style, order)`` of a DateStyle value such as ``"SQL, DMY"``.

    style is ``ISO``, ``SQL``, ``Postgres`` or ``German``; order is ``MDY``, ``DMY`` or ``YMD``.
    Unrecognised words are ignored (the setting is validated when it is set).
    """
    style, order = "ISO", "MDY"
    for word in (datestyle or "").replace(",", " ").split():
        w = word.upper()
        if w in _DATE_STYLES:
            style = _DATE_STYLES[w]
        elif w in _DATE_ORDERS:
            order = _DATE_ORDERS[w]
    return style, order


def _encode_date(d: _dt.date, style: str, order: str) -> str:
    """``EncodeDateOnly`` (years 1..9999, so never BC here)."""
    y, m, day = d.year, d.month, d.day
    if style == "SQL":
        return f"{day:02d}/{m:02d}/{y:04d}" if order == "DMY" else f"{m:02d}/{day:02d}/{y:04d}"
    if style == "German":
        return f"{day:02d}.{m:02d}.{y:04d}"
    if style == "Postgres":
        return f"{day:02d}-{m:02d}-{y:04d}" if order == "DMY" else f"{m:02d}-{day:02d}-{y:04d}"
    return f"{y:04d}-{m:02d}-{day:02d}"


def _encode_datetime(v: _dt.datetime, style: str, order: str) -> str:
    """``EncodeDateTime`` without the zone, for the non-ISO styles."""
    hms = f"{v.hour:02d}:{v.minute:02d}:" + _seconds_str(v.second, v.microsecond)
    if style == "Postgres":
        mon = _MONTHS[v.month - 1]
        md = f"{v.day:02d} {mon}" if order == "DMY" else f"{mon} {v.day:02d}"
        return f"{_DAYS[v.weekday()]} {md} {hms} {v.year:04d}"
    return f"{_encode_date(v, style, order)} {hms}"


def _zone_abbrev(loc: _dt.datetime) -> str:
    """The zone abbreviation PostgreSQL prints after a timestamptz (``EST``, ``CEST``, ``+03``...)."""
    name = loc.tzname()
    if name is None or _UNNAMED_OFFSET.fullmatch(name):
        off = loc.utcoffset()
        return format_offset(int(off.total_seconds()) if off is not None else 0)
    return name[:_MAXTZLEN]


def date_output_function(datestyle: str | None = None) -> Callable[[object], str]:
    """``date`` output in ``datestyle`` (None = ``ISO``)."""
    style, order = parse_datestyle(datestyle)
    if style == "ISO":
        return date_out

    def out(value: object) -> str:
        if isinstance(value, DateTimeInfinity):
            return str(value)
        assert isinstance(value, _dt.date)
        return _encode_date(value, style, order)

    return out


def timestamp_output_function(datestyle: str | None = None) -> Callable[[object], str]:
    """``timestamp`` output in ``datestyle`` (None = ``ISO``)."""
    style, order = parse_datestyle(datestyle)
    if style == "ISO":
        return timestamp_out

    def out(value: object) -> str:
        if isinstance(value, DateTimeInfinity):
            return str(value)
        assert isinstance(value, _dt.datetime)
        return _encode_datetime(value, style, order)

    return out


def timestamptz_output_function(tz: _dt.tzinfo = UTC, datestyle: str | None = None) -> Callable[[object], str]:
    """``timestamptz`` output in the zone ``tz`` and ``datestyle`` (None = ``ISO``).

    ISO appends the numeric UTC offset; the other styles append the zone's abbreviation
    (``tz.tzname``) as PostgreSQL does, e.g. ``01/15/2024 05:20:30 EST``.
    """
    style, order = parse_datestyle(datestyle)
    if style == "ISO":
        return lambda v: timestamptz_output(v, tz)

    def out(value: object) -> str:
        if isinstance(value, DateTimeInfinity):
            return str(value)
        assert isinstance(value, _dt.datetime)
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        try:
            loc = value.astimezone(tz)
        except OverflowError:
            raise datetime_out_of_range("timestamp out of range") from None
        return f"{_encode_datetime(loc, style, order)} {_zone_abbrev(loc)}"

    return out


# ---------------------------------------------------------------------------
# time


def time_in(text: str, *, tz: _dt.tzinfo = UTC, now: _dt.datetime | None = None) -> _dt.time:
    now_fn = (lambda: now) if now is not None else transaction_now
    try:
        r = decode_time_only(tokenize(text), tz, now_fn)  # type: ignore[arg-type]
    except DtError as e:
        raise raise_parse_error(e, text, TIME_NAME) from None
    tm = r.tm
    us = ((tm.hour * 60 + tm.min) * 60 + tm.sec) * USECS_PER_SEC + tm.fsec
    return _usecs_to_time_checked(us, text)


def _usecs_to_time_checked(us: int, text: str) -> _dt.time:
    if us > USECS_PER_DAY:
        raise datetime_out_of_range(f'date/time field value out of range: "{text}"')
    return usecs_to_time(us)


def time_out(value: _dt.time) -> str:
    if isinstance(value, Time24):
        return "24:00:00"
    return f"{value.hour:02d}:{value.minute:02d}:" + _seconds_str(value.second, value.microsecond)


# ---------------------------------------------------------------------------
# precision (typmod) rounding

_SCALES = [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1]


def round_usecs(us: int, precision: int) -> int:
    """Round a microsecond count to ``precision`` fractional digits, half away from zero."""
    if precision < 0 or precision >= 6:
        return us
    scale = _SCALES[precision]
    offset = scale // 2
    if us >= 0:
        return ((us + offset) // scale) * scale
    return -(((-us + offset) // scale) * scale)


def round_timestamp(value: object, precision: int) -> object:
    """``timestamp(p)`` / ``timestamptz(p)``: round relative to 2000-01-01 like PostgreSQL."""
    if isinstance(value, DateTimeInfinity) or precision < 0 or precision >= 6:
        return value
    assert isinstance(value, _dt.datetime)
    us = timestamp_to_usecs(value)
    r = round_usecs(us, precision)
    if r == us:
        return value
    return usecs_to_timestamptz(r) if value.tzinfo is not None else usecs_to_timestamp(r)


def round_time(value: _dt.time, precision: int) -> _dt.time:
    if precision < 0 or precision >= 6:
        return value
    us = round_usecs(time_to_usecs(value), precision)
    if us > USECS_PER_DAY:
        raise datetime_out_of_range("time out of range")
    return usecs_to_time(us)


# ---------------------------------------------------------------------------
# conversions between the types (session time zone ``tz``)


def timestamp_to_timestamptz(value: object, tz: _dt.tzinfo = UTC) -> object:
    if isinstance(value, DateTimeInfinity):
        return value
    from .dtcommon import local_to_utc

    assert isinstance(value, _dt.datetime)
    return local_to_utc(value, tz)


def timestamptz_to_timestamp(value: object, tz: _dt.tzinfo = UTC) -> object:
    if isinstance(value, DateTimeInfinity):
        return value
    assert isinstance(value, _dt.datetime)
    return utc_to_local(value, tz)[0]


def date_to_timestamp(value: object) -> object:
    if isinstance(value, DateTimeInfinity):
        return value
    assert isinstance(value, _dt.date)
    return _dt.datetime(value.year, value.month, value.day)


def timestamp_to_date(value: object) -> object:
    if isinstance(value, DateTimeInfinity):
        return value
    assert isinstance(value, _dt.datetime)
    return value.date()
