"""The catalog of one database: schemas, tables, indexes, sequences.

A :class:`Catalog` is an immutable snapshot. DDL never mutates it: it builds a new snapshot
(``with_relation`` / ``without_relation``) and writes the changed record into the transaction,
so a transaction sees its own DDL and others see it only after COMMIT. Records are JSON in the
database's storage environment under the catalog key space. The storage layouts the executor
hands to :mod:`storage.txn` are derived here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property

from sql.rowcodec import RowCodec
from storage.layout import IndexLayout, TableLayout

PG_CATALOG_OID = 11
PUBLIC_OID = 2200
INFORMATION_SCHEMA_OID = 13000
FIRST_USER_OID = 16384

REL_PREFIX = b"rel:"
NSP_PREFIX = b"nsp:"


@dataclass(frozen=True)
class Column:
    name: str
    type_oid: int
    typmod: int = -1
    not_null: bool = False
    default: str | None = None  # SQL text of the default expression
    attnum: int = 0


@dataclass(frozen=True)
class Index:
    oid: int
    name: str
    columns: tuple[int, ...]  # 0-based column positions
    unique: bool = False
    primary: bool = False
    constraint: bool = False  # created by a PRIMARY KEY / UNIQUE constraint


@dataclass(frozen=True)
class Table:
    oid: int
    name: str
    schema_oid: int
    owner: int
    columns: tuple[Column, ...]
    indexes: tuple[Index, ...] = ()  # the primary key index included (primary=True)
    acl: dict[int, str] = field(default_factory=dict)
    kind: str = "r"

    @cached_property
    def column_positions(self) -> dict[str, int]:
        return {c.name: i for i, c in enumerate(self.columns)}

    @cached_property
    def primary_key(self) -> Index | None:
        for ix in self.indexes:
            if ix.primary:
                return ix
        return None

    @cached_property
    def codec(self) -> RowCodec:
        return RowCodec([c.type_oid for c in self.columns])

    @cached_property
    def layout(self) -> TableLayout:
        pk = self.primary_key
        secondary = tuple(
            IndexLayout(index_id=ix.oid, columns=ix.columns, unique=ix.unique, name=ix.name)
            for ix in self.indexes if not ix.primary
        )
        return TableLayout(
            table_id=self.oid,
            pk_columns=pk.columns if pk else None,
            indexes=secondary,
            name=self.name,
            pk_constraint_name=pk.name if pk else None,
            column_names=tuple(c.name for c in self.columns),
        )


@dataclass(frozen=True)
class Sequence:
    oid: int
    name: str
    schema_oid: int
    owner: int
    start: int = 1
    increment: int = 1
    min_value: int = 1
    max_value: int = 2**63 - 1
    cycle: bool = False
    owned_by: tuple[int, int] | None = None  # (table oid, attnum)
    acl: dict[int, str] = field(default_factory=dict)
    type_oid: int = 20
    kind: str = "S"


@dataclass(frozen=True)
class Schema:
    oid: int
    name: str
    owner: int
    acl: dict[int, str] = field(default_factory=dict)


Relation = Table | Sequence


def _rel_to_record(rel: Relation) -> bytes:
    d = asdict(rel)
    d["acl"] = {str(k): v for k, v in rel.acl.items()}
    return json.dumps(d, sort_keys=True).encode()


def _rel_from_record(data: bytes) -> Relation:
    d = json.loads(data)
    d["acl"] = {int(k): v for k, v in d.get("acl", {}).items()}
    if d["kind"] == "S":
        if d.get("owned_by") is not None:
            d["owned_by"] = tuple(d["owned_by"])
        return Sequence(**d)
    d["columns"] = tuple(Column(**c) for c in d["columns"])
    d["indexes"] = tuple(Index(**{**ix, "columns": tuple(ix["columns"])}) for ix in d["indexes"])
    return Table(**d)


def rel_key(oid: int) -> bytes:
    return REL_PREFIX + oid.to_bytes(8, "big")


def nsp_key(oid: int) -> bytes:
    return NSP_PREFIX + oid.to_bytes(8, "big")


def encode_relation(rel: Relation) -> bytes:
    return _rel_to_record(rel)


def encode_schema(s: Schema) -> bytes:
    return json.dumps({"oid": s.oid, "name": s.name, "owner": s.owner,
                       "acl": {str(k): v for k, v in s.acl.items()}}).encode()


class Catalog:
    """An immutable snapshot of one database's catalog."""

    def __init__(self, schemas: dict[int, Schema], relations: dict[int, Relation], version: int) -> None:
        self.schemas = schemas
        self.relations = relations
        self.version = version
        self._schema_by_name = {s.name: s for s in schemas.values()}
        self._by_name: dict[tuple[int, str], Relation] = {}
        self._index_owner: dict[tuple[int, str], tuple[Table, Index]] = {}
        for rel in relations.values():
            self._by_name[(rel.schema_oid, rel.name)] = rel
            if isinstance(rel, Table):
                for ix in rel.indexes:
                    self._index_owner[(rel.schema_oid, ix.name)] = (rel, ix)

    @staticmethod
    def load(records: list[tuple[bytes, bytes]], version: int) -> Catalog:
        schemas: dict[int, Schema] = {}
        rels: dict[int, Relation] = {}
        for key, value in records:
            if key.startswith(NSP_PREFIX):
                d = json.loads(value)
                d["acl"] = {int(k): v for k, v in d.get("acl", {}).items()}
                schemas[d["oid"]] = Schema(**d)
            elif key.startswith(REL_PREFIX):
                rel = _rel_from_record(value)
                rels[rel.oid] = rel
        return Catalog(schemas, rels, version)

    # lookups ---------------------------------------------------------------------------
    def schema(self, name: str) -> Schema | None:
        return self._schema_by_name.get(name)

    def lookup(self, schema_oid: int, name: str) -> Relation | None:
        return self._by_name.get((schema_oid, name))

    def index_by_name(self, schema_oid: int, name: str) -> tuple[Table, Index] | None:
        return self._index_owner.get((schema_oid, name))

    def name_taken(self, schema_oid: int, name: str) -> bool:
        return (schema_oid, name) in self._by_name or (schema_oid, name) in self._index_owner

    def max_oid(self) -> int:
        oids = [FIRST_USER_OID - 1]
        for rel in self.relations.values():
            oids.append(rel.oid)
            if isinstance(rel, Table):
                oids.extend(ix.oid for ix in rel.indexes)
        oids.extend(self.schemas)
        return max(oids)

    # copy-on-write changes --------------------------------------------------------------
    def with_relation(self, rel: Relation) -> Catalog:
        rels = dict(self.relations)
        rels[rel.oid] = rel
        return Catalog(self.schemas, rels, self.version)

    def without_relation(self, oid: int) -> Catalog:
        rels = dict(self.relations)
        rels.pop(oid, None)
        return Catalog(self.schemas, rels, self.version)

    def with_schema(self, schema: Schema) -> Catalog:
        schemas = dict(self.schemas)
        schemas[schema.oid] = schema
        return Catalog(schemas, self.relations, self.version)

    def without_schema(self, oid: int) -> Catalog:
        schemas = dict(self.schemas)
        schemas.pop(oid, None)
        return Catalog(schemas, self.relations, self.version)


def replace_table(table: Table, **changes: object) -> Table:
    return replace(table, **changes)  # type: ignore[arg-type]
