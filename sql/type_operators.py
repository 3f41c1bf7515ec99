"""Operator tables of the type families that keep their operators outside the compiler
(ranges, network addresses, bit strings, geometric and text-search types).

The families' function modules fill these at import time; :mod:`sql.expr_types` resolves
operators against them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# (operator, left type, right type) -> (fn(left, right), result type)
TYPE_OPERATORS: dict[tuple[str, int, int], tuple[Callable[[Any, Any], Any], int]] = {}
# prefix operators: (operator, operand type) -> (fn, result type)
PREFIX_OPERATORS: dict[tuple[str, int], tuple[Callable[[Any], Any], int]] = {}
# Types whose operators are found here (an operand of one of these sends the lookup here).
OPERATOR_TYPES: set[int] = set()
