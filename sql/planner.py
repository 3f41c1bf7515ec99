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
from sql.errors import SqlError
from sql.executor.aggregate import Aggregate
from sql.executor.cte import CteScan, DmlRows, KeepColumns, RecursiveUnion, RunFirst, new_key
from sql.executor.filter import Filter
from sql.executor.limit import Distinct, DistinctOn, Limit
from sql.executor.lock_rows import LockRows
from sql.executor.project import Project, Truncate
from sql.executor.scan import ValuesScan
from sql.executor.setops import SetOp
from sql.executor.sort import Sort, SortKey
from sql.executor.srf import ProjectSet
from sql.executor.window import WindowAgg, WindowCall
from sql.expr import AggContext, CExpr, CompileEnv, ExprCompiler, const, identifier_name
from sql.limits import check_target_list
from sql.plan_cte_search import rewrite_search_cycle
from sql.plan_from import CteDef, FromPlanner, _and_all, _is_row_independent, _split_conjuncts, is_srf_node
from sql.plan_locking import check_select_locking, check_setop_locking
from sql.plan_row_locks import row_lock_plan
from sql.plan_window import build_window_call
from sql.scope import PositionRef, Scope, ScopeColumn
from sql.scope_grouped import lift_outer_aggregates
from sql.srf_records import srf_result_type, srf_shape


@dataclass
class PlannedQuery:
    root: Any
    columns: list[ScopeColumn]

    def rows(self, ctx: Any) -> Any:
        return self.root.rows(ctx)




