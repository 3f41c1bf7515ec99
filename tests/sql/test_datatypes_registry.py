"""The type registry: pg_type rows, SQL spellings, typmod encoding and format_type.

All expectations were recorded from PostgreSQL 15: ``PG_TYPE`` from ``pg_type``,
``SPELLINGS`` from ``pg_attribute`` after ``create table t(c <spelling>)``, ``FORMAT_TYPE``
from ``format_type(oid, typmod)`` and ``SPELLING_ERRORS`` from ``select null::<spelling>``.
"""

from __future__ import annotations

import warnings

import pytest

from sql.datatypes import find_type_by_oid, format_type, parse_type_modifiers, parse_type_name, type_by_name
from sql.datatypes import registry as r
from sql.errors import SqlError

SPELLINGS = [
    ("int", 23, -1, "integer"),
    ("integer", 23, -1, "integer"),
    ("int4", 23, -1, "integer"),
    ("smallint", 21, -1, "smallint"),
    ("int2", 21, -1, "smallint"),
    ("bigint", 20, -1, "bigint"),
    ("int8", 20, -1, "bigint"),
    ("real", 700, -1, "real"),
    ("float4", 700, -1, "real"),
    ("float", 701, -1, "double precision"),
    ("float(1)", 700, -1, "real"),
    ("float(24)", 700, -1, "real"),
    ("float(25)", 701, -1, "double precision"),
    ("float(53)", 701, -1, "double precision"),
    ("double precision", 701, -1, "double precision"),
    ("float8", 701, -1, "double precision"),
    ("decimal", 1700, -1, "numeric"),
    ("decimal(10,2)", 1700, 655366, "numeric(10,2)"),
    ("numeric", 1700, -1, "numeric"),
    ("numeric(10)", 1700, 655364, "numeric(10,0)"),
    ("numeric(10, 2)", 1700, 655366, "numeric(10,2)"),
    ("numeric(5,-2)", 1700, 329730, "numeric(5,-2)"),
    ("numeric(1000,1000)", 1700, 65537004, "numeric(1000,1000)"),
    ("boolean", 16, -1, "boolean"),
    ("bool", 16, -1, "boolean"),
    ("character varying", 1043, -1, "character varying"),
    ("character varying(20)", 1043, 24, "character varying(20)"),
    ("varchar", 1043, -1, "character varying"),
    ("varchar(1)", 1043, 5, "character varying(1)"),
    ("char varying(3)", 1043, 7, "character varying(3)"),
    ("character", 1042, 5, "character(1)"),
    ("character(5)", 1042, 9, "character(5)"),
    ("char", 1042, 5, "character(1)"),
    ("char(1)", 1042, 5, "character(1)"),
    ("bpchar", 1042, -1, "bpchar"),
    ("bpchar(3)", 1042, 7, "character(3)"),
    ("text", 25, -1, "text"),
    ("timestamp", 1114, -1, "timestamp without time zone"),
    ("timestamp(3)", 1114, 3, "timestamp(3) without time zone"),
    ("timestamp without time zone", 1114, -1, "timestamp without time zone"),
    ("timestamp(0) without time zone", 1114, 0, "timestamp(0) without time zone"),
    ("timestamp with time zone", 1184, -1, "timestamp with time zone"),
    ("timestamp(6) with time zone", 1184, 6, "timestamp(6) with time zone"),
    ("timestamptz", 1184, -1, "timestamp with time zone"),
    ("timestamptz(2)", 1184, 2, "timestamp(2) with time zone"),
    ("time", 1083, -1, "time without time zone"),
    ("time(4)", 1083, 4, "time(4) without time zone"),
    ("time without time zone", 1083, -1, "time without time zone"),
    ("time(0) without time zone", 1083, 0, "time(0) without time zone"),
    ("date", 1082, -1, "date"),
    ("interval", 1186, -1, "interval"),
    ("interval(3)", 1186, 2147418115, "interval(3)"),
    ("interval year", 1186, 327679, "interval year"),
    ("interval month", 1186, 196607, "interval month"),
    ("interval day", 1186, 589823, "interval day"),
    ("interval hour", 1186, 67174399, "interval hour"),
    ("interval minute", 1186, 134283263, "interval minute"),
    ("interval second", 1186, 268500991, "interval second"),
    ("interval second(2)", 1186, 268435458, "interval second(2)"),
    ("interval year to month", 1186, 458751, "interval year to month"),
    ("interval day to hour", 1186, 67698687, "interval day to hour"),
    ("interval day to minute", 1186, 201916415, "interval day to minute"),
    ("interval day to second", 1186, 470351871, "interval day to second"),
    ("interval day to second(0)", 1186, 470286336, "interval day to second(0)"),
    ("interval hour to minute", 1186, 201392127, "interval hour to minute"),
    ("interval hour to second", 1186, 469827583, "interval hour to second"),
    ("interval minute to second(5)", 1186, 402653189, "interval minute to second(5)"),
    ("uuid", 2950, -1, "uuid"),
    ("json", 114, -1, "json"),
    ("jsonb", 3802, -1, "jsonb"),
    ("bytea", 17, -1, "bytea"),
    ("name", 19, -1, "name"),
    ("oid", 26, -1, "oid"),
    ('"char"', 18, -1, '"char"'),
    ("regclass", 2205, -1, "regclass"),
    ("regtype", 2206, -1, "regtype"),
    ("regproc", 24, -1, "regproc"),
    ("regnamespace", 4089, -1, "regnamespace"),
    ("int[]", 1007, -1, "integer[]"),
    ("integer[][]", 1007, -1, "integer[]"),
    ("int[3]", 1007, -1, "integer[]"),
    ("text[]", 1009, -1, "text[]"),
    ("varchar(10)[]", 1015, 14, "character varying(10)[]"),
    ("numeric(4,1)[]", 1231, 262149, "numeric(4,1)[]"),
    ("timestamp(2) with time zone[]", 1185, 2, "timestamp(2) with time zone[]"),
    ('"char"[]', 1002, -1, '"char"[]'),
    ("char(2)[]", 1014, 6, "character(2)[]"),
    ("bpchar[]", 1014, -1, "bpchar[]"),
    ("int array", 1007, -1, "integer[]"),
    ("double precision[]", 1022, -1, "double precision[]"),
    ("jsonb[]", 3807, -1, "jsonb[]"),
    ("uuid[]", 2951, -1, "uuid[]"),
    ("interval day to second(1)[]", 1187, 470286337, "interval day to second(1)[]"),
    ("DOUBLE  PRECISION", 701, -1, "double precision"),
    ("Character Varying(7)", 1043, 11, "character varying(7)"),
    ("INT", 23, -1, "integer"),
    ("national character(4)", 1042, 8, "character(4)"),
    ("nchar varying(2)", 1043, 6, "character varying(2)"),
    ("dec(3,1)", 1700, 196613, "numeric(3,1)"),
    ("time(7)", 1083, 6, "time(6) without time zone"),
    ("timestamp(7)", 1114, 6, "timestamp(6) without time zone"),
]

