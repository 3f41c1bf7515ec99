"""What pg_dump and the scripts it writes need from the SQL layer, driven through Session:
SQL-level PREPARE / EXECUTE, tableoid of catalog tables, SELECT from a sequence, acldefault,
pg_options_to_table, name subscripts, schema-qualified user types, ALTER SCHEMA, identity
sequence options and column defaults depending on their sequences. Expected values and
SQLSTATEs as PostgreSQL 15 gives them."""

from __future__ import annotations

import itertools
from typing import Any

from sql.errors import SqlError
from tests.sql.sessions import run_text_or_tag as run
from tests.sql.sessions import session_fixture, sql_error

s = session_fixture("s", itertools.count(9101))


def error(session: Any, sql: str) -> SqlError:
    return sql_error(session, sql, run)


def test_prepare_execute_deallocate(s: Any) -> None:
    assert run(s, "PREPARE q(int, text) AS SELECT $1 + 1 AS a, $2 AS b") == "PREPARE"
    assert run(s, "EXECUTE q(41, 'x')") == [("42", "x")]
    assert run(s, "EXECUTE q('5', 'y')") == [("6", "y")]
    assert error(s, "PREPARE q AS SELECT 1").code == "42P05"
    e = error(s, "EXECUTE q(1)")
    assert (e.code, e.message) == ("42601", 'wrong number of parameters for prepared statement "q"')
    assert e.detail == "Expected 2 parameters but got 1."
    assert run(s, "DEALLOCATE q") == "DEALLOCATE"
    e = error(s, "EXECUTE q(1, 'a')")
    assert (e.code, e.message) == ("26000", 'prepared statement "q" does not exist')
    assert error(s, "PREPARE ins(text) AS INSERT INTO t VALUES ($1)").code == "42P01"
    run(s, "CREATE TABLE t (v text)")
    run(s, "PREPARE ins(text) AS INSERT INTO t VALUES ($1)")
    assert run(s, "EXECUTE ins('hello')") == "INSERT"
    assert run(s, "SELECT * FROM t") == [("hello",)]
    run(s, "PREPARE e(pg_catalog.oid) AS SELECT count(*) FROM pg_catalog.pg_class WHERE oid = $1")
    assert run(s, "EXECUTE e('1259')") == [("1",)]


def test_tableoid_of_catalog_tables(s: Any) -> None:
    assert run(s, "SELECT tableoid::regclass, relname FROM pg_class WHERE relname = 'pg_class'") == \
        [("pg_class", "pg_class")]
    assert run(s, "SELECT n.tableoid FROM pg_namespace n WHERE nspname = 'public'") == [("2615",)]
    assert error(s, "SELECT tableoid FROM pg_roles LIMIT 1").code == "42703"  # a view: no system columns


def test_select_from_sequence(s: Any) -> None:
    run(s, "CREATE SEQUENCE sq START 5")
    assert run(s, "SELECT last_value, is_called FROM sq") == [("5", "f")]
    run(s, "SELECT nextval('sq')")
    assert run(s, "SELECT last_value, is_called FROM sq") == [("5", "t")]
    run(s, "SELECT setval('sq', 42, false)")
    assert run(s, "SELECT last_value, is_called FROM public.sq") == [("42", "f")]


def test_acldefault_and_options_to_table(s: Any) -> None:
    assert run(s, "SELECT acldefault('r', 10), acldefault('n', 10), acldefault('f', 10), acldefault('s', 10)") == \
        [("{postgres=arwdDxt/postgres}", "{postgres=UC/postgres}", "{=X/postgres,postgres=X/postgres}",
          "{postgres=rwU/postgres}")]
    assert run(s, "SELECT acldefault('T', 10), acldefault('d', 10), acldefault('L', 10)") == \
        [("{=U/postgres,postgres=U/postgres}", "{=Tc/postgres,postgres=CTc/postgres}", "{postgres=rw/postgres}")]
    assert run(s, "SELECT * FROM pg_options_to_table('{fillfactor=70,autovacuum_enabled=false,bare}')") == \
        [("fillfactor", "70"), ("autovacuum_enabled", "false"), ("bare", None)]


def test_name_subscript(s: Any) -> None:
    assert run(s, "SELECT typname[0], typname[1], typname[99] IS NULL, pg_typeof(typname[0]) FROM pg_type "
               "WHERE typname = '_int4'") == [("_", "i", "t", '"char"')]


