"""Run the fuzzers for longer than CI does and print their figures.

    python bench/fuzz.py --seconds 600 [--seed 7] [--oracle-dsn "host=... dbname=..."]

Runs tests/fuzz (protocol fuzzer, SQL fuzzer, codec property tests, atheris codec fuzzer) with
PGSERVER_FUZZ_SECONDS per fuzzer and collects the JSON figures they report.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=300, help="budget of each fuzzer (default 300)")
    p.add_argument("--seed", type=int, help="seed of the SQL fuzzer")
    p.add_argument("--oracle-dsn", help="a PostgreSQL 15 scratch database to compare the SQL fuzzer with")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        report = os.path.join(d, "report.jsonl")
        env = dict(os.environ, PGSERVER_FUZZ_SECONDS=str(args.seconds), PGSERVER_FUZZ_REPORT=report)
        if args.seed is not None:
            env["PGSERVER_FUZZ_SEED"] = str(args.seed)
        if args.oracle_dsn:
            env["PGSERVER_ORACLE_DSN"] = args.oracle_dsn
        rc = subprocess.call([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider",
                              str(REPO / "tests" / "fuzz")], env=env, cwd=str(REPO))
        if os.path.exists(report):
            with open(report, encoding="utf-8") as f:
                for line in f:
                    print(json.dumps(json.loads(line), indent=None))
    return rc


if __name__ == "__main__":
    sys.exit(main())
