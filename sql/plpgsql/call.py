"""Calling a user function at run time (rather than inlining it): LANGUAGE plpgsql, SECURITY DEFINER
or SET-configured functions, set-returning functions in FROM, and trigger functions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.catalog import Function
from sql.datatypes.arrays import with_lower_bounds
from sql.errors import SqlError
from sql.lexer import tokenize
from sql.plpgsql import ast as A
from sql.plpgsql.interp import ReturnSignal, Runner, convert
from sql.plpgsql.parser import parse_body
from sql.plpgsql.sqlfrag import Var, run_frag

TRIGGER = 2279
_MAX_DEPTH = 100
_SQL_BODIES: dict[str, list[A.SqlFrag]] = {}


def needs_runtime(fn: Function) -> bool:
    return fn.language != "sql" or fn.security_definer or bool(fn.config) or fn.returns_set or \
        len(fn.out_columns) > 1


def check_execute(session: Any, fn: Function, call: bool = False) -> None:
    from sql.catalog_views.user_procs import can_execute

    if (fn.kind == "p") != call:
        sig = f"{fn.name}({', '.join(T.format_type(t) for t in fn.arg_types)})"
        if call:
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f"{sig} is not a procedure",
                           hint="To call a function, use SELECT.")
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f"{sig} is a procedure", hint="To call a procedure, use CALL.")
    if not can_execute(session, fn):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for function {fn.name}")


@contextmanager
def function_context(session: Any, fn: Function) -> Iterator[None]:
    """SECURITY DEFINER runs as the owner; SET options hold for the call; recursion is bounded."""
    depth = session.__dict__.get("plpgsql_depth", 0)
    if depth >= _MAX_DEPTH:
        raise SqlError(sqlstate.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded",
                       hint='Increase the configuration parameter "max_stack_depth" (currently 2048kB), '
                            "after ensuring the platform's stack depth limit is adequate.")
    session.__dict__["plpgsql_depth"] = depth + 1
    saved_role = session.current_role
    saved_settings: list[tuple[str, str]] = []
    try:
        if fn.security_definer:
            owner = session.instance.cluster().roles.by_oid.get(fn.owner)
            if owner is not None:
                session.current_role = owner
        for name, value in fn.config:
            saved_settings.append((name, session.settings.values.get(name)))
            session.settings.set(name, value)
        yield
    finally:
        for name, old in reversed(saved_settings):
            if old is not None:
                session.settings.set(name, old)
        session.current_role = saved_role
        session.__dict__["plpgsql_depth"] = depth


def _declare_args(runner: Runner, fn: Function, args: list[Any]) -> None:
    from sql.plpgsql.interp import rowtype_fields

    for k, (name, t, v) in enumerate(zip(fn.arg_names, fn.arg_types, args), 1):
        fields = rowtype_fields(runner.session, t)
        var = Var(T.RECORD, tuple(v) if v is not None else None, fields) if fields is not None else Var(t, v)
        runner.frame.declare(f"${k}", var)
        if name:
            runner.frame.declare(name, var)
    from sql.catalog_views.objects import ROWTYPE_BASE

    if fn.return_type >= ROWTYPE_BASE:  # SETOF a table's row type: no output variables
        return
    for name, t in fn.out_columns:
        if name not in runner.frame.scopes[-1] or name not in fn.arg_names:
            runner.frame.declare(name, Var(t, None))


def _out_fields(fn: Function) -> list[tuple[str, int]]:
    if fn.out_columns:
        return list(fn.out_columns)
    return [(fn.name, fn.return_type)]


def call_function(session: Any, fn: Function, args: list[Any], ts: datetime | None) -> Any:
    """The function's result: a value, or for set-returning functions a list of row tuples."""
    if fn.return_type == TRIGGER:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "trigger functions can only be called as triggers")
    if fn.strict and any(a is None for a in args):
        return [] if fn.returns_set else None
    with function_context(session, fn):
        try:
            if fn.language == "plpgsql":
                return _run_plpgsql(session, fn, args, ts)
            return _run_sql(session, fn, args, ts)
        except RecursionError:
            raise SqlError(sqlstate.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded") from None


def _run_plpgsql(session: Any, fn: Function, args: list[Any], ts: datetime | None,
                 setup: Any = None) -> Any:
    block = parse_body(fn.body)
    runner = Runner(session, ts, fn.returns_set, _out_fields(fn))
    runner.routine_label = fn.name if fn.name == "inline_code_block" and not fn.oid else \
        f"{fn.name}({', '.join(T.format_type(t) for t in fn.arg_types)})"
    _declare_args(runner, fn, args)
    if setup is not None:
        setup(runner)
    try:
        runner.run_block(block)
    except ReturnSignal as r:
        if fn.returns_set:
            return runner.rows
        if fn.all_args:
            return _out_values(runner, fn)
        if setup is not None or fn.return_type == T.VOID or fn.kind == "p":
            return r.value
        return convert(session, r.value, r.type, fn.return_type)
    if fn.returns_set:
        return runner.rows
    if fn.all_args:
        return _out_values(runner, fn)
    if fn.return_type == T.VOID or setup is not None or fn.kind == "p":
        return None
    raise SqlError("2F005", "control reached end of function without RETURN")


def _out_values(runner: Runner, fn: Function) -> Any:
    vals = tuple(runner.var(n).value for n, _t in fn.out_columns)
    return vals[0] if len(vals) == 1 and fn.kind != "p" else vals


def _split_sql(body: str) -> list[A.SqlFrag]:
    hit = _SQL_BODIES.get(body)
    if hit is not None:
        return hit
    out = []
    start = 0
    for t in tokenize(body):
        if t.kind == "op" and t.value == ";":
            if body[start:t.pos].strip():
                out.append(A.SqlFrag(body[start:t.pos].strip(), False))
            start = t.pos + 1
    if body[start:].strip():
        out.append(A.SqlFrag(body[start:].strip(), False))
    _SQL_BODIES[body] = out
    return out


def _run_sql(session: Any, fn: Function, args: list[Any], ts: datetime | None) -> Any:
    runner = Runner(session, ts, False, [])
    _declare_args(runner, fn, args)
    frags = _split_sql(fn.body)
    last = None
    for frag in frags:
        last = run_frag(session, frag, runner.frame, ts)
        if last.rows is not None and frag is not frags[-1]:
            for _ in last.rows:
                pass
    if last is None or last.rows is None:
        return [] if fn.returns_set else None
    cols = last.columns or []
    if fn.returns_set:
        fields = _out_fields(fn)
        return [tuple(convert(session, x, c.type_oid, f[1]) for x, c, f in zip(row, cols, fields)) for row in last.rows]
    first = next(iter(last.rows), None)
    if first is None or fn.return_type == T.VOID:
        return None
    if len(fn.out_columns) > 1:
        return tuple(convert(session, x, c.type_oid, f[1]) for x, c, f in zip(first, cols, fn.out_columns))
    return convert(session, first[0], cols[0].type_oid, fn.return_type)


def run_trigger(session: Any, fn: Function, trig: Any, table: Any, schema_name: str, op: str,
                old: tuple[Any, ...] | None, new: tuple[Any, ...] | None, ts: datetime | None) -> Any:
    """Run a trigger function; returns what it returned (a row tuple or None)."""
    if fn.language != "plpgsql":
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"trigger functions in LANGUAGE {fn.language} are not supported")
    fields = [(c.name, c.type_oid) for c in table.columns]

    def setup(runner: Runner) -> None:
        d = runner.frame.declare
        d("new", Var(T.RECORD, new, fields))
        d("old", Var(T.RECORD, old, fields))
        d("tg_op", Var(T.TEXT, op))
        d("tg_name", Var(T.NAME, trig.name))
        d("tg_when", Var(T.TEXT, trig.timing.upper()))
        d("tg_level", Var(T.TEXT, "ROW" if trig.for_each_row else "STATEMENT"))
        d("tg_relid", Var(T.OID, table.oid))
        d("tg_table_name", Var(T.NAME, table.name))
        d("tg_relname", Var(T.NAME, table.name))
        d("tg_table_schema", Var(T.NAME, schema_name))
        d("tg_nargs", Var(T.INT4, len(trig.args)))
        d("tg_argv", Var(1009, with_lower_bounds(list(trig.args), [0])))  # PostgreSQL's TG_ARGV starts at 0

    with function_context(session, fn):
        return _run_plpgsql(session, fn, [], ts, setup)


