"""The virtual-relation mechanism shared by every pg_catalog / information_schema relation.

A :class:`VirtualTable` has fixed columns (taken from PostgreSQL 15's own definition, see
:mod:`.data_columns`) and a producer ``f(session) -> iterable of tuples`` over the session's
catalog snapshot, the cluster's roles and the databases the session may see. Relations are
registered with :func:`relation`; one without a producer is empty (right columns, no rows).

Rows of relations that depend only on the catalog snapshot, the cluster snapshot and the role
are computed once per snapshot and kept in ``Catalog.cache`` (catalog queries scan the same
relation many times, e.g. once per outer row of a correlated subquery).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sql.catalog import INFORMATION_SCHEMA_OID, PG_CATALOG_OID
from sql.catalog_views import systypes
from sql.catalog_views.data_columns import RELATIONS
from sql.catalog_views.data_types import TYPE_NAMES
from sql.datatypes.arrays import BoundedArray

systypes.install()

PG_TOAST_OID = 99
SCHEMA_OIDS = {"pg_catalog": PG_CATALOG_OID, "information_schema": INFORMATION_SCHEMA_OID}
# column types we do not have: the type used instead
_FALLBACK_TYPES = {"anyarray": "_text", "pg_lsn": "text", "inet": "text", "_pg_lsn": "_text"}

Producer = Callable[[Any], Iterable[tuple[Any, ...]]]


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
        return iter(self.table.rows(ctx.session))

    def stable_rows(self, ctx: Any) -> list[tuple[Any, ...]] | None:
        """The rows as a list that stays the same object while the snapshots do (None if not cached)."""
        rows = self.table.rows(ctx.session)
        return rows if self.table.cached and isinstance(rows, list) else None


class _ScanWithTableoid(_Scan):
    """The rows followed by the hidden system column ``tableoid`` (the catalog table's oid)."""

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        tail = (self.table.oid,)
        return (row + tail for row in self.table.rows(ctx.session))

    def stable_rows(self, ctx: Any) -> list[tuple[Any, ...]] | None:
        """The cached rows with tableoid added, one list per cached list (so it stays the same object)."""
        base = super().stable_rows(ctx)
        if base is None:
            return None
        memo = self.__dict__.get("_memo")
        if memo is None or memo[0] is not base:
            tail = (self.table.oid,)
            memo = (base, [row + tail for row in base])
            self._memo = memo
        return memo[1]


@dataclass(frozen=True, eq=False)
class VirtualTable:
    oid: int
    name: str
    columns: tuple[VColumn, ...]
    producer: Producer | None = None
    schema_oid: int = PG_CATALOG_OID
    owner: int = 10
    kind: str = "v"
    virtual: bool = True
    cached: bool = True  # rows depend only on the snapshots and the role
    acl: dict[int, str] = field(default_factory=lambda: {0: "r"})
    persistence: str = "p"

    @property
    def schema_name(self) -> str:
        return "information_schema" if self.schema_oid == INFORMATION_SCHEMA_OID else "pg_catalog"

    def scan_plan(self) -> _Scan:
        return _Scan(self)

    @property
    def has_tableoid(self) -> bool:
        """Catalog tables (not views) have the system column tableoid."""
        return self.kind == "r"

    def scan_plan_with_tableoid(self) -> _Scan:
        return _ScanWithTableoid(self)

    def rows(self, session: Any) -> list[tuple[Any, ...]] | Iterable[tuple[Any, ...]]:
        if self.producer is None:
            return ()
        if not self.cached:
            return self.producer(session)
        cat = session.catalog()
        snap = session.instance.cluster()
        key = ("vt", self.schema_oid, self.name, session.current_role.oid, session.database_oid)
        hit = cat.cache.get(key)
        if hit is not None and hit[0] is snap:  # type: ignore[index]
            return hit[1]  # type: ignore[index]
        rows = list(self.producer(session))
        cat.cache[key] = (snap, rows)
        return rows


VIRTUAL_TABLES: dict[tuple[str, str], VirtualTable] = {}
_TYPNAME_OID = {typname: oid for oid, (_fmt, typname) in TYPE_NAMES.items()}


def type_oid_of(typname: str) -> int:
    from sql.datatypes import registry

    name = _FALLBACK_TYPES.get(typname, typname)
    oid = _TYPNAME_OID[name]
    if registry.find_type_by_oid(oid) is None:
        return 25 if not name.startswith("_") else 1009  # a type we lack: text (see _FALLBACK_TYPES)
    return oid


def parse_columns(spec: str) -> tuple[VColumn, ...]:
    cols = []
    for i, word in enumerate(spec.split()):
        name, typname = word.rsplit(":", 1)
        cols.append(VColumn(name, type_oid_of(typname), -1, i + 1))
    return tuple(cols)


def relation(schema: str, name: str, *, cached: bool = True) -> Callable[[Producer], Producer]:
    """Decorator: ``producer`` yields the rows of ``schema.name`` (columns as in PostgreSQL 15)."""

    def deco(fn: Producer) -> Producer:
        register(schema, name, fn, cached=cached)
        return fn

    return deco


def register(schema: str, name: str, producer: Producer | None, *, cached: bool = True) -> VirtualTable:
    oid, kind, spec = RELATIONS[(schema, name)]
    t = VirtualTable(oid, name, parse_columns(spec), producer, SCHEMA_OIDS[schema], 10, kind, True, cached)
    VIRTUAL_TABLES[(schema, name)] = t
    return t


def register_all_remaining() -> None:
    """Every catalog relation without a producer: empty, with its columns."""
    for (schema, name) in RELATIONS:
        if (schema, name) not in VIRTUAL_TABLES:
            register(schema, name, None)


def lookup(schema: str, name: str) -> VirtualTable | None:
    return VIRTUAL_TABLES.get((schema, name))


def virtual_by_oid() -> dict[int, VirtualTable]:
    return _BY_OID_CACHE or _by_oid()


_BY_OID_CACHE: dict[int, VirtualTable] = {}


def _by_oid() -> dict[int, VirtualTable]:
    _BY_OID_CACHE.update({t.oid: t for t in VIRTUAL_TABLES.values()})
    return _BY_OID_CACHE


# helpers shared by the producers ---------------------------------------------------------------
def role_name(session: Any, oid: int) -> str:
    return session.instance.cluster().roles.name_of(oid)


def acl_items(session: Any, owner: int, acl: dict[int, str] | None, all_letters: str) -> list[str] | None:
    """PostgreSQL's aclitem[] text items for an ACL, or None (NULL) for the default ACL.

    The owner's entry comes first (all privileges unless the ACL gives the owner others), then
    the other grantees by role OID and PUBLIC (the empty name) last -- PostgreSQL keeps grant
    order, which our catalog does not record. Grant options show as ``*`` after the letter."""
    if not acl:
        return None
    from auth.privileges import parse_grants

    roles = session.instance.cluster().roles
    owner_name = _acl_name(roles.name_of(owner))
    items = []
    if owner not in acl:
        items.append(f"{owner_name}={all_letters}/{owner_name}")
    for grantee, value in sorted(acl.items(), key=lambda kv: (kv[0] != owner, kv[0] == 0, kv[0])):
        who = "" if grantee == 0 else _acl_name(roles.name_of(grantee))
        for grantor, letters, options in parse_grants(value):
            ordered = "".join(c + ("*" if c in options else "") for c in _ORDER if c in letters)
            by = owner_name if grantor is None else _acl_name(roles.name_of(grantor))
            items.append(f"{who}={ordered}/{by}")
    return items


_ORDER = "arwdDxtXUCTc"


def column_acl_items(session: Any, owner: int, acl: dict[int, str] | None) -> list[str] | None:
    """pg_attribute.attacl: a column's own grants only (the owner's privileges are the table's)."""
    items = acl_items(session, owner, acl, "")
    if items is None or (acl and owner in acl):
        return items
    return items[1:] or None


def _acl_name(name: str) -> str:
    import re

    if re.fullmatch(r"[a-z_][a-z0-9_$]*", name):
        return name
    return '"' + name.replace('"', '""') + '"'


def schema_names(session: Any) -> dict[int, str]:
    out = {PG_CATALOG_OID: "pg_catalog", INFORMATION_SCHEMA_OID: "information_schema", PG_TOAST_OID: "pg_toast"}
    out.update({s.oid: s.name for s in session.catalog().schemas.values()})
    return out


_NUMERIC_DEFAULT = {16: False, 18: None, 20: 0, 21: 0, 23: 0, 26: 0, 24: 0, 28: 0, 700: 0.0, 701: 0.0}


def builder(schema: str, name: str, nulls: bool | None = None) -> Callable[..., tuple[Any, ...]]:
    """``make(col=value, ...)`` -> a row tuple in the relation's column order; columns not given
    are 0 / false for numbers and booleans and NULL otherwise, or all NULL with ``nulls``
    (the default for information_schema and the pg_catalog system views)."""
    _oid, kind, spec = RELATIONS[(schema, name)]
    if nulls is None:
        nulls = schema == "information_schema" or kind == "v"
    cols = parse_columns(spec)
    names = [c.name for c in cols]
    defaults = tuple(None if nulls else _NUMERIC_DEFAULT.get(c.type_oid) for c in cols)
    index = {n: i for i, n in enumerate(names)}
    vectors = {c.name for c in cols if c.type_oid in (22, 30)}  # int2vector / oidvector: subscripts from 0

    def make(**values: Any) -> tuple[Any, ...]:
        row = list(defaults)
        for k, v in values.items():
            if k in vectors and v:
                v = BoundedArray(v, (0,))
            row[index[k]] = v
        return tuple(row)

    return make
