"""``numeric``: text I/O, typmod coercion and the conversions to and from other numbers.

Datum: :class:`decimal.Decimal`. The exponent of the Decimal carries PostgreSQL's display
scale (``dscale``): ``Decimal('1.50')`` prints ``1.50``; values are kept with a non-positive
exponent (``1e3`` is read as ``Decimal('1000')``). ``NaN``, ``Infinity`` and ``-Infinity``
are the Decimal specials ``Decimal('NaN')``, ``Decimal('Infinity')``, ``Decimal('-Infinity')``.
"""

from __future__ import annotations

import decimal
import math
import re
from decimal import ROUND_HALF_UP, Decimal

from sql import sqlstate
from sql.errors import SqlError

from ._errors import invalid_syntax, out_of_range
from .numbers import INT2_MAX, INT2_MIN, INT4_MAX, INT4_MIN, INT8_MAX, INT8_MIN, float_g, to_float4
from .registry import numeric_typmod_parts

NUMERIC_MAX_DSCALE = 0x3FFF
NUMERIC_MAX_INT_DIGITS = 131072

# A context wide enough for every value numeric can hold; rounding is half away from zero
# like PostgreSQL's round_var.
NUMERIC_CONTEXT = decimal.Context(
    prec=NUMERIC_MAX_INT_DIGITS + NUMERIC_MAX_DSCALE + 16,
    rounding=ROUND_HALF_UP,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero],
)

NAN = Decimal("NaN")
POS_INF = Decimal("Infinity")
NEG_INF = Decimal("-Infinity")

_NUM_RE = re.compile(
    r"[ \t\n\v\f\r]*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+))(?:[eE]([+-]?[0-9]+))?[ \t\n\v\f\r]*\Z"
)
_SPECIAL_RE = re.compile(r"[ \t\n\v\f\r]*(nan|[+-]?inf|[+-]?infinity)[ \t\n\v\f\r]*\Z", re.I)


def overflow_error() -> SqlError:
    return SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format")


def normalize_scale(d: Decimal) -> Decimal:
    """Give a finite Decimal a non-positive exponent (dscale = max(0, -exponent)) and drop -0."""
    if not d.is_finite():
        return d
    if d.as_tuple().exponent > 0:  # type: ignore[operator]
        d = d.quantize(Decimal(1), context=NUMERIC_CONTEXT)
    if d.is_zero() and d.is_signed():
        d = d.copy_abs()
    return d


def check_numeric_range(d: Decimal) -> Decimal:
    """Raise ``value overflows numeric format`` for values PostgreSQL cannot store."""
    if not d.is_finite():
        return d
    exp = d.as_tuple().exponent
    assert isinstance(exp, int)
    if -exp > NUMERIC_MAX_DSCALE:
        raise overflow_error()
    if not d.is_zero() and d.adjusted() >= NUMERIC_MAX_INT_DIGITS:
        raise overflow_error()
    return d


def numeric_in(text: str) -> Decimal:
    m = _NUM_RE.match(text)
    if m is None:
        sm = _SPECIAL_RE.match(text)
        if sm is None:
            raise invalid_syntax("numeric", text)
        word = sm.group(1).lower()
        if word == "nan":
            return NAN
        return NEG_INF if word.startswith("-") else POS_INF
    mant, exp = m.group(1), m.group(2)
    if exp is not None:
        e = int(exp)
        if abs(e) > 0x7FFFFFFF // 2:
            raise overflow_error()
        d = Decimal(mant).scaleb(e, context=NUMERIC_CONTEXT) if e else Decimal(mant)
    else:
        d = Decimal(mant)
    return check_numeric_range(normalize_scale(d))


def numeric_out(value: Decimal) -> str:
    if value.is_nan():
        return "NaN"
    if value.is_infinite():
        return "-Infinity" if value.is_signed() else "Infinity"
    if value.is_zero() and value.is_signed():
        value = value.copy_abs()
    exp = value.as_tuple().exponent
    assert isinstance(exp, int)
    if exp > 0:
        value = value.quantize(Decimal(1), context=NUMERIC_CONTEXT)
    return format(value, "f")


def dscale(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def round_to_scale(d: Decimal, scale: int) -> Decimal:
    """Round half away from zero to ``scale`` digits after the point (negative: before)."""
    if not d.is_finite():
        return d
    q = Decimal(1).scaleb(-scale)
    r = d.quantize(q, rounding=ROUND_HALF_UP, context=NUMERIC_CONTEXT)
    if scale < 0:
        r = r.quantize(Decimal(1), context=NUMERIC_CONTEXT)
    return normalize_scale(r)


def apply_numeric_typmod(d: Decimal, typmod: int) -> Decimal:
    """``numeric(p, s)`` coercion: round to ``s``, then require fewer than ``p - s`` integer digits."""
    parts = numeric_typmod_parts(typmod)
    if parts is None or d.is_nan():
        return d
    precision, scale = parts
    if d.is_infinite():
        raise SqlError(
            sqlstate.NUMERIC_VALUE_OUT_OF_RANGE,
            "numeric field overflow",
            detail=f"A field with precision {precision}, scale {scale} cannot hold an infinite value.",
        )
    r = round_to_scale(d, scale)
    maxdigits = precision - scale
    if not r.is_zero() and r.adjusted() + 1 > maxdigits:
        shown = f"10^{maxdigits}" if maxdigits else "1"
        raise SqlError(
            sqlstate.NUMERIC_VALUE_OUT_OF_RANGE,
            "numeric field overflow",
            detail=f"A field with precision {precision}, scale {scale} must round to an absolute "
            f"value less than {shown}.",
        )
    return r


# ---------------------------------------------------------------------------
# conversions

_INT_LIMITS = {
    "smallint": (INT2_MIN, INT2_MAX),
    "integer": (INT4_MIN, INT4_MAX),
    "bigint": (INT8_MIN, INT8_MAX),
}


def numeric_to_int(d: Decimal, type_name: str) -> int:
    """numeric -> int2/int4/int8: round half away from zero, with PostgreSQL's errors."""
    if d.is_nan():
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"cannot convert NaN to {type_name}")
    if d.is_infinite():
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"cannot convert infinity to {type_name}")
    v = int(d.to_integral_value(rounding=ROUND_HALF_UP, context=NUMERIC_CONTEXT))
    lo, hi = _INT_LIMITS[type_name]
    if v < lo or v > hi:
        raise out_of_range(f"{type_name} out of range")
    return v


def numeric_to_float8(d: Decimal) -> float:
    if d.is_nan():
        return math.nan
    if d.is_infinite():
        return -math.inf if d.is_signed() else math.inf
    v = float(d)
    if math.isinf(v) or (v == 0.0 and not d.is_zero()):
        raise out_of_range(f'"{numeric_out(d)}" is out of range for type double precision')
    return v


def numeric_to_float4(d: Decimal) -> float:
    if not d.is_finite():
        return numeric_to_float8(d)
    v = to_float4(float(d))
    if math.isinf(v) or (v == 0.0 and not d.is_zero()):
        raise out_of_range(f'"{numeric_out(d)}" is out of range for type real')
    return v


def float_to_numeric(v: float, *, float4: bool = False) -> Decimal:
    """float8/float4 -> numeric as PostgreSQL does: via ``%.15g`` (``%.6g`` for float4)."""
    if math.isnan(v):
        return NAN
    if math.isinf(v):
        return POS_INF if v > 0 else NEG_INF
    return normalize_scale(Decimal(float_g(v, 6 if float4 else 15)))


def int_to_numeric(v: int) -> Decimal:
    return Decimal(v)

