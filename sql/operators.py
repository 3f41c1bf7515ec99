"""Operator implementations: arithmetic, comparison, concatenation, pattern matching.

Each ``*_impl(op, ltype, rtype)`` returns (python callable on two non-null datums, result
type OID), or None when the operator does not exist for those types. Overflow and division
errors raise PostgreSQL's SQLSTATEs. NULL handling is the compiler's job (operators are strict).
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.datatypes.dtcommon import is_infinite
from sql.errors import SqlError

INT_LIMITS = {
    T.INT2: (-(2**15), 2**15 - 1, "smallint out of range"),
    T.INT4: (-(2**31), 2**31 - 1, "integer out of range"),
    T.INT8: (-(2**63), 2**63 - 1, "bigint out of range"),
    T.OID: (0, 2**32 - 1, "OID out of range"),
}


def _div_zero() -> SqlError:
    return SqlError(sqlstate.DIVISION_BY_ZERO, "division by zero")


def int_checked(fn: Callable[[int, int], int], typ: int) -> Callable[[int, int], int]:
    lo, hi, msg = INT_LIMITS[typ]

    def f(a: int, b: int) -> int:
        r = fn(a, b)
        if r < lo or r > hi:
            raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, msg)
        return r

    return f


def _int_div(a: int, b: int) -> int:
    if b == 0:
        raise _div_zero()
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _int_mod(a: int, b: int) -> int:
    if b == 0:
        raise _div_zero()
    r = abs(a) % abs(b)
    return r if a >= 0 else -r


def _float_check(r: float, a: float, b: float) -> float:
    if math.isinf(r) and not (math.isinf(a) or math.isinf(b)):
        raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow")
    return r


def _float_mul(a: float, b: float) -> float:
    r = _float_check(a * b, a, b)
    if r == 0.0 and a != 0.0 and b != 0.0:
        raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow")
    return r


def _float_op(fn: Callable[[float, float], float]) -> Callable[[float, float], float]:
    def f(a: float, b: float) -> float:
        try:
            return _float_check(fn(a, b), a, b)
        except OverflowError:
            raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow") from None

    return f


def _float_div(a: float, b: float) -> float:
    if b == 0:
        raise _div_zero()
    return _float_check(a / b, a, b)


def _float4_round(fn: Callable[[float, float], float]) -> Callable[[float, float], float]:
    import struct

    pack = struct.Struct("<f")

    def f(a: float, b: float) -> float:
        r = fn(a, b)
        try:
            return pack.unpack(pack.pack(r))[0]
        except OverflowError:
            raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow") from None

    return f


def _float_mod(a: float, b: float) -> float:
    raise SqlError(sqlstate.UNDEFINED_FUNCTION, "operator does not exist: double precision % double precision")


# numeric --------------------------------------------------------------------------------------
NUMERIC_MIN_SIG_DIGITS = 16


def numeric_scale(d: Decimal) -> int:
    exp_ = d.as_tuple().exponent
    return -exp_ if isinstance(exp_, int) and exp_ < 0 else 0


def _numeric_weight_firstdigit(d: Decimal) -> tuple[int, int]:
    """Weight (in base-10000 digits) and first base-10000 digit, as PG's NumericVar has them."""
    if d == 0:
        return 0, 0
    s = format(abs(d), "f")
    intpart, _, frac = s.partition(".")
    intpart = intpart.lstrip("0")
    if intpart:
        ndig = len(intpart)
        weight = (ndig - 1) // 4
        lead = ndig - weight * 4
        first = int(intpart[:lead])
        return weight, first
    # pure fraction
    zeros = len(frac) - len(frac.lstrip("0"))
    group = zeros // 4
    weight = -1 - group
    digits = (frac + "0000")[group * 4 : group * 4 + 4]
    return weight, int(digits)


def numeric_div(a: Decimal, b: Decimal) -> Decimal:
    if b == 0:
        raise _div_zero()
    if a.is_nan() or b.is_nan():
        return Decimal("NaN")
    w1, f1 = _numeric_weight_firstdigit(a)
    w2, f2 = _numeric_weight_firstdigit(b)
    qweight = w1 - w2
    if f1 <= f2:
        qweight -= 1
    rscale = NUMERIC_MIN_SIG_DIGITS - qweight * 4
    rscale = max(rscale, numeric_scale(a), numeric_scale(b), 0)
    rscale = min(rscale, 1000)
    with localcontext() as ctx:
        ctx.prec = 1100
        q = a / b
        return q.quantize(Decimal(1).scaleb(-rscale), rounding=ROUND_HALF_UP)


def numeric_mod(a: Decimal, b: Decimal) -> Decimal:
    if b == 0:
        raise _div_zero()
    with localcontext() as ctx:
        ctx.prec = 1100
        return a.__mod__(b)


def _numeric_op(fn: Callable[[Decimal, Decimal], Decimal]) -> Callable[[Decimal, Decimal], Decimal]:
    def f(a: Decimal, b: Decimal) -> Decimal:
        with localcontext() as ctx:
            ctx.prec = 1100
            try:
                return fn(a, b)
            except InvalidOperation:
                return Decimal("NaN")

    return f


