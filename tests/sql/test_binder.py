"""Name resolution (the binder: sql.scope plus the planner's FROM/ORDER BY/GROUP BY rules), checked
on hand-made scopes and through an in-process session. Expected rows and SQLSTATEs were recorded
from PostgreSQL 15."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sql import typesys as T
from sql.errors import SqlError
from sql.scope import RangeEntry, Scope, ScopeColumn
from tests.sql.sessions import open_session
from tests.sql.sessions import run_values as run
from tests.sql.sessions import sql_error_code as code


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with open_session(tmp_path_factory.mktemp("binder"), 4343) as s:
        run(s, "CREATE TABLE ba (id int, a int, b int)")
        run(s, "CREATE TABLE bb (id int, a int, c int)")
        run(s, "INSERT INTO ba VALUES (1, 10, 3), (2, 20, 1), (3, 30, 2)")
        run(s, "INSERT INTO bb VALUES (1, 100, 7), (3, 300, 8)")
        yield s


def two_entries() -> Scope:
    scope = Scope()
    scope.add(RangeEntry("x", [ScopeColumn("id", T.INT4), ScopeColumn("a", T.INT4)]))
    scope.add(RangeEntry("y", [ScopeColumn("id", T.INT4), ScopeColumn("c", T.TEXT)]))
    return scope


def test_scope_positions_follow_the_from_order() -> None:
    scope = two_entries()
    assert scope.width == 4
    pos, col = scope.resolve_local("y", "c")  # type: ignore[misc]
    assert (pos, col.type) == (3, T.TEXT)
    pos, _ = scope.resolve_local(None, "a")  # type: ignore[misc]
    assert pos == 1
    assert scope.resolve_local("zz", "a") is None  # unknown qualifier: the caller looks outward


def test_scope_ambiguous_and_missing_columns() -> None:
    scope = two_entries()
    with pytest.raises(SqlError) as ei:
        scope.resolve_local(None, "id")
    assert ei.value.code == "42702"
    with pytest.raises(SqlError) as ei:
        scope.resolve_local("x", "c")
    assert ei.value.code == "42703"


@pytest.mark.parametrize(("sql", "sqlstate"), [
    ("SELECT a FROM ba, bb", "42702"),
    ("SELECT nosuch FROM ba", "42703"),
    ("SELECT zz.a FROM ba", "42P01"),
    ("SELECT ba.a FROM ba AS x", "42P01"),  # the alias hides the table name
    ("SELECT x.id FROM ba x JOIN bb x ON true", "42712"),
    ("SELECT a % 20 AS b, count(*) FROM ba GROUP BY b", "42803"),  # GROUP BY b: the input column first
])
def test_resolution_errors(session: Any, sql: str, sqlstate: str) -> None:
    assert code(session, sql) == sqlstate


def test_using_column_is_not_ambiguous(session: Any) -> None:
    assert run(session, "SELECT id FROM ba JOIN bb USING (id) ORDER BY id") == [(1,), (3,)]


def test_order_by_name_is_the_output_column_but_an_expression_uses_the_input(session: Any) -> None:
    assert run(session, "SELECT a AS b, b AS a FROM ba ORDER BY a") == [(20, 1), (30, 2), (10, 3)]
    assert run(session, "SELECT a AS b, b AS a FROM ba ORDER BY a + 0") == [(10, 3), (20, 1), (30, 2)]


def test_correlated_names_resolve_innermost_first(session: Any) -> None:
    # c only in bb; a in both (bb's wins inside the subquery); b only in the outer ba
    assert run(session, "SELECT id, (SELECT c FROM bb WHERE bb.id = ba.id) FROM ba ORDER BY id") == [
        (1, 7), (2, None), (3, 8)]
    assert run(session, "SELECT id, (SELECT a FROM bb WHERE bb.id = ba.id) FROM ba ORDER BY id") == [
        (1, 100), (2, None), (3, 300)]
    assert run(session, "SELECT id, (SELECT b FROM bb WHERE bb.id = ba.id) FROM ba ORDER BY id") == [
        (1, 3), (2, None), (3, 2)]
