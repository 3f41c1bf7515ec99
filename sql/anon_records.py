"""Anonymous record types with known columns, as PostgreSQL's "blessed" record typmods: a value of
type ``record`` whose columns are known at plan time (a set-returning function with several output
columns called in the select list, e.g. ``SELECT json_each(j)``) carries a typmod that identifies
its column list, so ``(json_each(j)).key`` and ``(x).key`` over a subquery column resolve the field.
The registry is process-wide and interned: the same column list always gets the same typmod."""

from __future__ import annotations

import threading
from collections.abc import Sequence

Fields = tuple[tuple[str, int], ...]  # (column name, type OID)

_BY_FIELDS: dict[Fields, int] = {}
_BY_TYPMOD: list[Fields] = []
_LOCK = threading.Lock()


def bless(columns: Sequence[tuple[str, int]]) -> int:
    """The typmod that stands for a record with these (name, type OID) columns."""
    key: Fields = tuple((str(n), int(t)) for n, t in columns)
    with _LOCK:
        typmod = _BY_FIELDS.get(key)
        if typmod is None:
            typmod = len(_BY_TYPMOD)
            _BY_TYPMOD.append(key)
            _BY_FIELDS[key] = typmod
        return typmod


def record_columns(typmod: int) -> Fields | None:
    """The columns a blessed record typmod stands for, or None."""
    if 0 <= typmod < len(_BY_TYPMOD):
        return _BY_TYPMOD[typmod]
    return None
