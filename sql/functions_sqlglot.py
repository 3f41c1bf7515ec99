"""Getting PostgreSQL function calls back out of sqlglot's parse trees.

sqlglot's postgres dialect turns many PostgreSQL functions into its own typed nodes, renaming
them and sometimes reordering or rewriting arguments (``lpad`` -> ``Pad``, ``split_part`` ->
``SplitPart``, ``to_char`` -> ``TimeToStr`` with the format rewritten to strftime,
``date_part`` and ``extract`` -> the same ``Extract``, ``div`` -> ``Cast(IntDiv)``,
``log10(x)`` -> ``Log(10, x)``, ``date_bin(a, b, c)`` -> the column ``c`` turned into a Var...).
Two remedies, both usable by the compiler:

* :func:`pg_dialect` - a postgres dialect subclass whose parser leaves the functions in
  :data:`VERBATIM_FUNCTIONS` alone: they parse as ``exp.Anonymous`` with PostgreSQL's name and
  arguments exactly as written (recommended: ``sqlglot.parse(text, read=pg_dialect())``).
* :func:`pg_function_parts` - maps the typed nodes that remain (special syntax such as
  ``OVERLAY``/``AT TIME ZONE``/``CURRENT_TIMESTAMP(p)``, or everything when the stock dialect
  is used) to ``(pg_name, [argument nodes])``; None when it has no opinion.

:func:`positional_args` turns ``name => value`` arguments (``make_interval(days => 3)``) into
positional ones for the functions that have named parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql.errors import SqlError

VERBATIM_FUNCTIONS = frozenset({
    "ARRAY_APPEND", "ARRAY_CAT", "ARRAY_LENGTH", "ARRAY_POSITION", "ARRAY_PREPEND", "ARRAY_REMOVE",
    "ARRAY_TO_STRING", "ASCII", "BIT_LENGTH", "CHR", "CONCAT_WS", "DATE_BIN", "DATE_PART", "DATE_TRUNC", "DECODE",
    "DIV", "ENCODE", "FORMAT", "INITCAP", "JSON_EXTRACT_PATH", "JSON_EXTRACT_PATH_TEXT", "JSON_OBJECT",
    "JUSTIFY_DAYS", "JUSTIFY_HOURS", "JUSTIFY_INTERVAL", "LOG", "LOG10", "LPAD", "MAKE_INTERVAL", "MAKE_TIME",
    "MAKE_TIMESTAMP", "RANDOM", "REGEXP_COUNT", "REGEXP_INSTR", "REGEXP_LIKE", "REGEXP_REPLACE", "REGEXP_SUBSTR",
    "RPAD", "SHA256", "SHA384", "SHA512", "SPLIT_PART", "STARTS_WITH", "STRING_TO_ARRAY", "TO_CHAR", "TO_DATE",
    "TO_HEX", "TO_NUMBER", "TO_TIMESTAMP", "TRANSLATE", "WIDTH_BUCKET",
})


@cache
def pg_dialect() -> Any:
    """A postgres dialect whose parser keeps :data:`VERBATIM_FUNCTIONS` as ``exp.Anonymous``."""
    from sqlglot.dialects.postgres import Postgres

    class PgVerbatim(Postgres):
        class Parser(Postgres.Parser):
            FUNCTIONS = {k: v for k, v in Postgres.Parser.FUNCTIONS.items() if k not in VERBATIM_FUNCTIONS}
            FUNCTION_PARSERS = {k: v for k, v in Postgres.Parser.FUNCTION_PARSERS.items()
                                if k not in VERBATIM_FUNCTIONS}

    return PgVerbatim


def _args(node: exp.Expression, *keys: str) -> list[exp.Expression]:
    """The given args of ``node`` that are present, in order (lists are spliced)."""
    out: list[exp.Expression] = []
    for k in keys:
        v = node.args.get(k)
        if isinstance(v, list):
            out.extend(v)
        elif isinstance(v, exp.Expression):
            out.append(v)
    return out


def _pg_time_format(fmt: exp.Expression | None) -> exp.Expression | None:
    """Undo sqlglot's PG-format -> strftime rewrite of a literal to_char/to_date format."""
    if isinstance(fmt, exp.Literal) and fmt.is_string:
        from sqlglot.dialects.postgres import Postgres
        from sqlglot.time import format_time

        d = Postgres()
        return exp.Literal.string(format_time(fmt.this, d.INVERSE_TIME_MAPPING, d.INVERSE_TIME_TRIE) or "")
    return fmt


def _unit(node: exp.Expression | None) -> exp.Expression | None:
    """A unit sqlglot turned into an upper-cased Var back into a string literal."""
    if isinstance(node, exp.Var):
        return exp.Literal.string(node.name.lower())
    return node


def _var_to_column(node: exp.Expression | None) -> exp.Expression | None:
    if isinstance(node, exp.Var):
        return exp.column(node.name.lower())
    return node


def _sha(node: exp.Expression) -> tuple[str, list[exp.Expression]]:
    length = node.args.get("length")
    bits = length.name if isinstance(length, exp.Literal) else "256"
    return f"sha{bits}", [node.this]


