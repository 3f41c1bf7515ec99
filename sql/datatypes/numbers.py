"""Text I/O for ``bool``, the integer types (int2/int4/int8/oid) and the float types.

Datums: ``bool`` for boolean, ``int`` for int2/int4/int8/oid (oid is unsigned 0..2^32-1),
``float`` for float4/float8 (a float4 datum holds the float32-rounded value).

Float output follows PostgreSQL 15 with ``extra_float_digits = 1`` (the default): the
shortest string that reads back to the same value, in fixed notation when the decimal
exponent is in ``[-4, 15)`` (``[-4, 6)`` for float4) and in ``1e+15`` / ``1.5e-05`` notation
otherwise; ``NaN``, ``Infinity``, ``-Infinity``, ``-0``.
"""

from __future__ import annotations

import math
import re
import struct
from collections.abc import Callable

from ._errors import invalid_syntax, out_of_range, value_out_of_range

C_SPACE = " \t\n\v\f\r"

INT2_MIN, INT2_MAX = -(1 << 15), (1 << 15) - 1
INT4_MIN, INT4_MAX = -(1 << 31), (1 << 31) - 1
INT8_MIN, INT8_MAX = -(1 << 63), (1 << 63) - 1
OID_MAX = (1 << 32) - 1

# ---------------------------------------------------------------------------
# bool

_TRUE_WORDS = ("true", "yes")
_FALSE_WORDS = ("false", "no")


def parse_bool(text: str) -> bool | None:
    """PostgreSQL's ``parse_bool``: unique prefixes of true/yes/false/no, on/off, 1/0."""
    s = text.strip(C_SPACE).lower()
    if not s:
        return None
    if s in ("1",):
        return True
    if s in ("0",):
        return False
    if s in ("on",):
        return True
    if len(s) >= 2 and "off".startswith(s):
        return False
    for w in _TRUE_WORDS:
        if w.startswith(s):
            return True
    for w in _FALSE_WORDS:
        if w.startswith(s):
            return False
    return None


def bool_in(text: str) -> bool:
    v = parse_bool(text)
    if v is None:
        raise invalid_syntax("boolean", text)
    return v


def bool_out(value: bool) -> str:
    return "t" if value else "f"


# ---------------------------------------------------------------------------
# integers

_INT_RE = re.compile(r"[ \t\n\v\f\r]*([+-]?[0-9]+)[ \t\n\v\f\r]*\Z")

_INT_BOUNDS: dict[str, tuple[int, int]] = {
    "smallint": (INT2_MIN, INT2_MAX),
    "integer": (INT4_MIN, INT4_MAX),
    "bigint": (INT8_MIN, INT8_MAX),
}


def _make_int_in(type_name: str) -> Callable[[str], int]:
    lo, hi = _INT_BOUNDS[type_name]

    def int_in(text: str) -> int:
        if text.isdigit() and text.isascii():  # the common case, without the regular expression
            v = int(text)
            if v > hi:
                raise value_out_of_range(text, type_name)
            return v
        m = _INT_RE.match(text)
        if not m:
            raise invalid_syntax(type_name, text)
        v = int(m.group(1))
        if v < lo or v > hi:
            raise value_out_of_range(text, type_name)
        return v

    return int_in


int2_in = _make_int_in("smallint")
int4_in = _make_int_in("integer")
int8_in = _make_int_in("bigint")


def oid_in(text: str) -> int:
    """``oidin``: strtoul semantics -- negative values wrap (``-1`` is 4294967295)."""
    m = _INT_RE.match(text)
    if not m:
        raise invalid_syntax("oid", text)
    v = int(m.group(1))
    if v < INT4_MIN or v > OID_MAX:
        raise value_out_of_range(text, "oid")
    return v & OID_MAX


def int_out(value: int) -> str:
    return str(int(value))


def check_int2(v: int) -> int:
    if v < INT2_MIN or v > INT2_MAX:
        raise out_of_range("smallint out of range")
    return v


def check_int4(v: int) -> int:
    if v < INT4_MIN or v > INT4_MAX:
        raise out_of_range("integer out of range")
    return v


def check_int8(v: int) -> int:
    if v < INT8_MIN or v > INT8_MAX:
        raise out_of_range("bigint out of range")
    return v


# ---------------------------------------------------------------------------
# floats

_DEC_RE = re.compile(r"([+-]?)((?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\Z")
_HEX_RE = re.compile(r"([+-]?)(0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?)\Z")
_SPECIAL = {"nan": math.nan, "inf": math.inf, "infinity": math.inf}


def _strtod(s: str) -> tuple[float, bool] | None:
    """Parse like C ``strtod`` on the whole string; returns (value, mantissa_was_nonzero)."""
    low = s.lower()
    sign = 1.0
    body = low
    if body[:1] in "+-" and body:
        sign = -1.0 if body[0] == "-" else 1.0
        body = body[1:]
    if body in _SPECIAL:
        return sign * _SPECIAL[body], True
    m = _DEC_RE.match(s)
    if m:
        mant = m.group(2).lower().split("e")[0]
        nonzero = any(c in "123456789" for c in mant)
        return float(m.group(1) + m.group(2)), nonzero
    m = _HEX_RE.match(s)
    if m:
        body = m.group(2)
        if "p" not in body.lower():
            body += "p0"
        mant = body.lower().split("p")[0][2:]
        nonzero = any(c not in "0." for c in mant)
        try:
            v = float.fromhex(body)
        except OverflowError:
            v = math.inf
        return (-v if m.group(1) == "-" else v), nonzero
    return None


