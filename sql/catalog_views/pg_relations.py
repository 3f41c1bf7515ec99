"""pg_namespace, pg_class, pg_attribute, pg_index, pg_constraint, pg_attrdef, pg_description,
pg_sequence and pg_depend, computed from the session's catalog snapshot (plus the virtual
catalog relations themselves, as PostgreSQL lists its own catalogs)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sql.catalog import INFORMATION_SCHEMA_OID, PG_CATALOG_OID, PUBLIC_OID, Column, Index, Sequence, Table, View
from sql.catalog_views.base import (
    PG_TOAST_OID,
    VIRTUAL_TABLES,
    VirtualTable,
    acl_items,
    builder,
    column_acl_items,
    relation,
    role_name,
)
from sql.catalog_views.data_types import OPCLASSES, TYPE_META
from sql.catalog_views.objects import attrdef_oid, constraint_by_oid, index_by_oid, rewrite_oid, rowtype_oid

PG_CLASS, PG_TYPE, PG_NAMESPACE, PG_CONSTRAINT, PG_ATTRDEF, PG_PROC = 1259, 1247, 2615, 2606, 2604, 1255
PG_REWRITE = 2618
# system columns: (name, attnum, type, attlen, attbyval, attalign)
_SYSTEM_COLUMNS = (("tableoid", -6, 26, 4, True, "i"), ("cmax", -5, 29, 4, True, "i"), ("xmax", -4, 28, 4, True, "i"),
                   ("cmin", -3, 29, 4, True, "i"), ("xmin", -2, 28, 4, True, "i"), ("ctid", -1, 27, 6, False, "s"))
HEAP_AM, BTREE_AM = 2, 403
TABLE_PRIVS = "arwdDxt"
_SHARED = {"pg_database", "pg_authid", "pg_auth_members", "pg_tablespace", "pg_shdescription", "pg_shdepend",
           "pg_db_role_setting", "pg_shseclabel", "pg_replication_origin", "pg_subscription", "pg_parameter_acl"}
_DEFAULT_OPCLASS = {intype: oid for oid, method, _n, _f, intype, _d, _k in OPCLASSES if method == BTREE_AM}


def type_layout(type_oid: int) -> tuple[int, bool, str, str, int]:
    """(typlen, typbyval, typalign, typstorage, typcollation) of a column type."""
    m = TYPE_META.get(type_oid)
    if m is not None:
        return m[2], m[3], m[18], m[19], m[20]
    return 4, True, "i", "p", 0  # enums


def _is_temp(session: Any, schema_oid: int) -> bool:
    s = session.catalog().schemas.get(schema_oid)
    return s is not None and s.name.startswith("pg_temp")


def _persistence(session: Any, rel: Any) -> str:
    p = getattr(rel, "persistence", "p") or "p"
    return "t" if _is_temp(session, rel.schema_oid) else p


@relation("pg_catalog", "pg_namespace")
def pg_namespace(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_namespace")
    su = role_name(session, 10)
    sys_acl = [f"{su}=UC/{su}", f"=U/{su}"]
    yield make(oid=PG_TOAST_OID, nspname="pg_toast", nspowner=10)
    yield make(oid=PG_CATALOG_OID, nspname="pg_catalog", nspowner=10, nspacl=sys_acl)
    yield make(oid=INFORMATION_SCHEMA_OID, nspname="information_schema", nspowner=10, nspacl=sys_acl)
    for s in session.catalog().schemas.values():
        yield make(oid=s.oid, nspname=s.name, nspowner=s.owner, nspacl=acl_items(session, s.owner, s.acl, "UC"))


def _table_kind(session: Any, rel: Table) -> str:
    from sql.executor.matview import is_matview

    if rel.partition_by:
        return "p"
    return "m" if is_matview(session, rel) else "r"


@relation("pg_catalog", "pg_class")
def pg_class(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_class")
    cat = session.catalog()
    for rel in cat.relations.values():
        persistence = _persistence(session, rel)
        common = dict(oid=rel.oid, relname=rel.name, relnamespace=rel.schema_oid, relowner=rel.owner,
                      relpersistence=persistence, relispopulated=True)
        if isinstance(rel, Table):
            checks = sum(1 for c in rel.constraints if c.kind == "c")
            triggers = any(c.kind == "f" for c in rel.constraints) or bool(cat.referencing(rel.oid)) or \
                bool(rel.triggers)
            yield make(**common, reltype=rowtype_oid(rel.oid), relam=HEAP_AM, relfilenode=rel.storage_id,
                       reltuples=-1.0, relhasindex=bool(rel.indexes), relkind=_table_kind(session, rel),
                       relispartition=bool(rel.partition_bound), relhassubclass=bool(cat.children(rel.oid)),
                       relpartbound=f"{{PARTBOUND :relid {rel.oid}}}" if rel.partition_bound else None,
                       relnatts=max((c.attnum for c in rel.columns), default=0), relchecks=checks,
                       relhastriggers=triggers, relreplident="d",
                       relacl=acl_items(session, rel.owner, rel.acl, TABLE_PRIVS))
            for ix in rel.indexes:
                yield make(oid=ix.oid, relname=ix.name, relnamespace=rel.schema_oid, relowner=rel.owner,
                           relam=BTREE_AM, relfilenode=ix.oid, relpages=1, relpersistence=persistence,
                           relkind="i", relnatts=len(ix.columns) + len(ix.include), relreplident="n",
                           relispopulated=True)
        elif isinstance(rel, Sequence):
            yield make(**common, relfilenode=rel.oid, relpages=1, reltuples=1.0, relkind="S", relnatts=3,
                       relreplident="n", relacl=acl_items(session, rel.owner, rel.acl, "rwU"))
        elif isinstance(rel, View):
            yield make(**common, reltype=rowtype_oid(rel.oid), reltuples=-1.0, relkind="v",
                       relnatts=len(rel.columns), relhasrules=True, relreplident="n",
                       relacl=acl_items(session, rel.owner, rel.acl, TABLE_PRIVS))
    for t in cat.types.values():
        if t.typtype == "c":
            yield make(oid=t.relid, relname=t.name, relnamespace=t.schema_oid, relowner=t.owner, reltype=t.oid,
                       relpersistence="p", relkind="c", relnatts=len(t.attributes), relreplident="n",
                       relispopulated=True)
    su = role_name(session, 10)
    sys_acl = [f"{su}={TABLE_PRIVS}/{su}", f"=r/{su}"]
    for v in VIRTUAL_TABLES.values():
        table = v.kind == "r"
        yield make(oid=v.oid, relname=v.name, relnamespace=v.schema_oid, reltype=rowtype_oid(v.oid), relowner=10,
                   relam=HEAP_AM if table else 0, relfilenode=v.oid if table else 0, reltuples=-1.0,
                   relisshared=v.name in _SHARED, relpersistence="p", relkind=v.kind, relnatts=len(v.columns),
                   relhasrules=not table, relreplident="n" if not table else "d", relispopulated=True,
                   relacl=sys_acl)


def _attribute_row(make: Any, relid: int, name: str, type_oid: int, typmod: int, attnum: int,
                   not_null: bool = False, has_default: bool = False, identity: str = "",
                   generated: str = "", acl: list[str] | None = None) -> tuple[Any, ...]:
    from sql import typesys as T

    typlen, byval, align, storage, collation = type_layout(type_oid)
    return make(attrelid=relid, attname=name, atttypid=type_oid, attstattarget=-1, attlen=typlen, attnum=attnum,
                attndims=1 if T.is_array(type_oid) and type_oid not in (22, 30) else 0, attcacheoff=-1,
                atttypmod=typmod, attbyval=byval, attalign=align, attstorage=storage, attcompression="",
                attnotnull=not_null, atthasdef=has_default, attidentity=identity, attgenerated=generated,
                attislocal=True, attcollation=collation, attacl=acl)


def has_default(col: Column) -> bool:
    """A pg_attrdef row exists: a default other than NULL, and not an identity column's."""
    return col.default is not None and not col.identity and col.default.strip().upper() != "NULL"


