"""Bit-string types bit(n) and bit varying(n) (PostgreSQL 15 semantics).

A datum is a :class:`BitString`, a ``str`` of ``0``/``1`` (so it orders like PostgreSQL's
``bitcmp``: bit by bit, a prefix first). Type modifiers: ``bit(n)`` input must have exactly
``n`` bits (22026), an explicit cast pads with zeros or truncates on the right;
``varbit(n)`` rejects longer input, an explicit cast truncates. Integers cast to bit(n)
keep their ``n`` low-order bits (sign-extended when ``n`` exceeds the integer's width).
Stored as the plain string.
"""

from __future__ import annotations

from typing import Any

from sql import sqlstate
from sql.errors import SqlError

from . import extra_io
from . import registry as r


class BitString(str):
    """A bit string: ``'0'``/``'1'`` characters."""

    __slots__ = ()


class _IntBits(BitString):
    """An integer converted to bits at full width, awaiting the target length."""

    __slots__ = ()


def bit_in(text: str) -> BitString:
    s = text
    if s[:1] in ("b", "B"):
        s = s[1:]
    elif s[:1] in ("x", "X"):
        return hex_bits(s[1:])
    for ch in s:
        if ch not in "01":
            raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'"{ch}" is not a valid binary digit')
    return BitString(s)


def hex_bits(s: str) -> BitString:
    out = []
    for ch in s:
        try:
            out.append(format(int(ch, 16), "04b"))
        except ValueError:
            raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION,
                           f'"{ch}" is not a valid hexadecimal digit') from None
    return BitString("".join(out))


def bit_typmod(v: str, typmod: int, explicit: bool) -> BitString:
    n = typmod
    if isinstance(v, _IntBits):
        if n <= len(v):
            return BitString(v[len(v) - n:])
        return BitString(v[0] * (n - len(v)) + v)
    if len(v) == n:
        return v if isinstance(v, BitString) else BitString(v)
    if not explicit:
        raise SqlError(sqlstate.STRING_DATA_LENGTH_MISMATCH, f"bit string length {len(v)} does not match type bit({n})")
    return BitString(v[:n] if len(v) > n else v + "0" * (n - len(v)))


def varbit_typmod(v: str, typmod: int, explicit: bool) -> BitString:
    if len(v) <= typmod:
        return v if isinstance(v, BitString) else BitString(v)
    if not explicit:
        raise SqlError(sqlstate.STRING_DATA_LENGTH_MISMATCH, f"bit string too long for type bit varying({typmod})")
    return BitString(v[:typmod])


def int_to_bits(width: int) -> Any:
    def conv(n: int) -> _IntBits:
        return _IntBits(format(n & ((1 << width) - 1), f"0{width}b"))

    return conv


def bits_to_int(width: int) -> Any:
    name = "integer" if width == 32 else "bigint"

    def conv(v: str) -> int:
        if len(v) > width:
            raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, f"{name} out of range")
        n = int(v, 2) if v else 0
        return n - (1 << width) if len(v) == width and v[0] == "1" else n

    return conv


def _register() -> None:
    for oid in (r.BIT, r.VARBIT):
        extra_io.INPUTS[oid] = lambda typmod, tz: bit_in
        extra_io.OUTPUTS[oid] = lambda tz, ds: str
        extra_io.TO_STORAGE[oid] = str
        extra_io.FROM_STORAGE[oid] = BitString
    extra_io.TYPMODS[r.BIT] = bit_typmod
    extra_io.TYPMODS[r.VARBIT] = varbit_typmod
    same: Any = lambda tz: BitString  # noqa: E731
    extra_io.CASTS[(r.BIT, r.VARBIT)] = ("i", same)
    extra_io.CASTS[(r.VARBIT, r.BIT)] = ("i", same)
    extra_io.CASTS[(r.INT4, r.BIT)] = ("e", lambda tz: int_to_bits(32))
    extra_io.CASTS[(r.INT8, r.BIT)] = ("e", lambda tz: int_to_bits(64))
    extra_io.CASTS[(r.BIT, r.INT4)] = ("e", lambda tz: bits_to_int(32))
    extra_io.CASTS[(r.BIT, r.INT8)] = ("e", lambda tz: bits_to_int(64))


_register()
