"""Materialized views: CREATE MATERIALIZED VIEW ... AS query [WITH [NO] DATA] stores the query's
rows in a table (a snapshot, stale until refreshed); REFRESH MATERIALIZED VIEW recomputes them.
The defining query is kept in a catalog record of its own (``mvq:`` + oid)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from sql import sqlstate
from sql.catalog import Table
from sql.dialect import PgDialect
from sql.errors import SqlError
from sql.executor import ddl_util as U
from sql.executor.ddl_util import done
from sql.lexer import tokenize
from sql.result import Result

MVQ_PREFIX = b"mvq:"


def mvq_key(oid: int) -> bytes:
    return MVQ_PREFIX + oid.to_bytes(8, "big")


def is_matview(session: Any, rel: Any) -> bool:
    """Whether a table holds a materialized view's rows (its defining query is on record)."""
    return isinstance(rel, Table) and session.txn().get_catalog(mvq_key(rel.oid)) is not None


@dataclass(frozen=True)
class MatViewStmt:
    action: str  # create, refresh
    create: exp.Create | None = None  # CREATE TABLE ... AS query (the materialized view's table)
    query_text: str = ""
    with_data: bool = True
    target: exp.Table | None = None  # REFRESH
    drop: exp.Expression | None = None  # DROP MATERIALIZED VIEW, as DROP TABLE


_WITH_DATA = re.compile(r"\s+WITH\s+(NO\s+)?DATA\s*;?\s*$", re.IGNORECASE)


def parse_matview_statement(text: str, words: list[str]) -> MatViewStmt | None:
    if words[:3] == ["REFRESH", "MATERIALIZED", "VIEW"]:
        return _parse_refresh(text)
    if words[:3] == ["DROP", "MATERIALIZED", "VIEW"]:
        toks = tokenize(text)
        try:
            drop = sqlglot.parse_one("DROP TABLE " + text[toks[2].pos + len(toks[2].value):], read=PgDialect)
        except (ParseError, TokenError):
            raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error in DROP MATERIALIZED VIEW") from None
        return MatViewStmt("drop", drop=drop)
    if words[:3] != ["CREATE", "MATERIALIZED", "VIEW"]:
        return None
    toks = tokenize(text)
    body = text[toks[2].pos + len(toks[2].value):]
    with_data = True
    m = _WITH_DATA.search(body)
    if m:
        with_data = m.group(1) is None
        body = body[: m.start()]
    try:
        tree = sqlglot.parse_one("CREATE TABLE " + body, read=PgDialect)
    except (ParseError, TokenError):
        raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error in CREATE MATERIALIZED VIEW") from None
    if not isinstance(tree, exp.Create) or tree.args.get("expression") is None:
        raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error in CREATE MATERIALIZED VIEW")
    return MatViewStmt("create", tree, tree.expression.sql("postgres"), with_data)


def _parse_refresh(text: str) -> MatViewStmt:
    toks = tokenize(text)
    rest = text[toks[2].pos + len(toks[2].value):].strip().rstrip(";")
    with_data = True
    m = _WITH_DATA.search(" " + rest)
    if m:
        with_data = m.group(1) is None
        rest = (" " + rest)[: m.start()].strip()
    if rest.upper().startswith("CONCURRENTLY "):
        rest = rest[len("CONCURRENTLY "):]
    try:
        target = sqlglot.parse_one(rest, read=PgDialect, into=exp.Table)
    except (ParseError, TokenError):
        raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error in REFRESH MATERIALIZED VIEW") from None
    return MatViewStmt("refresh", with_data=with_data, target=target)


def run(session: Any, stmt: MatViewStmt) -> Result:
    session.check_writable("CREATE MATERIALIZED VIEW" if stmt.action == "create" else "REFRESH MATERIALIZED VIEW")
    if stmt.action == "create":
        return _create(session, stmt)
    if stmt.action == "drop":
        return _drop(session, stmt)
    return _refresh(session, stmt)


def _drop(session: Any, stmt: MatViewStmt) -> Result:
    from sql.executor import ddl

    assert stmt.drop is not None
    rels = [_lookup(session, t) for t in stmt.drop.find_all(exp.Table)]
    txn = session.txn()
    for rel in rels:
        if rel is not None and (not isinstance(rel, Table) or txn.get_catalog(mvq_key(rel.oid)) is None):
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{rel.name}" is not a materialized view',
                           hint="Use DROP TABLE to remove a table." if isinstance(rel, Table) else None)
    res = ddl.execute(session, stmt.drop)
    for rel in rels:
        if rel is not None:
            txn.put_catalog(mvq_key(rel.oid), None)
    return done("DROP MATERIALIZED VIEW", res.notices, res.wait)


def _create(session: Any, stmt: MatViewStmt) -> Result:
    from sql.executor.objects import create_table_as

    create = stmt.create
    assert create is not None
    if not stmt.with_data:
        create = create.copy()
        create.set("with_data", False)
    res = create_table_as(session, create)
    target = create.this.this if isinstance(create.this, exp.Schema) else create.this
    rel = _lookup(session, target)
    if isinstance(rel, Table):
        session.txn().put_catalog(mvq_key(rel.oid), stmt.query_text.encode())
    if not stmt.with_data or res.command == "CREATE TABLE AS":
        return done("CREATE MATERIALIZED VIEW")
    return res


def _lookup(session: Any, target: exp.Table) -> Any:
    from sql.expr import identifier_name

    schema = identifier_name(target.args["db"]) if target.args.get("db") else None
    return U.lookup(session, session.catalog(), schema, identifier_name(target.this))


def _refresh(session: Any, stmt: MatViewStmt) -> Result:
    from sql.expr import Ctx, identifier_name

    assert stmt.target is not None
    rel = _lookup(session, stmt.target)
    if rel is None:
        raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{identifier_name(stmt.target.this)}" does not exist')
    txn = session.txn()
    raw = txn.get_catalog(mvq_key(rel.oid)) if isinstance(rel, Table) else None
    if raw is None:
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{rel.name}" is not a materialized view')
    U.require_owner(session, rel)
    txn.truncate(rel.layout)
    if stmt.with_data:
        query = sqlglot.parse_one(raw.decode(), read=PgDialect)
        q = U.planner(session, session.catalog()).plan_query(query)
        ctx = Ctx([], txn, session, datetime.now(UTC))
        encode = rel.codec.encode
        for row in q.rows(ctx):
            txn.insert(rel.layout, encode(tuple(row)) if encode is not None else tuple(row))
    return done("REFRESH MATERIALIZED VIEW")
