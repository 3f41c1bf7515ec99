"""Planning of INSERT, UPDATE and DELETE (target table, column defaults, identity columns,
VALUES/SELECT sources, assignment coercion, ON CONFLICT, UPDATE ... FROM, DELETE ... USING,
RETURNING, the WHERE access path, constraint rules) on top of the query planner."""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.catalog import Table
from sql.dialect import PgDialect
from sql.errors import SqlError
from sql.executor.cte import RunFirst
from sql.executor.modify import DEFAULT, Delete, Insert, KeyedScan, OnConflict, Returning, Update
from sql.executor.project import Project
from sql.executor.ri import rules_for
from sql.executor.scan import OneRow, TableAccess, ValuesScan
from sql.expr import CExpr, ExprCompiler, const, identifier_name
from sql.planner import Planner, _and_all, _is_row_independent, _split_conjuncts
from sql.scope import RangeEntry, Scope, ScopeColumn

_TARGET_MARK = "__dml_target__"


def _identity_error(col: Any, update: bool = False) -> SqlError:
    if update:
        return SqlError(sqlstate.GENERATED_ALWAYS, f'column "{col.name}" can only be updated to DEFAULT',
                        detail=f'Column "{col.name}" is an identity column defined as GENERATED ALWAYS.')
    return SqlError(sqlstate.GENERATED_ALWAYS, f'cannot insert a non-DEFAULT value into column "{col.name}"',
                    detail=f'Column "{col.name}" is an identity column defined as GENERATED ALWAYS.',
                    hint="Use OVERRIDING SYSTEM VALUE to override.")


def _is_default(e: exp.Expression) -> bool:
    return isinstance(e, exp.Var) and e.name.upper() == "DEFAULT" or (
        isinstance(e, exp.Column) and not e.args.get("table") and isinstance(e.this, exp.Identifier)
        and not e.this.quoted and e.this.this.upper() == "DEFAULT")


