"""Date/time input parsing, ported in spirit from PostgreSQL's ``datetime.c``.

:func:`tokenize` is ``ParseDateTime`` (split the input into typed fields);
:func:`decode_datetime` is ``DecodeDateTime`` (fields -> broken-down :class:`Tm` for date,
timestamp and timestamptz input); :func:`decode_time_only` is ``DecodeTimeOnly`` (time
input). Both use DateStyle ``ISO, MDY`` field order. Failures raise :class:`DtError` with
one of PostgreSQL's DTERR codes; :func:`raise_parse_error` turns that into the SqlError
PostgreSQL reports for the given type name.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from sql import sqlstate
from sql.errors import SqlError

from .dtcommon import USECS_PER_SEC

# field types produced by tokenize()
NUMBER, STRING, DATE, TIME, TZ, SPECIAL = "number", "string", "date", "time", "tz", "special"

# DTERR codes
BAD_FORMAT, FIELD_OVERFLOW, MD_FIELD_OVERFLOW, INTERVAL_OVERFLOW, TZDISP_OVERFLOW, BAD_TIMEZONE = range(6)


class DtError(Exception):
    def __init__(self, code: int, zone: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.zone = zone


def raise_parse_error(err: DtError, text: str, type_name: str) -> SqlError:
    """``DateTimeParseError``: build the SqlError for a failed parse of ``text``."""
    c = err.code
    if c == FIELD_OVERFLOW:
        return SqlError(sqlstate.DATETIME_FIELD_OVERFLOW, f'date/time field value out of range: "{text}"')
    if c == MD_FIELD_OVERFLOW:
        return SqlError(
            sqlstate.DATETIME_FIELD_OVERFLOW,
            f'date/time field value out of range: "{text}"',
            hint='Perhaps you need a different "datestyle" setting.',
        )
    if c == INTERVAL_OVERFLOW:
        return SqlError(sqlstate.INTERVAL_FIELD_OVERFLOW, f'interval field value out of range: "{text}"')
    if c == TZDISP_OVERFLOW:
        return SqlError(
            sqlstate.INVALID_TIME_ZONE_DISPLACEMENT_VALUE, f'time zone displacement out of range: "{text}"'
        )
    if c == BAD_TIMEZONE:
        return SqlError(sqlstate.INVALID_PARAMETER_VALUE, f'time zone "{err.zone}" not recognized')
    return SqlError(sqlstate.INVALID_DATETIME_FORMAT, f'invalid input syntax for type {type_name}: "{text}"')


def _isspace(c: str) -> bool:
    return c in " \t\n\v\f\r"


def _isdigit(c: str) -> bool:
    return "0" <= c <= "9"


def _isalpha(c: str) -> bool:
    return ("a" <= c <= "z") or ("A" <= c <= "Z")


def _isalnum(c: str) -> bool:
    return _isdigit(c) or _isalpha(c)


def _ispunct(c: str) -> bool:
    return 33 <= ord(c) <= 126 and not _isalnum(c)


# ---------------------------------------------------------------------------
# keyword table (datetktbl): token -> (type, value)

DATE_TOKENS: dict[str, tuple[str, object]] = {
    "-infinity": ("RESERV", "early"), "ad": ("ADBC", "ad"), "allballs": ("RESERV", "zulu"),
    "am": ("AMPM", "am"), "at": ("IGNORE", 0), "bc": ("ADBC", "bc"), "d": ("UNITS", "day"),
    "dow": ("UNITS", "dow"), "doy": ("UNITS", "doy"), "dst": ("DTZMOD", 3600),
    "epoch": ("RESERV", "epoch"), "h": ("UNITS", "hour"), "infinity": ("RESERV", "late"),
    "isodow": ("UNITS", "isodow"), "isoyear": ("UNITS", "isoyear"), "j": ("UNITS", "julian"),
    "jd": ("UNITS", "julian"), "julian": ("UNITS", "julian"), "m": ("UNITS", "month"),
    "mm": ("UNITS", "minute"), "now": ("RESERV", "now"), "on": ("IGNORE", 0), "pm": ("AMPM", "pm"),
    "s": ("UNITS", "second"), "t": ("ISOTIME", "time"), "today": ("RESERV", "today"),
    "tomorrow": ("RESERV", "tomorrow"), "y": ("UNITS", "year"), "yesterday": ("RESERV", "yesterday"),
}
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH_LONG = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december"]
for _i, (_a, _b) in enumerate(zip(_MONTHS, _MONTH_LONG)):
    DATE_TOKENS[_a] = ("MONTH", _i + 1)
    DATE_TOKENS[_b] = ("MONTH", _i + 1)
DATE_TOKENS["sept"] = ("MONTH", 9)
for _i, _names in enumerate([("sun", "sunday"), ("mon", "monday"), ("tue", "tues", "tuesday"),
                             ("wed", "wednesday", "weds"), ("thu", "thur", "thurs", "thursday"),
                             ("fri", "friday"), ("sat", "saturday")]):
    for _n in _names:
        DATE_TOKENS[_n] = ("DOW", _i)

TOKMAXLEN = 10


def lookup_token(table: dict[str, tuple[str, object]], key: str) -> tuple[str, object] | None:
    """Table lookup with PostgreSQL's TOKMAXLEN truncation (``microseconds`` ~ ``microsecon``)."""
    return table.get(key[:TOKMAXLEN] if len(key) > TOKMAXLEN else key)


