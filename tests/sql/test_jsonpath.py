"""The SQL/JSON path language: parser and evaluator (expectations recorded from PostgreSQL 15)."""

from __future__ import annotations

import pytest

import sql.functions  # noqa: F401  (registers the function library)
from sql.datatypes.jsonb import Jsonb, jsonb_in
from sql.errors import SqlError
from sql.functions_jsonpath import path_exists, path_match, path_query_array, path_query_first, run_path
from sql.jsonpath import parse_jsonpath

CASES = [
    ('{"a": [1, 5, 9]}', '$.a[*] ? (@ > 8)', ['9']),
    ('{"a": [1, 5, 9]}', '$.a ? (@ > 4)', ['5', '9']),
    ('{"a": [1, 5, 9]}', 'strict $.a ? (@ > 4)', []),
    ('{"a": [1, 5, 9]}', '$.a[1 to 2]', ['5', '9']),
    ('{"a": [1, 5, 9]}', '$.a[last - 1]', ['5']),
    ('{"a": [1, 5, 9]}', 'strict $.a[3]', 'ERR 22033'),
    ('{"a": [1, 5, 9]}', '$.a[3]', []),
    ('{"a": [1, 5, 9]}', '$.a.size()', ['3']),
    ('{"a": [1, 5, 9]}', '$.a[*] * 2', 'ERR 22038'),
    ('{"a": [1, 5, 9]}', '$.a[0] * 2', ['2']),
    ('{"a": [1, 5, 9]}', '-$.a[*]', ['-1', '-5', '-9']),
    ('{"a": [1, 5, 9]}', '$.a[*] ? (@ > 1 && @ < 9)', ['5']),
    ('{"a": [1, 5, 9]}', '$.a[*] ? (@ == 1 || @ == 9)', ['1', '9']),
    ('{"a": "xyz"}', '$.a ? (@ starts with "xy")', ['"xyz"']),
    ('{"a": "xyz"}', '$.a like_regex "y."', ['true']),
    ('{"a": "xyz"}', '$.a like_regex "Y." flag "i"', ['true']),
    ('{"a": null}', '$.a == null', ['true']),
    ('{"a": 1, "b": "x"}', '$.*', ['1', '"x"']),
    ('{"a": 1, "b": "x"}', '$.keyvalue()',
     ['{"id": 0, "key": "a", "value": 1}', '{"id": 0, "key": "b", "value": "x"}']),
    ('{"a": 1, "b": "x"}', '$.keyvalue().key', ['"a"', '"b"']),
    ('{"a": {"b": [1, {"c": 2}]}}', '$.**.c', ['2', '2']),
    ('{"a": {"b": [1, {"c": 2}]}}', 'lax $.**.c', ['2', '2']),
    ('{"a": {"b": [1, {"c": 2}]}}', '$.a.b[*].c', ['2']),
    ('{"a": {"b": [1, {"c": 2}]}}', 'strict $.a.b[*].c', 'ERR 2203A'),
    ('{"a": {"b": [1, {"c": 2}]}}', '$.a.b.c', ['2']),
    ('[1, "2", 3.5, true, null]', '$[*].type()', ['"number"', '"string"', '"number"', '"boolean"', '"null"']),
    ('[1, "2", 3.5, true, null]', '$[*] ? (@.type() == "number")', ['1', '3.5']),
    ('[1, "2", 3.5]', '$[1].double() + 1', ['3']),
    ('[1, "2", 3.5]', '$[*] ? (@ > 1)', ['3.5']),
    ('[1, 2, 3]', '$ ? (exists(@[*] ? (@ > 2)))', ['3']),
    ('[1, 2, 3]', 'exists($[*] ? (@ > 5))', ['false']),
    ('[1, 2, 3]', '$[*] ? (!(@ > 1))', ['1']),
    ('[[1, 2], [3, 4]]', '$[*][1]', ['2', '4']),
    ('[[1, 2], [3, 4]]', '$[*].size()', ['2', '2']),
    ('[[1, 2], [3, 4]]', '$.size()', ['2']),
    ('{"x": 10}', '$.x / 4', ['2.5000000000000000']),
    ('{"x": 10}', '$.x % 4', ['2']),
    ('{"x": 10}', '$.x - 4.5', ['5.5']),
    ('{"x": 10}', '$.x / 0', 'ERR 22012'),
    ('{"x": -2.5}', '$.x.abs()', ['2.5']),
    ('{"x": -2.5}', '$.x.floor()', ['-3']),
    ('{"x": -2.5}', '$.x.ceiling()', ['-2']),
    ('{"x": "a"}', '$.x + 1', 'ERR 22038'),
    ('{"x": [1]}', '$.x + 1', ['2']),
    ('{"x": [1]}', 'strict $.x + 1', 'ERR 22038'),
    ('{"x": 1}', '$.y + 1', 'ERR 22038'),
    ('{"x": 1}', '$ ? (@.x == 1).x', ['1']),
    ('{"x": 1}', '($.x + 1) * 2', ['4']),
    ('{"x": 1}', '1 + 2 * 3', ['7']),
    ('{"x": 1}', '(1 + 2) * 3', ['9']),
    ('{"x": 1}', '$."x"', ['1']),
    ('{"a b": 1}', '$."a b"', ['1']),
    ('{"x": 1}', '$.x == "1"', ['null']),
    ('{"x": [1, "a"]}', '$.x[*] > 0', ['true']),
    ('{"x": [1, "a"]}', 'strict $.x[*] > 0', ['null']),
    ('{"x": 1}', '$.x > 0 && $.x < 5', ['true']),
    ('{"x": 1}', '($.x > 0) is unknown', ['false']),
    ('{}', '$$', 'ERR 42601'),
    ('{}', '$.a +', 'ERR 42601'),
    ('{}', '$[', 'ERR 42601'),
    ('{}', '@.a', 'ERR 42601'),
    ('{}', 'last', 'ERR 42601'),
    ('{}', '$.a.foo()', 'ERR 42601'),
    ('{"a": {"b": 1}}', '$.a ? (@.b == 1).b', ['1']),
    ('[{"n": "a", "v": 1}, {"n": "b", "v": 2}]', '$[*] ? (@.v > 1).n', ['"b"']),
    ('[{"n": "a", "v": 1}, {"n": "b", "v": 2}]', '$[*].n ? (@ == "a")', ['"a"']),
    ('[1, 2, 3]', '$[0 to last]', ['1', '2', '3']),
    ('[1, 2, 3]', '$[-1]', []),
    ('[1, 2, 3]', 'strict $[2 to 1]', 'ERR 22033'),
    ('[1, 2, 3]', '$[2 to 1]', []),
    ('[1, 2, 3]', '$[1.9]', ['2']),
    ('"abc"', '$.size()', ['1']),
    ('"abc"', '$[0]', ['"abc"']),
    ('"abc"', '$[*]', ['"abc"']),
    ('{"a": 1}', '$.a.type()', ['"number"']),
    ('{"a": 1}', '"abc" starts with "a"', ['true']),
    ('{"a": 1}', '$ ? (@.a like_regex "1")', []),
    ('{"a": "1\\n2"}', '$.a like_regex "1.2" flag "s"', ['true']),
    ('{"a": "a.c"}', '$.a like_regex "." flag "q"', ['true']),
    ('{"a": 1e2}', '$.a', ['100']),
    ('{"a": 1.50}', '$.a', ['1.50']),
    ('{"a": 1.50}', '$.a + 0.25', ['1.75']),
    ('{"a": 12345678901234567890}', '$.a * 10', ['123456789012345678900']),
    ('{"a": true}', '$.a == true', ['true']),
    ('{"a": true}', '$.a > false', ['true']),
    ('{"a": "b"}', '$.a < "c"', ['true']),
    ('{"a": [1,2]}', '$.a == $.a', ['true']),
    ('{"a": {}}', '$.a == $.a', ['null']),
]


