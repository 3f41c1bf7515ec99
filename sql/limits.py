"""Resource limits and the errors PostgreSQL gives when they are exceeded.

* Deep recursion (deeply nested expressions, subqueries, recursive SQL functions) hits Python's
  recursion limit; the ``RecursionError`` becomes 54001 "stack depth limit exceeded", as in
  PostgreSQL when ``max_stack_depth`` is exceeded, and only the statement fails.
* Tables have at most 1600 columns and target lists at most 1664 entries (54011).
* Operators that hold rows in memory (sorts, hash tables, materialised CTEs and results) stop at
  ``pgserver.max_rows_in_memory`` rows (a setting, default 10,000,000; 0 = no limit) with 54000
  program_limit_exceeded rather than exhausting the server's memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

#: PostgreSQL's MaxHeapAttributeNumber.
MAX_TABLE_COLUMNS = 1600
#: PostgreSQL's MaxTupleAttributeNumber (entries of a target list).
MAX_TARGET_LIST = 1664
#: Default of ``pgserver.max_rows_in_memory``.
DEFAULT_MAX_ROWS_IN_MEMORY = 10_000_000
MAX_ROWS_SETTING = "pgserver.max_rows_in_memory"

_STACK_HINT = (
    'Increase the configuration parameter "max_stack_depth" (currently 2048kB), '
    "after ensuring the platform's stack depth limit is adequate."
)


def stack_depth_error() -> SqlError:
    """PostgreSQL's error for a statement that recursed too deeply."""
    return SqlError(sqlstate.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded", hint=_STACK_HINT)


def error_for_exception(exc: BaseException) -> SqlError | None:
    """The SqlError a non-SQL exception stands for, when it is a resource limit; else None."""
    if isinstance(exc, RecursionError):
        return stack_depth_error()
    if isinstance(exc, MemoryError):
        return SqlError(sqlstate.OUT_OF_MEMORY, "out of memory")
    return None


def check_table_columns(count: int) -> None:
    if count > MAX_TABLE_COLUMNS:
        raise SqlError(sqlstate.TOO_MANY_COLUMNS, f"tables can have at most {MAX_TABLE_COLUMNS} columns")


def check_target_list(count: int) -> None:
    if count > MAX_TARGET_LIST:
        raise SqlError(sqlstate.TOO_MANY_COLUMNS, f"target lists can have at most {MAX_TARGET_LIST} entries")


def max_rows_in_memory(session: Any) -> int:
    """The session's ``pgserver.max_rows_in_memory`` (0: no limit)."""
    settings = getattr(session, "settings", None)
    text = settings.custom.get(MAX_ROWS_SETTING) if settings is not None else None
    if not text:
        return DEFAULT_MAX_ROWS_IN_MEMORY
    try:
        return max(0, int(text))
    except ValueError:
        return DEFAULT_MAX_ROWS_IN_MEMORY


def materialize(rows: Iterable[Any], ctx: Any) -> list[Any]:
    """``list(rows)`` for an operator that must hold its input in memory, stopping with 54000 once
    it exceeds ``pgserver.max_rows_in_memory``."""
    limit = max_rows_in_memory(getattr(ctx, "session", None))
    if not limit:
        return list(rows)
    out = list(islice(rows, limit + 1))
    if len(out) > limit:
        raise SqlError(
            sqlstate.PROGRAM_LIMIT_EXCEEDED,
            f"query needs more than {limit} rows in memory",
            detail=f'The limit is set by "{MAX_ROWS_SETTING}".',
            hint="Add a WHERE clause or LIMIT, or raise the limit.",
        )
    return out
