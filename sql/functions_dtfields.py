"""``EXTRACT(field FROM x)`` (numeric) and ``date_part(field, x)`` (float8).

Registered as ``extract(text, <type>)`` and ``date_part(text, <type>)`` for date, time,
timestamp, timestamptz and interval, with PostgreSQL 15's field names (``DecodeUnits`` /
``DecodeSpecial`` spellings and abbreviations), result scales, infinity handling and errors.
timestamptz fields are taken in the session time zone.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.datatypes.dtcommon import DateTimeInfinity
from sql.errors import SqlError
from sql.functions import builtin
from sql.functions_util import invalid_parameter, session_tz

_UNITS = {
    "c": "century", "cent": "century", "centuries": "century", "century": "century",
    "d": "day", "day": "day", "days": "day",
    "dec": "decade", "decade": "decade", "decades": "decade", "decs": "decade",
    "h": "hour", "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour",
    "m": "minute", "min": "minute", "mins": "minute", "minute": "minute", "minutes": "minute",
    "microsecon": "microseconds", "us": "microseconds", "usec": "microseconds", "usecond": "microseconds",
    "useconds": "microseconds", "usecs": "microseconds",
    "mil": "millennium", "millennia": "millennium", "millennium": "millennium", "mils": "millennium",
    "millisecon": "milliseconds", "ms": "milliseconds", "msec": "milliseconds", "msecond": "milliseconds",
    "mseconds": "milliseconds", "msecs": "milliseconds",
    "mon": "month", "mons": "month", "month": "month", "months": "month",
    "qtr": "quarter", "quarter": "quarter",
    "s": "second", "sec": "second", "second": "second", "seconds": "second", "secs": "second",
    "timezone": "timezone", "timezone_h": "timezone_hour", "timezone_m": "timezone_minute",
    "w": "week", "week": "week", "weeks": "week",
    "y": "year", "year": "year", "years": "year", "yr": "year", "yrs": "year",
}
_SPECIAL = {"epoch": "epoch", "dow": "dow", "doy": "doy", "isodow": "isodow", "isoyear": "isoyear",
            "j": "julian", "jd": "julian", "julian": "julian"}

_MONOTONIC = {"year", "decade", "century", "millennium", "julian", "isoyear", "epoch"}
_TS_FIELDS = {"microseconds", "milliseconds", "second", "minute", "hour", "day", "month", "quarter", "week",
              "year", "decade", "century", "millennium", "dow", "isodow", "doy", "isoyear", "julian", "epoch"}
_TZ_FIELDS = {"timezone", "timezone_hour", "timezone_minute"}
_DATE_FIELDS = {"day", "month", "quarter", "week", "year", "decade", "century", "millennium", "dow", "isodow",
                "doy", "isoyear", "julian", "epoch"}
_TIME_FIELDS = {"microseconds", "milliseconds", "second", "minute", "hour", "epoch"}
_IV_FIELDS = {"microseconds", "milliseconds", "second", "minute", "hour", "day", "month", "quarter", "year",
              "decade", "century", "millennium", "epoch"}
_UNIX_EPOCH_JD = 2440588
_UNIX = _dt.datetime(1970, 1, 1)


def unit_name(field: str, kind: str = "all") -> str | None:
    """Canonical unit for a PG field spelling (None when not recognised). ``kind='units'``
    accepts only the DecodeUnits table (date_trunc)."""
    low = field.lower()[:10]
    u = _UNITS.get(low)
    if u is None and kind == "all":
        u = _SPECIAL.get(low)
    return u


def _unrecognized(field: str, oid: int) -> SqlError:
    return invalid_parameter(f'unit "{field.lower()}" not recognized for type {T.type_name(oid)}')


def _unsupported(field: str, oid: int) -> SqlError:
    return SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f'unit "{field.lower()}" not supported for type {T.type_name(oid)}')


def _cdiv(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _cmod(a: int, b: int) -> int:
    return a - _cdiv(a, b) * b


def _julian(d: _dt.date) -> int:
    return d.toordinal() + 1721425


def _century(y: int) -> int:
    return (y + 99) // 100 if y > 0 else -((99 - (y - 1)) // 100)


def _millennium(y: int) -> int:
    return (y + 999) // 1000 if y > 0 else -((999 - (y - 1)) // 1000)


def _date_field(u: str, d: _dt.date) -> int:
    if u == "day":
        return d.day
    if u == "month":
        return d.month
    if u == "quarter":
        return (d.month - 1) // 3 + 1
    if u == "week":
        return d.isocalendar()[1]
    if u == "year":
        return d.year
    if u == "decade":
        return d.year // 10
    if u == "century":
        return _century(d.year)
    if u == "millennium":
        return _millennium(d.year)
    if u == "dow":
        return (d.weekday() + 1) % 7
    if u == "isodow":
        return d.isoweekday()
    if u == "doy":
        return d.timetuple().tm_yday
    if u == "isoyear":
        return d.isocalendar()[0]
    if u == "julian":
        return _julian(d)
    raise AssertionError(u)


def _infinite(u: str, v: DateTimeInfinity, numeric: bool) -> Any:
    if u in _MONOTONIC:
        if numeric:
            return Decimal("Infinity") if v.sign > 0 else Decimal("-Infinity")
        return float("inf") if v.sign > 0 else float("-inf")
    return None


def _ts_value(u: str, local: _dt.datetime, usecs_epoch: int, numeric: bool, tz_off: int | None) -> Any:
    """A field of a (local wall-clock) timestamp; usecs_epoch is the Unix-epoch instant."""
    sec_us = local.second * 1_000_000 + local.microsecond
    if u == "microseconds":
        return Decimal(sec_us) if numeric else float(sec_us)
    if u == "milliseconds":
        return Decimal(sec_us).scaleb(-3) if numeric else local.second * 1000.0 + local.microsecond / 1000.0
    if u == "second":
        return Decimal(sec_us).scaleb(-6) if numeric else local.second + local.microsecond / 1e6
    if u == "minute":
        return _num(local.minute, numeric)
    if u == "hour":
        return _num(local.hour, numeric)
    if u == "epoch":
        return Decimal(usecs_epoch).scaleb(-6) if numeric else usecs_epoch / 1e6
    if u == "julian":
        day_us = ((local.hour * 60 + local.minute) * 60 + local.second) * 1_000_000 + local.microsecond
        if numeric:
            from sql.datatypes.numeric import NUMERIC_CONTEXT
            from sql.operators import numeric_div

            frac = numeric_div(Decimal(day_us), Decimal(86_400_000_000))
            return NUMERIC_CONTEXT.add(Decimal(_julian(local.date())), frac)
        return _julian(local.date()) + day_us / 86_400_000_000
    if u in _TZ_FIELDS:
        assert tz_off is not None
        if u == "timezone":
            v = tz_off
        elif u == "timezone_hour":
            v = _cdiv(tz_off, 3600)
        else:
            v = _cmod(_cdiv(tz_off, 60), 60)
        return _num(v, numeric)
    return _num(_date_field(u, local.date()), numeric)


def _num(v: int, numeric: bool) -> Any:
    return Decimal(v) if numeric else float(v)


def _usecs(delta: _dt.timedelta) -> int:
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def timestamp_part(field: str, ts: Any, numeric: bool, oid: int = T.TIMESTAMP, ctx: Any = None) -> Any:
    u = unit_name(field)
    if u is None:
        raise _unrecognized(field, oid)
    allowed = _TS_FIELDS | (_TZ_FIELDS if oid == T.TIMESTAMPTZ else set())
    if u not in allowed:
        raise _unsupported(field, oid)
    if isinstance(ts, DateTimeInfinity):
        return _infinite(u, ts, numeric)
    tz_off: int | None = None
    if ts.tzinfo is not None:
        from sql.datatypes.dtcommon import utc_to_local

        local, tz_off = utc_to_local(ts, session_tz(ctx))
        epoch_us = _usecs(ts - _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC))
    else:
        local = ts
        epoch_us = _usecs(ts - _UNIX)
    return _ts_value(u, local, epoch_us, numeric, tz_off)


def date_part_date(field: str, d: Any, numeric: bool) -> Any:
    """EXTRACT from a date (extract_date): date fields only, all integers."""
    u = unit_name(field)
    if u is None:
        raise _unrecognized(field, T.DATE)
    if u not in _DATE_FIELDS:
        raise _unsupported(field, T.DATE)
    if isinstance(d, DateTimeInfinity):
        return _infinite(u, d, numeric)
    if u == "epoch":
        return _num((_julian(d) - _UNIX_EPOCH_JD) * 86400, numeric)
    return _num(_date_field(u, d), numeric)


def time_part(field: str, t: _dt.time, numeric: bool) -> Any:
    u = unit_name(field)
    if u is None:
        raise _unrecognized(field, T.TIME)
    if u not in _TIME_FIELDS:
        raise _unsupported(field, T.TIME)
    if u == "epoch":
        us = ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond
        return Decimal(us).scaleb(-6) if numeric else us / 1e6
    return _ts_value(u, _dt.datetime(2000, 1, 1, t.hour, t.minute, t.second, t.microsecond), 0, numeric, None)


def interval_part(field: str, iv: Any, numeric: bool) -> Any:
    u = unit_name(field)
    if u is None:
        raise _unrecognized(field, T.INTERVAL)
    if u not in _IV_FIELDS:
        if u == "week":
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f'unit "{field.lower()}" not supported for type interval',
                           detail="Months usually have fractional weeks.")
        raise _unsupported(field, T.INTERVAL)
    years, months = _cdiv(iv.months, 12), _cmod(iv.months, 12)
    t = iv.microseconds
    hours = _cdiv(t, 3_600_000_000)
    t -= hours * 3_600_000_000
    minutes = _cdiv(t, 60_000_000)
    sec_us = t - minutes * 60_000_000
    if u == "epoch":
        if numeric:
            secs = (36525 * years * 86400) // 100 + (30 * months + iv.days) * 86400
            return Decimal(iv.microseconds + secs * 1_000_000).scaleb(-6)
        return (iv.microseconds / 1e6 + 365.25 * 86400 * years + 30.0 * 86400 * months + 86400.0 * iv.days)
    if u == "microseconds":
        return _num(sec_us, numeric)
    if u == "milliseconds":
        return Decimal(sec_us).scaleb(-3) if numeric else sec_us / 1000.0
    if u == "second":
        return Decimal(sec_us).scaleb(-6) if numeric else sec_us / 1e6
    value = {"minute": minutes, "hour": hours, "day": iv.days, "month": months,
             "quarter": _cdiv(months, 3) + 1, "year": years, "decade": _cdiv(years, 10),
             "century": _cdiv(years, 100), "millennium": _cdiv(years, 1000)}[u]
    return _num(value, numeric)


# ---- registrations --------------------------------------------------------------------------
@builtin("extract", (T.TEXT, T.TIMESTAMP), T.NUMERIC)
def extract_timestamp(field: str, ts: Any) -> Decimal:
    return timestamp_part(field, ts, True)


@builtin("extract", (T.TEXT, T.TIMESTAMPTZ), T.NUMERIC, needs_ctx=True)
def extract_timestamptz(ctx: Any, field: str, ts: Any) -> Decimal:
    return timestamp_part(field, ts, True, T.TIMESTAMPTZ, ctx)


@builtin("extract", (T.TEXT, T.DATE), T.NUMERIC)
def extract_date(field: str, d: Any) -> Decimal:
    return date_part_date(field, d, True)


@builtin("extract", (T.TEXT, T.TIME), T.NUMERIC)
def extract_time(field: str, t: Any) -> Decimal:
    return time_part(field, t, True)


@builtin("extract", (T.TEXT, T.INTERVAL), T.NUMERIC)
def extract_interval(field: str, iv: Any) -> Decimal:
    return interval_part(field, iv, True)


@builtin("date_part", (T.TEXT, T.TIMESTAMP), T.FLOAT8)
def date_part_timestamp(field: str, ts: Any) -> float:
    return timestamp_part(field, ts, False)


@builtin("date_part", (T.TEXT, T.TIMESTAMPTZ), T.FLOAT8, needs_ctx=True)
def date_part_timestamptz(ctx: Any, field: str, ts: Any) -> float:
    return timestamp_part(field, ts, False, T.TIMESTAMPTZ, ctx)


@builtin("date_part", (T.TEXT, T.DATE), T.FLOAT8)
def date_part_on_date(field: str, d: Any) -> float:
    """PG 15 defines date_part(text, date) as date_part($1, $2::timestamp)."""
    if not isinstance(d, DateTimeInfinity):
        d = _dt.datetime(d.year, d.month, d.day)
    return timestamp_part(field, d, False)


@builtin("date_part", (T.TEXT, T.TIME), T.FLOAT8)
def date_part_time(field: str, t: Any) -> float:
    return time_part(field, t, False)


@builtin("date_part", (T.TEXT, T.INTERVAL), T.FLOAT8)
def date_part_interval(field: str, iv: Any) -> float:
    return interval_part(field, iv, False)
