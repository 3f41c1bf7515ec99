"""The pg_catalog system views over relations: pg_tables, pg_views, pg_indexes, pg_sequences
and the (all-zero) statistics views pg_stat_user_tables / pg_stat_all_tables /
pg_statio_user_tables / pg_stat_user_indexes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auth.privileges import has_privilege
from sql.catalog import Sequence, Table, View
from sql.catalog_views.base import VIRTUAL_TABLES, builder, relation, role_name, schema_names
from sql.catalog_views.definitions import index_text, view_text


@relation("pg_catalog", "pg_tables")
def pg_tables(session: Any) -> Iterator[tuple[Any, ...]]:
    cat = session.catalog()
    names = schema_names(session)
    for rel in cat.relations.values():
        if isinstance(rel, Table):
            triggers = any(c.kind == "f" for c in rel.constraints) or bool(cat.referencing(rel.oid))
            yield (names.get(rel.schema_oid), rel.name, role_name(session, rel.owner), None, bool(rel.indexes),
                   False, triggers, False)
    su = role_name(session, 10)
    for v in VIRTUAL_TABLES.values():
        if v.kind == "r":
            yield (v.schema_name, v.name, su, "pg_global" if v.name in _shared() else None, False, False, False,
                   False)


def _shared() -> set[str]:
    from sql.catalog_views.pg_relations import _SHARED

    return _SHARED


@relation("pg_catalog", "pg_views", cached=False)  # definitions depend on search_path
def pg_views(session: Any) -> Iterator[tuple[Any, ...]]:
    names = schema_names(session)
    for rel in session.catalog().relations.values():
        if isinstance(rel, View):
            yield (names.get(rel.schema_oid), rel.name, role_name(session, rel.owner), view_text(session, rel, False))
    su = role_name(session, 10)
    for v in VIRTUAL_TABLES.values():
        if v.kind == "v":
            yield (v.schema_name, v.name, su, None)


@relation("pg_catalog", "pg_indexes")
def pg_indexes(session: Any) -> Iterator[tuple[Any, ...]]:
    names = schema_names(session)
    for rel in session.catalog().relations.values():
        if isinstance(rel, Table):
            for ix in rel.indexes:
                yield (names.get(rel.schema_oid), rel.name, ix.name, None, index_text(session, rel, ix))


@relation("pg_catalog", "pg_sequences", cached=False)
def pg_sequences(session: Any) -> Iterator[tuple[Any, ...]]:
    names = schema_names(session)
    roles = session.role_memberships()
    su = session.is_superuser
    for rel in session.catalog().relations.values():
        if not isinstance(rel, Sequence):
            continue
        last = None
        if has_privilege(roles, su, rel.owner, rel.acl, "r") or has_privilege(roles, su, rel.owner, rel.acl, "U"):
            value, called = session.db.sequence_state(rel, session.txn())
            last = value if called else None
        yield (names.get(rel.schema_oid), rel.name, role_name(session, rel.owner), rel.type_oid, rel.start,
               rel.min_value, rel.max_value, rel.increment, rel.cycle, rel.cache, last)


def _stat_tables(session: Any, name: str) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", name, nulls=False)
    names = schema_names(session)
    for rel in session.catalog().relations.values():
        if isinstance(rel, Table):
            yield make(relid=rel.oid, schemaname=names.get(rel.schema_oid), relname=rel.name)


@relation("pg_catalog", "pg_stat_user_tables")
def pg_stat_user_tables(session: Any) -> Iterator[tuple[Any, ...]]:
    return _stat_tables(session, "pg_stat_user_tables")


@relation("pg_catalog", "pg_stat_all_tables")
def pg_stat_all_tables(session: Any) -> Iterator[tuple[Any, ...]]:
    return _stat_tables(session, "pg_stat_all_tables")


@relation("pg_catalog", "pg_statio_user_tables")
def pg_statio_user_tables(session: Any) -> Iterator[tuple[Any, ...]]:
    return _stat_tables(session, "pg_statio_user_tables")


@relation("pg_catalog", "pg_stat_user_indexes")
def pg_stat_user_indexes(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_stat_user_indexes", nulls=False)
    names = schema_names(session)
    for rel in session.catalog().relations.values():
        if isinstance(rel, Table):
            for ix in rel.indexes:
                yield make(relid=rel.oid, indexrelid=ix.oid, schemaname=names.get(rel.schema_oid), relname=rel.name,
                           indexrelname=ix.name)
