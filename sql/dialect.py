"""The sqlglot dialect pgserver parses with: PostgreSQL, minus sqlglot's renaming of plain
function calls.

sqlglot turns many PostgreSQL function calls into its own cross-dialect expression classes
(to_char -> TimeToStr, lpad -> Pad, split_part -> SplitPart, ...). We resolve functions by their
PostgreSQL names ourselves, so this dialect keeps only the builders whose classes the compiler
handles specially (aggregates, COALESCE & co., ARRAY); every other call stays an Anonymous node
with its original name. Functions with special syntax (EXTRACT, TRIM, SUBSTRING, POSITION, CAST,
OVERLAY...) are parsed by sqlglot's FUNCTION_PARSERS and are unaffected.
"""

from __future__ import annotations

from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.dialects.postgres import Postgres
from sqlglot.tokens import TokenType

_KEEP = {
    "COUNT", "SUM", "AVG", "MIN", "MAX", "ARRAY_AGG", "GROUPING", "COALESCE", "NULLIF", "GREATEST", "LEAST",
    "ARRAY", "STRING_AGG", "BOOL_AND", "BOOL_OR",
}


# special-syntax parsers sqlglot has for names that are ordinary functions in PostgreSQL
_PLAIN_IN_POSTGRES = {"DATE_PART", "INITCAP", "JSON_OBJECT"}


class PgDialect(Postgres):
    class Parser(Postgres.Parser):
        FUNCTIONS = {k: v for k, v in Postgres.Parser.FUNCTIONS.items() if k in _KEEP}
        FUNCTION_PARSERS = {k: v for k, v in Postgres.Parser.FUNCTION_PARSERS.items() if k not in _PLAIN_IN_POSTGRES}

        def _parse_id_var(self, any_token: bool = True, tokens: object = None) -> exp.Expression | None:
            if tokens is self.WINDOW_ALIAS_TOKENS:
                # the window name at the start of OVER (...): GROUPS there begins a frame, not a name
                if self._curr is not None and self._curr.text.upper() == "GROUPS":
                    return None
                ident = super()._parse_id_var(any_token, tokens)  # type: ignore[arg-type]
                if ident is not None:
                    ident.meta["copied"] = True  # OVER (w ...) copies w, unlike OVER w
                return ident
            return super()._parse_id_var(any_token, tokens)  # type: ignore[arg-type]

        def _parse_type(self, parse_interval: bool = True, fallback_to_identifier: bool = False) -> Any:
            start = self._index
            this = super()._parse_type(parse_interval, fallback_to_identifier)
            return _typed_literal_first(self, start, this)


def _typed_literal_first(parser: Any, start: int, this: Any) -> Any:
    """``date '2024-01-02'::text`` is ``(date '2024-01-02')::text`` in PostgreSQL; sqlglot applies the
    ``::text`` to the string first. Re-nest such a typed literal so its own type is applied first."""
    toks = parser._tokens
    if not (isinstance(this, exp.Cast) and start + 2 < len(toks) and toks[start + 1].token_type == TokenType.STRING
            and toks[start + 2].token_type == TokenType.DCOLON):
        return this
    chain = []
    node = this.this
    while isinstance(node, exp.Cast):
        chain.append(node)
        node = node.this
    if not chain or not isinstance(node, exp.Literal):
        return this
    out: exp.Expression = exp.Cast(this=node, to=this.args["to"])
    for cast in reversed(chain):
        out = exp.Cast(this=out, to=cast.args["to"])
    return out


def parse_expression(text: str) -> exp.Expression:
    """Parse a stored SQL expression (column default, CHECK, view query) with our dialect."""
    return sqlglot.parse_one(text, read=PgDialect)
