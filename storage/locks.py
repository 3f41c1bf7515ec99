"""Heavyweight locks of one database environment: row locks, table locks and advisory locks.

What lives here: :class:`LockManager` (one per :class:`storage.kv.KVEnv`, see :func:`lock_manager`),
:class:`LockOwner` (a transaction or a session holding locks), the mode names and conflict tables
of PostgreSQL, deadlock detection and :class:`WouldBlock`. What does not live here: deciding which
locks a statement takes (the SQL layer) and releasing at transaction end (:mod:`storage.txn`).

Lock tags are tuples whose first item names the kind: ``("row", table id, row key)`` with the four
row-lock modes, ``("rel", table id)`` with the eight table-lock modes, and ``("adv", space, key)``
(advisory locks: ShareLock and ExclusiveLock of the table-lock table). Row and table holds are not
counted (taking a mode again is a no-op); advisory holds are counted (each unlock undoes one lock).

An uncontended request is one dict lookup under one mutex. A request that conflicts waits on the
lock's condition until granted; the owner's ``interrupts`` callback (cancel, statement_timeout),
``lock_timeout`` and, once ``deadlock_timeout`` has passed, a deadlock search run between waits. A
thread marked with :func:`forbid_waiting_in_this_thread` (the server's event loop) never waits:
it gets :class:`WouldBlock` and must run the statement again on a thread that may wait.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Iterator
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

__all__ = [
    "LockManager", "LockOwner", "WouldBlock", "lock_manager", "forbid_waiting_in_this_thread",
    "FOR_KEY_SHARE", "FOR_SHARE", "FOR_NO_KEY_UPDATE", "FOR_UPDATE", "TABLE_MODES", "table_mode",
]

# row-lock modes, weakest first
FOR_KEY_SHARE, FOR_SHARE, FOR_NO_KEY_UPDATE, FOR_UPDATE = range(4)
ROW_MODE_NAMES = ("ForKeyShare", "ForShare", "ForNoKeyUpdate", "ForUpdate")
_ROW_CONFLICTS = (
    1 << FOR_UPDATE,
    (1 << FOR_NO_KEY_UPDATE) | (1 << FOR_UPDATE),
    (1 << FOR_SHARE) | (1 << FOR_NO_KEY_UPDATE) | (1 << FOR_UPDATE),
    0b1111,
)

# table-lock modes 1..8, as LOCK TABLE names them
TABLE_MODES = ("", "ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE",
               "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE")
TABLE_MODE_NAMES = ("", "AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
                    "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock")


def _bits(*modes: int) -> int:
    out = 0
    for m in modes:
        out |= 1 << m
    return out


_TABLE_CONFLICTS = (
    0,
    _bits(8),
    _bits(7, 8),
    _bits(5, 6, 7, 8),
    _bits(4, 5, 6, 7, 8),
    _bits(3, 4, 6, 7, 8),
    _bits(3, 4, 5, 6, 7, 8),
    _bits(2, 3, 4, 5, 6, 7, 8),
    _bits(1, 2, 3, 4, 5, 6, 7, 8),
)
ADVISORY_SHARE, ADVISORY_EXCLUSIVE = 5, 7


def table_mode(name: str) -> int:
    """The number of a LOCK TABLE mode name (``"ACCESS EXCLUSIVE"`` -> 8)."""
    return TABLE_MODES.index(" ".join(name.upper().split()))


class WouldBlock(Exception):
    """A lock request had to wait on a thread that must not wait (see the module docstring)."""


_thread = threading.local()


def forbid_waiting_in_this_thread() -> None:
    """From now on lock requests in the calling thread raise WouldBlock instead of waiting."""
    _thread.no_wait = True


class LockOwner:
    """Holds locks: a transaction, or a session (session-level advisory locks).

    ``pid`` and ``xid`` name it in deadlock reports; ``interrupts()`` raises to abandon a wait;
    ``lock_timeout`` and ``deadlock_timeout`` are seconds (0: no lock timeout)."""

    __slots__ = ("pid", "xid", "interrupts", "lock_timeout", "deadlock_timeout", "log", "__weakref__")

    def __init__(self, pid: int = 0, xid: int = 0) -> None:
        self.pid = pid
        self.xid: int | Callable[[], int] = xid
        self.interrupts: Callable[[], None] | None = None
        self.lock_timeout = 0.0
        self.deadlock_timeout = 1.0
        self.log: list[tuple[tuple, int]] = []  # (tag, mode) in the order taken

    def mark(self) -> int:
        """A position to release back to with :meth:`LockManager.release_after`."""
        return len(self.log)


class _Waiter:
    __slots__ = ("owner", "mode")

    def __init__(self, owner: LockOwner, mode: int) -> None:
        self.owner = owner
        self.mode = mode


class _Entry:
    __slots__ = ("holders", "waiters", "cond", "row")

    def __init__(self, row: bool) -> None:
        self.row = row
        self.holders: dict[LockOwner, dict[int, int]] = {}  # owner -> mode -> count
        self.waiters: list[_Waiter] = []
        self.cond: threading.Condition | None = None


def _held_mask(modes: dict[int, int]) -> int:
    out = 0
    for m in modes:
        out |= 1 << m
    return out


class LockManager:
    """The lock table of one database environment (see the module docstring)."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._entries: dict[tuple, _Entry] = {}
        self._waiting: dict[LockOwner, tuple[tuple, _Waiter]] = {}
        self.database_oid = 0

    # ------------------------------------------------------------------ acquire
    def acquire(self, owner: LockOwner, tag: tuple, mode: int, *, wait: bool = True) -> bool:
        """Take ``mode`` on ``tag``; False only when ``wait`` is false and it is not free now."""
        with self._mutex:
            entry = self._entries.get(tag)
            if entry is None:
                entry = self._entries[tag] = _Entry(tag[0] == "row")
                entry.holders[owner] = {mode: 1}
                owner.log.append((tag, mode))
                return True
            mine = entry.holders.get(owner)
            if mine is not None and tag[0] != "adv":
                if mode in mine or (tag[0] == "row" and max(mine) >= mode):
                    return True
            if self._grantable(entry, owner, mode, len(entry.waiters)):
                self._grant(entry, owner, tag, mode)
                return True
            if not wait:
                if not entry.holders and not entry.waiters:
                    del self._entries[tag]
                return False
            if getattr(_thread, "no_wait", False):
                raise WouldBlock()
            return self._wait(entry, owner, tag, mode)

    def _grantable(self, entry: _Entry, owner: LockOwner, mode: int, ahead: int) -> bool:
        conflicts = _conflicts_for(entry, mode)
        for other, modes in entry.holders.items():
            if not _same_process(other, owner) and _held_mask(modes) & conflicts:
                return False
        if owner in entry.holders:
            return True  # a holder upgrading does not queue behind waiters
        for w in entry.waiters[:ahead]:
            if not _same_process(w.owner, owner) and (1 << w.mode) & conflicts:
                return False
        return True

    def _grant(self, entry: _Entry, owner: LockOwner, tag: tuple, mode: int) -> None:
        modes = entry.holders.get(owner)
        if modes is None:
            entry.holders[owner] = {mode: 1}
        else:
            modes[mode] = modes.get(mode, 0) + 1
        owner.log.append((tag, mode))

    def _wait(self, entry: _Entry, owner: LockOwner, tag: tuple, mode: int) -> bool:
        if entry.cond is None:
            entry.cond = threading.Condition(self._mutex)
        cond = entry.cond
        me = _Waiter(owner, mode)
        entry.waiters.append(me)
        self._waiting[owner] = (tag, me)
        start = time.monotonic()
        deadlock_checked = False
        try:
            while True:
                if self._grantable(entry, owner, mode, entry.waiters.index(me)):
                    self._grant(entry, owner, tag, mode)
                    return True
                now = time.monotonic()
                waited = now - start
                if owner.lock_timeout and waited >= owner.lock_timeout:
                    raise SqlError(sqlstate.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout")
                if not deadlock_checked and waited >= owner.deadlock_timeout:
                    deadlock_checked = True
                    cycle = self._find_cycle(owner)
                    if cycle is not None:
                        raise SqlError(sqlstate.DEADLOCK_DETECTED, "deadlock detected",
                                       detail=self._describe_cycle(cycle),
                                       hint="See server log for query details.")
                step = 0.05
                if owner.lock_timeout:
                    step = min(step, owner.lock_timeout - waited)
                if not deadlock_checked:
                    step = min(step, owner.deadlock_timeout - waited)
                cond.wait(max(step, 0.001))
                if owner.interrupts is not None:
                    owner.interrupts()
        finally:
            entry.waiters.remove(me)
            del self._waiting[owner]
            if not entry.holders and not entry.waiters:
                self._entries.pop(tag, None)
            else:
                cond.notify_all()

    # ------------------------------------------------------------------ deadlocks
    def _blockers(self, owner: LockOwner) -> list[LockOwner]:
        waiting = self._waiting.get(owner)
        if waiting is None:
            return []
        tag, me = waiting
        entry = self._entries.get(tag)
        if entry is None:
            return []
        conflicts = _conflicts_for(entry, me.mode)
        out = [o for o, modes in entry.holders.items()
               if not _same_process(o, owner) and _held_mask(modes) & conflicts]
        for w in entry.waiters:
            if w is me:
                break
            if not _same_process(w.owner, owner) and (1 << w.mode) & conflicts:
                out.append(w.owner)
        return out

    def _waiting_owner(self, pid: int) -> LockOwner | None:
        for o in self._waiting:
            if o.pid == pid:
                return o
        return None

    def _find_cycle(self, start: LockOwner) -> list[tuple[LockOwner, LockOwner]] | None:
        """Edges (waiter, blocker) of a wait-for cycle through ``start`` (owners of one pid are one node)."""
        path: list[tuple[LockOwner, LockOwner]] = []
        seen: set[int] = set()

        def visit(o: LockOwner) -> bool:
            for b in self._blockers(o):
                if b.pid == start.pid and b.pid:
                    path.append((o, b))
                    return True
                if b.pid in seen:
                    continue
                seen.add(b.pid)
                nxt = b if b in self._waiting else self._waiting_owner(b.pid)
                if nxt is None:
                    continue
                path.append((o, b))
                if visit(nxt):
                    return True
                path.pop()
            return False

        seen.add(start.pid)
        return path if visit(start) else None

    def _describe_cycle(self, cycle: list[tuple[LockOwner, LockOwner]]) -> str:
        lines = []
        for waiter, blocker in cycle:
            tag, me = self._waiting[waiter]
            if tag[0] == "row":
                xid = blocker.xid() if callable(blocker.xid) else blocker.xid
                what = f"ShareLock on transaction {xid}"
            elif tag[0] == "rel":
                what = f"{TABLE_MODE_NAMES[me.mode]} on relation {tag[1]} of database {self.database_oid}"
            else:
                key = tag[2]
                what = (f"{TABLE_MODE_NAMES[me.mode]} on advisory lock "
                        f"[{self.database_oid},{(key >> 32) & 0xFFFFFFFF},{key & 0xFFFFFFFF},{tag[1]}]")
            lines.append(f"Process {waiter.pid} waits for {what}; blocked by process {blocker.pid}.")
        return "\n".join(lines)

    # ------------------------------------------------------------------ release
    def _drop(self, owner: LockOwner, tag: tuple, mode: int) -> None:
        entry = self._entries.get(tag)
        if entry is None:
            return
        modes = entry.holders.get(owner)
        if modes is None or mode not in modes:
            return
        modes[mode] -= 1
        if modes[mode] <= 0:
            del modes[mode]
            if not modes:
                del entry.holders[owner]
        if not entry.holders and not entry.waiters:
            del self._entries[tag]
        elif entry.cond is not None and entry.waiters:
            entry.cond.notify_all()

    def release_all(self, owner: LockOwner) -> None:
        """Release every lock ``owner`` holds (transaction end)."""
        self.release_after(owner, 0)

    def release_after(self, owner: LockOwner, mark: int) -> None:
        """Release the locks ``owner`` took since :meth:`LockOwner.mark` returned ``mark``."""
        log = owner.log
        if len(log) <= mark:
            return
        with self._mutex:
            for tag, mode in reversed(log[mark:]):
                self._drop(owner, tag, mode)
            del log[mark:]

    def release(self, owner: LockOwner, tag: tuple, mode: int) -> bool:
        """Undo one hold of ``mode`` on ``tag`` (advisory unlock); False if none is held."""
        with self._mutex:
            entry = self._entries.get(tag)
            modes = entry.holders.get(owner) if entry is not None else None
            if not modes or mode not in modes:
                return False
            self._drop(owner, tag, mode)
            log = owner.log
            for i in range(len(log) - 1, -1, -1):
                if log[i] == (tag, mode):
                    del log[i]
                    break
            return True

    def holds(self, owner: LockOwner, tag: tuple) -> bool:
        with self._mutex:
            entry = self._entries.get(tag)
            return entry is not None and owner in entry.holders

    def held(self) -> Iterator[tuple[tuple, LockOwner, int, bool]]:
        """(tag, owner, mode, granted) of every hold and wait (pg_locks)."""
        with self._mutex:
            items = [(tag, o, m, True) for tag, e in self._entries.items() for o, ms in e.holders.items()
                     for m in ms]
            items += [(tag, w.owner, w.mode, False) for tag, w in self._waiting.values()]
        return iter(items)


def _conflicts_for(entry: _Entry, mode: int) -> int:
    return _ROW_CONFLICTS[mode] if entry.row else _TABLE_CONFLICTS[mode]


def _same_process(a: LockOwner, b: LockOwner) -> bool:
    """Locks of one backend (its transaction and its session) never block each other."""
    return a is b or (a.pid != 0 and a.pid == b.pid)


_managers: weakref.WeakKeyDictionary[Any, LockManager] = weakref.WeakKeyDictionary()
_managers_mutex = threading.Lock()


def lock_manager(env: Any) -> LockManager:
    """The lock manager of a KVEnv (created on first use)."""
    mgr = _managers.get(env)
    if mgr is None:
        with _managers_mutex:
            mgr = _managers.get(env)
            if mgr is None:
                mgr = _managers[env] = LockManager()
    return mgr


def waiting_forbidden() -> bool:
    """Whether lock requests in the calling thread raise WouldBlock instead of waiting."""
    return getattr(_thread, "no_wait", False)
