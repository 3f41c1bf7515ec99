"""What other drivers' test suites need from the server, driven through psycopg: the type
introspection queries of asyncpg and psycopg, binary composites and enum arrays, pg_range.
Expected values are what PostgreSQL 15 returns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg.types.composite import CompositeInfo, register_composite
from psycopg.types.enum import EnumInfo, register_enum

# asyncpg's INTRO_LOOKUP_TYPES, shortened: the recursive lookup over a derived table of pg_type
# with correlated subqueries over pg_attribute JOIN pg_class (asyncpg/introspection.py)
INTRO = """
WITH RECURSIVE typeinfo_tree(oid, name, kind, elemtype, range_subtype, attrtypoids, depth) AS (
    SELECT ti.oid, ti.name, ti.kind, ti.elemtype, ti.range_subtype, ti.attrtypoids, 0
    FROM {ti} AS ti WHERE ti.oid = any(%s::oid[])
    UNION ALL
    SELECT ti.oid, ti.name, ti.kind, ti.elemtype, ti.range_subtype, ti.attrtypoids, tt.depth + 1
    FROM {ti} ti, typeinfo_tree tt
    WHERE (tt.elemtype IS NOT NULL AND ti.oid = tt.elemtype)
       OR (tt.attrtypoids IS NOT NULL AND ti.oid = any(tt.attrtypoids))
       OR (tt.range_subtype IS NOT NULL AND ti.oid = tt.range_subtype)
)
SELECT DISTINCT *, elemtype::regtype::text AS elemtype_name FROM typeinfo_tree ORDER BY depth DESC, name
""".format(ti="""(
    SELECT t.oid AS oid, t.typname AS name, t.typtype AS kind, t.typelem AS elemtype,
           range_t.rngsubtype AS range_subtype,
           (CASE WHEN t.typtype = 'c' THEN
               (SELECT array_agg(ia.atttypid ORDER BY ia.attnum)
                FROM pg_attribute ia INNER JOIN pg_class c ON (ia.attrelid = c.oid)
                WHERE ia.attnum > 0 AND NOT ia.attisdropped AND c.reltype = t.oid)
            ELSE NULL END) AS attrtypoids
    FROM pg_catalog.pg_type AS t
    INNER JOIN pg_catalog.pg_namespace ns ON (ns.oid = t.typnamespace)
    LEFT JOIN pg_range range_t ON (t.oid = range_t.rngtypid))""")


@pytest.fixture()
def dbconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        c.execute("CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TYPE pair AS (x int, y text)")
        yield c


def test_asyncpg_type_introspection(dbconn: psycopg.Connection) -> None:
    pair = dbconn.execute("SELECT 'pair'::regtype::oid").fetchone()[0]
    rows = dbconn.execute(INTRO, ([pair, 1007, 3904],), prepare=False).fetchall()
    got = {(r[1], r[2], r[6], r[7]) for r in rows}
    assert got == {("pair", "c", 0, "-"), ("_int4", "b", 0, "integer"), ("int4range", "r", 0, "-"),
                   ("int4", "b", 1, "-"), ("text", "b", 1, "-")}
    assert [r[5] for r in rows if r[1] == "pair"] == [[23, 25]]


def test_pg_range_rows(conn: psycopg.Connection) -> None:
    rows = conn.execute("SELECT rngtypid::regtype::text, rngsubtype::regtype::text FROM pg_range ORDER BY 1").fetchall()
    assert rows == [("daterange", "date"), ("int4range", "integer"), ("int8range", "bigint"),
                    ("numrange", "numeric"), ("tsrange", "timestamp without time zone"),
                    ("tstzrange", "timestamp with time zone")]


@pytest.mark.parametrize("binary", [False, True])
def test_composite_and_enum_array_round_trip(dbconn: psycopg.Connection, binary: bool) -> None:
    info = CompositeInfo.fetch(dbconn, "pair")
    assert info is not None and [f for f in info.field_names] == ["x", "y"]
    register_composite(info, dbconn)
    enum = EnumInfo.fetch(dbconn, "mood")
    assert enum is not None
    register_enum(enum, dbconn)
    cur = dbconn.cursor(binary=binary)
    row = cur.execute("SELECT row(1, 'a b')::pair, '{sad,ok,NULL}'::mood[], 'ok'::mood").fetchone()
    assert row is not None
    assert (row[0].x, row[0].y) == (1, "a b")
    assert [m.name if m is not None else None for m in row[1]] == ["sad", "ok", None]
    assert [d.name for d in cur.description][1:] == ["mood", "mood"]
    back = cur.execute("SELECT %b::pair" if binary else "SELECT %t::pair", (row[0],)).fetchone()
    assert back is not None and (back[0].x, back[0].y) == (1, "a b")


def test_distinct_star_order_by_column(conn: psycopg.Connection) -> None:
    rows = conn.execute("SELECT DISTINCT * FROM (VALUES (2, 'b'), (1, 'a'), (2, 'b')) v(n, s) ORDER BY n").fetchall()
    assert rows == [(1, "a"), (2, "b")]


def test_named_statement_result_type_change(dbconn: psycopg.Connection) -> None:
    """asyncpg re-prepares its cached statements on exactly this error (0A000)."""
    dbconn.execute("CREATE TABLE tab1(a int, b int); INSERT INTO tab1 VALUES (1, 2)")
    pg = dbconn.pgconn
    assert pg.prepare(b"s1", b"SELECT * FROM tab1").status == psycopg.pq.ExecStatus.COMMAND_OK
    assert pg.exec_prepared(b"s1", []).get_value(0, 1) == b"2"
    dbconn.execute("ALTER TABLE tab1 ALTER COLUMN b SET DATA TYPE text")
    res = pg.exec_prepared(b"s1", [])
    assert res.status == psycopg.pq.ExecStatus.FATAL_ERROR
    assert res.error_field(psycopg.pq.DiagnosticField.SQLSTATE) == b"0A000"
    assert res.error_field(psycopg.pq.DiagnosticField.MESSAGE_PRIMARY) == b"cached plan must not change result type"
    assert dbconn.execute("SELECT * FROM tab1").fetchall() == [(1, "2")]
