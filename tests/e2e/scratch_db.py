"""A database of its own for a test module, or the one ``ROW_LOCKS_DSN`` names (to run the
concurrency tests against another server, e.g. a real PostgreSQL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def module_database(server: Any, prefix: str) -> Iterator[str]:
    """A libpq connection string of a fresh database (dropped afterwards), or ``ROW_LOCKS_DSN``."""
    other = os.environ.get("ROW_LOCKS_DSN")
    if other:
        yield other
        return
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with server.connect() as c:
        c.execute(f"CREATE DATABASE {name}")
    try:
        yield server.dsn(dbname=name)
    finally:
        with server.connect() as c:
            c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
