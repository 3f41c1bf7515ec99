"""Filter: pass rows whose predicate is true (not false, not NULL)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sql.expr import CExpr


@dataclass(frozen=True)
class Filter:
    child: Any
    predicate: CExpr

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        pred = self.predicate.fn
        for row in self.child.rows(ctx):
            if pred(row, ctx) is True:
                yield row


@dataclass(frozen=True)
class StableFilter:
    """Filter over a cached catalog list with a predicate that reads only the row and parameters (no
    outer references or volatile calls): the filtered list is kept while the input list and the
    parameter values stay the same."""

    child: Any
    predicate: CExpr

    def stable_rows(self, ctx: Any) -> list[tuple[Any, ...]] | None:
        source = self.child.stable_rows(ctx)
        if source is None:
            return None
        params = tuple(ctx.params or ())
        memo = self.__dict__.get("_memo")
        if memo is None or memo[0] is not source or memo[1] != params:
            pred = self.predicate.fn
            memo = (source, params, [row for row in source if pred(row, ctx) is True])
            object.__setattr__(self, "_memo", memo)
        return memo[2]

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        kept = self.stable_rows(ctx)
        if kept is not None:
            return iter(kept)
        pred = self.predicate.fn
        return (row for row in self.child.rows(ctx) if pred(row, ctx) is True)
