"""Aggregate functions: state classes with step/final, and their type resolution.

``resolve_aggregate(name, arg_types)`` returns an :class:`AggregateDef` whose ``factory``
makes a fresh state per group. Steps receive non-null values only unless the aggregate
counts rows (count(*)); NULL handling and DISTINCT are done by the Aggregate executor node.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.aggregates_multirange import RANGE_AGGREGATES, range_aggregate
from sql.aggregates_regr import REGR_AGGREGATES, RegrState
from sql.errors import SqlError
from sql.operators import numeric_div


class _Count:
    __slots__ = ("n",)

    def __init__(self) -> None:
        self.n = 0

    def step(self, _v: Any) -> None:
        self.n += 1

    def final(self) -> int:
        return self.n


class _Sum:
    __slots__ = ("s",)

    def __init__(self) -> None:
        self.s: Any = None

    def step(self, v: Any) -> None:
        self.s = v if self.s is None else self.s + v

    def final(self) -> Any:
        return self.s


class _SumNumeric(_Sum):
    __slots__ = ()

    def step(self, v: Any) -> None:
        with localcontext() as ctx:
            ctx.prec = 1100
            self.s = Decimal(v) if self.s is None else self.s + v


class _SumInt8(_Sum):
    """sum(int8) returns numeric."""

    __slots__ = ()

    def final(self) -> Any:
        return None if self.s is None else Decimal(self.s)


class _SumInt4(_Sum):
    __slots__ = ()

    def final(self) -> Any:
        if self.s is not None and not -(2**63) <= self.s < 2**63:
            raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range")
        return self.s


class _Avg:
    __slots__ = ("s", "n", "kind")

    def __init__(self, kind: str) -> None:
        self.s: Any = 0
        self.n = 0
        self.kind = kind

    def step(self, v: Any) -> None:
        self.s = v if self.n == 0 else self.s + v
        self.n += 1

    def final(self) -> Any:
        if self.n == 0:
            return None
        if self.kind == "float":
            return self.s / self.n
        if self.kind == "interval":
            return self.s / self.n
        return numeric_div(Decimal(self.s), Decimal(self.n))


class _MinMax:
    __slots__ = ("v", "is_max")

    def __init__(self, is_max: bool) -> None:
        self.v: Any = None
        self.is_max = is_max

    def step(self, v: Any) -> None:
        cur = self.v
        if cur is None or (v > cur if self.is_max else v < cur):
            self.v = v

    def final(self) -> Any:
        return self.v


class _BoolAnd:
    __slots__ = ("v",)

    def __init__(self) -> None:
        self.v: bool | None = None

    def step(self, v: bool) -> None:
        self.v = v if self.v is None else (self.v and v)

    def final(self) -> bool | None:
        return self.v


class _BoolOr(_BoolAnd):
    __slots__ = ()

    def step(self, v: bool) -> None:
        self.v = v if self.v is None else (self.v or v)


class _StringAgg:
    __slots__ = ("parts", "seps")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.seps: list[str] = []

    def step2(self, v: str, sep: str | None) -> None:
        self.seps.append(sep or "")
        self.parts.append(v)

    def final(self) -> str | None:
        if not self.parts:
            return None
        out = [self.parts[0]]
        for sep, p in zip(self.seps[1:], self.parts[1:]):
            out.append(sep)
            out.append(p)
        return "".join(out)


class _ArrayAgg:
    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[Any] = []

    def step(self, v: Any) -> None:
        self.items.append(v)

    def final(self) -> list[Any] | None:
        return self.items if self.items else None


class _ArrayAggArrays(_ArrayAgg):
    """array_agg(anyarray): the inputs become the sub-arrays of a one-higher-dimensional array."""

    __slots__ = ("shape",)

    def __init__(self) -> None:
        super().__init__()
        self.shape: list[int] | None = None

    def step(self, v: Any) -> None:
        from sql.datatypes.arrays import array_dims

        if v is None:
            raise SqlError(sqlstate.NULL_VALUE_NOT_ALLOWED, "cannot accumulate null arrays")
        shape = array_dims(v)
        if self.shape is None:
            if not shape:
                raise SqlError(sqlstate.ARRAY_SUBSCRIPT_ERROR, "cannot accumulate empty arrays")
            self.shape = shape
        elif shape != self.shape:
            raise SqlError(sqlstate.ARRAY_SUBSCRIPT_ERROR, "cannot accumulate arrays of different dimensionality")
        self.items.append(list(v))


@dataclass(frozen=True)
class AggregateDef:
    name: str
    return_type: int
    arg_types: tuple[int, ...]
    factory: Callable[[], Any]
    counts_nulls: bool = False  # count(*) style: step gets called for every row
    two_args: bool = False  # step2(a, b): string_agg


AGGREGATE_NAMES = {"count", "sum", "avg", "min", "max", "bool_and", "bool_or", "every", "string_agg",
                   "array_agg", "bit_and", "bit_or", "bit_xor", "stddev", "stddev_samp", "stddev_pop", "variance",
                   "var_samp", "var_pop", "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg",
                   "percentile_cont", "percentile_disc", "mode"} | REGR_AGGREGATES | RANGE_AGGREGATES


class _Bits:
    __slots__ = ("v", "op")

    def __init__(self, op: Callable[[int, int], int]) -> None:
        self.v: int | None = None
        self.op = op

    def step(self, x: int) -> None:
        self.v = x if self.v is None else self.op(self.v, x)

    def final(self) -> int | None:
        return self.v


class _Moments:
    """stddev/variance: exact in numeric for integer and numeric input, float8 otherwise."""

    __slots__ = ("n", "s", "s2", "kind", "exact")

    def __init__(self, kind: str, exact: bool) -> None:
        self.n = 0
        self.s: Any = 0
        self.s2: Any = 0
        self.kind = kind
        self.exact = exact

    def step(self, v: Any) -> None:
        if self.exact:
            v = Decimal(v)
        self.n += 1
        self.s += v
        self.s2 += v * v

    def final(self) -> Any:
        n = self.n
        pop = self.kind.endswith("_pop")
        if n == 0 or (n == 1 and not pop):
            return None
        if not self.exact:
            var = (self.s2 - self.s * self.s / n) / (n if pop else n - 1)
            var = max(var, 0.0)
            return var ** 0.5 if self.kind.startswith("stddev") else var
        with localcontext() as ctx:
            ctx.prec = 1100
            num = self.s2 * n - self.s * self.s
            if num <= 0:  # all values equal: PG answers a plain 0 (scale 0)
                return Decimal(0)
            den = Decimal(n * (n if pop else n - 1))
            var = numeric_div(num, den)
            if not self.kind.startswith("stddev"):
                return var
            from sql.functions_math import sqrt_n

            return sqrt_n(var)


class _JsonAgg:
    __slots__ = ("items", "oid", "binary", "pairs")

    def __init__(self, oid: int, binary: bool, pairs: bool = False) -> None:
        self.items: list[Any] = []
        self.oid = oid
        self.binary = binary
        self.pairs = pairs

    def step(self, v: Any) -> None:
        self.items.append(v)

    def step2(self, k: Any, v: Any) -> None:
        self.items.append((k, v))

    def final(self) -> Any:
        from sql import functions_json as fj

        if not self.items:
            return None
        if self.pairs:
            if self.binary:
                from sql.datatypes import Jsonb

                return Jsonb({str(k): fj.to_jsonb_value(v, self.oid)
                              for k, v in self.items})
            return "{ " + ", ".join(f"{fj.to_json_text(str(k), T.TEXT)} : "
                                    f"{fj.to_json_text(v, self.oid) if v is not None else 'null'}"
                                    for k, v in self.items) + " }"
        if self.binary:
            from sql.datatypes import Jsonb

            return Jsonb([fj.to_jsonb_value(v, self.oid) for v in self.items])
        # json_agg puts a line break before each structured (array or record) element but the first
        structured = T.is_array(self.oid) or self.oid == T.RECORD
        parts = []
        for i, v in enumerate(self.items):
            text = fj.to_json_text(v, self.oid) if v is not None else "null"
            parts.append(("\n " if structured and i and v is not None else "") + text)
        return "[" + ", ".join(parts) + "]"


def resolve_aggregate(name: str, arg_types: list[int], star: bool = False) -> AggregateDef:
    if name == "count":
        if star or not arg_types:
            return AggregateDef("count", T.INT8, (), _Count, counts_nulls=True)
        return AggregateDef("count", T.INT8, (arg_types[0],), _Count)
    if name in ("json_object_agg", "jsonb_object_agg") and len(arg_types) == 2:
        binary = name == "jsonb_object_agg"
        vt = arg_types[1] if arg_types[1] != T.UNKNOWN else T.TEXT
        kt = arg_types[0] if arg_types[0] != T.UNKNOWN else T.TEXT
        return AggregateDef(name, T.JSONB if binary else T.JSON, (kt, vt), lambda: _JsonAgg(vt, binary, True),
                            two_args=True)
    if name in REGR_AGGREGATES and len(arg_types) == 2:
        if not all(T.category(a) == "N" or a == T.UNKNOWN for a in arg_types):
            raise _undefined(name, arg_types)
        rt = T.INT8 if name == "regr_count" else T.FLOAT8
        return AggregateDef(name, rt, (T.FLOAT8, T.FLOAT8), lambda: RegrState(name), two_args=True)
    if len(arg_types) != (2 if name == "string_agg" else 1):
        raise _undefined(name, arg_types)
    t = arg_types[0]
    if t == T.UNKNOWN:
        t = T.TEXT
    if name in RANGE_AGGREGATES:
        found = range_aggregate(name, t)
        if found is not None:
            return AggregateDef(name, found[0], (t,), found[1])
    if name == "sum":
        if t in (T.INT2, T.INT4):
            return AggregateDef(name, T.INT8, (t,), _SumInt4)
        if t == T.INT8:
            return AggregateDef(name, T.NUMERIC, (t,), _SumInt8)
        if t == T.NUMERIC:
            return AggregateDef(name, T.NUMERIC, (t,), _SumNumeric)
        if t in (T.FLOAT4, T.FLOAT8):
            return AggregateDef(name, t, (t,), _Sum)
        if t == T.INTERVAL:
            return AggregateDef(name, t, (t,), _Sum)
    if name == "avg":
        if t in (T.INT2, T.INT4, T.INT8, T.NUMERIC):
            return AggregateDef(name, T.NUMERIC, (t,), lambda: _Avg("numeric"))
        if t in (T.FLOAT4, T.FLOAT8):
            return AggregateDef(name, T.FLOAT8, (T.FLOAT8,), lambda: _Avg("float"))
        if t == T.INTERVAL:
            return AggregateDef(name, T.INTERVAL, (t,), lambda: _Avg("interval"))
    if name in ("min", "max"):
        if T.category(t) in ("N", "S", "D", "T", "E", "I") or t in (T.UUID, T.BYTEA, T.OID, T.INTERVAL) \
                or T.is_array(t):
            is_max = name == "max"
            rt = T.TEXT if t in (T.VARCHAR, T.NAME) else t
            return AggregateDef(name, rt, (t,), lambda: _MinMax(is_max))
    if name in ("bool_and", "every") and t == T.BOOL:
        return AggregateDef(name, T.BOOL, (T.BOOL,), _BoolAnd)
    if name == "bool_or" and t == T.BOOL:
        return AggregateDef(name, T.BOOL, (T.BOOL,), _BoolOr)
    if name == "string_agg" and T.category(t) == "S":
        return AggregateDef(name, T.TEXT, (T.TEXT, T.TEXT), _StringAgg, two_args=True)
    if name == "string_agg" and t == T.BYTEA:
        return AggregateDef(name, T.BYTEA, (T.BYTEA, T.BYTEA), _StringAgg, two_args=True)
    if name == "array_agg":
        arr = t if T.is_array(t) else T.array_type(t)
        if arr:
            return AggregateDef(name, arr, (t,), _ArrayAggArrays if T.is_array(t) else _ArrayAgg, counts_nulls=True)
    if name in ("bit_and", "bit_or", "bit_xor") and t in T.INT_TYPES:
        import operator

        op = {"bit_and": operator.and_, "bit_or": operator.or_, "bit_xor": operator.xor}[name]
        return AggregateDef(name, t, (t,), lambda: _Bits(op))
    if name in ("stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop"):
        kind = {"stddev": "stddev_samp", "variance": "var_samp"}.get(name, name)
        if t in T.INT_TYPES or t == T.NUMERIC:
            return AggregateDef(name, T.NUMERIC, (t,), lambda: _Moments(kind, True))
        if t in (T.FLOAT4, T.FLOAT8):
            return AggregateDef(name, T.FLOAT8, (T.FLOAT8,), lambda: _Moments(kind, False))
    if name in ("json_agg", "jsonb_agg"):
        binary = name == "jsonb_agg"
        return AggregateDef(name, T.JSONB if binary else T.JSON, (t,), lambda: _JsonAgg(t, binary),
                            counts_nulls=True)
    raise _undefined(name, arg_types)


def _undefined(name: str, arg_types: list[int]) -> SqlError:
    sig = ", ".join(T.type_name(t) for t in arg_types)
    return SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {name}({sig}) does not exist",
                    hint="No function matches the given name and argument types. "
                         "You might need to add explicit type casts.")


class _Collect:
    __slots__ = ("items", "finish")

    def __init__(self, finish: Callable[[list[Any]], Any]) -> None:
        self.items: list[Any] = []
        self.finish = finish

    def step(self, v: Any) -> None:
        if v is not None:
            self.items.append(v)

    def final(self) -> Any:
        return self.finish(self.items) if self.items else None


def _check_fraction(f: float) -> float:
    if not 0 <= f <= 1:
        raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, f"percentile value {f:g} is not between 0 and 1")
    return f


def ordered_set_aggregate(name: str, value: Any, fraction: Any, compiler: Any) -> tuple[AggregateDef, Any]:
    """percentile_cont / percentile_disc / mode ... WITHIN GROUP (ORDER BY value). Items arrive sorted."""
    import math

    if fraction is not None and not fraction.const:
        from sql.errors import feature_not_supported

        raise feature_not_supported("a non-constant percentile fraction")
    f = None if fraction is None else fraction.value
    if name == "mode":
        def mode(items: list[Any]) -> Any:
            best, best_n, cur, cur_n = None, 0, None, 0
            for v in items:
                if cur_n and v == cur:
                    cur_n += 1
                else:
                    cur, cur_n = v, 1
                if cur_n > best_n:
                    best, best_n = cur, cur_n
            return best
        return AggregateDef("mode", value.type, (value.type,), lambda: _Collect(mode)), value
    many = fraction is not None and T.is_array(fraction.type)
    if f is None:
        return AggregateDef(name, T.FLOAT8, (T.FLOAT8,), lambda: _Collect(lambda items: None)), value
    fractions = [x if x is None else _check_fraction(x) for x in _flatten(f)] if many else [_check_fraction(f)]

    def over_fractions(one: Callable[[list[Any], float], Any]) -> Callable[[list[Any]], Any]:
        if many:
            return lambda items: [None if x is None else one(items, x) for x in fractions]
        return lambda items: one(items, fractions[0])

    if name == "percentile_disc":
        def disc(items: list[Any], x: float) -> Any:
            n = len(items)
            idx = max(math.ceil(x * n) - 1, 0)
            return items[min(idx, n - 1)]
        rtype = T.array_type(value.type) if many else value.type
        return AggregateDef(name, rtype, (value.type,), lambda: _Collect(over_fractions(disc))), value
    if value.type != T.INTERVAL:
        value = compiler.coerce(value, T.FLOAT8)

    def cont(items: list[Any], x: float) -> Any:
        n = len(items)
        pos = x * (n - 1)
        lo = math.floor(pos)
        hi = math.ceil(pos)
        if lo == hi:
            return items[lo]
        return items[lo] + (items[hi] - items[lo]) * (pos - lo)

    rtype = T.array_type(value.type) if many else value.type
    return AggregateDef(name, rtype, (value.type,), lambda: _Collect(over_fractions(cont))), value


def _flatten(v: Any) -> list[Any]:
    if isinstance(v, list):
        return [y for x in v for y in _flatten(x)]
    return [v]
