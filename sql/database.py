"""One open database (organization) as the SQL layer sees it: its storage environment, the
current committed catalog snapshot (reloaded when another session commits DDL), OID allocation
and sequence counters.

Sequences are non-transactional as in PostgreSQL: ``nextval`` advances an in-memory counter at
once, and the transaction that used it persists "at least this value" when it commits.
"""

from __future__ import annotations

import threading
from typing import Any

from auth.predefined_roles import PG_DATABASE_OWNER
from sql import sqlstate
from sql.catalog import PG_CATALOG_OID, PUBLIC_OID, Catalog, Schema, dsc_key, encode_schema, nsp_key
from sql.errors import SqlError
from sql.oid_counter import OidCounter
from storage.kv import KVEnv
from storage.txn import Transaction, catalog_version


class DatabaseRuntime:
    def __init__(self, oid: int, name: str, env: KVEnv, oids: OidCounter) -> None:
        self.oid = oid
        self.oids = oids  # the cluster's counter: OIDs are unique across all databases
        self.name = name
        self.env = env
        self._catalog: Catalog | None = None
        self._lock = threading.Lock()
        self._next_oid = 0
        self._sequences: dict[int, tuple[int, bool]] = {}  # seq oid -> (value, is_called)
        self.sessions = 0

    def catalog(self) -> Catalog:
        cat = self._catalog
        if cat is None or cat.version != self.env.committed_catalog_version:
            with self.env.read() as view:
                version = catalog_version(view)
                txn = Transaction(self.env)
                records = list(txn.scan_catalog(b""))
                txn.rollback()
            cat = Catalog.load(records, version)
            self._catalog = cat
            self._next_oid = max(self._next_oid, cat.max_oid() + 1)
        return cat

    def allocate_oid(self) -> int:
        with self._lock:
            if self._next_oid == 0:
                self.catalog()
            oid = self.oids.allocate(self._next_oid)
            self._next_oid = oid + 1
            return oid

    def bootstrap(self, owner: int) -> Any:
        """Write the initial catalog (schema public) of a new database; returns the commit future.

        As in PostgreSQL 15, public belongs to pg_database_owner (whoever owns the database)."""
        txn = Transaction(self.env)
        txn.put_catalog(nsp_key(PUBLIC_OID), encode_schema(Schema(PUBLIC_OID, "public", PG_DATABASE_OWNER,
                                                                   {0: "U"})))
        txn.put_catalog(dsc_key(PUBLIC_OID, 0), b"standard public schema")  # as initdb comments it
        return txn.commit()

    # sequences ------------------------------------------------------------------------------
    # In memory: seq oid -> (value, is_called). Stored: the last value handed out (for a state
    # that is not "called", the value minus one increment).
    def _state(self, seq: Any, txn: Transaction) -> tuple[int, bool]:
        st = self._sequences.get(seq.oid)
        if st is None:
            stored = txn.sequence_get(seq.oid)
            st = (seq.start, False) if stored is None else (stored, True)
        return st

    def nextval(self, seq: Any, txn: Transaction) -> int:
        with self._lock:
            last, called = self._state(seq, txn)
            value = last + seq.increment if called else last
            if (seq.increment > 0 and value > seq.max_value) or (seq.increment < 0 and value < seq.min_value):
                if not seq.cycle:
                    bound = seq.max_value if seq.increment > 0 else seq.min_value
                    raise SqlError(sqlstate.SEQUENCE_GENERATOR_LIMIT_EXCEEDED,
                                   f'nextval: reached {"maximum" if seq.increment > 0 else "minimum"} value of '
                                   f'sequence "{seq.name}" ({bound})')
                value = seq.min_value if seq.increment > 0 else seq.max_value
            self._sequences[seq.oid] = (value, True)
        if seq.increment > 0:
            txn.sequence_set_at_least(seq.oid, value)
        else:
            txn.sequence_set_at_most(seq.oid, value)
        return value

    def setval(self, seq: Any, value: int, txn: Transaction, is_called: bool = True) -> None:
        if value < seq.min_value or value > seq.max_value:
            raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE,
                           f'setval: value {value} is out of bounds for sequence "{seq.name}" '
                           f"({seq.min_value}..{seq.max_value})")
        with self._lock:
            self._sequences[seq.oid] = (value, is_called)
        txn.sequence_set(seq.oid, value if is_called else value - seq.increment)

    def restart_sequence(self, seq: Any, value: int, txn: Transaction) -> None:
        """ALTER SEQUENCE ... RESTART / TRUNCATE ... RESTART IDENTITY: next nextval gives ``value``."""
        with self._lock:
            self._sequences[seq.oid] = (value, False)
        txn.sequence_set(seq.oid, value - seq.increment)

    def sequence_state(self, seq: Any, txn: Transaction) -> tuple[int, bool]:
        """(last_value, is_called) as pg_sequences / SELECT * FROM seq would show it."""
        with self._lock:
            return self._state(seq, txn)

    def forget_sequence(self, oid: int) -> None:
        with self._lock:
            self._sequences.pop(oid, None)


PG_CATALOG_SCHEMA = Schema(PG_CATALOG_OID, "pg_catalog", 10)
