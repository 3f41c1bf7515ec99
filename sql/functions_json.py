"""JSON construction: to_json/to_jsonb, json(b)_build_object/array, json(b)_object, and the
``JSON_OPERATORS`` table (implementations in :mod:`sql.functions_jsonops`).

SQL values render as PostgreSQL's ``datum_to_json`` does: numbers raw (NaN/Infinity quoted),
booleans, dates and timestamps in XSD form (``2020-01-02T03:04:05.5``, timestamptz in the
session time zone with ``+hh:mm``), json verbatim, jsonb canonical, arrays as nested JSON arrays,
everything else as its quoted text output. to_jsonb turns float8 into numbers via their text
(``1e+20`` -> ``100000000000000000000``). The static argument types are used when the compiler
supplies them (``arg_types``), otherwise they are inferred from the datums (a ``str`` is text,
never json).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.datatypes import Jsonb
from sql.datatypes.dtcommon import DateTimeInfinity, utc_to_local
from sql.datatypes.json_parse import escape_json, parse_json
from sql.errors import SqlError
from sql.functions import builtin
from sql.functions_jsonops import (
    json_op_arrow,
    json_op_arrow_text,
    json_op_path,
    json_op_path_text,
    jsonb_concat,
    jsonb_contained,
    jsonb_contains,
    jsonb_delete_index,
    jsonb_delete_key,
    jsonb_delete_keys,
    jsonb_delete_path,
    jsonb_exists,
    jsonb_exists_all,
    jsonb_exists_any,
    jsonb_op_arrow,
    jsonb_op_arrow_text,
    jsonb_op_path,
    jsonb_op_path_text,
)
from sql.functions_util import (
    NULL_VALUE_NOT_ALLOWED,
    arg_type,
    infer_oid,
    invalid_parameter,
    output_fn,
    session_tz,
    wants_arg_types,
)

_NUMERIC_TYPES = (T.INT2, T.INT4, T.INT8, T.OID, T.NUMERIC, T.FLOAT4, T.FLOAT8)
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\Z")
TEXT_ARRAY = T.array_type(T.TEXT)


def _xsd_seconds(t: _dt.datetime | _dt.time) -> str:
    s = f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}"
    if t.microsecond:
        s += f".{t.microsecond:06d}".rstrip("0")
    return s


def _xsd_offset(secs: int) -> str:
    sign = "-" if secs < 0 else "+"
    secs = abs(secs)
    h, rem = divmod(secs, 3600)
    m, s = divmod(rem, 60)
    return f"{sign}{h:02d}:{m:02d}" + (f":{s:02d}" if s else "")


def xsd_datetime(value: Any, oid: int, ctx: Any) -> str:
    """PG's EncodeDateTime/EncodeDateOnly with USE_XSD_DATES (unquoted)."""
    if isinstance(value, DateTimeInfinity):
        return str(value)
    if oid == T.DATE:
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if oid == T.TIMESTAMPTZ:
        local, off = utc_to_local(value, session_tz(ctx))
        return f"{local.year:04d}-{local.month:02d}-{local.day:02d}T{_xsd_seconds(local)}{_xsd_offset(off)}"
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{_xsd_seconds(value)}"


def _elem_oid(oid: int, sample: Any) -> int:
    e = T.element_type(oid) if oid else 0
    return e if e else infer_oid(sample)


def to_json_text(value: Any, oid: int, ctx: Any = None) -> str:
    """``datum_to_json``: the JSON text of one SQL value of type ``oid``."""
    if value is None:
        return "null"
    if oid == T.JSON:
        return value
    if oid == T.JSONB or isinstance(value, Jsonb):
        return str(value)
    if isinstance(value, tuple):
        from sql.functions_jsonrow import record_json_text

        return record_json_text(value, ctx)
    if isinstance(value, list):
        elem = T.element_type(oid) if T.is_array(oid) else 0
        return "[" + ",".join(to_json_text(v, elem or infer_oid(v), ctx) if not isinstance(v, list)
                              else to_json_text(v, oid, ctx) for v in value) + "]"
    if oid == T.BOOL:
        return "true" if value else "false"
    if oid in _NUMERIC_TYPES:
        text = output_fn(oid, ctx)(value)
        return text if _JSON_NUMBER.match(text) else escape_json(text)
    if oid in (T.DATE, T.TIMESTAMP, T.TIMESTAMPTZ):
        return escape_json(xsd_datetime(value, oid, ctx))
    return escape_json(value if isinstance(value, str) and T.category(oid) == "S" else output_fn(oid, ctx)(value))


