"""Range types: int4range, int8range, numrange, daterange, tsrange, tstzrange.

A datum is a :class:`Range` (canonical: discrete ranges are kept ``[)``, empty ranges are
``Range.EMPTY``). Bounds compare like PostgreSQL's ``range_cmp_bounds``; ranges order like
``range_cmp`` (empty first, then by lower bound, then by upper bound). Text I/O follows
``range_in`` / ``range_out`` (bounds quoted when they hold blanks or ``"\\(),[]``).
Stored as the text output (timestamptz bounds in UTC).
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

from . import registry as r

INT4RANGE, INT8RANGE, NUMRANGE, TSRANGE, TSTZRANGE, DATERANGE = 3904, 3926, 3906, 3908, 3910, 3912

# range type OID -> subtype OID
RANGE_SUBTYPES: dict[int, int] = {
    INT4RANGE: r.INT4, INT8RANGE: r.INT8, NUMRANGE: r.NUMERIC, TSRANGE: r.TIMESTAMP,
    TSTZRANGE: r.TIMESTAMPTZ, DATERANGE: r.DATE,
}
RANGE_OF_SUBTYPE: dict[int, int] = {v: k for k, v in RANGE_SUBTYPES.items()}
DISCRETE = {INT4RANGE, INT8RANGE, DATERANGE}


def _cmp(a: Any, b: Any) -> int:
    return -1 if a < b else (1 if a > b else 0)


@functools.total_ordering
@dataclass(frozen=True)
class Range:
    """A range value; ``lower``/``upper`` None mean an infinite bound."""

    lower: Any = None
    upper: Any = None
    lower_inc: bool = False
    upper_inc: bool = False
    empty: bool = False

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Range):
            return NotImplemented
        return range_cmp(self, other) < 0


EMPTY = Range(empty=True)


# bounds: (value or None for infinite, inclusive, is_lower)
Bound = tuple[Any, bool, bool]


def lower_bound(x: Range) -> Bound:
    return (x.lower, x.lower_inc, True)


def upper_bound(x: Range) -> Bound:
    return (x.upper, x.upper_inc, False)


def cmp_bounds(a: Bound, b: Bound) -> int:
    """PostgreSQL's ``range_cmp_bounds``."""
    av, ainc, alow = a
    bv, binc, blow = b
    if av is None:
        if bv is None and alow == blow:
            return 0
        return -1 if alow else 1
    if bv is None:
        return 1 if blow else -1
    c = _cmp(av, bv)
    if c != 0:
        return c
    if not ainc and not binc:
        return 0 if alow == blow else (1 if alow else -1)
    if not ainc:
        return 1 if alow else -1
    if not binc:
        return -1 if blow else 1
    return 0


def range_cmp(a: Range, b: Range) -> int:
    if a.empty or b.empty:
        return 0 if a.empty and b.empty else (-1 if a.empty else 1)
    c = cmp_bounds(lower_bound(a), lower_bound(b))
    return c if c else cmp_bounds(upper_bound(a), upper_bound(b))


def _step(subtype: int) -> Callable[[Any], Any] | None:
    if subtype in (r.INT4, r.INT8):
        return lambda v: v + 1
    if subtype == r.DATE:
        return lambda v: v + _dt.timedelta(days=1) if isinstance(v, _dt.date) else v
    return None


def make_range(range_oid: int, lower: Any, upper: Any, lower_inc: bool, upper_inc: bool) -> Range:
    """A canonical range (22000 when lower > upper); infinite bounds are never inclusive."""
    if lower is None:
        lower_inc = False
    if upper is None:
        upper_inc = False
    if lower is not None and upper is not None:
        c = _cmp(lower, upper)
        if c > 0:
            raise SqlError(sqlstate.DATA_EXCEPTION,
                           "range lower bound must be less than or equal to range upper bound")
        if c == 0 and not (lower_inc and upper_inc):
            return EMPTY
    step = _step(RANGE_SUBTYPES[range_oid]) if range_oid in DISCRETE else None
    if step is not None:
        if lower is not None and not lower_inc:
            lower, lower_inc = step(lower), True
        if upper is not None and upper_inc:
            upper, upper_inc = step(upper), False
        if lower is not None and upper is not None and _cmp(lower, upper) >= 0:
            return EMPTY
    return Range(lower, upper, lower_inc, upper_inc)


def _from_bounds(range_oid: int, lo: Bound, up: Bound) -> Range:
    return make_range(range_oid, lo[0], up[0], lo[1], up[1])


