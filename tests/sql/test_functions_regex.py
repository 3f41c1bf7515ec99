"""POSIX regex functions; expected values recorded from PostgreSQL 15."""

from __future__ import annotations

from typing import Any

import pytest

import sql.functions  # noqa: F401  (registers the library)
from sql import functions_regexp as R
from sql.errors import SqlError
from sql.functions_regex import translate


def err(fn: Any, *args: Any) -> tuple[str, str]:
    with pytest.raises(SqlError) as ei:
        fn(*args)
    return ei.value.code, str(ei.value)


def test_regexp_replace() -> None:
    rr = R.regexp_replace_impl
    assert rr("foobarbaz", "b..", "X") == "fooXbaz"
    assert rr("foobarbaz", "b..", "X", flags="g") == "fooXX"
    assert rr("fooBARbaz", "b..", "X", flags="gi") == "fooXX"
    assert rr("abc", "x*", "-", flags="g") == "-a-b-c-"
    assert rr("abxd", "x*", "-", flags="g") == "-a-b--d-"
    assert rr("Hello World", r"(\w+) (\w+)", r"\2 \1 \& \\ \x \0") == "World Hello Hello World \\ \\x \\0"
    assert R.regexp_replace_start("aaa", "a", "b", 2) == "aba"
    assert R.regexp_replace_n("aaaa", "a", "b", 2, 2) == "aaba"
    assert R.regexp_replace_n("aaaa", "a", "b", 2, 0) == "abbb"
    assert R.regexp_replace6("aAaA", "a", "b", 1, 0, "i") == "bbbb"
    assert rr("abc", "(b)", r"[\1\2\9]") == "a[b]c"
    assert rr("abc", "b", "x\\") == "ax\\c"
    assert rr("abc", "(x)?b", r"[\1]") == "a[]c"
    assert rr("a.b", ".", "x", flags="gq") == "axb"
    assert err(R.regexp_replace_start, "aaa", "a", "b", 0) == ("22023", 'invalid value for parameter "start": 0')
    assert err(R.regexp_replace_n, "aaa", "a", "b", 1, -1) == ("22023", 'invalid value for parameter "n": -1')
    assert err(R.regexp_replace_flags, "aaa", "a", "b", "z") == ("22023", 'invalid regular expression option: "z"')


def test_regexp_match_and_matches() -> None:
    m = R.regexp_match
    assert m("foobarbequebaz", "(bar)(beque)") == ["bar", "beque"]
    assert m("foobarbequebaz", "bar") == ["bar"]
    assert m("abc", "x") is None
    assert m("abc", "(a)|(z)") == ["a", None]
    assert m("ABC", "b", "i") == ["B"]
    assert m("ABC", "b", "ic") is None and m("ABC", "b", "ci") == ["B"]
    assert err(m, "abc", "b", "g") == ("22023", 'regexp_match() does not support the "global" option')
    assert list(R.regexp_matches("foobarbequebazilbarfbonk", "(b[^b]+)(b[^b]+)", "g")) == [
        (["bar", "beque"],), (["bazil", "barf"],)]
    assert list(R.regexp_matches("abc", "x*", "g")) == [([""],)] * 4
    assert list(R.regexp_matches("abc", "")) == [([""],)]
    assert list(R.regexp_matches("abab", "(a)(x)?", "g")) == [(["a", None],)] * 2


def test_split() -> None:
    sa = R.regexp_split_to_array
    assert sa("hello world", r"\s+") == ["hello", "world"]
    assert sa("hello", "") == ["h", "e", "l", "l", "o"]
    assert sa("a,b,,c", ",") == ["a", "b", "", "c"]
    assert sa("", ",") == [""]
    assert sa(",a,", ",") == ["", "a", ""]
    assert sa("abc", "x*") == ["a", "b", "c"]
    assert sa("aXbxc", "x", "i") == ["a", "b", "c"]
    assert sa("abc", "(b)") == ["a", "c"]
    assert sa("abc", "^") == ["abc"]
    assert sa("aaa", "a") == ["", "", "", ""]
    assert list(R.regexp_split_to_table("a1b2c", r"\d")) == [("a",), ("b",), ("c",)]
    assert err(sa, "abc", "b", "g") == ("22023", 'regexp_split_to_array() does not support the "global" option')


