"""Hash aggregation: GROUP BY keys and aggregate calls (with DISTINCT and FILTER)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sql.executor.limit import hashable
from sql.expr import AggCall, CExpr


@dataclass(frozen=True)
class Aggregate:
    child: Any
    group_exprs: tuple[CExpr, ...]
    aggs: tuple[AggCall, ...]

    def rows(self, ctx: Any) -> Iterator[tuple[Any, ...]]:
        group_fns = [g.fn for g in self.group_exprs]
        specs = []
        for call in self.aggs:
            d = call.definition
            arg_fns = [a.fn for a in call.args]
            filt = call.filter.fn if call.filter is not None else None
            specs.append((d, arg_fns, filt, call.distinct))
        groups: dict[Any, tuple[tuple[Any, ...], list[Any], list[set[Any] | None]]] = {}

        def new_group(key_vals: tuple[Any, ...]) -> tuple[tuple[Any, ...], list[Any], list[set[Any] | None]]:
            return (key_vals, [s[0].factory() for s in specs], [set() if s[3] else None for s in specs])

        for row in self.child.rows(ctx):
            key_vals = tuple(f(row, ctx) for f in group_fns)
            hk = hashable(key_vals)
            g = groups.get(hk)
            if g is None:
                g = groups[hk] = new_group(key_vals)
            states, seen = g[1], g[2]
            for i, (d, arg_fns, filt, distinct) in enumerate(specs):
                if filt is not None and filt(row, ctx) is not True:
                    continue
                if d.counts_nulls and not arg_fns:
                    states[i].step(None)
                    continue
                vals = [f(row, ctx) for f in arg_fns]
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
        if not groups and not self.group_exprs:
            groups[()] = new_group(())
        for key_vals, states, _seen in groups.values():
            yield key_vals + tuple(s.final() for s in states)
