"""Mathematical functions: exp/ln/log, trigonometry (radians and degrees), gcd/lcm, div,
width_bucket, factorial, numeric scale functions and the missing round/trunc/abs overloads.

numeric results follow PostgreSQL's result-scale rules (``numeric_exp``, ``numeric_ln``,
``numeric_log``, ``numeric_sqrt``, ``power_var``): at least 16 significant digits, never less
than the input's display scale, at most 1000; computed with :mod:`decimal` at a precision wide
enough that the final half-away-from-zero rounding is exact. float8 functions raise PG's
overflow/underflow and domain errors.
"""

from __future__ import annotations

import decimal
import math
import random
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.functions import builtin
from sql.functions_util import NULL_VALUE_NOT_ALLOWED, VOID, check_int4, check_int8, out_of_range

MIN_SIG_DIGITS = 16
MAX_DISPLAY_SCALE = 1000
MAX_RESULT_SCALE = 2000
_WIDE = decimal.Context(prec=200_000, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
NAN = Decimal("NaN")
INF = Decimal("Infinity")


def _log_error(zero: bool) -> SqlError:
    return SqlError(sqlstate.INVALID_ARGUMENT_FOR_LOGARITHM,
                    "cannot take logarithm of zero" if zero else "cannot take logarithm of a negative number")


def _range() -> SqlError:
    return out_of_range("input is out of range")


def _overflow() -> SqlError:
    return out_of_range("value out of range: overflow")


def _underflow() -> SqlError:
    return out_of_range("value out of range: underflow")


def _numeric_overflow() -> SqlError:
    return out_of_range("value overflows numeric format")


def dscale(d: Decimal) -> int:
    e = d.as_tuple().exponent
    return max(0, -e) if isinstance(e, int) else 0


def _clamp_scale(rscale: int, *scales: int) -> int:
    return min(max(rscale, *scales, 0), MAX_DISPLAY_SCALE)


def _quantize(d: Decimal, rscale: int) -> Decimal:
    with localcontext() as c:
        c.prec = max(d.adjusted() + rscale + 5, 10) if d else 10
        c.Emax, c.Emin = 999_999_999, -999_999_999
        r = d.quantize(Decimal(1).scaleb(-rscale), rounding=ROUND_HALF_UP)
    return r.copy_abs() if r.is_zero() else r


def _prec(rscale: int, magnitude: int = 0) -> int:
    return rscale + max(magnitude, 0) + 30


def _base10000(d: Decimal) -> tuple[int, list[int]]:
    """PG NumericVar weight and base-10000 digits of |d| (d finite, non-zero)."""
    sign, digits, exp = d.as_tuple()
    assert isinstance(exp, int)
    s = "".join(map(str, digits))
    int_len = len(s) + exp  # digits before the decimal point
    pad_left = (-int_len) % 4
    s = "0" * pad_left + s
    int_len += pad_left
    weight = int_len // 4 - 1
    s += "0" * ((-len(s)) % 4)
    groups = [int(s[i:i + 4]) for i in range(0, len(s), 4)]
    while groups and groups[0] == 0:
        groups.pop(0)
        weight -= 1
    return weight, groups


def estimate_ln_dweight(d: Decimal) -> int:
    """PG's estimate_ln_dweight: the decimal weight of ln(d)."""
    if d <= 0:
        return 0
    if Decimal("0.9") <= d <= Decimal("1.1"):
        x = d - 1
        if x == 0:
            return 0
        return x.copy_abs().adjusted()
    weight, digits = _base10000(d)
    val = digits[0]
    dweight = weight * 4
    if len(digits) > 1:
        val = val * 10000 + digits[1]
        dweight -= 4
    ln_var = math.log(val) + dweight * 2.302585092994046
    return int(math.log10(abs(ln_var))) if ln_var else 0


# ---- exp / ln / log ---------------------------------------------------------------------------
def numeric_exp(x: Decimal) -> Decimal:
    if x.is_nan():
        return x
    if x.is_infinite():
        return INF if x > 0 else Decimal(0)
    val = float(x) * 0.434294481903252
    val = max(min(val, MAX_RESULT_SCALE), -MAX_RESULT_SCALE)
    rscale = _clamp_scale(MIN_SIG_DIGITS - int(val), dscale(x))
    if abs(float(x)) >= MAX_RESULT_SCALE * 3:  # exp_var's overflow / underflow cut-off
        if x > 0:
            raise _numeric_overflow()
        return Decimal(0).quantize(Decimal(1).scaleb(-rscale))
    with localcontext() as c:
        c.prec = _prec(rscale, int(val) + 1)
        c.Emax, c.Emin = 999_999_999, -999_999_999
        r = x.exp()
    return _quantize(r, rscale)


def _ln_checked(x: Decimal) -> None:
    if x.is_zero():
        raise _log_error(True)
    if x < 0:
        raise _log_error(False)


def numeric_ln(x: Decimal) -> Decimal:
    if x.is_nan():
        return x
    if x.is_infinite():
        if x < 0:
            raise _log_error(False)
        return INF
    _ln_checked(x)
    rscale = _clamp_scale(MIN_SIG_DIGITS - estimate_ln_dweight(x), dscale(x))
    with localcontext() as c:
        c.prec = _prec(rscale, 10)
        c.Emax, c.Emin = 999_999_999, -999_999_999
        r = x.ln()
    return _quantize(r, rscale)


def numeric_log(base: Decimal, x: Decimal) -> Decimal:
    """log(base, x) for numerics (PG's numeric_log scale rules)."""
    if base.is_nan() or x.is_nan():
        return NAN
    if base.is_infinite() or x.is_infinite():
        for v in (base, x):
            if v < 0:
                raise _log_error(False)
            if v.is_zero():
                raise _log_error(True)
        if base.is_infinite() and x.is_infinite():
            return NAN
        if base.is_infinite():
            return Decimal(0)
        return -INF if base < 1 else INF
    _ln_checked(base)
    _ln_checked(x)
    if base == 1:
        raise SqlError(sqlstate.DIVISION_BY_ZERO, "division by zero")
    result_dweight = estimate_ln_dweight(x) - estimate_ln_dweight(base)
    rscale = _clamp_scale(MIN_SIG_DIGITS - result_dweight, dscale(base), dscale(x))
    with localcontext() as c:
        c.prec = _prec(rscale, abs(result_dweight) + 10)
        c.Emax, c.Emin = 999_999_999, -999_999_999
        r = x.ln() / base.ln()
    return _quantize(r, rscale)


@builtin("exp", (T.FLOAT8,), T.FLOAT8)
def exp_f(x: float) -> float:
    if math.isnan(x):
        return x
    if math.isinf(x):
        return x if x > 0 else 0.0
    try:
        r = math.exp(x)
    except OverflowError:
        raise _overflow() from None
    if r == 0.0:
        raise _underflow()
    return r


builtin("exp", (T.NUMERIC,), T.NUMERIC)(numeric_exp)


def _float_log(x: float, fn: object) -> float:
    if x == 0.0:
        raise _log_error(True)
    if x < 0:
        raise _log_error(False)
    return fn(x)  # type: ignore[operator]


@builtin("ln", (T.FLOAT8,), T.FLOAT8)
def ln_f(x: float) -> float:
    return _float_log(x, math.log)


builtin("ln", (T.NUMERIC,), T.NUMERIC)(numeric_ln)


@builtin("log|log10", (T.FLOAT8,), T.FLOAT8)
def log10_f(x: float) -> float:
    return _float_log(x, math.log10)


@builtin("log|log10", (T.NUMERIC,), T.NUMERIC)
def log10_n(x: Decimal) -> Decimal:
    return numeric_log(Decimal(10), x)


builtin("log", (T.NUMERIC, T.NUMERIC), T.NUMERIC)(numeric_log)


# ---- sqrt / cbrt / power (numeric) ------------------------------------------------------------
@builtin("sqrt", (T.NUMERIC,), T.NUMERIC)
def sqrt_n(x: Decimal) -> Decimal:
    if x.is_nan():
        return x
    if x < 0:
        raise SqlError(sqlstate.INVALID_ARGUMENT_FOR_POWER_FUNCTION, "cannot take square root of a negative number")
    if x.is_infinite():
        return x
    weight = _base10000(x)[0] if x else 0
    rscale = _clamp_scale(MIN_SIG_DIGITS - ((weight + 1) * 4 // 2 - 1), dscale(x))
    with localcontext() as c:
        c.prec = _prec(rscale, x.adjusted() // 2 + 1)
        c.Emax, c.Emin = 999_999_999, -999_999_999
        r = x.sqrt()
    return _quantize(r, rscale)


@builtin("cbrt", (T.FLOAT8,), T.FLOAT8)
def cbrt(x: float) -> float:
    return math.cbrt(x)


@builtin("power|pow", (T.NUMERIC, T.NUMERIC), T.NUMERIC)
def power_n(base: Decimal, e: Decimal) -> Decimal:
    """numeric ^ numeric with PG's power_var scale rules."""
    if base.is_nan() or e.is_nan():
        return Decimal(1) if (base == 1 and not base.is_nan()) or (e == 0 and not e.is_nan()) else NAN
    if base.is_zero() and e < 0:
        raise SqlError(sqlstate.INVALID_ARGUMENT_FOR_POWER_FUNCTION, "zero raised to a negative power is undefined")
    if base < 0 and e.is_finite() and e != e.to_integral_value():
        raise SqlError(sqlstate.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                       "a negative number raised to a non-integer power yields a complex result")
    if base.is_infinite() or e.is_infinite():
        with localcontext() as c:
            c.traps = {}
            return base ** e
    if e == e.to_integral_value() and not base.is_zero() and base.copy_abs() != 1:
        # The result's number of digits (log10 |base ^ e|): too many overflows, too few gives 0.
        digits = float(e) * math.log10(float(base.copy_abs())) if abs(e) > 10_000 else 0.0
        if digits > 131072 * 2:
            raise _numeric_overflow()
        if digits < -MAX_RESULT_SCALE * 2:
            return Decimal(0).quantize(Decimal(1).scaleb(-MIN_SIG_DIGITS))
    if e == e.to_integral_value() and abs(e) <= 2**31 - 1:
        n = int(e)
        rscale = _clamp_scale(MIN_SIG_DIGITS, dscale(base))
        if base.is_zero():
            return _quantize(Decimal(1) if n == 0 else Decimal(0), rscale)
        mag = int(abs(n) * (base.copy_abs().adjusted() + 1))
        if mag > 131072 * 2:
            raise _numeric_overflow()
        with localcontext() as c:
            c.prec = _prec(rscale, abs(mag) + 2)
            c.Emax, c.Emin = 999_999_999, -999_999_999
            r = base ** n
        return _quantize(r, rscale)
    if base.is_zero():
        return Decimal(0).quantize(Decimal(1).scaleb(-MIN_SIG_DIGITS))
    with localcontext() as c:
        c.prec = 60
        c.Emax, c.Emin = 999_999_999, -999_999_999
        ln_num = base.ln() * e
    val = float(ln_num)
    if abs(val) > MAX_RESULT_SCALE * 3.01:
        if val > 0:
            raise _numeric_overflow()
        return Decimal(0).quantize(Decimal(1).scaleb(-MAX_DISPLAY_SCALE))
    val *= 0.434294481903252
    rscale = _clamp_scale(MIN_SIG_DIGITS - int(val), dscale(base), dscale(e))
    with localcontext() as c:
        c.prec = _prec(rscale, int(abs(val)) + 2)
        c.Emax, c.Emin = 999_999_999, -999_999_999
        r = (base.ln() * e).exp()
    return _quantize(r, rscale)


# ---- sign / abs / rounding --------------------------------------------------------------------
@builtin("sign", (T.FLOAT8,), T.FLOAT8)
def sign_f(x: float) -> float:
    if math.isnan(x):
        return x
    return 1.0 if x > 0 else -1.0 if x < 0 else 0.0


@builtin("sign", (T.NUMERIC,), T.NUMERIC)
def sign_n(x: Decimal) -> Decimal:
    if x.is_nan():
        return x
    return Decimal(1) if x > 0 else Decimal(-1) if x < 0 else Decimal(0)


@builtin("abs", (T.INT2,), T.INT2)
def abs2(x: int) -> int:
    if x == -(2**15):
        raise out_of_range("smallint out of range")
    return abs(x)


@builtin("abs", (T.FLOAT4,), T.FLOAT4)
def abs4f(x: float) -> float:
    return abs(x)


@builtin("trunc", (T.NUMERIC, T.INT4), T.NUMERIC)
def trunc_ns(x: Decimal, s: int) -> Decimal:
    """trunc(numeric, scale): toward zero; negative scales zero out integer digits (scale 0)."""
    if not x.is_finite():
        return x
    s = max(-MAX_RESULT_SCALE, min(s, MAX_RESULT_SCALE))  # as PostgreSQL clamps the scale
    with localcontext() as c:
        c.prec = max(x.adjusted() + abs(s) + 5, 30)
        r = x.quantize(Decimal(1).scaleb(-s), rounding=ROUND_DOWN)
        if s < 0:
            r = r.quantize(Decimal(1))
    return r.copy_abs() if r.is_zero() else r


def round_numeric(x: Decimal, s: int) -> Decimal:
    """round(numeric, scale), half away from zero, for any magnitude (no context overflow)."""
    if not x.is_finite():
        return x
    s = max(-MAX_RESULT_SCALE, min(s, MAX_RESULT_SCALE))  # as PostgreSQL clamps the scale
    with localcontext() as c:
        c.prec = max(x.adjusted() + abs(s) + 5, 30)
        r = x.quantize(Decimal(1).scaleb(-s), rounding=ROUND_HALF_UP)
        if s < 0:
            r = r.quantize(Decimal(1))
    return r.copy_abs() if r.is_zero() else r


# ---- integer-ish ------------------------------------------------------------------------------
def _int_div_zero() -> SqlError:
    return SqlError(sqlstate.DIVISION_BY_ZERO, "division by zero")


@builtin("div", (T.NUMERIC, T.NUMERIC), T.NUMERIC)
def div_n(a: Decimal, b: Decimal) -> Decimal:
    """Integer quotient, truncated toward zero (scale 0)."""
    if a.is_nan() or b.is_nan():
        return NAN
    if b.is_zero():
        raise _int_div_zero()
    if a.is_infinite():
        if b.is_infinite():
            return NAN
        return a if b > 0 else -a
    if b.is_infinite():
        return Decimal(0)
    with localcontext() as c:
        c.prec = max(a.adjusted() - b.adjusted() + 10, 30)
        q = (a / b).to_integral_value(rounding=ROUND_DOWN)
    return q.copy_abs() if q.is_zero() else q


@builtin("gcd", (T.INT4, T.INT4), T.INT4)
def gcd4(a: int, b: int) -> int:
    return check_int4(math.gcd(a, b))


@builtin("gcd", (T.INT8, T.INT8), T.INT8)
def gcd8(a: int, b: int) -> int:
    return check_int8(math.gcd(a, b))


@builtin("lcm", (T.INT4, T.INT4), T.INT4)
def lcm4(a: int, b: int) -> int:
    return check_int4(math.lcm(a, b))


@builtin("lcm", (T.INT8, T.INT8), T.INT8)
def lcm8(a: int, b: int) -> int:
    return check_int8(math.lcm(a, b))


def _scaled_ints(a: Decimal, b: Decimal) -> tuple[int, int, int]:
    s = max(dscale(a), dscale(b))
    return int(a.scaleb(s, context=_WIDE)), int(b.scaleb(s, context=_WIDE)), s


@builtin("gcd", (T.NUMERIC, T.NUMERIC), T.NUMERIC)
def gcd_n(a: Decimal, b: Decimal) -> Decimal:
    if not a.is_finite() or not b.is_finite():
        return NAN
    x, y, s = _scaled_ints(a, b)
    return Decimal(math.gcd(x, y)).scaleb(-s, context=_WIDE)


@builtin("lcm", (T.NUMERIC, T.NUMERIC), T.NUMERIC)
def lcm_n(a: Decimal, b: Decimal) -> Decimal:
    if not a.is_finite() or not b.is_finite():
        return NAN
    x, y, s = _scaled_ints(a, b)
    return Decimal(math.lcm(x, y)).scaleb(-s, context=_WIDE)


@builtin("factorial", (T.INT8,), T.NUMERIC)
def factorial(n: int) -> Decimal:
    if n < 0:
        raise out_of_range("factorial of a negative number is undefined")
    if n > 32177:
        raise _numeric_overflow()
    return Decimal(math.factorial(n))


# ---- numeric scale ----------------------------------------------------------------------------
@builtin("scale", (T.NUMERIC,), T.INT4, strict=True)
def scale(x: Decimal) -> int | None:
    return None if not x.is_finite() else dscale(x)


@builtin("min_scale", (T.NUMERIC,), T.INT4)
def min_scale(x: Decimal) -> int | None:
    if not x.is_finite():
        return None
    if x.is_zero():
        return 0
    return max(0, -x.normalize().as_tuple().exponent)  # type: ignore[operator]


@builtin("trim_scale", (T.NUMERIC,), T.NUMERIC)
def trim_scale(x: Decimal) -> Decimal:
    if not x.is_finite():
        return x
    s = min_scale(x) or 0
    with localcontext() as c:
        c.prec = max(x.adjusted() + s + 5, 30)
        return x.quantize(Decimal(1).scaleb(-s))


# ---- width_bucket -----------------------------------------------------------------------------
def _wb_error(msg: str) -> SqlError:
    return SqlError(sqlstate.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION, msg)


def _width_bucket(x: object, lo: object, hi: object, count: int, is_nan: bool) -> int:
    if count <= 0:
        raise _wb_error("count must be greater than zero")
    if lo == hi:
        raise _wb_error("lower bound cannot equal upper bound")
    if is_nan:
        raise _wb_error("operand, lower bound, and upper bound cannot be NaN")
    if lo < hi:  # type: ignore[operator]
        if x < lo:  # type: ignore[operator]
            return 0
        if x >= hi:  # type: ignore[operator]
            return check_int4(count + 1)
        return int((x - lo) * count / (hi - lo)) + 1  # type: ignore[operator]
    if x > lo:  # type: ignore[operator]
        return 0
    if x <= hi:  # type: ignore[operator]
        return check_int4(count + 1)
    return int((lo - x) * count / (lo - hi)) + 1  # type: ignore[operator]


@builtin("width_bucket", (T.FLOAT8, T.FLOAT8, T.FLOAT8, T.INT4), T.INT4)
def width_bucket_f(x: float, lo: float, hi: float, count: int) -> int:
    if any(math.isinf(v) for v in (lo, hi)) and count > 0 and lo != hi:
        raise _wb_error("lower and upper bounds must be finite")
    return _width_bucket(x, lo, hi, count, any(math.isnan(v) for v in (x, lo, hi)))


@builtin("width_bucket", (T.NUMERIC, T.NUMERIC, T.NUMERIC, T.INT4), T.INT4)
def width_bucket_n(x: Decimal, lo: Decimal, hi: Decimal, count: int) -> int:
    nan = any(v.is_nan() for v in (x, lo, hi))
    if not nan and count > 0 and lo != hi and (lo.is_infinite() or hi.is_infinite()):
        raise _wb_error("lower and upper bounds must be finite")
    with localcontext() as c:
        c.prec = 100
        if not nan and x.is_finite():
            return _width_bucket(x, lo, hi, count, nan)
        if nan:
            return _width_bucket(x, lo, hi, count, True)
        return 0 if (x < lo) == (lo < hi) else check_int4(count + 1)


@builtin("width_bucket", (T.ANY, T.ANY), T.INT4)
def width_bucket_array(x: object, thresholds: list[object]) -> int:
    """Number of thresholds <= x (thresholds sorted ascending); NULL thresholds not allowed."""
    from sql.datatypes.arrays import flatten

    flat = flatten(thresholds) if isinstance(thresholds, list) else []
    if any(v is None for v in flat):
        raise SqlError(NULL_VALUE_NOT_ALLOWED, "thresholds array must not contain NULLs")
    lo, hi = 0, len(flat)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < flat[mid]:  # type: ignore[operator]
            hi = mid
        else:
            lo = mid + 1
    return lo


# ---- random -----------------------------------------------------------------------------------
@builtin("setseed", (T.FLOAT8,), T.VOID, volatile=True)
def setseed(seed: float) -> str:
    if not -1.0 <= seed <= 1.0 or math.isnan(seed):
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE,
                       f"setseed parameter {seed:g} is out of allowed range [-1,1]")
    random.seed(seed)
    return VOID


from sql import functions_trig  # noqa: E402,F401  (float8 trigonometry lives there)
