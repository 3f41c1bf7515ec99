"""psycopg 3 features that need the server's help: pipeline mode (with prepared statements, errors
and transactions), pg_prepared_statements, TypeInfo and its subclasses in both formats, and
pg_cancel_backend / pg_terminate_backend between sessions. Expectations are PostgreSQL 15's."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import errors
from psycopg.types import TypeInfo
from psycopg.types.composite import CompositeInfo, register_composite
from psycopg.types.enum import EnumInfo, register_enum
from psycopg.types.range import RangeInfo, register_range


@pytest.fixture()
def dbconn(server: Any, db: str) -> Iterator[psycopg.Connection]:
    with server.connect(dbname=db) as c:
        yield c


def test_pipeline_results_in_order(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute("CREATE TABLE pl (id int PRIMARY KEY, v text)")
    with c.pipeline():
        cur = c.cursor()
        cur.executemany("INSERT INTO pl VALUES (%s, %s)", [(i, f"v{i}") for i in range(20)])
        c1 = c.execute("SELECT count(*) FROM pl")
        c2 = c.execute("SELECT v FROM pl WHERE id = %s", [7])
        c3 = c.execute("SELECT %s::int + 1", [41], binary=True)
    assert c1.fetchone() == (20,)
    assert c2.fetchone() == ("v7",)
    assert c3.fetchone() == (42,)


def test_pipeline_prepared_statements_listed(dbconn: psycopg.Connection) -> None:
    c = dbconn
    with c.pipeline():
        c1 = c.execute("SELECT %s::int", [10], prepare=True)
        c2 = c.execute("SELECT name, statement, parameter_types::text, from_sql FROM pg_prepared_statements "
                       "WHERE name <> ''")
    assert c1.fetchone() == (10,)
    rows = c2.fetchall()
    assert len(rows) == 1
    name, statement, types, from_sql = rows[0]
    assert name.startswith("_pg3_") and statement == "SELECT $1::int" and types == "{smallint}" and not from_sql


def test_auto_prepare_in_pipeline(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.prepare_threshold = 3
    query = "SELECT count(*) FROM pg_prepared_statements WHERE name <> ''"
    with c.pipeline():
        cursors = [c.execute(query) for _ in range(6)]
    assert [cur.fetchone()[0] for cur in cursors] == [0, 0, 0, 1, 1, 1]


def test_sql_prepare_in_pg_prepared_statements(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute("PREPARE q(int, text) AS SELECT $1, $2")
    row = c.execute("SELECT name, statement, parameter_types::text, from_sql, prepare_time IS NOT NULL "
                    "FROM pg_prepared_statements").fetchone()
    assert row == ("q", "PREPARE q(int, text) AS SELECT $1, $2", "{integer,text}", True, True)
    c.execute("DEALLOCATE q")
    assert c.execute("SELECT count(*) FROM pg_prepared_statements").fetchone() == (0,)


def test_pipeline_error_then_transaction(dbconn: psycopg.Connection) -> None:
    c = dbconn
    c.execute("CREATE TABLE pe (id int PRIMARY KEY)")
    with pytest.raises(errors.UniqueViolation):
        with c.pipeline():
            c.execute("INSERT INTO pe VALUES (1)")
            c.execute("INSERT INTO pe VALUES (1)")
    with c.pipeline():
        with c.transaction():
            c.execute("INSERT INTO pe VALUES (2)")
            c.execute("INSERT INTO pe VALUES (3)")
        cur = c.execute("SELECT array_agg(id ORDER BY id) FROM pe")
    # the failed pipeline was one implicit transaction: its first INSERT is rolled back too
    assert cur.fetchone() == ([2, 3],)


@pytest.mark.parametrize("binary", [False, True])
def test_type_info_subclasses(dbconn: psycopg.Connection, binary: bool) -> None:
    c = dbconn
    c.execute("CREATE TYPE color AS ENUM ('red', 'green'); CREATE TYPE pt AS (x int, label text); "
              )
    info = TypeInfo.fetch(c, "text")
    assert (info.name, info.oid, info.array_oid) == ("text", 25, 1009)
    assert TypeInfo.fetch(c, "no_such_type") is None
    enum = EnumInfo.fetch(c, "color")
    assert enum.labels == ["red", "green"]
    register_enum(enum, c)
    comp = CompositeInfo.fetch(c, "pt")
    assert list(comp.field_names) == ["x", "label"] and list(comp.field_types) == [23, 25]
    register_composite(comp, c)
    rng = RangeInfo.fetch(c, "numrange")
    assert (rng.oid, rng.subtype_oid) == (3906, 1700)
    register_range(rng, c)
    cur = c.cursor(binary=binary)
    row = cur.execute("SELECT 'green'::color, ROW(1, 'a')::pt, '[1.5,2.5)'::numrange, "
                      "ARRAY['red', 'green']::color[]").fetchone()
    assert row[0].name == "green"
    assert (row[1].x, row[1].label) == (1, "a")
    assert (str(row[2].lower), str(row[2].upper), row[2].bounds) == ("1.5", "2.5", "[)")
    assert [x.name for x in row[3]] == ["red", "green"]


def test_cancel_and_terminate_backend(server: Any) -> None:
    with server.connect() as admin, server.connect() as victim:
        pid = victim.info.backend_pid
        got: list[BaseException] = []

        def sleep() -> None:
            try:
                victim.execute("SELECT pg_sleep(10)")
            except psycopg.Error as exc:
                got.append(exc)

        t = threading.Thread(target=sleep)
        t.start()
        time.sleep(0.5)
        assert admin.execute("SELECT pg_cancel_backend(%s)", [pid]).fetchone() == (True,)
        t.join(5)
        assert isinstance(got[0], errors.QueryCanceled)
        assert victim.execute("SELECT 1").fetchone() == (1,)  # a cancel leaves the session usable
        assert admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone() == (True,)
        with pytest.raises(errors.AdminShutdown, match="terminating connection due to administrator command"):
            for _ in range(50):
                victim.execute("SELECT 1")
                time.sleep(0.1)
        assert victim.closed or victim.broken
        assert pid not in [r[0] for r in admin.execute("SELECT pid FROM pg_stat_activity").fetchall()]


def test_signal_backend_rules(server: Any) -> None:
    with server.connect() as admin:
        notices: list[str] = []
        admin.add_notice_handler(lambda d: notices.append(d.message_primary or ""))
        assert admin.execute("SELECT pg_terminate_backend(999999)").fetchone() == (False,)
        assert notices == ["PID 999999 is not a PostgreSQL backend process"]
        with pytest.raises(errors.NumericValueOutOfRange, match='"timeout" must not be negative'):
            admin.execute("SELECT pg_terminate_backend(pg_backend_pid(), -1)")
        admin.execute("DROP ROLE IF EXISTS sig_a; DROP ROLE IF EXISTS sig_b")
        admin.execute("CREATE ROLE sig_a LOGIN PASSWORD 'pa'; CREATE ROLE sig_b LOGIN PASSWORD 'pb'; "
                      "GRANT CONNECT ON DATABASE postgres TO sig_a, sig_b")
        try:
            with server.connect(user="sig_a", password="pa") as a, server.connect(user="sig_b", password="pb") as b:
                with pytest.raises(errors.InsufficientPrivilege,
                                   match="must be a superuser to terminate superuser process"):
                    a.execute("SELECT pg_terminate_backend(%s)", [admin.info.backend_pid])
                with pytest.raises(errors.InsufficientPrivilege, match="must be a member of the role whose query "
                                   "is being canceled or member of pg_signal_backend"):
                    a.execute("SELECT pg_cancel_backend(%s)", [b.info.backend_pid])
                admin.execute("GRANT sig_b TO sig_a")
                assert a.execute("SELECT pg_cancel_backend(%s)", [b.info.backend_pid]).fetchone() == (True,)
        finally:
            admin.execute("REVOKE CONNECT ON DATABASE postgres FROM sig_a, sig_b; DROP ROLE sig_a; DROP ROLE sig_b")
