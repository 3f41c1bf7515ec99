"""Row locks, LOCK TABLE, deadlocks, lock and statement timeouts, cancel and advisory locks, with
real concurrent psycopg connections (one thread per waiting client) over TCP.

Every expectation was taken from PostgreSQL 15 with the same two-session scripts; set
ROW_LOCKS_DSN (a libpq connection string with a database the tests may create tables in) to run
them against another server."""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from psycopg import errors

from tests.e2e.scratch_db import module_database

BLOCKED = 0.4  # seconds a statement must stay blocked to count as waiting


@pytest.fixture(scope="module")
def dsn(server: Any) -> Iterator[str]:
    with module_database(server, "locks") as d:
        yield d


@pytest.fixture()
def table(dsn: str) -> Iterator[str]:
    name = f"t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute(f"CREATE TABLE {name} (id int PRIMARY KEY, v int)")
        c.execute(f"INSERT INTO {name} VALUES (1, 10), (2, 20), (3, 30)")
    yield name
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute(f"DROP TABLE IF EXISTS {name}")


@pytest.fixture()
def sessions(dsn: str) -> Iterator[Callable[[], psycopg.Connection]]:
    opened: list[psycopg.Connection] = []

    def open_one() -> psycopg.Connection:
        c = psycopg.connect(dsn, autocommit=True)
        opened.append(c)
        return c

    yield open_one
    for c in opened:
        c.close()


