"""Text I/O of the OID alias types regclass, regtype, regproc and regnamespace against the
session's catalog, as PostgreSQL's regclassin/regclassout & co.

``Session.text_input`` / ``text_output`` call these with the session. Casts evaluated without a
session at hand (``relname::regclass``, ``oid::regclass::text``) go through the resolvers
installed in :mod:`sql.datatypes.textio` (:func:`install`), which use the session most
recently bound in the current execution context (:func:`bind`): each client connection runs in
its own asyncio task, whose context is its own.
"""

from __future__ import annotations

import contextvars
import re
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.catalog_views import objects as O
from sql.catalog_views.procs import proc_by_oid, procs_named
from sql.errors import SqlError

_CURRENT: contextvars.ContextVar[Any] = contextvars.ContextVar("pgserver_catalog_session", default=None)
_installed = [False]


def bind(session: Any) -> None:
    if _CURRENT.get() is not session:
        _CURRENT.set(session)


def _split_name(text: str) -> list[str]:
    """Dotted, possibly quoted name parts, folded as identifiers."""
    parts = re.findall(r'"((?:[^"]|"")*)"|([^."]+)', text.strip())
    out = []
    for quoted, plain in parts:
        out.append(quoted.replace('""', '"') if quoted else plain.strip().lower())
    return out


def regclass_in(session: Any, text: str) -> int:
    s = text.strip()
    if s.isdigit():
        return int(s)
    if s == "-":
        return 0
    names = _split_name(s)
    if not names or len(names) > 3:
        raise SqlError(sqlstate.SYNTAX_ERROR, f"improper relation name (too many dotted names): {s}")
    if len(names) == 3:
        if names[0] != session.database_name:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                           f"cross-database references are not implemented: {s}")
        names = names[1:]
    schema = names[0] if len(names) == 2 else None
    rel = session.lookup_relation(schema, names[-1], session.catalog())
    if rel is None:
        if schema is None:
            cat = session.catalog()
            for oid in O.search_path_oids(session):
                hit = cat.index_by_name(oid, names[-1])
                if hit is not None:
                    return hit[1].oid
        else:
            so = O.schema_oid_by_name(session, schema)
            hit = session.catalog().index_by_name(so, names[-1]) if so is not None else None
            if hit is not None:
                return hit[1].oid
        raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{s}" does not exist')
    return rel.oid


def regclass_out(session: Any, oid: int) -> str:
    return "-" if oid == 0 else O.regclass_out(session, oid)


def regtype_in(session: Any, text: str) -> int:
    from sql.datatypes import registry

    s = text.strip()
    if s.isdigit():
        return int(s)
    if s == "-":
        return 0
    found = O.type_by_name(session, s)
    if found is not None:
        return found
    bare = s[len("pg_catalog."):] if s.lower().startswith("pg_catalog.") else s
    try:
        return registry.parse_type_name(bare)[0].oid
    except SqlError:
        pass
    from sql.catalog_views.data_types import TYPE_NAMES

    key = bare.strip('"') if bare.startswith('"') else bare.lower()
    for oid, (_fmt, typname) in TYPE_NAMES.items():
        if typname == key:
            return oid
    raise SqlError(sqlstate.UNDEFINED_OBJECT, f'type "{s}" does not exist')


def regtype_out(session: Any, oid: int) -> str:
    if oid == 0:
        return "-"
    shown = O.format_type(session, oid, None)
    return str(oid) if shown in (None, "???") else shown


def regproc_in(text: str) -> int:
    s = text.strip()
    if s.isdigit():
        return int(s)
    if s == "-":
        return 0
    names = _split_name(s)
    session = _CURRENT.get()
    if session is not None:
        from sql.executor.routines import path_functions

        fns = path_functions(session, session.catalog(), names[-1], names[0] if len(names) == 2 else None)
        user = [f.oid for f in fns if f.schema_oid == fns[0].schema_oid]
        if len(user) == 1:
            return user[0]
        if len(user) > 1:
            raise SqlError(sqlstate.AMBIGUOUS_FUNCTION, f'more than one function named "{s}"')
    if len(names) == 2 and names[0] != "pg_catalog":
        raise SqlError(sqlstate.UNDEFINED_FUNCTION, f'function "{s}" does not exist')
    rows = procs_named(names[-1])
    if not rows:
        raise SqlError(sqlstate.UNDEFINED_FUNCTION, f'function "{s}" does not exist')
    if len(rows) > 1:
        raise SqlError(sqlstate.AMBIGUOUS_FUNCTION, f'more than one function named "{s}"')
    return rows[0][0]


def regproc_out(oid: int) -> str:
    if oid == 0:
        return "-"
    p = proc_by_oid(oid)
    if p is None and _CURRENT.get() is not None:
        fn = _CURRENT.get().catalog().functions.get(oid)
        return fn.name if fn is not None else str(oid)
    return p[1] if p is not None else str(oid)


def regnamespace_in(session: Any, text: str) -> int:
    s = text.strip()
    if s.isdigit():
        return int(s)
    names = _split_name(s)
    if len(names) != 1:
        raise SqlError(sqlstate.INVALID_NAME, "invalid name syntax")
    oid = O.schema_oid_by_name(session, names[0])
    if oid is None:
        raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{s}" does not exist')
    return oid


def regnamespace_out(session: Any, oid: int) -> str:
    name = O.schema_name(session, oid)
    return O.quote_ident(name) if name is not None else str(oid)


def input_for(session: Any, oid: int) -> Any:
    """The session-bound text input of a reg* type, or None."""
    bind(session)
    fn = _INPUTS.get(oid)
    return None if fn is None else (lambda text: fn(session, text))


def output_for(session: Any, oid: int) -> Any:
    bind(session)
    fn = _OUTPUTS.get(oid)
    return None if fn is None else (lambda v: fn(session, v))


_INPUTS: dict[int, Any] = {T.REGCLASS: regclass_in, T.REGTYPE: regtype_in, T.REGNAMESPACE: regnamespace_in,
                           T.REGPROC: lambda _session, text: regproc_in(text)}
_OUTPUTS: dict[int, Any] = {T.REGCLASS: regclass_out, T.REGTYPE: regtype_out, T.REGNAMESPACE: regnamespace_out,
                            T.REGPROC: lambda _session, v: regproc_out(v)}


def _quiet(fn: Any) -> Any:
    def run(*args: Any) -> Any:
        session = _CURRENT.get()
        if session is None:
            return None
        try:
            return fn(session, *args)
        except SqlError as e:
            if e.code in (sqlstate.UNDEFINED_TABLE, sqlstate.UNDEFINED_OBJECT, sqlstate.INVALID_SCHEMA_NAME):
                return None
            raise

    return run


def install() -> None:
    """Resolvers for casts evaluated outside Session.text_input/text_output."""
    if _installed[0]:
        return
    _installed[0] = True
    from sql.datatypes.textio import set_reg_resolver

    set_reg_resolver(T.REGCLASS, _quiet(regclass_in), _quiet(regclass_out))
    set_reg_resolver(T.REGTYPE, _quiet(regtype_in), _quiet(regtype_out))
    set_reg_resolver(T.REGNAMESPACE, _quiet(regnamespace_in), _quiet(regnamespace_out))
    set_reg_resolver(T.REGPROC, lambda text: _proc_or_none(text), lambda oid: regproc_out(oid))


def _proc_or_none(text: str) -> int | None:
    try:
        return regproc_in(text)
    except SqlError as e:
        if e.code == sqlstate.UNDEFINED_FUNCTION:
            return None
        raise
