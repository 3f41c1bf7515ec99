"""Joins: nested loop (any condition) and hash join (equi-joins), inner/left/right/full/cross."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sql.executor.limit import hashable
from sql.expr import CExpr


@dataclass(frozen=True)
class NestedLoopJoin:
    left: Any
    right: Any
    condition: CExpr | None
    kind: str  # inner, left, right, full, cross
    left_width: int
    right_width: int

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        cond = self.condition.fn if self.condition is not None else None
        right_rows = list(self.right.rows(ctx))
        matched_right = [False] * len(right_rows) if self.kind in ("right", "full") else None
        null_right = (None,) * self.right_width
        for lrow in self.left.rows(ctx):
            matched = False
            for j, rrow in enumerate(right_rows):
                row = lrow + rrow
                if cond is None or cond(row, ctx) is True:
                    matched = True
                    if matched_right is not None:
                        matched_right[j] = True
                    yield row
            if not matched and self.kind in ("left", "full"):
                yield lrow + null_right
        if matched_right is not None:
            null_left = (None,) * self.left_width
            for j, rrow in enumerate(right_rows):
                if not matched_right[j]:
                    yield null_left + rrow


@dataclass(frozen=True)
class HashJoin:
    """Equi-join: builds a hash table on the right input keyed by right_keys."""

    left: Any
    right: Any
    left_keys: tuple[CExpr, ...]  # over the left row
    right_keys: tuple[CExpr, ...]  # over the right row
    residual: CExpr | None  # over the combined row
    kind: str
    left_width: int
    right_width: int

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        rk = [k.fn for k in self.right_keys]
        lk = [k.fn for k in self.left_keys]
        residual = self.residual.fn if self.residual is not None else None
        table: dict[Any, list[int]] = {}
        right_rows = list(self.right.rows(ctx))
        for j, rrow in enumerate(right_rows):
            key = tuple(f(rrow, ctx) for f in rk)
            if any(v is None for v in key):
                continue
            table.setdefault(hashable(key), []).append(j)
        matched_right = [False] * len(right_rows) if self.kind in ("right", "full") else None
        null_right = (None,) * self.right_width
        for lrow in self.left.rows(ctx):
            key = tuple(f(lrow, ctx) for f in lk)
            matched = False
            if not any(v is None for v in key):
                for j in table.get(hashable(key), ()):
                    row = lrow + right_rows[j]
                    if residual is None or residual(row, ctx) is True:
                        matched = True
                        if matched_right is not None:
                            matched_right[j] = True
                        yield row
            if not matched and self.kind in ("left", "full"):
                yield lrow + null_right
        if matched_right is not None:
            null_left = (None,) * self.left_width
            for j, rrow in enumerate(right_rows):
                if not matched_right[j]:
                    yield null_left + rrow


@dataclass(frozen=True)
class SubqueryScan:
    """Rows of a planned subquery in FROM."""

    plan: Any

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        return self.plan.rows(ctx)
