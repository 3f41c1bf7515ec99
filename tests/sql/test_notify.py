"""LISTEN / UNLISTEN / NOTIFY / pg_notify driven through Session: transactional delivery, folding
of duplicates, savepoints, PL/pgSQL exception blocks, per-database channels, errors and
pg_listening_channels, as PostgreSQL 15 behaves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sql.errors import SqlError
from sql.instance import Instance
from tests.sql.sessions import finish, open_instance

_pid = [7000]


@pytest.fixture()
def inst(tmp_path: Any) -> Iterator[Instance]:
    with open_instance(tmp_path) as i:
        yield i


def connect(inst: Instance, db: str = "postgres") -> Any:
    _pid[0] += 1
    return inst.connect("postgres", db, {}, _pid[0], "127.0.0.1")


def run(session: Any, sql: str) -> list[Any]:
    """Run a simple query; returns [(tag, rows, notices)] and commits as the frontend would."""
    out: list[Any] = []
    try:
        for res in session.execute_simple(sql):
            rows = list(res.rows) if res.rows is not None else None
            wait = res.wait
            if wait is not None:
                wait.result()
            out.append((res.tag(len(rows or [])), rows, [n.message for n in res.notices]))
    except SqlError:
        session.on_error()
        raise
    finally:
        finish(session)
    return out


def got(session: Any) -> list[tuple[int, str, str]]:
    return [tuple(n) for n in session.take_notifications()]


@pytest.fixture()
def pair(inst: Instance) -> tuple[Any, Any]:
    listener, sender = connect(inst), connect(inst)
    run(listener, "LISTEN a")
    return listener, sender


def test_notify_reaches_listener_with_sender_pid(pair: tuple[Any, Any]) -> None:
    listener, sender = pair
    assert run(sender, "NOTIFY a, 'x'") == [("NOTIFY", None, [])]
    run(sender, "NOTIFY a")
    assert got(listener) == [(sender.backend_pid, "a", "x"), (sender.backend_pid, "a", "")]
    assert got(listener) == []
    run(sender, "NOTIFY b, 'other channel'")
    assert got(listener) == []


def test_nothing_before_commit_and_nothing_on_rollback(pair: tuple[Any, Any]) -> None:
    listener, sender = pair
    run(sender, "BEGIN")
    run(sender, "NOTIFY a, '1'")
    assert got(listener) == []
    run(sender, "COMMIT")
    assert got(listener) == [(sender.backend_pid, "a", "1")]
    run(sender, "BEGIN; NOTIFY a, 'r'; ROLLBACK")
    assert got(listener) == []
    with pytest.raises(SqlError):
        run(sender, "NOTIFY a, 'failed statement'; SELECT 1/0")
    assert got(listener) == []


def test_duplicates_within_a_transaction_are_folded(pair: tuple[Any, Any]) -> None:
    listener, sender = pair
    run(sender, "BEGIN; NOTIFY a, '1'; NOTIFY a, '1'; NOTIFY a, '2'; SELECT pg_notify('a', '1'); NOTIFY a, '2'; COMMIT")
    assert [n[2] for n in got(listener)] == ["1", "2"]
    run(sender, "NOTIFY a, '1'")
    run(sender, "NOTIFY a, '1'")  # separate transactions: both delivered
    assert [n[2] for n in got(listener)] == ["1", "1"]


def test_savepoints(pair: tuple[Any, Any]) -> None:
    listener, sender = pair
    run(sender, "BEGIN; SAVEPOINT s; NOTIFY a, 'sp'; ROLLBACK TO s; NOTIFY a, 'after'; COMMIT")
    assert [n[2] for n in got(listener)] == ["after"]
    run(sender, "BEGIN; SAVEPOINT s; NOTIFY a, 'sp'; RELEASE s; NOTIFY a, 'sp'; COMMIT")
    assert [n[2] for n in got(listener)] == ["sp"]
    run(listener, "BEGIN; SAVEPOINT s; LISTEN e; ROLLBACK TO s; COMMIT")
    assert run(listener, "SELECT pg_listening_channels()")[0][1] == [("a",)]


def test_plpgsql_exception_block_drops_its_notifications(pair: tuple[Any, Any]) -> None:
    listener, sender = pair
    run(sender, "DO $$ BEGIN BEGIN NOTIFY a, 'caught'; PERFORM 1/0; "
                "EXCEPTION WHEN division_by_zero THEN NOTIFY a, 'handler'; END; NOTIFY a, 'after'; END $$")
    assert [n[2] for n in got(listener)] == ["handler", "after"]


def test_listen_takes_effect_at_commit(inst: Instance) -> None:
    s = connect(inst)
    run(s, "BEGIN; LISTEN d")
    assert run(s, "SELECT pg_listening_channels()")[0][1] == []
    run(s, "ROLLBACK")
    assert run(s, "SELECT pg_listening_channels()")[0][1] == []
    run(s, "BEGIN; LISTEN q; NOTIFY q, 'self'; COMMIT")  # registered before its own notifications
    assert got(s) == [(s.backend_pid, "q", "self")]
    run(s, "BEGIN; UNLISTEN q; NOTIFY q, 'gone'; COMMIT")
    assert got(s) == []


def test_listening_channels_unlisten_and_discard_all(inst: Instance) -> None:
    s = connect(inst)
    for sql in ("LISTEN a", 'LISTEN "B b"', "LISTEN c", "LISTEN a", "LISTEN ABC"):
        run(s, sql)
    assert run(s, "SELECT pg_listening_channels()")[0][1] == [("a",), ("B b",), ("c",), ("abc",)]
    assert run(s, "UNLISTEN a") == [("UNLISTEN", None, [])]
    run(s, "UNLISTEN nothere")
    assert run(s, "SELECT pg_listening_channels()")[0][1] == [("B b",), ("c",), ("abc",)]
    assert run(s, "UNLISTEN *") == [("UNLISTEN", None, [])]
    assert run(s, "SELECT pg_listening_channels()")[0][1] == []
    run(s, "LISTEN a")
    run(s, "DISCARD ALL")
    assert run(s, "SELECT pg_listening_channels()")[0][1] == []
    assert run(s, "SELECT pg_notification_queue_usage()")[0][1] == [(0.0,)]


def test_channels_are_per_database(inst: Instance) -> None:
    run(connect(inst), "CREATE DATABASE other")
    here, there, sender = connect(inst), connect(inst, "other"), connect(inst)
    run(here, "LISTEN a")
    run(there, "LISTEN a")
    run(sender, "NOTIFY a, 'hi'")
    assert got(here) == [(sender.backend_pid, "a", "hi")]
    assert got(there) == []


def test_errors(inst: Instance) -> None:
    s = connect(inst)
    cases = [
        ("SELECT pg_notify(NULL, 'x')", "22023", "channel name cannot be empty"),
        ("SELECT pg_notify('', 'x')", "22023", "channel name cannot be empty"),
        ("SELECT pg_notify(repeat('x', 64), 'p')", "22023", "channel name too long"),
        ("SELECT pg_notify('a', repeat('x', 8000))", "22023", "payload string too long"),
        ("NOTIFY a, 1", "42601", 'syntax error at or near "1"'),
        ("NOTIFY a 'x'", "42601", "syntax error at or near \"'x'\""),
        ("LISTEN a, b", "42601", 'syntax error at or near ","'),
        ('LISTEN ""', "42601", 'zero-length delimited identifier at or near """"'),
        ("NOTIFY pg_catalog.a", "42601", 'syntax error at or near "."'),
    ]
    for sql, code, message in cases:
        with pytest.raises(SqlError) as e:
            run(s, sql)
        assert (e.value.code, e.value.message) == (code, message), sql
    run(s, "SELECT pg_notify(repeat('x', 63), 'p')")
    run(s, "SELECT pg_notify('a', repeat('x', 7999))")


def test_long_channel_name_is_truncated_with_a_notice(inst: Instance) -> None:
    s = connect(inst)
    long = "x" * 70
    run(s, f"LISTEN {long}")
    out = run(s, f"NOTIFY {long}, 'p'")
    assert out[0][2] == [f'identifier "{long}" will be truncated to "{"x" * 63}"']
    assert got(s) == [(s.backend_pid, "x" * 63, "p")]


def test_disconnect_unregisters(inst: Instance) -> None:
    s, sender = connect(inst), connect(inst)
    run(s, "LISTEN a")
    s.terminate()
    run(sender, "NOTIFY a")
    assert inst.notifications.channels(s.backend_pid) == []
