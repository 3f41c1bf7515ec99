"""Binary (wire) I/O checked against the bytes PostgreSQL 15 sends and accepts.

``ENCODINGS`` rows are ``(sql type, literal, hex of PostgreSQL's binary result, PostgreSQL's
text output)``, recorded with a binary-format result of ``select '<literal>'::<type>``.
``BAD_INPUT`` rows are ``(type oid, hex bytes, sqlstate, message)`` recorded by binding the
bytes as a binary parameter (PostgreSQL appends " in bind parameter N", which is the
protocol layer's business and omitted here).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sql.datatypes import (
    INFINITY,
    Interval,
    binary_input_function,
    binary_output_function,
    input_function,
    output_function,
    parse_type_name,
)
from sql.errors import SqlError

ENCODINGS = [
    ("bool", "t", "01", "t"),
    ("bool", "f", "00", "f"),
    ("bytea", "\\x0102ff", "0102ff", "\\x0102ff"),
    ("bytea", "", "", "\\x"),
    ('"char"', "a", "61", "a"),
    ('"char"', "\\351", "e9", "\\351"),
    ('"char"', "", "00", ""),
    ("name", "hello", "68656c6c6f", "hello"),
    ("int2", "-2", "fffe", "-2"),
    ("int4", "123456", "0001e240", "123456"),
    ("int8", "-9223372036854775808", "8000000000000000", "-9223372036854775808"),
    ("oid", "4294967295", "ffffffff", "4294967295"),
    ("text", "héllo", "68c3a96c6c6f", "héllo"),
    ("varchar(5)", "abc", "616263", "abc"),
    ("char(5)", "ab", "6162202020", "ab   "),
    ("json", '{"b":1, "a":2}', "7b2262223a312c202261223a327d", '{"b":1, "a":2}'),
    (
        "jsonb",
        '{"b":1, "a":[1,2.50,null,true]}',
        ("017b2261223a205b312c20322e35302c206e756c6c2c20747275655d2c202262223a20317d"),
        '{"a": [1, 2.50, null, true], "b": 1}',
    ),
    ("float4", "0.1", "3dcccccd", "0.1"),
    ("float4", "-Infinity", "ff800000", "-Infinity"),
    ("float4", "NaN", "7fc00000", "NaN"),
    ("float8", "0.1", "3fb999999999999a", "0.1"),
    ("float8", "-0", "8000000000000000", "-0"),
    ("float8", "1e308", "7fe1ccf385ebc8a0", "1e+308"),
    ("float8", "NaN", "7ff8000000000000", "NaN"),
    ("float8", "Infinity", "7ff0000000000000", "Infinity"),
    ("numeric", "0", "0000000000000000", "0"),
    ("numeric", "0.00", "0000000000000002", "0.00"),
    ("numeric", "1", "00010000000000000001", "1"),
    ("numeric", "-1", "00010000400000000001", "-1"),
    ("numeric", "12345.678", "0003000100000003000109291a7c", "12345.678"),
    ("numeric", "0.001", "0001ffff00000003000a", "0.001"),
    ("numeric", "10000", "00010001000000000001", "10000"),
    ("numeric", "100000000", "00010002000000000001", "100000000"),
    ("numeric", "-0.0000001", "0001fffe40000007000a", "-0.0000001"),
    ("numeric", "NaN", "00000000c0000000", "NaN"),
    ("numeric", "Infinity", "00000000d0000020", "Infinity"),
    ("numeric", "-Infinity", "00000000f0000020", "-Infinity"),
    (
        "numeric",
        "1e100",
        "00010019000000000001",
        (
            "1000000000000000000000000000000000000000000000000000000000"
            "0000000000000000000000000000000000000000000"
        ),
    ),
    (
        "numeric",
        "123456789012345678901234567890.1234567890",
        "000b00070000000a000c0d801ed204d2162e23340d801ed204d2162e2328",
        "123456789012345678901234567890.1234567890",
    ),
    ("numeric", "9999.9999", "0002000000000004270f270f", "9999.9999"),
    ("numeric", "1.50", "000200000000000200011388", "1.50"),
    ("numeric", "1e-20", "0001fffb000000140001", "0.00000000000000000001"),
    ("date", "2024-01-02", "0000223f", "2024-01-02"),
    ("date", "2000-01-01", "00000000", "2000-01-01"),
    ("date", "1999-12-31", "ffffffff", "1999-12-31"),
    ("date", "infinity", "7fffffff", "infinity"),
    ("date", "-infinity", "80000000", "-infinity"),
    ("date", "0001-01-01", "fff4dbf9", "0001-01-01"),
    ("time", "00:00", "0000000000000000", "00:00:00"),
    ("time", "23:59:59.999999", "000000141dd75fff", "23:59:59.999999"),
    ("time", "12:34:56.5", "0000000a8be1bd20", "12:34:56.5"),
    ("timestamp", "2024-01-02 03:04:05.123456", "0002b0ec8517d580", "2024-01-02 03:04:05.123456"),
    ("timestamp", "1970-01-01", "fffca2fec4c82000", "1970-01-01 00:00:00"),
    ("timestamp", "infinity", "7fffffffffffffff", "infinity"),
    ("timestamp", "-infinity", "8000000000000000", "-infinity"),
    ("timestamp", "0001-01-01", "ff1fe2ffc59c6000", "0001-01-01 00:00:00"),
    ("timestamptz", "2024-01-02 03:04:05+05:30", "0002b0e7e8e9ed40", "2024-01-01 21:34:05+00"),
    ("timestamptz", "infinity", "7fffffffffffffff", "infinity"),
    (
        "interval",
        "1 year 2 mons 3 days 04:05:06.789",
        "000000036c97ca88000000030000000e",
        "1 year 2 mons 3 days 04:05:06.789",
    ),
    ("interval", "-1 days +02:00", "00000001ad274800ffffffff00000000", "-1 days +02:00:00"),
    (
        "uuid",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "a0eebc999c0b4ef8bb6d6bb9bd380a11",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
    ),
    (
        "int4[]",
        "{1,2,3}",
        ("0000000100000000000000170000000300000001000000040000000100000004000000020000000400000003"),
        "{1,2,3}",
    ),
    ("int4[]", "{}", "000000000000000000000017", "{}"),
    (
        "int4[]",
        "{{1,NULL},{3,4}}",
        (
            "0000000200000001000000170000000200000001000000020000000100"
            "00000400000001ffffffff00000004000000030000000400000004"
        ),
        "{{1,NULL},{3,4}}",
    ),
    (
        "text[]",
        '{a,"b c",NULL}',
        ("0000000100000001000000190000000300000001000000016100000003622063ffffffff"),
        '{a,"b c",NULL}',
    ),
    (
        "int8[]",
        "{{{1}},{{2}}}",
        (
            "0000000300000000000000140000000200000001000000010000000100"
            "0000010000000100000008000000000000000100000008000000000000"
            "0002"
        ),
        "{{{1}},{{2}}}",
    ),
    (
        "numeric[]",
        "{1.5,NaN}",
        ("0000000100000000000006a400000002000000010000000c0002000000000001000113880000000800000000c0000000"),
        "{1.5,NaN}",
    ),
    ("bool[]", "{t,f}", "000000010000000000000010000000020000000100000001010000000100", "{t,f}"),
    (
        "timestamptz[]",
        "{2024-01-01 00:00+00}",
        "0000000100000000000004a00000000100000001000000080002b0d5d4e94000",
        '{"2024-01-01 00:00:00+00"}',
    ),
    (
        "jsonb[]",
        '{"{\\"a\\": 1}"}',
        "000000010000000000000eda000000010000000100000009017b2261223a20317d",
        '{"{\\"a\\": 1}"}',
    ),
    (
        "uuid[]",
        "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",
        ("000000010000000000000b86000000010000000100000010a0eebc999c0b4ef8bb6d6bb9bd380a11"),
        "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",
    ),
    (
        "interval[]",
        '{"1 day"}',
        ("0000000100000000000004a200000001000000010000001000000000000000000000000100000000"),
        '{"1 day"}',
    ),
    (
        "date[]",
        "{2024-01-02,infinity}",
        ("00000001000000000000043a0000000200000001000000040000223f000000047fffffff"),
        "{2024-01-02,infinity}",
    ),
    ("varchar[]", "{x,y}", "000000010000000000000413000000020000000100000001780000000179", "{x,y}"),
    ("bytea[]", '{"\\\\x01"}', "00000001000000000000001100000001000000010000000101", '{"\\\\x01"}'),
    (
        "float8[]",
        "{1.5,-0}",
        ("0000000100000000000002bd0000000200000001000000083ff8000000000000000000088000000000000000"),
        "{1.5,-0}",
    ),
    ("name[]", "{a}", "00000001000000000000001300000001000000010000000161", "{a}"),
    ('"char"[]', "{a,b}", "000000010000000000000012000000020000000100000001610000000162", "{a,b}"),
    ("regtype", "integer", "00000017", "integer"),
    (
        "oid[]",
        "{1,2}",
        ("00000001000000000000001a000000020000000100000004000000010000000400000002"),
        "{1,2}",
    ),
    ("int2[]", "{1,NULL}", "0000000100000001000000150000000200000001000000020001ffffffff", "{1,NULL}"),
    ("bpchar[]", "{a}", "00000001000000000000041200000001000000010000000161", "{a}"),
]

BAD_INPUT = [
    (23, "000001", "08P01", "insufficient data left in message"),
    (23, "0000000102", "22P03", "incorrect binary data format"),
    (16, "", "08P01", "no data left in message"),
    (20, "00", "08P01", "insufficient data left in message"),
    (1700, "00010000000000002710", "22P03", 'invalid digit in external "numeric" value'),
    (1700, "00010000123400000001", "22P03", 'invalid sign in external "numeric" value'),
    (1700, "0000000000004000", "22P03", 'invalid scale in external "numeric" value'),
    (1700, "00010000", "08P01", "insufficient data left in message"),
    (3802, "027b7d", "XX000", "unsupported jsonb version number 2"),
    (3802, "017b", "22P02", "invalid input syntax for type json"),
    (25, "ff", "22021", 'invalid byte sequence for encoding "UTF8": 0xff'),
    (25, "610062", "22021", 'invalid byte sequence for encoding "UTF8": 0x00'),
    (1082, "000000", "08P01", "insufficient data left in message"),
    (1083, "000000141dd76001", "22008", "time out of range"),
    (1083, "ffffffffffffffff", "22008", "time out of range"),
    (2950, "000000000000000000000000000000", "08P01", "insufficient data left in message"),
    (1007, "00000001000000020000001700000001000000010000000400000005", "22P03", "invalid array flags"),
    (
        1007,
        "0000000100000000000000140000000100000001000000080000000000000005",
        "42804",
        ("binary data has array element type 20 (bigint) instead of expected 23 (integer)"),
    ),
    (
        1007,
        "000000070000000000000017",
        "54000",
        "number of array dimensions (7) exceeds the maximum allowed (6)",
    ),
    (
        1007,
        "000000010000000000000017000000010000000100000004000000",
        "22P03",
        "insufficient data left in message",
    ),
    (1114, "7ffffffffffffffe", "22008", "timestamp out of range"),
    (18, "6162", "22P03", "incorrect binary data format"),
    (700, "000000", "08P01", "insufficient data left in message"),
    (114, "7b626164", "22P02", "invalid input syntax for type json"),
    (1186, "000000000000000000000000000000", "08P01", "insufficient data left in message"),
]


@pytest.mark.parametrize("type_name,literal,pg_hex,pg_text", ENCODINGS)
def test_send_matches_postgres(type_name: str, literal: str, pg_hex: str, pg_text: str) -> None:
    t, typmod = parse_type_name(type_name)
    value = input_function(t.oid, typmod)(literal)
    assert binary_output_function(t.oid)(value).hex() == pg_hex


@pytest.mark.parametrize("type_name,literal,pg_hex,pg_text", ENCODINGS)
def test_receive_postgres_bytes(type_name: str, literal: str, pg_hex: str, pg_text: str) -> None:
    t, _ = parse_type_name(type_name)
    value = binary_input_function(t.oid)(bytes.fromhex(pg_hex))
    assert output_function(t.oid)(value) == pg_text
    # and the round trip is stable
    assert binary_output_function(t.oid)(value).hex() == pg_hex


@pytest.mark.parametrize("oid,data_hex,code,message", BAD_INPUT)
def test_bad_binary_input(oid: int, data_hex: str, code: str, message: str) -> None:
    with pytest.raises(SqlError) as ei:
        binary_input_function(oid)(bytes.fromhex(data_hex))
    assert (ei.value.code, ei.value.message) == (code, message)


def test_datum_shapes() -> None:
    assert binary_input_function(1082)(bytes.fromhex("7fffffff")) is INFINITY
    assert binary_input_function(1186)(bytes.fromhex("00000000000000010000000200000003")).identical(
        Interval(3, 2, 1)
    )
    ts = binary_input_function(1184)(bytes.fromhex("0000000000000000"))
    assert ts == dt.datetime(2000, 1, 1, tzinfo=dt.UTC) and ts.tzinfo is not None
    numerics = [Decimal("1.50"), None]
    assert binary_input_function(1231)(binary_output_function(1231)(numerics)) == numerics
    matrix = [[1, 2], [3, None]]
    assert binary_input_function(1007)(binary_output_function(1007)(matrix)) == matrix
    assert binary_output_function(1009)([]) == bytes.fromhex("000000000000000000000019")
