"""Utility statements that change the catalog (PostgreSQL's tcop/utility.c): CREATE/DROP
TABLE, INDEX, SCHEMA, TRUNCATE, and the dispatch to the other DDL modules.

Tables, indexes, views, sequences, types and schemas are transactional: each command writes
catalog records into the session's transaction and installs a new catalog snapshot local to
it. Roles, databases, grants and savepoints are in :mod:`sql.executor.acl`; ALTER in
:mod:`sql.executor.alter`; views, types, sequences and comments in :mod:`sql.executor.objects`.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from auth.privileges import check_owner, has_privilege
from sql import sqlstate
from sql.catalog import Catalog, Index, Schema, Sequence, Table, View, encode_schema, nsp_key, replace_table
from sql.errors import SqlError
from sql.executor import ddl_util as U
from sql.executor.acl import (  # noqa: F401  (re-exported for sql.session)
    database_statement,
    grant_statement,
    role_statement,
    savepoint_statement,
    set_role,
)
from sql.executor.ddl_util import done, notice
from sql.executor.owned import default_acl
from sql.executor.tabledef import (
    ColumnSpec,
    ConSpec,
    ConstraintAdder,
    column_spec,
    nextval_default,
    sequence_for_column,
    table_constraint_specs,
)
from sql.expr import identifier_name
from sql.lock_waits import ACCESS_EXCLUSIVE, lock_relation
from sql.result import Result


def execute(session: Any, ast: exp.Expression) -> Result:
    from sql.executor import objects

    if isinstance(ast, exp.Create):
        kind = (ast.args.get("kind") or "").upper()
        if kind == "TABLE":
            if ast.args.get("expression") is not None:
                return objects.create_table_as(session, ast)
            return create_table(session, ast)
        if kind == "INDEX":
            return create_index(session, ast)
        if kind == "SCHEMA":
            return create_schema(session, ast)
        if kind == "VIEW":
            return objects.create_view(session, ast)
        if kind == "TYPE":
            return objects.create_type(session, ast)
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"CREATE {kind} is not supported yet")
    if isinstance(ast, exp.Drop):
        kind = (ast.args.get("kind") or "").upper()
        if kind in ("TABLE", "SEQUENCE", "VIEW"):
            return drop_relations(session, ast, kind)
        if kind == "INDEX":
            return drop_index(session, ast)
        if kind == "SCHEMA":
            return drop_schema(session, ast)
        if kind == "TYPE":
            return objects.drop_type(session, ast)
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"DROP {kind} is not supported yet")
    if isinstance(ast, exp.TruncateTable):
        return truncate(session, ast)
    if isinstance(ast, exp.Select) and ast.args.get("into") is not None:
        return objects.select_into(session, ast)
    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"statement is not supported yet: {ast.sql('postgres')[:60]}")


def _is_temp(ast: exp.Create) -> bool:
    props = ast.args.get("properties")
    return props is not None and any(isinstance(p, exp.TemporaryProperty) for p in props.expressions)


def create_table(session: Any, ast: exp.Create) -> Result:
    from sql.executor import inherit
    from sql.limits import check_table_columns

    notices: list[SqlError] = []
    schema_node = ast.this
    if isinstance(schema_node, exp.Table) and inherit.partition_of(ast) is not None:
        schema_node = exp.Schema(this=schema_node, expressions=[])
    if not isinstance(schema_node, exp.Schema):
        raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error in CREATE TABLE")
    tnode = schema_node.this
    catalog = session.catalog()
    temporary = _is_temp(ast)
    schema = U.target_schema(session, catalog, tnode, temporary)
    catalog = session.catalog()
    temporary = temporary or schema.name.startswith("pg_temp")
    name = U.truncate_name(identifier_name(tnode.this), notices)
    if catalog.name_taken(schema.oid, name):
        if ast.args.get("exists"):
            notices.append(notice(f'relation "{name}" already exists, skipping', sqlstate.DUPLICATE_TABLE))
            return done("CREATE TABLE", notices)
        raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{name}" already exists')
    specs: list[ColumnSpec] = []
    decl_order: list[tuple[int, ConSpec]] = []
    for item in schema_node.expressions:
        if isinstance(item, exp.ColumnDef):
            spec = column_spec(session, item, name, notices)
            decl_order.extend((len(decl_order), c) for c in spec.constraints)
            if any(s.column.name == spec.column.name for s in specs):
                raise SqlError(sqlstate.DUPLICATE_COLUMN, f'column "{spec.column.name}" specified more than once')
            specs.append(spec)
        elif isinstance(item, exp.LikeProperty):
            from sql.executor.objects import like_columns

            for col in like_columns(session, catalog, item):
                if any(s.column.name == col.name for s in specs):
                    raise SqlError(sqlstate.DUPLICATE_COLUMN, f'column "{col.name}" specified more than once')
                specs.append(ColumnSpec(col, []))
        else:
            decl_order.extend((len(decl_order) + i, c) for i, c in enumerate(table_constraint_specs(item)))
    specs, parents = inherit.inherited_specs(session, catalog, ast, specs, notices)
    check_table_columns(len(specs))
    table_oid = session.db.allocate_oid()
    owner = session.current_role.oid
    columns = [replace_table(s.column, attnum=i + 1) for i, s in enumerate(specs)]
    table = Table(table_oid, name, schema.oid, owner, tuple(columns), persistence="t" if temporary else "p",
                  acl=default_acl(session, catalog, schema.oid, owner, "r"))
    taken: set[str] = set()
    for i, s in enumerate(specs):
        if s.serial or s.identity is not None:
            seq = sequence_for_column(session, catalog, schema, table_oid, name, columns[i],
                                      {k: v for k, v in (s.identity or {}).items() if k != "always"},
                                      s.identity is not None, taken)
            catalog = U.write_relation(session, catalog, seq)
            columns[i] = replace_table(columns[i], default=nextval_default(catalog, seq))
    table = replace_table(table, columns=tuple(columns))
    adder = ConstraintAdder(session, catalog, table, notices)
    adder.taken_rel |= taken
    declared = [c for _pos, c in sorted(decl_order, key=lambda x: x[0])]
    ordered = [c for kind in "cpuf" for c in declared if c.kind == kind]
    pk_count = sum(1 for c in ordered if c.kind == "p")
    if pk_count > 1:
        raise SqlError(sqlstate.INVALID_TABLE_DEFINITION, f'multiple primary keys for table "{name}" are not allowed')
    for spec in ordered:
        adder.add(spec)
    table = inherit.table_properties(session, catalog, ast, adder.table, parents)
    _validate_defaults(session, table)
    U.write_relation(session, catalog, table)
    inherit.after_create(session, ast, table)
    return done("CREATE TABLE", notices)


def _validate_defaults(session: Any, table: Table) -> None:
    from sql.dialect import parse_expression
    from sql.executor.generated import check_default_expression, validate_generated

    planner = U.planner(session, session.catalog())
    for i, c in enumerate(table.columns):
        if c.generated:
            validate_generated(session, table, i)
        elif c.default is not None and not c.default.startswith("nextval("):
            check_default_expression(parse_expression(c.default))
            planner.column_default(table, i)


def create_index(session: Any, ast: exp.Create, nulls_not_distinct: bool = False) -> Result:
    from sql.executor.index_create import create_index as create

    return create(session, ast, nulls_not_distinct)


def build_index(session: Any, table: Table, index: Index) -> None:
    layout = table.layout
    ilayout = next(ix for ix in layout.indexes if ix.index_id == index.oid)
    session.txn().refresh_snapshot()
    session.txn().build_index(layout, ilayout)


def create_schema(session: Any, ast: exp.Create) -> Result:
    name = identifier_name(ast.this.args.get("db") or ast.this.this)
    catalog = session.catalog()
    if catalog.schema(name) is not None:
        if ast.args.get("exists"):
            return done("CREATE SCHEMA", [notice(f'schema "{name}" already exists, skipping',
                                                 sqlstate.DUPLICATE_SCHEMA)])
        raise SqlError(sqlstate.DUPLICATE_SCHEMA, f'schema "{name}" already exists')
    if name.startswith("pg_"):
        raise SqlError(sqlstate.RESERVED_NAME, f'unacceptable schema name "{name}"',
                       detail='The prefix "pg_" is reserved for system schemas.')
    rec = session.instance.cluster().databases_by_oid.get(session.database_oid)
    if not session.is_superuser and not has_privilege(session.role_memberships(), False, rec.owner, rec.acl, "C"):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for database {session.database_name}")
    schema = Schema(session.db.allocate_oid(), name, session.current_role.oid)
    session.txn().put_catalog(nsp_key(schema.oid), encode_schema(schema))
    session.set_local_catalog(catalog.with_schema(schema))
    return done("CREATE SCHEMA")


def drop_schema(session: Any, ast: exp.Drop) -> Result:
    notices: list[SqlError] = []
    catalog = session.catalog()
    for t in ast.args.get("tables") or []:
        name = identifier_name(t.args.get("db") or t.this)
        s = catalog.schema(name)
        if s is None:
            if ast.args.get("exists"):
                notices.append(notice(f'schema "{name}" does not exist, skipping'))
                continue
            raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{name}" does not exist')
        check_owner(session.role_memberships(), session.is_superuser, s.owner, "schema", name)
        members = [r for r in catalog.relations.values() if r.schema_oid == s.oid
                   and not (isinstance(r, Sequence) and r.owned_by)]
        types = [ty for ty in catalog.types.values() if ty.schema_oid == s.oid]
        if (members or types) and not ast.args.get("cascade"):
            raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST,
                           f"cannot drop schema {name} because other objects depend on it",
                           detail="\n".join(f"{U.KIND_WORDS.get(r.kind, 'table')} {r.name} depends on schema {name}"
                                            for r in sorted(members, key=lambda r: r.oid)),
                           hint="Use DROP ... CASCADE to drop the dependent objects too.")
        catalog = drop_objects(session, catalog, members, cascade=True, notices=None)
        for ty in types:
            from sql.catalog import typ_key

            session.txn().put_catalog(typ_key(ty.oid), None)
            catalog = catalog.without_type(ty.oid)
        session.txn().put_catalog(nsp_key(s.oid), None)
        catalog = catalog.without_schema(s.oid)
        session.set_local_catalog(catalog)
    return done("DROP SCHEMA", notices)


# dependencies ------------------------------------------------------------------------------------------
def dependents(catalog: Catalog, rel: Any, dropping: set[int]) -> list[tuple[int, str, Any]]:
    """Objects that depend on ``rel`` and are not being dropped: (sort oid, description, object)."""
    out: list[tuple[int, str, Any]] = []
    if isinstance(rel, Table):
        for child, con in catalog.referencing(rel.oid):
            if child.oid != rel.oid and child.oid not in dropping:
                out.append((con.oid, f"constraint {con.name} on table {child.name}", (child, con)))
        for sub in catalog.children(rel.oid):  # tables inheriting from it (partitions go along silently)
            if sub.oid not in dropping and not sub.partition_bound:
                out.append((sub.oid, f"table {sub.name}", sub))
    if isinstance(rel, Sequence):
        from sql.executor.seq_deps import default_dependents

        out.extend(default_dependents(catalog, rel, dropping))
    for other in catalog.relations.values():
        if isinstance(other, View) and rel.oid in other.depends and other.oid not in dropping \
                and other.oid != rel.oid:
            out.append((other.oid, f"view {other.name}", other))
    return sorted(out, key=lambda x: x[0])


def drop_objects(session: Any, catalog: Catalog, rels: list[Any], cascade: bool,
                 notices: list[SqlError] | None) -> Catalog:
    """Drop relations, checking (or with CASCADE dropping) what depends on them."""
    from sql.executor.partitions import descendants

    rels = rels + [p for r in rels if isinstance(r, Table) and r.partition_by for p in descendants(catalog, r)
                   if p.oid not in {x.oid for x in rels}]
    dropping = {r.oid for r in rels}
    cascaded: list[tuple[int, str, Any]] = []
    for rel in rels:
        deps = dependents(catalog, rel, dropping)
        if deps and not cascade:
            word = U.KIND_WORDS.get(rel.kind, "table")
            raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST,
                           f"cannot drop {word} {rel.name} because other objects depend on it",
                           detail="\n".join(f"{d[1]} depends on {word} {rel.name}" for d in deps),
                           hint="Use DROP ... CASCADE to drop the dependent objects too.")
        for d in deps:
            if not any(c[0] == d[0] for c in cascaded):
                cascaded.append(d)
                if isinstance(d[2], View):
                    dropping.add(d[2].oid)
                    for dd in dependents(catalog, d[2], dropping):
                        cascaded.append(dd)
    if cascaded and notices is not None:
        if len(cascaded) == 1:
            notices.append(notice(f"drop cascades to {cascaded[0][1]}"))
        else:
            notices.append(notice(f"drop cascades to {len(cascaded)} other objects",
                                  detail="\n".join(f"drop cascades to {d[1]}" for d in cascaded)))
    for _oid, _desc, obj in cascaded:
        if isinstance(obj, tuple) and obj[0] == "default":
            from sql.executor.seq_deps import drop_default

            catalog = drop_default(session, catalog, obj[1], obj[2])
        elif isinstance(obj, tuple):
            child, con = obj
            child = catalog.relations.get(child.oid)
            if child is not None and child.oid not in dropping:
                catalog = U.write_relation(session, catalog, replace_table(
                    child, constraints=tuple(c for c in child.constraints if c.oid != con.oid)))
        else:
            catalog = drop_relation(session, catalog, obj)
    for rel in rels:
        catalog = drop_relation(session, catalog, catalog.relations.get(rel.oid, rel))
    return catalog


def drop_relation(session: Any, catalog: Catalog, rel: Any) -> Catalog:
    txn = session.txn()
    if isinstance(rel, Table):
        txn.truncate(rel.layout)
        for ix in rel.indexes:
            if not ix.primary:
                txn.drop_index(ix.oid)
        for other in list(catalog.relations.values()):
            if isinstance(other, Sequence) and other.owned_by and other.owned_by[0] == rel.oid:
                catalog = U.remove_relation(session, catalog, other.oid)
                txn.sequence_drop(other.oid)
                session.db.forget_sequence(other.oid)
        for (objoid, subid) in [k for k in catalog.comments if k[0] == rel.oid]:
            from sql.catalog import dsc_key

            txn.put_catalog(dsc_key(objoid, subid), None)
            catalog = catalog.with_comment(objoid, subid, None)
    elif isinstance(rel, Sequence):
        txn.sequence_drop(rel.oid)
        session.db.forget_sequence(rel.oid)
    return U.remove_relation(session, catalog, rel.oid)


_WRONG_KIND_HINT = {"r": ("TABLE", "table"), "v": ("VIEW", "view"), "S": ("SEQUENCE", "sequence"),
                    "i": ("INDEX", "index")}


def drop_relations(session: Any, ast: exp.Drop, kind: str) -> Result:
    notices: list[SqlError] = []
    catalog = session.catalog()
    word = kind.lower()
    want = {"TABLE": "r", "SEQUENCE": "S", "VIEW": "v"}[kind]
    targets = []
    for t in ast.args.get("tables") or []:
        name = identifier_name(t.this)
        schema = identifier_name(t.args["db"]) if t.args.get("db") else None
        rel = U.lookup(session, catalog, schema, name)
        if rel is None:
            found = None
            if schema is None:
                for s in session.search_path():
                    sch = catalog.schema(s)
                    if sch is not None and catalog.index_by_name(sch.oid, name):
                        found = "i"
            shown = f"{schema}.{name}" if schema else name
            if found is None:
                if ast.args.get("exists"):
                    notices.append(notice(f'{word} "{shown}" does not exist, skipping'))
                    continue
                raise SqlError(sqlstate.UNDEFINED_TABLE, f'{word} "{shown}" does not exist')
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{name}" is not a {word}',
                           hint="Use DROP INDEX to remove an index.")
        if rel.kind != want:
            other = _WRONG_KIND_HINT.get(rel.kind, ("TABLE", "table"))
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{name}" is not a {word}',
                           hint=f"Use DROP {other[0]} to remove a {other[1]}.")
        if isinstance(rel, Sequence) and rel.identity and rel.owned_by:
            owner_table = catalog.relations.get(rel.owned_by[0])
            if owner_table is not None and owner_table.oid not in {r.oid for r in targets}:
                cname = next((c.name for c in owner_table.columns if c.attnum == rel.owned_by[1]), "?")
                raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST,
                               f"cannot drop sequence {rel.name} because column {cname} of table "
                               f"{owner_table.name} requires it",
                               hint=f"You can drop column {cname} of table {owner_table.name} instead.")
        check_owner(session.role_memberships(), session.is_superuser, rel.owner, word, name)
        targets.append(rel)
    for rel in targets:
        lock_relation(session, rel, ACCESS_EXCLUSIVE)
    drop_objects(session, catalog, targets, bool(ast.args.get("cascade")), notices)
    return done(f"DROP {kind}", notices)


def drop_index(session: Any, ast: exp.Drop) -> Result:
    notices: list[SqlError] = []
    catalog = session.catalog()
    for t in ast.args.get("tables") or []:
        name = identifier_name(t.this)
        found = None
        for s in session.search_path() if not t.args.get("db") else [identifier_name(t.args["db"])]:
            sch = catalog.schema(s)
            if sch is not None:
                found = catalog.index_by_name(sch.oid, name)
                if found:
                    break
        if found is None:
            if ast.args.get("exists"):
                notices.append(notice(f'index "{name}" does not exist, skipping'))
                continue
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'index "{name}" does not exist')
        table, index = found
        check_owner(session.role_memberships(), session.is_superuser, table.owner, "index", name)
        if index.constraint:
            raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST,
                           f"cannot drop index {name} because constraint {name} on table {table.name} requires it",
                           hint=f"You can drop constraint {name} on table {table.name} instead.")
        session.txn().drop_index(index.oid)
        catalog = U.write_relation(session, catalog, replace_table(
            table, indexes=tuple(ix for ix in table.indexes if ix.oid != index.oid)))
    return done("DROP INDEX", notices)


def truncate(session: Any, ast: exp.TruncateTable) -> Result:
    catalog = session.catalog()
    planner = U.planner(session, catalog)
    notices: list[SqlError] = []
    tables: list[Table] = []
    for t in ast.expressions:
        rel = planner.resolve_table(t, None)
        if not isinstance(rel, Table):
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{rel.name}" is not a table')
        if not session.is_superuser and not has_privilege(session.role_memberships(), False, rel.owner, rel.acl,
                                                          "D"):
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for table {rel.name}")
        if rel not in tables:
            tables.append(rel)
    cascade = (ast.args.get("option") or "").upper() == "CASCADE"
    i = 0
    while i < len(tables):
        for child, _con in catalog.referencing(tables[i].oid):
            if any(c.oid == child.oid for c in tables):
                continue
            if not cascade:
                raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                               "cannot truncate a table referenced in a foreign key constraint",
                               detail=f'Table "{child.name}" references "{tables[i].name}".',
                               hint=f'Truncate table "{child.name}" at the same time, or use TRUNCATE ... CASCADE.')
            notices.append(notice(f'truncate cascades to table "{child.name}"'))
            tables.append(child)
        i += 1
    for rel in tables:
        lock_relation(session, rel, ACCESS_EXCLUSIVE)
    txn = session.txn()
    from sql.executor.triggers import statement_triggers

    after = statement_triggers(session, tables, "truncate")
    for rel in tables:
        txn.truncate(rel.layout)
        if (ast.args.get("identity") or "").upper() == "RESTART":
            for other in catalog.relations.values():
                if isinstance(other, Sequence) and other.owned_by and other.owned_by[0] == rel.oid:
                    session.db.restart_sequence(other, other.start, txn)
    after()
    return done("TRUNCATE TABLE", notices)
