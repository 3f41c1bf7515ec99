"""State-machine tests of pgserver.connection, driven without sockets through a fake Session.

A :class:`FakeSession` implements the session API the connection programs against with a tiny
command language (``select N``, ``begin``, ``fail`` ...). Most tests feed raw frontend bytes
to a :class:`~pgserver.connection.Connection` whose channel records what is written, then
decode the backend messages. A few tests at the end exercise ``pgserver.server`` over a local
socket, still with the fake instance (no SQL layer, no real client).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import struct
import subprocess
import sys
import types
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import pytest
from scramp import ScramClient

from auth.scram import make_verifier
from pgserver import messages as m
from pgserver import results
from pgserver.config import ServerConfig
from pgserver.connection import FLUSH_THRESHOLD, INPUT_HIGH_WATER, Connection
from pgserver.server import CancelKeyTable, PgServer
from sql.errors import SqlError
from sql.result import ColumnInfo, Result

PASSWORD = "secret"
VERIFIER = make_verifier(PASSWORD)
INT4, TEXT, BOOL, NUMERIC = 23, 25, 16, 1700


def async_test(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test on a fresh event loop (uvloop's when the test takes ``event_loop="uvloop"``)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        factory = None
        if kwargs.get("event_loop") == "uvloop":
            factory = pytest.importorskip("uvloop").new_event_loop
        with asyncio.Runner(loop_factory=factory) as runner:
            runner.run(asyncio.wait_for(fn(*args, **kwargs), 20))

    return wrapper


# ---------------------------------------------------------------------------------------------
# Frontend message builders (client side)
# ---------------------------------------------------------------------------------------------


def cstr(s: str) -> bytes:
    return s.encode() + b"\0"


def fe(type_byte: bytes, payload: bytes = b"") -> bytes:
    return type_byte + struct.pack("!i", len(payload) + 4) + payload


def startup_packet(params: dict[str, str], version: int = m.PROTOCOL_3_0) -> bytes:
    body = struct.pack("!i", version) + b"".join(cstr(k) + cstr(v) for k, v in params.items()) + b"\0"
    return struct.pack("!i", len(body) + 4) + body


SSL_REQUEST = struct.pack("!ii", 8, m.SSL_REQUEST_CODE)
GSSENC_REQUEST = struct.pack("!ii", 8, m.GSSENC_REQUEST_CODE)
SYNC = fe(b"S")
FLUSH = fe(b"H")
TERMINATE = fe(b"X")


def cancel_packet(pid: int, secret: int) -> bytes:
    return struct.pack("!iiii", 16, m.CANCEL_REQUEST_CODE, pid, secret)


def query(sql: str) -> bytes:
    return fe(b"Q", cstr(sql))


def parse(name: str, sql: str, oids: tuple[int, ...] = ()) -> bytes:
    return fe(b"P", cstr(name) + cstr(sql) + struct.pack(f"!h{len(oids)}I", len(oids), *oids))


def bind(
    portal: str,
    statement: str,
    params: tuple[bytes | None, ...] = (),
    param_formats: tuple[int, ...] = (),
    result_formats: tuple[int, ...] = (),
) -> bytes:
    out = cstr(portal) + cstr(statement)
    out += struct.pack(f"!h{len(param_formats)}h", len(param_formats), *param_formats)
    out += struct.pack("!h", len(params))
    for p in params:
        out += struct.pack("!i", -1) if p is None else struct.pack("!i", len(p)) + p
    out += struct.pack(f"!h{len(result_formats)}h", len(result_formats), *result_formats)
    return fe(b"B", out)


def describe(kind: str, name: str) -> bytes:
    return fe(b"D", kind.encode() + cstr(name))


def execute(portal: str, max_rows: int = 0) -> bytes:
    return fe(b"E", cstr(portal) + struct.pack("!i", max_rows))


def close(kind: str, name: str) -> bytes:
    return fe(b"C", kind.encode() + cstr(name))


def sasl_initial(mechanism: str, data: bytes) -> bytes:
    return fe(b"p", cstr(mechanism) + struct.pack("!i", len(data)) + data)


# ---------------------------------------------------------------------------------------------
# Backend message decoding
# ---------------------------------------------------------------------------------------------


def _fields(body: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    pos = 0
    while body[pos] != 0:
        end = body.index(b"\0", pos + 1)
        out[chr(body[pos])] = body[pos + 1 : end].decode()
        pos = end + 1
    return out


def decode_backend(t: str, body: bytes) -> tuple[Any, ...]:
    if t == "R":
        (code,) = struct.unpack_from("!i", body)
        return ("R", code, body[4:])
    if t == "S":
        name, value, _ = body.split(b"\0")
        return ("S", name.decode(), value.decode())
    if t == "K":
        return ("K", *struct.unpack("!ii", body))
    if t == "Z":
        return ("Z", body.decode())
    if t == "C":
        return ("C", body[:-1].decode())
    if t in "EN":
        return (t, _fields(body))
    if t == "T":
        (n,) = struct.unpack_from("!h", body)
        pos, cols = 2, []
        for _ in range(n):
            end = body.index(b"\0", pos)
            name = body[pos:end].decode()
            _tab, _att, oid, size, mod, fmt = struct.unpack_from("!IhIhih", body, end + 1)
            cols.append((name, oid, size, mod, fmt))
            pos = end + 19
        return ("T", cols)
    if t == "D":
        (n,) = struct.unpack_from("!h", body)
        pos, values = 2, []
        for _ in range(n):
            (ln,) = struct.unpack_from("!i", body, pos)
            pos += 4
            if ln < 0:
                values.append(None)
            else:
                values.append(body[pos : pos + ln])
                pos += ln
        return ("D", values)
    if t == "t":
        (n,) = struct.unpack_from("!h", body)
        return ("t", list(struct.unpack_from(f"!{n}I", body, 2)))
    if t == "v":
        version, n = struct.unpack_from("!ii", body)
        return ("v", version, [s.decode() for s in body[8:].split(b"\0")[:n]])
    return (t,)


def decode_stream(data: bytes) -> list[tuple[Any, ...]]:
    out = []
    pos = 0
    while pos < len(data):
        t = chr(data[pos])
        (n,) = struct.unpack_from("!i", data, pos + 1)
        out.append(decode_backend(t, data[pos + 5 : pos + 1 + n]))
        pos += 1 + n
    return out


def kinds(msgs: list[tuple[Any, ...]]) -> str:
    return "".join(msg[0] for msg in msgs)


def errors(msgs: list[tuple[Any, ...]]) -> list[dict[str, str]]:
    return [msg[1] for msg in msgs if msg[0] == "E"]


# ---------------------------------------------------------------------------------------------
# Fakes: instance, session, channel
# ---------------------------------------------------------------------------------------------


def _err(code: str, message: str, **kw: Any) -> SqlError:
    return SqlError(code, message, **kw)


@dataclass
class Portal:
    columns: list[ColumnInfo] | None
    rows: list[tuple[Any, ...]]
    formats: tuple[int, ...]
    sql: str
    params: list[bytes | None] = field(default_factory=list)
    pos: int = 0


class FakeSession:
    """Implements the Session API with a tiny command language."""

    INT_COLS: dict[int, list[ColumnInfo]] = {}
    client_encoding = "UTF8"

    def run_inline(self, key: Any) -> bool:
        return True  # keep these unit tests single-threaded

    def record_timing(self, key: Any, seconds: float) -> None:
        pass

    def portal_key(self, portal: str) -> Any:
        return ("P", portal)

    def __init__(self, user: str, database: str) -> None:
        self.user = user
        self.database = database
        self.tx_status = "I"
        self.calls: list[str] = []
        self.pending_report: dict[str, str] = {}
        self.statements: dict[str, tuple[str, list[int]]] = {}
        self.portals: dict[str, Portal] = {}
        self.cancel_requested = False
        self.terminated = False
        self.commit_future: Future[Any] | None = None
        self.finish_future: Future[Any] | None = None
        self.sync_future: Future[Any] | None = None
        self.mixed_cols = [ColumnInfo("t", TEXT), ColumnInfo("b", BOOL), ColumnInfo("x", NUMERIC)]

    # settings and output -------------------------------------------------------------------

    def startup_parameters(self) -> list[tuple[str, str]]:
        return [("server_version", "15.18"), ("client_encoding", "UTF8"), ("TimeZone", "UTC")]

    def take_reported(self) -> dict[str, str]:
        out, self.pending_report = self.pending_report, {}
        return out

    def report_idle(self) -> None:
        pass

    def text_output(self, type_oid: int) -> Callable[[Any], str]:
        if type_oid == BOOL:
            return lambda v: "t" if v else "f"
        return str

    def binary_output(self, type_oid: int) -> Callable[[Any], bytes]:
        if type_oid == INT4:
            return struct.Struct("!i").pack
        return lambda v: str(v).encode()

    # the command language ------------------------------------------------------------------

    def _int_cols(self, name: str = "n") -> list[ColumnInfo]:
        return [ColumnInfo(name, INT4, table_oid=16384, attnum=1)]

    def _check_aborted(self, sql: str) -> None:
        if self.tx_status == "E" and sql not in ("rollback", "commit"):
            raise _err(
                "25P02", "current transaction is aborted, commands ignored until end of transaction block"
            )

    def _rows_of(self, sql: str, params: list[bytes | None]) -> tuple[list[ColumnInfo] | None, Any]:
        """(columns, rows iterable or None) for a row-returning command; also validates."""
        words = sql.split()
        if sql == "fail":
            raise _err("42601", 'syntax error at or near "fail"', position=1)
        if words and words[0] == "select":
            n = int(words[1])
            return self._int_cols(), [(i,) for i in range(1, n + 1)]
        if sql == "mixed":
            return self.mixed_cols, [("héllo", True, None), ("", False, 1.5)]
        if sql == "midfail":

            def gen() -> Iterator[tuple[Any, ...]]:
                yield (1,)
                yield (2,)
                raise _err("22012", "division by zero")

            return self._int_cols(), gen()
        if words and words[0] == "big":
            count, size = int(words[1]), int(words[2])

            def big() -> Iterator[tuple[Any, ...]]:
                for _ in range(count):
                    if self.cancel_requested:
                        self.cancel_requested = False
                        raise _err("57014", "canceling statement due to user request")
                    yield ("x" * size,)

            return [ColumnInfo("x", TEXT)], big()
        if words and words[0] == "echo":
            return [ColumnInfo("echo", TEXT)], [tuple(None if p is None else p.decode() for p in params)]
        return None, None

    def _run(self, sql: str, params: list[bytes | None] | None = None) -> Result:
        sql = sql.strip()
        self._check_aborted(sql)
        if sql == "":
            return Result("", empty=True)
        columns, rows = self._rows_of(sql, params or [])
        if columns is not None:
            return Result("SELECT", columns=columns, rows=iter(rows))
        words = sql.split()
        if sql == "begin":
            self.tx_status = "T"
            return Result("BEGIN")
        if sql in ("commit", "rollback"):
            self.tx_status = "I"
            return Result(sql.upper(), wait=self.commit_future if sql == "commit" else None)
        if words[:2] == ["set", "tz"]:
            self.pending_report["TimeZone"] = words[2]
            return Result("SET")
        if sql == "notice":
            return Result("DO", notices=[_err("00000", "hello there", severity="NOTICE")])
        if sql == "insert":
            return Result("INSERT", rowcount=1)
        if sql == "divzero":
            raise _err("22012", "division by zero")
        if sql == "boom":
            raise RuntimeError("secret internal detail")
        if sql == "fatal":
            raise _err("XX000", "something fatal", severity="FATAL")
        return Result(words[0].upper())

    # simple query ---------------------------------------------------------------------------

    def execute_simple(self, sql: str) -> Iterator[Result]:
        self.calls.append("execute_simple")
        if not sql.strip():
            yield Result("", empty=True)
            return
        for stmt in sql.split(";"):
            if stmt.strip():
                yield self._run(stmt)

    def finish_simple(self) -> Future[Any] | None:
        self.calls.append("finish_simple")
        return self.finish_future

    # extended query -------------------------------------------------------------------------

    def parse(self, name: str, sql: str, param_oids: list[int]) -> None:
        self.calls.append("parse")
        if name and name in self.statements:
            raise _err("42P05", f'prepared statement "{name}" already exists')
        if sql.strip() == "fail":
            raise _err("42601", 'syntax error at or near "fail"', position=1)
        nparams = sql.count("$")
        self.statements[name] = (sql, list(param_oids) + [TEXT] * (nparams - len(param_oids)))

    def _statement(self, name: str) -> tuple[str, list[int]]:
        try:
            return self.statements[name]
        except KeyError:
            raise _err("26000", f'prepared statement "{name}" does not exist') from None

    def describe_statement(self, name: str) -> tuple[list[int], list[ColumnInfo] | None]:
        self.calls.append("describe_statement")
        sql, oids = self._statement(name)
        columns, _ = self._rows_of(sql.strip(), [b""] * len(oids))
        return oids, columns

    def bind(
        self,
        portal: str,
        statement: str,
        param_formats: list[int],
        params: list[bytes | None],
        result_formats: list[int],
    ) -> None:
        self.calls.append("bind")
        sql, oids = self._statement(statement)
        if len(params) != len(oids):
            raise _err(
                "08P01",
                f'bind message supplies {len(params)} parameters, but prepared statement "{statement}" '
                f"requires {len(oids)}",
            )
        columns, rows = self._rows_of(sql.strip(), params)
        ncols = len(columns) if columns else 0
        formats = results.normalize_formats(result_formats, ncols)
        self.portals[portal] = Portal(columns, list(rows) if rows is not None else [], formats, sql, params)

    def _portal(self, name: str) -> Portal:
        try:
            return self.portals[name]
        except KeyError:
            raise _err("34000", f'portal "{name}" does not exist') from None

    def describe_portal(self, name: str) -> tuple[list[ColumnInfo] | None, tuple[int, ...]]:
        self.calls.append("describe_portal")
        p = self._portal(name)
        return p.columns, p.formats

    def execute(self, portal: str, max_rows: int) -> Result:
        self.calls.append("execute")
        p = self._portal(portal)
        if p.columns is None:
            return self._run(p.sql, p.params)
        self._check_aborted(p.sql)
        result = Result("SELECT", columns=p.columns, formats=p.formats)

        def rows() -> Iterator[tuple[Any, ...]]:
            n = 0
            while p.pos < len(p.rows) and (max_rows <= 0 or n < max_rows):
                row = p.rows[p.pos]
                p.pos += 1
                n += 1
                yield row
            # As PostgreSQL: a run that stops at max_rows does not look ahead for more rows.
            result.suspended = 0 < max_rows == n

        result.rows = rows()
        return result

    def close_statement(self, name: str) -> None:
        self.calls.append("close_statement")
        self.statements.pop(name, None)

    def close_portal(self, name: str) -> None:
        self.calls.append("close_portal")
        self.portals.pop(name, None)

    def sync(self) -> Future[Any] | None:
        self.calls.append("sync")
        self.portals.pop("", None)
        return self.sync_future

    # lifecycle ------------------------------------------------------------------------------

    def on_error(self) -> None:
        self.calls.append("on_error")
        if self.tx_status == "T":
            self.tx_status = "E"

    def cancel(self) -> None:
        self.calls.append("cancel")
        self.cancel_requested = True

    def terminate(self) -> None:
        self.calls.append("terminate")
        self.terminated = True


class FakeInstance:
    def __init__(self) -> None:
        self.verifiers: dict[str, str | None] = {"alice": VERIFIER, "nologin": None}
        self.sessions: list[FakeSession] = []
        self.connect_args: list[tuple[Any, ...]] = []

    def role_verifier(self, user: str) -> str | None:
        return self.verifiers.get(user)

    def connect(
        self, user: str, database: str, params: dict[str, str], backend_pid: int, client_addr: str
    ) -> FakeSession:
        self.connect_args.append((user, database, dict(params), backend_pid, client_addr))
        if database == "nodb":
            raise SqlError("3D000", f'database "{database}" does not exist', severity="FATAL")
        session = FakeSession(user, database)
        self.sessions.append(session)
        return session


class FakeChannel:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False
        self.reading_paused = False
        self.pause_calls = 0
        self.resume_calls = 0
        self._paused = False
        self.waits = 0
        self._writable: asyncio.Event | None = None

    def write(self, data: bytes) -> None:
        assert not self.closed, "write after close"
        self.writes.append(bytes(data))

    def close(self) -> None:
        self.closed = True

    def pause_reading(self) -> None:
        self.reading_paused = True
        self.pause_calls += 1

    def resume_reading(self) -> None:
        self.reading_paused = False
        self.resume_calls += 1

    @property
    def writing_paused(self) -> bool:
        return self._paused

    def set_paused(self, paused: bool) -> None:
        self._paused = paused
        if self._writable is None:
            self._writable = asyncio.Event()
        if paused:
            self._writable.clear()
        else:
            self._writable.set()

    async def wait_writable(self) -> None:
        self.waits += 1
        if self._writable is None:
            self._writable = asyncio.Event()
        while self._paused:
            await self._writable.wait()

    def output(self) -> list[tuple[Any, ...]]:
        return decode_stream(b"".join(self.writes))


class Harness:
    def __init__(
        self,
        instance: FakeInstance | None = None,
        *,
        keys: CancelKeyTable | None = None,
        too_many: bool = False,
    ) -> None:
        self.inst = instance or FakeInstance()
        self.chan = FakeChannel()
        self.keys = keys or CancelKeyTable()
        self.conn = Connection(
            self.inst, self.chan, self.keys, client_addr="10.1.2.3", too_many_clients=too_many
        )
        self.pid = 0
        self.secret = 0

    @property
    def session(self) -> FakeSession:
        session = self.conn.session
        assert isinstance(session, FakeSession)
        return session

    async def send(self, *chunks: bytes) -> list[tuple[Any, ...]]:
        start = len(self.chan.writes)
        for chunk in chunks:
            self.conn.feed(chunk)
        await self.conn.process_available()
        return decode_stream(b"".join(self.chan.writes[start:]))

    async def login(
        self, user: str = "alice", password: str = PASSWORD, **params: str
    ) -> list[tuple[Any, ...]]:
        """SCRAM login; returns the messages after the client-final message."""
        client = ScramClient(["SCRAM-SHA-256"], user, password)
        msgs = await self.send(startup_packet({"user": user, **params}))
        if kinds(msgs) != "R":
            return msgs
        assert msgs == [("R", 10, b"SCRAM-SHA-256\0\0")]
        msgs = await self.send(sasl_initial("SCRAM-SHA-256", client.get_client_first().encode()))
        assert msgs[0][:2] == ("R", 11)
        client.set_server_first(msgs[0][2].decode())
        msgs = await self.send(fe(b"p", client.get_client_final().encode()))
        if msgs and msgs[0][:2] == ("R", 12):
            client.set_server_final(msgs[0][2].decode())
        for msg in msgs:
            if msg[0] == "K":
                self.pid, self.secret = msg[1], msg[2]
        return msgs


async def logged_in(**kw: Any) -> Harness:
    h = Harness(**kw)
    msgs = await h.login()
    assert kinds(msgs)[-2:] == "KZ", msgs
    return h


# ---------------------------------------------------------------------------------------------
# Startup and authentication
# ---------------------------------------------------------------------------------------------


@async_test
async def test_login_sequence() -> None:
    h = Harness()
    msgs = await h.login(database="db1", application_name="app")
    assert kinds(msgs) == "RRSSSKZ"
    assert [msg[:2] for msg in msgs[:2]] == [("R", 12), ("R", 0)]
    assert msgs[2:5] == [
        ("S", "server_version", "15.18"),
        ("S", "client_encoding", "UTF8"),
        ("S", "TimeZone", "UTC"),
    ]
    assert msgs[-1] == ("Z", "I")
    assert h.conn.ready and not h.chan.closed
    user, database, params, pid, addr = h.inst.connect_args[0]
    assert (user, database, params, addr) == ("alice", "db1", {"application_name": "app"}, "10.1.2.3")
    assert pid == h.pid and h.keys.lookup(pid) is h.conn
    # Each authentication step is one write.
    assert len(h.chan.writes) == 3


@async_test
async def test_database_defaults_to_user_and_names_are_clipped() -> None:
    h = Harness()
    h.inst.verifiers["é" * 31] = VERIFIER  # roles are looked up by the clipped name
    await h.login(user="é" * 40)
    user, database, *_ = h.inst.connect_args[0]
    assert user == "é" * 31 and database == "é" * 31  # 62 bytes: the 32nd character would be cut


@async_test
async def test_ssl_and_gssenc_requests_are_refused_then_startup() -> None:
    h = Harness()
    h.conn.feed(GSSENC_REQUEST)
    await h.conn.process_available()
    h.conn.feed(SSL_REQUEST)
    await h.conn.process_available()
    assert h.chan.writes == [b"N", b"N"]
    h.chan.writes.clear()
    msgs = await h.login()
    assert kinds(msgs) == "RRSSSKZ"


@async_test
async def test_second_ssl_request_is_fatal() -> None:
    h = Harness()
    h.conn.feed(SSL_REQUEST)
    await h.conn.process_available()
    h.chan.writes.clear()
    msgs = await h.send(SSL_REQUEST)
    assert errors(msgs)[0]["C"] == "0A000"
    assert "unsupported frontend protocol 1234.5679" in errors(msgs)[0]["M"]
    assert h.chan.closed


@async_test
async def test_data_after_ssl_request_is_fatal() -> None:
    h = Harness()
    h.conn.feed(SSL_REQUEST + startup_packet({"user": "alice"}))
    await h.conn.process_available()
    assert h.chan.writes[0] == b"N"
    (err,) = errors(decode_stream(b"".join(h.chan.writes[1:])))
    assert err["S"] == "FATAL" and err["C"] == "08P01"
    assert err["M"] == "received unencrypted data after SSL request"
    assert h.chan.closed


@async_test
async def test_wrong_password() -> None:
    h = Harness()
    msgs = await h.login(password="wrong")
    assert kinds(msgs) == "E"
    assert msgs[0][1]["S"] == "FATAL" and msgs[0][1]["C"] == "28P01"
    assert msgs[0][1]["M"] == 'password authentication failed for user "alice"'
    assert h.chan.closed and h.conn.closed
    assert h.inst.connect_args == [] and len(h.keys) == 0


@pytest.mark.parametrize("user", ["nologin", "ghost"])
@async_test
async def test_unknown_or_passwordless_role(user: str) -> None:
    h = Harness()
    msgs = await h.login(user=user, password="whatever")
    assert [e["C"] for e in errors(msgs)] == ["28P01"]
    assert h.chan.closed


@async_test
async def test_missing_user() -> None:
    h = Harness()
    msgs = await h.send(startup_packet({"database": "x"}))
    assert msgs == [
        (
            "E",
            {
                "S": "FATAL",
                "V": "FATAL",
                "C": "28000",
                "M": "no PostgreSQL user name specified in startup packet",
            },
        )
    ]
    assert h.chan.closed


@async_test
async def test_negotiate_protocol_version() -> None:
    h = Harness()
    msgs = await h.send(startup_packet({"user": "alice", "_pq_.compression": "on"}, version=(3 << 16) | 2))
    assert msgs == [("v", m.PROTOCOL_3_0, ["_pq_.compression"]), ("R", 10, b"SCRAM-SHA-256\0\0")]


@async_test
async def test_connect_error_is_fatal_after_authentication_ok() -> None:
    h = Harness()
    msgs = await h.login(database="nodb")
    assert kinds(msgs) == "RRE"
    assert msgs[2][1]["C"] == "3D000" and msgs[2][1]["S"] == "FATAL"
    assert h.chan.closed and len(h.keys) == 0


@async_test
async def test_too_many_clients() -> None:
    h = Harness(too_many=True)
    msgs = await h.send(startup_packet({"user": "alice"}))
    assert [(e["S"], e["C"], e["M"]) for e in errors(msgs)] == [
        ("FATAL", "53300", "sorry, too many clients already")
    ]
    assert h.chan.closed


@async_test
async def test_unexpected_message_during_authentication() -> None:
    h = Harness()
    await h.send(startup_packet({"user": "alice"}))
    msgs = await h.send(query("select 1"))
    assert errors(msgs)[0]["M"] == "expected SASL response, got message type 81"
    assert errors(msgs)[0]["S"] == "FATAL" and h.chan.closed


@async_test
async def test_authentication_timeout() -> None:
    h = Harness()
    await h.send(startup_packet({"user": "alice"}))
    h.conn.startup_timeout()
    msgs = await h.send()
    assert errors(msgs) == []  # PostgreSQL only logs "canceling authentication due to timeout"
    assert h.chan.closed
    # After login the timer has no effect.
    h2 = await logged_in()
    h2.conn.startup_timeout()
    assert kinds(await h2.send(query("select 1"))) == "TDCZ"


@async_test
async def test_framing_error_after_login_is_fatal() -> None:
    h = await logged_in()
    msgs = await h.send(b"?\x00\x00\x00\x04")
    assert [(e["S"], e["C"]) for e in errors(msgs)] == [("FATAL", "08P01")]
    assert h.chan.closed and h.session.terminated and len(h.keys) == 0


@async_test
async def test_password_message_after_login_is_fatal() -> None:
    h = await logged_in()
    msgs = await h.send(fe(b"p", b"x\0"))
    assert errors(msgs)[0]["M"] == "invalid frontend message type 112"
    assert h.chan.closed


# ---------------------------------------------------------------------------------------------
# Simple query protocol
# ---------------------------------------------------------------------------------------------


@async_test
async def test_simple_select_is_one_write() -> None:
    h = await logged_in()
    writes = len(h.chan.writes)
    msgs = await h.send(query("select 2"))
    assert msgs == [
        ("T", [("n", INT4, 4, -1, 0)]),
        ("D", [b"1"]),
        ("D", [b"2"]),
        ("C", "SELECT 2"),
        ("Z", "I"),
    ]
    assert len(h.chan.writes) == writes + 1
    assert h.session.calls == ["execute_simple", "finish_simple"]


@async_test
async def test_text_encoding_of_mixed_values() -> None:
    h = await logged_in()
    msgs = await h.send(query("mixed"))
    assert [msg[1] for msg in msgs if msg[0] == "D"] == [["héllo".encode(), b"t", None], [b"", b"f", b"1.5"]]


@async_test
async def test_empty_query() -> None:
    h = await logged_in()
    assert await h.send(query("")) == [("I",), ("Z", "I")]
    assert await h.send(query("  ")) == [("I",), ("Z", "I")]


@async_test
async def test_commands_without_rows() -> None:
    h = await logged_in()
    assert await h.send(query("insert; vacuum")) == [("C", "INSERT 0 1"), ("C", "VACUUM"), ("Z", "I")]


@async_test
async def test_error_stops_the_query_string() -> None:
    h = await logged_in()
    msgs = await h.send(query("select 1; divzero; select 2"))
    assert kinds(msgs) == "TDCEZ"
    assert errors(msgs)[0] == {"S": "ERROR", "V": "ERROR", "C": "22012", "M": "division by zero"}
    assert h.session.calls == ["execute_simple", "on_error", "finish_simple"]
    assert msgs[-1] == ("Z", "I")


@async_test
async def test_error_fields_include_position() -> None:
    h = await logged_in()
    msgs = await h.send(query("fail"))
    assert errors(msgs)[0]["P"] == "1"


@async_test
async def test_error_while_streaming_rows() -> None:
    h = await logged_in()
    msgs = await h.send(query("midfail"))
    assert kinds(msgs) == "TDDEZ"


@async_test
async def test_ready_for_query_status_follows_the_transaction() -> None:
    h = await logged_in()
    assert (await h.send(query("begin")))[-1] == ("Z", "T")
    assert (await h.send(query("select 1")))[-1] == ("Z", "T")
    msgs = await h.send(query("divzero"))
    assert kinds(msgs) == "EZ" and msgs[-1] == ("Z", "E")
    msgs = await h.send(query("select 1"))
    assert errors(msgs)[0]["C"] == "25P02" and msgs[-1] == ("Z", "E")
    assert await h.send(query("rollback")) == [("C", "ROLLBACK"), ("Z", "I")]


@async_test
async def test_parameter_status_reported_before_ready_for_query() -> None:
    h = await logged_in()
    msgs = await h.send(query("set tz Europe/Paris"))
    assert msgs == [("C", "SET"), ("S", "TimeZone", "Europe/Paris"), ("Z", "I")]
    # Unchanged values are not reported again.
    assert await h.send(query("set tz Europe/Paris")) == [("C", "SET"), ("Z", "I")]
    # Reported through the extended protocol too, at Sync.
    msgs = await h.send(parse("", "set tz UTC"), bind("", ""), execute(""), SYNC)
    assert kinds(msgs) == "12CSZ" and msgs[3] == ("S", "TimeZone", "UTC")


@async_test
async def test_notices_come_before_command_complete() -> None:
    h = await logged_in()
    msgs = await h.send(query("notice"))
    assert kinds(msgs) == "NCZ"
    assert msgs[0][1]["S"] == "NOTICE" and msgs[0][1]["M"] == "hello there"


@async_test
async def test_commit_waits_for_durability_before_command_complete() -> None:
    h = await logged_in()
    await h.send(query("begin"))
    fut: Future[Any] = Future()
    h.session.commit_future = fut
    writes = len(h.chan.writes)
    task = asyncio.create_task(h.send(query("commit")))
    for _ in range(5):
        await asyncio.sleep(0)
    assert not task.done() and len(h.chan.writes) == writes
    fut.set_result(None)
    assert await task == [("C", "COMMIT"), ("Z", "I")]

    # A failing commit is reported instead of CommandComplete.
    await h.send(query("begin"))
    fut = Future()
    fut.set_exception(SqlError("40001", "could not serialize access"))
    h.session.commit_future = fut
    msgs = await h.send(query("commit"))
    assert kinds(msgs) == "EZ" and errors(msgs)[0]["C"] == "40001"


@async_test
async def test_finish_simple_error_is_reported_before_ready_for_query() -> None:
    h = await logged_in()
    fut: Future[Any] = Future()
    fut.set_exception(SqlError("53100", "could not extend file: No space left on device"))
    h.session.finish_future = fut
    msgs = await h.send(query("insert"))
    assert kinds(msgs) == "CEZ" and errors(msgs)[0]["C"] == "53100"
    assert "on_error" not in h.session.calls


@async_test
async def test_internal_errors_are_hidden_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    h = await logged_in()
    with caplog.at_level(logging.ERROR, logger="pgserver"):
        msgs = await h.send(query("boom"))
    assert kinds(msgs) == "EZ"
    assert errors(msgs)[0] == {"S": "ERROR", "V": "ERROR", "C": "XX000", "M": "internal error"}
    assert b"secret internal detail" not in b"".join(h.chan.writes)
    assert any("secret internal detail" in (r.exc_text or "") for r in caplog.records)
    assert not h.chan.closed
    assert kinds(await h.send(query("select 1"))) == "TDCZ"


@async_test
async def test_fatal_sql_error_closes_the_connection() -> None:
    h = await logged_in()
    msgs = await h.send(query("fatal"))
    assert [(e["S"], e["C"]) for e in errors(msgs)] == [("FATAL", "XX000")]
    assert h.chan.closed and h.session.terminated


@async_test
async def test_invalid_utf8_in_query_is_a_plain_error() -> None:
    h = await logged_in()
    msgs = await h.send(fe(b"Q", b"select \xff\0"))
    assert kinds(msgs) == "EZ" and errors(msgs)[0]["C"] == "22021"
    assert kinds(await h.send(query("select 1"))) == "TDCZ"


# ---------------------------------------------------------------------------------------------
# Extended query protocol
# ---------------------------------------------------------------------------------------------


@async_test
async def test_extended_flow_is_one_write_per_sync() -> None:
    h = await logged_in()
    writes = len(h.chan.writes)
    msgs = await h.send(parse("", "select 2"), bind("", ""), describe("P", ""), execute(""), SYNC)
    assert msgs == [
        ("1",),
        ("2",),
        ("T", [("n", INT4, 4, -1, 0)]),
        ("D", [b"1"]),
        ("D", [b"2"]),
        ("C", "SELECT 2"),
        ("Z", "I"),
    ]
    assert len(h.chan.writes) == writes + 1


@async_test
async def test_describe_statement() -> None:
    h = await logged_in()
    msgs = await h.send(parse("s1", "echo $1", (TEXT,)), describe("S", "s1"), parse("s2", "insert"))
    assert msgs == []  # nothing is written before Sync or Flush
    msgs = await h.send(describe("S", "s2"), SYNC)
    assert msgs == [
        ("1",),
        ("t", [TEXT]),
        ("T", [("echo", TEXT, -1, -1, 0)]),
        ("1",),
        ("t", []),
        ("n",),
        ("Z", "I"),
    ]


@async_test
async def test_parameters_and_binary_results() -> None:
    h = await logged_in()
    echo = parse("", "echo $1") + bind("", "", (b"hi",)) + execute("")
    binary = parse("", "select 2") + bind("", "", result_formats=(1,)) + describe("P", "") + execute("")
    msgs = await h.send(echo, binary, SYNC)
    assert msgs[2] == ("D", [b"hi"])
    assert msgs[6] == ("T", [("n", INT4, 4, -1, 1)])
    assert [msg[1] for msg in msgs if msg[0] == "D"][1:] == [[b"\0\0\0\1"], [b"\0\0\0\2"]]


@async_test
async def test_portal_suspended_and_resumed() -> None:
    h = await logged_in()
    await h.send(query("begin"))
    msgs = await h.send(
        parse("", "select 5"), bind("c", ""), execute("c", 2), execute("c", 2), execute("c", 2), SYNC
    )
    assert kinds(msgs) == "12DDsDDsDCZ"
    assert msgs[-2] == ("C", "SELECT 1") and msgs[-1] == ("Z", "T")
    # Exactly at the end: suspended, and the next Execute finds no more rows.
    msgs = await h.send(parse("", "select 2"), bind("d", ""), execute("d", 2), execute("d", 2), SYNC)
    assert kinds(msgs) == "12DDsCZ" and msgs[-2] == ("C", "SELECT 0")


@async_test
async def test_empty_statement_in_extended_mode() -> None:
    h = await logged_in()
    msgs = await h.send(parse("", ""), bind("", ""), describe("P", ""), execute(""), SYNC)
    assert kinds(msgs) == "12nIZ"


@async_test
async def test_error_skips_until_sync() -> None:
    h = await logged_in()
    msgs = await h.send(
        parse("", "fail"), bind("", ""), describe("P", ""), execute(""), query("select 1"), FLUSH
    )
    assert kinds(msgs) == "E"  # the error is flushed at once; the rest is discarded
    assert h.conn.skipping_until_sync
    assert h.session.calls == ["parse", "on_error"]
    msgs = await h.send(SYNC)
    assert msgs == [("Z", "I")]
    assert not h.conn.skipping_until_sync
    assert kinds(await h.send(parse("", "select 1"), bind("", ""), execute(""), SYNC)) == "12DCZ"


@async_test
async def test_error_in_explicit_transaction_gives_failed_status() -> None:
    h = await logged_in()
    await h.send(query("begin"))
    msgs = await h.send(parse("", "divzero"), bind("", ""), execute(""), parse("", "select 1"), SYNC)
    assert kinds(msgs) == "12EZ" and msgs[-1] == ("Z", "E")


@async_test
async def test_terminate_is_honoured_while_skipping() -> None:
    h = await logged_in()
    await h.send(parse("", "fail"))
    assert h.conn.skipping_until_sync
    await h.send(TERMINATE)
    assert h.chan.closed and h.session.terminated and len(h.keys) == 0


@async_test
async def test_flush_writes_pending_output() -> None:
    h = await logged_in()
    assert await h.send(parse("a", "select 1"), bind("", "a")) == []
    assert await h.send(FLUSH) == [("1",), ("2",)]


@async_test
async def test_statement_errors_and_close() -> None:
    h = await logged_in()
    msgs = await h.send(parse("a", "select 1"), parse("a", "select 2"), SYNC)
    assert kinds(msgs) == "1EZ" and errors(msgs)[0]["C"] == "42P05"
    msgs = await h.send(close("S", "a"), close("P", "nope"), parse("a", "select 2"), SYNC)
    assert kinds(msgs) == "331Z"
    assert h.session.calls.count("close_statement") == 1 and h.session.calls.count("close_portal") == 1
    msgs = await h.send(describe("S", "zzz"), SYNC)
    assert kinds(msgs) == "EZ" and errors(msgs)[0]["C"] == "26000"


@async_test
async def test_sync_future_error() -> None:
    h = await logged_in()
    fut: Future[Any] = Future()
    fut.set_exception(SqlError("40001", "could not serialize access due to concurrent update"))
    h.session.sync_future = fut
    msgs = await h.send(parse("", "insert"), bind("", ""), execute(""), SYNC)
    assert kinds(msgs) == "12CEZ"
    assert not h.conn.skipping_until_sync


@async_test
async def test_invalid_utf8_in_parse_starts_skip() -> None:
    h = await logged_in()
    msgs = await h.send(fe(b"P", b"\0select \xff\0\0\0"), bind("", ""), execute(""), SYNC)
    assert kinds(msgs) == "EZ" and errors(msgs)[0]["C"] == "22021"


@async_test
async def test_internal_error_in_extended_mode() -> None:
    h = await logged_in()
    msgs = await h.send(parse("", "boom"), bind("", ""), execute(""), execute(""), SYNC)
    assert kinds(msgs) == "12EZ" and errors(msgs)[0]["C"] == "XX000"


# ---------------------------------------------------------------------------------------------
# Other messages
# ---------------------------------------------------------------------------------------------


@async_test
async def test_function_call_is_not_supported() -> None:
    h = await logged_in()
    msgs = await h.send(fe(b"F", b"\0\0\0\1\0\0\0\0\0\0"))
    assert kinds(msgs) == "EZ" and errors(msgs)[0]["C"] == "0A000"


@async_test
async def test_copy_messages_outside_copy_are_ignored() -> None:
    h = await logged_in()
    assert await h.send(fe(b"d", b"1\t2\n"), fe(b"c"), fe(b"f", b"oops\0"), fe(b"f", b"\xff\0")) == []
    assert kinds(await h.send(query("select 1"))) == "TDCZ"


@async_test
async def test_terminate() -> None:
    h = await logged_in()
    assert await h.send(TERMINATE, query("select 1")) == []
    assert h.chan.closed and h.conn.closed and h.session.terminated
    assert h.session.calls == ["terminate"]


@async_test
async def test_run_loop_and_connection_lost() -> None:
    h = await logged_in()
    task = asyncio.create_task(h.conn.run())
    h.conn.feed(query("select 1"))
    for _ in range(5):
        await asyncio.sleep(0)
    assert kinds(h.chan.output())[-4:] == "TDCZ"
    h.conn.connection_lost()
    await task
    assert h.session.terminated and h.conn.closed and len(h.keys) == 0


@async_test
async def test_eof_processes_pending_messages_then_closes() -> None:
    h = await logged_in()
    task = asyncio.create_task(h.conn.run())
    h.conn.feed(query("insert"))
    h.conn.feed_eof()
    await task
    assert kinds(h.chan.output())[-2:] == "CZ"
    assert h.chan.closed and h.session.terminated


# ---------------------------------------------------------------------------------------------
# Cancel, shutdown, flow control
# ---------------------------------------------------------------------------------------------


async def _wait_until(cond: Callable[[], bool]) -> None:
    for _ in range(1000):
        if cond():
            return
        await asyncio.sleep(0)
    raise AssertionError("condition not reached")


@async_test
async def test_cancel_request_cancels_running_statement() -> None:
    a = await logged_in()
    writes = len(a.chan.writes)
    task = asyncio.create_task(a.send(query("big 1000 1000")))
    await _wait_until(lambda: len(a.chan.writes) > writes)  # streaming, yielding between chunks

    wrong = Harness(keys=a.keys)
    assert await wrong.send(cancel_packet(a.pid, a.secret ^ 1)) == [] and wrong.chan.closed
    assert "cancel" not in a.session.calls

    b = Harness(keys=a.keys)
    assert await b.send(cancel_packet(a.pid, a.secret)) == []
    assert b.chan.closed and b.conn.closed
    msgs = await task
    assert errors(msgs)[0]["C"] == "57014" and msgs[-1] == ("Z", "I")
    assert 0 < kinds(msgs).count("D") < 1000
    assert a.session.calls.count("cancel") == 1


@async_test
async def test_cancel_when_idle_is_ignored() -> None:
    a = await logged_in()
    b = Harness(keys=a.keys)
    await b.send(cancel_packet(a.pid, a.secret))
    assert "cancel" not in a.session.calls
    assert kinds(await a.send(query("select 1"))) == "TDCZ"


@async_test
async def test_admin_shutdown_of_idle_connection() -> None:
    h = await logged_in()
    task = asyncio.create_task(h.conn.run())
    await asyncio.sleep(0)
    h.conn.admin_shutdown()
    await task
    (err,) = errors(h.chan.output())
    assert (err["S"], err["C"], err["M"]) == (
        "FATAL",
        "57P01",
        "terminating connection due to administrator command",
    )
    assert h.chan.closed and h.session.terminated


@async_test
async def test_admin_shutdown_of_busy_connection() -> None:
    h = await logged_in()
    task = asyncio.create_task(h.conn.run())
    writes = len(h.chan.writes)
    h.conn.feed(query("big 1000 1000"))
    await _wait_until(lambda: len(h.chan.writes) > writes)
    h.conn.admin_shutdown()
    await task
    errs = errors(h.chan.output())
    assert [(e["S"], e["C"]) for e in errs] == [("FATAL", "57P01")]  # not the 57014 behind it
    assert h.chan.closed and h.session.terminated


@async_test
async def test_large_result_is_written_in_chunks() -> None:
    h = await logged_in()
    writes = len(h.chan.writes)
    msgs = await h.send(query("big 300 1000"))
    assert kinds(msgs).count("D") == 300 and msgs[-2:] == [("C", "SELECT 300"), ("Z", "I")]
    chunks = h.chan.writes[writes:]
    assert len(chunks) >= 300 * 1000 // FLUSH_THRESHOLD
    assert all(len(c) < FLUSH_THRESHOLD + 2000 for c in chunks)


@async_test
async def test_write_backpressure_and_read_pausing() -> None:
    h = await logged_in()
    task = asyncio.create_task(h.conn.run())
    await asyncio.sleep(0)
    h.chan.set_paused(True)
    calls = len(h.session.calls)
    h.conn.feed(query("select 1"))
    await _wait_until(lambda: h.chan.waits > 0)
    assert len(h.session.calls) == calls  # not handled while the client does not read
    # A flood of input while blocked: reading is paused ...
    h.conn.feed(query("select 1" + " " * (INPUT_HIGH_WATER + 10)))
    assert h.chan.reading_paused
    h.chan.set_paused(False)
    await _wait_until(lambda: kinds(h.chan.output()).endswith("TDCZTDCZ"))
    # ... and resumed once everything was processed.
    await _wait_until(lambda: not h.chan.reading_paused)
    h.conn.connection_lost()
    await task


@async_test
async def test_streaming_waits_while_writing_is_paused() -> None:
    h = await logged_in()
    task = asyncio.create_task(h.send(query("big 200 1000")))
    await _wait_until(lambda: h.chan.waits == 0 and len(h.chan.writes) > 3)
    h.chan.set_paused(True)
    await _wait_until(lambda: h.chan.waits > 0)
    written = len(h.chan.writes)
    for _ in range(10):
        await asyncio.sleep(0)
    assert len(h.chan.writes) == written and not task.done()
    h.chan.set_paused(False)
    msgs = await task
    assert msgs[-1] == ("Z", "I")


# ---------------------------------------------------------------------------------------------
# Row encoding and the cancel key table
# ---------------------------------------------------------------------------------------------


def test_row_encoder_matches_data_row() -> None:
    session = FakeSession("u", "d")
    cols = [ColumnInfo("a", INT4), ColumnInfo("b", TEXT), ColumnInfo("c", BOOL), ColumnInfo("d", NUMERIC)]
    enc = results.make_row_encoder(cols, (), session)
    for row in [(1, "x", True, 2.5), (None, None, None, None), (-7, "é" * 300, False, 10**30)]:
        values = [
            None if v is None else session.text_output(c.type_oid)(v).encode() for c, v in zip(cols, row)
        ]
        expected = m.data_row(values)
        assert enc(row) == expected
    one = results.make_row_encoder(cols[:1], (1,), session)
    assert one((5,)) == m.data_row([b"\0\0\0\5"]) and one((None,)) == m.data_row([None])
    with pytest.raises(RuntimeError):
        enc((1, 2))


def test_row_encoder_fast_paths_fall_back_for_other_types() -> None:
    session = FakeSession("u", "d")
    enc = results.make_row_encoder([ColumnInfo("a", INT4), ColumnInfo("b", TEXT)], (0, 0), session)
    assert enc((True, 3)) == m.data_row([b"True", b"3"])  # through session.text_output


def test_row_description_cache() -> None:
    cache = results.RowDescriptionCache()
    cols = [ColumnInfo("n", INT4, typmod=-1, table_oid=5, attnum=2)]
    first = cache.get(cols)
    assert first is cache.get(cols)
    assert decode_stream(first) == [("T", [("n", INT4, 4, -1, 0)])]
    assert decode_stream(cache.get(cols, (1,))) == [("T", [("n", INT4, 4, -1, 1)])]
    with pytest.raises(SqlError):
        results.normalize_formats((0, 1), 3)


def test_cancel_key_table() -> None:
    table = CancelKeyTable()
    conns = [object() for _ in range(3)]
    keys = [table.register(c) for c in conns]  # type: ignore[arg-type]
    assert len({pid for pid, _ in keys}) == 3 and all(pid > 0 for pid, _ in keys)
    assert all(-(2**31) <= secret < 2**31 for _, secret in keys)
    pid, secret = keys[0]
    assert table.lookup(pid) is conns[0]
    table.unregister(pid)
    assert table.lookup(pid) is None and not table.cancel(pid, secret)


# ---------------------------------------------------------------------------------------------
# Configuration and the command line
# ---------------------------------------------------------------------------------------------


def test_config_from_env() -> None:
    env = {"PGDATA": "/d", "PGPORT": "6000", "POSTGRES_USER": "bob", "POSTGRES_PASSWORD": "pw"}
    cfg = ServerConfig.from_env(env)
    assert (cfg.data_dir, cfg.port, cfg.superuser, cfg.password, cfg.initial_dbname) == (
        "/d",
        6000,
        "bob",
        "pw",
        "bob",
    )
    env["PGSERVER_DATA_DIR"] = "/e"
    env["POSTGRES_DB"] = "app"
    cfg = ServerConfig.from_env(env, port=7000, host="*")
    assert (cfg.data_dir, cfg.port, cfg.initial_dbname, cfg.listen_hosts) == ("/e", 7000, "app", None)
    assert ServerConfig.from_env({}, host="a, b").listen_hosts == ["a", "b"]
    with pytest.raises(ValueError):
        ServerConfig.from_env({"PGPORT": "x"})
    with pytest.raises(ValueError):
        ServerConfig(port=70000)


@pytest.fixture
def fake_instance_module(monkeypatch: pytest.MonkeyPatch) -> Iterator[types.SimpleNamespace]:
    state = types.SimpleNamespace(initialized=False, init_args=None, closed=False, runs=[])

    class Instance:
        def __init__(self, data_dir: str) -> None:
            state.data_dir = data_dir
            self.reload_hooks: list[Any] = []
            self.server_settings: dict[str, str] = {}

        def is_initialized(self) -> bool:
            return bool(state.initialized)

        def initialize(self, superuser: str, password: str, dbname: str) -> None:
            state.init_args = (superuser, password, dbname)

        def close(self) -> None:
            state.closed = True

    module = types.ModuleType("sql.instance")
    module.Instance = Instance  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sql.instance", module)
    import pgserver.server

    monkeypatch.setattr(pgserver.server, "run", lambda config, inst, **_security: state.runs.append(config))
    for name in ("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "PGDATA", "PGSERVER_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    logger = logging.getLogger("pgserver")
    saved = (logger.handlers[:], logger.level, logger.propagate)
    yield state
    logger.handlers[:], logger.level, logger.propagate = saved


def test_main_requires_password_on_first_start(
    fake_instance_module: types.SimpleNamespace, capsys: pytest.CaptureFixture[str]
) -> None:
    from pgserver.__main__ import main

    assert main(["--data-dir", "/nonexistent/x", "--port", "0"]) == 1
    assert "POSTGRES_PASSWORD must be set on first start" in capsys.readouterr().err
    assert fake_instance_module.init_args is None and fake_instance_module.runs == []
    assert fake_instance_module.closed


def test_main_initializes_then_serves(
    fake_instance_module: types.SimpleNamespace, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from pgserver.__main__ import main

    monkeypatch.setenv("POSTGRES_PASSWORD", "pw")
    monkeypatch.setenv("POSTGRES_USER", "admin")
    assert main(["-D", str(tmp_path), "--no-uvloop"]) == 0
    assert fake_instance_module.init_args == ("admin", "pw", "admin")
    (config,) = fake_instance_module.runs
    assert config.data_dir == str(tmp_path) and config.use_uvloop is False and config.port == 5432
    # Already initialised: no password needed.
    monkeypatch.delenv("POSTGRES_PASSWORD")
    monkeypatch.setenv("PGSERVER_DATA_DIR", str(tmp_path))
    fake_instance_module.initialized = True
    assert main([]) == 0


def test_python_dash_m_help() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pgserver", "--help"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0 and "--data-dir" in proc.stdout


# ---------------------------------------------------------------------------------------------
# pgserver.server over a local socket (fake instance; raw protocol bytes, no real client)
# ---------------------------------------------------------------------------------------------


async def _read_msg(reader: asyncio.StreamReader) -> tuple[Any, ...]:
    header = await reader.readexactly(5)
    (n,) = struct.unpack("!i", header[1:])
    return decode_backend(chr(header[0]), await reader.readexactly(n - 4))


async def _read_until(reader: asyncio.StreamReader, kind: str) -> list[tuple[Any, ...]]:
    msgs = []
    while True:
        msg = await _read_msg(reader)
        msgs.append(msg)
        if msg[0] == kind:
            return msgs


async def _socket_login(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, tuple[int, int]]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    client = ScramClient(["SCRAM-SHA-256"], "alice", PASSWORD)
    writer.write(startup_packet({"user": "alice"}))
    assert (await _read_msg(reader))[:2] == ("R", 10)
    writer.write(sasl_initial("SCRAM-SHA-256", client.get_client_first().encode()))
    client.set_server_first((await _read_msg(reader))[2].decode())
    writer.write(fe(b"p", client.get_client_final().encode()))
    msgs = await _read_until(reader, "Z")
    key = next(msg for msg in msgs if msg[0] == "K")
    return reader, writer, (key[1], key[2])


async def _start_server(**config: Any) -> PgServer:
    server = PgServer(ServerConfig(port=0, **config), FakeInstance())
    await server.start()
    return server


@pytest.mark.parametrize("event_loop", ["asyncio", "uvloop"])
@async_test
async def test_server_query_and_shutdown(event_loop: str) -> None:
    server = await _start_server()
    reader, writer, _ = await _socket_login(server.port)
    writer.write(query("select 3"))
    assert kinds(await _read_until(reader, "Z")) == "TDDDCZ"
    await server.shutdown()
    msg = await _read_msg(reader)
    assert msg[0] == "E" and msg[1]["C"] == "57P01"
    assert await reader.read() == b""
    writer.close()


@pytest.mark.parametrize("event_loop", ["asyncio", "uvloop"])
@async_test
async def test_server_too_many_clients(event_loop: str) -> None:
    server = await _start_server(max_connections=1)
    _, writer1, _ = await _socket_login(server.port)
    reader2, writer2 = await asyncio.open_connection("127.0.0.1", server.port)
    writer2.write(startup_packet({"user": "alice"}))
    msg = await _read_msg(reader2)
    assert msg[0] == "E" and msg[1]["C"] == "53300"
    writer1.close()
    writer2.close()
    await server.shutdown()


@pytest.mark.parametrize("event_loop", ["asyncio", "uvloop"])
@async_test
async def test_server_cancel_request_on_new_socket(event_loop: str) -> None:
    server = await _start_server()
    reader, writer, (pid, secret) = await _socket_login(server.port)
    writer.write(query("big 100000 1000"))  # ~100 MB if not cancelled; we do not read yet
    await asyncio.sleep(0.05)
    creader, cwriter = await asyncio.open_connection("127.0.0.1", server.port)
    cwriter.write(cancel_packet(pid, secret))
    assert await creader.read() == b""  # closed without a reply
    cwriter.close()
    msgs = await _read_until(reader, "Z")
    assert errors(msgs)[0]["C"] == "57014"
    assert kinds(msgs).count("D") < 100000
    writer.close()
    await server.shutdown()
