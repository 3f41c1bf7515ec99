"""Text-search types tsvector and tsquery, the basics (PostgreSQL 15 text formats).

A tsvector datum is a :class:`TsVector`: sorted, distinct lexemes, each with its positions
(position text such as ``2B`` kept as written). A tsquery datum is a tree of tuples:
``("lex", word)``, ``("!", q)``, ``("&", a, b)``, ``("|", a, b)``. Only the ``simple``
configuration is implemented for to_tsvector/to_tsquery (lower-cased words, no stemming).
Stored as the text output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

from . import extra_io
from . import registry as r


@dataclass(frozen=True)
class TsVector:
    lexemes: tuple[tuple[str, tuple[str, ...]], ...]  # (lexeme, positions as text)

    def __lt__(self, other: TsVector) -> bool:
        return self.lexemes < other.lexemes


def _quote(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def make_tsvector(entries: dict[str, list[str]]) -> TsVector:
    def pos_key(p: str) -> int:
        return int(re.match(r"\d+", p).group(0))  # type: ignore[union-attr]

    items = sorted(entries.items(), key=lambda kv: kv[0].encode())
    return TsVector(tuple((w, tuple(sorted(set(ps), key=pos_key))) for w, ps in items))


def _bad(type_name: str, text: str) -> SqlError:
    return SqlError(sqlstate.SYNTAX_ERROR, f'syntax error in {type_name}: "{text}"')


def _read_word(text: str, i: int, stop: str) -> tuple[str, int]:
    """A bare or single-quoted word starting at ``i`` (backslash escapes, '' inside quotes)."""
    out: list[str] = []
    if text[i] == "'":
        i += 1
        while True:
            if i >= len(text):
                raise _bad("tsvector", text)
            ch = text[i]
            if ch == "\\" and i + 1 < len(text):
                out.append(text[i + 1])
                i += 2
            elif ch == "'":
                if i + 1 < len(text) and text[i + 1] == "'":
                    out.append("'")
                    i += 2
                else:
                    return "".join(out), i + 1
            else:
                out.append(ch)
                i += 1
    while i < len(text) and not text[i].isspace() and text[i] not in stop:
        if text[i] == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out), i


def tsvector_in(text: str) -> TsVector:
    entries: dict[str, list[str]] = {}
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        word, i = _read_word(text, i, ":")
        positions: list[str] = []
        if i < n and text[i] == ":":
            m = re.match(r":(\d+[A-Da-d*]?(?:,\d+[A-Da-d*]?)*)", text[i:])
            if m is None:
                raise _bad("tsvector", text)
            positions = [p.upper() for p in m.group(1).split(",")]
            i += m.end()
        entries.setdefault(word, []).extend(positions)
    return make_tsvector(entries)


def tsvector_out(v: TsVector) -> str:
    return " ".join(_quote(w) + (":" + ",".join(ps) if ps else "") for w, ps in v.lexemes)


# tsquery ------------------------------------------------------------------------------------


def tsquery_in(text: str) -> Any:
    toks: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "&|!()":
            toks.append((ch, ch))
            i += 1
        else:
            word, i = _read_word(text, i, "&|!():")
            if i < n and text[i] == ":":
                m = re.match(r":[*A-Da-d]*", text[i:])
                i += m.end() if m else 1
            toks.append(("lex", word))
    pos = 0

    def parse_or() -> Any:
        nonlocal pos
        left = parse_and()
        while pos < len(toks) and toks[pos][0] == "|":
            pos += 1
            left = ("|", left, parse_and())
        return left

    def parse_and() -> Any:
        nonlocal pos
        left = parse_not()
        while pos < len(toks) and toks[pos][0] == "&":
            pos += 1
            left = ("&", left, parse_not())
        return left

    def parse_not() -> Any:
        nonlocal pos
        if pos >= len(toks):
            raise _bad("tsquery", text)
        kind, val = toks[pos]
        pos += 1
        if kind == "!":
            return ("!", parse_not())
        if kind == "(":
            inner = parse_or()
            if pos >= len(toks) or toks[pos][0] != ")":
                raise _bad("tsquery", text)
            pos += 1
            return inner
        if kind == "lex":
            return ("lex", val)
        raise _bad("tsquery", text)

    if not toks:
        return None
    tree = parse_or()
    if pos != len(toks):
        raise _bad("tsquery", text)
    return tree


def tsquery_out(q: Any, top: bool = True) -> str:
    if q is None:
        return ""
    kind = q[0]
    if kind == "lex":
        return _quote(q[1])
    if kind == "!":
        return "!" + tsquery_out(q[1], False)
    s = f"{tsquery_out(q[1], False)} {kind} {tsquery_out(q[2], False)}"
    return s if top else f"( {s} )"


def tsquery_matches(v: TsVector, q: Any) -> bool:
    words = {w for w, _ in v.lexemes}

    def ev(node: Any) -> bool:
        kind = node[0]
        if kind == "lex":
            return node[1] in words
        if kind == "!":
            return not ev(node[1])
        if kind == "&":
            return ev(node[1]) and ev(node[2])
        return ev(node[1]) or ev(node[2])

    return q is not None and ev(q)


def _register() -> None:
    extra_io.INPUTS[r.TSVECTOR] = lambda typmod, tz: tsvector_in
    extra_io.OUTPUTS[r.TSVECTOR] = lambda tz, ds: tsvector_out
    extra_io.TO_STORAGE[r.TSVECTOR] = tsvector_out
    extra_io.FROM_STORAGE[r.TSVECTOR] = tsvector_in
    extra_io.INPUTS[r.TSQUERY] = lambda typmod, tz: tsquery_in
    extra_io.OUTPUTS[r.TSQUERY] = lambda tz, ds: tsquery_out
    extra_io.TO_STORAGE[r.TSQUERY] = tsquery_out
    extra_io.FROM_STORAGE[r.TSQUERY] = tsquery_in


_register()
