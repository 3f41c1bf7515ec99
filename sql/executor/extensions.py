"""CREATE EXTENSION / DROP EXTENSION for the contrib modules a PostgreSQL 15 server ships.

No extension brings objects of its own here: the statement records (per database, for the life of
the server instance) that the extension was created, so that ``IF [NOT] EXISTS`` and the "already
exists" / "does not exist" errors behave as in PostgreSQL. ``plpgsql`` is always installed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from sql.executor.extension_types import create_types, drop_types, installed_type
from sql.hstore import EXTENSION_TYPES
from sql.lexer import tokenize

AVAILABLE = frozenset((
    "adminpack", "amcheck", "autoinc", "bloom", "btree_gin", "btree_gist", "citext", "cube", "dblink",
    "dict_int", "dict_xsyn", "earthdistance", "file_fdw", "fuzzystrmatch", "hstore", "insert_username",
    "intagg", "intarray", "isn", "lo", "ltree", "moddatetime", "old_snapshot", "pageinspect",
    "pg_buffercache", "pg_freespacemap", "pg_prewarm", "pg_stat_statements", "pg_surgery", "pg_trgm",
    "pg_visibility", "pg_walinspect", "pgcrypto", "pgrowlocks", "pgstattuple", "plpgsql", "postgres_fdw",
    "refint", "seg", "sslinfo", "tablefunc", "tcn", "tsm_system_rows", "tsm_system_time", "unaccent",
    "uuid-ossp", "xml2",
))

#: Extensions a non-superuser may create (PostgreSQL 15's "trusted" ones); the others need a superuser.
TRUSTED = frozenset((
    "btree_gin", "btree_gist", "citext", "cube", "dict_int", "fuzzystrmatch", "hstore", "intarray", "isn", "lo",
    "ltree", "pg_trgm", "pgcrypto", "plpgsql", "seg", "tablefunc", "tcn", "tsm_system_rows", "tsm_system_time",
    "unaccent", "uuid-ossp",
))


def installed(session: Any) -> set[str]:
    """The extensions of the session's database (kept on the server instance, per database oid)."""
    inst = session.instance
    created: dict[int, set[str]] | None = getattr(inst, "_extensions_created", None)
    if created is None:
        created = {}
        inst._extensions_created = created
    return created.setdefault(session.database_oid, {"plpgsql"})


@dataclass(frozen=True)
class ExtensionStmt:
    create: bool
    names: tuple[str, ...]
    if_flag: bool  # IF NOT EXISTS / IF EXISTS

    def execute_utility(self, session: Any) -> Any:
        from sql.session import _static_result

        have = installed(session)
        notices: list[SqlError] = []
        if self.create:
            name = self.names[0]
            if name in have and name in EXTENSION_TYPES and installed_type(session, name) is None:
                have.discard(name)  # its types were rolled back
            if name in have:
                if not self.if_flag:
                    raise SqlError(sqlstate.DUPLICATE_OBJECT, f'extension "{name}" already exists')
                notices.append(SqlError(sqlstate.DUPLICATE_OBJECT, f'extension "{name}" already exists, skipping',
                                        severity="NOTICE"))
            elif name not in AVAILABLE:
                raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f'extension "{name}" is not available',
                               hint="The extension must first be installed on the system where PostgreSQL "
                                    "is running.")
            else:
                if name not in TRUSTED and not session.is_superuser:
                    raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f'permission denied to create extension "{name}"',
                                   hint="Must be superuser to create this extension.")
                session.check_writable("CREATE EXTENSION")
                create_types(session, name)
                have.add(name)
            return _static_result("CREATE EXTENSION", notices=notices)
        for name in self.names:
            if name not in have:
                if not self.if_flag:
                    raise SqlError(sqlstate.UNDEFINED_OBJECT, f'extension "{name}" does not exist')
                notices.append(SqlError(sqlstate.SUCCESSFUL_COMPLETION,
                                        f'extension "{name}" does not exist, skipping', severity="NOTICE"))
        session.check_writable("DROP EXTENSION")
        for name in self.names:
            if name in have:
                drop_types(session, name)
        have.difference_update(self.names)
        return _static_result("DROP EXTENSION", notices=notices)


def parse_extension_statement(text: str) -> ExtensionStmt:
    toks = [t for t in tokenize(text) if t.value != ";"]
    words = [t.value if t.kind == "ident" else t.value.lower() for t in toks]
    upper = [t.value.upper() for t in toks]
    create = upper[0] == "CREATE"
    i = 2
    if_flag = False
    if create and upper[i:i + 3] == ["IF", "NOT", "EXISTS"]:
        if_flag, i = True, i + 3
    elif not create and upper[i:i + 2] == ["IF", "EXISTS"]:
        if_flag, i = True, i + 2
    names: list[str] = []
    while i < len(words):
        names.append(words[i])
        i += 1
        if not create and i < len(words) and words[i] == ",":
            i += 1
            continue
        break
    if not names:
        raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error at end of input", position=len(text) + 1)
    return ExtensionStmt(create, tuple(names), if_flag)
