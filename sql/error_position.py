"""The position (LINE n and caret in psql) of errors about names the planner could not resolve.

The planner sees the statement as sqlglot parsed it, which may differ from the client's text (literals
lifted into parameters, blanks added before parameters). An error raised at a name records where
sqlglot saw that name (:func:`mark`); the session then reports that offset only if the client's text
is the same up to and including the name (:func:`settle`), so a caret never points elsewhere."""

from __future__ import annotations

from typing import Any

from sql.errors import SqlError


def mark(err: SqlError, ident: Any) -> SqlError:
    """Remember where the identifier node ``ident`` was written."""
    meta = getattr(ident, "meta", None) or {}
    start, end = meta.get("start"), meta.get("end")
    if isinstance(start, int) and isinstance(end, int) and err.position is None:
        err.name_span = (start, end)  # type: ignore[attr-defined]
    return err


def settle(err: SqlError, parsed: str, original: str) -> None:
    """Turn a marked name into the error's position when ``original`` matches ``parsed`` up to it."""
    span = getattr(err, "name_span", None)
    if span is None or err.position is not None:
        return
    start, end = span
    if end < len(parsed) and parsed[:end + 1] == original[:end + 1]:
        err.position = start + 1
