"""The two views of a KVEnv's data: read snapshots and the apply-side write batch.

What lives here: :class:`ReadView` (an LMDB read transaction; usable from any thread, may stay
open across ``await`` points) and :class:`WriteBatch` (the child write transaction an apply
function runs in, inside the writer thread). What does not live here: opening environments, the
writer thread and map growth (:mod:`storage.kv`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

import lmdb

if TYPE_CHECKING:
    from storage.kv import KVEnv

__all__ = ["ReadView", "WriteBatch", "KVIter"]

KVIter = Iterator[tuple[bytes, bytes]]
_FIRST_CHUNK = 8
_MAX_CHUNK = 256


class ReadView:
    """A consistent snapshot of the env (an LMDB read transaction)."""

    __slots__ = ("_kv", "_txn", "_gen", "_closed", "__weakref__")

    def __init__(self, kv: KVEnv, txn: Any, gen: int) -> None:
        self._kv = kv
        self._txn = txn
        self._gen = gen
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def get(self, key: bytes) -> bytes | None:
        if self._closed:
            raise ValueError("read view is closed")
        try:
            with self._kv._lock:
                return self._txn.get(key)
        except lmdb.Error as e:
            raise self._kv._read_error(e, self._gen) from e

    def first(self, start: bytes, end: bytes | None = None) -> tuple[bytes, bytes] | None:
        """The first ``(key, value)`` with a key in ``[start, end)``, or None (a cheap probe)."""
        if self._closed:
            raise ValueError("read view is closed")
        try:
            with self._kv._lock:
                cur = self._txn.cursor()
                if not cur.set_range(start):
                    return None
                k = cur.key()
                if end is not None and k >= end:
                    return None
                return k, cur.value()
        except lmdb.Error as e:
            raise self._kv._read_error(e, self._gen) from e

    def scan(self, start: bytes, end: bytes | None = None, reverse: bool = False) -> KVIter:
        """Yield ``(key, value)`` for keys in ``[start, end)``, ascending or descending."""
        if self._closed:
            raise ValueError("read view is closed")
        return self._scan(start, end, reverse)

    def _scan(self, start: bytes, end: bytes | None, reverse: bool) -> KVIter:
        lock = self._kv._lock
        try:
            with lock:
                cur = self._txn.cursor()
                if reverse:
                    it = cur.iterprev() if _position_before(cur, end) else iter(())
                else:
                    it = cur.iternext() if cur.set_range(start) else iter(())
            n = _FIRST_CHUNK
            while True:
                with lock:
                    chunk = list(islice(it, n))
                for k, v in chunk:
                    if reverse:
                        if k < start:
                            return
                    elif end is not None and k >= end:
                        return
                    yield k, v
                if len(chunk) < n:
                    return
                n = min(n * 2, _MAX_CHUNK)
        except lmdb.Error as e:
            raise self._kv._read_error(e, self._gen) from e

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._kv._release_view(self._txn, self._gen)
        self._txn = None

    def __enter__(self) -> ReadView:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass


class WriteBatch:
    """The view of one apply function: a child write transaction inside the writer's batch."""

    __slots__ = ("_txn", "_hooks", "_closed")

    def __init__(self, txn: Any) -> None:
        self._txn = txn
        self._hooks: list[Callable[[], object]] = []
        self._closed = False

    def _check(self) -> None:
        if self._closed:
            raise ValueError("write batch is no longer usable")

    def get(self, key: bytes) -> bytes | None:
        self._check()
        return self._txn.get(key)

    def put(self, key: bytes, value: bytes) -> None:
        self._check()
        self._txn.put(key, value)

    def delete(self, key: bytes) -> bool:
        self._check()
        return self._txn.delete(key)

    def first(self, start: bytes, end: bytes | None = None) -> tuple[bytes, bytes] | None:
        """The first ``(key, value)`` with a key in ``[start, end)``, or None."""
        self._check()
        cur = self._txn.cursor()
        if not cur.set_range(start):
            return None
        k = cur.key()
        if end is not None and k >= end:
            return None
        return k, cur.value()

    def scan(self, start: bytes, end: bytes | None = None, reverse: bool = False) -> KVIter:
        """Like :meth:`ReadView.scan`, over this batch's view (including its own writes).

        Do not modify the batch while iterating; collect keys first.
        """
        self._check()
        cur = self._txn.cursor()
        if reverse:
            if not _position_before(cur, end):
                return
            for k, v in cur.iterprev():
                if k < start:
                    return
                yield k, v
        else:
            if not cur.set_range(start):
                return
            for k, v in cur.iternext():
                if end is not None and k >= end:
                    return
                yield k, v

    def delete_range(self, start: bytes, end: bytes | None) -> int:
        """Delete every key in ``[start, end)``; return how many were deleted."""
        self._check()
        cur = self._txn.cursor()
        n = 0
        if not cur.set_range(start):
            return 0
        while True:
            k = cur.key()
            if not k or (end is not None and k >= end):
                return n
            if not cur.delete():
                return n
            n += 1

    def after_commit(self, hook: Callable[[], object]) -> None:
        """Run ``hook()`` in the writer thread once the batch is durable, before futures resolve."""
        self._hooks.append(hook)


def _position_before(cur: Any, end: bytes | None) -> bool:
    """Put ``cur`` on the last key below ``end`` (the last key at all when None); False if none."""
    if end is None:
        return cur.last()
    if cur.set_range(end):
        return cur.prev()
    return cur.last()
