"""Expression forms for the less common built-in types: OVERLAPS, function-style casts
(``int4('12')``, ``text(12)``), and the operator hook through which range, network, bit-string,
geometric and text-search operators are found (:data:`TYPE_OPERATORS`).

Handlers are registered in the compiler's dispatch table at import time, like
:mod:`sql.expr_more`.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.expr import _HANDLERS, CExpr, ExprCompiler, const
from sql.type_operators import OPERATOR_TYPES, PREFIX_OPERATORS, TYPE_OPERATORS


def type_operator(c: ExprCompiler, op: str, a: CExpr, b: CExpr) -> CExpr | None:
    """The operator ``a op b`` when one side is of a type registered here, else None."""
    at = a.type if a.param is None else T.UNKNOWN
    bt = b.type if b.param is None else T.UNKNOWN
    if at not in OPERATOR_TYPES and bt not in OPERATOR_TYPES:
        return None
    exact = TYPE_OPERATORS.get((op, at, bt))
    if exact is None:
        for (o, lt, rt), impl in TYPE_OPERATORS.items():
            if o != op:
                continue
            if (at == lt or at == T.UNKNOWN or T.implicit_castable(at, lt)) and \
                    (bt == rt or bt == T.UNKNOWN or T.implicit_castable(bt, rt)):
                exact = impl
                at, bt = lt, rt
                break
    if exact is None:
        raise SqlError(sqlstate.UNDEFINED_FUNCTION,
                       f"operator does not exist: {T.type_name(a.type)} {op} {T.type_name(b.type)}",
                       hint="No operator matches the given name and argument types. "
                            "You might need to add explicit type casts.")
    fn, rtype = exact
    return c._strict2(fn, c.coerce(a, at), c.coerce(b, bt), rtype)


# OVERLAPS ------------------------------------------------------------------------------------
def _overlaps(c: ExprCompiler, node: exp.Overlaps) -> CExpr:
    left, right = node.this, node.expression
    if not (isinstance(left, exp.Tuple) and isinstance(right, exp.Tuple)
            and len(left.expressions) == 2 and len(right.expressions) == 2):
        raise SqlError(sqlstate.SYNTAX_ERROR, "wrong number of parameters on left side of OVERLAPS expression")
    s1, e1 = (c.compile(x) for x in left.expressions)
    s2, e2 = (c.compile(x) for x in right.expressions)
    if e1.type == T.INTERVAL:
        e1 = c.arith("+", s1, e1)
    if e2.type == T.INTERVAL:
        e2 = c.arith("+", s2, e2)
    parts = [s1, e1, s2, e2]
    t = T.common_type([p.type for p in parts], "operator")
    if t == T.TEXT:
        t = T.TIMESTAMPTZ
    if t not in (T.DATE, T.TIME, T.TIMESTAMP, T.TIMESTAMPTZ):
        raise SqlError(sqlstate.UNDEFINED_FUNCTION,
                       f"function overlaps({', '.join(T.type_name(p.type) for p in parts)}) does not exist")
    if t == T.DATE:
        t = T.TIMESTAMP
    fns = [c.coerce(p, t).fn for p in parts]

    def run(row: Any, ctx: Any) -> Any:
        return overlaps(*(f(row, ctx) for f in fns))

    return CExpr(run, T.BOOL, name="overlaps")


def overlaps(ts1: Any, te1: Any, ts2: Any, te2: Any) -> bool | None:
    """PostgreSQL's ``overlaps_timestamp``: SQL's OVERLAPS with its NULL rules."""
    if ts1 is None:
        if te1 is None:
            return None
        ts1, te1 = te1, None
    elif te1 is not None and te1 < ts1:
        ts1, te1 = te1, ts1
    if ts2 is None:
        if te2 is None:
            return None
        ts2, te2 = te2, None
    elif te2 is not None and te2 < ts2:
        ts2, te2 = te2, ts2
    if ts1 > ts2:
        return None if te2 is None else ts1 < te2
    if ts1 < ts2:
        return None if te1 is None else ts2 < te1
    return None if te1 is None or te2 is None else True


# function-style casts ------------------------------------------------------------------------
# Type names that are keywords in PostgreSQL's grammar: ``numeric('1')`` is a type with a bad
# modifier there, a syntax error, never a call.
_KEYWORD_TYPES = frozenset({"numeric", "decimal", "dec", "integer", "bigint", "smallint", "real", "boolean",
                            "varchar", "character", "nchar", "float", "bit"})


def keyword_type_call(name: str) -> None:
    """Raise 42601 when ``name(...)`` is a keyword type name, as PostgreSQL's parser does."""
    if name in _KEYWORD_TYPES:
        raise SqlError(sqlstate.SYNTAX_ERROR, 'syntax error at or near "("')


