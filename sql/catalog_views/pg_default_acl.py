"""pg_default_acl: the ALTER DEFAULT PRIVILEGES entries (kept on the schemas, see
:func:`sql.executor.owned.default_privileges`). An entry for every schema holds the whole ACL new
objects start with; one for a schema the grants added there."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from sql.catalog_views.base import builder, relation


@relation("pg_catalog", "pg_default_acl")
def pg_default_acl(session: Any) -> Iterator[tuple[Any, ...]]:
    from auth.privileges import parse_grants
    from sql.catalog_views.base import _ORDER, _acl_name

    make = builder("pg_catalog", "pg_default_acl")
    roles = session.instance.cluster().roles
    for s in session.catalog().schemas.values():
        for key, acl in (s.default_acl or {}).items():
            everywhere = key.startswith("*")
            role_text, _sep, kind = key.lstrip("*").partition(":")
            role = int(role_text)
            owner_name = _acl_name(roles.name_of(role))
            items = []
            # PostgreSQL lists the grantees before the owner's own entry
            for grantee, value in sorted(acl.items(), key=lambda kv: (int(kv[0]) == role, int(kv[0]) == 0,
                                                                       int(kv[0]))):
                who = "" if int(grantee) == 0 else _acl_name(roles.name_of(int(grantee)))
                for grantor, letters, options in parse_grants(value):
                    ordered = "".join(c + ("*" if c in options else "") for c in _ORDER if c in letters)
                    by = owner_name if grantor is None else _acl_name(roles.name_of(grantor))
                    items.append(f"{who}={ordered}/{by}")
            oid = 1_000_000_000 + zlib.crc32(f"{s.oid}:{key}".encode()) % 1_000_000_000
            yield make(oid=oid, defaclrole=role, defaclnamespace=0 if everywhere else s.oid, defaclobjtype=kind,
                       defaclacl=items)
