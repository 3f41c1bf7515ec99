"""Subscripted assignment targets in UPDATE: ``SET a[2] = 5`` (arrays) and ``SET j['b'] = '1'``
(jsonb). The new column value is the old one with the subscripted element replaced."""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.datatypes import Jsonb
from sql.datatypes.arrays import lower_bounds, with_lower_bounds
from sql.errors import SqlError
from sql.expr import CExpr, ExprCompiler
from sql.expr_subscript import _index


def target_column(node: exp.Expression) -> exp.Expression:
    """The column a (possibly subscripted) SET target names."""
    while isinstance(node, exp.Bracket):
        node = node.this
    return node


def subscripted_assignment(c: ExprCompiler, target: exp.Bracket, col_type: int, rhs: exp.Expression) -> CExpr:
    chain: list[exp.Bracket] = []
    n: exp.Expression = target
    while isinstance(n, exp.Bracket):
        chain.append(n)
        n = n.this
    chain.reverse()
    subs = [(b, e) for b in chain for e in b.expressions]
    if any(isinstance(e, exp.Slice) for _b, e in subs):
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "assignment to an array slice is not supported yet")
    old = c.compile(n).fn
    if col_type == T.JSONB:
        return _jsonb_assignment(c, old, subs, rhs)
    if not T.is_array(col_type):
        raise SqlError(sqlstate.DATATYPE_MISMATCH,
                       f"cannot subscript type {T.type_name(col_type)} because it does not support subscripting")
    value = c.coerce(c.compile(rhs), T.element_type(col_type), -1, "assignment").fn
    idx = [_index(c, b, e).fn for b, e in subs]

    def run(row: Any, ctx: Any) -> Any:
        arr = old(row, ctx)
        positions = [f(row, ctx) for f in idx]
        if None in positions:
            raise SqlError(sqlstate.NULL_VALUE_NOT_ALLOWED, "array subscript in assignment must not be null")
        return _set_element(arr, positions, value(row, ctx))

    return CExpr(run, col_type)


def _set_element(arr: list[Any] | None, positions: list[int], v: Any) -> list[Any]:
    if not arr:
        if len(positions) != 1:
            raise SqlError(sqlstate.ARRAY_SUBSCRIPT_ERROR, "array subscript out of range")
        return with_lower_bounds([v], [positions[0]])
    lbs = lower_bounds(arr)
    if len(positions) != len(lbs):
        raise SqlError(sqlstate.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts")
    if len(positions) == 1:
        i, lb = positions[0], lbs[0]
        items = list(arr)
        if i < lb:
            items = [v] + [None] * (lb - i - 1) + items
            return with_lower_bounds(items, [i])
        pos = i - lb
        items.extend([None] * (pos + 1 - len(items)))
        items[pos] = v
        return with_lower_bounds(items, [lb])

    def put(level: list[Any], k: int) -> list[Any]:
        pos = positions[k] - lbs[k]
        if not 0 <= pos < len(level):
            raise SqlError(sqlstate.ARRAY_SUBSCRIPT_ERROR, "array subscript out of range")
        out = list(level)
        out[pos] = v if k == len(positions) - 1 else put(level[pos], k + 1)
        return out

    return with_lower_bounds(put(list(arr), 0), lbs)


def _jsonb_assignment(c: ExprCompiler, old: Any, subs: list[tuple[exp.Bracket, exp.Expression]],
                      rhs: exp.Expression) -> CExpr:
    from sql.functions_jsonb import jsonb_set

    keys = []
    for b, e in subs:
        if isinstance(e, exp.Literal) and not e.is_string:
            keys.append(_index(c, b, e))
        else:
            k = c.compile(e)
            keys.append(c.coerce(k, T.TEXT) if k.type == T.UNKNOWN else k)
    key_fns = [k.fn for k in keys]
    value = c.coerce(c.compile(rhs), T.JSONB, -1, "assignment").fn

    def run(row: Any, ctx: Any) -> Any:
        doc = old(row, ctx)
        path = [f(row, ctx) for f in key_fns]
        if None in path:
            raise SqlError(sqlstate.NULL_VALUE_NOT_ALLOWED, "jsonb subscript in assignment must not be null")
        new = value(row, ctx)
        if doc is None:
            doc = Jsonb([] if isinstance(path[0], int) else {})
        return jsonb_set(doc, [str(p) for p in path], new if new is not None else Jsonb(None), True)

    return CExpr(run, T.JSONB)
