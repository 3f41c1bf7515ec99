"""The value of a set-returning function with several output columns called in the select list
(``SELECT json_each(j)``): a record whose fields are those columns, typed ``record`` with a blessed
typmod (see :mod:`sql.anon_records`) so that field selection resolves at plan time."""

from __future__ import annotations

from collections.abc import Sequence

from sql import typesys as T
from sql.anon_records import bless


def srf_result_type(cols: Sequence[tuple[str, int]]) -> tuple[int, int]:
    """(type OID, typmod) of a select-list SRF call's value."""
    if len(cols) == 1:
        return cols[0][1], -1
    return T.RECORD, bless(cols)


def srf_shape(cols: Sequence[tuple[str, int]]) -> tuple[tuple[str, ...], tuple[int, ...]] | None:
    """(field names, field types) of a select-list SRF call's record value; None for one column."""
    if len(cols) == 1:
        return None
    return tuple(n for n, _t in cols), tuple(t for _n, t in cols)
