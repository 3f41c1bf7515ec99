"""Cluster-wide relations: pg_database, pg_roles, pg_authid, pg_user, pg_auth_members,
pg_tablespace, and the session-dependent pg_settings, pg_stat_activity and pg_locks.

pg_database lists the session's own database and those its role may connect to (a database is
a tenant here); pg_stat_activity lists the sessions of the session's own database only.
pg_authid is readable by superusers only (42501 otherwise), as in PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from auth.privileges import has_privilege
from sql import sqlstate
from sql import typesys as T
from sql.catalog_views.base import acl_items, builder, relation
from sql.catalog_views.data_types import SETTINGS_META
from sql.errors import SqlError

UTF8 = 6
DEFAULT_TABLESPACE, GLOBAL_TABLESPACE = 1663, 1664


def visible_databases(session: Any) -> Iterator[Any]:
    from auth.predefined_roles import ORG_ROLE_OIDS
    from sql.org_roles import memberships_in

    snap = session.instance.cluster()
    su = session.is_superuser
    for d in snap.databases.values():
        if d.oid == session.database_oid or su:
            yield d
            continue
        roles = memberships_in(snap, d.oid, session.current_role.oid)  # as connecting there would see them
        if has_privilege(roles, su, d.owner, d.acl, "c") or roles & ORG_ROLE_OIDS:
            yield d


@relation("pg_catalog", "pg_database")
def pg_database(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_database")
    for d in visible_databases(session):
        yield make(oid=d.oid, datname=d.name, datdba=d.owner, encoding=UTF8, datlocprovider="c",
                   datallowconn=d.allow_connections, datconnlimit=d.connlimit, datfrozenxid=716, datminmxid=1,
                   dattablespace=DEFAULT_TABLESPACE, datcollate="C.UTF-8", datctype="C.UTF-8",
                   datacl=acl_items(session, d.owner, d.acl, "CTc"))


def _valid_until(session: Any, text: str | None) -> Any:
    if text is None:
        return None
    try:
        return session.text_input(T.TIMESTAMPTZ)(text)
    except SqlError:
        return None


def _roles(session: Any) -> list[Any]:
    return sorted(session.instance.cluster().roles.by_oid.values(), key=lambda r: r.oid)


@relation("pg_catalog", "pg_roles")
def pg_roles(session: Any) -> Iterator[tuple[Any, ...]]:
    for r in _roles(session):
        yield (r.name, r.superuser, r.inherit, r.createrole, r.createdb, r.login, r.replication, r.connlimit,
               "********", _valid_until(session, r.valid_until), r.bypassrls, None, r.oid)


@relation("pg_catalog", "pg_authid")
def pg_authid(session: Any) -> Iterator[tuple[Any, ...]]:
    if not session.is_superuser:
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "permission denied for table pg_authid")
    for r in _roles(session):
        yield (r.oid, r.name, r.superuser, r.inherit, r.createrole, r.createdb, r.login, r.replication, r.bypassrls,
               r.connlimit, r.verifier, _valid_until(session, r.valid_until))


@relation("pg_catalog", "pg_user")
def pg_user(session: Any) -> Iterator[tuple[Any, ...]]:
    for r in _roles(session):
        if r.login:
            yield (r.name, r.oid, r.createdb, r.superuser, r.replication, r.bypassrls, "********",
                   _valid_until(session, r.valid_until), None)


@relation("pg_catalog", "pg_auth_members")
def pg_auth_members(session: Any) -> Iterator[tuple[Any, ...]]:
    for r in _roles(session):
        for parent in r.member_of:
            yield (parent, r.oid, 10, parent in r.admin_of)
    from sql.org_roles import held_in  # organization roles: the memberships of the current database

    snap = session.instance.cluster()
    for r in _roles(session):
        for org in sorted(held_in(snap, session.database_oid, r.oid)):
            yield (org, r.oid, 10, False)


@relation("pg_catalog", "pg_tablespace", cached=False)
def pg_tablespace(_session: Any) -> Iterator[tuple[Any, ...]]:
    yield (DEFAULT_TABLESPACE, "pg_default", 10, None, None)
    yield (GLOBAL_TABLESPACE, "pg_global", 10, None, None)


_MEM = {"kb": 1, "mb": 1024, "gb": 1024**2, "tb": 1024**3}
_TIME = {"us": 0.001, "ms": 1, "s": 1000, "min": 60000, "h": 3600000, "d": 86400000}
_UNIT_MS = {"ms": 1, "s": 1000, "min": 60000}


def setting_in_unit(value: str, unit: str | None) -> str:
    """A displayed setting value ('4MB', '1s') in the unit pg_settings.setting uses ('4096', '1000')."""
    if not unit:
        return value
    m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", value)
    if m is None:
        return value
    num, u = float(m.group(1)), m.group(2).lower()
    if unit.endswith("B"):
        size = 8 if unit == "8kB" else 1
        kb = num * _MEM.get(u, 1) if u else num * size
        return str(int(kb // size))
    if unit in _UNIT_MS:
        ms = num * _TIME.get(u, 1) if u else num * _UNIT_MS[unit]
        return str(int(ms // _UNIT_MS[unit]))
    return value


@relation("pg_catalog", "pg_settings", cached=False)
def pg_settings(session: Any) -> Iterator[tuple[Any, ...]]:
    from sql.settings import DEFINITIONS

    settings = session.settings
    for name, d in sorted(DEFINITIONS.items(), key=lambda kv: (kv[1].display or kv[0]).lower()):
        shown = d.display or name
        meta = SETTINGS_META.get(shown)
        if meta is None:
            continue
        unit, category, short, extra, context, vartype, min_val, max_val, enumvals, boot = meta
        value = settings.values.get(name, d.default)
        reset = settings.session_defaults.get(name, d.default)
        source = "default" if value == d.default else ("client" if value == reset else "session")
        yield (shown, setting_in_unit(value, unit), unit, category, short, extra, context, vartype, source,
               min_val, max_val, enumvals, setting_in_unit(d.default, unit) if boot is not None else None,
               setting_in_unit(reset, unit), None, None, False)


@relation("pg_catalog", "pg_stat_activity", cached=False)
def pg_stat_activity(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_stat_activity")
    memberships = session.role_memberships()
    stats_role = session.instance.cluster().roles.get("pg_read_all_stats")
    sees_all = session.is_superuser or (stats_role is not None and stats_role.oid in memberships)
    for pid, s in sorted(session.instance.sessions.items()):
        if s.database_oid != session.database_oid:
            continue
        common = dict(datid=s.database_oid, datname=s.database_name, pid=pid, usesysid=s.session_role.oid,
                      usename=s.session_role.name,
                      application_name=s.settings.values.get("application_name", ""))
        if not (sees_all or s.session_role.oid in memberships):
            # as PostgreSQL: what the session does is hidden from roles without the privileges of its user
            yield make(**common, query="<insufficient privilege>")
            continue
        status = s.tx_status
        if s is session or s.activity_running:
            state = "active"
        else:
            state = {"T": "idle in transaction", "E": "idle in transaction (aborted)"}.get(status, "idle")
        query = s.activity_query
        if len(query) > 1023:  # track_activity_query_size, as bytes of UTF-8
            query = query.encode()[:1023].decode(errors="ignore")
        yield make(**common, client_addr=s.client_addr or None, client_port=None, backend_start=s.backend_start,
                   xact_start=s._tx_start if status != "E" else None, query_start=s.query_start,
                   state_change=s.state_change, state=state, query=query, backend_type="client backend")


@relation("pg_catalog", "pg_locks", cached=False)
def pg_locks(session: Any) -> Iterator[tuple[Any, ...]]:
    from sql.functions_catalog_locks import held_locks

    make = builder("pg_catalog", "pg_locks")
    for db_oid, key, pid, shared, two_keys in held_locks(session.database_oid, session):
        hi, lo = (key >> 32) & 0xFFFFFFFF, key & 0xFFFFFFFF
        yield make(locktype="advisory", database=db_oid, classid=hi, objid=lo, objsubid=2 if two_keys else 1,
                   virtualtransaction=f"{pid}/1", pid=pid, mode="ShareLock" if shared else "ExclusiveLock",
                   granted=True, fastpath=False)
    from sql.lock_waits import table_locks

    for db_oid, rel_oid, pid, mode, granted in table_locks(session):
        yield make(locktype="relation", database=db_oid, relation=rel_oid, virtualtransaction=f"{pid}/1", pid=pid,
                   mode=mode, granted=granted, fastpath=False)
