"""Functions that read the server's files and directories (pg_read_file, pg_read_binary_file,
pg_ls_dir, pg_stat_file). PostgreSQL grants EXECUTE on them only to superusers and members of
pg_read_server_files; everybody else gets 42501. pgserver never exposes the server's files:
for those allowed, the call is 0A000."""

from __future__ import annotations

from typing import Any

from auth.predefined_roles import PG_READ_SERVER_FILES
from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.functions import builtin


def _refuse(ctx: Any, name: str) -> None:
    session = ctx.session
    if not session.is_superuser and PG_READ_SERVER_FILES not in session.role_memberships():
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for function {name}")
    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"{name}: reading the server's files is not supported")


def _register(name: str, args: tuple[int, ...], ret: int) -> None:
    builtin(name, args, ret, needs_ctx=True, volatile=True)(lambda ctx, *_a, _n=name: _refuse(ctx, _n))


for _args in ((T.TEXT,), (T.TEXT, T.INT8, T.INT8), (T.TEXT, T.BOOL), (T.TEXT, T.INT8, T.INT8, T.BOOL)):
    _register("pg_read_file", _args, T.TEXT)
    _register("pg_read_binary_file", _args, T.BYTEA)
for _args in ((T.TEXT,), (T.TEXT, T.BOOL, T.BOOL)):
    _register("pg_ls_dir", _args, T.TEXT)
for _args in ((T.TEXT,), (T.TEXT, T.BOOL)):
    _register("pg_stat_file", _args, T.RECORD)
