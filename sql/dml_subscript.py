"""Subscripted assignment in UPDATE SET (``SET a[2] = x``, ``SET j['k'] = v``): the new column
value is the old one with one element replaced. Arrays grow as needed, gaps filled with NULL;
jsonb objects and arrays get the key set (nested containers created, arrays padded with null),
as PostgreSQL 15 does."""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.datatypes import Jsonb
from sql.datatypes.arrays import lower_bounds, with_lower_bounds
from sql.errors import SqlError
from sql.expr import CExpr, ExprCompiler
from sql.expr_more import single_row


def subscript_parts(node: exp.Expression) -> tuple[exp.Expression, list[tuple[exp.Bracket, exp.Expression]]]:
    """The column of a subscripted SET target and its subscripts (with their brackets), outermost last."""
    subs: list[tuple[exp.Bracket, exp.Expression]] = []
    while isinstance(node, exp.Bracket):
        subs = [(node, e) for e in node.expressions] + subs
        node = node.this
    return node, subs


def _index(c: ExprCompiler, bracket: exp.Bracket, n: exp.Expression, as_text: bool) -> CExpr:
    if isinstance(n, exp.Slice):
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "slice assignment is not supported yet")
    if not as_text or (isinstance(n, exp.Literal) and not n.is_string):
        from sql.expr_subscript import _index as subscript_index  # undoes sqlglot's index offset

        return subscript_index(c, bracket, n)
    ce = c.compile(n)
    return c.coerce(ce, T.TEXT) if ce.type == T.UNKNOWN else ce


def compile_subscript_assignment(c: ExprCompiler, old: CExpr, col_type: int, typmod: int,
                                 subs: list[tuple[exp.Bracket, exp.Expression]], rhs: exp.Expression) -> CExpr:
    """The new column value: ``old`` with the element at ``subs`` set to ``rhs``."""
    if col_type == T.JSONB:
        keys = [_index(c, b, e, True) for b, e in subs]
        value = c.coerce(c.compile(rhs), T.JSONB, -1, "assignment")
        return _jsonb_assign(old, keys, value)
    if not T.is_array(col_type):
        raise SqlError(sqlstate.DATATYPE_MISMATCH,
                       f"cannot subscript type {T.type_name(col_type)} because it does not support subscripting")
    idx = [_index(c, b, e, False).fn for b, e in subs]
    value = c.coerce(c.compile(rhs), T.element_type(col_type), typmod, "assignment").fn
    fold = old.fn

    def run(row: Any, ctx: Any) -> Any:
        positions = [f(row, ctx) for f in idx]
        if None in positions:
            raise SqlError(sqlstate.NULL_VALUE_NOT_ALLOWED, "array subscript in assignment must not be null")
        return _set_element(fold(row, ctx), positions, value(row, ctx))

    return CExpr(run, col_type, typmod)


def _set_element(arr: list[Any] | None, positions: list[int], v: Any) -> list[Any]:
    """The array with the element at `positions` set to v: a one-dimensional array grows (with
    NULL gaps, also below its lower bound); a multidimensional one must already have the place."""
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
            return with_lower_bounds([v] + [None] * (lb - i - 1) + items, [i])
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


def _jsonb_assign(old: CExpr, keys: list[CExpr], value: CExpr) -> CExpr:
    fold, fval = old.fn, value.fn
    fkeys = [k.fn for k in keys]

    def run(row: Any, ctx: Any) -> Any:
        doc = fold(row, ctx)
        path = []
        for f in fkeys:
            k = f(row, ctx)
            if k is None:
                raise SqlError(sqlstate.NULL_VALUE_NOT_ALLOWED, "jsonb subscript in assignment must not be null")
            path.append(k)
        new = fval(row, ctx)
        nv = new.value if new is not None else None
        base = doc.value if doc is not None else ({} if isinstance(path[0], str) else [])
        return Jsonb(_set_in(base, path, 0, nv))

    return CExpr(run, T.JSONB)


def _set_in(v: Any, path: list[Any], level: int, new: Any) -> Any:
    key = path[level]
    last = level == len(path) - 1
    if isinstance(v, dict):
        k = str(key)
        out = dict(v)
        out[k] = new if last else _set_in(v.get(k, _EMPTY), path, level + 1, new)
        return out
    if isinstance(v, list):
        try:
            i = int(key)
        except (TypeError, ValueError):
            raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION,
                           f'invalid input syntax for type integer: "{key}"') from None
        out = list(v)
        if i < 0:
            i += len(out)
            if i < 0:
                raise SqlError(sqlstate.INVALID_PARAMETER_VALUE,
                               f"path element at position {level + 1} is out of range: {int(key)}")
        if i >= len(out):
            out.extend([None] * (i + 1 - len(out)))
            cur = _EMPTY
        else:
            cur = out[i]
        out[i] = new if last else _set_in(cur, path, level + 1, new)
        return out
    if v is _EMPTY:
        return _set_in({} if isinstance(key, str) else [], path, level, new)
    raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "cannot replace existing key",
                   detail="The path assumes key is a composite object, but it is a scalar value.")


class _Empty:
    pass


_EMPTY = _Empty()


def multi_column_subselect(c: ExprCompiler, node: exp.Subquery, width: int) -> list[CExpr]:
    """``SET (a, b) = (SELECT x, y ...)``: one expression per target column, the sub-SELECT run once
    per updated row (no row: all NULL; more than one: 21000)."""
    from sql.executor.cte import new_key

    plan, cols = c._plan_sub(node.this)
    if len(cols) != width:
        raise SqlError(sqlstate.SYNTAX_ERROR, "number of columns does not match number of values")
    run_plan = plan.rows
    key = new_key()

    def fetch(row: Any, ctx: Any) -> Any:
        hit = ctx.cache.get(key)
        if hit is not None and hit[0] is row:
            return hit[1]
        first = single_row(run_plan, row, ctx)
        vals = tuple(first) if first is not None else (None,) * width
        ctx.cache[key] = (row, vals)
        return vals

    return [CExpr(lambda row, ctx, i=i: fetch(row, ctx)[i], col.type, col.typmod, name=col.name)
            for i, col in enumerate(cols)]