class Planner(FromPlanner):
    def __init__(self, env: CompileEnv) -> None:
        self.env = env
        self.ctes: list[dict[str, CteDef]] = []
        self.statement: exp.Expression | None = None  # the statement's outermost query
        self.recursive_terms = 0  # > 0 while planning the recursive term of a WITH RECURSIVE query
        env.planner = self._plan_subquery

    # SELECT ---------------------------------------------------------------------------------
    def _plan_subquery(self, node: exp.Expression, outer: Scope) -> tuple[PlannedQuery, list[ScopeColumn]]:
        q = self.plan_query(node, outer)
        return q, q.columns

    def plan_query(self, node: exp.Expression, outer: Scope | None = None, finalize: bool = True) -> PlannedQuery:
        """Plan a query. finalize=False leaves unknown-typed output columns unresolved (set operation
        branches: the other branch decides their type, as in PostgreSQL)."""
        with_ = node.args.get("with_") if not isinstance(node, exp.Subquery) else None
        self._depth = getattr(self, "_depth", 0) + 1
        if self._depth == 1 and self.statement is None:
            self.statement = node
        try:
            return self._plan_query_with(node, with_, outer, finalize)
        finally:
            self._depth -= 1

    def _plan_query_with(self, node: exp.Expression, with_: exp.With | None, outer: Scope | None,
                         finalize: bool) -> PlannedQuery:
        if with_ is not None:
            if self._depth > 1 and any(isinstance(c.this, (exp.Insert, exp.Update, exp.Delete))
                                       for c in with_.expressions):
                raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                               "WITH clause containing a data-modifying statement must be at the top level")
            frame = self._plan_ctes(with_, outer)
            self.ctes.append(frame)
            try:
                q = self._plan_body(node, outer, finalize)
            finally:
                self.ctes.pop()
            modifying = [d.scan for d in frame.values() if d.modifying]
            if modifying:  # data-modifying CTEs run to completion whether or not they are read
                q = PlannedQuery(RunFirst(tuple(modifying), q.root), q.columns)
            return q
        return self._plan_body(node, outer, finalize)

    def _plan_body(self, node: exp.Expression, outer: Scope | None, finalize: bool = True) -> PlannedQuery:
        if isinstance(node, exp.Subquery):
            return self.plan_query(node.this, outer, finalize)
        if isinstance(node, (exp.Union, exp.Intersect, exp.Except)):
            return self._plan_setop(node, outer)
        if isinstance(node, exp.Values):
            q = self._plan_values(node, outer)
            return self._order_limit_result(node, q)
        if not isinstance(node, exp.Select):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"query not supported: {node.sql('postgres')[:60]}")
        return self._plan_select(node, outer, finalize)

    def _plan_ctes(self, with_: exp.With, outer: Scope | None) -> dict[str, CteDef]:
        frame: dict[str, CteDef] = {}
        self.ctes.append(frame)  # later CTEs may refer to earlier ones
        try:
            for cte in with_.expressions:
                alias = cte.args.get("alias")
                name = identifier_name(alias.this)
                if name in frame:
                    raise SqlError(sqlstate.DUPLICATE_ALIAS, f'WITH query name "{name}" specified more than once')
                colnames = [identifier_name(c) for c in alias.args.get("columns") or []]
                body = cte.this
                if isinstance(body, (exp.Insert, exp.Update, exp.Delete)) and hasattr(self, "plan_insert"):
                    method = {exp.Insert: "plan_insert", exp.Update: "plan_update", exp.Delete: "plan_delete"}
                    dml, dml_cols = getattr(self, method[type(body)])(body)
                    q = PlannedQuery(DmlRows(dml), [ScopeColumn(c.name, c.type, c.typmod) for c in dml_cols])
                    cols = _rename(q.columns, colnames, name)
                    frame[name] = CteDef(name, cols, q, scan=CteScan(q), modifying=True)
                    continue
                if not isinstance(body, (exp.Select, exp.Union, exp.Intersect, exp.Except, exp.Values,
                                         exp.Subquery)):
                    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "this statement is not supported in WITH")
                hidden: set[str] = set()
                search = with_.args.get("search")
                if search is not None and cte is with_.expressions[-1]:
                    body, colnames, hidden = rewrite_search_cycle(body, colnames, name, search)
                recursive = bool(with_.args.get("recursive")) and _references(body, name)
                if recursive and isinstance(body, exp.Union):
                    if body.args.get("order") is not None:
                        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                                       "ORDER BY in a recursive query is not implemented")
                    _check_recursive_term(body.expression, name)
                    left = self.plan_query(body.this, outer)
                    cols = _rename(left.columns, colnames, name)
                    d = CteDef(name, cols, None, work_key=new_key())
                    frame[name] = d
                    self.recursive_terms += 1
                    try:
                        right = self.plan_query(body.expression, outer)
                    finally:
                        self.recursive_terms -= 1
                    if len(right.columns) != len(cols):
                        raise SqlError(sqlstate.SYNTAX_ERROR, "each UNION query must have the same number of columns")
                    for i, (rc, c) in enumerate(zip(right.columns, cols)):
                        if rc.type != c.type and not T.implicit_castable(rc.type, c.type):
                            raise SqlError(sqlstate.DATATYPE_MISMATCH,
                                           f'recursive query "{name}" column {i + 1} has type '
                                           f"{T.format_type(c.type, c.typmod)} in non-recursive term but type "
                                           f"{T.format_type(rc.type, rc.typmod)} overall",
                                           hint="Cast the output of the non-recursive term to the correct type.")
                    conv = tuple(None if rc.type == c.type else T.cast_fn(rc.type, c.type)
                                 for rc, c in zip(right.columns, cols))
                    root = RecursiveUnion(left, right, d.work_key, bool(body.args.get("distinct", True)),
                                          conv if any(conv) else ())
                    d.plan = PlannedQuery(root, cols)
                    if hidden:
                        keep = [i for i, c in enumerate(cols) if c.name not in hidden]
                        d.columns = [cols[i] for i in keep]
                        d.plan = PlannedQuery(KeepColumns(root, tuple(keep)), d.columns)
                    d.scan = CteScan(d.plan)
                elif recursive:
                    raise SqlError(sqlstate.INVALID_RECURSION,
                                   f'recursive query "{name}" does not have the form non-recursive-term UNION '
                                   "[ALL] recursive-term")
                else:
                    q = self.plan_query(body, outer)
                    cols = _rename(q.columns, colnames, name)
                    frame[name] = CteDef(name, cols, q, scan=CteScan(q))
        finally:
            self.ctes.pop()
        return frame

    def _plan_select(self, node: exp.Select, outer: Scope | None, finalize: bool = True) -> PlannedQuery:
        scope = Scope(parent=outer)
        where_nodes = _split_conjuncts(node.args["where"].this) if node.args.get("where") else []
        outer_locks, self.row_locks = getattr(self, "row_locks", None), row_lock_plan(node)
        try:
            plan, where_nodes = self._plan_from(node, scope, where_nodes)
            row_locks = self.row_locks
        finally:
            self.row_locks = outer_locks
        if row_locks is not None:
            row_locks.check_names()
        lifted = lift_outer_aggregates(node, scope)
        if lifted is not node:
            node = lifted
            where_nodes = _split_conjuncts(node.args["where"].this) if node.args.get("where") else []
        compiler = ExprCompiler(self.env, scope)
        if where_nodes:
            for w in where_nodes:
                if ExprCompiler._contains_aggregate(w):
                    raise SqlError(sqlstate.GROUPING_ERROR, "aggregate functions are not allowed in WHERE")
                if any(isinstance(n, exp.Window) for n in w.walk()):
                    raise SqlError(sqlstate.WINDOWING_ERROR, "window functions are not allowed in WHERE")
                if _collect([w], is_srf_node):
                    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in WHERE")
            plan = Filter(plan, compiler.compile_bool(_and_all(where_nodes), "WHERE"))

        items = self._expand_stars(node.expressions, scope)
        check_target_list(len(items))
        group = node.args.get("group")
        having = node.args.get("having")
        order = node.args.get("order")
        order_items = list(order.expressions) if order is not None else []
        is_agg = bool(group) or having is not None or any(
            ExprCompiler._contains_aggregate(i) for i in items) or any(
            ExprCompiler._contains_aggregate(o.this) for o in order_items)
        post = compiler
        having_expr = None
        for clause, label in ((group, "GROUP BY"), (having, "HAVING")):
            if clause is not None and any(isinstance(n, exp.Window) for n in clause.walk()):
                raise SqlError(sqlstate.WINDOWING_ERROR, f"window functions are not allowed in {label}")
        if is_agg:
            group_nodes, sets = self._grouping(group, items, scope) if group else ([], None)
            if sets is None:
                group_nodes = self._functionally_dependent(group_nodes, scope)
            group_exprs = [compiler.compile(g) for g in group_nodes]
            actx = AggContext(group_nodes, group_exprs, compiler, has_sets=sets is not None)
            post = ExprCompiler(self.env, scope, agg=actx)
            having_expr = post.compile_bool(having.this, "HAVING") if having is not None else None
        windows = _collect(items + [o.this for o in order_items], lambda n: isinstance(n, exp.Window))
        srfs = _collect(items, is_srf_node, skip_windows=True)
        for cond in _collect(items, lambda n: isinstance(n, (exp.Case, exp.Coalesce))):
            if _collect([cond], is_srf_node):
                what = "CASE" if isinstance(cond, exp.Case) else "COALESCE"
                raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"set-returning functions are not allowed in {what}",
                               hint="You might be able to move the set-returning function into a LATERAL FROM item.")
        check_select_locking(node, is_agg and not group and having is None, bool(windows), bool(srfs))
        window_calls = [self._window_call(w, post, node) for w in windows]
        srf_calls = [self.compile_srf(n, post) for n in srfs]
        nw, ns = len(window_calls), len(srf_calls)
        post.extra_refs = [(w, j - nw - ns, c.result_type) for j, (w, c) in enumerate(zip(windows, window_calls))]
        post.extra_refs += [(n, j - ns, *srf_result_type(cols))
                            for j, (n, (_s, _a, cols)) in enumerate(zip(srfs, srf_calls))]
        out_exprs = [post.compile(i) for i in items]
        distinct = node.args.get("distinct")
        don_nodes = list(distinct.args["on"].expressions) if distinct is not None and distinct.args.get("on") \
            else []
        sort_exprs, sort_keys = self._order_exprs(order_items, items, out_exprs, post)
        if is_agg:
            plan = Aggregate(plan, tuple(actx.group_exprs), tuple(actx.aggs), sets)
            if having_expr is not None:
                plan = Filter(plan, having_expr)
        if window_calls:
            plan = WindowAgg(plan, tuple(window_calls))
        if srf_calls:
            plan = ProjectSet(plan, tuple((srf, args) for srf, args, _cols in srf_calls),
                              tuple(srf_shape(cols) for _srf, _args, cols in srf_calls))
        if finalize:
            out_exprs = [self._finalize_output(e) for e in out_exprs]
        width = len(out_exprs)
        hidden = list(sort_exprs)
        don_positions: list[int] = []
        if don_nodes:
            for d in don_nodes:
                ref = self._output_ref(d, items, None)
                ce = post.compile(ref if ref is not None else d)
                don_positions.append(width + len(hidden))
                hidden.append(ce)
            if order_items and not _don_matches(don_nodes, order_items, items):
                raise SqlError(sqlstate.INVALID_COLUMN_REFERENCE,
                               "SELECT DISTINCT ON expressions must match initial ORDER BY expressions")
            if not sort_keys:
                sort_keys = [SortKey(p, False, None, hidden[p - width].type) for p in don_positions]
        elif distinct is not None and sort_exprs:
            raise SqlError(sqlstate.INVALID_COLUMN_REFERENCE,
                           "for SELECT DISTINCT, ORDER BY expressions must appear in select list")
        lock_targets = row_locks.hidden_outputs(hidden, width) if row_locks is not None else ()
        plan = Project(plan, tuple(out_exprs + hidden))
        if distinct is not None and not don_nodes:
            _check_equality([e.type for e in out_exprs])
            plan = Distinct(plan)
        if sort_keys:
            plan = Sort(plan, tuple(sort_keys))
        if don_nodes:
            plan = DistinctOn(plan, tuple(don_positions))
        if lock_targets:
            plan = LockRows(plan, lock_targets)
        plan = self._limit(node, plan, [k.position for k in sort_keys])
        if hidden:
            plan = Truncate(plan, width)
        columns = [ScopeColumn(e.name, e.type, e.typmod, e.column[0], e.column[1]) for e in out_exprs]
        return PlannedQuery(plan, columns)

    def _grouping(self, group: exp.Group, items: list[exp.Expression], scope: Scope
                  ) -> tuple[list[exp.Expression], tuple[tuple[int, ...], ...] | None]:
        """Group expressions and, with ROLLUP/CUBE/GROUPING SETS, the grouping sets."""
        parts: list[list[list[exp.Expression]]] = []
        has_sets = False

        def resolve(g: exp.Expression) -> exp.Expression:
            return self._output_ref(g, items, scope) or g

        def set_items(x: exp.Expression) -> list[exp.Expression]:
            if isinstance(x, exp.Tuple):
                return [resolve(e) for e in x.expressions]
            if isinstance(x, exp.Paren):
                return set_items(x.this) if isinstance(x.this, exp.Tuple) else [resolve(x.this)]
            return [resolve(x)]

        for g in group.expressions:
            if isinstance(g, exp.Rollup):
                has_sets = True
                cols = [set_items(e) for e in g.expressions]
                parts.append([sum(cols[:k], []) for k in range(len(cols), -1, -1)])
            elif isinstance(g, exp.Cube):
                has_sets = True
                cols = [set_items(e) for e in g.expressions]
                subsets = []
                for mask in range(2 ** len(cols) - 1, -1, -1):
                    subsets.append(sum((cols[i] for i in range(len(cols)) if mask & (1 << (len(cols) - 1 - i))),
                                       []))
                parts.append(subsets)
            elif isinstance(g, exp.GroupingSets):
                has_sets = True
                sets: list[list[exp.Expression]] = []
                for e in g.expressions:
                    if isinstance(e, (exp.Rollup, exp.Cube)):
                        sub, subsets = self._grouping(exp.Group(expressions=[e]), items, scope)
                        sets.extend([[sub[i] for i in ss] for ss in (subsets or ())])
                    else:
                        sets.append(set_items(e))
                parts.append(sets)
            else:
                parts.append([[resolve(g)]])
        for key in ("rollup", "cube", "grouping_sets"):
            extra = group.args.get(key)
            for e in extra or []:
                has_sets = True
                sub, subsets = self._grouping(exp.Group(expressions=[e]), items, scope)
                parts.append([[sub[i] for i in ss] for ss in (subsets or ())])
        combos: list[list[exp.Expression]] = [[]]
        for options in parts:
            combos = [c + o for c in combos for o in options]
        nodes: list[exp.Expression] = []
        for c in combos:
            for e in c:
                if not any(e == n for n in nodes):
                    nodes.append(e)
        if not has_sets:
            return nodes, None
        index_sets = tuple(tuple(sorted({next(i for i, n in enumerate(nodes) if n == e) for e in c}))
                           for c in combos)
        return nodes, index_sets

    def _functionally_dependent(self, group_nodes: list[exp.Expression], scope: Scope) -> list[exp.Expression]:
        """GROUP BY a table's primary key lets the query use the table's other columns (PostgreSQL's
        functional dependency rule): add them as grouping keys, which changes no group."""
        out = list(group_nodes)
        grouped: set[int] = set()
        for g in group_nodes:
            if isinstance(g, exp.Column) and not isinstance(g.this, exp.Star):
                try:
                    hit = scope.resolve_local(_qual(g), identifier_name(g.this))
                except SqlError:
                    hit = None
                if hit is not None:
                    grouped.add(hit[0])
        for e in scope.entries:
            rel = e.relation
            pk = getattr(rel, "primary_key", None) if rel is not None else None
            if pk is None or not all(e.offset + p in grouped for p in pk.columns):
                continue
            for i, c in enumerate(e.columns):
                if e.offset + i not in grouped:
                    out.append(exp.column(exp.to_identifier(c.name, quoted=True),
                                          table=exp.to_identifier(e.alias, quoted=True)))
        return out

    def _window_call(self, w: exp.Window, compiler: ExprCompiler, select: exp.Select) -> WindowCall:
        return build_window_call(self.env, w, compiler, select)

    def _finalize_output(self, e: CExpr) -> CExpr:
        if e.type == T.UNKNOWN or (e.param is not None and self.env.param_type(e.param) == 0):
            c = ExprCompiler(self.env, Scope()).coerce(e, T.TEXT)
            c.name = e.name
            return c
        return e

    def _limit(self, node: exp.Select, plan: Any, tie_positions: list[int] | None = None) -> Any:
        limit = node.args.get("limit")
        offset = node.args.get("offset")
        if limit is None and offset is None:
            return plan
        opts = limit.args.get("limit_options") if isinstance(limit, exp.Fetch) else None
        with_ties = bool(opts is not None and opts.args.get("with_ties"))
        if with_ties and not node.args.get("order"):
            raise SqlError(sqlstate.SYNTAX_ERROR, "WITH TIES cannot be specified without ORDER BY clause")
        c = ExprCompiler(self.env, Scope())
        count = None
        if limit is not None:
            lnode = limit.args.get("expression") if isinstance(limit, exp.Limit) else limit.args.get("count")
            if isinstance(limit, exp.Fetch) and lnode is None:
                count = const(1, T.INT8)
            elif lnode is not None and not (isinstance(lnode, exp.Var) and lnode.name.upper() == "ALL") \
                    and not isinstance(lnode, exp.Null):
                count = c.coerce(c.compile(lnode), T.INT8, context="assignment")
        off = None
        if offset is not None:
            off = c.coerce(c.compile(offset.args.get("expression")), T.INT8, context="assignment")
        return Limit(plan, count, off, tuple(tie_positions) if with_ties and tie_positions else None)

    def _expand_stars(self, items: list[exp.Expression], scope: Scope) -> list[exp.Expression]:
        out: list[exp.Expression] = []
        for item in items:
            if isinstance(item, exp.Dot) and isinstance(item.expression, exp.Star):  # (composite).*
                from sql.expr_usertypes import composite_fields

                fields = composite_fields(ExprCompiler(self.env, scope), item.this)
                if fields is None:
                    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "row expansion of this value is not supported")
                out.extend(exp.Alias(this=exp.Dot(this=item.this.copy(), expression=exp.to_identifier(f, quoted=True)),
                                     alias=exp.to_identifier(f, quoted=True)) for f in fields)
                continue
            if isinstance(item, exp.Star) or (isinstance(item, exp.Column) and isinstance(item.this, exp.Star)):
                qual = _qual(item) if isinstance(item, exp.Column) else None
                entries = scope.entries if qual is None else [scope.find_entry(qual)]
                if qual is not None and entries[0] is None:
                    raise SqlError(sqlstate.UNDEFINED_TABLE, f'missing FROM-clause entry for table "{qual}"')
                if not scope.entries and qual is None:
                    raise SqlError(sqlstate.SYNTAX_ERROR, "SELECT * with no tables specified is not valid")
                merged_done: set[str] = set()
                if qual is None:  # JOIN USING: the merged columns come first, in USING order
                    for name in list(scope.merged) + list(scope.merged_full):
                        if name not in merged_done:
                            merged_done.add(name)
                            out.append(exp.column(exp.to_identifier(name, quoted=True)))
                for e in entries:
                    assert e is not None
                    names = [c.name for c in e.columns]
                    for k, c in enumerate(e.columns):
                        if names.count(c.name) > 1:
                            out.append(exp.Alias(this=PositionRef(this=e.offset + k),
                                                 alias=exp.to_identifier(c.name, quoted=True)))
                            continue
                        if c.hidden:
                            continue
                        if qual is None and (c.name in scope.merged or c.name in scope.merged_full):
                            if c.name in merged_done:
                                continue
                            merged_done.add(c.name)
                            out.append(exp.column(exp.to_identifier(c.name, quoted=True)))
                            continue
                        out.append(exp.column(exp.to_identifier(c.name, quoted=True),
                                              table=exp.to_identifier(e.alias, quoted=True)))
            else:
                out.append(item)
        return out

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
                matches = [i for i, item in enumerate(items)
                           if isinstance(item, exp.Alias) and identifier_name(item.args["alias"]) == name]
                if len(matches) > 1 and not all(items[i].this == items[matches[0]].this for i in matches):
                    raise SqlError(sqlstate.AMBIGUOUS_COLUMN, f'ORDER BY "{name}" is ambiguous')
                if matches:
                    pos = matches[0]
            if pos is None:
                for i, item in enumerate(items):
                    if (item.this if isinstance(item, exp.Alias) else item) == node:
                        pos = i
                        break
            if pos is None:
                pos = _same_column_position(node, items, compiler.scope)
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

    def _plan_values(self, node: exp.Values, outer: Scope | None = None) -> PlannedQuery:
        rows = [list(t.expressions) if isinstance(t, exp.Tuple) else [t] for t in node.expressions]
        c = ExprCompiler(self.env, Scope(parent=outer))
        compiled = [[c.compile(e) for e in r] for r in rows]
        width = len(compiled[0])
        if any(len(r) != width for r in compiled):
            raise SqlError(sqlstate.SYNTAX_ERROR, "VALUES lists must all be the same length")
        types = [T.common_type([r[i].type for r in compiled], "VALUES") for i in range(width)]
        compiled = [[c.coerce(e, types[i]) for i, e in enumerate(r)] for r in compiled]
        cols = [ScopeColumn(f"column{i + 1}", types[i]) for i in range(width)]
        return PlannedQuery(ValuesScan(tuple(tuple(r) for r in compiled)), cols)

    def _plan_setop(self, node: exp.Expression, outer: Scope | None) -> PlannedQuery:
        kw = {exp.Union: "UNION", exp.Intersect: "INTERSECT", exp.Except: "EXCEPT"}[type(node)]
        check_setop_locking(node)
        left = self.plan_query(node.this, outer, finalize=False)
        right = self.plan_query(node.expression, outer, finalize=False)
        if len(left.columns) != len(right.columns):
            raise SqlError(sqlstate.SYNTAX_ERROR, f"each {kw} query must have the same number of columns")
        types = [T.common_type([a.type, b.type], kw) for a, b in zip(left.columns, right.columns)]
        lconv = [self._branch_conversion(a.type, t) for a, t in zip(left.columns, types)]
        rconv = [self._branch_conversion(b.type, t) for b, t in zip(right.columns, types)]
        distinct = bool(node.args.get("distinct", True))
        if distinct or kw != "UNION":
            _check_equality(types)
        plan: Any = SetOp(kw, distinct, left, right, tuple(lconv), tuple(rconv))
        cols = [ScopeColumn(a.name, t, a.typmod if a.type == t and b.typmod == a.typmod else -1)
                for a, b, t in zip(left.columns, right.columns, types)]
        return self._order_limit_result(node, PlannedQuery(plan, cols))

    def _branch_conversion(self, src: int, dst: int) -> Any:
        if src == dst:
            return None
        if src == T.UNKNOWN:
            return self.env.session.text_input(dst)
        return T.cast_fn(src, dst)

    def _order_limit_result(self, node: exp.Expression, q: PlannedQuery) -> PlannedQuery:
        """ORDER BY / LIMIT applied to a set operation or VALUES result (by output column)."""
        cols = q.columns
        plan: Any = q.root
        order = node.args.get("order")
        if order is not None:
            keys = []
            for o in order.expressions:
                n = o.this
                pos = None
                if isinstance(n, exp.Literal) and not n.is_string:
                    pos = int(n.this) - 1
                    if not 0 <= pos < len(cols):
                        raise SqlError(sqlstate.INVALID_COLUMN_REFERENCE,
                                       f"ORDER BY position {n.this} is not in select list")
                elif isinstance(n, exp.Column) and n.args.get("table") and not isinstance(n.this, exp.Star):
                    raise SqlError(sqlstate.UNDEFINED_TABLE,
                                   f'missing FROM-clause entry for table "{identifier_name(n.args["table"])}"')
                elif isinstance(n, exp.Column) and not n.args.get("table"):
                    name = identifier_name(n.this)
                    pos = next((i for i, c in enumerate(cols) if c.name == name), None)
                    if pos is None:
                        raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{name}" does not exist')
                if pos is None:
                    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                                   "invalid UNION/INTERSECT/EXCEPT ORDER BY clause",
                                   detail="Only result column names can be used, not expressions or functions.")
                keys.append(SortKey(pos, bool(o.args.get("desc")),
                                    None if not _explicit_nulls(o) else bool(o.args.get("nulls_first")),
                                    cols[pos].type))
            plan = Sort(plan, tuple(keys))
        plan = self._limit(node, plan, [k.position for k in keys] if order is not None else None)  # type: ignore
        return PlannedQuery(plan, cols)


