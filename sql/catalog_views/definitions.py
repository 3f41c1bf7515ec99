"""The definition texts PostgreSQL prints for catalog objects: column defaults
(``pg_get_expr(adbin, adrelid)``), constraints (``pg_get_constraintdef``), indexes
(``pg_get_indexdef``) and views (``pg_get_viewdef``), built with :mod:`.deparse`."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import sqlglot
from sqlglot import exp

from sql import typesys as T
from sql.catalog import Column, Constraint, Index, Table, View
from sql.catalog_views.deparse import Deparser, R, type_label
from sql.catalog_views.objects import quote_ident, regclass_out, schema_name
from sql.dialect import PgDialect


@lru_cache(maxsize=2048)
def _parse(text: str) -> exp.Expression:
    return sqlglot.parse_one(text, read=PgDialect)


def _table_columns(table: Any) -> Any:
    types = {c.name: c.type_oid for c in table.columns}

    def resolve(_qual: str | None, name: str) -> tuple[int, str]:
        return types.get(name, T.TEXT), quote_ident(name)

    return resolve


def default_text(table: Any, col: Column, pretty: bool = False) -> str | None:
    """pg_get_expr of a column default: constants keep their own type, unknown literals take
    the column's type (``'x'::character varying``)."""
    if col.default is None:
        return None
    try:
        node = _parse(col.default)
    except Exception:  # noqa: BLE001 - unparsable text is shown as stored
        return col.default
    if isinstance(node, exp.Null):
        return None
    x = Deparser(_table_columns(table), pretty).r(node)
    if x.literal is not None:
        return f"{x.literal}::{type_label(col.type_oid)}"
    if x.text.startswith("ARRAY[") and x.type == T.UNKNOWN:
        return f"{x.text}::{type_label(col.type_oid)}"
    return x.text


def check_text(table: Any, expr_text: str, pretty: bool) -> str:
    """A CHECK expression as pg_get_expr(conbin, conrelid[, pretty]) prints it."""
    try:
        node = _parse(expr_text)
    except Exception:  # noqa: BLE001
        return expr_text
    d = Deparser(_table_columns(table), pretty)
    x: R = d.fix_unknown(d.r(node), T.BOOL)
    return x.text


def check_columns(table: Table, con: Constraint) -> list[int]:
    """Positions (0-based, ascending by attnum) of the columns a CHECK constraint uses."""
    if con.columns:
        return sorted(con.columns, key=lambda p: table.columns[p].attnum)
    try:
        node = _parse(con.expr)
    except Exception:  # noqa: BLE001
        return []
    names = {c.name.lower() if not c.this.quoted else c.name for c in node.find_all(exp.Column)}
    return sorted((i for i, c in enumerate(table.columns) if c.name in names), key=lambda p: table.columns[p].attnum)


def constraint_text(session: Any, table: Table, con: Constraint, pretty: bool) -> str:
    """pg_get_constraintdef: the definition, then DEFERRABLE [INITIALLY DEFERRED] and NOT VALID."""
    out = _constraint_body(session, table, con, pretty)
    if con.deferrable:
        out += " DEFERRABLE INITIALLY DEFERRED" if con.deferred else " DEFERRABLE"
    return out if con.validated else out + " NOT VALID"


def _constraint_body(session: Any, table: Table, con: Constraint, pretty: bool) -> str:
    from sql.constraints import ACTION_TEXT, constraint_definition

    if con.kind == "c":
        body = check_text(table, con.expr, pretty)
        return f"CHECK ({body})" + (" NO INHERIT" if con.no_inherit else "")
    if con.kind == "f":
        cat = session.catalog()
        parent = cat.relations.get(con.ref_table)
        cols = ", ".join(quote_ident(table.columns[p].name) for p in con.columns)
        pcols = ", ".join(quote_ident(parent.columns[p].name) for p in con.ref_columns) \
            if isinstance(parent, Table) else ""
        out = f"FOREIGN KEY ({cols}) REFERENCES {regclass_out(session, con.ref_table)}({pcols})"
        if con.match == "f":
            out += " MATCH FULL"
        if con.on_update != "a":
            out += f" ON UPDATE {ACTION_TEXT[con.on_update]}"
        if con.on_delete != "a":
            out += f" ON DELETE {ACTION_TEXT[con.on_delete]}"
        return out
    return constraint_definition(table, con, session.catalog())


def index_column_text(table: Table, ix: Index, position: int, pretty: bool = False) -> str:
    p = ix.columns[position]
    if p >= 0:
        return quote_ident(table.columns[p].name)
    text = ix.exprs[sum(1 for q in ix.columns[:position] if q < 0)]
    try:
        node = _parse(text)
    except Exception:  # noqa: BLE001
        return text
    out = Deparser(_table_columns(table), pretty).r(node).text
    is_call = isinstance(node, exp.Anonymous) or (isinstance(node, exp.Func) and not isinstance(
        node, (exp.Binary, exp.Unary, exp.Cast, exp.Case)))
    return out if is_call else f"({out})"


_INDOPTION_TEXT = {0: "", 1: " DESC NULLS LAST", 2: " NULLS FIRST", 3: " DESC"}


