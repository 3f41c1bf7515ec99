"""Server configuration: one frozen :class:`ServerConfig`, built from defaults, the environment
and the command line.

Environment variables (the command line wins over them):

* ``PGSERVER_DATA_DIR`` or ``PGDATA`` -- data directory (default ``./pgdata``);
* ``PGSERVER_HOST`` -- listen address(es): a host name or IP, ``*`` for all interfaces, or a
  comma-separated list (default ``127.0.0.1``);
* ``PGSERVER_PORT`` or ``PGPORT`` -- TCP port (default 5432; 0 picks a free one);
* ``PGSERVER_AUDIT`` -- ``on`` (default) or ``off``: the per-database audit log;
* ``PGSERVER_MAX_MESSAGE_SIZE`` -- largest frontend message accepted, in bytes (default 1 GiB - 1,
  PostgreSQL's limit); a longer one ends the connection with FATAL 08P01 "invalid message length";
* ``POSTGRES_USER`` / ``POSTGRES_PASSWORD`` / ``POSTGRES_DB`` -- the superuser, its password and
  the first database, used only when the data directory is initialised (first start). The
  database defaults to the user name, the user to ``postgres``;
* ``PGSERVER_MAX_CONNECTIONS`` -- maximum concurrent connections (default 100);
* ``PGSERVER_SUPERUSER_RESERVED_CONNECTIONS`` -- of those, how many only superusers may use (default 3);
* ``PGSERVER_AUTHENTICATION_TIMEOUT`` -- seconds a client may take to log in (default 60);
* ``PGSERVER_SSL`` -- ``on`` (default) or ``off``: accept TLS connections;
* ``PGSERVER_SSL_CERT_FILE`` / ``PGSERVER_SSL_KEY_FILE`` -- the server certificate and key
  (default ``server.crt``/``server.key`` in the data directory, self-signed on first start);
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
    #: Connection slots only superusers may use (at most max_connections - 1 take effect).
    superuser_reserved_connections: int = 3
    max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE
    superuser: str = field(default_factory=lambda: _env("POSTGRES_USER") or DEFAULT_SUPERUSER)
    password: str | None = field(default_factory=lambda: _env("POSTGRES_PASSWORD"))
    dbname: str | None = field(default_factory=lambda: _env("POSTGRES_DB"))
    use_uvloop: bool = True
    log_level: str = "INFO"
    #: Keep the per-database audit log (``--audit on|off``).
    audit: bool = True
    #: Seconds a client may take from connecting to finishing authentication.
    authentication_timeout: float = 60.0
    #: Seconds to wait for connections to close on shutdown before dropping them.
    shutdown_timeout: float = 10.0
    #: Accept TLS (SSLRequest answered 'S'); certificate and key files (None: in the data directory).
    ssl: bool = True
    ssl_cert_file: str | None = None
    ssl_key_file: str | None = None
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
        if self.superuser_reserved_connections < 0:
            raise ValueError("superuser_reserved_connections must not be negative")
        if self.authentication_timeout <= 0:
            raise ValueError("authentication_timeout must be positive")
        if (self.ssl_cert_file is None) != (self.ssl_key_file is None):
            raise ValueError("ssl_cert_file and ssl_key_file must be given together")

    @property
    def reserved_connections(self) -> int:
        """The superuser-only slots in effect (at least one slot stays open to everyone)."""
        return min(self.superuser_reserved_connections, self.max_connections - 1)

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
            "max_message_size": _parse_number(get("PGSERVER_MAX_MESSAGE_SIZE") or DEFAULT_MAX_MESSAGE_SIZE,
                                              "PGSERVER_MAX_MESSAGE_SIZE", int),
            "superuser": get("POSTGRES_USER") or DEFAULT_SUPERUSER,
            "password": get("POSTGRES_PASSWORD"),
            "dbname": get("POSTGRES_DB"),
            "ssl_cert_file": get("PGSERVER_SSL_CERT_FILE"),
            "ssl_key_file": get("PGSERVER_SSL_KEY_FILE"),
            "audit": parse_bool(get("PGSERVER_AUDIT") or "on", "PGSERVER_AUDIT"),
            "initial_map_size": parse_size(get("PGSERVER_INITIAL_MAP_SIZE")),
        }
        if get("PGSERVER_MAX_CONNECTIONS"):
            values["max_connections"] = _parse_number(get("PGSERVER_MAX_CONNECTIONS"), "max_connections", int)
        if get("PGSERVER_SUPERUSER_RESERVED_CONNECTIONS"):
            values["superuser_reserved_connections"] = _parse_number(
                get("PGSERVER_SUPERUSER_RESERVED_CONNECTIONS"), "superuser_reserved_connections", int
            )
        if get("PGSERVER_AUTHENTICATION_TIMEOUT"):
            values["authentication_timeout"] = _parse_number(
                get("PGSERVER_AUTHENTICATION_TIMEOUT"), "authentication_timeout", float
            )
        if get("PGSERVER_SSL"):
            values["ssl"] = parse_bool(get("PGSERVER_SSL"), "ssl")
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


def _parse_number(text: str | None, name: str, kind: type) -> Any:
    try:
        return kind(text)
    except (TypeError, ValueError):
        raise ValueError(f"invalid value for {name}: {text!r}") from None


def parse_bool(text: str | None, name: str) -> bool:
    """``on``/``off`` (and PostgreSQL's other spellings of booleans)."""
    value = (text or "").strip().lower()
    if value in ("on", "true", "yes", "1"):
        return True
    if value in ("off", "false", "no", "0"):
        return False
    raise ValueError(f"invalid value for {name}: {text!r} (expected on or off)")
