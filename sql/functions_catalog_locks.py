"""Advisory locks: pg_advisory_lock and family, session and transaction level, exclusive and
shared, keyed by one bigint or two integers (separate key spaces, as in PostgreSQL).

Locks live in a process-wide table keyed by (database oid, key space, key), so they are shared
by the sessions of one database and never cross databases. Holds are re-entrant (counted per
session). A transaction-level hold belongs to the transaction it was taken in and ends with it;
a session-level hold ends with ``pg_advisory_unlock[_all]`` or the session. Ended holders are
cleared lazily (a hold whose transaction or session is gone no longer counts).

A statement may run inline on the server's event loop (statements that were quick last time do),
where waiting for another session would stall every session -- including the holder. So the
blocking forms (``pg_advisory_lock``, ``pg_advisory_xact_lock`` and their ``_shared`` variants)
retry for a short moment (``SPIN_SECONDS``) and then raise 55P03 (lock_not_available) instead
of waiting. Use the ``pg_try_`` forms to test.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.functions import builtin
from sql.functions_util import VOID

SPIN_SECONDS = 0.02
_STEP = 0.005


@dataclass
class _Hold:
    session: Any
    pid: int
    shared: bool
    txn: Any  # None for a session-level hold, else the transaction it belongs to
    count: int = 0


@dataclass
class _Lock:
    holds: list[_Hold] = field(default_factory=list)


_LOCKS: dict[tuple[int, int, int], _Lock] = {}
_MUTEX = threading.Lock()


def _alive(h: _Hold) -> bool:
    s = h.session
    if s.instance.sessions.get(h.pid) is not s:
        return False
    return h.txn is None or s._txn is h.txn


def _prune(key: tuple[int, int, int]) -> _Lock | None:
    lock = _LOCKS.get(key)
    if lock is None:
        return None
    lock.holds = [h for h in lock.holds if h.count > 0 and _alive(h)]
    if not lock.holds:
        del _LOCKS[key]
        return None
    return lock


def _key(session: Any, k1: int, k2: int | None) -> tuple[int, int, int]:
    if k2 is None:
        return session.database_oid, 1, k1
    return session.database_oid, 2, ((k1 & 0xFFFFFFFF) << 32) | (k2 & 0xFFFFFFFF)


def _try(session: Any, key: tuple[int, int, int], shared: bool, xact: bool) -> bool:
    txn = session.txn() if xact else None
    with _MUTEX:
        lock = _prune(key)
        if lock is not None:
            for h in lock.holds:
                if h.session is not session and (not shared or not h.shared):
                    return False
        else:
            lock = _LOCKS[key] = _Lock()
        for h in lock.holds:
            if h.session is session and h.shared == shared and h.txn is txn:
                h.count += 1
                return True
        lock.holds.append(_Hold(session, session.backend_pid, shared, txn, 1))
        return True


def _acquire(ctx: Any, k1: int, k2: int | None, shared: bool, xact: bool) -> str:
    session = ctx.session
    key = _key(session, k1, k2)
    deadline = time.monotonic() + SPIN_SECONDS
    while not _try(session, key, shared, xact):
        if time.monotonic() >= deadline:
            raise SqlError(sqlstate.LOCK_NOT_AVAILABLE, "could not obtain advisory lock: it is held by another "
                           "session", hint="Statements do not wait for locks here; use pg_try_advisory_lock().")
        if hasattr(session, "check_interrupts"):
            session.check_interrupts()
        time.sleep(_STEP)
    return VOID


def _release(ctx: Any, k1: int, k2: int | None, shared: bool) -> bool:
    session = ctx.session
    key = _key(session, k1, k2)
    with _MUTEX:
        lock = _prune(key)
        for h in lock.holds if lock is not None else ():
            if h.session is session and h.shared == shared and h.txn is None:
                h.count -= 1
                _prune(key)
                return True
    mode = "ShareLock" if shared else "ExclusiveLock"
    notice = SqlError(sqlstate.WARNING, f"you don't own a lock of type {mode}", severity="WARNING")
    notices = getattr(ctx, "notices", None)
    if isinstance(notices, list):
        notices.append(notice)
    return False


def unlock_all(session: Any) -> None:
    with _MUTEX:
        for key in list(_LOCKS):
            lock = _LOCKS[key]
            lock.holds = [h for h in lock.holds if not (h.session is session and h.txn is None)]
            _prune(key)


def held_locks(database_oid: int) -> Iterator[tuple[int, int, int, bool, bool]]:
    """(database oid, key, pid, shared, two-int key) of the live holds in a database (pg_locks)."""
    with _MUTEX:
        items = []
        for key in list(_LOCKS):
            lock = _prune(key)
            if lock is not None and key[0] == database_oid:
                items += [(key[0], key[2], h.pid, h.shared, key[1] == 2) for h in lock.holds]
    return iter(items)


def _forms(name: str, impl: Any, ret: int) -> None:
    builtin(name, (T.INT8,), ret, needs_ctx=True, volatile=True)(lambda ctx, k, _f=impl: _f(ctx, k, None))
    builtin(name, (T.INT4, T.INT4), ret, needs_ctx=True, volatile=True)(lambda ctx, a, b, _f=impl: _f(ctx, a, b))


_forms("pg_advisory_lock", lambda ctx, a, b: _acquire(ctx, a, b, False, False), T.VOID)
_forms("pg_advisory_lock_shared", lambda ctx, a, b: _acquire(ctx, a, b, True, False), T.VOID)
_forms("pg_advisory_xact_lock", lambda ctx, a, b: _acquire(ctx, a, b, False, True), T.VOID)
_forms("pg_advisory_xact_lock_shared", lambda ctx, a, b: _acquire(ctx, a, b, True, True), T.VOID)
_forms("pg_try_advisory_lock", lambda ctx, a, b: _try(ctx.session, _key(ctx.session, a, b), False, False), T.BOOL)
_forms("pg_try_advisory_lock_shared", lambda ctx, a, b: _try(ctx.session, _key(ctx.session, a, b), True, False),
       T.BOOL)
_forms("pg_try_advisory_xact_lock", lambda ctx, a, b: _try(ctx.session, _key(ctx.session, a, b), False, True),
       T.BOOL)
_forms("pg_try_advisory_xact_lock_shared",
       lambda ctx, a, b: _try(ctx.session, _key(ctx.session, a, b), True, True), T.BOOL)
_forms("pg_advisory_unlock", lambda ctx, a, b: _release(ctx, a, b, False), T.BOOL)
_forms("pg_advisory_unlock_shared", lambda ctx, a, b: _release(ctx, a, b, True), T.BOOL)


@builtin("pg_advisory_unlock_all", (), T.VOID, needs_ctx=True, volatile=True)
def pg_advisory_unlock_all(ctx: Any) -> str:
    unlock_all(ctx.session)
    return VOID
