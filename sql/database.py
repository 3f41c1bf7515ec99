"""One open database (organization) as the SQL layer sees it: its storage environment, the
current committed catalog snapshot (reloaded when another session commits DDL), OID allocation
and sequence counters.

Sequences are non-transactional as in PostgreSQL: ``nextval`` advances an in-memory counter at
once, and the transaction that used it persists "at least this value" when it commits.
"""

from __future__ import annotations

import threading
from typing import Any

from sql import sqlstate
from sql.catalog import PG_CATALOG_OID, PUBLIC_OID, Catalog, Schema, encode_schema, nsp_key
from sql.errors import SqlError
from storage.kv import KVEnv
from storage.txn import Transaction, catalog_version


class DatabaseRuntime:
    def __init__(self, oid: int, name: str, env: KVEnv) -> None:
        self.oid = oid
        self.name = name
        self.env = env
        self._catalog: Catalog | None = None
        self._lock = threading.Lock()
        self._next_oid = 0
        self._sequences: dict[int, int] = {}  # seq oid -> last value handed out
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
            oid = self._next_oid
            self._next_oid += 1
            return oid

    def bootstrap(self, owner: int) -> Any:
        """Write the initial catalog (schema public) of a new database; returns the commit future."""
        txn = Transaction(self.env)
        txn.put_catalog(nsp_key(PUBLIC_OID), encode_schema(Schema(PUBLIC_OID, "public", owner)))
        return txn.commit()

    # sequences ------------------------------------------------------------------------------
    def nextval(self, seq: Any, txn: Transaction) -> int:
        with self._lock:
            last = self._sequences.get(seq.oid)
            if last is None:
                stored = txn.sequence_get(seq.oid)
                last = stored if stored is not None else None
            if last is None:
                value = seq.start
            else:
                value = last + seq.increment
            if (seq.increment > 0 and value > seq.max_value) or (seq.increment < 0 and value < seq.min_value):
                if not seq.cycle:
                    bound = seq.max_value if seq.increment > 0 else seq.min_value
                    raise SqlError(sqlstate.SEQUENCE_GENERATOR_LIMIT_EXCEEDED,
                                   f'nextval: reached {"maximum" if seq.increment > 0 else "minimum"} value of '
                                   f'sequence "{seq.name}" ({bound})')
                value = seq.min_value if seq.increment > 0 else seq.max_value
            self._sequences[seq.oid] = value
        txn.sequence_set_at_least(seq.oid, value) if seq.increment > 0 else None
        return value

    def setval(self, seq: Any, value: int, txn: Transaction) -> None:
        with self._lock:
            self._sequences[seq.oid] = value
        txn.sequence_set_at_least(seq.oid, value)

    def forget_sequence(self, oid: int) -> None:
        with self._lock:
            self._sequences.pop(oid, None)


PG_CATALOG_SCHEMA = Schema(PG_CATALOG_OID, "pg_catalog", 10)
