"""Date/time ``to_char`` (timestamp, timestamptz, interval, time) and the shared template parser
used by ``to_timestamp`` / ``to_date`` (:mod:`sql.functions_dtparse`).

Follows PostgreSQL's ``formatting.c`` (DCH keywords, FM/TM prefixes, TH/th/SP suffixes, double
quoted literals, ``\\"``); English names only (TM gives the same English names, unpadded).
timestamptz values are formatted in the session time zone; TZ shows the zone abbreviation.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.datatypes import Interval
from sql.datatypes.dtcommon import DateTimeInfinity, utc_to_local
from sql.errors import SqlError
from sql.functions import builtin
from sql.functions_util import session_tz

_UPPER = ["A.D.", "A.M.", "AD", "AM", "B.C.", "BC", "CC", "DAY", "DDD", "DD", "DY", "Day", "Dy", "D", "FF1", "FF2",
          "FF3", "FF4", "FF5", "FF6", "FX", "HH24", "HH12", "HH", "IDDD", "ID", "IW", "IYYY", "IYY", "IY", "I", "J",
          "MI", "MM", "MONTH", "MON", "MS", "Month", "Mon", "OF", "P.M.", "PM", "Q", "RM", "SSSSS", "SSSS", "SS",
          "TZH", "TZM", "TZ", "US", "WW", "W", "Y,YYY", "YYYY", "YYY", "YY", "Y"]
_LOWER = ["a.d.", "a.m.", "ad", "am", "b.c.", "bc", "cc", "day", "ddd", "dd", "dy", "d", "ff1", "ff2", "ff3", "ff4",
          "ff5", "ff6", "fx", "hh24", "hh12", "hh", "iddd", "id", "iw", "iyyy", "iyy", "iy", "i", "j", "mi", "mm",
          "month", "mon", "ms", "of", "p.m.", "pm", "q", "rm", "sssss", "ssss", "ss", "tzh", "tzm", "tz", "us", "ww",
          "w", "y,yyy", "yyyy", "yyy", "yy", "y"]
_CASED = {"a.d.", "a.m.", "ad", "am", "b.c.", "bc", "day", "dy", "month", "mon", "p.m.", "pm", "rm", "tz"}
KEYWORDS = _UPPER + _LOWER
DIGIT_KEYS = {"CC", "DDD", "DD", "D", "FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "HH24", "HH12", "HH", "IDDD", "ID",
              "IW", "IYYY", "IYY", "IY", "I", "J", "MI", "MM", "MS", "Q", "SSSSS", "SSSS", "SS", "TZM", "US", "WW",
              "W", "Y,YYY", "YYYY", "YYY", "YY", "Y"}
GREGORIAN = {"DDD", "DD", "D", "MM", "MONTH", "MON", "Month", "Mon", "month", "mon", "RM", "rm", "WW", "W", "Y,YYY",
             "YYYY", "YYY", "YY", "Y"}
ISOWEEK = {"IDDD", "ID", "IW", "IYYY", "IYY", "IY", "I"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
RM_UPPER = ["XII", "XI", "X", "IX", "VIII", "VII", "VI", "V", "IV", "III", "II", "I"]


@dataclass(frozen=True)
class Node:
    """kind: 'kw' (key = canonical keyword), 'sep' (separator), 'space' or 'ch'."""

    kind: str
    key: str = ""
    text: str = ""
    fm: bool = False
    tm: bool = False
    th: str = ""  # "TH", "th" or ""


def _canon(k: str) -> str:
    if k in _CASED or k[0].isupper():
        return k
    if k == "sssss":
        return "SSSSS"
    return k.upper()


@lru_cache(maxsize=256)
def parse_dch_format(fmt: str) -> tuple[Node, ...]:
    nodes: list[Node] = []
    i, n = 0, len(fmt)
    while i < n:
        fm = tm = False
        for pre in ("FM", "fm", "TM", "tm"):
            if fmt.startswith(pre, i):
                fm, tm = pre in ("FM", "fm"), pre in ("TM", "tm")
                i += 2
                break
        if i >= n:
            break
        kw = next((k for k in KEYWORDS if fmt.startswith(k, i)), None)
        if kw is not None:
            i += len(kw)
            th = ""
            for post in ("TH", "th", "SP"):
                if fmt.startswith(post, i):
                    th = post if post != "SP" else ""
                    i += 2
                    break
            nodes.append(Node("kw", _canon(kw), kw, fm, tm, th))
            continue
        c = fmt[i]
        if c == '"':
            i += 1
            while i < n and fmt[i] != '"':
                if fmt[i] == "\\" and i + 1 < n:
                    i += 1
                nodes.append(Node("ch", text=fmt[i]))
                i += 1
            i += 1
            continue
        if c == "\\" and i + 1 < n and fmt[i + 1] == '"':
            i += 1
            c = '"'
        if 0x20 < ord(c) < 0x7F and not c.isalnum():
            nodes.append(Node("sep", text=c))
        elif c.isspace():
            nodes.append(Node("space", text=c))
        else:
            nodes.append(Node("ch", text=c))
        i += 1
    return tuple(nodes)


# ---- julian / ISO week helpers (PostgreSQL's integer algorithms, any year) ------------------------
def date2j(y: int, m: int, d: int) -> int:
    if m > 2:
        m += 1
        y += 4800
    else:
        m += 13
        y += 4799
    century = y // 100
    return y * 365 - 32167 + y // 4 - century + century // 4 + 7834 * m // 256 + d


def j2date(jd: int) -> tuple[int, int, int]:
    julian = jd + 32044
    quad = julian // 146097
    extra = (julian - quad * 146097) * 4 + 3
    julian += 60 + quad * 3 + extra // 146097
    quad = julian // 1461
    julian -= quad * 1461
    y = julian * 4 // 1461
    julian = ((julian + 305) % 365 if y != 0 else (julian + 306) % 366) + 123
    y += quad * 4
    quad = julian * 2141 // 65536
    return y - 4800, (quad + 10) % 12 + 1, julian - 7834 * quad // 256


def j2day(j: int) -> int:
    return (j + 1) % 7


def isoweek2j(year: int, week: int) -> int:
    day4 = date2j(year, 1, 4)
    return (week - 1) * 7 + (day4 - j2day(day4 - 1))


def _cdiv(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def date2isoweek_year(year: int, mon: int, mday: int) -> tuple[int, int]:
    """(ISO week, ISO year) as date2isoweek / date2isoyear compute them."""
    dayn = date2j(year, mon, mday)
    day4 = date2j(year, 1, 4)
    day0 = j2day(day4 - 1)
    if dayn < day4 - day0:
        year -= 1
        day4 = date2j(year, 1, 4)
        day0 = j2day(day4 - 1)
    result = _cdiv(dayn - (day4 - day0), 7) + 1
    if result >= 52:
        day4 = date2j(year + 1, 1, 4)
        day0 = j2day(day4 - 1)
        if dayn >= day4 - day0:
            return _cdiv(dayn - (day4 - day0), 7) + 1, year + 1
    return result, year


# ---- to_char ------------------------------------------------------------------------------------------
@dataclass
class Tm:
    year: int
    mon: int
    mday: int
    hour: int
    min: int
    sec: int
    usec: int = 0
    wday: int = 0
    yday: int = 1
    gmtoff: int = 0
    tzn: str | None = None


_YEAR_DIGITS = {"YYYY": 4, "IYYY": 4, "YYY": 3, "IYY": 3, "YY": 2, "IY": 2, "Y": 1, "I": 1}
_NOT_FOR_INTERVAL = {"A.D.", "B.C.", "AD", "BC", "a.d.", "b.c.", "ad", "bc", "MONTH", "Month", "month", "MON", "Mon",
                     "mon", "DAY", "Day", "day", "DY", "Dy", "dy", "D", "ID", "TZ", "tz", "TZH", "TZM", "OF"}


def _th(s: str, suffix: str) -> str:
    if not suffix:
        return s
    from sql.functions_numfmt import _get_th

    return s + _get_th(s, suffix == "TH")


def _num(value: int, width: int, node: Node) -> str:
    if node.fm:
        width = 0
    if value < 0:
        text = "-" + str(-value).rjust(max(width - 1, 0), "0")
    else:
        text = str(value).rjust(width, "0")
    return _th(text, node.th)


def _adj_year(y: int, interval: bool) -> int:
    return y if interval or y > 0 else -(y - 1)


def _field(node: Node, tm: Tm, interval: bool) -> str:
    k = node.key
    if interval and k in _NOT_FOR_INTERVAL:
        raise SqlError(sqlstate.INVALID_DATETIME_FORMAT, "invalid format specification for an interval value",
                       hint="Intervals are not tied to specific calendar dates.")
    pm = _cmod(tm.hour, 24) >= 12
    if k in ("A.M.", "P.M."):
        return "P.M." if pm else "A.M."
    if k in ("AM", "PM"):
        return "PM" if pm else "AM"
    if k in ("a.m.", "p.m."):
        return "p.m." if pm else "a.m."
    if k in ("am", "pm"):
        return "pm" if pm else "am"
    if k in ("HH", "HH12"):
        h = _cmod(tm.hour, 12)
        return _num(12 if h == 0 else h, 2 if tm.hour >= 0 else 3, node)
    if k == "HH24":
        return _num(tm.hour, 2 if tm.hour >= 0 else 3, node)
    if k == "MI":
        return _num(tm.min, 2 if tm.min >= 0 else 3, node)
    if k == "SS":
        return _num(tm.sec, 2 if tm.sec >= 0 else 3, node)
    if k.startswith("FF") or k in ("MS", "US"):
        digits = 3 if k == "MS" else 6 if k == "US" else int(k[2])
        return _th(str(_cdiv(tm.usec, 10 ** (6 - digits))).rjust(digits, "0"), node.th)
    if k in ("SSSS", "SSSSS"):
        return _th(str(tm.hour * 3600 + tm.min * 60 + tm.sec), node.th)
    if k == "tz":
        return (tm.tzn or "").lower()
    if k == "TZ":
        return tm.tzn or ""
    if k in ("TZH", "TZM", "OF"):
        off = abs(tm.gmtoff)
        sign = "+" if tm.gmtoff >= 0 else "-"
        if k == "TZH":
            return f"{sign}{off // 3600:02d}"
        if k == "TZM":
            return f"{off % 3600 // 60:02d}"
        text = f"{sign}{off // 3600:0{0 if node.fm else 2}d}"
        return text + (f":{off % 3600 // 60:02d}" if off % 3600 else "")
    if k in ("A.D.", "B.C."):
        return "B.C." if tm.year <= 0 else "A.D."
    if k in ("AD", "BC"):
        return "BC" if tm.year <= 0 else "AD"
    if k in ("a.d.", "b.c."):
        return "b.c." if tm.year <= 0 else "a.d."
    if k in ("ad", "bc"):
        return "bc" if tm.year <= 0 else "ad"
    if k in ("MONTH", "Month", "month", "MON", "Mon", "mon"):
        if not tm.mon:
            return ""
        name = MONTHS[tm.mon - 1]
        return _named(name if len(k) == 5 else name[:3], k, node, len(k) == 5)
    if k in ("DAY", "Day", "day", "DY", "Dy", "dy"):
        name = DAYS[tm.wday]
        return _named(name if len(k) == 3 else name[:3], k, node, len(k) == 3)
    if k == "MM":
        return _num(tm.mon, 2 if tm.mon >= 0 else 3, node)
    if k in ("DDD", "IDDD"):
        val = tm.yday if k == "DDD" else (date2j(tm.year, tm.mon, tm.mday)
                                          - isoweek2j(date2isoweek_year(tm.year, tm.mon, tm.mday)[1], 1) + 1)
        return _num(val, 3, node)
    if k == "DD":
        return _num(tm.mday, 2, node)
    if k == "D":
        return _th(str(tm.wday + 1), node.th)
    if k == "ID":
        return _th(str(7 if tm.wday == 0 else tm.wday), node.th)
    if k == "WW":
        return _num(_cdiv(tm.yday - 1, 7) + 1, 2, node)
    if k == "IW":
        return _num(date2isoweek_year(tm.year, tm.mon, tm.mday)[0], 2, node)
    if k == "Q":
        return "" if not tm.mon else _th(str(_cdiv(tm.mon - 1, 3) + 1), node.th)
    if k == "CC":
        i = _cdiv(tm.year, 100) if interval else (_cdiv(tm.year - 1, 100) + 1 if tm.year > 0
                                                  else _cdiv(tm.year, 100) - 1)
        return _num(i, 2 if i >= 0 else 3, node) if -99 <= i <= 99 else _th(str(i), node.th)
    if k == "Y,YYY":
        y = _adj_year(tm.year, interval)
        i = _cdiv(y, 1000)
        return _th(f"{i},{abs(y - i * 1000):03d}", node.th)
    if k in _YEAR_DIGITS:
        y = tm.year if k[0] == "Y" else date2isoweek_year(tm.year, tm.mon, tm.mday)[1]
        y = _adj_year(y, interval)
        digits = _YEAR_DIGITS[k]
        v = y if digits == 4 else _cmod(y, 10 ** digits)
        if digits == 1:
            return _th(str(v), node.th)
        # the width follows the sign of the (adjusted) calendar year, as in PostgreSQL
        return _num(v, digits if _adj_year(tm.year, interval) >= 0 else digits + 1, node)
    if k in ("RM", "rm"):
        if not tm.mon and not tm.year:
            return ""
        if tm.mon == 0:
            idx = 0 if tm.year >= 0 else 11
        elif tm.mon < 0:
            idx = -(tm.mon + 1)
        else:
            idx = 12 - tm.mon
        name = RM_UPPER[idx] if k == "RM" else RM_UPPER[idx].lower()
        return name if node.fm else name.ljust(4)
    if k == "W":
        return _th(str(_cdiv(tm.mday - 1, 7) + 1), node.th)
    if k == "J":
        return _th(str(date2j(tm.year, tm.mon, tm.mday)), node.th)
    return ""  # FX


def _cmod(a: int, b: int) -> int:
    return a - _cdiv(a, b) * b


def _named(name: str, key: str, node: Node, pad: bool) -> str:
    if key.isupper():
        name = name.upper()
    elif key.islower():
        name = name.lower()
    return name.ljust(9) if pad and not node.fm and not node.tm else name


def format_tm(fmt: str, tm: Tm, interval: bool = False) -> str:
    out = []
    for node in parse_dch_format(fmt):
        out.append(_field(node, tm, interval) if node.kind == "kw" else node.text)
    return "".join(out)


def tm_from_datetime(value: _dt.datetime, gmtoff: int = 0, tzn: str | None = None) -> Tm:
    return Tm(value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond,
              (value.weekday() + 1) % 7, value.timetuple().tm_yday, gmtoff, tzn)


def tm_from_interval(iv: Interval) -> Tm:
    years, mons = _cdiv(iv.months, 12), _cmod(iv.months, 12)
    t = iv.microseconds
    hours = _cdiv(t, 3_600_000_000)
    t -= hours * 3_600_000_000
    mins = _cdiv(t, 60_000_000)
    t -= mins * 60_000_000
    secs = _cdiv(t, 1_000_000)
    usec = t - secs * 1_000_000
    return Tm(years, mons, iv.days, hours, mins, secs, usec, 0, (years * 12 + mons) * 30 + iv.days)


@builtin("to_char", (T.TIMESTAMP, T.TEXT), T.TEXT)
def to_char_timestamp(ts: Any, fmt: str) -> str | None:
    if not fmt or isinstance(ts, DateTimeInfinity):
        return None
    return format_tm(fmt, tm_from_datetime(ts))


@builtin("to_char", (T.TIMESTAMPTZ, T.TEXT), T.TEXT, needs_ctx=True)
def to_char_timestamptz(ctx: Any, ts: Any, fmt: str) -> str | None:
    if not fmt or isinstance(ts, DateTimeInfinity):
        return None
    tz = session_tz(ctx)
    local, off = utc_to_local(ts, tz)
    tzn = ts.astimezone(tz).tzname()
    return format_tm(fmt, tm_from_datetime(local, off, tzn))


@builtin("to_char", (T.INTERVAL, T.TEXT), T.TEXT)
def to_char_interval(iv: Interval, fmt: str) -> str | None:
    if not fmt:
        return None
    return format_tm(fmt, tm_from_interval(iv), interval=True)


@builtin("to_char", (T.TIME, T.TEXT), T.TEXT)
def to_char_time(t: _dt.time, fmt: str) -> str | None:
    """PostgreSQL formats a time through its implicit cast to interval."""
    us = ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond
    return to_char_interval(Interval(0, 0, us), fmt)
