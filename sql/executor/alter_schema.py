"""ALTER SCHEMA name OWNER TO role / RENAME TO new_name."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from auth.privileges import has_privilege
from sql import sqlstate
from sql.catalog import encode_schema, nsp_key
from sql.errors import SqlError
from sql.executor.ddl_util import done
from sql.lexer import Token, tokenize
from sql.result import Result


@dataclass(frozen=True)
class AlterSchemaStmt:
    name: str
    action: str  # "owner" | "rename"
    target: str  # role name (or CURRENT_USER ...) / new schema name

    def execute_utility(self, session: Any) -> Result:
        session.check_writable("ALTER SCHEMA")
        catalog = session.catalog()
        schema = catalog.schema(self.name)
        if schema is None:
            raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{self.name}" does not exist')
        snap = session.instance.cluster()
        if not session.is_superuser and schema.owner not in session.role_memberships():
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"must be owner of schema {self.name}")
        if self.action == "owner":
            role = _role(session, self.target)
            if not session.is_superuser and role.oid not in session.role_memberships():
                raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f'must be member of role "{role.name}"')
            changed = replace(schema, owner=role.oid)
        else:
            if catalog.schema(self.target) is not None:
                raise SqlError(sqlstate.DUPLICATE_SCHEMA, f'schema "{self.target}" already exists')
            if self.target.startswith("pg_"):
                raise SqlError(sqlstate.RESERVED_NAME, f'unacceptable schema name "{self.target}"',
                               detail='The prefix "pg_" is reserved for system schemas.')
            rec = snap.databases_by_oid.get(session.database_oid)
            roles = session.role_memberships()
            if not session.is_superuser and not has_privilege(roles, False, rec.owner, rec.acl, "C"):
                raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE,
                               f"permission denied for database {session.database_name}")
            changed = replace(schema, name=self.target)
        session.txn().put_catalog(nsp_key(schema.oid), encode_schema(changed))
        session.set_local_catalog(catalog.with_schema(changed))
        return done("ALTER SCHEMA")


def _role(session: Any, name: str) -> Any:
    roles = session.instance.cluster().roles
    special = {"current_user": session.current_role, "current_role": session.current_role,
               "session_user": session.session_role}
    if name.lower() in special and not name.startswith('"'):
        return special[name.lower()]
    role = roles.get(name.strip('"'))
    if role is None:
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{name.strip(chr(34))}" does not exist')
    return role


def _ident(text: str, toks: list[Token], i: int) -> str:
    if i >= len(toks):
        raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error at end of input", position=len(text) + 1)
    t = toks[i]
    if t.kind == "ident":
        return t.value
    if t.kind != "word":
        raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{t.value}"', position=t.pos + 1)
    return t.value.lower()


def parse_alter_schema(text: str) -> AlterSchemaStmt:
    toks = [t for t in tokenize(text) if not (t.kind == "op" and t.value == ";")]
    name = _ident(text, toks, 2)
    words = [t.value.upper() if t.kind == "word" else "" for t in toks[3:5]]
    if words == ["OWNER", "TO"] and len(toks) == 6:
        target = _ident(text, toks, 5)
        if toks[5].kind == "ident":
            target = '"' + target + '"'
        return AlterSchemaStmt(name, "owner", target)
    if words == ["RENAME", "TO"] and len(toks) == 6:
        return AlterSchemaStmt(name, "rename", _ident(text, toks, 5))
    bad = toks[min(len(toks) - 1, 3)] if len(toks) > 3 else None
    if bad is None:
        raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error at end of input", position=len(text) + 1)
    raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{bad.value}"', position=bad.pos + 1)
