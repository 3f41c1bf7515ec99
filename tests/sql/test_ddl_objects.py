"""Domains, composite types, enum helpers, generated columns, identity ALTERs and expression /
partial / NULLS NOT DISTINCT indexes, driven through Session; results and SQLSTATEs as
PostgreSQL 15 reports them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sql import typesys as T
from sql.composite import parse_record_text
from sql.errors import SqlError
from sql.instance import Instance

_pid = [7000]


@pytest.fixture()
def s(tmp_path: Any) -> Iterator[Any]:
    inst = Instance(str(tmp_path / "data"))
    inst.initialize("postgres", "pw", "postgres")
    _pid[0] += 1
    try:
        yield inst.connect("postgres", "postgres", {}, _pid[0], "127.0.0.1")
    finally:
        inst.close()


def run(session: Any, sql: str) -> Any:
    """Run statements; the last result's rows as text (None for NULL), or its command tag."""
    out: Any = None
    try:
        for res in session.execute_simple(sql):
            if res.wait is not None:
                res.wait.result()
            if res.rows is not None:
                fns = [session.text_output(c.type_oid) for c in res.columns]
                out = [tuple(None if v is None else f(v) for f, v in zip(fns, r)) for r in res.rows]
            else:
                out = res.command
    except SqlError:
        session.on_error()
        fut = session.finish_simple()
        if fut is not None:
            fut.result()
        raise
    fut = session.finish_simple()
    if fut is not None:
        fut.result()
    return out


def code(session: Any, sql: str) -> str:
    with pytest.raises(SqlError) as ei:
        run(session, sql)
    return ei.value.code


def test_domain_checks_default_and_catalog(s: Any) -> None:
    run(s, "CREATE DOMAIN posint AS int CHECK (VALUE > 0)")
    assert run(s, "SELECT 5::posint, pg_typeof(5::posint)") == [("5", "posint")]
    assert code(s, "SELECT 0::posint") == "23514"
    run(s, "CREATE TABLE t (a posint)")
    assert code(s, "INSERT INTO t VALUES (-1)") == "23514"
    run(s, "INSERT INTO t VALUES (3)")
    assert code(s, "UPDATE t SET a = 0") == "23514"
    assert code(s, "DROP DOMAIN posint") == "2BP01"
    assert run(s, "SELECT typtype, format_type(typbasetype, typtypmod) FROM pg_type WHERE typname = 'posint'") == \
        [("d", "integer")]
    assert run(s, "SELECT domain_name FROM information_schema.columns WHERE table_name = 't'") == [("posint",)]
    run(s, "CREATE DOMAIN nn AS text NOT NULL DEFAULT 'new'")
    assert code(s, "SELECT NULL::nn") == "23502"
    run(s, "CREATE TABLE u (id int, s nn)")
    run(s, "INSERT INTO u (id) VALUES (1)")
    assert run(s, "SELECT s FROM u") == [("new",)]
    run(s, "CREATE DOMAIN short AS varchar(3)")
    assert run(s, "SELECT 'abcdef'::short") == [("abc",)]
    run(s, "DROP DOMAIN short")
    assert code(s, "SELECT 'x'::short") == "42704"


def test_composite_type_values(s: Any) -> None:
    run(s, "CREATE TYPE pair AS (a int, b text)")
    assert run(s, "SELECT ROW(1, 'x y')::pair, '(2,\"q,r\")'::pair, ('(3,z)'::pair).b") == \
        [('(1,"x y")', '(2,"q,r")', "z")]
    run(s, "CREATE TABLE t (id int, p pair)")
    run(s, "INSERT INTO t VALUES (1, ROW(3, 'c')), (2, NULL), (3, ROW(NULL, NULL)), (4, ROW(1, NULL))")
    assert run(s, "SELECT id, (p).a, p, p IS NULL, p IS NOT NULL FROM t ORDER BY id") == [
        ("1", "3", "(3,c)", "f", "t"), ("2", None, None, "t", "f"), ("3", None, "(,)", "t", "f"),
        ("4", "1", "(1,)", "f", "f")]
    assert run(s, "SELECT (jsonb_populate_record(NULL::pair, '{\"a\": 7, \"b\": \"seven\"}')).*") == [("7", "seven")]
    assert run(s, "SELECT relkind, relnatts FROM pg_class WHERE relname = 'pair'") == [("c", "2")]
    assert code(s, "SELECT (p).nope FROM t") == "42703"


def test_record_text_parsing() -> None:
    assert parse_record_text('(1,"a ""b""",,"")', "x") == ["1", 'a "b"', None, ""]
    with pytest.raises(SqlError):
        parse_record_text("1,2", "x")


def test_enum_helpers(s: Any) -> None:
    run(s, "CREATE TYPE mood AS ENUM ('sad', 'happy')")
    run(s, "ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy'")
    run(s, "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok'")
    run(s, "ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'")
    assert run(s, "SELECT enum_range(NULL::mood), enum_first(NULL::mood), enum_last(NULL::mood)") == \
        [("{blue,ok,happy}", "blue", "happy")]
    assert run(s, "SELECT enum_range('ok'::mood, NULL)::text") == [("{ok,happy}",)]
    assert T.category(T.array_type(T.enum_info(next(iter(T._ENUMS))).oid)) == "A"


