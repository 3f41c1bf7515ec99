"""Joins: nested loop (any condition) and hash join (equi-joins), inner/left/right/full/cross."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sql.executor.limit import hashable
from sql.executor.scan import CHECK_EVERY, check_interrupts
from sql.expr import CExpr
from sql.limits import materialize


def _join(
    left_rows: Iterator[tuple[Any, ...]],
    right_rows: list[tuple[Any, ...]],
    candidates: Callable[[tuple[Any, ...]], Sequence[int]],
    cond: Callable[[tuple[Any, ...], Any], Any] | None,
    kind: str,
    left_width: int,
    right_width: int,
    ctx: Any,
) -> Iterator[tuple[Any, ...]]:
    """Pair each left row with its ``candidates`` right rows that pass ``cond``; pad the outer sides."""
    matched_right = [False] * len(right_rows) if kind in ("right", "full") else None
    pad_left = kind in ("left", "full")
    null_right = (None,) * right_width
    work = 0  # pairs looked at since the last check for cancel / statement_timeout
    for lrow in left_rows:
        matched = False
        pairs = candidates(lrow)
        work += len(pairs) + 1
        if work >= CHECK_EVERY:
            work = 0
            check_interrupts(ctx)
        for j in pairs:
            row = lrow + right_rows[j]
            if cond is None or cond(row, ctx) is True:
                matched = True
                if matched_right is not None:
                    matched_right[j] = True
                yield row
        if not matched and pad_left:
            yield lrow + null_right
    if matched_right is not None:
        null_left = (None,) * left_width
        for j, rrow in enumerate(right_rows):
            if not matched_right[j]:
                yield null_left + rrow


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
        right_rows = materialize(self.right.rows(ctx), ctx)
        every = range(len(right_rows))
        yield from _join(self.left.rows(ctx), right_rows, lambda _lrow: every, cond,
                     self.kind, self.left_width, self.right_width, ctx)


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
        stable = getattr(self.left, "stable_rows", None)
        if stable is not None and self.kind == "inner" and all(k.position is not None for k in self.left_keys):
            left_rows = stable(ctx)
            if left_rows is not None:
                yield from self._probe_stable_left(left_rows, ctx)
                return
        rk = [k.fn for k in self.right_keys]
        lk = [k.fn for k in self.left_keys]
        residual = self.residual.fn if self.residual is not None else None
        table: dict[Any, list[int]] = {}
        right_rows = materialize(self.right.rows(ctx), ctx)
        for j, rrow in enumerate(right_rows):
            key = tuple(f(rrow, ctx) for f in rk)
            if any(v is None for v in key):
                continue
            table.setdefault(hashable(key), []).append(j)

        def candidates(lrow: tuple[Any, ...]) -> Sequence[int]:
            key = tuple(f(lrow, ctx) for f in lk)
            return () if any(v is None for v in key) else table.get(hashable(key), ())

        yield from _join(self.left.rows(ctx), right_rows, candidates, residual,
                     self.kind, self.left_width, self.right_width, ctx)


    def _probe_stable_left(self, left_rows: list[tuple[Any, ...]], ctx: Any) -> Iterator[tuple[Any, ...]]:
        """Inner join whose left input is a cached catalog list: its hash table is kept between runs
        (a correlated subquery runs this join once per outer row), the right rows probe it, and the
        output keeps the left-major order of the plain hash join."""
        memo = self.__dict__.get("_left_table")
        if memo is None or memo[0] is not left_rows:
            lk = [k.fn for k in self.left_keys]
            table: dict[Any, list[int]] = {}
            for i, lrow in enumerate(left_rows):
                key = tuple(f(lrow, ctx) for f in lk)
                if not any(v is None for v in key):
                    table.setdefault(hashable(key), []).append(i)
            memo = (left_rows, table)
            object.__setattr__(self, "_left_table", memo)
        table = memo[1]
        rk = [k.fn for k in self.right_keys]
        residual = self.residual.fn if self.residual is not None else None
        right_rows = materialize(self.right.rows(ctx), ctx)
        pairs: list[tuple[int, int]] = []
        for j, rrow in enumerate(right_rows):
            key = tuple(f(rrow, ctx) for f in rk)
            if not any(v is None for v in key):
                pairs.extend((i, j) for i in table.get(hashable(key), ()))
        pairs.sort()
        for i, j in pairs:
            row = left_rows[i] + right_rows[j]
            if residual is None or residual(row, ctx) is True:
                yield row


@dataclass(frozen=True)
class SubqueryScan:
    """Rows of a planned subquery in FROM."""

    plan: Any

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        return self.plan.rows(ctx)


_SHARED_ROWS_CAP = 100_000


@dataclass(frozen=True)
class SharedSubqueryScan:
    """An uncorrelated, non-volatile subquery in FROM whose rows are kept for the rest of the
    statement's execution under its text (``key``): the same derived table met again (in each
    iteration of a recursive CTE's term, or written twice) is not computed again. The rows stream
    on the first run and are kept only if the scan ran to the end and stayed under a cap."""

    plan: Any
    key: tuple[str, str]

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        hit = ctx.cache.get(self.key)
        if hit is not None:
            return iter(hit)
        return self._first_run(ctx)

    def _first_run(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        kept: list[tuple[Any, ...]] | None = []
        for row in self.plan.rows(ctx):
            if kept is not None:
                kept.append(row)
                if len(kept) > _SHARED_ROWS_CAP:
                    kept = None
            yield row
        if kept is not None:
            ctx.cache[self.key] = kept
