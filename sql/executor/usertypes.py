"""DDL of domains and composite types, CREATE INDEX ... NULLS NOT DISTINCT and CREATE SCHEMA
with embedded elements (statements parsed by :mod:`sql.ddl_parser_objects`)."""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from auth.privileges import check_owner
from sql import sqlstate
from sql import typesys as T
from sql.catalog import EnumType, Schema, encode_schema, nsp_key, typ_key
from sql.constraints import choose_name, validate_check
from sql.ddl_parser import DdlStmt
from sql.ddl_parser_objects import CreateDomainStmt, CreateIndexStmt, CreateSchemaStmt, DropDomainStmt
from sql.errors import SqlError
from sql.executor.ddl_util import done, notice
from sql.expr import CompileEnv, identifier_name
from sql.result import Result


def execute_object_ddl(session: Any, u: DdlStmt) -> Result | None:
    if isinstance(u, CreateIndexStmt):
        from sql.executor.index_create import create_index

        return create_index(session, u.ast, u.nulls_not_distinct)
    if isinstance(u, CreateDomainStmt):
        return create_domain(session, u)
    if isinstance(u, DropDomainStmt):
        return drop_domain(session, u)
    if isinstance(u, CreateSchemaStmt):
        return create_schema_elements(session, u)
    from sql.executor.schema_alter import AlterSchemaStmt, alter_schema

    if isinstance(u, AlterSchemaStmt):
        return alter_schema(session, u)
    return None


def _schema_for(session: Any, catalog: Any, schema: str | None) -> Schema:
    from sql.executor import ddl_util as U

    node = exp.Table(this=exp.to_identifier("x"), db=exp.to_identifier(schema) if schema else None)
    return U.target_schema(session, catalog, node)


def _type_name_taken(catalog: Any, schema: Schema, name: str) -> bool:
    from sql.executor.objects import _builtin_type

    return catalog.type_by_name(schema.oid, name) is not None or _builtin_type(name) or \
        catalog.lookup(schema.oid, name) is not None


def _write_type(session: Any, catalog: Any, t: EnumType) -> Any:
    from sql.catalog import encode_type

    session.txn().put_catalog(typ_key(t.oid), encode_type(t))
    new = catalog.with_type(t)
    session.set_local_catalog(new)
    T.use_catalog_types(new)
    return new


# domains -----------------------------------------------------------------------------------------
def create_domain(session: Any, u: CreateDomainStmt) -> Result:
    catalog = session.catalog()
    T.use_catalog_types(catalog)
    schema = _schema_for(session, catalog, u.schema)
    if _type_name_taken(catalog, schema, u.name):
        raise SqlError(sqlstate.DUPLICATE_OBJECT, f'type "{u.name}" already exists')
    base_dom = T.domain_of(u.base)
    base, typmod = T.resolve_datatype(u.base)
    db = session.db
    checks: list[tuple[str, str]] = []
    if base_dom is not None:
        checks.extend(base_dom.checks)
    taken = {n for n, _t in checks}
    for cname, node in u.checks:
        validate_check(node)
        if cname is None:
            cname = choose_name(u.name, None, "check", lambda n: n in taken)
        taken.add(cname)
        checks.append((cname, node.sql("postgres")))
    default = u.default.sql("postgres") if u.default is not None else (base_dom.default if base_dom else None)
    dom = EnumType(db.allocate_oid(), u.name, schema.oid, session.current_role.oid, (), db.allocate_oid(),
                   typtype="d", base_oid=base, base_typmod=typmod,
                   not_null=u.not_null or bool(base_dom and base_dom.not_null), default=default,
                   checks=tuple(checks))
    from sql.domains import compile_domain_check

    env = CompileEnv(session, catalog, [])
    for _n, text in checks:
        compile_domain_check(env, dom, text)  # type errors now
    _write_type(session, catalog, dom)
    return done("CREATE DOMAIN")


