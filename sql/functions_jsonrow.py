"""JSON of records and arrays: row_to_json, array_to_json (with their ``pretty`` forms) and the
record branch of to_json/to_jsonb/json_agg (``composite_to_json``): fields are named after the
columns of a whole-row reference, ``f1, f2, ...`` for an anonymous ROW(...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sql import typesys as T
from sql.datatypes.json_parse import escape_json
from sql.functions import builtin
from sql.functions_util import wants_arg_types
from sql.rowvalue import record_fields


def record_json_text(value: tuple[Any, ...], ctx: Any = None, pretty: bool = False) -> str:
    from sql.functions_json import to_json_text

    sep = ",\n " if pretty else ","
    return "{" + sep.join(f"{escape_json(name)}:{to_json_text(v, oid, ctx)}"
                          for name, v, oid in record_fields(value)) + "}"


def record_jsonb_value(value: tuple[Any, ...], ctx: Any = None) -> dict[str, Any]:
    from sql.functions_json import to_jsonb_value

    return {name: to_jsonb_value(v, oid, ctx) for name, v, oid in record_fields(value)}


def row_to_json(ctx: Any, value: tuple[Any, ...], pretty: bool = False) -> str:
    return record_json_text(value, ctx, bool(pretty))


builtin("row_to_json", (T.RECORD,), T.JSON, needs_ctx=True)(row_to_json)
builtin("row_to_json", (T.RECORD, T.BOOL), T.JSON, needs_ctx=True)(row_to_json)


@wants_arg_types
def array_to_json(ctx: Any, value: list[Any], pretty: bool = False, *,
                  arg_types: Sequence[int] | None = None) -> str:
    from sql.functions_json import to_json_text

    oid = arg_types[0] if arg_types else 0
    if not pretty:
        return to_json_text(value, oid, ctx)
    elem = T.element_type(oid) if T.is_array(oid) else 0
    from sql.functions_util import infer_oid

    # pretty: a line break after each top-level element
    return "[" + ",\n ".join(to_json_text(v, oid if isinstance(v, list) else (elem or infer_oid(v)), ctx)
                             for v in value) + "]"


builtin("array_to_json", (T.ANY,), T.JSON, needs_ctx=True)(array_to_json)
builtin("array_to_json", (T.ANY, T.BOOL), T.JSON, needs_ctx=True)(array_to_json)