def _query(doc: str, path: str) -> list[str] | str:
    try:
        return [str(Jsonb(v)) for v in run_path(jsonb_in(doc), path) or []]
    except SqlError as e:
        return "ERR " + e.code


@pytest.mark.parametrize(("doc", "path", "expected"), CASES)
def test_query_matches_postgres(doc: str, path: str, expected: list[str] | str) -> None:
    assert _query(doc, path) == expected


def test_empty_path_is_invalid_input() -> None:
    with pytest.raises(SqlError) as e:
        parse_jsonpath("  ")
    assert e.value.code == "22P02"


def test_vars_and_last() -> None:
    doc = jsonb_in("[1, 2, 3, 4]")
    assert str(path_query_array(doc, "$[*] ? (@ >= $min)", jsonb_in('{"min": 3}'))) == "[3, 4]"
    assert str(path_query_first(jsonb_in('{"a": [7, 8]}'), "$.a[last]")) == "8"
    with pytest.raises(SqlError) as e:
        run_path(doc, "$[*] ? (@ > $nope)")
    assert e.value.code == "42704"
    with pytest.raises(SqlError) as e:
        run_path(doc, "$", jsonb_in("[]"))
    assert e.value.code == "22023"


def test_exists_match_and_silent() -> None:
    assert path_exists(jsonb_in('{"a": [1, 5, 9]}'), "$.a[*] ? (@ > 8)") is True
    assert path_exists(jsonb_in('{"a": 1}'), "strict $.b", silent=True) is None
    assert path_match(jsonb_in('{"a": 3}'), "$.a > 2") is True
    with pytest.raises(SqlError) as e:
        path_match(jsonb_in("1"), "$")
    assert e.value.code == "22038"
    assert path_match(jsonb_in("1"), "$", silent=True) is None


CANONICAL = [  # jsonpath input -> PostgreSQL's jsonpath_out
    ("$.a > 1", '($."a" > 1)'), ("($.a + 1) * 2", '(($."a" + 1) * 2)'), ("$.a + 1 * 2", '($."a" + 1 * 2)'),
    ("- (1 + 2)", "(-(1 + 2))"),
    ("$ ? (@.a > 1 && @.b < 2 || !(@.c == 3))", '$?(@."a" > 1 && @."b" < 2 || !(@."c" == 3))'),
    ("strict $.a[*].b", 'strict $."a"[*]."b"'), ("$.a[1, 2 to last]", '$."a"[1,2 to last]'),
    ("$.**{2 to last}.x", '$.**{2 to last}."x"'),
    ('$.** ? (@ like_regex "a" flag "iq")', '$.**?(@ like_regex "a" flag "iq")'),
    ('$ ? (@ starts with "x")', '$?(@ starts with "x")'), ("$ ? (exists(@.a))", '$?(exists (@."a"))'),
    ("($ > 1) is unknown", "($ > 1) is unknown"), ("$var.a", '$"var"."a"'), ('"x".size()', '"x".size()'),
    ("$.a ? ((@ > 1) || (@ < 0))", '$."a"?(@ > 1 || @ < 0)'), ("(1 + 2).type()", "(1 + 2).type()"),
    ("lax $", "$"), ("1e3", "1000"), ("$[last - 1]", "$[last - 1]"),
]


@pytest.mark.parametrize(("text", "canonical"), CANONICAL)
def test_canonical_text(text: str, canonical: str) -> None:
    from sql.jsonpath.printer import jsonpath_text

    assert jsonpath_text(parse_jsonpath(text)) == canonical
    assert jsonpath_text(parse_jsonpath(canonical)) == canonical
