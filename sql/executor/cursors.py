"""Server-side cursors: DECLARE ... CURSOR [WITH HOLD] FOR query, FETCH / MOVE in every direction
and CLOSE.

A cursor reads its query's rows lazily and keeps those read so far, so it can move backwards and
jump to absolute positions (reading ahead only as far as needed). A cursor without HOLD ends
with its transaction; a WITH HOLD cursor reads the rest of its rows when the transaction commits
and lives on until closed (or the session ends); a rollback drops the ones it declared."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sql import sqlstate
from sql.cursor_parser import CloseCursorStmt, DeclareStmt, FetchStmt
from sql.errors import SqlError
from sql.result import ColumnInfo, Result


@dataclass
class Cursor:
    name: str
    columns: list[ColumnInfo]
    source: Iterator[tuple[Any, ...]] | None
    hold: bool
    scroll: bool | None
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    pos: int = 0  # 0: before the first row; k: on row k (1-based); len(rows) + 1 past the end once known
    committed: bool = False  # a WITH HOLD cursor that survived its transaction's commit
    binary: bool = False  # DECLARE ... BINARY: rows go out in binary unless the client asks otherwise

    def _fill(self, upto: int | None) -> None:
        """Read rows from the query until there are `upto` of them (None: all)."""
        src = self.source
        if src is None:
            return
        rows = self.rows
        while upto is None or len(rows) < upto:
            nxt = next(src, None)
            if nxt is None:
                self.source = None
                return
            rows.append(nxt)

    def _total(self) -> int:
        self._fill(None)
        return len(self.rows)

    def _row(self, k: int) -> tuple[Any, ...] | None:
        if k < 1:
            return None
        self._fill(k)
        return self.rows[k - 1] if k <= len(self.rows) else None

    def move(self, stmt: FetchStmt) -> list[tuple[Any, ...]]:
        """Rows a FETCH returns (for MOVE, the rows moved over), leaving the position where PG does."""
        kind, count = stmt.kind, stmt.count
        if kind == "absolute":
            assert count is not None
            target = count if count >= 0 else self._total() + 1 + count
            return self._jump(target)
        if kind == "relative":
            assert count is not None
            if count == 0:
                row = self._row(self.pos)
                return [row] if row is not None else []
            return self._jump(self.pos + count)
        if count is not None and count < 0:
            kind, count = ("backward" if kind == "forward" else "forward"), -count
        if kind == "backward":
            self._check_backward()
            p = self.pos  # rows before p have all been read
            n = p - 1 if count is None else count
            got = min(n, max(p - 1, 0))
            out = [self.rows[k - 1] for k in range(p - 1, p - 1 - got, -1)]
            self.pos = 0 if count is None else max(p - n, 0)
            return out
        if count == 0:
            row = self._row(self.pos)
            return [row] if row is not None else []
        out = []
        k = self.pos
        while count is None or len(out) < count:
            row = self._row(k + 1)
            if row is None:
                k = len(self.rows) + 1
                break
            out.append(row)
            k += 1
        self.pos = k
        return out

    def _jump(self, target: int) -> list[tuple[Any, ...]]:
        if target < self.pos:
            self._check_backward()
        if target <= 0:
            self.pos = 0
            return []
        row = self._row(target)
        if row is None:
            self.pos = len(self.rows) + 1
            return []
        self.pos = target
        return [row]

    def _check_backward(self) -> None:
        if self.scroll is False:
            raise SqlError(sqlstate.OBJECT_NOT_IN_PREREQUISITE_STATE, "cursor can only scan forward",
                           hint="Declare it with SCROLL option to enable backward scan.")


def _cursors(session: Any) -> dict[str, Cursor]:
    c = getattr(session, "_cursors", None)
    if c is None:
        c = session._cursors = {}
    return c


def find(session: Any, name: str) -> Cursor | None:
    return _cursors(session).get(name)


def cursor_columns(session: Any, stmt: FetchStmt) -> list[ColumnInfo] | None:
    """The columns a FETCH returns (Describe), None for MOVE or an unknown cursor."""
    if stmt.move:
        return None
    c = _cursors(session).get(stmt.name)
    return c.columns if c is not None else None


def declare(session: Any, stmt: DeclareStmt, inner: Any, params: list[Any], in_block: bool) -> Result:
    if not stmt.hold and not in_block:
        raise SqlError(sqlstate.NO_ACTIVE_SQL_TRANSACTION, "DECLARE CURSOR can only be used in transaction blocks")
    if inner.kind != "query" or inner.columns is None:  # PostgreSQL's grammar only takes a SELECT here
        word = stmt.query.split(None, 1)[0] if stmt.query.strip() else ""
        raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{word}"')
    cursors = _cursors(session)
    if stmt.name in cursors:
        raise SqlError(sqlstate.DUPLICATE_CURSOR, f'cursor "{stmt.name}" already exists')
    res = session.run_internal(inner, params)
    cursors[stmt.name] = Cursor(stmt.name, list(inner.columns), res.rows, stmt.hold, stmt.scroll,
                                binary=stmt.binary)
    return Result("DECLARE CURSOR")


def fetch(session: Any, stmt: FetchStmt) -> Result:
    c = _cursors(session).get(stmt.name)
    if c is None:
        from sql.executor.portal_cursor import fetch_from_portal

        res = fetch_from_portal(session, stmt)
        if res is not None:
            return res
        raise SqlError(sqlstate.INVALID_CURSOR_NAME, f'cursor "{stmt.name}" does not exist')
    rows = c.move(stmt)
    if stmt.move:
        return Result("MOVE", rowcount=len(rows))
    return Result("FETCH", c.columns, iter(rows), rowcount=len(rows),
                  formats=(1,) * len(c.columns) if c.binary else ())


def close(session: Any, stmt: CloseCursorStmt) -> Result:
    cursors = _cursors(session)
    if stmt.name is None:
        cursors.clear()
        return Result("CLOSE CURSOR ALL")
    if cursors.pop(stmt.name, None) is None:
        raise SqlError(sqlstate.INVALID_CURSOR_NAME, f'cursor "{stmt.name}" does not exist')
    return Result("CLOSE CURSOR")


def before_commit(session: Any) -> None:
    """WITH HOLD cursors read the rest of their rows while the transaction still exists."""
    for c in _cursors(session).values():
        if c.hold:
            c._fill(None)


def at_end(session: Any, committed: bool) -> None:
    cursors = _cursors(session)
    for name in list(cursors):
        c = cursors[name]
        if not c.hold or not (committed or c.committed):
            del cursors[name]
        else:
            c._fill(None)
            c.committed = True


def close_all(session: Any) -> None:
    _cursors(session).clear()
