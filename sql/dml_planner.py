"""Planning of INSERT, UPDATE and DELETE (target table, column defaults, identity columns,
VALUES/SELECT sources, assignment coercion, ON CONFLICT, UPDATE ... FROM, DELETE ... USING,
RETURNING, the WHERE access path, constraint rules) on top of the query planner."""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.catalog import Table, View
from sql.dialect import PgDialect
from sql.dml_subscript import compile_subscript_assignment, multi_column_subselect, subscript_parts
from sql.errors import SqlError
from sql.executor.cte import RunFirst
from sql.executor.modify import DEFAULT, Delete, Insert, KeyedScan, OnConflict, Returning, Update
from sql.executor.project import Project
from sql.executor.ri import rules_for
from sql.executor.scan import OneRow, TableAccess, ValuesScan
from sql.expr import CExpr, ExprCompiler, const, identifier_name
from sql.planner import Planner, _and_all, _is_row_independent, _split_conjuncts
from sql.scope import RangeEntry, Scope, ScopeColumn
from sql.updatable_view import plan_view_dml

_TARGET_MARK = "__dml_target__"


def _identity_error(col: Any, update: bool = False) -> SqlError:
    if update:
        return SqlError(sqlstate.GENERATED_ALWAYS, f'column "{col.name}" can only be updated to DEFAULT',
                        detail=f'Column "{col.name}" is an identity column defined as GENERATED ALWAYS.')
    return SqlError(sqlstate.GENERATED_ALWAYS, f'cannot insert a non-DEFAULT value into column "{col.name}"',
                    detail=f'Column "{col.name}" is an identity column defined as GENERATED ALWAYS.',
                    hint="Use OVERRIDING SYSTEM VALUE to override.")


def _no_window_functions(nodes: list[exp.Expression], statement: str) -> None:
    """42P20 for a window function at this query level (one inside a sub-SELECT is that query's own)."""
    for n in nodes:
        for sub in n.walk(prune=lambda x: isinstance(x, (exp.Select, exp.Subquery))):
            if isinstance(sub, exp.Window):
                raise SqlError(sqlstate.WINDOWING_ERROR, f"window functions are not allowed in {statement}")


def _is_default(e: exp.Expression) -> bool:
    return isinstance(e, exp.Var) and e.name.upper() == "DEFAULT" or (
        isinstance(e, exp.Column) and not e.args.get("table") and isinstance(e.this, exp.Identifier)
        and not e.this.quoted and e.this.this.upper() == "DEFAULT")


