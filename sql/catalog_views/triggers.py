"""Triggers in the catalog: pg_trigger, information_schema.triggers and pg_get_triggerdef's text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sql import typesys as T
from sql.catalog import Table, Trigger
from sql.catalog_views.base import builder, relation, schema_names
from sql.catalog_views.objects import quote_ident

_EVENT_BITS = {"insert": 4, "delete": 8, "update": 16, "truncate": 32}
_EVENT_ORDER = ("insert", "delete", "update", "truncate")


def tgtype(t: Trigger) -> int:
    bits = (1 if t.for_each_row else 0) | (2 if t.timing == "before" else 0)
    for e in t.events:
        bits |= _EVENT_BITS[e]
    return bits


def _tables(session: Any) -> Iterator[Table]:
    for rel in session.catalog().relations.values():
        if isinstance(rel, Table) and rel.triggers:
            yield rel


def when_text(table: Table, when: str, pretty: bool) -> str:
    from sql.catalog_views.definitions import _parse
    from sql.catalog_views.deparse import Deparser

    types = {c.name: c.type_oid for c in table.columns}

    def resolve(qual: str | None, name: str) -> tuple[int, str]:
        return types.get(name, T.TEXT), f"{qual}.{quote_ident(name)}" if qual else quote_ident(name)

    try:
        d = Deparser(resolve, pretty)
        return d.fix_unknown(d.r(_parse(when)), T.BOOL).text
    except Exception:  # noqa: BLE001 - shown as written
        return when


def _function_name(session: Any, oid: int) -> str:
    fn = session.catalog().functions.get(oid)
    return quote_ident(fn.name) if fn is not None else str(oid)


def _args_text(t: Trigger) -> str:
    return ", ".join("'" + a.replace("'", "''") + "'" for a in t.args)


def triggerdef(session: Any, table: Table, t: Trigger, pretty: bool = False) -> str:
    events = []
    for e in _EVENT_ORDER:
        if e in t.events:
            events.append("UPDATE OF " + ", ".join(quote_ident(c) for c in t.columns)
                          if e == "update" and t.columns else e.upper())
    if pretty:
        target = quote_ident(table.name)
    else:
        target = f"{quote_ident(schema_names(session).get(table.schema_oid, '?'))}.{quote_ident(table.name)}"
    out = f"CREATE TRIGGER {quote_ident(t.name)} {t.timing.upper()} {' OR '.join(events)} ON {target} " \
          f"FOR EACH {'ROW' if t.for_each_row else 'STATEMENT'} "
    if t.when is not None:
        out += f"WHEN ({when_text(table, t.when, pretty)}) "
    return out + f"EXECUTE FUNCTION {_function_name(session, t.function_oid)}({_args_text(t)})"


def find_trigger(session: Any, oid: int) -> tuple[Table, Trigger] | None:
    for table in _tables(session):
        for t in table.triggers:
            if t.oid == oid:
                return table, t
    return None


@relation("pg_catalog", "pg_trigger")
def pg_trigger(session: Any) -> Iterator[tuple[Any, ...]]:
    for table in _tables(session):
        cols = {c.name: c.attnum or i + 1 for i, c in enumerate(table.columns)}
        for t in table.triggers:
            args = b"".join(a.encode() + b"\x00" for a in t.args)
            yield (t.oid, table.oid, 0, t.name, t.function_oid, tgtype(t), t.enabled, False, 0, 0, 0, False,
                   False, len(t.args), [cols[c] for c in t.columns if c in cols], args,
                   t.when if t.when is not None else None, None, None)


@relation("information_schema", "triggers")
def triggers(session: Any) -> Iterator[tuple[Any, ...]]:
    make = builder("information_schema", "triggers")
    db = session.database_name
    names = schema_names(session)
    from sql.catalog_views.info_schema import can_see

    for table in _tables(session):
        if not can_see(session, table, "arwdDxt"):
            continue
        schema = names.get(table.schema_oid)
        order: dict[str, int] = {}
        for e in _EVENT_ORDER[:3]:  # TRUNCATE triggers are not listed
            for t in sorted(table.triggers, key=lambda t: t.name):
                if e not in t.events:
                    continue
                key = f"{e}{t.timing}{t.for_each_row}"
                order[key] = order.get(key, 0) + 1
                yield make(trigger_catalog=db, trigger_schema=schema, trigger_name=t.name,
                           event_manipulation=e.upper(), event_object_catalog=db, event_object_schema=schema,
                           event_object_table=table.name, action_order=order[key],
                           action_condition=when_text(table, t.when, False) if t.when is not None else None,
                           action_statement=f"EXECUTE FUNCTION {_function_name(session, t.function_oid)}"
                                            f"({_args_text(t)})",
                           action_orientation="ROW" if t.for_each_row else "STATEMENT",
                           action_timing=t.timing.upper())
