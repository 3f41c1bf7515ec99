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
from sql.lock_waits import arm_owner, lock_statement_tables
from sql.result import Result
from storage.locks import WouldBlock, waiting_forbidden

__all__ = ["run_with_locks"]


def _locking_clause(p: Any) -> bool:
    ast = p.stmt.ast
    return isinstance(ast, exp.Select) and bool(ast.args.get("locks"))


def run_with_locks(session: Any, p: Any, txn: Any, ctx: Any, formats: tuple[int, ...]) -> Result:
    arm_owner(session, txn.lock_owner)
    if p.kind == "query":
        row_locking = _locking_clause(p)
        lock_statement_tables(txn, p.privileges, row_locking)
        if not row_locking and "advisory" not in p.stmt.text.lower():
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
        lock_statement_tables(txn, p.privileges, False)
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
