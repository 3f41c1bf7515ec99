"""Parser for the DDL of types and other objects sqlglot does not parse: CREATE / DROP DOMAIN,
CREATE INDEX ... NULLS NOT DISTINCT and CREATE SCHEMA with embedded elements.

Embedded pieces (type names, expressions, whole CREATE TABLE / VIEW statements) are cut out of
the text by token position and handed to sqlglot or back to the statement parser.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from sql import sqlstate
from sql.ddl_parser import _P, DdlStmt, _sqlglot, p_done, parse_expression, parse_type
from sql.errors import SqlError
from sql.lexer import tokenize


@dataclass(frozen=True)
class CreateIndexStmt(DdlStmt):
    """CREATE INDEX with a clause sqlglot does not know (NULLS NOT DISTINCT)."""

    ast: exp.Create
    nulls_not_distinct: bool = False


@dataclass(frozen=True)
class CreateDomainStmt(DdlStmt):
    schema: str | None
    name: str
    base: exp.DataType
    default: exp.Expression | None
    not_null: bool
    checks: tuple[tuple[str | None, exp.Expression], ...]


@dataclass(frozen=True)
class DropDomainStmt(DdlStmt):
    names: tuple[tuple[str | None, str], ...]
    if_exists: bool
    cascade: bool


@dataclass(frozen=True)
class CreateSchemaStmt(DdlStmt):
    """CREATE SCHEMA [IF NOT EXISTS] [name] [AUTHORIZATION role] [element ...]."""

    name: str | None
    role: str | None
    if_not_exists: bool
    elements: tuple[str, ...]  # CREATE TABLE / VIEW / INDEX / SEQUENCE statements, SQL text


def _create_domain(p: _P) -> CreateDomainStmt:
    schema, name = p.qualified()
    p.accept("AS")
    stops = ("DEFAULT", "NOT", "NULL", "CHECK", "CONSTRAINT", "COLLATE")
    base = parse_type(p.rest_until(stops))
    default = None
    not_null = False
    checks: list[tuple[str | None, exp.Expression]] = []
    while not p.at_end():
        cname = p.name() if p.accept("CONSTRAINT") else None
        if p.accept("DEFAULT"):
            default = parse_expression(p.rest_until(stops))
        elif p.accept("NOT", "NULL"):
            not_null = True
        elif p.accept("NULL"):
            not_null = False
        elif p.accept("COLLATE"):
            p.name()
        elif p.accept("CHECK"):
            if p.up() != "(":
                raise p.error()
            checks.append((cname, parse_expression(p.rest_until(stops))))
        else:
            raise p.error()
    return CreateDomainStmt(schema, name, base, default, not_null, tuple(checks))


def _drop_domain(p: _P) -> DropDomainStmt:
    ie = p.accept("IF", "EXISTS")
    names = [p.qualified()]
    while p.accept(","):
        names.append(p.qualified())
    cascade = p.accept("CASCADE")
    if not cascade:
        p.accept("RESTRICT")
    p_done(p)
    return DropDomainStmt(tuple(names), ie, cascade)


def _create_index_nnd(text: str) -> CreateIndexStmt | None:
    toks = tokenize(text)
    for i in range(len(toks) - 3):
        if [t.upper for t in toks[i:i + 4]] == ["NULLS", "NOT", "DISTINCT", toks[i + 3].upper] and \
                toks[i].kind == "word" and toks[i + 2].kind == "word":
            end = toks[i + 2].pos + len(toks[i + 2].value)
            tree = _sqlglot(text[: toks[i].pos] + text[end:])
            if isinstance(tree, exp.Create) and (tree.args.get("kind") or "").upper() == "INDEX":
                return CreateIndexStmt(tree, True)
            return None
    if len(toks) >= 3 and [t.upper for t in toks[-3:]] == ["NULLS", "NOT", "DISTINCT"]:
        tree = _sqlglot(text[: toks[-3].pos])
        if isinstance(tree, exp.Create) and (tree.args.get("kind") or "").upper() == "INDEX":
            return CreateIndexStmt(tree, True)
    return None


def _create_schema(p: _P) -> CreateSchemaStmt | None:
    ine = p.accept("IF", "NOT", "EXISTS")
    name = None
    role = None
    if p.up() != "AUTHORIZATION":
        name = p.name()
    if p.accept("AUTHORIZATION"):
        role = p.name()
    if p.at_end():
        return None if role is None else CreateSchemaStmt(name or role, role, ine, ())
    elements: list[str] = []
    while not p.at_end():
        if p.up() != "CREATE" and p.up() != "GRANT":
            raise p.error()
        start = p.i
        p.i += 1
        depth = 0
        while not p.at_end():
            t = p.toks[p.i]
            if t.kind == "op" and t.value in "([":
                depth += 1
            elif t.kind == "op" and t.value in ")]":
                depth -= 1
            elif depth == 0 and t.kind == "word" and t.upper in ("CREATE", "GRANT") and \
                    p.toks[p.i - 1].upper not in ("OR",):
                break
            p.i += 1
        end = p.toks[p.i].pos if not p.at_end() else len(p.text)
        elements.append(p.text[p.toks[start].pos:end].strip())
    return CreateSchemaStmt(name or role, role, ine, tuple(elements))


def parse_object_ddl(text: str, first: list[str]) -> DdlStmt | None:
    """Parse ``text`` if it is one of the statements handled here, else return None."""
    w0 = first[0] if first else ""
    w1 = first[1] if len(first) > 1 else ""
    if w0 == "CREATE" and w1 == "DOMAIN":
        p = _P(text, tokenize(text))
        p.i = 2
        return _create_domain(p)
    if w0 == "DROP" and w1 == "DOMAIN":
        p = _P(text, tokenize(text))
        p.i = 2
        return _drop_domain(p)
    if w0 == "ALTER" and w1 == "SCHEMA":
        from sql.executor.schema_alter import parse_alter_schema

        p = _P(text, tokenize(text))
        p.i = 2
        return parse_alter_schema(p)
    if w0 == "CREATE" and w1 == "SCHEMA":
        p = _P(text, tokenize(text))
        p.i = 2
        return _create_schema(p)
    if w0 == "CREATE" and "INDEX" in first[1:4] and "DISTINCT" in text.upper():
        return _create_index_nnd(text)
    if w0 == "CREATE" and w1 == "UNIQUE" and "DISTINCT" in text.upper():
        return _create_index_nnd(text)
    return None


__all__ = ["CreateDomainStmt", "CreateIndexStmt", "CreateSchemaStmt", "DropDomainStmt", "parse_object_ddl",
           "SqlError", "sqlstate"]
