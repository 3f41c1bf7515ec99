"""Parser for DDL statements that sqlglot does not parse (or parses unfaithfully).

ALTER TABLE / VIEW / INDEX / SEQUENCE / TYPE, CREATE SEQUENCE and COMMENT ON are parsed here
from :mod:`sql.lexer` tokens; embedded pieces (column definitions, table constraints,
expressions, type names) are cut out of the text by token position and handed to sqlglot, so
they come out as the same sqlglot nodes CREATE TABLE produces. :func:`parse_ddl` returns None
for statements it does not handle, which then go to sqlglot.

:func:`strip_overriding` removes ``OVERRIDING {SYSTEM|USER} VALUE`` from an INSERT (sqlglot
does not know the clause); the parser sets it on the Insert tree as ``overriding``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from sql import sqlstate
from sql.dialect import PgDialect
from sql.errors import SqlError
from sql.lexer import TokenCursor, tokenize


class DdlStmt:
    """Base class of the statements parsed here (dispatched to :mod:`sql.executor.alter`)."""


@dataclass(frozen=True)
class AddColumn:
    coldef: exp.ColumnDef
    if_not_exists: bool = False


@dataclass(frozen=True)
class DropColumn:
    name: str
    if_exists: bool = False
    cascade: bool = False


@dataclass(frozen=True)
class RenameColumn:
    old: str
    new: str


@dataclass(frozen=True)
class RenameRelation:
    new: str


@dataclass(frozen=True)
class RenameConstraint:
    old: str
    new: str


@dataclass(frozen=True)
class SetDefault:
    column: str
    expr: exp.Expression | None  # None: DROP DEFAULT


@dataclass(frozen=True)
class SetNotNull:
    column: str
    not_null: bool


@dataclass(frozen=True)
class AlterType:
    column: str
    dtype: exp.DataType
    using: exp.Expression | None = None


@dataclass(frozen=True)
class AddConstraint:
    node: exp.Expression  # a table-constraint node as CREATE TABLE (...) yields it
    not_valid: bool = False


@dataclass(frozen=True)
class DropConstraint:
    name: str
    if_exists: bool = False
    cascade: bool = False


@dataclass(frozen=True)
class ValidateConstraint:
    name: str


@dataclass(frozen=True)
class OwnerTo:
    role: str


@dataclass(frozen=True)
class SetSchema:
    schema: str


@dataclass(frozen=True)
class AddIdentity:
    column: str
    always: bool
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DropIdentity:
    column: str
    if_exists: bool = False


@dataclass(frozen=True)
class AlterIdentity:
    """ALTER COLUMN ... SET GENERATED {ALWAYS | BY DEFAULT} / RESTART [WITH n] / SET sequence option."""

    column: str
    generated: str = ""  # 'a', 'd' or '' (unchanged)
    options: dict[str, Any] = field(default_factory=dict)  # restart: n | True, increment, ...


@dataclass(frozen=True)
class NoOpAction:
    what: str


@dataclass(frozen=True)
class AlterTableStmt(DdlStmt):
    kind: str  # TABLE, VIEW, INDEX, SEQUENCE
    schema: str | None
    name: str
    if_exists: bool
    actions: tuple[Any, ...]


@dataclass(frozen=True)
class SequenceStmt(DdlStmt):
    action: str  # create, alter
    schema: str | None
    name: str
    options: dict[str, Any]
    if_exists: bool = False  # CREATE: IF NOT EXISTS; ALTER: IF EXISTS
    temporary: bool = False


@dataclass(frozen=True)
class AlterTypeStmt(DdlStmt):
    schema: str | None
    name: str
    action: str  # add_value, rename_value, rename, owner, set_schema, add/drop/alter_attribute
    value: str = ""  # enum label / attribute name
    other: str = ""  # new label / new name / role / schema / attribute type
    before: str | None = None
    after: str | None = None
    if_not_exists: bool = False


@dataclass(frozen=True)
class CommentStmt(DdlStmt):
    kind: str  # TABLE, COLUMN, VIEW, SEQUENCE, INDEX, TYPE, SCHEMA, CONSTRAINT
    names: tuple[str, ...]  # qualified name parts (COLUMN: [schema.]table.column)
    text: str | None
    on_table: tuple[str, ...] = ()  # CONSTRAINT name ON table


# -------------------------------------------------------------------------------------------------
class _P(TokenCursor):
    def up(self, k: int = 0) -> str:
        t = self.peek(k)
        if t is None:
            return ""
        return t.upper if t.kind == "word" else (t.value if t.kind == "op" else "")

    def accept(self, *words: str) -> bool:
        for k, w in enumerate(words):
            if self.up(k) != w:
                return False
        self.i += len(words)
        return True

    def name(self) -> str:
        t = self.peek()
        if t is None or t.kind not in ("ident", "word"):
            raise self.error()
        self.i += 1
        return t.value if t.kind == "ident" else t.value.lower()

    def qualified(self) -> tuple[str | None, str]:
        parts = [self.name()]
        while self.up() == ".":
            self.i += 1
            parts.append(self.name())
        if len(parts) > 2:
            parts = parts[-2:]
        return (parts[0], parts[1]) if len(parts) == 2 else (None, parts[0])

    def name_parts(self) -> tuple[str, ...]:
        parts = [self.name()]
        while self.up() == ".":
            self.i += 1
            parts.append(self.name())
        return tuple(parts)

    def string(self) -> str:
        t = self.peek()
        if t is None or t.kind != "string":
            raise self.error()
        self.i += 1
        return t.value

    def number(self) -> int:
        neg = False
        if self.up() in ("-", "+"):
            neg = self.up() == "-"
            self.i += 1
        t = self.peek()
        if t is None or t.kind != "number":
            raise self.error()
        self.i += 1
        try:
            v = int(t.value)
        except ValueError:
            raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{t.value}"', position=t.pos + 1) from None
        return -v if neg else v

    def rest_until(self, stops: tuple[str, ...] = ()) -> str:
        """Text from the current token to the next top-level ``,`` (or a stop word / the end)."""
        start = self.i
        depth = 0
        while not self.at_end():
            t = self.toks[self.i]
            if t.kind == "op" and t.value in "([":
                depth += 1
            elif t.kind == "op" and t.value in ")]":
                depth -= 1
            elif depth == 0 and ((t.kind == "op" and t.value == ",") or (t.kind == "word" and t.upper in stops)):
                break
            self.i += 1
        if start == self.i:
            raise self.error()
        begin = self.toks[start].pos
        end = self.toks[self.i].pos if not self.at_end() else len(self.text)
        return self.text[begin:end].strip()


def _sqlglot(text: str) -> exp.Expression:
    try:
        tree = sqlglot.parse_one(text, read=PgDialect)
    except (ParseError, TokenError) as e:
        errors = getattr(e, "errors", None)
        near = errors[0].get("highlight") if errors else None
        raise SqlError(sqlstate.SYNTAX_ERROR,
                       f'syntax error at or near "{near}"' if near else "syntax error at end of input") from None
    if tree is None or isinstance(tree, exp.Command):
        raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{text.split()[0] if text else ""}"')
    return tree


def parse_expression(text: str) -> exp.Expression:
    """An SQL expression (postgres dialect) as a sqlglot tree."""
    tree = _sqlglot(f"SELECT {text}")
    items = tree.expressions
    if len(items) != 1:
        raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{text}"')
    return items[0]


def parse_type(text: str) -> exp.DataType:
    tree = _sqlglot(f"SELECT CAST(NULL AS {text})")
    cast = tree.expressions[0]
    return cast.args["to"]


def _table_element(text: str) -> exp.Expression:
    tree = _sqlglot(f"CREATE TABLE _x ({text})")
    elems = tree.this.expressions if isinstance(tree.this, exp.Schema) else []
    if len(elems) != 1:
        raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{text.split()[0]}"')
    return elems[0]


_CONSTRAINT_START = ("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE")


def _alter_action(p: _P, kind: str) -> Any:
    if p.accept("ADD"):
        if p.up() in _CONSTRAINT_START:
            body = p.rest_until()
            not_valid = False
            if body.upper().endswith("NOT VALID"):
                body, not_valid = body[: -len("NOT VALID")].rstrip(), True
            return AddConstraint(_table_element(body), not_valid)
        p.accept("COLUMN")
        ine = p.accept("IF", "NOT", "EXISTS")
        node = _table_element(p.rest_until())
        if not isinstance(node, exp.ColumnDef):
            raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error in ADD COLUMN")
        return AddColumn(node, ine)
    if p.accept("DROP"):
        if p.accept("CONSTRAINT"):
            ie = p.accept("IF", "EXISTS")
            name = p.name()
            cascade = p.accept("CASCADE")
            p.accept("RESTRICT")
            return DropConstraint(name, ie, cascade)
        p.accept("COLUMN")
        ie = p.accept("IF", "EXISTS")
        name = p.name()
        cascade = p.accept("CASCADE")
        p.accept("RESTRICT")
        return DropColumn(name, ie, cascade)
    if p.accept("RENAME"):
        if p.accept("TO"):
            return RenameRelation(p.name())
        if p.accept("CONSTRAINT"):
            old = p.name()
            p.expect("TO")
            return RenameConstraint(old, p.name())
        p.accept("COLUMN")
        old = p.name()
        p.expect("TO")
        return RenameColumn(old, p.name())
    if p.accept("VALIDATE", "CONSTRAINT"):
        return ValidateConstraint(p.name())
    if p.accept("OWNER", "TO"):
        return OwnerTo(p.name())
    if p.accept("SET", "SCHEMA"):
        return SetSchema(p.name())
    if p.accept("ALTER"):
        p.accept("COLUMN")
        col = p.name()
        if p.accept("SET", "DEFAULT"):
            return SetDefault(col, parse_expression(p.rest_until()))
        if p.accept("DROP", "DEFAULT"):
            return SetDefault(col, None)
        if p.accept("SET", "NOT", "NULL"):
            return SetNotNull(col, True)
        if p.accept("DROP", "NOT", "NULL"):
            return SetNotNull(col, False)
        if p.accept("SET", "DATA", "TYPE") or p.accept("TYPE"):
            tname = p.rest_until(("USING", "COLLATE"))
            if p.accept("COLLATE"):
                p.name()
            using = parse_expression(p.rest_until()) if p.accept("USING") else None
            return AlterType(col, parse_type(tname), using)
        if p.accept("ADD", "GENERATED"):
            always = p.accept("ALWAYS")
            if not always:
                p.expect("BY", "DEFAULT")
            p.expect("AS", "IDENTITY")
            opts: dict[str, Any] = {}
            if p.accept("("):
                opts = _sequence_options(p, until=")")
                p.expect(")")
            return AddIdentity(col, always, opts)
        if p.accept("DROP", "IDENTITY"):
            return DropIdentity(col, p.accept("IF", "EXISTS"))
        if p.up() == "RESTART" or (p.up() == "SET" and p.up(1) in ("GENERATED", "INCREMENT", "START", "MINVALUE",
                                                                   "MAXVALUE", "NO", "CYCLE", "CACHE")):
            generated = ""
            opts = {}
            while p.up() in ("RESTART", "SET"):
                if p.accept("SET", "GENERATED"):
                    generated = "a" if p.accept("ALWAYS") else ""
                    if not generated:
                        p.expect("BY", "DEFAULT")
                        generated = "d"
                    continue
                if p.accept("SET"):
                    pass
                start = p.i
                p.i += 1
                while not p.at_end() and p.up() not in ("RESTART", "SET", ","):
                    p.i += 1
                sub = _P(p.text, p.toks[start:p.i])
                opts.update(_sequence_options(sub))
            return AlterIdentity(col, generated, opts)
        if p.accept("SET", "STATISTICS") or p.accept("SET", "STORAGE") or p.accept("SET", "COMPRESSION"):
            p.rest_until()
            return NoOpAction("column option")
        raise p.error()
    if kind == "SEQUENCE":
        return ("sequence_options", _sequence_options(p))
    raise p.error()


def _alter_relation(p: _P, kind: str) -> DdlStmt:
    ie = p.accept("IF", "EXISTS")
    p.accept("ONLY")
    schema, name = p.qualified()
    p.accept("*")
    if kind == "SEQUENCE" and p.up() not in ("RENAME", "OWNER", "SET") or (
            kind == "SEQUENCE" and p.up() == "SET" and p.up(1) != "SCHEMA"):
        opts = _sequence_options(p)
        p_done(p)
        return SequenceStmt("alter", schema, name, opts, ie)
    actions = [_alter_action(p, kind)]
    while p.accept(","):
        actions.append(_alter_action(p, kind))
    p_done(p)
    return AlterTableStmt(kind, schema, name, ie, tuple(actions))


def p_done(p: _P) -> None:
    if not p.at_end():
        raise p.error()


def _sequence_options(p: _P, until: str = "") -> dict[str, Any]:
    opts: dict[str, Any] = {}

    def put(key: str, value: Any) -> None:
        if key in opts:
            raise SqlError(sqlstate.SYNTAX_ERROR, "conflicting or redundant options")
        opts[key] = value

    while not p.at_end() and p.up() != until:
        if p.accept("AS"):
            put("as", parse_type(p.rest_until(("INCREMENT", "MINVALUE", "MAXVALUE", "NO", "START", "RESTART",
                                                  "CACHE", "CYCLE", "OWNED"))))
        elif p.accept("INCREMENT"):
            p.accept("BY")
            put("increment", p.number())
        elif p.accept("MINVALUE"):
            put("minvalue", p.number())
        elif p.accept("NO", "MINVALUE"):
            put("minvalue", None)
        elif p.accept("MAXVALUE"):
            put("maxvalue", p.number())
        elif p.accept("NO", "MAXVALUE"):
            put("maxvalue", None)
        elif p.accept("START"):
            p.accept("WITH")
            put("start", p.number())
        elif p.accept("RESTART"):
            p.accept("WITH")
            put("restart", p.number() if p.peek() is not None and (p.peek().kind == "number" or  # type: ignore
                                                                    p.up() in ("-", "+")) else True)
        elif p.accept("CACHE"):
            put("cache", p.number())
        elif p.accept("NO", "CYCLE"):
            put("cycle", False)
        elif p.accept("CYCLE"):
            put("cycle", True)
        elif p.accept("OWNED", "BY"):
            if p.accept("NONE"):
                put("owned_by", None)
            else:
                put("owned_by", p.name_parts())
        elif p.accept("SEQUENCE", "NAME"):
            put("sequence_name", p.qualified())
        else:
            raise p.error()
    return opts


def _create_sequence(p: _P) -> SequenceStmt:
    temp = p.accept("TEMPORARY") or p.accept("TEMP")
    p.expect("SEQUENCE")
    ine = p.accept("IF", "NOT", "EXISTS")
    schema, name = p.qualified()
    opts = _sequence_options(p)
    if "restart" in opts:
        raise SqlError(sqlstate.SYNTAX_ERROR, 'syntax error at or near "RESTART"')
    return SequenceStmt("create", schema, name, opts, ine, temp)


def _alter_type(p: _P) -> AlterTypeStmt:
    schema, name = p.qualified()
    if p.accept("ADD", "VALUE"):
        ine = p.accept("IF", "NOT", "EXISTS")
        value = p.string()
        before = after = None
        if p.accept("BEFORE"):
            before = p.string()
        elif p.accept("AFTER"):
            after = p.string()
        p_done(p)
        return AlterTypeStmt(schema, name, "add_value", value, before=before, after=after, if_not_exists=ine)
    if p.up() in ("ADD", "DROP", "ALTER") and p.up(1) == "ATTRIBUTE":
        return _alter_type_attribute(p, schema, name)
    if p.accept("RENAME", "VALUE"):
        old = p.string()
        p.expect("TO")
        new = p.string()
        p_done(p)
        return AlterTypeStmt(schema, name, "rename_value", old, new)
    if p.accept("RENAME", "TO"):
        new = p.name()
        p_done(p)
        return AlterTypeStmt(schema, name, "rename", other=new)
    if p.accept("OWNER", "TO"):
        role = p.name()
        p_done(p)
        return AlterTypeStmt(schema, name, "owner", other=role)
    if p.accept("SET", "SCHEMA"):
        s = p.name()
        p_done(p)
        return AlterTypeStmt(schema, name, "set_schema", other=s)
    raise p.error()


def _alter_type_attribute(p: _P, schema: str | None, name: str) -> AlterTypeStmt:
    """ADD ATTRIBUTE name type / DROP ATTRIBUTE [IF EXISTS] name / ALTER ATTRIBUTE name [SET DATA] TYPE type,
    each with an optional CASCADE | RESTRICT."""
    verb = p.up()
    p.i += 2
    if verb == "DROP":
        if_exists = p.accept("IF", "EXISTS")
        attr = p.name()
        type_text = ""
    else:
        if_exists = False
        attr = p.name()
        if verb == "ALTER" and not p.accept("SET", "DATA", "TYPE"):
            p.expect("TYPE")
        type_text = p.rest_until(("CASCADE", "RESTRICT", "COLLATE"))
        if p.accept("COLLATE"):
            p.name()
    p.accept("CASCADE") or p.accept("RESTRICT")
    p_done(p)
    return AlterTypeStmt(schema, name, f"{verb.lower()}_attribute", attr, type_text, if_not_exists=if_exists)


_COMMENT_KINDS = ("TABLE", "COLUMN", "VIEW", "SEQUENCE", "INDEX", "TYPE", "SCHEMA", "CONSTRAINT")


def _comment(p: _P) -> CommentStmt:
    p.expect("ON")
    kind = p.up()
    if kind not in _COMMENT_KINDS:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"COMMENT ON {kind} is not supported yet")
    p.i += 1
    names = p.name_parts()
    on_table: tuple[str, ...] = ()
    if kind == "CONSTRAINT":
        p.expect("ON")
        on_table = p.name_parts()
    p.expect("IS")
    if p.accept("NULL"):
        text = None
    else:
        text = p.string()
    p_done(p)
    return CommentStmt(kind, names, text, on_table)


def parse_ddl(text: str, first: list[str]) -> DdlStmt | None:
    """Parse ``text`` if it is one of the statements handled here, else return None."""
    w0 = first[0] if first else ""
    w1 = first[1] if len(first) > 1 else ""
    w2 = first[2] if len(first) > 2 else ""
    if w0 == "ALTER" and w1 in ("TABLE", "VIEW", "INDEX", "SEQUENCE", "TYPE"):
        p = _P(text, tokenize(text))
        p.i = 2
        if w1 == "TYPE":
            return _alter_type(p)
        return _alter_relation(p, w1)
    if w0 == "CREATE" and (w1 == "SEQUENCE" or (w1 in ("TEMP", "TEMPORARY") and w2 == "SEQUENCE")):
        p = _P(text, tokenize(text))
        p.i = 1
        stmt = _create_sequence(p)
        p_done(p)
        return stmt
    if w0 == "COMMENT":
        p = _P(text, tokenize(text))
        p.i = 1
        return _comment(p)
    from sql.ddl_parser_objects import parse_object_ddl

    return parse_object_ddl(text, first)


def strip_overriding(text: str) -> tuple[str, str | None]:
    """Remove ``OVERRIDING SYSTEM VALUE`` / ``OVERRIDING USER VALUE`` from an INSERT statement."""
    if "overriding" not in text.lower():
        return text, None
    try:
        toks = tokenize(text)
    except SqlError:
        return text, None
    for i, t in enumerate(toks[:-2]):
        if t.kind == "word" and t.upper == "OVERRIDING" and toks[i + 2].upper == "VALUE" and \
                toks[i + 1].upper in ("SYSTEM", "USER"):
            end = toks[i + 2].pos + len(toks[i + 2].value)
            return text[: t.pos] + text[end:], toks[i + 1].upper.lower()
    return text, None