def test_generated_columns(s: Any) -> None:
    run(s, "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED)")
    run(s, "INSERT INTO t (a) VALUES (1), (5)")
    run(s, "INSERT INTO t VALUES (3, DEFAULT)")
    run(s, "UPDATE t SET a = 10 WHERE a = 5")
    assert run(s, "SELECT a, b FROM t ORDER BY a") == [("1", "2"), ("3", "6"), ("10", "20")]
    assert code(s, "INSERT INTO t (a, b) VALUES (1, 5)") == "428C9"
    assert code(s, "UPDATE t SET b = 5") == "428C9"
    assert run(s, "SELECT is_generated, generation_expression FROM information_schema.columns "
                  "WHERE table_name = 't' AND column_name = 'b'") == [("ALWAYS", "(a * 2)")]
    assert run(s, "SELECT attgenerated FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'b'") == \
        [("s",)]
    assert code(s, "CREATE TABLE v (a int, b float8 GENERATED ALWAYS AS (random()) STORED)") == "42P17"
    assert code(s, "CREATE TABLE w (a int, b int DEFAULT a + 1)") == "0A000"
    assert code(s, "CREATE TABLE w (a int DEFAULT (SELECT 1))") == "0A000"


def test_identity_alters(s: Any) -> None:
    run(s, "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text)")
    run(s, "INSERT INTO t (v) VALUES ('a'), ('b')")
    run(s, "ALTER TABLE t ALTER COLUMN id SET GENERATED BY DEFAULT")
    run(s, "INSERT INTO t (id, v) VALUES (50, 'x')")
    run(s, "ALTER TABLE t ALTER COLUMN id RESTART WITH 100")
    run(s, "INSERT INTO t (v) VALUES ('c')")
    assert run(s, "SELECT id FROM t ORDER BY id") == [("1",), ("2",), ("50",), ("100",)]
    run(s, "ALTER TABLE t ALTER COLUMN id SET GENERATED ALWAYS")
    assert code(s, "INSERT INTO t (id, v) VALUES (7, 'y')") == "428C9"


def test_expression_partial_and_nulls_not_distinct_indexes(s: Any) -> None:
    run(s, "CREATE TABLE t (email text)")
    run(s, "CREATE UNIQUE INDEX t_lower ON t (lower(email))")
    run(s, "INSERT INTO t VALUES ('A@x')")
    assert code(s, "INSERT INTO t VALUES ('a@X')") == "23505"
    run(s, "INSERT INTO t VALUES ('a@X') ON CONFLICT (lower(email)) DO UPDATE SET email = EXCLUDED.email")
    assert run(s, "SELECT email FROM t") == [("a@X",)]
    run(s, "CREATE TABLE p (a int, active bool)")
    run(s, "CREATE UNIQUE INDEX p_active ON p (a) WHERE active")
    run(s, "INSERT INTO p VALUES (1, false), (1, false), (1, true)")
    assert code(s, "INSERT INTO p VALUES (1, true)") == "23505"
    assert run(s, "SELECT count(*) FROM p WHERE a = 1") == [("3",)]
    run(s, "CREATE TABLE n (a int UNIQUE NULLS NOT DISTINCT, b int)")
    run(s, "CREATE UNIQUE INDEX n_b ON n (b) NULLS NOT DISTINCT")
    run(s, "INSERT INTO n VALUES (NULL, 1)")
    assert code(s, "INSERT INTO n VALUES (NULL, 2)") == "23505"
    assert code(s, "INSERT INTO n VALUES (3, NULL), (4, NULL)") == "23505"
    run(s, "CREATE TABLE d (a int, b text, c int)")
    run(s, "CREATE UNIQUE INDEX d_x ON d (a DESC NULLS LAST, (a + 1), lower(b)) INCLUDE (c) NULLS NOT DISTINCT "
           "WHERE c > 0")
    run(s, "CREATE INDEX d_y ON d (b NULLS FIRST, c DESC) WHERE b IS NOT NULL AND c > 1")
    assert run(s, "SELECT indexdef FROM pg_indexes WHERE tablename = 'd' ORDER BY indexname") == [
        ("CREATE UNIQUE INDEX d_x ON public.d USING btree (a DESC NULLS LAST, ((a + 1)), lower(b)) INCLUDE (c) "
         "NULLS NOT DISTINCT WHERE (c > 0)",),
        ("CREATE INDEX d_y ON public.d USING btree (b NULLS FIRST, c DESC) WHERE ((b IS NOT NULL) AND (c > 1))",)]


def test_create_schema_with_elements_and_like_defaults(s: Any) -> None:
    run(s, "CREATE SCHEMA s1 CREATE TABLE t1 (a int DEFAULT 42, v text) CREATE VIEW v1 AS SELECT a FROM t1")
    assert run(s, "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 's1' "
                  "ORDER BY table_name") == [("t1", "BASE TABLE"), ("v1", "VIEW")]
    run(s, "CREATE TABLE b (LIKE s1.t1 INCLUDING DEFAULTS)")
    run(s, "INSERT INTO b (v) VALUES ('x')")
    assert run(s, "SELECT a, v FROM b") == [("42", "x")]
