"""Command-line entry point: ``pgserver [--data-dir DIR] [--host HOST] [--port PORT]``.

Also ``python -m pgserver``. Options fall back to the environment (see :mod:`pgserver.config`).
On first start the data directory is initialised with ``$POSTGRES_USER`` (default
``postgres``), ``$POSTGRES_PASSWORD`` (required then) and ``$POSTGRES_DB`` (default: the user
name). Logs go to stderr in PostgreSQL's style (``LOG:  database system is ready to accept
connections``). SIGTERM and SIGINT shut the server down cleanly.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence

from pgserver.config import LOG_LEVELS, ServerConfig, parse_size
from sql.errors import SqlError

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
    p.add_argument("--log-level", choices=[lv.lower() for lv in LOG_LEVELS], help="log level (default info)")
    p.add_argument(
        "--initial-map-size",
        help="initial storage map size per database, e.g. 64MB; maps grow as needed (env PGSERVER_INITIAL_MAP_SIZE)",
    )
    p.add_argument("--no-uvloop", action="store_true", help="use asyncio's default event loop")
    return p


def _fatal(message: str, hint: str | None = None) -> int:
    print(f"FATAL:  {message}", file=sys.stderr)
    if hint:
        print(f"HINT:  {hint}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the server; returns the process exit status."""
    args = _parser().parse_args(argv)
    try:
        config = ServerConfig.from_env(
            os.environ,
            data_dir=args.data_dir,
            host=args.host,
            port=args.port,
            max_connections=args.max_connections,
            log_level=args.log_level.upper() if args.log_level else None,
            use_uvloop=False if args.no_uvloop else None,
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
        server.run(config, instance)
    except SqlError as err:
        return _fatal(err.message, err.hint)
    except KeyboardInterrupt:  # before the signal handlers were installed
        return 1
    finally:
        instance.close()
    logger.info("database system is shut down")
    return 0


if __name__ == "__main__":
    sys.exit(main())