def to_jsonb_value(value: Any, oid: int, ctx: Any = None) -> Any:
    """``datum_to_jsonb``: the JSON value (dict/list/str/int/Decimal/bool/None) of an SQL value."""
    if value is None:
        return None
    if oid == T.JSONB or isinstance(value, Jsonb):
        return value.value
    if oid == T.JSON:
        return parse_json(value, build=True)
    if isinstance(value, tuple):
        from sql.functions_jsonrow import record_jsonb_value

        return record_jsonb_value(value, ctx)
    if isinstance(value, list):
        elem = T.element_type(oid) if T.is_array(oid) else 0
        return [to_jsonb_value(v, elem or infer_oid(v), ctx) if not isinstance(v, list)
                else to_jsonb_value(v, oid, ctx) for v in value]
    if oid == T.BOOL:
        return bool(value)
    if oid in (T.INT2, T.INT4, T.INT8, T.OID):
        return int(value)
    if oid == T.NUMERIC:
        return value if value.is_finite() else str(_numeric_special(value))
    if oid in (T.FLOAT4, T.FLOAT8):
        text = output_fn(oid, ctx)(value)
        if math.isnan(value) or math.isinf(value):
            return text
        from sql.datatypes.numeric import numeric_in

        return numeric_in(text)
    if oid in (T.DATE, T.TIMESTAMP, T.TIMESTAMPTZ):
        return xsd_datetime(value, oid, ctx)
    return value if isinstance(value, str) and T.category(oid) == "S" else output_fn(oid, ctx)(value)


def _numeric_special(d: Decimal) -> str:
    return "NaN" if d.is_nan() else ("-Infinity" if d < 0 else "Infinity")


# ---- to_json / to_jsonb -----------------------------------------------------------------------------
@wants_arg_types
def to_json(ctx: Any, value: Any, *, arg_types: Sequence[int] | None = None) -> str:
    return to_json_text(value, arg_type(arg_types, 0, value), ctx)


@wants_arg_types
def to_jsonb(ctx: Any, value: Any, *, arg_types: Sequence[int] | None = None) -> Jsonb:
    return Jsonb(to_jsonb_value(value, arg_type(arg_types, 0, value), ctx))


builtin("to_json", (T.ANY,), T.JSON, needs_ctx=True)(to_json)
builtin("to_jsonb", (T.ANY,), T.JSONB, needs_ctx=True)(to_jsonb)


# ---- json(b)_build_* ----------------------------------------------------------------------------
def _key_text(key: Any, oid: int, pos: int, fname: str, ctx: Any) -> str:
    if key is None:
        if fname == "jsonb_build_object":
            raise invalid_parameter(f"argument {pos}: key must not be null")
        raise invalid_parameter(f"argument {pos} cannot be null", hint="Object keys should be text.")
    if isinstance(key, (list, Jsonb)) or oid in (T.JSON, T.JSONB) or T.is_array(oid):
        raise invalid_parameter("key value must be scalar, not array, composite, or json")
    if isinstance(key, str):
        return key
    if oid == T.BOOL:
        return "true" if key else "false"
    if oid in (T.DATE, T.TIMESTAMP, T.TIMESTAMPTZ):
        return xsd_datetime(key, oid, ctx)
    return output_fn(oid, ctx)(key)


