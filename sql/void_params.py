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


def drop_void_arguments(ast: exp.Expression, param_types: Sequence[int]) -> exp.Expression:
    """``ast`` (a copy when anything changes) without the void-typed parameters among function arguments."""
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
