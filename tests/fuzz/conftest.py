"""A server process of its own for the fuzzers, plus a canary session holding committed data that
must survive every fuzzed connection."""

from __future__ import annotations

import os
from collections.abc import Iterator

import psycopg
import pytest

from tests.e2e.conftest import ServerProcess, running_server

#: Largest frontend message the fuzzed server accepts (small, so oversized messages are cheap).
FUZZ_MAX_MESSAGE_SIZE = 1 << 20
CANARY_ROWS = 50


def fuzz_seconds(default: float) -> float:
    """The time budget of one fuzzer: ``PGSERVER_FUZZ_SECONDS`` when set (longer runs)."""
    value = os.environ.get("PGSERVER_FUZZ_SECONDS")
    return float(value) if value else default


class Canary:
    """A session in its own database with committed rows; ``check`` proves the server still
    serves it and the data is intact."""

    def __init__(self, server: ServerProcess) -> None:
        self.server = server
        with server.connect() as c:
            c.execute("CREATE DATABASE canary")
        self.conn = server.connect(dbname="canary")
        self.conn.execute("CREATE TABLE canary (id int PRIMARY KEY, v text NOT NULL)")
        self.conn.execute(
            "INSERT INTO canary SELECT g, 'row ' || g FROM generate_series(1, %s) g", (CANARY_ROWS,)
        )

    def check(self) -> None:
        assert self.server.proc is not None and self.server.proc.poll() is None, "server process died"
        row = self.conn.execute("SELECT count(*), sum(id), min(v) FROM canary").fetchone()
        assert row == (CANARY_ROWS, CANARY_ROWS * (CANARY_ROWS + 1) // 2, "row 1"), row

    def close(self) -> None:
        self.conn.close()


@pytest.fixture(scope="module")
def fuzz_server() -> Iterator[ServerProcess]:
    # plaintext: the fuzzers drive the protocol's state machine (SSLRequest is answered 'N')
    with running_server("pgserver-fuzz-", PGSERVER_MAX_MESSAGE_SIZE=str(FUZZ_MAX_MESSAGE_SIZE),
                        PGSERVER_SSL="off") as srv:
        yield srv
    log = "".join(srv.log)
    if os.environ.get("PGSERVER_FUZZ_LOG"):
        with open(os.environ["PGSERVER_FUZZ_LOG"], "w", encoding="utf-8") as f:
            f.write(log)
    assert "Traceback" not in log, "the server logged a Python traceback:\n" + log[-5000:]


@pytest.fixture(scope="module")
def canary(fuzz_server: ServerProcess) -> Iterator[Canary]:
    c = Canary(fuzz_server)
    try:
        yield c
    finally:
        c.close()


@pytest.fixture(scope="module")
def fuzz_conn(fuzz_server: ServerProcess) -> Iterator[psycopg.Connection]:
    c = fuzz_server.connect()
    try:
        yield c
    finally:
        c.close()
