"""Comparison of row values (ROW(a, b) < ROW(c, d)) with PostgreSQL's null rules.

``=`` and ``<>`` compare pairwise like an AND/OR of the column comparisons: a pair of non-null
unequal values decides, otherwise any null makes the result null. The ordering operators look
at the first pair that is not equal; a null met before that pair makes the result null.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

_ORDER = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def _equal(x: tuple[Any, ...], y: tuple[Any, ...]) -> bool | None:
    saw_null = False
    for a, b in zip(x, y):
        if a is None or b is None:
            saw_null = True
        elif a != b:
            return False
    return None if saw_null else True


def _ordered(op: Callable[[Any, Any], bool]) -> Callable[[tuple[Any, ...], tuple[Any, ...]], bool | None]:
    def cmp(x: tuple[Any, ...], y: tuple[Any, ...]) -> bool | None:
        for a, b in zip(x, y):
            if a is None or b is None:
                return None
            if a != b:
                return op(a, b)
        return op(len(x), len(y))

    return cmp


def row_compare(op: str) -> Callable[[tuple[Any, ...], tuple[Any, ...]], bool | None]:
    if op == "=":
        return _equal
    if op in ("<>", "!="):
        def not_equal(x: tuple[Any, ...], y: tuple[Any, ...]) -> bool | None:
            r = _equal(x, y)
            return None if r is None else not r
        return not_equal
    return _ordered(_ORDER[op])
