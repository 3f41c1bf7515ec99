"""Network address types inet and cidr (PostgreSQL 15 semantics).

A datum is an :class:`Inet`: the address family (4 or 6), the address as an integer and the
netmask length. inet keeps host bits; cidr rejects them on input (22P02 ``invalid cidr
value``). Text output: inet omits the netmask when it covers the whole address, cidr never
does. Ordering follows ``network_cmp``: family, network bits, netmask length, then the whole
address. Stored as the text output.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

from . import extra_io
from . import registry as r


@functools.total_ordering
@dataclass(frozen=True)
class Inet:
    family: int  # 4 or 6
    addr: int
    masklen: int

    @property
    def bits(self) -> int:
        return 32 if self.family == 4 else 128

    def network_int(self, masklen: int | None = None) -> int:
        m = self.masklen if masklen is None else masklen
        shift = self.bits - m
        return (self.addr >> shift) << shift if shift < self.bits else 0

    def _key(self) -> tuple[int, int, int, int]:
        return (self.family, self.network_int(), self.masklen, self.addr)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Inet):
            return NotImplemented
        return self._key() < other._key()

    def address_text(self) -> str:
        ip = ipaddress.IPv4Address(self.addr) if self.family == 4 else ipaddress.IPv6Address(self.addr)
        return str(ip)


def _bad(type_name: str, text: str) -> SqlError:
    return SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'invalid input syntax for type {type_name}: "{text}"')


def _parse(text: str, type_name: str) -> Inet:
    s = text.strip()
    addr_part, slash, mask_part = s.partition("/")
    try:
        ip = ipaddress.ip_address(addr_part)
    except ValueError:
        if type_name == "cidr" and addr_part and all(p.isdigit() for p in addr_part.split(".")) \
                and addr_part.count(".") < 3:
            parts = addr_part.split(".")  # cidr's abbreviated IPv4 ("10/8", "192.168")
            if any(int(p) > 255 for p in parts):
                raise _bad(type_name, text) from None
            ip = ipaddress.IPv4Address(".".join(parts + ["0"] * (4 - len(parts))))
            if not slash:
                mask_part, slash = str(8 * len(parts)), "/"
        else:
            raise _bad(type_name, text) from None
    family = ip.version
    bits = 32 if family == 4 else 128
    if slash:
        if not mask_part.isdigit() or int(mask_part) > bits:
            raise _bad(type_name, text)
        masklen = int(mask_part)
    else:
        masklen = bits
    return Inet(family, int(ip), masklen)


def inet_in(text: str) -> Inet:
    return _parse(text, "inet")


def cidr_in(text: str) -> Inet:
    v = _parse(text, "cidr")
    if v.network_int() != v.addr:
        raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'invalid cidr value: "{text}"',
                       detail="Value has bits set to right of mask.")
    return v


def inet_out(v: Inet) -> str:
    if v.masklen == v.bits:
        return v.address_text()
    return f"{v.address_text()}/{v.masklen}"


def cidr_out(v: Inet) -> str:
    return f"{v.address_text()}/{v.masklen}"


def inet_text(v: Inet) -> str:
    """``text(inet)``: always with the netmask length."""
    return f"{v.address_text()}/{v.masklen}"


def to_cidr(v: Inet) -> Inet:
    return Inet(v.family, v.network_int(), v.masklen)


def _storage_from(parse: Callable[[str], Inet]) -> Callable[[str], Inet]:
    return parse


def _register() -> None:
    extra_io.INPUTS[r.INET] = lambda typmod, tz: inet_in
    extra_io.INPUTS[r.CIDR] = lambda typmod, tz: cidr_in
    extra_io.OUTPUTS[r.INET] = lambda tz, ds: inet_out
    extra_io.OUTPUTS[r.CIDR] = lambda tz, ds: cidr_out
    extra_io.TO_STORAGE[r.INET] = inet_text
    extra_io.TO_STORAGE[r.CIDR] = inet_text
    extra_io.FROM_STORAGE[r.INET] = inet_in
    extra_io.FROM_STORAGE[r.CIDR] = cidr_in
    ident: Callable[[Any], Callable[[Any], Any]] = lambda tz: (lambda v: v)  # noqa: E731
    extra_io.CASTS[(r.CIDR, r.INET)] = ("i", ident)
    extra_io.CASTS[(r.INET, r.CIDR)] = ("a", lambda tz: to_cidr)
    for src in (r.INET, r.CIDR):
        for dst in (r.TEXT, r.VARCHAR, r.BPCHAR):
            extra_io.CASTS[(src, dst)] = ("a", lambda tz: inet_text)


_register()
