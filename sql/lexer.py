"""A small SQL lexer used before sqlglot sees the text.

It splits a query string into statements (respecting quotes, dollar quotes and comments),
and tokenizes the utility statements that sqlglot does not parse faithfully
(SAVEPOINT, RELEASE, DISCARD, SHOW, SET ... TO, CREATE ROLE, ...). It knows no grammar beyond
token shapes; :mod:`sql.utility_parser` gives the tokens meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sql import sqlstate
from sql.errors import SqlError


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # 'word', 'ident' (quoted), 'string', 'number', 'op', 'param'
    value: str
    pos: int  # 0-based offset in the statement text

    @property
    def upper(self) -> str:
        return self.value.upper() if self.kind == "word" else ""


class TokenCursor:
    """A position in a token list, for the hand-written statement parsers."""

    def __init__(self, text: str, toks: list[Token]) -> None:
        self.text = text
        self.toks = toks
        self.i = 0

    def peek(self, k: int = 0) -> Token | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def at_end(self) -> bool:
        return self.i >= len(self.toks)

    def accept(self, *words: str) -> bool:
        raise NotImplementedError

    def expect(self, *words: str) -> None:
        if not self.accept(*words):
            raise self.error()

    def error(self) -> SqlError:
        """42601 at the current token (or at the end of the text)."""
        t = self.peek()
        if t is None:
            return SqlError(sqlstate.SYNTAX_ERROR, "syntax error at end of input", position=len(self.text) + 1)
        return SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{t.value}"', position=t.pos + 1)


class WordCursor(TokenCursor):
    """A TokenCursor for keyword-driven statements: words match case-insensitively, operators exactly."""

    def peek_upper(self, k: int = 0) -> str:
        t = self.peek(k)
        return t.upper if t else ""

    def next(self) -> Token:
        t = self.peek()
        if t is None:
            raise self.error()
        self.i += 1
        return t

    def accept(self, *words: str) -> bool:
        n = len(words)
        for k, w in enumerate(words):
            t = self.peek(k)
            if t is None or (t.upper != w and not (t.kind == "op" and t.value == w)):
                return False
        self.i += n
        return True

    def name(self) -> str:
        """An identifier: quoted as written, unquoted folded to lower case (a string is taken too)."""
        t = self.next()
        if t.kind == "ident":
            return t.value
        if t.kind == "word":
            return t.value.lower()
        if t.kind == "string":
            return t.value
        self.i -= 1
        raise self.error()

    def string(self) -> str:
        t = self.next()
        if t.kind != "string":
            self.i -= 1
            raise self.error()
        return t.value


def _skip_dollar(text: str, i: int) -> int | None:
    """If a dollar-quote starts at i, return the index after its end, else None."""
    n = len(text)
    j = i + 1
    while j < n and (text[j].isalnum() or text[j] == "_"):
        j += 1
    if j >= n or text[j] != "$":
        return None
    tag_body = text[i + 1 : j]
    if tag_body and tag_body[0].isdigit():
        return None  # $1 is a parameter
    tag = text[i : j + 1]
    end = text.find(tag, j + 1)
    if end < 0:
        raise SqlError(sqlstate.SYNTAX_ERROR, f"unterminated dollar-quoted string at or near \"{tag}\"",
                       position=i + 1)
    return end + len(tag)


def split_statements(text: str) -> list[tuple[str, int]]:
    """Split on top-level semicolons. Returns (statement text, offset) pairs, empty ones dropped."""
    out: list[tuple[str, int]] = []
    n = len(text)
    start = 0
    i = 0
    while i < n:
        c = text[i]
        if c == "'":
            escape = i > 0 and text[i - 1] in "eE" and (i < 2 or not (text[i - 2].isalnum() or
                                                                       text[i - 2] == "_"))
            i += 1
            while i < n:
                ch = text[i]
                if escape and ch == "\\":
                    i += 2
                    continue
                if ch == "'":
                    if i + 1 < n and text[i + 1] == "'":
                        i += 2
                        continue
                    break
                i += 1
            i += 1
        elif c == '"':
            end = text.find('"', i + 1)
            while end >= 0 and end + 1 < n and text[end + 1] == '"':
                end = text.find('"', end + 2)
            i = n if end < 0 else end + 1
        elif c == "-" and text.startswith("--", i):
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif c == "/" and text.startswith("/*", i):
            depth = 1
            i += 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth += 1
                    i += 2
                elif text.startswith("*/", i):
                    depth -= 1
                    i += 2
                else:
                    i += 1
        elif c == "$":
            prev = text[i - 1] if i > 0 else ""
            end = None if (prev.isalnum() or prev in "_$") else _skip_dollar(text, i)
            i = end if end is not None else i + 1
        elif c == ";":
            piece = text[start:i]
            if not is_blank(piece):
                out.append((piece, start))
            start = i + 1
            i += 1
        else:
            i += 1
    piece = text[start:]
    if not is_blank(piece):
        out.append((piece, start))
    return out


def is_blank(text: str) -> bool:
    """True when the text holds only whitespace and comments."""
    try:
        return not tokenize(text, stop_after=1)
    except SqlError:
        return False


_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>--[^\n]*)
  | (?P<estring>[eE]'(?:[^'\\]|\\.|'')*')
  | (?P<string>'(?:[^']|'')*')
  | (?P<ident>"(?:[^"]|"")*")
  | (?P<dollar>\$(?P<tag>[A-Za-z_\x80-\uffff][A-Za-z_0-9\x80-\uffff]*)?\$)
  | (?P<param>\$\d+)
  | (?P<word>[A-Za-z_\x80-\uffff][A-Za-z0-9_$\x80-\uffff]*)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<op>::|<>|!=|>=|<=|[=(),.*+\-/<>\[\]:;%^|&!~@#?])
    """,
    re.VERBOSE,
)

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


