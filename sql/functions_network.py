"""inet/cidr functions and operators: host, masklen, network, broadcast, netmask, hostmask,
family, set_masklen, abbrev; ``<< <<= >> >>= && = <> < <= > >=``, ``inet - inet``,
``inet +/- int8`` (PostgreSQL 15 semantics, see :mod:`sql.datatypes.network`)."""

from __future__ import annotations

import operator

from sql import sqlstate
from sql import typesys as T
from sql.datatypes.network import Inet, inet_text, to_cidr
from sql.errors import SqlError
from sql.functions import builtin
from sql.type_operators import OPERATOR_TYPES, TYPE_OPERATORS

INET, CIDR = T.INET, T.CIDR


def _mask(v: Inet, masklen: int) -> int:
    return ((1 << masklen) - 1) << (v.bits - masklen)


@builtin("host", (INET,), T.TEXT)
def host(v: Inet) -> str:
    return v.address_text()


@builtin("masklen", (INET,), T.INT4)
def masklen(v: Inet) -> int:
    return v.masklen


@builtin("family", (INET,), T.INT4)
def family(v: Inet) -> int:
    return v.family


@builtin("network", (INET,), CIDR)
def network(v: Inet) -> Inet:
    return to_cidr(v)


@builtin("broadcast", (INET,), INET)
def broadcast(v: Inet) -> Inet:
    return Inet(v.family, v.addr | ((1 << (v.bits - v.masklen)) - 1), v.masklen)


@builtin("netmask", (INET,), INET)
def netmask(v: Inet) -> Inet:
    return Inet(v.family, _mask(v, v.masklen), v.bits)


@builtin("hostmask", (INET,), INET)
def hostmask(v: Inet) -> Inet:
    return Inet(v.family, (1 << (v.bits - v.masklen)) - 1, v.bits)


@builtin("set_masklen", (INET, T.INT4), INET)
def set_masklen(v: Inet, n: int) -> Inet:
    if n == -1:
        n = v.bits
    if n < 0 or n > v.bits:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f"invalid mask length: {n}")
    return Inet(v.family, v.addr, n)


@builtin("abbrev", (INET,), T.TEXT)
def abbrev_inet(v: Inet) -> str:
    return v.address_text() if v.masklen == v.bits else inet_text(v)


@builtin("abbrev", (CIDR,), T.TEXT)
def abbrev_cidr(v: Inet) -> str:
    if v.family == 6:
        return inet_text(v)
    octets = v.address_text().split(".")
    keep = max((v.masklen + 7) // 8, 1)
    while keep < 4 and any(o != "0" for o in octets[keep:]):
        keep += 1
    return ".".join(octets[:keep]) + f"/{v.masklen}"


def _contained(a: Inet, b: Inet, strict: bool) -> bool:
    """a << b (strict) / a <<= b: a's network lies within b's."""
    if a.family != b.family:
        return False
    if a.masklen < b.masklen or (strict and a.masklen == b.masklen):
        return False
    return a.network_int(b.masklen) == b.network_int()


def _overlap(a: Inet, b: Inet) -> bool:
    if a.family != b.family:
        return False
    m = min(a.masklen, b.masklen)
    return a.network_int(m) == b.network_int(m)


def _minus(a: Inet, b: Inet) -> int:
    if a.family != b.family:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "cannot subtract inet values of different sizes")
    return a.addr - b.addr


def _plus(v: Inet, n: int) -> Inet:
    res = v.addr + n
    if res < 0 or res >= 1 << v.bits:
        raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "result is out of range")
    return Inet(v.family, res, v.masklen)


OPERATOR_TYPES.update({INET, CIDR})
for _op, _fn in (("<<", lambda a, b: _contained(a, b, True)), ("<<=", lambda a, b: _contained(a, b, False)),
                 (">>", lambda a, b: _contained(b, a, True)), (">>=", lambda a, b: _contained(b, a, False)),
                 ("&&", _overlap), ("=", operator.eq), ("<>", operator.ne), ("<", operator.lt),
                 ("<=", operator.le), (">", operator.gt), (">=", operator.ge)):
    TYPE_OPERATORS[(_op, INET, INET)] = (_fn, T.BOOL)
TYPE_OPERATORS[("-", INET, INET)] = (_minus, T.INT8)
TYPE_OPERATORS[("+", INET, T.INT8)] = (_plus, INET)
TYPE_OPERATORS[("-", INET, T.INT8)] = (lambda v, n: _plus(v, -n), INET)
