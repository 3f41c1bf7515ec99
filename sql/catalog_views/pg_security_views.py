"""Security views: pg_stat_ssl (whether each backend's connection uses TLS, with protocol and
cipher) and pg_hba_file_rules (the current contents of the data directory's pg_hba.conf, one row
per rule or per line in error, read from the file rather than from the rules in force;
superusers only, as in PostgreSQL)."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterator
from typing import Any

from auth.hba import HbaError, parse_line
from sql import sqlstate
from sql.catalog_views.base import builder, relation
from sql.errors import SqlError

HBA_FILE_NAME = "pg_hba.conf"


def _address(address: Any) -> tuple[str | None, str | None]:
    if address is None:
        return "all", None
    if isinstance(address, str):
        return address, None
    if isinstance(address, ipaddress.IPv6Network):
        return str(address.network_address), str(address.netmask)
    return str(address.network_address), str(address.netmask)


@relation("pg_catalog", "pg_hba_file_rules", cached=False)
def pg_hba_file_rules(session: Any) -> Iterator[tuple[Any, ...]]:
    if not session.is_superuser:
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "permission denied for view pg_hba_file_rules")
    make = builder("pg_catalog", "pg_hba_file_rules")
    path = os.path.join(session.instance.data.root, HBA_FILE_NAME)
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        yield make(line_number=0, error=f'could not open file "{path}": {exc}')
        return
    for number, line in enumerate(lines, start=1):
        try:
            rule = parse_line(line, number)
        except HbaError as exc:
            yield make(line_number=number, error=exc.message)
            continue
        if rule is None:
            continue
        address, netmask = (None, None) if rule.conn_type == "local" else _address(rule.address)
        yield make(line_number=number, type=rule.conn_type, database=[t.text for t in rule.databases],
                   user_name=[t.text for t in rule.users], address=address, netmask=netmask,
                   auth_method=rule.method, options=list(rule.options) or None)


@relation("pg_catalog", "pg_stat_ssl", cached=False)
def pg_stat_ssl(session: Any) -> Iterator[tuple[Any, ...]]:
    """One row per backend: whether its connection uses TLS, with protocol version and cipher."""
    make = builder("pg_catalog", "pg_stat_ssl")
    for pid, s in sorted(session.instance.sessions.items()):
        info = getattr(s, "ssl_info", None)
        if info is None:
            yield make(pid=pid, ssl=False)
        else:
            yield make(pid=pid, ssl=True, version=info[0], cipher=info[1], bits=info[2])
