"""Field-level date decoders shared by ``DecodeDateTime`` and ``DecodeTimeOnly``.

``DecodeNumberField`` (run-together ``yyyymmdd`` / ``hhmmss``), ``DecodeNumber`` (one number
placed by context in MDY order), ``DecodeDate`` (a delimited date such as ``1/2/2024`` or
``jan-02-2024``) and ``ValidateDate`` (year/month/day checks, BC, two-digit years,
day-of-year), ported from PostgreSQL's ``datetime.c``.
"""

from __future__ import annotations

import datetime as _dt

from .dtcommon import DATE_ORDER, local_to_utc
from .dtparse import (
    BAD_FORMAT,
    DATE,
    DATE_M,
    DATE_TOKENS,
    FIELD_OVERFLOW,
    MD_FIELD_OVERFLOW,
    TIME,
    TIME_M,
    DtError,
    M,
    Tm,
    _isalnum,
    _isalpha,
    _isdigit,
    _strtoint,
    date2j,
    days_in_month,
    j2date,
    lookup_token,
    parse_fractional_second,
)


class _State:
    """Mutable decoding state shared by the helpers."""

    def __init__(self) -> None:
        self.tm = Tm()
        self.is2digits = False


def decode_number_field(st: _State, s: str, fmask: int) -> tuple[str, int]:
    """``DecodeNumberField``: concatenated yyyymmdd / hhmmss[.fff] -> (kind, tmask)."""
    tm = st.tm
    if any(c not in "0123456789." for c in s):
        raise DtError(BAD_FORMAT)
    dot = s.find(".")
    if dot >= 0:
        tm.fsec = parse_fractional_second(s[dot:])
        s = s[:dot]
    elif (fmask & DATE_M) != DATE_M and len(s) >= 6:
        tm.mday = int(s[-2:])
        tm.mon = int(s[-4:-2])
        tm.year = int(s[:-4] or "0")
        if len(s) - 4 == 2:
            st.is2digits = True
        return DATE, DATE_M
    if (fmask & TIME_M) != TIME_M:
        if len(s) == 6:
            tm.hour, tm.min, tm.sec = int(s[:2]), int(s[2:4]), int(s[4:6])
            return TIME, TIME_M
        if len(s) == 4:
            tm.hour, tm.min, tm.sec = int(s[:2]), int(s[2:4]), 0
            return TIME, TIME_M
    raise DtError(BAD_FORMAT)


def decode_number(st: _State, s: str, have_text_month: bool, fmask: int) -> int:
    """``DecodeNumber``: one numeric field in context (DateStyle field order); returns tmask."""
    tm = st.tm
    flen = len(s)
    val, cp = _strtoint(s)
    if cp == s:
        raise DtError(BAD_FORMAT)
    if cp.startswith("."):
        if len(s) - len(cp) > 2:
            _, tmask = decode_number_field(st, s, fmask | DATE_M)
            return tmask
        tm.fsec = parse_fractional_second(cp)
    elif cp != "":
        raise DtError(BAD_FORMAT)
    if flen == 3 and (fmask & DATE_M) == M("YEAR") and 1 <= val <= 366:
        tm.yday = val
        return M("DOY") | M("MONTH") | M("DAY")
    have = fmask & DATE_M
    if have == 0:
        order = DATE_ORDER.get()
        if flen >= 3 or order == "YMD":
            tmask = M("YEAR")
            tm.year = val
        elif order == "DMY":
            tmask = M("DAY")
            tm.mday = val
        else:
            tmask = M("MONTH")
            tm.mon = val
    elif have == M("YEAR"):
        tmask = M("MONTH")
        tm.mon = val
    elif have == M("MONTH"):
        if have_text_month and flen >= 3:
            tmask = M("YEAR")
            tm.year = val
        else:
            tmask = M("DAY")
            tm.mday = val
    elif have == M("YEAR") | M("MONTH"):
        if have_text_month and flen >= 3 and st.is2digits:
            tmask = M("DAY")
            tm.mday = tm.year
            tm.year = val
            st.is2digits = False
        else:
            tmask = M("DAY")
            tm.mday = val
    elif have == M("DAY"):
        tmask = M("MONTH")
        tm.mon = val
    elif have == M("MONTH") | M("DAY"):
        tmask = M("YEAR")
        tm.year = val
    elif have == DATE_M:
        _, tmask = decode_number_field(st, s, fmask)
        return tmask
    else:
        raise DtError(BAD_FORMAT)
    if tmask == M("YEAR"):
        st.is2digits = flen <= 2
    return tmask