class DmlPlanner(Planner):
    def plan_dml_statement(self, node: exp.Expression) -> tuple[Any, list[ScopeColumn]]:
        """INSERT/UPDATE/DELETE, with the CTEs of a WITH attached to the statement in scope."""
        from sql.executor.partitions import plan_with_children

        method = {exp.Insert: self.plan_insert,
                  exp.Update: lambda n: plan_with_children(self, n, self.plan_update),
                  exp.Delete: lambda n: plan_with_children(self, n, self.plan_delete),
                  exp.Merge: self.plan_merge}
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
        if col.default is None or col.generated:
            return None if col.generated or not col.domain else self._domain_default(col)
        import sqlglot

        node = sqlglot.parse_one(col.default, read=PgDialect)
        c = ExprCompiler(self.env, Scope())
        c._what = f'column "{col.name}"'
        return c.coerce(c.compile(node), col.type_oid, col.typmod, "assignment")

    def _domain_default(self, col: Any) -> CExpr | None:
        dom = self.env.catalog.types.get(col.domain) if self.env.catalog is not None else None
        if dom is None or dom.default is None:
            return None
        import sqlglot

        c = ExprCompiler(self.env, Scope())
        c._what = f'column "{col.name}"'
        return c.coerce(c.compile(sqlglot.parse_one(dom.default, read=PgDialect)), col.type_oid, col.typmod,
                        "assignment")

    def _generated(self, table: Table) -> Any:
        from sql.executor.generated import generated_columns

        return generated_columns(self.env.session, self.env.catalog, table)

    def _rules(self, table: Table) -> Any:
        return rules_for(self.env.session, self.env.catalog, table)

    def plan_merge(self, node: exp.Merge) -> tuple[Any, list[ScopeColumn]]:
        from sql.merge_planner import plan_merge

        return plan_merge(self, node)

    # INSERT --------------------------------------------------------------------------------------------
    def plan_insert(self, node: exp.Insert) -> tuple[Any, list[ScopeColumn]]:
        target = node.this
        names: list[str] | None = None
        if isinstance(target, exp.Schema):
            names = [identifier_name(i) for i in target.expressions]
            target = target.this
        alias_node = target.args.get("alias")
        table = self.resolve_table(target, "a")
        if isinstance(table, View):
            return plan_view_dml(self, node, table, "insert")
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
                    if col.generated:
                        from sql.executor.generated import insert_error

                        raise insert_error(col.name)
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
            unknown = _unknown_literal_items(src)
            for i, (qc, p) in enumerate(zip(q.columns, positions)):
                col = table.columns[p]
                if col.identity == "a" and overriding not in ("system", "user"):
                    raise _identity_error(col)
                if col.generated:
                    from sql.executor.generated import insert_error

                    raise insert_error(col.name)
                ref = CExpr(lambda row, ctx, i=i: row[i], T.UNKNOWN if i in unknown else qc.type, qc.typmod,
                            position=i)
                c._what = f'column "{col.name}"'
                conv.append(c.coerce(ref, col.type_oid, col.typmod, "assignment"))
            source = Project(q.root, tuple(conv))
        for p in positions:
            self.env.privileges.note_write(table.oid, "a", table.columns[p].attnum)
        if overriding == "user":
            use_default = {p for p in positions if table.columns[p].identity}
        alias = identifier_name(alias_node.this) if alias_node is not None else None
        scope = self._table_scope(table, alias)
        if "xmax" not in table.column_positions:  # RETURNING (xmax = 0): inserted, not updated
            scope.entries[0].columns.append(ScopeColumn("xmax", T.INT8, hidden=True))
        conflict = self._on_conflict(node, table, alias) if node.args.get("conflict") is not None else None
        returning, cols = self._returning(node, table, scope)
        from sql.executor.partitions import router_for

        rls = None
        if getattr(table, "row_security", ""):
            from sql.executor.rls_writes import insert_security

            rls = insert_security(self.env, table, returning is not None,
                                  conflict is not None and conflict.action == "update")
        return Insert(table, source, tuple(positions), defaults, returning, self._rules(table), conflict,
                      frozenset(use_default), router_for(self.env.session, self.env.catalog, table),
                      self._generated(table), rls), cols

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
            want_exprs = set()
            for k in keys:
                k = k.this if isinstance(k, exp.Ordered) else k
                if isinstance(k, exp.Paren):
                    k = k.this
                if not isinstance(k, exp.Column):
                    want_exprs.add(k.sql("postgres"))
                    continue
                n = identifier_name(k.this)
                p = table.column_positions.get(n)
                if p is None:
                    raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{n}" does not exist')
                want.add(p)
            arbiters = [ix for ix in table.indexes if ix.unique and set(ix.columns) - {-1} == want
                        and set(ix.exprs) == want_exprs]
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
        subscripted: set[int] = set()
        pairs: list[tuple[exp.Expression, Any]] = []
        for a in items:
            lhs, rhs = a.this, a.expression
            if isinstance(lhs, exp.Tuple):
                targets = list(lhs.expressions)
                if isinstance(rhs, exp.Tuple):
                    values = list(rhs.expressions)
                elif isinstance(rhs, exp.Paren) and len(targets) == 1:
                    values = [rhs.this]
                elif isinstance(rhs, exp.Subquery):
                    values = multi_column_subselect(c, rhs, len(targets))
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
            col_node, subs = subscript_parts(col_node)
            if isinstance(col_node, exp.Column) and col_node.args.get("table") is not None:
                col_node = col_node.args["table"]  # SET t.a: PostgreSQL reads column t, field a
            name = identifier_name(col_node.this if isinstance(col_node, exp.Column) else col_node)
            p = table.column_positions.get(name)
            if p is None:
                raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{name}" of relation "{table.name}" does not exist')
            prior = next((i for i, (q, _e) in enumerate(out) if q == p), None) if subs else None
            if p in seen and (prior is None or p not in subscripted):
                raise SqlError(sqlstate.SYNTAX_ERROR, f'multiple assignments to same column "{name}"')
            seen.add(p)
            col = table.columns[p]
            self.env.privileges.note_write(table.oid, "w", col.attnum)
            if isinstance(rhs, CExpr):  # one column of a multiple-column sub-SELECT
                ce = c.coerce(rhs, col.type_oid, col.typmod, "assignment")
            elif subs:  # SET a[1] = x, a[2] = y: each element assignment applies to the previous result
                old = out.pop(prior)[1] if prior is not None else \
                    CExpr(lambda row, ctx, p=p: row[p], col.type_oid, col.typmod, position=p)
                subscripted.add(p)
                ce = compile_subscript_assignment(c, old, col.type_oid, col.typmod, subs, rhs)
            elif _is_default(rhs):
                d = self.column_default(table, p)
                ce = d if d is not None else const(None, col.type_oid)
            else:
                if col.identity == "a":
                    raise _identity_error(col, update=True)
                if col.generated:
                    from sql.executor.generated import update_error

                    raise update_error(col.name)
                c._what = f'column "{col.name}"'
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
        if not isinstance(table, (Table, View)):
            kind = {"v": "view", "S": "sequence"}.get(getattr(table, "kind", ""), "relation")
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE if kind != "view" else sqlstate.FEATURE_NOT_SUPPORTED,
                           f'cannot change {kind} "{table.name}"')
        return table, identifier_name(alias_node.this) if alias_node is not None else None

    def plan_update(self, node: exp.Update) -> tuple[Any, list[ScopeColumn]]:
        if node.args.get("limit") is not None or node.args.get("order") is not None:
            word = "LIMIT" if node.args.get("limit") is not None else "ORDER"
            raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{word}"')
        _no_window_functions(node.expressions, "UPDATE")
        table, alias = self._target(node, "w")
        if isinstance(table, View):
            return plan_view_dml(self, node, table, "update")
        from_ = node.args.get("from_") or node.args.get("from")
        if from_ is not None:
            _check_target_not_repeated(alias or table.name, [from_.this] + list(node.args.get("joins") or []))
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
        rls = None
        if getattr(table, "row_security", ""):
            from sql.executor.rls_writes import filtered, row_filter, update_checks

            reads_table = bool(where is not None or reads or from_ is not None or returning is not None)
            pred, rls = filtered(pred, row_filter(self.env, table, "w", reads_table)), \
                update_checks(self.env, table, reads_table)
        return Update(access, pred, tuple(assigns), returning, recheckable, self._rules(table), table,
                      from_ is not None, self._generated(table), rls), cols

    def plan_delete(self, node: exp.Delete) -> tuple[Any, list[ScopeColumn]]:
        table, alias = self._target(node, "d")
        if isinstance(table, View):
            return plan_view_dml(self, node, table, "delete")
        where = node.args.get("where")
        conj = _split_conjuncts(where.this) if where is not None else []
        using = node.args.get("using")
        if using:
            _check_target_not_repeated(alias or table.name, list(using))
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
        if getattr(table, "row_security", ""):
            from sql.executor.rls_writes import filtered, row_filter

            reads_table = bool(where is not None or using or returning is not None)
            pred = filtered(pred, row_filter(self.env, table, "d", reads_table))
        return Delete(access, pred, returning, recheckable, self._rules(table), table, bool(using)), cols


