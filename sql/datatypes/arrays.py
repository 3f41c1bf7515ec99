"""Array text I/O (``array_in`` / ``array_out``) over any element type.

Datum: a Python ``list``; multi-dimensional arrays are nested lists of equal length, NULL
elements are ``None``, and the empty array is ``[]``. Lower bounds are 1 unless the datum is a
:class:`BoundedArray` (a list that also carries ``lbounds``, one per dimension), as made by input
with explicit dimensions (``[0:1]={1,2}``) or ``array_fill`` with lower bounds; operations that
build new arrays generally return plain lists (lower bounds 1). Storage keeps only the elements.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

from ._errors import too_many_dimensions

MAXDIM = 6
_SPACE = " \t\n\r\v\f"


class BoundedArray(list):  # type: ignore[type-arg]
    """An array with explicit lower bounds (``lbounds``: one per dimension, outermost first)."""

    __slots__ = ("lbounds",)

    def __init__(self, items: list[Any], lbounds: tuple[int, ...]) -> None:
        super().__init__(items)
        self.lbounds = tuple(lbounds)


def with_lower_bounds(items: list[Any], lbounds: tuple[int, ...] | list[int]) -> list[Any]:
    """``items`` with the given lower bounds (a plain list when they are all 1)."""
    if items and any(lb != 1 for lb in lbounds):
        return BoundedArray(items, tuple(lbounds))
    return items


def lower_bounds(value: list[Any]) -> tuple[int, ...]:
    """Lower bound per dimension of an array datum."""
    lb = getattr(value, "lbounds", None)
    if lb is not None:
        return lb  # type: ignore[no-any-return]
    return (1,) * len(array_dims(value))


def _malformed(text: str, detail: str) -> SqlError:
    return SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'malformed array literal: "{text}"', detail=detail)


class _Parser:
    def __init__(self, text: str, delim: str) -> None:
        self.s = text
        self.n = len(text)
        self.pos = 0
        self.delim = delim

    def err(self, detail: str) -> SqlError:
        return _malformed(self.s, detail)

    def peek(self) -> str:
        return self.s[self.pos] if self.pos < self.n else ""

    def skip_ws(self) -> None:
        while self.pos < self.n and self.s[self.pos] in _SPACE:
            self.pos += 1

    def parse_dims(self) -> list[tuple[int, int]]:
        dims: list[tuple[int, int]] = []
        while self.peek() == "[":
            self.pos += 1
            self.skip_ws()
            lo_txt = self._int()
            if lo_txt is None:
                raise self.err('"[" must introduce explicitly-specified array dimensions.')
            self.skip_ws()
            if self.peek() == ":":
                self.pos += 1
                self.skip_ws()
                up_txt = self._int()
                if up_txt is None:
                    raise self.err("Missing array dimension value.")
                lo, up = lo_txt, up_txt
                self.skip_ws()
            else:
                lo, up = 1, lo_txt
            if self.peek() != "]":
                raise self.err('Missing "]" after array dimensions.')
            self.pos += 1
            if up < lo:
                raise SqlError(sqlstate.ARRAY_SUBSCRIPT_ERROR, "upper bound cannot be less than lower bound")
            dims.append((lo, up))
            if len(dims) > MAXDIM:
                raise too_many_dimensions(len(dims), MAXDIM)
            self.skip_ws()
        self.skip_ws()
        if self.peek() != "=":
            raise self.err('Missing "=" after array dimensions.')
        self.pos += 1
        self.skip_ws()
        return dims

    def _int(self) -> int | None:
        start = self.pos
        if self.peek() in "+-":
            self.pos += 1
        while self.pos < self.n and self.s[self.pos].isdigit():
            self.pos += 1
        txt = self.s[start:self.pos]
        if not txt or txt in "+-":
            self.pos = start
            return None
        return int(txt)

    def parse_level(self, depth: int) -> list[Any]:
        """Parse from just after a '{'; returns the level's items (str|None or nested lists)."""
        if depth > MAXDIM:
            raise too_many_dimensions(depth, MAXDIM)
        items: list[Any] = []
        kind = ""  # "sub" or "elem" once known
        expecting = True  # an item must follow ('{' or after a delimiter)
        first = True
        while True:
            self.skip_ws()
            c = self.peek()
            if not c:
                raise self.err("Unexpected end of input.")
            if c == "}":
                if expecting and not first:
                    raise self.err('Unexpected "}" character.')
                if first and depth > 1:
                    raise self.err('Unexpected "}" character.')
                self.pos += 1
                return items
            if not expecting:
                if c == self.delim:
                    self.pos += 1
                    expecting = True
                    continue
                raise self.err("Unexpected array element.")
            if c == self.delim:
                raise self.err(f'Unexpected "{c}" character.')
            if c == "{":
                if kind == "elem":
                    raise self.err('Unexpected "{" character.')
                kind = "sub"
                self.pos += 1
                items.append(self.parse_level(depth + 1))
            else:
                if kind == "sub":
                    raise self.err("Unexpected array element.")
                kind = "elem"
                items.append(self.parse_element())
            expecting = False
            first = False

    def parse_element(self) -> str | None:
        s, n = self.s, self.n
        out: list[str] = []
        if s[self.pos] == '"':
            self.pos += 1
            while True:
                if self.pos >= n:
                    raise self.err("Unexpected end of input.")
                c = s[self.pos]
                if c == "\\":
                    self.pos += 1
                    if self.pos >= n:
                        raise self.err("Unexpected end of input.")
                    out.append(s[self.pos])
                    self.pos += 1
                elif c == '"':
                    self.pos += 1
                    return "".join(out)
                else:
                    out.append(c)
                    self.pos += 1
        keep = 0  # length of out up to the last non-space or escaped char
        escaped_any = False
        while True:
            if self.pos >= n:
                raise self.err("Unexpected end of input.")
            c = s[self.pos]
            if c == "\\":
                self.pos += 1
                if self.pos >= n:
                    raise self.err("Unexpected end of input.")
                out.append(s[self.pos])
                self.pos += 1
                keep = len(out)
                escaped_any = True
            elif c == self.delim or c == "}":
                break
            elif c == '"':
                raise self.err("Unexpected array element.")
            elif c == "{":
                raise self.err('Unexpected "{" character.')
            else:
                out.append(c)
                self.pos += 1
                if c not in _SPACE:
                    keep = len(out)
        value = "".join(out[:keep])
        if not escaped_any and value.upper() == "NULL":
            return None
        return value


