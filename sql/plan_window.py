"""Binding of window function calls: resolves OVER (...) and named windows (WINDOW w AS ...),
compiles PARTITION BY / ORDER BY / frame offsets and the function's arguments, and picks the
ranking function or aggregate with its result type."""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.aggregates import AGGREGATE_NAMES, resolve_aggregate
from sql.errors import SqlError
from sql.executor.window import RANKING, Frame, FrameBound, WindowCall
from sql.expr import ExprCompiler, _aggregate_parts, _nulls_first, identifier_name

_RANK_CLASSES = {
    "rownumber": "row_number", "rank": "rank", "denserank": "dense_rank", "percentrank": "percent_rank",
    "cumedist": "cume_dist", "ntile": "ntile", "lag": "lag", "lead": "lead", "firstvalue": "first_value",
    "lastvalue": "last_value", "nthvalue": "nth_value",
}


def _named_window(select: exp.Select, name: str) -> exp.Window:
    for w in select.args.get("windows") or []:
        if identifier_name(w.this) == name:
            return w
    raise SqlError(sqlstate.UNDEFINED_OBJECT, f'window "{name}" does not exist')


def _function_and_args(f: exp.Expression) -> tuple[str, list[exp.Expression], bool, bool]:
    """(name, argument nodes, distinct, star) of the function inside OVER."""
    key = f.key.lower()
    if key in _RANK_CLASSES:
        name = _RANK_CLASSES[key]
        args: list[exp.Expression] = []
        if f.this is not None:
            args.append(f.this)
        for k in ("offset", "default"):
            if f.args.get(k) is not None:
                args.append(f.args[k])
        return name, args, False, False
    if isinstance(f, exp.Anonymous) and f.name.lower() in RANKING:
        return f.name.lower(), list(f.expressions), False, False
    name, args, distinct, star, _order = _aggregate_parts(f)
    return name, args, distinct, star


def _bound(value: Any, side: Any, compiler: ExprCompiler, is_start: bool) -> FrameBound:
    side_s = str(side or "").lower()
    if isinstance(value, str):
        v = value.upper()
        if v == "UNBOUNDED":
            return FrameBound("unbounded_preceding" if side_s == "preceding" else "unbounded_following")
        if v == "CURRENT ROW":
            return FrameBound("current")
    if value is None:
        return FrameBound("current")
    off = compiler.compile(value)
    if off.type == T.UNKNOWN:
        off = compiler.coerce(off, T.INT8)
    return FrameBound("preceding" if side_s == "preceding" else "following", off)


# types whose ORDER BY column a RANGE frame may measure an offset from
_RANGE_OFFSET_TYPES = {T.INT2, T.INT4, T.INT8, T.NUMERIC, T.FLOAT4, T.FLOAT8, T.DATE, T.TIME, T.TIMESTAMP,
                       T.TIMESTAMPTZ, T.INTERVAL}


def _check_window_copies(chain: list[exp.Window]) -> None:
    """PG's rules for a window that names another: OVER (w ...) and WINDOW w2 AS (w ...) copy w,
    and may add an ORDER BY or a frame, but not override what w already has."""
    for referrer, referenced in zip(chain, chain[1:]):
        ref = referrer.args.get("alias")
        copied = referrer is not chain[0] or bool(ref is not None and ref.meta.get("copied"))
        name_ = identifier_name(ref)
        if referrer.args.get("partition_by"):
            raise SqlError(sqlstate.WINDOWING_ERROR, f'cannot override PARTITION BY clause of window "{name_}"')
        if referrer.args.get("order") is not None and referenced.args.get("order") is not None:
            raise SqlError(sqlstate.WINDOWING_ERROR, f'cannot override ORDER BY clause of window "{name_}"')
        if copied and referenced.args.get("spec") is not None:
            raise SqlError(sqlstate.WINDOWING_ERROR, f'cannot copy window "{name_}" because it has a frame clause',
                           hint="Omit the parentheses in this OVER clause." if referrer is chain[0] else None)


def _check_frame_order(mode: str, start: FrameBound, end: FrameBound, order_list: list[Any]) -> None:
    if mode == "groups" and not order_list:
        raise SqlError(sqlstate.WINDOWING_ERROR, "GROUPS mode requires an ORDER BY clause")
    if mode == "range" and (start.offset is not None or end.offset is not None):
        if len(order_list) != 1:
            raise SqlError(sqlstate.WINDOWING_ERROR,
                           "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column")
        key_type = order_list[0][0].type
        if key_type not in _RANGE_OFFSET_TYPES:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "RANGE with offset PRECEDING/FOLLOWING is not supported "
                           f"for column type {T.type_name(key_type)}")


