"""The catalog of one database: schemas, tables, views, indexes, constraints, sequences,
enum types and comments.

A :class:`Catalog` is an immutable snapshot. DDL never mutates it: it builds a new snapshot
(``with_relation`` / ``without_relation``) and writes the changed record into the transaction,
so a transaction sees its own DDL and others see it only after COMMIT. Records are JSON in the
database's storage environment under the catalog key space. The storage layouts the executor
hands to :mod:`storage.txn` are derived here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any

from sql.dialect import PgDialect
from sql.rowcodec import RowCodec
from storage.layout import IndexLayout, TableLayout

PG_CATALOG_OID = 11
PUBLIC_OID = 2200
INFORMATION_SCHEMA_OID = 13000
FIRST_USER_OID = 16384

REL_PREFIX = b"rel:"
NSP_PREFIX = b"nsp:"
TYP_PREFIX = b"typ:"
DSC_PREFIX = b"dsc:"
FUN_PREFIX = b"fun:"


@dataclass(frozen=True)
class Function:
    """A user-defined function (LANGUAGE sql): called by inlining its body as a subquery."""

    oid: int
    name: str
    schema_oid: int
    owner: int
    arg_names: tuple[str, ...]
    arg_types: tuple[int, ...]
    arg_defaults: tuple[str | None, ...]
    return_type: int
    returns_set: bool
    out_columns: tuple[tuple[str, int], ...]  # RETURNS TABLE (...) columns
    body: str
    language: str = "sql"
    volatility: str = "v"
    strict: bool = False
    acl: dict[int, str] = field(default_factory=dict)
    security_definer: bool = False
    config: tuple[tuple[str, str], ...] = ()  # ALTER FUNCTION ... SET name = value
    all_args: tuple[tuple[str, str, int], ...] = ()  # (mode i/o/b, name, type) when there are OUT parameters
    kind: str = "f"  # f function, p procedure

    def to_record(self) -> bytes:
        d = asdict(self)
        d["acl"] = {str(k): v for k, v in self.acl.items()}
        return json.dumps(d).encode()

    @staticmethod
    def from_record(data: bytes) -> Function:
        d = json.loads(data)
        d["acl"] = {int(k): v for k, v in d.get("acl", {}).items()}
        for k in ("arg_names", "arg_types", "arg_defaults"):
            d[k] = tuple(d[k])
        d["out_columns"] = tuple(tuple(x) for x in d["out_columns"])
        d["config"] = tuple(tuple(x) for x in d.get("config", ()))
        d["all_args"] = tuple(tuple(x) for x in d.get("all_args", ()))
        return Function(**d)


def fun_key(oid: int) -> bytes:
    return FUN_PREFIX + oid.to_bytes(8, "big")


@dataclass(frozen=True)
class Column:
    name: str
    type_oid: int
    typmod: int = -1
    not_null: bool = False
    default: str | None = None  # SQL text of the default expression (generated: the generation expression)
    attnum: int = 0
    identity: str = ""  # 'a' GENERATED ALWAYS, 'd' BY DEFAULT (default is then the nextval text)
    acl: dict[int, str] = field(default_factory=dict, compare=False)  # column privileges (auth.privileges)
    generated: str = ""  # 's': GENERATED ALWAYS AS (default) STORED
    domain: int = 0  # the domain type of the column (type_oid is then its base type)


@dataclass(frozen=True)
class Index:
    oid: int
    name: str
    columns: tuple[int, ...]  # 0-based column positions
    unique: bool = False
    primary: bool = False
    constraint: bool = False  # created by a PRIMARY KEY / UNIQUE constraint
    exprs: tuple[str, ...] = ()  # expression key parts (SQL text), in order for the -1 entries of columns
    predicate: str = ""  # partial index: WHERE (SQL text)
    nulls_not_distinct: bool = False
    include: tuple[int, ...] = ()  # INCLUDE columns (0-based positions)
    options: tuple[int, ...] = ()  # per key column: indoption bits (1 DESC, 2 NULLS FIRST)


@dataclass(frozen=True)
class Constraint:
    """A table constraint (pg_constraint). Column lists are 0-based positions in the table."""

    oid: int
    name: str
    kind: str  # 'p' primary key, 'u' unique, 'c' check, 'f' foreign key
    columns: tuple[int, ...] = ()
    index_oid: int = 0  # p/u: the index enforcing it; f: the referenced unique index
    expr: str = ""  # c: the expression, SQL text (postgres dialect)
    ref_table: int = 0  # f: referenced table oid
    ref_columns: tuple[int, ...] = ()  # f: positions in the referenced table
    on_delete: str = "a"  # f: a no action, r restrict, c cascade, n set null, d set default
    on_update: str = "a"
    match: str = "s"  # f: s simple, f full
    no_inherit: bool = False
    deferrable: bool = False  # u, f: DEFERRABLE
    deferred: bool = False  # INITIALLY DEFERRED
    validated: bool = True  # False: added NOT VALID (existing rows not checked)


@dataclass(frozen=True)
class Trigger:
    """CREATE TRIGGER: timing 'before'/'after', events among insert/update/delete/truncate."""

    oid: int
    name: str
    function_oid: int
    timing: str
    events: tuple[str, ...]
    for_each_row: bool
    columns: tuple[str, ...] = ()  # UPDATE OF
    when: str | None = None  # WHEN condition, SQL text
    args: tuple[str, ...] = ()
    enabled: str = "O"  # 'O' enabled, 'D' disabled


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
    constraints: tuple[Constraint, ...] = ()
    relfilenode: int = 0  # storage id of the rows (0: the oid); a table rewrite gives a new one
    next_attnum: int = 0  # attnum for the next added column (0: len(columns) + 1)
    persistence: str = "p"  # 'p' permanent, 'u' unlogged, 't' temporary
    row_security: str = ""  # '' off, 'e' enabled, 'f' enabled and forced on the owner too
    policies: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)  # see sql.executor.rls
    inherits: tuple[int, ...] = ()  # parent table oids (pg_inherits); a partition's parent
    partition_by: tuple[Any, ...] = ()  # partitioned table: (strategy 'r'/'l'/'h', column positions...)
    partition_bound: tuple[Any, ...] = ()  # partition: see sql.executor.partitions
    triggers: tuple[Trigger, ...] = ()

    @property
    def storage_id(self) -> int:
        return self.relfilenode or self.oid

    def constraint(self, name: str) -> Constraint | None:
        for c in self.constraints:
            if c.name == name:
                return c
        return None

    def attnum_for_new_column(self) -> int:
        return self.next_attnum or (max((c.attnum for c in self.columns), default=0) + 1)

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
        deferrable = {c.index_oid for c in self.constraints if c.deferrable and c.kind == "u"}
        # a DEFERRABLE unique index is checked by the SQL layer (sql.executor.deferred)
        secondary = tuple(_index_layout(self, ix, ix.oid in deferrable) for ix in self.indexes if not ix.primary)
        return TableLayout(
            table_id=self.storage_id,
            pk_columns=pk.columns if pk else None,
            indexes=secondary,
            name=self.name,
            pk_constraint_name=pk.name if pk else None,
            column_names=tuple(c.name for c in self.columns),
        )


# Set by sql.index_keys: (table, index) -> a function computing an expression / partial index's
# entry values from a stored row (see storage.layout.IndexLayout.key).
INDEX_KEY_FACTORY: list[Any] = [None]


def _index_layout(table: Table, ix: Index, deferred_unique: bool = False) -> IndexLayout:
    key = None
    if (ix.exprs or ix.predicate) and INDEX_KEY_FACTORY[0] is not None:
        key = INDEX_KEY_FACTORY[0](table, ix)
    return IndexLayout(index_id=ix.oid, columns=ix.columns, unique=ix.unique and not deferred_unique, name=ix.name,
                       key=key,
                       nulls_not_distinct=ix.nulls_not_distinct)


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
    cache: int = 1
    identity: bool = False  # created for an identity column (internal dependency)


@dataclass(frozen=True)
class View:
    """A view (kind 'v'): its output columns and the query text, planned at each use."""

    oid: int
    name: str
    schema_oid: int
    owner: int
    columns: tuple[Column, ...]
    query: str  # the defining SELECT, SQL text (postgres dialect)
    acl: dict[int, str] = field(default_factory=dict)
    kind: str = "v"
    persistence: str = "p"
    depends: tuple[int, ...] = ()  # oids of the relations the query reads
    column_deps: tuple[tuple[int, int], ...] = ()  # (table oid, attnum) of the columns it uses
    check_option: str = ""

    @cached_property
    def column_positions(self) -> dict[str, int]:
        return {c.name: i for i, c in enumerate(self.columns)}

    def view_query(self) -> Any:
        """The defining query as a sqlglot tree (parsed once), with the view's column names."""
        return _view_tree(self.query, tuple(c.name for c in self.columns), self.name)


