"""Binary send/receive of the network, bit-string and geometric types (PostgreSQL's typsend/typreceive).

* inet/cidr (``inet_send``): family byte (2 = IPv4, 3 = IPv6), netmask length, an is-cidr byte,
  the address length (4 or 16) and the address bytes.
* bit/varbit (``bit_send``): int32 bit count, then the bits packed high bit first, zero padded.
* point: two float8; lseg: two points; box: the upper right then the lower left corner;
  circle: the center point and the radius.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

from . import registry as r
from .bits import BitString
from .geometry import Box, Circle, Lseg, Point, make_box
from .network import Inet

_I32 = struct.Struct(">i")
_F64x2 = struct.Struct(">dd")
_F64x3 = struct.Struct(">ddd")
_F64x4 = struct.Struct(">dddd")
_AF_INET, _AF_INET6 = 2, 3


def _insufficient() -> SqlError:
    return SqlError(sqlstate.PROTOCOL_VIOLATION, "insufficient data left in message")


def _bad(message: str) -> SqlError:
    return SqlError(sqlstate.INVALID_BINARY_REPRESENTATION, message)


# inet / cidr ----------------------------------------------------------------------------------
def _inet_send(is_cidr: bool) -> Callable[[Inet], bytes]:
    def send(v: Inet) -> bytes:
        nb = 4 if v.family == 4 else 16
        head = bytes([_AF_INET if v.family == 4 else _AF_INET6, v.masklen, 1 if is_cidr else 0, nb])
        return head + v.addr.to_bytes(nb, "big")

    return send


def _inet_recv(is_cidr: bool) -> Callable[[bytes], Inet]:
    name = "cidr" if is_cidr else "inet"

    def recv(data: bytes) -> Inet:
        data = bytes(data)
        if len(data) < 4:
            raise _insufficient()
        fam_byte, bits, _flag, nb = data[0], data[1], data[2], data[3]
        if fam_byte not in (_AF_INET, _AF_INET6):
            raise _bad(f'invalid address family in external "{name}" value')
        family = 4 if fam_byte == _AF_INET else 6
        maxbits = 32 if family == 4 else 128
        if bits > maxbits:
            raise _bad(f'invalid bits in external "{name}" value')
        if nb != maxbits // 8:
            raise _bad(f'invalid length in external "{name}" value')
        if len(data) < 4 + nb:
            raise _insufficient()
        if len(data) > 4 + nb:
            raise _bad("incorrect binary data format")
        v = Inet(family, int.from_bytes(data[4:], "big"), bits)
        if is_cidr and v.network_int() != v.addr:
            raise _bad('invalid external "cidr" value')
        return v

    return recv


# bit / varbit -----------------------------------------------------------------------------------
def _bit_send(v: str) -> bytes:
    n = len(v)
    padded = v + "0" * (-n % 8)
    body = int(padded, 2).to_bytes(len(padded) // 8, "big") if padded else b""
    return _I32.pack(n) + body


def _bit_recv(data: bytes) -> BitString:
    data = bytes(data)
    if len(data) < 4:
        raise _insufficient()
    (n,) = _I32.unpack_from(data, 0)
    if n < 0:
        raise _bad("invalid length in external bit string")
    nbytes = (n + 7) // 8
    if len(data) < 4 + nbytes:
        raise _insufficient()
    if len(data) > 4 + nbytes:
        raise _bad("incorrect binary data format")
    bits = "".join(format(b, "08b") for b in data[4:])[:n]
    return BitString(bits)


# geometric types ------------------------------------------------------------------------------
def _exact(data: bytes, st: struct.Struct) -> tuple[float, ...]:
    if len(data) < st.size:
        raise _insufficient()
    if len(data) > st.size:
        raise _bad("incorrect binary data format")
    return st.unpack(bytes(data))


def _point_recv(data: bytes) -> Point:
    x, y = _exact(data, _F64x2)
    return Point(x, y)


def _lseg_recv(data: bytes) -> Lseg:
    x1, y1, x2, y2 = _exact(data, _F64x4)
    return Lseg(Point(x1, y1), Point(x2, y2))


def _box_recv(data: bytes) -> Box:
    x1, y1, x2, y2 = _exact(data, _F64x4)
    return make_box(Point(x1, y1), Point(x2, y2))


def _circle_recv(data: bytes) -> Circle:
    x, y, radius = _exact(data, _F64x3)
    if radius < 0:
        raise _bad("invalid radius in external \"circle\" value")
    return Circle(Point(x, y), radius)


RECV: dict[int, Callable[[bytes], Any]] = {
    r.INET: _inet_recv(False), r.CIDR: _inet_recv(True), r.BIT: _bit_recv, r.VARBIT: _bit_recv,
    r.POINT: _point_recv, r.LSEG: _lseg_recv, r.BOX: _box_recv, r.CIRCLE: _circle_recv,
}

SEND: dict[int, Callable[[Any], bytes]] = {
    r.INET: _inet_send(False), r.CIDR: _inet_send(True), r.BIT: _bit_send, r.VARBIT: _bit_send,
    r.POINT: lambda p: _F64x2.pack(p.x, p.y),
    r.LSEG: lambda s: _F64x4.pack(s.p1.x, s.p1.y, s.p2.x, s.p2.y),
    r.BOX: lambda b: _F64x4.pack(b.high.x, b.high.y, b.low.x, b.low.y),
    r.CIRCLE: lambda c: _F64x3.pack(c.center.x, c.center.y, c.radius),
}
