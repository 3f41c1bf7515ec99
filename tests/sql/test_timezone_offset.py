"""TimeZone set to a POSIX offset (hours west of Greenwich), as psycopg's tests do; expected
values recorded against PostgreSQL 15."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.sql.test_pg_catalog import connect, new_instance, text


@pytest.fixture()
def s(tmp_path: Any) -> Iterator[Any]:
    for inst in new_instance(tmp_path):
        yield connect(inst)


@pytest.mark.parametrize(("zone", "shown", "value"), [
    ("+02:00", "+02:00", "2020-01-01 10:00:00-02"),
    ("-03:30", "-03:30", "2020-01-01 15:30:00+03:30"),
    ("+5", "<+05>-05", "2020-01-01 17:00:00+05"),
    ("-7", "<-07>+07", "2020-01-01 05:00:00-07"),
])
def test_offset_time_zone(s: Any, zone: str, shown: str, value: str) -> None:
    text(s, f"SET timezone = '{zone}'")
    assert text(s, "SHOW timezone") == [(shown,)]
    assert text(s, "SELECT '2020-01-01 12:00+00'::timestamptz") == [(value,)]
