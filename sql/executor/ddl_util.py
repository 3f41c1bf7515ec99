"""Helpers shared by the DDL executors: results and notices, identifier truncation, schema
choice, catalog record writes, relation lookup for DDL, and table rewrites."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlglot import exp

from auth.privileges import check_owner, has_privilege
from sql import sqlstate
from sql.catalog import Catalog, Index, Schema, Table, encode_relation, rel_key, replace_table
from sql.errors import SqlError
from sql.expr import identifier_name
from sql.result import Result

NAMEDATALEN = 63
KIND_WORDS = {"r": "table", "v": "view", "S": "sequence", "i": "index"}


def done(tag: str, notices: list[SqlError] | None = None, wait: Any = None) -> Result:
    return Result(tag, notices=notices or [], wait=wait)


def notice(msg: str, code: str = sqlstate.SUCCESSFUL_COMPLETION, detail: str | None = None) -> SqlError:
    return SqlError(code, msg, severity="NOTICE", detail=detail)


def truncate_name(name: str, notices: list[SqlError]) -> str:
    raw = name.encode()
    if len(raw) <= NAMEDATALEN:
        return name
    cut = raw[:NAMEDATALEN].decode("utf-8", "ignore")
    notices.append(notice(f'identifier "{name}" will be truncated to "{cut}"', sqlstate.NAME_TOO_LONG))
    return cut


def target_schema(session: Any, catalog: Catalog, table: exp.Table, temporary: bool = False) -> Schema:
    """The schema a CREATE puts a new object in (checks CREATE privilege on it)."""
    if table.args.get("db") is not None:
        name = identifier_name(table.args["db"])
        if name == "pg_temp":
            return temp_schema(session)
        s = catalog.schema(name)
        if s is None:
            raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{name}" does not exist')
        if temporary and not name.startswith("pg_temp"):
            raise SqlError(sqlstate.INVALID_TABLE_DEFINITION, "cannot create temporary relation in non-temporary "
                           "schema")
    elif temporary:
        return temp_schema(session)
    else:
        s = session.creation_schema(catalog)
    if not session.is_superuser and not has_privilege(session.role_memberships(), False, s.owner, s.acl, "C"):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for schema {s.name}")
    return s


def temp_schema(session: Any) -> Schema:
    from sql.executor.temp import ensure_temp_schema

    return ensure_temp_schema(session)


def write_relation(session: Any, catalog: Catalog, rel: Any) -> Catalog:
    session.txn().put_catalog(rel_key(rel.oid), encode_relation(rel))
    new = catalog.with_relation(rel)
    session.set_local_catalog(new)
    return new


def remove_relation(session: Any, catalog: Catalog, oid: int) -> Catalog:
    session.txn().put_catalog(rel_key(oid), None)
    new = catalog.without_relation(oid)
    session.set_local_catalog(new)
    return new


def lookup(session: Any, catalog: Catalog, schema: str | None, name: str) -> Any:
    rel = session.lookup_relation(schema, name, catalog)
    if rel is not None and getattr(rel, "virtual", False):
        return None
    return rel


def relation_name_taken(catalog: Catalog, schema_oid: int, extra: set[str]) -> Callable[[str], bool]:
    return lambda n: catalog.name_taken(schema_oid, n) or n in extra


def require_owner(session: Any, rel: Any) -> None:
    check_owner(session.role_memberships(), session.is_superuser, rel.owner, KIND_WORDS.get(rel.kind, "table"),
                rel.name)


def planner(session: Any, catalog: Catalog) -> Any:
    from sql.dml_planner import DmlPlanner
    from sql.expr import CompileEnv

    return DmlPlanner(CompileEnv(session, catalog, []))


def rewrite_table(session: Any, old: Table, new: Table,
                  transform: Callable[[tuple[Any, ...]], tuple[Any, ...]] | None) -> Table:
    """Copy every row of ``old`` into fresh storage for ``new`` (a new relfilenode; new index
    oids), converting each (datum) row with ``transform``; the old storage is removed at commit.
    Returns ``new`` with its storage ids set. Rows stream from the old storage into the write set.
    """
    txn = session.txn()
    db = session.db
    index_map = {ix.oid: db.allocate_oid() for ix in new.indexes}
    indexes = tuple(Index(index_map[ix.oid], ix.name, ix.columns, ix.unique, ix.primary, ix.constraint)
                    for ix in new.indexes)
    constraints = tuple(replace_table(c, index_oid=index_map.get(c.index_oid, c.index_oid)) if c.kind in "pu"
                        else c for c in new.constraints)
    result = replace_table(new, relfilenode=db.allocate_oid(), indexes=indexes, constraints=constraints)
    layout = result.layout
    encode = result.codec.encode
    txn.refresh_snapshot()
    txn.truncate(layout)  # fresh storage: inserts need not look for committed rows with their keys
    for row in table_rows(session, old):
        nr = transform(row) if transform is not None else row
        txn.insert(layout, encode(nr) if encode is not None else nr)
    txn.truncate(old.layout)
    for ix in old.indexes:
        if not ix.primary:
            txn.drop_index(ix.oid)
    return result


def table_rows(session: Any, table: Table) -> Iterator[tuple[Any, ...]]:
    """Datum rows of ``table`` as the transaction sees them."""
    txn = session.txn()
    decode = table.codec.decode
    for _k, stored in txn.scan(table.layout):
        yield decode(stored) if decode is not None else stored