@dataclass(frozen=True)
class EnumType:
    """A user-defined type (pg_type row). ``typtype`` 'e': CREATE TYPE ... AS ENUM, labels as
    (label, sort order, label oid); 'd': CREATE DOMAIN over ``base_oid``; 'c': a composite type
    (CREATE TYPE ... AS (...)) with ``attributes`` (name, type oid, typmod) and pg_class ``relid``."""

    oid: int
    name: str
    schema_oid: int
    owner: int
    labels: tuple[tuple[str, float, int], ...]
    array_oid: int = 0
    acl: dict[int, str] = field(default_factory=dict)
    typtype: str = "e"
    base_oid: int = 0  # d: the base type
    base_typmod: int = -1
    not_null: bool = False  # d: NOT NULL
    default: str | None = None  # d: DEFAULT, SQL text
    checks: tuple[tuple[str, str], ...] = ()  # d: (constraint name, CHECK expression text over VALUE)
    attributes: tuple[tuple[str, int, int], ...] = ()  # c: (name, type oid, typmod)
    relid: int = 0  # c: the pg_class oid of the composite type
    # c: where each attribute's value sits in a stored value, after ALTER TYPE DROP/ADD ATTRIBUTE
    # (empty: attribute i at position i), and how many positions stored values may have
    slots: tuple[int, ...] = ()
    nslots: int = 0


