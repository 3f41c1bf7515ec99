"""TABLESAMPLE BERNOULLI/SYSTEM (p) [REPEATABLE (seed)]: each row of the scan is kept with
probability p/100 (SYSTEM samples rows too: the storage has no pages to pick from)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from sql.expr import CExpr


@dataclass(frozen=True)
class SampleScan:
    child: Any
    percent: CExpr
    seed: CExpr | None = None

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        p = self.percent.fn((), ctx)
        if p is None:
            raise SqlError(sqlstate.INVALID_TABLESAMPLE_ARGUMENT, "TABLESAMPLE parameter cannot be null")
        p = float(p)
        if not 0 <= p <= 100:
            raise SqlError(sqlstate.INVALID_TABLESAMPLE_ARGUMENT, "sample percentage must be between 0 and 100")
        rng = random.Random()
        if self.seed is not None:
            seed = self.seed.fn((), ctx)
            if seed is None:
                raise SqlError(sqlstate.INVALID_TABLESAMPLE_REPEAT, "TABLESAMPLE REPEATABLE parameter cannot be null")
            rng.seed(float(seed))
        if p <= 0:
            return
        fraction = p / 100
        for row in self.child.rows(ctx):
            if fraction >= 1 or rng.random() < fraction:
                yield row
