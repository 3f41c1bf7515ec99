"""SERIALIZABLE: read sets, write sets and rw-antidependency certification at commit.

What lives here: :class:`ReadSet` (what a serializable transaction read: row/index keys for
point reads, key ranges for scans), :class:`SerialTxn` (one serializable transaction as the
certifier sees it) and :class:`Certifier` (one per :class:`storage.kv.KVEnv`: the active and
recently committed serializable transactions). What does not live here: snapshots and buffered
writes (:mod:`storage.txn`), the replay of a write set (:mod:`storage.commit`).

The method is serializable snapshot isolation. Two concurrent serializable transactions R and W
have an rw-antidependency R -> W when R read a key (or a range holding a key) that W wrote: R
saw the version before W's. Every cycle of dependencies among snapshot-isolated transactions
contains a transaction with both an incoming and an outgoing rw-antidependency (a pivot). When a
transaction commits, the certifier (running in the env's writer thread, so commits are certified
one at a time in commit order) adds the edges between it and every concurrent serializable
transaction, and refuses the commit with SQLSTATE 40001 when that makes the committing
transaction, or an already committed one, a pivot. An active transaction that became a pivot is
refused at its own commit. This is more conservative than PostgreSQL (which also requires the
outgoing transaction to have committed first), so it may refuse a few more commits; it never
lets a dangerous structure commit.

Only serializable transactions are tracked, as in PostgreSQL. A committed transaction's sets are
kept until no transaction whose snapshot predates its commit is still active.
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

__all__ = ["ReadSet", "SerialTxn", "WriteKeys", "Certifier", "certifier_for", "RecordingBatch", "certified_apply"]

ACTIVE, COMMITTED, ABORTED = "active", "committed", "aborted"


class ReadSet:
    """Keys and ranges one transaction read. Appended to by the session's thread only."""

    __slots__ = ("points", "ranges")

    def __init__(self) -> None:
        self.points: set[bytes] = set()
        self.ranges: list[tuple[bytes, bytes | None]] = []  # [start, end); end None: open

    def copy(self) -> tuple[set[bytes], list[tuple[bytes, bytes | None]]]:
        return self.points.copy(), self.ranges.copy()  # C-level copies: safe against the appender


class WriteKeys:
    """The keys one commit wrote (sorted) and the ranges it removed."""

    __slots__ = ("keys", "sorted_keys", "ranges")

    def __init__(self, keys: set[bytes], ranges: list[tuple[bytes, bytes | None]]) -> None:
        self.keys = keys
        self.sorted_keys = sorted(keys)
        self.ranges = ranges

    def touches(self, reads: tuple[set[bytes], list[tuple[bytes, bytes | None]]]) -> bool:
        points, ranges = reads
        if not self.keys and not self.ranges:
            return False
        if len(points) < len(self.keys):
            if any(p in self.keys for p in points):
                return True
        elif any(k in points for k in self.keys):
            return True
        sk = self.sorted_keys
        for start, end in ranges:
            i = bisect_left(sk, start)
            if i < len(sk) and (end is None or sk[i] < end):
                return True
        for ws, we in self.ranges:
            if any(ws <= p and (we is None or p < we) for p in points):
                return True
            if any((we is None or s < we) and (e is None or ws < e) for s, e in ranges):
                return True
        return False


class SerialTxn:
    """One serializable transaction: snapshot position, reads, writes and its rw-edges."""

    __slots__ = ("snap_seq", "commit_seq", "begin_no", "ended_at", "reads", "writes", "state", "in_edges",
                 "out_edges", "__weakref__")

    def __init__(self, snap_seq: int, begin_no: int) -> None:
        self.snap_seq = snap_seq
        self.begin_no = begin_no  # order of registration
        self.ended_at = 0  # read-only: the last begin_no registered when it committed
        self.commit_seq: int | None = None
        self.reads = ReadSet()
        self.writes: WriteKeys | None = None
        self.state = ACTIVE
        self.in_edges: set[SerialTxn] = set()  # transactions that read what this one wrote
        self.out_edges: set[SerialTxn] = set()  # transactions that wrote what this one read

    def pivot(self) -> bool:
        return any(t.state != ABORTED for t in self.in_edges) and any(t.state != ABORTED for t in self.out_edges)


def _rw_edge(reader: SerialTxn, writer: SerialTxn) -> None:
    reader.out_edges.add(writer)
    writer.in_edges.add(reader)


