"""The psql command-line client against the server: ``psql -c`` and ``psql -f`` scripts, output
checked in unaligned tuples-only mode, and ON_ERROR_STOP's exit status."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

PSQL = shutil.which("psql")
if PSQL is None:
    pytest.skip("psql is not installed (Debian package postgresql-client)", allow_module_level=True)


def run_psql(server: Any, dbname: str, *args: str, password: str | None = None,
             user: str | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({
        "PGHOST": server.host, "PGPORT": str(server.port), "PGUSER": user or server.user,
        "PGPASSWORD": password if password is not None else server.password, "PGDATABASE": dbname,
        "PGCONNECT_TIMEOUT": "10", "PGSSLMODE": "disable", "PSQLRC": os.devnull, "LC_ALL": "C.UTF-8",
    })
    assert PSQL is not None
    return subprocess.run([PSQL, "-X", "--no-password", *args], env=env, capture_output=True, text=True,
                          timeout=60, input=stdin)


def test_psql_c(server: Any, db: str) -> None:
    r = run_psql(server, db, "-c", "CREATE TABLE fruit (id int PRIMARY KEY, name text, price numeric(6,2))")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "CREATE TABLE\n"
    r = run_psql(server, db, "-c", "INSERT INTO fruit VALUES (1, 'apple', 1.50), (2, 'pear', NULL), "
                 "(3, 'fig | date', 10)")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "INSERT 0 3\n"
    r = run_psql(server, db, "-A", "-t", "-c", "SELECT id, name, price FROM fruit ORDER BY id")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "1|apple|1.50\n2|pear|\n3|fig | date|10.00\n"
    r = run_psql(server, db, "-A", "-t", "-F", ",", "-c", "SELECT count(*), sum(price) FROM fruit")
    assert r.stdout == "3,11.50\n"


def test_psql_c_aligned_output(server: Any, db: str) -> None:
    r = run_psql(server, db, "-c", "SELECT 1 AS one, 'x'::text AS letter")
    assert r.returncode == 0, r.stderr
    assert r.stdout == (" one | letter \n"
                        "-----+--------\n"
                        "   1 | x\n"
                        "(1 row)\n\n")


def test_psql_several_c_options(server: Any, db: str) -> None:
    r = run_psql(server, db, "-A", "-t", "-c", "CREATE TABLE t (n int)", "-c", "INSERT INTO t VALUES (7), (8)",
                 "-c", "SELECT sum(n) FROM t")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "CREATE TABLE\nINSERT 0 2\n15\n"


def test_psql_file(server: Any, db: str, tmp_path: Path) -> None:
    script = tmp_path / "script.sql"
    script.write_text(
        "-- a comment\n"
        "CREATE TABLE notes (\n"
        "    id serial PRIMARY KEY,\n"
        "    body text NOT NULL,\n"
        "    done bool DEFAULT false\n"
        ");\n"
        "INSERT INTO notes (body) VALUES ('first'), ('second; with a semicolon');\n"
        "BEGIN;\n"
        "UPDATE notes SET done = true WHERE id = 1;\n"
        "COMMIT;\n"
        "SELECT id, body, done FROM notes ORDER BY id;\n"
        "SELECT current_database();\n", encoding="utf-8")
    r = run_psql(server, db, "-v", "ON_ERROR_STOP=1", "-A", "-t", "-f", str(script))
    assert r.returncode == 0, r.stderr
    assert r.stdout == ("CREATE TABLE\nINSERT 0 2\nBEGIN\nUPDATE 1\nCOMMIT\n"
                        "1|first|t\n2|second; with a semicolon|f\n"
                        f"{db}\n")
    assert r.stderr == ""


def test_psql_stdin_quiet(server: Any, db: str) -> None:
    r = run_psql(server, db, "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                 stdin="CREATE TABLE s (v text);\nINSERT INTO s VALUES ('a');\nSELECT v FROM s;\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "a\n"


def test_psql_failing_script_on_error_stop(server: Any, db: str, tmp_path: Path) -> None:
    script = tmp_path / "fail.sql"
    script.write_text(
        "CREATE TABLE f (id int PRIMARY KEY);\n"
        "INSERT INTO f VALUES (1);\n"
        "INSERT INTO f VALUES (1);\n"
        "INSERT INTO f VALUES (2);\n", encoding="utf-8")
    r = run_psql(server, db, "-v", "ON_ERROR_STOP=1", "-A", "-t", "-f", str(script))
    assert r.returncode == 3
    assert r.stdout == "CREATE TABLE\nINSERT 0 1\n"
    assert "ERROR:" in r.stderr
    r = run_psql(server, db, "-A", "-t", "-c", "SELECT id FROM f ORDER BY id")
    assert r.stdout == "1\n"  # the statement after the error did not run
    # without ON_ERROR_STOP psql carries on and exits with 0
    r = run_psql(server, db, "-A", "-t", "-f", str(script))
    assert r.returncode == 0
    assert "ERROR:" in r.stderr


def test_psql_errors(server: Any, db: str) -> None:
    r = run_psql(server, db, "-c", "SELECT * FROM no_such_table")
    assert r.returncode == 1
    assert "ERROR:" in r.stderr and "no_such_table" in r.stderr
    r = run_psql(server, db, "-c", "SELECT 1", password="wrong")
    assert r.returncode == 2
    assert "password authentication failed" in r.stderr
    r = run_psql(server, "no_such_database_xyz", "-c", "SELECT 1")
    assert r.returncode == 2
    assert 'database "no_such_database_xyz" does not exist' in r.stderr
