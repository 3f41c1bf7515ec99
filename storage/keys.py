"""Order-preserving encoding of key tuples into bytes.

What lives here: :func:`encode_key`, :func:`decode_key` and :func:`prefix_successor`. For tuples
whose positions hold values of the same type, ``encode_key(a) < encode_key(b)`` (bytewise) exactly
when ``a < b`` in SQL order, with NULL greater than every non-null value (PostgreSQL's btree
default NULLS LAST). The encoding of a tuple is the concatenation of the encodings of its values,
and every value encoding is self-delimiting, so ``encode_key(t[:n])`` is a prefix of
``encode_key(t)`` and prefix range scans work.

What does not live here: the layout of keys in the database (see :mod:`storage.layout`), type
coercion (a column's values and scan bounds must already have the column's Python type; the
encodings of different types are ordered only by their tag byte), collations other than "C".

Byte format. Every value starts with a tag byte:

====  =====================================================================================
tag   value
====  =====================================================================================
0x10  ``False`` (no payload)
0x11  ``True`` (no payload)
0x20  int < -2**63: 4-byte big-endian ``0xFFFFFFFF - n`` (n = byte length of the magnitude)
      then the magnitude's bytes, each complemented (``0xFF - b``)
0x21  int in int64 range: 8 bytes big-endian of ``v + 2**63``
0x22  int >= 2**63: 4-byte big-endian n, then the n magnitude bytes (minimal, big-endian)
0x30  float: the IEEE-754 binary64 big-endian bits; positive values have the sign bit set,
      negative values have every bit inverted. -0.0 is stored as 0.0, every NaN as the
      canonical positive quiet NaN, which sorts above +inf as in PostgreSQL.
0x40  decimal.Decimal: one class byte, then a payload for finite non-zero values:
      0x01 -Infinity, 0x02 negative, 0x03 zero (any sign or exponent), 0x04 positive,
      0x05 +Infinity, 0x06 NaN (any NaN, sorting greatest as in PostgreSQL).
      A finite non-zero value is 0.d1d2d3... x 10**E with d1 != 0 and no trailing zero
      digit; the payload is E as 8 bytes big-endian of ``E + 2**63``, then the digits in
      pairs, each pair as one byte ``1 + 10*a + b`` (an odd last digit is padded with 0),
      then a 0x00 terminator. For negative values every payload byte is complemented
      (so the terminator is 0xFF). Values are normalised: Decimal("1.50") decodes as
      Decimal("1.5").
0x50  str: UTF-8 (surrogates passed through), each 0x00 byte written as 0x00 0xFF, then the
      terminator 0x00 0x01. Bytewise order equals code point order; a prefix sorts first.
0x60  bytes: the same escaping and terminator as str.
0x70  tuple/list (an array value): the encodings of the elements, then a 0x00 terminator
      (every element starts with a tag >= 0x10, so a shorter array sorts first). Decodes as
      a tuple.
0xF0  NULL (``None``), no payload; the greatest tag.
====  =====================================================================================
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from decimal import Decimal

__all__ = ["encode_key", "decode_key", "prefix_successor", "encode_value"]

T_FALSE = 0x10
T_TRUE = 0x11
T_NEGBIG = 0x20
T_INT = 0x21
T_POSBIG = 0x22
T_FLOAT = 0x30
T_DECIMAL = 0x40
T_STR = 0x50
T_BYTES = 0x60
T_ARRAY = 0x70
T_NULL = 0xF0

_INT64_MIN = -(1 << 63)
_INT64_MAX = (1 << 63) - 1
_BIAS = 1 << 63
_SIGN = 1 << 63
_ALL = (1 << 64) - 1

_pack_q = struct.Struct(">Q").pack
_unpack_q = struct.Struct(">Q").unpack_from
_pack_d = struct.Struct(">d").pack
_unpack_d = struct.Struct(">d").unpack
_pack_i = struct.Struct(">I").pack
_unpack_i = struct.Struct(">I").unpack_from

_INT_TAG = bytes([T_INT])
_FLOAT_TAG = bytes([T_FLOAT])
_NULL = bytes([T_NULL])
_FALSE = bytes([T_FALSE])
_TRUE = bytes([T_TRUE])
_STR_END = b"\x00\x01"
_CANON_NAN = struct.unpack(">Q", struct.pack(">d", math.nan))[0]

# Decimal class bytes.
_D_NEGINF, _D_NEG, _D_ZERO, _D_POS, _D_POSINF, _D_NAN = 1, 2, 3, 4, 5, 6
_COMPLEMENT = bytes(range(255, -1, -1))
_PAIRS = {f"{i:02d}": i + 1 for i in range(100)}


def _encode_float(v: float) -> bytes:
    if v != v:
        bits = _CANON_NAN
    else:
        if v == 0.0:
            v = 0.0
        bits = int.from_bytes(_pack_d(v), "big")
    bits = bits ^ _ALL if bits & _SIGN else bits | _SIGN
    return _FLOAT_TAG + _pack_q(bits)


def _encode_bigint(v: int) -> bytes:
    if v > 0:
        mag = v.to_bytes((v.bit_length() + 7) // 8, "big")
        return bytes([T_POSBIG]) + _pack_i(len(mag)) + mag
    m = -v
    mag = m.to_bytes((m.bit_length() + 7) // 8, "big")
    return bytes([T_NEGBIG]) + _pack_i(0xFFFFFFFF - len(mag)) + mag.translate(_COMPLEMENT)


def _encode_decimal(v: Decimal) -> bytes:
    if v.is_nan():
        return bytes([T_DECIMAL, _D_NAN])
    if v.is_infinite():
        return bytes([T_DECIMAL, _D_NEGINF if v.is_signed() else _D_POSINF])
    if not v:
        return bytes([T_DECIMAL, _D_ZERO])
    sign, digits, exp = v.as_tuple()
    ds = "".join(map(str, digits)).lstrip("0").rstrip("0")
    # value = 0.<all digits> x 10**(len(digits) + exp); leading zeros do not occur for non-zero
    # values in as_tuple() except via construction, so strip them and adjust.
    e = v.adjusted() + 1
    if len(ds) % 2:
        ds += "0"
    body = _pack_q(e + _BIAS) + bytes(_PAIRS[ds[i : i + 2]] for i in range(0, len(ds), 2)) + b"\x00"
    if sign:
        return bytes([T_DECIMAL, _D_NEG]) + body.translate(_COMPLEMENT)
    return bytes([T_DECIMAL, _D_POS]) + body


def _escape(b: bytes, tag: int) -> bytes:
    if b"\x00" in b:
        b = b.replace(b"\x00", b"\x00\xff")
    return bytes([tag]) + b + _STR_END


def encode_value(v: object) -> bytes:
    """Encode one value (see the module docstring for the format)."""
    t = type(v)
    if t is int:
        if _INT64_MIN <= v <= _INT64_MAX:  # type: ignore[operator]
            return _INT_TAG + _pack_q(v + _BIAS)  # type: ignore[operator]
        return _encode_bigint(v)  # type: ignore[arg-type]
    if t is str:
        return _escape(v.encode("utf-8", "surrogatepass"), T_STR)  # type: ignore[union-attr]
    if v is None:
        return _NULL
    if t is bool:
        return _TRUE if v else _FALSE
    if t is float:
        return _encode_float(v)  # type: ignore[arg-type]
    if t is bytes:
        return _escape(v, T_BYTES)  # type: ignore[arg-type]
    if isinstance(v, Decimal):
        return _encode_decimal(v)
    if isinstance(v, tuple | list):
        return bytes([T_ARRAY]) + b"".join(map(encode_value, v)) + b"\x00"
    if isinstance(v, bytearray | memoryview):
        return _escape(bytes(v), T_BYTES)
    if isinstance(v, bool):
        return _TRUE if v else _FALSE
    if isinstance(v, int):
        return encode_value(int(v))
    if isinstance(v, float):
        return _encode_float(float(v))
    if isinstance(v, str):
        return encode_value(str(v))
    raise TypeError(f"cannot encode {t.__name__} in a key")


def encode_key(values: Sequence[object]) -> bytes:
    """Encode a tuple of values so that bytewise order equals SQL order (NULLS LAST)."""
    if len(values) == 1:
        return encode_value(values[0])
    return b"".join(map(encode_value, values))


def _unescape(b: bytes, pos: int) -> tuple[bytes, int]:
    """Return the unescaped string body starting at ``pos`` and the position after it."""
    end = b.find(b"\x00", pos)
    if end < 0:
        raise ValueError("unterminated string in key")
    if b[end + 1] == 0x01:
        return b[pos:end], end + 2
    parts = []
    while True:
        if end < 0:
            raise ValueError("unterminated string in key")
        parts.append(b[pos:end])
        marker = b[end + 1]
        if marker == 0x01:
            return b"\x00".join(parts), end + 2
        if marker != 0xFF:
            raise ValueError("bad escape in key")
        pos = end + 2
        end = b.find(b"\x00", pos)


def _decode_decimal(b: bytes, pos: int) -> tuple[Decimal, int]:
    cls = b[pos]
    pos += 1
    if cls == _D_ZERO:
        return Decimal(0), pos
    if cls == _D_NAN:
        return Decimal("NaN"), pos
    if cls == _D_POSINF:
        return Decimal("Infinity"), pos
    if cls == _D_NEGINF:
        return Decimal("-Infinity"), pos
    neg = cls == _D_NEG
    term = 0xFF if neg else 0x00
    end = b.index(term, pos + 8)
    body = b[pos:end]
    if neg:
        body = body.translate(_COMPLEMENT)
    e = _unpack_q(body, 0)[0] - _BIAS
    digits: list[int] = []
    for byte in body[8:]:
        digits.extend(divmod(byte - 1, 10))
    while digits and digits[-1] == 0:
        digits.pop()
    return Decimal((1 if neg else 0, tuple(digits), e - len(digits))), end + 1


def _decode_one(b: bytes, pos: int) -> tuple[object, int]:
    tag = b[pos]
    pos += 1
    if tag == T_INT:
        return _unpack_q(b, pos)[0] - _BIAS, pos + 8
    if tag == T_STR:
        raw, pos = _unescape(b, pos)
        return raw.decode("utf-8", "surrogatepass"), pos
    if tag == T_NULL:
        return None, pos
    if tag == T_FLOAT:
        bits = _unpack_q(b, pos)[0]
        bits = bits ^ _SIGN if bits & _SIGN else bits ^ _ALL
        return _unpack_d(_pack_q(bits))[0], pos + 8
    if tag == T_BYTES:
        return _unescape(b, pos)
    if tag == T_FALSE:
        return False, pos
    if tag == T_TRUE:
        return True, pos
    if tag == T_DECIMAL:
        return _decode_decimal(b, pos)
    if tag == T_POSBIG:
        n = _unpack_i(b, pos)[0]
        return int.from_bytes(b[pos + 4 : pos + 4 + n], "big"), pos + 4 + n
    if tag == T_NEGBIG:
        n = 0xFFFFFFFF - _unpack_i(b, pos)[0]
        mag = b[pos + 4 : pos + 4 + n].translate(_COMPLEMENT)
        return -int.from_bytes(mag, "big"), pos + 4 + n
    if tag == T_ARRAY:
        items = []
        while b[pos] != 0:
            item, pos = _decode_one(b, pos)
            items.append(item)
        return tuple(items), pos + 1
    raise ValueError(f"bad key tag 0x{tag:02x}")


def decode_key(b: bytes, pos: int = 0) -> tuple:
    """Decode the values encoded in ``b[pos:]`` (the inverse of :func:`encode_key`)."""
    out = []
    n = len(b)
    while pos < n:
        v, pos = _decode_one(b, pos)
        out.append(v)
    return tuple(out)


def decode_prefix(b: bytes, count: int, pos: int = 0) -> tuple[tuple, int]:
    """Decode the first ``count`` values at ``b[pos:]``; return them and the position after."""
    out = []
    for _ in range(count):
        v, pos = _decode_one(b, pos)
        out.append(v)
    return tuple(out), pos


def prefix_successor(b: bytes) -> bytes | None:
    """The smallest byte string greater than every string that starts with ``b``.

    Returns None when there is none (``b`` is empty or all 0xFF bytes): the range is unbounded.
    """
    stripped = b.rstrip(b"\xff")
    if not stripped:
        return None
    return stripped[:-1] + bytes([stripped[-1] + 1])
