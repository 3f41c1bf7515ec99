"""Text rewrites for SQL-standard call syntax sqlglot cannot parse, done on tokens before parsing.

* ``substring(s SIMILAR p ESCAPE e)`` -> ``substring(s, p, e)`` (the same function in PostgreSQL)
* ``normalize(s, NFC)`` -> ``normalize(s, 'NFC')`` (the form is a keyword in the standard syntax)
* ``ROWS FROM (f(...), g(...))`` -> a call of :data:`sql.plan_rows_from.ROWS_FROM_NAME`
* ``JOIN b USING (k) AS j`` -> ``JOIN b USING (k, "<USING_ALIAS_MARK>j")`` (the planner takes the alias back)
* ``ORDER BY x USING >`` -> ``ORDER BY x DESC`` (and ``USING <`` -> ``ASC``)
"""

from __future__ import annotations

from sql.errors import SqlError
from sql.lexer import Token, tokenize
from sql.plan_rows_from import ROWS_FROM_NAME

_FORMS = {"NFC", "NFD", "NFKC", "NFKD"}
USING_ALIAS_MARK = "pg_using_alias__"


def rewrite_special_calls(text: str) -> str:
    upper = text.upper()
    if "SIMILAR" not in upper and "NORMALIZE" not in upper and "USING" not in upper \
            and "ROWS" not in upper:
        return text
    try:
        toks = tokenize(text)
    except SqlError:
        return text
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    for i, t in enumerate(toks[:-1]):
        if t.upper in ("SUBSTRING", "NORMALIZE") and toks[i + 1].value == "(":
            _rewrite_call(toks, i + 1, t.upper, edits)
        elif t.upper == "ROWS" and toks[i + 1].upper == "FROM" and i + 2 < len(toks) and toks[i + 2].value == "(":
            edits.append((t.pos, toks[i + 2].pos + 1, f"{ROWS_FROM_NAME}("))
        elif t.upper == "USING" and toks[i + 1].value == "(":
            _using_alias(toks, i + 1, edits)
        elif t.upper == "USING" and toks[i + 1].kind == "op" and toks[i + 1].value in ("<", ">"):
            nxt = toks[i + 1]
            edits.append((t.pos, nxt.pos + 1, "DESC" if nxt.value == ">" else "ASC"))
    if not edits:
        return text
    out = []
    last = 0
    for start, end, repl in sorted(edits):
        out.append(text[last:start])
        out.append(repl)
        last = end
    out.append(text[last:])
    return "".join(out)


def _rewrite_call(toks: list[Token], open_at: int, name: str, edits: list[tuple[int, int, str]]) -> None:
    depth = 0
    for j in range(open_at, len(toks)):
        t = toks[j]
        if t.kind == "op" and t.value in ("(", "["):
            depth += 1
        elif t.kind == "op" and t.value in (")", "]"):
            depth -= 1
            if depth == 0:
                return
        elif depth == 1 and name == "SUBSTRING" and t.upper in ("SIMILAR", "ESCAPE"):
            edits.append((t.pos, t.pos + len(t.value), ","))
        elif depth == 1 and name == "NORMALIZE" and t.upper in _FORMS and toks[j - 1].value == "," \
                and j + 1 < len(toks) and toks[j + 1].value == ")":
            edits.append((t.pos, t.pos + len(t.value), f"'{t.upper}'"))


def _using_alias(toks: list[Token], open_at: int, edits: list[tuple[int, int, str]]) -> None:
    j = open_at + 1
    while j + 1 < len(toks) and toks[j].kind in ("word", "ident") and toks[j + 1].value == ",":
        j += 2
    if j + 3 < len(toks) and toks[j].kind in ("word", "ident") and toks[j + 1].value == ")" \
            and toks[j + 2].upper == "AS" and toks[j + 3].kind in ("word", "ident"):
        alias = toks[j + 3]
        name = alias.value if alias.kind == "ident" else alias.value.lower()
        edits.append((toks[j + 1].pos, alias.pos + len(alias.value) + (2 if alias.kind == "ident" else 0),
                      f', "{USING_ALIAS_MARK}{name}")'))
