"""Fixtures that start the real server as a subprocess on a free port and connect to it
over TCP with real clients. Nothing here runs the server in-process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "secret"
USER = "postgres"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class ServerProcess:
    data_dir: str
    port: int
    host: str = "127.0.0.1"
    user: str = USER
    password: str = PASSWORD
    dbname: str = USER
    proc: subprocess.Popen | None = None
    log: list[str] = field(default_factory=list)

    def start(self, timeout: float = 30.0) -> None:
        env = dict(os.environ)
        env["POSTGRES_PASSWORD"] = self.password
        env["POSTGRES_USER"] = self.user
        env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
        env["PYTHONUNBUFFERED"] = "1"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pgserver", "--data-dir", self.data_dir, "--host", self.host,
             "--port", str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True, cwd=str(REPO))
        deadline = time.monotonic() + timeout
        assert self.proc.stdout is not None
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                if self.proc.poll() is not None:
                    raise RuntimeError("server exited during start:\n" + "".join(self.log))
                continue
            self.log.append(line)
            if "database system is ready to accept connections" in line:
                import threading

                threading.Thread(target=self._drain, daemon=True).start()
                return
        raise RuntimeError("server did not start:\n" + "".join(self.log))

    def _drain(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for line in self.proc.stdout:
            self.log.append(line)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def kill9(self) -> None:
        self.stop(signal.SIGKILL)

    def dsn(self, **overrides: object) -> str:
        params = {"host": self.host, "port": self.port, "user": self.user, "password": self.password,
                  "dbname": self.dbname}
        params.update(overrides)
        return " ".join(f"{k}={v}" for k, v in params.items())

    def connect(self, autocommit: bool = True, **overrides: object) -> psycopg.Connection:
        return psycopg.connect(self.dsn(**overrides), autocommit=autocommit, connect_timeout=10)


@contextmanager
def running_server(prefix: str, **env: str) -> Iterator[ServerProcess]:
    """A server on a new data directory and a free port, started with the environment variables
    ``env`` set (restored afterwards), stopped at the end."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        with tempfile.TemporaryDirectory(prefix=prefix) as d:
            srv = ServerProcess(os.path.join(d, "data"), free_port())
            srv.start()
            try:
                yield srv
            finally:
                srv.stop()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def server() -> Iterator[ServerProcess]:
    with running_server("pgserver-e2e-") as srv:
        yield srv


@pytest.fixture()
def fresh_server() -> Iterator[ServerProcess]:
    """A server of its own (for restarts, kill -9 and other destructive tests)."""
    with running_server("pgserver-own-") as srv:
        yield srv


@pytest.fixture()
def conn(server: ServerProcess) -> Iterator[psycopg.Connection]:
    c = server.connect()
    try:
        yield c
    finally:
        c.close()


_counter = [0]


@pytest.fixture()
def db(server: ServerProcess) -> Iterator[str]:
    """A database of its own for one test, dropped afterwards."""
    _counter[0] += 1
    name = f"t{os.getpid()}_{_counter[0]}"
    with server.connect() as c:
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with server.connect() as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
