"""What executing a statement hands back to the caller (the protocol front end).

A :class:`Result` describes the columns (if the statement returns rows), a row iterator of
Python datums, the command tag, and an optional durability future: the front end must wait for
``wait`` (a concurrent.futures.Future) before it reports completion, because that is when the
COMMIT is on disk. The SQL layer never produces bytes; encoding rows is the front end's job.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sql.errors import SqlError


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    type_oid: int
    typmod: int = -1
    table_oid: int = 0
    attnum: int = 0


_COUNTED = {"SELECT", "UPDATE", "DELETE", "MERGE", "FETCH", "MOVE", "COPY"}


@dataclass
class Result:
    command: str  # SELECT, INSERT, UPDATE, CREATE TABLE, BEGIN, SET, SHOW, ...
    columns: list[ColumnInfo] | None = None  # None: the statement returns no rows
    rows: Iterator[tuple[Any, ...]] | None = None
    rowcount: int | None = None  # known count for DML; SELECT counts what the consumer fetched
    wait: Future[Any] | None = None
    notices: list[SqlError] = field(default_factory=list)
    formats: tuple[int, ...] = ()  # result format codes per column (extended protocol)
    suspended: bool = False  # set by a row-limited portal run that stopped early
    empty: bool = False  # the query string was empty
    copy: Any = None  # COPY: a CopyIn or CopyOut the front end exchanges CopyData with

    def tag(self, fetched: int | None = None) -> str:
        n = self.rowcount if self.rowcount is not None else (fetched or 0)
        if self.command == "INSERT":
            return f"INSERT 0 {n}"
        if self.command in _COUNTED:
            return f"{self.command} {n}"
        return self.command
