"""In-memory write set of one transaction, per table.

What lives here: :class:`TableWrites` (local rows by row key, with ``DELETED`` markers, lazily
sorted keys, per-index local lookups), :class:`SortedKeys`, and the error constructors shared
by :mod:`storage.txn` and :mod:`storage.commit`. What does not live here: snapshots, commit,
catalog and sequences (:mod:`storage.txn`), merged reads (:mod:`storage.merge`), the
commit-time apply (:mod:`storage.commit`).

Local keys are only sorted when a scan needs them: new keys go to a pending list that is merged
into the sorted list on the next range request (insort for a few, timsort for many).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence

from sql import sqlstate
from sql.errors import SqlError
from storage.keys import encode_key
from storage.layout import IndexLayout, TableLayout, index_prefix, index_values, unique_values

__all__ = [
    "DELETED",
    "SortedKeys",
    "LocalIndex",
    "TableWrites",
    "unique_violation",
    "duplicate_in_new_index",
    "check_key_size",
    "format_key",
]


class _Deleted:
    __slots__ = ()

    def __repr__(self) -> str:
        return "DELETED"


DELETED: object = _Deleted()
MAX_KEY_SIZE = 511  # LMDB's compiled-in maximum key size
_ROW_KEY_HEADER = 5  # b"r" + 4-byte table id


class SortedKeys:
    """A lazily sorted set of byte keys (only ever grows; callers filter stale keys)."""

    __slots__ = ("_sorted", "_pending", "_listed")

    def __init__(self, keys: Iterable[bytes] = ()) -> None:
        self._listed: set[bytes] = set(keys)
        self._sorted: list[bytes] = sorted(self._listed)
        self._pending: list[bytes] = []

    def add(self, key: bytes) -> None:
        if key not in self._listed:
            self._listed.add(key)
            self._pending.append(key)

    def __len__(self) -> int:
        return len(self._listed)

    def range(self, start: bytes, end: bytes | None) -> list[bytes]:
        """The keys in ``[start, end)``, ascending."""
        pending = self._pending
        if pending:
            if len(pending) <= 8:
                for k in pending:
                    insort(self._sorted, k)
            else:
                self._sorted.extend(pending)
                self._sorted.sort()
            self._pending = []
        s = self._sorted
        i = bisect_left(s, start)
        j = len(s) if end is None else bisect_left(s, end, i)
        return s[i:j]


class LocalIndex:
    """Index entries of the live local rows of one table for one index: ikey -> row key."""

    __slots__ = ("index", "entries", "keys")

    def __init__(self, index: IndexLayout, rows: dict[bytes, object]) -> None:
        self.index = index
        self.entries: dict[bytes, bytes] = {}
        for rk, row in rows.items():
            if row is not DELETED:
                ik = self.ikey(rk, row)  # type: ignore[arg-type]
                if ik is not None:
                    self.entries[ik] = rk
        self.keys = SortedKeys(self.entries)

    def ikey(self, rk: bytes, row: Sequence[object]) -> bytes | None:
        idx = self.index
        vals = index_values(idx, row)
        if vals is None:
            return None
        return index_prefix(idx.index_id) + encode_key(vals) + rk[_ROW_KEY_HEADER:]

    def add(self, rk: bytes, row: Sequence[object]) -> None:
        ik = self.ikey(rk, row)
        if ik is None:
            return
        self.entries[ik] = rk
        self.keys.add(ik)

    def remove(self, rk: bytes, row: Sequence[object]) -> None:
        ik = self.ikey(rk, row)
        if ik is not None:
            self.entries.pop(ik, None)

    def range(self, start: bytes, end: bytes | None) -> list[tuple[bytes, bytes]]:
        entries = self.entries
        if len(self.keys) > 2 * len(entries) + 64:  # many stale keys: compact
            self.keys = SortedKeys(entries)
        return [(ik, entries[ik]) for ik in self.keys.range(start, end) if ik in entries]


class TableWrites:
    """The local writes of one transaction to one table."""

    __slots__ = ("table_id", "rows", "keys", "uniq", "local_idx", "truncated", "new_indexes")

    def __init__(self, table_id: int, *, truncated: bool = False) -> None:
        self.table_id = table_id
        self.rows: dict[bytes, object] = {}  # row key -> row tuple | DELETED
        self.keys: SortedKeys | None = None
        # index_id -> (index, {encode_key(values): row key}) for live local rows without NULLs
        self.uniq: dict[int, tuple[IndexLayout, dict[bytes, bytes]]] = {}
        self.local_idx: dict[int, LocalIndex] = {}
        self.truncated = truncated  # committed rows of the table are invisible
        self.new_indexes: set[int] = set()  # indexes built in this txn: no committed entries

    def reset_derived(self) -> None:
        """Forget every structure derived from ``rows`` (rebuilt lazily)."""
        self.keys = None
        self.uniq = {}
        self.local_idx = {}

    def uniq_map(self, index: IndexLayout) -> dict[bytes, bytes]:
        got = self.uniq.get(index.index_id)
        if got is not None:
            return got[1]
        m: dict[bytes, bytes] = {}
        for rk, row in self.rows.items():
            if row is not DELETED:
                vals = unique_values(index, row)  # type: ignore[arg-type]
                if vals is not None:
                    m[encode_key(vals)] = rk
        self.uniq[index.index_id] = (index, m)
        return m

    def local_index(self, index: IndexLayout) -> LocalIndex:
        li = self.local_idx.get(index.index_id)
        if li is None or li.index != index:
            li = self.local_idx[index.index_id] = LocalIndex(index, self.rows)
        return li

    def write(self, rk: bytes, new: object) -> object:
        """Set the local state of ``rk`` (a row or DELETED); return the previous local state."""
        rows = self.rows
        prev = rows.get(rk, _MISSING)
        if prev is not _MISSING and prev is not DELETED:
            for index, m in self.uniq.values():
                vals = unique_values(index, prev)  # type: ignore[arg-type]
                if vals is not None:
                    venc = encode_key(vals)
                    if m.get(venc) == rk:
                        del m[venc]
            for li in self.local_idx.values():
                li.remove(rk, prev)  # type: ignore[arg-type]
        rows[rk] = new
        if prev is _MISSING and self.keys is not None:
            self.keys.add(rk)
        if new is not DELETED:
            for index, m in self.uniq.values():
                vals = unique_values(index, new)  # type: ignore[arg-type]
                if vals is not None:
                    m[encode_key(vals)] = rk
            for li in self.local_idx.values():
                li.add(rk, new)  # type: ignore[arg-type]
        return prev

    def restore(self, rk: bytes, prev: object) -> None:
        """Undo a :meth:`write` (savepoint rollback); derived structures must be reset after."""
        if prev is _MISSING:
            self.rows.pop(rk, None)
        else:
            self.rows[rk] = prev

    def range(self, start: bytes, end: bytes | None) -> list[tuple[bytes, object]]:
        """Local ``(row key, row | DELETED)`` pairs with keys in ``[start, end)``, ascending."""
        if not self.rows:
            return []
        if self.keys is None:
            self.keys = SortedKeys(self.rows)
        rows = self.rows
        return [(k, rows[k]) for k in self.keys.range(start, end)]


class _Missing:
    __slots__ = ()


_MISSING: object = _Missing()
MISSING = _MISSING


def _fmt(v: object) -> str:
    if v is None:
        return "null"
    if v is True:
        return "t"
    if v is False:
        return "f"
    if isinstance(v, bytes):
        return "\\x" + v.hex()
    return str(v)


def format_key(table: TableLayout, columns: Sequence[int], values: Sequence[object]) -> str:
    """``(a, b)=(1, 2)`` as in PostgreSQL's key detail messages."""
    names = table.column_names
    cols = ", ".join(names[c] if 0 <= c < len(names) else ("expr" if c < 0 else f"column{c + 1}") for c in columns)
    return f"({cols})=({', '.join(_fmt(v) for v in values)})"


