"""psql's \\dp (access privileges: table ACLs, column privileges, row security policies) and \\dn
(schema owners: public belongs to pg_database_owner) byte for byte as against a real PostgreSQL 15,
which runs in the same test for the comparison."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.client_tools import tool
from tests.e2e.oracle_compare import real_postgres
from tests.e2e.realpg import RealPostgres

SCHEMA = """
CREATE ROLE dp_a;
CREATE ROLE dp_b;
CREATE SCHEMA dp;
CREATE TABLE dp.t (id int, name text, secret text);
CREATE SEQUENCE dp.s;
CREATE VIEW dp.v AS SELECT id FROM dp.t;
GRANT SELECT, INSERT ON dp.t TO dp_a WITH GRANT OPTION;
GRANT UPDATE (name) ON dp.t TO dp_b;
GRANT SELECT (id, name) ON dp.t TO dp_b;
GRANT USAGE ON SEQUENCE dp.s TO dp_a;
GRANT SELECT ON dp.v TO PUBLIC;
GRANT USAGE ON SCHEMA dp TO dp_a;
ALTER TABLE dp.t ENABLE ROW LEVEL SECURITY;
CREATE POLICY p1 ON dp.t FOR SELECT TO dp_a USING (id > 0);
CREATE POLICY p2 ON dp.t AS RESTRICTIVE FOR UPDATE TO dp_b USING (name = current_user) WITH CHECK (true);
CREATE TABLE dp.plain (a int);
"""
DROP = "DROP SCHEMA dp CASCADE; DROP ROLE dp_a; DROP ROLE dp_b;"
COMMANDS = [r"\dp dp.*", r"\dn", r"\dn+", r"\dp dp.t", r"\z dp.v"]


def _psql(host: str, port: int, user: str, password: str | None, dbname: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({"PGHOST": host, "PGPORT": str(port), "PGUSER": user, "PGDATABASE": dbname, "PSQLRC": os.devnull,
                "LC_ALL": "C.UTF-8", "COLUMNS": "250", "PGSSLMODE": "disable"})
    if password:
        env["PGPASSWORD"] = password
    done = subprocess.run([tool("psql", "apt-get install postgresql-client-15"), "-X", "--no-password",
                           "-v", "ON_ERROR_STOP=1", *args], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def realpg() -> Iterator[RealPostgres]:
    with real_postgres() as pg:
        yield pg


@pytest.fixture()
def outputs(server: Any, realpg: RealPostgres) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    targets = [(server.host, server.port, server.user, server.password), (realpg.host, realpg.port, realpg.user, None)]
    db = f"dp_{os.getpid()}"
    out: list[dict[str, str]] = []
    for t in targets:
        _psql(*t, "postgres", "-c", f"CREATE DATABASE {db}")
        _psql(*t, db, "-q", "-c", SCHEMA)
        out.append({c: _psql(*t, db, "-c", c) for c in COMMANDS})
        _psql(*t, db, "-q", "-c", DROP)
        _psql(*t, "postgres", "-c", f"DROP DATABASE {db}")
    yield out[0], out[1]


def test_dp_and_dn_match_postgres(outputs: tuple[dict[str, str], dict[str, str]]) -> None:
    ours, theirs = outputs
    assert "pg_database_owner" in theirs[r"\dn"] and "(RESTRICTIVE)" in theirs[r"\dp dp.*"]
    for command in COMMANDS:
        assert ours[command] == theirs[command], command
