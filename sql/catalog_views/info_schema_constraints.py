"""information_schema constraint views: table_constraints, key_column_usage,
referential_constraints, constraint_column_usage, constraint_table_usage, check_constraints.

As in PostgreSQL 15, every NOT NULL column also appears as a CHECK constraint named
``<schema oid>_<table oid>_<attnum>_not_null`` with the clause ``col IS NOT NULL``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sql.catalog import Constraint, Table
from sql.catalog_views.base import relation, schema_names
from sql.catalog_views.definitions import constraint_text
from sql.catalog_views.info_schema import IS, user_relations
from sql.catalog_views.objects import quote_ident
from sql.catalog_views.pg_relations import con_columns

_TYPES = {"p": "PRIMARY KEY", "u": "UNIQUE", "f": "FOREIGN KEY", "c": "CHECK"}
_RULES = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


def _tables(session: Any) -> Iterator[Table]:
    yield from user_relations(session, (Table,))


def not_null_name(table: Table, attnum: int) -> str:
    return f"{table.schema_oid}_{table.oid}_{attnum}_not_null"


@relation(IS, "table_constraints")
def table_constraints(session: Any) -> Iterator[tuple[Any, ...]]:
    db = session.database_name
    names = schema_names(session)
    for t in _tables(session):
        schema = names.get(t.schema_oid)
        for con in t.constraints:
            yield (db, schema, con.name, db, schema, t.name, _TYPES[con.kind], "NO", "NO", "YES",
                   "YES" if con.kind == "u" else None)
        for c in t.columns:
            if c.not_null:
                yield (db, schema, not_null_name(t, c.attnum), db, schema, t.name, "CHECK", "NO", "NO", "YES", None)


def _unique_for(session: Any, con: Constraint) -> tuple[Table, Constraint] | None:
    """The referenced table's PRIMARY KEY / UNIQUE constraint a foreign key depends on."""
    parent = session.catalog().relations.get(con.ref_table)
    if not isinstance(parent, Table):
        return None
    for pc in parent.constraints:
        if pc.kind in ("p", "u") and pc.index_oid == con.index_oid:
            return parent, pc
    for pc in parent.constraints:
        if pc.kind in ("p", "u") and set(pc.columns) == set(con.ref_columns):
            return parent, pc
    return None


@relation(IS, "key_column_usage")
def key_column_usage(session: Any) -> Iterator[tuple[Any, ...]]:
    db = session.database_name
    names = schema_names(session)
    for t in _tables(session):
        schema = names.get(t.schema_oid)
        for con in t.constraints:
            if con.kind not in ("p", "u", "f"):
                continue
            unique = _unique_for(session, con) if con.kind == "f" else None
            for i, p in enumerate(con.columns):
                pos = None
                if unique is not None and i < len(con.ref_columns) and con.ref_columns[i] in unique[1].columns:
                    pos = unique[1].columns.index(con.ref_columns[i]) + 1
                yield (db, schema, con.name, db, schema, t.name, t.columns[p].name, i + 1, pos)


@relation(IS, "referential_constraints")
def referential_constraints(session: Any) -> Iterator[tuple[Any, ...]]:
    db = session.database_name
    names = schema_names(session)
    for t in _tables(session):
        for con in t.constraints:
            if con.kind != "f":
                continue
            unique = _unique_for(session, con)
            uschema = names.get(unique[0].schema_oid) if unique else None
            yield (db, names.get(t.schema_oid), con.name, db if unique else None, uschema,
                   unique[1].name if unique else None, "FULL" if con.match == "f" else "NONE",
                   _RULES[con.on_update], _RULES[con.on_delete])


def _usage(session: Any) -> Iterator[tuple[Table, str, Table, Constraint]]:
    """(table, column, constraint's table, constraint) for constraint_column_usage."""
    cat = session.catalog()
    for t in _tables(session):
        for con in t.constraints:
            if con.kind == "f":
                parent = cat.relations.get(con.ref_table)
                if isinstance(parent, Table):
                    for p in con.ref_columns:
                        yield parent, parent.columns[p].name, t, con
            else:
                for p in con_columns(t, con):
                    yield t, t.columns[p].name, t, con


@relation(IS, "constraint_column_usage")
def constraint_column_usage(session: Any) -> Iterator[tuple[Any, ...]]:
    db = session.database_name
    names = schema_names(session)
    for table, column, owner, con in _usage(session):
        yield (db, names.get(table.schema_oid), table.name, column, db, names.get(owner.schema_oid), con.name)


@relation(IS, "constraint_table_usage")
def constraint_table_usage(session: Any) -> Iterator[tuple[Any, ...]]:
    db = session.database_name
    names = schema_names(session)
    cat = session.catalog()
    for t in _tables(session):
        for con in t.constraints:
            if con.kind not in ("p", "u", "f"):
                continue
            target = cat.relations.get(con.ref_table) if con.kind == "f" else t
            if target is not None:
                yield (db, names.get(target.schema_oid), target.name, db, names.get(t.schema_oid), con.name)


@relation(IS, "check_constraints")
def check_constraints(session: Any) -> Iterator[tuple[Any, ...]]:
    db = session.database_name
    names = schema_names(session)
    for t in _tables(session):
        schema = names.get(t.schema_oid)
        for con in t.constraints:
            if con.kind == "c":
                yield (db, schema, con.name, constraint_text(session, t, con, False)[len("CHECK "):])
        for c in t.columns:
            if c.not_null:
                yield (db, schema, not_null_name(t, c.attnum), f"{quote_ident(c.name)} IS NOT NULL")
