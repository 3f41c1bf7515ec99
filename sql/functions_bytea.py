"""bytea byte and bit access: get_byte, set_byte, get_bit, set_bit (PostgreSQL 15 semantics;
bits are numbered from the least significant bit of the first byte)."""

from __future__ import annotations

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.functions import builtin


def _index_error(n: int, top: int) -> SqlError:
    return SqlError(sqlstate.ARRAY_SUBSCRIPT_ERROR, f"index {n} out of valid range, 0..{top}")


@builtin("get_byte", (T.BYTEA, T.INT4), T.INT4)
def get_byte(b: bytes, n: int) -> int:
    if n < 0 or n >= len(b):
        raise _index_error(n, len(b) - 1)
    return b[n]


@builtin("set_byte", (T.BYTEA, T.INT4, T.INT4), T.BYTEA)
def set_byte(b: bytes, n: int, value: int) -> bytes:
    if n < 0 or n >= len(b):
        raise _index_error(n, len(b) - 1)
    out = bytearray(b)
    out[n] = value & 0xFF
    return bytes(out)


@builtin("get_bit", (T.BYTEA, T.INT8), T.INT4)
def get_bit(b: bytes, n: int) -> int:
    if n < 0 or n >= len(b) * 8:
        raise _index_error(n, len(b) * 8 - 1)
    return (b[n // 8] >> (n % 8)) & 1


@builtin("set_bit", (T.BYTEA, T.INT8, T.INT4), T.BYTEA)
def set_bit(b: bytes, n: int, value: int) -> bytes:
    if n < 0 or n >= len(b) * 8:
        raise _index_error(n, len(b) * 8 - 1)
    if value not in (0, 1):
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "new bit must be 0 or 1")
    out = bytearray(b)
    if value:
        out[n // 8] |= 1 << (n % 8)
    else:
        out[n // 8] &= ~(1 << (n % 8)) & 0xFF
    return bytes(out)