def build_window_call(env: Any, w: exp.Window, compiler: ExprCompiler, select: exp.Select) -> WindowCall:
    f = w.this
    filt = None
    if isinstance(f, exp.Filter):
        cond = f.expression.this if isinstance(f.expression, exp.Where) else f.expression
        filt = compiler.compile_bool(cond, "FILTER")
        f = f.this
    # OVER w / OVER (w ORDER BY ...) / WINDOW w2 AS (w1 ...): inherit along the chain of named windows
    chain = [w]
    ref = w.args.get("alias")
    seen: set[str] = set()
    while ref is not None:
        name_ = identifier_name(ref)
        if name_ in seen:
            raise SqlError(sqlstate.WINDOWING_ERROR, f'window "{name_}" references itself')
        seen.add(name_)
        named = _named_window(select, name_)
        chain.append(named)
        ref = named.args.get("alias")
    _check_window_copies(chain)
    partition = next((list(x.args["partition_by"]) for x in chain if x.args.get("partition_by")), [])
    order = next((x.args["order"] for x in chain if x.args.get("order")), None)
    spec = next((x.args["spec"] for x in chain if x.args.get("spec")), None)
    name, arg_nodes, distinct, star = _function_and_args(f)
    if distinct:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "DISTINCT is not implemented for window functions")
    for a in arg_nodes + partition + ([o.this for o in order.expressions] if order is not None else []):
        if any(isinstance(n, exp.Window) for n in a.walk()):
            raise SqlError(sqlstate.WINDOWING_ERROR, "window function calls cannot be nested")
    if any(ExprCompiler._contains_aggregate(a) for a in arg_nodes) and compiler.agg is None:
        raise SqlError(sqlstate.GROUPING_ERROR, "aggregate functions are not allowed in window definitions")
    args = [compiler.compile(a) for a in arg_nodes]
    part = [compiler.compile(p) for p in partition]
    part = [p if p.type != T.UNKNOWN else compiler.coerce(p, T.TEXT) for p in part]
    order_list = []
    for o in (order.expressions if order is not None else []):
        e = compiler.compile(o.this)
        if e.type == T.UNKNOWN:
            e = compiler.coerce(e, T.TEXT)
        order_list.append((e, bool(o.args.get("desc")), _nulls_first(o)))
    frame = Frame()
    if spec is not None:
        mode = str(spec.args.get("kind") or "range").lower()
        start = _bound(spec.args.get("start"), spec.args.get("start_side"), compiler, True)
        end_v = spec.args.get("end")
        end = _bound(end_v, spec.args.get("end_side"), compiler, False) if end_v is not None else FrameBound("current")
        exclude = spec.args.get("exclude")
        excl = str(exclude.name if isinstance(exclude, exp.Expression) else exclude or "no others").lower()
        if start.kind == "unbounded_following":
            raise SqlError(sqlstate.WINDOWING_ERROR, "frame start cannot be UNBOUNDED FOLLOWING")
        if end.kind == "unbounded_preceding":
            raise SqlError(sqlstate.WINDOWING_ERROR, "frame end cannot be UNBOUNDED PRECEDING")
        if start.kind == "current" and end.kind == "preceding":
            raise SqlError(sqlstate.WINDOWING_ERROR, "frame starting from current row cannot have preceding rows")
        if start.kind == "following" and end.kind in ("preceding", "current"):
            raise SqlError(sqlstate.WINDOWING_ERROR,
                           "frame starting from following row cannot have preceding rows" if end.kind == "preceding"
                           else "frame starting from following row cannot end with current row")
        _check_frame_order(mode, start, end, order_list)
        frame = Frame(mode, start, end, excl)
    if name in RANKING:
        if name in ("row_number", "rank", "dense_rank"):
            rtype = T.INT8
        elif name in ("percent_rank", "cume_dist"):
            rtype = T.FLOAT8
        elif name == "ntile":
            rtype = T.INT4
            args = [compiler.coerce(a, T.INT4) for a in args]
        else:
            if not args:
                raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {name}() does not exist")
            if args[0].type == T.UNKNOWN:
                args[0] = compiler.coerce(args[0], T.TEXT)
            rtype = args[0].type
            if name in ("lag", "lead"):
                if len(args) > 1:
                    args[1] = compiler.coerce(args[1], T.INT4)
                if len(args) > 2:
                    args[2] = compiler.coerce(args[2], rtype)
            if name == "nth_value" and len(args) > 1:
                args[1] = compiler.coerce(args[1], T.INT4)
        return WindowCall(name, args, part, order_list, frame, rtype, has_order=bool(order_list))
    if name not in AGGREGATE_NAMES:
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE,
                       f"OVER specified, but {name} is not a window function nor an aggregate function")
    definition = resolve_aggregate(name, [a.type for a in args], star)
    if definition.arg_types:
        args = [compiler.coerce(a, t) if a.type != t else a for a, t in zip(args, definition.arg_types)]
    return WindowCall(name, args, part, order_list, frame, definition.return_type, aggregate=definition,
                      filter=filt, distinct=distinct, has_order=bool(order_list))
