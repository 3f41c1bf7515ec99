"""json / jsonb operators as plain Python functions, plus a span-keeping parser for ``json``.

``json`` values are their verbatim text, so json operators return slices of the original text
(whitespace kept) as PostgreSQL does; :func:`parse_spans` finds them. jsonb values are
:class:`~sql.datatypes.Jsonb`. All functions take non-NULL operands (operators are strict)
and may return None (SQL NULL). The ``(op, left, right) -> (fn, result type)`` table is
``JSON_OPERATORS`` in :mod:`sql.functions_json`.
"""

from __future__ import annotations

import json as _json
import re
from decimal import Decimal
from typing import Any

from sql import sqlstate
from sql.datatypes import Jsonb
from sql.datatypes.jsonb import json_text
from sql.errors import SqlError
from sql.functions_util import invalid_parameter

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_WS = " \t\n\r"


class JNode:
    """A value in json text: kind, [start, end) span and children (object: (key, node) pairs
    in input order, duplicates kept; array: nodes)."""

    __slots__ = ("kind", "start", "end", "items")

    def __init__(self, kind: str, start: int, end: int, items: Any = None) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.items = items


def _skip(t: str, i: int) -> int:
    while i < len(t) and t[i] in _WS:
        i += 1
    return i


def _value(t: str, i: int) -> JNode:
    i = _skip(t, i)
    c = t[i]
    if c == "{":
        start = i
        pairs: list[tuple[str, JNode]] = []
        i = _skip(t, i + 1)
        if t[i] == "}":
            return JNode("object", start, i + 1, pairs)
        while True:
            i = _skip(t, i)
            m = _STRING.match(t, i)
            assert m is not None, "invalid json"
            key = _json.loads(m.group(0))
            i = _skip(t, m.end())
            assert t[i] == ":"
            node = _value(t, i + 1)
            pairs.append((key, node))
            i = _skip(t, node.end)
            if t[i] == "}":
                return JNode("object", start, i + 1, pairs)
            i += 1
    if c == "[":
        start = i
        elems: list[JNode] = []
        i = _skip(t, i + 1)
        if t[i] == "]":
            return JNode("array", start, i + 1, elems)
        while True:
            node = _value(t, i)
            elems.append(node)
            i = _skip(t, node.end)
            if t[i] == "]":
                return JNode("array", start, i + 1, elems)
            i += 1
    if c == '"':
        m = _STRING.match(t, i)
        assert m is not None
        return JNode("string", i, m.end())
    for word in ("true", "false", "null"):
        if t.startswith(word, i):
            return JNode(word, i, i + len(word))
    m = _NUMBER.match(t, i)
    assert m is not None, "invalid json"
    return JNode("number", i, m.end())


def parse_spans(text: str) -> JNode:
    """Parse (already validated) json text keeping spans."""
    return _value(text, 0)


def node_text(text: str, node: JNode) -> str:
    return text[node.start:node.end]


def node_scalar_text(text: str, node: JNode) -> str | None:
    """The ->> rendering: strings de-escaped, null as SQL NULL, anything else verbatim."""
    if node.kind == "string":
        return _json.loads(text[node.start:node.end])
    if node.kind == "null":
        return None
    return text[node.start:node.end]


def json_typeof_node(node: JNode) -> str:
    return {"true": "boolean", "false": "boolean"}.get(node.kind, node.kind)


def parse_index(s: str) -> int | None:
    """A path element as an array subscript (strtol rules), or None."""
    if not re.fullmatch(r"\s*[+-]?[0-9]+", s):
        return None
    v = int(s)
    return v if -(2**31) <= v < 2**31 else None


# ---- json (text) navigation --------------------------------------------------------------------
def _json_field(text: str, node: JNode, key: str | int) -> JNode | None:
    if isinstance(key, str):
        if node.kind != "object":
            return None
        found = None
        for k, v in node.items:
            if k == key:
                found = v  # the last duplicate wins, as in PG's json ->
        return found
    if node.kind != "array":
        return None
    n = len(node.items)
    idx = key + n if key < 0 else key
    return node.items[idx] if 0 <= idx < n else None


def _json_path(text: str, path: list[str | None]) -> JNode | None:
    node: JNode | None = parse_spans(text)
    for elem in path:
        if elem is None or node is None:
            return None
        if node.kind == "array":
            idx = parse_index(elem)
            if idx is None:
                return None
            node = _json_field(text, node, idx)
        else:
            node = _json_field(text, node, elem)
    return node


