"""Name scopes for expressions: which columns a row holds and where.

A :class:`Scope` lays the range entries of a FROM clause side by side in one tuple row; a
column reference resolves to a position in that tuple, or to a position in an enclosing
query's row (correlated subqueries), counted by depth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql.errors import SqlError


@dataclass(frozen=True)
class ScopeColumn:
    name: str
    type: int
    typmod: int = -1
    table_oid: int = 0
    attnum: int = 0
    hidden: bool = False  # not expanded by *
    # a deferred column (see sql.plan_late_columns): computed by compute(source row, ctx) from the
    # hidden column source_delta places to the right, where the column is read
    compute: Any = field(default=None, compare=False)
    source_delta: int = 0


@dataclass
class RangeEntry:
    alias: str
    columns: list[ScopeColumn]
    offset: int = 0
    relation: object = None  # catalog Table when the entry is a base table
    schema_name: str | None = None
    scalar: bool = False  # a function returning a plain value: its whole-row reference is that value


@dataclass
class Scope:
    entries: list[RangeEntry] = field(default_factory=list)
    parent: Scope | None = None
    # columns merged by JOIN USING / NATURAL: name -> position of the merged value
    merged: dict[str, int] = field(default_factory=dict)
    # FULL JOIN USING: name -> (left position, right position); the value is COALESCE(left, right)
    merged_full: dict[str, tuple[int, int]] = field(default_factory=dict)
    # JOIN USING of int columns of different widths: name -> the wider type the merged column has
    merged_types: dict[str, int] = field(default_factory=dict)
    # JOIN ... USING (k) AS j: j -> the merged column names it qualifies
    join_aliases: dict[str, list[str]] = field(default_factory=dict)

    @property
    def width(self) -> int:
        return sum(len(e.columns) for e in self.entries)

    def add(self, entry: RangeEntry) -> None:
        entry.offset = self.width
        self.entries.append(entry)

    def find_entry(self, qualifier: str, schema: str | None = None) -> RangeEntry | None:
        for e in self.entries:
            if e.alias == qualifier and (schema is None or e.schema_name == schema):
                return e
        return None

    def resolve_local(self, qualifier: str | None, name: str, schema: str | None = None
                      ) -> tuple[int, ScopeColumn] | None:
        if qualifier is not None:
            entry = self.find_entry(qualifier, schema)
            if entry is None and schema is None and qualifier in self.join_aliases:
                if name not in self.join_aliases[qualifier]:
                    raise SqlError(sqlstate.UNDEFINED_COLUMN, f"column {qualifier}.{name} does not exist")
                return self.resolve_local(None, name)
            if entry is None:
                return None
            for i, c in enumerate(entry.columns):
                if c.name == name:
                    return entry.offset + i, c
            raise SqlError(sqlstate.UNDEFINED_COLUMN, f"column {qualifier}.{name} does not exist")
        if name in self.merged:
            pos = self.merged[name]
            col = self.column_at(pos)
            if name in self.merged_types:
                col = ScopeColumn(col.name, self.merged_types[name])
            return pos, col
        found: tuple[int, ScopeColumn] | None = None
        for entry in self.entries:
            for i, c in enumerate(entry.columns):
                if c.name == name:
                    if found is not None:
                        raise SqlError(sqlstate.AMBIGUOUS_COLUMN, f'column reference "{name}" is ambiguous')
                    found = (entry.offset + i, c)
        return found

    def column_at(self, pos: int) -> ScopeColumn:
        for e in self.entries:
            if e.offset <= pos < e.offset + len(e.columns):
                return e.columns[pos - e.offset]
        raise IndexError(pos)

    def has_qualifier(self, qualifier: str) -> bool:
        s: Scope | None = self
        while s is not None:
            if s.find_entry(qualifier) is not None or qualifier in s.join_aliases:
                return True
            s = s.parent
        return False


class PositionRef(exp.Expression):
    """A column of the current scope by row position (star expansion of entries whose column
    names repeat, e.g. ``SELECT * FROM unnest(a, b)`` whose columns are both named unnest)."""

    arg_types = {"this": True}
