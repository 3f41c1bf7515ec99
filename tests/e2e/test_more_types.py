"""More PostgreSQL types through the wire (psycopg): ranges, inet/cidr, bit strings, time
24:00:00 and timetz, BC dates, geometric and text-search types, interval qualifiers, typed
literals, function-style casts, OVERLAPS and bytea byte access. Values are compared as the
text PostgreSQL 15 sends (checked against a real server)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg.types.string import TextLoader


@pytest.fixture()
def tconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    """A connection whose results all come back as the server's text."""
    with server.connect(dbname=db) as c:
        for name in ("int4range", "int8range", "numrange", "daterange", "tsrange", "tstzrange", "inet", "cidr",
                     "time", "timetz", "date", "interval", "bool", "int4", "int8", "float8", "numeric",
                     "timestamp", "timestamptz", "bytea", "bit", "varbit", "point", "box", "circle", "lseg",
                     "tsvector", "tsquery", "regtype"):
            info = psycopg.adapters.types.get(name)
            oid = info.oid if info is not None else {"tsquery": 3615, "tsvector": 3614}.get(name)
            if oid is not None:
                c.adapters.register_loader(oid, TextLoader)
        yield c


def one(c: psycopg.Connection, sql: str) -> tuple[Any, ...]:
    row = c.execute(sql).fetchone()
    assert row is not None
    return tuple(v.decode() if isinstance(v, bytes | memoryview) else v for v in row)


def sqlstate(c: psycopg.Connection, sql: str) -> str | None:
    with pytest.raises(psycopg.Error) as ei:
        c.execute(sql)
    return ei.value.sqlstate


def test_ranges(tconn: psycopg.Connection) -> None:
    assert one(tconn, "SELECT int4range(1, 5), int4range(1, 5, '[]'), numrange(1.5, 2.5), "
                      "daterange('2024-01-01', '2024-01-31'), int4range(5, 5)") == (
        "[1,5)", "[1,6)", "[1.5,2.5)", "[2024-01-01,2024-01-31)", "empty")
    assert one(tconn, "SELECT int4range(1, 10) @> 5, int4range(1, 10) && int4range(10, 20), "
                      "int4range(1, 5) + int4range(5, 8), upper(int4range(1, 5)), isempty(int4range(3, 3)), "
                      "lower_inc(numrange(1, 2, '(]')), int4range(1, 5) -|- int4range(5, 7)") == (
        "t", "f", "[1,8)", "5", "t", "f", "t")
    assert one(tconn, "SELECT daterange('2024-01-01', '2024-02-01') * daterange('2024-01-15', '2024-03-01')") == (
        "[2024-01-15,2024-02-01)",)
    assert sqlstate(tconn, "SELECT int4range(5, 1)") == "22000"
    tconn.execute("CREATE TABLE rr (id int, r int4range)")
    tconn.execute("INSERT INTO rr VALUES (1, '[3,7)'), (2, int4range(1, 2)), (3, 'empty')")
    rows = tconn.execute("SELECT id, r FROM rr ORDER BY r").fetchall()
    assert rows == [("3", "empty"), ("2", "[1,2)"), ("1", "[3,7)")]
    assert tconn.execute("SELECT id FROM rr WHERE r @> 4").fetchall() == [("1",)]


def test_inet_cidr(tconn: psycopg.Connection) -> None:
    assert one(tconn, "SELECT '192.168.1.5/24'::inet, '192.168.1.0/24'::cidr, '192.168.1.5'::inet::text, "
                      "host('192.168.1.5/24'::inet), masklen('10.0.0.0/8'::cidr), "
                      "'192.168.1.5'::inet << '192.168.1.0/24'::inet, network('192.168.1.5/24'::inet)") == (
        "192.168.1.5/24", "192.168.1.0/24", "192.168.1.5/32", "192.168.1.5", "8", "t", "192.168.1.0/24")
    assert sqlstate(tconn, "SELECT '300.1.1.1'::inet") == "22P02"
    assert sqlstate(tconn, "SELECT '192.168.1.5/24'::cidr") == "22P02"


