"""Arrays with lower bounds other than 1, array_cat type resolution and array_agg of arrays
(expected values recorded from PostgreSQL 15)."""

from __future__ import annotations

import pytest

import sql.functions  # noqa: F401  (registers the library)
from sql import functions_array as A
from sql import typesys as T
from sql.aggregates import resolve_aggregate
from sql.datatypes.arrays import array_in, array_out, lower_bounds
from sql.errors import SqlError


def test_input_keeps_lower_bounds_and_output_prints_them() -> None:
    v = array_in("[0:2]={a,b,c}", str)
    assert list(v) == ["a", "b", "c"] and lower_bounds(v) == (0,)
    assert array_out(v, str) == "[0:2]={a,b,c}"
    assert array_out(array_in("[1:2]={a,b}", str), str) == "{a,b}"
    m = array_in("[0:1][5:6]={{1,2},{3,4}}", int)
    assert array_out(m, str) == "[0:1][5:6]={{1,2},{3,4}}"


def test_bounds_functions() -> None:
    v = array_in("[0:2]={a,b,c}", str)
    assert (A.array_lower(v, 1), A.array_upper(v, 1), A.array_dims(v), A.array_lower(v, 2)) == (0, 2, "[0:2]", None)
    filled = A.array_fill3(1, [2, 2], [0, 5])
    assert A.array_dims(filled) == "[0:1][5:6]"
    assert array_out(A.array_fill3("x", [3], [0]), str) == "[0:2]={x,x,x}"


def test_array_cat_resolves_a_common_element_type() -> None:
    num_arr, int_arr = T.array_type(T.NUMERIC), T.array_type(T.INT4)
    b = next(b for b in sql.functions.REGISTRY["array_cat"])
    assert b.return_type([num_arr, int_arr]) == num_arr
    from decimal import Decimal

    out = A.array_cat_typed([Decimal("1.5")], [2], arg_types=(num_arr, int_arr))
    assert out == [Decimal("1.5"), Decimal(2)] and all(isinstance(x, Decimal) for x in out)


def test_array_agg_of_arrays() -> None:
    agg = resolve_aggregate("array_agg", [T.array_type(T.INT4)]).factory()
    agg.step([1, 2])
    agg.step([3, 4])
    assert agg.final() == [[1, 2], [3, 4]]
    for first, second, code in (([1, 2], [3], "2202E"), ([1], None, "22004"), ([], [1], "2202E")):
        agg = resolve_aggregate("array_agg", [T.array_type(T.INT4)]).factory()
        with pytest.raises(SqlError) as ei:
            agg.step(first)
            agg.step(second)
        assert ei.value.code == code
