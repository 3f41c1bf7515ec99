"""KVEnv: reads, group commit, map growth, error translation, durability under kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sql import sqlstate
from sql.errors import SqlError
from storage.kv import KVEnv, WriteBatch

REPO = str(Path(__file__).resolve().parents[2])


@pytest.fixture
def env(tmp_path: Path):
    e = KVEnv(str(tmp_path / "db"), map_size=1 << 22)
    yield e
    e.close()


def put_all(items: dict[bytes, bytes]):
    def apply(wb: WriteBatch) -> int:
        for k, v in items.items():
            wb.put(k, v)
        return len(items)

    return apply


def test_get_put_scan(env: KVEnv) -> None:
    assert env.submit(put_all({b"k%02d" % i: b"v%d" % i for i in range(20)})).result() == 20
    with env.read() as view:
        assert view.get(b"k03") == b"v3"
        assert view.get(b"nope") is None
        assert [k for k, _ in view.scan(b"k05", b"k08")] == [b"k05", b"k06", b"k07"]
        assert [k for k, _ in view.scan(b"k05", b"k08", reverse=True)] == [b"k07", b"k06", b"k05"]
        assert len(list(view.scan(b"k"))) == 20
        assert [k for k, _ in view.scan(b"k18", None, reverse=True)] == [b"k19", b"k18"]
        assert [k for k, _ in view.scan(b"a", b"k01", reverse=True)] == [b"k00"]
        assert list(view.scan(b"z")) == [] and list(view.scan(b"a", b"b", reverse=True)) == []
        assert len(list(view.scan(b"", None))) == 20  # chunked iteration crosses several chunks

    def delete_some(wb: WriteBatch) -> list[bool]:
        out = [wb.delete(b"k00"), wb.delete(b"missing")]
        out.append(wb.delete_range(b"k10", b"k15") == 5)
        out.append([k for k, _ in wb.scan(b"k09", b"k16")] == [b"k09", b"k15"])
        return out

    assert env.submit(delete_some).result() == [True, False, True, True]


def test_snapshot_isolation_and_many_views(env: KVEnv) -> None:
    env.submit(put_all({b"a": b"1"})).result()
    views = [env.read() for _ in range(50)]
    env.submit(put_all({b"a": b"2", b"b": b"x"})).result()
    assert all(v.get(b"a") == b"1" and v.get(b"b") is None for v in views)
    it = views[0].scan(b"")
    assert next(it) == (b"a", b"1")
    for v in views:
        v.close()
        v.close()  # idempotent
    assert env.open_views == 0
    with env.read() as v:
        assert v.get(b"a") == b"2"


def test_group_commit_isolates_failures(env: KVEnv) -> None:
    gate, started = threading.Event(), threading.Event()

    def blocker(wb: WriteBatch) -> str:
        started.set()
        gate.wait(10)
        wb.put(b"first", b"1")
        return "first"

    def failing(wb: WriteBatch) -> None:
        wb.put(b"bad", b"written then rolled back")
        raise ValueError("boom")

    before = env.batches_committed
    futures = [env.submit(blocker)]
    assert started.wait(10)  # the writer is now inside the first batch
    futures += [env.submit(put_all({b"ok%d" % i: b"v"})) for i in range(5)]
    futures.insert(3, env.submit(failing))
    gate.set()
    assert futures[0].result() == "first"
    with pytest.raises(ValueError, match="boom"):
        futures[3].result()
    assert [f.result() for i, f in enumerate(futures) if i not in (0, 3)] == [1] * 5
    assert env.batches_committed - before == 2  # blocker alone, then everything else at once
    with env.read() as view:
        assert view.get(b"bad") is None
        assert all(view.get(b"ok%d" % i) == b"v" for i in range(5))


def test_many_submitters_batch(env: KVEnv) -> None:
    def one(i: int) -> None:
        env.submit(put_all({b"t%04d" % i: b"x"})).result()

    before = env.batches_committed
    with ThreadPoolExecutor(32) as pool:
        list(pool.map(one, range(400)))
    with env.read() as view:
        assert len(list(view.scan(b"t", b"u"))) == 400
    assert env.batches_committed - before < 400  # some batching happened


def test_map_growth_without_views(tmp_path: Path) -> None:
    with KVEnv(str(tmp_path / "g"), map_size=1 << 16) as e:
        blob = os.urandom(3000)
        assert e.submit(put_all({b"b%05d" % i: blob for i in range(600)})).result() == 600
        assert e.map_size > 1 << 16
        with e.read() as v:
            assert len(list(v.scan(b"b"))) == 600


def test_forced_growth_invalidates_old_views(tmp_path: Path) -> None:
    with KVEnv(str(tmp_path / "g"), map_size=1 << 16) as e:
        e.FORCED_GROW_WAIT = 0.05
        e.submit(put_all({b"a": b"1"})).result()
        view = e.read()
        assert view.get(b"a") == b"1"
        e.submit(put_all({b"b%05d" % i: os.urandom(3000) for i in range(300)})).result()
        with pytest.raises(SqlError) as ei:
            view.get(b"a")
        assert ei.value.code == sqlstate.SERIALIZATION_FAILURE
        view.close()
        assert e.open_views == 0
        with e.read() as v2:
            assert v2.get(b"a") == b"1"


def test_proactive_growth_when_idle(tmp_path: Path) -> None:
    with KVEnv(str(tmp_path / "g"), map_size=1 << 18) as e:
        e.submit(put_all({b"b%05d" % i: os.urandom(1000) for i in range(100)})).result()
        deadline = time.time() + 5
        while e.map_size == 1 << 18 and time.time() < deadline:
            time.sleep(0.01)
        assert e.map_size > 1 << 18


def test_key_too_large_is_sql_error(env: KVEnv) -> None:
    with pytest.raises(SqlError) as ei:
        env.submit(put_all({b"k" * 600: b"v"})).result()
    assert ei.value.code == sqlstate.PROGRAM_LIMIT_EXCEEDED


def test_close_finishes_queued_work(tmp_path: Path) -> None:
    path = str(tmp_path / "c")
    e = KVEnv(path)
    futures = [e.submit(put_all({b"q%d" % i: b"v"})) for i in range(100)]
    e.close()
    assert all(f.done() and f.exception() is None for f in futures)
    with pytest.raises(SqlError):
        e.submit(put_all({}))
    with pytest.raises(SqlError):
        e.read()
    e.close()
    with KVEnv(path) as e2, e2.read() as v:
        assert len(list(v.scan(b"q"))) == 100


def test_io_error_on_commit_leaves_db_unchanged(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes the data file unextendable: 53100 (as PostgreSQL reports EFBIG), nothing half-written."""
    script = textwrap.dedent(
        f"""
        import os, resource, signal, sys
        sys.path.insert(0, {REPO!r})
        from storage.kv import KVEnv
        from sql.errors import SqlError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        e = KVEnv(sys.argv[1], map_size=1 << 26)
        e.submit(lambda wb: wb.put(b"base", b"1")).result()
        size = os.path.getsize(os.path.join(sys.argv[1], "data.mdb"))
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size + 8192, hard))
        def big(wb):
            for i in range(2000):
                wb.put(b"x%05d" % i, os.urandom(500))
        try:
            e.submit(big).result()
            print("no error")
        except SqlError as err:
            print("code", err.code)
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        with e.read() as v:
            print("rows", len(list(v.scan(b"x"))), v.get(b"base"))
        e.submit(lambda wb: wb.put(b"after", b"1")).result()
        with e.read() as v:
            print("after", v.get(b"after"))
        e.close()
        """
    )
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "f")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:3] == ["code 53100", "rows 0 b'1'", "after b'1'"], out.stdout


