"""The cluster-wide OID counter: every new object of every database (and every new role and
database) takes its OID from here, so OIDs stay unique across the cluster and across restarts.

The counter is kept durably in the cluster's global environment, in blocks: the stored value
is the first OID not yet reserved. When the block in memory runs out, the next block is
reserved by a commit that raises the stored value (and is waited for) before any OID of it is
handed out. After a restart the counter resumes at the stored value, so the unused rest of the
last block is skipped, never handed out twice.
"""

from __future__ import annotations

import threading

from storage.kv import KVEnv
from storage.txn import Transaction

OID_BLOCK = 1000
COUNTER_ID = 0  # the global environment's own sequence slot for the counter (it has no user sequences)

# The highest OID handed out in this process by any counter: user types are registered process-wide
# by OID, so clusters opened one after another in one process (tests) must not reuse each other's.
_process_lock = threading.Lock()
_process_high = [0]


class OidCounter:
    def __init__(self, env: KVEnv) -> None:
        self._env = env
        self._lock = threading.Lock()
        self._next = 0
        self._limit = 0  # first OID past the reserved block

    def allocate(self, floor: int = 0) -> int:
        """A new OID, at least ``floor`` (the caller's own lower bound, e.g. its catalog's max OID + 1)."""
        with self._lock:
            if self._limit == 0:  # first use in this process: resume after everything reserved before
                txn = Transaction(self._env)
                stored = txn.sequence_get(COUNTER_ID) or 0
                txn.rollback()
                self._next = self._limit = stored
            with _process_lock:
                oid = max(self._next, floor, _process_high[0] + 1)
                _process_high[0] = oid
            if oid >= self._limit:
                self._reserve(oid + OID_BLOCK)
            self._next = oid + 1
            return oid

    def _reserve(self, limit: int) -> None:
        txn = Transaction(self._env)
        txn.sequence_set_at_least(COUNTER_ID, limit)
        txn.commit().result()
        self._limit = limit