SPELLING_ERRORS = [
    ("varchar(0)", "22023", "length for type varchar must be at least 1"),
    ("varchar(10485761)", "22023", "length for type varchar cannot exceed 10485760"),
    ("char(0)", "22023", "length for type char must be at least 1"),
    ("numeric(0)", "22023", "NUMERIC precision 0 must be between 1 and 1000"),
    ("numeric(1001)", "22023", "NUMERIC precision 1001 must be between 1 and 1000"),
    ("numeric(5,1001)", "22023", "NUMERIC scale 1001 must be between -1000 and 1000"),
    ("numeric(5,-1001)", "22023", "NUMERIC scale -1001 must be between -1000 and 1000"),
    ("float(0)", "22023", "precision for type float must be at least 1 bit"),
    ("float(54)", "22023", "precision for type float must be less than 54 bits"),
    ("text(3)", "42601", 'type modifier is not allowed for type "text"'),
    ("foo", "42704", 'type "foo" does not exist'),
    ("double", "42704", 'type "double" does not exist'),
    ("timestamptz(-1)", "22023", "TIMESTAMP(-1) WITH TIME ZONE precision must not be negative"),
    ("numeric(1,2,3)", "22023", "invalid NUMERIC type modifier"),
    ("int4(3)", "42601", 'type modifier is not allowed for type "int4"'),
]

