"""pg_catalog and information_schema: virtual relations computed from our own catalog.

Modules: :mod:`.base` (the VirtualTable mechanism and registry), :mod:`.objects` (lookups by
OID, visibility, display names), :mod:`.deparse` / :mod:`.definitions` (the texts PostgreSQL's
ruleutils prints), :mod:`.systypes` (int2vector, oidvector, aclitem, pg_node_tree, xid),
the producers (:mod:`.pg_relations`, :mod:`.pg_types`, :mod:`.pg_cluster`, :mod:`.pg_views`,
:mod:`.info_schema`, :mod:`.info_schema_constraints`) and the generated PostgreSQL 15 data
(``data_*.py``, see :mod:`.generate_data`). Every pg_catalog / information_schema relation of
PostgreSQL 15 exists with its columns; those without a producer are empty.
"""

from __future__ import annotations

from sql.catalog_views import (  # noqa: F401 - importing registers the relations
    info_schema,
    info_schema_constraints,
    pg_cluster,
    pg_default_acl,
    pg_inherit,
    pg_init_privs,
    pg_policy,
    pg_prepared,
    pg_relations,
    pg_security_views,
    pg_types,
    pg_views,
    regtypes,
    triggers,
    user_procs,
)
from sql.catalog_views.base import VIRTUAL_TABLES, VColumn, VirtualTable, lookup, register_all_remaining

register_all_remaining()
regtypes.install()

__all__ = ["VIRTUAL_TABLES", "VColumn", "VirtualTable", "lookup"]