def test_bit_strings(tconn: psycopg.Connection) -> None:
    assert one(tconn, "SELECT B'1010', X'1F', B'1010' & B'0110', '101'::bit(3)::int, 5::bit(4), "
                      "B'10'::varbit || B'1', pg_typeof(B'10'::varbit || B'1')") == (
        "1010", "00011111", "0010", "5", "0101", "101", "bit varying")
    assert sqlstate(tconn, "SELECT B'101'::bit(3) & B'10'::bit(2)") == "22026"
    tconn.execute("CREATE TABLE bt (a bit(3), b varbit(4))")
    tconn.execute("INSERT INTO bt VALUES ('101', '11')")
    assert sqlstate(tconn, "INSERT INTO bt VALUES ('1011', '11')") == "22026"
    assert one(tconn, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                      "WHERE attrelid = 'bt'::regclass AND attname = 'a'") == ("bit(3)",)


def test_times_and_dates(tconn: psycopg.Connection) -> None:
    assert one(tconn, "SELECT '24:00:00'::time, '12:34:56.789'::time(1), '13:45:00+02'::timetz, "
                      "'0044-03-15 BC'::date, make_date(-44, 3, 15)") == (
        "24:00:00", "12:34:56.8", "13:45:00+02", "0044-03-15 BC", "0044-03-15 BC")
    assert one(tconn, "SELECT timestamp '2024-03-05 13:14:15.5'::time, "
                      "timestamptz '2024-03-05 23:30:00-05'::date, pg_typeof(date '2024-03-05'::timestamptz)") == (
        "13:14:15.5", "2024-03-06", "timestamp with time zone")
    assert sqlstate(tconn, "SELECT date '2024-01-01'::int") == "42846"


def test_interval_qualifiers(tconn: psycopg.Connection) -> None:
    assert one(tconn, "SELECT interval '1-2' YEAR TO MONTH, interval '3 4:05' DAY TO MINUTE, "
                      "interval '100' MINUTE, interval '1 day 2 hours 3 minutes' HOUR, "
                      "interval '1 day 02:03:04'::text, date_trunc('hour', interval '3 days 04:35:12')") == (
        "1 year 2 mons", "3 days 04:05:00", "01:40:00", "1 day 02:00:00", "1 day 02:03:04", "3 days 04:00:00")


def test_casts_overlaps_bytea(tconn: psycopg.Connection) -> None:
    assert one(tconn, "SELECT int4('12'), text(12), float8(1), date('2024-01-01')") == (
        "12", "12", "1", "2024-01-01")
    assert sqlstate(tconn, "SELECT numeric('1.5')") == "42601"
    assert one(tconn, "SELECT (date '2024-01-01', date '2024-01-10') OVERLAPS (date '2024-01-10', date '2024-01-20'),"
                      " (date '2024-01-01', date '2024-01-10') OVERLAPS (date '2024-01-09', date '2024-01-20')") == (
        "f", "t")
    assert one(tconn, "SELECT get_byte('\\x0102ff'::bytea, 2), set_byte('\\x0102'::bytea, 1, 255)") == (
        "255", "\\x01ff")


def test_geometry_and_text_search(tconn: psycopg.Connection) -> None:
    assert one(tconn, "SELECT point(1, 2), '(1.5,2)'::point, box '((0,0),(1,1))', circle '((0,0),2)'") == (
        "(1,2)", "(1.5,2)", "(1,1),(0,0)", "<(0,0),2>")
    assert one(tconn, "SELECT 'a fat cat'::tsvector, to_tsvector('simple', 'The Fat Cats'), "
                      "to_tsvector('simple', 'fat cat') @@ to_tsquery('simple', 'cat')") == (
        "'a' 'cat' 'fat'", "'cats':3 'fat':2 'the':1", "t")
