"""pg_type, pg_enum, pg_proc, pg_am, pg_collation, pg_language and pg_opclass.

pg_type lists the built-in types this server supports (with PostgreSQL's own pg_type values),
the enum types of the database with their array types, and the row type of every table and
view (OIDs derived as described in :mod:`.objects`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sql.catalog import PG_CATALOG_OID, Table, View
from sql.catalog_views.base import VIRTUAL_TABLES, builder, relation
from sql.catalog_views.data_types import AMS, COLLATIONS, LANGUAGES, OPCLASSES, TYPE_META
from sql.catalog_views.objects import rowtype_array_oid, rowtype_oid
from sql.catalog_views.procs import proc_rows

ARRAY_IN, ARRAY_OUT, ARRAY_RECV, ARRAY_SEND, ARRAY_TYPANALYZE = 750, 751, 2400, 2401, 3816
ENUM_IN, ENUM_OUT, ENUM_RECV, ENUM_SEND = 3506, 3507, 3532, 3533
RECORD_IN, RECORD_OUT, RECORD_RECV, RECORD_SEND = 2290, 2291, 2402, 2403
ARRAY_SUBSCRIPT, RAW_ARRAY_SUBSCRIPT, JSONB_SUBSCRIPT = 6179, 6180, 6098


def _builtin_types(make: Any) -> Iterator[tuple[Any, ...]]:
    from sql.datatypes import registry

    for oid, m in TYPE_META.items():
        if registry.find_type_by_oid(oid) is None:
            continue
        (_o, name, typlen, byval, typtype, cat, pref, delim, relid, elem, arr, tin, tout, trecv, tsend, modin,
         modout, analyze, align, storage, coll) = m
        subscript = 0
        if oid == 19:
            subscript = RAW_ARRAY_SUBSCRIPT
        elif elem:
            subscript = ARRAY_SUBSCRIPT
        elif oid == 3802:
            subscript = JSONB_SUBSCRIPT
        yield make(oid=oid, typname=name, typnamespace=PG_CATALOG_OID, typowner=10, typlen=typlen, typbyval=byval,
                   typtype=typtype, typcategory=cat, typispreferred=pref, typisdefined=True, typdelim=delim,
                   typrelid=relid, typsubscript=subscript, typelem=elem, typarray=arr, typinput=tin,
                   typoutput=tout, typreceive=trecv, typsend=tsend, typmodin=modin, typmodout=modout,
                   typanalyze=analyze, typalign=align, typstorage=storage, typtypmod=-1, typcollation=coll)


def _rowtype(make: Any, rel_oid: int, name: str, schema_oid: int, owner: int) -> Iterator[tuple[Any, ...]]:
    oid, arr = rowtype_oid(rel_oid), rowtype_array_oid(rel_oid)
    yield make(oid=oid, typname=name, typnamespace=schema_oid, typowner=owner, typlen=-1, typtype="c",
               typcategory="C", typisdefined=True, typdelim=",", typrelid=rel_oid, typarray=arr, typinput=RECORD_IN,
               typoutput=RECORD_OUT, typreceive=RECORD_RECV, typsend=RECORD_SEND, typalign="d", typstorage="x",
               typtypmod=-1)
    yield make(oid=arr, typname="_" + name, typnamespace=schema_oid, typowner=owner, typlen=-1, typtype="b",
               typcategory="A", typisdefined=True, typdelim=",", typsubscript=ARRAY_SUBSCRIPT, typelem=oid,
               typinput=ARRAY_IN, typoutput=ARRAY_OUT, typreceive=ARRAY_RECV, typsend=ARRAY_SEND,
               typanalyze=ARRAY_TYPANALYZE, typalign="d", typstorage="x", typtypmod=-1)


@relation("pg_catalog", "pg_type")
def pg_type(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_type")
    yield from _builtin_types(make)
    cat = session.catalog()
    for t in cat.types.values():
        if t.typtype == "c":
            yield from _user_composite(make, t)
            continue
        if t.typtype == "d":
            yield from _domain(make, t)
            continue
        if t.typtype == "b":  # a base type of an extension (hstore)
            yield make(oid=t.oid, typname=t.name, typnamespace=t.schema_oid, typowner=t.owner, typlen=-1,
                       typbyval=False, typtype="b", typcategory="U", typisdefined=True, typdelim=",",
                       typarray=t.array_oid, typalign="i", typstorage="x", typtypmod=-1)
        else:
            yield make(oid=t.oid, typname=t.name, typnamespace=t.schema_oid, typowner=t.owner, typlen=4,
                       typbyval=True, typtype="e", typcategory="E", typisdefined=True, typdelim=",",
                       typarray=t.array_oid,
                       typinput=ENUM_IN, typoutput=ENUM_OUT, typreceive=ENUM_RECV, typsend=ENUM_SEND, typalign="i",
                       typstorage="p", typtypmod=-1)
        if t.array_oid:
            yield make(oid=t.array_oid, typname="_" + t.name, typnamespace=t.schema_oid, typowner=t.owner,
                       typlen=-1, typtype="b", typcategory="A", typisdefined=True, typdelim=",",
                       typsubscript=ARRAY_SUBSCRIPT, typelem=t.oid, typinput=ARRAY_IN, typoutput=ARRAY_OUT,
                       typreceive=ARRAY_RECV, typsend=ARRAY_SEND, typanalyze=ARRAY_TYPANALYZE, typalign="i",
                       typstorage="x", typtypmod=-1)
    for rel in cat.relations.values():
        if isinstance(rel, (Table, View)):
            yield from _rowtype(make, rel.oid, rel.name, rel.schema_oid, rel.owner)
    for v in VIRTUAL_TABLES.values():
        yield from _rowtype(make, v.oid, v.name, v.schema_oid, 10)


def _domain(make: Any, t: Any) -> Iterator[tuple[Any, ...]]:
    base = TYPE_META.get(t.base_oid)
    yield make(oid=t.oid, typname=t.name, typnamespace=t.schema_oid, typowner=t.owner,
               typlen=base[2] if base else -1, typbyval=base[3] if base else False, typtype="d",
               typcategory=base[5] if base else "U", typisdefined=True, typdelim=",", typarray=t.array_oid,
               typinput=base[11] if base else 0, typoutput=base[12] if base else 0,
               typreceive=base[13] if base else 0, typsend=base[14] if base else 0,
               typalign=base[18] if base else "i", typstorage=base[19] if base else "p", typnotnull=t.not_null,
               typbasetype=t.base_oid, typtypmod=t.base_typmod, typcollation=base[20] if base else 0,
               typdefault=t.default)
    if t.array_oid:
        yield make(oid=t.array_oid, typname="_" + t.name, typnamespace=t.schema_oid, typowner=t.owner,
                   typlen=-1, typtype="b", typcategory="A", typisdefined=True, typdelim=",",
                   typsubscript=ARRAY_SUBSCRIPT, typelem=t.oid, typinput=ARRAY_IN, typoutput=ARRAY_OUT,
                   typreceive=ARRAY_RECV, typsend=ARRAY_SEND, typanalyze=ARRAY_TYPANALYZE, typalign="i",
                   typstorage="x", typtypmod=-1)


def _user_composite(make: Any, t: Any) -> Iterator[tuple[Any, ...]]:
    yield make(oid=t.oid, typname=t.name, typnamespace=t.schema_oid, typowner=t.owner, typlen=-1, typtype="c",
               typcategory="C", typisdefined=True, typdelim=",", typrelid=t.relid, typarray=t.array_oid,
               typinput=RECORD_IN, typoutput=RECORD_OUT, typreceive=RECORD_RECV, typsend=RECORD_SEND,
               typalign="d", typstorage="x", typtypmod=-1)
    yield make(oid=t.array_oid, typname="_" + t.name, typnamespace=t.schema_oid, typowner=t.owner, typlen=-1,
               typtype="b", typcategory="A", typisdefined=True, typdelim=",", typsubscript=ARRAY_SUBSCRIPT,
               typelem=t.oid, typinput=ARRAY_IN, typoutput=ARRAY_OUT, typreceive=ARRAY_RECV, typsend=ARRAY_SEND,
               typanalyze=ARRAY_TYPANALYZE, typalign="d", typstorage="x", typtypmod=-1)


# the built-in range types: (rngtypid, rngsubtype, rngmultitypid, rngsubopc, rngcanonical, rngsubdiff)
_RANGES = ((3904, 23, 4451, 1978, 3914, 3922), (3906, 1700, 4532, 3125, 0, 3924), (3908, 1114, 4533, 3128, 0, 3929),
           (3910, 1184, 4534, 3127, 0, 3930), (3912, 1082, 4535, 3122, 3915, 3925),
           (3926, 20, 4536, 3124, 3928, 3923))


@relation("pg_catalog", "pg_range")
def pg_range(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("pg_catalog", "pg_range")
    for typ, sub, multi, opc, canonical, subdiff in _RANGES:
        yield make(rngtypid=typ, rngsubtype=sub, rngmultitypid=multi, rngcollation=0, rngsubopc=opc,
                   rngcanonical=canonical, rngsubdiff=subdiff)


@relation("pg_catalog", "pg_enum")
def pg_enum(session: Any) -> Iterator[tuple[Any, ...]]:
    for t in session.catalog().types.values():
        for label, order, label_oid in sorted(t.labels, key=lambda x: x[1]):
            yield (label_oid, t.oid, float(order), label)


def _pg_proc(session: Any) -> Iterable[tuple[Any, ...]]:
    from sql.catalog_views.user_procs import user_proc_rows

    if not session.catalog().functions:
        return proc_rows()
    return [*proc_rows(), *user_proc_rows(session)]


relation("pg_catalog", "pg_proc", cached=False)(_pg_proc)


@relation("pg_catalog", "pg_am", cached=False)
def pg_am(_session: Any) -> Iterable[tuple[Any, ...]]:
    return AMS


@relation("pg_catalog", "pg_collation", cached=False)
def pg_collation(_session: Any) -> Iterator[tuple[Any, ...]]:
    for oid, name, provider, encoding, collate, ctype in COLLATIONS:
        yield (oid, name, PG_CATALOG_OID, 10, provider, True, encoding, collate, ctype, None, None)


@relation("pg_catalog", "pg_language", cached=False)
def pg_language(_session: Any) -> Iterator[tuple[Any, ...]]:
    for oid, name, ispl, trusted, callfoid, inline, validator in LANGUAGES:
        yield (oid, name, 10, ispl, trusted, callfoid, inline, validator, None)


@relation("pg_catalog", "pg_opclass", cached=False)
def pg_opclass(_session: Any) -> Iterator[tuple[Any, ...]]:
    for oid, method, name, family, intype, default, keytype in OPCLASSES:
        yield (oid, method, name, PG_CATALOG_OID, 10, family, intype, default, keytype)
