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
from sqlglot.tokens import TokenType

from sql.dialect_literals import GENERIC_TYPE_LITERALS, interval_fields

_KEEP = {
    "COUNT", "SUM", "AVG", "MIN", "MAX", "ARRAY_AGG", "GROUPING", "COALESCE", "NULLIF", "GREATEST", "LEAST",
    "ARRAY", "STRING_AGG", "BOOL_AND", "BOOL_OR",
}


# special-syntax parsers sqlglot has for names that are ordinary functions in PostgreSQL
_PLAIN_IN_POSTGRES = {"DATE_PART", "INITCAP", "JSON_OBJECT", "NORMALIZE"}


class PgDialect(Postgres):
    class Tokenizer(Postgres.Tokenizer):
        # not a PostgreSQL type name: "short" is an ordinary identifier (a user type may have it)
        KEYWORDS = {k: v for k, v in Postgres.Tokenizer.KEYWORDS.items() if k != "SHORT"}

    class Parser(Postgres.Parser):
        FUNCTIONS = {k: v for k, v in Postgres.Parser.FUNCTIONS.items() if k in _KEEP}
        FUNCTION_PARSERS = {k: v for k, v in Postgres.Parser.FUNCTION_PARSERS.items() if k not in _PLAIN_IN_POSTGRES}
        # PostgreSQL has no lambdas: ``f(doc -> 'k')`` is the json operator (``=>`` stays: named arguments)
        LAMBDAS = {k: v for k, v in Postgres.Parser.LAMBDAS.items() if k != TokenType.ARROW}

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

        def _parse_parameter(self) -> exp.Parameter:
            """``@ x`` is PostgreSQL's prefix absolute-value operator (its operand binds + and -)."""
            if self._prev is not None and self._prev.text == "@":
                return self.expression(exp.Anonymous(this="abs", expressions=[self._parse_term()]))  # type: ignore
            return super()._parse_parameter()

        def _parse_cube_or_rollup(self, with_prefix: bool = False) -> exp.Cube | exp.Rollup | None:
            """CUBE (...) / ROLLUP (...) take any expressions (``salary > 150``), as PostgreSQL's grammar."""
            if with_prefix:
                return super()._parse_cube_or_rollup(with_prefix)
            if self._match(TokenType.CUBE):
                return self.expression(exp.Cube(expressions=self._parse_wrapped_csv(self._parse_disjunction)))
            if self._match(TokenType.ROLLUP):
                return self.expression(exp.Rollup(expressions=self._parse_wrapped_csv(self._parse_disjunction)))
            return None

        def _parse_grouping_set(self) -> exp.Expr | None:
            return self._parse_grouping_sets() or self._parse_cube_or_rollup() or self._parse_disjunction()

        # Typed literals (``date '2024-01-01'::int``): the ``::`` applies to the typed literal,
        # not to the string inside it. sqlglot applies it inside; these three hooks defer it.
        _pg_literal_type = False
        _pg_deferred_ops = False

        def _parse_types(self, check_func: bool = False, schema: bool = False, allow_identifiers: bool = True,
                         with_collation: bool = False) -> exp.Expr | None:
            result = super()._parse_types(check_func=check_func, schema=schema,
                                          allow_identifiers=allow_identifiers, with_collation=with_collation)
            if isinstance(result, exp.ObjectIdentifier):
                result = self._object_identifier_array(result)
            if check_func and not allow_identifiers and isinstance(result, exp.DataType):
                self._pg_literal_type = True
            return result

        def _parse_generated_as_identity(self) -> exp.Expr:
            """``GENERATED ... AS IDENTITY (options)`` with the sequence options in any order, and
            ``NO MINVALUE``, ``NO MAXVALUE``, ``[NO] CYCLE`` and ``CACHE n`` as PostgreSQL allows."""
            index = self._index
            always = not self._match_text_seq("BY", "DEFAULT")
            if always:
                self._match_text_seq("ALWAYS")
            self._match(TokenType.ALIAS)
            if not (self._match_text_seq("IDENTITY") and self._match(TokenType.L_PAREN)):
                self._retreat(index)
                return super()._parse_generated_as_identity()
            this = exp.GeneratedAsIdentityColumnConstraint(this=always)
            while not self._match(TokenType.R_PAREN):
                if self._match_text_seq("START"):
                    self._match_text_seq("WITH")
                    this.set("start", self._parse_bitwise())
                elif self._match_text_seq("INCREMENT"):
                    self._match_text_seq("BY")
                    this.set("increment", self._parse_bitwise())
                elif self._match_text_seq("MINVALUE"):
                    this.set("minvalue", self._parse_bitwise())
                elif self._match_text_seq("MAXVALUE"):
                    this.set("maxvalue", self._parse_bitwise())
                elif self._match_text_seq("CACHE"):
                    this.meta["cache"] = self._parse_bitwise()  # not an argument sqlglot knows
                elif self._match_text_seq("CYCLE"):
                    this.set("cycle", True)
                elif self._match_text_seq("NO", "CYCLE"):
                    this.set("cycle", False)
                elif not (self._match_text_seq("NO", "MINVALUE") or self._match_text_seq("NO", "MAXVALUE")):
                    self._retreat(index)
                    return super()._parse_generated_as_identity()
            return self.expression(this)

        def _object_identifier_array(self, result: exp.DataType) -> exp.DataType:
            """``oid[]``, ``regtype[3]``: sqlglot returns the OID-alias types before any array bounds."""
            while self._curr is not None and self._curr.token_type == TokenType.L_BRACKET:
                index = self._index
                self._advance()
                if self._curr is not None and self._curr.token_type == TokenType.NUMBER:
                    self._advance()
                if not self._match(TokenType.R_BRACKET):
                    self._retreat(index)
                    break
                result = exp.DataType(this=exp.DataType.Type.ARRAY, expressions=[result], nested=True)
            return result

        def _parse_column_ops(self, this: exp.Expr | None) -> exp.Expr | None:
            if self._pg_literal_type:
                self._pg_literal_type = False
                if isinstance(this, exp.Literal) and this.is_string:
                    self._pg_deferred_ops = True
                    return this
            return super()._parse_column_ops(this)

        def _parse_type(self, parse_interval: bool = True, fallback_to_identifier: bool = False) -> exp.Expr | None:
            generic = self._generic_type_literal()
            if generic is not None:
                return super()._parse_column_ops(generic)
            saved = self._pg_deferred_ops
            self._pg_deferred_ops = False
            result = super()._parse_type(parse_interval, fallback_to_identifier)
            self._pg_literal_type = False
            if self._pg_deferred_ops:
                result = super()._parse_column_ops(result)
            self._pg_deferred_ops = saved
            return result

        def _generic_type_literal(self) -> exp.Expr | None:
            """``box '((0,0),(1,1))'``, ``inet '10.0.0.1'``: a type name sqlglot does not know
            followed by a string constant is a typed literal, as in PostgreSQL's grammar."""
            cur, nxt = self._curr, self._next
            if cur is None or nxt is None or cur.token_type != TokenType.VAR or nxt.token_type != TokenType.STRING:
                return None
            name = cur.text.lower()
            if name not in GENERIC_TYPE_LITERALS:
                return None
            self._advance()
            lit = self._parse_primary()
            return exp.Cast(this=lit, to=exp.DataType(this=exp.DataType.Type.USERDEFINED, kind=exp.to_identifier(name)))

        def _parse_interval(self, require_interval: bool = True,
                            parse_function_unit: bool = True) -> exp.Add | exp.Interval | None:
            """``INTERVAL 'text' [fields]``: the string is kept whole and the SQL field
            qualifier (``DAY TO MINUTE``, ``SECOND(3)``) becomes the unit, spelt as written."""
            cur, nxt = self._curr, self._next
            if not (require_interval and cur is not None and cur.token_type == TokenType.INTERVAL
                    and nxt is not None and nxt.token_type == TokenType.STRING):
                return super()._parse_interval(require_interval, parse_function_unit)
            self._advance()
            lit = self._parse_primary()
            fields = interval_fields(self)
            return exp.Interval(this=lit, unit=exp.Var(this=fields) if fields else None)


def parse_expression(text: str) -> exp.Expression:
    """Parse a stored SQL expression (column default, CHECK, view query) with our dialect."""
    return sqlglot.parse_one(text, read=PgDialect)
