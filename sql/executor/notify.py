"""LISTEN, UNLISTEN and NOTIFY: parsing, the transaction's pending actions, and commit.

As in PostgreSQL, nothing takes effect before the transaction commits: LISTEN / UNLISTEN and
NOTIFY (or ``pg_notify``) are queued on the session's transaction state; ROLLBACK (or ROLLBACK TO
a savepoint set before them) forgets them. Notifications with the same channel and payload are
sent once per transaction. At commit the channel changes are applied first and the notifications
are then published to the instance's :class:`~sql.notify_hub.NotificationHub` -- once the commit
is durable, and not at all when it fails. The frontend reads a session's notifications with
:func:`take` (``Session.take_notifications``) when the session is idle.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from sql.lexer import TokenCursor, tokenize
from sql.notify_hub import Notification
from sql.result import Result

#: PostgreSQL's NAMEDATALEN: channel names must be shorter.
_NAMEDATALEN = 64
#: PostgreSQL's NOTIFY_PAYLOAD_MAX_LENGTH (BLCKSZ - NAMEDATALEN - 128): payloads must be shorter.
_PAYLOAD_MAX = 8000


# pending state ----------------------------------------------------------------------------------
@dataclass
class _Pending:
    actions: list[tuple[str, str | None]] = field(default_factory=list)  # (listen|unlisten, channel or None=*)
    notes: list[tuple[str, str]] = field(default_factory=list)
    seen: set[tuple[str, str]] = field(default_factory=set)


def _pending(session: Any) -> _Pending:
    state = getattr(session, "_notify_pending", None)
    if state is None:
        state = session._notify_pending = _Pending()
    return state


def _hub(session: Any) -> Any:
    return session.instance.notifications


def queue_notification(session: Any, channel: str | None, payload: str | None) -> None:
    """NOTIFY / pg_notify: checks the arguments and queues the notification on the transaction."""
    if not channel:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "channel name cannot be empty")
    if len(channel.encode()) >= _NAMEDATALEN:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "channel name too long")
    payload = payload or ""
    if len(payload.encode()) >= _PAYLOAD_MAX:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "payload string too long")
    session.txn()  # the notification belongs to a transaction that must commit
    state = _pending(session)
    key = (channel, payload)
    if key not in state.seen:
        state.seen.add(key)
        state.notes.append(key)


def queue_action(session: Any, action: str, channel: str | None) -> None:
    session.txn()
    _pending(session).actions.append((action, channel))


def listening_channels(session: Any) -> list[str]:
    """The channels this session listens on (committed LISTENs, in their order)."""
    return _hub(session).channels(session.backend_pid)


# transaction hooks (called from sql.executor.txstate and Session._commit) -----------------------
def savepoint_mark(session: Any) -> tuple[int, int]:
    state = getattr(session, "_notify_pending", None)
    return (len(state.actions), len(state.notes)) if state is not None else (0, 0)


def rollback_to(session: Any, mark: tuple[int, int]) -> None:
    state = getattr(session, "_notify_pending", None)
    if state is None:
        return
    n_actions, n_notes = mark
    del state.actions[n_actions:]
    if len(state.notes) > n_notes:
        del state.notes[n_notes:]
        state.seen = set(state.notes)


def pre_commit(session: Any) -> None:
    """The transaction is about to commit: set its LISTEN/NOTIFY work aside for :func:`after_commit`."""
    session._notify_committing = getattr(session, "_notify_pending", None)
    session._notify_pending = None


def at_end(session: Any, committed: bool) -> None:
    session._notify_pending = None
    if not committed:
        session._notify_committing = None


def after_commit(session: Any, fut: Future[Any] | None) -> None:
    """Apply the committed transaction's LISTEN/UNLISTEN, then publish its notifications once durable."""
    state: _Pending | None = getattr(session, "_notify_committing", None)
    if state is None:
        return
    session._notify_committing = None
    hub = _hub(session)
    pid = session.backend_pid
    if state.actions:
        channels = hub.channels(pid)
        for action, channel in state.actions:
            if channel is None:
                channels = []
            elif action == "listen":
                if channel not in channels:
                    channels.append(channel)
            elif channel in channels:
                channels.remove(channel)
        hub.set_channels(pid, session.database_oid, channels)
    if not state.notes:
        return
    notes = state.notes
    db_oid = session.database_oid

    def publish(f: Future[Any] | None = None) -> None:
        if f is None or (not f.cancelled() and f.exception() is None):
            hub.publish(db_oid, pid, notes)

    if fut is None:
        publish()
    else:
        fut.add_done_callback(publish)


