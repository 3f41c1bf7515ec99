"""The parser front: PostgreSQL's 42601 for what sqlglot accepts too leniently, and the text
rewrites of standard call syntax (substring SIMILAR, normalize forms, ROWS FROM, USING alias,
ORDER BY USING). Expectations checked against PostgreSQL 15."""

from __future__ import annotations

import pytest

from sql.errors import SqlError
from sql.parse import parse_one_statement
from sql.parse_rewrites import rewrite_special_calls


@pytest.mark.parametrize("text, near", [
    ("SELECT * t", '"t"'),
    ("SELECT 1, FROM t", '"FROM"'),
    ("SELECT f(1,)", '")"'),
    ("INSERT INTO t (a)", "end of input"),
    ("CREATE TABLE t2 (select int)", '"select"'),
    ("SELECT 1 < 2 = true", '"="'),
    ("SELECT 1 LIMIT 1 UNION SELECT 2", '"UNION"'),
    ("SELECT 1 ORDER BY 1 UNION SELECT 2", '"UNION"'),
    ("SELECT * FROM a JOIN b", "end of input"),
    ("SELECT * FROM a JOIN b, c", '","'),
    ("SELECT * FROM a LEFT JOIN b WHERE true", '"WHERE"'),
    ("SELECT * FROM a INNER JOIN b ORDER BY 1", '"ORDER"'),
])
def test_syntax_errors(text: str, near: str) -> None:
    with pytest.raises(SqlError) as e:
        parse_one_statement(text)
    assert e.value.code == "42601"
    assert near in str(e.value)


@pytest.mark.parametrize("text", [
    "SELECT * FROM a JOIN b JOIN c ON true ON true",
    "SELECT * FROM a NATURAL JOIN b, c CROSS JOIN d",
    "SELECT * FROM a, b WHERE a.x = b.x",
    "SELECT * FROM (a JOIN b USING (id)) AS j",
    "SELECT * FROM a LEFT JOIN LATERAL (SELECT 1) s ON true",
    "CREATE TABLE x AS (SELECT 1)",
    "INSERT INTO t DEFAULT VALUES",
    "SELECT 1 = 1 IS TRUE",
    "SELECT (1 < 2) = true",
    "(SELECT 1 ORDER BY 1) UNION SELECT 2 ORDER BY 1 LIMIT 1",
    "SELECT f(a, b) FROM t",
    "DELETE FROM t USING u WHERE t.a = u.a",
])
def test_valid_statements_parse(text: str) -> None:
    parse_one_statement(text)


@pytest.mark.parametrize("text, want", [
    ("SELECT substring('x' SIMILAR 'y' ESCAPE '#')", "SELECT substring('x' , 'y' , '#')"),
    ("SELECT normalize(s, NFD)", "SELECT normalize(s, 'NFD')"),
    ("SELECT x FROM t ORDER BY x USING >", "SELECT x FROM t ORDER BY x DESC"),
    ("SELECT * FROM ROWS FROM (f(1), g(2))", "SELECT * FROM pg_rows_from__(f(1), g(2))"),
    ("SELECT j.k FROM a JOIN b USING (k) AS j", 'SELECT j.k FROM a JOIN b USING (k, "pg_using_alias__j")'),
    ("DELETE FROM t USING (SELECT 1) AS s", "DELETE FROM t USING (SELECT 1) AS s"),
    ("SELECT 'similar' FROM t", "SELECT 'similar' FROM t"),
])
def test_rewrites(text: str, want: str) -> None:
    assert rewrite_special_calls(text) == want