class Certifier:
    """The serializable transactions of one env (see the module docstring)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seq = 0  # commit order, advanced in the writer thread at certification
        self._begins = 0  # registrations so far
        self._visible_seq = 0  # highest commit_seq whose data is committed in LMDB
        self._active: set[SerialTxn] = set()
        self._committed: list[SerialTxn] = []  # in commit order

    def begin(self, open_snapshot: Callable[[], Any]) -> tuple[SerialTxn, Any]:
        """Register a transaction and open its snapshot (the position is read before the snapshot
        opens, so a commit racing with it counts as concurrent: safe, never missed)."""
        with self._lock:
            self._begins += 1
            st = SerialTxn(self._visible_seq, self._begins)
            self._active.add(st)
        try:
            return st, open_snapshot()
        except BaseException:
            self.abort(st)
            raise

    def abort(self, st: SerialTxn) -> None:
        with self._lock:
            if st.state == ACTIVE:
                st.state = ABORTED
                self._active.discard(st)
                self._prune()

    def certify(self, st: SerialTxn, writes: WriteKeys | None) -> Callable[[], None]:
        """Add ``st``'s edges at commit; raise 40001 if that forms a dangerous structure.

        Runs in the writer thread for a transaction that wrote (``writes``), in the session's
        thread for a read-only one (``writes`` None). Returns the hook to run once the commit is
        durable. Writers take even commit positions; a read-only commit takes the odd position
        after the last writer, so a snapshot taken at that writer's position still counts it as
        concurrent.
        """
        with self._lock:
            if st.state == ABORTED:
                raise _failure()
            if st.state == COMMITTED:  # the writer retried the batch: already certified
                return partial_hook(self, st)
            reads = st.reads.copy()
            touched: list[SerialTxn] = []
            for other in self._committed:
                if other.commit_seq is None or other.commit_seq <= st.snap_seq:
                    continue
                if other.writes is not None and other.writes.touches(reads):
                    _rw_edge(st, other)
                    touched.append(other)
                if writes is not None and writes.touches(other.reads.copy()):
                    _rw_edge(other, st)
                    touched.append(other)
            if writes is not None:
                for other in self._active:
                    if other is not st and writes.touches(other.reads.copy()):
                        _rw_edge(other, st)
            if st.pivot() or any(o.pivot() for o in touched):
                st.state = ABORTED
                self._active.discard(st)
                self._prune()
                raise _failure()
            if writes is None:
                st.commit_seq = self._seq + 1
                st.ended_at = self._begins
            else:
                self._seq += 2
                st.commit_seq = self._seq
            st.writes = writes
            st.state = COMMITTED
            self._active.discard(st)
            self._committed.append(st)
        return partial_hook(self, st)

    def _published(self, st: SerialTxn) -> None:
        with self._lock:
            if st.writes is not None and st.commit_seq is not None and st.commit_seq > self._visible_seq:
                self._visible_seq = st.commit_seq
            self._prune()

    def _prune(self) -> None:
        """Forget committed transactions no active transaction overlaps (caller holds the lock)."""
        if not self._committed:
            return
        horizon = min((t.snap_seq for t in self._active), default=self._visible_seq)
        first_active = min((t.begin_no for t in self._active), default=self._begins + 1)
        # a writer matters to transactions whose snapshot misses it; a read-only one only to
        # transactions that were already running when it committed
        keep = [t for t in self._committed if (t.ended_at >= first_active if t.writes is None
                                               else t.commit_seq is None or t.commit_seq > horizon)]
        if len(keep) != len(self._committed):
            for t in self._committed:
                if t not in keep:
                    t.in_edges.clear()
                    t.out_edges.clear()
            self._committed = keep

    @property
    def tracked(self) -> int:
        """Active plus retained committed transactions (for tests)."""
        return len(self._active) + len(self._committed)


def partial_hook(cert: Certifier, st: SerialTxn) -> Callable[[], None]:
    return lambda: cert._published(st)


def _failure() -> SqlError:
    return SqlError(
        sqlstate.SERIALIZATION_FAILURE,
        "could not serialize access due to read/write dependencies among transactions",
        detail="Reason code: Canceled on identification as a pivot, during commit attempt.",
        hint="The transaction might succeed if retried.",
    )


class RecordingBatch:
    """A WriteBatch wrapper that remembers the keys written and the ranges removed."""

    def __init__(self, wb: Any) -> None:
        self._wb = wb
        self.keys: set[bytes] = set()
        self.ranges: list[tuple[bytes, bytes | None]] = []

    def put(self, key: bytes, value: bytes) -> None:
        self.keys.add(key)
        self._wb.put(key, value)

    def delete(self, key: bytes) -> bool:
        self.keys.add(key)
        return self._wb.delete(key)

    def delete_range(self, start: bytes, end: bytes | None) -> int:
        self.ranges.append((start, end))
        return self._wb.delete_range(start, end)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wb, name)


_lock = threading.Lock()
_certifiers: weakref.WeakKeyDictionary[Any, Certifier] = weakref.WeakKeyDictionary()


def certifier_for(env: Any) -> Certifier:
    """The certifier of one KVEnv."""
    with _lock:
        cert = _certifiers.get(env)
        if cert is None:
            cert = _certifiers[env] = Certifier()
        return cert


def certified_apply(apply: Callable[[Any], None], cert: Certifier, st: SerialTxn) -> Callable[[Any], None]:
    """Wrap a write-set apply so that the keys it writes are certified for ``st`` (last step)."""

    def run(wb: Any) -> None:
        rec = RecordingBatch(wb)
        apply(rec)
        wb.after_commit(cert.certify(st, WriteKeys(rec.keys, rec.ranges)))

    return run
