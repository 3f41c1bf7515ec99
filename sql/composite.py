"""Values of composite types (CREATE TYPE ... AS (...)) and arrays of user-defined types.

A composite value is a Python tuple of field datums, like an anonymous record; stored as a list
of the fields' storage forms. Text I/O follows PostgreSQL's record_in / record_out: ``(1,abc)``,
fields quoted with ``"`` when they hold commas, quotes, parentheses, backslashes or spaces, an
empty unquoted field is NULL. Arrays of enum and composite types use the array text format over
the element type's I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.datatypes.arrays import array_in, array_out
from sql.datatypes.textio import record_out
from sql.errors import SqlError


def _fields(oid: int) -> tuple[tuple[str, int, int], ...]:
    info = T.composite_info(oid)
    return info.attributes if info is not None else ()


def parse_record_text(text: str, type_name: str) -> list[str | None]:
    """Split ``(a,"b c",)`` into field texts (None: NULL)."""
    s = text.strip()
    if not s.startswith("("):
        raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'malformed record literal: "{text}"',
                       detail='Missing left parenthesis.')
    out: list[str | None] = []
    i, n = 1, len(s)
    while True:
        buf: list[str] = []
        quoted = False
        while i < n and s[i] not in ",)":
            c = s[i]
            if c == '"':
                quoted = True
                i += 1
                while i < n:
                    if s[i] == '"':
                        if i + 1 < n and s[i + 1] == '"':
                            buf.append('"')
                            i += 2
                            continue
                        i += 1
                        break
                    if s[i] == "\\" and i + 1 < n:
                        buf.append(s[i + 1])
                        i += 2
                        continue
                    buf.append(s[i])
                    i += 1
                continue
            if c == "\\" and i + 1 < n:
                buf.append(s[i + 1])
                i += 2
                continue
            buf.append(c)
            i += 1
        out.append("".join(buf) if buf or quoted else None)
        if i >= n:
            raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'malformed record literal: "{text}"',
                           detail="Unexpected end of input.")
        if s[i] == ")":
            i += 1
            break
        i += 1
    if s[i:].strip():
        raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'malformed record literal: "{text}"',
                       detail="Junk after right parenthesis.")
    return out


def input_fn(oid: int) -> Callable[[str], Any]:
    elem = T.element_type(oid)
    if elem and T.category(oid) == "A":
        elem_in = T.text_input(elem)
        return lambda s: array_in(s, elem_in)
    fields = _fields(oid)
    name = T.type_name(oid)
    ins = [T.text_input(ft, tm) for _n, ft, tm in fields]

    def parse(text: str) -> tuple[Any, ...]:
        parts = parse_record_text(text, name)
        if len(parts) < len(ins):
            raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'malformed record literal: "{text}"',
                           detail="Too few columns.")
        if len(parts) > len(ins):
            raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'malformed record literal: "{text}"',
                           detail="Too many columns.")
        return tuple(None if p is None else f(p) for f, p in zip(ins, parts))

    return parse


def output_fn(oid: int) -> Callable[[Any], str]:
    elem = T.element_type(oid)
    if elem and T.category(oid) == "A":
        elem_out = T.text_output(elem)
        return lambda v: array_out(v, elem_out)
    outs = [T.text_output(ft) for _n, ft, _tm in _fields(oid)]

    def out(v: tuple[Any, ...]) -> str:
        return record_out([None if x is None else f(x) for f, x in zip(outs, v)])

    return out


def to_storage(oid: int) -> Callable[[Any], Any] | None:
    elem = T.element_type(oid)
    if elem and T.category(oid) == "A":
        conv = T.to_storage(elem)

        def element(x: Any) -> Any:
            y = x if x is None or conv is None else conv(x)
            return tuple(y) if isinstance(y, list) else y  # a stored composite element is a tuple, a sub-array a list

        def arr(v: list[Any]) -> list[Any]:
            return [arr(x) if isinstance(x, list) else element(x) for x in v]
        return arr
    convs = [T.to_storage(ft) for _n, ft, _tm in _fields(oid)]
    info = T.composite_info(oid)
    if info is not None and info.slots:  # attributes were dropped or added: keep the stored positions
        slots, width = info.slots, info.nslots

        def placed(v: tuple[Any, ...]) -> list[Any]:
            out: list[Any] = [None] * width
            for f, x, slot in zip(convs, v, slots):
                out[slot] = x if x is None or f is None else f(x)
            return out
        return placed
    return lambda v: [x if x is None or f is None else f(x) for f, x in zip(convs, v)]


def from_storage(oid: int) -> Callable[[Any], Any] | None:
    elem = T.element_type(oid)
    if elem and T.category(oid) == "A":
        conv = T.from_storage(elem)

        def arr(v: list[Any]) -> list[Any]:
            return [arr(x) if isinstance(x, list) else (x if x is None or conv is None else conv(x)) for x in v]
        return arr
    convs = [T.from_storage(ft) for _n, ft, _tm in _fields(oid)]
    info = T.composite_info(oid)
    slots = info.slots if info is not None and info.slots else tuple(range(len(convs)))

    def read(v: Any) -> tuple[Any, ...]:
        out = []
        for f, slot in zip(convs, slots):
            x = v[slot] if slot < len(v) else None  # an attribute added after the value was stored
            out.append(x if x is None or f is None else f(x))
        return tuple(out)
    return read


def _value_cast(target: int, typmod: int) -> Callable[[Any], Any]:
    from sql.functions_util import infer_oid

    cache: dict[int, Callable[[Any], Any] | None] = {}

    def conv(v: Any) -> Any:
        src = infer_oid(v)
        if src not in cache:
            fn = T.cast_fn(src, target, typmod, explicit=False)
            tm = T.typmod_fn(target, typmod, False)
            if fn is not None and tm is not None:
                base = fn
                fn = lambda x: tm(base(x))  # noqa: E731
            cache[src] = fn
        fn = cache[src]
        if fn is None:
            raise SqlError(sqlstate.CANNOT_COERCE, f"cannot cast type {T.type_name(src)} to {T.type_name(target)}")
        return fn(v)

    return conv


def cast(src: int, dst: int) -> Callable[[Any], Any] | None:
    if src == dst:
        return lambda v: v
    if T.composite_info(dst) is not None and src == T.RECORD:
        fields = _fields(dst)
        convs = [_value_cast(ft, tm) for _n, ft, tm in fields]

        def from_record(v: tuple[Any, ...]) -> tuple[Any, ...]:
            if len(v) != len(convs):
                raise SqlError(sqlstate.CANNOT_COERCE, f"cannot cast type record to {T.type_name(dst)}",
                               detail=f"Input has too {'few' if len(v) < len(convs) else 'many'} columns.")
            return tuple(None if x is None else c(x) for c, x in zip(convs, v))

        return from_record
    if dst in (T.TEXT, T.VARCHAR, T.BPCHAR, T.NAME):
        return output_fn(src)
    if src in (T.TEXT, T.VARCHAR, T.BPCHAR, T.NAME, T.UNKNOWN):
        return input_fn(dst)
    if src != T.RECORD and T.composite_info(src) is not None and dst == T.RECORD:
        return lambda v: v
    return None
