"""Automatically updatable views: INSERT/UPDATE/DELETE on a view over one table (no aggregates,
grouping, DISTINCT, LIMIT, set operations, WITH or window functions) is rewritten into the same
statement on the base table, the view's WHERE added to UPDATE/DELETE. WITH [LOCAL|CASCADED]
CHECK OPTION: new rows must satisfy the view's condition (44000). Other views: 55000."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql.catalog import View
from sql.errors import SqlError
from sql.executor.modify import check_not_null
from sql.expr import CExpr, ExprCompiler, identifier_name
from sql.scope import RangeEntry, Scope, ScopeColumn

_VERB = {"insert": ("cannot insert into view", "INSERT", "inserting into"),
         "update": ("cannot update view", "UPDATE", "updating"),
         "delete": ("cannot delete from view", "DELETE", "deleting from")}

_CHECK_OPTION = re.compile(r"\s+WITH\s+(?:(LOCAL|CASCADED)\s+)?CHECK\s+OPTION\s*;?\s*$", re.IGNORECASE)


def strip_check_option(text: str) -> tuple[str, str]:
    """CREATE VIEW text without a trailing WITH [LOCAL|CASCADED] CHECK OPTION, and the option
    ('' when absent)."""
    m = _CHECK_OPTION.search(text)
    if m is None:
        return text, ""
    return text[: m.start()], (m.group(1) or "cascaded").lower()


def _not_updatable(view: View, kind: str, detail: str) -> SqlError:
    msg, word, doing = _VERB[kind]
    return SqlError(sqlstate.OBJECT_NOT_IN_PREREQUISITE_STATE, f'{msg} "{view.name}"', detail=detail,
                    hint=f"To enable {doing} the view, provide an INSTEAD OF {word} trigger or an unconditional "
                         f"ON {word} DO INSTEAD rule.")


def _base_query(view: View, kind: str) -> exp.Select:
    import sqlglot

    from sql.dialect import PgDialect

    tree = sqlglot.parse_one(view.query, read=PgDialect)
    if isinstance(tree, (exp.Union, exp.Intersect, exp.Except)):
        raise _not_updatable(view, kind, "Views containing UNION, INTERSECT, or EXCEPT are not automatically "
                                         "updatable.")
    if not isinstance(tree, exp.Select):
        raise _not_updatable(view, kind, "Views that do not select from a single table or view are not "
                                         "automatically updatable.")
    if tree.args.get("with_") or tree.args.get("with"):
        raise _not_updatable(view, kind, "Views containing WITH are not automatically updatable.")
    if tree.args.get("distinct"):
        raise _not_updatable(view, kind, "Views containing DISTINCT are not automatically updatable.")
    if tree.args.get("group"):
        raise _not_updatable(view, kind, "Views containing GROUP BY are not automatically updatable.")
    if tree.args.get("having"):
        raise _not_updatable(view, kind, "Views containing HAVING are not automatically updatable.")
    if tree.args.get("limit") or tree.args.get("offset"):
        raise _not_updatable(view, kind, "Views containing LIMIT or OFFSET are not automatically updatable.")
    from_ = tree.args.get("from_") or tree.args.get("from")
    if from_ is None or tree.args.get("joins") or not isinstance(from_.this, exp.Table) \
            or not isinstance(from_.this.this, exp.Identifier):
        raise _not_updatable(view, kind, "Views that do not select from a single table or view are not "
                                         "automatically updatable.")
    for item in tree.expressions:
        if any(isinstance(n, exp.AggFunc) for n in item.walk()):
            raise _not_updatable(view, kind, "Views that return aggregate functions are not automatically "
                                             "updatable.")
        if any(isinstance(n, exp.Window) for n in item.walk()):
            raise _not_updatable(view, kind, "Views that return window functions are not automatically "
                                             "updatable.")
    return tree


def _column_map(view: View, tree: exp.Select) -> dict[str, str | None]:
    """View column name -> base column name (None: not a plain column of the base table)."""
    items = tree.expressions
    if any(isinstance(i, exp.Star) or (isinstance(i, exp.Column) and isinstance(i.this, exp.Star)) for i in items):
        return {c.name: c.name for c in view.columns}
    out: dict[str, str | None] = {}
    for c, item in zip(view.columns, items):
        inner = item.this if isinstance(item, exp.Alias) else item
        out[c.name] = identifier_name(inner.this) if isinstance(inner, exp.Column) else None
    return out


def _rename_columns(node: exp.Expression, mapping: dict[str, str | None], alias: str, view: View) -> None:
    for col in list(node.find_all(exp.Column)):
        if isinstance(col.this, exp.Star):
            continue
        q = col.args.get("table")
        if q is not None and identifier_name(q) != alias:
            continue
        name = identifier_name(col.this)
        if name in mapping:
            base = mapping[name]
            if base is None:
                continue
            if base != name:
                col.set("this", exp.to_identifier(base, quoted=True))


def _requalified_where(tree: exp.Select, alias: str) -> exp.Expression | None:
    where = tree.args.get("where")
    if where is None:
        return None
    cond = where.this.copy()
    for col in list(cond.find_all(exp.Column)):
        if isinstance(col.this, exp.Star):
            continue
        p = col.parent
        inside = False
        while p is not None and p is not cond:
            if isinstance(p, (exp.Select, exp.Subquery)):
                inside = True
                break
            p = p.parent
        if not inside:
            col.set("table", exp.to_identifier(alias, quoted=True))
    return cond


def plan_view_dml(pl: Any, node: exp.Expression, view: View, kind: str) -> tuple[Any, list[ScopeColumn]]:
    """Plan INSERT/UPDATE/DELETE on an automatically updatable view (pl: the DmlPlanner). The base
    relation's privileges are checked as the view's owner; a CASCADED check option also checks the
    conditions of the views underneath."""
    mark = len(pl.env.privileges)
    inherited = getattr(pl, "_cascaded_check", False)
    pl._cascaded_check = inherited or view.check_option == "cascaded"
    try:
        plan, out = _plan_view_dml(pl, node, view, kind)
    finally:
        pl._cascaded_check = inherited
    pl.env.privileges[mark:] = [(r, letters, view.owner) for r, letters, *_ in pl.env.privileges[mark:]]
    tree = _base_query(view, kind)
    if (view.check_option or inherited) and kind != "delete" and tree.args.get("where") is not None \
            and hasattr(plan, "rules"):
        plan = _with_check(pl, plan, view, tree)
    return plan, out


def _view_defaults(node: exp.Insert, view: View, names: list[str], mapping: dict[str, str | None]) -> list[str]:
    """Fill the view's column defaults into a VALUES list (omitted columns and DEFAULT items)."""
    import sqlglot

    from sql.dialect import PgDialect
    from sql.dml_planner import _is_default

    defaults = {c.name: c.default for c in view.columns if c.default is not None and mapping.get(c.name)}
    src = node.expression
    if not defaults or not isinstance(src, exp.Values):
        return names
    extra = [n for n in defaults if n not in names]
    for tup in src.expressions:
        if not isinstance(tup, exp.Tuple):
            continue
        items = list(tup.expressions)
        for i, n in enumerate(names[: len(items)]):
            if n in defaults and _is_default(items[i]):
                items[i] = sqlglot.parse_one(defaults[n], read=PgDialect)
        items += [sqlglot.parse_one(defaults[n], read=PgDialect) for n in extra]
        tup.set("expressions", items)
    return names + extra


