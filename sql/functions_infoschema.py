"""The helper functions of PostgreSQL's information_schema that clients call directly:
``information_schema._pg_expandarray(anyarray)`` (the JDBC driver's DatabaseMetaData.getPrimaryKeys
and getIndexInfo use it to number an index's key columns). The parser drops the
``information_schema.`` qualifier of ``_pg_*`` calls, as it does ``pg_catalog.``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sql import typesys as T
from sql.functions import set_returning


def _expandarray_columns(types: Sequence[int]) -> list[tuple[str, int]]:
    elem = T.element_type(types[0]) if types and T.element_type(types[0]) else T.TEXT
    return [("x", elem), ("n", T.INT4)]


@set_returning("_pg_expandarray", (T.ANY,), _expandarray_columns)
def _pg_expandarray(arr: list[Any]) -> Iterator[tuple[Any, int]]:
    """(element, position counted from 1) for each element of the first dimension."""
    for i, x in enumerate(arr):
        yield x, i + 1
