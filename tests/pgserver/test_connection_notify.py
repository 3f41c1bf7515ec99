"""NotificationResponse delivery by pgserver.connection, with a fake session: notifications go
out before ReadyForQuery when the session is idle, are pushed at once while the client waits,
and are held while a transaction block is open or a message is being handled."""

from __future__ import annotations

import asyncio
import struct
from collections.abc import Callable

from tests.pgserver.test_connection_flow import (
    FakeInstance,
    FakeSession,
    Harness,
    async_test,
    bind,
    execute,
    fe,
    parse,
    query,
)


class NotifyingSession(FakeSession):
    def __init__(self, user: str, database: str) -> None:
        super().__init__(user, database)
        self.inbox: list[tuple[int, str, str]] = []
        self.waker: Callable[[], None] | None = None

    def take_notifications(self) -> list[tuple[int, str, str]]:
        out, self.inbox = self.inbox, []
        return out

    def set_notification_waker(self, waker: Callable[[], None] | None) -> None:
        self.waker = waker

    def arrive(self, *notes: tuple[int, str, str]) -> None:
        self.inbox.extend(notes)
        assert self.waker is not None
        self.waker()


class NotifyingInstance(FakeInstance):
    def connect(self, user: str, database: str, params: dict[str, str], backend_pid: int,
                client_addr: str) -> FakeSession:
        session = NotifyingSession(user, database)
        self.sessions.append(session)
        return session


def notifications(data: bytes) -> list[tuple[int, str, str]]:
    out = []
    pos = 0
    while pos < len(data):
        (n,) = struct.unpack_from("!i", data, pos + 1)
        if data[pos:pos + 1] == b"A":
            body = data[pos + 5:pos + 1 + n]
            (pid,) = struct.unpack_from("!i", body)
            channel, payload, _ = body[4:].split(b"\0")
            out.append((pid, channel.decode(), payload.decode()))
        pos += 1 + n
    return out


async def logged_in() -> tuple[Harness, NotifyingSession]:
    h = Harness(NotifyingInstance())
    await h.login()
    session = h.conn.session
    assert isinstance(session, NotifyingSession)
    return h, session


@async_test
async def test_pushed_while_idle() -> None:
    h, session = await logged_in()
    start = len(h.chan.writes)
    session.arrive((42, "ch", "hello"), (42, "ch", ""))
    await asyncio.sleep(0)  # the waker hops through the event loop
    assert notifications(b"".join(h.chan.writes[start:])) == [(42, "ch", "hello"), (42, "ch", "")]
    assert len(h.chan.writes) == start + 1  # written at once, as one write


@async_test
async def test_sent_before_ready_for_query_when_they_came_during_a_query() -> None:
    h, session = await logged_in()
    session.inbox.append((7, "ch", "during"))  # arrived while busy: no push, the next RFQ carries it
    raw_start = len(h.chan.writes)
    msgs = await h.send(query("select 1"))
    assert [m[0] for m in msgs] == ["T", "D", "C", "A", "Z"]
    assert notifications(b"".join(h.chan.writes[raw_start:])) == [(7, "ch", "during")]


@async_test
async def test_held_inside_a_transaction_block() -> None:
    h, session = await logged_in()
    assert (await h.send(query("begin")))[-1] == ("Z", "T")
    start = len(h.chan.writes)
    session.arrive((7, "ch", "x"))
    await asyncio.sleep(0)
    assert len(h.chan.writes) == start  # not while the block is open
    msgs = await h.send(query("select 1"))
    assert "A" not in [m[0] for m in msgs]
    msgs = await h.send(query("commit"))
    assert [m[0] for m in msgs] == ["C", "A", "Z"] and msgs[-1] == ("Z", "I")


@async_test
async def test_not_pushed_between_extended_messages_before_sync() -> None:
    h, session = await logged_in()
    start = len(h.chan.writes)
    await h.send(parse("", "select 1"), bind("", ""), execute(""))
    session.arrive((7, "ch", "x"))
    await asyncio.sleep(0)
    assert notifications(b"".join(h.chan.writes[start:])) == []  # the client is mid-pipeline: wait for Sync
    msgs = await h.send(fe(b"S"))
    assert [m[0] for m in msgs] == ["1", "2", "D", "C", "A", "Z"]
    assert notifications(b"".join(h.chan.writes[start:])) == [(7, "ch", "x")]
