"""LISTEN / NOTIFY end to end with real clients: psycopg (``notifies()`` while idle,
``add_notify_handler``), asyncpg (``add_listener``) and psql (which prints notifications after its
next command). Expectations were checked against PostgreSQL 15."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import asyncpg
import psycopg
import pytest


@pytest.fixture()
def pair(server: Any, db: str) -> Iterator[tuple[psycopg.Connection, psycopg.Connection]]:
    """(listener, sender): autocommit connections to the test's own database."""
    with server.connect(dbname=db) as listener, server.connect(dbname=db) as sender:
        yield listener, sender


def collect(conn: psycopg.Connection) -> list[tuple[int, str, str]]:
    got: list[tuple[int, str, str]] = []
    conn.add_notify_handler(lambda n: got.append((n.pid, n.channel, n.payload)))
    return got


def test_idle_listener_is_sent_notifications_without_asking(pair: Any) -> None:
    listener, sender = pair
    listener.execute("LISTEN ch")
    sender.execute("NOTIFY ch, 'hello'")
    sender.execute("SELECT pg_notify(%s, %s)", ("ch", "as parameter"))  # extended protocol
    got = [(n.pid, n.channel, n.payload) for n in listener.notifies(timeout=5, stop_after=2)]
    pid = sender.info.backend_pid
    assert got == [(pid, "ch", "hello"), (pid, "ch", "as parameter")]


def test_sent_at_commit_only_and_folded(pair: Any) -> None:
    listener, sender = pair
    listener.execute("LISTEN ch")
    sender.execute("BEGIN")
    for payload in ("1", "1", "2", "1"):
        sender.execute(f"NOTIFY ch, '{payload}'")
    assert list(listener.notifies(timeout=0.5)) == []
    sender.execute("COMMIT")
    assert [n.payload for n in listener.notifies(timeout=5, stop_after=2)] == ["1", "2"]
    sender.execute("BEGIN")
    sender.execute("NOTIFY ch, 'rolled back'")
    sender.execute("ROLLBACK")
    sender.execute("NOTIFY ch, 'marker'")
    assert [n.payload for n in listener.notifies(timeout=5, stop_after=1)] == ["marker"]


def test_own_notifications_come_before_ready_for_query(conn: psycopg.Connection) -> None:
    got = collect(conn)
    conn.execute("LISTEN me")
    conn.execute("NOTIFY me, 'self'")
    assert got == [(conn.info.backend_pid, "me", "self")]  # already read with the NOTIFY's results


def test_listener_in_a_transaction_block_gets_them_when_it_ends(pair: Any) -> None:
    listener, sender = pair
    got = collect(listener)
    listener.execute("LISTEN ch")
    listener.execute("BEGIN")
    sender.execute("NOTIFY ch, 'in block'")
    time.sleep(0.2)
    listener.execute("SELECT 1")
    assert got == []
    listener.execute("COMMIT")
    assert got == [(sender.info.backend_pid, "ch", "in block")]
    got.clear()
    listener.execute("BEGIN")
    with pytest.raises(psycopg.errors.DivisionByZero):
        listener.execute("SELECT 1/0")
    sender.execute("NOTIFY ch, 'failed block'")
    time.sleep(0.2)
    with pytest.raises(psycopg.errors.InFailedSqlTransaction):
        listener.execute("SELECT 1")
    assert got == []
    listener.execute("ROLLBACK")
    assert [g[2] for g in got] == ["failed block"]


def test_trigger_notifications(pair: Any) -> None:
    listener, sender = pair
    sender.execute("CREATE TABLE nt (id int)")
    sender.execute("CREATE FUNCTION nt_trg() RETURNS trigger AS $$ BEGIN "
                   "PERFORM pg_notify('nt', 'row ' || NEW.id); RETURN NEW; END $$ LANGUAGE plpgsql")
    sender.execute("CREATE TRIGGER nt_t AFTER INSERT ON nt FOR EACH ROW EXECUTE FUNCTION nt_trg()")
    listener.execute("LISTEN nt")
    sender.execute("INSERT INTO nt VALUES (1), (2), (1)")
    assert [n.payload for n in listener.notifies(timeout=5, stop_after=2)] == ["row 1", "row 2"]


def test_channels_are_per_database(server: Any, db: str) -> None:
    with server.connect(dbname=db) as here, server.connect() as elsewhere, server.connect(dbname=db) as sender:
        here.execute("LISTEN ch")
        elsewhere.execute("LISTEN ch")
        sender.execute("NOTIFY ch, 'only here'")
        assert [n.payload for n in here.notifies(timeout=5, stop_after=1)] == ["only here"]
        assert list(elsewhere.notifies(timeout=0.5)) == []