def drop_domain(session: Any, u: DropDomainStmt) -> Result:
    from sql.executor.objects import _find_type

    notices: list[SqlError] = []
    catalog = session.catalog()
    for schema, name in u.names:
        if schema is not None and catalog.schema(schema) is None and u.if_exists:
            notices.append(notice(f'schema "{schema}" does not exist, skipping'))
            continue
        t = _find_type(session, catalog, schema, name)
        if t is None or t.typtype != "d":
            if u.if_exists:
                notices.append(notice(f'type "{name}" does not exist, skipping'))
                continue
            if t is not None:
                raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{name}" is not a domain')
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'type "{name}" does not exist')
        check_owner(session.role_memberships(), session.is_superuser, t.owner, "type", name)
        users = [f"column {c.name} of table {rel.name} depends on type {t.name}"
                 for rel in sorted(catalog.relations.values(), key=lambda r: r.oid)
                 for c in getattr(rel, "columns", ()) if getattr(c, "domain", 0) == t.oid]
        users += [f"type {o.name} depends on type {t.name}" for o in catalog.types.values()
                  if o.typtype == "c" and any(a[1] == t.oid for a in o.attributes)]
        if users:
            if not u.cascade:
                raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST,
                               f"cannot drop type {name} because other objects depend on it",
                               detail="\n".join(users), hint="Use DROP ... CASCADE to drop the dependent objects too.")
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "DROP DOMAIN ... CASCADE of a used domain is not supported")
        session.txn().put_catalog(typ_key(t.oid), None)
        catalog = catalog.without_type(t.oid)
        session.set_local_catalog(catalog)
    return done("DROP DOMAIN", notices)


# composite types ---------------------------------------------------------------------------------
def create_composite(session: Any, ast: exp.Create) -> Result:
    from sql.executor import ddl_util as U

    catalog = session.catalog()
    T.use_catalog_types(catalog)
    schema = U.target_schema(session, catalog, ast.this)
    name = identifier_name(ast.this.this)
    if _type_name_taken(catalog, schema, name):
        raise SqlError(sqlstate.DUPLICATE_OBJECT, f'type "{name}" already exists')
    attrs: list[tuple[str, int, int]] = []
    for item in ast.expression.expressions:
        if not isinstance(item, exp.ColumnDef) or item.args.get("kind") is None:
            raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error in CREATE TYPE")
        aname = identifier_name(item.this)
        if any(a[0] == aname for a in attrs):
            raise SqlError(sqlstate.DUPLICATE_COLUMN, f'column "{aname}" specified more than once')
        oid, typmod = T.resolve_datatype(item.args["kind"])
        attrs.append((aname, oid, typmod))
    db = session.db
    t = EnumType(db.allocate_oid(), name, schema.oid, session.current_role.oid, (), db.allocate_oid(),
                 typtype="c", attributes=tuple(attrs), relid=db.allocate_oid())
    _write_type(session, catalog, t)
    return done("CREATE TYPE")


# CREATE SCHEMA with elements -----------------------------------------------------------------------
def create_schema_elements(session: Any, u: CreateSchemaStmt) -> Result:
    from sql.executor import ddl
    from sql.parse import parse_one_statement

    catalog = session.catalog()
    name = u.name or ""
    if catalog.schema(name) is not None:
        if u.if_not_exists:
            return done("CREATE SCHEMA", [notice(f'schema "{name}" already exists, skipping',
                                                 sqlstate.DUPLICATE_SCHEMA)])
        raise SqlError(sqlstate.DUPLICATE_SCHEMA, f'schema "{name}" already exists')
    ast = exp.Create(this=exp.Table(this=exp.to_identifier(name)), kind="SCHEMA")
    ddl.create_schema(session, ast)
    catalog = session.catalog()
    s = catalog.schema(name)
    if u.role is not None and s is not None:
        role = session.instance.cluster().roles.get(u.role)
        if role is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{u.role}" does not exist')
        s = Schema(s.oid, s.name, role.oid, s.acl)
        session.txn().put_catalog(nsp_key(s.oid), encode_schema(s))
        session.set_local_catalog(catalog.with_schema(s))
    saved = session.settings.values["search_path"]
    session.settings.values["search_path"] = '"' + name.replace('"', '""') + '"'
    try:
        for text in u.elements:
            stmt = parse_one_statement(text)
            if stmt.utility is not None:
                from sql.executor.alter import execute_ddl

                execute_ddl(session, stmt.utility)  # type: ignore[arg-type]
            else:
                assert stmt.ast is not None
                ddl.execute(session, stmt.ast)
    finally:
        session.settings.values["search_path"] = saved
    return done("CREATE SCHEMA")
