"""Table constraints as the catalog keeps them: PostgreSQL-style names, construction from
sqlglot constraint nodes, compilation of CHECK expressions, and ``pg_get_constraintdef`` text.

:func:`constraint_definition` renders a :class:`~sql.catalog.Constraint` the way PostgreSQL 15
prints it (``PRIMARY KEY (id)``, ``UNIQUE (a, b)``, ``CHECK ((price > (0)::numeric))``,
``FOREIGN KEY (b) REFERENCES t(id) ON DELETE CASCADE``); CHECK expressions are re-printed with
PostgreSQL's parenthesisation and the implicit casts it shows for the common cases.
"""

from __future__ import annotations

import re
from typing import Any

import sqlglot
from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.catalog import Catalog, Constraint, Table
from sql.dialect import PgDialect
from sql.errors import SqlError
from sql.expr import CExpr, CompileEnv, ExprCompiler, identifier_name
from sql.scope import RangeEntry, Scope, ScopeColumn

NAMEDATALEN = 64
ACTIONS = {"NO ACTION": "a", "RESTRICT": "r", "CASCADE": "c", "SET NULL": "n", "SET DEFAULT": "d"}
ACTION_TEXT = {"r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


# names ---------------------------------------------------------------------------------------------
def _clip(name: str, nbytes: int) -> str:
    return name.encode()[:nbytes].decode("utf-8", "ignore")


def make_object_name(name1: str, name2: str | None, label: str | None) -> str:
    """PostgreSQL's makeObjectName: ``name1_name2_label`` shortened to fit NAMEDATALEN - 1."""
    n1, n2 = len(name1.encode()), len(name2.encode()) if name2 else 0
    overhead = (n2 + 1 if name2 else 0) + (len(label) + 1 if label else 0)
    avail = NAMEDATALEN - 1 - overhead
    while n1 + n2 > avail:
        if n1 > n2:
            n1 -= 1
        else:
            n2 -= 1
    out = _clip(name1, n1)
    if name2:
        out += "_" + _clip(name2, n2)
    if label:
        out += "_" + label
    return out


def choose_name(name1: str, name2: str | None, label: str, taken: Any) -> str:
    """PostgreSQL's ChooseRelationName / ChooseConstraintName: add 1, 2, ... to the label."""
    modlabel = label
    n = 0
    while True:
        cand = make_object_name(name1, name2, modlabel)
        if not taken(cand):
            return cand
        n += 1
        modlabel = f"{label}{n}"


def column_names_addition(names: list[str]) -> str:
    """ChooseIndexNameAddition / ChooseForeignKeyConstraintNameAddition: names joined by _."""
    out = ""
    for n in names:
        if out:
            out += "_"
        out += n
        if len(out.encode()) >= NAMEDATALEN:
            break
    return _clip(out, NAMEDATALEN - 1)


# building ------------------------------------------------------------------------------------------
def reference_parts(ref: exp.Reference) -> tuple[exp.Table, list[str], dict[str, str]]:
    """(referenced table node, referenced column names (may be empty), options) of REFERENCES."""
    target = ref.this
    cols: list[str] = []
    if isinstance(target, exp.Schema):
        cols = [identifier_name(i) for i in target.expressions]
        target = target.this
    opts = {"on_delete": "a", "on_update": "a", "match": "s"}
    for o in ref.args.get("options") or []:
        text = (o if isinstance(o, str) else o.sql("postgres") if hasattr(o, "sql") else str(o)).upper().strip()
        m = re.match(r"ON (DELETE|UPDATE) (.+)$", text)
        if m:
            action = ACTIONS.get(m.group(2).strip())
            if action is None:
                raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{m.group(2)}"')
            opts["on_delete" if m.group(1) == "DELETE" else "on_update"] = action
        elif text.startswith("MATCH"):
            kind = text.split()[-1]
            if kind == "PARTIAL":
                raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "MATCH PARTIAL not yet implemented")
            opts["match"] = "f" if kind == "FULL" else "s"
    return target, cols, opts


def check_column_refs(node: exp.Expression) -> list[str]:
    out: list[str] = []
    for c in node.find_all(exp.Column):
        n = identifier_name(c.this)
        if n not in out:
            out.append(n)
    return out


def table_scope(table: Table, alias: str | None = None) -> Scope:
    cols = [ScopeColumn(c.name, c.type_oid, c.typmod, table.oid, c.attnum) for c in table.columns]
    return Scope([RangeEntry(alias or table.name, cols, relation=table)])


def compile_check(session: Any, catalog: Catalog, table: Table, expr_text: str) -> CExpr:
    """A CHECK expression compiled over the table's rows (boolean; NULL passes)."""
    node = sqlglot.parse_one(expr_text, read=PgDialect)
    validate_check(node)
    return ExprCompiler(CompileEnv(session, catalog, []), table_scope(table)).compile_bool(node, "CHECK")


