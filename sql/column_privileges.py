"""What a planned statement needs permission for, down to the column.

The planner appends ``(relation, letters[, checked-as owner])`` entries to a
:class:`PrivilegeNeeds` list and notes every table column an expression reads and every column
an INSERT / UPDATE writes. A relation-level privilege covers every column; without it,
PostgreSQL accepts column privileges (``Column.acl``) for the columns actually used: all read
columns need SELECT (a query reading none, like ``count(*)``, needs SELECT on some column),
the written ones INSERT or UPDATE.
"""

from __future__ import annotations

from typing import Any

from auth.predefined_roles import data_role_allows
from auth.privileges import has_privilege
from sql import sqlstate
from sql.errors import SqlError

COLUMN_LETTERS = "rawx"


class PrivilegeNeeds(list):  # type: ignore[type-arg]
    """The privilege entries of one statement, with the columns it reads and writes."""

    def __init__(self) -> None:
        super().__init__()
        self.reads: set[tuple[int, int]] = set()  # (table oid, attnum)
        self.writes: dict[tuple[int, str], set[int]] = {}  # (table oid, letter) -> attnums

    def note_read(self, table_oid: int, attnum: int) -> None:
        if table_oid:
            self.reads.add((table_oid, attnum))

    def note_write(self, table_oid: int, letter: str, attnum: int) -> None:
        self.writes.setdefault((table_oid, letter), set()).add(attnum)


def check_relation(roles: frozenset[int], rel: Any, letters: str, needs: Any, kind: str) -> None:
    """42501 unless ``roles`` hold ``letters`` on ``rel``, or on every column the statement uses."""
    for letter in letters:
        if has_privilege(roles, False, rel.owner, rel.acl, letter):
            continue
        if letter in COLUMN_LETTERS and _columns_allow(roles, rel, letter, needs):
            continue
        if data_role_allows(roles, kind, letter):  # pg_read_all_data / pg_write_all_data
            continue
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for {kind} {rel.name}")


def _columns_allow(roles: frozenset[int], rel: Any, letter: str, needs: Any) -> bool:
    columns = getattr(rel, "columns", None)
    if not columns or not any(c.acl for c in columns):
        return False
    by_attnum = {c.attnum or i + 1: c for i, c in enumerate(columns)}
    if letter == "r":
        used = {att for oid, att in getattr(needs, "reads", ()) if oid == rel.oid}
    else:
        used = set(getattr(needs, "writes", {}).get((rel.oid, letter), ()))
    if not used:
        return letter == "r" and any(has_privilege(roles, False, rel.owner, c.acl, letter) for c in columns)
    for att in used:
        col = by_attnum.get(att)
        if col is None or not has_privilege(roles, False, rel.owner, col.acl, letter):
            return False
    return True
