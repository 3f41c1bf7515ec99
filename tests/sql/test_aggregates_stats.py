"""Unit tests of the regression-statistics and hypothetical-set aggregate states."""

from __future__ import annotations

import pytest

from sql import typesys as T
from sql.aggregates import resolve_aggregate
from sql.aggregates_hypothetical import HypotheticalState
from sql.aggregates_regr import RegrState


def feed(kind: str, pairs: list[tuple[float | None, float | None]]) -> object:
    s = RegrState(kind)
    for y, x in pairs:
        s.step2(y, x)
    return s.final()


PAIRS = [(3.0, 1.0), (5.0, 2.0), (7.0, 3.0), (9.0, 4.0)]


@pytest.mark.parametrize("kind, expected", [
    ("regr_count", 4), ("covar_pop", 2.5), ("regr_slope", 2.0), ("regr_intercept", 1.0), ("corr", 1.0),
    ("regr_avgx", 2.5), ("regr_avgy", 6.0), ("regr_sxx", 5.0), ("regr_r2", 1.0),
])
def test_regression_values(kind: str, expected: float) -> None:
    assert feed(kind, PAIRS) == pytest.approx(expected)


def test_null_pairs_are_skipped_and_empty_is_null() -> None:
    assert feed("regr_count", [(None, 1.0), (1.0, None)]) == 0
    assert feed("covar_samp", [(1.0, 1.0)]) is None
    assert feed("corr", []) is None


def test_resolution_types() -> None:
    assert resolve_aggregate("corr", [T.INT4, T.NUMERIC]).return_type == T.FLOAT8
    assert resolve_aggregate("regr_count", [T.FLOAT8, T.FLOAT8]).return_type == T.INT8


def hypo(kind: str, direct: object, values: list[object], desc: bool = False) -> object:
    s = HypotheticalState(kind, (direct,), [(desc, None, T.INT4)])
    for v in values:
        s.step((v,))
    return s.final()


def test_hypothetical_rank_family() -> None:
    vals = [1, 2, 2, 5]
    assert hypo("rank", 3, vals) == 4
    assert hypo("rank", 2, vals) == 2
    assert hypo("dense_rank", 3, vals) == 3
    assert hypo("percent_rank", 3, vals) == 0.75
    assert hypo("cume_dist", 2, vals, desc=True) == 0.8
    assert hypo("rank", None, [1, None]) == 2  # NULLs sort last ascending; the hypothetical row goes first
