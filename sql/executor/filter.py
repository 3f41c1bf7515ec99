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