FORMAT_TYPE = [
    (1043, 24, "character varying(20)"),
    (1700, 655366, "numeric(10,2)"),
    (1700, -1, "numeric"),
    (1114, 3, "timestamp(3) without time zone"),
    (1184, 0, "timestamp(0) with time zone"),
    (1083, 2, "time(2) without time zone"),
    (1186, 2147418115, "interval(3)"),
    (1042, 5, "character(1)"),
    (1042, -1, "bpchar"),
    (1042, None, "character"),
    (18, -1, '"char"'),
    (1015, 24, "character varying(20)[]"),
    (1014, -1, "bpchar[]"),
    (1014, None, "character[]"),
    (1231, 655366, "numeric(10,2)[]"),
    (1002, -1, '"char"[]'),
    (2249, -1, "record"),
    (1700, 4, "numeric(0,0)"),
    (1043, 2, "character varying"),
    (705, -1, "unknown"),
    (99999, -1, "???"),
    (19, -1, "name"),
    (1700, 329730, "numeric(5,-2)"),
    (23, 7, "integer"),
    (1007, None, "integer[]"),
    (1186, -1, "interval"),
    (1186, 327679, "interval year"),
    (1186, 268435458, "interval second(2)"),
    (1185, 3, "timestamp(3) with time zone[]"),
    (3807, None, "jsonb[]"),
    (2950, None, "uuid"),
    (17, None, "bytea"),
    (2278, None, "void"),
    (2287, None, "record[]"),
]

