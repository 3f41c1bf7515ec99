"""Limit/offset and DISTINCT."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from sql.expr import CExpr


@dataclass(frozen=True)
class Limit:
    child: Any
    count: CExpr | None
    offset: CExpr | None
    ties: tuple[int, ...] | None = None  # FETCH ... WITH TIES: ORDER BY key positions

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        count = self.count.fn((), ctx) if self.count is not None else None
        offset = self.offset.fn((), ctx) if self.offset is not None else 0
        if count is not None and count < 0:
            raise SqlError(sqlstate.INVALID_ROW_COUNT_IN_LIMIT_CLAUSE, "LIMIT must not be negative")
        if offset is None:
            offset = 0
        if offset < 0:
            raise SqlError(sqlstate.INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE, "OFFSET must not be negative")
        if count == 0:
            return
        i = 0
        taken = 0
        last_key: Any = None
        ties = self.ties
        for row in self.child.rows(ctx):
            if i < offset:
                i += 1
                continue
            if count is not None and taken >= count:
                if ties is None or hashable(tuple(row[p] for p in ties)) != last_key:
                    return
            yield row
            taken += 1
            if ties is not None:
                last_key = hashable(tuple(row[p] for p in ties))
            elif count is not None and taken >= count:
                return


def hashable(row: tuple[Any, ...]) -> Any:
    try:
        hash(row)
        return row
    except TypeError:
        return repr(row)


@dataclass(frozen=True)
class Distinct:
    child: Any
    width: int | None = None  # compare only the first `width` columns (hidden sort keys excluded)

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        seen: set[Any] = set()
        w = self.width
        for row in self.child.rows(ctx):
            key = hashable(row if w is None else row[:w])
            if key in seen:
                continue
            seen.add(key)
            yield row


@dataclass(frozen=True)
class DistinctOn:
    """Keeps the first row of each group of equal DISTINCT ON keys (input sorted by them)."""

    child: Any
    key_positions: tuple[int, ...]

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        last: Any = _NONE
        pos = self.key_positions
        for row in self.child.rows(ctx):
            key = hashable(tuple(row[p] for p in pos))
            if key == last:
                continue
            last = key
            yield row


_NONE = object()
