"""The instance-wide exchange for LISTEN / NOTIFY.

Every backend that listens on at least one channel is registered here with its database and its
(committed) set of channels. A committed transaction's notifications are published to every
backend registered in the same database; each one lands in that backend's inbox and the backend's
waker (set by the frontend) is called so an idle client can be sent them at once.

As in PostgreSQL, the channel filter is applied when the inbox is read: a notification that
arrived while the backend was busy is dropped if the backend stopped listening on its channel
before it got to read it. Thread-safe: publishers are other sessions, possibly on worker threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple


class Notification(NamedTuple):
    sender_pid: int
    channel: str
    payload: str


@dataclass
class _Listener:
    database_oid: int
    channels: list[str] = field(default_factory=list)  # in LISTEN order, as pg_listening_channels shows
    inbox: list[Notification] = field(default_factory=list)


class NotificationHub:
    """Backend pid -> its channels and undelivered notifications."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: dict[int, _Listener] = {}
        self._wakers: dict[int, Callable[[], None]] = {}

    def set_waker(self, pid: int, waker: Callable[[], None] | None) -> None:
        """``waker()`` is called (from any thread) when notifications arrive for ``pid``."""
        with self._lock:
            if waker is None:
                self._wakers.pop(pid, None)
            else:
                self._wakers[pid] = waker

    def channels(self, pid: int) -> list[str]:
        with self._lock:
            listener = self._listeners.get(pid)
            return list(listener.channels) if listener is not None else []

    def set_channels(self, pid: int, database_oid: int, channels: list[str]) -> None:
        """The committed channel list of ``pid``; an empty list unregisters it."""
        with self._lock:
            listener = self._listeners.get(pid)
            if not channels:
                if listener is not None:
                    del self._listeners[pid]
                return
            if listener is None:
                listener = self._listeners[pid] = _Listener(database_oid)
            listener.channels = list(channels)

    def publish(self, database_oid: int, sender_pid: int, notes: list[tuple[str, str]]) -> None:
        """Deliver a committed transaction's notifications (in order) to the database's listeners."""
        if not notes:
            return
        items = [Notification(sender_pid, channel, payload) for channel, payload in notes]
        wake: list[Callable[[], None]] = []
        with self._lock:
            for pid, listener in self._listeners.items():
                if listener.database_oid != database_oid:
                    continue
                listened = listener.channels
                mine = [n for n in items if n.channel in listened]
                if mine:
                    listener.inbox.extend(mine)
                    waker = self._wakers.get(pid)
                    if waker is not None:
                        wake.append(waker)
        for waker in wake:
            waker()

    def has_pending(self, pid: int) -> bool:
        with self._lock:
            listener = self._listeners.get(pid)
            return bool(listener is not None and listener.inbox)

    def take(self, pid: int) -> list[Notification]:
        """The undelivered notifications of ``pid`` on channels it still listens on (and forget them)."""
        listener = self._listeners.get(pid)
        if listener is None or not listener.inbox:
            return []  # the common case, checked without the lock (called before every ReadyForQuery)
        with self._lock:
            listener = self._listeners.get(pid)
            if listener is None or not listener.inbox:
                return []
            inbox, listener.inbox = listener.inbox, []
            listened = listener.channels
            return [n for n in inbox if n.channel in listened]

    def unregister(self, pid: int) -> None:
        """The backend has gone."""
        with self._lock:
            self._listeners.pop(pid, None)
            self._wakers.pop(pid, None)
