"""pg_policy and pg_policies: the row-level security policies kept on each table
(``Table.policies``, see :mod:`sql.executor.rls`). The expressions are stored as SQL text, which
``pg_get_expr(polqual, polrelid)`` prints as PostgreSQL's ruleutils would."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from sql.catalog import Table
from sql.catalog_views.base import builder, relation, role_name, schema_names

_CMD_WORDS = {"*": "ALL", "r": "SELECT", "a": "INSERT", "w": "UPDATE", "d": "DELETE"}


def _policies(session: Any) -> Iterator[tuple[Any, str, dict]]:
    for rel in session.catalog().relations.values():
        if isinstance(rel, Table) and getattr(rel, "policies", None):
            for name, p in rel.policies.items():
                yield rel, name, p


def policy_oid(rel: Any, name: str) -> int:
    """A stable OID-like number for a policy (policies are keyed by table and name)."""
    return 1_000_000_000 + (rel.oid * 7919 + zlib.crc32(name.encode())) % 1_000_000_000


@relation("pg_catalog", "pg_policy")
def pg_policy(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_policy")
    for rel, name, p in _policies(session):
        yield make(oid=policy_oid(rel, name), polname=name, polrelid=rel.oid, polcmd=p["cmd"],
                   polpermissive=p["permissive"], polroles=list(p["roles"]), polqual=p["using"],
                   polwithcheck=p["check"])


@relation("pg_catalog", "pg_policies")
def pg_policies(session: Any) -> Iterator[tuple[Any, ...]]:
    from sql.catalog_views.definitions import check_text

    make = builder("pg_catalog", "pg_policies")
    schemas = schema_names(session)
    for rel, name, p in _policies(session):
        roles = sorted(("public" if r == 0 else role_name(session, r)) for r in p["roles"])
        yield make(schemaname=schemas.get(rel.schema_oid), tablename=rel.name, policyname=name,
                   permissive="PERMISSIVE" if p["permissive"] else "RESTRICTIVE", roles=roles,
                   cmd=_CMD_WORDS[p["cmd"]], qual=check_text(rel, p["using"], False) if p["using"] else None,
                   with_check=check_text(rel, p["check"], False) if p["check"] else None)