def _plan_view_dml(pl: Any, node: exp.Expression, view: View, kind: str) -> tuple[Any, list[ScopeColumn]]:
    tree = _base_query(view, kind)
    from_ = tree.args.get("from_") or tree.args.get("from")
    base_node: exp.Table = from_.this.copy()
    node = node.copy()
    target = node.this.this if isinstance(node.this, exp.Schema) else node.this
    user_alias = target.args.get("alias")
    alias = identifier_name(user_alias.this) if user_alias is not None else view.name
    mapping = _column_map(view, tree)
    new_target = exp.Table(this=base_node.this, db=base_node.args.get("db"),
                           alias=exp.TableAlias(this=exp.to_identifier(alias, quoted=True)))
    if kind == "insert":
        cols = list(node.this.expressions) if isinstance(node.this, exp.Schema) else None
        if cols is None:
            names = [c.name for c in view.columns]
            src = node.expression
            if isinstance(src, exp.Values) and src.expressions:
                first = src.expressions[0]
                names = names[: len(first.expressions) if isinstance(first, exp.Tuple) else 1]
            cols = [exp.to_identifier(n, quoted=True) for n in names]
        names = [identifier_name(i) for i in cols]
        cols = [exp.to_identifier(n, quoted=True) for n in _view_defaults(node, view, names, mapping)]
        mapped = []
        for ident in cols:
            name = identifier_name(ident)
            if name not in mapping:
                raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{name}" of relation "{view.name}" does not exist')
            base = mapping[name]
            if base is None:
                raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f'cannot insert into column "{name}" of view '
                               f'"{view.name}"', detail="View columns that are not columns of their base relation "
                                                        "are not updatable.")
            mapped.append(exp.to_identifier(base, quoted=True))
        node.set("this", exp.Schema(this=new_target, expressions=mapped))
        for key in ("returning",):
            if node.args.get(key) is not None:
                _rename_columns(node.args[key], mapping, alias, view)
        plan, out = pl.plan_insert(node)
    else:
        for a in node.expressions if kind == "update" else []:
            lhs = a.this
            for col in (lhs.expressions if isinstance(lhs, exp.Tuple) else [lhs]):
                while isinstance(col, exp.Bracket):
                    col = col.this
                name = identifier_name(col.this if isinstance(col, exp.Column) else col)
                if mapping.get(name, name) is None:
                    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f'cannot update column "{name}" of view '
                                   f'"{view.name}"', detail="View columns that are not columns of their base "
                                                            "relation are not updatable.")
        node.set("this", new_target)
        _rename_columns(node, mapping, alias, view)
        cond = _requalified_where(tree, alias)
        if cond is not None:
            where = node.args.get("where")
            combined = cond if where is None else exp.and_(exp.Paren(this=cond), exp.Paren(this=where.this))
            node.set("where", exp.Where(this=combined))
        plan, out = pl.plan_update(node) if kind == "update" else pl.plan_delete(node)
    return plan, out