def runtime_call(fn: Function, args: list[Any]) -> Any:
    """A compiled expression calling `fn` at run time with the values of `args` (compiled expressions)."""
    from sql.expr import CExpr

    fns = [a.fn for a in args]

    def run(row: Any, ctx: Any) -> Any:
        return call_function(ctx.session, fn, [f(row, ctx) for f in fns], ctx.statement_timestamp)

    return CExpr(run, fn.return_type, name=fn.name)


def user_srf(compiler: Any, name: str, arg_nodes: list[Any]) -> tuple[Any, tuple[Any, ...], list[Any]] | None:
    """A user function called in FROM: (SetReturning, compiled args, output columns), or None."""
    from sql.dialect import parse_expression
    from sql.executor.routines import resolve_user_function
    from sql.expr import ExprCompiler
    from sql.functions import SetReturning
    from sql.scope import Scope

    env = compiler.env
    if env.catalog is None or not env.catalog.functions_named(name):
        return None
    args = [compiler.compile(a) for a in arg_nodes]
    hit = resolve_user_function(env.catalog, name, [a.type if a.param is None else T.UNKNOWN for a in args],
                                env.session)
    if hit is None:
        return None
    fn, param_types = hit
    check_execute(env.session, fn)
    args = [compiler.coerce(a, t) for a, t in zip(args, param_types)]
    for d, t in zip(fn.arg_defaults[len(args):], fn.arg_types[len(args):]):
        args.append(compiler.coerce(ExprCompiler(env, Scope()).compile(parse_expression(d)), t))
    cols = list(fn.out_columns) if fn.out_columns else [(fn.name, fn.return_type)]
    if fn.language == "sql" and not fn.security_definer and not fn.config:
        run_sql = _inline_sql_rows(env, fn, cols)
        srf = SetReturning(fn.name, tuple(param_types), cols, run_sql, strict=False, needs_ctx=True, volatile=True)
        return srf, tuple(args), cols

    def run(ctx: Any, *vals: Any) -> Any:
        out = call_function(ctx.session, fn, list(vals), ctx.statement_timestamp)
        if fn.returns_set:
            return out
        return [out if isinstance(out, tuple) and len(cols) > 1 else (out,)]

    srf = SetReturning(fn.name, tuple(param_types), cols, run, strict=False, needs_ctx=True, volatile=True)
    return srf, tuple(args), cols


