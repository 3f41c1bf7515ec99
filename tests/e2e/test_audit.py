"""The per-database audit log, end to end: psycopg and psql over TCP drive a mix of statements,
denials and failed logins; the server is stopped and ``pgserver audit verify`` (a subprocess)
checks the chains; then the log file is tampered with and verify must name the broken entry.

Expected SQLSTATEs were taken from PostgreSQL 15: a SELECT on a table without privilege fails
with 42501 "permission denied for table secret", a login to a database without CONNECT privilege
with FATAL 42501, a login to a missing database with FATAL 3D000, 1/0 with 22012, a wrong
password (and, with password authentication, an unknown role) with 28P01.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.e2e.conftest import REPO, ServerProcess

PSQL = shutil.which("psql")


def _audit(data_dir: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "pgserver", "audit", *args, "--data-dir", data_dir],
                          capture_output=True, text=True, env=env, cwd=str(REPO), timeout=60)


def _entries(data_dir: str, database: str) -> list[dict]:
    out = _audit(data_dir, "show", "--json", "--database", database)
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def _log_path(data_dir: str, database: str) -> Path:
    out = _audit(data_dir, "verify", "--database", database)
    m = re.search(r"\((base/\d+/audit\.log)\)", out.stdout)
    assert m, out.stdout
    return Path(data_dir) / m.group(1)


def _psql(srv: ServerProcess, dbname: str, *commands: str) -> subprocess.CompletedProcess[str]:
    if PSQL is None:
        if os.environ.get("CI"):
            pytest.fail("psql is required in CI")
        pytest.skip("psql is not installed")
    args = [PSQL, "-X", "-h", srv.host, "-p", str(srv.port), "-U", srv.user, "-d", dbname]
    for c in commands:
        args += ["-c", c]
    return subprocess.run(args, capture_output=True, text=True, timeout=30,
                          env=dict(os.environ, PGPASSWORD=srv.password, PGCONNECT_TIMEOUT="10"))


@pytest.fixture()
def audited(fresh_server: ServerProcess) -> ServerProcess:
    """A server on which the statements of the module docstring ran, stopped afterwards."""
    srv = fresh_server
    with srv.connect() as c:
        c.execute("CREATE DATABASE orga")
        c.execute("CREATE DATABASE orgb")
        c.execute("CREATE ROLE bob LOGIN PASSWORD 'bob-pw-1'")
        c.execute("GRANT CONNECT ON DATABASE orga TO bob")
        c.execute("REVOKE CONNECT ON DATABASE orgb FROM PUBLIC")
    with srv.connect(dbname="orga") as c:
        c.execute("CREATE TABLE secret (id int PRIMARY KEY, note text)")
        c.execute("INSERT INTO secret VALUES (1, 'one')")
        c.execute("SELECT %s::text", ["param-value-never-logged"])
        with pytest.raises(psycopg.errors.UndefinedTable):
            c.execute("SELECT * FROM missing_table")
        c.execute("BEGIN")
        c.execute("INSERT INTO secret VALUES (2, 'rolled-back-row')")
        c.execute("ROLLBACK")
    with srv.connect(dbname="orga", user="bob", password="bob-pw-1") as c:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("SELECT * FROM secret")
        c.execute("SELECT 42")
    out = _psql(srv, "orga", "INSERT INTO secret VALUES (3, 'via-psql')", "SELECT count(*) FROM secret",
                "SELECT 1/0")
    assert "division by zero" in out.stderr
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        srv.connect(dbname="orga", password="wrong-password")
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        srv.connect(dbname="orgb", user="bob", password="bob-pw-1")
    with pytest.raises(psycopg.OperationalError, match="does not exist"):
        srv.connect(dbname="no_such_org")
    with pytest.raises(psycopg.OperationalError, match='password authentication failed for user "mallory"'):
        srv.connect(dbname="orga", user="mallory", password="guess")
    with srv.connect(dbname="orgb") as c:
        c.execute("CREATE TABLE b_only (v text)")
        c.execute("INSERT INTO b_only VALUES ('orgb-marker')")
    srv.stop()
    return srv


def _find(entries: list[dict], **want: object) -> dict:
    for e in entries:
        if all(e.get(k) == v for k, v in want.items()):
            return e
    raise AssertionError(f"no entry with {want} in {[(e['tag'], e['statement'], e['outcome']) for e in entries]}")


def test_entries_and_verify(audited: ServerProcess) -> None:
    data = audited.data_dir
    out = _audit(data, "verify")
    assert out.returncode == 0, out.stdout + out.stderr
    assert 'audit log of database "orga"' in out.stdout and "chain intact" in out.stdout
    shown = _audit(data, "show", "--database", "orga")
    assert shown.returncode == 0 and "INSERT ok 00000 objects=public.secret" in shown.stdout, shown.stdout

    orga = _entries(data, "orga")
    assert [e["seq"] for e in orga] == list(range(1, len(orga) + 1))
    ins = _find(orga, statement="INSERT INTO secret VALUES (1, 'one')")
    assert ins["tag"] == "INSERT" and ins["outcome"] == "ok" and ins["sqlstate"] == "00000"
    assert ins["objects"] == ["public.secret"]
    assert ins["user"] == "postgres" and ins["role"] == "postgres" and ins["database"] == "orga"
    assert ins["client_addr"] == "127.0.0.1" and isinstance(ins["client_port"], int)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", ins["time"])
    assert len(ins["hash"]) == 64 and len(ins["prev"]) == 64

    missing = _find(orga, statement="SELECT * FROM missing_table")
    assert missing["tag"] == "SELECT" and missing["outcome"] == "error" and missing["sqlstate"] == "42P01"

    # statements of a rolled-back transaction are audited too
    assert _find(orga, statement="INSERT INTO secret VALUES (2, 'rolled-back-row')")["outcome"] == "ok"
    assert _find(orga, tag="ROLLBACK")["outcome"] == "ok"

    denied = _find(orga, statement="SELECT * FROM secret", user="bob")
    assert denied["outcome"] == "denied" and denied["sqlstate"] == "42501"
    assert denied["objects"] == ["public.secret"] and denied["tag"] == "SELECT"
    assert "permission denied for table secret" in denied["message"]

    via_psql = _find(orga, statement="INSERT INTO secret VALUES (3, 'via-psql')")
    assert via_psql["outcome"] == "ok"
    div = _find(orga, statement="SELECT 1/0")
    assert div["outcome"] == "error" and div["sqlstate"] == "22012"

    bad_password = _find(orga, tag="LOGIN", outcome="error", user="postgres")
    assert bad_password["sqlstate"] == "28P01" and bad_password["client_addr"] == "127.0.0.1"
    assert _find(orga, tag="LOGIN", outcome="ok", user="bob")
    unknown_role = _find(orga, tag="LOGIN", user="mallory")
    assert unknown_role["sqlstate"] == "28P01" and unknown_role["outcome"] == "error"

    # parameters and passwords are not logged
    text = json.dumps(orga)
    assert "param-value-never-logged" not in text
    assert _find(orga, tag="SELECT", statement="SELECT $1::text")

    orgb = _entries(data, "orgb")
    no_connect = _find(orgb, tag="LOGIN", user="bob")
    assert no_connect["outcome"] == "denied" and no_connect["sqlstate"] == "42501"
    assert _find(orgb, statement="INSERT INTO b_only VALUES ('orgb-marker')")
    # one organization's log holds nothing of another's
    assert "orgb-marker" not in text and "b_only" not in text
    assert "secret" not in json.dumps(orgb)
    assert all(e["database"] == "orga" for e in orga) and all(e["database"] == "orgb" for e in orgb)

    postgres_log = json.dumps(_entries(data, "postgres"))
    assert "bob-pw-1" not in postgres_log and "CREATE ROLE bob LOGIN PASSWORD '********'" in postgres_log

    cluster = [json.loads(x) for x in (Path(data) / "global" / "audit.log").read_text().splitlines()]
    unknown = _find(cluster, tag="LOGIN", database="no_such_org")
    assert unknown["outcome"] == "error" and unknown["sqlstate"] == "3D000"


def _verify_fails(data: str, database: str, entry: int, word: str) -> None:
    out = _audit(data, "verify", "--database", database)
    assert out.returncode == 1, out.stdout + out.stderr
    assert f"BROKEN at entry {entry}:" in out.stdout and word in out.stdout, out.stdout


def test_tampering_is_detected(audited: ServerProcess) -> None:
    data = audited.data_dir
    path = _log_path(data, "orga")
    original = path.read_bytes()
    lines = original.splitlines(keepends=True)
    assert len(lines) > 8

    # one byte of entry 5 altered
    raw = bytearray(original)
    offset = len(b"".join(lines[:4])) + lines[4].index(b'"statement":"') + len('"statement":"')
    raw[offset] ^= 0x20
    path.write_bytes(bytes(raw))
    _verify_fails(data, "orga", 5, "altered")

    # entry 4 deleted
    path.write_bytes(b"".join(lines[:3] + lines[4:]))
    _verify_fails(data, "orga", 4, "removed")

    # entries 3 and 4 swapped
    path.write_bytes(b"".join(lines[:2] + [lines[3], lines[2]] + lines[4:]))
    _verify_fails(data, "orga", 3, "entry")

    # the last two entries cut off: the chain is intact, the checkpoint is not
    path.write_bytes(b"".join(lines[:-2]))
    _verify_fails(data, "orga", len(lines) - 1, "truncated")

    path.write_bytes(original)
    assert _audit(data, "verify").returncode == 0


def test_committed_statement_survives_kill9(fresh_server: ServerProcess) -> None:
    """A COMMIT acknowledged to the client implies its statements' entries are on disk."""
    srv = fresh_server
    with srv.connect() as c:
        c.execute("CREATE TABLE durable (v text)")
        c.execute("INSERT INTO durable VALUES ('acknowledged')")
        with c.transaction():
            c.execute("INSERT INTO durable VALUES ('in-a-block')")
    srv.kill9()
    entries = _entries(srv.data_dir, "postgres")
    statements = [e["statement"] for e in entries]
    assert "INSERT INTO durable VALUES ('acknowledged')" in statements
    assert "INSERT INTO durable VALUES ('in-a-block')" in statements
    assert _audit(srv.data_dir, "verify").returncode == 0
    # restarted, the server continues the chain
    srv.start()
    with srv.connect() as c:
        c.execute("SELECT 'after restart'")
    srv.stop()
    entries = _entries(srv.data_dir, "postgres")
    assert entries[-1]["statement"] == "SELECT 'after restart'" or any(
        e["statement"] == "SELECT 'after restart'" for e in entries)
    assert _audit(srv.data_dir, "verify").returncode == 0


def test_audit_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.e2e.conftest import free_port

    monkeypatch.setenv("PGSERVER_AUDIT", "off")
    srv = ServerProcess(str(tmp_path / "data"), free_port())
    srv.start()
    try:
        with srv.connect() as c:
            c.execute("SELECT 1")
    finally:
        srv.stop()
    assert _entries(srv.data_dir, "postgres") == []
