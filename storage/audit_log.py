"""An append-only, hash-chained audit log file and its checkpoint.

What lives here: :class:`AuditLog` (appending entries, buffering them, flushing them with a
storage environment's group commit), the canonical record encoding and the chain
(:func:`entry_hash`), and :func:`verify_log`, which walks a log file. What does not live here:
what an entry means (the SQL layer fills in the fields), where logs are kept per database
(:mod:`sql.audit_trail`).

File format: one JSON object per line (UTF-8): the canonical encoding (keys sorted, no
insignificant whitespace) of the entry with ``hash`` added as the last member.
Every entry carries ``seq`` (1, 2, 3, ...), ``prev`` (the previous entry's hash; 64 zeros for
the first) and ``hash``: the SHA-256 (hex) of the canonical encoding of every other field,
``prev`` included. Changing, removing or reordering an entry therefore breaks the chain at that
entry. Removing the last entries keeps the chain intact, so the last flushed ``(seq, hash)`` is
also stored as a checkpoint under :data:`CHECKPOINT_KEY` in the environment's LMDB, written in
the same LMDB commit that follows the log's fsync: a log shorter than its checkpoint, or one
whose entry at the checkpoint's position has another hash, has been truncated or rewritten.

Durability: :meth:`AuditLog.append` only buffers. :meth:`AuditLog.flush_into` is run by the
environment's writer before each group commit (see ``KVEnv.before_commit``): it writes the
buffered lines and starts their fsync on a helper thread, so it overlaps LMDB's own fsync; the
writer waits for it (the returned callable) before it acknowledges the commit. An acknowledged
COMMIT therefore implies its statements' entries are on disk. The checkpoint put into a batch is
the position already fsynced by an earlier batch, so after a crash it never points past the end
of the file. Entries with no commit behind them (reads, errors, logins) are carried by the next
batch, which the owner of the log requests with a timer, and by :meth:`AuditLog.flush` on close.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

__all__ = [
    "AuditLog",
    "CHECKPOINT_KEY",
    "GENESIS_HASH",
    "LOG_FILE",
    "VerifyResult",
    "canonical",
    "decode_checkpoint",
    "encode_checkpoint",
    "entry_hash",
    "read_entries",
    "verify_log",
]

LOG_FILE = "audit.log"
#: LMDB key of the checkpoint: 8-byte big-endian sequence number + 32-byte SHA-256.
CHECKPOINT_KEY = b"a"
GENESIS_HASH = "0" * 64
_TAIL_READ = 1 << 16
_CP = struct.Struct(">Q32s")
_syncer = ThreadPoolExecutor(max_workers=4, thread_name_prefix="audit-fsync")


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical(fields: Mapping[str, Any]) -> bytes:
    """The canonical encoding of ``fields``: JSON, keys sorted, no spaces, UTF-8."""
    return _ENCODER.encode(fields).encode("utf-8")


def entry_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 (hex) over the canonical encoding of every field but ``hash``."""
    body = {k: v for k, v in fields.items() if k != "hash"}
    return hashlib.sha256(canonical(body)).hexdigest()


def encode_checkpoint(seq: int, digest: str) -> bytes:
    return _CP.pack(seq, bytes.fromhex(digest))


def decode_checkpoint(raw: bytes | None) -> tuple[int, str] | None:
    if raw is None or len(raw) != _CP.size:
        return None
    seq, digest = _CP.unpack(raw)
    return seq, digest.hex()


