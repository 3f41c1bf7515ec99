"""The idle timers of one connection: ``idle_in_transaction_session_timeout`` and ``idle_session_timeout``.

As in PostgreSQL 15, a timer is armed when ReadyForQuery has been sent and disarmed as soon as
the next message is handled. Which timer depends on the transaction status just reported:

* ``T`` or ``E`` (in a transaction block, possibly failed): ``idle_in_transaction_session_timeout``,
  expiry ends the connection with FATAL 25P03 "terminating connection due to idle-in-transaction
  timeout";
* ``I`` (idle): ``idle_session_timeout``, FATAL 57P05 "terminating connection due to idle-session
  timeout".

A value of 0 (the default) disables a timer. The connection decides what to do on expiry; this
module only computes the delay and owns the event-loop timer handle.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from sql.settings import ms_value

__all__ = ["IdleTimer", "idle_timeout"]

_IN_TRANSACTION = ("idle_in_transaction_session_timeout", sqlstate.IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
                   "terminating connection due to idle-in-transaction timeout")
_IDLE = ("idle_session_timeout", sqlstate.IDLE_SESSION_TIMEOUT, "terminating connection due to idle-session timeout")


def idle_timeout(session: Any, tx_status: str) -> tuple[float, SqlError] | None:
    """(seconds, FATAL error) of the timer to arm after ReadyForQuery with ``tx_status``, or None."""
    settings = getattr(session, "settings", None)
    values = getattr(settings, "values", None)
    if not isinstance(values, dict):
        return None
    name, code, message = _IDLE if tx_status == "I" else _IN_TRANSACTION
    try:
        ms = ms_value(str(values.get(name, "0")))
    except ValueError:
        return None
    if ms <= 0:
        return None
    return ms / 1000.0, SqlError(code, message, severity="FATAL")


class IdleTimer:
    """At most one armed idle timer; ``on_expire`` gets the FATAL error to send."""

    __slots__ = ("_handle",)

    def __init__(self) -> None:
        self._handle: asyncio.TimerHandle | None = None

    def arm(self, session: Any, tx_status: str, on_expire: Callable[[SqlError], None]) -> None:
        self.disarm()
        timeout = idle_timeout(session, tx_status)
        if timeout is None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        delay, err = timeout
        self._handle = loop.call_later(delay, self._fire, on_expire, err)

    def _fire(self, on_expire: Callable[[SqlError], None], err: SqlError) -> None:
        self._handle = None
        on_expire(err)

    def disarm(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    @property
    def armed(self) -> bool:
        return self._handle is not None
