"""Helpers for the parser dialect: PostgreSQL typed-literal type names and interval field
qualifiers (``INTERVAL '1 2:03' DAY TO MINUTE``)."""

from __future__ import annotations

from typing import Any

from sqlglot.tokens import TokenType

# Type names sqlglot does not treat as types but PostgreSQL accepts in ``name 'literal'``.
GENERIC_TYPE_LITERALS = frozenset({
    "box", "circle", "point", "lseg", "line", "path", "polygon", "inet", "cidr", "macaddr",
    "int4range", "int8range", "numrange", "daterange", "tsrange", "tstzrange",
    "tsvector", "tsquery", "varbit", "timetz",
})

_FIELDS = ("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND")


def interval_fields(parser: Any) -> str | None:
    """Consume an interval field qualifier after an interval literal; returns it as written,
    upper case (``"DAY TO MINUTE"``, ``"SECOND(3)"``), or None when there is none."""
    cur = parser._curr
    if cur is None or cur.text.upper() not in _FIELDS:
        return None
    parser._advance()
    parts = [cur.text.upper()]
    nxt = parser._curr
    if nxt is not None and nxt.text.upper() == "TO" and parser._next is not None \
            and parser._next.text.upper() in _FIELDS:
        parser._advance()
        parts += ["TO", parser._curr.text.upper()]
        parser._advance()
    text = " ".join(parts)
    if parts[-1] == "SECOND" and parser._curr is not None and parser._curr.token_type == TokenType.L_PAREN:
        parser._advance()
        prec = parser._curr.text
        parser._advance()
        parser._match(TokenType.R_PAREN)
        text += f"({prec})"
    return text


def interval_qualifier_typmod(unit: str) -> int | None:
    """The interval typmod of a field qualifier as :func:`interval_fields` spells it, or None
    when ``unit`` is not one (sqlglot's own ``INTERVAL '5' DAY`` unit words)."""
    import re

    from sql.datatypes.registry import interval_typmod

    m = re.fullmatch(r"([A-Z]+(?: TO [A-Z]+)?)(?:\((\d+)\))?", unit.strip().upper())
    if m is None or not all(w in _FIELDS or w == "TO" for w in m.group(1).split()):
        return None
    fields = m.group(1).lower()
    precision = int(m.group(2)) if m.group(2) else None
    try:
        return interval_typmod(fields, precision)
    except KeyError:
        return None
