"""Transaction modes: when a transaction's isolation level, read-only mode or deferrable flag may
still change, and which statements a READ ONLY transaction refuses (25006).

What lives here: :func:`check_mode_change` (SET TRANSACTION and SET transaction_* after the first
query or inside a savepoint: 25001, as PostgreSQL), :func:`refuse_in_read_only` (utility
statements that write) and :func:`refuse_row_locks` (SELECT ... FOR UPDATE / SHARE), with the
command tags PostgreSQL names in the message. What does not live here: applying the modes (the
session), the snapshot a level keeps (:mod:`storage.txn`).
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql.errors import SqlError

__all__ = ["GUC_MODES", "check_mode_change", "is_read_only", "refuse_in_read_only", "refuse_row_locks",
           "read_only_error"]

GUC_MODES = {"transaction_isolation": "isolation", "transaction_read_only": "read_only",
             "transaction_deferrable": "deferrable"}
_OFF = ("off", "false", "no", "0", "of", "f", "n")


def _truthy(value: str) -> str:
    return "off" if value.strip().lower() in _OFF else "on"


def check_mode_change(session: Any, modes: tuple[tuple[str, str], ...]) -> None:
    """25001 for a mode that can no longer change in the current transaction block."""
    values = session.settings.values
    ran_query = getattr(session, "_tx_ran_query", False)
    in_savepoint = bool(session.savepoints)
    for key, value in modes:
        if key == "isolation":
            if value.strip().lower() == values["transaction_isolation"]:
                continue
            if ran_query:
                raise _active("SET TRANSACTION ISOLATION LEVEL must be called before any query")
            if in_savepoint:
                raise _active("SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction")
        elif key == "read_only":
            if _truthy(value) == "off" and values["transaction_read_only"] == "on":
                if in_savepoint:
                    raise _active("cannot set transaction read-write mode inside a read-only transaction")
                if ran_query:
                    raise _active("transaction read-write mode must be set before any query")
        elif key == "deferrable":
            if in_savepoint:
                raise _active("SET TRANSACTION [NOT] DEFERRABLE cannot be called within a subtransaction")
            if ran_query:
                raise _active("SET TRANSACTION [NOT] DEFERRABLE must be called before any query")


def _active(message: str) -> SqlError:
    return SqlError(sqlstate.ACTIVE_SQL_TRANSACTION, message)


def is_read_only(session: Any) -> bool:
    """Whether the current transaction (or, between transactions, the next one) is READ ONLY."""
    values = session.settings.values
    if session._txn is None and not session._in_block:
        return values["default_transaction_read_only"] == "on"
    return values["transaction_read_only"] == "on"


def read_only_error(tag: str) -> SqlError:
    return SqlError(sqlstate.READ_ONLY_SQL_TRANSACTION, f"cannot execute {tag} in a read-only transaction")


def refuse_row_locks(ast: exp.Expression | None) -> None:
    """25006 for SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE anywhere in a query."""
    if ast is None:
        return
    lock = ast.find(exp.Lock)
    if lock is not None:
        from sql.plan_locking import lock_strength

        raise read_only_error(f"SELECT {lock_strength(lock)}")


_SKIP_AFTER_CREATE = {"OR", "REPLACE", "UNIQUE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "TRUSTED",
                      "PROCEDURAL", "RECURSIVE", "CONSTRAINT"}
_TWO_WORD_OBJECTS = {"DEFAULT", "FOREIGN", "MATERIALIZED", "EVENT", "TEXT", "USER", "OPERATOR", "ACCESS", "LARGE"}


def command_tag(text: str) -> str:
    """PostgreSQL's command tag for a utility statement's text, e.g. ALTER SEQUENCE, COMMENT."""
    words = [w.strip("();,").upper() for w in text.split()[:8]]
    words = [w for w in words if w]
    if not words:
        return ""
    first = words[0]
    if first in ("CREATE", "ALTER", "DROP"):
        rest = [w for w in words[1:] if w not in _SKIP_AFTER_CREATE] if first == "CREATE" else words[1:]
        if not rest:
            return first
        if rest[0] in _TWO_WORD_OBJECTS and len(rest) > 1:
            return f"{first} {rest[0]} {rest[1]}"
        return f"{first} {rest[0]}"
    if first in ("SECURITY", "REASSIGN") and len(words) > 1:
        return f"{first} {words[1]}"
    return first


def refuse_in_read_only(session: Any, stmt: Any) -> None:
    """25006 for a utility statement that writes, in a READ ONLY transaction."""
    if not is_read_only(session):
        return
    from sql.ddl_parser import DdlStmt
    from sql.executor.txcontrol import LockStmt, SetConstraintsStmt
    from sql.priv_parser import PrivStmt
    from sql.utility_parser import GrantStmt, RoleStmt

    u = stmt.utility
    if isinstance(u, LockStmt | SetConstraintsStmt):
        return
    if isinstance(u, DdlStmt | RoleStmt | GrantStmt | PrivStmt):
        raise read_only_error(command_tag(stmt.text))
