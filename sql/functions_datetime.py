"""Date/time functions: date_trunc, age, make_*, to_timestamp(float8), date_bin, isfinite,
timezone() (AT TIME ZONE), localtime and the precision forms of current_timestamp/localtimestamp.

timestamptz values are aware UTC datetimes; anything calendar-related happens on the wall clock
of the session time zone (``ctx.session.timezone()``) as in PostgreSQL. Limits of the datum
representation: years outside 1..9999 (BC dates, far future) and ``time '24:00:00'`` cannot be
represented and raise 22008; ``age()`` of infinite timestamps raises instead of returning PG 15's
meaningless huge interval.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.datatypes import Interval
from sql.datatypes.dtcommon import (
    INFINITY,
    NEG_INFINITY,
    UTC,
    DateTimeInfinity,
    local_to_utc,
    utc_to_local,
)
from sql.errors import SqlError
from sql.functions import builtin
from sql.functions_dtfields import unit_name
from sql.functions_util import invalid_parameter, session_tz


def _dt_overflow(msg: str) -> SqlError:
    return SqlError(sqlstate.DATETIME_FIELD_OVERFLOW, msg)


def _interval_overflow() -> SqlError:
    return _dt_overflow("interval out of range")


# ---- time zones ---------------------------------------------------------------------------------
_NUMERIC_TZ = re.compile(r"([+-]?)(\d{1,2})(?::(\d{2})(?::(\d{2}))?)?")


def resolve_zone(name: str, iso_numeric: bool = False) -> _dt.tzinfo:
    """A zone for timezone()/date_trunc(): a fixed-offset abbreviation (EST, UTC...), an IANA
    or POSIX name (``EST5EDT``, ``+05`` meaning UTC-5), else 22023 not recognized.

    ``iso_numeric`` (make_timestamptz's parse_sane_timezone): ``+05:30`` is east of UTC."""
    from sql.datatypes.tzdata import abbreviation_offset, find_zone

    if iso_numeric and name[:1].isdigit():
        raise invalid_parameter(f'invalid input syntax for type numeric time zone: "{name}"',
                                hint='Numeric time zones must have "-" or "+" as first character.')
    if iso_numeric and name[:1] in "+-":
        m = _NUMERIC_TZ.fullmatch(name)
        if m is None:
            raise invalid_parameter(f'invalid input syntax for type numeric time zone: "{name}"')
        secs = int(m.group(2)) * 3600 + int(m.group(3) or 0) * 60 + int(m.group(4) or 0)
        if secs > 15 * 3600 + 59 * 60 + 59:
            raise invalid_parameter(f'numeric time zone "{name}" out of range')
        return _dt.timezone(_dt.timedelta(seconds=-secs if m.group(1) == "-" else secs))

    ab = abbreviation_offset(name.lower())
    if ab is not None:
        return _dt.timezone(_dt.timedelta(seconds=ab[0]))
    z = find_zone(name)
    if z is not None:
        return z
    m = _NUMERIC_TZ.fullmatch(name.strip())
    if m is not None:
        secs = int(m.group(2)) * 3600 + int(m.group(3) or 0) * 60 + int(m.group(4) or 0)
        if secs < 24 * 3600:
            return _dt.timezone(_dt.timedelta(seconds=secs if m.group(1) == "-" else -secs))
    raise invalid_parameter(f'time zone "{name}" not recognized')


def _interval_zone(iv: Interval) -> _dt.tzinfo:
    if iv.months or iv.days:
        raise invalid_parameter(f'interval time zone "{iv}" must not include months or days')
    return _dt.timezone(_dt.timedelta(microseconds=iv.microseconds))


@builtin("timezone", (T.TEXT, T.TIMESTAMPTZ), T.TIMESTAMP)
def timezone_tstz(zone: str, ts: Any) -> Any:
    """timestamptz AT TIME ZONE zone -> the wall-clock timestamp in that zone."""
    if isinstance(ts, DateTimeInfinity):
        return ts
    return utc_to_local(ts, resolve_zone(zone))[0]


@builtin("timezone", (T.TEXT, T.TIMESTAMP), T.TIMESTAMPTZ)
def timezone_ts(zone: str, ts: Any) -> Any:
    """timestamp AT TIME ZONE zone -> the instant whose wall clock in ``zone`` is ``ts``."""
    if isinstance(ts, DateTimeInfinity):
        return ts
    return local_to_utc(ts, resolve_zone(zone))


@builtin("timezone", (T.INTERVAL, T.TIMESTAMPTZ), T.TIMESTAMP)
def timezone_iv_tstz(iv: Interval, ts: Any) -> Any:
    if isinstance(ts, DateTimeInfinity):
        return ts
    return utc_to_local(ts, _interval_zone(iv))[0]


@builtin("timezone", (T.INTERVAL, T.TIMESTAMP), T.TIMESTAMPTZ)
def timezone_iv_ts(iv: Interval, ts: Any) -> Any:
    if isinstance(ts, DateTimeInfinity):
        return ts
    return local_to_utc(ts, _interval_zone(iv))


# ---- date_trunc ---------------------------------------------------------------------------------
_TRUNC_UNITS = ("microseconds", "milliseconds", "second", "minute", "hour", "day", "week", "month", "quarter",
                "year", "decade", "century", "millennium")


def _trunc_unit(field: str, oid: int) -> str:
    u = unit_name(field, "units")
    if u is None:
        raise invalid_parameter(f'unit "{field.lower()}" not recognized for type {T.type_name(oid)}')
    if u not in _TRUNC_UNITS:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                       f'unit "{field.lower()}" not supported for type {T.type_name(oid)}')
    return u