def test_listening_channels_unlisten_discard(conn: psycopg.Connection) -> None:
    conn.execute("LISTEN a")
    conn.execute('LISTEN "B b"')
    conn.execute("LISTEN a")
    assert conn.execute("SELECT pg_listening_channels()").fetchall() == [("a",), ("B b",)]
    conn.execute("UNLISTEN a")
    assert conn.execute("SELECT pg_listening_channels()").fetchall() == [("B b",)]
    conn.execute("UNLISTEN *")
    assert conn.execute("SELECT pg_listening_channels()").fetchall() == []
    conn.execute("LISTEN a")
    conn.execute("DISCARD ALL")
    assert conn.execute("SELECT pg_listening_channels()").fetchall() == []
    got = collect(conn)
    conn.execute("NOTIFY a")
    assert got == []


def test_errors(conn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.InvalidParameterValue) as e:
        conn.execute("SELECT pg_notify('ch', repeat('x', 8000))")
    assert e.value.diag.message_primary == "payload string too long"
    with pytest.raises(psycopg.errors.InvalidParameterValue) as e:
        conn.execute("SELECT pg_notify('', 'x')")
    assert e.value.diag.message_primary == "channel name cannot be empty"
    with pytest.raises(psycopg.errors.SyntaxError):
        conn.execute("NOTIFY ch, 1")
    conn.execute("SELECT pg_notify('ch', repeat('x', 7999))")


def test_asyncpg_add_listener(server: Any, db: str) -> None:
    async def run() -> tuple[list[Any], int, list[Any]]:
        kw = dict(host=server.host, port=server.port, user=server.user, password=server.password, database=db)
        listener = await asyncpg.connect(**kw)
        sender = await asyncpg.connect(**kw)
        try:
            queue: asyncio.Queue[tuple[int, str, str]] = asyncio.Queue()
            await listener.add_listener("ch", lambda _c, pid, channel, payload: queue.put_nowait((pid, channel,
                                                                                                  payload)))
            await sender.execute("NOTIFY ch, 'hello'")
            first = [await asyncio.wait_for(queue.get(), 5)]
            async with sender.transaction():
                await sender.execute("SELECT pg_notify($1, $2)", "ch", "a")
                await sender.execute("NOTIFY ch, 'a'")
                await sender.execute("NOTIFY ch, 'b'")
                await asyncio.sleep(0.3)
                before_commit = queue.qsize()
            first += [await asyncio.wait_for(queue.get(), 5), await asyncio.wait_for(queue.get(), 5)]
            channels = [r[0] for r in await listener.fetch("SELECT pg_listening_channels()")]
            return first, before_commit, [sender.get_server_pid(), channels]
        finally:
            await listener.close()
            await sender.close()

    got, before_commit, (pid, channels) = asyncio.run(run())
    assert got == [(pid, "ch", "hello"), (pid, "ch", "a"), (pid, "ch", "b")]
    assert before_commit == 0
    assert channels == ["ch"]


def test_psql_prints_notifications(server: Any, db: str, tmp_path: Any) -> None:
    psql = shutil.which("psql")
    assert psql is not None, "psql is required (Debian package postgresql-client)"
    notifier = tmp_path / "notifier.py"  # another session, run by psql between two commands
    notifier.write_text(f"import psycopg\nc = psycopg.connect({server.dsn(dbname=db)!r}, autocommit=True)\n"
                        "c.execute(\"NOTIFY x, 'from other'\")\nc.execute('NOTIFY x')\n")
    script = "\n".join([
        "LISTEN x;",
        f"\\! {sys.executable} {notifier}",
        "SELECT 1 AS one;",
        "NOTIFY x, 'self';",
        "UNLISTEN x;",
        "NOTIFY x, 'none';",
        "",
    ])
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({"PGHOST": server.host, "PGPORT": str(server.port), "PGUSER": server.user,
                "PGPASSWORD": server.password, "PGDATABASE": db, "PSQLRC": os.devnull, "LC_ALL": "C.UTF-8"})
    r = subprocess.run([psql, "-X", "--no-password"], input=script, env=env, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    out = re.sub(r"PID \d+", "PID n", r.stdout)
    assert out == (
        "LISTEN\n"
        " one \n-----\n   1\n(1 row)\n\n"
        'Asynchronous notification "x" with payload "from other" received from server process with PID n.\n'
        'Asynchronous notification "x" received from server process with PID n.\n'
        "NOTIFY\n"
        'Asynchronous notification "x" with payload "self" received from server process with PID n.\n'
        "UNLISTEN\n"
        "NOTIFY\n"
    )