@relation("pg_catalog", "pg_attribute")
def pg_attribute(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_attribute")
    for rel in session.catalog().relations.values():
        if isinstance(rel, (Table, Sequence)):
            for name, attnum, typ, attlen, byval, align in _SYSTEM_COLUMNS:
                yield make(attrelid=rel.oid, attname=name, atttypid=typ, attlen=attlen, attnum=attnum,
                           attcacheoff=-1, atttypmod=-1, attbyval=byval, attalign=align, attstorage="p",
                           attcompression="", attnotnull=True, attidentity="", attgenerated="", attislocal=True)
        if isinstance(rel, Table):
            for c in rel.columns:
                yield _attribute_row(make, rel.oid, c.name, c.type_oid, c.typmod, c.attnum, c.not_null,
                                     has_default(c), c.identity, c.generated,
                                     column_acl_items(session, rel.owner, c.acl) if c.acl else None)
            for ix in rel.indexes:
                for i, p in enumerate(ix.columns + ix.include):
                    if p < 0:
                        yield _attribute_row(make, ix.oid, "expr", 25, -1, i + 1)
                        continue
                    c = rel.columns[p]
                    yield _attribute_row(make, ix.oid, c.name, c.type_oid, c.typmod, i + 1)
        elif isinstance(rel, View):
            for i, c in enumerate(rel.columns):
                yield _attribute_row(make, rel.oid, c.name, c.type_oid, c.typmod, i + 1)
        elif isinstance(rel, Sequence):
            yield _attribute_row(make, rel.oid, "last_value", 20, -1, 1, True)
            yield _attribute_row(make, rel.oid, "log_cnt", 20, -1, 2, True)
            yield _attribute_row(make, rel.oid, "is_called", 16, -1, 3, True)
    for t in session.catalog().types.values():  # the columns of composite types (CREATE TYPE ... AS (...))
        if t.typtype == "c":
            for i, (name, type_oid, typmod) in enumerate(t.attributes):
                yield _attribute_row(make, t.relid, name, type_oid, typmod, i + 1)
    for v in VIRTUAL_TABLES.values():
        for c in v.columns:
            yield _attribute_row(make, v.oid, c.name, c.type_oid, c.typmod, c.attnum, v.kind == "r")


def opclass_for(type_oid: int) -> int:
    from sql import typesys as T

    if type_oid in _DEFAULT_OPCLASS:
        return _DEFAULT_OPCLASS[type_oid]
    if T.is_array(type_oid):
        return _DEFAULT_OPCLASS.get(2277, 0)
    if type_oid == 1043:
        return _DEFAULT_OPCLASS.get(25, 0)
    return _DEFAULT_OPCLASS.get(3500, 0) if T.category(type_oid) == "E" else 0


@relation("pg_catalog", "pg_index")
def pg_index(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_index")
    for rel in session.catalog().relations.values():
        if not isinstance(rel, Table):
            continue
        for ix in rel.indexes:
            cols = [rel.columns[p] if p >= 0 else None for p in ix.columns + ix.include]
            nkey = len(ix.columns)
            yield make(indexrelid=ix.oid, indrelid=rel.oid, indnatts=len(cols), indnkeyatts=nkey,
                       indisunique=ix.unique, indnullsnotdistinct=ix.nulls_not_distinct, indisprimary=ix.primary,
                       indimmediate=True, indisvalid=True, indisready=True, indislive=True,
                       indkey=[c.attnum if c is not None else 0 for c in cols],
                       indcollation=[type_layout(c.type_oid if c is not None else 25)[4] for c in cols[:nkey]],
                       indclass=[opclass_for(c.type_oid if c is not None else 25) for c in cols[:nkey]],
                       indoption=list(ix.options) if ix.options else [0] * nkey,
                       indexprs=f"{{INDEXPRS :indexrelid {ix.oid}}}" if ix.exprs else None,
                       indpred=f"{{INDPRED :indexrelid {ix.oid}}}" if ix.predicate else None)


def _attnums(table: Table, positions: Any) -> list[int]:
    return [table.columns[p].attnum for p in positions]


def con_columns(table: Table, con: Any) -> list[int]:
    """A constraint's column positions (a CHECK's: the columns its expression uses)."""
    if con.kind == "c":
        from sql.catalog_views.definitions import check_columns

        return check_columns(table, con)
    return list(con.columns)


@relation("pg_catalog", "pg_constraint")
def pg_constraint(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_constraint")
    cat = session.catalog()
    for rel in cat.relations.values():
        if not isinstance(rel, Table):
            continue
        for con in rel.constraints:
            common = dict(oid=con.oid, conname=con.name, connamespace=rel.schema_oid, contype=con.kind,
                          convalidated=con.validated, conrelid=rel.oid, condeferrable=con.deferrable,
                          condeferred=con.deferred, confupdtype=" ", confdeltype=" ", confmatchtype=" ",
                          conislocal=True, connoinherit=con.kind != "c" or con.no_inherit,
                          conkey=_attnums(rel, con_columns(rel, con)) or None)
            if con.kind in ("p", "u"):
                yield make(**common, conindid=con.index_oid)
            elif con.kind == "c":
                yield make(**common, conbin=f"{{CHECK :conoid {con.oid}}}")
            elif con.kind == "f":
                parent = cat.relations.get(con.ref_table)
                eq = [96] * len(con.columns)
                common.update(confupdtype=con.on_update, confdeltype=con.on_delete, confmatchtype=con.match)
                yield make(**common, conindid=con.index_oid, confrelid=con.ref_table,
                           confkey=_attnums(parent, con.ref_columns) if isinstance(parent, Table) else None,
                           conpfeqop=eq, conppeqop=eq, conffeqop=eq)


@relation("pg_catalog", "pg_attrdef")
def pg_attrdef(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_attrdef")
    for rel in session.catalog().relations.values():
        if isinstance(rel, Table):
            for c in rel.columns:
                if has_default(c):
                    yield make(oid=attrdef_oid(rel.oid, c.attnum), adrelid=rel.oid, adnum=c.attnum,
                               adbin=f"{{DEFAULT :attnum {c.attnum}}}")


def comment_class(session: Any, objoid: int) -> int:
    cat = session.catalog()
    if objoid in cat.relations or index_by_oid(cat, objoid) is not None:
        return PG_CLASS
    if objoid in cat.schemas:
        return PG_NAMESPACE
    if objoid in cat.types:
        return PG_TYPE
    if constraint_by_oid(cat, objoid) is not None:
        return PG_CONSTRAINT
    return PG_CLASS


@relation("pg_catalog", "pg_rewrite")
def pg_rewrite(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_rewrite")
    for rel in session.catalog().relations.values():
        if isinstance(rel, View):
            yield make(oid=rewrite_oid(rel.oid), rulename="_RETURN", ev_class=rel.oid, ev_type="1", ev_enabled="O",
                       is_instead=True, ev_qual="<>", ev_action=f"{{QUERY :view {rel.oid}}}")


PLPGSQL_EXTENSION = 13559


@relation("pg_catalog", "pg_extension", cached=False)
def pg_extension(_session: Any) -> Iterator[tuple[Any, ...]]:
    yield (PLPGSQL_EXTENSION, "plpgsql", 10, PG_CATALOG_OID, False, "1.0", None, None)


@relation("pg_catalog", "pg_description")
def pg_description(session: Any) -> Iterator[tuple[Any, ...]]:
    yield (PLPGSQL_EXTENSION, 3079, 0, "PL/pgSQL procedural language")
    for (objoid, subid), text in session.catalog().comments.items():
        yield (objoid, comment_class(session, objoid), subid, text)
    if (PUBLIC_OID, 0) not in session.catalog().comments and PUBLIC_OID in session.catalog().schemas:
        yield (PUBLIC_OID, PG_NAMESPACE, 0, "standard public schema")


@relation("pg_catalog", "pg_sequence")
def pg_sequence(session: Any) -> Iterator[tuple[Any, ...]]:
    for rel in session.catalog().relations.values():
        if isinstance(rel, Sequence):
            yield (rel.oid, rel.type_oid, rel.start, rel.increment, rel.max_value, rel.min_value, rel.cache,
                   rel.cycle)


@relation("pg_catalog", "pg_depend")
def pg_depend(session: Any) -> Iterator[tuple[Any, ...]]:
    cat = session.catalog()
    for rel in cat.relations.values():
        if isinstance(rel, Sequence):
            yield (PG_CLASS, rel.oid, 0, PG_NAMESPACE, rel.schema_oid, 0, "n")
            if rel.owned_by is not None:
                yield (PG_CLASS, rel.oid, 0, PG_CLASS, rel.owned_by[0], rel.owned_by[1], "i" if rel.identity else "a")
        elif isinstance(rel, (Table, View)):
            yield (PG_CLASS, rel.oid, 0, PG_NAMESPACE, rel.schema_oid, 0, "n")
            yield (PG_TYPE, rowtype_oid(rel.oid), 0, PG_CLASS, rel.oid, 0, "i")
        if isinstance(rel, View):
            rule = rewrite_oid(rel.oid)
            yield (PG_REWRITE, rule, 0, PG_CLASS, rel.oid, 0, "i")
            for dep_oid in rel.depends:
                if not any(d == dep_oid for d, _a in rel.column_deps):
                    yield (PG_REWRITE, rule, 0, PG_CLASS, dep_oid, 0, "n")
            for dep_oid, attnum in rel.column_deps:
                yield (PG_REWRITE, rule, 0, PG_CLASS, dep_oid, attnum, "n")
        if not isinstance(rel, Table):
            continue
        for c in rel.columns:
            if has_default(c):
                yield (PG_ATTRDEF, attrdef_oid(rel.oid, c.attnum), 0, PG_CLASS, rel.oid, c.attnum, "a")
                for seq_oid in default_sequences(cat, rel, c):
                    yield (PG_ATTRDEF, attrdef_oid(rel.oid, c.attnum), 0, PG_CLASS, seq_oid, 0, "n")
        by_index = {con.index_oid: con for con in rel.constraints if con.kind in ("p", "u")}
        for ix in rel.indexes:
            con = by_index.get(ix.oid)
            if con is not None:
                yield (PG_CLASS, ix.oid, 0, PG_CONSTRAINT, con.oid, 0, "i")
            else:
                for attnum in _attnums(rel, ix.columns):
                    yield (PG_CLASS, ix.oid, 0, PG_CLASS, rel.oid, attnum, "a")
        for con in rel.constraints:
            for attnum in _attnums(rel, con_columns(rel, con)):
                yield (PG_CONSTRAINT, con.oid, 0, PG_CLASS, rel.oid, attnum, "a")
                if con.kind == "c":  # the expression's own reference to the column
                    yield (PG_CONSTRAINT, con.oid, 0, PG_CLASS, rel.oid, attnum, "n")
            if con.kind == "f":
                parent = cat.relations.get(con.ref_table)
                yield (PG_CONSTRAINT, con.oid, 0, PG_CLASS, con.index_oid, 0, "n")
                if isinstance(parent, Table):
                    for attnum in _attnums(parent, con.ref_columns):
                        yield (PG_CONSTRAINT, con.oid, 0, PG_CLASS, con.ref_table, attnum, "n")


_NEXTVAL = re.compile(r"nextval\(\s*(?:CAST\(\s*)?'((?:[^']|'')+)'", re.IGNORECASE)


def default_sequences(cat: Any, table: Table, col: Column) -> list[int]:
    """The sequences a column default names in nextval('...') (the default depends on them)."""
    from sql.catalog_views.regtypes import _split_name

    out = []
    for m in _NEXTVAL.finditer(col.default or ""):
        parts = _split_name(m.group(1).replace("''", "'"))
        if len(parts) >= 2:
            schema = cat.schema(parts[-2])
            candidates = [schema.oid] if schema is not None else []
        else:
            public = cat.schema("public")
            candidates = [table.schema_oid] + ([public.oid] if public is not None else [])
        for schema_oid in candidates:
            rel = cat.lookup(schema_oid, parts[-1]) if parts else None
            if isinstance(rel, Sequence):
                out.append(rel.oid)
                break
    return out


def columns_of(rel: Any) -> list[tuple[str, int, int, int]]:
    """(name, type, typmod, attnum) of a relation's columns (tables, views, virtual tables)."""
    if isinstance(rel, VirtualTable):
        return [(c.name, c.type_oid, c.typmod, c.attnum) for c in rel.columns]
    if isinstance(rel, Table):
        return [(c.name, c.type_oid, c.typmod, c.attnum) for c in rel.columns]
    if isinstance(rel, View):
        return [(c.name, c.type_oid, c.typmod, i + 1) for i, c in enumerate(rel.columns)]
    return []


def index_of(session: Any, oid: int) -> tuple[Table, Index] | None:
    return index_by_oid(session.catalog(), oid)
