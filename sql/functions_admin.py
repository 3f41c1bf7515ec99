"""Server administration functions: pg_reload_conf()."""

from __future__ import annotations

import logging
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.functions import builtin

logger = logging.getLogger("pgserver.server")


@builtin("pg_reload_conf", (), T.BOOL, needs_ctx=True, volatile=True)
def _pg_reload_conf(ctx: Any) -> bool:
    """Re-read the configuration files (pg_hba.conf); superusers only unless granted, as in PostgreSQL."""
    session = ctx.session
    if not session.is_superuser:
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "permission denied for function pg_reload_conf")
    logger.info("received SIGHUP, reloading configuration files")
    for hook in getattr(session.instance, "reload_hooks", ()):
        hook()
    return True
