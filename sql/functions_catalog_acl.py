"""Access privilege inquiry functions: has_table_privilege, has_column_privilege,
has_any_column_privilege, has_sequence_privilege, has_schema_privilege, has_database_privilege,
has_function_privilege (and the type / language / tablespace / server ones), pg_has_role.

Every form PostgreSQL has: ``(object, privilege)`` for the current role and
``(role, object, privilege)`` with the role as a name or an OID; objects by name (text,
resolved like SQL names; a missing one is an error) or by OID (a missing one gives NULL). The
privilege is a comma-separated list, any of which suffices; ``WITH GRANT OPTION`` is accepted
(an owner holds grant options). A column privilege is held through the table's ACL or the
column's own.
"""

from __future__ import annotations

from typing import Any

from auth.predefined_roles import data_role_allows
from auth.privileges import has_grant_option, has_privilege
from sql import sqlstate
from sql import typesys as T
from sql.catalog import INFORMATION_SCHEMA_OID, PG_CATALOG_OID, Sequence, Table, View
from sql.catalog_views import objects as O
from sql.catalog_views.base import PG_TOAST_OID
from sql.catalog_views.procs import proc_by_oid, procs_named
from sql.errors import SqlError
from sql.functions import builtin

_TABLE = {"SELECT": "r", "INSERT": "a", "UPDATE": "w", "DELETE": "d", "TRUNCATE": "D", "REFERENCES": "x",
          "TRIGGER": "t"}
_COLUMN = {"SELECT": "r", "INSERT": "a", "UPDATE": "w", "REFERENCES": "x"}
_SEQUENCE = {"USAGE": "U", "SELECT": "r", "UPDATE": "w"}
_SCHEMA = {"CREATE": "C", "USAGE": "U"}
_DATABASE = {"CREATE": "C", "CONNECT": "c", "TEMPORARY": "T", "TEMP": "T"}
_USAGE = {"USAGE": "U"}
_EXECUTE = {"EXECUTE": "X"}
_ROLE = {"MEMBER": "m", "USAGE": "u"}


class _Who:
    def __init__(self, roles: frozenset[int], superuser: bool, oid: int) -> None:
        self.roles, self.superuser, self.oid = roles, superuser, oid

    def has(self, owner: int, acl: dict[int, str] | None, letter: str, grant_option: bool = False) -> bool:
        if grant_option:
            return has_grant_option(self.roles, self.superuser, owner, acl, letter)
        return has_privilege(self.roles, self.superuser, owner, acl, letter)


def _who(ctx: Any, role: str | int | None) -> _Who | None:
    session = ctx.session
    snap = session.instance.cluster()
    if role is None:
        return _Who(session.role_memberships(), session.is_superuser, session.current_role.oid)
    from sql.org_roles import memberships_in

    if isinstance(role, int):
        r = snap.roles.by_oid.get(role)
        if r is None:
            return None
    else:
        if role.lower() == "public":
            return _Who(frozenset({0}), False, 0)
        r = snap.roles.get(role)
        if r is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{role}" does not exist')
    return _Who(memberships_in(snap, session.database_oid, r.oid), r.superuser, r.oid)


def _privileges(text: str, allowed: dict[str, str]) -> list[tuple[str, bool]]:
    out = []
    for part in text.split(","):
        words = " ".join(part.split()).upper()
        grant = words.endswith(" WITH GRANT OPTION")
        if grant:
            words = words[: -len(" WITH GRANT OPTION")]
        letter = allowed.get(words)
        if letter is None:
            raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f'unrecognized privilege type: "{part.strip()}"')
        out.append((letter, grant))
    return out


def _any(who: _Who, owner: int, acl: dict[int, str] | None, privs: list[tuple[str, bool]], kind: str = "") -> bool:
    return any(who.has(owner, acl, letter, grant) or (not grant and data_role_allows(who.roles, kind, letter))
               for letter, grant in privs)


# relations ---------------------------------------------------------------------------------------------
def _relation(ctx: Any, rel: str | int) -> Any:
    session = ctx.session
    if isinstance(rel, int):
        return O.relation_by_oid(session, rel)
    oid = session.text_input(T.REGCLASS)(rel)
    return O.relation_by_oid(session, oid)


