"""PL/pgSQL through an in-process session: the body parser, control flow, SQL inside functions,
exceptions with savepoints, RAISE, set-returning functions, OUT parameters, DO blocks, triggers,
SECURITY DEFINER and EXECUTE privileges. Expected values as PostgreSQL 15 gives them."""

from __future__ import annotations

from typing import Any

import pytest

from sql.errors import SqlError
from sql.plpgsql import ast as A
from sql.plpgsql.parser import parse_body
from tests.sql.sessions import run_values as run
from tests.sql.sessions import session_fixture
from tests.sql.sessions import sql_error_code as error_code

session = session_fixture("session", 4242)


# parser ------------------------------------------------------------------------------------------
def test_parser_statement_kinds() -> None:
    block = parse_body("""
        <<b>> DECLARE x int := 1; r record; c CONSTANT text DEFAULT 'k';
        BEGIN
          x := x + 1; x = 2;
          IF x > 1 THEN NULL; ELSIF x < 0 THEN RETURN 1; ELSE RETURN 2; END IF;
          FOR i IN REVERSE 10..1 BY 2 LOOP EXIT WHEN i < 3; END LOOP;
          FOR r IN SELECT 1 AS a LOOP CONTINUE; END LOOP;
          SELECT 1, 2 INTO STRICT x, x FROM t;
          PERFORM f(1);
          RAISE NOTICE 'v=%', x USING HINT = 'h';
          RETURN QUERY SELECT 1;
        EXCEPTION WHEN division_by_zero OR SQLSTATE '22000' THEN RETURN 0;
        END b""")
    assert block.label == "b"
    assert [d.name for d in block.decls] == ["x", "r", "c"] and block.decls[2].constant
    kinds = [type(s).__name__ for s in block.body]
    assert kinds == ["Assign", "Assign", "If", "ForInt", "ForQuery", "Sql", "Perform", "Raise", "ReturnQuery"]
    fi = block.body[3]
    assert isinstance(fi, A.ForInt) and fi.reverse and fi.lo.text == "10" and fi.hi.text == "1" and fi.step.text == "2"
    sql = block.body[5]
    assert isinstance(sql, A.Sql) and sql.into == ["x", "x"] and sql.strict and "INTO" not in sql.stmt.text
    assert block.handlers is not None and block.handlers[0].conditions == ["division_by_zero", "SQLSTATE 22000"]


def test_parser_syntax_error() -> None:
    with pytest.raises(SqlError) as ei:
        parse_body("BEGIN IF x THEN END")
    assert ei.value.code == "42601"


# functions ---------------------------------------------------------------------------------------
def test_loops_and_assignment(session: Any) -> None:
    run(session, """CREATE FUNCTION fib(n int) RETURNS int LANGUAGE plpgsql AS $$
        DECLARE a int := 0; b int := 1; t int;
        BEGIN FOR i IN 1..n LOOP t := a + b; a := b; b := t; END LOOP; RETURN a; END $$""")
    assert run(session, "SELECT fib(10), fib(0)") == [(55, 0)]
    assert error_code(session, "SELECT fib(NULL)") == "22004"
    run(session, """CREATE FUNCTION loops() RETURNS text LANGUAGE plpgsql AS $$
        DECLARE s text := ''; i int := 0; arr int[] := ARRAY[3,4]; x int;
        BEGIN
          <<outer>> LOOP i := i + 1; CONTINUE WHEN i = 2; EXIT outer WHEN i > 4; s := s || i::text; END LOOP;
          WHILE i > 0 LOOP i := i - 2; END LOOP;
          s := s || '|' || i;
          FOREACH x IN ARRAY arr LOOP s := s || ';' || x; END LOOP;
          FOR i IN REVERSE 10..1 BY 4 LOOP s := s || '#' || i; END LOOP;
          CASE i WHEN 1 THEN s := s || 'one'; WHEN 2, 3 THEN s := s || 'two'; ELSE s := s || 'other'; END CASE;
          RETURN s;
        END $$""")
    assert run(session, "SELECT loops()") == [("134|-1;3;4#10#6#2other",)]


