"""``pgserver audit verify|show --data-dir D [--database NAME]``: check or print the audit logs.

``verify`` walks the hash chain of each database's log (and of the cluster-level log of failed
logins to unknown databases when no ``--database`` is given), compares its end with the checkpoint
stored in the database's storage, and exits with status 1 naming the first broken entry of the
first broken log; 0 when every chain is intact. ``show`` prints the entries, one a line (``--json``:
as stored). Run them while the server is stopped (they take the data directory's lock).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from sql.audit_trail import CLUSTER_LOG_NAME, log_files, read_entries, verify_log
from sql.errors import SqlError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pgserver audit", description="Check or print the audit logs.")
    p.add_argument("action", choices=["verify", "show"])
    p.add_argument("-D", "--data-dir", help="data directory (env PGSERVER_DATA_DIR or PGDATA; default ./pgdata)")
    p.add_argument("-d", "--database", help="only this database's log")
    p.add_argument("--json", action="store_true", help="show: print the entries as stored")
    return p


def _relative(path: str, root: str) -> str:
    return os.path.relpath(path, root)


def _verify(instance: Any, database: str | None) -> int:
    status = 0
    for name, path, checkpoint in log_files(instance, database):
        result = verify_log(path, checkpoint)
        where = f'audit log of database "{name}"' if name != CLUSTER_LOG_NAME else "cluster audit log"
        where += f" ({_relative(path, instance.data.root)})"
        if result.ok:
            print(f"{where}: {result.entries} entries, chain intact")
        else:
            print(f"{where}: BROKEN at entry {result.broken_seq}: {result.problem}")
            status = 1
    return status


def _show(instance: Any, database: str | None, as_json: bool) -> int:
    for name, path, _checkpoint in log_files(instance, database):
        if not os.path.exists(path):
            continue
        for _lineno, entry, raw in read_entries(path):
            if as_json or entry is None:
                sys.stdout.write(raw.decode("utf-8", "replace"))
                continue
            objects = ",".join(entry.get("objects") or []) or "-"
            client = f"{entry.get('client_addr')}:{entry.get('client_port')}"
            print(f"{name} #{entry.get('seq')} {entry.get('time')} {entry.get('user')}/{entry.get('role')}@{client} "
                  f"{entry.get('tag')} {entry.get('outcome')} {entry.get('sqlstate')} objects={objects} "
                  f"{json.dumps(entry.get('statement', ''), ensure_ascii=False)}")
    return 0


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    data_dir = args.data_dir or os.environ.get("PGSERVER_DATA_DIR") or os.environ.get("PGDATA") or "./pgdata"
    if not os.path.isdir(data_dir):
        print(f'FATAL:  data directory "{data_dir}" does not exist', file=sys.stderr)
        return 2
    from sql.instance import Instance

    try:
        instance = Instance(data_dir)
    except SqlError as err:
        print(f"FATAL:  {err.message}", file=sys.stderr)
        return 2
    try:
        if args.action == "verify":
            return _verify(instance, args.database)
        return _show(instance, args.database, args.json)
    except SqlError as err:
        print(f"FATAL:  {err.message}", file=sys.stderr)
        return 2
    finally:
        instance.close()
