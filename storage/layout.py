"""Table/index layouts handed to storage by the SQL layer, and the key space of a database env.

What lives here: the frozen :class:`TableLayout` / :class:`IndexLayout` descriptions and the
functions that build the LMDB keys for rows, index entries, catalog records, the catalog version
counter and sequences. What does not live here: key *value* encoding (:mod:`storage.keys`), row
encoding (:mod:`storage.rows`), transactions (:mod:`storage.txn`).

Key space of one environment (all integers big-endian)::

    b"r" + table_id (4 bytes) + encode_key(pk values)         -> encode_row(row)
    b"r" + table_id (4 bytes) + encode_key((rowid,))          -> encode_row(row)   (no PK)
    b"x" + index_id (4 bytes) + encode_key(index values + pk) -> row key (the b"r..." key above)
    b"c" + caller key bytes                                   -> caller bytes      (catalog)
    b"v"                                                      -> catalog version (8 bytes, int64)
    b"s" + seq_id (8 bytes)                                   -> sequence value (8 bytes, int64)

"pk" in an index key means the primary-key values, or ``(rowid,)`` for tables without a PK, so
entries of non-unique indexes never collide. Storage treats all caller bytes and rows as opaque.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storage.keys import encode_key, prefix_successor

__all__ = [
    "IndexLayout",
    "TableLayout",
    "ROW_PREFIX",
    "INDEX_PREFIX",
    "CATALOG_PREFIX",
    "CATALOG_VERSION_KEY",
    "SEQUENCE_PREFIX",
    "table_prefix",
    "index_prefix",
    "row_key",
    "index_values",
    "unique_values",
    "catalog_key",
    "sequence_key",
    "encode_int64",
    "decode_int64",
    "bounds_to_range",
]

ROW_PREFIX = b"r"
INDEX_PREFIX = b"x"
CATALOG_PREFIX = b"c"
CATALOG_VERSION_KEY = b"v"
SEQUENCE_PREFIX = b"s"

_u32 = struct.Struct(">I").pack
_u64 = struct.Struct(">Q").pack
_i64 = struct.Struct(">q")


@dataclass(frozen=True)
class IndexLayout:
    """A secondary index. NULLs never conflict in a unique index unless ``nulls_not_distinct``.

    ``key`` (optional, opaque to storage) computes the entry values from a stored row instead of
    ``columns``; it returns None for a row the index does not hold (a partial index)."""

    index_id: int  # unique per database
    columns: tuple[int, ...]  # positions in the stored row
    unique: bool
    name: str  # for error messages
    key: Callable[[Sequence[object]], Sequence[object] | None] | None = None
    nulls_not_distinct: bool = False


@dataclass(frozen=True)
class TableLayout:
    """A table: its id, primary key columns (None: hidden int64 rowid key) and indexes."""

    table_id: int
    pk_columns: tuple[int, ...] | None
    indexes: tuple[IndexLayout, ...]  # secondary indexes (the PK is not listed here)
    name: str
    pk_constraint_name: str | None = None
    column_names: tuple[str, ...] = ()  # for error messages only


def table_prefix(table_id: int) -> bytes:
    return ROW_PREFIX + _u32(table_id)


def index_prefix(index_id: int) -> bytes:
    return INDEX_PREFIX + _u32(index_id)


def row_key(table: TableLayout, pk: Sequence[object]) -> bytes:
    """The key of the row whose primary key (or ``(rowid,)``) is ``pk``."""
    return ROW_PREFIX + _u32(table.table_id) + encode_key(pk)


def index_values(index: IndexLayout, row: Sequence[object]) -> list | None:
    """The values ``row`` has in ``index`` (None: the row is not in the index)."""
    if index.key is not None:
        got = index.key(row)
        return None if got is None else list(got)
    return [row[c] for c in index.columns]


def unique_values(index: IndexLayout, row: Sequence[object]) -> list | None:
    """The values a unique index compares for ``row``; None when the row cannot conflict."""
    vals = index_values(index, row)
    if vals is None or (None in vals and not index.nulls_not_distinct):
        return None
    return vals


def catalog_key(key: bytes) -> bytes:
    return CATALOG_PREFIX + key


def sequence_key(seq_id: int) -> bytes:
    return SEQUENCE_PREFIX + _u64(seq_id)


def encode_int64(v: int) -> bytes:
    return _i64.pack(v)


def decode_int64(b: bytes) -> int:
    return _i64.unpack(b)[0]


def bounds_to_range(
    prefix: bytes,
    lower: Sequence[object] | None,
    upper: Sequence[object] | None,
    lower_inclusive: bool = True,
    upper_inclusive: bool = True,
) -> tuple[bytes, bytes | None]:
    """Turn prefix-tuple bounds into the byte range ``[start, end)`` under ``prefix``.

    ``lower=(5,)`` on a two-column key means every key whose first column is >= 5 (or > 5 when
    not inclusive); ``upper`` likewise. ``end`` None means "to the end of the keyspace".
    """
    if lower is None or len(lower) == 0:
        start = prefix
    else:
        enc = prefix + encode_key(lower)
        start = enc if lower_inclusive else (prefix_successor(enc) or enc)
    if upper is None or len(upper) == 0:
        end = prefix_successor(prefix)
    else:
        enc = prefix + encode_key(upper)
        end = prefix_successor(enc) if upper_inclusive else enc
    return start, end
