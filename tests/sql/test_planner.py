"""The planner's choices, inspected on the plan trees it builds (no sockets): access paths for
one table (TableAccess.kind: seq / pk_eq / pk_range / index_eq / index_range), join methods, and
plan reuse -- simple queries that differ only in literals share one cached plan, and a prepared
statement keeps its plan until the catalog changes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from sql import typesys as T
from sql.errors import SqlError
from sql.executor.join import HashJoin, NestedLoopJoin
from sql.executor.scan import TableAccess
from sql.expr import Ctx
from sql.instance import Instance
from tests.sql.sessions import open_instance
from tests.sql.sessions import run_values as run

_pid = [5000]


@pytest.fixture()
def instance(tmp_path: Any) -> Iterator[Instance]:
    with open_instance(tmp_path) as inst:
        yield inst


@pytest.fixture()
def session(instance: Instance) -> Any:
    _pid[0] += 1
    s = instance.connect("postgres", "postgres", {}, _pid[0], "127.0.0.1")
    run(s, "CREATE TABLE t (pk int PRIMARY KEY, idx_col text, other int, n int)")
    run(s, "CREATE INDEX t_idx_col ON t (idx_col)")
    run(s, "CREATE INDEX t_n ON t (n)")
    run(s, "INSERT INTO t VALUES (1, 'x', 10, 100), (2, 'y', 20, 200), (7, 'x', 70, 700), (9, 'z', 90, 900)")
    run(s, "CREATE TABLE u (id int PRIMARY KEY, tid int, label text)")
    run(s, "INSERT INTO u VALUES (10, 1, 'a'), (11, 7, 'b'), (12, 7, 'c'), (13, 42, 'd')")
    return s


def execute_prepared(session: Any, name: str, values: list[Any]) -> list[tuple[Any, ...]]:
    """Bind text parameters to a prepared statement, execute the portal, sync."""
    session.bind("", name, [0], [None if v is None else str(v).encode() for v in values], [])
    res = session.execute("", 0)
    rows = list(res.rows) if res.rows is not None else []
    if res.wait is not None:
        res.wait.result()
    fut = session.sync()
    if fut is not None:
        fut.result()
    return rows


def prepare(session: Any, sql: str, param_types: list[int] | None = None) -> Any:
    """The Prepared object the session builds for `sql` (not cached, not run)."""
    stmts = session._parse_cache.parse(sql)
    assert len(stmts) == 1
    return session._prepare(stmts[0], list(param_types or []))


def plan_nodes(node: Any) -> list[Any]:
    """Every executor node of a plan, depth first (dataclass fields that are nodes themselves)."""
    out: list[Any] = []

    def visit(n: Any) -> None:
        if n is None or isinstance(n, (str, bytes, int, float)):
            return
        if isinstance(n, (list, tuple)):
            for item in n:
                visit(item)
            return
        if not dataclasses.is_dataclass(n):
            return
        if hasattr(n, "root") and not hasattr(n, "rows") or type(n).__name__ == "PlannedQuery":
            visit(n.root)
            return
        if not (hasattr(n, "rows") or hasattr(n, "run")):
            return
        out.append(n)
        for f in dataclasses.fields(n):
            visit(getattr(n, f.name))

    visit(node)
    return out


def accesses(sql: str, session: Any, param_types: list[int] | None = None) -> list[TableAccess]:
    return [n for n in plan_nodes(prepare(session, sql, param_types).plan) if isinstance(n, TableAccess)]


def access_kind(session: Any, sql: str, param_types: list[int] | None = None) -> str:
    found = accesses(sql, session, param_types)
    assert len(found) == 1, found
    return found[0].kind


# --- access paths ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("where", "kind", "pks"), [
    ("pk = 1", "pk_eq", [1]),
    ("1 = pk", "pk_eq", [1]),
    ("pk = '7'", "pk_eq", [7]),
    ("pk = 1 AND other = 20", "pk_eq", []),
    ("pk = NULL", {"seq", "pk_eq"}, []),
    ("pk > 5", "pk_range", [7, 9]),
    ("pk >= 7", "pk_range", [7, 9]),
    ("pk < 7", "pk_range", [1, 2]),
    ("5 < pk", "pk_range", [7, 9]),
    ("pk > 1 AND pk <= 7", "pk_range", [2, 7]),
    ("idx_col = 'x'", "index_eq", [1, 7]),
    ("'x' = idx_col", "index_eq", [1, 7]),
    ("n = 200", "index_eq", [2]),
    ("idx_col > 'x'", "index_range", [2, 9]),
    ("n BETWEEN 150 AND 700", {"seq", "index_range"}, [2, 7]),
    ("n >= 150 AND n <= 700", "index_range", [2, 7]),
    ("other = 10", "seq", [1]),
    ("other > 10 AND other < 90", "seq", [2, 7]),
    ("pk = 1 OR pk = 2", "seq", [1, 2]),
    ("pk + 0 = 1", "seq", [1]),
    ("pk = other", "seq", []),
])
def test_access_path_for_literal_predicates(session: Any, where: str, kind: str | set[str], pks: list[int]) -> None:
    sql = f"SELECT pk FROM t WHERE {where} ORDER BY pk"
    assert access_kind(session, sql) in ({kind} if isinstance(kind, str) else kind)
    assert [r[0] for r in run(session, sql)] == pks


def test_pk_and_index_lookup_with_parameters(session: Any) -> None:
    assert access_kind(session, "SELECT * FROM t WHERE pk = $1") == "pk_eq"
    assert access_kind(session, "SELECT * FROM t WHERE pk > $1") == "pk_range"
    assert access_kind(session, "SELECT * FROM t WHERE idx_col = $1") == "index_eq"
    assert access_kind(session, "SELECT * FROM t WHERE pk = $1", [T.INT4]) == "pk_eq"
    # an int8 parameter for an int4 key: no key lookup (the value may not fit the key's type)
    assert access_kind(session, "SELECT * FROM t WHERE pk = $1", [T.INT8]) == "seq"
    session.parse("by_pk", "SELECT pk, idx_col FROM t WHERE pk = $1", [])
    assert execute_prepared(session, "by_pk", [7]) == [(7, "x")]
    assert execute_prepared(session, "by_pk", [3]) == []
    assert execute_prepared(session, "by_pk", [None]) == []
    session.parse("by_pk8", "SELECT pk FROM t WHERE pk = $1", [T.INT8])
    assert execute_prepared(session, "by_pk8", [9]) == [(9,)]
    assert execute_prepared(session, "by_pk8", [3000000000]) == []


def key_values(session: Any, node: TableAccess) -> list[Any]:
    """The lookup / range-bound values of a key access, evaluated (no parameters)."""
    ctx = Ctx([], None, session)
    return [e.fn((), ctx) for e in node.eq + node.lower + node.upper]


def test_pk_equals_fraction_is_not_a_truncated_pk_lookup(session: Any) -> None:
    sql = "SELECT pk FROM t WHERE pk = 1.5"
    (node,) = accesses(sql, session)
    # either no key lookup at all, or one with the exact value (never the int key 1 or 2)
    assert node.kind == "seq" or key_values(session, node) == [Decimal("1.5")]
    assert run(session, sql) == []


@pytest.mark.parametrize(("where", "pks"), [
    ("pk = 1.5", []),
    ("pk = 1.0", [1]),
    ("pk = 7.0", [7]),
    ("pk > 1.5", [2, 7, 9]),
    ("pk < 2.5", [1, 2]),
    ("pk >= 1.5 AND pk <= 7.5", [2, 7]),
    ("pk = 3000000000", []),
    ("pk < 3000000000", [1, 2, 7, 9]),
    ("pk > -3000000000", [1, 2, 7, 9]),
    ("n = 200.5", []),
    ("n = 200.0", [2]),
    ("n > 199.9", [2, 7, 9]),
])
def test_converted_key_values_give_correct_results(session: Any, where: str, pks: list[int]) -> None:
    """Numeric or too-wide values compared with an int key: whatever the access path, no value
    may be truncated or wrapped into the key's type."""
    sql = f"SELECT pk FROM t WHERE {where} ORDER BY pk"
    literals = {Decimal(m) for m in re.findall(r"-?\d+(?:\.\d+)?", where)}
    for node in accesses(sql, session):
        assert all(Decimal(v) in literals for v in key_values(session, node)), (node.kind, key_values(session, node))
    assert [r[0] for r in run(session, sql)] == pks


