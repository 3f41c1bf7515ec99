"""Deferrable constraints: checks queued until COMMIT or SET CONSTRAINTS ... IMMEDIATE.

A statement that writes rows under a DEFERRABLE foreign key or unique constraint queues one
entry per row when the constraint is deferred in this transaction (INITIALLY DEFERRED, or SET
CONSTRAINTS ... DEFERRED); otherwise it checks at the end of the statement as usual. Entries
name the table and constraint by oid, so they are re-resolved against the catalog at check
time. A DEFERRABLE unique index is not unique in storage: :func:`check_unique` enforces it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sql import sqlstate
from sql.catalog import Constraint, Table
from sql.error_objects import about
from sql.errors import SqlError

Row = tuple[Any, ...]


# modes ---------------------------------------------------------------------------------------
def is_deferred(session: Any, con: Constraint) -> bool:
    """Whether a check of ``con`` waits for COMMIT in the session's current transaction."""
    if not con.deferrable:
        return False
    modes = getattr(session, "_constraint_modes", None)
    if modes:
        if con.oid in modes:
            return modes[con.oid]
        if "all" in modes:
            return modes["all"]
    return con.deferred


def set_constraints(session: Any, names: tuple[tuple[str | None, str], ...] | None, deferred: bool) -> None:
    """SET CONSTRAINTS {ALL | name, ...} {DEFERRED | IMMEDIATE}; IMMEDIATE runs the pending checks now."""
    modes = getattr(session, "_constraint_modes", None)
    if modes is None:
        modes = session._constraint_modes = {}
    catalog = session.catalog()
    if names is None:
        modes.clear()
        modes["all"] = deferred
    else:
        for schema, name in names:
            found = [c for t in _tables(session, catalog, schema) for c in t.constraints if c.name == name]
            if not found:
                raise SqlError(sqlstate.UNDEFINED_OBJECT, f'constraint "{name}" does not exist')
            for con in found:
                if not con.deferrable:
                    raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'constraint "{name}" is not deferrable')
                modes[con.oid] = deferred
    if not deferred:
        run_pending(session, only_immediate=True)


def _tables(session: Any, catalog: Any, schema: str | None) -> list[Table]:
    if schema is not None:
        s = catalog.schema(schema)
        oids = {s.oid} if s is not None else set()
    else:
        oids = {s.oid for n in session.search_path() if (s := catalog.schema(n)) is not None}
    return [r for r in catalog.relations.values() if isinstance(r, Table) and r.schema_oid in oids]


# the queue -------------------------------------------------------------------------------------
def _queue(session: Any) -> list[tuple[Any, ...]]:
    q = getattr(session, "_deferred_checks", None)
    if q is None:
        q = session._deferred_checks = []
    return q


def defer(session: Any, kind: str, table_oid: int, con_oid: int, row: Row) -> None:
    """Queue a check: 'f' a referencing row, 'r' a referenced key that went away, 'u' a unique key."""
    _queue(session).append((kind, table_oid, con_oid, row))


def pending_mark(session: Any) -> int:
    return len(_queue(session))


def pending_rollback(session: Any, mark: int) -> None:
    del _queue(session)[mark:]


def pending_clear(session: Any) -> None:
    session._deferred_checks = []
    session._constraint_modes = {}


def run_pending(session: Any, only_immediate: bool = False) -> None:
    """Run queued checks (all of them at COMMIT; those no longer deferred after SET CONSTRAINTS)."""
    queue = _queue(session)
    if not queue:
        return
    from sql.expr import Ctx

    catalog = session.catalog()
    ctx = Ctx([], session.txn(), session, datetime.now(UTC))
    keep = []
    seen: set[tuple[Any, ...]] = set()
    for entry in queue:
        kind, table_oid, con_oid, row = entry
        table = catalog.relations.get(table_oid)
        con = next((c for c in table.constraints if c.oid == con_oid), None) if isinstance(table, Table) else None
        if con is None:
            continue  # the table or the constraint was dropped
        if only_immediate and is_deferred(session, con):
            keep.append(entry)
            continue
        try:
            key = entry if hash(entry) is not None else entry
        except TypeError:  # rows holding arrays or other unhashable values
            key = (kind, table_oid, con_oid, repr(row))
        if key in seen:
            continue
        seen.add(key)
        if kind == "u":
            check_unique(table, con, row, ctx)
        else:
            _check_fk(session, catalog, table, con, kind, row, ctx)
    queue[:] = keep


def _check_fk(session: Any, catalog: Any, child: Table, con: Constraint, kind: str, row: Row, ctx: Any) -> None:
    from sql.executor.ri import _child_rows, foreign_key, parent_exists

    fk = foreign_key(catalog, child, con)
    if fk is None:
        return
    if kind == "f":
        key = fk.parent_key(row)
        if key is None or parent_exists(fk, key, ctx):
            return
        if _child_rows(fk, {tuple(row[c] for c in fk.child_cols)}, ctx):
            raise fk.violation(row, ctx)
        return
    if parent_exists(fk, row, ctx):
        return
    child_key = tuple(v if f is None else f(v) for v, f in zip(row, fk.to_child))
    if _child_rows(fk, {child_key}, ctx):
        raise fk.still_referenced(row, ctx)


# unique --------------------------------------------------------------------------------------------
def deferrable_unique(table: Table) -> list[Constraint]:
    return [c for c in table.constraints if c.kind == "u" and c.deferrable]


def after_write(session: Any, table: Table, cons: list[Constraint], rows: list[Row], ctx: Any) -> None:
    """End of a statement that wrote ``rows``: check DEFERRABLE unique constraints now or queue them."""
    for con in cons:
        deferred = is_deferred(session, con)
        for row in rows:
            if any(row[c] is None for c in con.columns):
                continue
            if deferred:
                defer(session, "u", table.oid, con.oid, tuple(row[c] for c in con.columns))
            else:
                check_unique(table, con, tuple(row[c] for c in con.columns), ctx)


def check_unique(table: Table, con: Constraint, values: Row, ctx: Any) -> None:
    """23505 if more than one row of ``table`` has ``values`` in the constraint's columns."""
    layout = table.layout
    index = next((ix for ix in layout.indexes if ix.index_id == con.index_oid), None)
    if index is None:
        return
    enc = table.codec.encode_fns
    by_col = dict(zip(con.columns, values))
    key = tuple(by_col[c] if enc[c] is None else enc[c](by_col[c]) for c in index.columns)
    n = 0
    for _ in ctx.txn.index_scan(layout, index, key, key):
        n += 1
        if n > 1:
            names = ", ".join(table.columns[c].name for c in con.columns)
            vals = ", ".join(ctx.to_text(v, table.columns[c].type_oid) for c, v in zip(con.columns, values))
            raise about(SqlError(sqlstate.UNIQUE_VIOLATION,
                                 f'duplicate key value violates unique constraint "{con.name}"',
                                 detail=f"Key ({names})=({vals}) already exists."), table, constraint=con.name)
