"""From query text to parsed statements: split, classify, parse, cache.

Utility statements that sqlglot gets wrong are recognised by keyword and parsed by
:mod:`sql.utility_parser`; everything else goes to sqlglot (dialect postgres). sqlglot's
ParseError/TokenError become SQLSTATE 42601 here and nowhere else. Parsed statements are
immutable and cached by text, so a repeated query is never parsed twice.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from sql import sqlstate
from sql.dialect import PgDialect
from sql.errors import SqlError
from sql.ident_truncate import truncate_identifiers
from sql.lexer import first_words, normalize_literals, split_statements, tokenize
from sql.parse_inlists import collapse as collapse_in_lists
from sql.parse_inlists import expand as expand_in_lists
from sql.parse_inlists import has_long_in_list
from sql.parse_rewrites import rewrite_special_calls
from sql.syntax_checks import check_statement
from sql.utility_parser import UtilityStmt, parse_utility

logging.getLogger("sqlglot").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Statement:
    text: str
    ast: exp.Expression | None  # sqlglot tree (None for utility statements)
    utility: UtilityStmt | None
    keyword: str  # first keyword, upper-case, e.g. SELECT, INSERT, CREATE
    notices: tuple[SqlError, ...] = ()  # from scanning, e.g. identifiers truncated to 63 bytes


_UNSUPPORTED_FIRST = {
    "LISTEN", "UNLISTEN", "NOTIFY", "COPY", "DECLARE", "FETCH", "MOVE", "CLOSE", "PREPARE", "EXECUTE",
    "LOCK", "CLUSTER", "REINDEX", "COMMENT", "SECURITY", "IMPORT", "LOAD", "REFRESH", "CALL", "DO",
}

STATEMENT_KEYWORDS = {
    "ABORT", "ALTER", "ANALYZE", "ANALYSE", "BEGIN", "CALL", "CHECKPOINT", "CLOSE", "CLUSTER", "COMMENT", "COMMIT",
    "COPY", "CREATE", "DEALLOCATE", "DECLARE", "DELETE", "DISCARD", "DO", "DROP", "END", "EXECUTE", "EXPLAIN",
    "FETCH", "GRANT", "IMPORT", "INSERT", "LISTEN", "LOAD", "LOCK", "MERGE", "MOVE", "NOTIFY", "PREPARE",
    "REASSIGN", "REFRESH", "REINDEX", "RELEASE", "RESET", "REVOKE", "ROLLBACK", "SAVEPOINT", "SECURITY", "SELECT",
    "SET", "SHOW", "START", "TABLE", "TRUNCATE", "UNLISTEN", "UPDATE", "VACUUM", "VALUES", "WITH", "(",
}

_POSITION_RE = re.compile(r"Line (\d+), Col: (\d+)")


def _error_position(text: str, err: Exception) -> int | None:
    errors = getattr(err, "errors", None)
    if errors:
        first = errors[0]
        line, col = first.get("line"), first.get("col")
        if line and col:
            lines = text.split("\n")
            offset = sum(len(x) + 1 for x in lines[: line - 1]) + col
            return max(1, offset - len(first.get("highlight") or "") + 1)
    m = _POSITION_RE.search(str(err))
    if m:
        return None
    return None


def _syntax_error(text: str, err: Exception) -> SqlError:
    pos = _error_position(text, err)
    near = None
    errors = getattr(err, "errors", None)
    if errors:
        near = errors[0].get("highlight")
    if near:
        msg = f'syntax error at or near "{near}"'
    else:
        msg = "syntax error at end of input"
        pos = len(text) + 1
    return SqlError(sqlstate.SYNTAX_ERROR, msg, position=pos)


def parse_one_statement(text: str) -> Statement:
    text, notices = truncate_identifiers(text)
    stmt = _parse_one_statement(text)
    return replace(stmt, notices=notices) if notices else stmt


def _parse_one_statement(text: str) -> Statement:
    words = first_words(text, 3)
    keyword = words[0] if words else ""
    utility = _routine_utility(text, words) if keyword in _ROUTINE_FIRST else None
    if utility is None:
        utility = parse_utility(text, words)
    if utility is not None:
        return Statement(text, None, utility, keyword)
    if keyword in ("CREATE", "REFRESH", "DROP") and len(words) > 1 and words[1] == "MATERIALIZED":
        from sql.executor.matview import parse_matview_statement

        matview = parse_matview_statement(text, words)
        if matview is not None:
            return Statement(text, None, matview, keyword)
    if keyword in _UNSUPPORTED_FIRST:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"{keyword} is not supported yet")
    if keyword not in STATEMENT_KEYWORDS:
        tok = tokenize(text, stop_after=1)
        first = tok[0] if tok else None
        raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{first.value if first else ""}"',
                       position=first.pos + 1 if first else None)
    if "$" in text:
        text = _space_parameters(text)
    if keyword in ("CREATE", "DROP") and any(w in ("FUNCTION", "PROCEDURE", "ROUTINE") for w in
                                             first_words(text, 4)[1:4]):
        from sql.executor.routines import parse_function_statement

        routine = parse_function_statement(text)
        if routine is not None:
            return Statement(text, None, routine, keyword)
    if keyword == "DROP" and len(words) > 1 and words[1] in ("INDEX", "SEQUENCE", "SCHEMA", "TYPE"):
        return Statement(text, _parse_drop(text), None, keyword)
    check_option = ""
    if keyword == "CREATE" and "VIEW" in first_words(text, 5) and "CHECK" in text.upper():
        from sql.updatable_view import strip_check_option

        text, check_option = strip_check_option(text)
    overriding = on_commit = None
    if keyword == "CREATE":
        from sql.create_options import strip_on_commit

        text, on_commit = strip_on_commit(text)
    if keyword == "INSERT":
        from sql.ddl_parser import strip_overriding

        text, overriding = strip_overriding(text)
    text = rewrite_special_calls(text)
    in_lists: dict[str, list[exp.Expression]] = {}
    if has_long_in_list(text):
        text, in_lists = collapse_in_lists(text)
    try:
        trees = sqlglot.parse(text, read=PgDialect)
    except (ParseError, TokenError) as e:
        raise _syntax_error(text, e) from None
    trees = [t for t in trees if t is not None]
    if in_lists:
        for t in trees:
            expand_in_lists(t, in_lists)
    if len(trees) != 1:
        raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error at end of input", position=len(text) + 1)
    tree = trees[0]
    if not isinstance(tree, exp.Command):
        check_statement(text, tree)
    lowered = text.lower()
    if "pg_catalog." in lowered or "information_schema._pg_" in lowered:
        tree = _strip_pg_catalog_qualifier(tree)
    if isinstance(tree, exp.Command):
        if keyword not in STATEMENT_KEYWORDS:
            first = text.strip().split(None, 1)[0] if text.strip() else ""
            raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{first}"',
                           position=text.find(first) + 1 if first else None)
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                       f"statement is not supported yet: {text.strip()[:60]}")
    if overriding is not None:
        tree.set("overriding", overriding)
    if on_commit is not None:
        tree.set("on_commit", on_commit)
    if check_option:
        tree.meta["check_option"] = check_option
    return Statement(text, tree, None, keyword)


_ROUTINE_FIRST = {"CREATE", "DROP", "ALTER", "GRANT", "REVOKE", "DO", "CALL"}


def _routine_utility(text: str, words: list[str]) -> Any:
    """Triggers, ALTER FUNCTION, GRANT/REVOKE ON FUNCTION and DO (see sql.plpgsql.statements)."""
    from sql.plpgsql.statements import parse_routine_utility

    return parse_routine_utility(text, words)


def _strip_pg_catalog_qualifier(tree: exp.Expression) -> exp.Expression:
    """pg_catalog.fn(...) is fn(...): builtins live in pg_catalog (psql and drivers qualify them); so is
    information_schema._pg_xxx(...), the helper functions information_schema's views use (JDBC calls them)."""

    dots = [d for d in tree.find_all(exp.Dot) if isinstance(d.this, exp.Identifier)
            and isinstance(d.expression, exp.Func)
            and (d.this.name.lower() == "pg_catalog" or (d.this.name.lower() == "information_schema"
                                                         and d.expression.name.lower().startswith("_pg_")))]
    for d in reversed(dots):  # innermost last in find_all's order: replace from the end
        if d is tree:
            tree = d.expression
        else:
            d.replace(d.expression)
    return tree


