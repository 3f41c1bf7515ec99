"""What a statement or a login contributes to the audit log.

What lives here: the hooks the protocol layer calls -- :func:`statement_done` (a statement
completed or failed), :func:`commit_failed`, :func:`login_succeeded`, :func:`login_failed` --
and how an entry's fields are derived: time (UTC, ISO 8601), authenticated user and current role,
client address and port, database, backend pid, statement tag (for a failure, the tag of the
statement attempted), the objects touched (schema-qualified names of the relations the planner
resolved and the privilege check saw), outcome (``ok``, ``error``, or ``denied`` for 42501; with the
SQLSTATE and message) and
the statement text (cut to :data:`MAX_STATEMENT_CHARS`, password literals masked; bound parameter
values are never logged).

The session tells which statement is running with :func:`note_statement` (and sets
``session.audit_plan`` to the statement's plan when it runs one); this module reads both. What does
not live here: where entries are stored (:mod:`sql.audit_trail`), the chain (:mod:`storage.audit_log`).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from sql.lexer import first_words, split_statements

__all__ = ["MAX_STATEMENT_CHARS", "commit_failed", "login_failed", "login_succeeded", "note_plan", "note_statement",
           "statement_done"]

#: Statement text longer than this is cut (and marked with "...").
MAX_STATEMENT_CHARS = 2000

_KIND_TAGS = {"query": "SELECT", "insert": "INSERT", "update": "UPDATE", "delete": "DELETE", "merge": "MERGE",
              "declare": "DECLARE CURSOR"}
_TWO_WORD = {"CREATE", "DROP", "ALTER"}
_SKIP = {"OR", "REPLACE", "UNIQUE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "RECURSIVE", "TRUSTED",
         "PROCEDURAL", "MATERIALIZED"}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _trail(instance: Any) -> Any:
    trail = getattr(instance, "audit", None)
    return trail if trail is not None and trail.enabled else None


def _text_tag(text: str) -> str:
    """The command tag a statement text would get, from its first words (for failed statements)."""
    try:
        words = [w for w in first_words(text, 6) if isinstance(w, str) and w.isalpha()]
    except SqlError:
        words = text.split()[:1]
    if not words:
        return ""
    head = words[0].upper()
    if head in _TWO_WORD:
        rest = [w for w in words[1:] if w.upper() not in _SKIP]
        if "MATERIALIZED" in words and rest and rest[0] == "VIEW":
            return f"{head} MATERIALIZED VIEW"
        return f"{head} {rest[0]}" if rest else head
    return {"END": "COMMIT", "ABORT": "ROLLBACK", "TABLE": "SELECT", "VALUES": "SELECT", "WITH": "SELECT"}.get(
        head, head)


def note_statement(session: Any, stmt: Any, query: str, index: int = 0, count: int = 1) -> None:
    """The session starts statement ``index`` of ``count`` in ``query`` (``stmt``: parsed, or None)."""
    session.audit_stmt = (stmt, query, index, count)
    session.audit_plan = None


def note_plan(session: Any, prepared: Any) -> None:
    """The session runs a planned statement: the first one after :func:`note_statement` is the statement's
    own (statements run inside it, e.g. by functions, come later)."""
    if getattr(session, "audit_plan", 0) is None:
        session.audit_plan = prepared


def _statement_parts(session: Any) -> tuple[str, str, list[str]]:
    """(text, tag attempted, objects touched) of the statement the session last started."""
    current = getattr(session, "audit_stmt", None)
    if current is None:
        return "", "", []
    stmt, query, index, count = current
    if count == 1:
        text = query.strip()
    else:
        pieces = split_statements(query)
        text = pieces[index][0].strip() if index < len(pieces) else query
    plan = getattr(session, "audit_plan", None)
    if plan is not None and stmt is not None and plan.stmt.text == stmt.text:
        tag = _KIND_TAGS.get(plan.kind) or _text_tag(text)
        return text, tag, _resolved_objects(session, plan) or _written_tables(stmt)
    return text, _text_tag(text), _written_tables(stmt)


def _resolved_objects(session: Any, prepared: Any) -> list[str]:
    """Schema-qualified names of the relations a planned statement reads or writes."""
    catalog = getattr(prepared, "catalog", None)
    out: list[str] = []
    for entry in getattr(prepared, "privileges", None) or ():
        rel = entry[0]
        name = getattr(rel, "name", None)
        if name is None:
            continue
        schema = session.schema_name(rel, catalog) if catalog is not None else None
        qualified = f"{schema}.{name}" if schema else name
        if qualified not in out:
            out.append(qualified)
    return out


def _written_tables(stmt: Any) -> list[str]:
    """Table names as the statement wrote them (utility statements, statements that failed planning)."""
    ast = getattr(stmt, "ast", None)
    if ast is None:
        return []
    from sqlglot import exp

    out: list[str] = []
    for table in ast.find_all(exp.Table):
        name = table.name
        if not name:
            continue
        qualified = f"{table.db}.{name}" if table.db else name
        if qualified not in out:
            out.append(qualified)
    return out


_PASSWORD_LITERAL = re.compile(r"(\bPASSWORD\s+)(E?'(?:[^']|'')*')", re.IGNORECASE)


def _cut(text: str) -> str:
    """The statement text as logged: passwords in role statements masked, cut to MAX_STATEMENT_CHARS."""
    if "assword" in text or "ASSWORD" in text:
        text = _PASSWORD_LITERAL.sub(r"\1'********'", text)
    return text if len(text) <= MAX_STATEMENT_CHARS else text[:MAX_STATEMENT_CHARS] + "..."


def _outcome(fields: dict[str, Any], err: SqlError | None) -> dict[str, Any]:
    if err is None:
        fields.update(outcome="ok", sqlstate="00000", message="")
    else:
        fields.update(outcome="denied" if err.code == sqlstate.INSUFFICIENT_PRIVILEGE else "error", sqlstate=err.code,
                      message=err.message)
    return fields


def _session_fields(session: Any) -> dict[str, Any]:
    fixed = session.__dict__.get("audit_fixed")
    if fixed is None:  # what does not change during a session, computed once
        fixed = session.audit_fixed = {
            "user": session.authenticated_role.name,
            "client_addr": session.client_addr or "local",
            "client_port": getattr(session, "audit_client_port", None),
            "database": session.database_name,
            "pid": session.backend_pid,
        }
    fields = dict(fixed)
    fields["time"] = _now()
    fields["role"] = session.current_role.name
    return fields


def _session_log(session: Any) -> Any:
    """The log of the session's database, or None (auditing off, or not a real session)."""
    trail = _trail(getattr(session, "instance", None))
    if trail is None or not hasattr(session, "database_oid"):
        return None
    return trail.database_log(session.database_oid)


