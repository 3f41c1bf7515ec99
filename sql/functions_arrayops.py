"""Array operators and subscripting as plain Python functions.

``ARRAY_OPERATORS[(op, left, right)] = (fn, result, strict)`` where ``left``/``right`` are
``T.ANYARRAY`` (any array type) or ``T.ANYELEMENT`` (the array's element type) and ``result``
is ``T.BOOL`` or ``T.ANYARRAY`` (the type of the array operand). The ``||`` forms are not
strict in PostgreSQL (``ARRAY[1] || NULL::int`` is ``{1,NULL}``, ``NULL::int[] || ARRAY[1]``
is ``{1}``), so their functions accept None; the others expect non-NULL operands.

Subscripts (1-based, every lower bound is 1): :func:`array_subscript` (``a[i][j]``: an element,
NULL when out of range, a NULL subscript or fewer subscripts than dimensions) and
:func:`array_slice` (``a[lo:hi][i]``: each bound pair uses :data:`OMITTED` for a bound left out
(``a[2:]``) and None for an SQL NULL bound (the result is then NULL); a plain integer ``i``
among slices means ``1:i`` as in PostgreSQL; empty results are ``[]``).
"""

from __future__ import annotations

from typing import Any

from sql import typesys as T
from sql.functions_array import array_append, array_cat, array_prepend, dims, flatten


def array_contains(a: list[Any], b: list[Any]) -> bool:
    """a @> b: every non-NULL element of b equals some element of a (a NULL in b never matches)."""
    left = [x for x in flatten(a) if x is not None]
    for y in flatten(b):
        if y is None or not any(x == y for x in left):
            return False
    return True


def array_contained(a: list[Any], b: list[Any]) -> bool:
    """a <@ b"""
    return array_contains(b, a)


def array_overlap(a: list[Any], b: list[Any]) -> bool:
    """a && b: some non-NULL element in common."""
    right = [y for y in flatten(b) if y is not None]
    return any(x is not None and any(x == y for y in right) for x in flatten(a))


def array_concat_op(a: list[Any] | None, b: list[Any] | None) -> list[Any] | None:
    """anyarray || anyarray"""
    return array_cat(a, b)


def array_append_op(a: list[Any] | None, elem: Any) -> list[Any]:
    """anyarray || anyelement"""
    return array_append(a, elem)


def array_prepend_op(elem: Any, a: list[Any] | None) -> list[Any]:
    """anyelement || anyarray"""
    return array_prepend(elem, a)


def array_subscript(arr: list[Any], *indexes: int | None) -> Any:
    """arr[i][j]...: the element, or None (out of range, NULL subscript, or not enough subscripts)."""
    d = dims(arr)
    if len(indexes) != len(d) or any(i is None for i in indexes):
        return None
    v: Any = arr
    for i in indexes:
        assert i is not None
        if not 1 <= i <= len(v):
            return None
        v = v[i - 1]
    return v


OMITTED: Any = ...  # an omitted slice bound (a[2:], a[:3])


def array_slice(arr: list[Any], *bounds: Any) -> list[Any] | None:
    """arr[lo:hi][...]: each bound is (lo, hi) with OMITTED for a side left out, or a plain int i
    meaning 1:i. A NULL (None) bound gives NULL; out-of-range parts are clipped."""
    for bnd in bounds:
        if bnd is None or (isinstance(bnd, tuple) and (bnd[0] is None or bnd[1] is None)):
            return None
    d = dims(arr)
    if not d or len(bounds) > len(d):
        return [] if not d else None
    norm: list[tuple[int, int]] = []
    for k, bnd in enumerate(bounds):
        lo, hi = bnd if isinstance(bnd, tuple) else (1, bnd)
        lo = 1 if lo is OMITTED else lo
        hi = d[k] if hi is OMITTED else hi
        norm.append((max(lo, 1), min(hi, d[k])))
    for k in range(len(bounds), len(d)):
        norm.append((1, d[k]))
    if any(lo > hi for lo, hi in norm):
        return []

    def take(v: list[Any], level: int) -> list[Any]:
        lo, hi = norm[level]
        part = v[lo - 1:hi]
        if level + 1 < len(norm):
            return [take(x, level + 1) for x in part]
        return list(part)

    return take(arr, 0)


ARRAY_OPERATORS: dict[tuple[str, int, int], tuple[Any, int, bool]] = {
    ("@>", T.ANYARRAY, T.ANYARRAY): (array_contains, T.BOOL, True),
    ("<@", T.ANYARRAY, T.ANYARRAY): (array_contained, T.BOOL, True),
    ("&&", T.ANYARRAY, T.ANYARRAY): (array_overlap, T.BOOL, True),
    ("||", T.ANYARRAY, T.ANYARRAY): (array_concat_op, T.ANYARRAY, False),
    ("||", T.ANYARRAY, T.ANYELEMENT): (array_append_op, T.ANYARRAY, False),
    ("||", T.ANYELEMENT, T.ANYARRAY): (array_prepend_op, T.ANYARRAY, False),
}
