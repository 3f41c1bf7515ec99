"""Parser of COPY statements: the table (with a column list) or a parenthesised query, the
direction, STDIN/STDOUT or a file name, and the options in both the current syntax
(``WITH (FORMAT csv, HEADER, ...)``) and the pre-9.0 one (``WITH CSV HEADER QUOTE '"'``)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sql import sqlstate
from sql.copy_format import CopyOptions
from sql.errors import SqlError
from sql.lexer import WordCursor as _Cursor
from sql.lexer import tokenize


@dataclass(frozen=True)
class CopyStmt:
    schema: str | None
    table: str | None
    columns: tuple[str, ...] | None
    query: str | None  # COPY (query) TO
    is_from: bool
    target: str | None  # a file name; None for STDIN/STDOUT
    program: bool
    options: CopyOptions
    force_quote_columns: tuple[str, ...] = ()
    force_not_null_columns: tuple[str, ...] = ()
    force_null_columns: tuple[str, ...] = ()
    where: str | None = None  # COPY FROM ... WHERE condition, SQL text


def _option_error(name: str, pos: int | None) -> SqlError:
    return SqlError(sqlstate.SYNTAX_ERROR, f'option "{name}" not recognized', position=pos)


def _bool(cur: _Cursor, name: str) -> bool:
    t = cur.peek()
    if t is None or (t.kind == "op" and t.value in (",", ")")):
        return True
    cur.i += 1
    v = t.value.lower()
    if v in ("true", "on", "1"):
        return True
    if v in ("false", "off", "0"):
        return False
    raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f"{name} requires a Boolean value")


def _column_list(cur: _Cursor) -> tuple[str, ...]:
    cur.expect("(")
    cols = [cur.name()]
    while cur.accept(","):
        cols.append(cur.name())
    cur.expect(")")
    return tuple(cols)


def parse_copy(text: str) -> CopyStmt:
    cur = _Cursor(text, tokenize(text))
    cur.expect("COPY")
    legacy_binary = cur.accept("BINARY")
    schema = table = query = None
    columns = None
    if cur.accept("("):
        depth, start = 1, cur.peek()
        if start is None:
            raise cur.error()
        while depth:
            t = cur.next()
            if t.kind == "op" and t.value == "(":
                depth += 1
            elif t.kind == "op" and t.value == ")":
                depth -= 1
        query = text[start.pos:cur.toks[cur.i - 1].pos].strip()
    else:
        table = cur.name()
        if cur.accept("."):
            schema, table = table, cur.name()
        t = cur.peek()
        if t is not None and t.kind == "op" and t.value == "(":
            columns = _column_list(cur)
    if cur.accept("FROM"):
        is_from = True
    elif cur.accept("TO"):
        is_from = False
    else:
        raise cur.error()
    if query is not None and is_from:
        raise SqlError(sqlstate.SYNTAX_ERROR, 'syntax error at or near "FROM"')
    program = cur.accept("PROGRAM")
    target: str | None = None
    if cur.accept("STDIN") or cur.accept("STDOUT"):
        pass
    else:
        target = cur.string()
    opts: dict[str, object] = {"format": "binary" if legacy_binary else "text"}
    lists: dict[str, tuple[str, ...] | str] = {}
    seen: set[str] = set()

    def once(name: str) -> None:
        if name in seen:
            raise SqlError(sqlstate.SYNTAX_ERROR, "conflicting or redundant options")
        seen.add(name)

    cur.accept("WITH")
    t = cur.peek()
    if t is not None and t.kind == "op" and t.value == "(":
        cur.next()
        while True:
            tok = cur.next()
            name = tok.value.lower()
            if name == "format":
                once(name)
                f = cur.next().value.lower()
                if f not in ("text", "csv", "binary"):
                    raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f'COPY format "{f}" not recognized',
                                   position=tok.pos + 1)
                opts["format"] = f
            elif name in ("delimiter", "null", "quote", "escape", "encoding"):
                once(name)
                opts[name] = cur.string()
            elif name in ("header", "freeze"):
                once(name)
                opts[name] = _bool(cur, name)
            elif name in ("force_quote", "force_not_null", "force_null"):
                once(name)
                if name == "force_quote" and cur.accept("*"):
                    lists[name] = "*"
                else:
                    lists[name] = _column_list(cur)
            else:
                raise _option_error(name, tok.pos + 1)
            if cur.accept(")"):
                break
            cur.expect(",")
    else:
        while not cur.at_end() and cur.peek_upper() != "WHERE":  # the old syntax
            tok = cur.peek()
            assert tok is not None
            if cur.accept("BINARY"):
                once("format")
                opts["format"] = "binary"
            elif cur.accept("CSV"):
                once("format")
                opts["format"] = "csv"
            elif cur.accept("HEADER"):
                once("header")
                opts["header"] = True
            elif cur.accept("FREEZE"):
                opts["freeze"] = True
            elif tok.upper in ("DELIMITER", "NULL", "QUOTE", "ESCAPE", "ENCODING"):
                cur.next()
                cur.accept("AS")
                once(tok.upper.lower())
                opts[tok.upper.lower()] = cur.string()
            elif cur.accept("FORCE", "QUOTE"):
                lists["force_quote"] = "*" if cur.accept("*") else _bare_columns(cur)
            elif cur.accept("FORCE", "NOT", "NULL"):
                lists["force_not_null"] = _bare_columns(cur)
            elif cur.accept("FORCE", "NULL"):
                lists["force_null"] = _bare_columns(cur)
            else:
                raise cur.error()
    where = None
    if is_from and cur.accept("WHERE"):
        start = cur.peek()
        if start is None:
            raise cur.error()
        where = text[start.pos:].strip().rstrip(";")
        cur.i = len(cur.toks)
    if not cur.at_end():
        raise cur.error()
    stmt = _statement(schema, table, columns, query, is_from, target, program, opts, lists)
    return replace(stmt, where=where) if where is not None else stmt


def _bare_columns(cur: _Cursor) -> tuple[str, ...]:
    cols = [cur.name()]
    while cur.accept(","):
        cols.append(cur.name())
    return tuple(cols)


def _statement(schema: str | None, table: str | None, columns: tuple[str, ...] | None, query: str | None,
               is_from: bool, target: str | None, program: bool, opts: dict[str, object],
               lists: dict[str, tuple[str, ...] | str]) -> CopyStmt:
    fmt = str(opts["format"])
    csv = fmt == "csv"
    if fmt == "binary":
        for bad in ("delimiter", "null", "header"):
            if bad in opts:
                raise SqlError(sqlstate.SYNTAX_ERROR, f"cannot specify {bad.upper()} in BINARY mode")
    delimiter = str(opts.get("delimiter", "," if csv else "\t"))
    null = str(opts.get("null", "" if csv else "\\N"))
    quote = str(opts.get("quote", '"'))
    escape = str(opts.get("escape", quote))
    if len(delimiter.encode()) != 1:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "COPY delimiter must be a single one-byte character")
    if delimiter in ("\r", "\n"):
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "COPY delimiter cannot be newline or carriage return")
    if "\r" in null or "\n" in null:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE,
                       "COPY null representation cannot use newline or carriage return")
    if not csv and delimiter in "\\.abcdefghijklmnopqrstuvwxyz0123456789":
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f'COPY delimiter cannot be "{delimiter}"')
    if not csv and "quote" in opts:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "COPY quote available only in CSV mode")
    if not csv and "escape" in opts:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "COPY escape available only in CSV mode")
    if csv:
        if len(quote.encode()) != 1:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "COPY quote must be a single one-byte character")
        if len(escape.encode()) != 1:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "COPY escape must be a single one-byte character")
        if delimiter == quote:
            raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "COPY delimiter and quote must be different")
        if delimiter in null:
            raise SqlError(sqlstate.INVALID_PARAMETER_VALUE,
                           "COPY delimiter must not appear in the NULL specification")
    for key, label in (("force_quote", "force quote"), ("force_not_null", "force not null"),
                       ("force_null", "force null")):
        if key in lists and not csv:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"COPY {label} available only in CSV mode")
    if "force_quote" in lists and is_from:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "COPY force quote only available using COPY TO")
    for key, label in (("force_not_null", "force not null"), ("force_null", "force null")):
        if key in lists and not is_from:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"COPY {label} only available using COPY FROM")
    fq = lists.get("force_quote")
    options = CopyOptions(
        format=fmt, delimiter=delimiter, null=null, header=bool(opts.get("header", False)), quote=quote,
        escape=escape, force_quote_all=fq == "*", freeze=bool(opts.get("freeze", False)),
        encoding=str(opts["encoding"]) if "encoding" in opts else None)
    return CopyStmt(schema, table, columns, query, is_from, target, program, options,
                    force_quote_columns=fq if isinstance(fq, tuple) else (),
                    force_not_null_columns=tuple(lists.get("force_not_null", ())),
                    force_null_columns=tuple(lists.get("force_null", ())))
