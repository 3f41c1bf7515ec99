"""String, bytea, quoting and format() functions; expected values recorded from PostgreSQL 15."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import sql.functions  # noqa: F401  (registers the library)
from sql import functions_format as FM
from sql import functions_string as S
from sql import typesys as T
from sql.errors import SqlError


def err(fn: Any, *args: Any) -> tuple[str, str]:
    with pytest.raises(SqlError) as ei:
        fn(*args)
    return ei.value.code, str(ei.value)


def test_concat_ws() -> None:
    # select concat_ws(',', 1, null, 'a', true, 1.50, 2.5::float4, '2020-01-02'::date, ARRAY[1,2], '{"a":1}'::jsonb)
    import datetime

    from sql.datatypes.jsonb import jsonb_in

    vals = [1, None, "a", True, Decimal("1.50"), 2.5, datetime.date(2020, 1, 2), [1, 2], jsonb_in('{"a":1}')]
    assert S.concat_ws(None, ",", *vals) == '1,a,t,1.50,2.5,2020-01-02,{1,2},{"a": 1}'
    assert S.concat_ws(None, None, 1, 2) is None
    assert S.concat_ws(None, "", "a") == "a"
    types = (T.TEXT, T.TEXT, T.FLOAT4)
    assert S.concat_ws(None, "-", "x", 0.1, arg_types=types) == "x-0.1"


def test_initcap_pad_trim() -> None:
    got = S.initcap("hello wORLD foo-bar o'neil 3rd ñandú ÉCOLE x_y")
    assert got == "Hello World Foo-Bar O'Neil 3rd Ñandú École X_Y"
    # lpad('hi', 5), lpad('hi', 5, 'xy'), lpad('hello', 3), lpad('hi', -1), lpad('hi', 5, ''), rpad(...)
    assert [S.lpad("hi", 5), S.lpad3("hi", 5, "xy"), S.lpad("hello", 3), S.lpad("hi", -1), S.lpad3("hi", 5, "")] == [
        "   hi", "xyxhi", "hel", "", "hi"]
    assert [S.rpad3("hi", 5, "xy"), S.rpad("hello", 2), S.rpad3("hi", 5, "")] == ["hixyx", "he", "hi"]
    assert [S.ltrim2("xxaxx", "x"), S.rtrim2("xxaxx", "x"), S.ltrim2("abc", "")] == ["axx", "xxa", "abc"]


def test_split_part_translate_ascii_chr() -> None:
    sp = S.split_part
    assert [sp("a,b,c", ",", 2), sp("a,b,c", ",", 5), sp("a,b,c", ",", -1), sp("a,b,c", ",", -4),
            sp("abc", "", 1), sp("abc", "", 2), sp("abc", "", -1), sp("", ",", 1)] == ["b", "", "c", "", "abc", "",
                                                                                          "abc", ""]
    assert err(sp, "a,b", ",", 0) == ("22023", "field position must not be zero")
    assert [S.translate("12345", "143", "ax"), S.translate("abc", "", "x"), S.translate("aabb", "ab", "ba")] == [
        "a2x5", "abc", "bbaa"]
    assert [S.ascii_("A"), S.ascii_(""), S.ascii_("é"), S.ascii_("€")] == [65, 0, 233, 8364]
    assert [S.chr_(65), S.chr_(233), S.chr_(8364)] == ["A", "é", "€"]
    assert err(S.chr_, 0) == ("54000", "null character not permitted")
    assert err(S.chr_, -1) == ("22023", "character number must be positive")
    assert err(S.chr_, 1114112) == ("54000", "requested character too large for encoding: 1114112")
    assert err(S.chr_, 55296) == ("54000", "requested character not valid for encoding: 55296")
    assert [S.to_hex4(255), S.to_hex4(-1), S.to_hex8(-1), S.to_hex4(0), S.to_hex8(9223372036854775807)] == [
        "ff", "ffffffff", "ffffffffffffffff", "0", "7fffffffffffffff"]
    assert [S.starts_with("abc", "ab"), S.starts_with("abc", ""), S.starts_with("abc", "b")] == [True, True, False]


def test_quoting() -> None:
    q = S.quote_ident
    assert [q("abc"), q("Abc"), q("a b"), q("select"), q('a"b'), q("_x1$"), q("1x"), q(""), q("é")] == [
        "abc", '"Abc"', '"a b"', '"select"', '"a""b"', '"_x1$"', '"1x"', '""', '"é"']
    assert q("user") == '"user"' and q("name") == "name"
    assert S.quote_literal(None, "it's") == "'it''s'"
    assert S.quote_literal(None, "a\\b") == "E'a\\\\b'"
    assert [S.quote_literal(None, 42), S.quote_literal(None, Decimal("1.5"))] == ["'42'", "'1.5'"]
    assert [S.quote_nullable(None, None), S.quote_nullable(None, "x"), S.quote_nullable(None, 3)] == ["NULL", "'x'",
                                                                                                   "'3'"]


def test_string_to_array_and_back() -> None:
    s2a = S.string_to_array3
    assert s2a("a,b,,c", ",", None) == ["a", "b", "", "c"]
    assert s2a("a,b,,c", ",", "") == ["a", "b", None, "c"]
    assert s2a("abc", "", None) == ["abc"]
    assert s2a("abc", None, None) == ["a", "b", "c"]
    assert s2a("", ",", None) == []
    assert s2a("a,NULL,b", ",", "NULL") == ["a", None, "b"]
    assert s2a(None, ",", None) is None and s2a("x", ",", None) == ["x"]
    assert list(S.string_to_table("a,b,,c", ",")) == [("a",), ("b",), ("",), ("c",)]
    assert list(S.string_to_table3("a|b", "|", "b")) == [("a",), (None,)]
    a2s = S.array_to_string
    int_arr = T.array_type(T.INT4)
    assert a2s(None, [1, None, 3], ",", arg_types=(int_arr, T.TEXT)) == "1,3"
    assert a2s(None, [1, None, 3], ",", "*", arg_types=(int_arr, T.TEXT, T.TEXT)) == "1,*,3"
    assert a2s(None, [[1, 2], [3, 4]], "-") == "1-2-3-4"
    assert a2s(None, ["a b", "c"], ",") == "a b,c"
    assert a2s(None, [], ",") == ""
    assert a2s(None, [Decimal("1.5"), Decimal("2.0")], ";") == "1.5;2.0"
    assert a2s(None, [True, False], ",") == "t,f"
    assert a2s(None, None, ",") is None


def test_overlay() -> None:
    assert S.overlay4("Txxxxas", "hom", 2, 4) == "Thomas"
    assert S.overlay3("Txxxxas", "hom", 2) == "Thomxas"
    assert S.overlay3("abc", "X", 5) == "abcX"
    assert S.overlay4("abc", "X", 1, -1) == "Xabc"
    assert [S.overlay4("abcdef", "XY", 3, 0), S.overlay4("abcdef", "", 3, 2), S.overlay3("abc", "XYZW", 2)] == [
        "abXYcdef", "abef", "aXYZW"]
    assert err(S.overlay4, "abc", "X", 0, 1) == ("22011", "negative substring length not allowed")
    assert S.overlay4_bytea(b"\x01\x02\x03", b"\xff", 2, 1) == b"\x01\xff\x03"


def test_encode_decode() -> None:
    assert S.encode(b"abc\x00\xff", "hex") == "61626300ff"
    assert S.encode(b"hello world", "base64") == "aGVsbG8gd29ybGQ="
    assert S.encode(b"a\x00b\\c\x80", "escape") == "a\\000b\\\\c\\200"
    assert S.encode(b"", "base64") == "" and S.encode(b"\n'", "escape") == "\n'"
    assert S.encode(b"x" * 60, "base64") == (
        "eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4\neHh4")
    assert S.decode("616263", "hex") == b"abc"
    assert S.decode("aGVsbG8=", "base64") == b"hello"
    assert S.decode("a\\000b\\\\c", "escape") == b"a\x00b\\c"
    assert S.decode("a\\\\000b", "escape") == b"a\\000b"
    assert S.decode("AB CD", "hex") == b"\xab\xcd"
    assert S.decode("aGVs bG8=", "base64") == b"hello" == S.decode("aGVs\nbG8=", "base64")
    assert S.decode("", "hex") == b"" == S.decode("", "base64")
    assert S.decode("a\\\\x", "escape") == b"a\\x"
    assert err(S.decode, "abc", "hex") == ("22023", "invalid hexadecimal data: odd number of digits")
    assert err(S.decode, "zz", "hex") == ("22023", 'invalid hexadecimal digit: "z"')
    assert err(S.decode, "aGVsbG8", "base64") == ("22023", "invalid base64 end sequence")
    assert err(S.decode, "aGVsbG8=x", "base64") == ("22023", "invalid base64 end sequence")
    assert err(S.decode, "a=GVsbG8", "base64") == ("22023", 'unexpected "=" while decoding base64 sequence')
    assert err(S.decode, "a\\", "escape") == ("22P02", "invalid input syntax for type bytea")
    assert err(S.decode, "a\\999", "escape") == ("22P02", "invalid input syntax for type bytea")
    assert err(S.decode, "a", "foo") == ("22023", 'unrecognized encoding: "foo"')
    assert err(S.encode, b"a", "foo") == ("22023", 'unrecognized encoding: "foo"')


def test_hashes_and_lengths() -> None:
    reg = sql.functions.REGISTRY
    sha256 = next(b.fn for b in reg["sha256"])
    sha224 = next(b.fn for b in reg["sha224"])
    assert sha256(b"abc").hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert sha224(b"").hex() == "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f"
    assert S.md5_bytea(b"abc") == "900150983cd24fb0d6963f7d28e17f72"
    # octet_length('héllo'), octet_length('\x0102'::bytea), bit_length(...), octet_length('ab  '::char(5))
    assert [S.octet_length_bytea(b"\x01\x02"), S.bit_length_text("héllo"), S.bit_length_bytea(b"\x01\x02"),
            S.octet_length_bpchar("ab   ")] == [2, 48, 16, 5]
    assert S.position_bytea(b"\x01\x02\x03", b"\x02") == 2
    assert S.substr_bytea3(b"\x01\x02\x03\x04", 2, 2) == b"\x02\x03"


FORMAT_CASES = [
    (("Hello %s, %I, %L, %%", "World", "Foo Bar", "O'Reilly"), "Hello World, \"Foo Bar\", 'O''Reilly', %"),
    (("%s %s", 1, None), "1 "),
    (("%L", None), "NULL"),
    (("[%10s][%-10s]", "a", "b"), "[         a][b         ]"),
    (("[%*s][%*s]", 5, "x", -5, "y"), "[    x][y    ]"),
    (("%1$s %1$s %2$s", "a", "b"), "a a b"),
    (("%2$s %s", "a", "b", "c"), "b c"),
    (("%s %1$s %s", "a", "b"), "a a b"),
    (("none",), "none"),
    (("%s", [1, 2]), "{1,2}"),
    (("%L", Decimal("1.50")), "'1.50'"),
    (("%I", "abc"), "abc"),
    (("%s", True), "t"),
    (("[%3$*1$s]", 5, "x", "y"), "[    y]"),
    (("%1$-5s|", "ab"), "ab   |"),
    (("%-5L|", "ab"), "'ab' |"),
    (("%5I|", "ab"), "   ab|"),
    (("%*s", None, "x"), "x"),
    (("%-s|", "x"), "x|"),
    (("%-0s|", "x"), "x|"),
    (("%10L|", None), "      NULL|"),
]


@pytest.mark.parametrize(("args", "expected"), FORMAT_CASES)
def test_format(args: tuple[Any, ...], expected: str) -> None:
    assert FM.format_(None, *args) == expected


@pytest.mark.parametrize(("args", "code", "message"), [
    (("%I", None), "22004", "null values cannot be formatted as an SQL identifier"),
    (("%s %s", "a"), "22023", "too few arguments for format()"),
    (("%x", 1), "22023", 'unrecognized format() type specifier "x"'),
    (("abc %",), "22023", "unterminated format() type specifier"),
    (("%0$s", 1), "22023", "format specifies argument 0, but arguments are numbered from 1"),
    (("[%-*3$s]", "a", "b", 4), "22023", "too few arguments for format()"),
    (("%1$", 1), "22023", "unterminated format() type specifier"),
    (("%1", 1), "22023", "unterminated format() type specifier"),
    (("%2147483648$s", 1), "22003", "number is out of range"),
])
def test_format_errors(args: tuple[Any, ...], code: str, message: str) -> None:
    assert err(FM.format_, None, *args) == (code, message)
    assert FM.format_(None, None, 1) is None


def test_convert_encodings() -> None:
    from sql import functions_encoding as E

    assert [E.convert_to("héllo", "LATIN1"), E.convert_to("héllo", "utf-8"), E.convert_to("abc", "SQL_ASCII"),
            E.convert_to("é", "win1252"), E.convert_to("é", "Latin-1"), E.convert_to("€", "WIN1252")] == [
        b"h\xe9llo", b"h\xc3\xa9llo", b"abc", b"\xe9", b"\xe9", b"\x80"]
    assert [E.convert_from(b"h\xe9llo", "LATIN1"), E.convert_from(b"\xc3\xa9", "SQL_ASCII"),
            E.convert_from(b"\x80", "WIN1252")] == ["héllo", "é", "€"]
    assert E.convert(b"h\xc3\xa9llo", "UTF8", "LATIN1") == b"h\xe9llo"
    assert err(E.convert_to, "€", "LATIN1") == (
        "22P05", 'character with byte sequence 0xe2 0x82 0xac in encoding "UTF8" has no equivalent in '
                 'encoding "LATIN1"')
    assert err(E.convert_from, b"\xff", "UTF8") == ("22021", 'invalid byte sequence for encoding "UTF8": 0xff')
    assert err(E.convert_to, "x", "FOO") == ("22023", 'invalid destination encoding name "FOO"')
    assert err(E.convert_from, b"x", "FOO") == ("22023", 'invalid source encoding name "FOO"')
