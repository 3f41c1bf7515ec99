"""Round trips of storage.rows."""

from __future__ import annotations

import math
import random
from decimal import Decimal

import pytest

from storage.rows import decode_row, encode_row, rows_equal


def test_round_trip_plain() -> None:
    rows = [
        (),
        (None,),
        (1, -5, 1 << 100, -(1 << 100), True, False, 1.5, -0.0, math.inf, "héllo 😀", "", b"\x00\xff", b""),
        ((1, 2, None), ["a", "b"], ((1,), []), "x\x00y"),
    ]
    for row in rows:
        back = decode_row(encode_row(row))
        assert back == row
        assert [type(v) for v in back] == [type(v) for v in row]
    nan_row = decode_row(encode_row((math.nan,)))
    assert math.isnan(nan_row[0])


def test_round_trip_decimal() -> None:
    row = (1, Decimal("12.3400"), (Decimal("-1E+5"), [Decimal("NaN"), "x"]), None, Decimal("Infinity"))
    back = decode_row(encode_row(row))
    assert back[1] == Decimal("12.3400") and str(back[1]) == "12.3400"
    assert isinstance(back[2], tuple) and back[2][0] == Decimal("-1E+5")
    assert isinstance(back[2][1], list) and back[2][1][0].is_nan() and back[2][1][1] == "x"
    assert back[4] == Decimal("Infinity")
    assert encode_row(row)[0] == 2 and encode_row((1,))[0] == 1


def test_random_round_trip() -> None:
    rng = random.Random(7)
    gens = [
        lambda: rng.randint(-(1 << 70), 1 << 70),
        lambda: rng.random() * 1e10,
        lambda: "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(0, 20))),
        lambda: bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 20))),
        lambda: None,
        lambda: rng.random() < 0.5,
        lambda: Decimal(rng.randint(-(10**20), 10**20)).scaleb(-rng.randint(0, 10)),
    ]
    for _ in range(500):
        row = tuple(rng.choice(gens)() for _ in range(rng.randint(0, 10)))
        assert rows_equal(decode_row(encode_row(row)), row)


def test_deterministic_encoding() -> None:
    s = "shared-string-value"
    a = (s, s, 1, s)
    b = ("shared-string-" + "value", "shared-string-value"[:], 1, "".join(["shared-", "string-value"]))
    assert encode_row(a) == encode_row(b)


def test_rows_equal() -> None:
    assert rows_equal((1, math.nan), (1, math.nan))
    assert not rows_equal((1,), (True,))
    assert not rows_equal((1, 2), (1,))
    assert rows_equal((Decimal("NaN"), (1, [2])), (Decimal("NaN"), (1, [2])))


def test_bad_values() -> None:
    with pytest.raises(TypeError):
        encode_row((object(),))
    with pytest.raises(ValueError):
        decode_row(b"\x09abc")
