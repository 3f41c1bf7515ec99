"""Command-line entry point: ``pgserver [--data-dir DIR] [--host HOST] [--port PORT]``.

``pgserver audit verify|show --data-dir DIR`` checks or prints the audit logs (:mod:`pgserver.audit_cli`).

Also ``python -m pgserver``. Options fall back to the environment (see :mod:`pgserver.config`).
On first start the data directory is initialised with ``$POSTGRES_USER`` (default
``postgres``), ``$POSTGRES_PASSWORD`` (required then) and ``$POSTGRES_DB`` (default: the user
name). Logs go to stderr in PostgreSQL's style (``LOG:  database system is ready to accept
connections``). SIGTERM and SIGINT shut the server down cleanly; SIGHUP re-reads ``pg_hba.conf``.

TLS is on unless ``--ssl off``: the certificate and key are ``--ssl-cert-file``/``--ssl-key-file``
or ``server.crt``/``server.key`` in the data directory (self-signed on first start). Access rules
are read from ``pg_hba.conf`` in the data directory (written with defaults on first start).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pgserver.config import LOG_LEVELS, ServerConfig, parse_size
from sql.errors import SqlError

if TYPE_CHECKING:
    from pgserver.login_policy import LoginPolicy
    from pgserver.tls import TlsSettings
    from sql.instance import Instance

logger = logging.getLogger("pgserver")

_PG_LEVEL_NAMES = {
    logging.DEBUG: "DEBUG",
    logging.INFO: "LOG",
    logging.WARNING: "WARNING",
    logging.ERROR: "ERROR",
    logging.CRITICAL: "FATAL",
}


class PgLogFormatter(logging.Formatter):
    """``2024-01-31 12:00:00.123 UTC [pid] LOG:  message``, like PostgreSQL's default prefix.

    A record's ``pg_level`` attribute (``extra={"pg_level": "FATAL"}``) overrides the level
    shown, e.g. for client connections ended by a FATAL error, logged at INFO.
    """

    def format(self, record: logging.LogRecord) -> str:
        ts = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(record.created))
        zone = time.strftime("%Z", time.localtime(record.created))
        level = getattr(record, "pg_level", None) or _PG_LEVEL_NAMES.get(record.levelno, record.levelname)
        text = f"{ts}.{int(record.msecs):03d} {zone} [{record.process}] {level}:  {record.getMessage()}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


def setup_logging(level: str) -> None:
    """Send the ``pgserver`` loggers to stderr with PostgreSQL-style lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PgLogFormatter())
    root = logging.getLogger("pgserver")
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    root.propagate = False


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pgserver", description="A PostgreSQL-compatible SQL server.")
    p.add_argument(
        "-D", "--data-dir", help="data directory (env PGSERVER_DATA_DIR or PGDATA; default ./pgdata)"
    )
    p.add_argument("--host", help="listen address(es), '*' for all (env PGSERVER_HOST; default 127.0.0.1)")
    p.add_argument("-p", "--port", type=int, help="TCP port (env PGSERVER_PORT or PGPORT; default 5432)")
    p.add_argument("--max-connections", type=int, help="maximum concurrent connections (default 100)")
    p.add_argument(
        "--superuser-reserved-connections",
        type=int,
        help="connection slots only superusers may use (env PGSERVER_SUPERUSER_RESERVED_CONNECTIONS; default 3)",
    )
    p.add_argument(
        "--authentication-timeout",
        type=float,
        help="seconds a client may take to log in (env PGSERVER_AUTHENTICATION_TIMEOUT; default 60)",
    )
    p.add_argument("--ssl", choices=["on", "off"], help="accept TLS connections (env PGSERVER_SSL; default on)")
    p.add_argument(
        "--ssl-cert-file", help="server certificate, PEM (env PGSERVER_SSL_CERT_FILE; default DATA_DIR/server.crt)"
    )
    p.add_argument(
        "--ssl-key-file", help="server private key, PEM (env PGSERVER_SSL_KEY_FILE; default DATA_DIR/server.key)"
    )
    p.add_argument(
        "--max-message-size", type=int, help="largest frontend message in bytes (env PGSERVER_MAX_MESSAGE_SIZE)"
    )
    p.add_argument("--log-level", choices=[lv.lower() for lv in LOG_LEVELS], help="log level (default info)")
    p.add_argument(
        "--initial-map-size",
        help="initial storage map size per database, e.g. 64MB; maps grow as needed (env PGSERVER_INITIAL_MAP_SIZE)",
    )
    p.add_argument("--no-uvloop", action="store_true", help="use asyncio's default event loop")
    p.add_argument("--audit", choices=["on", "off"], help="the per-database audit log (env PGSERVER_AUDIT; default on)")
    return p


