"""Long kill -9 series: ``python3 bench/crash_loop.py --rounds 200 [--writers 8] [--data-dir DIR]``.

Runs the load of ``tests/e2e/crash_workload.py`` against a server subprocess, SIGKILLs the server at
a random moment in each round, restarts it on the same data directory and checks that every
acknowledged transaction is there whole and no transaction is there in part. Exits 1 at the first
violation (the data directory is kept for inspection), 0 after the last round.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.conftest import ServerProcess, free_port  # noqa: E402
from tests.e2e.crash_workload import check_recovered, create_schema, run_round  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=50)
    p.add_argument("--writers", type=int, default=8)
    p.add_argument("--min-run", type=float, default=0.0, help="least load after the first COMMIT, before the kill (s)")
    p.add_argument("--max-run", type=float, default=2.0, help="most load after the first COMMIT (s)")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--data-dir", help="data directory (default: a temporary one, removed on success)")
    args = p.parse_args()
    seed = args.seed if args.seed is not None else time.time_ns() % 1_000_000
    rng = random.Random(seed)
    root = args.data_dir or tempfile.mkdtemp(prefix="pgserver-crash-")
    srv = ServerProcess(os.path.join(root, "data"), free_port())
    srv.start()
    create_schema(srv, args.writers)
    acknowledged: set[int] = set()
    attempted = 0
    started = time.monotonic()
    try:
        for round_no in range(1, args.rounds + 1):
            if round_no > 1:
                srv.start()
            present = check_recovered(srv, acknowledged, args.writers)
            result = run_round(srv, round_no, args.writers, srv.kill9, rng.uniform(args.min_run, args.max_run))
            if result.errors:
                raise AssertionError(f"client errors: {result.errors[:5]}")
            acknowledged |= result.acknowledged
            attempted += result.attempted
            print(f"round {round_no}: {len(result.acknowledged)} acknowledged of {result.attempted} attempted; "
                  f"{present} present before the round", flush=True)
        srv.start()
        present = check_recovered(srv, acknowledged, args.writers)
    except AssertionError as e:
        print(f"FAILED (seed {seed}, data directory {root}): {e}", flush=True)
        srv.kill9()
        return 1
    srv.stop()
    print(f"OK: {args.rounds} kill -9 rounds with {args.writers} writers in {time.monotonic() - started:.0f} s, "
          f"{attempted} transactions attempted, {len(acknowledged)} acknowledged, {present} present at the end "
          f"(seed {seed})", flush=True)
    if not args.data_dir:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
