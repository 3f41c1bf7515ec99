"""Server configuration: one frozen :class:`ServerConfig`, built from defaults, the environment
and the command line.

Environment variables (the command line wins over them):

* ``PGSERVER_DATA_DIR`` or ``PGDATA`` -- data directory (default ``./pgdata``);
* ``PGSERVER_HOST`` -- listen address(es): a host name or IP, ``*`` for all interfaces, or a
  comma-separated list (default ``127.0.0.1``);
* ``PGSERVER_PORT`` or ``PGPORT`` -- TCP port (default 5432; 0 picks a free one);
* ``PGSERVER_MAX_MESSAGE_SIZE`` -- largest frontend message accepted, in bytes (default 1 GiB - 1,
  PostgreSQL's limit); a longer one ends the connection with FATAL 08P01 "invalid message length";
* ``POSTGRES_USER`` / ``POSTGRES_PASSWORD`` / ``POSTGRES_DB`` -- the superuser, its password and
  the first database, used only when the data directory is initialised (first start). The
  database defaults to the user name, the user to ``postgres``.
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

    def __post_init__(self) -> None:
        if not 0 <= self.port <= 65535:
            raise ValueError(f"invalid port number: {self.port}")
        if self.max_connections < 1:
            raise ValueError("max_connections must be at least 1")
        if self.max_message_size < 5:
            raise ValueError("max_message_size is too small")
        if self.log_level.upper() not in LOG_LEVELS:
            raise ValueError(f"invalid log level {self.log_level!r}; expected one of {', '.join(LOG_LEVELS)}")
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
            "max_message_size": _parse_size(get("PGSERVER_MAX_MESSAGE_SIZE")),
            "superuser": get("POSTGRES_USER") or DEFAULT_SUPERUSER,
            "password": get("POSTGRES_PASSWORD"),
            "dbname": get("POSTGRES_DB"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_changes(self, **changes: Any) -> ServerConfig:
        """A copy with some fields replaced."""
        return replace(self, **changes)


def _parse_port(text: str | None) -> int:
    if text is None:
        return DEFAULT_PORT
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"invalid port number: {text!r}") from None


def _parse_size(text: str | None) -> int:
    if text is None:
        return DEFAULT_MAX_MESSAGE_SIZE
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"invalid message size: {text!r}") from None
