"""Mathematical functions; expected values recorded from PostgreSQL 15."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import pytest

import sql.functions  # noqa: F401  (registers the library)
from sql import functions_math as M
from sql import functions_trig as TR
from sql.datatypes.numeric import numeric_out
from sql.errors import SqlError


def err(fn: Any, *args: Any) -> tuple[str, str]:
    with pytest.raises(SqlError) as ei:
        fn(*args)
    return ei.value.code, str(ei.value)


def out(fn: Any, *args: str) -> str:
    return numeric_out(fn(*[Decimal(a) for a in args]))


@pytest.mark.parametrize(("arg", "expected"), [
    ("1", "2.7182818284590452"), ("1.0", "2.7182818284590452"), ("0.0", "1.0000000000000000"),
    ("2", "7.3890560989306502"), ("-10.5", "0.00002753644934974716"), ("50.5", "8548134287298057692257.9"),
    ("0.5", "1.6487212707001281"), ("1e-20", "1.00000000000000000001"), ("Infinity", "Infinity"),
    ("-Infinity", "0"), ("NaN", "NaN"),
])
def test_numeric_exp(arg: str, expected: str) -> None:
    assert out(M.numeric_exp, arg) == expected


def test_numeric_exp_extremes() -> None:
    assert len(out(M.numeric_exp, "-1000.0")) == 452
    assert out(M.numeric_exp, "-5000.0") == "0." + "0" * 1000
    assert out(M.numeric_exp, "1000.0").endswith("74217568.2")
    assert err(M.numeric_exp, Decimal("6000.0")) == ("22003", "value overflows numeric format")


@pytest.mark.parametrize(("arg", "expected"), [
    ("10", "2.3025850929940457"), ("10.0", "2.3025850929940457"), ("1.0", "0.0000000000000000"),
    ("2e10", "23.718998110500402"), ("1.05", "0.048790164169432003"), ("0.95", "-0.051293294387550533"),
    ("0.001", "-6.9077552789821371"), ("1e-20", "-46.05170185988091368036"),
    ("123456789.123", "18.631401767164318"), ("Infinity", "Infinity"), ("NaN", "NaN"),
])
def test_numeric_ln(arg: str, expected: str) -> None:
    assert out(M.numeric_ln, arg) == expected


def test_numeric_log() -> None:
    assert [out(M.log10_n, x) for x in ("100", "100.0", "2e10", "0.001", "1000.0")] == [
        "2.0000000000000000", "2.0000000000000000", "10.301029995663981", "-3.0000000000000000", "3.0000000000000000"]
    assert out(M.numeric_log, "2", "8") == "3.0000000000000000"
    assert out(M.numeric_log, "2.0", "8") == "3.0000000000000000"
    assert out(M.numeric_log, "2.5", "100") == "5.0258831894641201"
    assert out(M.numeric_log, "100", "2.5") == "0.1989700043360188"
    assert out(M.numeric_log, "Infinity", "2") == "0"
    assert err(M.numeric_log, Decimal(0), Decimal(8)) == ("2201E", "cannot take logarithm of zero")
    assert err(M.numeric_log, Decimal(1), Decimal(8)) == ("22012", "division by zero")
    assert err(M.numeric_ln, Decimal("-1.0")) == ("2201E", "cannot take logarithm of a negative number")
    assert err(M.numeric_ln, Decimal("0.0")) == ("2201E", "cannot take logarithm of zero")


def test_float_exp_ln_log() -> None:
    assert M.exp_f(1.0) == 2.718281828459045
    assert M.ln_f(10.0) == 2.302585092994046
    assert M.log10_f(100.0) == 2.0 and M.log10_f(0.5) == -0.3010299956639812
    assert M.ln_f(math.inf) == math.inf
    assert err(M.exp_f, 1000.0) == ("22003", "value out of range: overflow")
    assert err(M.exp_f, -1000.0) == ("22003", "value out of range: underflow")
    assert err(M.ln_f, 0.0) == ("2201E", "cannot take logarithm of zero")
    assert err(M.ln_f, -1.0) == ("2201E", "cannot take logarithm of a negative number")


def test_sqrt_power_numeric() -> None:
    assert [out(M.sqrt_n, x) for x in ("2.0", "2", "100.00", "0.0001", "1e-10", "123456789012345678901234567890",
                                       "Infinity", "0.0")] == [
        "1.414213562373095", "1.414213562373095", "10.000000000000000", "0.01000000000000000",
        "0.000010000000000000000", "351364182882014.4", "Infinity", "0.000000000000000"]
    cases = [("2.0", "3", "8.0000000000000000"), ("2", "0.5", "1.4142135623730950"), ("1.5", "2", "2.2500000000000000"),
             ("10.0", "-2", "0.0100000000000000"), ("2.0", "100", "1267650600228229401496703205376.0000000000000000"),
             ("0.0", "0", "1.0000000000000000"), ("0.0", "1.5", "0.0000000000000000"),
             ("4.0", "0.5", "2.0000000000000000"), ("-8.0", "3", "-512.0000000000000000"),
             ("2.5", "2.5", "9.8821176880261854"), ("1.0001", "10000", "2.7181459268252249")]
    assert [out(M.power_n, a, b) for a, b, _ in cases] == [e for _, _, e in cases]
    assert err(M.power_n, Decimal("0.0"), Decimal(-1)) == ("2201F", "zero raised to a negative power is undefined")
    assert err(M.power_n, Decimal("-8.0"), Decimal("0.5")) == (
        "2201F", "a negative number raised to a non-integer power yields a complex result")
    assert err(M.sqrt_n, Decimal("-1.0")) == ("2201F", "cannot take square root of a negative number")


def test_round_trunc_scale() -> None:
    rn = [numeric_out(M.round_numeric(Decimal(a), s)) for a, s in [
        ("123.456", -1), ("123.456", -3), ("-555.5", -1), ("555", -1), ("12345678901234567890123456789.5", 0),
        ("12345678901234567890123456789.55", 1), ("2.5", 0), ("-0.5", 0), ("1.23456789e-30", 35), ("1.5", 3)]]
    assert rn == ["120", "0", "-560", "560", "12345678901234567890123456790", "12345678901234567890123456789.6",
                  "3", "-1", "0.00000000000000000000000000000123457", "1.500"]
    tr = [numeric_out(M.trunc_ns(Decimal(a), s)) for a, s in [
        ("123.456", 1), ("123.456", -1), ("-123.456", -2), ("1.999", 0), ("123.4", 5)]]
    assert tr == ["123.4", "120", "-100", "1", "123.40000"]
    assert [M.scale(Decimal("1.50")), M.scale(Decimal("0")), M.scale(Decimal("0.00001")), M.scale(Decimal("NaN"))] == [
        2, 0, 5, None]
    assert [M.min_scale(Decimal(x)) for x in ("1.500", "0.00", "10")] == [1, 0, 0]
    assert [numeric_out(M.trim_scale(Decimal(x))) for x in ("1.500", "0.00", "120.0", "NaN")] == ["1.5", "0", "120",
                                                                                                 "NaN"]


def test_integer_functions() -> None:
    assert [out(M.div_n, a, b) for a, b in [("9", "4"), ("-9", "4"), ("9.5", "2"), ("-9.5", "2")]] == [
        "2", "-2", "4", "-4"]
    assert err(M.div_n, Decimal(1), Decimal(0)) == ("22012", "division by zero")
    assert [M.gcd4(12, 18), M.gcd4(-12, 18), M.gcd4(0, 0), M.gcd8(12, 0), M.lcm4(4, 6), M.lcm4(-4, 6),
            M.lcm4(0, 5)] == [6, 6, 0, 12, 12, 12, 0]
    assert [out(M.gcd_n, "1.5", "2.25"), out(M.lcm_n, "1.5", "2.25"), out(M.gcd_n, "NaN", "1"),
            out(M.gcd_n, "0.0", "0.00")] == ["0.75", "4.50", "NaN", "0.00"]
    assert err(M.gcd4, -2147483648, 0) == ("22003", "integer out of range")
    assert err(M.lcm4, 2147483647, 2147483646) == ("22003", "integer out of range")
    assert [numeric_out(M.factorial(n)) for n in (5, 0, 20, 25)] == ["120", "1", "2432902008176640000",
                                                                     "15511210043330985984000000"]
    assert err(M.factorial, -1) == ("22003", "factorial of a negative number is undefined")
    assert M.abs2(-5) == 5 and err(M.abs2, -32768) == ("22003", "smallint out of range")


def test_sign_cbrt_width_bucket() -> None:
    assert [M.cbrt(27.0), M.cbrt(-8.0), M.cbrt(2.0)] == [3.0000000000000004, -2.0, 1.2599210498948734]
    assert [M.sign_f(-2.5), numeric_out(M.sign_n(Decimal("3.2"))), numeric_out(M.sign_n(Decimal("-0.0")))] == [
        -1.0, "1", "0"]
    wb = M.width_bucket_n
    D = Decimal
    assert [wb(D("5.35"), D("0.024"), D("10.06"), 5), wb(D(-1), D(0), D(10), 5), wb(D(11), D(0), D(10), 5),
            wb(D(10), D(0), D(10), 5), wb(D(5), D(10), D(0), 5), wb(D(0), D(10), D(0), 5)] == [3, 0, 6, 6, 3, 6]
    assert M.width_bucket_f(5.0, 0.0, 10.0, 5) == 3
    assert M.width_bucket_array(5, [1, 3, 5, 7]) == 3
    assert err(wb, D(5), D(0), D(10), 0) == ("2201G", "count must be greater than zero")
    assert err(wb, D(5), D(1), D(1), 5) == ("2201G", "lower bound cannot equal upper bound")


def test_trig() -> None:
    assert [TR.degrees(math.pi), TR.radians(180.0)] == [180.0, 3.141592653589793]
    got = [TR.sind(30.0), TR.cosd(60.0), TR.tand(45.0), TR.asind(0.5), TR.acosd(0.5), TR.atand(1.0),
           TR.atan2d(1.0, 1.0), TR.cotd(45.0), TR.sind(90.0), TR.cosd(90.0), TR.tand(90.0), TR.sind(180.0)]
    assert got == [0.5, 0.5, 1.0, 30.0, 60.0, 45.0, 45.0, 1.0, 1.0, 0.0, math.inf, 0.0]
    got = [TR.atan2d(1.0, 0.0), TR.sind(-30.0), TR.cosd(120.0), TR.sind(225.0), TR.cosd(-90.0), TR.tand(-45.0),
           TR.tand(135.0), TR.cotd(90.0), TR.cotd(0.0), TR.acosd(-0.5), TR.asind(-1.0)]
    assert got == [90.0, -0.5, -0.5, -0.7071067811865475, 0.0, -1.0, -1.0, 0.0, math.inf, 120.0, -90.0]
    got = [TR.sind(1.0), TR.cosd(1.0), TR.tand(1.0), TR.cotd(1.0), TR.atand(0.5), TR.asind(0.2), TR.acosd(0.7)]
    assert got == [0.017452406437283515, 0.9998476951563913, 0.01745506492821759, 57.28996163075942,
                   26.565051177077986, 11.536959032815487, 45.5729959991943]
    assert [TR.sinh(1000.0), TR.cosh(1000.0), TR.sinh(-1000.0), TR.atanh(1.0), TR.atanh(-1.0)] == [
        math.inf, math.inf, -math.inf, math.inf, -math.inf]
    sin = next(b.fn for b in sql.functions.REGISTRY["sin"])
    asin = next(b.fn for b in sql.functions.REGISTRY["asin"])
    cot = next(b.fn for b in sql.functions.REGISTRY["cot"])
    assert sin(1.0) == 0.8414709848078965 and cot(0.0) == math.inf
    assert err(asin, 2.0) == ("22003", "input is out of range")
    assert err(sin, math.inf) == ("22003", "input is out of range")
    assert err(TR.atanh, 2.0) == ("22003", "input is out of range")
    assert err(TR.degrees, 1e308) == ("22003", "value out of range: overflow")


def test_setseed() -> None:
    assert M.setseed(0.5) == ""
    assert err(M.setseed, 2.0) == ("22023", "setseed parameter 2 is out of allowed range [-1,1]")
