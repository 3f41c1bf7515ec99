"""Where audit entries go: one :class:`storage.audit_log.AuditLog` per database (organization) in
that database's own directory, and one cluster-level log in ``global/`` for failed logins to a
database that does not exist.

What lives here: :class:`AuditTrail` (the instance's set of logs, the on/off switch, hooking each
log into its environment's group commit, and a timer that flushes entries no commit carries) and
:func:`log_files`, which finds the logs for the ``pgserver audit`` commands.
What does not live here: the fields of an entry (:mod:`sql.audit`), the file format and chain
(:mod:`storage.audit_log`).
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from storage.audit_log import CHECKPOINT_KEY, LOG_FILE, AuditLog, decode_checkpoint, read_entries, verify_log
from storage.kv import KVEnv

__all__ = ["AuditTrail", "CLUSTER_LOG_NAME", "FLUSH_INTERVAL", "log_files", "read_entries", "verify_log"]

log = logging.getLogger(__name__)

#: Seconds after which entries that no COMMIT has carried to disk are flushed by the timer.
FLUSH_INTERVAL = 0.2
CLUSTER = 0  # key of the cluster-level log
CLUSTER_LOG_NAME = "(cluster)"


class AuditTrail:
    """The audit logs of one server instance (``data`` is its :class:`storage.cluster.DataDirectory`)."""

    def __init__(self, data: Any, enabled: bool = True) -> None:
        self._data = data
        self.enabled = enabled
        self._logs: dict[int, tuple[AuditLog, KVEnv]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._timer: threading.Thread | None = None

    def database_log(self, oid: int) -> AuditLog:
        """The log of database ``oid`` (opened on first use)."""
        return self._open(oid, lambda: self._data.database_env(oid))

    def cluster_log(self) -> AuditLog:
        """The cluster-level log (failed logins to databases that do not exist)."""
        return self._open(CLUSTER, self._data.global_env)

    def _open(self, key: int, get_env: Any) -> AuditLog:
        got = self._logs.get(key)
        if got is not None:
            return got[0]
        with self._lock:
            got = self._logs.get(key)
            if got is not None:
                return got[0]
            env: KVEnv = get_env()
            with env.read() as view:
                checkpoint = decode_checkpoint(view.get(CHECKPOINT_KEY))
            audit_log = AuditLog(env.path, checkpoint)
            env.before_commit = audit_log.flush_into
            self._logs[key] = (audit_log, env)
            if self._timer is None:
                self._timer = threading.Thread(target=self._run_timer, name="audit-flush", daemon=True)
                self._timer.start()
            return audit_log

    def forget_database(self, oid: int) -> None:
        """The database was dropped: its log went with its directory."""
        with self._lock:
            got = self._logs.pop(oid, None)
        if got is not None:
            got[1].before_commit = None
            got[0].close()

    def _run_timer(self) -> None:
        while not self._stop.wait(FLUSH_INTERVAL):
            self.flush(wait=False)

    def flush(self, wait: bool = True) -> None:
        """Have every log with buffered entries written, fsynced and checkpointed by its env's writer."""
        futures = []
        for audit_log, env in list(self._logs.values()):
            if not audit_log.pending:
                continue
            try:
                futures.append(env.submit(_nothing))
            except SqlError:  # the environment is closing or gone
                continue
        if wait:
            for fut in futures:
                try:
                    fut.result()
                except Exception:
                    log.exception("could not flush the audit log")

    def close(self) -> None:
        """Flush everything and close the files (before the environments are closed)."""
        self._stop.set()
        if self._timer is not None:
            self._timer.join()
        for _ in range(3):  # entries written and fsynced by one batch, then checkpointed by the next
            if not any(audit_log.pending for audit_log, _env in self._logs.values()):
                break
            self.flush(wait=True)
        with self._lock:
            logs = list(self._logs.values())
            self._logs.clear()
        for audit_log, env in logs:
            env.before_commit = None
            audit_log.close()


def log_files(instance: Any, database: str | None) -> list[tuple[str, str, tuple[int, str] | None]]:
    """(database name, log path, stored checkpoint) of one database's log, or of every database's and
    the cluster log (named :data:`CLUSTER_LOG_NAME`) -- for the ``pgserver audit`` commands."""
    snap = instance.cluster()
    if database is not None:
        rec = snap.databases.get(database)
        if rec is None:
            raise SqlError(sqlstate.INVALID_CATALOG_NAME, f'database "{database}" does not exist')
        records = [rec]
    else:
        records = sorted(snap.databases.values(), key=lambda r: r.oid)
    envs = [(rec.name, instance.data.database_env(rec.oid)) for rec in records]
    if database is None:
        envs.append((CLUSTER_LOG_NAME, instance.global_env))
    out = []
    for name, env in envs:
        with env.read() as view:
            checkpoint = decode_checkpoint(view.get(CHECKPOINT_KEY))
        out.append((name, os.path.join(env.path, LOG_FILE), checkpoint))
    return out


def _nothing(batch: Any) -> None:
    """An empty apply: the batch exists only so the writer flushes the log and its checkpoint."""
