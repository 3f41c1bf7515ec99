"""Hypothetical-set aggregates: rank, dense_rank, percent_rank and cume_dist (args) WITHIN GROUP
(ORDER BY ...). Each answers where a hypothetical row made of the direct arguments would fall
among the group's rows, sorted by the WITHIN GROUP ordering with PostgreSQL's NULL placement."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

HYPOTHETICAL_AGGREGATES = {"rank", "dense_rank", "percent_rank", "cume_dist"}

_HYPO = object()  # marks the hypothetical row among the collected ones


class HypotheticalState:
    __slots__ = ("kind", "direct", "specs", "items")

    def __init__(self, kind: str, direct: tuple[Any, ...], specs: list[tuple[bool, bool | None, int]]) -> None:
        self.kind = kind
        self.direct = direct
        self.specs = specs  # (descending, nulls_first, type OID) per ordering column
        self.items: list[tuple[Any, ...]] = []

    def step(self, keys: tuple[Any, ...]) -> None:
        self.items.append(keys)

    def _sorted(self, hypothetical_first: bool) -> list[Any]:
        from sql.executor.sort import sort_rows

        data: list[Any] = [(k, None) for k in self.items]
        h = (self.direct, _HYPO)
        if hypothetical_first:
            data.insert(0, h)
        else:
            data.append(h)
        keys = [(lambda it, j=j: it[0][j], desc, nf, t) for j, (desc, nf, t) in enumerate(self.specs)]
        sort_rows(data, keys)
        return data

    def final(self) -> Any:
        n = len(self.items)
        if self.kind == "cume_dist":
            data = self._sorted(False)
            return (next(i for i, it in enumerate(data) if it[1] is _HYPO) + 1) / (n + 1)
        data = self._sorted(True)
        pos = next(i for i, it in enumerate(data) if it[1] is _HYPO)
        if self.kind == "rank":
            return pos + 1
        if self.kind == "percent_rank":
            return pos / n if n else 0.0
        groups = 0  # dense_rank: distinct peer groups before the hypothetical row
        prev: Any = _HYPO
        for k, _m in data[:pos]:
            if prev is _HYPO or k != prev:
                groups += 1
            prev = k
        return groups + 1


def hypothetical_factory(kind: str, direct: tuple[Any, ...],
                         specs: list[tuple[bool, bool | None, int]]) -> Callable[[], HypotheticalState]:
    return lambda: HypotheticalState(kind, direct, specs)
