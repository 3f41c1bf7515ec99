"""Ordering and round-trip properties of storage.keys (random-based property tests)."""

from __future__ import annotations

import functools
import math
import random
from decimal import Decimal

import pytest

from storage.keys import decode_key, encode_key, prefix_successor

SEED = 20240601


def sql_cmp(a: object, b: object) -> int:
    """Reference comparison: SQL order, NULLS LAST, NaN greatest, -0.0 == 0.0."""
    if a is None or b is None:
        return (a is None) - (b is None)
    if isinstance(a, tuple):
        return tuple_cmp(a, b)  # type: ignore[arg-type]
    if isinstance(a, float):
        an, bn = math.isnan(a), math.isnan(b)  # type: ignore[arg-type]
        if an or bn:
            return an - bn
    if isinstance(a, Decimal):
        an, bn = a.is_nan(), b.is_nan()  # type: ignore[union-attr]
        if an or bn:
            return an - bn
    if isinstance(a, str):
        a, b = [ord(c) for c in a], [ord(c) for c in b]  # type: ignore[union-attr]
    return (a > b) - (a < b)  # type: ignore[operator]


def tuple_cmp(a: tuple, b: tuple) -> int:
    for x, y in zip(a, b):
        c = sql_cmp(x, y)
        if c:
            return c
    return (len(a) > len(b)) - (len(a) < len(b))


def check_order(values: list, rng: random.Random) -> None:
    rng.shuffle(values)
    by_key = sorted(values, key=lambda v: encode_key((v,)))
    for x, y in zip(by_key, by_key[1:]):
        assert sql_cmp(x, y) <= 0, (x, y)
        ex, ey = encode_key((x,)), encode_key((y,))
        assert (ex == ey) == (sql_cmp(x, y) == 0), (x, y)
    for v in values:
        (back,) = decode_key(encode_key((v,)))
        assert sql_cmp(back, v) == 0 and type(back) is type(v), (v, back)


def rand_int(rng: random.Random) -> int:
    kind = rng.random()
    if kind < 0.4:
        return rng.randint(-1000, 1000)
    if kind < 0.8:
        return rng.randint(-(1 << 63), (1 << 63) - 1)
    return rng.choice([-1, 1]) * rng.randint(0, 1 << rng.randint(60, 300))


def test_int_order() -> None:
    rng = random.Random(SEED)
    edge = [
        0,
        -1,
        1,
        (1 << 63) - 1,
        -(1 << 63),
        1 << 63,
        -(1 << 63) - 1,
        1 << 64,
        -(1 << 64),
        10**40,
        -(10**40),
    ]
    check_order(edge + [rand_int(rng) for _ in range(3000)] + [None, None], rng)


def rand_float(rng: random.Random) -> float:
    kind = rng.random()
    if kind < 0.1:
        return rng.choice([0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, -5e-324, 1.7976931348623157e308])
    if kind < 0.5:
        return rng.uniform(-10, 10)
    return rng.choice([-1, 1]) * rng.random() * 10 ** rng.randint(-300, 300)


def test_float_order() -> None:
    rng = random.Random(SEED + 1)
    check_order([rand_float(rng) for _ in range(3000)] + [None], rng)
    assert encode_key((-0.0,)) == encode_key((0.0,))
    assert encode_key((math.nan,)) == encode_key((-math.nan,))
    assert encode_key((math.inf,)) < encode_key((math.nan,)) < encode_key((None,))


def rand_decimal(rng: random.Random) -> Decimal:
    kind = rng.random()
    if kind < 0.1:
        return rng.choice(
            [
                Decimal(0),
                Decimal("-0"),
                Decimal("0.000"),
                Decimal("NaN"),
                Decimal("Infinity"),
                Decimal("-Infinity"),
                Decimal("1E-1000"),
                Decimal("-1E+1000"),
            ]
        )
    digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 40)))
    sign = rng.choice(["", "-"])
    return Decimal(f"{sign}{digits}E{rng.randint(-50, 50)}")


