"""Generated columns (``GENERATED ALWAYS AS (expr) STORED``) and the checks PostgreSQL makes on
column defaults and generation expressions at CREATE TABLE.

A generated column keeps its expression as the column's ``default`` text with
``generated='s'``; INSERT and UPDATE compute it from the new row after the other columns are set.
"""

from __future__ import annotations

from typing import Any

import sqlglot
from sqlglot import exp

from sql import sqlstate
from sql.catalog import Table
from sql.dialect import PgDialect
from sql.errors import SqlError
from sql.expr import CExpr, CompileEnv, ExprCompiler, identifier_name

# functions that are not immutable (volatile or stable) although they take arguments or none
_NOT_IMMUTABLE = {"random", "now", "clock_timestamp", "statement_timestamp", "transaction_timestamp",
                  "timeofday", "nextval", "currval", "lastval", "setval", "gen_random_uuid", "uuid_generate_v4",
                  "txid_current", "pg_backend_pid", "current_setting", "to_char", "age", "current_schema",
                  "current_database", "inet_client_addr", "version", "pg_sleep", "setseed"}
_NOT_IMMUTABLE_NODES = (exp.CurrentTimestamp, exp.CurrentDate, exp.CurrentTime, exp.CurrentUser, exp.Localtimestamp)


def _func_name(node: exp.Expression) -> str | None:
    if isinstance(node, exp.Anonymous):
        return node.name.lower()
    if isinstance(node, exp.Func):
        return (node.sql_name() or "").lower()
    return None


def check_default_expression(node: exp.Expression) -> None:
    """A column default may not reference columns or contain subqueries (0A000)."""
    for n in node.walk():
        if isinstance(n, (exp.Subquery, exp.Select, exp.Exists)):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "cannot use subquery in DEFAULT expression")
        if isinstance(n, exp.Column) and not isinstance(n.this, exp.Star):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "cannot use column reference in default expression")


def validate_generated(session: Any, table: Table, pos: int) -> None:
    col = table.columns[pos]
    assert col.default is not None
    node = sqlglot.parse_one(col.default, read=PgDialect)
    for n in node.walk():
        if isinstance(n, (exp.Subquery, exp.Select, exp.Exists)):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "cannot use subquery in column generation expression")
        if isinstance(n, exp.Column) and not isinstance(n.this, exp.Star):
            name = identifier_name(n.this)
            p = table.column_positions.get(name)
            if p is not None and table.columns[p].generated:
                raise SqlError(sqlstate.INVALID_OBJECT_DEFINITION,
                               f'cannot use generated column "{name}" in column generation expression',
                               detail="A generated column cannot reference another generated column.")
        if isinstance(n, _NOT_IMMUTABLE_NODES) or _func_name(n) in _NOT_IMMUTABLE:
            raise SqlError(sqlstate.INVALID_OBJECT_DEFINITION, "generation expression is not immutable")
    compile_generated(session, session.catalog(), table, pos)


def compile_generated(session: Any, catalog: Any, table: Table, pos: int) -> CExpr:
    from sql.constraints import table_scope

    col = table.columns[pos]
    assert col.default is not None
    node = sqlglot.parse_one(col.default, read=PgDialect)
    c = ExprCompiler(CompileEnv(session, catalog, []), table_scope(table))
    c._what = f'column "{col.name}"'
    return c.coerce(c.compile(node), col.type_oid, col.typmod, "assignment")


def generated_columns(session: Any, catalog: Any, table: Table) -> tuple[tuple[int, Any], ...]:
    """(position, fn(row, ctx)) of the table's generated columns, compiled once per catalog snapshot."""
    if not any(c.generated for c in table.columns):
        return ()
    key = ("generated", table.oid, id(table))
    hit = catalog.cache.get(key)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    out = tuple((i, compile_generated(session, catalog, table, i).fn)
                for i, c in enumerate(table.columns) if c.generated)
    catalog.cache[key] = out
    return out


def apply_generated(gens: tuple[tuple[int, Any], ...], row: list[Any], ctx: Any) -> None:
    if gens:
        current = tuple(row)
        for p, fn in gens:
            row[p] = fn(current, ctx)


def insert_error(name: str) -> SqlError:
    return SqlError(sqlstate.GENERATED_ALWAYS, f'cannot insert a non-DEFAULT value into column "{name}"',
                    detail=f'Column "{name}" is a generated column.')


def update_error(name: str) -> SqlError:
    return SqlError(sqlstate.GENERATED_ALWAYS, f'column "{name}" can only be updated to DEFAULT',
                    detail=f'Column "{name}" is a generated column.')
