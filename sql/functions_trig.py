"""float8 trigonometric and hyperbolic functions, including PostgreSQL's degree-based
variants (sind, cosd, ...) which return exact results at the standard angles (``sind(30)``
is exactly 0.5) using the same range reductions and scaling constants as ``float.c``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from sql import typesys as T
from sql.functions import builtin
from sql.functions_util import out_of_range

RADIANS_PER_DEGREE = 0.0174532925199432957692
_SIN_30 = math.sin(30.0 * RADIANS_PER_DEGREE)
_ONE_MINUS_COS_60 = 1.0 - math.cos(60.0 * RADIANS_PER_DEGREE)
_ASIN_0_5 = math.asin(0.5)
_ACOS_0_5 = math.acos(0.5)
_ATAN_1_0 = math.atan(1.0)


def _range() -> Exception:
    return out_of_range("input is out of range")


def _checked(fn: Callable[[float], float], finite_only: bool = True,
             domain: tuple[float, float] | None = None) -> Callable[[float], float]:
    def f(x: float) -> float:
        if math.isnan(x):
            return x
        if finite_only and math.isinf(x):
            raise _range()
        if domain is not None and not domain[0] <= x <= domain[1]:
            raise _range()
        try:
            r = fn(x)
        except OverflowError:
            raise out_of_range("value out of range: overflow") from None
        except (ValueError, ZeroDivisionError):
            raise _range() from None
        return r

    return f


def _cot(x: float) -> float:
    t = math.tan(x)
    return math.inf if t == 0 else 1.0 / t


for _name, _fn in (("sin", _checked(math.sin)), ("cos", _checked(math.cos)), ("tan", _checked(math.tan)),
                   ("cot", _checked(_cot)), ("asin", _checked(math.asin, domain=(-1.0, 1.0))),
                   ("acos", _checked(math.acos, domain=(-1.0, 1.0))), ("atan", _checked(math.atan, False)),
                   ("tanh", _checked(math.tanh, False)), ("asinh", _checked(math.asinh, False)),
                   ("acosh", _checked(math.acosh, False, (1.0, math.inf))),
                   ):
    builtin(_name, (T.FLOAT8,), T.FLOAT8)(_fn)


@builtin("atanh", (T.FLOAT8,), T.FLOAT8)
def atanh(x: float) -> float:
    """atanh(+-1) is +-Infinity; outside [-1, 1] an error."""
    if math.isnan(x):
        return x
    if not -1.0 <= x <= 1.0:
        raise _range()
    return math.copysign(math.inf, x) if abs(x) == 1.0 else math.atanh(x)


@builtin("sinh", (T.FLOAT8,), T.FLOAT8)
def sinh(x: float) -> float:
    """Overflow gives +-Infinity (PG's dsinh), not an error."""
    try:
        return math.sinh(x)
    except OverflowError:
        return math.copysign(math.inf, x)


@builtin("cosh", (T.FLOAT8,), T.FLOAT8)
def cosh(x: float) -> float:
    try:
        return math.cosh(x)
    except OverflowError:
        return math.inf


@builtin("atan2", (T.FLOAT8, T.FLOAT8), T.FLOAT8)
def atan2(y: float, x: float) -> float:
    return math.atan2(y, x)


@builtin("degrees", (T.FLOAT8,), T.FLOAT8)
def degrees(x: float) -> float:
    return _finite(x / RADIANS_PER_DEGREE, x)


@builtin("radians", (T.FLOAT8,), T.FLOAT8)
def radians(x: float) -> float:
    return _finite(x * RADIANS_PER_DEGREE, x)


def _finite(r: float, x: float) -> float:
    if math.isinf(r) and not math.isinf(x):
        raise out_of_range("value out of range: overflow")
    if r == 0.0 and x != 0.0:
        raise out_of_range("value out of range: underflow")
    return r


def _sind_0_to_30(x: float) -> float:
    return (math.sin(x * RADIANS_PER_DEGREE) / _SIN_30) / 2.0


def _cosd_0_to_60(x: float) -> float:
    return 1.0 - ((1.0 - math.cos(x * RADIANS_PER_DEGREE)) / _ONE_MINUS_COS_60) / 2.0


def _sind_q1(x: float) -> float:
    return _sind_0_to_30(x) if x <= 30.0 else _cosd_0_to_60(90.0 - x)


def _cosd_q1(x: float) -> float:
    return _cosd_0_to_60(x) if x <= 60.0 else _sind_0_to_30(90.0 - x)


def _deg_in(x: float) -> float:
    if math.isinf(x):
        raise _range()
    return math.fmod(x, 360.0)


@builtin("sind", (T.FLOAT8,), T.FLOAT8)
def sind(x: float) -> float:
    if math.isnan(x):
        return x
    x = _deg_in(x)
    sign = 1.0
    if x < 0.0:
        x, sign = -x, -sign
    if x > 180.0:
        x, sign = 360.0 - x, -sign
    if x > 90.0:
        x = 180.0 - x
    return sign * _sind_q1(x)


@builtin("cosd", (T.FLOAT8,), T.FLOAT8)
def cosd(x: float) -> float:
    if math.isnan(x):
        return x
    x = _deg_in(x)
    sign = 1.0
    if x < 0.0:
        x = -x
    if x > 180.0:
        x = 360.0 - x
    if x > 90.0:
        x, sign = 180.0 - x, -sign
    return sign * _cosd_q1(x)


def _tan_like(x: float, cot: bool) -> float:
    if math.isnan(x):
        return x
    x = _deg_in(x)
    sign = 1.0
    if x < 0.0:
        x, sign = -x, -sign
    if x > 180.0:
        x, sign = 360.0 - x, -sign
    if x > 90.0:
        x, sign = 180.0 - x, -sign
    s, c = _sind_q1(x), _cosd_q1(x)
    s45, c45 = _sind_q1(45.0), _cosd_q1(45.0)
    if cot:
        val = (c / s if s else math.inf) / (c45 / s45)
    else:
        val = (s / c if c else math.inf) / (s45 / c45)
    r = sign * val
    return 0.0 if r == 0.0 else r


@builtin("tand", (T.FLOAT8,), T.FLOAT8)
def tand(x: float) -> float:
    return _tan_like(x, False)


@builtin("cotd", (T.FLOAT8,), T.FLOAT8)
def cotd(x: float) -> float:
    return _tan_like(x, True)


def _asind_q1(x: float) -> float:
    if x <= 0.5:
        return (math.asin(x) / _ASIN_0_5) * 30.0
    return 90.0 - (math.acos(x) / _ACOS_0_5) * 60.0


def _acosd_q1(x: float) -> float:
    if x <= 0.5:
        return 90.0 - (math.asin(x) / _ASIN_0_5) * 30.0
    return (math.acos(x) / _ACOS_0_5) * 60.0


@builtin("asind", (T.FLOAT8,), T.FLOAT8)
def asind(x: float) -> float:
    if math.isnan(x):
        return x
    if not -1.0 <= x <= 1.0:
        raise _range()
    return _asind_q1(x) if x >= 0.0 else -_asind_q1(-x)


@builtin("acosd", (T.FLOAT8,), T.FLOAT8)
def acosd(x: float) -> float:
    if math.isnan(x):
        return x
    if not -1.0 <= x <= 1.0:
        raise _range()
    return _acosd_q1(x) if x >= 0.0 else 90.0 + _asind_q1(-x)


@builtin("atand", (T.FLOAT8,), T.FLOAT8)
def atand(x: float) -> float:
    if math.isnan(x):
        return x
    return (math.atan(x) / _ATAN_1_0) * 45.0


@builtin("atan2d", (T.FLOAT8, T.FLOAT8), T.FLOAT8)
def atan2d(y: float, x: float) -> float:
    if math.isnan(x) or math.isnan(y):
        return math.nan
    return (math.atan2(y, x) / _ATAN_1_0) * 45.0
