"""Text I/O dispatch: :func:`input_function` and :func:`output_function` for every type.

``input_function(oid, typmod)`` returns a ``str -> datum`` callable that also enforces the
type modifier the way a column's input does (implicit-coercion rules); ``output_function``
returns ``datum -> str``. Both take ``tz`` (the session time zone) for timestamptz;
``output_function`` also takes ``datestyle`` (the DateStyle setting, e.g. ``"SQL, DMY"``) for
date, timestamp and timestamptz (and arrays of them).

Also here: the ``reg*`` types (regclass, regtype, regproc, regnamespace; datum = int OID).
regtype resolves built-in type names itself; the others only accept numeric OIDs and ``-``
unless a catalog resolver is installed with :func:`set_reg_resolver`. ``void`` outputs the
empty string; ``record`` output takes a tuple of already-formatted field texts (None = NULL).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Sequence
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

from . import extra_io
from . import registry as r
from .arrays import array_in, array_out
from .datetimes import (
    date_in,
    date_output_function,
    time_in,
    time_out,
    timestamp_in,
    timestamp_output_function,
    timestamptz_input,
    timestamptz_output_function,
)
from .dtcommon import UTC
from .interval_io import interval_in, interval_out
from .jsonb import json_in, json_out, jsonb_in, jsonb_out
from .numbers import (
    bool_in,
    bool_out,
    float4_in,
    float4_out,
    float8_in,
    float8_out,
    int2_in,
    int4_in,
    int8_in,
    int_out,
    oid_in,
)
from .numeric import numeric_in, numeric_out
from .strings import bytea_in, bytea_out, char_in, char_out, name_in, text_in, text_out, uuid_in, uuid_out
from .typmod import apply_typmod

InputFn = Callable[[str], Any]
OutputFn = Callable[[Any], str]

# ---------------------------------------------------------------------------
# reg* types

_REG_MISSING = {
    r.REGCLASS: (sqlstate.UNDEFINED_TABLE, "relation"),
    r.REGPROC: (sqlstate.UNDEFINED_FUNCTION, "function"),
    r.REGNAMESPACE: (sqlstate.INVALID_SCHEMA_NAME, "schema"),
}
_reg_resolvers: dict[int, tuple[Callable[[str], int | None], Callable[[int], str | None]]] = {}


def set_reg_resolver(
    type_oid: int, name_to_oid: Callable[[str], int | None], oid_to_name: Callable[[int], str | None]
) -> None:
    """Install catalog lookups for regclass/regproc/regnamespace (or override regtype)."""
    _reg_resolvers[type_oid] = (name_to_oid, oid_to_name)


def _reg_in(type_oid: int) -> InputFn:
    def reg_in(text: str) -> int:
        s = text.strip()
        if text == "-":
            return 0
        if text.isdigit() and text.isascii():
            return oid_in(text)
        if type_oid == r.REGTYPE:
            _check_type_name_syntax(text)
        res = _reg_resolvers.get(type_oid)
        if res is not None:
            found = res[0](s)
            if found is not None:
                return found
        if type_oid == r.REGTYPE:
            return r.parse_type_name(s)[0].oid
        code, what = _REG_MISSING[type_oid]
        raise SqlError(code, f'{what} "{s}" does not exist')

    return reg_in


def _check_type_name_syntax(text: str) -> None:
    """Reject what PostgreSQL's type-name grammar rejects before any lookup (42601)."""
    s = text.strip()
    if not s:
        raise SqlError(sqlstate.SYNTAX_ERROR, f'invalid type name "{text}"')
    c = s[0]
    if c.isalpha() or c in '_"':
        return
    m = re.match(r"[0-9]+(?:\.[0-9]*)?", s)
    token = m.group(0) if m else c
    raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{token}"')


def _reg_out(type_oid: int) -> OutputFn:
    def reg_out(value: int) -> str:
        if value == 0:
            return "-"
        res = _reg_resolvers.get(type_oid)
        if res is not None:
            name = res[1](value)
            if name is not None:
                return name
        if type_oid == r.REGTYPE and r.find_type_by_oid(value) is not None:
            return r.format_type(value)
        return str(value)

    return reg_out


# ---------------------------------------------------------------------------
# record / void


def record_out(fields: Sequence[str | None]) -> str:
    """``record_out`` over already-formatted field texts (None = NULL)."""
    parts = []
    for f in fields:
        if f is None:
            parts.append("")
        elif f == "" or any(c in '"\\(),' or c in " \t\n\r\v\f" for c in f):
            parts.append('"' + f.replace("\\", "\\\\").replace('"', '""') + '"')
        else:
            parts.append(f)
    return "(" + ",".join(parts) + ")"


def _record_in(text: str) -> Any:
    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "input of anonymous composite types is not implemented")


def _void_in(text: str) -> None:
    return None


def _void_out(value: Any) -> str:
    return ""


def _jsonpath_in(text: str) -> str:
    """jsonpath values are their canonical text (parsing checks the syntax)."""
    from sql.jsonpath import parse_jsonpath
    from sql.jsonpath.printer import jsonpath_text

    return jsonpath_text(parse_jsonpath(text))


# ---------------------------------------------------------------------------
# tables

