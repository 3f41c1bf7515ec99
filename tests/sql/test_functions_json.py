"""json / jsonb functions and operators; expected values recorded from PostgreSQL 15
(TimeZone America/New_York for timestamptz rendering)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import sql.functions  # noqa: F401  (registers the library)
from sql import functions_json as J
from sql import functions_jsonb as JB
from sql import functions_jsonops as OP
from sql import typesys as T
from sql.datatypes.interval_io import interval_in
from sql.datatypes.jsonb import jsonb_in
from sql.errors import SqlError


class Ctx:
    class _S:
        tz = ZoneInfo("America/New_York")

        def timezone(self) -> dt.tzinfo:
            return self.tz

        def text_output(self, oid: int) -> Any:
            return T.text_output(oid, tz=self.tz) if oid == T.TIMESTAMPTZ else T.text_output(oid)

    session = _S()


NY = Ctx()


def jb(text: str) -> Any:
    return jsonb_in(text)


def s(v: Any) -> str | None:
    return None if v is None else str(v)


def err(fn: Any, *args: Any) -> tuple[str, str]:
    with pytest.raises(SqlError) as ei:
        fn(*args)
    return ei.value.code, str(ei.value)


def tj(v: Any, oid: int | None = None) -> str:
    return J.to_json(NY, v, arg_types=(oid,) if oid else None)


def tjb(v: Any, oid: int | None = None) -> str:
    return str(J.to_jsonb(NY, v, arg_types=(oid,) if oid else None))


def test_to_json() -> None:
    assert [tj(1), tj(Decimal("1.50")), tj('a"b\\c'), tj(True), tj(1.5), tj(float("nan")), tj(float("inf")),
            tj(Decimal("NaN")), tj(0.1, T.FLOAT4)] == ["1", "1.50", '"a\\"b\\\\c"', "true", "1.5", '"NaN"',
                                                      '"Infinity"', '"NaN"', "0.1"]
    assert [tj(dt.date(2020, 1, 2)), tj(dt.datetime(2020, 1, 2, 3, 4, 5, 500000)),
            tj(dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC)), tj(dt.time(1, 2, 3)), tj(interval_in("1 day 2 hours")),
            tj(b"\x01\x02"), tj(uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))] == [
        '"2020-01-02"', '"2020-01-02T03:04:05.5"', '"2020-01-01T22:04:05-05:00"', '"01:02:03"', '"1 day 02:00:00"',
        '"\\\\x0102"', '"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"']
    assert [tj([1, 2, None]), tj(["a", "b"]), tj([[1, 2], [3, 4]]), tj(jb('{"a": [1, 2]}')),
            tj('{"a" :  [1,2]}', T.JSON), tj([], T.array_type(T.INT4)), tj([dt.date(2020, 1, 1)])] == [
        "[1,2,null]", '["a","b"]', "[[1,2],[3,4]]", '{"a": [1, 2]}', '{"a" :  [1,2]}', "[]", '["2020-01-01"]']
    assert tj("x  ", T.BPCHAR) == '"x  "'


def test_to_jsonb() -> None:
    assert [tjb(1), tjb(Decimal("1.50")), tjb(1.5), tjb(float("nan")),
            tjb(dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC)), tjb([1, 2, None]), tjb('{"b":1, "a" : 2}', T.JSON),
            tjb("\x01x"), tjb(1e20), tjb(123456789012345678.0), tjb(1e-5)] == [
        "1", "1.50", "1.5", '"NaN"', '"2020-01-01T22:04:05-05:00"', "[1, 2, null]", '{"a": 2, "b": 1}', '"\\u0001x"',
        "100000000000000000000", "123456789012345680", "0.00001"]


def test_build_functions() -> None:
    types = (T.TEXT, T.INT4, T.TEXT, T.TEXT, T.TEXT, T.UNKNOWN, T.TEXT, T.array_type(T.INT4), T.TEXT, T.JSON)
    assert J.json_build_object(NY, "a", 1, "b", "x", "c", None, "d", [1, 2], "e", '{"x":1}', arg_types=types) == (
        '{"a" : 1, "b" : "x", "c" : null, "d" : [1,2], "e" : {"x":1}}')
    assert str(J.jsonb_build_object(NY, "b", 1, "a", 2, "a", 3)) == '{"a": 3, "b": 1}'
    assert J.json_build_array(NY, 1, "a", None, True, jb('{"a" : 1}')) == '[1, "a", null, true, {"a": 1}]'
    assert [str(J.jsonb_build_array(NY)), J.json_build_object(NY), J.json_build_object(NY, 1, 2)] == ["[]", "{}",
                                                                                                     '{"1" : 2}']
    assert J.json_build_object(NY, Decimal("1.5"), 2, True, 3, dt.date(2020, 1, 1), 4, b"x", 5) == (
        '{"1.5" : 2, "true" : 3, "2020-01-01" : 4, "\\\\x78" : 5}')
    assert J.json_build_object(NY, "a", 1.0, "b", 1e20, "c", float("inf")) == '{"a" : 1, "b" : 1e+20, "c" : "Infinity"}'
    assert J.json_build_array(NY, 1.0, dt.date(2020, 1, 1), b"x", arg_types=(T.FLOAT4, T.DATE, T.BYTEA)) == (
        '[1, "2020-01-01", "\\\\x78"]')
    assert str(J.jsonb_build_array(NY, 1e20, 1e-7, 100.0)) == "[100000000000000000000, 0.0000001, 100]"
    with pytest.raises(SqlError) as ei:
        J.json_build_object(NY, "a")
    assert (ei.value.code, str(ei.value), ei.value.hint) == (
        "22023", "argument list must have even number of elements",
        "The arguments of json_build_object() must consist of alternating keys and values.")
    assert err(J.json_build_object, NY, None, 1) == ("22023", "argument 1 cannot be null")
    assert err(J.jsonb_build_object, NY, None, 1) == ("22023", "argument 1: key must not be null")
    assert err(J.json_build_object, NY, [1], 1) == ("22023", "key value must be scalar, not array, composite, or json")


def test_json_object() -> None:
    assert [J.json_object(["a", "1", "b", "2"]), J.json_object([["a", "1"], ["b", "2"]]),
            J.json_object2(["a", "b"], ["1", "2"]), str(J.jsonb_object(["a", "1", "b", "2", "a", "3"])),
            J.json_object(["a", None]), J.json_object([])] == [
        '{"a" : "1", "b" : "2"}', '{"a" : "1", "b" : "2"}', '{"a" : "1", "b" : "2"}', '{"a": "3", "b": "2"}',
        '{"a" : null}', "{}"]
    assert err(J.json_object, ["a", "1", "b"]) == ("2202E", "array must have even number of elements")
    assert err(J.json_object2, ["a", "b"], ["1"]) == ("2202E", "mismatched array dimensions")
    assert err(J.json_object, [None, "1"]) == ("22004", "null value not allowed for object key")
    assert err(J.json_object, [["a", "1", "2"], ["b", "2", "3"]]) == ("2202E", "array must have two columns")
    assert err(J.json_object, [[["a", "1"]]]) == ("2202E", "wrong number of array subscripts")


def test_json_text_operators() -> None:
    assert [OP.json_op_arrow('{"a":1,"a":2}', "a"), OP.json_op_arrow('{"a" : [1, {"b" :  2}]}', "a"),
            OP.json_op_path('{"a" : [1, {"b" :  2}]}', ["a", "1"]), OP.json_op_arrow_text('{"a" : "x\\"y"}', "a"),
            OP.json_op_arrow("[1,2,3]", -1), OP.json_op_arrow("[1,2,3]", 5), OP.json_op_arrow_text('{"a":null}', "a"),
            OP.json_op_arrow('{"a":null}', "a"), OP.json_op_arrow('"abc"', 0), OP.json_op_arrow("[1,2]", "a")] == [
        "2", '[1, {"b" :  2}]', '{"b" :  2}', 'x"y', "3", None, None, "null", None, None]


def test_jsonb_operators() -> None:
    assert [s(OP.jsonb_op_arrow(jb('{"a":1}'), "a")), s(OP.jsonb_op_path(jb('{"a" : [1, {"b" :  2}]}'), ["a", "1"])),
            OP.jsonb_op_path_text(jb('{"a" : [1, {"b" :  2}]}'), ["a", "1"]),
            OP.jsonb_op_arrow_text(jb('{"a" : "x\\"y"}'), "a"), s(OP.jsonb_op_arrow(jb("[1,2,3]"), -1)),
            s(OP.jsonb_op_arrow(jb("[1,2,3]"), -4)), OP.jsonb_op_arrow_text(jb('{"a":null}'), "a"),
            s(OP.jsonb_op_arrow(jb('{"a":null}'), "a")), OP.jsonb_op_arrow_text(jb('{"a":1.50}'), "a"),
            s(OP.jsonb_op_path(jb("[1,2]"), [])), s(OP.jsonb_op_path(jb('{"a":[1,2]}'), ["a", "x"])),
            s(OP.jsonb_op_path(jb('{"a":[1,2]}'), ["a", "-1"])), OP.jsonb_op_path_text(jb('"s"'), []),
            s(OP.jsonb_op_path(jb('{"a":1}'), ["a", None]))] == [
        "1", '{"b": 2}', '{"b": 2}', 'x"y', "3", None, None, "null", "1.50", "[1, 2]", None, "2", "s", None]
    assert [OP.jsonb_contains(jb('{"a":1, "b":{"c":2}}'), jb('{"b":{}}')), OP.jsonb_contains(jb("[1,2,[3]]"),
                                                                                            jb("[[3]]")),
            OP.jsonb_contains(jb("[1,2]"), jb("1")), OP.jsonb_contains(jb("1"), jb("[1]")),
            OP.jsonb_contained(jb("[1,2,2]"), jb("[1,2]")), OP.jsonb_contains(jb('{"a":1}'), jb('{"a":1,"b":null}')),
            OP.jsonb_exists(jb('["a", {"b":1}]'), "a"), OP.jsonb_exists(jb('{"a":1}'), "a"),
            OP.jsonb_exists(jb('"a"'), "a"), OP.jsonb_exists_any(jb('["a",{"a":1}]'), ["b", "a"]),
            OP.jsonb_exists_all(jb('{"a":1,"b":2}'), ["a", "b"]), OP.jsonb_exists_all(jb('{"a":1}'), []),
            OP.jsonb_exists_any(jb('{"a":1}'), []), OP.jsonb_exists_all(jb('{"a":1}'), ["a", None]),
            OP.jsonb_exists_any(jb('{"a":1}'), [None, "a"])] == [
        True, True, True, False, True, False, True, True, True, True, True, True, False, True, True]
    got = [OP.jsonb_concat(jb('{"a":1}'), jb('{"b":2}')), OP.jsonb_concat(jb("[1]"), jb("[2,3]")),
           OP.jsonb_concat(jb("[1]"), jb("2")), OP.jsonb_concat(jb("1"), jb("2")),
           OP.jsonb_concat(jb('{"a":1}'), jb("[1]")), OP.jsonb_concat(jb('{"a":1}'), jb('"x"')),
           OP.jsonb_delete_key(jb('{"a":1,"b":2}'), "a"), OP.jsonb_delete_key(jb('["a","b","a"]'), "a"),
           OP.jsonb_delete_index(jb("[1,2,3]"), 1), OP.jsonb_delete_index(jb("[1,2,3]"), -1),
           OP.jsonb_delete_index(jb("[1,2,3]"), 5), OP.jsonb_delete_keys(jb('{"a":1,"b":2,"c":3}'), ["a", "c"]),
           OP.jsonb_delete_path(jb('{"a":{"b":[1,2]}}'), ["a", "b", "0"]), OP.jsonb_delete_path(jb("[1,2]"), ["5"]),
           OP.jsonb_delete_keys(jb('{"a":1}'), ["a", None])]
    assert [str(x) for x in got] == [
        '{"a": 1, "b": 2}', "[1, 2, 3]", "[1, 2]", "[1, 2]", '[{"a": 1}, 1]', '[{"a": 1}, "x"]', '{"b": 2}', '["b"]',
        "[1, 3]", "[1, 2]", "[1, 2, 3]", '{"b": 2}', '{"a": {"b": [2]}}', "[1, 2]", "{}"]
    assert err(OP.jsonb_delete_key, jb('"x"'), "a") == ("22023", "cannot delete from scalar")
    assert err(OP.jsonb_delete_index, jb('{"a":1}'), 0) == ("22023", "cannot delete from object using integer index")
    assert err(OP.jsonb_delete_path, jb("1"), ["a"]) == ("22023", "cannot delete path in scalar")
    assert err(OP.jsonb_delete_path, jb('{"a":[1,2]}'), ["a", "x"]) == (
        "22P02", 'path element at position 2 is not an integer: "x"')
    assert err(OP.jsonb_delete_path, jb('{"a":1}'), ["a", None]) == ("22004", "path element at position 2 is null")
    assert set(J.JSON_OPERATORS) >= {("->", T.JSONB, T.TEXT), ("#-", T.JSONB, T.array_type(T.TEXT)),
                                     ("->>", T.JSON, T.INT4)}


def test_jsonb_set_insert() -> None:
    got = [JB.jsonb_set(jb('{"a":[1,2,3]}'), ["a", "1"], jb('"x"')), JB.jsonb_set(jb('{"a":1}'), ["b"], jb("2")),
           JB.jsonb_set(jb('{"a":1}'), ["b"], jb("2"), False), JB.jsonb_set(jb("[1,2]"), ["5"], jb("9")),
           JB.jsonb_set(jb("[1,2]"), ["-5"], jb("9")), JB.jsonb_set(jb('{"a":{"b":1}}'), ["a", "c", "d"], jb("1")),
           JB.jsonb_set(jb('{"a":1}'), [], jb("5")), JB.jsonb_set(jb("[1,2]"), ["-1"], jb("9"))]
    assert [str(x) for x in got] == ['{"a": [1, "x", 3]}', '{"a": 1, "b": 2}', '{"a": 1}', "[1, 2, 9]", "[9, 1, 2]",
                                     '{"a": {"b": 1}}', '{"a": 1}', "[1, 9]"]
    assert [s(JB.jsonb_set_lax(jb('{"a":1}'), ["a"], None)),
            s(JB.jsonb_set_lax(jb('{"a":1}'), ["a"], None, True, "delete_key")),
            s(JB.jsonb_set_lax(jb('{"a":1}'), ["a"], None, True, "return_target")),
            s(JB.jsonb_set_lax(jb('{"a":1}'), ["a"], jb("2"), True, "foo"))] == [
        '{"a": null}', "{}", '{"a": 1}', '{"a": 2}']
    got = [JB.jsonb_insert(jb('{"a":[0,1,2]}'), ["a", "1"], jb('"new"')),
           JB.jsonb_insert(jb('{"a":[0,1,2]}'), ["a", "1"], jb('"new"'), True),
           JB.jsonb_insert(jb('{"a":{"b":1}}'), ["a", "c"], jb("2")), JB.jsonb_insert(jb("[1]"), ["-1"], jb("0")),
           JB.jsonb_insert(jb("[1]"), ["9"], jb("0")), JB.jsonb_insert(jb('{"a":1}'), [], jb("1"))]
    assert [str(x) for x in got] == ['{"a": [0, "new", 1, 2]}', '{"a": [0, 1, "new", 2]}', '{"a": {"b": 1, "c": 2}}',
                                     "[0, 1]", "[1, 0]", '{"a": 1}']
    assert err(JB.jsonb_set, jb('{"a":[1]}'), ["a", "x"], jb("1")) == (
        "22P02", 'path element at position 2 is not an integer: "x"')
    assert err(JB.jsonb_set, jb("1"), ["a"], jb("1")) == ("22023", "cannot set path in scalar")
    assert err(JB.jsonb_insert, jb('{"a":{"b":1}}'), ["a", "b"], jb("2")) == ("22023", "cannot replace existing key")
    assert err(JB.jsonb_set, jb('{"a":1}'), ["a", None], jb("1")) == ("22004", "path element at position 2 is null")
    assert err(JB.jsonb_set_lax, jb('{"a":1}'), ["a"], None, True, "raise_exception") == (
        "22004", "JSON value must not be null")
    assert err(JB.jsonb_set_lax, jb('{"a":1}'), ["a"], None, True, "foo")[0] == "22023"


def test_processing_functions() -> None:
    assert str(JB.jsonb_strip_nulls(jb('{"a":null,"b":[null,{"c":null,"d":1}]}'))) == '{"b": [null, {"d": 1}]}'
    assert JB.json_strip_nulls('{"a":null, "b" : [null,{"c":null, "d" :1}]}') == '{"b":[null,{"d":1}]}'
    assert [JB.jsonb_typeof(jb(x)) for x in ("{}", "[]", "1.5", '"x"', "true", "null")] == [
        "object", "array", "number", "string", "boolean", "null"]
    assert [JB.json_typeof(" 1 "), JB.json_typeof('  {"a":1}'), JB.json_typeof('"x"'), JB.json_typeof("null"),
            JB.json_typeof("false"), JB.json_typeof("[ ]")] == ["number", "object", "string", "null", "boolean",
                                                               "array"]
    assert JB.jsonb_pretty(jb('{"a":[1,{"b":2},[]],"c":{},"d":"x"}')) == (
        '{\n    "a": [\n        1,\n        {\n            "b": 2\n        },\n        [\n        ]\n    ],\n'
        '    "c": {\n    },\n    "d": "x"\n}')
    assert [JB.jsonb_pretty(jb("[]")), JB.jsonb_pretty(jb("1")), JB.jsonb_pretty(jb('{"a":{}}'))] == [
        "[\n]", "1", '{\n    "a": {\n    }\n}']
    assert [JB.jsonb_array_length(jb("[1,2,[3]]")), JB.json_array_length("[1, 2]"), JB.json_array_length("[]")] == [
        3, 2, 0]
    assert err(JB.jsonb_array_length, jb("{}")) == ("22023", "cannot get array length of a non-array")
    assert err(JB.jsonb_array_length, jb("1")) == ("22023", "cannot get array length of a scalar")
    assert err(JB.json_array_length, "1") == ("22023", "cannot get array length of a scalar")
    assert [s(JB.jsonb_extract_path(jb('{"a":{"b":[1,2]}}'), "a", "b", "1")),
            JB.jsonb_extract_path_text(jb('{"a":{"b":"x"}}'), "a", "b"),
            JB.json_extract_path('{"a": {"b" : [1,2]}}', "a", "b"),
            JB.json_extract_path_text('{"a":{"b":"x"}}', "a", "b"),
            JB.jsonb_extract_path(jb('{"a":1}'), "x")] == ["2", "x", "[1,2]", "x", None]


def test_set_returning() -> None:
    assert [(k, str(v)) for k, v in JB.jsonb_each(jb('{"b":1,"a":[2]}'))] == [("a", "[2]"), ("b", "1")]
    assert list(JB.json_each('{"b":1, "a" : [2], "b": "x"}')) == [("b", "1"), ("a", "[2]"), ("b", '"x"')]
    assert list(JB.jsonb_each_text(jb('{"b":1,"a":"x","c":null,"d":{"e":1}}'))) == [
        ("a", "x"), ("b", "1"), ("c", None), ("d", '{"e": 1}')]
    assert list(JB.json_each_text('{"b":1,"a":"x\\"y","c":null}')) == [("b", "1"), ("a", 'x"y'), ("c", None)]
    assert list(JB.jsonb_object_keys(jb('{"b":1,"a":2}'))) == [("a",), ("b",)]
    assert list(JB.json_object_keys('{"b":1,"a":2, "b":3}')) == [("b",), ("a",), ("b",)]
    assert [str(v[0]) for v in JB.jsonb_array_elements(jb('[1,"a",null,{"b":1}]'))] == ["1", '"a"', "null",
                                                                                         '{"b": 1}']
    assert list(JB.json_array_elements('[1, "a" ,null, {"b" : 1}]')) == [("1",), ('"a"',), ("null",), ('{"b" : 1}',)]
    assert list(JB.jsonb_array_elements_text(jb('[1,"a",null,{"b":1}]'))) == [("1",), ("a",), (None,),
                                                                              ('{"b": 1}',)]
    assert list(JB.json_array_elements_text('[1, "a\\"" ,null, {"b" : 1}]')) == [("1",), ('a"',), (None,),
                                                                                 ('{"b" : 1}',)]
    cases = [(JB.jsonb_each, jb("[1]"), "cannot call jsonb_each on a non-object"),
             (JB.json_each, "[1]", "cannot deconstruct an array as an object"),
             (JB.json_each, "1", "cannot deconstruct a scalar"),
             (JB.jsonb_object_keys, jb("[1]"), "cannot call jsonb_object_keys on an array"),
             (JB.json_object_keys, "1", "cannot call json_object_keys on a scalar"),
             (JB.jsonb_array_elements, jb('{"a":1}'), "cannot extract elements from an object"),
             (JB.json_array_elements, "1", "cannot call json_array_elements on a scalar"),
             (JB.json_array_elements_text, '{"a":1}', "cannot call json_array_elements_text on a non-array"),
             (JB.jsonb_each_text, jb("1"), "cannot call jsonb_each_text on a non-object"),
             (JB.jsonb_array_elements_text, jb("1"), "cannot extract elements from a scalar")]
    for fn, arg, message in cases:
        assert err(lambda f=fn, a=arg: list(f(a))) == ("22023", message)
