"""The extended query protocol through real clients: psycopg prepared statements (explicit and
after the prepare threshold), executemany, libpq's Describe, asyncpg (binary format for
everything, cursors fetching with row-limited Execute), and a minimal wire-level client that
checks the exact message sequences of row-limited Execute (PortalSuspended), Describe and
error recovery (skip until Sync)."""

from __future__ import annotations

import asyncio
import json
import socket
import struct
import uuid
from collections.abc import Callable, Coroutine, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

import asyncpg
import psycopg
import pytest
from psycopg import errors
from scramp import ScramClient

T = TypeVar("T")

INT4, INT8, TEXT, NUMERIC, BOOL = 23, 20, 25, 1700, 16


@pytest.fixture(scope="module")
def db(server: Any) -> Iterator[str]:
    """One database for this module (tests use tables of their own)."""
    name = f"ext_{uuid.uuid4().hex[:8]}"
    with server.connect() as c:
        c.execute(f"CREATE DATABASE {name}")
    try:
        yield name
    finally:
        with server.connect() as c:
            c.execute(f"DROP DATABASE IF EXISTS {name}")


@pytest.fixture()
def dbconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        yield c


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


# ---------------------------------------------------------------------------------------------
# psycopg
# ---------------------------------------------------------------------------------------------


def test_prepare_true(dbconn: psycopg.Connection) -> None:
    c = dbconn
    table = unique("p")
    c.execute(f"CREATE TABLE {table} (id int PRIMARY KEY, name text, price numeric(8,2))")
    for i in range(3):
        c.execute(f"INSERT INTO {table} VALUES (%s, %s, %s)", [i, f"n{i}", Decimal(i) / 4], prepare=True)
    for i in range(3):
        cur = c.execute(f"SELECT name, price FROM {table} WHERE id = %s", [i], prepare=True)
        assert cur.fetchall() == [(f"n{i}", Decimal(i) / 4)]
    cur = c.cursor(binary=True)
    for i in range(3):
        assert cur.execute(f"SELECT id FROM {table} WHERE name = %s", [f"n{i}"], prepare=True).fetchall() == [(i,)]


def test_prepare_threshold_named_statements(server: Any, db: str) -> None:
    """psycopg prepares a query as a named statement after it has run prepare_threshold (5)
    times; the results must stay the same before and after."""
    with server.connect(dbname=db) as c:
        assert c.prepare_threshold == 5
        table = unique("thr")
        c.execute(f"CREATE TABLE {table} (id int PRIMARY KEY, v text)")
        for i in range(12):
            c.execute(f"INSERT INTO {table} VALUES (%s, %s)", [i, f"v{i}"])
        for i in range(12):
            assert c.execute(f"SELECT v FROM {table} WHERE id = %s", [i]).fetchall() == [(f"v{i}",)]
            assert c.execute("SELECT %s::int * 2, %s::text", [i, "x"]).fetchone() == (2 * i, "x")
        # DDL after preparing: psycopg forgets its prepared statements, the server must cope
        c.execute(f"CREATE INDEX {table}_v ON {table} (v)")
        for i in range(7):
            assert c.execute(f"SELECT id FROM {table} WHERE v = %s", [f"v{i}"]).fetchall() == [(i,)]
    with server.connect(dbname=db) as c:
        c.prepare_threshold = 0  # prepare everything, from the first execution
        for i in range(3):
            assert c.execute(f"SELECT count(*) FROM {table} WHERE id < %s", [i]).fetchone() == (i,)


