"""The planner: bound sqlglot trees to trees of executor nodes.

``Planner.plan_query`` handles SELECT (FROM with joins, WHERE, GROUP BY/HAVING, DISTINCT,
ORDER BY, LIMIT/OFFSET, set operations); ``plan_insert/plan_update/plan_delete`` handle DML.
Access paths: primary-key point lookup and range scan, secondary-index lookup and range, full
scan; equi-joins become hash joins. Required privileges are collected into the CompileEnv
while planning; the session checks them before every execution.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.catalog import Table
from sql.errors import SqlError
from sql.executor.aggregate import Aggregate
from sql.executor.filter import Filter
from sql.executor.join import HashJoin, NestedLoopJoin, SubqueryScan
from sql.executor.limit import Distinct, Limit
from sql.executor.project import Project, Truncate
from sql.executor.scan import OneRow, TableAccess, ValuesScan
from sql.executor.setops import SetOp
from sql.executor.sort import Sort, SortKey
from sql.expr import AggContext, CExpr, CompileEnv, ExprCompiler, _flatten, const, identifier_name
from sql.scope import RangeEntry, Scope, ScopeColumn


@dataclass
class PlannedQuery:
    root: Any
    columns: list[ScopeColumn]

    def rows(self, ctx: Any) -> Any:
        return self.root.rows(ctx)


def _is_row_independent(node: exp.Expression) -> bool:
    for n in node.walk():
        if isinstance(n, (exp.Column, exp.Subquery, exp.Select, exp.Star)):
            return False
    return True


def _split_conjuncts(node: exp.Expression | None) -> list[exp.Expression]:
    if node is None:
        return []
    while isinstance(node, exp.Paren):
        node = node.this
    return _flatten(node, exp.And)


def _and_all(nodes: list[exp.Expression]) -> exp.Expression | None:
    if not nodes:
        return None
    out = nodes[0]
    for n in nodes[1:]:
        out = exp.And(this=out, expression=n)
    return out


_FLIP = {exp.GT: exp.LT, exp.LT: exp.GT, exp.GTE: exp.LTE, exp.LTE: exp.GTE, exp.EQ: exp.EQ}


class Planner:
    def __init__(self, env: CompileEnv) -> None:
        self.env = env
        env.planner = self._plan_subquery

    # names --------------------------------------------------------------------------------
    def resolve_table(self, node: exp.Table, privilege: str | None = "r") -> Any:
        name = identifier_name(node.this)
        schema = identifier_name(node.args["db"]) if node.args.get("db") else None
        if node.args.get("catalog") is not None:
            db = identifier_name(node.args["catalog"])
            if db != self.env.session.database_name:
                raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                               f"cross-database references are not implemented: {node.sql('postgres')}")
        rel = self.env.session.lookup_relation(schema, name, self.env.catalog)
        if rel is None:
            shown = f"{schema}.{name}" if schema else name
            raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{shown}" does not exist')
        if privilege:
            self.env.privileges.append((rel, privilege))
        return rel

    # FROM ----------------------------------------------------------------------------------
    def _from_item(self, node: exp.Expression, scope: Scope) -> tuple[Any, RangeEntry]:
        alias_node = node.args.get("alias")
        alias = identifier_name(alias_node.this) if alias_node is not None and alias_node.this else None
        col_aliases = [identifier_name(c) for c in alias_node.args.get("columns") or []] if alias_node else []
        if isinstance(node, exp.Table):
            if isinstance(node.this, exp.Anonymous) or isinstance(node.this, exp.Func):
                raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "set-returning functions in FROM are not supported yet")
            rel = self.resolve_table(node)
            cols = [ScopeColumn(c.name, c.type_oid, c.typmod, rel.oid, c.attnum) for c in rel.columns]
            plan: Any = rel.scan_plan() if hasattr(rel, "scan_plan") else TableAccess(rel)
            entry = RangeEntry(alias or rel.name, cols, relation=rel if isinstance(rel, Table) else None,
                               schema_name=None if alias else self.env.session.schema_name(rel, self.env.catalog))
        elif isinstance(node, exp.Subquery):
            sub = self.plan_query(node.this, scope.parent)
            cols = [ScopeColumn(c.name, c.type, c.typmod) for c in sub.columns]
            plan = SubqueryScan(sub)
            if alias is None:
                alias = "unnamed_subquery"
            entry = RangeEntry(alias, cols)
        elif isinstance(node, exp.Values):
            sub = self._plan_values(node)
            cols = [ScopeColumn(c.name, c.type, c.typmod) for c in sub.columns]
            plan = SubqueryScan(sub)
            entry = RangeEntry(alias or "*VALUES*", cols)
        else:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"FROM item not supported: {node.sql('postgres')[:60]}")
        if col_aliases:
            if len(col_aliases) > len(entry.columns):
                raise SqlError(sqlstate.INVALID_COLUMN_REFERENCE,
                               f'table "{entry.alias}" has {len(entry.columns)} columns available but '
                               f"{len(col_aliases)} columns specified")
            entry.columns = [ScopeColumn(col_aliases[i], c.type, c.typmod, c.table_oid, c.attnum)
                             if i < len(col_aliases) else c for i, c in enumerate(entry.columns)]
        return plan, entry

    def _access_path(self, plan: Any, entry: RangeEntry, conjuncts: list[exp.Expression]) -> Any:
        """Pick a primary-key or index path for a single base table from WHERE conjuncts."""
        if not isinstance(plan, TableAccess):
            return plan
        table: Table = plan.table
        local = Scope([entry])
        eq: dict[int, CExpr] = {}
        lower: dict[int, tuple[CExpr, bool]] = {}
        upper: dict[int, tuple[CExpr, bool]] = {}
        const_compiler = ExprCompiler(self.env, Scope())
        for c in conjuncts:
            cls = type(c)
            if cls not in _FLIP:
                continue
            left, right = c.this, c.expression
            if isinstance(right, exp.Column) and not isinstance(left, exp.Column):
                left, right = right, left
                cls = _FLIP[cls]
            if not isinstance(left, exp.Column) or not _is_row_independent(right):
                continue
            try:
                hit = local.resolve_local(_qual(left), identifier_name(left.this))
            except SqlError:
                continue
            if hit is None:
                continue
            pos, col = hit
            if col.type in (T.BPCHAR, T.FLOAT4, T.FLOAT8) or T.is_array(col.type) or col.type == T.INTERVAL:
                continue
            try:
                value = const_compiler.compile(right)
                if value.type != col.type and value.type != T.UNKNOWN and value.param is None \
                        and not (value.type in T.INT_TYPES and col.type in T.INT_TYPES):
                    continue
                value = const_compiler.coerce(value, col.type)
            except SqlError:
                continue
            if cls is exp.EQ:
                eq[pos] = value
            elif cls in (exp.GT, exp.GTE):
                lower[pos] = (value, cls is exp.GTE)
            else:
                upper[pos] = (value, cls is exp.LTE)
        if not eq and not lower and not upper:
            return plan
        encoders = table.codec.encode_fns
        pk = table.primary_key
        if pk is not None and all(p in eq for p in pk.columns):
            return TableAccess(table, "pk_eq", eq=tuple(eq[p] for p in pk.columns),
                               key_encoders=tuple(encoders[p] for p in pk.columns))
        indexes = sorted((ix for ix in table.indexes if not ix.primary), key=lambda ix: not ix.unique)
        layouts = {ix.index_id: ix for ix in table.layout.indexes}
        for ix in indexes:
            if all(p in eq for p in ix.columns):
                return TableAccess(table, "index_eq", eq=tuple(eq[p] for p in ix.columns), index=layouts[ix.oid],
                                   key_encoders=tuple(encoders[p] for p in ix.columns))
        candidates = ([pk] if pk is not None else []) + indexes
        for ix in candidates:
            first = ix.columns[0]
            if first in lower or first in upper or first in eq:
                kind = "pk_range" if ix.primary else "index_range"
                lo = (eq[first], True) if first in eq else lower.get(first)
                hi = (eq[first], True) if first in eq else upper.get(first)
                return TableAccess(table, kind, lower=(lo[0],) if lo else (), upper=(hi[0],) if hi else (),
                                   lower_inclusive=lo[1] if lo else True, upper_inclusive=hi[1] if hi else True,
                                   index=None if ix.primary else layouts[ix.oid],
                                   key_encoders=(encoders[first],))
        return plan

    def _plan_from(self, select: exp.Select, scope: Scope, where: list[exp.Expression]
                   ) -> tuple[Any, list[exp.Expression]]:
        from_ = select.args.get("from_") or select.args.get("from")
        joins = select.args.get("joins") or []
        if from_ is None:
            return OneRow(), where
        plan, entry = self._from_item(from_.this, scope)
        if not joins:
            scope.add(entry)
            plan = self._access_path(plan, entry, where)
            return plan, where
        scope.add(entry)
        for j in joins:
            right_plan, right_entry = self._from_item(j.this, scope)
            kind = (j.args.get("side") or "").lower() or (j.args.get("kind") or "").lower() or "inner"
            if kind in ("outer",):
                kind = "full"
            if kind == "cross":
                kind = "cross"
            left_width = scope.width
            right_scope = Scope([RangeEntry(right_entry.alias, right_entry.columns)], parent=scope.parent)
            scope.add(right_entry)
            on = j.args.get("on")
            using = j.args.get("using")
            if using:
                on = self._using_condition(scope, left_width, right_entry, [identifier_name(u) for u in using])
            if on is None:
                if kind in ("left", "right", "full"):
                    raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error at or near \"JOIN\"")
                plan = NestedLoopJoin(plan, right_plan, None, "inner", left_width, len(right_entry.columns))
                continue
            if kind == "inner":
                right_plan = self._access_path(right_plan, right_entry, [])
            plan = self._join(plan, right_plan, on, kind, scope, right_scope, left_width, len(right_entry.columns))
        return plan, where

    def _using_condition(self, scope: Scope, left_width: int, right_entry: RangeEntry, names: list[str]
                         ) -> exp.Expression:
        conds = []
        for name in names:
            lpos = None
            for e in scope.entries[:-1]:
                for i, c in enumerate(e.columns):
                    if c.name == name:
                        lpos = e.offset + i
            rpos = next((i for i, c in enumerate(right_entry.columns) if c.name == name), None)
            if lpos is None or rpos is None:
                raise SqlError(sqlstate.UNDEFINED_COLUMN,
                               f'column "{name}" specified in USING clause does not exist in '
                               f'{"left" if lpos is None else "right"} table')
            scope.merged[name] = lpos
            conds.append(exp.EQ(this=exp.column(name, table=_pos_alias(scope, lpos)),
                                expression=exp.column(name, table=right_entry.alias)))
        return _and_all(conds)  # type: ignore[return-value]

    def _join(self, left: Any, right: Any, on: exp.Expression, kind: str, scope: Scope, right_scope: Scope,
              left_width: int, right_width: int) -> Any:
        compiler = ExprCompiler(self.env, scope)
        left_scope = Scope(scope.entries[:-1], parent=scope.parent)
        lkeys: list[CExpr] = []
        rkeys: list[CExpr] = []
        residual: list[exp.Expression] = []
        for c in _split_conjuncts(on):
            if isinstance(c, exp.EQ):
                pair = self._equi_pair(c, left_scope, right_scope)
                if pair is not None:
                    lkeys.append(pair[0])
                    rkeys.append(pair[1])
                    continue
            residual.append(c)
        res = compiler.compile_bool(_and_all(residual), "JOIN") if residual else None
        if lkeys:
            return HashJoin(left, right, tuple(lkeys), tuple(rkeys), res, kind, left_width, right_width)
        cond = compiler.compile_bool(on, "JOIN/ON")
        return NestedLoopJoin(left, right, cond, kind, left_width, right_width)

    def _equi_pair(self, c: exp.EQ, left_scope: Scope, right_scope: Scope) -> tuple[CExpr, CExpr] | None:
        for a, b in ((c.this, c.expression), (c.expression, c.this)):
            if _refs_only(a, left_scope) and _refs_only(b, right_scope):
                try:
                    lc = ExprCompiler(self.env, left_scope).compile(a)
                    rc = ExprCompiler(self.env, right_scope).compile(b)
                    t = T.common_type([lc.type, rc.type], "JOIN")
                    lcc = ExprCompiler(self.env, left_scope).coerce(lc, t)
                    rcc = ExprCompiler(self.env, right_scope).coerce(rc, t)
                except SqlError:
                    return None
                if t in (T.FLOAT4, T.FLOAT8, T.BPCHAR):
                    return None
                return lcc, rcc
        return None

    # SELECT ---------------------------------------------------------------------------------
    def _plan_subquery(self, node: exp.Expression, outer: Scope) -> tuple[PlannedQuery, list[ScopeColumn]]:
        q = self.plan_query(node, outer)
        return q, q.columns

    def plan_query(self, node: exp.Expression, outer: Scope | None = None) -> PlannedQuery:
        if isinstance(node, exp.Subquery):
            return self.plan_query(node.this, outer)
        if isinstance(node, (exp.Union, exp.Intersect, exp.Except)):
            return self._plan_setop(node, outer)
        if isinstance(node, exp.Values):
            return self._plan_values(node)
        if not isinstance(node, exp.Select):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"query not supported: {node.sql('postgres')[:60]}")
        if node.args.get("with_") or node.args.get("with"):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "WITH queries are not supported yet")
        scope = Scope(parent=outer)
        where_nodes = _split_conjuncts(node.args["where"].this) if node.args.get("where") else []
        plan, where_nodes = self._plan_from(node, scope, where_nodes)
        compiler = ExprCompiler(self.env, scope)
        if where_nodes:
            for w in where_nodes:
                if ExprCompiler._contains_aggregate(w):
                    raise SqlError(sqlstate.GROUPING_ERROR, "aggregate functions are not allowed in WHERE")
            plan = Filter(plan, compiler.compile_bool(_and_all(where_nodes), "WHERE"))

        items = self._expand_stars(node.expressions, scope)
        group = node.args.get("group")
        having = node.args.get("having")
        order = node.args.get("order")
        order_items = list(order.expressions) if order is not None else []
        is_agg = bool(group) or having is not None or any(
            ExprCompiler._contains_aggregate(i) for i in items) or any(
            ExprCompiler._contains_aggregate(o.this) for o in order_items)
        if node.args.get("windows") or any(isinstance(n, exp.Window) for i in items for n in i.walk()):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "window functions are not supported yet")
        post = compiler
        if is_agg:
            group_nodes = self._group_nodes(group, items, scope) if group else []
            group_exprs = [compiler.compile(g) for g in group_nodes]
            actx = AggContext(group_nodes, group_exprs, compiler)
            post = ExprCompiler(self.env, scope, agg=actx)
            out_exprs = [post.compile(i) for i in items]
            having_expr = post.compile_bool(having.this, "HAVING") if having is not None else None
            sort_exprs, sort_keys = self._order_exprs(order_items, items, out_exprs, post)
            plan = Aggregate(plan, tuple(group_exprs), tuple(actx.aggs))
            if having_expr is not None:
                plan = Filter(plan, having_expr)
        else:
            out_exprs = [compiler.compile(i) for i in items]
            sort_exprs, sort_keys = self._order_exprs(order_items, items, out_exprs, compiler)
        out_exprs = [self._finalize_output(e) for e in out_exprs]
        width = len(out_exprs)
        distinct = node.args.get("distinct")
        if distinct is not None and distinct.args.get("on"):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "DISTINCT ON is not supported yet")
        if distinct is not None and sort_exprs:
            raise SqlError(sqlstate.INVALID_COLUMN_REFERENCE,
                           "for SELECT DISTINCT, ORDER BY expressions must appear in select list")
        plan = Project(plan, tuple(out_exprs + sort_exprs))
        if distinct is not None:
            plan = Distinct(plan)
        if sort_keys:
            plan = Sort(plan, tuple(sort_keys))
        plan = self._limit(node, plan)
        if sort_exprs:
            plan = Truncate(plan, width)
        columns = [ScopeColumn(e.name, e.type, e.typmod, e.column[0], e.column[1]) for e in out_exprs]
        return PlannedQuery(plan, columns)

    def _finalize_output(self, e: CExpr) -> CExpr:
        if e.type == T.UNKNOWN or (e.param is not None and self.env.param_type(e.param) == 0):
            c = ExprCompiler(self.env, Scope()).coerce(e, T.TEXT)
            c.name = e.name
            return c
        return e

    def _limit(self, node: exp.Select, plan: Any) -> Any:
        limit = node.args.get("limit")
        offset = node.args.get("offset")
        if limit is None and offset is None:
            return plan
        c = ExprCompiler(self.env, Scope())
        count = None
        if limit is not None:
            lnode = limit.args.get("expression") if isinstance(limit, exp.Limit) else limit.args.get("count")
            if isinstance(limit, exp.Fetch) and lnode is None:
                count = const(1, T.INT8)
            elif lnode is not None and not (isinstance(lnode, exp.Var) and lnode.name.upper() == "ALL") \
                    and not isinstance(lnode, exp.Null):
                count = c.coerce(c.compile(lnode), T.INT8)
        off = None
        if offset is not None:
            off = c.coerce(c.compile(offset.args.get("expression")), T.INT8)
        return Limit(plan, count, off)

    def _expand_stars(self, items: list[exp.Expression], scope: Scope) -> list[exp.Expression]:
        out: list[exp.Expression] = []
        for item in items:
            if isinstance(item, exp.Star) or (isinstance(item, exp.Column) and isinstance(item.this, exp.Star)):
                qual = _qual(item) if isinstance(item, exp.Column) else None
                entries = scope.entries if qual is None else [scope.find_entry(qual)]
                if qual is not None and entries[0] is None:
                    raise SqlError(sqlstate.UNDEFINED_TABLE, f'missing FROM-clause entry for table "{qual}"')
                if not scope.entries and qual is None:
                    raise SqlError(sqlstate.SYNTAX_ERROR, "SELECT * with no tables specified is not valid")
                merged_done: set[str] = set()
                for e in entries:
                    assert e is not None
                    for c in e.columns:
                        if c.hidden:
                            continue
                        if qual is None and c.name in scope.merged:
                            if c.name in merged_done:
                                continue
                            merged_done.add(c.name)
                            out.append(exp.column(c.name))
                            continue
                        out.append(exp.column(exp.to_identifier(c.name, quoted=True),
                                              table=exp.to_identifier(e.alias, quoted=True)))
            else:
                out.append(item)
        return out

    def _group_nodes(self, group: exp.Group, items: list[exp.Expression], scope: Scope) -> list[exp.Expression]:
        nodes = []
        if group.args.get("rollup") or group.args.get("cube") or group.args.get("grouping_sets"):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "GROUPING SETS/ROLLUP/CUBE are not supported yet")
        for g in group.expressions:
            nodes.append(self._output_ref(g, items, scope) or g)
        return nodes

    def _output_ref(self, g: exp.Expression, items: list[exp.Expression], scope: Scope | None
                    ) -> exp.Expression | None:
        """GROUP BY / ORDER BY item naming an output column by position or alias."""
        if isinstance(g, exp.Literal) and not g.is_string:
            n = int(g.this)
            if n < 1 or n > len(items):
                raise SqlError(sqlstate.INVALID_COLUMN_REFERENCE, f"position {n} is not in select list")
            item = items[n - 1]
            return item.this if isinstance(item, exp.Alias) else item
        if isinstance(g, exp.Column) and not g.args.get("table"):
            name = identifier_name(g.this)
            for item in items:
                if isinstance(item, exp.Alias) and identifier_name(item.args["alias"]) == name:
                    if scope is not None:
                        try:
                            if scope.resolve_local(None, name) is not None:
                                return None
                        except SqlError:
                            return None
                    return item.this
        return None

    def _order_exprs(self, order_items: list[exp.Ordered], items: list[exp.Expression], out_exprs: list[CExpr],
                     compiler: ExprCompiler) -> tuple[list[CExpr], list[SortKey]]:
        extra: list[CExpr] = []
        keys: list[SortKey] = []
        for o in order_items:
            node = o.this
            pos: int | None = None
            if isinstance(node, exp.Literal) and not node.is_string:
                n = int(node.this)
                if n < 1 or n > len(items):
                    raise SqlError(sqlstate.INVALID_COLUMN_REFERENCE, f"ORDER BY position {n} is not in select list")
                pos = n - 1
            elif isinstance(node, exp.Column) and not node.args.get("table"):
                name = identifier_name(node.this)
                for i, item in enumerate(items):
                    if isinstance(item, exp.Alias) and identifier_name(item.args["alias"]) == name:
                        pos = i
                        break
            if pos is None:
                for i, item in enumerate(items):
                    if (item.this if isinstance(item, exp.Alias) else item) == node:
                        pos = i
                        break
            if pos is not None:
                t = out_exprs[pos].type
            else:
                ce = compiler.compile(node)
                if ce.type == T.UNKNOWN:
                    ce = compiler.coerce(ce, T.TEXT)
                pos = len(out_exprs) + len(extra)
                extra.append(ce)
                t = ce.type
            desc = bool(o.args.get("desc"))
            nf = o.args.get("nulls_first")
            nulls_first = None if nf is None or (nf is False and not _explicit_nulls(o)) else bool(nf)
            keys.append(SortKey(pos, desc, nulls_first, t))
        return extra, keys

    def _plan_values(self, node: exp.Values) -> PlannedQuery:
        rows = [list(t.expressions) if isinstance(t, exp.Tuple) else [t] for t in node.expressions]
        c = ExprCompiler(self.env, Scope())
        compiled = [[c.compile(e) for e in r] for r in rows]
        width = len(compiled[0])
        if any(len(r) != width for r in compiled):
            raise SqlError(sqlstate.SYNTAX_ERROR, "VALUES lists must all be the same length")
        types = [T.common_type([r[i].type for r in compiled], "VALUES") for i in range(width)]
        compiled = [[c.coerce(e, types[i]) for i, e in enumerate(r)] for r in compiled]
        cols = [ScopeColumn(f"column{i + 1}", types[i]) for i in range(width)]
        return PlannedQuery(ValuesScan(tuple(tuple(r) for r in compiled)), cols)

    def _plan_setop(self, node: exp.Expression, outer: Scope | None) -> PlannedQuery:
        left = self.plan_query(node.this, outer)
        right = self.plan_query(node.expression, outer)
        if len(left.columns) != len(right.columns):
            kw = {exp.Union: "UNION", exp.Intersect: "INTERSECT", exp.Except: "EXCEPT"}[type(node)]
            raise SqlError(sqlstate.SYNTAX_ERROR, f"each {kw} query must have the same number of columns")
        kw = {exp.Union: "UNION", exp.Intersect: "INTERSECT", exp.Except: "EXCEPT"}[type(node)]
        types = [T.common_type([a.type, b.type], kw) for a, b in zip(left.columns, right.columns)]
        lconv = [None if a.type == t else T.cast_fn(a.type, t) for a, t in zip(left.columns, types)]
        rconv = [None if b.type == t else T.cast_fn(b.type, t) for b, t in zip(right.columns, types)]
        distinct = bool(node.args.get("distinct", True))
        plan: Any = SetOp(kw, distinct, left, right, tuple(lconv), tuple(rconv))
        cols = [ScopeColumn(a.name, t) for a, t in zip(left.columns, types)]
        order = node.args.get("order")
        if order is not None:
            keys = []
            for o in order.expressions:
                n = o.this
                pos = None
                if isinstance(n, exp.Literal) and not n.is_string:
                    pos = int(n.this) - 1
                elif isinstance(n, exp.Column):
                    name = identifier_name(n.this)
                    pos = next((i for i, c in enumerate(cols) if c.name == name), None)
                if pos is None or not 0 <= pos < len(cols):
                    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                                   "ORDER BY on a UNION/INTERSECT/EXCEPT result must be on one of the result columns")
                nf = o.args.get("nulls_first")
                keys.append(SortKey(pos, bool(o.args.get("desc")),
                                    None if not _explicit_nulls(o) else bool(nf), cols[pos].type))
            plan = Sort(plan, tuple(keys))
        plan = self._limit(node, plan)  # type: ignore[arg-type]
        return PlannedQuery(plan, cols)


def _qual(col: exp.Column) -> str | None:
    t = col.args.get("table")
    return identifier_name(t) if t is not None else None


def _explicit_nulls(o: exp.Ordered) -> bool:
    sql = o.sql("postgres").upper()
    return "NULLS FIRST" in sql or "NULLS LAST" in sql


def _pos_alias(scope: Scope, pos: int) -> str:
    for e in scope.entries:
        if e.offset <= pos < e.offset + len(e.columns):
            return e.alias
    return ""


def _refs_only(node: exp.Expression, scope: Scope) -> bool:
    """True if every column in node resolves in `scope` (and there is at least one)."""
    cols = [n for n in node.walk() if isinstance(n, exp.Column)]
    if not cols or any(isinstance(n, (exp.Subquery, exp.Select)) for n in node.walk()):
        return False
    for col in cols:
        try:
            if scope.resolve_local(_qual(col), identifier_name(col.this)) is None:
                return False
        except SqlError:
            return False
    return True
