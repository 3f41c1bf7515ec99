"""Benchmark: commits/sec through KVEnv with 1 submitter vs many concurrent submitters.

Run: ``python tests/storage/bench_group_commit.py [DIR] [--seconds S]`` (not collected by pytest).
Each commit is a small apply (3 puts, like a one-row insert with two indexes), fsync'd.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from storage.kv import KVEnv, WriteBatch  # noqa: E402


def run(env: KVEnv, submitters: int, seconds: float) -> tuple[float, float]:
    stop = time.monotonic() + seconds
    counts = [0] * submitters
    start_batches = env.batches_committed

    def worker(n: int) -> None:
        i = 0
        while time.monotonic() < stop:
            key = b"%03d-%09d" % (n, i)

            def apply(wb: WriteBatch, key: bytes = key) -> None:
                wb.put(b"r" + key, os.urandom(100))
                wb.put(b"x1" + key, key)
                wb.put(b"x2" + key, key)

            env.submit(apply).result()
            i += 1
        counts[n] = i

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(submitters)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    total = sum(counts)
    batches = env.batches_committed - start_batches
    return total / elapsed, total / max(batches, 1)


def run_asyncio(env: KVEnv, submitters: int, seconds: float) -> tuple[float, float]:
    """Like :func:`run`, with coroutines on one event loop (how the server uses it)."""

    async def go() -> int:
        stop = time.monotonic() + seconds

        async def worker(n: int) -> int:
            i = 0
            while time.monotonic() < stop:
                key = b"a%03d-%09d" % (n, i)

                def apply(wb: WriteBatch, key: bytes = key) -> None:
                    wb.put(b"r" + key, os.urandom(100))
                    wb.put(b"x1" + key, key)
                    wb.put(b"x2" + key, key)

                await asyncio.wrap_future(env.submit(apply))
                i += 1
            return i

        return sum(await asyncio.gather(*(worker(n) for n in range(submitters))))

    start_batches = env.batches_committed
    t0 = time.monotonic()
    total = asyncio.run(go())
    elapsed = time.monotonic() - t0
    return total / elapsed, total / max(env.batches_committed - start_batches, 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?")
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--asyncio", action="store_true", help="submit from coroutines instead of threads")
    args = ap.parse_args()
    base = args.dir or tempfile.mkdtemp(prefix="gcbench-")
    env = KVEnv(os.path.join(base, "bench"))
    try:
        for n in (1, 50):
            rate, per_batch = (run_asyncio if args.asyncio else run)(env, n, args.seconds)
            print(f"{n:3d} submitter(s): {rate:9.0f} commits/s, {per_batch:6.1f} commits per fsync'd batch")
    finally:
        env.close()


if __name__ == "__main__":
    main()
