"""DataDirectory: lock file, per-database envs, safe removal."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sql import sqlstate
from sql.errors import SqlError
from storage.cluster import DataDirectory
from storage.txn import Transaction

REPO = str(Path(__file__).resolve().parents[2])

SECOND_LOCKER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {repo!r})
    from storage.cluster import DataDirectory
    from sql.errors import SqlError
    d = DataDirectory(sys.argv[1])
    try:
        d.lock()
        print("locked")
    except SqlError as e:
        print(e.code, e.message, e.hint, sep="|")
    """
)


def second_locker(root: Path) -> str:
    out = subprocess.run(
        [sys.executable, "-c", SECOND_LOCKER.format(repo=REPO), str(root)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_lock_refuses_second_server(tmp_path: Path) -> None:
    root = tmp_path / "data"
    d = DataDirectory(str(root))
    assert stat.S_IMODE(os.stat(root).st_mode) == 0o700
    d.lock()
    pidfile = root / "postmaster.pid"
    assert pidfile.read_text().split("\n")[0] == str(os.getpid())
    assert stat.S_IMODE(os.stat(pidfile).st_mode) == 0o600
    code, message, hint = second_locker(root).split("|")
    assert code == sqlstate.LOCK_FILE_EXISTS == "F0001"
    assert message == 'lock file "postmaster.pid" already exists'
    assert hint == f'Is another postmaster (PID {os.getpid()}) running in data directory "{root}"?'
    d.unlock()
    assert not pidfile.exists()
    assert second_locker(root) == "locked"  # the child exits, releasing its lock
    d.lock()  # a stale file left by a dead server does not block
    d.close()


def test_database_envs(tmp_path: Path) -> None:
    with DataDirectory(str(tmp_path / "data")) as d:
        g = d.global_env()
        assert d.global_env() is g
        assert os.path.isdir(tmp_path / "data" / "global")
        with pytest.raises(SqlError) as ei:
            d.database_env(5)
        assert ei.value.code == sqlstate.INVALID_CATALOG_NAME
        path = d.create_database_dir(5)
        assert path == str(tmp_path / "data" / "base" / "5")
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o700
        with pytest.raises(SqlError):
            d.create_database_dir(5)
        env = d.database_env(5)
        assert d.database_env(5) is env
        txn = Transaction(env)
        txn.put_catalog(b"k", b"v")
        txn.commit().result()
        for bad in (0, -1, "5", "../x", 5.0, True, 1 << 40):
            with pytest.raises(SqlError):
                d.database_env(bad)  # type: ignore[arg-type]
        assert d.database_oids() == [5]
        d.drop_database_dir(5)
        assert env.closed
        assert not os.path.exists(path)
        assert d.database_oids() == []
        d.drop_database_dir(5)  # already gone: no error


def test_drop_never_leaves_root(tmp_path: Path) -> None:
    outside = tmp_path / "precious"
    outside.mkdir()
    (outside / "data.mdb").write_text("keep me")
    root = tmp_path / "data"
    with DataDirectory(str(root)) as d:
        d.create_database_dir(1)
        os.symlink(outside, root / "base" / "7")
        with pytest.raises(SqlError):
            d.database_env(7)  # a symlinked database directory is not opened
        d.drop_database_dir(7)
        assert not os.path.lexists(root / "base" / "7")
        assert (outside / "data.mdb").read_text() == "keep me"
        # a symlink inside a database directory is removed as a link only
        os.symlink(outside, root / "base" / "1" / "link")
        d.drop_database_dir(1)
        assert (outside / "data.mdb").read_text() == "keep me"
        assert not os.path.exists(root / "base" / "1")


def test_drop_refuses_symlinked_base(tmp_path: Path) -> None:
    root = tmp_path / "data"
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "3").mkdir(parents=True)
    (elsewhere / "3" / "file").write_text("keep")
    root.mkdir()
    os.symlink(elsewhere, root / "base")
    with DataDirectory(str(root)) as d:
        with pytest.raises(SqlError):
            d.drop_database_dir(3)
        with pytest.raises(SqlError):
            d.database_env(3)
    assert (elsewhere / "3" / "file").read_text() == "keep"
