"""Every kind of statement is privilege-checked before it runs.

The kinds come from the code: every statement class the parser modules define (``*Stmt``) and
every rule of :mod:`sql.privilege_gate` (the one place each statement passes through). Each kind
needs a sample below, so a new kind of statement makes this test fail until it has a rule and a
sample. Each sample runs as an unprivileged role, over TCP with psycopg, against pgserver and
against a real PostgreSQL 15 in the same run, on objects another role owns; wherever
PostgreSQL refuses with 42501 pgserver must too, and where it does not, neither may pgserver.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

import sql
from sql.errors import SqlError
from sql.parse import parse_one_statement
from sql.privilege_gate import RULES, statement_kind
from tests.e2e.oracle_compare import real_postgres
from tests.e2e.realpg import RealPostgres

SETUP = """
CREATE ROLE pc_owner;
CREATE ROLE pc_nobody;
CREATE SCHEMA pc_s AUTHORIZATION pc_owner;
GRANT USAGE ON SCHEMA pc_s TO pc_nobody;
SET ROLE pc_owner;
CREATE TABLE pc_s.t (id int PRIMARY KEY, a int);
CREATE INDEX ti ON pc_s.t (a);
CREATE SEQUENCE pc_s.q;
CREATE VIEW pc_s.v AS SELECT id FROM pc_s.t;
CREATE TYPE pc_s.ty AS (x int);
CREATE DOMAIN pc_s.d AS int;
CREATE FUNCTION pc_s.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE PROCEDURE pc_s.p() LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION pc_s.tf() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER tr BEFORE INSERT ON pc_s.t FOR EACH ROW EXECUTE FUNCTION pc_s.tf();
CREATE MATERIALIZED VIEW pc_s.m AS SELECT 1 AS one;
CREATE POLICY pol ON pc_s.t USING (true);
REVOKE EXECUTE ON FUNCTION pc_s.f() FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE pc_s.p() FROM PUBLIC;
RESET ROLE;
"""
TEARDOWN = "DROP SCHEMA pc_s CASCADE; DROP ROLE pc_nobody; DROP ROLE pc_owner;"

# (statements run in order as pc_nobody, the last one's outcome is compared)
SAMPLES: list[tuple[str, ...]] = [
    ("SELECT * FROM pc_s.t",),
    ("SELECT * FROM pc_s.v",),
    ("SELECT nextval('pc_s.q')",),
    ("SET search_path = pc_s, public", "SELECT f()"),
    ("SELECT pc_s.f()",),
    ("SELECT pg_read_file('/etc/hostname')",),
    ("SELECT pg_ls_dir('.')",),
    ("SELECT * FROM pg_authid",),
    ("SELECT count(*) >= 0 FROM pg_class",),
    ("SELECT 1 UNION SELECT a FROM pc_s.t",),
    ("SELECT 1 INTERSECT SELECT a FROM pc_s.t",),
    ("SELECT 1 EXCEPT SELECT a FROM pc_s.t",),
    ("VALUES ((SELECT a FROM pc_s.t LIMIT 1))",),
    ("(SELECT * FROM pc_s.t)",),
    ("INSERT INTO pc_s.t VALUES (1, 1)",),
    ("UPDATE pc_s.t SET a = 1",),
    ("DELETE FROM pc_s.t",),
    ("MERGE INTO pc_s.t USING (VALUES (1)) s(x) ON t.id = s.x WHEN MATCHED THEN DELETE",),
    ("SELECT 1 AS x INTO pc_s.newtab",),
    ("TRUNCATE pc_s.t",),
    ("CREATE TABLE pc_s.nt (a int)",),
    ("CREATE INDEX ON pc_s.t (id)",),
    ("CREATE UNIQUE INDEX ON pc_s.t (a) NULLS NOT DISTINCT",),
    ("CREATE SCHEMA pc_new",),
    ("CREATE SCHEMA pc_new2 CREATE TABLE x (a int)",),
    ("CREATE VIEW pc_s.nv AS SELECT 1",),
    ("CREATE TYPE pc_s.nty AS (a int)",),
    ("CREATE COLLATION pc_s.coll (locale = 'C')",),
    ("DROP TABLE pc_s.t",),
    ("DROP SEQUENCE pc_s.q",),
    ("DROP VIEW pc_s.v",),
    ("DROP INDEX pc_s.ti",),
    ("DROP SCHEMA pc_s",),
    ("DROP TYPE pc_s.ty",),
    ("DROP COLLATION IF EXISTS pc_s.nocoll",),
    ("COMMIT",),
    ("SET ROLE pc_owner",),
    ("SET work_mem = '2MB'",),
    ("RESET work_mem",),
    ("SHOW work_mem",),
    ("DISCARD PLANS",),
    ("DEALLOCATE ALL",),
    ("CHECKPOINT",),
    ("CREATE ROLE pc_x",),
    ("ALTER ROLE pc_owner LOGIN",),
    ("DROP ROLE pc_owner",),
    ("GRANT pc_owner TO pc_nobody",),
    ("CREATE DATABASE pc_newdb",),
    ("ALTER DATABASE {db} RENAME TO pc_renamed",),
    ("CREATE FUNCTION pc_s.nf() RETURNS int LANGUAGE sql AS 'SELECT 1'",),
    ("DROP FUNCTION pc_s.f()",),
    ("ALTER FUNCTION pc_s.f() OWNER TO pc_nobody",),
    ("GRANT EXECUTE ON FUNCTION pc_s.f() TO pc_nobody",),
    ("DO $$ BEGIN PERFORM * FROM pc_s.t; END $$",),
    ("SET search_path = pc_s, public", "CALL p()"),
    ("COPY pc_s.t TO STDOUT",),
    ("COPY pc_s.t FROM '/etc/hostname'",),
    ("DECLARE pc_c CURSOR WITH HOLD FOR SELECT * FROM pc_s.t",),
    ("FETCH pc_c",),
    ("CLOSE ALL",),
    ("PREPARE pc_p AS SELECT * FROM pc_s.t", "EXECUTE pc_p"),
    ("EXPLAIN SELECT * FROM pc_s.t",),
    ("LISTEN pc_chan",),
    ("NOTIFY pc_chan",),
    ("DROP EXTENSION plpgsql",),
    ("CREATE MATERIALIZED VIEW pc_s.nm AS SELECT 1",),
    ("REFRESH MATERIALIZED VIEW pc_s.m",),
    ("ALTER TABLE pc_s.t ADD COLUMN b int",),
    ("CREATE SEQUENCE pc_s.nq",),
    ("ALTER SEQUENCE pc_s.q RESTART",),
    ("ALTER TYPE pc_s.ty OWNER TO pc_nobody",),
    ("COMMENT ON TABLE pc_s.t IS 'x'",),
    ("BEGIN", "LOCK TABLE pc_s.t"),
    ("SET CONSTRAINTS ALL DEFERRED",),
    ("ALTER SCHEMA pc_s RENAME TO pc_s2",),
    ("CREATE DOMAIN pc_s.nd AS int",),
    ("DROP DOMAIN pc_s.d",),
    ("CREATE TRIGGER ntr BEFORE INSERT ON pc_s.t FOR EACH ROW EXECUTE FUNCTION pc_s.tf()",),
    ("DROP TRIGGER tr ON pc_s.t",),
    ("ALTER TABLE pc_s.t DISABLE TRIGGER tr",),
    ("ALTER TRIGGER tr ON pc_s.t RENAME TO tr2",),
    ("ALTER DEFAULT PRIVILEGES FOR ROLE pc_owner GRANT SELECT ON TABLES TO pc_nobody",),
    ("REASSIGN OWNED BY pc_owner TO pc_nobody",),
    ("DROP OWNED BY pc_owner",),
    ("ALTER TABLE pc_s.t ENABLE ROW LEVEL SECURITY",),
    ("CREATE POLICY np ON pc_s.t USING (true)",),
    ("DROP POLICY pol ON pc_s.t",),
]
CATCH_ALL = {"Create", "Drop"}  # kinds pgserver does not run at all (0A000): sampled, must fail


def _statement_classes() -> set[str]:
    """Every statement class the parser modules define: a class named *Stmt with no subclasses."""
    classes: dict[str, type] = {}
    for info in pkgutil.walk_packages(sql.__path__, "sql."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and name.endswith("Stmt") and obj.__module__ == info.name:
                classes[name] = obj
    return {n for n, c in classes.items() if not c.__subclasses__()}


def test_every_statement_kind_has_a_rule_and_a_sample() -> None:
    missing_rules = _statement_classes() - set(RULES)
    assert not missing_rules, f"statement classes without a privilege rule: {sorted(missing_rules)}"
    sampled = set()
    for group in SAMPLES:
        for text in group:
            try:
                sampled.add(statement_kind(parse_one_statement(text.replace("{db}", "x"))))
            except SqlError:  # refused before it could run (not supported): nothing to check
                pass
    missing = set(RULES) - sampled - CATCH_ALL
    assert not missing, f"privilege rules without a sample statement here: {sorted(missing)}"


@pytest.fixture(scope="module")
def realpg() -> Iterator[RealPostgres]:
    with real_postgres() as pg:
        yield pg


def _outcomes(conn: psycopg.Connection, db: str) -> list[tuple[str, str | None, str]]:
    out = []
    for group in SAMPLES:
        code, message = None, ""
        conn.execute("SET ROLE pc_nobody")
        for sql_text in group:
            try:
                conn.execute(sql_text.replace("{db}", db))
                code, message = None, ""
            except psycopg.Error as e:
                code, message = e.sqlstate, e.diag.message_primary or ""
                break
        conn.execute("ROLLBACK")
        conn.execute("RESET ROLE")
        conn.execute("RESET search_path")
        out.append((group[-1], code, message))
    return out


def _run(connect: Any, db: str) -> list[tuple[str, str | None, str]]:
    with connect("postgres") as c:
        c.execute(f"CREATE DATABASE {db}")
    try:
        with connect(db) as c:
            c.execute(SETUP)
            try:
                return _outcomes(c, db)
            finally:
                c.execute("RESET ROLE")
                c.execute(TEARDOWN)
    finally:
        with connect("postgres") as c:
            c.execute(f"DROP DATABASE {db}")


def test_unprivileged_role_is_refused_as_by_postgres(server: Any, realpg: RealPostgres) -> None:
    db = f"pc_{os.getpid()}"
    theirs = _run(lambda d: psycopg.connect(realpg.dsn(d), autocommit=True), db)
    ours = _run(lambda d: server.connect(dbname=d), db)
    refused_by_pg = [s for s, code, _m in theirs if code == "42501"]
    assert len(refused_by_pg) >= 50
    unsupported = {g[-1] for g in SAMPLES if _kind(g[-1], db) in CATCH_ALL}
    for s, code, _m in ours:  # statements pgserver does not run at all must fail
        if s in unsupported:
            assert code is not None, s
    wrong = [(s, o[1], o[2], t[1], t[2]) for (s, *_x), o, t in zip(theirs, ours, theirs)
             if (o[1] == "42501") != (t[1] == "42501") and s not in unsupported]
    assert not wrong, "\n".join(f"{s}: pgserver {oc} {om!r}, PostgreSQL {tc} {tm!r}" for s, oc, om, tc, tm in wrong)


def _kind(text: str, db: str) -> str:
    try:
        return statement_kind(parse_one_statement(text.replace("{db}", db)))
    except SqlError:  # not supported: refused before anything runs
        return "Create"
