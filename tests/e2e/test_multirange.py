"""Multirange types through psycopg (text and binary formats, parameters, COPY) and asyncpg.
Expected values were recorded from PostgreSQL 15."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import asyncpg
import psycopg
import pytest
from psycopg import errors
from psycopg.types.multirange import Multirange
from psycopg.types.range import Range


@pytest.fixture()
def conn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        c.autocommit = True
        yield c


@pytest.mark.parametrize("binary", [False, True])
def test_fetch(conn: psycopg.Connection, binary: bool) -> None:
    cur = conn.cursor(binary=binary)
    row = cur.execute("SELECT '{[1,3), [3,5), [8,9]}'::int4multirange, '{}'::nummultirange, "
                      "'{[2020-01-01,2020-01-05)}'::datemultirange, '{[1.5,2.5]}'::nummultirange").fetchone()
    assert row == (Multirange([Range(1, 5), Range(8, 10)]), Multirange(),
                   Multirange([Range(dt.date(2020, 1, 1), dt.date(2020, 1, 5))]),
                   Multirange([Range(Decimal("1.5"), Decimal("2.5"), "[]")]))
    assert [d.type_code for d in cur.description] == [4451, 4532, 4535, 4532]


@pytest.mark.parametrize("fmt", ["t", "b", "s"])
def test_parameters(conn: psycopg.Connection, fmt: str) -> None:
    mr = Multirange([Range(10, 20), Range(1, 3), Range(2, 5)])
    row = conn.execute(f"SELECT %{fmt}::int4multirange, %{fmt} = '{{[1,5),[10,20)}}'::int4multirange",
                       (mr, mr)).fetchone()
    assert row == (Multirange([Range(1, 5), Range(10, 20)]), True)
    assert conn.execute(f"SELECT '{{}}'::int4multirange = %{fmt}", (Multirange(),)).fetchone() == (True,)
    ts = Multirange([Range(dt.datetime(2020, 1, 1, 10, tzinfo=dt.UTC), None)])
    assert conn.execute(f"SELECT %{fmt}::text", (ts,)).fetchone() == ('{["2020-01-01 10:00:00+00",)}',)


def test_text_output_and_errors(conn: psycopg.Connection) -> None:
    assert conn.execute("SELECT '{ [5,7) , empty, [1,3] }'::int4multirange::text, "
                        "'{[1,3),(3,5]}'::nummultirange::text").fetchone() == ("{[1,4),[5,7)}", "{[1,3),(3,5]}")
    with pytest.raises(errors.InvalidTextRepresentation) as e:
        conn.execute("SELECT '{[1,2) x}'::int4multirange")
    assert str(e.value).startswith('malformed multirange literal: "{[1,2) x}"')
    assert e.value.diag.message_detail == "Expected comma or end of multirange."


def test_binary_bytes(conn: psycopg.Connection) -> None:
    got = conn.execute("SELECT multirange_send('{[1,3),[5,)}'::int4multirange), "
                       "multirange_send('{}'::int4multirange)").fetchone()
    assert got == (bytes.fromhex("0000000200000011020000000400000001000000040000000300000009120000000400000005"),
                   bytes.fromhex("00000000"))


@pytest.mark.parametrize("binary", [False, True])
def test_arrays(conn: psycopg.Connection, binary: bool) -> None:
    cur = conn.cursor(binary=binary)
    row = cur.execute("""SELECT '{"{[1,2)}","{}"}'::int4multirange[]""").fetchone()
    assert row == ([Multirange([Range(1, 2)]), Multirange()],)


def test_functions_and_operators(conn: psycopg.Connection) -> None:
    row = conn.execute(
        "SELECT int4multirange(int4range(1,2), int4range(5,6), int4range(2,3))::text, int4multirange()::text, "
        "'{[1,5)}'::int4multirange @> 3, '{[1,9)}'::int4multirange - '{[3,4)}', "
        "range_merge('{[1,5),[7,9)}'::int4multirange)::text, lower('{[1,5),[7,9)}'::int4multirange), "
        "int4range(1,4)::int4multirange::text").fetchone()
    assert row == ("{[1,3),[5,6)}", "{}", True, Multirange([Range(1, 3), Range(4, 9)]), "[1,9)", 1, "{[1,4)}")
    assert conn.execute("SELECT unnest('{[1,5),[7,9)}'::int4multirange)::text").fetchall() == [("[1,5)",), ("[7,9)",)]


def test_table_and_copy(conn: psycopg.Connection) -> None:
    conn.execute("CREATE TABLE mr_t (id int, mr datemultirange)")
    d = dt.date
    data = [(1, Multirange([Range(d(2020, 1, 1), d(2020, 1, 5)), Range(d(2020, 1, 3), d(2020, 2, 1))])),
            (2, Multirange()), (3, None)]
    conn.cursor().executemany("INSERT INTO mr_t VALUES (%s, %s)", data[:1])
    with conn.cursor().copy("COPY mr_t FROM STDIN") as cp:
        cp.write_row(data[1])
    with conn.cursor(binary=True).copy("COPY mr_t FROM STDIN (FORMAT BINARY)") as cp:
        cp.set_types(["int4", "datemultirange"])
        cp.write_row(data[2])
        cp.write_row((4, Multirange([Range(d(2021, 1, 1), d(2021, 1, 2))])))
    rows = conn.execute("SELECT id, mr::text FROM mr_t ORDER BY id").fetchall()
    assert rows == [(1, "{[2020-01-01,2020-02-01)}"), (2, "{}"), (3, None), (4, "{[2021-01-01,2021-01-02)}")]
    with conn.cursor(binary=True).copy("COPY mr_t TO STDOUT (FORMAT BINARY)") as cp:
        cp.set_types(["int4", "datemultirange"])
        back = sorted(cp.rows(), key=lambda r: r[0])
    assert back[0] == (1, Multirange([Range(d(2020, 1, 1), d(2020, 2, 1))]))
    assert back[1] == (2, Multirange())
    with conn.cursor().copy("COPY (SELECT mr FROM mr_t WHERE id = 1) TO STDOUT") as cp:
        text = b"".join(bytes(b) for b in cp)
    assert text == b"{[2020-01-01,2020-02-01)}\n"
    assert conn.execute("SELECT id FROM mr_t WHERE mr @> '2020-01-10'::date").fetchall() == [(1,)]


def test_asyncpg_round_trip(server: Any, db: str) -> None:
    async def run() -> None:
        c = await asyncpg.connect(host="127.0.0.1", port=server.port, user=server.user,
                                  password=server.password, database=db)
        try:
            got = await c.fetchval("SELECT $1::int4multirange", [asyncpg.Range(1, 3), asyncpg.Range(2, 6)])
            assert got == [asyncpg.Range(1, 6)]
            assert await c.fetchval("SELECT '{}'::int8multirange") == []
            assert await c.fetchval("SELECT $1 = '{[1,3)}'::int4multirange", [asyncpg.Range(1, 3)]) is True
        finally:
            await c.close()

    asyncio.run(run())
