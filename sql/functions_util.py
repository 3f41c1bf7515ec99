"""Helpers shared by the ``sql.functions_*`` builtin-function modules.

* :func:`wants_arg_types` marks a function that wants the resolved argument types: the compiler
  may call it with the keyword ``arg_types=(oid, ...)`` (see the note below); without it the
  function infers types from the Python datums (:func:`infer_oid`), which is exact except for
  ``json`` (a ``str`` like ``text``), ``float4`` (a ``float`` like ``float8``) and the integer
  widths.
* :func:`datum_text` renders a datum with its type's output function (the session's, for
  ``timestamptz`` in the session time zone).
* Small error constructors with PostgreSQL's SQLSTATEs.

Compiler hook for ``wants_arg_types`` (one line in ``ExprCompiler.call``)::

    if getattr(f, "pg_arg_types", False):
        f = functools.partial(f, arg_types=tuple(a.type for a in args))
"""

from __future__ import annotations

import datetime as _dt
import uuid
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.datatypes import Interval, Jsonb
from sql.datatypes.dtcommon import DateTimeInfinity
from sql.errors import SqlError

# sqlstate.NULL_VALUE_NOT_ALLOWED is 39004 (the SQL-routine one); PG's data exception is 22004.
NULL_VALUE_NOT_ALLOWED = "22004"
# the value of a void result (its text output is ''; None would be SQL NULL)
VOID = ""
INT4_MIN, INT4_MAX = -(2**31), 2**31 - 1
INT8_MIN, INT8_MAX = -(2**63), 2**63 - 1


def wants_arg_types(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Mark ``fn`` as accepting ``arg_types=`` (the resolved argument type OIDs)."""
    fn.pg_arg_types = True  # type: ignore[attr-defined]
    return fn


def infer_oid(value: Any) -> int:
    """The most likely type OID of a (non-NULL) datum when the static type is unknown."""
    if isinstance(value, bool):
        return T.BOOL
    if isinstance(value, int):
        return T.INT8 if not INT4_MIN <= value <= INT4_MAX else T.INT4
    if isinstance(value, float):
        return T.FLOAT8
    if isinstance(value, Decimal):
        return T.NUMERIC
    if isinstance(value, str):
        return T.TEXT
    if isinstance(value, (bytes, bytearray, memoryview)):
        return T.BYTEA
    if isinstance(value, _dt.datetime):
        return T.TIMESTAMPTZ if value.tzinfo is not None else T.TIMESTAMP
    if isinstance(value, _dt.date):
        return T.DATE
    if isinstance(value, _dt.time):
        return T.TIME
    if isinstance(value, DateTimeInfinity):
        return T.TIMESTAMP
    if isinstance(value, Interval):
        return T.INTERVAL
    if isinstance(value, uuid.UUID):
        return T.UUID
    if isinstance(value, Jsonb):
        return T.JSONB
    if isinstance(value, list):
        for x in _flat(value):
            if x is not None:
                arr = T.array_type(infer_oid(x))
                if arr:
                    return arr
        return T.array_type(T.TEXT)
    return T.TEXT


def _flat(value: list[Any]) -> list[Any]:
    out: list[Any] = []
    for x in value:
        if isinstance(x, list):
            out.extend(_flat(x))
        else:
            out.append(x)
    return out


def arg_type(arg_types: Sequence[int] | None, i: int, value: Any) -> int:
    """The static type of argument ``i`` when known (and not unknown/ANY), else inferred."""
    if arg_types is not None and i < len(arg_types):
        t = arg_types[i]
        if t not in (T.UNKNOWN, T.ANY, 0):
            return t
    return infer_oid(value)


def output_fn(oid: int, ctx: Any = None) -> Callable[[Any], str]:
    """The text output function of ``oid``, the session's when a context is given."""
    session = getattr(ctx, "session", None)
    if session is not None:
        return session.text_output(oid)
    return T.text_output(oid)


def datum_text(value: Any, oid: int | None = None, ctx: Any = None) -> str:
    """``value`` rendered as the type output function of ``oid`` (inferred when None) does."""
    if oid is None:
        oid = infer_oid(value)
    if isinstance(value, str) and T.category(oid) == "S":
        return value
    return output_fn(oid, ctx)(value)


def session_tz(ctx: Any) -> _dt.tzinfo:
    """The session time zone (UTC without a session)."""
    session = getattr(ctx, "session", None)
    if session is not None:
        return session.timezone()
    return _dt.UTC


def invalid_parameter(message: str, **kw: Any) -> SqlError:
    return SqlError(sqlstate.INVALID_PARAMETER_VALUE, message, **kw)


def out_of_range(message: str) -> SqlError:
    return SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, message)


def check_int4(v: int, message: str = "integer out of range") -> int:
    if not INT4_MIN <= v <= INT4_MAX:
        raise out_of_range(message)
    return v


def check_int8(v: int, message: str = "bigint out of range") -> int:
    if not INT8_MIN <= v <= INT8_MAX:
        raise out_of_range(message)
    return v
