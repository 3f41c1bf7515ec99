"""``DecodeDateTime`` and ``DecodeTimeOnly``: tokenized date/time fields -> broken-down time.

Both take the fields from :func:`sql.datatypes.dtparse.tokenize`, the session time zone and
a clock (for ``now``/``today``/``tomorrow``/``yesterday``), and return a :class:`DecodedDt`.
Time-zone offsets are in seconds *east* of UTC (the opposite sign of PostgreSQL's ``tzp``).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .dtcommon import utc_to_local
from .dtfields import (
    _State,
    decode_date,
    decode_number,
    decode_number_field,
    validate_date,
    zone_offset_for_local,
)
from .dtparse import (
    ALL_SECS_M,
    BAD_FORMAT,
    BAD_TIMEZONE,
    DATE,
    DATE_M,
    DATE_TOKENS,
    FIELD_OVERFLOW,
    NUMBER,
    SPECIAL,
    STRING,
    TIME,
    TIME_M,
    TZ,
    DtError,
    M,
    NowFn,
    Tm,
    _strtoint,
    date2j,
    decode_time_common,
    decode_timezone,
    j2date,
    lookup_token,
    parse_fraction,
    parse_fractional_second,
    time_overflows,
)
from .tzdata import abbreviation_offset, find_zone


@dataclass
class DecodedDt:
    kind: str  # "date" (normal value), "epoch", "late" (infinity), "early" (-infinity)
    tm: Tm
    tz: int | None  # seconds east of UTC; None when not computed
    has_date: bool = True


def _lookup_string(field: str) -> tuple[str, object]:
    """Timezone abbreviations take precedence over the keyword table (as in PostgreSQL)."""
    ab = abbreviation_offset(field)
    if ab is not None:
        return ("DTZ" if ab[1] else "TZ", ab[0])
    tok = lookup_token(DATE_TOKENS, field)
    if tok is None:
        return ("UNKNOWN", 0)
    return tok


def _now_local(now_fn: NowFn, tz: _dt.tzinfo) -> tuple[_dt.datetime, int]:
    return utc_to_local(now_fn(), tz)


def decode_datetime(fields: list[tuple[str, str]], session_tz: _dt.tzinfo, now_fn: NowFn) -> DecodedDt:
    st = _State()
    tm = st.tm
    fmask = 0
    ptype = ""
    kind = "date"
    mer = ""
    have_text_month = False
    isjulian = False
    bc = False
    named_tz: _dt.tzinfo | None = None
    tz: int = 0
    for ftype, field in fields:
        tmask = 0
        if ftype == DATE:
            if ptype == "julian":
                jday, cp = _strtoint(field)
                if jday < 0:
                    raise DtError(FIELD_OVERFLOW)
                tm.year, tm.mon, tm.mday = j2date(jday)
                isjulian = True
                tz = decode_timezone(cp)
                tmask = DATE_M | TIME_M | M("TZ")
                ptype = ""
            elif ptype or (fmask & (M("MONTH") | M("DAY"))) == (M("MONTH") | M("DAY")):
                if field[:1].isdigit() or ptype:
                    if ptype:
                        if ptype != "time":
                            raise DtError(BAD_FORMAT)
                        ptype = ""
                    if (fmask & TIME_M) == TIME_M:
                        raise DtError(BAD_FORMAT)
                    dash = field.find("-")
                    if dash < 0:
                        raise DtError(BAD_FORMAT)
                    tz = decode_timezone(field[dash:])
                    _, tmask = decode_number_field(st, field[:dash], fmask)
                    tmask |= M("TZ")
                else:
                    named_tz = find_zone(field)
                    if named_tz is None:
                        raise DtError(BAD_TIMEZONE, field)
                    tmask = M("TZ")
            else:
                tmask = decode_date(st, field, fmask)
        elif ftype == TIME:
            if ptype:
                if ptype != "time":
                    raise DtError(BAD_FORMAT)
                ptype = ""
            tm.hour, tm.min, tm.sec, tm.fsec = decode_time_common(field)
            tmask = TIME_M
            if time_overflows(tm.hour, tm.min, tm.sec, tm.fsec):
                raise DtError(FIELD_OVERFLOW)
        elif ftype == TZ:
            tz = decode_timezone(field)
            tmask = M("TZ")
        elif ftype == NUMBER:
            if ptype:
                value, cp = _strtoint(field)
                if cp and not cp.startswith("."):
                    raise DtError(BAD_FORMAT)
                if ptype == "julian":
                    if value < 0:
                        raise DtError(FIELD_OVERFLOW)
                    tmask = DATE_M
                    tm.year, tm.mon, tm.mday = j2date(value)
                    isjulian = True
                    if cp.startswith("."):
                        us = int(parse_fraction(cp) * 86400 * 1_000_000)
                        tm.hour, rem = divmod(us, 3600 * 1_000_000)
                        tm.min, rem = divmod(rem, 60 * 1_000_000)
                        tm.sec, tm.fsec = divmod(rem, 1_000_000)
                        tmask |= TIME_M
                elif ptype == "time":
                    _, tmask = decode_number_field(st, field, fmask | DATE_M)
                    if tmask != TIME_M:
                        raise DtError(BAD_FORMAT)
                else:
                    tmask = _iso_unit_number(st, ptype, value, cp, fmask)
                ptype = ""
            else:
                flen = len(field)
                dot = field.find(".")
                if dot >= 0 and not (fmask & DATE_M):
                    tmask = decode_date(st, field, fmask)
                elif dot >= 0 and dot > 2:
                    _, tmask = decode_number_field(st, field, fmask)
                elif flen >= 6 and (not (fmask & DATE_M) or not (fmask & TIME_M)):
                    _, tmask = decode_number_field(st, field, fmask)
                else:
                    tmask = decode_number(st, field, have_text_month, fmask)
        elif ftype in (STRING, SPECIAL):
            typ, val = _lookup_string(field)
            if typ == "IGNORE":
                continue
            tmask = M(typ) if typ in ("MONTH", "TZ", "DTZ", "AMPM", "ADBC", "DOW", "DTZMOD", "RESERV") else 0
            if typ == "RESERV":
                if val == "now":
                    tmask = DATE_M | TIME_M | M("TZ")
                    local, tz = _now_local(now_fn, session_tz)
                    tm.set_datetime(local)
                elif val in ("yesterday", "today", "tomorrow"):
                    tmask = DATE_M
                    local, _ = _now_local(now_fn, session_tz)
                    d = local.date() + _dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[val])  # type: ignore[index]
                    tm.set_date(d)
                elif val == "zulu":
                    tmask = TIME_M | M("TZ")
                    tm.hour = tm.min = tm.sec = 0
                    tz = 0
                else:  # epoch, late, early
                    tmask = DATE_M | TIME_M | M("TZ")
                    kind = str(val)
            elif typ == "MONTH":
                numeric_month = (fmask & M("MONTH")) and not have_text_month
                if numeric_month and not (fmask & M("DAY")) and 1 <= tm.mon <= 31:
                    tm.mday = tm.mon
                    tmask = M("DAY")
                have_text_month = True
                tm.mon = int(val)  # type: ignore[call-overload]
            elif typ == "DTZMOD":
                tmask |= M("DTZ")
                tz += int(val)  # type: ignore[call-overload]
            elif typ == "DTZ":
                tmask |= M("TZ")
                tz = int(val)  # type: ignore[call-overload]
            elif typ == "TZ":
                tz = int(val)  # type: ignore[call-overload]
            elif typ == "AMPM":
                mer = str(val)
            elif typ == "ADBC":
                bc = val == "bc"
            elif typ == "DOW":
                tm.wday = int(val)  # type: ignore[call-overload]
            elif typ == "UNITS":
                tmask = 0
                if ptype:
                    raise DtError(BAD_FORMAT)
                ptype = str(val)
            elif typ == "ISOTIME":
                tmask = 0
                if (fmask & DATE_M) != DATE_M or ptype:
                    raise DtError(BAD_FORMAT)
                ptype = "time"
            else:  # unknown word: maybe an all-alpha zone name
                named_tz = find_zone(field)
                if named_tz is None:
                    raise DtError(BAD_FORMAT)
                tmask = M("TZ")
        else:
            raise DtError(BAD_FORMAT)
        if tmask & fmask:
            raise DtError(BAD_FORMAT)
        fmask |= tmask
    if ptype:
        raise DtError(BAD_FORMAT)
    if kind != "date":
        return DecodedDt(kind, tm, tz)
    validate_date(st, fmask, isjulian, bc)
    _apply_meridian(tm, mer)
    if (fmask & DATE_M) != DATE_M:
        raise DtError(BAD_FORMAT)
    if named_tz is not None:
        if fmask & M("DTZMOD"):
            raise DtError(BAD_FORMAT)
        tz = zone_offset_for_local(tm, named_tz)
    if not (fmask & M("TZ")):
        if fmask & M("DTZMOD"):
            raise DtError(BAD_FORMAT)
        tz = zone_offset_for_local(tm, session_tz)
    return DecodedDt(kind, tm, tz)


def _iso_unit_number(st: _State, ptype: str, value: int, cp: str, fmask: int) -> int:
    """PostgreSQL 15's labelled fields such as ``y2001m02d04`` (unit letter then number)."""
    tm = st.tm
    if ptype == "year":
        tm.year = value
        return M("YEAR")
    if ptype == "month":
        if (fmask & M("MONTH")) and (fmask & M("HOUR")):
            tm.min = value
            return M("MINUTE")
        tm.mon = value
        return M("MONTH")
    if ptype == "day":
        tm.mday = value
        return M("DAY")
    if ptype == "hour":
        tm.hour = value
        return M("HOUR")
    if ptype == "minute":
        tm.min = value
        return M("MINUTE")
    if ptype == "second":
        tm.sec = value
        if cp.startswith("."):
            tm.fsec = parse_fractional_second(cp)
            return ALL_SECS_M
        return M("SECOND")
    raise DtError(BAD_FORMAT)