def json_op_arrow(j: str, key: str | int) -> str | None:
    """json -> text|int"""
    node = _json_field(j, parse_spans(j), key)
    return None if node is None else node_text(j, node)


def json_op_arrow_text(j: str, key: str | int) -> str | None:
    """json ->> text|int"""
    node = _json_field(j, parse_spans(j), key)
    return None if node is None else node_scalar_text(j, node)


def json_op_path(j: str, path: list[str | None]) -> str | None:
    """json #> text[]"""
    node = _json_path(j, path)
    return None if node is None else node_text(j, node)


def json_op_path_text(j: str, path: list[str | None]) -> str | None:
    """json #>> text[]"""
    node = _json_path(j, path)
    return None if node is None else node_scalar_text(j, node)


# ---- jsonb navigation ------------------------------------------------------------------------------
def jsonb_scalar_text(v: Any) -> str | None:
    """The ->> rendering of a jsonb value."""
    if v is None:
        return None
    if isinstance(v, str):
        return v
    return json_text(v)


def _jb_field(v: Any, key: str | int) -> tuple[bool, Any]:
    if isinstance(key, str):
        if isinstance(v, dict) and key in v:
            return True, v[key]
        return False, None
    if not isinstance(v, list):
        return False, None
    idx = key + len(v) if key < 0 else key
    if 0 <= idx < len(v):
        return True, v[idx]
    return False, None


def _jb_path(v: Any, path: list[str | None]) -> tuple[bool, Any]:
    for elem in path:
        if elem is None:
            return False, None
        if isinstance(v, list):
            idx = parse_index(elem)
            if idx is None:
                return False, None
            ok, v = _jb_field(v, idx)
        elif isinstance(v, dict):
            ok, v = _jb_field(v, elem)
        else:
            return False, None
        if not ok:
            return False, None
    return True, v


def jsonb_op_arrow(j: Jsonb, key: str | int) -> Jsonb | None:
    """jsonb -> text|int"""
    ok, v = _jb_field(j.value, key)
    return Jsonb(v) if ok else None


def jsonb_op_arrow_text(j: Jsonb, key: str | int) -> str | None:
    """jsonb ->> text|int"""
    ok, v = _jb_field(j.value, key)
    return jsonb_scalar_text(v) if ok else None


def jsonb_op_path(j: Jsonb, path: list[str | None]) -> Jsonb | None:
    """jsonb #> text[]"""
    ok, v = _jb_path(j.value, path)
    return Jsonb(v) if ok else None


def jsonb_op_path_text(j: Jsonb, path: list[str | None]) -> str | None:
    """jsonb #>> text[]"""
    ok, v = _jb_path(j.value, path)
    return jsonb_scalar_text(v) if ok else None


# ---- containment / existence ---------------------------------------------------------------------
def _is_container(v: Any) -> bool:
    return isinstance(v, (dict, list))


def _scalar_eq(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal)):
        return Decimal(a) == Decimal(b)
    return type(a) is type(b) and a == b


def _deep_contains(a: Any, b: Any, a_raw: bool = False, b_raw: bool = False) -> bool:
    if isinstance(a, dict):
        if not isinstance(b, dict) or len(a) < len(b):
            return False
        for k, bv in b.items():
            if k not in a:
                return False
            av = a[k]
            if _is_container(bv) or _is_container(av):
                if type(av) is not type(bv) or not _deep_contains(av, bv):
                    return False
            elif not _scalar_eq(av, bv):
                return False
        return True
    if not isinstance(b, list):
        return False
    if a_raw and not b_raw:
        return False
    for bv in b:
        if _is_container(bv):
            if not any(type(av) is type(bv) and _deep_contains(av, bv) for av in a if _is_container(av)):
                return False
        elif not any(not _is_container(av) and _scalar_eq(av, bv) for av in a):
            return False
    return True


def _as_container(v: Any) -> tuple[Any, bool]:
    """Top-level raw scalars behave as one-element arrays flagged raw."""
    return (v, False) if _is_container(v) else ([v], True)


def jsonb_contains(a: Jsonb, b: Jsonb) -> bool:
    """jsonb @> jsonb"""
    av, araw = _as_container(a.value)
    bv, braw = _as_container(b.value)
    if isinstance(av, dict) != isinstance(bv, dict):
        return False
    return _deep_contains(av, bv, araw, braw)


