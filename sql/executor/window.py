"""Window functions: WindowAgg materialises its input, and for every window call sorts the rows
by (PARTITION BY, ORDER BY), computes the function over each row's frame, and appends one
column per call to every row.

Frames follow PostgreSQL: ROWS, RANGE (UNBOUNDED/CURRENT ROW, or value offsets on a single
numeric/date-time ORDER BY key) and GROUPS, with EXCLUDE CURRENT ROW/GROUP/TIES. Without ORDER
BY the frame is the whole partition; with ORDER BY the default is RANGE UNBOUNDED PRECEDING to
CURRENT ROW (peers included).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from sql.executor.limit import hashable
from sql.executor.scan import check_interrupts
from sql.executor.sort import sort_rows
from sql.expr import CExpr
from sql.limits import materialize


@dataclass(frozen=True)
class FrameBound:
    kind: str  # unbounded_preceding, preceding, current, following, unbounded_following
    offset: CExpr | None = None


@dataclass(frozen=True)
class Frame:
    mode: str = "range"  # rows, range, groups
    start: FrameBound = FrameBound("unbounded_preceding")
    end: FrameBound = FrameBound("current")
    exclude: str = "no others"  # no others, current row, group, ties


@dataclass
class WindowCall:
    name: str  # row_number, rank, ..., or an aggregate name
    args: list[CExpr]
    partition: list[CExpr]
    order: list[tuple[CExpr, bool, bool | None]]  # expr, descending, nulls_first
    frame: Frame
    result_type: int
    aggregate: Any = None  # AggregateDef for aggregate window functions
    filter: CExpr | None = None
    distinct: bool = False
    has_order: bool = field(default=False)


RANKING = {"row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
           "first_value", "last_value", "nth_value"}


def _offset_value(b: FrameBound, ctx: Any) -> Any:
    v = b.offset.fn((), ctx) if b.offset is not None else None
    if v is None:
        raise SqlError(sqlstate.NULL_VALUE_NOT_ALLOWED, "frame starting offset must not be null")
    if not hasattr(v, "months") and v < 0:
        raise SqlError(sqlstate.INVALID_PRECEDING_OR_FOLLOWING_SIZE, "frame starting offset must not be negative")
    return v


@dataclass(frozen=True)
class WindowAgg:
    child: Any
    calls: tuple[WindowCall, ...]

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        rows = materialize(self.child.rows(ctx), ctx)
        check_interrupts(ctx)
        results = [self._compute(call, rows, ctx) for call in self.calls]
        for i, row in enumerate(rows):
            yield row + tuple(r[i] for r in results)

    def _compute(self, call: WindowCall, rows: list[tuple[Any, ...]], ctx: Any) -> list[Any]:
        n = len(rows)
        out: list[Any] = [None] * n
        if not n:
            return out
        part_fns = [p.fn for p in call.partition]
        order_fns = [o[0].fn for o in call.order]
        pkeys = [tuple(f(r, ctx) for f in part_fns) for r in rows]
        okeys = [tuple(f(r, ctx) for f in order_fns) for r in rows]
        idx = list(range(n))
        keys: list[tuple[Any, bool, bool | None, int]] = []
        for j, _f in enumerate(part_fns):
            keys.append((lambda i, j=j: pkeys[i][j], False, None, call.partition[j].type))
        for j, (expr, desc, nf) in enumerate(call.order):
            keys.append((lambda i, j=j: okeys[i][j], desc, nf, expr.type))
        sort_rows(idx, keys)
        # split into partitions
        start = 0
        while start < n:
            pk = hashable(pkeys[idx[start]])
            end = start + 1
            while end < n and hashable(pkeys[idx[end]]) == pk:
                end += 1
            self._partition(call, [idx[k] for k in range(start, end)], rows, okeys, out, ctx)
            start = end
        return out

    def _partition(self, call: WindowCall, members: list[int], rows: list[tuple[Any, ...]],
                   okeys: list[tuple[Any, ...]], out: list[Any], ctx: Any) -> None:
        m = len(members)
        # peer groups: positions with equal ORDER BY keys
        peer_start = [0] * m
        peer_end = [0] * m
        group_no = [0] * m
        k = 0
        g = 0
        while k < m:
            e = k + 1
            if call.order:
                key = hashable(okeys[members[k]])
                while e < m and hashable(okeys[members[e]]) == key:
                    e += 1
            else:
                e = m
            for q in range(k, e):
                peer_start[q], peer_end[q], group_no[q] = k, e, g
            g += 1
            k = e
        name = call.name
        arg_fns = [a.fn for a in call.args]

        def arg(pos: int, j: int = 0) -> Any:
            return arg_fns[j](rows[members[pos]], ctx)

        if name == "row_number":
            for p in range(m):
                out[members[p]] = p + 1
            return
        if name == "rank":
            for p in range(m):
                out[members[p]] = peer_start[p] + 1
            return
        if name == "dense_rank":
            for p in range(m):
                out[members[p]] = group_no[p] + 1
            return
        if name == "percent_rank":
            for p in range(m):
                out[members[p]] = 0.0 if m == 1 else peer_start[p] / (m - 1)
            return
        if name == "cume_dist":
            for p in range(m):
                out[members[p]] = peer_end[p] / m
            return
        if name == "ntile":
            buckets = arg(0) if m else None
            if buckets is None:
                return
            if buckets <= 0:
                raise SqlError(sqlstate.INVALID_ARGUMENT_FOR_NTILE_FUNCTION,
                               "argument of ntile must be greater than zero")
            per, extra = divmod(m, buckets)
            p = 0
            for b in range(buckets):
                size = per + (1 if b < extra else 0)
                for _ in range(size):
                    if p < m:
                        out[members[p]] = b + 1
                        p += 1
            return
        if name in ("lag", "lead"):
            for p in range(m):
                off = arg(p, 1) if len(arg_fns) > 1 else 1
                if off is None:
                    out[members[p]] = None
                    continue
                q = p - off if name == "lag" else p + off
                if 0 <= q < m:
                    out[members[p]] = arg(q)
                else:
                    out[members[p]] = arg(p, 2) if len(arg_fns) > 2 else None
            return
        frames = [self._frame(call, p, m, peer_start, peer_end, group_no, members, rows, okeys, ctx)
                  for p in range(m)]
        if name in ("first_value", "last_value", "nth_value"):
            for p in range(m):
                positions = frames[p]
                if name == "nth_value":
                    nth = arg(p, 1)
                    if nth is None:
                        continue
                    if nth <= 0:
                        raise SqlError(sqlstate.INVALID_ARGUMENT_FOR_NTH_VALUE_FUNCTION,
                                       "argument of nth_value must be greater than zero")
                    out[members[p]] = arg(positions[nth - 1]) if nth <= len(positions) else None
                elif positions:
                    out[members[p]] = arg(positions[0] if name == "first_value" else positions[-1])
            return
        self._aggregate(call, frames, members, rows, out, ctx)

    def _frame(self, call: WindowCall, p: int, m: int, peer_start: list[int], peer_end: list[int],
               group_no: list[int], members: list[int], rows: list[tuple[Any, ...]],
               okeys: list[tuple[Any, ...]], ctx: Any) -> list[int]:
        fr = call.frame
        if fr.mode == "rows":
            s = self._rows_bound(fr.start, p, m, ctx, True)
            e = self._rows_bound(fr.end, p, m, ctx, False)
        elif fr.mode == "groups":
            s = self._groups_bound(fr.start, p, m, group_no, ctx, True)
            e = self._groups_bound(fr.end, p, m, group_no, ctx, False)
        else:
            s = self._range_bound(call, fr.start, p, m, peer_start, peer_end, members, okeys, ctx, True)
            e = self._range_bound(call, fr.end, p, m, peer_start, peer_end, members, okeys, ctx, False)
        positions = list(range(max(s, 0), min(e, m)))
        if fr.exclude == "current row":
            positions = [q for q in positions if q != p]
        elif fr.exclude == "group":
            positions = [q for q in positions if not (peer_start[p] <= q < peer_end[p])]
        elif fr.exclude == "ties":
            positions = [q for q in positions if q == p or not (peer_start[p] <= q < peer_end[p])]
        return positions

    @staticmethod
    def _rows_bound(b: FrameBound, p: int, m: int, ctx: Any, is_start: bool) -> int:
        if b.kind == "unbounded_preceding":
            return 0
        if b.kind == "unbounded_following":
            return m
        if b.kind == "current":
            return p if is_start else p + 1
        off = _offset_value(b, ctx)
        q = p - off if b.kind == "preceding" else p + off
        return q if is_start else q + 1

    @staticmethod
    def _groups_bound(b: FrameBound, p: int, m: int, group_no: list[int], ctx: Any, is_start: bool) -> int:
        if b.kind == "unbounded_preceding":
            return 0
        if b.kind == "unbounded_following":
            return m
        g = group_no[p]
        if b.kind != "current":
            off = _offset_value(b, ctx)
            g = g - off if b.kind == "preceding" else g + off
        if is_start:
            return next((q for q in range(m) if group_no[q] >= g), m)
        return next((q for q in range(m) if group_no[q] > g), m)

    @staticmethod
    def _range_bound(call: WindowCall, b: FrameBound, p: int, m: int, peer_start: list[int], peer_end: list[int],
                     members: list[int], okeys: list[tuple[Any, ...]], ctx: Any, is_start: bool) -> int:
        if b.kind == "unbounded_preceding":
            return 0
        if b.kind == "unbounded_following":
            return m
        if b.kind == "current":
            return peer_start[p] if is_start else peer_end[p]
        if len(call.order) != 1:
            raise SqlError(sqlstate.WINDOWING_ERROR,
                           "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column")
        off = _offset_value(b, ctx)
        desc = call.order[0][1]
        cur = okeys[members[p]][0]
        if cur is None:
            return peer_start[p] if is_start else peer_end[p]
        forward = (b.kind == "following") != desc
        if hasattr(off, "months"):  # an interval offset on a date/time key
            from sql.datatypes import add_interval, subtract_interval

            target = add_interval(cur, off) if forward else subtract_interval(cur, off)
        else:
            target = cur + off if forward else cur - off
        vals = [okeys[members[q]][0] for q in range(m)]
        if isinstance(target, datetime.datetime) and not isinstance(cur, datetime.datetime):
            # date +/- interval is a timestamp: compare the dates as timestamps at midnight
            vals = [None if v is None else datetime.datetime.combine(v, datetime.time()) for v in vals]
        if is_start:
            for q in range(m):
                v = vals[q]
                if v is None:
                    continue
                if (v >= target) if not desc else (v <= target):
                    return q
            return m
        for q in range(m - 1, -1, -1):
            v = vals[q]
            if v is None:
                continue
            if (v <= target) if not desc else (v >= target):
                return q + 1
        return 0

    def _aggregate(self, call: WindowCall, frames: list[list[int]], members: list[int], rows: list[tuple[Any, ...]],
                   out: list[Any], ctx: Any) -> None:
        d = call.aggregate
        arg_fns = [a.fn for a in call.args]
        filt = call.filter.fn if call.filter is not None else None
        values: list[Any] = []
        for q in range(len(members)):
            row = rows[members[q]]
            if filt is not None and filt(row, ctx) is not True:
                values.append(_SKIP)
                continue
            vals = [f(row, ctx) for f in arg_fns]
            values.append(vals)
        if call.frame.start.kind == "unbounded_preceding" and call.frame.exclude == "no others" \
                and not call.distinct:
            self._running(d, frames, members, values, arg_fns, out)
            return
        cache: dict[tuple[int, ...], Any] = {}
        for p, positions in enumerate(frames):
            key = (positions[0], positions[-1], len(positions)) if positions else ()
            if key in cache and (not positions or positions[-1] - positions[0] + 1 == len(positions)):
                out[members[p]] = cache[key]
                continue
            state = d.factory()
            seen: set[Any] = set()
            for q in positions:
                vals = values[q]
                if vals is _SKIP:
                    continue
                if d.counts_nulls and not arg_fns:
                    state.step(None)
                    continue
                if d.two_args:
                    if vals[0] is None:
                        continue
                    state.step2(vals[0], vals[1])
                    continue
                v = vals[0]
                if v is None and not d.counts_nulls:
                    continue
                if call.distinct:
                    hk = hashable((v,))
                    if hk in seen:
                        continue
                    seen.add(hk)
                state.step(v)
            result = state.final()
            cache[key] = result
            out[members[p]] = result

    @staticmethod
    def _running(d: Any, frames: list[list[int]], members: list[int], values: list[Any], arg_fns: list[Any],
                 out: list[Any]) -> None:
        """Frames that all start at the partition start and only grow: step each row once."""
        state = d.factory()
        done = 0
        for p, positions in enumerate(frames):
            end = positions[-1] + 1 if positions else 0
            if end < done:  # frame shrank (cannot happen for these frames); recompute from scratch
                state, done = d.factory(), 0
            while done < end:
                vals = values[done]
                done += 1
                if vals is _SKIP:
                    continue
                if d.counts_nulls and not arg_fns:
                    state.step(None)
                elif d.two_args:
                    if vals[0] is not None:
                        state.step2(vals[0], vals[1])
                elif vals[0] is not None or d.counts_nulls:
                    state.step(vals[0])
            result = state.final() if end else d.factory().final()
            out[members[p]] = list(result) if isinstance(result, list) else result


_SKIP = object()
