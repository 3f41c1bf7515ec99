"""Late computation of expensive columns of a subquery in FROM.

``FROM (SELECT t.oid, (SELECT ... WHERE c.reltype = t.oid) AS attrs FROM pg_type t) ti WHERE ...``:
PostgreSQL pulls such a subquery up into the outer query, so the scalar subqueries of its select
list run only for the rows the outer query keeps. Here the subquery's Project leaves those columns
empty and passes its input row along in a hidden column; the outer query computes a deferred
column from that row where it reads it (see ``ScopeColumn.compute``).

Only uncorrelated subqueries qualify (their expressions then read nothing but their own input row,
so they give the same value wherever they are evaluated), and only select-list items that contain
a subquery and no volatile function.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlglot import exp

from sql import typesys as T
from sql.executor.project import Project
from sql.expr import CExpr, const
from sql.scope import ScopeColumn


def _pass_row(row: Any, ctx: Any) -> Any:
    return row


def defer_expensive_columns(query: exp.Expression, planned: Any, columns: list[ScopeColumn],
                            is_stable: Any) -> tuple[Any, list[ScopeColumn]]:
    """``planned`` (a PlannedQuery) and its columns, with expensive columns deferred if possible.

    ``is_stable(node)`` tells whether an expression calls no volatile function."""
    root = planned.root
    if type(root) is not Project or not isinstance(query, exp.Select):
        return planned, columns
    items = query.expressions
    if len(items) != len(columns) or len(root.exprs) != len(columns) or any(
            isinstance(i, exp.Star) or (isinstance(i, exp.Column) and isinstance(i.this, exp.Star)) for i in items):
        return planned, columns
    deferred = [i for i, item in enumerate(items)
                if item.find(exp.Subquery, exp.Exists, exp.Select) is not None and is_stable(item)]
    if not deferred:
        return planned, columns
    source = len(columns)  # the hidden column holding the input row
    exprs: list[CExpr] = list(root.exprs)
    out = list(columns)
    for i in deferred:
        e = exprs[i]
        exprs[i] = const(None, e.type, e.typmod, e.name)
        out[i] = replace(columns[i], compute=e.fn, source_delta=source - i)
    exprs.append(CExpr(_pass_row, T.RECORD, name="?source?"))
    out.append(ScopeColumn("?source?", T.RECORD, hidden=True))
    return replace(planned, root=Project(root.child, tuple(exprs)), columns=out), out