class AuditLog:
    """The audit log file ``<directory>/audit.log`` of one environment (see the module docstring)."""

    def __init__(self, directory: str, checkpoint: tuple[int, str] | None = None) -> None:
        self.path = os.path.join(directory, LOG_FILE)
        self._lock = threading.Lock()  # seq/hash assignment and the buffer
        self._flush_lock = threading.Lock()  # one writer of the file at a time
        self._pending: list[bytes] = []
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC | os.O_NOFOLLOW,
                           0o600)
        seq, digest = self._resume()
        if checkpoint is not None and checkpoint[0] > seq:
            # The file lost entries the checkpoint vouches for: continue after the checkpoint so the
            # gap stays visible to verify_log instead of being papered over by new entries.
            seq, digest = checkpoint
        self._seq = seq
        self._last = digest
        self.flushed: tuple[int, str] = (seq, digest)  # last entry on disk (fsynced)
        self._written: tuple[int, str] = (seq, digest)  # last entry written (maybe not fsynced yet)
        self.checkpointed: tuple[int, str] | None = checkpoint  # last checkpoint put into a batch

    def _resume(self) -> tuple[int, str]:
        """The last complete entry of the file; a torn final line (a crash mid-write) is cut off."""
        size = os.fstat(self._fd).st_size
        if size == 0:
            return 0, GENESIS_HASH
        with open(self.path, "rb") as f:
            start = max(0, size - _TAIL_READ)
            f.seek(start)
            tail = f.read()
        end = tail.rfind(b"\n")
        if end + 1 + start != size:  # torn last line
            os.truncate(self.path, start + end + 1 if end >= 0 else start)
            tail = tail[: end + 1] if end >= 0 else b""
        lines = tail.rstrip(b"\n").split(b"\n")
        for line in reversed(lines if start == 0 else lines[1:]):
            try:
                entry = json.loads(line)
                return int(entry["seq"]), str(entry["hash"])
            except (ValueError, KeyError, TypeError):
                continue
        return 0, GENESIS_HASH

    @property
    def pending(self) -> bool:
        """Entries wait to be written, fsynced or checkpointed."""
        return bool(self._pending) or self._written != self.flushed or (
            self.flushed[0] > 0 and self.checkpointed != self.flushed)

    @property
    def last(self) -> tuple[int, str]:
        """``(seq, hash)`` of the last entry appended."""
        return self._seq, self._last

    def append(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Chain ``fields`` after the last entry and buffer it; returns the complete entry (``fields``
        itself, which the log takes over)."""
        with self._lock:
            entry = fields
            entry["seq"] = self._seq + 1
            entry["prev"] = self._last
            entry.pop("hash", None)
            body = canonical(entry)
            digest = hashlib.sha256(body).hexdigest()
            entry["hash"] = digest
            # the stored line is the canonical body with the hash added as its last member
            self._pending.append(body[:-1] + b',"hash":"' + digest.encode() + b'"}\n')
            self._seq += 1
            self._last = digest
            return entry

    def _write_pending(self) -> tuple[int, str]:
        """Write the buffered lines (no fsync); returns ``(seq, hash)`` of the last one written."""
        with self._lock:
            lines = self._pending
            self._pending = []
            upto = (self._seq, self._last)
        if lines:
            view = memoryview(b"".join(lines))
            while view:
                n = os.write(self._fd, view)
                view = view[n:]
            self._written = upto
        return self._written

    def flush(self) -> tuple[int, str]:
        """Write the buffered entries and fsync the file; returns ``(seq, hash)`` now on disk."""
        with self._flush_lock:
            upto = self._write_pending()
            if upto != self.flushed:
                os.fdatasync(self._fd)
                self.flushed = upto
            return self.flushed

    def flush_into(self, batch: Any) -> Callable[[], None] | None:
        """The writer's before-commit step (see the module docstring): put the checkpoint of what is
        already durable into ``batch``, write the buffered entries and start their fsync. Returns the
        wait for that fsync (to be called after the LMDB commit, before acknowledging), or None."""
        with self._flush_lock:
            durable = self.flushed
            if durable[0] and durable != self.checkpointed:
                batch.put(CHECKPOINT_KEY, encode_checkpoint(*durable))
                self.checkpointed = durable
            upto = self._write_pending()
            if upto == durable:
                return None
            fd = self._fd
            syncing = _syncer.submit(os.fdatasync, fd)

        def finish() -> None:
            syncing.result()
            with self._flush_lock:
                if upto[0] > self.flushed[0]:
                    self.flushed = upto

        return finish

    def close(self) -> None:
        with self._flush_lock:
            fd, self._fd = self._fd, -1
            if fd >= 0:
                os.close(fd)


# ------------------------------------------------------------------------------------------ verify


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    problem: str = ""  # the first problem found, naming the entry
    broken_seq: int | None = None


def read_entries(path: str) -> Iterator[tuple[int, dict[str, Any] | None, bytes]]:
    """``(line number, entry or None if unreadable, raw line)`` for each line of a log file."""
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, 1):
            try:
                entry = json.loads(raw)
            except ValueError:
                entry = None
            yield lineno, entry if isinstance(entry, dict) else None, raw


def verify_log(path: str, checkpoint: tuple[int, str] | None) -> VerifyResult:
    """Walk the chain of the log at ``path``; ``checkpoint`` is the stored last ``(seq, hash)``."""
    expected_seq, prev, count = 1, GENESIS_HASH, 0
    try:
        entries = list(read_entries(path))
    except FileNotFoundError:
        entries = []
    for lineno, entry, _raw in entries:
        where = f"entry {expected_seq} (line {lineno})"
        if entry is None:
            return VerifyResult(False, count, f"{where} is unreadable (altered)", expected_seq)
        seq = entry.get("seq")
        if entry.get("hash") != entry_hash(entry):
            return VerifyResult(False, count, f"{where}: hash mismatch (entry altered)", expected_seq)
        if seq != expected_seq:
            what = "removed" if isinstance(seq, int) and seq > expected_seq else "reordered or duplicated"
            return VerifyResult(False, count, f"{where}: found sequence number {seq} (entry {what})",
                                expected_seq)
        if entry.get("prev") != prev:
            return VerifyResult(False, count, f"{where}: previous-entry hash does not match (chain broken)",
                                expected_seq)
        prev = entry["hash"]
        expected_seq += 1
        count += 1
        if checkpoint is not None and seq == checkpoint[0] and prev != checkpoint[1]:
            return VerifyResult(False, count, f"{where}: hash differs from the stored checkpoint (rewritten)",
                                seq)
    if checkpoint is not None and checkpoint[0] > count:
        return VerifyResult(False, count, f"entry {count + 1}: missing; the log ends at entry {count} but the "
                                          f"checkpoint records entry {checkpoint[0]} (tail truncated)", count + 1)
    return VerifyResult(True, count)
