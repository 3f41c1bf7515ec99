"""Storage limits seen by clients over TCP: the storage map grows by itself, a full disk fails only
the writing statement.

* Map growth: the server starts with a tiny initial map (``PGSERVER_INITIAL_MAP_SIZE``) and takes
  many times that much data, in one transaction and in many, while another client keeps reading
  and a third sits in an open transaction block; everything is there after a kill -9 and a restart.
* Disk full: the writing statement (an autocommit INSERT, or the COMMIT of a transaction block,
  where the buffered writes are applied) fails with 53100 ``could not extend file "...": <reason>``
  and HINT "Check free disk space." (PostgreSQL's mdextend message); the server keeps serving,
  committed data is intact, and writes succeed again once there is room. Two ways to make the OS
  refuse for real: a small tmpfs as the data directory's file system (needs mount privileges;
  skipped without them) and ``RLIMIT_FSIZE`` set on the running server process (works in any
  container; CPython ignores SIGXFSZ, so the write fails with EFBIG, which PostgreSQL also reports
  as 53100).
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import resource
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from tests.e2e.conftest import ServerProcess, free_port

INITIAL_MAP = 1 << 20  # 1 MiB
DISK_FULL_MESSAGE = re.compile(r'could not extend file ".+": (No space left on device|File too large)$')


def _database_files(data_dir: str) -> list[str]:
    return glob.glob(os.path.join(data_dir, "base", "*", "data.mdb"))


@contextlib.contextmanager
def _server(data_dir: str, monkeypatch: pytest.MonkeyPatch | None = None, **env: str) -> Iterator[ServerProcess]:
    if monkeypatch is not None:
        for k, v in env.items():
            monkeypatch.setenv(k, v)
    srv = ServerProcess(data_dir, free_port())
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def test_map_grows_beyond_initial_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = str(tmp_path / "data")
    with _server(data_dir, monkeypatch, PGSERVER_INITIAL_MAP_SIZE=str(INITIAL_MAP)) as srv:
        with srv.connect() as c:
            c.execute("CREATE TABLE small (id int PRIMARY KEY)")
            c.execute("INSERT INTO small SELECT g FROM generate_series(1, 50) g")
            c.execute("CREATE TABLE big (id int PRIMARY KEY, body text NOT NULL)")
            c.execute("CREATE INDEX big_body ON big (substr(body, 1, 20))")
        reader_errors: list[str] = []
        reads = [0]
        stop = threading.Event()

        def reader() -> None:  # short statements while the map grows under them
            with srv.connect() as r:
                while not stop.is_set():
                    try:
                        assert r.execute("SELECT count(*) FROM small").fetchone() == (50,)
                        reads[0] += 1
                    except psycopg.Error as e:
                        reader_errors.append(f"{e.sqlstate}: {e}")

        t = threading.Thread(target=reader, daemon=True)
        t.start()
        idle_in_block = srv.connect()  # holds its statement snapshot while the map grows
        idle_in_block.execute("BEGIN")
        assert idle_in_block.execute("SELECT count(*) FROM small").fetchone() == (50,)
        try:
            with srv.connect() as c:
                # one transaction several times the initial map ...
                c.execute("INSERT INTO big SELECT g, repeat(md5(g::text), 64) FROM generate_series(1, 2000) g")
                # ... and many small ones
                for start in range(2001, 3001, 50):
                    c.execute("INSERT INTO big SELECT g, repeat(md5(g::text), 64) FROM generate_series(%s, %s) g",
                              (start, start + 49))
        finally:
            stop.set()
            t.join(30)
        assert reader_errors == []
        assert reads[0] > 0
        assert idle_in_block.execute("SELECT count(*) FROM big").fetchone() == (3000,)
        idle_in_block.execute("INSERT INTO small VALUES (51)")
        idle_in_block.execute("COMMIT")
        idle_in_block.close()
        assert max(os.path.getsize(f) for f in _database_files(data_dir)) > 4 * INITIAL_MAP
        srv.kill9()
        srv.start()
        with srv.connect() as c:
            assert c.execute("SELECT count(*), sum(length(body)) FROM big").fetchone() == (3000, 3000 * 2048)
            assert c.execute("SELECT count(*) FROM small").fetchone() == (51,)
            assert c.execute("SELECT body = repeat(md5('2999'), 64) FROM big WHERE id = 2999").fetchone() == (True,)
            c.execute("INSERT INTO big SELECT g, repeat('y', 3000) FROM generate_series(3001, 3500) g")
            assert c.execute("SELECT count(*) FROM big").fetchone() == (3500,)


def _assert_disk_full(err: psycopg.Error, reason: str) -> None:
    assert err.sqlstate == "53100", (err.sqlstate, str(err))
    message = err.diag.message_primary or ""
    assert DISK_FULL_MESSAGE.match(message), message
    assert message.endswith(reason), message
    assert err.diag.message_hint == "Check free disk space."


def _exercise_full_disk(srv: ServerProcess, fill: object, free: object, reason: str) -> None:
    """Committed rows, then ``fill()``; writes fail with 53100 but nothing else; ``free()``; writes work."""
    with srv.connect() as c:
        c.execute("CREATE TABLE kept (id int PRIMARY KEY, body text)")
        c.execute("INSERT INTO kept SELECT g, repeat('k', 100) FROM generate_series(1, 100) g")
    fill()  # type: ignore[operator]
    big = "INSERT INTO kept SELECT g, repeat(md5(g::text), 32) FROM generate_series(1000, 4000) g"
    with srv.connect() as c:
        with pytest.raises(errors.DiskFull) as ei:  # the writing statement itself (autocommit)
            c.execute(big)
        _assert_disk_full(ei.value, reason)
        c.execute("BEGIN")
        c.execute(big)  # buffered: the COMMIT applies it
        with pytest.raises(errors.DiskFull) as ei:
            c.execute("COMMIT")
        _assert_disk_full(ei.value, reason)
        assert c.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        # the server keeps serving, the committed data is intact, the failed writes left nothing
        assert c.execute("SELECT count(*), min(id), max(id) FROM kept").fetchone() == (100, 1, 100)
    with srv.connect() as c2:
        assert c2.execute("SELECT count(*) FROM kept WHERE body = repeat('k', 100)").fetchone() == (100,)
    free()  # type: ignore[operator]
    with srv.connect() as c:
        c.execute(big)
        assert c.execute("SELECT count(*) FROM kept").fetchone() == (3101,)
    srv.kill9()
    srv.start()
    with srv.connect() as c:
        assert c.execute("SELECT count(*), min(id), max(id) FROM kept").fetchone() == (3101, 1, 4000)


def test_disk_full_on_small_file_system(tmp_path: Path) -> None:
    mnt = tmp_path / "fs"
    mnt.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mnt)], capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("cannot mount a small tmpfs here (test_disk_full_by_file_size_limit covers the same)")
    ballast = mnt / "ballast"
    try:
        with _server(str(mnt / "data")) as srv:

            def fill() -> None:  # take every free byte of the file system
                fd = os.open(ballast, os.O_WRONLY | os.O_CREAT, 0o600)
                try:
                    for chunk in (b"\0" * (1 << 20), b"\0" * 4096):
                        with contextlib.suppress(OSError):
                            while os.write(fd, chunk) > 0:
                                pass
                finally:
                    os.close(fd)
                assert os.statvfs(mnt).f_bavail * os.statvfs(mnt).f_frsize < 64 << 10

            _exercise_full_disk(srv, fill, lambda: ballast.unlink(), "No space left on device")
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_disk_full_by_file_size_limit(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "data")
    with _server(data_dir) as srv:
        assert srv.proc is not None
        pid = srv.proc.pid
        original = resource.prlimit(pid, resource.RLIMIT_FSIZE)  # no privileges needed for our own child

        def fill() -> None:  # the database file may not grow any more
            size = max(os.path.getsize(f) for f in _database_files(data_dir))
            resource.prlimit(pid, resource.RLIMIT_FSIZE, (size + (64 << 10), original[1]))

        def free() -> None:
            resource.prlimit(pid, resource.RLIMIT_FSIZE, original)

        _exercise_full_disk(srv, fill, free, "File too large")