def float8_in(text: str) -> float:
    s = text.strip(C_SPACE)
    r = _strtod(s) if s else None
    if r is None:
        raise invalid_syntax("double precision", text)
    v, nonzero = r
    if (math.isinf(v) and "inf" not in s.lower()) or (v == 0.0 and nonzero):
        raise out_of_range(f'"{text.rstrip(C_SPACE)}" is out of range for type double precision')
    return v


_F4 = struct.Struct(">f")
_F4_BITS = struct.Struct(">I")


def to_float4(v: float) -> float:
    """Round a double to float32 precision (inf on overflow)."""
    try:
        return _F4.unpack(_F4.pack(v))[0]
    except OverflowError:
        return math.copysign(math.inf, v)


def float4_in(text: str) -> float:
    s = text.strip(C_SPACE)
    r = _strtod(s) if s else None
    if r is None:
        raise invalid_syntax("real", text)
    v, nonzero = r
    explicit_inf = "inf" in s.lower()
    f = to_float4(v)
    if (math.isinf(f) and not explicit_inf) or (f == 0.0 and nonzero):
        raise out_of_range(f'"{text.rstrip(C_SPACE)}" is out of range for type real')
    return f


def _digits_exponent(rep: str) -> tuple[str, int]:
    """Split a positive decimal repr into (digit string without leading/trailing zeros, exponent
    of the first digit)."""
    mant, _, exp = rep.partition("e")
    e = int(exp) if exp else 0
    ip, _, fp = mant.partition(".")
    digits = (ip + fp).lstrip("0")
    lead = len(ip) - 1 - (len(ip + fp) - len((ip + fp).lstrip("0")))
    return digits.rstrip("0") or "0", e + lead


def _format_shortest(digits: str, exp: int, fixed_max: int) -> str:
    if -4 <= exp < fixed_max:
        if exp < 0:
            return "0." + "0" * (-exp - 1) + digits
        if len(digits) <= exp + 1:
            return digits + "0" * (exp + 1 - len(digits))
        return digits[: exp + 1] + "." + digits[exp + 1:]
    mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{mant}e{'-' if exp < 0 else '+'}{abs(exp):02d}"


def _next_float4(x: float, up: bool) -> float:
    bits = _F4_BITS.unpack(_F4.pack(x))[0]
    bits += 1 if up else -1  # x > 0 here
    return _F4.unpack(_F4_BITS.pack(bits))[0]


def _on_midpoint(candidate: str, x: float, nb: float) -> bool:
    """Is the decimal ``candidate`` exactly halfway between x and its neighbour ``nb``?"""
    if math.isinf(nb):
        return False
    n1, d1 = x.as_integer_ratio()
    n2, d2 = nb.as_integer_ratio()
    digits, exp = _digits_exponent(candidate)
    e = exp - (len(digits) - 1)
    cn, cd = (int(digits) * 10**e, 1) if e >= 0 else (int(digits), 10**-e)
    return cn * (2 * d1 * d2) == (n1 * d2 + n2 * d1) * cd


def _strictly_inside(candidate: str, x: float, lo_nb: float, hi_nb: float, mant_bits: int = 53) -> bool:
    """Does a round-tripping ``candidate`` avoid both rounding boundaries of x?

    PostgreSQL's Ryu never accepts a digit string sitting exactly on a rounding boundary,
    whereas Python's repr does when the tie rounds back to x (even mantissa)."""
    # Fast exit: a midpoint n*2^k +- 2^(k-1) has a denominator of at least 2^(1-k), which a
    # decimal with only -E fraction digits cannot match when -E < 1-k.
    k = math.frexp(x)[1] - mant_bits
    if k < 1:
        digits, exp = _digits_exponent(candidate)
        if exp - (len(digits) - 1) > k - 1:
            return True
    return not _on_midpoint(candidate, x, lo_nb) and not _on_midpoint(candidate, x, hi_nb)


def _shortest(x: float, is4: bool) -> str:
    """Shortest round-trip digits of positive finite x as PostgreSQL prints them."""
    if is4:
        cand = _float4_shortest(x)
        lo_nb, hi_nb = _next_float4(x, False), _next_float4(x, True)
        maxp = 9
    else:
        cand = repr(x)
        lo_nb, hi_nb = math.nextafter(x, 0.0), math.nextafter(x, math.inf)
        maxp = 17
    bits = 24 if is4 else 53
    if _strictly_inside(cand, x, lo_nb, hi_nb, bits):
        return cand
    digits, _ = _digits_exponent(cand)
    for p in range(len(digits) + 1, maxp + 1):
        s = f"{x:.{p - 1}e}"
        back = to_float4(float(s)) if is4 else float(s)
        if back == x and _strictly_inside(s, x, lo_nb, hi_nb, bits):
            return s
    return f"{x:.{maxp - 1}e}"


def float8_out(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0.0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    sign = "-" if value < 0 else ""
    digits, exp = _digits_exponent(_shortest(abs(value), False))
    return sign + _format_shortest(digits, exp, 15)


def _float4_shortest(x: float) -> str:
    for p in range(1, 10):
        s = f"{x:.{p - 1}e}"
        if to_float4(float(s)) == x:
            return s
    return f"{x:.8e}"


def float4_out(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0.0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    sign = "-" if value < 0 else ""
    digits, exp = _digits_exponent(_shortest(abs(to_float4(value)), True))
    return sign + _format_shortest(digits, exp, 6)


def float_g(value: float, precision: int) -> str:
    """C's ``%.{precision}g`` (used by float -> numeric conversion)."""
    return f"{value:.{precision}g}"
