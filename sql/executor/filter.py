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


@dataclass(frozen=True)
class StableKeyLookup:
    """``column = <expression of the outer query or parameters>`` over a cached catalog list: the list
    is hashed on the column once (kept while the list stays the same object) and each run returns the
    rows whose column equals the probe's value. A correlated subquery over a catalog then costs a dict
    lookup per outer row instead of a scan of the catalog."""

    child: Any
    position: int
    probe: CExpr

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        key = self.probe.fn((), ctx)
        source = self.child.stable_rows(ctx)
        if source is None:
            pos = self.position
            return iter(()) if key is None else (row for row in self.child.rows(ctx) if row[pos] == key)
        if key is None:
            return iter(())
        memo = self.__dict__.get("_memo")
        if memo is None or memo[0] is not source:
            index: dict[Any, list[tuple[Any, ...]]] = {}
            pos = self.position
            for row in source:
                value = row[pos]
                if value is not None:
                    index.setdefault(value, []).append(row)
            memo = (source, index)
            object.__setattr__(self, "_memo", memo)
        return iter(memo[1].get(key, ()))