def validate_check(node: exp.Expression) -> None:
    for n in node.walk():
        if isinstance(n, (exp.Subquery, exp.Select, exp.Exists)):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "cannot use subquery in check constraint")
        if ExprCompiler._is_aggregate(n):
            raise SqlError(sqlstate.GROUPING_ERROR, "aggregate functions are not allowed in check constraints")
        if isinstance(n, exp.Parameter):
            raise SqlError(sqlstate.UNDEFINED_PARAMETER, "there is no parameter $1")


def rename_column_in_expr(expr_text: str, old: str, new: str) -> str:
    node = sqlglot.parse_one(expr_text, read=PgDialect)
    for c in node.find_all(exp.Column):
        if identifier_name(c.this) == old:
            c.set("this", exp.to_identifier(new, quoted=new != new.lower() or not new.isidentifier()))
    return node.sql("postgres")


# rendering -----------------------------------------------------------------------------------------
def quote_ident(name: str) -> str:
    if re.fullmatch(r"[a-z_][a-z0-9_$]*", name) and name.upper() not in _RESERVED:
        return name
    return '"' + name.replace('"', '""') + '"'


_RESERVED = {"ALL", "AND", "ANY", "ARRAY", "AS", "ASC", "CASE", "CAST", "CHECK", "COLUMN", "CONSTRAINT", "CREATE",
             "DEFAULT", "DESC", "DISTINCT", "DO", "ELSE", "END", "FALSE", "FOR", "FOREIGN", "FROM", "GRANT",
             "GROUP", "HAVING", "IN", "INTO", "LIMIT", "NOT", "NULL", "OFFSET", "ON", "OR", "ORDER", "PRIMARY",
             "REFERENCES", "SELECT", "TABLE", "THEN", "TO", "TRUE", "UNION", "UNIQUE", "USER", "WHEN", "WHERE",
             "WITH", "USING", "ONLY", "LEADING", "TRAILING", "BOTH", "SOME"}


def _cols(table: Table, positions: tuple[int, ...]) -> str:
    return ", ".join(quote_ident(table.columns[p].name) for p in positions)


def constraint_definition(table: Table, con: Constraint, catalog: Catalog | None = None) -> str:
    """The text ``pg_get_constraintdef`` shows for ``con``."""
    if con.kind == "p":
        return f"PRIMARY KEY ({_cols(table, con.columns)})"
    if con.kind == "u":
        return f"UNIQUE ({_cols(table, con.columns)})"
    if con.kind == "c":
        return f"CHECK ({render_check(table, con.expr)})" + (" NO INHERIT" if con.no_inherit else "")
    if con.kind == "f":
        parent = catalog.relations.get(con.ref_table) if catalog is not None else None
        pname = quote_ident(parent.name) if parent is not None else str(con.ref_table)
        if parent is not None and catalog is not None and parent.schema_oid != table.schema_oid:
            s = catalog.schemas.get(parent.schema_oid)
            if s is not None and s.name != "public":
                pname = f"{quote_ident(s.name)}.{pname}"
        pcols = _cols(parent, con.ref_columns) if isinstance(parent, Table) else ""
        out = f"FOREIGN KEY ({_cols(table, con.columns)}) REFERENCES {pname}({pcols})"
        if con.match == "f":
            out += " MATCH FULL"
        if con.on_update != "a":
            out += f" ON UPDATE {ACTION_TEXT[con.on_update]}"
        if con.on_delete != "a":
            out += f" ON DELETE {ACTION_TEXT[con.on_delete]}"
        return out
    return ""


def render_check(table: Table, expr_text: str) -> str:
    node = sqlglot.parse_one(expr_text, read=PgDialect)
    return _Renderer(table).top(node)


_CMP = {exp.EQ: "=", exp.NEQ: "<>", exp.GT: ">", exp.GTE: ">=", exp.LT: "<", exp.LTE: "<=", exp.Add: "+",
        exp.Sub: "-", exp.Mul: "*", exp.Div: "/", exp.Mod: "%", exp.Like: "~~", exp.ILike: "~~*",
        exp.RegexpLike: "~", exp.DPipe: "||"}
_BOOL_OPS = {exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.Like, exp.ILike, exp.RegexpLike}


