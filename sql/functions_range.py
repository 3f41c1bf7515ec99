"""Range functions and operators: the constructors (``int4range(1, 5, '[]')``), lower/upper,
isempty, lower_inc/upper_inc/lower_inf/upper_inf, range_merge, and the operators
``@> <@ && << >> &< &> -|- + * -`` and comparisons (PostgreSQL 15 semantics, see
:mod:`sql.datatypes.ranges`)."""

from __future__ import annotations

import operator
from typing import Any

from sql import typesys as T
from sql.datatypes import ranges as R
from sql.functions import builtin
from sql.type_operators import OPERATOR_TYPES, TYPE_OPERATORS

_NAMES = {R.INT4RANGE: "int4range", R.INT8RANGE: "int8range", R.NUMRANGE: "numrange", R.TSRANGE: "tsrange",
          R.TSTZRANGE: "tstzrange", R.DATERANGE: "daterange"}


def _lower(x: R.Range) -> Any:
    return None if x.empty else x.lower


def _upper(x: R.Range) -> Any:
    return None if x.empty else x.upper


def _merge(oid: int, a: R.Range, b: R.Range) -> R.Range:
    if a.empty:
        return b
    if b.empty:
        return a
    lo = a if R.cmp_bounds(R.lower_bound(a), R.lower_bound(b)) <= 0 else b
    up = a if R.cmp_bounds(R.upper_bound(a), R.upper_bound(b)) >= 0 else b
    return R.make_range(oid, lo.lower, up.upper, lo.lower_inc, up.upper_inc)


def _register(oid: int, sub: int) -> None:
    name = _NAMES[oid]
    builtin(name, (sub, sub), oid, strict=False)(lambda lo, up, o=oid: R.construct(o, lo, up))
    builtin(name, (sub, sub, T.TEXT), oid, strict=False)(
        lambda lo, up, flags, o=oid: R.construct(o, lo, up, "[)" if flags is None else flags))
    builtin("lower", (oid,), sub)(_lower)
    builtin("upper", (oid,), sub)(_upper)
    builtin("isempty", (oid,), T.BOOL)(lambda x: x.empty)
    builtin("lower_inc", (oid,), T.BOOL)(lambda x: not x.empty and x.lower_inc)
    builtin("upper_inc", (oid,), T.BOOL)(lambda x: not x.empty and x.upper_inc)
    builtin("lower_inf", (oid,), T.BOOL)(lambda x: not x.empty and x.lower is None)
    builtin("upper_inf", (oid,), T.BOOL)(lambda x: not x.empty and x.upper is None)
    builtin("range_merge", (oid, oid), oid)(lambda a, b, o=oid: _merge(o, a, b))
    OPERATOR_TYPES.add(oid)
    TYPE_OPERATORS[("@>", oid, sub)] = (R.contains_elem, T.BOOL)
    TYPE_OPERATORS[("<@", sub, oid)] = (lambda v, x: R.contains_elem(x, v), T.BOOL)
    for op, fn in (("@>", R.contains), ("<@", lambda a, b: R.contains(b, a)), ("&&", R.overlaps),
                   ("<<", R.before), (">>", R.after), ("&<", R.not_extend_right), ("&>", R.not_extend_left),
                   ("-|-", R.adjacent)):
        TYPE_OPERATORS[(op, oid, oid)] = (fn, T.BOOL)
    for op, fn2 in (("+", R.union), ("*", R.intersect), ("-", R.minus)):
        TYPE_OPERATORS[(op, oid, oid)] = (lambda a, b, f=fn2, o=oid: f(o, a, b), oid)
    for op, cmp in (("=", operator.eq), ("<>", operator.ne), ("<", operator.lt), ("<=", operator.le),
                    (">", operator.gt), (">=", operator.ge)):
        TYPE_OPERATORS[(op, oid, oid)] = (cmp, T.BOOL)


for _oid, _sub in R.RANGE_SUBTYPES.items():
    _register(_oid, _sub)
