"""MERGE INTO target USING source ON cond WHEN [NOT] MATCHED [AND cond] THEN UPDATE/DELETE/INSERT/
DO NOTHING. Every source row is joined with the target rows it matches (a hash on the equality
keys of ON when there are some); the first WHEN clause whose condition holds acts. All actions
are decided on the rows as they were before the statement, then written. A target row acted on
twice is PostgreSQL's 21000."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from sql.executor.modify import DEFAULT, KeyedScan, check_not_null
from sql.executor.ri import Rules, after_parent_change, check_references
from sql.executor.scan import TableAccess, check_interrupts
from sql.expr import CExpr


@dataclass(frozen=True)
class MergeClause:
    matched: bool
    condition: CExpr | None  # over target row + (key, stored) + source row
    action: str  # update, delete, insert, nothing
    assignments: tuple[tuple[int, CExpr], ...] = ()  # UPDATE SET
    positions: tuple[int, ...] = ()  # INSERT target columns
    values: tuple[CExpr, ...] = ()  # INSERT values


_TWICE = SqlError(sqlstate.CARDINALITY_VIOLATION, "MERGE command cannot affect row a second time",
                  hint="Ensure that not more than one source row matches any one target row.")


@dataclass(frozen=True)
class Merge:
    table: Any
    source: Any  # plan of the source rows
    on: CExpr
    clauses: tuple[MergeClause, ...]
    defaults: tuple[CExpr | None, ...]  # per target column
    target_key: tuple[CExpr, ...] = ()  # equality keys of ON over a target row ...
    source_key: tuple[CExpr, ...] = ()  # ... and over a source row
    rules: Rules | None = None
    rls: Any = None  # sql.executor.rls_writes.MergeSecurity when row security applies

    def run(self, ctx: Any) -> tuple[int, list[tuple[Any, ...]]]:
        table = self.table
        width = len(table.columns)
        rules = self.rules
        check: Callable[[tuple[Any, ...], Any], None] = (
            rules.check_row if rules is not None else (lambda r, c: check_not_null(table, r, c)))
        targets = list(KeyedScan(TableAccess(table)).rows(ctx))
        rls = self.rls
        if rls is not None:
            targets = [t for t in targets if rls.visible(t, ctx) is True]
        lookup = self._index(targets, ctx)
        on = self.on.fn
        matched_clauses = [c for c in self.clauses if c.matched]
        unmatched_clauses = [c for c in self.clauses if not c.matched]
        nulls = (None,) * (width + 2)
        touched: set[bytes] = set()
        updates: list[tuple[bytes, Any, tuple[Any, ...], tuple[Any, ...]]] = []
        deletes: list[tuple[bytes, Any, tuple[Any, ...]]] = []
        inserts: list[tuple[Any, ...]] = []
        n = 0
        for i, src in enumerate(self.source.rows(ctx)):
            if i % 1024 == 1023:
                check_interrupts(ctx)
            src = tuple(src)
            candidates = targets if lookup is None else lookup.get(self._source_key(src, ctx), ())
            matched = False
            for t in candidates:
                row = t + src
                if on(row, ctx) is not True:
                    continue
                matched = True
                clause = _first(matched_clauses, row, ctx)
                if clause is None or clause.action == "nothing":
                    continue
                key = t[width]
                if key in touched:
                    raise _TWICE
                touched.add(key)
                n += 1
                if rls is not None:
                    rls.check_target(rls.delete_existing if clause.action == "delete" else rls.update_existing,
                                     t, ctx, table.name)
                if clause.action == "delete":
                    deletes.append((key, t[width + 1], t[:width]))
                    continue
                vals = list(t[:width])
                for p, e in clause.assignments:
                    vals[p] = e.fn(row, ctx)
                new = tuple(vals)
                if rls is not None:
                    rls.update_new(new, ctx)
                check(new, ctx)
                updates.append((key, t[width + 1], t[:width], new))
            if matched:
                continue
            row = nulls + src
            clause = _first(unmatched_clauses, row, ctx)
            if clause is None or clause.action == "nothing":
                continue
            new = self._insert_row(clause, row, ctx)
            if rls is not None:
                rls.insert_new(new, ctx)
            check(new, ctx)
            inserts.append(new)
            n += 1
        self._write(ctx, updates, deletes, inserts)
        return n, []

    def _index(self, targets: list[tuple[Any, ...]], ctx: Any) -> dict[tuple[Any, ...], list[Any]] | None:
        if not self.target_key:
            return None
        out: dict[tuple[Any, ...], list[Any]] = {}
        fns = [e.fn for e in self.target_key]
        for t in targets:
            k = tuple(f(t, ctx) for f in fns)
            if None not in k:
                out.setdefault(k, []).append(t)
        return out

    def _source_key(self, src: tuple[Any, ...], ctx: Any) -> tuple[Any, ...]:
        return tuple(e.fn(src, ctx) for e in self.source_key)

    def _insert_row(self, clause: MergeClause, row: tuple[Any, ...], ctx: Any) -> tuple[Any, ...]:
        width = len(self.table.columns)
        out: list[Any] = [None] * width
        given = set(clause.positions)
        for p, e in zip(clause.positions, clause.values):
            v = e.fn(row, ctx)
            if v is DEFAULT:
                d = self.defaults[p]
                v = d.fn((), ctx) if d is not None else None
            out[p] = v
        for p in range(width):
            if p not in given and self.defaults[p] is not None:
                out[p] = self.defaults[p].fn((), ctx)  # type: ignore[union-attr]
        return tuple(out)

    def _write(self, ctx: Any, updates: list, deletes: list, inserts: list) -> None:
        table = self.table
        layout = table.layout
        encode = table.codec.encode
        txn = ctx.txn
        rules = self.rules
        for key, stored, _old, new in updates:
            txn.update(layout, key, stored, encode(new) if encode is not None else new)
        for key, stored, _old in deletes:
            txn.delete(layout, key, stored)
        for new in inserts:
            txn.insert(layout, encode(new) if encode is not None else new)
        if rules is None:
            return
        if updates and not rules.trivial:
            olds, news = [u[2] for u in updates], [u[3] for u in updates]
            check_references(rules, news, ctx, olds)
            after_parent_change(rules, ctx, olds, news)
        if deletes and rules.fks_in:
            after_parent_change(rules, ctx, [d[2] for d in deletes], None)
        if inserts and rules.fks_out:
            check_references(rules, inserts, ctx)


def _first(clauses: list[MergeClause], row: tuple[Any, ...], ctx: Any) -> MergeClause | None:
    for c in clauses:
        if c.condition is None or c.condition.fn(row, ctx) is True:
            return c
    return None