def numeric_pow(a: Decimal, b: Decimal) -> Decimal:
    """numeric ^ numeric: the power() function (exact for integer exponents, PostgreSQL's result scale)."""
    from sql.functions_math import power_n

    return power_n(a, b)


def _float_pow(a: float, b: float) -> float:
    if a == 0 and b < 0:
        raise SqlError(sqlstate.INVALID_ARGUMENT_FOR_POWER_FUNCTION, "zero raised to a negative power is undefined")
    if a < 0 and b != int(b):
        raise SqlError(sqlstate.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                       "a negative number raised to a non-integer power yields a complex result")
    try:
        return float(a) ** float(b)
    except OverflowError:
        raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow") from None


_ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul,
}


def arithmetic_impl(op: str, lt: int, rt: int) -> tuple[Callable[[Any, Any], Any], int] | None:
    """Numeric-category arithmetic on two already-coerced operand types (lt == rt)."""
    if lt in T.INT_TYPES and rt in T.INT_TYPES:
        res = max(lt, rt, key=lambda t: T.NUMERIC_RANK[t])
        if op in _ARITH:
            return int_checked(_ARITH[op], res), res
        if op == "/":
            return int_checked(_int_div, res), res
        if op == "%":
            return _int_mod, res
        return None
    if lt == T.NUMERIC and rt == T.NUMERIC:
        if op in _ARITH:
            return _numeric_op(_ARITH[op]), T.NUMERIC
        if op == "/":
            return numeric_div, T.NUMERIC
        if op == "%":
            return numeric_mod, T.NUMERIC
        if op == "^":
            return numeric_pow, T.NUMERIC
        return None
    if lt in (T.FLOAT4, T.FLOAT8) and lt == rt:
        fn: Callable[[float, float], float] | None = None
        if op == "*":
            fn = _float_mul
        elif op in _ARITH:
            fn = _float_op(_ARITH[op])
        elif op == "/":
            fn = _float_div
        elif op == "^":
            fn = _float_pow
        if fn is None:
            return None
        if lt == T.FLOAT4:
            return _float4_round(fn), T.FLOAT4
        return fn, T.FLOAT8
    return None


def _date_plus_int(d: date, n: int) -> date:
    if is_infinite(d):
        return d
    try:
        return d + timedelta(days=n)
    except OverflowError:
        raise SqlError(sqlstate.DATETIME_FIELD_OVERFLOW, "date out of range") from None


def _date_minus_date(a: date, b: date) -> int:
    if is_infinite(a) or is_infinite(b):
        raise SqlError(sqlstate.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite dates")
    return (a - b).days


def _date_plus_time(d: date, t: Any) -> Any:
    return d if is_infinite(d) else datetime.combine(d, t)


def _date_plus_timetz(d: Any, t: Any) -> datetime:
    from datetime import timezone

    local = datetime.combine(d, t.time, tzinfo=timezone(timedelta(seconds=t.offset)))
    return local.astimezone(UTC)


def datetime_impl(op: str, lt: int, rt: int) -> tuple[Callable[[Any, Any], Any], int] | None:
    """Date/time arithmetic (types as given, no coercion)."""
    from sql.datatypes import interval as iv

    if op == "+":
        if lt == T.DATE and rt in T.INT_TYPES:
            return _date_plus_int, T.DATE
        if lt in T.INT_TYPES and rt == T.DATE:
            return (lambda a, b: _date_plus_int(b, a)), T.DATE
        if lt in (T.TIMESTAMP, T.TIMESTAMPTZ, T.DATE) and rt == T.INTERVAL:
            res = T.TIMESTAMP if lt == T.DATE else lt
            return iv.add_interval, res
        if lt == T.INTERVAL and rt in (T.TIMESTAMP, T.TIMESTAMPTZ):
            return (lambda a, b: iv.add_interval(b, a)), rt
        if lt == T.INTERVAL and rt == T.INTERVAL:
            return operator.add, T.INTERVAL
        if {lt, rt} == {T.DATE, T.TIMETZ}:  # date + timetz -> timestamptz
            return (lambda a, b: _date_plus_timetz(a, b) if lt == T.DATE else _date_plus_timetz(b, a)), T.TIMESTAMPTZ
        if {lt, rt} == {T.DATE, T.TIME}:  # date + time -> timestamp
            if lt == T.DATE:
                return _date_plus_time, T.TIMESTAMP
            return (lambda a, b: _date_plus_time(b, a)), T.TIMESTAMP
    if op == "-":
        if lt == T.DATE and rt in T.INT_TYPES:
            return (lambda a, b: _date_plus_int(a, -b)), T.DATE
        if lt == T.DATE and rt == T.DATE:
            return _date_minus_date, T.INT4
        if lt in (T.TIMESTAMP, T.TIMESTAMPTZ, T.DATE) and rt == T.INTERVAL:
            res = T.TIMESTAMP if lt == T.DATE else lt
            return (lambda a, b: iv.add_interval(a, -b)), res
        if lt == rt and lt in (T.TIMESTAMP, T.TIMESTAMPTZ):
            return iv.timestamp_difference, T.INTERVAL
        if lt == T.INTERVAL and rt == T.INTERVAL:
            return operator.sub, T.INTERVAL
    if lt == T.TIME and rt == T.INTERVAL and op in "+-":
        sign = 1 if op == "+" else -1
        return (lambda a, b: iv.add_interval_to_time(a, b if sign > 0 else -b)), T.TIME
    if lt == T.INTERVAL and rt == T.TIME and op == "+":
        return (lambda a, b: iv.add_interval_to_time(b, a)), T.TIME
    if lt == T.TIME and rt == T.TIME and op == "-":
        def time_diff(a: Any, b: Any) -> Any:
            from sql.datatypes.dtcommon import time_to_usecs

            return iv.Interval(0, 0, time_to_usecs(a) - time_to_usecs(b))
        return time_diff, T.INTERVAL
    if op == "*" and T.INTERVAL in (lt, rt):
        other = rt if lt == T.INTERVAL else lt
        if other in T.NUMERIC_RANK:
            if lt == T.INTERVAL:
                return (lambda a, b: a * b), T.INTERVAL
            return (lambda a, b: b * a), T.INTERVAL
    if op == "/" and lt == T.INTERVAL and rt in T.NUMERIC_RANK:
        def div(a: Any, b: Any) -> Any:
            if b == 0:
                raise _div_zero()
            return a / b
        return div, T.INTERVAL
    return None


# comparison ---------------------------------------------------------------------------------
COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq, "<>": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt,
    ">=": operator.ge,
}


