# ruff: noqa: E501  (one recorded case per line)
"""Multirange types (int4multirange ... tstzmultirange): text input and output, constructors,
functions, operators, binary send, arrays, table columns and pg_type / pg_range rows. Expected
values recorded against PostgreSQL 15."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sql.errors import SqlError
from tests.sql.test_pg_catalog import connect, new_instance, run

# (expression, its ::text in PostgreSQL)
CASES: list[tuple[str, str]] = [
    ("'{}'::int4multirange", '{}'),
    ("'{[1,3), [5,7)}'::int4multirange", '{[1,3),[5,7)}'),
    ("'{[5,7), [1,3)}'::int4multirange", '{[1,3),[5,7)}'),
    ("'{[1,3),[3,5)}'::int4multirange", '{[1,5)}'),
    ("'{[1,3),(3,5]}'::nummultirange", '{[1,3),(3,5]}'),
    ("'{[1,3),[3,5]}'::nummultirange", '{[1,5]}'),
    ("'{ [5,7) , empty, [1,3] }'::int4multirange", '{[1,4),[5,7)}'),
    ("'{EMPTY}'::int4multirange", '{}'),
    ("'{(,)}'::int4multirange", '{(,)}'),
    ("'{[1,5), [2,3), (,0]}'::int4multirange", '{(,5)}'),
    ('\'{[1.5,"2.5"]}\'::nummultirange', '{[1.5,2.5]}'),
    ("'{(1,2],[3,4]}'::int8multirange", '{[2,5)}'),
    ("'{[2020-01-01,2020-01-05), [2020-01-03,2020-02-01]}'::datemultirange", '{[2020-01-01,2020-02-02)}'),
    ('\'{["2020-01-01 10:00","2020-01-02")}\'::tsmultirange', '{["2020-01-01 10:00:00","2020-01-02 00:00:00")}'),
    ('\'{["2020-01-01 10:00+02",infinity)}\'::tstzmultirange', '{["2020-01-01 08:00:00+00",infinity)}'),
    ("'{[-infinity,2020-01-01]}'::datemultirange", '{[-infinity,2020-01-02)}'),
    ('\'{"{[1,2)}","{}"}\'::int4multirange[]', '{"{[1,2)}","{}"}'),
    ("array['{[1,2)}'::int4multirange, '{}']", '{"{[1,2)}","{}"}'),
    ('int4multirange()', '{}'),
    ('int4multirange(int4range(1,2), int4range(5,6), int4range(2,3))', '{[1,3),[5,6)}'),
    ('int4multirange(int4range(1,2))', '{[1,2)}'),
    ('int4multirange(variadic array[int4range(1,2), int4range(3,4)])', '{[1,2),[3,4)}'),
    ('multirange(numrange(1.5,2))', '{[1.5,2)}'),
    ("datemultirange(daterange('2020-01-01','2020-01-02','[]'))", '{[2020-01-01,2020-01-03)}'),
    ('int4range(1,4)::int4multirange', '{[1,4)}'),
    ("'{[1,5)}'::int4multirange @> 3", 'true'),
    ("'{[1,5)}'::int4multirange @> int4range(2,3)", 'true'),
    ("'{[1,5)}'::int4multirange @> '{[2,3)}'::int4multirange", 'true'),
    ("'{[1,5)}'::int4multirange && int4range(4,8)", 'true'),
    ("'{[1,5)}'::int4multirange && '{[5,8)}'::int4multirange", 'false'),
    ("'{[1,5)}'::int4multirange + '{[7,9)}'", '{[1,5),[7,9)}'),
    ("'{[1,9)}'::int4multirange - '{[3,4)}'", '{[1,3),[4,9)}'),
    ("'{[1,10)}'::int4multirange - '{[2,3),[5,6)}'", '{[1,2),[3,5),[6,10)}'),
    ("'{(,)}'::nummultirange - '{[1,2]}'", '{(,1),(2,)}'),
    ("'{[1,9)}'::int4multirange * '{[3,12)}'", '{[3,9)}'),
    ("'{[1,5),[8,10)}'::int4multirange * '{[3,9)}'", '{[3,5),[8,9)}'),
    ("lower('{[1,5),[7,9)}'::int4multirange)", '1'),
    ("upper('{[1,5),[7,9)}'::int4multirange)", '9'),
    ("lower('{}'::int4multirange)", None),
    ("isempty('{}'::int4multirange)", 'true'),
    ("isempty('{[1,2)}'::int4multirange)", 'false'),
    ("lower_inc('{}'::int4multirange)", 'false'),
    ("upper_inf('{[1,)}'::int4multirange)", 'true'),
    ("range_merge('{[1,5),[7,9)}'::int4multirange)", '[1,9)'),
    ("range_merge('{}'::int4multirange)", 'empty'),
    ("'{[1,5)}'::int4multirange <@ '{[1,8)}'::int4multirange", 'true'),
    ("int4range(1,3) <@ '{[1,8)}'::int4multirange", 'true'),
    ("3 <@ '{[1,8)}'::int4multirange", 'true'),
    ("int4range(1,2) && '{[1,8)}'::int4multirange", 'true'),
    ("int4range(1,2) @> '{[1,2)}'::int4multirange", 'true'),
    ("'{[1,5)}'::int4multirange << '{[6,8)}'::int4multirange", 'true'),
    ("'{[1,5)}'::int4multirange -|- int4range(5,6)", 'true'),
    ("'{[1,5)}'::int4multirange >> int4range(-5,-3)", 'true'),
    ("'{[1,5)}'::int4multirange &< int4range(5,6)", 'true'),
    ("'{[1,5)}'::int4multirange &> int4range(5,6)", 'false'),
    ("int4range(1,5) &< int4range(5,6)", 'true'),
    ("'{[1,2)}'::int4multirange = '{[1,2)}'::int4multirange", 'true'),
    ("'{}'::int4multirange = '{}'", 'true'),
    ("'{}'::int4multirange < '{[1,2)}'", 'true'),
    ("'{[1,2)}'::int4multirange < '{[1,2),[3,4)}'", 'true'),
    ("'{[1,3)}'::int4multirange < '{[1,2),[3,4)}'", 'false'),
    ("'{[1,3)}'::int4multirange <> '{[1,2),[3,4)}'", 'true'),
    ("'{[1,3)}'::int4multirange >= '{[1,2),[3,4)}'", 'true'),
    ("multirange_send('{[1,3),[5,)}'::int4multirange)", '\\x0000000200000011020000000400000001000000040000000300000009120000000400000005'),
    ("multirange_send('{}'::int4multirange)", '\\x00000000'),
    ("multirange_send('{[1.5,2.5]}'::nummultirange)", '\\x0000000100000021060000000c0002000000000001000113880000000c000200000000000100021388'),
    ("multirange_send('{[2020-01-01,2020-01-05)}'::datemultirange)", '\\x0000000100000011020000000400001c890000000400001c8d'),
    ('pg_typeof(int4multirange())', 'int4multirange'),
]

# (expression, SQLSTATE, message, DETAIL)
ERRORS: list[tuple[str, str, str, str | None]] = [
    ("'x'::int4multirange", '22P02', 'malformed multirange literal: "x"', 'Missing left brace.'),
    ("'{x}'::int4multirange", '22P02', 'malformed multirange literal: "{x}"', 'Expected range start.'),
    ("'{[1,2) x}'::int4multirange", '22P02', 'malformed multirange literal: "{[1,2) x}"', 'Expected comma or end of multirange.'),
    ("'{[1,2)} x'::int4multirange", '22P02', 'malformed multirange literal: "{[1,2)} x"', 'Junk after closing right brace.'),
    ("'{[1,2)'::int4multirange", '22P02', 'malformed multirange literal: "{[1,2)"', 'Unexpected end of input.'),
    ("'{[1,2),}'::int4multirange", '22P02', 'malformed multirange literal: "{[1,2),}"', 'Expected range start.'),
    ("'{[3,2)}'::int4multirange", '22000', 'range lower bound must be less than or equal to range upper bound', None),
    ("'{[1,a)}'::int4multirange", '22P02', 'invalid input syntax for type integer: "a"', None),
    ("'{,}'::int4multirange", '22P02', 'malformed multirange literal: "{,}"', 'Expected range start.'),
    ("'{emptyx}'::int4multirange", '22P02', 'malformed multirange literal: "{emptyx}"', 'Expected comma or end of multirange.'),
    ('\'{["a\\\\"b",c)}\'::int4multirange', '22P02', 'malformed multirange literal: "{["a\\\\"b",c)}"', 'Unexpected end of input.'),
    ("'{[1,2]x}'::int4multirange", '22P02', 'malformed multirange literal: "{[1,2]x}"', 'Expected comma or end of multirange.'),
    ('int4multirange(int4range(1,2), null)', '22004', 'multirange values cannot contain null members', None),
]


@pytest.fixture(scope="module")
def s(tmp_path_factory: Any) -> Iterator[Any]:
    for inst in new_instance(tmp_path_factory.mktemp("mr")):
        yield connect(inst)


@pytest.mark.parametrize("expr,expected", CASES)
def test_value(s: Any, expr: str, expected: str) -> None:
    assert run(s, f"SELECT ({expr})::text") == [(expected,)]


@pytest.mark.parametrize("expr,state,message,detail", ERRORS)
def test_error(s: Any, expr: str, state: str, message: str, detail: str | None) -> None:
    with pytest.raises(SqlError) as e:
        run(s, f"SELECT {expr}")
    assert (e.value.code, e.value.message, e.value.detail) == (state, message, detail)


def test_unnest(s: Any) -> None:
    assert run(s, "SELECT u::text FROM unnest('{[2020-01-01,2020-01-05),[2020-02-01,2020-02-03]}'::datemultirange) u") \
        == [("[2020-01-01,2020-01-05)",), ("[2020-02-01,2020-02-04)",)]
    assert run(s, "SELECT unnest('{}'::int4multirange)") == []


def test_timezone_output(s: Any) -> None:
    run(s, "SET timezone = 'Europe/Paris'")
    try:
        assert run(s, """SELECT '{["2020-01-01 10:00+02","2020-01-02")}'::tstzmultirange::text""") == [
            ('{["2020-01-01 09:00:00+01","2020-01-02 00:00:00+01")}',)]
    finally:
        run(s, "SET timezone = 'UTC'")


def test_table_column(s: Any) -> None:
    run(s, "CREATE TABLE mr_t (id int, mr datemultirange, im int4multirange[])")
    run(s, """INSERT INTO mr_t VALUES (1, '{[2020-01-01,2020-01-05), [2020-01-03,2020-02-01]}', '{"{[1,2)}","{}"}'),
              (2, '{}', NULL), (3, NULL, '{}')""")
    assert run(s, "SELECT id, mr::text, im::text FROM mr_t ORDER BY mr, id") == [
        (2, "{}", None), (1, "{[2020-01-01,2020-02-02)}", '{"{[1,2)}","{}"}'), (3, None, "{}")]
    assert run(s, "SELECT id FROM mr_t WHERE mr @> '2020-01-10'::date") == [(1,)]
    assert run(s, "SELECT id FROM mr_t WHERE mr = '{}'") == [(2,)]


def test_catalog_rows(s: Any) -> None:
    rows = run(s, "SELECT oid::int, typname::text, typtype::text, typcategory::text, typarray::int, "
                  "typinput::oid::int, typoutput::oid::int, typreceive::oid::int, typsend::oid::int, "
                  "typanalyze::oid::int, typalign::text FROM pg_type WHERE oid IN (4451, 4534, 6150) ORDER BY oid")
    assert rows == [(4451, "int4multirange", "m", "R", 6150, 4231, 4232, 4233, 4234, 4242, "i"),
                    (4534, "tstzmultirange", "m", "R", 6153, 4231, 4232, 4233, 4234, 4242, "d"),
                    (6150, "_int4multirange", "b", "A", 0, 750, 751, 2400, 2401, 3816, "i")]
    assert run(s, "SELECT rngtypid::regtype::text, rngmultitypid::regtype::text FROM pg_range "
                  "WHERE rngtypid = 'daterange'::regtype") == [("daterange", "datemultirange")]


def test_range_aggregates(s: Any) -> None:
    assert run(s, "SELECT range_agg(r)::text, range_intersect_agg(r)::text, pg_typeof(range_intersect_agg(r))::text "
                  "FROM (VALUES (int4range(1,5)), (int4range(3,8)), (NULL)) v(r)") == [("{[1,8)}", "[3,5)", "int4range")]
    assert run(s, "SELECT range_agg(m)::text, range_intersect_agg(m)::text "
                  "FROM (VALUES ('{[1,5),[7,9)}'::int4multirange), ('{[3,8)}')) v(m)") == [("{[1,9)}", "{[3,5),[7,8)}")]
    assert run(s, "SELECT range_agg(r) FROM (VALUES (int4range(1,5))) v(r) WHERE false") == [(None,)]
