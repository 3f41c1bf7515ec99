"""The audit log file: append, chain, checkpoint with the group commit, and tamper detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storage.audit_log import (
    CHECKPOINT_KEY,
    GENESIS_HASH,
    AuditLog,
    decode_checkpoint,
    entry_hash,
    verify_log,
)
from storage.kv import KVEnv


def _log(tmp_path: Path, n: int) -> AuditLog:
    log = AuditLog(str(tmp_path))
    for i in range(n):
        log.append({"tag": "INSERT", "statement": f"insert into t values ({i})", "outcome": "ok"})
    log.flush()
    return log


def _lines(log: AuditLog) -> list[bytes]:
    return Path(log.path).read_bytes().splitlines(keepends=True)


def _write(log: AuditLog, lines: list[bytes]) -> None:
    Path(log.path).write_bytes(b"".join(lines))


def test_append_chains_entries(tmp_path: Path) -> None:
    log = _log(tmp_path, 3)
    entries = [json.loads(line) for line in _lines(log)]
    assert [e["seq"] for e in entries] == [1, 2, 3]
    assert entries[0]["prev"] == GENESIS_HASH
    assert entries[1]["prev"] == entries[0]["hash"] and entries[2]["prev"] == entries[1]["hash"]
    assert all(e["hash"] == entry_hash(e) for e in entries)
    assert log.flushed == (3, entries[2]["hash"])
    result = verify_log(log.path, log.flushed)
    assert result.ok and result.entries == 3


def test_entries_buffered_until_flush(tmp_path: Path) -> None:
    log = AuditLog(str(tmp_path))
    log.append({"tag": "SELECT"})
    assert log.pending and Path(log.path).read_bytes() == b""
    log.flush()
    assert len(_lines(log)) == 1 and log.flushed == log.last


def test_reopen_continues_the_chain(tmp_path: Path) -> None:
    log = _log(tmp_path, 2)
    log.close()
    again = AuditLog(str(tmp_path))
    again.append({"tag": "SELECT"})
    again.flush()
    assert verify_log(again.path, again.flushed).ok
    assert [json.loads(x)["seq"] for x in _lines(again)] == [1, 2, 3]


def test_torn_last_line_is_cut_on_reopen(tmp_path: Path) -> None:
    log = _log(tmp_path, 2)
    log.close()
    with open(log.path, "ab") as f:
        f.write(b'{"hash":"ab')
    again = AuditLog(str(tmp_path))
    assert again.last[0] == 2
    assert verify_log(again.path, (2, again.last[1])).ok


def test_altered_entry_detected(tmp_path: Path) -> None:
    log = _log(tmp_path, 4)
    lines = _lines(log)
    lines[1] = lines[1].replace(b"values (1)", b"values (9)")
    _write(log, lines)
    result = verify_log(log.path, log.flushed)
    assert not result.ok and result.broken_seq == 2 and "altered" in result.problem


def test_one_flipped_byte_detected(tmp_path: Path) -> None:
    log = _log(tmp_path, 3)
    raw = bytearray(Path(log.path).read_bytes())
    raw[len(_lines(log)[0]) + 5] ^= 0x01  # inside entry 2
    Path(log.path).write_bytes(bytes(raw))
    result = verify_log(log.path, log.flushed)
    assert not result.ok and result.broken_seq == 2


def test_removed_entry_detected(tmp_path: Path) -> None:
    log = _log(tmp_path, 4)
    lines = _lines(log)
    del lines[2]
    _write(log, lines)
    result = verify_log(log.path, log.flushed)
    assert not result.ok and result.broken_seq == 3 and "removed" in result.problem


def test_reordered_entries_detected(tmp_path: Path) -> None:
    log = _log(tmp_path, 4)
    lines = _lines(log)
    lines[1], lines[2] = lines[2], lines[1]
    _write(log, lines)
    result = verify_log(log.path, log.flushed)
    assert not result.ok and result.broken_seq == 2


def test_rechained_forgery_detected_by_checkpoint(tmp_path: Path) -> None:
    """Rewriting an entry and recomputing every later hash passes the chain but not the checkpoint."""
    log = _log(tmp_path, 3)
    entries = [json.loads(line) for line in _lines(log)]
    entries[1]["statement"] = "select 1"
    prev = entries[0]["hash"]
    for e in entries[1:]:
        e["prev"] = prev
        e["hash"] = entry_hash(e)
        prev = e["hash"]
    _write(log, [json.dumps(e, sort_keys=True, separators=(",", ":")).encode() + b"\n" for e in entries])
    assert verify_log(log.path, None).ok  # the chain alone cannot tell
    result = verify_log(log.path, log.flushed)
    assert not result.ok and result.broken_seq == 3 and "checkpoint" in result.problem


def test_truncated_tail_detected(tmp_path: Path) -> None:
    log = _log(tmp_path, 4)
    _write(log, _lines(log)[:2])
    assert verify_log(log.path, None).ok  # a shorter chain is still a chain ...
    result = verify_log(log.path, log.flushed)  # ... but the checkpoint knows there were 4
    assert not result.ok and result.broken_seq == 3 and "truncated" in result.problem


def test_deleted_file_detected(tmp_path: Path) -> None:
    log = _log(tmp_path, 2)
    Path(log.path).unlink()
    result = verify_log(log.path, log.flushed)
    assert not result.ok and result.broken_seq == 1


def test_reopen_after_truncation_keeps_the_gap(tmp_path: Path) -> None:
    log = _log(tmp_path, 4)
    checkpoint = log.flushed
    log.close()
    Path(log.path).write_bytes(b"".join(_lines(log)[:2]))
    again = AuditLog(str(tmp_path), checkpoint)
    again.append({"tag": "SELECT"})
    again.flush()
    result = verify_log(again.path, again.flushed)
    assert not result.ok and result.broken_seq == 3


@pytest.fixture
def env(tmp_path: Path):
    e = KVEnv(str(tmp_path / "env"), map_size=1 << 24)
    yield e
    e.close()


def test_group_commit_flushes_log_and_checkpoint(env: KVEnv) -> None:
    log = AuditLog(env.path)
    env.before_commit = log.flush_into
    log.append({"tag": "INSERT"})
    log.append({"tag": "COMMIT"})
    assert Path(log.path).read_bytes() == b""

    def write(batch) -> None:
        batch.put(b"r-row", b"x")

    env.submit(write).result()
    assert len(Path(log.path).read_bytes().splitlines()) == 2  # on disk once the commit is acknowledged
    assert log.flushed == log.last
    with env.read() as view:
        assert view.get(b"r-row") == b"x"
        assert view.get(CHECKPOINT_KEY) is None  # the checkpoint names only what an earlier batch made durable
    assert log.pending
    env.submit(lambda batch: None).result()
    with env.read() as view:
        assert decode_checkpoint(view.get(CHECKPOINT_KEY)) == log.last
    assert not log.pending
    assert verify_log(log.path, log.last).ok