def float_compare(op: str) -> Callable[[float, float], bool]:
    """PG orders NaN above everything and equal to itself."""
    base = COMPARE[op]

    def key(x: float) -> tuple[int, float]:
        return (1, 0.0) if x != x else (0, x)

    def f(a: float, b: float) -> bool:
        if a != a or b != b:
            return base(key(a), key(b))
        return base(a, b)

    return f


def numeric_compare(op: str) -> Callable[[Any, Any], bool]:
    """Decimal comparison with PostgreSQL's NaN rules (NaN equals NaN and sorts above all numbers)."""
    base = COMPARE[op]

    def f(a: Any, b: Any) -> bool:
        if a.is_nan() or b.is_nan():
            ka = (1, 0) if a.is_nan() else (0, a)
            kb = (1, 0) if b.is_nan() else (0, b)
            if a.is_nan() and b.is_nan():
                return base(0, 0)
            return base(ka[0], kb[0])
        return base(a, b)

    return f


def bpchar_compare(op: str) -> Callable[[str, str], bool]:
    base = COMPARE[op]
    return lambda a, b: base(a.rstrip(" "), b.rstrip(" "))


# pattern matching ------------------------------------------------------------------------------
def like_to_regex(pattern: str, escape: str | None = "\\", case_insensitive: bool = False) -> re.Pattern[str]:
    out = []
    i = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if escape and c == escape:
            if i + 1 >= n:
                raise SqlError(sqlstate.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character")
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if c == "%":
            out.append(".*")
        elif c == "_":
            out.append(".")
        else:
            out.append(re.escape(c))
        i += 1
    flags = re.DOTALL | (re.IGNORECASE if case_insensitive else 0)
    return re.compile("".join(out) + r"\Z", flags)


class LikeMatcher:
    """Compiles LIKE patterns once per distinct pattern (a constant pattern compiles once)."""

    def __init__(self, case_insensitive: bool, escape: str | None = "\\") -> None:
        self.ci = case_insensitive
        self.escape = escape
        self.cache: dict[str, re.Pattern[str]] = {}

    def __call__(self, value: str, pattern: str) -> bool:
        rx = self.cache.get(pattern)
        if rx is None:
            if len(self.cache) > 256:
                self.cache.clear()
            try:
                rx = self.cache[pattern] = like_to_regex(pattern, self.escape, self.ci)
            except SqlError:
                return self._dangling_escape(value, pattern)
        return rx.match(value) is not None

    def _dangling_escape(self, value: str, pattern: str) -> bool:
        """A pattern ending in a lone escape character: like PostgreSQL, fail only when matching gets
        there with text left over; a text used up before it does not match."""
        head = like_to_regex(pattern[:-1], self.escape, self.ci)
        if head.match(value) is not None:
            return False
        prefix = re.compile(head.pattern[: -len(r"\Z")], head.flags)
        if prefix.match(value) is not None:
            raise SqlError(sqlstate.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character")
        return False


def regex_match(case_insensitive: bool) -> Callable[[str, str], bool]:
    cache: dict[str, re.Pattern[str]] = {}

    def f(value: str, pattern: str) -> bool:
        rx = cache.get(pattern)
        if rx is None:
            try:
                rx = re.compile(pattern, re.IGNORECASE if case_insensitive else 0)
            except re.error as e:
                raise SqlError(sqlstate.INVALID_REGULAR_EXPRESSION,
                               f"invalid regular expression: {e}") from None
            if len(cache) > 256:
                cache.clear()
            cache[pattern] = rx
        return rx.search(value) is not None

    return f
