"""Finding the external clients the driver tests run (a JDK with the PostgreSQL JDBC driver, node with
npm's ``pg``). ``.ci/run`` installs them; on CI (``CI`` set) a missing tool fails the test, on a
developer's machine it skips it with the command that installs it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

NODE_PG_VERSION = "8.23.1"  # npm's pg, as .ci/run installs it
JDBC_JARS = ("/usr/share/java/postgresql.jar",)  # Debian's libpostgresql-jdbc-java


def missing(what: str, how: str) -> None:
    """Fail on CI, skip elsewhere: ``what`` is not installed (``how`` installs it)."""
    message = f"{what} is not installed ({how})"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def tool(name: str, how: str) -> str:
    path = shutil.which(name)
    if path is None:
        missing(name, how)
    assert path is not None
    return path


def jdbc_jar() -> str:
    candidates = [os.environ.get("PGSERVER_JDBC_JAR", ""), *JDBC_JARS]
    for c in candidates:
        if c and os.path.isfile(c):
            return c
    missing("the PostgreSQL JDBC driver", "apt-get install libpostgresql-jdbc-java")
    raise AssertionError("unreachable")


def node_modules_dir() -> Path:
    """The cache directory whose node_modules holds npm's ``pg`` (same path as .ci/run uses)."""
    base = os.environ.get("PGSERVER_NODE_PREFIX")
    if base:
        return Path(base)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "pgserver-tests" / "node"


def node_pg() -> Path:
    """``node_modules`` with npm's ``pg``, installed into the cache directory on first use."""
    prefix = node_modules_dir()
    modules = prefix / "node_modules"
    if not (modules / "pg" / "package.json").is_file():
        npm = tool("npm", "apt-get install npm")
        prefix.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(prefix),
                               f"pg@{NODE_PG_VERSION}"], capture_output=True, text=True, timeout=600)
        if proc.returncode != 0 or not (modules / "pg" / "package.json").is_file():
            missing("npm's pg package", f"npm install --prefix {prefix} pg@{NODE_PG_VERSION}: {proc.stderr[-500:]}")
    return modules
