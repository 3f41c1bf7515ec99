"""The servers a benchmark runs against: ``--dsn`` (pgserver or any server), ``--pg-dsn`` (a real
PostgreSQL to compare with), or ``--start-both`` (a fresh pgserver and a throw-away PostgreSQL 15
on free ports, stopped afterwards)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def add_target_arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--dsn", help="pgserver (or any server) to measure")
    ap.add_argument("--pg-dsn", help="a real PostgreSQL to compare with")
    ap.add_argument("--start-both", action="store_true", help="start a fresh pgserver and a real PostgreSQL")


@contextmanager
def benchmark_targets(ap: argparse.ArgumentParser, args: argparse.Namespace) -> Iterator[list[tuple[str, str]]]:
    """``[("pgserver", dsn), ("PostgreSQL", dsn)]`` (the second one when given or started)."""
    if not args.start_both:
        if not args.dsn:
            ap.error("give --dsn or --start-both")
        yield [("pgserver", args.dsn)] + ([("PostgreSQL", args.pg_dsn)] if args.pg_dsn else [])
        return
    repo = Path(__file__).resolve().parents[1]
    if str(repo) not in sys.path:
        sys.path.insert(0, str(repo))
    from tests.e2e.conftest import ServerProcess, free_port
    from tests.e2e.realpg import RealPostgres

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        srv = ServerProcess(os.path.join(tmp, "data"), free_port())
        srv.start()
        pg = RealPostgres()
        try:
            pg.start()
            yield [("pgserver", srv.dsn()), ("PostgreSQL", pg.dsn())]
        finally:
            pg.stop()
            srv.stop()