UserType = EnumType


@dataclass(frozen=True)
class Schema:
    oid: int
    name: str
    owner: int
    acl: dict[int, str] = field(default_factory=dict)
    # ALTER DEFAULT PRIVILEGES: "role oid:object kind" -> {"grantee oid": privileges} (see sql.executor.owned)
    default_acl: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)


Relation = Table | Sequence | View


def _rel_to_record(rel: Relation) -> bytes:
    d = asdict(rel)
    d["acl"] = {str(k): v for k, v in rel.acl.items()}
    return json.dumps(d, sort_keys=True).encode()


def _constraint_from(d: dict) -> Constraint:
    return Constraint(**{**d, "columns": tuple(d.get("columns", ())), "ref_columns": tuple(d.get("ref_columns", ()))})


# Parsed relations by their stored bytes, so a reload after DDL only parses the records that
# changed. Each load gets a fresh copy (``replace``): derived state cached on a relation (its row
# codec) depends on the user types of the catalog it was loaded with.
_PARSED_RELS: dict[bytes, Relation] = {}
_PARSED_RELS_LIMIT = 50_000


def _rel_from_record(data: bytes) -> Relation:
    data = bytes(data)
    rel = _PARSED_RELS.get(data)
    if rel is None:
        rel = _parse_rel_record(data)
        if len(_PARSED_RELS) >= _PARSED_RELS_LIMIT:
            _PARSED_RELS.clear()
        _PARSED_RELS[data] = rel
    return replace(rel)


