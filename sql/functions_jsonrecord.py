"""json(b)_to_record and json(b)_to_recordset: functions returning ``record`` whose columns come
from the column definition list in FROM (``... AS r(a int, b text)``).

Each column takes the object's member of the same name: JSON null or a missing key is NULL,
json/jsonb columns take the value itself, arrays of a JSON array are converted element by
element, anything else goes through the column type's input function (a string's contents, a
number's or boolean's text, a container's JSON text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.datatypes import Jsonb
from sql.datatypes.json_parse import parse_json
from sql.datatypes.jsonb import json_text
from sql.errors import SqlError
from sql.expr import CExpr, ExprCompiler, identifier_name
from sql.functions import SetReturning
from sql.functions_jsonops import node_text, parse_spans
from sql.functions_util import invalid_parameter

RECORD_FUNCTIONS = {"jsonb_to_record": (T.JSONB, False), "jsonb_to_recordset": (T.JSONB, True),
                    "json_to_record": (T.JSON, False), "json_to_recordset": (T.JSON, True)}


def column_definitions(alias_node: exp.Expression | None) -> list[tuple[str, int, int]] | None:
    """(name, type, typmod) per column of ``AS r(a int, ...)``; None without typed columns."""
    cols = alias_node.args.get("columns") if alias_node is not None else None
    if not cols or not all(isinstance(c, exp.ColumnDef) and c.args.get("kind") is not None for c in cols):
        return None
    out = []
    for c in cols:
        oid, typmod = T.resolve_datatype(c.args["kind"])
        out.append((identifier_name(c.this), oid, typmod))
    return out


# a member as (parsed value, its JSON text)
Member = tuple[Any, str]


def _jsonb_members(v: Any) -> dict[str, Member]:
    return {k: (x, "") for k, x in v.items()}


def _json_members(text: str, node: Any) -> dict[str, Member]:
    out: dict[str, Member] = {}
    for k, child in node.items:
        t = node_text(text, child)
        out[k] = (parse_json(t, build=True), t)
    return out


def _converter(oid: int, typmod: int, ctx: Any) -> Callable[[Any, str], Any]:
    if oid == T.JSONB:
        return lambda v, _t: Jsonb(v)
    if oid == T.JSON:
        return lambda v, t: t or json_text(v)
    text_in = ctx.session.text_input(oid, typmod)
    elem = T.element_type(oid) if T.is_array(oid) else 0
    elem_in = ctx.session.text_input(elem, -1) if elem else None

    def scalar_text(v: Any, t: str) -> str:
        if isinstance(v, str):
            return v
        if isinstance(v, bool):
            return "true" if v else "false"
        return t or json_text(v)

    def array_of(v: list[Any]) -> list[Any]:
        assert elem_in is not None
        return [array_of(x) if isinstance(x, list) else None if x is None else elem_in(scalar_text(x, ""))
                for x in v]

    def convert(v: Any, t: str) -> Any:
        if elem_in is not None and isinstance(v, list):
            return array_of(v)
        return text_in(scalar_text(v, t))

    return convert


def _row(members: dict[str, Member], convs: list[tuple[str, Callable[[Any, str], Any]]]) -> tuple[Any, ...]:
    out = []
    for name, conv in convs:
        m = members.get(name)
        out.append(None if m is None or m[0] is None else conv(*m))
    return tuple(out)


def record_srf(name: str, coldefs: list[tuple[str, int, int]] | None) -> SetReturning:
    if coldefs is None:
        raise SqlError(sqlstate.SYNTAX_ERROR, 'a column definition list is required for functions returning "record"')
    arg_type, is_set = RECORD_FUNCTIONS[name]

    def run(ctx: Any, doc: Any) -> Iterator[tuple[Any, ...]]:
        convs = [(n, _converter(oid, typmod, ctx)) for n, oid, typmod in coldefs]
        for members in _objects(doc, arg_type, is_set, name):
            yield _row(members, convs)

    return SetReturning(name, (arg_type,), [(n, t) for n, t, _tm in coldefs], run, needs_ctx=True)


def _objects(doc: Any, arg_type: int, is_set: bool, name: str) -> Iterator[dict[str, Member]]:
    if arg_type == T.JSONB:
        v = doc.value
        items = v if is_set and isinstance(v, list) else [v]
        if is_set and not isinstance(v, list):
            raise invalid_parameter(f"argument of {name} must be an array of objects")
        for x in items:
            if not isinstance(x, dict):
                raise invalid_parameter(f"argument of {name} must be an array of objects" if is_set else
                                        "cannot call jsonb_to_record on a non-object" if isinstance(x, list)
                                        else f"cannot call {name} on a scalar")
            yield _jsonb_members(x)
        return
    node = parse_spans(doc)
    nodes = node.items if is_set and node.kind == "array" else [node]
    if is_set and node.kind != "array":
        raise invalid_parameter(f"argument of {name} must be an array of objects")
    for n in nodes:
        if n.kind != "object":
            raise invalid_parameter(f"argument of {name} must be an array of objects" if is_set else
                                    f"cannot call {name} on a scalar")
        yield _json_members(doc, n)


def compile_record_srf(func: exp.Expression, name: str, args: list[exp.Expression], compiler: ExprCompiler,
                       coldefs: list[tuple[str, int, int]] | None) -> tuple[SetReturning, tuple[CExpr, ...],
                                                                            list[tuple[str, int]]]:
    srf = record_srf(name, coldefs)
    if len(args) != 1:
        from sql.functions import undefined_function

        raise undefined_function(name, [compiler.compile(a).type for a in args])
    arg = compiler.coerce(compiler.compile(args[0]), srf.args[0])
    return srf, (arg,), srf.output_columns([arg.type])