def test_count_like_instr_substr() -> None:
    assert R.regexp_count("ABCABCAXYaxy", "A.") == 3
    assert R.regexp_count("ABCABCAXYaxy", "A.", 1, "i") == 4
    assert R.regexp_count("abc", "") == 4
    assert R.regexp_count("aaa", "a", 2) == 2 and R.regexp_count("abc", "a", 10) == 0
    assert err(R.regexp_count, "abc", "a", 0) == ("22023", 'invalid value for parameter "start": 0')
    assert err(R.regexp_count, "abc", "b", 1, "g") == ("22023",
                                                       'regexp_count() does not support the "global" option')
    assert R.regexp_like("Hello", "hel") is False and R.regexp_like("Hello", "hel", "i") is True
    ri = R.regexp_instr
    assert ri("number of your street, town zip, FR", "[^,]+", 1, 2) == 23
    assert ri("ABCDEFGHI", "(c..)(...)", 1, 1, 0, "i", 2) == 6
    assert [ri("abc", "b", 1, 1, 1), ri("abc", "x"), ri("abcabc", "b", 3), ri("abc", "(b)", 1, 1, 0, "", 3)] == [
        3, 0, 5, 0]
    assert err(ri, "abc", "b", 1, 1, 2) == ("22023", 'invalid value for parameter "endoption": 2')
    assert err(ri, "abc", "b", 1, 0) == ("22023", 'invalid value for parameter "n": 0')
    assert err(ri, "abc", "(b)", 1, 1, 0, "", -1) == ("22023", 'invalid value for parameter "subexpr": -1')
    rs = R.regexp_substr
    assert rs("number of your street, town zip, FR", "[^,]+", 1, 2) == " town zip"
    assert rs("ABCDEFGHI", "(c..)(...)", 1, 1, "i", 2) == "FGH"
    assert rs("abc", "x") is None and rs("abc", "(x)?b", 1, 1, "", 1) is None
    assert rs("abc", "(b)", 1, 1, "", 3) is None and rs("abc", "b", 1, 1, "", 0) == "b"


def test_substring_forms() -> None:
    assert R.substring_regex("foobar", "o.b") == "oob"
    assert R.substring_regex("foobar", "o(.)b") == "o"
    assert R.substring_regex("foobar", "x") is None
    assert R.substring_regex("foobar", "(o)(b)") == "o"
    assert R.substring_regex("foobar", "o(x)?b") is None
    assert R.substring_similar("foobar", '%#"o_b#"%', "#") == "oob"
    assert R.substring_similar("foobar", "f%", "#") == "foobar"
    assert R.substring_similar("xaaay", '%#"a+#"%', "#") == "aaa"
    assert R.substring_similar("xaaay", 'x#"a*#"%', "#") == "aaa"
    assert R.substring_similar("abcabc", '%#"b#"%', "#") == "b"
    cases = [("foobar", "f%", True), ("foobar", "(f|g)oo%", True), ("a_c", "a\\_c", True), ("abc", "a\\_c", False),
             ("ab", "[a-c]+", True), ("a.c", "a.c", True), ("abc", "a.c", False)]
    assert [R.similar_to(s, p) for s, p, _ in cases] == [e for _, _, e in cases]


