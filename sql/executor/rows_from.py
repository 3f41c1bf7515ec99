"""ROWS FROM (f(...), g(...)): several set-returning functions side by side, one row per step of
the longest, shorter ones padded with NULLs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RowsFromScan:
    scans: tuple[Any, ...]  # FunctionScans without ordinality
    widths: tuple[int, ...]
    ordinality: bool = False

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        iters = [iter(s.rows(ctx)) for s in self.scans]
        n = 0
        while True:
            out: list[Any] = []
            alive = False
            for i, it in enumerate(iters):
                r = next(it, None) if it is not None else None
                if r is None:
                    iters[i] = None  # type: ignore[call-overload]
                    out.extend([None] * self.widths[i])
                else:
                    alive = True
                    out.extend(r)
            if not alive:
                return
            n += 1
            yield tuple(out) + ((n,) if self.ordinality else ())
