"""INSERT ... ON CONFLICT, UPDATE ... FROM, DELETE ... USING, multi-column SET and RETURNING,
driven through Session; results and SQLSTATEs as PostgreSQL 15 reports them."""

from __future__ import annotations

import itertools
from typing import Any

from sql.errors import SqlError
from tests.sql.sessions import rows_of, run_last, session_fixture, sql_error

s = session_fixture("s", itertools.count(7001))


def run(session: Any, sql: str) -> Any:
    """Rows of the last statement (or its command tag with the row count)."""
    return run_last(session, sql, lambda _s, res: (res.command, res.rowcount) if res.rows is None else rows_of(_s, res))


def err(session: Any, sql: str) -> SqlError:
    return sql_error(session, sql, run)


def test_on_conflict(s: Any) -> None:
    run(s, "CREATE TABLE t (id int PRIMARY KEY, v int, w text UNIQUE)")
    run(s, "INSERT INTO t VALUES (1, 10, 'a')")
    assert run(s, "INSERT INTO t VALUES (1, 5, 'b') ON CONFLICT (id) DO UPDATE SET v = t.v + excluded.v "
                  "RETURNING *") == [(1, 15, "a")]
    assert run(s, "INSERT INTO t VALUES (1, 5, 'b') ON CONFLICT (id) DO UPDATE SET v = 0 WHERE t.v > 100 "
                  "RETURNING *") == []
    assert run(s, "INSERT INTO t VALUES (2, 1, 'a') ON CONFLICT DO NOTHING RETURNING *") == []
    e = err(s, "INSERT INTO t VALUES (2, 1, 'a') ON CONFLICT (v) DO NOTHING")
    assert (e.code, e.message) == ("42P10",
                                   "there is no unique or exclusion constraint matching the ON CONFLICT specification")
    e = err(s, "INSERT INTO t VALUES (2, 1, 'a') ON CONFLICT ON CONSTRAINT nope DO NOTHING")
    assert (e.code, e.message) == ("42704", 'constraint "nope" for table "t" does not exist')
    e = err(s, "INSERT INTO t VALUES (2, 1, 'a') ON CONFLICT DO UPDATE SET v = 1")
    assert (e.code, e.hint) == ("42601", "For example, ON CONFLICT (column_name).")
    assert run(s, "INSERT INTO t VALUES (3, 1, 'c'), (3, 2, 'd') ON CONFLICT (id) DO NOTHING RETURNING *") == \
        [(3, 1, "c")]
    e = err(s, "INSERT INTO t VALUES (4, 1, 'e'), (4, 2, 'f') ON CONFLICT (id) DO UPDATE SET v = excluded.v")
    assert (e.code, e.message) == ("21000", "ON CONFLICT DO UPDATE command cannot affect row a second time")
    assert run(s, "INSERT INTO t AS x VALUES (1, 1, 'zz') ON CONFLICT ON CONSTRAINT t_pkey "
                  "DO UPDATE SET v = x.v * 2 RETURNING x.*") == [(1, 30, "a")]
    e = err(s, "INSERT INTO t VALUES (1, 1, 'c') ON CONFLICT (id) DO UPDATE SET w = excluded.w")
    assert (e.code, e.detail) == ("23505", "Key (w)=(c) already exists.")
    assert run(s, "SELECT * FROM t ORDER BY id") == [(1, 30, "a"), (3, 1, "c")]
    assert run(s, "INSERT INTO t VALUES (1, 0, 'q'), (9, 9, 'n') ON CONFLICT (id) DO UPDATE SET v = -1") == \
        ("INSERT", 2)


def test_on_conflict_with_parameters_and_unique_index(s: Any) -> None:
    run(s, "CREATE TABLE kv (k text, v int)")
    run(s, "CREATE UNIQUE INDEX kv_k ON kv (k)")
    for i in range(3):
        run(s, f"INSERT INTO kv VALUES ('a', {i}) ON CONFLICT (k) DO UPDATE SET v = kv.v + excluded.v")
    assert run(s, "SELECT * FROM kv") == [("a", 3)]


def test_update_from_and_delete_using(s: Any) -> None:
    run(s, "CREATE TABLE t (id int PRIMARY KEY, v int, w text)")
    run(s, "INSERT INTO t VALUES (1, 30, 'a'), (3, 1, 'c'), (5, 0, 'e')")
    run(s, "CREATE TABLE u (id int, name text)")
    run(s, "INSERT INTO u VALUES (1, 'one'), (1, 'uno'), (3, 'three')")
    got = run(s, "UPDATE t SET w = u.name FROM u WHERE u.id = t.id RETURNING t.id, t.w, u.name")
    assert sorted(got) in ([(1, "one", "one"), (3, "three", "three")], [(1, "uno", "uno"), (3, "three", "three")])
    assert run(s, "DELETE FROM t USING u WHERE u.id = t.id AND u.name = 'three' RETURNING t.*, u.name") == \
        [(3, 1, "three", "three")]
    assert run(s, "UPDATE t SET v = v + 1 FROM u, (SELECT 1 AS one) z WHERE u.id = t.id AND z.one = 1") == \
        ("UPDATE", 1)
    assert run(s, "SELECT id, v FROM t ORDER BY id") == [(1, 31), (5, 0)]
    assert run(s, "DELETE FROM t AS x USING u WHERE x.id = u.id") == ("DELETE", 1)


def test_multi_column_set_and_returning(s: Any) -> None:
    run(s, "CREATE TABLE t (id int PRIMARY KEY, v int, w text)")
    run(s, "INSERT INTO t VALUES (1, 30, 'a')")
    assert run(s, "UPDATE t SET (v, w) = (v + 1, 'q') WHERE id = 1 RETURNING *") == [(1, 31, "q")]
    assert err(s, "UPDATE t SET v = 1, v = 2").message == 'multiple assignments to same column "v"'
    assert run(s, "INSERT INTO t VALUES (2, 1, 'x') RETURNING id * 10, w") == [(20, "x")]
    assert run(s, "DELETE FROM t WHERE id = 2 RETURNING w") == [("x",)]