def statement_done(session: Any, tag: str | None, err: SqlError | None) -> None:
    """A statement finished: ``tag`` is its command tag when it succeeded, ``err`` its error if not."""
    log = _session_log(session)
    if log is None:
        return
    text, attempted, objects = _statement_parts(session)
    fields = _session_fields(session)
    fields.update(kind="statement", tag=tag or attempted, objects=objects, statement=_cut(text))
    log.append(_outcome(fields, err))


def commit_failed(session: Any, err: SqlError) -> None:
    """The implicit COMMIT that ends a statement outside a transaction block failed."""
    log = _session_log(session)
    if log is None:
        return
    fields = _session_fields(session)
    fields.update(kind="statement", tag="COMMIT", objects=[], statement="")
    log.append(_outcome(fields, err))


def login_succeeded(session: Any, client_port: int | None) -> None:
    """A client authenticated and was connected to its database."""
    log = _session_log(session)
    if log is None:
        return
    session.audit_client_port = client_port
    session.__dict__.pop("audit_fixed", None)
    fields = _session_fields(session)
    fields.update(kind="login", tag="LOGIN", objects=[], statement="")
    log.append(_outcome(fields, None))


def login_failed(instance: Any, user: str, database: str, client_addr: str, client_port: int | None,
                 err: SqlError) -> None:
    """A login was refused: logged in the target database's log if it exists, else the cluster log."""
    trail = _trail(instance)
    if trail is None or not user:
        return
    fields: dict[str, Any] = {
        "time": _now(),
        "user": user,
        "role": user,
        "client_addr": client_addr or "local",
        "client_port": client_port,
        "database": database,
        "pid": None,
        "kind": "login",
        "tag": "LOGIN",
        "objects": [],
        "statement": "",
    }
    _outcome(fields, err)
    rec = instance.cluster().databases.get(database) if hasattr(instance, "cluster") else None
    try:
        target = trail.database_log(rec.oid) if rec is not None else trail.cluster_log()
    except SqlError:  # the database's directory cannot be opened (the failure being logged, perhaps)
        target = trail.cluster_log()
    target.append(fields)