def test_disk_full_on_tmpfs(tmp_path: Path) -> None:
    mnt = tmp_path / "small"
    mnt.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)]
    if os.geteuid() != 0 or subprocess.run(mount, capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        with KVEnv(str(mnt / "db"), map_size=1 << 24) as e:
            e.submit(put_all({b"base": b"1"})).result()
            with pytest.raises(SqlError) as ei:
                e.submit(put_all({b"x%05d" % i: os.urandom(1000) for i in range(3000)})).result()
            assert ei.value.code == sqlstate.DISK_FULL
            assert "No space left on device" in ei.value.message
            with e.read() as v:
                assert v.get(b"base") == b"1" and list(v.scan(b"x", b"y")) == []
            e.submit(put_all({b"small": b"ok"})).result()
            with e.read() as v:
                assert v.get(b"small") == b"ok"
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


DURABILITY_CHILD = """
import sys, threading
sys.path.insert(0, {repo!r})
from storage.kv import KVEnv
env = KVEnv(sys.argv[1])
lock = threading.Lock()
counter = iter(range(10**9))

def worker():
    while True:
        with lock:
            i = next(counter)
        def apply(wb, i=i):
            wb.put(b"id%09d" % i, b"%d" % i)
        env.submit(apply).result()
        with lock:
            sys.stdout.write("%d\\n" % i)
            sys.stdout.flush()

for _ in range(8):
    threading.Thread(target=worker, daemon=True).start()
threading.Event().wait()
"""


def test_durability_kill_9(tmp_path: Path) -> None:
    path = str(tmp_path / "dur")
    child = subprocess.Popen(
        [sys.executable, "-c", DURABILITY_CHILD.format(repo=REPO), path],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    acked: list[int] = []
    assert child.stdout is not None
    deadline = time.time() + 20
    while len(acked) < 300 and time.time() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        acked.append(int(line))
    os.kill(child.pid, signal.SIGKILL)
    rest, err = child.communicate()
    acked += [int(x) for x in rest.split()]
    assert len(acked) >= 300, err
    with KVEnv(path) as e, e.read() as v:
        missing = [i for i in acked if v.get(b"id%09d" % i) != b"%d" % i]
        assert not missing
