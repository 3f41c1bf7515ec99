"""json / jsonb processing functions: jsonb_set(_lax), jsonb_insert, strip_nulls, jsonb_pretty,
typeof, array_length, extract_path(_text) and the set-returning each / each_text / object_keys /
array_elements(_text), for both json (verbatim text, duplicate keys kept, input order) and jsonb
(canonical; keys in jsonb storage order: shorter first, then bytewise).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sql import typesys as T
from sql.datatypes import Jsonb
from sql.datatypes.json_parse import escape_json
from sql.datatypes.jsonb import json_text, key_sort_key
from sql.errors import SqlError
from sql.functions import builtin, set_returning
from sql.functions_jsonops import (
    JNode,
    check_path_nulls,
    json_op_path,
    json_op_path_text,
    json_typeof_node,
    jsonb_delete_path,
    jsonb_op_path,
    jsonb_op_path_text,
    jsonb_scalar_text,
    node_scalar_text,
    node_text,
    parse_spans,
    path_index,
)
from sql.functions_util import NULL_VALUE_NOT_ALLOWED, invalid_parameter

TEXT_ARRAY = T.array_type(T.TEXT)


def _sorted_items(d: dict[str, Any]) -> list[tuple[str, Any]]:
    return sorted(d.items(), key=lambda kv: key_sort_key(kv[0]))


# ---- jsonb_set / jsonb_insert ---------------------------------------------------------------------
def _set_path(v: Any, path: list[str], level: int, new: Any, create: bool, insert: int) -> Any:
    """setPath: insert 0 = replace (jsonb_set), 1 = insert before, 2 = insert after."""
    elem = path[level]
    last = level == len(path) - 1
    if isinstance(v, dict):
        if elem in v:
            if last:
                if insert:
                    raise invalid_parameter("cannot replace existing key",
                                            hint="Try using the function jsonb_set to replace key value.")
                out = dict(v)
                out[elem] = new
                return out
            out = dict(v)
            out[elem] = _set_path(v[elem], path, level + 1, new, create, insert)
            return out
        if last and (create or insert):
            out = dict(v)
            out[elem] = new
            return out
        return v
    if isinstance(v, list):
        idx = path_index(elem, level + 1)
        n = len(v)
        i = idx + n if idx < 0 else idx
        if last:
            if i < 0:
                return [new] + v if (create or insert) else v
            if i >= n:
                return v + [new] if (create or insert) else v
            if insert == 1:
                return v[:i] + [new] + v[i:]
            if insert == 2:
                return v[:i + 1] + [new] + v[i + 1:]
            return v[:i] + [new] + v[i + 1:]
        if 0 <= i < n:
            return v[:i] + [_set_path(v[i], path, level + 1, new, create, insert)] + v[i + 1:]
        return v
    return v


def _set(target: Jsonb, path: list[str | None], new: Jsonb, create: bool, insert: int) -> Jsonb:
    if not isinstance(target.value, (dict, list)):
        raise invalid_parameter("cannot set path in scalar")
    check_path_nulls(path)
    if not path:
        return target
    return Jsonb(_set_path(target.value, path, 0, new.value, create, insert))  # type: ignore[arg-type]


@builtin("jsonb_set", (T.JSONB, TEXT_ARRAY, T.JSONB), T.JSONB)
def jsonb_set(target: Jsonb, path: list[str | None], new: Jsonb, create: bool = True) -> Jsonb:
    return _set(target, path, new, create, 0)


builtin("jsonb_set", (T.JSONB, TEXT_ARRAY, T.JSONB, T.BOOL), T.JSONB)(jsonb_set)

_TREATMENTS = ("delete_key", "return_target", "use_json_null", "raise_exception")


@builtin("jsonb_set_lax", (T.JSONB, TEXT_ARRAY, T.JSONB), T.JSONB, strict=False)
def jsonb_set_lax(target: Jsonb | None, path: list[str | None] | None, new: Jsonb | None,
                  create: bool | None = True, treatment: str | None = "use_json_null") -> Jsonb | None:
    """jsonb_set, but a NULL new value is handled per ``treatment``."""
    if treatment is None:
        raise invalid_parameter("null_value_treatment must be \"delete_key\", \"return_target\", "
                                "\"use_json_null\", or \"raise_exception\"")
    if target is None or path is None or create is None:
        return None
    if new is not None:
        return _set(target, path, new, create, 0)
    if treatment not in _TREATMENTS:
        raise invalid_parameter("null_value_treatment must be \"delete_key\", \"return_target\", "
                                "\"use_json_null\", or \"raise_exception\"")
    if treatment == "raise_exception":
        raise SqlError(NULL_VALUE_NOT_ALLOWED, "JSON value must not be null",
                       detail='Exception was raised because null_value_treatment is "raise_exception".',
                       hint="To avoid, either change the null_value_treatment argument or ensure that "
                            "an SQL NULL is not passed.")
    if treatment == "delete_key":
        return jsonb_delete_path(target, path)
    if treatment == "return_target":
        return target
    return _set(target, path, Jsonb(None), create, 0)


builtin("jsonb_set_lax", (T.JSONB, TEXT_ARRAY, T.JSONB, T.BOOL), T.JSONB, strict=False)(jsonb_set_lax)
builtin("jsonb_set_lax", (T.JSONB, TEXT_ARRAY, T.JSONB, T.BOOL, T.TEXT), T.JSONB, strict=False)(jsonb_set_lax)


@builtin("jsonb_insert", (T.JSONB, TEXT_ARRAY, T.JSONB), T.JSONB)
def jsonb_insert(target: Jsonb, path: list[str | None], new: Jsonb, after: bool = False) -> Jsonb:
    return _set(target, path, new, False, 2 if after else 1)


builtin("jsonb_insert", (T.JSONB, TEXT_ARRAY, T.JSONB, T.BOOL), T.JSONB)(jsonb_insert)


# ---- strip_nulls / pretty / typeof / array_length ----------------------------------------------------
def _strip(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _strip(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [_strip(x) for x in v]
    return v


@builtin("jsonb_strip_nulls", (T.JSONB,), T.JSONB)
def jsonb_strip_nulls(j: Jsonb) -> Jsonb:
    return Jsonb(_strip(j.value))


def _compact(text: str, node: JNode, strip: bool) -> str:
    if node.kind == "object":
        return "{" + ",".join(f"{escape_json(k)}:{_compact(text, v, strip)}" for k, v in node.items
                              if not (strip and v.kind == "null")) + "}"
    if node.kind == "array":
        return "[" + ",".join(_compact(text, v, strip) for v in node.items) + "]"
    return node_text(text, node)


@builtin("json_strip_nulls", (T.JSON,), T.JSON)
def json_strip_nulls(j: str) -> str:
    """Re-emitted without insignificant whitespace, as PG's json_strip_nulls does."""
    return _compact(j, parse_spans(j), True)


