"""Set algebra and predicates on canonical multiranges (PostgreSQL 15's multirangetypes.c
semantics): containment, overlap, position, union, intersection and difference."""

from __future__ import annotations

from typing import Any

from sql.datatypes import ranges as R
from sql.datatypes.multiranges import EMPTY_MULTIRANGE, Multirange, make_multirange


def as_multirange(x: R.Range) -> Multirange:
    return EMPTY_MULTIRANGE if x.empty else Multirange((x,))


def span(range_oid: int, m: Multirange) -> R.Range:
    """``range_merge(multirange)``: the smallest range holding every range of ``m``."""
    if not m.ranges:
        return R.EMPTY
    first, last = m.ranges[0], m.ranges[-1]
    return R.make_range(range_oid, first.lower, last.upper, first.lower_inc, last.upper_inc)


def contains_elem(m: Multirange, v: Any) -> bool:
    return any(R.contains_elem(x, v) for x in m.ranges)


def contains_range(m: Multirange, r: R.Range) -> bool:
    return r.empty or any(R.contains(x, r) for x in m.ranges)


def contains(a: Multirange, b: Multirange) -> bool:
    return all(contains_range(a, r) for r in b.ranges)


def range_contains(r: R.Range, m: Multirange) -> bool:
    return not m.ranges or R.contains(r, span_any(m))


def span_any(m: Multirange) -> R.Range:
    """The span of a non-empty multirange without canonicalization (bounds are already canonical)."""
    first, last = m.ranges[0], m.ranges[-1]
    return R.Range(first.lower, last.upper, first.lower_inc, last.upper_inc)


def overlaps_range(m: Multirange, r: R.Range) -> bool:
    return any(R.overlaps(x, r) for x in m.ranges)


def overlaps(a: Multirange, b: Multirange) -> bool:
    return any(overlaps_range(a, r) for r in b.ranges)


def _both(a: Multirange, b: Multirange) -> tuple[R.Range, R.Range] | None:
    if not a.ranges or not b.ranges:
        return None
    return span_any(a), span_any(b)


def before(a: Multirange, b: Multirange) -> bool:
    s = _both(a, b)
    return s is not None and R.before(*s)


def after(a: Multirange, b: Multirange) -> bool:
    s = _both(a, b)
    return s is not None and R.after(*s)


def not_extend_right(a: Multirange, b: Multirange) -> bool:
    s = _both(a, b)
    return s is not None and R.not_extend_right(*s)


def not_extend_left(a: Multirange, b: Multirange) -> bool:
    s = _both(a, b)
    return s is not None and R.not_extend_left(*s)


def adjacent(a: Multirange, b: Multirange) -> bool:
    if not a.ranges or not b.ranges:
        return False
    return R.adjacent(a.ranges[-1], b.ranges[0]) or R.adjacent(b.ranges[-1], a.ranges[0])


def union(range_oid: int, a: Multirange, b: Multirange) -> Multirange:
    return make_multirange(range_oid, a.ranges + b.ranges)


def intersect(range_oid: int, a: Multirange, b: Multirange) -> Multirange:
    return make_multirange(range_oid, [R.intersect(range_oid, x, y) for x in a.ranges for y in b.ranges
                                       if R.overlaps(x, y)])


def _subtract(range_oid: int, x: R.Range, y: R.Range) -> list[R.Range]:
    """``x - y`` as up to two pieces."""
    if not R.overlaps(x, y):
        return [x]
    out = []
    if R.cmp_bounds(R.lower_bound(x), R.lower_bound(y)) < 0:
        out.append(R.make_range(range_oid, x.lower, y.lower, x.lower_inc, not y.lower_inc))
    if R.cmp_bounds(R.upper_bound(x), R.upper_bound(y)) > 0:
        out.append(R.make_range(range_oid, y.upper, x.upper, not y.upper_inc, x.upper_inc))
    return out


def minus(range_oid: int, a: Multirange, b: Multirange) -> Multirange:
    pieces = list(a.ranges)
    for y in b.ranges:
        pieces = [p for x in pieces for p in _subtract(range_oid, x, y)]
    return make_multirange(range_oid, pieces)
