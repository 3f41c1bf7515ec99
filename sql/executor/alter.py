"""ALTER TABLE / VIEW / INDEX / SEQUENCE (PostgreSQL's tablecmds.c), and the dispatch of the
statements parsed by :mod:`sql.ddl_parser`.

Each action installs a new catalog snapshot. Actions that change the stored row shape or key
(ADD/DROP COLUMN, ALTER COLUMN TYPE, ADD/DROP PRIMARY KEY) rewrite the table into fresh
storage (:func:`sql.executor.ddl_util.rewrite_table`), streaming rows into the write set.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sql import ddl_parser as P
from sql import sqlstate
from sql import typesys as T
from sql.catalog import Catalog, Index, Sequence, Table, View, replace_table
from sql.constraints import compile_check, rename_column_in_expr
from sql.ddl_parser import AlterTableStmt, AlterTypeStmt, CommentStmt, DdlStmt, SequenceStmt
from sql.dialect import PgDialect
from sql.error_objects import about
from sql.errors import SqlError
from sql.executor import ddl_util as U
from sql.executor.ddl_util import done, notice
from sql.executor.ri import check_references, rules_for
from sql.executor.tabledef import (
    ConstraintAdder,
    column_spec,
    nextval_default,
    sequence_for_column,
    table_constraint_specs,
)
from sql.expr import CompileEnv, Ctx, ExprCompiler
from sql.limits import check_table_columns
from sql.lock_waits import ACCESS_EXCLUSIVE, lock_relation
from sql.result import Result


def execute_ddl(session: Any, u: DdlStmt) -> Result:
    from sql.executor import objects

    if isinstance(u, AlterTableStmt):
        return alter_relation(session, u)
    if isinstance(u, SequenceStmt):
        return objects.sequence_statement(session, u)
    if isinstance(u, AlterTypeStmt):
        return objects.alter_type(session, u)
    if isinstance(u, CommentStmt):
        return objects.comment_statement(session, u)
    from sql.executor import txcontrol

    if isinstance(u, (txcontrol.LockStmt, txcontrol.SetConstraintsStmt)):
        return txcontrol.execute(session, u)
    from sql.executor import usertypes

    handled = usertypes.execute_object_ddl(session, u)
    if handled is not None:
        return handled
    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "statement is not supported yet")


def _ctx(session: Any) -> Ctx:
    return Ctx([], session.txn(), session, datetime.now(UTC))


def alter_relation(session: Any, u: AlterTableStmt) -> Result:
    tag = f"ALTER {u.kind}"
    notices: list[SqlError] = []
    catalog = session.catalog()
    if u.kind == "INDEX":
        return _alter_index(session, u, tag)
    rel = U.lookup(session, catalog, u.schema, u.name)
    if rel is None:
        if u.if_exists:
            return done(tag, [notice(f'relation "{u.name}" does not exist, skipping')])
        raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{u.name}" does not exist')
    if u.kind == "VIEW" and rel.kind != "v":
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{rel.name}" is not a view')
    if u.kind == "SEQUENCE" and rel.kind != "S":
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{rel.name}" is not a sequence')
    U.require_owner(session, rel)
    lock_relation(session, rel, ACCESS_EXCLUSIVE)
    for action in u.actions:
        catalog = session.catalog()
        rel = catalog.relations[rel.oid]
        if isinstance(action, tuple):  # ALTER SEQUENCE options mixed with actions
            from sql.executor.objects import alter_sequence

            alter_sequence(session, catalog, rel, action[1], None)
            continue
        handler = _GENERIC.get(type(action))
        if handler is not None:
            handler(session, catalog, rel, action, notices)
            continue
        if isinstance(rel, View) and isinstance(action, P.SetDefault):  # view column defaults
            _set_default(session, catalog, rel, action, notices)  # type: ignore[arg-type]
            continue
        if not isinstance(rel, Table):
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{rel.name}" is not a table')
        _TABLE_ACTIONS[type(action)](session, catalog, rel, action, notices)
    return done(tag, notices)


def _alter_index(session: Any, u: AlterTableStmt, tag: str) -> Result:
    catalog = session.catalog()
    found = None
    for s in ([u.schema] if u.schema else session.search_path()):
        sch = catalog.schema(s)
        if sch is not None and catalog.index_by_name(sch.oid, u.name):
            found = catalog.index_by_name(sch.oid, u.name)
            break
    if found is None:
        if u.if_exists:
            return done(tag, [notice(f'relation "{u.name}" does not exist, skipping')])
        raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{u.name}" does not exist')
    table, index = found
    U.require_owner(session, table)
    for action in u.actions:
        if not isinstance(action, P.RenameRelation):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "only ALTER INDEX ... RENAME TO is supported")
        if catalog.name_taken(table.schema_oid, action.new):
            raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{action.new}" already exists')
        _rename_index(session, catalog, table, index, action.new)
    return done(tag)


def _rename_index(session: Any, catalog: Catalog, table: Table, index: Index, new: str) -> Catalog:
    indexes = tuple(replace_table(ix, name=new) if ix.oid == index.oid else ix for ix in table.indexes)
    cons = tuple(replace_table(c, name=new) if c.kind in "pu" and c.index_oid == index.oid else c
                 for c in table.constraints)
    return U.write_relation(session, catalog, replace_table(table, indexes=indexes, constraints=cons))


# actions valid for any relation ----------------------------------------------------------------------
def _rename_relation(session: Any, catalog: Catalog, rel: Any, a: P.RenameRelation, notices: list) -> None:
    if catalog.name_taken(rel.schema_oid, a.new):
        raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{a.new}" already exists')
    catalog = U.write_relation(session, catalog, replace_table(rel, name=a.new))
    from sql.executor.view_rename import relation_renamed

    relation_renamed(session, catalog, rel, rel.name, catalog.schemas[rel.schema_oid].name, new_name=a.new)


def _owner_to(session: Any, catalog: Catalog, rel: Any, a: P.OwnerTo, notices: list) -> None:
    role = session.instance.cluster().roles.get(a.role)
    if role is None:
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{a.role}" does not exist')
    if not session.is_superuser and role.oid not in session.role_memberships():
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f'must be member of role "{a.role}"')
    from auth.privileges import SEQUENCE_ALL, TABLE_ALL, new_owner_acl

    def moved(r: Any) -> Any:  # the ACL follows the owner, as in PostgreSQL
        letters = SEQUENCE_ALL if isinstance(r, Sequence) else TABLE_ALL
        return replace_table(r, owner=role.oid, acl=new_owner_acl(r.acl, r.owner, role.oid, letters))

    catalog = U.write_relation(session, catalog, moved(rel))
    for other in list(catalog.relations.values()):
        if isinstance(other, Sequence) and other.owned_by and other.owned_by[0] == rel.oid:
            catalog = U.write_relation(session, catalog, moved(other))


def _set_schema(session: Any, catalog: Catalog, rel: Any, a: P.SetSchema, notices: list) -> None:
    s = catalog.schema(a.schema)
    if s is None:
        raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{a.schema}" does not exist')
    if catalog.name_taken(s.oid, rel.name):
        raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{rel.name}" already exists in schema "{a.schema}"')
    catalog = U.write_relation(session, catalog, replace_table(rel, schema_oid=s.oid))
    for other in list(catalog.relations.values()):
        if isinstance(other, Sequence) and other.owned_by and other.owned_by[0] == rel.oid:
            catalog = U.write_relation(session, catalog, replace_table(other, schema_oid=s.oid))
    from sql.executor.view_rename import relation_renamed

    old_schema = catalog.schemas[rel.schema_oid].name
    relation_renamed(session, catalog, rel, rel.name, old_schema, new_schema=a.schema)


def _rename_column(session: Any, catalog: Catalog, rel: Any, a: P.RenameColumn, notices: list) -> None:
    p = rel.column_positions.get(a.old)
    if p is None:
        raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{a.old}" does not exist')
    if a.new in rel.column_positions:
        raise SqlError(sqlstate.DUPLICATE_COLUMN, f'column "{a.new}" of relation "{rel.name}" already exists')
    cols = list(rel.columns)
    cols[p] = replace_table(cols[p], name=a.new)
    changes: dict[str, Any] = {"columns": tuple(cols)}
    if isinstance(rel, Table):
        changes["constraints"] = tuple(
            replace_table(c, expr=rename_column_in_expr(c.expr, a.old, a.new)) if c.kind == "c" and a.old in c.expr
            else c for c in rel.constraints)
    catalog = U.write_relation(session, catalog, replace_table(rel, **changes))
    from sql.executor.view_rename import column_renamed

    column_renamed(session, catalog, rel, a.old, a.new)


_GENERIC: dict[type, Any] = {P.RenameRelation: _rename_relation, P.OwnerTo: _owner_to, P.SetSchema: _set_schema,
                             P.RenameColumn: _rename_column}


# table actions ----------------------------------------------------------------------------------------
def _column(table: Table, name: str) -> int:
    p = table.column_positions.get(name)
    if p is None:
        raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{name}" of relation "{table.name}" does not exist')
    return p


def _contains_nulls(table: Table, col: str) -> SqlError:
    return about(SqlError(sqlstate.NOT_NULL_VIOLATION,
                          f'column "{col}" of relation "{table.name}" contains null values'), table, column=col)


def _add_column(session: Any, catalog: Catalog, table: Table, a: P.AddColumn, notices: list) -> None:
    spec = column_spec(session, a.coldef, table.name, notices)
    name = spec.column.name
    if name in table.column_positions:
        if a.if_not_exists:
            notices.append(notice(f'column "{name}" of relation "{table.name}" already exists, skipping',
                                  sqlstate.DUPLICATE_COLUMN))
            return
        raise SqlError(sqlstate.DUPLICATE_COLUMN, f'column "{name}" of relation "{table.name}" already exists')
    attnum = table.attnum_for_new_column()
    check_table_columns(attnum)
    col = replace_table(spec.column, attnum=attnum)
    if spec.serial or spec.identity is not None:
        schema = catalog.schemas[table.schema_oid]
        seq = sequence_for_column(session, catalog, schema, table.oid, table.name, col,
                                  {k: v for k, v in (spec.identity or {}).items() if k != "always"},
                                  spec.identity is not None, set())
        catalog = U.write_relation(session, catalog, seq)
        col = replace_table(col, default=nextval_default(catalog, seq))
    new = replace_table(table, columns=table.columns + (col,), next_attnum=attnum + 1)
    pos = len(table.columns)
    default = U.planner(session, catalog).column_default(new, pos) if col.default is not None else None
    ctx = _ctx(session)
    if col.not_null and default is None and next(U.table_rows(session, table), None) is not None:
        raise _contains_nulls(table, name)

    def widen(row: tuple[Any, ...]) -> tuple[Any, ...]:
        v = default.fn((), ctx) if default is not None else None
        if v is None and col.not_null:
            raise _contains_nulls(table, name)
        return row + (v,)

    new = U.rewrite_table(session, table, new, widen)
    catalog = U.write_relation(session, catalog, new)
    if spec.constraints:
        _add_constraints(session, catalog, new, spec.constraints, notices)


def _drop_column(session: Any, catalog: Catalog, table: Table, a: P.DropColumn, notices: list) -> None:
    p = table.column_positions.get(a.name)
    if p is None:
        if a.if_exists:
            notices.append(notice(f'column "{a.name}" of relation "{table.name}" does not exist, skipping'))
            return
        raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{a.name}" of relation "{table.name}" does not exist')
    col = table.columns[p]
    deps = []
    for child, con in catalog.referencing(table.oid):
        if p in con.ref_columns and child.oid != table.oid:
            deps.append((con.oid, f"constraint {con.name} on table {child.name}", (child, con)))
    for v in catalog.relations.values():
        if isinstance(v, View) and (table.oid, col.attnum) in v.column_deps:
            deps.append((v.oid, f"view {v.name}", v))
    deps.sort(key=lambda d: d[0])
    if deps and not a.cascade:
        raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST,
                       f"cannot drop column {a.name} of table {table.name} because other objects depend on it",
                       detail="\n".join(f"{d[1]} depends on column {a.name} of table {table.name}" for d in deps),
                       hint="Use DROP ... CASCADE to drop the dependent objects too.")
    if deps:
        from sql.executor.ddl import drop_objects

        if len(deps) == 1:
            notices.append(notice(f"drop cascades to {deps[0][1]}"))
        else:
            notices.append(notice(f"drop cascades to {len(deps)} other objects",
                                  detail="\n".join(f"drop cascades to {d[1]}" for d in deps)))
        for _o, _d, obj in deps:
            if isinstance(obj, View):
                catalog = drop_objects(session, catalog, [obj], True, None)
            else:
                child = catalog.relations[obj[0].oid]
                catalog = U.write_relation(session, catalog, replace_table(
                    child, constraints=tuple(c for c in child.constraints if c.oid != obj[1].oid)))
        table = catalog.relations[table.oid]

    def remap(cols: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(c - 1 if c > p else c for c in cols)

    indexes = tuple(replace_table(ix, columns=remap(ix.columns)) for ix in table.indexes if p not in ix.columns)
    kept_ix = {ix.oid for ix in indexes}
    cons = []
    for c in table.constraints:
        if c.kind in "pu" and c.index_oid not in kept_ix:
            continue
        if c.kind == "c" and a.name in compile_refs(c.expr):
            continue
        if c.kind == "f" and (p in c.columns or (c.ref_table == table.oid and p in c.ref_columns)):
            continue
        cons.append(replace_table(c, columns=remap(c.columns),
                                  ref_columns=remap(c.ref_columns) if c.ref_table == table.oid else c.ref_columns))
    cols = table.columns[:p] + table.columns[p + 1:]
    new = replace_table(table, columns=cols, indexes=indexes, constraints=tuple(cons),
                        next_attnum=table.attnum_for_new_column())
    new = U.rewrite_table(session, table, new, lambda row: row[:p] + row[p + 1:])
    catalog = U.write_relation(session, catalog, new)
    for child, con in list(catalog.referencing(table.oid)):
        if child.oid != table.oid:
            fixed = tuple(replace_table(c, ref_columns=remap(c.ref_columns)) if c.oid == con.oid else c
                          for c in child.constraints)
            catalog = U.write_relation(session, catalog, replace_table(catalog.relations[child.oid],
                                                                       constraints=fixed))
    for other in list(catalog.relations.values()):
        if isinstance(other, Sequence) and other.owned_by == (table.oid, col.attnum):
            from sql.executor.ddl import drop_relation

            catalog = drop_relation(session, catalog, other)


def compile_refs(expr: str) -> set[str]:
    import sqlglot

    from sql.constraints import check_column_refs

    return set(check_column_refs(sqlglot.parse_one(expr, read=PgDialect)))


def _set_default(session: Any, catalog: Catalog, table: Table, a: P.SetDefault, notices: list) -> None:
    p = _column(table, a.column)
    col = table.columns[p]
    if col.identity:
        raise SqlError(sqlstate.SYNTAX_ERROR, f'column "{col.name}" of relation "{table.name}" is an identity column',
                       hint="Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead." if a.expr is None else None)
    cols = list(table.columns)
    cols[p] = replace_table(col, default=a.expr.sql("postgres") if a.expr is not None else None)
    new = replace_table(table, columns=tuple(cols))
    if a.expr is not None:
        U.planner(session, catalog).column_default(new, p)
    U.write_relation(session, catalog, new)


def _set_not_null(session: Any, catalog: Catalog, table: Table, a: P.SetNotNull, notices: list) -> None:
    p = _column(table, a.column)
    col = table.columns[p]
    if a.not_null:
        if any(row[p] is None for row in U.table_rows(session, table)):
            raise _contains_nulls(table, col.name)
    else:
        pk = table.primary_key
        if pk is not None and p in pk.columns:
            raise SqlError(sqlstate.INVALID_TABLE_DEFINITION, f'column "{col.name}" is in a primary key')
        if col.identity:
            raise SqlError(sqlstate.INVALID_TABLE_DEFINITION,
                           f'column "{col.name}" of relation "{table.name}" is an identity column')
    cols = list(table.columns)
    cols[p] = replace_table(col, not_null=a.not_null)
    U.write_relation(session, catalog, replace_table(table, columns=tuple(cols)))


def _alter_type(session: Any, catalog: Catalog, table: Table, a: P.AlterType, notices: list) -> None:
    p = _column(table, a.column)
    col = table.columns[p]
    for v in catalog.relations.values():
        if isinstance(v, View) and (table.oid, col.attnum) in v.column_deps:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "cannot alter type of a column used by a view or rule",
                           detail=f'rule _RETURN on view {v.name} depends on column "{col.name}"')
    type_oid, typmod = T.resolve_datatype(a.dtype)
    compiler = ExprCompiler(CompileEnv(session, catalog, []), _scope(table))
    if a.using is not None:
        src = compiler.compile(a.using)
        compiler._what = f'column "{col.name}"'
        try:
            conv = compiler.coerce(src, type_oid, typmod, "assignment")
        except SqlError as e:
            if e.code == sqlstate.DATATYPE_MISMATCH:
                raise SqlError(sqlstate.DATATYPE_MISMATCH, f'result of USING clause for column "{col.name}" cannot '
                               f"be cast automatically to type {T.format_type(type_oid, typmod)}",
                               hint="You might need to add an explicit cast.") from None
            raise
    else:
        src = compiler.compile(_col_node(col.name))
        try:
            conv = compiler.coerce(src, type_oid, typmod, "assignment")
        except SqlError as e:
            if e.code in (sqlstate.DATATYPE_MISMATCH, sqlstate.CANNOT_COERCE):
                raise SqlError(sqlstate.DATATYPE_MISMATCH, f'column "{col.name}" cannot be cast automatically to type '
                               f"{T.format_type(type_oid, typmod)}",
                               hint=f'You might need to specify "USING {col.name}::'
                                    f'{T.format_type(type_oid, typmod)}".') from None
            raise
    cols = list(table.columns)
    cols[p] = replace_table(col, type_oid=type_oid, typmod=typmod)
    new = replace_table(table, columns=tuple(cols))
    if col.default is not None:
        U.planner(session, catalog).column_default(new, p)
    ctx = _ctx(session)
    fn = conv.fn

    def convert(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return row[:p] + (fn(row, ctx),) + row[p + 1:]

    new = U.rewrite_table(session, table, new, convert)
    U.write_relation(session, catalog, new)


def _col_node(name: str) -> Any:
    from sqlglot import exp

    return exp.column(exp.to_identifier(name, quoted=True))


def _scope(table: Table) -> Any:
    from sql.constraints import table_scope

    return table_scope(table)


def _add_constraint(session: Any, catalog: Catalog, table: Table, a: P.AddConstraint, notices: list) -> None:
    specs = table_constraint_specs(a.node)
    for spec in specs:
        spec.not_valid = a.not_valid and spec.kind in ("c", "f")
    _add_constraints(session, catalog, table, specs, notices)


def _add_constraints(session: Any, catalog: Catalog, table: Table, specs: list, notices: list) -> None:
    adder = ConstraintAdder(session, catalog, table, notices)
    for spec in specs:
        adder.add(spec)
    new = adder.table
    for con in adder.new_constraints:
        if con.kind == "c" and con.validated:
            fn = compile_check(session, catalog, new, con.expr).fn
            ctx = _ctx(session)
            if any(fn(row, ctx) is False for row in U.table_rows(session, table)):
                raise about(SqlError(sqlstate.CHECK_VIOLATION,
                                     f'check constraint "{con.name}" of relation "{table.name}" is violated by some '
                                     "row"), table, constraint=con.name)
        elif con.kind == "p":
            for c in con.columns:
                if not table.columns[c].not_null and any(r[c] is None for r in U.table_rows(session, table)):
                    raise _contains_nulls(table, table.columns[c].name)
    pk = next((c for c in adder.new_constraints if c.kind == "p"), None)
    if pk is not None:
        try:
            new = U.rewrite_table(session, table, new, None)
        except SqlError as e:
            if e.code == sqlstate.UNIQUE_VIOLATION:
                raise SqlError(sqlstate.UNIQUE_VIOLATION, f'could not create unique index "{pk.name}"',
                               detail=(e.detail or "").replace("already exists", "is duplicated")) from None
            raise
        other = [ix for ix in new.indexes if ix.name in {c.name for c in adder.new_constraints if c.kind == "u"}]
    else:
        other = [ix for ix in adder.new_indexes]
        for ix in other:
            from sql.executor.ddl import build_index

            build_index(session, new, ix)
    catalog = U.write_relation(session, catalog, new)
    fks = [c for c in adder.new_constraints if c.kind == "f" and c.validated]
    if fks:
        rules = rules_for(session, catalog, new)
        rules.fks_out = [fk for fk in rules.fks_out if fk.con in fks]
        check_references(rules, list(U.table_rows(session, new)), _ctx(session), immediate=True)


def _drop_constraint(session: Any, catalog: Catalog, table: Table, a: P.DropConstraint, notices: list) -> None:
    con = table.constraint(a.name)
    if con is None:
        if a.if_exists:
            notices.append(notice(f'constraint "{a.name}" of relation "{table.name}" does not exist, skipping'))
            return
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'constraint "{a.name}" of relation "{table.name}" does not exist')
    rest = tuple(c for c in table.constraints if c.oid != con.oid)
    if con.kind in "pu":
        deps = [(c2, ch) for ch, c2 in catalog.referencing(table.oid) if c2.index_oid == con.index_oid
                and not (ch.oid == table.oid and c2.oid == con.oid)]
        if deps and not a.cascade:
            raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST,
                           f"cannot drop constraint {con.name} on table {table.name} because other objects "
                           "depend on it",
                           detail="\n".join(f"constraint {c2.name} on table {ch.name} depends on index {con.name}"
                                            for c2, ch in deps),
                           hint="Use DROP ... CASCADE to drop the dependent objects too.")
        for c2, ch in deps:
            notices.append(notice(f"drop cascades to constraint {c2.name} on table {ch.name}"))
            if ch.oid == table.oid:
                rest = tuple(c for c in rest if c.oid != c2.oid)
                continue
            child = catalog.relations[ch.oid]
            catalog = U.write_relation(session, catalog, replace_table(
                child, constraints=tuple(c for c in child.constraints if c.oid != c2.oid)))
        indexes = tuple(ix for ix in table.indexes if ix.oid != con.index_oid)
        new = replace_table(table, indexes=indexes, constraints=rest)
        if con.kind == "p":
            new = U.rewrite_table(session, table, new, None)
        else:
            session.txn().drop_index(con.index_oid)
        U.write_relation(session, catalog, new)
        return
    U.write_relation(session, catalog, replace_table(table, constraints=rest))


def _rename_constraint(session: Any, catalog: Catalog, table: Table, a: P.RenameConstraint, notices: list) -> None:
    con = table.constraint(a.old)
    if con is None:
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'constraint "{a.old}" for table "{table.name}" does not exist')
    if table.constraint(a.new) is not None:
        raise SqlError(sqlstate.DUPLICATE_OBJECT, f'constraint "{a.new}" for relation "{table.name}" already exists')
    if con.kind in "pu":
        if catalog.name_taken(table.schema_oid, a.new):
            raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{a.new}" already exists')
        index = next(ix for ix in table.indexes if ix.oid == con.index_oid)
        _rename_index(session, catalog, table, index, a.new)
        return
    cons = tuple(replace_table(c, name=a.new) if c.oid == con.oid else c for c in table.constraints)
    U.write_relation(session, catalog, replace_table(table, constraints=cons))


def _add_identity(session: Any, catalog: Catalog, table: Table, a: P.AddIdentity, notices: list) -> None:
    p = _column(table, a.column)
    col = table.columns[p]
    if not col.not_null:
        raise SqlError(sqlstate.OBJECT_NOT_IN_PREREQUISITE_STATE,
                       f'column "{col.name}" of relation "{table.name}" must be declared NOT NULL before identity can '
                       "be added")
    if col.identity:
        raise SqlError(sqlstate.OBJECT_NOT_IN_PREREQUISITE_STATE,
                       f'column "{col.name}" of relation "{table.name}" is already an identity column')
    if col.default is not None:
        raise SqlError(sqlstate.OBJECT_NOT_IN_PREREQUISITE_STATE,
                       f'column "{col.name}" of relation "{table.name}" already has a default value')
    if col.type_oid not in (T.INT2, T.INT4, T.INT8):
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "identity column type must be smallint, integer, or bigint")
    seq = sequence_for_column(session, catalog, catalog.schemas[table.schema_oid], table.oid, table.name, col,
                              a.options, True, set())
    catalog = U.write_relation(session, catalog, seq)
    cols = list(table.columns)
    cols[p] = replace_table(col, identity="a" if a.always else "d", default=nextval_default(catalog, seq))
    U.write_relation(session, catalog, replace_table(table, columns=tuple(cols)))


def _drop_identity(session: Any, catalog: Catalog, table: Table, a: P.DropIdentity, notices: list) -> None:
    p = _column(table, a.column)
    col = table.columns[p]
    if not col.identity:
        msg = f'column "{col.name}" of relation "{table.name}" is not an identity column'
        if a.if_exists:
            notices.append(notice(msg + ", skipping"))
            return
        raise SqlError(sqlstate.OBJECT_NOT_IN_PREREQUISITE_STATE, msg)
    cols = list(table.columns)
    cols[p] = replace_table(col, identity="", default=None)
    catalog = U.write_relation(session, catalog, replace_table(table, columns=tuple(cols)))
    for other in list(catalog.relations.values()):
        if isinstance(other, Sequence) and other.owned_by == (table.oid, col.attnum):
            from sql.executor.ddl import drop_relation

            catalog = drop_relation(session, catalog, other)


def validate_constraint(session: Any, catalog: Catalog, table: Table, a: P.ValidateConstraint, notices: list) -> None:
    """ALTER TABLE ... VALIDATE CONSTRAINT: check the existing rows of a NOT VALID constraint."""
    con = table.constraint(a.name)
    if con is None:
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'constraint "{a.name}" of relation "{table.name}" does not exist')
    if con.kind not in ("c", "f"):
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE,
                       f'constraint "{a.name}" of relation "{table.name}" is not a foreign key or check constraint')
    if con.validated:
        return
    if con.kind == "c":
        fn = compile_check(session, catalog, table, con.expr).fn
        ctx = _ctx(session)
        if any(fn(row, ctx) is False for row in U.table_rows(session, table)):
            raise about(SqlError(sqlstate.CHECK_VIOLATION,
                                 f'check constraint "{con.name}" of relation "{table.name}" is violated by some row'),
                        table, constraint=con.name)
    else:
        rules = rules_for(session, catalog, table)
        rules.fks_out = [fk for fk in rules.fks_out if fk.con.oid == con.oid]
        check_references(rules, list(U.table_rows(session, table)), _ctx(session), immediate=True)
    cons = tuple(replace_table(c, validated=True) if c.oid == con.oid else c for c in table.constraints)
    U.write_relation(session, catalog, replace_table(table, constraints=cons))


def _noop(session: Any, catalog: Catalog, table: Table, a: Any, notices: list) -> None:
    return None


_TABLE_ACTIONS: dict[type, Any] = {
    P.AddColumn: _add_column, P.DropColumn: _drop_column, P.SetDefault: _set_default, P.SetNotNull: _set_not_null,
    P.AlterType: _alter_type, P.AddConstraint: _add_constraint, P.DropConstraint: _drop_constraint,
    P.RenameConstraint: _rename_constraint, P.AddIdentity: _add_identity, P.DropIdentity: _drop_identity,
    P.NoOpAction: _noop, P.ValidateConstraint: validate_constraint,
}


def _alter_identity(session: Any, catalog: Catalog, table: Table, a: P.AlterIdentity, notices: list) -> None:
    p = _column(table, a.column)
    col = table.columns[p]
    if not col.identity:
        raise SqlError(sqlstate.OBJECT_NOT_IN_PREREQUISITE_STATE,
                       f'column "{col.name}" of relation "{table.name}" is not an identity column')
    if a.generated and a.generated != col.identity:
        cols = list(table.columns)
        cols[p] = replace_table(col, identity=a.generated)
        catalog = U.write_relation(session, catalog, replace_table(table, columns=tuple(cols)))
    seq = next((s for s in catalog.relations.values() if isinstance(s, Sequence)
                and s.owned_by == (table.oid, col.attnum)), None)
    if seq is None or not a.options:
        return
    opts = dict(a.options)
    restart = opts.pop("restart", None)
    changes = {k2: opts[k1] for k1, k2 in (("increment", "increment"), ("minvalue", "min_value"),
                                          ("maxvalue", "max_value"), ("start", "start"), ("cycle", "cycle"),
                                          ("cache", "cache")) if k1 in opts and opts[k1] is not None}
    if changes:
        seq = replace_table(seq, **changes)
        catalog = U.write_relation(session, catalog, seq)
    if restart is not None:
        session.db.restart_sequence(seq, seq.start if restart is True else restart, session.txn())


_TABLE_ACTIONS[P.AlterIdentity] = _alter_identity