class _Renderer:
    """Re-print an expression as PostgreSQL's ruleutils does for the common cases."""

    def __init__(self, table: Table) -> None:
        self.types = {c.name: c.type_oid for c in table.columns}

    def top(self, node: exp.Expression) -> str:
        text, _t = self.r(node)
        return text

    def typename(self, t: int) -> str:
        return T.format_type(t, -1)

    def cast(self, text: str, t_from: int, t_to: int, literal: str | None = None) -> str:
        if t_from == t_to:
            return text
        if literal is not None:
            return f"{literal}::{self.typename(t_to)}"
        return f"({text})::{self.typename(t_to)}"

    def r(self, node: exp.Expression) -> tuple[str, int]:  # noqa: C901
        if isinstance(node, exp.Paren):
            return self.r(node.this)
        if isinstance(node, exp.Column):
            n = identifier_name(node.this)
            return quote_ident(n), self.types.get(n, T.TEXT)
        if isinstance(node, exp.Literal):
            if node.is_string:
                return "'" + node.this.replace("'", "''") + "'", T.UNKNOWN
            t = T.NUMERIC if "." in node.this or "e" in node.this.lower() else (
                T.INT4 if -(2**31) <= int(node.this) < 2**31 else T.INT8)
            return node.this, t
        if isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal) and not node.this.is_string:
            text, t = self.r(node.this)
            return f"'-{text}'::{self.typename(t)}", t
        if isinstance(node, exp.Boolean):
            return ("true" if node.this else "false"), T.BOOL
        if isinstance(node, exp.Null):
            return "NULL", T.UNKNOWN
        if isinstance(node, (exp.And, exp.Or)):
            word = "AND" if isinstance(node, exp.And) else "OR"
            parts = [self.r(p)[0] for p in _flatten(node, type(node))]
            return "(" + f" {word} ".join(parts) + ")", T.BOOL
        if isinstance(node, exp.Not):
            inner = node.this
            if isinstance(inner, exp.Is):
                return self.is_(inner, negate=True)
            return f"(NOT {self.r(inner)[0]})", T.BOOL
        if isinstance(node, exp.Is):
            return self.is_(node)
        if isinstance(node, exp.Between):
            lo = exp.GTE(this=node.this, expression=node.args["low"])
            hi = exp.LTE(this=node.this, expression=node.args["high"])
            return self.r(exp.And(this=lo, expression=hi))
        if isinstance(node, exp.In) and node.expressions:
            left, lt = self.r(node.this)
            items = [self.r(e) for e in node.expressions]
            t = lt if lt != T.UNKNOWN else T.TEXT
            rendered = [self.cast(x, it, t, x if it == T.UNKNOWN else None) if it != t else x for x, it in items]
            return f"({left} = ANY (ARRAY[{', '.join(rendered)}]))", T.BOOL
        if type(node) in _CMP:
            return self.binary(node, _CMP[type(node)])
        if isinstance(node, exp.Cast):
            text, t = self.r(node.this)
            to, _m = T.resolve_datatype(node.args["to"])
            if t == T.UNKNOWN:
                return f"{text}::{self.typename(to)}", to
            return f"({text})::{self.typename(to)}", to
        if isinstance(node, exp.Func):
            name = node.sql_name().lower() if not isinstance(node, exp.Anonymous) else node.name.lower()
            if isinstance(node, exp.Length):
                name = "length"
            args = [a for a in node.args.values() if isinstance(a, exp.Expression)]
            if isinstance(node, exp.Anonymous):
                args = list(node.expressions)
            rendered = [self.r(a)[0] for a in args]
            rt = T.INT4 if name in ("length", "char_length") else T.TEXT
            return f"{name}({', '.join(rendered)})", rt
        return node.sql("postgres"), T.UNKNOWN

    def is_(self, node: exp.Is, negate: bool = False) -> tuple[str, int]:
        negate = negate != bool(node.args.get("negate"))
        text, _t = self.r(node.this)
        target = node.expression
        word = "NULL" if isinstance(target, exp.Null) else ("TRUE" if target.this else "FALSE")
        return f"({text} IS {'NOT ' if negate else ''}{word})", T.BOOL

    def binary(self, node: exp.Expression, op: str) -> tuple[str, int]:
        (lt_text, lt), (rt_text, rt) = self.r(node.this), self.r(node.expression)
        if op in ("~~", "~~*", "~"):
            target = T.TEXT
        elif lt == T.UNKNOWN and rt == T.UNKNOWN:
            target = T.TEXT
        elif lt == T.UNKNOWN:
            target = rt
        elif rt == T.UNKNOWN:
            target = lt
        else:
            try:
                target = T.common_type([lt, rt])
            except SqlError:
                target = lt
            if target in (T.VARCHAR, T.BPCHAR, T.NAME):
                target = T.TEXT
        if target in (T.VARCHAR,):
            target = T.TEXT
        lt_text = self._conv(lt_text, lt, target, node.this)
        rt_text = self._conv(rt_text, rt, target, node.expression)
        result = T.BOOL if type(node) in _BOOL_OPS else (T.TEXT if op == "||" else target)
        return f"({lt_text} {op} {rt_text})", result

    def _conv(self, text: str, t: int, target: int, node: exp.Expression) -> str:
        if t == target:
            return text
        if t == T.UNKNOWN:
            return f"{text}::{self.typename(target)}"
        if isinstance(node, exp.Neg) or text.startswith("'"):
            return text  # already a typed constant
        if t in T.INT_TYPES and target in T.INT_TYPES:
            return text  # cross-width integer operators exist
        return f"({text})::{self.typename(target)}"


def _flatten(node: exp.Expression, cls: type) -> list[exp.Expression]:
    if isinstance(node, cls):
        return _flatten(node.this, cls) + _flatten(node.expression, cls)
    if isinstance(node, exp.Paren) and isinstance(node.this, cls):
        return _flatten(node.this, cls)
    return [node]