def test_low_level_prepare_describe(dbconn: psycopg.Connection) -> None:
    """Parse without parameter types: the server infers them (ParameterDescription)."""
    table = unique("d")
    dbconn.execute(f"CREATE TABLE {table} (id int PRIMARY KEY, name text, big int8, amount numeric(10,2))")
    pg = dbconn.pgconn
    res = pg.prepare(b"ins", f"INSERT INTO {table} (id, name, big, amount) VALUES ($1, $2, $3, $4)".encode())
    assert res.status == psycopg.pq.ExecStatus.COMMAND_OK
    desc = pg.describe_prepared(b"ins")
    assert [desc.param_type(i) for i in range(desc.nparams)] == [INT4, TEXT, INT8, NUMERIC]
    assert desc.nfields == 0
    res = pg.exec_prepared(b"ins", [b"1", b"one", b"10000000000", b"12.5"])
    assert res.status == psycopg.pq.ExecStatus.COMMAND_OK
    assert res.command_status == b"INSERT 0 1"
    res = pg.prepare(b"sel", f"SELECT id, name, amount FROM {table} WHERE big = $1 AND name <> $2".encode())
    desc = pg.describe_prepared(b"sel")
    assert [desc.param_type(i) for i in range(desc.nparams)] == [INT8, TEXT]
    assert [desc.fname(i) for i in range(desc.nfields)] == [b"id", b"name", b"amount"]
    assert [desc.ftype(i) for i in range(desc.nfields)] == [INT4, TEXT, NUMERIC]
    res = pg.exec_prepared(b"sel", [b"10000000000", b"x"])
    assert res.status == psycopg.pq.ExecStatus.TUPLES_OK
    assert res.ntuples == 1
    assert [res.get_value(0, i) for i in range(3)] == [b"1", b"one", b"12.50"]
    # binary result format
    res = pg.exec_prepared(b"sel", [b"10000000000", b"x"], result_format=1)
    assert res.get_value(0, 0) == struct.pack("!i", 1)
    # an explicit parameter type wins over inference
    pg.prepare(b"typed", b"SELECT $1 || 'x'", [TEXT])
    assert pg.describe_prepared(b"typed").param_type(0) == TEXT
    res = pg.exec_prepared(b"typed", [b"a"])
    assert res.get_value(0, 0) == b"ax"
    # Describe of a portal
    res = pg.exec_params(b"SELECT 1::int4 AS one", None)
    assert res.fname(0) == b"one"
    if psycopg.pq.version() >= 170000:  # Close (statement) through libpq needs libpq 17
        res = pg.close_prepared(b"sel")
        assert res.status == psycopg.pq.ExecStatus.COMMAND_OK
        res = pg.exec_prepared(b"sel", [b"1", b"x"])
        assert res.status == psycopg.pq.ExecStatus.FATAL_ERROR
        assert res.error_field(psycopg.pq.DiagnosticField.SQLSTATE) == b"26000"
    assert dbconn.execute("SELECT 1").fetchone() == (1,)


def test_executemany(dbconn: psycopg.Connection) -> None:
    c = dbconn
    table = unique("many")
    c.execute(f"CREATE TABLE {table} (id int PRIMARY KEY, name text, at timestamptz, ok bool)")
    base = datetime(2024, 1, 1, tzinfo=UTC)
    rows = [(i, f"name {i}", base + timedelta(minutes=i), i % 2 == 0) for i in range(200)]
    cur = c.cursor()
    cur.executemany(f"INSERT INTO {table} VALUES (%s, %s, %s, %s)", rows)
    assert cur.rowcount == 200
    assert c.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() == rows
    cur.executemany(f"UPDATE {table} SET name = %s WHERE id = %s RETURNING id, name",
                    [(f"new {i}", i) for i in range(5)], returning=True)
    got = []
    while True:
        got += cur.fetchall()
        if not cur.nextset():
            break
    assert got == [(i, f"new {i}") for i in range(5)]
    with pytest.raises(errors.UniqueViolation):
        cur.executemany(f"INSERT INTO {table} (id) VALUES (%s)", [(1000,), (1001,), (5,)])
    # psycopg pipelines executemany with one Sync at the end: one implicit transaction
    assert c.execute(f"SELECT count(*) FROM {table}").fetchone() == (200,)
    assert c.execute("SELECT 1").fetchone() == (1,)


def test_executemany_in_transaction_is_atomic(dbconn: psycopg.Connection) -> None:
    c = dbconn
    table = unique("manytx")
    c.execute(f"CREATE TABLE {table} (id int PRIMARY KEY)")
    with pytest.raises(errors.UniqueViolation):
        with c.transaction():
            c.cursor().executemany(f"INSERT INTO {table} VALUES (%s)", [(1,), (2,), (1,)])
    assert c.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)


