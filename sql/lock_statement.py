"""Running one planned statement under the locks it needs (see :mod:`sql.lock_waits`).

The statement's table locks are taken first; a SELECT with a locking clause (or one calling an
advisory lock function) is run to its end here, so every lock wait happens before the first row
is sent. A statement that must wait on the event loop thread gets its writes undone and
:class:`storage.locks.WouldBlock` raised (the session answers RUN_ON_THREAD); READ COMMITTED
SELECT ... FOR UPDATE meeting a row changed after its snapshot runs again on a new snapshot.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql.executor.lock_rows import RowChanged
from sql.lock_waits import arm_owner, statement_table_locks
from sql.result import Result
from storage.locks import WouldBlock, waiting_forbidden

__all__ = ["run_with_locks"]


def _lock_info(p: Any) -> tuple[Any, bool, bool, tuple[tuple[int, int], ...]]:
    """(plan, has a locking clause, runs to its end before sending, table locks), cached per plan."""
    info = getattr(p, "_lock_info", None)
    if info is not None and info[0] is p.plan:
        return info  # type: ignore[no-any-return]
    ast = p.stmt.ast
    row_locking = p.kind == "query" and isinstance(ast, exp.Select) and bool(ast.args.get("locks"))
    info = (p.plan, row_locking, row_locking or "advisory" in p.stmt.text.lower(),
            statement_table_locks(p.privileges, row_locking))
    p._lock_info = info
    return info


def run_with_locks(session: Any, p: Any, txn: Any, ctx: Any, formats: tuple[int, ...]) -> Result:
    arm_owner(session, txn.lock_owner)
    _plan, _row_locking, materialize, tables = _lock_info(p)
    for oid, mode in tables:
        txn.lock_table(oid, mode)
    if p.kind == "query":
        if not materialize:
            return Result("SELECT", p.columns, iter(p.plan.rows(ctx)), formats=formats)
        while True:
            try:
                rows = list(p.plan.rows(ctx))
                break
            except RowChanged:
                txn.refresh_snapshot()
        return Result("SELECT", p.columns, iter(rows), formats=formats)
    mark = txn.statement_mark() if waiting_forbidden() else None
    try:
        count, returned = p.plan.run(ctx)
    except WouldBlock:
        if mark is not None:
            txn.undo_statement(mark)
        raise
    finally:
        if mark is not None:
            txn.end_statement(mark)
    return Result(p.kind.upper(), p.columns, iter(returned) if p.columns else None, rowcount=count,
                  formats=formats)
