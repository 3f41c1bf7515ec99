"""information_schema: tables, columns, views, schemata, sequences, privileges and roles.

Rows follow PostgreSQL 15's view definitions, including their privilege filters: a relation is
listed when the role owns it (through membership) or holds some privilege on it; schemata lists
the schemas the role owns. Domain-typed columns (sql_identifier, cardinal_number, yes_or_no ...)
are reported with their base types, as PostgreSQL sends them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auth.privileges import has_privilege
from sql import typesys as T
from sql.catalog import Sequence, Table, View
from sql.catalog_views.base import VIRTUAL_TABLES, builder, relation, role_name, schema_names
from sql.catalog_views.data_types import TYPE_META
from sql.catalog_views.definitions import default_text, view_text
from sql.catalog_views.objects import format_type, quote_ident
from sql.catalog_views.pg_relations import has_default
from sql.datatypes.registry import interval_typmod_parts, numeric_typmod_parts

IS = "information_schema"
_PRIV_NAMES = {"a": "INSERT", "r": "SELECT", "w": "UPDATE", "d": "DELETE", "D": "TRUNCATE", "x": "REFERENCES",
               "t": "TRIGGER"}
_TABLE_PRIV_ORDER = "arwdDxt"


def yes(v: bool) -> str:
    return "YES" if v else "NO"


def owns(session: Any, owner: int) -> bool:
    return session.is_superuser or owner in session.role_memberships()


def can_see(session: Any, rel: Any, letters: str = "arwdDxt") -> bool:
    if getattr(rel, "virtual", False):
        return True
    roles = session.role_memberships()
    su = session.is_superuser
    return any(has_privilege(roles, su, rel.owner, rel.acl, x) for x in letters)


def user_relations(session: Any, kinds: tuple[type, ...] = (Table, View)) -> Iterator[Any]:
    for rel in session.catalog().relations.values():
        if isinstance(rel, kinds) and can_see(session, rel):
            yield rel


@relation(IS, "information_schema_catalog_name", cached=False)
def catalog_name(session: Any) -> Iterator[tuple[Any, ...]]:
    yield (session.database_name,)


@relation(IS, "schemata")
def schemata(session: Any) -> Iterator[tuple[Any, ...]]:
    db = session.database_name
    names = schema_names(session)
    owners = {oid: s.owner for oid, s in session.catalog().schemas.items()}
    for oid, name in sorted(names.items(), key=lambda kv: kv[0]):
        owner = owners.get(oid, 10)
        if owns(session, owner):
            yield (db, name, role_name(session, owner), None, None, None, None)


def _is_updatable_view(session: Any, v: View) -> bool:
    """PostgreSQL's automatically updatable views: one base relation, no aggregates, grouping,
    DISTINCT, LIMIT/OFFSET, set operations or WITH."""
    from sqlglot import exp

    from sql.catalog_views.definitions import _parse

    try:
        tree = _parse(v.query)
    except Exception:  # noqa: BLE001
        return False
    if not isinstance(tree, exp.Select):
        return False
    from_ = tree.args.get("from") or tree.args.get("from_")
    if from_ is None or tree.args.get("joins") or not isinstance(from_.this, exp.Table):
        return False
    if any(tree.args.get(k) for k in ("group", "having", "limit", "distinct", "offset", "with")):
        return False
    return not any(True for _ in tree.find_all(exp.AggFunc))


@relation(IS, "tables")
def tables(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder(IS, "tables")
    db = session.database_name
    names = schema_names(session)
    for rel in user_relations(session):
        schema = names.get(rel.schema_oid)
        if isinstance(rel, Table):
            temp = rel.persistence == "t" or (schema or "").startswith("pg_temp")
            yield make(table_catalog=db, table_schema=schema, table_name=rel.name,
                       table_type="LOCAL TEMPORARY" if temp else "BASE TABLE", is_insertable_into="YES",
                       is_typed="NO", commit_action="PRESERVE" if temp else None)
        else:
            yield make(table_catalog=db, table_schema=schema, table_name=rel.name, table_type="VIEW",
                       is_insertable_into=yes(_is_updatable_view(session, rel)), is_typed="NO")
    for v in VIRTUAL_TABLES.values():
        yield make(table_catalog=db, table_schema=v.schema_name, table_name=v.name,
                   table_type="BASE TABLE" if v.kind == "r" else "VIEW", is_insertable_into=yes(v.kind == "r"),
                   is_typed="NO")


def type_facts(session: Any, type_oid: int, typmod: int) -> dict[str, Any]:
    """The data_type / length / precision columns information_schema shows for a column type."""
    out: dict[str, Any] = {}
    base = type_oid
    if T.is_array(type_oid) and type_oid not in (22, 30):
        out["data_type"] = "ARRAY"
    elif T.category(type_oid) == "E" or session.catalog().types.get(type_oid) is not None:
        out["data_type"] = "USER-DEFINED"
    else:
        out["data_type"] = format_type(session, type_oid, None)
    if base in (T.VARCHAR, T.BPCHAR):
        if typmod >= 4:
            out["character_maximum_length"] = typmod - 4
            out["character_octet_length"] = (typmod - 4) * 4
        else:
            out["character_octet_length"] = 1073741824
    elif base == T.TEXT:
        out["character_octet_length"] = 1073741824
    ints = {T.INT2: 16, T.INT4: 32, T.INT8: 64}
    if base in ints:
        out.update(numeric_precision=ints[base], numeric_precision_radix=2, numeric_scale=0)
    elif base in (T.FLOAT4, T.FLOAT8):
        out.update(numeric_precision=24 if base == T.FLOAT4 else 53, numeric_precision_radix=2)
    elif base == T.NUMERIC:
        parts = numeric_typmod_parts(typmod) if typmod >= 0 else None
        out.update(numeric_precision_radix=10)
        if parts:
            out.update(numeric_precision=parts[0], numeric_scale=parts[1])
    if base == T.DATE:
        out["datetime_precision"] = 0
    elif base in (T.TIME, T.TIMESTAMP, T.TIMESTAMPTZ):
        out["datetime_precision"] = typmod if typmod >= 0 else 6
    elif base == T.INTERVAL:
        rng, prec = interval_typmod_parts(typmod)
        out["datetime_precision"] = prec if typmod >= 0 and prec != 0xFFFF else 6
        fields = T.format_type(T.INTERVAL, typmod)[len("interval"):].strip()
        if fields and not fields.startswith("("):
            out["interval_type"] = fields.upper()  # e.g. HOUR TO SECOND(2)
    return out


def udt_of(session: Any, type_oid: int) -> tuple[str, str]:
    """(udt_schema, udt_name) of a type."""
    t = session.catalog().types.get(type_oid)
    if t is not None:
        return schema_names(session).get(t.schema_oid) or "public", t.name
    for et in session.catalog().types.values():
        if et.array_oid == type_oid:
            return schema_names(session).get(et.schema_oid) or "public", "_" + et.name
    m = TYPE_META.get(type_oid)
    return "pg_catalog", m[1] if m is not None else str(type_oid)


def _column_rows(session: Any, make: Any, db: str, schema: str | None, rel: Any, updatable: bool,
                 cols: list[tuple[Any, int]]) -> Iterator[tuple[Any, ...]]:
    cat = session.catalog()
    for col, position in cols:
        udt_schema, udt_name = udt_of(session, col.type_oid)
        facts = type_facts(session, col.type_oid, col.typmod)
        ident: dict[str, Any] = {"is_identity": "NO", "identity_cycle": "NO"}
        identity = getattr(col, "identity", "")
        if identity:
            seq = next((s for s in cat.relations.values() if isinstance(s, Sequence)
                        and s.owned_by == (rel.oid, col.attnum)), None)
            ident = {"is_identity": "YES", "identity_generation": "ALWAYS" if identity == "a" else "BY DEFAULT"}
            if seq is not None:
                ident.update(identity_start=str(seq.start), identity_increment=str(seq.increment),
                             identity_maximum=str(seq.max_value), identity_minimum=str(seq.min_value),
                             identity_cycle=yes(seq.cycle))
        default = default_text(rel, col) if isinstance(rel, Table) and has_default(col) else None
        gen: dict[str, Any] = {"is_generated": "NEVER"}
        if getattr(col, "generated", ""):
            gen = {"is_generated": "ALWAYS", "generation_expression": default}
            default = None
        dom = cat.types.get(col.domain) if getattr(col, "domain", 0) else None
        if dom is not None:
            gen.update(domain_catalog=db, domain_schema=schema_names(session).get(dom.schema_oid), domain_name=dom.name)
        yield make(table_catalog=db, table_schema=schema, table_name=rel.name, column_name=col.name,
                   ordinal_position=position, column_default=default,
                   is_nullable="NO" if getattr(col, "not_null", False) else "YES", **facts,
                   udt_catalog=db, udt_schema=udt_schema, udt_name=udt_name, dtd_identifier=str(position),
                   is_self_referencing="NO", **ident, **gen, is_updatable=yes(updatable))


@relation(IS, "columns")
def columns(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder(IS, "columns")
    db = session.database_name
    names = schema_names(session)
    for rel in user_relations(session):
        schema = names.get(rel.schema_oid)
        if isinstance(rel, Table):
            yield from _column_rows(session, make, db, schema, rel, True, [(c, c.attnum) for c in rel.columns])
        else:
            yield from _column_rows(session, make, db, schema, rel, _is_updatable_view(session, rel),
                                    [(c, i + 1) for i, c in enumerate(rel.columns)])


@relation(IS, "views", cached=False)  # definitions depend on search_path
def views(session: Any) -> Iterator[tuple[Any, ...]]:
    db = session.database_name
    names = schema_names(session)
    for rel in user_relations(session, (View,)):
        upd = yes(_is_updatable_view(session, rel))
        definition = view_text(session, rel, False) if owns(session, rel.owner) else None
        check = {"local": "LOCAL", "cascaded": "CASCADED"}.get((rel.check_option or "").lower(), "NONE")
        yield (db, names.get(rel.schema_oid), rel.name, definition, check, upd, upd, "NO", "NO", "NO")


@relation(IS, "sequences")
def sequences(session: Any) -> Iterator[tuple[Any, ...]]:
    db = session.database_name
    names = schema_names(session)
    precision = {T.INT2: 16, T.INT4: 32, T.INT8: 64}
    for rel in session.catalog().relations.values():
        if isinstance(rel, Sequence) and can_see(session, rel, "rwU"):
            yield (db, names.get(rel.schema_oid), rel.name, T.format_type(rel.type_oid, -1),
                   precision.get(rel.type_oid, 64), 2, 0, str(rel.start), str(rel.min_value), str(rel.max_value),
                   str(rel.increment), yes(rel.cycle))


@relation(IS, "character_sets", cached=False)
def character_sets(session: Any) -> Iterator[tuple[Any, ...]]:
    yield (None, None, "UTF8", "UCS", "UTF8", session.database_name, None, None)


def _enabled_roles(session: Any) -> list[int]:
    return sorted(r for r in session.role_memberships() if r != 0)


@relation(IS, "enabled_roles")
def enabled_roles(session: Any) -> Iterator[tuple[Any, ...]]:
    for oid in _enabled_roles(session):
        yield (role_name(session, oid),)


@relation(IS, "applicable_roles")
def applicable_roles(session: Any) -> Iterator[tuple[Any, ...]]:
    roles = session.instance.cluster().roles
    enabled = set(_enabled_roles(session))
    for r in roles.by_oid.values():
        if r.oid in enabled:
            for parent in r.member_of:
                yield (r.name, roles.name_of(parent), "NO")


def privilege_rows(session: Any, columns: bool = False) -> Iterator[tuple[Any, str, str, str, bool, Any]]:
    """(relation, grantor, grantee, privilege letter, grantable, column or None) of every visible table
    privilege; with ``columns`` also the column-level grants."""
    from auth.privileges import acl_entries

    enabled = session.role_memberships()
    su = session.is_superuser
    for rel in session.catalog().relations.values():
        if not isinstance(rel, (Table, View)):
            continue
        acls: list[tuple[Any, dict[int, str]]] = [(None, rel.acl)]
        if columns:
            acls += [(c, c.acl) for c in rel.columns if c.acl]
        for col, acl in acls:
            entries = acl_entries(acl)
            if col is None and rel.owner not in acl:
                entries.insert(0, (rel.owner, None, _TABLE_PRIV_ORDER, _TABLE_PRIV_ORDER))
            for grantee, grantor, letters, options in entries:
                by = rel.owner if grantor is None else grantor
                if not (su or grantee in enabled or by in enabled):
                    continue
                who = "PUBLIC" if grantee == 0 else role_name(session, grantee)
                for letter in _TABLE_PRIV_ORDER:
                    if letter in letters:
                        yield (rel, role_name(session, by), who, letter,
                               letter in options or grantee == rel.owner, col)


@relation(IS, "table_privileges")
def table_privileges(session: Any) -> Iterator[tuple[Any, ...]]:
    db = session.database_name
    names = schema_names(session)
    for rel, grantor, grantee, letter, grantable, _col in privilege_rows(session):
        yield (grantor, grantee, db, names.get(rel.schema_oid), rel.name, _PRIV_NAMES[letter], yes(grantable),
               yes(letter == "r"))


@relation(IS, "role_table_grants")
def role_table_grants(session: Any) -> Iterator[tuple[Any, ...]]:
    return (r for r in table_privileges(session) if r[1] != "PUBLIC")


@relation(IS, "column_privileges")
def column_privileges(session: Any) -> Iterator[tuple[Any, ...]]:
    db = session.database_name
    names = schema_names(session)
    seen: set[tuple[Any, ...]] = set()
    for rel, grantor, grantee, letter, grantable, only in privilege_rows(session, columns=True):
        if letter not in "arwx":
            continue
        for col in (only,) if only is not None else rel.columns:
            key = (rel.oid, col.name, grantor, grantee, letter)
            if key in seen:  # a column grant the table-level grant already covers
                continue
            seen.add(key)
            yield (grantor, grantee, db, names.get(rel.schema_oid), rel.name, col.name, _PRIV_NAMES[letter],
                   yes(grantable))


def qualified(session: Any, rel: Any) -> str:
    return f"{quote_ident(schema_names(session).get(rel.schema_oid) or '')}.{quote_ident(rel.name)}"