def _parse_drop(text: str) -> exp.Drop:
    """DROP INDEX|SEQUENCE|SCHEMA|TYPE [CONCURRENTLY] [IF EXISTS] name [, ...] [CASCADE|RESTRICT]
    (sqlglot cannot parse name lists for these)."""
    toks = tokenize(text)
    kind = toks[1].value.upper()
    i = 2
    if i < len(toks) and toks[i].kind == "word" and toks[i].value.upper() == "CONCURRENTLY":
        i += 1
    exists = False
    if i + 1 < len(toks) and toks[i].kind == "word" and toks[i].value.upper() == "IF" and \
            toks[i + 1].value.upper() == "EXISTS":
        exists = True
        i += 2
    tables: list[exp.Table] = []
    cascade = False

    def ident(t: Any) -> exp.Identifier:
        if t.kind == "ident":
            return exp.to_identifier(t.value, quoted=True)
        if t.kind != "word":
            raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{t.value}"', position=t.pos + 1)
        return exp.to_identifier(t.value, quoted=False)

    while i < len(toks):
        t = toks[i]
        if t.kind == "word" and t.value.upper() in ("CASCADE", "RESTRICT"):
            cascade = t.value.upper() == "CASCADE"
            i += 1
            break
        first = ident(t)
        i += 1
        if i < len(toks) and toks[i].value == ".":
            second = ident(toks[i + 1]) if i + 1 < len(toks) else None
            if second is None:
                raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error at end of input", position=len(text) + 1)
            i += 2
            tables.append(exp.Table(this=second, db=first) if kind != "SCHEMA" else exp.Table(db=first))
        else:
            tables.append(exp.Table(this=first) if kind != "SCHEMA" else exp.Table(db=first))
        if i < len(toks) and toks[i].value == ",":
            i += 1
    if i < len(toks) or not tables:
        t = toks[i] if i < len(toks) else None
        raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{t.value}"' if t else
                       "syntax error at end of input", position=(t.pos + 1) if t else len(text) + 1)
    return exp.Drop(tables=tables, kind=kind, exists=exists, cascade=cascade)


