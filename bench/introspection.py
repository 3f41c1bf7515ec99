"""Client type introspection on a large schema: what a new connection pays the first time it meets a
type that its driver must look up in the catalogs.

The schema is a 50-column table with ``--children`` tables inheriting from it (each table is also a
composite type), as in asyncpg's own ``test_introspection_on_large_db``. Measured per server, over
``--rounds`` new connections each:

* asyncpg: the first ``SELECT $1::int[]`` (asyncpg runs its recursive type-introspection query);
* psycopg: ``TypeInfo.fetch(conn, "base")`` (the composite type of the parent table).

Usage:
    python bench/introspection.py --dsn "..." [--pg-dsn "..."] [--children 1000] [--rounds 5]
    python bench/introspection.py --start-both
prints the median seconds per server and pgserver's time as a multiple of PostgreSQL's.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.types import TypeInfo


def setup(dsn: str, children: int) -> None:
    with psycopg.connect(dsn, autocommit=True, connect_timeout=10) as c:
        for n in range(children):
            c.execute(f"DROP TABLE IF EXISTS child_{n:04}")
        c.execute("DROP TABLE IF EXISTS base")
        c.execute("CREATE TABLE base ({})".format(", ".join(f"c{n:02} varchar" for n in range(50))))
        for n in range(children):
            c.execute(f"CREATE TABLE child_{n:04} () INHERITS (base)")


def _asyncpg_first_array(dsn: str) -> float:
    import asyncpg

    params: dict[str, Any] = conninfo_to_dict(dsn)

    async def once() -> float:
        conn = await asyncpg.connect(host=params.get("host"), port=int(params.get("port", 5432)),
                                     user=params.get("user"), password=params.get("password"),
                                     database=params.get("dbname"), ssl=False)
        try:
            started = time.perf_counter()
            assert await conn.fetchval("SELECT $1::int[]", [1, 2]) == [1, 2]
            return time.perf_counter() - started
        finally:
            await conn.close()

    return asyncio.run(once())


def _psycopg_typeinfo(dsn: str) -> float:
    with psycopg.connect(dsn, autocommit=True) as c:
        started = time.perf_counter()
        info = TypeInfo.fetch(c, "base")
        assert info is not None
        return time.perf_counter() - started


PROBES = {"asyncpg first SELECT $1::int[]": _asyncpg_first_array, "psycopg TypeInfo.fetch": _psycopg_typeinfo}


def measure(dsn: str, rounds: int) -> dict[str, float]:
    return {name: statistics.median(probe(dsn) for _ in range(rounds)) for name, probe in PROBES.items()}


def main(argv: list[str] | None = None) -> int:
    from bench.targets import add_target_arguments, benchmark_targets

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_target_arguments(ap)
    ap.add_argument("--children", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    with benchmark_targets(ap, args) as targets:
        results: dict[str, dict[str, float]] = {}
        for name, dsn in targets:
            setup(dsn, args.children)
            results[name] = measure(dsn, args.rounds)
    print(f"{args.children} child tables of a 50-column table, median of {args.rounds} new connections")
    for probe in PROBES:
        line = f"  {probe:32}" + "".join(f"  {name}: {results[name][probe]:.3f} s" for name, _ in targets)
        if len(targets) == 2:
            ours, theirs = results["pgserver"][probe], results["PostgreSQL"][probe]
            line += f"  ({ours / theirs:.1f}x)" if theirs else ""
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    if __package__ in (None, ""):
        from pathlib import Path

        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
