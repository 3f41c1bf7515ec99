"""Binary range_send / range_recv (byte layouts as PostgreSQL 15 sends them)."""

from __future__ import annotations

import pytest

from sql.datatypes.binary import binary_input_function, binary_output_function
from sql.datatypes.ranges import EMPTY, make_range


@pytest.mark.parametrize(("value", "wire"), [
    (make_range(3904, 1, 5, True, False), "0200000004000000010000000400000005"),
    (EMPTY, "01"),
    (make_range(3904, None, 5, False, False), "080000000400000005"),
    (make_range(3926, 3, None, True, False), "12000000080000000000000003"),
])
def test_range_binary_round_trip(value: object, wire: str) -> None:
    oid = 3926 if wire.startswith("12") else 3904
    assert binary_output_function(oid)(value).hex() == wire
    assert binary_input_function(oid)(bytes.fromhex(wire)) == value
