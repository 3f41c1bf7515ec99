"""The base types an extension brings (hstore): created with CREATE EXTENSION in the first schema of
the search path that exists, dropped with DROP EXTENSION. Their I/O lives in :mod:`sql.hstore`."""

from __future__ import annotations

from typing import Any

from sql.catalog import EnumType, typ_key
from sql.hstore import EXTENSION_TYPES


def installed_type(session: Any, extension: str) -> EnumType | None:
    if extension not in EXTENSION_TYPES:
        return None
    return next((t for t in session.catalog().types.values() if t.typtype == "b" and t.name == extension), None)


def create_types(session: Any, extension: str) -> None:
    if extension not in EXTENSION_TYPES or installed_type(session, extension) is not None:
        return
    from sql.executor.usertypes import _write_type

    catalog = session.catalog()
    schema = next((s for s in (catalog.schema(n) for n in session.search_path()) if s is not None),
                  catalog.schema("public"))
    db = session.db
    t = EnumType(db.allocate_oid(), extension, schema.oid, session.current_role.oid, (), db.allocate_oid(),
                 typtype="b")
    _write_type(session, catalog, t)


def drop_types(session: Any, extension: str) -> None:
    t = installed_type(session, extension)
    if t is None:
        return
    session.txn().put_catalog(typ_key(t.oid), None)
    session.set_local_catalog(session.catalog().without_type(t.oid))
