"""bit / bit varying functions and operators: ``& | # ~ << >> ||``, comparisons, length,
bit_length, octet_length, get_bit, set_bit, bit_count (PostgreSQL 15 semantics, see
:mod:`sql.datatypes.bits`)."""

from __future__ import annotations

import operator
from collections.abc import Callable

from sql import sqlstate
from sql import typesys as T
from sql.datatypes.bits import BitString
from sql.errors import SqlError
from sql.functions import builtin
from sql.type_operators import OPERATOR_TYPES, PREFIX_OPERATORS, TYPE_OPERATORS

BIT, VARBIT = T.BIT, T.VARBIT


def _bitwise(word: str, fn: Callable[[int, int], int]) -> Callable[[str, str], BitString]:
    def run(a: str, b: str) -> BitString:
        if len(a) != len(b):
            raise SqlError(sqlstate.STRING_DATA_LENGTH_MISMATCH, f"cannot {word} bit strings of different sizes")
        if not a:
            return BitString("")
        return BitString(format(fn(int(a, 2), int(b, 2)), f"0{len(a)}b"))

    return run


def _shift_left(a: str, n: int) -> BitString:
    if n < 0:
        return _shift_right(a, -n)
    n = min(n, len(a))
    return BitString(a[n:] + "0" * n)


def _shift_right(a: str, n: int) -> BitString:
    if n < 0:
        return _shift_left(a, -n)
    n = min(n, len(a))
    return BitString("0" * n + a[:len(a) - n])


def _not(a: str) -> BitString:
    return BitString(a.translate(str.maketrans("01", "10")))


def _index_error(n: int, top: int) -> SqlError:
    return SqlError(sqlstate.ARRAY_SUBSCRIPT_ERROR, f"bit index {n} out of valid range (0..{top})")


for _t in (VARBIT, BIT):
    builtin("length|bit_length", (_t,), T.INT4)(len)
    builtin("octet_length", (_t,), T.INT4)(lambda a: (len(a) + 7) // 8)
    builtin("bit_count", (_t,), T.INT8)(lambda a: a.count("1"))


@builtin("get_bit", (BIT, T.INT4), T.INT4)
def get_bit(a: str, n: int) -> int:
    if n < 0 or n >= len(a):
        raise _index_error(n, len(a) - 1)
    return int(a[n])


@builtin("set_bit", (BIT, T.INT4, T.INT4), BIT)
def set_bit(a: str, n: int, v: int) -> BitString:
    if n < 0 or n >= len(a):
        raise _index_error(n, len(a) - 1)
    if v not in (0, 1):
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "new bit must be 0 or 1")
    return BitString(a[:n] + str(v) + a[n + 1:])


OPERATOR_TYPES.update({BIT, VARBIT})
TYPE_OPERATORS[("||", VARBIT, VARBIT)] = (lambda a, b: BitString(a + b), VARBIT)
for _t in (BIT, VARBIT):
    for _op, _fn in (("&", _bitwise("AND", operator.and_)), ("|", _bitwise("OR", operator.or_)),
                     ("#", _bitwise("XOR", operator.xor))):
        TYPE_OPERATORS[(_op, _t, _t)] = (_fn, _t)
    TYPE_OPERATORS[("<<", _t, T.INT4)] = (_shift_left, _t)
    TYPE_OPERATORS[(">>", _t, T.INT4)] = (_shift_right, _t)
    PREFIX_OPERATORS[("~", _t)] = (_not, _t)
    for _op, _cmp in (("=", operator.eq), ("<>", operator.ne), ("<", operator.lt), ("<=", operator.le),
                      (">", operator.gt), (">=", operator.ge)):
        TYPE_OPERATORS[(_op, _t, _t)] = (_cmp, T.BOOL)
