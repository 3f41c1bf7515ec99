"""The hstore type of the hstore extension: sets of text key/value pairs (values may be NULL).

A datum is an :class:`Hstore`, a tuple of ``(key, value)`` pairs kept in PostgreSQL's order (by key
length, then by key bytes; the first of duplicate keys wins). Text form ``"a"=>"1", "b"=>NULL``;
binary form (hstore_send): int32 pair count, then per pair the key as int32 length + UTF-8 bytes
and the value likewise (length -1 for NULL). Stored as a tuple of pairs."""

from __future__ import annotations

import struct
from collections.abc import Iterable
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

_I32 = struct.Struct(">i")


class Hstore(tuple):  # type: ignore[type-arg]
    """Key/value pairs in canonical order."""

    __slots__ = ()


def make_hstore(pairs: Iterable[tuple[str, str | None]]) -> Hstore:
    seen: dict[str, str | None] = {}
    for k, v in pairs:
        seen.setdefault(k, v)
    return Hstore(sorted(seen.items(), key=lambda kv: (len(kv[0].encode()), kv[0].encode())))


def _syntax(text: str, pos: int) -> SqlError:
    """hstore's parse errors (PostgreSQL reports them as XX000)."""
    if pos >= len(text):
        return SqlError(sqlstate.INTERNAL_ERROR, "Unexpected end of string")
    return SqlError(sqlstate.INTERNAL_ERROR, f'Syntax error near "{text[pos]}" at position {pos}')


def _word(text: str, i: int) -> tuple[str, bool, int]:
    """A quoted or unquoted string at ``i``: (text, was quoted, next position)."""
    out = []
    if text[i] == '"':
        i += 1
        while i < len(text) and text[i] != '"':
            if text[i] == "\\" and i + 1 < len(text):
                i += 1
            out.append(text[i])
            i += 1
        if i >= len(text):
            raise _syntax(text, i)
        return "".join(out), True, i + 1
    while i < len(text) and not text[i].isspace() and text[i] not in ",=>":
        if text[i] == "\\" and i + 1 < len(text):
            i += 1
        out.append(text[i])
        i += 1
    return "".join(out), False, i


def hstore_in(text: str) -> Hstore:
    if isinstance(text, Hstore):  # a field of an anonymous record, whose type was lost with it
        return text
    pairs: list[tuple[str, str | None]] = []
    i, n = 0, len(text)

    def skip(j: int) -> int:
        while j < n and text[j].isspace():
            j += 1
        return j

    i = skip(i)
    while i < n:
        if text[i] in ",=>":
            raise _syntax(text, i)
        key, _q, i = _word(text, i)
        i = skip(i)
        if not text.startswith("=>", i):
            raise _syntax(text, i)
        i = skip(i + 2)
        if i >= n:
            raise _syntax(text, i)
        if text[i] in ",=>":
            raise _syntax(text, i)
        value, quoted, i = _word(text, i)
        pairs.append((key, None if not quoted and value.upper() == "NULL" else value))
        i = skip(i)
        if i < n:
            if text[i] != ",":
                raise _syntax(text, i)
            i = skip(i + 1)
    return make_hstore(pairs)


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hstore_out(v: Any) -> str:
    return ", ".join(f"{_quote(k)}=>{'NULL' if x is None else _quote(x)}" for k, x in v)


def hstore_send(v: Any) -> bytes:
    out = [_I32.pack(len(v))]
    for k, x in v:
        kb = k.encode()
        out += [_I32.pack(len(kb)), kb]
        if x is None:
            out.append(_I32.pack(-1))
        else:
            xb = x.encode()
            out += [_I32.pack(len(xb)), xb]
    return b"".join(out)


def _bad(message: str) -> SqlError:
    return SqlError(sqlstate.INVALID_BINARY_REPRESENTATION, message)


def hstore_recv(data: bytes) -> Hstore:
    data = bytes(data)
    if len(data) < 4:
        raise SqlError(sqlstate.PROTOCOL_VIOLATION, "insufficient data left in message")
    (count,) = _I32.unpack_from(data, 0)
    pos = 4
    pairs: list[tuple[str, str | None]] = []

    def take() -> str | None:
        nonlocal pos
        if pos + 4 > len(data):
            raise SqlError(sqlstate.PROTOCOL_VIOLATION, "insufficient data left in message")
        (length,) = _I32.unpack_from(data, pos)
        pos += 4
        if length < 0:
            return None
        if pos + length > len(data):
            raise SqlError(sqlstate.PROTOCOL_VIOLATION, "insufficient data left in message")
        s = data[pos:pos + length].decode("utf-8")
        pos += length
        return s

    for _ in range(count):
        key = take()
        if key is None:
            raise SqlError(sqlstate.NULL_VALUE_NOT_ALLOWED, "null value not allowed for hstore key")
        pairs.append((key, take()))
    if pos != len(data):
        raise _bad("incorrect binary data format")
    return make_hstore(pairs)


def hstore_to_storage(v: Any) -> Any:
    return tuple(tuple(p) for p in v)


def hstore_from_storage(v: Any) -> Hstore:
    return Hstore(tuple(p) for p in v)


# The I/O of each base type an extension brings, by type name (see sql.typesys.extension_io).
EXTENSION_TYPES: dict[str, dict[str, Any]] = {
    "hstore": {"in": hstore_in, "out": hstore_out, "send": hstore_send, "recv": hstore_recv,
               "to_storage": hstore_to_storage, "from_storage": hstore_from_storage},
}