def index_text(session: Any, table: Table, ix: Index) -> str:
    nsp = schema_name(session, table.schema_oid) or "public"
    opts = ix.options or (0,) * len(ix.columns)
    cols = ", ".join(index_column_text(table, ix, i) + _INDOPTION_TEXT[opts[i] & 3] for i in range(len(ix.columns)))
    unique = "UNIQUE " if ix.unique else ""
    out = f"CREATE {unique}INDEX {quote_ident(ix.name)} ON {quote_ident(nsp)}.{quote_ident(table.name)} " \
          f"USING btree ({cols})"
    if ix.include:
        out += " INCLUDE (" + ", ".join(quote_ident(table.columns[p].name) for p in ix.include) + ")"
    if ix.nulls_not_distinct:
        out += " NULLS NOT DISTINCT"
    if ix.predicate:
        out += f" WHERE {check_text(table, ix.predicate, False)}"
    return out


# views -------------------------------------------------------------------------------------------
class _ViewPrinter:
    def __init__(self, session: Any, view: View, pretty: bool) -> None:
        self.session = session
        self.view = view
        self.pretty = pretty
        self.ranges: list[tuple[str, dict[str, int]]] = []  # (reference name, column -> type)

    def _add_range(self, node: exp.Table) -> str:
        name = node.name.lower() if not node.this.quoted else node.name
        schema = node.args.get("db")
        cat = self.session.catalog()
        rel = None
        if schema is not None:
            s = cat.schema(schema.name)
            rel = cat.lookup(s.oid, name) if s is not None else None
        else:
            rel = self.session.lookup_relation(None, name, cat)
        alias = node.alias_or_name
        cols = {c.name: c.type_oid for c in rel.columns} if rel is not None else {}
        self.ranges.append((alias, cols))
        shown = regclass_out(self.session, rel.oid) if rel is not None else quote_ident(name)
        return shown + (f" {quote_ident(alias)}" if node.alias else "")

    def column(self, qual: str | None, name: str) -> tuple[int, str]:
        for ref, cols in self.ranges:
            if (qual is None or qual == ref) and name in cols:
                return cols[name], f"{quote_ident(ref)}.{quote_ident(name)}"
        return T.TEXT, quote_ident(name) if qual is None else f"{quote_ident(qual)}.{quote_ident(name)}"

    def render(self) -> str:
        tree = _parse(self.view.query)
        if not isinstance(tree, exp.Select):
            return " " + tree.sql("postgres") + ";"
        d = Deparser(self.column, self.pretty)
        from_text = self._from(tree, d)
        items = []
        names = [c.name for c in self.view.columns]
        exprs = list(tree.expressions)
        if len(exprs) == 1 and isinstance(exprs[0], exp.Star) or any(isinstance(e, exp.Star) or (
                isinstance(e, exp.Column) and isinstance(e.this, exp.Star)) for e in exprs):
            exprs = [exp.column(n) for n in names]
        for e, out_name in zip(exprs, names):
            inner = e.this if isinstance(e, exp.Alias) else e
            x = d.fix_unknown(d.r(inner))
            same = isinstance(inner, exp.Column) and inner.name.lower() == out_name
            items.append(x.text if same else f"{x.text} AS {quote_ident(out_name)}")
        out = " SELECT " + ",\n    ".join(items)
        if from_text:
            out += "\n   FROM " + from_text
        where = tree.args.get("where")
        if where is not None:
            out += "\n  WHERE " + d.fix_unknown(d.r(where.this), T.BOOL).text
        group = tree.args.get("group")
        if group is not None:
            out += "\n  GROUP BY " + ", ".join(d.r(g).text for g in group.expressions)
        having = tree.args.get("having")
        if having is not None:
            out += "\n HAVING " + d.r(having.this).text
        order = tree.args.get("order")
        if order is not None:
            parts = []
            for o in order.expressions:
                txt = d.r(o.this).text
                if o.args.get("desc"):
                    txt += " DESC"
                parts.append(txt)
            out += "\n  ORDER BY " + ", ".join(parts)
        limit = tree.args.get("limit")
        if limit is not None:
            out += "\n LIMIT " + limit.expression.sql("postgres")
        return out + ";"

    def _from(self, tree: exp.Select, d: Deparser) -> str:
        from_ = tree.args.get("from") or tree.args.get("from_")
        if from_ is None:
            return ""
        first = from_.this
        joins = list(tree.args.get("joins") or [])
        if isinstance(first, exp.Subquery) and not first.alias and isinstance(first.this, exp.Table) \
                and first.this.args.get("joins"):  # FROM (a JOIN b ON ...): as PostgreSQL prints it back
            joins = list(first.this.args["joins"]) + joins
            first = first.this.copy()
            first.set("joins", None)
        if not isinstance(first, exp.Table):
            return first.sql("postgres")
        text = self._add_range(first)
        for j in joins:
            right = self._add_range(j.this) if isinstance(j.this, exp.Table) else j.this.sql("postgres")
            side = (j.side or "").upper()
            kind = (j.kind or "").upper()
            word = f"{side} JOIN" if side else ("CROSS JOIN" if kind == "CROSS" else "JOIN")
            cond = ""
            if j.args.get("on") is not None:
                on = d.fix_unknown(d.r(j.args["on"]), T.BOOL).text
                cond = f" ON {on}" if self.pretty else f" ON ({on})"
            elif j.args.get("using"):
                cond = " USING (" + ", ".join(quote_ident(u.name) for u in j.args["using"]) + ")"
            text = f"{text}\n     {word} {right}{cond}"
            if not self.pretty:
                text = f"({text})"
        return text


def view_text(session: Any, view: View, pretty: bool) -> str:
    try:
        return _ViewPrinter(session, view, pretty).render()
    except Exception:  # noqa: BLE001 - best effort: the stored text
        return " " + view.query + ";"


def format_column_type(col: Column) -> str:
    return T.format_type(col.type_oid, col.typmod)