_SIMPLE_IN: dict[int, InputFn] = {
    r.BOOL: bool_in, r.BYTEA: bytea_in, r.CHAR: char_in, r.NAME: name_in, r.INT8: int8_in,
    r.INT2: int2_in, r.INT4: int4_in, r.TEXT: text_in, r.OID: oid_in, r.JSON: json_in,
    r.FLOAT4: float4_in, r.FLOAT8: float8_in, r.UNKNOWN: text_in, r.BPCHAR: text_in,
    r.VARCHAR: text_in, r.NUMERIC: numeric_in, r.UUID: uuid_in, r.JSONB: jsonb_in,
    r.REGCLASS: _reg_in(r.REGCLASS), r.REGTYPE: _reg_in(r.REGTYPE), r.REGPROC: _reg_in(r.REGPROC),
    r.REGNAMESPACE: _reg_in(r.REGNAMESPACE), r.RECORD: _record_in, r.VOID: _void_in,
    r.JSONPATH: _jsonpath_in,
}

_SIMPLE_OUT: dict[int, OutputFn] = {
    r.BOOL: bool_out, r.BYTEA: bytea_out, r.CHAR: char_out, r.NAME: text_out, r.INT8: int_out,
    r.INT2: int_out, r.INT4: int_out, r.TEXT: text_out, r.OID: int_out, r.JSON: json_out,
    r.FLOAT4: float4_out, r.FLOAT8: float8_out, r.UNKNOWN: text_out, r.BPCHAR: text_out,
    r.VARCHAR: text_out, r.NUMERIC: numeric_out, r.UUID: uuid_out, r.JSONB: jsonb_out,
    r.TIME: time_out, r.INTERVAL: interval_out,
    r.REGCLASS: _reg_out(r.REGCLASS), r.REGTYPE: _reg_out(r.REGTYPE), r.REGPROC: _reg_out(r.REGPROC),
    r.REGNAMESPACE: _reg_out(r.REGNAMESPACE), r.RECORD: record_out, r.VOID: _void_out,
    r.JSONPATH: text_out,
}


def _base_input(oid: int, typmod: int, tz: _dt.tzinfo) -> InputFn:
    if oid in _SIMPLE_IN:
        return _SIMPLE_IN[oid]
    if oid == r.DATE:
        return lambda s: date_in(s, tz=tz)
    if oid == r.TIME:
        return lambda s: time_in(s, tz=tz)
    if oid == r.TIMESTAMP:
        return lambda s: timestamp_in(s, tz=tz)
    if oid == r.TIMESTAMPTZ:
        return lambda s: timestamptz_input(s, tz)
    if oid == r.INTERVAL:
        return lambda s: interval_in(s, typmod)
    if oid in extra_io.INPUTS:
        return extra_io.INPUTS[oid](typmod, tz)
    raise SqlError(sqlstate.UNDEFINED_OBJECT, f"type with OID {oid} does not exist")


def input_function(oid: int, typmod: int = -1, *, tz: _dt.tzinfo = UTC) -> InputFn:
    """``str -> datum`` for type ``oid``, enforcing ``typmod`` like a column input does."""
    t = r.type_by_oid(oid)
    if oid == r.RECORD_ARRAY:
        return _record_in
    if t.is_array:
        elem_in = input_function(t.elem_oid, typmod, tz=tz)
        return lambda s: array_in(s, elem_in)
    base = _base_input(oid, typmod, tz)
    if typmod < 0 or oid == r.INTERVAL or oid in extra_io.INPUTS:
        return base
    return lambda s: apply_typmod(oid, base(s), typmod)


def output_function(oid: int, *, tz: _dt.tzinfo = UTC, datestyle: str | None = None) -> OutputFn:
    """``datum -> str`` for type ``oid``: timestamptz rendered in ``tz``, date, timestamp and
    timestamptz in ``datestyle`` (a DateStyle value like ``"SQL, DMY"``; None = ``ISO``)."""
    t = r.type_by_oid(oid)
    if t.is_array:  # record[] elements are tuples of field texts, see record_out
        elem_out = output_function(t.elem_oid, tz=tz, datestyle=datestyle)
        return lambda v: array_out(v, elem_out)
    if oid in _SIMPLE_OUT:
        return _SIMPLE_OUT[oid]
    if oid == r.DATE:
        return date_output_function(datestyle)
    if oid == r.TIMESTAMP:
        return timestamp_output_function(datestyle)
    if oid == r.TIMESTAMPTZ:
        return timestamptz_output_function(tz, datestyle)
    if oid in extra_io.OUTPUTS:
        return extra_io.OUTPUTS[oid](tz, datestyle)
    raise SqlError(sqlstate.UNDEFINED_OBJECT, f"type with OID {oid} does not exist")


def parse_text(oid: int, text: str, typmod: int = -1, *, tz: _dt.tzinfo = UTC) -> Any:
    """Convenience: ``input_function(oid, typmod, tz=tz)(text)``."""
    return input_function(oid, typmod, tz=tz)(text)


def format_text(oid: int, value: Any, *, tz: _dt.tzinfo = UTC, datestyle: str | None = None) -> str:
    """Convenience: ``output_function(oid, tz=tz, datestyle=datestyle)(value)``."""
    return output_function(oid, tz=tz, datestyle=datestyle)(value)
