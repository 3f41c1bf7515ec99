"""Commit-time application of a transaction's buffered write set, run in the writer thread.

What lives here: :class:`WriteSet` (the frozen content handed to the writer) and
:func:`apply_writeset`, which replays the buffered operations against the *current* committed
data inside one :class:`storage.kv.WriteBatch`: concurrent-update detection with READ COMMITTED
re-checks, uniqueness re-checks, index maintenance, catalog writes with the version bump, and
sequence updates. What does not live here: building the write set (:mod:`storage.txn`).

The apply must be re-runnable (the writer may retry a batch after growing the map), so it never
mutates the WriteSet. Re-check callbacks supplied by the SQL layer run in the writer thread and
must be pure functions of the row they are given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice

from sql import sqlstate
from sql.errors import SqlError
from storage.keys import encode_key, prefix_successor
from storage.kv import KVEnv, WriteBatch
from storage.layout import (
    CATALOG_VERSION_KEY,
    IndexLayout,
    TableLayout,
    catalog_key,
    decode_int64,
    encode_int64,
    index_prefix,
    index_values,
    row_key,
    sequence_key,
    table_prefix,
    unique_values,
)
from storage.rows import decode_row, encode_row, rows_equal
from storage.writeset import duplicate_in_new_index, unique_violation

__all__ = ["WriteSet", "apply_writeset", "OP_INSERT", "OP_UPDATE", "OP_DELETE"]

OP_INSERT = 1  # (OP_INSERT, table, key, row)
OP_UPDATE = 2  # (OP_UPDATE, table, key, old_row, new_row, recheck)
OP_DELETE = 3  # (OP_DELETE, table, key, old_row, recheck)
OP_TRUNCATE = 4  # (OP_TRUNCATE, table)
OP_BUILD_INDEX = 5  # (OP_BUILD_INDEX, table, index)
OP_DROP_INDEX = 6  # (OP_DROP_INDEX, index_id)
SEQ_AT_MOST = 2  # WriteSet.sequences mode: (True, v) exact, (False, v) at least, (SEQ_AT_MOST, v) at most

_HDR = 5  # len(b"r" + table id)


@dataclass
class WriteSet:
    ops: list[tuple] = field(default_factory=list)
    catalog: dict[bytes, bytes | None] = field(default_factory=dict)
    catalog_base: dict[bytes, bytes | None] = field(default_factory=dict)  # keys checked at commit
    sequences: dict[int, tuple[bool | int, int | None]] = field(default_factory=dict)  # id -> (mode, value)

    def empty(self) -> bool:
        return not (self.ops or self.catalog or self.sequences)


def _serialization_failure(what: str = "update") -> SqlError:
    return SqlError(sqlstate.SERIALIZATION_FAILURE, f"could not serialize access due to concurrent {what}")


def _ikey(index: IndexLayout, rk: bytes, row: tuple) -> bytes | None:
    vals = index_values(index, row)
    if vals is None:
        return None
    return index_prefix(index.index_id) + encode_key(vals) + rk[_HDR:]


def _unique_taken(wb: WriteBatch, index: IndexLayout, row: tuple) -> bool:
    vals = unique_values(index, row)
    if vals is None:
        return False
    p = index_prefix(index.index_id) + encode_key(vals)
    return wb.first(p, prefix_successor(p)) is not None


def _vals(cols: tuple[int, ...], row: tuple) -> tuple:
    return tuple(row[c] for c in cols)


def _ivals(index: IndexLayout, row: tuple) -> tuple:
    return tuple(index_values(index, row) or ())


def _insert(wb: WriteBatch, table: TableLayout, key: bytes, row: tuple) -> None:
    if wb.get(key) is not None:
        raise unique_violation(table, None, _vals(table.pk_columns or (), row))
    for index in table.indexes:
        if index.unique and _unique_taken(wb, index, row):
            raise unique_violation(table, index, _ivals(index, row))
        ik = _ikey(index, key, row)
        if ik is not None:
            wb.put(ik, key)
    wb.put(key, encode_row(row))


def _update(
    wb: WriteBatch,
    table: TableLayout,
    key: bytes,
    old_row: tuple,
    new_row: tuple,
    recheck: Callable[[tuple], tuple | None] | None,
) -> None:
    raw = wb.get(key)
    if raw is None:
        if recheck is not None:
            return  # concurrently deleted: the row no longer qualifies
        raise _serialization_failure("delete")
    cur = decode_row(raw)
    new = new_row
    if not rows_equal(cur, old_row):
        if recheck is None:
            raise _serialization_failure()
        rechecked = recheck(cur)
        if rechecked is None:
            return
        new = tuple(rechecked)
    new_key = key if table.pk_columns is None else row_key(table, _vals(table.pk_columns, new))
    changed: list[tuple[IndexLayout, bytes | None]] = []
    for index in table.indexes:
        old_ik = _ikey(index, key, cur)
        new_ik = _ikey(index, new_key, new)
        if old_ik != new_ik:
            if old_ik is not None:
                wb.delete(old_ik)
            changed.append((index, new_ik))
    if new_key != key:
        wb.delete(key)
        if wb.get(new_key) is not None:
            raise unique_violation(table, None, _vals(table.pk_columns or (), new))
    for index, new_ik in changed:
        if new_ik is None:
            continue
        if index.unique and _unique_taken(wb, index, new):
            raise unique_violation(table, index, _ivals(index, new))
        wb.put(new_ik, new_key)
    wb.put(new_key, encode_row(new))


def _delete(
    wb: WriteBatch, table: TableLayout, key: bytes, old_row: tuple, recheck: Callable[[tuple], bool] | None
) -> None:
    raw = wb.get(key)
    if raw is None:
        if recheck is not None:
            return
        raise _serialization_failure("delete")
    cur = decode_row(raw)
    if not rows_equal(cur, old_row):
        if recheck is None:
            raise _serialization_failure()
        if not recheck(cur):
            return
    for index in table.indexes:
        ik = _ikey(index, key, cur)
        if ik is not None:
            wb.delete(ik)
    wb.delete(key)


def _truncate(wb: WriteBatch, table: TableLayout) -> None:
    p = table_prefix(table.table_id)
    wb.delete_range(p, prefix_successor(p))
    for index in table.indexes:
        ip = index_prefix(index.index_id)
        wb.delete_range(ip, prefix_successor(ip))


def _build_index(wb: WriteBatch, table: TableLayout, index: IndexLayout) -> None:
    ip = index_prefix(index.index_id)
    wb.delete_range(ip, prefix_successor(ip))
    p = table_prefix(table.table_id)
    end = prefix_successor(p)
    start = p
    while True:
        chunk = list(islice(wb.scan(start, end), 512))
        if not chunk:
            return
        for rk, raw in chunk:
            row = decode_row(raw)
            if index.unique and _unique_taken(wb, index, row):
                raise duplicate_in_new_index(table, index, _ivals(index, row))
            ik = _ikey(index, rk, row)
            if ik is not None:
                wb.put(ik, rk)
        start = chunk[-1][0] + b"\x00"


def apply_writeset(ws: WriteSet, env: KVEnv, wb: WriteBatch) -> None:
    """Replay ``ws`` inside ``wb`` (see the module docstring). Raises SqlError on conflicts."""
    for op in ws.ops:
        kind = op[0]
        if kind == OP_INSERT:
            _insert(wb, op[1], op[2], op[3])
        elif kind == OP_UPDATE:
            _update(wb, op[1], op[2], op[3], op[4], op[5])
        elif kind == OP_DELETE:
            _delete(wb, op[1], op[2], op[3], op[4])
        elif kind == OP_TRUNCATE:
            _truncate(wb, op[1])
        elif kind == OP_BUILD_INDEX:
            _build_index(wb, op[1], op[2])
        elif kind == OP_DROP_INDEX:
            ip = index_prefix(op[1])
            wb.delete_range(ip, prefix_successor(ip))
        else:  # pragma: no cover
            raise AssertionError(f"unknown op {kind}")
    if ws.catalog:
        for key, value in ws.catalog.items():
            ck = catalog_key(key)
            if key in ws.catalog_base and wb.get(ck) != ws.catalog_base[key]:
                raise _serialization_failure()
            if value is None:
                wb.delete(ck)
            else:
                wb.put(ck, value)
        raw = wb.get(CATALOG_VERSION_KEY)
        version = (decode_int64(raw) if raw else 0) + 1
        wb.put(CATALOG_VERSION_KEY, encode_int64(version))

        def publish() -> None:
            if version > env.committed_catalog_version:
                env.committed_catalog_version = version

        wb.after_commit(publish)
    for seq_id, (drop, value) in ws.sequences.items():
        sk = sequence_key(seq_id)
        if drop == SEQ_AT_MOST:
            raw = wb.get(sk)
            if value is not None and (raw is None or decode_int64(raw) > value):
                wb.put(sk, encode_int64(value))
        elif drop:
            wb.delete(sk)
            if value is not None:
                wb.put(sk, encode_int64(value))
        elif value is not None:
            raw = wb.get(sk)
            if raw is None or decode_int64(raw) < value:
                wb.put(sk, encode_int64(value))
