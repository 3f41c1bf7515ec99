"""ALTER TABLE / SEQUENCE / TYPE, views, enum types, comments, temp tables and CREATE TABLE AS,
driven through Session; results and SQLSTATEs as PostgreSQL 15 reports them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sql.errors import SqlError
from sql.instance import Instance
from tests.sql.sessions import open_instance, sql_error
from tests.sql.sessions import run_values_or_tag as run

_pid = [6000]


@pytest.fixture()
def inst(tmp_path: Any) -> Iterator[Instance]:
    with open_instance(tmp_path) as i:
        yield i


def connect(inst: Instance) -> Any:
    _pid[0] += 1
    return inst.connect("postgres", "postgres", {}, _pid[0], "127.0.0.1")


@pytest.fixture()
def s(inst: Instance) -> Any:
    return connect(inst)


def err(session: Any, sql: str) -> SqlError:
    return sql_error(session, sql, run)


def test_add_drop_rename_columns(s: Any) -> None:
    run(s, "CREATE TABLE t (id int, a int, b text)")
    run(s, "INSERT INTO t VALUES (1, NULL, 'x'), (1, 2, 'y')")
    e = err(s, "ALTER TABLE t ADD COLUMN a int")
    assert (e.code, e.message) == ("42701", 'column "a" of relation "t" already exists')
    assert run(s, "ALTER TABLE t ADD COLUMN IF NOT EXISTS a int") == "ALTER TABLE"
    e = err(s, "ALTER TABLE t ADD COLUMN c int NOT NULL")
    assert (e.code, e.message) == ("23502", 'column "c" of relation "t" contains null values')
    run(s, "ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 7")
    run(s, "ALTER TABLE t ADD COLUMN s serial")
    assert run(s, "SELECT id, a, b, c, s FROM t ORDER BY b") == [(1, None, "x", 7, 1), (1, 2, "y", 7, 2)]
    assert err(s, "ALTER TABLE t DROP COLUMN nope").message == 'column "nope" of relation "t" does not exist'
    run(s, "ALTER TABLE t DROP COLUMN IF EXISTS nope")
    assert err(s, "ALTER TABLE t RENAME COLUMN nope TO x").message == 'column "nope" does not exist'
    assert err(s, "ALTER TABLE t RENAME COLUMN a TO b").code == "42701"
    run(s, "CREATE INDEX ON t (b)")
    run(s, "ALTER TABLE t DROP COLUMN a, RENAME COLUMN b TO bb")
    assert run(s, "SELECT * FROM t WHERE bb = 'y'") == [(1, "y", 7, 2)]
    run(s, "INSERT INTO t (id, bb) VALUES (3, 'z')")
    assert run(s, "SELECT * FROM t WHERE bb = 'z'") == [(3, "z", 7, 3)]
    run(s, "ALTER TABLE t RENAME TO t2")
    assert err(s, "SELECT * FROM t").code == "42P01"
    assert run(s, "SELECT count(*) FROM t2") == [(3,)]
    assert err(s, "ALTER TABLE nope ADD COLUMN x int").code == "42P01"
    assert run(s, "ALTER TABLE IF EXISTS nope ADD COLUMN x int") == "ALTER TABLE"


def test_alter_column(s: Any) -> None:
    run(s, "CREATE TABLE t (id int, a int, b text)")
    run(s, "INSERT INTO t VALUES (1, NULL, 'xy'), (2, 2, 'abc')")
    e = err(s, "ALTER TABLE t ALTER COLUMN a SET NOT NULL")
    assert (e.code, e.message) == ("23502", 'column "a" of relation "t" contains null values')
    run(s, "ALTER TABLE t ALTER COLUMN id SET NOT NULL")
    assert err(s, "INSERT INTO t (a) VALUES (1)").code == "23502"
    run(s, "ALTER TABLE t ALTER COLUMN id DROP NOT NULL")
    run(s, "ALTER TABLE t ALTER COLUMN a SET DEFAULT 42")
    run(s, "INSERT INTO t (id) VALUES (3)")
    assert run(s, "SELECT a FROM t WHERE id = 3") == [(42,)]
    run(s, "ALTER TABLE t ALTER COLUMN a DROP DEFAULT")
    assert err(s, "ALTER TABLE t ALTER COLUMN id SET DEFAULT 'x'").code == "22P02"
    assert err(s, "ALTER TABLE t ALTER COLUMN nope SET DEFAULT 1").code == "42703"
    e = err(s, "ALTER TABLE t ALTER COLUMN b TYPE int")
    assert (e.code, e.message) == ("42804", 'column "b" cannot be cast automatically to type integer')
    assert e.hint == 'You might need to specify "USING b::integer".'
    run(s, "ALTER TABLE t ALTER COLUMN b TYPE int USING length(b)")
    run(s, "ALTER TABLE t ALTER COLUMN a TYPE bigint")
    assert run(s, "SELECT id, a, b FROM t ORDER BY id") == [(1, None, 2), (2, 2, 3), (3, 42, None)]
    assert run(s, "SELECT b + 1 FROM t WHERE id = 2") == [(4,)]


def test_add_drop_constraints(s: Any) -> None:
    run(s, "CREATE TABLE t (id int, a int)")
    run(s, "INSERT INTO t VALUES (1, NULL), (1, 2)")
    e = err(s, "ALTER TABLE t ADD PRIMARY KEY (id)")
    assert (e.code, e.message, e.detail) == ("23505", 'could not create unique index "t_pkey"',
                                             "Key (id)=(1) is duplicated.")
    e = err(s, "ALTER TABLE t ADD PRIMARY KEY (a)")
    assert (e.code, e.message) == ("23502", 'column "a" of relation "t" contains null values')
    e = err(s, "ALTER TABLE t ADD CONSTRAINT ck CHECK (id > 1)")
    assert (e.code, e.message) == ("23514", 'check constraint "ck" of relation "t" is violated by some row')
    e = err(s, "ALTER TABLE t ADD CONSTRAINT u UNIQUE (id)")
    assert (e.code, e.message, e.detail) == ("23505", 'could not create unique index "u"',
                                             "Key (id)=(1) is duplicated.")
    run(s, "CREATE TABLE p (id int PRIMARY KEY)")
    e = err(s, "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (id) REFERENCES p")
    assert (e.code, e.message) == ("23503", 'insert or update on table "t" violates foreign key constraint "fk"')
    assert e.detail == 'Key (id)=(1) is not present in table "p".'
    run(s, "DELETE FROM t WHERE a IS NULL")
    run(s, "ALTER TABLE t ADD PRIMARY KEY (a)")
    assert run(s, "SELECT * FROM t WHERE a = 2") == [(1, 2)]
    assert err(s, "INSERT INTO t VALUES (5, 2)").code == "23505"
    e = err(s, "ALTER TABLE t ALTER COLUMN a DROP NOT NULL")
    assert (e.code, e.message) == ("42P16", 'column "a" is in a primary key')
    run(s, "ALTER TABLE t ADD CHECK (id > 0)")
    assert err(s, "INSERT INTO t VALUES (-1, 9)").message == \
        'new row for relation "t" violates check constraint "t_id_check"'
    run(s, "ALTER TABLE t DROP CONSTRAINT t_id_check")
    run(s, "ALTER TABLE t DROP CONSTRAINT t_pkey")
    run(s, "INSERT INTO t VALUES (5, 2)")
    run(s, "ALTER TABLE t ALTER COLUMN a DROP NOT NULL")
    e = err(s, "ALTER TABLE t DROP CONSTRAINT nope")
    assert (e.code, e.message) == ("42704", 'constraint "nope" of relation "t" does not exist')
    run(s, "ALTER TABLE t DROP CONSTRAINT IF EXISTS nope")
    run(s, "CREATE TABLE c (x int REFERENCES p)")
    e = err(s, "ALTER TABLE p DROP CONSTRAINT p_pkey")
    assert (e.code, e.detail) == ("2BP01", "constraint c_x_fkey on table c depends on index p_pkey")
    e = err(s, "ALTER TABLE p DROP COLUMN id")
    assert (e.code, e.detail) == ("2BP01", "constraint c_x_fkey on table c depends on column id of table p")
    run(s, "ALTER TABLE t ADD COLUMN x int REFERENCES p")
    e = err(s, "INSERT INTO t VALUES (1, 2, 5)")
    assert (e.code, e.message) == ("23503", 'insert or update on table "t" violates foreign key constraint "t_x_fkey"')


def test_add_primary_key_rewrites_rowid_table(s: Any) -> None:
    run(s, "CREATE TABLE acc (aid int NOT NULL, bid int, abalance int)")
    run(s, "INSERT INTO acc SELECT g, 1, 0 FROM generate_series(1, 2000) g")
    run(s, "BEGIN")
    run(s, "ALTER TABLE acc ADD PRIMARY KEY (aid)")
    assert run(s, "SELECT bid FROM acc WHERE aid = 1234") == [(1,)]
    run(s, "COMMIT")
    assert run(s, "SELECT count(*), sum(aid) FROM acc") == [(2000, 2001000)]
    run(s, "UPDATE acc SET abalance = abalance + 5 WHERE aid = 7")
    assert run(s, "SELECT abalance FROM acc WHERE aid = 7") == [(5,)]


def test_alter_in_rolled_back_transaction(s: Any) -> None:
    run(s, "CREATE TABLE t (id int)")
    run(s, "INSERT INTO t VALUES (1)")
    run(s, "BEGIN")
    run(s, "ALTER TABLE t ADD COLUMN v text DEFAULT 'x'")
    assert run(s, "SELECT * FROM t") == [(1, "x")]
    run(s, "ROLLBACK")
    assert run(s, "SELECT * FROM t") == [(1,)]


def test_identity_columns(s: Any) -> None:
    run(s, "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text)")
    run(s, "INSERT INTO t (v) VALUES ('a')")
    e = err(s, "INSERT INTO t (id, v) VALUES (5, 'b')")
    assert (e.code, e.message) == ("428C9", 'cannot insert a non-DEFAULT value into column "id"')
    assert e.detail == 'Column "id" is an identity column defined as GENERATED ALWAYS.'
    assert e.hint == "Use OVERRIDING SYSTEM VALUE to override."
    run(s, "INSERT INTO t OVERRIDING SYSTEM VALUE VALUES (5, 'b')")
    run(s, "INSERT INTO t (id, v) VALUES (DEFAULT, 'c')")
    e = err(s, "UPDATE t SET id = 9")
    assert (e.code, e.message) == ("428C9", 'column "id" can only be updated to DEFAULT')
    run(s, "UPDATE t SET id = DEFAULT WHERE v = 'c'")
    assert run(s, "SELECT * FROM t ORDER BY v") == [(1, "a"), (5, "b"), (3, "c")]
    run(s, "CREATE TABLE t2 (id int GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 5) PRIMARY KEY, "
           "v text)")
    run(s, "INSERT INTO t2 (v) VALUES ('a')")
    run(s, "INSERT INTO t2 VALUES (1, 'b')")
    run(s, "INSERT INTO t2 OVERRIDING USER VALUE VALUES (1, 'c')")
    assert run(s, "SELECT * FROM t2 ORDER BY v") == [(10, "a"), (1, "b"), (15, "c")]
    e = err(s, "DROP SEQUENCE t2_id_seq")
    assert (e.code, e.message) == ("2BP01", "cannot drop sequence t2_id_seq because column id of table t2 requires it")
    assert err(s, "CREATE TABLE t3 (id text GENERATED ALWAYS AS IDENTITY)").code == "22023"
    assert err(s, "CREATE TABLE t4 (id int GENERATED ALWAYS AS IDENTITY DEFAULT 5)").code == "42601"


def test_sequences(s: Any) -> None:
    run(s, "CREATE SEQUENCE s")
    assert run(s, "SELECT setval('s', 5, false)") == [(5,)]
    assert err(s, "SELECT currval('s')").code == "55000"
    assert run(s, "SELECT nextval('s')") == [(5,)]
    assert run(s, "SELECT setval('s', 7), currval('s')") == [(7, 7)]
    assert run(s, "SELECT nextval('s')") == [(8,)]
    e = err(s, "SELECT setval('s', 0)")
    assert (e.code, e.message) == ("22003",
                                   'setval: value 0 is out of bounds for sequence "s" (1..9223372036854775807)')
    run(s, "CREATE SEQUENCE d INCREMENT BY -2")
    assert run(s, "SELECT nextval('d'), nextval('d')") == [(-1, -3)]
    run(s, "ALTER SEQUENCE d RESTART")
    assert run(s, "SELECT nextval('d')") == [(-1,)]
    run(s, "CREATE SEQUENCE x AS smallint START 5 MAXVALUE 6")
    assert run(s, "SELECT nextval('x'), nextval('x')") == [(5, 6)]
    e = err(s, "SELECT nextval('x')")
    assert (e.code, e.message) == ("2200H", 'nextval: reached maximum value of sequence "x" (6)')
    assert err(s, "CREATE SEQUENCE y START 0").message == "START value (0) cannot be less than MINVALUE (1)"
    assert err(s, "CREATE SEQUENCE z MINVALUE 10 MAXVALUE 5").message == "MINVALUE (10) must be less than MAXVALUE (5)"
    assert err(s, "CREATE SEQUENCE w AS text").code == "22023"
    run(s, "CREATE SEQUENCE c CYCLE MINVALUE 1 MAXVALUE 2")
    assert run(s, "SELECT nextval('c'), nextval('c'), nextval('c')") == [(1, 2, 1)]
    run(s, "ALTER SEQUENCE s RESTART WITH 100 INCREMENT BY 10")
    assert run(s, "SELECT nextval('s'), nextval('s')") == [(100, 110)]
    e = err(s, "ALTER SEQUENCE s MAXVALUE 50")
    assert (e.code, e.message) == ("22023", "RESTART value (110) cannot be greater than MAXVALUE (50)")
    assert err(s, "ALTER SEQUENCE nope RESTART").code == "42P01"
    assert run(s, "ALTER SEQUENCE IF EXISTS nope RESTART") == "ALTER SEQUENCE"
    run(s, "CREATE TABLE o (a int)")
    run(s, "CREATE SEQUENCE owned OWNED BY o.a")
    run(s, "DROP TABLE o")
    assert err(s, "SELECT nextval('owned')").code == "42P01"


def test_sequence_values_survive_restart(tmp_path: Any) -> None:
    inst = Instance(str(tmp_path / "d"))
    inst.initialize("postgres", "pw", "postgres")
    s = connect(inst)
    run(s, "CREATE SEQUENCE up; CREATE SEQUENCE down INCREMENT -1; CREATE SEQUENCE lowered")
    run(s, "SELECT nextval('up'), nextval('up'), nextval('down'), nextval('down'), setval('lowered', 50)")
    run(s, "SELECT setval('lowered', 3)")
    inst.close()
    inst = Instance(str(tmp_path / "d"))
    s = connect(inst)
    assert run(s, "SELECT nextval('up'), nextval('down'), nextval('lowered')") == [(3, -3, 4)]
    inst.close()


def test_views(s: Any) -> None:
    run(s, "CREATE TABLE t (a int, b text)")
    run(s, "INSERT INTO t VALUES (1, 'x'), (2, 'y')")
    run(s, "CREATE VIEW v AS SELECT a, b FROM t")
    assert err(s, "CREATE VIEW v AS SELECT 1").code == "42P07"
    assert err(s, "CREATE OR REPLACE VIEW v AS SELECT a FROM t").message == "cannot drop columns from view"
    e = err(s, "CREATE OR REPLACE VIEW v AS SELECT b, a FROM t")
    assert (e.code, e.message) == ("42P16", 'cannot change name of view column "a" to "b"')
    e = err(s, "CREATE OR REPLACE VIEW v AS SELECT a::bigint AS a, b FROM t")
    assert e.message == 'cannot change data type of view column "a" from integer to bigint'
    run(s, "CREATE OR REPLACE VIEW v AS SELECT a, b, 1 AS c FROM t")
    run(s, "CREATE VIEW v2 (x, y) AS SELECT a, b FROM t WHERE a > 1")
    assert err(s, "CREATE VIEW v3 (x, y, z) AS SELECT a, b FROM t").message == \
        "CREATE VIEW specifies more column names than columns"
    assert run(s, "SELECT * FROM v2") == [(2, "y")]
    assert run(s, "SELECT c, count(*) FROM v GROUP BY c") == [(1, 2)]
    e = err(s, "DROP TABLE v")
    assert (e.code, e.hint) == ("42809", "Use DROP VIEW to remove a view.")
    e = err(s, "ALTER TABLE t DROP COLUMN a")
    assert (e.code, e.detail) == ("2BP01", "view v depends on column a of table t\nview v2 depends on column a of "
                                           "table t")
    e = err(s, "ALTER TABLE t ALTER COLUMN a TYPE bigint")
    assert (e.code, e.detail) == ("0A000", 'rule _RETURN on view v depends on column "a"')
    e = err(s, "DROP TABLE t")
    assert e.detail == "view v depends on table t\nview v2 depends on table t"
    assert err(s, "DROP VIEW nope").message == 'view "nope" does not exist'
    run(s, "DROP VIEW IF EXISTS nope, v2")
    run(s, "DROP TABLE t CASCADE")
    assert err(s, "SELECT * FROM v").code == "42P01"


def test_enum_types(s: Any) -> None:
    run(s, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')")
    run(s, "CREATE TABLE m (x mood)")
    run(s, "INSERT INTO m VALUES ('ok'), ('sad'), ('happy')")
    assert run(s, "SELECT * FROM m ORDER BY x") == [("sad",), ("ok",), ("happy",)]
    assert run(s, "SELECT * FROM m WHERE x > 'sad' ORDER BY x") == [("ok",), ("happy",)]
    e = err(s, "INSERT INTO m VALUES ('x')")
    assert (e.code, e.message) == ("22P02", 'invalid input value for enum mood: "x"')
    assert run(s, "SELECT 'happy'::mood < 'ok'::mood") == [(False,)]
    e = err(s, "DROP TYPE mood")
    assert (e.code, e.detail) == ("2BP01", "column x of table m depends on type mood")
    assert err(s, "CREATE TYPE mood AS ENUM ('a')").code == "42710"
    run(s, "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok'")
    assert err(s, "ALTER TYPE mood ADD VALUE 'ok'").message == 'enum label "ok" already exists'
    run(s, "INSERT INTO m VALUES ('meh')")
    assert run(s, "SELECT * FROM m ORDER BY x") == [("sad",), ("meh",), ("ok",), ("happy",)]
    run(s, "DROP TABLE m")
    run(s, "DROP TYPE mood")


def test_comments_ctas_temp(inst: Instance, s: Any) -> None:
    run(s, "CREATE TABLE t (a int, b text)")
    run(s, "INSERT INTO t VALUES (1, 'x')")
    run(s, "COMMENT ON TABLE t IS 'hello'")
    run(s, "COMMENT ON COLUMN t.a IS 'col a'")
    cat = s.catalog()
    t = s.lookup_relation(None, "t", cat)
    assert cat.comments[(t.oid, 0)] == "hello" and cat.comments[(t.oid, 1)] == "col a"
    assert err(s, "COMMENT ON COLUMN t.nope IS 'x'").message == 'column "nope" of relation "t" does not exist'
    assert run(s, "CREATE TABLE ctas AS SELECT a, b FROM t") == "SELECT 1"
    assert run(s, "SELECT * INTO si FROM t") == "SELECT 1"
    assert run(s, "SELECT * FROM ctas") == [(1, "x")] == run(s, "SELECT * FROM si")
    run(s, "CREATE TEMP TABLE tt (a int)")
    run(s, "INSERT INTO tt VALUES (1)")
    assert run(s, "SELECT * FROM tt") == [(1,)] == run(s, "SELECT * FROM pg_temp.tt")
    other = connect(inst)
    assert err(other, "SELECT * FROM tt").code == "42P01"
    run(other, "CREATE TEMP TABLE tt (z text)")
    assert run(other, "SELECT * FROM tt") == []
    s.terminate()
    s2 = connect(inst)
    assert err(s2, "SELECT * FROM tt").code == "42P01"
