"""A statement that must wait for a lock on a thread where waiting is forbidden (the server's event
loop) is undone and handed back as RUN_ON_THREAD; resumed on another thread it waits and runs once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sql.instance import Instance
from sql.lock_waits import RUN_ON_THREAD
from storage.locks import forbid_waiting_in_this_thread
from tests.sql.sessions import finish, open_instance
from tests.sql.sessions import run_values as run


@pytest.fixture()
def instance(tmp_path: Path) -> Iterator[Instance]:
    with open_instance(tmp_path) as inst:
        yield inst


def _on_loop_thread(fn: Any) -> Any:
    out: list[Any] = []

    def body() -> None:
        forbid_waiting_in_this_thread()
        out.append(fn())

    th = threading.Thread(target=body)
    th.start()
    th.join(10)
    return out[0]


def test_a_blocked_statement_is_undone_and_run_again_on_a_thread(instance: Instance) -> None:
    a = instance.connect("postgres", "postgres", {}, 501, "127.0.0.1")
    b = instance.connect("postgres", "postgres", {}, 502, "127.0.0.1")
    run(a, "CREATE TABLE t (id int PRIMARY KEY, v int)")
    run(a, "INSERT INTO t VALUES (1, 10), (3, 30)")
    run(a, "BEGIN")
    run(a, "UPDATE t SET v = v + 1 WHERE id = 1")
    run(b, "BEGIN")
    results = b.execute_simple("UPDATE t SET v = v + 1 WHERE id IN (3, 1) RETURNING id, v")
    # on the "event loop": row 3 is written, row 1 is locked by a -> undone, handed back
    assert _on_loop_thread(lambda: next(results)) is RUN_ON_THREAD
    out: list[Any] = []
    waiter = threading.Thread(target=lambda: out.append(next(results)))
    waiter.start()
    waiter.join(0.3)
    assert waiter.is_alive()
    run(a, "COMMIT")
    waiter.join(10)
    res = out[0]
    assert res.rowcount == 2 and sorted(res.rows) == [(1, 12), (3, 31)]
    assert next(results, None) is None
    run(b, "COMMIT")
    finish(b)
    assert run(a, "SELECT id, v FROM t ORDER BY id") == [(1, 12), (3, 31)]  # row 3 changed once