def _owner_acl(rel: Any) -> tuple[int, dict[int, str]]:
    if getattr(rel, "virtual", False):
        return 10, {0: "r"}
    return rel.owner, rel.acl


def _table(ctx: Any, role: Any, rel: Any, priv: str) -> bool | None:
    who = _who(ctx, role)
    target = _relation(ctx, rel)
    if who is None or target is None or not isinstance(target, (Table, View, Sequence)) and \
            not getattr(target, "virtual", False):
        return None
    owner, acl = _owner_acl(target)
    return _any(who, owner, acl, _privileges(priv, _TABLE), "sequence" if isinstance(target, Sequence) else "table")


def _register3(name: str, impl: Any, obj_types: tuple[int, ...], extra: tuple[int, ...] = ()) -> None:
    """name(obj, priv), name(role, obj, priv) for role as name/oid and obj as each type."""
    for ot in obj_types:
        builtin(name, (ot, *extra, T.TEXT), T.BOOL, needs_ctx=True)(
            lambda ctx, obj, *rest, _f=impl: _f(ctx, None, obj, *rest))
        for rt in (T.NAME, T.OID):
            builtin(name, (rt, ot, *extra, T.TEXT), T.BOOL, needs_ctx=True)(
                lambda ctx, role, obj, *rest, _f=impl: _f(ctx, role, obj, *rest))


_register3("has_table_privilege", _table, (T.TEXT, T.OID))


def _any_column(ctx: Any, role: Any, rel: Any, priv: str) -> bool | None:
    who = _who(ctx, role)
    target = _relation(ctx, rel)
    if who is None or target is None:
        return None
    owner, acl = _owner_acl(target)
    privs = _privileges(priv, _COLUMN)
    return _any(who, owner, acl, privs, "table") or any(_any(who, owner, c.acl, privs)
                                               for c in getattr(target, "columns", ()) if getattr(c, "acl", None))


_register3("has_any_column_privilege", _any_column, (T.TEXT, T.OID))


def _column(ctx: Any, role: Any, rel: Any, column: Any, priv: str) -> bool | None:
    who = _who(ctx, role)
    target = _relation(ctx, rel)
    if who is None or target is None:
        return None
    cols = [(c.name, getattr(c, "attnum", 0) or i + 1) for i, c in enumerate(getattr(target, "columns", ()))]
    if isinstance(column, int):
        if not any(n == column for _c, n in cols):
            return None
    elif not any(c == column for c, _n in cols):
        raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{column}" of relation "{target.name}" does not exist')
    owner, acl = _owner_acl(target)
    privs = _privileges(priv, _COLUMN)
    col = next((c for i, c in enumerate(getattr(target, "columns", ()))
                if (cols[i][1] if isinstance(column, int) else c.name) == column), None)
    return _any(who, owner, acl, privs, "table") or bool(getattr(col, "acl", None) and _any(who, owner, col.acl, privs))


for _ct in (T.TEXT, T.INT2):
    _register3("has_column_privilege", _column, (T.TEXT, T.OID), (_ct,))


def _sequence(ctx: Any, role: Any, rel: Any, priv: str) -> bool | None:
    who = _who(ctx, role)
    target = _relation(ctx, rel)
    if who is None or target is None:
        return None
    if not isinstance(target, Sequence):
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{target.name}" is not a sequence')
    return _any(who, target.owner, target.acl, _privileges(priv, _SEQUENCE), "sequence")


_register3("has_sequence_privilege", _sequence, (T.TEXT, T.OID))


# schemas, databases ---------------------------------------------------------------------------------------
def _schema(ctx: Any, role: Any, schema: Any, priv: str) -> bool | None:
    who = _who(ctx, role)
    session = ctx.session
    privs = _privileges(priv, _SCHEMA)
    if who is None:
        return None
    oid = schema if isinstance(schema, int) else O.schema_oid_by_name(session, schema)
    if oid is None:
        raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{schema}" does not exist')
    if oid in (PG_CATALOG_OID, INFORMATION_SCHEMA_OID, PG_TOAST_OID):
        return _any(who, 10, {10: "UC", 0: "U"}, privs)
    s = session.catalog().schemas.get(oid)
    if s is None:
        return None
    return _any(who, s.owner, s.acl, privs, "schema")


