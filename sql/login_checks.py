"""Checks PostgreSQL makes when a role logs in: an expired password (VALID UNTIL in the past)
cannot be used, the last superuser_reserved_connections slots of max_connections are kept for
superusers, and CONNECTION LIMITs of the role and of the database are enforced (superusers are
exempt from these limits, as in PostgreSQL)."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from auth.roles import Role
from sql import sqlstate
from sql.datatypes.datetimes import timestamptz_input
from sql.datatypes.dtcommon import NEG_INFINITY
from sql.errors import SqlError

logger = logging.getLogger("pgserver.login")


def password_expired(role: Role, now: datetime.datetime | None = None) -> bool:
    """True when the role's VALID UNTIL lies in the past (then its password does not work)."""
    text = role.valid_until
    if text is None:
        return False
    try:
        until = timestamptz_input(text)
    except SqlError:
        return False
    if not isinstance(until, datetime.datetime):  # infinity / -infinity markers
        return until is NEG_INFINITY
    return until < (now or datetime.datetime.now(datetime.UTC))


def check_reserved_slots(role: Role, other_sessions: int, server_settings: dict[str, str]) -> None:
    """FATAL 53300 for a non-superuser when only the superuser-reserved slots are left."""
    if role.superuser:
        return
    try:
        max_connections = int(server_settings["max_connections"])
        reserved = int(server_settings["superuser_reserved_connections"])
    except (KeyError, ValueError):
        return
    if reserved > 0 and other_sessions >= max_connections - reserved:
        raise SqlError(
            sqlstate.TOO_MANY_CONNECTIONS,
            "remaining connection slots are reserved for non-replication superuser connections",
            severity="FATAL",
        )


def check_connection_limits(role: Role, database: Any, sessions: Iterable[Any]) -> None:
    """FATAL 53300 when the role or the database already has its CONNECTION LIMIT of sessions.

    ``sessions`` are the other sessions already logged in (``authenticated_role`` and ``db``).
    """
    if role.superuser:
        return
    role_limit = role.connlimit
    db_limit = getattr(database, "connlimit", -1)
    if role_limit < 0 and db_limit < 0:
        return
    role_count = db_count = 0
    for session in sessions:
        if session.authenticated_role.oid == role.oid:
            role_count += 1
        if getattr(session.db, "oid", None) == database.oid:
            db_count += 1
    if 0 <= db_limit <= db_count:
        raise SqlError(
            sqlstate.TOO_MANY_CONNECTIONS,
            f'too many connections for database "{database.name}"',
            severity="FATAL",
        )
    if 0 <= role_limit <= role_count:
        raise SqlError(
            sqlstate.TOO_MANY_CONNECTIONS, f'too many connections for role "{role.name}"', severity="FATAL"
        )
