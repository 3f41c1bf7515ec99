"""Protocol fuzzer: malformed, truncated, oversized and out-of-order frontend messages over raw
sockets against a real server process.

After every example the server process is alive, the fuzzed connection got only well-formed
backend messages (ErrorResponses carry a SQLSTATE, never XX000 and never Python internals) and was
closed by the server once the client stopped sending, and a canary session in another database
still works and sees its committed rows.

CI runs each fuzzer for a few seconds; ``PGSERVER_FUZZ_SECONDS=600`` (or ``bench/fuzz.py``) runs
longer. Figures are printed at the end (``-s``) and written to ``$PGSERVER_FUZZ_REPORT`` if set.
"""

from __future__ import annotations

import json
import os
import struct
import time
from collections import Counter
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.conftest import PASSWORD, USER, ServerProcess
from tests.fuzz.conftest import FUZZ_MAX_MESSAGE_SIZE, Canary, fuzz_seconds
from tests.fuzz.wire import (
    CANCEL_REQUEST_CODE,
    GSSENC_REQUEST_CODE,
    PROTOCOL_3,
    SSL_REQUEST_CODE,
    BackendMessage,
    RawConnection,
    check_error_fields,
    cstr,
    i16,
    i32,
    typed,
)

STATS: Counter[str] = Counter()
_I32 = st.integers(-(2**31), 2**31 - 1)

QUERIES = [
    "SELECT 1",
    "SELECT $1::int + 1",
    "SELECT $1, $2",
    "SELECT * FROM fz",
    "SELECT * FROM fz WHERE id = $1",
    "INSERT INTO fz VALUES ($1, $2)",
    "INSERT INTO fz VALUES (1, 'a')",
    "COPY fz FROM STDIN",
    "COPY fz FROM STDIN (FORMAT binary)",
    "COPY fz TO STDOUT",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "SELECT pg_sleep(0)",
    "SELECT generate_series(1, 100)",
    "",
    ";",
    "SELECT 1; SELECT 2",
    "SELEC",
    "SELECT 'unterminated",
    "DECLARE c CURSOR FOR SELECT 1",
    "FETCH ALL FROM c",
    "SET statement_timeout = 1000",
    "SHOW ALL",
]
OIDS = [0, 16, 17, 20, 21, 23, 25, 700, 701, 1043, 1082, 1114, 1700, 2249, 3802, 114, 1007, 4294967295]


def _bytes_name() -> st.SearchStrategy[bytes]:
    return st.one_of(st.sampled_from([b"", b"s1", b"p1", b"c"]), st.binary(max_size=6))


def _query_text() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.sampled_from(QUERIES).map(str.encode),
        st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\0"), max_size=40).map(str.encode),
        st.binary(max_size=40),
    )


def _counted(items: list[bytes], count: int | None) -> bytes:
    return i16(len(items) if count is None else count) + b"".join(items)


_count_override = st.one_of(st.none(), st.integers(-3, 40), st.just(32767), st.just(-32768))


@st.composite
def _parse(draw: st.DrawFn) -> bytes:
    oids = draw(st.lists(st.sampled_from(OIDS), max_size=4))
    items = [struct.pack("!I", o) for o in oids]
    return b"P" + cstr(draw(_bytes_name())) + cstr(draw(_query_text())) + _counted(items, draw(_count_override))


@st.composite
def _bind(draw: st.DrawFn) -> bytes:
    fmts = [i16(f) for f in draw(st.lists(st.integers(-2, 3), max_size=3))]
    params = []
    for value in draw(st.lists(st.one_of(st.none(), st.binary(max_size=12)), max_size=4)):
        if value is None:
            params.append(i32(-1))
        else:
            declared = draw(st.one_of(st.just(len(value)), st.integers(-5, 2**31 - 1)))
            params.append(i32(declared) + value)
    rfmts = [i16(f) for f in draw(st.lists(st.integers(-2, 3), max_size=3))]
    return (b"B" + cstr(draw(_bytes_name())) + cstr(draw(_bytes_name())) + _counted(fmts, draw(_count_override))
            + _counted(params, draw(_count_override)) + _counted(rfmts, draw(_count_override)))