_register3("has_schema_privilege", _schema, (T.TEXT, T.OID))


def _database(ctx: Any, role: Any, db: Any, priv: str) -> bool | None:
    who = _who(ctx, role)
    snap = ctx.session.instance.cluster()
    privs = _privileges(priv, _DATABASE)
    if who is None:
        return None
    rec = snap.databases_by_oid.get(db) if isinstance(db, int) else snap.databases.get(db)
    if rec is None:
        if isinstance(db, int):
            return None
        raise SqlError(sqlstate.INVALID_CATALOG_NAME, f'database "{db}" does not exist')
    return _any(who, rec.owner, rec.acl or {0: "T"}, privs)  # TEMP is PUBLIC's by default, as in PostgreSQL


_register3("has_database_privilege", _database, (T.TEXT, T.OID))


# functions and other objects with USAGE / EXECUTE for PUBLIC ------------------------------------------------
def _function(ctx: Any, role: Any, fn: Any, priv: str) -> bool | None:
    who = _who(ctx, role)
    _privileges(priv, _EXECUTE)
    if who is None:
        return None
    user = _user_function(ctx, fn)
    if user is not None:  # PUBLIC may execute a function until that is revoked
        return not user.acl or who.has(user.owner, user.acl, "X", "WITH GRANT OPTION" in priv.upper())
    if isinstance(fn, int):
        return True if proc_by_oid(fn) is not None else None
    name = fn.split("(")[0].strip()
    name = name.split(".")[-1].strip('"') if not name.startswith('"') else name.strip('"')
    if not procs_named(name.lower() if not fn.strip().startswith('"') else name):
        from sql.functions import REGISTRY

        if name.lower() not in REGISTRY:
            raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {fn} does not exist")
    return True


def _user_function(ctx: Any, fn: str | int) -> Any:
    session = ctx.session
    if isinstance(fn, int):
        return session.catalog().functions.get(fn)
    if not session.catalog().functions_named(fn.split("(")[0].strip().split(".")[-1].strip('"').lower()):
        return None
    from sql.plpgsql.statements import find_function

    return find_function(session, fn)


_register3("has_function_privilege", _function, (T.TEXT, T.OID))


def _usage_only(ctx: Any, role: Any, _obj: Any, priv: str) -> bool | None:
    who = _who(ctx, role)
    _privileges(priv, _USAGE)
    return None if who is None else True


for _fname in ("has_type_privilege", "has_language_privilege", "has_foreign_data_wrapper_privilege",
               "has_server_privilege"):
    _register3(_fname, _usage_only, (T.TEXT, T.OID))


def _tablespace(ctx: Any, role: Any, _obj: Any, priv: str) -> bool | None:
    who = _who(ctx, role)
    privs = _privileges(priv, {"CREATE": "C"})
    return None if who is None else _any(who, 10, {0: "C"}, privs)


_register3("has_tablespace_privilege", _tablespace, (T.TEXT, T.OID))


# roles ----------------------------------------------------------------------------------------------------
def _has_role(ctx: Any, role: Any, target: Any, priv: str) -> bool | None:
    who = _who(ctx, role)
    snap = ctx.session.instance.cluster()
    modes = []
    for part in priv.split(","):
        words = " ".join(part.split()).upper()
        base = words[: -len(" WITH ADMIN OPTION")] if words.endswith(" WITH ADMIN OPTION") else \
            words[: -len(" WITH GRANT OPTION")] if words.endswith(" WITH GRANT OPTION") else words
        if base not in _ROLE:
            raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f'unrecognized privilege type: "{part.strip()}"')
        modes.append((base, base != words))
    if who is None:
        return None
    if isinstance(target, int):
        t = snap.roles.by_oid.get(target)
        if t is None:
            return None
    else:
        t = snap.roles.get(target)
        if t is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{target}" does not exist')
    if who.superuser:
        return True
    for mode, admin in modes:
        if t.oid == who.oid and not admin:
            return True
        if not admin and t.oid in who.roles:
            return True
        if mode == "MEMBER" and not admin and t.oid in snap.roles.all_memberships(who.oid):
            return True  # MEMBER holds without INHERIT too (USAGE does not)
    return False


_register3("pg_has_role", _has_role, (T.NAME, T.OID))
