"""Organization roles (``admin``, ``operator``, ``reader``; see :mod:`auth.predefined_roles`):
membership recorded per database, in the cluster's global environment under
``orgm:<database oid><member oid>`` -> JSON list of organization role OIDs.

A session's effective roles (:func:`memberships_in`) are the role's ordinary memberships, plus
the organization roles its roles hold in the session's database, plus what those stand for there;
the owner of the database (and whoever may act as it) is also a member of pg_database_owner.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from auth.predefined_roles import ORG_ADMIN, ORG_IMPLIES, ORG_ROLE_OIDS, ORG_ROLES, PG_DATABASE_OWNER
from sql import sqlstate
from sql.errors import SqlError

ORG_KEY_PREFIX = b"orgm:"


def org_key(db_oid: int, member_oid: int) -> bytes:
    return ORG_KEY_PREFIX + db_oid.to_bytes(8, "big") + member_oid.to_bytes(8, "big")


def load(records: Iterable[tuple[bytes, bytes]]) -> dict[tuple[int, int], frozenset[int]]:
    """(database oid, member oid) -> organization roles held there."""
    out = {}
    n = len(ORG_KEY_PREFIX)
    for k, v in records:
        if k.startswith(ORG_KEY_PREFIX):
            out[(int.from_bytes(k[n:n + 8], "big"), int.from_bytes(k[n + 8:n + 16], "big"))] = frozenset(json.loads(v))
    return out


def memberships_in(snap: Any, db_oid: int, role_oid: int) -> frozenset[int]:
    """The roles whose privileges ``role_oid`` uses while connected to database ``db_oid``."""
    roles = snap.roles
    base = roles.memberships(role_oid)
    members = snap.org_members
    rec = snap.databases_by_oid.get(db_oid)
    owner = rec.owner if rec is not None else None
    out = set(base)
    orgs = {r for r in base if r in ORG_ROLE_OIDS}  # SET ROLE reader: the role itself
    if members:
        for r in base:
            orgs.update(members.get((db_oid, r), ()))
    for org in orgs:
        out.add(org)
        out.update(ORG_IMPLIES.get(org, ()))
        if org == ORG_ADMIN and owner is not None:
            out |= roles.memberships(owner)
    if owner is not None and owner in out:
        out.add(PG_DATABASE_OWNER)
    return frozenset(out)


def held_in(snap: Any, db_oid: int, member_oid: int) -> frozenset[int]:
    return snap.org_members.get((db_oid, member_oid), frozenset())


def is_org_role(name: str) -> bool:
    return name in ORG_ROLES


def grant_org_roles(session: Any, u: Any) -> list[str]:
    """GRANT / REVOKE admin|operator|reader TO roles: recorded for the session's database only.
    Returns the notices (already a member)."""
    inst = session.instance
    snap = inst.cluster()
    db = session.database_oid
    me = snap.roles.by_oid.get(session.current_role.oid, session.current_role)
    mine = session.role_memberships()
    rec = snap.databases_by_oid.get(db)
    if not (me.superuser or me.createrole or ORG_ADMIN in mine or (rec is not None and rec.owner in mine)):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f'must have admin option on role "{u.privileges[0]}"')
    wanted = {ORG_ROLES[n] for n in u.privileges}
    notices = []
    writes: list[tuple[bytes, bytes | None]] = []
    for gname in u.grantees:
        member = snap.roles.get(gname)
        if member is None or gname == "public":
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{gname}" does not exist')
        if member.oid in ORG_ROLE_OIDS:
            raise SqlError(sqlstate.INVALID_GRANT_OPERATION, f'role "{gname}" cannot be a member of another '
                           "organization role")
        held = held_in(snap, db, member.oid)
        if u.is_grant:
            notices += [f'role "{gname}" is already a member of role "{snap.roles.name_of(o)}"'
                        for o in sorted(wanted & held)]
            new = held | wanted
        else:
            new = held - wanted
        writes.append((org_key(db, member.oid), json.dumps(sorted(new)).encode() if new else None))
    inst._commit_global(writes).result()
    return notices


def forget_member(snap: Any, member_oid: int) -> list[tuple[bytes, bytes | None]]:
    """Writes removing every organization membership of a role being dropped."""
    return [(org_key(db, m), None) for (db, m) in snap.org_members if m == member_oid]


def forget_database(snap: Any, db_oid: int) -> list[tuple[bytes, bytes | None]]:
    """Writes removing every organization membership in a database being dropped."""
    return [(org_key(d, m), None) for (d, m) in snap.org_members if d == db_oid]


def memberships_on_database(session: Any, db_oid: int) -> frozenset[int]:
    """The roles the session's role acts with on database ``db_oid`` itself (DROP / ALTER / GRANT ON
    DATABASE): organization roles count in their own database only, so an admin of A is nobody in B."""
    if db_oid == session.database_oid:
        return session.role_memberships()
    return memberships_in(session.instance.cluster(), db_oid, session.current_role.oid)
