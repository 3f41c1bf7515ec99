"""Binary form of ``numeric`` (``numeric_send`` / ``numeric_recv``).

Layout: int16 ndigits, int16 weight, uint16 sign, uint16 dscale, then ndigits int16 base-10000
digits. ``weight`` is the power of 10000 of the first digit; leading and trailing zero digits
are stripped; zero is ``ndigits = 0, weight = 0``. Sign is 0x0000 (positive), 0x4000
(negative), 0xC000 (NaN), 0xD000 (+Infinity) or 0xF000 (-Infinity).
"""

from __future__ import annotations

import struct
from decimal import Decimal

from sql import sqlstate
from sql.errors import SqlError

from ._errors import bad_binary
from .numeric import NAN, NEG_INF, NUMERIC_CONTEXT, NUMERIC_MAX_DSCALE, POS_INF, check_numeric_range, dscale

NUMERIC_POS, NUMERIC_NEG, NUMERIC_NAN, NUMERIC_PINF, NUMERIC_NINF = 0x0000, 0x4000, 0xC000, 0xD000, 0xF000
_HDR = struct.Struct(">hhHH")


def numeric_send(value: Decimal) -> bytes:
    if value.is_nan():
        return _HDR.pack(0, 0, NUMERIC_NAN, 0)
    if value.is_infinite():
        # PostgreSQL reads dscale out of the special header word: 32 for both infinities
        return _HDR.pack(0, 0, NUMERIC_NINF if value.is_signed() else NUMERIC_PINF, 32)
    scale = dscale(value)
    sign, digits, exp = value.as_tuple()
    assert isinstance(exp, int)
    s = "".join(map(str, digits))
    # integer and fraction digit strings, padded to whole base-10000 groups
    if exp >= 0:
        ip, fp = s + "0" * exp, ""
    else:
        k = -exp
        s = s.rjust(k, "0")
        ip, fp = s[:-k], s[-k:]
    ip = ip.lstrip("0")
    ip = ip.rjust((len(ip) + 3) // 4 * 4, "0")
    fp = fp.ljust((len(fp) + 3) // 4 * 4, "0")
    both = ip + fp
    groups = [int(both[i: i + 4]) for i in range(0, len(both), 4)]
    weight = len(ip) // 4 - 1
    while groups and groups[0] == 0:
        groups.pop(0)
        weight -= 1
    while groups and groups[-1] == 0:
        groups.pop()
    if not groups:
        weight = 0
        sign = 0
    header = _HDR.pack(len(groups), weight, NUMERIC_NEG if sign else NUMERIC_POS, scale)
    return header + struct.pack(f">{len(groups)}h", *groups)


def numeric_recv(data: bytes) -> Decimal:
    data = bytes(data)
    if len(data) < 8:
        raise SqlError(sqlstate.PROTOCOL_VIOLATION, "insufficient data left in message")
    ndigits, weight, sign, scale = _HDR.unpack_from(data, 0)
    if ndigits < 0 or ndigits > 0x7FFF:
        raise bad_binary('invalid length in external "numeric" value')
    if len(data) < 8 + 2 * ndigits:
        raise SqlError(sqlstate.PROTOCOL_VIOLATION, "insufficient data left in message")
    if len(data) > 8 + 2 * ndigits:
        raise bad_binary()
    if sign not in (NUMERIC_POS, NUMERIC_NEG, NUMERIC_NAN, NUMERIC_PINF, NUMERIC_NINF):
        raise bad_binary('invalid sign in external "numeric" value')
    if scale & ~NUMERIC_MAX_DSCALE:
        raise bad_binary('invalid scale in external "numeric" value')
    digits = struct.unpack_from(f">{ndigits}h", data, 8)
    for d in digits:
        if d < 0 or d >= 10000:
            raise bad_binary('invalid digit in external "numeric" value')
    if sign == NUMERIC_NAN:
        return NAN
    if sign == NUMERIC_PINF:
        return POS_INF
    if sign == NUMERIC_NINF:
        return NEG_INF
    coeff = 0
    for d in digits:
        coeff = coeff * 10000 + d
    # value = coeff * 10000^(weight - ndigits + 1); digits beyond dscale are truncated
    value = Decimal(coeff).scaleb(4 * (weight - ndigits + 1), context=NUMERIC_CONTEXT)
    q = Decimal(1).scaleb(-scale)
    value = value.quantize(q, rounding="ROUND_DOWN", context=NUMERIC_CONTEXT)
    if sign == NUMERIC_NEG and not value.is_zero():
        value = value.copy_negate()
    return check_numeric_range(value)