def unlisten_all(session: Any) -> None:
    """DISCARD ALL: UNLISTEN * (taking effect when the statement's transaction commits, as PostgreSQL's)."""
    queue_action(session, "unlisten", None)


def take(session: Any) -> list[Notification]:
    """Notifications that arrived for this session and are still wanted (each is returned once)."""
    return _hub(session).take(session.backend_pid)


# statements -------------------------------------------------------------------------------------
def _channel_name(name: str, notices: list[SqlError]) -> str:
    """Channel names are identifiers: cut to NAMEDATALEN - 1 bytes with a NOTICE, as the parser does."""
    from sql.executor.ddl_util import truncate_name

    return truncate_name(name, notices)


@dataclass(frozen=True)
class ListenStmt:
    channel: str | None  # None: UNLISTEN *
    listen: bool

    def execute_utility(self, session: Any) -> Result:
        notices: list[SqlError] = []
        channel = _channel_name(self.channel, notices) if self.channel is not None else None
        queue_action(session, "listen" if self.listen else "unlisten", channel)
        return Result("LISTEN" if self.listen else "UNLISTEN", notices=notices)


@dataclass(frozen=True)
class NotifyStmt:
    channel: str
    payload: str | None

    def execute_utility(self, session: Any) -> Result:
        notices: list[SqlError] = []
        queue_notification(session, _channel_name(self.channel, notices), self.payload)
        return Result("NOTIFY", notices=notices)


class _Cursor(TokenCursor):
    def name(self) -> str:
        t = self.peek()
        if t is None or t.kind not in ("word", "ident"):
            raise self.error()
        if t.kind == "ident" and not t.value:
            raise SqlError(sqlstate.SYNTAX_ERROR, 'zero-length delimited identifier at or near """"',
                           position=t.pos + 1)
        self.i += 1
        return t.value if t.kind == "ident" else t.value.lower()

    def op(self, value: str) -> bool:
        t = self.peek()
        if t is not None and t.kind == "op" and t.value == value:
            self.i += 1
            return True
        return False

    def done(self) -> None:
        if not self.at_end():
            raise self.error()

    def error(self) -> SqlError:
        t = self.peek()
        if t is None or t.kind != "string":
            return super().error()
        following = self.peek(1)
        raw = self.text[t.pos:following.pos if following is not None else len(self.text)].rstrip()
        return SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{raw}"', position=t.pos + 1)


def parse(text: str, first: list[str]) -> ListenStmt | NotifyStmt:
    """LISTEN channel | UNLISTEN { channel | * } | NOTIFY channel [ , 'payload' ]."""
    cur = _Cursor(text, tokenize(text))
    cur.i = 1
    word = first[0]
    if word == "UNLISTEN" and cur.op("*"):
        cur.done()
        return ListenStmt(None, False)
    channel = cur.name()
    if word != "NOTIFY":
        cur.done()
        return ListenStmt(channel, word == "LISTEN")
    payload = None
    if cur.op(","):
        t = cur.peek()
        if t is None or t.kind != "string":
            raise cur.error()
        cur.i += 1
        payload = t.value
    cur.done()
    return NotifyStmt(channel, payload)