def _unescape(body: str) -> str:
    out: list[str] = []
    i = 0
    n = len(body)
    while i < n:
        ch = body[i]
        if ch == "\\" and i + 1 < n:
            nxt = body[i + 1]
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        if ch == "'" and i + 1 < n and body[i + 1] == "'":
            out.append("'")
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def tokenize(text: str, stop_after: int | None = None) -> list[Token]:
    tokens: list[Token] = []
    n = len(text)
    i = 0
    match = _TOKEN_RE.match
    while i < n:
        if stop_after is not None and len(tokens) >= stop_after:
            break
        if text[i] == "/" and text.startswith("/*", i):
            i = _skip_nested_comment(text, i)
            continue
        m = match(text, i)
        if m is None:
            c = text[i]
            if c in "'\"":
                what = "quoted string" if c == "'" else "quoted identifier"
                raise SqlError(sqlstate.SYNTAX_ERROR, f'unterminated {what} at or near "{text[i:i + 20]}"',
                               position=i + 1)
            tokens.append(Token("op", c, i))
            i += 1
            continue
        kind = m.lastgroup
        end = m.end()
        if kind == "tag":
            kind = "dollar"
        if kind in ("ws", "comment"):
            pass
        elif kind == "string":
            tokens.append(Token("string", m.group()[1:-1].replace("''", "'"), i))
        elif kind == "estring":
            tokens.append(Token("string", _unescape(m.group()[2:-1]), i))
        elif kind == "ident":
            tokens.append(Token("ident", m.group()[1:-1].replace('""', '"'), i))
        elif kind == "dollar":
            tag = m.group("dollar")
            close = text.find(tag, end)
            if close < 0:
                raise SqlError(sqlstate.SYNTAX_ERROR, f'unterminated dollar-quoted string at or near "{tag}"',
                               position=i + 1)
            tokens.append(Token("string", text[end:close], i))
            end = close + len(tag)
        else:
            tokens.append(Token(kind or "op", m.group(), i))
        i = end
    return tokens


def _skip_nested_comment(text: str, i: int) -> int:
    depth = 0
    n = len(text)
    while i < n:
        if text.startswith("/*", i):
            depth += 1
            i += 2
        elif text.startswith("*/", i):
            depth -= 1
            i += 2
            if depth == 0:
                return i
        else:
            i += 1
    raise SqlError(sqlstate.SYNTAX_ERROR, "unterminated /* comment at or near \"/*\"", position=n)


