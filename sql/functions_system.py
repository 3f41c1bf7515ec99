"""System / information functions: num_nulls, num_nonnulls, pg_sleep (and _for/_until),
txid_current, pg_postmaster_start_time.

``pg_sleep`` sleeps in small steps and raises 57014 when the session's ``cancel_requested``
is set; it blocks the calling thread. ``txid_current`` returns the session transaction's ``xid``
attribute when it has one, otherwise a process-wide counter value assigned once per transaction
object (monotonically increasing, stable within a transaction).
"""

from __future__ import annotations

import datetime as _dt
import itertools
import threading
import time
import weakref
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.datatypes import Interval
from sql.datatypes.dtcommon import DateTimeInfinity
from sql.errors import SqlError
from sql.functions import builtin, undefined_function
from sql.functions_util import VOID

_STEP = 0.05
_START_TIME = _dt.datetime.now(_dt.UTC)


@builtin("num_nulls", (T.ANY,), T.INT4, strict=False, variadic=True)
def num_nulls(*args: Any) -> int:
    if not args:
        raise undefined_function("num_nulls", [])
    return sum(1 for a in args if a is None)


@builtin("num_nonnulls", (T.ANY,), T.INT4, strict=False, variadic=True)
def num_nonnulls(*args: Any) -> int:
    if not args:
        raise undefined_function("num_nonnulls", [])
    return sum(1 for a in args if a is not None)


def _cancelled(ctx: Any) -> bool:
    session = getattr(ctx, "session", None)
    return bool(getattr(session, "cancel_requested", False))


def sleep_seconds(ctx: Any, secs: float) -> None:
    """Sleep ``secs`` seconds in small steps, honouring cancellation (57014)."""
    deadline = time.monotonic() + max(secs, 0.0)
    session = getattr(ctx, "session", None)
    while True:
        if session is not None and hasattr(session, "check_interrupts"):
            session.check_interrupts()  # cancel request or statement_timeout -> 57014
        elif _cancelled(ctx):
            raise SqlError(sqlstate.QUERY_CANCELED, "canceling statement due to user request")
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(_STEP, left))


@builtin("pg_sleep", (T.FLOAT8,), T.VOID, needs_ctx=True, volatile=True)
def pg_sleep(ctx: Any, secs: float) -> str:
    if secs != secs:  # NaN sleeps for no time
        secs = 0.0
    sleep_seconds(ctx, secs)
    return VOID


@builtin("pg_sleep_for", (T.INTERVAL,), T.VOID, needs_ctx=True, volatile=True)
def pg_sleep_for(ctx: Any, iv: Interval) -> str:
    """pg_sleep_for(interval): the interval's span (months as 30 days)."""
    sleep_seconds(ctx, iv.span() / 1e6)
    return VOID


@builtin("pg_sleep_until", (T.TIMESTAMPTZ,), T.VOID, needs_ctx=True, volatile=True)
def pg_sleep_until(ctx: Any, until: Any) -> str:
    if isinstance(until, DateTimeInfinity):
        if until.sign < 0:
            return VOID
        sleep_seconds(ctx, float("inf"))
    sleep_seconds(ctx, (until - _dt.datetime.now(_dt.UTC)).total_seconds())
    return VOID


_xid_counter = itertools.count(1000)
_xid_lock = threading.Lock()
_xids: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


@builtin("txid_current|pg_current_xact_id", (), T.INT8, needs_ctx=True, volatile=True)
def txid_current(ctx: Any) -> int:
    txn = getattr(ctx, "txn", None)
    if txn is None and getattr(ctx, "session", None) is not None and hasattr(ctx.session, "txn"):
        txn = ctx.session.txn()
    xid = getattr(txn, "xid", None)
    if isinstance(xid, int):
        return xid
    with _xid_lock:
        if txn is None:
            return next(_xid_counter)
        try:
            got = _xids.get(txn)
            if got is None:
                got = _xids[txn] = next(_xid_counter)
            return got
        except TypeError:  # not weak-referenceable
            return next(_xid_counter)


@builtin("pg_postmaster_start_time", (), T.TIMESTAMPTZ, needs_ctx=True)
def pg_postmaster_start_time(ctx: Any) -> _dt.datetime:
    """The instance's ``start_time`` when it records one, else when this module was loaded."""
    inst = getattr(getattr(ctx, "session", None), "instance", None)
    started = getattr(inst, "start_time", None)
    return started if isinstance(started, _dt.datetime) else _START_TIME
