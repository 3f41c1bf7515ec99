"""The lock manager: PostgreSQL's conflict tables, waiting, deadlock detection, timeouts."""

from __future__ import annotations

import threading
import time

import pytest

from sql.errors import SqlError
from storage.locks import (
    ADVISORY_EXCLUSIVE,
    FOR_KEY_SHARE,
    FOR_NO_KEY_UPDATE,
    FOR_SHARE,
    FOR_UPDATE,
    LockManager,
    LockOwner,
    WouldBlock,
    forbid_waiting_in_this_thread,
    table_mode,
)

ROW = ("row", 1, b"k")
REL = ("rel", 1)

# PostgreSQL 15 documentation, "Conflicting Row-Level Locks" and "Conflicting Lock Modes"
ROW_CONFLICTS = {
    FOR_KEY_SHARE: {FOR_UPDATE},
    FOR_SHARE: {FOR_NO_KEY_UPDATE, FOR_UPDATE},
    FOR_NO_KEY_UPDATE: {FOR_SHARE, FOR_NO_KEY_UPDATE, FOR_UPDATE},
    FOR_UPDATE: {FOR_KEY_SHARE, FOR_SHARE, FOR_NO_KEY_UPDATE, FOR_UPDATE},
}
T = ["ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE",
     "EXCLUSIVE", "ACCESS EXCLUSIVE"]
TABLE_CONFLICTS = {
    "ACCESS SHARE": {"ACCESS EXCLUSIVE"},
    "ROW SHARE": {"EXCLUSIVE", "ACCESS EXCLUSIVE"},
    "ROW EXCLUSIVE": {"SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"},
    "SHARE UPDATE EXCLUSIVE": {"SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE",
                               "ACCESS EXCLUSIVE"},
    "SHARE": {"ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"},
    "SHARE ROW EXCLUSIVE": {"ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE",
                            "ACCESS EXCLUSIVE"},
    "EXCLUSIVE": {"ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE",
                  "EXCLUSIVE", "ACCESS EXCLUSIVE"},
    "ACCESS EXCLUSIVE": set(T),
}


def test_row_conflict_table() -> None:
    for held, conflicting in ROW_CONFLICTS.items():
        for wanted in range(4):
            mgr = LockManager()
            a, b = LockOwner(1), LockOwner(2)
            assert mgr.acquire(a, ROW, held)
            assert mgr.acquire(b, ROW, wanted, wait=False) is (wanted not in conflicting), (held, wanted)


def test_table_conflict_table() -> None:
    for held, conflicting in TABLE_CONFLICTS.items():
        for wanted in T:
            mgr = LockManager()
            a, b = LockOwner(1), LockOwner(2)
            assert mgr.acquire(a, REL, table_mode(held))
            got = mgr.acquire(b, REL, table_mode(wanted), wait=False)
            assert got is (wanted not in conflicting), (held, wanted)


def test_same_owner_never_conflicts_and_release_all_frees() -> None:
    mgr = LockManager()
    a, b = LockOwner(1), LockOwner(2)
    assert mgr.acquire(a, ROW, FOR_SHARE)
    assert mgr.acquire(a, ROW, FOR_UPDATE)
    assert not mgr.acquire(b, ROW, FOR_KEY_SHARE, wait=False)
    mgr.release_all(a)
    assert mgr.acquire(b, ROW, FOR_UPDATE, wait=False)


def test_release_after_mark_keeps_earlier_locks() -> None:
    mgr = LockManager()
    a, b = LockOwner(1), LockOwner(2)
    mgr.acquire(a, ("row", 1, b"x"), FOR_UPDATE)
    mark = a.mark()
    mgr.acquire(a, ("row", 1, b"y"), FOR_UPDATE)
    mgr.release_after(a, mark)
    assert mgr.acquire(b, ("row", 1, b"y"), FOR_UPDATE, wait=False)
    assert not mgr.acquire(b, ("row", 1, b"x"), FOR_UPDATE, wait=False)


def test_advisory_holds_are_counted() -> None:
    mgr = LockManager()
    a, b = LockOwner(1), LockOwner(2)
    tag = ("adv", 1, 42)
    mgr.acquire(a, tag, ADVISORY_EXCLUSIVE)
    mgr.acquire(a, tag, ADVISORY_EXCLUSIVE)
    assert mgr.release(a, tag, ADVISORY_EXCLUSIVE)
    assert not mgr.acquire(b, tag, ADVISORY_EXCLUSIVE, wait=False)
    assert mgr.release(a, tag, ADVISORY_EXCLUSIVE)
    assert not mgr.release(a, tag, ADVISORY_EXCLUSIVE)
    assert mgr.acquire(b, tag, ADVISORY_EXCLUSIVE, wait=False)