def _pretty(v: Any, level: int, out: list[str]) -> None:
    pad = "    " * (level + 1)
    if isinstance(v, dict):
        out.append("{")
        items = _sorted_items(v)
        for i, (k, x) in enumerate(items):
            out.append("\n" + pad + escape_json(k) + ": ")
            _pretty(x, level + 1, out)
            if i < len(items) - 1:
                out.append(",")
        out.append("\n" + "    " * level + "}")
    elif isinstance(v, list):
        out.append("[")
        for i, x in enumerate(v):
            out.append("\n" + pad)
            _pretty(x, level + 1, out)
            if i < len(v) - 1:
                out.append(",")
        out.append("\n" + "    " * level + "]")
    else:
        out.append(json_text(v))


@builtin("jsonb_pretty", (T.JSONB,), T.TEXT)
def jsonb_pretty(j: Jsonb) -> str:
    out: list[str] = []
    _pretty(j.value, 0, out)
    return "".join(out)


@builtin("jsonb_typeof", (T.JSONB,), T.TEXT)
def jsonb_typeof(j: Jsonb) -> str:
    return j.type_name


@builtin("json_typeof", (T.JSON,), T.TEXT)
def json_typeof(j: str) -> str:
    return json_typeof_node(parse_spans(j))


@builtin("jsonb_array_length", (T.JSONB,), T.INT4)
def jsonb_array_length(j: Jsonb) -> int:
    if isinstance(j.value, list):
        return len(j.value)
    if isinstance(j.value, dict):
        raise invalid_parameter("cannot get array length of a non-array")
    raise invalid_parameter("cannot get array length of a scalar")


@builtin("json_array_length", (T.JSON,), T.INT4)
def json_array_length(j: str) -> int:
    node = parse_spans(j)
    if node.kind == "array":
        return len(node.items)
    if node.kind == "object":
        raise invalid_parameter("cannot get array length of a non-array")
    raise invalid_parameter("cannot get array length of a scalar")


# ---- extract_path ----------------------------------------------------------------------------------
@builtin("jsonb_extract_path", (T.JSONB, T.TEXT), T.JSONB, variadic=True)
def jsonb_extract_path(j: Jsonb, *path: str) -> Jsonb | None:
    return jsonb_op_path(j, list(path))


@builtin("jsonb_extract_path_text", (T.JSONB, T.TEXT), T.TEXT, variadic=True)
def jsonb_extract_path_text(j: Jsonb, *path: str) -> str | None:
    return jsonb_op_path_text(j, list(path))


