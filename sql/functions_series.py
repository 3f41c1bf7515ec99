"""``generate_series`` for int4, int8, numeric, timestamp and timestamptz (set-returning).

Like PostgreSQL each value is the previous one plus the step (so month steps from Jan 31 go
Feb 29, Mar 29, ...), numeric values keep the scale of the addition, and timestamptz steps are
added on the session time zone's wall clock. The output column is named ``generate_series``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, localcontext
from typing import Any

from sql import typesys as T
from sql.datatypes import Interval, add_interval
from sql.datatypes.dtcommon import UTC, DateTimeInfinity
from sql.datatypes.numeric import NUMERIC_CONTEXT
from sql.functions import set_returning
from sql.functions_util import invalid_parameter, session_tz


def _zero_step() -> Exception:
    return invalid_parameter("step size cannot equal zero")


def _int_series(start: int, stop: int, step: int = 1) -> Iterator[tuple[int]]:
    if step == 0:
        raise _zero_step()
    cur = start
    if step > 0:
        while cur <= stop:
            yield (cur,)
            cur += step
    else:
        while cur >= stop:
            yield (cur,)
            cur += step


for _t in (T.INT4, T.INT8):
    _cols = [("generate_series", _t)]
    set_returning("generate_series", (_t, _t), _cols)(_int_series)
    set_returning("generate_series", (_t, _t, _t), _cols)(_int_series)


def _check_numeric(v: Decimal, what: str) -> None:
    if v.is_nan():
        raise invalid_parameter(f"{what} cannot be NaN")
    if v.is_infinite():
        raise invalid_parameter(f"{what} cannot be infinity")


def numeric_series(start: Decimal, stop: Decimal, step: Decimal = Decimal(1)) -> Iterator[tuple[Decimal]]:
    _check_numeric(start, "start value")
    _check_numeric(stop, "stop value")
    _check_numeric(step, "step size")
    if step.is_zero():
        raise _zero_step()
    cur = start
    while (cur <= stop) if step > 0 else (cur >= stop):
        yield (cur,)
        with localcontext(NUMERIC_CONTEXT):
            cur = cur + step


set_returning("generate_series", (T.NUMERIC, T.NUMERIC), [("generate_series", T.NUMERIC)])(numeric_series)
set_returning("generate_series", (T.NUMERIC, T.NUMERIC, T.NUMERIC),
              [("generate_series", T.NUMERIC)])(numeric_series)


def _ts_series(start: Any, stop: Any, step: Interval, tz: Any) -> Iterator[tuple[Any]]:
    if step.span() == 0:
        raise _zero_step()
    if isinstance(start, DateTimeInfinity) or isinstance(stop, DateTimeInfinity):
        if isinstance(start, DateTimeInfinity) and isinstance(stop, DateTimeInfinity):
            return
        raise invalid_parameter("start and stop values must be finite")  # PG would loop forever
    forward = step.span() > 0
    cur = start
    while (cur <= stop) if forward else (cur >= stop):
        yield (cur,)
        cur = add_interval(cur, step, tz)


@set_returning("generate_series", (T.TIMESTAMP, T.TIMESTAMP, T.INTERVAL), [("generate_series", T.TIMESTAMP)])
def timestamp_series(start: Any, stop: Any, step: Interval) -> Iterator[tuple[Any]]:
    return _ts_series(start, stop, step, UTC)


@set_returning("generate_series", (T.TIMESTAMPTZ, T.TIMESTAMPTZ, T.INTERVAL),
               [("generate_series", T.TIMESTAMPTZ)], needs_ctx=True)
def timestamptz_series(ctx: Any, start: Any, stop: Any, step: Interval) -> Iterator[tuple[Any]]:
    return _ts_series(start, stop, step, session_tz(ctx))
