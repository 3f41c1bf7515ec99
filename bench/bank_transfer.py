"""Bank transfers: concurrent clients move money between accounts at one isolation level.

Every transfer is one transaction: debit one account, credit another, append a row to the
``transfers`` log. A transfer refused with 40001 (serialization failure) or 40P01 (deadlock) is
rolled back and retried until it commits. One more client audits: it reads the sum of all
balances in a transaction of the same level, which must always equal the starting total.

Afterwards :func:`verify` checks that the total is unchanged and that every account's balance
equals its starting balance plus what the log says it received minus what it sent: an update
lost by a concurrent transaction would show up as a difference.

Usage:
    python bench/bank_transfer.py --dsn "..." [--pg-dsn "..."] [--clients 64] [--accounts 1000] [--seconds 10]
    python bench/bank_transfer.py --start-both
prints committed transfers per second and the retry rate per level for each server.
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
from dataclasses import dataclass, field

import psycopg

LEVELS = ("read committed", "repeatable read", "serializable")
RETRYABLE = ("40001", "40P01")
START_BALANCE = 1000


@dataclass
class Stats:
    level: str
    seconds: float = 0.0
    committed: int = 0
    retries: dict[str, int] = field(default_factory=lambda: {code: 0 for code in RETRYABLE})
    errors: list[str] = field(default_factory=list)  # anything but 40001 / 40P01
    audits: int = 0
    bad_audits: list[int] = field(default_factory=list)  # sums that differed from the total

    @property
    def throughput(self) -> float:
        return self.committed / self.seconds if self.seconds else 0.0

    @property
    def retry_rate(self) -> float:
        """Refused attempts per attempt."""
        refused = sum(self.retries.values())
        return refused / (refused + self.committed) if refused + self.committed else 0.0


def setup(dsn: str, accounts: int) -> None:
    with psycopg.connect(dsn, autocommit=True, connect_timeout=10) as c:
        c.execute("drop table if exists transfers")
        c.execute("drop table if exists accounts")
        c.execute("create table accounts (id int primary key, balance bigint not null)")
        c.execute("create table transfers (src int not null, dst int not null, amount int not null)")
        c.execute("insert into accounts select g, %s from generate_series(1, %s) g", (START_BALANCE, accounts))


def _transfer(conn: psycopg.Connection, level: str, src: int, dst: int, amount: int) -> None:
    conn.execute(f"begin isolation level {level}")
    conn.execute("update accounts set balance = balance - %s where id = %s", (amount, src))
    conn.execute("update accounts set balance = balance + %s where id = %s", (amount, dst))
    conn.execute("insert into transfers (src, dst, amount) values (%s, %s, %s)", (src, dst, amount))
    conn.execute("commit")


def run_level(dsn: str, level: str, *, clients: int = 64, accounts: int = 1000, seconds: float = 10.0,
              seed: int = 1) -> Stats:
    """Run the workload on freshly set up tables for ``seconds``; the counts of what happened."""
    setup(dsn, accounts)
    stats = Stats(level)
    lock = threading.Lock()
    stop = threading.Event()
    conns = [psycopg.connect(dsn, autocommit=True, connect_timeout=30) for _ in range(clients + 1)]
    total = START_BALANCE * accounts

    def client(n: int) -> None:
        rnd = random.Random(seed * 1000 + n)
        conn = conns[n]
        committed = 0
        retries = dict.fromkeys(RETRYABLE, 0)
        try:
            while not stop.is_set():
                src, dst = rnd.sample(range(1, accounts + 1), 2)
                amount = rnd.randint(1, 100)
                while True:
                    try:
                        _transfer(conn, level, src, dst, amount)
                        committed += 1
                        break
                    except psycopg.Error as e:
                        conn.execute("rollback")
                        if e.sqlstate not in RETRYABLE:
                            raise
                        retries[e.sqlstate] += 1
                        if stop.is_set():
                            break
                        time.sleep(rnd.random() * 0.002)
        except Exception as e:  # noqa: BLE001 - reported in the stats
            with lock:
                stats.errors.append(f"{type(e).__name__}: {e}")
        with lock:
            stats.committed += committed
            for code, n in retries.items():
                stats.retries[code] += n

    def auditor() -> None:
        conn = conns[clients]
        while not stop.is_set():
            try:
                conn.execute(f"begin isolation level {level} read only")
                s = conn.execute("select sum(balance) from accounts").fetchone()[0]
                conn.execute("commit")
            except psycopg.Error as e:
                conn.execute("rollback")
                if e.sqlstate not in RETRYABLE:
                    with lock:
                        stats.errors.append(f"audit: {e}")
                    return
                continue
            with lock:
                stats.audits += 1
                if s != total:
                    stats.bad_audits.append(int(s))
            time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    threads.append(threading.Thread(target=auditor))
    t0 = time.monotonic()
    try:
        for t in threads:
            t.start()
        time.sleep(seconds)
        stop.set()
        for t in threads:
            t.join()
    finally:
        stop.set()
        stats.seconds = time.monotonic() - t0
        for c in conns:
            c.close()
    return stats


def verify(dsn: str, accounts: int) -> tuple[int, list[str]]:
    """(total balance, accounts whose balance disagrees with the transfer log)."""
    with psycopg.connect(dsn, autocommit=True, connect_timeout=10) as c:
        balances = dict(c.execute("select id, balance from accounts").fetchall())
        expected = dict.fromkeys(range(1, accounts + 1), START_BALANCE)
        for src, dst, amount in c.execute("select src, dst, amount from transfers"):
            expected[src] -= amount
            expected[dst] += amount
    bad = [f"account {k}: balance {balances.get(k)}, log says {v}" for k, v in expected.items() if balances.get(k) != v]
    return sum(balances.values()), bad


def _report(name: str, stats: Stats, total: int, bad: list[str], expected_total: int) -> str:
    ok = "ok" if total == expected_total and not bad and not stats.bad_audits and not stats.errors else "FAILED"
    return (f"{name:<11} {stats.level:<16} {stats.throughput:9.1f} tx/s  retry rate {stats.retry_rate:6.1%}"
            f"  (40001: {stats.retries['40001']}, 40P01: {stats.retries['40P01']})  audits {stats.audits}"
            f"  total {total}  {ok}")


def main(argv: list[str] | None = None) -> int:
    from bench.targets import add_target_arguments, benchmark_targets

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_target_arguments(ap)
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--seconds", type=float, default=10.0)
    args = ap.parse_args(argv)
    failed = False
    with benchmark_targets(ap, args) as targets:
        for level in LEVELS:
            for name, dsn in targets:
                stats = run_level(dsn, level, clients=args.clients, accounts=args.accounts, seconds=args.seconds)
                total, bad = verify(dsn, args.accounts)
                line = _report(name, stats, total, bad, START_BALANCE * args.accounts)
                failed |= line.endswith("FAILED")
                print(line, flush=True)
                for err in stats.errors[:3] + bad[:3]:
                    print("   ", err)
    return 1 if failed else 0


if __name__ == "__main__":
    if __package__ in (None, ""):
        from pathlib import Path

        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
