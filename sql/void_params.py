"""Parameters declared ``void`` in function calls are dropped, as PostgreSQL's ParseFuncOrColumn does:
the JDBC driver sends the OUT parameter of ``{? = call f(?)}`` (rewritten to
``select * from f($1, $2) as result``) as a parameter of type void that is no argument of the call."""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot import exp

from sql import typesys as T


def _void_param(node: exp.Expression, param_types: Sequence[int]) -> bool:
    if not isinstance(node, (exp.Parameter, exp.Placeholder)):
        return False
    inner = node.this
    try:
        n = int(inner.this if isinstance(inner, exp.Literal) else inner.name)
    except (AttributeError, TypeError, ValueError):
        return False
    return 1 <= n <= len(param_types) and param_types[n - 1] == T.VOID


def _param_number(node: exp.Expression) -> int | None:
    if not isinstance(node, (exp.Parameter, exp.Placeholder)):
        return None
    inner = node.this
    try:
        return int(inner.this if isinstance(inner, exp.Literal) else inner.name)
    except (AttributeError, TypeError, ValueError):
        return None


def _declare_cast_voids(ast: exp.Expression, param_types: list[int]) -> None:
    """An undeclared parameter cast to void as a function argument (``now($1::void)``) is typed void."""
    for f in list(ast.find_all(exp.Anonymous)):
        for a in list(f.expressions):
            if isinstance(a, exp.Cast) and a.to.sql(dialect="postgres").lower() == "void":
                n = _param_number(a.this)
                if n is None:
                    continue
                while len(param_types) < n:
                    param_types.append(0)
                if param_types[n - 1] in (0, T.UNKNOWN):
                    param_types[n - 1] = T.VOID
                    a.replace(a.this)


def drop_void_arguments(ast: exp.Expression, param_types: list[int]) -> exp.Expression:
    """``ast`` (a copy when anything changes) without the void-typed parameters among function arguments."""
    if any(isinstance(a, exp.Cast) and isinstance(a.this, (exp.Parameter, exp.Placeholder))
           for f in ast.find_all(exp.Anonymous) for a in f.expressions):
        ast = ast.copy()
        _declare_cast_voids(ast, param_types)
    if T.VOID not in param_types:
        return ast
    calls = [f for f in ast.find_all(exp.Anonymous)
             if any(_void_param(a, param_types) for a in f.expressions)]
    if not calls:
        return ast
    ast = ast.copy()
    for f in ast.find_all(exp.Anonymous):
        args = [a for a in f.expressions if not _void_param(a, param_types)]
        if len(args) != len(f.expressions):
            f.set("expressions", args)
    return ast