def _check_even(args: Sequence[Any], fname: str) -> None:
    if len(args) % 2:
        raise invalid_parameter("argument list must have even number of elements",
                                hint=f"The arguments of {fname}() must consist of alternating keys and values.")


@wants_arg_types
def json_build_object(ctx: Any, *args: Any, arg_types: Sequence[int] | None = None) -> str:
    _check_even(args, "json_build_object")
    parts = []
    for i in range(0, len(args), 2):
        k = _key_text(args[i], arg_type(arg_types, i, args[i]), i + 1, "json_build_object", ctx)
        v = args[i + 1]
        parts.append(f"{escape_json(k)} : {to_json_text(v, arg_type(arg_types, i + 1, v), ctx)}")
    return "{" + ", ".join(parts) + "}"


@wants_arg_types
def jsonb_build_object(ctx: Any, *args: Any, arg_types: Sequence[int] | None = None) -> Jsonb:
    _check_even(args, "jsonb_build_object")
    out: dict[str, Any] = {}
    for i in range(0, len(args), 2):
        k = _key_text(args[i], arg_type(arg_types, i, args[i]), i + 1, "jsonb_build_object", ctx)
        v = args[i + 1]
        out[k] = to_jsonb_value(v, arg_type(arg_types, i + 1, v), ctx)
    return Jsonb(out)


@wants_arg_types
def json_build_array(ctx: Any, *args: Any, arg_types: Sequence[int] | None = None) -> str:
    return "[" + ", ".join(to_json_text(v, arg_type(arg_types, i, v), ctx) for i, v in enumerate(args)) + "]"


@wants_arg_types
def jsonb_build_array(ctx: Any, *args: Any, arg_types: Sequence[int] | None = None) -> Jsonb:
    return Jsonb([to_jsonb_value(v, arg_type(arg_types, i, v), ctx) for i, v in enumerate(args)])


for _name, _fn, _ret in (("json_build_object", json_build_object, T.JSON),
                         ("jsonb_build_object", jsonb_build_object, T.JSONB),
                         ("json_build_array", json_build_array, T.JSON),
                         ("jsonb_build_array", jsonb_build_array, T.JSONB)):
    builtin(_name, (), _ret, strict=False, needs_ctx=True)(_fn)
    builtin(_name, (T.ANY,), _ret, strict=False, variadic=True, needs_ctx=True)(_fn)


# ---- json_object(text[]) / json_object(text[], text[]) -------------------------------------------------
def _subscript_error(msg: str) -> SqlError:
    return SqlError(sqlstate.ARRAY_SUBSCRIPT_ERROR, msg)


def _object_pairs(arr: list[Any]) -> list[tuple[Any, Any]]:
    if not arr:
        return []
    if isinstance(arr[0], list):
        if any(isinstance(x, list) for row in arr for x in row):
            raise _subscript_error("wrong number of array subscripts")
        if any(len(row) != 2 for row in arr):
            raise _subscript_error("array must have two columns")
        return [(row[0], row[1]) for row in arr]
    if len(arr) % 2:
        raise _subscript_error("array must have even number of elements")
    return [(arr[i], arr[i + 1]) for i in range(0, len(arr), 2)]


def _object_pairs2(keys: list[Any], values: list[Any]) -> list[tuple[Any, Any]]:
    if any(isinstance(x, list) for x in keys) or any(isinstance(x, list) for x in values):
        raise _subscript_error("wrong number of array subscripts")
    if len(keys) != len(values):
        raise _subscript_error("mismatched array dimensions")
    return list(zip(keys, values))


def _pairs_json(pairs: list[tuple[Any, Any]]) -> str:
    parts = []
    for k, v in pairs:
        if k is None:
            raise SqlError(NULL_VALUE_NOT_ALLOWED, "null value not allowed for object key")
        parts.append(f"{escape_json(k)} : {'null' if v is None else escape_json(v)}")
    return "{" + ", ".join(parts) + "}"