def unique_violation(table: TableLayout, index: IndexLayout | None, values: Sequence[object]) -> SqlError:
    """23505 for the primary key (``index`` None) or a unique index."""
    if index is None:
        name = table.pk_constraint_name or f"{table.name}_pkey"
        cols: Sequence[int] = table.pk_columns or ()
    else:
        name, cols = index.name, index.columns
    err = SqlError(
        sqlstate.UNIQUE_VIOLATION,
        f'duplicate key value violates unique constraint "{name}"',
        detail=f"Key {format_key(table, cols, values)} already exists.",
    )
    err.object_fields = {"t": table.name, "n": name}
    err.table_id = table.table_id
    return err


def duplicate_in_new_index(table: TableLayout, index: IndexLayout, values: Sequence[object]) -> SqlError:
    """23505 raised by CREATE UNIQUE INDEX over duplicated existing values."""
    return SqlError(
        sqlstate.UNIQUE_VIOLATION,
        f'could not create unique index "{index.name}"',
        detail=f"Key {format_key(table, index.columns, values)} is duplicated.",
    )


def check_key_size(key: bytes, what: str) -> None:
    """Raise 54000 if ``key`` exceeds LMDB's key size limit."""
    if len(key) > MAX_KEY_SIZE:
        raise SqlError(
            sqlstate.PROGRAM_LIMIT_EXCEEDED,
            f"index row size {len(key)} exceeds btree version 4 maximum {MAX_KEY_SIZE} for index {what}",
            hint="Values this large cannot be part of a primary key or index.",
        )
