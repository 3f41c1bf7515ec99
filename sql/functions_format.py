"""``format(formatstr text [, VARIADIC "any"])`` with PostgreSQL's ``text_format`` rules.

Conversion specifiers ``%[n$][-][width]type``: ``type`` is ``s`` (value as text, NULL as ''),
``I`` (quoted identifier; NULL is an error) or ``L`` (quoted literal; NULL prints NULL);
``width`` is digits, ``*`` (next argument) or ``*n$``; ``-`` left-justifies; ``%%`` is ``%``.
Arguments without ``n$`` continue after the last one consumed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.functions import builtin
from sql.functions_string import quote_identifier, quote_literal_text
from sql.functions_util import NULL_VALUE_NOT_ALLOWED, arg_type, datum_text, invalid_parameter, wants_arg_types

_HINT = 'For a single "%" use "%%".'
_INT4_MAX = 2**31 - 1


class _Cursor:
    """A position in the format string; running off the end is PG's 'unterminated' error."""

    def __init__(self, fmt: str, pos: int) -> None:
        self.fmt = fmt
        self.pos = pos

    @property
    def ch(self) -> str:
        return self.fmt[self.pos]

    def advance(self) -> None:
        self.pos += 1
        if self.pos >= len(self.fmt):
            raise invalid_parameter("unterminated format() type specifier", hint=_HINT)

    def digits(self) -> int | None:
        if not self.ch.isdigit():
            return None
        val = 0
        while self.ch.isdigit():
            val = val * 10 + int(self.ch)
            if val > _INT4_MAX:
                raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "number is out of range")
            self.advance()
        return val


def _arg_zero() -> SqlError:
    return invalid_parameter("format specifies argument 0, but arguments are numbered from 1")


def _parse_spec(cur: _Cursor) -> tuple[int | None, int | None, bool, int]:
    """(argpos, widthpos (0 = next argument), left-justify, width); ``cur`` ends on the type."""
    argpos: int | None = None
    widthpos: int | None = None
    width = 0
    left = False
    n = cur.digits()
    if n is not None:
        if cur.ch != "$":
            return None, None, False, n
        if n == 0:
            raise _arg_zero()
        argpos = n
        cur.advance()
    while cur.ch == "-":
        left = True
        cur.advance()
    if cur.ch == "*":
        cur.advance()
        n = cur.digits()
        if n is not None:
            if cur.ch != "$":
                raise invalid_parameter('width argument position must be ended by "$"')
            if n == 0:
                raise _arg_zero()
            widthpos = n
            cur.advance()
        else:
            widthpos = 0
    else:
        n = cur.digits()
        if n is not None:
            width = n
    return argpos, widthpos, left, width


def _width_value(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except ValueError:
            raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION,
                           f'invalid input syntax for type integer: "{value}"') from None
    if not -(2**31) <= value <= _INT4_MAX:
        raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range")
    return value


@wants_arg_types
def format_(ctx: Any, fmt: str | None, *args: Any, arg_types: Sequence[int] | None = None) -> str | None:
    """PostgreSQL's format(). ``arg_types`` (when given) includes the format string's type."""
    if fmt is None:
        return None
    types = list(arg_types[1:]) if arg_types else None
    out: list[str] = []
    nargs = len(args)
    nxt = 0  # 0-based index of the next implicit argument
    i, n = 0, len(fmt)
    while i < n:
        c = fmt[i]
        if c != "%":
            out.append(c)
            i += 1
            continue
        cur = _Cursor(fmt, i)
        cur.advance()
        if cur.ch == "%":
            out.append("%")
            i = cur.pos + 1
            continue
        argpos, widthpos, left, width = _parse_spec(cur)
        kind = cur.ch
        if kind not in "sIL":
            raise invalid_parameter(f'unrecognized format() type specifier "{kind}"', hint=_HINT)
        if widthpos is not None:
            if widthpos > 0:
                nxt = widthpos - 1
            if nxt >= nargs:
                raise invalid_parameter("too few arguments for format()")
            w = _width_value(args[nxt])
            if w < 0:
                if w == -(2**31):
                    raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "number is out of range")
                left, width = True, -w
            else:
                width = w
            nxt += 1
        if argpos is not None:
            nxt = argpos - 1
        if nxt >= nargs:
            raise invalid_parameter("too few arguments for format()")
        value = args[nxt]
        text = _render(ctx, kind, value, arg_type(types, nxt, value) if value is not None else T.TEXT)
        nxt += 1
        if width and len(text) < width:
            text = text.ljust(width) if left else text.rjust(width)
        out.append(text)
        i = cur.pos + 1
    return "".join(out)


def _render(ctx: Any, kind: str, value: Any, oid: int) -> str:
    if value is None:
        if kind == "I":
            raise SqlError(NULL_VALUE_NOT_ALLOWED, "null values cannot be formatted as an SQL identifier")
        return "NULL" if kind == "L" else ""
    text = datum_text(value, oid, ctx)
    if kind == "I":
        return quote_identifier(text)
    if kind == "L":
        return quote_literal_text(text)
    return text


builtin("format", (T.TEXT,), T.TEXT, strict=False, needs_ctx=True)(format_)
builtin("format", (T.TEXT, T.ANY), T.TEXT, strict=False, variadic=True, needs_ctx=True)(format_)