# ---------------------------------------------------------------------------
# tokenizer (ParseDateTime)


def tokenize(text: str) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    s = text
    n = len(s)
    i = 0

    def at(k: int) -> str:
        return s[k] if k < n else ""

    while i < n:
        c = s[i]
        if _isspace(c):
            i += 1
            continue
        buf: list[str] = []
        if _isdigit(c):
            while i < n and _isdigit(s[i]):
                buf.append(s[i])
                i += 1
            c = at(i)
            if c == ":":
                ftype = TIME
                buf.append(c)
                i += 1
                while i < n and (_isdigit(s[i]) or s[i] in ":."):
                    buf.append(s[i])
                    i += 1
            elif c in ("-", "/", "."):
                delim = c
                buf.append(c)
                i += 1
                if _isdigit(at(i)):
                    ftype = NUMBER if delim == "." else DATE
                    while i < n and _isdigit(s[i]):
                        buf.append(s[i])
                        i += 1
                    if at(i) == delim:
                        ftype = DATE
                        buf.append(delim)
                        i += 1
                        while i < n and (_isdigit(s[i]) or s[i] == delim):
                            buf.append(s[i])
                            i += 1
                else:
                    ftype = DATE
                    while i < n and (_isalnum(s[i]) or s[i] == delim):
                        buf.append(s[i].lower())
                        i += 1
            else:
                ftype = NUMBER
        elif c == ".":
            buf.append(c)
            i += 1
            while i < n and _isdigit(s[i]):
                buf.append(s[i])
                i += 1
            ftype = NUMBER
        elif _isalpha(c):
            ftype = STRING
            while i < n and _isalpha(s[i]):
                buf.append(s[i].lower())
                i += 1
            c = at(i)
            is_date = False
            if c in ("-", "/", "."):
                is_date = True
            elif c == "+" or _isdigit(c):
                if lookup_token(DATE_TOKENS, "".join(buf)) is None:
                    is_date = True
            if is_date:
                ftype = DATE
                while True:
                    buf.append(s[i].lower())
                    i += 1
                    c = at(i)
                    if not c or not (c in "+-/_.:" or _isalnum(c)):
                        break
        elif c in "+-":
            buf.append(c)
            i += 1
            while i < n and _isspace(s[i]):
                i += 1
            c = at(i)
            if _isdigit(c):
                ftype = TZ
                buf.append(c)
                i += 1
                while i < n and (_isdigit(s[i]) or s[i] in ":.-"):
                    buf.append(s[i])
                    i += 1
            elif _isalpha(c):
                ftype = SPECIAL
                while i < n and _isalpha(s[i]):
                    buf.append(s[i].lower())
                    i += 1
            else:
                raise DtError(BAD_FORMAT)
        elif _ispunct(c):
            i += 1
            continue
        else:
            raise DtError(BAD_FORMAT)
        fields.append((ftype, "".join(buf)))
        if len(fields) > 25:
            raise DtError(BAD_FORMAT)
    return fields


# ---------------------------------------------------------------------------
# broken-down time


class Tm:
    __slots__ = ("year", "mon", "mday", "hour", "min", "sec", "fsec", "yday", "wday")

    def __init__(self) -> None:
        self.year = 0
        self.mon = 0
        self.mday = 0
        self.hour = 0
        self.min = 0
        self.sec = 0
        self.fsec = 0
        self.yday = 0
        self.wday = 0

    def set_date(self, d: _dt.date) -> None:
        self.year, self.mon, self.mday = d.year, d.month, d.day

    def set_datetime(self, d: _dt.datetime) -> None:
        self.set_date(d)
        self.hour, self.min, self.sec, self.fsec = d.hour, d.minute, d.second, d.microsecond


_BITS = {name: 1 << k for k, name in enumerate(
    ["RESERV", "MONTH", "YEAR", "DAY", "JULIAN", "TZ", "DTZ", "DYNTZ", "IGNORE", "AMPM", "HOUR", "MINUTE",
     "SECOND", "MILLISECOND", "MICROSECOND", "DOY", "DOW", "UNITS", "ADBC", "AGO", "ABS_BEFORE",
     "ABS_AFTER", "ISODATE", "ISOTIME", "WEEK", "DECADE", "CENTURY", "MILLENNIUM", "DTZMOD"])}


