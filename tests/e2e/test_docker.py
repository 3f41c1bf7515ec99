"""The Docker image: build it from the repository's Dockerfile, run it with a named volume, log
in over SCRAM, write data, replace the container with a new one on the same volume and read the
data back.

Needs a Docker daemon and testcontainers 4.x (like every missing tool: a failure on CI, where
``.ci/run`` starts a local engine, and a skip elsewhere). The
containers use host networking (``network_mode="host"``), so each one gets a free port through
``PGPORT``. Set ``PGSERVER_DOCKER_IMAGE`` to test an image that is already built instead of
running ``docker build``.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def _docker_unavailable() -> str | None:
    """Why Docker cannot be used here, or None when a daemon answers."""
    if shutil.which("docker") is None:
        return "no docker CLI on PATH"
    try:
        proc = subprocess.run(["docker", "info"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"`docker info` did not answer: {exc}"
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        return "no Docker daemon answers (`docker info` failed: " + (detail[-1] if detail else "no output") + ")"
    return None


_UNAVAILABLE = _docker_unavailable()
if _UNAVAILABLE is not None and not os.environ.get("CI"):
    pytest.skip(_UNAVAILABLE, allow_module_level=True)

# Ryuk (testcontainers' reaper) would be pulled from a registry; these tests remove their own
# containers and volume. Must be set before testcontainers reads its configuration.
os.environ.setdefault("TESTCONTAINERS_RYUK_DISABLED", "true")

import psycopg  # noqa: E402

_tc_container = pytest.importorskip(
    "testcontainers.core.container", reason="testcontainers is not installed (pip install testcontainers)")
_tc_wait = pytest.importorskip("testcontainers.core.wait_strategies")

REPO = Path(__file__).resolve().parents[2]
IMAGE = os.environ.get("PGSERVER_DOCKER_IMAGE", "")
BUILD_TAG = "pgserver:e2e-test"
READY = "database system is ready to accept connections"
DATA_DIR = "/var/lib/pgserver/data"
START_TIMEOUT = 120.0  # vfs copies the whole image on every container start


class HostNetworkContainer(_tc_container.DockerContainer):  # type: ignore[misc]
    """A container on the host's network: no port mapping, the server listens on the host."""

    def __init__(self, image: str, **kwargs: Any) -> None:
        super().__init__(image, network_mode="host", **kwargs)

    def get_container_host_ip(self) -> str:
        return "127.0.0.1"

    def get_exposed_port(self, port: int) -> int:
        return int(port)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def image() -> str:
    """The image under test: built once per session from the repository (or taken from
    ``PGSERVER_DOCKER_IMAGE``)."""
    if _UNAVAILABLE is not None:  # only on CI (skipped elsewhere): fail as client_tools.missing() does
        pytest.fail(f"Docker is not available: {_UNAVAILABLE}")
    if IMAGE:
        return IMAGE
    started = time.monotonic()
    proc = subprocess.run(["docker", "build", "--network", "host", "-t", BUILD_TAG, str(REPO)],
                          capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        pytest.fail(f"docker build failed (exit {proc.returncode}):\n{(proc.stdout + proc.stderr)[-4000:]}")
    print(f"docker build took {time.monotonic() - started:.1f}s")
    return BUILD_TAG


@pytest.fixture()
def volume() -> Iterator[str]:
    """A fresh named volume, removed afterwards."""
    name = f"pgserver-e2e-{secrets.token_hex(4)}"
    subprocess.run(["docker", "volume", "create", name], check=True, capture_output=True, timeout=60)
    try:
        yield name
    finally:
        subprocess.run(["docker", "volume", "rm", "-f", name], capture_output=True, timeout=60)


def _container(image: str, port: int, volume: str | None, env: dict[str, str]) -> Any:
    c = HostNetworkContainer(image).with_env("PGPORT", str(port))
    for key, value in env.items():
        c = c.with_env(key, value)
    if volume is not None:
        c = c.with_volume_mapping(volume, DATA_DIR, mode="rw")
    return c


def _start(container: Any) -> Any:
    return container.waiting_for(_tc_wait.LogMessageWaitStrategy(READY).with_startup_timeout(START_TIMEOUT)).start()


def _logs(container: Any) -> str:
    out, err = container.get_logs()
    return (out + err).decode("utf-8", "replace")


def _stop_cleanly(container: Any) -> int:
    """``docker stop`` (SIGTERM, a clean fast shutdown); returns the exit code."""
    wrapped = container.get_wrapped_container()
    wrapped.stop(timeout=30)
    return int(wrapped.wait(timeout=60)["StatusCode"])


def _connect(port: int, user: str, password: str, dbname: str) -> psycopg.Connection:
    extra: dict[str, Any] = {}
    if psycopg.pq.version() >= 160000:
        extra["require_auth"] = "scram-sha-256"  # fail unless the server really asks for SCRAM
    return psycopg.connect(host="127.0.0.1", port=port, user=user, password=password, dbname=dbname,
                           connect_timeout=10, autocommit=True, **extra)


def test_data_survives_a_new_container_on_the_same_volume(image: str, volume: str) -> None:
    user, dbname, password = "app", "appdb", secrets.token_urlsafe(12)
    env = {"POSTGRES_PASSWORD": password, "POSTGRES_USER": user, "POSTGRES_DB": dbname}

    port = free_port()
    first = _start(_container(image, port, volume, env))
    try:
        logs = _logs(first)
        assert f'initializing data directory "{DATA_DIR}": superuser "{user}", database "{dbname}"' in logs
        assert first.exec(["id", "-u"]).output.decode().strip() != "0", "the server must not run as root"
        with _connect(port, user, password, dbname) as conn:
            assert conn.execute("SELECT current_user, current_database()").fetchone() == (user, dbname)
            conn.execute("CREATE TABLE kept (id int PRIMARY KEY, note text NOT NULL)")
            conn.execute("INSERT INTO kept VALUES (1, 'one'), (2, 'two')")
            with conn.transaction():
                conn.execute("INSERT INTO kept VALUES (3, 'three')")
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            _connect(port, user, password + "x", dbname).close()
        assert _stop_cleanly(first) == 0
        assert "database system is shut down" in _logs(first)
    finally:
        first.stop()

    # A new container on the same volume, on another port, without POSTGRES_PASSWORD: the data
    # directory is initialised already, so the environment is not needed (nor used) any more.
    port = free_port()
    second = _start(_container(image, port, volume, {}))
    try:
        assert "initializing data directory" not in _logs(second)
        with _connect(port, user, password, dbname) as conn:
            assert conn.execute("SELECT id, note FROM kept ORDER BY id").fetchall() == [
                (1, "one"), (2, "two"), (3, "three")]
            conn.execute("INSERT INTO kept VALUES (4, 'four')")
            assert conn.execute("SELECT count(*) FROM kept").fetchone() == (4,)
        assert _stop_cleanly(second) == 0
    finally:
        second.stop()


def test_first_start_without_password_fails_clearly(image: str) -> None:
    container = _container(image, free_port(), None, {}).start()
    try:
        code = int(container.get_wrapped_container().wait(timeout=START_TIMEOUT)["StatusCode"])
        assert code == 1
        assert "POSTGRES_PASSWORD must be set on first start" in _logs(container)
    finally:
        container.stop()
