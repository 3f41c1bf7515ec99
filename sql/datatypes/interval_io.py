"""Text I/O and typmod coercion for ``interval``.

Input follows PostgreSQL's ``DecodeInterval`` (``1 day 02:03:04``, ``1 year 2 mons``,
``-1 day``, ``@ 1 minute ago``, ``1-2`` years-months, ``1.5 hours``, field-range typmods such
as ``interval '1' minute``) with the ISO 8601 fallback (``P1Y2M3DT4H5M6S``, ``P0001-02-03T04:05:06``).
Output is IntervalStyle ``postgres`` (``1 year 2 mons -3 days +04:05:06.5``).
"""

from __future__ import annotations

import math
import re

from sql import sqlstate
from sql.errors import SqlError

from .dtcommon import (
    DAYS_PER_MONTH,
    INT32_MAX,
    INT32_MIN,
    INT64_MAX,
    INT64_MIN,
    MONTHS_PER_YEAR,
    USECS_PER_DAY,
    USECS_PER_HOUR,
    USECS_PER_MINUTE,
    USECS_PER_SEC,
    trunc_div,
)
from .dtparse import (
    BAD_FORMAT,
    DATE,
    FIELD_OVERFLOW,
    INTERVAL_OVERFLOW,
    NUMBER,
    SPECIAL,
    STRING,
    TIME,
    TIME_M,
    TZ,
    DtError,
    M,
    decode_time_common,
    lookup_token,
    parse_fraction,
    raise_parse_error,
    tokenize,
)
from .interval import Interval
from .registry import INTERVAL_FULL_PRECISION, INTERVAL_FULL_RANGE, interval_range_bits, interval_typmod_parts

_B = interval_range_bits()

# deltatktbl: unit words
_UNITS: dict[str, tuple[str, object]] = {"@": ("IGNORE", 0), "ago": ("AGO", 0)}
for _unit, _words in {
    "century": "c cent centuries century",
    "day": "d day days",
    "decade": "dec decade decades decs",
    "hour": "h hour hours hr hrs",
    "minute": "m min mins minute minutes",
    "microsecond": "microsecon us usec usecs useconds",
    "millennium": "mil millennia millennium mils",
    "millisecond": "millisecon ms msec msecs mseconds",
    "month": "mon mons month months",
    "quarter": "qtr quarter",
    "second": "s sec second seconds secs",
    "week": "w week weeks",
    "year": "y year years yr yrs",
}.items():
    for _w in _words.split():
        _UNITS[_w] = ("UNITS", _unit)
_UNITS["timezone"] = ("UNITS", "tz")
_UNITS["timezone_h"] = ("UNITS", "tz_hour")
_UNITS["timezone_m"] = ("UNITS", "tz_minute")

_RESERVED = {"infinity", "-infinity", "epoch", "now", "today", "tomorrow", "yesterday", "allballs"}


class _Acc:
    __slots__ = ("usec", "mday", "mon", "year")

    def __init__(self) -> None:
        self.usec = 0
        self.mday = 0
        self.mon = 0
        self.year = 0


def _frac_usec(acc: _Acc, frac: float, scale: int) -> None:
    if frac == 0:
        return
    frac *= scale
    usec = int(frac)
    frac -= usec
    if frac > 0.5:
        usec += 1
    elif frac < -0.5:
        usec -= 1
    acc.usec += usec


def _frac_days(acc: _Acc, frac: float, scale: int) -> None:
    if frac == 0:
        return
    frac *= scale
    extra = int(frac)
    acc.mday += extra
    frac -= extra
    _frac_usec(acc, frac, USECS_PER_DAY)


def _frac_years(acc: _Acc, frac: float, scale: int) -> None:
    acc.mon += int(round(frac * scale * MONTHS_PER_YEAR))


def _default_unit(rng: int) -> str:
    if rng == _B["year"]:
        return "year"
    if rng in (_B["month"], _B["year"] | _B["month"]):
        return "month"
    if rng == _B["day"]:
        return "day"
    if rng in (_B["hour"], _B["day"] | _B["hour"]):
        return "hour"
    if rng in (_B["minute"], _B["hour"] | _B["minute"], _B["day"] | _B["hour"] | _B["minute"]):
        return "minute"
    return "second"


