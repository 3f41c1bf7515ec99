"""ALTER TYPE ... ADD / DROP / ALTER ATTRIBUTE on a composite type.

Stored values of the type are not rewritten: the type records at which position of a stored value
each attribute lives (``EnumType.slots``), so a dropped attribute's position is skipped and an added
attribute gets a new position that older values lack (read as NULL), as PostgreSQL does with its
dropped-attribute placeholders."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.catalog import EnumType
from sql.ddl_parser import AlterTypeStmt, parse_type
from sql.errors import SqlError
from sql.executor.ddl_util import done, notice
from sql.result import Result


def alter_attribute(session: Any, t: EnumType | None, u: AlterTypeStmt, write: Any) -> Result:
    if t is None:
        if _relation_exists(session, u):
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{u.name}" is not a composite type')
        raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{u.name}" does not exist')
    if t.typtype != "c":
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{t.name}" is not a composite type')
    attrs = list(t.attributes)
    slots = list(t.slots) if t.slots else list(range(len(attrs)))
    nslots = t.nslots if t.slots else len(attrs)
    names = [a[0] for a in attrs]
    if u.action == "add_attribute":
        if u.value in names:
            raise SqlError(sqlstate.DUPLICATE_COLUMN, f'column "{u.value}" of relation "{t.name}" already exists')
        oid, typmod = T.resolve_datatype(parse_type(u.other))
        attrs.append((u.value, oid, typmod))
        slots.append(nslots)
        nslots += 1
    elif u.value not in names:
        if u.action == "drop_attribute" and u.if_not_exists:
            return done("ALTER TYPE", [notice(f'column "{u.value}" of relation "{t.name}" does not exist, skipping',
                                              sqlstate.UNDEFINED_COLUMN)])
        raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{u.value}" of relation "{t.name}" does not exist')
    elif u.action == "drop_attribute":
        i = names.index(u.value)
        del attrs[i], slots[i]
    else:  # alter_attribute: a new type for the values stored from now on; older values are cast on read
        oid, typmod = T.resolve_datatype(parse_type(u.other))
        i = names.index(u.value)
        if oid != attrs[i][1] and _type_in_use(session, t):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                           f'cannot alter type "{t.name}" because column "{_first_user(session, t)}" uses it')
        attrs[i] = (u.value, oid, typmod)
    write(replace(t, attributes=tuple(attrs), slots=tuple(slots), nslots=nslots))
    return done("ALTER TYPE")


def _users(session: Any, t: EnumType) -> list[str]:
    out = []
    for rel in session.catalog().relations.values():
        for c in getattr(rel, "columns", ()):
            if c.type_oid in (t.oid, t.array_oid):
                out.append(f"{rel.name}.{c.name}")
    return out


def _type_in_use(session: Any, t: EnumType) -> bool:
    return bool(_users(session, t))


def _first_user(session: Any, t: EnumType) -> str:
    return _users(session, t)[0]


def _relation_exists(session: Any, u: AlterTypeStmt) -> bool:
    catalog = session.catalog()
    for name in [u.schema] if u.schema is not None else session.search_path():
        schema = catalog.schema(name)
        if schema is not None and catalog.lookup(schema.oid, u.name) is not None:
            return True
    return False
