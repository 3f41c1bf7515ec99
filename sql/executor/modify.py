"""INSERT, UPDATE and DELETE. Writes go into the transaction's buffered write set; the storage
layer applies them at COMMIT, re-checking rows that concurrent transactions changed meanwhile
(the ``recheck`` closures below are PostgreSQL's READ COMMITTED re-evaluation)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from sql.executor.scan import TableAccess, check_interrupts
from sql.expr import CExpr


class _Default:
    """Marks a VALUES item written as DEFAULT."""

    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT = _Default()


def not_null_error(table: Any, col: Any, row: tuple[Any, ...], ctx: Any) -> SqlError:
    shown = ", ".join("null" if v is None else ctx.to_text(v, c.type_oid) for v, c in zip(row, table.columns))
    return SqlError(sqlstate.NOT_NULL_VIOLATION,
                    f'null value in column "{col.name}" of relation "{table.name}" violates not-null constraint',
                    detail=f"Failing row contains ({shown}).")


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
class Insert:
    table: Any
    source: Any  # plan yielding rows in the order of `targets`
    targets: tuple[int, ...]  # column position for each source column
    defaults: tuple[CExpr | None, ...]  # per table column
    returning: Returning | None

    def run(self, ctx: Any) -> tuple[int, list[tuple[Any, ...]]]:
        table = self.table
        layout = table.layout
        encode = table.codec.encode
        width = len(table.columns)
        defaults = self.defaults
        targets = self.targets
        missing = [i for i in range(width) if i not in targets]
        txn = ctx.txn
        out: list[tuple[Any, ...]] = []
        n = 0
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
            trow = tuple(row)
            check_not_null(table, trow, ctx)
            txn.insert(layout, encode(trow) if encode is not None else trow)
            n += 1
            if self.returning is not None:
                out.append(self.returning.project(trow, ctx))
            if n % 1024 == 0:
                check_interrupts(ctx)
        return n, out


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


@dataclass(frozen=True)
class Update:
    access: TableAccess
    predicate: CExpr | None
    assignments: tuple[tuple[int, CExpr], ...]
    returning: Returning | None
    recheckable: bool  # no subqueries: safe to re-evaluate at commit on another thread

    def run(self, ctx: Any) -> tuple[int, list[tuple[Any, ...]]]:
        table = self.access.table
        layout = table.layout
        codec = table.codec
        encode, decode = codec.encode, codec.decode
        assigns = [(p, e.fn) for p, e in self.assignments]
        pred = self.predicate.fn if self.predicate is not None else None

        def new_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
            vals = list(row)
            for p, f in assigns:
                vals[p] = f(row, ctx)
            out = tuple(vals)
            check_not_null(table, out, ctx)
            return out

        recheck: Callable[[tuple[Any, ...]], tuple[Any, ...] | None] | None = None
        if self.recheckable:
            def recheck(current: tuple[Any, ...]) -> tuple[Any, ...] | None:
                row = decode(current) if decode is not None else current
                if pred is not None and pred(row, ctx) is not True:
                    return None
                nr = new_row(row)
                return encode(nr) if encode is not None else nr

        txn = ctx.txn
        out: list[tuple[Any, ...]] = []
        n = 0
        for key, stored, row in _materialize(self.access, self.predicate, ctx):
            nr = new_row(row)
            txn.update(layout, key, stored, encode(nr) if encode is not None else nr, recheck=recheck)
            n += 1
            if self.returning is not None:
                out.append(self.returning.project(nr, ctx))
        return n, out


@dataclass(frozen=True)
class Delete:
    access: TableAccess
    predicate: CExpr | None
    returning: Returning | None
    recheckable: bool

    def run(self, ctx: Any) -> tuple[int, list[tuple[Any, ...]]]:
        table = self.access.table
        layout = table.layout
        decode = table.codec.decode
        pred = self.predicate.fn if self.predicate is not None else None
        recheck: Callable[[tuple[Any, ...]], bool] | None = None
        if self.recheckable:
            def recheck(current: tuple[Any, ...]) -> bool:
                if pred is None:
                    return True
                row = decode(current) if decode is not None else current
                return pred(row, ctx) is True

        txn = ctx.txn
        out: list[tuple[Any, ...]] = []
        n = 0
        for key, stored, row in _materialize(self.access, self.predicate, ctx):
            txn.delete(layout, key, stored, recheck=recheck)
            n += 1
            if self.returning is not None:
                out.append(self.returning.project(row, ctx))
        return n, out


def rows_of(items: list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    return iter(items)
