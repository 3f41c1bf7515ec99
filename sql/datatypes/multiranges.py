"""Multirange types: int4multirange, int8multirange, nummultirange, datemultirange,
tsmultirange, tstzmultirange (PostgreSQL 14+).

A datum is a :class:`Multirange`: a tuple of non-empty :class:`~.ranges.Range` values kept
canonical like PostgreSQL's ``multirange_canonicalize`` (sorted, overlapping and adjacent
ranges merged, empty ranges dropped). Multiranges order like ``multirange_cmp``. Text I/O
follows ``multirange_in`` / ``multirange_out``; stored as the text output (timestamptz bounds
in UTC).
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sql import sqlstate
from sql.errors import SqlError

from .ranges import (
    DATERANGE,
    INT4RANGE,
    INT8RANGE,
    NUMRANGE,
    TSRANGE,
    TSTZRANGE,
    Range,
    adjacent,
    before,
    range_input,
    range_output,
    union,
)

INT4MULTIRANGE, INT8MULTIRANGE, NUMMULTIRANGE = 4451, 4536, 4532
DATEMULTIRANGE, TSMULTIRANGE, TSTZMULTIRANGE = 4535, 4533, 4534

# multirange type OID -> its range type OID
MULTIRANGE_RANGES: dict[int, int] = {
    INT4MULTIRANGE: INT4RANGE, INT8MULTIRANGE: INT8RANGE, NUMMULTIRANGE: NUMRANGE,
    DATEMULTIRANGE: DATERANGE, TSMULTIRANGE: TSRANGE, TSTZMULTIRANGE: TSTZRANGE,
}
MULTIRANGE_OF_RANGE: dict[int, int] = {v: k for k, v in MULTIRANGE_RANGES.items()}


@functools.total_ordering
@dataclass(frozen=True)
class Multirange:
    """A canonical multirange: its non-empty ranges, sorted and pairwise separated."""

    ranges: tuple[Range, ...] = ()

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Multirange):
            return NotImplemented
        return self.ranges < other.ranges

    @property
    def empty(self) -> bool:
        return not self.ranges


EMPTY_MULTIRANGE = Multirange()


def make_multirange(range_oid: int, ranges: Iterable[Range]) -> Multirange:
    """The canonical multirange of ``ranges`` (PostgreSQL's ``multirange_canonicalize``)."""
    items = sorted(x for x in ranges if not x.empty)
    out: list[Range] = []
    for cur in items:
        if out:
            last = out[-1]
            if adjacent(last, cur) or not before(last, cur):
                out[-1] = union(range_oid, last, cur)
                continue
        out.append(cur)
    return Multirange(tuple(out))


# ---------------------------------------------------------------------------
# text I/O


def _malformed(text: str, detail: str) -> SqlError:
    return SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'malformed multirange literal: "{text}"',
                    detail=detail)


def split_multirange_text(text: str) -> list[str | None]:
    """The range literals of a multirange literal (None for an ``empty`` element), scanning
    like PostgreSQL's ``multirange_in`` state machine."""
    n = len(text)
    i = 0
    while i < n and text[i].isspace():
        i += 1
    if i >= n or text[i] != "{":
        raise _malformed(text, "Missing left brace.")
    i += 1
    parts: list[str | None] = []
    state = "before"
    start = 0
    while state != "done":
        if i >= n:
            raise _malformed(text, "Unexpected end of input.")
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if state == "before":
            if ch in "[(":
                start, state = i, "in"
            elif ch == "}" and not parts:
                state = "done"
            elif text[i:i + 5].lower() == "empty":
                parts.append(None)
                i += 4
                state = "after"
            else:
                raise _malformed(text, "Expected range start.")
        elif state == "in":
            if ch in "])":
                parts.append(text[start:i + 1])
                state = "after"
            elif ch == '"':
                state = "quoted"
            elif ch == "\\":
                state = "escaped"
        elif state == "escaped":
            state = "in"
        elif state == "quoted":
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    i += 1
                else:
                    state = "in"
            elif ch == "\\":
                state = "quoted_escaped"
        elif state == "quoted_escaped":
            state = "quoted"
        elif ch == ",":
            state = "before"
        elif ch == "}":
            state = "done"
        else:
            raise _malformed(text, "Expected comma or end of multirange.")
        i += 1
    if text[i:].strip() != "":
        raise _malformed(text, "Junk after closing right brace.")
    return parts


def multirange_input(mr_oid: int, tz: _dt.tzinfo) -> Callable[[str], Multirange]:
    range_oid = MULTIRANGE_RANGES[mr_oid]
    parse_range = range_input(range_oid, tz)

    def parse(text: str) -> Multirange:
        parts = split_multirange_text(text)
        if not parts:
            return EMPTY_MULTIRANGE
        return make_multirange(range_oid, [parse_range(p) for p in parts if p is not None])

    return parse


def multirange_output(mr_oid: int, tz: _dt.tzinfo, datestyle: str | None = None) -> Callable[[Multirange], str]:
    out_range = range_output(MULTIRANGE_RANGES[mr_oid], tz, datestyle)

    def out(x: Multirange) -> str:
        return "{" + ",".join(out_range(r) for r in x.ranges) + "}"

    return out


def _register() -> None:
    from . import extra_io

    for oid in MULTIRANGE_RANGES:
        extra_io.INPUTS[oid] = lambda typmod, tz, oid=oid: multirange_input(oid, tz)
        extra_io.OUTPUTS[oid] = lambda tz, datestyle, oid=oid: multirange_output(oid, tz, datestyle)
        extra_io.TO_STORAGE[oid] = multirange_output(oid, _dt.UTC)
        extra_io.FROM_STORAGE[oid] = multirange_input(oid, _dt.UTC)


_register()
