"""Parsing of the privilege statements beyond GRANT / REVOKE: ALTER DEFAULT PRIVILEGES,
DROP OWNED BY, REASSIGN OWNED BY, CREATE / ALTER / DROP POLICY and
ALTER TABLE ... ENABLE / DISABLE / [NO] FORCE ROW LEVEL SECURITY."""

from __future__ import annotations

from dataclasses import dataclass

from sql.lexer import tokenize
from sql.utility_parser import GrantStmt, _Cursor, _grant


class PrivStmt:
    """Base of the statements parsed here (run by :mod:`sql.executor.owned` and :mod:`sql.executor.rls`)."""


@dataclass(frozen=True)
class DefaultPrivStmt(PrivStmt):
    roles: tuple[str, ...]  # FOR ROLE ...; empty: the current role
    schemas: tuple[str, ...]  # IN SCHEMA ...; empty: every schema
    grant: GrantStmt  # object_kind: tables, sequences, functions, types, schemas


@dataclass(frozen=True)
class OwnedStmt(PrivStmt):
    action: str  # drop, reassign
    roles: tuple[str, ...]
    new_owner: str | None = None
    cascade: bool = False


@dataclass(frozen=True)
class RowSecurityStmt(PrivStmt):
    schema: str | None
    table: str
    action: str  # enable, disable, force, no_force
    if_exists: bool = False


@dataclass(frozen=True)
class PolicyStmt(PrivStmt):
    action: str  # create, alter, drop
    name: str
    schema: str | None
    table: str
    permissive: bool = True
    command: str = "*"  # r a w d or * (ALL)
    roles: tuple[str, ...] = ()  # empty: PUBLIC
    using: str | None = None
    check: str | None = None
    new_name: str | None = None
    if_exists: bool = False


def parse_priv(text: str, first: list[str]) -> PrivStmt | None:
    """Parse ``text`` when it is one of the statements above, else None."""
    w0 = first[0] if first else ""
    w1 = first[1] if len(first) > 1 else ""
    if w0 == "ALTER" and w1 == "DEFAULT":
        return _default_privileges(_cursor(text))
    if (w0 == "DROP" and w1 == "OWNED") or w0 == "REASSIGN":
        return _owned(_cursor(text))
    if w1 == "POLICY" and w0 in ("CREATE", "ALTER", "DROP"):
        return _policy(_cursor(text))
    if w0 == "ALTER" and w1 == "TABLE" and "SECURITY" in text.upper():
        return _row_security(_cursor(text))
    return None


def _cursor(text: str) -> _Cursor:
    return _Cursor(text, tokenize(text))


def _names(cur: _Cursor) -> tuple[str, ...]:
    out = [_role_name(cur)]
    while cur.accept(","):
        out.append(_role_name(cur))
    return tuple(out)


def _role_name(cur: _Cursor) -> str:
    t = cur.peek()
    if t is not None and t.kind == "word" and t.upper in ("CURRENT_USER", "SESSION_USER", "CURRENT_ROLE", "PUBLIC"):
        cur.i += 1
        return "public" if t.upper == "PUBLIC" else "@" + t.upper.lower()
    return cur.name()


def _qualified(cur: _Cursor) -> tuple[str | None, str]:
    first = cur.name()
    if cur.accept("."):
        return first, cur.name()
    return None, first


_DEFAULT_KINDS = {"TABLES": "tables", "SEQUENCES": "sequences", "FUNCTIONS": "functions", "ROUTINES": "functions",
                  "TYPES": "types", "SCHEMAS": "schemas"}