def _fatal(message: str, hint: str | None = None) -> int:
    print(f"FATAL:  {message}", file=sys.stderr)
    if hint:
        print(f"HINT:  {hint}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the server; returns the process exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["audit"]:
        from pgserver.audit_cli import main as audit_main

        return audit_main(argv[1:])
    args = _parser().parse_args(argv)
    try:
        config = ServerConfig.from_env(
            os.environ,
            data_dir=args.data_dir,
            host=args.host,
            port=args.port,
            max_connections=args.max_connections,
            authentication_timeout=args.authentication_timeout,
            superuser_reserved_connections=args.superuser_reserved_connections,
            ssl=None if args.ssl is None else args.ssl == "on",
            ssl_cert_file=args.ssl_cert_file,
            ssl_key_file=args.ssl_key_file,
            max_message_size=args.max_message_size,
            log_level=args.log_level.upper() if args.log_level else None,
            use_uvloop=False if args.no_uvloop else None,
            audit=None if args.audit is None else args.audit == "on",
            initial_map_size=parse_size(args.initial_map_size),
        )
    except ValueError as exc:
        return _fatal(str(exc))
    setup_logging(config.log_level)
    # The storage writer threads need the GIL back quickly after each fsync; the default 5 ms
    # switch interval would add up to 5 ms to every COMMIT while the event loop is busy.
    sys.setswitchinterval(0.0005)

    from pgserver import server
    from sql.instance import Instance

    try:
        if config.initial_map_size is None:
            instance = Instance(config.data_dir)
        else:
            instance = Instance(config.data_dir, map_size=config.initial_map_size)
    except SqlError as err:
        return _fatal(err.message, err.hint)
    if hasattr(instance, "audit"):
        instance.audit.enabled = config.audit
    try:
        if not instance.is_initialized():
            if not config.password:
                return _fatal(
                    f'POSTGRES_PASSWORD must be set on first start (the data directory "{config.data_dir}" '
                    f'is not initialized yet); it becomes the password of superuser "{config.superuser}"'
                )
            logger.info(
                'initializing data directory "%s": superuser "%s", database "%s"',
                config.data_dir,
                config.superuser,
                config.initial_dbname,
            )
            instance.initialize(config.superuser, config.password, config.initial_dbname)
        import sql.session  # noqa: F401  -- load the SQL engine now, not in the first client's login

        try:
            tls, policy = _security(config, instance)
        except (OSError, ValueError) as exc:
            return _fatal(str(exc))
        server.run(config, instance, tls=tls, login_policy=policy, reload=policy.reload)
    except SqlError as err:
        return _fatal(err.message, err.hint)
    except KeyboardInterrupt:  # before the signal handlers were installed
        return 1
    finally:
        instance.close()
    logger.info("database system is shut down")
    return 0


def _security(config: ServerConfig, instance: Instance) -> tuple[TlsSettings | None, LoginPolicy]:
    """TLS settings (certificate made on first start) and the access rules of the data directory."""
    from pgserver.login_policy import LoginPolicy, ensure_hba_file
    from pgserver.tls import load_tls
    from sql.settings import format_ms

    tls = load_tls(config.data_dir, config.ssl_cert_file, config.ssl_key_file) if config.ssl else None
    policy = LoginPolicy(ensure_hba_file(config.data_dir), lambda: instance.cluster().roles)
    instance.reload_hooks.append(policy.reload)
    instance.server_settings.update(
        {
            "ssl": "on" if tls is not None else "off",
            "max_connections": str(config.max_connections),
            "superuser_reserved_connections": str(config.reserved_connections),
            "authentication_timeout": format_ms(round(config.authentication_timeout * 1000)),
        }
    )
    return tls, policy


if __name__ == "__main__":
    sys.exit(main())
