"""kill -9 of the server in the middle of a concurrent write load, many times in a loop.

Each round starts the server on the same data directory, checks that everything acknowledged in
all earlier rounds is still there whole and nothing is there in part (see
:mod:`tests.e2e.crash_workload`), runs ``WRITERS`` clients doing multi-statement transactions and
SIGKILLs the server at a random moment. ``PGSERVER_CRASH_LOOPS`` sets the number of rounds (default
``DEFAULT_ROUNDS``, sized to stay well under a minute), ``PGSERVER_CRASH_SEED`` fixes the random
kill moments; ``bench/crash_loop.py`` runs long series.
"""

from __future__ import annotations

import os
import random
import time
from typing import Any

from tests.e2e.crash_workload import check_recovered, create_schema, run_round

WRITERS = 8
DEFAULT_ROUNDS = 5


def test_kill9_loop_under_concurrent_writes(fresh_server: Any) -> None:
    srv = fresh_server
    rounds = int(os.environ.get("PGSERVER_CRASH_LOOPS", DEFAULT_ROUNDS))
    rng = random.Random(os.environ.get("PGSERVER_CRASH_SEED", time.time_ns()))
    create_schema(srv, WRITERS)
    acknowledged: set[int] = set()
    attempted = 0
    for round_no in range(1, rounds + 1):
        if round_no > 1:
            srv.start()
        check_recovered(srv, acknowledged, WRITERS)
        result = run_round(srv, round_no, WRITERS, srv.kill9, kill_after=rng.uniform(0.0, 1.2))
        assert not result.errors, result.errors[:5]
        assert result.acknowledged, f"round {round_no}: no transaction was acknowledged before the kill"
        acknowledged |= result.acknowledged
        attempted += result.attempted
    srv.start()
    present = check_recovered(srv, acknowledged, WRITERS)
    # at most one transaction per writer and round was in flight at the kill
    assert len(acknowledged) <= present <= len(acknowledged) + rounds * WRITERS
    with srv.connect() as c:  # the server takes writes again
        c.execute("INSERT INTO crash_tx VALUES (-1, 0, 0)")
    print(f"{rounds} rounds, {attempted} transactions attempted, {len(acknowledged)} acknowledged, "
          f"{present} present after the last restart")
