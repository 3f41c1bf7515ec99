"""The parsed form of a SQL/JSON path expression (PostgreSQL's ``jsonpath``).

A path is a mode (lax/strict) and one expression tree. Expressions are chains (a primary such as
``$``, ``@``, ``$var``, a literal or a parenthesised expression, followed by accessors), unary and
binary arithmetic, and predicates (comparisons, ``&&``/``||``/``!``, ``is unknown``,
``exists``, ``starts with``, ``like_regex``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


# ---- primaries ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Root:
    """``$``: the context item."""


@dataclass(frozen=True)
class Current:
    """``@``: the item a filter is being applied to."""


@dataclass(frozen=True)
class Last:
    """``last``: the last index of the array being subscripted."""


@dataclass(frozen=True)
class Variable:
    name: str


@dataclass(frozen=True)
class Literal:
    value: Any  # a JSON scalar: str, int, Decimal, bool or None (JSON null)


# ---- accessors ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Member:
    key: str


@dataclass(frozen=True)
class MemberWildcard:
    pass


@dataclass(frozen=True)
class ArrayWildcard:
    pass


@dataclass(frozen=True)
class Subscripts:
    items: tuple[tuple[Expr, Expr | None], ...]  # (from, to) pairs; to is None for a single index


@dataclass(frozen=True)
class AnyPath:
    """``.**`` / ``.**{n}`` / ``.**{n to m}``; a bound of -1 means ``last``."""

    lo: int = 0
    hi: int = -1


@dataclass(frozen=True)
class Method:
    name: str  # type, size, double, ceiling, floor, abs, keyvalue, datetime
    arg: str | None = None  # the template of .datetime("...")


@dataclass(frozen=True)
class Filter:
    pred: Expr


Accessor = Member | MemberWildcard | ArrayWildcard | Subscripts | AnyPath | Method | Filter


# ---- expressions --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Chain:
    primary: Any  # Root | Current | Last | Variable | Literal | an expression in parentheses
    accessors: tuple[Accessor, ...] = ()


@dataclass(frozen=True)
class Unary:
    op: str  # "+" or "-"
    operand: Expr


@dataclass(frozen=True)
class Binary:
    op: str  # + - * / %
    left: Expr
    right: Expr


# ---- predicates ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Compare:
    op: str  # == != < <= > >=
    left: Expr
    right: Expr


@dataclass(frozen=True)
class BoolOp:
    op: str  # "&&" or "||"
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Not:
    operand: Expr


@dataclass(frozen=True)
class IsUnknown:
    operand: Expr


@dataclass(frozen=True)
class Exists:
    operand: Expr


@dataclass(frozen=True)
class StartsWith:
    operand: Expr
    prefix: Literal | Variable


@dataclass(frozen=True)
class LikeRegex:
    operand: Expr
    pattern: str
    flags: str
    regex: re.Pattern[str] = field(compare=False, repr=False)


Expr = Chain | Unary | Binary | Compare | BoolOp | Not | IsUnknown | Exists | StartsWith | LikeRegex
PREDICATES = (Compare, BoolOp, Not, IsUnknown, Exists, StartsWith, LikeRegex)


@dataclass(frozen=True)
class JsonPath:
    lax: bool
    expr: Expr | None  # None for the empty path (which PG rejects at input)