def function_style_cast(c: ExprCompiler, name: str, args: list[CExpr], err: SqlError) -> CExpr:
    """``typename(x)`` with no such function: a cast of ``x`` to that type, if one exists;
    otherwise ``err`` (the undefined-function error) is raised."""
    from sql.datatypes import registry as reg
    from sql.datatypes.casts import cast_context

    if len(args) != 1:
        raise err
    try:
        target = reg.type_by_name(name)
    except SqlError:
        raise err from None
    src = args[0].type if args[0].param is None else T.UNKNOWN
    if target.is_array or target.category == "P" or cast_context(src, target.oid) is None:
        raise err
    out = c.coerce(args[0], target.oid, -1, "explicit")
    return CExpr(out.fn, out.type, out.typmod, name=name, const=out.const, value=out.value)


_HANDLERS[exp.Overlaps] = _overlaps

def prefix_type_operator(c: ExprCompiler, op: str, a: CExpr) -> CExpr:
    impl = PREFIX_OPERATORS.get((op, a.type))
    if impl is None:
        raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"operator does not exist: {op} {T.type_name(a.type)}")
    return c._strict1(impl[0], a, impl[1])


# range and multirange operators sqlglot parses into their own nodes
_RANGE_OPERATOR_NODES: dict[type[exp.Expression], str] = {
    exp.Adjacent: "-|-", exp.ExtendsLeft: "&<", exp.ExtendsRight: "&>"}


def _range_operator(c: ExprCompiler, node: exp.Expression) -> CExpr:
    op = _RANGE_OPERATOR_NODES[type(node)]
    a, b = c.compile(node.this), c.compile(node.expression)
    out = type_operator(c, op, a, b)
    if out is None:
        raise SqlError(sqlstate.UNDEFINED_FUNCTION,
                       f"operator does not exist: {T.type_name(a.type)} {op} {T.type_name(b.type)}")
    return out


for _node in _RANGE_OPERATOR_NODES:
    _HANDLERS[_node] = _range_operator


def _bit_literal(c: ExprCompiler, node: exp.Expression) -> CExpr:
    from sql.datatypes.bits import BitString, hex_bits

    text = str(node.this)
    if isinstance(node, exp.HexString):
        value = hex_bits(text)
    else:
        if any(ch not in "01" for ch in text):
            bad = next(ch for ch in text if ch not in "01")
            raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'"{bad}" is not a valid binary digit')
        value = BitString(text)
    return const(value, T.BIT)


_HANDLERS[exp.BitString] = _bit_literal
_HANDLERS[exp.HexString] = _bit_literal


def _match(c: ExprCompiler, node: exp.MatchAgainst) -> CExpr:
    """``a @@ b`` (sqlglot's MatchAgainst keeps the right operand in ``this``)."""
    if len(node.expressions) != 1:
        raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error at or near \"AGAINST\"")
    a, b = c.compile(node.expressions[0]), c.compile(node.this)
    out = type_operator(c, "@@", a, b)
    if out is None:
        raise SqlError(sqlstate.UNDEFINED_FUNCTION,
                       f"operator does not exist: {T.type_name(a.type)} @@ {T.type_name(b.type)}")
    return out


_HANDLERS[exp.MatchAgainst] = _match
