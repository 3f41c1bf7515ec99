"""Expressions over user-defined types: field selection from a composite value (``(p).x``),
the enum support functions enum_range / enum_first / enum_last, and jsonb_populate_record /
json_populate_record into a composite type. Registered into the compiler's handler tables."""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.anon_records import record_columns
from sql.datatypes.jsonb import Jsonb
from sql.errors import SqlError
from sql.expr import _HANDLERS, _SPECIAL_FUNCTIONS, CExpr, ExprCompiler, const, identifier_name


def _field_select(c: ExprCompiler, node: exp.Dot) -> CExpr:
    if isinstance(node.this, exp.Identifier) and isinstance(node.expression, exp.Func):
        return _qualified_call(c, identifier_name(node.this), node.expression)
    if isinstance(node.expression, exp.Star):
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "row expansion via \"*\" is not supported here")
    base = c.compile(node.this)
    fname = identifier_name(node.expression)
    info = T.composite_info(base.type)
    if info is None and base.type == T.RECORD and record_columns(base.typmod) is not None:
        return _anon_field(base, fname)
    if info is None:
        if base.type == T.RECORD:
            raise SqlError(sqlstate.UNDEFINED_COLUMN, f'could not identify column "{fname}" in record data type')
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE,
                       f'column notation .{fname} applied to type {T.type_name(base.type)}, which is not a '
                       "composite type")
    pos = next((i for i, a in enumerate(info.attributes) if a[0] == fname), None)
    if pos is not None:
        _n, ftype, ftypmod = info.attributes[pos]
        if base.const:
            v = base.value
            return const(None if v is None else v[pos], ftype, ftypmod, name=fname)
        f = base.fn

        def get(row: Any, ctx: Any) -> Any:
            v = f(row, ctx)
            return None if v is None else v[pos]

        return CExpr(get, ftype, ftypmod, name=fname)
    raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{fname}" not found in data type {info.name}')


def _qualified_call(c: ExprCompiler, schema: str, call: exp.Func) -> CExpr:
    """schema.f(...): a user function of that schema (USAGE on it needed), or a built-in in pg_catalog."""
    if schema == "pg_catalog":
        return c.compile(call)
    from sql.expr import function_parts

    session = c.env.session
    s = c.env.catalog.schema(schema) if c.env.catalog is not None else None
    if s is None:
        raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{schema}" does not exist')
    if session is not None and not session._schema_usage(s):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for schema {schema}")
    name, args = function_parts(call)
    user = c._user_function(name, args, schema)
    if user is None:
        shown = ", ".join(T.type_name(c.compile(a).type) for a in args)
        raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {schema}.{name}({shown}) does not exist",
                       hint="No function matches the given name and argument types. You might need to add "
                            "explicit type casts.")
    return user


def _anon_field(base: CExpr, fname: str) -> CExpr:
    """Field ``fname`` of a record whose columns its blessed typmod tells."""
    cols = record_columns(base.typmod) or ()
    pos = next((i for i, (n, _t) in enumerate(cols) if n == fname), None)
    if pos is None:
        raise SqlError(sqlstate.UNDEFINED_COLUMN, f'could not identify column "{fname}" in record data type')
    f = base.fn

    def get(row: Any, ctx: Any) -> Any:
        v = f(row, ctx)
        return None if v is None else v[pos]

    return CExpr(get, cols[pos][1], name=fname)


def composite_fields(c: ExprCompiler, node: exp.Expression) -> list[str] | None:
    """Field names of ``node``'s composite type (for ``(expr).*``), or None when not composite."""
    ce = c.compile(node)
    info = T.composite_info(ce.type)
    if info is None and ce.type == T.RECORD:
        cols = record_columns(ce.typmod)
        return [n for n, _t in cols] if cols is not None else None
    return [a[0] for a in info.attributes] if info is not None else None


def _enum_arg(c: ExprCompiler, args: list[exp.Expression], fname: str) -> tuple[CExpr, Any]:
    ce = c.compile(args[0])
    info = T.enum_info(ce.type)
    if info is None:
        raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {fname}({T.type_name(ce.type)}) does not exist",
                       hint="No function matches the given name and argument types. You might need to add "
                            "explicit type casts.")
    return ce, info


def _enum_first_last(last: bool) -> Any:
    def build(c: ExprCompiler, args: list[exp.Expression]) -> CExpr:
        fname = "enum_last" if last else "enum_first"
        if len(args) != 1:
            raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {fname} does not exist")
        ce, info = _enum_arg(c, args, fname)
        vals = info.values
        return const((vals[-1] if last else vals[0]) if vals else None, ce.type, name=fname)

    return build


def _enum_range(c: ExprCompiler, args: list[exp.Expression]) -> CExpr:
    if len(args) not in (1, 2):
        raise SqlError(sqlstate.UNDEFINED_FUNCTION, "function enum_range does not exist")
    ce, info = _enum_arg(c, args, "enum_range")
    arr = T.array_type(ce.type)
    if len(args) == 1:
        return const(list(info.values), arr, name="enum_range")
    lo_f = ce.fn
    hi = c.coerce(c.compile(args[1]), ce.type)
    hi_f = hi.fn

    def run(row: Any, ctx: Any) -> Any:
        lo, up = lo_f(row, ctx), hi_f(row, ctx)
        return [v for v in info.values if (lo is None or v.order >= lo.order) and (up is None or v.order <= up.order)]

    return CExpr(run, arr, name="enum_range")


def _json_field_text(v: Any) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(Jsonb(v))


def _populate_record(jsonb: bool) -> Any:
    def build(c: ExprCompiler, args: list[exp.Expression]) -> CExpr:
        fname = "jsonb_populate_record" if jsonb else "json_populate_record"
        if len(args) != 2:
            raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {fname} does not exist")
        base = c.compile(args[0])
        info = T.composite_info(base.type)
        if info is None:
            raise SqlError(sqlstate.INVALID_PARAMETER_VALUE,
                           f"first argument of {fname} must be a row type")
        doc = c.coerce(c.compile(args[1]), T.JSONB if jsonb else T.JSON)
        json_in = T.text_input(T.JSONB)
        fields = [(name, T.text_input(ft, tm), ft) for name, ft, tm in info.attributes]
        bf, df = base.fn, doc.fn

        def run(row: Any, ctx: Any) -> Any:
            b = bf(row, ctx)
            d = df(row, ctx)
            if d is None:
                return b
            if isinstance(d, str):
                d = json_in(d)
            d = getattr(d, "value", d)
            if not isinstance(d, dict):
                raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "cannot call populate_record on a scalar"
                               if not isinstance(d, list) else "cannot call populate_record on an array")
            out = []
            for i, (name, parse, ftype) in enumerate(fields):
                if name in d:
                    v = d[name]
                    if v is None:
                        out.append(None)
                    elif ftype in (T.JSON, T.JSONB) or isinstance(v, (dict, list)):
                        out.append(parse(str(Jsonb(v))))
                    else:
                        out.append(parse(_json_field_text(v)))
                else:
                    out.append(None if b is None else b[i])
            return tuple(out)

        return CExpr(run, base.type, name=fname)

    return build


_HANDLERS[exp.Dot] = _field_select
_SPECIAL_FUNCTIONS.update({
    "enum_range": _enum_range,
    "enum_first": _enum_first_last(False),
    "enum_last": _enum_first_last(True),
    "jsonb_populate_record": _populate_record(True),
    "json_populate_record": _populate_record(False),
})
