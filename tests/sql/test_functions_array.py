"""Array functions, operators and subscripts; expected values recorded from PostgreSQL 15."""

from __future__ import annotations

from typing import Any

import pytest

import sql.functions  # noqa: F401  (registers the library)
from sql import functions_array as A
from sql import functions_arrayops as OP
from sql import typesys as T
from sql.errors import SqlError

INT_ARR = T.array_type(T.INT4)


def err(fn: Any, *args: Any) -> tuple[str, str]:
    with pytest.raises(SqlError) as ei:
        fn(*args)
    return ei.value.code, str(ei.value)


def test_dimensions() -> None:
    m = [[1, 2], [3, 4], [5, 6]]
    assert [A.array_length([1, 2, 3], 1), A.array_length(m, 2), A.array_length([1], 2), A.array_length([], 1),
            A.array_lower([1, 2], 1), A.array_upper([1, 2], 1), A.array_upper([], 1), A.array_ndims([[1], [2]]),
            A.array_ndims([]), A.array_dims([[1, 2], [3, 4]]), A.array_dims([]), A.cardinality([[1, 2], [3, 4]]),
            A.cardinality([])] == [3, 2, None, None, 1, 2, None, 2, None, "[1:2][1:2]", None, 4, 0]


def test_building() -> None:
    assert [A.array_append([1, 2], 3), A.array_append(None, 3), A.array_append([1], None), A.array_prepend(0, [1]),
            A.array_cat([1, 2], [3]), A.array_cat([[1, 2]], [3, 4]), A.array_cat([1, 2], [[3, 4]]),
            A.array_cat(None, [1]), A.array_cat([1], None), A.array_cat([], [[1, 2]])] == [
        [1, 2, 3], [3], [1, None], [0, 1], [1, 2, 3], [[1, 2], [3, 4]], [[1, 2], [3, 4]], [1], [1], [[1, 2]]]
    assert err(A.array_append, [[1, 2]], 3) == ("22000", "argument must be empty or one-dimensional array")
    with pytest.raises(SqlError) as ei:
        A.array_cat([[1, 2]], [[3]])
    assert (ei.value.code, str(ei.value), ei.value.detail) == (
        "2202E", "cannot concatenate incompatible arrays",
        "Arrays with differing element dimensions are not compatible for concatenation.")
    with pytest.raises(SqlError) as ei:
        A.array_cat([[[1]]], [1])
    assert ei.value.detail == "Arrays of 3 and 1 dimensions are not compatible for concatenation."
    # an unknown-typed element is cast to the array's element type when the types are known
    assert A.array_append([1, 2], "3", arg_types=(INT_ARR, T.UNKNOWN)) == [1, 2, 3]


def test_remove_replace_position() -> None:
    assert [A.array_remove([1, 2, 1, None], 1), A.array_remove([1, None, 2], None), A.array_remove([], 1),
            A.array_replace([1, 2, 1], 1, 9), A.array_replace([1, None], None, 0),
            A.array_replace([[1, 2], [3, 1]], 1, 0)] == [[2, None], [1, 2], [], [9, 2, 9], [1, 0], [[0, 2], [3, 0]]]
    assert err(A.array_remove, [[1, 2], [3, 4]], 1) == (
        "0A000", "removing elements from multidimensional arrays is not supported")
    assert [A.array_position(["a", "b", "a"], "a"), A.array_position(["a", "b", "a"], "a", 2),
            A.array_position([1, None], None), A.array_position([1], 5), A.array_positions([1, 2, 1], 1),
            A.array_positions([1], 5), A.array_positions([None, 1, None], None)] == [1, 3, 2, None, [1, 3], [],
                                                                                    [1, 3]]
    assert err(A.array_position, [[1]], 1) == ("0A000",
                                               "searching for elements in multidimensional arrays is not supported")
    assert A.array_remove(None, 1) is None and A.array_positions(None, 1) is None


