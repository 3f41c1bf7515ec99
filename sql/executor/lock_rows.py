"""Row locks taken by statements: SELECT ... FOR UPDATE/NO KEY UPDATE/SHARE/KEY SHARE (the
:class:`LockRows` plan node) and the rows UPDATE and DELETE change (:func:`lock_for_write`).

A row is locked at statement time; a lock held by another open transaction makes the statement
wait (NOWAIT: 55P03, SKIP LOCKED: the row is left out). Once granted, the row's newest committed
version is compared with the one the statement read: in READ COMMITTED a changed row is taken in
its newest version and re-checked against the statement's conditions (PostgreSQL's EvalPlanQual),
a deleted row is skipped; in REPEATABLE READ and SERIALIZABLE either is 40001.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from storage.locks import FOR_KEY_SHARE, FOR_NO_KEY_UPDATE, FOR_SHARE, FOR_UPDATE
from storage.rows import rows_equal

__all__ = ["LockRows", "LockTarget", "RowChanged", "lock_for_write", "lock_strength_mode", "snapshot_is_strict"]

WAIT, NOWAIT, SKIP_LOCKED = "wait", "nowait", "skip"


class RowChanged(SqlError):
    """READ COMMITTED: a row SELECT ... FOR UPDATE locked changed after the statement's snapshot;
    the statement runs again on a new snapshot (the locks it took stay). Where no one runs it
    again (a cursor, a function's query) it reaches the client as 40001."""

    def __init__(self) -> None:
        super().__init__(sqlstate.SERIALIZATION_FAILURE, "could not serialize access due to concurrent update")


def lock_strength_mode(strength: str) -> int:
    return {"FOR KEY SHARE": FOR_KEY_SHARE, "FOR SHARE": FOR_SHARE, "FOR NO KEY UPDATE": FOR_NO_KEY_UPDATE,
            "FOR UPDATE": FOR_UPDATE}[strength]


def snapshot_is_strict(ctx: Any) -> bool:
    """REPEATABLE READ or SERIALIZABLE: a row changed since the snapshot cannot be written."""
    session = getattr(ctx, "session", None)
    settings = getattr(session, "settings", None)
    return settings is not None and settings.values["transaction_isolation"] in ("repeatable read", "serializable")


def _serialization_failure(what: str) -> SqlError:
    return SqlError(sqlstate.SERIALIZATION_FAILURE, f"could not serialize access due to concurrent {what}")


def _not_available(table: Any) -> SqlError:
    return SqlError(sqlstate.LOCK_NOT_AVAILABLE, f'could not obtain lock on row in relation "{table.name}"')


def lock_for_write(ctx: Any, table: Any, key: bytes, stored: tuple[Any, ...], mode: int) -> tuple[Any, ...] | None:
    """Lock the row UPDATE/DELETE is about to change; returns ``stored`` itself when it is still the
    newest version, the newest version (READ COMMITTED) or None when it was deleted meanwhile."""
    txn = ctx.txn
    layout = table.layout
    if txn.written_locally(layout, key):
        return stored
    txn.lock_row(layout, key, mode)
    newest = txn.newest_committed(layout, key)
    if newest is not None and rows_equal(newest, stored):
        return stored
    if snapshot_is_strict(ctx):
        raise _serialization_failure("update" if newest is not None else "delete")
    return newest


def recheck_locked(ctx: Any, table: Any, rows: list[tuple[bytes, tuple[Any, ...], tuple[Any, ...]]], width: int,
                   pred: Callable[[tuple[Any, ...], Any], Any] | None, mode: int
                   ) -> list[tuple[bytes, tuple[Any, ...], tuple[Any, ...]]]:
    """Lock each (row key, stored row, row) UPDATE/DELETE chose; rows changed meanwhile are taken in
    their newest version if they still satisfy ``pred`` (READ COMMITTED), deleted ones are dropped."""
    decode = table.codec.decode
    out = []
    for key, stored, row in rows:
        newest = lock_for_write(ctx, table, key, stored, mode)
        if newest is stored:
            out.append((key, stored, row))
            continue
        if newest is None:
            continue
        cur = decode(newest) if decode is not None else newest
        full = tuple(cur) + tuple(row[width:]) if len(row) > width else tuple(cur)
        if pred is not None and pred(full, ctx) is not True:
            continue
        out.append((key, newest, full))
    return out


@dataclass(frozen=True)
class LockTarget:
    table: Any  # catalog Table
    key_position: int  # row key in the node's input rows
    stored_position: int  # stored row as the statement read it
    mode: int
    policy: str  # WAIT, NOWAIT or SKIP_LOCKED


@dataclass(frozen=True)
class LockRows:
    """Locks the rows its child returns, below LIMIT (so only the rows returned are locked)."""

    child: Any
    targets: tuple[LockTarget, ...]

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        txn = ctx.txn
        strict = snapshot_is_strict(ctx)
        for row in self.child.rows(ctx):
            keep = True
            for t in self.targets:
                key = row[t.key_position]
                if key is None:
                    continue
                layout = t.table.layout
                if txn.written_locally(layout, key):
                    continue
                if not txn.lock_row(layout, key, t.mode, wait=t.policy == WAIT):
                    if t.policy == SKIP_LOCKED:
                        keep = False
                        break
                    raise _not_available(t.table)
                newest = txn.newest_committed(layout, key)
                if newest is not None and rows_equal(newest, row[t.stored_position]):
                    continue
                if strict:
                    raise _serialization_failure("update" if newest is not None else "delete")
                if newest is None:
                    keep = False
                    break
                raise RowChanged()
            if keep:
                yield row
