"""FOR UPDATE / FOR SHARE: where PostgreSQL refuses a row-locking clause (0A000).

Rows are not locked yet (see README); these checks only reject the queries PostgreSQL rejects,
because a locking clause needs each output row to come from one row of a table.
"""

from __future__ import annotations

from sqlglot import exp

from sql import sqlstate
from sql.errors import SqlError

_SETOPS = (exp.Union, exp.Intersect, exp.Except)


def lock_strength(lock: exp.Lock) -> str:
    if lock.args.get("update"):
        return "FOR NO KEY UPDATE" if lock.args.get("key") else "FOR UPDATE"
    return "FOR KEY SHARE" if lock.args.get("key") else "FOR SHARE"


def _refuse(lock: exp.Lock, what: str) -> SqlError:
    return SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"{lock_strength(lock)} is not allowed with {what}")


def check_select_locking(select: exp.Select, has_aggregates: bool, has_windows: bool, has_srfs: bool) -> None:
    locks = select.args.get("locks")
    if not locks:
        return
    lock = locks[0]
    if select.args.get("distinct") is not None:
        raise _refuse(lock, "DISTINCT clause")
    if select.args.get("group") is not None:
        raise _refuse(lock, "GROUP BY clause")
    if select.args.get("having") is not None:
        raise _refuse(lock, "HAVING clause")
    if has_aggregates:
        raise _refuse(lock, "aggregate functions")
    if has_windows:
        raise _refuse(lock, "window functions")
    if has_srfs:
        raise _refuse(lock, "set-returning functions in the target list")


def check_setop_locking(node: exp.Expression) -> None:
    """A locking clause on a set operation or on any of its branches."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, exp.Subquery):
            stack.append(n.this)
        elif isinstance(n, _SETOPS):
            if n.args.get("locks"):
                raise _refuse(n.args["locks"][0], "UNION/INTERSECT/EXCEPT")
            stack.extend((n.this, n.expression))
        elif isinstance(n, exp.Select) and n.args.get("locks"):
            raise _refuse(n.args["locks"][0], "UNION/INTERSECT/EXCEPT")
