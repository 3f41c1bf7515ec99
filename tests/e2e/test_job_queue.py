"""A job queue on SELECT ... FOR UPDATE SKIP LOCKED: 16 workers over TCP take jobs until the queue
is empty; every job is taken exactly once (PostgreSQL's behaviour; ROW_LOCKS_DSN runs it elsewhere)."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from tests.e2e.scratch_db import module_database

WORKERS = 16
JOBS = 800


@pytest.fixture(scope="module")
def dsn(server: Any) -> Iterator[str]:
    with module_database(server, "queue") as d:
        yield d


@pytest.mark.parametrize("finish", ["update", "delete"])
def test_every_job_is_taken_exactly_once(dsn: str, finish: str) -> None:
    jobs, done = f"jobs_{uuid.uuid4().hex[:8]}", f"done_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute(f"CREATE TABLE {jobs} (id int PRIMARY KEY, state text NOT NULL DEFAULT 'new', taken_by int)")
        c.execute(f"CREATE TABLE {done} (job int, worker int)")
        c.execute(f"INSERT INTO {jobs} (id) SELECT g FROM generate_series(1, {JOBS}) g")
    take = f"SELECT id FROM {jobs} WHERE state = 'new' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"
    errors: list[BaseException] = []
    counts = [0] * WORKERS
    start = threading.Barrier(WORKERS)

    def worker(n: int) -> None:
        try:
            with psycopg.connect(dsn) as c:
                start.wait()
                while True:
                    with c.transaction():
                        row = c.execute(take).fetchone()
                        if row is None:
                            return
                        c.execute(f"INSERT INTO {done} VALUES (%s, %s)", (row[0], n))
                        if finish == "update":
                            c.execute(f"UPDATE {jobs} SET state = 'done', taken_by = %s WHERE id = %s", (n, row[0]))
                        else:
                            c.execute(f"DELETE FROM {jobs} WHERE id = %s", (row[0],))
                    counts[n] += 1
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    elapsed = time.monotonic() - started
    assert not errors, errors[:3]
    assert sum(counts) == JOBS
    with psycopg.connect(dsn, autocommit=True) as c:
        assert c.execute(f"SELECT count(*), count(DISTINCT job) FROM {done}").fetchone() == (JOBS, JOBS)
        if finish == "update":
            assert c.execute(f"SELECT count(*) FROM {jobs} WHERE state = 'done'").fetchone() == (JOBS,)
        else:
            assert c.execute(f"SELECT count(*) FROM {jobs}").fetchone() == (0,)
        c.execute(f"DROP TABLE {jobs}, {done}")
    busy = sum(1 for k in counts if k)
    print(f"\njob queue ({finish}): {JOBS} jobs, {WORKERS} workers ({busy} took jobs) in {elapsed:.2f}s "
          f"= {JOBS / elapsed:.0f} jobs/s")
