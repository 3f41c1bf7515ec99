"""Set-returning functions and LATERAL: FunctionScan (an SRF in FROM, with optional ORDINALITY),
ProjectSet (SRFs in the select list, run in lockstep as PostgreSQL 10+ does) and LateralJoin
(the right side is re-run for every left row, which it sees as the outer row)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sql.executor.scan import CHECK_EVERY, check_interrupts
from sql.expr import CExpr
from sql.limits import materialize
from sql.rowvalue import NamedRow


def call_srf(srf: Any, args: tuple[CExpr, ...], row: tuple[Any, ...], ctx: Any) -> Iterator[tuple[Any, ...]]:
    vals = [a.fn(row, ctx) for a in args]
    if srf.strict and any(v is None for v in vals):
        return iter(())
    result = srf.fn(ctx, *vals) if srf.needs_ctx else srf.fn(*vals)
    return iter(result)


@dataclass(frozen=True)
class FunctionScan:
    srf: Any  # functions.SetReturning
    args: tuple[CExpr, ...]
    ordinality: bool = False
    width: int = 1

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        outer = ctx.outer[-1] if ctx.outer else ()
        n = 0
        for r in call_srf(self.srf, self.args, outer, ctx):
            n += 1
            if n % CHECK_EVERY == 0:
                check_interrupts(ctx)
            yield (r + (n,)) if self.ordinality else r


@dataclass(frozen=True)
class ProjectSet:
    """Appends the outputs of select-list SRFs to each input row; one output row per step of the
    longest SRF, shorter ones padded with NULL (PG 10+ semantics)."""

    child: Any
    calls: tuple[tuple[Any, tuple[CExpr, ...]], ...]
    # per call: (names, type OIDs) of its output columns when it has several (its value is then a
    # record with those fields), else None
    shapes: tuple[tuple[tuple[str, ...], tuple[int, ...]] | None, ...] = ()

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        shapes = self.shapes or (None,) * len(self.calls)
        n = 0
        for row in self.child.rows(ctx):
            iters = [call_srf(srf, args, row, ctx) for srf, args in self.calls]
            while True:
                vals = []
                alive = False
                for it, shape in zip(iters, shapes):
                    r = next(it, None)
                    if r is None:
                        vals.append(None)
                    else:
                        alive = True
                        vals.append(r[0] if len(r) == 1 else r if shape is None else NamedRow(r, *shape))
                if not alive:
                    break
                n += 1
                if n % CHECK_EVERY == 0:
                    check_interrupts(ctx)
                yield row + tuple(vals)


@dataclass(frozen=True)
class LateralJoin:
    left: Any
    right: Any
    condition: CExpr | None
    kind: str  # inner, left, cross
    right_width: int

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        cond = self.condition.fn if self.condition is not None else None
        null_right = (None,) * self.right_width
        work = 0  # rows produced since the last check for cancel / statement_timeout
        for lrow in self.left.rows(ctx):
            ctx.outer.append(lrow)
            try:
                right_rows = materialize(self.right.rows(ctx), ctx)
            finally:
                ctx.outer.pop()
            work += len(right_rows) + 1
            if work >= CHECK_EVERY:
                work = 0
                check_interrupts(ctx)
            matched = False
            for rrow in right_rows:
                row = lrow + rrow
                if cond is None or cond(row, ctx) is True:
                    matched = True
                    yield row
            if not matched and self.kind == "left":
                yield lrow + null_right
