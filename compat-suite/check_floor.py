#!/usr/bin/env python3
"""Fail when a compat-suite run passed fewer cases than the floor in floor.txt.

    python compat-suite/check_floor.py RESULTS.json            # exit 1 if passed < floor
    python compat-suite/check_floor.py RESULTS.json --raise    # raise the floor to the pass count

The floor only ever goes up: --raise never lowers it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def read_floor(path: Path) -> int:
    if not path.exists():
        return 0
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return int(line)
    return 0


def write_floor(path: Path, value: int) -> None:
    path.write_text(
        "# Minimum number of compat-suite cases pgserver must pass (see README.md).\n"
        "# Only ever raised: python compat-suite/check_floor.py RESULTS.json --raise\n"
        f"{value}\n",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("results", type=Path, help="JSON written by run.py --json")
    p.add_argument("--floor-file", type=Path, default=HERE / "floor.txt")
    p.add_argument("--raise", dest="raise_floor", action="store_true", help="raise the floor to the current count")
    args = p.parse_args(argv)

    try:
        results = json.loads(args.results.read_text(encoding="utf-8"))
        passed = int(results["passed"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"error: cannot read results from {args.results}: {exc}", file=sys.stderr)
        return 2
    floor = read_floor(args.floor_file)

    if args.raise_floor:
        if passed > floor:
            write_floor(args.floor_file, passed)
            print(f"floor raised from {floor} to {passed}")
        else:
            print(f"floor stays at {floor} (this run passed {passed})")
        return 0

    if passed < floor:
        print(f"FLOOR CHECK FAILED: {passed} passed, below the floor of {floor} ({floor - passed} regressions)")
        return 1
    hint = f"; raise it with: {Path(sys.argv[0]).name} RESULTS.json --raise" if passed > floor else ""
    print(f"floor check ok: {passed} passed, floor {floor}{hint}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
