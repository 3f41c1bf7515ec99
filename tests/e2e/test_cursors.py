"""Server-side cursors through real clients: psycopg's named cursors (DECLARE over the extended
protocol with parameters, FETCH FORWARD in batches, scrolling, WITH HOLD) and the SQL statements
DECLARE / FETCH / MOVE / CLOSE, with PostgreSQL's errors. Expectations are PostgreSQL 15's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest


@pytest.fixture()
def dbconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        c.execute("CREATE TABLE g AS SELECT x, 'r' || x AS label FROM generate_series(1, 10) x")
        yield c


def test_psycopg_named_cursor_in_batches(server: Any, dbconn: psycopg.Connection, db: str) -> None:
    with server.connect(dbname=db, autocommit=False) as c:
        with c.cursor(name="batches") as cur:
            cur.itersize = 3
            cur.execute("SELECT x, label FROM g WHERE x > %s ORDER BY x", (2,))
            assert cur.fetchone() == (3, "r3")
            assert cur.fetchmany(2) == [(4, "r4"), (5, "r5")]
            assert [r[0] for r in cur] == [6, 7, 8, 9, 10]
        c.commit()


def test_psycopg_scrollable_and_binary(server: Any, dbconn: psycopg.Connection, db: str) -> None:
    with server.connect(dbname=db, autocommit=False) as c:
        with c.cursor(name="sc", scrollable=True, binary=True) as cur:
            cur.execute("SELECT x FROM g ORDER BY x")
            assert cur.fetchmany(3) == [(1,), (2,), (3,)]
            cur.scroll(-2)
            assert cur.fetchone() == (2,)
            cur.scroll(8, mode="absolute")
            assert cur.fetchall() == [(9,), (10,)]
        c.rollback()


def test_with_hold_cursor_outlives_its_transaction(server: Any, dbconn: psycopg.Connection, db: str) -> None:
    with server.connect(dbname=db, autocommit=False) as c:
        with c.cursor(name="held", withhold=True) as cur:
            cur.execute("SELECT x FROM g WHERE x <= 4 ORDER BY x")
            c.commit()
            assert [r[0] for r in cur.fetchall()] == [1, 2, 3, 4]


def fetch(c: psycopg.Connection, sql: str) -> list[int]:
    return [r[0] for r in c.execute(sql).fetchall()]


def test_fetch_directions_match_postgres(dbconn: psycopg.Connection) -> None:
    with dbconn.transaction():
        dbconn.execute("DECLARE c SCROLL CURSOR FOR SELECT x FROM g ORDER BY x")
        assert fetch(dbconn, "FETCH 3 FROM c") == [1, 2, 3]
        assert fetch(dbconn, "FETCH PRIOR FROM c") == [2]
        assert fetch(dbconn, "FETCH ABSOLUTE -1 FROM c") == [10]
        assert dbconn.execute("MOVE BACKWARD 2 IN c").statusmessage == "MOVE 2"
        assert fetch(dbconn, "FETCH NEXT c") == [9]
        assert fetch(dbconn, "FETCH BACKWARD ALL FROM c") == [8, 7, 6, 5, 4, 3, 2, 1]
        assert fetch(dbconn, "FETCH RELATIVE 3 FROM c") == [3]
        cur = dbconn.execute("FETCH ALL FROM c")
        assert [r[0] for r in cur.fetchall()] == [4, 5, 6, 7, 8, 9, 10] and cur.statusmessage == "FETCH 7"
        assert fetch(dbconn, "FETCH 1 FROM c") == []
        assert dbconn.execute("CLOSE c").statusmessage == "CLOSE CURSOR"


@pytest.mark.parametrize("statements, error", [
    (["DECLARE c CURSOR FOR SELECT 1"], psycopg.errors.NoActiveSqlTransaction),
    (["BEGIN", "FETCH 1 FROM nope"], psycopg.errors.InvalidCursorName),
    (["BEGIN", "DECLARE c CURSOR FOR SELECT 1", "DECLARE c CURSOR FOR SELECT 2"], psycopg.errors.DuplicateCursor),
    (["BEGIN", "DECLARE c NO SCROLL CURSOR FOR SELECT 1", "FETCH 1 c", "FETCH PRIOR c"],
     psycopg.errors.ObjectNotInPrerequisiteState),
    (["BEGIN", "DECLARE c CURSOR FOR INSERT INTO g VALUES (1) RETURNING 1"], psycopg.errors.SyntaxError),
    (["BEGIN", "DECLARE c CURSOR FOR SELECT 1", "COMMIT", "FETCH 1 FROM c"], psycopg.errors.InvalidCursorName),
])
def test_cursor_errors(dbconn: psycopg.Connection, statements: list[str], error: type[Exception]) -> None:
    with pytest.raises(error):
        for s in statements:
            dbconn.execute(s)
    dbconn.execute("ROLLBACK")
    assert dbconn.execute("SELECT 1").fetchone() == (1,)


def test_rollback_drops_the_hold_cursors_it_declared(dbconn: psycopg.Connection) -> None:
    dbconn.execute("BEGIN")
    dbconn.execute("DECLARE h CURSOR WITH HOLD FOR SELECT x FROM g")
    dbconn.execute("ROLLBACK")
    with pytest.raises(psycopg.errors.InvalidCursorName):
        dbconn.execute("FETCH 1 FROM h")
    dbconn.execute("DECLARE h2 CURSOR WITH HOLD FOR SELECT x FROM g ORDER BY x")  # outside a block: allowed
    assert fetch(dbconn, "FETCH 2 FROM h2") == [1, 2]
    dbconn.execute("CLOSE ALL")
    with pytest.raises(psycopg.errors.InvalidCursorName):
        dbconn.execute("FETCH 1 FROM h2")