@pytest.mark.parametrize(("value", "pks"), [("1.5", []), ("1", [1]), ("7.0", [7])])
def test_no_key_lookup_with_a_numeric_parameter(session: Any, value: str, pks: list[int]) -> None:
    assert access_kind(session, "SELECT pk FROM t WHERE pk = $1", [T.NUMERIC]) == "seq"
    session.parse("num", "SELECT pk FROM t WHERE pk = $1", [T.NUMERIC])
    assert execute_prepared(session, "num", [value]) == [(p,) for p in pks]


def test_access_paths_for_update_and_delete(session: Any) -> None:
    assert access_kind(session, "UPDATE t SET other = 0 WHERE pk = 2") == "pk_eq"
    assert access_kind(session, "DELETE FROM t WHERE idx_col = 'z'") == "index_eq"
    assert access_kind(session, "DELETE FROM t WHERE other = 1") == "seq"
    run(session, "UPDATE t SET other = 0 WHERE pk = 2")
    run(session, "DELETE FROM t WHERE idx_col = 'z'")
    assert run(session, "SELECT pk, other FROM t ORDER BY pk") == [(1, 10), (2, 0), (7, 70)]


# --- joins -----------------------------------------------------------------------------------------------


def _joins(session: Any, sql: str) -> list[Any]:
    return [n for n in plan_nodes(prepare(session, sql).plan) if isinstance(n, (HashJoin, NestedLoopJoin))]


