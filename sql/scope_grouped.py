"""Subqueries of a grouped query: what they see of the outer row.

Above an Aggregate node the outer row holds the group values and the aggregate results, not the
FROM row. A subquery planned there gets a :class:`GroupedScope` as its outer scope: an outer
column resolves to its group value, and an ungrouped one is 42803. An aggregate inside the
subquery whose arguments use only the outer query's columns belongs to the outer query
(PostgreSQL's rule): :func:`lift_outer_aggregates` has the outer level compute it and replaces
it with an :class:`OuterAggregate` reference before the subquery is planned.
"""

from __future__ import annotations

from sqlglot import exp

from sql import sqlstate
from sql.errors import SqlError
from sql.expr import _HANDLERS, CExpr, ExprCompiler, identifier_name
from sql.scope import Scope, ScopeColumn


class GroupedScope(Scope):
    """The outer scope a subquery sees from above an Aggregate (see the module docstring)."""

    def __init__(self, inner: Scope, compiler: ExprCompiler) -> None:
        super().__init__(entries=inner.entries, parent=inner.parent, merged=inner.merged,
                         merged_full=inner.merged_full)
        self.inner = inner
        self.compiler = compiler  # the post-aggregation compiler of the outer query
        self.lifted: list[CExpr] = []

    def resolve_local(self, qualifier: str | None, name: str, schema: str | None = None
                      ) -> tuple[int, ScopeColumn] | None:
        hit = self.inner.resolve_local(qualifier, name, schema)
        if hit is None:
            return None
        pos, col = hit
        agg = self.compiler.agg
        assert agg is not None
        for i, ge in enumerate(agg.group_exprs):
            if ge.position is not None and ge.position == pos:
                return i, col
        alias = next((e.alias for e in self.inner.entries if e.offset <= pos < e.offset + len(e.columns)), None)
        shown = f"{alias}.{name}" if alias else name
        raise SqlError(sqlstate.GROUPING_ERROR, f'subquery uses ungrouped column "{shown}" from outer query')


class OuterAggregate(exp.Expression):
    """An aggregate of an enclosing grouped query: lifted value `this` of the GroupedScope `depth`
    levels up."""

    arg_types = {"this": True, "depth": True}


def _compile_outer_aggregate(c: ExprCompiler, node: OuterAggregate) -> CExpr:
    depth = int(node.args["depth"])
    scope: Scope | None = c.scope
    for _ in range(depth):
        scope = scope.parent if scope is not None else None
    assert isinstance(scope, GroupedScope)
    ce = scope.lifted[int(node.this)]
    fn = ce.fn
    return CExpr(lambda row, ctx: fn(ctx.outer[-depth], ctx), ce.type, ce.typmod, name=ce.name)


_HANDLERS[OuterAggregate] = _compile_outer_aggregate


def _grouped_ancestor(scope: Scope) -> bool:
    s = scope.parent
    while s is not None:
        if isinstance(s, GroupedScope):
            return True
        s = s.parent
    return False


def _level_of(col: exp.Column, scope: Scope) -> tuple[int, Scope] | None:
    """How many levels up a column resolves (0: locally), and that scope."""
    name = identifier_name(col.this)
    t = col.args.get("table")
    qual = identifier_name(t) if t is not None else None
    s: Scope | None = scope
    depth = 0
    while s is not None:
        probe = s.inner if isinstance(s, GroupedScope) else s
        try:
            hit = probe.resolve_local(qual, name)
        except SqlError:
            return None
        if hit is not None:
            return depth, s
        s = s.parent
        depth += 1
    return None


def _columns(node: exp.Expression) -> list[exp.Column]:
    out: list[exp.Column] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, (exp.Subquery, exp.Select)):
            continue
        if isinstance(n, exp.Column) and not isinstance(n.this, exp.Star):
            out.append(n)
            continue
        stack.extend(n.iter_expressions())
    return out


def lift_outer_aggregates(select: exp.Select, scope: Scope) -> exp.Select:
    """Replace the aggregates of `select` that belong to an enclosing grouped query (see module)."""
    if not _grouped_ancestor(scope):
        return select
    found: list[tuple[exp.Expression, int, GroupedScope]] = []

    def visit(n: exp.Expression) -> None:
        if isinstance(n, (exp.Subquery, exp.Select)) and n is not select:
            return
        if ExprCompiler._is_aggregate(n) and not isinstance(n.parent, (exp.Filter, exp.WithinGroup)):
            cols = _columns(n)
            levels = [_level_of(c, scope) for c in cols]
            if cols and all(lv is not None for lv in levels):
                depth = min(lv[0] for lv in levels if lv is not None)
                target = next(lv[1] for lv in levels if lv is not None and lv[0] == depth)
                if depth > 0 and isinstance(target, GroupedScope):
                    found.append((n, depth, target))
                    return
        for child in n.iter_expressions():
            if child is not select.args.get("from_") and not isinstance(child, exp.Join):
                visit(child)

    for key in ("expressions", "where", "having", "order"):
        value = select.args.get(key)
        for item in value if isinstance(value, list) else [value] if value is not None else []:
            visit(item)
    if not found:
        return select
    copy = select.copy()
    originals = list(select.walk())
    copies = list(copy.walk())
    for node, depth, target in found:
        target.lifted.append(target.compiler.compile(node))
        index = next(i for i, o in enumerate(originals) if o is node)
        copies[index].replace(OuterAggregate(this=len(target.lifted) - 1, depth=depth))
    return copy

