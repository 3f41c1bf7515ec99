"""SQL/JSON path functions: jsonb_path_exists / _match / _query / _query_array / _query_first
(and their ``_tz`` twins), the ``@?`` and ``@@`` operators. The path language itself lives in
:mod:`sql.jsonpath`.

Every function takes (target jsonb, path, vars jsonb default '{}', silent bool default false);
``silent`` suppresses the jsonpath evaluation errors (not a missing variable), as in PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.datatypes import Jsonb
from sql.errors import SqlError
from sql.functions import builtin, set_returning
from sql.jsonpath import JsonPathItemError, evaluate, parse_jsonpath

_NO_VARS = Jsonb({})


def _vars(v: Jsonb) -> dict[str, Any]:
    if not isinstance(v.value, dict):
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, '"vars" argument is not an object',
                       detail='Jsonpath parameters should be encoded as key-value pairs of "vars" object.')
    return v.value


def run_path(target: Jsonb, path: str, variables: Jsonb = _NO_VARS, silent: bool = False) -> list[Any] | None:
    """The result sequence, or None when ``silent`` swallowed an evaluation error."""
    parsed = parse_jsonpath(path)
    env = _vars(variables)
    try:
        return evaluate(parsed, target.value, env)
    except JsonPathItemError:
        if silent:
            return None
        raise


def path_exists(target: Jsonb, path: str, variables: Jsonb = _NO_VARS, silent: bool = False) -> bool | None:
    items = run_path(target, path, variables, silent)
    return None if items is None else bool(items)


def path_match(target: Jsonb, path: str, variables: Jsonb = _NO_VARS, silent: bool = False) -> bool | None:
    items = run_path(target, path, variables, silent)
    if items is None:
        return None
    if len(items) == 1 and (items[0] is None or isinstance(items[0], bool)):
        return items[0]
    if silent:
        return None
    raise SqlError(sqlstate.SINGLETON_SQL_JSON_ITEM_REQUIRED, "single boolean result is expected")


def path_query_array(target: Jsonb, path: str, variables: Jsonb = _NO_VARS, silent: bool = False) -> Jsonb:
    items = run_path(target, path, variables, silent)
    return Jsonb(items or [])


def path_query_first(target: Jsonb, path: str, variables: Jsonb = _NO_VARS, silent: bool = False) -> Jsonb | None:
    items = run_path(target, path, variables, silent)
    return Jsonb(items[0]) if items else None


def path_query(target: Jsonb, path: str, variables: Jsonb = _NO_VARS, silent: bool = False) -> Iterator[tuple[Jsonb]]:
    for v in run_path(target, path, variables, silent) or ():
        yield (Jsonb(v),)


_SIGNATURES = ((T.JSONB, T.JSONPATH), (T.JSONB, T.JSONPATH, T.JSONB), (T.JSONB, T.JSONPATH, T.JSONB, T.BOOL))
for _args in _SIGNATURES:
    builtin("jsonb_path_exists|jsonb_path_exists_tz", _args, T.BOOL)(path_exists)
    builtin("jsonb_path_match|jsonb_path_match_tz", _args, T.BOOL)(path_match)
    builtin("jsonb_path_query_array|jsonb_path_query_array_tz", _args, T.JSONB)(path_query_array)
    builtin("jsonb_path_query_first|jsonb_path_query_first_tz", _args, T.JSONB)(path_query_first)
set_returning("jsonb_path_query", _SIGNATURES[0], [("jsonb_path_query", T.JSONB)])(path_query)
set_returning("jsonb_path_query", _SIGNATURES[1], [("jsonb_path_query", T.JSONB)])(path_query)
set_returning("jsonb_path_query", _SIGNATURES[2], [("jsonb_path_query", T.JSONB)])(path_query)
set_returning("jsonb_path_query_tz", _SIGNATURES[0], [("jsonb_path_query_tz", T.JSONB)])(path_query)
set_returning("jsonb_path_query_tz", _SIGNATURES[1], [("jsonb_path_query_tz", T.JSONB)])(path_query)
set_returning("jsonb_path_query_tz", _SIGNATURES[2], [("jsonb_path_query_tz", T.JSONB)])(path_query)


def op_path_exists(target: Jsonb, path: str) -> bool | None:
    """jsonb @? jsonpath"""
    return path_exists(target, path, _NO_VARS, True)


def op_path_match(target: Jsonb, path: str) -> bool | None:
    """jsonb @@ jsonpath"""
    return path_match(target, path, _NO_VARS, True)
