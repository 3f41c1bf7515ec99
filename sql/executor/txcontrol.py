"""LOCK TABLE and SET CONSTRAINTS: parsing (from lexer tokens) and execution.

LOCK TABLE checks its tables and that it runs inside a transaction block (25P01 otherwise),
then takes the table locks until the transaction ends (NOWAIT: 55P03 instead of waiting). SET CONSTRAINTS changes
when deferrable constraints are checked (see :mod:`sql.executor.deferred`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql.ddl_parser import DdlStmt
from sql.errors import SqlError
from sql.lexer import TokenCursor, tokenize
from sql.result import Result

_LOCK_MODES = ("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE",
               "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE")


# privileges of which one is needed to take a lock (PostgreSQL's LockTableAclCheck); other modes: wdD
_LOCK_PRIVILEGES = {"ACCESS SHARE": "r", "ROW EXCLUSIVE": "awdD"}


@dataclass(frozen=True)
class LockStmt(DdlStmt):
    tables: tuple[tuple[str | None, str], ...]
    mode: str = "ACCESS EXCLUSIVE"
    nowait: bool = False


@dataclass(frozen=True)
class SetConstraintsStmt(DdlStmt):
    names: tuple[tuple[str | None, str], ...] | None  # None: ALL
    deferred: bool


class _Cursor(TokenCursor):
    def word(self) -> str:
        t = self.peek()
        return t.upper if t is not None and t.kind == "word" else ""

    def accept(self, *words: str) -> bool:
        for k, w in enumerate(words):
            t = self.peek(k)
            if t is None or t.kind != "word" or t.upper != w:
                return False
        self.i += len(words)
        return True

    def qualified(self) -> tuple[str | None, str]:
        first = self._name()
        t = self.peek()
        if t is not None and t.value == ".":
            self.i += 1
            return first, self._name()
        return None, first

    def _name(self) -> str:
        t = self.peek()
        if t is None or t.kind not in ("word", "ident"):
            raise self.error()
        self.i += 1
        return t.value if t.kind == "ident" else t.value.lower()

    def comma(self) -> bool:
        t = self.peek()
        if t is not None and t.value == ",":
            self.i += 1
            return True
        return False


def parse(text: str, first: list[str]) -> DdlStmt | None:
    """LOCK ... / SET CONSTRAINTS ...; None for other statements."""
    if first[:1] == ["LOCK"]:
        cur = _Cursor(text, tokenize(text))
        cur.i = 1
        cur.accept("TABLE")
        tables = []
        while True:
            cur.accept("ONLY")
            tables.append(cur.qualified())
            t = cur.peek()
            if t is not None and t.value == "*":
                cur.i += 1
            if not cur.comma():
                break
        mode = "ACCESS EXCLUSIVE"
        if cur.accept("IN"):
            words = []
            while cur.word() and cur.word() != "MODE":
                words.append(cur.word())
                cur.i += 1
            mode = " ".join(words)
            if mode not in _LOCK_MODES or not cur.accept("MODE"):
                raise cur.error()
        nowait = cur.accept("NOWAIT")
        if not cur.at_end():
            raise cur.error()
        return LockStmt(tuple(tables), mode, nowait)
    if first[:2] == ["SET", "CONSTRAINTS"]:
        cur = _Cursor(text, tokenize(text))
        cur.i = 2
        names: tuple[tuple[str | None, str], ...] | None = None
        if not cur.accept("ALL"):
            out = [cur.qualified()]
            while cur.comma():
                out.append(cur.qualified())
            names = tuple(out)
        if cur.accept("DEFERRED"):
            deferred = True
        elif cur.accept("IMMEDIATE"):
            deferred = False
        else:
            raise cur.error()
        if not cur.at_end():
            raise cur.error()
        return SetConstraintsStmt(names, deferred)
    return None


def execute(session: Any, u: DdlStmt) -> Result:
    from sql.executor import ddl_util as U

    if isinstance(u, LockStmt):
        if not session._in_block:
            raise SqlError(sqlstate.NO_ACTIVE_SQL_TRANSACTION, "LOCK TABLE can only be used in transaction blocks")
        from sql.lock_waits import lock_relation
        from storage.locks import table_mode

        catalog = session.catalog()
        rels = []
        for schema, name in u.tables:
            rel = U.lookup(session, catalog, schema, name)
            if rel is None:
                shown = f"{schema}.{name}" if schema else name
                raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{shown}" does not exist')
            if rel.kind not in ("r", "p", "v"):
                raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'cannot lock relation "{rel.name}"',
                               detail="This operation is not supported for sequences.")
            if not session.is_superuser:  # any one of the privileges the lock mode asks for
                from auth.privileges import check_either

                check_either(session.role_memberships(), False, rel.owner, rel.acl, _LOCK_PRIVILEGES.get(u.mode, "wdD"),
                             "view" if rel.kind == "v" else "table", rel.name)
            rels.append(rel)
        for rel in rels:
            lock_relation(session, rel, table_mode(u.mode), u.nowait)
        return Result("LOCK TABLE")
    assert isinstance(u, SetConstraintsStmt)
    notices = []
    if not session._in_block:
        notices.append(SqlError(sqlstate.NO_ACTIVE_SQL_TRANSACTION,
                                "SET CONSTRAINTS can only be used in transaction blocks", severity="WARNING"))
    from sql.executor.deferred import set_constraints

    session.txn()
    set_constraints(session, u.names, u.deferred)
    return Result("SET CONSTRAINTS", notices=notices)
