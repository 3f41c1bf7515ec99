"""Common table expressions: a CTE is computed once per execution and materialised
(CteScan); WITH RECURSIVE iterates its recursive term over a work table until it yields no
new rows (RecursiveUnion + WorkTableScan), with UNION removing duplicates and UNION ALL not."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sql.executor.limit import hashable
from sql.executor.scan import check_interrupts
from sql.limits import materialize

_KEYS = itertools.count(1)


def new_key() -> int:
    """A process-unique key for per-execution caches in Ctx.cache."""
    return next(_KEYS)


@dataclass(eq=False)
class CteScan:
    """Reads a materialised CTE; the rows are computed by the first scan of an execution."""

    plan: Any
    key: int = field(default_factory=lambda: next(_KEYS))

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        buf = ctx.cache.get(self.key)
        if buf is None:
            buf = ctx.cache[self.key] = _Buffer(iter(self.plan.rows(ctx)))
        return buf.reader()


class _Buffer:
    """Rows of a CTE computed on demand and kept for every reader, so `WITH RECURSIVE ... LIMIT n`
    stops the recursion once enough rows were read (PostgreSQL evaluates CTEs lazily too)."""

    __slots__ = ("source", "rows", "done")

    def __init__(self, source: Iterator[tuple[Any, ...]]) -> None:
        self.source = source
        self.rows: list[tuple[Any, ...]] = []
        self.done = False

    def reader(self) -> Iterator[tuple[Any, ...]]:
        i = 0
        while True:
            if i < len(self.rows):
                yield self.rows[i]
                i += 1
                continue
            if self.done:
                return
            nxt = next(self.source, _END)
            if nxt is _END:
                self.done = True
                return
            self.rows.append(nxt)

    def drain(self) -> list[tuple[Any, ...]]:
        for _ in self.reader():
            pass
        return self.rows


_END = object()


@dataclass(eq=False)
class WorkTableScan:
    key: int

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        return iter(ctx.cache.get(self.key, ()))


@dataclass(eq=False)
class RecursiveUnion:
    initial: Any
    recursive: Any
    work_key: int
    distinct: bool
    conv: tuple[Any, ...] = ()

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        seen: set[Any] = set()
        working: list[tuple[Any, ...]] = []
        for r in self.initial.rows(ctx):
            if self.distinct:
                k = hashable(r)
                if k in seen:
                    continue
                seen.add(k)
            working.append(r)
            yield r
        rounds = 0
        while working:
            rounds += 1
            if rounds % 64 == 0:
                check_interrupts(ctx)
            ctx.cache[self.work_key] = working
            new: list[tuple[Any, ...]] = []
            for r in self.recursive.rows(ctx):
                if self.conv:
                    r = tuple(v if f is None or v is None else f(v) for v, f in zip(r, self.conv))
                if self.distinct:
                    k = hashable(r)
                    if k in seen:
                        continue
                    seen.add(k)
                new.append(r)
                yield r
            working = new
        ctx.cache.pop(self.work_key, None)


_DEFER = next(_KEYS)  # Ctx.cache slot of the DeferredWrites of a statement with data-modifying CTEs


class DeferredWrites:
    """A transaction stand-in for data-modifying CTEs: reads go to the transaction, writes are
    queued and applied once the main statement is done, so every part of the statement works on
    the same snapshot (the main query does not see the CTEs' changes), as in PostgreSQL."""

    def __init__(self, txn: Any) -> None:
        self._txn = txn
        self._ops: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._txn, name)

    def insert(self, table: Any, row: tuple[Any, ...]) -> bytes:
        self._ops.append(("insert", (table, row), {}))
        return b""

    def update(self, table: Any, row_key: bytes, old_row: Any, new_row: Any, **kw: Any) -> bytes:
        self._ops.append(("update", (table, row_key, old_row, new_row), kw))
        return row_key

    def delete(self, table: Any, row_key: bytes, old_row: Any, **kw: Any) -> None:
        self._ops.append(("delete", (table, row_key, old_row), kw))

    def apply(self) -> None:
        ops, self._ops = self._ops, []
        for name, args, kw in ops:
            getattr(self._txn, name)(*args, **kw)


def _deferring_ctx(ctx: Any, txn: Any) -> Any:
    new = object.__new__(type(ctx))
    for slot in type(ctx).__slots__:
        setattr(new, slot, getattr(ctx, slot))
    new.txn = txn
    return new


@dataclass(eq=False)
class DmlRows:
    """An INSERT/UPDATE/DELETE in WITH: runs the statement, yields its RETURNING rows."""

    node: Any

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        defer = ctx.cache.get(_DEFER)
        _count, returned = self.node.run(_deferring_ctx(ctx, defer) if defer is not None else ctx)
        return iter(returned)


@dataclass(eq=False)
class RunFirst:
    """Runs data-modifying CTEs to completion before the main query produces rows; their writes
    are applied after the main statement (which sees the rows as they were before)."""

    scans: tuple[Any, ...]
    child: Any

    def _start(self, ctx: Any) -> DeferredWrites | None:
        if _DEFER in ctx.cache:  # an enclosing statement already defers
            defer = None
        else:
            defer = ctx.cache[_DEFER] = DeferredWrites(ctx.txn)
        for scan in self.scans:
            for _ in scan.rows(ctx):
                pass
        return defer

    def _finish(self, ctx: Any, defer: DeferredWrites | None) -> None:
        if defer is not None:
            del ctx.cache[_DEFER]
            defer.apply()

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        defer = self._start(ctx)
        try:
            out = materialize(self.child.rows(ctx), ctx) if defer is not None else None
        except BaseException:
            ctx.cache.pop(_DEFER, None)
            raise
        if out is None:
            return self.child.rows(ctx)
        self._finish(ctx, defer)
        return iter(out)

    def run(self, ctx: Any) -> Any:  # a DML main statement
        defer = self._start(ctx)
        try:
            result = self.child.run(ctx)
        except BaseException:
            ctx.cache.pop(_DEFER, None)
            raise
        self._finish(ctx, defer)
        return result


@dataclass(eq=False)
class KeepColumns:
    """Passes on only some columns of each row (drops a recursive CTE's hidden bookkeeping column)."""

    child: Any
    keep: tuple[int, ...]

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        keep = self.keep
        for r in self.child.rows(ctx):
            yield tuple(r[i] for i in keep)
