"""Merged reads: committed key streams combined with a transaction's local writes.

What lives here: generators that merge an LMDB scan (committed data in a snapshot) with the sorted
local entries of a write set, for table scans, index scans and catalog scans. What does not live
here: the write set itself (:mod:`storage.writeset`), transactions (:mod:`storage.txn`).

Local entries always win over committed ones with the same key; ``DELETED`` hides a key.
"""

from __future__ import annotations

from collections.abc import Iterator

from storage.keys import encode_key, prefix_successor
from storage.kv import ReadView
from storage.layout import CATALOG_PREFIX, IndexLayout, TableLayout, index_prefix, index_values, table_prefix
from storage.rows import decode_row
from storage.writeset import DELETED

__all__ = ["merge_rows", "merge_index", "committed_index_rows", "unindexed_committed", "merge_catalog"]

RowIter = Iterator[tuple[bytes, tuple]]
_HDR = 5


def merge_rows(
    committed: Iterator[tuple[bytes, bytes]], local: list[tuple[bytes, object]], reverse: bool
) -> Iterator[tuple[bytes, tuple]]:
    """Merge committed ``(key, encoded row)`` with local ``(key, row | DELETED)``, both in scan order.

    Local entries win over committed ones with the same key; DELETED entries hide them.
    """
    if not local:
        for k, raw in committed:
            yield k, decode_row(raw)
        return
    if reverse:
        local = local[::-1]
    n = len(local)
    i = 0
    for k, raw in committed:
        while i < n:
            lk = local[i][0]
            if (lk > k) if reverse else (lk < k):
                lv = local[i][1]
                i += 1
                if lv is not DELETED:
                    yield lk, lv  # type: ignore[misc]
                continue
            break
        if i < n and local[i][0] == k:
            lv = local[i][1]
            i += 1
            if lv is not DELETED:
                yield k, lv  # type: ignore[misc]
            continue
        yield k, decode_row(raw)
    while i < n:
        lk, lv = local[i]
        i += 1
        if lv is not DELETED:
            yield lk, lv  # type: ignore[misc]


def committed_index_rows(view: ReadView, entries: Iterator[tuple[bytes, bytes]]) -> RowIter:
    """Rows of committed index entries ``(index key, row key)``."""
    for _ik, rk in entries:
        raw = view.get(rk)
        if raw is not None:
            yield rk, decode_row(raw)


def merge_index(
    view: ReadView,
    committed: Iterator[tuple[bytes, bytes]],
    local: list[tuple[bytes, bytes, object]],
    rows: dict[bytes, object],
    reverse: bool,
) -> RowIter:
    """Merge committed index entries with local ``(ikey, row key, row)`` entries in index order.

    A committed entry whose row key has a local write at the moment it is reached is skipped: the
    row's local version (if live and in range) comes from ``local``.
    """
    if reverse:
        local = local[::-1]
    i, n = 0, len(local)
    for ik, rk in committed:
        while i < n and ((local[i][0] > ik) if reverse else (local[i][0] < ik)):
            yield local[i][1], local[i][2]  # type: ignore[misc]
            i += 1
        if rk in rows:  # superseded by a local write (its new version is in ``local``)
            continue
        raw = view.get(rk)
        if raw is not None:
            yield rk, decode_row(raw)
    for j in range(i, n):
        yield local[j][1], local[j][2]  # type: ignore[misc]


def unindexed_committed(
    view: ReadView,
    table: TableLayout,
    index: IndexLayout,
    start: bytes,
    end: bytes | None,
    reverse: bool,
) -> Iterator[tuple[bytes, bytes]]:
    """Committed ``(ikey, row key)`` for an index built in this txn (no committed entries yet)."""
    p = table_prefix(table.table_id)
    ip = index_prefix(index.index_id)
    found = []
    for rk, raw in view.scan(p, prefix_successor(p)):
        vals = index_values(index, decode_row(raw))
        if vals is None:
            continue
        ik = ip + encode_key(vals) + rk[_HDR:]
        if ik >= start and (end is None or ik < end):
            found.append((ik, rk))
    found.sort(reverse=reverse)
    return iter(found)


def merge_catalog(
    committed: Iterator[tuple[bytes, bytes]], local: list[tuple[bytes, bytes | None]]
) -> Iterator[tuple[bytes, bytes]]:
    """Merge committed catalog records with local ``(key, value | None)``; yields caller keys."""
    n = len(CATALOG_PREFIX)
    i = 0
    for ck, v in committed:
        k = ck[n:]
        while i < len(local) and local[i][0] < k:
            lk, lv = local[i]
            i += 1
            if lv is not None:
                yield lk, lv
        if i < len(local) and local[i][0] == k:
            lv = local[i][1]
            i += 1
            if lv is not None:
                yield k, lv
            continue
        yield k, v
    for lk, lv in local[i:]:
        if lv is not None:
            yield lk, lv
