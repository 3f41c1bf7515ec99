"""Row-level security on INSERT, UPDATE, DELETE, INSERT ... ON CONFLICT, MERGE and COPY FROM:
every statement runs on pgserver and on a real PostgreSQL 15, and both must answer alike
(rows, command tags, SQLSTATE and message)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.oracle_compare import Step, real_postgres, run_steps
from tests.e2e.realpg import RealPostgres


@pytest.fixture(scope="module")
def realpg() -> Iterator[RealPostgres]:
    with real_postgres() as pg:
        yield pg


_n = [0]


def _compare(server: Any, realpg: RealPostgres, steps: list[Step], roles: tuple[str, ...] = ("ra",)) -> list:
    import psycopg

    _n[0] += 1
    db = f"rlsw{os.getpid()}_{_n[0]}"
    results = []
    for connect in (lambda d: server.connect(dbname=d),
                    lambda d: psycopg.connect(realpg.dsn(d), autocommit=True)):
        with connect("postgres") as c:
            c.execute(f"CREATE DATABASE {db}")
            for r in roles:
                c.execute(f"DROP ROLE IF EXISTS {r}")
            for r in roles:
                c.execute(f"CREATE ROLE {r}" + (" BYPASSRLS" if r.startswith("bypass") else ""))
        with connect(db) as c:
            results.append(run_steps(c, steps))
        with connect("postgres") as c:
            c.execute(f"DROP DATABASE {db}")
    ours, theirs = results
    for a, b in zip(ours, theirs):
        assert a == b
    assert len(ours) == len(theirs)
    return theirs


SETUP: list[Step] = [
    (None, "CREATE TABLE t (id int PRIMARY KEY, owner text, v int)"),
    (None, "GRANT ALL ON t TO PUBLIC"),
    (None, "INSERT INTO t VALUES (1, 'ra', 1), (2, 'other', 2), (3, 'ra', 30)"),
    (None, "ALTER TABLE t ENABLE ROW LEVEL SECURITY"),
]


def _errors(results: list) -> list[str]:
    return [r[4] for r in results if r[2] == "error"]


def test_no_policy_denies_every_write(server: Any, realpg: RealPostgres) -> None:
    got = _compare(server, realpg, SETUP + [
        ("ra", "SELECT * FROM t"),
        ("ra", "INSERT INTO t VALUES (4, 'ra', 4)"),
        ("ra", "UPDATE t SET v = 0"),
        ("ra", "DELETE FROM t"),
        (None, "SELECT count(*) FROM t"),
    ])
    assert 'new row violates row-level security policy for table "t"' in _errors(got)


def test_per_command_policies(server: Any, realpg: RealPostgres) -> None:
    got = _compare(server, realpg, SETUP + [
        (None, "CREATE POLICY p_sel ON t FOR SELECT USING (owner = current_user)"),
        (None, "CREATE POLICY p_ins ON t FOR INSERT WITH CHECK (owner = current_user)"),
        (None, "CREATE POLICY p_upd ON t FOR UPDATE USING (owner = current_user) WITH CHECK (v < 50)"),
        (None, "CREATE POLICY p_del ON t FOR DELETE USING (v < 10)"),
        ("ra", "INSERT INTO t VALUES (4, 'ra', 4)"),
        ("ra", "INSERT INTO t VALUES (5, 'x', 5)"),
        ("ra", "INSERT INTO t VALUES (6, 'x', 6) ON CONFLICT DO NOTHING"),
        ("ra", "INSERT INTO t VALUES (7, 'ra', 7) RETURNING *"),
        ("ra", "UPDATE t SET v = v + 1"),
        ("ra", "UPDATE t SET v = 60 WHERE id = 1"),
        ("ra", "UPDATE t SET v = 40 WHERE id = 1 RETURNING *"),
        ("ra", "UPDATE t SET owner = 'x' WHERE id = 4"),
        ("ra", "DELETE FROM t WHERE id = 3"),
        ("ra", "DELETE FROM t"),
        ("ra", "SELECT * FROM t ORDER BY id"),
        (None, "SELECT * FROM t ORDER BY id"),
    ])
    assert len(_errors(got)) >= 3


def test_update_without_with_check_checks_using_on_new_row(server: Any, realpg: RealPostgres) -> None:
    _compare(server, realpg, SETUP + [
        (None, "CREATE POLICY p_all ON t USING (owner = current_user)"),
        ("ra", "UPDATE t SET owner = 'other' WHERE id = 1"),
        ("ra", "UPDATE t SET v = 5 RETURNING id, v"),
        ("ra", "INSERT INTO t VALUES (9, 'other', 9)"),
        ("ra", "DELETE FROM t WHERE v = 5 RETURNING id"),
    ])


def test_restrictive_policies_are_and_ed_and_named(server: Any, realpg: RealPostgres) -> None:
    got = _compare(server, realpg, SETUP + [
        (None, "CREATE POLICY p_all ON t USING (true) WITH CHECK (true)"),
        (None, "CREATE POLICY r_pos ON t AS RESTRICTIVE USING (v > 0) WITH CHECK (v < 1000)"),
        (None, "CREATE POLICY r_mine ON t AS RESTRICTIVE FOR INSERT TO ra WITH CHECK (owner = current_user)"),
        ("ra", "INSERT INTO t VALUES (10, 'ra', 5000)"),
        ("ra", "INSERT INTO t VALUES (11, 'zz', 5)"),
        ("ra", "INSERT INTO t VALUES (12, 'ra', 5)"),
        ("ra", "UPDATE t SET v = -1 WHERE id = 1"),
        ("ra", "UPDATE t SET v = v - 2"),
        ("ra", "SELECT * FROM t ORDER BY id"),
    ])
    assert 'new row violates row-level security policy "r_pos" for table "t"' in _errors(got)


def test_on_conflict_do_update(server: Any, realpg: RealPostgres) -> None:
    got = _compare(server, realpg, SETUP + [
        (None, "CREATE POLICY p_sel ON t FOR SELECT USING (true)"),
        (None, "CREATE POLICY p_ins ON t FOR INSERT WITH CHECK (owner = current_user)"),
        (None, "CREATE POLICY p_upd ON t FOR UPDATE USING (owner = current_user) WITH CHECK (v < 50)"),
        ("ra", "INSERT INTO t VALUES (2, 'ra', 5) ON CONFLICT (id) DO UPDATE SET v = excluded.v"),
        ("ra", "INSERT INTO t VALUES (1, 'ra', 5) ON CONFLICT (id) DO UPDATE SET v = 60"),
        ("ra", "INSERT INTO t VALUES (1, 'ra', 5) ON CONFLICT (id) DO UPDATE SET v = 7 RETURNING *"),
        ("ra", "INSERT INTO t VALUES (1, 'zz', 5) ON CONFLICT (id) DO UPDATE SET v = 8"),
        ("ra", "INSERT INTO t VALUES (2, 'ra', 5) ON CONFLICT (id) DO UPDATE SET v = 8 WHERE t.v > 100"),
        (None, "SELECT * FROM t ORDER BY id"),
    ])
    assert 'new row violates row-level security policy (USING expression) for table "t"' in _errors(got)


def test_owner_force_bypassrls_and_superuser(server: Any, realpg: RealPostgres) -> None:
    _compare(server, realpg, SETUP + [
        (None, "CREATE POLICY p_ins ON t FOR INSERT WITH CHECK (v < 10)"),
        (None, "INSERT INTO t VALUES (20, 'postgres', 100)"),
        ("bypass_b", "INSERT INTO t VALUES (21, 'b', 100)"),
        (None, "ALTER TABLE t OWNER TO ra"),
        ("ra", "INSERT INTO t VALUES (22, 'ra', 100)"),
        ("ra", "ALTER TABLE t FORCE ROW LEVEL SECURITY"),
        ("ra", "INSERT INTO t VALUES (23, 'ra', 100)"),
        ("ra", "INSERT INTO t VALUES (24, 'ra', 1)"),
        ("ra", "UPDATE t SET v = 0"),
        (None, "INSERT INTO t VALUES (25, 'postgres', 100)"),
        ("ra", "ALTER TABLE t NO FORCE ROW LEVEL SECURITY"),
        ("ra", "UPDATE t SET v = 0 WHERE id = 1"),
        (None, "SELECT * FROM t ORDER BY id"),
    ], roles=("ra", "bypass_b"))


def test_policies_use_current_setting(server: Any, realpg: RealPostgres) -> None:
    _compare(server, realpg, SETUP + [
        (None, "CREATE POLICY p ON t USING (v < current_setting('app.lim')::int)"),
        (None, "SET app.lim = '10'"),
        ("ra", "SELECT * FROM t ORDER BY id"),
        ("ra", "UPDATE t SET v = v + 1 RETURNING *"),
        ("ra", "INSERT INTO t VALUES (30, 'ra', 9)"),
        ("ra", "INSERT INTO t VALUES (31, 'ra', 11)"),
        ("ra", "SET app.lim = '100'"),
        ("ra", "DELETE FROM t WHERE v > 5 RETURNING id"),
    ])


def test_merge(server: Any, realpg: RealPostgres) -> None:
    got = _compare(server, realpg, SETUP + [
        (None, "CREATE POLICY p_cs ON t FOR SELECT USING (v < 10)"),
        (None, "CREATE POLICY p_ins ON t FOR INSERT WITH CHECK (owner = current_user)"),
        (None, "CREATE POLICY p_upd ON t FOR UPDATE USING (owner = current_user) WITH CHECK (v < 50)"),
        (None, "CREATE POLICY p_del ON t FOR DELETE USING (owner = current_user)"),
        ("ra", "MERGE INTO t USING (VALUES (1, 'ra', 2), (20, 'zz', 3)) s(id, owner, v) ON t.id = s.id "
               "WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.owner, s.v)"),
        ("ra", "MERGE INTO t USING (VALUES (1, 'ra', 2), (20, 'ra', 3)) s(id, owner, v) ON t.id = s.id "
               "WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.owner, s.v)"),
        ("ra", "MERGE INTO t USING (VALUES (2, 'ra', 2)) s(id, owner, v) ON t.id = s.id "
               "WHEN MATCHED THEN UPDATE SET v = s.v"),
        ("ra", "MERGE INTO t USING (VALUES (3, 'ra', 2)) s(id, owner, v) ON t.id = s.id WHEN MATCHED THEN DELETE"),
        ("ra", "MERGE INTO t USING (VALUES (2, 'ra', 2)) s(id, owner, v) ON t.id = s.id WHEN MATCHED THEN DELETE"),
        ("ra", "MERGE INTO t USING (VALUES (1, 'ra', 99)) s(id, owner, v) ON t.id = s.id "
               "WHEN MATCHED THEN UPDATE SET v = s.v"),
        (None, "SELECT * FROM t ORDER BY id"),
    ])
    assert 'target row violates row-level security policy (USING expression) for table "t"' in _errors(got)


def test_copy_from_is_refused_under_row_security(server: Any, realpg: RealPostgres) -> None:
    import psycopg

    answers = []
    for connect in (lambda: server.connect(), lambda: psycopg.connect(realpg.dsn(), autocommit=True)):
        with connect() as c:
            c.execute("DROP TABLE IF EXISTS rls_copy")
            c.execute("DROP ROLE IF EXISTS rls_copier")
            c.execute("CREATE ROLE rls_copier")
            c.execute("CREATE TABLE rls_copy (a int)")
            c.execute("GRANT ALL ON rls_copy TO rls_copier")
            c.execute("ALTER TABLE rls_copy ENABLE ROW LEVEL SECURITY")
            c.execute("CREATE POLICY p ON rls_copy USING (true)")
            c.execute("SET ROLE rls_copier")
            try:
                with c.cursor().copy("COPY rls_copy FROM STDIN") as cp:
                    cp.write_row((1,))
                answers.append(("ok",))
            except psycopg.Error as e:
                answers.append((e.sqlstate, e.diag.message_primary, e.diag.message_hint))
            c.execute("RESET ROLE")
            with c.cursor().copy("COPY rls_copy FROM STDIN") as cp:  # the owner is not subject to it
                cp.write_row((2,))
            answers.append(c.execute("SELECT a FROM rls_copy").fetchall())
            c.execute("DROP TABLE rls_copy")
            c.execute("DROP ROLE rls_copier")
    assert answers[:2] == answers[2:]
    assert answers[0][0] == "0A000"


def test_with_check_sees_the_row_before_triggers_made(server: Any, realpg: RealPostgres) -> None:
    got = _compare(server, realpg, SETUP + [
        (None, "CREATE POLICY p ON t USING (true) WITH CHECK (v < 10)"),
        (None, "CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS "
               "$$ BEGIN NEW.v := NEW.v + 100; RETURN NEW; END $$"),
        (None, "CREATE TRIGGER tb BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION bump()"),
        ("ra", "UPDATE t SET v = 2 WHERE id = 1"),
        ("ra", "INSERT INTO t VALUES (7, 'ra', 3)"),
        (None, "CREATE TRIGGER ti BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION bump()"),
        ("ra", "INSERT INTO t VALUES (8, 'ra', 3)"),
        (None, "SELECT * FROM t ORDER BY id"),
    ])
    assert len(_errors(got)) == 2


def test_create_alter_drop_policy(server: Any, realpg: RealPostgres) -> None:
    listing = ("SELECT policyname, permissive, roles, cmd, qual, with_check FROM pg_policies "
               "WHERE tablename = 't' ORDER BY policyname")
    _compare(server, realpg, SETUP + [
        (None, "CREATE POLICY p1 ON t FOR SELECT TO ra USING (owner = current_user)"),
        (None, "CREATE POLICY p2 ON t AS RESTRICTIVE FOR UPDATE USING (v > 0) WITH CHECK (v < 100)"),
        (None, "CREATE POLICY p3 ON t FOR INSERT WITH CHECK (v < current_setting('app.max', true)::int)"),
        (None, "CREATE POLICY p1 ON t USING (true)"),
        (None, listing),
        ("ra", "SELECT id FROM t ORDER BY id"),
        (None, "ALTER POLICY p1 ON t USING (v > 1)"),
        (None, "ALTER POLICY p2 ON t TO ra WITH CHECK (v < 50)"),
        (None, "ALTER POLICY p3 ON t RENAME TO p3b"),
        (None, "ALTER POLICY nope ON t USING (true)"),
        (None, listing),
        ("ra", "SELECT id FROM t ORDER BY id"),
        ("ra", "ALTER POLICY p1 ON t USING (true)"),
        (None, "DROP POLICY p1 ON t"),
        (None, "DROP POLICY IF EXISTS p1 ON t"),
        (None, "DROP POLICY p1 ON t"),
        ("ra", "SELECT id FROM t ORDER BY id"),
        (None, "ALTER TABLE t DISABLE ROW LEVEL SECURITY"),
        ("ra", "SELECT id FROM t ORDER BY id"),
        (None, listing),
    ])
