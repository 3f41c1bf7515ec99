"""The ``jsonb`` datum and ``json`` validation.

:class:`Jsonb` wraps a parsed JSON value (dict / list / str / int / Decimal / bool / None,
where None is JSON ``null``; SQL NULL is a bare Python None outside the wrapper). It
implements PostgreSQL's jsonb equality and B-tree ordering (``compareJsonbContainers``):

* different top-level kinds order Null < String < Number < Boolean < Array < Object, where
  a top-level scalar counts as a one-element "raw scalar" array (so ``[] < 'null'`` and a
  scalar sorts before a one-element array);
* arrays compare by length first, then element by element; objects by number of pairs,
  then key/value pairs in storage order (keys shorter-first, then bytewise);
* numbers compare numerically (``1 = 1.0``), strings bytewise.

``str(Jsonb)`` is the canonical text (``{"a": 1, "b": [1, 2]}``). ``json`` values are the
verbatim input text (``str``), validated by :func:`json_in`.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

from .json_parse import escape_json, parse_json
from .numeric import numeric_out

_NULL, _STRING, _NUMBER, _BOOL, _ARRAY, _OBJECT = range(6)


def _kind(v: Any) -> int:
    if v is None:
        return _NULL
    if isinstance(v, bool):
        return _BOOL
    if isinstance(v, str):
        return _STRING
    if isinstance(v, (int, Decimal, float)):
        return _NUMBER
    if isinstance(v, list):
        return _ARRAY
    if isinstance(v, dict):
        return _OBJECT
    raise TypeError(f"not a JSON value: {type(v).__name__}")


def key_sort_key(k: str) -> tuple[int, bytes]:
    """jsonb's key storage order: shorter UTF-8 first, then bytewise."""
    b = k.encode("utf-8")
    return (len(b), b)


def _sorted_items(d: dict[str, Any]) -> list[tuple[str, Any]]:
    return sorted(d.items(), key=lambda kv: key_sort_key(kv[0]))


def _cmp_scalar(a: Any, b: Any, kind: int) -> int:
    if kind == _NULL:
        return 0
    if kind == _STRING:
        ab, bb = a.encode("utf-8"), b.encode("utf-8")
        return (ab > bb) - (ab < bb)
    if kind == _NUMBER:
        da = a if isinstance(a, Decimal) else Decimal(a)
        db = b if isinstance(b, Decimal) else Decimal(b)
        return (da > db) - (da < db)
    return (a > b) - (a < b)  # bool: false < true


def _cmp(a: Any, b: Any, top: bool = False) -> int:
    ka, kb = _kind(a), _kind(b)
    if top:
        # raw scalars behave as one-element arrays flagged rawScalar
        a_scalar, b_scalar = ka < _ARRAY, kb < _ARRAY
        if a_scalar or b_scalar:
            if a_scalar and b_scalar:
                return _cmp(a, b)
            if ka == _OBJECT or kb == _OBJECT:
                return 1 if ka == _OBJECT else -1
            na = 1 if a_scalar else len(a)
            nb = 1 if b_scalar else len(b)
            if na != nb:
                return 1 if na > nb else -1
            if a_scalar != b_scalar:
                return -1 if a_scalar else 1
    if ka != kb:
        return 1 if ka > kb else -1
    if ka == _ARRAY:
        if len(a) != len(b):
            return 1 if len(a) > len(b) else -1
        for x, y in zip(a, b):
            c = _cmp(x, y)
            if c:
                return c
        return 0
    if ka == _OBJECT:
        if len(a) != len(b):
            return 1 if len(a) > len(b) else -1
        for (k1, v1), (k2, v2) in zip(_sorted_items(a), _sorted_items(b)):
            c = _cmp_scalar(k1, k2, _STRING)
            if c:
                return c
            c = _cmp(v1, v2)
            if c:
                return c
        return 0
    return _cmp_scalar(a, b, ka)


def compare_json_values(a: Any, b: Any) -> int:
    """-1/0/1 under PostgreSQL's jsonb ordering (values are top-level documents)."""
    return _cmp(a, b, top=True)


def _hash_key(v: Any) -> Any:
    k = _kind(v)
    if k == _ARRAY:
        return (_ARRAY, tuple(_hash_key(x) for x in v))
    if k == _OBJECT:
        return (_OBJECT, frozenset((key, _hash_key(x)) for key, x in v.items()))
    if k == _NUMBER:
        return (_NUMBER, Decimal(v).normalize() if not isinstance(v, bool) else v)
    return (k, v)


def json_text(v: Any) -> str:
    """Canonical jsonb text of a JSON value."""
    k = _kind(v)
    if k == _NULL:
        return "null"
    if k == _BOOL:
        return "true" if v else "false"
    if k == _STRING:
        return escape_json(v)
    if k == _NUMBER:
        if isinstance(v, int):
            return str(v)
        if isinstance(v, float):
            from .numbers import float8_out

            return float8_out(v)
        return numeric_out(_normal_decimal(v))
    if k == _ARRAY:
        return "[" + ", ".join(json_text(x) for x in v) + "]"
    return "{" + ", ".join(f"{escape_json(key)}: {json_text(x)}" for key, x in _sorted_items(v)) + "}"


def _normal_decimal(d: Decimal) -> Decimal:
    from .numeric import normalize_scale

    return normalize_scale(d)


@functools.total_ordering
class Jsonb:
    """A jsonb document. ``value`` is the parsed JSON (None = JSON null)."""

    __slots__ = ("value", "_hash")

    def __init__(self, value: Any) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "_hash", None)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Jsonb is immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Jsonb):
            return NotImplemented
        return compare_json_values(self.value, other.value) == 0

    def __lt__(self, other: Jsonb) -> bool:
        if not isinstance(other, Jsonb):
            return NotImplemented
        return compare_json_values(self.value, other.value) < 0

    def compare(self, other: Jsonb) -> int:
        return compare_json_values(self.value, other.value)

    def __hash__(self) -> int:
        h = self._hash
        if h is None:
            h = hash(_hash_key(self.value))
            object.__setattr__(self, "_hash", h)
        return h

    def __str__(self) -> str:
        return json_text(self.value)

    def __repr__(self) -> str:
        return f"Jsonb({self.value!r})"

    @property
    def type_name(self) -> str:
        """jsonb_typeof(): object, array, string, number, boolean or null."""
        return ("null", "string", "number", "boolean", "array", "object")[_kind(self.value)]


def jsonb_in(text: str) -> Jsonb:
    return Jsonb(parse_json(text, build=True))


def jsonb_out(value: Jsonb) -> str:
    return json_text(value.value)


def json_in(text: str) -> str:
    parse_json(text, build=False)
    return text


def json_out(value: str) -> str:
    return value
