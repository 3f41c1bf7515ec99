"""The two-argument statistics aggregates of PostgreSQL: corr, covar_pop/covar_samp and the
regr_* family. Each takes (Y, X) as float8, ignores rows where either is NULL, and keeps the
running sums PostgreSQL's float8_regr_accum keeps (n, sums and centred sums of squares)."""

from __future__ import annotations

import math
from typing import Any

REGR_AGGREGATES = {"corr", "covar_pop", "covar_samp", "regr_count", "regr_sxx", "regr_syy", "regr_sxy",
                   "regr_avgx", "regr_avgy", "regr_r2", "regr_slope", "regr_intercept"}


class RegrState:
    """Youngs-Cramer accumulation (as PG does) of N, Sx, Sy, Sxx, Syy, Sxy."""

    __slots__ = ("kind", "n", "sx", "sy", "sxx", "syy", "sxy")

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.n = 0
        self.sx = self.sy = self.sxx = self.syy = self.sxy = 0.0

    def step2(self, y: Any, x: Any) -> None:
        if y is None or x is None:
            return
        y = float(y)
        x = float(x)
        self.n += 1
        n = self.n
        self.sx += x
        self.sy += y
        if n > 1:
            tx = x * n - self.sx
            ty = y * n - self.sy
            scale = 1.0 / (n * (n - 1))
            self.sxx += tx * tx * scale
            self.syy += ty * ty * scale
            self.sxy += tx * ty * scale

    def final(self) -> Any:
        n, kind = self.n, self.kind
        if kind == "regr_count":
            return n
        if n < 1 or (kind in ("covar_samp",) and n < 2):
            return None
        if kind == "covar_pop":
            return self.sxy / n
        if kind == "covar_samp":
            return self.sxy / (n - 1)
        if kind == "regr_sxx":
            return self.sxx
        if kind == "regr_syy":
            return self.syy
        if kind == "regr_sxy":
            return self.sxy
        if kind == "regr_avgx":
            return self.sx / n
        if kind == "regr_avgy":
            return self.sy / n
        if kind == "corr":
            if self.sxx == 0 or self.syy == 0:
                return None
            return self.sxy / math.sqrt(self.sxx * self.syy)
        if kind == "regr_r2":
            if self.sxx == 0:
                return None
            if self.syy == 0:
                return 1.0
            return (self.sxy * self.sxy) / (self.sxx * self.syy)
        if kind == "regr_slope":
            return None if self.sxx == 0 else self.sxy / self.sxx
        if kind == "regr_intercept":
            return None if self.sxx == 0 else (self.sy - self.sx * self.sxy / self.sxx) / n
        raise AssertionError(kind)