def _pairs_jsonb(pairs: list[tuple[Any, Any]]) -> Jsonb:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k is None:
            raise SqlError(NULL_VALUE_NOT_ALLOWED, "null value not allowed for object key")
        out[k] = v
    return Jsonb(out)


@builtin("json_object", (TEXT_ARRAY,), T.JSON)
def json_object(arr: list[Any]) -> str:
    return _pairs_json(_object_pairs(arr))


@builtin("json_object", (TEXT_ARRAY, TEXT_ARRAY), T.JSON)
def json_object2(keys: list[Any], values: list[Any]) -> str:
    return _pairs_json(_object_pairs2(keys, values))


@builtin("jsonb_object", (TEXT_ARRAY,), T.JSONB)
def jsonb_object(arr: list[Any]) -> Jsonb:
    return _pairs_jsonb(_object_pairs(arr))


@builtin("jsonb_object", (TEXT_ARRAY, TEXT_ARRAY), T.JSONB)
def jsonb_object2(keys: list[Any], values: list[Any]) -> Jsonb:
    return _pairs_jsonb(_object_pairs2(keys, values))


# ---- the operator table ----------------------------------------------------------------------------
JSON_OPERATORS: dict[tuple[str, int, int], tuple[Any, int]] = {
    ("->", T.JSON, T.TEXT): (json_op_arrow, T.JSON),
    ("->", T.JSON, T.INT4): (json_op_arrow, T.JSON),
    ("->>", T.JSON, T.TEXT): (json_op_arrow_text, T.TEXT),
    ("->>", T.JSON, T.INT4): (json_op_arrow_text, T.TEXT),
    ("#>", T.JSON, TEXT_ARRAY): (json_op_path, T.JSON),
    ("#>>", T.JSON, TEXT_ARRAY): (json_op_path_text, T.TEXT),
    ("->", T.JSONB, T.TEXT): (jsonb_op_arrow, T.JSONB),
    ("->", T.JSONB, T.INT4): (jsonb_op_arrow, T.JSONB),
    ("->>", T.JSONB, T.TEXT): (jsonb_op_arrow_text, T.TEXT),
    ("->>", T.JSONB, T.INT4): (jsonb_op_arrow_text, T.TEXT),
    ("#>", T.JSONB, TEXT_ARRAY): (jsonb_op_path, T.JSONB),
    ("#>>", T.JSONB, TEXT_ARRAY): (jsonb_op_path_text, T.TEXT),
    ("@>", T.JSONB, T.JSONB): (jsonb_contains, T.BOOL),
    ("<@", T.JSONB, T.JSONB): (jsonb_contained, T.BOOL),
    ("?", T.JSONB, T.TEXT): (jsonb_exists, T.BOOL),
    ("?|", T.JSONB, TEXT_ARRAY): (jsonb_exists_any, T.BOOL),
    ("?&", T.JSONB, TEXT_ARRAY): (jsonb_exists_all, T.BOOL),
    ("||", T.JSONB, T.JSONB): (jsonb_concat, T.JSONB),
    ("-", T.JSONB, T.TEXT): (jsonb_delete_key, T.JSONB),
    ("-", T.JSONB, T.INT4): (jsonb_delete_index, T.JSONB),
    ("-", T.JSONB, TEXT_ARRAY): (jsonb_delete_keys, T.JSONB),
    ("#-", T.JSONB, TEXT_ARRAY): (jsonb_delete_path, T.JSONB),
}

from sql import (  # noqa: E402
    functions_jsonb,  # noqa: E402,F401  (json/jsonb processing functions and SRFs)
    functions_jsonpath,  # noqa: E402,F401  (jsonb_path_* functions)
    functions_jsonrow,  # noqa: E402,F401  (row_to_json, array_to_json)
)

JSON_OPERATORS[("@?", T.JSONB, T.JSONPATH)] = (functions_jsonpath.op_path_exists, T.BOOL)
JSON_OPERATORS[("@@", T.JSONB, T.JSONPATH)] = (functions_jsonpath.op_path_match, T.BOOL)
