"""The security settings of ServerConfig: TLS files, timeouts and connection limits."""

from __future__ import annotations

import pytest

from pgserver.config import ServerConfig


def test_defaults() -> None:
    config = ServerConfig.from_env({})
    assert config.ssl is True and config.ssl_cert_file is None and config.ssl_key_file is None
    assert config.authentication_timeout == 60.0
    assert config.max_connections == 100 and config.reserved_connections == 3


def test_environment() -> None:
    config = ServerConfig.from_env({
        "PGSERVER_SSL": "off", "PGSERVER_SSL_CERT_FILE": "/c.crt", "PGSERVER_SSL_KEY_FILE": "/c.key",
        "PGSERVER_AUTHENTICATION_TIMEOUT": "2.5", "PGSERVER_MAX_CONNECTIONS": "7",
        "PGSERVER_SUPERUSER_RESERVED_CONNECTIONS": "0",
    })
    assert (config.ssl, config.ssl_cert_file, config.ssl_key_file) == (False, "/c.crt", "/c.key")
    assert config.authentication_timeout == 2.5
    assert config.max_connections == 7 and config.reserved_connections == 0
    # The command line wins.
    assert ServerConfig.from_env({"PGSERVER_SSL": "off"}, ssl=True).ssl is True


def test_reserved_slots_leave_one_for_everyone() -> None:
    assert ServerConfig(max_connections=2).reserved_connections == 1
    assert ServerConfig(max_connections=1).reserved_connections == 0


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PGSERVER_SSL": "maybe"}, "invalid value for ssl"),
        ({"PGSERVER_SSL_CERT_FILE": "/c.crt"}, "must be given together"),
        ({"PGSERVER_AUTHENTICATION_TIMEOUT": "soon"}, "invalid value for authentication_timeout"),
        ({"PGSERVER_AUTHENTICATION_TIMEOUT": "0"}, "authentication_timeout must be positive"),
        ({"PGSERVER_MAX_CONNECTIONS": "many"}, "invalid value for max_connections"),
        ({"PGSERVER_SUPERUSER_RESERVED_CONNECTIONS": "-1"}, "must not be negative"),
    ],
)
def test_invalid_settings(env: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ServerConfig.from_env(env)
