"""ALTER SCHEMA name RENAME TO new_name / OWNER TO role."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from auth.privileges import check_owner
from sql import sqlstate
from sql.catalog import encode_schema, nsp_key
from sql.ddl_parser import DdlStmt
from sql.errors import SqlError
from sql.executor.ddl_util import done
from sql.result import Result


@dataclass(frozen=True)
class AlterSchemaStmt(DdlStmt):
    name: str
    new_name: str | None = None
    owner: str | None = None


def parse_alter_schema(p: Any) -> AlterSchemaStmt | None:
    """The tokens after ALTER SCHEMA (``p`` a sql.ddl_parser cursor); None for other forms."""
    name = p.name()
    if p.accept("RENAME", "TO"):
        stmt = AlterSchemaStmt(name, new_name=p.name())
    elif p.accept("OWNER", "TO"):
        stmt = AlterSchemaStmt(name, owner=p.name())
    else:
        return None
    if not p.at_end():
        raise p.error()
    return stmt


def alter_schema(session: Any, u: AlterSchemaStmt) -> Result:
    catalog = session.catalog()
    s = catalog.schema(u.name)
    if s is None:
        raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{u.name}" does not exist')
    check_owner(session.role_memberships(), session.is_superuser, s.owner, "schema", u.name)
    if u.new_name is not None:
        if catalog.schema(u.new_name) is not None:
            raise SqlError(sqlstate.DUPLICATE_SCHEMA, f'schema "{u.new_name}" already exists')
        if u.new_name.startswith("pg_"):
            raise SqlError(sqlstate.RESERVED_NAME, f'unacceptable schema name "{u.new_name}"',
                           detail='The prefix "pg_" is reserved for system schemas.')
        new = replace(s, name=u.new_name)
    else:
        special = {"current_user": session.current_role, "current_role": session.current_role,
                   "session_user": session.session_role}
        role = special.get(u.owner) or session.instance.cluster().roles.get(u.owner)
        if role is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{u.owner}" does not exist')
        if not session.is_superuser and role.oid not in session.role_memberships():
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f'must be member of role "{role.name}"')
        from auth.privileges import SCHEMA_ALL, new_owner_acl

        new = replace(s, owner=role.oid, acl=new_owner_acl(s.acl, s.owner, role.oid, SCHEMA_ALL))
    session.txn().put_catalog(nsp_key(s.oid), encode_schema(new))
    catalog = catalog.with_schema(new)
    session.set_local_catalog(catalog)
    if u.new_name is not None:
        from sql.executor.view_rename import schema_renamed

        schema_renamed(session, catalog, u.name, u.new_name)
    return done("ALTER SCHEMA")
