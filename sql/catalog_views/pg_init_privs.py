"""pg_init_privs: the privileges system objects had at initdb time.

pg_dump compares a system object's ACL with its initial one and dumps GRANT / REVOKE only for
changes, so every catalog relation and system schema is listed with the ACL pg_class /
pg_namespace show for it (we do not let those be changed)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sql.catalog import INFORMATION_SCHEMA_OID, PG_CATALOG_OID
from sql.catalog_views.base import VIRTUAL_TABLES, relation, role_name

PG_CLASS, PG_NAMESPACE = 1259, 2615


@relation("pg_catalog", "pg_init_privs")
def pg_init_privs(session: Any) -> Iterator[tuple[Any, ...]]:
    su = role_name(session, 10)
    schema_acl = [f"{su}=UC/{su}", f"=U/{su}"]
    yield (PG_CATALOG_OID, PG_NAMESPACE, 0, "i", schema_acl)
    yield (INFORMATION_SCHEMA_OID, PG_NAMESPACE, 0, "i", schema_acl)
    table_acl = [f"{su}=arwdDxt/{su}", f"=r/{su}"]
    for v in VIRTUAL_TABLES.values():
        yield (v.oid, PG_CLASS, 0, "i", table_acl)
