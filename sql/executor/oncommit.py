"""ON COMMIT actions of temporary tables: DROP (once, at the end of the creating transaction) and
DELETE ROWS (at the end of every transaction of the session)."""

from __future__ import annotations

from typing import Any

from sql import sqlstate
from sql.catalog import Table
from sql.errors import SqlError


def register(session: Any, table: Table, action: str | None) -> None:
    if action is None:
        return
    if table.persistence != "t":
        raise SqlError(sqlstate.INVALID_TABLE_DEFINITION, "ON COMMIT can only be used on temporary tables")
    if action == "preserve":
        return
    actions = getattr(session, "_on_commit", None)
    if actions is None:
        actions = session._on_commit = {}
    actions[table.oid] = action


def run_on_commit(session: Any) -> None:
    actions: dict[int, str] | None = getattr(session, "_on_commit", None)
    if not actions:
        return
    catalog = session.catalog()
    txn = session.txn()
    for oid, action in list(actions.items()):
        table = catalog.relations.get(oid)
        if not isinstance(table, Table):
            if oid not in session.db.catalog().relations:
                del actions[oid]  # dropped, or created by a transaction that rolled back
            continue
        if action == "drop":
            from sql.executor.ddl import drop_objects

            drop_objects(session, catalog, [table], True, None)
            catalog = session.catalog()
            del actions[oid]
        elif next(iter(txn.scan(table.layout)), None) is not None:
            txn.truncate(table.layout)
