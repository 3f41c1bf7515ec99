"""CREATE [UNIQUE] INDEX: plain, expression (``(lower(x))``) and partial (``WHERE pred``) key
parts, ASC/DESC and NULLS FIRST/LAST options, INCLUDE columns and NULLS NOT DISTINCT."""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from auth.privileges import check_owner
from sql import sqlstate
from sql.catalog import Index, Table, replace_table
from sql.constraints import choose_name, column_names_addition
from sql.errors import SqlError
from sql.executor import ddl_util as U
from sql.executor.ddl_util import done, notice
from sql.expr import identifier_name
from sql.index_keys import compile_index_expr
from sql.result import Result


def _check_expr(node: exp.Expression, what: str) -> None:
    for n in node.walk():
        if isinstance(n, (exp.Subquery, exp.Select, exp.Exists)):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"cannot use subquery in {what}")


def _expr_name(node: exp.Expression) -> str:
    """The name part PostgreSQL derives from an index expression (the function name, else "expr")."""
    if isinstance(node, exp.Anonymous):
        return node.name.lower()
    if isinstance(node, exp.Func) and not isinstance(node, exp.Binary):
        return (node.sql_name() or "expr").lower()
    return "expr"


def create_index(session: Any, ast: exp.Create, nulls_not_distinct: bool = False) -> Result:
    notices: list[SqlError] = []
    idx = ast.this
    catalog = session.catalog()
    table = U.planner(session, catalog).resolve_table(idx.args["table"], None)
    if not isinstance(table, Table):
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{table.name}" is not a table')
    check_owner(session.role_memberships(), session.is_superuser, table.owner, "table", table.name)
    params = idx.args.get("params")
    cols: list[int] = []
    exprs: list[str] = []
    names: list[str] = []
    options: list[int] = []
    for o in params.args.get("columns") or []:
        node = o.this if isinstance(o, exp.Ordered) else o
        desc = isinstance(o, exp.Ordered) and bool(o.args.get("desc"))
        nulls_first = isinstance(o, exp.Ordered) and bool(o.args.get("nulls_first"))
        options.append((1 if desc else 0) | (2 if nulls_first else 0))
        if isinstance(node, exp.Paren):
            node = node.this
        if isinstance(node, exp.Column) and not node.args.get("table"):
            cname = identifier_name(node.this)
            p = table.column_positions.get(cname)
            if p is None:
                raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{cname}" does not exist')
            cols.append(p)
            names.append(cname)
            continue
        _check_expr(node, "index expression")
        text = node.sql("postgres")
        compile_index_expr(table, text, catalog, session)  # unknown columns and functions fail now
        cols.append(-1)
        exprs.append(text)
        names.append(_expr_name(node))
    include: list[int] = []
    for inc in params.args.get("include") or []:
        cname = identifier_name(inc.this if isinstance(inc, exp.Column) else inc)
        p = table.column_positions.get(cname)
        if p is None:
            raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{cname}" does not exist')
        include.append(p)
    predicate = ""
    where = params.args.get("where")
    if where is not None:
        _check_expr(where.this, "index predicate")
        predicate = where.this.sql("postgres")
        from sql.constraints import compile_check

        compile_check(session, catalog, table, predicate)
    using = params.args.get("using")
    if using is not None and using.name.lower() not in ("btree", "hash"):
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'access method "{using.name}" does not exist')
    if idx.this is not None:
        iname = U.truncate_name(identifier_name(idx.this), notices)
        if catalog.name_taken(table.schema_oid, iname):
            if ast.args.get("exists"):
                notices.append(notice(f'relation "{iname}" already exists, skipping', sqlstate.DUPLICATE_TABLE))
                return done("CREATE INDEX", notices)
            raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{iname}" already exists')
    else:
        iname = choose_name(table.name, column_names_addition(names), "idx",
                            U.relation_name_taken(catalog, table.schema_oid, set()))
    index = Index(session.db.allocate_oid(), iname, tuple(cols), unique=bool(ast.args.get("unique")),
                  exprs=tuple(exprs), predicate=predicate, nulls_not_distinct=nulls_not_distinct,
                  include=tuple(include), options=tuple(options) if any(options) else ())
    new_table = replace_table(table, indexes=table.indexes + (index,))
    from sql.executor.ddl import build_index

    build_index(session, new_table, index)
    U.write_relation(session, catalog, new_table)
    return done("CREATE INDEX", notices)