# ---------------------------------------------------------------------------------------------
# asyncpg: binary format for parameters and results, Execute with a row limit for cursors
# ---------------------------------------------------------------------------------------------


def run_async(server: Any, db: str, body: Callable[[asyncpg.Connection], Coroutine[Any, Any, T]]) -> T:
    async def main() -> T:
        c = await asyncpg.connect(host=server.host, port=server.port, user=server.user,
                                  password=server.password, database=db, timeout=10)
        try:
            return await asyncio.wait_for(body(c), 30)
        finally:
            await c.close()

    return asyncio.run(main())


ASYNCPG_VALUES: list[tuple[str, Any]] = [
    ("int2", -32768),
    ("int4", 2147483647),
    ("int8", -9223372036854775808),
    ("numeric(20,6)", Decimal("-12345678901234.123456")),
    ("float4", 0.5),
    ("float8", -2.718281828459045),
    ("text", "tëxt 'quoted' ☃"),
    ("varchar(8)", "varchar"),
    ("char(4)", "ab  "),
    ("bool", True),
    ("date", date(1999, 12, 31)),
    ("timestamp", datetime(1999, 12, 31, 23, 59, 59, 999999)),
    ("timestamptz", datetime(2024, 6, 1, 12, 0, 0, 123000, tzinfo=UTC)),
    ("uuid", uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
    ("bytea", bytes(range(256))),
    ("jsonb", json.dumps({"k": [1, "two", None]})),
]


def test_asyncpg_types_round_trip(server: Any, db: str) -> None:
    table = unique("apg")
    cols = [f"c{i}" for i in range(len(ASYNCPG_VALUES))]
    values = [v for _, v in ASYNCPG_VALUES]

    async def body(c: asyncpg.Connection) -> None:
        defs = ", ".join(f"{col} {t}" for col, (t, _) in zip(cols, ASYNCPG_VALUES))
        await c.execute(f"CREATE TABLE {table} (id int PRIMARY KEY, {defs})")
        placeholders = ", ".join(f"${i + 2}" for i in range(len(cols)))
        status = await c.execute(f"INSERT INTO {table} VALUES ($1, {placeholders})", 1, *values)
        assert status == "INSERT 0 1"
        await c.execute(f"INSERT INTO {table} (id) VALUES ($1)", 2)
        row = await c.fetchrow(f"SELECT {', '.join(cols)} FROM {table} WHERE id = $1", 1)
        assert row is not None
        got = list(row.values())
        assert got[:-1] == values[:-1]
        assert json.loads(got[-1]) == json.loads(values[-1])
        nulls = await c.fetchrow(f"SELECT {', '.join(cols)} FROM {table} WHERE id = $1", 2)
        assert nulls is not None and list(nulls.values()) == [None] * len(cols)
        # each value as a parameter compared with its column
        for col, (t, v) in zip(cols, ASYNCPG_VALUES):
            assert await c.fetchval(f"SELECT id FROM {table} WHERE {col} = $1", v) == 1, t
        # each value echoed through a typed parameter
        for t, v in ASYNCPG_VALUES:
            assert await c.fetchval(f"SELECT $1::{t}", v) == v, t

    run_async(server, db, body)


def test_asyncpg_fetch_execute_prepare(server: Any, db: str) -> None:
    table = unique("apgf")

    async def body(c: asyncpg.Connection) -> None:
        await c.execute(f"CREATE TABLE {table} (id int PRIMARY KEY, name text NOT NULL, score float8)")
        await c.executemany(f"INSERT INTO {table} VALUES ($1, $2, $3)",
                            [(i, f"n{i}", i / 2) for i in range(20)])
        rows = await c.fetch(f"SELECT id, name FROM {table} WHERE score >= $1 ORDER BY id DESC LIMIT $2",
                             8.0, 3)
        assert [tuple(r) for r in rows] == [(19, "n19"), (18, "n18"), (17, "n17")]
        assert await c.fetchval(f"SELECT count(*) FROM {table}") == 20
        assert await c.execute(f"UPDATE {table} SET score = score * $1 WHERE id < $2", 2.0, 10) == "UPDATE 10"
        stmt = await c.prepare(f"SELECT name, score FROM {table} WHERE id = $1")
        assert [t.name for t in stmt.get_parameters()] == ["int4"]
        assert [(a.name, a.type.name) for a in stmt.get_attributes()] == [("name", "text"), ("score", "float8")]
        for i in (1, 15):
            assert tuple(await stmt.fetchrow(i)) == (f"n{i}", i / 2 * (2 if i < 10 else 1))
        with pytest.raises(asyncpg.UniqueViolationError) as info:
            await c.execute(f"INSERT INTO {table} VALUES ($1, $2, $3)", 1, "dup", 0.0)
        assert info.value.sqlstate == "23505"
        with pytest.raises(asyncpg.NotNullViolationError):
            await c.execute(f"INSERT INTO {table} VALUES ($1, $2, $3)", 100, None, 0.0)
        async with c.transaction():
            await c.execute(f"DELETE FROM {table} WHERE id >= $1", 10)
            assert await c.fetchval(f"SELECT count(*) FROM {table}") == 10
            with pytest.raises(RuntimeError):
                async with c.transaction():  # a savepoint
                    await c.execute(f"DELETE FROM {table}")
                    assert await c.fetchval(f"SELECT count(*) FROM {table}") == 0
                    raise RuntimeError("roll back to the savepoint")
            assert await c.fetchval(f"SELECT count(*) FROM {table}") == 10
        assert await c.fetchval(f"SELECT count(*) FROM {table}") == 10
        assert await c.fetchval("SELECT 1") == 1

    run_async(server, db, body)


def test_asyncpg_cursor_row_limited_execute(server: Any, db: str) -> None:
    """asyncpg's cursors run Execute with a row limit and resume after PortalSuspended."""
    table = unique("cur")

    async def body(c: asyncpg.Connection) -> None:
        await c.execute(f"CREATE TABLE {table} (id int PRIMARY KEY, v text)")
        await c.executemany(f"INSERT INTO {table} VALUES ($1, $2)", [(i, f"v{i}") for i in range(25)])
        async with c.transaction():
            got = [(r["id"], r["v"]) async for r in c.cursor(f"SELECT id, v FROM {table} ORDER BY id",
                                                             prefetch=2)]
            assert got == [(i, f"v{i}") for i in range(25)]
            cur = await c.cursor(f"SELECT id FROM {table} WHERE id >= $1 ORDER BY id", 5)
            assert [r["id"] for r in await cur.fetch(3)] == [5, 6, 7]
            assert (await cur.fetchrow())["id"] == 8
            assert [r["id"] for r in await cur.fetch(4)] == [9, 10, 11, 12]
            rest = await cur.fetch(100)
            assert [r["id"] for r in rest] == list(range(13, 25))
            assert await cur.fetch(5) == []

    run_async(server, db, body)


# ---------------------------------------------------------------------------------------------
# A minimal wire-level client, to see the exact backend message sequences
# ---------------------------------------------------------------------------------------------


def cstr(s: str) -> bytes:
    return s.encode() + b"\0"


class Wire:
    """Speaks protocol 3.0 over a socket: SCRAM-SHA-256 login, then raw frontend messages."""

    def __init__(self, server: Any, dbname: str) -> None:
        self.sock = socket.create_connection((server.host, server.port), timeout=10)
        self.buf = b""
        body = struct.pack("!i", 196608) + cstr("user") + cstr(server.user) + cstr("database") + cstr(dbname)
        body += b"\0"
        self.sock.sendall(struct.pack("!i", len(body) + 4) + body)
        kind, data = self.read()
        assert kind == b"R" and struct.unpack("!i", data[:4])[0] == 10, (kind, data)
        assert b"SCRAM-SHA-256" in data[4:].split(b"\0")
        scram = ScramClient(["SCRAM-SHA-256"], server.user, server.password)
        first = scram.get_client_first().encode()
        self.send(b"p", cstr("SCRAM-SHA-256") + struct.pack("!i", len(first)) + first)
        kind, data = self.read()
        assert kind == b"R" and struct.unpack("!i", data[:4])[0] == 11, (kind, data)
        scram.set_server_first(data[4:].decode())
        self.send(b"p", scram.get_client_final().encode())
        kind, data = self.read()
        assert kind == b"R" and struct.unpack("!i", data[:4])[0] == 12, (kind, data)
        scram.set_server_final(data[4:].decode())
        kind, data = self.read()
        assert kind == b"R" and struct.unpack("!i", data[:4])[0] == 0, (kind, data)
        self.until_ready()

    def close(self) -> None:
        try:
            self.send(b"X", b"")
        finally:
            self.sock.close()

    def send(self, kind: bytes, payload: bytes) -> None:
        self.sock.sendall(kind + struct.pack("!i", len(payload) + 4) + payload)

    def read(self) -> tuple[bytes, bytes]:
        while True:
            if len(self.buf) >= 5:
                (length,) = struct.unpack("!i", self.buf[1:5])
                if len(self.buf) >= length + 1:
                    kind, data = self.buf[:1], self.buf[5:length + 1]
                    self.buf = self.buf[length + 1:]
                    if kind in (b"N", b"S"):  # notices and parameter changes may come any time
                        continue
                    return kind, data
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("server closed the connection")
            self.buf += chunk

    def read_until(self, *last: bytes) -> list[tuple[bytes, bytes]]:
        out = []
        while True:
            msg = self.read()
            out.append(msg)
            if msg[0] in last:
                return out

    def until_ready(self) -> list[tuple[bytes, bytes]]:
        return self.read_until(b"Z")

    # frontend messages
    def query(self, sql: str) -> list[tuple[bytes, bytes]]:
        self.send(b"Q", cstr(sql))
        return self.until_ready()

    def parse(self, name: str, sql: str, oids: tuple[int, ...] = ()) -> None:
        self.send(b"P", cstr(name) + cstr(sql) + struct.pack("!h", len(oids))
                  + b"".join(struct.pack("!i", o) for o in oids))

    def bind(self, portal: str, stmt: str, params: tuple[bytes | None, ...] = (),
             result_formats: tuple[int, ...] = ()) -> None:
        payload = cstr(portal) + cstr(stmt) + struct.pack("!h", 0) + struct.pack("!h", len(params))
        for p in params:
            payload += struct.pack("!i", -1) if p is None else struct.pack("!i", len(p)) + p
        payload += struct.pack("!h", len(result_formats)) + b"".join(struct.pack("!h", f) for f in result_formats)
        self.send(b"B", payload)

    def describe(self, what: bytes, name: str) -> None:
        self.send(b"D", what + cstr(name))

    def execute(self, portal: str, max_rows: int = 0) -> None:
        self.send(b"E", cstr(portal) + struct.pack("!i", max_rows))

    def close_(self, what: bytes, name: str) -> None:
        self.send(b"C", what + cstr(name))

    def sync(self) -> list[tuple[bytes, bytes]]:
        self.send(b"S", b"")
        return self.until_ready()

    def flush(self) -> None:
        self.send(b"H", b"")


def kinds(msgs: list[tuple[bytes, bytes]]) -> str:
    return "".join(k.decode() for k, _ in msgs)


def data_rows(msgs: list[tuple[bytes, bytes]]) -> list[list[bytes | None]]:
    rows = []
    for kind, data in msgs:
        if kind != b"D":
            continue
        (n,) = struct.unpack("!h", data[:2])
        pos, row = 2, []
        for _ in range(n):
            (length,) = struct.unpack("!i", data[pos:pos + 4])
            pos += 4
            if length < 0:
                row.append(None)
            else:
                row.append(data[pos:pos + length])
                pos += length
        rows.append(row)
    return rows


def tag(msgs: list[tuple[bytes, bytes]]) -> str:
    return next(d for k, d in msgs if k == b"C").rstrip(b"\0").decode()


def status(msgs: list[tuple[bytes, bytes]]) -> bytes:
    kind, data = msgs[-1]
    assert kind == b"Z"
    return data


def sqlstate(msgs: list[tuple[bytes, bytes]]) -> str:
    data = next(d for k, d in msgs if k == b"E")
    fields = {f[:1]: f[1:] for f in data.split(b"\0") if f}
    return fields[b"C"].decode()


@pytest.fixture()
def wire(server: Any, db: str) -> Iterator[Wire]:
    w = Wire(server, db)
    try:
        yield w
    finally:
        w.close()


@pytest.fixture()
def numbers(server: Any, db: str) -> str:
    table = unique("num")
    with server.connect(dbname=db) as c:
        c.execute(f"CREATE TABLE {table} (n int PRIMARY KEY)")
        c.execute(f"INSERT INTO {table} SELECT * FROM (VALUES (1), (2), (3), (4), (5), (6), (7)) v")
    return table


def test_wire_row_limited_execute_portal_suspended(wire: Wire, numbers: str) -> None:
    w = wire
    w.parse("", f"SELECT n FROM {numbers} ORDER BY n")
    w.bind("", "")
    w.execute("", 2)
    w.flush()
    first = w.read_until(b"s")
    assert kinds(first) == "12DDs"  # ParseComplete, BindComplete, 2 DataRows, PortalSuspended
    assert data_rows(first) == [[b"1"], [b"2"]]
    w.execute("", 2)
    w.flush()
    second = w.read_until(b"s")
    assert kinds(second) == "DDs"
    assert data_rows(second) == [[b"3"], [b"4"]]
    w.execute("", 0)  # the rest
    rest = w.sync()
    assert kinds(rest) == "DDDCZ"
    assert data_rows(rest) == [[b"5"], [b"6"], [b"7"]]
    assert tag(rest) == "SELECT 3"
    assert status(rest) == b"I"


def test_wire_row_limit_exactly_exhausted(wire: Wire, numbers: str) -> None:
    w = wire
    w.parse("", f"SELECT n FROM {numbers} WHERE n <= 4 ORDER BY n")
    w.bind("", "")
    w.execute("", 4)
    w.flush()
    msgs = w.read_until(b"s", b"C")
    assert data_rows(msgs) == [[b"1"], [b"2"], [b"3"], [b"4"]]
    if kinds(msgs) == "12DDDDs":
        # PostgreSQL does not look ahead: 4 rows with a limit of 4 end in PortalSuspended, and
        # the next Execute completes the portal without rows
        w.execute("", 4)
        msgs = w.sync()
        assert kinds(msgs) == "CZ"
        assert tag(msgs) == "SELECT 0"
    else:
        # a server that knows the portal is exhausted may complete it right away
        assert kinds(msgs) == "12DDDDC"
        assert tag(msgs) == "SELECT 4"
        assert kinds(w.sync()) == "Z"


def test_wire_named_portal_across_syncs_in_transaction(wire: Wire, numbers: str) -> None:
    w = wire
    assert status(w.query("BEGIN")) == b"T"
    w.parse("stmt", f"SELECT n, n * 10 FROM {numbers} WHERE n > $1 ORDER BY n")
    w.bind("p1", "stmt", (b"2",))
    w.execute("p1", 3)
    msgs = w.sync()
    assert kinds(msgs) == "12DDDsZ"
    assert data_rows(msgs) == [[b"3", b"30"], [b"4", b"40"], [b"5", b"50"]]
    assert status(msgs) == b"T"
    w.execute("p1", 3)  # the portal survives Sync inside a transaction block
    msgs = w.sync()
    assert kinds(msgs) == "DDCZ"
    assert data_rows(msgs) == [[b"6", b"60"], [b"7", b"70"]]
    assert tag(msgs) == "SELECT 2"
    # a second portal on the same statement, with binary results
    w.bind("p2", "stmt", (b"6",), (1,))
    w.execute("p2", 0)
    msgs = w.sync()
    assert kinds(msgs) == "2DCZ"
    assert data_rows(msgs) == [[struct.pack("!i", 7), struct.pack("!i", 70)]]
    w.close_(b"P", "p2")
    w.close_(b"S", "stmt")
    assert kinds(w.sync()) == "33Z"
    assert status(w.query("COMMIT")) == b"I"
    w.bind("p3", "stmt", (b"1",))  # closed
    msgs = w.sync()
    assert kinds(msgs) == "EZ"
    assert sqlstate(msgs) == "26000"


def test_wire_describe(wire: Wire, numbers: str) -> None:
    w = wire
    w.parse("d", f"SELECT n, n::text AS t FROM {numbers} WHERE n = $1")
    w.describe(b"S", "d")
    msgs = w.sync()
    assert kinds(msgs) == "1tTZ"
    params = next(d for k, d in msgs if k == b"t")
    assert struct.unpack("!hi", params) == (1, INT4)
    row_desc = next(d for k, d in msgs if k == b"T")
    assert struct.unpack("!h", row_desc[:2]) == (2,)
    assert row_desc[2:].startswith(b"n\0")
    w.parse("nodata", f"INSERT INTO {numbers} VALUES ($1)")
    w.describe(b"S", "nodata")
    msgs = w.sync()
    assert kinds(msgs) == "1tnZ"  # NoData
    w.bind("", "d", (b"3",))
    w.describe(b"P", "")
    w.execute("", 0)
    msgs = w.sync()
    assert kinds(msgs) == "2TDCZ"
    assert data_rows(msgs) == [[b"3", b"3"]]


def test_wire_error_skips_until_sync(wire: Wire, numbers: str) -> None:
    w = wire
    w.parse("", f"SELECT n FROM {numbers} WHERE n = $1")
    w.bind("", "", (b"not a number",))
    w.execute("", 0)
    w.parse("", "SELECT 1")  # skipped: the server discards messages until Sync
    w.bind("", "")
    w.execute("", 0)
    msgs = w.sync()
    assert kinds(msgs) == "1EZ"
    assert sqlstate(msgs) == "22P02"
    assert status(msgs) == b"I"
    w.parse("", "SELEC 1")
    w.bind("", "")
    w.execute("", 0)
    msgs = w.sync()
    assert kinds(msgs) == "EZ"
    assert sqlstate(msgs) == "42601"
    # inside a transaction block the error fails the transaction
    w.query("BEGIN")
    w.parse("", f"SELECT 10 / (n - 1) FROM {numbers} ORDER BY n")
    w.bind("", "")
    w.execute("", 0)
    msgs = w.sync()
    assert kinds(msgs) == "12EZ"  # the error comes from Execute (no row was sent before it)
    assert sqlstate(msgs) == "22012"
    assert status(msgs) == b"E"
    w.parse("", "SELECT 1")
    msgs = w.sync()
    assert sqlstate(msgs) == "25P02"
    assert status(w.query("ROLLBACK")) == b"I"
    w.parse("", "SELECT 1")
    w.bind("", "")
    w.execute("", 0)
    msgs = w.sync()
    assert kinds(msgs) == "12DCZ"


def test_wire_implicit_transaction_until_sync(wire: Wire, numbers: str, server: Any, db: str) -> None:
    """Several Executes before one Sync are one implicit transaction."""
    w = wire
    w.parse("ins", f"INSERT INTO {numbers} VALUES ($1)")
    for value in (b"100", b"101", b"1"):  # the third is a duplicate key
        w.bind("", "ins", (value,))
        w.execute("", 0)
    msgs = w.sync()
    assert kinds(msgs) == "12C2C2EZ"
    assert sqlstate(msgs) == "23505"
    with server.connect(dbname=db) as c:
        assert c.execute(f"SELECT count(*) FROM {numbers} WHERE n >= 100").fetchone() == (0,)
    for value in (b"100", b"101"):
        w.bind("", "ins", (value,))
        w.execute("", 0)
    msgs = w.sync()
    assert kinds(msgs) == "2C2CZ"
    with server.connect(dbname=db) as c:
        assert c.execute(f"SELECT count(*) FROM {numbers} WHERE n >= 100").fetchone() == (2,)


def test_wire_simple_query_multiple_statements(wire: Wire, numbers: str) -> None:
    msgs = wire.query(f"SELECT count(*) FROM {numbers}; SELECT 'a' AS x, NULL AS y; SET application_name = 'w'")
    assert kinds(msgs) == "TDCTDCCZ"
    assert data_rows(msgs) == [[b"7"], [b"a", None]]
    assert [d.rstrip(b"\0").decode() for k, d in msgs if k == b"C"] == ["SELECT 1", "SELECT 1", "SET"]
    msgs = wire.query("")
    assert kinds(msgs) == "IZ"  # EmptyQueryResponse
