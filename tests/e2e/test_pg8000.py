"""pg8000 (a pure-Python driver with its own protocol code) against the real server over TCP with
SCRAM-SHA-256: the native interface (named parameters, prepared statements, COPY through stream=)
and the DB-API interface (paramstyle format, executemany, commit/rollback). Expected values were
checked against PostgreSQL 15."""

from __future__ import annotations

import datetime
import io
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pg8000.dbapi
import pg8000.native
import pytest

TS = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


@pytest.fixture()
def native(server: Any, db: str) -> Iterator[pg8000.native.Connection]:
    c = pg8000.native.Connection(server.user, host=server.host, port=server.port, password=server.password,
                                 database=db, timeout=60)
    try:
        yield c
    finally:
        c.close()


@pytest.fixture()
def dbapi(server: Any, db: str) -> Iterator[Any]:
    c = pg8000.dbapi.connect(user=server.user, host=server.host, port=server.port, password=server.password,
                             database=db, timeout=60)
    try:
        yield c
    finally:
        c.close()


def _make_table(con: pg8000.native.Connection) -> None:
    con.run("create table p8 (id int primary key, name text, amount numeric(10,2), ts timestamptz, d date, "
            "flag bool, data jsonb, u uuid, arr int[], b bytea, f float8, iv interval)")


def test_native_parameters_and_types(native: pg8000.native.Connection) -> None:
    _make_table(native)
    native.run("insert into p8 values (:id,:name,:amount,:ts,:d,:flag,:data,:u,:arr,:b,:f,:iv)", id=1, name="a'b",
               amount=Decimal("3.50"), ts=TS, d=datetime.date(2024, 2, 29), flag=True, data={"k": [1, 2]},
               u=uuid.UUID(int=5), arr=[1, 2, 3], b=b"\x00\x01", f=1.5, iv=datetime.timedelta(days=1, seconds=3))
    assert native.run("select * from p8") == [[
        1, "a'b", Decimal("3.50"), TS, datetime.date(2024, 2, 29), True, {"k": [1, 2]}, uuid.UUID(int=5), [1, 2, 3],
        b"\x00\x01", 1.5, datetime.timedelta(days=1, seconds=3)]]
    cols = native.columns
    assert [(c["name"], c["type_oid"], c["type_modifier"]) for c in cols] == [
        ("id", 23, -1), ("name", 25, -1), ("amount", 1700, 655366), ("ts", 1184, -1), ("d", 1082, -1),
        ("flag", 16, -1), ("data", 3802, -1), ("u", 2950, -1), ("arr", 1007, -1), ("b", 17, -1), ("f", 701, -1),
        ("iv", 1186, -1)]
    assert cols[0]["column_attrnum"] == 1 and cols[0]["table_oid"] > 0
    assert native.run("select :a::int + 1, :b::text || 'x', :c", a=41, b="y", c=None) == [[42, "yx", None]]
    got = native.run("select 'NaN'::numeric, 1::int8, 2::int2, array['a','b'], '1 day'::interval, '12:00'::time, "
                     "true, null::text, 'x'::varchar(3), 1.5::float4")[0]
    assert got[0].is_nan()
    assert got[1:] == [1, 2, ["a", "b"], datetime.timedelta(days=1), datetime.time(12, 0), True, None, "x", 1.5]


def test_native_prepared_statement(native: pg8000.native.Connection) -> None:
    _make_table(native)
    native.run("insert into p8 (id, name) values (1, 'one'), (2, 'two')")
    ps = native.prepare("select name from p8 where id = :i")
    assert ps.run(i=1) == [["one"]]
    assert ps.run(i=2) == [["two"]]
    assert ps.run(i=3) == []
    ps.close()


def test_native_copy_through_stream(native: pg8000.native.Connection) -> None:
    _make_table(native)
    native.run("copy p8 (id, name) from stdin with (format csv)", stream=io.StringIO("10,ten\n11,eleven\n"))
    assert native.row_count == 2
    out = io.StringIO()
    native.run("copy (select id, name from p8 order by id) to stdout", stream=out)
    assert out.getvalue() == "10\tten\n11\televen\n"
    raw = io.BytesIO()
    native.run("copy p8 (id) to stdout with (format csv)", stream=raw)
    assert sorted(raw.getvalue().split()) == [b"10", b"11"]


def test_native_transactions_and_errors(native: pg8000.native.Connection) -> None:
    _make_table(native)
    native.run("insert into p8 (id) values (1)")
    native.run("start transaction")
    native.run("insert into p8 (id) values (50)")
    native.run("rollback")
    assert native.run("select count(*) from p8") == [[1]]
    with pytest.raises(pg8000.native.DatabaseError) as info:
        native.run("insert into p8 (id) values (1)")
    fields = info.value.args[0]
    assert (fields["C"], fields["M"], fields["s"], fields["t"], fields["n"]) == (
        "23505", 'duplicate key value violates unique constraint "p8_pkey"', "public", "p8", "p8_pkey")
    native.run("begin")
    with pytest.raises(pg8000.native.DatabaseError):
        native.run("select 1/0")
    with pytest.raises(pg8000.native.DatabaseError) as info:
        native.run("select 1")
    assert info.value.args[0]["C"] == "25P02"
    native.run("rollback")
    assert native.run("select 1") == [[1]]


def test_dbapi_interface(native: pg8000.native.Connection, dbapi: Any) -> None:
    _make_table(native)
    cur = dbapi.cursor()
    cur.execute("insert into p8 (id, name) values (%s, %s)", (20, "dbapi"))
    cur.executemany("insert into p8 (id, name) values (%s, %s)", [(21, "a"), (22, "b")])
    assert cur.rowcount == 2
    dbapi.rollback()
    cur.execute("select count(*) from p8")
    assert cur.fetchone() == [0]
    cur.execute("insert into p8 (id, name, amount) values (%s, %s, %s)", (20, "dbapi", Decimal("1.25")))
    dbapi.commit()
    cur.execute("select id, name, amount from p8 where id >= %s order by id", (11,))
    assert cur.fetchall() == ([20, "dbapi", Decimal("1.25")],)
    assert [d[:2] for d in cur.description] == [("id", 23), ("name", 25), ("amount", 1700)]
    with pytest.raises(pg8000.dbapi.DatabaseError):
        cur.execute("insert into p8 (id) values (20)")
    dbapi.rollback()
    dbapi.autocommit = True
    cur.execute("select %s::int[], %s", ([1, 2], "x"))
    assert cur.fetchone() == [[1, 2], "x"]
