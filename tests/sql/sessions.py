"""Shared helpers for the in-process SQL tests: an initialised instance on a temporary data
directory, a session on it, and running statements through the simple-query path the way the
frontend does (wait for each result, roll back on error, commit at the end)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from sql.errors import SqlError
from sql.instance import Instance


@contextmanager
def open_instance(directory: Path | str) -> Iterator[Instance]:
    """An instance initialised in ``directory``/data (superuser postgres); closed on exit."""
    inst = Instance(str(Path(directory) / "data"))
    inst.initialize("postgres", "pw", "postgres")
    try:
        yield inst
    finally:
        inst.close()


@contextmanager
def open_session(directory: Path | str, pid: int) -> Iterator[Any]:
    """A superuser session on database postgres of a new instance in ``directory``; the instance is
    closed on exit."""
    with open_instance(directory) as inst:
        yield inst.connect("postgres", "postgres", {}, pid, "127.0.0.1")


def session_fixture(name: str, pid: int | Iterator[int]) -> Any:
    """A pytest fixture ``name`` giving each test a session of its own instance (see open_session);
    ``pid`` is the backend pid, or an iterator of them (one per test)."""

    @pytest.fixture(name=name)
    def fixture(tmp_path: Path) -> Iterator[Any]:
        with open_session(tmp_path, pid if isinstance(pid, int) else next(pid)) as session:
            yield session

    return fixture


def finish(session: Any) -> None:
    """End the simple query: commit the implicit transaction (waiting for it) if one is open."""
    fut = session.finish_simple()
    if fut is not None:
        fut.result()


def run_last(session: Any, sql: str, pick: Callable[[Any, Any], Any], default: Any = None) -> Any:
    """Run ``sql`` (one or more statements); ``pick(session, result)`` of the last result for which it
    is not None, else ``default``. On SqlError the session rolls back as after a failed query and the
    error is raised."""
    out = default
    try:
        for res in session.execute_simple(sql):
            if res.wait is not None:
                res.wait.result()
            value = pick(session, res)
            if value is not None:
                out = value
    except SqlError:
        session.on_error()
        finish(session)
        raise
    finish(session)
    return out


def rows_of(session: Any, res: Any) -> list[tuple[Any, ...]] | None:
    """A result's rows as Python values (None for a result without rows)."""
    return list(res.rows) if res.rows is not None else None


def text_rows_of(session: Any, res: Any) -> list[tuple[str | None, ...]] | None:
    """A result's rows in their text output form, as a client sees them (None for NULL)."""
    if res.rows is None:
        return None
    fns = [session.text_output(c.type_oid) for c in res.columns]
    return [tuple(None if v is None else f(v) for f, v in zip(fns, row)) for row in res.rows]


def run_values(session: Any, sql: str) -> list[tuple[Any, ...]]:
    """The rows (Python values) of the last statement that returned rows."""
    return run_last(session, sql, rows_of, [])


def run_text(session: Any, sql: str) -> list[tuple[str | None, ...]]:
    """The rows (text output form) of the last statement that returned rows."""
    return run_last(session, sql, text_rows_of, [])


def run_values_or_tag(session: Any, sql: str) -> Any:
    """The last statement's rows (Python values), or its command tag if it has none."""
    return run_last(session, sql, lambda s, res: res.command if res.rows is None else rows_of(s, res))


def run_text_or_tag(session: Any, sql: str) -> Any:
    """The last statement's rows (text output form), or its command tag if it has none."""
    return run_last(session, sql, lambda s, res: res.command if res.rows is None else text_rows_of(s, res))


def sql_error(session: Any, sql: str, run: Callable[[Any, str], Any] = run_values) -> SqlError:
    """The SqlError that ``run(session, sql)`` raises (the test fails if it raises none)."""
    with pytest.raises(SqlError) as ei:
        run(session, sql)
    return ei.value


def sql_error_code(session: Any, sql: str, run: Callable[[Any, str], Any] = run_values) -> str:
    """The SQLSTATE of the SqlError that ``run(session, sql)`` raises."""
    return sql_error(session, sql, run).code
