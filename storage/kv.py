"""One LMDB environment with snapshot reads and a group-committing writer thread.

What lives here: :class:`KVEnv` (open/close, reads, the writer thread, map growth, error
translation). What does not live here: :class:`ReadView` and :class:`WriteBatch`
(:mod:`storage.kvviews`, re-exported here), the meaning of keys (:mod:`storage.layout`),
transactions and their write sets (:mod:`storage.txn`), the data directory
(:mod:`storage.cluster`). Open each environment path at most once per process.

Concurrency model. Only the env's own writer thread ever opens LMDB write transactions; callers
hand it ``apply`` functions through :meth:`KVEnv.submit`. The writer drains the queue (up to
``max_batch`` submissions), opens one parent write txn, runs each apply in its own child txn
(aborting just that child if it raises), commits the parent once (one fsync for all of them) and
only then resolves the futures. Readers use :class:`ReadView` snapshots from any thread.

Map growth. LMDB needs a maximum map size; it is grown by doubling. py-lmdb's ``set_mapsize``
invalidates every open transaction of the env, so the writer grows the map early (when more than
half is used) at a moment when no ReadView is open. If the map does fill up, the batch is rolled
back, the writer waits up to ``FORCED_GROW_WAIT`` seconds for open views to close, grows the map
anyway and retries the batch; views still open then fail with SQLSTATE 40001 on next use.
Because of the retry, an apply function may run more than once and must not have side effects
outside the WriteBatch (hooks registered with :meth:`WriteBatch.after_commit` run only once).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import lmdb

from sql import sqlstate
from sql.errors import SqlError
from storage.diskspace import extend_failure
from storage.kvviews import ReadView, WriteBatch
from storage.layout import CATALOG_VERSION_KEY, decode_int64

__all__ = ["KVEnv", "ReadView", "WriteBatch"]

log = logging.getLogger(__name__)

USAGE_CHECK_INTERVAL = 0.25  # seconds between map usage checks in the writer
GROW_RETRY_INTERVAL = 0.25  # seconds between attempts to grow while views are open


class _MapFull(Exception):
    """Internal: the batch hit MDB_MAP_FULL and must be retried after growing the map."""


class _TxnFull(Exception):
    """Internal: the batch hit MDB_TXN_FULL (too many dirty pages in one write txn)."""


class KVEnv:
    """An LMDB environment in directory ``path`` with a group-commit writer thread."""

    FORCED_GROW_WAIT = 2.0  # seconds to wait for open views before growing a full map anyway

    def __init__(self, path: str, *, map_size: int = 1 << 36, max_batch: int = 256) -> None:
        self.path = path
        self.max_batch = max(1, max_batch)
        os.makedirs(path, mode=0o700, exist_ok=True)
        try:
            self._env = lmdb.open(
                path,
                map_size=map_size,
                subdir=True,
                readonly=False,
                create=True,
                sync=True,
                metasync=True,
                map_async=False,
                writemap=False,
                readahead=False,
                max_readers=1024,
                max_dbs=0,
                mode=0o600,
                lock=True,
            )
        except lmdb.Error as e:
            raise self._error(e) from e
        self._map_size = max(map_size, self._env.info()["map_size"])
        self._page_size = self._env.stat()["psize"]
        self._lock = threading.RLock()  # guards begin/get/cursor steps of readers vs remapping
        self._views_idle = threading.Condition(self._lock)
        self._open_views = 0
        self._grow_waiting = False
        self._grow_pending = False  # the map is more than half full: grow when no view is open
        self._next_usage_check = 0.0
        self._map_gen = 0
        self._closed = False
        self._queue: deque[tuple[Callable[[WriteBatch], object], Future]] = deque()
        self._cond = threading.Condition()
        self._stopping = False
        #: Run by the writer on every batch just before its LMDB commit (e.g. the audit log's flush); what
        #: it returns, if not None, is called after the commit and before the batch is acknowledged.
        self.before_commit: Callable[[WriteBatch], Callable[[], None] | None] | None = None
        self.batches_committed = 0  # statistics
        self.applies_committed = 0
        with self._env.begin() as txn:
            raw = txn.get(CATALOG_VERSION_KEY)
        #: Catalog version as of the last commit (maintained by :mod:`storage.txn`).
        self.committed_catalog_version: int = decode_int64(raw) if raw else 0
        self._writer = threading.Thread(target=self._run, name=f"kv-writer:{path}", daemon=True)
        self._writer.start()

    # ------------------------------------------------------------------ readers
    def read(self) -> ReadView:
        """Open a snapshot. Close it (or use ``with``) promptly: open views delay map growth."""
        with self._lock:
            if self._closed:
                raise SqlError(sqlstate.ADMIN_SHUTDOWN, "storage environment is closed")
            try:
                txn = self._env.begin(write=False, buffers=False)
            except lmdb.Error as e:
                raise self._error(e) from e
            self._open_views += 1
            return ReadView(self, txn, self._map_gen)

    def _release_view(self, txn: Any, gen: int) -> None:
        with self._lock:
            if gen == self._map_gen:  # views of older generations were already discounted
                self._open_views -= 1
            try:
                if txn is not None and not self._closed:
                    txn.abort()
            except lmdb.Error:
                pass
            if self._open_views == 0 and self._grow_waiting:
                self._views_idle.notify_all()

    @property
    def open_views(self) -> int:
        return self._open_views

    @property
    def map_size(self) -> int:
        return self._map_size

    def _read_error(self, e: lmdb.Error, gen: int) -> SqlError:
        if self._closed:
            return SqlError(sqlstate.ADMIN_SHUTDOWN, "storage environment is closed")
        if gen != self._map_gen:
            return SqlError(
                sqlstate.SERIALIZATION_FAILURE,
                "could not serialize access because the snapshot was invalidated by database growth",
                hint="Retry the transaction.",
            )
        return self._error(e)

    # ------------------------------------------------------------------ writers
    def submit(self, apply: Callable[[WriteBatch], object]) -> Future:
        """Queue ``apply`` for the next group commit; the future resolves after the fsync."""
        fut: Future = Future()
        with self._cond:
            if self._stopping:
                raise SqlError(sqlstate.ADMIN_SHUTDOWN, "storage environment is closed")
            self._queue.append((apply, fut))
            self._cond.notify()
        return fut

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._stopping:
                    if self._grow_pending:
                        self._cond.wait(timeout=GROW_RETRY_INTERVAL)
                        if not self._queue:
                            self._grow(forced=False)
                    else:
                        self._cond.wait()
                if not self._queue:
                    return
                n = min(len(self._queue), self.max_batch)
                batch = [self._queue.popleft() for _ in range(n)]
            batch = [item for item in batch if item[1].set_running_or_notify_cancel()]
            if batch:
                try:
                    self._process(batch)
                except BaseException as e:  # a bug in this module; never leave futures hanging
                    log.exception("writer thread failure")
                    for _, fut in batch:
                        if not fut.done():
                            fut.set_exception(e)
            now = time.monotonic()
            if now >= self._next_usage_check:  # env.info() releases the GIL: not after every batch
                self._next_usage_check = now + USAGE_CHECK_INTERVAL
                if self._want_growth():
                    self._grow_pending = True
                    self._grow(forced=False)

    def _process(self, batch: list[tuple[Callable[[WriteBatch], object], Future]]) -> None:
        while True:
            try:
                outcomes = self._run_batch(batch)
                break
            except _MapFull:
                self._grow(forced=True)
            except _TxnFull:
                if len(batch) > 1:
                    for item in batch:
                        self._process([item])
                    return
                batch[0][1].set_exception(
                    SqlError(sqlstate.PROGRAM_LIMIT_EXCEEDED, "transaction is too large to commit")
                )
                return
            except lmdb.Error as e:
                err = self._error(e)
                for _, fut in batch:
                    fut.set_exception(err)
                return
        self.batches_committed += 1
        for _fut, _result, exc, hooks in outcomes:
            if exc is None:
                self.applies_committed += 1
                for hook in hooks:
                    try:
                        hook()
                    except Exception:
                        log.exception("after-commit hook failed")
        for fut, result, exc, _ in outcomes:
            if exc is None:
                fut.set_result(result)
            else:
                fut.set_exception(exc)

    def _run_batch(self, batch: list[tuple[Callable[[WriteBatch], object], Future]]) -> list[tuple]:
        env = self._env
        try:
            parent = env.begin(write=True)
        except lmdb.MapFullError as e:
            raise _MapFull() from e
        try:
            outcomes: list[tuple] = []
            single = len(batch) == 1  # the parent alone gives the same isolation (fewer GIL releases)
            for apply, fut in batch:
                child = parent if single else env.begin(write=True, parent=parent)
                wb = WriteBatch(child)
                try:
                    result = apply(wb)
                    wb._closed = True
                    if not single:
                        child.commit()
                except (lmdb.MapFullError, lmdb.TxnFullError) as e:
                    if not single:
                        child.abort()
                    raise (_MapFull() if isinstance(e, lmdb.MapFullError) else _TxnFull()) from e
                except Exception as e:
                    wb._closed = True
                    outcomes.append((fut, None, self._error(e) if isinstance(e, lmdb.Error) else e, ()))
                    if single:
                        return outcomes  # the finally clause aborts the parent
                    child.abort()
                    continue
                outcomes.append((fut, result, None, wb._hooks))
            finish = None
            if self.before_commit is not None:
                try:
                    finish = self.before_commit(WriteBatch(parent))
                except lmdb.MapFullError as e:
                    raise _MapFull() from e
            try:
                parent.commit()
            except lmdb.MapFullError as e:
                raise _MapFull() from e
            except lmdb.TxnFullError as e:
                raise _TxnFull() from e
            parent = None
            if finish is not None:
                try:
                    finish()
                except Exception:
                    log.critical("before-commit step failed after the commit", exc_info=True)
            return outcomes
        finally:
            if parent is not None:
                parent.abort()

    # ------------------------------------------------------------------ map growth
    def _want_growth(self) -> bool:
        used = (self._env.info()["last_pgno"] + 1) * self._page_size
        return used * 2 > self._map_size

    def _grow(self, forced: bool) -> None:
        new_size = self._map_size * 2
        deadline = time.monotonic() + self.FORCED_GROW_WAIT
        with self._lock:
            if self._open_views:
                if not forced:
                    return
                self._grow_waiting = True
                try:
                    while self._open_views:
                        remaining = deadline - time.monotonic()
                        if remaining <= 0:
                            log.warning("growing %s with %d open snapshots", self.path, self._open_views)
                            break
                        self._views_idle.wait(remaining)
                finally:
                    self._grow_waiting = False
            self._map_gen += 1
            self._open_views = 0  # every open view is invalidated by the remap
            try:
                self._env.set_mapsize(new_size)
            except lmdb.Error as e:
                raise self._error(e) from e
            self._map_size = new_size
            self._grow_pending = False

    # ------------------------------------------------------------------ errors / lifecycle
    def _error(self, e: BaseException) -> SqlError:
        datafile = os.path.join(self.path, "data.mdb")
        text = str(e)
        reason = "No space left on device" if isinstance(e, lmdb.DiskError) or "No space" in text else None
        if reason is None and (isinstance(e, OSError) or "Input/output error" in text):
            reason = extend_failure(datafile)  # LMDB reports a short write as EIO
        if reason is not None:
            return SqlError(sqlstate.DISK_FULL, f'could not extend file "{datafile}": {reason}',
                            hint="Check free disk space.")
        if isinstance(e, lmdb.BadValsizeError):
            return SqlError(sqlstate.PROGRAM_LIMIT_EXCEEDED, f"key too large for storage: {text}")
        if isinstance(e, lmdb.ReadersFullError):
            return SqlError(sqlstate.CONFIGURATION_LIMIT_EXCEEDED, "too many open snapshots")
        return SqlError(sqlstate.IO_ERROR, f'could not access file "{datafile}": {text}')

    def close(self) -> None:
        """Finish queued work, stop the writer thread and close the environment."""
        with self._cond:
            if self._stopping:
                already = True
            else:
                already = False
                self._stopping = True
                self._cond.notify_all()
        if threading.current_thread() is not self._writer:
            self._writer.join()
        if already:
            return
        with self._lock:
            self._closed = True
            self._env.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> KVEnv:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
