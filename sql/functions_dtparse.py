"""``to_timestamp(text, format)`` and ``to_date(text, format)``: PostgreSQL 15's DCH_from_char
and do_to_timestamp (non-FX separator matching, FM/TH handling, 12-hour clock, ISO weeks, Julian
days, CC/YY centuries, TZH/TZM offsets; TZ/tz/OF input is refused as in PG 15).

Results outside years 1..9999 (including the year-0/BC default when the template has no year
field) cannot be represented and raise 22008 instead of returning a BC value.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.datatypes.dtcommon import UTC, local_to_utc
from sql.errors import SqlError
from sql.functions import builtin
from sql.functions_dtfmt import (
    _YEAR_DIGITS,
    DAYS,
    DIGIT_KEYS,
    GREGORIAN,
    ISOWEEK,
    MONTHS,
    RM_UPPER,
    Node,
    isoweek2j,
    j2date,
    parse_dch_format,
)
from sql.functions_util import session_tz

_INT = re.compile(r"\s*[+-]?[0-9]+")


def _fmt_error(msg: str, detail: str | None = None, hint: str | None = None) -> SqlError:
    return SqlError(sqlstate.INVALID_DATETIME_FORMAT, msg, detail=detail, hint=hint)


def _range_error(text: str) -> SqlError:
    return SqlError(sqlstate.DATETIME_FIELD_OVERFLOW, f'date/time field value out of range: "{text}"')


@dataclass
class FromChar:
    mode: str = ""
    hh: int = 0
    pm: int = 0
    mi: int = 0
    ss: int = 0
    ssss: int = 0
    d: int = 0
    dd: int = 0
    ddd: int = 0
    mm: int = 0
    ms: int = 0
    year: int = 0
    bc: int = 0
    ww: int = 0
    w: int = 0
    cc: int = 0
    j: int = 0
    us: int = 0
    yysz: int = 0
    clock12: bool = False
    tzsign: int = 0
    tzh: int = 0
    tzm: int = 0
    ff: int = 0


class _Parser:
    def __init__(self, text: str, nodes: tuple[Node, ...]) -> None:
        self.s = text
        self.i = 0
        self.nodes = nodes
        self.out = FromChar()

    def _set(self, attr: str, value: int, node: Node) -> None:
        cur = getattr(self.out, attr)
        if cur != 0 and cur != value:
            raise _fmt_error(f'conflicting values for "{node.text}" field in formatting string',
                             "This value contradicts a previous setting for the same field type.")
        setattr(self.out, attr, value)

    def _next_is_separator(self, k: int) -> bool:
        node = self.nodes[k]
        if node.th:
            return True
        if k + 1 >= len(self.nodes):
            return True
        nxt = self.nodes[k + 1]
        if nxt.kind == "kw":
            return nxt.key not in DIGIT_KEYS
        return not (len(nxt.text) == 1 and nxt.text.isdigit())

    def _int(self, attr: str | None, length: int, k: int) -> int:
        """from_char_parse_int_len: returns the number of characters consumed."""
        node = self.nodes[k]
        init = self.i
        while self.i < len(self.s) and self.s[self.i].isspace():
            self.i += 1
        copy = self.s[self.i:self.i + length]
        if node.fm or self._next_is_separator(k):
            m = _INT.match(self.s, init)
            if m is None:
                self.i = init
            else:
                self.i = m.end()
                result = int(m.group(0))
        else:
            if len(copy) < length:
                raise _fmt_error(f'source string too short for "{node.text}" formatting field',
                                 f"Field requires {length} characters, but only {len(copy)} remain.",
                                 'If your source string is not fixed-width, try using the "FM" modifier.')
            m = _INT.match(copy)
            used = m.end() if m else 0
            if 0 < used < length:
                raise _fmt_error(f'invalid value "{copy}" for "{node.text}"',
                                 f"Field requires {length} characters, but only {used} could be parsed.",
                                 'If your source string is not fixed-width, try using the "FM" modifier.')
            self.i += used
            if m:
                result = int(m.group(0))
        if self.i == init:
            raise _fmt_error(f'invalid value "{copy}" for "{node.text}"', "Value must be an integer.")
        if not -(2**31) <= result < 2**31:
            raise SqlError(sqlstate.DATETIME_FIELD_OVERFLOW,
                           f'value for "{node.text}" in source string is out of range',
                           detail=f"Value must be in the range {-(2**31)} to {2**31 - 1}.")
        if attr is not None:
            self._set(attr, result, node)
        return self.i - init

    def _seq(self, words: list[str], node: Node) -> int:
        rest = self.s[self.i:]
        low = rest.lower()
        for idx, w in enumerate(words):
            if low.startswith(w.lower()):
                self.i += len(w)
                return idx
        copy = re.split(r"[ \t\n\r\f\v]", rest, maxsplit=1)[0]
        raise _fmt_error(f'invalid value "{copy}" for "{node.text}"',
                         "The given value did not match any of the allowed values for this field.")

    def _skip_th(self, node: Node) -> None:
        if node.th:
            self.i = min(self.i + 2, len(self.s))

    def run(self) -> FromChar:
        fx = False
        extra = 0
        s = self.s
        for k, node in enumerate(self.nodes):
            if self.i >= len(s):
                break
            if not fx and not (node.kind == "kw" and node.key == "FX") and (node.kind == "kw" or k == 0):
                while self.i < len(s) and s[self.i].isspace():
                    self.i += 1
                    extra += 1
            if node.kind in ("space", "sep"):
                if not fx:
                    extra -= 1
                    c = s[self.i] if self.i < len(s) else ""
                    if c and (c.isspace() or (0x20 < ord(c) < 0x7F and not c.isalnum())):
                        self.i += 1
                        extra += 1
                else:
                    self.i += 1
                continue
            if node.kind == "ch":
                if not fx and extra > 0:
                    extra -= 1
                else:
                    self.i += 1
                continue
            self._field(k, node)
            if node.key == "FX":
                fx = True
            if not fx:
                extra = 0
                while self.i < len(s) and s[self.i].isspace():
                    self.i += 1
                    extra += 1
        return self.out

    def _field(self, k: int, node: Node) -> None:
        key, o = node.key, self.out
        mode = "G" if key in GREGORIAN else "I" if key in ISOWEEK else ""
        if mode:
            if not o.mode:
                o.mode = mode
            elif o.mode != mode:
                raise _fmt_error("invalid combination of date conventions",
                                 hint="Do not mix Gregorian and ISO week date conventions in a formatting template.")
        if key in ("A.M.", "P.M.", "a.m.", "p.m."):
            self._set("pm", self._seq(["a.m.", "p.m.", "A.M.", "P.M."], node) % 2, node)
            o.clock12 = True
        elif key in ("AM", "PM", "am", "pm"):
            self._set("pm", self._seq(["am", "pm", "AM", "PM"], node) % 2, node)
            o.clock12 = True
        elif key in ("HH", "HH12", "HH24"):
            self._int("hh", 2, k)
            o.clock12 = o.clock12 or key != "HH24"
            self._skip_th(node)
        elif key in ("MI", "SS", "MM", "DD", "D", "CC", "W", "J", "DDD", "SSSS", "SSSSS", "WW", "IW"):
            attr = {"MI": "mi", "SS": "ss", "MM": "mm", "DD": "dd", "D": "d", "CC": "cc", "W": "w", "J": "j",
                    "DDD": "ddd", "SSSS": "ssss", "SSSSS": "ssss", "WW": "ww", "IW": "ww"}[key]
            self._int(attr, len(node.text), k)
            self._skip_th(node)
        elif key == "MS":
            n = self._int("ms", 3, k)
            o.ms *= 100 if n == 1 else 10 if n == 2 else 1
            self._skip_th(node)
        elif key == "US" or key.startswith("FF"):
            digits = 6 if key == "US" else int(key[2])
            if key != "US":
                o.ff = digits
            n = self._int("us", digits, k)
            o.us *= 10 ** max(6 - n, 0) if n <= 6 else 1
            self._skip_th(node)
        elif key in ("TZ", "tz", "OF"):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                           f'formatting field "{node.text}" is only supported in to_char')
        elif key == "TZH":
            c = self.s[self.i] if self.i < len(self.s) else ""
            if c in ("+", "-", " "):
                o.tzsign = -1 if c == "-" else 1
                self.i += 1
            else:
                o.tzsign = -1 if self.i > 0 and self.s[self.i - 1] == "-" else 1
            self._int("tzh", 2, k)
        elif key == "TZM":
            o.tzsign = o.tzsign or 1
            self._int("tzm", 2, k)
        elif key in ("A.D.", "B.C.", "a.d.", "b.c."):
            self._set("bc", self._seq(["a.d.", "b.c.", "A.D.", "B.C."], node) % 2, node)
        elif key in ("AD", "BC", "ad", "bc"):
            self._set("bc", self._seq(["ad", "bc", "AD", "BC"], node) % 2, node)
        elif key in ("MONTH", "Month", "month", "MON", "Mon", "mon"):
            names = MONTHS if len(key) == 5 else [m[:3] for m in MONTHS]
            self._set("mm", self._seq(names, node) + 1, node)
        elif key in ("DAY", "Day", "day", "DY", "Dy", "dy"):
            names = DAYS if len(key) == 3 else [d[:3] for d in DAYS]
            self._set("d", self._seq(names, node) + 1, node)
        elif key == "IDDD":
            self._int("ddd", 3, k)
            self._skip_th(node)
        elif key == "ID":
            self._int("d", 1, k)
            o.d = 1 if o.d + 1 > 7 else o.d + 1
            self._skip_th(node)
        elif key == "Q":
            self._int(None, 1, k)
            self._skip_th(node)
        elif key == "Y,YYY":
            m = re.match(r"\s*([+-]?\d+),(\d{1,3})", self.s[self.i:])
            if m is None:
                raise _fmt_error(f'invalid value "{self.s[self.i:]}" for "Y,YYY"')
            self._set("year", int(m.group(1)) * 1000 + int(m.group(2)), node)
            o.yysz = 4
            self.i += m.end()
            self._skip_th(node)
        elif key in ("YYYY", "IYYY", "YYY", "IYY", "YY", "IY", "Y", "I"):
            size = _YEAR_DIGITS[key]
            n = self._int("year", len(node.text), k)
            if size < 4 and n < 4:
                o.year = _adjust_year(o.year)
            o.yysz = size
            self._skip_th(node)
        elif key in ("RM", "rm"):
            idx = self._seq(RM_UPPER, node)
            self._set("mm", 12 - idx, node)


def _adjust_year(y: int) -> int:
    if y < 70:
        return y + 2000
    if y < 100:
        return y + 1900
    if y < 520:
        return y + 2000
    if y < 1000:
        return y + 1000
    return y


_YSUM = ((0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365),
         (0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366))


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def do_to_timestamp(text: str, fmt: str) -> tuple[list[int], int, int | None, int]:
    """([year, mon, mday, hour, min, sec], usec, UTC offset east in seconds or None, FFn precision)."""
    tmfc = _Parser(text, parse_dch_format(fmt)).run() if fmt else FromChar()
    tm = [0, 1, 1, 0, 0, 0]
    usec = 0
    have_y = have_m = have_d = False
    if tmfc.ssss:
        tm[3], rem = divmod(tmfc.ssss, 3600)
        tm[4], tm[5] = divmod(rem, 60)
    if tmfc.ss:
        tm[5] = tmfc.ss
    if tmfc.mi:
        tm[4] = tmfc.mi
    if tmfc.hh:
        tm[3] = tmfc.hh
    if tmfc.clock12:
        if tm[3] < 1 or tm[3] > 12:
            raise _fmt_error(f'hour "{tm[3]}" is invalid for the 12-hour clock',
                             hint="Use the 24-hour clock, or give an hour between 1 and 12.")
        if tmfc.pm and tm[3] < 12:
            tm[3] += 12
        elif not tmfc.pm and tm[3] == 12:
            tm[3] = 0
    if tmfc.year:
        if tmfc.cc and tmfc.yysz <= 2:
            cc = -tmfc.cc if tmfc.bc else tmfc.cc
            tm[0] = tmfc.year % 100
            if tm[0]:
                tm[0] = tm[0] + (cc - 1) * 100 if cc >= 0 else (cc + 1) * 100 - tm[0] + 1
            else:
                tm[0] = cc * 100 + (0 if cc >= 0 else 1)
        else:
            tm[0] = -tmfc.year if tmfc.bc else tmfc.year
            if tm[0] < 0:
                tm[0] += 1
        have_y = True
    elif tmfc.cc:
        cc = -tmfc.cc if tmfc.bc else tmfc.cc
        tm[0] = (cc - 1) * 100 + 1 if cc >= 0 else cc * 100 + 1
        have_y = True
    if tmfc.j:
        tm[0], tm[1], tm[2] = j2date(tmfc.j)
        have_y = have_m = have_d = True
    if tmfc.ww:
        if tmfc.mode == "I":
            jday = isoweek2j(tm[0], tmfc.ww)
            if tmfc.d:
                jday += tmfc.d - 2 if tmfc.d > 1 else 6
            tm[0], tm[1], tm[2] = j2date(jday)
            have_y = have_m = have_d = True
        else:
            tmfc.ddd = (tmfc.ww - 1) * 7 + 1
    if tmfc.w:
        tmfc.dd = (tmfc.w - 1) * 7 + 1
    if tmfc.dd:
        tm[2] = tmfc.dd
        have_d = True
    if tmfc.mm:
        tm[1] = tmfc.mm
        have_m = True
    if tmfc.ddd and (tm[1] <= 1 or tm[2] <= 1):
        if not tm[0] and not tmfc.bc:
            raise _fmt_error("cannot calculate day of year without year information")
        if tmfc.mode == "I":
            tm[0], tm[1], tm[2] = j2date(isoweek2j(tm[0], 1) - 1 + tmfc.ddd)
        else:
            ysum = _YSUM[_leap(tm[0])]
            i = next((i for i in range(1, 13) if tmfc.ddd <= ysum[i]), 13)
            if tm[1] <= 1:
                tm[1] = i
            if tm[2] <= 1:
                tm[2] = tmfc.ddd - ysum[min(i, 13) - 1]
        have_m = have_d = True
    usec = tmfc.ms * 1000 + tmfc.us
    if (have_m and not 1 <= tm[1] <= 12) or (have_d and not 1 <= tm[2] <= 31):
        raise _range_error(text)
    if have_y and have_m and have_d and 1 <= tm[1] <= 12:
        from sql.functions_datetime import _mdays

        if tm[2] > _mdays(tm[0], tm[1]):
            raise _range_error(text)
    if not (0 <= tm[3] < 24 and 0 <= tm[4] < 60 and 0 <= tm[5] < 60 and 0 <= usec < 1_000_000):
        raise _range_error(text)
    offset = None
    if tmfc.tzsign:
        if not 0 <= tmfc.tzh <= 15 or not 0 <= tmfc.tzm < 60:
            raise SqlError(sqlstate.INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
                           f'time zone displacement out of range: "{text}"')
        offset = (tmfc.tzh * 60 + tmfc.tzm) * 60 * (1 if tmfc.tzsign > 0 else -1)
    return tm, usec, offset, tmfc.ff


@builtin("to_timestamp", (T.TEXT, T.TEXT), T.TIMESTAMPTZ, needs_ctx=True)
def to_timestamp(ctx: Any, text: str, fmt: str) -> _dt.datetime:
    tm, usec, offset, fprec = do_to_timestamp(text, fmt)
    try:
        local = _dt.datetime(tm[0], tm[1], tm[2], tm[3], tm[4], tm[5], usec)
    except (ValueError, OverflowError):
        raise SqlError(sqlstate.DATETIME_FIELD_OVERFLOW, "timestamp out of range") from None
    if offset is not None:
        result = (local - _dt.timedelta(seconds=offset)).replace(tzinfo=UTC)
    else:
        result = local_to_utc(local, session_tz(ctx))
    if fprec:
        from sql.datatypes.datetimes import round_timestamp

        result = round_timestamp(result, fprec)
    return result


@builtin("to_date", (T.TEXT, T.TEXT), T.DATE)
def to_date(text: str, fmt: str) -> _dt.date:
    tm, _usec, _off, _ff = do_to_timestamp(text, fmt)
    try:
        return _dt.date(tm[0], tm[1], tm[2])
    except (ValueError, OverflowError):
        raise SqlError(sqlstate.DATETIME_FIELD_OVERFLOW, f'date out of range: "{text}"') from None

