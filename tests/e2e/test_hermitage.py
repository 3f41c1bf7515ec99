"""The Hermitage isolation tests (bench/hermitage.py) against pgserver and a real PostgreSQL 15 in
the same run: the anomaly matrices must be equal, and equal to the one PostgreSQL 15 is known to
give (so a harness that cannot see anomalies fails too).

Needs PostgreSQL's server binaries (initdb, pg_ctl): fails under CI without them, skips otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from bench.hermitage import LEVELS, differences, format_matrix, run_matrix
from tests.e2e.realpg import RealPostgres, pg_bin

# the anomalies PostgreSQL 15 lets through, per isolation level
EXPECTED_ANOMALIES = {
    "read committed": {"PMP", "PMP-write", "P4", "G-single", "G2-item", "G2"},
    "repeatable read": {"G2-item", "G2"},
    "serializable": set(),
}


@pytest.fixture(scope="module")
def realpg() -> Iterator[RealPostgres]:
    try:
        pg_bin("initdb")
        pg_bin("pg_ctl")
    except RuntimeError as e:
        if os.environ.get("CI"):
            pytest.fail(str(e), pytrace=False)
        pytest.skip(str(e))
    with RealPostgres() as pg:
        yield pg


def test_hermitage_matrix_equals_postgresql(server: Any, db: str, realpg: RealPostgres) -> None:
    theirs = run_matrix(realpg.dsn())
    ours = run_matrix(server.dsn(dbname=db))
    print(format_matrix(ours, theirs))
    for level in LEVELS:
        seen = {case for (case, lvl), (anomaly, _) in theirs.items() if lvl == level and anomaly}
        assert seen == EXPECTED_ANOMALIES[level], f"PostgreSQL at {level}: {sorted(seen)}"
    assert differences(ours, theirs) == [], format_matrix(ours, theirs)
