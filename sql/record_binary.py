"""Binary output of anonymous records (PostgreSQL's record_send for type ``record``): the field
count, then per field its type OID and a length-prefixed value (-1 for NULL). A record that knows
its field types (a whole-row reference) uses them; otherwise each field's type is the one its value
implies, and a NULL field is sent as text."""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

from sql import typesys as T
from sql.datatypes.binary import array_send

_I32 = struct.Struct(">i")
_FIELD = struct.Struct(">Ii")


def record_send(value: tuple[Any, ...], binary_output: Callable[[int], Callable[[Any], bytes]],
                infer_oid: Callable[[Any], int]) -> bytes:
    types = getattr(value, "types", None)
    out = [_I32.pack(len(value))]
    for i, v in enumerate(value):
        oid = types[i] if types else (T.TEXT if v is None else infer_oid(v))
        if v is None:
            out.append(_FIELD.pack(oid, -1))
            continue
        b = binary_output(oid)(v)
        out.append(_FIELD.pack(oid, len(b)))
        out.append(b)
    return b"".join(out)


def record_array_send(value: list[Any], record_out: Callable[[Any], bytes]) -> bytes:
    return array_send(value, T.RECORD, record_out)
