"""time with time zone (timetz), PostgreSQL 15 semantics.

A datum is a :class:`TimeTz`: the local time of day and the zone offset in seconds east of
UTC. Input accepts a time followed by a numeric offset (``13:45:00+02``, ``-05:30``) or a
zone abbreviation/name; without one, the session zone's current offset applies. Output is
``HH:MM:SS[.ffffff]+hh[:mm]``. Ordering follows ``timetz_cmp`` (UTC time, then offset).
Stored as ``(microseconds, offset)``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import struct
from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql.errors import SqlError

from . import extra_io
from . import registry as r
from .datetimes import format_offset, round_time, time_in, time_out
from .dtcommon import USECS_PER_DAY, USECS_PER_SEC, time_to_usecs, usecs_to_time
from .tzdata import abbreviation_offset, find_zone


@functools.total_ordering
@dataclass(frozen=True)
class TimeTz:
    time: _dt.time
    offset: int  # seconds east of UTC

    def _key(self) -> tuple[int, int]:
        return (time_to_usecs(self.time) - self.offset * USECS_PER_SEC, -self.offset)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, TimeTz):
            return NotImplemented
        return self._key() < other._key()


_NUMERIC_ZONE = re.compile(r"^(?P<time>.*?\d)\s*(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?(?::?(?P<s>\d{2}))?\s*$")
_NAMED_ZONE = re.compile(r"^(?P<time>.*?\d(?:\s*[ap]\.?m\.?)?)\s+(?P<zone>[A-Za-z][A-Za-z_/+\-0-9]*)\s*$", re.I)


def _session_offset(tz: _dt.tzinfo) -> int:
    off = _dt.datetime.now(tz).utcoffset()
    return int(off.total_seconds()) if off is not None else 0


def timetz_in_factory(typmod: int, tz: _dt.tzinfo) -> Any:
    def parse(text: str) -> TimeTz:
        s = text.strip()
        m = _NUMERIC_ZONE.match(s)
        if m and ":" in m.group("time"):
            secs = int(m.group("h")) * 3600 + int(m.group("m") or 0) * 60 + int(m.group("s") or 0)
            if int(m.group("h")) > 15:
                raise SqlError(sqlstate.INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
                               f'time zone displacement out of range: "{text}"')
            offset = secs if m.group("sign") == "+" else -secs
            t = time_in(m.group("time"), tz=tz)
        else:
            n = _NAMED_ZONE.match(s)
            zone_name = n.group("zone") if n else None
            if zone_name and zone_name.lower() not in ("am", "pm", "a.m.", "p.m."):
                ab = abbreviation_offset(zone_name)
                if ab is not None:
                    offset = ab[0]
                else:
                    zone = find_zone(zone_name)
                    if zone is None:
                        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE,
                                       f'time zone "{zone_name}" not recognized')
                    offset = _session_offset(zone)
                t = time_in(n.group("time"), tz=tz)  # type: ignore[union-attr]
            else:
                t = time_in(s, tz=tz)
                offset = _session_offset(tz)
        if typmod >= 0:
            t = round_time(t, typmod)
        return TimeTz(t, offset)

    return parse


def timetz_out(v: TimeTz) -> str:
    return time_out(v.time) + format_offset(v.offset)


def _typmod(v: TimeTz, typmod: int, explicit: bool) -> TimeTz:
    return TimeTz(round_time(v.time, typmod), v.offset)


def _register() -> None:
    extra_io.INPUTS[r.TIMETZ] = timetz_in_factory
    extra_io.OUTPUTS[r.TIMETZ] = lambda tz, ds: timetz_out
    extra_io.TO_STORAGE[r.TIMETZ] = lambda v: (time_to_usecs(v.time), v.offset)
    extra_io.FROM_STORAGE[r.TIMETZ] = lambda t: TimeTz(usecs_to_time(t[0]), t[1])
    extra_io.TYPMODS[r.TIMETZ] = _typmod
    extra_io.CASTS[(r.TIMETZ, r.TIME)] = ("a", lambda tz: lambda v: v.time)
    extra_io.CASTS[(r.TIME, r.TIMETZ)] = ("i", lambda tz: lambda v: TimeTz(v, _session_offset(tz)))
    extra_io.CASTS[(r.TIMESTAMPTZ, r.TIMETZ)] = ("a", lambda tz: lambda v: _from_timestamptz(v, tz))
    from . import binary

    binary._RECV.setdefault(r.TIMETZ, _timetz_recv)
    binary._SEND.setdefault(r.TIMETZ, _timetz_send)


_TIMETZ_BIN = struct.Struct("!qi")  # microseconds since midnight, zone in seconds west of UTC


def _timetz_recv(data: bytes) -> TimeTz:
    if len(data) != _TIMETZ_BIN.size:
        raise SqlError(sqlstate.INVALID_BINARY_REPRESENTATION, "insufficient data left in message")
    us, west = _TIMETZ_BIN.unpack(data)
    if not 0 <= us <= USECS_PER_DAY or us == USECS_PER_DAY:
        raise SqlError(sqlstate.DATETIME_FIELD_OVERFLOW, "time out of range")
    if abs(west) > 15 * 3600 + 59 * 60 + 59:
        raise SqlError(sqlstate.INVALID_TIME_ZONE_DISPLACEMENT_VALUE, "time zone displacement out of range")
    return TimeTz(usecs_to_time(us), -west)


def _timetz_send(v: TimeTz) -> bytes:
    return _TIMETZ_BIN.pack(time_to_usecs(v.time), -v.offset)


def _from_timestamptz(v: Any, tz: _dt.tzinfo) -> TimeTz:
    local = v.astimezone(tz)
    off = local.utcoffset()
    return TimeTz(local.time().replace(tzinfo=None), int(off.total_seconds()) if off is not None else 0)


_register()