def _check_equality(types: list[int]) -> None:
    """DISTINCT and UNION/INTERSECT/EXCEPT compare rows: json has no equality operator (42883)."""
    for t in types:
        if t == T.JSON:
            raise SqlError(sqlstate.UNDEFINED_FUNCTION, "could not identify an equality operator for type json")


def _qual(col: exp.Column) -> str | None:
    t = col.args.get("table")
    return identifier_name(t) if t is not None else None


def _column_position(node: exp.Expression, scope: Scope) -> int | None:
    if not isinstance(node, exp.Column) or isinstance(node.this, exp.Star) or node.args.get("db"):
        return None
    try:
        hit = scope.resolve_local(_qual(node), identifier_name(node.this))
    except SqlError:
        return None
    return hit[0] if hit is not None else None


def _same_column_position(node: exp.Expression, items: list[exp.Expression], scope: Scope) -> int | None:
    """ORDER BY ``depth`` against a select list holding ``t.depth`` (e.g. from ``*``): the same input column."""
    target = _column_position(node, scope)
    if target is None:
        return None
    for i, item in enumerate(items):
        if _column_position(item.this if isinstance(item, exp.Alias) else item, scope) == target:
            return i
    return None


def _explicit_nulls(o: exp.Ordered) -> bool:
    sql = o.sql("postgres").upper()
    return "NULLS FIRST" in sql or "NULLS LAST" in sql


