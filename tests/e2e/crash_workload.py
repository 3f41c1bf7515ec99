"""A concurrent multi-statement write load for kill -9 tests, and the check that runs after a restart.

Used by ``tests/e2e/test_crash_recovery.py`` and ``bench/crash_loop.py``. Each client thread runs
transactions like::

    BEGIN;
    INSERT INTO crash_parts VALUES (txid, 0, ...), ..., (txid, k - 1, ...);   -- k = 1..6 rows
    INSERT INTO crash_tx VALUES (txid, writer, k);
    UPDATE crash_counter SET n = n + 1, last_txid = txid WHERE writer = <writer>;
    UPDATE crash_total SET n = n + 1;                                          -- shared by all writers
    COMMIT;

and records ``txid`` only once COMMIT has returned (the commit was acknowledged). After a kill -9
and a restart, :func:`check_recovered` verifies that every acknowledged transaction is there whole
and that no transaction is there in part: for every txid in ``crash_tx`` exactly ``k`` rows exist in
``crash_parts`` and none exist for a txid absent from ``crash_tx``; each writer's counter equals its
number of transactions present and its ``last_txid`` is its newest one present; the shared total
equals the number of transactions present.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

import psycopg

SCHEMA = (
    "CREATE TABLE crash_tx (txid bigint PRIMARY KEY, writer int NOT NULL, parts int NOT NULL)",
    "CREATE TABLE crash_parts (txid bigint, part int, payload text NOT NULL, PRIMARY KEY (txid, part))",
    "CREATE INDEX crash_parts_payload ON crash_parts (payload)",
    "CREATE TABLE crash_counter (writer int PRIMARY KEY, n bigint NOT NULL, last_txid bigint)",
    "CREATE TABLE crash_total (id int PRIMARY KEY, n bigint NOT NULL)",
    "INSERT INTO crash_total VALUES (1, 0)",
)

ROUND_STRIDE = 1_000_000_000  # txid = round * ROUND_STRIDE + writer * WRITER_STRIDE + sequence
WRITER_STRIDE = 1_000_000


class Server(Protocol):
    def connect(self, autocommit: bool = True, **overrides: object) -> psycopg.Connection: ...


def create_schema(server: Server, writers: int) -> None:
    with server.connect() as c:
        for stmt in SCHEMA:
            c.execute(stmt)
        c.cursor().executemany("INSERT INTO crash_counter VALUES (%s, 0, NULL)", [(w,) for w in range(writers)])


@dataclass
class RoundResult:
    acknowledged: set[int] = field(default_factory=set)
    attempted: int = 0
    errors: list[str] = field(default_factory=list)  # errors other than the connection being lost


def _transaction(c: psycopg.Connection, txid: int, writer: int, parts: int) -> None:
    with c.transaction():
        c.cursor().executemany(
            "INSERT INTO crash_parts VALUES (%s, %s, %s)",
            [(txid, p, f"w{writer}-{txid}-{p}" + "x" * (txid % 40)) for p in range(parts)],
        )
        c.execute("INSERT INTO crash_tx VALUES (%s, %s, %s)", (txid, writer, parts))
        c.execute("UPDATE crash_counter SET n = n + 1, last_txid = %s WHERE writer = %s", (txid, writer))
        c.execute("UPDATE crash_total SET n = n + 1 WHERE id = 1")


def run_round(server: Server, round_no: int, writers: int, kill: Any, kill_after: float) -> RoundResult:
    """Run ``writers`` client threads until ``kill()``, called ``kill_after`` s after the first COMMIT returned."""
    result = RoundResult()
    lock = threading.Lock()
    started = threading.Barrier(writers + 1)

    def writer(w: int) -> None:
        rng = random.Random(round_no * 1000 + w)
        try:
            c = server.connect()
        except psycopg.Error as e:
            with lock:
                result.errors.append(f"connect: {e}")
            started.wait(30)
            return
        try:
            started.wait(30)
            for seq in range(WRITER_STRIDE):
                txid = round_no * ROUND_STRIDE + w * WRITER_STRIDE + seq
                with lock:
                    result.attempted += 1
                try:
                    _transaction(c, txid, w, rng.randint(1, 6))
                except psycopg.OperationalError:
                    return  # the server is gone
                except psycopg.Error as e:  # e.g. a serialization failure on the shared total
                    if c.closed or c.broken:
                        return
                    with lock:
                        result.errors.append(f"{type(e).__name__}: {e}")
                    continue
                with lock:
                    result.acknowledged.add(txid)
        finally:
            with contextlib.suppress(Exception):
                c.close()

    threads = [threading.Thread(target=writer, args=(w,), daemon=True) for w in range(writers)]
    for t in threads:
        t.start()
    started.wait(30)
    deadline = time.monotonic() + 30
    while not result.acknowledged and time.monotonic() < deadline:  # the load is under way
        time.sleep(0.005)
    time.sleep(kill_after)
    kill()
    for t in threads:
        t.join(30)
    if any(t.is_alive() for t in threads):
        raise AssertionError("a client thread did not notice the server's death")
    return result


def check_recovered(server: Server, acknowledged: set[int], writers: int) -> int:
    """Assert the invariants of the module docstring; returns the number of transactions present."""
    with server.connect() as c:
        present = {txid: (w, k) for txid, w, k in c.execute("SELECT txid, writer, parts FROM crash_tx")}
        counted = dict(c.execute("SELECT txid, count(*) FROM crash_parts GROUP BY txid").fetchall())
        counters = {w: (n, last) for w, n, last in c.execute("SELECT writer, n, last_txid FROM crash_counter")}
        (total,) = c.execute("SELECT n FROM crash_total WHERE id = 1").fetchone() or (None,)
        # the secondary index agrees with the table
        (by_index,) = c.execute(
            "SELECT count(*) FROM crash_parts WHERE payload >= 'w' AND payload < 'x'").fetchone() or (None,)
    lost = acknowledged - present.keys()
    assert not lost, f"{len(lost)} acknowledged transactions lost, e.g. {sorted(lost)[:5]}"
    partial = {t: (counted.get(t), k) for t, (_, k) in present.items() if counted.get(t) != k}
    orphans = counted.keys() - present.keys()
    assert not partial, f"transactions present in part (rows, expected): {list(partial.items())[:5]}"
    assert not orphans, f"rows of transactions that are not there: {sorted(orphans)[:5]}"
    assert by_index == sum(counted.values()), "the index on crash_parts disagrees with the table"
    assert total == len(present), f"shared total {total} != {len(present)} transactions present"
    for w in range(writers):
        mine = [t for t, (writer, _) in present.items() if writer == w]
        n, last = counters[w]
        assert n == len(mine), f"writer {w}: counter {n} != {len(mine)} transactions present"
        assert last == (max(mine) if mine else None), f"writer {w}: last_txid {last} is not its newest"
    return len(present)
