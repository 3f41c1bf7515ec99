"""Re-print stored SQL the way PostgreSQL's ruleutils.c does (``pg_get_expr``,
``pg_get_constraintdef(oid, true)``, ``pg_get_viewdef``), for the common cases.

We keep defaults, CHECK expressions and view queries as SQL text; PostgreSQL keeps parsed,
type-annotated trees and prints them back with the implicit casts made explicit
(``c::text = 'x'::text``, ``e >= 0::numeric``). :class:`Deparser` redoes that annotation from
the column types: unknown literals take the type they are compared with, varchar becomes text
for operators, integers are cast to numeric/double precision against those types. ``pretty``
selects PostgreSQL's pretty mode (parentheses only where precedence needs them) over the
default fully parenthesised form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from sql import typesys as T
from sql.errors import SqlError

_ARITH = {exp.Add: "+", exp.Sub: "-", exp.Mul: "*", exp.Div: "/", exp.Mod: "%"}
_CMP = {exp.EQ: "=", exp.NEQ: "<>", exp.GT: ">", exp.GTE: ">=", exp.LT: "<", exp.LTE: "<="}
_SQL_VALUE = {exp.CurrentTimestamp: ("CURRENT_TIMESTAMP", T.TIMESTAMPTZ), exp.CurrentDate: ("CURRENT_DATE", T.DATE),
              exp.CurrentUser: ("CURRENT_USER", T.NAME), exp.Localtimestamp: ("LOCALTIMESTAMP", T.TIMESTAMP)}
_UPPER_FUNCS = {exp.Coalesce: "COALESCE", exp.Greatest: "GREATEST", exp.Least: "LEAST", exp.Nullif: "NULLIF"}
_AGGS = {exp.Count: "count", exp.Sum: "sum", exp.Avg: "avg", exp.Min: "min", exp.Max: "max"}
_STRINGISH = (T.VARCHAR, T.NAME)


@dataclass(frozen=True)
class R:
    """A rendered expression: text, type, and its node kind for pretty parenthesisation:
    ``simple`` (var, const, function, cast), ``op`` (binary operator ``op``), ``bool``
    (AND / OR / NOT in ``op``), ``test`` (IS [NOT] NULL / TRUE)."""

    text: str
    type: int
    kind: str = "simple"
    op: str = ""
    literal: str | None = None  # an unknown-type string literal's quoted text
    number: bool = False  # an unsigned numeric constant


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def type_label(t: int, typmod: int = -1) -> str:
    """The type as ruleutils prints it; a user type schema-qualified when not on the search path."""
    if T.enum_info(t) is not None or T.composite_info(t) is not None:
        from sql.catalog_views import objects as O
        from sql.catalog_views.regtypes import _CURRENT

        session = _CURRENT.get()
        if session is not None:
            return O.format_type(session, t, typmod) or T.format_type(t, typmod)
    return T.format_type(t, typmod)


class Deparser:
    """``columns(qualifier, name) -> (type, printed name)`` resolves column references."""

    def __init__(self, columns: Callable[[str | None, str], tuple[int, str]], pretty: bool) -> None:
        self.columns = columns
        self.pretty = pretty

    # parenthesisation ----------------------------------------------------------------------------
    def _simple(self, child: R, parent_kind: str, parent_op: str = "", is_left: bool = False) -> bool:
        if child.kind == "simple":
            return True
        if child.kind == "op":
            if parent_kind == "op":
                lo, hi = child.op in ("+", "-"), child.op in ("*", "/", "%")
                plo, phi = parent_op in ("+", "-"), parent_op in ("*", "/", "%")
                if not (lo or hi) or not (plo or phi):
                    return False
                if hi and plo:
                    return True
                if lo and phi:
                    return False
                return is_left
            return parent_kind in ("bool", "func")
        if child.kind == "bool":
            if parent_kind == "bool":
                if child.op in ("NOT", "AND"):
                    return parent_op in ("AND", "OR")
                return parent_op == "OR"
            return parent_kind == "func"
        return parent_kind in ("bool", "func")  # test

    def wrap(self, child: R, parent_kind: str, parent_op: str = "", is_left: bool = False) -> str:
        if not self.pretty or self._simple(child, parent_kind, parent_op, is_left):
            return child.text
        return f"({child.text})"

    def top(self, node: exp.Expression) -> str:
        return self.r(node).text

    # casts ---------------------------------------------------------------------------------------
    def coerce(self, x: R, target: int) -> R:
        if x.type == target or target == T.UNKNOWN:
            return x
        label = type_label(target)
        if x.literal is not None:
            return R(f"{x.literal}::{label}", target, literal=None)
        if x.kind == "simple" and x.text.startswith("ARRAY[") and x.type == T.UNKNOWN:
            return R(x.text, target)
        if self.pretty:
            inner = x.text if x.kind == "simple" else f"({x.text})"
        else:
            inner = f"({x.text})"
        return R(f"{inner}::{label}", target)

    def fix_unknown(self, x: R, target: int = T.TEXT) -> R:
        return self.coerce(x, target) if x.type == T.UNKNOWN and x.literal is not None else x

    def operand_type(self, lt: int, rt: int, op: str) -> int:
        """The type both operands of ``op`` are converted to (PostgreSQL's operator choice)."""
        if op in ("~~", "~~*", "!~~", "!~~*", "~", "~*", "!~", "!~*", "||"):
            return T.TEXT if lt in (T.UNKNOWN, T.TEXT, *_STRINGISH) or lt == T.BPCHAR and op == "||" else lt
        if lt == T.UNKNOWN and rt == T.UNKNOWN:
            return T.TEXT
        if lt == T.UNKNOWN:
            return T.TEXT if rt in _STRINGISH else rt
        if rt == T.UNKNOWN:
            return T.TEXT if lt in _STRINGISH else lt
        if lt in T.INT_TYPES and rt in T.INT_TYPES:
            return 0  # cross-width integer operators: no casts
        if {lt, rt} == {T.TEXT, T.NAME} and op in ("=", "<>", "<", "<=", ">", ">="):
            return 0  # text = name has operators of its own (texteqname ...): no casts
        if {lt, rt} <= {T.FLOAT4, T.FLOAT8}:
            return 0
        if lt in (T.TIMESTAMPTZ, T.TIMESTAMP, T.DATE) and rt == T.INTERVAL:
            return 0
        try:
            t = T.common_type([lt, rt])
        except SqlError:
            return 0
        return T.TEXT if t in _STRINGISH or (lt != rt and t == T.BPCHAR) else t

    # rendering -----------------------------------------------------------------------------------
    def r(self, node: exp.Expression) -> R:  # noqa: C901
        if isinstance(node, exp.Paren):
            return self.r(node.this)
        if isinstance(node, exp.Column):
            qual = node.table or None
            t, shown = self.columns(qual.lower() if qual else None, _ident(node.this))
            return R(shown, t)
        if isinstance(node, exp.Literal):
            if node.is_string:
                return R(_lit(node.this), T.UNKNOWN, literal=_lit(node.this))
            text = node.this
            if "." in text or "e" in text.lower():
                return R(text, T.NUMERIC, number=True)
            v = int(text)
            if -(2**31) <= v < 2**31:
                return R(text, T.INT4, number=True)
            t = T.INT8 if -(2**63) <= v < 2**63 else T.NUMERIC
            return R(f"'{text}'::{type_label(t)}", t)
        if isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal) and not node.this.is_string:
            inner = self.r(node.this)
            digits = node.this.this
            return R(f"'-{digits}'::{type_label(inner.type)}", inner.type)
        if isinstance(node, exp.Boolean):
            return R("true" if node.this else "false", T.BOOL)
        if isinstance(node, exp.Null):
            return R("NULL", T.UNKNOWN)
        if isinstance(node, exp.Interval):
            unit = node.args.get("unit")
            value = node.this.this if isinstance(node.this, exp.Literal) else node.this.sql("postgres")
            text = f"{value} {unit.name.lower()}" if unit is not None else str(value)
            return R(f"{_lit(text)}::interval", T.INTERVAL)
        if isinstance(node, (exp.And, exp.Or)):
            word = "AND" if isinstance(node, exp.And) else "OR"
            parts = [self.fix_unknown(self.r(p), T.BOOL) for p in _flatten(node, type(node))]
            body = f" {word} ".join(self.wrap(p, "bool", word) for p in parts)
            return R(body if self.pretty else f"({body})", T.BOOL, "bool", word)
        if isinstance(node, exp.Not):
            return self.not_(node.this)
        if isinstance(node, exp.Is):
            return self.is_(node)
        if isinstance(node, exp.Between):
            lo = exp.GTE(this=node.this, expression=node.args["low"])
            hi = exp.LTE(this=node.this, expression=node.args["high"])
            return self.r(exp.And(this=lo, expression=hi))
        if isinstance(node, exp.In) and node.expressions:
            return self.in_(node, False)
        if type(node) in _CMP:
            return self.binary(node.this, node.expression, _CMP[type(node)], T.BOOL)
        if type(node) in _ARITH:
            return self.binary(node.this, node.expression, _ARITH[type(node)], None)
        if isinstance(node, exp.DPipe):
            return self.binary(node.this, node.expression, "||", T.TEXT)
        if isinstance(node, (exp.Like, exp.ILike)):
            op = ("!" if node.args.get("negate") else "") + ("~~" if isinstance(node, exp.Like) else "~~*")
            return self.binary(node.this, node.expression, op, T.BOOL)
        if isinstance(node, exp.RegexpLike):
            return self.binary(node.this, node.expression, "~", T.BOOL)
        if isinstance(node, exp.RegexpILike):
            return self.binary(node.this, node.expression, "~*", T.BOOL)
        if isinstance(node, exp.Cast):
            x = self.r(node.this)
            to, _mod = T.resolve_datatype(node.args["to"])
            if x.literal is not None:
                return R(f"{x.literal}::{type_label(to, _mod)}", to)
            label = type_label(to, _mod)
            inner = x.text if self.pretty and x.kind == "simple" else f"({x.text})"
            return R(f"{inner}::{label}", to)
        if isinstance(node, exp.Array):
            items = [self.r(e) for e in node.expressions]
            known = [i.type for i in items if i.type != T.UNKNOWN]
            et = known[0] if known else T.TEXT
            items = [self.coerce(i, et) if i.type == T.UNKNOWN else i for i in items]
            return R("ARRAY[" + ", ".join(i.text for i in items) + "]", T.array_type(et) or T.UNKNOWN)
        for cls, (word, t) in _SQL_VALUE.items():
            if isinstance(node, cls):
                return R(word, t)
        if isinstance(node, exp.Star):
            return R("*", T.UNKNOWN)
        if type(node) in _AGGS:
            return self.call(_AGGS[type(node)], [node.this] if node.this is not None else [])
        if type(node) in _UPPER_FUNCS:
            args = [node.this, *node.expressions] if node.this is not None else list(node.expressions)
            if isinstance(node, exp.Nullif):
                args = [node.this, node.expression]
            rs = [self.r(a) for a in args]
            known = [x.type for x in rs if x.type != T.UNKNOWN]
            t = known[0] if known else T.TEXT
            rs = [self.coerce(x, t) if x.type == T.UNKNOWN else x for x in rs]
            body = ", ".join(self.wrap(x, "func") for x in rs)
            return R(f"{_UPPER_FUNCS[type(node)]}({body})", t)
        if isinstance(node, exp.Anonymous):
            return self.call(node.name.lower(), list(node.expressions))
        if isinstance(node, exp.Func):
            name = node.sql_name().lower()
            return self.call(name, [a for a in node.args.values() if isinstance(a, exp.Expression)])
        return R(node.sql("postgres"), T.UNKNOWN)

    def call(self, name: str, args: list[exp.Expression]) -> R:
        from sql.functions import resolve_function

        rs = [self.r(a) for a in args]
        if name == "count" and (not rs or rs[0].text == "*"):
            return R("count(*)", T.INT8)
        ret = T.TEXT
        try:
            from sql.aggregates import resolve_aggregate

            if name in ("count", "sum", "avg", "min", "max"):
                ret = resolve_aggregate(name, [x.type for x in rs], False).return_type
            else:
                fn, params = resolve_function(name, [x.type for x in rs])
                rs = [self.coerce(x, p) if _shown_coercion(x.type, p) else x for x, p in zip(rs, params)]
                ret = fn.return_type([x.type for x in rs])
        except Exception:  # noqa: BLE001 - an unknown function prints as written
            pass
        return R(f"{name}(" + ", ".join(self.wrap(x, "func") for x in rs) + ")", ret)

    def binary(self, left: exp.Expression, right: exp.Expression, op: str, result: int | None) -> R:
        lt, rt = self.r(left), self.r(right)
        target = self.operand_type(lt.type, rt.type, op)
        if target:
            lt, rt = self.coerce(lt, target), self.coerce(rt, target)
        elif lt.type == T.UNKNOWN or rt.type == T.UNKNOWN:
            lt, rt = self.fix_unknown(lt), self.fix_unknown(rt)
        if result is None:
            result = lt.type if lt.type == rt.type else target or self.arith_type(lt.type, rt.type, op)
        left_text, right_text = self.wrap(lt, "op", op, True), self.wrap(rt, "op", op, False)
        text = f"{left_text} {op} {right_text}"
        return R(text if self.pretty else f"({text})", result, "op", op)

    @staticmethod
    def arith_type(lt: int, rt: int, op: str) -> int:
        if rt == T.INTERVAL and lt in (T.TIMESTAMPTZ, T.TIMESTAMP):
            return lt
        if rt == T.INTERVAL and lt == T.DATE:
            return T.TIMESTAMP
        if op == "-" and lt == rt == T.DATE:
            return T.INT4
        try:
            return T.common_type([lt, rt])
        except SqlError:
            return lt

    def not_(self, inner: exp.Expression) -> R:
        if isinstance(inner, exp.Paren):
            return self.not_(inner.this)
        if isinstance(inner, exp.RegexpLike):
            return self.binary(inner.this, inner.expression, "!~", T.BOOL)
        if isinstance(inner, exp.RegexpILike):
            return self.binary(inner.this, inner.expression, "!~*", T.BOOL)
        if isinstance(inner, (exp.Like, exp.ILike)):
            op = "!~~" if isinstance(inner, exp.Like) else "!~~*"
            return self.binary(inner.this, inner.expression, op, T.BOOL)
        if isinstance(inner, exp.In) and inner.expressions:
            return self.in_(inner, True)
        if isinstance(inner, exp.Is):
            return self.is_(inner, negate=True)
        x = self.fix_unknown(self.r(inner), T.BOOL)
        text = f"NOT {self.wrap(x, 'bool', 'NOT')}"
        return R(text if self.pretty else f"({text})", T.BOOL, "bool", "NOT")

    def is_(self, node: exp.Is, negate: bool = False) -> R:
        negate = negate != bool(node.args.get("negate"))
        x = self.r(node.this)
        target = node.expression
        word = "NULL" if isinstance(target, exp.Null) else ("TRUE" if target.this else "FALSE")
        text = f"{self.wrap(x, 'test')} IS {'NOT ' if negate else ''}{word}"
        return R(text if self.pretty else f"({text})", T.BOOL, "test")

    def in_(self, node: exp.In, negate: bool) -> R:
        left = self.r(node.this)
        items = [self.r(e) for e in node.expressions]
        lt = left.type if left.type != T.UNKNOWN else T.TEXT
        elem = lt
        items = [self.coerce(i, elem) if i.type != elem and i.literal is not None else i for i in items]
        arr = R("ARRAY[" + ", ".join(i.text for i in items) + "]", T.array_type(elem))
        op_t = T.TEXT if lt in _STRINGISH else lt
        if op_t != lt:
            left = self.coerce(left, op_t)
            arr = self.coerce(arr, T.array_type(op_t))
        op = "<> ALL" if negate else "= ANY"
        text = f"{self.wrap(left, 'op', op, True)} {op} ({arr.text})"
        return R(text if self.pretty else f"({text})", T.BOOL, "op", op)


def _shown_coercion(src: int, param: int) -> bool:
    """Argument coercions PostgreSQL prints: unknown literals, varchar/name/char to text,
    integers to numeric / double precision."""
    if param in (T.ANY, T.UNKNOWN) or src == param:
        return False
    if src == T.UNKNOWN:
        return True
    if param == T.TEXT and src in (T.VARCHAR, T.NAME, T.BPCHAR):
        return True
    return src in T.INT_TYPES and param in (T.NUMERIC, T.FLOAT8)


def _ident(node: Any) -> str:
    if isinstance(node, exp.Identifier):
        return node.this if node.quoted else node.this.lower()
    return str(node.name if hasattr(node, "name") else node).lower()


def _flatten(node: exp.Expression, cls: type) -> list[exp.Expression]:
    if isinstance(node, cls):
        return _flatten(node.this, cls) + _flatten(node.expression, cls)
    if isinstance(node, exp.Paren) and isinstance(node.this, cls):
        return _flatten(node.this, cls)
    return [node]