def first_words(text: str, count: int = 3) -> list[str]:
    """The first `count` tokens upper-cased (words) or as-is (others): used to classify statements."""
    return [t.value.upper() if t.kind == "word" else t.value for t in tokenize(text, stop_after=count)]


@dataclass(frozen=True, slots=True)
class Normalized:
    """A statement with its literal constants replaced by parameters ($1, $2, ...)."""

    text: str
    literals: tuple[tuple[str, str], ...]  # (kind 'number'|'string', literal text) per parameter


_SAFE_AFTER_OPS = {"=", "<>", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/"}
_SAFE_AFTER_WORDS = {"LIMIT", "OFFSET"}
# keywords after which a + or - sign is unary (belongs to the following number)
_UNARY_AFTER_WORDS = {"SELECT", "WHERE", "AND", "OR", "NOT", "THEN", "ELSE", "WHEN", "RETURNING", "BY", "ON",
                      "CASE", "IS", "IN", "LIMIT", "OFFSET", "BETWEEN", "VALUES", "SET", "LIKE", "ILIKE", "AS",
                      "HAVING", "DISTINCT", "ALL", "ANY", "SOME", "EXISTS", "FROM", "USING", "INTO", "DEFAULT"}
_NORMALIZE_FIRST = {"SELECT", "INSERT", "UPDATE", "DELETE"}


def normalize_literals(text: str) -> Normalized | None:
    """Replace literals in safe positions by parameters, so statements that differ only in their
    constants share one parsed and planned form (like pg_stat_statements' normalisation).

    Safe positions: an operand of a comparison or arithmetic operator, LIMIT/OFFSET, and items of
    IN (...) and VALUES (...) lists. Literals elsewhere (select lists, ORDER BY/GROUP BY ordinals,
    type modifiers, function arguments, anything followed by ``::``) are left alone. Equal literals
    share one parameter, so identical expressions stay structurally identical. Returns None when
    nothing was replaced or the statement is not a plain query/DML statement.
    """
    from sql.parse_inlists import has_long_in_list

    if has_long_in_list(text):
        return None  # parsed with its constants in place (sql.parse_inlists)
    try:
        toks = tokenize(text)
    except SqlError:
        return None
    if not toks or toks[0].kind != "word" or toks[0].value.upper() not in _NORMALIZE_FIRST:
        return None
    if any(t.kind == "param" for t in toks):
        return None
    if toks[0].value.upper() == "SELECT" and any(t.upper == "INTO" for t in toks):
        return None  # SELECT ... INTO creates a table: a utility statement, run without parameters
    out: list[str] = []
    literals: list[tuple[str, str]] = []
    index: dict[tuple[str, ...], int] = {}
    # stack of the token before each open paren, to know list contexts
    paren_ctx: list[str] = []
    paren_at: list[int] = []  # token index of each open paren
    values_depth: int | None = None
    last = 0
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if t.kind == "op" and t.value == "(":
            prev = toks[i - 1] if i > 0 else None
            ctx = prev.value.upper() if prev is not None and prev.kind == "word" else (prev.value if prev else "")
            if values_depth is not None and len(paren_ctx) == values_depth and ctx in ("VALUES", ","):
                ctx = "VALUES"
            nxt_tok = toks[i + 1] if i + 1 < n else None
            if nxt_tok is not None and nxt_tok.kind == "word" and nxt_tok.value.upper() in ("SELECT", "WITH",
                                                                                                "VALUES"):
                ctx = "SUBQUERY"
            paren_ctx.append(ctx)
            paren_at.append(i)
        elif t.kind == "op" and t.value == ")":
            if paren_ctx:
                paren_ctx.pop()
                paren_at.pop()
        elif t.kind == "word" and t.value.upper() == "VALUES":
            values_depth = len(paren_ctx)
        elif t.kind == "word" and values_depth is not None and len(paren_ctx) == values_depth and \
                t.value.upper() in ("ON", "RETURNING", "SELECT", "ORDER", "LIMIT", "UNION", "AS"):
            values_depth = None
        start_tok = i
        lit_kind = None
        if t.kind in ("number", "string"):
            lit_kind = t.kind
        elif t.kind == "op" and t.value == "-" and i + 1 < n and toks[i + 1].kind == "number":
            prev = toks[i - 1] if i > 0 else None
            if prev is not None and prev.kind == "op" and prev.value in _SAFE_AFTER_OPS | {"(", ","}:
                lit_kind = "number"
                i += 1
        if lit_kind == "number" and start_tok == i:
            # a number right after a unary sign that we did not take along: leave it alone, the sign
            # belongs to the constant (-2147483648 is an int4)
            sign = toks[i - 1] if i > 0 else None
            before = toks[i - 2] if i > 1 else None
            if sign is not None and sign.kind == "op" and sign.value in "+-" and (
                    before is None or before.kind == "word" and before.value.upper() in _UNARY_AFTER_WORDS
                    or before.kind == "op" and before.value not in (")", "]")):
                lit_kind = None
        if lit_kind is None:
            i += 1
            continue
        lit = toks[i]
        prev = toks[start_tok - 1] if start_tok > 0 else None
        nxt = toks[i + 1] if i + 1 < n else None
        safe = False
        if prev is not None:
            if prev.kind == "op" and prev.value in _SAFE_AFTER_OPS:
                safe = True
            elif prev.kind == "word" and prev.value.upper() in _SAFE_AFTER_WORDS and lit_kind == "number":
                safe = True
            elif prev.kind == "op" and prev.value in ("(", ",") and paren_ctx and paren_ctx[-1] in ("IN", "VALUES"):
                safe = True
        if nxt is not None and ((nxt.kind == "op" and nxt.value in ("::", "[", ".")) or
                                (nxt.kind == "string")):
            safe = False
        if lit_kind == "string" and text[lit.pos] in "eE$" and text[lit.pos] != "'":
            safe = safe and text[lit.pos] in "eE"
        if not safe:
            i += 1
            continue
        end = _literal_end(text, lit)
        value = ("-" + lit.value if start_tok != i else lit.value) if lit_kind == "number" else lit.value
        key: tuple[str, ...] = (lit_kind, value)
        if lit_kind == "string":
            # an unknown-typed literal takes its type from where it is used: share its parameter only
            # between identical surroundings (the same expression written twice, e.g. in GROUP BY)
            in_list = prev is not None and prev.kind == "op" and prev.value in ("(", ",") and bool(paren_ctx) \
                and paren_ctx[-1] in ("IN", "VALUES")
            key += ("list", str(paren_at[-1])) if in_list else _string_context(toks, start_tok, i)
        num = index.get(key)
        if num is None:
            literals.append((lit_kind, value))
            num = index[key] = len(literals)
        out.append(text[last:toks[start_tok].pos])
        out.append(f"${num}")
        last = end
        i += 1
    if not literals:
        return None
    out.append(text[last:])
    return Normalized("".join(out), tuple(literals))


def _string_context(toks: list[Token], start: int, end: int) -> tuple[str, ...]:
    """The tokens that decide a string literal's type: the two before it, and when it is the left
    operand of an operator, the two after it."""
    ctx = tuple(t.kind + ":" + t.value for t in toks[max(0, start - 2):start])
    nxt = toks[end + 1] if end + 1 < len(toks) else None
    if nxt is not None and nxt.kind == "op" and nxt.value in _SAFE_AFTER_OPS:
        ctx += tuple(t.kind + ":" + t.value for t in toks[end + 1:end + 3])
    return ctx


def _literal_end(text: str, tok: Token) -> int:
    if tok.kind == "number":
        return tok.pos + len(tok.value)
    # find the closing quote of the string literal starting at tok.pos
    i = tok.pos
    escape = text[i] in "eE"
    if escape:
        i += 1
    i += 1
    n = len(text)
    while i < n:
        ch = text[i]
        if escape and ch == "\\":
            i += 2
            continue
        if ch == "'":
            if i + 1 < n and text[i + 1] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return n