def test_decimal_order() -> None:
    rng = random.Random(SEED + 2)
    vals = [rand_decimal(rng) for _ in range(3000)]
    vals += [
        Decimal("1.5"),
        Decimal("1.50"),
        Decimal("1.05"),
        Decimal("-1.5"),
        Decimal("-1.05"),
        Decimal("0.1"),
        Decimal("0.12"),
        Decimal("0.123"),
        Decimal("-0.12"),
        Decimal("-0.123"),
        Decimal("10"),
        Decimal("9.99"),
    ]
    check_order(vals, rng)
    assert encode_key((Decimal("1.50"),)) == encode_key((Decimal("1.5"),))
    assert decode_key(encode_key((Decimal("-12.3400"),))) == (Decimal("-12.34"),)
    assert encode_key((Decimal("Infinity"),)) < encode_key((Decimal("NaN"),)) < encode_key((None,))


ALPHABET = ["a", "b", "\x00", "\x01", "\x7f", "é", "€", "😀", "\uffff", "z", "\U0010ffff"]


def rand_str(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 6)))


def test_str_order() -> None:
    rng = random.Random(SEED + 3)
    vals = [rand_str(rng) for _ in range(3000)] + ["", "a", "a\x00", "a\x00\x00", "ab", "a\x01", None]
    check_order(vals, rng)


def test_bytes_order() -> None:
    rng = random.Random(SEED + 4)
    vals = [
        bytes(rng.choice([0, 1, 0xFE, 0xFF, 0x41]) for _ in range(rng.randint(0, 6))) for _ in range(3000)
    ]
    check_order(vals + [b"", b"\x00", b"\xff", None], rng)


def test_bool_order() -> None:
    check_order([True, False, None, False, True], random.Random(SEED))
    assert encode_key((False,)) < encode_key((True,)) < encode_key((None,))


GENERATORS = [rand_int, rand_float, rand_decimal, rand_str, lambda r: rand_str(r).encode()]


def test_tuple_order() -> None:
    """Tuples of mixed column types (same types per position), with NULLs, compare like SQL rows."""
    rng = random.Random(SEED + 5)
    for _ in range(20):
        gens = [rng.choice(GENERATORS) for _ in range(rng.randint(1, 4))]
        pool = [[g(rng) for _ in range(4)] + [None] for g in gens]  # few values: many ties
        rows = [tuple(rng.choice(p) for p in pool) for _ in range(300)]
        by_key = sorted(rows, key=encode_key)
        for x, y in zip(by_key, by_key[1:]):
            assert tuple_cmp(x, y) <= 0, (x, y)
            assert (encode_key(x) == encode_key(y)) == (tuple_cmp(x, y) == 0)
        for r in rows:
            back = decode_key(encode_key(r))
            assert tuple_cmp(back, r) == 0


def test_prefixes_and_arrays() -> None:
    rng = random.Random(SEED + 6)
    for _ in range(500):
        t = tuple(g(rng) for g in rng.sample(GENERATORS, 3))
        full = encode_key(t)
        for n in range(len(t) + 1):
            assert full.startswith(encode_key(t[:n]))
            succ = prefix_successor(encode_key(t[:n]))
            assert succ is None or full < succ
    # strings in a tuple are unambiguous
    assert encode_key(("a", "bc")) != encode_key(("ab", "c"))
    assert decode_key(encode_key(("a\x00", "\x00b"))) == ("a\x00", "\x00b")
    # arrays: element-wise, shorter first
    arrays = [(1, 2), (1,), (), (1, 2, 3), (0, 5), (1, None), (2,)]
    assert sorted(arrays, key=lambda a: encode_key((a,))) == [
        (),
        (0, 5),
        (1,),
        (1, 2),
        (1, 2, 3),
        (1, None),
        (2,),
    ]
    assert decode_key(encode_key(([1, "x", None],))) == ((1, "x", None),)


def test_prefix_successor() -> None:
    assert prefix_successor(b"ab") == b"ac"
    assert prefix_successor(b"a\xff\xff") == b"b"
    assert prefix_successor(b"\xff") is None
    assert prefix_successor(b"") is None


def test_cross_type_tags_and_errors() -> None:
    assert encode_key((None,)) > encode_key(("zzz",)) > encode_key((5,))
    with pytest.raises(TypeError):
        encode_key((object(),))
    with pytest.raises(ValueError):
        decode_key(b"\x99")


def test_sort_stability_with_functools() -> None:
    rng = random.Random(SEED + 7)
    vals = [rand_int(rng) for _ in range(500)] + [None] * 3
    assert [encode_key((v,)) for v in sorted(vals, key=functools.cmp_to_key(sql_cmp))] == sorted(
        encode_key((v,)) for v in vals
    )
