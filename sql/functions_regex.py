"""POSIX regular expressions (PostgreSQL's ARE flavour) on top of Python's :mod:`re`.

:func:`compile_regex` translates an ARE pattern plus PostgreSQL flag letters into a compiled
Python pattern (cached). Translated: escapes (``\\m \\M \\y \\Y \\A \\Z \\b``=backspace, ``\\B``=backslash,
``\\e \\cX \\xhhh \\0``, octal), bracket expressions with ``[:class:]`` names, ``$`` as end of
string, ``.`` matching newlines, the newline-sensitive flags ``n m p w``, ``x`` (expanded),
``q`` / ``***=`` (literal), ``***:`` and leading ``(?flags)``, bounds ``{m,n}`` (a ``{`` that
does not start a bound is literal, as in ARE).

Known differences from PostgreSQL (documented limits):

* ARE picks the longest match for a greedy RE where Python picks the first alternative that
  matches (Perl semantics). Top-level alternation is emulated (``regexp_match('xyz', 'x|xy')`` is
  ``{xy}`` as in PG: every branch is tried at the leftmost match position and the longest wins);
  alternation nested in a group (``(x|xy)``) and mixed greedy/non-greedy quantifiers follow Perl
  rules.
* BRE/ERE flags ``b``/``e`` are accepted but the pattern is read as an ARE; ``[[.x.]]`` and
  ``[[=x=]]`` only support single characters.
* Error messages are PG's for the common cases (unbalanced (), [], {}, bad quantifier, bad
  escape); other compile errors say ``invalid regular expression: <python message>``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from sql.functions_util import invalid_parameter

_CLASSES = {
    "alpha": r"^\W\d_", "digit": r"0-9", "alnum": r"^\W_", "upper": "A-Z", "lower": "a-z",
    "space": r"\s", "blank": r" \t", "punct": r"!-/:-@\[-`{-~", "xdigit": "0-9A-Fa-f",
    "cntrl": r"\x00-\x1f\x7f", "print": r"\x20-\x7e\u00a0-\U0010ffff", "graph": r"\x21-\x7e\u00a1-\U0010ffff",
    "word": r"\w",
}
_SIMPLE_ESCAPES = {"a": "\\x07", "b": "\\x08", "B": "\\\\", "e": "\\x1b", "f": "\\f", "n": "\\n", "r": "\\r",
                   "t": "\\t", "v": "\\v"}
_CLASS_ESCAPES = {"d": r"\d", "s": r"\s", "w": r"\w", "D": r"\D", "S": r"\S", "W": r"\W"}
_CONSTRAINTS = {"A": r"\A", "Z": r"\Z", "m": r"\b(?=\w)", "M": r"\b(?<=\w)", "y": r"\b", "Y": r"\B"}
VALID_FLAGS = set("bceimnpqstwx")


def regex_error(detail: str) -> SqlError:
    return SqlError(sqlstate.INVALID_REGULAR_EXPRESSION, f"invalid regular expression: {detail}")


class _Opts:
    def __init__(self, flags: str) -> None:
        self.icase = False
        self.dot_nl = True  # '.' and [^...] match newline
        self.anchor_nl = False  # ^ and $ match at newlines
        self.expanded = False
        self.literal = False
        for f in flags:
            self.apply(f)

    def apply(self, f: str) -> None:
        if f == "i":
            self.icase = True
        elif f == "c":
            self.icase = False
        elif f in "nm":
            self.dot_nl, self.anchor_nl = False, True
        elif f == "p":
            self.dot_nl, self.anchor_nl = False, False
        elif f == "w":
            self.dot_nl, self.anchor_nl = True, True
        elif f == "s":
            self.dot_nl, self.anchor_nl = True, False
        elif f == "x":
            self.expanded = True
        elif f == "t":
            self.expanded = False
        elif f == "q":
            self.literal = True


def _char_escape(p: str, i: int) -> tuple[str, int] | None:
    """A character-entry escape at p[i] (after the backslash): (python text, next index)."""
    c = p[i]
    if c in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[c], i + 1
    if c == "c":
        if i + 1 >= len(p):
            raise regex_error("invalid escape \\ sequence")
        return re.escape(chr(ord(p[i + 1]) & 0x1F)), i + 2
    if c in "uU":
        n = 4 if c == "u" else 8
        digits = p[i + 1:i + 1 + n]
        if len(digits) != n or any(d not in "0123456789abcdefABCDEF" for d in digits):
            raise regex_error("invalid escape \\ sequence")
        return re.escape(chr(int(digits, 16))), i + 1 + n
    if c == "x":
        j = i + 1
        while j < len(p) and p[j] in "0123456789abcdefABCDEF":
            j += 1
        if j == i + 1:
            raise regex_error("invalid escape \\ sequence")
        return re.escape(chr(int(p[i + 1:j], 16))), j
    if c == "0":
        j = i + 1
        while j < len(p) and j < i + 3 and p[j] in "01234567":
            j += 1
        return re.escape(chr(int(p[i:j], 8))), j
    return None


def _bracket(p: str, i: int, o: _Opts) -> tuple[str, int]:
    """Translate the bracket expression starting after '[' at p[i]; return (regex, next index).

    Classes Python cannot put inside a set ([:alpha:], [:alnum:]) become alternatives (or
    negative lookaheads for a negated bracket)."""
    items: list[str] = []
    specials: list[str] = []
    negated = False
    if i < len(p) and p[i] == "^":
        negated = True
        i += 1
    first = True
    while True:
        if i >= len(p):
            raise regex_error("brackets [] not balanced")
        c = p[i]
        if c == "]" and not first:
            i += 1
            break
        first = False
        if c == "[" and i + 1 < len(p) and p[i + 1] in ":.=":
            kind = p[i + 1]
            end = p.find(kind + "]", i + 2)
            if end < 0:
                raise regex_error("brackets [] not balanced")
            name = p[i + 2:end]
            if kind == ":":
                cls = _CLASSES.get(name)
                if cls is None:
                    raise regex_error("invalid character class")
                if cls.startswith("^"):
                    specials.append("[" + cls + "]")
                else:
                    items.append(cls)
            else:
                if len(name) != 1:
                    raise regex_error("invalid collating element")
                items.append(re.escape(name))
            i = end + 2
            continue
        if c == "\\" and i + 1 < len(p):
            nc = p[i + 1]
            if nc in "dsw":
                items.append(_CLASS_ESCAPES[nc])
                i += 2
                continue
            if nc in "DSW":
                raise regex_error("invalid escape \\ sequence")
            esc = _char_escape(p, i + 1)
            if esc is not None:
                items.append(esc[0])
                i = esc[1]
                continue
            if nc.isalnum():
                raise regex_error("invalid escape \\ sequence")
            items.append(re.escape(nc))
            i += 2
            continue
        if c == "-" and items and i + 1 < len(p) and p[i + 1] != "]":
            items.append("-")
        else:
            items.append(re.escape(c))
        i += 1
    body = "".join(items)
    if not negated:
        if not specials:
            return "[" + body + "]", i
        alts = (["[" + body + "]"] if body else []) + specials
        return "(?:" + "|".join(alts) + ")", i
    if not o.dot_nl:
        body += "\\n"
    base = "[^" + body + "]" if body else "[\\s\\S]"
    if not specials:
        return base, i
    return "(?:" + "".join("(?!" + sp + ")" for sp in specials) + base + ")", i


_BOUND = re.compile(r"\{(\d+)(,(\d*))?\}")


def translate(pattern: str, flags: str = "") -> tuple[str, int]:
    """An ARE pattern and PG flag letters -> (Python pattern, re flags)."""
    o = _Opts(flags)
    p = pattern
    if p.startswith("***="):
        o.literal = True
        p = p[4:]
    elif p.startswith("***:"):
        p = p[4:]
    if o.literal:
        return re.escape(p), (re.IGNORECASE if o.icase else 0)
    m = re.match(r"\(\?([a-z]*)\)", p)
    if m:
        for f in m.group(1):
            if f not in VALID_FLAGS:
                raise regex_error("invalid embedded option")
            o.apply(f)
        p = p[m.end():]
    out: list[str] = []
    i, n = 0, len(p)
    while i < n:
        c = p[i]
        if c == "\\":
            if i + 1 >= n:
                raise regex_error("invalid escape \\ sequence")
            nc = p[i + 1]
            if nc in _CLASS_ESCAPES:
                out.append(_CLASS_ESCAPES[nc])
                i += 2
            elif nc in _CONSTRAINTS:
                out.append(_CONSTRAINTS[nc])
                i += 2
            elif nc in "123456789":
                j = i + 1
                while j < n and p[j].isdigit():
                    j += 1
                out.append("\\" + p[i + 1:j] if j - i - 1 == 1 else f"(?:\\{p[i + 1:j]})")
                i = j
            else:
                esc = _char_escape(p, i + 1)
                if esc is not None:
                    out.append(esc[0])
                    i = esc[1]
                elif nc.isalnum():
                    raise regex_error("invalid escape \\ sequence")
                else:
                    out.append(re.escape(nc))
                    i += 2
        elif c == "[":
            text, i = _bracket(p, i + 1, o)
            out.append(text)
        elif c == "$":
            out.append("$" if o.anchor_nl else r"\Z")
            i += 1
        elif c == "{":
            bm = _BOUND.match(p, i)
            if bm is None:
                if i + 1 < n and p[i + 1].isdigit():
                    raise regex_error("braces {} not balanced")
                out.append(r"\{")
                i += 1
                continue
            lo, hi = int(bm.group(1)), bm.group(3)
            if (hi not in (None, "") and int(hi) < lo) or lo > 255 or (hi and int(hi) > 255):
                raise regex_error("invalid repetition count(s)")
            out.append(bm.group(0))
            i = bm.end()
        elif c == "(" and p.startswith("(?", i):
            for prefix in ("(?:", "(?=", "(?!", "(?<=", "(?<!"):
                if p.startswith(prefix, i):
                    out.append(prefix)
                    i += len(prefix)
                    break
            else:
                raise regex_error("quantifier operand invalid")
        elif o.expanded and c in " \t\n\r\f\v":
            i += 1
        elif o.expanded and c == "#":
            while i < n and p[i] != "\n":
                i += 1
        elif c in "}]":
            out.append("\\" + c)
            i += 1
        else:
            out.append(c)
            i += 1
    rflags = 0
    if o.icase:
        rflags |= re.IGNORECASE
    if o.dot_nl:
        rflags |= re.DOTALL
    if o.anchor_nl:
        rflags |= re.MULTILINE
    return "".join(out), rflags


_ERRORS = (
    ("missing ), unterminated subpattern", "parentheses () not balanced"),
    ("unbalanced parenthesis", "parentheses () not balanced"),
    ("unterminated character set", "brackets [] not balanced"),
    ("nothing to repeat", "quantifier operand invalid"),
    ("multiple repeat", "quantifier operand invalid"),
    ("bad escape", "invalid escape \\ sequence"),
    ("invalid group reference", "invalid backreference number"),
    ("bad character range", "invalid character range"),
    ("min repeat greater than max repeat", "invalid repetition count(s)"),
    ("look-behind requires fixed-width pattern", "invalid regular expression: look-behind"),
)


@lru_cache(maxsize=512)
def _top_level_branches(py: str) -> list[str]:
    """Split a (translated) Python pattern at its top-level ``|``."""
    out: list[str] = []
    depth = 0
    start = 0
    i, n = 0, len(py)
    while i < n:
        c = py[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 1
            if i < n and py[i] == "^":
                i += 1
            while i < n and py[i] != "]":
                i += 2 if py[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(py[start:i])
            start = i + 1
        i += 1
    out.append(py[start:])
    return out


class LongestMatch:
    """A compiled ARE with top-level alternation: ``search`` returns the longest branch match
    at the leftmost position (ARE semantics); group numbering is the whole pattern's."""

    __slots__ = ("rx", "variants", "groups", "pattern")

    def __init__(self, rx: re.Pattern[str], variants: list[re.Pattern[str]]) -> None:
        self.rx = rx
        self.variants = variants
        self.groups = rx.groups
        self.pattern = rx.pattern

    def search(self, s: str, pos: int = 0) -> re.Match[str] | None:
        m = self.rx.search(s, pos)
        if m is None:
            return None
        best = m
        for v in self.variants:
            mv = v.match(s, m.start())
            if mv is not None and mv.end() > best.end():
                best = mv
        return best


