"""Advisory locks: pg_advisory_lock and family, session and transaction level, exclusive and
shared, keyed by one bigint or two integers (separate key spaces, as in PostgreSQL).

They live in the database's lock manager (:mod:`storage.locks`) as ``("adv", space, key)`` tags
with ShareLock/ExclusiveLock, so they are shared by the sessions of one database, never cross
databases, and take part in deadlock detection with row and table locks. Holds are counted. A
transaction-level hold belongs to the transaction's lock owner and ends with it; a session-level
hold belongs to the session's own owner and ends with ``pg_advisory_unlock[_all]`` or the session.
The blocking forms wait (lock_timeout, statement_timeout and cancel requests end the wait).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.functions import builtin
from sql.functions_util import VOID
from sql.lock_waits import arm_owner, manager_of
from storage.locks import ADVISORY_EXCLUSIVE, ADVISORY_SHARE, LockOwner


def session_owner(session: Any) -> LockOwner:
    """The lock owner of ``session``'s session-level advisory locks."""
    owner = getattr(session, "_advisory_owner", None)
    if owner is None:
        owner = LockOwner(session.backend_pid)
        owner.interrupts = session.check_interrupts
        session._advisory_owner = owner
    return owner


def _tag(k1: int, k2: int | None) -> tuple[str, int, int]:
    if k2 is None:
        return "adv", 1, k1 & 0xFFFFFFFFFFFFFFFF
    return "adv", 2, ((k1 & 0xFFFFFFFF) << 32) | (k2 & 0xFFFFFFFF)


def _owner(session: Any, xact: bool) -> LockOwner:
    owner = session.txn().lock_owner if xact else session_owner(session)
    arm_owner(session, owner)
    return owner


def _try(session: Any, k1: int, k2: int | None, shared: bool, xact: bool) -> bool:
    mgr = manager_of(session)
    if not mgr.database_oid:
        mgr.database_oid = session.database_oid
    return mgr.acquire(_owner(session, xact), _tag(k1, k2), ADVISORY_SHARE if shared else ADVISORY_EXCLUSIVE,
                       wait=False)


def _acquire(ctx: Any, k1: int, k2: int | None, shared: bool, xact: bool) -> str:
    session = ctx.session
    mgr = manager_of(session)
    if not mgr.database_oid:
        mgr.database_oid = session.database_oid
    mgr.acquire(_owner(session, xact), _tag(k1, k2), ADVISORY_SHARE if shared else ADVISORY_EXCLUSIVE)
    return VOID


def _release(ctx: Any, k1: int, k2: int | None, shared: bool) -> bool:
    session = ctx.session
    mode = ADVISORY_SHARE if shared else ADVISORY_EXCLUSIVE
    if manager_of(session).release(session_owner(session), _tag(k1, k2), mode):
        return True
    name = "ShareLock" if shared else "ExclusiveLock"
    notice = SqlError(sqlstate.WARNING, f"you don't own a lock of type {name}", severity="WARNING")
    notices = getattr(ctx, "notices", None)
    if isinstance(notices, list):
        notices.append(notice)
    return False


def unlock_all(session: Any) -> None:
    """Release the session-level advisory locks of ``session`` (unlock_all, disconnect)."""
    owner = getattr(session, "_advisory_owner", None)
    if owner is not None and owner.log:
        manager_of(session).release_all(owner)


def held_locks(database_oid: int, session: Any = None) -> Iterator[tuple[int, int, int, bool, bool]]:
    """(database oid, key, pid, shared, two-int key) of the advisory holds in a database (pg_locks)."""
    if session is None:
        return iter(())
    items = [(database_oid, tag[2], owner.pid, mode == ADVISORY_SHARE, tag[1] == 2)
             for tag, owner, mode, granted in manager_of(session).held() if tag[0] == "adv" and granted]
    return iter(items)


def _forms(name: str, impl: Any, ret: int) -> None:
    builtin(name, (T.INT8,), ret, needs_ctx=True, volatile=True)(lambda ctx, k, _f=impl: _f(ctx, k, None))
    builtin(name, (T.INT4, T.INT4), ret, needs_ctx=True, volatile=True)(lambda ctx, a, b, _f=impl: _f(ctx, a, b))


_forms("pg_advisory_lock", lambda ctx, a, b: _acquire(ctx, a, b, False, False), T.VOID)
_forms("pg_advisory_lock_shared", lambda ctx, a, b: _acquire(ctx, a, b, True, False), T.VOID)
_forms("pg_advisory_xact_lock", lambda ctx, a, b: _acquire(ctx, a, b, False, True), T.VOID)
_forms("pg_advisory_xact_lock_shared", lambda ctx, a, b: _acquire(ctx, a, b, True, True), T.VOID)
_forms("pg_try_advisory_lock", lambda ctx, a, b: _try(ctx.session, a, b, False, False), T.BOOL)
_forms("pg_try_advisory_lock_shared", lambda ctx, a, b: _try(ctx.session, a, b, True, False), T.BOOL)
_forms("pg_try_advisory_xact_lock", lambda ctx, a, b: _try(ctx.session, a, b, False, True), T.BOOL)
_forms("pg_try_advisory_xact_lock_shared", lambda ctx, a, b: _try(ctx.session, a, b, True, True), T.BOOL)
_forms("pg_advisory_unlock", lambda ctx, a, b: _release(ctx, a, b, False), T.BOOL)
_forms("pg_advisory_unlock_shared", lambda ctx, a, b: _release(ctx, a, b, True), T.BOOL)


@builtin("pg_advisory_unlock_all", (), T.VOID, needs_ctx=True, volatile=True)
def pg_advisory_unlock_all(ctx: Any) -> str:
    unlock_all(ctx.session)
    return VOID