@st.composite
def _function_call(draw: st.DrawFn) -> bytes:
    oid = draw(st.sampled_from([0, 1, 23, 1299, 2249, 4294967295]))
    fmts = [i16(f) for f in draw(st.lists(st.integers(-1, 2), max_size=2))]
    args = [i32(len(a)) + a for a in draw(st.lists(st.binary(max_size=8), max_size=3))]
    return (b"F" + struct.pack("!I", oid) + _counted(fmts, draw(_count_override))
            + _counted(args, draw(_count_override)) + i16(draw(st.integers(-1, 2))))


def _simple(type_byte: bytes, body: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    return body.map(lambda b: type_byte + b)


_KNOWN_TYPES = set(b"QPBDESHCcdfFpX")

#: A message as type byte + body (the length word is added, possibly wrongly, by _frame).
_MESSAGE = st.one_of(
    _simple(b"Q", _query_text().map(cstr)),
    _parse(),
    _bind(),
    st.builds(lambda k, n: b"D" + k + cstr(n), st.sampled_from([b"S", b"P", b"X"]), _bytes_name()),
    st.builds(lambda k, n: b"C" + k + cstr(n), st.sampled_from([b"S", b"P", b"\0"]), _bytes_name()),
    st.builds(lambda n, r: b"E" + cstr(n) + i32(r), _bytes_name(), _I32),
    st.just(b"S"),
    st.just(b"H"),
    _simple(b"d", st.binary(max_size=64)),
    st.just(b"c"),
    _simple(b"f", st.binary(max_size=16)),
    _function_call(),
    _simple(b"p", st.binary(max_size=32)),
    st.builds(lambda t, b: bytes([t]) + b, st.integers(0, 255).filter(lambda t: t not in _KNOWN_TYPES),
              st.binary(max_size=16)),
)


@st.composite
def _frame(draw: st.DrawFn, message: st.SearchStrategy[bytes]) -> bytes:
    """Adds the length word; sometimes truncates the body, lies about the length or appends junk."""
    raw = draw(message)
    type_byte, body = raw[:1], raw[1:]
    how = draw(st.sampled_from(["ok"] * 6 + ["truncate", "length", "oversize", "junk"]))
    if how == "truncate" and body:
        body = body[: draw(st.integers(0, len(body) - 1))]
    elif how == "junk":
        body += draw(st.binary(min_size=1, max_size=8))
    length = len(body) + 4
    if how == "length":
        length = draw(st.one_of(st.integers(-(2**31), 3), st.integers(0, len(body) + 8), st.integers(5, 2**31 - 1)))
    elif how == "oversize":
        length = draw(st.sampled_from([FUZZ_MAX_MESSAGE_SIZE, FUZZ_MAX_MESSAGE_SIZE + 1, 0x3FFFFFFF + 1, 2**31 - 1]))
    return type_byte + i32(length) + body


def _check_stream(messages: list[BackendMessage], sent: bytes) -> None:
    for msg in messages:
        if msg.type in "EN":
            fields = check_error_fields(msg, sent)
            STATS[f"sqlstate {fields['C']}"] += 1
            assert fields["C"] != "XX000", f"internal error for input {sent!r}: {fields}"


def _expect_close(conn: RawConnection, sent: bytes) -> None:
    """The client stops sending: the server must answer, then close the connection."""
    try:
        conn.sock.shutdown(1)  # SHUT_WR: the server sees EOF
    except OSError:  # the server already closed it
        pass
    messages, closed = conn.drain_to_eof(15)
    _check_stream(messages, sent)
    assert closed, f"the server kept the connection open after EOF; input {sent!r}"


# ---------------------------------------------------------------------------------------------
# Startup phase
# ---------------------------------------------------------------------------------------------

_PARAM_NAMES = ["user", "database", "options", "application_name", "client_encoding", "replication",
                "DateStyle", "_pq_.x", "", "user\xff"]


@st.composite
def _startup_packet(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["startup", "startup", "ssl", "gss", "cancel", "junk", "huge"]))
    if kind == "ssl":
        return i32(8) + i32(SSL_REQUEST_CODE)
    if kind == "gss":
        return i32(8) + i32(GSSENC_REQUEST_CODE)
    if kind == "cancel":
        return i32(16) + i32(CANCEL_REQUEST_CODE) + i32(draw(_I32)) + i32(draw(_I32))
    if kind == "junk":
        data = draw(st.binary(max_size=40))
        return i32(draw(st.one_of(st.just(len(data) + 4), _I32))) + data
    if kind == "huge":
        n = draw(st.integers(100, 1200))
        body = struct.pack("!I", PROTOCOL_3) + b"".join(cstr(f"k{i}") + cstr("v" * 8) for i in range(n)) + b"\0"
        return i32(len(body) + 4) + body
    version = draw(st.one_of(st.sampled_from([PROTOCOL_3, PROTOCOL_3 + 1, PROTOCOL_3 + 2, 131072, 0, 1234 << 16]),
                             st.integers(0, 2**32 - 1)))
    params = draw(st.lists(st.tuples(
        st.one_of(st.sampled_from(_PARAM_NAMES).map(str.encode), st.binary(max_size=8)),
        st.one_of(st.sampled_from([USER, "postgres", "nosuchdb", "-c statement_timeout=1", "x" * 100]).map(
            str.encode), st.binary(max_size=12))), max_size=6))
    body = struct.pack("!I", version) + b"".join(cstr(k) + cstr(v) for k, v in params)
    if draw(st.booleans()):
        body += b"\0"
    length = len(body) + 4 if draw(st.integers(0, 4)) else draw(st.integers(-10, 20000))
    return i32(length) + body


