"""Shared date/time constants, the ±infinity sentinels and the time-zone conversions.

Datum choices documented here:

* ``date`` -> :class:`datetime.date`, ``timestamp`` -> naive :class:`datetime.datetime`,
  ``timestamptz`` -> aware :class:`datetime.datetime` in UTC, ``time`` -> :class:`datetime.time`.
* The special values ``infinity`` / ``-infinity`` of date, timestamp and timestamptz are the
  two singletons :data:`INFINITY` and :data:`NEG_INFINITY` (class :class:`DateTimeInfinity`).
  They compare greater / less than every date and datetime (naive or aware) and equal only to
  themselves, so sorting and ``min``/``max`` work on mixed lists.
* Python's calendar covers years 1..9999 only; PostgreSQL values outside it (BC dates, years
  after 9999) are rejected with a 22008 "out of range" error.
"""

from __future__ import annotations

import contextvars
import datetime as _dt
import functools
from typing import Any

from ._errors import datetime_out_of_range

UTC = _dt.UTC
GMT = _dt.timezone(_dt.timedelta(0), "GMT")  # UTC under the name GMT (the abbreviation non-ISO DateStyles print)
USECS_PER_SEC = 1_000_000
USECS_PER_MINUTE = 60 * USECS_PER_SEC
USECS_PER_HOUR = 60 * USECS_PER_MINUTE
USECS_PER_DAY = 24 * USECS_PER_HOUR
SECS_PER_DAY = 86400
DAYS_PER_MONTH = 30
MONTHS_PER_YEAR = 12

PG_EPOCH_DATE = _dt.date(2000, 1, 1)
PG_EPOCH = _dt.datetime(2000, 1, 1)
PG_EPOCH_UTC = _dt.datetime(2000, 1, 1, tzinfo=UTC)
UNIX_EPOCH = _dt.datetime(1970, 1, 1)
UNIX_EPOCH_UTC = _dt.datetime(1970, 1, 1, tzinfo=UTC)
PG_EPOCH_ORDINAL = PG_EPOCH_DATE.toordinal()

INT32_MIN, INT32_MAX = -(1 << 31), (1 << 31) - 1
INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1


class DateTimeInfinity:
    """``infinity`` (sign +1) or ``-infinity`` (sign -1) of date/timestamp/timestamptz."""

    __slots__ = ("sign",)

    def __init__(self, sign: int) -> None:
        self.sign = sign

    def __repr__(self) -> str:
        return "INFINITY" if self.sign > 0 else "NEG_INFINITY"

    def __str__(self) -> str:
        return "infinity" if self.sign > 0 else "-infinity"

    def __hash__(self) -> int:
        return hash(("pg-datetime-infinity", self.sign))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateTimeInfinity) and other.sign == self.sign

    def _cmp(self, other: Any) -> int:
        if isinstance(other, DateTimeInfinity):
            return (self.sign > other.sign) - (self.sign < other.sign)
        if isinstance(other, _dt.date):
            return self.sign
        return NotImplemented  # type: ignore[return-value]

    def __lt__(self, other: Any) -> bool:
        c = self._cmp(other)
        return c if c is NotImplemented else c < 0  # type: ignore[return-value]

    def __le__(self, other: Any) -> bool:
        c = self._cmp(other)
        return c if c is NotImplemented else c <= 0  # type: ignore[return-value]

    def __gt__(self, other: Any) -> bool:
        c = self._cmp(other)
        return c if c is NotImplemented else c > 0  # type: ignore[return-value]

    def __ge__(self, other: Any) -> bool:
        c = self._cmp(other)
        return c if c is NotImplemented else c >= 0  # type: ignore[return-value]

    def __neg__(self) -> DateTimeInfinity:
        return NEG_INFINITY if self.sign > 0 else INFINITY

    def __reduce__(self) -> tuple[Any, ...]:
        return (_infinity_of, (self.sign,))


def _infinity_of(sign: int) -> DateTimeInfinity:
    return INFINITY if sign > 0 else NEG_INFINITY


INFINITY = DateTimeInfinity(1)
NEG_INFINITY = DateTimeInfinity(-1)


def is_infinite(v: object) -> bool:
    return isinstance(v, DateTimeInfinity)


# ---------------------------------------------------------------------------
# integer encodings


def date_to_days(d: _dt.date) -> int:
    """Days since 2000-01-01 (PostgreSQL's DateADT)."""
    return d.toordinal() - PG_EPOCH_ORDINAL


def days_to_date(days: int) -> _dt.date:
    try:
        return _dt.date.fromordinal(days + PG_EPOCH_ORDINAL)
    except (ValueError, OverflowError):
        raise datetime_out_of_range("date out of range") from None


def timestamp_to_usecs(ts: _dt.datetime) -> int:
    """Microseconds since 2000-01-01 00:00:00 (naive wall clock, or UTC for aware values)."""
    if ts.tzinfo is not None:
        ts = ts.astimezone(UTC).replace(tzinfo=None)
    delta = ts - PG_EPOCH
    return (delta.days * SECS_PER_DAY + delta.seconds) * USECS_PER_SEC + delta.microseconds


def usecs_to_timestamp(us: int) -> _dt.datetime:
    try:
        return PG_EPOCH + _dt.timedelta(microseconds=us)
    except OverflowError:
        raise datetime_out_of_range("timestamp out of range") from None


def usecs_to_timestamptz(us: int) -> _dt.datetime:
    try:
        return PG_EPOCH_UTC + _dt.timedelta(microseconds=us)
    except OverflowError:
        raise datetime_out_of_range("timestamp out of range") from None