ARE_CASES = [
    ("a\nb", "a.b", "", ["a\nb"]),
    ("a\nb", "a.b", "n", None),
    ("a\nb", "^b", "", None),
    ("a\nb", "^b", "n", ["b"]),
    ("ab\n", "b$", "", None),
    ("ab\n", "b$", "n", ["b"]),
    ("abc", "[[:alpha:]]+", "", ["abc"]),
    ("a b", r"\mb", "", ["b"]),
    ("foo bar", r"o\M", "", ["o"]),
    ("a1", r"\d", "", ["1"]),
    ("a-b", r"[\w]+", "", ["a"]),
    ("abcd", "(?:a)(b)(?=c)", "", ["b"]),
    ("Abc", "(?i)a", "", ["A"]),
    ("a.b", r"a\.b", "", ["a.b"]),
    ("aaa", "a{2}", "", ["aa"]),
    ("ab", r"a\b", "", None),
    ("abc", "***=a.c", "", None),
    ("a.c", "***=a.c", "", ["a.c"]),
    ("abc", "a.c", "q", None),
    ("a\\b", r"a\Bb", "", ["a\\b"]),
    ("a\tb", r"a\tb", "", ["a\tb"]),
    ("aA", r"\x41", "", ["A"]),
    ("aA", r"\u0041", "", ["A"]),
    ("a]b", "[]]", "", ["]"]),
    ("a^b", r"[\^]", "", ["^"]),
    ("x-y", r"[a\-z]", "", ["-"]),
    ("ab12", "[[:digit:]]+", "", ["12"]),
    ("ab12", "[^[:digit:]]+", "", ["ab"]),
    ("aaa", r"(a)\1", "", ["a"]),
    ("abab", r"(ab)\1", "", ["ab"]),
    ("a1", "[[:alpha:][:digit:]]+", "", ["a1"]),
    ("AbC", "[[:upper:]]+", "", ["A"]),
    ("AbC", "[[:lower:]]+", "i", ["AbC"]),
    ("x\ny", "[^a]+", "n", ["x"]),
    ("x\ny", "[^a]+", "", ["x\ny"]),
    ("x\ny", "x$", "w", ["x"]),
    ("x\ny", "x.y", "w", ["x\ny"]),
    ("x\ny", "x.y", "p", None),
    ("x\ny", "x$", "p", None),
    ("abc", "(?<=a)b", "", ["b"]),
    ("abc", "(?<!x)b", "", ["b"]),
    ("foo", "o+?", "", ["o"]),
    ("aaab", "a*?b", "", ["aaab"]),
    ("abc", r"\w\y", "", ["c"]),
    ("abc def", r"\Y\w+", "", ["bc"]),
    ("abc", r"\Aab", "", ["ab"]),
    ("abc", r"bc\Z", "", ["bc"]),
    ("a{", "a{", "", ["a{"]),
    ("a\\b", r"a\\b", "", ["a\\b"]),
]


@pytest.mark.parametrize(("s", "pattern", "flags", "expected"), ARE_CASES)
def test_are_translation(s: str, pattern: str, flags: str, expected: Any) -> None:
    assert R.regexp_match(s, pattern, flags or None) == expected


@pytest.mark.parametrize(("pattern", "message"), [
    ("a(", "invalid regular expression: parentheses () not balanced"),
    ("[a", "invalid regular expression: brackets [] not balanced"),
    ("*", "invalid regular expression: quantifier operand invalid"),
    ("a{2,1}", "invalid regular expression: invalid repetition count(s)"),
    (r"\q", "invalid regular expression: invalid escape \\ sequence"),
    ("a{1", "invalid regular expression: braces {} not balanced"),
])
def test_regex_errors(pattern: str, message: str) -> None:
    assert err(R.regexp_match, "abc", pattern) == ("2201B", message)


def test_leftmost_longest() -> None:
    # top-level alternation follows ARE's longest-match rule
    assert R.regexp_match("xyz", "x|xy") == ["xy"]
    assert R.regexp_match("xyz", "(x)|(xy)") == [None, "xy"]
    assert R.regexp_match("abcd", "a|ab|abc") == ["abc"]
    assert R.regexp_replace_impl("January Jan", "Jan|January", "M", flags="g") == "M M"
    # known difference: alternation inside a group keeps Perl semantics (PostgreSQL gives {xy})
    assert R.regexp_match("xyz", "(x|xy)") == ["x"]
    assert translate("a$", "")[0] == r"a\Z"
