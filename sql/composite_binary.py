"""Binary send/receive of user-defined composite types and of arrays of enums and composites.

A composite's binary form is PostgreSQL's record_send: the field count, then per field its type
OID and a length-prefixed value (-1 for NULL). Arrays use the ordinary array_send layout with
the element type's binary form.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.datatypes.binary import array_recv, array_send
from sql.errors import SqlError

_I32 = struct.Struct(">i")
_FIELD = struct.Struct(">Ii")


def binary_output(oid: int) -> Callable[[Any], bytes]:
    elem = T.element_type(oid)
    if elem and T.category(oid) == "A":
        elem_send = T.binary_output(elem)
        return lambda v: array_send(v, elem, elem_send)
    info = T.composite_info(oid)
    fields = [(ft, T.binary_output(ft)) for _n, ft, _tm in (info.attributes if info is not None else ())]

    def send(v: tuple[Any, ...]) -> bytes:
        out = [_I32.pack(len(fields))]
        for (ft, f), x in zip(fields, v):
            if x is None:
                out.append(_FIELD.pack(ft, -1))
            else:
                b = f(x)
                out.append(_FIELD.pack(ft, len(b)))
                out.append(b)
        return b"".join(out)

    return send


def binary_input(oid: int) -> Callable[[bytes], Any]:
    elem = T.element_type(oid)
    if elem and T.category(oid) == "A":
        elem_recv = T.binary_input(elem)
        return lambda b: array_recv(b, elem, elem_recv)
    info = T.composite_info(oid)
    fields = [(ft, T.binary_input(ft)) for _n, ft, _tm in (info.attributes if info is not None else ())]

    def recv(data: bytes) -> tuple[Any, ...]:
        data = bytes(data)
        if len(data) < 4:
            raise _bad("insufficient data left in message")
        (n,) = _I32.unpack_from(data, 0)
        if n != len(fields):
            raise SqlError(sqlstate.DATATYPE_MISMATCH, f"wrong number of columns: {n}, expected {len(fields)}")
        pos = 4
        out: list[Any] = []
        for ft, f in fields:
            if pos + 8 > len(data):
                raise _bad("insufficient data left in message")
            got, length = _FIELD.unpack_from(data, pos)
            pos += 8
            if got != ft:
                raise SqlError(sqlstate.DATATYPE_MISMATCH,
                               f"binary data has type {got} ({T.type_name(got)}) instead of expected {ft} "
                               f"({T.type_name(ft)}) in record column {len(out) + 1}")
            if length < 0:
                out.append(None)
                continue
            if pos + length > len(data):
                raise _bad("insufficient data left in message")
            out.append(f(data[pos:pos + length]))
            pos += length
        return tuple(out)

    return recv


def _bad(message: str) -> SqlError:
    return SqlError(sqlstate.INVALID_BINARY_REPRESENTATION, message)
