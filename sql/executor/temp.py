"""Temporary relations: a per-session schema ``pg_temp_<backend pid>``, created on first use,
searched first for unqualified relation names, and emptied when the session ends (and when a
new session with the same pid first uses it, which clears what a crash left behind)."""

from __future__ import annotations

from typing import Any

from sql.catalog import Schema, encode_schema, nsp_key


def temp_schema_name(session: Any) -> str:
    return f"pg_temp_{session.backend_pid}"


def session_temp_schema(session: Any, catalog: Any) -> Schema | None:
    """The session's temp schema if it exists (and this session has used it)."""
    if not getattr(session, "_temp_used", False):
        return None
    return catalog.schema(temp_schema_name(session))


def ensure_temp_schema(session: Any) -> Schema:
    catalog = session.catalog()
    name = temp_schema_name(session)
    s = catalog.schema(name)
    if s is not None and not getattr(session, "_temp_used", False):
        _clear(session, s)  # left over from an earlier backend with this pid
        catalog = session.catalog()
    if s is None:
        s = Schema(session.db.allocate_oid(), name, 10)
        session.txn().put_catalog(nsp_key(s.oid), encode_schema(s))
        session.set_local_catalog(catalog.with_schema(s))
    session._temp_used = True
    return s


def _clear(session: Any, schema: Schema) -> None:
    from sql.executor.ddl import drop_objects

    catalog = session.catalog()
    members = [r for r in catalog.relations.values() if r.schema_oid == schema.oid
               and not (getattr(r, "owned_by", None) and r.kind == "S")]
    if members:
        drop_objects(session, catalog, members, True, None)


def drop_temp_objects(session: Any) -> None:
    """At session end: drop the session's temporary relations in a transaction of their own."""
    if not getattr(session, "_temp_used", False):
        return
    session._temp_used = False
    try:
        session._rollback()
        s = session.catalog().schema(temp_schema_name(session))
        if s is not None:
            _clear(session, s)
            fut = session._commit()
            if fut is not None:
                fut.result()
    except Exception:  # noqa: BLE001 - a failed cleanup must not break disconnect; next use clears it
        session._rollback()
