"""Finding catalog objects by OID and name, visibility, and their display names.

Shared by the catalog relations and the catalog functions (``pg_table_is_visible``,
``format_type``, the ``reg*`` types). OIDs are those of the session's own database; the
virtual relations of pg_catalog and information_schema have PostgreSQL's OIDs.

Objects PostgreSQL has but our catalog does not number get derived OIDs:

* a table's or view's row type: ``ROWTYPE_BASE + relation oid``, its array type
  ``ROWTYPE_ARRAY_BASE + relation oid``;
* a view's ``_RETURN`` rule: ``REWRITE_BASE + view oid``;
* a column default (pg_attrdef): ``(relation oid << 11) + attnum``.
"""

from __future__ import annotations

import re
from typing import Any

from sql.catalog import INFORMATION_SCHEMA_OID, PG_CATALOG_OID, Index, Sequence, Table, View
from sql.catalog_views.base import PG_TOAST_OID, VirtualTable, virtual_by_oid
from sql.catalog_views.data_types import TYPE_NAMES

ROWTYPE_BASE = 0x40000000
ROWTYPE_ARRAY_BASE = 0x48000000
REWRITE_BASE = 0x50000000
_KEYWORDS_RESERVED: set[str] | None = None


def rowtype_oid(rel_oid: int) -> int:
    return ROWTYPE_BASE + rel_oid


def rowtype_array_oid(rel_oid: int) -> int:
    return ROWTYPE_ARRAY_BASE + rel_oid


def rewrite_oid(view_oid: int) -> int:
    """The OID of a view's ``_RETURN`` rule (pg_rewrite)."""
    return REWRITE_BASE + view_oid


def attrdef_oid(rel_oid: int, attnum: int) -> int:
    return ((rel_oid << 11) + attnum) & 0xFFFFFFFF


def quote_ident(name: str) -> str:
    """PostgreSQL's quote_ident: quoted unless a lower-case identifier that is not reserved."""
    global _KEYWORDS_RESERVED
    if _KEYWORDS_RESERVED is None:
        from sql.catalog_views.data_types import KEYWORDS

        _KEYWORDS_RESERVED = {w for w, cat, *_ in KEYWORDS if cat != "U"}
    if re.fullmatch(r"[a-z_][a-z0-9_$]*", name) and name not in _KEYWORDS_RESERVED:
        return name
    return '"' + name.replace('"', '""') + '"'


def _index_map(catalog: Any) -> dict[int, tuple[Table, Index]]:
    hit = catalog.cache.get("cv_index_map")
    if hit is None:
        hit = {ix.oid: (rel, ix) for rel in catalog.relations.values() if isinstance(rel, Table)
               for ix in rel.indexes}
        catalog.cache["cv_index_map"] = hit
    return hit  # type: ignore[return-value]


def index_by_oid(catalog: Any, oid: int) -> tuple[Table, Index] | None:
    return _index_map(catalog).get(oid)


def constraint_by_oid(catalog: Any, oid: int) -> tuple[Table, Any] | None:
    hit = catalog.cache.get("cv_constraint_map")
    if hit is None:
        hit = {c.oid: (rel, c) for rel in catalog.relations.values() if isinstance(rel, Table)
               for c in rel.constraints}
        catalog.cache["cv_constraint_map"] = hit
    return hit.get(oid)  # type: ignore[union-attr]


def relation_by_oid(session: Any, oid: int) -> Any:
    """A Table / View / Sequence / VirtualTable, or an Index (of a table), or None."""
    cat = session.catalog()
    rel = cat.relations.get(oid)
    if rel is not None:
        return rel
    hit = _index_map(cat).get(oid)
    if hit is not None:
        return hit[1]
    return virtual_by_oid().get(oid)


def relation_schema_oid(session: Any, oid: int) -> int | None:
    cat = session.catalog()
    rel = cat.relations.get(oid)
    if rel is not None:
        return rel.schema_oid
    hit = _index_map(cat).get(oid)
    if hit is not None:
        return hit[0].schema_oid
    v = virtual_by_oid().get(oid)
    return v.schema_oid if v is not None else None