def compile_regex(pattern: str, flags: str = "") -> Any:
    """Compile an ARE ``pattern`` with PG flag letters (already validated): an ``re.Pattern``,
    or a :class:`LongestMatch` (same ``search``/``groups`` API) for top-level alternation."""
    py, rflags = translate(pattern, flags)
    try:
        rx = re.compile(py, rflags)
        branches = _top_level_branches(py)
        if len(branches) < 2:
            return rx
        variants = [re.compile("|".join(b if j == i else "(?!)" + b for j, b in enumerate(branches)), rflags)
                    for i in range(len(branches))]
        return LongestMatch(rx, variants)
    except re.error as e:
        msg = str(e.msg if hasattr(e, "msg") else e)
        for key, pg in _ERRORS:
            if msg.startswith(key):
                raise regex_error(pg) from None
        raise regex_error(msg) from None


def parse_flags(flags: str | None, fname: str, allow_global: bool = True) -> tuple[str, bool]:
    """Validate PG regex option letters: (flags without 'g', global?)."""
    if not flags:
        return "", False
    glob = False
    keep: list[str] = []
    for f in flags:
        if f == "g":
            glob = True
        elif f in VALID_FLAGS:
            keep.append(f)
        else:
            raise invalid_parameter(f'invalid regular expression option: "{f}"')
    if glob and not allow_global:
        hint = "Use the regexp_matches function instead." if fname == "regexp_match" else None
        raise invalid_parameter(f'{fname}() does not support the "global" option', hint=hint)
    return "".join(keep), glob


