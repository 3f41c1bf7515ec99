"""Type-modifier coercion: :func:`apply_typmod` (length, precision and scale limits).

The rules are PostgreSQL's length-coercion functions (``varchar``, ``bpchar``, ``numeric``,
``timestamp``, ``time``, ``interval``): an implicit/assignment coercion rejects strings that
are too long unless the excess is spaces, an explicit cast truncates silently; numeric rounds
half away from zero and raises ``numeric field overflow``; the date/time types round their
fractional seconds. Arrays apply the modifier to every element.
"""

from __future__ import annotations

from typing import Any

from . import extra_io
from . import registry as r
from .arrays import map_elements
from .datetimes import round_time, round_timestamp
from .interval_io import apply_interval_typmod
from .numeric import apply_numeric_typmod
from .strings import bpchar_coerce, varchar_coerce


def apply_typmod(oid: int, value: Any, typmod: int, *, explicit: bool = False) -> Any:
    """Coerce ``value`` (a datum of type ``oid``) to the modifier ``typmod`` (-1: no-op)."""
    if value is None or typmod < 0:
        return value
    t = r.find_type_by_oid(oid)
    if t is not None and t.is_array and t.elem_oid:
        elem = t.elem_oid
        return map_elements(value, lambda v: apply_typmod(elem, v, typmod, explicit=explicit))
    if oid == r.VARCHAR:
        return varchar_coerce(value, typmod, explicit)
    if oid == r.BPCHAR:
        return bpchar_coerce(value, typmod, explicit)
    if oid == r.NUMERIC:
        return apply_numeric_typmod(value, typmod)
    if oid in (r.TIMESTAMP, r.TIMESTAMPTZ):
        return round_timestamp(value, typmod)
    if oid == r.TIME:
        return round_time(value, typmod)
    if oid == r.INTERVAL:
        return apply_interval_typmod(value, typmod)
    if oid in extra_io.TYPMODS:
        return extra_io.TYPMODS[oid](value, typmod, explicit)
    return value
