"""INSERT (with ON CONFLICT), UPDATE (optionally joined: UPDATE ... FROM) and DELETE
(optionally DELETE ... USING). Writes go into the transaction's buffered write set; the storage
layer applies them at COMMIT, re-checking rows that concurrent transactions changed meanwhile
(the ``recheck`` closures below are PostgreSQL's READ COMMITTED re-evaluation).

Constraints: NOT NULL and CHECK are tested per row before the write; FOREIGN KEY checks and
referenced-side actions run after the statement's rows are written (:mod:`sql.executor.ri`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from sql.executor.generated import apply_generated
from sql.executor.lock_rows import recheck_locked
from sql.executor.ri import Rules, after_parent_change, check_references, not_null_error
from sql.executor.scan import TableAccess, check_interrupts
from sql.executor.triggers import firing
from sql.expr import CExpr
from storage.layout import row_key, unique_values
from storage.locks import FOR_NO_KEY_UPDATE, FOR_UPDATE


class _Default:
    """Marks a VALUES item written as DEFAULT."""

    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT = _Default()


def check_not_null(table: Any, row: tuple[Any, ...], ctx: Any) -> None:
    for v, col in zip(row, table.columns):
        if v is None and col.not_null:
            raise not_null_error(table, col, row, ctx)


@dataclass(frozen=True)
class Returning:
    exprs: tuple[CExpr, ...]

    def project(self, row: tuple[Any, ...], ctx: Any) -> tuple[Any, ...]:
        return tuple(e.fn(row, ctx) for e in self.exprs)


@dataclass(frozen=True)
class KeyedScan:
    """Rows of a table as target columns + (row key, stored row): the target of a joined
    UPDATE/DELETE (the two extra columns are hidden in the scope)."""

    access: TableAccess

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        decode = self.access.table.codec.decode
        for key, stored in self.access.keyed(ctx):
            row = decode(stored) if decode is not None else stored
            yield tuple(row) + (key, stored)


@dataclass(frozen=True)
class OnConflict:
    arbiters: tuple[Any, ...]  # catalog Index objects (the PK included)
    action: str  # nothing, update
    assignments: tuple[tuple[int, CExpr], ...] = ()  # over target row + excluded row
    where: CExpr | None = None


_TWICE = SqlError(sqlstate.CARDINALITY_VIOLATION, "ON CONFLICT DO UPDATE command cannot affect row a second time",
                  hint="Ensure that no rows proposed for insertion within the same command have duplicate "
                       "constrained values.")


@dataclass(frozen=True)
class Insert:
    table: Any
    source: Any  # plan yielding rows in the order of `targets`
    targets: tuple[int, ...]  # column position for each source column
    defaults: tuple[CExpr | None, ...]  # per table column
    returning: Returning | None
    rules: Rules | None = None
    conflict: OnConflict | None = None
    use_default: frozenset[int] = frozenset()  # OVERRIDING USER VALUE: identity columns take their default
    router: Any = None  # partitioned table: sql.executor.partitions.Router (rows go to the partitions)
    generated: tuple[tuple[int, Any], ...] = ()  # (position, fn(row, ctx)) of generated columns
    rls: Any = None  # sql.executor.rls_writes.InsertSecurity when row security applies

    def run(self, ctx: Any) -> tuple[int, list[tuple[Any, ...]]]:
        table = self.table
        layout = table.layout
        encode = table.codec.encode
        width = len(table.columns)
        defaults = self.defaults
        targets = self.targets
        use_default = self.use_default
        missing = [i for i in range(width) if i not in targets or i in use_default]
        rules = self.rules
        check = rules.check_row if rules is not None else (lambda r, c: check_not_null(table, r, c))
        fk_rows: list[tuple[Any, ...]] | None = [] if rules is not None and (
            rules.fks_out or rules.deferrable_unique) else None
        conflict = self.conflict
        finder = _ConflictFinder(table, conflict.arbiters) if conflict is not None else None
        touched: set[bytes] = set()
        upd_old: list[tuple[Any, ...]] = []
        upd_new: list[tuple[Any, ...]] = []
        txn = ctx.txn
        out: list[tuple[Any, ...]] = []
        n = 0
        fire = firing(table, "insert")
        if fire is not None:
            fire.start(ctx)
        for src in self.source.rows(ctx):
            row: list[Any] = [None] * width
            for pos, v in zip(targets, src):
                if v is DEFAULT:
                    d = defaults[pos]
                    v = d.fn((), ctx) if d is not None else None
                row[pos] = v
            for pos in missing:
                d = defaults[pos]
                if d is not None:
                    row[pos] = d.fn((), ctx)
            if self.generated:
                apply_generated(self.generated, row, ctx)
            trow = tuple(row)
            if fire is not None:
                fired = fire.before(ctx, None, trow)
                if fired is None:
                    continue
                trow = fired
            if self.rls is not None:
                self.rls.new_row(trow, ctx)
            stored = encode(trow) if encode is not None else trow
            if finder is not None:
                hit = finder.find(txn, stored)
                if hit is not None:
                    assert conflict is not None
                    if conflict.action == "nothing":
                        continue
                    rk, old_stored = hit
                    if rk in touched:
                        raise _TWICE
                    new = self._conflict_update(ctx, rk, old_stored, trow, check, upd_old, upd_new, touched)
                    if new is not None:
                        n += 1
                        if self.returning is not None:  # xmax: the updating transaction
                            xid = getattr(txn, "xid", None)
                            out.append(self.returning.project(new + (xid if isinstance(xid, int) and xid else 1,),
                                                              ctx))
                    continue
            check(trow, ctx)
            rk = txn.insert(layout, stored) if self.router is None else self.router.insert(ctx, trow)
            if finder is not None:
                touched.add(rk)
            if fk_rows is not None:
                fk_rows.append(trow)
            if fire is not None:
                fire.after(None, trow)
            n += 1
            if self.returning is not None:
                out.append(self.returning.project(trow + (0,), ctx))
            if n % 1024 == 0:
                check_interrupts(ctx)
        if rules is not None:
            if fk_rows:
                check_references(rules, fk_rows, ctx)
            if upd_new:
                check_references(rules, upd_new, ctx, upd_old)
                after_parent_change(rules, ctx, upd_old, upd_new)
        if fire is not None:
            fire.finish(ctx)
        return n, out

    def _conflict_update(self, ctx: Any, rk: bytes, old_stored: tuple[Any, ...], excluded: tuple[Any, ...],
                         check: Callable[[tuple[Any, ...], Any], None], upd_old: list, upd_new: list,
                         touched: set[bytes]) -> tuple[Any, ...] | None:
        table = self.table
        conflict = self.conflict
        assert conflict is not None
        decode, encode = table.codec.decode, table.codec.encode
        old = decode(old_stored) if decode is not None else old_stored
        combined = tuple(old) + excluded
        if conflict.where is not None and conflict.where.fn(combined, ctx) is not True:
            return None
        if self.rls is not None:
            self.rls.conflict_existing(tuple(old), ctx)
        vals = list(old)
        for p, e in conflict.assignments:
            vals[p] = e.fn(combined, ctx)
        apply_generated(self.generated, vals, ctx)
        new = tuple(vals)
        if self.rls is not None:
            self.rls.conflict_new(new, ctx)
        check(new, ctx)
        new_key = ctx.txn.update(table.layout, rk, old_stored, encode(new) if encode is not None else new)
        touched.add(rk)
        touched.add(new_key)
        upd_old.append(tuple(old))
        upd_new.append(new)
        return new


class _ConflictFinder:
    """Finds the existing row an insert would conflict with on the arbiter indexes."""

    def __init__(self, table: Any, arbiters: tuple[Any, ...]) -> None:
        self.layout = table.layout
        layouts = {ix.index_id: ix for ix in self.layout.indexes}
        self.paths = [(None if ix.primary else layouts[ix.oid], ix.columns) for ix in arbiters]

    def find(self, txn: Any, stored: tuple[Any, ...]) -> tuple[bytes, tuple[Any, ...]] | None:
        for index, cols in self.paths:
            if index is not None:
                got = unique_values(index, stored)
                if got is None:
                    continue
                vals = tuple(got)
            else:
                vals = tuple(stored[c] for c in cols)
            if None in vals and index is None:
                continue
            if index is None:
                rk = row_key(self.layout, vals)
                got = txn.get_by_key(self.layout, rk)
                if got is not None:
                    return rk, got
            else:
                hit = next(iter(txn.index_scan(self.layout, index, vals, vals)), None)
                if hit is not None:
                    return hit
        return None


def _materialize(access: TableAccess, predicate: CExpr | None, ctx: Any
                 ) -> list[tuple[bytes, tuple[Any, ...], tuple[Any, ...]]]:
    decode = access.table.codec.decode
    pred = predicate.fn if predicate is not None else None
    rows = []
    for key, stored in access.keyed(ctx):
        row = decode(stored) if decode is not None else stored
        if pred is None or pred(row, ctx) is True:
            rows.append((key, stored, row))
    return rows


def _materialize_joined(plan: Any, width: int, predicate: CExpr | None, ctx: Any
                        ) -> list[tuple[bytes, tuple[Any, ...], tuple[Any, ...]]]:
    """(row key, stored row, joined row) for each target row, the first joined match only."""
    pred = predicate.fn if predicate is not None else None
    seen: set[bytes] = set()
    rows = []
    for jrow in plan.rows(ctx):
        if pred is not None and pred(jrow, ctx) is not True:
            continue
        key = jrow[width]
        if key in seen:
            continue
        seen.add(key)
        rows.append((key, jrow[width + 1], jrow))
    return rows


@dataclass(frozen=True)
class Update:
    access: Any  # TableAccess, or a join plan whose rows start with KeyedScan's (joined=True)
    predicate: CExpr | None
    assignments: tuple[tuple[int, CExpr], ...]
    returning: Returning | None
    recheckable: bool  # no subqueries: safe to re-evaluate at commit on another thread
    rules: Rules | None = None
    table: Any = None
    joined: bool = False
    generated: tuple[tuple[int, Any], ...] = ()
    rls: Any = None  # sql.executor.rls_writes.RowChecks on new rows when row security applies

    def run(self, ctx: Any) -> tuple[int, list[tuple[Any, ...]]]:
        table = self.table if self.table is not None else self.access.table
        width = len(table.columns)
        layout = table.layout
        codec = table.codec
        rls = self.rls
        gens = self.generated
        encode, decode = codec.encode, codec.decode
        assigns = [(p, e.fn) for p, e in self.assignments]
        pred = self.predicate.fn if self.predicate is not None else None
        rules = self.rules
        check = rules.check_row if rules is not None else (lambda r, c: check_not_null(table, r, c))
        joined = self.joined

        def new_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
            vals = list(row[:width])
            for p, f in assigns:
                vals[p] = f(row, ctx)
            if gens:
                apply_generated(gens, vals, ctx)
            out = tuple(vals)
            if rls is not None:
                rls(out, ctx)
            check(out, ctx)
            return out

        if joined:
            rows = _materialize_joined(self.access, width, self.predicate, ctx)
        else:
            rows = _materialize(self.access, self.predicate, ctx)
        keys = layout.pk_columns or ()
        mode = FOR_UPDATE if any(p in keys for p, _e in self.assignments) else FOR_NO_KEY_UPDATE
        rows = recheck_locked(ctx, table, rows, width, pred, mode)
        txn = ctx.txn
        out: list[tuple[Any, ...]] = []
        olds: list[tuple[Any, ...]] = []
        news: list[tuple[Any, ...]] = []
        track = rules is not None and not rules.trivial
        n = 0
        fire = firing(table, "update", frozenset(p for p, _e in self.assignments))
        if fire is not None:
            fire.start(ctx)
        shared = self._recheck((), width, pred, new_row, decode, encode, ctx) if self.recheckable and (
            fire is None or not fire.before_row) else None
        # every new row is computed before the first write: subqueries see the table as it was
        planned = [(key, stored, row, new_row(row)) for key, stored, row in rows]
        for key, stored, row, nr in planned:
            if fire is not None:
                fired = fire.before(ctx, tuple(row[:width]), nr)
                if fired is None:
                    continue
                if fired != nr:
                    nr = fired
                    if rls is not None:  # row security checks the row the BEFORE triggers made
                        rls(nr, ctx)
                    check(nr, ctx)
            recheck = shared if not joined or shared is None else \
                self._recheck(row, width, pred, new_row, decode, encode, ctx)
            txn.update(layout, key, stored, encode(nr) if encode is not None else nr, recheck=recheck)
            n += 1
            if fire is not None:
                fire.after(tuple(row[:width]), nr)
            if track:
                olds.append(tuple(row[:width]))
                news.append(nr)
            if self.returning is not None:
                out.append(self.returning.project(nr + tuple(row[width:]) if joined else nr, ctx))
        if track and rules is not None:
            check_references(rules, news, ctx, olds)
            after_parent_change(rules, ctx, olds, news)
        if fire is not None:
            fire.finish(ctx)
        return n, out

    def _recheck(self, row: tuple[Any, ...], width: int, pred: Any, new_row: Any, decode: Any, encode: Any,
                 ctx: Any) -> Callable[[tuple[Any, ...]], tuple[Any, ...] | None]:
        rest = tuple(row[width:])

        def recheck(current: tuple[Any, ...]) -> tuple[Any, ...] | None:
            cur = decode(current) if decode is not None else current
            full = tuple(cur) + rest if rest else cur
            if pred is not None and pred(full, ctx) is not True:
                return None
            nr = new_row(full)
            return encode(nr) if encode is not None else nr

        return recheck


@dataclass(frozen=True)
class Delete:
    access: Any
    predicate: CExpr | None
    returning: Returning | None
    recheckable: bool
    rules: Rules | None = None
    table: Any = None
    joined: bool = False

    def run(self, ctx: Any) -> tuple[int, list[tuple[Any, ...]]]:
        table = self.table if self.table is not None else self.access.table
        width = len(table.columns)
        layout = table.layout
        decode = table.codec.decode
        pred = self.predicate.fn if self.predicate is not None else None
        joined = self.joined
        recheck: Callable[[tuple[Any, ...]], bool] | None = None
        if self.recheckable and not joined:
            def recheck(current: tuple[Any, ...]) -> bool:
                if pred is None:
                    return True
                row = decode(current) if decode is not None else current
                return pred(row, ctx) is True

        if joined:
            rows = _materialize_joined(self.access, width, self.predicate, ctx)
        else:
            rows = _materialize(self.access, self.predicate, ctx)
        rows = recheck_locked(ctx, table, rows, width, pred, FOR_UPDATE)
        txn = ctx.txn
        rules = self.rules
        track = rules is not None and bool(rules.fks_in)
        gone: list[tuple[Any, ...]] = []
        out: list[tuple[Any, ...]] = []
        n = 0
        fire = firing(table, "delete")
        if fire is not None:
            fire.start(ctx)
        for key, stored, row in rows:
            if fire is not None and fire.before(ctx, tuple(row[:width]), None) is None:
                continue
            txn.delete(layout, key, stored, recheck=recheck)
            n += 1
            if fire is not None:
                fire.after(tuple(row[:width]), None)
            if track:
                gone.append(tuple(row[:width]))
            if self.returning is not None:
                out.append(self.returning.project(row, ctx))
        if track and rules is not None:
            after_parent_change(rules, ctx, gone, None)
        if fire is not None:
            fire.finish(ctx)
        return n, out


def rows_of(items: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    return iter(items)
