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

import sqlglot
from sqlglot import exp
from sqlglot.dialects.postgres import Postgres

_KEEP = {
    "COUNT", "SUM", "AVG", "MIN", "MAX", "ARRAY_AGG", "GROUPING", "COALESCE", "NULLIF", "GREATEST", "LEAST",
    "ARRAY", "STRING_AGG", "BOOL_AND", "BOOL_OR",
}


# special-syntax parsers sqlglot has for names that are ordinary functions in PostgreSQL
_PLAIN_IN_POSTGRES = {"DATE_PART", "INITCAP", "JSON_OBJECT", "NORMALIZE"}


class PgDialect(Postgres):
    class Parser(Postgres.Parser):
        FUNCTIONS = {k: v for k, v in Postgres.Parser.FUNCTIONS.items() if k in _KEEP}
        FUNCTION_PARSERS = {k: v for k, v in Postgres.Parser.FUNCTION_PARSERS.items() if k not in _PLAIN_IN_POSTGRES}


def parse_expression(text: str) -> exp.Expression:
    """Parse a stored SQL expression (column default, CHECK, view query) with our dialect."""
    return sqlglot.parse_one(text, read=PgDialect)
