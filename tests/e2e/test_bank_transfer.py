"""Bank transfers (bench/bank_transfer.py) against pgserver: 64 concurrent clients move money
between 1,000 accounts for a fixed time at each isolation level, retrying 40001 / 40P01.

The total never changes, every audit (a sum of all balances in one transaction) sees it, and every
account's balance equals what the transfer log (written in the same transactions) says: no update
is lost. Throughput and retry rate are printed (pytest -s shows them).
"""

from __future__ import annotations

from typing import Any

import pytest

from bench.bank_transfer import START_BALANCE, run_level, verify

CLIENTS = 64
ACCOUNTS = 1000
SECONDS = 8.0


@pytest.mark.parametrize("level", ["read committed", "repeatable read", "serializable"])
def test_bank_transfers_keep_the_total_and_lose_no_update(server: Any, db: str, level: str) -> None:
    dsn = server.dsn(dbname=db)
    stats = run_level(dsn, level, clients=CLIENTS, accounts=ACCOUNTS, seconds=SECONDS)
    total, bad = verify(dsn, ACCOUNTS)
    print(f"\n{level}: {stats.committed} transfers in {stats.seconds:.1f}s = {stats.throughput:.1f} tx/s, "
          f"retry rate {stats.retry_rate:.1%} {stats.retries}, {stats.audits} audits")
    assert stats.errors == []
    assert stats.committed > 0 and stats.audits > 0
    assert total == START_BALANCE * ACCOUNTS
    assert bad == []
    assert stats.bad_audits == []
    if level != "read committed":  # first updater wins: concurrent transfers on one account must retry
        assert stats.retries["40001"] > 0
