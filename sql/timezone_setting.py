"""TimeZone values that are not zone names: POSIX offsets such as ``+02:00`` or ``<+05>-05``.

PostgreSQL reads a bare offset as POSIX does: hours WEST of Greenwich, so ``+02:00`` is UTC-2.
"""

from __future__ import annotations

import datetime as _dt
import re

_OFFSET = re.compile(r"(<[^<>]*>)?([+-]?)(\d{1,2})(?::(\d{2})(?::(\d{2}))?)?")


def offset_zone(text: str) -> _dt.tzinfo | None:
    """The fixed-offset zone a POSIX offset setting names, or None if ``text`` is not one."""
    m = _OFFSET.fullmatch(text.strip())
    if m is None:
        return None
    west = int(m.group(3)) * 3600 + int(m.group(4) or 0) * 60 + int(m.group(5) or 0)
    if west >= 24 * 3600 or int(m.group(4) or 0) >= 60 or int(m.group(5) or 0) >= 60:
        return None
    east = west if m.group(2) == "-" else -west
    return _dt.timezone(_dt.timedelta(seconds=east))
