"""The database server instance: data directory, roles, the list of databases, sessions.

Cluster-wide records (roles, databases) live in the global storage environment; each
database has its own environment under ``base/<oid>`` — directory names are OIDs, never names
a client sent. Role and database commands are applied in their own commit on the global
environment (they are not part of the caller's transaction).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from auth.predefined_roles import BUILTIN_ROLES, ORG_ROLE_OIDS
from auth.privileges import DATABASE_ALL, has_privilege
from auth.roles import BOOTSTRAP_SUPERUSER_OID, ROLE_KEY_PREFIX, Role, RoleSnapshot, role_key
from auth.scram import make_verifier
from sql import org_roles, sqlstate
from sql.audit_trail import AuditTrail
from sql.database import DatabaseRuntime
from sql.errors import SqlError
from sql.login_checks import check_connection_limits, check_reserved_slots, password_expired
from sql.notify_hub import NotificationHub
from sql.oid_counter import OidCounter
from storage.cluster import DataDirectory
from storage.txn import Transaction

logger = logging.getLogger("pgserver.login")

DB_KEY_PREFIX = b"db:"
INIT_KEY = b"initialized"
FIRST_OID = 16384


@dataclass(frozen=True)
class DatabaseRecord:
    oid: int
    name: str
    owner: int
    acl: dict[int, str] = field(default_factory=dict)
    allow_connections: bool = True
    connlimit: int = -1

    def to_record(self) -> bytes:
        return json.dumps({"oid": self.oid, "name": self.name, "owner": self.owner,
                           "acl": {str(k): v for k, v in self.acl.items()},
                           "allow_connections": self.allow_connections, "connlimit": self.connlimit}).encode()

    @staticmethod
    def from_record(data: bytes) -> DatabaseRecord:
        d = json.loads(data)
        d["acl"] = {int(k): v for k, v in d.get("acl", {}).items()}
        return DatabaseRecord(**d)


def db_key(oid: int) -> bytes:
    return DB_KEY_PREFIX + oid.to_bytes(8, "big")


class ClusterSnapshot:
    """Roles and databases at one version of the global environment."""

    def __init__(self, records: list[tuple[bytes, bytes]], version: int) -> None:
        self.version = version
        roles = [Role.from_record(v) for k, v in records if k.startswith(ROLE_KEY_PREFIX)]
        self.roles = RoleSnapshot(list(BUILTIN_ROLES) + roles)  # a stored record of a built-in role wins
        self.org_members = org_roles.load(records)  # (database, member) -> organization roles held there
        dbs = [DatabaseRecord.from_record(v) for k, v in records if k.startswith(DB_KEY_PREFIX)]
        self.databases = {d.name: d for d in dbs}
        self.databases_by_oid = {d.oid: d for d in dbs}
        oids = [FIRST_OID - 1] + [r.oid for r in roles] + [d.oid for d in dbs]
        self.max_oid = max(oids)


class Instance:
    def __init__(self, data_dir: str, *, map_size: int | None = None) -> None:
        """``map_size``: initial storage map size of each database (None: the storage default)."""
        self.data = DataDirectory(data_dir) if map_size is None else DataDirectory(data_dir, map_size=map_size)
        self.data.lock()
        self.global_env = self.data.global_env()
        self.oids = OidCounter(self.global_env)
        self._snapshot: ClusterSnapshot | None = None
        self._runtimes: dict[int, DatabaseRuntime] = {}
        self._lock = threading.Lock()
        self._next_oid = 0
        self.sessions: dict[int, Any] = {}  # backend pid -> Session
        self.notifications = NotificationHub()  # LISTEN / NOTIFY
        # Read-only settings the server was started with (ssl, max_connections), shown by SHOW.
        self.server_settings: dict[str, str] = {}
        # Run by pg_reload_conf() (the server re-reads pg_hba.conf).
        self.reload_hooks: list[Callable[[], object]] = []
        self.audit = AuditTrail(self.data)  # per-database audit logs (sql.audit)

    # cluster snapshot -------------------------------------------------------------------------
    def cluster(self) -> ClusterSnapshot:
        snap = self._snapshot
        if snap is None or snap.version != self.global_env.committed_catalog_version:
            txn = Transaction(self.global_env)
            records = list(txn.scan_catalog(b""))
            version = txn.catalog_version()
            txn.rollback()
            snap = ClusterSnapshot(records, version)
            self._snapshot = snap
            self._next_oid = max(self._next_oid, snap.max_oid + 1)
        return snap

    def allocate_oid(self) -> int:
        with self._lock:
            self.cluster()
            oid = self.oids.allocate(self._next_oid)
            self._next_oid = oid + 1
            return oid

    def _commit_global(self, writes: list[tuple[bytes, bytes | None]]) -> Future[Any]:
        txn = Transaction(self.global_env)
        for key, value in writes:
            txn.put_catalog(key, value)
        return txn.commit()

    # initialisation ---------------------------------------------------------------------------
    def is_initialized(self) -> bool:
        txn = Transaction(self.global_env)
        try:
            return txn.get_catalog(INIT_KEY) is not None
        finally:
            txn.rollback()

    def initialize(self, superuser: str, password: str, dbname: str) -> None:
        if self.is_initialized():
            return
        role = Role(BOOTSTRAP_SUPERUSER_OID, superuser, superuser=True, createrole=True, createdb=True,
                    login=True, replication=True, bypassrls=True, verifier=make_verifier(password))
        writes: list[tuple[bytes, bytes | None]] = [(role_key(role.oid), role.to_record())]
        names = ["postgres"] + ([dbname] if dbname != "postgres" else [])
        created = []
        for name in names:
            oid = self.oids.allocate(FIRST_OID)
            rec = DatabaseRecord(oid, name, BOOTSTRAP_SUPERUSER_OID)
            self.data.create_database_dir(oid)
            runtime = DatabaseRuntime(oid, name, self.data.database_env(oid), self.oids)
            runtime.bootstrap(BOOTSTRAP_SUPERUSER_OID).result()
            writes.append((db_key(oid), rec.to_record()))
            created.append(rec)
        writes.append((INIT_KEY, b"1"))
        self._commit_global(writes).result()

    # roles ------------------------------------------------------------------------------------
    def role_verifier(self, user: str) -> str | None:
        role = self.cluster().roles.get(user)
        if role is None:
            return None
        if password_expired(role):
            logger.info('password authentication failed for user "%s": User "%s" has an expired password.',
                        user, user)
            return None  # the login fails as with a wrong password (28P01), as in PostgreSQL
        return role.verifier  # NOLOGIN is refused after authentication (28000), as in PostgreSQL

    def create_role(self, name: str, options: dict[str, Any], is_user: bool) -> Future[Any]:
        snap = self.cluster()
        if snap.roles.get(name) is not None:
            raise SqlError(sqlstate.DUPLICATE_OBJECT, f'role "{name}" already exists')
        if name.startswith("pg_"):
            raise SqlError(sqlstate.RESERVED_NAME, f'role name "{name}" is reserved',
                           detail='Role names starting with "pg_" are reserved.')
        role = Role(self.allocate_oid(), name, login=is_user)
        role = self._apply_role_options(role, options, snap)
        return self._commit_global([(role_key(role.oid), role.to_record())])

    def _apply_role_options(self, role: Role, options: dict[str, Any], snap: ClusterSnapshot) -> Role:
        changes: dict[str, Any] = {}
        for key in ("superuser", "createdb", "createrole", "login", "inherit", "replication", "bypassrls",
                    "connlimit", "valid_until"):
            if key in options:
                changes[key] = options[key]
        if "password" in options:
            pw = options["password"]
            changes["verifier"] = None if pw is None or pw == "" else (
                pw if str(pw).startswith("SCRAM-SHA-256$") else make_verifier(str(pw)))
        if "in_role" in options:
            parents = []
            for pname in options["in_role"]:
                p = snap.roles.get(pname)
                if p is None:
                    raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{pname}" does not exist')
                parents.append(p.oid)
            changes["member_of"] = tuple(sorted(set(role.member_of) | set(parents)))
        return role.with_changes(**changes)

    def alter_role(self, name: str, options: dict[str, Any]) -> Future[Any]:
        snap = self.cluster()
        role = snap.roles.get(name)
        if role is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{name}" does not exist')
        role = self._apply_role_options(role, options, snap)
        return self._commit_global([(role_key(role.oid), role.to_record())])

    def rename_role(self, name: str, new_name: str) -> Future[Any]:
        snap = self.cluster()
        role = snap.roles.get(name)
        if role is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{name}" does not exist')
        if snap.roles.get(new_name) is not None:
            raise SqlError(sqlstate.DUPLICATE_OBJECT, f'role "{new_name}" already exists')
        return self._commit_global([(role_key(role.oid), role.with_changes(name=new_name).to_record())])

    def drop_role(self, role: Role) -> Future[Any]:
        snap = self.cluster()
        for d in snap.databases.values():
            if d.owner == role.oid:
                raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST,
                               f'role "{role.name}" cannot be dropped because some objects depend on it',
                               detail=f"owner of database {d.name}")
        writes: list[tuple[bytes, bytes | None]] = [(role_key(role.oid), None)]
        writes += org_roles.forget_member(snap, role.oid)
        for other in snap.roles.by_oid.values():
            if role.oid in other.member_of:
                writes.append((role_key(other.oid), other.with_changes(
                    member_of=tuple(m for m in other.member_of if m != role.oid),
                    admin_of=tuple(m for m in other.admin_of if m != role.oid)).to_record()))
        for d in snap.databases.values():
            if role.oid in d.acl:
                acl = {k: v for k, v in d.acl.items() if k != role.oid}
                writes.append((db_key(d.oid), DatabaseRecord(d.oid, d.name, d.owner, acl).to_record()))
        return self._commit_global(writes)

    def set_role_membership(self, member: Role, parents: list[int], add: bool, admin: bool = False) -> Future[Any]:
        current = set(member.member_of)
        current = current | set(parents) if add else current - set(parents)
        admins = set(member.admin_of) & current
        if add and admin:
            admins |= set(parents)
        return self._commit_global([(role_key(member.oid), member.with_changes(
            member_of=tuple(sorted(current)), admin_of=tuple(sorted(admins))).to_record())])

    # databases --------------------------------------------------------------------------------
    def database(self, name: str) -> DatabaseRecord | None:
        return self.cluster().databases.get(name)

    def runtime(self, rec: DatabaseRecord) -> DatabaseRuntime:
        with self._lock:
            rt = self._runtimes.get(rec.oid)
            if rt is None:
                rt = DatabaseRuntime(rec.oid, rec.name, self.data.database_env(rec.oid), self.oids)
                self._runtimes[rec.oid] = rt
            return rt

    def create_database(self, name: str, owner: int) -> Future[Any]:
        if self.cluster().databases.get(name) is not None:
            raise SqlError(sqlstate.DUPLICATE_DATABASE, f'database "{name}" already exists')
        oid = self.allocate_oid()
        self.data.create_database_dir(oid)
        rt = DatabaseRuntime(oid, name, self.data.database_env(oid), self.oids)
        rt.bootstrap(owner).result()
        return self._commit_global([(db_key(oid), DatabaseRecord(oid, name, owner).to_record())])

    def drop_database(self, rec: DatabaseRecord) -> Future[Any]:
        # as PostgreSQL does, give sessions that are just disconnecting up to 5 seconds to go away
        deadline = time.monotonic() + 5.0
        others = [s for s in self.sessions.values() if s.database_oid == rec.oid]
        while others and time.monotonic() < deadline:
            time.sleep(0.05)
            others = [s for s in self.sessions.values() if s.database_oid == rec.oid]
        if others:
            raise SqlError(sqlstate.OBJECT_IN_USE, f'database "{rec.name}" is being accessed by other users',
                           detail=f"There {'is' if len(others) == 1 else 'are'} {len(others)} other "
                                  f"session{'s' if len(others) != 1 else ''} using the database.")
        fut = self._commit_global([(db_key(rec.oid), None)] + org_roles.forget_database(self.cluster(), rec.oid))
        fut.result()
        with self._lock:
            self._runtimes.pop(rec.oid, None)
        self.audit.forget_database(rec.oid)
        self.data.drop_database_dir(rec.oid)
        return fut

    def set_database_acl(self, rec: DatabaseRecord, acl: dict[int, str]) -> Future[Any]:
        new = DatabaseRecord(rec.oid, rec.name, rec.owner, acl, rec.allow_connections, rec.connlimit)
        return self._commit_global([(db_key(rec.oid), new.to_record())])

    def rename_database(self, rec: DatabaseRecord, new_name: str) -> Future[Any]:
        if self.cluster().databases.get(new_name) is not None:
            raise SqlError(sqlstate.DUPLICATE_DATABASE, f'database "{new_name}" already exists')
        new = DatabaseRecord(rec.oid, new_name, rec.owner, rec.acl, rec.allow_connections, rec.connlimit)
        return self._commit_global([(db_key(rec.oid), new.to_record())])

    # sessions ---------------------------------------------------------------------------------
    def connect(self, user: str, database: str, params: dict[str, str], backend_pid: int,
                client_addr: str) -> Any:
        from sql.session import Session

        snap = self.cluster()
        role = snap.roles.get(user)
        if role is None:
            raise SqlError(sqlstate.INVALID_AUTHORIZATION_SPECIFICATION, f'role "{user}" does not exist',
                           severity="FATAL")
        if not role.login:
            raise SqlError(sqlstate.INVALID_AUTHORIZATION_SPECIFICATION,
                           f'role "{user}" is not permitted to log in', severity="FATAL")
        rec = snap.databases.get(database)
        if rec is None:
            raise SqlError(sqlstate.INVALID_CATALOG_NAME, f'database "{database}" does not exist',
                           severity="FATAL")
        roles = org_roles.memberships_in(snap, rec.oid, role.oid)
        if not has_privilege(roles, role.superuser, rec.owner, rec.acl, "c") and not roles & ORG_ROLE_OIDS:
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f'permission denied for database "{database}"',
                           detail="User does not have CONNECT privilege.", severity="FATAL")
        check_reserved_slots(role, len(self.sessions), self.server_settings)
        check_connection_limits(role, rec, self.sessions.values())
        session = Session(self, self.runtime(rec), role, params, backend_pid, client_addr)
        self.sessions[backend_pid] = session
        return session

    def disconnect(self, backend_pid: int) -> None:
        self.sessions.pop(backend_pid, None)
        self.notifications.unregister(backend_pid)

    def close(self) -> None:
        for s in list(self.sessions.values()):
            try:
                s.terminate()
            except Exception:
                pass
        self.audit.close()
        self.data.close()
        self.data.unlock()


DATABASE_PRIVILEGES = DATABASE_ALL
