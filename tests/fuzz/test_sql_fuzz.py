"""SQL fuzzer: random statements from a grammar (tests/fuzz/sqlgrammar.py) run through psycopg
against a real server process. Every statement ends in a result or an error with a SQLSTATE other
than XX000 (internal error), and the connection stays usable.

CI runs a fixed budget with a fixed seed; ``PGSERVER_FUZZ_SECONDS`` runs longer and
``PGSERVER_FUZZ_SEED`` picks another seed. With ``PGSERVER_ORACLE_DSN`` (a PostgreSQL 15 database
to use as scratch) every statement also runs there and differences in outcome (success, or the
error's SQLSTATE class) are counted and printed.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections import Counter

import psycopg

from tests.e2e.conftest import ServerProcess
from tests.fuzz.conftest import Canary, fuzz_seconds
from tests.fuzz.sqlgrammar import SCHEMA, Grammar


def _outcome(conn: psycopg.Connection, sql: str) -> str:
    """"ok" or the SQLSTATE of the error."""
    try:
        cur = conn.execute(sql)
        if cur.description is not None:
            cur.fetchall()
        return "ok"
    except psycopg.OperationalError:
        raise
    except psycopg.Error as err:
        if err.sqlstate is None:  # the client could not load a value (e.g. the date infinity)
            return "ok"
        return err.sqlstate


def _prepare(conn: psycopg.Connection) -> None:
    conn.execute("SET statement_timeout = '3s'")
    for sql in ["DROP VIEW IF EXISTS v1", "DROP TABLE IF EXISTS t1, t2, tmp1, tmp2, tmp3 CASCADE"] + SCHEMA:
        conn.execute(sql)


def test_sql_fuzz(fuzz_server: ServerProcess, canary: Canary) -> None:
    seed = int(os.environ.get("PGSERVER_FUZZ_SEED", "20260101"))
    rng = random.Random(seed)
    grammar = Grammar(rng)
    with fuzz_server.connect() as c:
        c.execute("CREATE DATABASE sqlfuzz")
    conn = fuzz_server.connect(dbname="sqlfuzz")
    _prepare(conn)
    oracle = None
    if os.environ.get("PGSERVER_ORACLE_DSN"):
        oracle = psycopg.connect(os.environ["PGSERVER_ORACLE_DSN"], autocommit=True)
        _prepare(oracle)
    stats: Counter[str] = Counter()
    internal: list[str] = []
    lost: list[str] = []
    mismatches: list[tuple[str, str, str]] = []
    deadline = time.monotonic() + fuzz_seconds(20)
    while time.monotonic() < deadline:
        in_txn = rng.random() < 0.1
        statements = [grammar.statement() for _ in range(rng.randint(2, 4) if in_txn else 1)]
        if in_txn:
            statements = ["BEGIN", *statements, rng.choice(["COMMIT", "ROLLBACK"])]
        for sql in statements:
            stats["inputs"] += 1
            try:
                result = _outcome(conn, sql)
            except psycopg.OperationalError:
                lost.append(sql)
                conn = fuzz_server.connect(dbname="sqlfuzz")
                conn.execute("SET statement_timeout = '3s'")
                continue
            stats["ok" if result == "ok" else f"class {result[:2]}"] += 1
            if result == "XX000":
                internal.append(sql)
            if oracle is not None:
                expected = _outcome(oracle, sql)
                if (expected == "ok") != (result == "ok") or expected[:2] != result[:2]:
                    mismatches.append((sql, expected, result))
        # The session is usable afterwards (a failed transaction block was ended by ROLLBACK/COMMIT).
        assert conn.execute("SELECT 1").fetchone() == (1,)
    canary.check()
    figures = {"seed": seed, **dict(sorted(stats.items())), "XX000": len(internal), "connections lost": len(lost)}
    if oracle is not None:
        figures["oracle mismatches"] = len(mismatches)
        for sql, expected, got in mismatches[:30]:
            print(f"  oracle {expected} pgserver {got}: {sql}")
    print("\nSQL fuzzer:", json.dumps(figures))
    path = os.environ.get("PGSERVER_FUZZ_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"fuzzer": "sql", **figures}) + "\n")
    for sql in internal[:20]:
        print("XX000:", sql)
    assert not lost, f"connections lost on: {lost[:5]}"
    assert not internal, f"{len(internal)} statements ended in XX000, e.g. {internal[:3]}"
