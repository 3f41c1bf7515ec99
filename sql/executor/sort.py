"""Sort with PostgreSQL's ordering: ASC NULLS LAST / DESC NULLS FIRST by default, NaN above all
numbers, C collation (code point order) for text, trailing blanks ignored for char(n)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sql import typesys as T
from sql.executor.scan import check_interrupts


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


@dataclass(frozen=True)
class Sort:
    child: Any
    keys: tuple[SortKey, ...]

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        data = list(self.child.rows(ctx))
        check_interrupts(ctx)
        for key in reversed(self.keys):
            pos = key.position
            nulls_first = (key.descending if key.nulls_first is None else key.nulls_first)
            nulls_large = (not nulls_first) if not key.descending else nulls_first
            vk = _value_key(key.type_oid)
            null_flag = 1 if nulls_large else -1

            if vk is None:
                def k(row: tuple[Any, ...], pos: int = pos, nf: int = null_flag) -> Any:
                    v = row[pos]
                    return (nf, 0) if v is None else (0, v)
            else:
                def k(row: tuple[Any, ...], pos: int = pos, nf: int = null_flag, vk: Any = vk) -> Any:
                    v = row[pos]
                    return (nf, 0) if v is None else (0, vk(v))
            data.sort(key=k, reverse=key.descending)
        yield from data
