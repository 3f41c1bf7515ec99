"""Conversion between executor rows (datums) and stored rows (storage forms), per table.

Most types are stored as they are (int, float, str, bool, bytes); the few that are not
(numeric, dates, timestamps, uuid, jsonb, arrays) are converted here. A codec is built once
per table version and is a no-op when every column stores its datum directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sql import typesys as T

RowFn = Callable[[tuple[Any, ...]], tuple[Any, ...]]


def _row_converter(fns: Sequence[Callable[[Any], Any] | None]) -> RowFn | None:
    if all(f is None for f in fns):
        return None
    pairs = [(i, f) for i, f in enumerate(fns) if f is not None]

    def convert(row: tuple[Any, ...]) -> tuple[Any, ...]:
        out = list(row)
        for i, f in pairs:
            v = out[i]
            if v is not None:
                out[i] = f(v)
        return tuple(out)

    return convert


class RowCodec:
    """encode: datum row -> stored row; decode: stored row -> datum row (None = identity)."""

    def __init__(self, type_oids: Sequence[int]) -> None:
        self.encode_fns = [T.to_storage(t) for t in type_oids]
        self.decode_fns = [T.from_storage(t) for t in type_oids]
        self.encode: RowFn | None = _row_converter(self.encode_fns)
        self.decode: RowFn | None = _row_converter(self.decode_fns)

    def encode_values(self, positions: Sequence[int], values: Sequence[Any]) -> tuple[Any, ...]:
        out = []
        for p, v in zip(positions, values):
            f = self.encode_fns[p]
            out.append(v if v is None or f is None else f(v))
        return tuple(out)
