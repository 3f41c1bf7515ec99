"""pg_proc: PostgreSQL 15's built-in functions (from :mod:`.data_proc`), parsed once.

The rows describe PostgreSQL's functions, not only the ones this server implements: clients
use pg_proc to recognise types' I/O functions (``typinput = 'array_in'::regproc``,
``proname = 'array_recv'``) and to list functions.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sql.catalog import PG_CATALOG_OID

# positions in a parsed row (see _COLUMNS)
OID, PRONAME, PRONARGS, PRORETTYPE, PROARGTYPES = 0, 1, 16, 18, 19


def _int_list(cell: str) -> list[int] | None:
    if cell == "\\N":
        return None
    inner = cell.strip("{}")
    return [int(x) for x in inner.split(",")] if inner else []


def _str_list(cell: str) -> list[str] | None:
    if cell == "\\N":
        return None
    inner = cell[1:-1]
    return inner.split(",") if inner else []


def _unescape(cell: str) -> str | None:
    if cell == "\\N":
        return None
    if cell == "\\E":
        return ""
    return cell.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


@lru_cache(maxsize=1)
def proc_rows() -> tuple[tuple[Any, ...], ...]:
    """pg_proc rows in PostgreSQL 15's column order."""
    from sql.catalog_views.data_proc import PROC_TSV

    rows = []
    for line in PROC_TSV.splitlines():
        if not line:
            continue
        c = line.split("\t")
        oid, proname = int(c[0]), c[1]
        prosrc = proname if c[21] == "=" else _unescape(c[21])
        rows.append((
            oid, proname, PG_CATALOG_OID, 10, int(c[2]), float(c[3]), float(c[4]), int(c[5]), int(c[6]),
            c[7], c[8] == "t", c[9] == "t", c[10] == "t", c[11] == "t", c[12], c[13], int(c[14]), int(c[15]),
            int(c[16]), [int(x) for x in (_unescape(c[17]) or "").split()], _int_list(c[18]), _str_list(c[19]),
            _str_list(c[20]),
            None, None, prosrc, None, None, None, None,
        ))
    return tuple(rows)


@lru_cache(maxsize=1)
def _by_oid() -> dict[int, tuple[Any, ...]]:
    return {r[0]: r for r in proc_rows()}


@lru_cache(maxsize=1)
def _by_name() -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    for r in proc_rows():
        out.setdefault(r[1], []).append(r)
    return out


def proc_by_oid(oid: int) -> tuple[Any, ...] | None:
    return _by_oid().get(oid)


def procs_named(name: str) -> list[tuple[Any, ...]]:
    return _by_name().get(name, [])


def arg_types(row: tuple[Any, ...]) -> list[int]:
    return row[PROARGTYPES]