@pytest.mark.parametrize(("sql", "method", "rows"), [
    ("SELECT t.pk, u.id FROM t JOIN u ON t.pk = u.tid ORDER BY 1, 2", HashJoin, [(1, 10), (7, 11), (7, 12)]),
    ("SELECT t.pk, u.id FROM t JOIN u ON u.tid = t.pk ORDER BY 1, 2", HashJoin, [(1, 10), (7, 11), (7, 12)]),
    ("SELECT t.pk, u.id FROM t JOIN u ON t.pk = u.tid AND u.label <> 'b' ORDER BY 1, 2", HashJoin,
     [(1, 10), (7, 12)]),
    ("SELECT t.pk, u.id FROM t LEFT JOIN u ON t.pk = u.tid ORDER BY 1, 2", HashJoin,
     [(1, 10), (2, None), (7, 11), (7, 12), (9, None)]),
    ("SELECT t.pk, u.id FROM t JOIN u ON t.pk > u.tid ORDER BY 1, 2", NestedLoopJoin,
     [(2, 10), (7, 10), (9, 10), (9, 11), (9, 12)]),
    ("SELECT t.pk, u.id FROM t JOIN u ON t.pk = u.tid OR u.id = 13 ORDER BY 1, 2", NestedLoopJoin,
     [(1, 10), (1, 13), (2, 13), (7, 11), (7, 12), (7, 13), (9, 13)]),
    ("SELECT t.pk, u.id FROM t LEFT JOIN u ON t.pk < u.tid - 40 ORDER BY 1, 2", NestedLoopJoin,
     [(1, 13), (2, None), (7, None), (9, None)]),
])
def test_join_method(session: Any, sql: str, method: type, rows: list[tuple[Any, ...]]) -> None:
    joins = _joins(session, sql)
    assert [type(j) for j in joins] == [method]
    assert run(session, sql) == rows


def test_hash_join_on_int_and_bigint_keys(session: Any) -> None:
    run(session, "CREATE TABLE w (id bigint PRIMARY KEY)")
    run(session, "INSERT INTO w VALUES (1), (7), (8)")
    sql = "SELECT t.pk FROM t JOIN w ON t.pk = w.id ORDER BY 1"
    assert [type(j) for j in _joins(session, sql)] == [HashJoin]
    assert run(session, sql) == [(1,), (7,)]


# --- plan reuse ------------------------------------------------------------------------------------------


def test_simple_queries_differing_in_literals_share_one_plan(session: Any) -> None:
    session._plan_cache.clear()
    assert run(session, "SELECT pk, idx_col FROM t WHERE pk = 1") == [(1, "x")]
    assert len(session._plan_cache) == 1
    (prepared,) = session._plan_cache.values()
    plan = prepared.plan
    assert [n.kind for n in plan_nodes(plan) if isinstance(n, TableAccess)] == ["pk_eq"]

    assert run(session, "SELECT pk, idx_col FROM t WHERE pk = 7") == [(7, "x")]
    assert run(session, "SELECT pk, idx_col FROM t WHERE pk = 3") == []
    assert len(session._plan_cache) == 1
    (again,) = session._plan_cache.values()
    assert again is prepared and again.plan is plan

    # strings too, and several literals at once
    session._plan_cache.clear()
    assert run(session, "SELECT pk FROM t WHERE idx_col = 'x' AND pk > 1 LIMIT 5") == [(7,)]
    assert run(session, "SELECT pk FROM t WHERE idx_col = 'y' AND pk > 0 LIMIT 1") == [(2,)]
    assert len(session._plan_cache) == 1