def _default_privileges(cur: _Cursor) -> DefaultPrivStmt:
    cur.expect("ALTER", "DEFAULT", "PRIVILEGES")
    roles: tuple[str, ...] = ()
    schemas: tuple[str, ...] = ()
    while True:
        if cur.accept("FOR", "ROLE") or cur.accept("FOR", "USER"):
            roles = _names(cur)
        elif cur.accept("IN", "SCHEMA"):
            schemas = _names(cur)
        else:
            break
    # the rest is a GRANT / REVOKE whose object is a plural kind word: parse it with the object
    # list replaced by a placeholder name and put the kind back afterwards
    start = cur.peek()
    if start is None:
        raise cur.error()
    rest = cur.text[start.pos:]
    toks = tokenize(rest)
    kind = None
    for k, t in enumerate(toks):
        if t.upper == "ON" and k + 1 < len(toks) and toks[k + 1].upper in _DEFAULT_KINDS:
            kind = _DEFAULT_KINDS[toks[k + 1].upper]
            toks = toks[: k + 1] + toks[k + 2:]
            toks.insert(k + 1, type(t)("word", "TABLE", t.pos))
            toks.insert(k + 2, type(t)("ident", "?", t.pos))
            break
    if kind is None:
        raise cur.error()
    g = _grant(_Cursor(rest, toks))
    g = GrantStmt(g.is_grant, g.privileges, kind, (), g.grantees, g.grant_option, g.columns, g.priv_columns,
                  g.cascade)
    return DefaultPrivStmt(roles, schemas, g)


def _owned(cur: _Cursor) -> OwnedStmt:
    if cur.accept("DROP"):
        cur.expect("OWNED", "BY")
        roles = _names(cur)
        cascade = cur.accept("CASCADE")
        cascade or cur.accept("RESTRICT")
        cur.done()
        return OwnedStmt("drop", roles, cascade=cascade)
    cur.expect("REASSIGN", "OWNED", "BY")
    roles = _names(cur)
    cur.expect("TO")
    new_owner = _role_name(cur)
    cur.done()
    return OwnedStmt("reassign", roles, new_owner)


def _row_security(cur: _Cursor) -> RowSecurityStmt | None:
    cur.expect("ALTER", "TABLE")
    if_exists = cur.accept("IF", "EXISTS")
    cur.accept("ONLY")
    schema, name = _qualified(cur)
    for words, action in ((("ENABLE",), "enable"), (("DISABLE",), "disable"), (("FORCE",), "force"),
                          (("NO", "FORCE"), "no_force")):
        if cur.accept(*words, "ROW", "LEVEL", "SECURITY"):
            cur.done()
            return RowSecurityStmt(schema, name, action, if_exists)
    return None


_COMMANDS = {"ALL": "*", "SELECT": "r", "INSERT": "a", "UPDATE": "w", "DELETE": "d"}


def _paren_text(cur: _Cursor) -> str:
    open_tok = cur.next()
    if open_tok.value != "(":
        cur.i -= 1
        raise cur.error()
    depth = 1
    while True:
        t = cur.next()
        if t.kind == "op" and t.value == "(":
            depth += 1
        elif t.kind == "op" and t.value == ")":
            depth -= 1
            if depth == 0:
                return cur.text[open_tok.pos + 1:t.pos].strip()


def _policy(cur: _Cursor) -> PolicyStmt:
    action = cur.next().upper.lower()
    cur.expect("POLICY")
    if_exists = action == "drop" and cur.accept("IF", "EXISTS")
    name = cur.name()
    cur.expect("ON")
    schema, table = _qualified(cur)
    if action == "drop":
        cur.accept("CASCADE") or cur.accept("RESTRICT")
        cur.done()
        return PolicyStmt("drop", name, schema, table, if_exists=if_exists)
    if action == "alter" and cur.accept("RENAME", "TO"):
        new_name = cur.name()
        cur.done()
        return PolicyStmt("alter", name, schema, table, new_name=new_name)
    permissive, command, roles, using, check = True, "*", (), None, None
    if action == "create" and cur.accept("AS"):
        if cur.accept("RESTRICTIVE"):
            permissive = False
        else:
            cur.expect("PERMISSIVE")
    if action == "create" and cur.accept("FOR"):
        t = cur.next()
        if t.upper not in _COMMANDS:
            cur.i -= 1
            raise cur.error()
        command = _COMMANDS[t.upper]
    if cur.accept("TO"):
        roles = _names(cur)
    if cur.accept("USING"):
        using = _paren_text(cur)
    if cur.accept("WITH", "CHECK"):
        check = _paren_text(cur)
    cur.done()
    return PolicyStmt(action, name, schema, table, permissive, command, tuple(roles), using, check)
