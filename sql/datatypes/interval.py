"""The ``interval`` datum and the date/time arithmetic built on it.

:class:`Interval` is PostgreSQL's three-field interval (months, days, microseconds). Equality,
ordering and hashing use PostgreSQL's total span (months count 30 days, days 24 hours), so
``Interval(1, 0, 0) == Interval(0, 30, 0)``. Arithmetic follows ``interval_pl``/``interval_mi``/
``interval_um``/``interval_mul``/``interval_div`` including the cascading of fractional
months and days and the ``interval out of range`` errors.

Also here: :func:`add_interval` / :func:`subtract_interval` (date, timestamp and timestamptz
plus an interval), :func:`timestamp_difference` (``timestamp - timestamp``) and the
``justify_*`` functions.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

from .dtcommon import (
    DAYS_PER_MONTH,
    INT32_MAX,
    INT32_MIN,
    INT64_MAX,
    INT64_MIN,
    MONTHS_PER_YEAR,
    SECS_PER_DAY,
    USECS_PER_DAY,
    USECS_PER_SEC,
    UTC,
    DateTimeInfinity,
    local_to_utc,
    time_to_usecs,
    trunc_div,
    utc_to_local,
)


def _interval_overflow() -> SqlError:
    return SqlError(sqlstate.DATETIME_FIELD_OVERFLOW, "interval out of range")


def _check32(v: int) -> int:
    if v < INT32_MIN or v > INT32_MAX:
        raise _interval_overflow()
    return v


def _check64(v: int) -> int:
    if v < INT64_MIN or v > INT64_MAX:
        raise _interval_overflow()
    return v


def _tsround(x: float) -> float:
    return round(x * 1e6) / 1e6  # rint() semantics: Python's round is half-to-even too


@dataclass(frozen=True, eq=False, slots=True)
class Interval:
    """A PostgreSQL interval: ``months`` (int32), ``days`` (int32), ``microseconds`` (int64)."""

    months: int = 0
    days: int = 0
    microseconds: int = 0

    # -- comparison ---------------------------------------------------------
    def span(self) -> int:
        """PostgreSQL's comparison key (``interval_cmp_value``) in microseconds."""
        return (self.months * DAYS_PER_MONTH + self.days) * USECS_PER_DAY + self.microseconds

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Interval):
            return NotImplemented
        return self.span() == other.span()

    def __ne__(self, other: object) -> bool:
        if not isinstance(other, Interval):
            return NotImplemented
        return self.span() != other.span()

    def __lt__(self, other: Interval) -> bool:
        if not isinstance(other, Interval):
            return NotImplemented
        return self.span() < other.span()

    def __le__(self, other: Interval) -> bool:
        if not isinstance(other, Interval):
            return NotImplemented
        return self.span() <= other.span()

    def __gt__(self, other: Interval) -> bool:
        if not isinstance(other, Interval):
            return NotImplemented
        return self.span() > other.span()

    def __ge__(self, other: Interval) -> bool:
        if not isinstance(other, Interval):
            return NotImplemented
        return self.span() >= other.span()

    def __hash__(self) -> int:
        return hash(self.span())

    def identical(self, other: Interval) -> bool:
        """Field-by-field equality (``'1 mon'`` and ``'30 days'`` are equal but not identical)."""
        return (self.months, self.days, self.microseconds) == (other.months, other.days, other.microseconds)

    # -- arithmetic ---------------------------------------------------------
    def __add__(self, other: Any) -> Any:
        if isinstance(other, Interval):
            return Interval(
                _check32(self.months + other.months),
                _check32(self.days + other.days),
                _check64(self.microseconds + other.microseconds),
            )
        if isinstance(other, (_dt.date, DateTimeInfinity)):
            return add_interval(other, self)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other: Any) -> Interval:
        if not isinstance(other, Interval):
            return NotImplemented
        return Interval(
            _check32(self.months - other.months),
            _check32(self.days - other.days),
            _check64(self.microseconds - other.microseconds),
        )

    def __neg__(self) -> Interval:
        return Interval(_check32(-self.months), _check32(-self.days), _check64(-self.microseconds))

    def __pos__(self) -> Interval:
        return self

    def __mul__(self, factor: Any) -> Interval:
        if isinstance(factor, bool) or not isinstance(factor, (int, float)):
            try:
                factor = float(factor)
            except (TypeError, ValueError):
                return NotImplemented
        return _interval_mul(self, float(factor))

    __rmul__ = __mul__

    def __truediv__(self, factor: Any) -> Interval:
        if isinstance(factor, bool) or not isinstance(factor, (int, float)):
            try:
                factor = float(factor)
            except (TypeError, ValueError):
                return NotImplemented
        f = float(factor)
        if f == 0.0:
            raise SqlError(sqlstate.DIVISION_BY_ZERO, "division by zero")
        return _interval_scale(self, f, divide=True)

    def __repr__(self) -> str:
        return f"Interval(months={self.months}, days={self.days}, microseconds={self.microseconds})"

    def __str__(self) -> str:
        from .interval_io import interval_out

        return interval_out(self)

    def to_timedelta(self) -> _dt.timedelta:
        """The span as a timedelta (months counted as 30 days)."""
        return _dt.timedelta(microseconds=self.span())