def test_sql_inside_found_diagnostics_dynamic(session: Any) -> None:
    run(session, "CREATE TABLE acc (id int PRIMARY KEY, bal numeric)")
    run(session, "INSERT INTO acc VALUES (1, 100), (2, 50)")
    run(session, """CREATE FUNCTION probe() RETURNS text LANGUAGE plpgsql AS $$
        DECLARE n int; b numeric; r record; s text := '';
        BEGIN
          SELECT bal INTO b FROM acc WHERE id = 2;
          s := s || b || FOUND;
          SELECT bal INTO b FROM acc WHERE id = 9;
          s := s || ',' || coalesce(b::text, 'null') || FOUND;
          UPDATE acc SET bal = bal + 1 WHERE id > 0;
          GET DIAGNOSTICS n = ROW_COUNT;
          s := s || ',rows=' || n;
          EXECUTE 'SELECT count(*) FROM acc WHERE id > $1' INTO n USING 1;
          s := s || ',dyn=' || n;
          FOR r IN SELECT id, bal FROM acc ORDER BY id LOOP s := s || ',' || r.id || '=' || r.bal; END LOOP;
          RETURN s;
        END $$""")
    assert run(session, "SELECT probe()") == [("50true,nullfalse,rows=2,dyn=1,1=101,2=51",)]


def test_exceptions_roll_back_to_the_block(session: Any) -> None:
    run(session, "CREATE TABLE t (id int PRIMARY KEY)")
    run(session, "INSERT INTO t VALUES (1)")
    run(session, """CREATE FUNCTION sp() RETURNS text LANGUAGE plpgsql AS $$
        BEGIN
          BEGIN
            INSERT INTO t VALUES (2);
            INSERT INTO t VALUES (1);
          EXCEPTION WHEN unique_violation THEN
            RETURN SQLSTATE || ' ' || (SELECT count(*) FROM t);
          END;
          RETURN 'no error';
        END $$""")
    assert run(session, "SELECT sp()") == [("23505 1",)]
    run(session, """CREATE FUNCTION safe_div(a int, b int) RETURNS int LANGUAGE plpgsql AS $$
        BEGIN RETURN a / b; EXCEPTION WHEN division_by_zero THEN RETURN -1; END $$""")
    assert run(session, "SELECT safe_div(6, 3), safe_div(1, 0)") == [(2, -1)]


def test_raise_and_errors(session: Any) -> None:
    run(session, """CREATE FUNCTION boom(x int) RETURNS int LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'bad value: % (%)', x, 'why' USING HINT = 'fix it'; END $$""")
    with pytest.raises(SqlError) as ei:
        run(session, "SELECT boom(7)")
    assert (ei.value.code, ei.value.message, ei.value.hint) == ("P0001", "bad value: 7 (why)", "fix it")
    assert error_code(session, "DO $$ BEGIN RAISE division_by_zero; END $$") == "22012"
    assert error_code(session, "DO $$ BEGIN RAISE SQLSTATE '22023' USING MESSAGE = 'm'; END $$") == "22023"
    run(session, "CREATE FUNCTION noret() RETURNS int LANGUAGE plpgsql AS $$ BEGIN END $$")
    assert error_code(session, "SELECT noret()") == "2F005"
    run(session, "CREATE TABLE t (a int)")
    run(session, "INSERT INTO t VALUES (1), (2)")
    run(session, "CREATE FUNCTION one() RETURNS int LANGUAGE plpgsql AS $$ DECLARE v int; "
                 "BEGIN SELECT a INTO STRICT v FROM t; RETURN v; END $$")
    assert error_code(session, "SELECT one()") == "P0003"


def test_do_block_notice(session: Any) -> None:
    res = list(session.execute_simple("DO $$ BEGIN RAISE NOTICE 'hello % and %', 1, NULL; END $$"))
    fut = session.finish_simple()
    if fut is not None:
        fut.result()
    assert res[0].tag(0) == "DO"
    assert [n.message for n in res[0].notices] == ["hello 1 and <NULL>"]