def _parse_rel_record(data: bytes) -> Relation:
    d = json.loads(data)
    d["acl"] = {int(k): v for k, v in d.get("acl", {}).items()}
    if d["kind"] == "S":
        if d.get("owned_by") is not None:
            d["owned_by"] = tuple(d["owned_by"])
        return Sequence(**d)
    d["columns"] = tuple(Column(**{**c, "acl": {int(k): v for k, v in c.get("acl", {}).items()}})
                         for c in d["columns"])
    if d["kind"] == "v":
        d["depends"] = tuple(d.get("depends", ()))
        d["column_deps"] = tuple(tuple(x) for x in d.get("column_deps", ()))
        return View(**d)
    d["indexes"] = tuple(Index(**{**ix, **{k: tuple(ix[k]) for k in ("columns", "exprs", "include", "options")
                                            if k in ix}}) for ix in d["indexes"])
    d["inherits"] = tuple(d.get("inherits", ()))
    d["partition_by"] = _tuples(d.get("partition_by", ()))
    d["partition_bound"] = _tuples(d.get("partition_bound", ()))
    if d.get("triggers"):
        d["triggers"] = tuple(Trigger(**{**t, "events": tuple(t["events"]), "columns": tuple(t["columns"]),
                                         "args": tuple(t["args"])}) for t in d["triggers"])
    if "constraints" in d:
        d["constraints"] = tuple(_constraint_from(c) for c in d["constraints"])
    else:  # records written before constraints were catalogued
        d["constraints"] = tuple(Constraint(ix.oid, ix.name, "p" if ix.primary else "u", ix.columns, ix.oid)
                                 for ix in d["indexes"] if ix.constraint)
    return Table(**d)


def _tuples(v: Any) -> Any:
    return tuple(_tuples(x) for x in v) if isinstance(v, list) else v


def encode_type(t: EnumType) -> bytes:
    d = asdict(t)
    d["acl"] = {str(k): v for k, v in t.acl.items()}
    return json.dumps(d, sort_keys=True).encode()


def _type_from_record(data: bytes) -> EnumType:
    d = json.loads(data)
    d["acl"] = {int(k): v for k, v in d.get("acl", {}).items()}
    d["labels"] = tuple(tuple(x) for x in d["labels"])
    for k in ("checks", "attributes"):
        d[k] = tuple(tuple(x) for x in d.get(k, ()))
    d["slots"] = tuple(d.get("slots", ()))
    return EnumType(**d)


def typ_key(oid: int) -> bytes:
    return TYP_PREFIX + oid.to_bytes(8, "big")


def dsc_key(objoid: int, subid: int) -> bytes:
    return DSC_PREFIX + objoid.to_bytes(8, "big") + subid.to_bytes(4, "big")


def rel_key(oid: int) -> bytes:
    return REL_PREFIX + oid.to_bytes(8, "big")


def nsp_key(oid: int) -> bytes:
    return NSP_PREFIX + oid.to_bytes(8, "big")


def encode_relation(rel: Relation) -> bytes:
    return _rel_to_record(rel)


def encode_schema(s: Schema) -> bytes:
    d: dict[str, Any] = {"oid": s.oid, "name": s.name, "owner": s.owner, "acl": {str(k): v for k, v in s.acl.items()}}
    if s.default_acl:
        d["default_acl"] = s.default_acl
    return json.dumps(d).encode()


