"""Record values that know their field names: :class:`NamedRow` (made by whole-row references,
see :mod:`sql.expr_rows`) and :func:`record_fields` for the functions that need names (JSON)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sql import typesys as T


class NamedRow(tuple):  # type: ignore[type-arg]
    """A record value with field names and type OIDs."""

    names: tuple[str, ...]
    types: tuple[int, ...]

    def __new__(cls, values: Sequence[Any], names: Sequence[str], types: Sequence[int]) -> NamedRow:
        row = super().__new__(cls, values)
        row.names = tuple(names)
        row.types = tuple(types)
        return row

    def __reduce__(self) -> Any:
        return (NamedRow, (tuple(self), self.names, self.types))


def record_fields(value: tuple[Any, ...]) -> list[tuple[str, Any, int]]:
    """(name, value, type OID) per field; anonymous records name them f1, f2, ..."""
    from sql.functions_util import infer_oid

    names = getattr(value, "names", None)
    types = getattr(value, "types", None)
    out = []
    for i, v in enumerate(value):
        name = names[i] if names else f"f{i + 1}"
        oid = types[i] if types else (infer_oid(v) if v is not None else T.TEXT)
        out.append((name, v, oid))
    return out
