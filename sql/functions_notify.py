"""pg_notify, pg_listening_channels and pg_notification_queue_usage (see :mod:`sql.executor.notify`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sql import typesys as T
from sql.functions import builtin, set_returning
from sql.functions_util import VOID


@builtin("pg_notify", (T.TEXT, T.TEXT), T.VOID, needs_ctx=True, strict=False, volatile=True)
def pg_notify(ctx: Any, channel: str | None, payload: str | None) -> str:
    from sql.executor.notify import queue_notification

    queue_notification(ctx.session, channel, payload)
    return VOID


@set_returning("pg_listening_channels", (), [("pg_listening_channels", T.TEXT)], needs_ctx=True, volatile=True)
def pg_listening_channels(ctx: Any) -> Iterator[tuple[Any, ...]]:
    from sql.executor.notify import listening_channels

    return iter([(c,) for c in listening_channels(ctx.session)])


@builtin("pg_notification_queue_usage", (), T.FLOAT8, volatile=True)
def pg_notification_queue_usage() -> float:
    return 0.0  # notifications are handed to the listeners' inboxes at once: there is no shared queue
