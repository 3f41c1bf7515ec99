"""Leaf nodes: table scans (full, primary-key point and range, secondary index), VALUES
lists and the single empty row of a FROM-less SELECT."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sql.expr import CExpr
from storage.layout import row_key

CHECK_EVERY = 1024


def check_interrupts(ctx: Any) -> None:
    """Raise 57014 when the statement was cancelled or ran past statement_timeout."""
    if ctx.session is not None:
        ctx.session.check_interrupts()


@dataclass(frozen=True)
class OneRow:
    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        yield ()


@dataclass(frozen=True)
class ValuesScan:
    items: tuple[tuple[CExpr, ...], ...]

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        for item in self.items:
            yield tuple(e.fn((), ctx) for e in item)


def _key_values(exprs: Sequence[CExpr], encoders: Sequence[Any], ctx: Any) -> tuple[Any, ...] | None:
    out = []
    for e, enc in zip(exprs, encoders):
        v = e.fn((), ctx)
        if v is None:
            return None
        out.append(v if enc is None else enc(v))
    return tuple(out)


@dataclass(frozen=True)
class TableAccess:
    """How to reach rows of one table. kind: seq, pk_eq, pk_range, index_eq, index_range."""

    table: Any  # catalog Table
    kind: str = "seq"
    eq: tuple[CExpr, ...] = ()  # key values for *_eq
    lower: tuple[CExpr, ...] = ()
    upper: tuple[CExpr, ...] = ()
    lower_inclusive: bool = True
    upper_inclusive: bool = True
    index: Any = None  # storage IndexLayout for index_*
    key_encoders: tuple[Any, ...] = ()  # storage-form converters per key column

    def keyed(self, ctx: Any) -> Iterator[tuple[bytes, tuple[Any, ...]]]:
        """(row key, stored row) pairs."""
        txn = ctx.txn
        layout = self.table.layout
        kind = self.kind
        if kind == "seq":
            it = txn.scan(layout)
        elif kind == "pk_eq":
            key = _key_values(self.eq, self.key_encoders, ctx)
            if key is None:
                return
            rk = row_key(layout, key)
            row = txn.get_by_key(layout, rk)
            if row is not None:
                yield rk, row
            return
        elif kind == "pk_range":
            lo = _key_values(self.lower, self.key_encoders, ctx) if self.lower else None
            hi = _key_values(self.upper, self.key_encoders, ctx) if self.upper else None
            if (self.lower and lo is None) or (self.upper and hi is None):
                return
            it = txn.scan(layout, lo, hi, self.lower_inclusive, self.upper_inclusive)
        else:
            if kind == "index_eq":
                lo = hi = _key_values(self.eq, self.key_encoders, ctx)
                if lo is None:
                    return
                it = txn.index_scan(layout, self.index, lo, hi, True, True)
            else:
                lo = _key_values(self.lower, self.key_encoders, ctx) if self.lower else None
                hi = _key_values(self.upper, self.key_encoders, ctx) if self.upper else None
                if (self.lower and lo is None) or (self.upper and hi is None):
                    return
                it = txn.index_scan(layout, self.index, lo, hi, self.lower_inclusive, self.upper_inclusive)
        n = 0
        for pair in it:
            n += 1
            if n % CHECK_EVERY == 0:
                check_interrupts(ctx)
            yield pair

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        decode = self.table.codec.decode
        if decode is None:
            for _key, row in self.keyed(ctx):
                yield row
        else:
            for _key, row in self.keyed(ctx):
                yield decode(row)
