"""The type families added beside the core ones: ranges, inet/cidr, bit strings, time with
time zone, 24:00:00, BC dates, geometric and text-search types, driven through their
``sql.datatypes`` modules and the parser dialect. Expected values were checked against
PostgreSQL 15 (psql)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlglot
from sqlglot import exp

from sql.datatypes import from_storage, input_function, output_function, to_storage
from sql.datatypes import ranges as R
from sql.datatypes import registry as r
from sql.datatypes.bits import bit_typmod, varbit_typmod
from sql.datatypes.dtcommon import TIME_24, BCDate
from sql.datatypes.typmod import apply_typmod
from sql.dialect import PgDialect
from sql.errors import SqlError


def roundtrip(oid: int, text: str) -> str:
    return output_function(oid)(input_function(oid)(text))


# --- ranges ------------------------------------------------------------------------------------
@pytest.mark.parametrize("oid,text,out", [
    (R.INT4RANGE, "[1,5]", "[1,6)"),
    (R.INT4RANGE, "(1,5]", "[2,6)"),
    (R.INT4RANGE, "[3,3)", "empty"),
    (R.INT4RANGE, " EMPTY ", "empty"),
    (R.INT4RANGE, "(,)", "(,)"),
    (R.NUMRANGE, "[1.5,2]", "[1.5,2]"),
    (R.DATERANGE, "[2024-01-01,2024-01-31]", "[2024-01-01,2024-02-01)"),
    (R.TSRANGE, "[2024-01-01 10:00,)", '["2024-01-01 10:00:00",)'),
])
def test_range_text_io(oid: int, text: str, out: str) -> None:
    assert roundtrip(oid, text) == out


def test_range_errors() -> None:
    with pytest.raises(SqlError) as ei:
        R.construct(R.INT4RANGE, 5, 1)
    assert ei.value.code == "22000"
    with pytest.raises(SqlError) as ei:
        input_function(R.INT4RANGE)("[1,2")
    assert ei.value.code == "22P02"
    with pytest.raises(SqlError) as ei:
        R.union(R.INT4RANGE, R.construct(R.INT4RANGE, 1, 2), R.construct(R.INT4RANGE, 5, 6))
    assert ei.value.code == "22000"


def test_range_operations() -> None:
    a, b = R.construct(R.INT4RANGE, 1, 10), R.construct(R.INT4RANGE, 5, 20)
    out = output_function(R.INT4RANGE)
    assert out(R.union(R.INT4RANGE, a, b)) == "[1,20)"
    assert out(R.intersect(R.INT4RANGE, a, b)) == "[5,10)"
    assert out(R.minus(R.INT4RANGE, a, b)) == "[1,5)"
    assert R.contains_elem(a, 9) and not R.contains_elem(a, 10)
    assert R.adjacent(R.construct(R.INT4RANGE, 1, 5), R.construct(R.INT4RANGE, 5, 7))
    assert not R.overlaps(R.construct(R.INT4RANGE, 1, 10), R.construct(R.INT4RANGE, 10, 20))
    assert sorted([b, R.EMPTY, a]) == [R.EMPTY, a, b]
    num = R.construct(R.NUMRANGE, Decimal(1), Decimal(2), "(]")
    assert not num.lower_inc and num.upper_inc


def test_range_storage_roundtrip() -> None:
    v = R.construct(R.DATERANGE, dt.date(2024, 1, 1), dt.date(2024, 2, 1))
    stored = to_storage(R.DATERANGE)(v)  # type: ignore[misc]
    assert from_storage(R.DATERANGE)(stored) == v  # type: ignore[misc]


# --- inet / cidr -------------------------------------------------------------------------------
def test_inet_cidr_io() -> None:
    assert roundtrip(r.INET, "192.168.1.5/24") == "192.168.1.5/24"
    assert roundtrip(r.INET, "192.168.1.5") == "192.168.1.5"
    assert roundtrip(r.INET, "2001:db8::1/64") == "2001:db8::1/64"
    assert roundtrip(r.CIDR, "10/8") == "10.0.0.0/8"
    assert roundtrip(r.CIDR, "192.168.1.0/24") == "192.168.1.0/24"
    for oid, text in [(r.INET, "300.1.1.1"), (r.INET, "1.2.3.4/33"), (r.CIDR, "192.168.1.5/24")]:
        with pytest.raises(SqlError) as ei:
            input_function(oid)(text)
        assert ei.value.code == "22P02"


# --- bit strings -------------------------------------------------------------------------------
def test_bit_typmods() -> None:
    assert bit_typmod("10", 4, True) == "1000"
    assert bit_typmod("1011", 2, True) == "10"
    assert varbit_typmod("1111", 2, True) == "11"
    with pytest.raises(SqlError) as ei:
        apply_typmod(r.BIT, input_function(r.BIT)("1011"), 3)
    assert ei.value.code == "22026"
    with pytest.raises(SqlError) as ei:
        apply_typmod(r.VARBIT, input_function(r.VARBIT)("111"), 2)
    assert ei.value.code == "22026"
    assert roundtrip(r.BIT, "x1F") == "00011111"


def test_format_type_of_new_typmods() -> None:
    assert r.format_type(r.BIT, 5) == "bit(5)"
    assert r.format_type(r.VARBIT, 3) == "bit varying(3)"
    assert r.format_type(r.TIMETZ, 0) == "time(0) with time zone"
    assert r.parse_type_name("bit")[1] == 1
    assert r.parse_type_name("bit varying(7)") == (r.type_by_oid(r.VARBIT), 7)
    assert r.parse_type_name("time(3) with time zone") == (r.type_by_oid(r.TIMETZ), 3)


# --- times and dates ---------------------------------------------------------------------------
def test_time_24() -> None:
    t = input_function(r.TIME)("24:00:00")
    assert t is TIME_24
    assert output_function(r.TIME)(t) == "24:00:00"
    assert dt.time(23, 59, 59, 999999) < t
    assert from_storage(r.TIME)(to_storage(r.TIME)(t)) == t  # type: ignore[misc]
    with pytest.raises(SqlError) as ei:
        input_function(r.TIME)("24:00:01")
    assert ei.value.code == "22008"


def test_bc_dates() -> None:
    d = input_function(r.DATE)("0044-03-15 BC")
    assert isinstance(d, BCDate) and d.year == -43
    assert output_function(r.DATE)(d) == "0044-03-15 BC"
    assert d < dt.date(1, 1, 1) and dt.date(1, 1, 1) > d
    assert BCDate.fromordinal(d.toordinal()) == d
    assert from_storage(r.DATE)(to_storage(r.DATE)(d)) == d  # type: ignore[misc]
    assert output_function(r.DATE)(input_function(r.DATE)("0001-12-31 BC")) == "0001-12-31 BC"


def test_timetz() -> None:
    assert roundtrip(r.TIMETZ, "13:45:00+02") == "13:45:00+02"
    assert roundtrip(r.TIMETZ, "10:00:00.123-05:30") == "10:00:00.123-05:30"
    assert roundtrip(r.TIMETZ, "10:00 PST") == "10:00:00-08"
    a, b = input_function(r.TIMETZ)("10:00+02"), input_function(r.TIMETZ)("09:00+00")
    assert a < b


# --- geometric and text search -----------------------------------------------------------------
@pytest.mark.parametrize("oid,text,out", [
    (r.POINT, "(1.5,2)", "(1.5,2)"),
    (r.POINT, "1,2", "(1,2)"),
    (r.BOX, "((0,0),(1,1))", "(1,1),(0,0)"),
    (r.CIRCLE, "((0,0),2)", "<(0,0),2>"),
    (r.CIRCLE, "1,2,3", "<(1,2),3>"),
    (r.LSEG, "[(0,0),(1,1)]", "[(0,0),(1,1)]"),
    (r.TSVECTOR, "a fat cat", "'a' 'cat' 'fat'"),
    (r.TSVECTOR, "a:1,3 fat:2B cat", "'a':1,3 'cat' 'fat':2B"),
    (r.TSQUERY, "cat & (dog | !rat)", "'cat' & ( 'dog' | !'rat' )"),
])
def test_geometry_and_tsearch_io(oid: int, text: str, out: str) -> None:
    assert roundtrip(oid, text) == out


# --- parser dialect ----------------------------------------------------------------------------
def test_typed_literal_cast_applies_to_the_literal() -> None:
    tree = sqlglot.parse_one("SELECT date '2024-01-01'::int", read=PgDialect).expressions[0]
    assert isinstance(tree, exp.Cast) and tree.to.this == exp.DataType.Type.INT
    assert isinstance(tree.this, exp.Cast) and tree.this.to.this == exp.DataType.Type.DATE


def test_interval_qualifier_kept_whole() -> None:
    tree = sqlglot.parse_one("SELECT interval '3 4:05' DAY TO MINUTE", read=PgDialect).expressions[0]
    assert isinstance(tree, exp.Interval)
    assert tree.this.name == "3 4:05" and tree.args["unit"].name == "DAY TO MINUTE"


def test_generic_type_literal() -> None:
    tree = sqlglot.parse_one("SELECT box '((0,0),(1,1))'", read=PgDialect).expressions[0]
    assert isinstance(tree, exp.Cast) and tree.to.args["kind"].name == "box"
