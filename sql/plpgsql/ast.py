"""The statements of a parsed PL/pgSQL function body. SQL pieces (expressions, queries, statements)
are kept as :class:`SqlFrag` and compiled on first use (see :mod:`sql.plpgsql.sqlfrag`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False)
class SqlFrag:
    text: str
    is_expr: bool  # an expression (run as SELECT <text>) rather than a statement
    cache: dict[Any, Any] = field(default_factory=dict)


@dataclass
class Decl:
    name: str
    type_text: str
    default: SqlFrag | None = None
    constant: bool = False
    not_null: bool = False
    alias_of: str | None = None


@dataclass
class Handler:
    conditions: list[str]  # condition names or 'SQLSTATE xxxxx'
    body: list[Any]


@dataclass
class Block:
    label: str | None
    decls: list[Decl]
    body: list[Any]
    handlers: list[Handler] | None = None


@dataclass
class Assign:
    target: tuple[str, str | None]  # (variable, field)
    expr: SqlFrag


@dataclass
class If:
    branches: list[tuple[SqlFrag, list[Any]]]
    else_body: list[Any] | None


@dataclass
class Case:
    subject: SqlFrag | None
    whens: list[tuple[list[SqlFrag], list[Any]]]
    else_body: list[Any] | None


@dataclass
class Loop:
    label: str | None
    body: list[Any]
    cond: SqlFrag | None = None  # WHILE


@dataclass
class ForInt:
    label: str | None
    var: str
    reverse: bool
    lo: SqlFrag
    hi: SqlFrag
    step: SqlFrag | None
    body: list[Any]


@dataclass
class ForQuery:
    label: str | None
    targets: list[str]
    query: SqlFrag | None  # a query, or
    dynamic: SqlFrag | None  # EXECUTE text
    using: list[SqlFrag]
    body: list[Any]


@dataclass
class Foreach:
    label: str | None
    var: str
    array: SqlFrag
    body: list[Any]


@dataclass
class Exit:
    is_continue: bool
    label: str | None
    cond: SqlFrag | None


@dataclass
class Return:
    expr: SqlFrag | None


@dataclass
class ReturnNext:
    expr: SqlFrag | None


@dataclass
class ReturnQuery:
    query: SqlFrag | None
    dynamic: SqlFrag | None
    using: list[SqlFrag]


@dataclass
class Perform:
    query: SqlFrag


@dataclass
class Sql:
    stmt: SqlFrag
    into: list[str] | None = None
    strict: bool = False


@dataclass
class Execute:
    text: SqlFrag
    into: list[str] | None
    strict: bool
    using: list[SqlFrag]


@dataclass
class Raise:
    level: str
    condition: str | None  # condition name or SQLSTATE code
    fmt: str | None
    args: list[SqlFrag]
    options: list[tuple[str, SqlFrag]]
    line: int = 0  # the line of the body the statement starts on (for the CONTEXT of its notices)


@dataclass
class GetDiag:
    stacked: bool
    items: list[tuple[str, str]]  # (variable, item)


@dataclass
class Assert:
    cond: SqlFrag
    message: SqlFrag | None


@dataclass
class Null:
    pass
