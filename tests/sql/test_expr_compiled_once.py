"""Expressions are compiled once into closures, not interpreted per row: the number of
ExprCompiler.compile calls for a query does not depend on how many rows it reads, a cached plan
runs again with no compiling at all, and a compiled closure is a plain function of (row, ctx)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sql.expr import Ctx, ExprCompiler
from tests.sql.sessions import open_session
from tests.sql.sessions import run_values as run
from tests.sql.test_expr import compile_expr

QUERY = ("SELECT id, a + b * 2, CASE WHEN a > 5 THEN upper(s) ELSE lower(s) END, coalesce(b, 0) "
         "FROM {t} WHERE a % 3 <> 1 AND s LIKE '%x%' ORDER BY a DESC")


@pytest.fixture()
def session(tmp_path: Any) -> Iterator[Any]:
    with open_session(tmp_path, 4444) as s:
        for name, n in (("small", 3), ("big", 600)):
            run(s, f"CREATE TABLE {name} (id int PRIMARY KEY, a int, b int, s text)")
            run(s, f"INSERT INTO {name} SELECT g, g % 10, CASE WHEN g % 4 = 0 THEN NULL ELSE g END, 'x' || g "
                   f"FROM generate_series(1, {n}) g")
        yield s


@pytest.fixture()
def compile_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    original = ExprCompiler.compile

    def counting(self: ExprCompiler, node: Any) -> Any:
        calls[0] += 1
        return original(self, node)

    monkeypatch.setattr(ExprCompiler, "compile", counting)
    return calls


def test_compile_count_does_not_grow_with_rows(session: Any, compile_calls: list[int]) -> None:
    rows_small = run(session, QUERY.format(t="small"))
    small = compile_calls[0]
    compile_calls[0] = 0
    rows_big = run(session, QUERY.format(t="big"))
    big = compile_calls[0]
    assert len(rows_small) == 2 and len(rows_big) > 300
    assert small > 0
    assert big == small


def test_cached_plan_runs_without_compiling(session: Any, compile_calls: list[int]) -> None:
    run(session, QUERY.format(t="big"))
    compile_calls[0] = 0
    run(session, QUERY.format(t="big"))
    assert compile_calls[0] == 0


def test_closure_is_evaluated_per_row_without_the_tree(session: Any) -> None:
    from sql import typesys as T

    ce, _env = compile_expr(session, "x * 2 + 1", [("x", T.INT4)])
    ctx = Ctx([], None, session, None)
    assert [ce.fn((v,), ctx) for v in (1, 2, None)] == [3, 5, None]
