"""pg_cancel_backend and pg_terminate_backend: signal another session of the same database.

The protocol layer gives each session ``signal_hooks`` (cancel, terminate): callables that are safe
to call from any thread and act on that session's connection (cancel its running statement; end
it with FATAL 57P01 at the next opportunity). Sessions of other databases are invisible here, as
in pg_stat_activity.
"""

from __future__ import annotations

from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError, queue_notice
from sql.functions import builtin


def _target(ctx: Any, pid: int, action: str, what: str) -> Any:
    """The session with backend ``pid`` that the current role may signal, or None (with PG's WARNING)."""
    session = ctx.session
    target = session.instance.sessions.get(pid)
    if target is None or target.database_oid != session.database_oid:
        queue_notice(session, SqlError(sqlstate.WARNING, f"PID {pid} is not a PostgreSQL backend process",
                                       severity="WARNING"))
        return None
    if session.is_superuser:
        return target
    roles = session.instance.cluster().roles
    owner = roles.by_oid.get(target.session_role.oid, target.session_role)
    if owner.superuser:
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"must be a superuser to {action} superuser {what}")
    memberships = session.role_memberships()
    signal_role = roles.get("pg_signal_backend")
    if owner.oid in memberships or (signal_role is not None and signal_role.oid in memberships):
        return target
    past = "canceled" if action == "cancel" else "terminated"
    raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE,
                   f"must be a member of the role whose {what} is being {past} or member of pg_signal_backend")


def _hook(target: Any, index: int) -> bool:
    hooks = getattr(target, "signal_hooks", None)
    if hooks is None:
        return False
    hooks[index]()
    return True


@builtin("pg_cancel_backend", (T.INT4,), T.BOOL, needs_ctx=True, volatile=True)
def _cancel_backend(ctx: Any, pid: int) -> bool:
    target = _target(ctx, pid, "cancel", "query")
    return target is not None and _hook(target, 0)


@builtin("pg_terminate_backend", (T.INT4, T.INT8), T.BOOL, needs_ctx=True, volatile=True)
def _terminate_backend_timeout(ctx: Any, pid: int, timeout: int) -> bool:
    if timeout < 0:
        raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, '"timeout" must not be negative')
    target = _target(ctx, pid, "terminate", "process")
    return target is not None and _hook(target, 1)


@builtin("pg_terminate_backend", (T.INT4,), T.BOOL, needs_ctx=True, volatile=True)
def _terminate_backend(ctx: Any, pid: int) -> bool:
    return _terminate_backend_timeout(ctx, pid, 0)
