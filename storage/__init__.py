"""Storage layer of pgserver: LMDB environments, transactions, key and row encodings.

What lives here (one module each): :mod:`storage.keys` (order-preserving key encoding),
:mod:`storage.rows` (row tuples <-> bytes), :mod:`storage.layout` (table/index layouts and the key
space), :mod:`storage.kv` (LMDB env with a group-commit writer thread), :mod:`storage.writeset`,
:mod:`storage.merge`, :mod:`storage.commit` and :mod:`storage.txn` (transactions with a buffered
write set applied at COMMIT), :mod:`storage.cluster` (data directory, lock file, per-database envs).

What does not live here: SQL text, ASTs, types beyond "storage forms", sockets, asyncio. Storage
imports only lmdb, the standard library and :mod:`sql.errors` / :mod:`sql.sqlstate`.
"""
