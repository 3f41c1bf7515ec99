"""Array functions (array_length ... trim_array, unnest, generate_subscripts) and the array
operators / subscripting helpers as plain functions (``ARRAY_OPERATORS``).

Arrays are nested Python lists (NULL elements None); lower bounds other than 1 are carried by
:class:`~sql.datatypes.arrays.BoundedArray` (array_lower/upper/dims and array_fill honour them).
Polymorphic arguments are registered as ``T.ANY``; when the compiler passes
``arg_types`` an element whose type differs from the array's element type is cast to it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.datatypes.arrays import lower_bounds, with_lower_bounds
from sql.errors import SqlError
from sql.functions import builtin, set_returning
from sql.functions_util import NULL_VALUE_NOT_ALLOWED, wants_arg_types


def dims(arr: list[Any]) -> list[int]:
    """Dimension lengths ([] for an empty array)."""
    out: list[int] = []
    v: Any = arr
    while isinstance(v, list):
        if not v:
            return out if out else []
        out.append(len(v))
        v = v[0]
    return out


def flatten(arr: list[Any]) -> list[Any]:
    out: list[Any] = []
    for x in arr:
        if isinstance(x, list):
            out.extend(flatten(x))
        else:
            out.append(x)
    return out


def _array_ret(types: Sequence[int]) -> int:
    for t in types:
        if T.is_array(t):
            return t
    for t in types:
        if t not in (T.UNKNOWN, T.ANY) and T.array_type(t):
            return T.array_type(t)
    return T.array_type(T.TEXT)


def _elem_ret(types: Sequence[int]) -> int:
    t = types[0] if types else T.TEXT
    return T.element_type(t) if T.is_array(t) else T.TEXT


def _coerce(value: Any, arg_types: Sequence[int] | None, array_pos: int, elem_pos: int) -> Any:
    """Cast an element argument to the array's element type when both types are known."""
    if value is None or not arg_types:
        return value
    arr_t, el_t = arg_types[array_pos], arg_types[elem_pos]
    want = T.element_type(arr_t) if T.is_array(arr_t) else 0
    if not want or el_t in (want, T.ANY):
        return value
    fn = T.cast_fn(el_t if el_t != T.UNKNOWN else T.TEXT, want)
    return fn(value) if fn is not None else value


def _eq(a: Any, b: Any) -> bool:
    """IS NOT DISTINCT FROM on elements."""
    if a is None or b is None:
        return a is None and b is None
    return bool(a == b)


# ---- dimensions -------------------------------------------------------------------------------
@builtin("array_length", (T.ANY, T.INT4), T.INT4)
def array_length(arr: list[Any], dim: int) -> int | None:
    d = dims(arr)
    return d[dim - 1] if 1 <= dim <= len(d) else None


@builtin("array_lower", (T.ANY, T.INT4), T.INT4)
def array_lower(arr: list[Any], dim: int) -> int | None:
    return lower_bounds(arr)[dim - 1] if 1 <= dim <= len(dims(arr)) else None


@builtin("array_upper", (T.ANY, T.INT4), T.INT4)
def array_upper(arr: list[Any], dim: int) -> int | None:
    n = array_length(arr, dim)
    return None if n is None else lower_bounds(arr)[dim - 1] + n - 1


@builtin("array_ndims", (T.ANY,), T.INT4)
def array_ndims(arr: list[Any]) -> int | None:
    return len(dims(arr)) or None


@builtin("array_dims", (T.ANY,), T.TEXT)
def array_dims(arr: list[Any]) -> str | None:
    d = dims(arr)
    return "".join(f"[{lb}:{lb + n - 1}]" for lb, n in zip(lower_bounds(arr), d)) if d else None


@builtin("cardinality", (T.ANY,), T.INT4)
@wants_arg_types
def cardinality(arr: list[Any], arg_types: Sequence[int] | None = None) -> int:
    if not isinstance(arr, list):
        t = arg_types[0] if arg_types else T.UNKNOWN
        raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function cardinality({T.type_name(t)}) does not exist",
                       hint="No function matches the given name and argument types. "
                            "You might need to add explicit type casts.")
    return len(flatten(arr))


# ---- building ----------------------------------------------------------------------------------
def _one_dim(arr: list[Any]) -> None:
    if len(dims(arr)) > 1:
        raise SqlError(sqlstate.DATA_EXCEPTION, "argument must be empty or one-dimensional array")


@wants_arg_types
def array_append(arr: list[Any] | None, elem: Any, *, arg_types: Sequence[int] | None = None) -> list[Any]:
    elem = _coerce(elem, arg_types, 0, 1)
    if arr is None:
        return [elem]
    _one_dim(arr)
    return list(arr) + [elem]


@wants_arg_types
def array_prepend(elem: Any, arr: list[Any] | None, *, arg_types: Sequence[int] | None = None) -> list[Any]:
    elem = _coerce(elem, arg_types, 1, 0)
    if arr is None:
        return [elem]
    _one_dim(arr)
    return [elem] + list(arr)