class Time24(_dt.time):
    """The time ``24:00:00`` (PostgreSQL accepts it; ``datetime.time`` cannot hold it): a time
    that compares after every other."""

    def _us(self) -> int:
        return USECS_PER_DAY

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Time24)

    def __ne__(self, other: object) -> bool:
        return not isinstance(other, Time24)

    def __hash__(self) -> int:
        return hash(USECS_PER_DAY)

    def __lt__(self, other: object) -> bool:
        return False

    def __le__(self, other: object) -> bool:
        return isinstance(other, Time24)

    def __gt__(self, other: object) -> bool:
        return not isinstance(other, Time24)

    def __ge__(self, other: object) -> bool:
        return True

    def __repr__(self) -> str:
        return "Time24()"


TIME_24 = Time24(23, 59, 59, 999999)

_DAYS_PER_400Y = 146097


@functools.total_ordering
class BCDate:
    """A date before 0001-01-01 (``datetime.date`` cannot hold one): astronomical ``year``
    (0 is 1 BC) with month and day, ordered with ``datetime.date`` by proleptic ordinal."""

    __slots__ = ("year", "month", "day", "_ordinal")

    def __init__(self, year: int, month: int, day: int) -> None:
        cycles = (1 - year) // 400 + 1
        ordinal = _dt.date(year + 400 * cycles, month, day).toordinal() - cycles * _DAYS_PER_400Y
        self.year, self.month, self.day, self._ordinal = year, month, day, ordinal

    @classmethod
    def fromordinal(cls, n: int) -> BCDate:
        cycles = (1 - n) // _DAYS_PER_400Y + 1
        d = _dt.date.fromordinal(n + cycles * _DAYS_PER_400Y)
        return cls(d.year - 400 * cycles, d.month, d.day)

    def toordinal(self) -> int:
        return self._ordinal

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (BCDate, _dt.date)) and not isinstance(other, _dt.datetime):
            return self._ordinal == other.toordinal()
        return NotImplemented

    def __lt__(self, other: object) -> bool:
        if isinstance(other, (BCDate, _dt.date)) and not isinstance(other, _dt.datetime):
            return self._ordinal < other.toordinal()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._ordinal)

    def __repr__(self) -> str:
        return f"BCDate({self.year}, {self.month}, {self.day})"


def make_any_date(year: int, month: int, day: int) -> _dt.date | BCDate:
    """A date from an astronomical year (<= 0 for BC); ValueError when invalid."""
    if year >= 1:
        return _dt.date(year, month, day)
    return BCDate(year, month, day)


def any_date_fromordinal(n: int) -> _dt.date | BCDate:
    return _dt.date.fromordinal(n) if n >= 1 else BCDate.fromordinal(n)


def time_to_usecs(t: _dt.time) -> int:
    if isinstance(t, Time24):
        return USECS_PER_DAY
    return ((t.hour * 60 + t.minute) * 60 + t.second) * USECS_PER_SEC + t.microsecond


def usecs_to_time(us: int) -> _dt.time:
    if us == USECS_PER_DAY:
        return TIME_24
    if us < 0 or us >= USECS_PER_DAY:
        raise datetime_out_of_range("time out of range")
    s, frac = divmod(us, USECS_PER_SEC)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    return _dt.time(h, m, s, frac)


# ---------------------------------------------------------------------------
# time zones


def local_to_utc(local: _dt.datetime, tz: _dt.tzinfo) -> _dt.datetime:
    """Interpret a naive wall-clock time in ``tz`` and return the aware UTC instant.

    For wall times made ambiguous or impossible by a transition PostgreSQL prefers, in both
    cases, the interpretation with the smaller UTC offset (the pre-transition offset in a
    spring-forward gap, the post-transition offset in a fall-back overlap).
    """
    off0 = local.replace(tzinfo=tz, fold=0).utcoffset()
    off1 = local.replace(tzinfo=tz, fold=1).utcoffset()
    off = off0 if off1 is None or (off0 is not None and off0 <= off1) else off1
    if off is None:
        off = _dt.timedelta(0)
    try:
        return (local - off).replace(tzinfo=UTC)
    except OverflowError:
        raise datetime_out_of_range("timestamp out of range") from None


def utc_to_local(value: _dt.datetime, tz: _dt.tzinfo) -> tuple[_dt.datetime, int]:
    """Wall-clock time of an aware instant in ``tz`` and its UTC offset in seconds."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        loc = value.astimezone(tz)
    except OverflowError:
        raise datetime_out_of_range("timestamp out of range") from None
    off = loc.utcoffset()
    secs = int(off.total_seconds()) if off is not None else 0
    return loc.replace(tzinfo=None), secs


def tz_offset_at_local(local: _dt.datetime, tz: _dt.tzinfo) -> int:
    """UTC offset (seconds east) that ``tz`` applies to the wall-clock time ``local``."""
    utc = local_to_utc(local, tz)
    return int((local - utc.replace(tzinfo=None)).total_seconds())


def trunc_div(a: int, b: int) -> int:
    """C integer division (truncates toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def trunc_mod(a: int, b: int) -> int:
    """C ``%`` (result has the sign of the dividend)."""
    return a - trunc_div(a, b) * b


# DateStyle field order for ambiguous numeric dates ("MDY", "DMY" or "YMD"), per session (context)
DATE_ORDER: contextvars.ContextVar[str] = contextvars.ContextVar("pg_date_order", default="MDY")


def set_date_order(order: str) -> contextvars.Token:
    """Set the DateStyle field order used by date/time input in this context."""
    return DATE_ORDER.set(order if order in ("MDY", "DMY", "YMD") else "MDY")
