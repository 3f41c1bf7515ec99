"""Binary send/receive of the range types (PostgreSQL's range_send / range_recv): a flags byte,
then each finite bound as a length-prefixed value of the subtype's binary form."""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

from .ranges import EMPTY, Range, make_range

_EMPTY, _LB_INC, _UB_INC, _LB_INF, _UB_INF = 0x01, 0x02, 0x04, 0x08, 0x10
_I32 = struct.Struct(">i")


def range_send(range_oid: int, sub_send: Callable[[Any], bytes]) -> Callable[[Range], bytes]:
    def send(v: Range) -> bytes:
        if v.empty:
            return bytes([_EMPTY])
        flags = (_LB_INC if v.lower_inc else 0) | (_UB_INC if v.upper_inc else 0)
        flags |= (_LB_INF if v.lower is None else 0) | (_UB_INF if v.upper is None else 0)
        out = [bytes([flags])]
        for bound in (v.lower, v.upper):
            if bound is not None:
                b = sub_send(bound)
                out.append(_I32.pack(len(b)))
                out.append(b)
        return b"".join(out)

    return send


def range_recv(range_oid: int, sub_recv: Callable[[bytes], Any]) -> Callable[[bytes], Range]:
    def recv(data: bytes) -> Range:
        data = bytes(data)
        if not data:
            raise SqlError(sqlstate.INVALID_BINARY_REPRESENTATION, "insufficient data left in message")
        flags, pos = data[0], 1
        if flags & _EMPTY:
            return EMPTY
        bounds: list[Any] = []
        for inf in (_LB_INF, _UB_INF):
            if flags & inf:
                bounds.append(None)
                continue
            if pos + 4 > len(data):
                raise SqlError(sqlstate.INVALID_BINARY_REPRESENTATION, "insufficient data left in message")
            (n,) = _I32.unpack_from(data, pos)
            pos += 4
            bounds.append(sub_recv(data[pos:pos + n]))
            pos += n
        return make_range(range_oid, bounds[0], bounds[1], bool(flags & _LB_INC), bool(flags & _UB_INC))

    return recv
