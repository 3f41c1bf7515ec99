"""How sessions take and wait for locks (the lock table itself is :mod:`storage.locks`).

What lives here: naming a transaction's lock owner after its session (pid, xid, cancel and
statement_timeout checks, lock_timeout, deadlock_timeout), the table locks a statement takes
(SELECT: ACCESS SHARE, SELECT ... FOR ...: ROW SHARE, INSERT/UPDATE/DELETE: ROW EXCLUSIVE, DDL:
ACCESS EXCLUSIVE), and :data:`RUN_ON_THREAD`, what a session hands back instead of a result when
a statement that ran on the server's event loop had to wait for a lock: its partial effects are
undone and the protocol layer runs it again on a worker thread, where waiting blocks no one else.
"""

from __future__ import annotations

from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from sql.settings import ms_value
from storage.locks import WouldBlock, forbid_waiting_in_this_thread, lock_manager

__all__ = ["RUN_ON_THREAD", "WouldBlock", "forbid_waiting_here", "prepare_owner", "arm_owner",
           "statement_table_locks", "lock_relation", "ACCESS_SHARE", "ROW_SHARE", "ROW_EXCLUSIVE",
           "ACCESS_EXCLUSIVE"]

ACCESS_SHARE, ROW_SHARE, ROW_EXCLUSIVE, ACCESS_EXCLUSIVE = 1, 2, 3, 8
_WRITES = frozenset("awdD")


class _RunOnThread:
    def __repr__(self) -> str:
        return "RUN_ON_THREAD"


RUN_ON_THREAD: Any = _RunOnThread()


def forbid_waiting_here() -> None:
    """Called by the server on its event loop thread: lock waits there become RUN_ON_THREAD."""
    forbid_waiting_in_this_thread()


def prepare_owner(session: Any, txn: Any) -> None:
    """Name a new transaction's lock owner after ``session``."""
    txn.lock_inserts = True
    owner = txn.lock_owner
    owner.pid = session.backend_pid
    owner.interrupts = session.check_interrupts

    def xid() -> int:
        from types import SimpleNamespace

        from sql.functions_system import txid_current

        return txid_current(SimpleNamespace(txn=txn, session=None))

    owner.xid = xid
    mgr = txn.locks
    if not mgr.database_oid:
        mgr.database_oid = session.database_oid


def arm_owner(session: Any, owner: Any) -> None:
    """Per statement: the current lock_timeout and deadlock_timeout."""
    values = session.settings.values
    lt = values["lock_timeout"]
    owner.lock_timeout = 0.0 if lt == "0" else ms_value(lt) / 1000
    dt = values.get("deadlock_timeout", "1s")
    owner.deadlock_timeout = 1.0 if dt == "1s" else max(ms_value(dt), 1) / 1000


def statement_table_locks(privileges: list[Any], row_locking: bool) -> tuple[tuple[int, int], ...]:
    """(relation oid, mode) of the table locks of a planned statement, from what it reads and writes."""
    out: dict[int, int] = {}
    for entry in privileges:
        rel, letters = entry[0], entry[1]
        if getattr(rel, "virtual", False) or getattr(rel, "kind", "r") not in ("r", "p", "v", "m"):
            continue
        if _WRITES.intersection(letters):
            mode = ROW_EXCLUSIVE
        else:
            mode = ROW_SHARE if row_locking else ACCESS_SHARE
        out[rel.oid] = max(mode, out.get(rel.oid, 0))
    return tuple(out.items())


def lock_relation(session: Any, rel: Any, mode: int, nowait: bool = False) -> None:
    """LOCK TABLE and DDL: take ``mode`` on ``rel`` for the rest of the transaction."""
    txn = session.txn()
    if not txn.lock_table(rel.oid, mode, wait=not nowait):
        raise SqlError(sqlstate.LOCK_NOT_AVAILABLE, f'could not obtain lock on relation "{rel.name}"')


def manager_of(session: Any) -> Any:
    return lock_manager(session.db.env)


def release_session_locks(session: Any) -> None:
    """The session ends: its session-level advisory locks go."""
    from sql.functions_catalog_locks import unlock_all

    unlock_all(session)


def table_locks(session: Any) -> list[tuple[int, int, int, str, bool]]:
    """(database oid, relation oid, pid, mode name, granted) of the table locks in ``session``'s database."""
    from storage.locks import TABLE_MODE_NAMES

    return [(session.database_oid, tag[1], owner.pid, TABLE_MODE_NAMES[mode], granted)
            for tag, owner, mode, granted in manager_of(session).held() if tag[0] == "rel"]
