"""FETCH / MOVE on a portal made by the extended protocol's Bind (PostgreSQL keeps protocol portals
and DECLAREd cursors in one namespace; asyncpg's ``Cursor.forward`` sends ``MOVE FORWARD n "portal"``).
Such a portal is read forward only, sharing its row stream with later Execute messages."""

from __future__ import annotations

from typing import Any

from sql import sqlstate
from sql.cursor_parser import FetchStmt
from sql.errors import SqlError
from sql.result import Result


def fetch_from_portal(session: Any, stmt: FetchStmt) -> Result | None:
    """The result of FETCH/MOVE on protocol portal ``stmt.name``; None when there is no such portal."""
    portal = getattr(session, "_portals", {}).get(stmt.name)
    if portal is None or not stmt.name or portal.prepared.kind != "query":
        return None
    kind, count = stmt.kind, stmt.count
    if kind in ("absolute", "relative") or kind == "backward" or (count is not None and count < 0):
        raise SqlError(sqlstate.OBJECT_NOT_IN_PREREQUISITE_STATE, "cursor can only scan forward",
                       hint="Declare it with SCROLL option to enable backward scan.")
    if portal.result is None:
        portal.result = session.run_internal(portal.prepared, portal.params)
        portal.iterator = portal.result.rows
    rows: list[tuple[Any, ...]] = []
    it = portal.iterator
    if it is not None and not portal.done:
        for row in it:
            rows.append(row)
            if count is not None and len(rows) >= count:
                break
        else:
            portal.done = True
        portal.sent += len(rows)
    if stmt.move:
        return Result("MOVE", rowcount=len(rows))
    columns = list(portal.prepared.columns or [])
    return Result("FETCH", columns, iter(rows), rowcount=len(rows))