def test_fill_trim() -> None:
    assert [A.array_fill(7, [3]), A.array_fill(7, [2, 2]), A.array_fill(None, [2]), A.array_fill3(7, [2], [0]),
            A.array_fill("x", [])] == [[7, 7, 7], [[7, 7], [7, 7]], [None, None], [7, 7], []]
    assert err(A.array_fill, 7, [-1]) == ("54000", "array size exceeds the maximum allowed (134217727)")
    assert err(A.array_fill, 7, None) == ("22004", "dimension array or low bound array cannot be null")
    assert [A.trim_array([1, 2, 3], 1), A.trim_array([1, 2, 3], 3), A.trim_array([[1, 2], [3, 4]], 1)] == [
        [1, 2], [], [[1, 2]]]
    assert err(A.trim_array, [1, 2, 3], 4) == ("2202E", "number of elements to trim must be between 0 and 3")
    assert err(A.trim_array, [1, 2, 3], -1) == ("2202E", "number of elements to trim must be between 0 and 3")


def test_set_returning() -> None:
    assert list(A.unnest([1, 2, None])) == [(1,), (2,), (None,)]
    assert list(A.unnest([[1, 2], [3, 4]])) == [(1,), (2,), (3,), (4,)]
    assert list(A.unnest([])) == []
    assert list(A.unnest_multi([1, 2], ["a", "b", "c"])) == [(1, "a"), (2, "b"), (None, "c")]
    assert list(A.generate_subscripts(["a", "b", "c"], 1)) == [(1,), (2,), (3,)]
    assert list(A.generate_subscripts([[1, 2], [3, 4]], 2)) == [(1,), (2,)]
    assert list(A.generate_subscripts([1, 2], 1, True)) == [(2,), (1,)]
    assert list(A.generate_subscripts([1], 2)) == []
    srf = sql.functions.SRF_REGISTRY["unnest"][0]
    assert srf.output_columns([T.array_type(T.TEXT)]) == [("unnest", T.TEXT)]


def test_operators() -> None:
    assert [OP.array_contains([1, 2, 3], [1, 1]), OP.array_contained([1, 2], [1, 2, 3]),
            OP.array_contains([1, None], [None]), OP.array_overlap([1, 2], [2, 3]), OP.array_overlap([1], []),
            OP.array_contains([[1, 2]], [2]), OP.array_contained([], [1]), OP.array_overlap([None], [None])] == [
        True, True, False, True, False, True, True, False]
    assert [OP.array_concat_op([1, 2], [3]), OP.array_append_op([1], 2), OP.array_prepend_op(0, [1]),
            OP.array_concat_op([[1]], [2]), OP.array_append_op([1], None), OP.array_concat_op(None, [1]),
            OP.array_concat_op([1, 2], [])] == [[1, 2, 3], [1, 2], [0, 1], [[1], [2]], [1, None], [1], [1, 2]]
    assert OP.ARRAY_OPERATORS[("||", T.ANYARRAY, T.ANYELEMENT)] == (OP.array_append_op, T.ANYARRAY, False)


def test_subscripts_and_slices() -> None:
    a, m, om = [1, 2, 3], [[1, 2], [3, 4]], OP.OMITTED
    assert [OP.array_subscript(a, 2), OP.array_subscript(a, 5), OP.array_subscript(a, 0),
            OP.array_subscript(m, 2, 1), OP.array_subscript(m, 2), OP.array_subscript(a, None)] == [2, None, None, 3,
                                                                                                   None, None]
    assert [OP.array_slice(a, (2, 3)), OP.array_slice(a, (2, om)), OP.array_slice(a, (om, 2)),
            OP.array_slice(a, (3, 2)), OP.array_slice(a, (-5, 2)), OP.array_slice(m, (1, 1), (2, 2)),
            OP.array_slice(m, (2, 2)), OP.array_slice(m, (1, 2), 2), OP.array_slice(m, 2, (1, 2)),
            OP.array_slice(a, (2, None))] == [[2, 3], [2, 3], [1, 2], [], [1, 2], [[2]], [[3, 4]], [[1, 2], [3, 4]],
                                              [[1, 2], [3, 4]], None]
