"""Interval and jsonb semantics, date/time arithmetic, typmods, storage forms and clock inputs.

Tables in capitals were recorded from PostgreSQL 15 (``select (<expr>)::text``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest

from sql.datatypes import (
    INFINITY,
    NEG_INFINITY,
    UTC,
    Interval,
    Jsonb,
    add_interval,
    apply_typmod,
    from_storage,
    input_function,
    justify_days,
    justify_hours,
    justify_interval,
    output_function,
    parse_type_name,
    set_transaction_timestamp,
    timestamp_difference,
    timestamptz_input,
    timestamptz_output,
    to_storage,
)
from sql.datatypes import registry as r
from sql.datatypes.casts import cast_function, coerce_value
from sql.datatypes.datetimes import date_in, timestamp_in, timestamp_out
from sql.datatypes.interval_io import interval_in, interval_out
from sql.datatypes.jsonb import jsonb_in, jsonb_out
from sql.datatypes.textio import record_out
from sql.datatypes.tzdata import find_zone
from sql.errors import SqlError

NEW_YORK = find_zone("America/New_York")

INTERVAL_ARITH = [
    ("1 mon", "*", 0.5, "15 days"),
    ("1 mon", "/", 0.5, "2 mons"),
    ("1 mon", "*", -1.5, "-1 mons -15 days"),
    ("1 mon", "/", -1.5, "-20 days"),
    ("1 mon", "*", 0.3333333333333333, "10 days"),
    ("1 mon", "/", 0.3333333333333333, "3 mons"),
    ("1 mon", "*", 3.7, "3 mons 21 days"),
    ("1 mon", "/", 3.7, "8 days 02:35:40.5312"),
    ("1 mon", "*", 1e-07, "00:00:00.2592"),
    ("1 mon", "/", 1e-07, "833333 years 4 mons"),
    ("1 mon", "/", 0.0, "ERR 22012 division by zero"),
    ("1 mon", "*", 2.0, "2 mons"),
    ("1 year 2 mons 3 days 04:05:06.789", "*", 0.5, "7 mons 1 day 14:02:33.3945"),
    ("1 year 2 mons 3 days 04:05:06.789", "/", 0.5, "2 years 4 mons 6 days 08:10:13.578"),
    ("1 year 2 mons 3 days 04:05:06.789", "*", -1.5, "-1 years -9 mons -4 days -18:07:40.1835"),
    ("1 year 2 mons 3 days 04:05:06.789", "/", -1.5, "-9 mons -12 days -02:43:24.526"),
    ("1 year 2 mons 3 days 04:05:06.789", "*", 0.3333333333333333, "4 mons 21 days 01:21:42.263"),
    ("1 year 2 mons 3 days 04:05:06.789", "/", 0.3333333333333333, "3 years 6 mons 9 days 12:15:20.367"),
    ("1 year 2 mons 3 days 04:05:06.789", "*", 3.7, "4 years 3 mons 35 days 17:30:55.1193"),
    ("1 year 2 mons 3 days 04:05:06.789", "/", 3.7, "3 mons 24 days 08:53:16.471492"),
    ("1 year 2 mons 3 days 04:05:06.789", "*", 1e-07, "00:00:03.656191"),
    ("1 year 2 mons 3 days 04:05:06.789", "/", 1e-07, "11666666 years 8 mons 30000000 days 40852191:40:00"),
    ("1 year 2 mons 3 days 04:05:06.789", "/", 0.0, "ERR 22012 division by zero"),
    ("1 year 2 mons 3 days 04:05:06.789", "*", 2.0, "2 years 4 mons 6 days 08:10:13.578"),
    ("-1 day +02:00", "*", 0.5, "-11:00:00"),
    ("-1 day +02:00", "/", 0.5, "-2 days +04:00:00"),
    ("-1 day +02:00", "*", -1.5, "1 day 09:00:00"),
    ("-1 day +02:00", "/", -1.5, "14:40:00"),
    ("-1 day +02:00", "*", 0.3333333333333333, "-07:20:00"),
    ("-1 day +02:00", "/", 0.3333333333333333, "-3 days +06:00:00"),
    ("-1 day +02:00", "*", 3.7, "-3 days -09:24:00"),
    ("-1 day +02:00", "/", 3.7, "-05:56:45.405405"),
    ("-1 day +02:00", "*", 1e-07, "-00:00:00.00792"),
    ("-1 day +02:00", "/", 1e-07, "-10000000 days +20000000:00:00"),
    ("-1 day +02:00", "/", 0.0, "ERR 22012 division by zero"),
    ("-1 day +02:00", "*", 2.0, "-2 days +04:00:00"),
    ("1.5 days", "*", 0.5, "18:00:00"),
    ("1.5 days", "/", 0.5, "2 days 24:00:00"),
    ("1.5 days", "*", -1.5, "-1 days -30:00:00"),
    ("1.5 days", "/", -1.5, "-24:00:00"),
    ("1.5 days", "*", 0.3333333333333333, "12:00:00"),
    ("1.5 days", "/", 0.3333333333333333, "3 days 36:00:00"),
    ("1.5 days", "*", 3.7, "3 days 61:12:00"),
    ("1.5 days", "/", 3.7, "09:43:47.027027"),
    ("1.5 days", "*", 1e-07, "00:00:00.01296"),
    ("1.5 days", "/", 1e-07, "10000000 days 120000000:00:00"),
    ("1.5 days", "/", 0.0, "ERR 22012 division by zero"),
    ("1.5 days", "*", 2.0, "2 days 24:00:00"),
    ("-7 mons -1 day", "*", 0.5, "-3 mons -15 days -12:00:00"),
    ("-7 mons -1 day", "/", 0.5, "-1 years -2 mons -2 days"),
    ("-7 mons -1 day", "*", -1.5, "10 mons 16 days 12:00:00"),
    ("-7 mons -1 day", "/", -1.5, "4 mons 20 days 16:00:00"),
    ("-7 mons -1 day", "*", 0.3333333333333333, "-2 mons -10 days -08:00:00"),
    ("-7 mons -1 day", "/", 0.3333333333333333, "-1 years -9 mons -3 days"),
    ("-7 mons -1 day", "*", 3.7, "-2 years -1 mons -30 days -16:48:00"),
    ("-7 mons -1 day", "/", 3.7, "-1 mons -27 days -00:38:55.156151"),
    ("-7 mons -1 day", "*", 1e-07, "-00:00:01.82304"),
    ("-7 mons -1 day", "/", 1e-07, "-5833333 years -4 mons -10000000 days"),
    ("-7 mons -1 day", "/", 0.0, "ERR 22012 division by zero"),
    ("-7 mons -1 day", "*", 2.0, "-1 years -2 mons -2 days"),
    ("2147483647 days", "*", 0.5, "1073741823 days 12:00:00"),
    ("2147483647 days", "/", 0.5, "ERR 22008 interval out of range"),
    ("2147483647 days", "*", -1.5, "ERR 22008 interval out of range"),
    ("2147483647 days", "/", -1.5, "-1431655764 days -16:00:00.006866"),
    ("2147483647 days", "*", 0.3333333333333333, "715827882 days 07:59:59.993134"),
    ("2147483647 days", "/", 0.3333333333333333, "ERR 22008 interval out of range"),
    ("2147483647 days", "*", 3.7, "ERR 22008 interval out of range"),
    ("2147483647 days", "/", 3.7, "580400985 days 16:12:58.374481"),
    ("2147483647 days", "*", 1e-07, "214 days 17:57:38.71008"),
    ("2147483647 days", "/", 1e-07, "ERR 22008 interval out of range"),
    ("2147483647 days", "/", 0.0, "ERR 22012 division by zero"),
    ("2147483647 days", "*", 2.0, "ERR 22008 interval out of range"),
]

ADD_INTERVAL = [
    ("UTC", "timestamptz", "2024-01-31 10:00", "1 mon", "2024-02-29 10:00:00+00"),
    ("UTC", "timestamp", "2024-01-31 10:00", "1 mon", "2024-02-29 10:00:00"),
    ("UTC", "date", "2024-01-31", "1 mon", "2024-02-29 00:00:00"),
    ("UTC", "timestamptz", "2024-01-31 10:00", "1 day", "2024-02-01 10:00:00+00"),
    ("UTC", "timestamp", "2024-01-31 10:00", "1 day", "2024-02-01 10:00:00"),
    ("UTC", "date", "2024-01-31", "1 day", "2024-02-01 00:00:00"),
    ("UTC", "timestamptz", "2024-01-31 10:00", "24 hours", "2024-02-01 10:00:00+00"),
    ("UTC", "timestamp", "2024-01-31 10:00", "24 hours", "2024-02-01 10:00:00"),
    ("UTC", "date", "2024-01-31", "24 hours", "2024-02-01 00:00:00"),
    ("UTC", "timestamptz", "2024-01-31 10:00", "-1 mon", "2023-12-31 10:00:00+00"),
    ("UTC", "timestamp", "2024-01-31 10:00", "-1 mon", "2023-12-31 10:00:00"),
    ("UTC", "date", "2024-01-31", "-1 mon", "2023-12-31 00:00:00"),
    (
        "UTC",
        "timestamptz",
        "2024-01-31 10:00",
        "1 year 2 mons 3 days 04:05:06.789",
        "2025-04-03 14:05:06.789+00",
    ),
    ("UTC", "timestamp", "2024-01-31 10:00", "1 year 2 mons 3 days 04:05:06.789", "2025-04-03 14:05:06.789"),
    ("UTC", "date", "2024-01-31", "1 year 2 mons 3 days 04:05:06.789", "2025-04-03 04:05:06.789"),
    ("UTC", "timestamptz", "2024-01-31 10:00", "1 mon -1 day", "2024-02-28 10:00:00+00"),
    ("UTC", "timestamp", "2024-01-31 10:00", "1 mon -1 day", "2024-02-28 10:00:00"),
    ("UTC", "date", "2024-01-31", "1 mon -1 day", "2024-02-28 00:00:00"),
    ("UTC", "timestamptz", "2024-02-29 23:59:59.5", "1 mon", "2024-03-29 23:59:59.5+00"),
    ("UTC", "timestamp", "2024-02-29 23:59:59.5", "1 mon", "2024-03-29 23:59:59.5"),
    ("UTC", "date", "2024-02-29", "1 mon", "2024-03-29 00:00:00"),
    ("UTC", "timestamptz", "2024-02-29 23:59:59.5", "1 day", "2024-03-01 23:59:59.5+00"),
    ("UTC", "timestamp", "2024-02-29 23:59:59.5", "1 day", "2024-03-01 23:59:59.5"),
    ("UTC", "date", "2024-02-29", "1 day", "2024-03-01 00:00:00"),
    ("UTC", "timestamptz", "2024-02-29 23:59:59.5", "24 hours", "2024-03-01 23:59:59.5+00"),
    ("UTC", "timestamp", "2024-02-29 23:59:59.5", "24 hours", "2024-03-01 23:59:59.5"),
    ("UTC", "date", "2024-02-29", "24 hours", "2024-03-01 00:00:00"),
    ("UTC", "timestamptz", "2024-02-29 23:59:59.5", "-1 mon", "2024-01-29 23:59:59.5+00"),
    ("UTC", "timestamp", "2024-02-29 23:59:59.5", "-1 mon", "2024-01-29 23:59:59.5"),
    ("UTC", "date", "2024-02-29", "-1 mon", "2024-01-29 00:00:00"),
    (
        "UTC",
        "timestamptz",
        "2024-02-29 23:59:59.5",
        "1 year 2 mons 3 days 04:05:06.789",
        "2025-05-03 04:05:06.289+00",
    ),
    (
        "UTC",
        "timestamp",
        "2024-02-29 23:59:59.5",
        "1 year 2 mons 3 days 04:05:06.789",
        "2025-05-03 04:05:06.289",
    ),
    ("UTC", "date", "2024-02-29", "1 year 2 mons 3 days 04:05:06.789", "2025-05-02 04:05:06.789"),
    ("UTC", "timestamptz", "2024-02-29 23:59:59.5", "1 mon -1 day", "2024-03-28 23:59:59.5+00"),
    ("UTC", "timestamp", "2024-02-29 23:59:59.5", "1 mon -1 day", "2024-03-28 23:59:59.5"),
    ("UTC", "date", "2024-02-29", "1 mon -1 day", "2024-03-28 00:00:00"),
    ("UTC", "timestamptz", "2024-03-09 02:30", "1 mon", "2024-04-09 02:30:00+00"),
    ("UTC", "timestamp", "2024-03-09 02:30", "1 mon", "2024-04-09 02:30:00"),
    ("UTC", "date", "2024-03-09", "1 mon", "2024-04-09 00:00:00"),
    ("UTC", "timestamptz", "2024-03-09 02:30", "1 day", "2024-03-10 02:30:00+00"),
    ("UTC", "timestamp", "2024-03-09 02:30", "1 day", "2024-03-10 02:30:00"),
    ("UTC", "date", "2024-03-09", "1 day", "2024-03-10 00:00:00"),
    ("UTC", "timestamptz", "2024-03-09 02:30", "24 hours", "2024-03-10 02:30:00+00"),
    ("UTC", "timestamp", "2024-03-09 02:30", "24 hours", "2024-03-10 02:30:00"),
    ("UTC", "date", "2024-03-09", "24 hours", "2024-03-10 00:00:00"),
    ("UTC", "timestamptz", "2024-03-09 02:30", "-1 mon", "2024-02-09 02:30:00+00"),
    ("UTC", "timestamp", "2024-03-09 02:30", "-1 mon", "2024-02-09 02:30:00"),
    ("UTC", "date", "2024-03-09", "-1 mon", "2024-02-09 00:00:00"),
    (
        "UTC",
        "timestamptz",
        "2024-03-09 02:30",
        "1 year 2 mons 3 days 04:05:06.789",
        "2025-05-12 06:35:06.789+00",
    ),
    ("UTC", "timestamp", "2024-03-09 02:30", "1 year 2 mons 3 days 04:05:06.789", "2025-05-12 06:35:06.789"),
    ("UTC", "date", "2024-03-09", "1 year 2 mons 3 days 04:05:06.789", "2025-05-12 04:05:06.789"),
    ("UTC", "timestamptz", "2024-03-09 02:30", "1 mon -1 day", "2024-04-08 02:30:00+00"),
    ("UTC", "timestamp", "2024-03-09 02:30", "1 mon -1 day", "2024-04-08 02:30:00"),
    ("UTC", "date", "2024-03-09", "1 mon -1 day", "2024-04-08 00:00:00"),
    ("UTC", "timestamptz", "2024-11-02 01:30", "1 mon", "2024-12-02 01:30:00+00"),
    ("UTC", "timestamp", "2024-11-02 01:30", "1 mon", "2024-12-02 01:30:00"),
    ("UTC", "date", "2024-11-02", "1 mon", "2024-12-02 00:00:00"),
    ("UTC", "timestamptz", "2024-11-02 01:30", "1 day", "2024-11-03 01:30:00+00"),
    ("UTC", "timestamp", "2024-11-02 01:30", "1 day", "2024-11-03 01:30:00"),
    ("UTC", "date", "2024-11-02", "1 day", "2024-11-03 00:00:00"),
    ("UTC", "timestamptz", "2024-11-02 01:30", "24 hours", "2024-11-03 01:30:00+00"),
    ("UTC", "timestamp", "2024-11-02 01:30", "24 hours", "2024-11-03 01:30:00"),
    ("UTC", "date", "2024-11-02", "24 hours", "2024-11-03 00:00:00"),
    ("UTC", "timestamptz", "2024-11-02 01:30", "-1 mon", "2024-10-02 01:30:00+00"),
    ("UTC", "timestamp", "2024-11-02 01:30", "-1 mon", "2024-10-02 01:30:00"),
    ("UTC", "date", "2024-11-02", "-1 mon", "2024-10-02 00:00:00"),
    (
        "UTC",
        "timestamptz",
        "2024-11-02 01:30",
        "1 year 2 mons 3 days 04:05:06.789",
        "2026-01-05 05:35:06.789+00",
    ),
    ("UTC", "timestamp", "2024-11-02 01:30", "1 year 2 mons 3 days 04:05:06.789", "2026-01-05 05:35:06.789"),
    ("UTC", "date", "2024-11-02", "1 year 2 mons 3 days 04:05:06.789", "2026-01-05 04:05:06.789"),
    ("UTC", "timestamptz", "2024-11-02 01:30", "1 mon -1 day", "2024-12-01 01:30:00+00"),
    ("UTC", "timestamp", "2024-11-02 01:30", "1 mon -1 day", "2024-12-01 01:30:00"),
    ("UTC", "date", "2024-11-02", "1 mon -1 day", "2024-12-01 00:00:00"),
    ("UTC", "timestamptz", "infinity", "1 mon", "infinity"),
    ("UTC", "timestamp", "infinity", "1 mon", "infinity"),
    ("UTC", "date", "infinity", "1 mon", "infinity"),
    ("UTC", "timestamptz", "infinity", "1 day", "infinity"),
    ("UTC", "timestamp", "infinity", "1 day", "infinity"),
    ("UTC", "date", "infinity", "1 day", "infinity"),
    ("UTC", "timestamptz", "infinity", "24 hours", "infinity"),
    ("UTC", "timestamp", "infinity", "24 hours", "infinity"),
    ("UTC", "date", "infinity", "24 hours", "infinity"),
    ("UTC", "timestamptz", "infinity", "-1 mon", "infinity"),
    ("UTC", "timestamp", "infinity", "-1 mon", "infinity"),
    ("UTC", "date", "infinity", "-1 mon", "infinity"),
    ("UTC", "timestamptz", "infinity", "1 year 2 mons 3 days 04:05:06.789", "infinity"),
    ("UTC", "timestamp", "infinity", "1 year 2 mons 3 days 04:05:06.789", "infinity"),
    ("UTC", "date", "infinity", "1 year 2 mons 3 days 04:05:06.789", "infinity"),
    ("UTC", "timestamptz", "infinity", "1 mon -1 day", "infinity"),
    ("UTC", "timestamp", "infinity", "1 mon -1 day", "infinity"),
    ("UTC", "date", "infinity", "1 mon -1 day", "infinity"),
    ("America/New_York", "timestamptz", "2024-01-31 10:00", "1 mon", "2024-02-29 10:00:00-05"),
    ("America/New_York", "timestamptz", "2024-01-31 10:00", "1 day", "2024-02-01 10:00:00-05"),
    ("America/New_York", "timestamptz", "2024-01-31 10:00", "24 hours", "2024-02-01 10:00:00-05"),
    ("America/New_York", "timestamptz", "2024-01-31 10:00", "-1 mon", "2023-12-31 10:00:00-05"),
    (
        "America/New_York",
        "timestamptz",
        "2024-01-31 10:00",
        "1 year 2 mons 3 days 04:05:06.789",
        "2025-04-03 14:05:06.789-04",
    ),
    ("America/New_York", "timestamptz", "2024-01-31 10:00", "1 mon -1 day", "2024-02-28 10:00:00-05"),
    ("America/New_York", "timestamptz", "2024-02-29 23:59:59.5", "1 mon", "2024-03-29 23:59:59.5-04"),
    ("America/New_York", "timestamptz", "2024-02-29 23:59:59.5", "1 day", "2024-03-01 23:59:59.5-05"),
    ("America/New_York", "timestamptz", "2024-02-29 23:59:59.5", "24 hours", "2024-03-01 23:59:59.5-05"),
    ("America/New_York", "timestamptz", "2024-02-29 23:59:59.5", "-1 mon", "2024-01-29 23:59:59.5-05"),
    (
        "America/New_York",
        "timestamptz",
        "2024-02-29 23:59:59.5",
        "1 year 2 mons 3 days 04:05:06.789",
        "2025-05-03 04:05:06.289-04",
    ),
    ("America/New_York", "timestamptz", "2024-02-29 23:59:59.5", "1 mon -1 day", "2024-03-28 23:59:59.5-04"),
    ("America/New_York", "timestamptz", "2024-03-09 02:30", "1 mon", "2024-04-09 02:30:00-04"),
    ("America/New_York", "timestamptz", "2024-03-09 02:30", "1 day", "2024-03-10 03:30:00-04"),
    ("America/New_York", "timestamptz", "2024-03-09 02:30", "24 hours", "2024-03-10 03:30:00-04"),
    ("America/New_York", "timestamptz", "2024-03-09 02:30", "-1 mon", "2024-02-09 02:30:00-05"),
    (
        "America/New_York",
        "timestamptz",
        "2024-03-09 02:30",
        "1 year 2 mons 3 days 04:05:06.789",
        "2025-05-12 06:35:06.789-04",
    ),
    ("America/New_York", "timestamptz", "2024-03-09 02:30", "1 mon -1 day", "2024-04-08 02:30:00-04"),
    ("America/New_York", "timestamptz", "2024-11-02 01:30", "1 mon", "2024-12-02 01:30:00-05"),
    ("America/New_York", "timestamptz", "2024-11-02 01:30", "1 day", "2024-11-03 01:30:00-05"),
    ("America/New_York", "timestamptz", "2024-11-02 01:30", "24 hours", "2024-11-03 01:30:00-04"),
    ("America/New_York", "timestamptz", "2024-11-02 01:30", "-1 mon", "2024-10-02 01:30:00-04"),
    (
        "America/New_York",
        "timestamptz",
        "2024-11-02 01:30",
        "1 year 2 mons 3 days 04:05:06.789",
        "2026-01-05 05:35:06.789-05",
    ),
    ("America/New_York", "timestamptz", "2024-11-02 01:30", "1 mon -1 day", "2024-12-01 01:30:00-05"),
    ("America/New_York", "timestamptz", "infinity", "1 mon", "infinity"),
    ("America/New_York", "timestamptz", "infinity", "1 day", "infinity"),
    ("America/New_York", "timestamptz", "infinity", "24 hours", "infinity"),
    ("America/New_York", "timestamptz", "infinity", "-1 mon", "infinity"),
    ("America/New_York", "timestamptz", "infinity", "1 year 2 mons 3 days 04:05:06.789", "infinity"),
    ("America/New_York", "timestamptz", "infinity", "1 mon -1 day", "infinity"),
]

TIMESTAMP_DIFF = [
    ("2024-03-10 12:00", "2024-01-01", "69 days 12:00:00"),
    ("2024-03-10 12:00", "2024-03-10 12:00:01", "-00:00:01"),
    ("2024-01-01 00:00:00.5", "2024-01-01", "00:00:00.5"),
    ("2024-01-01 00:00:00.5", "2024-03-10 12:00:01", "-69 days -12:00:00.5"),
    ("2023-12-31 23:00", "2024-01-01", "-01:00:00"),
    ("2023-12-31 23:00", "2024-03-10 12:00:01", "-69 days -13:00:01"),
]

JUSTIFY = [
    ("1 mon -1 day", "1 mon -1 days", "29 days", "29 days"),
    ("35 days", "35 days", "1 mon 5 days", "1 mon 5 days"),
    ("-35 days 25:00", "-33 days -23:00:00", "-1 mons -5 days +25:00:00", "-1 mons -3 days -23:00:00"),
    ("1 mon -25:00", "1 mon -1 days -01:00:00", "1 mon -25:00:00", "28 days 23:00:00"),
    ("29 days 25:00:00", "30 days 01:00:00", "29 days 25:00:00", "1 mon 01:00:00"),
    ("-1 mon 2 days -30:00", "-1 mons +18:00:00", "-28 days -30:00:00", "-29 days -06:00:00"),
]

# interval values in PostgreSQL's ORDER BY order (ties broken by text)
INTERVAL_ORDER = [
    "-1 days",
    "1 day",
    "29 days 23:59:59.999999",
    "1 mon",
    "30 days",
    "720:00:00",
    "1 mon 00:00:00.000001",
    "1 year",
    "360 days",
]

JSONB_INPUTS = [
    "null",
    "[]",
    "{}",
    "1",
    "1.0",
    "2",
    "-1",
    '"a"',
    '"b"',
    '"aa"',
    '""',
    "true",
    "false",
    "[1]",
    "[null]",
    '["a"]',
    "[1,2]",
    "[[1]]",
    "[{}]",
    '{"a":1}',
    '{"b":1}',
    '{"aa":1}',
    '{"a":2}',
    '{"a":1,"b":2}',
    '{"a":[1]}',
    '{"a":{}}',
    "[true]",
    '[1,"a"]',
    '["a",1]',
    "[[],[]]",
    '{"a":null}',
    '{"a":"x"}',
    "0",
    "-0.5",
    "1e2",
    "100",
    '"é"',
    '"z"',
    "[[1],2]",
    "[2,[1]]",
    '{"ab":1,"b":1}',
    '{"b":1,"c":1}',
]

# the canonical texts of JSONB_INPUTS in PostgreSQL's ORDER BY order
JSONB_ORDER = [
    "[]",
    "null",
    '""',
    '"a"',
    '"aa"',
    '"b"',
    '"z"',
    '"é"',
    "-1",
    "-0.5",
    "0",
    "1",
    "1.0",
    "2",
    "100",
    "100",
    "false",
    "true",
    "[null]",
    '["a"]',
    "[1]",
    "[true]",
    "[[1]]",
    "[{}]",
    '["a", 1]',
    '[1, "a"]',
    "[1, 2]",
    "[2, [1]]",
    "[[], []]",
    "[[1], 2]",
    "{}",
    '{"a": null}',
    '{"a": "x"}',
    '{"a": 1}',
    '{"a": 2}',
    '{"a": [1]}',
    '{"a": {}}',
    '{"aa": 1}',
    '{"b": 1}',
    '{"a": 1, "b": 2}',
    '{"b": 1, "ab": 1}',
    '{"b": 1, "c": 1}',
]


# ---------------------------------------------------------------------------
# interval


@pytest.mark.parametrize("iv,op,factor,expected", INTERVAL_ARITH)
def test_interval_mul_div(iv: str, op: str, factor: float, expected: str) -> None:
    try:
        got = interval_out(interval_in(iv) * factor if op == "*" else interval_in(iv) / factor)
    except SqlError as e:
        got = f"ERR {e.code} {e.message}"
    assert got == expected


@pytest.mark.parametrize("tzname,kind,value,iv,expected", ADD_INTERVAL)
def test_add_interval(tzname: str, kind: str, value: str, iv: str, expected: str) -> None:
    tz = find_zone(tzname)
    if kind == "timestamptz":
        got = timestamptz_output(add_interval(timestamptz_input(value, tz), interval_in(iv), tz), tz)
    elif kind == "timestamp":
        got = timestamp_out(add_interval(timestamp_in(value), interval_in(iv)))
    else:
        got = timestamp_out(add_interval(date_in(value), interval_in(iv)))
    assert got == expected


@pytest.mark.parametrize("a,b,expected", TIMESTAMP_DIFF)
def test_timestamp_difference(a: str, b: str, expected: str) -> None:
    assert interval_out(timestamp_difference(timestamp_in(a), timestamp_in(b))) == expected


@pytest.mark.parametrize("iv,hours,days,both", JUSTIFY)
def test_justify(iv: str, hours: str, days: str, both: str) -> None:
    v = interval_in(iv)
    assert (
        interval_out(justify_hours(v)),
        interval_out(justify_days(v)),
        interval_out(justify_interval(v)),
    ) == (
        hours,
        days,
        both,
    )


def test_interval_comparison_and_hash() -> None:
    one_month, thirty_days = Interval(1, 0, 0), Interval(0, 30, 0)
    assert one_month == thirty_days and hash(one_month) == hash(thirty_days)
    assert not one_month.identical(thirty_days)
    assert Interval(0, 0, 720 * 3600 * 10**6) == one_month
    assert sorted(interval_in(s) for s in INTERVAL_ORDER) == [interval_in(s) for s in INTERVAL_ORDER]
    assert {one_month, thirty_days} == {one_month}


def test_interval_arithmetic_basics() -> None:
    a = Interval(1, 2, 3)
    assert (a + Interval(1, 1, 1)).identical(Interval(2, 3, 4))
    assert (a - Interval(1, 1, 1)).identical(Interval(0, 1, 2))
    assert (-a).identical(Interval(-1, -2, -3))
    assert (2 * a).identical(Interval(2, 4, 6))
    assert dt.datetime(2024, 1, 31) + Interval(1, 0, 0) == dt.datetime(2024, 2, 29)
    with pytest.raises(SqlError) as ei:
        Interval(2**31 - 1, 0, 0) + Interval(1, 0, 0)
    assert (ei.value.code, ei.value.message) == ("22008", "interval out of range")
    assert str(Interval(14, -3, -1)) == "1 year 2 mons -3 days -00:00:00.000001"
    assert add_interval(INFINITY, Interval(1, 0, 0)) is INFINITY


def test_interval_typmod_rounding() -> None:
    iv = interval_in("1 day 02:03:04.56789")
    assert (
        interval_out(apply_typmod(r.INTERVAL, iv, parse_type_name("interval(2)")[1])) == "1 day 02:03:04.57"
    )
    assert interval_out(apply_typmod(r.INTERVAL, iv, parse_type_name("interval hour")[1])) == "1 day 02:00:00"


# ---------------------------------------------------------------------------
# jsonb


def test_jsonb_order_matches_postgres() -> None:
    assert [jsonb_out(j) for j in sorted(jsonb_in(s) for s in JSONB_INPUTS)] == JSONB_ORDER


def test_jsonb_equality_and_hash() -> None:
    a, b = jsonb_in('{"a": 1, "b": 2}'), jsonb_in('{"b": 2.00, "a": 1.0}')
    assert a == b and hash(a) == hash(b)
    assert jsonb_in("true") != jsonb_in("1")
    assert jsonb_in("[1, 2]") != jsonb_in("[2, 1]")
    assert Jsonb(None) == jsonb_in("null") and Jsonb(None).type_name == "null"
    assert jsonb_in('{"n": 1.50, "s": "x"}').value == {"n": Decimal("1.50"), "s": "x"}
    assert isinstance(jsonb_in("12").value, int)
    assert str(Jsonb({"b": [1, 2], "a": None, "aa": True})) == '{"a": null, "b": [1, 2], "aa": true}'


# ---------------------------------------------------------------------------
# typmods: explicit casts truncate, implicit coercions complain


@pytest.mark.parametrize(
    "type_name,text,explicit,expected",
    [
        ("varchar(3)", "abcd", True, "abc"),
        ("varchar(3)", "abc  ", False, "abc"),
        ("char(3)", "ab", False, "ab "),
        ("char(3)", "abc   ", False, "abc"),
        ("numeric(5,2)", "123.455", False, "123.46"),
        ("numeric(5,2)", "-123.455", False, "-123.46"),
        ("timestamp(0)", "2024-01-02 03:04:05.5", False, "2024-01-02 03:04:06"),
        ("time(1)", "03:04:05.25", False, "03:04:05.3"),
    ],
)
def test_typmod_values(type_name: str, text: str, explicit: bool, expected: str) -> None:
    t, typmod = parse_type_name(type_name)
    value = apply_typmod(t.oid, input_function(t.oid)(text), typmod, explicit=explicit)
    assert output_function(t.oid)(value) == expected


@pytest.mark.parametrize(
    "type_name,text,code,message,detail",
    [
        ("varchar(3)", "abcd", "22001", "value too long for type character varying(3)", None),
        ("char(2)", "abc", "22001", "value too long for type character(2)", None),
        (
            "numeric(5,2)",
            "1000",
            "22003",
            "numeric field overflow",
            "A field with precision 5, scale 2 must round to an absolute value less than 10^3.",
        ),
        (
            "numeric(2,2)",
            "1",
            "22003",
            "numeric field overflow",
            "A field with precision 2, scale 2 must round to an absolute value less than 1.",
        ),
        ("int4[]", "{1,x}", "22P02", 'invalid input syntax for type integer: "x"', None),
    ],
)
def test_typmod_errors_on_column_input(
    type_name: str, text: str, code: str, message: str, detail: str | None
) -> None:
    t, typmod = parse_type_name(type_name)
    with pytest.raises(SqlError) as ei:
        input_function(t.oid, typmod)(text)  # column input = implicit coercion rules
    assert (ei.value.code, ei.value.message, ei.value.detail) == (code, message, detail)


def test_cast_function_explicit_flag() -> None:
    explicit = cast_function(r.TEXT, r.VARCHAR, 3 + 4)
    implicit = cast_function(r.TEXT, r.VARCHAR, 3 + 4, explicit=False)
    assert explicit("abcdef") == "abc"
    with pytest.raises(SqlError):
        implicit("abcdef")
    assert cast_function(r.INT4, r.DATE) is None
    with pytest.raises(SqlError) as ei:
        coerce_value(1, r.INT4, r.DATE)
    assert (ei.value.code, ei.value.message) == ("42846", "cannot cast type integer to date")
    assert coerce_value(None, r.INT4, r.INT8) is None
    assert cast_function(r.BOOL, r.TEXT)(True) == "true"


# ---------------------------------------------------------------------------
# storage forms

STORAGE_SAMPLES = [
    (r.NUMERIC, ["-1.5", "0", "1.50", "NaN", "Infinity", "-Infinity"]),
    (r.DATE, ["-infinity", "0001-01-01", "1999-12-31", "2024-02-29", "infinity"]),
    (r.TIMESTAMP, ["-infinity", "1900-01-01", "1970-01-01", "2024-01-02 03:04:05.5", "infinity"]),
    (r.TIMESTAMPTZ, ["-infinity", "1969-12-31 23:59:59.999999+00", "2024-01-02 03:04:05+05", "infinity"]),
    (r.TIME, ["00:00", "00:00:00.000001", "12:00", "23:59:59.999999"]),
    (r.INTERVAL, ["-1 day", "1 mon 2 days 00:00:03"]),
    (
        r.UUID,
        [
            "00000000-0000-0000-0000-000000000001",
            "80000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
        ],
    ),
    (r.JSONB, ['{"b": 1, "a": [1, 2.50]}', "null"]),
    (1007, ["{}", "{1,NULL,3}", "{{1,2},{3,4}}"]),
    (1187, ['{"1 day",NULL}', '{{"1 mon"},{"2 days"}}']),
    (1182, ["{2024-01-02,infinity}"]),
    (1231, ["{1.50,NaN}"]),
    (1009, ['{"a b",NULL}']),
]


def _is_primitive(v: object) -> bool:
    if isinstance(v, tuple):
        return all(_is_primitive(x) for x in v)
    return v is None or isinstance(v, (bool, int, float, str, bytes))


@pytest.mark.parametrize("oid,texts", STORAGE_SAMPLES)
def test_storage_round_trip_and_order(oid: int, texts: list[str]) -> None:
    inp, out = input_function(oid), output_function(oid)
    to, back = to_storage(oid), from_storage(oid)
    assert to is not None and back is not None
    stored = []
    for text in texts:
        value = inp(text)
        s = to(value)
        assert _is_primitive(s), s
        assert out(back(s)) == out(value)
        stored.append(s)
    if oid in (r.DATE, r.TIMESTAMP, r.TIMESTAMPTZ, r.TIME, r.UUID):
        assert stored == sorted(stored)  # the primitive order is the SQL order


def test_storage_identity_types() -> None:
    for oid in (
        r.BOOL,
        r.INT2,
        r.INT4,
        r.INT8,
        r.FLOAT4,
        r.FLOAT8,
        r.TEXT,
        r.VARCHAR,
        r.BPCHAR,
        r.BYTEA,
        r.JSON,
    ):
        assert to_storage(oid) is None and from_storage(oid) is None
    assert to_storage(r.NUMERIC)(Decimal("1.50")) == "1.50"
    assert to_storage(r.DATE)(dt.date(2024, 1, 2)) == dt.date(2024, 1, 2).toordinal()
    assert to_storage(r.TIMESTAMP)(dt.datetime(1970, 1, 1, 0, 0, 1)) == 1_000_000
    assert to_storage(r.INTERVAL)(Interval(1, 2, 3)) == (1, 2, 3)
    assert to_storage(r.UUID)(uuid.UUID(int=1)) == b"\x00" * 15 + b"\x01"
    assert to_storage(1007)([[1, None], [3, 4]]) == ((1, None), (3, 4))


# ---------------------------------------------------------------------------
# clock-dependent and zone-dependent input


def test_now_today_with_fixed_clock() -> None:
    token = set_transaction_timestamp(dt.datetime(2024, 3, 10, 3, 30, tzinfo=UTC))
    try:
        assert output_function(r.DATE)(input_function(r.DATE)("today")) == "2024-03-10"
        assert output_function(r.DATE)(input_function(r.DATE, tz=NEW_YORK)("today")) == "2024-03-09"
        assert output_function(r.DATE)(input_function(r.DATE)("tomorrow")) == "2024-03-11"
        assert output_function(r.DATE)(input_function(r.DATE)("yesterday")) == "2024-03-09"
        assert timestamptz_output(timestamptz_input("now", NEW_YORK), NEW_YORK) == "2024-03-09 22:30:00-05"
        assert output_function(r.TIMESTAMP)(input_function(r.TIMESTAMP)("today")) == "2024-03-10 00:00:00"
        assert output_function(r.TIME)(input_function(r.TIME)("now")) == "03:30:00"
    finally:
        from sql.datatypes.datetimes import CURRENT_TIMESTAMP

        CURRENT_TIMESTAMP.reset(token)


def test_timestamptz_session_zone() -> None:
    v = timestamptz_input("2024-07-01 12:00", NEW_YORK)
    assert v == dt.datetime(2024, 7, 1, 16, 0, tzinfo=UTC) and v.tzinfo is UTC
    assert timestamptz_output(v, find_zone("Asia/Kolkata")) == "2024-07-01 21:30:00+05:30"
    assert timestamptz_output(v, UTC) == "2024-07-01 16:00:00+00"
    assert output_function(r.TIMESTAMPTZ, tz=NEW_YORK)(v) == "2024-07-01 12:00:00-04"


def test_infinity_sentinels() -> None:
    d = input_function(r.DATE)("infinity")
    assert d is INFINITY and input_function(r.TIMESTAMP)("-infinity") is NEG_INFINITY
    assert NEG_INFINITY < dt.date(1, 1, 1) < dt.date(9999, 12, 31) < INFINITY
    assert dt.datetime(2024, 1, 1, tzinfo=UTC) < INFINITY
    assert sorted([INFINITY, dt.date(2024, 1, 1), NEG_INFINITY]) == [
        NEG_INFINITY,
        dt.date(2024, 1, 1),
        INFINITY,
    ]


def test_documented_limitations() -> None:
    # years after 9999 exist in PostgreSQL but not in Python (BC dates and 24:00:00 are handled)
    for oid, text in [(r.DATE, "10000-01-01")]:
        with pytest.raises(SqlError) as ei:
            input_function(oid)(text)
        assert ei.value.code == "22008"
    # explicit array bounds are checked, then dropped
    assert input_function(1007)("[0:1]={1,2}") == [1, 2]


def test_record_and_void_output() -> None:
    assert record_out(["1", None, "a b", "", 'q"']) == '(1,,"a b","","q""")'
    assert output_function(r.VOID)(None) == ""
    assert output_function(r.REGTYPE)(23) == "integer"
    assert input_function(r.REGTYPE)("character varying") == r.VARCHAR
    assert output_function(r.REGCLASS)(0) == "-"
