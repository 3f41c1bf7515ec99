"""Roles every cluster has without creating them: PostgreSQL 15's predefined roles (same names
and OIDs), and the three organization roles ``admin``, ``operator`` and ``reader``.

Predefined roles are cluster-wide like any role. The organization roles exist in every
database but membership in them is recorded per database: ``GRANT reader TO alice`` made while
connected to database A makes alice a reader of A only (see :mod:`sql.org_roles`). Inside that
database an organization role stands for:

- ``reader``: pg_read_all_data (SELECT on every table, view and sequence, USAGE on every schema);
- ``operator``: pg_read_all_data and pg_write_all_data (also INSERT, UPDATE, DELETE);
- ``admin``: both, and whatever the database's owner may do there (as if a member of the owner),
  including pg_database_owner;

and each of them lets its members connect to that database.
"""

from __future__ import annotations

from collections.abc import Iterable

from auth.roles import Role

PG_MONITOR = 3373
PG_READ_ALL_SETTINGS = 3374
PG_READ_ALL_STATS = 3375
PG_STAT_SCAN_TABLES = 3377
PG_CHECKPOINT = 4544
PG_READ_SERVER_FILES = 4569
PG_DATABASE_OWNER = 6171
PG_READ_ALL_DATA = 6181
PG_WRITE_ALL_DATA = 6182

ORG_ADMIN = 9901
ORG_OPERATOR = 9902
ORG_READER = 9903
ORG_ROLES = {"admin": ORG_ADMIN, "operator": ORG_OPERATOR, "reader": ORG_READER}
ORG_ROLE_OIDS = frozenset(ORG_ROLES.values())

# what an organization role stands for inside its database (ORG_ADMIN adds the database owner)
ORG_IMPLIES = {
    ORG_ADMIN: (PG_READ_ALL_DATA, PG_WRITE_ALL_DATA, PG_DATABASE_OWNER),
    ORG_OPERATOR: (PG_READ_ALL_DATA, PG_WRITE_ALL_DATA),
    ORG_READER: (PG_READ_ALL_DATA,),
}

_PREDEFINED = [
    (PG_MONITOR, "pg_monitor", (PG_READ_ALL_SETTINGS, PG_READ_ALL_STATS, PG_STAT_SCAN_TABLES)),
    (PG_READ_ALL_SETTINGS, "pg_read_all_settings", ()),
    (PG_READ_ALL_STATS, "pg_read_all_stats", ()),
    (PG_STAT_SCAN_TABLES, "pg_stat_scan_tables", ()),
    (4200, "pg_signal_backend", ()),
    (PG_CHECKPOINT, "pg_checkpoint", ()),
    (PG_READ_SERVER_FILES, "pg_read_server_files", ()),
    (4570, "pg_write_server_files", ()),
    (4571, "pg_execute_server_program", ()),
    (PG_DATABASE_OWNER, "pg_database_owner", ()),
    (PG_READ_ALL_DATA, "pg_read_all_data", ()),
    (PG_WRITE_ALL_DATA, "pg_write_all_data", ()),
]

BUILTIN_ROLES: tuple[Role, ...] = tuple(
    [Role(oid, name, member_of=tuple(parents)) for oid, name, parents in _PREDEFINED]
    + [Role(oid, name) for name, oid in ORG_ROLES.items()])
BUILTIN_OIDS = frozenset(r.oid for r in BUILTIN_ROLES)

# kind of object -> (letters pg_read_all_data grants, letters pg_write_all_data grants)
_DATA_LETTERS = {
    "table": ("r", "awd"), "view": ("r", "awd"), "sequence": ("r", "w"), "schema": ("U", "U"),
}


def data_role_allows(roles: Iterable[int] | frozenset[int], kind: str, letter: str) -> bool:
    """Whether pg_read_all_data / pg_write_all_data, if among ``roles``, grant ``letter`` on an object of ``kind``."""
    letters = _DATA_LETTERS.get(kind)
    if letters is None:
        return False
    return (letter in letters[0] and PG_READ_ALL_DATA in roles) or (letter in letters[1] and PG_WRITE_ALL_DATA in roles)