def trunc_fields(u: str, t: _dt.datetime) -> _dt.datetime:
    """Truncate a wall-clock datetime to unit ``u``."""
    if u == "microseconds":
        return t
    if u == "milliseconds":
        return t.replace(microsecond=t.microsecond // 1000 * 1000)
    if u == "second":
        return t.replace(microsecond=0)
    if u == "minute":
        return t.replace(second=0, microsecond=0)
    if u == "hour":
        return t.replace(minute=0, second=0, microsecond=0)
    d = t.replace(hour=0, minute=0, second=0, microsecond=0)
    if u == "day":
        return d
    if u == "week":
        return d - _dt.timedelta(days=d.weekday())
    if u == "month":
        return d.replace(day=1)
    if u == "quarter":
        return d.replace(month=(d.month - 1) // 3 * 3 + 1, day=1)
    y = d.year
    if u == "decade":
        y = y // 10 * 10
    elif u == "century":
        y = (y - 1) // 100 * 100 + 1
    elif u == "millennium":
        y = (y - 1) // 1000 * 1000 + 1
    if y < 1:
        raise _dt_overflow("timestamp out of range")
    return d.replace(year=y, month=1, day=1)


@builtin("date_trunc", (T.TEXT, T.TIMESTAMP), T.TIMESTAMP)
def date_trunc_ts(field: str, ts: Any) -> Any:
    u = _trunc_unit(field, T.TIMESTAMP)
    return ts if isinstance(ts, DateTimeInfinity) else trunc_fields(u, ts)


def _trunc_tstz(field: str, ts: Any, tz: _dt.tzinfo) -> Any:
    u = _trunc_unit(field, T.TIMESTAMPTZ)
    if isinstance(ts, DateTimeInfinity):
        return ts
    local, off = utc_to_local(ts, tz)
    tl = trunc_fields(u, local)
    if u in ("microseconds", "milliseconds", "second", "minute", "hour"):
        return (tl - _dt.timedelta(seconds=off)).replace(tzinfo=UTC)  # keep the original offset
    return local_to_utc(tl, tz)


@builtin("date_trunc", (T.TEXT, T.TIMESTAMPTZ), T.TIMESTAMPTZ, needs_ctx=True)
def date_trunc_tstz(ctx: Any, field: str, ts: Any) -> Any:
    """Truncation on the session time zone's wall clock."""
    return _trunc_tstz(field, ts, session_tz(ctx))


@builtin("date_trunc", (T.TEXT, T.TIMESTAMPTZ, T.TEXT), T.TIMESTAMPTZ)
def date_trunc_tstz_zone(field: str, ts: Any, zone: str) -> Any:
    return _trunc_tstz(field, ts, resolve_zone(zone))


@builtin("date_trunc", (T.TEXT, T.INTERVAL), T.INTERVAL)
def date_trunc_interval(field: str, iv: Interval) -> Interval:
    u = unit_name(field, "units")
    if u is None:
        raise invalid_parameter(f'unit "{field.lower()}" not recognized for type interval')
    if u == "week":
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f'unit "{field.lower()}" not supported for type interval',
                       detail="Months usually have fractional weeks.")
    if u not in _TRUNC_UNITS:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f'unit "{field.lower()}" not supported for type interval')
    months, days, us = iv.months, iv.days, iv.microseconds
    order = ("microseconds", "milliseconds", "second", "minute", "hour", "day", "month", "quarter", "year",
             "decade", "century", "millennium")
    level = order.index(u)

    def tdiv(a: int, b: int) -> int:
        q = abs(a) // abs(b)
        return (q if (a >= 0) == (b >= 0) else -q) * b

    if level >= order.index("month"):
        days, us = 0, 0
        unit_months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200,
                       "millennium": 12000}[u]
        if u == "quarter":
            years = tdiv(months, 12)
            months = years + tdiv(months - years, 3)
        else:
            months = tdiv(months, unit_months)
    elif u == "day":
        us = 0
    else:
        step = {"microseconds": 1, "milliseconds": 1000, "second": 1_000_000, "minute": 60_000_000,
                "hour": 3_600_000_000}[u]
        us = tdiv(us, step)
    return Interval(months, days, us)


