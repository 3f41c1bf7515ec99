"""Roles, databases, privileges (GRANT/REVOKE), SET ROLE / SESSION AUTHORIZATION and savepoints.

Databases and roles live in the cluster's global environment and are applied in their own
commit (CREATE DATABASE cannot run in a transaction block, as in PostgreSQL); grants on
schemas, tables and sequences are catalog changes of the session's transaction.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from auth.privileges import (
    check_owner,
)
from sql import sqlstate
from sql.errors import SqlError
from sql.executor import txstate
from sql.executor.ddl_util import done as _done
from sql.executor.ddl_util import notice as _notice
from sql.executor.ddl_util import truncate_name
from sql.result import Result
from sql.utility_parser import DatabaseStmt, GrantStmt, RoleStmt, SetStmt, TransactionStmt


# roles and databases ---------------------------------------------------------------------------
def _require_createrole(session: Any) -> None:
    role = session.instance.cluster().roles.by_oid.get(session.current_role.oid)
    if role is None or not (role.superuser or role.createrole):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "permission denied to create role")


def role_statement(session: Any, u: RoleStmt) -> Result:
    notices: list[SqlError] = []
    if any(len(n.encode()) > 63 for n in u.names + ((u.new_name,) if u.new_name else ())):
        # Names are truncated to 63 bytes as PostgreSQL's lexer does (NOTICE 42622).
        u = replace(u, names=tuple(truncate_name(n, notices) for n in u.names),
                    new_name=truncate_name(u.new_name, notices) if u.new_name else None)
    inst = session.instance
    snap = inst.cluster()
    me = snap.roles.by_oid.get(session.current_role.oid)
    word = "USER" if u.is_user else "ROLE"
    if u.action == "create":
        _require_createrole(session)
        if (u.options.get("superuser") or u.options.get("replication") or u.options.get("bypassrls")) \
                and not me.superuser:
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "must be superuser to create superusers")
        fut = inst.create_role(u.names[0], u.options, u.is_user)
        fut.result()
        return _done(f"CREATE {word}", notices)
    if u.action in ("alter", "rename"):
        target = snap.roles.get(u.names[0])
        if target is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{u.names[0]}" does not exist')
        only_password = set(u.options) <= {"password"}
        if not (me.superuser or (me.createrole and not target.superuser) or
                (target.oid == me.oid and only_password and u.action == "alter")):
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "permission denied")
        if (target.superuser or "superuser" in u.options) and not me.superuser:
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "must be superuser to alter superuser roles or change "
                           "superuser attribute")
        if u.action == "rename":
            inst.rename_role(u.names[0], u.new_name).result()
            return _done(f"ALTER {word}")
        inst.alter_role(u.names[0], u.options).result()
        return _done(f"ALTER {word}")
    # drop
    notices = []
    _require_createrole(session)
    for name in u.names:
        target = snap.roles.get(name)
        if target is None:
            if u.if_exists:
                notices.append(_notice(f'role "{name}" does not exist, skipping'))
                continue
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{name}" does not exist')
        if target.oid == session.current_role.oid:
            raise SqlError(sqlstate.OBJECT_IN_USE, "current user cannot be dropped")
        if target.oid == session.session_role.oid:
            raise SqlError(sqlstate.OBJECT_IN_USE, "session user cannot be dropped")
        if target.superuser and not me.superuser:
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "must be superuser to drop superusers")
        cat = session.catalog()
        kinds = {"S": "sequence", "v": "view"}
        owned = [f"owner of {kinds.get(r.kind, 'table')} {r.name}" for r in cat.relations.values()
                 if r.owner == target.oid]
        granted = [f"privileges for {kinds.get(r.kind, 'table')} {r.name}" for r in cat.relations.values()
                   if target.oid in (getattr(r, "acl", None) or {})]
        granted += [f"privileges for column {c.name} of {kinds.get(r.kind, 'table')} {r.name}"
                    for r in cat.relations.values() for c in getattr(r, "columns", ()) if target.oid in c.acl]
        granted += [f"privileges for type {t.name}" for t in cat.types.values() if target.oid in t.acl]
        granted += [f"privileges for schema {sc.name}" for sc in cat.schemas.values() if target.oid in sc.acl]
        granted += [f"privileges for database {d.name}" for d in snap.databases.values() if target.oid in d.acl]
        if owned or granted:
            raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST,
                           f'role "{name}" cannot be dropped because some objects depend on it',
                           detail="\n".join(owned + granted))
        inst.drop_role(target).result()
    return _done(f"DROP {'ROLE'}", notices)


def database_statement(session: Any, u: DatabaseStmt) -> Result:
    inst = session.instance
    if session._in_block:
        raise SqlError(sqlstate.ACTIVE_SQL_TRANSACTION,
                       f"{'CREATE' if u.action == 'create' else 'DROP'} DATABASE cannot run inside a transaction "
                       "block")
    snap = inst.cluster()
    me = snap.roles.by_oid.get(session.current_role.oid)
    if u.action == "create":
        if not (me.superuser or me.createdb):
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "permission denied to create database")
        owner = me.oid
        notices: list[SqlError] = []
        name = truncate_name(u.name, notices)
        if u.owner is not None:
            owner_name = truncate_name(u.owner, notices)
            o = snap.roles.get(owner_name)
            if o is None:
                raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{owner_name}" does not exist')
            owner = o.oid
        inst.create_database(name, owner).result()
        return _done("CREATE DATABASE", notices)
    rec = snap.databases.get(u.name)
    if rec is None:
        if u.action == "drop" and u.if_exists:
            return _done("DROP DATABASE", [_notice(f'database "{u.name}" does not exist, skipping')])
        raise SqlError(sqlstate.INVALID_CATALOG_NAME, f'database "{u.name}" does not exist')
    from sql.org_roles import memberships_on_database

    check_owner(memberships_on_database(session, rec.oid), me.superuser, rec.owner, "database", u.name)
    if u.action == "drop":
        if rec.oid == session.database_oid:
            raise SqlError(sqlstate.OBJECT_IN_USE, "cannot drop the currently open database")
        inst.drop_database(rec)
        return _done("DROP DATABASE")
    if u.action == "rename":
        if rec.oid == session.database_oid:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "current database cannot be renamed")
        inst.rename_database(rec, u.new_name).result()
        return _done("ALTER DATABASE")
    o = snap.roles.get(u.owner)
    if o is None:
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{u.owner}" does not exist')
    from sql.instance import DatabaseRecord

    inst._commit_global([(_db_key(rec.oid), DatabaseRecord(rec.oid, rec.name, o.oid, rec.acl).to_record())]).result()
    return _done("ALTER DATABASE")


def _db_key(oid: int) -> bytes:
    from sql.instance import db_key

    return db_key(oid)


def _grantees(session: Any, names: tuple[str, ...]) -> list[int]:
    snap = session.instance.cluster()
    out = []
    for n in names:
        if n == "public":
            out.append(0)
            continue
        if n.startswith("@"):
            out.append(session.current_role.oid if n != "@session_user" else session.session_role.oid)
            continue
        r = snap.roles.get(n)
        if r is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{n}" does not exist')
        out.append(r.oid)
    return out


def grant_statement(session: Any, u: GrantStmt) -> Result:
    if u.object_kind == "role":
        return _grant_role(session, u)
    from sql.executor.grants import object_grant

    return object_grant(session, u, _grantees(session, u.grantees))


def _grant_role(session: Any, u: GrantStmt) -> Result:
    from sql.org_roles import grant_org_roles, is_org_role

    if any(is_org_role(n) for n in u.privileges):
        if not all(is_org_role(n) for n in u.privileges):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "organization roles are granted in a statement of their own")
        notices = grant_org_roles(session, u)
        if notices:
            return _done("GRANT ROLE", [_notice(n) for n in notices])
        return _done("GRANT ROLE" if u.is_grant else "REVOKE ROLE")
    inst = session.instance
    snap = inst.cluster()
    me = snap.roles.by_oid.get(session.current_role.oid)
    if not (me.superuser or me.createrole):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE,
                       f'must have admin option on role "{u.privileges[0]}"')
    parents = []
    for name in u.privileges:
        r = snap.roles.get(name)
        if r is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{name}" does not exist')
        if r.superuser and not me.superuser:
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "must be superuser to alter superusers")
        parents.append(r.oid)
    notices: list[SqlError] = []
    for gname in u.grantees:
        member = snap.roles.get(gname)
        if member is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{gname}" does not exist')
        for p in parents:
            if not u.is_grant:
                continue
            if p in member.member_of and (not u.grant_option or p in member.admin_of):
                notices.append(_notice(f'role "{gname}" is already a member of role "{snap.roles.name_of(p)}"'))
            elif member.oid in snap.roles.all_memberships(p):  # would make a membership loop
                raise SqlError(sqlstate.INVALID_GRANT_OPERATION,
                               f'role "{snap.roles.name_of(p)}" is a member of role "{gname}"')
        inst.set_role_membership(member, parents, u.is_grant, u.grant_option).result()
        snap = inst.cluster()
    if notices:
        return _done("GRANT ROLE", notices)
    return _done("GRANT ROLE" if u.is_grant else "REVOKE ROLE")


def set_role(session: Any, u: SetStmt) -> Result:
    snap = session.instance.cluster()
    value = u.values[0] if u.values else None
    if u.name == "session_authorization":
        if not session.session_role.superuser and not session.original_superuser():
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "permission denied to set session authorization")
        if value is None or value == "default":
            role = session.authenticated_role
        else:
            role = snap.roles.get(value)
            if role is None:  # PostgreSQL checks the value like a setting's: 22023
                raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f'role "{value}" does not exist')
        session.session_role = role
        session.current_role = role
        session.settings.force("session_authorization", role.name)
        session.settings.force("is_superuser", "on" if role.superuser else "off")
        return _done("SET")
    if value is None or value == "none":
        session.current_role = session.session_role
    else:
        role = snap.roles.get(value)
        if role is None:
            raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f'role "{value}" does not exist')
        sess = snap.roles.by_oid.get(session.session_role.oid, session.session_role)
        from sql.org_roles import held_in

        if not sess.superuser and role.oid not in snap.roles.all_memberships(sess.oid) and \
                role.oid not in held_in(snap, session.database_oid, sess.oid):
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f'permission denied to set role "{value}"')
        session.current_role = role
    settings = session.settings
    if "role" not in settings.listeners:  # a transaction end restoring the setting restores the role too
        settings.listeners["role"] = lambda v: _role_setting_changed(session, v)
    if u.local and not session._in_block:
        w = SqlError(sqlstate.NO_ACTIVE_SQL_TRANSACTION, "SET LOCAL can only be used in transaction blocks",
                     severity="WARNING")
        session.current_role = session.instance.cluster().roles.get(settings.values.get("role", "none")) \
            or session.session_role
        return _done("SET", [w])
    settings._remember_local("role", u.local)
    settings.force("role", value or "none")
    return _done("SET")


def _role_setting_changed(session: Any, value: str) -> None:
    role = None if value == "none" else session.instance.cluster().roles.get(value)
    session.current_role = role or session.session_role
    session.settings.force("is_superuser", "on" if session.is_superuser else "off")


def savepoint_statement(session: Any, u: TransactionStmt) -> Result:
    if not session._in_block:
        what = {"savepoint": "SAVEPOINT", "release": "RELEASE SAVEPOINT"}.get(u.action, "ROLLBACK TO SAVEPOINT")
        raise SqlError(sqlstate.NO_ACTIVE_SQL_TRANSACTION, f"{what} can only be used in transaction blocks")
    stack: list[tuple[str, int, Any]] = session.savepoints
    txn = session.txn()
    if u.action == "savepoint":
        token = txn.savepoint()
        stack.append((u.name, token, session._local_catalog))
        txstate.at_savepoint(session, token)
        return _done("SAVEPOINT")
    idx = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == u.name), None)
    if idx is None:
        raise SqlError(sqlstate.INVALID_SAVEPOINT_SPECIFICATION, f'savepoint "{u.name}" does not exist')
    name, token, local_cat = stack[idx]
    if u.action == "release":
        txn.release_savepoint(token)
        del stack[idx:]
        return _done("RELEASE")
    # rollback to: the savepoint itself stays
    txn.rollback_to_savepoint(token)
    txstate.at_rollback_to(session, token)
    del stack[idx + 1:]
    session._local_catalog = local_cat
    session._failed = False
    return _done("ROLLBACK")

