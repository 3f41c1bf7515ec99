"""Interval output in the IntervalStyles other than ``postgres`` (PostgreSQL's EncodeInterval):
``postgres_verbose`` (``@ 1 day 2 hours ago``), ``sql_standard`` (``1-2``, ``3 4:05:06``) and
``iso_8601`` (``P1Y2M3DT4H5M6S``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .dtcommon import MONTHS_PER_YEAR, USECS_PER_HOUR, USECS_PER_MINUTE, USECS_PER_SEC, trunc_div

STYLES = ("postgres", "postgres_verbose", "sql_standard", "iso_8601")


def _fields(iv: Any) -> tuple[int, int, int, int, int, int, int]:
    year = trunc_div(iv.months, MONTHS_PER_YEAR)
    mon = iv.months - year * MONTHS_PER_YEAR
    time = iv.microseconds
    hour = trunc_div(time, USECS_PER_HOUR)
    time -= hour * USECS_PER_HOUR
    minute = trunc_div(time, USECS_PER_MINUTE)
    time -= minute * USECS_PER_MINUTE
    sec = trunc_div(time, USECS_PER_SEC)
    return year, mon, iv.days, hour, minute, sec, time - sec * USECS_PER_SEC


def _seconds(sec: int, fsec: int, zero_pad: bool) -> str:
    out = f"{abs(sec):02d}" if zero_pad else str(abs(sec))
    if fsec:
        out += f".{abs(fsec):06d}".rstrip("0")
    return out


def verbose_out(iv: Any) -> str:
    year, mon, mday, hour, minute, sec, fsec = _fields(iv)
    out = "@"
    is_zero, is_before = True, False
    for value, unit in ((year, "year"), (mon, "mon"), (mday, "day"), (hour, "hour"), (minute, "min")):
        if value == 0:
            continue
        if is_zero:
            is_before = value < 0
            value = abs(value)
        elif is_before:
            value = -value
        out += f" {value} {unit}{'' if value == 1 else 's'}"
        is_zero = False
    if sec or fsec:
        out += " "
        if sec < 0 or (sec == 0 and fsec < 0):
            if is_zero:
                is_before = True
            elif not is_before:
                out += "-"
        elif is_before:
            out += "-"
        out += _seconds(sec, fsec, False) + (" secs" if abs(sec) != 1 or fsec else " sec")
        is_zero = False
    if is_zero:
        out += " 0"
    if is_before:
        out += " ago"
    return out


def sql_standard_out(iv: Any) -> str:
    year, mon, mday, hour, minute, sec, fsec = _fields(iv)
    vals = (year, mon, mday, hour, minute, sec, fsec)
    negative = any(v < 0 for v in vals)
    positive = any(v > 0 for v in vals)
    year_month = year != 0 or mon != 0
    day_time = any(v != 0 for v in vals[2:])
    standard = not (negative and positive) and not (year_month and day_time)
    prefix = ""
    if negative and standard:
        prefix = "-"
        year, mon, mday, hour, minute, sec, fsec = (-v for v in vals)
    if not negative and not positive:
        return "0"
    if not standard:
        ys = "-" if year < 0 or mon < 0 else "+"
        ds = "-" if mday < 0 else "+"
        ss = "-" if hour < 0 or minute < 0 or sec < 0 or fsec < 0 else "+"
        return (f"{ys}{abs(year)}-{abs(mon)} {ds}{abs(mday)} {ss}{abs(hour)}:{abs(minute):02d}:"
                f"{_seconds(sec, fsec, True)}")
    if year_month:
        return f"{prefix}{year}-{mon}"
    clock = f"{hour}:{minute:02d}:{_seconds(sec, fsec, True)}"
    return f"{prefix}{mday} {clock}" if mday else prefix + clock


def iso_8601_out(iv: Any) -> str:
    year, mon, mday, hour, minute, sec, fsec = _fields(iv)
    if not any((year, mon, mday, hour, minute, sec, fsec)):
        return "PT0S"
    out = "P" + "".join(f"{v}{u}" for v, u in ((year, "Y"), (mon, "M"), (mday, "D")) if v)
    if hour or minute or sec or fsec:
        out += "T"
    out += "".join(f"{v}{u}" for v, u in ((hour, "H"), (minute, "M")) if v)
    if sec or fsec:
        out += ("-" if sec < 0 or fsec < 0 else "") + _seconds(sec, fsec, False) + "S"
    return out


def interval_output(style: str) -> Callable[[Any], str] | None:
    """The output function for an IntervalStyle other than ``postgres`` (None for ``postgres``)."""
    return {"postgres_verbose": verbose_out, "sql_standard": sql_standard_out, "iso_8601": iso_8601_out}.get(style)
