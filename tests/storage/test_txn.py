"""Transactions: merged reads, uniqueness, commit-time re-checks, catalog, sequences, rowids."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sql import sqlstate
from sql.errors import SqlError
from storage.kv import KVEnv
from storage.layout import IndexLayout, TableLayout
from storage.txn import Transaction, catalog_version

EMAIL = IndexLayout(10, (1,), True, "t_email_key")
GRP = IndexLayout(11, (2,), False, "t_grp_idx")
T = TableLayout(1, (0,), (EMAIL, GRP), "t", column_names=("id", "email", "grp"))
N_A = IndexLayout(20, (0,), False, "n_a_idx")
N = TableLayout(2, None, (N_A,), "n", column_names=("a", "b"))
C = TableLayout(3, (0, 1), (), "c", pk_constraint_name="c_pk", column_names=("x", "y", "v"))


@pytest.fixture
def env(tmp_path: Path) -> Iterator[KVEnv]:
    e = KVEnv(str(tmp_path / "db"), map_size=1 << 24)
    yield e
    e.close()


def commit(txn: Transaction) -> None:
    txn.commit().result(timeout=10)


def seed(env: KVEnv, rows: list[tuple], table: TableLayout = T) -> None:
    txn = Transaction(env)
    for r in rows:
        txn.insert(table, r)
    commit(txn)


def rows(it: Iterator[tuple[bytes, tuple]]) -> list[tuple]:
    return [r for _, r in it]


def committed_rows(env: KVEnv, table: TableLayout = T) -> list[tuple]:
    txn = Transaction(env)
    try:
        return rows(txn.scan(table))
    finally:
        txn.rollback()


def test_read_your_writes(env: KVEnv) -> None:
    seed(env, [(1, "a@x", "g1"), (3, "c@x", "g2"), (5, "e@x", "g1"), (7, "g@x", "g2")])
    txn = Transaction(env)
    txn.insert(T, (4, "d@x", "g1"))
    txn.insert(T, (9, "i@x", "g1"))
    key3 = next(k for k, r in txn.scan(T) if r[0] == 3)
    txn.update(T, key3, (3, "c@x", "g2"), (3, "c@x", "g1"))
    key5 = next(k for k, r in txn.scan(T, (5,), (5,)))
    txn.delete(T, key5, (5, "e@x", "g1"))
    assert txn.get(T, (4,)) == (4, "d@x", "g1")
    assert txn.get(T, (5,)) is None
    assert txn.get(T, (3,)) == (3, "c@x", "g1")
    assert txn.get_by_key(T, key3) == (3, "c@x", "g1")
    assert [r[0] for r in rows(txn.scan(T))] == [1, 3, 4, 7, 9]
    assert [r[0] for r in rows(txn.scan(T, reverse=True))] == [9, 7, 4, 3, 1]
    assert [r[0] for r in rows(txn.scan(T, (3,), (7,), lower_inclusive=False))] == [4, 7]
    assert [r[0] for r in rows(txn.scan(T, (3,), (7,), upper_inclusive=False))] == [3, 4]
    assert [r[0] for r in rows(txn.index_scan(T, GRP, ("g1",), ("g1",)))] == [1, 3, 4, 9]
    assert [r[0] for r in rows(txn.index_scan(T, GRP, ("g2",), None))] == [7]
    assert [r[0] for r in rows(txn.index_scan(T, GRP, reverse=True))] == [7, 9, 4, 3, 1]
    assert [r[0] for r in rows(txn.index_scan(T, EMAIL, ("c@x",), ("e@x",)))] == [3, 4]
    # another transaction sees none of it
    other = Transaction(env)
    assert [r[0] for r in rows(other.scan(T))] == [1, 3, 5, 7]
    assert [r[0] for r in rows(other.index_scan(T, GRP, ("g1",), ("g1",)))] == [1, 5]
    commit(txn)
    assert [r[0] for r in rows(other.scan(T))] == [1, 3, 5, 7]  # still the old snapshot
    other.refresh_snapshot()
    assert [r[0] for r in rows(other.scan(T))] == [1, 3, 4, 7, 9]
    assert [r[0] for r in rows(other.index_scan(T, GRP, ("g1",), ("g1",)))] == [1, 3, 4, 9]
    assert [r[0] for r in rows(other.index_scan(T, EMAIL, ("e@x",), ("e@x",)))] == []
    other.rollback()


def test_composite_pk_prefix_bounds(env: KVEnv) -> None:
    seed(env, [(x, y, f"{x}.{y}") for x in range(4) for y in range(3)], C)
    txn = Transaction(env)
    txn.insert(C, (2, 10, "local"))
    assert [(r[0], r[1]) for r in rows(txn.scan(C, (2,), (2,)))] == [(2, 0), (2, 1), (2, 2), (2, 10)]
    assert [(r[0], r[1]) for r in rows(txn.scan(C, (2, 1), (3,), upper_inclusive=False))] == [
        (2, 1),
        (2, 2),
        (2, 10),
    ]
    assert len(rows(txn.scan(C, (1,), None, lower_inclusive=False))) == 7
    with pytest.raises(SqlError) as ei:
        txn.insert(C, (2, 10, "dup"))
    assert ei.value.message == 'duplicate key value violates unique constraint "c_pk"'
    assert ei.value.detail == "Key (x, y)=(2, 10) already exists."


def test_unique_violations(env: KVEnv) -> None:
    seed(env, [(1, "a@x", "g"), (2, None, "g")])
    txn = Transaction(env)
    with pytest.raises(SqlError) as ei:
        txn.insert(T, (1, "new@x", "g"))
    assert ei.value.code == sqlstate.UNIQUE_VIOLATION
    assert ei.value.message == 'duplicate key value violates unique constraint "t_pkey"'
    assert ei.value.detail == "Key (id)=(1) already exists."
    with pytest.raises(SqlError) as ei:
        txn.insert(T, (3, "a@x", "g"))
    assert ei.value.message == 'duplicate key value violates unique constraint "t_email_key"'
    assert ei.value.detail == "Key (email)=(a@x) already exists."
    txn.insert(T, (4, "b@x", "g"))
    with pytest.raises(SqlError):
        txn.insert(T, (5, "b@x", "g"))  # conflicts with a local row
    with pytest.raises(SqlError):
        txn.insert(T, (4, "z@x", "g"))  # local PK
    txn.insert(T, (6, None, "g"))  # NULLs never conflict
    txn.insert(T, (7, None, "g"))
    # freeing a value locally makes it available
    key1 = next(k for k, r in txn.scan(T, (1,), (1,)))
    txn.delete(T, key1, (1, "a@x", "g"))
    txn.insert(T, (1, "a@x", "again"))
    # updating into a taken value
    key4 = next(k for k, r in txn.scan(T, (4,), (4,)))
    with pytest.raises(SqlError) as ei:
        txn.update(T, key4, (4, "b@x", "g"), (4, "a@x", "g"))
    assert ei.value.detail == "Key (email)=(a@x) already exists."
    txn.update(T, key4, (4, "b@x", "g"), (4, "b@x", "g2"))  # same unique value is fine
    commit(txn)
    assert committed_rows(env) == [
        (1, "a@x", "again"),
        (2, None, "g"),
        (4, "b@x", "g2"),
        (6, None, "g"),
        (7, None, "g"),
    ]


def test_unique_rechecked_at_commit(env: KVEnv) -> None:
    a, b = Transaction(env), Transaction(env)
    a.insert(T, (1, "x@x", "g"))
    b.insert(T, (1, "y@x", "g"))
    b.insert(T, (2, "other@x", "g"))
    c = Transaction(env)
    c.insert(T, (3, "x@x", "g"))
    commit(a)
    with pytest.raises(SqlError) as ei:
        commit(b)
    assert ei.value.code == sqlstate.UNIQUE_VIOLATION and "t_pkey" in ei.value.message
    with pytest.raises(SqlError) as ei:
        commit(c)
    assert "t_email_key" in ei.value.message
    assert committed_rows(env) == [(1, "x@x", "g")]  # b's second row is not there either


def test_update_moving_pk(env: KVEnv) -> None:
    seed(env, [(1, "a@x", "g"), (2, "b@x", "g")])
    txn = Transaction(env)
    key1 = next(k for k, r in txn.scan(T, (1,), (1,)))
    new_key = txn.update(T, key1, (1, "a@x", "g"), (10, "a@x", "h"))
    assert new_key != key1
    assert txn.get(T, (1,)) is None and txn.get(T, (10,)) == (10, "a@x", "h")
    assert [r[0] for r in rows(txn.scan(T))] == [2, 10]
    assert [r[0] for r in rows(txn.index_scan(T, EMAIL, ("a@x",), ("a@x",)))] == [10]
    key2 = next(k for k, r in txn.scan(T, (2,), (2,)))
    with pytest.raises(SqlError):
        txn.update(T, key2, (2, "b@x", "g"), (10, "b@x", "g"))
    commit(txn)
    assert committed_rows(env) == [(2, "b@x", "g"), (10, "a@x", "h")]
    t2 = Transaction(env)
    assert rows(t2.index_scan(T, EMAIL, ("a@x",), ("a@x",))) == [(10, "a@x", "h")]
    assert [r[0] for r in rows(t2.index_scan(T, GRP, ("h",), ("h",)))] == [10]
    assert rows(t2.index_scan(T, GRP, ("g",), ("g",))) == [(2, "b@x", "g")]


def _bump(row: tuple) -> tuple:
    return (row[0], row[1], row[2] + "+")


def test_concurrent_update_recheck(env: KVEnv) -> None:
    seed(env, [(1, "a@x", "g"), (2, "b@x", "g"), (3, "c@x", "g"), (4, "d@x", "g")])
    a = Transaction(env)
    seen = {r[0]: (k, r) for k, r in a.scan(T)}
    b = Transaction(env)
    for i in (1, 2, 3, 4):
        k, r = seen[i]
        b.update(T, k, r, (i, r[1], "B"))
    commit(b)
    k, r = seen[1]
    a.update(T, k, r, _bump(r), recheck=_bump)  # re-evaluated on B's row
    k, r = seen[2]
    a.update(T, k, r, _bump(r), recheck=lambda cur: None)  # no longer qualifies: skipped
    k, r = seen[3]
    a.delete(T, k, r, recheck=lambda cur: False)  # skipped
    k, r = seen[4]
    a.delete(T, k, r, recheck=lambda cur: cur[2] == "B")  # still qualifies: deleted
    commit(a)
    assert committed_rows(env) == [(1, "a@x", "B+"), (2, "b@x", "B"), (3, "c@x", "B")]


def test_concurrent_update_without_recheck_fails(env: KVEnv) -> None:
    seed(env, [(1, "a@x", "g"), (2, "b@x", "g")])
    a = Transaction(env)
    seen = {r[0]: (k, r) for k, r in a.scan(T)}
    b = Transaction(env)
    k, r = seen[1]
    b.update(T, k, r, (1, "a@x", "B"))
    k2, r2 = seen[2]
    b.delete(T, k2, r2)
    commit(b)
    a.update(T, k, r, _bump(r))
    with pytest.raises(SqlError) as ei:
        commit(a)
    assert ei.value.code == sqlstate.SERIALIZATION_FAILURE
    assert ei.value.message == "could not serialize access due to concurrent update"
    a2 = Transaction(env)
    a2.update(T, k2, r2, _bump(r2))  # concurrently deleted, no recheck
    with pytest.raises(SqlError) as ei:
        commit(a2)
    assert ei.value.code == sqlstate.SERIALIZATION_FAILURE
    a3 = Transaction(env)
    a3.update(T, k2, r2, _bump(r2), recheck=_bump)  # READ COMMITTED: row is gone, skip
    commit(a3)
    assert committed_rows(env) == [(1, "a@x", "B")]


def test_rollback_and_failed_commit_leave_nothing(env: KVEnv) -> None:
    txn = Transaction(env)
    txn.insert(T, (1, "a@x", "g"))
    txn.put_catalog(b"k", b"v")
    txn.sequence_set_at_least(1, 5)
    txn.rollback()
    assert committed_rows(env) == []
    assert env.committed_catalog_version == 0
    assert Transaction(env).sequence_get(1) is None
    assert not txn.has_writes
    with pytest.raises(SqlError):
        txn.insert(T, (2, "b@x", "g"))
    seed(env, [(5, "taken@x", "g")])
    t2 = Transaction(env)
    t2.insert(T, (1, "a@x", "g"))
    t2.put_catalog(b"k", b"v")
    t2.sequence_set_at_least(1, 5)
    t3 = Transaction(env)
    t3.insert(T, (6, "taken2@x", "g"))
    commit(t3)
    t2.insert(T, (7, "taken2@x", "g"))  # not visible in t2's snapshot -> conflicts at commit
    with pytest.raises(SqlError):
        commit(t2)
    assert committed_rows(env) == [(5, "taken@x", "g"), (6, "taken2@x", "g")]
    assert env.committed_catalog_version == 0
    assert Transaction(env).sequence_get(1) is None


def test_empty_commit_does_not_touch_writer(env: KVEnv) -> None:
    before = env.batches_committed
    txn = Transaction(env)
    assert rows(txn.scan(T)) == []
    fut = txn.commit()
    assert fut.done() and fut.result() is None
    assert env.batches_committed == before


def test_catalog_and_version(env: KVEnv) -> None:
    assert env.committed_catalog_version == 0
    txn = Transaction(env)
    txn.put_catalog(b"tab/1", b"one")
    txn.put_catalog(b"tab/2", b"two")
    txn.put_catalog(b"idx/1", b"i")
    assert txn.get_catalog(b"tab/1") == b"one"
    assert list(txn.scan_catalog(b"tab/")) == [(b"tab/1", b"one"), (b"tab/2", b"two")]
    commit(txn)
    assert env.committed_catalog_version == 1
    t2 = Transaction(env)
    assert t2.catalog_version() == 1
    with env.read() as view:
        assert catalog_version(view) == 1
    t2.put_catalog(b"tab/2", None)
    t2.put_catalog(b"tab/3", b"three")
    assert list(t2.scan_catalog(b"tab/")) == [(b"tab/1", b"one"), (b"tab/3", b"three")]
    assert t2.get_catalog(b"tab/2") is None
    assert list(t2.scan_catalog()) == [(b"idx/1", b"i"), (b"tab/1", b"one"), (b"tab/3", b"three")]
    commit(t2)
    assert env.committed_catalog_version == 2
    seed(env, [(1, "a", "b")])  # row-only commits do not bump it
    assert env.committed_catalog_version == 2
    path = env.path
    env.close()
    with KVEnv(path) as e2:
        assert e2.committed_catalog_version == 2


def test_concurrent_catalog_writes(env: KVEnv) -> None:
    a, b = Transaction(env), Transaction(env)
    a.put_catalog(b"rel/t", b"A")
    b.put_catalog(b"rel/t", b"B")
    commit(a)
    with pytest.raises(SqlError) as ei:
        commit(b)
    assert ei.value.code == sqlstate.SERIALIZATION_FAILURE
    c, d = Transaction(env), Transaction(env)
    c.put_catalog(b"rel/t", b"C", check=False)
    d.put_catalog(b"rel/t", b"D", check=False)
    commit(c)
    commit(d)
    assert Transaction(env).get_catalog(b"rel/t") == b"D"
    assert env.committed_catalog_version == 3


def test_sequences(env: KVEnv) -> None:
    txn = Transaction(env)
    assert txn.sequence_get(7) is None
    txn.sequence_set_at_least(7, 10)
    txn.sequence_set_at_least(7, 5)
    commit(txn)
    t2 = Transaction(env)
    assert t2.sequence_get(7) == 10
    t2.sequence_set_at_least(7, 3)  # lower: stays 10
    t2.sequence_set_at_least(8, -5)
    commit(t2)
    t3 = Transaction(env)
    assert t3.sequence_get(7) == 10 and t3.sequence_get(8) == -5
    a, b = Transaction(env), Transaction(env)
    a.sequence_set_at_least(7, 50)
    b.sequence_set_at_least(7, 40)
    commit(a)
    commit(b)
    assert t3.sequence_get(7) == 50  # max, not last writer
    t4 = Transaction(env)
    t4.sequence_drop(8)
    commit(t4)
    assert t3.sequence_get(8) is None


def test_rowid_allocation(env: KVEnv) -> None:
    txn = Transaction(env)
    keys = [txn.insert(N, (i % 2, f"r{i}")) for i in range(5)]
    assert keys == sorted(keys) and len(set(keys)) == 5
    other = Transaction(env)
    k_other = other.insert(N, (9, "other"))
    assert k_other not in keys
    other.rollback()
    commit(txn)
    assert [r[1] for r in committed_rows(env, N)] == ["r0", "r1", "r2", "r3", "r4"]
    t2 = Transaction(env)
    assert [r[1] for r in rows(t2.index_scan(N, N_A, (1,), (1,)))] == ["r1", "r3"]
    k6 = t2.insert(N, (1, "r5"))
    assert k6 > k_other  # the rolled-back rowid is not reused
    assert [r[1] for r in rows(t2.index_scan(N, N_A, (1,), (1,)))] == ["r1", "r3", "r5"]
    commit(t2)
    path = env.path
    env.close()
    with KVEnv(path) as e2:  # a fresh process-side counter starts after the greatest rowid
        t3 = Transaction(e2)
        assert t3.insert(N, (0, "after reopen")) > k6
        commit(t3)
        assert [r[1] for r in committed_rows(e2, N)][-1] == "after reopen"


def test_scan_is_halloween_safe(env: KVEnv) -> None:
    seed(env, [(i, f"{i}@x", "g") for i in range(1, 6)])
    txn = Transaction(env)
    txn.insert(T, (6, "6@x", "g"))
    seen = []
    for k, r in txn.scan(T):
        seen.append(r[0])
        txn.update(T, k, r, (r[0] + 100, r[1], r[2]))  # moves every row past the end
    assert seen == [1, 2, 3, 4, 5, 6]
    assert [r[0] for r in rows(txn.scan(T))] == [101, 102, 103, 104, 105, 106]
    commit(txn)
    assert [r[0] for r in committed_rows(env)] == [101, 102, 103, 104, 105, 106]


def test_savepoints(env: KVEnv) -> None:
    seed(env, [(1, "a@x", "g")])
    txn = Transaction(env)
    txn.insert(T, (2, "b@x", "g"))
    sp = txn.savepoint()
    txn.insert(T, (3, "c@x", "g"))
    k1 = next(k for k, _ in txn.scan(T, (1,), (1,)))
    txn.delete(T, k1, (1, "a@x", "g"))
    txn.put_catalog(b"x", b"y")
    txn.sequence_set_at_least(1, 9)
    assert [r[0] for r in rows(txn.index_scan(T, GRP))] == [2, 3]
    txn.rollback_to_savepoint(sp)
    assert [r[0] for r in rows(txn.scan(T))] == [1, 2]
    assert [r[0] for r in rows(txn.index_scan(T, GRP))] == [1, 2]
    with pytest.raises(SqlError):
        txn.insert(T, (9, "a@x", "g"))  # a@x is live again
    txn.insert(T, (3, "c2@x", "g"))
    txn.release_savepoint(sp)
    commit(txn)
    assert committed_rows(env) == [(1, "a@x", "g"), (2, "b@x", "g"), (3, "c2@x", "g")]
    assert env.committed_catalog_version == 0


def test_truncate_build_and_drop_index(env: KVEnv) -> None:
    seed(env, [(1, "a@x", "g"), (2, "b@x", "h")])
    txn = Transaction(env)
    txn.truncate(T)
    assert rows(txn.scan(T)) == [] and txn.get(T, (1,)) is None
    txn.insert(T, (1, "a@x", "new"))  # no conflict with truncated rows
    commit(txn)
    assert committed_rows(env) == [(1, "a@x", "new")]
    grp_u = IndexLayout(12, (2,), True, "t_grp_key")
    t2 = TableLayout(1, (0,), (EMAIL, GRP, grp_u), "t", column_names=T.column_names)
    seed(env, [(2, "b@x", "other")])
    txn = Transaction(env)
    txn.build_index(t2, grp_u)
    assert [r[0] for r in rows(txn.index_scan(t2, grp_u, ("new",), ("other",)))] == [1, 2]
    with pytest.raises(SqlError):
        txn.insert(t2, (3, "c@x", "new"))  # the new unique index already applies
    commit(txn)
    assert [r[0] for r in rows(Transaction(env).index_scan(t2, grp_u, ("other",), ("other",)))] == [2]
    txn = Transaction(env)
    with pytest.raises(SqlError):
        txn.insert(t2, (3, "c@x", "new"))  # enforced by the committed index entries
    txn.rollback()
    seed(env, [(4, "d@x", "dup"), (5, "e@x", "dup")])
    bad = IndexLayout(13, (2,), True, "t_bad")
    with pytest.raises(SqlError) as ei:
        Transaction(env).build_index(TableLayout(1, (0,), (bad,), "t"), bad)
    assert ei.value.message == 'could not create unique index "t_bad"'
    txn = Transaction(env)
    txn.drop_index(grp_u.index_id)
    commit(txn)
    assert rows(Transaction(env).index_scan(t2, grp_u)) == []


def test_key_size_limit(env: KVEnv) -> None:
    txn = Transaction(env)
    with pytest.raises(SqlError) as ei:
        txn.insert(T, (1, "x" * 600, "g"))
    assert ei.value.code == sqlstate.PROGRAM_LIMIT_EXCEEDED and "t_email_key" in ei.value.message
    with pytest.raises(SqlError):
        txn.insert(C, ("y" * 600, 1, "v"))
    txn.insert(T, (1, "ok", "g" * 400))
    commit(txn)


def test_commit_survives_map_growth(tmp_path: Path) -> None:
    """A commit that fills the map is retried after growth; re-check callbacks may run again."""
    with KVEnv(str(tmp_path / "small"), map_size=1 << 16) as e:
        seed(e, [(0, "zero@x", "g")])
        a = Transaction(e)
        ((k0, r0),) = list(a.scan(T))
        b = Transaction(e)
        b.update(T, k0, r0, (0, "zero@x", "B"))
        commit(b)
        calls = []

        def recheck(cur: tuple) -> tuple:
            calls.append(cur)
            return (0, "zero@x", cur[2] + "+A")

        a.update(T, k0, r0, (0, "zero@x", "A"), recheck=recheck)
        for i in range(1, 1500):
            a.insert(T, (i, f"user{i}@example.com", "x" * 200))
        commit(a)
        assert e.map_size > 1 << 16
        assert calls and all(c == (0, "zero@x", "B") for c in calls)
        got = committed_rows(e)
        assert len(got) == 1500 and got[0] == (0, "zero@x", "B+A")
