"""CHECK, FOREIGN KEY, PRIMARY KEY/UNIQUE constraints and their catalog text, driven through
Session; messages and SQLSTATEs as PostgreSQL 15 reports them."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from sql.constraints import constraint_definition
from sql.errors import SqlError
from tests.sql.sessions import run_values_or_tag as run
from tests.sql.sessions import session_fixture, sql_error

s = session_fixture("s", itertools.count(5001))


def err(session: Any, sql: str) -> SqlError:
    return sql_error(session, sql, run)


def test_check_constraints(s: Any) -> None:
    run(s, "CREATE TABLE t (id int PRIMARY KEY, price numeric CHECK (price > 0), a int, b int, "
           "CONSTRAINT ab CHECK (a < b))")
    run(s, "INSERT INTO t VALUES (1, 5, 1, 2)")
    e = err(s, "INSERT INTO t VALUES (2, -1, 1, 2)")
    assert (e.code, e.message) == ("23514", 'new row for relation "t" violates check constraint "t_price_check"')
    assert e.detail == "Failing row contains (2, -1, 1, 2)."
    e = err(s, "UPDATE t SET a = 5")
    assert e.message == 'new row for relation "t" violates check constraint "ab"'
    assert e.detail == "Failing row contains (1, 5, 5, 2)."
    run(s, "INSERT INTO t VALUES (3, NULL, NULL, 1)")  # NULL passes a CHECK
    assert run(s, "SELECT count(*) FROM t") == [(2,)]


def test_constraint_names_and_definitions(s: Any) -> None:
    run(s, "CREATE TABLE t (id int primary key, price numeric CHECK (price > 0), name varchar(10) "
           "check (name <> ''), a int, b int, constraint ab check (a < b and a > 0 or b is null), "
           "c text check (c in ('x','y')), d date check (d > '2020-01-01'), e int check (e between 1 and 10), "
           "f float8 check (f > 1.5), h int check (h > -1), i int check(i % 2 = 0), k text check (k ~ '^a'), "
           "l bool check (l), o text check (o like 'a%'), CHECK (a <> 1), CHECK (a + b < 100))")
    run(s, "CREATE TABLE c (x int, y int, z int references t on delete cascade, unique (x, y), "
           "foreign key (x) references t(id) on update set null on delete restrict)")
    cat = s.catalog()
    t = s.lookup_relation(None, "t", cat)
    got = [(c.name, constraint_definition(t, c, cat)) for c in t.constraints]
    assert got == [
        ("t_price_check", "CHECK ((price > (0)::numeric))"),
        ("t_name_check", "CHECK (((name)::text <> ''::text))"),
        ("ab", "CHECK ((((a < b) AND (a > 0)) OR (b IS NULL)))"),
        ("t_c_check", "CHECK ((c = ANY (ARRAY['x'::text, 'y'::text])))"),
        ("t_d_check", "CHECK ((d > '2020-01-01'::date))"),
        ("t_e_check", "CHECK (((e >= 1) AND (e <= 10)))"),
        ("t_f_check", "CHECK ((f > (1.5)::double precision))"),
        ("t_h_check", "CHECK ((h > '-1'::integer))"),
        ("t_i_check", "CHECK (((i % 2) = 0))"),
        ("t_k_check", "CHECK ((k ~ '^a'::text))"),
        ("t_l_check", "CHECK (l)"),
        ("t_o_check", "CHECK ((o ~~ 'a%'::text))"),
        ("t_a_check", "CHECK ((a <> 1))"),
        ("t_check", "CHECK (((a + b) < 100))"),
        ("t_pkey", "PRIMARY KEY (id)"),
    ]
    c = s.lookup_relation(None, "c", cat)
    assert [(k.name, constraint_definition(c, k, cat)) for k in c.constraints] == [
        ("c_x_y_key", "UNIQUE (x, y)"),
        ("c_z_fkey", "FOREIGN KEY (z) REFERENCES t(id) ON DELETE CASCADE"),
        ("c_x_fkey", "FOREIGN KEY (x) REFERENCES t(id) ON UPDATE SET NULL ON DELETE RESTRICT"),
    ]


def test_foreign_keys_referencing_side(s: Any) -> None:
    run(s, "CREATE TABLE t (id int PRIMARY KEY, code text UNIQUE)")
    run(s, "INSERT INTO t VALUES (1, 'a'), (2, 'b')")
    run(s, "CREATE TABLE a (b int REFERENCES t, c text REFERENCES t(code))")
    run(s, "INSERT INTO a VALUES (1, 'a'), (NULL, NULL)")
    e = err(s, "INSERT INTO a VALUES (5, 'a')")
    assert (e.code, e.message) == ("23503", 'insert or update on table "a" violates foreign key constraint "a_b_fkey"')
    assert e.detail == 'Key (b)=(5) is not present in table "t".'
    e = err(s, "UPDATE a SET c = 'zz' WHERE b = 1")
    assert e.message == 'insert or update on table "a" violates foreign key constraint "a_c_fkey"'
    assert e.detail == 'Key (c)=(zz) is not present in table "t".'
    # a row referencing a row inserted by the same statement (self reference)
    run(s, "CREATE TABLE tree (id int PRIMARY KEY, parent int REFERENCES tree)")
    run(s, "INSERT INTO tree VALUES (1, 1), (2, 1)")
    assert err(s, "INSERT INTO tree VALUES (3, 9)").code == "23503"


def test_foreign_key_actions(s: Any) -> None:
    run(s, "CREATE TABLE t (id int PRIMARY KEY)")
    run(s, "INSERT INTO t VALUES (1), (2), (3)")
    run(s, "CREATE TABLE na (x int REFERENCES t)")
    run(s, "CREATE TABLE ca (x int REFERENCES t ON DELETE CASCADE ON UPDATE CASCADE)")
    run(s, "CREATE TABLE sn (x int REFERENCES t ON DELETE SET NULL)")
    run(s, "CREATE TABLE sd (x int DEFAULT 3 REFERENCES t ON DELETE SET DEFAULT)")
    run(s, "INSERT INTO na VALUES (1); INSERT INTO ca VALUES (2), (2); INSERT INTO sn VALUES (2); "
           "INSERT INTO sd VALUES (2)")
    e = err(s, "DELETE FROM t WHERE id = 1")
    assert (e.code, e.message) == (
        "23503", 'update or delete on table "t" violates foreign key constraint "na_x_fkey" on table "na"')
    assert e.detail == 'Key (id)=(1) is still referenced from table "na".'
    assert run(s, "DELETE FROM t WHERE id = 2") == "DELETE"
    assert run(s, "SELECT count(*) FROM ca") == [(0,)]
    assert run(s, "SELECT * FROM sn") == [(None,)]
    assert run(s, "SELECT * FROM sd") == [(3,)]
    run(s, "INSERT INTO ca VALUES (3)")
    e = err(s, "UPDATE t SET id = 30 WHERE id = 3")  # sd: ON UPDATE NO ACTION
    assert e.message == 'update or delete on table "t" violates foreign key constraint "sd_x_fkey" on table "sd"'
    run(s, "DELETE FROM sd")
    run(s, "UPDATE t SET id = 30 WHERE id = 3")
    assert run(s, "SELECT * FROM ca") == [(30,)]


def test_drop_and_truncate_referenced(s: Any) -> None:
    run(s, "CREATE TABLE t (id int PRIMARY KEY)")
    run(s, "CREATE TABLE a (b int REFERENCES t)")
    run(s, "CREATE TABLE c (b int REFERENCES t(id) ON DELETE CASCADE)")
    e = err(s, "DROP TABLE t")
    assert (e.code, e.message) == ("2BP01", "cannot drop table t because other objects depend on it")
    assert e.detail == "constraint a_b_fkey on table a depends on table t\n" \
                       "constraint c_b_fkey on table c depends on table t"
    assert e.hint == "Use DROP ... CASCADE to drop the dependent objects too."
    e = err(s, "TRUNCATE t")
    assert (e.code, e.message) == ("0A000", "cannot truncate a table referenced in a foreign key constraint")
    assert e.detail == 'Table "a" references "t".'
    run(s, "TRUNCATE t, a, c")
    run(s, "TRUNCATE t CASCADE")
    run(s, "DROP TABLE t CASCADE")
    run(s, "INSERT INTO a VALUES (42)")  # the constraint went with the table
    run(s, "CREATE TABLE t2 (id int PRIMARY KEY)")
    run(s, "CREATE TABLE a2 (b int REFERENCES t2)")
    run(s, "DROP TABLE t2, a2")


def test_foreign_key_definition_errors(s: Any) -> None:
    run(s, "CREATE TABLE t (id int PRIMARY KEY, v text, w int)")
    assert err(s, "CREATE TABLE a (b int REFERENCES t(w))").code == "42830"
    assert err(s, "CREATE TABLE a (b int REFERENCES nope)").code == "42P01"
    assert err(s, "CREATE TABLE a (b text REFERENCES t)").code == "42804"
    assert err(s, "CREATE TABLE a (b int REFERENCES t(nope))").code == "42703"
    run(s, "CREATE TABLE nopk (x int)")
    assert err(s, "CREATE TABLE a (b int REFERENCES nopk)").code == "42704"


def test_unique_and_primary_key_names(s: Any) -> None:
    run(s, "CREATE TABLE t (a int UNIQUE, b int, UNIQUE (a, b), PRIMARY KEY (b))")
    cat = s.catalog()
    t = s.lookup_relation(None, "t", cat)
    assert [c.name for c in t.constraints] == ["t_pkey", "t_a_key", "t_a_b_key"]
    run(s, "CREATE TABLE t_a_key2 (x int)")
    run(s, "CREATE TABLE u (a int, CONSTRAINT t_a_key CHECK (a > 0))")
    e = err(s, "INSERT INTO t VALUES (1, 1), (1, 2)")
    assert (e.code, e.detail) == ("23505", "Key (a)=(1) already exists.")
    assert run(s, "INSERT INTO u VALUES (1)") == "INSERT"
    assert Decimal(1) == 1
