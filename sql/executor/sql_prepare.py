"""The SQL-level PREPARE and EXECUTE statements (pg_dump prepares its per-object queries this way).

``PREPARE name [ (type, ...) ] AS statement`` stores a prepared statement under ``name`` in the
same namespace as the extended protocol's named statements (so DEALLOCATE removes both kinds);
``EXECUTE name [ (expression, ...) ]`` evaluates the arguments, converts them to the parameter
types and runs the statement, answering with that statement's own result and command tag.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.lexer import Token, tokenize


def _top_level_items(text: str, toks: list[Token], open_index: int) -> tuple[list[str], int]:
    """The comma-separated items of the parenthesised list opening at toks[open_index], and the
    index of the token after its closing parenthesis."""
    depth = 0
    items: list[str] = []
    start = toks[open_index].pos + 1
    for i in range(open_index, len(toks)):
        t = toks[i]
        if t.kind != "op":
            continue
        if t.value in ("(", "["):
            depth += 1
        elif t.value in (")", "]"):
            depth -= 1
            if depth == 0:
                items.append(text[start:t.pos].strip())
                return [x for x in items if x] if items != [""] else [], i + 1
        elif t.value == "," and depth == 1:
            items.append(text[start:t.pos].strip())
            start = t.pos + 1
    raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error at end of input", position=len(text) + 1)


def _syntax(text: str, toks: list[Token], i: int) -> SqlError:
    if i >= len(toks):
        return SqlError(sqlstate.SYNTAX_ERROR, "syntax error at end of input", position=len(text) + 1)
    return SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{toks[i].value}"', position=toks[i].pos + 1)


def _name(toks: list[Token], i: int, text: str) -> str:
    if i >= len(toks) or toks[i].kind not in ("word", "ident"):
        raise _syntax(text, toks, i)
    return toks[i].value if toks[i].kind == "ident" else toks[i].value.lower()


@dataclass(frozen=True)
class PrepareSqlStmt:
    name: str
    type_names: tuple[str, ...]
    body: str
    text: str = ""  # the whole PREPARE statement (pg_prepared_statements.statement)

    def execute_utility(self, session: Any) -> Any:
        from sql.catalog_views.regtypes import regtype_in
        from sql.session import _static_result

        oids = [regtype_in(session, t) for t in self.type_names]
        session.parse(self.name, self.body, oids)
        _, prepared_at, _ = session.statement_origins[self.name]
        session.statement_origins[self.name] = (self.text, prepared_at, True)
        return _static_result("PREPARE")


@dataclass(frozen=True)
class ExecuteSqlStmt:
    name: str
    args: tuple[str, ...]

    def execute_utility(self, session: Any) -> Any:
        p = session._statement(self.name)
        p = session._revalidate(p)
        types = [t if t else T.TEXT for t in p.param_types]
        if len(self.args) != len(types):
            raise SqlError(sqlstate.SYNTAX_ERROR, f'wrong number of parameters for prepared statement "{self.name}"',
                           detail=f"Expected {len(types)} parameters but got {len(self.args)}.")
        params: list[Any] = []
        if self.args:
            select = "SELECT " + ", ".join(f"CAST(({a}) AS {T.type_name(t)})" for a, t in zip(self.args, types))
            row = next(iter(session._run(session.prepare_internal(select, []), [], ()).rows))
            params = list(row)
        return session._run(p, params, ())


def parse_prepare(text: str) -> PrepareSqlStmt:
    toks = tokenize(text)
    name = _name(toks, 1, text)
    i = 2
    type_names: list[str] = []
    if i < len(toks) and toks[i].kind == "op" and toks[i].value == "(":
        type_names, i = _top_level_items(text, toks, i)
    if i >= len(toks) or toks[i].kind != "word" or toks[i].value.upper() != "AS":
        raise _syntax(text, toks, i)
    if i + 1 >= len(toks):
        raise _syntax(text, toks, i + 1)
    body = text[toks[i + 1].pos:].strip().rstrip(";")
    return PrepareSqlStmt(name, tuple(type_names), body, text.strip())


def parse_execute(text: str) -> ExecuteSqlStmt:
    toks = tokenize(text)
    name = _name(toks, 1, text)
    i = 2
    args: list[str] = []
    if i < len(toks) and toks[i].kind == "op" and toks[i].value == "(":
        args, i = _top_level_items(text, toks, i)
    while i < len(toks) and toks[i].kind == "op" and toks[i].value == ";":
        i += 1
    if i < len(toks):
        raise _syntax(text, toks, i)
    return ExecuteSqlStmt(name, tuple(args))