# ---- age --------------------------------------------------------------------------------------
_MDAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _mdays(y: int, m: int) -> int:
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    return 29 if m == 2 and leap else _MDAYS[m - 1]


def symbolic_age(t1: _dt.datetime, t2: _dt.datetime) -> Interval:
    """PG's timestamp_age on two wall-clock datetimes: field-wise difference, borrowing."""
    neg = t1 < t2
    f = [t1.microsecond - t2.microsecond, t1.second - t2.second, t1.minute - t2.minute, t1.hour - t2.hour,
         t1.day - t2.day, t1.month - t2.month, t1.year - t2.year]
    if neg:
        f = [-x for x in f]
    usec, sec, mins, hour, mday, mon, year = f
    while usec < 0:
        usec += 1_000_000
        sec -= 1
    while sec < 0:
        sec += 60
        mins -= 1
    while mins < 0:
        mins += 60
        hour -= 1
    while hour < 0:
        hour += 24
        mday -= 1
    ref = t1 if neg else t2
    while mday < 0:
        mday += _mdays(ref.year, ref.month)
        mon -= 1
    while mon < 0:
        mon += 12
        year -= 1
    sign = -1 if neg else 1
    months = sign * (year * 12 + mon)
    time_us = sign * (((hour * 60 + mins) * 60 + sec) * 1_000_000 + usec)
    if not -(2**31) <= months < 2**31:
        raise _interval_overflow()
    return Interval(months, sign * mday, time_us)


def _finite(*vals: Any) -> None:
    if any(isinstance(v, DateTimeInfinity) for v in vals):
        raise _dt_overflow("timestamp out of range")


@builtin("age", (T.TIMESTAMP, T.TIMESTAMP), T.INTERVAL)
def age_ts(a: Any, b: Any) -> Interval:
    _finite(a, b)
    return symbolic_age(a, b)


@builtin("age", (T.TIMESTAMPTZ, T.TIMESTAMPTZ), T.INTERVAL, needs_ctx=True)
def age_tstz(ctx: Any, a: Any, b: Any) -> Interval:
    _finite(a, b)
    tz = session_tz(ctx)
    return symbolic_age(utc_to_local(a, tz)[0], utc_to_local(b, tz)[0])


def _today(ctx: Any) -> _dt.datetime:
    now = ctx.session.transaction_timestamp() if getattr(ctx, "session", None) else _dt.datetime.now(UTC)
    local = utc_to_local(now, session_tz(ctx))[0]
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


@builtin("age", (T.TIMESTAMP,), T.INTERVAL, needs_ctx=True)
def age1_ts(ctx: Any, b: Any) -> Interval:
    """age(ts) = age(current_date, ts)."""
    _finite(b)
    return symbolic_age(_today(ctx), b)


@builtin("age", (T.TIMESTAMPTZ,), T.INTERVAL, needs_ctx=True)
def age1_tstz(ctx: Any, b: Any) -> Interval:
    _finite(b)
    return symbolic_age(_today(ctx), utc_to_local(b, session_tz(ctx))[0])


# ---- make_* -------------------------------------------------------------------------------------
def _make_date(y: int, m: int, d: int) -> Any:
    from sql.datatypes.dtcommon import make_any_date

    try:
        if y == 0:
            raise ValueError
        return make_any_date(y if y > 0 else y + 1, m, d)
    except (ValueError, OverflowError):
        raise _dt_overflow(f"date field value out of range: {y}-{m:02d}-{d:02d}") from None


def _time_usecs(h: int, m: int, sec: float) -> int:
    """PG's float_time_overflows check, then the time in microseconds (may be 24:00:00)."""
    if (h < 0 or h > 24 or m < 0 or m >= 60 or math.isnan(sec) or math.isinf(sec)
            or not 0 <= round(sec * 1e6) <= 60_000_000
            or ((h * 60 + m) * 60) * 1_000_000 + round(sec * 1e6) > 86_400_000_000):
        raise _dt_overflow(f"time field value out of range: {h}:{m:02d}:{_g(sec)}")
    return ((h * 60 + m) * 60) * 1_000_000 + round(sec * 1e6)