def schema_name(session: Any, oid: int) -> str | None:
    if oid == PG_CATALOG_OID:
        return "pg_catalog"
    if oid == INFORMATION_SCHEMA_OID:
        return "information_schema"
    if oid == PG_TOAST_OID:
        return "pg_toast"
    s = session.catalog().schemas.get(oid)
    return s.name if s is not None else None


def schema_oid_by_name(session: Any, name: str) -> int | None:
    if name == "pg_catalog":
        return PG_CATALOG_OID
    if name == "information_schema":
        return INFORMATION_SCHEMA_OID
    if name == "pg_toast":
        return PG_TOAST_OID
    s = session.catalog().schema(name)
    return s.oid if s is not None else None


def search_path_oids(session: Any, for_relations: bool = True) -> list[int]:
    """The schemas searched for unqualified names, in order (pg_catalog and the temp schema
    implicitly first, as PostgreSQL does, unless the path names them)."""
    from sql.executor.temp import session_temp_schema

    cat = session.catalog()
    path = session.search_path()
    out: list[int] = []
    temp = session_temp_schema(session, cat)
    if temp is not None and for_relations and "pg_temp" not in path:
        out.append(temp.oid)
    if "pg_catalog" not in path:
        out.append(PG_CATALOG_OID)
    for name in path:
        if name == "pg_temp":
            if temp is not None and for_relations:
                out.append(temp.oid)
            continue
        oid = schema_oid_by_name(session, name)
        if oid is not None and oid not in out:
            out.append(oid)
    return out


def _relation_named(session: Any, schema_oid: int, name: str) -> int | None:
    cat = session.catalog()
    if schema_oid in (PG_CATALOG_OID, INFORMATION_SCHEMA_OID):
        from sql.catalog_views.base import lookup

        v = lookup("pg_catalog" if schema_oid == PG_CATALOG_OID else "information_schema", name)
        return v.oid if v is not None else None
    rel = cat.lookup(schema_oid, name)
    if rel is not None:
        return rel.oid
    hit = cat.index_by_name(schema_oid, name)
    return hit[1].oid if hit is not None else None


def relation_name(session: Any, oid: int) -> str | None:
    rel = relation_by_oid(session, oid)
    return rel.name if rel is not None else None


def table_is_visible(session: Any, oid: int) -> bool | None:
    """pg_table_is_visible: the first relation of that name along the search path is this one."""
    name = relation_name(session, oid)
    if name is None:
        return None
    for s in search_path_oids(session):
        found = _relation_named(session, s, name)
        if found is not None:
            return found == oid
    return False


def regclass_out(session: Any, oid: int) -> str:
    """regclass output: the name, schema-qualified when not visible; the number when unknown."""
    name = relation_name(session, oid)
    if name is None:
        return str(oid)
    if table_is_visible(session, oid):
        return quote_ident(name)
    nsp = schema_name(session, relation_schema_oid(session, oid) or 0) or "?"
    return f"{quote_ident(nsp)}.{quote_ident(name)}"


# types ---------------------------------------------------------------------------------------------
def user_type(session: Any, oid: int) -> tuple[str, int, str, int] | None:
    """(name, schema oid, kind, element/relation oid) of a user-defined type: 'e' enum,
    'A' array of an enum, 'c' a relation's row type."""
    cat = session.catalog()
    t = cat.types.get(oid)
    if t is not None:
        return t.name, t.schema_oid, "e", 0
    hit = cat.cache.get("cv_enum_arrays")
    if hit is None:
        hit = {t.array_oid: t for t in cat.types.values() if t.array_oid}
        cat.cache["cv_enum_arrays"] = hit
    arr = hit.get(oid)  # type: ignore[union-attr]
    if arr is not None:
        return "_" + arr.name, arr.schema_oid, "A", arr.oid
    if ROWTYPE_BASE <= oid < REWRITE_BASE:
        array = oid >= ROWTYPE_ARRAY_BASE
        rel_oid = oid - (ROWTYPE_ARRAY_BASE if array else ROWTYPE_BASE)
        rel = cat.relations.get(rel_oid) or virtual_by_oid().get(rel_oid)
        if isinstance(rel, (Table, View, VirtualTable)):
            if array:
                return "_" + rel.name, rel.schema_oid, "A", rowtype_oid(rel.oid)
            return rel.name, rel.schema_oid, "c", rel.oid
    return None


