"""COPY FROM STDIN / TO STDOUT through real clients: psycopg (text, CSV with its options, binary),
asyncpg (copy_records_to_table, copy_from_query) and psql's \\copy. Bad data gives PostgreSQL's
error with the line context and loads nothing; the connection stays usable. Expected outputs and
messages were taken from PostgreSQL 15."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import asyncpg
import psycopg
import pytest


@pytest.fixture()
def dbconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        c.execute("CREATE TABLE ct (a int PRIMARY KEY, b text, c varchar(3))")
        yield c


def copy_out(c: psycopg.Connection, sql: str) -> str:
    with c.cursor() as cur, cur.copy(sql) as cp:
        return b"".join(bytes(chunk) for chunk in cp).decode()


def copy_in(c: psycopg.Connection, sql: str, data: str) -> None:
    with c.cursor() as cur, cur.copy(sql) as cp:
        cp.write(data.encode())


def test_text_round_trip_with_escapes(dbconn: psycopg.Connection) -> None:
    copy_in(dbconn, "COPY ct FROM STDIN", "1\tx\\ty\tabc\n2\t\\N\tq\n")
    assert dbconn.execute("SELECT a, b, c FROM ct ORDER BY a").fetchall() == [(1, "x\ty", "abc"), (2, None, "q")]
    assert copy_out(dbconn, "COPY ct TO STDOUT") == "1\tx\\ty\tabc\n2\t\\N\tq\n"
    assert copy_out(dbconn, "COPY ct (c, a) TO STDOUT (DELIMITER '|', NULL 'nil')") == "abc|1\nq|2\n"


def test_csv_options(dbconn: psycopg.Connection) -> None:
    copy_in(dbconn, "COPY ct FROM STDIN CSV HEADER", 'a,b,c\n3,"a,b",""\n4,,\n5,"two\nlines",x\n')
    rows = dbconn.execute("SELECT a, b, c FROM ct ORDER BY a").fetchall()
    assert rows == [(3, "a,b", ""), (4, None, None), (5, "two\nlines", "x")]
    assert copy_out(dbconn, "COPY ct TO STDOUT WITH (FORMAT csv, HEADER)") == \
        'a,b,c\n3,"a,b",""\n4,,\n5,"two\nlines",x\n'
    assert copy_out(dbconn, "COPY (SELECT a, b FROM ct WHERE a < 5 ORDER BY a) TO STDOUT "
                            "WITH (FORMAT csv, FORCE_QUOTE *)") == '"3","a,b"\n"4",\n'
    assert copy_out(dbconn, "COPY ct (a, b) TO STDOUT WITH (FORMAT csv, DELIMITER ';', QUOTE '''', "
                            "FORCE_QUOTE (b))") == "3;'a,b'\n4;\n5;'two\nlines'\n"


def test_csv_force_not_null_and_force_null(dbconn: psycopg.Connection) -> None:
    copy_in(dbconn, "COPY ct FROM STDIN (FORMAT csv, FORCE_NOT_NULL (b), FORCE_NULL (c))", '1,,""\n')
    assert dbconn.execute("SELECT b, c FROM ct").fetchone() == ("", None)


def test_binary_round_trip(dbconn: psycopg.Connection) -> None:
    dbconn.execute("CREATE TABLE typed (id int, name text, amount numeric(10,2), ts timestamptz, flag bool)")
    rows = [(i, f"name {i}", Decimal(i) / 4, dt.datetime(2024, 1, 1, i, tzinfo=dt.UTC), i % 2 == 0)
            for i in range(5)] + [(9, None, None, None, None)]
    with dbconn.cursor() as cur, cur.copy("COPY typed FROM STDIN (FORMAT binary)") as cp:
        cp.set_types(["int4", "text", "numeric", "timestamptz", "bool"])
        for r in rows:
            cp.write_row(r)
    with dbconn.cursor(binary=True) as cur, cur.copy("COPY typed TO STDOUT (FORMAT binary)") as cp:
        cp.set_types(["int4", "text", "numeric", "timestamptz", "bool"])
        back = list(cp.rows())
    assert back == rows
    with dbconn.cursor(binary=True) as cur, cur.copy("COPY (SELECT 1 WHERE false) TO STDOUT (FORMAT binary)") as cp:
        cp.set_types(["int4"])
        assert list(cp.rows()) == []


@pytest.mark.parametrize("data, message, context", [
    ("zz\tx\tabc\n", 'invalid input syntax for type integer: "zz"', 'COPY ct, line 1, column a: "zz"'),
    ("1\tx\n", 'missing data for column "c"', 'COPY ct, line 1: "1\tx"'),
    ("1\tx\ty\tz\n", "extra data after last expected column", 'COPY ct, line 1: "1\tx\ty\tz"'),
    ("1\tok\tok\n2\tx\tabcd\n", "value too long for type character varying(3)",
     'COPY ct, line 2, column c: "abcd"'),
])
def test_bad_data_errors_with_context_and_loads_nothing(dbconn: psycopg.Connection, data: str, message: str,
                                                        context: str) -> None:
    with pytest.raises(psycopg.errors.DataError) as e:
        copy_in(dbconn, "COPY ct FROM STDIN", data)
    assert e.value.diag.message_primary == message
    assert e.value.diag.context == context
    assert dbconn.execute("SELECT count(*) FROM ct").fetchone() == (0,)


def test_constraint_violation_loads_nothing(dbconn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.UniqueViolation):
        copy_in(dbconn, "COPY ct FROM STDIN", "1\ta\ta\n1\tb\tb\n")
    assert dbconn.execute("SELECT count(*) FROM ct").fetchone() == (0,)


def test_copy_inside_a_transaction_rolls_back_with_it(dbconn: psycopg.Connection) -> None:
    with dbconn.transaction(force_rollback=True):
        copy_in(dbconn, "COPY ct FROM STDIN", "7\ta\ta\n")
        assert dbconn.execute("SELECT count(*) FROM ct").fetchone() == (1,)
    assert dbconn.execute("SELECT count(*) FROM ct").fetchone() == (0,)


@pytest.mark.parametrize("sql, error", [
    ("COPY ct FROM '/etc/passwd'", psycopg.errors.InsufficientPrivilege),
    ("COPY ct TO '/tmp/pgserver-copy-out'", psycopg.errors.InsufficientPrivilege),
    ("COPY nope FROM STDIN", psycopg.errors.UndefinedTable),
    ("COPY ct (a, zz) TO STDOUT", psycopg.errors.UndefinedColumn),
    ("COPY ct TO STDOUT (FORMAT xml)", psycopg.errors.InvalidParameterValue),
    ("COPY ct TO STDOUT (BOGUS 1)", psycopg.errors.SyntaxError),
    ("COPY ct FROM STDIN WITH (FORMAT csv, FORCE_QUOTE *)", psycopg.errors.FeatureNotSupported),
    ("COPY ct TO STDOUT (FORMAT csv, DELIMITER ',', QUOTE ',')", psycopg.errors.InvalidParameterValue),
])
def test_statement_errors(dbconn: psycopg.Connection, sql: str, error: type[Exception]) -> None:
    with pytest.raises(error), dbconn.cursor() as cur, cur.copy(sql):
        pass
    assert not os.path.exists("/tmp/pgserver-copy-out")
    assert dbconn.execute("SELECT 1").fetchone() == (1,)


def test_views_cannot_be_copied_directly(dbconn: psycopg.Connection) -> None:
    dbconn.execute("CREATE VIEW cv AS SELECT * FROM ct")
    with pytest.raises(psycopg.errors.WrongObjectType) as e, dbconn.cursor() as cur, cur.copy("COPY cv TO STDOUT"):
        pass
    assert e.value.diag.message_primary == 'cannot copy from view "cv"'
    with pytest.raises(psycopg.errors.WrongObjectType), dbconn.cursor() as cur, cur.copy("COPY cv FROM STDIN"):
        pass


def test_asyncpg_copy(server: Any, dbconn: psycopg.Connection, db: str) -> None:
    async def run() -> tuple[str, int, list[Any]]:
        conn = await asyncpg.connect(host="127.0.0.1", port=server.port, user=server.user,
                                     password=server.password, database=db)
        try:
            tag = await conn.copy_records_to_table("ct", records=[(i, f"r{i}", "ok") for i in range(300)])
            out: list[bytes] = []

            async def sink(chunk: bytes) -> None:
                out.append(chunk)

            await conn.copy_from_query("SELECT a, b FROM ct WHERE a < $1 ORDER BY a", 3, output=sink, format="csv")
            rows = b"".join(out).decode().splitlines()
            return tag, await conn.fetchval("SELECT count(*) FROM ct"), rows
        finally:
            await conn.close()

    tag, count, rows = asyncio.run(run())
    assert tag == "COPY 300" and count == 300
    assert rows == ["0,r0", "1,r1", "2,r2"]


def test_psql_backslash_copy(server: Any, dbconn: psycopg.Connection, db: str, tmp_path: Any) -> None:
    dbconn.execute("INSERT INTO ct VALUES (1, 'a,b', 'x'), (2, NULL, 'y')")
    out = tmp_path / "ct.csv"
    env = dict(os.environ, PGPASSWORD=server.password)
    base = ["psql", "-X", "-h", "127.0.0.1", "-p", str(server.port), "-U", server.user, "-d", db,
            "-v", "ON_ERROR_STOP=1"]
    r = subprocess.run(base + ["-c", f"\\copy ct TO '{out}' CSV"], env=env, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert out.read_text() == '1,"a,b",x\n2,,y\n'
    dbconn.execute("TRUNCATE ct")
    r = subprocess.run(base + ["-c", f"\\copy ct FROM '{out}' CSV"], env=env, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "COPY 2"
    assert dbconn.execute("SELECT a, b, c FROM ct ORDER BY a").fetchall() == [(1, "a,b", "x"), (2, None, "y")]