def _apply_unit(acc: _Acc, unit: str, val: int, fval: float) -> int:
    """Add ``val + fval`` of ``unit``; returns the field mask bit(s)."""
    if unit == "microsecond":
        acc.usec += val
        _frac_usec(acc, fval, 1)
        return M("MICROSECOND")
    if unit == "millisecond":
        acc.usec += val * 1000
        _frac_usec(acc, fval, 1000)
        return M("MILLISECOND")
    if unit == "second":
        acc.usec += val * USECS_PER_SEC
        _frac_usec(acc, fval, USECS_PER_SEC)
        return M("SECOND") if fval == 0 else M("SECOND") | M("MILLISECOND") | M("MICROSECOND")
    if unit == "minute":
        acc.usec += val * USECS_PER_MINUTE
        _frac_usec(acc, fval, USECS_PER_MINUTE)
        return M("MINUTE")
    if unit == "hour":
        acc.usec += val * USECS_PER_HOUR
        _frac_usec(acc, fval, USECS_PER_HOUR)
        return M("HOUR")
    if unit == "day":
        acc.mday += val
        _frac_usec(acc, fval, USECS_PER_DAY)
        return M("DAY")
    if unit == "week":
        acc.mday += val * 7
        _frac_days(acc, fval, 7)
        return M("WEEK")
    if unit == "month":
        acc.mon += val
        _frac_days(acc, fval, DAYS_PER_MONTH)
        return M("MONTH")
    scale = {"year": 1, "decade": 10, "century": 100, "millennium": 1000}.get(unit)
    if scale is None:
        raise DtError(BAD_FORMAT)
    acc.year += val * scale
    _frac_years(acc, fval, scale)
    return M({"year": "YEAR", "decade": "DECADE", "century": "CENTURY", "millennium": "MILLENNIUM"}[unit])


def _time_usecs(field: str, rng: int) -> int:
    h, m, s, f = decode_time_common(field, rng == (_B["minute"] | _B["second"]))
    return ((h * 60 + m) * 60 + s) * USECS_PER_SEC + f


def decode_interval(fields: list[tuple[str, str]], rng: int) -> _Acc:
    acc = _Acc()
    fmask = 0
    is_before = False
    parsing_unit_val = False
    unit = ""  # "" = IGNORE_DTF: no unit seen yet (reading right to left)
    nf = len(fields)
    for i in range(nf - 1, -1, -1):
        ftype, field = fields[i]
        tmask = 0
        if ftype == TIME:
            acc.usec = _time_usecs(field, rng)  # PostgreSQL overwrites, it does not add
            tmask = TIME_M
            unit = "day"
            parsing_unit_val = False
        elif ftype in (TZ, DATE, NUMBER):
            handled = False
            if ftype == TZ and ":" in field[1:]:
                try:
                    us = _time_usecs(field[1:], rng)
                except DtError:
                    us = None
                if us is not None:
                    acc.usec = -us if field[0] == "-" else us
                    tmask = TIME_M
                    unit = "day"
                    parsing_unit_val = False
                    handled = True
            if not handled:
                if not unit:
                    unit = _default_unit(rng)
                m = re.match(r"[+-]?[0-9]+", field)
                if m is None:
                    raise DtError(BAD_FORMAT)
                val = int(m.group(0))
                cp = field[m.end():]
                fval = 0.0
                if cp.startswith("-"):
                    m2 = re.match(r"[0-9]+", cp[1:])
                    if m2 is None:
                        raise DtError(FIELD_OVERFLOW) if cp[1:2] == "-" else DtError(BAD_FORMAT)
                    val2 = int(m2.group(0))
                    if val2 >= MONTHS_PER_YEAR:
                        raise DtError(FIELD_OVERFLOW)
                    if cp[1 + m2.end():] != "":
                        raise DtError(BAD_FORMAT)
                    unit = "month"
                    if field.startswith("-"):
                        val2 = -val2
                    val = val * MONTHS_PER_YEAR + val2
                elif cp.startswith("."):
                    fval = parse_fraction(cp)
                    if field.startswith("-"):
                        fval = -fval
                elif cp != "":
                    raise DtError(BAD_FORMAT)
                tmask = _apply_unit(acc, unit, val, fval)
                if unit == "hour":
                    unit = "day"
                parsing_unit_val = False
        elif ftype in (STRING, SPECIAL):
            if parsing_unit_val:
                raise DtError(BAD_FORMAT)
            tok = lookup_token(_UNITS, field)
            if tok is None:
                if field in _RESERVED:
                    raise DtError(BAD_FORMAT)
                raise DtError(BAD_FORMAT)
            kind, uval = tok
            if kind == "IGNORE":
                continue
            if kind == "UNITS":
                unit = str(uval)
                parsing_unit_val = True
            elif kind == "AGO":
                is_before = True
        else:
            raise DtError(BAD_FORMAT)
        if tmask & fmask:
            raise DtError(BAD_FORMAT)
        fmask |= tmask
    if fmask == 0 or parsing_unit_val:
        raise DtError(BAD_FORMAT)
    if is_before:
        acc.usec, acc.mday, acc.mon, acc.year = -acc.usec, -acc.mday, -acc.mon, -acc.year
    return acc