def _with_check(pl: Any, plan: Any, view: View, tree: exp.Select) -> Any:
    table = plan.table if plan.table is not None else plan.access.table
    from_ = tree.args.get("from_") or tree.args.get("from")
    name = identifier_name(from_.this.args["alias"].this) if from_.this.args.get("alias") is not None \
        else identifier_name(from_.this.this)
    cols = [ScopeColumn(c.name, c.type_oid, c.typmod, table.oid, c.attnum) for c in table.columns]
    c = ExprCompiler(pl.env, Scope([RangeEntry(name, cols, relation=table)]))
    pred = c.compile_bool(tree.args["where"].this, "WHERE")
    return dataclasses.replace(plan, rules=ViewCheck(plan.rules, table, pred, view.name))


class ViewCheck:
    """A table's constraint rules plus a view's CHECK OPTION condition on every new row."""

    def __init__(self, inner: Any, table: Any, pred: CExpr, view_name: str) -> None:
        self.inner = inner
        self.table = table
        self.pred = pred.fn
        self.view_name = view_name

    def __getattr__(self, name: str) -> Any:
        if self.inner is None:
            return {"trivial": True, "fks_out": [], "fks_in": [], "checks": []}[name]
        return getattr(self.inner, name)

    def check_row(self, row: tuple[Any, ...], ctx: Any) -> None:
        if self.inner is not None:
            self.inner.check_row(row, ctx)
        else:
            check_not_null(self.table, row, ctx)
        if self.pred(row, ctx) is not True:
            shown = ", ".join("null" if v is None else ctx.to_text(v, c.type_oid)
                              for v, c in zip(row, self.table.columns))
            raise SqlError(sqlstate.WITH_CHECK_OPTION_VIOLATION,
                           f'new row violates check option for view "{self.view_name}"',
                           detail=f"Failing row contains ({shown}).")
