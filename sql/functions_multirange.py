"""Multirange functions and operators: the constructors (``int4multirange(r1, r2, ...)``,
``multirange(anyrange)``), lower/upper, isempty, lower_inc/upper_inc/lower_inf/upper_inf,
range_merge, unnest, the casts from a range, and the operators ``@> <@ && << >> &< &> -|- + * -``
and comparisons between multiranges, ranges and elements (see :mod:`sql.multirange_ops`)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any

from sql import multirange_ops as M
from sql import sqlstate
from sql import typesys as T
from sql.datatypes import extra_io
from sql.datatypes import ranges as R
from sql.datatypes.binary import binary_output_function
from sql.datatypes.multiranges import MULTIRANGE_RANGES, Multirange, make_multirange
from sql.errors import SqlError
from sql.functions import builtin, set_returning
from sql.type_operators import OPERATOR_TYPES, TYPE_OPERATORS

_NAMES = {4451: "int4multirange", 4536: "int8multirange", 4532: "nummultirange", 4535: "datemultirange",
          4533: "tsmultirange", 4534: "tstzmultirange"}

Pred = Callable[[Any, Any], bool]


def _constructor(range_oid: int) -> Callable[..., Multirange]:
    def construct(*ranges: R.Range | None) -> Multirange:
        if any(x is None for x in ranges):
            raise SqlError(sqlstate.NULL_VALUE_NOT_ALLOWED, "multirange values cannot contain null members")
        return make_multirange(range_oid, ranges)  # type: ignore[arg-type]

    return construct


def _unnest(m: Multirange) -> Iterator[tuple[R.Range]]:
    for x in m.ranges:
        yield (x,)


def _flip(fn: Pred) -> Pred:
    return lambda a, b: fn(b, a)


def _register_functions(mr: int, rng: int, sub: int) -> None:
    name = _NAMES[mr]
    make = _constructor(rng)
    builtin(name, (rng,), mr, strict=False, variadic=True)(make)
    builtin("multirange", (rng,), mr)(make)
    builtin("lower", (mr,), sub)(lambda m: m.ranges[0].lower if m.ranges else None)
    builtin("upper", (mr,), sub)(lambda m: m.ranges[-1].upper if m.ranges else None)
    builtin("isempty", (mr,), T.BOOL)(lambda m: not m.ranges)
    builtin("lower_inc", (mr,), T.BOOL)(lambda m: bool(m.ranges) and m.ranges[0].lower_inc)
    builtin("upper_inc", (mr,), T.BOOL)(lambda m: bool(m.ranges) and m.ranges[-1].upper_inc)
    builtin("lower_inf", (mr,), T.BOOL)(lambda m: bool(m.ranges) and m.ranges[0].lower is None)
    builtin("upper_inf", (mr,), T.BOOL)(lambda m: bool(m.ranges) and m.ranges[-1].upper is None)
    builtin("range_merge", (mr,), rng)(lambda m, o=rng: M.span(o, m))
    set_returning("unnest", (mr,), [("unnest", rng)])(_unnest)
    builtin("multirange_send", (mr,), T.BYTEA)(binary_output_function(mr))
    extra_io.CASTS[(rng, mr)] = ("e", lambda tz: M.as_multirange)


def _register_operators(mr: int, rng: int, sub: int) -> None:
    OPERATOR_TYPES.add(mr)
    ops = TYPE_OPERATORS
    ops[("@>", mr, sub)] = (M.contains_elem, T.BOOL)
    ops[("<@", sub, mr)] = (_flip(M.contains_elem), T.BOOL)
    ops[("@>", mr, rng)] = (M.contains_range, T.BOOL)
    ops[("<@", rng, mr)] = (_flip(M.contains_range), T.BOOL)
    ops[("@>", rng, mr)] = (M.range_contains, T.BOOL)
    ops[("<@", mr, rng)] = (_flip(M.range_contains), T.BOOL)
    ops[("@>", mr, mr)] = (M.contains, T.BOOL)
    ops[("<@", mr, mr)] = (_flip(M.contains), T.BOOL)
    ops[("&&", mr, rng)] = (M.overlaps_range, T.BOOL)
    ops[("&&", rng, mr)] = (_flip(M.overlaps_range), T.BOOL)
    ops[("&&", mr, mr)] = (M.overlaps, T.BOOL)
    for op, fn in (("<<", M.before), (">>", M.after), ("&<", M.not_extend_right), ("&>", M.not_extend_left),
                   ("-|-", M.adjacent)):
        ops[(op, mr, mr)] = (fn, T.BOOL)
        ops[(op, mr, rng)] = (lambda a, b, f=fn: f(a, M.as_multirange(b)), T.BOOL)
        ops[(op, rng, mr)] = (lambda a, b, f=fn: f(M.as_multirange(a), b), T.BOOL)
    for op, fn2 in (("+", M.union), ("*", M.intersect), ("-", M.minus)):
        ops[(op, mr, mr)] = (lambda a, b, f=fn2, o=rng: f(o, a, b), mr)
    for op, cmp in (("=", operator.eq), ("<>", operator.ne), ("<", operator.lt), ("<=", operator.le),
                    (">", operator.gt), (">=", operator.ge)):
        ops[(op, mr, mr)] = (cmp, T.BOOL)


for _mr, _rng in MULTIRANGE_RANGES.items():
    _register_functions(_mr, _rng, R.RANGE_SUBTYPES[_rng])
    _register_operators(_mr, _rng, R.RANGE_SUBTYPES[_rng])
