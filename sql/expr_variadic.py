"""Calls with a VARIADIC array argument (``format('%s-%s', VARIADIC ARRAY['x', 'y'])``,
``num_nulls(VARIADIC arr)``): the array's elements become the variadic parameter's arguments."""

from __future__ import annotations

import functools
from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.datatypes.arrays import flatten
from sql.errors import SqlError
from sql.expr import CExpr, ExprCompiler
from sql.functions import resolve_function, undefined_function

# functions whose VARIADIC NULL gives NULL although they are not strict
_NULL_ON_NULL_ARRAY = {"num_nulls", "num_nonnulls"}


def variadic_call(c: ExprCompiler, name: str, arg_nodes: list[exp.Expression]) -> CExpr:
    fixed = [c.compile(a) for a in arg_nodes[:-1]]
    arr = c.compile(arg_nodes[-1].this)
    if arr.type == T.UNKNOWN or arr.param is not None:
        arr = c.coerce(arr, T.array_type(T.TEXT))
    if not T.is_array(arr.type):
        raise SqlError(sqlstate.DATATYPE_MISMATCH, "VARIADIC argument must be an array")
    et = T.element_type(arr.type)
    fixed_types = [a.type if a.param is None else T.UNKNOWN for a in fixed]
    b, params = resolve_function(name, fixed_types + [et])
    if not b.variadic:
        raise undefined_function(name, fixed_types + [arr.type])
    fixed = [c.coerce(a, t) for a, t in zip(fixed, params)]
    want = params[-1]
    conv = None
    if want not in (T.ANY, et):
        conv = T.cast_fn(et, want)
        et = want
    f = b.fn
    typed = bool(getattr(f, "pg_arg_types", False))
    fixed_fns = [a.fn for a in fixed]
    head_types = tuple(a.type for a in fixed)
    af = arr.fn
    null_on_null = b.strict or name in _NULL_ON_NULL_ARRAY

    def run(row: Any, ctx: Any) -> Any:
        vals = [g(row, ctx) for g in fixed_fns]
        items = af(row, ctx)
        if items is None:
            if null_on_null:
                return None
            items = []
        rest = flatten(items)
        if conv is not None:
            rest = [None if v is None else conv(v) for v in rest]
        args = vals + rest
        if b.strict and None in args:
            return None
        g = functools.partial(f, arg_types=head_types + (et,) * len(rest)) if typed else f
        return g(ctx, *args) if b.needs_ctx else g(*args)

    return CExpr(run, b.return_type([a.type for a in fixed] + [et]), name=name)
