"""Who may log in and how: the ``pg_hba.conf`` rules of the data directory, the login
throttle and the messages PostgreSQL sends when a rule refuses a connection.

The connection driver asks :meth:`LoginPolicy.authentication_method` once it knows the user and
database (FATAL 28000 when no rule matches or the matching rule says ``reject``), waits
:meth:`LoginPolicy.login_delay` before asking for a password, and reports each outcome.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from auth.hba import DEFAULT_HBA_CONF, REJECT, HbaError, HbaRule, find_rule, load_hba
from auth.roles import RoleSnapshot
from auth.throttle import LoginThrottle
from sql import sqlstate
from sql.errors import SqlError

logger = logging.getLogger("pgserver.login")

HBA_FILE_NAME = "pg_hba.conf"


def ensure_hba_file(data_dir: str) -> str:
    """The path of the data directory's ``pg_hba.conf``, written with the defaults if missing."""
    path = os.path.join(data_dir, HBA_FILE_NAME)
    if not os.path.exists(path):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(DEFAULT_HBA_CONF)
    return path


class LoginPolicy:
    """The access rules in force plus the per-address throttle."""

    def __init__(
        self, hba_path: str, roles: Callable[[], RoleSnapshot], throttle: LoginThrottle | None = None
    ) -> None:
        self.hba_path = hba_path
        self._roles = roles
        self.throttle = throttle or LoginThrottle()
        try:
            self.rules: list[HbaRule] = load_hba(hba_path)
        except HbaError as exc:  # errors at start are fatal
            raise ValueError(f'could not load "{hba_path}": {exc}') from None

    def reload(self) -> bool:
        """Re-read the file; on an error keep the rules in force (as PostgreSQL does)."""
        try:
            rules = load_hba(self.hba_path)
        except (OSError, UnicodeDecodeError, HbaError) as exc:
            logger.warning('could not load "%s": %s; the previous rules stay in force', self.hba_path, exc)
            return False
        self.rules = rules
        logger.info('reloaded "%s" (%d rules)', self.hba_path, len(rules))
        return True

    def _is_member(self, user: str, role_name: str) -> bool:
        roles = self._roles()
        member = roles.get(user)
        group = roles.get(role_name)
        if member is None or group is None:
            return False
        return group.oid in roles.all_memberships(member.oid)

    def authentication_method(
        self, *, ssl: bool, database: str, user: str, client_addr: str, server_addr: str = ""
    ) -> str:
        """``trust`` or ``scram-sha-256`` for this connection; FATAL 28000 when refused."""
        rule = find_rule(
            self.rules,
            ssl=ssl,
            database=database,
            user=user,
            client_addr=client_addr,
            server_addr=server_addr,
            is_member=self._is_member,
        )
        where = f'host "{client_addr}", user "{user}", database "{database}", {"SSL" if ssl else "no"} encryption'
        if rule is None:
            raise SqlError(
                sqlstate.INVALID_AUTHORIZATION_SPECIFICATION, f"no pg_hba.conf entry for {where}", severity="FATAL"
            )
        if rule.auth_method == REJECT:
            raise SqlError(
                sqlstate.INVALID_AUTHORIZATION_SPECIFICATION,
                f"pg_hba.conf rejects connection for {where}",
                severity="FATAL",
            )
        return rule.auth_method

    def login_delay(self, client_addr: str) -> float:
        """Seconds this login attempt must wait before it is asked for a password."""
        return self.throttle.reserve(client_addr)

    def login_failed(self, client_addr: str) -> None:
        self.throttle.failed(client_addr)

    def login_succeeded(self, client_addr: str) -> None:
        self.throttle.succeeded(client_addr)