def _shape(items: list[Any], text: str) -> list[int]:
    """Dimensions of a parsed nested list, checking that sub-arrays match."""
    if not items or not isinstance(items[0], list):
        return [len(items)]
    sub = [_shape(x, text) for x in items]
    first = sub[0]
    for other in sub[1:]:
        if other != first:
            raise _malformed(text, "Multidimensional arrays must have sub-arrays with matching dimensions.")
    return [len(items)] + first


def _convert(items: list[Any], elem_in: Callable[[str], Any]) -> list[Any]:
    out: list[Any] = []
    for x in items:
        if isinstance(x, list):
            out.append(_convert(x, elem_in))
        elif x is None:
            out.append(None)
        else:
            out.append(elem_in(x))
    return out


def array_in(text: str, elem_in: Callable[[str], Any], delim: str = ",") -> list[Any]:
    p = _Parser(text, delim)
    p.skip_ws()
    dims: list[tuple[int, int]] | None = None
    if p.peek() == "[":
        dims = p.parse_dims()
    if p.peek() != "{":
        raise p.err('Array value must start with "{" or dimension information.')
    p.pos += 1
    items = p.parse_level(1)
    p.skip_ws()
    if p.pos < p.n:
        raise p.err("Junk after closing right brace.")
    shape = _shape(items, text) if items else [0]
    if dims is not None and (shape if items else []) != [up - lo + 1 for lo, up in dims]:
        raise p.err("Specified array dimensions do not match array contents.")
    if shape == [0]:
        return []
    out = _convert(items, elem_in)
    return with_lower_bounds(out, [lo for lo, _up in dims]) if dims else out


def _needs_quote(s: str, delim: str) -> bool:
    if s == "" or s.upper() == "NULL":
        return True
    for c in s:
        if c in '"\\{}' or c == delim or c in _SPACE:
            return True
    return False


def _quote(s: str, delim: str) -> str:
    if not _needs_quote(s, delim):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def array_out(value: list[Any], elem_out: Callable[[Any], str], delim: str = ",") -> str:
    parts: list[str] = []

    def emit(v: list[Any]) -> None:
        parts.append("{")
        for i, x in enumerate(v):
            if i:
                parts.append(delim)
            if isinstance(x, list):
                emit(x)
            elif x is None:
                parts.append("NULL")
            else:
                parts.append(_quote(elem_out(x), delim))
        parts.append("}")

    lbounds = getattr(value, "lbounds", None)
    if lbounds is not None and any(lb != 1 for lb in lbounds):
        parts.append("".join(f"[{lb}:{lb + n - 1}]" for lb, n in zip(lbounds, array_dims(value))) + "=")
    emit(value)
    return "".join(parts)


def array_dims(value: list[Any]) -> list[int]:
    """Dimension lengths of a (rectangular) nested-list array; ``[]`` for the empty array."""
    dims: list[int] = []
    v: Any = value
    while isinstance(v, list):
        if not v:
            return [] if not dims else dims + [0]
        dims.append(len(v))
        v = v[0]
    return dims


def flatten(value: list[Any]) -> list[Any]:
    """All elements of a nested-list array in storage (row-major) order."""
    out: list[Any] = []
    for x in value:
        if isinstance(x, list):
            out.extend(flatten(x))
        else:
            out.append(x)
    return out


def map_elements(value: list[Any], fn: Callable[[Any], Any]) -> list[Any]:
    """Apply ``fn`` to every non-NULL element, keeping the nesting (and lower bounds)."""
    lbounds = getattr(value, "lbounds", None)
    if lbounds is not None:
        return BoundedArray(map_elements(list(value), fn), lbounds)
    return [map_elements(x, fn) if isinstance(x, list) else (None if x is None else fn(x)) for x in value]
