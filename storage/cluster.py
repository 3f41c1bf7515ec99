"""The data directory: its layout, the postmaster.pid lock and per-database environments.

What lives here: :class:`DataDirectory`. Layout under ``root`` (all created mode 0700/0600)::

    root/postmaster.pid     exclusive flock held by the running server (pid + root inside)
    root/global/            KVEnv of cluster-wide catalogs (roles, databases, ...)
    root/base/<oid>/        KVEnv of one database, <oid> a positive integer

Paths are built only from integers, never from names a client sends. What does not live here:
what the envs contain (:mod:`storage.layout`, :mod:`storage.txn`), database names/OIDs (the
SQL layer's catalog).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading

from sql import sqlstate
from sql.errors import SqlError
from storage.kv import KVEnv

__all__ = ["DataDirectory"]

LOCK_FILE = "postmaster.pid"
_MAX_OID = (1 << 32) - 1


def _check_oid(oid: object) -> int:
    if type(oid) is not int or not 0 < oid <= _MAX_OID:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f"invalid database OID: {oid!r}")
    return oid


def _mkdir(path: str) -> None:
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        if os.path.islink(path) or not os.path.isdir(path):
            raise SqlError(sqlstate.IO_ERROR, f'"{path}" is not a directory') from None


def _refuse_links(root: str, path: str) -> None:
    """58030 when ``path`` or the database files in it are symbolic links: a planted link must not
    redirect a database to files outside the data directory (or to another database's files)."""
    for candidate in (path, os.path.join(path, "data.mdb"), os.path.join(path, "lock.mdb")):
        if os.path.islink(candidate):
            rel = os.path.relpath(candidate, root)
            raise SqlError(
                sqlstate.IO_ERROR,
                f'refusing to open "{rel}": it is a symbolic link',
                detail="Symbolic links inside the data directory are not allowed.",
                severity="FATAL",
            )


class DataDirectory:
    """A server's data directory (see the module docstring)."""

    def __init__(self, root: str, *, map_size: int = 1 << 36) -> None:
        self.root = os.path.abspath(root)
        self._map_size = map_size
        os.makedirs(self.root, mode=0o700, exist_ok=True)
        os.chmod(self.root, 0o700)
        self._lock_fd: int | None = None
        self._envs: dict[int, KVEnv] = {}
        self._global: KVEnv | None = None
        self._mutex = threading.Lock()

    # ------------------------------------------------------------------ lock file
    def lock(self) -> None:
        """Take the exclusive lock on ``root/postmaster.pid`` or raise F0001."""
        if self._lock_fd is not None:
            return
        path = os.path.join(self.root, LOCK_FILE)
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                try:
                    text = os.pread(fd, 64, 0).decode("ascii", "replace")
                finally:
                    os.close(fd)
                pid = text.split("\n", 1)[0].strip() or "?"
                raise SqlError(
                    sqlstate.LOCK_FILE_EXISTS,
                    f'lock file "{LOCK_FILE}" already exists',
                    hint=f'Is another postmaster (PID {pid}) running in data directory "{self.root}"?',
                    severity="FATAL",
                ) from None
            # The previous owner may have unlinked the file between our open and flock.
            try:
                same = os.fstat(fd).st_ino == os.stat(path, follow_symlinks=False).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n{self.root}\n".encode(), 0)
        os.fsync(fd)
        self._lock_fd = fd

    def unlock(self) -> None:
        """Remove ``postmaster.pid`` and release the lock."""
        fd = self._lock_fd
        if fd is None:
            return
        self._lock_fd = None
        try:
            os.unlink(os.path.join(self.root, LOCK_FILE))
        except FileNotFoundError:
            pass
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    @property
    def locked(self) -> bool:
        return self._lock_fd is not None

    # ------------------------------------------------------------------ environments
    def global_env(self) -> KVEnv:
        """The cluster-wide environment at ``root/global`` (created on first use)."""
        with self._mutex:
            if self._global is None:
                path = os.path.join(self.root, "global")
                _mkdir(path)
                _refuse_links(self.root, path)
                self._global = KVEnv(path, map_size=self._map_size)
            return self._global

    def _db_path(self, oid: int) -> str:
        return os.path.join(self.root, "base", str(_check_oid(oid)))

    def _inside_base(self, path: str) -> bool:
        base = os.path.realpath(os.path.join(self.root, "base"))
        return (
            base == os.path.join(os.path.realpath(self.root), "base")
            and os.path.dirname(os.path.realpath(path)) == base
        )

    def create_database_dir(self, oid: int) -> str:
        """Create ``root/base/<oid>`` (error 58030 if it exists); return its path."""
        path = self._db_path(oid)
        _mkdir(os.path.join(self.root, "base"))
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            raise SqlError(sqlstate.IO_ERROR, f'directory "base/{oid}" already exists') from None
        return path

    def database_env(self, oid: int) -> KVEnv:
        """The environment of database ``oid`` (opened lazily, cached)."""
        path = self._db_path(oid)
        with self._mutex:
            env = self._envs.get(oid)
            if env is not None:
                return env
            _refuse_links(self.root, path)
            if not os.path.isdir(path) or not self._inside_base(path):
                raise SqlError(
                    sqlstate.INVALID_CATALOG_NAME,
                    f"database with OID {oid} does not exist",
                    detail=f'The database subdirectory "base/{oid}" is missing.',
                )
            env = self._envs[oid] = KVEnv(path, map_size=self._map_size)
            return env

    def close_database_env(self, oid: int) -> None:
        """Close the cached environment of ``oid`` if it is open."""
        with self._mutex:
            env = self._envs.pop(_check_oid(oid), None)
        if env is not None:
            env.close()

    def drop_database_dir(self, oid: int) -> None:
        """Close the env of ``oid`` and remove ``root/base/<oid>`` without ever leaving it.

        A symlink at ``base/<oid>`` is removed as a link (its target is left alone); a base
        directory that is itself a symlink is refused.
        """
        path = self._db_path(oid)
        self.close_database_env(oid)
        if os.path.islink(path):
            os.unlink(path)
            return
        if not os.path.lexists(path):
            return
        if not self._inside_base(path):
            raise SqlError(
                sqlstate.IO_ERROR, f'refusing to remove "base/{oid}": it is outside the data directory'
            )
        shutil.rmtree(path)  # does not follow symlinks inside (fd-based on Linux)

    def database_oids(self) -> list[int]:
        """OIDs that have a directory under ``root/base``."""
        try:
            names = os.listdir(os.path.join(self.root, "base"))
        except FileNotFoundError:
            return []
        return sorted(int(n) for n in names if n.isdigit() and not n.startswith("0"))

    def close(self) -> None:
        """Close every environment and release the lock."""
        with self._mutex:
            envs = list(self._envs.values())
            self._envs.clear()
            if self._global is not None:
                envs.append(self._global)
                self._global = None
        for env in envs:
            env.close()
        self.unlock()

    def __enter__(self) -> DataDirectory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