class Catalog:
    """An immutable snapshot of one database's catalog."""

    def __init__(self, schemas: dict[int, Schema], relations: dict[int, Relation], version: int,
                 types: dict[int, EnumType] | None = None, comments: dict[tuple[int, int], str] | None = None,
                 functions: dict[int, Function] | None = None) -> None:
        self.schemas = schemas
        self.functions: dict[int, Function] = functions if functions is not None else {}
        self._functions_by_name: dict[str, list[Function]] = {}
        for fn in self.functions.values():
            self._functions_by_name.setdefault(fn.name, []).append(fn)
        self.relations = relations
        self.version = version
        self.types: dict[int, EnumType] = types if types is not None else {}
        self.comments: dict[tuple[int, int], str] = comments if comments is not None else {}
        self._schema_by_name = {s.name: s for s in schemas.values()}
        self._by_name: dict[tuple[int, str], Relation] = {}
        self._index_owner: dict[tuple[int, str], tuple[Table, Index]] = {}
        self._referencing: dict[int, list[tuple[Table, Constraint]]] = {}
        self._children: dict[int, list[Table]] = {}
        self._type_by_name = {(t.schema_oid, t.name): t for t in self.types.values()}
        self.cache: dict[object, object] = {}  # derived data (compiled constraint rules, parsed views)
        for rel in relations.values():
            self._by_name[(rel.schema_oid, rel.name)] = rel
            if isinstance(rel, Table):
                for ix in rel.indexes:
                    self._index_owner[(rel.schema_oid, ix.name)] = (rel, ix)
                for con in rel.constraints:
                    if con.kind == "f":
                        self._referencing.setdefault(con.ref_table, []).append((rel, con))
                for parent in rel.inherits:
                    self._children.setdefault(parent, []).append(rel)

    @staticmethod
    def load(records: list[tuple[bytes, bytes]], version: int) -> Catalog:
        schemas: dict[int, Schema] = {}
        rels: dict[int, Relation] = {}
        types: dict[int, EnumType] = {}
        comments: dict[tuple[int, int], str] = {}
        functions: dict[int, Function] = {}
        for key, value in records:
            if key.startswith(NSP_PREFIX):
                d = json.loads(value)
                d["acl"] = {int(k): v for k, v in d.get("acl", {}).items()}
                schemas[d["oid"]] = Schema(**d)
            elif key.startswith(REL_PREFIX):
                rel = _rel_from_record(value)
                rels[rel.oid] = rel
            elif key.startswith(TYP_PREFIX):
                t = _type_from_record(value)
                types[t.oid] = t
            elif key.startswith(DSC_PREFIX):
                comments[(int.from_bytes(key[4:12], "big"), int.from_bytes(key[12:16], "big"))] = value.decode()
            elif key.startswith(FUN_PREFIX):
                fn = Function.from_record(value)
                functions[fn.oid] = fn
        return Catalog(schemas, rels, version, types, comments, functions)

    # lookups ---------------------------------------------------------------------------
    def schema(self, name: str) -> Schema | None:
        return self._schema_by_name.get(name)

    def lookup(self, schema_oid: int, name: str) -> Relation | None:
        return self._by_name.get((schema_oid, name))

    def index_by_name(self, schema_oid: int, name: str) -> tuple[Table, Index] | None:
        return self._index_owner.get((schema_oid, name))

    def name_taken(self, schema_oid: int, name: str) -> bool:
        return (schema_oid, name) in self._by_name or (schema_oid, name) in self._index_owner

    def referencing(self, table_oid: int) -> list[tuple[Table, Constraint]]:
        """Foreign keys (with their tables) that reference ``table_oid``."""
        return self._referencing.get(table_oid, [])

    def children(self, table_oid: int) -> list[Table]:
        """Tables that inherit from ``table_oid`` (its partitions, for a partitioned table), by oid."""
        return sorted(self._children.get(table_oid, []), key=lambda t: t.oid)

    def type_by_name(self, schema_oid: int, name: str) -> EnumType | None:
        return self._type_by_name.get((schema_oid, name))

    def constraint_names(self, schema_oid: int) -> set[str]:
        """Constraint names in use by tables of a schema (for auto-naming)."""
        return {c.name for r in self.relations.values() if isinstance(r, Table) and r.schema_oid == schema_oid
                for c in r.constraints}

    def max_oid(self) -> int:
        oids = [FIRST_USER_OID - 1]
        for rel in self.relations.values():
            oids.append(rel.oid)
            if isinstance(rel, Table):
                oids.append(rel.relfilenode)
                oids.extend(ix.oid for ix in rel.indexes)
                oids.extend(c.oid for c in rel.constraints)
                oids.extend(t.oid for t in rel.triggers)
        for t in self.types.values():
            oids.extend((t.oid, t.array_oid, t.relid))
            oids.extend(lab[2] for lab in t.labels)
        oids.extend(self.schemas)
        oids.extend(self.functions)
        return max(oids)

    # copy-on-write changes --------------------------------------------------------------
    def _copy(self, schemas: dict[int, Schema] | None = None, relations: dict[int, Relation] | None = None,
              types: dict[int, EnumType] | None = None, comments: dict[tuple[int, int], str] | None = None,
              functions: dict[int, Function] | None = None) -> Catalog:
        return Catalog(self.schemas if schemas is None else schemas,
                       self.relations if relations is None else relations, self.version,
                       self.types if types is None else types, self.comments if comments is None else comments,
                       self.functions if functions is None else functions)

    def functions_named(self, name: str) -> list[Function]:
        return self._functions_by_name.get(name, [])

    def with_function(self, fn: Function) -> Catalog:
        functions = dict(self.functions)
        functions[fn.oid] = fn
        return self._copy(functions=functions)

    def without_function(self, oid: int) -> Catalog:
        functions = dict(self.functions)
        functions.pop(oid, None)
        return self._copy(functions=functions)

    def with_relation(self, rel: Relation) -> Catalog:
        rels = dict(self.relations)
        rels[rel.oid] = rel
        return self._copy(relations=rels)

    def without_relation(self, oid: int) -> Catalog:
        rels = dict(self.relations)
        rels.pop(oid, None)
        return self._copy(relations=rels)

    def with_schema(self, schema: Schema) -> Catalog:
        schemas = dict(self.schemas)
        schemas[schema.oid] = schema
        return self._copy(schemas=schemas)

    def without_schema(self, oid: int) -> Catalog:
        schemas = dict(self.schemas)
        schemas.pop(oid, None)
        return self._copy(schemas=schemas)

    def with_type(self, t: EnumType) -> Catalog:
        types = dict(self.types)
        types[t.oid] = t
        return self._copy(types=types)

    def without_type(self, oid: int) -> Catalog:
        types = dict(self.types)
        types.pop(oid, None)
        return self._copy(types=types)

    def with_comment(self, objoid: int, subid: int, text: str | None) -> Catalog:
        comments = dict(self.comments)
        if text is None:
            comments.pop((objoid, subid), None)
        else:
            comments[(objoid, subid)] = text
        return self._copy(comments=comments)


def replace_table(table: Table, **changes: object) -> Table:
    return replace(table, **changes)  # type: ignore[arg-type]


@lru_cache(maxsize=512)
def _view_tree(query: str, names: tuple[str, ...], view_name: str) -> Any:
    """Parse a view's query; rename its output columns to the view's when they differ."""
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(query, read=PgDialect)
    if isinstance(tree, exp.Select) and len(tree.expressions) == len(names) and not any(
            isinstance(e, exp.Star) or (isinstance(e, exp.Column) and isinstance(e.this, exp.Star))
            for e in tree.expressions):
        items = []
        for e, n in zip(tree.expressions, names):
            inner = e.this if isinstance(e, exp.Alias) else e
            if isinstance(inner, exp.Column) and inner.name == n and not isinstance(e, exp.Alias):
                items.append(e)
            else:
                items.append(exp.alias_(inner, exp.to_identifier(n, quoted=True)))
        tree.set("expressions", items)
        return tree
    alias = exp.TableAlias(this=exp.to_identifier(view_name, quoted=True),
                           columns=[exp.to_identifier(n, quoted=True) for n in names])
    return exp.select("*").from_(exp.Subquery(this=tree, alias=alias))
