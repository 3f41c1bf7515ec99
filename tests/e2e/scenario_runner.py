"""Scenario runner for the SQL feature tests: a scenario is a list of (statement, expectation)
steps run in order on one autocommit connection to a database of its own. An expectation is the
command tag (str) for a statement without a result, the rows for a query (every value as the text
the server sends, NULL as None), or Err(sqlstate) for a statement that must fail.

Every expectation was recorded from PostgreSQL 15. To check them against a real PostgreSQL again,
set PGSERVER_ORACLE_DSN (for example "host=127.0.0.1 port=55432 user=postgres dbname=postgres"):
the same tests then run against that server instead, each scenario in a freshly created database
named by PGSERVER_ORACLE_DB (default "sql_features_oracle")."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from psycopg.types.string import TextLoader

ORACLE_DSN = os.environ.get("PGSERVER_ORACLE_DSN")
ORACLE_DB = os.environ.get("PGSERVER_ORACLE_DB", "sql_features_oracle")


@dataclass(frozen=True)
class Err:
    sqlstate: str


Rows = list[tuple[str | None, ...]]
Step = tuple[str, "str | Rows | Err"]


def text_results(c: psycopg.Connection) -> None:
    """Load every result value as the text the server sent (bytea's hex text included)."""
    for info in psycopg.adapters.types:
        c.adapters.register_loader(info.oid, TextLoader)
        if info.array_oid:
            c.adapters.register_loader(info.array_oid, TextLoader)
    for oid in (3614, 3615, 3734, 3769):
        c.adapters.register_loader(oid, TextLoader)


def actual(c: psycopg.Connection, sql: str) -> str | Rows | Err:
    try:
        cur = c.execute(sql)
    except psycopg.Error as e:
        return Err(e.sqlstate or "?")
    if cur.description is None:
        return cur.statusmessage or ""
    return [tuple(None if v is None else str(v) for v in row) for row in cur.fetchall()]


def run_scenario(c: psycopg.Connection, steps: list[Step]) -> None:
    problems = []
    for i, (sql, want) in enumerate(steps):
        got = actual(c, sql)
        if got != want:
            problems.append(f"step {i}: {sql}\n  want {want!r}\n  got  {got!r}")
    assert not problems, "\n".join(problems)


def scenario_connection(request: pytest.FixtureRequest) -> Iterator[psycopg.Connection]:
    """For a fixture: a text-result autocommit connection to an empty database of the test's own (on the
    pgserver under test, or on the oracle when PGSERVER_ORACLE_DSN is set), TimeZone UTC."""
    if ORACLE_DSN:
        with psycopg.connect(ORACLE_DSN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{ORACLE_DB}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{ORACLE_DB}"')
        params: dict[str, Any] = psycopg.conninfo.conninfo_to_dict(ORACLE_DSN)
        params["dbname"] = ORACLE_DB
        c = psycopg.connect(**params, autocommit=True)
    else:
        server = request.getfixturevalue("server")
        c = server.connect(dbname=request.getfixturevalue("db"))
    try:
        text_results(c)
        c.execute("SET TimeZone TO 'UTC'")
        yield c
    finally:
        c.close()
