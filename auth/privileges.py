"""Privilege checks (PostgreSQL's aclchk.c in miniature).

ACLs are plain dicts ``grantee role OID -> privilege letters`` using PostgreSQL's letters
(r SELECT, a INSERT, w UPDATE, d DELETE, D TRUNCATE, x REFERENCES, t TRIGGER, c CONNECT,
C CREATE, T TEMP, U USAGE). Grantee 0 is PUBLIC. Owners hold every privilege implicitly and
superusers bypass all checks. A failed check raises SqlError 42501.

One grantee's value holds one or more grants separated by ``;``: the letters, each followed by
``*`` when held WITH GRANT OPTION, then ``/grantor-oid`` unless the grantor is the object's
owner -- e.g. ``"r*a"`` or ``"r*a;r/16390"``. A letter test (``letter in value``) therefore
still answers "is this privilege held from any grantor".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from auth.predefined_roles import data_role_allows
from sql import sqlstate
from sql.errors import SqlError

PRIVILEGE_LETTERS = {
    "SELECT": "r", "INSERT": "a", "UPDATE": "w", "DELETE": "d", "TRUNCATE": "D",
    "REFERENCES": "x", "TRIGGER": "t", "CONNECT": "c", "CREATE": "C", "TEMPORARY": "T", "TEMP": "T",
    "USAGE": "U", "EXECUTE": "X",
}
TABLE_ALL = "arwdDxt"
DATABASE_ALL = "CTc"
SCHEMA_ALL = "UC"
SEQUENCE_ALL = "rwU"

OBJECT_WORDS = {"table": "table", "sequence": "sequence", "database": "database", "schema": "schema",
                "view": "view"}


_ORDER = "arwdDxtXUCTc"


def parse_grants(value: str) -> list[tuple[int | None, str, str]]:
    """(grantor or None for the owner, letters, letters held with grant option) of one grantee's value."""
    out = []
    for seg in value.split(";"):
        privs, _sep, grantor = seg.partition("/")
        letters = privs.replace("*", "")
        options = "".join(privs[i - 1] for i in range(1, len(privs)) if privs[i] == "*")
        out.append((int(grantor) if grantor else None, letters, options))
    return out


def format_grants(grants: Iterable[tuple[int | None, str, str]]) -> str:
    segs = []
    for grantor, letters, options in grants:
        if not letters:
            continue
        privs = "".join(c + ("*" if c in options else "") for c in _ORDER if c in letters)
        segs.append(privs if grantor is None else f"{privs}/{grantor}")
    return ";".join(segs)


def acl_entries(acl: Mapping[int, str] | None) -> list[tuple[int, int | None, str, str]]:
    """(grantee, grantor or None, letters, grant-option letters) of every grant in an ACL."""
    return [(g, grantor, letters, options) for g, value in (acl or {}).items()
            for grantor, letters, options in parse_grants(value)]


def has_grant_option(roles: frozenset[int], superuser: bool, owner: int, acl: Mapping[int, str] | None,
                     letter: str) -> bool:
    if superuser or owner in roles:
        return True
    return any(g in roles and letter in options for g, _gr, _l, options in acl_entries(acl))


def has_privilege(
    roles: frozenset[int], superuser: bool, owner: int, acl: Mapping[int, str] | None, letter: str
) -> bool:
    if superuser or owner in roles:
        return True
    if not acl:
        return False
    for grantee, letters in acl.items():
        if grantee in roles and letter in letters:
            return True
    return False


def check(
    roles: frozenset[int], superuser: bool, owner: int, acl: Mapping[int, str] | None, letters: Iterable[str],
    kind: str, name: str,
) -> None:
    """Raise 42501 unless every privilege letter is held (also through pg_read_all_data / pg_write_all_data)."""
    for letter in letters:
        if not has_privilege(roles, superuser, owner, acl, letter) and not data_role_allows(roles, kind, letter):
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE,
                           f"permission denied for {OBJECT_WORDS.get(kind, kind)} {name}")


