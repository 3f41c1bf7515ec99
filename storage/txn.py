"""Transactions: a snapshot for reads plus an in-memory write set applied at COMMIT.

What lives here: :class:`Transaction` (merged reads, buffered writes with immediate uniqueness
checks, catalog records, sequences, savepoints, commit/rollback), :func:`catalog_version` and
the per-process rowid allocator. What does not live here: the commit-time replay
(:mod:`storage.commit`), the in-memory structures (:mod:`storage.writeset`), key layout
(:mod:`storage.layout`), LMDB access (:mod:`storage.kv`).

Nothing touches LMDB for writing before :meth:`Transaction.commit`, which hands one apply
function to the env's group-commit writer; no Transaction ever holds the LMDB write lock.

Scans are Halloween-safe for rows of the scanned key range: local rows are captured when the
scan starts, so writes made while iterating are not seen by that scan. Index scans decide whether
a committed index entry is superseded by a local write at the moment they reach it.

Catalog writes are checked at commit: if a catalog key this transaction writes was changed by
another transaction since this transaction's snapshot saw it, commit fails with 40001 (pass
``check=False`` to :meth:`Transaction.put_catalog` for keys where last-writer-wins is wanted).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from functools import partial

from sql import sqlstate
from sql.errors import SqlError
from storage.commit import (
    OP_BUILD_INDEX,
    OP_DELETE,
    OP_DROP_INDEX,
    OP_INSERT,
    OP_TRUNCATE,
    OP_UPDATE,
    SEQ_AT_MOST,
    WriteSet,
    apply_writeset,
)
from storage.keys import decode_key, encode_key, prefix_successor
from storage.kv import KVEnv, ReadView
from storage.layout import (
    CATALOG_VERSION_KEY,
    IndexLayout,
    TableLayout,
    bounds_to_range,
    catalog_key,
    decode_int64,
    index_prefix,
    index_values,
    row_key,
    sequence_key,
    table_prefix,
    unique_values,
)
from storage.locks import FOR_UPDATE, LockManager, LockOwner, lock_manager
from storage.merge import committed_index_rows, merge_catalog, merge_index, merge_rows, unindexed_committed
from storage.rows import decode_row
from storage.ssi import SerialTxn, certified_apply, certifier_for
from storage.writeset import (
    DELETED,
    MAX_KEY_SIZE,
    MISSING,
    TableWrites,
    check_key_size,
    duplicate_in_new_index,
    unique_violation,
)

__all__ = ["Transaction", "TableLayout", "IndexLayout", "catalog_version", "allocate_rowid"]

Bound = Sequence[object] | None
RowIter = Iterator[tuple[bytes, tuple]]
_HDR = 5

_FIXED = (float, bool, type(None))
READ_COMMITTED = "read committed"
SERIALIZABLE = "serializable"
# the primary keys a transaction inserts are row-locked (so a concurrent insert of the same key
# waits, as in PostgreSQL) up to this many; beyond it a duplicate is found at COMMIT (23505)
INSERT_LOCK_LIMIT = 10_000


def _size_bound(v: object) -> int:
    """An upper bound of ``len(encode_value(v))`` (MAX_KEY_SIZE + 1 when unknown)."""
    if isinstance(v, str | bytes):
        return 4 * len(v) + 3
    if type(v) is int:
        return 9 if -(1 << 63) <= v < (1 << 63) else MAX_KEY_SIZE + 1  # type: ignore[operator]
    return 9 if isinstance(v, _FIXED) else MAX_KEY_SIZE + 1


_rowid_lock = threading.Lock()
_rowids: weakref.WeakKeyDictionary[KVEnv, dict[int, int]] = weakref.WeakKeyDictionary()


def allocate_rowid(env: KVEnv, table_id: int) -> int:
    """Next hidden rowid of a table without a PK; never repeats within this process."""
    with _rowid_lock:
        counters = _rowids.get(env)
        if counters is None:
            counters = _rowids[env] = {}
        last = counters.get(table_id)
        if last is None:
            p = table_prefix(table_id)
            with env.read() as view:
                hit = next(view.scan(p, prefix_successor(p), reverse=True), None)
            last = decode_key(hit[0], _HDR)[0] if hit else 0
        counters[table_id] = last + 1
        return last + 1  # type: ignore[operator]


def catalog_version(view: ReadView) -> int:
    """The catalog version counter as seen by a snapshot."""
    raw = view.get(CATALOG_VERSION_KEY)
    return decode_int64(raw) if raw else 0


class Transaction:
    """One transaction on one KVEnv. Use from one thread (the event loop)."""

    def __init__(self, env: KVEnv) -> None:
        self.env = env
        self._view: ReadView | None = None
        self._tables: dict[int, TableWrites] = {}
        self._ws = WriteSet()
        self._state = "active"  # active | committing | rolled back
        self._journal: list[tuple] | None = None  # undo records while savepoints exist
        self._savepoints: list[tuple[int, int, int]] = []  # (journal length, ops length, lock mark)
        self._snap_commits = -1  # env.batches_committed when the snapshot was taken
        self.lock_owner = LockOwner()
        self._insert_locks = 0
        self.lock_inserts = False  # lock the primary keys inserted (see INSERT_LOCK_LIMIT)
        self._locks: LockManager | None = None
        self.isolation = READ_COMMITTED  # set by begin_statement; see storage.ssi for SERIALIZABLE
        self._serial: SerialTxn | None = None  # this transaction as the SERIALIZABLE certifier sees it
        self._began = False  # begin_statement has run

    # ------------------------------------------------------------------ snapshot
    def begin_statement(self, isolation: str) -> None:
        """A statement starts: READ COMMITTED takes a new snapshot; REPEATABLE READ and SERIALIZABLE
        keep the one their first statement took until the transaction ends."""
        if not self._began:  # the first statement fixes the level (a catalog read may have opened a view)
            self._began = True
            self.isolation = READ_COMMITTED if isolation == "read uncommitted" else isolation
            self.close_snapshot()
        self.refresh_snapshot()

    def refresh_snapshot(self) -> None:
        """Take a new snapshot (per statement under READ COMMITTED; a kept snapshot stays)."""
        if self._view is not None and self.isolation != READ_COMMITTED:
            return
        self.close_snapshot()
        self._view = self._open_view()

    def _open_view(self) -> ReadView:
        self._snap_commits = self.env.batches_committed
        if self.isolation != SERIALIZABLE or self._serial is not None:
            return self.env.read()
        self._serial, view = certifier_for(self.env).begin(self.env.read)
        return view

    def close_snapshot(self) -> None:
        if self._view is not None:
            self._view.close()
            self._view = None

    @property
    def snapshot(self) -> ReadView:
        """The current snapshot, taken now if there is none."""
        if self._view is None:
            self._check_active()
            self._view = self._open_view()
        return self._view

    @property
    def has_writes(self) -> bool:
        return not self._ws.empty()

    @property
    def certified_at_commit(self) -> bool:
        """A SERIALIZABLE transaction that read: its COMMIT is checked even without writes."""
        return self._serial is not None

    def _check_active(self) -> None:
        if self._state != "active":
            raise SqlError(sqlstate.INVALID_TRANSACTION_STATE, f"transaction is {self._state}")

    def _tw(self, table: TableLayout) -> TableWrites:
        tw = self._tables.get(table.table_id)
        if tw is None:
            tw = self._tables[table.table_id] = TableWrites(table.table_id)
        return tw

    def truncated(self, table: TableLayout) -> bool:
        """Whether this transaction truncated ``table`` (its committed rows are gone for it)."""
        tw = self._tables.get(table.table_id)
        return tw is not None and tw.truncated

    # ------------------------------------------------------------------ reads
    def get(self, table: TableLayout, pk: tuple) -> tuple | None:
        return self.get_by_key(table, _row_key(table, pk))

    def get_by_key(self, table: TableLayout, row_key: bytes) -> tuple | None:
        tw = self._tables.get(table.table_id)
        if tw is not None:
            local = tw.rows.get(row_key, MISSING)
            if local is not MISSING:
                return None if local is DELETED else local  # type: ignore[return-value]
            if tw.truncated:
                return None
        raw = self.snapshot.get(row_key)
        if self._serial is not None:
            self._serial.reads.points.add(row_key)
        return None if raw is None else decode_row(raw)

    def scan(
        self,
        table: TableLayout,
        lower: Bound = None,
        upper: Bound = None,
        lower_inclusive: bool = True,
        upper_inclusive: bool = True,
        *,
        reverse: bool = False,
    ) -> RowIter:
        """``(row key, row)`` in primary-key order for PK-prefix bounds, merged with local writes."""
        start, end = bounds_to_range(
            table_prefix(table.table_id), lower, upper, lower_inclusive, upper_inclusive
        )
        tw = self._tables.get(table.table_id)
        local = tw.range(start, end) if tw is not None else []
        if tw is not None and tw.truncated:
            return merge_rows(iter(()), local, reverse)
        view = self.snapshot
        if self._serial is not None:
            self._serial.reads.ranges.append((start, end))
        return merge_rows(view.scan(start, end, reverse), local, reverse)

    def index_scan(
        self,
        table: TableLayout,
        index: IndexLayout,
        lower: Bound = None,
        upper: Bound = None,
        lower_inclusive: bool = True,
        upper_inclusive: bool = True,
        *,
        reverse: bool = False,
    ) -> RowIter:
        """``(row key, row)`` in index order for bounds that are prefixes of the index columns."""
        ip = index_prefix(index.index_id)
        start, end = bounds_to_range(ip, lower, upper, lower_inclusive, upper_inclusive)
        view = self.snapshot
        if self._serial is not None:
            self._serial.reads.ranges.append((start, end))
            return _recording(self._serial.reads.points, self._index_scan(table, index, view, start, end, reverse))
        return self._index_scan(table, index, view, start, end, reverse)

    def _index_scan(
        self, table: TableLayout, index: IndexLayout, view: ReadView, start: bytes, end: bytes | None, reverse: bool
    ) -> RowIter:
        tw = self._tables.get(table.table_id)
        if tw is None or not tw.rows and not tw.truncated and index.index_id not in tw.new_indexes:
            return committed_index_rows(view, view.scan(start, end, reverse))
        local = tw.local_index(index).range(start, end)
        if tw.truncated:
            committed: Iterator[tuple[bytes, bytes]] = iter(())
        elif index.index_id in tw.new_indexes:
            committed = unindexed_committed(view, table, index, start, end, reverse)
        else:
            committed = view.scan(start, end, reverse)
        snap = [(ik, rk, tw.rows[rk]) for ik, rk in local]
        return merge_index(view, committed, snap, tw.rows, reverse)

    # ------------------------------------------------------------------ locks
    @property
    def locks(self) -> LockManager:
        mgr = self._locks
        if mgr is None:
            mgr = self._locks = lock_manager(self.env)
        return mgr

    def lock_row(self, table: TableLayout, row_key: bytes, mode: int, *, wait: bool = True) -> bool:
        """Take a row lock (storage.locks modes) until this transaction ends; False: not free (wait=False)."""
        return self.locks.acquire(self.lock_owner, ("row", table.table_id, row_key), mode, wait=wait)

    def lock_table(self, table_id: int, mode: int, *, wait: bool = True) -> bool:
        """Take a table lock (LOCK TABLE modes 1..8) until this transaction ends."""
        return self.locks.acquire(self.lock_owner, ("rel", table_id), mode, wait=wait)

    def written_locally(self, table: TableLayout, row_key: bytes) -> bool:
        """Whether this transaction wrote the row at ``row_key`` (so it holds its lock already)."""
        tw = self._tables.get(table.table_id)
        return tw is not None and (row_key in tw.rows or tw.truncated)

    def newest_committed(self, table: TableLayout, row_key: bytes) -> tuple | None:
        """The row's newest committed version (not this transaction's snapshot's)."""
        if self._view is not None and self.env.batches_committed == self._snap_commits:
            raw = self._view.get(row_key)
        else:
            with self.env.read() as view:
                raw = view.get(row_key)
        return None if raw is None else decode_row(raw)

    def release_locks_after_error(self) -> None:
        """A statement failed in a transaction block: free the locks taken since the innermost
        savepoint (all of them without one); the block is aborted until ROLLBACK [TO SAVEPOINT]."""
        mark = self._savepoints[-1][2] if self._savepoints else 0
        if len(self.lock_owner.log) > mark:
            self.locks.release_after(self.lock_owner, mark)

    def _release_locks(self) -> None:
        if self.lock_owner.log:
            self.locks.release_all(self.lock_owner)

    # ------------------------------------------------------------------ statements
    def statement_mark(self) -> tuple[bool, int, int, int]:
        """Start recording undo for one statement (see :meth:`undo_statement`)."""
        started = self._journal is None
        if started:
            self._journal = []
        return started, len(self._journal or ()), len(self._ws.ops), self.lock_owner.mark()

    def undo_statement(self, mark: tuple[bool, int, int, int]) -> None:
        """Undo the writes made since :meth:`statement_mark` (its row locks stay)."""
        self._undo(mark[1], mark[2])
        self.end_statement(mark)

    def end_statement(self, mark: tuple[bool, int, int, int]) -> None:
        if mark[0] and not self._savepoints:
            self._journal = None

    # ------------------------------------------------------------------ uniqueness
    def _check_unique(
        self, table: TableLayout, tw: TableWrites, index: IndexLayout, row: tuple, exclude: bytes | None
    ) -> None:
        vals = unique_values(index, row)
        if vals is None:
            return
        venc = encode_key(vals)
        owner = tw.uniq_map(index).get(venc)
        if owner is not None and owner != exclude:
            raise unique_violation(table, index, vals)
        if tw.truncated:
            return
        p = index_prefix(index.index_id) + venc
        rows = tw.rows
        view = self.snapshot
        end = prefix_successor(p)
        if index.index_id in tw.new_indexes:
            entries = unindexed_committed(view, table, index, p, end, False)
        else:
            hit = view.first(p, end)  # usually decisive: no entry, or one that is not ours
            if hit is None:
                return
            if hit[1] != exclude and hit[1] not in rows:
                raise unique_violation(table, index, vals)
            entries = view.scan(p, end)
        for _ik, rk in entries:
            if rk != exclude and rk not in rows:
                raise unique_violation(table, index, vals)

    def _key_exists(self, tw: TableWrites, rk: bytes) -> bool:
        local = tw.rows.get(rk, MISSING)
        if local is not MISSING:
            return local is not DELETED
        return not tw.truncated and self.snapshot.get(rk) is not None

    def _check_sizes(self, table: TableLayout, rk: bytes, row: tuple) -> None:
        check_key_size(rk, f'"{table.pk_constraint_name or table.name + "_pkey"}"')
        for index in table.indexes:
            if index.key is not None:
                vals = index_values(index, row)
                if vals is not None and len(rk) + len(encode_key(vals)) > MAX_KEY_SIZE:
                    check_key_size(b"\x00" * (len(rk) + len(encode_key(vals))), f'"{index.name}"')
                continue
            bound = len(rk)
            for c in index.columns:
                bound += _size_bound(row[c])
            if bound > MAX_KEY_SIZE:  # cheap upper bound exceeded: measure exactly
                n = len(rk) + len(encode_key([row[c] for c in index.columns]))
                if n > MAX_KEY_SIZE:
                    check_key_size(b"\x00" * n, f'"{index.name}"')

    def _record(self, tw: TableWrites, rk: bytes, new: object) -> None:
        prev = tw.write(rk, new)
        if self._journal is not None:
            self._journal.append(("row", tw, rk, prev))

    # ------------------------------------------------------------------ writes
    def insert(self, table: TableLayout, row: tuple) -> bytes:
        """Buffer an insert; raise 23505 now if the PK or a unique index is already taken."""
        self._check_active()
        row = tuple(row)
        tw = self._tw(table)
        if table.pk_columns is None:
            rk = row_key(table, (allocate_rowid(self.env, table.table_id),))
        else:
            pk = [row[c] for c in table.pk_columns]
            rk = row_key(table, pk)
            self._check_sizes(table, rk, row)
            if self._key_exists(tw, rk):
                raise unique_violation(table, None, pk)
            if self.lock_inserts and self._insert_locks < INSERT_LOCK_LIMIT:
                # another open transaction inserting this key makes us wait for its end (PostgreSQL)
                self._insert_locks += 1
                self.lock_row(table, rk, FOR_UPDATE)
                if rk not in tw.rows and self.newest_committed(table, rk) is not None:
                    raise unique_violation(table, None, pk)
        if table.pk_columns is None:
            self._check_sizes(table, rk, row)
        for index in table.indexes:
            if index.unique:
                self._check_unique(table, tw, index, row, None)
        self._record(tw, rk, row)
        self._ws.ops.append((OP_INSERT, table, rk, row))
        return rk

    def update(
        self,
        table: TableLayout,
        row_key: bytes,
        old_row: tuple,
        new_row: tuple,
        *,
        recheck: Callable[[tuple], tuple | None] | None = None,
    ) -> bytes:
        """Buffer an update of the row at ``row_key``; return its (possibly new) row key.

        At commit, if the committed row differs from ``old_row``, ``recheck(current)`` gives the
        row to write instead (None: skip); without ``recheck`` the commit fails with 40001.
        """
        self._check_active()
        if self.isolation != READ_COMMITTED:
            recheck = None  # a row changed since the snapshot fails with 40001
        new_row = tuple(new_row)
        tw = self._tw(table)
        rk = row_key
        new_key = rk
        if table.pk_columns is not None:
            pk = [new_row[c] for c in table.pk_columns]
            if pk != [old_row[c] for c in table.pk_columns]:
                new_key = _row_key(table, pk)
        self._check_sizes(table, new_key, new_row)
        if new_key != rk and self._key_exists(tw, new_key):
            raise unique_violation(table, None, [new_row[c] for c in table.pk_columns or ()])
        for index in table.indexes:
            if index.unique and (new_key != rk or index.key is not None
                                 or any(old_row[c] != new_row[c] for c in index.columns)):
                self._check_unique(table, tw, index, new_row, rk)
        if new_key != rk:
            self._record(tw, rk, DELETED)
        self._record(tw, new_key, new_row)
        self._ws.ops.append((OP_UPDATE, table, rk, tuple(old_row), new_row, recheck))
        return new_key

    def delete(
        self,
        table: TableLayout,
        row_key: bytes,
        old_row: tuple,
        *,
        recheck: Callable[[tuple], bool] | None = None,
    ) -> None:
        """Buffer a delete. At commit a changed row is deleted only if ``recheck(current)``."""
        self._check_active()
        if self.isolation != READ_COMMITTED:
            recheck = None
        tw = self._tw(table)
        self._record(tw, row_key, DELETED)
        self._ws.ops.append((OP_DELETE, table, row_key, tuple(old_row), recheck))

    def truncate(self, table: TableLayout) -> None:
        """Buffer the removal of every row and index entry of ``table``."""
        self._check_active()
        old = self._tables.get(table.table_id)
        self._tables[table.table_id] = TableWrites(table.table_id, truncated=True)
        if self._journal is not None:
            self._journal.append(("table", table.table_id, old))
        self._ws.ops.append((OP_TRUNCATE, table))

    def build_index(self, table: TableLayout, index: IndexLayout) -> None:
        """Buffer building ``index`` over the existing rows (CREATE INDEX); 23505 on duplicates.

        ``table`` is the layout including ``index``.
        """
        self._check_active()
        if index.unique:
            seen: set[bytes] = set()
            for _rk, row in self.scan(table):
                vals = unique_values(index, row)
                if vals is None:
                    continue
                venc = encode_key(vals)
                if venc in seen:
                    raise duplicate_in_new_index(table, index, vals)
                seen.add(venc)
        tw = self._tw(table)
        if index.index_id not in tw.new_indexes:
            tw.new_indexes.add(index.index_id)
            if self._journal is not None:
                self._journal.append(("newidx", tw, index.index_id))
        self._ws.ops.append((OP_BUILD_INDEX, table, index))

    def drop_index(self, index_id: int) -> None:
        """Buffer the removal of every entry of an index (DROP INDEX)."""
        self._check_active()
        self._ws.ops.append((OP_DROP_INDEX, index_id))

    # ------------------------------------------------------------------ catalog
    def get_catalog(self, key: bytes) -> bytes | None:
        if key in self._ws.catalog:
            return self._ws.catalog[key]
        return self.snapshot.get(catalog_key(key))

    def scan_catalog(self, prefix: bytes = b"") -> Iterator[tuple[bytes, bytes]]:
        """``(key, value)`` of catalog records whose key starts with ``prefix``, merged, in order."""
        p = catalog_key(prefix)
        committed = self.snapshot.scan(p, prefix_successor(p))
        local = sorted((k, v) for k, v in self._ws.catalog.items() if k.startswith(prefix))
        return merge_catalog(committed, local)

    def put_catalog(self, key: bytes, value: bytes | None, *, check: bool = True) -> None:
        """Buffer a catalog write (None deletes); commit bumps the catalog version."""
        self._check_active()
        ws = self._ws
        if self._journal is not None:
            self._journal.append(("cat", key, ws.catalog.get(key, MISSING)))
        if check and key not in ws.catalog_base and key not in ws.catalog:
            ws.catalog_base[key] = self.snapshot.get(catalog_key(key))
        ws.catalog[key] = value

    def catalog_version(self) -> int:
        """The catalog version in this transaction's snapshot."""
        return catalog_version(self.snapshot)

    # ------------------------------------------------------------------ sequences
    def sequence_get(self, seq_id: int) -> int | None:
        """The latest committed value of a sequence (not snapshot-bound, not merged)."""
        with self.env.read() as view:
            raw = view.get(sequence_key(seq_id))
        return None if raw is None else decode_int64(raw)

    def sequence_set_at_least(self, seq_id: int, value: int) -> None:
        """Buffer: at commit the stored value becomes max(stored, value)."""
        self._check_active()
        seqs = self._ws.sequences
        if self._journal is not None:
            self._journal.append(("seq", seq_id, seqs.get(seq_id, MISSING)))
        drop, cur = seqs.get(seq_id, (False, None))
        if drop == SEQ_AT_MOST:
            drop = False
        seqs[seq_id] = (drop, value if cur is None else max(cur, value))

    def sequence_set(self, seq_id: int, value: int) -> None:
        """Buffer: at commit the stored value becomes exactly ``value`` (setval, RESTART)."""
        self._check_active()
        seqs = self._ws.sequences
        if self._journal is not None:
            self._journal.append(("seq", seq_id, seqs.get(seq_id, MISSING)))
        seqs[seq_id] = (True, value)

    def sequence_set_at_most(self, seq_id: int, value: int) -> None:
        """Buffer: at commit the stored value becomes min(stored, value) (descending sequences)."""
        self._check_active()
        seqs = self._ws.sequences
        if self._journal is not None:
            self._journal.append(("seq", seq_id, seqs.get(seq_id, MISSING)))
        mode, cur = seqs.get(seq_id, (SEQ_AT_MOST, None))
        if mode is True:  # an exact value set earlier in this transaction: keep it exact
            seqs[seq_id] = (True, value if cur is None else min(cur, value))
        else:
            seqs[seq_id] = (SEQ_AT_MOST, value if cur is None else min(cur, value))

    def sequence_drop(self, seq_id: int) -> None:
        """Buffer removal of a sequence's stored value."""
        self._check_active()
        seqs = self._ws.sequences
        if self._journal is not None:
            self._journal.append(("seq", seq_id, seqs.get(seq_id, MISSING)))
        seqs[seq_id] = (True, None)

    # ------------------------------------------------------------------ savepoints
    def savepoint(self) -> int:
        """Mark the current write set; returns a token for rollback_to/release."""
        self._check_active()
        if self._journal is None:
            self._journal = []
        self._savepoints.append((len(self._journal), len(self._ws.ops), self.lock_owner.mark()))
        return len(self._savepoints)

    def rollback_to_savepoint(self, token: int) -> None:
        """Undo every write made since ``savepoint()`` returned ``token`` (which stays valid)."""
        self._check_active()
        jlen, olen, lmark = self._savepoints[token - 1]
        del self._savepoints[token:]
        self._undo(jlen, olen)
        if len(self.lock_owner.log) > lmark:
            self.locks.release_after(self.lock_owner, lmark)

    def _undo(self, jlen: int, olen: int) -> None:
        journal = self._journal
        assert journal is not None
        while len(journal) > jlen:
            rec = journal.pop()
            kind = rec[0]
            if kind == "row":
                rec[1].restore(rec[2], rec[3])
                rec[1].reset_derived()
            elif kind == "table":
                if rec[2] is None:
                    self._tables.pop(rec[1], None)
                else:
                    self._tables[rec[1]] = rec[2]
            elif kind == "newidx":
                rec[1].new_indexes.discard(rec[2])
            elif kind == "cat":
                if rec[2] is MISSING:
                    self._ws.catalog.pop(rec[1], None)
                else:
                    self._ws.catalog[rec[1]] = rec[2]
            elif kind == "seq":
                if rec[2] is MISSING:
                    self._ws.sequences.pop(rec[1], None)
                else:
                    self._ws.sequences[rec[1]] = rec[2]
        del self._ws.ops[olen:]

    def release_savepoint(self, token: int) -> None:
        """Forget ``token`` and later savepoints (their writes stay)."""
        del self._savepoints[token - 1 :]
        if not self._savepoints:
            self._journal = None

    # ------------------------------------------------------------------ end
    def commit(self) -> Future:
        """Submit the write set to the group-commit writer; the future resolves after fsync."""
        self._check_active()
        self._state = "committing"
        self.close_snapshot()
        ws = self._ws
        self._tables = {}
        serial, self._serial = self._serial, None
        if ws.empty():
            self._release_locks()
            fut: Future = Future()
            try:
                if serial is not None:
                    certifier_for(self.env).certify(serial, None)()
                fut.set_result(None)
            except SqlError as e:
                fut.set_exception(e)
            return fut
        apply = partial(apply_writeset, ws, self.env)
        if serial is None:
            fut = self.env.submit(apply)
        else:
            cert = certifier_for(self.env)
            fut = self.env.submit(certified_apply(apply, cert, serial))
            fut.add_done_callback(lambda f: cert.abort(serial) if f.exception() is not None else None)
        if self.lock_owner.log:  # released once the writes are durable (or failed)
            fut.add_done_callback(lambda _f: self._release_locks())
        return fut

    def rollback(self) -> None:
        """Discard the write set and the snapshot."""
        self.close_snapshot()
        if self._serial is not None:
            certifier_for(self.env).abort(self._serial)
            self._serial = None
        self._tables = {}
        self._ws = WriteSet()
        self._journal = None
        self._savepoints = []
        self._release_locks()
        if self._state == "active":
            self._state = "rolled back"


def _recording(points: set[bytes], rows: RowIter) -> RowIter:
    for rk, row in rows:
        points.add(rk)
        yield rk, row


def _row_key(table: TableLayout, pk: Sequence[object]) -> bytes:
    return row_key(table, pk)