def iter_matches(rx: Any, s: str, start: int = 0, ignore_degenerate: bool = False,
                 glob: bool = True) -> list[re.Match[str]]:
    """PG's setup_regexp_matches loop: successive matches, empty matches advancing one char."""
    out: list[re.Match[str]] = []
    pos = start
    prev_end = 0
    n = len(s)
    while pos <= n:
        m = rx.search(s, pos)
        if m is None:
            break
        if not ignore_degenerate or (m.start() < n and m.end() > prev_end):
            out.append(m)
        prev_end = m.end()
        if not glob:
            break
        pos = m.end() + (1 if m.start() == m.end() else 0)
    return out


def _separator_error() -> SqlError:
    return SqlError(sqlstate.INVALID_USE_OF_ESCAPE_CHARACTER,
                    "SQL regular expression may not contain more than two escape-double-quote separators")


def similar_to_regex(pattern: str, escape: str | None = "\\") -> str:
    """PG's similar_escape: a SIMILAR TO pattern as an anchored ARE. With two escape-double-quote
    separators the middle part becomes the (only) capturing group."""
    if escape is not None and len(escape) > 1:
        raise SqlError(sqlstate.INVALID_ESCAPE_SEQUENCE, "invalid escape string",
                       hint="Escape string must be empty or one character.")
    esc = escape or None
    parts: list[list[str]] = [[]]
    in_bracket = False
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if esc is not None and c == esc and i + 1 < n:
            nc = pattern[i + 1]
            if nc == '"' and not in_bracket:
                if len(parts) >= 3:
                    raise _separator_error()
                parts.append([])
            else:
                parts[-1].append("\\" + nc if not nc.isalnum() else nc)
            i += 2
            continue
        if in_bracket:
            if c == "]":
                in_bracket = False
            parts[-1].append("\\\\" if c == "\\" else c)
        elif c == "[":
            in_bracket = True
            parts[-1].append(c)
        elif c == "%":
            parts[-1].append(".*")
        elif c == "_":
            parts[-1].append(".")
        elif c == "(":
            parts[-1].append("(?:")
        elif c in ".^$\\":
            parts[-1].append("\\" + c)
        else:
            parts[-1].append(c)
        i += 1
    texts = ["".join(x) for x in parts]
    if len(texts) == 1:
        return "^(?:" + texts[0] + ")$"
    if len(texts) == 2:
        raise _separator_error()
    first = texts[0].replace(".*", ".*?")
    return "^(?:" + first + ")(" + texts[1] + ")(?:" + texts[2] + ")$"
