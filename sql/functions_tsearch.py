"""Text search basics: to_tsvector, to_tsquery, plainto_tsquery (``simple`` configuration
only), length(tsvector), and the ``@@`` match operator (see :mod:`sql.datatypes.tsearch`)."""

from __future__ import annotations

import re
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.datatypes import registry as reg
from sql.datatypes.tsearch import TsVector, make_tsvector, tsquery_in, tsquery_matches
from sql.errors import SqlError
from sql.functions import builtin
from sql.type_operators import OPERATOR_TYPES, TYPE_OPERATORS

TSVECTOR, TSQUERY = reg.TSVECTOR, reg.TSQUERY
_WORD = re.compile(r"[^\W_]+")


def _config(name: str) -> None:
    if name.lower().removeprefix("pg_catalog.") != "simple":
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f'text search configuration "{name}" is not supported')


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


@builtin("to_tsvector", (T.TEXT, T.TEXT), TSVECTOR)
def to_tsvector(config: str, text: str) -> TsVector:
    _config(config)
    entries: dict[str, list[str]] = {}
    for i, w in enumerate(_words(text), start=1):
        entries.setdefault(w, []).append(str(i))
    return make_tsvector(entries)


@builtin("to_tsquery", (T.TEXT, T.TEXT), TSQUERY)
def to_tsquery(config: str, text: str) -> Any:
    _config(config)
    return _lower(tsquery_in(text))


@builtin("plainto_tsquery", (T.TEXT, T.TEXT), TSQUERY)
def plainto_tsquery(config: str, text: str) -> Any:
    _config(config)
    q: Any = None
    for w in _words(text):
        q = ("lex", w) if q is None else ("&", q, ("lex", w))
    return q


def _lower(q: Any) -> Any:
    if q is None:
        return None
    if q[0] == "lex":
        return ("lex", q[1].lower())
    return (q[0], *(_lower(x) for x in q[1:]))


builtin("length", (TSVECTOR,), T.INT4)(lambda v: len(v.lexemes))

OPERATOR_TYPES.update({TSVECTOR, TSQUERY})
TYPE_OPERATORS[("@@", TSVECTOR, TSQUERY)] = (tsquery_matches, T.BOOL)
TYPE_OPERATORS[("@@", TSQUERY, TSVECTOR)] = (lambda q, v: tsquery_matches(v, q), T.BOOL)