def _run_budget(fn: Callable[[], None], seconds: float) -> None:
    """Calls a hypothesis test again and again (fresh random examples each time) for a budget."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        fn()


_SETTINGS = settings(max_examples=25, deadline=None, database=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                            HealthCheck.function_scoped_fixture])


def test_startup_phase_fuzz(fuzz_server: ServerProcess, canary: Canary) -> None:
    @_SETTINGS
    @given(st.lists(_startup_packet(), min_size=1, max_size=3))
    def one(packets: list[bytes]) -> None:
        STATS["startup inputs"] += 1
        conn = RawConnection(fuzz_server.host, fuzz_server.port)
        sent = b""
        try:
            # SSLRequest/GSSENCRequest packets sent first get a one-byte answer before anything else.
            while packets and packets[0] in (i32(8) + i32(SSL_REQUEST_CODE), i32(8) + i32(GSSENC_REQUEST_CODE)):
                conn.send(packets[0])
                sent += packets.pop(0)
                answer = conn.read_byte()
                assert answer in (b"N", b"E"), answer
                if answer == b"E":
                    conn._buf[:0] = b"E"
                    break
            data = b"".join(packets)
            sent += data
            conn.send(data)
            _expect_close(conn, sent)
        finally:
            conn.close()
        canary.check()

    _run_budget(one, fuzz_seconds(8))
    _report()


def test_session_message_fuzz(fuzz_server: ServerProcess, canary: Canary) -> None:
    with fuzz_server.connect() as c:
        c.execute("CREATE DATABASE fz")
    with fuzz_server.connect(dbname="fz") as c:
        c.execute("CREATE TABLE fz (id int, t text)")

    @_SETTINGS
    @given(st.lists(_frame(_MESSAGE), min_size=1, max_size=8), st.booleans())
    def one(frames: list[bytes], sync: bool) -> None:
        STATS["session inputs"] += 1
        conn = RawConnection(fuzz_server.host, fuzz_server.port)
        try:
            conn.login(USER, PASSWORD, "fz")
            data = b"".join(frames) + (b"S\0\0\0\4" if sync else b"")
            conn.send(data)
            _expect_close(conn, data)
        finally:
            conn.close()
        canary.check()

    _run_budget(one, fuzz_seconds(12))
    # A fresh connection still logs in and runs a query.
    conn = RawConnection(fuzz_server.host, fuzz_server.port)
    try:
        conn.login(USER, PASSWORD, "fz")
        conn.send(typed(b"Q", b"SELECT 42\0"))
        msgs = conn.read_until_ready()
        assert [m.type for m in msgs] == ["T", "D", "C", "Z"], msgs
    finally:
        conn.close()
    _report()


@pytest.mark.parametrize("length", [FUZZ_MAX_MESSAGE_SIZE + 1, 2**31 - 1, -1, 3])
def test_bad_lengths_close_only_that_connection(fuzz_server: ServerProcess, canary: Canary, length: int) -> None:
    """PostgreSQL answers FATAL 08P01 "invalid message length" at once and closes the connection."""
    conn = RawConnection(fuzz_server.host, fuzz_server.port)
    try:
        conn.login(USER, PASSWORD, "postgres")
        conn.send(b"Q" + i32(length) + b"SELECT 1\0")
        msg = conn.read_message()
        assert msg is not None and msg.type == "E"
        fields = check_error_fields(msg)
        assert (fields["S"], fields["C"], fields["M"]) == ("FATAL", "08P01", "invalid message length")
        messages, closed = conn.drain_to_eof(10)
        assert closed and not messages
    finally:
        conn.close()
    canary.check()


_PARSE_INT = typed(b"P", cstr("") + cstr("SELECT $1::int") + i16(0))


@pytest.mark.parametrize("data, expected", [
    (typed(b"Q", b"SELECT 1"), [("ERROR", "08P01", "invalid string in message"), "Z"]),
    (typed(b"Q", b"SELECT 1\0x"), [("ERROR", "08P01", "invalid message format"), "Z"]),
    (typed(b"P", cstr("") + cstr("SELECT 1") + i16(2) + i32(23)),
     [("ERROR", "08P01", "insufficient data left in message"), "Z"]),
    (_PARSE_INT + typed(b"B", cstr("") + cstr("") + i16(1) + i16(5) + i16(1) + i32(1) + b"1" + i16(0)),
     ["1", ("ERROR", "22023", "unsupported format code: 5"), "Z"]),
    (_PARSE_INT + typed(b"B", cstr("") + cstr("") + i16(0) + i16(1) + i32(-5) + i16(0)),
     ["1", ("ERROR", "08P01", "insufficient data left in message"), "Z"]),
    (typed(b"D", b"X" + cstr("")), [("ERROR", "08P01", "invalid DESCRIBE message subtype 88"), "Z"]),
    (typed(b"E", cstr("")), [("ERROR", "08P01", "insufficient data left in message"), "Z"]),
    (typed(b"Q", b"SELECT '\xff'\0"), [("ERROR", "22021", 'invalid byte sequence for encoding "UTF8": 0xff'), "Z"]),
])
def test_malformed_bodies_are_errors(fuzz_server: ServerProcess, data: bytes, expected: list) -> None:
    """As PostgreSQL 15 answers the same bytes (followed by Sync): an ERROR, and the session goes on."""
    conn = RawConnection(fuzz_server.host, fuzz_server.port)
    try:
        conn.login(USER, PASSWORD, "postgres")
        conn.send(data + typed(b"S", b""))
        got = [(f["S"], f["C"], f["M"]) if m.type == "E" and (f := check_error_fields(m)) else m.type
               for m in conn.read_until_ready()]
        assert got == expected
        conn.send(typed(b"Q", b"SELECT 1\0"))
        types = [m.type for m in conn.read_until_ready()]
        if types == ["Z"]:  # the Sync after a simple Query is answered too
            types = [m.type for m in conn.read_until_ready()]
        assert types == ["T", "D", "C", "Z"]
    finally:
        conn.close()


def _report() -> None:
    figures = dict(sorted(STATS.items()))
    print("\nprotocol fuzzer:", json.dumps(figures))
    path = os.environ.get("PGSERVER_FUZZ_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"fuzzer": "protocol", **figures}) + "\n")
