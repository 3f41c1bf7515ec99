"""Sort with PostgreSQL's ordering: ASC NULLS LAST / DESC NULLS FIRST by default, NaN above all
numbers, C collation (code point order) for text, trailing blanks ignored for char(n)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sql import typesys as T
from sql.executor.scan import check_interrupts
from sql.limits import materialize


@dataclass(frozen=True)
class SortKey:
    position: int
    descending: bool = False
    nulls_first: bool | None = None  # None: PG default for the direction
    type_oid: int = 0


def _value_key(type_oid: int) -> Any:
    if type_oid in (T.FLOAT4, T.FLOAT8):
        return lambda v: (1, 0.0) if isinstance(v, float) and math.isnan(v) else (0, v)
    if type_oid == T.BPCHAR:
        return lambda v: v.rstrip(" ")
    return None


def sort_rows(data: list[Any], keys: list[tuple[Any, bool, bool | None, int]]) -> None:
    """Stable in-place sort of `data` by keys (key function, descending, nulls_first, type OID),
    applying PostgreSQL's NULL placement; the key functions take one list element."""
    for fn, desc, nulls_first_opt, type_oid in reversed(keys):
        nulls_first = desc if nulls_first_opt is None else nulls_first_opt
        nulls_large = (not nulls_first) if not desc else nulls_first
        nf = 1 if nulls_large else -1
        vk = _value_key(type_oid)

        def k(item: Any, fn: Any = fn, nf: int = nf, vk: Any = vk) -> Any:
            v = fn(item)
            if v is None:
                return (nf, 0)
            return (0, v) if vk is None else (0, vk(v))

        data.sort(key=k, reverse=desc)


@dataclass(frozen=True)
class Sort:
    child: Any
    keys: tuple[SortKey, ...]

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        data = materialize(self.child.rows(ctx), ctx)
        check_interrupts(ctx)
        sort_rows(data, [(lambda row, p=k.position: row[p], k.descending, k.nulls_first, k.type_oid)
                         for k in self.keys])
        yield from data