def test_set_returning_and_out_parameters(session: Any) -> None:
    run(session, "CREATE FUNCTION pairs(n int) RETURNS TABLE (i int, sq int) LANGUAGE sql "
                 "AS 'SELECT g, g * g FROM generate_series(1, n) g'")
    assert run(session, "SELECT * FROM pairs(3)") == [(1, 1), (2, 4), (3, 9)]
    run(session, "CREATE TABLE ct (a int)")
    run(session, "INSERT INTO ct VALUES (10), (20)")
    run(session, "CREATE FUNCTION cf(a int) RETURNS SETOF int LANGUAGE sql AS 'SELECT a FROM ct'")
    assert run(session, "SELECT * FROM cf(1)") == [(10,), (20,)]  # the body's columns come first
    run(session, """CREATE FUNCTION evens(n int) RETURNS SETOF int LANGUAGE plpgsql AS $$
        BEGIN FOR i IN 1..n LOOP IF i % 2 = 0 THEN RETURN NEXT i; END IF; END LOOP; END $$""")
    assert run(session, "SELECT * FROM evens(7)") == [(2,), (4,), (6,)]
    assert run(session, "SELECT x, evens(x) FROM (VALUES (3), (5)) v(x)") == [(3, 2), (5, 2), (5, 4)]
    run(session, """CREATE FUNCTION q() RETURNS TABLE (a int, b text) LANGUAGE plpgsql AS $$
        BEGIN RETURN QUERY SELECT 1, 'x'; a := 2; b := 'y'; RETURN NEXT; END $$""")
    assert run(session, "SELECT * FROM q()") == [(1, "x"), (2, "y")]
    run(session, "CREATE FUNCTION o2(a int, OUT x int, OUT y text) LANGUAGE plpgsql AS "
                 "$$ BEGIN x := a; y := 'v' || a; END $$")
    assert run(session, "SELECT * FROM o2(7)") == [(7, "v7")]
    run(session, "CREATE FUNCTION one(a int, OUT b int) LANGUAGE sql AS 'SELECT a + 1'")
    res = list(session.execute_simple("SELECT * FROM one(1)"))
    fut = session.finish_simple()
    if fut is not None:
        fut.result()
    assert [c.name for c in res[0].columns] == ["b"] and list(res[0].rows) == [(2,)]
    assert run(session, "SELECT pg_get_function_arguments('o2'::regproc), pg_get_function_result('o2'::regproc)") \
        == [("a integer, OUT x integer, OUT y text", "record")]


# triggers ----------------------------------------------------------------------------------------
def test_triggers_before_after_skip(session: Any) -> None:
    run(session, "CREATE TABLE t (a int, b text)")
    run(session, "CREATE TABLE audit (msg text)")
    run(session, """CREATE FUNCTION up() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.a > 5 THEN RETURN NULL; END IF; NEW.b := upper(NEW.b); RETURN NEW; END $$""")
    run(session, """CREATE FUNCTION aud() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO audit VALUES (TG_OP || ':' || TG_TABLE_NAME || ':' ||
              coalesce(NEW.a::text, '') || '/' || coalesce(OLD.a::text, '')); RETURN NULL; END $$""")
    run(session, "CREATE TRIGGER t_up BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION up()")
    run(session, "CREATE TRIGGER t_aud AFTER INSERT OR UPDATE OR DELETE ON t FOR EACH ROW EXECUTE FUNCTION aud()")
    run(session, "INSERT INTO t VALUES (1, 'abc'), (9, 'skipped')")
    assert run(session, "SELECT a, b FROM t") == [(1, "ABC")]
    run(session, "UPDATE t SET a = 2")
    run(session, "DELETE FROM t")
    assert run(session, "SELECT msg FROM audit") == [("INSERT:t:1/",), ("UPDATE:t:2/1",), ("DELETE:t:/2",)]
    assert error_code(session, "CREATE TRIGGER t_up BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION up()") \
        == "42710"
    assert error_code(session, "DROP FUNCTION up()") == "2BP01"
    run(session, "ALTER TABLE t DISABLE TRIGGER t_up")
    run(session, "INSERT INTO t VALUES (7, 'x')")
    assert run(session, "SELECT a, b FROM t") == [(7, "x")]
    assert run(session, "SELECT tgname, tgtype, tgenabled FROM pg_trigger ORDER BY tgname") == \
        [("t_aud", 29, "O"), ("t_up", 23, "D")]
    run(session, "DROP TRIGGER t_up ON t")
    assert error_code(session, "DROP TRIGGER t_up ON t") == "42704"


