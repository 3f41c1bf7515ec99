"""CREATE TABLE clauses sqlglot does not parse (or does not keep): ``ON COMMIT {DROP | DELETE ROWS |
PRESERVE ROWS}`` is cut out of the text here and set on the parsed tree as ``on_commit``."""

from __future__ import annotations

from sql.errors import SqlError
from sql.lexer import tokenize

_ACTIONS = {("DROP",): "drop", ("DELETE", "ROWS"): "delete", ("PRESERVE", "ROWS"): "preserve"}


def strip_on_commit(text: str) -> tuple[str, str | None]:
    """(text without the ON COMMIT clause, 'drop' / 'delete' / 'preserve' or None)."""
    if "commit" not in text.lower():
        return text, None
    try:
        toks = tokenize(text)
    except SqlError:
        return text, None
    words = [t.upper if t.kind == "word" else "" for t in toks]
    for i in range(len(toks) - 2):
        if words[i] == "ON" and words[i + 1] == "COMMIT":
            for key, action in _ACTIONS.items():
                if tuple(words[i + 2:i + 2 + len(key)]) == key:
                    last = toks[i + 1 + len(key)]
                    return text[: toks[i].pos] + text[last.pos + len(last.value):], action
    return text, None
