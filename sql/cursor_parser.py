"""Parser of the cursor statements: DECLARE ... CURSOR ... FOR query, FETCH and MOVE with every
direction PostgreSQL accepts, and CLOSE name | ALL."""

from __future__ import annotations

from dataclasses import dataclass

from sql import sqlstate
from sql.errors import SqlError
from sql.lexer import WordCursor, tokenize


@dataclass(frozen=True)
class DeclareStmt:
    name: str
    query: str
    hold: bool = False
    scroll: bool | None = None  # None: not said; False: NO SCROLL
    binary: bool = False


@dataclass(frozen=True)
class FetchStmt:
    name: str
    kind: str  # forward, backward, absolute, relative
    count: int | None  # None: ALL
    move: bool = False


@dataclass(frozen=True)
class CloseCursorStmt:
    name: str | None  # None: CLOSE ALL


class _Cursor(WordCursor):
    def signed_count(self) -> int | None:
        """An optionally signed integer, or None when none is next."""
        t = self.peek()
        sign = 1
        k = 0
        if t is not None and t.kind == "op" and t.value in ("-", "+"):
            sign = -1 if t.value == "-" else 1
            k = 1
        n = self.peek(k)
        if n is None or n.kind != "number" or not n.value.isdigit():
            return None
        self.i += k + 1
        return sign * int(n.value)


def parse_cursor_statement(text: str, first: list[str]) -> DeclareStmt | FetchStmt | CloseCursorStmt | None:
    w0 = first[0] if first else ""
    if w0 not in ("DECLARE", "FETCH", "MOVE", "CLOSE"):
        return None
    cur = _Cursor(text, tokenize(text))
    cur.next()
    if w0 == "DECLARE":
        return _declare(cur, text)
    if w0 == "CLOSE":
        if cur.accept("ALL"):
            name = None
        else:
            name = cur.name()
        if not cur.at_end():
            raise cur.error()
        return CloseCursorStmt(name)
    return _fetch(cur, w0 == "MOVE")


def _declare(cur: _Cursor, text: str) -> DeclareStmt:
    name = cur.name()
    binary = False
    scroll: bool | None = None
    while True:
        if cur.accept("BINARY"):
            binary = True
        elif cur.accept("INSENSITIVE") or cur.accept("ASENSITIVE"):
            pass
        elif cur.accept("NO", "SCROLL"):
            scroll = False
        elif cur.accept("SCROLL"):
            scroll = True
        else:
            break
    if not cur.accept("CURSOR"):
        raise cur.error()
    hold = False
    if cur.accept("WITH", "HOLD"):
        hold = True
    elif cur.accept("WITHOUT", "HOLD"):
        hold = False
    if not cur.accept("FOR"):
        raise cur.error()
    t = cur.peek()
    if t is None:
        raise cur.error()
    query = text[t.pos:].strip().rstrip(";")
    return DeclareStmt(name, query, hold, scroll, binary)


def _fetch(cur: _Cursor, move: bool) -> FetchStmt:
    kind, count = "forward", 1
    w = cur.peek_upper()
    if cur.accept("NEXT"):
        pass
    elif cur.accept("PRIOR"):
        kind = "backward"
    elif cur.accept("FIRST"):
        kind, count = "absolute", 1
    elif cur.accept("LAST"):
        kind, count = "absolute", -1
    elif w in ("ABSOLUTE", "RELATIVE"):
        cur.next()
        n = cur.signed_count()
        if n is None:
            raise cur.error()
        kind, count = w.lower(), n
    elif cur.accept("ALL"):
        kind, count = "forward", None  # type: ignore[assignment]
    elif w in ("FORWARD", "BACKWARD"):
        cur.next()
        kind = w.lower()
        if cur.accept("ALL"):
            count = None  # type: ignore[assignment]
        else:
            n = cur.signed_count()
            count = 1 if n is None else n
    else:
        n = cur.signed_count()
        if n is not None:
            count = n
    cur.accept("FROM") or cur.accept("IN")
    t = cur.peek()
    if t is None:
        raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error at end of input", position=len(cur.text) + 1)
    name = cur.name()
    if not cur.at_end():
        raise cur.error()
    return FetchStmt(name, kind, count, move)
