"""Planning SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE [OF ...] [NOWAIT | SKIP LOCKED].

Each locked table of the FROM clause is scanned with its row key and stored row as two hidden
columns; the statement's output carries them past ORDER BY to a :class:`LockRows` node placed
below LIMIT, so only the rows returned are locked (what job queues using SKIP LOCKED rely on).
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.executor.lock_rows import NOWAIT, SKIP_LOCKED, WAIT, LockTarget, lock_strength_mode
from sql.executor.modify import KeyedScan
from sql.executor.scan import TableAccess
from sql.expr import CExpr, identifier_name
from sql.plan_locking import lock_strength
from sql.scope import ScopeColumn

__all__ = ["RowLockPlan", "row_lock_plan"]


class RowLockPlan:
    """The locking clauses of one SELECT and the tables of its FROM clause they apply to."""

    def __init__(self, locks: list[exp.Lock]) -> None:
        self.clauses: list[tuple[set[str] | None, str, int, str]] = []  # (OF names, strength, mode, policy)
        for lock in locks:
            names = {identifier_name(t.this) for t in lock.args.get("expressions") or []} or None
            strength = lock_strength(lock)
            wait = lock.args.get("wait")
            policy = WAIT if wait is None else NOWAIT if wait is True else SKIP_LOCKED
            self.clauses.append((names, strength, lock_strength_mode(strength), policy))
        self.locked: list[tuple[Any, Any, int, str]] = []  # (range entry, table, mode, policy)
        self.seen: set[str] = set()

    def clause_for(self, name: str) -> tuple[int, str] | None:
        found = None
        for names, _strength, mode, policy in self.clauses:
            if names is None or name in names:
                if found is None or mode > found[0]:
                    found = (mode, policy)
        return found

    def keyed_scan(self, plan: Any, cols: list[ScopeColumn], name: str) -> tuple[Any, tuple[int, str] | None]:
        """A plain table scan of a locked table becomes a KeyedScan with two hidden columns."""
        self.seen.add(name)
        clause = self.clause_for(name)
        if clause is None or type(plan) is not TableAccess:
            return plan, None
        cols += [ScopeColumn("ctid", T.BYTEA, hidden=True), ScopeColumn("?stored?", T.BYTEA, hidden=True)]
        return KeyedScan(plan), clause

    def check_names(self) -> None:
        for names, strength, _mode, _policy in self.clauses:
            for n in sorted(names or ()):
                if n not in self.seen:
                    raise SqlError(sqlstate.UNDEFINED_TABLE,
                                   f'relation "{n}" in {strength} clause not found in FROM clause')

    def hidden_outputs(self, hidden: list[CExpr], width: int) -> tuple[LockTarget, ...]:
        """Append the row key and stored row of each locked table to ``hidden``; the lock targets."""
        targets = []
        for entry, table, mode, policy in self.locked:
            kpos = entry.offset + len(entry.columns) - 2
            out = []
            for pos in (kpos, kpos + 1):
                hidden.append(CExpr(lambda row, ctx, p=pos: row[p], T.BYTEA, position=pos))
                out.append(width + len(hidden) - 1)
            targets.append(LockTarget(table, out[0], out[1], mode, policy))
        return tuple(targets)


def row_lock_plan(select: exp.Select) -> RowLockPlan | None:
    locks = select.args.get("locks")
    return RowLockPlan(list(locks)) if locks else None
