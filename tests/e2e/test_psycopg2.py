"""psycopg2 (libpq) against the real server over TCP with SCRAM-SHA-256: parameters of common types,
executemany and execute_values, COPY through copy_expert, server-side (named) cursors, transactions,
errors with their diagnostic fields, dict cursors and connection information. Expected values were
checked against PostgreSQL 15."""

from __future__ import annotations

import datetime
import io
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import psycopg2
import psycopg2.errors
import psycopg2.extras
import pytest

psycopg2.extras.register_uuid()


@pytest.fixture()
def pg2(server: Any, db: str) -> Iterator[Any]:
    c = psycopg2.connect(host=server.host, port=server.port, user=server.user, password=server.password, dbname=db,
                         connect_timeout=10)
    try:
        yield c
    finally:
        c.close()


TS = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def _make_table(c: Any) -> None:
    with c.cursor() as cur:
        cur.execute("create table t (id int primary key, name text, amount numeric(10,2), ts timestamptz, d date, "
                    "flag bool, data jsonb, u uuid, arr int[], b bytea, f float8)")
    c.commit()


def test_parameters_of_common_types_round_trip(pg2: Any) -> None:
    _make_table(pg2)
    cur = pg2.cursor()
    row = (1, "a'b", Decimal("3.50"), TS, datetime.date(2024, 2, 29), True, psycopg2.extras.Json({"k": [1, 2]}),
           uuid.UUID(int=5), [1, 2, 3], psycopg2.Binary(b"\x00\x01"), 1.5)
    cur.execute("insert into t values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)", row)
    cur.execute("select * from t")
    got = cur.fetchone()
    assert got[:8] == (1, "a'b", Decimal("3.50"), TS, datetime.date(2024, 2, 29), True, {"k": [1, 2]},
                       uuid.UUID(int=5))
    assert got[8] == [1, 2, 3] and bytes(got[9]) == b"\x00\x01" and got[10] == 1.5
    assert [(d.name, d.type_code) for d in cur.description] == [
        ("id", 23), ("name", 25), ("amount", 1700), ("ts", 1184), ("d", 1082), ("flag", 16), ("data", 3802),
        ("u", 2950), ("arr", 1007), ("b", 17), ("f", 701)]
    cur.execute("select %s::interval, %s::time, 1::int8, 'NaN'::numeric, array['a','b'], %s, %s::text",
                (datetime.timedelta(days=1, seconds=5), datetime.time(1, 2, 3), None, "x"))
    got = cur.fetchone()
    assert got[:3] == (datetime.timedelta(days=1, seconds=5), datetime.time(1, 2, 3), 1)
    assert got[3].is_nan() and got[4:] == (["a", "b"], None, "x")


def test_executemany_execute_values_and_copy_expert(pg2: Any) -> None:
    _make_table(pg2)
    cur = pg2.cursor()
    cur.executemany("insert into t (id, name) values (%s, %s)", [(2, "x"), (3, None)])
    psycopg2.extras.execute_values(cur, "insert into t (id, name) values %s", [(20, "v"), (21, "w")])
    cur.copy_expert("copy t (id, name) from stdin with (format csv)", io.StringIO("10,ten\n11,\"e,leven\"\n"))
    pg2.commit()
    out = io.StringIO()
    cur.copy_expert("copy (select id, name from t order by id) to stdout", out)
    assert out.getvalue() == "2\tx\n3\t\\N\n10\tten\n11\te,leven\n20\tv\n21\tw\n"
    out = io.StringIO()
    cur.copy_expert("copy t (id, name) to stdout with (format csv, header)", out)
    assert sorted(out.getvalue().splitlines()) == sorted(["id,name", "2,x", "3,", "10,ten", '11,"e,leven"', "20,v",
                                                          "21,w"])


def test_named_cursor_fetches_in_batches(pg2: Any) -> None:
    cur = pg2.cursor("named")
    cur.itersize = 3
    cur.execute("select g, g * 2 from generate_series(1, 10) g")
    assert [r for r in cur] == [(g, g * 2) for g in range(1, 11)]
    cur.close()
    cur = pg2.cursor("again", scrollable=True)
    cur.execute("select g from generate_series(1, 5) g")
    assert cur.fetchmany(2) == [(1,), (2,)]
    cur.scroll(-2)
    assert cur.fetchone() == (1,)
    cur.close()
    pg2.rollback()


def test_transactions_and_errors(pg2: Any) -> None:
    _make_table(pg2)
    cur = pg2.cursor()
    cur.execute("insert into t (id) values (1)")
    pg2.commit()
    cur.execute("insert into t (id) values (99)")
    pg2.rollback()
    cur.execute("select count(*) from t where id = 99")
    assert cur.fetchone() == (0,)
    with pytest.raises(psycopg2.errors.UniqueViolation) as info:
        cur.execute("insert into t (id) values (1)")
    d = info.value.diag
    assert (d.sqlstate, d.schema_name, d.table_name, d.constraint_name, d.message_detail) == (
        "23505", "public", "t", "t_pkey", "Key (id)=(1) already exists.")
    with pytest.raises(psycopg2.errors.InFailedSqlTransaction):
        cur.execute("select 1")
    pg2.rollback()
    with pg2:  # the connection as a context manager commits
        with pg2.cursor() as c2:
            c2.execute("insert into t (id, name) values (5, 'ctx')")
    cur.execute("select name from t where id = 5")
    assert cur.fetchone() == ("ctx",)
    pg2.rollback()
    pg2.autocommit = True
    with pytest.raises(psycopg2.errors.DivisionByZero):
        cur.execute("select 1/0")
    cur.execute("select 1")
    assert cur.fetchone() == (1,)


def test_dict_cursor_and_connection_information(pg2: Any) -> None:
    d = pg2.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
    d.execute("select 1 as a, 'x' as b")
    assert d.fetchall() == [{"a": 1, "b": "x"}]
    assert pg2.server_version // 10000 == 15
    assert pg2.get_parameter_status("server_encoding") == "UTF8" and pg2.encoding == "UTF8"
    assert pg2.get_parameter_status("integer_datetimes") == "on"
    cur = pg2.cursor()
    cur.execute("select %(a)s || %(b)s", {"a": "x", "b": "y"})
    assert cur.fetchone() == ("xy",)
    assert cur.mogrify("select %s", ("it's",)) == b"select 'it''s'"


def test_copy_from_copy_to_and_composite_types(pg2: Any) -> None:
    pg2.autocommit = True
    cur = pg2.cursor()
    cur.execute("create type pt as (x int, y text); create table cf (a int, b text, p pt)")
    cur.copy_from(io.StringIO("1\tx\t(1,a)\n2\t\\N\t\\N\n"), "cf", columns=("a", "b", "p"))
    assert cur.rowcount == 2
    out = io.StringIO()
    cur.copy_to(out, "cf", sep=",")
    assert out.getvalue() == "1,x,(1\\,a)\n2,\\N,\\N\n"  # the delimiter inside a value is escaped
    caster = psycopg2.extras.register_composite("pt", cur)  # reads pg_type and pg_attribute
    assert [a for a in caster.attnames] == ["x", "y"]
    cur.execute("select p from cf where a = 1")
    p = cur.fetchone()[0]
    assert (p.x, p.y) == (1, "a")
    psycopg2.extras.execute_batch(cur, "insert into cf (a) values (%s)", [(i,) for i in range(10, 15)])
    nt = pg2.cursor(cursor_factory=psycopg2.extras.NamedTupleCursor)
    nt.execute("select count(*) as n, max(a) as top from cf")
    row = nt.fetchone()
    assert (row.n, row.top) == (7, 14)
