"""The connection driver with a login policy (pg_hba.conf rules, throttling) and a TLS hook,
driven without sockets."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from scramp import ScramClient

from auth.roles import Role, RoleSnapshot
from auth.throttle import LoginThrottle
from pgserver.connection import Connection
from pgserver.login_policy import LoginPolicy, ensure_hba_file
from pgserver.server import CancelKeyTable
from tests.pgserver.test_connection_flow import (
    PASSWORD,
    SSL_REQUEST,
    FakeChannel,
    FakeInstance,
    async_test,
    decode_stream,
    errors,
    fe,
    kinds,
    sasl_initial,
    startup_packet,
)

BINDING = ("tls-server-end-point", b"\x01" * 32)


def make_policy(tmp_path: Path, hba: str, throttle: LoginThrottle | None = None) -> LoginPolicy:
    path = tmp_path / "pg_hba.conf"
    path.write_text(hba)
    roles = RoleSnapshot([Role(10, "alice", login=True)])
    return LoginPolicy(str(path), lambda: roles, throttle)


class Client:
    def __init__(self, policy: LoginPolicy, *, tls: bool = False, addr: str = "10.1.2.3") -> None:
        self.inst = FakeInstance()
        self.chan = FakeChannel()
        self.upgraded = 0

        async def upgrade() -> tuple[str, bytes]:
            self.upgraded += 1
            return BINDING

        self.conn = Connection(self.inst, self.chan, CancelKeyTable(), client_addr=addr, login_policy=policy,
                               tls_upgrade=upgrade if tls else None, server_addr="10.0.0.1")

    async def send(self, *chunks: bytes) -> list[tuple[object, ...]]:
        start = len(self.chan.writes)
        for chunk in chunks:
            self.conn.feed(chunk)
        await self.conn.process_available()
        return decode_stream(b"".join(self.chan.writes[start:]))

    async def scram(self, password: str = PASSWORD) -> list[tuple[object, ...]]:
        client = ScramClient(["SCRAM-SHA-256"], "alice", password)
        msgs = await self.send(sasl_initial("SCRAM-SHA-256", client.get_client_first().encode()))
        client.set_server_first(msgs[0][2].decode())  # type: ignore[union-attr]
        return await self.send(fe(b"p", client.get_client_final().encode()))


def test_default_file_is_written_once(tmp_path: Path) -> None:
    path = ensure_hba_file(str(tmp_path))
    assert Path(path).read_text().splitlines()[-1].split() == ["host", "all", "all", "all", "scram-sha-256"]
    Path(path).write_text("host all all all trust\n")
    ensure_hba_file(str(tmp_path))
    assert Path(path).read_text() == "host all all all trust\n"


@async_test
async def test_trust_logs_in_without_a_password(tmp_path: Path) -> None:
    c = Client(make_policy(tmp_path, "host all alice 10.0.0.0/8 trust\n"))
    msgs = await c.send(startup_packet({"user": "alice"}))
    assert msgs[0][:2] == ("R", 0) and kinds(msgs)[-2:] == "KZ"
    assert c.conn.ready


@async_test
async def test_reject_and_no_entry(tmp_path: Path) -> None:
    policy = make_policy(tmp_path, "host db1 all all reject\nhostssl all all all scram-sha-256\n")
    c = Client(policy)
    msgs = await c.send(startup_packet({"user": "alice", "database": "db1"}))
    assert [(e["S"], e["C"], e["M"]) for e in errors(msgs)] == [(  # type: ignore[index]
        "FATAL", "28000",
        'pg_hba.conf rejects connection for host "10.1.2.3", user "alice", database "db1", no encryption')]
    assert c.chan.closed
    c = Client(policy)
    msgs = await c.send(startup_packet({"user": "alice", "database": "db2"}))
    assert [e["M"] for e in errors(msgs)] == [  # type: ignore[index]
        'no pg_hba.conf entry for host "10.1.2.3", user "alice", database "db2", no encryption']
    # Over TLS the hostssl line matches and SCRAM-SHA-256-PLUS is offered first.
    c = Client(policy, tls=True)
    c.conn.feed(SSL_REQUEST)
    await c.conn.process_available()
    assert c.chan.writes == [b"S"] and c.upgraded == 1
    msgs = await c.send(startup_packet({"user": "alice", "database": "db2"}))
    assert msgs == [("R", 10, b"SCRAM-SHA-256-PLUS\0SCRAM-SHA-256\0\0")]
    c = Client(policy, tls=True)
    c.conn.feed(SSL_REQUEST)
    await c.conn.process_available()
    c.chan.writes.clear()
    msgs = await c.send(startup_packet({"user": "alice", "database": "db1"}))
    assert errors(msgs)[0]["M"].endswith('database "db1", SSL encryption')  # type: ignore[index]


@async_test
async def test_failed_password_delays_the_next_attempt_from_that_address(tmp_path: Path) -> None:
    throttle = LoginThrottle(base_delay=0.2, free_failures=0)
    policy = make_policy(tmp_path, "host all all all scram-sha-256\n", throttle)
    c = Client(policy)
    await c.send(startup_packet({"user": "alice"}))
    assert [e["C"] for e in errors(await c.scram("wrong"))] == ["28P01"]  # type: ignore[index]
    assert throttle.delay("10.1.2.3") == 0.2
    # The next attempt from that address waits; another address does not, even meanwhile.
    slow = Client(policy)
    other = Client(policy, addr="10.9.9.9")
    start = time.monotonic()
    slow_task = asyncio.ensure_future(slow.send(startup_packet({"user": "alice"})))
    assert kinds(await other.send(startup_packet({"user": "alice"}))) == "R"
    assert time.monotonic() - start < 0.1
    assert kinds(await slow_task) == "R"
    assert time.monotonic() - start >= 0.19
    assert kinds(await slow.scram())[-2:] == "KZ"
    assert throttle.delay("10.1.2.3") == 0.0  # a success forgets the failures