def _check_target_not_repeated(name: str, items: list[exp.Expression]) -> None:
    """UPDATE ... FROM / DELETE ... USING naming the target again without an alias: 42712."""
    for item in items:
        nodes = list(item.expressions) if isinstance(item, exp.Tuple) else [item]
        for n in list(nodes):
            n = n.this if isinstance(n, exp.Join) else n
            nodes.extend(j.this for j in n.args.get("joins") or [])
            alias = n.args.get("alias")
            if alias is not None and alias.this is not None:
                other = identifier_name(alias.this)
            elif isinstance(n, exp.Table) and isinstance(n.this, exp.Identifier):
                other = identifier_name(n.this)
            else:
                continue
            if other == name:
                raise SqlError(sqlstate.DUPLICATE_ALIAS, f'table name "{name}" specified more than once')


def _unknown_literal_items(src: exp.Expression) -> set[int]:
    """Positions of string literals in the select list of ``INSERT ... SELECT``: PostgreSQL leaves
    them of type unknown and converts them straight to the target column's type."""
    if not isinstance(src, exp.Select) or src.args.get("distinct"):
        return set()
    out = set()
    for i, e in enumerate(src.expressions):
        e = e.this if isinstance(e, exp.Alias) else e
        if isinstance(e, exp.Literal) and e.is_string:
            out.add(i)
    return out
