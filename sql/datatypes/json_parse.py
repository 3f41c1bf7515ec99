"""A JSON lexer/parser that reports errors exactly like PostgreSQL's ``json.c``.

:func:`parse_json` validates text (``json`` input) and, when ``build`` is true, returns the
Python value for ``jsonb`` (objects -> dict with last-duplicate-wins, arrays -> list,
numbers -> ``int`` for plain integers and :class:`decimal.Decimal` otherwise, strings ->
``str``, true/false -> bool, null -> None). :func:`escape_json` is PostgreSQL's string quoting.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

_WS = " \t\n\r"
_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_PUNCT = "{}[],:"


def _is_alnum(c: str) -> bool:
    return ("a" <= c <= "z") or ("A" <= c <= "Z") or ("0" <= c <= "9") or c == "_" or ord(c) >= 0x80


class _JsonErr(Exception):
    def __init__(self, detail: str, code: str = sqlstate.INVALID_TEXT_REPRESENTATION,
                 message: str = "invalid input syntax for type json") -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code
        self.message = message


class _Lexer:
    """Tokens are (kind, text, value): kind in '{','}','[',']',',',':','string','number',
    'true','false','null','end'."""

    def __init__(self, s: str, build: bool) -> None:
        self.s = s
        self.n = len(s)
        self.pos = 0
        self.build = build

    def next(self) -> tuple[str, str, Any]:
        s, n = self.s, self.n
        i = self.pos
        while i < n and s[i] in _WS:
            i += 1
        if i >= n:
            self.pos = i
            return ("end", "", None)
        c = s[i]
        if c in _PUNCT:
            self.pos = i + 1
            return (c, c, None)
        if c == '"':
            return self._string(i)
        if c == "-" or "0" <= c <= "9":
            return self._number(i)
        j = i
        while j < n and _is_alnum(s[j]):
            j += 1
        if j == i:
            raise _JsonErr(f'Token "{c}" is invalid.')
        word = s[i:j]
        self.pos = j
        if word in ("true", "false", "null"):
            return (word, word, None)
        raise _JsonErr(f'Token "{word}" is invalid.')

    def _number(self, start: int) -> tuple[str, str, Any]:
        s, n = self.s, self.n
        i = start
        error = False
        if s[i] == "-":
            i += 1
        if i < n and s[i] == "0":
            i += 1
        elif i < n and "1" <= s[i] <= "9":
            while i < n and "0" <= s[i] <= "9":
                i += 1
        else:
            error = True
        is_int = True
        if i < n and s[i] == ".":
            is_int = False
            i += 1
            if i >= n or not ("0" <= s[i] <= "9"):
                error = True
            else:
                while i < n and "0" <= s[i] <= "9":
                    i += 1
        if i < n and s[i] in "eE":
            is_int = False
            i += 1
            if i < n and s[i] in "+-":
                i += 1
            if i >= n or not ("0" <= s[i] <= "9"):
                error = True
            else:
                while i < n and "0" <= s[i] <= "9":
                    i += 1
        while i < n and _is_alnum(s[i]):
            error = True
            i += 1
        text = s[start:i]
        self.pos = i
        if error:
            raise _JsonErr(f'Token "{text}" is invalid.')
        value: Any = None
        if self.build:
            value = int(text) if is_int else Decimal(text)
        return ("number", text, value)

    def _string(self, start: int) -> tuple[str, str, Any]:
        s, n = self.s, self.n
        i = start + 1
        out: list[str] = []
        hi_surrogate = -1
        while True:
            if i >= n:
                raise _JsonErr(f'Token "{s[start:i]}" is invalid.')
            c = s[i]
            if c == '"':
                break
            if ord(c) < 0x20:
                raise _JsonErr(f"Character with value 0x{ord(c):02x} must be escaped.")
            if c == "\\":
                i += 1
                if i >= n:
                    raise _JsonErr(f'Token "{s[start:i]}" is invalid.')
                e = s[i]
                if e == "u":
                    hexs = s[i + 1: i + 5]
                    if len(hexs) < 4 or any(h not in "0123456789abcdefABCDEF" for h in hexs):
                        raise _JsonErr('"\\u" must be followed by four hexadecimal digits.')
                    i += 5
                    if not self.build:
                        continue
                    ch = int(hexs, 16)
                    if 0xD800 <= ch <= 0xDBFF:
                        if hi_surrogate != -1:
                            raise _JsonErr("Unicode high surrogate must not follow a high surrogate.")
                        hi_surrogate = ch
                        continue
                    if 0xDC00 <= ch <= 0xDFFF:
                        if hi_surrogate == -1:
                            raise _JsonErr("Unicode low surrogate must follow a high surrogate.")
                        ch = 0x10000 + ((hi_surrogate - 0xD800) << 10) + (ch - 0xDC00)
                        hi_surrogate = -1
                    elif hi_surrogate != -1:
                        raise _JsonErr("Unicode low surrogate must follow a high surrogate.")
                    if ch == 0:
                        raise _JsonErr(
                            "\\u0000 cannot be converted to text.",
                            sqlstate.UNTRANSLATABLE_CHARACTER,
                            "unsupported Unicode escape sequence",
                        )
                    out.append(chr(ch))
                    continue
                if hi_surrogate != -1 and self.build:
                    raise _JsonErr("Unicode low surrogate must follow a high surrogate.")
                if e not in _SIMPLE_ESCAPES:
                    raise _JsonErr(f'Escape sequence "\\{e}" is invalid.')
                out.append(_SIMPLE_ESCAPES[e])
                i += 1
                continue
            if hi_surrogate != -1 and self.build:
                raise _JsonErr("Unicode low surrogate must follow a high surrogate.")
            out.append(c)
            i += 1
        if hi_surrogate != -1 and self.build:
            raise _JsonErr("Unicode low surrogate must follow a high surrogate.")
        self.pos = i + 1
        return ("string", s[start: i + 1], "".join(out) if self.build else None)


def _found(tok: tuple[str, str, Any], expected: str) -> _JsonErr:
    if tok[0] == "end":
        return _JsonErr("The input string ended unexpectedly.")
    return _JsonErr(f'Expected {expected}, but found "{tok[1]}".')


def _parse_value(lx: _Lexer, tok: tuple[str, str, Any], depth: int) -> Any:
    kind = tok[0]
    if kind == "{":
        return _parse_object(lx, depth + 1)
    if kind == "[":
        return _parse_array(lx, depth + 1)
    if kind in ("string", "number"):
        return tok[2]
    if kind == "true":
        return True
    if kind == "false":
        return False
    if kind == "null":
        return None
    raise _found(tok, "JSON value")


def _parse_object(lx: _Lexer, depth: int) -> dict[str, Any] | None:
    result: dict[str, Any] | None = {} if lx.build else None
    tok = lx.next()
    if tok[0] == "}":
        return result
    first = True
    while True:
        if tok[0] != "string":
            raise _found(tok, 'string or "}"' if first else "string")
        first = False
        key = tok[2]
        colon = lx.next()
        if colon[0] != ":":
            raise _found(colon, '":"')
        value = _parse_value(lx, lx.next(), depth)
        if result is not None:
            result.pop(key, None)
            result[key] = value
        tok = lx.next()
        if tok[0] == "}":
            return result
        if tok[0] != ",":
            raise _found(tok, '"," or "}"')
        tok = lx.next()


def _parse_array(lx: _Lexer, depth: int) -> list[Any] | None:
    result: list[Any] | None = [] if lx.build else None
    tok = lx.next()
    if tok[0] == "]":
        return result
    while True:
        value = _parse_value(lx, tok, depth)
        if result is not None:
            result.append(value)
        tok = lx.next()
        if tok[0] == "]":
            return result
        if tok[0] != ",":
            raise _found(tok, '"," or "]"')
        tok = lx.next()


def parse_json(text: str, *, build: bool) -> Any:
    """Validate (and with ``build`` convert) JSON text, raising PostgreSQL's 22P02 errors."""
    lx = _Lexer(text, build)
    try:
        tok = lx.next()
        value = _parse_value(lx, tok, 0)
        end = lx.next()
        if end[0] != "end":
            raise _JsonErr(f'Expected end of input, but found "{end[1]}".')
    except _JsonErr as e:
        raise SqlError(e.code, e.message, detail=e.detail or None) from None
    except RecursionError:
        raise SqlError("54001", "stack depth limit exceeded") from None
    return value


def escape_json(s: str) -> str:
    """PostgreSQL's ``escape_json``: quote and escape a string."""
    out = ['"']
    for c in s:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\b":
            out.append("\\b")
        elif c == "\f":
            out.append("\\f")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif ord(c) < 0x20:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    out.append('"')
    return "".join(out)