def decode_date(st: _State, s: str, fmask: int) -> int:
    """``DecodeDate``: a delimited date field such as '2024-01-02', '1/2/2024', 'jan-02-2024'."""
    parts: list[str] = []
    i, n = 0, len(s)
    while i < n:
        while i < n and not _isalnum(s[i]):
            i += 1
        if i >= n:
            raise DtError(BAD_FORMAT)
        j = i
        if _isdigit(s[i]):
            while j < n and _isdigit(s[j]):
                j += 1
        else:
            while j < n and _isalpha(s[j]):
                j += 1
        parts.append(s[i:j])
        i = j + 1 if j < n else j
        if len(parts) > 25:
            raise DtError(BAD_FORMAT)
    tmask = 0
    have_text_month = False
    remaining: list[str] = []
    for p in parts:
        if p and _isalpha(p[0]):
            tok = lookup_token(DATE_TOKENS, p)
            if tok is None or tok[0] == "IGNORE":
                if tok is not None:
                    continue
                raise DtError(BAD_FORMAT)
            if tok[0] != "MONTH":
                raise DtError(BAD_FORMAT)
            st.tm.mon = int(tok[1])  # type: ignore[call-overload]
            have_text_month = True
            dmask = M("MONTH")
            if fmask & dmask:
                raise DtError(BAD_FORMAT)
            fmask |= dmask
            tmask |= dmask
        else:
            remaining.append(p)
    for p in remaining:
        if not p:
            raise DtError(BAD_FORMAT)
        dmask = decode_number(st, p, have_text_month, fmask)
        if fmask & dmask:
            raise DtError(BAD_FORMAT)
        fmask |= dmask
        tmask |= dmask
    if (fmask & ~(M("DOY") | M("TZ"))) != DATE_M:
        raise DtError(BAD_FORMAT)
    return tmask


def validate_date(st: _State, fmask: int, isjulian: bool, bc: bool) -> None:
    tm = st.tm
    if fmask & M("YEAR"):
        if isjulian:
            pass
        elif bc:
            if tm.year <= 0:
                raise DtError(FIELD_OVERFLOW)
            tm.year = -(tm.year - 1)
        elif st.is2digits:
            if tm.year < 0:
                raise DtError(FIELD_OVERFLOW)
            if tm.year < 70:
                tm.year += 2000
            elif tm.year < 100:
                tm.year += 1900
        elif tm.year <= 0:
            raise DtError(FIELD_OVERFLOW)
    if fmask & M("DOY"):
        tm.year, tm.mon, tm.mday = j2date(date2j(tm.year, 1, 1) + tm.yday - 1)
    if fmask & M("MONTH") and (tm.mon < 1 or tm.mon > 12):
        raise DtError(MD_FIELD_OVERFLOW)
    if fmask & M("DAY") and (tm.mday < 1 or tm.mday > 31):
        raise DtError(MD_FIELD_OVERFLOW)
    if (fmask & DATE_M) == DATE_M and tm.mday > days_in_month(tm.year, tm.mon):
        raise DtError(FIELD_OVERFLOW)


# ---------------------------------------------------------------------------
# zone resolution helpers


def zone_offset_for_local(tm: Tm, zone: _dt.tzinfo) -> int:
    """Offset (seconds east) of ``zone`` at the wall-clock time in ``tm``."""
    try:
        local = _dt.datetime(tm.year, tm.mon, tm.mday, min(tm.hour, 23), tm.min, min(tm.sec, 59))
    except (ValueError, OverflowError):
        return 0
    utc = local_to_utc(local, zone)
    return int((local - utc.replace(tzinfo=None)).total_seconds())