PG_TYPE = [
    (16, "bool", "boolean", 1, True, "B", True, 1000, 0, ","),
    (17, "bytea", "bytea", -1, False, "U", False, 1001, 0, ","),
    (18, "char", '"char"', 1, True, "Z", False, 1002, 0, ","),
    (19, "name", "name", 64, False, "S", False, 1003, 18, ","),
    (20, "int8", "bigint", 8, True, "N", False, 1016, 0, ","),
    (21, "int2", "smallint", 2, True, "N", False, 1005, 0, ","),
    (23, "int4", "integer", 4, True, "N", False, 1007, 0, ","),
    (24, "regproc", "regproc", 4, True, "N", False, 1008, 0, ","),
    (25, "text", "text", -1, False, "S", True, 1009, 0, ","),
    (26, "oid", "oid", 4, True, "N", True, 1028, 0, ","),
    (114, "json", "json", -1, False, "U", False, 199, 0, ","),
    (199, "_json", "json[]", -1, False, "A", False, 0, 114, ","),
    (700, "float4", "real", 4, True, "N", False, 1021, 0, ","),
    (701, "float8", "double precision", 8, True, "N", True, 1022, 0, ","),
    (705, "unknown", "unknown", -2, False, "X", False, 0, 0, ","),
    (1000, "_bool", "boolean[]", -1, False, "A", False, 0, 16, ","),
    (1001, "_bytea", "bytea[]", -1, False, "A", False, 0, 17, ","),
    (1002, "_char", '"char"[]', -1, False, "A", False, 0, 18, ","),
    (1003, "_name", "name[]", -1, False, "A", False, 0, 19, ","),
    (1005, "_int2", "smallint[]", -1, False, "A", False, 0, 21, ","),
    (1007, "_int4", "integer[]", -1, False, "A", False, 0, 23, ","),
    (1008, "_regproc", "regproc[]", -1, False, "A", False, 0, 24, ","),
    (1009, "_text", "text[]", -1, False, "A", False, 0, 25, ","),
    (1014, "_bpchar", "character[]", -1, False, "A", False, 0, 1042, ","),
    (1015, "_varchar", "character varying[]", -1, False, "A", False, 0, 1043, ","),
    (1016, "_int8", "bigint[]", -1, False, "A", False, 0, 20, ","),
    (1021, "_float4", "real[]", -1, False, "A", False, 0, 700, ","),
    (1022, "_float8", "double precision[]", -1, False, "A", False, 0, 701, ","),
    (1028, "_oid", "oid[]", -1, False, "A", False, 0, 26, ","),
    (1042, "bpchar", "character", -1, False, "S", False, 1014, 0, ","),
    (1043, "varchar", "character varying", -1, False, "S", False, 1015, 0, ","),
    (1082, "date", "date", 4, True, "D", False, 1182, 0, ","),
    (1083, "time", "time without time zone", 8, True, "D", False, 1183, 0, ","),
    (1114, "timestamp", "timestamp without time zone", 8, True, "D", False, 1115, 0, ","),
    (1115, "_timestamp", "timestamp without time zone[]", -1, False, "A", False, 0, 1114, ","),
    (1182, "_date", "date[]", -1, False, "A", False, 0, 1082, ","),
    (1183, "_time", "time without time zone[]", -1, False, "A", False, 0, 1083, ","),
    (1184, "timestamptz", "timestamp with time zone", 8, True, "D", True, 1185, 0, ","),
    (1185, "_timestamptz", "timestamp with time zone[]", -1, False, "A", False, 0, 1184, ","),
    (1186, "interval", "interval", 16, False, "T", True, 1187, 0, ","),
    (1187, "_interval", "interval[]", -1, False, "A", False, 0, 1186, ","),
    (1231, "_numeric", "numeric[]", -1, False, "A", False, 0, 1700, ","),
    (1700, "numeric", "numeric", -1, False, "N", False, 1231, 0, ","),
    (2205, "regclass", "regclass", 4, True, "N", False, 2210, 0, ","),
    (2206, "regtype", "regtype", 4, True, "N", False, 2211, 0, ","),
    (2210, "_regclass", "regclass[]", -1, False, "A", False, 0, 2205, ","),
    (2211, "_regtype", "regtype[]", -1, False, "A", False, 0, 2206, ","),
    (2249, "record", "record", -1, False, "P", False, 2287, 0, ","),
    (2278, "void", "void", 4, True, "P", False, 0, 0, ","),
    (2287, "_record", "record[]", -1, False, "P", False, 0, 2249, ","),
    (2950, "uuid", "uuid", 16, False, "U", False, 2951, 0, ","),
    (2951, "_uuid", "uuid[]", -1, False, "A", False, 0, 2950, ","),
    (3802, "jsonb", "jsonb", -1, False, "U", False, 3807, 0, ","),
    (3807, "_jsonb", "jsonb[]", -1, False, "A", False, 0, 3802, ","),
    (4072, "jsonpath", "jsonpath", -1, False, "U", False, 4073, 0, ","),
    (4073, "_jsonpath", "jsonpath[]", -1, False, "A", False, 0, 4072, ","),
    (4089, "regnamespace", "regnamespace", 4, True, "N", False, 4090, 0, ","),
    (4090, "_regnamespace", "regnamespace[]", -1, False, "A", False, 0, 4089, ","),
    (600, "point", "point", 16, False, "G", False, 1017, 701, ","),
    (601, "lseg", "lseg", 32, False, "G", False, 1018, 600, ","),
    (603, "box", "box", 32, False, "G", False, 1020, 600, ";"),
    (650, "cidr", "cidr", -1, False, "I", False, 651, 0, ","),
    (651, "_cidr", "cidr[]", -1, False, "A", False, 0, 650, ","),
    (718, "circle", "circle", 24, False, "G", False, 719, 0, ","),
    (719, "_circle", "circle[]", -1, False, "A", False, 0, 718, ","),
    (869, "inet", "inet", -1, False, "I", True, 1041, 0, ","),
    (1017, "_point", "point[]", -1, False, "A", False, 0, 600, ","),
    (1018, "_lseg", "lseg[]", -1, False, "A", False, 0, 601, ","),
    (1020, "_box", "box[]", -1, False, "A", False, 0, 603, ";"),
    (1041, "_inet", "inet[]", -1, False, "A", False, 0, 869, ","),
    (1266, "timetz", "time with time zone", 12, False, "D", False, 1270, 0, ","),
    (1270, "_timetz", "time with time zone[]", -1, False, "A", False, 0, 1266, ","),
    (1560, "bit", "bit", -1, False, "V", False, 1561, 0, ","),
    (1561, "_bit", "bit[]", -1, False, "A", False, 0, 1560, ","),
    (1562, "varbit", "bit varying", -1, False, "V", True, 1563, 0, ","),
    (1563, "_varbit", "bit varying[]", -1, False, "A", False, 0, 1562, ","),
    (3614, "tsvector", "tsvector", -1, False, "U", False, 3643, 0, ","),
    (3615, "tsquery", "tsquery", -1, False, "U", False, 3645, 0, ","),
    (3643, "_tsvector", "tsvector[]", -1, False, "A", False, 0, 3614, ","),
    (3645, "_tsquery", "tsquery[]", -1, False, "A", False, 0, 3615, ","),
    (3904, "int4range", "int4range", -1, False, "R", False, 3905, 0, ","),
    (3905, "_int4range", "int4range[]", -1, False, "A", False, 0, 3904, ","),
    (3906, "numrange", "numrange", -1, False, "R", False, 3907, 0, ","),
    (3907, "_numrange", "numrange[]", -1, False, "A", False, 0, 3906, ","),
    (3908, "tsrange", "tsrange", -1, False, "R", False, 3909, 0, ","),
    (3909, "_tsrange", "tsrange[]", -1, False, "A", False, 0, 3908, ","),
    (3910, "tstzrange", "tstzrange", -1, False, "R", False, 3911, 0, ","),
    (3911, "_tstzrange", "tstzrange[]", -1, False, "A", False, 0, 3910, ","),
    (3912, "daterange", "daterange", -1, False, "R", False, 3913, 0, ","),
    (3913, "_daterange", "daterange[]", -1, False, "A", False, 0, 3912, ","),
    (3926, "int8range", "int8range", -1, False, "R", False, 3927, 0, ","),
    (3927, "_int8range", "int8range[]", -1, False, "A", False, 0, 3926, ","),
    (4451, "int4multirange", "int4multirange", -1, False, "R", False, 6150, 0, ","),
    (4532, "nummultirange", "nummultirange", -1, False, "R", False, 6151, 0, ","),
    (4533, "tsmultirange", "tsmultirange", -1, False, "R", False, 6152, 0, ","),
    (4534, "tstzmultirange", "tstzmultirange", -1, False, "R", False, 6153, 0, ","),
    (4535, "datemultirange", "datemultirange", -1, False, "R", False, 6155, 0, ","),
    (4536, "int8multirange", "int8multirange", -1, False, "R", False, 6157, 0, ","),
    (6150, "_int4multirange", "int4multirange[]", -1, False, "A", False, 0, 4451, ","),
    (6151, "_nummultirange", "nummultirange[]", -1, False, "A", False, 0, 4532, ","),
    (6152, "_tsmultirange", "tsmultirange[]", -1, False, "A", False, 0, 4533, ","),
    (6153, "_tstzmultirange", "tstzmultirange[]", -1, False, "A", False, 0, 4534, ","),
    (6155, "_datemultirange", "datemultirange[]", -1, False, "A", False, 0, 4535, ","),
    (6157, "_int8multirange", "int8multirange[]", -1, False, "A", False, 0, 4536, ","),
]


