"""FROM-clause planning: relations, subqueries, VALUES, CTE references, set-returning
functions, LATERAL items, joins (hash join for equi-joins, nested loop otherwise, USING and
NATURAL), and the access path of a single base table (primary key / index / full scan)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.catalog import Sequence, Table
from sql.error_position import mark
from sql.errors import SqlError
from sql.executor.cte import WorkTableScan
from sql.executor.join import HashJoin, NestedLoopJoin, SharedSubqueryScan, SubqueryScan
from sql.executor.modify import KeyedScan
from sql.executor.scan import OneRow, TableAccess
from sql.executor.srf import FunctionScan, LateralJoin
from sql.expr import CExpr, ExprCompiler, function_parts, identifier_name
from sql.functions import REGISTRY, SRF_REGISTRY, resolve_function_in
from sql.parse_rewrites import USING_ALIAS_MARK
from sql.plan_join_order import comma_join_order
from sql.plan_late_columns import defer_expensive_columns
from sql.plan_pushdown import push_down
from sql.plan_rows_from import is_rows_from, plan_rows_from
from sql.scope import RangeEntry, Scope, ScopeColumn

_VOLATILE: list[frozenset[str]] = []


def _volatile_names() -> frozenset[str]:
    """Names of the built-in functions with a volatile overload."""
    if not _VOLATILE:
        _VOLATILE.append(frozenset(name for reg in (REGISTRY, SRF_REGISTRY) for name, defs in reg.items()
                                   if any(d.volatile for d in defs)))
    return _VOLATILE[0]


class SequenceRelation:
    """A sequence read as a relation: its three columns, one row."""

    def __init__(self, seq: Sequence, plan: Any, columns: tuple[tuple[str, int], ...]) -> None:
        from sql.catalog_views.base import VColumn

        self.oid, self.name, self.owner, self.plan = seq.oid, seq.name, seq.owner, plan
        self.schema_oid = seq.schema_oid
        self.columns = tuple(VColumn(n, t, -1, i + 1) for i, (n, t) in enumerate(columns))

    def scan_plan(self) -> Any:
        return self.plan


@dataclass
class CteDef:
    name: str
    columns: list[ScopeColumn]
    plan: Any = None  # planned query (None while the recursive term is being planned)
    work_key: int = 0
    scan: Any = field(default=None)
    modifying: bool = False  # INSERT/UPDATE/DELETE ... RETURNING in WITH


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
    from sql.expr import _flatten

    return _flatten(node, exp.And)


def _and_all(nodes: list[exp.Expression]) -> exp.Expression | None:
    if not nodes:
        return None
    out = nodes[0]
    for n in nodes[1:]:
        out = exp.And(this=out, expression=n)
    return out


_FLIP = {exp.GT: exp.LT, exp.LT: exp.GT, exp.GTE: exp.LTE, exp.LTE: exp.GTE, exp.EQ: exp.EQ}


def _qual(col: exp.Column) -> str | None:
    t = col.args.get("table")
    return identifier_name(t) if t is not None else None


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


def _parenthesized_join(node: exp.Expression) -> exp.Table | None:
    if isinstance(node, exp.Subquery) and isinstance(node.this, exp.Table) and node.this.args.get("joins") \
            and node.args.get("alias") is None:
        return node.this
    return None


def _check_unique_name(scope: Scope, entry: RangeEntry) -> None:
    """Two FROM items of one query level may not share a name (unless they are tables of different
    schemas named without aliases)."""
    if not entry.alias:
        return
    for e in scope.entries:
        if e.alias == entry.alias and not (e.schema_name and entry.schema_name and e.schema_name != entry.schema_name):
            raise SqlError(sqlstate.DUPLICATE_ALIAS, f'table name "{entry.alias}" specified more than once')


def _copy_entry(e: RangeEntry) -> RangeEntry:
    return RangeEntry(e.alias, list(e.columns), relation=e.relation, schema_name=e.schema_name, scalar=e.scalar)


def is_srf_node(node: exp.Expression) -> bool:
    if isinstance(node, (exp.ExplodingGenerateSeries, exp.Unnest, exp.Explode)):
        return True
    if isinstance(node, exp.Anonymous):
        if node.name.lower() not in SRF_REGISTRY:
            from sql.plpgsql.call import is_user_srf

            return is_user_srf(node.name.lower())
        return True
    if isinstance(node, exp.Func):
        name, _ = function_parts(node)
        return name in SRF_REGISTRY
    return False


def srf_parts(node: exp.Expression) -> tuple[str, list[exp.Expression]]:
    if isinstance(node, exp.ExplodingGenerateSeries):
        args = [node.args["start"], node.args["end"]]
        if node.args.get("step") is not None:
            args.append(node.args["step"])
        return "generate_series", args
    if isinstance(node, (exp.Unnest, exp.Explode)):
        return "unnest", list(node.expressions) if isinstance(node, exp.Unnest) else [node.this]
    return function_parts(node)  # type: ignore[arg-type]


class FromPlanner:
    env: Any
    ctes: list[dict[str, CteDef]]
    statement: exp.Expression | None
    recursive_terms: int

    def plan_query(self, node: exp.Expression, outer: Scope | None = None) -> Any:  # pragma: no cover
        raise NotImplementedError

    def _plan_values(self, node: exp.Values, outer: Scope | None = None) -> Any:  # pragma: no cover
        raise NotImplementedError

    # names --------------------------------------------------------------------------------
    def resolve_table(self, node: exp.Table, privilege: str | None = "r") -> Any:
        name = identifier_name(node.this)
        schema = identifier_name(node.args["db"]) if node.args.get("db") else None
        if node.args.get("catalog") is not None:
            db = identifier_name(node.args["catalog"])
            if db != self.env.session.database_name:
                raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                               f'cross-database references are not implemented: "{db}.{schema}.{name}"')
        rel = self.env.session.lookup_relation(schema, name, self.env.catalog)
        if rel is None:
            shown = f"{schema}.{name}" if schema else name
            raise mark(SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{shown}" does not exist'),
                       node.args.get("db") or node.this)
        if privilege:
            self.env.privileges.append((rel, privilege))
        return rel


    def _cte(self, name: str) -> CteDef | None:
        for frame in reversed(self.ctes):
            hit = frame.get(name)
            if hit is not None:
                return hit
        return None

    def compile_srf(self, node: exp.Expression, compiler: ExprCompiler) -> tuple[Any, tuple[CExpr, ...],
                                                                               list[tuple[str, int]]]:
        """Resolve a set-returning call: (SetReturning, compiled args, output columns)."""
        name, arg_nodes = srf_parts(node)
        from sql.plpgsql.call import user_srf

        user = user_srf(compiler, name, arg_nodes)
        if user is not None:
            return user
        args = [compiler.compile(a) for a in arg_nodes]
        arg_types = [a.type if a.param is None else T.UNKNOWN for a in args]
        srf, param_types = resolve_function_in(SRF_REGISTRY, name, arg_types)
        args = [compiler.coerce(a, t) for a, t in zip(args, param_types)]
        cols = srf.output_columns([a.type for a in args])
        return srf, tuple(args), cols

    def _shareable(self, query: exp.Expression) -> bool:
        """Whether a subquery in FROM is worth keeping for the rest of the statement (it runs again: in
        a recursive term, or written twice) and gives the same rows wherever it appears: no volatile
        function, no row locks, no CTE (a recursive term's work table changes)."""
        runs_again = self.recursive_terms > 0 or (self.statement is not None and any(
            other is not query and other.this == query for other in self.statement.find_all(exp.Subquery)))
        if not runs_again or not self._no_volatile(query):
            return False
        for n in query.find_all(exp.Table):
            if not n.args.get("db") and isinstance(n.this, exp.Identifier) \
                    and self._cte(identifier_name(n.this)) is not None:
                return False
        return True

    @staticmethod
    def _no_volatile(node: exp.Expression) -> bool:
        """Whether ``node`` calls no volatile function (unknown names count as volatile) and locks no rows."""
        volatile = _volatile_names()
        for n in node.walk():
            if isinstance(n, exp.Anonymous):
                name = str(n.name).lower()
                if name in volatile or (name not in REGISTRY and name not in SRF_REGISTRY):
                    return False
            elif isinstance(n, (exp.Rand, exp.Uuid, exp.Lock)):
                return False
            elif isinstance(n, exp.Func) and n.sql_name().lower() in volatile:
                return False
        return True

    # FROM ----------------------------------------------------------------------------------
    def _from_item(self, node: exp.Expression, scope: Scope, lateral: bool = False) -> tuple[Any, RangeEntry, bool]:
        """Plan one FROM item; returns (plan, range entry, whether it depends on earlier items)."""
        alias_node = node.args.get("alias")
        alias = identifier_name(alias_node.this) if alias_node is not None and alias_node.this else None
        col_aliases = [identifier_name(c) for c in alias_node.args.get("columns") or []] if alias_node else []
        depends = False
        if isinstance(node, exp.Lateral):
            inner = node.this
            if isinstance(inner, (exp.Subquery, exp.Unnest)):
                inner = inner.copy()
                inner.set("alias", node.args.get("alias"))
            else:
                inner = exp.Table(this=inner, alias=node.args.get("alias"))
            return self._from_item(inner, scope, lateral=True)
        if is_rows_from(node):
            plan, entry, depends = plan_rows_from(self, node, scope, alias)  # type: ignore[arg-type]
        elif isinstance(node, exp.Table) and isinstance(node.this, exp.Func) or isinstance(node, exp.Unnest):
            func = node if isinstance(node, exp.Unnest) else node.this
            fscope = Scope(parent=scope if scope.entries else scope.parent)
            compiler = ExprCompiler(self.env, fscope)
            from sql.functions_jsonrecord import RECORD_FUNCTIONS, column_definitions, compile_record_srf

            fname, fargs = srf_parts(func)
            record_fn = fname in RECORD_FUNCTIONS
            if record_fn:
                srf, args, cols = compile_record_srf(func, fname, fargs, compiler, column_definitions(alias_node))
            else:
                srf, args, cols = self.compile_srf(func, compiler)
            ordinality = bool(node.args.get("ordinality")) or bool(isinstance(node, exp.Unnest) and
                                                                    node.args.get("offset"))
            name, _ = srf_parts(func)
            scols = [ScopeColumn(n, t) for n, t in cols]
            # a function returning a plain value names its column after itself (or the alias); functions
            # with named output columns (jsonb_array_elements -> value) keep them
            if len(scols) == 1 and scols[0].name in (name, "?column?", ""):
                scols = [ScopeColumn(alias if alias and not col_aliases else name, scols[0].type)]
            if ordinality:
                off = node.args.get("offset")
                scols.append(ScopeColumn(identifier_name(off) if isinstance(off, exp.Identifier) else "ordinality",
                                         T.INT8))
            plan: Any = FunctionScan(srf, args, ordinality, len(scols))
            entry = RangeEntry(alias or name, scols, scalar=len(cols) == 1 and not ordinality and not record_fn)
            depends = bool(scope.entries)
        elif isinstance(node, exp.Table):
            name = identifier_name(node.this)
            cte = self._cte(name) if not node.args.get("db") else None
            if cte is not None:
                cols = [ScopeColumn(c.name, c.type, c.typmod) for c in cte.columns]
                plan = cte.scan if cte.plan is not None else WorkTableScan(cte.work_key)
                entry = RangeEntry(alias or name, cols)
            else:
                rel = self.resolve_table(node)
                if isinstance(rel, Sequence):
                    from sql.executor.sequence_scan import SEQUENCE_COLUMNS, SequenceScan

                    rel = SequenceRelation(rel, SequenceScan(rel), SEQUENCE_COLUMNS)
                cols = [ScopeColumn(c.name, c.type_oid, c.typmod, rel.oid, c.attnum) for c in rel.columns]
                view = getattr(rel, "view_query", None)
                if view is not None:
                    # the view's own relations are checked with the view owner's rights (PostgreSQL)
                    mark = len(self.env.privileges)
                    sub = self.plan_query(view(), None)
                    self.env.privileges[mark:] = [(r, letters, rel.owner)
                                                  for r, letters, *_ in self.env.privileges[mark:]]
                    plan = SubqueryScan(sub)
                    cols = [ScopeColumn(c.name, c.type, c.typmod) for c in sub.columns]
                else:
                    plan = rel.scan_plan() if hasattr(rel, "scan_plan") else TableAccess(rel)
                    if getattr(rel, "has_tableoid", False):
                        plan = rel.scan_plan_with_tableoid()
                        cols.append(ScopeColumn("tableoid", T.OID, hidden=True))
                    if isinstance(rel, Table) and not node.args.get("only") and self.env.catalog.children(rel.oid):
                        from sql.executor.partitions import inherit_scan  # the children's rows too

                        plan = inherit_scan(self.env.catalog, rel)
                        cols.append(ScopeColumn("tableoid", T.OID, hidden=True))
                    if getattr(rel, "row_security", ""):
                        from sql.executor.rls import secure_scan

                        plan = secure_scan(self.env, rel, plan)
                if node.args.get("sample") is not None:
                    from sql.plan_sample import plan_sample

                    plan = plan_sample(self.env, plan, node.args["sample"])
                row_locks, locked = getattr(self, "row_locks", None), None
                if row_locks is not None:  # SELECT ... FOR UPDATE: scan with row keys
                    plan, locked = row_locks.keyed_scan(plan, cols, alias or rel.name)
                entry = RangeEntry(alias or rel.name, cols, relation=rel if isinstance(rel, Table) else None,
                                   schema_name=None if alias else self.env.session.schema_name(rel, self.env.catalog))
                if locked is not None:
                    row_locks.locked.append((entry, rel, *locked))
        elif isinstance(node, exp.Subquery) and isinstance(node.this, exp.Table) and node.this.args.get("joins"):
            # (a JOIN b ...) AS j: the join's columns (as SELECT * shows them) under one name
            first = node.this.copy()
            joins = first.args.get("joins") or []
            first.set("joins", None)
            sub = self.plan_query(exp.Select(expressions=[exp.Star()], from_=exp.From(this=first), joins=joins),
                                  scope.parent)
            cols = [ScopeColumn(c.name, c.type, c.typmod) for c in sub.columns]
            plan = SubqueryScan(sub)
            entry = RangeEntry(alias or "unnamed_join", cols)
        elif isinstance(node, exp.Subquery):
            if alias is None and not lateral:
                raise SqlError(sqlstate.SYNTAX_ERROR, "subquery in FROM must have an alias",
                               hint='For example, FROM (SELECT ...) [AS] foo.')
            outer = scope if lateral and scope.entries else scope.parent
            sub = self.plan_query(node.this, outer)
            cols = [ScopeColumn(c.name, c.type, c.typmod) for c in sub.columns]
            if outer is None:
                sub, cols = defer_expensive_columns(node.this, sub, cols, self._no_volatile)
            plan = SharedSubqueryScan(sub, ("derived", node.this.sql("postgres"))) \
                if outer is None and self._shareable(node.this) else SubqueryScan(sub)
            entry = RangeEntry(alias or "unnamed_subquery", cols)
            depends = lateral and bool(scope.entries)
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
            entry.columns = [replace(c, name=col_aliases[i]) if i < len(col_aliases) else c
                             for i, c in enumerate(entry.columns)]
        return plan, entry, depends

    def _access_path(self, plan: Any, entry: RangeEntry, conjuncts: list[exp.Expression]) -> Any:
        """Pick a primary-key or index path for a single base table from WHERE conjuncts."""
        if isinstance(plan, KeyedScan):
            return KeyedScan(self._access_path(plan.access, entry, conjuncts))
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
        indexes = sorted((ix for ix in table.indexes if not ix.primary and not ix.exprs and not ix.predicate),
                         key=lambda ix: not ix.unique)
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
        joins = list(select.args.get("joins") or [])
        if from_ is None:
            return OneRow(), where
        first = from_.this
        items = list(first.expressions) if isinstance(first, exp.Tuple) else [first]
        items, joins, _reordered = comma_join_order(select, items, joins, where)
        group = _parenthesized_join(items[0])
        bases: list[tuple[RangeEntry, Any]] = []  # FROM items whose own conditions may filter their scan
        if group is not None:
            plan, group_entries = self._join_group(group, scope)
            for e in group_entries:
                scope.add(_copy_entry(e))
            entry = scope.entries[0]
        else:
            plan, entry, _dep = self._from_item(items[0], scope)
            _check_unique_name(scope, entry)
            scope.add(entry)
            bases.append((entry, plan))
        for extra in items[1:]:
            joins.insert(0, exp.Join(this=extra))
        if not joins:
            return (self._access_path(plan, entry, where) if group is None else plan), where
        for j in joins:
            group = _parenthesized_join(j.this)
            if group is not None:
                right_plan, group_entries = self._join_group(group, scope)
                depends = False
                right_entry = RangeEntry("", [c for e in group_entries for c in e.columns])
                right_scope = Scope([_copy_entry(e) for e in group_entries], parent=scope.parent)
            else:
                right_plan, right_entry, depends = self._from_item(j.this, scope)
                group_entries = []
                if not depends:
                    bases.append((right_entry, right_plan))
                right_scope = Scope([RangeEntry(right_entry.alias, right_entry.columns)], parent=scope.parent)
            kind = (j.args.get("side") or "").lower() or (j.args.get("kind") or "").lower() or "inner"
            if kind == "outer":
                kind = "full"
            left_width = scope.width
            left_entries = list(scope.entries)
            if group_entries:
                for e in group_entries:
                    _check_unique_name(scope, e)
                    scope.add(_copy_entry(e))
                right_entry.offset = left_width
            else:
                _check_unique_name(scope, right_entry)
                scope.add(right_entry)
            on = j.args.get("on")
            using = j.args.get("using")
            if (j.args.get("method") or "").upper() == "NATURAL":
                left_names = {c.name for e in left_entries for c in e.columns}
                using = [exp.to_identifier(c.name) for c in right_entry.columns if c.name in left_names]
                if not using:
                    on = exp.Boolean(this=True)
            if using:
                names = [identifier_name(u) for u in using]
                if names[-1].startswith(USING_ALIAS_MARK):  # JOIN ... USING (k) AS j
                    scope.join_aliases[names[-1][len(USING_ALIAS_MARK):]] = names[:-1]
                    names.pop()
                on = self._using_condition(scope, left_width, right_entry, names)
                self._check_using_types(scope, on, names)
                if kind in ("right", "full"):
                    for name in names:
                        lpos = scope.merged.pop(name)
                        rpos = right_entry.offset + next(i for i, c in enumerate(right_entry.columns)
                                                         if c.name == name)
                        if kind == "right":
                            scope.merged[name] = rpos
                        else:
                            scope.merged_full[name] = (lpos, rpos)
            width = len(right_entry.columns)
            if depends:
                if kind not in ("inner", "cross", "left"):
                    raise SqlError(sqlstate.INVALID_COLUMN_REFERENCE,
                                   "The combining JOIN type must be INNER or LEFT for a LATERAL reference.")
                cond = ExprCompiler(self.env, scope).compile_bool(on, "JOIN/ON") if on is not None else None
                plan = LateralJoin(plan, right_plan, cond, "left" if kind == "left" else "inner", width)
                continue
            if on is None and kind in ("inner", "cross") and where:
                # FROM a, b WHERE a.x = b.y: use the WHERE equalities that link the two sides as the join
                # condition, so the join can be a hash join
                left_scope = Scope(list(left_entries), parent=scope.parent)
                links = [c for c in where if isinstance(c, exp.EQ) and (
                    (_refs_only(c.this, left_scope) and _refs_only(c.expression, right_scope)) or
                    (_refs_only(c.expression, left_scope) and _refs_only(c.this, right_scope)))]
                if links:
                    where = [c for c in where if not any(c is x for x in links)]
                    on = _and_all(links)
            if on is None:
                if kind in ("left", "right", "full"):
                    raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error at or near \"JOIN\"")
                plan = NestedLoopJoin(plan, right_plan, None, "inner", left_width, width)
                continue
            plan = self._join(plan, right_plan, on, kind, scope, right_scope, left_width, width)
        return push_down(plan, bases, where, scope, self.env, is_srf_node)

    def _check_using_types(self, scope: Scope, on: exp.Expression, names: list[str]) -> None:
        c = ExprCompiler(self.env, scope)
        for name, cond in zip(names, _split_conjuncts(on)[: len(names)]):
            lt = c.compile(cond.this).type
            rt = c.compile(cond.expression).type
            try:
                common = T.common_type([lt, rt], "JOIN/USING")
            except SqlError:
                raise SqlError(sqlstate.DATATYPE_MISMATCH,
                               f"JOIN/USING types {T.type_name(lt)} and {T.type_name(rt)} cannot be matched") from None
            if common != lt and lt in T.INT_TYPES and rt in T.INT_TYPES:
                scope.merged_types[name] = common  # the merged column has the wider type

    def _join_group(self, table: exp.Table, scope: Scope) -> tuple[Any, list[RangeEntry]]:
        """`a JOIN (b JOIN c ON ...) ON ...`: plan the parenthesized join; its range entries stay visible."""
        first = table.copy()
        joins = first.args.get("joins") or []
        first.set("joins", None)
        inner = Scope(parent=scope.parent)
        plan, where = self._plan_from(exp.Select(from_=exp.From(this=first), joins=joins), inner, [])
        return plan, inner.entries

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
        if kind == "full" and not lkeys and any(isinstance(n, exp.Column) for n in on.walk()):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                           "FULL JOIN is only supported with merge-joinable or hash-joinable join conditions")
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

