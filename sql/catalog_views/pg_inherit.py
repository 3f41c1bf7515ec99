"""pg_inherits and pg_partitioned_table, from the tables' ``inherits`` / ``partition_by``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sql.catalog import Table
from sql.catalog_views.base import builder, relation


@relation("pg_catalog", "pg_inherits")
def pg_inherits(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_inherits")
    for rel in session.catalog().relations.values():
        if isinstance(rel, Table):
            for seq, parent in enumerate(rel.inherits, 1):
                yield make(inhrelid=rel.oid, inhparent=parent, inhseqno=seq, inhdetachpending=False)


@relation("pg_catalog", "pg_partitioned_table")
def pg_partitioned_table(session: Any) -> Iterator[tuple[Any, ...]]:
    from sql.catalog_views.pg_relations import opclass_for, type_layout

    make = builder("pg_catalog", "pg_partitioned_table")
    cat = session.catalog()
    for rel in cat.relations.values():
        if isinstance(rel, Table) and rel.partition_by:
            cols = [rel.columns[p] for p in rel.partition_by[1:]]
            default = next((c.oid for c in cat.children(rel.oid) if tuple(c.partition_bound[:1]) == ("d",)), 0)
            yield make(partrelid=rel.oid, partstrat=rel.partition_by[0], partnatts=len(cols), partdefid=default,
                       partattrs=[c.attnum for c in cols], partclass=[opclass_for(c.type_oid) for c in cols],
                       partcollation=[type_layout(c.type_oid)[4] for c in cols])
