"""The builtin scalar function registry and PostgreSQL-style overload resolution.

A function is registered with ``@builtin(name, args, ret)``; ``args`` are type OIDs (or
``T.ANY``), ``ret`` an OID or a callable of the argument types. Session-dependent functions
(current_user, now()) take the execution context as first argument (``needs_ctx=True``).
Aggregates live in :mod:`sql.aggregates`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError


@dataclass(frozen=True)
class Builtin:
    name: str
    args: tuple[int, ...]
    ret: int | Callable[[Sequence[int]], int]
    fn: Callable[..., Any]
    strict: bool = True
    variadic: bool = False  # last arg type repeats
    needs_ctx: bool = False
    volatile: bool = False

    def return_type(self, arg_types: Sequence[int]) -> int:
        return self.ret(arg_types) if callable(self.ret) else self.ret


REGISTRY: dict[str, list[Builtin]] = {}


@dataclass(frozen=True)
class SetReturning:
    """A set-returning function (FROM generate_series(...), SELECT unnest(...)).

    ``fn(*args)`` (or ``fn(ctx, *args)`` with needs_ctx) returns an iterable of tuples, one value
    per output column; ``columns`` gives (name, type OID) per column, or a callable of the
    resolved argument types returning that list."""

    name: str
    args: tuple[int, ...]
    columns: Any
    fn: Callable[..., Any]
    strict: bool = True
    variadic: bool = False
    needs_ctx: bool = False
    volatile: bool = False

    def output_columns(self, arg_types: Sequence[int]) -> list[tuple[str, int]]:
        return self.columns(arg_types) if callable(self.columns) else list(self.columns)


SRF_REGISTRY: dict[str, list[SetReturning]] = {}


def set_returning(name: str, args: Sequence[int], columns: Any, **kw: Any) -> Callable:
    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        for n in name.split("|"):
            SRF_REGISTRY.setdefault(n, []).append(SetReturning(n, tuple(args), columns, fn, **kw))
        return fn

    return deco


def builtin(name: str, args: Sequence[int], ret: int | Callable[[Sequence[int]], int], **kw: Any) -> Callable:
    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        for n in name.split("|"):
            REGISTRY.setdefault(n, []).append(Builtin(n, tuple(args), ret, fn, **kw))
        return fn

    return deco


def _arity_ok(b: Builtin, n: int) -> bool:
    if b.variadic:
        return n >= len(b.args) - 1
    return n == len(b.args)


def _param_types(b: Builtin, n: int) -> list[int]:
    if b.variadic and n >= len(b.args):
        return list(b.args[:-1]) + [b.args[-1]] * (n - len(b.args) + 1)
    return list(b.args[:n])


def resolve_function(name: str, arg_types: Sequence[int]) -> tuple[Builtin, list[int]]:
    """Pick an overload as PG's func_select_candidate would, in simplified form.

    Returns the builtin and the types each argument must be coerced to."""
    return resolve_function_in(REGISTRY, name, arg_types)


#: Built-in functions taking an anyarray at the given argument position (registered with ANY).
_ARRAY_ARGUMENT = {
    "array_append": 0, "array_cat": 0, "array_position": 0, "array_positions": 0, "array_replace": 0,
    "array_remove": 0, "array_to_string": 0, "unnest": 0, "trim_array": 0, "cardinality": 0, "array_length": 0,
    "array_lower": 0, "array_upper": 0, "array_dims": 0, "array_ndims": 0, "generate_subscripts": 0,
    "array_to_json": 0, "array_prepend": 1,
}


def _scalar_for_anyarray(at: int) -> bool:
    """A built-in type that can never match an anyarray parameter."""
    return at < 10000 and not T.is_array(at) and (T.category(at) in ("N", "S", "D", "B", "T")
                                                   or at in (T.JSON, T.JSONB))


def resolve_function_in(registry: dict[str, list[Any]], name: str, arg_types: Sequence[int]) -> tuple[Any, list[int]]:
    cands = [b for b in registry.get(name, ()) if _arity_ok(b, len(arg_types))]
    if not cands:
        raise undefined_function(name, arg_types)
    pos = _ARRAY_ARGUMENT.get(name)
    if pos is not None and pos < len(arg_types) and _scalar_for_anyarray(arg_types[pos]):
        raise undefined_function(name, arg_types)
    scored: list[tuple[int, int, int, Builtin, list[int]]] = []
    for b in cands:
        params = _param_types(b, len(arg_types))
        concrete = sum(1 for pt in params if pt != T.ANY)  # ties go to the non-polymorphic overload
        exact = 0
        preferred = 0
        ok = True
        resolved: list[int] = []
        for at, pt in zip(arg_types, params):
            if pt == T.ANY:
                resolved.append(at if at != T.UNKNOWN else T.TEXT)
                exact += 1
                continue
            if at == pt:
                exact += 1
            elif at == T.UNKNOWN:
                if T.category(pt) == "S":
                    preferred += 1
            elif T.implicit_castable(at, pt):
                if pt in (T.FLOAT8, T.TEXT, T.TIMESTAMPTZ, T.NUMERIC):
                    preferred += 1
            else:
                ok = False
                break
            resolved.append(pt)
        if ok:
            scored.append((exact, preferred, concrete, b, resolved))
    if not scored:
        raise undefined_function(name, arg_types)
    scored.sort(key=lambda s: (s[0], s[1], s[2]), reverse=True)
    return scored[0][3], scored[0][4]


def undefined_function(name: str, arg_types: Sequence[int]) -> SqlError:
    sig = ", ".join(T.type_name(t) for t in arg_types)
    return SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {name}({sig}) does not exist",
                    hint="No function matches the given name and argument types. "
                         "You might need to add explicit type casts.")


def same_as_first(types: Sequence[int]) -> int:
    return types[0] if types else T.TEXT


# ---- session / system information ----------------------------------------------------------
@builtin("version", (), T.TEXT, needs_ctx=True)
def _version(ctx: Any) -> str:
    return ctx.session.version_string()


@builtin("current_database", (), T.NAME, needs_ctx=True)
def _current_database(ctx: Any) -> str:
    return ctx.session.database_name


@builtin("current_user|user|current_role", (), T.NAME, needs_ctx=True)
def _current_user(ctx: Any) -> str:
    return ctx.session.current_user_name()


@builtin("session_user", (), T.NAME, needs_ctx=True)
def _session_user(ctx: Any) -> str:
    return ctx.session.session_user_name()


@builtin("current_schema", (), T.NAME, needs_ctx=True, strict=False)
def _current_schema(ctx: Any) -> str | None:
    return ctx.session.current_schema()


@builtin("pg_backend_pid", (), T.INT4, needs_ctx=True)
def _backend_pid(ctx: Any) -> int:
    return ctx.session.backend_pid


@builtin("current_setting", (T.TEXT,), T.TEXT, needs_ctx=True)
def _current_setting(ctx: Any, name: str) -> str:
    return ctx.session.settings.show(name.lower())


@builtin("current_setting", (T.TEXT, T.BOOL), T.TEXT, needs_ctx=True)
def _current_setting_missing(ctx: Any, name: str, missing_ok: bool) -> str | None:
    try:
        return ctx.session.settings.show(name.lower())
    except SqlError:
        if missing_ok:
            return None
        raise


@builtin("set_config", (T.TEXT, T.TEXT, T.BOOL), T.TEXT, needs_ctx=True, volatile=True)
def _set_config(ctx: Any, name: str, value: str, is_local: bool) -> str:
    ctx.session.settings.set(name.lower(), value, local=is_local)
    return ctx.session.settings.show(name.lower())


@builtin("now|transaction_timestamp|current_timestamp", (), T.TIMESTAMPTZ, needs_ctx=True)
def _now(ctx: Any) -> Any:
    return ctx.session.transaction_timestamp()


@builtin("statement_timestamp", (), T.TIMESTAMPTZ, needs_ctx=True)
def _stmt_ts(ctx: Any) -> Any:
    return ctx.statement_timestamp


@builtin("clock_timestamp", (), T.TIMESTAMPTZ, volatile=True)
def _clock_ts() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


@builtin("current_date", (), T.DATE, needs_ctx=True)
def _current_date(ctx: Any) -> Any:
    return ctx.session.transaction_timestamp().astimezone(ctx.session.timezone()).date()


@builtin("localtimestamp", (), T.TIMESTAMP, needs_ctx=True)
def _localtimestamp(ctx: Any) -> Any:
    return ctx.session.transaction_timestamp().astimezone(ctx.session.timezone()).replace(tzinfo=None)


# ---- strings ---------------------------------------------------------------------------------
@builtin("lower", (T.TEXT,), T.TEXT)
def _lower(s: str) -> str:
    # character by character, like the C library PostgreSQL uses (simple mappings: 'İ' -> 'i', not 'i̇')
    return "".join((c if c != "\u0130" else "i") if len(lc := c.lower()) != 1 else lc for c in s) \
        if not s.isascii() else s.lower()


@builtin("upper", (T.TEXT,), T.TEXT)
def _upper(s: str) -> str:
    # 'ß'.upper() is 'SS' in Python; PostgreSQL (towupper per character) keeps 'ß'
    return "".join(c if len(uc := c.upper()) != 1 else uc for c in s) if not s.isascii() else s.upper()


@builtin("length|char_length|character_length", (T.TEXT,), T.INT4)
def _length(s: str) -> int:
    return len(s)


@builtin("length", (T.BYTEA,), T.INT4)
def _length_bytea(b: bytes) -> int:
    return len(b)


@builtin("octet_length", (T.TEXT,), T.INT4)
def _octet_length(s: str) -> int:
    return len(s.encode())


@builtin("concat", (T.ANY,), T.TEXT, strict=False, variadic=True, needs_ctx=True)
def _concat(ctx: Any, *args: Any) -> str:
    return "".join(ctx.to_text(a) for a in args if a is not None)


@builtin("substr|substring", (T.TEXT, T.INT4), T.TEXT)
def _substr2(s: str, start: int) -> str:
    return s[max(start - 1, 0):]


@builtin("substr|substring", (T.TEXT, T.INT4, T.INT4), T.TEXT)
def _substr3(s: str, start: int, count: int) -> str:
    if count < 0:
        raise SqlError(sqlstate.SUBSTRING_ERROR, "negative substring length not allowed")
    end = start - 1 + count
    return s[max(start - 1, 0):max(end, 0)]


@builtin("trim|btrim", (T.TEXT,), T.TEXT)
def _btrim(s: str) -> str:
    return s.strip(" ")


@builtin("trim|btrim", (T.TEXT, T.TEXT), T.TEXT)
def _btrim2(s: str, chars: str) -> str:
    return s.strip(chars)


@builtin("ltrim", (T.TEXT,), T.TEXT)
def _ltrim(s: str) -> str:
    return s.lstrip(" ")


@builtin("rtrim", (T.TEXT,), T.TEXT)
def _rtrim(s: str) -> str:
    return s.rstrip(" ")


@builtin("replace", (T.TEXT, T.TEXT, T.TEXT), T.TEXT)
def _replace(s: str, a: str, b: str) -> str:
    return s.replace(a, b) if a else s


@builtin("position|strpos", (T.TEXT, T.TEXT), T.INT4)
def _strpos(s: str, sub: str) -> int:
    return s.find(sub) + 1


@builtin("left", (T.TEXT, T.INT4), T.TEXT)
def _left(s: str, n: int) -> str:
    return s[:n] if n >= 0 else s[:n]


@builtin("right", (T.TEXT, T.INT4), T.TEXT)
def _right(s: str, n: int) -> str:
    if n >= 0:
        return s[len(s) - n:] if n else ""
    return s[-n:]


@builtin("repeat", (T.TEXT, T.INT4), T.TEXT)
def _repeat(s: str, n: int) -> str:
    return s * max(n, 0)


@builtin("reverse", (T.TEXT,), T.TEXT)
def _reverse(s: str) -> str:
    return s[::-1]


@builtin("md5", (T.TEXT,), T.TEXT)
def _md5(s: str) -> str:
    import hashlib

    return hashlib.md5(s.encode()).hexdigest()


@builtin("gen_random_uuid", (), T.UUID, volatile=True)
def _gen_random_uuid() -> Any:
    import uuid

    return uuid.uuid4()


@builtin("random", (), T.FLOAT8, volatile=True)
def _random() -> float:
    import random

    return random.random()


# ---- math ------------------------------------------------------------------------------------
@builtin("abs", (T.INT4,), T.INT4)
def _abs4(x: int) -> int:
    if x == -(2**31):
        raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range")
    return abs(x)


@builtin("abs", (T.INT8,), T.INT8)
def _abs8(x: int) -> int:
    if x == -(2**63):
        raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range")
    return abs(x)


@builtin("abs", (T.NUMERIC,), T.NUMERIC)
def _absn(x: Decimal) -> Decimal:
    return abs(x)


@builtin("abs", (T.FLOAT8,), T.FLOAT8)
def _absf(x: float) -> float:
    return abs(x)


@builtin("round", (T.NUMERIC,), T.NUMERIC)
def _round_n(x: Decimal) -> Decimal:
    from sql.functions_math import round_numeric

    return round_numeric(x, 0)


@builtin("round", (T.NUMERIC, T.INT4), T.NUMERIC)
def _round_ns(x: Decimal, s: int) -> Decimal:
    from sql.functions_math import round_numeric

    return round_numeric(x, s)


@builtin("round", (T.FLOAT8,), T.FLOAT8)
def _round_f(x: float) -> float:
    return float(Decimal(x).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)) if math.isfinite(x) else x


@builtin("trunc", (T.NUMERIC,), T.NUMERIC)
def _trunc_n(x: Decimal) -> Decimal:
    return Decimal(int(x)) if x.is_finite() else x


@builtin("trunc", (T.FLOAT8,), T.FLOAT8)
def _trunc_f(x: float) -> float:
    return float(math.trunc(x)) if math.isfinite(x) else x


@builtin("floor", (T.NUMERIC,), T.NUMERIC)
def _floor_n(x: Decimal) -> Decimal:
    return Decimal(math.floor(x)) if x.is_finite() else x


@builtin("floor", (T.FLOAT8,), T.FLOAT8)
def _floor_f(x: float) -> float:
    return float(math.floor(x)) if math.isfinite(x) else x


@builtin("ceil|ceiling", (T.NUMERIC,), T.NUMERIC)
def _ceil_n(x: Decimal) -> Decimal:
    return Decimal(math.ceil(x)) if x.is_finite() else x


@builtin("ceil|ceiling", (T.FLOAT8,), T.FLOAT8)
def _ceil_f(x: float) -> float:
    return math.copysign(float(math.ceil(x)), x) if math.isfinite(x) else x  # ceil(-0.5) is -0


@builtin("sqrt", (T.FLOAT8,), T.FLOAT8)
def _sqrt(x: float) -> float:
    if x < 0:
        raise SqlError(sqlstate.INVALID_ARGUMENT_FOR_POWER_FUNCTION, "cannot take square root of a negative number")
    return math.sqrt(x)


@builtin("mod", (T.INT4, T.INT4), T.INT4)
def _mod4(a: int, b: int) -> int:
    from sql.operators import _int_mod

    return _int_mod(a, b)


@builtin("mod", (T.INT8, T.INT8), T.INT8)
def _mod8(a: int, b: int) -> int:
    from sql.operators import _int_mod

    return _int_mod(a, b)


@builtin("mod", (T.NUMERIC, T.NUMERIC), T.NUMERIC)
def _modn(a: Decimal, b: Decimal) -> Decimal:
    from sql.operators import numeric_mod

    return numeric_mod(a, b)


@builtin("power|pow", (T.FLOAT8, T.FLOAT8), T.FLOAT8)
def _power(a: float, b: float) -> float:
    from sql.operators import _float_pow

    return _float_pow(a, b)


@builtin("pi", (), T.FLOAT8)
def _pi() -> float:
    return math.pi


# ---- types -----------------------------------------------------------------------------------
@builtin("pg_typeof", (T.ANY,), T.REGTYPE, strict=False, needs_ctx=True)
def _pg_typeof(ctx: Any, _value: Any) -> int:  # replaced by the compiler with the static type
    raise AssertionError("pg_typeof is compiled specially")


# ---- sequences -------------------------------------------------------------------------------
@builtin("nextval", (T.REGCLASS,), T.INT8, needs_ctx=True, volatile=True)
def _nextval(ctx: Any, seq: int) -> int:
    return ctx.session.nextval(seq)


@builtin("currval", (T.REGCLASS,), T.INT8, needs_ctx=True, volatile=True)
def _currval(ctx: Any, seq: int) -> int:
    return ctx.session.currval(seq)


@builtin("setval", (T.REGCLASS, T.INT8), T.INT8, needs_ctx=True, volatile=True)
def _setval(ctx: Any, seq: int, value: int) -> int:
    return ctx.session.setval(seq, value)


@builtin("setval", (T.REGCLASS, T.INT8, T.BOOL), T.INT8, needs_ctx=True, volatile=True)
def _setval3(ctx: Any, seq: int, value: int, is_called: bool) -> int:
    return ctx.session.setval(seq, value, is_called)


# function library modules
from sql import (  # noqa: E402
    functions_admin,  # noqa: E402,F401
    functions_array,  # noqa: E402,F401
    functions_bits,  # noqa: E402,F401
    functions_bytea,  # noqa: E402,F401
    functions_catalog,  # noqa: E402,F401
    functions_datetime,  # noqa: E402,F401
    functions_dtfields,  # noqa: E402,F401
    functions_dtfmt,  # noqa: E402,F401
    functions_dtparse,  # noqa: E402,F401
    functions_encoding,  # noqa: E402,F401
    functions_format,  # noqa: E402,F401
    functions_geometry,  # noqa: E402,F401
    functions_infoschema,  # noqa: E402,F401
    functions_json,  # noqa: E402,F401
    functions_math,  # noqa: E402,F401
    functions_multirange,  # noqa: E402,F401
    functions_network,  # noqa: E402,F401
    functions_notify,  # noqa: E402,F401
    functions_numfmt,  # noqa: E402,F401
    functions_range,  # noqa: E402,F401
    functions_regexp,  # noqa: E402,F401
    functions_series,  # noqa: E402,F401
    functions_string,  # noqa: E402,F401
    functions_system,  # noqa: E402,F401
    functions_tonumber,  # noqa: E402,F401
    functions_tsearch,  # noqa: E402,F401
)


@builtin("lastval", (), T.INT8, needs_ctx=True, volatile=True)
def _lastval(ctx: Any) -> int:
    last = getattr(ctx.session, "_last_seq", None)
    if last is None:
        raise SqlError(sqlstate.OBJECT_NOT_IN_PREREQUISITE_STATE, "lastval is not yet defined in this session")
    return last[1]
