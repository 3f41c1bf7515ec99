"""Hash aggregation: GROUP BY keys (and GROUPING SETS/ROLLUP/CUBE), aggregate calls with
DISTINCT, FILTER and ORDER BY inside the call.

Output row: the group values (NULL for columns outside the current grouping set), then, when
grouping sets are used, the GROUPING() bitmask, then one value per aggregate call.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sql.executor.limit import hashable
from sql.executor.sort import sort_rows
from sql.expr import AggCall, CExpr


class _Ordered:
    """Collects (sort keys, args) and feeds the real state in order at the end."""

    __slots__ = ("items", "call", "state", "order")

    def __init__(self, call: AggCall, state: Any) -> None:
        self.items: list[tuple[tuple[Any, ...], list[Any]]] = []
        self.call = call
        self.state = state
        # DISTINCT without ORDER BY: PostgreSQL sorts the arguments to remove duplicates
        self.order = call.order or [(a, False, None) for a in call.args]

    def final(self) -> Any:
        keys = [(lambda it, j=j: it[0][j], desc, nf, e.type) for j, (e, desc, nf) in enumerate(self.order)]
        try:
            sort_rows(self.items, keys)
        except TypeError:
            if self.call.order:
                raise
            # DISTINCT over values Python cannot order (records with NULLs): deduplicated, unsorted
        d = self.call.definition
        seen: set[Any] = set()
        for _k, vals in self.items:
            if self.call.distinct:
                hk = hashable(tuple(vals))
                if hk in seen:
                    continue
                seen.add(hk)
            if d.two_args:
                self.state.step2(vals[0], vals[1])
            else:
                self.state.step(vals[0])
        return self.state.final()


@dataclass(frozen=True)
class Aggregate:
    child: Any
    group_exprs: tuple[CExpr, ...]
    aggs: tuple[AggCall, ...]
    sets: tuple[tuple[int, ...], ...] | None = None  # grouping sets as indexes into group_exprs

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        group_fns = [g.fn for g in self.group_exprs]
        specs = []
        for call in self.aggs:
            d = call.definition
            arg_fns = [a.fn for a in call.args]
            filt = call.filter.fn if call.filter is not None else None
            order_fns = [o[0].fn for o in call.order]
            if call.distinct and not order_fns and call.args:
                order_fns = arg_fns
            specs.append((d, arg_fns, filt, call.distinct, order_fns, call))
        sets = self.sets if self.sets is not None else (tuple(range(len(group_fns))),)
        ngroup = len(group_fns)
        groups: dict[Any, tuple[tuple[Any, ...], list[Any], list[set[Any] | None]]] = {}

        def new_group(key_vals: tuple[Any, ...]) -> tuple[tuple[Any, ...], list[Any], list[set[Any] | None]]:
            states: list[Any] = []
            seen: list[set[Any] | None] = []
            for d, _a, _f, distinct, order_fns, call in specs:
                st = d.factory()
                if order_fns:
                    st = _Ordered(call, st)
                states.append(st)
                seen.append(set() if distinct and not order_fns else None)
            return (key_vals, states, seen)

        if not group_fns and self.sets is None:  # one group: no key to compute or look up per row
            _key, states, seen = new_group(())
            step = self._step
            for row in self.child.rows(ctx):
                step(specs, states, seen, row, ctx)
            yield tuple(s.final() for s in states)
            return
        for row in self.child.rows(ctx):
            full = tuple(f(row, ctx) for f in group_fns)
            for si, members in enumerate(sets):
                if self.sets is None:
                    key_vals = full
                else:
                    key_vals = tuple(full[i] if i in members else None for i in range(ngroup)) + (si,)
                hk = hashable(key_vals)
                g = groups.get(hk)
                if g is None:
                    g = groups[hk] = new_group(key_vals)
                self._step(specs, g[1], g[2], row, ctx)
        if not groups:
            if self.sets is None and not self.group_exprs:
                groups[()] = new_group(())
            elif self.sets is not None:
                for si, members in enumerate(sets):
                    if not members:
                        groups[("empty", si)] = new_group((None,) * ngroup + (si,))
        for key_vals, states, _seen in groups.values():
            if self.sets is not None:
                si = key_vals[-1]
                members = sets[si]
                mask = 0
                for i in range(ngroup):
                    mask = (mask << 1) | (0 if i in members else 1)
                yield key_vals[:-1] + (mask,) + tuple(s.final() for s in states)
            else:
                yield key_vals + tuple(s.final() for s in states)

    @staticmethod
    def _step(specs: list[Any], states: list[Any], seen: list[set[Any] | None], row: Any, ctx: Any) -> None:
        for i, (d, arg_fns, filt, distinct, order_fns, _call) in enumerate(specs):
            if filt is not None and filt(row, ctx) is not True:
                continue
            if d.counts_nulls and not arg_fns:
                states[i].step(None)
                continue
            vals = [f(row, ctx) for f in arg_fns]
            if order_fns:
                if (vals[0] is None and not d.counts_nulls):
                    continue
                states[i].items.append((tuple(f(row, ctx) for f in order_fns), vals))
                continue
            if d.two_args:
                if vals[0] is None:
                    continue
                if distinct:
                    dk = hashable(tuple(vals))
                    if dk in seen[i]:  # type: ignore[operator]
                        continue
                    seen[i].add(dk)  # type: ignore[union-attr]
                states[i].step2(vals[0], vals[1])
                continue
            v = vals[0]
            if v is None and not d.counts_nulls:
                continue
            if distinct:
                dk = hashable((v,))
                if dk in seen[i]:  # type: ignore[operator]
                    continue
                seen[i].add(dk)  # type: ignore[union-attr]
            states[i].step(v)
