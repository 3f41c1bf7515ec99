"""Running the same statements on pgserver and on a real PostgreSQL 15 and comparing what each
one answers: the rows, the command tag, or the error's SQLSTATE and message.

The real cluster is a throw-away one (:mod:`tests.e2e.realpg`); without PostgreSQL's server
binaries the test skips, or fails when ``CI`` is set.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg

from tests.e2e.client_tools import missing
from tests.e2e.realpg import RealPostgres, pg_bin

Step = tuple[str | None, str]  # (role to SET ROLE to, or None for the superuser; one statement)


@contextmanager
def real_postgres() -> Iterator[RealPostgres]:
    try:
        pg_bin("initdb")
    except RuntimeError:
        missing("PostgreSQL 15's server programs", "apt-get install postgresql-15")
    with RealPostgres() as pg:
        yield pg


def outcome(conn: psycopg.Connection, sql: str) -> tuple[Any, ...]:
    try:
        cur = conn.execute(sql)
    except psycopg.Error as e:
        return ("error", e.sqlstate, e.diag.message_primary)
    rows = cur.fetchall() if cur.description is not None else None
    return ("ok", cur.statusmessage, rows)


def run_steps(conn: psycopg.Connection, steps: list[Step]) -> list[tuple[Any, ...]]:
    out = []
    for role, sql in steps:
        conn.execute("RESET ROLE" if role is None else f"SET ROLE {role}")
        out.append((role, sql, *outcome(conn, sql)))
    conn.execute("RESET ROLE")
    return out
