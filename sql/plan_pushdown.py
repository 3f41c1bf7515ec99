"""WHERE conjuncts that read one FROM item only are applied right at that item's scan.

``FROM pg_attribute a JOIN pg_class c ON a.attrelid = c.oid WHERE c.reltype = $1`` then joins
one pg_class row instead of filtering the whole join result, which matters most for correlated
subqueries (run once per outer row). Only items on a preserved side of their joins qualify:
a condition on the nullable side of an outer join must see the NULL-extended rows.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlglot import exp

from sql import typesys as T
from sql.errors import SqlError
from sql.executor.filter import Filter, StableFilter, StableKeyLookup
from sql.executor.join import HashJoin, NestedLoopJoin
from sql.executor.srf import LateralJoin
from sql.expr import ExprCompiler, identifier_name
from sql.scope import RangeEntry, Scope

_BLOCKING = (exp.Subquery, exp.Select, exp.Exists, exp.Window, exp.AggFunc, exp.Star)



def push_down(plan: Any, bases: list[tuple[RangeEntry, Any]], where: list[exp.Expression], scope: Scope,
              env: Any, is_srf: Any) -> tuple[Any, list[exp.Expression]]:
    """``plan`` with single-item conjuncts of ``where`` moved onto the items' scans; the rest of ``where``."""
    if len(bases) < 2 or not where:
        return plan, where
    pushed: dict[int, list[exp.Expression]] = {}
    kept: list[exp.Expression] = []
    correlated: list[exp.Expression] = []
    for cond in where:
        k = None if ExprCompiler._contains_aggregate(cond) else _only_item(cond, bases, scope, is_srf)
        if k is not None and k < 0:  # also reads the outer query
            k = -k - 1
            correlated.append(cond)
        if k is None:
            kept.append(cond)
        else:
            pushed.setdefault(k, []).append(cond)
    for k, conds in pushed.items():
        entry, base = bases[k]
        local = Scope([RangeEntry(entry.alias, entry.columns)], parent=scope.parent)
        stable = [c for c in conds if _row_only(c) and not any(c is o for o in correlated)] \
            if hasattr(base, "stable_rows") else []
        rest = [c for c in conds if not any(c is s for s in stable)]
        try:
            filtered = base
            if stable:
                filtered = StableFilter(filtered, ExprCompiler(env, local).compile_bool(_and_all(stable), "WHERE"))
            if hasattr(base, "stable_rows"):
                filtered, rest = _key_lookup(filtered, rest, correlated, scope, local, env)
            if rest:
                filtered = Filter(filtered, ExprCompiler(env, local).compile_bool(_and_all(rest), "WHERE"))
        except SqlError:
            kept.extend(conds)
            continue
        new_plan = _replace(plan, base, filtered)
        if new_plan is None:
            kept.extend(conds)
        else:
            plan = new_plan
    return plan, kept


# types whose equality is Python equality of their stored values (no collation, padding or scale)
_PLAIN_EQ = {
    T.OID: 0, T.INT2: 0, T.INT4: 0, T.INT8: 0, T.REGCLASS: 0, T.REGTYPE: 0, T.REGPROC: 0, T.REGNAMESPACE: 0,
    T.NAME: 1, T.TEXT: 1, T.VARCHAR: 1, T.CHAR: 1, T.BOOL: 2,
}


def _key_lookup(filtered: Any, conds: list[exp.Expression], correlated: list[exp.Expression], scope: Scope,
                local: Scope, env: Any) -> tuple[Any, list[exp.Expression]]:
    """A correlated ``column = outer expression`` conjunct over a cached catalog list becomes a hash
    lookup (:class:`StableKeyLookup`); the other conjuncts are returned for a Filter."""
    for cond in conds:
        if not isinstance(cond, exp.EQ) or not any(cond is c for c in correlated):
            continue
        for col, other in ((cond.this, cond.expression), (cond.expression, cond.this)):
            if not isinstance(col, exp.Column) or not _row_only(other) or not _outer_only(other, scope):
                continue
            try:
                compiler = ExprCompiler(env, local)
                key, probe = compiler.compile(col), compiler.compile(other)
            except SqlError:
                continue
            group = _PLAIN_EQ.get(key.type)
            if key.position is None or group is None or _PLAIN_EQ.get(probe.type) != group:
                continue
            return StableKeyLookup(filtered, key.position, probe), [c for c in conds if c is not cond]
    return filtered, conds


def _outer_only(node: exp.Expression, scope: Scope) -> bool:
    """Whether every column ``node`` reads belongs to an enclosing query."""
    for col in node.find_all(exp.Column):
        table = col.args.get("table")
        try:
            if scope.resolve_local(identifier_name(table) if table is not None else None,
                                   identifier_name(col.this)) is not None:
                return False
        except SqlError:
            return False
    return True


def _and_all(conds: list[exp.Expression]) -> exp.Expression:
    pred = conds[0]
    for c in conds[1:]:
        pred = exp.And(this=pred, expression=c)
    return pred


# what a predicate kept with a cached catalog list may contain: row columns, constants, comparisons
_ROW_ONLY = (exp.Column, exp.Identifier, exp.Literal, exp.Boolean, exp.Null, exp.Not, exp.And, exp.Or, exp.Paren,
             exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.Is, exp.In, exp.Tuple, exp.Parameter,
             exp.Placeholder, exp.Var)


def _row_only(cond: exp.Expression) -> bool:
    return all(isinstance(n, _ROW_ONLY) for n in cond.walk())


def _only_item(cond: exp.Expression, bases: list[tuple[RangeEntry, Any]], scope: Scope, is_srf: Any) -> int | None:
    """The index of the one FROM item ``cond`` reads (``-index - 1`` if it also reads the outer query), or None."""
    found: int | None = None
    outer = False
    for node in cond.walk():
        if isinstance(node, _BLOCKING) or is_srf(node):
            return None
        if not isinstance(node, exp.Column):
            continue
        if node.args.get("db") or isinstance(node.this, exp.Star):
            return None
        name = identifier_name(node.this)
        table = node.args.get("table")
        qual = identifier_name(table) if table is not None else None
        if qual is None and (name in scope.merged or name in scope.merged_full):
            return None
        if qual is not None and qual in scope.join_aliases:
            return None
        try:
            hit = scope.resolve_local(qual, name)
        except SqlError:
            return None
        if hit is None:
            outer = True
            continue
        k = next((i for i, (e, _p) in enumerate(bases) if e.offset <= hit[0] < e.offset + len(e.columns)), None)
        if k is None or (found is not None and k != found):
            return None
        found = k
    return -found - 1 if outer and found is not None else found


def _replace(plan: Any, target: Any, new: Any) -> Any:
    if plan is target:
        return new
    if isinstance(plan, (HashJoin, NestedLoopJoin)):
        if plan.kind in ("inner", "cross", "left"):
            left = _replace(plan.left, target, new)
            if left is not None:
                return replace(plan, left=left)
        if plan.kind in ("inner", "cross", "right"):
            right = _replace(plan.right, target, new)
            if right is not None:
                return replace(plan, right=right)
    elif isinstance(plan, LateralJoin):
        left = _replace(plan.left, target, new)
        if left is not None:
            return replace(plan, left=left)
    return None
