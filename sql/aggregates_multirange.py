"""range_agg and range_intersect_agg over ranges and multiranges (PostgreSQL 14+): the union,
resp. the intersection, of the non-NULL inputs as a multirange (NULL when there are none)."""

from __future__ import annotations

from typing import Any

from sql import multirange_ops as M
from sql.datatypes.multiranges import MULTIRANGE_OF_RANGE, MULTIRANGE_RANGES, Multirange, make_multirange
from sql.datatypes.ranges import Range, intersect

RANGE_AGGREGATES = {"range_agg", "range_intersect_agg"}


class _RangeAgg:
    __slots__ = ("range_oid", "items")

    def __init__(self, range_oid: int) -> None:
        self.range_oid = range_oid
        self.items: list[Range] | None = None

    def step(self, v: Range | Multirange | None) -> None:
        if v is None:
            return
        if self.items is None:
            self.items = []
        if isinstance(v, Multirange):
            self.items.extend(v.ranges)
        else:
            self.items.append(v)

    def final(self) -> Multirange | None:
        return None if self.items is None else make_multirange(self.range_oid, self.items)


class _IntersectAgg:
    __slots__ = ("range_oid", "acc")

    def __init__(self, range_oid: int) -> None:
        self.range_oid = range_oid
        self.acc: Multirange | None = None

    def step(self, v: Multirange | None) -> None:
        if v is not None:
            self.acc = v if self.acc is None else M.intersect(self.range_oid, self.acc, v)

    def final(self) -> Multirange | None:
        return self.acc


class _RangeIntersectAgg:
    __slots__ = ("range_oid", "acc")

    def __init__(self, range_oid: int) -> None:
        self.range_oid = range_oid
        self.acc: Range | None = None

    def step(self, v: Range | None) -> None:
        if v is not None:
            self.acc = v if self.acc is None else intersect(self.range_oid, self.acc, v)

    def final(self) -> Range | None:
        return self.acc


def range_aggregate(name: str, t: int) -> tuple[int, Any] | None:
    """(result type, state factory) of ``name(t)``, or None when ``t`` is no range or multirange type.
    range_intersect_agg of a range is a range; of a multirange, a multirange."""
    if t in MULTIRANGE_OF_RANGE:
        rng, mr = t, MULTIRANGE_OF_RANGE[t]
    elif t in MULTIRANGE_RANGES:
        rng, mr = MULTIRANGE_RANGES[t], t
    else:
        return None
    if name == "range_agg":
        return mr, lambda: _RangeAgg(rng)
    if t == mr:
        return mr, lambda: _IntersectAgg(rng)
    return rng, lambda: _RangeIntersectAgg(rng)
