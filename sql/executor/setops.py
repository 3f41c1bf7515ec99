"""UNION / INTERSECT / EXCEPT, with and without ALL."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sql.executor.limit import hashable


def _convert(row: tuple[Any, ...], conv: tuple[Callable[[Any], Any] | None, ...]) -> tuple[Any, ...]:
    if not any(conv):
        return row
    return tuple(v if f is None or v is None else f(v) for v, f in zip(row, conv))


@dataclass(frozen=True)
class SetOp:
    op: str  # UNION, INTERSECT, EXCEPT
    distinct: bool
    left: Any
    right: Any
    left_conv: tuple[Callable[[Any], Any] | None, ...]
    right_conv: tuple[Callable[[Any], Any] | None, ...]

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        lc, rc = self.left_conv, self.right_conv
        if self.op == "UNION":
            if not self.distinct:
                for r in self.left.rows(ctx):
                    yield _convert(r, lc)
                for r in self.right.rows(ctx):
                    yield _convert(r, rc)
                return
            seen: set[Any] = set()
            for src, conv in ((self.left, lc), (self.right, rc)):
                for r in src.rows(ctx):
                    r = _convert(r, conv)
                    k = hashable(r)
                    if k not in seen:
                        seen.add(k)
                        yield r
            return
        right = Counter(hashable(_convert(r, rc)) for r in self.right.rows(ctx))
        emitted: set[Any] = set()
        for r in self.left.rows(ctx):
            r = _convert(r, lc)
            k = hashable(r)
            if self.op == "INTERSECT":
                if right[k] > 0:
                    if self.distinct:
                        if k in emitted:
                            continue
                        emitted.add(k)
                    else:
                        right[k] -= 1
                    yield r
            else:  # EXCEPT
                if right[k] > 0:
                    if not self.distinct:
                        right[k] -= 1
                    continue
                if self.distinct:
                    if k in emitted:
                        continue
                    emitted.add(k)
                yield r
