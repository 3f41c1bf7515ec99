"""Privilege checks (PostgreSQL's aclchk.c in miniature).

ACLs are plain dicts ``grantee role OID -> privilege letters`` using PostgreSQL's letters
(r SELECT, a INSERT, w UPDATE, d DELETE, D TRUNCATE, x REFERENCES, t TRIGGER, c CONNECT,
C CREATE, T TEMP, U USAGE). Grantee 0 is PUBLIC. Owners hold every privilege implicitly and
superusers bypass all checks. A failed check raises SqlError 42501.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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
    """Raise 42501 unless every privilege letter is held."""
    for letter in letters:
        if not has_privilege(roles, superuser, owner, acl, letter):
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE,
                           f"permission denied for {OBJECT_WORDS.get(kind, kind)} {name}")


def check_owner(roles: frozenset[int], superuser: bool, owner: int, kind: str, name: str) -> None:
    if not (superuser or owner in roles):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"must be owner of {kind} {name}")


def grant(acl: Mapping[int, str] | None, grantees: Iterable[int], letters: str) -> dict[int, str]:
    out = dict(acl or {})
    for g in grantees:
        have = out.get(g, "")
        out[g] = "".join(sorted(set(have) | set(letters), key=lambda c: ("arwdDxtXUCTc" + c).index(c)))
    return out


def revoke(acl: Mapping[int, str] | None, grantees: Iterable[int], letters: str) -> dict[int, str]:
    out = dict(acl or {})
    for g in grantees:
        have = "".join(c for c in out.get(g, "") if c not in letters)
        if have:
            out[g] = have
        else:
            out.pop(g, None)
    return out