def _log(node: exp.Expression) -> tuple[str, list[exp.Expression]]:
    return "log", _args(node, "this", "expression")


def _json_path_args(node: exp.Expression) -> list[exp.Expression]:
    path = node.args.get("expression")
    out: list[exp.Expression] = [node.this]
    if isinstance(path, exp.JSONPath):
        for part in path.expressions:
            if isinstance(part, exp.JSONPathKey):
                out.append(exp.Literal.string(str(part.this)))
            elif isinstance(part, exp.JSONPathSubscript):
                out.append(exp.Literal.string(str(part.this)))
    elif isinstance(path, exp.Expression):
        out.append(path)
    out.extend(node.expressions)
    return out


def _json_extract(text: bool) -> Callable[[exp.Expression], tuple[str, list[exp.Expression]] | None]:
    def f(node: exp.Expression) -> tuple[str, list[exp.Expression]] | None:
        if node.args.get("only_json_types"):
            return None  # the -> / ->> operators: the compiler's business
        return ("json_extract_path_text" if text else "json_extract_path"), _json_path_args(node)

    return f


def _make_interval(node: exp.Expression) -> tuple[str, list[exp.Expression]]:
    keys = ("year", "month", "week", "day", "hour", "minute", "second")
    vals = [node.args.get(k) for k in keys]
    last = max((i for i, v in enumerate(vals) if v is not None), default=-1)
    out: list[exp.Expression] = []
    for v in vals[:last + 1]:
        if isinstance(v, exp.Kwarg):
            v = v.expression
        out.append(v if v is not None else exp.Literal.number(0))
    return "make_interval", out


def _json_object(node: exp.Expression) -> tuple[str, list[exp.Expression]]:
    args: list[exp.Expression] = []
    for kv in node.expressions:
        if isinstance(kv, exp.JSONKeyValue):
            args.extend(_args(kv, "this", "expression"))
        else:
            args.append(kv)
    return "json_object", args


_HANDLERS: dict[type, Callable[[Any], tuple[str, list[exp.Expression]] | None]] = {
    exp.Initcap: lambda n: ("initcap", [n.this]),
    exp.Pad: lambda n: ("lpad" if n.args.get("is_left") else "rpad", _args(n, "this", "expression", "fill_pattern")),
    exp.SplitPart: lambda n: ("split_part", _args(n, "this", "delimiter", "part_index")),
    exp.Translate: lambda n: ("translate", _args(n, "this", "from_", "to")),
    exp.Chr: lambda n: ("chr", list(n.expressions)),
    exp.Hex: lambda n: ("to_hex", [n.this]),
    exp.StartsWith: lambda n: ("starts_with", _args(n, "this", "expression")),
    exp.StringToArray: lambda n: ("string_to_array", _args(n, "this", "expression", "null")),
    exp.ArrayToString: lambda n: ("array_to_string", _args(n, "this", "expression", "null")),
    exp.Overlay: lambda n: ("overlay", _args(n, "this", "expression", "from_", "for_")),
    exp.Encode: lambda n: ("encode", _args(n, "this", "charset")),
    exp.Decode: lambda n: ("decode", _args(n, "this", "charset")),
    exp.SHA2Digest: _sha,
    exp.BitLength: lambda n: ("bit_length", [n.this]),
    exp.Format: lambda n: ("format", _args(n, "this", "expressions")),
    exp.ConcatWs: lambda n: ("concat_ws", list(n.expressions)),
    exp.RegexpReplace: lambda n: ("regexp_replace", _args(n, "this", "expression", "replacement", "position",
                                                          "occurrence", "modifiers")),
    exp.RegexpCount: lambda n: ("regexp_count", _args(n, "this", "expression", "position", "parameters")),
    exp.RegexpInstr: lambda n: ("regexp_instr", _args(n, "this", "expression", "position", "occurrence", "option",
                                                      "parameters", "group")),
    exp.RegexpSubstr: lambda n: ("regexp_substr", _args(n, "this", "expression", "position", "occurrence",
                                                        "parameters", "group")),
    exp.TimeToStr: lambda n: ("to_char", [n.this, _pg_time_format(n.args.get("format"))]),
    exp.StrToDate: lambda n: ("to_date", [n.this, _pg_time_format(n.args.get("format"))]),
    exp.StrToTime: lambda n: ("to_timestamp", [n.this, _pg_time_format(n.args.get("format"))]),
    exp.UnixToTime: lambda n: ("to_timestamp", [n.this]),
    exp.ToNumber: lambda n: ("to_number", _args(n, "this", "format")),
    exp.Log: _log,
    exp.WidthBucket: lambda n: ("width_bucket", _args(n, "this", "min_value", "max_value", "num_buckets",
                                                      "threshold")),
    exp.TimestampTrunc: lambda n: ("date_trunc", [_unit(n.args.get("unit")), n.this] + _args(n, "zone")),
    exp.MakeInterval: _make_interval,
    exp.DateBin: lambda n: ("date_bin", [n.this, n.expression] + [_var_to_column(n.args.get("unit"))]
                            if n.args.get("unit") is not None else [n.this, n.expression]),
    exp.JSONObject: _json_object,
    exp.JSONExtract: _json_extract(False),
    exp.JSONExtractScalar: _json_extract(True),
    exp.ArraySize: lambda n: ("array_length", _args(n, "this", "expression")),
    exp.ArrayAppend: lambda n: ("array_append", _args(n, "this", "expression")),
    exp.ArrayPrepend: lambda n: ("array_prepend", _args(n, "expression", "this")),
    exp.ArrayConcat: lambda n: ("array_cat", _args(n, "this", "expressions")),
    exp.ArrayRemove: lambda n: ("array_remove", _args(n, "this", "expression")),
    exp.ArrayPosition: lambda n: ("array_position", _args(n, "this", "expression", "zero_based")),
    exp.JustifyDays: lambda n: ("justify_days", [n.this]),
    exp.JustifyHours: lambda n: ("justify_hours", [n.this]),
    exp.JustifyInterval: lambda n: ("justify_interval", [n.this]),
    exp.TimeFromParts: lambda n: ("make_time", _args(n, "hour", "min", "sec")),
    exp.TimestampFromParts: lambda n: ("make_timestamp", _args(n, "year", "month", "day", "hour", "min", "sec")),
    exp.AtTimeZone: lambda n: ("timezone", _args(n, "zone", "this")),
    exp.Localtime: lambda n: ("localtime", _args(n, "this")),
    exp.Localtimestamp: lambda n: ("localtimestamp", _args(n, "this")),
    exp.CurrentTimestamp: lambda n: ("current_timestamp", [n.this]) if n.this is not None else None,
    exp.Rand: lambda n: ("random", []),
}