class Waiter:
    """Runs ``fn`` on a thread; ``outcome()`` is its return value or the exception it raised."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self._result: list[Any] = []
        self._thread = threading.Thread(target=self._run, args=(fn,), daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            self._result.append(fn())
        except Exception as e:  # noqa: BLE001 - handed to the test
            self._result.append(e)

    def blocked(self, seconds: float = BLOCKED) -> bool:
        self._thread.join(seconds)
        return self._thread.is_alive()

    def outcome(self, timeout: float = 10) -> Any:
        self._thread.join(timeout)
        assert not self._thread.is_alive(), "still waiting"
        return self._result[0]


def test_concurrent_increments_wait_and_see_the_committed_value(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    a.execute("BEGIN")
    a.execute(f"UPDATE {table} SET v = v + 1 WHERE id = 1")
    w = Waiter(lambda: b.execute(f"UPDATE {table} SET v = v + 1 WHERE id = 1 RETURNING v").fetchall())
    assert w.blocked()
    a.execute("COMMIT")
    assert w.outcome() == [(12,)]
    assert a.execute(f"SELECT v FROM {table} WHERE id = 1").fetchone() == (12,)


def test_delete_rechecks_the_where_clause_after_waiting(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    a.execute("BEGIN")
    a.execute(f"UPDATE {table} SET v = 21 WHERE id = 2")
    w = Waiter(lambda: b.execute(f"DELETE FROM {table} WHERE v = 20").rowcount)
    assert w.blocked()
    a.execute("COMMIT")
    assert w.outcome() == 0
    assert a.execute(f"SELECT v FROM {table} WHERE id = 2").fetchone() == (21,)


def test_update_of_a_row_deleted_meanwhile_changes_nothing(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    a.execute("BEGIN")
    a.execute(f"DELETE FROM {table} WHERE id = 3")
    w = Waiter(lambda: b.execute(f"UPDATE {table} SET v = 0 WHERE id = 3").rowcount)
    assert w.blocked()
    a.execute("COMMIT")
    assert w.outcome() == 0


def test_rollback_of_the_holder_lets_the_waiter_update_its_row(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    a.execute("BEGIN")
    a.execute(f"UPDATE {table} SET v = 99 WHERE id = 1")
    w = Waiter(lambda: b.execute(f"UPDATE {table} SET v = v * 2 WHERE id = 1 RETURNING v").fetchall())
    assert w.blocked()
    a.execute("ROLLBACK")
    assert w.outcome() == [(20,)]


def test_repeatable_read_writer_fails_after_waiting(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    a.execute("BEGIN")
    a.execute(f"UPDATE {table} SET v = 11 WHERE id = 1")
    b.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
    w = Waiter(lambda: b.execute(f"UPDATE {table} SET v = 0 WHERE id = 1"))
    assert w.blocked()
    a.execute("COMMIT")
    err = w.outcome()
    assert isinstance(err, errors.SerializationFailure)
    assert str(err) == "could not serialize access due to concurrent update"
    b.execute("ROLLBACK")
    a.execute("BEGIN")
    a.execute(f"DELETE FROM {table} WHERE id = 2")
    b.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
    w = Waiter(lambda: b.execute(f"UPDATE {table} SET v = 0 WHERE id = 2"))
    assert w.blocked()
    a.execute("COMMIT")
    err = w.outcome()
    assert isinstance(err, errors.SerializationFailure)
    assert str(err) == "could not serialize access due to concurrent delete"
    b.execute("ROLLBACK")


def test_select_for_update_blocks_writers_and_nowait_fails(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    a.execute("BEGIN")
    assert a.execute(f"SELECT id, v FROM {table} WHERE id = 1 FOR UPDATE").fetchall() == [(1, 10)]
    with pytest.raises(errors.LockNotAvailable) as err:
        b.execute(f"SELECT * FROM {table} WHERE id = 1 FOR UPDATE NOWAIT")
    assert str(err.value) == f'could not obtain lock on row in relation "{table}"'
    assert b.execute(f"SELECT id FROM {table} ORDER BY id FOR UPDATE SKIP LOCKED").fetchall() == [(2,), (3,)]
    assert b.execute(f"SELECT id FROM {table} ORDER BY id FOR SHARE SKIP LOCKED").fetchall() == [(2,), (3,)]
    assert b.execute(f"SELECT v FROM {table} WHERE id = 1").fetchone() == (10,)  # plain reads never wait
    w = Waiter(lambda: b.execute(f"UPDATE {table} SET v = v + 5 WHERE id = 1 RETURNING v").fetchall())
    assert w.blocked()
    a.execute(f"UPDATE {table} SET v = 100 WHERE id = 1")
    a.execute("COMMIT")
    assert w.outcome() == [(105,)]


def test_select_for_update_rereads_a_row_changed_while_waiting(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    a.execute("BEGIN")
    a.execute(f"UPDATE {table} SET v = 31 WHERE id = 3")
    b.execute("BEGIN")
    w = Waiter(lambda: b.execute(f"SELECT id, v FROM {table} WHERE id >= 2 ORDER BY id FOR UPDATE").fetchall())
    assert w.blocked()
    a.execute("COMMIT")
    assert w.outcome() == [(2, 20), (3, 31)]
    b.execute("ROLLBACK")


def test_lock_strengths_follow_the_conflict_table(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    a.execute("BEGIN")
    a.execute(f"SELECT * FROM {table} WHERE id = 1 FOR KEY SHARE")
    assert b.execute(f"UPDATE {table} SET v = 12 WHERE id = 1").rowcount == 1  # no key change: no conflict
    a.execute("COMMIT")
    a.execute("BEGIN")
    a.execute(f"SELECT * FROM {table} WHERE id = 1 FOR SHARE")
    b.execute("BEGIN")
    assert b.execute(f"SELECT v FROM {table} WHERE id = 1 FOR SHARE NOWAIT").fetchone() == (12,)
    with pytest.raises(errors.LockNotAvailable):
        b.execute(f"SELECT v FROM {table} WHERE id = 1 FOR NO KEY UPDATE NOWAIT")
    b.execute("ROLLBACK")
    a.execute("COMMIT")


def test_for_update_of_an_unknown_relation(table: str, sessions: Any) -> None:
    b = sessions()
    with pytest.raises(errors.UndefinedTable) as err:
        b.execute(f"SELECT * FROM {table} a FOR UPDATE OF zz")
    assert str(err.value).splitlines()[0] == 'relation "zz" in FOR UPDATE clause not found in FROM clause'
    assert b.execute(f"SELECT id FROM {table} a WHERE id = 1 FOR UPDATE OF a").fetchall() == [(1,)]


def test_lock_table(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    with pytest.raises(errors.NoActiveSqlTransaction) as err:
        a.execute(f"LOCK TABLE {table}")
    assert str(err.value) == "LOCK TABLE can only be used in transaction blocks"
    a.execute("BEGIN")
    a.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
    b.execute("BEGIN")
    with pytest.raises(errors.LockNotAvailable) as err:
        b.execute(f"LOCK TABLE {table} IN ACCESS SHARE MODE NOWAIT")
    assert str(err.value) == f'could not obtain lock on relation "{table}"'
    b.execute("ROLLBACK")
    reader = Waiter(lambda: b.execute(f"SELECT count(*) FROM {table}").fetchone())
    assert reader.blocked()
    a.execute("COMMIT")
    assert reader.outcome() == (3,)
    a.execute("BEGIN")
    a.execute(f"LOCK TABLE {table} IN SHARE MODE")
    assert b.execute(f"SELECT count(*) FROM {table}").fetchone() == (3,)
    writer = Waiter(lambda: b.execute(f"UPDATE {table} SET v = 0 WHERE id = 1").rowcount)
    assert writer.blocked()
    a.execute("COMMIT")
    assert writer.outcome() == 1


def test_drop_table_waits_for_a_reader(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    a.execute("BEGIN")
    a.execute(f"SELECT count(*) FROM {table}")
    w = Waiter(lambda: b.execute(f"DROP TABLE {table}"))
    assert w.blocked()
    a.execute("COMMIT")
    w.outcome()
    with pytest.raises(errors.UndefinedTable):
        a.execute(f"SELECT 1 FROM {table}")


def test_deadlock_has_one_victim(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    a.execute("BEGIN")
    b.execute("BEGIN")
    a.execute(f"UPDATE {table} SET v = v + 1 WHERE id = 1")
    b.execute(f"UPDATE {table} SET v = v + 1 WHERE id = 2")
    first = Waiter(lambda: a.execute(f"UPDATE {table} SET v = v + 1 WHERE id = 2").rowcount)
    assert first.blocked(0.2)
    started = time.monotonic()
    second = Waiter(lambda: b.execute(f"UPDATE {table} SET v = v + 1 WHERE id = 1").rowcount)
    # deadlock_timeout (1s): the waiter that checks first is the victim; here the first one
    err = first.outcome()
    assert isinstance(err, errors.DeadlockDetected), err
    assert time.monotonic() - started < 5
    assert str(err).splitlines()[0] == "deadlock detected"
    assert re.fullmatch(r"Process \d+ waits for ShareLock on transaction \d+; blocked by process \d+\.\n"
                        r"Process \d+ waits for ShareLock on transaction \d+; blocked by process \d+\.",
                        err.diag.message_detail or "")
    assert err.diag.message_hint == "See server log for query details."
    assert second.outcome() == 1  # the victim's locks went with its error, before its ROLLBACK
    a.execute("ROLLBACK")
    b.execute("COMMIT")
    assert a.execute(f"SELECT id, v FROM {table} ORDER BY id").fetchall() == [(1, 11), (2, 21), (3, 30)]


def test_lock_timeout_statement_timeout_and_cancel_end_a_wait(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    a.execute("BEGIN")
    a.execute(f"UPDATE {table} SET v = 1 WHERE id = 1")
    b.execute("SET lock_timeout = '200ms'")
    started = time.monotonic()
    with pytest.raises(errors.LockNotAvailable) as err:
        b.execute(f"UPDATE {table} SET v = 2 WHERE id = 1")
    assert str(err.value).splitlines()[0] == "canceling statement due to lock timeout"
    assert 0.15 < time.monotonic() - started < 3
    b.execute("RESET lock_timeout")
    b.execute("SET statement_timeout = '200ms'")
    with pytest.raises(errors.QueryCanceled) as err:
        b.execute(f"SELECT * FROM {table} WHERE id = 1 FOR UPDATE")
    assert str(err.value).splitlines()[0] == "canceling statement due to statement timeout"
    b.execute("RESET statement_timeout")
    w = Waiter(lambda: b.execute(f"DELETE FROM {table} WHERE id = 1"))
    assert w.blocked()
    b.cancel()
    err2 = w.outcome()
    assert isinstance(err2, errors.QueryCanceled)
    assert str(err2).splitlines()[0] == "canceling statement due to user request"
    a.execute("COMMIT")
    assert b.execute(f"SELECT v FROM {table} WHERE id = 1").fetchone() == (1,)


def test_savepoint_rollback_releases_later_row_locks(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    a.execute("BEGIN")
    a.execute(f"SELECT * FROM {table} WHERE id = 1 FOR UPDATE")
    a.execute("SAVEPOINT s")
    a.execute(f"SELECT * FROM {table} WHERE id = 2 FOR UPDATE")
    a.execute("ROLLBACK TO SAVEPOINT s")
    assert b.execute(f"SELECT id FROM {table} WHERE id = 2 FOR UPDATE NOWAIT").fetchall() == [(2,)]
    with pytest.raises(errors.LockNotAvailable):
        b.execute(f"SELECT id FROM {table} WHERE id = 1 FOR UPDATE NOWAIT")
    a.execute("COMMIT")


def test_others_keep_running_while_one_waits(table: str, sessions: Any) -> None:
    a, b, c = sessions(), sessions(), sessions()
    a.execute("BEGIN")
    a.execute(f"UPDATE {table} SET v = v + 1 WHERE id = 1")
    for _ in range(3):  # a statement that was quick runs on the server's event loop: a wait must not stall it
        b.execute(f"UPDATE {table} SET v = v + 1 WHERE id IN (3, 3)")
    w = Waiter(lambda: b.execute(f"UPDATE {table} SET v = v + 1 WHERE id IN (3, 1)").rowcount)
    assert w.blocked()
    started = time.monotonic()
    for _ in range(20):
        assert c.execute(f"SELECT v FROM {table} WHERE id = 2").fetchone() == (20,)
    assert time.monotonic() - started < 2
    a.execute("COMMIT")
    assert w.outcome() == 2
    assert c.execute(f"SELECT id, v FROM {table} ORDER BY id").fetchall() == [(1, 12), (2, 20), (3, 34)]


def test_advisory_locks_block_across_sessions(sessions: Any) -> None:
    a, b = sessions(), sessions()
    key = int(uuid.uuid4().int % 1_000_000)
    a.execute("SELECT pg_advisory_lock(%s)", (key,))
    assert b.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone() == (False,)
    w = Waiter(lambda: b.execute("SELECT pg_advisory_lock(%s)", (key,)).fetchone())
    assert w.blocked()
    assert a.execute("SELECT 1").fetchone() == (1,)
    assert a.execute("SELECT pg_advisory_unlock(%s)", (key,)).fetchone() == (True,)
    assert w.outcome() == ("",)
    assert a.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone() == (False,)
    b.execute("SELECT pg_advisory_unlock_all()")
    assert a.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone() == (True,)
    a.execute("SELECT pg_advisory_unlock(%s)", (key,))
    a.execute("BEGIN")
    a.execute("SELECT pg_advisory_xact_lock(1, %s)", (key,))
    b.execute("SET lock_timeout = '100ms'")
    with pytest.raises(errors.LockNotAvailable):
        b.execute("SELECT pg_advisory_xact_lock(1, %s)", (key,))
    assert b.execute("SELECT pg_try_advisory_lock_shared(1, %s)", (key,)).fetchone() == (False,)
    a.execute("COMMIT")
    assert b.execute("SELECT pg_try_advisory_xact_lock(1, %s)", (key,)).fetchone() == (True,)


def test_insert_of_a_key_another_transaction_inserted_waits(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    a.execute("BEGIN")
    a.execute(f"INSERT INTO {table} VALUES (10, 1)")
    w = Waiter(lambda: b.execute(f"INSERT INTO {table} VALUES (10, 2)"))
    assert w.blocked()
    a.execute("COMMIT")
    err = w.outcome()
    assert isinstance(err, errors.UniqueViolation)
    assert str(err).splitlines()[0] == f'duplicate key value violates unique constraint "{table}_pkey"'
    a.execute("BEGIN")
    a.execute(f"INSERT INTO {table} VALUES (11, 1)")
    w = Waiter(lambda: b.execute(f"INSERT INTO {table} VALUES (11, 2)").rowcount)
    assert w.blocked()
    a.execute("ROLLBACK")
    assert w.outcome() == 1
    assert a.execute(f"SELECT v FROM {table} WHERE id = 11").fetchone() == (2,)


def test_pg_locks_shows_table_locks(table: str, sessions: Any) -> None:
    a, b = sessions(), sessions()
    a.execute("BEGIN")
    a.execute(f"LOCK TABLE {table} IN SHARE MODE")
    a.execute(f"SELECT * FROM {table}")
    rows = b.execute("SELECT l.locktype, l.mode, l.granted, l.pid = %s FROM pg_locks l JOIN pg_class c "
                     "ON c.oid = l.relation WHERE c.relname = %s ORDER BY l.mode",
                     (a.info.backend_pid, table)).fetchall()
    assert rows == [("relation", "AccessShareLock", True, True), ("relation", "ShareLock", True, True)]
    a.execute("ROLLBACK")
