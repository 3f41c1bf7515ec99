"""The function library driven through an in-process Session (expected values from PostgreSQL 15).

Only calls that reach the library with PostgreSQL's own name and arguments are exercised here;
see sql.functions_sqlglot for the functions sqlglot renames."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from sql.datatypes import Interval
from sql.errors import SqlError
from tests.sql.sessions import run_values as run
from tests.sql.sessions import session_fixture

session = session_fixture("session", 7001)


def one(session: Any, sql: str) -> tuple[Any, ...]:
    rows = run(session, sql)
    assert len(rows) == 1
    return rows[0]


def test_strings_and_format(session: Any) -> None:
    assert one(session, "SELECT quote_ident('a b'), quote_literal('x'), quote_nullable(NULL)") == (
        '"a b"', "'x'", "NULL")
    assert one(session, "SELECT format('%s|%I|%L', 'a', 'B c', 'd''e')") == ("a|\"B c\"|'d''e'",)
    assert run(session, "SELECT * FROM string_to_table('a,b', ',')") == [("a",), ("b",)]


def test_regex(session: Any) -> None:
    assert one(session, "SELECT regexp_match('foobarbequebaz', '(bar)(beque)'), "
                        "regexp_split_to_array('a1b2c', '\\d')") == (["bar", "beque"], ["a", "b", "c"])
    assert run(session, "SELECT * FROM regexp_matches('foobarbequebazilbarfbonk', '(b[^b]+)(b[^b]+)', 'g')") == [
        (["bar", "beque"],), (["bazil", "barf"],)]
    with pytest.raises(SqlError) as ei:
        run(session, "SELECT regexp_match('abc', 'a(')")
    assert (ei.value.code, str(ei.value)) == ("2201B", "invalid regular expression: parentheses () not balanced")


def test_math(session: Any) -> None:
    assert one(session, "SELECT gcd(12, 18), factorial(5), exp(1.0), ln(10), log(100), log(2.0, 8)") == (
        6, Decimal("120"), Decimal("2.7182818284590452"), 2.302585092994046, 2.0, Decimal("3.0000000000000000"))
    assert one(session, "SELECT sind(30), cosd(60), atan2d(1, 1), cbrt(27), sign(-2.5), scale(1.50), "
                        "trim_scale(1.500), min_scale(1.500)") == (
        0.5, 0.5, 45.0, 3.0000000000000004, Decimal("-1"), 2, Decimal("1.5"), 1)


def test_datetime(session: Any) -> None:
    assert one(session, "SELECT make_date(2020, 1, 2), age(timestamp '2001-04-10', timestamp '1957-06-13')") == (
        dt.date(2020, 1, 2), Interval(525, 27, 0))
    assert one(session, "SELECT extract(epoch from timestamp '2020-03-08 05:34:56.789'), "
                        "extract(dow from date '2020-03-08')") == (Decimal("1583645696.789000"), Decimal(0))
    assert one(session, "SELECT date_trunc('hour', timestamp '2020-03-08 05:34:56')") == (
        dt.datetime(2020, 3, 8, 5, 0),)
    assert run(session, "SELECT * FROM generate_series(timestamp '2020-01-31', timestamp '2020-05-01', "
                        "interval '1 month')") == [(dt.datetime(2020, m, d),) for m, d in ((1, 31), (2, 29),
                                                                                            (3, 29), (4, 29))]
    assert run(session, "SELECT generate_series(1.0, 3)") == [(Decimal("1.0"),), (Decimal("2.0"),),
                                                              (Decimal("3.0"),)]
    assert one(session, "SELECT timezone('UTC', timestamptz '2020-03-08 05:00+00')") == (dt.datetime(2020, 3, 8, 5),)


def test_json(session: Any) -> None:
    row = one(session, "SELECT to_json(1), json_build_object('a', 1, 'b', true), jsonb_build_array(1, 'x')")
    assert (row[0], row[1], str(row[2])) == ("1", '{"a" : 1, "b" : true}', '[1, "x"]')
    assert run(session, "SELECT * FROM jsonb_each('{\"b\":1,\"a\":[2]}')")[0][0] == "a"
    assert run(session, "SELECT * FROM json_array_elements_text('[1, \"a\", null]')") == [("1",), ("a",), (None,)]
    row = one(session, "SELECT jsonb_set('{\"a\":[1,2,3]}', '{a,1}', '\"x\"'), "
                       "jsonb_insert('{\"a\":[0,1,2]}', '{a,1}', '\"new\"'), jsonb_array_length('[1,2]'), "
                       "jsonb_extract_path_text('{\"a\":{\"b\":\"x\"}}', 'a', 'b')")
    assert (str(row[0]), str(row[1]), row[2], row[3]) == ('{"a": [1, "x", 3]}', '{"a": [0, "new", 1, 2]}', 2, "x")


def test_arrays_and_system(session: Any) -> None:
    assert one(session, "SELECT array_lower(ARRAY[1,2], 1), cardinality(ARRAY[[1,2],[3,4]]), "
                        "array_dims(ARRAY[[1,2],[3,4]]), array_replace(ARRAY[1,2,1], 1, 9), "
                        "array_positions(ARRAY[1,2,1], 1), trim_array(ARRAY[1,2,3], 1)") == (
        1, 4, "[1:2][1:2]", [9, 2, 9], [1, 3], [1, 2])
    assert run(session, "SELECT * FROM generate_subscripts(ARRAY['a','b'], 1)") == [(1,), (2,)]
    assert one(session, "SELECT num_nulls(1, NULL, 2), num_nonnulls(1, NULL), pg_sleep(0.01), "
                        "txid_current() > 0") == (1, 1, "", True)
