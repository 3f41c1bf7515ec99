"""Session state that follows the transaction's savepoints and its end, besides the rows:
settings changed by SET inside a savepoint, deferred constraint checks queued by statements,
and the ON COMMIT actions of temporary tables.

:func:`at_savepoint` / :func:`at_rollback_to` are called by SAVEPOINT and ROLLBACK TO;
:func:`before_commit` runs the deferred checks and ON COMMIT actions inside the transaction
before it is made durable; :func:`at_end` forgets the transaction's state.
"""

from __future__ import annotations

from typing import Any


def _marks(session: Any) -> dict[int, Any]:
    marks = getattr(session, "_savepoint_state", None)
    if marks is None:
        marks = session._savepoint_state = {}
    return marks


def at_savepoint(session: Any, token: int) -> None:
    from sql.executor.deferred import pending_mark
    from sql.executor.notify import savepoint_mark

    _marks(session)[token] = (session.settings.snapshot(), pending_mark(session), savepoint_mark(session))


def at_rollback_to(session: Any, token: int) -> None:
    from sql.executor.deferred import pending_rollback
    from sql.executor.notify import rollback_to

    state = _marks(session).get(token)
    if state is None:
        return
    settings, mark, notify_mark = state
    session.settings.restore(settings)
    pending_rollback(session, mark)
    rollback_to(session, notify_mark)


def before_commit(session: Any) -> None:
    """Deferred constraint checks, then ON COMMIT DROP / DELETE ROWS (may raise: the commit fails)."""
    from sql.executor.cursors import before_commit as cursors_before_commit
    from sql.executor.deferred import run_pending
    from sql.executor.notify import pre_commit as notify_pre_commit
    from sql.executor.oncommit import run_on_commit

    run_pending(session)
    run_on_commit(session)
    cursors_before_commit(session)
    notify_pre_commit(session)  # last: nothing after it may fail the commit


def at_end(session: Any, committed: bool = False) -> None:
    from sql.executor.cursors import at_end as cursors_at_end
    from sql.executor.deferred import pending_clear
    from sql.executor.notify import at_end as notify_at_end

    cursors_at_end(session, committed)
    notify_at_end(session, committed)

    session._savepoint_state = {}
    pending_clear(session)
