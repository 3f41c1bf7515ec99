"""Planning TABLESAMPLE on a FROM table (see :mod:`sql.executor.sample`)."""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.executor.sample import SampleScan
from sql.expr import ExprCompiler
from sql.scope import Scope


def plan_sample(env: Any, plan: Any, sample: exp.TableSample) -> Any:
    method = sample.args.get("method")
    name = (method.name if method is not None else "").lower()
    if name not in ("bernoulli", "system"):
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'tablesample method "{name}" does not exist')
    percent = sample.args.get("percent") or sample.args.get("size")
    if percent is None:
        raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error at or near \"TABLESAMPLE\"")
    c = ExprCompiler(env, Scope())
    pct = c.coerce(c.compile(percent), T.FLOAT4)
    seed_node = sample.args.get("seed")
    seed = c.coerce(c.compile(seed_node), T.FLOAT8) if seed_node is not None else None
    return SampleScan(plan, pct, seed)
