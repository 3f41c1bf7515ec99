"""DDL objects through psycopg: domains, composite types, generated columns and expression /
partial indexes, as PostgreSQL 15 answers them on the wire."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest


@pytest.fixture()
def dbconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        yield c


def test_domain_column_and_errors(dbconn: psycopg.Connection) -> None:
    dbconn.execute("CREATE DOMAIN posint AS int CHECK (VALUE > 0)")
    dbconn.execute("CREATE TABLE t (a posint)")
    with pytest.raises(psycopg.errors.CheckViolation):
        dbconn.execute("INSERT INTO t VALUES (0)")
    dbconn.execute("INSERT INTO t VALUES (%s)", (4,))
    cur = dbconn.execute("SELECT a, pg_typeof(5::posint)::text FROM t")
    assert cur.fetchall() == [(4, "posint")]
    assert cur.description[0].type_code == 23  # the base type on the wire
    with pytest.raises(psycopg.errors.DependentObjectsStillExist):
        dbconn.execute("DROP DOMAIN posint")


def test_composite_text_format(dbconn: psycopg.Connection) -> None:
    dbconn.execute("CREATE TYPE pair AS (a int, b text)")
    dbconn.execute("CREATE TABLE t (id int, p pair)")
    dbconn.execute("INSERT INTO t VALUES (1, ROW(3, 'x y'))")
    cur = dbconn.execute("SELECT p::text, (p).b FROM t")
    assert cur.fetchall() == [('(3,"x y")', "x y")]


def test_generated_column_and_expression_index(dbconn: psycopg.Connection) -> None:
    dbconn.execute("CREATE TABLE t (email text, n int, d int GENERATED ALWAYS AS (n * 2) STORED)")
    dbconn.execute("CREATE UNIQUE INDEX t_lower ON t (lower(email))")
    dbconn.execute("INSERT INTO t (email, n) VALUES ('A@x', 2)")
    with pytest.raises(psycopg.errors.UniqueViolation):
        dbconn.execute("INSERT INTO t (email, n) VALUES ('a@X', 3)")
    with pytest.raises(psycopg.errors.GeneratedAlways):
        dbconn.execute("UPDATE t SET d = 1")
    dbconn.execute("INSERT INTO t (email, n) VALUES ('a@X', 5) ON CONFLICT (lower(email)) "
                   "DO UPDATE SET email = EXCLUDED.email, n = EXCLUDED.n")
    assert dbconn.execute("SELECT email, n, d FROM t").fetchall() == [("a@X", 5, 10)]
