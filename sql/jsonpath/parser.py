"""Text -> :class:`~sql.jsonpath.ast.JsonPath`: a small scanner and a recursive-descent parser for
PostgreSQL's jsonpath grammar. Errors are 42601 ("syntax error at or near ... of jsonpath input")
as in PostgreSQL; a bad ``like_regex`` pattern is 2201B.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

from . import ast as A

_SPECIAL = set("?%$.[]{}()|&!=<>@#,*:-+/\\\"") | set(" \t\n\r\f\v")
_OPERATORS = ("==", "!=", "<>", "<=", ">=", "&&", "||", "**", "<", ">", "!", "+", "-", "*", "/", "%", "(", ")",
              "[", "]", "{", "}", ".", ",", "?", "$", "@", ":")
_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_METHODS = {"type", "size", "double", "ceiling", "floor", "abs", "keyvalue", "datetime"}
_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


@dataclass(frozen=True)
class Token:
    kind: str  # op, str, num, ident, var, eof
    value: Any
    text: str


def syntax_error(near: str | None) -> SqlError:
    where = "at end of jsonpath input" if near is None else f'at or near "{near}" of jsonpath input'
    return SqlError(sqlstate.SYNTAX_ERROR, f"syntax error {where}")


def _invalid(detail: str) -> SqlError:
    return SqlError(sqlstate.SYNTAX_ERROR, "invalid input syntax for type jsonpath", detail=detail)


def _read_string(s: str, i: int) -> tuple[str, int]:
    """The body of a double-quoted string starting after the quote; returns (value, index past it)."""
    out: list[str] = []
    n = len(s)
    while i < n:
        c = s[i]
        if c == '"':
            return "".join(out), i + 1
        if c != "\\":
            out.append(c)
            i += 1
            continue
        if i + 1 >= n:
            break
        e = s[i + 1]
        if e in _ESCAPES:
            out.append(_ESCAPES[e])
            i += 2
        elif e == "u":
            if i + 2 < n and s[i + 2] == "{":
                end = s.find("}", i + 3)
                if end < 0:
                    raise _invalid("invalid Unicode escape sequence")
                out.append(chr(int(s[i + 3:end], 16)))
                i = end + 1
            else:
                hexd = s[i + 2:i + 6]
                if len(hexd) != 4 or not all(ch in "0123456789abcdefABCDEF" for ch in hexd):
                    raise _invalid("invalid Unicode escape sequence")
                out.append(chr(int(hexd, 16)))
                i += 6
        elif e == "x":
            hexd = s[i + 2:i + 4]
            if len(hexd) != 2 or not all(ch in "0123456789abcdefABCDEF" for ch in hexd):
                raise _invalid("invalid hexadecimal character sequence")
            out.append(chr(int(hexd, 16)))
            i += 4
        else:
            out.append(e)
            i += 2
    raise syntax_error(None)


def tokenize(s: str) -> list[Token]:
    toks: list[Token] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c in " \t\n\r\f\v":
            i += 1
            continue
        if c == '"':
            value, j = _read_string(s, i + 1)
            toks.append(Token("str", value, s[i:j]))
            i = j
            continue
        if c == "$" and i + 1 < n and (s[i + 1] == '"' or s[i + 1] not in _SPECIAL):
            if s[i + 1] == '"':
                value, j = _read_string(s, i + 2)
            else:
                j = i + 1
                while j < n and s[j] not in _SPECIAL:
                    j += 1
                value = s[i + 1:j]
            toks.append(Token("var", value, s[i:j]))
            i = j
            continue
        if c.isdigit() or (c == "." and i + 1 < n and s[i + 1].isdigit() and not _after_accessor(toks)):
            m = _NUMBER.match(s, i)
            assert m is not None
            text = m.group(0)
            j = m.end()
            if j < n and s[j] not in _SPECIAL:
                raise SqlError(sqlstate.SYNTAX_ERROR,
                               f'trailing junk after numeric literal at or near "{s[i:j + 1]}" of jsonpath input')
            toks.append(Token("num", _number(text), text))
            i = j
            continue
        op = next((o for o in _OPERATORS if s.startswith(o, i)), None)
        if op is not None:
            toks.append(Token("op", op, op))
            i += len(op)
            continue
        if c in _SPECIAL:
            raise syntax_error(c)
        j = i
        while j < n and s[j] not in _SPECIAL:
            if s[j] == "\\" and j + 1 < n:
                j += 1
            j += 1
        word = s[i:j]
        toks.append(Token("ident", word, word))
        i = j
    toks.append(Token("eof", None, ""))
    return toks


def _after_accessor(toks: list[Token]) -> bool:
    return bool(toks) and toks[-1].kind in ("ident", "str", "var") or bool(toks) and toks[-1].value in (")", "]",
                                                                                                          "$", "@")


def _number(text: str) -> int | Decimal:
    if re.fullmatch(r"\d+", text):
        return int(text)
    from sql.datatypes.numeric import numeric_in

    return numeric_in(text)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = tokenize(text)
        self.pos = 0
        self.filter_depth = 0
        self.subscript_depth = 0

    # token helpers
    def peek(self, k: int = 0) -> Token:
        return self.toks[min(self.pos + k, len(self.toks) - 1)]

    def next(self) -> Token:
        t = self.peek()
        self.pos += 1
        return t

    def is_op(self, op: str, k: int = 0) -> bool:
        t = self.peek(k)
        return t.kind == "op" and t.value == op

    def is_word(self, word: str, k: int = 0) -> bool:
        t = self.peek(k)
        return t.kind == "ident" and t.value == word

    def error(self) -> SqlError:
        t = self.peek()
        return syntax_error(None if t.kind == "eof" else t.text)

    def expect_op(self, op: str) -> None:
        if not self.is_op(op):
            raise self.error()
        self.pos += 1

    # grammar
    def path(self) -> A.JsonPath:
        lax = True
        if self.peek().kind == "eof":
            raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION,
                           f'invalid input syntax for type jsonpath: "{self.text}"')
        if self.is_word("strict") or self.is_word("lax"):
            lax = self.next().value == "lax"
        if self.peek().kind == "eof":
            raise self.error()
        expr = self.or_expr()
        if self.peek().kind != "eof":
            raise self.error()
        return A.JsonPath(lax, expr)

    def or_expr(self) -> A.Expr:
        left = self.and_expr()
        while self.is_op("||"):
            self.pos += 1
            left = A.BoolOp("||", left, self.and_expr())
        return left

    def and_expr(self) -> A.Expr:
        left = self.not_expr()
        while self.is_op("&&"):
            self.pos += 1
            left = A.BoolOp("&&", left, self.not_expr())
        return left

    def not_expr(self) -> A.Expr:
        if self.is_op("!"):
            self.pos += 1
            if not (self.is_op("(") or self.is_word("exists")):
                raise self.error()
            return A.Not(self.not_expr())
        return self.predicate()

    def predicate(self) -> A.Expr:
        left = self.additive()
        t = self.peek()
        if t.kind == "op" and t.value in ("==", "!=", "<>", "<", "<=", ">", ">="):
            self.pos += 1
            op = "!=" if t.value == "<>" else t.value
            left = A.Compare(op, left, self.additive())
        elif self.is_word("starts") and self.is_word("with", 1):
            self.pos += 2
            t = self.next()
            if t.kind == "str":
                left = A.StartsWith(left, A.Literal(t.value))
            elif t.kind == "var":
                left = A.StartsWith(left, A.Variable(t.value))
            else:
                self.pos -= 1
                raise self.error()
        elif self.is_word("like_regex"):
            self.pos += 1
            t = self.next()
            if t.kind != "str":
                self.pos -= 1
                raise self.error()
            flags = ""
            if self.is_word("flag"):
                self.pos += 1
                f = self.next()
                if f.kind != "str":
                    self.pos -= 1
                    raise self.error()
                flags = f.value
            left = A.LikeRegex(left, t.value, flags, compile_like_regex(t.value, flags))
        if self.is_word("is") and self.is_word("unknown", 1):
            self.pos += 2
            left = A.IsUnknown(left)
        return left

    def additive(self) -> A.Expr:
        left = self.multiplicative()
        while self.peek().kind == "op" and self.peek().value in ("+", "-"):
            op = self.next().value
            left = A.Binary(op, left, self.multiplicative())
        return left

    def multiplicative(self) -> A.Expr:
        left = self.unary()
        while self.peek().kind == "op" and self.peek().value in ("*", "/", "%"):
            op = self.next().value
            left = A.Binary(op, left, self.unary())
        return left

    def unary(self) -> A.Expr:
        if self.peek().kind == "op" and self.peek().value in ("+", "-"):
            op = self.next().value
            return A.Unary(op, self.unary())
        return self.accessor_expr()

    def primary(self) -> Any:
        t = self.next()
        if t.kind == "op":
            if t.value == "$":
                return A.Root()
            if t.value == "@":
                if self.filter_depth == 0:
                    raise SqlError(sqlstate.SYNTAX_ERROR, "@ is not allowed in root expressions")
                return A.Current()
            if t.value == "(":
                inner = self.or_expr()
                self.expect_op(")")
                return inner
        elif t.kind == "var":
            return A.Variable(t.value)
        elif t.kind in ("str", "num"):
            return A.Literal(t.value)
        elif t.kind == "ident":
            word = t.value
            if word in ("true", "false"):
                return A.Literal(word == "true")
            if word == "null":
                return A.Literal(None)
            if word == "last":
                if self.subscript_depth == 0:
                    raise SqlError(sqlstate.SYNTAX_ERROR, "LAST is allowed only in array subscripts")
                return A.Last()
            if word == "exists" and self.is_op("("):
                self.pos += 1
                inner = self.or_expr()
                self.expect_op(")")
                return A.Exists(inner)
        self.pos -= 1
        raise self.error()

    def accessor_expr(self) -> A.Expr:
        prim = self.primary()
        accessors: list[A.Accessor] = []
        while True:
            acc = self.accessor()
            if acc is None:
                break
            accessors.append(acc)
        if isinstance(prim, A.PREDICATES + (A.Chain, A.Unary, A.Binary)):
            if not accessors:
                return prim
        return A.Chain(prim, tuple(accessors))

    def accessor(self) -> A.Accessor | None:
        if self.is_op("."):
            self.pos += 1
            return self.dot_accessor()
        if self.is_op("["):
            self.pos += 1
            return self.array_accessor()
        if self.is_op("?"):
            self.pos += 1
            self.expect_op("(")
            self.filter_depth += 1
            pred = self.or_expr()
            self.filter_depth -= 1
            self.expect_op(")")
            return A.Filter(pred)
        return None

    def dot_accessor(self) -> A.Accessor:
        t = self.next()
        if t.kind == "op" and t.value == "*":
            return A.MemberWildcard()
        if t.kind == "op" and t.value == "**":
            return self.any_path()
        if t.kind == "str":
            return A.Member(t.value)
        if t.kind == "ident":
            if self.is_op("("):
                if t.value not in _METHODS:
                    raise self.error()
                self.pos += 1
                arg = None
                if t.value == "datetime" and self.peek().kind == "str":
                    arg = self.next().value
                self.expect_op(")")
                return A.Method(t.value, arg)
            return A.Member(_unescape_ident(t.value))
        if t.kind == "var":  # `$.$x` is not valid; treat like PG (syntax error)
            self.pos -= 1
        else:
            self.pos -= 1
        raise self.error()

    def any_path(self) -> A.AnyPath:
        if not self.is_op("{"):
            return A.AnyPath()
        self.pos += 1
        lo = self.any_level()
        hi = lo
        if self.is_word("to"):
            self.pos += 1
            hi = self.any_level()
        self.expect_op("}")
        return A.AnyPath(lo, hi)

    def any_level(self) -> int:
        t = self.next()
        if t.kind == "num" and isinstance(t.value, int):
            return t.value
        if t.kind == "ident" and t.value == "last":
            return -1
        self.pos -= 1
        raise self.error()

    def array_accessor(self) -> A.Accessor:
        if self.is_op("*") and self.is_op("]", 1):
            self.pos += 2
            return A.ArrayWildcard()
        items: list[tuple[A.Expr, A.Expr | None]] = []
        self.subscript_depth += 1
        while True:
            lo = self.additive()
            hi = None
            if self.is_word("to"):
                self.pos += 1
                hi = self.additive()
            items.append((lo, hi))
            if self.is_op(","):
                self.pos += 1
                continue
            break
        self.subscript_depth -= 1
        self.expect_op("]")
        return A.Subscripts(tuple(items))


def _unescape_ident(word: str) -> str:
    if "\\" not in word:
        return word
    value, _ = _read_string(word + '"', 0)
    return value


def compile_like_regex(pattern: str, flags: str) -> re.Pattern[str]:
    bits = 0
    literal = False
    for f in flags:
        if f == "i":
            bits |= re.IGNORECASE
        elif f == "s":
            bits |= re.DOTALL
        elif f == "m":
            bits |= re.MULTILINE
        elif f == "x":
            bits |= re.VERBOSE
        elif f == "q":
            literal = True
        else:
            raise _invalid(f'Unrecognized flag character "{f}" in LIKE_REGEX predicate.')
    try:
        return re.compile(re.escape(pattern) if literal else pattern, bits)
    except re.error as e:
        raise SqlError(sqlstate.INVALID_REGULAR_EXPRESSION, f"invalid regular expression: {e}") from None


@lru_cache(maxsize=256)
def parse_jsonpath(text: str) -> A.JsonPath:
    return _Parser(text).path()
