"""Whole-row references (``SELECT row_to_json(t) FROM t``, ``json_agg(r)``): a FROM item's name
used as a value. The value is a :class:`NamedRow` (a tuple that remembers its column names and
types, so the JSON functions can name the fields); a function in FROM returning a plain value
(``FROM jsonb_array_elements_text(...) e``) yields that value itself, as in PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sql import typesys as T
from sql.expr import CExpr, ExprCompiler, column_reader
from sql.rowvalue import NamedRow
from sql.scope import RangeEntry, Scope


def _find(scope: Scope | None, name: str) -> tuple[RangeEntry, int] | None:
    depth = 0
    while scope is not None:
        entry = scope.find_entry(name)
        if entry is not None:
            return entry, depth
        scope = scope.parent
        depth += 1
    return None


def whole_row(c: ExprCompiler, name: str) -> CExpr | None:
    hit = _find(c.scope, name)
    if hit is None:
        return None
    entry, depth = hit
    cols = [(entry.offset + i, col) for i, col in enumerate(entry.columns) if not col.hidden]
    positions = [p for p, _col in cols]
    if getattr(entry, "scalar", False) and len(positions) == 1:
        p, col = cols[0]
        if depth == 0:
            return CExpr(lambda row, ctx: row[p], col.type, col.typmod, name=name)
        return CExpr(lambda row, ctx: ctx.outer[-depth][p], col.type, col.typmod, name=name)
    names = tuple(col.name for _p, col in cols)
    types = tuple(col.type for _p, col in cols)
    if any(col.compute is not None for _p, col in cols):  # deferred columns (sql.plan_late_columns)
        readers = [column_reader(p, col, depth).fn for p, col in cols]
        return CExpr(lambda row, ctx: NamedRow([f(row, ctx) for f in readers], names, types), T.RECORD, name=name)

    def run(row: Any, ctx: Any) -> NamedRow:
        src = row if depth == 0 else ctx.outer[-depth]
        return NamedRow([src[p] for p in positions], names, types)

    return CExpr(run, T.RECORD, name=name)
