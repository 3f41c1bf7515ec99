"""The PostgreSQL JDBC driver (Debian's libpostgresql-jdbc-java) against the real server: the Java
program tests/e2e/jdbc/JdbcCheck.java is compiled into a temporary directory and run over TCP with
SCRAM-SHA-256; its output must be what it prints against PostgreSQL 15 (tests/e2e/jdbc/expected.txt)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.client_tools import jdbc_jar, tool

SOURCE = Path(__file__).resolve().parent / "jdbc" / "JdbcCheck.java"

# JdbcCheck's output against PostgreSQL 15 (the same program, the same statements)
EXPECTED = Path(__file__).resolve().parent / "jdbc" / "expected.txt"


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """(java executable, class path) with JdbcCheck compiled against the driver jar."""
    javac = tool("javac", "apt-get install default-jdk-headless")
    java = tool("java", "apt-get install default-jdk-headless")
    jar = jdbc_jar()
    out = tmp_path_factory.mktemp("jdbc")
    proc = subprocess.run([javac, "-d", str(out), "-cp", jar, str(SOURCE)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return java, f"{out}:{jar}"


def run_check(compiled: tuple[str, str], url: str, server: Any) -> str:
    java, cp = compiled
    proc = subprocess.run([java, "-cp", cp, "JdbcCheck", url, server.user, server.password],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.mark.parametrize("options", ["", "?prepareThreshold=-1&binaryTransfer=true"],
                         ids=["default", "binary-named-statements"])
def test_jdbc_program_prints_what_postgresql_prints(compiled: tuple[str, str], server: Any, db: str,
                                                    options: str) -> None:
    url = f"jdbc:postgresql://{server.host}:{server.port}/{db}{options}"
    assert run_check(compiled, url, server).splitlines() == EXPECTED.read_text().splitlines()
