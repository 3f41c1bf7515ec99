"""The regexp_* SQL functions and ``substring(... FROM pattern)`` / ``SIMILAR`` substring.

Pattern translation and its limits are in :mod:`sql.functions_regex`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sql import typesys as T
from sql.functions import builtin, set_returning
from sql.functions_regex import compile_regex, iter_matches, parse_flags, similar_to_regex
from sql.functions_util import invalid_parameter

TEXT_ARRAY = T.array_type(T.TEXT)


def _bad(name: str, value: int) -> Exception:
    return invalid_parameter(f'invalid value for parameter "{name}": {value}')


def _rx(pattern: str, flags: str | None, fname: str, allow_global: bool = False) -> tuple[Any, bool]:
    opts, glob = parse_flags(flags, fname, allow_global)
    return compile_regex(pattern, opts), glob


def _expand(template: str, m: re.Match[str]) -> str:
    """PG replacement text: \\1..\\9 groups, \\& whole match, \\\\ backslash; other backslashes stay."""
    out: list[str] = []
    i, n = 0, len(template)
    ngroups = m.re.groups
    while i < n:
        c = template[i]
        if c != "\\" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        nc = template[i + 1]
        if "1" <= nc <= "9":
            k = int(nc)
            if k <= ngroups and m.group(k) is not None:
                out.append(m.group(k))
            i += 2
        elif nc == "&":
            out.append(m.group(0))
            i += 2
        elif nc == "\\":
            out.append("\\")
            i += 2
        else:
            out.append("\\")
            i += 1
    return "".join(out)


def regexp_replace_impl(s: str, pattern: str, repl: str, start: int = 1, n: int | None = None,
                        flags: str | None = None) -> str:
    """regexp_replace with PG 15's start / N: replace the N-th match at or after ``start``
    (N = 0 or flag g: all of them)."""
    rx, glob = _rx(pattern, flags, "regexp_replace", allow_global=True)
    if start <= 0:
        raise _bad("start", start)
    if n is not None and n < 0:
        raise _bad("n", n)
    if n is None:
        n = 0 if glob else 1
    out: list[str] = []
    last = 0
    count = 0
    for m in iter_matches(rx, s, start - 1):
        count += 1
        if n and count < n:
            continue
        out.append(s[last:m.start()])
        out.append(_expand(repl, m))
        last = m.end()
        if n:
            break
    out.append(s[last:])
    return "".join(out)


@builtin("regexp_replace", (T.TEXT, T.TEXT, T.TEXT), T.TEXT)
def regexp_replace3(s: str, pattern: str, repl: str) -> str:
    return regexp_replace_impl(s, pattern, repl)


@builtin("regexp_replace", (T.TEXT, T.TEXT, T.TEXT, T.TEXT), T.TEXT)
def regexp_replace_flags(s: str, pattern: str, repl: str, flags: str) -> str:
    return regexp_replace_impl(s, pattern, repl, flags=flags)


@builtin("regexp_replace", (T.TEXT, T.TEXT, T.TEXT, T.INT4), T.TEXT)
def regexp_replace_start(s: str, pattern: str, repl: str, start: int) -> str:
    return regexp_replace_impl(s, pattern, repl, start)


@builtin("regexp_replace", (T.TEXT, T.TEXT, T.TEXT, T.INT4, T.INT4), T.TEXT)
def regexp_replace_n(s: str, pattern: str, repl: str, start: int, n: int) -> str:
    return regexp_replace_impl(s, pattern, repl, start, n)


@builtin("regexp_replace", (T.TEXT, T.TEXT, T.TEXT, T.INT4, T.INT4, T.TEXT), T.TEXT)
def regexp_replace6(s: str, pattern: str, repl: str, start: int, n: int, flags: str) -> str:
    return regexp_replace_impl(s, pattern, repl, start, n, flags)


def _groups(m: re.Match[str]) -> list[str | None]:
    if m.re.groups == 0:
        return [m.group(0)]
    return list(m.groups())


@builtin("regexp_match", (T.TEXT, T.TEXT), TEXT_ARRAY)
def regexp_match(s: str, pattern: str, flags: str | None = None) -> list[str | None] | None:
    """The first match as text[] (capture groups, or the whole match); NULL if none."""
    rx, _ = _rx(pattern, flags, "regexp_match")
    m = rx.search(s)
    return None if m is None else _groups(m)


builtin("regexp_match", (T.TEXT, T.TEXT, T.TEXT), TEXT_ARRAY)(regexp_match)


@set_returning("regexp_matches", (T.TEXT, T.TEXT), [("regexp_matches", TEXT_ARRAY)])
def regexp_matches(s: str, pattern: str, flags: str | None = None) -> Iterator[tuple[list[str | None]]]:
    """One text[] row per match (all matches with flag g)."""
    rx, glob = _rx(pattern, flags, "regexp_matches", allow_global=True)
    for m in iter_matches(rx, s, glob=glob):
        yield (_groups(m),)


set_returning("regexp_matches", (T.TEXT, T.TEXT, T.TEXT), [("regexp_matches", TEXT_ARRAY)])(regexp_matches)


def _split(s: str, pattern: str, flags: str | None, fname: str) -> list[str]:
    rx, _ = _rx(pattern, flags, fname)
    out: list[str] = []
    last = 0
    for m in iter_matches(rx, s, ignore_degenerate=True):
        out.append(s[last:m.start()])
        last = m.end()
    out.append(s[last:])
    return out


@builtin("regexp_split_to_array", (T.TEXT, T.TEXT), TEXT_ARRAY)
def regexp_split_to_array(s: str, pattern: str, flags: str | None = None) -> list[str]:
    return _split(s, pattern, flags, "regexp_split_to_array")


builtin("regexp_split_to_array", (T.TEXT, T.TEXT, T.TEXT), TEXT_ARRAY)(regexp_split_to_array)


@set_returning("regexp_split_to_table", (T.TEXT, T.TEXT), [("regexp_split_to_table", T.TEXT)])
def regexp_split_to_table(s: str, pattern: str, flags: str | None = None) -> Iterator[tuple[str]]:
    for part in _split(s, pattern, flags, "regexp_split_to_table"):
        yield (part,)


set_returning("regexp_split_to_table", (T.TEXT, T.TEXT, T.TEXT),
              [("regexp_split_to_table", T.TEXT)])(regexp_split_to_table)


@builtin("regexp_count", (T.TEXT, T.TEXT), T.INT4)
def regexp_count(s: str, pattern: str, start: int = 1, flags: str | None = None) -> int:
    rx, _ = _rx(pattern, flags, "regexp_count")
    if start <= 0:
        raise _bad("start", start)
    return len(iter_matches(rx, s, start - 1))


builtin("regexp_count", (T.TEXT, T.TEXT, T.INT4), T.INT4)(regexp_count)
builtin("regexp_count", (T.TEXT, T.TEXT, T.INT4, T.TEXT), T.INT4)(regexp_count)


@builtin("regexp_like", (T.TEXT, T.TEXT), T.BOOL)
def regexp_like(s: str, pattern: str, flags: str | None = None) -> bool:
    rx, _ = _rx(pattern, flags, "regexp_like")
    return rx.search(s) is not None


builtin("regexp_like", (T.TEXT, T.TEXT, T.TEXT), T.BOOL)(regexp_like)


def _nth(s: str, pattern: str, start: int, n: int, flags: str | None, subexpr: int,
         fname: str) -> tuple[re.Match[str] | None, int]:
    rx, _ = _rx(pattern, flags, fname)
    if start <= 0:
        raise _bad("start", start)
    if n <= 0:
        raise _bad("n", n)
    if subexpr < 0:
        raise _bad("subexpr", subexpr)
    matches = iter_matches(rx, s, start - 1)
    if len(matches) < n or subexpr > rx.groups:
        return None, subexpr
    return matches[n - 1], subexpr


@builtin("regexp_instr", (T.TEXT, T.TEXT), T.INT4)
def regexp_instr(s: str, pattern: str, start: int = 1, n: int = 1, endoption: int = 0,
                 flags: str | None = None, subexpr: int = 0) -> int:
    """1-based position of the N-th match (or of its group ``subexpr``); after it with
    endoption 1; 0 when there is none."""
    if endoption not in (0, 1):
        _nth(s, pattern, start, n, flags, subexpr, "regexp_instr")
        raise _bad("endoption", endoption)
    m, k = _nth(s, pattern, start, n, flags, subexpr, "regexp_instr")
    if m is None or m.start(k) < 0:
        return 0
    return (m.end(k) if endoption else m.start(k)) + 1


for _args in ((T.INT4,), (T.INT4, T.INT4), (T.INT4, T.INT4, T.INT4), (T.INT4, T.INT4, T.INT4, T.TEXT),
              (T.INT4, T.INT4, T.INT4, T.TEXT, T.INT4)):
    builtin("regexp_instr", (T.TEXT, T.TEXT, *_args), T.INT4)(regexp_instr)


@builtin("regexp_substr", (T.TEXT, T.TEXT), T.TEXT)
def regexp_substr(s: str, pattern: str, start: int = 1, n: int = 1, flags: str | None = None,
                  subexpr: int = 0) -> str | None:
    """The N-th match (or its group ``subexpr``) at or after ``start``; NULL when none."""
    m, k = _nth(s, pattern, start, n, flags, subexpr, "regexp_substr")
    return None if m is None else m.group(k)


for _args in ((T.INT4,), (T.INT4, T.INT4), (T.INT4, T.INT4, T.TEXT), (T.INT4, T.INT4, T.TEXT, T.INT4)):
    builtin("regexp_substr", (T.TEXT, T.TEXT, *_args), T.TEXT)(regexp_substr)


@builtin("substring", (T.TEXT, T.TEXT), T.TEXT)
def substring_regex(s: str, pattern: str) -> str | None:
    """substring(s FROM pattern): the first group of the first match (whole match without
    groups); NULL if no match or the group did not participate."""
    m = compile_regex(pattern, "").search(s)
    if m is None:
        return None
    return m.group(1) if m.re.groups else m.group(0)


@builtin("substring", (T.TEXT, T.TEXT, T.TEXT), T.TEXT)
def substring_similar(s: str, pattern: str, escape: str) -> str | None:
    """substring(s SIMILAR pattern ESCAPE escape): the part between the escape-double-quote
    separators (or the whole string) when the SIMILAR pattern matches all of ``s``."""
    return substring_regex(s, similar_to_regex(pattern, escape))


def similar_to(s: str, pattern: str, escape: str | None = "\\") -> bool:
    """``s SIMILAR TO pattern [ESCAPE escape]`` (for the compiler's operator wiring)."""
    return compile_regex(similar_to_regex(pattern, escape), "").search(s) is not None


def regex_match_op(s: str, pattern: str) -> bool:
    """``s ~ pattern`` with ARE semantics."""
    return compile_regex(pattern, "").search(s) is not None


def regex_imatch_op(s: str, pattern: str) -> bool:
    """``s ~* pattern``"""
    return compile_regex(pattern, "i").search(s) is not None


# text regex operators (all strict, boolean); SIMILAR TO is :func:`similar_to`
REGEX_OPERATORS = {
    "~": regex_match_op,
    "~*": regex_imatch_op,
    "!~": lambda s, p: not regex_match_op(s, p),
    "!~*": lambda s, p: not regex_imatch_op(s, p),
}


from sql import functions_normalize  # noqa: E402,F401  (normalize, is_normalized)
