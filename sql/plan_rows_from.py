"""Planning ROWS FROM (f(...), g(...)) [WITH ORDINALITY] in FROM.

The parser front rewrites ``ROWS FROM (`` into a call of :data:`ROWS_FROM_NAME`, so sqlglot sees
an ordinary table function; here each argument is planned as its own set-returning function.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.executor.rows_from import RowsFromScan
from sql.executor.srf import FunctionScan
from sql.expr import ExprCompiler
from sql.scope import RangeEntry, Scope, ScopeColumn

ROWS_FROM_NAME = "pg_rows_from__"


def is_rows_from(node: exp.Expression) -> bool:
    return isinstance(node, exp.Table) and isinstance(node.this, exp.Anonymous) and \
        node.this.name.lower() == ROWS_FROM_NAME


def plan_rows_from(planner: Any, node: exp.Table, scope: Scope, alias: str | None) -> tuple[Any, RangeEntry, bool]:
    from sql.plan_from import is_srf_node, srf_parts

    fscope = Scope(parent=scope if scope.entries else scope.parent)
    compiler = ExprCompiler(planner.env, fscope)
    scans = []
    widths = []
    cols: list[ScopeColumn] = []
    for func in node.this.expressions:
        if not is_srf_node(func):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "only set-returning functions are supported in ROWS FROM")
        srf, args, out = planner.compile_srf(func, compiler)
        name, _ = srf_parts(func)
        scols = [ScopeColumn(n, t) for n, t in out]
        if len(scols) == 1 and scols[0].name in (name, "?column?", ""):
            scols = [ScopeColumn(name, scols[0].type)]
        scans.append(FunctionScan(srf, args, False, len(scols)))
        widths.append(len(scols))
        cols.extend(scols)
    ordinality = bool(node.args.get("ordinality"))
    if ordinality:
        cols.append(ScopeColumn("ordinality", T.INT8))
    plan = RowsFromScan(tuple(scans), tuple(widths), ordinality)
    return plan, RangeEntry(alias or ROWS_FROM_NAME, cols), bool(scope.entries)
