"""64 concurrent clients move money between 10 accounts with UPDATE (rows locked at statement
time, writers wait for each other): no update is lost, no client is starved of a worker thread."""

from __future__ import annotations

import os
import random
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

CLIENTS = 64
TRANSFERS = 10
ACCOUNTS = 10


@pytest.fixture(scope="module")
def dsn(server: Any) -> Iterator[str]:
    other = os.environ.get("ROW_LOCKS_DSN")
    if other:
        yield other
        return
    name = f"bank_{uuid.uuid4().hex[:8]}"
    with server.connect() as c:
        c.execute(f"CREATE DATABASE {name}")
    try:
        yield server.dsn(dbname=name)
    finally:
        with server.connect() as c:
            c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_concurrent_transfers_keep_the_total(dsn: str) -> None:
    acc = f"acc_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute(f"CREATE TABLE {acc} (id int PRIMARY KEY, balance int NOT NULL)")
        c.execute(f"INSERT INTO {acc} SELECT g, 1000 FROM generate_series(1, {ACCOUNTS}) g")
    errors: list[BaseException] = []
    moved = [0] * CLIENTS
    start = threading.Barrier(CLIENTS)

    def client(n: int) -> None:
        rnd = random.Random(n)
        try:
            with psycopg.connect(dsn) as c:
                start.wait()
                for _ in range(TRANSFERS):
                    a, b = sorted(rnd.sample(range(1, ACCOUNTS + 1), 2))  # one lock order: no deadlocks
                    amount = rnd.randint(1, 50)
                    with c.transaction():
                        c.execute(f"UPDATE {acc} SET balance = balance - %s WHERE id = %s", (amount, a))
                        c.execute(f"UPDATE {acc} SET balance = balance + %s WHERE id = %s", (amount, b))
                    moved[n] += amount
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    elapsed = time.monotonic() - started
    assert not errors, errors[:3]
    with psycopg.connect(dsn, autocommit=True) as c:
        total, = c.execute(f"SELECT sum(balance) FROM {acc}").fetchone()  # type: ignore[misc]
        c.execute(f"DROP TABLE {acc}")
    assert total == ACCOUNTS * 1000
    print(f"\nbank: {CLIENTS * TRANSFERS} transfers by {CLIENTS} clients in {elapsed:.2f}s "
          f"= {CLIENTS * TRANSFERS / elapsed:.0f}/s")
