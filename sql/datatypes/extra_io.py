"""Hook tables for the type families kept in their own modules (ranges, network, bit strings,
time with time zone, geometric, text search). Each family fills these at import time; the
general dispatchers (:mod:`.textio`, :mod:`.storage`, :mod:`.typmod`, :mod:`.casts`) consult
them for OIDs they do not handle themselves.

* ``INPUTS[oid](typmod, tz)`` -> ``str -> datum``
* ``OUTPUTS[oid](tz, datestyle)`` -> ``datum -> str``
* ``TO_STORAGE[oid]`` / ``FROM_STORAGE[oid]`` -> converters to/from a storage form
* ``TYPMODS[oid](value, typmod, explicit)`` -> the value coerced to the type modifier
* ``CASTS[(src, dst)] = (context, factory)``: a ``pg_cast`` row; ``factory(tz)`` gives the
  conversion (None: I/O conversion through text)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

InputFactory = Callable[[int, _dt.tzinfo], Callable[[str], Any]]
OutputFactory = Callable[[_dt.tzinfo, "str | None"], Callable[[Any], str]]

INPUTS: dict[int, InputFactory] = {}
OUTPUTS: dict[int, OutputFactory] = {}
TO_STORAGE: dict[int, Callable[[Any], Any]] = {}
FROM_STORAGE: dict[int, Callable[[Any], Any]] = {}
TYPMODS: dict[int, Callable[[Any, int, bool], Any]] = {}
CASTS: dict[tuple[int, int], tuple[str, Callable[[_dt.tzinfo], Callable[[Any], Any]] | None]] = {}