def _interval_mul(iv: Interval, factor: float) -> Interval:
    return _interval_scale(iv, factor, divide=False)


def _interval_scale(iv: Interval, factor: float, *, divide: bool) -> Interval:
    """``interval_mul`` / ``interval_div``: whole parts per field, fractions cascade downward."""

    def op(x: float) -> float:
        return x / factor if divide else x * factor

    month_d = op(float(iv.months))
    day_d = op(float(iv.days))
    if math.isnan(month_d) or not (INT32_MIN <= month_d <= INT32_MAX):
        raise _interval_overflow()
    if math.isnan(day_d) or not (INT32_MIN <= day_d <= INT32_MAX):
        raise _interval_overflow()
    months = int(month_d)
    days = int(day_d)
    month_remainder_days = _tsround((month_d - months) * DAYS_PER_MONTH)
    sec_remainder = _tsround((day_d - days + month_remainder_days - int(month_remainder_days)) * SECS_PER_DAY)
    if abs(sec_remainder) >= SECS_PER_DAY:
        extra = int(sec_remainder / SECS_PER_DAY)
        days = _check32(days + extra)
        sec_remainder -= extra * SECS_PER_DAY
    days = _check32(days + int(month_remainder_days))
    t = op(float(iv.microseconds)) + sec_remainder * USECS_PER_SEC
    if math.isnan(t) or not (-9.223372036854775808e18 <= t < 9.223372036854775808e18):
        raise _interval_overflow()
    return Interval(months, days, int(round(t)))


# ---------------------------------------------------------------------------
# date/time + interval

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _month_days(y: int, m: int) -> int:
    return 29 if m == 2 and _is_leap(y) else _DAYS_IN_MONTH[m - 1]


def _timestamp_out_of_range() -> SqlError:
    return SqlError(sqlstate.DATETIME_FIELD_OVERFLOW, "timestamp out of range")


def _add_months_days(local: _dt.datetime, months: int, days: int) -> _dt.datetime:
    try:
        if months:
            total = local.year * 12 + (local.month - 1) + months
            y, m0 = divmod(total, 12)
            m = m0 + 1
            if y < 1 or y > 9999:
                raise _timestamp_out_of_range()
            local = local.replace(year=y, month=m, day=min(local.day, _month_days(y, m)))
        if days:
            local = local + _dt.timedelta(days=days)
    except OverflowError:
        raise _timestamp_out_of_range() from None
    return local