def _incompatible(detail: str) -> SqlError:
    return SqlError(sqlstate.ARRAY_SUBSCRIPT_ERROR, "cannot concatenate incompatible arrays", detail=detail)


def _cat_ret(types: Sequence[int]) -> int:
    """Both anyarray arguments resolve to one array type (array_cat(numeric[], int[]) is numeric[])."""
    arrays = [t for t in types if T.is_array(t)]
    if len(arrays) == 2 and arrays[0] != arrays[1]:
        return T.array_type(T.common_type([T.element_type(t) for t in arrays], "operator"))
    return _array_ret(types)


def _cast_array(arr: list[Any] | None, from_t: int, to_t: int) -> list[Any] | None:
    if arr is None or from_t == to_t or not T.is_array(from_t):
        return arr
    fn = T.cast_fn(from_t, to_t)
    return fn(arr) if fn is not None else arr


@wants_arg_types
def array_cat_typed(a: list[Any] | None, b: list[Any] | None, *,
                    arg_types: Sequence[int] | None = None) -> list[Any] | None:
    if arg_types:
        want = _cat_ret(arg_types)
        a, b = _cast_array(a, arg_types[0], want), _cast_array(b, arg_types[1], want)
    return array_cat(a, b)


def array_cat(a: list[Any] | None, b: list[Any] | None) -> list[Any] | None:
    """PG's array_cat: same rank concatenates along the first dimension; rank n and n-1 adds
    the smaller one as a single element."""
    if a is None:
        return None if b is None else list(b)
    if b is None:
        return list(a)
    da, db = dims(a), dims(b)
    if not da:
        return list(b)
    if not db:
        return list(a)
    if len(da) == len(db):
        if da[1:] != db[1:]:
            raise _incompatible("Arrays with differing element dimensions are not compatible for concatenation.")
        return list(a) + list(b)
    if len(da) == len(db) + 1:
        if da[1:] != db:
            raise _incompatible("Arrays with differing dimensions are not compatible for concatenation.")
        return list(a) + [list(b)]
    if len(db) == len(da) + 1:
        if db[1:] != da:
            raise _incompatible("Arrays with differing dimensions are not compatible for concatenation.")
        return [list(a)] + list(b)
    raise _incompatible(f"Arrays of {len(da)} and {len(db)} dimensions are not compatible for concatenation.")


builtin("array_append", (T.ANY, T.ANY), _array_ret, strict=False)(array_append)
builtin("array_prepend", (T.ANY, T.ANY), _array_ret, strict=False)(array_prepend)
builtin("array_cat", (T.ANY, T.ANY), _cat_ret, strict=False)(array_cat_typed)


@wants_arg_types
def array_remove(arr: list[Any] | None, elem: Any, *, arg_types: Sequence[int] | None = None) -> list[Any] | None:
    """Remove every element IS NOT DISTINCT FROM ``elem`` (1-D arrays only)."""
    if arr is None:
        return None
    elem = _coerce(elem, arg_types, 0, 1)
    if len(dims(arr)) > 1:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                       "removing elements from multidimensional arrays is not supported")
    return [x for x in arr if not _eq(x, elem)]


@wants_arg_types
def array_replace(arr: list[Any] | None, old: Any, new: Any, *,
                  arg_types: Sequence[int] | None = None) -> list[Any] | None:
    """Replace every element IS NOT DISTINCT FROM ``old`` by ``new`` (any rank)."""
    if arr is None:
        return None
    old = _coerce(old, arg_types, 0, 1)
    new = _coerce(new, arg_types, 0, 2)

    def walk(v: list[Any]) -> list[Any]:
        return [walk(x) if isinstance(x, list) else (new if _eq(x, old) else x) for x in v]

    return walk(arr)


builtin("array_remove", (T.ANY, T.ANY), _array_ret, strict=False)(array_remove)
builtin("array_replace", (T.ANY, T.ANY, T.ANY), _array_ret, strict=False)(array_replace)


def _search_1d(arr: list[Any]) -> None:
    if len(dims(arr)) > 1:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                       "searching for elements in multidimensional arrays is not supported")


@wants_arg_types
def array_position(arr: list[Any] | None, elem: Any, start: int | None = 1, *,
                   arg_types: Sequence[int] | None = None) -> int | None:
    """1-based position of the first element IS NOT DISTINCT FROM ``elem`` at or after start."""
    if arr is None:
        return None
    _search_1d(arr)
    if start is None:
        raise SqlError(NULL_VALUE_NOT_ALLOWED, "initial position must not be null")
    elem = _coerce(elem, arg_types, 0, 1)
    for i in range(max(start, 1) - 1, len(arr)):
        if _eq(arr[i], elem):
            return i + 1
    return None


@wants_arg_types
def array_positions(arr: list[Any] | None, elem: Any, *, arg_types: Sequence[int] | None = None) -> list[int] | None:
    if arr is None:
        return None
    _search_1d(arr)
    elem = _coerce(elem, arg_types, 0, 1)
    return [i + 1 for i, x in enumerate(arr) if _eq(x, elem)]