def jsonb_contained(a: Jsonb, b: Jsonb) -> bool:
    """jsonb <@ jsonb"""
    return jsonb_contains(b, a)


def jsonb_exists(j: Jsonb, key: str) -> bool:
    """jsonb ? text: an object key, or a string element of a (top-level) array or raw scalar."""
    v, _ = _as_container(j.value)
    if isinstance(v, dict):
        return key in v
    return any(isinstance(x, str) and x == key for x in v)


def jsonb_exists_any(j: Jsonb, keys: list[str | None]) -> bool:
    """jsonb ?| text[]"""
    return any(k is not None and jsonb_exists(j, k) for k in keys)


def jsonb_exists_all(j: Jsonb, keys: list[str | None]) -> bool:
    """jsonb ?& text[] (NULL elements are ignored)"""
    return all(jsonb_exists(j, k) for k in keys if k is not None)


# ---- modification -------------------------------------------------------------------------------
def jsonb_concat(a: Jsonb, b: Jsonb) -> Jsonb:
    """jsonb || jsonb: objects merge (right wins); otherwise array concatenation, a scalar or
    object operand counting as a one-element array."""
    av, bv = a.value, b.value
    if isinstance(av, dict) and isinstance(bv, dict):
        merged = dict(av)
        merged.update(bv)
        return Jsonb(merged)
    left = av if isinstance(av, list) else [av]
    right = bv if isinstance(bv, list) else [bv]
    return Jsonb(left + right)


def _scalar_delete_error() -> SqlError:
    return invalid_parameter("cannot delete from scalar")


def jsonb_delete_key(j: Jsonb, key: str) -> Jsonb:
    """jsonb - text"""
    v = j.value
    if isinstance(v, dict):
        return Jsonb({k: x for k, x in v.items() if k != key})
    if isinstance(v, list):
        return Jsonb([x for x in v if not (isinstance(x, str) and x == key)])
    raise _scalar_delete_error()


def jsonb_delete_keys(j: Jsonb, keys: list[str | None]) -> Jsonb:
    """jsonb - text[]"""
    drop = {k for k in keys if k is not None}
    v = j.value
    if isinstance(v, dict):
        return Jsonb({k: x for k, x in v.items() if k not in drop})
    if isinstance(v, list):
        return Jsonb([x for x in v if not (isinstance(x, str) and x in drop)])
    raise _scalar_delete_error()


def jsonb_delete_index(j: Jsonb, idx: int) -> Jsonb:
    """jsonb - int"""
    v = j.value
    if isinstance(v, dict):
        raise invalid_parameter("cannot delete from object using integer index")
    if not isinstance(v, list):
        raise _scalar_delete_error()
    n = len(v)
    i = idx + n if idx < 0 else idx
    if not 0 <= i < n:
        return j
    return Jsonb(v[:i] + v[i + 1:])


def path_index(elem: str, pos: int) -> int:
    idx = parse_index(elem)
    if idx is None:
        raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION,
                       f'path element at position {pos} is not an integer: "{elem}"')
    return idx


def check_path_nulls(path: list[str | None]) -> None:
    for i, e in enumerate(path, 1):
        if e is None:
            raise SqlError("22004", f"path element at position {i} is null")


def _delete_path(v: Any, path: list[str], level: int) -> Any:
    elem = path[level]
    last = level == len(path) - 1
    if isinstance(v, dict):
        if elem not in v:
            return v
        if last:
            return {k: x for k, x in v.items() if k != elem}
        out = dict(v)
        out[elem] = _delete_path(v[elem], path, level + 1)
        return out
    if isinstance(v, list):
        idx = path_index(elem, level + 1)
        n = len(v)
        i = idx + n if idx < 0 else idx
        if not 0 <= i < n:
            return v
        if last:
            return v[:i] + v[i + 1:]
        return v[:i] + [_delete_path(v[i], path, level + 1)] + v[i + 1:]
    return v


def jsonb_delete_path(j: Jsonb, path: list[str | None]) -> Jsonb:
    """jsonb #- text[]"""
    if not _is_container(j.value):
        raise invalid_parameter("cannot delete path in scalar")
    check_path_nulls(path)
    if not path:
        return j
    return Jsonb(_delete_path(j.value, path, 0))  # type: ignore[arg-type]