def construct(range_oid: int, lower: Any, upper: Any, flags: str = "[)") -> Range:
    """``int4range(lower, upper [, flags])`` (SQL NULL bounds arrive as None: infinite)."""
    if flags not in ("[)", "[]", "(]", "()"):
        raise SqlError(sqlstate.SYNTAX_ERROR, "invalid range bound flags",
                       hint='Valid values are "[]", "[)", "(]", and "()".')
    return make_range(range_oid, lower, upper, flags[0] == "[", flags[1] == "]")


# ---------------------------------------------------------------------------
# operators


def contains_elem(x: Range, v: Any) -> bool:
    if x.empty:
        return False
    if x.lower is not None:
        c = _cmp(x.lower, v)
        if c > 0 or (c == 0 and not x.lower_inc):
            return False
    if x.upper is not None:
        c = _cmp(x.upper, v)
        if c < 0 or (c == 0 and not x.upper_inc):
            return False
    return True


def contains(a: Range, b: Range) -> bool:
    if b.empty:
        return True
    if a.empty:
        return False
    return cmp_bounds(lower_bound(a), lower_bound(b)) <= 0 and cmp_bounds(upper_bound(a), upper_bound(b)) >= 0


def overlaps(a: Range, b: Range) -> bool:
    if a.empty or b.empty:
        return False
    la, ua, lb, ub = lower_bound(a), upper_bound(a), lower_bound(b), upper_bound(b)
    if cmp_bounds(la, lb) >= 0 and cmp_bounds(la, ub) <= 0:
        return True
    return cmp_bounds(lb, la) >= 0 and cmp_bounds(lb, ua) <= 0


def before(a: Range, b: Range) -> bool:
    if a.empty or b.empty:
        return False
    return cmp_bounds(upper_bound(a), lower_bound(b)) < 0


def after(a: Range, b: Range) -> bool:
    if a.empty or b.empty:
        return False
    return cmp_bounds(lower_bound(a), upper_bound(b)) > 0


def not_extend_right(a: Range, b: Range) -> bool:
    if a.empty or b.empty:
        return False
    return cmp_bounds(upper_bound(a), upper_bound(b)) <= 0


def not_extend_left(a: Range, b: Range) -> bool:
    if a.empty or b.empty:
        return False
    return cmp_bounds(lower_bound(a), lower_bound(b)) >= 0


def _touch(upper: Bound, lower: Bound) -> bool:
    return upper[0] is not None and lower[0] is not None and _cmp(upper[0], lower[0]) == 0 and upper[1] != lower[1]


def adjacent(a: Range, b: Range) -> bool:
    if a.empty or b.empty:
        return False
    return _touch(upper_bound(a), lower_bound(b)) or _touch(upper_bound(b), lower_bound(a))


def union(range_oid: int, a: Range, b: Range) -> Range:
    if a.empty:
        return b
    if b.empty:
        return a
    if not overlaps(a, b) and not adjacent(a, b):
        raise SqlError(sqlstate.DATA_EXCEPTION, "result of range union would not be contiguous")
    lo = min(lower_bound(a), lower_bound(b), key=functools.cmp_to_key(cmp_bounds))
    up = max(upper_bound(a), upper_bound(b), key=functools.cmp_to_key(cmp_bounds))
    return _from_bounds(range_oid, lo, up)


def intersect(range_oid: int, a: Range, b: Range) -> Range:
    if not overlaps(a, b):
        return EMPTY
    lo = max(lower_bound(a), lower_bound(b), key=functools.cmp_to_key(cmp_bounds))
    up = min(upper_bound(a), upper_bound(b), key=functools.cmp_to_key(cmp_bounds))
    return _from_bounds(range_oid, lo, up)


def minus(range_oid: int, a: Range, b: Range) -> Range:
    if a.empty or b.empty:
        return a
    la, ua, lb, ub = lower_bound(a), upper_bound(a), lower_bound(b), upper_bound(b)
    l1l2, l1u2, u1l2, u1u2 = cmp_bounds(la, lb), cmp_bounds(la, ub), cmp_bounds(ua, lb), cmp_bounds(ua, ub)
    if l1l2 < 0 and u1u2 > 0:
        raise SqlError(sqlstate.DATA_EXCEPTION, "result of range difference would not be contiguous")
    if l1u2 > 0 or u1l2 < 0:
        return a
    if l1l2 >= 0 and u1u2 <= 0:
        return EMPTY
    if l1l2 <= 0 and u1l2 >= 0 and u1u2 <= 0:
        return _from_bounds(range_oid, la, (lb[0], not lb[1], False))
    if l1l2 >= 0 and u1u2 >= 0 and l1u2 <= 0:
        return _from_bounds(range_oid, (ub[0], not ub[1], True), ua)
    raise SqlError(sqlstate.INTERNAL_ERROR, "unexpected case in range_minus")


