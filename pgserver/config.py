"""Server configuration: one frozen :class:`ServerConfig`, built from defaults, the environment
and the command line.

Environment variables (the command line wins over them):

* ``PGSERVER_DATA_DIR`` or ``PGDATA`` -- data directory (default ``./pgdata``);
* ``PGSERVER_HOST`` -- listen address(es): a host name or IP, ``*`` for all interfaces, or a
  comma-separated list (default ``127.0.0.1``);
* ``PGSERVER_PORT`` or ``PGPORT`` -- TCP port (default 5432; 0 picks a free one);
* ``POSTGRES_USER`` / ``POSTGRES_PASSWORD`` / ``POSTGRES_DB`` -- the superuser, its password and
  the first database, used only when the data directory is initialised (first start). The
  database defaults to the user name, the user to ``postgres``;
* ``PGSERVER_INITIAL_MAP_SIZE`` -- initial size of each database's storage map, in bytes or with a
  unit (``kB``, ``MB``, ``GB``, ``TB``; default 64GB). Not a limit: a map grows by doubling when it
  fills up; a small value makes growth happen early (used by tests).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pgserver.framing import DEFAULT_MAX_MESSAGE_SIZE

DEFAULT_DATA_DIR = "./pgdata"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5432
DEFAULT_SUPERUSER = "postgres"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def _env(name: str) -> str | None:
    value = os.environ.get(name)
    return value if value else None


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Everything the server needs to start. ``dbname`` None means "same as ``superuser``"."""

    data_dir: str = DEFAULT_DATA_DIR
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    max_connections: int = 100
    max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE
    superuser: str = field(default_factory=lambda: _env("POSTGRES_USER") or DEFAULT_SUPERUSER)
    password: str | None = field(default_factory=lambda: _env("POSTGRES_PASSWORD"))
    dbname: str | None = field(default_factory=lambda: _env("POSTGRES_DB"))
    use_uvloop: bool = True
    log_level: str = "INFO"
    #: Seconds a client may take from connecting to finishing authentication.
    authentication_timeout: float = 60.0
    #: Seconds to wait for connections to close on shutdown before dropping them.
    shutdown_timeout: float = 10.0
    #: Initial storage map size in bytes (None: the storage default); maps grow as data grows.
    initial_map_size: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.port <= 65535:
            raise ValueError(f"invalid port number: {self.port}")
        if self.max_connections < 1:
            raise ValueError("max_connections must be at least 1")
        if self.max_message_size < 5:
            raise ValueError("max_message_size is too small")
        if self.log_level.upper() not in LOG_LEVELS:
            raise ValueError(f"invalid log level {self.log_level!r}; expected one of {', '.join(LOG_LEVELS)}")
        if self.initial_map_size is not None and self.initial_map_size < 1 << 16:
            raise ValueError("the initial map size must be at least 64kB")
        if not self.superuser:
            raise ValueError("the superuser name must not be empty")

    @property
    def initial_dbname(self) -> str:
        """The database created on first start."""
        return self.dbname or self.superuser

    @property
    def listen_hosts(self) -> list[str] | None:
        """Hosts to bind: None for all interfaces (``*``), else the list of names/addresses."""
        hosts = [h.strip() for h in self.host.split(",") if h.strip()]
        if not hosts or "*" in hosts:
            return None
        return hosts

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> ServerConfig:
        """A config from ``environ`` (default: ``os.environ``); ``overrides`` that are not None win."""
        env = os.environ if environ is None else environ

        def get(*names: str) -> str | None:
            for name in names:
                value = env.get(name)
                if value:
                    return value
            return None

        values: dict[str, Any] = {
            "data_dir": get("PGSERVER_DATA_DIR", "PGDATA") or DEFAULT_DATA_DIR,
            "host": get("PGSERVER_HOST") or DEFAULT_HOST,
            "port": _parse_port(get("PGSERVER_PORT", "PGPORT")),
            "superuser": get("POSTGRES_USER") or DEFAULT_SUPERUSER,
            "password": get("POSTGRES_PASSWORD"),
            "dbname": get("POSTGRES_DB"),
            "initial_map_size": parse_size(get("PGSERVER_INITIAL_MAP_SIZE")),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_changes(self, **changes: Any) -> ServerConfig:
        """A copy with some fields replaced."""
        return replace(self, **changes)


_SIZE_UNITS = {"": 1, "B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30, "TB": 1 << 40}


def parse_size(text: str | None) -> int | None:
    """Bytes of a size such as ``1048576``, ``512kB`` or ``64MB`` (None stays None)."""
    if text is None:
        return None
    t = text.strip()
    digits = len(t) - len(t.lstrip("0123456789"))
    unit = _SIZE_UNITS.get(t[digits:].strip().upper())
    if digits == 0 or unit is None:
        raise ValueError(f"invalid size: {text!r} (expected e.g. 1048576, 512kB, 64MB)")
    return int(t[:digits]) * unit


def _parse_port(text: str | None) -> int:
    if text is None:
        return DEFAULT_PORT
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"invalid port number: {text!r}") from None
