"""Project: compute output columns from input rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sql.expr import CExpr


@dataclass(frozen=True)
class Project:
    child: Any
    exprs: tuple[CExpr, ...]

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        exprs = self.exprs
        positions = [e.position for e in exprs]
        if all(p is not None for p in positions):
            if len(positions) == 1:
                p0 = positions[0]
                for row in self.child.rows(ctx):
                    yield (row[p0],)
                return
            for row in self.child.rows(ctx):
                yield tuple([row[p] for p in positions])  # type: ignore[index]
            return
        fns = [e.fn for e in exprs]
        if len(fns) == 1:
            f0 = fns[0]
            for row in self.child.rows(ctx):
                yield (f0(row, ctx),)
            return
        for row in self.child.rows(ctx):
            yield tuple([f(row, ctx) for f in fns])


@dataclass(frozen=True)
class Truncate:
    """Drop hidden trailing columns (sort keys) after ORDER BY."""

    child: Any
    width: int

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        w = self.width
        for row in self.child.rows(ctx):
            yield row[:w]