_ISO_NUM = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _iso_number(s: str, pos: int) -> tuple[int, float, int, int]:
    """Returns (int part, fraction, new position, integer-digit width)."""
    if pos >= len(s) or not (s[pos].isdigit() or s[pos] in "-."):
        raise DtError(BAD_FORMAT)
    m = _ISO_NUM.match(s, pos)
    if m is None:
        raise DtError(BAD_FORMAT)
    v = float(m.group(0))
    if math.isnan(v) or v < -1e15 or v > 1e15:
        raise DtError(FIELD_OVERFLOW)
    ipart = math.floor(v) if v >= 0 else -math.floor(-v)
    width = len(re.match(r"-?([0-9]*)", s[pos:]).group(1))  # type: ignore[union-attr]
    return int(ipart), v - ipart, m.end(), width


def decode_iso8601_interval(s: str) -> _Acc:
    acc = _Acc()
    if len(s) < 2 or s[0] != "P":
        raise DtError(BAD_FORMAT)
    pos = 1
    datepart = True
    havefield = False
    n = len(s)
    while pos < n:
        if s[pos] == "T":
            datepart = False
            havefield = False
            pos += 1
            continue
        val, fval, pos, width = _iso_number(s, pos)
        unit = s[pos] if pos < n else ""
        pos += 1
        if datepart:
            if unit in ("Y", "M", "W", "D"):
                _apply_unit(acc, {"Y": "year", "M": "month", "W": "week", "D": "day"}[unit], val, fval)
            elif unit in ("T", "", "-"):
                if unit != "-" and width == 8 and not havefield:
                    acc.year += val // 10000
                    acc.mon += (val // 100) % 100
                    acc.mday += val % 100
                    _frac_usec(acc, fval, USECS_PER_DAY)
                    if unit == "":
                        return acc
                    datepart = False
                    havefield = False
                    continue
                if havefield:
                    raise DtError(BAD_FORMAT)
                _apply_unit(acc, "year", val, fval)
                if unit == "":
                    return acc
                if unit == "T":
                    datepart = False
                    havefield = False
                    continue
                val, fval, pos, _ = _iso_number(s, pos)
                acc.mon += val
                _frac_days(acc, fval, DAYS_PER_MONTH)
                if pos >= n:
                    return acc
                if s[pos] == "T":
                    datepart = False
                    havefield = False
                    pos += 1
                    continue
                if s[pos] != "-":
                    raise DtError(BAD_FORMAT)
                val, fval, pos, _ = _iso_number(s, pos + 1)
                acc.mday += val
                _frac_usec(acc, fval, USECS_PER_DAY)
                if pos >= n:
                    return acc
                if s[pos] == "T":
                    datepart = False
                    havefield = False
                    pos += 1
                    continue
                raise DtError(BAD_FORMAT)
            else:
                raise DtError(BAD_FORMAT)
        else:
            if unit in ("H", "M", "S"):
                _apply_unit(acc, {"H": "hour", "M": "minute", "S": "second"}[unit], val, fval)
            elif unit in ("", ":"):
                if unit == "" and width == 6 and not havefield:
                    acc.usec += (val // 10000) * USECS_PER_HOUR + ((val // 100) % 100) * USECS_PER_MINUTE
                    acc.usec += (val % 100) * USECS_PER_SEC
                    _frac_usec(acc, fval, 1)
                    return acc
                if havefield:
                    raise DtError(BAD_FORMAT)
                _apply_unit(acc, "hour", val, fval)
                if unit == "":
                    return acc
                val, fval, pos, _ = _iso_number(s, pos)
                _apply_unit(acc, "minute", val, fval)
                if pos >= n:
                    return acc
                if s[pos] != ":":
                    raise DtError(BAD_FORMAT)
                val, fval, pos, _ = _iso_number(s, pos + 1)
                _apply_unit(acc, "second", val, fval)
                if pos >= n:
                    return acc
                raise DtError(BAD_FORMAT)
            else:
                raise DtError(BAD_FORMAT)
        havefield = True
    return acc


def interval_in(text: str, typmod: int = -1) -> Interval:
    rng, _ = interval_typmod_parts(typmod)
    try:
        try:
            acc = decode_interval(tokenize(text), rng)
        except DtError as e:
            if e.code != BAD_FORMAT:
                raise
            acc = decode_iso8601_interval(text)
    except DtError as e:
        if e.code == FIELD_OVERFLOW:
            e = DtError(INTERVAL_OVERFLOW)
        raise raise_parse_error(e, text, "interval") from None
    months = acc.year * MONTHS_PER_YEAR + acc.mon
    if not (INT32_MIN <= months <= INT32_MAX) or not (INT32_MIN <= acc.mday <= INT32_MAX) or not (
        INT64_MIN <= acc.usec <= INT64_MAX
    ):
        raise raise_parse_error(DtError(INTERVAL_OVERFLOW), text, "interval")
    result = Interval(months, acc.mday, acc.usec)
    if typmod >= 0:
        result = apply_interval_typmod(result, typmod)
    return result


def _seconds(sec: int, fsec: int) -> str:
    if fsec == 0:
        return f"{abs(sec):02d}"
    return f"{abs(sec):02d}.{abs(fsec):06d}".rstrip("0")


def interval_out(iv: Interval) -> str:
    """IntervalStyle ``postgres`` output (``EncodeInterval``)."""
    year = trunc_div(iv.months, MONTHS_PER_YEAR)
    mon = iv.months - year * MONTHS_PER_YEAR
    mday = iv.days
    time = iv.microseconds
    hour = trunc_div(time, USECS_PER_HOUR)
    time -= hour * USECS_PER_HOUR
    minute = trunc_div(time, USECS_PER_MINUTE)
    time -= minute * USECS_PER_MINUTE
    sec = trunc_div(time, USECS_PER_SEC)
    fsec = time - sec * USECS_PER_SEC
    parts: list[str] = []
    is_before = False
    is_zero = True
    for value, unit in ((year, "year"), (mon, "mon"), (mday, "day")):
        if value == 0:
            continue
        sign = "+" if is_before and value > 0 else ""
        parts.append(f"{sign}{value} {unit}{'' if value == 1 else 's'}")
        is_before = value < 0
        is_zero = False
    if not is_zero and hour == 0 and minute == 0 and sec == 0 and fsec == 0:
        return " ".join(parts)
    minus = hour < 0 or minute < 0 or sec < 0 or fsec < 0
    sign = "-" if minus else ("+" if is_before else "")
    parts.append(f"{sign}{abs(hour):02d}:{abs(minute):02d}:{_seconds(sec, fsec)}")
    return " ".join(parts)


_SCALES = [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1]


def apply_interval_typmod(iv: Interval, typmod: int) -> Interval:
    """``AdjustIntervalForTypmod``: drop fields outside the range, round the seconds."""
    if typmod < 0:
        return iv
    rng, precision = interval_typmod_parts(typmod)
    months, days, time = iv.months, iv.days, iv.microseconds
    if rng == INTERVAL_FULL_RANGE:
        pass
    elif rng == _B["year"]:
        months = trunc_div(months, MONTHS_PER_YEAR) * MONTHS_PER_YEAR
        days = time = 0
    elif rng in (_B["month"], _B["year"] | _B["month"]):
        days = time = 0
    elif rng == _B["day"]:
        time = 0
    elif rng in (_B["hour"], _B["day"] | _B["hour"]):
        time = trunc_div(time, USECS_PER_HOUR) * USECS_PER_HOUR
    elif rng in (_B["minute"], _B["day"] | _B["hour"] | _B["minute"], _B["hour"] | _B["minute"]):
        time = trunc_div(time, USECS_PER_MINUTE) * USECS_PER_MINUTE
    elif rng in (
        _B["second"],
        _B["day"] | _B["hour"] | _B["minute"] | _B["second"],
        _B["hour"] | _B["minute"] | _B["second"],
        _B["minute"] | _B["second"],
    ):
        pass
    else:
        raise SqlError(sqlstate.INTERNAL_ERROR, f"unrecognized interval typmod: {typmod}")
    if precision != INTERVAL_FULL_PRECISION and 0 <= precision < 6:
        scale = _SCALES[precision]
        off = scale // 2
        time = ((time + off) // scale) * scale if time >= 0 else -(((-time + off) // scale) * scale)
    return Interval(months, days, time)
