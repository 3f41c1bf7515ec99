"""The SQL layer driven directly through Instance/Session on a temporary data directory
(no sockets): planner, executor, transactions, privileges, SQLSTATEs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from sql.errors import SqlError
from sql.instance import Instance
from tests.sql.sessions import open_instance
from tests.sql.sessions import run_values as run
from tests.sql.sessions import sql_error_code as code_of


@pytest.fixture()
def instance(tmp_path: Any) -> Iterator[Instance]:
    with open_instance(tmp_path) as inst:
        yield inst


_pid = [1000]


def connect(inst: Instance, user: str = "postgres", db: str = "postgres") -> Any:
    _pid[0] += 1
    return inst.connect(user, db, {}, _pid[0], "127.0.0.1")


def test_select_constants(instance: Instance) -> None:
    s = connect(instance)
    assert run(s, "SELECT 1, 'a', 1.5, true, null") == [(1, "a", Decimal("1.5"), True, None)]
    assert run(s, "SELECT 7 / 2, 7 % 3, -7 / 2, 2 + 3 * 4") == [(3, 1, -3, 14)]


def test_create_insert_select(instance: Instance) -> None:
    s = connect(instance)
    run(s, "CREATE TABLE t (id serial PRIMARY KEY, name varchar(10) NOT NULL, n numeric(6,2) DEFAULT 1.5)")
    run(s, "INSERT INTO t (name) VALUES ('a'), ('b')")
    run(s, "INSERT INTO t (name, n) VALUES ('c', 2.345)")
    assert run(s, "SELECT id, name, n FROM t ORDER BY id") == [
        (1, "a", Decimal("1.50")), (2, "b", Decimal("1.50")), (3, "c", Decimal("2.35"))]
    assert run(s, "SELECT name FROM t WHERE id = 2") == [("b",)]
    assert run(s, "SELECT count(*), sum(n), max(name) FROM t") == [(3, Decimal("5.35"), "c")]


def test_errors(instance: Instance) -> None:
    s = connect(instance)
    run(s, "CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)")
    assert code_of(s, "SELEC 1") == "42601"
    assert code_of(s, "SELECT * FROM nope") == "42P01"
    assert code_of(s, "SELECT nope FROM t") == "42703"
    assert code_of(s, "CREATE TABLE t (a int)") == "42P07"
    run(s, "INSERT INTO t VALUES (1, 'x')")
    assert code_of(s, "INSERT INTO t VALUES (1, 'y')") == "23505"
    assert code_of(s, "INSERT INTO t VALUES (2, NULL)") == "23502"
    assert code_of(s, "SELECT 'abc'::int") == "22P02"
    assert code_of(s, "SELECT 2147483647 + 1") == "22003"
    assert code_of(s, "SELECT 1 / 0") == "22012"


def test_transaction_block_and_failed_state(instance: Instance) -> None:
    s = connect(instance)
    run(s, "CREATE TABLE t (id int PRIMARY KEY)")
    run(s, "BEGIN")
    run(s, "INSERT INTO t VALUES (1)")
    assert s.tx_status == "T"
    with pytest.raises(SqlError):
        run(s, "SELECT 1/0")
    assert s.tx_status == "E"
    assert code_of(s, "SELECT 1") == "25P02"
    run(s, "ROLLBACK")
    assert s.tx_status == "I"
    assert run(s, "SELECT count(*) FROM t") == [(0,)]


def test_privileges(instance: Instance) -> None:
    su = connect(instance)
    run(su, "CREATE TABLE secret (id int)")
    run(su, "CREATE ROLE bob LOGIN PASSWORD 'pw'")
    run(su, "GRANT CONNECT ON DATABASE postgres TO bob")
    bob = connect(instance, "bob")
    assert code_of(bob, "SELECT * FROM secret") == "42501"
    run(su, "GRANT SELECT ON secret TO bob")
    assert run(bob, "SELECT count(*) FROM secret") == [(0,)]
    assert code_of(bob, "INSERT INTO secret VALUES (1)") == "42501"


def test_database_isolation(instance: Instance) -> None:
    su = connect(instance)
    run(su, "CREATE DATABASE org1")
    run(su, "CREATE ROLE alice LOGIN PASSWORD 'pw'")
    with pytest.raises(SqlError) as ei:
        connect(instance, "alice", "org1")
    assert ei.value.code == "42501"
    with pytest.raises(SqlError) as ei:
        connect(instance, "alice", "nope")
    assert ei.value.code == "3D000"
    o1 = connect(instance, "postgres", "org1")
    run(o1, "CREATE TABLE only_here (x int)")
    assert code_of(su, "SELECT * FROM only_here") == "42P01"


def test_joins_group_order(instance: Instance) -> None:
    s = connect(instance)
    run(s, "CREATE TABLE a (id int PRIMARY KEY, g text)")
    run(s, "CREATE TABLE b (aid int, v int)")
    run(s, "INSERT INTO a VALUES (1, 'x'), (2, 'y'), (3, 'x')")
    run(s, "INSERT INTO b VALUES (1, 10), (1, 20), (2, 5)")
    assert run(s, "SELECT a.id, b.v FROM a JOIN b ON a.id = b.aid ORDER BY 1, 2") == [(1, 10), (1, 20), (2, 5)]
    assert run(s, "SELECT a.id, b.v FROM a LEFT JOIN b ON a.id = b.aid WHERE a.id = 3") == [(3, None)]
    assert run(s, "SELECT g, count(*) FROM a GROUP BY g HAVING count(*) > 1") == [("x", 2)]
    assert run(s, "SELECT id FROM a ORDER BY id DESC LIMIT 2 OFFSET 1") == [(2,), (1,)]


def test_update_delete_returning(instance: Instance) -> None:
    s = connect(instance)
    run(s, "CREATE TABLE t (id int PRIMARY KEY, v int)")
    run(s, "INSERT INTO t VALUES (1, 1), (2, 2)")
    assert run(s, "UPDATE t SET v = v * 10 WHERE id = 2 RETURNING v") == [(20,)]
    assert run(s, "DELETE FROM t WHERE id = 1 RETURNING id, v") == [(1, 1)]
    assert run(s, "SELECT * FROM t") == [(2, 20)]


def test_concurrent_updates_do_not_lose_increments(instance: Instance) -> None:
    a = connect(instance)
    b = connect(instance)
    run(a, "CREATE TABLE c (id int PRIMARY KEY, n int)")
    run(a, "INSERT INTO c VALUES (1, 0)")
    run(a, "BEGIN")
    run(b, "BEGIN")
    run(a, "UPDATE c SET n = n + 1 WHERE id = 1")
    done: list[Any] = []
    waiter = threading.Thread(target=lambda: done.append(run(b, "UPDATE c SET n = n + 1 WHERE id = 1 RETURNING n")))
    waiter.start()
    waiter.join(0.3)
    assert waiter.is_alive()  # b waits for a's row lock
    run(a, "COMMIT")
    waiter.join(10)
    assert done == [[(2,)]]  # and then updates the row a committed
    run(b, "COMMIT")
    assert run(a, "SELECT n FROM c") == [(2,)]


def test_index_lookup_and_unique_index(instance: Instance) -> None:
    s = connect(instance)
    run(s, "CREATE TABLE t (id int PRIMARY KEY, email text)")
    run(s, "INSERT INTO t VALUES (1, 'a@x'), (2, 'b@x')")
    run(s, "CREATE UNIQUE INDEX t_email ON t (email)")
    assert run(s, "SELECT id FROM t WHERE email = 'b@x'") == [(2,)]
    assert code_of(s, "INSERT INTO t VALUES (3, 'a@x')") == "23505"
    run(s, "DROP INDEX t_email")
    run(s, "INSERT INTO t VALUES (3, 'a@x')")


def test_set_show(instance: Instance) -> None:
    s = connect(instance)
    run(s, "SET application_name = 'x'")
    assert run(s, "SHOW application_name") == [("x",)]
    assert code_of(s, "SET no_such_thing = 1") == "42704"
    assert run(s, "SELECT current_setting('application_name')") == [("x",)]
    assert s.take_reported().get("application_name") == "x"


def test_default_isolation_applies_to_the_next_implicit_transaction(instance: Instance) -> None:
    s = connect(instance)
    run(s, "SET default_transaction_isolation = 'serializable'")
    assert run(s, "SHOW transaction_isolation") == [("serializable",)]
    assert run(s, "SELECT current_setting('transaction_isolation')") == [("serializable",)]
    run(s, "SET default_transaction_read_only = on")
    assert run(s, "SHOW transaction_read_only") == [("on",)]