# ---------------------------------------------------------------------------
# text I/O


def _malformed(text: str, detail: str) -> SqlError:
    return SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'malformed range literal: "{text}"', detail=detail)


def _parse_bound(text: str, i: int, stops: str) -> tuple[str | None, int]:
    """One bound's text starting at ``i`` up to one of ``stops``; None when empty (infinite)."""
    out: list[str] = []
    quoted_any = False
    n = len(text)
    while i < n and text[i] not in stops:
        ch = text[i]
        if ch == "\\":
            if i + 1 >= n:
                raise _malformed(text, "Unexpected end of input.")
            out.append(text[i + 1])
            i += 2
        elif ch == '"':
            quoted_any = True
            i += 1
            while True:
                if i >= n:
                    raise _malformed(text, "Unexpected end of input.")
                ch = text[i]
                if ch == "\\":
                    if i + 1 >= n:
                        raise _malformed(text, "Unexpected end of input.")
                    out.append(text[i + 1])
                    i += 2
                elif ch == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        out.append('"')
                        i += 2
                    else:
                        i += 1
                        break
                else:
                    out.append(ch)
                    i += 1
        else:
            out.append(ch)
            i += 1
    if i >= n:
        raise _malformed(text, "Unexpected end of input." if stops != "," else "Missing comma after lower bound.")
    if not out and not quoted_any:
        return None, i
    return "".join(out), i


def parse_range_text(text: str) -> tuple[str | None, str | None, bool, bool] | None:
    """Split range text into (lower text, upper text, lower_inc, upper_inc); None for ``empty``."""
    s = text
    i, n = 0, len(s)
    while i < n and s[i].isspace():
        i += 1
    if s[i:i + 5].lower() == "empty":
        j = i + 5
        if s[j:].strip() == "":
            return None
        raise _malformed(text, "Junk after \"empty\" key word.")
    if i >= n or s[i] not in "[(":
        raise _malformed(text, 'Missing left parenthesis or bracket.')
    lower_inc = s[i] == "["
    lo, i = _parse_bound(s, i + 1, ",")
    up, i = _parse_bound(s, i + 1, ")]")
    upper_inc = s[i] == "]"
    if s[i + 1:].strip() != "":
        raise _malformed(text, "Junk after right parenthesis or bracket.")
    return lo, up, lower_inc, upper_inc


def range_input(range_oid: int, tz: _dt.tzinfo) -> Callable[[str], Range]:
    from .textio import input_function

    sub_in = input_function(RANGE_SUBTYPES[range_oid], tz=tz)

    def parse(text: str) -> Range:
        parts = parse_range_text(text)
        if parts is None:
            return EMPTY
        lo, up, linc, uinc = parts
        return make_range(range_oid, None if lo is None else sub_in(lo), None if up is None else sub_in(up),
                          linc, uinc)

    return parse


def _quote_bound(s: str) -> str:
    if s == "" or any(c in '"\\(),[]' or c.isspace() for c in s):
        return '"' + s.replace("\\", "\\\\").replace('"', '""') + '"'
    return s


def range_output(range_oid: int, tz: _dt.tzinfo, datestyle: str | None = None) -> Callable[[Range], str]:
    from .textio import output_function

    sub_out = output_function(RANGE_SUBTYPES[range_oid], tz=tz, datestyle=datestyle)

    def out(x: Range) -> str:
        if x.empty:
            return "empty"
        lo = "" if x.lower is None else _quote_bound(sub_out(x.lower))
        up = "" if x.upper is None else _quote_bound(sub_out(x.upper))
        return ("[" if x.lower_inc else "(") + lo + "," + up + ("]" if x.upper_inc else ")")

    return out


def range_to_storage(range_oid: int) -> Callable[[Range], str]:
    return range_output(range_oid, _dt.UTC)


def range_from_storage(range_oid: int) -> Callable[[str], Range]:
    return range_input(range_oid, _dt.UTC)


def _register() -> None:
    from . import extra_io

    for oid in RANGE_SUBTYPES:
        extra_io.INPUTS[oid] = lambda typmod, tz, oid=oid: range_input(oid, tz)
        extra_io.OUTPUTS[oid] = lambda tz, datestyle, oid=oid: range_output(oid, tz, datestyle)
        extra_io.TO_STORAGE[oid] = range_to_storage(oid)
        extra_io.FROM_STORAGE[oid] = range_from_storage(oid)


_register()
