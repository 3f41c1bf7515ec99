"""Stored row tuples <-> bytes.

What lives here: :func:`encode_row`, :func:`decode_row` and :func:`rows_equal`. A stored row holds
only "storage forms": None, bool, int, float, str, bytes, decimal.Decimal and tuples/lists of
these; the SQL layer converts dates, intervals, JSON etc. to these forms itself.

What does not live here: key encoding (:mod:`storage.keys`), any knowledge of column types.

Format (first byte is the version):

* ``0x01`` + ``marshal.dumps(row, 2)`` for rows without Decimal values (the fast path). marshal
  version 2 writes no back-references, so equal rows always encode to equal bytes.
* ``0x02`` + ``marshal.dumps((row', paths), 2)`` when the row contains Decimals: ``row'`` is the
  row with every Decimal replaced by its ``str()``, and ``paths`` is a tuple of index paths
  (tuples of ints) of those positions; decoding turns them back into Decimals.

``marshal.loads`` is only ever applied to bytes this module produced.
"""

from __future__ import annotations

import marshal
import math
from decimal import Decimal

__all__ = ["encode_row", "decode_row", "rows_equal"]

_V_PLAIN = b"\x01"
_V_DECIMAL = b"\x02"
_dumps = marshal.dumps
_loads = marshal.loads


def _strip_decimals(value: object, path: tuple[int, ...], paths: list[tuple[int, ...]]) -> object:
    if isinstance(value, Decimal):
        paths.append(path)
        return str(value)
    if isinstance(value, tuple | list):
        items = [_strip_decimals(v, (*path, i), paths) for i, v in enumerate(value)]
        return items if isinstance(value, list) else tuple(items)
    return value


def encode_row(row: tuple) -> bytes:
    """Serialise a row tuple."""
    try:
        return _V_PLAIN + _dumps(row, 2)
    except ValueError:
        paths: list[tuple[int, ...]] = []
        stripped = _strip_decimals(row, (), paths)
        if not paths:
            raise TypeError(f"row contains a value that cannot be stored: {row!r}") from None
        return _V_DECIMAL + _dumps((stripped, tuple(paths)), 2)


def _restore(value: object, path: tuple[int, ...]) -> object:
    if len(path) == 1:
        if isinstance(value, list):
            value[path[0]] = Decimal(value[path[0]])
            return value
        items = list(value)  # type: ignore[call-overload]
        items[path[0]] = Decimal(items[path[0]])
        return tuple(items)
    i = path[0]
    inner = _restore(value[i], path[1:])  # type: ignore[index]
    if isinstance(value, list):
        value[i] = inner
        return value
    items = list(value)  # type: ignore[call-overload]
    items[i] = inner
    return tuple(items)


def decode_row(b: bytes) -> tuple:
    """Deserialise bytes produced by :func:`encode_row`."""
    version = b[:1]
    if version == _V_PLAIN:
        return _loads(b[1:])
    if version == _V_DECIMAL:
        row, paths = _loads(b[1:])
        for path in paths:
            row = _restore(row, path)
        return row
    raise ValueError(f"unknown stored row format {version!r}")


def _values_equal(a: object, b: object) -> bool:
    if a == b:
        return type(a) is type(b) or not (isinstance(a, bool) or isinstance(b, bool))
    if isinstance(a, float) and isinstance(b, float):
        return math.isnan(a) and math.isnan(b)
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a.is_nan() and b.is_nan()
    if isinstance(a, tuple | list) and isinstance(b, tuple | list):
        return len(a) == len(b) and all(_values_equal(x, y) for x, y in zip(a, b))
    return False


def rows_equal(a: tuple, b: tuple) -> bool:
    """True if two rows hold the same values (NaN equals NaN here; 1 differs from True)."""
    return len(a) == len(b) and all(_values_equal(x, y) for x, y in zip(a, b))