def _g(sec: float) -> str:
    s = f"{sec:g}"
    return s if len(s.split(".")[0].lstrip("-")) >= 2 or "e" in s else "0" + s


@builtin("make_date", (T.INT4, T.INT4, T.INT4), T.DATE)
def make_date(y: int, m: int, d: int) -> _dt.date:
    return _make_date(y, m, d)


@builtin("make_time", (T.INT4, T.INT4, T.FLOAT8), T.TIME)
def make_time(h: int, m: int, sec: float) -> _dt.time:
    us = _time_usecs(h, m, sec)
    if us >= 86_400_000_000:
        raise _dt_overflow("time out of range")  # 24:00:00 is valid in PG but not representable
    s, frac = divmod(us, 1_000_000)
    mi, s = divmod(s, 60)
    hh, mi = divmod(mi, 60)
    return _dt.time(hh, mi, s, frac)


@builtin("make_timestamp", (T.INT4, T.INT4, T.INT4, T.INT4, T.INT4, T.FLOAT8), T.TIMESTAMP)
def make_timestamp(y: int, mo: int, d: int, h: int, mi: int, sec: float) -> _dt.datetime:
    date = _make_date(y, mo, d)
    us = _time_usecs(h, mi, sec)
    try:
        return _dt.datetime(date.year, date.month, date.day) + _dt.timedelta(microseconds=us)
    except OverflowError:
        raise _dt_overflow("timestamp out of range") from None


@builtin("make_timestamptz", (T.INT4, T.INT4, T.INT4, T.INT4, T.INT4, T.FLOAT8), T.TIMESTAMPTZ, needs_ctx=True)
def make_timestamptz(ctx: Any, y: int, mo: int, d: int, h: int, mi: int, sec: float) -> _dt.datetime:
    return local_to_utc(make_timestamp(y, mo, d, h, mi, sec), session_tz(ctx))


@builtin("make_timestamptz", (T.INT4, T.INT4, T.INT4, T.INT4, T.INT4, T.FLOAT8, T.TEXT), T.TIMESTAMPTZ)
def make_timestamptz_zone(y: int, mo: int, d: int, h: int, mi: int, sec: float, zone: str) -> _dt.datetime:
    return local_to_utc(make_timestamp(y, mo, d, h, mi, sec), resolve_zone(zone, iso_numeric=True))


def make_interval(years: int = 0, months: int = 0, weeks: int = 0, days: int = 0, hours: int = 0,
                  mins: int = 0, secs: float = 0.0) -> Interval:
    """make_interval(years, months, weeks, days, hours, mins, secs), all defaulting to 0."""
    if math.isnan(secs) or math.isinf(secs):
        raise _interval_overflow()
    m = years * 12 + months
    d = weeks * 7 + days
    t = hours * 3_600_000_000 + mins * 60_000_000 + int(round(secs * 1e6))
    if not (-(2**31) <= m < 2**31 and -(2**31) <= d < 2**31 and -(2**63) <= t < 2**63):
        raise _interval_overflow()
    return Interval(m, d, t)


_MI_ARGS = (T.INT4, T.INT4, T.INT4, T.INT4, T.INT4, T.INT4, T.FLOAT8)
for _n in range(len(_MI_ARGS) + 1):
    builtin("make_interval", _MI_ARGS[:_n], T.INTERVAL)(make_interval)


@builtin("justify_days", (T.INTERVAL,), T.INTERVAL)
def justify_days(iv: Interval) -> Interval:
    from sql.datatypes import justify_days as jd

    return jd(iv)


@builtin("justify_hours", (T.INTERVAL,), T.INTERVAL)
def justify_hours(iv: Interval) -> Interval:
    from sql.datatypes import justify_hours as jh

    return jh(iv)


@builtin("justify_interval", (T.INTERVAL,), T.INTERVAL)
def justify_interval(iv: Interval) -> Interval:
    from sql.datatypes import justify_interval as ji

    return ji(iv)


