"""Planning of MERGE (see :mod:`sql.executor.merge`): target and source scopes, the ON
condition and its equality keys, and the WHEN clauses' conditions and actions."""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.catalog import Table
from sql.errors import SqlError
from sql.executor.merge import Merge, MergeClause
from sql.executor.modify import DEFAULT
from sql.expr import CExpr, ExprCompiler, const, identifier_name
from sql.planner import _split_conjuncts
from sql.scope import RangeEntry, Scope, ScopeColumn


def _alias_of(node: exp.Expression) -> str | None:
    a = node.args.get("alias")
    if a is not None and a.this is not None:
        return identifier_name(a.this)
    if isinstance(node, exp.Table) and isinstance(node.this, exp.Identifier):
        return identifier_name(node.this)
    return None


def plan_merge(pl: Any, node: exp.Merge) -> tuple[Merge, list[ScopeColumn]]:
    """pl: the statement's DmlPlanner."""
    if node.args.get("returning") is not None:
        raise SqlError(sqlstate.SYNTAX_ERROR, 'syntax error at or near "RETURNING"')
    whens = node.args["whens"].expressions
    letters = "".join(sorted({_letter(w.args.get("then")) for w in whens} - {""}))
    target = node.this
    table = pl.resolve_table(target, letters or None)
    if not isinstance(table, Table):
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'cannot execute MERGE on relation "{table.name}"')
    talias = _alias_of(target) or table.name
    using = node.args["using"]
    salias = _alias_of(using)
    if salias is None:
        raise SqlError(sqlstate.SYNTAX_ERROR, "subquery in FROM must have an alias")
    if salias == talias:
        raise SqlError(sqlstate.DUPLICATE_ALIAS, f'name "{talias}" specified more than once',
                       detail="The name is used both as MERGE target table and data source.")
    select = exp.Select(expressions=[exp.Star()])
    select.set("from_", exp.From(this=using.copy()))
    src = pl.plan_query(select)
    scols = [ScopeColumn(c.name, c.type, c.typmod) for c in src.columns]
    tcols = [ScopeColumn(c.name, c.type_oid, c.typmod, table.oid, c.attnum) for c in table.columns]
    hidden = [ScopeColumn("ctid", T.BYTEA, hidden=True), ScopeColumn("?stored?", T.BYTEA, hidden=True)]
    scope = Scope()
    scope.add(RangeEntry(talias, tcols + hidden, relation=table))
    scope.add(RangeEntry(salias, scols))
    c = ExprCompiler(pl.env, scope)
    on_node = node.args["on"]
    on = c.compile_bool(on_node, "JOIN/ON")
    tkey, skey = _equality_keys(pl, on_node, talias, tcols, table, salias, scols)
    pl.env.privileges.append((table, "r"))
    clauses = []
    for w in whens:
        if w.args.get("source"):
            raise SqlError(sqlstate.SYNTAX_ERROR, 'syntax error at or near "BY"')
        matched = bool(w.args.get("matched"))
        cond_node = w.args.get("condition")
        if not matched:
            _no_target_refs([cond_node, w.args.get("then")], talias)
        cond = c.compile_bool(cond_node, "WHEN") if cond_node is not None else None
        clauses.append(_clause(pl, c, w.args.get("then"), matched, cond, table, scope))
    defaults = tuple(pl.column_default(table, i) for i in range(len(table.columns)))
    rls = None
    if getattr(table, "row_security", ""):
        from sql.executor.rls_writes import merge_security

        rls = merge_security(pl.env, table)
    return Merge(table, src.root, on, tuple(clauses), defaults, tkey, skey, pl._rules(table), rls), []


def _letter(then: Any) -> str:
    if isinstance(then, exp.Update):
        return "w"
    if isinstance(then, exp.Insert):
        return "a"
    if isinstance(then, exp.Var) and then.name.upper() == "DELETE":
        return "d"
    return ""


def _clause(pl: Any, c: ExprCompiler, then: Any, matched: bool, cond: CExpr | None, table: Table,
            scope: Scope) -> MergeClause:
    if isinstance(then, exp.Var):
        word = then.name.upper()
        if word == "DO NOTHING":
            return MergeClause(matched, cond, "nothing")
        if word == "DELETE" and matched:
            return MergeClause(matched, cond, "delete")
        raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{then.name}"')
    if isinstance(then, exp.Update):
        if not matched:
            raise SqlError(sqlstate.SYNTAX_ERROR, 'syntax error at or near "UPDATE"')
        return MergeClause(matched, cond, "update", tuple(pl._assignments(then.expressions, table, scope)))
    if isinstance(then, exp.Insert):
        if matched:
            raise SqlError(sqlstate.SYNTAX_ERROR, 'syntax error at or near "INSERT"')
        return _insert_clause(pl, c, then, cond, table)
    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "this MERGE action is not supported yet")


