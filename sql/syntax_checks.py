"""PostgreSQL syntax errors (42601) for constructs sqlglot parses too leniently.

sqlglot accepts a few things PostgreSQL's grammar rejects: a dangling comma before a clause
keyword, an alias after ``*``, ``a < b = c`` (comparisons are non-associative in PostgreSQL),
ORDER BY/LIMIT on a set-operation branch without parentheses, ``a JOIN b`` without ON/USING,
INSERT without VALUES/SELECT, ``CREATE TABLE t (SELECT ...)``. :func:`check_statement` looks at
the parsed tree (and, where the tree has lost the information, the tokens) and raises 42601.
"""

from __future__ import annotations

import re

from sqlglot import exp

from sql import sqlstate
from sql.errors import SqlError
from sql.lexer import Token, tokenize

_COMPARISONS = (exp.EQ, exp.NEQ, exp.LT, exp.LTE, exp.GT, exp.GTE)
_COMPARISON_OPS = {exp.EQ: "=", exp.NEQ: "<>", exp.LT: "<", exp.LTE: "<=", exp.GT: ">", exp.GTE: ">="}
_SETOPS = (exp.Union, exp.Intersect, exp.Except)

# keywords that may not follow a comma (all reserved in PostgreSQL)
_NOT_AFTER_COMMA = {"FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "INTERSECT",
                    "EXCEPT", "WINDOW", "INTO", "RETURNING", "ON", "USING"}
_COMMA_SUSPECT = re.compile(r",\s*(?:[),;]|$|(?:" + "|".join(sorted(_NOT_AFTER_COMMA)) + r")\b)", re.IGNORECASE)
# keywords that end a FROM item (a JOIN still waiting for ON/USING there is an error)
_FROM_ENDERS = {"WHERE", "GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "INTERSECT",
                "EXCEPT", "FOR", "RETURNING", "SET"}


def _error_at(text: str, tok: Token | None) -> SqlError:
    if tok is None:
        return SqlError(sqlstate.SYNTAX_ERROR, "syntax error at end of input", position=len(text) + 1)
    return SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{tok.value}"', position=tok.pos + 1)


def check_statement(text: str, tree: exp.Expression) -> None:
    """Raise 42601 where PostgreSQL's grammar rejects what sqlglot accepted."""
    toks: list[Token] | None = None

    def tokens() -> list[Token]:
        nonlocal toks
        if toks is None:
            toks = tokenize(text)
        return toks

    if "," in text and _COMMA_SUSPECT.search(text):  # the tokens only when the text looks suspicious
        _check_commas(text, tokens())
    if isinstance(tree, exp.Insert) and tree.args.get("expression") is None and not tree.args.get("default"):
        raise _error_at(text, None)
    if isinstance(tree, exp.Create) and isinstance(tree.args.get("expression"), exp.Subquery):
        _check_ctas(text, tokens())
    bare_join = False
    for node in tree.walk():
        if isinstance(node, exp.Alias) and isinstance(node.this, exp.Star):
            raise _error_at(text, _find_word(tokens(), node.alias))
        if isinstance(node, _COMPARISONS):
            for side in (node.this, node.expression):
                if isinstance(side, _COMPARISONS):
                    op = _COMPARISON_OPS[type(node)]
                    raise _error_at(text, _find_op(tokens(), op))
        elif isinstance(node, _SETOPS):
            for branch in (node.this, node.expression):
                if isinstance(branch, exp.Select) and any(branch.args.get(k) for k in ("order", "limit", "offset")):
                    kw = {exp.Union: "UNION", exp.Intersect: "INTERSECT", exp.Except: "EXCEPT"}[type(node)]
                    raise _error_at(text, _find_word(tokens(), kw))
        elif isinstance(node, exp.Join) and not node.args.get("on") and not node.args.get("using"):
            bare_join = True
    if bare_join:
        _check_join_conditions(text, tokens())


def _find_word(toks: list[Token], word: str) -> Token | None:
    w = word.upper()
    return next((t for t in toks if t.upper == w or (t.kind == "ident" and t.value == word)), None)


def _find_op(toks: list[Token], op: str) -> Token | None:
    """The second comparison operator of a chain (where PostgreSQL reports the error)."""
    ops = {"=", "<>", "!=", "<", "<=", ">", ">="}
    seen = False
    for t in toks:
        if t.kind == "op" and t.value in ops:
            if seen and t.value == op:
                return t
            seen = True
    return next((t for t in toks if t.kind == "op" and t.value == op), None)


def _check_commas(text: str, toks: list[Token]) -> None:
    for i, t in enumerate(toks[:-1]):
        if t.kind == "op" and t.value == ",":
            nxt = toks[i + 1]
            if (nxt.kind == "op" and nxt.value in (")", ";", ",")) or nxt.upper in _NOT_AFTER_COMMA:
                raise _error_at(text, nxt)
    if toks and toks[-1].kind == "op" and toks[-1].value == ",":
        raise _error_at(text, None)


def _check_ctas(text: str, toks: list[Token]) -> None:
    """CREATE TABLE name (SELECT ...) is not CREATE TABLE name AS (SELECT ...)."""
    for i, t in enumerate(toks[:-1]):
        if t.kind == "op" and t.value == "(":
            prev = toks[i - 1] if i else None
            if prev is not None and prev.upper != "AS" and toks[i + 1].upper in ("SELECT", "WITH", "VALUES", "TABLE"):
                raise _error_at(text, toks[i + 1])
            return


def _check_join_conditions(text: str, toks: list[Token]) -> None:
    """Every [INNER|LEFT|RIGHT|FULL] JOIN needs its ON or USING before the FROM item ends."""
    pending: list[int] = [0]  # per parenthesis depth: JOINs still waiting for ON/USING
    skip_next_join = False
    for t in toks:
        if t.kind == "op" and t.value in ("(", "["):
            pending.append(0)
            continue
        if t.kind == "op" and t.value in (")", "]", ";", ","):
            if pending[-1] > 0:
                raise _error_at(text, t if t.value != ";" else None)
            if t.value in (")", "]") and len(pending) > 1:
                pending.pop()
            continue
        w = t.upper
        if not w:
            continue
        if w in ("CROSS", "NATURAL"):
            skip_next_join = True
        elif w == "JOIN":
            if not skip_next_join:
                pending[-1] += 1
            skip_next_join = False
        elif w in ("ON", "USING"):
            if pending[-1] > 0:
                pending[-1] -= 1
        elif w in _FROM_ENDERS and pending[-1] > 0:
            raise _error_at(text, t)
    if pending[-1] > 0:
        raise _error_at(text, None)
