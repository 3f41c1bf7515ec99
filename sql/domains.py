"""Domains (CREATE DOMAIN): a base type plus NOT NULL / CHECK (VALUE ...) constraints and a
default. A value of a domain is a value of its base type; casting to the domain (``x::d``) or
storing into a column of the domain checks the constraints with PostgreSQL's errors
(23502 / 23514). The compiled checks are cached per catalog snapshot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlglot

from sql import sqlstate
from sql.dialect import PgDialect
from sql.errors import SqlError
from sql.scope import RangeEntry, Scope, ScopeColumn

Checker = Callable[[Any, Any], None]


def compile_domain_check(env: Any, dom: Any, text: str) -> Any:
    """A CHECK expression of a domain compiled over one column ``value`` of the base type."""
    from sql.expr import ExprCompiler

    scope = Scope([RangeEntry("", [ScopeColumn("value", dom.base_oid, dom.base_typmod)])])
    node = sqlglot.parse_one(text, read=PgDialect)
    return ExprCompiler(env, scope).compile_bool(node, "CHECK")


def domain_checker(env: Any, dom: Any) -> Checker | None:
    """value, ctx -> None; raises when the value violates the domain's constraints."""
    catalog = env.catalog
    key = ("domain", dom.oid, id(dom))
    if catalog is not None:
        hit = catalog.cache.get(key)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
    if not dom.not_null and not dom.checks:
        return None
    checks = [(name, compile_domain_check(env, dom, text).fn) for name, text in dom.checks]
    not_null = dom.not_null
    dname = dom.name

    def check(value: Any, ctx: Any) -> None:
        if value is None:
            if not_null:
                raise SqlError(sqlstate.NOT_NULL_VIOLATION, f"domain {dname} does not allow null values")
            return
        row = (value,)
        for name, fn in checks:
            if fn(row, ctx) is False:
                raise SqlError(sqlstate.CHECK_VIOLATION,
                               f'value for domain {dname} violates check constraint "{name}"')

    if catalog is not None:
        catalog.cache[key] = check
    return check


def column_domain_checks(env: Any, table: Any) -> list[tuple[int, Checker]]:
    """(column position, checker) for the table's columns of a domain type with constraints."""
    out = []
    catalog = env.catalog
    for i, col in enumerate(table.columns):
        if col.domain and catalog is not None:
            dom = catalog.types.get(col.domain)
            if dom is not None:
                chk = domain_checker(env, dom)
                if chk is not None:
                    out.append((i, chk))
    return out