def test_trigger_when_and_statement_level(session: Any) -> None:
    run(session, "CREATE TABLE t (a int)")
    run(session, "CREATE TABLE log (n int)")
    run(session, "CREATE FUNCTION lg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                 "INSERT INTO log SELECT count(*) FROM t; RETURN NULL; END $$")
    run(session, "CREATE TRIGGER s AFTER INSERT ON t FOR EACH STATEMENT EXECUTE FUNCTION lg()")
    run(session, "CREATE TRIGGER w AFTER INSERT ON t FOR EACH ROW WHEN (NEW.a > 10) EXECUTE FUNCTION lg()")
    run(session, "INSERT INTO t VALUES (1), (20), (30)")
    assert run(session, "SELECT n FROM log") == [(3,), (3,), (3,)]
    assert run(session, "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'w'") == [
        ("CREATE TRIGGER w AFTER INSERT ON public.t FOR EACH ROW WHEN ((new.a > 10)) EXECUTE FUNCTION lg()",)]


# privileges and catalog --------------------------------------------------------------------------
def test_execute_privilege_and_security_definer(session: Any) -> None:
    run(session, "CREATE ROLE r1")
    run(session, "CREATE TABLE t (a int)")
    run(session, "INSERT INTO t VALUES (1), (2)")
    run(session, "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'")
    run(session, "REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC")
    run(session, "CREATE FUNCTION cnt() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS 'SELECT count(*) FROM t'")
    run(session, "ALTER FUNCTION cnt() SET search_path = public")
    run(session, "CREATE FUNCTION cnt2() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM t'")
    run(session, "SET ROLE r1")
    assert error_code(session, "SELECT f()") == "42501"
    assert run(session, "SELECT cnt()") == [(2,)]
    assert error_code(session, "SELECT cnt2()") == "42501"
    run(session, "RESET ROLE")
    run(session, "GRANT EXECUTE ON FUNCTION f() TO r1")
    run(session, "SET ROLE r1")
    assert run(session, "SELECT f()") == [(1,)]
    run(session, "RESET ROLE")
    assert run(session, "SELECT proconfig, prosecdef FROM pg_proc WHERE proname = 'cnt'") == \
        [(["search_path=public"], True)]
    assert run(session, "SELECT grantee, is_grantable FROM information_schema.routine_privileges "
                        "WHERE routine_name = 'f' ORDER BY grantee") == [("postgres", "YES"), ("r1", "NO")]
    assert run(session, "SELECT has_function_privilege('r1', 'f()', 'EXECUTE'), "
                        "has_function_privilege('public', 'f()', 'EXECUTE')") == [(True, False)]


def test_functions_in_catalog(session: Any) -> None:
    run(session, "CREATE FUNCTION f(a int, b text DEFAULT 'x') RETURNS text LANGUAGE sql IMMUTABLE "
                 "AS 'SELECT b || a'")
    assert run(session, "SELECT proname, pronargs, pronargdefaults, pg_get_function_arguments(oid), "
                        "pg_get_function_result(oid), prosrc FROM pg_proc WHERE proname = 'f'") == \
        [("f", 2, 1, "a integer, b text DEFAULT 'x'::text", "text", "SELECT b || a")]
    assert run(session, "SELECT pg_get_functiondef('f'::regproc)") == [(
        "CREATE OR REPLACE FUNCTION public.f(a integer, b text DEFAULT 'x'::text)\n RETURNS text\n LANGUAGE sql\n"
        " IMMUTABLE\nAS $function$SELECT b || a$function$\n",)]
    assert run(session, "SELECT parameter_name, parameter_mode FROM information_schema.parameters "
                        "ORDER BY ordinal_position") == [("a", "IN"), ("b", "IN")]
    assert run(session, "SELECT routine_name, data_type FROM information_schema.routines") == [("f", "text")]
    run(session, "ALTER FUNCTION f(int, text) RENAME TO g")
    assert run(session, "SELECT g(1)") == [("x1",)]


def test_ambiguous_call(session: Any) -> None:
    run(session, "CREATE FUNCTION f(a int, b text) RETURNS int LANGUAGE sql AS 'SELECT 1'")
    run(session, "CREATE FUNCTION f(a text, b int) RETURNS int LANGUAGE sql AS 'SELECT 2'")
    assert error_code(session, "SELECT f('1', '2')") == "42725"
    assert run(session, "SELECT f(1, '2')") == [(1,)]


def test_trigger_arguments_and_dynamic_loops(session: Any) -> None:
    run(session, "CREATE TABLE t (a int, b text)")
    run(session, "CREATE FUNCTION targ() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                 "NEW.b := TG_ARGV[0] || '-' || TG_NARGS || '-' || TG_ARGV[1]; RETURN NEW; END $$")
    run(session, "CREATE TRIGGER ta BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION targ('first', 'second')")
    assert run(session, "INSERT INTO t VALUES (3, 'z') RETURNING *") == [(3, "first-2-second")]
    run(session, """CREATE FUNCTION dyn() RETURNS text LANGUAGE plpgsql AS $$
        DECLARE r record; s text := ''; m int;
        BEGIN
          FOR r IN EXECUTE 'SELECT a FROM t WHERE a > $1 ORDER BY a' USING 1 LOOP s := s || r.a; END LOOP;
          WITH x AS (INSERT INTO t VALUES (9, 'w') RETURNING a) SELECT a INTO m FROM x;
          RETURN s || ';' || m;
        END $$""")
    assert run(session, "SELECT dyn()") == [("3;9",)]


def test_procedures_and_call(session: Any) -> None:
    run(session, "CREATE PROCEDURE pr(a int, INOUT b int DEFAULT 0) LANGUAGE plpgsql AS $$ BEGIN b := a * 10; END $$")
    assert run(session, "CALL pr(4)") == [(40,)]
    run(session, "CREATE TABLE pt (a int)")
    run(session, "CREATE PROCEDURE ins(n int) LANGUAGE plpgsql AS $$ BEGIN "
                 "FOR i IN 1..n LOOP INSERT INTO pt VALUES (i); END LOOP; END $$")
    res = list(session.execute_simple("CALL ins(3)"))
    fut = session.finish_simple()
    if fut is not None:
        fut.result()
    assert res[0].tag() == "CALL"
    assert run(session, "SELECT count(*) FROM pt") == [(3,)]
    assert error_code(session, "SELECT ins(1)") == "42809"
    assert error_code(session, "CALL nosuch()") == "42883"
    assert run(session, "SELECT prokind, pg_get_function_arguments(oid), pg_get_function_result(oid) "
                        "FROM pg_proc WHERE proname = 'pr'") == [("p", "IN a integer, INOUT b integer DEFAULT 0",
                                                                    None)]
    run(session, "CREATE FUNCTION fc() RETURNS int LANGUAGE plpgsql AS $$ BEGIN COMMIT; RETURN 1; END $$")
    assert error_code(session, "SELECT fc()") == "2D000"


@pytest.mark.parametrize("body,returns,code", [
    ("BEGIN x := 1; RETURN 1; END", "int", "42601"),
    ("BEGIN RAISE NOTICE '% %', 1; RETURN 1; END", "int", "42601"),
    ("BEGIN RETURN 1; END", "void", "42804"),
    ("BEGIN RETURN NEXT 1; END", "int", "42804"),
    ("BEGIN SELECT 1 INTO y; RETURN 1; END", "int", "42601"),
    ("BEGIN RETURN; END", "int", "42601"),
    ("DECLARE c CONSTANT int := 1; BEGIN c := 2; RETURN c; END", "int", "22005"),
    ("BEGIN RETURN 1; END", "SETOF int", "42804"),
    ("BEGIN EXIT; RETURN 1; END", "int", "42601"),
    ("BEGIN RAISE no_such_condition; END", "int", "42704"),
    ("BEGIN RETURN 1; EXCEPTION WHEN no_such_condition THEN RETURN 2; END", "int", "42704"),
])
def test_checks_at_create(session: Any, body: str, returns: str, code: str) -> None:
    assert error_code(session, f"CREATE FUNCTION e() RETURNS {returns} LANGUAGE plpgsql AS $${body}$$") == code


def test_assert_and_rename_trigger(session: Any) -> None:
    assert error_code(session, "DO $$ BEGIN ASSERT 1 = 1; ASSERT 2 < 1, 'two'; END $$") == "P0004"
    run(session, "CREATE TABLE t (a int)")
    run(session, "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$")
    run(session, "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg()")
    run(session, "ALTER TRIGGER tr ON t RENAME TO tr2")
    assert run(session, "SELECT tgname FROM pg_trigger") == [("tr2",)]
    assert error_code(session, "ALTER TRIGGER tr ON t RENAME TO x") == "42704"


def test_truncate_triggers(session: Any) -> None:
    run(session, "CREATE TABLE t (a int)")
    run(session, "CREATE TABLE log (m text)")
    run(session, "INSERT INTO t VALUES (1)")
    run(session, "CREATE FUNCTION lg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN INSERT INTO log VALUES "
                 "(TG_WHEN || ' ' || TG_OP || ' ' || TG_LEVEL || ' ' || (SELECT count(*) FROM t)); RETURN NULL; END$$")
    run(session, "CREATE TRIGGER b BEFORE TRUNCATE ON t EXECUTE FUNCTION lg()")
    run(session, "CREATE TRIGGER a AFTER TRUNCATE ON t EXECUTE FUNCTION lg()")
    run(session, "TRUNCATE t")
    assert run(session, "SELECT m FROM log") == [("BEFORE TRUNCATE STATEMENT 1",), ("AFTER TRUNCATE STATEMENT 0",)]


def test_array_variables_are_subscripted_as_written(session: Any) -> None:
    run(session, "CREATE FUNCTION f(a int[]) RETURNS int LANGUAGE plpgsql AS $$ "
                 "DECLARE b int[] := '{10,20}'; BEGIN RETURN a[2] + a[a[1]] + b[1] + b[2]; END $$")
    assert run(session, "SELECT f('{1,8}')") == [(39,)]  # 8 + 1 + 10 + 20, as PostgreSQL 15 gives
