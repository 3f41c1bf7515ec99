"""Virtual pg_catalog relations computed from our own catalog at query time.

Each relation is a :class:`VirtualTable`: fixed columns and a row generator over the
session's catalog snapshot, the cluster's roles and the databases the session's role may
connect to. They are read-only and readable by everyone, as in PostgreSQL; what they show is
limited to the session's own database (organization).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from auth.privileges import has_privilege
from sql import typesys as T
from sql.catalog import INFORMATION_SCHEMA_OID, PG_CATALOG_OID, Sequence, Table


@dataclass(frozen=True)
class VColumn:
    name: str
    type_oid: int
    typmod: int = -1
    attnum: int = 0


class _Scan:
    def __init__(self, table: VirtualTable) -> None:
        self.table = table

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        return self.table.producer(ctx.session)


@dataclass(frozen=True)
class VirtualTable:
    oid: int
    name: str
    columns: tuple[VColumn, ...]
    producer: Callable[[Any], Iterator[tuple[Any, ...]]]
    schema_oid: int = PG_CATALOG_OID
    owner: int = 10
    kind: str = "v"
    virtual: bool = True

    @property
    def acl(self) -> dict[int, str]:
        return {0: "r"}

    def scan_plan(self) -> _Scan:
        return _Scan(self)


def _cols(*spec: tuple[str, int]) -> tuple[VColumn, ...]:
    return tuple(VColumn(n, t, -1, i + 1) for i, (n, t) in enumerate(spec))


def _namespaces(session: Any) -> Iterator[tuple[Any, ...]]:
    yield (PG_CATALOG_OID, "pg_catalog", 10, None)
    yield (INFORMATION_SCHEMA_OID, "information_schema", 10, None)
    for s in session.catalog().schemas.values():
        yield (s.oid, s.name, s.owner, None)


def _classes(session: Any) -> Iterator[tuple[Any, ...]]:
    cat = session.catalog()
    for rel in cat.relations.values():
        if isinstance(rel, Table):
            yield (rel.oid, rel.name, rel.schema_oid, 0, rel.owner, 0, rel.oid, 0, len(rel.indexes) > 0, False,
                   "p", "r", len(rel.columns), 0, False, False, False, False, False, "d", False, 0, None, None)
            for ix in rel.indexes:
                yield (ix.oid, ix.name, rel.schema_oid, 0, rel.owner, 403, ix.oid, 0, False, False, "p", "i",
                       len(ix.columns), 0, False, False, False, False, False, "n", False, 0, None, None)
        elif isinstance(rel, Sequence):
            yield (rel.oid, rel.name, rel.schema_oid, 0, rel.owner, 0, rel.oid, 0, False, False, "p", "S", 3, 0,
                   False, False, False, False, False, "n", False, 0, None, None)


def _databases(session: Any) -> Iterator[tuple[Any, ...]]:
    snap = session.instance.cluster()
    roles = snap.roles.memberships(session.current_role.oid)
    su = session.is_superuser
    for d in snap.databases.values():
        if not (d.oid == session.database_oid or has_privilege(roles, su, d.owner, d.acl, "c")):
            continue
        yield (d.oid, d.name, d.owner, 6, "c", False, d.allow_connections, d.connlimit, 0, 1, 1663,
               "C.UTF-8", "C.UTF-8", None, None, None)


def _roles(session: Any) -> Iterator[tuple[Any, ...]]:
    for r in session.instance.cluster().roles.by_oid.values():
        yield (r.name, r.superuser, r.inherit, r.createrole, r.createdb, r.login, r.replication, r.connlimit,
               "********", r.valid_until, r.bypassrls, None, r.oid)


def _tables(session: Any) -> Iterator[tuple[Any, ...]]:
    cat = session.catalog()
    snap = session.instance.cluster()
    for rel in cat.relations.values():
        if isinstance(rel, Table):
            s = cat.schemas.get(rel.schema_oid)
            yield (s.name if s else None, rel.name, snap.roles.name_of(rel.owner), None,
                   any(True for _ in rel.indexes), False, False, False)


def _settings(session: Any) -> Iterator[tuple[Any, ...]]:
    for name, value, _desc in session.settings.all_rows():
        yield (name.lower() if name.islower() else name, value, None, "Ungrouped", "", None, "user", "string",
               "default", None, None, None, value, value, None, None, False)


VIRTUAL_TABLES: dict[str, VirtualTable] = {}


def _register(t: VirtualTable) -> None:
    VIRTUAL_TABLES[t.name] = t


_register(VirtualTable(2615, "pg_namespace", _cols(("oid", T.OID), ("nspname", T.NAME), ("nspowner", T.OID),
                                                    ("nspacl", T.TEXT)), _namespaces))
_register(VirtualTable(1259, "pg_class", _cols(
    ("oid", T.OID), ("relname", T.NAME), ("relnamespace", T.OID), ("reltype", T.OID), ("relowner", T.OID),
    ("relam", T.OID), ("relfilenode", T.OID), ("reltablespace", T.OID), ("relhasindex", T.BOOL),
    ("relisshared", T.BOOL), ("relpersistence", T.CHAR), ("relkind", T.CHAR), ("relnatts", T.INT2),
    ("relchecks", T.INT2), ("relhasrules", T.BOOL), ("relhastriggers", T.BOOL), ("relhassubclass", T.BOOL),
    ("relrowsecurity", T.BOOL), ("relforcerowsecurity", T.BOOL), ("relreplident", T.CHAR),
    ("relispartition", T.BOOL), ("reloftype", T.OID), ("relacl", T.TEXT), ("reloptions", T.TEXT)), _classes))
_register(VirtualTable(1262, "pg_database", _cols(
    ("oid", T.OID), ("datname", T.NAME), ("datdba", T.OID), ("encoding", T.INT4), ("datlocprovider", T.CHAR),
    ("datistemplate", T.BOOL), ("datallowconn", T.BOOL), ("datconnlimit", T.INT4), ("datfrozenxid", T.INT8),
    ("datminmxid", T.INT8), ("dattablespace", T.OID), ("datcollate", T.TEXT), ("datctype", T.TEXT),
    ("daticulocale", T.TEXT), ("datcollversion", T.TEXT), ("datacl", T.TEXT)), _databases))
_register(VirtualTable(12001, "pg_roles", _cols(
    ("rolname", T.NAME), ("rolsuper", T.BOOL), ("rolinherit", T.BOOL), ("rolcreaterole", T.BOOL),
    ("rolcreatedb", T.BOOL), ("rolcanlogin", T.BOOL), ("rolreplication", T.BOOL), ("rolconnlimit", T.INT4),
    ("rolpassword", T.TEXT), ("rolvaliduntil", T.TEXT), ("rolbypassrls", T.BOOL), ("rolconfig", T.TEXT),
    ("oid", T.OID)), _roles))
_register(VirtualTable(12002, "pg_tables", _cols(
    ("schemaname", T.NAME), ("tablename", T.NAME), ("tableowner", T.NAME), ("tablespace", T.NAME),
    ("hasindexes", T.BOOL), ("hasrules", T.BOOL), ("hastriggers", T.BOOL), ("rowsecurity", T.BOOL)), _tables))
_register(VirtualTable(12003, "pg_settings", _cols(
    ("name", T.TEXT), ("setting", T.TEXT), ("unit", T.TEXT), ("category", T.TEXT), ("short_desc", T.TEXT),
    ("extra_desc", T.TEXT), ("context", T.TEXT), ("vartype", T.TEXT), ("source", T.TEXT), ("min_val", T.TEXT),
    ("max_val", T.TEXT), ("enumvals", T.TEXT), ("boot_val", T.TEXT), ("reset_val", T.TEXT),
    ("sourcefile", T.TEXT), ("sourceline", T.INT4), ("pending_restart", T.BOOL)), _settings))


def lookup(schema: str, name: str) -> VirtualTable | None:
    if schema != "pg_catalog":
        return None
    return VIRTUAL_TABLES.get(name)