def M(name: str) -> int:
    return _BITS[name]


DATE_M = M("YEAR") | M("MONTH") | M("DAY")
ALL_SECS_M = M("SECOND") | M("MILLISECOND") | M("MICROSECOND")
TIME_M = M("HOUR") | M("MINUTE") | ALL_SECS_M

_DAY_TAB = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def days_in_month(y: int, m: int) -> int:
    return 29 if m == 2 and is_leap(y) else _DAY_TAB[m - 1]


def date2j(y: int, m: int, d: int) -> int:
    """Julian day number of a proleptic Gregorian date (PostgreSQL's date2j)."""
    if m > 2:
        m += 1
        y += 4800
    else:
        m += 13
        y += 4799
    century = y // 100
    julian = y * 365 - 32167
    julian += y // 4 - century + century // 4
    julian += 7834 * m // 256 + d
    return julian


JULIAN_ORDINAL_OFFSET = 1721425  # date.toordinal() == julian - offset


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
    year = y - 4800
    quad = julian * 2141 // 65536
    day = julian - 7834 * quad // 256
    month = (quad + 10) % 12 + 1
    return year, month, day


def _strtoint(s: str) -> tuple[int, str]:
    """strtol(s, &end, 10) on a field: returns (value, rest); raises if no digits."""
    i = 0
    n = len(s)
    if i < n and s[i] in "+-":
        i += 1
    j = i
    while j < n and _isdigit(s[j]):
        j += 1
    if j == i:
        return 0, s
    v = int(s[:j])
    if v > 0x7FFFFFFF or v < -0x80000000:
        raise DtError(FIELD_OVERFLOW)
    return v, s[j:]


def parse_fraction(cp: str) -> float:
    """``ParseFraction``: ``cp`` starts with '.' and must be digits after it."""
    rest = cp[1:]
    if not rest:
        return 0.0
    if not rest.isdigit() or not rest.isascii():
        raise DtError(BAD_FORMAT)
    return float(cp)


def parse_fractional_second(cp: str) -> int:
    return int(round(parse_fraction(cp) * 1_000_000))


def decode_timezone(s: str) -> int:
    """``DecodeTimezone``: '+hh[:mm[:ss]]', '+hhmm'; returns seconds EAST of UTC."""
    if not s or s[0] not in "+-":
        raise DtError(BAD_FORMAT)
    hr, cp = _strtoint(s[1:])
    mn = sec = 0
    if cp.startswith(":"):
        mn, cp = _strtoint(cp[1:])
        if cp.startswith(":"):
            sec, cp = _strtoint(cp[1:])
    elif cp == "" and len(s) > 3:
        mn = hr % 100
        hr //= 100
    if hr < 0 or hr > 15 or mn < 0 or mn >= 60 or sec < 0 or sec >= 60:
        raise DtError(TZDISP_OVERFLOW)
    tz = (hr * 60 + mn) * 60 + sec
    if s[0] == "-":
        tz = -tz
    if cp != "":
        raise DtError(BAD_FORMAT)
    return tz


def decode_time_common(s: str, rng_minsec: bool = False) -> tuple[int, int, int, int]:
    """``DecodeTimeCommon``: 'hh:mm[:ss[.fff]]' or 'mm:ss.fff' -> (hour, min, sec, usec)."""
    hour, cp = _strtoint(s)
    if not cp.startswith(":"):
        raise DtError(BAD_FORMAT)
    mn, cp = _strtoint(cp[1:])
    fsec = 0
    if cp == "":
        sec = 0
        if rng_minsec:
            hour, mn, sec = 0, hour, mn
    elif cp.startswith("."):
        fsec = parse_fractional_second(cp)
        hour, mn, sec = 0, hour, mn
    elif cp.startswith(":"):
        sec, cp = _strtoint(cp[1:])
        if cp.startswith("."):
            fsec = parse_fractional_second(cp)
        elif cp != "":
            raise DtError(BAD_FORMAT)
    else:
        raise DtError(BAD_FORMAT)
    if hour < 0 or mn < 0 or mn > 59 or sec < 0 or sec > 60 or fsec < 0 or fsec > USECS_PER_SEC:
        raise DtError(FIELD_OVERFLOW)
    return hour, mn, sec, fsec


def time_overflows(h: int, m: int, s: int, fsec: int) -> bool:
    if h < 0 or m < 0 or m > 59 or s < 0 or s > 60 or fsec < 0 or fsec > USECS_PER_SEC:
        return True
    return ((h * 60 + m) * 60 + s) * USECS_PER_SEC + fsec > 24 * 3600 * USECS_PER_SEC


NowFn = Callable[[], _dt.datetime]
