"""Binary send/receive of the multirange types (PostgreSQL's multirange_send / multirange_recv):
an int32 count of ranges, then each range as an int32 length and its range_send form."""

from __future__ import annotations

import struct
from collections.abc import Callable

from sql import sqlstate
from sql.errors import SqlError

from .multiranges import Multirange, make_multirange
from .ranges import Range

_I32 = struct.Struct(">i")


def multirange_send(range_send: Callable[[Range], bytes]) -> Callable[[Multirange], bytes]:
    def send(v: Multirange) -> bytes:
        out = [_I32.pack(len(v.ranges))]
        for x in v.ranges:
            b = range_send(x)
            out.append(_I32.pack(len(b)))
            out.append(b)
        return b"".join(out)

    return send


def _short() -> SqlError:
    return SqlError(sqlstate.INVALID_BINARY_REPRESENTATION, "insufficient data left in message")


def multirange_recv(range_oid: int, range_recv: Callable[[bytes], Range]) -> Callable[[bytes], Multirange]:
    def recv(data: bytes) -> Multirange:
        data = bytes(data)
        if len(data) < 4:
            raise _short()
        (count,) = _I32.unpack_from(data, 0)
        pos = 4
        ranges: list[Range] = []
        for _ in range(count):
            if pos + 4 > len(data):
                raise _short()
            (n,) = _I32.unpack_from(data, pos)
            pos += 4
            if n < 0 or pos + n > len(data):
                raise _short()
            ranges.append(range_recv(data[pos:pos + n]))
            pos += n
        if pos != len(data):
            raise SqlError(sqlstate.INVALID_BINARY_REPRESENTATION, "incorrect binary data format")
        return make_multirange(range_oid, ranges)

    return recv