def _references(node: exp.Expression, name: str) -> bool:
    for t in node.find_all(exp.Table):
        if not t.args.get("db") and isinstance(t.this, exp.Identifier) and identifier_name(t.this) == name:
            return True
    return False


def _check_recursive_term(term: exp.Expression, name: str) -> None:
    """PostgreSQL's restrictions on the recursive term of WITH RECURSIVE (42P19 / 0A000)."""
    parenthesized = False
    while isinstance(term, exp.Subquery) and term.this is not None:  # (SELECT ... ORDER BY ...) is allowed
        term = term.this
        parenthesized = True
    refs = [t for t in term.find_all(exp.Table) if not t.args.get("db") and isinstance(t.this, exp.Identifier)
            and identifier_name(t.this) == name]
    if len(refs) > 1:
        raise SqlError(sqlstate.INVALID_RECURSION,
                       f'recursive reference to query "{name}" must not appear more than once')
    for ref in refs:
        node = ref.parent
        while node is not None and node is not term:
            if isinstance(node, (exp.Subquery, exp.Select)) and node is not term:
                raise SqlError(sqlstate.INVALID_RECURSION,
                               f'recursive reference to query "{name}" must not appear within a subquery')
            if isinstance(node, exp.Join) and (node.args.get("side") or "").upper() in ("LEFT", "RIGHT", "FULL"):
                raise SqlError(sqlstate.INVALID_RECURSION,
                               f'recursive reference to query "{name}" must not appear within an outer join')
            node = node.parent
    if isinstance(term, exp.Select):
        if any(ExprCompiler._contains_aggregate(i) for i in term.expressions):
            raise SqlError(sqlstate.INVALID_RECURSION,
                           "aggregate functions are not allowed in a recursive query's recursive term")
        if term.args.get("order") is not None and not parenthesized:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "ORDER BY in a recursive query is not implemented")