def _space_parameters(text: str) -> str:
    """sqlglot's tokenizer fails on `$1,$2` (no blank before a parameter): add the blanks."""
    try:
        toks = tokenize(text)
    except SqlError:
        return text
    out = []
    last = 0
    for t in toks:
        if t.kind == "param" and t.pos > 0 and not text[t.pos - 1].isspace():
            out.append(text[last:t.pos])
            out.append(" ")
            last = t.pos
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


class ParseCache:
    """LRU caches: query string -> parsed statements, and (for simple queries) literal-normalised
    statement text -> parsed statement, so queries differing only in constants parse once."""

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self._items: OrderedDict[str, tuple[Statement, ...]] = OrderedDict()
        self._items_one: OrderedDict[str, Statement] = OrderedDict()

    def parse(self, text: str) -> tuple[Statement, ...]:
        hit = self._items.get(text)
        if hit is not None:
            self._items.move_to_end(text)
            return hit
        stmts = tuple(parse_one_statement(piece) for piece, _ in split_statements(text))
        self._items[text] = stmts
        if len(self._items) > self.size:
            self._items.popitem(last=False)
        return stmts

    def parse_simple(self, text: str) -> list[tuple[Statement, tuple[tuple[str, str], ...] | None]]:
        """Parse a simple-query string; statements get their literals lifted into parameters
        where that is safe (see :func:`sql.lexer.normalize_literals`)."""
        out: list[tuple[Statement, tuple[tuple[str, str], ...] | None]] = []
        for piece, _ in split_statements(text):
            norm = normalize_literals(piece)
            if norm is None:
                out.append((self.parse_piece(piece), None))
                continue
            stmt = self._items_one.get(norm.text)
            if stmt is None:
                try:
                    stmt = parse_one_statement(norm.text)
                except SqlError:
                    out.append((self.parse_piece(piece), None))
                    continue
                self._remember_one(norm.text, stmt)
            if isinstance(stmt.ast, exp.Select) and stmt.ast.args.get("into") is not None:
                out.append((self.parse_piece(piece), None))  # SELECT INTO runs as a utility: no parameters
                continue
            out.append((stmt, norm.literals))
        return out

    def parse_piece(self, piece: str) -> Statement:
        stmt = self._items_one.get(piece)
        if stmt is None:
            stmt = parse_one_statement(piece)
            self._remember_one(piece, stmt)
        return stmt

    def _remember_one(self, text: str, stmt: Statement) -> None:
        self._items_one[text] = stmt
        if len(self._items_one) > self.size:
            self._items_one.popitem(last=False)