def test_waiter_is_granted_when_holder_releases() -> None:
    mgr = LockManager()
    a, b = LockOwner(1), LockOwner(2)
    mgr.acquire(a, ROW, FOR_UPDATE)
    got: list[float] = []

    def waiter() -> None:
        mgr.acquire(b, ROW, FOR_UPDATE)
        got.append(time.monotonic())

    th = threading.Thread(target=waiter)
    th.start()
    time.sleep(0.2)
    assert not got
    released = time.monotonic()
    mgr.release_all(a)
    th.join(5)
    assert got and got[0] >= released


def test_lock_timeout() -> None:
    mgr = LockManager()
    a, b = LockOwner(1), LockOwner(2)
    b.lock_timeout = 0.1
    mgr.acquire(a, REL, table_mode("ACCESS EXCLUSIVE"))
    started = time.monotonic()
    with pytest.raises(SqlError) as err:
        mgr.acquire(b, REL, table_mode("ACCESS SHARE"))
    assert err.value.code == "55P03"
    assert err.value.message == "canceling statement due to lock timeout"
    assert 0.09 < time.monotonic() - started < 1.0
    mgr.release_all(a)
    assert mgr.acquire(b, REL, table_mode("ACCESS SHARE"), wait=False)


def test_interrupts_end_a_wait() -> None:
    mgr = LockManager()
    a, b = LockOwner(1), LockOwner(2)
    mgr.acquire(a, ROW, FOR_UPDATE)
    deadline = time.monotonic() + 0.1

    def interrupts() -> None:
        if time.monotonic() > deadline:
            raise SqlError("57014", "canceling statement due to user request")

    b.interrupts = interrupts
    with pytest.raises(SqlError) as err:
        mgr.acquire(b, ROW, FOR_UPDATE)
    assert err.value.code == "57014"


def test_deadlock_detected_for_one_victim() -> None:
    mgr = LockManager()
    mgr.database_oid = 5
    a, b = LockOwner(101, 901), LockOwner(102, 902)
    a.deadlock_timeout = b.deadlock_timeout = 0.1
    r1, r2 = ("row", 1, b"1"), ("row", 1, b"2")
    mgr.acquire(a, r1, FOR_NO_KEY_UPDATE)
    mgr.acquire(b, r2, FOR_NO_KEY_UPDATE)
    outcome: dict[str, object] = {}

    def first() -> None:
        try:
            outcome["a"] = mgr.acquire(a, r2, FOR_NO_KEY_UPDATE)
        except SqlError as e:
            outcome["a"] = e
            mgr.release_all(a)

    th = threading.Thread(target=first)
    th.start()
    time.sleep(0.02)
    try:
        outcome["b"] = mgr.acquire(b, r1, FOR_NO_KEY_UPDATE)
    except SqlError as e:
        outcome["b"] = e
        mgr.release_all(b)
    th.join(5)
    errors = [v for v in outcome.values() if isinstance(v, SqlError)]
    assert len(errors) == 1 and errors[0].code == "40P01"
    assert errors[0].message == "deadlock detected"
    victim = "a" if isinstance(outcome["a"], SqlError) else "b"
    if victim == "a":
        assert errors[0].detail == ("Process 101 waits for ShareLock on transaction 902; blocked by process 102.\n"
                                    "Process 102 waits for ShareLock on transaction 901; blocked by process 101.")
    assert [v for v in outcome.values() if v is True]


def test_waiting_forbidden_thread_gets_would_block() -> None:
    mgr = LockManager()
    a, b = LockOwner(1), LockOwner(2)
    mgr.acquire(a, ROW, FOR_UPDATE)
    seen: list[object] = []

    def loop_thread() -> None:
        forbid_waiting_in_this_thread()
        assert mgr.acquire(b, ("row", 1, b"free"), FOR_UPDATE)  # uncontended: fine
        try:
            mgr.acquire(b, ROW, FOR_UPDATE)
        except WouldBlock as e:
            seen.append(e)

    th = threading.Thread(target=loop_thread)
    th.start()
    th.join(5)
    assert len(seen) == 1