builtin("array_position", (T.ANY, T.ANY), T.INT4, strict=False)(array_position)
builtin("array_position", (T.ANY, T.ANY, T.INT4), T.INT4, strict=False)(array_position)
builtin("array_positions", (T.ANY, T.ANY), T.array_type(T.INT4), strict=False)(array_positions)


def array_fill_impl(value: Any, dimensions: list[Any], lbounds: list[Any] | None) -> list[Any]:
    """An array of the given dimensions (and lower bounds) filled with ``value``."""
    if any(isinstance(d, list) for d in dimensions):
        raise SqlError(sqlstate.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts",
                       detail="Dimension array must be one dimensional.")
    if any(d is None for d in dimensions):
        raise SqlError(NULL_VALUE_NOT_ALLOWED, "dimension values cannot be null")
    if lbounds is not None and len(lbounds) != len(dimensions):
        raise SqlError(sqlstate.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts",
                       detail="Low bound array has different size than dimensions array.")
    if not dimensions:
        return []
    total = 1
    for d in dimensions:
        total *= max(d, 0)
        if d < 0 or total > 134217727:
            raise SqlError(sqlstate.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (134217727)")
    if total == 0:
        return []

    def build(level: int) -> list[Any]:
        if level == len(dimensions) - 1:
            return [value] * dimensions[level]
        return [build(level + 1) for _ in range(dimensions[level])]

    if lbounds is not None and any(lb is None for lb in lbounds):
        raise SqlError(NULL_VALUE_NOT_ALLOWED, "dimension values cannot be null")
    return with_lower_bounds(build(0), lbounds) if lbounds is not None else build(0)


def _fill_null() -> SqlError:
    return SqlError(NULL_VALUE_NOT_ALLOWED, "dimension array or low bound array cannot be null")


def _fill_ret(types: Sequence[int]) -> int:
    return T.array_type(types[0]) or T.array_type(T.TEXT)


@builtin("array_fill", (T.ANY, T.array_type(T.INT4)), _fill_ret, strict=False)
def array_fill(value: Any, dimensions: list[Any] | None) -> list[Any]:
    if dimensions is None:
        raise _fill_null()
    return array_fill_impl(value, dimensions, None)


@builtin("array_fill", (T.ANY, T.array_type(T.INT4), T.array_type(T.INT4)), _fill_ret, strict=False)
def array_fill3(value: Any, dimensions: list[Any] | None, lbounds: list[Any] | None) -> list[Any]:
    if dimensions is None or lbounds is None:
        raise _fill_null()
    return array_fill_impl(value, dimensions, lbounds)


@builtin("trim_array", (T.ANY, T.INT4), _array_ret)
def trim_array(arr: list[Any], n: int) -> list[Any]:
    length = len(arr)
    if n < 0 or n > length:
        raise SqlError(sqlstate.ARRAY_SUBSCRIPT_ERROR, f"number of elements to trim must be between 0 and {length}")
    return list(arr[:length - n])


# ---- set-returning --------------------------------------------------------------------------------
def _unnest_columns(types: Sequence[int]) -> list[tuple[str, int]]:
    return [("unnest", T.element_type(t) if T.is_array(t) else T.TEXT) for t in types]


@set_returning("unnest", (T.ANY,), _unnest_columns)
def unnest(arr: list[Any]) -> Iterator[tuple[Any]]:
    for x in flatten(arr):
        yield (x,)


@set_returning("unnest", (T.ANY, T.ANY), _unnest_columns, strict=False, variadic=True)
def unnest_multi(*arrays: list[Any] | None) -> Iterator[tuple[Any, ...]]:
    """unnest(a, b, ...) in FROM: the arrays side by side, shorter ones padded with NULLs."""
    flats = [flatten(a) if a is not None else [] for a in arrays]
    for i in range(max((len(f) for f in flats), default=0)):
        yield tuple(f[i] if i < len(f) else None for f in flats)


@set_returning("generate_subscripts", (T.ANY, T.INT4), [("generate_subscripts", T.INT4)])
def generate_subscripts(arr: list[Any], dim: int, reverse: bool = False) -> Iterator[tuple[int]]:
    d = dims(arr)
    if not 1 <= dim <= len(d):
        return
    lb = lower_bounds(arr)[dim - 1]
    rng = range(lb + d[dim - 1] - 1, lb - 1, -1) if reverse else range(lb, lb + d[dim - 1])
    for i in rng:
        yield (i,)


set_returning("generate_subscripts", (T.ANY, T.INT4, T.BOOL), [("generate_subscripts", T.INT4)])(generate_subscripts)


from sql import functions_arrayops  # noqa: E402,F401  (operators, subscripts: ARRAY_OPERATORS)
from sql.functions_arrayops import ARRAY_OPERATORS  # noqa: E402

__all__ = ["ARRAY_OPERATORS", "array_cat", "dims", "flatten"]