@builtin("json_extract_path", (T.JSON, T.TEXT), T.JSON, variadic=True)
def json_extract_path(j: str, *path: str) -> str | None:
    return json_op_path(j, list(path))


@builtin("json_extract_path_text", (T.JSON, T.TEXT), T.TEXT, variadic=True)
def json_extract_path_text(j: str, *path: str) -> str | None:
    return json_op_path_text(j, list(path))


# ---- set-returning ---------------------------------------------------------------------------------
def _jsonb_object(j: Jsonb, fname: str) -> dict[str, Any]:
    if not isinstance(j.value, dict):
        raise invalid_parameter(f"cannot call {fname} on a non-object")
    return j.value


@set_returning("jsonb_each", (T.JSONB,), [("key", T.TEXT), ("value", T.JSONB)])
def jsonb_each(j: Jsonb) -> Iterator[tuple[str, Jsonb]]:
    for k, v in _sorted_items(_jsonb_object(j, "jsonb_each")):
        yield (k, Jsonb(v))


@set_returning("jsonb_each_text", (T.JSONB,), [("key", T.TEXT), ("value", T.TEXT)])
def jsonb_each_text(j: Jsonb) -> Iterator[tuple[str, str | None]]:
    for k, v in _sorted_items(_jsonb_object(j, "jsonb_each_text")):
        yield (k, jsonb_scalar_text(v))


@set_returning("jsonb_object_keys", (T.JSONB,), [("jsonb_object_keys", T.TEXT)])
def jsonb_object_keys(j: Jsonb) -> Iterator[tuple[str]]:
    v = j.value
    if not isinstance(v, dict):
        what = "an array" if isinstance(v, list) else "a scalar"
        raise invalid_parameter(f"cannot call jsonb_object_keys on {what}")
    for k, _ in _sorted_items(v):
        yield (k,)


def _jsonb_array(j: Jsonb) -> list[Any]:
    v = j.value
    if isinstance(v, list):
        return v
    if isinstance(v, dict):
        raise invalid_parameter("cannot extract elements from an object")
    raise invalid_parameter("cannot extract elements from a scalar")


@set_returning("jsonb_array_elements", (T.JSONB,), [("value", T.JSONB)])
def jsonb_array_elements(j: Jsonb) -> Iterator[tuple[Jsonb]]:
    for v in _jsonb_array(j):
        yield (Jsonb(v),)


@set_returning("jsonb_array_elements_text", (T.JSONB,), [("value", T.TEXT)])
def jsonb_array_elements_text(j: Jsonb) -> Iterator[tuple[str | None]]:
    for v in _jsonb_array(j):
        yield (jsonb_scalar_text(v),)


def _json_object(j: str) -> tuple[str, JNode]:
    node = parse_spans(j)
    if node.kind == "array":
        raise invalid_parameter("cannot deconstruct an array as an object")
    if node.kind != "object":
        raise invalid_parameter("cannot deconstruct a scalar")
    return j, node


@set_returning("json_each", (T.JSON,), [("key", T.TEXT), ("value", T.JSON)])
def json_each(j: str) -> Iterator[tuple[str, str]]:
    text, node = _json_object(j)
    for k, v in node.items:
        yield (k, node_text(text, v))


@set_returning("json_each_text", (T.JSON,), [("key", T.TEXT), ("value", T.TEXT)])
def json_each_text(j: str) -> Iterator[tuple[str, str | None]]:
    text, node = _json_object(j)
    for k, v in node.items:
        yield (k, node_scalar_text(text, v))


@set_returning("json_object_keys", (T.JSON,), [("json_object_keys", T.TEXT)])
def json_object_keys(j: str) -> Iterator[tuple[str]]:
    node = parse_spans(j)
    if node.kind != "object":
        what = "an array" if node.kind == "array" else "a scalar"
        raise invalid_parameter(f"cannot call json_object_keys on {what}")
    for k, _ in node.items:
        yield (k,)


def _json_array(j: str, fname: str) -> JNode:
    node = parse_spans(j)
    if node.kind == "object":
        raise invalid_parameter(f"cannot call {fname} on a non-array")
    if node.kind != "array":
        raise invalid_parameter(f"cannot call {fname} on a scalar")
    return node


@set_returning("json_array_elements", (T.JSON,), [("value", T.JSON)])
def json_array_elements(j: str) -> Iterator[tuple[str]]:
    for v in _json_array(j, "json_array_elements").items:
        yield (node_text(j, v),)


@set_returning("json_array_elements_text", (T.JSON,), [("value", T.TEXT)])
def json_array_elements_text(j: str) -> Iterator[tuple[str | None]]:
    for v in _json_array(j, "json_array_elements_text").items:
        yield (node_scalar_text(j, v),)