def type_is_visible(session: Any, oid: int) -> bool | None:
    from sql.datatypes import registry

    if registry.find_type_by_oid(oid) is not None or oid in TYPE_NAMES:
        return True
    ut = user_type(session, oid)
    if ut is None:
        return None
    name, schema_oid, _kind, _ref = ut
    for s in search_path_oids(session, for_relations=False):
        if s == schema_oid:
            return True
        if s not in (PG_CATALOG_OID, INFORMATION_SCHEMA_OID) and _type_named(session, s, name) is not None:
            return False
    return False


def _type_named(session: Any, schema_oid: int, name: str) -> int | None:
    cat = session.catalog()
    t = cat.type_by_name(schema_oid, name)
    if t is not None:
        return t.oid
    if name.startswith("_"):
        t = cat.type_by_name(schema_oid, name[1:])
        if t is not None and t.array_oid:
            return t.array_oid
    rel = cat.lookup(schema_oid, name)
    if isinstance(rel, (Table, View)):
        return rowtype_oid(rel.oid)
    if name.startswith("_"):
        rel = cat.lookup(schema_oid, name[1:])
        if isinstance(rel, (Table, View)):
            return rowtype_array_oid(rel.oid)
    return None


def type_by_name(session: Any, text: str) -> int | None:
    """A user type (enum, enum[], row type) named ``[schema.]name`` as regtype input sees it."""
    parts = _split_qualified(text)
    if parts is None:
        return None
    schema, name, array = parts
    if schema is not None:
        so = schema_oid_by_name(session, schema)
        oids = [so] if so is not None else []
    else:
        oids = [s for s in search_path_oids(session, for_relations=False)
                if s not in (PG_CATALOG_OID, INFORMATION_SCHEMA_OID)]
    for s in oids:
        found = _type_named(session, s, name)
        if found is not None:
            if array:
                t = session.catalog().types.get(found)
                return t.array_oid if t is not None and t.array_oid else None
            return found
    return None


def _split_qualified(text: str) -> tuple[str | None, str, bool] | None:
    s = text.strip()
    array = False
    if s.endswith("[]"):
        array, s = True, s[:-2].rstrip()
    m = re.fullmatch(r'((?:"(?:[^"]|"")+"|[^".]+)\.)?("(?:[^"]|"")+"|[^".]+)', s)
    if m is None:
        return None

    def norm(p: str) -> str:
        return p[1:-1].replace('""', '"') if p.startswith('"') else p.strip().lower()

    schema = norm(m.group(1)[:-1]) if m.group(1) else None
    return schema, norm(m.group(2)), array


def format_type(session: Any, oid: int | None, typmod: int | None = None) -> str | None:
    """PostgreSQL's format_type(oid, typmod): NULL for a NULL oid, '???' for an unknown one,
    user types schema-qualified when not visible."""
    from sql.datatypes import registry

    if oid is None:
        return None
    if oid in (22, 30):  # int2vector / oidvector: array-like here, but not arrays to PostgreSQL
        return TYPE_NAMES[oid][0]
    if registry.find_type_by_oid(oid) is not None:
        return registry.format_type(oid, typmod)
    if oid in TYPE_NAMES:
        return TYPE_NAMES[oid][0]
    ut = user_type(session, oid)
    if ut is None:
        return "???"
    name, schema_oid, kind, ref = ut
    if kind == "A":
        return format_type(session, ref, typmod) + "[]"
    shown = quote_ident(name)
    if not type_is_visible(session, oid):
        shown = f"{quote_ident(schema_name(session, schema_oid) or '?')}.{shown}"
    return shown


def proc_name(oid: int) -> str | None:
    from sql.catalog_views.procs import proc_by_oid

    p = proc_by_oid(oid)
    return p[1] if p is not None else None


def is_relation(rel: Any) -> bool:
    return isinstance(rel, (Table, View, Sequence, VirtualTable, Index))