def _apply_meridian(tm: Tm, mer: str) -> None:
    if mer and tm.hour > 12:
        raise DtError(FIELD_OVERFLOW)
    if mer == "am" and tm.hour == 12:
        tm.hour = 0
    elif mer == "pm" and tm.hour != 12:
        tm.hour += 12


def decode_time_only(fields: list[tuple[str, str]], session_tz: _dt.tzinfo, now_fn: NowFn) -> DecodedDt:
    st = _State()
    tm = st.tm
    fmask = 0
    ptype = ""
    mer = ""
    bc = False
    isjulian = False
    named_tz: _dt.tzinfo | None = None
    nf = len(fields)
    for i, (ftype, field) in enumerate(fields):
        tmask = 0
        if ftype == DATE:
            if i == 0 and nf >= 2 and (fields[-1][0] == DATE or fields[1][0] == TIME):
                tmask = decode_date(st, field, fmask)
            elif field[:1].isdigit():
                if (fmask & TIME_M) == TIME_M:
                    raise DtError(BAD_FORMAT)
                dash = field.find("-")
                if dash < 0:
                    raise DtError(BAD_FORMAT)
                decode_timezone(field[dash:])
                _, tmask = decode_number_field(st, field[:dash], fmask | DATE_M)
                tmask |= M("TZ")
            else:
                named_tz = find_zone(field)
                if named_tz is None:
                    raise DtError(BAD_TIMEZONE, field)
                tmask = M("TZ")
        elif ftype == TIME:
            if ptype:
                if ptype != "time":
                    raise DtError(BAD_FORMAT)
                ptype = ""
            tm.hour, tm.min, tm.sec, tm.fsec = decode_time_common(field)
            tmask = TIME_M
        elif ftype == TZ:
            decode_timezone(field)
            tmask = M("TZ")
        elif ftype == NUMBER:
            if ptype:
                value, cp = _strtoint(field)
                if cp and not cp.startswith("."):
                    raise DtError(BAD_FORMAT)
                if ptype == "time":
                    _, tmask = decode_number_field(st, field, fmask | DATE_M)
                    if tmask != TIME_M:
                        raise DtError(BAD_FORMAT)
                elif ptype == "julian":
                    if value < 0:
                        raise DtError(FIELD_OVERFLOW)
                    tmask = DATE_M
                    tm.year, tm.mon, tm.mday = j2date(value)
                    isjulian = True
                else:
                    raise DtError(BAD_FORMAT)
                ptype = ""
            else:
                flen = len(field)
                dot = field.find(".")
                if dot >= 0:
                    if i == 0 and nf >= 2 and fields[-1][0] == DATE:
                        tmask = decode_date(st, field, fmask)
                    elif dot > 2:
                        _, tmask = decode_number_field(st, field, fmask | DATE_M)
                    else:
                        raise DtError(BAD_FORMAT)
                elif flen > 4:
                    _, tmask = decode_number_field(st, field, fmask | DATE_M)
                else:
                    tmask = decode_number(st, field, False, fmask | DATE_M)
        elif ftype in (STRING, SPECIAL):
            typ, val = _lookup_string(field)
            if typ == "IGNORE":
                continue
            tmask = M(typ) if typ in ("MONTH", "TZ", "DTZ", "AMPM", "ADBC", "DOW", "DTZMOD", "RESERV") else 0
            if typ == "RESERV":
                if val == "now":
                    tmask = TIME_M
                    local, _ = _now_local(now_fn, session_tz)
                    tm.hour, tm.min = local.hour, local.minute
                    tm.sec, tm.fsec = local.second, local.microsecond
                elif val == "zulu":
                    tmask = TIME_M | M("TZ")
                    tm.hour = tm.min = tm.sec = 0
                else:
                    raise DtError(BAD_FORMAT)
            elif typ == "DTZMOD":
                tmask |= M("DTZ")
            elif typ == "DTZ":
                tmask |= M("TZ")
            elif typ == "TZ":
                pass
            elif typ == "AMPM":
                mer = str(val)
            elif typ == "ADBC":
                bc = val == "bc"
            elif typ in ("UNITS", "ISOTIME"):
                tmask = 0
                if ptype:
                    raise DtError(BAD_FORMAT)
                ptype = str(val)
            elif typ == "MONTH" or typ == "DOW":
                raise DtError(BAD_FORMAT)
            else:
                named_tz = find_zone(field)
                if named_tz is None:
                    raise DtError(BAD_FORMAT)
                tmask = M("TZ")
        else:
            raise DtError(BAD_FORMAT)
        if tmask & fmask:
            raise DtError(BAD_FORMAT)
        fmask |= tmask
    if ptype:
        raise DtError(BAD_FORMAT)
    validate_date(st, fmask, isjulian, bc)
    _apply_meridian(tm, mer)
    if time_overflows(tm.hour, tm.min, tm.sec, tm.fsec):
        raise DtError(FIELD_OVERFLOW)
    if (fmask & TIME_M) != TIME_M:
        raise DtError(BAD_FORMAT)
    if named_tz is not None and not _is_fixed_zone(named_tz) and (fmask & DATE_M) != DATE_M:
        raise DtError(BAD_FORMAT)
    if not (fmask & M("TZ")) and (fmask & DATE_M) and (fmask & DATE_M) != DATE_M:
        raise DtError(BAD_FORMAT)
    return DecodedDt("date", tm, None, has_date=(fmask & DATE_M) == DATE_M)


def _is_fixed_zone(zone: _dt.tzinfo) -> bool:
    a = _dt.datetime(2000, 1, 15, tzinfo=zone).utcoffset()
    b = _dt.datetime(2000, 7, 15, tzinfo=zone).utcoffset()
    c = _dt.datetime(1950, 1, 15, tzinfo=zone).utcoffset()
    return a == b == c


__all__ = ["DecodedDt", "decode_datetime", "decode_time_only", "date2j"]
