"""SERIALIZABLE certification in storage: rw-antidependencies between concurrent serializable
transactions, the pivot refused at commit, read-only transactions, and the certifier forgetting
transactions once nothing overlaps them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sql import sqlstate
from sql.errors import SqlError
from storage.kv import KVEnv
from storage.layout import IndexLayout, TableLayout
from storage.ssi import certifier_for
from storage.txn import Transaction

V_IDX = IndexLayout(31, (1,), False, "s_v_idx")
S = TableLayout(30, (0,), (V_IDX,), "s", column_names=("id", "v"))


@pytest.fixture
def env(tmp_path: Path) -> Iterator[KVEnv]:
    e = KVEnv(str(tmp_path / "db"), map_size=1 << 24)
    txn = Transaction(e)
    txn.insert(S, (1, 10))
    txn.insert(S, (2, 20))
    txn.commit().result(timeout=10)
    yield e
    e.close()


def begin(env: KVEnv, level: str = "serializable") -> Transaction:
    txn = Transaction(env)
    txn.begin_statement(level)
    return txn


def commit(txn: Transaction) -> None:
    txn.commit().result(timeout=10)


def refused(txn: Transaction) -> bool:
    try:
        commit(txn)
    except SqlError as e:
        assert e.code == sqlstate.SERIALIZATION_FAILURE
        return True
    return False


def test_write_skew_refuses_the_second_commit(env: KVEnv) -> None:
    a, b = begin(env), begin(env)
    for txn in (a, b):
        assert [r for _, r in txn.scan(S)] == [(1, 10), (2, 20)]
    a.update(S, a.scan(S).__next__()[0], (1, 10), (1, 0))
    rk2, row2 = list(b.scan(S))[1]
    b.update(S, rk2, row2, (2, 0))
    assert not refused(a)
    assert refused(b)
    assert certifier_for(env).tracked == 0  # nothing overlaps the committed one any more


def test_repeatable_read_lets_write_skew_commit(env: KVEnv) -> None:
    a, b = begin(env, "repeatable read"), begin(env, "repeatable read")
    rows_a, rows_b = list(a.scan(S)), list(b.scan(S))
    a.update(S, rows_a[0][0], rows_a[0][1], (1, 0))
    b.update(S, rows_b[1][0], rows_b[1][1], (2, 0))
    assert not refused(a)
    assert not refused(b)


def test_disjoint_point_reads_and_writes_both_commit(env: KVEnv) -> None:
    a, b = begin(env), begin(env)
    assert a.get(S, (1,)) == (1, 10) and b.get(S, (2,)) == (2, 20)
    a.insert(S, (3, 30))
    b.insert(S, (4, 40))
    assert not refused(a) and not refused(b)


def test_index_range_read_conflicts_with_a_write_into_the_range(env: KVEnv) -> None:
    a, b = begin(env), begin(env)
    assert [r for _, r in a.index_scan(S, V_IDX, (15,), (35,))] == [(2, 20)]
    assert [r for _, r in b.index_scan(S, V_IDX, (5,), (15,))] == [(1, 10)]
    a.insert(S, (5, 12))  # into b's range
    b.insert(S, (6, 33))  # into a's range
    assert not refused(a)
    assert refused(b)


def test_read_only_reader_of_an_old_snapshot_commits(env: KVEnv) -> None:
    reader, writer = begin(env), begin(env)
    assert reader.get(S, (1,)) == (1, 10)
    writer.update(S, next(writer.scan(S))[0], (1, 10), (1, 11))
    assert not refused(writer)
    assert reader.get(S, (1,)) == (1, 10)  # the snapshot is kept
    assert not refused(reader)


def test_rollback_forgets_the_transaction(env: KVEnv) -> None:
    a = begin(env)
    list(a.scan(S))
    assert certifier_for(env).tracked == 1
    a.rollback()
    assert certifier_for(env).tracked == 0


def test_read_only_transactions_are_forgotten_once_nothing_overlaps_them(env: KVEnv) -> None:
    for _ in range(50):
        reader = begin(env)
        assert reader.get(S, (1,)) == (1, 10)
        assert not refused(reader)
    assert certifier_for(env).tracked == 0
    old = begin(env)
    list(old.scan(S))
    reader = begin(env)
    reader.get(S, (2,))
    assert not refused(reader)
    assert certifier_for(env).tracked == 2  # the reader overlaps the still active ``old``
    old.rollback()
    assert certifier_for(env).tracked == 0