def _insert_clause(pl: Any, c: ExprCompiler, then: exp.Insert, cond: CExpr | None, table: Table) -> MergeClause:
    from sql.dml_planner import _identity_error, _is_default

    cols = then.this
    values = then.args.get("expression")
    names = list(cols.expressions) if isinstance(cols, exp.Tuple) else []
    if values is None and len(names) == 1 and _is_default(names[0]):  # INSERT DEFAULT VALUES
        return MergeClause(False, cond, "insert")
    if isinstance(values, exp.Values):
        if len(values.expressions) != 1:
            raise SqlError(sqlstate.SYNTAX_ERROR, 'syntax error at or near ","')
        values = values.expressions[0]
    items = list(values.expressions) if isinstance(values, exp.Tuple) else [values] if values is not None else []
    if names:
        positions = []
        for n in names:
            name = identifier_name(n.this if isinstance(n, exp.Column) else n)
            p = table.column_positions.get(name)
            if p is None:
                raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{name}" of relation "{table.name}" does not exist')
            if p in positions:
                raise SqlError(sqlstate.DUPLICATE_COLUMN, f'column "{name}" specified more than once')
            positions.append(p)
    else:
        positions = list(range(len(table.columns)))
    if len(items) > len(positions):
        raise SqlError(sqlstate.SYNTAX_ERROR, "INSERT has more expressions than target columns")
    if len(items) < len(positions) and names:
        raise SqlError(sqlstate.SYNTAX_ERROR, "INSERT has more target columns than expressions")
    positions = positions[: len(items)]
    compiled = []
    for e, p in zip(items, positions):
        col = table.columns[p]
        if _is_default(e):
            compiled.append(const(DEFAULT, T.UNKNOWN))
            continue
        if col.identity == "a":
            raise _identity_error(col)
        c._what = f'column "{col.name}"'
        compiled.append(c.coerce(c.compile(e), col.type_oid, col.typmod, "assignment"))
    return MergeClause(False, cond, "insert", positions=tuple(positions), values=tuple(compiled))


def _equality_keys(pl: Any, on_node: exp.Expression, talias: str, tcols: list[ScopeColumn], table: Table,
                   salias: str, scols: list[ScopeColumn]) -> tuple[tuple[CExpr, ...], tuple[CExpr, ...]]:
    """ON conjuncts `target expr = source expr`: compiled over the target row and the source row."""
    tscope = Scope()
    tscope.add(RangeEntry(talias, list(tcols), relation=table))
    sscope = Scope()
    sscope.add(RangeEntry(salias, list(scols)))
    tc, sc = ExprCompiler(pl.env, tscope), ExprCompiler(pl.env, sscope)
    tkeys: list[CExpr] = []
    skeys: list[CExpr] = []
    for cj in _split_conjuncts(on_node):
        if not isinstance(cj, exp.EQ):
            continue
        for a, b in ((cj.this, cj.expression), (cj.expression, cj.this)):
            if not (isinstance(a, exp.Column) and isinstance(b, exp.Column)):
                continue
            try:
                ta, sb = tc.compile(a), sc.compile(b)
            except SqlError:
                continue
            if ta.type == sb.type:
                tkeys.append(ta)
                skeys.append(sb)
                break
    return tuple(tkeys), tuple(skeys)


def _no_target_refs(nodes: list[Any], talias: str) -> None:
    """WHEN NOT MATCHED has no target row: naming the target there is 42P01, as in PostgreSQL."""
    for n in nodes:
        if not isinstance(n, exp.Expression):
            continue
        for col in n.find_all(exp.Column):
            q = col.args.get("table")
            if q is not None and identifier_name(q) == talias:
                raise SqlError(sqlstate.UNDEFINED_TABLE,
                               f'invalid reference to FROM-clause entry for table "{talias}"',
                               hint=f'There is an entry for table "{talias}", but it cannot be referenced from '
                                    "this part of the query.")