def pg_function_parts(node: exp.Expression) -> tuple[str, list[exp.Expression]] | None:
    """(PostgreSQL function name, argument nodes) for a sqlglot typed function node, or None.

    ``Cast(IntDiv(a, b), DECIMAL)`` (sqlglot's reading of ``div(a, b)``) maps to ``div``."""
    if isinstance(node, exp.Cast) and isinstance(node.this, exp.IntDiv):
        return "div", [node.this.this, node.this.expression]
    handler = _HANDLERS.get(type(node))
    return handler(node) if handler is not None else None


# ---- named arguments ------------------------------------------------------------------------------
NAMED_PARAMETERS: dict[str, tuple[tuple[str, ...], tuple[Any, ...]]] = {
    # name: (parameter names, defaults for the trailing parameters)
    "make_interval": (("years", "months", "weeks", "days", "hours", "mins", "secs"), (0, 0, 0, 0, 0, 0, 0.0)),
    "make_date": (("year", "month", "day"), ()),
    "make_time": (("hour", "min", "sec"), ()),
    "make_timestamp": (("year", "month", "mday", "hour", "min", "sec"), ()),
    "make_timestamptz": (("year", "month", "mday", "hour", "min", "sec", "timezone"), ()),
    "jsonb_set": (("target", "path", "new_value", "create_if_missing"), ()),
    "jsonb_insert": (("target", "path", "new_value", "insert_after"), ()),
    "date_bin": (("stride", "source", "origin"), ()),
    **{f"jsonb_path_{f}{tz}": (("target", "path", "vars", "silent"), ("{}", False))
       for f in ("exists", "match", "query", "query_array", "query_first") for tz in ("", "_tz")},
}


def _named(arg: exp.Expression) -> tuple[str, exp.Expression] | None:
    if isinstance(arg, (exp.Kwarg, exp.PropertyEQ)):
        return arg.this.name.lower(), arg.expression
    return None


def positional_args(name: str, args: list[exp.Expression]) -> list[exp.Expression]:
    """Reorder ``name => value`` arguments into positional ones (PG's rules: positional first,
    then named; missing trailing parameters take their defaults)."""
    if not any(_named(a) for a in args):
        return args
    spec = NAMED_PARAMETERS.get(name)
    if spec is None:
        raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {name} does not accept named arguments")
    params, defaults = spec
    slots: list[exp.Expression | None] = [None] * len(params)
    seen_named = False
    for i, a in enumerate(args):
        named = _named(a)
        if named is None:
            if seen_named:
                raise SqlError(sqlstate.SYNTAX_ERROR, "positional argument cannot follow named argument")
            slots[i] = a
            continue
        seen_named = True
        key, value = named
        if key not in params:
            raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {name} has no parameter named {key}")
        slots[params.index(key)] = value
    first_default = len(params) - len(defaults)
    last = max(i for i, s in enumerate(slots) if s is not None)
    out: list[exp.Expression] = []
    for i, s in enumerate(slots[:last + 1]):
        if s is None:
            if i < first_default:
                raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {name} is missing argument {params[i]}")
            d = defaults[i - first_default]
            s = exp.Boolean(this=d) if isinstance(d, bool) else exp.Literal.string(d) if isinstance(d, str) \
                else exp.Literal.number(d)
        out.append(s)
    return out