def test_literals_of_another_type_get_their_own_plan(session: Any) -> None:
    session._plan_cache.clear()
    assert run(session, "SELECT pk FROM t WHERE pk = 1") == [(1,)]
    assert run(session, "SELECT pk FROM t WHERE pk = 1.5") == []  # numeric: not the int4 plan
    assert run(session, "SELECT pk FROM t WHERE pk = 3000000000") == []  # int8
    assert len(session._plan_cache) == 3
    kinds = sorted(n.kind for p in session._plan_cache.values() for n in plan_nodes(p.plan)
                   if isinstance(n, TableAccess))
    assert kinds == ["pk_eq", "seq", "seq"]


def test_prepared_statement_is_not_replanned_without_catalog_change(session: Any) -> None:
    session.parse("st", "SELECT pk, idx_col FROM t WHERE pk = $1", [])
    prepared = session._statements["st"]
    plan = prepared.plan
    assert execute_prepared(session, "st", [1]) == [(1, "x")]
    assert execute_prepared(session, "st", [7]) == [(7, "x")]
    assert session._statements["st"] is prepared and prepared.plan is plan
    # data changes are not catalog changes
    run(session, "INSERT INTO t VALUES (3, 'q', 30, 300)")
    run(session, "UPDATE t SET idx_col = 'w' WHERE pk = 3")
    assert execute_prepared(session, "st", [3]) == [(3, "w")]
    assert prepared.plan is plan
    session.describe_statement("st")
    assert prepared.plan is plan


def test_prepared_statement_is_replanned_after_ddl(session: Any) -> None:
    session.parse("by_other", "SELECT pk FROM t WHERE other = $1", [])
    prepared = session._statements["by_other"]
    plan = prepared.plan
    assert [n.kind for n in plan_nodes(plan) if isinstance(n, TableAccess)] == ["seq"]
    assert execute_prepared(session, "by_other", [70]) == [(7,)]

    run(session, "CREATE INDEX t_other ON t (other)")
    assert execute_prepared(session, "by_other", [70]) == [(7,)]
    assert prepared.plan is not plan
    new_plan = prepared.plan
    assert [n.kind for n in plan_nodes(new_plan) if isinstance(n, TableAccess)] == ["index_eq"]
    assert execute_prepared(session, "by_other", [20]) == [(2,)]
    assert prepared.plan is new_plan

    # DDL on an unrelated table changes the catalog as well: re-planned (new plan, same answers)
    run(session, "CREATE TABLE unrelated (a int)")
    assert execute_prepared(session, "by_other", [10]) == [(1,)]
    assert prepared.plan is not new_plan


def test_cached_simple_query_plan_is_replanned_after_ddl(session: Any) -> None:
    session._plan_cache.clear()
    assert run(session, "SELECT pk FROM t WHERE other = 20") == [(2,)]
    (prepared,) = session._plan_cache.values()
    plan = prepared.plan
    assert run(session, "SELECT pk FROM t WHERE other = 90") == [(9,)]
    assert prepared.plan is plan
    run(session, "CREATE INDEX t_other ON t (other)")
    assert run(session, "SELECT pk FROM t WHERE other = 10") == [(1,)]
    assert prepared.plan is not plan
    assert [n.kind for n in plan_nodes(prepared.plan) if isinstance(n, TableAccess)] == ["index_eq"]


def test_dropped_table_invalidates_prepared_statement(session: Any) -> None:
    session.parse("on_u", "SELECT count(*) FROM u", [])
    assert execute_prepared(session, "on_u", []) == [(4,)]
    run(session, "DROP TABLE u")
    with pytest.raises(SqlError) as ei:
        execute_prepared(session, "on_u", [])
    assert ei.value.code == "42P01"
    session.on_error()
    fut = session.sync()
    if fut is not None:
        fut.result()
