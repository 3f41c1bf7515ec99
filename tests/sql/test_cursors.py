"""Unit tests of the cursor statements' parser and of a cursor's positioning (FETCH/MOVE)."""

from __future__ import annotations

import pytest

from sql.cursor_parser import CloseCursorStmt, DeclareStmt, FetchStmt, parse_cursor_statement
from sql.errors import SqlError
from sql.executor.cursors import Cursor
from sql.lexer import first_words


def parse(text: str) -> object:
    return parse_cursor_statement(text, first_words(text, 3))


def test_parse_declare() -> None:
    assert parse("DECLARE c BINARY NO SCROLL CURSOR WITH HOLD FOR SELECT 1;") == \
        DeclareStmt("c", "SELECT 1", hold=True, scroll=False, binary=True)
    assert parse('DECLARE "C" CURSOR FOR SELECT $1') == DeclareStmt("C", "SELECT $1")
    with pytest.raises(SqlError):
        parse("DECLARE c CURSOR SELECT 1")


@pytest.mark.parametrize("text, expected", [
    ("FETCH c", FetchStmt("c", "forward", 1)),
    ("FETCH 5 FROM c", FetchStmt("c", "forward", 5)),
    ("FETCH ALL IN c", FetchStmt("c", "forward", None)),
    ("FETCH BACKWARD ALL FROM c", FetchStmt("c", "backward", None)),
    ("FETCH FORWARD -2 FROM c", FetchStmt("c", "forward", -2)),
    ("FETCH PRIOR c", FetchStmt("c", "backward", 1)),
    ("FETCH LAST FROM c", FetchStmt("c", "absolute", -1)),
    ("FETCH ABSOLUTE -3 FROM c", FetchStmt("c", "absolute", -3)),
    ("MOVE RELATIVE 2 IN c", FetchStmt("c", "relative", 2, move=True)),
    ("CLOSE ALL", CloseCursorStmt(None)),
    ("CLOSE c", CloseCursorStmt("c")),
])
def test_parse_fetch_and_close(text: str, expected: object) -> None:
    assert parse(text) == expected


def cursor(n: int = 10, scroll: bool | None = None) -> Cursor:
    return Cursor("c", [], iter([(i,) for i in range(1, n + 1)]), hold=False, scroll=scroll)


def vals(rows: list[tuple[int, ...]]) -> list[int]:
    return [r[0] for r in rows]


def test_forward_reads_lazily_and_stops_at_the_end() -> None:
    c = cursor()
    assert vals(c.move(FetchStmt("c", "forward", 3))) == [1, 2, 3]
    assert len(c.rows) == 3  # nothing read ahead
    assert vals(c.move(FetchStmt("c", "forward", None))) == [4, 5, 6, 7, 8, 9, 10]
    assert c.move(FetchStmt("c", "forward", 1)) == [] and c.pos == 11


def test_backward_absolute_relative() -> None:
    c = cursor()
    c.move(FetchStmt("c", "forward", 3))
    assert vals(c.move(FetchStmt("c", "backward", 1))) == [2]
    assert vals(c.move(FetchStmt("c", "absolute", -1))) == [10]
    assert vals(c.move(FetchStmt("c", "backward", None))) == [9, 8, 7, 6, 5, 4, 3, 2, 1] and c.pos == 0
    assert vals(c.move(FetchStmt("c", "relative", 3))) == [3]
    assert c.move(FetchStmt("c", "absolute", 0)) == [] and c.pos == 0
    assert c.move(FetchStmt("c", "absolute", 42)) == [] and c.pos == 11


def test_no_scroll_refuses_backward() -> None:
    c = cursor(scroll=False)
    c.move(FetchStmt("c", "forward", 2))
    with pytest.raises(SqlError) as e:
        c.move(FetchStmt("c", "backward", 1))
    assert e.value.code == "55000"
