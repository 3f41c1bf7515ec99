"""Identifiers longer than 63 bytes, truncated as PostgreSQL's lexer does (NOTICE 42622).

PostgreSQL truncates every identifier of a statement to NAMEDATALEN - 1 bytes while scanning it, so
``CREATE TABLE <70 chars>`` and a later ``SELECT * FROM <the same 70 chars>`` meet at the same
63-byte name. :func:`truncate_identifiers` does the same on the statement text before it is parsed.
"""

from __future__ import annotations

import re

from sql import sqlstate
from sql.errors import SqlError
from sql.lexer import tokenize

NAMEDATALEN = 64
#: A run of identifier characters that might exceed 63 bytes (at most 3 bytes per character here).
_MAYBE_LONG = re.compile(r"[\w$]{21,}|\"[^\"]{21,}")


def _cut(name: str) -> str:
    return name.encode()[: NAMEDATALEN - 1].decode("utf-8", "ignore")


def _quoted_end(text: str, pos: int) -> int:
    """End (exclusive) of the quoted identifier starting at ``pos``."""
    i = pos + 1
    while True:
        j = text.find('"', i)
        if j < 0:
            return len(text)
        if text.startswith('""', j):
            i = j + 2
            continue
        return j + 1


def truncate_identifiers(text: str) -> tuple[str, tuple[SqlError, ...]]:
    """The text with over-long identifiers truncated, and one NOTICE per truncation."""
    if _MAYBE_LONG.search(text) is None:
        return text, ()
    try:
        toks = tokenize(text)
    except SqlError:
        return text, ()
    notices: list[SqlError] = []
    out: list[str] = []
    last = 0
    for tok in toks:
        if tok.kind not in ("word", "ident") or len(tok.value.encode()) < NAMEDATALEN:
            continue
        if tok.kind == "word":
            name = tok.value.lower()
            end = tok.pos + len(tok.value)
            if text[tok.pos:end] != tok.value:
                continue
            replacement = _cut(name)
        else:
            name = tok.value
            end = _quoted_end(text, tok.pos)
            replacement = '"' + _cut(name).replace('"', '""') + '"'
        notices.append(SqlError(sqlstate.NAME_TOO_LONG, f'identifier "{name}" will be truncated to "{_cut(name)}"',
                                severity="NOTICE"))
        out.append(text[last:tok.pos])
        out.append(replacement)
        last = end
    if not notices:
        return text, ()
    out.append(text[last:])
    return "".join(out), tuple(notices)
