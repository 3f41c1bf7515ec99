"""COPY ... FROM ... WHERE: the condition is kept as SQL text after the options, in both syntaxes."""

from __future__ import annotations

from sql.copy_parser import parse_copy


def test_where_after_new_style_options() -> None:
    stmt = parse_copy("COPY t (a, b) FROM STDIN WITH (FORMAT binary) WHERE a <> 'b-999'")
    assert stmt.where == "a <> 'b-999'" and stmt.options.format == "binary"


def test_where_after_old_style_options() -> None:
    stmt = parse_copy("COPY t FROM STDIN CSV HEADER WHERE b > 1;")
    assert stmt.where == "b > 1" and stmt.options.format == "csv"


def test_old_style_options_without_where() -> None:
    stmt = parse_copy("COPY t FROM STDIN CSV HEADER")
    assert stmt.where is None and stmt.options.format == "csv"
