"""Parser for the utility statements we recognise ourselves, before sqlglot.

sqlglot mis-parses or does not parse several PostgreSQL utility statements (SAVEPOINT,
RELEASE, DISCARD, DEALLOCATE, SHOW, SET ... TO a, b, CREATE ROLE, ...). These are small
grammars, so they are parsed here from :mod:`sql.lexer` tokens into the frozen nodes below.
``parse_utility`` returns None for anything that is not one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sql import sqlstate
from sql.errors import SqlError
from sql.lexer import WordCursor, tokenize


@dataclass(frozen=True)
class TransactionStmt:
    action: str  # begin, commit, rollback, savepoint, release, rollback_to
    name: str | None = None
    modes: tuple[tuple[str, str], ...] = ()  # ('isolation', 'read committed'), ('read_only', 'on')
    chain: bool = False


@dataclass(frozen=True)
class SetStmt:
    name: str  # lower-case GUC name; 'transaction' / 'session characteristics' for modes
    values: tuple[str, ...] | None  # None: DEFAULT / RESET
    local: bool = False
    modes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ResetStmt:
    name: str  # 'all' for RESET ALL


@dataclass(frozen=True)
class ShowStmt:
    name: str  # lower-case; 'all'


@dataclass(frozen=True)
class DiscardStmt:
    what: str  # all, plans, sequences, temp


@dataclass(frozen=True)
class DeallocateStmt:
    name: str | None  # None: ALL


@dataclass(frozen=True)
class RoleStmt:
    action: str  # create, alter, drop, rename
    names: tuple[str, ...]
    options: dict[str, object] = field(default_factory=dict)
    if_exists: bool = False
    is_user: bool = False
    new_name: str | None = None


@dataclass(frozen=True)
class GrantStmt:
    is_grant: bool
    privileges: tuple[str, ...]  # upper-case privilege names, or role names for role grants
    object_kind: str  # table, database, schema, sequence, all_tables, role
    objects: tuple[tuple[str | None, str], ...]  # (schema, name)
    grantees: tuple[str, ...]  # role names, 'public' lower-case for PUBLIC
    grant_option: bool = False
    columns: tuple[str, ...] = ()
    priv_columns: tuple[tuple[str, ...], ...] = ()  # per privilege: its column list (empty: the whole object)
    cascade: bool = False


@dataclass(frozen=True)
class DatabaseStmt:
    action: str  # create, drop, alter_owner, rename
    name: str
    owner: str | None = None
    if_exists: bool = False
    new_name: str | None = None


@dataclass(frozen=True)
class NoOpStmt:
    tag: str


UtilityStmt = (TransactionStmt | SetStmt | ResetStmt | ShowStmt | DiscardStmt | DeallocateStmt | RoleStmt
               | GrantStmt | DatabaseStmt | NoOpStmt)


class _Cursor(WordCursor):
    def value(self) -> str:
        """A SET value: word, string, number (with sign)."""
        t = self.next()
        if t.kind == "op" and t.value in "+-":
            n = self.next()
            return t.value + n.value if t.value == "-" else n.value
        if t.kind == "word":
            return t.value.lower()
        return t.value

    def done(self) -> None:
        if not self.at_end():
            raise self.error()


def parse_utility(text: str, first: list[str]) -> UtilityStmt | None:
    """Parse `text` if its leading keywords (upper-cased, from lexer.first_words) name a utility statement."""
    if not first:
        return None
    w0 = first[0]
    w1 = first[1] if len(first) > 1 else ""
    handler = None
    if w0 in ("ALTER", "DROP", "REASSIGN", "CREATE"):
        from sql.priv_parser import parse_priv

        priv = parse_priv(text, first)
        if priv is not None:
            return priv  # type: ignore[return-value]
    if w0 in ("PREPARE", "EXECUTE") and w1 != "TRANSACTION":
        from sql.executor.sql_prepare import parse_execute, parse_prepare

        return (parse_prepare if w0 == "PREPARE" else parse_execute)(text)  # type: ignore[return-value]
    if w0 == "EXPLAIN":
        from sql.explain import parse_explain

        return parse_explain(text)  # type: ignore[return-value]
    if w0 == "LOCK" or (w0 == "SET" and w1 == "CONSTRAINTS"):
        from sql.executor.txcontrol import parse as parse_txcontrol

        return parse_txcontrol(text, first)  # type: ignore[return-value]
    if w0 in ("BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE"):
        handler = _transaction
    elif w0 in ("SET", "RESET", "SHOW"):
        handler = _set_show
    elif w0 in ("DISCARD", "DEALLOCATE"):
        handler = _discard
    elif w0 in ("CREATE", "ALTER", "DROP") and w1 in ("ROLE", "USER", "GROUP"):
        handler = _role
    elif w0 in ("GRANT", "REVOKE"):
        handler = _grant
    elif w0 in ("CREATE", "DROP", "ALTER") and w1 == "DATABASE":
        handler = _database
    elif w0 == "COPY":
        from sql.copy_parser import parse_copy

        return parse_copy(text)  # type: ignore[return-value]
    elif w0 in ("VACUUM", "ANALYZE", "ANALYSE", "CHECKPOINT"):
        return NoOpStmt({"ANALYSE": "ANALYZE"}.get(w0, w0))
    elif w0 in ("DECLARE", "FETCH", "MOVE", "CLOSE"):
        from sql.cursor_parser import parse_cursor_statement

        return parse_cursor_statement(text, first)  # type: ignore[return-value]
    elif w0 in ("LISTEN", "UNLISTEN", "NOTIFY"):
        from sql.executor.notify import parse as parse_notify

        return parse_notify(text, first)  # type: ignore[return-value]
    elif w0 in ("CREATE", "DROP") and w1 == "EXTENSION":
        from sql.executor.extensions import parse_extension_statement

        return parse_extension_statement(text)  # type: ignore[return-value]
    elif w0 in ("ALTER", "COMMENT", "CREATE") or (w0 == "DROP" and w1 == "DOMAIN"):  # sql.ddl_parser's (or None)
        from sql.ddl_parser import parse_ddl

        return parse_ddl(text, first)  # type: ignore[return-value]
    if handler is None:
        return None
    cur = _Cursor(text, tokenize(text))
    return handler(cur)


_ISOLATION = ("SERIALIZABLE", "REPEATABLE", "READ")


def _transaction_modes(cur: _Cursor) -> tuple[tuple[str, str], ...]:
    modes: list[tuple[str, str]] = []
    while not cur.at_end():
        if cur.accept("ISOLATION", "LEVEL"):
            if cur.accept("SERIALIZABLE"):
                modes.append(("isolation", "serializable"))
            elif cur.accept("REPEATABLE", "READ"):
                modes.append(("isolation", "repeatable read"))
            elif cur.accept("READ", "COMMITTED"):
                modes.append(("isolation", "read committed"))
            elif cur.accept("READ", "UNCOMMITTED"):
                modes.append(("isolation", "read uncommitted"))
            else:
                raise cur.error()
        elif cur.accept("READ", "ONLY"):
            modes.append(("read_only", "on"))
        elif cur.accept("READ", "WRITE"):
            modes.append(("read_only", "off"))
        elif cur.accept("NOT", "DEFERRABLE"):
            modes.append(("deferrable", "off"))
        elif cur.accept("DEFERRABLE"):
            modes.append(("deferrable", "on"))
        else:
            raise cur.error()
        cur.accept(",")
    return tuple(modes)


def _transaction(cur: _Cursor) -> TransactionStmt:
    w = cur.next().upper
    if w == "BEGIN" or w == "START":
        if w == "START":
            cur.expect("TRANSACTION")
        else:
            cur.accept("WORK") or cur.accept("TRANSACTION")
        return TransactionStmt("begin", name="start" if w == "START" else None, modes=_transaction_modes(cur))
    if w in ("COMMIT", "END"):
        cur.accept("WORK") or cur.accept("TRANSACTION")
        if cur.accept("PREPARED"):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "COMMIT PREPARED is not supported")
        chain = _chain(cur)
        cur.done()
        return TransactionStmt("commit", chain=chain)
    if w in ("ROLLBACK", "ABORT"):
        cur.accept("WORK") or cur.accept("TRANSACTION")
        if w == "ROLLBACK" and cur.accept("TO"):
            cur.accept("SAVEPOINT")
            name = cur.name()
            cur.done()
            return TransactionStmt("rollback_to", name=name)
        chain = _chain(cur)
        cur.done()
        return TransactionStmt("rollback", chain=chain)
    if w == "SAVEPOINT":
        name = cur.name()
        cur.done()
        return TransactionStmt("savepoint", name=name)
    # RELEASE [SAVEPOINT] name
    cur.accept("SAVEPOINT")
    name = cur.name()
    cur.done()
    return TransactionStmt("release", name=name)


def _chain(cur: _Cursor) -> bool:
    if cur.accept("AND", "NO", "CHAIN"):
        return False
    if cur.accept("AND", "CHAIN"):
        return True
    return False


def _guc_name(cur: _Cursor) -> str:
    parts = [cur.name()]
    while cur.accept("."):
        parts.append(cur.name())
    return ".".join(parts)


def _set_show(cur: _Cursor) -> SetStmt | ResetStmt | ShowStmt:
    w = cur.next().upper
    if w == "SHOW":
        if cur.accept("TRANSACTION", "ISOLATION", "LEVEL"):
            name = "transaction_isolation"
        elif cur.accept("TIME", "ZONE"):
            name = "timezone"
        elif cur.accept("SESSION", "AUTHORIZATION"):
            name = "session_authorization"
        else:
            name = _guc_name(cur).lower()
        cur.done()
        return ShowStmt(name)
    if w == "RESET":
        if cur.accept("ALL"):
            cur.done()
            return ResetStmt("all")
        if cur.accept("TIME", "ZONE"):
            cur.done()
            return ResetStmt("timezone")
        if cur.accept("SESSION", "AUTHORIZATION"):
            cur.done()
            return ResetStmt("session_authorization")
        name = _guc_name(cur).lower()
        cur.done()
        return ResetStmt(name)
    local = False
    if cur.accept("SESSION", "AUTHORIZATION"):
        if cur.accept("DEFAULT"):
            cur.done()
            return SetStmt("session_authorization", None)
        value = cur.value()
        cur.done()
        return SetStmt("session_authorization", (value,))
    if cur.accept("LOCAL"):
        local = True
    else:
        cur.accept("SESSION")
    if cur.accept("TRANSACTION"):
        if cur.accept("SNAPSHOT"):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "SET TRANSACTION SNAPSHOT is not supported")
        return SetStmt("transaction", None, local, _transaction_modes(cur))
    if cur.accept("CHARACTERISTICS", "AS", "TRANSACTION"):
        return SetStmt("session characteristics", None, local, _transaction_modes(cur))
    if cur.accept("TIME", "ZONE"):
        name = "timezone"
        if cur.accept("LOCAL") or cur.accept("DEFAULT"):
            cur.done()
            return SetStmt(name, None, local)
        if cur.accept("INTERVAL"):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "SET TIME ZONE INTERVAL is not supported")
        values = (cur.value(),)
        cur.done()
        return SetStmt(name, values, local)
    if cur.accept("NAMES"):
        name = "client_encoding"
    elif cur.accept("SESSION", "AUTHORIZATION"):
        name = "session_authorization"
    elif cur.accept("ROLE"):
        name = "role"
    elif cur.accept("SCHEMA"):
        name = "search_path"
    else:
        name = _guc_name(cur).lower()
        if not (cur.accept("TO") or cur.accept("=")):
            raise cur.error()
    if cur.accept("DEFAULT"):
        cur.done()
        return SetStmt(name, None, local)
    values = [cur.value()]
    while cur.accept(","):
        values.append(cur.value())
    cur.done()
    return SetStmt(name, tuple(values), local)


def _discard(cur: _Cursor) -> DiscardStmt | DeallocateStmt:
    w = cur.next().upper
    if w == "DISCARD":
        what = cur.next().upper
        if what not in ("ALL", "PLANS", "SEQUENCES", "TEMP", "TEMPORARY"):
            cur.i -= 1
            raise cur.error()
        cur.done()
        return DiscardStmt("temp" if what == "TEMPORARY" else what.lower())
    cur.accept("PREPARE")
    if cur.accept("ALL"):
        cur.done()
        return DeallocateStmt(None)
    name = cur.name()
    cur.done()
    return DeallocateStmt(name)


_ROLE_FLAGS = {
    "SUPERUSER": ("superuser", True), "NOSUPERUSER": ("superuser", False),
    "CREATEDB": ("createdb", True), "NOCREATEDB": ("createdb", False),
    "CREATEROLE": ("createrole", True), "NOCREATEROLE": ("createrole", False),
    "LOGIN": ("login", True), "NOLOGIN": ("login", False),
    "INHERIT": ("inherit", True), "NOINHERIT": ("inherit", False),
    "REPLICATION": ("replication", True), "NOREPLICATION": ("replication", False),
    "BYPASSRLS": ("bypassrls", True), "NOBYPASSRLS": ("bypassrls", False),
}


def _role_options(cur: _Cursor) -> dict[str, object]:
    opts: dict[str, object] = {}
    cur.accept("WITH")
    while not cur.at_end():
        t = cur.peek()
        assert t is not None
        up = t.upper
        if up in _ROLE_FLAGS:
            cur.next()
            key, val = _ROLE_FLAGS[up]
            opts[key] = val
        elif cur.accept("ENCRYPTED", "PASSWORD") or cur.accept("PASSWORD"):
            if cur.accept("NULL"):
                opts["password"] = None
            else:
                tok = cur.next()
                if tok.kind != "string":
                    cur.i -= 1
                    raise cur.error()
                opts["password"] = tok.value
        elif cur.accept("UNENCRYPTED", "PASSWORD"):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "UNENCRYPTED PASSWORD is no longer supported")
        elif cur.accept("CONNECTION", "LIMIT"):
            opts["connlimit"] = int(cur.value())
        elif cur.accept("VALID", "UNTIL"):
            opts["valid_until"] = cur.next().value
        elif cur.accept("IN", "ROLE") or cur.accept("IN", "GROUP"):
            opts["in_role"] = _name_list(cur)
        elif cur.accept("ROLE") or cur.accept("USER"):
            opts["role"] = _name_list(cur)
        elif cur.accept("ADMIN"):
            opts["admin"] = _name_list(cur)
        elif cur.accept("SYSID"):
            cur.next()
        else:
            raise cur.error()
    return opts


def _name_list(cur: _Cursor) -> tuple[str, ...]:
    names = [cur.name()]
    while cur.accept(","):
        names.append(cur.name())
    return tuple(names)


def _role(cur: _Cursor) -> RoleStmt:
    action = cur.next().upper.lower()
    kind = cur.next().upper
    is_user = kind == "USER"
    if action == "drop":
        if_exists = cur.accept("IF", "EXISTS")
        names = _name_list(cur)
        cur.done()
        return RoleStmt("drop", names, if_exists=if_exists)
    name = cur.name()
    if action == "alter":
        if cur.accept("RENAME", "TO"):
            new = cur.name()
            cur.done()
            return RoleStmt("rename", (name,), new_name=new)
        if cur.peek_upper() in ("SET", "RESET"):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "ALTER ROLE ... SET is not supported yet")
    opts = _role_options(cur)
    return RoleStmt(action, (name,), opts, is_user=is_user)


_TABLE_PRIVS = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")


def _grant(cur: _Cursor) -> GrantStmt:
    is_grant = cur.next().upper == "GRANT"
    grant_option = False
    if not is_grant and cur.accept("GRANT", "OPTION", "FOR"):
        grant_option = True
    privs: list[str] = []
    columns: list[str] = []
    priv_columns: list[tuple[str, ...]] = []
    if cur.accept("ALL"):
        cur.accept("PRIVILEGES")
        privs.append("ALL")
        if cur.accept("("):
            columns.extend(_name_list(cur))
            cur.expect(")")
        priv_columns.append(tuple(columns))
    else:
        while True:
            t = cur.next()
            if t.kind not in ("word", "ident"):
                cur.i -= 1
                raise cur.error()
            privs.append(t.upper if t.kind == "word" else t.value)
            mine: tuple[str, ...] = ()
            if cur.accept("("):
                mine = _name_list(cur)
                columns.extend(mine)
                cur.expect(")")
            priv_columns.append(tuple(mine))
            if not cur.accept(","):
                break
    if cur.accept("ON"):
        kind = "table"
        if cur.accept("TABLE"):
            kind = "table"
        elif cur.accept("ALL", "TABLES", "IN", "SCHEMA"):
            kind = "all_tables"
        elif cur.accept("ALL", "SEQUENCES", "IN", "SCHEMA"):
            kind = "all_sequences"
        elif cur.accept("DATABASE"):
            kind = "database"
        elif cur.accept("SCHEMA"):
            kind = "schema"
        elif cur.accept("SEQUENCE"):
            kind = "sequence"
        elif cur.accept("TYPE") or cur.accept("DOMAIN"):
            kind = "type"
        elif cur.peek_upper() in ("FUNCTION", "TYPE", "LANGUAGE", "DOMAIN", "TABLESPACE", "FOREIGN",
                                  "LARGE", "PROCEDURE", "ROUTINE"):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                           f"GRANT ON {cur.peek_upper()} is not supported yet")
        objects: list[tuple[str | None, str]] = []
        while True:
            first = cur.name()
            if cur.accept("."):
                objects.append((first, cur.name()))
            else:
                objects.append((None, first))
            if not cur.accept(","):
                break
    else:
        kind = "role"
        objects = []
    if not (cur.accept("TO") if is_grant else cur.accept("FROM")):
        raise cur.error()
    grantees: list[str] = []
    while True:
        if cur.accept("GROUP"):
            pass
        t = cur.next()
        if t.kind == "word" and t.upper == "PUBLIC":
            grantees.append("public")
        elif t.kind == "word" and t.upper in ("CURRENT_USER", "SESSION_USER", "CURRENT_ROLE"):
            grantees.append("@" + t.upper.lower())
        elif t.kind in ("word", "ident"):
            grantees.append(t.value.lower() if t.kind == "word" else t.value)
        else:
            cur.i -= 1
            raise cur.error()
        if not cur.accept(","):
            break
    if is_grant and (cur.accept("WITH", "GRANT", "OPTION") or cur.accept("WITH", "ADMIN", "OPTION")):
        grant_option = True
    if cur.accept("GRANTED", "BY"):
        cur.name()
    cascade = cur.accept("CASCADE")
    cascade or cur.accept("RESTRICT")
    cur.done()
    if kind == "role":
        privs = [p.lower() if p.isupper() else p for p in privs]
    return GrantStmt(is_grant, tuple(privs), kind, tuple(objects), tuple(grantees), grant_option,
                     tuple(columns), tuple(priv_columns), cascade)


def _database(cur: _Cursor) -> DatabaseStmt:
    action = cur.next().upper.lower()
    cur.expect("DATABASE")
    if action == "drop":
        if_exists = cur.accept("IF", "EXISTS")
        name = cur.name()
        if cur.accept("WITH") or cur.peek_upper() == "(":
            cur.expect("(")
            while not cur.accept(")"):
                cur.next()
        cur.done()
        return DatabaseStmt("drop", name, if_exists=if_exists)
    name = cur.name()
    if action == "alter":
        if cur.accept("OWNER", "TO"):
            owner = cur.name()
            cur.done()
            return DatabaseStmt("alter_owner", name, owner=owner)
        if cur.accept("RENAME", "TO"):
            new = cur.name()
            cur.done()
            return DatabaseStmt("rename", name, new_name=new)
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "this form of ALTER DATABASE is not supported yet")
    owner = None
    cur.accept("WITH")
    while not cur.at_end():
        opt = cur.next()
        word = opt.upper
        cur.accept("=")
        if word == "OWNER":
            owner = cur.name()
        elif word in ("TEMPLATE", "ENCODING", "LOCALE", "LC_COLLATE", "LC_CTYPE", "TABLESPACE", "STRATEGY",
                      "ICU_LOCALE", "LOCALE_PROVIDER", "COLLATION_VERSION", "OID", "ALLOW_CONNECTIONS",
                      "CONNECTION", "IS_TEMPLATE"):
            if word == "CONNECTION":
                cur.expect("LIMIT")
                cur.accept("=")
            cur.value()
        else:
            cur.i -= 1
            raise cur.error()
    return DatabaseStmt("create", name, owner=owner)
