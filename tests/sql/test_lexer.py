"""The pre-sqlglot lexer (sql.lexer): statement splitting, tokens, and literal normalisation
(which constants of a simple query may become parameters so that queries differing only in
constants share one parsed and planned form -- and which must not).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from sql.errors import SqlError
from sql.lexer import normalize_literals, split_statements, tokenize
from tests.sql.sessions import finish, open_session

# --- split_statements ----------------------------------------------------------------------------------


def pieces(text: str) -> list[str]:
    out = split_statements(text)
    for piece, offset in out:  # offsets point back into the original text
        assert text[offset:offset + len(piece)] == piece
    return [p.strip() for p, _ in out]


@pytest.mark.parametrize(("text", "want"), [
    ("SELECT 1; SELECT 2", ["SELECT 1", "SELECT 2"]),
    ("SELECT 1;", ["SELECT 1"]),
    ("SELECT 1", ["SELECT 1"]),
    (";; ;SELECT 1;;", ["SELECT 1"]),
    ("", []),
    ("  ;  ", []),
    (";; ; -- only a comment\n ; /* and another */ ;", []),
    # quotes
    ("SELECT 'a;b'; SELECT 2", ["SELECT 'a;b'", "SELECT 2"]),
    ("SELECT 'it''s; fine'; SELECT 2", ["SELECT 'it''s; fine'", "SELECT 2"]),
    ("SELECT '';SELECT ''''", ["SELECT ''", "SELECT ''''"]),
    # E'' strings: backslash escapes the quote; in a standard string it does not
    ("SELECT E'a\\';b'; SELECT 2", ["SELECT E'a\\';b'", "SELECT 2"]),
    ("SELECT e'\\\\'; SELECT 2", ["SELECT e'\\\\'", "SELECT 2"]),
    ("SELECT 'a\\'; SELECT 2", ["SELECT 'a\\'", "SELECT 2"]),
    ("SELECT note'x\\'; SELECT 2", ["SELECT note'x\\'", "SELECT 2"]),
    # quoted identifiers
    ('SELECT "a;b" FROM t; SELECT 2', ['SELECT "a;b" FROM t', "SELECT 2"]),
    ('SELECT "a"";b" FROM t; SELECT 2', ['SELECT "a"";b" FROM t', "SELECT 2"]),
    # dollar quotes
    ("SELECT $$a;b$$; SELECT 2", ["SELECT $$a;b$$", "SELECT 2"]),
    ("SELECT $tag$ x $$ ; $tag$; SELECT 2", ["SELECT $tag$ x $$ ; $tag$", "SELECT 2"]),
    ("SELECT $a$ $b$ ; $b$ $a$; SELECT 2", ["SELECT $a$ $b$ ; $b$ $a$", "SELECT 2"]),
    ("SELECT $1; SELECT $2", ["SELECT $1", "SELECT $2"]),
    ("SELECT $$it's; $$; SELECT 2", ["SELECT $$it's; $$", "SELECT 2"]),
    # comments
    ("SELECT 1 -- c; x\n; SELECT 2", ["SELECT 1 -- c; x", "SELECT 2"]),
    ("SELECT 1 -- 'unclosed ; \n; SELECT 2", ["SELECT 1 -- 'unclosed ;", "SELECT 2"]),
    ("SELECT /* a; */ 1; SELECT 2", ["SELECT /* a; */ 1", "SELECT 2"]),
    ("SELECT /* a; /* nested; */ still; */ 1; SELECT 2", ["SELECT /* a; /* nested; */ still; */ 1", "SELECT 2"]),
    ("SELECT /* 'x; */ 1; SELECT 2", ["SELECT /* 'x; */ 1", "SELECT 2"]),
    ("SELECT 1 - -2; SELECT 3 / 4", ["SELECT 1 - -2", "SELECT 3 / 4"]),
])
def test_split_statements(text: str, want: list[str]) -> None:
    assert pieces(text) == want


def test_split_statement_offsets() -> None:
    text = "SELECT 1;\n  INSERT INTO t VALUES (';');SELECT 3"
    assert split_statements(text) == [("SELECT 1", 0), ("\n  INSERT INTO t VALUES (';')", 9),
                                      ("SELECT 3", 39)]


def test_split_unterminated_dollar_quote() -> None:
    with pytest.raises(SqlError) as ei:
        split_statements("SELECT $$abc; SELECT 2")
    assert ei.value.code == "42601"


def test_split_identifier_with_dollar() -> None:
    assert pieces("SELECT 1 AS a$b$; SELECT 2") == ["SELECT 1 AS a$b$", "SELECT 2"]


# --- tokenize ------------------------------------------------------------------------------------------


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.value) for t in tokenize(text)]


def test_tokenize_kinds_and_values() -> None:
    text = 'SELECT x::int, $1, "Q""x", a<>b, a != b, a >= b FROM s.t WHERE y = -2 -- tail'
    assert kinds(text) == [
        ("word", "SELECT"), ("word", "x"), ("op", "::"), ("word", "int"), ("op", ","), ("param", "$1"),
        ("op", ","), ("ident", 'Q"x'), ("op", ","), ("word", "a"), ("op", "<>"), ("word", "b"), ("op", ","),
        ("word", "a"), ("op", "!="), ("word", "b"), ("op", ","), ("word", "a"), ("op", ">="), ("word", "b"),
        ("word", "FROM"), ("word", "s"), ("op", "."), ("word", "t"), ("word", "WHERE"), ("word", "y"),
        ("op", "="), ("op", "-"), ("number", "2"),
    ]


@pytest.mark.parametrize(("text", "value"), [
    ("'it''s'", "it's"),
    ("''", ""),
    ("E'a\\nb\\tc'", "a\nb\tc"),
    ("e'it\\'s'", "it's"),
    ("E'back\\\\slash'", "back\\slash"),
    ("E'q''q'", "q'q"),
    ("'no\\escape'", "no\\escape"),
    ("$$dollar 'quoted' $x$$", "dollar 'quoted' $x"),
    ("$a$ $$ $b$ $a$", " $$ $b$ "),
    ("$fn$ body; $$ inner $$ $fn$", " body; $$ inner $$ "),
])
def test_tokenize_strings(text: str, value: str) -> None:
    assert kinds(text) == [("string", value)]


@pytest.mark.parametrize("number", ["1", "42", "1.5", ".5", "3.", "1e10", "1.5E-3", "2e+4"])
def test_tokenize_numbers(number: str) -> None:
    assert kinds(f"SELECT {number}") == [("word", "SELECT"), ("number", number)]


def test_tokenize_params_words_and_identifiers() -> None:
    toks = tokenize('select $12, Foo, "Foo", naïve, a$b, _x1')
    assert [(t.kind, t.value) for t in toks if t.kind != "op"] == [
        ("word", "select"), ("param", "$12"), ("word", "Foo"), ("ident", "Foo"), ("word", "naïve"),
        ("word", "a$b"), ("word", "_x1")]
    assert toks[0].upper == "SELECT"
    assert toks[5].upper == ""  # quoted identifiers keep their case and have no keyword form


def test_tokenize_skips_comments_and_records_positions() -> None:
    text = "SHOW /* c /* nested */ still */ search_path -- trailing\n; x"
    toks = tokenize(text)
    assert [(t.kind, t.value) for t in toks] == [("word", "SHOW"), ("word", "search_path"), ("op", ";"),
                                                ("word", "x")]
    for t in toks:
        assert text[t.pos:t.pos + len(t.value)] == t.value


def test_tokenize_stop_after() -> None:
    assert [t.value for t in tokenize("SET LOCAL x TO 1", stop_after=2)] == ["SET", "LOCAL"]


@pytest.mark.parametrize(("text", "position"), [
    ("SELECT 'abc", 8),
    ('SELECT "abc', 8),
    ("SELECT $$abc", 8),
    ("SELECT $q$abc$$", 8),
])
def test_tokenize_unterminated(text: str, position: int) -> None:
    with pytest.raises(SqlError) as ei:
        tokenize(text)
    assert ei.value.code == "42601"
    assert ei.value.position == position


def test_tokenize_unterminated_block_comment() -> None:
    with pytest.raises(SqlError) as ei:
        tokenize("SELECT 1 /* abc")
    assert ei.value.code == "42601"


# --- normalize_literals --------------------------------------------------------------------------------


def normalized(text: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    n = normalize_literals(text)
    return None if n is None else (n.text, n.literals)


@pytest.mark.parametrize(("text", "want_text", "literals"), [
    ("SELECT * FROM t WHERE a = 1", "SELECT * FROM t WHERE a = $1", [("number", "1")]),
    ("select * from t where a = 1", "select * from t where a = $1", [("number", "1")]),
    ("SELECT * FROM t WHERE a = 1.5e3", "SELECT * FROM t WHERE a = $1", [("number", "1.5e3")]),
    ("SELECT * FROM t WHERE a = 99999999999999999999", "SELECT * FROM t WHERE a = $1",
     [("number", "99999999999999999999")]),
    ("SELECT * FROM t WHERE s = 'it''s'", "SELECT * FROM t WHERE s = $1", [("string", "it's")]),
    ("SELECT * FROM t WHERE s = E'x\\ny'", "SELECT * FROM t WHERE s = $1", [("string", "x\ny")]),
    ("SELECT * FROM t WHERE x.y <> 'v'", "SELECT * FROM t WHERE x.y <> $1", [("string", "v")]),
    ("SELECT * FROM t WHERE a >= 1 AND b < 2", "SELECT * FROM t WHERE a >= $1 AND b < $2",
     [("number", "1"), ("number", "2")]),
    # equal literals share one parameter; equal text of another kind does not
    ("SELECT * FROM t WHERE a = 1 AND b = 1", "SELECT * FROM t WHERE a = $1 AND b = $1", [("number", "1")]),
    ("SELECT * FROM t WHERE a = 1 AND b = '1'", "SELECT * FROM t WHERE a = $1 AND b = $2",
     [("number", "1"), ("string", "1")]),
    ("SELECT * FROM t WHERE a = 1 AND b = 1.0", "SELECT * FROM t WHERE a = $1 AND b = $2",
     [("number", "1"), ("number", "1.0")]),
    # negative numbers: the sign belongs to the literal after an operator, '(' or ','
    ("SELECT * FROM t WHERE a = -5", "SELECT * FROM t WHERE a = $1", [("number", "-5")]),
    ("SELECT * FROM t WHERE a = - 5", "SELECT * FROM t WHERE a = $1", [("number", "-5")]),
    ("SELECT * FROM t WHERE a > -1 AND b < -1", "SELECT * FROM t WHERE a > $1 AND b < $1", [("number", "-1")]),
    ("SELECT * FROM t WHERE a = 1 AND b = -1", "SELECT * FROM t WHERE a = $1 AND b = $2",
     [("number", "1"), ("number", "-1")]),
    ("SELECT * FROM t WHERE a IN (-1, 2)", "SELECT * FROM t WHERE a IN ($1, $2)", [("number", "-1"), ("number", "2")]),
    # IN and VALUES lists
    ("SELECT * FROM t WHERE a IN (1, 2, 3)", "SELECT * FROM t WHERE a IN ($1, $2, $3)",
     [("number", "1"), ("number", "2"), ("number", "3")]),
    ("SELECT * FROM t WHERE s IN ('a', 'b', 'a')", "SELECT * FROM t WHERE s IN ($1, $2, $1)",
     [("string", "a"), ("string", "b")]),
    ("INSERT INTO t VALUES (1, 'a'), (2, 'b')", "INSERT INTO t VALUES ($1, $2), ($3, $4)",
     [("number", "1"), ("string", "a"), ("number", "2"), ("string", "b")]),
    ("INSERT INTO t (a, b) VALUES (1, 'a') RETURNING a, 1", "INSERT INTO t (a, b) VALUES ($1, $2) RETURNING a, 1",
     [("number", "1"), ("string", "a")]),
    ("SELECT * FROM (VALUES (1, 'a')) v(x, y) WHERE x = 1", "SELECT * FROM (VALUES ($1, $2)) v(x, y) WHERE x = $1",
     [("number", "1"), ("string", "a")]),
    # LIMIT / OFFSET
    ("SELECT * FROM t LIMIT 10 OFFSET 5", "SELECT * FROM t LIMIT $1 OFFSET $2", [("number", "10"), ("number", "5")]),
    ("SELECT * FROM t ORDER BY 1 LIMIT 10", "SELECT * FROM t ORDER BY 1 LIMIT $1", [("number", "10")]),
    # DML
    ("UPDATE t SET a = 5 WHERE b = 6", "UPDATE t SET a = $1 WHERE b = $2", [("number", "5"), ("number", "6")]),
    ("DELETE FROM t WHERE a = 5", "DELETE FROM t WHERE a = $1", [("number", "5")]),
    # what is left alone around a replaced literal
    ("SELECT a::numeric(10,2) FROM t WHERE a = 1", "SELECT a::numeric(10,2) FROM t WHERE a = $1", [("number", "1")]),
    ("SELECT CAST(a AS varchar(5)) FROM t WHERE b = 'x'", "SELECT CAST(a AS varchar(5)) FROM t WHERE b = $1",
     [("string", "x")]),
    ("SELECT a, 1, 'k' FROM t WHERE a = 2 GROUP BY 1 ORDER BY 2, 1",
     "SELECT a, 1, 'k' FROM t WHERE a = $1 GROUP BY 1 ORDER BY 2, 1", [("number", "2")]),
    ("SELECT * FROM t WHERE a = 1 AND b = '5'::int", "SELECT * FROM t WHERE a = $1 AND b = '5'::int",
     [("number", "1")]),
    ("SELECT * FROM t WHERE a = f(1) AND b = 2", "SELECT * FROM t WHERE a = f(1) AND b = $1", [("number", "2")]),
    ("SELECT * FROM t WHERE a[1] = 2", "SELECT * FROM t WHERE a[1] = $1", [("number", "2")]),
    ("SELECT * FROM t WHERE a = 1 -- c = 2\n AND b = 3 /* = 4 */",
     "SELECT * FROM t WHERE a = $1 -- c = 2\n AND b = $2 /* = 4 */", [("number", "1"), ("number", "3")]),
])
def test_normalize_literals(text: str, want_text: str, literals: list[tuple[str, str]]) -> None:
    assert normalized(text) == (want_text, tuple(literals))


@pytest.mark.parametrize("text", [
    "SELECT 1",  # select-list constants
    "SELECT a, 'x', 2.5 FROM t",
    "SELECT a FROM t ORDER BY 1",  # ORDER BY / GROUP BY ordinals
    "SELECT a, b FROM t ORDER BY 2 DESC, 1",
    "SELECT a, count(*) FROM t GROUP BY 1",
    "SELECT a FROM t GROUP BY 1 ORDER BY 2, 1",
    "SELECT a::numeric(10,2) FROM t",  # type modifiers
    "SELECT CAST(a AS numeric(10, 2)) FROM t",
    "SELECT * FROM t WHERE a = '5'::int",  # literal followed by ::
    "SELECT * FROM t WHERE a = 5::int",
    "SELECT * FROM t WHERE d = date '2020-01-01'",  # typed literal
    "SELECT * FROM t WHERE i > interval '1 day'",
    "SELECT * FROM t WHERE a = f(1)",  # function arguments
    "SELECT * FROM t WHERE s = 'x' 'y'",  # string continuation
    "SELECT * FROM t WHERE s = $$x$$",  # dollar-quoted
    "SELECT * FROM t WHERE a = $1 AND b = 2",  # already has parameters
    "SELECT * FROM t WHERE a BETWEEN 1 AND 5",
    "SELECT * FROM t",
    "CREATE TABLE t (a numeric(10,2) DEFAULT 1)",  # not a query / DML statement
    "SET x = 1",
    "WITH q AS (SELECT 1) SELECT * FROM q WHERE a = 1",
    "SELECT 'abc",  # does not tokenize
])
def test_normalize_leaves_alone(text: str) -> None:
    assert normalize_literals(text) is None


@pytest.mark.parametrize("text", ["SELECT * FROM t WHERE a = - /* c */ 1", "SELECT * FROM t WHERE a > -\t1",
                                  "SELECT * FROM t WHERE a > -\n1"])
def test_normalize_negative_number_with_comment_or_tab(text: str) -> None:
    n = normalize_literals(text)
    assert n is not None
    for kind, value in n.literals:
        if kind == "number":
            Decimal(value)  # a well-formed number
            int(value)


@pytest.mark.parametrize("text", [
    "SELECT a FROM t WHERE a IN (SELECT a FROM u GROUP BY b, 1)",
    "SELECT a FROM t WHERE a IN (SELECT a FROM u ORDER BY b, 1 DESC LIMIT 1)",
])
def test_normalize_keeps_ordinals_in_subqueries(text: str) -> None:
    n = normalize_literals(text)
    assert n is None or ", 1" in n.text


def test_normalize_does_not_detach_unary_minus() -> None:
    """-2147483648 is one int4 constant: lifting 2147483648 alone would make it an int8 parameter."""
    n = normalize_literals("SELECT -2147483648 - 1 FROM t")
    assert n is None or ("number", "2147483648") not in n.literals


def test_binary_minus_is_not_a_sign() -> None:
    n = normalize_literals("SELECT * FROM t WHERE a - 5 > 0")
    assert n is not None and ("number", "-5") not in n.literals
    assert "a - 5 > $1" in n.text or "a - $1 > $2" in n.text


# --- normalisation must not change results ------------------------------------------------------------


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with open_session(tmp_path_factory.mktemp("lexer"), 4343) as s:
        simple(s, "CREATE TABLE t (a int PRIMARY KEY, b int, s text)")
        simple(s, "CREATE TABLE u (a int PRIMARY KEY, b int)")
        simple(s, "INSERT INTO t VALUES (1, 10, 'x'), (2, 10, 'y'), (3, 20, 'x')")
        simple(s, "INSERT INTO u VALUES (1, 5), (2, 5), (3, 6)")
        yield s


def simple(session: Any, sql: str) -> Any:
    """Run through the simple-query path (literals normalised); rows or (code,) on error."""
    rows: Any = []
    try:
        for res in session.execute_simple(sql):
            if res.wait is not None:
                res.wait.result()
            if res.rows is not None:
                rows = list(res.rows)
    except SqlError as e:
        session.on_error()
        rows = (e.code,)
    finish(session)
    return rows


def extended(session: Any, sql: str) -> Any:
    """Run through Parse/Bind/Execute (no normalisation); rows or (code,) on error."""
    try:
        session.parse("", sql, [])
        session.bind("", "", [], [], [])
        res = session.execute("", 0)
        rows: Any = list(res.rows) if res.rows is not None else []
    except SqlError as e:
        session.on_error()
        rows = (e.code,)
    fut = session.sync()
    if fut is not None:
        fut.result()
    return rows


SAME_RESULT = [
    "SELECT a FROM t WHERE b = 10 ORDER BY a",
    "SELECT a FROM t WHERE s = 'x' AND a > 1",
    "SELECT a, b + 1, b * 2.5 FROM t WHERE a IN (1, 3) ORDER BY 1",
    "SELECT a FROM t ORDER BY b DESC, 1 LIMIT 2 OFFSET 1",
    "SELECT b, count(*) FROM t WHERE a >= -1 GROUP BY 1 ORDER BY 1",
    "SELECT a FROM t WHERE a = 2147483648",
    "SELECT a FROM t WHERE b / 3 = 3",
    "SELECT a FROM t WHERE b / 3.0 > 3.3 ORDER BY a",
    "SELECT 2147483647 + a FROM t WHERE a = 1",
    "SELECT a FROM t WHERE s = 'x' || '' ORDER BY a",
    "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) v(x, y) WHERE x = 2",
    "SELECT a FROM t WHERE a IN (SELECT a FROM u WHERE b = 5) ORDER BY a",
]
# Statements that normalisation once got wrong; it may also leave them alone.
SAME_RESULT_TRICKY = [
    "SELECT a FROM t WHERE a IN (SELECT a FROM u GROUP BY b, 1) ORDER BY a",
    "SELECT a FROM t WHERE a IN (SELECT a FROM u ORDER BY b, 1 DESC LIMIT 1)",
    "SELECT -2147483648 - 1 FROM t WHERE a = 1",
    "SELECT a FROM t WHERE a > - /* c */ 2",
    "SELECT a FROM t WHERE a > -\t2",
]


@pytest.mark.parametrize("sql", SAME_RESULT + SAME_RESULT_TRICKY)
def test_normalised_and_literal_forms_agree(session: Any, sql: str) -> None:
    if sql in SAME_RESULT:
        assert normalize_literals(sql) is not None
    assert simple(session, sql) == extended(session, sql)


