"""The Hermitage isolation tests as real concurrent sessions, side by side with PostgreSQL.

Each test case is a fixed interleaving of steps of two or three transactions over the table
``test (id int primary key, value int)`` holding (1, 10), (2, 20), after the Hermitage project's
scripts for PostgreSQL. Every transaction has its own connection and its own worker thread; the
harness runs the steps in order and waits up to ``BLOCK_WAIT`` seconds for each. A step still
running then is *blocked* (it waits for a lock); the harness goes on with the next step, and a
later step of the same transaction first waits for the blocked one. An error ends its
transaction (the rest of its steps are skipped; it is rolled back).

Each case is judged from what the transactions read, which of them committed and the final
table: ``anomaly`` when the anomaly was observed, otherwise ``prevented`` with how (blocked,
40001, 40P01 or, when none of those, by the snapshot the reads came from).

Usage:
    python bench/hermitage.py --dsn "host=... port=... user=... password=... dbname=..." [--pg-dsn "..."]
    python bench/hermitage.py --start-both
``--start-both`` starts a fresh pgserver and a throw-away real PostgreSQL (needs PostgreSQL's server
binaries) and prints both matrices side by side. Exit status 1 when the two matrices differ.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

BLOCK_WAIT = 1.0  # seconds a step may take before it counts as blocked (generous: CI machines are busy)
UNBLOCK_WAIT = 0.3  # seconds given to blocked steps to finish after each later step
STEP_TIMEOUT = 30.0  # a blocked step that never finishes is a harness failure
LEVELS = ("read committed", "repeatable read", "serializable")
LEVEL_SHORT = {"read committed": "RC", "repeatable read": "RR", "serializable": "SER"}

Step = tuple[str, str]  # (transaction, SQL); SQL "commit" / "rollback" end it


@dataclass
class Outcome:
    reads: dict[int, list[tuple[Any, ...]]] = field(default_factory=dict)  # step index -> rows
    committed: set[str] = field(default_factory=set)
    errors: dict[str, str] = field(default_factory=dict)  # transaction -> SQLSTATE
    blocked: set[str] = field(default_factory=set)
    final: dict[int, int] = field(default_factory=dict)

    def read(self, i: int) -> dict[int, int]:
        return {r[0]: r[1] for r in self.reads.get(i, [])}


@dataclass
class Case:
    name: str
    steps: list[Step]
    anomaly: Callable[[Outcome], bool]


def _final(o: Outcome, state: dict[int, int]) -> bool:
    return o.final == state


CASES: list[Case] = [
    Case("G0", [  # write cycles
        ("T1", "update test set value = 11 where id = 1"),
        ("T2", "update test set value = 12 where id = 1"),
        ("T1", "update test set value = 21 where id = 2"),
        ("T1", "commit"),
        ("T2", "update test set value = 22 where id = 2"),
        ("T2", "commit"),
    ], lambda o: _final(o, {1: 11, 2: 22}) or _final(o, {1: 12, 2: 21})),
    Case("G1a", [  # aborted reads
        ("T1", "update test set value = 101 where id = 1"),
        ("T2", "select * from test"),
        ("T1", "rollback"),
        ("T2", "select * from test"),
        ("T2", "commit"),
    ], lambda o: 101 in o.read(1).values() or 101 in o.read(3).values()),
    Case("G1b", [  # intermediate reads
        ("T1", "update test set value = 101 where id = 1"),
        ("T2", "select * from test"),
        ("T1", "update test set value = 11 where id = 1"),
        ("T1", "commit"),
        ("T2", "select * from test"),
        ("T2", "commit"),
    ], lambda o: 101 in o.read(1).values() or 101 in o.read(4).values()),
    Case("G1c", [  # circular information flow
        ("T1", "update test set value = 11 where id = 1"),
        ("T2", "update test set value = 22 where id = 2"),
        ("T1", "select * from test where id = 2"),
        ("T2", "select * from test where id = 1"),
        ("T1", "commit"),
        ("T2", "commit"),
    ], lambda o: o.read(2).get(2) == 22 and o.read(3).get(1) == 11),
    Case("OTV", [  # observed transaction vanishes
        ("T1", "update test set value = 11 where id = 1"),
        ("T1", "update test set value = 19 where id = 2"),
        ("T2", "update test set value = 12 where id = 1"),
        ("T1", "commit"),
        ("T3", "select * from test"),
        ("T2", "update test set value = 18 where id = 2"),
        ("T3", "select * from test"),
        ("T2", "commit"),
        ("T3", "select * from test"),
        ("T3", "commit"),
    ], lambda o: any(i in o.reads and (o.read(i).get(1), o.read(i).get(2)) not in ((10, 20), (11, 19), (12, 18))
                     for i in (4, 6, 8))),
    Case("PMP", [  # predicate-many-preceders
        ("T1", "select * from test where value = 30"),
        ("T2", "insert into test (id, value) values (3, 30)"),
        ("T2", "commit"),
        ("T1", "select * from test where value % 3 = 0"),
        ("T1", "commit"),
    ], lambda o: bool(o.reads.get(3))),
    Case("PMP-write", [  # predicate-many-preceders with writes
        ("T1", "update test set value = value + 10"),
        ("T2", "select * from test"),
        ("T2", "delete from test where value = 20"),
        ("T1", "commit"),
        ("T2", "select * from test"),
        ("T2", "commit"),
    ], lambda o: {"T1", "T2"} <= o.committed and _final(o, {1: 20, 2: 30})),
    Case("P4", [  # lost update
        ("T1", "select * from test where id = 1"),
        ("T2", "select * from test where id = 1"),
        ("T1", "update test set value = 11 where id = 1"),
        ("T2", "update test set value = 11 where id = 1"),
        ("T1", "commit"),
        ("T2", "commit"),
    ], lambda o: {"T1", "T2"} <= o.committed),
    Case("G-single", [  # single anti-dependency cycles (read skew)
        ("T1", "select * from test where id = 1"),
        ("T2", "select * from test where id = 1"),
        ("T2", "select * from test where id = 2"),
        ("T2", "update test set value = 12 where id = 1"),
        ("T2", "update test set value = 18 where id = 2"),
        ("T2", "commit"),
        ("T1", "select * from test where id = 2"),
        ("T1", "commit"),
    ], lambda o: o.read(0).get(1) == 10 and o.read(6).get(2) == 18),
    Case("G2-item", [  # item anti-dependency cycles (write skew)
        ("T1", "select * from test where id in (1, 2)"),
        ("T2", "select * from test where id in (1, 2)"),
        ("T1", "update test set value = 11 where id = 1"),
        ("T2", "update test set value = 21 where id = 2"),
        ("T1", "commit"),
        ("T2", "commit"),
    ], lambda o: {"T1", "T2"} <= o.committed),
    Case("G2", [  # anti-dependency cycles over predicates
        ("T1", "select * from test where value % 3 = 0"),
        ("T2", "select * from test where value % 3 = 0"),
        ("T1", "insert into test (id, value) values (3, 30)"),
        ("T2", "insert into test (id, value) values (4, 42)"),
        ("T1", "commit"),
        ("T2", "commit"),
    ], lambda o: {"T1", "T2"} <= o.committed),
]


class _Session:
    """One transaction: its connection and the worker thread its steps run on, in order."""

    def __init__(self, dsn: str, name: str) -> None:
        self.name = name
        self.conn = psycopg.connect(dsn, autocommit=True, connect_timeout=10)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"hermitage-{name}")
        self.pending: Future | None = None
        self.failed: str | None = None

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        self.conn.close()


def _execute(conn: psycopg.Connection, sql: str) -> list[tuple[Any, ...]] | None:
    cur = conn.execute(sql)
    return cur.fetchall() if cur.description is not None else None


def _setup(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True, connect_timeout=10) as c:
        c.execute("drop table if exists test")
        c.execute("create table test (id int primary key, value int)")
        c.execute("insert into test (id, value) values (1, 10), (2, 20)")


def run_case(dsn: str, case: Case, level: str) -> tuple[bool, str, Outcome]:
    """Run one case at one isolation level: (anomaly observed, how it was prevented, outcome)."""
    _setup(dsn)
    names = sorted({t for t, _ in case.steps})
    sessions = {n: _Session(dsn, n) for n in names}
    outcome = Outcome()
    lock = threading.Lock()
    try:
        for s in sessions.values():
            s.conn.execute(f"begin isolation level {level}")

        def settle(s: _Session, timeout: float) -> bool:
            """Wait for a blocked step of ``s``; False when it is still running."""
            if s.pending is None:
                return True
            try:
                s.pending.result(timeout)
            except FutureTimeout:
                return False
            except Exception:  # recorded by the step itself
                pass
            s.pending = None
            return True

        for i, (tname, sql) in enumerate(case.steps):
            s = sessions[tname]
            if not settle(s, STEP_TIMEOUT):
                raise RuntimeError(f"{case.name}: step of {tname} still blocked after {STEP_TIMEOUT}s")
            if s.failed is not None:
                continue

            def step(s: _Session = s, i: int = i, sql: str = sql) -> None:
                try:
                    rows = _execute(s.conn, sql)
                except psycopg.Error as e:
                    with lock:
                        s.failed = e.sqlstate or "error"
                        outcome.errors[s.name] = s.failed
                    try:
                        s.conn.execute("rollback")
                    except psycopg.Error:
                        pass
                    return
                with lock:
                    if rows is not None:
                        outcome.reads[i] = rows
                    if sql == "commit":
                        outcome.committed.add(s.name)

            s.pending = s.pool.submit(step)
            if not settle(s, BLOCK_WAIT):
                outcome.blocked.add(tname)
            for other in sessions.values():
                if other is not s and other.pending is not None:
                    settle(other, UNBLOCK_WAIT)
        for s in sessions.values():
            if not settle(s, STEP_TIMEOUT):
                raise RuntimeError(f"{case.name}: step of {s.name} never finished")
    finally:
        for s in sessions.values():
            try:
                s.conn.execute("rollback")
            except psycopg.Error:
                pass
            s.close()
    with psycopg.connect(dsn, autocommit=True, connect_timeout=10) as c:
        outcome.final = dict(c.execute("select id, value from test order by id").fetchall())
    anomaly = case.anomaly(outcome)
    if anomaly:
        return True, "", outcome
    how = sorted(set(outcome.errors.values()))
    if outcome.blocked:
        how.insert(0, "blocked")
    return False, "+".join(how) or "snapshot", outcome


Matrix = dict[tuple[str, str], tuple[bool, str]]  # (case, level) -> (anomaly, how)


def run_matrix(dsn: str, levels: tuple[str, ...] = LEVELS, cases: list[Case] | None = None) -> Matrix:
    matrix: Matrix = {}
    for case in cases or CASES:
        for level in levels:
            anomaly, how, _ = run_case(dsn, case, level)
            matrix[(case.name, level)] = (anomaly, how)
    return matrix


def _cell(v: tuple[bool, str] | None) -> str:
    if v is None:
        return "-"
    return "anomaly" if v[0] else f"ok ({v[1]})"


def format_matrix(ours: Matrix, theirs: Matrix | None = None, levels: tuple[str, ...] = LEVELS) -> str:
    """One row per case; per level pgserver's cell and, when given, PostgreSQL's."""
    heads = ["case"]
    for level in levels:
        heads.append(f"{LEVEL_SHORT[level]} pgserver")
        if theirs is not None:
            heads.append(f"{LEVEL_SHORT[level]} PostgreSQL")
    rows = [heads]
    names = list(dict.fromkeys(c for c, _ in ours))
    for name in names:
        row = [name]
        for level in levels:
            row.append(_cell(ours.get((name, level))))
            if theirs is not None:
                row.append(_cell(theirs.get((name, level))))
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(heads))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def differences(ours: Matrix, theirs: Matrix) -> list[str]:
    """Cells where one server observed an anomaly and the other did not."""
    return [f"{c} at {lvl}: pgserver {_cell(ours[(c, lvl)])}, PostgreSQL {_cell(theirs.get((c, lvl)))}"
            for c, lvl in ours if theirs.get((c, lvl), (None,))[0] != ours[(c, lvl)][0]]


def main(argv: list[str] | None = None) -> int:
    from bench.targets import add_target_arguments, benchmark_targets

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_target_arguments(ap)
    args = ap.parse_args(argv)
    with benchmark_targets(ap, args) as targets:
        ours = run_matrix(targets[0][1])
        theirs = run_matrix(targets[1][1]) if len(targets) > 1 else None
    print(format_matrix(ours, theirs))
    if theirs is None:
        return 0
    diff = differences(ours, theirs)
    print("\nanomaly matrices " + ("are equal" if not diff else "differ:\n  " + "\n  ".join(diff)))
    return 1 if diff else 0


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