@pytest.mark.parametrize("row", PG_TYPE)
def test_pg_type_rows(row: tuple) -> None:
    oid, typname, sql_name, typlen, byval, category, preferred, typarray, typelem, delim = row
    t = find_type_by_oid(oid)
    assert t is not None
    got = (
        t.oid,
        t.name,
        t.sql_name,
        t.typlen,
        t.typbyval,
        t.category,
        t.preferred,
        t.array_oid,
        t.elem_oid,
        t.delimiter,
    )
    assert got == row


def test_every_registered_type_is_known_to_postgres() -> None:
    assert {t.oid for t in r.ALL_TYPES} == {row[0] for row in PG_TYPE}


@pytest.mark.parametrize("spelling,oid,typmod,formatted", SPELLINGS)
def test_spellings(spelling: str, oid: int, typmod: int, formatted: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # time(7) warns "precision reduced to maximum allowed, 6"
        t, mod = parse_type_name(spelling)
        assert type_by_name(spelling).oid == oid
    assert (t.oid, mod) == (oid, typmod)
    assert format_type(t.oid, mod) == formatted


@pytest.mark.parametrize("spelling,code,message", [e for e in SPELLING_ERRORS if e[1] != "OK"])
def test_spelling_errors(spelling: str, code: str, message: str) -> None:
    with pytest.raises(SqlError) as ei:
        parse_type_name(spelling)
    assert ei.value.code == code
    if code != "42601":  # PostgreSQL's grammar errors name the offending token; ours are approximations
        assert ei.value.message == message


@pytest.mark.parametrize("oid,typmod,expected", FORMAT_TYPE)
def test_format_type(oid: int, typmod: int | None, expected: str) -> None:
    assert format_type(oid, typmod) == expected


def test_typmod_encoding() -> None:
    assert parse_type_modifiers("varchar", [20]) == 24
    assert parse_type_modifiers(r.NUMERIC, [10, 2]) == ((10 << 16) | 2) + 4
    assert parse_type_modifiers("numeric", [5, -2]) == ((5 << 16) | (-2 & 0x7FF)) + 4
    assert parse_type_modifiers("timestamp", [3]) == 3
    assert parse_type_modifiers("character", [1]) == 5
    assert parse_type_modifiers("text", []) == -1
    assert r.numeric_typmod_parts(parse_type_modifiers("numeric", [5, -2])) == (5, -2)
    with pytest.warns(UserWarning, match="precision reduced to maximum allowed, 6"):
        assert parse_type_modifiers("timestamptz", [9]) == 6


def test_array_helpers() -> None:
    assert r.array_of(r.INT4) == 1007 and r.element_of(1007) == r.INT4
    assert r.element_of(r.NAME) == 0 and type_by_name("name").elem_oid == r.CHAR  # name is not an array
    assert type_by_name("int[]").is_array and not type_by_name("name").is_array
    with pytest.raises(SqlError) as ei:
        r.type_by_oid(123456)
    assert ei.value.code == "42704"