def _inline_sql_rows(env: Any, fn: Function, cols: list[tuple[str, int]]) -> Any:
    """A LANGUAGE sql function in FROM: its body planned once with the arguments as the outer row (so
    columns of the body's own FROM take precedence over argument names, as in PostgreSQL)."""
    from sql.executor.routines import body_query
    from sql.scope import RangeEntry, Scope, ScopeColumn

    names = fn.arg_names
    scope_cols = [ScopeColumn(n or f"${i + 1}", t) for i, (n, t) in enumerate(zip(names, fn.arg_types))]
    scope_cols += [ScopeColumn(f"${i + 1}", t, hidden=True) for i, (n, t) in enumerate(zip(names, fn.arg_types))
                   if n]
    body = body_query(fn)
    from sqlglot import exp

    if not isinstance(body, (exp.Select, exp.Union, exp.Intersect, exp.Except, exp.Values)):
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "only SELECT bodies of SQL functions are supported yet")
    plan, out = env.planner(body, Scope([RangeEntry(fn.name, scope_cols)]))
    if len(out) != len(cols):
        raise SqlError(sqlstate.INVALID_FUNCTION_DEFINITION,
                       f"return type mismatch in function declared to return {T.format_type(fn.return_type)}",
                       detail="Final statement returns too many columns." if len(out) > len(cols) else
                       "Final statement returns too few columns.")
    convs = [None if o.type == t else T.cast_fn(o.type, t) for o, (_n, t) in zip(out, cols)]
    rows_of = plan.rows
    strict = fn.strict
    single = not fn.returns_set

    def run(ctx: Any, *vals: Any) -> Any:
        if strict and None in vals:
            return []
        ctx.outer.append(tuple(vals) + tuple(v for v, n in zip(vals, names) if n))
        try:
            out_rows = []
            for r in rows_of(ctx):
                out_rows.append(tuple(v if c is None or v is None else c(v) for v, c in zip(r, convs)))
                if single:
                    break
        finally:
            ctx.outer.pop()
        if single and not out_rows:
            return [(None,) * len(cols)]
        return out_rows

    return run


def is_user_srf(name: str) -> bool:
    """Whether `name` is a user set-returning function of one column (in the statement's session)."""
    from sql.catalog_views.regtypes import _CURRENT

    session = _CURRENT.get()
    if session is None:
        return False
    return any(f.returns_set and len(f.out_columns) <= 1 for f in session.catalog().functions_named(name))
