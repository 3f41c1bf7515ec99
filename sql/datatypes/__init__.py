"""The data-type layer: PostgreSQL 15 built-in types, their datums, I/O, storage and casts.

Modules:

* :mod:`.registry` -- ``PgType`` rows, lookups by OID and SQL name, typmods, ``format_type``.
* :mod:`.textio` -- ``input_function`` / ``output_function`` (text format) for every type.
* :mod:`.binary` -- ``binary_input_function`` / ``binary_output_function`` (wire binary format).
* :mod:`.typmod` -- ``apply_typmod`` (varchar/char length, numeric precision, time precision).
* :mod:`.storage` -- ``to_storage`` / ``from_storage`` (primitive forms kept in rows).
* :mod:`.casts` -- ``cast_function`` / ``cast_context``.
* Type families: :mod:`.numbers` (bool, ints, floats), :mod:`.numeric`, :mod:`.strings`
  (text, char, bytea, uuid), :mod:`.datetimes` / :mod:`.dtparse` / :mod:`.dtdecode` (date,
  time, timestamp[tz]), :mod:`.interval` / :mod:`.interval_io`, :mod:`.jsonb` /
  :mod:`.json_parse`, :mod:`.arrays`.

Datums: bool, int, float, Decimal, str, bytes, datetime.date/time/datetime (timestamptz aware
UTC), :class:`Interval`, uuid.UUID, :class:`Jsonb`, list (arrays), and the
:data:`INFINITY` / :data:`NEG_INFINITY` sentinels for infinite dates and timestamps.

This package imports nothing from the project except ``sql.errors`` and ``sql.sqlstate``.
"""

from __future__ import annotations

from . import bits as _bits  # noqa: F401  (registers bit/varbit I/O, typmods and casts)
from . import geometry as _geometry  # noqa: F401  (registers point, lseg, box, circle)
from . import multiranges as _multiranges  # noqa: F401  (registers the multirange types' I/O)
from . import network as _network  # noqa: F401  (registers inet/cidr I/O and casts)
from . import ranges as _ranges  # noqa: F401  (registers the range types' I/O)
from . import timetz as _timetz  # noqa: F401  (registers time with time zone)
from . import tsearch as _tsearch  # noqa: F401  (registers tsvector, tsquery)
from .binary import binary_input_function, binary_output_function
from .casts import cast_context, cast_function, coerce_value
from .datetimes import set_transaction_timestamp, timestamptz_input, timestamptz_output, transaction_now
from .dtcommon import INFINITY, NEG_INFINITY, UTC, DateTimeInfinity
from .interval import (
    Interval,
    add_interval,
    justify_days,
    justify_hours,
    justify_interval,
    subtract_interval,
    timestamp_difference,
)
from .jsonb import Jsonb
from .registry import (
    PgType,
    find_type_by_oid,
    format_type,
    parse_type_modifiers,
    parse_type_name,
    type_by_name,
    type_by_oid,
)
from .storage import from_storage, to_storage
from .textio import input_function, output_function, set_reg_resolver
from .typmod import apply_typmod

__all__ = [
    "INFINITY",
    "NEG_INFINITY",
    "UTC",
    "DateTimeInfinity",
    "Interval",
    "Jsonb",
    "PgType",
    "add_interval",
    "apply_typmod",
    "binary_input_function",
    "binary_output_function",
    "cast_context",
    "cast_function",
    "coerce_value",
    "find_type_by_oid",
    "format_type",
    "from_storage",
    "input_function",
    "justify_days",
    "justify_hours",
    "justify_interval",
    "output_function",
    "parse_type_modifiers",
    "parse_type_name",
    "set_reg_resolver",
    "set_transaction_timestamp",
    "subtract_interval",
    "timestamp_difference",
    "timestamptz_input",
    "timestamptz_output",
    "to_storage",
    "transaction_now",
    "type_by_name",
    "type_by_oid",
]