def add_interval(value: Any, iv: Interval, tz: _dt.tzinfo = UTC) -> Any:
    """``value + iv`` for date (result: timestamp), timestamp (naive) and timestamptz (aware).

    For timestamptz the month and day parts are added on the wall clock of ``tz`` (the
    session time zone) as PostgreSQL does, so ``+ '1 day'`` keeps the local time across a
    daylight-saving change. Infinite values are returned unchanged.
    """
    if isinstance(value, DateTimeInfinity):
        return value
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            if iv.months or iv.days:
                local, _ = utc_to_local(value, tz)
                local = _add_months_days(local, iv.months, iv.days)
                value = local_to_utc(local, tz)
            else:
                value = value.astimezone(UTC)
        else:
            value = _add_months_days(value, iv.months, iv.days)
        try:
            return value + _dt.timedelta(microseconds=iv.microseconds)
        except OverflowError:
            raise _timestamp_out_of_range() from None
    if isinstance(value, _dt.date):
        return add_interval(_dt.datetime(value.year, value.month, value.day), iv, tz)
    raise TypeError(f"cannot add an interval to {type(value).__name__}")


def subtract_interval(value: Any, iv: Interval, tz: _dt.tzinfo = UTC) -> Any:
    """``value - iv`` (same rules as :func:`add_interval`)."""
    return add_interval(value, -iv, tz)


def add_interval_to_time(t: _dt.time, iv: Interval) -> _dt.time:
    """``time + interval``: only the microseconds part counts, wrapping around midnight."""
    us = time_to_usecs(t)
    us = (us + iv.microseconds) % USECS_PER_DAY
    s, frac = divmod(us, USECS_PER_SEC)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    return _dt.time(h, m, s, frac)


def justify_hours(iv: Interval) -> Interval:
    days = trunc_div(iv.microseconds, USECS_PER_DAY)
    time = iv.microseconds - days * USECS_PER_DAY
    days = _check32(iv.days + days)
    if days > 0 and time < 0:
        time += USECS_PER_DAY
        days -= 1
    elif days < 0 and time > 0:
        time -= USECS_PER_DAY
        days += 1
    return Interval(iv.months, days, time)


def justify_days(iv: Interval) -> Interval:
    months = trunc_div(iv.days, DAYS_PER_MONTH)
    days = iv.days - months * DAYS_PER_MONTH
    months = _check32(iv.months + months)
    if months > 0 and days < 0:
        days += DAYS_PER_MONTH
        months -= 1
    elif months < 0 and days > 0:
        days -= DAYS_PER_MONTH
        months += 1
    return Interval(months, days, iv.microseconds)


def justify_interval(iv: Interval) -> Interval:
    months, days, time = iv.months, iv.days, iv.microseconds
    whole = trunc_div(days, DAYS_PER_MONTH)
    months = _check32(months + whole)
    days -= whole * DAYS_PER_MONTH
    whole = trunc_div(time, USECS_PER_DAY)
    days = _check32(days + whole)
    time -= whole * USECS_PER_DAY
    whole = trunc_div(days, DAYS_PER_MONTH)
    months = _check32(months + whole)
    days -= whole * DAYS_PER_MONTH
    if months > 0 and (days < 0 or (days == 0 and time < 0)):
        days += DAYS_PER_MONTH
        months -= 1
    elif months < 0 and (days > 0 or (days == 0 and time > 0)):
        days -= DAYS_PER_MONTH
        months += 1
    if days > 0 and time < 0:
        time += USECS_PER_DAY
        days -= 1
    elif days < 0 and time > 0:
        time -= USECS_PER_DAY
        days += 1
    return Interval(months, days, time)


def timestamp_difference(a: _dt.datetime, b: _dt.datetime) -> Interval:
    """``a - b`` for two timestamps (or two timestamptz), as ``timestamp_mi`` (justify_hours)."""
    if isinstance(a, DateTimeInfinity) or isinstance(b, DateTimeInfinity):
        raise SqlError(sqlstate.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite timestamps")
    d = a - b
    us = (d.days * SECS_PER_DAY + d.seconds) * USECS_PER_SEC + d.microseconds
    return justify_hours(Interval(0, 0, us))


def interval_from_parts(years: int = 0, months: int = 0, days: int = 0, microseconds: int = 0) -> Interval:
    return Interval(_check32(years * MONTHS_PER_YEAR + months), _check32(days), _check64(microseconds))
