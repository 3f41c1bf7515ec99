"""node-postgres (npm's pg) against the real server: tests/e2e/node/check.js runs with node over TCP
(SCRAM-SHA-256) and its output must be what it prints against PostgreSQL 15 (tests/e2e/node/expected.txt).
The pg package is installed into a cache directory by .ci/run (or by the test on first use)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from tests.e2e.client_tools import node_pg, tool

SCRIPT = Path(__file__).resolve().parent / "node" / "check.js"

# check.js's output against PostgreSQL 15 (the same script, the same statements)
EXPECTED = Path(__file__).resolve().parent / "node" / "expected.txt"


def test_node_postgres_script_prints_what_postgresql_prints(server: Any, db: str) -> None:
    node = tool("node", "apt-get install nodejs")
    modules = node_pg()
    env = dict(os.environ, NODE_PATH=str(modules), TZ="UTC")
    proc = subprocess.run([node, str(SCRIPT), str(server.port), server.password, db], capture_output=True,
                          text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines() == EXPECTED.read_text().splitlines()