def _rename(columns: list[ScopeColumn], names: list[str], cte: str) -> list[ScopeColumn]:
    if len(names) > len(columns):
        raise SqlError(sqlstate.INVALID_COLUMN_REFERENCE,
                       f'WITH query "{cte}" has {len(columns)} columns available but {len(names)} columns specified')
    return [ScopeColumn(names[i] if i < len(names) else c.name, c.type, c.typmod) for i, c in enumerate(columns)]


def _collect(nodes: list[exp.Expression], pred: Any, skip_windows: bool = False) -> list[exp.Expression]:
    """Distinct sub-expressions matching pred, not descending into subqueries (or windows)."""
    found: list[exp.Expression] = []

    def visit(n: exp.Expression) -> None:
        if isinstance(n, (exp.Subquery, exp.Select)):
            return
        if skip_windows and isinstance(n, exp.Window):
            return
        if pred(n):
            if not any(n == f for f in found):
                found.append(n)
            return
        for c in n.iter_expressions():
            visit(c)

    for node in nodes:
        visit(node)
    return found


def _don_matches(don_nodes: list[exp.Expression], order_items: list[exp.Ordered], items: list[exp.Expression]
                 ) -> bool:
    """DISTINCT ON expressions must match the leading ORDER BY expressions (in any order)."""

    def norm(n: exp.Expression) -> exp.Expression:
        if isinstance(n, exp.Literal) and not n.is_string and n.this.isdigit() and 0 < int(n.this) <= len(items):
            item = items[int(n.this) - 1]
            return item.this if isinstance(item, exp.Alias) else item
        if isinstance(n, exp.Column) and not n.args.get("table"):
            for item in items:
                if isinstance(item, exp.Alias) and identifier_name(item.args["alias"]) == identifier_name(n.this):
                    return item.this
        return n

    if len(order_items) < len(don_nodes):
        return False
    lead = [norm(o.this) for o in order_items[: len(don_nodes)]]
    keys = [norm(d) for d in don_nodes]
    return all(any(k == x for x in lead) for k in keys) and all(any(x == k for k in keys) for x in lead)


__all__ = ["Planner", "PlannedQuery", "_and_all", "_is_row_independent", "_split_conjuncts"]


def require_equality(t: int) -> None:
    """42883 for a type without an equality operator (json, json[]) where rows must be compared."""
    if t == T.JSON or T.element_type(t) == T.JSON:
        raise SqlError(sqlstate.UNDEFINED_FUNCTION,
                       f"could not identify an equality operator for type {T.type_name(t)}")


def _star_column_match(node: exp.Column, items: list[exp.Expression]) -> int | None:
    """An unqualified ORDER BY column naming exactly one column that ``*`` expanded to (``t.c``)."""
    name = identifier_name(node.this)
    hits = [i for i, item in enumerate(items) if isinstance(item, exp.Column) and item.args.get("table")
            and isinstance(item.this, exp.Identifier) and item.this.quoted and item.name == name]
    return hits[0] if len(hits) == 1 else None
