"""Units of the transaction/partitioning work: transaction-scoped settings, the LOCK / SET
CONSTRAINTS parser, the ON COMMIT clause splitter and partition bound helpers."""

from __future__ import annotations

import pytest

from sql.catalog import Column, Table
from sql.create_options import strip_on_commit
from sql.errors import SqlError
from sql.executor.partitions import _cmp_items, _cmp_key, bound_text
from sql.executor.txcontrol import LockStmt, SetConstraintsStmt, parse
from sql.settings import Settings


def test_set_after_set_local_outlives_commit() -> None:
    s = Settings()
    s.begin_transaction()
    s.set("extra_float_digits", "2", local=True)
    s.set("extra_float_digits", "0")
    s.end_transaction(True)
    assert s.show("extra_float_digits") == "0"


def test_set_local_reverts_and_savepoint_restore() -> None:
    s = Settings()
    s.begin_transaction()
    state = s.snapshot()
    s.set("datestyle", "German")
    s.set("extra_float_digits", "3", local=True)
    s.restore(state)
    assert s.show("datestyle") == "ISO, MDY"
    assert s.show("extra_float_digits") == "1"
    s.set("extra_float_digits", "3", local=True)
    s.end_transaction(True)
    assert s.show("extra_float_digits") == "1"


def test_txcontrol_parser() -> None:
    stmt = parse("LOCK TABLE ONLY s.t, u IN SHARE ROW EXCLUSIVE MODE NOWAIT", ["LOCK", "TABLE", "ONLY"])
    assert stmt == LockStmt((("s", "t"), (None, "u")), "SHARE ROW EXCLUSIVE", True)
    assert parse("LOCK t", ["LOCK", "T"]) == LockStmt(((None, "t"),), "ACCESS EXCLUSIVE", False)
    with pytest.raises(SqlError):
        parse("LOCK t IN FUNNY MODE", ["LOCK", "T", "IN"])
    assert parse("SET CONSTRAINTS ALL IMMEDIATE", ["SET", "CONSTRAINTS", "ALL"]) == SetConstraintsStmt(None, False)
    assert parse("SET CONSTRAINTS a, s.b DEFERRED", ["SET", "CONSTRAINTS", "A"]) == SetConstraintsStmt(
        ((None, "a"), ("s", "b")), True)


def test_strip_on_commit() -> None:
    assert strip_on_commit("CREATE TEMP TABLE t (a int) ON COMMIT DROP") == ("CREATE TEMP TABLE t (a int) ", "drop")
    assert strip_on_commit("CREATE TEMP TABLE t (a int) on commit delete rows")[1] == "delete"
    assert strip_on_commit("CREATE TABLE t (a int)") == ("CREATE TABLE t (a int)", None)


def test_bounds() -> None:
    parent = Table(1, "m", 2200, 10, (Column("k", 23), Column("v", 25)), partition_by=("r", 0))
    assert bound_text(("r", (("min", None),), (("v", "10"),)), parent) == "FOR VALUES FROM (MINVALUE) TO (10)"
    text_parent = Table(1, "m", 2200, 10, (Column("k", 23), Column("v", 25)), partition_by=("l", 1))
    assert bound_text(("l", (("v", "a'b"), ("n", None))), text_parent) == "FOR VALUES IN ('a''b', NULL)"
    assert bound_text(("d",), parent) == "DEFAULT"
    assert bound_text(("h", 4, 1), parent) == "FOR VALUES WITH (modulus 4, remainder 1)"
    assert _cmp_key((5,), [("v", 10)]) == -1
    assert _cmp_key((5,), [("min", None)]) == 1
    assert _cmp_key((10, 3), [("v", 10), ("max", None)]) == -1
    assert _cmp_items([("v", 0)], [("v", 10)]) == -1
    assert _cmp_items([("max", None)], [("v", 10)]) == 1
