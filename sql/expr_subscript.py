"""Subscripts in expressions: array elements and slices (``a[i][j]``, ``a[1:2][2:]``, honouring
lower bounds other than 1) and jsonb subscripts (``j['a'][0]``).

sqlglot subtracts PostgreSQL's index offset (1) from an integer-typed subscript of a base whose
type it thinks is unknown or an array; :func:`_index` adds it back so subscripts are exactly what
the user wrote.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.datatypes.arrays import lower_bounds
from sql.errors import SqlError
from sql.expr import CExpr, ExprCompiler, const

_SHIFTED_BASES = (exp.DataType.Type.UNKNOWN, exp.DataType.Type.ARRAY)


def _was_shifted(bracket: exp.Bracket, e: exp.Expression) -> bool:
    if len(bracket.expressions) != 1 or isinstance(e, exp.Slice):
        return False
    base_t = bracket.this.type
    if base_t is None or base_t.this not in _SHIFTED_BASES:
        return False
    return e.type is None or e.type.this in exp.DataType.INTEGER_TYPES


def _index(c: ExprCompiler, bracket: exp.Bracket, e: exp.Expression) -> CExpr:
    """The subscript as written, as an int4 expression."""
    shift = 1 if _was_shifted(bracket, e) else 0
    if isinstance(e, exp.Literal) and not e.is_string and e.this.lstrip("-").isdigit():
        return const(int(e.this) + shift, T.INT4)
    ce = c.coerce(c.compile(e), T.INT4, context="assignment")  # ('{1,2}'::int[])[1.6]: rounds to 2
    if not shift:
        return ce
    f = ce.fn
    return CExpr(lambda row, ctx: None if (v := f(row, ctx)) is None else v + 1, T.INT4)


def _name_subscript(c: ExprCompiler, base: CExpr, sub: tuple[exp.Bracket, exp.Expression]) -> CExpr:
    """name[i]: the i-th byte (from 0) as "char", as PostgreSQL's fixed-length array view of name."""
    fb, fi = base.fn, _index(c, *sub).fn

    def run(row: Any, ctx: Any) -> Any:
        v, i = fb(row, ctx), fi(row, ctx)
        if v is None or i is None:
            return None
        raw = v.encode()
        return chr(raw[i]) if 0 <= i < len(raw) else None

    return CExpr(run, T.CHAR)


def bracket(c: ExprCompiler, node: exp.Bracket) -> CExpr:
    chain: list[exp.Bracket] = []
    n: exp.Expression = node
    while isinstance(n, exp.Bracket):
        chain.append(n)
        n = n.this
    chain.reverse()
    subs = [(b, e) for b in chain for e in b.expressions]
    base = c.compile(n)
    if base.type == T.UNKNOWN:
        raise SqlError(sqlstate.DATATYPE_MISMATCH, "cannot subscript type unknown because it is not an array")
    if base.type == T.JSONB:
        return _jsonb_subscripts(c, base, subs)
    if base.type == T.NAME and len(subs) == 1 and not isinstance(subs[0][1], exp.Slice):
        return _name_subscript(c, base, subs[0])
    if not T.is_array(base.type):
        raise SqlError(sqlstate.DATATYPE_MISMATCH,
                       f"cannot subscript type {T.type_name(base.type)} because it does not support subscripting")
    if any(isinstance(e, exp.Slice) for _b, e in subs):
        return _slice(c, base, subs)
    idx = [_index(c, b, e).fn for b, e in subs]
    fb = base.fn

    def run(row: Any, ctx: Any) -> Any:
        arr = fb(row, ctx)
        if arr is None:
            return None
        lbs = lower_bounds(arr)
        if len(lbs) != len(idx):
            return None
        v: Any = arr
        for f, lb in zip(idx, lbs):
            i = f(row, ctx)
            if i is None or not isinstance(v, list):
                return None
            pos = i - lb
            if pos < 0 or pos >= len(v):
                return None
            v = v[pos]
        return v

    return CExpr(run, T.element_type(base.type), name=base.name)


def _slice(c: ExprCompiler, base: CExpr, subs: list[tuple[exp.Bracket, exp.Expression]]) -> CExpr:
    bounds: list[tuple[Any, Any]] = []  # (lower fn or None, upper fn or None)
    for b, e in subs:
        if isinstance(e, exp.Slice):
            # slice bounds are not shifted by sqlglot
            lo = hi = None
            if e.this is not None:
                lo = c.coerce(c.compile(e.this), T.INT4, context="assignment").fn
            if e.expression is not None:
                hi = c.coerce(c.compile(e.expression), T.INT4, context="assignment").fn
            bounds.append((lo, hi))
        else:
            bounds.append((lambda row, ctx: 1, _index(c, b, e).fn))
    fb = base.fn

    def run(row: Any, ctx: Any) -> Any:
        arr = fb(row, ctx)
        if arr is None:
            return None
        lbs = lower_bounds(arr)
        if len(bounds) > len(lbs):
            return []
        ranges: list[tuple[int, int]] = []
        shape: Any = arr
        for k, lb in enumerate(lbs):
            n = len(shape)
            if k < len(bounds):
                lo_f, hi_f = bounds[k]
                lo = lo_f(row, ctx) if lo_f is not None else lb
                hi = hi_f(row, ctx) if hi_f is not None else lb + n - 1
                if lo is None or hi is None:
                    return None
            else:
                lo, hi = lb, lb + n - 1
            lo, hi = max(lo, lb) - lb, min(hi, lb + n - 1) - lb
            if lo > hi:
                return []
            ranges.append((lo, hi))
            shape = shape[0] if n else []
        return _take(arr, ranges)

    return CExpr(run, base.type, name=base.name)


def _take(v: list[Any], ranges: list[tuple[int, int]]) -> list[Any]:
    lo, hi = ranges[0]
    part = v[lo:hi + 1]
    if len(ranges) == 1:
        return list(part)
    return [_take(x, ranges[1:]) for x in part]


def _jsonb_subscripts(c: ExprCompiler, base: CExpr, subs: list[tuple[exp.Bracket, exp.Expression]]) -> CExpr:
    from sql.expr_more import _json_operator

    out = base
    for b, e in subs:
        if isinstance(e, exp.Slice):
            raise SqlError(sqlstate.DATATYPE_MISMATCH, "jsonb subscript does not support slices")
        if isinstance(e, exp.Literal) and e.is_string:
            key = c.coerce(c.compile(e), T.TEXT)
        elif isinstance(e, exp.Literal) or _was_shifted(b, e):
            key = _index(c, b, e)
        else:
            key = c.compile(e)
            if key.type == T.UNKNOWN:
                key = c.coerce(key, T.TEXT)
        out = _json_operator(c, "->", out, key)
    return replace(out, name=base.name)