def test_schema_qualified_enum_and_its_default_text(s: Any) -> None:
    run(s, "CREATE SCHEMA other")
    run(s, "CREATE TYPE other.color AS ENUM ('red', 'green')")
    run(s, "CREATE TABLE paint (c other.color DEFAULT 'red')")
    assert run(s, "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'paint'::regclass") == \
        [("'red'::other.color",)]
    run(s, "SET search_path = other, public")
    assert run(s, "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'paint'::regclass") == \
        [("'red'::color",)]
    assert error(s, "CREATE TABLE bad (c other.nope)").code == "42704"


def test_alter_schema(s: Any) -> None:
    run(s, "CREATE SCHEMA other")
    run(s, "CREATE ROLE schema_owner_x")
    assert run(s, "ALTER SCHEMA other OWNER TO schema_owner_x") == "ALTER SCHEMA"
    assert run(s, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'other'") == [("schema_owner_x",)]
    assert error(s, "ALTER SCHEMA other RENAME TO public").code == "42P06"
    e = error(s, "ALTER SCHEMA other RENAME TO pg_x")
    assert (e.code, e.detail) == ("42939", 'The prefix "pg_" is reserved for system schemas.')
    assert error(s, "ALTER SCHEMA nope OWNER TO postgres").code == "3F000"
    assert error(s, "ALTER SCHEMA other OWNER TO nobody_x").code == "42704"
    run(s, "CREATE TABLE other.t (a int)")
    assert run(s, "ALTER SCHEMA other RENAME TO renamed") == "ALTER SCHEMA"
    assert run(s, "SELECT nspname FROM pg_namespace WHERE nspname IN ('other', 'renamed')") == [("renamed",)]
    assert run(s, "SELECT count(*) FROM renamed.t") == [("0",)]
    run(s, "ALTER SCHEMA renamed OWNER TO CURRENT_USER")
    assert run(s, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'renamed'") == [("postgres",)]


def test_add_identity_with_sequence_options(s: Any) -> None:
    run(s, "CREATE TABLE idt (id int NOT NULL, v text)")
    run(s, "ALTER TABLE idt ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME idt_custom_seq "
           "START WITH 7 NO MINVALUE NO MAXVALUE CACHE 1)")
    assert run(s, "SELECT seqstart, seqmin, seqmax, seqcache FROM pg_sequence "
               "WHERE seqrelid = 'idt_custom_seq'::regclass") == [("7", "1", "2147483647", "1")]
    run(s, "INSERT INTO idt (v) VALUES ('a')")
    assert run(s, "SELECT id FROM idt") == [("7",)]


def test_default_depends_on_its_sequence(s: Any) -> None:
    run(s, "CREATE SEQUENCE cs")
    run(s, "CREATE TABLE dep (a int DEFAULT nextval('cs'), b serial)")
    assert run(s, "SELECT refobjid::regclass, deptype FROM pg_depend WHERE classid = 'pg_attrdef'::regclass "
               "AND refobjid IN ('cs'::regclass, 'dep_b_seq'::regclass) ORDER BY 1") == \
        [("cs", "n"), ("dep_b_seq", "n")]


def test_dump_settings_accepted(s: Any) -> None:
    for stmt in ("SET synchronize_seqscans TO off", "SET default_tablespace = ''",
                 "SET default_table_access_method = heap", "SET row_security = off",
                 "SET idle_in_transaction_session_timeout = 0"):
        assert run(s, stmt) == "SET"
    assert run(s, "SELECT description FROM pg_description WHERE objoid = 'public'::regnamespace") == \
        [("standard public schema",)]


def test_drop_type_if_exists_in_missing_schema(s: Any) -> None:
    res = list(s.execute_simple("DROP TYPE IF EXISTS nope.t"))
    assert res[-1].command == "DROP TYPE"
    assert [n.message for n in res[-1].notices] == ['schema "nope" does not exist, skipping']
    s.finish_simple()
    res = list(s.execute_simple("DROP DOMAIN IF EXISTS nope.d"))
    assert [n.message for n in res[-1].notices] == ['schema "nope" does not exist, skipping']
    s.finish_simple()
    assert error(s, "DROP TYPE nope.t").code == "3F000"
