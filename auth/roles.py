"""Roles: the record kept per role in the cluster's global environment, and an immutable
snapshot of all roles for lookups by name and OID.

Only SCRAM verifiers are stored (see :mod:`auth.scram`), never passwords. Reading and
writing the records is done through a storage transaction handed in by the caller.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace

BOOTSTRAP_SUPERUSER_OID = 10
PUBLIC_OID = 0
ROLE_KEY_PREFIX = b"role:"


@dataclass(frozen=True)
class Role:
    oid: int
    name: str
    superuser: bool = False
    inherit: bool = True
    createrole: bool = False
    createdb: bool = False
    login: bool = False
    replication: bool = False
    bypassrls: bool = False
    connlimit: int = -1
    verifier: str | None = None
    valid_until: str | None = None
    member_of: tuple[int, ...] = field(default_factory=tuple)
    admin_of: tuple[int, ...] = field(default_factory=tuple)  # the member_of roles held WITH ADMIN OPTION

    def to_record(self) -> bytes:
        d = asdict(self)
        d["member_of"] = list(self.member_of)
        d["admin_of"] = list(self.admin_of)
        return json.dumps(d, sort_keys=True).encode()

    @staticmethod
    def from_record(data: bytes) -> Role:
        d = json.loads(data)
        d["member_of"] = tuple(d.get("member_of", ()))
        d["admin_of"] = tuple(d.get("admin_of", ()))
        return Role(**d)

    def with_changes(self, **changes: object) -> Role:
        return replace(self, **changes)  # type: ignore[arg-type]


def role_key(oid: int) -> bytes:
    return ROLE_KEY_PREFIX + oid.to_bytes(8, "big")


class RoleSnapshot:
    """All roles at one catalog version; immutable."""

    def __init__(self, roles: list[Role]) -> None:
        self.by_oid: dict[int, Role] = {r.oid: r for r in roles}
        self.by_name: dict[str, Role] = {r.name: r for r in roles}

    def get(self, name: str) -> Role | None:
        return self.by_name.get(name)

    def name_of(self, oid: int) -> str:
        r = self.by_oid.get(oid)
        return r.name if r else f"unknown (OID={oid})"

    def memberships(self, oid: int) -> frozenset[int]:
        """The role itself, every role it is (transitively) a member of with INHERIT, and PUBLIC.

        A NOINHERIT role does not use the privileges of the roles it is a member of (it must SET ROLE)."""
        seen = {oid, PUBLIC_OID}
        stack = [oid]
        while stack:
            r = self.by_oid.get(stack.pop())
            if r is None or not r.inherit:
                continue
            for parent in r.member_of:
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return frozenset(seen)

    def all_memberships(self, oid: int) -> set[int]:
        """The role and every role it is a member of, directly or not, whatever INHERIT says."""
        seen = {oid}
        stack = [oid]
        while stack:
            r = self.by_oid.get(stack.pop())
            if r is None:
                continue
            for p in r.member_of:
                if p not in seen:
                    seen.add(p)
                    stack.append(p)
        return seen