class DmlPlanner(Planner):
    def plan_dml_statement(self, node: exp.Expression) -> tuple[Any, list[ScopeColumn]]:
        """INSERT/UPDATE/DELETE, with the CTEs of a WITH attached to the statement in scope."""
        method = {exp.Insert: self.plan_insert, exp.Update: self.plan_update, exp.Delete: self.plan_delete}
        with_ = node.args.get("with_")
        if with_ is None:
            return method[type(node)](node)  # type: ignore[operator]
        frame = self._plan_ctes(with_, None)
        self.ctes.append(frame)
        try:
            plan, cols = method[type(node)](node)  # type: ignore[operator]
        finally:
            self.ctes.pop()
        modifying = [d.scan for d in frame.values() if d.modifying]
        if modifying:
            plan = RunFirst(tuple(modifying), plan)
        return plan, cols

    _dml_target: tuple[Any, RangeEntry] | None = None

    def _table_scope(self, table: Table, alias: str | None = None) -> Scope:
        cols = [ScopeColumn(c.name, c.type_oid, c.typmod, table.oid, c.attnum) for c in table.columns]
        return Scope([RangeEntry(alias or table.name, cols, relation=table)])

    def _returning(self, node: exp.Expression, table: Table, scope: Scope) -> tuple[Returning | None,
                                                                                     list[ScopeColumn]]:
        ret = node.args.get("returning")
        if ret is None:
            return None, []
        self.env.privileges.append((table, "r"))
        c = ExprCompiler(self.env, scope)
        items = self._expand_stars(ret.expressions, scope)
        exprs = [self._finalize_output(c.compile(i)) for i in items]
        cols = [ScopeColumn(e.name, e.type, e.typmod, e.column[0], e.column[1]) for e in exprs]
        return Returning(tuple(exprs)), cols

    def column_default(self, table: Table, pos: int) -> CExpr | None:
        col = table.columns[pos]
        if col.default is None:
            return None
        import sqlglot

        node = sqlglot.parse_one(col.default, read=PgDialect)
        c = ExprCompiler(self.env, Scope())
        c._what = f'column "{col.name}"'
        return c.coerce(c.compile(node), col.type_oid, col.typmod, "assignment")

    def _rules(self, table: Table) -> Any:
        return rules_for(self.env.session, self.env.catalog, table)

    # INSERT --------------------------------------------------------------------------------------------
    def plan_insert(self, node: exp.Insert) -> tuple[Insert, list[ScopeColumn]]:
        target = node.this
        names: list[str] | None = None
        if isinstance(target, exp.Schema):
            names = [identifier_name(i) for i in target.expressions]
            target = target.this
        alias_node = target.args.get("alias")
        table = self.resolve_table(target, "a")
        if not isinstance(table, Table):
            kind = {"v": "view", "S": "sequence"}.get(getattr(table, "kind", ""), "relation")
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE if kind != "view" else sqlstate.FEATURE_NOT_SUPPORTED,
                           f'cannot insert into {kind} "{table.name}"' if kind != "relation"
                           else f'cannot insert into "{table.name}"')
        overriding = node.args.get("overriding")
        if names is None:
            positions = list(range(len(table.columns)))
        else:
            positions = []
            for n in names:
                p = table.column_positions.get(n)
                if p is None:
                    raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{n}" of relation "{table.name}" does not exist')
                if p in positions:
                    raise SqlError(sqlstate.DUPLICATE_COLUMN, f'column "{n}" specified more than once')
                positions.append(p)
        defaults = tuple(self.column_default(table, i) for i in range(len(table.columns)))
        src = node.expression
        c = ExprCompiler(self.env, Scope())
        use_default: set[int] = set()
        if node.args.get("default") or src is None:
            source: Any = OneRow()
            positions = []
        elif isinstance(src, exp.Values):
            rows = []
            widths = {len(t.expressions) if isinstance(t, exp.Tuple) else 1 for t in src.expressions}
            if len(widths) > 1:
                raise SqlError(sqlstate.SYNTAX_ERROR, "VALUES lists must all be the same length")
            for tup in src.expressions:
                exprs = list(tup.expressions) if isinstance(tup, exp.Tuple) else [tup]
                if len(exprs) > len(positions):
                    raise SqlError(sqlstate.SYNTAX_ERROR, "INSERT has more expressions than target columns")
                if len(exprs) < len(positions) and names is not None:
                    raise SqlError(sqlstate.SYNTAX_ERROR, "INSERT has more target columns than expressions")
                compiled = []
                for e, p in zip(exprs, positions):
                    col = table.columns[p]
                    if _is_default(e):
                        compiled.append(const(DEFAULT, T.UNKNOWN))
                        continue
                    if col.identity == "a" and overriding != "system" and overriding != "user":
                        raise _identity_error(col)
                    c._what = f'column "{col.name}"'
                    compiled.append(c.coerce(c.compile(e), col.type_oid, col.typmod, "assignment"))
                rows.append(tuple(compiled))
            positions = positions[: len(rows[0])] if rows else positions
            source = ValuesScan(tuple(rows))
        else:
            q = self.plan_query(src)
            if len(q.columns) > len(positions):
                raise SqlError(sqlstate.SYNTAX_ERROR, "INSERT has more expressions than target columns")
            positions = positions[: len(q.columns)]
            conv = []
            for i, (qc, p) in enumerate(zip(q.columns, positions)):
                col = table.columns[p]
                if col.identity == "a" and overriding not in ("system", "user"):
                    raise _identity_error(col)
                ref = CExpr(lambda row, ctx, i=i: row[i], qc.type, qc.typmod, position=i)
                c._what = f'column "{col.name}"'
                conv.append(c.coerce(ref, col.type_oid, col.typmod, "assignment"))
            source = Project(q.root, tuple(conv))
        if overriding == "user":
            use_default = {p for p in positions if table.columns[p].identity}
        alias = identifier_name(alias_node.this) if alias_node is not None else None
        scope = self._table_scope(table, alias)
        conflict = self._on_conflict(node, table, alias) if node.args.get("conflict") is not None else None
        returning, cols = self._returning(node, table, scope)
        return Insert(table, source, tuple(positions), defaults, returning, self._rules(table), conflict,
                      frozenset(use_default)), cols

    def _on_conflict(self, node: exp.Insert, table: Table, alias: str | None) -> OnConflict:
        oc = node.args["conflict"]
        action = (oc.args.get("action").name if oc.args.get("action") is not None else "").upper()
        keys = oc.args.get("conflict_keys")
        cname = oc.args.get("constraint")
        arbiters: list[Any] = []
        if cname is not None:
            name = identifier_name(cname)
            con = table.constraint(name)
            if con is None:
                raise SqlError(sqlstate.UNDEFINED_OBJECT,
                               f'constraint "{name}" for table "{table.name}" does not exist')
            if con.kind not in "pu":
                raise SqlError(sqlstate.WRONG_OBJECT_TYPE, "constraint in ON CONFLICT clause has no associated index")
            arbiters = [ix for ix in table.indexes if ix.oid == con.index_oid]
        elif keys:
            want = set()
            for k in keys:
                k = k.this if isinstance(k, exp.Ordered) else k
                if not isinstance(k, exp.Column):
                    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "ON CONFLICT on expressions is not supported yet")
                n = identifier_name(k.this)
                p = table.column_positions.get(n)
                if p is None:
                    raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{n}" does not exist')
                want.add(p)
            arbiters = [ix for ix in table.indexes if ix.unique and set(ix.columns) == want]
            if not arbiters:
                raise SqlError(sqlstate.INVALID_COLUMN_REFERENCE,
                               "there is no unique or exclusion constraint matching the ON CONFLICT specification")
        elif action == "DO UPDATE":
            raise SqlError(sqlstate.SYNTAX_ERROR, "ON CONFLICT DO UPDATE requires inference specification or "
                           "constraint name", hint="For example, ON CONFLICT (column_name).")
        else:
            arbiters = [ix for ix in table.indexes if ix.unique]
        if action != "DO UPDATE":
            return OnConflict(tuple(arbiters), "nothing")
        self.env.privileges.append((table, "w"))
        cols = [ScopeColumn(c.name, c.type_oid, c.typmod, table.oid, c.attnum) for c in table.columns]
        scope = Scope([RangeEntry(alias or table.name, cols, relation=table), RangeEntry("excluded", list(cols))])
        scope.entries[1].offset = len(cols)
        assigns = self._assignments(oc.expressions, table, scope)
        where = oc.args.get("where")
        pred = ExprCompiler(self.env, scope).compile_bool(where.this, "WHERE") if where is not None else None
        if where is not None or any(not _is_row_independent(a) for a in oc.expressions):
            self.env.privileges.append((table, "r"))
        return OnConflict(tuple(arbiters), "update", tuple(assigns), pred)

    # SET lists -----------------------------------------------------------------------------------------
    def _assignments(self, items: list[exp.Expression], table: Table, scope: Scope) -> list[tuple[int, CExpr]]:
        c = ExprCompiler(self.env, scope)
        out: list[tuple[int, CExpr]] = []
        seen: set[int] = set()
        pairs: list[tuple[exp.Expression, exp.Expression]] = []
        for a in items:
            lhs, rhs = a.this, a.expression
            if isinstance(lhs, exp.Tuple):
                targets = list(lhs.expressions)
                if isinstance(rhs, exp.Tuple):
                    values = list(rhs.expressions)
                elif isinstance(rhs, exp.Paren) and len(targets) == 1:
                    values = [rhs.this]
                else:
                    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                                   "multiple-column UPDATE from a sub-SELECT is not supported yet")
                if len(targets) != len(values):
                    raise SqlError(sqlstate.SYNTAX_ERROR,
                                   "number of columns does not match number of values")
                pairs.extend(zip(targets, values))
            else:
                pairs.append((lhs, rhs))
        for col_node, rhs in pairs:
            subscripted = col_node if isinstance(col_node, exp.Bracket) else None
            if subscripted is not None:
                from sql.dml_subscript import target_column

                col_node = target_column(col_node)
            name = identifier_name(col_node.this if isinstance(col_node, exp.Column) else col_node)
            p = table.column_positions.get(name)
            if p is None:
                raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{name}" of relation "{table.name}" does not exist')
            if p in seen:
                raise SqlError(sqlstate.SYNTAX_ERROR, f'multiple assignments to same column "{name}"')
            seen.add(p)
            col = table.columns[p]
            if _is_default(rhs):
                d = self.column_default(table, p)
                ce = d if d is not None else const(None, col.type_oid)
            else:
                if col.identity == "a":
                    raise _identity_error(col, update=True)
                c._what = f'column "{col.name}"'
                if subscripted is not None:
                    from sql.dml_subscript import subscripted_assignment

                    ce = subscripted_assignment(c, subscripted, col.type_oid, rhs)
                else:
                    ce = c.coerce(c.compile(rhs), col.type_oid, col.typmod, "assignment")
            out.append((p, ce))
        return out

    # FROM / USING joins --------------------------------------------------------------------------------
    def _from_item(self, node: exp.Expression, scope: Scope, *args: Any, **kw: Any) -> Any:
        if self._dml_target is not None and node.meta.get(_TARGET_MARK):
            plan, entry = self._dml_target
            self._dml_target = None
            return plan, entry, False
        return super()._from_item(node, scope, *args, **kw)

    def _joined(self, target: exp.Table, table: Table, alias: str | None, others: list[exp.Expression],
                where: list[exp.Expression], extra_joins: list[exp.Join] | None = None
                ) -> tuple[Any, Scope, list[exp.Expression]]:
        """Plan target JOIN others; rows are target columns, row key, stored row, other columns."""
        where = list(where)
        cols = [ScopeColumn(c.name, c.type_oid, c.typmod, table.oid, c.attnum) for c in table.columns]
        cols += [ScopeColumn("ctid", T.BYTEA, hidden=True), ScopeColumn("?stored?", T.BYTEA, hidden=True)]
        entry = RangeEntry(alias or table.name, cols, relation=table)
        marker = target.copy()
        marker.meta[_TARGET_MARK] = True
        self._dml_target = (KeyedScan(TableAccess(table)), entry)
        select = exp.Select(expressions=[exp.Star()])
        select.set("from_", exp.From(this=marker))
        names = [alias or table.name]
        joins = []
        for o in others:
            a = o.args.get("alias")
            oname = identifier_name(a.this) if a is not None and a.this is not None else (
                identifier_name(o.this) if isinstance(o, exp.Table) and isinstance(o.this, exp.Identifier) else None)
            on = []
            if oname is not None:
                for cj in list(where):  # equi-join conditions become the join's ON (hash join)
                    if isinstance(cj, exp.EQ) and all(isinstance(x, exp.Column) and x.args.get("table")
                                                      for x in (cj.this, cj.expression)):
                        quals = {identifier_name(cj.this.args["table"]), identifier_name(cj.expression.args["table"])}
                        if oname in quals and len(quals) == 2 and (quals - {oname}) <= set(names):
                            on.append(cj)
                            where.remove(cj)
                names.append(oname)
            joins.append(exp.Join(this=o, on=_and_all(on)) if on else exp.Join(this=o))
        joins.extend(extra_joins or [])  # FROM a JOIN b ON ...: the explicit joins keep their conditions
        select.set("joins", joins)
        scope = Scope()
        plan, where = self._plan_from(select, scope, where)
        return plan, scope, where

    def _target(self, node: exp.Expression, privilege: str) -> tuple[Table, str | None]:
        target = node.this
        alias_node = target.args.get("alias")
        table = self.resolve_table(target, privilege)
        if not isinstance(table, Table):
            kind = {"v": "view", "S": "sequence"}.get(getattr(table, "kind", ""), "relation")
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE if kind != "view" else sqlstate.FEATURE_NOT_SUPPORTED,
                           f'cannot change {kind} "{table.name}"')
        return table, identifier_name(alias_node.this) if alias_node is not None else None

    def plan_update(self, node: exp.Update) -> tuple[Update, list[ScopeColumn]]:
        table, alias = self._target(node, "w")
        from_ = node.args.get("from_") or node.args.get("from")
        where = node.args.get("where")
        conj = _split_conjuncts(where.this) if where is not None else []
        if from_ is not None:
            first = from_.this
            others = list(first.expressions) if isinstance(first, exp.Tuple) else [first]
            explicit: list[exp.Join] = []
            if not isinstance(first, exp.Tuple) and first.args.get("joins"):
                explicit = list(first.args["joins"])
                first = first.copy()
                first.set("joins", None)
                others[0] = first
            explicit += list(node.args.get("joins") or [])
            plan, scope, conj = self._joined(node.this, table, alias, others, conj, explicit)
        else:
            scope = self._table_scope(table, alias)
            plan = None
        assigns = self._assignments(node.expressions, table, scope)
        reads = any(not _is_row_independent(a.expression) for a in node.expressions)
        if conj or reads or from_ is not None:
            self.env.privileges.append((table, "r"))
        c = ExprCompiler(self.env, scope)
        pred = c.compile_bool(_and_all(conj), "WHERE") if conj else None
        if plan is None:
            access: Any = self._access_path(TableAccess(table), scope.entries[0], conj)
        else:
            access = plan
        returning, cols = self._returning(node, table, scope)
        recheckable = not any(isinstance(n, (exp.Subquery, exp.Select)) for n in node.walk())
        return Update(access, pred, tuple(assigns), returning, recheckable, self._rules(table), table,
                      from_ is not None), cols

    def plan_delete(self, node: exp.Delete) -> tuple[Delete, list[ScopeColumn]]:
        table, alias = self._target(node, "d")
        where = node.args.get("where")
        conj = _split_conjuncts(where.this) if where is not None else []
        using = node.args.get("using")
        if using:
            others: list[exp.Expression] = []
            explicit: list[exp.Join] = []
            for u in using:
                if isinstance(u, exp.Table) and u.args.get("joins"):
                    explicit += list(u.args["joins"])
                    u = u.copy()
                    u.set("joins", None)
                others.append(u)
            plan, scope, conj = self._joined(node.this, table, alias, others, conj, explicit)
        else:
            scope = self._table_scope(table, alias)
            plan = None
        if conj or using:
            self.env.privileges.append((table, "r"))
        c = ExprCompiler(self.env, scope)
        pred = c.compile_bool(_and_all(conj), "WHERE") if conj else None
        access = self._access_path(TableAccess(table), scope.entries[0], conj) if plan is None else plan
        returning, cols = self._returning(node, table, scope)
        recheckable = not any(isinstance(n, (exp.Subquery, exp.Select)) for n in node.walk())
        return Delete(access, pred, returning, recheckable, self._rules(table), table, bool(using)), cols