def check_either(
    roles: frozenset[int], superuser: bool, owner: int, acl: Mapping[int, str] | None, letters: str,
    kind: str, name: str,
) -> None:
    """Raise 42501 unless one of the privilege letters is held (nextval: USAGE or UPDATE)."""
    if not any(has_privilege(roles, superuser, owner, acl, c) or data_role_allows(roles, kind, c) for c in letters):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for {OBJECT_WORDS.get(kind, kind)} {name}")


def check_owner(roles: frozenset[int], superuser: bool, owner: int, kind: str, name: str) -> None:
    if not (superuser or owner in roles):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"must be owner of {kind} {name}")


def grant(acl: Mapping[int, str] | None, grantees: Iterable[int], letters: str, grantor: int | None = None,
          with_option: bool = False) -> dict[int, str]:
    """Add ``letters`` (and their grant options) to each grantee's grant from ``grantor`` (None: the owner)."""
    out = dict(acl or {})
    for g in grantees:
        grants = parse_grants(out[g]) if g in out else []
        for k, (gr, have, opts) in enumerate(grants):
            if gr == grantor:
                grants[k] = (gr, have + letters, opts + (letters if with_option else ""))
                break
        else:
            grants.append((grantor, letters, letters if with_option else ""))
        out[g] = format_grants(grants)
    return out


def revoke(acl: Mapping[int, str] | None, grantees: Iterable[int], letters: str, grantor: int | None = None,
           option_only: bool = False) -> dict[int, str]:
    """Remove ``letters`` (or only their grant options) from each grantee's grant by ``grantor``."""
    out = dict(acl or {})
    for g in grantees:
        if g not in out:
            continue
        grants = []
        for gr, have, opts in parse_grants(out[g]):
            if gr == grantor:
                opts = "".join(c for c in opts if c not in letters)
                if not option_only:
                    have = "".join(c for c in have if c not in letters)
            grants.append((gr, have, opts))
        value = format_grants(grants)
        if value:
            out[g] = value
        else:
            out.pop(g, None)
    return out


def dependent_grants(acl: Mapping[int, str] | None, owner: int) -> list[tuple[int, int, str]]:
    """(grantee, grantor, letters) of grants whose grantor no longer holds the grant option for them."""
    entries = acl_entries(acl)
    out = []
    for grantee, grantor, letters, _opts in entries:
        if grantor is None or grantor == owner:
            continue
        held = "".join(o for g, _gr, _l, o in entries if g == grantor)
        lost = "".join(c for c in letters if c not in held)
        if lost:
            out.append((grantee, grantor, lost))
    return out


def revoke_dependents(acl: Mapping[int, str] | None, owner: int, cascade: bool) -> dict[int, str]:
    """Revoke, recursively, the grants made with a grant option that is gone (2BP01 unless CASCADE)."""
    out = dict(acl or {})
    while True:
        deps = dependent_grants(out, owner)
        if not deps:
            return out
        if not cascade:
            raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST, "dependent privileges exist",
                           hint="Use CASCADE to revoke them too.")
        for grantee, grantor, letters in deps:
            out = revoke(out, [grantee], letters, grantor)


def new_owner_acl(acl: Mapping[int, str] | None, old: int, new: int, all_letters: str) -> dict[int, str]:
    """The ACL after the owner changes from ``old`` to ``new`` (PostgreSQL's aclnewowner): the old
    owner's own privileges (implicit here while the ACL is the default) and grants made by it
    become the new owner's, merged with what the new owner already held."""
    if not acl:
        return {}
    entries = acl_entries(acl)
    if old not in acl:
        entries.insert(0, (old, None, all_letters, ""))
    out: dict[int, str] = {}
    for grantee, grantor, letters, options in entries:
        who = new if grantee == old else grantee
        by = None if grantor in (None, old, new) else grantor
        out = grant(out, [who], letters, by)
        if options:
            out = grant(out, [who], options, by, with_option=True)
    return out
