"""User-defined functions in the catalog: their pg_proc rows, the texts pg_get_function_arguments /
pg_get_function_result / pg_get_functiondef print for them, and information_schema.routines and
parameters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sql import typesys as T
from sql.catalog import Function
from sql.catalog_views.base import builder, relation, schema_names
from sql.catalog_views.objects import format_type, quote_ident

TRIGGER = 2279
LANG_OIDS = {"internal": 12, "c": 13, "sql": 14, "plpgsql": 13563}
_VOLATILITY = {"i": "IMMUTABLE", "s": "STABLE", "v": "VOLATILE"}


def user_function(session: Any, oid: int) -> Function | None:
    return session.catalog().functions.get(oid)


def _type(session: Any, oid: int) -> str:
    if oid == T.VOID:
        return "void"
    if oid == TRIGGER:
        return "trigger"
    if oid == T.RECORD:
        return "record"
    return format_type(session, oid, None) or str(oid)


def default_text(session: Any, fn: Function, text: str, type_oid: int) -> str:
    """A parameter default as PostgreSQL deparses it ('x'::text, 1, ...)."""
    from sql.catalog import Column
    from sql.catalog_views import definitions

    class _NoColumns:
        columns: tuple[Any, ...] = ()

    return definitions.default_text(_NoColumns(), Column("", type_oid, default=text)) or text


def arguments_text(session: Any, fn: Function, with_defaults: bool = True, identity: bool = False) -> str:
    parts = []
    modes = fn.all_args or tuple(("i", n, t) for n, t in zip(fn.arg_names, fn.arg_types))
    defaults = iter(fn.arg_defaults)
    for mode, name, t in modes:
        d = next(defaults, None) if mode != "o" else None
        s = f"{quote_ident(name)} {_type(session, t)}" if name else _type(session, t)
        s = {"o": "OUT ", "b": "INOUT ", "i": "IN " if fn.kind == "p" else ""}[mode] + s
        if with_defaults and d is not None:
            s += f" DEFAULT {default_text(session, fn, d, t)}"
        parts.append(s)
    return ", ".join(parts)


def result_text(session: Any, fn: Function) -> str:
    from sql.catalog_views.objects import ROWTYPE_BASE

    if fn.out_columns and not fn.all_args and fn.return_type < ROWTYPE_BASE:
        cols = ", ".join(f"{quote_ident(n)} {_type(session, t)}" for n, t in fn.out_columns)
        return f"TABLE({cols})"
    return ("SETOF " if fn.returns_set else "") + _type(session, fn.return_type)


def _config_value(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def functiondef_text(session: Any, fn: Function) -> str:
    schema = schema_names(session).get(fn.schema_oid, "?")
    word = "PROCEDURE" if fn.kind == "p" else "FUNCTION"
    lines = [f"CREATE OR REPLACE {word} {quote_ident(schema)}.{quote_ident(fn.name)}"
             f"({arguments_text(session, fn)})",
             f" RETURNS {result_text(session, fn)}",
             f" LANGUAGE {fn.language}"]
    if fn.kind == "p":
        del lines[1]
    attrs = []
    if fn.volatility != "v":
        attrs.append(_VOLATILITY[fn.volatility])
    if fn.strict:
        attrs.append("STRICT")
    if fn.security_definer:
        attrs.append("SECURITY DEFINER")
    if attrs:
        lines.append(" " + " ".join(attrs))
    for name, value in fn.config:
        lines.append(f" SET {name} TO {_config_value(value)}")
    tag = "$procedure$" if fn.kind == "p" else "$function$"
    lines.append(f"AS {tag}{fn.body}{tag}")
    return "\n".join(lines) + "\n"


def proc_row(session: Any, fn: Function) -> tuple[Any, ...]:
    from sql.catalog_views.objects import ROWTYPE_BASE

    n_defaults = sum(1 for d in fn.arg_defaults if d is not None)
    all_types = all_modes = None
    names: list[str] | None = list(fn.arg_names) if any(fn.arg_names) else None
    if fn.all_args:
        all_types = [t for _m, _n, t in fn.all_args]
        all_modes = [m for m, _n, _t in fn.all_args]
        names = [n for _m, n, _t in fn.all_args] if any(n for _m, n, _t in fn.all_args) else None
    elif fn.out_columns and fn.return_type < ROWTYPE_BASE:
        all_types = list(fn.arg_types) + [t for _n, t in fn.out_columns]
        all_modes = ["i"] * len(fn.arg_types) + ["t"] * len(fn.out_columns)
        names = list(fn.arg_names) + [n for n, _t in fn.out_columns]
    config = [f"{k}={v}" for k, v in fn.config] or None
    from sql.catalog_views.base import acl_items

    acl = acl_items(session, fn.owner, fn.acl, "X") if fn.acl else None
    return (fn.oid, fn.name, fn.schema_oid, fn.owner, LANG_OIDS.get(fn.language, 14), 100.0,
            1000.0 if fn.returns_set else 0.0, 0, 0, fn.kind, fn.security_definer, False, fn.strict, fn.returns_set,
            fn.volatility, "u", len(fn.arg_types), n_defaults, fn.return_type, list(fn.arg_types), all_types,
            all_modes, names, None, None, fn.body, None, None, config, acl)


def user_proc_rows(session: Any) -> Iterator[tuple[Any, ...]]:
    for fn in session.catalog().functions.values():
        yield proc_row(session, fn)


def specific_name(fn: Function) -> str:
    return f"{fn.name}_{fn.oid}"


def _visible(session: Any, fn: Function) -> bool:
    return session.is_superuser or fn.owner in session.role_memberships() or can_execute(session, fn)


def can_execute(session: Any, fn: Function) -> bool:
    """EXECUTE: the owner, superusers, PUBLIC unless revoked, or a grant to one of the roles."""
    if session.is_superuser:
        return True
    roles = session.role_memberships()
    if fn.owner in roles:
        return True
    if not fn.acl:
        return True
    return any("X" in letters for role, letters in fn.acl.items() if role == 0 or role in roles)


def udt_of(session: Any, oid: int) -> tuple[str, str]:
    from sql.catalog_views.info_schema import udt_of as udt

    return udt(session, oid)


def _data_type(session: Any, oid: int) -> str:
    from sql.catalog_views.info_schema import type_facts
    from sql.catalog_views.objects import ROWTYPE_BASE

    if oid in (T.VOID, TRIGGER, T.RECORD):
        return _type(session, oid)
    if oid >= ROWTYPE_BASE:
        return "USER-DEFINED"
    return type_facts(session, oid, -1)["data_type"]


@relation("information_schema", "routines")
def routines(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("information_schema", "routines")
    db = session.database_name
    names = schema_names(session)
    for fn in session.catalog().functions.values():
        if not _visible(session, fn):
            continue
        schema = names.get(fn.schema_oid)
        yield make(specific_catalog=db, specific_schema=schema, specific_name=specific_name(fn),
                   routine_catalog=db, routine_schema=schema, routine_name=fn.name,
                   routine_type="PROCEDURE" if fn.kind == "p" else "FUNCTION",
                   data_type=_data_type(session, fn.return_type) if fn.kind != "p" else None,
                   type_udt_catalog=db, type_udt_schema=udt_of(session, fn.return_type)[0],
                   type_udt_name=udt_of(session, fn.return_type)[1],
                   dtd_identifier="0", routine_body="SQL" if fn.language == "sql" else "EXTERNAL",
                   routine_definition=fn.body if fn.owner in session.role_memberships() else None,
                   external_language=fn.language.upper(), parameter_style="GENERAL",
                   is_deterministic="YES" if fn.volatility == "i" else "NO", sql_data_access="MODIFIES",
                   is_null_call="YES" if fn.strict else "NO", schema_level_routine="YES",
                   max_dynamic_result_sets=0, is_user_defined_cast="NO", is_implicitly_invocable="NO",
                   security_type="DEFINER" if fn.security_definer else "INVOKER", as_locator="NO",
                   is_udt_dependent="NO")


@relation("information_schema", "parameters")
def parameters(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("information_schema", "parameters")
    db = session.database_name
    names = schema_names(session)
    for fn in session.catalog().functions.values():
        if not _visible(session, fn):
            continue
        schema = names.get(fn.schema_oid)
        if fn.all_args:
            defaults = iter(fn.arg_defaults)
            params = [(n, t, {"i": "IN", "o": "OUT", "b": "INOUT"}[m], next(defaults, None) if m != "o" else None)
                      for m, n, t in fn.all_args]
        else:
            params = [(n, t, "IN", d) for n, t, d in zip(fn.arg_names, fn.arg_types, fn.arg_defaults)]
            from sql.catalog_views.objects import ROWTYPE_BASE

            if fn.return_type < ROWTYPE_BASE:
                params += [(n, t, "OUT", None) for n, t in fn.out_columns]
        for pos, (n, t, mode, d) in enumerate(params, 1):
            yield make(specific_catalog=db, specific_schema=schema, specific_name=specific_name(fn),
                       ordinal_position=pos, parameter_mode=mode, is_result="NO", as_locator="NO",
                       parameter_name=n or None, data_type=_data_type(session, t), udt_catalog=db,
                       udt_schema=udt_of(session, t)[0], udt_name=udt_of(session, t)[1], dtd_identifier=str(pos),
                       parameter_default=default_text(session, fn, d, t) if d is not None else None)


def _routine_grants(session: Any, public_too: bool) -> Iterator[tuple[Any, ...]]:
    from sql.catalog_views.base import role_name

    db = session.database_name
    names = schema_names(session)
    roles = session.role_memberships()
    for fn in session.catalog().functions.values():
        acl = fn.acl or {fn.owner: "X", 0: "X"}
        schema = names.get(fn.schema_oid)
        for grantee, letters in sorted(acl.items(), key=lambda kv: (kv[0] != 0, kv[0])):
            if "X" not in letters:
                continue
            if not (fn.owner in roles or grantee in roles or (public_too and grantee == 0)):
                continue
            yield (role_name(session, fn.owner), "PUBLIC" if grantee == 0 else role_name(session, grantee), db,
                   schema, specific_name(fn), db, schema, fn.name, "EXECUTE", "YES" if grantee == fn.owner else "NO")


@relation("information_schema", "routine_privileges")
def routine_privileges(session: Any) -> Iterator[tuple[Any, ...]]:
    return _routine_grants(session, True)


@relation("information_schema", "role_routine_grants")
def role_routine_grants(session: Any) -> Iterator[tuple[Any, ...]]:
    return _routine_grants(session, False)