# ---- to_timestamp(float8), date_bin, isfinite -----------------------------------------------------
@builtin("to_timestamp", (T.FLOAT8,), T.TIMESTAMPTZ)
def to_timestamp_epoch(secs: float) -> Any:
    if math.isnan(secs):
        raise _dt_overflow("timestamp cannot be NaN")
    if math.isinf(secs):
        return INFINITY if secs > 0 else NEG_INFINITY
    us = round(secs * 1e6)
    try:
        if not -62135596800 <= secs < 253402300800:
            raise OverflowError
        return _dt.datetime(1970, 1, 1, tzinfo=UTC) + _dt.timedelta(microseconds=us)
    except OverflowError:
        raise _dt_overflow(f'timestamp out of range: "{secs:g}"') from None


def _date_bin(stride: Interval, ts: Any, origin: Any) -> Any:
    if isinstance(ts, DateTimeInfinity):
        return ts
    if isinstance(origin, DateTimeInfinity):
        raise _dt_overflow("origin out of range")
    if stride.months:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                       "timestamps cannot be binned into intervals containing months or years")
    stride_us = stride.days * 86_400_000_000 + stride.microseconds
    if stride_us <= 0:
        raise _dt_overflow("stride must be greater than zero")
    d = ts - origin
    diff = (d.days * 86400 + d.seconds) * 1_000_000 + d.microseconds
    mod = _cmod(diff, stride_us)
    delta = diff - mod
    if mod < 0:
        delta -= stride_us
    try:
        return origin + _dt.timedelta(microseconds=delta)
    except OverflowError:
        raise _dt_overflow("timestamp out of range") from None


def _cmod(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    q = q if (a >= 0) == (b >= 0) else -q
    return a - q * b


@builtin("date_bin", (T.INTERVAL, T.TIMESTAMP, T.TIMESTAMP), T.TIMESTAMP)
def date_bin_ts(stride: Interval, ts: Any, origin: Any) -> Any:
    return _date_bin(stride, ts, origin)


@builtin("date_bin", (T.INTERVAL, T.TIMESTAMPTZ, T.TIMESTAMPTZ), T.TIMESTAMPTZ)
def date_bin_tstz(stride: Interval, ts: Any, origin: Any) -> Any:
    return _date_bin(stride, ts, origin)


@builtin("isfinite", (T.DATE,), T.BOOL)
def isfinite_date(v: Any) -> bool:
    return not isinstance(v, DateTimeInfinity)


builtin("isfinite", (T.TIMESTAMP,), T.BOOL)(isfinite_date)
builtin("isfinite", (T.TIMESTAMPTZ,), T.BOOL)(isfinite_date)


@builtin("isfinite", (T.INTERVAL,), T.BOOL)
def isfinite_interval(_v: Any) -> bool:
    return True


# ---- current time with precision ------------------------------------------------------------------
def _check_precision(p: int, name: str) -> int:
    if p < 0:
        raise invalid_parameter(f"{name}({p}) precision must not be negative")
    return min(p, 6)


@builtin("localtime", (), T.TIME, needs_ctx=True)
def localtime(ctx: Any, precision: int | None = None) -> _dt.time:
    local = utc_to_local(ctx.session.transaction_timestamp(), session_tz(ctx))[0]
    t = local.time()
    if precision is not None:
        from sql.datatypes.datetimes import round_time

        t = round_time(t, _check_precision(precision, "TIME"))
    return t


builtin("localtime", (T.INT4,), T.TIME, needs_ctx=True)(localtime)


@builtin("current_time", (), T.TIMETZ, needs_ctx=True)
def current_time(ctx: Any, precision: int | None = None) -> Any:
    """CURRENT_TIME [(p)]: the transaction's start as time with time zone in the session zone."""
    from sql.datatypes.timetz import TimeTz

    local, offset = utc_to_local(ctx.session.transaction_timestamp(), session_tz(ctx))
    t = local.time()
    if precision is not None:
        from sql.datatypes.datetimes import round_time

        t = round_time(t, _check_precision(precision, "TIME"))
    return TimeTz(t, offset)


builtin("current_time", (T.INT4,), T.TIMETZ, needs_ctx=True)(current_time)


@builtin("current_timestamp", (T.INT4,), T.TIMESTAMPTZ, needs_ctx=True)
def current_timestamp_p(ctx: Any, precision: int) -> Any:
    from sql.datatypes.datetimes import round_timestamp

    return round_timestamp(ctx.session.transaction_timestamp(), _check_precision(precision, "TIMESTAMP"))


@builtin("localtimestamp", (T.INT4,), T.TIMESTAMP, needs_ctx=True)
def localtimestamp_p(ctx: Any, precision: int) -> Any:
    from sql.datatypes.datetimes import round_timestamp

    local = utc_to_local(ctx.session.transaction_timestamp(), session_tz(ctx))[0]
    return round_timestamp(local, _check_precision(precision, "TIMESTAMP"))
