"""Planning of INSERT, UPDATE and DELETE (target table, column defaults, VALUES/SELECT
sources, assignment coercion, RETURNING, the WHERE access path) on top of the query planner."""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.catalog import Table
from sql.errors import SqlError
from sql.executor.modify import DEFAULT, Delete, Insert, Returning, Update
from sql.executor.project import Project
from sql.executor.scan import OneRow, TableAccess, ValuesScan
from sql.expr import CExpr, ExprCompiler, const, identifier_name
from sql.planner import Planner, _and_all, _is_row_independent, _split_conjuncts
from sql.scope import RangeEntry, Scope, ScopeColumn


class DmlPlanner(Planner):
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

        node = sqlglot.parse_one(col.default, read="postgres")
        c = ExprCompiler(self.env, Scope())
        c._what = f'column "{col.name}"'
        return c.coerce(c.compile(node), col.type_oid, col.typmod, "assignment")

    def plan_insert(self, node: exp.Insert) -> tuple[Insert, list[ScopeColumn]]:
        target = node.this
        names: list[str] | None = None
        if isinstance(target, exp.Schema):
            names = [identifier_name(i) for i in target.expressions]
            target = target.this
        alias_node = target.args.get("alias")
        table = self.resolve_table(target, "a")
        if not isinstance(table, Table):
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'cannot insert into "{table.name}"')
        if node.args.get("conflict") is not None:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "ON CONFLICT is not supported yet")
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
        if node.args.get("default") or src is None:
            source: Any = OneRow()
            positions = []
        elif isinstance(src, exp.Values):
            rows = []
            for tup in src.expressions:
                exprs = list(tup.expressions) if isinstance(tup, exp.Tuple) else [tup]
                if len(exprs) > len(positions):
                    raise SqlError(sqlstate.SYNTAX_ERROR, "INSERT has more expressions than target columns")
                if len(exprs) < len(positions) and names is not None:
                    raise SqlError(sqlstate.SYNTAX_ERROR, "INSERT has more target columns than expressions")
                compiled = []
                for e, p in zip(exprs, positions):
                    if isinstance(e, exp.Var) and e.name.upper() == "DEFAULT":
                        compiled.append(const(DEFAULT, T.UNKNOWN))
                        continue
                    col = table.columns[p]
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
                ref = CExpr(lambda row, ctx, i=i: row[i], qc.type, qc.typmod, position=i)
                c._what = f'column "{col.name}"'
                conv.append(c.coerce(ref, col.type_oid, col.typmod, "assignment"))
            source = Project(q.root, tuple(conv))
        scope = self._table_scope(table, identifier_name(alias_node.this) if alias_node is not None else None)
        returning, cols = self._returning(node, table, scope)
        return Insert(table, source, tuple(positions), defaults, returning), cols

    def _dml_target(self, node: exp.Expression, privilege: str) -> tuple[Table, Scope]:
        target = node.this
        alias_node = target.args.get("alias")
        table = self.resolve_table(target, privilege)
        if not isinstance(table, Table):
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'cannot change relation "{table.name}"')
        alias = identifier_name(alias_node.this) if alias_node is not None else None
        return table, self._table_scope(table, alias)

    def plan_update(self, node: exp.Update) -> tuple[Update, list[ScopeColumn]]:
        table, scope = self._dml_target(node, "w")
        if node.args.get("from") or node.args.get("from_"):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "UPDATE ... FROM is not supported yet")
        c = ExprCompiler(self.env, scope)
        assigns = []
        reads = False
        for a in node.expressions:
            col_node = a.this
            name = identifier_name(col_node.this if isinstance(col_node, exp.Column) else col_node)
            p = table.column_positions.get(name)
            if p is None:
                raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{name}" of relation "{table.name}" does not exist')
            col = table.columns[p]
            rhs = a.expression
            if isinstance(rhs, exp.Var) and rhs.name.upper() == "DEFAULT":
                d = self.column_default(table, p)
                ce = d if d is not None else const(None, col.type_oid)
            else:
                reads = reads or not _is_row_independent(rhs)
                c._what = f'column "{col.name}"'
                ce = c.coerce(c.compile(rhs), col.type_oid, col.typmod, "assignment")
            assigns.append((p, ce))
        where = node.args.get("where")
        conj = _split_conjuncts(where.this) if where is not None else []
        if conj or reads:
            self.env.privileges.append((table, "r"))
        pred = c.compile_bool(_and_all(conj), "WHERE") if conj else None
        access = self._access_path(TableAccess(table), scope.entries[0], conj)
        returning, cols = self._returning(node, table, scope)
        recheckable = not any(isinstance(n, (exp.Subquery, exp.Select)) for n in node.walk())
        return Update(access, pred, tuple(assigns), returning, recheckable), cols

    def plan_delete(self, node: exp.Delete) -> tuple[Delete, list[ScopeColumn]]:
        table, scope = self._dml_target(node, "d")
        if node.args.get("using"):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "DELETE ... USING is not supported yet")
        where = node.args.get("where")
        conj = _split_conjuncts(where.this) if where is not None else []
        if conj:
            self.env.privileges.append((table, "r"))
        c = ExprCompiler(self.env, scope)
        pred = c.compile_bool(_and_all(conj), "WHERE") if conj else None
        access = self._access_path(TableAccess(table), scope.entries[0], conj)
        returning, cols = self._returning(node, table, scope)
        recheckable = not any(isinstance(n, (exp.Subquery, exp.Select)) for n in node.walk())
        return Delete(access, pred, returning, recheckable), cols


