"""A small SQL lexer used before sqlglot sees the text.

It splits a query string into statements (respecting quotes, dollar quotes and comments),
and tokenizes the utility statements that sqlglot does not parse faithfully
(SAVEPOINT, RELEASE, DISCARD, SHOW, SET ... TO, CREATE ROLE, ...). It knows no grammar beyond
token shapes; :mod:`sql.utility_parser` gives the tokens meaning.
"""

from __future__ import annotations

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
            end = _skip_dollar(text, i)
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


_OPS = ("<>", "!=", ">=", "<=", "::", "=", "(", ")", ",", ".", "*", "+", "-", "/", "<", ">", "[", "]", ":")


def tokenize(text: str, stop_after: int | None = None) -> list[Token]:
    tokens: list[Token] = []
    n = len(text)
    i = 0
    while i < n:
        if stop_after is not None and len(tokens) >= stop_after:
            break
        c = text[i]
        if c.isspace():
            i += 1
        elif text.startswith("--", i):
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif c == "'" or (c in "eE" and text.startswith("'", i + 1)):
            escape = c != "'"
            j = i + (2 if escape else 1)
            buf: list[str] = []
            while True:
                if j >= n:
                    raise SqlError(sqlstate.SYNTAX_ERROR, "unterminated quoted string at or near "
                                   f"\"{text[i:i + 20]}\"", position=i + 1)
                ch = text[j]
                if escape and ch == "\\" and j + 1 < n:
                    nxt = text[j + 1]
                    buf.append({"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}.get(nxt, nxt))
                    j += 2
                    continue
                if ch == "'":
                    if j + 1 < n and text[j + 1] == "'":
                        buf.append("'")
                        j += 2
                        continue
                    break
                buf.append(ch)
                j += 1
            tokens.append(Token("string", "".join(buf), i))
            i = j + 1
        elif c == '"':
            j = i + 1
            buf = []
            while True:
                if j >= n:
                    raise SqlError(sqlstate.SYNTAX_ERROR, "unterminated quoted identifier at or near "
                                   f"\"{text[i:i + 20]}\"", position=i + 1)
                if text[j] == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        buf.append('"')
                        j += 2
                        continue
                    break
                buf.append(text[j])
                j += 1
            tokens.append(Token("ident", "".join(buf), i))
            i = j + 1
        elif c == "$":
            end = _skip_dollar(text, i)
            if end is not None:
                tag_end = text.index("$", i + 1) + 1
                tokens.append(Token("string", text[tag_end : end - (tag_end - i)], i))
                i = end
                continue
            j = i + 1
            while j < n and text[j].isdigit():
                j += 1
            tokens.append(Token("param", text[i:j], i))
            i = j
        elif c.isalpha() or c == "_" or ord(c) > 127:
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] in "_$" or ord(text[j]) > 127):
                j += 1
            tokens.append(Token("word", text[i:j], i))
            i = j
        elif c.isdigit() or (c == "." and i + 1 < n and text[i + 1].isdigit()):
            j = i + 1
            while j < n and (text[j].isdigit() or text[j] == "."):
                j += 1
            if j < n and text[j] in "eE":
                k = j + 1
                if k < n and text[k] in "+-":
                    k += 1
                if k < n and text[k].isdigit():
                    j = k
                    while j < n and text[j].isdigit():
                        j += 1
            tokens.append(Token("number", text[i:j], i))
            i = j
        else:
            for op in _OPS:
                if text.startswith(op, i):
                    tokens.append(Token("op", op, i))
                    i += len(op)
                    break
            else:
                tokens.append(Token("op", c, i))
                i += 1
    return tokens


def first_words(text: str, count: int = 3) -> list[str]:
    """The first `count` tokens upper-cased (words) or as-is (others): used to classify statements."""
    return [t.value.upper() if t.kind == "word" else t.value for t in tokenize(text, stop_after=count)]
